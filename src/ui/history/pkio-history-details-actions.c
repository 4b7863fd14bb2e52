/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cancel-dialog.h"
#include "pkio-history-details-private.h"
#include "pkio-revoke-dialog.h"
#include "pkio-weak-ref.h"

/* What can be done with the record shown. Reads (refresh, check outcome) use the pane's
 * cancellable: showing another record or closing the window cancels them, and their callbacks
 * then return without touching the pane. Changes (cancel the order, link a candidate) are
 * never cancelled once asked: they finish and are recorded whatever the pane shows meanwhile;
 * their callbacks hold the pane weakly and check which record they were started for. */

/* ---- reads ---- */

/* TRUE when the read is over for the pane: cancelled (the pane is gone or shows another
 * record), or failed (the error is shown). */
static gboolean
read_failed (gpointer   user_data,
             GError    *error)
{
  PkioHistoryDetails *self = user_data;

  if (error == NULL)
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _pkio_history_details_set_busy (self, FALSE);
      _pkio_history_details_show_error (self, error->message);
    }
  return TRUE;
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  pkio_workspace_refresh_order_finish (PKIO_WORKSPACE (source), result, &error);
  if (read_failed (user_data, error))
    return;
  _pkio_history_details_set_busy (user_data, FALSE);
  _pkio_history_details_show_toast (user_data, _("Status updated"));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  _pkio_history_details_show_error (self, NULL);
  _pkio_history_details_set_busy (self, TRUE);
  pkio_workspace_refresh_order_async (self->workspace, self->record, self->cancellable,
                                      refreshed_cb, self);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 order_id = pkio_workspace_check_outcome_finish (PKIO_WORKSPACE (source), result, &error);
  PkioHistoryDetails *self = user_data;

  if (read_failed (user_data, error))
    return;
  _pkio_history_details_set_busy (self, FALSE);
  if (order_id > 0)
    {
      /* Translators: %ld is an order number */
      g_autofree char *text = g_strdup_printf (_("The order was placed: it is order %ld"),
                                               (long) order_id);

      _pkio_history_details_show_toast (self, text);
    }
  else
    {
      self->not_found = TRUE;
      _pkio_history_details_fill (self);
      /* The note above changed where the focus is not. */
      _pkio_history_details_show_toast (self,
                                        pkio_history_record_get_candidates (self->record)->len > 0
                                        ? _("Still unknown: more than one order may be this attempt")
                                        : _("CertCentral has no order for this attempt"));
    }
}

static void
check_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  _pkio_history_details_show_error (self, NULL);
  _pkio_history_details_set_busy (self, TRUE);
  pkio_workspace_check_outcome_async (self->workspace, self->record, self->cancellable,
                                      checked_cb, self);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           pkio_history_record_get_order_id (self->record));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  _pkio_history_details_show_toast (self, _("Order number copied"));
}

/* ---- changes ---- */

typedef struct
{
  GWeakRef          *pane;
  PkioHistoryRecord *record;   /* the record the change was started for */
} Change;

static Change *
change_new (PkioHistoryDetails *self)
{
  Change *change = g_new0 (Change, 1);

  change->pane = pkio_weak_ref_new (self);
  change->record = g_object_ref (self->record);
  return change;
}

/* Takes @change. Returns the pane when it still shows the change's record (the caller owns
 * the ref), else NULL; a message then goes to the toast overlay of a pane that still exists
 * (the window's), since the record it is about is no longer shown. */
static PkioHistoryDetails *
change_finish (Change       *change,
               const GError *error,
               const char   *done_text)
{
  PkioHistoryDetails *self = pkio_weak_ref_steal (change->pane);
  g_autoptr(PkioHistoryRecord) record = change->record;

  g_free (change);
  if (self == NULL)
    return NULL;
  if (self->record == record)
    {
      _pkio_history_details_set_busy (self, FALSE);
      if (error != NULL)
        _pkio_history_details_show_error (self, error->message);
      else
        _pkio_history_details_show_toast (self, done_text);
      return self;
    }
  if (error != NULL)
    {
      g_autofree char *label = pkio_history_record_dup_holder_label (record);
      /* Translators: first %s is the certificate holder, second why the change failed */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), label, error->message);

      _pkio_history_details_show_toast (self, text);
    }
  else
    _pkio_history_details_show_toast (self, done_text);
  g_object_unref (self);
  return NULL;
}

static void
canceled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryDetails) self = NULL;

  pkio_workspace_cancel_order_finish (PKIO_WORKSPACE (source), result, &error);
  self = change_finish (user_data, error, _("Order canceled"));
}

static void
cancel_response_cb (PkioCancelDialog   *dialog,
                    const char         *response,
                    PkioHistoryDetails *self)
{
  g_autofree char *note = pkio_cancel_dialog_dup_note (dialog);

  if (g_strcmp0 (response, "cancel-order") != 0 || self->record == NULL)
    return;
  _pkio_history_details_show_error (self, NULL);
  _pkio_history_details_set_busy (self, TRUE);
  /* Once sent, CertCentral may apply it: the answer is always recorded (no cancellable). */
  pkio_workspace_cancel_order_async (self->workspace, self->record, note, NULL, canceled_cb,
                                     change_new (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PkioCancelDialog *dialog;

  dialog = pkio_cancel_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->record);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- revoking ---- */

static void
revoked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioRevokeResult) revoked = pkio_workspace_revoke_finish (PKIO_WORKSPACE (source),
                                                                      result);
  g_autoptr(PkioHistoryDetails) self = NULL;

  /* CertCentral's refusal, the unknown outcome and the rest are shown as they are; the record
   * (its status line, its timeline) says the rest. */
  self = change_finish (user_data, revoked->error, _("Revocation requested"));
}

static void
revoke_response_cb (PkioRevokeDialog   *dialog,
                    const char         *response,
                    PkioHistoryDetails *self)
{
  if (g_strcmp0 (response, "revoke") != 0 || self->record == NULL)
    return;
  _pkio_history_details_show_error (self, NULL);
  _pkio_history_details_set_busy (self, TRUE);
  /* Journaled before it leaves, sent once: never cancelled once asked. */
  pkio_workspace_revoke_async (self->workspace, self->record,
                               pkio_revoke_dialog_get_reason (dialog),
                               pkio_revoke_dialog_get_comment (dialog), NULL, revoked_cb,
                               change_new (self));
}

static void
open_revoke_dialog (PkioHistoryDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PkioRevokeDialog *dialog;

  dialog = pkio_revoke_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->record);
  g_signal_connect_object (dialog, "response", G_CALLBACK (revoke_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
revoke_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PkioRevokeState state = pkio_workspace_check_revoke_finish (PKIO_WORKSPACE (source), result,
                                                              NULL, &error);
  PkioHistoryDetails *self = user_data;

  if (read_failed (user_data, error))
    return;
  _pkio_history_details_set_busy (self, FALSE);
  if (state == PKIO_REVOKE_NONE)
    open_revoke_dialog (self);
  else
    _pkio_history_details_show_toast (self, _("CertCentral has the request to revoke it"));
}

static void
revoke_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  _pkio_history_details_show_error (self, NULL);
  if (pkio_history_record_get_revoke_state (self->record) != PKIO_REVOKE_UNKNOWN)
    {
      open_revoke_dialog (self);
      return;
    }
  /* The last request's outcome is unknown: order info says whether CertCentral has it before
   * anything may be asked again. */
  _pkio_history_details_set_busy (self, TRUE);
  pkio_workspace_check_revoke_async (self->workspace, self->record, self->cancellable,
                                     revoke_checked_cb, self);
}

static void
linked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryDetails) self = NULL;

  pkio_workspace_link_order_finish (PKIO_WORKSPACE (source), result, &error);
  self = change_finish (user_data, error, _("Recorded as placed"));
}

/* "This is my order" on one of the candidates: the person knows which one they placed. */
static void
link_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  _pkio_history_details_show_error (self, NULL);
  _pkio_history_details_set_busy (self, TRUE);
  pkio_workspace_link_order_async (self->workspace, self->record, g_variant_get_int64 (parameter),
                                   NULL, linked_cb, change_new (self));
}

void
_pkio_history_details_class_actions_init (PkioHistoryDetailsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "details.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "details.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "details.revoke", NULL, revoke_action_cb);
  gtk_widget_class_install_action (widget_class, "details.copy-id", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "details.check-outcome", NULL,
                                   check_action_cb);
  gtk_widget_class_install_action (widget_class, "details.link-order", "x", link_action_cb);
}
