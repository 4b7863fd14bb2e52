/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The request an order placed here was sent with: the database keeps it, the record only
 * knows that there is one (issue 24: a history of 100,000 orders does not hold them all in
 * memory), and pkio_history_store_read_request_async () reads it when the details, "Order
 * again" or "Order a new certificate" need it. */
#include "config.h"

#include <sqlite3.h>

#include "history-test-util.h"
#include "pkio-history-db.h"
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

/* @sql on the database file, from a connection of its own (another process would do the
 * same). */
static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The journal writes the request; a status from a sync and the outcome rewrite the row but
 * keep it; after a restart it is read back as it was written, and the record holds only that
 * there is one. */
static void
test_kept_in_database (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *json = TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl");
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  gint64 local_id;

  record = test_journal (store, json, &error);
  g_assert_no_error (error);
  g_assert_true (pkio_history_record_has_request (record));
  local_id = pkio_history_record_get_local_id (record);
  /* An order being placed: its request is there before it leaves. */
  read = test_read_request (store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, json);
  g_clear_pointer (&read, g_free);

  test_mark_placed (store, record, 4242, 777);
  pkio_history_store_update_status_async (store, 4242, "issued", NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_update_status_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "issued");
  read = test_read_request (store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, json);
  g_clear_pointer (&read, g_free);

  g_clear_object (&record);
  g_clear_object (&store);
  store = test_open_store (fixture->path);
  record = g_object_ref (pkio_history_store_find_by_local_id (store, local_id));
  g_assert_true (pkio_history_record_has_request (record));
  g_assert_true (g_object_class_find_property (G_OBJECT_GET_CLASS (record),
                                               "request-json") == NULL);
  read = test_read_request (store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, json);
}

/* An order that came from CertCentral has no request: NULL, and no error. */
static void
test_none_from_certcentral (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_remote_order_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  PkioHistoryRecord *record;

  g_ptr_array_add (remote, test_remote_order (5001, "issued", "Els de Vries", "els@example.nl",
                                              1714638600));
  g_assert_cmpuint (test_merge (store, remote), ==, 1);
  record = pkio_history_store_find_by_order_id (store, 5001);
  g_assert_nonnull (record);
  g_assert_false (pkio_history_record_has_request (record));
  read = test_read_request (store, record, &error);
  g_assert_no_error (error);
  g_assert_null (read);
}

/* A record no longer in the database (another process removed it): NOT_FOUND, said in words;
 * a database that cannot be read: an error with a message, and the next read, once it can be
 * read again, finds the request where it was. */
static void
test_read_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *json = TEST_REQUEST_JSON ("Piet", "Pietersen", "piet@example.nl");
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) kept = NULL;
  g_autoptr(PkioHistoryRecord) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  g_autofree char *sql = NULL;

  kept = test_journal (store, json, &error);
  g_assert_no_error (error);
  removed = test_journal (store, TEST_REQUEST_JSON ("Kees", "Kok", "kees@example.nl"), &error);
  g_assert_no_error (error);

  sql = g_strdup_printf ("DELETE FROM events WHERE record_id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM records WHERE id = %" G_GINT64_FORMAT,
                         pkio_history_record_get_local_id (removed),
                         pkio_history_record_get_local_id (removed));
  exec_sql (fixture->path, sql);
  read = test_read_request (store, removed, &error);
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This order is not in the history.");
  g_assert_null (read);
  g_clear_error (&error);

  exec_sql (fixture->path, "ALTER TABLE records RENAME TO records_away");
  read = test_read_request (store, kept, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PKIO_HISTORY_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("a database that cannot be read: %s", error->message);
  g_assert_null (read);
  g_clear_error (&error);

  exec_sql (fixture->path, "ALTER TABLE records_away RENAME TO records");
  read = test_read_request (store, kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, json);
}

/* A read whose caller went away (another record shown) ends cancelled. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PkioHistoryStore) store = test_open_store (fixture->path);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;

  record = test_journal (store, TEST_REQUEST_JSON ("Jan", "Jansen", "jan@example.nl"), &error);
  g_assert_no_error (error);
  pkio_history_store_read_request_async (store, record, cancellable, test_result_cb, NULL);
  g_cancellable_cancel (cancellable);
  result = test_wait ();
  read = pkio_history_store_read_request_finish (store, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (read);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/history-request/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("kept-in-database", test_kept_in_database);
  ADD ("none-from-certcentral", test_none_from_certcentral);
  ADD ("read-errors", test_read_errors);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
