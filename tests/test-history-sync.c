/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "history-test-util.h"
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

  /* Later: status-changes; a new order elsewhere arrives complete; no duplicates. */
  new_id = pkio_simulator_add_remote_order (fixture->sim, "piet@example.nl", "Piet", "Pietersen",
                                            "pending", NULL);
  g_assert_true (sync_store (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", "order/certificate/status-changes"), ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 4);
  record = pkio_history_store_find_by_order_id (fixture->store, new_id);
  g_assert_nonnull (record);
  g_assert_cmpstr (pkio_history_record_get_holder_email (record), ==, "piet@example.nl");

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

  pkio_order_sender_send_async (fixture->store, fixture->client, order, NULL, test_result_cb,
                                NULL);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/history-sync/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("first-and-later-sync", test_first_and_later_sync);
  ADD ("offline-keeps-data", test_offline_keeps_data);
  ADD ("cancel", test_cancel);
  ADD ("ordered-by-id-gets-holder", test_ordered_by_id_gets_holder);
#undef ADD

  return g_test_run ();
}
