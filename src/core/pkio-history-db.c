/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include "pkio-history-db.h"
#include "pkio-history-migrations.h"

struct _PkioHistoryDb
{
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text -> prepared statement, reused (merges run 10,000) */
};

/* A SENDING record older than this belongs to a process that cannot still be waiting. */
#define SENDING_MAX_AGE_S (60 * 60)

#define RECORD_COLUMNS \
  "id, state, origin, order_id, certificate_id, remote_status, created, updated, " \
  "last_synced, holder_name, holder_email, individual_id, profile, ship_method, account, " \
  "request_json, errors_json"

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *path)
{
  int code = rc & 0xff;

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

static gboolean
exec (PkioHistoryDb *self,
      const char    *sql,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (PkioHistoryDb *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A reset statement owned by @self: do not finalize it. */
static sqlite3_stmt *
cached (PkioHistoryDb *self,
        const char    *sql,
        GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      stmt = prepare (self, sql, error);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static gboolean
begin (PkioHistoryDb *self,
       GError       **error)
{
  /* IMMEDIATE: take the write lock now, so another process (GUI and CLI) cannot make us fail
   * half-way; busy_timeout waits for it on this worker thread. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit_or_rollback (PkioHistoryDb *self,
                    gboolean       ok,
                    GError       **error)
{
  if (ok)
    {
      if (exec (self, "COMMIT", error))
        return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static PkioHistoryRecord *
record_from_stmt (sqlite3_stmt *stmt)
{
  PkioHistoryRecord *record = _pkio_history_record_new ();

  record->local_id = sqlite3_column_int64 (stmt, 0);
  record->state = CLAMP (sqlite3_column_int (stmt, 1), PKIO_RECORD_STATE_SENDING,
                         PKIO_RECORD_STATE_REMOTE);
  record->origin = sqlite3_column_int (stmt, 2) ? PKIO_RECORD_ORIGIN_ELSEWHERE
                                                : PKIO_RECORD_ORIGIN_THIS_COMPUTER;
  record->order_id = sqlite3_column_int64 (stmt, 3);
  record->certificate_id = sqlite3_column_int64 (stmt, 4);
  record->remote_status = column_text (stmt, 5);
  record->created = sqlite3_column_int64 (stmt, 6);
  record->updated = sqlite3_column_int64 (stmt, 7);
  record->last_synced = sqlite3_column_int64 (stmt, 8);
  record->holder_name = column_text (stmt, 9);
  record->holder_email = column_text (stmt, 10);
  record->individual_id = sqlite3_column_int64 (stmt, 11);
  record->profile = column_text (stmt, 12);
  record->ship_method = column_text (stmt, 13);
  record->account = column_text (stmt, 14);
  record->request_json = column_text (stmt, 15);
  record->errors_json = column_text (stmt, 16);
  _pkio_history_record_refresh_key (record);
  return record;
}

/* Binds every column but id, in RECORD_COLUMNS order, from index 1. */
static void
bind_record (sqlite3_stmt      *stmt,
             PkioHistoryRecord *record)
{
  sqlite3_bind_int (stmt, 1, record->state);
  sqlite3_bind_int (stmt, 2, record->origin == PKIO_RECORD_ORIGIN_ELSEWHERE);
  bind_id_or_null (stmt, 3, record->order_id);
  bind_id_or_null (stmt, 4, record->certificate_id);
  bind_text_or_null (stmt, 5, record->remote_status);
  sqlite3_bind_int64 (stmt, 6, record->created);
  sqlite3_bind_int64 (stmt, 7, record->updated);
  bind_id_or_null (stmt, 8, record->last_synced);
  bind_text_or_null (stmt, 9, record->holder_name);
  bind_text_or_null (stmt, 10, record->holder_email);
  bind_id_or_null (stmt, 11, record->individual_id);
  bind_text_or_null (stmt, 12, record->profile);
  bind_text_or_null (stmt, 13, record->ship_method);
  bind_text_or_null (stmt, 14, record->account);
  bind_text_or_null (stmt, 15, record->request_json);
  bind_text_or_null (stmt, 16, record->errors_json);
}

static gboolean
step_done (PkioHistoryDb *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_insert (PkioHistoryDb     *self,
               PkioHistoryRecord *record,
               gint64             owner_pid,
               GError           **error)
{
  sqlite3_stmt *stmt = cached (self,
    "INSERT INTO records (state, origin, order_id, certificate_id, remote_status, created, "
    "updated, last_synced, holder_name, holder_email, individual_id, profile, ship_method, "
    "account, request_json, errors_json, owner_pid) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_record (stmt, record);
  bind_id_or_null (stmt, 17, owner_pid);
  if (!step_done (self, stmt, error))
    return FALSE;
  record->local_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
record_update (PkioHistoryDb     *self,
               PkioHistoryRecord *record,
               GError           **error)
{
  sqlite3_stmt *stmt = cached (self,
    "UPDATE records SET state=?, origin=?, order_id=?, certificate_id=?, remote_status=?, "
    "created=?, updated=?, last_synced=?, holder_name=?, holder_email=?, individual_id=?, "
    "profile=?, ship_method=?, account=?, request_json=?, errors_json=? WHERE id=?", error);

  if (stmt == NULL)
    return FALSE;
  bind_record (stmt, record);
  sqlite3_bind_int64 (stmt, 17, record->local_id);
  return step_done (self, stmt, error);
}

static PkioHistoryRecord *
record_get (PkioHistoryDb *self,
            const char    *where_column,
            gint64         value,
            GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " RECORD_COLUMNS " FROM records WHERE %s = ?",
                                          where_column);
  sqlite3_stmt *stmt = cached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      PkioHistoryRecord *record = record_from_stmt (stmt);

      /* Release the read snapshot now rather than at the next use. */
      sqlite3_reset (stmt);
      return record;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND,
                 _("This order is not in the history."));
  else
    set_sqlite_error (error, self->db, rc, self->path);
  return NULL;
}

static gboolean
event_insert (PkioHistoryDb *self,
              gint64         local_id,
              gint64         time,
              const char    *kind,
              const char    *detail,
              GError       **error)
{
  sqlite3_stmt *stmt = cached (self,
    "INSERT INTO events (record_id, time, kind, detail) VALUES (?,?,?,?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, local_id);
  sqlite3_bind_int64 (stmt, 2, time);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, detail);
  return step_done (self, stmt, error);
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", error);
  int version;
  guint n_migrations;
  const char *const *migrations = _pkio_history_migrations (&n_migrations);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, sqlite3_errcode (self->db), self->path);
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

      if (!begin (self, error))
        return FALSE;
      ok = exec (self, migrations[i], error) && exec (self, set_version, error);
      if (!commit_or_rollback (self, ok, error))
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
      set_sqlite_error (error, self->db, rc, self->path);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  /* journal_mode reads the header: a file that is not a database fails here. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = FULL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
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

gboolean
_pkio_history_db_mark_interrupted (PkioHistoryDb *self,
                                   GPtrArray     *changed,
                                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) dead = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = now_s ();
  gboolean ok = TRUE;
  int rc;

  stmt = prepare (self, "SELECT " RECORD_COLUMNS ", owner_pid FROM records WHERE state = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, PKIO_RECORD_STATE_SENDING);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pid = sqlite3_column_int64 (stmt, 17);
      gint64 created = sqlite3_column_int64 (stmt, 6);

      /* Another running process (GUI while the CLI starts) may still be waiting for its
       * answer: leave its record alone unless it is far too old to be waiting. */
      if (!process_is_alive (pid) || now - created > SENDING_MAX_AGE_S)
        g_ptr_array_add (dead, record_from_stmt (stmt));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  if (dead->len == 0)
    return TRUE;

  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < dead->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (dead, i);

      record->state = PKIO_RECORD_STATE_UNKNOWN;
      record->updated = now;
      ok = record_update (self, record, error)
           && event_insert (self, record->local_id, now, "interrupted", NULL, error);
    }
  if (!commit_or_rollback (self, ok, error))
    return FALSE;
  for (guint i = 0; i < dead->len; i++)
    g_ptr_array_add (changed, g_object_ref (g_ptr_array_index (dead, i)));
  return TRUE;
}

static gboolean
load_query (PkioHistoryDb          *self,
            const char             *sql,
            guint                  *batch_size,
            guint                   batch,
            GPtrArray             **current,
            PkioHistoryDbBatchFunc  batch_cb,
            gpointer                user_data,
            gboolean               *stopped,
            GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while (!*stopped && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (*current, record_from_stmt (stmt));
      if ((*current)->len >= *batch_size)
        {
          *stopped = !batch_cb (g_steal_pointer (current), user_data);
          *current = g_ptr_array_new_with_free_func (g_object_unref);
          *batch_size = batch;
        }
    }
  if (!*stopped && rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pkio_history_db_load (PkioHistoryDb          *self,
                       guint                   first_batch,
                       guint                   batch,
                       PkioHistoryDbBatchFunc  batch_cb,
                       gpointer                user_data,
                       GError                **error)
{
  GPtrArray *current = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean stopped = FALSE;
  guint size = first_batch;
  gboolean ok;

  /* Two queries instead of one ORDER BY over an expression, so the created index serves the
   * 100,000-row case without a sort before the first row. */
  ok = load_query (self, "SELECT " RECORD_COLUMNS " FROM records WHERE state IN (0, 3) "
                         "ORDER BY created DESC, id DESC",
                   &size, batch, &current, batch_cb, user_data, &stopped, error)
       && load_query (self, "SELECT " RECORD_COLUMNS " FROM records WHERE state NOT IN (0, 3) "
                            "ORDER BY created DESC, id DESC",
                      &size, batch, &current, batch_cb, user_data, &stopped, error);
  if (ok && !stopped)
    batch_cb (g_steal_pointer (&current), user_data);
  g_clear_pointer (&current, g_ptr_array_unref);
  return ok;
}

static char *
json_member_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static JsonObject *
json_member_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

PkioJournalEntry *
_pkio_journal_entry_from_json (const char *account,
                               const char *request_json)
{
  PkioJournalEntry *entry = g_new0 (PkioJournalEntry, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = NULL;
  JsonObject *certificate;
  JsonObject *individual;

  entry->account = g_strdup (account);
  entry->request_json = g_strdup (request_json);
  if (request_json != NULL && json_parser_load_from_data (parser, request_json, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_get_object (json_parser_get_root (parser));

  certificate = json_member_object (root, "certificate");
  individual = json_member_object (certificate, "individual");
  entry->profile = json_member_string (certificate, "profile_option");
  entry->ship_method = json_member_string (json_member_object (root, "ship_info"), "method");
  if (individual != NULL)
    {
      g_autofree char *first = json_member_string (individual, "first_name");
      g_autofree char *last = json_member_string (individual, "last_name");
      JsonNode *id = json_object_get_member (individual, "id");

      if (first != NULL || last != NULL)
        entry->holder_name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "",
                                                          last ? last : ""));
      entry->holder_email = json_member_string (individual, "email");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        entry->individual_id = json_node_get_int (id);
    }
  return entry;
}

void
_pkio_journal_entry_free (PkioJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account);
  g_free (entry->request_json);
  g_free (entry->holder_name);
  g_free (entry->holder_email);
  g_free (entry->profile);
  g_free (entry->ship_method);
  g_free (entry);
}

PkioHistoryRecord *
_pkio_history_db_journal_begin (PkioHistoryDb          *self,
                                const PkioJournalEntry *entry,
                                GError                **error)
{
  g_autoptr(PkioHistoryRecord) record = _pkio_history_record_new ();
  gboolean ok;

  record->state = PKIO_RECORD_STATE_SENDING;
  record->origin = PKIO_RECORD_ORIGIN_THIS_COMPUTER;
  record->created = record->updated = now_s ();
  record->holder_name = g_strdup (entry->holder_name);
  record->holder_email = g_strdup (entry->holder_email);
  record->individual_id = entry->individual_id;
  record->profile = g_strdup (entry->profile);
  record->ship_method = g_strdup (entry->ship_method);
  record->account = g_strdup (entry->account);
  record->request_json = g_strdup (entry->request_json);
  _pkio_history_record_refresh_key (record);

  if (!begin (self, error))
    return NULL;
  ok = record_insert (self, record, getpid (), error)
       && event_insert (self, record->local_id, record->created, "attempted", NULL, error);
  /* COMMIT with synchronous=FULL returns only once the record is on the disk. */
  if (!commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&record);
}

static void
fill_blank (char      **field,
            const char *value)
{
  if ((*field == NULL || **field == '\0') && value != NULL && *value != '\0')
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

/* Folds a REMOTE copy of @order_id (brought in by a sync) into @record. */
static gboolean
absorb_remote_copy (PkioHistoryDb     *self,
                    PkioHistoryRecord *record,
                    gint64             order_id,
                    GArray            *deleted,
                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioHistoryRecord) other = record_get (self, "order_id", order_id, &local_error);
  g_autoptr(sqlite3_stmt) move_events = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;

  if (other == NULL)
    {
      if (g_error_matches (local_error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other->local_id == record->local_id)
    return TRUE;
  if (other->origin == PKIO_RECORD_ORIGIN_THIS_COMPUTER)
    {
      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                   _("Order %" G_GINT64_FORMAT " is already in the history as another order "
                     "from this computer."), order_id);
      return FALSE;
    }

  if (record->remote_status == NULL)
    record->remote_status = g_strdup (other->remote_status);
  if (record->certificate_id <= 0)
    record->certificate_id = other->certificate_id;
  record->last_synced = MAX (record->last_synced, other->last_synced);
  fill_blank (&record->holder_name, other->holder_name);
  fill_blank (&record->holder_email, other->holder_email);

  move_events = prepare (self, "UPDATE events SET record_id = ? WHERE record_id = ?", error);
  delete = prepare (self, "DELETE FROM records WHERE id = ?", error);
  if (move_events == NULL || delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (move_events, 1, record->local_id);
  sqlite3_bind_int64 (move_events, 2, other->local_id);
  sqlite3_bind_int64 (delete, 1, other->local_id);
  if (!step_done (self, move_events, error) || !step_done (self, delete, error))
    return FALSE;
  g_array_append_val (deleted, other->local_id);
  return TRUE;
}

static PkioHistoryRecord *
set_outcome (PkioHistoryDb  *self,
             gint64          local_id,
             PkioRecordState state,
             gint64          order_id,
             gint64          certificate_id,
             const char     *remote_status,
             const char     *errors_json,
             const char     *event_kind,
             GArray         *deleted,
             GError        **error)
{
  g_autoptr(PkioHistoryRecord) record = record_get (self, "id", local_id, error);
  g_autofree char *order_text = NULL;

  if (record == NULL)
    return NULL;
  if (order_id > 0 && !absorb_remote_copy (self, record, order_id, deleted, error))
    return NULL;

  record->state = state;
  record->updated = now_s ();
  if (order_id > 0)
    record->order_id = order_id;
  if (certificate_id > 0)
    record->certificate_id = certificate_id;
  if (remote_status != NULL)
    {
      g_free (record->remote_status);
      record->remote_status = g_strdup (remote_status);
    }
  if (errors_json != NULL)
    {
      g_free (record->errors_json);
      record->errors_json = g_strdup (errors_json);
    }
  if (order_id > 0)
    order_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  if (!record_update (self, record, error)
      || !event_insert (self, local_id, record->updated, event_kind, order_text, error))
    return NULL;
  _pkio_history_record_refresh_key (record);
  return g_steal_pointer (&record);
}

PkioHistoryRecord *
_pkio_history_db_set_outcome (PkioHistoryDb  *self,
                              gint64          local_id,
                              PkioRecordState state,
                              gint64          order_id,
                              gint64          certificate_id,
                              const char     *errors_json,
                              const char     *event_kind,
                              GArray         *deleted,
                              GError        **error)
{
  g_autoptr(PkioHistoryRecord) record = NULL;

  if (!begin (self, error))
    return NULL;
  record = set_outcome (self, local_id, state, order_id, certificate_id, NULL, errors_json,
                        event_kind, deleted, error);
  if (!commit_or_rollback (self, record != NULL, error))
    {
      g_array_set_size (deleted, 0);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* ---- sync ---- */

static gboolean
set_text (char      **field,
          const char *value)
{
  if (value == NULL || g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
merge_one (PkioHistoryDb         *self,
           const PkioRemoteOrder *remote,
           gint64                 now,
           GPtrArray             *changed,
           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioHistoryRecord) record = record_get (self, "order_id", remote->order_id,
                                                    &local_error);
  g_autofree char *old_status = NULL;
  gboolean dirty = FALSE;

  if (record == NULL)
    {
      if (!g_error_matches (local_error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      record = _pkio_history_record_new ();
      record->state = PKIO_RECORD_STATE_REMOTE;
      record->origin = PKIO_RECORD_ORIGIN_ELSEWHERE;
      record->order_id = remote->order_id;
      record->certificate_id = remote->certificate_id;
      record->remote_status = g_strdup (remote->status);
      record->created = remote->date_created ? g_date_time_to_unix (remote->date_created) : now;
      record->updated = record->last_synced = now;
      record->holder_name = g_strdup (remote->common_name);
      record->holder_email = g_strdup (remote->email);
      record->individual_id = remote->individual_id;
      record->profile = g_strdup (remote->profile_option);
      record->ship_method = g_strdup (remote->ship_method);
      if (!record_insert (self, record, 0, error))
        return FALSE;
      _pkio_history_record_refresh_key (record);
      g_ptr_array_add (changed, g_steal_pointer (&record));
      return TRUE;
    }

  old_status = g_strdup (record->remote_status);
  dirty |= set_text (&record->remote_status, remote->status);
  if (remote->certificate_id > 0 && remote->certificate_id != record->certificate_id)
    {
      record->certificate_id = remote->certificate_id;
      dirty = TRUE;
    }
  /* CertCentral is the source of truth for its own fields; the request we sent stays ours. */
  if (record->origin == PKIO_RECORD_ORIGIN_ELSEWHERE)
    {
      dirty |= set_text (&record->holder_name, remote->common_name);
      dirty |= set_text (&record->holder_email, remote->email);
      dirty |= set_text (&record->profile, remote->profile_option);
      dirty |= set_text (&record->ship_method, remote->ship_method);
      if (remote->individual_id > 0 && remote->individual_id != record->individual_id)
        {
          record->individual_id = remote->individual_id;
          dirty = TRUE;
        }
      if (remote->date_created != NULL
          && g_date_time_to_unix (remote->date_created) != record->created)
        {
          record->created = g_date_time_to_unix (remote->date_created);
          dirty = TRUE;
        }
    }
  if (!dirty)
    return TRUE;

  record->updated = record->last_synced = now;
  if (!record_update (self, record, error))
    return FALSE;
  if (g_strcmp0 (old_status, record->remote_status) != 0
      && !event_insert (self, record->local_id, now, "status", record->remote_status, error))
    return FALSE;
  _pkio_history_record_refresh_key (record);
  g_ptr_array_add (changed, g_steal_pointer (&record));
  return TRUE;
}

gboolean
_pkio_history_db_merge_remote (PkioHistoryDb *self,
                               GPtrArray     *remote_orders,
                               GPtrArray     *changed,
                               GError       **error)
{
  gint64 now = now_s ();
  guint first_changed = changed->len;
  gboolean ok = TRUE;

  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < remote_orders->len; i++)
    {
      const PkioRemoteOrder *remote = g_ptr_array_index (remote_orders, i);

      if (remote != NULL && remote->order_id > 0)
        ok = merge_one (self, remote, now, changed, error);
    }
  if (!commit_or_rollback (self, ok, error))
    {
      g_ptr_array_remove_range (changed, first_changed, changed->len - first_changed);
      return FALSE;
    }
  return TRUE;
}

PkioHistoryRecord *
_pkio_history_db_update_status (PkioHistoryDb *self,
                                gint64         order_id,
                                const char    *status,
                                const char    *cancel_note,
                                GError       **error)
{
  g_autoptr(PkioHistoryRecord) record = NULL;
  gboolean ok;

  if (!begin (self, error))
    return NULL;
  record = record_get (self, "order_id", order_id, error);
  ok = record != NULL;
  if (ok)
    {
      gboolean status_changed = set_text (&record->remote_status, status);

      record->updated = record->last_synced = now_s ();
      ok = record_update (self, record, error)
           && (!status_changed
               || event_insert (self, record->local_id, record->updated, "status", status, error))
           && (cancel_note == NULL
               || event_insert (self, record->local_id, record->updated, "canceled",
                                cancel_note, error));
    }
  if (!commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&record);
}

gboolean
_pkio_history_db_add_event (PkioHistoryDb *self,
                            gint64         local_id,
                            const char    *kind,
                            const char    *detail,
                            GError       **error)
{
  return event_insert (self, local_id, now_s (), kind, detail, error);
}

GPtrArray *
_pkio_history_db_get_events (PkioHistoryDb *self,
                             gint64         local_id,
                             GError       **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_history_event_free);
  sqlite3_stmt *stmt = cached (self, "SELECT time, kind, detail FROM events WHERE record_id = ? "
                                     "ORDER BY time, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, local_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));

      g_ptr_array_add (events, pkio_history_event_new (time,
                                                       (const char *) sqlite3_column_text (stmt, 1),
                                                       (const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&events);
}

GPtrArray *
_pkio_history_db_list_unknown (PkioHistoryDb *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = cached (self, "SELECT " RECORD_COLUMNS " FROM records WHERE state = 3 "
                                     "ORDER BY created", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&records);
}

GArray *
_pkio_history_db_list_in_progress (PkioHistoryDb *self,
                                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = cached (self,
    "SELECT order_id FROM records WHERE order_id IS NOT NULL AND (remote_status IS NULL OR "
    "remote_status NOT IN ('issued', 'rejected', 'canceled', 'revoked', 'expired')) "
    "ORDER BY created DESC", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gint64
_pkio_history_db_resolve_unknown (PkioHistoryDb *self,
                                  gint64         local_id,
                                  GPtrArray     *candidates,
                                  GPtrArray     *changed,
                                  GArray        *deleted,
                                  GError       **error)
{
  gint64 found = 0;
  gboolean ok = TRUE;

  if (!begin (self, error))
    return -1;
  for (guint i = 0; ok && found == 0 && i < candidates->len; i++)
    {
      const PkioRemoteOrder *remote = g_ptr_array_index (candidates, i);
      g_autoptr(PkioHistoryRecord) owner = record_get (self, "order_id", remote->order_id, NULL);
      PkioHistoryRecord *record;

      /* An order another attempt of this computer already owns is not this attempt's. */
      if (owner != NULL && owner->origin == PKIO_RECORD_ORIGIN_THIS_COMPUTER
          && owner->local_id != local_id)
        continue;
      record = set_outcome (self, local_id, PKIO_RECORD_STATE_PLACED, remote->order_id,
                            remote->certificate_id, remote->status, NULL, "found", deleted,
                            error);
      ok = record != NULL;
      if (ok)
        {
          found = remote->order_id;
          g_ptr_array_add (changed, record);
        }
    }
  if (ok && found == 0)
    ok = event_insert (self, local_id, now_s (), "not-found", NULL, error);
  if (!commit_or_rollback (self, ok, error))
    {
      g_array_set_size (deleted, 0);
      return -1;
    }
  return found;
}

char *
_pkio_history_db_meta_get (PkioHistoryDb *self,
                           const char    *key)
{
  sqlite3_stmt *stmt = cached (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
_pkio_history_db_meta_set (PkioHistoryDb *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  sqlite3_stmt *stmt = cached (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, value);
  return step_done (self, stmt, error);
}

gboolean
_pkio_history_db_cap_size (PkioHistoryDb *self,
                           gboolean       cap,
                           GError       **error)
{
  /* max_page_count never goes below the current size, so "1" means "as it is now". */
  return exec (self, cap ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1073741823",
               error);
}
