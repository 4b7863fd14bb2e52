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
set_client (PkioWorkspace *self,
            PkioClient    *client)
{
  if (g_set_object (&self->client, client))
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
  guint seconds = MAX (1, self->keyring_timeout_ms / 1000);

  if (!timed_out)
    g_clear_handle_id (timeout_id, g_source_remove);
  *timeout_id = 0;
  if (error != NULL && timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The keyring did not answer within %u second. Unlock it "
                                       "(or start it) and try again.",
                                       "The keyring did not answer within %u seconds. Unlock it "
                                       "(or start it) and try again.", seconds),
                          seconds);
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
  _pkio_workspace_update_state (self);
  _pkio_workspace_finish_waiters (self->load_waiters, error);
}

/* One keyring lookup. A newer one (the address changed meanwhile) makes it stale: its answer
 * is for another account and is dropped. */
typedef struct
{
  PkioWorkspace *self;
  guint          generation;
  GCancellable  *cancellable;
  guint          timeout_id;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_handle_id (&lookup->timeout_id, g_source_remove);
  g_clear_object (&lookup->cancellable);
  g_clear_object (&lookup->self);
  g_free (lookup);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  PkioWorkspace *self = lookup->self;
  GError *lookup_error = NULL;
  g_autoptr(GError) error = NULL;
  char *key = pkio_credentials_lookup_finish (result, &lookup_error);

  error = _pkio_workspace_keyring_error (self, lookup->cancellable, &lookup->timeout_id,
                                         lookup_error);
  if (lookup->generation != self->lookup_generation)
    {
      g_clear_pointer (&key, pkio_credentials_free_key);
      lookup_free (lookup);
      return;
    }
  g_clear_object (&self->lookup_cancellable);

  if (key != NULL && !_pkio_workspace_use_key (self, key, &error))
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_UNAVAILABLE, error->message);
  else if (key == NULL && error != NULL)
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_UNAVAILABLE, error->message);
  else if (key == NULL)
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_NONE, NULL);
  g_clear_pointer (&key, pkio_credentials_free_key);

  if (self->lookup_in_load)
    {
      self->lookup_in_load = FALSE;
      load_part_done (self);
    }
  lookup_free (lookup);
}

static void
examples_seeded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PkioWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Examples are a courtesy: without them practice mode works all the same. */
  if (!pkio_practice_seed_examples_finish (result, &error))
    g_message ("Practice mode: no example orders (%s)", error->message);
  load_part_done (self);
}

static void
store_open_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->history_error, g_free);
  if (!pkio_history_store_open_finish (self->store, result, &error))
    {
      self->history_error = g_strdup (error->message);
      self->load_error = g_steal_pointer (&error);
    }
  else if (pkio_history_store_get_recovered_path (self->store) != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERED_PATH]);

  /* A first practice session starts with a few examples in its history. */
  if (self->load_error == NULL && self->practice && self->simulator != NULL
      && !self->no_examples)
    {
      pkio_practice_seed_examples_async (self->simulator, self->store, examples_seeded_cb,
                                         g_object_ref (self));
      return;
    }
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

/* Starts looking up the key of the current address; the answer comes to lookup_cb (). */
static void
look_up_key (PkioWorkspace *self)
{
  g_autoptr(GError) error = NULL;
  Lookup *lookup;

  _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_LOOKING, NULL);

  /* Practice mode never touches the keyring. */
  if (self->practice)
    {
      if (!_pkio_workspace_ensure_practice_simulator (self, &error) ||
          !_pkio_workspace_use_key (self, PKIO_SIMULATOR_DEFAULT_API_KEY, &error))
        _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_UNAVAILABLE, error->message);
      if (self->lookup_in_load)
        {
          self->lookup_in_load = FALSE;
          load_part_done (self);
        }
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->generation = ++self->lookup_generation;
  lookup->cancellable = _pkio_workspace_keyring_cancellable_new (self, &lookup->timeout_id);
  g_set_object (&self->lookup_cancellable, lookup->cancellable);
  pkio_credentials_lookup_async (self->base_url, lookup->cancellable, lookup_cb, lookup);
}

/* The address in the settings changed: this is another account (its own key and client). A
 * lookup still running for the old address is dropped. */
static void
switch_account (PkioWorkspace *self,
                char          *base_url)
{
  if (self->lookup_cancellable != NULL)
    {
      self->lookup_generation++;
      g_cancellable_cancel (self->lookup_cancellable);
      g_clear_object (&self->lookup_cancellable);
    }
  g_free (self->base_url);
  self->base_url = base_url;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  set_client (self, NULL);
  /* Before the first load the key is looked up by the load itself. */
  if (self->loaded || self->load_pending > 0)
    look_up_key (self);
  else
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_LOOKING, NULL);
}

static void
base_url_setting_changed_cb (PkioWorkspace *self)
{
  g_autofree char *base_url = pkio_client_resolve_base_url (self->settings);

  if (self->practice || g_strcmp0 (base_url, self->base_url) == 0)
    return;
  switch_account (self, g_steal_pointer (&base_url));
}

void
pkio_workspace_load_async (PkioWorkspace       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean look_up;

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

  /* After a failure, what failed is tried again: the history, and a keyring (or practice
   * simulator) that could not be used. A key found, or known to be missing, stays. */
  look_up = (self->key_state == PKIO_KEY_STATE_LOOKING ||
             self->key_state == PKIO_KEY_STATE_UNAVAILABLE) && self->lookup_cancellable == NULL;
  self->load_pending = look_up ? 2 : 1;
  _pkio_workspace_update_state (self);
  if (look_up)
    {
      self->lookup_in_load = TRUE;
      look_up_key (self);
    }
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
  /* Preferences change the address live: the account follows at once. */
  if (self->settings != NULL && !self->practice)
    g_signal_connect_object (self->settings, "changed::api-base-url",
                             G_CALLBACK (base_url_setting_changed_cb), self,
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
