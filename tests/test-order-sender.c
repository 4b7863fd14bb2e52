/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "history-test-util.h"
#include "pkio-history-store-private.h"
#include "pkio-history-sync.h"
#include "pkio-order-json.h"
#include "pkio-order-sender.h"
#include "pkio-problem.h"
#include "pkio-simulator.h"
#include "test-hooks.h"

#define KEY "sender-test-key"

static const char order_json[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"encryption\","
  "\"is_rsassa_pss\":true,\"individual\":{\"first_name\":\"John\",\"last_name\":\"Doe\","
  "\"email\":\"john.doe@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

typedef struct
{
  char             *dir;
  char             *path;
  char             *state_file;
  PkioSimulator    *sim;
  PkioClient       *client;
  PkioHistoryStore *store;
} Fixture;

static PkioOrder *
make_order (const char *email)
{
  g_autoptr(JsonNode) node = json_from_string (order_json, NULL);
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  PkioOrder *order;

  if (email != NULL)
    json_object_set_string_member (json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (node), "certificate"), "individual"),
      "email", email);
  order = pkio_order_from_json (node, problems);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 0);
  return order;
}

static void
start_simulator (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (fixture->sim, KEY);
  pkio_simulator_set_issue_delay (fixture->sim, PKIO_SIMULATOR_ISSUE_NEVER);
  pkio_simulator_set_state_file (fixture->sim, fixture->state_file);
  g_assert_true (pkio_simulator_start (fixture->sim, &error));
  g_assert_no_error (error);
  fixture->client = pkio_client_new (pkio_simulator_get_base_url (fixture->sim), KEY, &error);
  g_assert_no_error (error);
  pkio_client_set_retry_base_delay (fixture->client, 10);
}

static void
stop_simulator (Fixture *fixture)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* A crash subprocess works in its parent's folder. */
  const char *parent_dir = g_test_subprocess () ? g_getenv ("PKIO_TEST_DIR") : NULL;

  fixture->dir = parent_dir ? g_strdup (parent_dir) : test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "pkio-orders", "history.sqlite", NULL);
  fixture->state_file = g_build_filename (fixture->dir, "simulator.json", NULL);
  start_simulator (fixture);
  if (data == NULL)
    fixture->store = test_open_store (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  stop_simulator (fixture);
  test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->state_file);
}

static PkioSendResult *
send_order (Fixture   *fixture,
            PkioOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_order_sender_send_async (NULL, fixture->store, fixture->client, order, NULL,
                                test_result_cb, NULL);
  result = test_wait ();
  return pkio_order_sender_send_finish (result);
}

static guint
count_posts (Fixture *fixture)
{
  return pkio_simulator_count_requests (fixture->sim, "POST", "order/certificate/pkio_burger");
}

static gint64
reconcile (Fixture           *fixture,
           PkioHistoryRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 found;

  pkio_history_reconcile_async (fixture->store, fixture->client, record, NULL, test_result_cb,
                                NULL);
  result = test_wait ();
  found = pkio_history_reconcile_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return found;
}

static void
test_placed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(PkioSendResult) result = send_order (fixture, order);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_PLACED);
  g_assert_cmpint (result->order_id, >, 0);
  g_assert_cmpuint (count_posts (fixture), ==, 1);
  g_assert_nonnull (result->record);
  g_assert_cmpint (pkio_history_record_get_state (result->record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (result->record), ==, result->order_id);
  g_assert_cmpstr (pkio_history_record_get_holder_email (result->record), ==,
                   "john.doe@example.com");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
}

static gboolean
sending_row_on_disk (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM records WHERE state = 0 AND "
                                           "holder_email = 'john.doe@example.com'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

static gboolean
file_contains (const char *path,
              const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_card_never_stored (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) node = json_from_string (order_json, NULL);
  g_autoptr(JsonNode) card = json_from_string (
    "{\"number\":\"4111 1111 1111 1111\",\"expiration_month\":\"07\","
    "\"expiration_year\":\"2031\",\"cvv\":\"987\",\"cardholder_name\":\"J. Doe\","
    "\"save_credit_card\":false,\"set_as_default\":0}", NULL);
  g_autoptr(JsonNode) billing = json_from_string (
    "{\"address\":\"813 Lincoln Street\",\"city\":\"Amsterdam\",\"country\":\"nl\","
    "\"zip\":\"1013 AA\"}", NULL);
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(PkioSendResult) result = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root = json_node_get_object (node);

  json_object_set_string_member (root, "payment_method", "card");
  json_object_set_member (root, "credit_card", g_steal_pointer (&card));
  json_object_set_member (root, "billing_address", g_steal_pointer (&billing));
  order = pkio_order_from_json (node, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  result = send_order (fixture, order);
  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_PLACED);
  stored = test_read_request (fixture->store, result->record, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_null (strstr (stored, "4111"));
  g_assert_null (strstr (stored, "987"));
  g_assert_nonnull (strstr (stored, "1111"));
  /* Nowhere on the disk either, journal included (which does hold the order). */
  g_assert_true (file_contains (fixture->path, "john.doe@example.com")
                 || file_contains (wal, "john.doe@example.com"));
  g_assert_false (file_contains (fixture->path, "4111111111111111"));
  g_assert_false (file_contains (wal, "4111111111111111"));
  g_assert_false (file_contains (wal, "\"cvv\""));
}

static void
test_journal_before_send (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;

  /* The simulator holds its answer back: while the POST is in flight, the SENDING record
   * must already be on the disk (another connection sees it). */
  pkio_simulator_set_fault_delay (fixture->sim, 300);
  pkio_simulator_inject_fault (fixture->sim, "POST", "order/certificate",
                               PKIO_SIMULATOR_FAULT_DELAY, 1);
  pkio_order_sender_send_async (NULL, fixture->store, fixture->client, order, NULL,
                                test_result_cb, NULL);
  while (count_posts (fixture) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sending_row_on_disk (fixture->path));

  result = test_wait ();
  sent = pkio_order_sender_send_finish (result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order ("not an email");
  g_autoptr(PkioSendResult) result = send_order (fixture, order);

  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_INVALID);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (result->problems);
  g_assert_cmpuint (result->problems->len, >, 0);
  g_assert_cmpstr (((PkioProblem *) result->problems->pdata[0])->path, ==,
                   "certificate.individual.email");
  g_assert_null (result->record);
  g_assert_cmpuint (count_posts (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
}

/* No client (no API key): refused before anything is written or sent, even an order with
 * mistakes, and its CVV is wiped as after any attempt. */
static void
test_no_key_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order ("not an email");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;

  pkio_order_set_secret (&order->credit_card.cvv, "123");
  pkio_order_sender_send_async (NULL, fixture->store, NULL, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  sent = pkio_order_sender_send_finish (result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_REJECTED);
  g_assert_error (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  g_assert_null (sent->record);
  g_assert_null (sent->problems);
  g_assert_true (order->credit_card.cvv == NULL || *order->credit_card.cvv == '\0');
  g_assert_cmpuint (count_posts (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(PkioSendResult) result = NULL;

  pkio_simulator_set_balance (fixture->sim, 0);
  result = send_order (fixture, order);
  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_REJECTED);
  g_assert_error (result->error, PKIO_API_ERROR, PKIO_API_ERROR_INVALID_INPUT);
  g_assert_cmpuint (count_posts (fixture), ==, 1);
  g_assert_cmpint (pkio_history_record_get_state (result->record), ==,
                   PKIO_RECORD_STATE_REJECTED);
  g_assert_nonnull (strstr (pkio_history_record_get_errors_json (result->record),
                            "\"code\":\"insufficient_funds\""));
  g_assert_cmpint (pkio_history_record_get_status_category (result->record), ==,
                   PKIO_STATUS_CATEGORY_PROBLEM);
}

static void
test_unknown_then_found (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(PkioSendResult) result = NULL;
  gint64 found;

  /* A colleague's order for someone else, after the attempt: not a match. */
  pkio_simulator_inject_fault (fixture->sim, "POST", "order/certificate",
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  result = send_order (fixture, order);
  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_UNKNOWN);
  g_assert_error (result->error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpint (pkio_history_record_get_state (result->record), ==, PKIO_RECORD_STATE_UNKNOWN);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fixture->sim), ==, 1);
  pkio_simulator_add_remote_order (fixture->sim, "someone.else@example.com", "Some", "One",
                                   "pending", NULL);

  found = reconcile (fixture, result->record);
  g_assert_cmpint (found, >, 0);
  g_assert_cmpstr (pkio_simulator_get_order_status (fixture->sim, found), ==, "pending");
  g_assert_cmpint (pkio_history_record_get_state (result->record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (result->record), ==, found);
  g_assert_cmpuint (count_posts (fixture), ==, 1);
}

static void
test_unknown_not_found (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(PkioSendResult) result = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GPtrArray) events = NULL;
  PkioHistoryEvent *last;

  pkio_simulator_inject_fault (fixture->sim, "POST", "order/certificate",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
  result = send_order (fixture, order);
  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_UNKNOWN);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fixture->sim), ==, 0);
  /* The same person, ordered long before the attempt: not it either. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -3);

    pkio_simulator_add_remote_order (fixture->sim, "john.doe@example.com", "John", "Doe",
                                     "issued", earlier);
  }

  g_assert_cmpint (reconcile (fixture, result->record), ==, 0);
  g_assert_cmpint (pkio_history_record_get_state (result->record), ==, PKIO_RECORD_STATE_UNKNOWN);

  pkio_history_store_get_timeline_async (fixture->store, result->record, NULL, test_result_cb,
                                         NULL);
  async = test_wait ();
  events = pkio_history_store_get_timeline_finish (fixture->store, async, NULL);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->kind, ==, PKIO_HISTORY_EVENT_NOT_FOUND);
  {
    g_autofree char *text = pkio_history_event_get_text (last);
    /* A date a person reads, as everywhere else in the window: "7 Oct 2026, 12:30". */
    g_assert_true (g_regex_match_simple ("^Not found at CertCentral on [0-9]{1,2} [A-Z][a-z]{2} "
                                         "[0-9]{4}, [0-9]{2}:[0-9]{2}$", text, 0, 0));
  }
}

static void
test_read_only_refuses (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "pkio-orders", NULL);
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(PkioSendResult) result = NULL;
  g_autoptr(GAsyncResult) opened = NULL;

  /* Tests run as root, where chmod 0500 stops nothing: a file where the folder should be. */
  g_assert_true (g_file_set_contents (blocker, "", -1, NULL));
  fixture->store = pkio_history_store_new (fixture->path);
  pkio_history_store_open_async (fixture->store, NULL, test_result_cb, NULL);
  opened = test_wait ();
  g_assert_false (pkio_history_store_open_finish (fixture->store, opened, NULL));

  result = send_order (fixture, order);
  g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_NOT_RECORDED);
  g_assert_error (result->error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_READ_ONLY);
  g_assert_cmpuint (count_posts (fixture), ==, 0);
}

static void
test_disk_full_refuses (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(GAsyncResult) capped = NULL;
  gboolean refused = FALSE;

  _pkio_history_store_simulate_full_disk_async (fixture->store, TRUE, test_result_cb, NULL);
  capped = test_wait ();
  g_assert_true (_pkio_history_store_simulate_full_disk_finish (fixture->store, capped, NULL));

  /* The file keeps its size: sooner or later a record needs a page it cannot have. */
  for (guint i = 0; i < 20 && !refused; i++)
    {
      g_autoptr(PkioSendResult) result = send_order (fixture, order);

      if (result->state == PKIO_SEND_STATE_NOT_RECORDED)
        {
          g_assert_error (result->error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_DISK_FULL);
          g_assert_cmpuint (count_posts (fixture), ==, i);
          refused = TRUE;
        }
      else
        g_assert_cmpint (result->state, ==, PKIO_SEND_STATE_PLACED);
    }
  g_assert_true (refused);
}

/* The crash tests: a subprocess sends and dies at the hook; the parent reopens. The simulator
 * keeps its orders in a state file, so the parent's simulator knows what the child's got. */
static void
crash_child (Fixture    *fixture,
             const char *point)
{
  g_autoptr(PkioOrder) order = make_order (NULL);
  g_autoptr(PkioSendResult) result = NULL;

  fixture->store = test_open_store (fixture->path);
  g_setenv ("PKIO_ORDER_SENDER_TEST_CRASH_POINT", point, TRUE);
  result = send_order (fixture, order);
  /* Not reached: the hook ends the process. */
  g_assert_not_reached ();
}

static PkioHistoryRecord *
run_crash (Fixture    *fixture,
           const char *point)
{
  g_autofree char *subtest = g_strdup_printf ("/order-sender/crash-%s", point);

  g_setenv ("PKIO_TEST_DIR", fixture->dir, TRUE);
  g_test_trap_subprocess (subtest, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_unsetenv ("PKIO_TEST_DIR");

  /* What a person finds at the next start. */
  stop_simulator (fixture);
  start_simulator (fixture);
  fixture->store = test_open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  return test_item (fixture->store, 0);
}

static void
test_crash_after_journal (Fixture       *fixture,
                          gconstpointer  data)
{
  PkioHistoryRecord *record;

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (g_test_subprocess ())
    {
      crash_child (fixture, "after-journal");
      return;
    }
  record = run_crash (fixture, "after-journal");
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fixture->sim), ==, 0);
  g_assert_cmpint (reconcile (fixture, record), ==, 0);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
}

static void
test_crash_after_send (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioHistoryRecord *record;

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (g_test_subprocess ())
    {
      crash_child (fixture, "after-send");
      return;
    }
  record = run_crash (fixture, "after-send");
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
  g_assert_cmpuint (pkio_simulator_get_n_orders (fixture->sim), ==, 1);

  /* The next sync (as `pkio-orders history` runs it) finds the order. */
  pkio_history_sync_async (fixture->store, fixture->client, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_sync_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  g_assert_cmpint (pkio_history_record_get_order_id (record), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/order-sender/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("placed", test_placed, NULL);
  ADD ("journal-before-send", test_journal_before_send, NULL);
  ADD ("invalid", test_invalid, NULL);
  ADD ("no-key-refused", test_no_key_refused, NULL);
  ADD ("card-never-stored", test_card_never_stored, NULL);
  ADD ("rejected", test_rejected, NULL);
  ADD ("unknown-then-found", test_unknown_then_found, NULL);
  ADD ("unknown-not-found", test_unknown_not_found, NULL);
  ADD ("read-only-refuses", test_read_only_refuses, "no store");
  ADD ("disk-full-refuses", test_disk_full_refuses, NULL);
  ADD ("crash-after-journal", test_crash_after_journal, "no store");
  ADD ("crash-after-send", test_crash_after_send, "no store");
#undef ADD

  return g_test_run ();
}
