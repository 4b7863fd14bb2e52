/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Exporting the history from the window: a save dialog for a CSV file, and the writing of
 * PkioHistoryRecords with the core CSV writer (pkio_history_write_csv ()). */
GtkFileChooserNative *pkio_history_export_file_chooser_new (GtkWindow *parent);

/* The text is made on this thread (records belong to it); only the writing is async. */
void                  pkio_history_export_file_async       (GListModel          *records,
                                                            GFile               *file,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean              pkio_history_export_file_finish      (GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
