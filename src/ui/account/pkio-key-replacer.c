/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-accessible.h"
#include "pkio-key-replacer.h"
#include "pkio-key-text.h"
#include "pkio-weak-ref.h"

struct _PkioKeyReplacer
{
  GObject        parent_instance;

  PkioWorkspace *workspace;
  AdwEntryRow   *row;
  GCancellable  *cancellable;   /* the check; storing is never cancelled once asked */
  char          *who;           /* whom the key being stored belongs to */
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (PkioKeyReplacer, pkio_key_replacer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REPLACED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (PkioKeyReplacer *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  /* Read-only, not insensitive: the field keeps the focus (and a screen reader its place). */
  gtk_editable_set_editable (GTK_EDITABLE (self->row), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
fail (PkioKeyReplacer *self,
      const char      *text)
{
  set_busy (self, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->row), "error");
  pkio_accessible_describe_field (GTK_WIDGET (self->row), text);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, text);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioKeyReplacer) self = pkio_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;

  pkio_workspace_set_key_finish (PKIO_WORKSPACE (source), result, &error);
  if (self == NULL)
    return;
  if (error != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("The key could not be kept in the keyring, so it was not saved. %s"),
                         error->message);

      fail (self, text);
      return;
    }
  who = g_steal_pointer (&self->who);
  gtk_editable_set_text (GTK_EDITABLE (self->row), "");
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_REPLACED], 0, who);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApiUser) user = NULL;
  g_autofree char *key = NULL;
  PkioKeyReplacer *self;

  user = pkio_workspace_check_key_finish (PKIO_WORKSPACE (source), result, &error);
  /* A read: a replacer disposed meanwhile cancelled it, and is not touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (user == NULL || !pkio_api_user_can_order (user))
    {
      fail (self, user == NULL ? pkio_key_text_for_check_error (error)
                               : pkio_key_text_view_only ());
      return;
    }
  g_free (self->who);
  self->who = pkio_key_text_describe_user (user);
  /* Storing is never cancelled once asked: a key the keyring took must be used. */
  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row))));
  pkio_workspace_set_key_async (self->workspace, key, NULL, stored_cb, pkio_weak_ref_new (self));
  explicit_bzero (key, strlen (key));
}

static void
apply_cb (PkioKeyReplacer *self)
{
  g_autofree char *key =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row))));

  if (self->busy || *key == '\0')
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->row), "error");
  pkio_accessible_describe_field (GTK_WIDGET (self->row), NULL);
  set_busy (self, TRUE);
  pkio_workspace_check_key_async (self->workspace, key, self->cancellable, checked_cb, self);
  explicit_bzero (key, strlen (key));
}

static void
pkio_key_replacer_dispose (GObject *object)
{
  PkioKeyReplacer *self = PKIO_KEY_REPLACER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->row != NULL)
    g_signal_handlers_disconnect_by_data (self->row, self);
  g_clear_object (&self->row);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (pkio_key_replacer_parent_class)->dispose (object);
}

static void
pkio_key_replacer_finalize (GObject *object)
{
  PkioKeyReplacer *self = PKIO_KEY_REPLACER (object);

  g_clear_object (&self->cancellable);
  g_free (self->who);

  G_OBJECT_CLASS (pkio_key_replacer_parent_class)->finalize (object);
}

static void
pkio_key_replacer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PkioKeyReplacer *self = PKIO_KEY_REPLACER (object);

  switch (prop_id)
    {
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_key_replacer_class_init (PkioKeyReplacerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_key_replacer_dispose;
  object_class->finalize = pkio_key_replacer_finalize;
  object_class->get_property = pkio_key_replacer_get_property;

  /* A key is being checked or stored. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pkio_key_replacer_init (PkioKeyReplacer *self)
{
  self->cancellable = g_cancellable_new ();
}

PkioKeyReplacer *
pkio_key_replacer_new (PkioWorkspace *workspace,
                       AdwEntryRow   *row)
{
  PkioKeyReplacer *self;

  g_return_val_if_fail (PKIO_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  self = g_object_new (PKIO_TYPE_KEY_REPLACER, NULL);
  self->workspace = g_object_ref (workspace);
  self->row = g_object_ref (row);
  g_signal_connect_swapped (row, "apply", G_CALLBACK (apply_cb), self);
  return self;
}

gboolean
pkio_key_replacer_get_busy (PkioKeyReplacer *self)
{
  g_return_val_if_fail (PKIO_IS_KEY_REPLACER (self), FALSE);
  return self->busy;
}
