/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The duplicate check of New order (issue 20): CertCentral is asked whether the holder already
 * has a certificate of this profile (pkio_workspace_check_duplicate_async, the rule in
 * docs/decisions.md#duplicate-orders) as soon as the form names the holder (a valid email, or
 * a known person) and the profile, after a pause in typing, without blocking the form. A new
 * holder or profile cancels the check of the old one. The review shows the answer: found, it
 * names the order and "Place order" becomes "Order anyway", which waits for "Yes, I want a
 * second one"; could not check, it says so and the person may go on. */
#include "config.h"

#include "pkio-field-rules.h"
#include "pkio-order-view-private.h"

/* The pause after the last change of the holder or the profile before CertCentral is asked:
 * one question per person typed, not one per keystroke. */
#define TYPING_PAUSE_MS 700
/* An answer older than this is asked again when the review is shown: a colleague may have
 * ordered in the meantime. */
#define ANSWER_FRESH_US (120 * G_USEC_PER_SEC)

/* "authentication anna@example.nl" or "encryption #21" (a renewal: "… renews 843668399"): what
 * a check is about; NULL while the form does not name a holder yet (an email that is not valid
 * yet, no known person). */
static char *
key_for (const PkioOrder *order)
{
  g_autofree char *profile = order->replaces_order_id > 0
                             ? g_strdup_printf ("%s renews %" G_GINT64_FORMAT,
                                                pkio_profile_to_string (order->profile),
                                                order->replaces_order_id)
                             : g_strdup (pkio_profile_to_string (order->profile));
  const char *email = pkio_order_holder_email (order);
  gint64 individual_id = pkio_order_holder_individual_id (order);

  if (email != NULL && *email != '\0')
    {
      g_autofree char *trimmed = pkio_field_trim (email);
      g_autofree char *folded = NULL;

      if (!pkio_field_is_valid_email (trimmed))
        return NULL;
      folded = g_utf8_casefold (trimmed, -1);
      return g_strdup_printf ("%s %s", profile, folded);
    }
  if (individual_id > 0)
    return g_strdup_printf ("%s #%" G_GINT64_FORMAT, profile, individual_id);
  return NULL;
}

static PkioOrderReviewDuplicate
review_state (const PkioDuplicate *duplicate)
{
  switch (duplicate->outcome)
    {
    case PKIO_DUPLICATE_FOUND:
      return PKIO_ORDER_REVIEW_DUPLICATE_FOUND;
    case PKIO_DUPLICATE_UNCHECKED:
      return PKIO_ORDER_REVIEW_DUPLICATE_UNCHECKED;
    case PKIO_DUPLICATE_NONE:
    default:
      return PKIO_ORDER_REVIEW_DUPLICATE_NONE;
    }
}

static void
show_on_review (PkioOrderView *self)
{
  g_autofree char *text = pkio_duplicate_dup_text (self->duplicate);

  pkio_order_review_set_duplicate (_pkio_order_view_ensure_review (self),
                                   review_state (self->duplicate), text,
                                   self->duplicate->existing != NULL
                                   ? self->duplicate->existing->order_id : 0);
}

static void
duplicate_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PkioDuplicate *duplicate;
  PkioOrderView *self;

  duplicate = pkio_workspace_check_duplicate_finish (PKIO_WORKSPACE (source), result, &error);
  /* Cancelled: a newer check replaced it, or the view is gone; neither is touched. */
  if (duplicate == NULL)
    return;
  self = user_data;
  self->duplicate_checking = FALSE;
  g_clear_object (&self->duplicate_cancellable);
  g_clear_pointer (&self->duplicate, pkio_duplicate_free);
  self->duplicate = duplicate;
  self->duplicate_time = g_get_monotonic_time ();
  if (self->duplicate_on_review)
    show_on_review (self);
  _pkio_order_view_update_actions (self);
}

/* Forgets what was asked and found, and cancels a check under way. */
static void
forget (PkioOrderView *self)
{
  g_clear_handle_id (&self->duplicate_timeout, g_source_remove);
  if (self->duplicate_cancellable != NULL)
    g_cancellable_cancel (self->duplicate_cancellable);
  g_clear_object (&self->duplicate_cancellable);
  g_clear_pointer (&self->duplicate, pkio_duplicate_free);
  g_clear_pointer (&self->duplicate_key, g_free);
  self->duplicate_checking = FALSE;
}

static gboolean
can_ask (PkioOrderView *self)
{
  /* Without a key there is nothing to ask with; "Place order" first asks for the key (the
   * review says so), and the check is made once there is one. */
  return self->workspace != NULL && pkio_workspace_get_client (self->workspace) != NULL;
}

static void
ask (PkioOrderView   *self,
     const PkioOrder *order)
{
  g_clear_handle_id (&self->duplicate_timeout, g_source_remove);
  if (self->duplicate_cancellable != NULL)
    g_cancellable_cancel (self->duplicate_cancellable);
  g_clear_object (&self->duplicate_cancellable);
  g_clear_pointer (&self->duplicate, pkio_duplicate_free);
  self->duplicate_checking = TRUE;
  self->duplicate_cancellable = g_cancellable_new ();
  /* A renewal's own predecessor is what it replaces, never a second certificate. */
  pkio_workspace_check_duplicate_async (self->workspace, order, order->replaces_order_id,
                                        self->duplicate_cancellable, duplicate_checked_cb, self);
}

static gboolean
typing_pause_cb (gpointer user_data)
{
  PkioOrderView *self = user_data;
  g_autoptr(PkioOrder) order = NULL;

  self->duplicate_timeout = 0;
  if (!can_ask (self))
    return G_SOURCE_REMOVE;
  /* The draft: the holder and the profile, never card data. */
  order = pkio_order_form_dup_draft (_pkio_order_view_ensure_form (self));
  ask (self, order);
  return G_SOURCE_REMOVE;
}

void
_pkio_order_view_duplicate_form_changed (PkioOrderView *self)
{
  g_autoptr(PkioOrder) order = NULL;
  g_autofree char *key = NULL;

  if (self->form == NULL || self->sending)
    return;
  order = pkio_order_form_dup_draft (self->form);
  key = key_for (order);
  /* Another field changed: the check stands. */
  if (g_strcmp0 (key, self->duplicate_key) == 0)
    return;
  forget (self);
  self->duplicate_key = g_steal_pointer (&key);
  if (self->duplicate_key != NULL && can_ask (self))
    self->duplicate_timeout = g_timeout_add (TYPING_PAUSE_MS, typing_pause_cb, self);
}

void
_pkio_order_view_check_duplicate (PkioOrderView   *self,
                                  const PkioOrder *order)
{
  g_autofree char *key = key_for (order);
  gboolean same = key != NULL && g_strcmp0 (key, self->duplicate_key) == 0;

  self->duplicate_on_review = TRUE;
  if (!can_ask (self))
    {
      forget (self);
      return;
    }
  /* Asked before the review, about this holder and profile, not long ago: shown at once. A
   * "could not check" is asked again (CertCentral may answer now). */
  if (same && self->duplicate != NULL && self->duplicate->outcome != PKIO_DUPLICATE_UNCHECKED
      && g_get_monotonic_time () - self->duplicate_time < ANSWER_FRESH_US)
    {
      show_on_review (self);
      return;
    }
  pkio_order_review_set_duplicate (_pkio_order_view_ensure_review (self),
                                   PKIO_ORDER_REVIEW_DUPLICATE_CHECKING, NULL, 0);
  /* On its way: its answer comes to the review. */
  if (same && self->duplicate_checking)
    return;
  g_free (self->duplicate_key);
  self->duplicate_key = g_steal_pointer (&key);
  ask (self, order);
}

void
_pkio_order_view_duplicate_leave_review (PkioOrderView *self)
{
  self->duplicate_on_review = FALSE;
}

void
_pkio_order_view_cancel_duplicate (PkioOrderView *self)
{
  forget (self);
  self->duplicate_on_review = FALSE;
}
