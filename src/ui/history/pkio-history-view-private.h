/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-banner.h"
#include "pkio-history-columns.h"
#include "pkio-history-details.h"
#include "pkio-history-results.h"
#include "pkio-history-rows.h"
#include "pkio-history-view.h"

/* Columns that give way when the list is narrow (see pkio-history-view.c). */
#define PKIO_HISTORY_N_FIT_COLUMNS 6

G_BEGIN_DECLS

/* Shared by pkio-history-view.c (list, counts, notes), pkio-history-view-search.c (search
 * and status filter) and pkio-history-view-actions.c (refresh, export, back, the timers). */
struct _PkioHistoryView
{
  AdwBin               parent_instance;

  /* Template children */
  GtkRevealer         *key_revealer;
  GtkLabel            *key_label;
  GtkRevealer         *recovered_revealer;
  GtkLabel            *recovered_label;
  PkioBanner          *error_banner;
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
  PkioHistoryResults  *results;          /* what the search and status filter let through */
  PkioHistoryRows     *rows;             /* results as the list's rows (see there) */
  GtkSingleSelection  *selection;        /* of rows (none until there is a workspace) */
  GListStore          *no_results;       /* what is shown before there is a workspace */
  GtkSorter           *full_sorter;      /* unknown records first, then the column sort */
  GtkFileChooserNative *chooser;
  char                *query;            /* the search, kept until there are results */
  PkioStatusFilter     status_filter;
  PkioExpiryWindow     expiry_window;    /* today and the warning period, for the filter */
  guint                total;
  guint                in_progress;
  guint                ending_soon;
  guint                counts_idle;
  guint                reselect_idle;     /* a shown record that moves in the list */
  guint                fit_idle;
  guint                n_fit_hidden;
  double               fit_needed[PKIO_HISTORY_N_FIT_COLUMNS];
  guint                auto_refresh_timer;
  guint                clock_timer;
  PkioWorkspaceState   shown_state;      /* of the workspace, as last shown */
  char                *error_action;     /* what the error bar's button does, or NULL */
  gboolean             announce_sync;    /* the person asked for this sync: say when it ends */
  gboolean             sync_answered;    /* a sync of this account ended since it was shown */
};

/* pkio-history-view-search.c: the status filter bound to @self->settings; the text searched
 * again; both handed to new results. The search entry and the drop-down call these from
 * pkio-history-view.ui. */
void               _pkio_history_view_bind_status_filter      (PkioHistoryView *self);
void               _pkio_history_view_search_apply            (PkioHistoryView *self);
void               _pkio_history_view_search_init             (PkioHistoryView *self);
void               _pkio_history_view_search_changed          (PkioHistoryView *self);
/* The status filter's choice changed. */
void               _pkio_history_view_status_filter_changed   (PkioHistoryView *self);
GtkShortcutAction *_pkio_history_view_focus_search_action_new (void);
/* Today and the warning period as they are now; the list filtered and counted again when they
 * changed. */
void               _pkio_history_view_update_expiry_window    (PkioHistoryView *self);
/* The status filter's item for @filter. */
void               _pkio_history_view_set_status_filter       (PkioHistoryView  *self,
                                                               PkioStatusFilter  filter);

/* pkio-history-view.c: counts the store again soon (once per burst of changes). */
void _pkio_history_view_count_later         (PkioHistoryView      *self);
/* The record of the selected row, or NULL. */
PkioHistoryRecord *_pkio_history_view_get_selected_record (PkioHistoryView *self);
/* After a new search or filter, which changed the record of the rows in place: the record that
 * was selected (@was, or NULL) selected again where it is now, or nothing selected. */
void _pkio_history_view_reselect             (PkioHistoryView      *self,
                                              PkioHistoryRecord    *was);

void _pkio_history_view_class_actions_init  (PkioHistoryViewClass *klass);
/* Starts the auto-refresh and clock timers; "history.refresh" waits for a client. */
void _pkio_history_view_actions_init        (PkioHistoryView      *self);
void _pkio_history_view_update_updated_label (PkioHistoryView      *self);
/* Refresh enabled or not, "Updating…" or the time of the last update. */
void _pkio_history_view_update_sync_ui      (PkioHistoryView      *self);
/* The error bar above the list with @text, its button activating @action_name (NULL: no
 * button); @text NULL hides it. */
void _pkio_history_view_show_error          (PkioHistoryView      *self,
                                             const char           *text,
                                             const char           *action_name);
/* The timer that syncs every few minutes (more often in practice mode). */
void _pkio_history_view_start_auto_refresh  (PkioHistoryView      *self);
/* pkio_workspace_load_async () for this view (again, after a failure). */
void _pkio_history_view_load                (PkioHistoryView      *self);

G_END_DECLS
