/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-paths.h"
#include "pkio-settings.h"
#include "pkio-workspace-private.h"

G_DEFINE_FINAL_TYPE (PkioWorkspace, pkio_workspace, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PkioKeyState, pkio_key_state,
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_LOOKING, "looking"),
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_AVAILABLE, "available"),
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_UNAVAILABLE, "unavailable"))

G_DEFINE_ENUM_TYPE (PkioWorkspaceState, pkio_workspace_state,
  G_DEFINE_ENUM_VALUE (PKIO_WORKSPACE_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (PKIO_WORKSPACE_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (PKIO_WORKSPACE_STATE_NO_KEY, "no-key"),
  G_DEFINE_ENUM_VALUE (PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE, "keyring-unavailable"),
  G_DEFINE_ENUM_VALUE (PKIO_WORKSPACE_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_PRACTICE,
  PROP_BASE_URL,
  PROP_KEY_STATE,
  PROP_KEY_MESSAGE,
  PROP_CLIENT,
  PROP_STORE,
  PROP_RECOVERED_PATH,
  PROP_LOADED,
  PROP_STATE,
  PROP_STATE_MESSAGE,
  PROP_SYNCING,
  PROP_KEY_REJECTED,
  PROP_CUSTOM_FIELDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state ---- */

void
_pkio_workspace_finish_waiters (GPtrArray    *waiters,
                                const GError *error)
{
  /* Callbacks may queue new waiters: finish the ones there are now. */
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  while (waiters->len > 0)
    g_ptr_array_add (tasks, g_ptr_array_steal_index (waiters, 0));
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static PkioWorkspaceState
compute_state (PkioWorkspace *self)
{
  if (!self->loaded)
    return self->history_error != NULL && self->load_pending == 0
           ? PKIO_WORKSPACE_STATE_FAILED : PKIO_WORKSPACE_STATE_LOADING;
  switch (self->key_state)
    {
    case PKIO_KEY_STATE_AVAILABLE: return PKIO_WORKSPACE_STATE_READY;
    case PKIO_KEY_STATE_NONE: return PKIO_WORKSPACE_STATE_NO_KEY;
    case PKIO_KEY_STATE_UNAVAILABLE: return PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE;
    case PKIO_KEY_STATE_LOOKING:
    default:
      return PKIO_WORKSPACE_STATE_LOADING;
    }
}

/* "state" is derived from the key and the history; it is notified only when it changes. */
void
_pkio_workspace_update_state (PkioWorkspace *self)
{
  PkioWorkspaceState state = compute_state (self);

  if (state == self->state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_pkio_workspace_set_key_state (PkioWorkspace *self,
                               PkioKeyState   state,
                               const char    *message)
{
  g_free (self->key_message);
  self->key_message = g_strdup (message);
  self->key_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_STATE]);
  _pkio_workspace_update_state (self);
}

void
_pkio_workspace_set_syncing (PkioWorkspace *self,
                             gboolean       syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_key_rejected (PkioWorkspace *self,
                  gboolean       rejected)
{
  if (self->key_rejected == rejected)
    return;
  self->key_rejected = rejected;
  g_debug ("the API key is %s", rejected ? "rejected by CertCentral" : "accepted again");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_REJECTED]);
}

/* Every answer of CertCentral to the account's client says what it thinks of the key. */
static void
key_answered_cb (PkioWorkspace *self,
                 gboolean       accepted)
{
  set_key_rejected (self, !accepted);
}

static void
set_client (PkioWorkspace *self,
            PkioClient    *client)
{
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, key_answered_cb, self);
  if (!g_set_object (&self->client, client))
    return;
  /* Another key (or none): what CertCentral said of the one before does not hold for it. */
  set_key_rejected (self, FALSE);
  _pkio_workspace_forget_custom_fields (self);
  if (client != NULL)
    g_signal_connect_object (client, "key-answered", G_CALLBACK (key_answered_cb), self,
                             G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
_pkio_workspace_forget_client (PkioWorkspace *self)
{
  set_client (self, NULL);
}

gboolean
_pkio_workspace_use_key (PkioWorkspace  *self,
                         const char     *key,
                         GError        **error)
{
  g_autoptr(PkioClient) client = pkio_client_new (self->base_url, key, error);

  if (client == NULL)
    return FALSE;
  set_client (self, client);
  _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_AVAILABLE, NULL);
  return TRUE;
}

/* ---- GObject ---- */

static void
store_recovered_cb (PkioWorkspace *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERED_PATH]);
}

static void
pkio_workspace_constructed (GObject *object)
{
  PkioWorkspace *self = PKIO_WORKSPACE (object);
  g_autofree char *path = pkio_paths_history_file (self->practice);

  G_OBJECT_CLASS (pkio_workspace_parent_class)->constructed (object);

  /* Practice mode learns its URL when the simulator starts. */
  if (!self->practice)
    self->base_url = pkio_client_resolve_base_url (self->settings);
  self->store = pkio_history_store_new (path);
  g_signal_connect_object (self->store, "recovered-from-corruption",
                           G_CALLBACK (store_recovered_cb), self, G_CONNECT_SWAPPED);
  /* Preferences change the address live: the account follows at once. */
  if (self->settings != NULL && !self->practice)
    g_signal_connect_object (self->settings, "changed::api-base-url",
                             G_CALLBACK (_pkio_workspace_base_url_setting_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
pkio_workspace_finalize (GObject *object)
{
  PkioWorkspace *self = PKIO_WORKSPACE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->key_message, g_free);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->simulator);
  g_clear_pointer (&self->load_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->sync_waiters, g_ptr_array_unref);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->history_error, g_free);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  g_clear_pointer (&self->active_custom_fields, g_ptr_array_unref);
  g_clear_pointer (&self->custom_field_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (pkio_workspace_parent_class)->finalize (object);
}

static void
pkio_workspace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PkioWorkspace *self = PKIO_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    case PROP_PRACTICE: g_value_set_boolean (value, self->practice); break;
    case PROP_BASE_URL: g_value_set_string (value, self->base_url); break;
    case PROP_KEY_STATE: g_value_set_enum (value, self->key_state); break;
    case PROP_KEY_MESSAGE: g_value_set_string (value, self->key_message); break;
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_RECOVERED_PATH:
      g_value_set_string (value, pkio_workspace_get_recovered_path (self));
      break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_STATE_MESSAGE:
      g_value_set_string (value, pkio_workspace_get_state_message (self));
      break;
    case PROP_SYNCING: g_value_set_boolean (value, self->syncing); break;
    case PROP_KEY_REJECTED: g_value_set_boolean (value, self->key_rejected); break;
    case PROP_CUSTOM_FIELDS: g_value_set_boxed (value, self->active_custom_fields); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_workspace_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PkioWorkspace *self = PKIO_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    case PROP_PRACTICE: self->practice = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_workspace_class_init (PkioWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pkio_workspace_constructed;
  object_class->finalize = pkio_workspace_finalize;
  object_class->get_property = pkio_workspace_get_property;
  object_class->set_property = pkio_workspace_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, co);
  properties[PROP_PRACTICE] = g_param_spec_boolean ("practice", NULL, NULL, FALSE, co);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, ro);
  properties[PROP_KEY_STATE] = g_param_spec_enum ("key-state", NULL, NULL, PKIO_TYPE_KEY_STATE,
                                                  PKIO_KEY_STATE_LOOKING, ro);
  properties[PROP_KEY_MESSAGE] = g_param_spec_string ("key-message", NULL, NULL, NULL, ro);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, PKIO_TYPE_CLIENT, ro);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, PKIO_TYPE_HISTORY_STORE, ro);
  properties[PROP_RECOVERED_PATH] = g_param_spec_string ("recovered-path", NULL, NULL, NULL, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PKIO_TYPE_WORKSPACE_STATE,
                                              PKIO_WORKSPACE_STATE_LOADING, ro);
  properties[PROP_STATE_MESSAGE] = g_param_spec_string ("state-message", NULL, NULL, NULL, ro);
  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, ro);
  properties[PROP_KEY_REJECTED] = g_param_spec_boolean ("key-rejected", NULL, NULL, FALSE, ro);
  properties[PROP_CUSTOM_FIELDS] = g_param_spec_boxed ("custom-fields", NULL, NULL,
                                                       G_TYPE_PTR_ARRAY, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_workspace_init (PkioWorkspace *self)
{
  self->key_state = PKIO_KEY_STATE_LOOKING;
  self->load_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->sync_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->keyring_timeout_ms = PKIO_WORKSPACE_KEYRING_TIMEOUT_S * 1000;
}

PkioWorkspace *
pkio_workspace_new (GSettings *settings,
                    gboolean   practice)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (PKIO_TYPE_WORKSPACE, "settings", settings, "practice", practice, NULL);
}

gboolean
pkio_workspace_get_practice (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), FALSE);
  return self->practice;
}

gboolean
pkio_workspace_get_needs_key (PkioWorkspace *self)
{
  PkioWorkspaceState state;

  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), FALSE);
  state = pkio_workspace_get_state (self);
  return !self->practice
         && (state == PKIO_WORKSPACE_STATE_NO_KEY
             || state == PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE);
}

guint
pkio_workspace_get_expiry_warning_days (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
  return pkio_settings_get_expiry_warning_days (self->settings);
}

gboolean
pkio_workspace_is_loaded (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), FALSE);
  return self->loaded;
}

const char *
pkio_workspace_get_base_url (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return self->base_url;
}

PkioKeyState
pkio_workspace_get_key_state (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), PKIO_KEY_STATE_LOOKING);
  return self->key_state;
}

const char *
pkio_workspace_get_key_message (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return self->key_message;
}

PkioClient *
pkio_workspace_get_client (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return self->client;
}

PkioHistoryStore *
pkio_workspace_get_store (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return self->store;
}

const char *
pkio_workspace_get_recovered_path (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return pkio_history_store_get_recovered_path (self->store);
}

PkioSimulator *
pkio_workspace_get_simulator (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return self->simulator;
}

PkioWorkspaceState
pkio_workspace_get_state (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), PKIO_WORKSPACE_STATE_LOADING);
  return self->state;
}

const char *
pkio_workspace_get_state_message (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);

  switch (self->state)
    {
    case PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE: return self->key_message;
    case PKIO_WORKSPACE_STATE_FAILED: return self->history_error;
    case PKIO_WORKSPACE_STATE_LOADING:
    case PKIO_WORKSPACE_STATE_READY:
    case PKIO_WORKSPACE_STATE_NO_KEY:
    default:
      return NULL;
    }
}

gboolean
pkio_workspace_get_key_rejected (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), FALSE);
  return self->key_rejected;
}

gboolean
pkio_workspace_get_syncing (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), FALSE);
  return self->syncing;
}

const char *
pkio_workspace_get_history_path (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return pkio_history_store_get_path (self->store);
}

void
_pkio_workspace_set_practice_examples (PkioWorkspace *self,
                                       gboolean       examples)
{
  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  self->no_examples = !examples;
}

void
_pkio_workspace_set_keyring_timeout (PkioWorkspace *self,
                                     guint          timeout_ms)
{
  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  self->keyring_timeout_ms = MAX (timeout_ms, 1);
}
