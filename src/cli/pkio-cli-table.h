/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-history-record.h"

G_BEGIN_DECLS

/* The text of one cell of @record's row (newly allocated). */
typedef char *(*PkioCliCellFunc) (PkioHistoryRecord *record,
                                  guint              column,
                                  gpointer           user_data);

/* Prints @records (PkioHistoryRecord) as a plain text table under @titles (N_() strings,
 * translated here): one line a record, each column as wide as its widest cell. */
void  pkio_cli_print_records (GListModel        *records,
                              const char *const *titles,
                              guint              n_columns,
                              PkioCliCellFunc    cell,
                              gpointer           user_data);

/* Who a record is for: "Name <email>", else the name, the email or "Individual N", else "—". */
char *pkio_cli_holder_text   (PkioHistoryRecord *record);

G_END_DECLS
