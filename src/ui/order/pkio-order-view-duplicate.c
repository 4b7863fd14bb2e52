/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's duplicate check (issue 20): CertCentral is asked whether the holder already has
 * a certificate of this profile (pkio_workspace_check_duplicate_async, the rule in
 * docs/decisions.md#duplicate-orders). Found: the review names the order and "Place order"
 * becomes "Order anyway", which waits for "Yes, I want a second one". Could not check: the
 * review says so and the person may go on. */
#include "config.h"

#include "pkio-order-view-private.h"

static void
duplicate_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioDuplicate) duplicate = NULL;
  g_autofree char *text = NULL;
  PkioOrderView *self;
  PkioOrderReviewDuplicate state;

  duplicate = pkio_workspace_check_duplicate_finish (PKIO_WORKSPACE (source), result, &error);
  /* Cancelled: the review moved on, or the view is gone; neither is touched. */
  if (duplicate == NULL)
    return;
  self = user_data;
  self->duplicate_checking = FALSE;
  g_clear_object (&self->duplicate_cancellable);

  text = pkio_duplicate_dup_text (duplicate);
  switch (duplicate->outcome)
    {
    case PKIO_DUPLICATE_FOUND:
      state = PKIO_ORDER_REVIEW_DUPLICATE_FOUND;
      break;
    case PKIO_DUPLICATE_UNCHECKED:
      state = PKIO_ORDER_REVIEW_DUPLICATE_UNCHECKED;
      break;
    case PKIO_DUPLICATE_NONE:
    default:
      state = PKIO_ORDER_REVIEW_DUPLICATE_NONE;
      break;
    }
  pkio_order_review_set_duplicate (_pkio_order_view_ensure_review (self), state, text,
                                   duplicate->existing != NULL
                                   ? duplicate->existing->order_id : 0);
  _pkio_order_view_update_actions (self);
}

void
_pkio_order_view_cancel_duplicate (PkioOrderView *self)
{
  if (self->duplicate_cancellable != NULL)
    g_cancellable_cancel (self->duplicate_cancellable);
  g_clear_object (&self->duplicate_cancellable);
  self->duplicate_checking = FALSE;
}

void
_pkio_order_view_check_duplicate (PkioOrderView   *self,
                                  const PkioOrder *order)
{
  _pkio_order_view_cancel_duplicate (self);
  /* Without a key there is nothing to ask with; "Place order" first asks for the key (the
   * review says so), and the check is not made for this order. */
  if (self->workspace == NULL || pkio_workspace_get_client (self->workspace) == NULL)
    return;

  self->duplicate_checking = TRUE;
  self->duplicate_cancellable = g_cancellable_new ();
  pkio_order_review_set_duplicate (_pkio_order_view_ensure_review (self),
                                   PKIO_ORDER_REVIEW_DUPLICATE_CHECKING, NULL, 0);
  /* A renewal's own predecessor is what it replaces, never a second certificate. */
  pkio_workspace_check_duplicate_async (self->workspace, order, order->replaces_order_id,
                                        self->duplicate_cancellable, duplicate_checked_cb, self);
}
