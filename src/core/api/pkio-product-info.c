/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "pkio-json-guard.h"
#include "pkio-product-info.h"

/* A copy of the string @name holds, or NULL (absent, or not a string). */
static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  return g_strdup (pkio_json_guard_string_or_null (object, name));
}

static GArray *
read_years (JsonObject *object)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *node = json_object_get_member (object, "allowed_validity_years");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return years;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        continue;
      value = json_node_get_int (element);
      if (value > 0)
        g_array_append_val (years, value);
    }
  return years;
}

PkioProductInfo *
pkio_product_info_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autofree char *name_id = NULL;
  PkioProductInfo *info;

  g_return_val_if_fail (object != NULL, NULL);

  name_id = dup_string_member (object, "name_id");
  if (name_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "product: the answer has no product name_id");
      return NULL;
    }
  info = g_new0 (PkioProductInfo, 1);
  info->name_id = g_steal_pointer (&name_id);
  info->name = dup_string_member (object, "name");
  info->allowed_validity_years = read_years (object);
  return info;
}

PkioProductInfo *
pkio_product_info_copy (const PkioProductInfo *info)
{
  PkioProductInfo *copy;

  if (info == NULL)
    return NULL;
  copy = g_new0 (PkioProductInfo, 1);
  copy->name_id = g_strdup (info->name_id);
  copy->name = g_strdup (info->name);
  copy->allowed_validity_years = g_array_copy (info->allowed_validity_years);
  return copy;
}

void
pkio_product_info_free (PkioProductInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name_id);
  g_free (info->name);
  g_clear_pointer (&info->allowed_validity_years, g_array_unref);
  g_free (info);
}

gboolean
pkio_product_info_allows_years (const PkioProductInfo *info,
                                gint64                 years)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->allowed_validity_years->len == 0)
    return TRUE;
  for (guint i = 0; i < info->allowed_validity_years->len; i++)
    if (g_array_index (info->allowed_validity_years, gint64, i) == years)
      return TRUE;
  return FALSE;
}
