/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-simulator-private.h"

/* The account's own order fields, as CertCentral keeps them (custom order fields,
 * docs/certcentral-api.md#custom-order-fields): GET account/metadata lists them, and an order
 * must give each active required one a value its data type accepts. */

void
pkio_simulator_set_custom_fields (PkioSimulator *sim,
                                  GPtrArray     *fields)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  g_ptr_array_set_size (sim->custom_fields, 0);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    g_ptr_array_add (sim->custom_fields,
                     pkio_custom_field_copy (g_ptr_array_index (fields, i)));
}

void
_pkio_simulator_handle_metadata (PkioSimulator     *sim,
                                 SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  /* Without fields CertCentral answers {}, not an empty list. */
  if (sim->custom_fields->len > 0)
    {
      json_builder_set_member_name (b, "metadata");
      json_builder_begin_array (b);
      for (guint i = 0; i < sim->custom_fields->len; i++)
        {
          const PkioCustomField *field = g_ptr_array_index (sim->custom_fields, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, field->id);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, field->label);
          json_builder_set_member_name (b, "is_required");
          json_builder_add_boolean_value (b, field->is_required);
          json_builder_set_member_name (b, "is_active");
          json_builder_add_boolean_value (b, field->is_active);
          if (field->data_type != NULL)
            {
              json_builder_set_member_name (b, "data_type");
              json_builder_add_string_value (b, field->data_type);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _pkio_simulator_respond_json (msg, SOUP_STATUS_OK, root);
}

GPtrArray *
_pkio_simulator_check_custom_fields (PkioSimulator   *sim,
                                     const PkioOrder *order)
{
  return pkio_custom_fields_validate (order, sim->custom_fields);
}
