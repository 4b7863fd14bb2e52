/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-accessible.h"
#include "pkio-key-text.h"
#include "pkio-weak-ref.h"
#include "pkio-welcome-page.h"

struct _PkioWelcomePage
{
  AdwBin             parent_instance;

  /* Template children */
  GtkLabel          *keyring_label;
  AdwPreferencesGroup *connect_group;
  AdwPasswordEntryRow *key_row;
  GtkLabel          *message_label;
  GtkButton         *connect_button;
  GtkButton         *save_unchecked_button;
  GtkButton         *practice_button;

  AdwStatusPage     *status_page;

  PkioWorkspace     *workspace;
  GSignalGroup      *workspace_signals;
  GCancellable      *cancellable;   /* the key check (a read) */
  gboolean           busy;          /* a key is being checked or stored */
  gboolean           can_use_key;   /* not busy, and a key is typed */
  gboolean           practice_allowed;
};

G_DEFINE_FINAL_TYPE (PkioWelcomePage, pkio_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PRACTICE_ALLOWED,
  PROP_BUSY,
  PROP_CAN_USE_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CONNECTED,
  SIGNAL_PRACTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ---- */

static char *
dup_key (PkioWelcomePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
}

static void
free_key (char *key)
{
  if (key != NULL)
    explicit_bzero (key, strlen (key));
  g_free (key);
}

/* A copy of the key, wiped when it goes out of scope. */
typedef char char_key;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_key, free_key)

static void
show_message (PkioWelcomePage *self,
              const char      *text,
              gboolean         is_error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  /* A screen reader says what is wrong with the field it is on; the focus goes there (from the
   * Connect button, which is insensitive while the key is checked). */
  pkio_accessible_describe_field (GTK_WIDGET (self->key_row), is_error ? text : NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
}

/* The buttons' sensitivity and the field's editability are bound to "busy" and
 * "can-use-key" in pkio-welcome-page.ui. */
static void
update_can_use_key (PkioWelcomePage *self)
{
  g_autoptr(char_key) key = dup_key (self);
  gboolean can = !self->busy && *key != '\0';

  if (self->can_use_key == can)
    return;
  self->can_use_key = can;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_USE_KEY]);
}

static void
set_busy (PkioWelcomePage *self,
          gboolean         busy)
{
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  update_can_use_key (self);
}

static void
update_keyring_note (PkioWelcomePage *self)
{
  gboolean unavailable = self->workspace != NULL
    && pkio_workspace_get_state (self->workspace) == PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE;

  if (unavailable)
    gtk_label_set_text (self->keyring_label, pkio_workspace_get_state_message (self->workspace));
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), unavailable);
}

/* ---- storing ---- */

typedef struct
{
  GWeakRef *page;
  char     *who;
} StoreData;

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StoreData *data = user_data;
  g_autoptr(PkioWelcomePage) self = pkio_weak_ref_steal (data->page);
  g_autofree char *who = data->who;
  g_autoptr(GError) error = NULL;

  g_free (data);
  pkio_workspace_set_key_finish (PKIO_WORKSPACE (source), result, &error);
  if (self == NULL)
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *text =
        /* Translators: %s says why the keyring refused, in one or more sentences */
        g_strdup_printf (_("The key could not be kept in the keyring, so it was not saved. %s"),
                         error->message);

      show_message (self, text, TRUE);
      return;
    }
  pkio_welcome_page_reset (self);
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0, who);
}

static void
store_key (PkioWelcomePage *self,
           const char      *who)
{
  g_autoptr(char_key) key = dup_key (self);
  StoreData *data = g_new0 (StoreData, 1);

  data->page = pkio_weak_ref_new (self);
  data->who = g_strdup (who);
  show_message (self, _("Saving the key in your keyring…"), FALSE);
  set_busy (self, TRUE);
  /* Storing is never cancelled once asked: a key the keyring took must be used. */
  pkio_workspace_set_key_async (self->workspace, key, NULL, key_stored_cb, data);
}

/* ---- checking ---- */

static void
show_check_error (PkioWelcomePage *self,
                  const GError    *error)
{
  show_message (self, pkio_key_text_for_check_error (error), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_unchecked_button),
                          g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK));
}

static void
key_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApiUser) user = NULL;
  g_autofree char *who = NULL;
  PkioWelcomePage *self;

  user = pkio_workspace_check_key_finish (PKIO_WORKSPACE (source), result, &error);
  /* A read: a page disposed meanwhile cancelled it, and is not touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  set_busy (self, FALSE);
  if (user == NULL)
    {
      show_check_error (self, error);
      return;
    }
  if (!pkio_api_user_can_order (user))
    {
      show_message (self, pkio_key_text_view_only (), TRUE);
      return;
    }
  who = pkio_key_text_describe_user (user);
  store_key (self, who);
}

static void
connect_activated_cb (PkioWelcomePage *self)
{
  g_autoptr(char_key) key = dup_key (self);

  if (self->busy || self->workspace == NULL || *key == '\0')
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->save_unchecked_button), FALSE);
  show_message (self, _("Checking the key with CertCentral…"), FALSE);
  set_busy (self, TRUE);
  pkio_workspace_check_key_async (self->workspace, key, self->cancellable, key_checked_cb, self);
}

static void
save_unchecked_cb (PkioWelcomePage *self)
{
  if (self->busy || self->workspace == NULL)
    return;
  store_key (self, NULL);
}

static void
key_changed_cb (PkioWelcomePage *self)
{
  update_can_use_key (self);
}

static void
practice_clicked_cb (PkioWelcomePage *self)
{
  if (self->practice_allowed)
    g_signal_emit (self, signals[SIGNAL_PRACTICE], 0);
}

/* ---- practice mode, when the organisation allows it ---- */

static void
update_practice (PkioWelcomePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->practice_button), self->practice_allowed);
  adw_status_page_set_description (
    self->status_page,
    self->practice_allowed
    ? _("Connect the app to your organisation’s account at DigiCert CertCentral Europe to order "
        "citizen certificates. Or try it first: practice mode places no real orders.")
    : _("Connect the app to your organisation’s account at DigiCert CertCentral Europe to order "
        "citizen certificates."));
}

void
pkio_welcome_page_set_practice_allowed (PkioWelcomePage *self,
                                        gboolean         allowed)
{
  g_return_if_fail (PKIO_IS_WELCOME_PAGE (self));

  allowed = !!allowed;
  if (self->practice_allowed == allowed)
    return;
  self->practice_allowed = allowed;
  update_practice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_ALLOWED]);
}

gboolean
pkio_welcome_page_get_practice_allowed (PkioWelcomePage *self)
{
  g_return_val_if_fail (PKIO_IS_WELCOME_PAGE (self), FALSE);

  return self->practice_allowed;
}

/* ---- GObject ---- */

static void
pkio_welcome_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PkioWelcomePage *self = PKIO_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_PRACTICE_ALLOWED:
      g_value_set_boolean (value, self->practice_allowed);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CAN_USE_KEY:
      g_value_set_boolean (value, self->can_use_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_welcome_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PkioWelcomePage *self = PKIO_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_PRACTICE_ALLOWED:
      pkio_welcome_page_set_practice_allowed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_welcome_page_dispose (GObject *object)
{
  PkioWelcomePage *self = PKIO_WELCOME_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (pkio_welcome_page_parent_class)->dispose (object);
}

static void
pkio_welcome_page_finalize (GObject *object)
{
  PkioWelcomePage *self = PKIO_WELCOME_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pkio_welcome_page_parent_class)->finalize (object);
}

static void
pkio_welcome_page_class_init (PkioWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_welcome_page_dispose;
  object_class->finalize = pkio_welcome_page_finalize;
  object_class->get_property = pkio_welcome_page_get_property;
  object_class->set_property = pkio_welcome_page_set_property;

  /* Set from the setting "practice-mode-allowed" (the window binds it). */
  properties[PROP_PRACTICE_ALLOWED] =
    g_param_spec_boolean ("practice-allowed", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A key is being checked or stored. */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  /* Connecting (or saving unchecked) is possible: not busy, and a key is typed. */
  properties[PROP_CAN_USE_KEY] = g_param_spec_boolean ("can-use-key", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE
                                                       | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_PRACTICE] = g_signal_new ("practice", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/account/pkio-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, connect_group);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, key_row);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, save_unchecked_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, practice_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, status_page);
  gtk_widget_class_bind_template_callback (widget_class, connect_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_unchecked_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, practice_clicked_cb);
}

static void
pkio_welcome_page_init (PkioWelcomePage *self)
{
  g_autoptr(GdkTexture) icon = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The application's icon, rendered from its SVG (build-aux/render-welcome-icon.py): GTK
   * draws an SVG through librsvg, which a first start would load for this icon alone, 6-7 MiB
   * (README, Performance). 256 px, so that it stays sharp at scale 2. */
  icon = gdk_texture_new_from_resource (RESOURCE_PREFIX "/account/pkio-welcome-icon.png");
  adw_status_page_set_paintable (self->status_page, GDK_PAINTABLE (icon));
  pkio_accessible_fix_entry_row (ADW_ENTRY_ROW (self->key_row));
  self->cancellable = g_cancellable_new ();
  self->practice_allowed = TRUE;
  update_practice (self);
  self->workspace_signals = g_signal_group_new (PKIO_TYPE_WORKSPACE);
  g_signal_group_connect_object (self->workspace_signals, "notify::state",
                                 G_CALLBACK (update_keyring_note), self, G_CONNECT_SWAPPED);
}

PkioWelcomePage *
pkio_welcome_page_new (void)
{
  return g_object_new (PKIO_TYPE_WELCOME_PAGE, NULL);
}

void
pkio_welcome_page_set_workspace (PkioWelcomePage *self,
                                 PkioWorkspace   *workspace)
{
  g_return_if_fail (PKIO_IS_WELCOME_PAGE (self));
  g_return_if_fail (workspace == NULL || PKIO_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;
  g_signal_group_set_target (self->workspace_signals, workspace);
  update_keyring_note (self);
}

void
pkio_welcome_page_reset (PkioWelcomePage *self)
{
  g_return_if_fail (PKIO_IS_WELCOME_PAGE (self));

  /* GtkPasswordEntry keeps its text in non-pageable memory that it wipes when replaced. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_unchecked_button), FALSE);
  show_message (self, NULL, FALSE);
  update_can_use_key (self);
}
