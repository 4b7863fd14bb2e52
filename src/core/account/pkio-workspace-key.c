/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-credentials.h"
#include "pkio-workspace-private.h"

/* The workspace's API key: checking a key with CertCentral, and storing one in the keyring. */

/* ---- check ---- */

static void
key_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) object = NULL;
  GError *error = NULL;
  PkioApiUser *user;

  object = pkio_client_check_key_finish (PKIO_CLIENT (source), result, &error);
  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  user = pkio_api_user_from_json (object, &error);
  if (user == NULL)
    {
      g_task_return_new_error (task, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER,
                               _("CertCentral’s answer about the key could not be read: %s"),
                               error->message);
      g_error_free (error);
      return;
    }
  g_task_return_pointer (task, user, (GDestroyNotify) pkio_api_user_free);
}

void
pkio_workspace_check_key_async (PkioWorkspace       *self,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PkioClient) client = NULL;
  GError *error = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_check_key_async);
  if (!_pkio_workspace_ensure_practice_simulator (self, &error) ||
      (client = pkio_client_new (self->base_url, key, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pkio_client_check_key_async (client, cancellable, key_checked_cb, g_steal_pointer (&task));
}

PkioApiUser *
pkio_workspace_check_key_finish (PkioWorkspace  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- store ---- */

typedef struct
{
  char         *key;                  /* wiped when freed */
  GCancellable *timeout_cancellable;  /* cancelled by the timeout or by the caller's */
  guint         timeout_id;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
} SetKeyData;

static void
set_key_data_free (SetKeyData *data)
{
  if (data->key != NULL)
    explicit_bzero (data->key, strlen (data->key));
  g_free (data->key);
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->caller_handler != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->timeout_cancellable);
  g_free (data);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *timeout_cancellable)
{
  g_cancellable_cancel (timeout_cancellable);
}

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioWorkspace *self = g_task_get_source_object (task);
  SetKeyData *data = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_credentials_store_finish (result, &error);
  if (error != NULL && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return;
    }
  error = _pkio_workspace_keyring_error (self, data->timeout_cancellable, &data->timeout_id,
                                         error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!_pkio_workspace_use_key (self, data->key, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pkio_workspace_set_key_async (PkioWorkspace       *self,
                              const char          *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SetKeyData *data;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_set_key_async);
  /* A key the keyring took is used, even when the caller gave up meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->practice)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Practice mode never stores a key."));
      return;
    }

  data = g_new0 (SetKeyData, 1);
  data->key = g_strdup (key);
  g_task_set_task_data (task, data, (GDestroyNotify) set_key_data_free);
  data->timeout_cancellable = _pkio_workspace_keyring_cancellable_new (self, &data->timeout_id);
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    data->timeout_cancellable, NULL);
    }
  pkio_credentials_store_async (self->base_url, key, data->timeout_cancellable, key_stored_cb,
                                g_steal_pointer (&task));
}

gboolean
pkio_workspace_set_key_finish (PkioWorkspace  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- whom the stored key belongs to ---- */

void
pkio_workspace_get_user_async (PkioWorkspace       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_get_user_async);
  if (self->client == NULL)
    {
      g_task_return_new_error (task, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED, "%s",
                               _("No API key is stored for this CertCentral account."));
      return;
    }
  pkio_client_check_key_async (self->client, cancellable, key_checked_cb,
                               g_steal_pointer (&task));
}

PkioApiUser *
pkio_workspace_get_user_finish (PkioWorkspace  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- forgetting the key ---- */

typedef struct
{
  GCancellable *timeout_cancellable;
  guint         timeout_id;
} ForgetData;

static void
forget_data_free (ForgetData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->timeout_cancellable);
  g_free (data);
}

static void
key_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioWorkspace *self = g_task_get_source_object (task);
  ForgetData *data = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_credentials_clear_finish (result, &error);
  error = _pkio_workspace_keyring_error (self, data->timeout_cancellable, &data->timeout_id,
                                         error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  _pkio_workspace_forget_client (self);
  _pkio_workspace_set_key_state (self, PKIO_KEY_STATE_NONE, NULL);
  g_task_return_boolean (task, TRUE);
}

void
pkio_workspace_forget_key_async (PkioWorkspace       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ForgetData *data;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_forget_key_async);
  if (self->practice)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Practice mode never stores a key."));
      return;
    }
  data = g_new0 (ForgetData, 1);
  data->timeout_cancellable = _pkio_workspace_keyring_cancellable_new (self, &data->timeout_id);
  g_task_set_task_data (task, data, (GDestroyNotify) forget_data_free);
  /* Once asked, the keyring finishes the removal: @cancellable is not passed on. */
  pkio_credentials_clear_async (self->base_url, data->timeout_cancellable, key_cleared_cb,
                                g_steal_pointer (&task));
}

gboolean
pkio_workspace_forget_key_finish (PkioWorkspace  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
