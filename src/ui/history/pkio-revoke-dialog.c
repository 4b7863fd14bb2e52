/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-revoke-dialog.h"
#include "pkio-revoke-sender.h"

struct _PkioRevokeDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *lost_check;
  GtkCheckButton   *left_check;
  GtkCheckButton   *wrong_check;
  GtkCheckButton   *other_check;
  GtkEntry         *comment_entry;
  GtkLabel         *hint_label;
};

G_DEFINE_FINAL_TYPE (PkioRevokeDialog, pkio_revoke_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* -1 while none is chosen. */
static int
chosen_reason (PkioRevokeDialog *self)
{
  if (gtk_check_button_get_active (self->lost_check))
    return PKIO_REVOKE_REASON_LOST;
  if (gtk_check_button_get_active (self->left_check))
    return PKIO_REVOKE_REASON_LEFT;
  if (gtk_check_button_get_active (self->wrong_check))
    return PKIO_REVOKE_REASON_WRONG_DETAILS;
  if (gtk_check_button_get_active (self->other_check))
    return PKIO_REVOKE_REASON_OTHER;
  return -1;
}

static void
changed_cb (PkioRevokeDialog *self)
{
  int reason = chosen_reason (self);
  g_autofree char *comment = NULL;

  /* The sender's own rule: another reason needs words, none may be too long. */
  if (reason >= 0)
    comment = pkio_revoke_comment_normalize ((PkioRevokeReason) reason,
                                             gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)),
                                             NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "revoke",
                                           reason >= 0 && comment != NULL);
}

static void
pkio_revoke_dialog_class_init (PkioRevokeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/history/pkio-revoke-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioRevokeDialog, lost_check);
  gtk_widget_class_bind_template_child (widget_class, PkioRevokeDialog, left_check);
  gtk_widget_class_bind_template_child (widget_class, PkioRevokeDialog, wrong_check);
  gtk_widget_class_bind_template_child (widget_class, PkioRevokeDialog, other_check);
  gtk_widget_class_bind_template_child (widget_class, PkioRevokeDialog, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, PkioRevokeDialog, hint_label);
}

static void
pkio_revoke_dialog_init (PkioRevokeDialog *self)
{
  GtkCheckButton *checks[4];

  gtk_widget_init_template (GTK_WIDGET (self));
  checks[0] = self->lost_check;
  checks[1] = self->left_check;
  checks[2] = self->wrong_check;
  checks[3] = self->other_check;
  /* The reasons' words are the core's, as the timeline and the command line say them. */
  gtk_check_button_set_label (self->lost_check,
                              pkio_revoke_reason_label (PKIO_REVOKE_REASON_LOST));
  gtk_check_button_set_label (self->left_check,
                              pkio_revoke_reason_label (PKIO_REVOKE_REASON_LEFT));
  gtk_check_button_set_label (self->wrong_check,
                              pkio_revoke_reason_label (PKIO_REVOKE_REASON_WRONG_DETAILS));
  gtk_check_button_set_label (self->other_check,
                              pkio_revoke_reason_label (PKIO_REVOKE_REASON_OTHER));
  /* As in the cancel dialog: GTK 4.8 reads the hint best as the field's own description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->hint_label), -1);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      /* A reason is longer than a 360 px window in Dutch: unwrapped, it made the dialog wider
       * than the window (AdwMessageDialog cannot be narrower than its content). GTK 4.8 makes
       * the label itself and reaches it only through the widget tree (get_child is NULL). */
      GtkWidget *label = gtk_widget_get_last_child (GTK_WIDGET (checks[i]));

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
        }
      g_signal_connect_object (checks[i], "toggled", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->comment_entry, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
}

PkioRevokeDialog *
pkio_revoke_dialog_new (GtkWindow         *parent,
                        PkioHistoryRecord *record)
{
  PkioRevokeDialog *self;
  g_autofree char *holder = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (record), NULL);

  self = g_object_new (PKIO_TYPE_REVOKE_DIALOG, "transient-for", parent, NULL);
  holder = pkio_history_record_dup_holder_label (record);
  /* Translators: %s is the certificate holder (name and email), %ld the order number */
  body = g_strdup_printf (_("The certificate of %s (order %ld) will no longer be usable. "
                            "Revocation cannot be undone. An administrator of your CertCentral "
                            "account approves the request first."),
                          holder, (long) pkio_history_record_get_order_id (record));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

PkioRevokeReason
pkio_revoke_dialog_get_reason (PkioRevokeDialog *self)
{
  int reason;

  g_return_val_if_fail (PKIO_IS_REVOKE_DIALOG (self), PKIO_REVOKE_REASON_OTHER);

  reason = chosen_reason (self);
  return reason >= 0 ? (PkioRevokeReason) reason : PKIO_REVOKE_REASON_OTHER;
}

const char *
pkio_revoke_dialog_get_comment (PkioRevokeDialog *self)
{
  g_return_val_if_fail (PKIO_IS_REVOKE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
}
