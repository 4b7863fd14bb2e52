/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-db-private.h"

/* What reconciliation writes (worker thread only): the outcome found for UNKNOWN attempts,
 * the candidates kept when orders could not be told apart, and the person's own choice. */

static char *
order_ids_text (GPtrArray *orders)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      const PkioRemoteOrder *order = g_ptr_array_index (orders, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%" G_GINT64_FORMAT, order->order_id);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether another record of this computer already holds @order_id (another process may have
 * linked it since the orders were matched). */
static gboolean
owned_by_other (PkioHistoryDb *self,
                gint64         order_id,
                gint64         local_id)
{
  g_autoptr(PkioHistoryRecord) owner = _pkio_hdb_record_get (self, "order_id", order_id, NULL);

  return owner != NULL && owner->origin == PKIO_RECORD_ORIGIN_THIS_COMPUTER
         && owner->local_id != local_id;
}

/* The holder @order names, where the attempt named nobody (_pkio_hdb_fill_holder ()), written
 * with the record's new search key. */
static gboolean
fill_holder (PkioHistoryDb         *self,
             PkioHistoryRecord     *record,
             const PkioRemoteOrder *order,
             GError               **error)
{
  if (!_pkio_hdb_fill_holder (record, order))
    return TRUE;
  _pkio_history_record_refresh_key (record);
  return _pkio_hdb_record_update (self, record, error);
}

/* Within a transaction: attempt @local_id gets @order, the one way an unknown attempt becomes an
 * order, whether a reconciliation found it (event "found") or the person chose it ("linked"). */
static PkioHistoryRecord *
link_order (PkioHistoryDb         *self,
            gint64                 local_id,
            const PkioRemoteOrder *order,
            const char            *event_kind,
            GArray                *deleted,
            GPtrArray             *also_changed,
            GError               **error)
{
  g_autoptr(PkioHistoryRecord) placed = _pkio_hdb_set_outcome (self, local_id,
                                                               PKIO_RECORD_STATE_PLACED,
                                                               order->order_id,
                                                               order->certificate_id,
                                                               order->status, NULL, event_kind,
                                                               deleted, also_changed, error);

  if (placed == NULL || !fill_holder (self, placed, order, error))
    return NULL;
  return g_steal_pointer (&placed);
}

static gboolean
store_candidates (PkioHistoryDb     *self,
                  PkioHistoryRecord *record,
                  GPtrArray         *candidates,
                  const char        *event_kind,
                  GPtrArray         *changed,
                  GError           **error)
{
  g_autofree char *json = pkio_history_candidates_to_json (candidates);
  g_autoptr(GPtrArray) before = pkio_history_candidates_from_json (
    _pkio_history_record_rare (record)->candidates_json);
  g_autofree char *ids_before = order_ids_text (before);
  g_autofree char *ids = order_ids_text (candidates);
  gint64 now = _pkio_hdb_now_s ();
  PkioRecordRare *rare;

  /* "not-found" is said after every look, as before; "candidates" only when the set changes,
   * so a sync every few minutes does not fill the timeline. */
  if (g_strcmp0 (event_kind, "candidates") != 0 || g_strcmp0 (ids, ids_before) != 0)
    {
      if (!_pkio_hdb_event_insert (self, record->local_id, now, event_kind,
                                   *ids != '\0' ? ids : NULL, error))
        return FALSE;
    }
  if (g_strcmp0 (json, _pkio_history_record_rare (record)->candidates_json) == 0)
    return TRUE;
  rare = _pkio_history_record_rare_mut (record);
  g_free (rare->candidates_json);
  rare->candidates_json = g_steal_pointer (&json);
  record->updated = now;
  if (!_pkio_hdb_record_update (self, record, error))
    return FALSE;
  g_ptr_array_add (changed, g_object_ref (record));
  return TRUE;
}

static gboolean
apply_one (PkioHistoryDb         *self,
           const PkioMatchResult *result,
           GPtrArray             *changed,
           GArray                *deleted,
           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioHistoryRecord) record = _pkio_hdb_record_get (self, "id", result->local_id,
                                                              &local_error);
  PkioHistoryRecord *placed;

  if (record == NULL)
    {
      if (g_error_matches (local_error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (record->state != PKIO_RECORD_STATE_UNKNOWN)
    return TRUE;

  switch (result->outcome)
    {
    case PKIO_MATCH_LINKED:
      if (owned_by_other (self, result->order->order_id, record->local_id))
        return TRUE;
      placed = link_order (self, record->local_id, result->order, "found", deleted, changed,
                           error);
      if (placed == NULL)
        return FALSE;
      g_ptr_array_add (changed, placed);
      return TRUE;
    case PKIO_MATCH_AMBIGUOUS:
      return store_candidates (self, record, result->candidates, "candidates", changed, error);
    case PKIO_MATCH_NOT_FOUND:
    default:
      return store_candidates (self, record, NULL, "not-found", changed, error);
    }
}

gboolean
_pkio_history_db_apply_matches (PkioHistoryDb *self,
                                GPtrArray     *results,
                                GPtrArray     *changed,
                                GArray        *deleted,
                                GError       **error)
{
  guint first_changed = changed->len;
  gboolean ok = TRUE;

  if (!_pkio_hdb_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < results->len; i++)
    ok = apply_one (self, g_ptr_array_index (results, i), changed, deleted, error);
  return _pkio_hdb_commit_or_take_back (self, ok, changed, first_changed, deleted, error);
}

static gboolean
is_candidate (PkioHistoryRecord *record,
              gint64             order_id)
{
  /* Read from the row, not the record's lazily parsed copy: this one is the worker's. */
  g_autoptr(GPtrArray) candidates = pkio_history_candidates_from_json (
    _pkio_history_record_rare (record)->candidates_json);

  return pkio_history_candidates_have (candidates, order_id);
}

PkioHistoryRecord *
_pkio_history_db_link_order (PkioHistoryDb         *self,
                             gint64                 local_id,
                             const PkioRemoteOrder *order,
                             GArray                *deleted,
                             GPtrArray             *also_changed,
                             GError               **error)
{
  guint first_changed = also_changed->len;
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(PkioHistoryRecord) placed = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order->order_id);

  if (!_pkio_hdb_begin (self, error))
    return NULL;
  record = _pkio_hdb_record_get (self, "id", local_id, error);
  if (record != NULL && record->state != PKIO_RECORD_STATE_UNKNOWN)
    g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                 _("The outcome of this attempt is already known: it was not linked to "
                   "order %s."), number);
  else if (record != NULL && !is_candidate (record, order->order_id))
    g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                 _("Order %s is not one of the orders CertCentral has for this attempt."),
                 number);
  else if (record != NULL)
    placed = link_order (self, local_id, order, "linked", deleted, also_changed, error);
  if (!_pkio_hdb_commit_or_take_back (self, placed != NULL, also_changed, first_changed, deleted,
                                      error))
    return NULL;
  return g_steal_pointer (&placed);
}
