/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-order.h"

#include <string.h>

/* Month abbreviations of the API date format; fixed English, never strftime's %b. */
static const char * const api_months[12] = {
  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
};

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
pkio_order_set_secret (char      **field,
                       const char *value)
{
  g_return_if_fail (field != NULL);

  wipe_free (*field);
  *field = g_strdup (value);
}

PkioOrder *
pkio_order_new (void)
{
  PkioOrder *order = g_new0 (PkioOrder, 1);

  order->signature_hash = g_strdup ("sha256");
  order->profile = PKIO_PROFILE_AUTHENTICATION;
  order->is_rsassa_pss = FALSE;
  order->csa_agreed_to = FALSE;
  order->provisioning_method = g_strdup ("token");
  order->ship_info.method = PKIO_SHIP_STANDARD;
  order->validity.kind = PKIO_VALIDITY_YEARS;
  order->validity.years = 1;
  order->validity.allowed_years = PKIO_ORDER_ALLOWED_YEARS_DEFAULT;
  g_date_clear (&order->validity.custom_date, 1);
  order->payment_method = PKIO_PAYMENT_BALANCE;
  return order;
}

void
pkio_order_clear_card (PkioOrder *order)
{
  PkioCreditCard *card;

  g_return_if_fail (order != NULL);

  card = &order->credit_card;
  g_clear_pointer (&card->number, wipe_free);
  g_clear_pointer (&card->expiration_month, wipe_free);
  g_clear_pointer (&card->expiration_year, wipe_free);
  g_clear_pointer (&card->cvv, wipe_free);
  g_clear_pointer (&card->cardholder_name, wipe_free);
  card->save_credit_card = FALSE;
  card->set_as_default = FALSE;
}

void
pkio_order_clear_cvv (PkioOrder *order)
{
  g_return_if_fail (order != NULL);

  g_clear_pointer (&order->credit_card.cvv, wipe_free);
}

static void
individual_clear (PkioIndividual *individual)
{
  g_free (individual->first_name);
  g_free (individual->last_name);
  g_free (individual->email);
  g_free (individual->telephone);
  g_free (individual->country);
  g_free (individual->city);
  g_free (individual->state);
  g_free (individual->zip);
}

static void
ship_info_clear (PkioShipInfo *ship)
{
  g_free (ship->name);
  g_free (ship->addr1);
  g_free (ship->addr2);
  g_free (ship->city);
  g_free (ship->state);
  g_free (ship->zip);
  g_free (ship->country);
}

static void
billing_clear (PkioBillingAddress *billing)
{
  g_free (billing->address);
  g_free (billing->address2);
  g_free (billing->city);
  g_free (billing->state);
  g_free (billing->country);
  g_free (billing->zip);
}

static void
custom_value_free (PkioCustomValue *value)
{
  g_free (value->value);
  g_free (value);
}

static PkioCustomValue *
custom_value_new (gint64      metadata_id,
                  const char *text)
{
  PkioCustomValue *value = g_new0 (PkioCustomValue, 1);

  value->metadata_id = metadata_id;
  value->value = g_strdup (text);
  return value;
}

void
pkio_order_set_custom_value (PkioOrder  *order,
                             gint64      metadata_id,
                             const char *value)
{
  g_return_if_fail (order != NULL);

  for (guint i = 0; order->custom_fields != NULL && i < order->custom_fields->len; i++)
    {
      PkioCustomValue *existing = g_ptr_array_index (order->custom_fields, i);

      if (existing->metadata_id != metadata_id)
        continue;
      if (value == NULL)
        g_ptr_array_remove_index (order->custom_fields, i);
      else
        {
          g_free (existing->value);
          existing->value = g_strdup (value);
        }
      return;
    }
  if (value == NULL)
    return;
  if (order->custom_fields == NULL)
    order->custom_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) custom_value_free);
  g_ptr_array_add (order->custom_fields, custom_value_new (metadata_id, value));
}

const char *
pkio_order_get_custom_value (const PkioOrder *order,
                             gint64           metadata_id)
{
  g_return_val_if_fail (order != NULL, NULL);

  for (guint i = 0; order->custom_fields != NULL && i < order->custom_fields->len; i++)
    {
      const PkioCustomValue *value = g_ptr_array_index (order->custom_fields, i);

      if (value->metadata_id == metadata_id)
        return value->value;
    }
  return NULL;
}

void
pkio_order_free (PkioOrder *order)
{
  if (order == NULL)
    return;

  pkio_order_clear_card (order);
  g_clear_pointer (&order->custom_fields, g_ptr_array_unref);
  g_free (order->signature_hash);
  g_free (order->provisioning_method);
  individual_clear (&order->individual);
  ship_info_clear (&order->ship_info);
  billing_clear (&order->billing_address);
  g_free (order);
}

PkioOrder *
pkio_order_copy (const PkioOrder *order)
{
  PkioOrder *copy;
  const PkioIndividual *i;
  const PkioShipInfo *s;
  const PkioCreditCard *c;
  const PkioBillingAddress *b;

  g_return_val_if_fail (order != NULL, NULL);

  /* Start from a byte copy for the scalars, then replace every pointer with its own copy. */
  copy = g_memdup2 (order, sizeof *order);
  i = &order->individual;
  s = &order->ship_info;
  c = &order->credit_card;
  b = &order->billing_address;

  copy->signature_hash = g_strdup (order->signature_hash);
  copy->provisioning_method = g_strdup (order->provisioning_method);

  copy->individual.first_name = g_strdup (i->first_name);
  copy->individual.last_name = g_strdup (i->last_name);
  copy->individual.email = g_strdup (i->email);
  copy->individual.telephone = g_strdup (i->telephone);
  copy->individual.country = g_strdup (i->country);
  copy->individual.city = g_strdup (i->city);
  copy->individual.state = g_strdup (i->state);
  copy->individual.zip = g_strdup (i->zip);

  copy->ship_info.name = g_strdup (s->name);
  copy->ship_info.addr1 = g_strdup (s->addr1);
  copy->ship_info.addr2 = g_strdup (s->addr2);
  copy->ship_info.city = g_strdup (s->city);
  copy->ship_info.state = g_strdup (s->state);
  copy->ship_info.zip = g_strdup (s->zip);
  copy->ship_info.country = g_strdup (s->country);

  copy->credit_card.number = g_strdup (c->number);
  copy->credit_card.expiration_month = g_strdup (c->expiration_month);
  copy->credit_card.expiration_year = g_strdup (c->expiration_year);
  copy->credit_card.cvv = g_strdup (c->cvv);
  copy->credit_card.cardholder_name = g_strdup (c->cardholder_name);

  copy->billing_address.address = g_strdup (b->address);
  copy->billing_address.address2 = g_strdup (b->address2);
  copy->billing_address.city = g_strdup (b->city);
  copy->billing_address.state = g_strdup (b->state);
  copy->billing_address.country = g_strdup (b->country);
  copy->billing_address.zip = g_strdup (b->zip);

  copy->custom_fields = NULL;
  for (guint k = 0; order->custom_fields != NULL && k < order->custom_fields->len; k++)
    {
      const PkioCustomValue *value = g_ptr_array_index (order->custom_fields, k);

      pkio_order_set_custom_value (copy, value->metadata_id, value->value);
    }

  return copy;
}

void
pkio_order_set_allowed_years (PkioOrder    *order,
                              const gint64 *years,
                              guint         n_years)
{
  guint mask = 0;

  g_return_if_fail (order != NULL);
  g_return_if_fail (years != NULL || n_years == 0);

  for (guint k = 0; k < n_years; k++)
    if (years[k] >= 1 && years[k] <= 3)
      mask |= 1u << years[k];
  order->validity.allowed_years = mask != 0 ? mask : PKIO_ORDER_ALLOWED_YEARS_DEFAULT;
}

const char *
pkio_order_holder_email (const PkioOrder *order)
{
  g_return_val_if_fail (order != NULL, NULL);

  return order->individual.use_id ? NULL : order->individual.email;
}

gint64
pkio_order_holder_individual_id (const PkioOrder *order)
{
  g_return_val_if_fail (order != NULL, 0);

  return order->individual.use_id ? order->individual.id : 0;
}

char *
pkio_order_format_expiration_date (GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  return g_strdup_printf ("%02u %s %04u",
                          (guint) g_date_get_day (date),
                          api_months[g_date_get_month (date) - 1],
                          (guint) g_date_get_year (date));
}

gboolean
pkio_order_parse_expiration_date (const char *text,
                                  GDate      *out_date)
{
  guint day;
  guint year = 0;
  int month = 0;
  const char *p;

  g_return_val_if_fail (out_date != NULL, FALSE);

  g_date_clear (out_date, 1);
  /* "D MMM YYYY" or "DD MMM YYYY", single spaces. */
  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  day = (guint) (text[0] - '0');
  p = text + 1;
  if (g_ascii_isdigit (*p))
    day = day * 10 + (guint) (*p++ - '0');
  if (*p++ != ' ')
    return FALSE;
  for (int m = 0; m < 12; m++)
    if (g_ascii_strncasecmp (p, api_months[m], 3) == 0)
      month = m + 1;
  if (month == 0 || p[3] != ' ')
    return FALSE;
  p += 4;
  for (int k = 0; k < 4; k++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      year = year * 10 + (guint) (*p - '0');
    }
  if (*p != '\0' || year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                                                   (GDateYear) year))
    return FALSE;
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static const char * const profile_names[] = { "authentication", "nonrepudiation", "encryption" };
static const char * const ship_names[] = { "STANDARD", "EXPEDITED" };
static const char * const payment_names[] = { "balance", "profile", "card" };

static int
index_of (const char * const *names,
          guint               n_names,
          const char         *text)
{
  if (text == NULL)
    return -1;
  for (guint k = 0; k < n_names; k++)
    if (g_str_equal (names[k], text))
      return (int) k;
  return -1;
}

const char *
pkio_profile_to_string (PkioProfile profile)
{
  g_return_val_if_fail ((guint) profile < G_N_ELEMENTS (profile_names), NULL);
  return profile_names[profile];
}

gboolean
pkio_profile_from_string (const char  *text,
                          PkioProfile *out_profile)
{
  int k = index_of (profile_names, G_N_ELEMENTS (profile_names), text);

  if (k < 0)
    return FALSE;
  *out_profile = (PkioProfile) k;
  return TRUE;
}

const char *
pkio_ship_method_to_string (PkioShipMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (ship_names), NULL);
  return ship_names[method];
}

gboolean
pkio_ship_method_from_string (const char     *text,
                              PkioShipMethod *out_method)
{
  int k = index_of (ship_names, G_N_ELEMENTS (ship_names), text);

  if (k < 0)
    return FALSE;
  *out_method = (PkioShipMethod) k;
  return TRUE;
}

const char *
pkio_payment_method_to_string (PkioPaymentMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (payment_names), NULL);
  return payment_names[method];
}

gboolean
pkio_payment_method_from_string (const char        *text,
                                 PkioPaymentMethod *out_method)
{
  int k = index_of (payment_names, G_N_ELEMENTS (payment_names), text);

  if (k < 0)
    return FALSE;
  *out_method = (PkioPaymentMethod) k;
  return TRUE;
}
