/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-custom-fields.h"
#include "pkio-field-rules.h"
#include "pkio-order-json.h"

/* json_object_set_string_member copies; this variant hands over the string. */
static void
take_string (JsonObject *object,
             const char *key,
             char       *value)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_string (node, value);
  json_object_set_member (object, key, node);
  /* Card fields pass through here too: leave no copy behind in freed memory. */
  explicit_bzero (value, strlen (value));
  g_free (value);
}

static void
set_trimmed (JsonObject *object,
             const char *key,
             const char *value)
{
  take_string (object, key, pkio_field_trim (value));
}

static char *
country_lower (const char *country)
{
  g_autofree char *trimmed = pkio_field_trim (country);

  return g_ascii_strdown (trimmed, -1);
}

static void
set_zip (JsonObject *object,
         const char *zip,
         const char *country)
{
  g_autofree char *trimmed_country = pkio_field_trim (country);
  char *normalized = pkio_field_normalize_zip (zip, trimmed_country);

  take_string (object, "zip", normalized != NULL ? normalized : pkio_field_trim (zip));
}

static JsonObject *
individual_to_json (const PkioIndividual *i)
{
  JsonObject *object = json_object_new ();

  if (i->use_id)
    {
      json_object_set_int_member (object, "id", i->id);
      return object;
    }
  set_trimmed (object, "first_name", i->first_name);
  set_trimmed (object, "last_name", i->last_name);
  set_trimmed (object, "email", i->email);
  set_trimmed (object, "telephone", i->telephone);
  take_string (object, "country", country_lower (i->country));
  set_trimmed (object, "city", i->city);
  set_trimmed (object, "state", i->state);
  set_zip (object, i->zip, i->country);
  return object;
}

static JsonObject *
ship_info_to_json (const PkioShipInfo *s)
{
  JsonObject *object = json_object_new ();
  const char *method = (guint) s->method <= PKIO_SHIP_EXPEDITED
                       ? pkio_ship_method_to_string (s->method) : "";

  set_trimmed (object, "name", s->name);
  set_trimmed (object, "addr1", s->addr1);
  set_trimmed (object, "addr2", s->addr2);
  set_trimmed (object, "city", s->city);
  set_trimmed (object, "state", s->state);
  set_zip (object, s->zip, s->country);
  take_string (object, "country", country_lower (s->country));
  json_object_set_string_member (object, "method", method);
  return object;
}

static JsonObject *
validity_to_json (const PkioValidity *v)
{
  JsonObject *object = json_object_new ();

  switch (v->kind)
    {
    case PKIO_VALIDITY_DAYS:
      json_object_set_int_member (object, "days", v->days);
      break;
    case PKIO_VALIDITY_CUSTOM_DATE:
      if (g_date_valid (&v->custom_date))
        take_string (object, "custom_expiration_date",
                     pkio_order_format_expiration_date ((GDate *) &v->custom_date));
      else
        json_object_set_string_member (object, "custom_expiration_date", "");
      break;
    case PKIO_VALIDITY_YEARS:
    default:
      json_object_set_int_member (object, "years", v->years);
      break;
    }
  return object;
}

static char *
card_digits (const PkioCreditCard *c)
{
  char *digits = pkio_field_card_digits (c->number);

  return digits != NULL ? digits : pkio_field_trim (c->number);
}

static JsonObject *
credit_card_to_json (const PkioCreditCard *c)
{
  JsonObject *object = json_object_new ();
  char *digits = card_digits (c);

  json_object_set_string_member (object, "number", digits);
  pkio_order_set_secret (&digits, NULL);
  set_trimmed (object, "expiration_month", c->expiration_month);
  set_trimmed (object, "expiration_year", c->expiration_year);
  set_trimmed (object, "cvv", c->cvv);
  set_trimmed (object, "cardholder_name", c->cardholder_name);
  json_object_set_boolean_member (object, "save_credit_card", c->save_credit_card);
  json_object_set_int_member (object, "set_as_default", c->set_as_default ? 1 : 0);
  return object;
}

static JsonObject *
billing_to_json (const PkioBillingAddress *b)
{
  JsonObject *object = json_object_new ();

  set_trimmed (object, "address", b->address);
  if (!pkio_field_is_blank (b->address2))
    set_trimmed (object, "address2", b->address2);
  set_trimmed (object, "city", b->city);
  if (!pkio_field_is_blank (b->state))
    set_trimmed (object, "state", b->state);
  take_string (object, "country", country_lower (b->country));
  set_zip (object, b->zip, b->country);
  return object;
}

static JsonNode *
order_to_json (const PkioOrder *order,
               gboolean         for_storage)
{
  JsonObject *root = json_object_new ();
  JsonObject *certificate = json_object_new ();
  JsonNode *node;
  JsonNode *custom;
  const char *profile = (guint) order->profile <= PKIO_PROFILE_ENCRYPTION
                        ? pkio_profile_to_string (order->profile) : "";
  const char *payment = (guint) order->payment_method <= PKIO_PAYMENT_CARD
                        ? pkio_payment_method_to_string (order->payment_method) : "";

  set_trimmed (certificate, "signature_hash", order->signature_hash);
  json_object_set_string_member (certificate, "profile_option", profile);
  json_object_set_boolean_member (certificate, "is_rsassa_pss", order->is_rsassa_pss);
  json_object_set_object_member (certificate, "individual",
                                 individual_to_json (&order->individual));
  json_object_set_object_member (root, "certificate", certificate);
  json_object_set_boolean_member (root, "csa_agreed_to", order->csa_agreed_to);
  set_trimmed (root, "provisioning_method", order->provisioning_method);
  json_object_set_object_member (root, "ship_info", ship_info_to_json (&order->ship_info));
  json_object_set_object_member (root, "order_validity", validity_to_json (&order->validity));
  json_object_set_string_member (root, "payment_method", payment);

  if (order->payment_method == PKIO_PAYMENT_CARD)
    {
      if (for_storage)
        {
          char *digits = card_digits (&order->credit_card);
          gsize len = strlen (digits);

          json_object_set_string_member (root, "card_last4", len >= 4 ? digits + len - 4 : "");
          pkio_order_set_secret (&digits, NULL);
        }
      else
        json_object_set_object_member (root, "credit_card",
                                       credit_card_to_json (&order->credit_card));
      json_object_set_object_member (root, "billing_address",
                                     billing_to_json (&order->billing_address));
    }

  /* Only when the order gives the account's own fields a value: without, the body is exactly
   * the seed's (docs/decisions.md#the-request-body). */
  custom = pkio_custom_values_to_json (order, TRUE);
  if (custom != NULL)
    json_object_set_member (root, "custom_fields", custom);

  node = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return node;
}

JsonNode *
pkio_order_to_json (const PkioOrder *order)
{
  g_return_val_if_fail (order != NULL, NULL);

  return order_to_json (order, FALSE);
}

JsonNode *
pkio_order_to_storage_json (const PkioOrder *order)
{
  g_return_val_if_fail (order != NULL, NULL);

  return order_to_json (order, TRUE);
}
