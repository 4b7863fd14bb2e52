/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-client-answers-private.h"
#include "pkio-client-private.h"
#include "pkio-json-guard.h"
#include "pkio-order.h"

/* The account and product GETs of PkioClient (the user, the balance, the product, the
 * account's own order fields); pkio-client.c has the order POST, pkio-client-orders.c the
 * order list, status and cancel calls. */

GError *
_pkio_client_bad_answer_error (void)
{
  return pkio_api_error_new_literal (PKIO_API_ERROR_BAD_ANSWER,
                                     _("CertCentral sent an answer in an unexpected form. The app may need an update; if it keeps happening, tell your administrator."),
                                     NULL);
}

/* ---- GETs answering one object ---------------------------------------------------------- */

typedef enum { NEED_INT, NEED_STRING, NEED_SCALAR } Need;

typedef struct
{
  const char *member;
  Need        need;
} ObjectCheck;

static JsonObject *
read_object_answer (JsonNode           *root,
                    const ObjectCheck  *check,
                    GError            **error)
{
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, _pkio_client_bad_answer_error ());
      return NULL;
    }
  object = json_node_get_object (root);
  if (check->need == NEED_INT)
    {
      if (!pkio_json_guard_get_int (object, check->member, NULL, error))
        return NULL;
    }
  else
    {
      JsonNode *node = json_object_get_member (object, check->member);
      GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                         : G_TYPE_INVALID;

      /* balance: CertCentral sends a number or a decimal string. */
      if (type != G_TYPE_STRING
          && (check->need == NEED_STRING || (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)))
        {
          g_propagate_error (error, _pkio_client_bad_answer_error ());
          return NULL;
        }
    }
  return json_object_ref (object);
}

static const ObjectCheck user_check = { "id", NEED_INT };
static const ObjectCheck balance_check = { "balance", NEED_SCALAR };
static const ObjectCheck product_check = { "name_id", NEED_STRING };

JsonObject *
_pkio_client_read_user_answer (JsonNode  *root,
                               GError   **error)
{
  return read_object_answer (root, &user_check, error);
}

JsonObject *
_pkio_client_read_balance_answer (JsonNode  *root,
                                  GError   **error)
{
  return read_object_answer (root, &balance_check, error);
}

JsonObject *
_pkio_client_read_product_answer (JsonNode  *root,
                                  GError   **error)
{
  return read_object_answer (root, &product_check, error);
}

static void
get_object_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const ObjectCheck *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  JsonObject *object;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  object = read_object_answer (root, check, &error);
  if (object == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, object, (GDestroyNotify) json_object_unref);
}

static void
get_object (PkioClient          *self,
            const char          *path,
            const ObjectCheck   *check,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) check, NULL);
  _pkio_client_request_async (self, "GET", path, NULL, PKIO_REQUEST_READ, cancellable, get_object_cb,
                              g_steal_pointer (&task));
}

static JsonObject *
get_object_finish (PkioClient    *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pkio_client_get_user_async (PkioClient          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  get_object (self, "user/me", &user_check, pkio_client_get_user_async, cancellable,
              callback, user_data);
}

JsonObject *
pkio_client_get_user_finish (PkioClient    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return get_object_finish (self, result, pkio_client_get_user_async, error);
}

void
pkio_client_check_key_async (PkioClient          *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  get_object (self, "user/me", &user_check, pkio_client_check_key_async, cancellable,
              callback, user_data);
}

JsonObject *
pkio_client_check_key_finish (PkioClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return get_object_finish (self, result, pkio_client_check_key_async, error);
}

void
pkio_client_get_balance_async (PkioClient          *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  get_object (self, "finance/balance", &balance_check, pkio_client_get_balance_async,
              cancellable, callback, user_data);
}

JsonObject *
pkio_client_get_balance_finish (PkioClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return get_object_finish (self, result, pkio_client_get_balance_async, error);
}

void
pkio_client_get_product_async (PkioClient          *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  get_object (self, "product/" PKIO_PRODUCT_NAME_ID, &product_check, pkio_client_get_product_async,
              cancellable, callback, user_data);
}

JsonObject *
pkio_client_get_product_finish (PkioClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return get_object_finish (self, result, pkio_client_get_product_async, error);
}

/* ---- the account's own order fields ---------------------------------------------------- */

GPtrArray *
_pkio_client_read_metadata_answer (JsonNode  *root,
                                   GError   **error)
{
  g_autoptr(GPtrArray) fields = pkio_custom_field_list_new ();
  JsonObject *object;
  JsonArray *metadata;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, _pkio_client_bad_answer_error ());
      return NULL;
    }
  object = json_node_get_object (root);
  /* An account without fields answers {} (docs/certcentral-api.md#custom-order-fields). */
  if (!json_object_has_member (object, "metadata"))
    return g_steal_pointer (&fields);
  metadata = pkio_json_guard_get_array (object, "metadata", error);
  if (metadata == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (metadata); i++)
    {
      JsonNode *node = json_array_get_element (metadata, i);
      JsonObject *entry;
      const char *label;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_propagate_error (error, _pkio_client_bad_answer_error ());
          return NULL;
        }
      entry = json_node_get_object (node);
      label = pkio_json_guard_string_or_null (entry, "label");
      /* A field the form could neither name nor an order refer to spoils the answer: leaving
       * it out could hide a required field. */
      if (!pkio_json_guard_get_int (entry, "id", &id, error))
        return NULL;
      if (id < 1 || label == NULL || !g_utf8_validate (label, -1, NULL))
        {
          g_propagate_error (error, _pkio_client_bad_answer_error ());
          return NULL;
        }
      /* Documented members; a field that does not say is optional, and in use. */
      g_ptr_array_add (fields, pkio_custom_field_new (
                         id, label, pkio_json_guard_boolean_or (entry, "is_required", FALSE),
                         pkio_json_guard_boolean_or (entry, "is_active", TRUE),
                         pkio_json_guard_string_or_null (entry, "data_type")));
    }
  return g_steal_pointer (&fields);
}

static void
get_metadata_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  GPtrArray *fields;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fields = _pkio_client_read_metadata_answer (root, &error);
  if (fields == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, fields, (GDestroyNotify) g_ptr_array_unref);
}

void
pkio_client_get_custom_fields_async (PkioClient          *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_get_custom_fields_async);
  _pkio_client_request_async (self, "GET", "account/metadata", NULL, PKIO_REQUEST_READ,
                              cancellable, get_metadata_cb, g_steal_pointer (&task));
}

GPtrArray *
pkio_client_get_custom_fields_finish (PkioClient    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pkio_client_get_custom_fields_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
