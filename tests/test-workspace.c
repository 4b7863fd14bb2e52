/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "history-test-util.h"
#include "pkio-credentials.h"
#include "pkio-order-json.h"
#include "pkio-problem.h"
#include "pkio-workspace-private.h"

/* PkioWorkspace, the one door to an account, in practice mode (no keyring needed). */

static char *data_home;

static PkioWorkspace *
load_practice_workspace (GError **error)
{
  PkioWorkspace *workspace = pkio_workspace_new (NULL, TRUE);
  g_autoptr(GAsyncResult) result = NULL;

  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  pkio_workspace_load_finish (workspace, result, error);
  return workspace;
}

static PkioOrder *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(GError) error = NULL;
  PkioOrder *order;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  order = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 0);
  return order;
}

/* Loading waits for both halves: a finished load knows the key and has the history open. A
 * history that cannot be opened fails the load, and a later load tries again. */
static void
test_load_failure_then_retry (void)
{
  g_autofree char *blocker = g_build_filename (data_home, DATA_DIR_NAME, NULL);
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A file where the data folder should be stops root too. */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  workspace = load_practice_workspace (&error);
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_READ_ONLY);
  g_assert_false (pkio_workspace_is_loaded (workspace));
  g_assert_cmpint (pkio_workspace_get_key_state (workspace), !=, PKIO_KEY_STATE_LOOKING);
  g_assert_cmpint (pkio_workspace_get_state (workspace), ==, PKIO_WORKSPACE_STATE_FAILED);
  g_assert_nonnull (pkio_workspace_get_state_message (workspace));
  g_clear_error (&error);

  /* Again while still blocked: it must finish (with the same failure), not hang. */
  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_cmpint (g_unlink (blocker), ==, 0);
  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_no_error (error);
  g_assert_true (pkio_workspace_is_loaded (workspace));
  g_assert_cmpint (pkio_workspace_get_state (workspace), ==, PKIO_WORKSPACE_STATE_READY);
  g_assert_null (pkio_workspace_get_state_message (workspace));
  g_assert_true (g_file_test (pkio_workspace_get_history_path (workspace),
                              G_FILE_TEST_IS_REGULAR));
}

static void
test_check_and_set_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace (&error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioApiUser) user = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (pkio_workspace_get_key_state (workspace), ==, PKIO_KEY_STATE_AVAILABLE);
  g_assert_nonnull (pkio_workspace_get_client (workspace));
  g_assert_true (g_str_has_prefix (pkio_workspace_get_base_url (workspace), "http://127.0.0.1:"));

  pkio_workspace_check_key_async (workspace, PKIO_SIMULATOR_DEFAULT_API_KEY, NULL,
                                  test_result_cb, NULL);
  result = test_wait ();
  user = pkio_workspace_check_key_finish (workspace, result, &error);
  g_assert_no_error (error);
  name = pkio_api_user_dup_name (user);
  g_assert_cmpstr (name, ==, "Practice User");
  g_assert_cmpint (user->account_id, ==, 5550001);
  g_assert_cmpstr (user->container_name, ==, "Practice organisation");
  g_assert_true (pkio_api_user_can_order (user));
  g_clear_object (&result);

  pkio_workspace_check_key_async (workspace, "not-the-key", NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_null (pkio_workspace_check_key_finish (workspace, result, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Practice mode never writes to the keyring. */
  pkio_workspace_set_key_async (workspace, "any", NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_workspace_set_key_finish (workspace, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_place_and_fetch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace (&error);
  g_autoptr(PkioOrder) order = read_fixture ("seed-details.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;
  g_autoptr(PkioRemoteOrder) remote = NULL;
  g_autoptr(GError) store_error = NULL;
  PkioHistoryRecord *record;

  g_assert_no_error (error);
  pkio_workspace_place_order_async (workspace, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  sent = pkio_workspace_place_order_finish (workspace, result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
  g_assert_cmpint (sent->order_id, >, 0);
  record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace),
                                                sent->order_id);
  g_assert_nonnull (record);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_PLACED);
  g_clear_object (&result);

  pkio_workspace_fetch_order_async (workspace, sent->order_id, NULL, test_result_cb, NULL);
  result = test_wait ();
  remote = pkio_workspace_fetch_order_finish (workspace, result, &store_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (store_error);
  g_assert_cmpint (remote->order_id, ==, sent->order_id);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, remote->status);
}

/* The workspace hands the sender's task through as it is, with itself as the source: no
 * task of its own around it (src/core/README.md, the path of one order). */
static void
test_place_order_straight_through (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace (&error);
  g_autoptr(PkioOrder) order = read_fixture ("seed-details.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) source = NULL;
  g_autoptr(PkioSendResult) sent = NULL;

  g_assert_no_error (error);
  pkio_workspace_place_order_async (workspace, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  source = g_async_result_get_source_object (result);
  g_assert_true (source == G_OBJECT (workspace));
  g_assert_true (g_async_result_is_tagged (result, pkio_order_sender_send_async));
  sent = pkio_workspace_place_order_finish (workspace, result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static GError *
sync_workspace (PkioWorkspace *workspace)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  pkio_workspace_sync_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  pkio_workspace_sync_finish (workspace, result, &error);
  return error;
}

static PkioSendResult *
place_seed (PkioWorkspace *workspace)
{
  g_autoptr(PkioOrder) order = read_fixture ("seed-details.json");
  g_autoptr(GAsyncResult) result = NULL;

  pkio_workspace_place_order_async (workspace, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_workspace_place_order_finish (workspace, result);
}

/* Issue 21: a 401 on any call, whatever its code, puts the account in "key rejected"; a call
 * that succeeds, or another key, takes it out again. A 403 concerns its one call only. */
static void
test_key_rejected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace (&error);
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autoptr(PkioSendResult) sent = NULL;
  g_autoptr(PkioSendResult) forbidden = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioBalance) balance = NULL;
  guint notified = 0;
  guint posts;

  g_assert_no_error (error);
  g_signal_connect (workspace, "notify::key-rejected", G_CALLBACK (count_notify_cb), &notified);
  g_assert_false (pkio_workspace_get_key_rejected (workspace));

  /* CertCentral accepts only another key now (the one stored was revoked): the sync's first
   * GET is answered 401. */
  pkio_simulator_set_api_key (sim, "another-key");
  error = sync_workspace (workspace);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  g_clear_error (&error);
  g_assert_true (pkio_workspace_get_key_rejected (workspace));
  g_assert_cmpuint (notified, ==, 1);
  /* The account is still there: its history is read, its calls are made. */
  g_assert_cmpint (pkio_workspace_get_state (workspace), ==, PKIO_WORKSPACE_STATE_READY);

  /* An order is refused the same way (one POST, not placed), and says nothing new. */
  posts = pkio_simulator_count_requests (sim, "POST", NULL);
  sent = place_seed (workspace);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_REJECTED);
  g_assert_error (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "POST", NULL), ==, posts + 1);
  g_assert_true (pkio_workspace_get_key_rejected (workspace));
  g_assert_cmpuint (notified, ==, 1);

  /* The key may read again (CertCentral gave it back as View Only): a call that succeeds
   * takes the account out of "key rejected". */
  pkio_simulator_set_view_only_key (sim, PKIO_SIMULATOR_DEFAULT_API_KEY);
  pkio_workspace_get_balance_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  balance = pkio_workspace_get_balance_finish (workspace, result, &error);
  g_assert_no_error (error);
  g_assert_false (pkio_workspace_get_key_rejected (workspace));
  g_assert_cmpuint (notified, ==, 2);

  /* It may not order: that 403 is about the order alone, not the account. */
  forbidden = place_seed (workspace);
  g_assert_cmpint (forbidden->state, ==, PKIO_SEND_STATE_REJECTED);
  g_assert_error (forbidden->error, PKIO_API_ERROR, PKIO_API_ERROR_FORBIDDEN);
  g_assert_cmpint (pkio_api_error_get_meaning (forbidden->error), ==,
                   PKIO_ERROR_MEANING_NOT_ALLOWED);
  g_assert_false (pkio_workspace_get_key_rejected (workspace));
  g_assert_cmpuint (notified, ==, 2);

  /* Rejected again; then another key (as pkio_workspace_set_key_async () uses a key the
   * keyring took) clears it at once, before any call. */
  pkio_simulator_set_view_only_key (sim, NULL);
  error = sync_workspace (workspace);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  g_clear_error (&error);
  g_assert_true (pkio_workspace_get_key_rejected (workspace));
  g_assert_cmpuint (notified, ==, 3);
  g_assert_true (_pkio_workspace_use_key (workspace, "another-key", &error));
  g_assert_no_error (error);
  g_assert_false (pkio_workspace_get_key_rejected (workspace));
  g_assert_cmpuint (notified, ==, 4);
  error = sync_workspace (workspace);
  g_assert_no_error (error);
  g_assert_false (pkio_workspace_get_key_rejected (workspace));
}

static gboolean
wait_for_state (PkioWorkspace      *workspace,
                PkioWorkspaceState  state)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (pkio_workspace_get_state (workspace) != state && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return pkio_workspace_get_state (workspace) == state;
}

static PkioSimulator *
start_simulator (const char *key)
{
  g_autoptr(PkioSimulator) simulator = pkio_simulator_new ();
  g_autoptr(GError) error = NULL;

  pkio_simulator_set_api_key (simulator, key);
  g_assert_true (pkio_simulator_start (simulator, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&simulator);
}

static guint
count_syncs_with_key (PkioSimulator *simulator,
                      const char    *key)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (simulator);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

      if (g_str_has_prefix (request->path, "order/certificate") &&
          g_strcmp0 (g_hash_table_lookup (request->headers, "X-DC-DEVKEY"), key) == 0)
        n++;
    }
  return n;
}

static void
sync_once (PkioWorkspace *workspace)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_sync_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_sync_finish (workspace, result, &error));
  g_assert_no_error (error);
}

/* Preferences write "api-base-url" while the app runs: the next request goes to the new
 * address, with the key stored for that address (issue: the account follows the settings). */
static void
test_follows_address_setting (void)
{
  g_autoptr(PkioSimulator) sim_a = start_simulator ("key-for-a");
  g_autoptr(PkioSimulator) sim_b = start_simulator ("key-for-b");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under dbus-run-session with gnome-keyring");
      return;
    }
  pkio_credentials_store_async (pkio_simulator_get_base_url (sim_b), "key-for-b", NULL,
                                test_result_cb, NULL);
  result = test_wait ();
  if (!pkio_credentials_store_finish (result, &error))
    {
      g_test_skip_printf ("No usable Secret Service: %s", error->message);
      return;
    }
  g_clear_object (&result);

  g_unsetenv ("PKIO_ORDERS_API_URL");
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "api-base-url", pkio_simulator_get_base_url (sim_a));
  workspace = pkio_workspace_new (settings, FALSE);
  g_assert_cmpstr (pkio_workspace_get_base_url (workspace), ==, pkio_simulator_get_base_url (sim_a));

  pkio_workspace_set_key_async (workspace, "key-for-a", NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_set_key_finish (workspace, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_cmpint (pkio_workspace_get_state (workspace), ==, PKIO_WORKSPACE_STATE_READY);
  sync_once (workspace);
  g_assert_cmpuint (count_syncs_with_key (sim_a, "key-for-a"), >, 0);

  /* As Preferences does it. */
  g_settings_set_string (settings, "api-base-url", pkio_simulator_get_base_url (sim_b));
  g_assert_cmpstr (pkio_workspace_get_base_url (workspace), ==, pkio_simulator_get_base_url (sim_b));
  g_assert_null (pkio_workspace_get_client (workspace));
  g_assert_true (wait_for_state (workspace, PKIO_WORKSPACE_STATE_READY));
  pkio_simulator_clear_requests (sim_a);
  sync_once (workspace);
  g_assert_cmpuint (count_syncs_with_key (sim_b, "key-for-b"), >, 0);
  g_assert_cmpuint (pkio_simulator_count_requests (sim_a, NULL, NULL), ==, 0);

  /* An address without a key says so. */
  g_settings_set_string (settings, "api-base-url", "https://no-key.invalid/services/v2/");
  g_assert_true (wait_for_state (workspace, PKIO_WORKSPACE_STATE_NO_KEY));
  g_assert_null (pkio_workspace_get_client (workspace));
}

/* A sync asked for before the history is open says that, not "no API key". */
static void
test_sync_before_load (void)
{
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (NULL, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_sync_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_workspace_sync_finish (workspace, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_false (pkio_workspace_get_syncing (workspace));
}

/* A first practice session shows a few examples, marked as such; only the first. */
static void
test_practice_examples (void)
{
  g_autofree char *dir = g_build_filename (data_home, DATA_DIR_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(PkioWorkspace) again = NULL;
  GListModel *records;
  guint examples = 0;

  /* A fresh practice data folder (earlier tests here used one). */
  test_rm_rf (dir);
  workspace = load_practice_workspace (&error);
  g_assert_no_error (error);
  records = G_LIST_MODEL (pkio_workspace_get_store (workspace));
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      if (pkio_history_record_get_origin (record) == PKIO_RECORD_ORIGIN_EXAMPLE)
        examples++;
      /* Real orders of the simulator: their status can be asked for. */
      g_assert_cmpint (pkio_history_record_get_order_id (record), >, 0);
    }
  g_assert_cmpuint (examples, ==, 5);
  /* One ends in 20 days, one has ended: the warnings and renewal can be tried. */
  {
    PkioExpiryWindow window;
    guint ends_soon = 0, ended = 0;

    pkio_expiry_window_init (&window, PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
    for (guint i = 0; i < g_list_model_get_n_items (records); i++)
      {
        g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);
        gint64 left = 0;

        switch (pkio_history_record_get_expiry (record, &window))
          {
          case PKIO_EXPIRY_ENDS_SOON:
            ends_soon++;
            g_assert_true (pkio_history_record_get_days_left (record, window.today, &left));
            g_assert_cmpint (left, ==, 20);
            break;
          case PKIO_EXPIRY_ENDED:
            ended++;
            g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "expired");
            break;
          case PKIO_EXPIRY_NONE:
          case PKIO_EXPIRY_VALID:
          default:
            break;
          }
      }
    g_assert_cmpuint (ends_soon, ==, 1);
    g_assert_cmpuint (ended, ==, 1);
  }
  g_assert_cmpstr (pkio_history_origin_label (PKIO_RECORD_ORIGIN_EXAMPLE), ==,
                   "Example (practice mode)");
  g_clear_object (&workspace);

  /* The next session keeps them and adds none. */
  again = load_practice_workspace (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pkio_workspace_get_store (again))),
                    ==, 5);
}

static void
test_api_user (void)
{
  g_autoptr(JsonNode) view_only = json_from_string (
    "{\"id\":7,\"email\":\"v@example.nl\",\"container\":{\"id\":99,\"name\":\"Div\"},"
    "\"access_roles\":[{\"id\":3,\"name\":\"View Only\"}]}", NULL);
  g_autoptr(JsonNode) no_id = json_from_string ("{\"first_name\":\"A\"}", NULL);
  g_autoptr(PkioApiUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  user = pkio_api_user_from_json (json_node_get_object (view_only), &error);
  g_assert_no_error (error);
  g_assert_false (pkio_api_user_can_order (user));
  /* No account_id: the division's id stands in. */
  g_assert_cmpint (user->account_id, ==, 99);
  name = pkio_api_user_dup_name (user);
  g_assert_cmpstr (name, ==, "v@example.nl");

  g_assert_null (pkio_api_user_from_json (json_node_get_object (no_id), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("pkio-workspace-XXXXXX", NULL);
  int status;

  /* Before GLib reads XDG_DATA_HOME (it caches it). */
  data_home = g_build_filename (tmp, "data", NULL);
  g_mkdir_with_parents (data_home, 0700);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workspace/load-failure-then-retry", test_load_failure_then_retry);
  g_test_add_func ("/workspace/check-and-set-key", test_check_and_set_key);
  g_test_add_func ("/workspace/place-and-fetch", test_place_and_fetch);
  g_test_add_func ("/workspace/place-order-straight-through", test_place_order_straight_through);
  g_test_add_func ("/workspace/api-user", test_api_user);
  g_test_add_func ("/workspace/practice-examples", test_practice_examples);
  g_test_add_func ("/workspace/follows-address-setting", test_follows_address_setting);
  g_test_add_func ("/workspace/sync-before-load", test_sync_before_load);
  g_test_add_func ("/workspace/key-rejected", test_key_rejected);
  status = g_test_run ();
  test_rm_rf (tmp);
  g_free (data_home);
  return status;
}
