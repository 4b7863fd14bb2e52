/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "busy-window-util.h"
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

/* The dropped answer reaches the client even while the window that waits for it redraws all
 * the time (the in-process practice simulator shares the window's main loop). */
static void
test_fault_drop_busy_window (Fixture       *fx,
                             gconstpointer  data)
{
  BusyWindow busy;
  g_autoptr(Reply) reply = NULL;

  pkio_simulator_inject_fault (fx->sim, "POST", "order/certificate/pkio_burger",
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  pkio_simulator_inject_fault (fx->sim, "GET", "user/me", PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY,
                               1);
  busy_window_start (&busy, 10);
  reply = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  g_assert_true (busy_window_stop (&busy));
  g_assert_nonnull (reply->error);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 1);
  g_clear_pointer (&reply, reply_free);

  busy_window_start (&busy, 10);
  reply = request (fx, "GET", "user/me", NULL);
  g_assert_true (busy_window_stop (&busy));
  g_assert_nonnull (reply->error);
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

/* The faults of the fault matrix: a drop before the body creates nothing; the 200s create the
 * order first; the 50 MiB stream has no Content-Length; the drip sends the real answer. */
static void
test_fault_matrix_faults (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(Reply) dropped = NULL;
  g_autoptr(Reply) empty = NULL;
  g_autoptr(Reply) stream = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  PkioSimulatorFault fault;

  pkio_simulator_inject_fault (fx->sim, "POST", NULL, PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY, 1);
  dropped = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  g_assert_nonnull (dropped->error);
  g_assert_cmpuint (dropped->status, ==, 0);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 0);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", NULL), ==, 1);
  requests = pkio_simulator_get_requests (fx->sim);
  g_assert_cmpuint (g_bytes_get_size (((PkioSimulatorRequest *) requests->pdata[0])->body), ==, 0);

  pkio_simulator_inject_fault (fx->sim, "POST", NULL, PKIO_SIMULATOR_FAULT_EMPTY_BODY, 1);
  empty = request (fx, "POST", "order/certificate/pkio_burger", seed_body);
  g_assert_cmpuint (empty->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (empty->body), ==, 0);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fx->sim), ==, 1);

  pkio_simulator_inject_fault (fx->sim, "GET", NULL, PKIO_SIMULATOR_FAULT_HUGE_STREAM, 1);
  stream = request (fx, "GET", "order/certificate", NULL);
  g_assert_cmpuint (stream->status, ==, 200);
  g_assert_cmpint (soup_message_headers_get_encoding (stream->headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_cmpuint (g_bytes_get_size (stream->body), ==, 50 * 1024 * 1024);
  {
    /* Valid JSON from end to end: only its size is wrong. */
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (stream->body, NULL),
                                               g_bytes_get_size (stream->body), NULL));
  }
  g_assert_cmpuint (pkio_simulator_get_streamed_bytes (fx->sim), >=, 50 * 1024 * 1024);

  g_assert_true (pkio_simulator_fault_from_string ("slow-drip", &fault));
  g_assert_cmpint (fault, ==, PKIO_SIMULATOR_FAULT_SLOW_DRIP);
  g_assert_cmpstr (pkio_simulator_fault_to_string (PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY), ==,
                   "drop-before-body");
  g_assert_false (pkio_simulator_fault_from_string ("drip", &fault));
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
  PkioSimulatorRequest *second;

  g_assert_cmpuint (requests->len, ==, 3);
  first = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (first->method, ==, "GET");
  g_assert_cmpstr (first->path, ==, "order/certificate");
  g_assert_cmpstr (first->query, ==, "limit=5&sort=-date_created");
  /* Header names are looked up case-insensitively. */
  g_assert_cmpstr (g_hash_table_lookup (first->headers, "x-dc-devkey"), ==, KEY);
  g_assert_cmpstr (g_hash_table_lookup (first->headers, "X-DC-DEVKEY"), ==, KEY);

  second = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (g_hash_table_lookup (second->headers, "X-DC-DEVKEY"), ==, "wrong");
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

typedef struct
{
  GMutex        lock;
  GCond         cond;
  char         *base_url;
  GMainContext *context;
  GMainLoop    *loop;
} ThreadData;

static gpointer
server_thread (gpointer user_data)
{
  ThreadData *td = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(PkioSimulator) sim = NULL;

  g_main_context_push_thread_default (context);
  sim = pkio_simulator_new ();
  g_assert_true (pkio_simulator_start (sim, NULL));
  td->loop = g_main_loop_new (context, FALSE);

  g_mutex_lock (&td->lock);
  td->base_url = g_strdup (pkio_simulator_get_base_url (sim));
  td->context = context;
  g_cond_signal (&td->cond);
  g_mutex_unlock (&td->lock);

  g_main_loop_run (td->loop);
  g_assert_finalize_object (g_steal_pointer (&sim));
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The simulator serves on the thread-default context of its creator: here another thread, so a
 * blocking client call in this thread works. */
static void
test_thread_default_context (void)
{
  ThreadData td = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_mutex_init (&td.lock);
  g_cond_init (&td.cond);
  thread = g_thread_new ("simulator", server_thread, &td);
  g_mutex_lock (&td.lock);
  while (td.base_url == NULL)
    g_cond_wait (&td.cond, &td.lock);
  g_mutex_unlock (&td.lock);

  url = g_strconcat (td.base_url, "product/pkio_burger", NULL);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-DC-DEVKEY",
                                PKIO_SIMULATOR_DEFAULT_API_KEY);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "pkio_burger"));

  g_main_context_invoke (td.context, quit_loop_cb, td.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (td.loop);
  g_free (td.base_url);
  g_mutex_clear (&td.lock);
  g_cond_clear (&td.cond);
}

static GSubprocess *
spawn_tool (const char *state_file,
            char      **out_url)
{
  g_autofree char *tool = g_test_build_filename (G_TEST_BUILT, "pkio-simulator-tool", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, tool, "--key", KEY,
                              "--issue-delay-ms", "0", "--state-file", state_file, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *out_url = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (*out_url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (*out_url, "/services/v2/"));
  return process;
}

static guint
tool_request (SoupSession *session,
              const char  *method,
              const char  *url,
              const char  *body,
              char       **out_body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-DC-DEVKEY", KEY);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_body = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return soup_message_get_status (msg);
}

static void
stop_tool (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* The standalone tool, as the CLI tests use it: a later process still knows the order. */
static void
test_tool_process (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *state = g_build_filename (fx->tmpdir, "tool-state.json", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(JsonNode) placed = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url2 = NULL;
  g_autofree char *post_url = NULL;
  g_autofree char *info_url = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *info = NULL;
  gint64 id;

  first = spawn_tool (state, &url);
  post_url = g_strconcat (url, "order/certificate/pkio_burger", NULL);
  g_assert_cmpuint (tool_request (session, "POST", post_url, seed_body, &answer), ==, 201);
  placed = json_from_string (answer, NULL);
  id = json_object_get_int_member (json_node_get_object (placed), "id");
  stop_tool (first);

  second = spawn_tool (state, &url2);
  info_url = g_strdup_printf ("%sorder/certificate/%" G_GINT64_FORMAT, url2, id);
  g_assert_cmpuint (tool_request (session, "GET", info_url, NULL, &info), ==, 200);
  g_assert_nonnull (strstr (info, "\"status\":\"issued\""));
  g_assert_nonnull (strstr (info, "john.doe@example.com"));
  stop_tool (second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/simulator/fault/delay", test_fault_delay);
  ADD ("/simulator/fault/drop-after-body", test_fault_drop_after_body);
  ADD ("/simulator/fault/drop-busy-window", test_fault_drop_busy_window);
  ADD ("/simulator/fault/rate-limit", test_fault_rate_limit);
  ADD ("/simulator/fault/server-errors", test_fault_server_errors);
  ADD ("/simulator/fault/bad-bodies", test_fault_bad_bodies);
  ADD ("/simulator/fault/matrix-faults", test_fault_matrix_faults);
  ADD ("/simulator/fault/matching", test_fault_matching);
  ADD ("/simulator/requests/log", test_request_log);
  ADD ("/simulator/state-file", test_state_file);
  ADD ("/simulator/tool-process", test_tool_process);
#undef ADD
  g_test_add_func ("/simulator/thread-default-context", test_thread_default_context);

  return g_test_run ();
}
