/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-custom-fields-section.h"
#include "pkio-order-draft.h"
#include "pkio-order-outcome.h"
#include "pkio-order-review.h"
#include "pkio-order-view.h"

G_BEGIN_DECLS

/* Shared by pkio-order-view.c (pages, account information), pkio-order-view-actions.c (the
 * widget actions), pkio-order-view-again.c
 * (another order for the same person), pkio-order-view-draft.c (the draft) and
 * pkio-order-view-send.c (placing the order and what came of it). */
struct _PkioOrderView
{
  AdwBin             parent_instance;

  /* Template children */
  GtkStack          *pages;
  GtkScrolledWindow *form_scroller;
  GtkWidget         *heading;      /* shown with the form */
  AdwBin            *form_slot;
  AdwBin            *review_slot;
  AdwBin            *outcome_slot;

  PkioOrderForm     *form;            /* built after the first frame, or on first need */
  PkioCustomFieldsSection *custom_section;  /* the form's section for the account's own
                                               order fields (held by the form) */
  PkioOrderReview   *review;          /* built on first need */
  PkioOrderOutcome  *outcome;         /* built on first need */
  PkioWorkspace     *workspace;
  GSignalGroup      *workspace_signals;
  PkioOrderDraft    *draft;
  GCancellable      *cancellable;
  GCancellable      *duplicate_cancellable;  /* the duplicate check under way */
  char              *duplicate_key;   /* what it is (or was) about: profile and holder */
  PkioDuplicate     *duplicate;       /* what it found, NULL while none */
  gint64             duplicate_time;  /* when it found it (monotonic) */
  guint              duplicate_timeout;  /* the typing pause before asking */
  gboolean           duplicate_on_review;  /* the review shows this check */
  char              *balance_text;
  char              *blank_draft;     /* the draft of an empty form */
  PkioOrder         *placed_order;    /* the last order placed, without card data */
  PkioHistoryRecord *unknown_record;  /* the attempt whose outcome is not known */
  gint64             order_id;
  gint64             certificate_id;
  guint              draft_timeout;
  guint              start_idle;
  guint              form_idle;
  guint              recheck_timeout; /* the second look after an unknown outcome */
  guint              saves_in_flight;
  guint              asks_in_flight;  /* the draft, product and balance asked for */
  gboolean           started;         /* draft and account information asked for */
  gboolean           typed;           /* the person changed something since the start */
  gboolean           sending;
  gboolean           checking;
  gboolean           duplicate_checking;  /* "Place order" waits for CertCentral's answer */
  gboolean           busy;            /* sending || checking, as the "busy" property says */
  gboolean           look_again;      /* the first look after sending may find nothing yet */
  gboolean           send_again_allowed;
};

/* pkio-order-view.c */
/* The form, the review and the outcome page, each built when first needed. */
PkioOrderForm    *_pkio_order_view_ensure_form    (PkioOrderView *self);
PkioOrderReview  *_pkio_order_view_ensure_review  (PkioOrderView *self);
PkioOrderOutcome *_pkio_order_view_ensure_outcome (PkioOrderView *self);
void     _pkio_order_view_show_page      (PkioOrderView *self,
                                          const char    *name);
void     _pkio_order_view_update_actions (PkioOrderView *self);
void     _pkio_order_view_toast          (PkioOrderView *self,
                                          const char    *text);
void     _pkio_order_view_scroll_to_top  (PkioOrderView *self);
void     _pkio_order_view_forget_outcome (PkioOrderView *self);
void     _pkio_order_view_refresh_balance (PkioOrderView *self);

/* pkio-order-view-actions.c */
/* Installs the "order.*" actions and their keys. */
void     _pkio_order_view_class_add_actions (GtkWidgetClass *widget_class);

/* pkio-order-view-again.c */
void     _pkio_order_view_again_placed   (PkioOrderView *self);

/* pkio-order-view-duplicate.c: does the holder already have one (issue 20)? Asked as soon as
 * the form names the holder and the profile (form_changed, after a typing pause), without
 * blocking the form; the review shows the answer (check_duplicate: at once when it is there,
 * else when it comes; "Place order" waits for it). A new holder or profile cancels the check of
 * the old one. leave_review: the review no longer shows it (the check goes on); cancel: the
 * check and its answer are forgotten (a new form, an order sent, the view gone). */
void     _pkio_order_view_duplicate_form_changed (PkioOrderView   *self);
void     _pkio_order_view_check_duplicate  (PkioOrderView   *self,
                                            const PkioOrder *order);
void     _pkio_order_view_duplicate_leave_review (PkioOrderView *self);
void     _pkio_order_view_cancel_duplicate (PkioOrderView   *self);

/* pkio-order-view-draft.c */
void     _pkio_order_view_form_changed   (PkioOrderView *self);
void     _pkio_order_view_restore_draft  (PkioOrderView *self);
void     _pkio_order_view_discard_draft  (PkioOrderView *self);
/* Writes a draft still waiting for the typing pause, at once (the view is going away). */
void     _pkio_order_view_flush_draft    (PkioOrderView *self);

/* pkio-order-view-send.c */
void     _pkio_order_view_place          (PkioOrderView *self);
void     _pkio_order_view_check_again    (PkioOrderView *self);
void     _pkio_order_view_send_again     (PkioOrderView *self);
/* For tests: how long the view waits before it looks a second time (default 10 s). */
void     _pkio_order_view_set_recheck_delay (guint delay_ms);

G_END_DECLS
