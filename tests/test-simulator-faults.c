/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sim-test-util.h"

static void
test_fault_delay (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) again = NULL;
  gint64 start;

  pkio_simulator_set_fault_delay (fx->sim, 400);
  pkio_simulator_inject_fault (fx->sim, "GET", "user/me", PKIO_SIMULATOR_FAULT_DELAY, 1);
  start = g_get_monotonic_time ();
  reply = request (fx, "GET", "user/me", NULL);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpstr (json_object_get_string_member (reply_object (reply), "first_name"), ==,
                   "Practice");

  /* Used up: the next one is at once. */
  start = g_get_monotonic_time ();
  again = request (fx, "GET", "user/me", NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 400 * 1000);
}

static void
test_fault_drop_after_body (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) list = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  PkioSimulatorRequest *post;

  pkio_simulator_inject_fault (fx->sim, "POST", "order/certificate/pkio_burger",
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  reply = request (fx, "POST", "order/certificate/pkio_burger", seed_body);

  /* No answer at all: an I/O error, no status. */
  g_assert_nonnull (reply->error);
  g_assert_true (reply->error->domain == G_IO_ERROR);
  g_assert_cmpuint (reply->status, ==, 0);

  /* The dangerous case: the order exists anyway, from exactly one POST. */
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", "order/certificate"), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 1);
  requests = pkio_simulator_get_requests (fx->sim);
  post = g_ptr_array_index (requests, 0);
  g_assert_cmpuint (g_bytes_get_size (post->body), ==, strlen (seed_body));

  list = request (fx, "GET", "order/certificate?filters[email]=john.doe@example.com", NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (reply_object (list), "page"), "total"), ==, 1);
}

static void
test_fault_rate_limit (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(Reply) plain = NULL;
  g_autoptr(Reply) retry = NULL;
  g_autoptr(Reply) normal = NULL;

  pkio_simulator_inject_fault (fx->sim, "*", "order/certificate",
                               PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1);
  pkio_simulator_inject_fault (fx->sim, NULL, "order/certificate",
                               PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER, 1);

  plain = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (plain->status, ==, 429);
  g_assert_cmpstr (first_error_code (plain), ==, "request_limit_exceeded");
  g_assert_null (soup_message_headers_get_one (plain->headers, "Retry-After"));

  retry = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (retry->status, ==, 429);
  g_assert_cmpstr (first_error_code (retry), ==, "request_limit_exceeded");
  g_assert_cmpstr (soup_message_headers_get_one (retry->headers, "Retry-After"), ==, "1");

  normal = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (normal->status, ==, 200);
}

static void
test_fault_server_errors (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(Reply) error500 = NULL;
  g_autoptr(Reply) error502 = NULL;

  pkio_simulator_inject_fault (fx->sim, "GET", "finance/balance",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
  pkio_simulator_inject_fault (fx->sim, "GET", "finance/balance",
                               PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML, 1);

  error500 = request (fx, "GET", "finance/balance", NULL);
  g_assert_cmpuint (error500->status, ==, 500);
  g_assert_cmpstr (first_error_code (error500), ==, "internal_error");

  error502 = request (fx, "GET", "finance/balance", NULL);
  g_assert_cmpuint (error502->status, ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (error502->headers, NULL), ==,
                   "text/html");
  g_assert_null (error502->json);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (error502->body, NULL),
                                  g_bytes_get_size (error502->body), "Bad Gateway"));
}

static void
test_fault_bad_bodies (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(Reply) malformed = NULL;
  g_autoptr(Reply) deep = NULL;
  g_autoptr(Reply) huge = NULL;
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data_bytes;
  gsize size;

  pkio_simulator_inject_fault (fx->sim, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_MALFORMED_JSON, 1);
  pkio_simulator_inject_fault (fx->sim, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_DEEP_NESTING, 1);
  pkio_simulator_inject_fault (fx->sim, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_HUGE_BODY, 1);
  pkio_simulator_inject_fault (fx->sim, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_WRONG_TYPES, 1);

  malformed = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_null (malformed->json);
  data_bytes = g_bytes_get_data (malformed->body, &size);
  g_assert_false (json_parser_load_from_data (parser, data_bytes, size, NULL));

  deep = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (deep->status, ==, 200);
  data_bytes = g_bytes_get_data (deep->body, &size);
  g_assert_cmpuint (size, ==, 20000);
  for (gsize i = 0; i < 10000; i++)
    g_assert_cmpint (data_bytes[i], ==, '[');

  huge = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (huge->status, ==, 200);
  data_bytes = g_bytes_get_data (huge->body, &size);
  g_assert_cmpuint (size, >=, 9 * 1024 * 1024);
  g_assert_true (json_parser_load_from_data (parser, data_bytes, size, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  wrong = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (wrong->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (wrong), "id"), ==, "abc");
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (reply_object (wrong), "orders")));
}

static void
test_fault_matching (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(Reply) get = NULL;
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) second = NULL;
  g_autoptr(Reply) third = NULL;

  pkio_simulator_inject_fault (fx->sim, "POST", "order/certificate/pkio_burger",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 2);

  /* Other method, other path: untouched. */
  get = request (fx, "GET", "user/me", NULL);
  g_assert_cmpuint (get->status, ==, 200);

  first = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  second = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  third = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  g_assert_cmpuint (first->status, ==, 500);
  g_assert_cmpuint (second->status, ==, 500);
  g_assert_cmpuint (third->status, ==, 201);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 1);

  /* A cleared rule no longer applies. */
  pkio_simulator_inject_fault (fx->sim, NULL, NULL, PKIO_SIMULATOR_FAULT_SERVER_ERROR, 5);
  pkio_simulator_clear_faults (fx->sim);
  g_clear_pointer (&get, reply_free);
  get = request (fx, "GET", "user/me", NULL);
  g_assert_cmpuint (get->status, ==, 200);
}

static void
test_request_log (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(Reply) a = request (fx, "GET", "order/certificate?limit=5&sort=-date_created", NULL);
  g_autoptr(Reply) b = request_full (fx, "GET", "user/me", NULL, "wrong");
  g_autoptr(Reply) c = request (fx, "POST", "order/certificate/pkio_burger", "{}");
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fx->sim);
  g_autoptr(JsonNode) json = NULL;
  PkioSimulatorRequest *first;

  g_assert_cmpuint (requests->len, ==, 3);
  first = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (first->method, ==, "GET");
  g_assert_cmpstr (first->path, ==, "order/certificate");
  g_assert_cmpstr (first->query, ==, "limit=5&sort=-date_created");
  /* Header names are looked up case-insensitively. */
  g_assert_cmpstr (g_hash_table_lookup (first->headers, "x-dc-devkey"), ==, KEY);
  g_assert_cmpstr (g_hash_table_lookup (first->headers, "X-DC-DEVKEY"), ==, KEY);

  g_assert_cmpstr (g_hash_table_lookup (((PkioSimulatorRequest *) g_ptr_array_index (requests, 1))->headers,
                                        "X-DC-DEVKEY"), ==, "wrong");
  json = pkio_simulator_request_dup_json (g_ptr_array_index (requests, 2));
  g_assert_nonnull (json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json));

  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", NULL), ==, 2);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "*", "user/"), ==, 1);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, NULL, "order/certificate"), ==, 2);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "post", ""), ==, 1);

  pkio_simulator_clear_requests (fx->sim);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, NULL, NULL), ==, 0);
  /* The copy handed out earlier stays valid. */
  g_assert_cmpstr (first->path, ==, "order/certificate");
}

static void
test_state_file (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->tmpdir, "practice.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(PkioSimulator) other = NULL;
  g_autoptr(PkioSimulator) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Reply) card = NULL;
  gint64 id, card_id;
  gint64 balance;

  pkio_simulator_set_state_file (fx->sim, path);
  pkio_simulator_set_issue_delay (fx->sim, PKIO_SIMULATOR_ISSUE_NEVER);
  id = place_seed (fx);

  /* Paid by card: the number must not reach the file. */
  {
    g_autoptr(GString) body = g_string_new (seed_body);

    g_string_replace (body, "\"payment_method\":\"balance\"", "\"payment_method\":\"card\"", 1);
    g_string_truncate (body, body->len - 1);
    g_string_append (body, ",\"credit_card\":{\"number\":\"4111111111111111\","
                           "\"expiration_month\":\"12\",\"expiration_year\":\"2099\","
                           "\"cvv\":\"123\",\"cardholder_name\":\"John Doe\","
                           "\"save_credit_card\":false,\"set_as_default\":0},"
                           "\"billing_address\":{\"address\":\"Main 1\","
                           "\"city\":\"Amsterdam\",\"country\":\"nl\",\"zip\":\"1013 AA\"}}");
    card = request (fx, "POST", "order/certificate/pkio_burger", body->str);
  }
  g_assert_cmpuint (card->status, ==, 201);
  card_id = json_object_get_int_member (reply_object (card), "id");
  balance = pkio_simulator_get_balance (fx->sim);
  g_assert_cmpint (balance, ==, PKIO_SIMULATOR_DEFAULT_BALANCE - PKIO_SIMULATOR_ORDER_PRICE);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "4111"));
  g_assert_null (strstr (contents, "cvv"));
  g_assert_null (strstr (contents, KEY));

  /* A later process knows the orders, the balance and goes on with fresh ids. */
  other = pkio_simulator_new ();
  pkio_simulator_set_state_file (other, path);
  g_assert_cmpuint (pkio_simulator_get_n_orders (other), ==, 2);
  g_assert_cmpstr (pkio_simulator_get_order_status (other, id), ==, "pending");
  g_assert_cmpstr (pkio_simulator_get_order_status (other, card_id), ==, "pending");
  g_assert_cmpint (pkio_simulator_get_balance (other), ==, balance);
  g_assert_cmpint (pkio_simulator_add_remote_order (other, "x@example.com", "X", "Y", "issued",
                                                    NULL), >, card_id);

  /* A damaged file is moved aside, never deleted. */
  g_assert_true (g_file_set_contents (path, "{not json", -1, NULL));
  third = pkio_simulator_new ();
  pkio_simulator_set_state_file (third, path);
  g_assert_cmpuint (pkio_simulator_get_n_orders (third), ==, 0);
  aside = g_strconcat (path, ".corrupt", NULL);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/simulator/fault/delay", test_fault_delay);
  ADD ("/simulator/fault/drop-after-body", test_fault_drop_after_body);
  ADD ("/simulator/fault/rate-limit", test_fault_rate_limit);
  ADD ("/simulator/fault/server-errors", test_fault_server_errors);
  ADD ("/simulator/fault/bad-bodies", test_fault_bad_bodies);
  ADD ("/simulator/fault/matching", test_fault_matching);
  ADD ("/simulator/requests/log", test_request_log);
  ADD ("/simulator/state-file", test_state_file);
#undef ADD

  return g_test_run ();
}
