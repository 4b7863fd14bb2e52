/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-credentials.h"
#include "pkio-practice.h"
#include "pkio-workspace-private.h"

/* Loading a workspace: the key (from the keyring, with a timeout, or practice mode's) and the
 * history, both at once; and switching to another account when the address setting changes. */

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
      g_object_notify (G_OBJECT (self), "loaded");
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
    g_object_notify (G_OBJECT (self), "recovered-path");

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
  g_object_notify (G_OBJECT (self), "base-url");
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
  g_object_notify (G_OBJECT (self), "base-url");
  _pkio_workspace_forget_client (self);
  /* Before the first load the key is looked up by the load itself. */
  if (self->loaded || self->load_pending > 0)
    look_up_key (self);
  else
    _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_LOOKING, NULL);
}

void
_pkio_workspace_base_url_setting_changed (PkioWorkspace *self)
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
