/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-field-rules.h"
#include "pkio-order.h"

#define MAX_DAYS         397
#define MAX_CUSTOM_DAYS  199

static void
add (GPtrArray  *problems,
     const char *path,
     const char *code,
     const char *message)
{
  pkio_problem_list_add (problems, path, code, message);
}

/* Checks what every string shares (required, length, control characters). Returns the trimmed
 * text when the field-specific rules should run next, NULL otherwise. */
static char *
check_text (GPtrArray  *problems,
            const char *path,
            const char *label,
            const char *value,
            gboolean    required,
            guint       max_chars)
{
  g_autofree char *trimmed = pkio_field_trim (value);

  if (pkio_field_has_control_chars (trimmed))
    {
      pkio_problem_list_take (problems, path, "control_characters",
                              g_strdup_printf (_("Remove line breaks, tabs and other special "
                                                 "characters from “%s”."), label));
      return NULL;
    }
  if (*trimmed == '\0')
    {
      if (required)
        pkio_problem_list_take (problems, path, "missing",
                                g_strdup_printf (_("Fill in “%s”."), label));
      return NULL;
    }
  if (pkio_field_is_too_long (trimmed, max_chars))
    {
      pkio_problem_list_take (problems, path, "too_long",
                              g_strdup_printf (_("Shorten “%s” to at most %u characters."),
                                               label, max_chars));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

static void
check_plain (GPtrArray  *problems,
             const char *path,
             const char *label,
             const char *value,
             gboolean    required)
{
  g_free (check_text (problems, path, label, value, required, PKIO_FIELD_MAX_CHARS));
}

static void
check_name (GPtrArray  *problems,
            const char *path,
            const char *label,
            const char *value)
{
  g_autofree char *text = check_text (problems, path, label, value, TRUE, PKIO_FIELD_MAX_CHARS);

  if (text != NULL && pkio_field_has_title_prefix (text))
    add (problems, path, "title_in_name",
         _("Leave out titles such as “Dr.”, “Prof.” or “Mevr.”; enter the name only."));
}

/* Returns the trimmed country when it is valid, for the zip rule. */
static char *
check_country (GPtrArray  *problems,
               const char *path,
               const char *value)
{
  g_autofree char *text = check_text (problems, path, _("Country"), value, TRUE,
                                      PKIO_FIELD_MAX_CHARS);

  if (text == NULL)
    return NULL;
  if (!pkio_field_is_valid_country (text))
    {
      add (problems, path, "invalid_country",
           _("Choose a country from the list (a two-letter code such as “nl”)."));
      return NULL;
    }
  return g_steal_pointer (&text);
}

static void
check_zip (GPtrArray  *problems,
           const char *path,
           const char *value,
           const char *country)
{
  g_autofree char *text = check_text (problems, path, _("Postal code"), value, TRUE,
                                      PKIO_FIELD_MAX_CHARS);
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return;
  normalized = pkio_field_normalize_zip (text, country);
  if (normalized != NULL)
    return;

  if (country != NULL && g_ascii_strcasecmp (country, "nl") == 0)
    add (problems, path, "invalid_zip",
         _("Enter a Dutch postal code as four digits and two letters, for example 1013 AA."));
  else if (country != NULL && g_ascii_strcasecmp (country, "be") == 0)
    add (problems, path, "invalid_zip",
         _("Enter a Belgian postal code as four digits, for example 1000."));
  else
    add (problems, path, "invalid_zip",
         _("Enter the postal code with at most 16 letters, digits, spaces or dashes."));
}

static gboolean
individual_has_details (const PkioIndividual *i)
{
  const char *fields[] = { i->first_name, i->last_name, i->email, i->telephone,
                           i->country, i->city, i->state, i->zip };

  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    if (!pkio_field_is_blank (fields[k]))
      return TRUE;
  return FALSE;
}

static void
validate_individual (const PkioIndividual *i,
                     GPtrArray            *problems)
{
  g_autofree char *email = NULL;
  g_autofree char *telephone = NULL;
  g_autofree char *country = NULL;

  if (i->use_id)
    {
      if (!pkio_field_is_valid_individual_id (i->id))
        add (problems, "certificate.individual.id", "invalid_individual_id",
             _("Enter the number of an existing person in CertCentral (a whole number, 1 or "
               "more)."));
      if (individual_has_details (i))
        add (problems, "certificate.individual", "id_and_details",
             _("Either choose an existing person by number, or enter the person’s details; "
               "not both."));
      return;
    }

  check_name (problems, "certificate.individual.first_name", _("First name"), i->first_name);
  check_name (problems, "certificate.individual.last_name", _("Last name"), i->last_name);

  email = check_text (problems, "certificate.individual.email", _("Email address"), i->email,
                      TRUE, PKIO_FIELD_MAX_EMAIL_CHARS);
  if (email != NULL && !pkio_field_is_valid_email (email))
    add (problems, "certificate.individual.email", "invalid_email",
         _("Enter one email address without spaces, for example name@example.com."));

  telephone = check_text (problems, "certificate.individual.telephone", _("Telephone"),
                          i->telephone, TRUE, PKIO_FIELD_MAX_CHARS);
  if (telephone != NULL && !pkio_field_is_valid_telephone (telephone))
    add (problems, "certificate.individual.telephone", "invalid_telephone",
         _("Enter the telephone number with “+” and the country code, 8 to 15 digits in all, "
           "for example +31 20 254 7999."));

  country = check_country (problems, "certificate.individual.country", i->country);
  check_plain (problems, "certificate.individual.city", _("City"), i->city, TRUE);
  check_plain (problems, "certificate.individual.state", _("Province or state"), i->state, TRUE);
  check_zip (problems, "certificate.individual.zip", i->zip, country);
}

static void
validate_ship_info (const PkioShipInfo *s,
                    GPtrArray          *problems)
{
  g_autofree char *country = NULL;

  check_plain (problems, "ship_info.name", _("Recipient name"), s->name, TRUE);
  check_plain (problems, "ship_info.addr1", _("Address"), s->addr1, TRUE);
  check_plain (problems, "ship_info.addr2", _("Address line 2"), s->addr2, FALSE);
  check_plain (problems, "ship_info.city", _("City"), s->city, TRUE);
  check_plain (problems, "ship_info.state", _("Province or state"), s->state, TRUE);
  country = check_country (problems, "ship_info.country", s->country);
  check_zip (problems, "ship_info.zip", s->zip, country);

  if (s->method != PKIO_SHIP_STANDARD && s->method != PKIO_SHIP_EXPEDITED)
    add (problems, "ship_info.method", "invalid_ship_method",
         _("Choose standard or expedited shipping."));
}

static void
validate_validity (const PkioValidity *v,
                   GDateTime          *now,
                   GPtrArray          *problems)
{
  switch (v->kind)
    {
    case PKIO_VALIDITY_YEARS:
      if (v->years < 1 || v->years > 3 || (v->allowed_years & (1u << v->years)) == 0)
        {
          g_autoptr(GString) offered = g_string_new (NULL);
          guint n_offered = 0;
          guint only = 0;
          char *message;

          for (guint y = 1; y <= 3; y++)
            if (v->allowed_years & (1u << y))
              {
                g_string_append_printf (offered, "%s%u", offered->len ? ", " : "", y);
                n_offered++;
                only = y;
              }
          if (n_offered == 1)
            message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "This certificate can only be ordered for "
                                                    "%u year.",
                                                    "This certificate can only be ordered for "
                                                    "%u years.", only), only);
          else
            /* TRANSLATORS: %s is a list of numbers of years, such as "1, 2, 3" */
            message = g_strdup_printf (_("Choose a validity in years, one of: %s."), offered->str);
          pkio_problem_list_take (problems, "order_validity.years", "validity_out_of_range",
                                  message);
        }
      break;

    case PKIO_VALIDITY_DAYS:
      if (v->days < 1 || v->days > MAX_DAYS)
        add (problems, "order_validity.days", "validity_out_of_range",
             _("Enter a validity of 1 to 397 days."));
      break;

    case PKIO_VALIDITY_CUSTOM_DATE:
      {
        GDate today;
        GDate first;
        GDate last;

        if (!g_date_valid (&v->custom_date))
          {
            add (problems, "order_validity.custom_expiration_date", "missing",
                 _("Choose the end date of the order."));
            break;
          }
        g_date_clear (&today, 1);
        g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                        (GDateMonth) g_date_time_get_month (now),
                        (GDateYear) g_date_time_get_year (now));
        first = today;
        g_date_add_days (&first, 1);
        last = today;
        g_date_add_days (&last, MAX_CUSTOM_DAYS);
        if (g_date_compare (&v->custom_date, &first) < 0
            || g_date_compare (&v->custom_date, &last) > 0)
          add (problems, "order_validity.custom_expiration_date", "date_out_of_range",
               _("Choose an end date from tomorrow up to 199 days from today."));
      }
      break;

    default:
      add (problems, "order_validity", "missing",
           _("Choose how long the order is valid: years, days or an end date."));
      break;
    }
}

static void
validate_card (const PkioCreditCard *c,
               GDateTime            *now,
               GPtrArray            *problems)
{
  g_autofree char *digits = NULL;
  guint month = 0;
  guint year = 0;

  if (pkio_field_is_blank (c->number))
    add (problems, "credit_card.number", "missing", _("Enter the card number."));
  else
    {
      digits = pkio_field_card_digits (c->number);
      if (digits == NULL || strlen (digits) < 12 || strlen (digits) > 19)
        add (problems, "credit_card.number", "invalid_card_number",
             _("Enter the card number as 12 to 19 digits; spaces and dashes are fine."));
      else if (!pkio_field_luhn_valid (digits))
        add (problems, "credit_card.number", "invalid_luhn",
             _("This card number has a typing error. Check the digits on the card."));
    }

  if (pkio_field_is_blank (c->expiration_month))
    add (problems, "credit_card.expiration_month", "missing",
         _("Enter the expiry month of the card."));
  else if ((month = pkio_field_parse_card_month (c->expiration_month)) == 0)
    add (problems, "credit_card.expiration_month", "invalid_expiry",
         _("Enter the expiry month as two digits, 01 to 12."));

  if (pkio_field_is_blank (c->expiration_year))
    add (problems, "credit_card.expiration_year", "missing",
         _("Enter the expiry year of the card."));
  else if ((year = pkio_field_parse_card_year (c->expiration_year)) == 0)
    add (problems, "credit_card.expiration_year", "invalid_expiry",
         _("Enter the expiry year as four digits, for example 2027."));

  if (month != 0 && year != 0 && pkio_field_card_expired (month, year, now))
    add (problems,
         year < (guint) g_date_time_get_year (now) ? "credit_card.expiration_year"
                                                    : "credit_card.expiration_month",
         "card_expired", _("This card has expired. Use another card."));

  if (pkio_field_is_blank (c->cvv))
    add (problems, "credit_card.cvv", "missing",
         _("Enter the security code from the back of the card."));
  else if (!pkio_field_is_valid_cvv (c->cvv, digits))
    {
      if (digits != NULL && (g_str_has_prefix (digits, "34") || g_str_has_prefix (digits, "37")))
        add (problems, "credit_card.cvv", "invalid_cvv",
             _("Enter the 4-digit security code from the front of the American Express card."));
      else
        add (problems, "credit_card.cvv", "invalid_cvv",
             _("Enter the 3-digit security code from the back of the card."));
    }

  check_plain (problems, "credit_card.cardholder_name", _("Name on the card"),
               c->cardholder_name, TRUE);

  if (digits != NULL)
    explicit_bzero (digits, strlen (digits));
}

static void
validate_billing (const PkioBillingAddress *b,
                  GPtrArray                *problems)
{
  g_autofree char *country = NULL;

  check_plain (problems, "billing_address.address", _("Billing address"), b->address, TRUE);
  check_plain (problems, "billing_address.address2", _("Billing address line 2"), b->address2,
               FALSE);
  check_plain (problems, "billing_address.city", _("City"), b->city, TRUE);
  check_plain (problems, "billing_address.state", _("Province or state"), b->state, FALSE);
  country = check_country (problems, "billing_address.country", b->country);
  check_zip (problems, "billing_address.zip", b->zip, country);
}

GPtrArray *
pkio_order_validate (const PkioOrder *order,
                     GDateTime       *now)
{
  GPtrArray *problems;

  g_return_val_if_fail (order != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  problems = pkio_problem_list_new ();

  if (pkio_field_is_blank (order->signature_hash))
    add (problems, "certificate.signature_hash", "missing",
         _("Choose the signature hash: SHA-256."));
  else if (!g_str_equal (order->signature_hash, "sha256"))
    add (problems, "certificate.signature_hash", "unsupported_hash",
         _("These certificates are only available with SHA-256; use “sha256”."));

  if ((guint) order->profile > PKIO_PROFILE_ENCRYPTION)
    add (problems, "certificate.profile_option", "invalid_profile",
         _("Choose what the certificate is for: authentication, signature "
           "(nonrepudiation) or encryption."));

  validate_individual (&order->individual, problems);

  if (!order->csa_agreed_to)
    add (problems, "csa_agreed_to", "csa_not_agreed",
         _("The certificate holder must agree to the Certificate Subscriber Agreement. "
           "Tick the box to confirm."));

  if (pkio_field_is_blank (order->provisioning_method))
    add (problems, "provisioning_method", "missing",
         _("Choose “token”: these certificates are delivered on a hardware token."));
  else if (!g_str_equal (order->provisioning_method, "token"))
    add (problems, "provisioning_method", "invalid_provisioning_method",
         _("These certificates are only delivered on a hardware token; use “token”."));

  validate_ship_info (&order->ship_info, problems);
  validate_validity (&order->validity, now, problems);

  switch (order->payment_method)
    {
    case PKIO_PAYMENT_BALANCE:
    case PKIO_PAYMENT_PROFILE:
      break;
    case PKIO_PAYMENT_CARD:
      validate_card (&order->credit_card, now, problems);
      validate_billing (&order->billing_address, problems);
      break;
    default:
      add (problems, "payment_method", "invalid_payment_method",
           _("Choose how to pay: the account balance, the account’s saved card, or a new card."));
      break;
    }

  return problems;
}
