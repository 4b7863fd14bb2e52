/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pkio-history-record.h"
#include "pkio-order-json.h"
#include "pkio-problem.h"

/* The request the history keeps of an order placed here (the order's storage JSON, never card
 * data; read from the database when needed, pkio_history_store_read_request_async ()), read
 * back as an order or as its scalar fields, so that front ends show it without parsing JSON. */

static void
stored_value_free (PkioStoredValue *value)
{
  g_free (value->path);
  g_free (value->text);
  g_free (value);
}

static PkioStoredValue *
stored_value_new (const char *path,
                  JsonNode   *node)
{
  PkioStoredValue *value = g_new0 (PkioStoredValue, 1);
  GType type;

  value->path = g_strdup (path);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      value->kind = PKIO_STORED_NULL;
      return value;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      /* An array: kept as its JSON text, shown as is. */
      value->kind = PKIO_STORED_OTHER;
      value->text = json_to_string (node, FALSE);
      return value;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      value->kind = PKIO_STORED_BOOLEAN;
      value->boolean = json_node_get_boolean (node);
    }
  else if (type == G_TYPE_INT64)
    {
      value->kind = PKIO_STORED_NUMBER;
      value->text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  else if (type == G_TYPE_DOUBLE)
    {
      value->kind = PKIO_STORED_NUMBER;
      value->text = g_strdup_printf ("%g", json_node_get_double (node));
    }
  else
    {
      value->kind = PKIO_STORED_TEXT;
      value->text = g_strdup (json_node_get_string (node));
    }
  return value;
}

static void
flatten (JsonNode   *node,
         const char *prefix,
         GPtrArray  *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *path = prefix ? g_strconcat (prefix, ".", l->data, NULL)
                                         : g_strdup (l->data);

          flatten (json_object_get_member (object, l->data), path, out);
        }
      return;
    }
  g_ptr_array_add (out, stored_value_new (prefix ? prefix : "", node));
}

PkioOrder *
pkio_history_request_to_order (const char *json)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();

  if (json == NULL || (root = json_from_string (json, NULL)) == NULL)
    return NULL;
  /* Read on past what this version does not know: the record is what it is. */
  return pkio_order_from_json (root, problems);
}

GPtrArray *
pkio_history_request_dup_values (const char *json)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_value_free);
  g_autoptr(JsonNode) root = NULL;

  if (json != NULL && (root = json_from_string (json, NULL)) != NULL)
    flatten (root, NULL, values);
  return values;
}
