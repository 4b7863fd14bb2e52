/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sim-test-util.h"

static JsonObject *
page_of (Reply *reply)
{
  return json_object_get_object_member (reply_object (reply), "page");
}

static JsonArray *
orders_of (Reply *reply)
{
  return json_object_get_array_member (reply_object (reply), "orders");
}

static gint64
place_by_id (Fixture    *fx,
             int         individual_id,
             const char *ship,
             guint       expected_status)
{
  g_autofree char *body = make_body_by_id (individual_id, ship);
  g_autoptr(Reply) reply = request (fx, "POST", "order/certificate/pkio_burger", body);

  g_assert_cmpuint (reply->status, ==, expected_status);
  if (expected_status != 201)
    return 0;
  return json_object_get_int_member (reply_object (reply), "id");
}

static void
test_base_url (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/services/v2/",
                                               pkio_simulator_get_port (fx->sim));

  g_assert_cmpuint (pkio_simulator_get_port (fx->sim), >, 0);
  g_assert_cmpstr (pkio_simulator_get_base_url (fx->sim), ==, expected);
}

static void
test_auth (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(Reply) none = request_full (fx, "GET", "user/me", NULL, NULL);
  g_autoptr(Reply) wrong = request_full (fx, "GET", "user/me", NULL, "practice-key");
  g_autoptr(Reply) good = request (fx, "GET", "user/me", NULL);
  g_autoptr(Reply) viewer_get = NULL;
  g_autoptr(Reply) viewer_post = NULL;
  g_autoptr(Reply) viewer_put = NULL;
  JsonArray *roles;

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (first_error_code (none), ==, "access_denied|invalid_api_key");
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (first_error_code (wrong), ==, "access_denied|invalid_api_key");
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply_object (good), "id"), >, 0);
  roles = json_object_get_array_member (reply_object (good), "access_roles");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roles, 0),
                                                  "name"), ==, "Administrator");

  pkio_simulator_set_view_only_key (fx->sim, "viewer");
  viewer_get = request_full (fx, "GET", "user/me", NULL, "viewer");
  g_assert_cmpuint (viewer_get->status, ==, 200);
  roles = json_object_get_array_member (reply_object (viewer_get), "access_roles");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roles, 0),
                                                  "name"), ==, "View Only");
  viewer_post = request_full (fx, "POST", "order/certificate/pkio_burger", seed_body, "viewer");
  g_assert_cmpuint (viewer_post->status, ==, 403);
  g_assert_cmpstr (first_error_code (viewer_post), ==, "access_denied|missing_permission");
  viewer_put = request_full (fx, "PUT", "order/certificate/1/status",
                             "{\"status\":\"canceled\",\"note\":\"x\"}", "viewer");
  g_assert_cmpuint (viewer_put->status, ==, 403);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 0);
}

static void
test_info_endpoints (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(Reply) balance = request (fx, "GET", "finance/balance", NULL);
  g_autoptr(Reply) product = request (fx, "GET", "product/pkio_burger", NULL);
  g_autoptr(Reply) other = request (fx, "GET", "product/ssl_basic", NULL);
  g_autoptr(Reply) route = request (fx, "GET", "no/such/route", NULL);
  g_autoptr(Reply) order = request (fx, "GET", "order/certificate/99", NULL);
  JsonArray *years;
  JsonArray *hashes;

  g_assert_cmpuint (balance->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (balance), "balance"), ==,
                   "5000.00");
  g_assert_cmpstr (json_object_get_string_member (reply_object (balance), "currency"), ==, "EUR");

  g_assert_cmpuint (product->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (product), "name_id"), ==,
                   "pkio_burger");
  years = json_object_get_array_member (reply_object (product), "allowed_validity_years");
  g_assert_cmpuint (json_array_get_length (years), ==, 3);
  g_assert_cmpint (json_array_get_int_element (years, 2), ==, 3);
  hashes = json_object_get_array_member (reply_object (product), "signature_hash_types");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hashes, 0),
                                                  "id"), ==, "sha256");

  g_assert_cmpuint (other->status, ==, 404);
  g_assert_cmpstr (first_error_code (other), ==, "not_found|product");
  g_assert_cmpuint (route->status, ==, 404);
  g_assert_cmpstr (first_error_code (route), ==, "not_found|route");
  g_assert_cmpuint (order->status, ==, 404);
  g_assert_cmpstr (first_error_code (order), ==, "not_found|order");
}

static void
test_place_and_list (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(Reply) placed = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  g_autoptr(Reply) list = NULL;
  g_autoptr(Reply) info = NULL;
  JsonObject *order;
  JsonObject *certificate;
  JsonObject *individual;
  gint64 id, cert_id, id2;

  g_assert_cmpuint (placed->status, ==, 201);
  id = json_object_get_int_member (reply_object (placed), "id");
  cert_id = json_object_get_int_member (reply_object (placed), "certificate_id");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (cert_id, >, 0);
  g_assert_cmpint (pkio_simulator_get_balance (fx->sim), ==,
                   PKIO_SIMULATOR_DEFAULT_BALANCE - PKIO_SIMULATOR_ORDER_PRICE);

  list = request (fx, "GET", "order/certificate?filters[product_name_id]=pkio_burger", NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (page_of (list), "total"), ==, 1);
  order = json_array_get_object_element (orders_of (list), 0);
  g_assert_cmpint (json_object_get_int_member (order, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "pending");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00$",
                                       json_object_get_string_member (order, "date_created"),
                                       0, 0));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (order, "product"),
                                                  "name_id"), ==, "pkio_burger");
  certificate = json_object_get_object_member (order, "certificate");
  g_assert_cmpint (json_object_get_int_member (certificate, "id"), ==, cert_id);
  g_assert_cmpstr (json_object_get_string_member (certificate, "common_name"), ==, "John Doe");
  g_assert_cmpstr (json_object_get_string_member (certificate, "profile_option"), ==,
                   "encryption");
  /* Only the documented fields (docs/certcentral-api.md#list-orders): a row never tells the
   * holder's email, individual or shipping... */
  g_assert_false (json_object_has_member (certificate, "emails"));
  g_assert_false (json_object_has_member (order, "individual"));
  g_assert_false (json_object_has_member (order, "ship_info"));
  g_assert_cmpuint (json_object_get_size (order), ==, 6);  /* and is_renewed */
  g_assert_cmpuint (json_object_get_size (certificate), ==, 3);
  {
    g_autofree char *path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, id);
    g_autoptr(Reply) full = request (fx, "GET", path, NULL);

    /* ...the order info does. */
    individual = json_object_get_object_member (reply_object (full), "individual");
    g_assert_cmpstr (json_object_get_string_member (individual, "email"), ==,
                     "john.doe@example.com");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (reply_object (full), "ship_info"),
                       "method"), ==, "STANDARD");
  }
  /* ...unless a test asks for more. */
  pkio_simulator_set_list_extra_fields (fx->sim, TRUE);
  {
    g_autoptr(Reply) extra = request (fx, "GET", "order/certificate", NULL);
    JsonObject *row = json_array_get_object_element (orders_of (extra), 0);

    g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (json_object_get_object_member (row,
                                                                                    "certificate"),
                                                     "emails"), 0), ==, "john.doe@example.com");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row,
                                                                                   "individual"),
                                                    "email"), ==, "john.doe@example.com");
  }
  pkio_simulator_set_list_extra_fields (fx->sim, FALSE);

  /* By individual id, EXPEDITED: the name comes from the account, the price is higher. */
  id2 = place_by_id (fx, 22, "EXPEDITED", 201);
  g_assert_cmpint (id2, >, id);
  g_assert_cmpint (pkio_simulator_get_balance (fx->sim), ==,
                   PKIO_SIMULATOR_DEFAULT_BALANCE - 2 * PKIO_SIMULATOR_ORDER_PRICE
                   - PKIO_SIMULATOR_EXPEDITED_PRICE);
  {
    g_autofree char *path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, id2);
    info = request (fx, "GET", path, NULL);
  }
  g_assert_cmpuint (info->status, ==, 200);
  individual = json_object_get_object_member (reply_object (info), "individual");
  g_assert_cmpint (json_object_get_int_member (individual, "id"), ==, 22);
  g_assert_cmpstr (json_object_get_string_member (individual, "last_name"), ==, "de Vries");
  g_assert_cmpstr (json_object_get_string_member (reply_object (info), "payment_method"), ==,
                   "balance");
}

static void
test_bad_orders (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(Reply) not_json = request (fx, "POST", "order/certificate/pkio_burger", "{oops");
  g_autoptr(Reply) array = request (fx, "POST", "order/certificate/pkio_burger", "[1]");
  g_autoptr(Reply) empty = request (fx, "POST", "order/certificate/pkio_burger", "{}");
  g_autoptr(Reply) other_product = request (fx, "POST", "order/certificate/ssl_basic", seed_body);
  g_autoptr(Reply) poor = NULL;

  g_assert_cmpuint (not_json->status, ==, 400);
  g_assert_cmpstr (first_error_code (not_json), ==, "bad_request_format");
  g_assert_cmpuint (array->status, ==, 400);
  g_assert_cmpstr (first_error_code (array), ==, "bad_request_format");

  g_assert_cmpuint (empty->status, ==, 400);
  g_assert_true (has_error (empty, NULL, "certificate"));
  g_assert_true (has_error (empty, NULL, "ship_info"));

  /* Every problem at once, each with its field path (docs/decisions.md#field-rules). */
  {
    g_autoptr(Reply) many = request (fx, "POST", "order/certificate/pkio_burger",
      "{\"certificate\":{\"signature_hash\":\"sha1\",\"profile_option\":\"encryption\","
      "\"is_rsassa_pss\":false,\"individual\":{\"first_name\":\"Dr. John\","
      "\"last_name\":\"Doe\",\"email\":\"john.doe@\",\"telephone\":\"020 254 7999\","
      "\"country\":\"nl\",\"city\":\"Amsterdam\",\"state\":\"NH\",\"zip\":\"0123 AA\"}},"
      "\"csa_agreed_to\":true,\"provisioning_method\":\"token\",\"ship_info\":{\"name\":\"J\","
      "\"addr1\":\"a\",\"addr2\":\"\",\"city\":\"A\",\"state\":\"B\",\"zip\":\"1013 AA\","
      "\"country\":\"nl\",\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},"
      "\"payment_method\":\"balance\",\"extra\":1}");
    JsonArray *errors;

    g_assert_cmpuint (many->status, ==, 400);
    errors = json_object_get_array_member (reply_object (many), "errors");
    g_assert_cmpuint (json_array_get_length (errors), ==, 6);
    g_assert_true (has_error (many, "unknown_field", "extra"));
    g_assert_true (has_error (many, NULL, "certificate.signature_hash"));
    g_assert_true (has_error (many, NULL, "certificate.individual.first_name"));
    g_assert_true (has_error (many, NULL, "certificate.individual.email"));
    g_assert_true (has_error (many, NULL, "certificate.individual.telephone"));
    g_assert_true (has_error (many, NULL, "certificate.individual.zip"));
    for (guint i = 0; i < json_array_get_length (errors); i++)
      g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (errors, i),
                                                       "message"));
  }

  g_assert_cmpuint (other_product->status, ==, 404);
  g_assert_cmpstr (first_error_code (other_product), ==, "not_found|product");

  place_by_id (fx, 99, "STANDARD", 400);
  {
    g_autofree char *body = make_body_by_id (99, "STANDARD");
    g_autoptr(Reply) unknown = request (fx, "POST", "order/certificate/pkio_burger", body);

    g_assert_true (has_error (unknown, "invalid_individual", "certificate.individual.id"));
  }

  pkio_simulator_set_balance (fx->sim, PKIO_SIMULATOR_ORDER_PRICE - 1);
  poor = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  g_assert_cmpuint (poor->status, ==, 400);
  g_assert_cmpstr (first_error_code (poor), ==, "insufficient_funds");
  g_assert_cmpint (pkio_simulator_get_balance (fx->sim), ==, PKIO_SIMULATOR_ORDER_PRICE - 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 0);
}

static void
test_issue_delay (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(Reply) changes = NULL;
  g_autoptr(Reply) too_long = NULL;
  g_autoptr(Reply) zero = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonArray *orders;
  gint64 id;

  pkio_simulator_set_issue_delay (fx->sim, 300);
  id = place_seed (fx);
  before = order_status (fx, id);
  g_assert_cmpstr (before, ==, "pending");
  g_assert_cmpstr (pkio_simulator_get_order_status (fx->sim, id), ==, "pending");
  wait_ms (400);
  g_assert_cmpstr (pkio_simulator_get_order_status (fx->sim, id), ==, "issued");
  after = order_status (fx, id);
  g_assert_cmpstr (after, ==, "issued");

  changes = request (fx, "GET", "order/certificate/status-changes?minutes=5", NULL);
  g_assert_cmpuint (changes->status, ==, 200);
  orders = orders_of (changes);
  g_assert_cmpuint (json_array_get_length (orders), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (orders, 0),
                                               "order_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (orders, 0),
                                                  "status"), ==, "issued");
  g_assert_true (json_object_has_member (json_array_get_object_element (orders, 0),
                                         "certificate_id"));

  too_long = request (fx, "GET", "order/certificate/status-changes?minutes=10081", NULL);
  g_assert_cmpuint (too_long->status, ==, 400);
  zero = request (fx, "GET", "order/certificate/status-changes?minutes=abc", NULL);
  g_assert_cmpuint (zero->status, ==, 400);
}

static void
test_status_changes_window (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_days (now, -3);
  g_autoptr(Reply) hour = NULL;
  g_autoptr(Reply) week = NULL;

  pkio_simulator_add_remote_order (fx->sim, "a@example.com", "A", "B", "issued", old);
  pkio_simulator_add_remote_order (fx->sim, "c@example.com", "C", "D", "rejected", NULL);
  hour = request (fx, "GET", "order/certificate/status-changes?minutes=60", NULL);
  week = request (fx, "GET", "order/certificate/status-changes?minutes=10080", NULL);
  g_assert_cmpuint (json_array_get_length (orders_of (hour)), ==, 1);
  g_assert_cmpuint (json_array_get_length (orders_of (week)), ==, 2);
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *issued_path = NULL;
  g_autofree char *status = NULL;
  g_autoptr(Reply) no_note = NULL;
  g_autoptr(Reply) blank_note = NULL;
  g_autoptr(Reply) wrong_status = NULL;
  g_autoptr(Reply) ok = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) issued = NULL;
  g_autoptr(Reply) pickup = NULL;
  g_autoptr(Reply) missing = NULL;
  gint64 id, issued_id, pickup_id;

  pkio_simulator_set_issue_delay (fx->sim, PKIO_SIMULATOR_ISSUE_NEVER);
  id = place_seed (fx);
  path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT "/status", id);

  no_note = request (fx, "PUT", path, "{\"status\":\"canceled\"}");
  g_assert_cmpuint (no_note->status, ==, 400);
  g_assert_true (has_error (no_note, NULL, "note"));
  blank_note = request (fx, "PUT", path, "{\"status\":\"canceled\",\"note\":\"  \"}");
  g_assert_cmpuint (blank_note->status, ==, 400);
  wrong_status = request (fx, "PUT", path, "{\"status\":\"issued\",\"note\":\"x\"}");
  g_assert_cmpuint (wrong_status->status, ==, 400);
  g_assert_true (has_error (wrong_status, NULL, "status"));

  ok = request (fx, "PUT", path, "{\"status\":\"canceled\",\"note\":\"Ordered twice\"}");
  g_assert_no_error (ok->error);
  g_assert_cmpuint (ok->status, ==, 204);
  status = order_status (fx, id);
  g_assert_cmpstr (status, ==, "canceled");

  again = request (fx, "PUT", path, "{\"status\":\"canceled\",\"note\":\"Again\"}");
  g_assert_cmpuint (again->status, ==, 400);
  g_assert_true (has_error (again, "invalid_order_status", NULL));

  issued_id = pkio_simulator_add_remote_order (fx->sim, "i@example.com", "I", "J", "issued", NULL);
  issued_path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT "/status", issued_id);
  issued = request (fx, "PUT", issued_path, "{\"status\":\"canceled\",\"note\":\"x\"}");
  g_assert_cmpuint (issued->status, ==, 400);
  g_assert_cmpstr (pkio_simulator_get_order_status (fx->sim, issued_id), ==, "issued");

  pickup_id = pkio_simulator_add_remote_order (fx->sim, "p@example.com", "P", "Q",
                                               "waiting_pickup", NULL);
  g_free (issued_path);
  issued_path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT "/status", pickup_id);
  pickup = request (fx, "PUT", issued_path, "{\"status\":\"canceled\",\"note\":\"x\"}");
  g_assert_cmpuint (pickup->status, ==, 204);
  g_assert_cmpstr (pkio_simulator_get_order_status (fx->sim, pickup_id), ==, "canceled");

  missing = request (fx, "PUT", "order/certificate/12345/status",
                     "{\"status\":\"canceled\",\"note\":\"x\"}");
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (first_error_code (missing), ==, "not_found|order");
}

static void
test_paging (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(Reply) last = NULL;
  g_autoptr(Reply) capped = NULL;
  g_autoptr(Reply) oldest = NULL;
  g_autoptr(Reply) newest = NULL;
  g_autoptr(Reply) bad = NULL;
  JsonArray *orders;

  pkio_simulator_add_remote_orders_bulk (fx->sim, 25);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 25);

  last = request (fx, "GET", "order/certificate?offset=20&limit=10", NULL);
  g_assert_cmpuint (last->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (orders_of (last)), ==, 5);
  g_assert_cmpint (json_object_get_int_member (page_of (last), "total"), ==, 25);
  g_assert_cmpint (json_object_get_int_member (page_of (last), "limit"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (page_of (last), "offset"), ==, 20);

  capped = request (fx, "GET", "order/certificate?limit=5000", NULL);
  g_assert_cmpint (json_object_get_int_member (page_of (capped), "limit"), ==, 1000);
  g_assert_cmpuint (json_array_get_length (orders_of (capped)), ==, 25);

  oldest = request (fx, "GET", "order/certificate?sort=date_created&limit=1", NULL);
  newest = request (fx, "GET", "order/certificate?sort=-date_created&limit=1", NULL);
  /* person0 is Anna de Jong, person24 Eva de Boer (the bulk names repeat). */
  orders = orders_of (oldest);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (orders, 0),
                                                    "certificate"), "common_name"), ==,
                   "Anna de Jong");
  orders = orders_of (newest);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (orders, 0),
                                                    "certificate"), "common_name"), ==,
                   "Eva de Boer");

  bad = request (fx, "GET", "order/certificate?limit=-3", NULL);
  g_assert_cmpuint (bad->status, ==, 400);
}

static void
test_filters (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) jan = g_date_time_new (utc, 2025, 1, 15, 10, 0, 0);
  g_autoptr(GDateTime) mar = g_date_time_new (utc, 2025, 3, 1, 23, 59, 0);
  g_autoptr(GDateTime) jun = g_date_time_new (utc, 2025, 6, 30, 0, 0, 0);
  g_autoptr(Reply) by_status = NULL;
  g_autoptr(Reply) two_status = NULL;
  g_autoptr(Reply) by_email = NULL;
  g_autoptr(Reply) since = NULL;
  g_autoptr(Reply) range = NULL;
  g_autoptr(Reply) day = NULL;
  g_autoptr(Reply) before = NULL;
  g_autoptr(Reply) other_product = NULL;
  g_autoptr(Reply) bad_date = NULL;

  pkio_simulator_add_remote_order (fx->sim, "jan@example.com", "Jan", "A", "issued", jan);
  pkio_simulator_add_remote_order (fx->sim, "mar@example.com", "Mar", "B", "pending", mar);
  pkio_simulator_add_remote_order (fx->sim, "jun@example.com", "Jun", "C", "rejected", jun);

#define TOTAL(r) json_object_get_int_member (page_of (r), "total")
  by_status = request (fx, "GET", "order/certificate?filters[status]=pending", NULL);
  g_assert_cmpint (TOTAL (by_status), ==, 1);
  two_status = request (fx, "GET", "order/certificate?filters[status]=pending,issued", NULL);
  g_assert_cmpint (TOTAL (two_status), ==, 2);
  by_email = request (fx, "GET", "order/certificate?filters[email]=JUN%40example.com", NULL);
  g_assert_cmpint (TOTAL (by_email), ==, 1);
  since = request (fx, "GET", "order/certificate?filters[date_created]=%3E%3D2025-03-01", NULL);
  g_assert_cmpint (TOTAL (since), ==, 2);
  range = request (fx, "GET", "order/certificate?filters[date_created]=2025-01-15...2025-03-01",
                   NULL);
  g_assert_cmpint (TOTAL (range), ==, 2);
  day = request (fx, "GET", "order/certificate?filters[date_created]=2025-06-30", NULL);
  g_assert_cmpint (TOTAL (day), ==, 1);
  before = request (fx, "GET",
                    "order/certificate?filters[date_created]=%3C2025-03-01%2023:59:00", NULL);
  g_assert_cmpint (TOTAL (before), ==, 1);
  other_product = request (fx, "GET", "order/certificate?filters[product_name_id]=ssl_basic",
                           NULL);
  g_assert_cmpint (TOTAL (other_product), ==, 0);
#undef TOTAL
  bad_date = request (fx, "GET", "order/certificate?filters[date_created]=yesterday", NULL);
  g_assert_cmpuint (bad_date->status, ==, 400);
  g_assert_true (has_error (bad_date, NULL, "filters[date_created]"));
}

static void
test_rate_limits (Fixture       *fx,
                  gconstpointer  data)
{
  /* Off by default: more than CertCentral allows in 5 s all pass. */
  for (guint i = 0; i < PKIO_SIMULATOR_RATE_SHORT_LIMIT + 5; i++)
    {
      g_autoptr(Reply) reply = request (fx, "GET", "user/me", NULL);

      g_assert_cmpuint (reply->status, ==, 200);
    }

  /* CertCentral's limits: the 101st request within 5 s is refused, as CertCentral refuses it,
   * and nothing is handled for it. */
  pkio_simulator_set_rate_limits (fx->sim, TRUE);
  for (guint i = 0; i < PKIO_SIMULATOR_RATE_SHORT_LIMIT; i++)
    {
      g_autoptr(Reply) reply = request (fx, "GET", "finance/balance", NULL);

      g_assert_cmpuint (reply->status, ==, 200);
    }
  {
    g_autoptr(Reply) over = request (fx, "POST", "order/certificate/pkio_burger", seed_body);

    g_assert_cmpuint (over->status, ==, 429);
    g_assert_cmpstr (first_error_code (over), ==, "request_limit_exceeded");
    g_assert_null (soup_message_headers_get_one (over->headers, "Retry-After"));
    g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 0);
    g_assert_cmpuint (pkio_simulator_get_n_rate_limited (fx->sim), ==, 1);
  }

  /* Each window by itself: the short one empties, the long one does not. */
  pkio_simulator_set_rate_limits_full (fx->sim, 2, 1000, 3, 60 * 1000);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Reply) reply = request (fx, "GET", "user/me", NULL);

      g_assert_cmpuint (reply->status, ==, 200);
    }
  {
    g_autoptr(Reply) short_over = request (fx, "GET", "user/me", NULL);
    g_autoptr(Reply) after_wait = NULL;
    g_autoptr(Reply) long_over = NULL;

    g_assert_cmpuint (short_over->status, ==, 429);
    wait_ms (1100);
    after_wait = request (fx, "GET", "user/me", NULL);
    g_assert_cmpuint (after_wait->status, ==, 200);
    wait_ms (1100);
    long_over = request (fx, "GET", "user/me", NULL);
    g_assert_cmpuint (long_over->status, ==, 429);
  }
  pkio_simulator_set_rate_limits (fx->sim, FALSE);
  {
    g_autoptr(Reply) reply = request (fx, "GET", "user/me", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/simulator/base-url", test_base_url);
  ADD ("/simulator/auth", test_auth);
  ADD ("/simulator/info-endpoints", test_info_endpoints);
  ADD ("/simulator/order/place-and-list", test_place_and_list);
  ADD ("/simulator/order/bad", test_bad_orders);
  ADD ("/simulator/order/issue-delay", test_issue_delay);
  ADD ("/simulator/order/status-changes", test_status_changes_window);
  ADD ("/simulator/order/cancel", test_cancel);
  ADD ("/simulator/list/paging", test_paging);
  ADD ("/simulator/list/filters", test_filters);
  ADD ("/simulator/rate-limits", test_rate_limits);
#undef ADD

  return g_test_run ();
}
