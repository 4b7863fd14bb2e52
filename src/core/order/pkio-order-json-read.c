/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-custom-fields.h"
#include "pkio-field-rules.h"
#include "pkio-order-json.h"

/* pkio_order_from_json(): reads a request body (a CLI file, a draft) into a PkioOrder, reporting
 * every structural problem with its path instead of stopping at the first. */

typedef struct
{
  GPtrArray *problems;
} Reader;

static char *
join_path (const char *prefix,
           const char *key)
{
  return prefix != NULL ? g_strconcat (prefix, ".", key, NULL) : g_strdup (key);
}

static void
report (Reader     *reader,
        const char *path,
        const char *code,
        char       *message)
{
  pkio_problem_list_take (reader->problems, path, code, message);
}

static void
check_keys (Reader            *reader,
            JsonObject        *object,
            const char        *prefix,
            const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (allowed, key))
        {
          /* A file can hold any key, with escapes for control characters, terminal codes or
           * lone surrogates (which json-glib turns into invalid UTF-8). */
          g_autofree char *shown = pkio_field_printable (key, 64);
          g_autofree char *path = join_path (prefix, shown);

          report (reader, path, "unknown_field",
                  g_strdup_printf (_("Remove “%s”: an order has no such field."), path));
        }
    }
}

static void
report_missing (Reader     *reader,
                const char *path)
{
  report (reader, path, "missing", g_strdup_printf (_("Add “%s”: an order needs it."), path));
}

static JsonNode *
get_value (JsonObject *object,
           const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static JsonObject *
read_object (Reader     *reader,
             JsonObject *parent,
             const char *key,
             const char *path,
             gboolean    required)
{
  JsonNode *node = get_value (parent, key);

  if (node == NULL)
    {
      if (required)
        report_missing (reader, path);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (reader, path, "wrong_type",
              g_strdup_printf (_("Write “%s” as an object in braces: { … }."), path));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* The member @key when it holds a @type value. Absent or null: NULL, *@present FALSE. Another
 * type: NULL, *@present TRUE, and a wrong_type problem that says how to write it. */
static JsonNode *
get_typed (Reader     *reader,
           JsonObject *object,
           const char *prefix,
           const char *key,
           GType       type,
           gboolean   *present)
{
  JsonNode *node = get_value (object, key);
  g_autofree char *path = NULL;
  char *message;

  *present = node != NULL;
  if (node == NULL
      || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type))
    return node;

  path = join_path (prefix, key);
  if (type == G_TYPE_BOOLEAN)
    message = g_strdup_printf (_("Write “%s” as true or false, without quotes."), path);
  else if (type == G_TYPE_INT64)
    message = g_strdup_printf (_("Write “%s” as a whole number, without quotes."), path);
  else
    message = g_strdup_printf (_("Write “%s” as text in double quotes."), path);
  report (reader, path, "wrong_type", message);
  return NULL;
}

/* Absent or null leaves *@out alone: validation reports a missing required string. */
static void
read_string (Reader     *reader,
             JsonObject *object,
             const char *prefix,
             const char *key,
             char      **out)
{
  gboolean present;
  JsonNode *node = get_typed (reader, object, prefix, key, G_TYPE_STRING, &present);

  if (node != NULL)
    pkio_order_set_secret (out, json_node_get_string (node));
}

/* FALSE when absent. */
static gboolean
read_boolean (Reader     *reader,
              JsonObject *object,
              const char *prefix,
              const char *key,
              gboolean   *out)
{
  gboolean present;
  JsonNode *node = get_typed (reader, object, prefix, key, G_TYPE_BOOLEAN, &present);

  if (node != NULL)
    *out = json_node_get_boolean (node);
  return present;
}

static void
read_integer (Reader     *reader,
              JsonObject *object,
              const char *prefix,
              const char *key,
              gint64     *out)
{
  gboolean present;
  JsonNode *node = get_typed (reader, object, prefix, key, G_TYPE_INT64, &present);

  if (node != NULL)
    *out = json_node_get_int (node);
}

/* An enum member: NULL when absent (reported as missing) or not a string (reported). */
static const char *
read_enum_text (Reader     *reader,
                JsonObject *object,
                const char *prefix,
                const char *key)
{
  gboolean present;
  JsonNode *node = get_typed (reader, object, prefix, key, G_TYPE_STRING, &present);

  if (!present)
    {
      g_autofree char *path = join_path (prefix, key);

      report_missing (reader, path);
    }
  return node != NULL ? json_node_get_string (node) : NULL;
}

static const char * const certificate_keys[] = {
  "signature_hash", "profile_option", "is_rsassa_pss", "individual", NULL
};
static const char * const individual_keys[] = {
  "id", "first_name", "last_name", "email", "telephone", "country", "city", "state", "zip", NULL
};
static const char * const top_keys[] = {
  "certificate", "csa_agreed_to", "provisioning_method", "ship_info", "order_validity",
  "payment_method", "credit_card", "billing_address", "custom_fields", NULL
};
static const char * const ship_keys[] = {
  "name", "addr1", "addr2", "city", "state", "zip", "country", "method", NULL
};
static const char * const validity_keys[] = {
  "years", "days", "custom_expiration_date", NULL
};
static const char * const card_keys[] = {
  "number", "expiration_month", "expiration_year", "cvv", "cardholder_name",
  "save_credit_card", "set_as_default", NULL
};
static const char * const billing_keys[] = {
  "address", "address2", "city", "state", "country", "zip", NULL
};

static void
read_individual (Reader         *reader,
                 JsonObject     *object,
                 PkioIndividual *i)
{
  const char *prefix = "certificate.individual";
  JsonNode *id = get_value (object, "id");

  check_keys (reader, object, prefix, individual_keys);

  if (id != NULL)
    {
      i->use_id = TRUE;
      if (is_integer (id))
        i->id = json_node_get_int (id);
      else
        report (reader, "certificate.individual.id", "invalid_individual_id",
                g_strdup (_("Write the person’s number (certificate.individual.id) as a whole "
                            "number of 1 or more, without quotes.")));
    }

  read_string (reader, object, prefix, "first_name", &i->first_name);
  read_string (reader, object, prefix, "last_name", &i->last_name);
  read_string (reader, object, prefix, "email", &i->email);
  read_string (reader, object, prefix, "telephone", &i->telephone);
  read_string (reader, object, prefix, "country", &i->country);
  read_string (reader, object, prefix, "city", &i->city);
  read_string (reader, object, prefix, "state", &i->state);
  read_string (reader, object, prefix, "zip", &i->zip);
}

static void
read_certificate (Reader     *reader,
                  JsonObject *object,
                  PkioOrder  *order)
{
  const char *prefix = "certificate";
  const char *profile;
  JsonObject *individual;

  check_keys (reader, object, prefix, certificate_keys);
  read_string (reader, object, prefix, "signature_hash", &order->signature_hash);

  profile = read_enum_text (reader, object, prefix, "profile_option");
  if (profile != NULL && !pkio_profile_from_string (profile, &order->profile))
    report (reader, "certificate.profile_option", "invalid_profile",
            g_strdup (_("Choose what the certificate is for: “authentication”, "
                        "“nonrepudiation” (signature) or “encryption”.")));

  read_boolean (reader, object, prefix, "is_rsassa_pss", &order->is_rsassa_pss);

  individual = read_object (reader, object, "individual", "certificate.individual", TRUE);
  if (individual != NULL)
    read_individual (reader, individual, &order->individual);
}

static void
read_ship_info (Reader       *reader,
                JsonObject   *object,
                PkioShipInfo *s)
{
  const char *prefix = "ship_info";
  const char *method;

  check_keys (reader, object, prefix, ship_keys);
  read_string (reader, object, prefix, "name", &s->name);
  read_string (reader, object, prefix, "addr1", &s->addr1);
  read_string (reader, object, prefix, "addr2", &s->addr2);
  read_string (reader, object, prefix, "city", &s->city);
  read_string (reader, object, prefix, "state", &s->state);
  read_string (reader, object, prefix, "zip", &s->zip);
  read_string (reader, object, prefix, "country", &s->country);

  method = read_enum_text (reader, object, prefix, "method");
  if (method != NULL && !pkio_ship_method_from_string (method, &s->method))
    report (reader, "ship_info.method", "invalid_ship_method",
            g_strdup (_("Choose the shipping method “STANDARD” or “EXPEDITED” (in capitals).")));
}

static void
read_validity (Reader       *reader,
               JsonObject   *object,
               PkioValidity *v)
{
  const char *prefix = "order_validity";
  guint count = 0;
  JsonNode *date;

  check_keys (reader, object, prefix, validity_keys);
  for (guint k = 0; validity_keys[k] != NULL; k++)
    if (json_object_has_member (object, validity_keys[k]))
      count++;

  if (count == 0)
    {
      report (reader, prefix, "missing",
              g_strdup (_("Give the order validity as one of “years”, “days” or "
                          "“custom_expiration_date”.")));
      return;
    }
  if (count > 1)
    report (reader, prefix, "validity_conflict",
            g_strdup (_("Give the order validity in one way only: “years”, “days” or "
                        "“custom_expiration_date”.")));

  /* With several, the last one read wins; the conflict is already reported. */
  if (json_object_has_member (object, "years"))
    {
      v->kind = PKIO_VALIDITY_YEARS;
      v->years = 0;
      read_integer (reader, object, prefix, "years", &v->years);
    }
  if (json_object_has_member (object, "days"))
    {
      v->kind = PKIO_VALIDITY_DAYS;
      v->days = 0;
      read_integer (reader, object, prefix, "days", &v->days);
    }

  date = get_value (object, "custom_expiration_date");
  if (json_object_has_member (object, "custom_expiration_date"))
    {
      v->kind = PKIO_VALIDITY_CUSTOM_DATE;
      if (date == NULL || !JSON_NODE_HOLDS_VALUE (date)
          || json_node_get_value_type (date) != G_TYPE_STRING
          || !pkio_order_parse_expiration_date (json_node_get_string (date), &v->custom_date))
        report (reader, "order_validity.custom_expiration_date", "invalid_date",
                g_strdup (_("Write the end date as two-digit day, English month and year, "
                            "for example “09 JUN 2025”.")));
    }
}

static void
read_credit_card (Reader         *reader,
                  JsonObject     *object,
                  PkioCreditCard *c)
{
  const char *prefix = "credit_card";
  gint64 set_as_default = 0;
  JsonNode *node;

  check_keys (reader, object, prefix, card_keys);
  read_string (reader, object, prefix, "number", &c->number);
  read_string (reader, object, prefix, "expiration_month", &c->expiration_month);
  read_string (reader, object, prefix, "expiration_year", &c->expiration_year);
  read_string (reader, object, prefix, "cvv", &c->cvv);
  read_string (reader, object, prefix, "cardholder_name", &c->cardholder_name);
  read_boolean (reader, object, prefix, "save_credit_card", &c->save_credit_card);

  node = get_value (object, "set_as_default");
  if (node == NULL)
    return;
  if (is_integer (node))
    set_as_default = json_node_get_int (node);
  if (!is_integer (node) || (set_as_default != 0 && set_as_default != 1))
    report (reader, "credit_card.set_as_default", "wrong_type",
            g_strdup (_("Write “credit_card.set_as_default” as 1 (make this the default "
                        "card) or 0, without quotes.")));
  c->set_as_default = set_as_default == 1;
}

static void
read_billing (Reader             *reader,
              JsonObject         *object,
              PkioBillingAddress *b)
{
  const char *prefix = "billing_address";

  check_keys (reader, object, prefix, billing_keys);
  read_string (reader, object, prefix, "address", &b->address);
  read_string (reader, object, prefix, "address2", &b->address2);
  read_string (reader, object, prefix, "city", &b->city);
  read_string (reader, object, prefix, "state", &b->state);
  read_string (reader, object, prefix, "country", &b->country);
  read_string (reader, object, prefix, "zip", &b->zip);
}

PkioOrder *
pkio_order_from_json (JsonNode  *node,
                      GPtrArray *problems)
{
  Reader reader = { problems };
  g_autoptr(PkioOrder) order = NULL;
  JsonObject *root;
  JsonObject *object;
  const char *payment;
  gboolean by_card;

  g_return_val_if_fail (problems != NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pkio_problem_list_add (problems, "", "wrong_type",
                             _("The order must be a JSON object in braces: { … }."));
      return NULL;
    }
  root = json_node_get_object (node);

  /* Required strings start empty so that validation reports them when absent. */
  order = pkio_order_new ();
  g_clear_pointer (&order->signature_hash, g_free);
  g_clear_pointer (&order->provisioning_method, g_free);

  check_keys (&reader, root, NULL, top_keys);

  object = read_object (&reader, root, "certificate", "certificate", TRUE);
  if (object != NULL)
    read_certificate (&reader, object, order);

  if (!read_boolean (&reader, root, NULL, "csa_agreed_to", &order->csa_agreed_to))
    report_missing (&reader, "csa_agreed_to");
  read_string (&reader, root, NULL, "provisioning_method", &order->provisioning_method);

  object = read_object (&reader, root, "ship_info", "ship_info", TRUE);
  if (object != NULL)
    read_ship_info (&reader, object, &order->ship_info);

  object = read_object (&reader, root, "order_validity", "order_validity", TRUE);
  if (object != NULL)
    read_validity (&reader, object, &order->validity);

  payment = read_enum_text (&reader, root, NULL, "payment_method");
  if (payment != NULL && !pkio_payment_method_from_string (payment, &order->payment_method))
    report (&reader, "payment_method", "invalid_payment_method",
            g_strdup (_("Choose the payment method “balance”, “profile” or “card”.")));

  by_card = order->payment_method == PKIO_PAYMENT_CARD;
  if (!by_card)
    {
      const char *card_only[] = { "credit_card", "billing_address" };

      for (guint k = 0; k < G_N_ELEMENTS (card_only); k++)
        if (json_object_has_member (root, card_only[k]))
          report (&reader, card_only[k], "not_for_payment_method",
                  g_strdup_printf (_("Remove “%s”: it is only used when paying by card "
                                     "(“payment_method”: “card”)."), card_only[k]));
    }
  else
    {
      object = read_object (&reader, root, "credit_card", "credit_card", TRUE);
      if (object != NULL)
        read_credit_card (&reader, object, &order->credit_card);
      object = read_object (&reader, root, "billing_address", "billing_address", TRUE);
      if (object != NULL)
        read_billing (&reader, object, &order->billing_address);
    }

  /* The account's own fields: checked against the account's list elsewhere
   * (pkio_custom_fields_validate ()), since only the account knows them. */
  pkio_custom_values_from_json (json_object_get_member (root, "custom_fields"), order, problems);

  return g_steal_pointer (&order);
}
