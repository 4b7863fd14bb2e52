/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <json-glib/json-glib.h>

#include "pkio-custom-fields.h"
#include "pkio-order-draft.h"

/* The draft's format (pkio-order-draft.c has the file): the order as typed, never card data,
 * read leniently (a member of the wrong type keeps the default). */

#define DRAFT_VERSION 1

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_boolean (JsonBuilder *b,
             const char  *key,
             gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

static const char *
validity_kind_name (PkioValidityKind kind)
{
  switch (kind)
    {
    case PKIO_VALIDITY_DAYS: return "days";
    case PKIO_VALIDITY_CUSTOM_DATE: return "date";
    case PKIO_VALIDITY_YEARS:
    default:
      return "years";
    }
}

char *
pkio_order_draft_serialize (const PkioOrder *order)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const PkioIndividual *i;
  const PkioShipInfo *s;
  const PkioValidity *v;
  const PkioBillingAddress *a;

  g_return_val_if_fail (order != NULL, NULL);

  i = &order->individual;
  s = &order->ship_info;
  v = &order->validity;
  a = &order->billing_address;

  json_builder_begin_object (b);
  add_int (b, "version", DRAFT_VERSION);
  if ((guint) order->profile <= PKIO_PROFILE_ENCRYPTION)
    add_string (b, "profile", pkio_profile_to_string (order->profile));
  add_boolean (b, "is_rsassa_pss", order->is_rsassa_pss);

  json_builder_set_member_name (b, "individual");
  json_builder_begin_object (b);
  add_boolean (b, "use_id", i->use_id);
  add_int (b, "id", i->id);
  add_string (b, "first_name", i->first_name);
  add_string (b, "last_name", i->last_name);
  add_string (b, "email", i->email);
  add_string (b, "telephone", i->telephone);
  add_string (b, "country", i->country);
  add_string (b, "city", i->city);
  add_string (b, "state", i->state);
  add_string (b, "zip", i->zip);
  json_builder_end_object (b);

  add_boolean (b, "csa_agreed_to", order->csa_agreed_to);

  json_builder_set_member_name (b, "ship_info");
  json_builder_begin_object (b);
  add_string (b, "name", s->name);
  add_string (b, "addr1", s->addr1);
  add_string (b, "addr2", s->addr2);
  add_string (b, "city", s->city);
  add_string (b, "state", s->state);
  add_string (b, "zip", s->zip);
  add_string (b, "country", s->country);
  if ((guint) s->method <= PKIO_SHIP_EXPEDITED)
    add_string (b, "method", pkio_ship_method_to_string (s->method));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "validity");
  json_builder_begin_object (b);
  add_string (b, "kind", validity_kind_name (v->kind));
  add_int (b, "years", v->years);
  add_int (b, "days", v->days);
  if (g_date_valid (&v->custom_date))
    {
      char date[16];

      g_snprintf (date, sizeof date, "%04u-%02u-%02u", (guint) g_date_get_year (&v->custom_date),
                  (guint) g_date_get_month (&v->custom_date),
                  (guint) g_date_get_day (&v->custom_date));
      add_string (b, "custom_date", date);
    }
  json_builder_end_object (b);

  if ((guint) order->payment_method <= PKIO_PAYMENT_CARD)
    add_string (b, "payment_method", pkio_payment_method_to_string (order->payment_method));
  /* A renewal typed but not yet placed stays one after a restart. */
  if (order->replaces_order_id > 0)
    add_int (b, "replaces_order_id", order->replaces_order_id);

  /* The billing address is not card data; order->credit_card is never read here. */
  json_builder_set_member_name (b, "billing_address");
  json_builder_begin_object (b);
  add_string (b, "address", a->address);
  add_string (b, "address2", a->address2);
  add_string (b, "city", a->city);
  add_string (b, "state", a->state);
  add_string (b, "country", a->country);
  add_string (b, "zip", a->zip);
  json_builder_end_object (b);

  /* The account's own order fields, as typed. */
  {
    JsonNode *custom = pkio_custom_values_to_json (order, FALSE);

    if (custom != NULL)
      {
        json_builder_set_member_name (b, "custom_fields");
        json_builder_add_value (b, custom);
      }
  }

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

/* Lenient readers: a member of the wrong type keeps the default. */
static JsonObject *
get_object (JsonObject *object,
            const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
read_string (JsonObject  *object,
             const char  *key,
             char       **out)
{
  const char *value = get_string (object, key);

  if (value != NULL && *value != '\0')
    {
      g_free (*out);
      *out = g_strdup (value);
    }
}

static gint64
get_int (JsonObject *object,
         const char *key,
         gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static gboolean
get_boolean (JsonObject *object,
             const char *key,
             gboolean    fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

static void
read_validity (JsonObject   *object,
               PkioValidity *v)
{
  const char *kind = get_string (object, "kind");
  const char *date = get_string (object, "custom_date");
  guint year, month, day;

  v->years = CLAMP (get_int (object, "years", v->years), 0, 3);
  v->days = CLAMP (get_int (object, "days", v->days), 0, 100000);
  if (date != NULL && sscanf (date, "%4u-%2u-%2u", &year, &month, &day) == 3
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    g_date_set_dmy (&v->custom_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (g_strcmp0 (kind, "days") == 0)
    v->kind = PKIO_VALIDITY_DAYS;
  else if (g_strcmp0 (kind, "date") == 0)
    v->kind = PKIO_VALIDITY_CUSTOM_DATE;
  else
    v->kind = PKIO_VALIDITY_YEARS;
}

PkioOrder *
pkio_order_draft_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PkioOrder) order = pkio_order_new ();
  JsonNode *root_node;
  JsonObject *root;
  JsonObject *object;
  const char *value;

  g_return_val_if_fail (text != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the draft is not JSON");
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node)
      || get_int (json_node_get_object (root_node), "version", 0) != DRAFT_VERSION)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the draft is not in a known format");
      return NULL;
    }
  root = json_node_get_object (root_node);

  value = get_string (root, "profile");
  if (value != NULL)
    pkio_profile_from_string (value, &order->profile);
  order->is_rsassa_pss = get_boolean (root, "is_rsassa_pss", FALSE);

  object = get_object (root, "individual");
  order->individual.use_id = get_boolean (object, "use_id", FALSE);
  order->individual.id = MAX (get_int (object, "id", 0), 0);
  read_string (object, "first_name", &order->individual.first_name);
  read_string (object, "last_name", &order->individual.last_name);
  read_string (object, "email", &order->individual.email);
  read_string (object, "telephone", &order->individual.telephone);
  read_string (object, "country", &order->individual.country);
  read_string (object, "city", &order->individual.city);
  read_string (object, "state", &order->individual.state);
  read_string (object, "zip", &order->individual.zip);

  order->csa_agreed_to = get_boolean (root, "csa_agreed_to", FALSE);

  object = get_object (root, "ship_info");
  read_string (object, "name", &order->ship_info.name);
  read_string (object, "addr1", &order->ship_info.addr1);
  read_string (object, "addr2", &order->ship_info.addr2);
  read_string (object, "city", &order->ship_info.city);
  read_string (object, "state", &order->ship_info.state);
  read_string (object, "zip", &order->ship_info.zip);
  read_string (object, "country", &order->ship_info.country);
  value = get_string (object, "method");
  if (value != NULL)
    pkio_ship_method_from_string (value, &order->ship_info.method);

  read_validity (get_object (root, "validity"), &order->validity);

  order->replaces_order_id = MAX (get_int (root, "replaces_order_id", 0), 0);
  value = get_string (root, "payment_method");
  if (value != NULL)
    pkio_payment_method_from_string (value, &order->payment_method);

  object = get_object (root, "billing_address");
  read_string (object, "address", &order->billing_address.address);
  read_string (object, "address2", &order->billing_address.address2);
  read_string (object, "city", &order->billing_address.city);
  read_string (object, "state", &order->billing_address.state);
  read_string (object, "country", &order->billing_address.country);
  read_string (object, "zip", &order->billing_address.zip);

  /* Lenient, as everything here: an entry that is not {metadata_id, value} is left out. */
  pkio_custom_values_from_json (json_object_get_member (root, "custom_fields"), order, NULL);

  return g_steal_pointer (&order);
}
