/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-client-answers-private.h"

#include "fuzz-util.h"

/* The order answers: GET order/certificate (a page, with page.total), GET …/status-changes
 * (the same reader without the total) and GET order/certificate/{id} (one order), each read
 * the way the client reads it. */

static void
check_order (const PkioRemoteOrder *order)
{
  g_autoptr(PkioRemoteOrder) copy = NULL;

  g_assert_cmpint (order->order_id, >, 0);
  g_assert_true (fuzz_is_utf8 (order->status));
  g_assert_true (fuzz_is_utf8 (order->email));
  g_assert_true (fuzz_is_utf8 (order->common_name));
  g_assert_true (fuzz_is_utf8 (order->product_name_id));
  /* Who placed it: a name or an email with something in it, or nothing. */
  g_assert_true (fuzz_is_utf8 (order->placed_by));
  g_assert_true (order->placed_by == NULL || *order->placed_by != '\0');

  copy = pkio_remote_order_copy (order);
  g_assert_cmpint (copy->order_id, ==, order->order_id);
  g_assert_cmpint (copy->certificate_id, ==, order->certificate_id);
  g_assert_cmpint (copy->individual_id, ==, order->individual_id);
  g_assert_cmpstr (copy->status, ==, order->status);
  g_assert_cmpstr (copy->email, ==, order->email);
  g_assert_cmpstr (copy->common_name, ==, order->common_name);
  g_assert_cmpstr (copy->profile_option, ==, order->profile_option);
  g_assert_cmpstr (copy->ship_method, ==, order->ship_method);
  g_assert_cmpstr (copy->product_name_id, ==, order->product_name_id);
  g_assert_cmpstr (copy->placed_by, ==, order->placed_by);
  g_assert_true (copy->is_renewed == order->is_renewed);
  g_assert_true (copy->revocation_requested == order->revocation_requested);
  /* Dates of the certificate: a real day or none; the count within CertCentral's bounds. */
  g_assert_true (order->valid_from == 0 || g_date_valid_julian (order->valid_from));
  g_assert_true (order->valid_till == 0 || g_date_valid_julian (order->valid_till));
  g_assert_true (order->has_days_remaining || order->days_remaining == 0);
  g_assert_cmpint (order->days_remaining, >=, -100000);
  g_assert_cmpint (order->days_remaining, <=, 100000);
  g_assert_cmpuint (copy->valid_from, ==, order->valid_from);
  g_assert_cmpuint (copy->valid_till, ==, order->valid_till);
  g_assert_true (copy->has_days_remaining == order->has_days_remaining);
  g_assert_cmpint (copy->days_remaining, ==, order->days_remaining);
  g_assert_true (fuzz_is_utf8 (order->first_name));
  g_assert_true (fuzz_is_utf8 (order->last_name));
  g_assert_cmpstr (copy->first_name, ==, order->first_name);
  g_assert_cmpstr (copy->last_name, ==, order->last_name);
  g_assert_nonnull (order->requests);
  g_assert_cmpuint (order->requests->len, <=, 100);
  g_assert_cmpuint (copy->requests->len, ==, order->requests->len);
  for (guint i = 0; i < order->requests->len; i++)
    {
      const PkioRemoteRequest *request = g_ptr_array_index (order->requests, i);
      const PkioRemoteRequest *request_copy = g_ptr_array_index (copy->requests, i);

      g_assert_cmpint (request->id, >, 0);
      g_assert_true (fuzz_is_utf8 (request->type));
      g_assert_true (fuzz_is_utf8 (request->status));
      g_assert_cmpint (request_copy->id, ==, request->id);
      g_assert_cmpstr (request_copy->type, ==, request->type);
      g_assert_cmpstr (request_copy->status, ==, request->status);
    }
  g_assert_true ((copy->date_created == NULL) == (order->date_created == NULL));
  if (order->date_created != NULL)
    g_assert_true (g_date_time_equal (copy->date_created, order->date_created));
}

/* page.total when it is an integer (clamped to a guint), else the orders on the page. */
static guint
expected_total (JsonNode *root,
                guint     n_orders)
{
  JsonNode *page = json_object_get_member (json_node_get_object (root), "page");
  JsonNode *total;

  if (page == NULL || !JSON_NODE_HOLDS_OBJECT (page))
    return n_orders;
  total = json_object_get_member (json_node_get_object (page), "total");
  if (total == NULL || !JSON_NODE_HOLDS_VALUE (total)
      || json_node_get_value_type (total) != G_TYPE_INT64)
    return n_orders;
  return (guint) CLAMP (json_node_get_int (total), 0, (gint64) G_MAXUINT);
}

static void
check_list (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) changes_error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  guint total = G_MAXUINT;

  orders = _pkio_client_read_orders_answer (root, &total, &error);
  changes = _pkio_client_read_orders_answer (root, NULL, &changes_error);
  g_assert_true ((orders == NULL) == (changes == NULL));
  if (orders == NULL)
    {
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_assert_error (changes_error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, changes->len);
  for (guint i = 0; i < orders->len; i++)
    check_order (g_ptr_array_index (orders, i));
  g_assert_cmpuint (total, ==, expected_total (root, orders->len));
}

static void
check_one (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioRemoteOrder) order = _pkio_client_read_order_answer (root, &error);

  if (order == NULL)
    {
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      return;
    }
  g_assert_no_error (error);
  check_order (order);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;

  fuzz_init ();
  root = fuzz_parse_answer (data, size, "application/json");
  check_list (root);
  check_one (root);
  return 0;
}
