/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-form.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_VIEW (pkio_order_view_get_type ())
G_DECLARE_FINAL_TYPE (PkioOrderView, pkio_order_view, PKIO, ORDER_VIEW, AdwBin)

/* The "New order" page: the form (PkioOrderForm), "Review order" (Ctrl+Enter), "Place order"
 * through the workspace's one send path, and the result: the order's numbers, CertCentral's
 * refusal at the fields, or an unknown outcome that is checked at once and may be sent again
 * only after the check found nothing and the person confirmed.
 *
 * What is typed is kept as a draft (PkioOrderDraft, never card data) and restored at the next
 * start. Widget actions: "order.review", "order.back", "order.place", "order.new",
 * "order.again", "order.copy-order-id", "order.copy-certificate-id", "order.check-again",
 * "order.send-again". Without an API key (outside practice mode) "Place order" activates
 * "win.set-up-key" and keeps everything. */
PkioOrderView *pkio_order_view_new           (void);
/* Builds what the first frame does not need (draft, product, balance) after it is drawn. */
void           pkio_order_view_set_workspace (PkioOrderView *self,
                                              PkioWorkspace *workspace);
PkioWorkspace *pkio_order_view_get_workspace (PkioOrderView *self);
/* "Another order for this person" from the history record @local_id: the form is filled from
 * its stored request, read from the history's database (never card data, the agreement not
 * ticked), after asking when it holds an order being typed. Finish with
 * pkio_order_view_fill_from_record_finish (): FALSE when there is no such record, it keeps no
 * request, or an order is on its way; FALSE with an error when the request could not be read
 * (the history's database). */
void           pkio_order_view_order_again_async (PkioOrderView       *self,
                                                  gint64               local_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* "Order a new certificate" for the history record @local_id, whose certificate ends soon or
 * has ended: the form is filled for the same holder (pkio_history_record_dup_renewal ()), the
 * review says "Replaces order N" and the order placed keeps that link in the history
 * (CertCentral is never told). Asks first as order_again () does. Finish with
 * pkio_order_view_fill_from_record_finish (): FALSE when there is no such record, nothing to
 * fill the form with, or an order is on its way; with an error as order_again. */
void           pkio_order_view_renew_async       (PkioOrderView       *self,
                                                  gint64               local_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* TRUE when the form was filled, or the person is asked whether to replace what it holds. */
gboolean       pkio_order_view_fill_from_record_finish (PkioOrderView  *self,
                                                        GAsyncResult   *result,
                                                        GError        **error);

/* For tests and screenshots. */
PkioOrderForm *pkio_order_view_get_form      (PkioOrderView *self);
/* "form", "review" or "outcome". */
const char    *pkio_order_view_get_page      (PkioOrderView *self);
gboolean       pkio_order_view_is_busy       (PkioOrderView *self);
/* TRUE once the draft and what the account offers (product, balance) were asked for and
 * every answer is in: nothing the view asked for can still change the form. */
gboolean       pkio_order_view_is_settled    (PkioOrderView *self);
/* The draft is written (TRUE) or there is nothing to write. */
gboolean       pkio_order_view_draft_is_saved (PkioOrderView *self);

G_END_DECLS
