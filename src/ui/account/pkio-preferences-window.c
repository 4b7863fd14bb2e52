/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-accessible.h"
#include "pkio-client.h"
#include "pkio-key-replacer.h"
#include "pkio-key-text.h"
#include "pkio-money.h"
#include "pkio-preferences-window.h"
#include "pkio-settings-choice.h"
#include "pkio-settings-lock.h"
#include "pkio-weak-ref.h"

struct _PkioPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwPreferencesGroup  *account_group;
  AdwActionRow         *user_row;
  AdwActionRow         *account_row;
  AdwActionRow         *balance_row;
  AdwPasswordEntryRow  *replace_row;
  AdwActionRow         *remove_row;
  GtkButton            *remove_button;
  AdwPreferencesGroup  *connection_group;
  AdwEntryRow          *api_base_url_row;
  AdwActionRow         *reset_url_row;
  AdwComboRow          *language_row;
  GtkSwitch            *history_auto_refresh_switch;
  AdwComboRow          *expiry_warning_days_row;

  GSettings            *settings;
  PkioWorkspace        *workspace;
  GCancellable         *cancellable;   /* reads: whom the key belongs to, the balance */
  PkioKeyReplacer      *replacer;      /* of replace_row */
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (PkioPreferencesWindow, pkio_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_WORKSPACE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
api_url_apply_cb (PkioPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_base_url_row))));
  g_autoptr(GError) error = NULL;

  /* Set by the organisation: the row offers no Apply then, and nothing is ever written. */
  if (!g_settings_is_writable (self->settings, "api-base-url"))
    return;

  /* The client refuses such an address too; checking here tells the person at once. */
  if (!pkio_client_check_base_url (text, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s For example: https://certcentral.digicert.eu/services/v2/"),
                         error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->api_base_url_row), "error");
      pkio_accessible_describe_field (GTK_WIDGET (self->api_base_url_row), message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->api_base_url_row), "error");
  pkio_accessible_describe_field (GTK_WIDGET (self->api_base_url_row), NULL);
  g_settings_set_string (self->settings, "api-base-url", text);
}

/* The address as stored (what the organisation set, when it locked it). */
static void
show_api_url (PkioPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "api-base-url");

  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->api_base_url_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->api_base_url_row), url);
}

static void
show_toast (PkioPreferencesWindow *self,
            const char            *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
reset_url_clicked_cb (PkioPreferencesWindow *self)
{
  if (!g_settings_is_writable (self->settings, "api-base-url"))
    return;
  g_settings_reset (self->settings, "api-base-url");
  show_api_url (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->api_base_url_row), "error");
  pkio_accessible_describe_field (GTK_WIDGET (self->api_base_url_row), NULL);
}

/* PKIO_ORDERS_API_URL sets the address for this session, unless the organisation locked it
 * (then the variable is ignored; pkio_client_resolve_base_url () warns). */
static void
update_connection_note (PkioPreferencesWindow *self)
{
  gboolean overridden = g_getenv ("PKIO_ORDERS_API_URL") != NULL
                        && g_settings_is_writable (self->settings, "api-base-url");

  adw_preferences_group_set_description (
    self->connection_group,
    overridden
    ? _("The environment variable PKIO_ORDERS_API_URL sets the address for this session; the "
        "address below is used when it is not set.")
    : _("Orders go to DigiCert CertCentral Europe. Change the address only when your "
        "organisation uses a proxy."));
}

/* ---- language ---- */

/* The rows of language_row, in order, as stored in the "language" setting. */
/* The values of the language setting, in the row's order ("": the system's). */
static const char * const language_codes[] = { "", "en", "nl", NULL };
/* The values of expiry-warning-days, in expiry_warning_days_row's order. */
static const char * const expiry_warning_days[] = { "30", "60", "90", NULL };

/* ---- the account ---- */

static void
user_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApiUser) user = NULL;
  PkioPreferencesWindow *self;

  user = pkio_workspace_get_user_finish (PKIO_WORKSPACE (source), result, &error);
  /* A read: a window closed meanwhile cancelled it, and is not touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (user == NULL)
    {
      adw_action_row_set_subtitle (self->user_row, pkio_key_text_for_stored_key_error (error));
      return;
    }
  {
    g_autofree char *name = pkio_api_user_dup_name (user);
    g_autofree char *subtitle = user->email != NULL && *user->email != '\0'
                                ? g_strdup_printf ("%s <%s>", name, user->email)
                                : g_strdup (name);
    g_autofree char *account = NULL;

    adw_action_row_set_subtitle (self->user_row, subtitle);
    if (user->container_name != NULL && user->account_id > 0)
      /* Translators: a CertCentral division, then the account number */
      account = g_strdup_printf (_("%s (account %ld)"), user->container_name,
                                 (long) user->account_id);
    else if (user->account_id > 0)
      account = g_strdup_printf ("%ld", (long) user->account_id);
    adw_action_row_set_subtitle (self->account_row, account != NULL ? account : "—");
  }
}

static void
balance_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBalance) balance = NULL;
  g_autofree char *text = NULL;
  PkioPreferencesWindow *self;

  balance = pkio_workspace_get_balance_finish (PKIO_WORKSPACE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  /* Accounts that do not pay from a balance (or may not see it) simply show none. */
  gtk_widget_set_visible (GTK_WIDGET (self->balance_row), balance != NULL);
  if (balance == NULL)
    return;
  text = pkio_money_format (balance);
  adw_action_row_set_subtitle (self->balance_row, text);
}

static void
update_account (PkioPreferencesWindow *self)
{
  gboolean practice = pkio_workspace_get_practice (self->workspace);
  gboolean ready = pkio_workspace_get_state (self->workspace) == PKIO_WORKSPACE_STATE_READY;

  adw_preferences_group_set_description (
    self->account_group,
    practice ? _("Practice mode: orders go to the simulator on this computer, and no key is "
                 "used or stored.")
             : ready ? NULL : _("No API key is stored for this address."));
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), ready);
  gtk_widget_set_visible (GTK_WIDGET (self->account_row), ready);
  if (!ready)
    gtk_widget_set_visible (GTK_WIDGET (self->balance_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replace_row), !practice);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_row), !practice && ready);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->replace_row),
                                 ready ? _("Replace key") : _("API key"));
  if (!ready)
    return;
  adw_action_row_set_subtitle (self->user_row, _("Asking CertCentral…"));
  adw_action_row_set_subtitle (self->account_row, "…");
  pkio_workspace_get_user_async (self->workspace, self->cancellable, user_cb, self);
  pkio_workspace_get_balance_async (self->workspace, self->cancellable, balance_cb, self);
}

/* Replace: the shared checked replacement (pkio-key-replacer.h), on the replace row. */

/* The key rows follow "busy" (pkio-preferences-window.ui). */
static void
set_busy (PkioPreferencesWindow *self,
          gboolean               busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
replacer_busy_cb (PkioPreferencesWindow *self)
{
  set_busy (self, pkio_key_replacer_get_busy (self->replacer));
}

static void
replace_failed_cb (PkioPreferencesWindow *self,
                   const char            *text)
{
  show_toast (self, text);
}

static void
replaced_cb (PkioPreferencesWindow *self,
             const char            *who)
{
  show_toast (self, _("The new key is saved"));
  update_account (self);
}

/* Remove: after a confirmation; the main window then shows the welcome page. */

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioPreferencesWindow) self = pkio_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  pkio_workspace_forget_key_finish (PKIO_WORKSPACE (source), result, &error);
  if (self == NULL)
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The key could not be removed: %s"),
                                               error->message);

      show_toast (self, text);
      return;
    }
  /* The main window now shows the welcome page, and says the key is gone. */
  gtk_window_close (GTK_WINDOW (self));
}

static void
remove_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    PkioPreferencesWindow *self)
{
  if (g_strcmp0 (response, "remove") != 0 || self->busy)
    return;
  set_busy (self, TRUE);
  pkio_workspace_forget_key_async (self->workspace, NULL, removed_cb, pkio_weak_ref_new (self));
}

static void
remove_key_clicked_cb (PkioPreferencesWindow *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), _("Remove the API key?"),
                            _("The key is removed from this computer’s keyring; it stays valid "
                              "in CertCentral. Until a key is added again, the app cannot "
                              "place orders or update the history.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pkio_preferences_window_constructed (GObject *object)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);
  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->constructed (object);

  show_api_url (self);
  /* The address as it is stored: also when the organisation sets it while the window is open. */
  g_signal_connect_object (self->settings, "changed::api-base-url", G_CALLBACK (show_api_url),
                           self, G_CONNECT_SWAPPED);
  update_connection_note (self);
  g_signal_connect_object (self->settings, "writable-changed::api-base-url",
                           G_CALLBACK (update_connection_note), self, G_CONNECT_SWAPPED);
  /* A locked address cannot be reset either. */
  g_settings_bind_writable (self->settings, "api-base-url", self->reset_url_row, "visible",
                            FALSE);
  g_settings_bind (self->settings, "history-auto-refresh", self->history_auto_refresh_switch,
                   "active", G_SETTINGS_BIND_DEFAULT);
  pkio_settings_bind_choice (self->settings, "language", self->language_row, language_codes);
  pkio_settings_bind_choice (self->settings, "expiry-warning-days",
                             self->expiry_warning_days_row, expiry_warning_days);
  /* Every row named after its setting shows whether the organisation locked it. */
  pkio_settings_lock_show_rows (self->settings, GTK_WIDGET (self));
  self->replacer = pkio_key_replacer_new (self->workspace, ADW_ENTRY_ROW (self->replace_row));
  g_signal_connect_object (self->replacer, "notify::busy", G_CALLBACK (replacer_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replacer, "failed", G_CALLBACK (replace_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replacer, "replaced", G_CALLBACK (replaced_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::state", G_CALLBACK (update_account), self,
                           G_CONNECT_SWAPPED);
  update_account (self);
}

static void
pkio_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_dispose (GObject *object)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->replacer);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->dispose (object);
}

static void
pkio_preferences_window_class_init (PkioPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pkio_preferences_window_constructed;
  object_class->dispose = pkio_preferences_window_dispose;
  object_class->get_property = pkio_preferences_window_get_property;
  object_class->set_property = pkio_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, PKIO_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A key is being checked, stored or removed. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, RESOURCE_PREFIX "/account/pkio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, balance_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, replace_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, remove_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, connection_group);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, reset_url_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow,
                                        history_auto_refresh_switch);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow,
                                        expiry_warning_days_row);
  gtk_widget_class_bind_template_callback (widget_class, api_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_url_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_key_clicked_cb);
}

static void
pkio_preferences_window_init (PkioPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_accessible_fix_entry_row (ADW_ENTRY_ROW (self->replace_row));
  pkio_accessible_fix_entry_row (self->api_base_url_row);
  self->cancellable = g_cancellable_new ();
}

PkioPreferencesWindow *
pkio_preferences_window_new (GSettings     *settings,
                             PkioWorkspace *workspace)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (PKIO_IS_WORKSPACE (workspace), NULL);

  return g_object_new (PKIO_TYPE_PREFERENCES_WINDOW, "settings", settings, "workspace",
                       workspace, NULL);
}
