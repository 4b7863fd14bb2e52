/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-custom-fields.h"
#include "pkio-field-rules.h"

/* ---- the fields ---- */

PkioCustomFieldType
pkio_custom_field_type_from_string (const char *data_type)
{
  /* No type, "text" and "anything" take any text (docs/certcentral-api.md#custom-order-fields);
   * a type this version does not know is left to CertCentral to judge. */
  if (g_strcmp0 (data_type, "int") == 0)
    return PKIO_CUSTOM_FIELD_INT;
  if (g_strcmp0 (data_type, "email_address") == 0)
    return PKIO_CUSTOM_FIELD_EMAIL_ADDRESS;
  if (g_strcmp0 (data_type, "email_list") == 0)
    return PKIO_CUSTOM_FIELD_EMAIL_LIST;
  return PKIO_CUSTOM_FIELD_TEXT;
}

PkioCustomField *
pkio_custom_field_new (gint64      id,
                       const char *label,
                       gboolean    is_required,
                       gboolean    is_active,
                       const char *data_type)
{
  PkioCustomField *field = g_new0 (PkioCustomField, 1);

  field->id = id;
  field->label = g_strdup (label != NULL ? label : "");
  field->is_required = !!is_required;
  field->is_active = !!is_active;
  field->data_type = g_strdup (data_type);
  field->type = pkio_custom_field_type_from_string (data_type);
  return field;
}

PkioCustomField *
pkio_custom_field_copy (const PkioCustomField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return pkio_custom_field_new (field->id, field->label, field->is_required, field->is_active,
                                field->data_type);
}

void
pkio_custom_field_free (PkioCustomField *field)
{
  if (field == NULL)
    return;
  g_free (field->label);
  g_free (field->data_type);
  g_free (field);
}

GPtrArray *
pkio_custom_field_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_custom_field_free);
}

GPtrArray *
pkio_custom_field_list_active (GPtrArray *fields)
{
  GPtrArray *active = pkio_custom_field_list_new ();

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (fields, i);

      if (field->is_active)
        g_ptr_array_add (active, pkio_custom_field_copy (field));
    }
  return active;
}

const PkioCustomField *
pkio_custom_field_list_find (GPtrArray *fields,
                             gint64     id)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (fields, i);

      if (field->id == id)
        return field;
    }
  return NULL;
}

char *
pkio_custom_field_path (gint64 id)
{
  return g_strdup_printf ("custom_fields.%" G_GINT64_FORMAT, id);
}

gint64
pkio_custom_field_id_from_path (const char *path)
{
  const char *digits;
  const char *end;
  guint64 id = 0;
  g_autofree char *number = NULL;

  if (path == NULL || !g_str_has_prefix (path, "custom_fields"))
    return 0;
  digits = path + strlen ("custom_fields");
  if (*digits != '.' && *digits != '[')
    return 0;
  digits++;
  for (end = digits; g_ascii_isdigit (*end); end++)
    ;
  if ((digits[-1] == '[' && *end != ']') || (digits[-1] == '.' && *end != '\0' && *end != '.'))
    return 0;
  number = g_strndup (digits, end - digits);
  if (!g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return (gint64) id;
}

/* ---- the checks ---- */

static gboolean
is_whole_number (const char *text)
{
  const char *p = text;
  gsize digits = 0;

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  /* Up to 18 digits: every such number fits CertCentral's integers (and ours). */
  return *p == '\0' && digits >= 1 && digits <= 18;
}

static gboolean
is_email_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *email = pkio_field_trim (parts[i]);

      if (!pkio_field_is_valid_email (email))
        return FALSE;
      n++;
    }
  return n > 0;
}

char *
pkio_custom_field_check_value (const PkioCustomField *field,
                               const char            *value,
                               const char           **out_code)
{
  g_autofree char *trimmed = pkio_field_trim (value);
  const char *code = NULL;
  char *message = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (pkio_field_has_control_chars (trimmed))
    {
      code = "control_characters";
      message = g_strdup_printf (_("Remove line breaks, tabs and other special characters "
                                   "from “%s”."), field->label);
    }
  else if (*trimmed == '\0')
    {
      if (field->is_required)
        {
          code = "missing";
          message = g_strdup_printf (_("Fill in “%s”."), field->label);
        }
    }
  else
    switch (field->type)
      {
      case PKIO_CUSTOM_FIELD_INT:
        if (!is_whole_number (trimmed))
          message = g_strdup_printf (_("Enter a whole number in “%s”, for example 4711."),
                                     field->label);
        break;
      case PKIO_CUSTOM_FIELD_EMAIL_ADDRESS:
        if (!pkio_field_is_valid_email (trimmed))
          message = g_strdup_printf (_("Enter one email address in “%s”, for example "
                                       "name@example.com."), field->label);
        break;
      case PKIO_CUSTOM_FIELD_EMAIL_LIST:
        if (!is_email_list (trimmed))
          message = g_strdup_printf (_("Enter one or more email addresses in “%s”, separated "
                                       "by commas, for example anna@example.com, "
                                       "piet@example.com."), field->label);
        break;
      case PKIO_CUSTOM_FIELD_TEXT:
      default:
        break;
      }
  if (message != NULL && code == NULL)
    code = "invalid_custom_field_value";
  if (out_code != NULL)
    *out_code = code;
  return message;
}

GPtrArray *
pkio_custom_fields_validate (const PkioOrder *order,
                             GPtrArray       *fields)
{
  GPtrArray *problems = pkio_problem_list_new ();

  g_return_val_if_fail (order != NULL, problems);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (fields, i);
      const char *code = NULL;
      g_autofree char *path = NULL;
      char *message;

      if (!field->is_active)
        continue;
      message = pkio_custom_field_check_value (field,
                                               pkio_order_get_custom_value (order, field->id),
                                               &code);
      if (message == NULL)
        continue;
      path = pkio_custom_field_path (field->id);
      pkio_problem_list_take (problems, path, code, message);
    }

  /* A value for a field the account does not have, or no longer uses, would be refused. */
  for (guint i = 0; order->custom_fields != NULL && i < order->custom_fields->len; i++)
    {
      const PkioCustomValue *value = g_ptr_array_index (order->custom_fields, i);
      const PkioCustomField *field = pkio_custom_field_list_find (fields, value->metadata_id);
      g_autofree char *path = NULL;

      if (pkio_field_is_blank (value->value) || (field != NULL && field->is_active))
        continue;
      path = pkio_custom_field_path (value->metadata_id);
      if (field == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, value->metadata_id);

          pkio_problem_list_take (problems, path, "unknown_custom_field",
                                  /* Translators: %s is a number */
                                  g_strdup_printf (_("Remove the value for field %s: the "
                                                     "account has no order field with this "
                                                     "number."), number));
        }
      else
        pkio_problem_list_take (problems, path, "inactive_custom_field",
                                g_strdup_printf (_("Remove the value for “%s”: the account no "
                                                   "longer uses this field."), field->label));
    }
  return problems;
}

/* The active field whose label @message names (the longest, so "Cost centre" is not taken for
 * "Cost centre code"), else 0. */
static gint64
field_named_in (GPtrArray  *fields,
                const char *message)
{
  g_autofree char *folded_message = message != NULL ? g_utf8_casefold (message, -1) : NULL;
  gint64 found = 0;
  gsize found_len = 0;

  for (guint i = 0; folded_message != NULL && i < fields->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (fields, i);
      g_autofree char *label = g_utf8_casefold (field->label, -1);

      if (field->is_active && *label != '\0' && strstr (folded_message, label) != NULL
          && strlen (label) > found_len)
        {
          found = field->id;
          found_len = strlen (label);
        }
    }
  return found;
}

gint64
pkio_custom_fields_match_refusal (GPtrArray  *fields,
                                  const char *code,
                                  const char *field,
                                  const char *message)
{
  gint64 id = pkio_custom_field_id_from_path (field);
  gint64 only = 0;
  guint n_active = 0;

  if (fields == NULL)
    return 0;
  if (id > 0 && pkio_custom_field_list_find (fields, id) != NULL)
    return id;
  /* CertCentral documents no "field" member (docs/certcentral-api.md#errors): a refusal that
   * says it is about a custom field is matched by what it says. */
  if ((code == NULL || strstr (code, "custom_field") == NULL)
      && (field == NULL || !g_str_has_prefix (field, "custom_fields")))
    return 0;
  id = field_named_in (fields, message);
  if (id > 0)
    return id;
  for (guint i = 0; i < fields->len; i++)
    {
      const PkioCustomField *candidate = g_ptr_array_index (fields, i);

      if (candidate->is_active)
        {
          only = candidate->id;
          n_active++;
        }
    }
  return n_active == 1 ? only : 0;
}

/* ---- the values in a body ---- */

JsonNode *
pkio_custom_values_to_json (const PkioOrder *order,
                            gboolean         normalized)
{
  g_autoptr(JsonArray) array = json_array_new ();

  g_return_val_if_fail (order != NULL, NULL);

  for (guint i = 0; order->custom_fields != NULL && i < order->custom_fields->len; i++)
    {
      const PkioCustomValue *value = g_ptr_array_index (order->custom_fields, i);
      JsonObject *object;

      if (value->value == NULL || (normalized && pkio_field_is_blank (value->value)))
        continue;
      object = json_object_new ();
      json_object_set_int_member (object, "metadata_id", value->metadata_id);
      if (normalized)
        {
          g_autofree char *trimmed = pkio_field_trim (value->value);

          json_object_set_string_member (object, "value", trimmed);
        }
      else
        json_object_set_string_member (object, "value", value->value);
      json_array_add_object_element (array, object);
    }
  if (json_array_get_length (array) == 0)
    return NULL;
  return json_node_init_array (json_node_alloc (), array);
}

static void
report (GPtrArray  *problems,
        const char *path,
        const char *code,
        char       *message)
{
  if (problems != NULL)
    pkio_problem_list_take (problems, path, code, message);
  else
    g_free (message);
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* One element of the array: {"metadata_id": N, "value": "…"}. */
static void
read_value (JsonNode   *element,
            const char *path,
            PkioOrder  *order,
            GPtrArray  *problems)
{
  JsonObject *object;
  JsonNode *id_node;
  JsonNode *value_node;
  g_autofree char *id_path = g_strconcat (path, ".metadata_id", NULL);
  g_autofree char *value_path = g_strconcat (path, ".value", NULL);
  g_autoptr(GList) members = NULL;
  gboolean ok = TRUE;
  gint64 id = 0;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      report (problems, path, "wrong_type",
              g_strdup_printf (_("Write “%s” as an object in braces: { … }."), path));
      return;
    }
  object = json_node_get_object (element);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "metadata_id") && !g_str_equal (l->data, "value"))
      {
        g_autofree char *shown = pkio_field_printable (l->data, 64);
        g_autofree char *member_path = g_strconcat (path, ".", shown, NULL);

        report (problems, member_path, "unknown_field",
                g_strdup_printf (_("Remove “%s”: an order has no such field."), member_path));
      }

  id_node = json_object_get_member (object, "metadata_id");
  if (id_node == NULL || JSON_NODE_HOLDS_NULL (id_node))
    {
      report (problems, id_path, "missing",
              g_strdup_printf (_("Add “%s”: an order needs it."), id_path));
      ok = FALSE;
    }
  else if (!holds (id_node, G_TYPE_INT64) || (id = json_node_get_int (id_node)) < 1)
    {
      report (problems, id_path, "wrong_type",
              g_strdup_printf (_("Write “%s” as the field’s number from the account, a whole "
                                 "number of 1 or more."), id_path));
      ok = FALSE;
    }
  else if (pkio_order_get_custom_value (order, id) != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      report (problems, id_path, "duplicate",
              /* Translators: %s is a number */
              g_strdup_printf (_("Give field %s only once in “custom_fields”."), number));
      ok = FALSE;
    }

  value_node = json_object_get_member (object, "value");
  if (value_node == NULL || JSON_NODE_HOLDS_NULL (value_node))
    {
      report (problems, value_path, "missing",
              g_strdup_printf (_("Add “%s”: an order needs it."), value_path));
      ok = FALSE;
    }
  else if (!holds (value_node, G_TYPE_STRING))
    {
      report (problems, value_path, "wrong_type",
              g_strdup_printf (_("Write “%s” as text in double quotes."), value_path));
      ok = FALSE;
    }

  if (ok)
    pkio_order_set_custom_value (order, id, json_node_get_string (value_node));
}

void
pkio_custom_values_from_json (JsonNode  *node,
                              PkioOrder *order,
                              GPtrArray *problems)
{
  JsonArray *array;

  g_return_if_fail (order != NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report (problems, "custom_fields", "wrong_type",
              g_strdup (_("Write “custom_fields” as a list in brackets: "
                          "[{\"metadata_id\": 1, \"value\": \"…\"}].")));
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("custom_fields[%u]", i);

      read_value (json_array_get_element (array, i), path, order, problems);
    }
}
