/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-batch-placer.h"
#include "pkio-batch-row-item.h"
#include "pkio-banner.h"
#include "pkio-batch-window.h"

G_BEGIN_DECLS

/* The insides of PkioBatchWindow, shared by its files: pkio-batch-window.c (reading, the
 * problems, the review, the class), pkio-batch-window-check.c (the duplicate check of each
 * row), pkio-batch-window-place.c (placing and its outcome) and pkio-batch-window-files.c
 * (the file choosers, the template and the results file), pkio-batch-window-speech.c (what
 * a screen reader says). Its lists are list views of PkioBatchRowItems (pkio-batch-list.c). */

struct _PkioBatchWindow
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwWindowTitle      *window_title;
  PkioBanner          *practice_banner;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *pages;
  AdwStatusPage       *refused_page;
  GtkButton           *refused_button;
  GtkLabel            *problems_title;
  GtkListView         *problems_list;
  GtkLabel            *orders_title;
  GtkLabel            *orders_note;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *count_row;
  AdwActionRow        *payment_row;
  AdwActionRow        *shipping_row;
  GtkButton           *place_button;
  GtkButton           *stop_button;
  GtkButton           *results_button;
  GtkListView         *people_list;

  PkioWorkspace       *workspace;
  GFile               *file;
  PkioBatch           *batch;
  PkioBatchPlacer     *placer;
  GListStore          *problems;      /* PkioBatchRowItem, one per problem */
  GListStore          *people;        /* PkioBatchRowItem, one per row of the batch */
  GCancellable        *cancellable;   /* the window's life: reading, the balance, saving */
  GCancellable        *stop;          /* "Stop after this order" */
  char                *balance_text;
  guint                n_to_place;      /* the rows not left out */
  gboolean             checking;        /* the duplicate check is under way */
  gboolean             check_failed;    /* it could not be made (the history unreadable) */
  gboolean             placing;
  gboolean             done;
  gboolean             close_when_done;
  guint                refocus_id;      /* the focus given again, once idle */
};

/* pkio-batch-window.c */
void  _pkio_batch_window_add_toast      (PkioBatchWindow *self,
                                         const char      *text);
char *_pkio_batch_window_dup_file_name  (PkioBatchWindow *self);
void  _pkio_batch_window_update_actions (PkioBatchWindow *self);
char *_pkio_batch_window_row_summary    (const PkioBatchRow *row);

/* pkio-batch-window-place.c */
void     _pkio_batch_window_place_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);
void     _pkio_batch_window_stop_action  (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);
gboolean _pkio_batch_window_close_request (PkioBatchWindow *self);

/* pkio-batch-window-check.c */
void  _pkio_batch_window_start_check        (PkioBatchWindow *self);
void  _pkio_batch_window_update_place_label (PkioBatchWindow *self);
guint _pkio_batch_window_count_unchecked    (PkioBatchWindow *self);

/* pkio-batch-window-files.c */
void  _pkio_batch_window_choose_file_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
void  _pkio_batch_window_reload_action      (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
void  _pkio_batch_window_save_action        (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);

/* pkio-batch-window-speech.c */
void  _pkio_batch_window_init_speech        (PkioBatchWindow *self);
void  _pkio_batch_window_focus_page         (PkioBatchWindow *self);
void  _pkio_batch_window_announce_progress  (PkioBatchWindow *self);

G_END_DECLS
