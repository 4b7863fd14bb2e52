/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-results.h"
#include "pkio-history-row.h"

G_BEGIN_DECLS

#define PKIO_TYPE_HISTORY_ROWS (pkio_history_rows_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryRows, pkio_history_rows, PKIO, HISTORY_ROWS, GObject)

/* The positions of @results as History's column view holds them: a GListModel of
 * PkioHistoryRow, one per position, made when the list asks for that position and kept while
 * it is held. GTK 4.8 keeps rows for about 205 positions and, when the items at a position
 * change, destroys their row (a row widget and a cell for each of the eight columns) and
 * builds a new one: some 120 ms of CPU to build them, 60 ms to destroy them. So when a search
 * or a status filter changes the results, the rows held get their new record in place (the
 * cells show it, PkioHistoryRow's "record") and the list is told only how many positions came
 * or went at the end. A change of the records underneath (a sync, a sort) is passed on as it
 * is: those rows move with their records, as before. */
PkioHistoryRows *pkio_history_rows_new (PkioHistoryResults *results);

G_END_DECLS
