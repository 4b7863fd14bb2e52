/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-field-rules.h"
#include "pkio-countries.h"

#include <string.h>

char *
pkio_field_trim (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

gboolean
pkio_field_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

gboolean
pkio_field_has_control_chars (const char *text)
{
  if (text == NULL)
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
        return TRUE;
      /* Invisible format characters: zero-width space, LRM/RLM, bidi embeddings, overrides
       * and isolates, word joiners, and the BOM. They would make a name on a certificate
       * look other than it is. ZWNJ/ZWJ (U+200C/D) stay: some scripts spell names with them. */
      if (c == 0x200b || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff)
        return TRUE;
    }
  return FALSE;
}

gboolean
pkio_field_is_too_long (const char *text,
                        guint       max_chars)
{
  if (text == NULL)
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    return strlen (text) > max_chars;
  return g_utf8_strlen (text, -1) > (glong) max_chars;
}

char *
pkio_field_printable (const char *text,
                      guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *shown = g_string_new (NULL);
  guint count = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), count++)
    {
      gunichar c = g_utf8_get_char (p);

      if (count == max_chars)
        {
          g_string_append (shown, "…");
          break;
        }
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || !g_unichar_isprint (c))
        g_string_append_printf (shown, "\\u%04X", c);
      else
        g_string_append_unichar (shown, c);
    }
  return g_string_free (shown, FALSE);
}

/* Dotted forms match as a prefix ("Dr.Jan" too); bare forms only as a whole first word, so
 * that names such as "Drew" or "Msimang" pass. "Ir" and "Ing" without a dot are real names. */
static const char * const dotted_titles[] = {
  "dr.", "prof.", "mr.", "drs.", "ir.", "ing.", "dhr.", "mevr.", "mw.", "mrs.", "ms.",
};
static const char * const bare_titles[] = {
  "dr", "prof", "mr", "drs", "dhr", "mevr", "mw", "mrs", "ms",
};

gboolean
pkio_field_has_title_prefix (const char *name)
{
  g_autofree char *trimmed = pkio_field_trim (name);
  gsize word_len = strcspn (trimmed, " \t");

  for (guint i = 0; i < G_N_ELEMENTS (dotted_titles); i++)
    if (g_ascii_strncasecmp (trimmed, dotted_titles[i], strlen (dotted_titles[i])) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (bare_titles); i++)
    if (word_len == strlen (bare_titles[i])
        && word_len < strlen (trimmed)
        && g_ascii_strncasecmp (trimmed, bare_titles[i], word_len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
pkio_field_is_valid_email (const char *email)
{
  const char *at;
  const char *domain;
  const char *dot;

  if (email == NULL || *email == '\0')
    return FALSE;
  if (pkio_field_is_too_long (email, PKIO_FIELD_MAX_EMAIL_CHARS))
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>'
        || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  domain = at + 1;
  dot = strchr (domain, '.');
  if (dot == NULL || dot == domain || domain[strlen (domain) - 1] == '.')
    return FALSE;
  if (strstr (email, "..") != NULL || *email == '.' || at[-1] == '.')
    return FALSE;
  return TRUE;
}

gboolean
pkio_field_is_valid_telephone (const char *telephone)
{
  guint digits = 0;

  if (telephone == NULL || telephone[0] != '+' || !g_ascii_isdigit (telephone[1])
      || telephone[1] == '0')
    return FALSE;
  for (const char *p = telephone + 1; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" -.()", *p) == NULL)
        return FALSE;
    }
  return digits >= 8 && digits <= 15;
}

char *
pkio_field_normalize_zip (const char *zip,
                          const char *country)
{
  g_autofree char *trimmed = pkio_field_trim (zip);
  gsize len = strlen (trimmed);

  if (country != NULL && g_ascii_strcasecmp (country, "nl") == 0)
    {
      const char *letters;

      if (len != 6 && len != 7)
        return NULL;
      if (trimmed[0] < '1' || trimmed[0] > '9')
        return NULL;
      for (guint i = 1; i < 4; i++)
        if (!g_ascii_isdigit (trimmed[i]))
          return NULL;
      letters = trimmed + 4;
      if (len == 7)
        {
          if (*letters != ' ')
            return NULL;
          letters++;
        }
      if (!g_ascii_isalpha (letters[0]) || !g_ascii_isalpha (letters[1]))
        return NULL;
      return g_strdup_printf ("%.4s %c%c", trimmed,
                              g_ascii_toupper (letters[0]), g_ascii_toupper (letters[1]));
    }

  if (country != NULL && g_ascii_strcasecmp (country, "be") == 0)
    {
      if (len != 4)
        return NULL;
      for (guint i = 0; i < 4; i++)
        if (!g_ascii_isdigit (trimmed[i]))
          return NULL;
      return g_steal_pointer (&trimmed);
    }

  if (len < 1 || len > 16)
    return NULL;
  for (const char *p = trimmed; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != ' ' && *p != '-')
      return NULL;
  return g_steal_pointer (&trimmed);
}

gboolean
pkio_field_is_valid_country (const char *country)
{
  return country != NULL && pkio_countries_is_valid (country);
}

char *
pkio_field_card_digits (const char *number)
{
  GString *digits;

  if (number == NULL)
    return NULL;

  digits = g_string_sized_new (24);
  for (const char *p = number; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        {
          explicit_bzero (digits->str, digits->allocated_len);
          g_string_free (digits, TRUE);
          return NULL;
        }
    }
  return g_string_free (digits, FALSE);
}

gboolean
pkio_field_luhn_valid (const char *digits)
{
  guint sum = 0;
  gsize len;

  if (digits == NULL || *digits == '\0')
    return FALSE;

  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      char c = digits[len - 1 - i];
      guint d;

      if (!g_ascii_isdigit (c))
        return FALSE;
      d = (guint) (c - '0');
      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return sum % 10 == 0;
}

guint
pkio_field_parse_card_month (const char *month)
{
  guint value;

  if (month == NULL || strlen (month) != 2
      || !g_ascii_isdigit (month[0]) || !g_ascii_isdigit (month[1]))
    return 0;
  value = (guint) ((month[0] - '0') * 10 + (month[1] - '0'));
  return value >= 1 && value <= 12 ? value : 0;
}

guint
pkio_field_parse_card_year (const char *year)
{
  guint value = 0;

  if (year == NULL || strlen (year) != 4)
    return 0;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (year[i]))
        return 0;
      value = value * 10 + (guint) (year[i] - '0');
    }
  return value >= 2000 ? value : 0;
}

gboolean
pkio_field_card_expired (guint      month,
                         guint      year,
                         GDateTime *now)
{
  guint now_year = (guint) g_date_time_get_year (now);
  guint now_month = (guint) g_date_time_get_month (now);

  return year < now_year || (year == now_year && month < now_month);
}

gboolean
pkio_field_is_valid_cvv (const char *cvv,
                         const char *card_digits)
{
  gsize want = 3;

  if (card_digits != NULL
      && (g_str_has_prefix (card_digits, "34") || g_str_has_prefix (card_digits, "37")))
    want = 4;
  if (cvv == NULL || strlen (cvv) != want)
    return FALSE;
  for (const char *p = cvv; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
pkio_field_is_valid_individual_id (gint64 id)
{
  return id >= 1;
}
