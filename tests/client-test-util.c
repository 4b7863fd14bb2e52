/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client against the simulator: shared by test-client.c and test-client-faults.c. */
#include "config.h"

#include "client-test-util.h"

const char order_body[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\","
  "\"is_rsassa_pss\":false,\"individual\":{\"first_name\":\"Jan\",\"last_name\":\"Jansen\","
  "\"email\":\"jan.jansen@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"Jan Jansen\",\"addr1\":\"Kerkstraat 1\",\"addr2\":\"\","
  "\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new ();

  fx->sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (fx->sim, KEY);
  pkio_simulator_set_fault_delay (fx->sim, 1500);
  g_assert_true (pkio_simulator_start (fx->sim, &error));
  g_assert_no_error (error);

  fx->client = pkio_client_new (pkio_simulator_get_base_url (fx->sim), KEY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->client);
  pkio_client_set_retry_base_delay (fx->client, 5);
  pkio_client_set_timeout (fx->client, 5000);
  pkio_client_set_rate_limiter (fx->client, limiter);
}

void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_assert_finalize_object (fx->client);
  g_assert_finalize_object (fx->sim);
}

/* ---- waiting for async results ---------------------------------------------------------- */

void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

PkioOrderAnswer *
place_order (Fixture     *fx,
             const char  *body,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = json_from_string (body, NULL);

  g_assert_nonnull (node);
  pkio_client_place_order_async (fx->client, node, NULL, got_result_cb, &result);
  return pkio_client_place_order_finish (fx->client, wait_result (&result), error);
}

JsonObject *
get_user (PkioClient    *client,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_get_user_async (client, cancellable, got_result_cb, &result);
  return pkio_client_get_user_finish (client, wait_result (&result), error);
}

JsonObject *
get_balance (Fixture *fx, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_get_balance_async (fx->client, NULL, got_result_cb, &result);
  return pkio_client_get_balance_finish (fx->client, wait_result (&result), error);
}

JsonObject *
get_product (Fixture *fx, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_get_product_async (fx->client, NULL, got_result_cb, &result);
  return pkio_client_get_product_finish (fx->client, wait_result (&result), error);
}

GPtrArray *
list_orders (Fixture *fx, const PkioListQuery *query, guint *total, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_list_orders_async (fx->client, query, NULL, got_result_cb, &result);
  return pkio_client_list_orders_finish (fx->client, wait_result (&result), total, error);
}

GPtrArray *
list_all_orders (Fixture *fx, const PkioListQuery *query, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_list_all_orders_async (fx->client, query, NULL, got_result_cb, &result);
  return pkio_client_list_all_orders_finish (fx->client, wait_result (&result), error);
}

PkioRemoteOrder *
get_order (Fixture *fx, gint64 id, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_get_order_async (fx->client, id, NULL, got_result_cb, &result);
  return pkio_client_get_order_finish (fx->client, wait_result (&result), error);
}

GPtrArray *
status_changes (Fixture *fx, guint minutes, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_status_changes_async (fx->client, minutes, NULL, got_result_cb, &result);
  return pkio_client_status_changes_finish (fx->client, wait_result (&result), error);
}

gboolean
cancel_order (Fixture *fx, gint64 id, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_cancel_order_async (fx->client, id, "Ordered by mistake", NULL, got_result_cb,
                                  &result);
  return pkio_client_cancel_order_finish (fx->client, wait_result (&result), error);
}

const char *
request_header (PkioSimulator *sim,
                guint          index,
                const char    *name)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (sim);
  PkioSimulatorRequest *request;

  g_assert_cmpuint (index, <, requests->len);
  request = g_ptr_array_index (requests, index);
  /* The header table lives as long as the simulator keeps the request. */
  return g_hash_table_lookup (request->headers, name);
}
