/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client when CertCentral misbehaves: too many requests, server errors, answers that are
 * not JSON, no answer in time. A GET is retried a bounded number of times; an order POST is
 * never sent twice, and says its outcome is unknown when it may have been placed. */
#include "config.h"

#include "client-test-util.h"

static void
test_rate_limited_retried (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;

  pkio_simulator_inject_fault (fx->sim, "GET", "user/me", PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1);
  user = get_user (fx->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "user/me"), ==, 2);
}

static void
test_retry_after_honoured (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;
  gint64 start = g_get_monotonic_time ();

  pkio_simulator_inject_fault (fx->sim, "GET", "user/me",
                               PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER, 1);
  user = get_user (fx->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  /* Retry-After: 1, while the backoff alone would be 5 ms. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 950 * 1000);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "user/me"), ==, 2);
}

static void
test_rate_limited_gives_up (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;

  pkio_simulator_inject_fault (fx->sim, "GET", "user/me", PKIO_SIMULATOR_FAULT_RATE_LIMIT, 10);
  user = get_user (fx->client, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "user/me"), ==,
                    PKIO_CLIENT_MAX_ATTEMPTS);
}

static void
test_server_error_bounded (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) balance = NULL;

  pkio_simulator_inject_fault (fx->sim, "GET", "finance/balance",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 10);
  balance = get_balance (fx, &error);
  g_assert_null (balance);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_SERVER_ERROR);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "finance/balance"), ==,
                    PKIO_CLIENT_MAX_ATTEMPTS);
}

static void
test_server_error_then_success (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) balance = NULL;

  pkio_simulator_inject_fault (fx->sim, "GET", "finance/balance",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 2);
  balance = get_balance (fx, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (balance, "balance"));
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "finance/balance"), ==, 3);
}

static void
test_bad_gateway_html (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) product = NULL;

  pkio_simulator_inject_fault (fx->sim, "GET", "product/",
                               PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML, 10);
  product = get_product (fx, &error);
  g_assert_null (product);
  /* A server error (try again later), said as a web page in the way. */
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_SERVER_ERROR);
  g_assert_nonnull (strstr (error->message, "web page"));
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "product/"), ==,
                    PKIO_CLIENT_MAX_ATTEMPTS);
}

static void
test_bad_answers_on_get (Fixture *fx, gconstpointer data)
{
  const PkioSimulatorFault faults[] = {
    PKIO_SIMULATOR_FAULT_MALFORMED_JSON, PKIO_SIMULATOR_FAULT_DEEP_NESTING,
    PKIO_SIMULATOR_FAULT_HUGE_BODY, PKIO_SIMULATOR_FAULT_WRONG_TYPES,
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) user = NULL;
      g_autoptr(JsonObject) balance = NULL;
      g_autoptr(JsonObject) product = NULL;
      g_autoptr(GPtrArray) orders = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(PkioRemoteOrder) order = NULL;

      pkio_simulator_clear_requests (fx->sim);
      pkio_simulator_inject_fault (fx->sim, "GET", NULL, faults[i], 6);

      user = get_user (fx->client, NULL, &error);
      g_assert_null (user);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_clear_error (&error);
      balance = get_balance (fx, &error);
      g_assert_null (balance);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_clear_error (&error);
      product = get_product (fx, &error);
      g_assert_null (product);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_clear_error (&error);
      orders = list_orders (fx, NULL, NULL, &error);
      g_assert_null (orders);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_clear_error (&error);
      changes = status_changes (fx, 60, &error);
      g_assert_null (changes);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_clear_error (&error);
      order = get_order (fx, 1, &error);
      g_assert_null (order);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);

      /* A bad answer is not retried. */
      g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", NULL), ==, 6);
    }
}

static void
test_timeout_get (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;

  pkio_client_set_timeout (fx->client, 200);
  pkio_simulator_inject_fault (fx->sim, "GET", "user/me", PKIO_SIMULATOR_FAULT_DELAY, 1);
  user = get_user (fx->client, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_TIMEOUT);
}

static void
assert_one_post_unknown (Fixture *fx, PkioSimulatorFault fault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderAnswer) placed = NULL;

  pkio_simulator_inject_fault (fx->sim, "POST", "order/certificate", fault, 5);
  placed = place_order (fx, order_body, &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", NULL), ==, 1);
}

static void
test_post_timeout (Fixture *fx, gconstpointer data)
{
  pkio_client_set_timeout (fx->client, 200);
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_DELAY);
}

static void
test_post_drop_after_body (Fixture *fx, gconstpointer data)
{
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY);
  /* The simulator did create it: that is exactly why the outcome is unknown. */
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 1);
}

static void
test_post_server_error (Fixture *fx, gconstpointer data)
{
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_SERVER_ERROR);
}

static void
test_post_bad_gateway (Fixture *fx, gconstpointer data)
{
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML);
}

static void
test_post_unreadable_answer (Fixture *fx, gconstpointer data)
{
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_MALFORMED_JSON);
  pkio_simulator_clear_requests (fx->sim);
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_WRONG_TYPES);
  pkio_simulator_clear_requests (fx->sim);
  assert_one_post_unknown (fx, PKIO_SIMULATOR_FAULT_HUGE_BODY);
}

static void
test_post_rate_limited_not_retried (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderAnswer) placed = NULL;

  pkio_simulator_inject_fault (fx->sim, "POST", NULL, PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1);
  placed = place_order (fx, order_body, &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", NULL), ==, 1);
}

static void
test_post_invalid_entries (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderAnswer) placed = NULL;
  g_autofree char *body = g_strdup (order_body);
  char *email = strstr (body, "jan.jansen@example.com");
  GPtrArray *entries;
  gboolean found = FALSE;

  g_assert_nonnull (email);
  email[8] = ' ';   /* "jan.jans n@example.com": not an address */
  placed = place_order (fx, body, &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_INVALID_INPUT);
  entries = pkio_api_error_get_entries (error);
  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);

      g_assert_nonnull (entry->message);
      if (g_strcmp0 (entry->field, "certificate.individual.email") == 0)
        found = TRUE;
    }
  g_assert_true (found);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/client/rate-limited-retried", test_rate_limited_retried);
  ADD ("/client/retry-after", test_retry_after_honoured);
  ADD ("/client/rate-limited-gives-up", test_rate_limited_gives_up);
  ADD ("/client/server-error-bounded", test_server_error_bounded);
  ADD ("/client/server-error-then-success", test_server_error_then_success);
  ADD ("/client/bad-gateway-html", test_bad_gateway_html);
  ADD ("/client/bad-answers", test_bad_answers_on_get);
  ADD ("/client/timeout-get", test_timeout_get);
  ADD ("/client/post-timeout", test_post_timeout);
  ADD ("/client/post-drop-after-body", test_post_drop_after_body);
  ADD ("/client/post-server-error", test_post_server_error);
  ADD ("/client/post-bad-gateway", test_post_bad_gateway);
  ADD ("/client/post-unreadable-answer", test_post_unreadable_answer);
  ADD ("/client/post-rate-limited", test_post_rate_limited_not_retried);
  ADD ("/client/post-invalid-entries", test_post_invalid_entries);

  return g_test_run ();
}
