/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "pkio-history-db-private.h"

/* Rows of PkioHistoryDb: binding and reading records, inserting and updating them, a record's
 * events, and loading them all in model order (worker thread only). */

/* ---- one row ---- */

void
_pkio_hdb_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_pkio_hdb_bind_id_or_null (sqlite3_stmt *stmt,
                           int           index,
                           gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

char *
_pkio_hdb_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

PkioHistoryRecord *
_pkio_hdb_record_from_stmt (sqlite3_stmt *stmt)
{
  PkioHistoryRecord *record = _pkio_history_record_new ();
  PkioRecordRare *rare = _pkio_history_record_rare_mut (record);

  record->local_id = sqlite3_column_int64 (stmt, 0);
  record->state = CLAMP (sqlite3_column_int (stmt, 1), PKIO_RECORD_STATE_SENDING,
                         PKIO_RECORD_STATE_REMOTE);
  record->origin = CLAMP (sqlite3_column_int (stmt, 2), PKIO_RECORD_ORIGIN_THIS_COMPUTER,
                          PKIO_RECORD_ORIGIN_EXAMPLE);
  record->order_id = sqlite3_column_int64 (stmt, 3);
  record->certificate_id = sqlite3_column_int64 (stmt, 4);
  record->remote_status = _pkio_history_intern ((const char *) sqlite3_column_text (stmt, 5));
  record->created = sqlite3_column_int64 (stmt, 6);
  record->updated = sqlite3_column_int64 (stmt, 7);
  record->last_synced = sqlite3_column_int64 (stmt, 8);
  record->holder_name = _pkio_hdb_column_text (stmt, 9);
  record->holder_email = _pkio_hdb_column_text (stmt, 10);
  record->individual_id = sqlite3_column_int64 (stmt, 11);
  record->profile = _pkio_history_intern ((const char *) sqlite3_column_text (stmt, 12));
  record->ship_method = _pkio_history_intern ((const char *) sqlite3_column_text (stmt, 13));
  record->account = _pkio_history_intern ((const char *) sqlite3_column_text (stmt, 14));
  /* Not the request itself: the database keeps it until it is needed (issue 24). */
  record->has_request = sqlite3_column_int (stmt, 15) != 0;
  rare->errors_json = _pkio_hdb_column_text (stmt, 16);
  rare->candidates_json = _pkio_hdb_column_text (stmt, 17);
  record->valid_from = pkio_calendar_day_from_iso ((const char *) sqlite3_column_text (stmt, 18));
  record->valid_till = pkio_calendar_day_from_iso ((const char *) sqlite3_column_text (stmt, 19));
  record->has_days_remaining = sqlite3_column_type (stmt, 20) == SQLITE_INTEGER;
  record->days_remaining = CLAMP (sqlite3_column_int64 (stmt, 20), G_MININT32, G_MAXINT32);
  record->status_changed = sqlite3_column_int64 (stmt, 21);
  record->expiry_warned = pkio_calendar_day_from_iso ((const char *) sqlite3_column_text (stmt,
                                                                                          22));
  record->placed_by = _pkio_hdb_column_text (stmt, 23);
  rare->replaces_order_id = sqlite3_column_int64 (stmt, 24);
  rare->replaced_by_order_id = sqlite3_column_int64 (stmt, 25);
  rare->revoke_state = CLAMP (sqlite3_column_int (stmt, 26), PKIO_REVOKE_NONE,
                              PKIO_REVOKE_UNKNOWN);
  rare->revoke_request_id = sqlite3_column_int64 (stmt, 27);
  rare->revoke_reason = _pkio_hdb_column_text (stmt, 28);
  rare->revoke_requester = _pkio_hdb_column_text (stmt, 29);
  rare->revoke_time = sqlite3_column_int64 (stmt, 30);
  rare->batch_key = _pkio_hdb_column_text (stmt, 31);
  rare->batch_row = _pkio_hdb_column_text (stmt, 32);
  rare->batch_file = _pkio_hdb_column_text (stmt, 33);
  _pkio_history_record_trim (record);
  _pkio_history_record_refresh_key (record);
  return record;
}

static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          PkioDay       day)
{
  g_autofree char *text = pkio_calendar_day_to_iso (day);

  _pkio_hdb_bind_text_or_null (stmt, index, text);
}

/* Binds every column but id and request_json (written once, by the journal: never from a
 * record, which does not keep it), in RECORD_COLUMNS order, from index 1; returns the next
 * index. */
int
_pkio_hdb_bind_record (sqlite3_stmt      *stmt,
                       PkioHistoryRecord *record)
{
  const PkioRecordRare *rare = _pkio_history_record_rare (record);

  sqlite3_bind_int (stmt, 1, record->state);
  sqlite3_bind_int (stmt, 2, (int) record->origin);
  _pkio_hdb_bind_id_or_null (stmt, 3, record->order_id);
  _pkio_hdb_bind_id_or_null (stmt, 4, record->certificate_id);
  _pkio_hdb_bind_text_or_null (stmt, 5, record->remote_status);
  sqlite3_bind_int64 (stmt, 6, record->created);
  sqlite3_bind_int64 (stmt, 7, record->updated);
  _pkio_hdb_bind_id_or_null (stmt, 8, record->last_synced);
  _pkio_hdb_bind_text_or_null (stmt, 9, record->holder_name);
  _pkio_hdb_bind_text_or_null (stmt, 10, record->holder_email);
  _pkio_hdb_bind_id_or_null (stmt, 11, record->individual_id);
  _pkio_hdb_bind_text_or_null (stmt, 12, record->profile);
  _pkio_hdb_bind_text_or_null (stmt, 13, record->ship_method);
  _pkio_hdb_bind_text_or_null (stmt, 14, record->account);
  _pkio_hdb_bind_text_or_null (stmt, 15, rare->errors_json);
  _pkio_hdb_bind_text_or_null (stmt, 16, rare->candidates_json);
  bind_day (stmt, 17, record->valid_from);
  bind_day (stmt, 18, record->valid_till);
  if (record->has_days_remaining)
    sqlite3_bind_int64 (stmt, 19, record->days_remaining);
  else
    sqlite3_bind_null (stmt, 19);
  _pkio_hdb_bind_id_or_null (stmt, 20, record->status_changed);
  bind_day (stmt, 21, record->expiry_warned);
  _pkio_hdb_bind_text_or_null (stmt, 22, record->placed_by);
  _pkio_hdb_bind_id_or_null (stmt, 23, rare->replaces_order_id);
  _pkio_hdb_bind_id_or_null (stmt, 24, rare->replaced_by_order_id);
  sqlite3_bind_int (stmt, 25, (int) rare->revoke_state);
  _pkio_hdb_bind_id_or_null (stmt, 26, rare->revoke_request_id);
  _pkio_hdb_bind_text_or_null (stmt, 27, rare->revoke_reason);
  _pkio_hdb_bind_text_or_null (stmt, 28, rare->revoke_requester);
  _pkio_hdb_bind_id_or_null (stmt, 29, rare->revoke_time);
  _pkio_hdb_bind_text_or_null (stmt, 30, rare->batch_key);
  _pkio_hdb_bind_text_or_null (stmt, 31, rare->batch_row);
  _pkio_hdb_bind_text_or_null (stmt, 32, rare->batch_file);
  return 33;
}

gboolean
_pkio_hdb_set_status (PkioHistoryRecord *record,
                      const char        *status,
                      gint64             now)
{
  if (status == NULL || g_strcmp0 (record->remote_status, status) == 0)
    return FALSE;
  record->remote_status = _pkio_history_intern (status);
  record->status_changed = now;
  return TRUE;
}

gboolean
_pkio_hdb_fill_blank (char      **field,
                      const char *value)
{
  if ((*field == NULL || **field == '\0') && value != NULL && *value != '\0')
    {
      g_free (*field);
      *field = g_strdup (value);
      return TRUE;
    }
  return FALSE;
}

gboolean
_pkio_hdb_fill_holder (PkioHistoryRecord     *record,
                       const PkioRemoteOrder *order)
{
  gboolean dirty = _pkio_hdb_fill_blank (&record->holder_name, order->common_name);

  dirty |= _pkio_hdb_fill_blank (&record->holder_email, order->email);
  return dirty;
}

gboolean
_pkio_hdb_step_done (PkioHistoryDb *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pkio_hdb_record_insert (PkioHistoryDb     *self,
                         PkioHistoryRecord *record,
                         const char        *request_json,
                         gint64             owner_pid,
                         GError           **error)
{
  sqlite3_stmt *stmt = _pkio_hdb_cached (self,
    "INSERT INTO records (state, origin, order_id, certificate_id, remote_status, created, "
    "updated, last_synced, holder_name, holder_email, individual_id, profile, ship_method, "
    "account, errors_json, candidates_json, valid_from, valid_till, "
    "days_remaining, status_changed, expiry_warned, placed_by, replaces_order_id, "
    "replaced_by_order_id, revoke_state, revoke_request_id, revoke_reason, revoke_requester, "
    "revoke_time, batch_key, batch_row, batch_file, request_json, owner_pid) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error);
  int next;

  if (stmt == NULL)
    return FALSE;
  next = _pkio_hdb_bind_record (stmt, record);
  _pkio_hdb_bind_text_or_null (stmt, next, request_json);
  _pkio_hdb_bind_id_or_null (stmt, next + 1, owner_pid);
  if (!_pkio_hdb_step_done (self, stmt, error))
    return FALSE;
  record->local_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
_pkio_hdb_record_update (PkioHistoryDb     *self,
                         PkioHistoryRecord *record,
                         GError           **error)
{
  sqlite3_stmt *stmt = _pkio_hdb_cached (self,
    "UPDATE records SET state=?, origin=?, order_id=?, certificate_id=?, remote_status=?, "
    "created=?, updated=?, last_synced=?, holder_name=?, holder_email=?, individual_id=?, "
    "profile=?, ship_method=?, account=?, errors_json=?, candidates_json=?, "
    "valid_from=?, valid_till=?, days_remaining=?, status_changed=?, expiry_warned=?, "
    "placed_by=?, replaces_order_id=?, replaced_by_order_id=?, revoke_state=?, "
    "revoke_request_id=?, revoke_reason=?, revoke_requester=?, revoke_time=?, batch_key=?, "
    "batch_row=?, batch_file=? WHERE id=?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, _pkio_hdb_bind_record (stmt, record), record->local_id);
  return _pkio_hdb_step_done (self, stmt, error);
}

PkioHistoryRecord *
_pkio_hdb_record_get (PkioHistoryDb *self,
                      const char    *where_column,
                      gint64         value,
                      GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " RECORD_COLUMNS " FROM records WHERE %s = ?",
                                          where_column);
  sqlite3_stmt *stmt = _pkio_hdb_cached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      PkioHistoryRecord *record = _pkio_hdb_record_from_stmt (stmt);

      /* Release the read snapshot now rather than at the next use. */
      sqlite3_reset (stmt);
      return record;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND,
                 _("This order is not in the history."));
  else
    _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
  return NULL;
}

gboolean
_pkio_hdb_event_insert (PkioHistoryDb *self,
                        gint64         local_id,
                        gint64         time,
                        const char    *kind,
                        const char    *detail,
                        GError       **error)
{
  sqlite3_stmt *stmt = _pkio_hdb_cached (self,
    "INSERT INTO events (record_id, time, kind, detail) VALUES (?,?,?,?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, local_id);
  sqlite3_bind_int64 (stmt, 2, time);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  _pkio_hdb_bind_text_or_null (stmt, 4, detail);
  return _pkio_hdb_step_done (self, stmt, error);
}

gboolean
_pkio_history_db_add_event (PkioHistoryDb *self,
                            gint64         local_id,
                            const char    *kind,
                            const char    *detail,
                            GError       **error)
{
  return _pkio_hdb_event_insert (self, local_id, _pkio_hdb_now_s (), kind, detail, error);
}

GPtrArray *
_pkio_history_db_get_events (PkioHistoryDb *self,
                             gint64         local_id,
                             GError       **error)
{
  g_autoptr(GPtrArray) events =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_history_event_free);
  sqlite3_stmt *stmt = _pkio_hdb_cached (self, "SELECT time, kind, detail FROM events "
                                               "WHERE record_id = ? ORDER BY time, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, local_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));

      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *detail = (const char *) sqlite3_column_text (stmt, 2);

      g_ptr_array_add (events, pkio_history_event_new (time,
                                                       pkio_history_event_kind_from_string (kind),
                                                       detail));
    }
  if (rc != SQLITE_DONE)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* The request an order placed here was sent with: NULL (no error) for a record that keeps
 * none; NOT_FOUND for a record that is not in the database. */
char *
_pkio_history_db_read_request (PkioHistoryDb *self,
                               gint64         local_id,
                               GError       **error)
{
  sqlite3_stmt *stmt = _pkio_hdb_cached (self, "SELECT request_json FROM records WHERE id = ?",
                                         error);
  char *json = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, local_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = _pkio_hdb_column_text (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND,
                 _("This order is not in the history."));
  else
    _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
  /* Release the read snapshot now rather than at the next use. */
  sqlite3_reset (stmt);
  return json;
}

/* ---- loading ---- */

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
  g_autoptr(sqlite3_stmt) stmt = _pkio_hdb_prepare (self, sql, error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while (!*stopped && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (*current, _pkio_hdb_record_from_stmt (stmt));
      if ((*current)->len >= *batch_size)
        {
          *stopped = !batch_cb (g_steal_pointer (current), user_data);
          *current = g_ptr_array_new_with_free_func (g_object_unref);
          *batch_size = batch;
        }
    }
  if (!*stopped && rc != SQLITE_DONE)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
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
