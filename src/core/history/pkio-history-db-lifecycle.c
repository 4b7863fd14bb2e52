/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "pkio-history-db-private.h"

/* What PkioHistoryDb keeps about a certificate after its order (worker thread only): the
 * warnings that it ends soon, the order that replaces it, and its revocation. */

gboolean
_pkio_history_db_mark_warned (PkioHistoryDb *self,
                              GArray        *local_ids,
                              GPtrArray     *changed,
                              GError       **error)
{
  guint first_changed = changed->len;
  gint64 now = _pkio_hdb_now_s ();
  gboolean ok = TRUE;

  if (!_pkio_hdb_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < local_ids->len; i++)
    {
      g_autoptr(PkioHistoryRecord) record =
        _pkio_hdb_record_get (self, "id", g_array_index (local_ids, gint64, i), error);
      g_autofree char *till = NULL;

      ok = record != NULL;
      if (!ok || record->valid_till == 0 || record->expiry_warned == record->valid_till)
        continue;
      record->expiry_warned = record->valid_till;
      till = pkio_calendar_day_to_iso (record->valid_till);
      ok = _pkio_hdb_record_update (self, record, error)
           && _pkio_hdb_event_insert (self, record->local_id, now, "expiry-warned", till, error);
      if (ok)
        g_ptr_array_add (changed, g_steal_pointer (&record));
    }
  return _pkio_hdb_commit_or_take_back (self, ok, changed, first_changed, NULL, error);
}

gboolean
_pkio_hdb_note_replacement (PkioHistoryDb     *self,
                            PkioHistoryRecord *record,
                            GPtrArray         *changed,
                            GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioHistoryRecord) replaced = NULL;
  g_autofree char *number = NULL;

  if (_pkio_history_record_rare (record)->replaces_order_id <= 0 || record->order_id <= 0)
    return TRUE;
  replaced = _pkio_hdb_record_get (self, "order_id",
                                   _pkio_history_record_rare (record)->replaces_order_id,
                                   &local_error);
  if (replaced == NULL)
    {
      /* The replaced order may not be in this history (another account's, or forgotten). */
      if (g_error_matches (local_error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (_pkio_history_record_rare (replaced)->replaced_by_order_id == record->order_id)
    return TRUE;
  _pkio_history_record_rare_mut (replaced)->replaced_by_order_id = record->order_id;
  replaced->updated = _pkio_hdb_now_s ();
  number = g_strdup_printf ("%" G_GINT64_FORMAT, record->order_id);
  if (!_pkio_hdb_record_update (self, replaced, error)
      || !_pkio_hdb_event_insert (self, replaced->local_id, replaced->updated, "replaced",
                                  number, error))
    return FALSE;
  _pkio_history_record_refresh_key (replaced);
  g_ptr_array_add (changed, g_steal_pointer (&replaced));
  return TRUE;
}

/* ---- revocation: the journal of a revoke request ---- */

PkioHistoryRecord *
_pkio_history_db_revoke_begin (PkioHistoryDb *self,
                               gint64         local_id,
                               const char    *reason,
                               const char    *requester,
                               const char    *asked_json,
                               GError       **error)
{
  g_autoptr(PkioHistoryRecord) record = NULL;
  sqlite3_stmt *owner = NULL;
  gboolean ok;

  if (!_pkio_hdb_begin (self, error))
    return NULL;
  record = _pkio_hdb_record_get (self, "id", local_id, error);
  ok = record != NULL;
  if (ok && _pkio_history_record_rare (record)->revoke_state != PKIO_REVOKE_NONE)
    {
      /* Read again under the lock: another process may have asked meanwhile. */
      g_set_error_literal (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                           _("A revocation of this certificate was already asked for, or its "
                             "outcome is not known yet."));
      ok = FALSE;
    }
  if (ok)
    {
      PkioRecordRare *rare = _pkio_history_record_rare_mut (record);

      rare->revoke_state = PKIO_REVOKE_SENDING;
      rare->revoke_request_id = 0;
      g_free (rare->revoke_reason);
      rare->revoke_reason = g_strdup (reason);
      g_free (rare->revoke_requester);
      rare->revoke_requester = g_strdup (requester);
      rare->revoke_time = record->updated = _pkio_hdb_now_s ();
      owner = _pkio_hdb_cached (self, "UPDATE records SET revoke_owner_pid = ? WHERE id = ?",
                                error);
      ok = owner != NULL && _pkio_hdb_record_update (self, record, error);
    }
  if (ok)
    {
      sqlite3_bind_int64 (owner, 1, getpid ());
      sqlite3_bind_int64 (owner, 2, record->local_id);
      ok = _pkio_hdb_step_done (self, owner, error)
           && _pkio_hdb_event_insert (self, record->local_id, record->updated, "revoke-asked",
                                      asked_json, error);
    }
  /* COMMIT with synchronous=FULL returns only once the record is on the disk. */
  if (!_pkio_hdb_commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&record);
}

PkioHistoryRecord *
_pkio_history_db_revoke_set (PkioHistoryDb   *self,
                             gint64           local_id,
                             PkioRevokeState  state,
                             gint64           request_id,
                             const char      *event_kind,
                             const char      *detail,
                             GError         **error)
{
  g_autoptr(PkioHistoryRecord) record = NULL;
  gboolean ok;

  if (!_pkio_hdb_begin (self, error))
    return NULL;
  record = _pkio_hdb_record_get (self, "id", local_id, error);
  ok = record != NULL;
  if (ok)
    {
      _pkio_history_record_rare_mut (record)->revoke_state = state;
      if (request_id > 0)
        _pkio_history_record_rare_mut (record)->revoke_request_id = request_id;
      record->updated = _pkio_hdb_now_s ();
      ok = _pkio_hdb_record_update (self, record, error)
           && (event_kind == NULL
               || _pkio_hdb_event_insert (self, record->local_id, record->updated, event_kind,
                                          detail, error));
    }
  if (!_pkio_hdb_commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&record);
}
