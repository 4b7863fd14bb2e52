/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-batch-file.h"
#include "pkio-batch-window-private.h"
#include "pkio-csv-file.h"

/* The files of the batch window: another batch file, the same one again, a template, and
 * the results. */

/* ---- files ---- */

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           PkioBatchWindow *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && !self->placing)
    {
      if (self->done)
        {
          /* A placed batch stays as it is: the next file gets a window of its own. */
          PkioBatchWindow *next =
            pkio_batch_window_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                   self->workspace);

          pkio_batch_window_open_file (next, file);
          gtk_window_present (GTK_WINDOW (next));
        }
      else
        pkio_batch_window_open_file (self, file);
    }
  g_object_unref (chooser);
}

void
_pkio_batch_window_choose_file_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GtkFileChooserNative *chooser = pkio_batch_file_chooser_new (GTK_WINDOW (widget), NULL);

  g_signal_connect_object (chooser, "response", G_CALLBACK (chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_pkio_batch_window_reload_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PkioBatchWindow *self = PKIO_BATCH_WINDOW (widget);
  g_autoptr(GFile) file = self->file != NULL ? g_object_ref (self->file) : NULL;

  if (file != NULL)
    pkio_batch_window_open_file (self, file);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PkioBatchWindow *self;
  g_autoptr(GError) error = NULL;

  if (pkio_csv_file_write_finish (result, &error))
    {
      self = PKIO_BATCH_WINDOW (user_data);
      _pkio_batch_window_add_toast (self, _("Saved"));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = NULL;

      self = PKIO_BATCH_WINDOW (user_data);
      /* TRANSLATORS: %s says why, e.g. "Permission denied" */
      text = g_strdup_printf (_("The file could not be saved: %s"), error->message);
      _pkio_batch_window_add_toast (self, text);
    }
}

static void
save_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                PkioBatchWindow *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      if (g_object_get_data (G_OBJECT (chooser), "results") != NULL && self->done)
        {
          guint n_rows = pkio_batch_get_n_rows (self->batch);
          g_autofree PkioBatchResult *results = g_new0 (PkioBatchResult, MAX (n_rows, 1));

          for (guint r = 0; r < n_rows; r++)
            {
              const PkioBatchRowOutcome *outcome = pkio_batch_placer_get_outcome (self->placer,
                                                                                  r);

              results[r].order_id = outcome->order_id;
              results[r].status = pkio_batch_row_state_label (outcome->state);
              results[r].message = outcome->message;
            }
          pkio_batch_write_results (self->batch, results, text);
        }
      else
        /* With the account's own order fields as New order knows them: a column each. */
        pkio_batch_write_template (text, pkio_batch_language_current (),
                                   self->workspace != NULL
                                   ? pkio_workspace_get_custom_fields (self->workspace) : NULL);
      bytes = g_bytes_new (text->str, text->len);
      pkio_csv_file_write_async (file, bytes, self->cancellable, saved_cb, self);
    }
  g_object_unref (chooser);
}

void
_pkio_batch_window_save_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  PkioBatchWindow *self = PKIO_BATCH_WINDOW (widget);
  gboolean results = g_str_equal (action_name, "batch.save-results");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (results)
    {
      g_autofree char *base = _pkio_batch_window_dup_file_name (self);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      /* TRANSLATORS: the name suggested for a batch's results file, %s being the batch
       * file's name without ".csv"; keep it a valid file name */
      name = g_strdup_printf (_("%s-results.csv"), base);
    }
  else
    /* TRANSLATORS: the name suggested for a template; keep it a valid file name */
    name = g_strdup (_("orders-template.csv"));
  chooser = pkio_batch_file_chooser_new (GTK_WINDOW (self), name);
  if (results)
    g_object_set_data (G_OBJECT (chooser), "results", GINT_TO_POINTER (1));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
