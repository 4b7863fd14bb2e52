/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-db-private.h"

/* What PkioHistoryDb keeps about a certificate after its order (worker thread only): the
 * warnings that it ends soon. */

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
  if (!_pkio_hdb_commit_or_rollback (self, ok, error))
    {
      g_ptr_array_remove_range (changed, first_changed, changed->len - first_changed);
      return FALSE;
    }
  return TRUE;
}
