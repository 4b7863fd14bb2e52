/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pkio-batch.h"

G_BEGIN_DECLS

/* The files of "Order from a spreadsheet…": reading a batch file off the main thread and the
 * file choosers; a template or a results file is written with pkio_csv_file_write_async ().
 * What is read and written is the core's (pkio-batch.h). */

/* Reads @file and checks every row (pkio_batch_read_for_fields (), with the account's own
 * order fields @custom_fields or NULL) in a thread, so that a big file does not hold up the
 * window. Errors: G_IO_ERROR (the file cannot be read) or PKIO_BATCH_ERROR
 * (it cannot be used as a batch), with a message that says what to do. */
void       pkio_batch_file_read_async    (GFile               *file,
                                          GPtrArray           *custom_fields,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
PkioBatch *pkio_batch_file_read_finish   (GAsyncResult        *result,
                                          GError             **error);

/* A chooser for a spreadsheet saved as CSV (open), or for where to save one (@save_name: the
 * name suggested). Modal for @parent. */
GtkFileChooserNative *pkio_batch_file_chooser_new (GtkWindow  *parent,
                                                   const char *save_name);


G_END_DECLS
