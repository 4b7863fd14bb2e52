/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-order-view-private.h"
#include "pkio-weak-ref.h"

/* Placing the order, once: the view is busy from the first activation until the outcome is
 * known, so a double click or a second Enter finds the action disabled. An unknown outcome is
 * checked at once; sending again needs a check that found nothing and a confirmation. */

/* A server that held the order past our timeout may still be storing it when the first check
 * looks, and an empty answer then would invite the person to pay twice. So when the check
 * right after sending finds nothing, the view keeps checking and looks once more this much
 * later, before it says "most likely not placed". */
#define RECHECK_DELAY_MS (10 * 1000)

static guint recheck_delay_ms = RECHECK_DELAY_MS;

static void start_check (PkioOrderView *self,
                         gboolean       look_twice);
static void checked_cb  (GObject       *source,
                         GAsyncResult  *result,
                         gpointer       user_data);

static void
set_sending (PkioOrderView *self,
             gboolean       sending)
{
  self->sending = sending;
  if (self->review != NULL)
    pkio_order_review_set_sending (self->review, sending);
  _pkio_order_view_update_actions (self);
}

/* The sender found mistakes the review did not (a date became the past at midnight): the
 * form checks again to show them where they are. */
static void
back_to_form_with_problems (PkioOrderView *self)
{
  PkioOrderForm *form = _pkio_order_view_ensure_form (self);
  g_autoptr(GPtrArray) problems = pkio_order_form_validate (form);

  pkio_order_form_set_tried (form, TRUE);
  _pkio_order_view_show_page (self, "form");
  pkio_order_form_focus_summary (form);
}

static void
show_placed (PkioOrderView *self,
             gint64         order_id,
             gint64         certificate_id,
             gboolean       found)
{
  g_autoptr(PkioOrder) order = pkio_order_form_dup_draft (_pkio_order_view_ensure_form (self));

  self->order_id = order_id;
  self->certificate_id = certificate_id;
  g_clear_object (&self->unknown_record);
  self->send_again_allowed = FALSE;
  /* Kept for "Another order for this person", without card data; the form starts empty so
   * that nothing can place the same order twice. */
  pkio_order_clear_card (order);
  g_clear_pointer (&self->placed_order, pkio_order_free);
  self->placed_order = g_steal_pointer (&order);
  pkio_order_form_reset (_pkio_order_view_ensure_form (self));
  _pkio_order_view_discard_draft (self);
  pkio_order_outcome_show_placed (_pkio_order_view_ensure_outcome (self), order_id,
                                 certificate_id, found);
  _pkio_order_view_show_page (self, "outcome");
  _pkio_order_view_refresh_balance (self);
}

static void
order_sent_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioOrderView) self = pkio_weak_ref_steal (user_data);
  g_autoptr(PkioSendResult) sent = pkio_workspace_place_order_finish (PKIO_WORKSPACE (source),
                                                                      result);
  GPtrArray *entries;

  /* The outcome is in the history whatever happens here; a view that is gone shows nothing. */
  if (self == NULL)
    return;
  /* docs/decisions.md#card-data: the CVV is cleared after every attempt. */
  pkio_order_form_clear_cvv (_pkio_order_view_ensure_form (self));
  set_sending (self, FALSE);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  switch (sent->state)
    {
    case PKIO_SEND_STATE_PLACED:
      show_placed (self, sent->order_id, sent->certificate_id, FALSE);
      break;

    case PKIO_SEND_STATE_REJECTED:
      entries = pkio_api_error_get_entries (sent->error);
      /* Only a refusal of the order itself sends the person back to correct it: too many
       * requests or a key that may not order is said here, with CertCentral's words. */
      if (g_error_matches (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED)
          && pkio_workspace_get_key_rejected (self->workspace))
        /* Nothing in the order is wrong: the review says the key is no longer accepted, with
         * "Replace key…" (key_rejected_changed_cb ()). */
        pkio_order_review_set_error (self->review, NULL);
      else if (g_error_matches (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_INVALID_INPUT)
               && entries != NULL && entries->len > 0)
        {
          /* Back to the form as it was, with CertCentral's words at the fields (those about
           * the account's own fields at theirs, also when they name one only by its label). */
          PkioOrderForm *form = _pkio_order_view_ensure_form (self);
          g_autoptr(GPtrArray) placed =
            pkio_custom_fields_section_place_refusal (self->custom_section, entries);

          pkio_order_form_set_server_errors (form, placed);
          _pkio_order_view_show_page (self, "form");
          gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->form_scroller), 0);
          pkio_order_form_set_tried (form, TRUE);
        }
      else
        pkio_order_review_set_error (self->review, sent->error->message);
      break;

    case PKIO_SEND_STATE_UNKNOWN:
      /* Never sent again by itself; no draft of it either (see drafts_wanted). */
      g_set_object (&self->unknown_record, sent->record);
      _pkio_order_view_discard_draft (self);
      start_check (self, TRUE);
      break;

    case PKIO_SEND_STATE_INVALID:
      back_to_form_with_problems (self);
      break;

    case PKIO_SEND_STATE_NOT_RECORDED:
    default:
      {
        /* Translators: %s says why the history could not be written */
        g_autofree char *text = g_strdup_printf (_("The order was not sent: it could not be "
                                                   "written to the order history first.\n%s"),
                                                 sent->error != NULL ? sent->error->message : "");

        pkio_order_review_set_error (self->review, text);
      }
      break;
    }
}

/* The order as the form holds it goes to the workspace's one send path, which checks it (once,
 * right before the journal) and hands back how it ended (order_sent_cb). */
static void
send (PkioOrderView *self)
{
  g_autoptr(PkioOrder) order = pkio_order_form_dup_order (_pkio_order_view_ensure_form (self));

  pkio_order_review_set_error (_pkio_order_view_ensure_review (self), NULL);
  _pkio_order_view_show_page (self, "review");
  set_sending (self, TRUE);
  /* The body is built at once: @order (and its card data) is wiped when it goes out of scope. */
  pkio_workspace_place_order_async (self->workspace, order, NULL, order_sent_cb,
                                    pkio_weak_ref_new (self));
}

static void
send_when_loaded (PkioOrderView *self)
{
  PkioKeyState state = pkio_workspace_get_key_state (self->workspace);

  /* CertCentral no longer accepts the key: the review says so; nothing is sent. */
  if (pkio_workspace_get_key_rejected (self->workspace))
    {
      set_sending (self, FALSE);
      return;
    }
  if (pkio_workspace_get_client (self->workspace) != NULL)
    {
      send (self);
      return;
    }
  set_sending (self, FALSE);
  /* No key: nothing is sent and nothing typed is lost; setting one up comes first. */
  if (!pkio_workspace_get_practice (self->workspace)
      && (state == PKIO_KEY_STATE_NONE || state == PKIO_KEY_STATE_UNAVAILABLE)
      && gtk_widget_activate_action (GTK_WIDGET (self), "win.set-up-key", NULL))
    return;
  pkio_order_review_set_error (self->review,
                               pkio_workspace_get_key_message (self->workspace) != NULL
                               ? pkio_workspace_get_key_message (self->workspace)
                               : _("No API key is set up, so the order cannot be placed yet."));
}

static void
loaded_for_send_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PkioOrderView *self;

  pkio_workspace_load_finish (PKIO_WORKSPACE (source), result, &error);
  /* A read: a view disposed meanwhile cancelled it, and is not touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (error != NULL)
    {
      /* The history cannot be opened (a full disk, a read-only folder): the attempt could not
       * be journaled, so nothing was sent. */
      g_autofree char *text = g_strdup_printf (_("The order was not sent: it could not be "
                                                 "written to the order history first.\n%s"),
                                               error->message);

      set_sending (self, FALSE);
      pkio_order_review_set_error (self->review, text);
      return;
    }
  send_when_loaded (self);
}

void
_pkio_order_view_place (PkioOrderView *self)
{
  if (self->sending || self->checking || self->workspace == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "review") != 0)
    return;
  /* Busy from here on: a second activation finds the action disabled. */
  set_sending (self, TRUE);
  /* Once this is placed the holder has one: what was found before no longer holds. */
  _pkio_order_view_cancel_duplicate (self);
  if (!pkio_workspace_is_loaded (self->workspace))
    {
      pkio_workspace_load_async (self->workspace, self->cancellable, loaded_for_send_cb, self);
      return;
    }
  send_when_loaded (self);
}

/* ---- an unknown outcome ---- */

static void
show_check_result (PkioOrderView *self,
                   gint64         order_id,
                   const GError  *error)
{
  self->checking = FALSE;
  if (order_id > 0)
    show_placed (self, order_id,
                 self->unknown_record != NULL
                 ? pkio_history_record_get_certificate_id (self->unknown_record) : 0, TRUE);
  else if (order_id == 0)
    {
      self->send_again_allowed = TRUE;
      pkio_order_outcome_show_not_found (self->outcome);
    }
  else
    pkio_order_outcome_show_check_failed (self->outcome, error != NULL ? error->message : NULL);
  _pkio_order_view_update_actions (self);
}

static gboolean
recheck_cb (gpointer user_data)
{
  PkioOrderView *self = user_data;

  self->recheck_timeout = 0;
  pkio_workspace_check_outcome_async (self->workspace, self->unknown_record, self->cancellable,
                                      checked_cb, self);
  return G_SOURCE_REMOVE;
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 order_id = pkio_workspace_check_outcome_finish (PKIO_WORKSPACE (source), result,
                                                         &error);
  PkioOrderView *self;

  /* A read: a view disposed meanwhile cancelled it, and is not touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (order_id == 0 && self->look_again && self->unknown_record != NULL)
    {
      /* The first look right after sending found nothing, which is not an answer yet. Still
       * "checking": the view stays busy, so nothing can be sent meanwhile. */
      self->look_again = FALSE;
      self->recheck_timeout = g_timeout_add (recheck_delay_ms, recheck_cb, self);
      return;
    }
  show_check_result (self, order_id, error);
}

static void
start_check (PkioOrderView *self,
             gboolean       look_twice)
{
  self->checking = TRUE;
  self->send_again_allowed = FALSE;
  pkio_order_outcome_show_checking (_pkio_order_view_ensure_outcome (self));
  _pkio_order_view_show_page (self, "outcome");
  self->look_again = look_twice;
  pkio_workspace_check_outcome_async (self->workspace, self->unknown_record, self->cancellable,
                                      checked_cb, self);
}

void
_pkio_order_view_check_again (PkioOrderView *self)
{
  if (self->unknown_record == NULL || self->sending || self->checking)
    return;
  start_check (self, FALSE);
}

void
_pkio_order_view_set_recheck_delay (guint delay_ms)
{
  recheck_delay_ms = delay_ms;
}

static void
send_again_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PkioOrderView    *self)
{
  if (g_strcmp0 (response, "send") != 0 || !self->send_again_allowed || self->sending
      || self->checking)
    return;
  /* The earlier attempt stays in History, where it is still followed. */
  g_clear_object (&self->unknown_record);
  self->send_again_allowed = FALSE;
  send (self);
}

void
_pkio_order_view_send_again (PkioOrderView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!self->send_again_allowed || self->sending || self->checking)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send the order again?"),
                                   _("CertCentral has no order from the first attempt, but it "
                                     "cannot be ruled out that it still turns up. If both "
                                     "attempts were placed, you pay twice and two tokens are "
                                     "sent."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (send_again_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
