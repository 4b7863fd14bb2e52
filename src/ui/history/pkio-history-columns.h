/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pkio-history-record.h"

G_BEGIN_DECLS

/* The columns of the history list, in the order of pkio-history-view.ui. */
typedef enum
{
  PKIO_HISTORY_COLUMN_DATE,
  PKIO_HISTORY_COLUMN_HOLDER,
  PKIO_HISTORY_COLUMN_STATUS,
  PKIO_HISTORY_COLUMN_VALID_UNTIL,
  PKIO_HISTORY_COLUMN_ORDER,
  PKIO_HISTORY_COLUMN_PROFILE,
  PKIO_HISTORY_COLUMN_SHIPPING,
  PKIO_HISTORY_COLUMN_PLACED,
  PKIO_HISTORY_N_COLUMNS
} PkioHistoryColumn;

/* Gives each column its cells (a factory) and its sorter. @window (today and the warning
 * period) must outlive the columns: the valid-until cells say how far off an end is by it. */
void pkio_history_columns_init              (GtkColumnViewColumn    **columns,
                                             const PkioExpiryWindow  *window);
/* A GtkCompareDataFunc: records whose outcome is unknown first. */
int  pkio_history_columns_compare_attention (gconstpointer a,
                                             gconstpointer b,
                                             gpointer      user_data);

G_END_DECLS
