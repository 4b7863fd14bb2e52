/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-placer-private.h"

/* A batch is placed as the README of src/core says ("What comes next"): one row at a time,
 * the next from the callback of the one before, each with its own journal record, POST and
 * PkioSendResult from the one sender. Nothing here sends by itself. */

G_DEFINE_FINAL_TYPE (PkioBatchPlacer, pkio_batch_placer, G_TYPE_OBJECT)

enum { SIGNAL_ROW_DONE, SIGNAL_ROW_CHECKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
pkio_batch_placer_finalize (GObject *object)
{
  PkioBatchPlacer *self = PKIO_BATCH_PLACER (object);

  for (guint i = 0; i < self->n_rows; i++)
    {
      g_free (self->outcomes[i].message);
      g_clear_object (&self->earlier[i]);
      g_clear_pointer (&self->duplicates[i], pkio_duplicate_free);
    }
  g_free (self->outcomes);
  g_free (self->earlier);
  g_free (self->duplicates);
  g_free (self->included);
  g_free (self->journal_key);
  g_free (self->file_name);
  g_clear_object (&self->batch);
  g_clear_object (&self->workspace);
  g_clear_error (&self->key_rejection);
  G_OBJECT_CLASS (pkio_batch_placer_parent_class)->finalize (object);
}

static void
pkio_batch_placer_class_init (PkioBatchPlacerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_batch_placer_finalize;

  signals[SIGNAL_ROW_DONE] = g_signal_new ("row-done", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_ROW_CHECKED] = g_signal_new ("row-checked", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_UINT);
}

void
_pkio_batch_placer_emit_row_checked (PkioBatchPlacer *self,
                                     guint            index)
{
  g_signal_emit (self, signals[SIGNAL_ROW_CHECKED], 0, index);
}

static void
pkio_batch_placer_init (PkioBatchPlacer *self)
{
}

PkioBatchPlacer *
pkio_batch_placer_new (PkioWorkspace *workspace,
                       PkioBatch     *batch,
                       const char    *file_name,
                       gboolean       new_batch)
{
  PkioBatchPlacer *self;

  g_return_val_if_fail (PKIO_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (PKIO_IS_BATCH (batch), NULL);

  self = g_object_new (PKIO_TYPE_BATCH_PLACER, NULL);
  self->workspace = g_object_ref (workspace);
  self->batch = g_object_ref (batch);
  self->file_name = g_strdup (file_name);
  self->new_batch = new_batch;
  self->n_rows = pkio_batch_get_n_rows (batch);
  self->outcomes = g_new0 (PkioBatchRowOutcome, self->n_rows);
  self->earlier = g_new0 (PkioHistoryRecord *, self->n_rows);
  self->duplicates = g_new0 (PkioDuplicate *, self->n_rows);
  self->included = g_new0 (gboolean, self->n_rows);
  return self;
}

const char *
pkio_batch_row_state_to_string (PkioBatchRowState state)
{
  switch (state)
    {
    case PKIO_BATCH_ROW_PLACED:         return "placed";
    case PKIO_BATCH_ROW_ALREADY_PLACED: return "already-placed";
    case PKIO_BATCH_ROW_REJECTED:       return "rejected";
    case PKIO_BATCH_ROW_NOT_PLACED:     return "not-placed";
    case PKIO_BATCH_ROW_UNKNOWN:        return "unknown";
    case PKIO_BATCH_ROW_LEFT_OUT:       return "left-out";
    case PKIO_BATCH_ROW_WAITING:
    default:                            return "waiting";
    }
}

const char *
pkio_batch_row_state_label (PkioBatchRowState state)
{
  switch (state)
    {
    case PKIO_BATCH_ROW_PLACED:         return _("placed");
    case PKIO_BATCH_ROW_ALREADY_PLACED: return _("already placed");
    case PKIO_BATCH_ROW_REJECTED:       return _("rejected");
    case PKIO_BATCH_ROW_NOT_PLACED:     return _("not placed");
    case PKIO_BATCH_ROW_UNKNOWN:        return _("outcome unknown");
    case PKIO_BATCH_ROW_LEFT_OUT:       return _("left out");
    case PKIO_BATCH_ROW_WAITING:
    default:                            return _("not sent");
    }
}

const PkioBatchRowOutcome *
pkio_batch_placer_get_outcome (PkioBatchPlacer *self,
                               guint            index)
{
  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);
  return &self->outcomes[index];
}

guint
pkio_batch_placer_count_placed (PkioBatchPlacer *self)
{
  guint n = 0;

  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), 0);
  for (guint i = 0; i < self->n_rows; i++)
    if (self->outcomes[i].state == PKIO_BATCH_ROW_PLACED
        || self->outcomes[i].state == PKIO_BATCH_ROW_ALREADY_PLACED)
      n++;
  return n;
}

const GError *
pkio_batch_placer_get_key_rejection (PkioBatchPlacer *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), NULL);
  return self->key_rejection;
}

guint
pkio_batch_placer_count_left_out (PkioBatchPlacer *self)
{
  guint n = 0;

  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), 0);
  for (guint i = 0; i < self->n_rows; i++)
    if (self->outcomes[i].state == PKIO_BATCH_ROW_LEFT_OUT)
      n++;
  return n;
}

static int
badness (PkioBatchRowState state)
{
  switch (state)
    {
    case PKIO_BATCH_ROW_UNKNOWN:    return 5;
    case PKIO_BATCH_ROW_REJECTED:   return 4;
    case PKIO_BATCH_ROW_NOT_PLACED: return 3;
    case PKIO_BATCH_ROW_WAITING:    return 2;
    case PKIO_BATCH_ROW_LEFT_OUT:   return 1;
    case PKIO_BATCH_ROW_PLACED:
    case PKIO_BATCH_ROW_ALREADY_PLACED:
    default:                        return 0;
    }
}

PkioBatchRowState
pkio_batch_placer_get_worst (PkioBatchPlacer *self)
{
  PkioBatchRowState worst = PKIO_BATCH_ROW_PLACED;

  g_return_val_if_fail (PKIO_IS_BATCH_PLACER (self), PKIO_BATCH_ROW_WAITING);
  for (guint i = 0; i < self->n_rows; i++)
    if (badness (self->outcomes[i].state) > badness (worst))
      worst = self->outcomes[i].state;
  return worst;
}

static void
finish_row (PkioBatchPlacer   *self,
            guint              index,
            PkioBatchRowState  state,
            gint64             order_id,
            char              *message_owned)
{
  PkioBatchRowOutcome *outcome = &self->outcomes[index];

  outcome->state = state;
  outcome->order_id = order_id;
  g_free (outcome->message);
  outcome->message = message_owned;
  g_signal_emit (self, signals[SIGNAL_ROW_DONE], 0, index);
}

static char *
already_placed_message (gint64 order_id)
{
  /* The number is formatted first: a G_GINT64_FORMAT inside _() breaks the catalogue. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

  /* TRANSLATORS: %s is an order number */
  return g_strdup_printf (_("already placed as order %s"), number);
}

/* ---- placing ---- */

static void place_next (GTask *task_owned);
static void resolve_next (GTask *task_owned);

static char *
rejected_message (const GError *error)
{
  GPtrArray *entries = pkio_api_error_get_entries (error);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (entry->field != NULL && *entry->field != '\0')
        g_string_append_printf (text, "%s: ", entry->field);
      g_string_append (text, entry->message != NULL ? entry->message : entry->code);
    }
  if (text->len == 0)
    g_string_append (text, error != NULL ? error->message : _("CertCentral refused the order."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
sent_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint64 order_id = pkio_workspace_check_outcome_finish (self->workspace, result, &error);
  guint index = self->next - 1;

  if (order_id > 0)
    finish_row (self, index, PKIO_BATCH_ROW_PLACED, order_id, NULL);
  else
    finish_row (self, index, PKIO_BATCH_ROW_UNKNOWN, 0,
                g_strdup (_("Sent, but CertCentral gave no usable answer and does not show the "
                            "order yet. It was not sent again.")));
  place_next (g_steal_pointer (&task));
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  g_autoptr(PkioSendResult) sent = pkio_order_sender_send_finish (result);
  guint index = self->next - 1;

  switch (sent->state)
    {
    case PKIO_SEND_STATE_PLACED:
      finish_row (self, index, PKIO_BATCH_ROW_PLACED, sent->order_id, NULL);
      break;

    case PKIO_SEND_STATE_UNKNOWN:
      /* As for a single order: ask CertCentral at once whether it arrived
       * (pkio_workspace_check_outcome_async ()); never send it again. */
      pkio_workspace_check_outcome_async (self->workspace, sent->record, NULL, sent_checked_cb,
                                          g_steal_pointer (&task));
      return;

    case PKIO_SEND_STATE_REJECTED:
      if (g_error_matches (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_INVALID_INPUT)
          || g_error_matches (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_FORBIDDEN))
        finish_row (self, index, PKIO_BATCH_ROW_REJECTED, 0, rejected_message (sent->error));
      else if (pkio_api_error_get_meaning (sent->error) == PKIO_ERROR_MEANING_FIX_KEY)
        {
          /* The order was fine; the key was not. Every row after it would be refused the same
           * way (issue 21): none is sent. */
          finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0,
                      g_strdup (_("Not placed: CertCentral did not accept the API key.")));
          if (self->key_rejection == NULL)
            self->key_rejection = g_error_copy (sent->error);
        }
      else
        /* It never left, or CertCentral refused it unread (still rate-limited after the
         * client's waits, no connection, the key refused): it may be sent again. */
        finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0,
                    g_strdup (sent->error != NULL ? sent->error->message : ""));
      break;

    case PKIO_SEND_STATE_NOT_RECORDED:
      {
        g_autofree char *message =
          /* TRANSLATORS: %s says why, e.g. the disk is full */
          g_strdup_printf (_("Not sent: this computer could not record it first: %s"),
                           sent->error != NULL ? sent->error->message : "");

        finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0, g_steal_pointer (&message));
        /* Nothing more can be recorded: the rows after it are not sent either. */
        self->journal_failed = TRUE;
      }
      break;

    case PKIO_SEND_STATE_INVALID:
    default:
      finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0,
                  g_strdup (sent->error != NULL ? sent->error->message : ""));
      break;
    }
  place_next (g_steal_pointer (&task));
}

static void
place_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  while (self->next < self->n_rows)
    {
      guint index = self->next++;
      const PkioBatchRow *row = pkio_batch_get_row (self->batch, index);
      PkioHistoryRecord *earlier = self->earlier[index];
      PkioHistoryBatchTag tag = { self->journal_key, row->key, self->file_name };
      g_autoptr(PkioOrder) order = NULL;

      if (self->outcomes[index].state != PKIO_BATCH_ROW_WAITING)
        continue;   /* settled by an earlier run (resolve_next) */
      if (earlier != NULL && _pkio_batch_placer_record_rank (earlier) == 2)
        {
          /* Still being sent by another running process: never a second time. */
          finish_row (self, index, PKIO_BATCH_ROW_UNKNOWN, 0,
                      g_strdup (_("An earlier run of this batch is sending this order now, or "
                                  "its outcome is still unknown: it was not sent again.")));
          continue;
        }
      if (_pkio_batch_placer_leaves_out (self, index))
        {
          /* The holder already has one, and nobody said a second is wanted (issue 20). */
          finish_row (self, index, PKIO_BATCH_ROW_LEFT_OUT, 0,
                      pkio_duplicate_dup_text (self->duplicates[index]));
          continue;
        }
      if (self->key_rejection != NULL)
        {
          finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0,
                      g_strdup (_("Not sent: CertCentral did not accept the API key.")));
          continue;
        }
      if (self->journal_failed)
        {
          finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0,
                      g_strdup (_("Not sent: this computer could not record an order before "
                                  "it.")));
          continue;
        }
      if (g_cancellable_is_cancelled (cancellable))
        {
          finish_row (self, index, PKIO_BATCH_ROW_NOT_PLACED, 0,
                      g_strdup (_("Not sent: the batch was stopped before this order.")));
          continue;
        }

      order = pkio_order_copy (row->order);
      pkio_order_sender_send_in_batch_async (self, pkio_workspace_get_store (self->workspace),
                                             pkio_workspace_get_client (self->workspace),
                                             order, &tag, NULL, sent_cb,
                                             g_steal_pointer (&task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint64 order_id = pkio_workspace_check_outcome_finish (self->workspace, result, &error);
  guint index = self->next - 1;

  if (order_id > 0)
    finish_row (self, index, PKIO_BATCH_ROW_ALREADY_PLACED, order_id,
                already_placed_message (order_id));
  else
    finish_row (self, index, PKIO_BATCH_ROW_UNKNOWN, 0,
                g_strdup (error != NULL && !g_error_matches (error, G_IO_ERROR,
                                                             G_IO_ERROR_CANCELLED)
                          ? error->message
                          : _("An earlier run of this batch sent this order without a usable "
                              "answer, and CertCentral does not show it yet: it was not sent "
                              "again.")));
  resolve_next (g_steal_pointer (&task));
}

/* First what earlier runs left: placed rows are reported, unknown ones checked with
 * CertCentral (pkio_workspace_check_outcome_async ()), before anything is sent. */
static void
resolve_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  PkioBatchPlacer *self = g_task_get_source_object (task);

  while (self->next < self->n_rows)
    {
      guint index = self->next++;
      PkioHistoryRecord *earlier = self->earlier[index];

      if (earlier == NULL)
        continue;
      if (_pkio_batch_placer_record_rank (earlier) == 3)
        {
          gint64 order_id = pkio_history_record_get_order_id (earlier);

          finish_row (self, index, PKIO_BATCH_ROW_ALREADY_PLACED, order_id,
                      already_placed_message (order_id));
          continue;
        }
      if (pkio_history_record_get_state (earlier) == PKIO_RECORD_STATE_UNKNOWN
          && pkio_workspace_get_client (self->workspace) != NULL)
        {
          pkio_workspace_check_outcome_async (self->workspace, earlier, NULL, resolved_cb,
                                              g_steal_pointer (&task));
          return;
        }
    }
  self->next = 0;
  place_next (g_steal_pointer (&task));
}

static void
run_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioBatchPlacer *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pkio_batch_placer_check_finish (self, result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Cancelled during the check: nothing was sent, and place_next () says so for each row. */
  g_clear_error (&error);
  self->next = 0;
  resolve_next (g_steal_pointer (&task));
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
      g_task_return_error (task, error);
      return;
    }
  /* Every row is checked before anything is sent, unless a check was made (and shown) a few
   * minutes ago or the person allowed existing orders. An older check is made again: a window
   * left open for an hour would otherwise place against what CertCentral said an hour ago. */
  if (!_pkio_batch_placer_check_is_fresh (self) && !self->allow_existing)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      pkio_batch_placer_check_async (self, cancellable, run_checked_cb, g_steal_pointer (&task));
      return;
    }
  self->next = 0;
  resolve_next (g_steal_pointer (&task));
}

void
pkio_batch_placer_run_async (PkioBatchPlacer     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_BATCH_PLACER (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  /* The cancellable is checked between two rows only: never handed to a send. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_source_tag (task, pkio_batch_placer_run_async);

  if (pkio_batch_count_problems (self->batch) > 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("The batch file has problems: nothing was sent. Correct them, "
                                 "then try again."));
      return;
    }
  _pkio_batch_placer_read_history_async (self, history_read_cb, g_steal_pointer (&task));
}

gboolean
pkio_batch_placer_run_finish (PkioBatchPlacer *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
