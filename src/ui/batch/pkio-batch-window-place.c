/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-window-private.h"
#include "pkio-window.h"

/* Placing a reviewed batch with the core's PkioBatchPlacer, what became of each row, and
 * closing the window while it places. */

/* ---- placing ---- */

static void
show_outcome (PkioBatchWindow *self,
              guint            index)
{
  const PkioBatchRowOutcome *outcome = pkio_batch_placer_get_outcome (self->placer, index);
  g_autoptr(PkioBatchRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->people), index);
  g_autofree char *summary = _pkio_batch_window_row_summary (pkio_batch_get_row (self->batch, index));
  g_autofree char *detail = NULL;
  gboolean good = outcome->state == PKIO_BATCH_ROW_PLACED
                  || outcome->state == PKIO_BATCH_ROW_ALREADY_PLACED;

  if (outcome->state == PKIO_BATCH_ROW_PLACED)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->order_id);

      /* TRANSLATORS: what became of a row of a batch: %s is the order number */
      detail = g_strdup_printf (_("Placed as order %s"), number);
    }
  else if (outcome->state == PKIO_BATCH_ROW_UNKNOWN)
    /* The core says what happened; what to do next is the window's to say (the command line
     * says it in its own words). */
    detail = g_strdup_printf ("%s %s", outcome->message != NULL ? outcome->message : "",
                              _("History shows the order once CertCentral does. Opening the "
                                "file again asks CertCentral first and never sends it twice."));
  else
    detail = g_strdup (outcome->message != NULL ? outcome->message : "");
  /* Left out is what the person chose: a warning, not a failure. */
  pkio_batch_row_item_set_state (item, pkio_batch_row_state_label (outcome->state),
                                 good ? "success"
                                 : outcome->state == PKIO_BATCH_ROW_LEFT_OUT ? "warning"
                                 : "error");
  {
    g_autofree char *subtitle = g_strdup_printf ("%s\n%s", summary, detail);

    pkio_batch_row_item_set_subtitle (item, subtitle);
  }
}

static void
update_progress (PkioBatchWindow *self)
{
  guint n_rows = pkio_batch_get_n_rows (self->batch);
  guint placed = pkio_batch_placer_count_placed (self->placer);
  g_autofree char *text = NULL;

  /* TRANSLATORS: progress of a batch, as in "12 of 30 placed" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u placed", "%u of %u placed",
                                       n_rows), placed, n_rows);
  gtk_label_set_text (self->orders_title, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_rows > 0 ? (double) placed / n_rows : 1);
}

static void
row_done_cb (PkioBatchWindow *self,
             guint            index)
{
  show_outcome (self, index);
  update_progress (self);
  _pkio_batch_window_announce_progress (self);
}

/* The outcome as it is: how many were placed, and what to do about the others. */
static char *
outcome_note (PkioBatchWindow *self)
{
  guint n_rows = pkio_batch_get_n_rows (self->batch);
  guint rejected = 0, not_placed = 0, unknown = 0, left_out = 0;
  GString *note = g_string_new (NULL);

  for (guint r = 0; r < n_rows; r++)
    switch (pkio_batch_placer_get_outcome (self->placer, r)->state)
      {
      case PKIO_BATCH_ROW_REJECTED:   rejected++; break;
      case PKIO_BATCH_ROW_UNKNOWN:    unknown++; break;
      case PKIO_BATCH_ROW_LEFT_OUT:   left_out++; break;
      case PKIO_BATCH_ROW_NOT_PLACED:
      case PKIO_BATCH_ROW_WAITING:    not_placed++; break;
      case PKIO_BATCH_ROW_PLACED:
      case PKIO_BATCH_ROW_ALREADY_PLACED:
      default:                        break;
      }
  if (rejected == 0 && not_placed == 0 && unknown == 0)
    g_string_append (note, _("Every order is in History, marked with the file’s name. "));
  if (left_out > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               "%u order was left out: its holder already has "
                                               "one. ",
                                               "%u orders were left out: their holders already "
                                               "have one. ", left_out), left_out);
  if (rejected > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               "%u order was refused by CertCentral: its row "
                                               "says why. ",
                                               "%u orders were refused by CertCentral: their "
                                               "rows say why. ", rejected), rejected);
  if (not_placed > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               "%u order was not sent. Open the file again to "
                                               "place it: orders already placed are not placed "
                                               "twice. ",
                                               "%u orders were not sent. Open the file again "
                                               "to place them: orders already placed are not "
                                               "placed twice. ", not_placed), not_placed);
  if (unknown > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               "%u order was sent without a usable answer: it "
                                               "is not sent again, and History shows it once "
                                               "CertCentral does.",
                                               "%u orders were sent without a usable answer: "
                                               "they are not sent again, and History shows "
                                               "them once CertCentral does.", unknown), unknown);
  return g_strstrip (g_string_free (note, FALSE));
}

static void
placed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioBatchWindow) self = user_data;  /* kept alive while it places */
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  guint n_rows = pkio_batch_get_n_rows (self->batch);
  guint placed;

  pkio_batch_placer_run_finish (PKIO_BATCH_PLACER (source), result, &error);
  self->placing = FALSE;
  self->done = TRUE;
  placed = pkio_batch_placer_count_placed (self->placer);
  if (error != NULL)
    note = g_strdup (error->message);
  else
    note = outcome_note (self);
  gtk_label_set_text (self->orders_note, note);
  if (placed == n_rows)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The order is placed",
                                                             "All %u orders are placed", n_rows),
                                                n_rows);

      gtk_label_set_text (self->orders_title, title);
    }
  else
    update_progress (self);
  _pkio_batch_window_update_actions (self);
  /* The summary's list is called by the title and the note: how it ended is read there. */
  _pkio_batch_window_focus_page (self);

  if (self->close_when_done)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      g_autofree char *name = _pkio_batch_window_dup_file_name (self);
      g_autofree char *text = NULL;

      /* The person closed the window: the main window says how it ended. */
      if (PKIO_IS_WINDOW (parent))
        {
          /* TRANSLATORS: a batch stopped by closing its window, as in "people.csv: 12 of 30
           * placed. Open the file again to place the rest." */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s: %u of %u placed. Open the file again to "
                                               "place the rest.",
                                               "%s: %u of %u placed. Open the file again to "
                                               "place the rest.", n_rows),
                                  name, placed, n_rows);
          pkio_window_add_toast (PKIO_WINDOW (parent),
                                 adw_toast_new (placed == n_rows ? note : text));
        }
      g_application_release (g_application_get_default ());
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

void
_pkio_batch_window_place_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  PkioBatchWindow *self = PKIO_BATCH_WINDOW (widget);
  g_autofree char *name = _pkio_batch_window_dup_file_name (self);

  if (self->batch == NULL || self->placing || self->done || self->checking)
    return;
  if (pkio_workspace_get_client (self->workspace) == NULL)
    {
      _pkio_batch_window_add_toast (self, _("Connect to CertCentral first: nothing was sent."));
      return;
    }
  self->placing = TRUE;
  if (self->placer == NULL)
    self->placer = pkio_batch_placer_new (self->workspace, self->batch, name, FALSE);
  g_signal_connect_object (self->placer, "row-done", G_CALLBACK (row_done_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_label_set_text (self->orders_note,
                      _("The orders are placed one after the other. Stopping waits for the "
                        "order being sent."));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  update_progress (self);
  _pkio_batch_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));
  pkio_batch_placer_run_async (self->placer, self->stop, placed_cb, g_object_ref (self));
}

void
_pkio_batch_window_stop_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  PkioBatchWindow *self = PKIO_BATCH_WINDOW (widget);

  g_cancellable_cancel (self->stop);
  gtk_label_set_text (self->orders_note, _("Stopping after the order being sent now…"));
  _pkio_batch_window_update_actions (self);
}

/* Closing while it places: stop after the order in flight, in the background (the
 * application held until then), so that nothing is sent twice and nothing is lost; the rows
 * not sent are placed when the file is opened again. */
gboolean
_pkio_batch_window_close_request (PkioBatchWindow *self)
{
  if (!self->placing)
    return FALSE;
  if (!self->close_when_done)
    {
      self->close_when_done = TRUE;
      g_application_hold (g_application_get_default ());
      g_cancellable_cancel (self->stop);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
  return TRUE;
}
