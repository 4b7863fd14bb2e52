/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-record.h"

G_BEGIN_DECLS

#define PKIO_TYPE_HISTORY_ROW (pkio_history_row_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryRow, pkio_history_row, PKIO, HISTORY_ROW, GObject)

/* One position of History's list, as the column view holds it (PkioHistoryRows makes it): the
 * record shown there, which a search changes in place (property "record", notified), so that
 * GTK keeps the row's widgets and the cells only show another record. */
PkioHistoryRow    *pkio_history_row_new        (PkioHistoryRecord *record);
PkioHistoryRecord *pkio_history_row_get_record (PkioHistoryRow    *self);
/* Notifies "record" when it is another record. */
void               pkio_history_row_set_record (PkioHistoryRow    *self,
                                                PkioHistoryRecord *record);

G_END_DECLS
