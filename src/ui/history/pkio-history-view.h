/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_HISTORY_VIEW (pkio_history_view_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryView, pkio_history_view, PKIO, HISTORY_VIEW, AdwBin)

/* The "History" page: the orders of a workspace in a sortable list with search, a status filter
 * and counts, details beside the list (or on their own page when narrow), and the sync with
 * CertCentral (at start, on "Refresh" / Ctrl+R, and every 10 minutes when the
 * history-auto-refresh setting is on). Widget actions: "history.refresh", "history.export" (asks
 * for a file, then writes what is shown with pkio_history_export_file_async ()),
 * "history.back". */
/* @settings (may be NULL): where the status filter is remembered, and whether to refresh on
 * its own ("history-auto-refresh"). */
PkioHistoryView *pkio_history_view_new             (GSettings       *settings);
/* Loads the workspace (if that was not done yet); follows its "state" and "syncing", and
 * syncs each time the workspace becomes ready. "history.reload" loads it again after the
 * history could not be opened. */
void             pkio_history_view_set_workspace   (PkioHistoryView *self,
                                                    PkioWorkspace   *workspace);
PkioWorkspace   *pkio_history_view_get_workspace   (PkioHistoryView *self);
/* What the list shows, in its order (after search, status filter and sorting). */
GListModel      *pkio_history_view_get_shown_model (PkioHistoryView *self);
gboolean         pkio_history_view_is_syncing      (PkioHistoryView *self);
/* Shows the certificates that end soon: no search, status filter "Ends soon". */
void             pkio_history_view_show_ending_soon (PkioHistoryView *self);
/* Selects @record and shows its details, clearing a search or filter that hides it. FALSE
 * when the record is not in the list at all. */
gboolean         pkio_history_view_show_record     (PkioHistoryView   *self,
                                                    PkioHistoryRecord *record);
void             pkio_history_view_refresh         (PkioHistoryView *self);
/* The keyboard focus where a person starts in History: the selected order's row (its details,
 * when a narrow window shows them on their own page), else the search field; "New order" on
 * the empty page. FALSE when nothing could take it (the view is not shown). */
gboolean         pkio_history_view_focus_start     (PkioHistoryView *self);

G_END_DECLS
