/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The CSV files the windows open and save (a batch file, its template and its results, the
 * history's export): the chooser (the portal's when there is one: GtkFileChooserNative) and the
 * writing. What is in them is the core's. */

/* Modal for @parent: opens a file, or saves one when @save_name (the name suggested) is given.
 * Its one filter, @filter_name, takes text/csv and the NULL-terminated @patterns. */
GtkFileChooserNative *pkio_csv_file_chooser_new (GtkWindow          *parent,
                                                 const char         *title,
                                                 const char         *accept_label,
                                                 const char         *filter_name,
                                                 const char * const *patterns,
                                                 const char         *save_name);

/* Writes @bytes to @file in the background, replacing a file that is there as a whole
 * (g_file_replace (): a local one only once all is written). */
void                  pkio_csv_file_write_async  (GFile               *file,
                                                  GBytes              *bytes,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean              pkio_csv_file_write_finish (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
