/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-field-rules.h"
#include "pkio-order.h"

#include "fuzz-util.h"

/* The validators: pkio_order_validate() on an order built straight from the input (as the
 * form builds one, without JSON), and each field rule on every text of it.
 *
 * Input: 10 bytes of settings, then the texts separated by '\n' in the order of text_fields
 * (a missing text stays NULL):
 *   [0] flags: 1 use_id, 2 csa_agreed_to, 4 is_rsassa_pss, 8 EXPEDITED, 16 save_credit_card,
 *       32 set_as_default
 *   [1] profile (bits 0-1, mod 3), payment method (bits 2-3, mod 3), validity (bits 4-5, mod 3)
 *   [2-3] years or days, little-endian signed 16 bits
 *   [4-7] individual id, little-endian signed 32 bits
 *   [8-9] custom end date, days after "today" (signed 16 bits); 0x7fff: none
 * tests/fuzz/make-corpus.py writes such inputs. */

#define N_SETTINGS 10

static gsize
field_offset (const char *name)
{
  static const struct { const char *name; gsize offset; } offsets[] = {
    { "signature_hash", G_STRUCT_OFFSET (PkioOrder, signature_hash) },
    { "provisioning_method", G_STRUCT_OFFSET (PkioOrder, provisioning_method) },
    { "first_name", G_STRUCT_OFFSET (PkioOrder, individual.first_name) },
    { "last_name", G_STRUCT_OFFSET (PkioOrder, individual.last_name) },
    { "email", G_STRUCT_OFFSET (PkioOrder, individual.email) },
    { "telephone", G_STRUCT_OFFSET (PkioOrder, individual.telephone) },
    { "country", G_STRUCT_OFFSET (PkioOrder, individual.country) },
    { "city", G_STRUCT_OFFSET (PkioOrder, individual.city) },
    { "state", G_STRUCT_OFFSET (PkioOrder, individual.state) },
    { "zip", G_STRUCT_OFFSET (PkioOrder, individual.zip) },
    { "ship_info.name", G_STRUCT_OFFSET (PkioOrder, ship_info.name) },
    { "ship_info.addr1", G_STRUCT_OFFSET (PkioOrder, ship_info.addr1) },
    { "ship_info.addr2", G_STRUCT_OFFSET (PkioOrder, ship_info.addr2) },
    { "ship_info.city", G_STRUCT_OFFSET (PkioOrder, ship_info.city) },
    { "ship_info.state", G_STRUCT_OFFSET (PkioOrder, ship_info.state) },
    { "ship_info.zip", G_STRUCT_OFFSET (PkioOrder, ship_info.zip) },
    { "ship_info.country", G_STRUCT_OFFSET (PkioOrder, ship_info.country) },
    { "credit_card.number", G_STRUCT_OFFSET (PkioOrder, credit_card.number) },
    { "credit_card.expiration_month", G_STRUCT_OFFSET (PkioOrder, credit_card.expiration_month) },
    { "credit_card.expiration_year", G_STRUCT_OFFSET (PkioOrder, credit_card.expiration_year) },
    { "credit_card.cvv", G_STRUCT_OFFSET (PkioOrder, credit_card.cvv) },
    { "credit_card.cardholder_name", G_STRUCT_OFFSET (PkioOrder, credit_card.cardholder_name) },
    { "billing_address.address", G_STRUCT_OFFSET (PkioOrder, billing_address.address) },
    { "billing_address.address2", G_STRUCT_OFFSET (PkioOrder, billing_address.address2) },
    { "billing_address.city", G_STRUCT_OFFSET (PkioOrder, billing_address.city) },
    { "billing_address.state", G_STRUCT_OFFSET (PkioOrder, billing_address.state) },
    { "billing_address.country", G_STRUCT_OFFSET (PkioOrder, billing_address.country) },
    { "billing_address.zip", G_STRUCT_OFFSET (PkioOrder, billing_address.zip) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (offsets); i++)
    if (g_str_equal (offsets[i].name, name))
      return offsets[i].offset;
  g_assert_not_reached ();
}

static const char * const text_fields[] = {
  "signature_hash", "provisioning_method",
  "first_name", "last_name", "email", "telephone", "country", "city", "state", "zip",
  "ship_info.name", "ship_info.addr1", "ship_info.addr2", "ship_info.city", "ship_info.state",
  "ship_info.zip", "ship_info.country",
  "credit_card.number", "credit_card.expiration_month", "credit_card.expiration_year",
  "credit_card.cvv", "credit_card.cardholder_name",
  "billing_address.address", "billing_address.address2", "billing_address.city",
  "billing_address.state", "billing_address.country", "billing_address.zip",
};

static gint16
read_int16 (const uint8_t *p)
{
  return (gint16) (guint16) (p[0] | (p[1] << 8));
}

static PkioOrder *
build_order (const uint8_t  *settings,
             GStrv           texts,
             GDateTime      *now)
{
  g_autoptr(PkioOrder) order = pkio_order_new ();
  guint8 flags = settings[0];
  gint16 amount = read_int16 (settings + 2);
  gint32 id = (gint32) ((guint32) settings[4] | ((guint32) settings[5] << 8)
                        | ((guint32) settings[6] << 16) | ((guint32) settings[7] << 24));
  gint16 date_offset = read_int16 (settings + 8);

  order->individual.use_id = (flags & 1) != 0;
  order->individual.id = id;
  order->csa_agreed_to = (flags & 2) != 0;
  order->is_rsassa_pss = (flags & 4) != 0;
  order->ship_info.method = (flags & 8) ? PKIO_SHIP_EXPEDITED : PKIO_SHIP_STANDARD;
  order->credit_card.save_credit_card = (flags & 16) != 0;
  order->credit_card.set_as_default = (flags & 32) != 0;
  order->profile = (PkioProfile) ((settings[1] & 3) % 3);
  order->payment_method = (PkioPaymentMethod) (((settings[1] >> 2) & 3) % 3);
  order->validity.kind = (PkioValidityKind) (((settings[1] >> 4) & 3) % 3);
  order->validity.years = amount;
  order->validity.days = amount;
  if (date_offset != 0x7fff)
    {
      g_autoptr(GDateTime) end = g_date_time_add_days (now, date_offset);

      g_date_set_dmy (&order->validity.custom_date, g_date_time_get_day_of_month (end),
                      g_date_time_get_month (end), g_date_time_get_year (end));
    }

  for (guint i = 0; i < G_N_ELEMENTS (text_fields) && texts[i] != NULL; i++)
    {
      char **field = G_STRUCT_MEMBER_P (order, field_offset (text_fields[i]));

      pkio_order_set_secret (field, texts[i]);
    }
  return g_steal_pointer (&order);
}

static void
check_date_rules (const char *text)
{
  GDate date;
  GDate again;
  g_autofree char *formatted = NULL;

  if (!pkio_order_parse_expiration_date (text, &date))
    {
      g_assert_false (g_date_valid (&date));
      return;
    }
  g_assert_true (g_date_valid (&date));
  formatted = pkio_order_format_expiration_date (&date);
  g_assert_cmpuint (strlen (formatted), ==, 11);
  g_assert_true (pkio_order_parse_expiration_date (formatted, &again));
  g_assert_cmpint (g_date_compare (&date, &again), ==, 0);
}

/* The field rules keep the promises of pkio-field-rules.h on any text. */
static void
check_field_rules (const char *text,
                   GDateTime  *now)
{
  static const char * const countries[] = { "nl", "NL", "be", "de", "xx", "" };
  g_autofree char *trimmed = pkio_field_trim (text);
  g_autofree char *trimmed_again = pkio_field_trim (trimmed);
  g_autofree char *digits = pkio_field_card_digits (text);
  gsize len = strlen (trimmed);
  guint month;
  guint year;

  g_assert_cmpstr (trimmed, ==, trimmed_again);
  g_assert_true (len == 0 || (!g_ascii_isspace (trimmed[0]) && !g_ascii_isspace (trimmed[len - 1])));
  g_assert_true (pkio_field_is_blank (text) == (len == 0));

  if (!pkio_field_has_control_chars (text))
    g_assert_true (fuzz_is_utf8 (text));
  (void) pkio_field_is_too_long (text, PKIO_FIELD_MAX_CHARS);
  (void) pkio_field_has_title_prefix (text);
  (void) pkio_field_is_valid_country (text);

  if (pkio_field_is_valid_email (text))
    {
      g_assert_nonnull (strchr (text, '@'));
      g_assert_null (strchr (strchr (text, '@') + 1, '@'));
      g_assert_null (strpbrk (text, " \t\r\n"));
    }
  if (pkio_field_is_valid_telephone (text))
    g_assert_true (text[0] == '+');

  for (gsize c = 0; c < G_N_ELEMENTS (countries); c++)
    {
      g_autofree char *zip = pkio_field_normalize_zip (text, countries[c]);
      g_autofree char *zip_again = NULL;

      if (zip == NULL)
        continue;
      zip_again = pkio_field_normalize_zip (zip, countries[c]);
      g_assert_cmpstr (zip_again, ==, zip);
      g_assert_true (*zip != '\0' && !g_ascii_isspace (zip[0])
                     && !g_ascii_isspace (zip[strlen (zip) - 1]));
    }

  if (digits != NULL)
    {
      for (const char *p = digits; *p; p++)
        g_assert_true (g_ascii_isdigit (*p));
      (void) pkio_field_luhn_valid (digits);
    }
  if (pkio_field_is_valid_cvv (text, digits))
    g_assert_true (strlen (text) == 3 || strlen (text) == 4);

  month = pkio_field_parse_card_month (text);
  year = pkio_field_parse_card_year (text);
  g_assert_cmpuint (month, <=, 12);
  g_assert_true (year == 0 || (year >= 2000 && year <= 9999));
  if (month != 0 && year != 0)
    (void) pkio_field_card_expired (month, year, now);

  check_date_rules (text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) texts = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(PkioOrder) copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) copy_problems = NULL;

  fuzz_init ();
  if (size < N_SETTINGS)
    return 0;
  /* Texts are C strings: a NUL byte ends the last one, as it would in any GTK entry. */
  text = g_strndup ((const char *) data + N_SETTINGS, size - N_SETTINGS);
  texts = g_strsplit (text, "\n", G_N_ELEMENTS (text_fields));
  now = fuzz_now ();

  for (guint i = 0; texts[i] != NULL; i++)
    check_field_rules (texts[i], now);

  order = build_order (data, texts, now);
  problems = pkio_order_validate (order, now);
  fuzz_check_problems (problems);

  /* A copy validates the same. */
  copy = pkio_order_copy (order);
  copy_problems = pkio_order_validate (copy, now);
  g_assert_cmpuint (copy_problems->len, ==, problems->len);

  if (problems->len == 0)
    {
      fuzz_check_round_trip (order, now);
      fuzz_check_storage (order);
    }
  return 0;
}
