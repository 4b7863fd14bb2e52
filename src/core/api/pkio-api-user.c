/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pkio-api-user.h"
#include "pkio-json-guard.h"

/* A copy of the string @name holds, or NULL (absent, or not a string). */
static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  return g_strdup (pkio_json_guard_string_or_null (object, name));
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GStrv
read_roles (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "access_roles");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *roles = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (roles); i++)
        {
          JsonNode *role = json_array_get_element (roles, i);
          g_autofree char *name = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (role))
            continue;
          name = dup_string_member (json_node_get_object (role), "name");
          if (name != NULL)
            g_strv_builder_add (builder, name);
        }
    }
  return g_strv_builder_end (builder);
}

PkioApiUser *
pkio_api_user_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(PkioApiUser) user = g_new0 (PkioApiUser, 1);
  JsonObject *container;

  g_return_val_if_fail (object != NULL, NULL);

  user->id = pkio_json_guard_int_or_zero (object, "id");
  if (user->id == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "user/me: the answer has no user id");
      return NULL;
    }
  user->first_name = dup_string_member (object, "first_name");
  user->last_name = dup_string_member (object, "last_name");
  user->email = dup_string_member (object, "email");
  container = object_member (object, "container");
  if (container != NULL)
    {
      user->container_id = pkio_json_guard_int_or_zero (container, "id");
      user->container_name = dup_string_member (container, "name");
    }
  user->account_id = pkio_json_guard_int_or_zero (object, "account_id");
  if (user->account_id == 0)
    user->account_id = user->container_id;
  user->roles = read_roles (object);
  return g_steal_pointer (&user);
}

void
pkio_api_user_free (PkioApiUser *user)
{
  if (user == NULL)
    return;
  g_free (user->first_name);
  g_free (user->last_name);
  g_free (user->email);
  g_free (user->container_name);
  g_strfreev (user->roles);
  g_free (user);
}

PkioApiUser *
pkio_api_user_copy (const PkioApiUser *user)
{
  PkioApiUser *copy;

  if (user == NULL)
    return NULL;
  copy = g_new0 (PkioApiUser, 1);
  copy->id = user->id;
  copy->first_name = g_strdup (user->first_name);
  copy->last_name = g_strdup (user->last_name);
  copy->email = g_strdup (user->email);
  copy->account_id = user->account_id;
  copy->container_id = user->container_id;
  copy->container_name = g_strdup (user->container_name);
  copy->roles = g_strdupv (user->roles);
  return copy;
}

char *
pkio_api_user_dup_name (const PkioApiUser *user)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (user != NULL, NULL);

  name = g_strstrip (g_strdup_printf ("%s %s", user->first_name ? user->first_name : "",
                                      user->last_name ? user->last_name : ""));
  if (*name == '\0' && user->email != NULL)
    return g_strdup (user->email);
  return g_steal_pointer (&name);
}

gboolean
pkio_api_user_can_order (const PkioApiUser *user)
{
  g_return_val_if_fail (user != NULL, FALSE);

  /* No roles reported: let CertCentral decide when the order is sent. */
  if (user->roles == NULL || user->roles[0] == NULL)
    return TRUE;
  for (guint i = 0; user->roles[i] != NULL; i++)
    if (g_ascii_strcasecmp (user->roles[i], "View Only") != 0)
      return TRUE;
  return FALSE;
}
