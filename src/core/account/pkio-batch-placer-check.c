/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The duplicate check of a batch (issue 20): every row is checked as a single order is
 * (pkio_workspace_check_duplicate_async (), the rule in docs/decisions.md#duplicate-orders)
 * before anything is sent. A row with a match is left out unless the person includes it. */
#include "config.h"

#include "pkio-batch-placer-private.h"

static void check_next (GTask *task_owned);

/* Rows worth checking: without problems (they are never sent), and not placed or possibly
 * placed by an earlier run of this batch (its order would be found as its own duplicate). */
static gboolean
needs_check (PkioBatchPlacer *self,
             guint            index)
{
  const PkioBatchRow *row = pkio_batch_get_row (self->batch, index);

  return row->problems->len == 0
         && (self->earlier[index] == NULL
             || _pkio_batch_placer_record_rank (self->earlier[index]) < 2);
}

static void
row_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  GError *error = NULL;
  PkioDuplicate *duplicate;
  guint index = self->next_check++;

  duplicate = pkio_workspace_check_duplicate_finish (self->workspace, result, &error);
  if (duplicate == NULL)
    {
      /* Cancelled: the only way the check fails. */
      self->checking = FALSE;
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&self->duplicates[index], pkio_duplicate_free);
  self->duplicates[index] = duplicate;
  _pkio_batch_placer_emit_row_checked (self, index);
  /* A key CertCentral does not accept (or none) fails every row the same way: the rows after it
   * are not asked about, and say the same. */
  if (duplicate->outcome == PKIO_DUPLICATE_UNCHECKED
      && pkio_api_error_get_meaning (duplicate->error) == PKIO_ERROR_MEANING_FIX_KEY)
    {
      for (guint i = self->next_check; i < self->n_rows; i++)
        {
          PkioDuplicate *same;

          if (!needs_check (self, i))
            continue;
          same = g_new0 (PkioDuplicate, 1);
          same->outcome = PKIO_DUPLICATE_UNCHECKED;
          same->error = g_error_copy (duplicate->error);
          g_clear_pointer (&self->duplicates[i], pkio_duplicate_free);
          self->duplicates[i] = same;
          _pkio_batch_placer_emit_row_checked (self, i);
        }
      self->next_check = self->n_rows;
    }
  check_next (g_steal_pointer (&task));
}

/* One row at a time: CertCentral's rate limit is shared with the sync and the sends. */
static void
check_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  PkioBatchPlacer *self = g_task_get_source_object (task);

  while (self->next_check < self->n_rows)
    {
      guint index = self->next_check;
      GCancellable *cancellable = g_task_get_cancellable (task);

      if (!needs_check (self, index))
        {
          self->next_check++;
          continue;
        }
      pkio_workspace_check_duplicate_async (self->workspace,
                                            pkio_batch_get_row (self->batch, index)->order, 0,
                                            cancellable, row_checked_cb,
                                            g_steal_pointer (&task));
      return;
    }
  self->checking = FALSE;
  self->checked = TRUE;
  self->checked_at = g_get_monotonic_time ();
  g_task_return_boolean (task, TRUE);
}

static void
history_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!_pkio_batch_placer_read_history_finish (self, result, &error))
    {
      self->checking = FALSE;
      g_task_return_error (task, error);
      return;
    }
  check_next (g_steal_pointer (&task));
}

void
pkio_batch_placer_check_async (PkioBatchPlacer     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_BATCH_PLACER (self));
  g_return_if_fail (!self->checking);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_batch_placer_check_async);
  self->checking = TRUE;
  self->checked = FALSE;
  self->next_check = 0;
  for (guint i = 0; i < self->n_rows; i++)
    g_clear_pointer (&self->duplicates[i], pkio_duplicate_free);
  _pkio_batch_placer_read_history_async (self, history_read_cb, g_steal_pointer (&task));
}

gboolean
pkio_batch_placer_check_finish (PkioBatchPlacer  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pkio_batch_placer_check_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

const PkioDuplicate *
pkio_batch_placer_get_duplicate (PkioBatchPlacer *self,
                                 guint            index)
{
  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);
  return self->duplicates[index];
}

guint
pkio_batch_placer_count_duplicates (PkioBatchPlacer      *self,
                                    PkioDuplicateOutcome  outcome)
{
  guint n = 0;

  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), 0);
  for (guint i = 0; i < self->n_rows; i++)
    if (self->duplicates[i] != NULL && self->duplicates[i]->outcome == outcome)
      n++;
  return n;
}

void
pkio_batch_placer_set_included (PkioBatchPlacer *self,
                                guint            index,
                                gboolean         included)
{
  g_return_if_fail (PKIO_IS_BATCH_PLACER (self));
  g_return_if_fail (index < self->n_rows);
  self->included[index] = !!included;
}

gboolean
pkio_batch_placer_get_included (PkioBatchPlacer *self,
                                guint            index)
{
  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), FALSE);
  g_return_val_if_fail (index < self->n_rows, FALSE);
  return self->allow_existing || self->included[index];
}

void
pkio_batch_placer_set_allow_existing (PkioBatchPlacer *self,
                                      gboolean         allow)
{
  g_return_if_fail (PKIO_IS_BATCH_PLACER (self));
  self->allow_existing = !!allow;
}

gboolean
_pkio_batch_placer_check_is_fresh (PkioBatchPlacer *self)
{
  return self->checked
         && g_get_monotonic_time () - self->checked_at
            < (gint64) PKIO_BATCH_CHECK_FRESH_SECONDS * G_USEC_PER_SEC;
}

gboolean
_pkio_batch_placer_leaves_out (PkioBatchPlacer *self,
                               guint            index)
{
  return !self->allow_existing && !self->included[index] && self->duplicates[index] != NULL
         && self->duplicates[index]->outcome == PKIO_DUPLICATE_FOUND;
}
