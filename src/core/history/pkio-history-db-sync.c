/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "pkio-history-db-private.h"

/* What a sync with CertCentral writes into PkioHistoryDb and reads from it (worker thread
 * only): the orders CertCentral reports merged into the records, a status that changed, the
 * orders still in progress, and when the last sync was. */

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
set_interned (const char **field,
              const char  *value)
{
  if (value == NULL || *field == _pkio_history_intern (value))
    return FALSE;
  *field = _pkio_history_intern (value);
  return TRUE;
}

/* What CertCentral says of the certificate's validity; an answer without it (status-changes)
 * leaves what is known. */
static gboolean
merge_validity (PkioHistoryRecord     *record,
                const PkioRemoteOrder *remote)
{
  gboolean dirty = FALSE;

  if (remote->valid_from != 0 && remote->valid_from != record->valid_from)
    {
      record->valid_from = remote->valid_from;
      dirty = TRUE;
    }
  if (remote->valid_till != 0 && remote->valid_till != record->valid_till)
    {
      record->valid_till = remote->valid_till;
      dirty = TRUE;
    }
  if (remote->has_days_remaining
      && (!record->has_days_remaining || remote->days_remaining != record->days_remaining))
    {
      record->has_days_remaining = TRUE;
      record->days_remaining = CLAMP (remote->days_remaining, G_MININT32, G_MAXINT32);
      dirty = TRUE;
    }
  return dirty;
}

static gboolean
merge_one (PkioHistoryDb         *self,
           const PkioRemoteOrder *remote,
           PkioRecordOrigin       origin,
           gint64                 now,
           GPtrArray             *changed,
           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioHistoryRecord) record = _pkio_hdb_record_get (self, "order_id", remote->order_id,
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
      record->origin = origin;
      record->order_id = remote->order_id;
      record->certificate_id = remote->certificate_id;
      record->remote_status = _pkio_history_intern (remote->status);
      record->created = remote->date_created ? g_date_time_to_unix (remote->date_created) : now;
      /* First seen in this status: since when, CertCentral does not say. */
      record->status_changed = record->created;
      record->valid_from = remote->valid_from;
      record->valid_till = remote->valid_till;
      record->has_days_remaining = remote->has_days_remaining;
      record->days_remaining = CLAMP (remote->days_remaining, G_MININT32, G_MAXINT32);
      record->updated = record->last_synced = now;
      record->holder_name = g_strdup (remote->common_name);
      record->holder_email = g_strdup (remote->email);
      record->individual_id = remote->individual_id;
      record->profile = _pkio_history_intern (remote->profile_option);
      record->ship_method = _pkio_history_intern (remote->ship_method);
      record->placed_by = g_strdup (remote->placed_by);
      if (!_pkio_hdb_record_insert (self, record, NULL, 0, error))
        return FALSE;
      _pkio_history_record_refresh_key (record);
      g_ptr_array_add (changed, g_steal_pointer (&record));
      return TRUE;
    }

  old_status = g_strdup (record->remote_status);
  dirty |= _pkio_hdb_set_status (record, remote->status, now);
  dirty |= merge_validity (record, remote);
  if (remote->certificate_id > 0 && remote->certificate_id != record->certificate_id)
    {
      record->certificate_id = remote->certificate_id;
      dirty = TRUE;
    }
  /* Who placed it is CertCentral's to say, for an order placed here too (the key's user); an
   * answer that does not say leaves what an earlier one said. */
  dirty |= set_text (&record->placed_by, remote->placed_by);
  /* CertCentral is the source of truth for its own fields; the request we sent stays ours. */
  if (record->origin != PKIO_RECORD_ORIGIN_THIS_COMPUTER)
    {
      dirty |= set_text (&record->holder_name, remote->common_name);
      dirty |= set_text (&record->holder_email, remote->email);
      dirty |= set_interned (&record->profile, remote->profile_option);
      dirty |= set_interned (&record->ship_method, remote->ship_method);
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
  else
    {
      /* An order placed here for an existing individual (by id) has no name in the request:
       * CertCentral's answer supplies it. */
      dirty |= _pkio_hdb_fill_holder (record, remote);
    }
  if (!dirty)
    return TRUE;

  record->updated = record->last_synced = now;
  if (!_pkio_hdb_record_update (self, record, error))
    return FALSE;
  if (g_strcmp0 (old_status, record->remote_status) != 0
      && !_pkio_hdb_event_insert (self, record->local_id, now, "status", record->remote_status,
                                  error))
    return FALSE;
  _pkio_history_record_refresh_key (record);
  g_ptr_array_add (changed, g_steal_pointer (&record));
  return TRUE;
}

gboolean
_pkio_history_db_merge_remote (PkioHistoryDb    *self,
                               GPtrArray        *remote_orders,
                               PkioRecordOrigin  origin,
                               GPtrArray        *changed,
                               GError          **error)
{
  gint64 now = _pkio_hdb_now_s ();
  guint first_changed = changed->len;
  gboolean ok = TRUE;

  if (!_pkio_hdb_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < remote_orders->len; i++)
    {
      const PkioRemoteOrder *remote = g_ptr_array_index (remote_orders, i);

      if (remote != NULL && remote->order_id > 0)
        ok = merge_one (self, remote, origin, now, changed, error);
    }
  return _pkio_hdb_commit_or_take_back (self, ok, changed, first_changed, NULL, error);
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

  if (!_pkio_hdb_begin (self, error))
    return NULL;
  record = _pkio_hdb_record_get (self, "order_id", order_id, error);
  ok = record != NULL;
  if (ok)
    {
      gboolean status_changed;

      record->updated = record->last_synced = _pkio_hdb_now_s ();
      status_changed = _pkio_hdb_set_status (record, status, record->updated);
      ok = _pkio_hdb_record_update (self, record, error)
           && (!status_changed
               || _pkio_hdb_event_insert (self, record->local_id, record->updated, "status",
                                          status, error))
           && (cancel_note == NULL
               || _pkio_hdb_event_insert (self, record->local_id, record->updated, "canceled",
                                          cancel_note, error));
    }
  if (!_pkio_hdb_commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&record);
}

GArray *
_pkio_history_db_list_in_progress (PkioHistoryDb *self,
                                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _pkio_hdb_cached (self,
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
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

char *
_pkio_history_db_meta_get (PkioHistoryDb *self,
                           const char    *key)
{
  sqlite3_stmt *stmt = _pkio_hdb_cached (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _pkio_hdb_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
_pkio_history_db_meta_set (PkioHistoryDb *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  sqlite3_stmt *stmt = _pkio_hdb_cached (self,
                                         "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  _pkio_hdb_bind_text_or_null (stmt, 2, value);
  return _pkio_hdb_step_done (self, stmt, error);
}
