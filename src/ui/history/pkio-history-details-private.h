/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-candidates-group.h"
#include "pkio-history-details.h"

G_BEGIN_DECLS

/* Shared by pkio-history-details.c (what is shown) and pkio-history-details-actions.c (what
 * can be done with the record). */
struct _PkioHistoryDetails
{
  AdwBin              parent_instance;

  /* Template children */
  GtkStack           *stack;
  GtkButton          *back_button;
  GtkButton          *again_button;
  GtkButton          *renew_button;
  GtkButton          *cancel_button;
  GtkButton          *revoke_button;
  GtkButton          *check_button;
  GtkButton          *copy_button;
  GtkButton          *refresh_button;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_badge;
  GtkLabel           *note_label;
  GtkLabel           *error_label;
  PkioCandidatesGroup *candidates_group;
  AdwPreferencesGroup *order_group;
  GtkBox             *request_box;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *messages_group;

  PkioWorkspace      *workspace;
  PkioHistoryRecord  *record;
  GSignalGroup       *record_signals;    /* follows record */
  GCancellable       *cancellable;       /* reads about this record (timeline, refresh, check):
                                            replaced when another record is shown */
  GPtrArray          *order_rows;
  GPtrArray          *timeline_rows;
  GPtrArray          *message_rows;
  guint               fill_idle;
  char               *request_json;      /* of record, once read (NULL: none) */
  guint               busy : 1;
  guint               not_found : 1;     /* "Check outcome" found nothing for this record */
  guint               request_reading : 1; /* its request is being read from the database */
  guint               request_read : 1;  /* request_json is the record's */
};

void _pkio_history_details_class_actions_init (PkioHistoryDetailsClass *klass);
/* Enables and shows the actions that apply to the record shown. */
void _pkio_history_details_update_actions     (PkioHistoryDetails      *self);
void _pkio_history_details_set_busy           (PkioHistoryDetails      *self,
                                               gboolean                 busy);
void _pkio_history_details_show_error         (PkioHistoryDetails      *self,
                                               const char              *text);
void _pkio_history_details_show_toast         (PkioHistoryDetails      *self,
                                               const char              *text);
/* Shows the record again (after "not found" was learnt, for example). */
void _pkio_history_details_fill               (PkioHistoryDetails      *self);

G_END_DECLS
