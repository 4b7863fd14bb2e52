/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include "pkio-history-db-private.h"
#include "pkio-history-migrations.h"

/* A SENDING record older than this belongs to a process that cannot still be waiting. */
#define SENDING_MAX_AGE_S (60 * 60)

gint64
_pkio_hdb_now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_pkio_hdb_set_sqlite_error (GError    **error,
                            sqlite3    *db,
                            int         rc,
                            const char *path)
{
  int code = rc & 0xff;
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  /* A full or read-only disk often reaches us as a plain I/O error (growing the WAL index of
   * a full tmpfs is SQLITE_IOERR_SHMSIZE): the system's errno says which. */
  if (code == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EDQUOT))
    code = SQLITE_FULL;
  else if (code == SQLITE_IOERR && (system_errno == EROFS || system_errno == EACCES
                                    || system_errno == EPERM))
    code = SQLITE_READONLY;

  switch (code)
    {
    case SQLITE_FULL:
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_DISK_FULL,
                   _("The disk is full, so the order history could not be saved. Free up some "
                     "disk space, then try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_READ_ONLY,
                   _("The order history (%s) cannot be written. Check that its folder exists "
                     "and that you are allowed to write there."), path);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_CORRUPT,
                   _("The order history (%s) is damaged: %s."),
                   path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    default:
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                   _("The order history (%s) could not be read or written: %s."),
                   path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    }
}

gboolean
_pkio_history_db_error_is_corrupt (const GError *error)
{
  return g_error_matches (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_CORRUPT);
}

gboolean
_pkio_hdb_exec (PkioHistoryDb *self,
                const char    *sql,
                GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_pkio_hdb_prepare (PkioHistoryDb *self,
                   const char    *sql,
                   GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
_pkio_hdb_cached (PkioHistoryDb *self,
                  const char    *sql,
                  GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      stmt = _pkio_hdb_prepare (self, sql, error);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
_pkio_hdb_begin (PkioHistoryDb *self,
                 GError       **error)
{
  /* IMMEDIATE: take the write lock now, so another process (GUI and CLI) cannot make us fail
   * half-way; busy_timeout waits for it on this worker thread. */
  return _pkio_hdb_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_pkio_hdb_commit_or_rollback (PkioHistoryDb *self,
                              gboolean       ok,
                              GError       **error)
{
  if (ok)
    {
      if (_pkio_hdb_exec (self, "COMMIT", error))
        return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
_pkio_hdb_commit_or_take_back (PkioHistoryDb *self,
                               gboolean       ok,
                               GPtrArray     *changed,
                               guint          first_changed,
                               GArray        *deleted,
                               GError       **error)
{
  if (_pkio_hdb_commit_or_rollback (self, ok, error))
    return TRUE;
  g_ptr_array_remove_range (changed, first_changed, changed->len - first_changed);
  if (deleted != NULL)
    g_array_set_size (deleted, 0);
  return FALSE;
}

/* ---- opening, corruption ---- */

static char *
move_aside (const char *path,
            GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  static const char *const suffixes[] = { "-wal", "-shm" };

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }
  if (g_rename (path, target) != 0)
    {
      int saved = errno;
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                   _("The order history (%s) is damaged and could not be moved aside: %s."),
                   path, g_strerror (saved));
      return NULL;
    }
  /* The journal files travel along, so the moved copy stays as complete as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&target);
}

static gboolean
migrate (PkioHistoryDb *self,
         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _pkio_hdb_prepare (self, "PRAGMA user_version", error);
  int version;
  guint n_migrations;
  const char *const *migrations = _pkio_history_migrations (&n_migrations);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, sqlite3_errcode (self->db), self->path);
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  if (version > (int) n_migrations)
    {
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_TOO_NEW,
                   _("The order history was saved by a newer version of PKIo Orders. Update "
                     "PKIo Orders to use it."));
      return FALSE;
    }
  for (guint i = version; i < n_migrations; i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", i + 1);
      gboolean ok;

      if (!_pkio_hdb_begin (self, error))
        return FALSE;
      ok = _pkio_hdb_exec (self, migrations[i], error) && _pkio_hdb_exec (self, set_version, error);
      if (!_pkio_hdb_commit_or_rollback (self, ok, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
open_connection (PkioHistoryDb *self,
                 GError       **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            NULL);

  if (rc != SQLITE_OK)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  /* journal_mode reads the header: a file that is not a database fails here. */
  if (!_pkio_hdb_exec (self, "PRAGMA journal_mode = WAL", error)
      || !_pkio_hdb_exec (self, "PRAGMA synchronous = FULL", error)
      || !_pkio_hdb_exec (self, "PRAGMA foreign_keys = ON", error)
      || !migrate (self, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  return TRUE;
}

PkioHistoryDb *
_pkio_history_db_open (const char *path,
                       char      **out_moved_to,
                       GError    **error)
{
  PkioHistoryDb *self;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PKIO_HISTORY_ERROR,
                   saved == ENOSPC ? PKIO_HISTORY_ERROR_DISK_FULL : PKIO_HISTORY_ERROR_READ_ONLY,
                   _("The folder for the order history (%s) cannot be created: %s. Check that "
                     "you are allowed to write there."), dir, g_strerror (saved));
      return NULL;
    }

  self = g_new0 (PkioHistoryDb, 1);
  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  if (open_connection (self, &local_error))
    return self;

  if (_pkio_history_db_error_is_corrupt (local_error)
      && _pkio_history_db_recover (self, out_moved_to, error))
    return self;
  if (!_pkio_history_db_error_is_corrupt (local_error))
    g_propagate_error (error, g_steal_pointer (&local_error));
  _pkio_history_db_close (self);
  return NULL;
}

gboolean
_pkio_history_db_recover (PkioHistoryDb *self,
                          char         **out_moved_to,
                          GError       **error)
{
  g_autofree char *moved = NULL;

  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close);
  moved = move_aside (self->path, error);
  if (moved == NULL)
    return FALSE;
  g_message ("The order history was damaged; it was moved to %s", moved);
  if (!open_connection (self, error))
    return FALSE;
  if (out_moved_to != NULL)
    {
      g_free (*out_moved_to);
      *out_moved_to = g_steal_pointer (&moved);
    }
  return TRUE;
}

void
_pkio_history_db_close (PkioHistoryDb *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);
  g_free (self);
}

/* ---- journal ---- */

static gboolean
process_is_alive (gint64 pid)
{
  if (pid <= 0)
    return FALSE;
  if (pid == getpid ())
    return TRUE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* The records @where_sql selects (a revocation or an order being sent) whose sending process
 * (@pid_column) is gone, or that are far too old to still be waiting. */
static gboolean
find_interrupted (PkioHistoryDb *self,
                  const char    *pid_column,
                  const char    *where_sql,
                  gint64         now,
                  GPtrArray     *dead,
                  GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " RECORD_COLUMNS ", %s FROM records WHERE %s",
                                          pid_column, where_sql);
  g_autoptr(sqlite3_stmt) stmt = _pkio_hdb_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* The pid comes right after the record's columns: a column added to RECORD_COLUMNS and not
   * counted in RECORD_N_COLUMNS would read something else as the pid. */
  g_return_val_if_fail (sqlite3_column_count (stmt) == RECORD_N_COLUMNS + 1, FALSE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pid = sqlite3_column_int64 (stmt, RECORD_N_COLUMNS);
      gint64 created = sqlite3_column_int64 (stmt, 6);
      /* revoke_time is the last of RECORD_COLUMNS. */
      gint64 revoke_time = sqlite3_column_int64 (stmt, RECORD_N_COLUMNS - 1);

      /* Another running process (GUI while the CLI starts) may still be waiting for its
       * answer: leave its record alone unless it is far too old to be waiting. */
      if (!process_is_alive (pid) || now - MAX (created, revoke_time) > SENDING_MAX_AGE_S)
        g_ptr_array_add (dead, _pkio_hdb_record_from_stmt (stmt));
    }
  if (rc != SQLITE_DONE)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pkio_history_db_mark_interrupted (PkioHistoryDb *self,
                                   GPtrArray     *changed,
                                   GError       **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) revokes = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = _pkio_hdb_now_s ();
  gboolean ok = TRUE;

  if (!find_interrupted (self, "owner_pid", "state = 0", now, orders, error)
      || !find_interrupted (self, "revoke_owner_pid", "revoke_state = 1", now, revokes, error))
    return FALSE;
  if (orders->len == 0 && revokes->len == 0)
    return TRUE;

  if (!_pkio_hdb_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < orders->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (orders, i);

      record->state = PKIO_RECORD_STATE_UNKNOWN;
      record->updated = now;
      ok = _pkio_hdb_record_update (self, record, error)
           && _pkio_hdb_event_insert (self, record->local_id, now, "interrupted", NULL, error);
    }
  /* A revocation whose PUT may have left: checked with CertCentral before it is asked again. */
  for (guint i = 0; ok && i < revokes->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (revokes, i);

      _pkio_history_record_rare_mut (record)->revoke_state = PKIO_REVOKE_UNKNOWN;
      record->updated = now;
      ok = _pkio_hdb_record_update (self, record, error)
           && _pkio_hdb_event_insert (self, record->local_id, now, "revoke-interrupted", NULL,
                                      error);
    }
  if (!_pkio_hdb_commit_or_rollback (self, ok, error))
    return FALSE;
  for (guint i = 0; i < orders->len; i++)
    g_ptr_array_add (changed, g_object_ref (g_ptr_array_index (orders, i)));
  for (guint i = 0; i < revokes->len; i++)
    g_ptr_array_add (changed, g_object_ref (g_ptr_array_index (revokes, i)));
  return TRUE;
}

gboolean
_pkio_history_db_cap_size (PkioHistoryDb *self,
                           gboolean       cap,
                           GError       **error)
{
  /* max_page_count never goes below the current size, so "1" means "as it is now". */
  return _pkio_hdb_exec (self,
                         cap ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1073741823",
                         error);
}
