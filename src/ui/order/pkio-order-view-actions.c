/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-known-person-popover.h"
#include "pkio-order-view-private.h"

/* The view's widget actions ("order.*", pkio-order-view.h lists them) and their keys. */

static void
review_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PkioOrderView *self = PKIO_ORDER_VIEW (widget);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PkioOrder) order = NULL;
  g_autofree char *last4 = NULL;
  g_autofree char *replaced = NULL;
  PkioOrderReviewExtras extras = { 0 };
  PkioOrderReview *review;
  PkioOrderForm *form;

  if (self->sending || self->checking)
    return;
  form = _pkio_order_view_ensure_form (self);
  problems = pkio_order_form_validate (form);
  if (problems->len > 0)
    {
      pkio_order_form_set_tried (form, TRUE);
      pkio_order_form_focus_summary (form);
      return;
    }

  order = pkio_order_form_dup_order (form);
  last4 = pkio_order_form_dup_card_last4 (form);
  extras.balance_text = self->balance_text;
  extras.card_last4 = last4;
  extras.known_person = pkio_order_form_get_known_person_label (form);
  replaced = pkio_order_form_describe_replaced (form, order->replaces_order_id);
  extras.replaced_text = replaced;
  extras.custom_fields = pkio_custom_fields_section_get_fields (self->custom_section);
  extras.practice = self->workspace != NULL && pkio_workspace_get_practice (self->workspace);
  extras.needs_key = self->workspace != NULL && !extras.practice
                     && pkio_workspace_get_key_state (self->workspace) != PKIO_KEY_STATE_AVAILABLE
                     && pkio_workspace_get_key_state (self->workspace) != PKIO_KEY_STATE_LOOKING;
  {
    g_autofree char *label = NULL;

    if (order->individual.use_id && extras.known_person == NULL && self->workspace != NULL)
      {
        label = pkio_known_person_label_for (pkio_workspace_get_store (self->workspace),
                                             order->individual.id);
        extras.known_person = label;
      }
    review = _pkio_order_view_ensure_review (self);
    pkio_order_review_show (review, order, &extras);
    pkio_order_review_set_key_rejected (review, self->workspace != NULL
                                        && pkio_workspace_get_key_rejected (self->workspace));
  }
  if (!extras.needs_key)
    _pkio_order_view_check_duplicate (self, order);
  _pkio_order_view_show_page (self, "review");
  /* Not on "Place order": an Enter too many must not order. */
  gtk_widget_grab_focus (GTK_WIDGET (review));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PkioOrderView *self = PKIO_ORDER_VIEW (widget);

  if (self->sending)
    return;
  /* The check goes on: its answer stands while the holder and the profile do. */
  _pkio_order_view_duplicate_leave_review (self);
  _pkio_order_view_show_page (self, "form");
}

static void
place_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _pkio_order_view_place (PKIO_ORDER_VIEW (widget));
}

/* A new, empty form; what was placed or found stays in History. */
static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PkioOrderView *self = PKIO_ORDER_VIEW (widget);

  if (self->sending || self->checking)
    return;
  _pkio_order_view_forget_outcome (self);
  _pkio_order_view_cancel_duplicate (self);
  pkio_order_form_reset (_pkio_order_view_ensure_form (self));
  _pkio_order_view_discard_draft (self);
  _pkio_order_view_scroll_to_top (self);
  _pkio_order_view_show_page (self, "form");
  pkio_order_form_focus_field (_pkio_order_view_ensure_form (self), "certificate.profile_option");
}

static void
again_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _pkio_order_view_again_placed (PKIO_ORDER_VIEW (widget));
}

static void
copy_id (PkioOrderView *self,
         gint64         id,
         const char    *toast)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  _pkio_order_view_toast (self, toast);
}

static void
copy_order_id_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  copy_id (PKIO_ORDER_VIEW (widget), PKIO_ORDER_VIEW (widget)->order_id,
           _("Order number copied"));
}

static void
copy_certificate_id_action_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  copy_id (PKIO_ORDER_VIEW (widget), PKIO_ORDER_VIEW (widget)->certificate_id,
           _("Certificate number copied"));
}

static void
check_again_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _pkio_order_view_check_again (PKIO_ORDER_VIEW (widget));
}

static void
send_again_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _pkio_order_view_send_again (PKIO_ORDER_VIEW (widget));
}

void
_pkio_order_view_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "order.review", NULL, review_action_cb);
  gtk_widget_class_install_action (widget_class, "order.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "order.place", NULL, place_action_cb);
  gtk_widget_class_install_action (widget_class, "order.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "order.again", NULL, again_action_cb);
  gtk_widget_class_install_action (widget_class, "order.copy-order-id", NULL,
                                   copy_order_id_action_cb);
  gtk_widget_class_install_action (widget_class, "order.copy-certificate-id", NULL,
                                   copy_certificate_id_action_cb);
  gtk_widget_class_install_action (widget_class, "order.check-again", NULL,
                                   check_again_action_cb);
  gtk_widget_class_install_action (widget_class, "order.send-again", NULL,
                                   send_again_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "order.review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "order.review", NULL);
}
