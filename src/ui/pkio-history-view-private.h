/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-columns.h"
#include "pkio-history-details.h"
#include "pkio-history-view.h"

/* Columns that give way when the list is narrow (see pkio-history-view.c). */
#define PKIO_HISTORY_N_FIT_COLUMNS 5

G_BEGIN_DECLS

/* Shared by pkio-history-view.c (list, search, filter, counts, notes) and
 * pkio-history-view-actions.c (refresh, export, back, and the timers). */
struct _PkioHistoryView
{
  AdwBin               parent_instance;

  /* Template children */
  GtkRevealer         *key_revealer;
  GtkLabel            *key_label;
  GtkRevealer         *recovered_revealer;
  GtkLabel            *recovered_label;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkLabel            *counts_label;
  GtkLabel            *updated_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *columns[PKIO_HISTORY_N_COLUMNS];
  PkioHistoryDetails  *details;
  AdwStatusPage       *empty_page;
  GtkButton           *new_order_button;

  PkioWorkspace       *workspace;
  GSettings           *settings;
  GCancellable        *cancellable;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  GtkSorter           *full_sorter;      /* unknown records first, then the column sort */
  GtkFileChooserNative *chooser;
  char                *query;
  PkioHistoryQuery    *prepared_query;
  PkioStatusFilter     status_filter;
  guint                total;
  guint                in_progress;
  guint                counts_idle;
  guint                reselect_idle;     /* a shown record that moves in the list */
  guint                fit_idle;
  guint                n_fit_hidden;
  double               fit_needed[PKIO_HISTORY_N_FIT_COLUMNS];
  guint                auto_refresh_timer;
  guint                clock_timer;
  gboolean             syncing;
};

void _pkio_history_view_class_actions_init  (PkioHistoryViewClass *klass);
/* Starts the auto-refresh and clock timers; "history.refresh" waits for a client. */
void _pkio_history_view_actions_init        (PkioHistoryView      *self);
void _pkio_history_view_update_updated_label (PkioHistoryView      *self);

G_END_DECLS
