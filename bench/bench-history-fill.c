/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "bench-history-fill.h"
#include "pkio-history-store.h"

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
bench_history_fill (const char *path,
                    guint       n,
                    const char *request_json,
                    gboolean    with_events)
{
  g_autoptr(PkioHistoryStore) store = pkio_history_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  pkio_history_store_open_async (store, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!pkio_history_store_open_finish (store, result, NULL))
    g_error ("cannot create %s", path);
  g_clear_object (&store);

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db,
    "INSERT INTO records (state, origin, order_id, certificate_id, remote_status, created, "
    "updated, last_synced, holder_name, holder_email, individual_id, profile, ship_method, "
    "account, request_json, valid_till) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,NULL,'authentication','STANDARD',?,?,?)",
    -1, &stmt, NULL);
  for (guint i = 0; i < n; i++)
    {
      gboolean local = i % 5 == 0;
      g_autofree char *name = g_strdup_printf ("Person %u van der Berg", i);
      g_autofree char *email = g_strdup_printf ("person%u@gemeente.example.nl", i);
      gint64 created = now - (gint64) (n - i) * 600;
      /* Ends between a month ago and a year from now, spread evenly: about one in seven of
       * the issued ones within the default warning period, at every size. */
      g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
      g_autoptr(GDateTime) ends = g_date_time_add_days (today, (int) ((i * 7) % 400) - 30);
      g_autofree char *valid_till = g_date_time_format (ends, "%Y-%m-%d");

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, local ? 1 : 4);
      sqlite3_bind_int (stmt, 2, local ? 0 : 1);
      sqlite3_bind_int64 (stmt, 3, 1000000 + i);
      sqlite3_bind_int64 (stmt, 4, 2000000 + i);
      sqlite3_bind_text (stmt, 5, i % 7 ? "issued" : "pending", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, created);
      sqlite3_bind_int64 (stmt, 7, created);
      sqlite3_bind_int64 (stmt, 8, now);
      sqlite3_bind_text (stmt, 9, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, email, -1, SQLITE_TRANSIENT);
      if (local)
        {
          sqlite3_bind_text (stmt, 11, "https://certcentral.digicert.eu/services/v2/", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 12, request_json, -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (stmt, 11);
          sqlite3_bind_null (stmt, 12);
        }
      if (i % 7)
        sqlite3_bind_text (stmt, 13, valid_till, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 13);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      if (local && with_events)
        {
          /* The timeline of a local order: attempted, placed, status. */
          g_autofree char *sql = g_strdup_printf (
            "INSERT INTO events (record_id, time, kind, detail) VALUES "
            "(last_insert_rowid(), %" G_GINT64_FORMAT ", 'attempted', NULL);", created);
          sqlite3_exec (db, sql, NULL, NULL, NULL);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
}
