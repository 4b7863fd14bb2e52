/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"


#include "pkio-accessible.h"
#include "pkio-key-replacer.h"
#include "pkio-replace-key-dialog.h"

struct _PkioReplaceKeyDialog
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwPasswordEntryRow *key_row;
  GtkLabel            *message_label;
  GtkButton           *save_button;

  PkioKeyReplacer     *replacer;
};

G_DEFINE_FINAL_TYPE (PkioReplaceKeyDialog, pkio_replace_key_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_save_button (PkioReplaceKeyDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autofree char *key = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            *key != '\0' && self->replacer != NULL
                            && !pkio_key_replacer_get_busy (self->replacer));
}

static void
key_changed_cb (PkioReplaceKeyDialog *self)
{
  update_save_button (self);
}

/* The button does what Enter (or the row's own apply button) does. */
static void
save_clicked_cb (PkioReplaceKeyDialog *self)
{
  g_signal_emit_by_name (self->key_row, "apply");
}

static void
failed_cb (PkioReplaceKeyDialog *self,
           const char           *text)
{
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
replaced_cb (PkioReplaceKeyDialog *self,
             const char           *who)
{
  g_signal_emit (self, signals[SIGNAL_REPLACED], 0, who);
  gtk_window_close (GTK_WINDOW (self));
}

static void
busy_cb (PkioReplaceKeyDialog *self)
{
  if (pkio_key_replacer_get_busy (self->replacer))
    gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  update_save_button (self);
}

static void
pkio_replace_key_dialog_dispose (GObject *object)
{
  PkioReplaceKeyDialog *self = PKIO_REPLACE_KEY_DIALOG (object);

  /* Before the row goes: the replacer holds it. */
  g_clear_object (&self->replacer);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_REPLACE_KEY_DIALOG);

  G_OBJECT_CLASS (pkio_replace_key_dialog_parent_class)->dispose (object);
}

static void
pkio_replace_key_dialog_class_init (PkioReplaceKeyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_replace_key_dialog_dispose;

  signals[SIGNAL_REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, RESOURCE_PREFIX "/account/pkio-replace-key-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioReplaceKeyDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, PkioReplaceKeyDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PkioReplaceKeyDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  /* As every dialog of the app: Escape closes it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pkio_replace_key_dialog_init (PkioReplaceKeyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_accessible_fix_entry_row (ADW_ENTRY_ROW (self->key_row));
}

PkioReplaceKeyDialog *
pkio_replace_key_dialog_new (GtkWindow     *parent,
                             PkioWorkspace *workspace)
{
  PkioReplaceKeyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PKIO_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PKIO_TYPE_REPLACE_KEY_DIALOG, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->replacer = pkio_key_replacer_new (workspace, ADW_ENTRY_ROW (self->key_row));
  g_signal_connect_object (self->replacer, "failed", G_CALLBACK (failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replacer, "replaced", G_CALLBACK (replaced_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replacer, "notify::busy", G_CALLBACK (busy_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
