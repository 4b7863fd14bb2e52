/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-file.h"
#include "pkio-csv-file.h"

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
  /* Spreadsheets save "CSV" or "text" files; Windows names them in capitals too. */
  static const char * const patterns[] = { "*.csv", "*.CSV", "*.txt", NULL };

  if (save_name != NULL)
    return pkio_csv_file_chooser_new (parent, _("Save As"), _("_Save"),
                                      _("Spreadsheets saved as CSV"), patterns, save_name);
  return pkio_csv_file_chooser_new (parent, _("Open a Spreadsheet"), _("_Open"),
                                    _("Spreadsheets saved as CSV"), patterns, NULL);
}
