/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-history-record.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

#define PKIO_TYPE_HISTORY_RESULTS (pkio_history_results_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryResults, pkio_history_results, PKIO, HISTORY_RESULTS, GObject)

/* The records of @model that match a search and a status filter, in @model's order: a
 * GListModel of PkioHistoryRecord (main thread). @model is @store itself or a model of the
 * store's records in another order (a GtkSortListModel of it, say).
 *
 * A search asks the store's index (no record is looked at one by one), and the change is
 * announced in one items-changed, from the first row that differs to the last, so that a list
 * keeps the rows before and after it, and finds again by their item the rows it still shows
 * (one change, not one per run of rows: GTK 4.8 binds every row after each change again). When
 * @model changes, only the rows it changed are looked at. Property "n-items". */
PkioHistoryResults *pkio_history_results_new               (PkioHistoryStore   *store,
                                                            GListModel         *model);
/* Records whose name, email, order or certificate number holds @text, case-folded and without
 * accents ("muller" finds "Müller"); NULL or blank: every record. */
void                pkio_history_results_set_search        (PkioHistoryResults *self,
                                                            const char         *text);
void                pkio_history_results_set_status_filter (PkioHistoryResults *self,
                                                            PkioStatusFilter    filter);
/* Today and the warning period, for "Ends soon" and "Ended" (by default: today as the results
 * were made, PKIO_EXPIRY_WARNING_DAYS_DEFAULT). */
void                pkio_history_results_set_expiry_window (PkioHistoryResults     *self,
                                                            const PkioExpiryWindow *window);
PkioStatusFilter    pkio_history_results_get_status_filter (PkioHistoryResults *self);
/* TRUE while the results announce a new search, status filter or expiry window (their
 * items-changed then says from where the rows differ, not which records moved: a list may show
 * the new records in the rows it holds, PkioHistoryRows); FALSE while they pass on a change of
 * the model underneath. */
gboolean            pkio_history_results_is_refiltering    (PkioHistoryResults *self);
/* Where @record is in the list; FALSE when it is not shown. */
gboolean            pkio_history_results_find              (PkioHistoryResults *self,
                                                            PkioHistoryRecord  *record,
                                                            guint              *out_position);

G_END_DECLS
