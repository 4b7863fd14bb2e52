/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <unistd.h>

#include "busy-window-util.h"
#include "history-test-util.h"
#include "pkio-history-migrations.h"
#include "pkio-history-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "pkio-orders", "history.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GPtrArray *
get_timeline (PkioHistoryStore  *store,
              PkioHistoryRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  pkio_history_store_get_timeline_async (store, record, NULL, test_result_cb, NULL);
  result = test_wait ();
  events = pkio_history_store_get_timeline_finish (store, result, &error);
  g_assert_no_error (error);
  return events;
}

static void
test_journal_lifecycle (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_SENDING);
  g_assert_cmpstr (pkio_history_record_get_holder_name (record), ==, "Jan Jansen");
  g_assert_cmpstr (pkio_history_record_get_holder_email (record), ==, "jan@example.nl");
  g_assert_cmpstr (pkio_history_record_get_profile (record), ==, "authentication");
  g_assert_cmpstr (pkio_history_record_get_ship_method (record), ==, "STANDARD");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (test_item (store, 0) == record);

  test_mark_placed (store, record, 4242, 777);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_order_id (record), ==, 4242);
  g_assert_cmpint (pkio_history_record_get_certificate_id (record), ==, 777);
  g_assert_true (pkio_history_store_find_by_order_id (store, 4242) == record);

  events = get_timeline (store, record);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((PkioHistoryEvent *) events->pdata[0])->kind, ==, PKIO_HISTORY_EVENT_ATTEMPTED);
  g_assert_cmpint (((PkioHistoryEvent *) events->pdata[1])->kind, ==, PKIO_HISTORY_EVENT_PLACED);
  text = pkio_history_event_get_text (events->pdata[1]);
  g_assert_cmpstr (text, ==, "Placed as order 4242");
}

static void
crash_after_journal (const char *path)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (path);
  g_autoptr(PkioHistoryRecord) record = NULL;

  record = test_journal (store, TEST_REQUEST_JSON ("Piet", "Pietersen", "piet@example.nl"), NULL);
  g_assert_nonnull (record);
  _exit (0);
}

static void
test_interrupted_becomes_unknown (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  PkioHistoryRecord *record;

  if (g_test_subprocess ())
    {
      test_rm_rf (fixture->dir);
      crash_after_journal (g_getenv ("PKIO_TEST_PATH"));
      return;
    }
  g_setenv ("PKIO_TEST_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  store = test_open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  record = test_item (store, 0);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
  g_assert_cmpint (pkio_history_record_get_status_category (record), ==,
                   PKIO_STATUS_CATEGORY_UNKNOWN);
  events = get_timeline (store, record);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((PkioHistoryEvent *) events->pdata[1])->kind, ==,
                   PKIO_HISTORY_EVENT_INTERRUPTED);
}

/* A record still being sent by another process that is alive (the command line beside the
 * window) is left alone; one whose process is gone becomes unknown. */
static void
test_sending_of_live_process_kept (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *sleeper_argv[] = { "sleep", "60", NULL };
  const char *done_argv[] = { "true", NULL };
  g_autoptr(GSubprocess) sleeper = NULL;
  g_autoptr(GSubprocess) done = NULL;
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  /* The schema as the app makes it. */
  g_clear_object (&store);
  store = test_open_store (fixture->path);
  g_clear_object (&store);

  /* Silenced: a child holding the test's output open would keep meson waiting for it. */
  sleeper = g_subprocess_newv (sleeper_argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                             | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  done = g_subprocess_newv (done_argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (done, NULL, &error));
  sql = g_strdup_printf ("INSERT INTO records (state, origin, created, updated, holder_email, "
                         "owner_pid) VALUES (0, 0, %" G_GINT64_FORMAT ", 0, 'alive@example.nl', %s),"
                         " (0, 0, %" G_GINT64_FORMAT ", 0, 'gone@example.nl', %s)",
                         g_get_real_time () / G_USEC_PER_SEC,
                         g_subprocess_get_identifier (sleeper),
                         g_get_real_time () / G_USEC_PER_SEC,
                         g_subprocess_get_identifier (done));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = test_open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      PkioHistoryRecord *record = test_item (store, i);
      gboolean alive = g_str_equal (pkio_history_record_get_holder_email (record),
                                    "alive@example.nl");

      g_assert_cmpint (pkio_history_record_get_state (record), ==,
                       (alive ? PKIO_RECORD_STATE_SENDING : PKIO_RECORD_STATE_UNKNOWN));
    }
  g_subprocess_force_exit (sleeper);
}

static void
test_merge_no_duplicates (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  PkioHistoryRecord *other;

  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), NULL);
  test_mark_placed (store, record, 1001, 0);

  g_ptr_array_add (remote, test_remote_order (1001, "issued", "Jan Jansen", "jan@example.nl", now));
  g_ptr_array_add (remote, test_remote_order (1002, "pending", "Els de Vries", "els@example.nl",
                                              now - 3600));
  g_assert_cmpuint (test_merge (store, remote), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_PLACED);
  g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "issued");
  g_assert_cmpint (pkio_history_record_get_status_category (record), ==,
                   PKIO_STATUS_CATEGORY_ISSUED);

  other = pkio_history_store_find_by_order_id (store, 1002);
  g_assert_nonnull (other);
  g_assert_cmpint (pkio_history_record_get_state (other), ==, PKIO_RECORD_STATE_REMOTE);
  g_assert_cmpint (pkio_history_record_get_origin (other), ==, PKIO_RECORD_ORIGIN_ELSEWHERE);
  g_assert_cmpstr (pkio_history_record_get_holder_name (other), ==, "Els de Vries");

  /* The same list again changes nothing and adds nothing. */
  g_assert_cmpuint (test_merge (store, remote), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* A later placed answer for an order a sync already brought in folds into one record. */
  g_clear_object (&record);
  g_ptr_array_set_size (remote, 0);
  g_ptr_array_add (remote, test_remote_order (1003, "pending", "Kees Bakker", "kees@example.nl", now));
  test_merge (store, remote);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  record = test_journal (store, TEST_REQUEST_JSON ("Kees", "Bakker", "kees@example.nl"), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  test_mark_placed (store, record, 1003, 55);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_true (pkio_history_store_find_by_order_id (store, 1003) == record);
  g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");

  /* And it is all still so after reopening. */
  g_clear_object (&record);
  g_clear_object (&store);
  store = test_open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
}

static void
recovered_cb (PkioHistoryStore *store,
              const char       *moved_to,
              char            **out)
{
  *out = g_strdup (moved_to);
}

static void
test_corrupt_moved_aside (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  const char *garbage = "this is not a database, it is garbage ............................"
                        "...................................................................";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));

  store = pkio_history_store_new (fixture->path);
  g_signal_connect (store, "recovered-from-corruption", G_CALLBACK (recovered_cb), &moved);
  pkio_history_store_open_async (store, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_open_finish (store, result, &error));
  g_assert_no_error (error);

  g_assert_nonnull (moved);
  g_assert_cmpstr (moved, ==, pkio_history_store_get_recovered_path (store));
  base = g_path_get_basename (moved);
  g_assert_true (g_str_has_prefix (base, "history.sqlite.corrupt-"));
  /* history.sqlite.corrupt-YYYYMMDD-HHMMSS */
  g_assert_cmpuint (strlen (base), ==, strlen ("history.sqlite.corrupt-") + 15);
  g_assert_true (g_file_get_contents (moved, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, garbage);

  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_read_only_dir (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "pkio-orders", NULL);
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Root ignores chmod: a regular file where the folder should be stops mkdir for anyone. */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  store = pkio_history_store_new (fixture->path);
  pkio_history_store_open_async (store, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_history_store_open_finish (store, result, &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_READ_ONLY);
  g_assert_false (pkio_history_store_is_open (store));
  g_clear_error (&error);

  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), &error);
  g_assert_null (record);
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_READ_ONLY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("{\"certificate\":{\"individual\":{\"email\":\"a@b.nl\"}},"
                                         "\"note\":\"");

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"}");

  _pkio_history_store_simulate_full_disk_async (store, TRUE, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (_pkio_history_store_simulate_full_disk_finish (store, result, NULL));

  record = test_journal (store, big->str, &error);
  g_assert_null (record);
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_DISK_FULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* A merge the disk cannot hold is rolled back: the orders written before the one that did not
 * fit are not shown either (the store shows only what is on the disk). The first order is small
 * enough for the pages the database has; the second needs new ones. */
static void
test_disk_full_merge (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint changed = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (big, 'x');
  g_ptr_array_add (remote, test_remote_order (1001, "issued", "Jan Jansen", "jan@example.nl", now));
  g_ptr_array_add (remote, test_remote_order (1002, "pending", big->str, "els@example.nl", now));

  _pkio_history_store_simulate_full_disk_async (store, TRUE, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (_pkio_history_store_simulate_full_disk_finish (store, result, NULL));
  g_clear_object (&result);

  pkio_history_store_merge_remote_async (store, remote, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_history_store_merge_remote_finish (store, result, &changed, &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_DISK_FULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (pkio_history_store_find_by_order_id (store, 1001));
}

static void
test_model_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  gint64 base = 1700000000;
  guint n;

  /* Dates deliberately out of order. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *email = g_strdup_printf ("person%u@example.nl", i);

      g_ptr_array_add (remote, test_remote_order (10000 + i, i % 3 ? "issued" : "pending",
                                                  "Some One", email,
                                                  base + ((i * 7919) % 1000) * 60));
    }
  g_assert_cmpuint (test_merge (store, remote), ==, 1000);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PkioHistoryRecord) record = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), NULL);
      pkio_history_store_journal_mark_unknown_async (store, record, test_result_cb, NULL);
      result = test_wait ();
      g_assert_true (pkio_history_store_journal_mark_finish (store, result, NULL));
    }
  g_clear_object (&store);

  store = test_open_store (fixture->path);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n, ==, 1003);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (pkio_history_record_get_state (test_item (store, i)), ==,
                     PKIO_RECORD_STATE_UNKNOWN);
  for (guint i = 3; i + 1 < n; i++)
    {
      PkioHistoryRecord *a = test_item (store, i);
      PkioHistoryRecord *b = test_item (store, i + 1);

      g_assert_cmpint (pkio_history_record_get_state (a), ==, PKIO_RECORD_STATE_REMOTE);
      g_assert_cmpint (pkio_history_record_get_created (a), >=, pkio_history_record_get_created (b));
    }
}

static void
test_update_status_and_cancel (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *text = NULL;

  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), NULL);
  test_mark_placed (store, record, 3001, 0);
  g_assert_true (pkio_history_record_can_cancel (record));

  pkio_history_store_update_status_async (store, 3001, "canceled", "Ordered twice", test_result_cb,
                                          NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_update_status_finish (store, result, NULL));
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "canceled");
  g_assert_cmpstr (pkio_history_record_get_status_label (record), ==, "Canceled");
  g_assert_cmpint (pkio_history_record_get_status_category (record), ==,
                   PKIO_STATUS_CATEGORY_PROBLEM);
  g_assert_false (pkio_history_record_can_cancel (record));

  events = get_timeline (store, record);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpint (((PkioHistoryEvent *) events->pdata[2])->kind, ==, PKIO_HISTORY_EVENT_STATUS);
  g_assert_cmpint (((PkioHistoryEvent *) events->pdata[3])->kind, ==, PKIO_HISTORY_EVENT_CANCELED);
  text = pkio_history_event_get_text (events->pdata[3]);
  g_assert_cmpstr (text, ==, "Canceled: Ordered twice");
}

static void
test_last_sync (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_cmpint (pkio_history_store_get_last_sync (store), ==, 0);
  pkio_history_store_set_last_sync_async (store, 1700000123, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_set_last_sync_finish (store, result, NULL));
  g_assert_cmpint (pkio_history_store_get_last_sync (store), ==, 1700000123);
  g_clear_object (&store);

  store = test_open_store (fixture->path);
  g_assert_cmpint (pkio_history_store_get_last_sync (store), ==, 1700000123);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A history written before candidates were kept (schema 1) opens, keeps its records, and
 * gains the column for them. */
static void
test_migrates_from_first_schema (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autoptr(PkioHistoryStore) store = NULL;
  guint n_migrations;
  const char *const *migrations = _pkio_history_migrations (&n_migrations);
  sqlite3 *db = NULL;
  PkioHistoryRecord *record;

  g_assert_cmpuint (n_migrations, >=, 2);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1;"
                                     "INSERT INTO records (state, origin, created, updated, "
                                     "holder_email) VALUES (3, 0, 1000, 1000, 'old@example.nl')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = test_open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  record = test_item (store, 0);
  g_assert_cmpstr (pkio_history_record_get_holder_email (record), ==, "old@example.nl");
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
  g_assert_cmpuint (pkio_history_record_get_candidates (record)->len, ==, 0);
  g_clear_object (&store);

  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, n_migrations);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM pragma_table_info('records') "
                                             "WHERE name = 'candidates_json'"), ==, 1);
}

typedef struct
{
  BusyWindow *busy;
  guint       first_frames;   /* the window's frames at the first change announced */
  guint       last_frames;    /* and at the last */
  guint       n_changes;
} ChangeWatch;

static void
watch_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  ChangeWatch *watch = user_data;

  if (watch->n_changes++ == 0)
    watch->first_frames = watch->busy->frames;
  watch->last_frames = watch->busy->frames;
}

/* The journal and a sync's results come through while the window redraws all the time, and a
 * big sync's results leave the window frames to draw on the way. */
static void
test_busy_window (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_autoptr(GError) error = NULL;
  BusyWindow busy;
  ChangeWatch watch = { &busy };
  gulong handler;

  busy_window_start (&busy, 10);
  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), &error);
  g_assert_true (busy_window_stop (&busy));
  g_assert_no_error (error);
  g_assert_nonnull (record);

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *email = g_strdup_printf ("person%u@example.nl", i);

      g_ptr_array_add (remote, test_remote_order (20000 + i, "issued", "Some One", email,
                                                  1700000000 + i * 60));
    }
  handler = g_signal_connect (store, "items-changed", G_CALLBACK (watch_items_changed_cb),
                              &watch);
  busy_window_start (&busy, 20);
  g_assert_cmpuint (test_merge (store, remote), ==, 3000);
  g_assert_true (busy_window_stop (&busy));
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3001);
  g_assert_cmpuint (watch.n_changes, >, 1);
  /* Frames were drawn between the first change shown and the last. */
  g_assert_cmpuint (watch.last_frames, >, watch.first_frames);
}

/* A renewal's link is ours (CertCentral's renewal_of_order_id is not documented for
 * pkio_burger): the new order's record keeps the order it replaces from its journal entry on;
 * once it is placed, the replaced record says "replaced by" it, both in the timeline. */
static void
test_renewal_links_both_ways (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_remote_order_free);
  g_autoptr(PkioHistoryRecord) renewal = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) old_events = NULL;
  g_autoptr(GPtrArray) new_events = NULL;
  g_autoptr(GError) error = NULL;
  PkioHistoryRecord *old;
  gboolean replaced_event = FALSE;
  gboolean renews_event = FALSE;

  g_ptr_array_add (remote, test_remote_order (5001, "issued", "Jan Jansen", "jan@example.nl",
                                              1700000000));
  test_merge (store, remote);
  old = pkio_history_store_find_by_order_id (store, 5001);
  g_assert_nonnull (old);
  g_assert_cmpint (pkio_history_record_get_replaced_by_order_id (old), ==, 0);

  pkio_history_store_journal_begin_renewal_async (store, "http://127.0.0.1/services/v2/",
                                                  TEST_REQUEST_JSON ("Jan", "Jansen",
                                                                     "jan@example.nl"),
                                                  5001, NULL, test_result_cb, NULL);
  result = test_wait ();
  renewal = pkio_history_store_journal_begin_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pkio_history_record_get_replaces_order_id (renewal), ==, 5001);
  /* Not placed yet: the old one is not replaced. */
  g_assert_cmpint (pkio_history_record_get_replaced_by_order_id (old), ==, 0);

  test_mark_placed (store, renewal, 6001, 7001);
  g_assert_cmpint (pkio_history_record_get_replaced_by_order_id (old), ==, 6001);
  g_assert_cmpint (pkio_history_record_get_replaces_order_id (renewal), ==, 5001);

  old_events = get_timeline (store, old);
  for (guint i = 0; i < old_events->len; i++)
    {
      PkioHistoryEvent *event = g_ptr_array_index (old_events, i);
      g_autofree char *text = pkio_history_event_get_text (event);

      if (event->kind == PKIO_HISTORY_EVENT_REPLACED)
        replaced_event = g_str_equal (text, "Replaced by order 6001");
    }
  new_events = get_timeline (store, renewal);
  for (guint i = 0; i < new_events->len; i++)
    {
      PkioHistoryEvent *event = g_ptr_array_index (new_events, i);
      g_autofree char *text = pkio_history_event_get_text (event);

      if (event->kind == PKIO_HISTORY_EVENT_RENEWS)
        renews_event = g_str_equal (text, "Ordered to replace order 5001");
    }
  g_assert_true (replaced_event);
  g_assert_true (renews_event);

  /* Also after a restart. */
  g_clear_object (&store);
  store = test_open_store (fixture->path);
  g_assert_cmpint (pkio_history_record_get_replaced_by_order_id (
                     pkio_history_store_find_by_order_id (store, 5001)), ==, 6001);
  g_assert_cmpint (pkio_history_record_get_replaces_order_id (
                     pkio_history_store_find_by_order_id (store, 6001)), ==, 5001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/history-store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("journal-lifecycle", test_journal_lifecycle);
  ADD ("interrupted-becomes-unknown", test_interrupted_becomes_unknown);
  ADD ("sending-of-live-process-kept", test_sending_of_live_process_kept);
  ADD ("merge-no-duplicates", test_merge_no_duplicates);
  ADD ("corrupt-moved-aside", test_corrupt_moved_aside);
  ADD ("read-only-dir", test_read_only_dir);
  ADD ("disk-full", test_disk_full);
  ADD ("disk-full-merge", test_disk_full_merge);
  ADD ("model-order-1000", test_model_order);
  ADD ("update-status-and-cancel", test_update_status_and_cancel);
  ADD ("last-sync", test_last_sync);
  ADD ("migrates-from-first-schema", test_migrates_from_first_schema);
  ADD ("busy-window", test_busy_window);
  ADD ("renewal-links-both-ways", test_renewal_links_both_ways);
#undef ADD

  return g_test_run ();
}
