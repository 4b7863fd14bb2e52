/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "history-test-util.h"
#include "pkio-history-cancel.h"
#include "pkio-history-migrations.h"
#include "pkio-history-sync.h"
#include "pkio-order-json.h"
#include "pkio-order-sender.h"
#include "pkio-simulator.h"

#define KEY "sync-test-key"

typedef struct
{
  char             *dir;
  char             *path;
  PkioSimulator    *sim;
  PkioClient       *client;
  PkioHistoryStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "pkio-orders", "history.sqlite", NULL);
  fixture->sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (fixture->sim, KEY);
  pkio_simulator_set_issue_delay (fixture->sim, PKIO_SIMULATOR_ISSUE_NEVER);
  g_assert_true (pkio_simulator_start (fixture->sim, &error));
  fixture->client = pkio_client_new (pkio_simulator_get_base_url (fixture->sim), KEY, &error);
  g_assert_no_error (error);
  pkio_client_set_retry_base_delay (fixture->client, 10);
  fixture->store = test_open_store (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
  test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
sync_store (Fixture *fixture,
            GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_history_sync_async (fixture->store, fixture->client, NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_history_sync_finish (fixture->store, result, error);
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
}

static void
test_first_and_later_sync (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) mine = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) last_month = g_date_time_add_days (now, -30);
  gint64 elsewhere_id;
  gint64 jan_id;
  gint64 new_id;
  PkioHistoryRecord *record;

  elsewhere_id = pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries",
                                                  "issued", last_month);
  pkio_simulator_add_remote_order (fixture->sim, "kees@example.nl", "Kees", "Bakker", "pending",
                                   NULL);
  /* An order this computer placed: listed by CertCentral too, must stay one record. */
  jan_id = pkio_simulator_add_remote_order (fixture->sim, "jan@example.nl", "Jan", "Jansen",
                                            "pending", NULL);
  mine = test_journal (fixture->store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), NULL);
  test_mark_placed (fixture->store, mine, jan_id, 0);

  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), ==, 0);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (fixture), ==, 3);
  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), >, 0);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/status-changes"), ==, 0);

  record = pkio_history_store_find_by_order_id (fixture->store, elsewhere_id);
  g_assert_nonnull (record);
  g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_ELSEWHERE);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "issued");
  /* Listed only: a list row names the holder but does not say the email. */
  g_assert_cmpstr (pkio_history_record_get_holder_name (record), ==, "Els Vries");
  g_assert_null (pkio_history_record_get_holder_email (record));
  g_assert_cmpint (pkio_history_record_get_created (record), ==, g_date_time_to_unix (last_month));
  g_assert_cmpint (pkio_history_record_get_origin (mine), ==, PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  g_assert_cmpstr (pkio_history_record_get_remote_status (mine), ==, "pending");

  /* Later: status-changes and the list of the orders created since the day before; a new
   * order elsewhere arrives from its list row, with its holder and date, without a request of
   * its own (a row has no email, as in the first sync); no duplicates. */
  new_id = pkio_simulator_add_remote_order (fixture->sim, "piet@example.nl", "Piet", "Pietersen",
                                            "pending", NULL);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/status-changes"), ==, 1);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/"), ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 4);
  record = pkio_history_store_find_by_order_id (fixture->store, new_id);
  g_assert_nonnull (record);
  g_assert_cmpstr (pkio_history_record_get_holder_name (record), ==, "Piet Pietersen");
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");
  g_assert_cmpint (pkio_history_record_get_created (record), >, 0);
  g_assert_null (pkio_history_record_get_holder_email (record));

  g_assert_true (sync_store (fixture, &error));
  g_assert_cmpuint (n_items (fixture), ==, 4);
}

static void
test_offline_keeps_data (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) mine = NULL;

  pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries", "issued", NULL);
  g_assert_true (sync_store (fixture, &error));
  mine = test_journal (fixture->store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), NULL);
  test_mark_placed (fixture->store, mine, 999999, 0);
  g_assert_cmpuint (n_items (fixture), ==, 2);

  /* The simulator goes away: the port refuses connections. */
  g_clear_object (&fixture->sim);
  g_assert_false (sync_store (fixture, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK);
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_cmpint (pkio_history_record_get_state (mine), ==, PKIO_RECORD_STATE_PLACED);
}

/* One order's unreadable answer (the catch-up reads two orders in progress): the other order is
 * still merged, the sync says which order could not be read, and the next sync asks again
 * (last-sync and the catch-up's place did not move). */
static void
test_unreadable_order_info (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *bad_text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_days (now, -3);
  gint64 last_sync;
  gint64 bad_id;
  gint64 good_id;
  PkioHistoryRecord *record;

  pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries", "issued", NULL);
  bad_id = pkio_simulator_add_remote_order (fixture->sim, "kees@example.nl", "Kees", "Bakker",
                                            "pending", before);
  good_id = pkio_simulator_add_remote_order (fixture->sim, "piet@example.nl", "Piet",
                                             "Pietersen", "pending", before);
  g_assert_true (sync_store (fixture, &error));
  last_sync = pkio_history_store_get_last_sync (fixture->store);
  g_assert_cmpint (last_sync, >, 0);
  /* Listed: no email yet. */
  g_assert_null (pkio_history_record_get_holder_email (
                   pkio_history_store_find_by_order_id (fixture->store, good_id)));

  bad_path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, bad_id);
  bad_text = g_strdup_printf ("%" G_GINT64_FORMAT, bad_id);
  pkio_simulator_inject_fault (fixture->sim, "GET", bad_path, PKIO_SIMULATOR_FAULT_MALFORMED_JSON,
                               1);

  g_assert_false (sync_store (fixture, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_assert_nonnull (strstr (error->message, bad_text));
  g_clear_error (&error);
  record = pkio_history_store_find_by_order_id (fixture->store, good_id);
  g_assert_nonnull (record);
  g_assert_cmpstr (pkio_history_record_get_holder_email (record), ==, "piet@example.nl");
  record = pkio_history_store_find_by_order_id (fixture->store, bad_id);
  g_assert_nonnull (record);
  g_assert_null (pkio_history_record_get_holder_email (record));
  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), ==, last_sync);

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  record = pkio_history_store_find_by_order_id (fixture->store, bad_id);
  g_assert_nonnull (record);
  g_assert_cmpstr (pkio_history_record_get_holder_email (record), ==, "kees@example.nl");
  g_assert_cmpuint (n_items (fixture), ==, 3);
  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), >=, last_sync);
}

static gboolean
cancel (Fixture           *fixture,
        PkioHistoryRecord *record,
        const char        *note,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_history_cancel_order_async (fixture->store, fixture->client, record, note, NULL,
                                   test_result_cb, NULL);
  result = test_wait ();
  return pkio_history_cancel_order_finish (fixture->store, result, error);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 order_id;
  PkioHistoryRecord *record;

  order_id = pkio_simulator_add_remote_order (fixture->sim, "kees@example.nl", "Kees", "Bakker",
                                              "pending", NULL);
  g_assert_true (sync_store (fixture, &error));
  record = pkio_history_store_find_by_order_id (fixture->store, order_id);
  g_assert_nonnull (record);
  g_assert_true (pkio_history_record_can_cancel (record));

  g_assert_false (cancel (fixture, record, "  ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "PUT", NULL), ==, 0);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");

  g_assert_true (cancel (fixture, record, "Ordered twice", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "PUT", NULL), ==, 1);
  g_assert_cmpstr (pkio_simulator_get_order_status (fixture->sim, order_id), ==, "canceled");
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "canceled");
  g_assert_false (pkio_history_record_can_cancel (record));

  /* Not cancellable any more: refused here, nothing sent. */
  g_assert_false (cancel (fixture, record, "Again", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "PUT", NULL), ==, 1);
}

/* Ordered here for an existing individual (by id): the request has no name, the sync brings
 * CertCentral's, even when status-changes already reports the order. */
static void
test_ordered_by_id_gets_holder (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "fixtures", "seed-id.json",
                                                      NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;
  PkioHistoryRecord *record;

  g_assert_true (sync_store (fixture, &error));  /* the first, full sync: nothing there yet */
  g_assert_true (json_parser_load_from_file (parser, seed_path, &error));
  order = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_cmpuint (problems->len, ==, 0);

  pkio_order_sender_send_async (NULL, fixture->store, fixture->client, order, NULL,
                                test_result_cb, NULL);
  result = test_wait ();
  sent = pkio_order_sender_send_finish (result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
  record = pkio_history_store_find_by_order_id (fixture->store, sent->order_id);
  g_assert_nonnull (record);
  g_assert_true (pkio_history_record_get_holder_name (record) == NULL
                 || *pkio_history_record_get_holder_name (record) == '\0');

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_history_record_get_holder_name (record), ==, "John Doe");
  g_assert_cmpstr (pkio_history_record_get_holder_email (record), ==, "john.doe@example.com");
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/status-changes"), ==, 1);
}

/* Who placed an order is kept only from what order info says ("user"): list rows never say
 * it, an answer without it leaves what an earlier one said, and an order CertCentral names
 * nobody for has nobody (docs/decisions.md#who-placed-an-order). */
static void
test_placed_by (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryStore) reopened = NULL;
  g_autoptr(PkioHistoryRecord) mine = NULL;
  gint64 ada_id;
  gint64 nobody_id;
  gint64 mine_id;
  PkioHistoryRecord *ada;
  PkioHistoryRecord *nobody;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  /* Older than the status-changes window of the next syncs, which then read the order info
   * of orders in progress (a change in the window would be merged as it is). */
  g_autoptr(GDateTime) before = g_date_time_add_days (now, -2);

  ada_id = pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries",
                                            "pending", before);
  g_assert_true (pkio_simulator_set_order_placed_by (fixture->sim, ada_id, "Ada", "Admin",
                                                     "ada.admin@example.nl"));
  nobody_id = pkio_simulator_add_remote_order (fixture->sim, "kees@example.nl", "Kees",
                                               "Bakker", "pending", before);
  mine_id = pkio_simulator_add_remote_order (fixture->sim, "jan@example.nl", "Jan", "Jansen",
                                             "pending", before);
  g_assert_true (pkio_simulator_set_order_placed_by (fixture->sim, mine_id, "Practice", "User",
                                                     "practice.user@example.com"));
  mine = test_journal (fixture->store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), NULL);
  test_mark_placed (fixture->store, mine, mine_id, 0);

  /* The first sync lists: rows do not say who placed an order. */
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  ada = pkio_history_store_find_by_order_id (fixture->store, ada_id);
  nobody = pkio_history_store_find_by_order_id (fixture->store, nobody_id);
  g_assert_nonnull (ada);
  g_assert_nonnull (nobody);
  g_assert_null (pkio_history_record_get_placed_by (ada));
  g_assert_null (pkio_history_record_get_placed_by (mine));

  /* The next one's catch-up reads the order info of orders in progress, which names who. */
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  /* status-changes once, then the three orders' info. */
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET",
                                                   "order/certificate/"), ==, 4);
  g_assert_cmpstr (pkio_history_record_get_placed_by (ada), ==, "Ada Admin");
  g_assert_cmpstr (pkio_history_record_get_placed_by (mine), ==, "Practice User");
  g_assert_null (pkio_history_record_get_placed_by (nobody));

  /* An answer that no longer says leaves what was said; a name that changed is taken. */
  g_assert_true (pkio_simulator_set_order_placed_by (fixture->sim, ada_id, NULL, NULL, NULL));
  g_assert_true (pkio_simulator_set_order_placed_by (fixture->sim, nobody_id, "", "",
                                                     "kees.admin@example.nl"));
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_history_record_get_placed_by (ada), ==, "Ada Admin");
  g_assert_cmpstr (pkio_history_record_get_placed_by (nobody), ==, "kees.admin@example.nl");

  /* Kept on disk. */
  g_clear_object (&fixture->store);
  reopened = test_open_store (fixture->path);
  g_assert_cmpstr (pkio_history_record_get_placed_by (
                     pkio_history_store_find_by_order_id (reopened, ada_id)), ==, "Ada Admin");
  g_assert_cmpstr (pkio_history_record_get_placed_by (
                     pkio_history_store_find_by_order_id (reopened, mine_id)), ==,
                   "Practice User");
}

/* ---- unknown outcomes (pkio-history-reconcile.h) ---- */

static PkioOrder *
order_from_text (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  PkioOrder *order = pkio_order_from_json (node, problems);

  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 0);
  return order;
}

/* Sends @json through the real sender while the simulator drops the connection once it has
 * the body: CertCentral creates the order, this computer never hears of it. */
static PkioHistoryRecord *
send_unknown (Fixture    *fixture,
              const char *json)
{
  g_autoptr(PkioOrder) order = order_from_text (json);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;

  pkio_simulator_inject_fault (fixture->sim, "POST", "order/certificate/pkio_burger",
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  pkio_order_sender_send_async (NULL, fixture->store, fixture->client, order, NULL,
                                test_result_cb, NULL);
  result = test_wait ();
  sent = pkio_order_sender_send_finish (result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_UNKNOWN);
  g_assert_cmpint (pkio_history_record_get_state (sent->record), ==, PKIO_RECORD_STATE_UNKNOWN);
  return g_object_ref (sent->record);
}

static guint
count_with_order_id (Fixture *fixture,
                     gint64   order_id)
{
  guint count = 0;

  for (guint i = 0; i < n_items (fixture); i++)
    count += pkio_history_record_get_order_id (test_item (fixture->store, i)) == order_id;
  return count;
}

static gboolean
timeline_has (Fixture           *fixture,
              PkioHistoryRecord *record,
              const char        *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  pkio_history_store_get_timeline_async (fixture->store, record, NULL, test_result_cb, NULL);
  result = test_wait ();
  events = pkio_history_store_get_timeline_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (((PkioHistoryEvent *) g_ptr_array_index (events, i))->kind
        == pkio_history_event_kind_from_string (kind))
      return TRUE;
  return FALSE;
}

/* The first, full sync lists the order an unknown attempt became: it is merged into the
 * attempt, never listed beside it as placed elsewhere (model, CSV and JSON). */
static void
test_unknown_linked_on_first_sync (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 order_id;
  gboolean email_filtered = FALSE;

  record = send_unknown (fixture, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"));
  order_id = pkio_simulator_get_last_order_id (fixture->sim);
  pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries", "issued",
                                   NULL);
  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), ==, 0);

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (record), ==, order_id);
  g_assert_cmpint (pkio_history_record_get_certificate_id (record), >, 0);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");
  g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  g_assert_true (timeline_has (fixture, record, "found"));
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_cmpuint (count_with_order_id (fixture, order_id), ==, 1);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "POST", NULL), ==, 1);

  /* Asked the documented way: the holder's email as a filter. */
  requests = pkio_simulator_get_requests (fixture->sim);
  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

      email_filtered |= request->query != NULL
                        && strstr (request->query, "filters%5Bemail%5D=jan%40example.nl") != NULL;
    }
  g_assert_true (email_filtered);

  pkio_history_write_csv (G_LIST_MODEL (fixture->store), csv);
  {
    g_auto(GStrv) lines = g_strsplit (csv->str, "\r\n", -1);

    /* Header, two orders, and the empty string after the last CRLF. */
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_nonnull (strstr (csv->str, ",placed,"));
    g_assert_null (strstr (csv->str, ",unknown,"));
  }
  json = pkio_history_to_json (G_LIST_MODEL (fixture->store));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 2);
}

/* Moves the attempts' times into the past, as a test cannot wait minutes. */
static void
set_created (const char *path,
             gint64      local_id,
             gint64      created)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE records SET created = %" G_GINT64_FORMAT
                                          " WHERE id = %" G_GINT64_FORMAT, created, local_id);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static PkioHistoryRecord *
journal_unknown (Fixture    *fixture,
                 const char *request_json)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioHistoryRecord *record = test_journal (fixture->store, request_json, &error);

  g_assert_no_error (error);
  pkio_history_store_journal_mark_unknown_async (fixture->store, record, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_journal_mark_finish (fixture->store, result, &error));
  return record;
}

static void
reopen_store (Fixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = test_open_store (fixture->path);
}

/* Two unknown attempts for one person, minutes apart, and two orders of CertCentral: each
 * attempt gets its own. */
static void
test_two_unknown_minutes_apart (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first_at = now - 600;
  gint64 second_at = now - 420;
  gint64 first_local, second_local, first_order, second_order;
  g_autoptr(GDateTime) first_created = g_date_time_new_from_unix_utc (first_at + 2);
  g_autoptr(GDateTime) second_created = g_date_time_new_from_unix_utc (second_at + 2);
  PkioHistoryRecord *first, *second;

  {
    g_autoptr(PkioHistoryRecord) a = journal_unknown (
      fixture, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"));
    g_autoptr(PkioHistoryRecord) b = journal_unknown (
      fixture, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"));

    first_local = pkio_history_record_get_local_id (a);
    second_local = pkio_history_record_get_local_id (b);
  }
  g_clear_object (&fixture->store);
  set_created (fixture->path, first_local, first_at);
  set_created (fixture->path, second_local, second_at);
  fixture->store = test_open_store (fixture->path);

  /* Listed newest first by CertCentral, and placed elsewhere ones too old or too new. */
  first_order = pkio_simulator_add_remote_order (fixture->sim, "jan@example.nl", "Jan",
                                                 "Jansen", "pending", first_created);
  second_order = pkio_simulator_add_remote_order (fixture->sim, "jan@example.nl", "Jan",
                                                  "Jansen", "pending", second_created);

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  first = pkio_history_store_find_by_local_id (fixture->store, first_local);
  second = pkio_history_store_find_by_local_id (fixture->store, second_local);
  g_assert_cmpint (pkio_history_record_get_state (first), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (first), ==, first_order);
  g_assert_cmpint (pkio_history_record_get_state (second), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (second), ==, second_order);
  g_assert_cmpuint (n_items (fixture), ==, 2);
}

/* Two orders that cannot be told apart: the attempt stays unknown and keeps both, also after
 * a restart, until the person chooses. */
static void
test_candidates_kept_and_chosen (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) minute_ago = g_date_time_add_seconds (now, -60);
  gint64 local_id, earlier, own;
  PkioHistoryRecord *record;
  GPtrArray *candidates;

  {
    g_autoptr(PkioHistoryRecord) sent = send_unknown (
      fixture, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"));

    local_id = pkio_history_record_get_local_id (sent);
  }
  own = pkio_simulator_get_last_order_id (fixture->sim);
  /* A colleague's order for the same person a minute before, by this computer's clock:
   * within the clock allowance, so time cannot tell which one is the attempt's. */
  earlier = pkio_simulator_add_remote_order (fixture->sim, "jan@example.nl", "Jan", "Jansen",
                                             "pending", minute_ago);

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  record = pkio_history_store_find_by_local_id (fixture->store, local_id);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
  candidates = pkio_history_record_get_candidates (record);
  g_assert_cmpuint (candidates->len, ==, 2);
  g_assert_cmpint (((PkioRemoteOrder *) g_ptr_array_index (candidates, 0))->order_id, ==, earlier);
  g_assert_cmpint (((PkioRemoteOrder *) g_ptr_array_index (candidates, 1))->order_id, ==, own);
  g_assert_true (timeline_has (fixture, record, "candidates"));
  /* Both exist at CertCentral: listed as placed elsewhere until one is chosen. */
  g_assert_cmpuint (n_items (fixture), ==, 3);
  g_assert_cmpuint (count_with_order_id (fixture, own), ==, 1);
  g_assert_cmpuint (count_with_order_id (fixture, earlier), ==, 1);

  reopen_store (fixture);
  record = pkio_history_store_find_by_local_id (fixture->store, local_id);
  g_assert_cmpuint (pkio_history_record_get_candidates (record)->len, ==, 2);

  /* Only an offered order can be chosen, and that is refused before anything is asked. */
  pkio_simulator_clear_requests (fixture->sim);
  pkio_history_link_order_async (fixture->store, fixture->client, record, 999, NULL,
                                 test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_history_link_order_finish (fixture->store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, NULL, NULL), ==, 0);

  pkio_history_link_order_async (fixture->store, fixture->client, record, own, NULL,
                                 test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_link_order_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (record), ==, own);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");
  g_assert_cmpuint (pkio_history_record_get_candidates (record)->len, ==, 0);
  g_assert_true (timeline_has (fixture, record, "linked"));
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_cmpuint (count_with_order_id (fixture, own), ==, 1);

  /* A later sync keeps it so; the other order stays placed elsewhere, once. */
  g_assert_true (sync_store (fixture, &error));
  g_assert_cmpint (pkio_history_record_get_order_id (record), ==, own);
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_cmpint (pkio_history_record_get_origin (
                     pkio_history_store_find_by_order_id (fixture->store, earlier)),
                   ==, PKIO_RECORD_ORIGIN_ELSEWHERE);
}

/* Ordered for an existing individual by id: the request says nothing about the holder, so the
 * order info tells whose the listed orders are; later, what the history learnt (the email)
 * is used. */
static void
test_unknown_by_individual_id (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "fixtures", "seed-id.json",
                                                      NULL);
  g_autofree char *seed = NULL;
  g_autoptr(GString) seed_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) first = NULL;
  g_autoptr(PkioHistoryRecord) second = NULL;
  gint64 first_order, second_order;
  guint infos;

  g_assert_true (g_file_get_contents (seed_path, &seed, NULL, &error));
  /* The profile of the orders placed elsewhere, so only the holder tells them apart. */
  seed_text = g_string_new (seed);
  g_assert_cmpuint (g_string_replace (seed_text, "nonrepudiation", "authentication", 1), ==, 1);
  g_free (seed);
  seed = g_string_free (g_steal_pointer (&seed_text), FALSE);
  /* Someone else's order at the same time: the list alone cannot tell it apart; the order
   * info of the other one says it is individual 21's, and so who 21 is. */
  pkio_simulator_add_remote_order (fixture->sim, "anna@example.nl", "Anna", "Smit", "pending",
                                   NULL);
  first = send_unknown (fixture, seed);
  first_order = pkio_simulator_get_last_order_id (fixture->sim);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pkio_history_record_get_state (first), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (first), ==, first_order);
  infos = pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/84");
  g_assert_cmpuint (infos, >=, 1);
  g_assert_cmpuint (infos, <=, 10);
  g_assert_cmpstr (pkio_history_record_get_holder_email (first), ==, "john.doe@example.com");

  /* The history knows individual 21's email now: it is the filter. */
  pkio_simulator_clear_requests (fixture->sim);
  second = send_unknown (fixture, seed);
  second_order = pkio_simulator_get_last_order_id (fixture->sim);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pkio_history_record_get_order_id (second), ==, second_order);
  g_assert_cmpuint (count_with_order_id (fixture, second_order), ==, 1);
  {
    g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fixture->sim);
    gboolean email_filtered = FALSE;

    for (guint i = 0; i < requests->len; i++)
      {
        PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

        email_filtered |= request->query != NULL
                          && strstr (request->query, "john.doe%40example.com") != NULL;
      }
    g_assert_true (email_filtered);
  }
}

/* ---- the certificate's validity ---- */

static void
set_now (int year,
         int month,
         int day_of_month)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (year, month, day_of_month, 12, 0, 0);

  pkio_calendar_set_now (now);
}

static PkioDay
day (const char *iso)
{
  return pkio_calendar_day_from_iso (iso);
}

static guint
count_order_info (Fixture *fixture,
                  gint64   order_id)
{
  g_autofree char *path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, order_id);
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fixture->sim);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

      count += g_str_equal (request->method, "GET") && g_str_equal (request->path, path);
    }
  return count;
}

/* The list rows bring valid_till and days_remaining; days_remaining counts down from day to
 * day; a certificate issued since the last sync has its order info read once, for valid_from
 * too, and never again. */
static void
test_validity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;
  g_autoptr(PkioRemoteOrder) info = NULL;
  PkioHistoryRecord *record;
  gint64 remaining = -1;
  gint64 listed;

  set_now (2026, 3, 10);
  listed = pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries",
                                            "issued", NULL);
  g_assert_true (pkio_simulator_set_order_validity (fixture->sim, listed, day ("2025-03-10"),
                                                    day ("2026-04-01")));
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  record = pkio_history_store_find_by_order_id (fixture->store, listed);
  g_assert_cmpuint (pkio_history_record_get_valid_till (record), ==, day ("2026-04-01"));
  /* A list row does not carry valid_from; its order info was not read for it. */
  g_assert_cmpuint (pkio_history_record_get_valid_from (record), ==, 0);
  g_assert_cmpuint (count_order_info (fixture, listed), ==, 0);
  g_assert_true (pkio_history_record_get_days_remaining (record, &remaining));
  g_assert_cmpint (remaining, ==, 22);

  /* Five days on, CertCentral counts five days fewer. */
  set_now (2026, 3, 15);
  pkio_client_get_order_async (fixture->client, listed, NULL, test_result_cb, NULL);
  result = test_wait ();
  info = pkio_client_get_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->days_remaining, ==, 17);
  g_assert_cmpuint (info->valid_from, ==, day ("2025-03-10"));
  g_clear_object (&result);

  /* Placed here, pending at one sync, issued by the next. */
  order = order_from_text (TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"));
  pkio_simulator_set_issue_delay (fixture->sim, 300);
  pkio_order_sender_send_async (NULL, fixture->store, fixture->client, order, NULL,
                                test_result_cb, NULL);
  result = test_wait ();
  sent = pkio_order_sender_send_finish (result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
  g_assert_true (sync_store (fixture, &error));
  g_assert_cmpstr (pkio_history_record_get_remote_status (sent->record), ==, "pending");
  g_assert_cmpuint (pkio_history_record_get_valid_till (sent->record), ==, 0);
  g_usleep (400 * 1000);
  pkio_simulator_clear_requests (fixture->sim);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_history_record_get_remote_status (sent->record), ==, "issued");
  g_assert_cmpuint (pkio_history_record_get_valid_from (sent->record), ==, day ("2026-03-15"));
  g_assert_cmpuint (pkio_history_record_get_valid_till (sent->record), ==, day ("2027-03-15"));
  g_assert_cmpuint (count_order_info (fixture, sent->order_id), ==, 1);

  /* Its validity known, the next syncs do not ask for it again. */
  pkio_simulator_clear_requests (fixture->sim);
  g_assert_true (sync_store (fixture, &error));
  g_assert_cmpuint (count_order_info (fixture, sent->order_id), ==, 0);
  pkio_calendar_set_now (NULL);
}

/* A history from before validity was kept (schema 2) gets it from one listing of every order
 * at the next sync, not from each order's info; the sync after that asks what changed again. */
static void
test_migration_lists_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (fixture->dir, "old.sqlite", NULL);
  g_autofree char *insert = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) record = NULL;
  guint n_migrations;
  const char *const *migrations = _pkio_history_migrations (&n_migrations);
  sqlite3 *db = NULL;
  gint64 order_id;

  set_now (2026, 3, 10);
  order_id = pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries",
                                              "issued", NULL);
  g_assert_true (pkio_simulator_set_order_validity (fixture->sim, order_id, day ("2025-03-10"),
                                                    day ("2026-04-01")));
  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, migrations[1], NULL, NULL, NULL), ==, SQLITE_OK);
  insert = g_strdup_printf ("PRAGMA user_version = 2;"
                            "INSERT INTO records (state, origin, order_id, remote_status, created,"
                            " updated, holder_name) VALUES (4, 1, %" G_GINT64_FORMAT ", 'issued',"
                            " 1000, 1000, 'Els Vries');"
                            "INSERT INTO events (record_id, time, kind, detail)"
                            " VALUES (1, 2000, 'status', 'issued');"
                            "INSERT INTO meta (key, value) VALUES ('last_sync', '%" G_GINT64_FORMAT
                            "');", order_id, g_get_real_time () / G_USEC_PER_SEC - 60);
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_clear_object (&fixture->store);
  fixture->store = test_open_store (old_path);
  g_assert_true (pkio_history_store_get_full_list_due (fixture->store));
  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), >, 0);
  record = g_object_ref (pkio_history_store_find_by_order_id (fixture->store, order_id));
  g_assert_cmpuint (pkio_history_record_get_valid_till (record), ==, 0);
  /* Since when it is in this status: the last status event. */
  g_assert_cmpint (pkio_history_record_get_status_changed (record), ==, 2000);

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/status-changes"), ==, 0);
  g_assert_cmpuint (count_order_info (fixture, order_id), ==, 0);
  g_assert_cmpuint (pkio_history_record_get_valid_till (record), ==, day ("2026-04-01"));
  g_assert_false (pkio_history_store_get_full_list_due (fixture->store));

  /* Done for good: opened again, the next sync asks what changed. */
  g_clear_object (&fixture->store);
  fixture->store = test_open_store (old_path);
  g_assert_false (pkio_history_store_get_full_list_due (fixture->store));
  g_assert_cmpuint (pkio_history_record_get_valid_till (
                      pkio_history_store_find_by_order_id (fixture->store, order_id)),
                    ==, day ("2026-04-01"));
  pkio_simulator_clear_requests (fixture->sim);
  g_assert_true (sync_store (fixture, &error));
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/status-changes"), ==, 1);
  pkio_calendar_set_now (NULL);
}

/* The sync finished: its result is waiting. */
static gboolean
sync_done (void)
{
  return test_result != NULL;
}

/* Each order CertCentral has is in the history exactly once. */
static void
assert_each_order_once (Fixture *fixture,
                        guint    n_orders)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);

  g_assert_cmpuint (n_items (fixture), ==, n_orders);
  for (guint i = 0; i < n_items (fixture); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (fixture->store), i);
      gint64 order_id = pkio_history_record_get_order_id (record);

      g_assert_nonnull (pkio_simulator_get_order_status (fixture->sim, order_id));
      g_assert_false (g_hash_table_contains (seen, &order_id));
      g_hash_table_add (seen, g_memdup2 (&order_id, sizeof order_id));
    }
}

/* A sync through CertCentral's rate limit: it lets two requests through, then says 429 until
 * the first refusal, when the limit lifts (another program using the same key stopped, say).
 * The sync succeeds, refused once. */
static void
sync_through_rate_limit (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_simulator_set_rate_limits_full (fixture->sim, 2, 60 * 1000, 0, 0);
  pkio_client_set_retry_base_delay (fixture->client, 200);
  pkio_history_sync_async (fixture->store, fixture->client, NULL, test_result_cb, NULL);
  while (!sync_done ())
    {
      g_main_context_iteration (NULL, TRUE);
      if (pkio_simulator_get_n_rate_limited (fixture->sim) == 1)
        pkio_simulator_set_rate_limits (fixture->sim, FALSE);
    }
  result = test_wait ();
  g_assert_true (pkio_history_sync_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pkio_simulator_get_n_rate_limited (fixture->sim), ==, 1);
}

/* The pages asked for (their offsets), in order, with what CertCentral answered. */
static GString *
pages_asked (Fixture *fixture)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fixture->sim);
  GString *pages = g_string_new (NULL);

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);
      const char *offset = request->query ? strstr (request->query, "offset=") : NULL;

      /* The first page leaves the offset out. */
      if (g_str_equal (request->path, "order/certificate"))
        g_string_append_printf (pages, "%s%u", pages->len ? "," : "",
                                offset != NULL ? (guint) g_ascii_strtoull (offset + strlen ("offset="),
                                                                           NULL, 10) : 0);
    }
  return pages;
}

static void
test_rate_limited_while_paging (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pages = NULL;

  /* Three pages of 1000; CertCentral lets two requests through, then says 429 until told
   * otherwise (another program using the same key, say). */
  pkio_simulator_add_remote_orders_bulk (fixture->sim, 2500);
  /* The limit lifts while the third page is retried: it comes, once. */
  sync_through_rate_limit (fixture);
  pages = pages_asked (fixture);
  g_assert_cmpstr (pages->str, ==, "0,1000,2000,2000");
  assert_each_order_once (fixture, 2500);

  /* This time the limit outlasts the retries, on a fresh history: the sync fails and says
   * why, and leaves no time of a last sync, so the next one lists every page again. */
  {
    g_autofree char *folder = g_path_get_dirname (fixture->path);

    g_clear_object (&fixture->store);
    test_rm_rf (folder);
    fixture->store = test_open_store (fixture->path);
  }
  pkio_simulator_clear_requests (fixture->sim);
  pkio_simulator_set_rate_limits_full (fixture->sim, 2, 60 * 1000, 0, 0);
  pkio_client_set_retry_base_delay (fixture->client, 10);
  g_assert_false (sync_store (fixture, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  g_assert_cmpint (pkio_history_store_get_last_sync (fixture->store), ==, 0);
  g_string_free (pages, TRUE);
  pages = pages_asked (fixture);
  g_assert_cmpstr (pages->str, ==, "0,1000,2000,2000,2000,2000");

  pkio_simulator_set_rate_limits (fixture->sim, FALSE);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  assert_each_order_once (fixture, 2500);
}

/* The order ids whose order info was asked, in order. */
static GArray *
infos_asked (Fixture *fixture)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fixture->sim);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);
      const char *tail = request->path + strlen ("order/certificate/");
      gint64 id;

      if (g_str_has_prefix (request->path, "order/certificate/")
          && g_ascii_string_to_signed (tail, 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* The next sync asks a few times, whatever the history's size (issue 24): status-changes,
 * the orders created since the day before the last sync (one page), and a catch-up of a few
 * orders in progress. Before, it read each new order's info and the 50 newest orders in
 * progress that status-changes did not name: 1 + 20 + 50 requests here. */
static void
test_next_sync_few_requests (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pages = NULL;
  gint64 first;
  gint64 new_ids[20];

  /* Created over the past year, statuses mixed: dozens still in progress. */
  pkio_simulator_add_remote_orders_bulk (fixture->sim, 600);
  first = pkio_simulator_get_last_order_id (fixture->sim) - 600 + 1;
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (fixture), ==, 600);

  for (guint i = 0; i < G_N_ELEMENTS (new_ids); i++)
    {
      g_autofree char *email = g_strdup_printf ("new%u@example.com", i);

      new_ids[i] = pkio_simulator_add_remote_order (fixture->sim, email, "Nieuw", "Besteld",
                                                    "pending", NULL);
    }
  for (guint i = 0; i < 10; i++)
    g_assert_true (pkio_simulator_set_order_status (fixture->sim, first + i * 50, "revoked"));
  pkio_simulator_clear_requests (fixture->sim);

  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET",
                                                   "order/certificate/status-changes"), ==, 1);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, NULL, NULL), ==,
                    2 + PKIO_HISTORY_SYNC_CATCH_UP);
  pages = pages_asked (fixture);
  g_assert_cmpstr (pages->str, ==, "0");
  assert_each_order_once (fixture, 620);
  for (guint i = 0; i < G_N_ELEMENTS (new_ids); i++)
    {
      PkioHistoryRecord *record = pkio_history_store_find_by_order_id (fixture->store,
                                                                       new_ids[i]);

      g_assert_nonnull (record);
      g_assert_cmpstr (pkio_history_record_get_holder_name (record), ==, "Nieuw Besteld");
      g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");
      g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_ELSEWHERE);
      g_assert_cmpint (pkio_history_record_get_created (record), >, 0);
    }
  for (guint i = 0; i < 10; i++)
    g_assert_cmpstr (pkio_history_record_get_remote_status (
                       pkio_history_store_find_by_order_id (fixture->store, first + i * 50)),
                     ==, "revoked");
}

/* The catch-up reads a few orders in progress that the sync heard nothing of, and the next
 * sync goes on with the next ones: every one is read in turn, and round again. */
static void
test_catch_up_in_turn (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_days (now, -3);
  g_autoptr(GHashTable) read = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 ids[12];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *email = g_strdup_printf ("wacht%u@example.com", i);

      ids[i] = pkio_simulator_add_remote_order (fixture->sim, email, "Nog", "Bezig", "pending",
                                                before);
    }
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GArray) asked = NULL;

      pkio_simulator_clear_requests (fixture->sim);
      g_assert_true (sync_store (fixture, &error));
      g_assert_no_error (error);
      asked = infos_asked (fixture);
      g_assert_cmpuint (asked->len, ==, PKIO_HISTORY_SYNC_CATCH_UP);
      for (guint i = 0; i < asked->len; i++)
        {
          gint64 id = g_array_index (asked, gint64, i);
          gboolean again = g_hash_table_contains (read, &id);

          /* The first two rounds read ten different orders; the third the last two, then
           * the first ones again. */
          g_assert_true (round < 2 ? !again : (i < 2) == !again);
          g_hash_table_add (read, g_memdup2 (&id, sizeof id));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (g_hash_table_contains (read, &ids[i]));
  assert_each_order_once (fixture, G_N_ELEMENTS (ids));
}

/* A 429 while the next sync pages through 1,500 new orders: the page is asked again, no order
 * is lost or doubled, none needed its order info. */
static void
test_rate_limited_while_paging_new_orders (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pages = NULL;
  g_autoptr(GArray) infos = NULL;

  pkio_simulator_add_remote_order (fixture->sim, "els@example.nl", "Els", "Vries", "issued",
                                   NULL);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *email = g_strdup_printf ("new%u@example.com", i);

      pkio_simulator_add_remote_order (fixture->sim, email, "Nieuw", "Besteld", "pending", NULL);
    }
  pkio_simulator_clear_requests (fixture->sim);
  /* status-changes and the first page go through, the second page is refused until the
   * limit lifts. */
  sync_through_rate_limit (fixture);
  pages = pages_asked (fixture);
  g_assert_cmpstr (pages->str, ==, "0,1000,1000");
  infos = infos_asked (fixture);
  g_assert_cmpuint (infos->len, ==, 0);
  assert_each_order_once (fixture, 1501);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/history-sync/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("first-and-later-sync", test_first_and_later_sync);
  ADD ("offline-keeps-data", test_offline_keeps_data);
  ADD ("unreadable-order-info", test_unreadable_order_info);
  ADD ("cancel", test_cancel);
  ADD ("ordered-by-id-gets-holder", test_ordered_by_id_gets_holder);
  ADD ("placed-by", test_placed_by);
  ADD ("unknown-linked-on-first-sync", test_unknown_linked_on_first_sync);
  ADD ("two-unknown-minutes-apart", test_two_unknown_minutes_apart);
  ADD ("candidates-kept-and-chosen", test_candidates_kept_and_chosen);
  ADD ("unknown-by-individual-id", test_unknown_by_individual_id);
  ADD ("validity", test_validity);
  ADD ("migration-lists-once", test_migration_lists_once);
  ADD ("rate-limited-while-paging", test_rate_limited_while_paging);
  ADD ("next-sync-few-requests", test_next_sync_few_requests);
  ADD ("catch-up-in-turn", test_catch_up_in_turn);
  ADD ("rate-limited-while-paging-new-orders", test_rate_limited_while_paging_new_orders);
#undef ADD

  return g_test_run ();
}
