/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cancel-dialog.h"
#include "pkio-cancel-note.h"

struct _PkioCancelDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *note_entry;
  GtkLabel         *hint_label;
};

G_DEFINE_FINAL_TYPE (PkioCancelDialog, pkio_cancel_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
note_changed_cb (PkioCancelDialog *self)
{
  adw_message_dialog_set_response_enabled (
    ADW_MESSAGE_DIALOG (self), "cancel-order",
    pkio_cancel_note_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
}

static void
pkio_cancel_dialog_class_init (PkioCancelDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/history/pkio-cancel-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioCancelDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, PkioCancelDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, note_changed_cb);
}

static void
pkio_cancel_dialog_init (PkioCancelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 reads a described-by relation as the label's own description, which it has none
   * of: the hint is given as the field's description itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->hint_label), -1);
}

PkioCancelDialog *
pkio_cancel_dialog_new (GtkWindow         *parent,
                        PkioHistoryRecord *record)
{
  PkioCancelDialog *self;
  const char *name;
  g_autofree char *body = NULL;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (record), NULL);

  self = g_object_new (PKIO_TYPE_CANCEL_DIALOG, "transient-for", parent, NULL);
  name = pkio_history_record_get_holder_name (record);
  /* Translators: %s is the certificate holder's name, %ld the order number */
  body = g_strdup_printf (_("The certificate for %s (order %ld) will not be made and the token "
                            "will not be sent."),
                          name != NULL && *name != '\0' ? name : _("this person"),
                          (long) pkio_history_record_get_order_id (record));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

char *
pkio_cancel_dialog_dup_note (PkioCancelDialog *self)
{
  g_return_val_if_fail (PKIO_IS_CANCEL_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
}
