/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_BATCH_WINDOW (pkio_batch_window_get_type ())
G_DECLARE_FINAL_TYPE (PkioBatchWindow, pkio_batch_window, PKIO, BATCH_WINDOW, AdwWindow)

/* "Order from a spreadsheet…" (issue 22): one batch file, read and checked in full; its
 * problems listed at once (row, column, what to do) with nothing sent, or its orders
 * reviewed and then placed one after the other by the core's PkioBatchPlacer (journal first,
 * one POST per row), with what became of each row. Closing the window while it places stops
 * after the order in flight; the journal knows what was sent, so opening the file again
 * places only the rest. */
PkioBatchWindow *pkio_batch_window_new        (GtkWindow       *parent,
                                               PkioWorkspace   *workspace);
/* Reads @file and shows its problems or its review. */
void             pkio_batch_window_open_file  (PkioBatchWindow *self,
                                               GFile           *file);

/* "start" (a new window: choose a file, or save the template), "reading", "refused",
 * "problems" or "orders" (review, placing or placed). */
const char      *pkio_batch_window_get_page   (PkioBatchWindow *self);
/* TRUE from "Place" until the last row's outcome is known. */
gboolean         pkio_batch_window_get_placing (PkioBatchWindow *self);
/* TRUE once the batch was placed (every row has its outcome). */
gboolean         pkio_batch_window_get_done   (PkioBatchWindow *self);

G_END_DECLS
