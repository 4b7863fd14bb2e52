/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-window-private.h"

/* The review's duplicate check (issue 20), row by row through the core's
 * pkio_batch_placer_check_async (): a row whose holder already has a certificate of its kind
 * says which order, and is left out unless the person ticks "Order a second one". Nothing can
 * be placed until every row is checked, nor when a row could not be checked. */

static void
included_cb (PkioBatchRowItem *item,
             GParamSpec       *pspec,
             PkioBatchWindow  *self)
{
  if (self->placer == NULL || self->placing || self->done)
    return;
  pkio_batch_placer_set_included (self->placer, pkio_batch_row_item_get_index (item),
                                  pkio_batch_row_item_get_included (item));
  _pkio_batch_window_update_place_label (self);
}

static void
row_checked_cb (PkioBatchWindow *self,
                guint            index)
{
  const PkioDuplicate *duplicate = pkio_batch_placer_get_duplicate (self->placer, index);
  g_autoptr(PkioBatchRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->people), index);
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;

  if (duplicate == NULL || duplicate->outcome == PKIO_DUPLICATE_NONE || item == NULL)
    return;
  summary = _pkio_batch_window_row_summary (pkio_batch_get_row (self->batch, index));
  text = pkio_duplicate_dup_text (duplicate);
  subtitle = g_strdup_printf ("%s\n%s", summary, text);
  pkio_batch_row_item_set_subtitle (item, subtitle);
  /* A check made again when placing (the first was more than a few minutes old) finds the
   * same order again: the row offers the choice once. */
  if (duplicate->outcome != PKIO_DUPLICATE_FOUND || pkio_batch_row_item_get_choice (item))
    return;

  /* Left out unless ticked ("Order a second one", pkio-batch-list.c): a second certificate
   * for one person is a choice, never a slip. Found by the check made again while placing:
   * too late to choose for this run. */
  pkio_batch_row_item_set_choice_sensitive (item, !self->placing);
  pkio_batch_row_item_set_choice (item, TRUE);
  g_signal_connect_object (item, "notify::included", G_CALLBACK (included_cb), self, 0);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PkioBatchWindow *self;
  g_autoptr(GError) error = NULL;
  guint found;
  guint unchecked;

  if (!pkio_batch_placer_check_finish (PKIO_BATCH_PLACER (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PKIO_BATCH_WINDOW (user_data);
  self->checking = FALSE;
  self->check_failed = error != NULL;
  found = pkio_batch_placer_count_duplicates (self->placer, PKIO_DUPLICATE_FOUND);
  unchecked = _pkio_batch_window_count_unchecked (self);
  if (error != NULL)
    gtk_label_set_text (self->orders_note, error->message);
  else if (unchecked > 0)
    {
      /* As on the command line: nothing is sent without the check. */
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "CertCentral could not be asked whether %u person already "
                                      "has a certificate of this kind (the row says why): "
                                      "nothing can be placed now. Open the file again to check "
                                      "again.",
                                      "CertCentral could not be asked whether %u people already "
                                      "have a certificate of this kind (their rows say why): "
                                      "nothing can be placed now. Open the file again to check "
                                      "again.", unchecked), unchecked);

      gtk_label_set_text (self->orders_note, note);
    }
  else if (found > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u person already has a certificate of this kind: that "
                                      "row is left out unless you tick “Order a second one”. "
                                      "Each order costs money.",
                                      "%u people already have a certificate of this kind: "
                                      "their rows are left out unless you tick “Order a second "
                                      "one”. Each order costs money.", found), found);

      gtk_label_set_text (self->orders_note, note);
    }
  else
    gtk_label_set_text (self->orders_note,
                        _("Every row was checked. Each order costs money; nothing is sent "
                          "until you press Place. The orders are placed one after the other."));
  _pkio_batch_window_update_place_label (self);
  _pkio_batch_window_update_actions (self);
}

/* Rows CertCentral could not be asked about. A known individual whose email this computer
 * does not know (G_IO_ERROR_NOT_FOUND) cannot be asked about at all: that row says so and is
 * placed, as on the command line. */
guint
_pkio_batch_window_count_unchecked (PkioBatchWindow *self)
{
  guint n = 0;

  for (guint r = 0; self->placer != NULL && r < pkio_batch_get_n_rows (self->batch); r++)
    {
      const PkioDuplicate *duplicate = pkio_batch_placer_get_duplicate (self->placer, r);

      if (duplicate != NULL && duplicate->outcome == PKIO_DUPLICATE_UNCHECKED
          && !g_error_matches (duplicate->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        n++;
    }
  return n;
}

void
_pkio_batch_window_start_check (PkioBatchWindow *self)
{
  self->checking = TRUE;
  g_signal_connect_object (self->placer, "row-checked", G_CALLBACK (row_checked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_label_set_text (self->orders_note,
                      _("Checking with CertCentral whether these people already have a "
                        "certificate of this kind…"));
  pkio_batch_placer_check_async (self->placer, self->cancellable, checked_cb, self);
}

/* "_Place 28 Orders": the rows that will be sent, those left out not counted. */
void
_pkio_batch_window_update_place_label (PkioBatchWindow *self)
{
  guint n = pkio_batch_get_n_rows (self->batch);
  g_autofree char *label = NULL;

  for (guint r = 0; self->placer != NULL && r < pkio_batch_get_n_rows (self->batch); r++)
    {
      const PkioDuplicate *duplicate = pkio_batch_placer_get_duplicate (self->placer, r);

      if (duplicate != NULL && duplicate->outcome == PKIO_DUPLICATE_FOUND
          && !pkio_batch_placer_get_included (self->placer, r))
        n--;
    }
  self->n_to_place = n;
  /* TRANSLATORS: the button that places a batch, as in "_Place 30 Orders" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Place %u Order", "_Place %u Orders",
                                        n), n);
  gtk_button_set_label (self->place_button, label);
}
