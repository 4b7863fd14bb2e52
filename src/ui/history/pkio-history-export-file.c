/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-export.h"
#include "pkio-history-export-file.h"
#include "pkio-csv-file.h"

GtkFileChooserNative *
pkio_history_export_file_chooser_new (GtkWindow *parent)
{
  static const char * const patterns[] = { "*.csv", NULL };

  /* Translators: the suggested file name of an export; keep it a valid file name */
  return pkio_csv_file_chooser_new (parent, _("Export orders"), _("_Export"), _("CSV files"),
                                    patterns, _("orders.csv"));
}

void
pkio_history_export_file_async (GListModel          *records,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GString *csv = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (records));
  g_return_if_fail (G_IS_FILE (file));

  pkio_history_write_csv (records, csv);
  bytes = g_string_free_to_bytes (csv);
  pkio_csv_file_write_async (file, bytes, cancellable, callback, user_data);
}

gboolean
pkio_history_export_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return pkio_csv_file_write_finish (result, error);
}
