/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-file.h"

typedef struct
{
  GFile     *file;
  GPtrArray *custom_fields;  /* the account's own order fields, or NULL; never changed */
} ReadRequest;

static void
read_request_free (ReadRequest *request)
{
  g_object_unref (request->file);
  g_clear_pointer (&request->custom_fields, g_ptr_array_unref);
  g_free (request);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadRequest *request = task_data;
  GFile *file = request->file;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;
  PkioBatch *batch;

  /* Refused by its size before it is read: a 5 GB file is never loaded. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info == NULL
      || !pkio_batch_check_size ((guint64) g_file_info_get_size (info), &error)
      || (bytes = g_file_load_bytes (file, cancellable, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The account's own order fields are columns named by their labels, as on the command
   * line. */
  batch = pkio_batch_read_for_fields (bytes, request->custom_fields, now, &error);
  if (batch == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batch, g_object_unref);
}

void
pkio_batch_file_read_async (GFile               *file,
                            GPtrArray           *custom_fields,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadRequest *request;

  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (ReadRequest, 1);
  request->file = g_object_ref (file);
  request->custom_fields = custom_fields != NULL ? g_ptr_array_ref (custom_fields) : NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_batch_file_read_async);
  g_task_set_task_data (task, request, (GDestroyNotify) read_request_free);
  g_task_run_in_thread (task, read_in_thread);
}

PkioBatch *
pkio_batch_file_read_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GtkFileChooserNative *
pkio_batch_file_chooser_new (GtkWindow  *parent,
                             const char *save_name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (save_name != NULL)
    chooser = gtk_file_chooser_native_new (_("Save As"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                           _("_Save"), _("_Cancel"));
  else
    chooser = gtk_file_chooser_native_new (_("Open a Spreadsheet"), parent,
                                           GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                           _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets saved as CSV"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), save_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pkio_batch_file_write_async (GFile               *file,
                             GString             *text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (text != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_batch_file_write_async);
  bytes = g_bytes_new (text->str, text->len);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       written_cb, g_steal_pointer (&task));
}

gboolean
pkio_batch_file_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
