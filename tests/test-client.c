/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client against the simulator: the key, the account's answers, placing and following an
 * order, lists, cancelling, logs without secrets, and which URLs it talks to. How it behaves
 * when CertCentral misbehaves is in test-client-faults.c. */
#include "config.h"

#include "client-test-util.h"

static void
test_user_and_headers (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = get_user (fx->client, NULL, &error);
  const char *agent;

  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_true (json_object_has_member (user, "id"));
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "user/me"), ==, 1);
  g_assert_cmpstr (request_header (fx->sim, 0, "X-DC-DEVKEY"), ==, KEY);
  g_assert_cmpstr (request_header (fx->sim, 0, "Accept"), ==, "application/json");
  agent = request_header (fx->sim, 0, "User-Agent");
  g_assert_nonnull (agent);
  g_assert_true (g_str_has_prefix (agent, "pkio-orders/" PACKAGE_VERSION));
}

static void
test_check_key (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) user = NULL;

  pkio_client_check_key_async (fx->client, NULL, got_result_cb, &result);
  user = pkio_client_check_key_finish (fx->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
}

static void
test_key_rejected (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioClient) other = pkio_client_new (pkio_simulator_get_base_url (fx->sim),
                                                 "wrong-key", &error);
  g_autoptr(JsonObject) user = NULL;

  g_assert_no_error (error);
  user = get_user (other, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  /* 401 is not retried. */
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "user/me"), ==, 1);
  g_assert_cmpstr (request_header (fx->sim, 0, "X-DC-DEVKEY"), ==, "wrong-key");
}

static void
test_forbidden (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioClient) viewer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = json_from_string (order_body, NULL);
  g_autoptr(PkioOrderAnswer) placed = NULL;
  GPtrArray *entries;
  PkioApiErrorEntry *entry;

  pkio_simulator_set_view_only_key (fx->sim, "viewer-key");
  viewer = pkio_client_new (pkio_simulator_get_base_url (fx->sim), "viewer-key", &error);
  g_assert_no_error (error);
  pkio_client_place_order_async (viewer, node, NULL, got_result_cb, &result);
  placed = pkio_client_place_order_finish (viewer, wait_result (&result), &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_FORBIDDEN);
  entries = pkio_api_error_get_entries (error);
  g_assert_nonnull (entries);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->code, ==, "access_denied");
  g_assert_cmpstr (entry->code_detail, ==, "missing_permission");
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", NULL), ==, 1);
}

static void
test_not_found (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioRemoteOrder) order = get_order (fx, 987654321, &error);
  GPtrArray *entries;
  PkioApiErrorEntry *entry;

  g_assert_null (order);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_NOT_FOUND);
  entries = pkio_api_error_get_entries (error);
  g_assert_nonnull (entries);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->code, ==, "not_found");
  g_assert_nonnull (entry->code_detail);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", NULL), ==, 1);
}

static void
test_place_and_follow (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderAnswer) placed = place_order (fx, order_body, &error);
  g_autoptr(PkioRemoteOrder) order = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  PkioListQuery query = { .product_name_id = "pkio_burger", .email = "jan.jansen@example.com",
                          .sort = "-date_created", .limit = 10 };
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  PkioSimulatorRequest *last;
  guint total = 0;
  gboolean seen = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (placed);
  g_assert_cmpint (placed->order_id, >, 0);
  g_assert_nonnull (placed->request_ids);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", "order/certificate/pkio_burger"),
                    ==, 1);
  g_assert_cmpstr (request_header (fx->sim, 0, "Content-Type"), ==, "application/json");

  order = get_order (fx, placed->order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->order_id, ==, placed->order_id);
  g_assert_nonnull (order->status);

  pkio_simulator_add_remote_order (fx->sim, "someone.else@example.com", "Piet", "Pietersen",
                                   "issued", NULL);
  listed = list_orders (fx, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpint (((PkioRemoteOrder *) g_ptr_array_index (listed, 0))->order_id, ==,
                   placed->order_id);
  requests = pkio_simulator_get_requests (fx->sim);
  last = g_ptr_array_index (requests, requests->len - 1);
  g_assert_nonnull (strstr (last->query, "filters%5Bemail%5D=jan.jansen%40example.com"));
  g_assert_nonnull (strstr (last->query, "sort=-date_created"));

  changes = status_changes (fx, 60, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    if (((PkioRemoteOrder *) g_ptr_array_index (changes, i))->order_id == placed->order_id)
      seen = TRUE;
  g_assert_true (seen);

  g_assert_true (cancel_order (fx, placed->order_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_simulator_get_order_status (fx->sim, placed->order_id), ==, "canceled");
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "PUT", NULL), ==, 1);
}

static void
test_list_all_pages (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  PkioListQuery query = { .product_name_id = "pkio_burger", .offset = 5, .limit = 3 };

  pkio_simulator_add_remote_orders_bulk (fx->sim, 1203);
  /* Pages of 1,000 orders, made and read in this process: under ASan on a loaded machine one
   * took longer than the fixture's 5 s, which is about failing fast, not about this. */
  pkio_client_set_timeout (fx->client, 60000);
  all = list_all_orders (fx, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1203);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "order/certificate"), ==, 2);
}

static void
test_cancelled (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) user = NULL;

  g_cancellable_cancel (cancellable);
  user = get_user (fx->client, cancellable, &error);
  g_assert_null (user);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
cancel_later_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Cancelling once the order was sent cannot unsend it: the outcome is unknown. */
static void
test_post_cancelled_after_sending (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) node = json_from_string (order_body, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderAnswer) placed = NULL;

  pkio_simulator_inject_fault (fx->sim, "POST", NULL, PKIO_SIMULATOR_FAULT_DELAY, 1);
  pkio_client_place_order_async (fx->client, node, cancellable, got_result_cb, &result);
  g_timeout_add (200, cancel_later_cb, cancellable);
  placed = pkio_client_place_order_finish (fx->client, wait_result (&result), &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "POST", NULL), ==, 1);
}

static void
test_cancelled_during_retry_wait (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) user = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Retry-After: 1 s; cancelled after 100 ms. */
  pkio_simulator_inject_fault (fx->sim, "GET", "user/me",
                               PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER, 1);
  g_timeout_add (100, cancel_later_cb, cancellable);
  user = get_user (fx->client, cancellable, &error);
  g_assert_null (user);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 900 * 1000);
  g_assert_cmpuint (pkio_simulator_count_requests (fx->sim, "GET", "user/me"), ==, 1);
}

static void
test_status_changes_window (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = status_changes (fx, 0, &error);
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  g_assert_no_error (error);
  week = status_changes (fx, 1000000, &error);
  g_assert_no_error (error);
  requests = pkio_simulator_get_requests (fx->sim);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpstr (((PkioSimulatorRequest *) g_ptr_array_index (requests, 0))->query, ==,
                   "minutes=1");
  g_assert_cmpstr (((PkioSimulatorRequest *) g_ptr_array_index (requests, 1))->query, ==,
                   "minutes=10080");
}

/* With every debug message on, neither the key nor the order body's personal data show. */
static void
test_logs_hold_no_secrets (Fixture *fx, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) user = NULL;
      g_autoptr(PkioOrderAnswer) placed = NULL;
      g_autoptr(GPtrArray) listed = NULL;
      PkioListQuery query = { .email = "jan.jansen@example.com" };

      g_log_set_debug_enabled (TRUE);
      pkio_simulator_inject_fault (fx->sim, "GET", "user/me", PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1);
      user = get_user (fx->client, NULL, &error);
      g_assert_no_error (error);
      placed = place_order (fx, order_body, &error);
      g_assert_no_error (error);
      listed = list_orders (fx, &query, NULL, &error);
      g_assert_no_error (error);
      g_debug ("log-check-done");
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDIN);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*log-check-done*");
  g_test_trap_assert_stdout ("*user/me*");
  g_test_trap_assert_stdout_unmatched ("*" KEY "*");
  g_test_trap_assert_stderr_unmatched ("*" KEY "*");
  g_test_trap_assert_stdout_unmatched ("*jan.jansen*");
  g_test_trap_assert_stderr_unmatched ("*jan.jansen*");
  g_test_trap_assert_stdout_unmatched ("*Kerkstraat*");
}

static void
test_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(PkioClient) client = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonNode) node = json_from_string (order_body, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderAnswer) placed = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago: nothing listens there. */
  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  url = g_strdup_printf ("http://127.0.0.1:%u/services/v2/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_socket_listener_close (listener);

  client = pkio_client_new (url, KEY, &error);
  g_assert_no_error (error);
  pkio_client_set_retry_base_delay (client, 1);
  user = get_user (client, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK);
  g_clear_error (&error);

  /* Nothing was sent: the order surely was not placed. */
  pkio_client_place_order_async (client, node, NULL, got_result_cb, &result);
  placed = pkio_client_place_order_finish (client, wait_result (&result), &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK);
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  guint *elsewhere = user_data;

  if (g_str_has_prefix (path, "/elsewhere/"))
    {
      (*elsewhere)++;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"id\":1}", 8);
      return;
    }
  soup_server_message_set_redirect (msg, 302, "/elsewhere/user/me");
}

/* A redirect is never followed: it would carry the key elsewhere (and a POST would become a
 * GET). */
static void
test_redirect_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(PkioClient) client = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonNode) node = json_from_string (order_body, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderAnswer) placed = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint elsewhere = 0;

  soup_server_add_handler (server, NULL, redirect_cb, &elsewhere, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/services/v2/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = pkio_client_new (url, KEY, &error);
  g_assert_no_error (error);
  user = get_user (client, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  pkio_client_place_order_async (client, node, NULL, got_result_cb, &result);
  placed = pkio_client_place_order_finish (client, wait_result (&result), &error);
  g_assert_null (placed);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (elsewhere, ==, 0);
}

static void
test_urls (void)
{
  const char *refused[] = {
    "http://certcentral.digicert.eu/services/v2/", "http://10.0.0.1/", "ftp://127.0.0.1/",
    "file:///etc/passwd", "not a url", "https://", "http://127.0.0.1.example.com/",
  };
  const char *allowed[] = {
    "https://certcentral.digicert.eu/services/v2/", "http://127.0.0.1:8080/services/v2/",
    "http://127.1.2.3/", "http://localhost:1234/services/v2", "http://[::1]:99/services/v2/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioClient) client = pkio_client_new (refused[i], KEY, &error);

      g_assert_null (client);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_INSECURE_URL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioClient) client = pkio_client_new (allowed[i], KEY, &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
      g_assert_true (g_str_has_suffix (pkio_client_get_base_url (client), "/"));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PkioClient) client = pkio_client_new ("https://example.com/", "bad\r\nkey", &error);

    g_assert_null (client);
    g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  }
}

static void
test_resolve_base_url (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;

  g_setenv ("PKIO_ORDERS_API_URL", "http://127.0.0.1:4321/services/v2", TRUE);
  from_env = pkio_client_resolve_base_url (NULL);
  g_assert_cmpstr (from_env, ==, "http://127.0.0.1:4321/services/v2/");
  g_unsetenv ("PKIO_ORDERS_API_URL");
  fallback = pkio_client_resolve_base_url (NULL);
  g_assert_cmpstr (fallback, ==, DEFAULT_API_BASE_URL);
}

static void
test_one_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioClient) a = pkio_client_new ("https://example.com/", KEY, &error);
  g_autoptr(PkioClient) b = pkio_client_new ("http://127.0.0.1/", KEY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a->session);
  g_assert_true (a->session == b->session);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/client/user-and-headers", test_user_and_headers);
  ADD ("/client/check-key", test_check_key);
  ADD ("/client/key-rejected", test_key_rejected);
  ADD ("/client/forbidden", test_forbidden);
  ADD ("/client/not-found", test_not_found);
  ADD ("/client/place-and-follow", test_place_and_follow);
  ADD ("/client/list-all-pages", test_list_all_pages);
  ADD ("/client/cancelled", test_cancelled);
  ADD ("/client/post-cancelled-after-sending", test_post_cancelled_after_sending);
  ADD ("/client/cancelled-during-retry-wait", test_cancelled_during_retry_wait);
  ADD ("/client/status-changes-window", test_status_changes_window);
  ADD ("/client/logs-hold-no-secrets", test_logs_hold_no_secrets);
  g_test_add_func ("/client/connection-refused", test_connection_refused);
  g_test_add_func ("/client/redirect-refused", test_redirect_refused);
  g_test_add_func ("/client/urls", test_urls);
  g_test_add_func ("/client/resolve-base-url", test_resolve_base_url);
  g_test_add_func ("/client/one-session", test_one_session);

  return g_test_run ();
}
