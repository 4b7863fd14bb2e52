/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-credentials.h"

G_DEFINE_QUARK (pkio-credentials-error-quark, pkio_credentials_error)

#define ATTRIBUTE_API_URL "api-url"
/* Fixed, untranslated: administrators provision the key with secret-tool and this label. */
#define KEY_LABEL "PKIo Orders API key"

const SecretSchema *
pkio_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.pkioorders.PkioOrders.ApiKey", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_API_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static gboolean
is_no_service (const GError *error)
{
  static const GDBusError no_service[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN, G_DBUS_ERROR_NAME_HAS_NO_OWNER, G_DBUS_ERROR_NO_SERVER,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND, G_DBUS_ERROR_SPAWN_EXEC_FAILED,
    G_DBUS_ERROR_SPAWN_FAILED, G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_CHILD_SIGNALED, G_DBUS_ERROR_SPAWN_SERVICE_INVALID,
    G_DBUS_ERROR_SPAWN_CONFIG_INVALID, G_DBUS_ERROR_SPAWN_SETUP_FAILED,
    G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID, G_DBUS_ERROR_SPAWN_FILE_INVALID,
  };

  /* No session bus at all (no socket, no autolaunch) is the same for the person. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
      || (error->domain == G_IO_ERROR && error->message != NULL
          && strstr (error->message, "autolaunch") != NULL))
    return TRUE;
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (no_service); i++)
    if (error->code == (int) no_service[i])
      return TRUE;
  return FALSE;
}

GError *
pkio_credentials_map_error (const GError *error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == PKIO_CREDENTIALS_ERROR)
    return g_error_copy (error);

  if (is_no_service (error))
    return g_error_new_literal (PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE,
                                _("No keyring service is running, so the API key cannot be kept safe (it is never written to a file instead). Start one, such as GNOME Keyring or KeePassXC with its Secret Service turned on, and try again."));

  lower = g_ascii_strdown (error->message ? error->message : "", -1);
  /* A missing default collection ("…/collection/login does not exist") is what a dismissed
   * unlock or create prompt leaves behind. */
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED)
      || g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT)
      || strstr (lower, "locked") != NULL
      || ((g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
           || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
          && strstr (lower, "/collection/") != NULL))
    return g_error_new_literal (PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED,
                                _("The keyring is locked, or unlocking it was dismissed. Unlock it (for example by logging in again) and try again."));

  return g_error_new (PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_FAILED,
                      _("The keyring could not be used (%s). Try again; if it keeps happening, tell your administrator."),
                      error->message);
}

void
pkio_credentials_free_key (char *key)
{
  if (key != NULL)
    secret_password_free (key);
}

static void
return_mapped (GTask  *task,
               GError *error)
{
  g_task_return_error (task, pkio_credentials_map_error (error));
  g_error_free (error);
}

/* ---- lookup ----------------------------------------------------------------------------- */

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);
  gboolean locked = FALSE;

  /* Best effort: the search only tells a locked keyring from an empty one. */
  if (error != NULL)
    g_debug ("Keyring search failed after an empty lookup");
  for (GList *l = items; l != NULL; l = l->next)
    if (SECRET_IS_ITEM (l->data) && secret_item_get_locked (SECRET_ITEM (l->data)))
      locked = TRUE;
  g_list_free_full (items, g_object_unref);

  if (locked)
    g_task_return_new_error (task, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED, "%s",
                             _("The keyring that holds the API key is locked. Unlock it (for example by logging in again) and try again."));
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);
  const char *api_url = g_task_get_task_data (task);

  if (error != NULL)
    {
      return_mapped (task, error);
      return;
    }
  if (key != NULL)
    {
      g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
      return;
    }

  /* libsecret answers NULL, not an error, when the item is in a locked keyring. */
  secret_password_search (pkio_credentials_get_schema (), SECRET_SEARCH_ALL,
                          g_task_get_cancellable (task), search_cb, g_object_ref (task),
                          ATTRIBUTE_API_URL, api_url,
                          NULL);
}

void
pkio_credentials_lookup_async (const char          *api_url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (api_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_credentials_lookup_async);
  g_task_set_task_data (task, g_strdup (api_url), g_free);
  secret_password_lookup (pkio_credentials_get_schema (), cancellable, lookup_cb,
                          g_steal_pointer (&task),
                          ATTRIBUTE_API_URL, api_url,
                          NULL);
}

char *
pkio_credentials_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- store / clear ---------------------------------------------------------------------- */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_FAILED,
                                     _("The API key could not be stored in the keyring."));
      return_mapped (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pkio_credentials_store_async (const char          *api_url,
                              const char          *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (api_url != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_credentials_store_async);
  secret_password_store (pkio_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, KEY_LABEL,
                         key, cancellable, store_cb, g_steal_pointer (&task),
                         ATTRIBUTE_API_URL, api_url,
                         NULL);
}

gboolean
pkio_credentials_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      return_mapped (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pkio_credentials_clear_async (const char          *api_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (api_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_credentials_clear_async);
  secret_password_clear (pkio_credentials_get_schema (), cancellable, clear_cb,
                         g_steal_pointer (&task),
                         ATTRIBUTE_API_URL, api_url,
                         NULL);
}

gboolean
pkio_credentials_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
