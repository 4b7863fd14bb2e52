/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-order-view-private.h"
#include "pkio-weak-ref.h"

/* The draft of the New order form: written in the background after a pause in typing (never
 * card data: PkioOrderDraft), restored at the next start with a toast to discard it, removed
 * once the order is placed or its outcome is not known. */

/* A pause in typing this long writes the draft. */
#define DRAFT_DELAY_MS 700

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioOrderView) self = pkio_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (self != NULL)
    self->saves_in_flight--;
  if (!pkio_order_draft_save_finish (PKIO_ORDER_DRAFT (source), result, &error))
    g_message ("Could not save the order draft: %s", error->message);
}

static void
draft_discarded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PkioOrderView) self = pkio_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (self != NULL)
    self->saves_in_flight--;
  if (!pkio_order_draft_discard_finish (PKIO_ORDER_DRAFT (source), result, &error))
    g_message ("Could not remove the order draft: %s", error->message);
}

void
_pkio_order_view_discard_draft (PkioOrderView *self)
{
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  if (self->draft == NULL)
    return;
  self->saves_in_flight++;
  /* A write: it finishes even when the view is gone, so the view is held weakly. */
  pkio_order_draft_discard_async (self->draft, NULL, draft_discarded_cb,
                                  pkio_weak_ref_new (self));
}

/* An order whose outcome is not known is no draft: it stays in History, where it is
 * checked; restoring it would invite a second order. */
static gboolean
drafts_wanted (PkioOrderView *self)
{
  return self->draft != NULL && self->unknown_record == NULL && !self->sending;
}

static void
save_draft_now (PkioOrderView *self)
{
  g_autoptr(PkioOrder) order = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  if (!drafts_wanted (self))
    return;
  order = pkio_order_form_dup_draft (_pkio_order_view_ensure_form (self));
  text = pkio_order_draft_serialize (order);
  if (g_strcmp0 (text, self->blank_draft) == 0)
    {
      _pkio_order_view_discard_draft (self);
      return;
    }
  self->saves_in_flight++;
  pkio_order_draft_save_async (self->draft, order, NULL, draft_saved_cb,
                               pkio_weak_ref_new (self));
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  PkioOrderView *self = user_data;

  self->draft_timeout = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

void
_pkio_order_view_form_changed (PkioOrderView *self)
{
  self->typed = TRUE;
  /* The holder or the profile may be new: asked about before the review (issue 20). */
  _pkio_order_view_duplicate_form_changed (self);
  if (!drafts_wanted (self))
    return;
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

static void
discard_toast_clicked_cb (PkioOrderView *self)
{
  pkio_order_form_reset (_pkio_order_view_ensure_form (self));
  _pkio_order_view_discard_draft (self);
  _pkio_order_view_scroll_to_top (self);
}

static void
draft_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrder) order = pkio_order_draft_load_finish (PKIO_ORDER_DRAFT (source), result,
                                                             &error);
  PkioOrderView *self = user_data;   /* a read: cancelled (order NULL) once the view is gone */
  GtkWidget *overlay;
  AdwToast *toast;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->asks_in_flight--;
  if (order == NULL)
    {
      if (error != NULL)
        g_message ("Could not read the order draft: %s", error->message);
      return;
    }
  /* The person started typing before the draft was read: what they type now wins. */
  if (self->typed || g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "form") != 0)
    return;
  pkio_order_form_set_order (_pkio_order_view_ensure_form (self), order);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  toast = adw_toast_new (_("Draft restored"));
  adw_toast_set_button_label (toast, _("_Discard"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (discard_toast_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_pkio_order_view_restore_draft (PkioOrderView *self)
{
  self->asks_in_flight++;
  pkio_order_draft_load_async (self->draft, self->cancellable, draft_loaded_cb, self);
}

/* Closing within the typing pause: write the draft now, on this thread. */
void
_pkio_order_view_flush_draft (PkioOrderView *self)
{
  g_autoptr(PkioOrder) order = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->draft_timeout == 0 || !drafts_wanted (self) || self->form == NULL)
    return;
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  order = pkio_order_form_dup_draft (self->form);
  text = pkio_order_draft_serialize (order);
  if (g_strcmp0 (text, self->blank_draft) != 0
      && !pkio_order_draft_save (self->draft, order, &error))
    g_message ("Could not save the order draft: %s", error->message);
}
