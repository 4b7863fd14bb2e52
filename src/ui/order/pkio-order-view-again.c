/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ordering again for the same person: from the result page ("Another order for this person")
 * or from History, and renewing a certificate that ends soon or has ended ("Order a new
 * certificate" in History: the order replaces it). The form is filled from the order, without
 * card data, and what the person was typing is not thrown away without asking. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-order-view-private.h"

/* Another order for the same holder, delivered the same way: never with card data, and the
 * agreement is asked for again. */
static void
fill_for_same_person (PkioOrderView *self,
                      PkioOrder     *order)
{
  PkioOrderForm *form = _pkio_order_view_ensure_form (self);

  pkio_order_clear_card (order);
  order->csa_agreed_to = FALSE;
  _pkio_order_view_forget_outcome (self);
  pkio_order_form_reset (form);
  pkio_order_form_set_order (form, order);
  self->typed = TRUE;
  _pkio_order_view_scroll_to_top (self);
  _pkio_order_view_show_page (self, "form");
  g_signal_emit_by_name (form, "changed");
  pkio_order_form_focus_field (form, "certificate.profile_option");
}

void
_pkio_order_view_again_placed (PkioOrderView *self)
{
  g_autoptr(PkioOrder) order = NULL;

  if (self->placed_order == NULL || self->sending || self->checking)
    return;
  order = pkio_order_copy (self->placed_order);
  /* Another order, not a second renewal of the same certificate. */
  order->replaces_order_id = 0;
  fill_for_same_person (self, order);
}

static gboolean
form_is_blank (PkioOrderView *self)
{
  g_autoptr(PkioOrder) order = pkio_order_form_dup_draft (_pkio_order_view_ensure_form (self));
  g_autofree char *text = pkio_order_draft_serialize (order);

  return g_strcmp0 (text, self->blank_draft) == 0;
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PkioOrderView    *self)
{
  PkioOrder *order = g_object_get_data (G_OBJECT (dialog), "order");

  if (g_strcmp0 (response, "replace") == 0 && order != NULL && !self->sending && !self->checking)
    fill_for_same_person (self, order);
}

/* What the person was typing is not thrown away without asking. */
static void
ask_to_replace (PkioOrderView *self,
                PkioOrder     *order)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Replace the order in the form?"),
                                              _("The form holds an order that was not placed. "
                                                "It is replaced by a new order for this "
                                                "person."));

  g_object_set_data_full (G_OBJECT (dialog), "order", order, (GDestroyNotify) pkio_order_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Takes @order. */
static gboolean
fill_or_ask (PkioOrderView *self,
             PkioOrder     *order_in)
{
  g_autoptr(PkioOrder) order = order_in;

  /* On the form, the review, or after an outcome that is not known, the form holds an order
   * that was not placed. */
  if (form_is_blank (self))
    {
      fill_for_same_person (self, order);
      return TRUE;
    }
  ask_to_replace (self, g_steal_pointer (&order));
  return TRUE;
}

/* History's record @local_id ordered again: the same order (@renewal FALSE), or the renewal of
 * its certificate. The request it was placed with is read from the history's database (the
 * record does not keep it in memory, issue 24), so the form is filled once it is there. */
typedef struct
{
  gint64   local_id;
  gboolean renewal;
} FillData;

static gboolean
fill_from_request (PkioOrderView     *self,
                   PkioHistoryRecord *record,
                   gboolean           renewal,
                   const char        *request_json)
{
  PkioOrder *order;

  /* Placing began meanwhile: the form is not replaced under it. */
  if (self->sending || self->checking)
    return FALSE;
  order = renewal ? pkio_history_record_dup_renewal (record, request_json)
                  : pkio_history_request_to_order (request_json);
  if (order == NULL)
    return FALSE;
  if (!renewal)
    order->replaces_order_id = 0;
  return fill_or_ask (self, order);
}

static void
read_request_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOrderView *self = g_task_get_source_object (task);
  FillData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = pkio_history_store_read_request_finish (PKIO_HISTORY_STORE (source),
                                                                  result, &error);
  PkioHistoryRecord *record;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  record = pkio_history_store_find_by_local_id (PKIO_HISTORY_STORE (source), data->local_id);
  g_task_return_boolean (task, record != NULL
                               && fill_from_request (self, record, data->renewal, json));
}

static void
fill_from_record_async (PkioOrderView       *self,
                        gint64               local_id,
                        gboolean             renewal,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PkioHistoryRecord *record = NULL;
  FillData *data = g_new0 (FillData, 1);
  PkioHistoryStore *store = NULL;

  data->local_id = local_id;
  data->renewal = renewal;
  g_task_set_task_data (task, data, g_free);
  g_task_set_source_tag (task, fill_from_record_async);
  if (self->workspace != NULL && !self->sending && !self->checking)
    {
      store = pkio_workspace_get_store (self->workspace);
      record = pkio_history_store_find_by_local_id (store, local_id);
    }
  if (record == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  /* An order placed elsewhere keeps no request: nothing to wait for. */
  if (!pkio_history_record_has_request (record))
    {
      g_task_return_boolean (task, fill_from_request (self, record, renewal, NULL));
      return;
    }
  pkio_history_store_read_request_async (store, record, cancellable, read_request_cb,
                                         g_steal_pointer (&task));
}

void
pkio_order_view_order_again_async (PkioOrderView       *self,
                                   gint64               local_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_ORDER_VIEW (self));

  fill_from_record_async (self, local_id, FALSE, cancellable, callback, user_data);
}

void
pkio_order_view_renew_async (PkioOrderView       *self,
                             gint64               local_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_ORDER_VIEW (self));

  fill_from_record_async (self, local_id, TRUE, cancellable, callback, user_data);
}

gboolean
pkio_order_view_fill_from_record_finish (PkioOrderView  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fill_from_record_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
