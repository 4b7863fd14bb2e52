/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-credentials.h"
#include "pkio-paths.h"
#include "pkio-practice.h"
#include "pkio-workspace-private.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (PkioWorkspace, pkio_workspace, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PkioKeyState, pkio_key_state,
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_LOOKING, "looking"),
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_AVAILABLE, "available"),
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PKIO_KEY_STATE_UNAVAILABLE, "unavailable"))

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- loading ---- */

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
}

gboolean
_pkio_workspace_use_key (PkioWorkspace  *self,
                         const char     *key,
                         GError        **error)
{
  PkioClient *client = pkio_client_new (self->base_url, key, error);

  if (client == NULL)
    return FALSE;
  g_clear_object (&self->client);
  self->client = client;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_AVAILABLE, NULL);
  return TRUE;
}

static gboolean
keyring_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

GCancellable *
_pkio_workspace_keyring_cancellable_new (PkioWorkspace *self,
                                         guint         *out_timeout_id)
{
  GCancellable *cancellable = g_cancellable_new ();

  *out_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->keyring_timeout_ms,
                                        keyring_timeout_cb, g_object_ref (cancellable),
                                        g_object_unref);
  return cancellable;
}

GError *
_pkio_workspace_keyring_error (PkioWorkspace *self,
                               GCancellable  *cancellable,
                               guint         *timeout_id,
                               GError        *error)
{
  gboolean timed_out = g_cancellable_is_cancelled (cancellable);

  if (!timed_out)
    g_clear_handle_id (timeout_id, g_source_remove);
  *timeout_id = 0;
  if (error != NULL && timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                          _("The keyring did not answer within %d seconds. Unlock it and try again."),
                          (int) (self->keyring_timeout_ms / 1000));
    }
  return error;
}

/* Both halves of loading (the key and the history) end here. */
static void
load_part_done (PkioWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->load_pending > 0);
  if (--self->load_pending > 0)
    return;

  error = g_steal_pointer (&self->load_error);
  if (error == NULL)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  _pkio_workspace_finish_waiters (self->load_waiters, error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioWorkspace) self = user_data;
  g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->lookup_cancellable);
  GError *lookup_error = NULL;
  g_autoptr(GError) error = NULL;
  char *key = pkio_credentials_lookup_finish (result, &lookup_error);

  error = _pkio_workspace_keyring_error (self, cancellable, &self->lookup_timeout_id,
                                         lookup_error);
  if (key != NULL && !_pkio_workspace_use_key (self, key, &error))
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_UNAVAILABLE, error->message);
  else if (key == NULL && error != NULL)
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_UNAVAILABLE, error->message);
  else if (key == NULL)
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_NONE, NULL);
  g_clear_pointer (&key, pkio_credentials_free_key);
  load_part_done (self);
}

static void
store_open_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_store_open_finish (self->store, result, &error))
    self->load_error = g_steal_pointer (&error);
  else if (pkio_history_store_get_recovered_path (self->store) != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERED_PATH]);
  load_part_done (self);
}

gboolean
_pkio_workspace_ensure_practice_simulator (PkioWorkspace  *self,
                                           GError        **error)
{
  if (!self->practice || self->simulator != NULL)
    return TRUE;
  self->simulator = pkio_practice_simulator_start (error);
  if (self->simulator == NULL)
    return FALSE;
  g_free (self->base_url);
  self->base_url = g_strdup (pkio_simulator_get_base_url (self->simulator));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  return TRUE;
}

static void
look_up_key (PkioWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  /* Practice mode never touches the keyring. */
  if (self->practice)
    {
      if (!_pkio_workspace_ensure_practice_simulator (self, &error) ||
          !_pkio_workspace_use_key (self, PKIO_SIMULATOR_DEFAULT_API_KEY, &error))
        _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_UNAVAILABLE, error->message);
      load_part_done (self);
      return;
    }

  self->lookup_cancellable = _pkio_workspace_keyring_cancellable_new (self,
                                                                      &self->lookup_timeout_id);
  pkio_credentials_lookup_async (self->base_url, self->lookup_cancellable, lookup_cb,
                                 g_object_ref (self));
}

void
pkio_workspace_load_async (PkioWorkspace       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_load_async);
  if (self->loaded)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->load_waiters, g_steal_pointer (&task));
  if (self->load_pending > 0)
    return;

  /* The key is looked up once; the history is tried again after a failed open. */
  self->load_pending = self->key_state == PKIO_KEY_STATE_LOOKING ? 2 : 1;
  if (self->key_state == PKIO_KEY_STATE_LOOKING)
    look_up_key (self);
  /* The store's job is not cancelled with one caller: others may share it. */
  if (self->load_pending > 0)
    pkio_history_store_open_async (self->store, NULL, store_open_cb, g_object_ref (self));
}

gboolean
pkio_workspace_load_finish (PkioWorkspace *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

const char *
pkio_workspace_get_history_path (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  return pkio_history_store_get_path (self->store);
}

void
_pkio_workspace_set_keyring_timeout (PkioWorkspace *self,
                                     guint          timeout_ms)
{
  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  self->keyring_timeout_ms = MAX (timeout_ms, 1);
}
