/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-batch-values.h"

typedef struct
{
  const char *words[PKIO_BATCH_N_LANGUAGES];  /* what the template writes */
  const char *aliases;                        /* more, separated by '|' */
} Word;

static const Word profile_words[] = {
  [PKIO_PROFILE_AUTHENTICATION] = { { "authentication", "authenticiteit" },
                                    "authenticatie|auth" },
  [PKIO_PROFILE_NONREPUDIATION] = { { "signing", "onweerlegbaarheid" },
                                    "nonrepudiation|signature|handtekening|ondertekening" },
  [PKIO_PROFILE_ENCRYPTION] = { { "encryption", "vertrouwelijkheid" },
                                "encryptie|versleuteling|confidentiality" },
};

static const Word ship_words[] = {
  [PKIO_SHIP_STANDARD] = { { "standard", "standaard" }, "" },
  [PKIO_SHIP_EXPEDITED] = { { "expedited", "met spoed" }, "spoed|express" },
};

static const Word payment_words[] = {
  [PKIO_PAYMENT_BALANCE] = { { "balance", "tegoed" },
                             "account balance|tegoed van het account|saldo" },
  [PKIO_PAYMENT_PROFILE] = { { "saved card", "bewaarde creditcard" },
                             "profile|bewaarde kaart|default card" },
  [PKIO_PAYMENT_CARD] = { { "new card", "nieuwe creditcard" },
                          "card|credit card|nieuwe kaart|kaart" },
};

static const Word yes_word = { { "yes", "ja" }, "y|j|true|waar|x|1|agreed|akkoord" };

static const char * const year_units[] = { "year", "years", "jaar", "jaren", NULL };
static const char * const day_units[] = { "day", "days", "dag", "dagen", NULL };

/* English and Dutch month names; the first three letters are enough ("mrt", "okt" too). */
static const char * const months[12][3] = {
  { "january", "januari", NULL }, { "february", "februari", NULL },
  { "march", "maart", "mrt" }, { "april", NULL, NULL }, { "may", "mei", NULL },
  { "june", "juni", NULL }, { "july", "juli", NULL }, { "august", "augustus", NULL },
  { "september", NULL, NULL }, { "october", "oktober", "okt" },
  { "november", NULL, NULL }, { "december", NULL, NULL },
};

static const Word signature_words[] = {
  { { "RSA", "RSA" }, "" },
  { { "RSASSA-PSS", "RSASSA-PSS" }, "pss|rsa-pss" },
};

typedef enum
{
  KIND_PROFILE,
  KIND_SIGNATURE,
  KIND_SHIP,
  KIND_PAYMENT,
  KIND_YES,
} Kind;

static const struct
{
  const Word *words;
  guint       n_words;
} kinds[] = {
  [KIND_PROFILE] = { profile_words, G_N_ELEMENTS (profile_words) },
  [KIND_SIGNATURE] = { signature_words, G_N_ELEMENTS (signature_words) },
  [KIND_SHIP] = { ship_words, G_N_ELEMENTS (ship_words) },
  [KIND_PAYMENT] = { payment_words, G_N_ELEMENTS (payment_words) },
  [KIND_YES] = { &yes_word, 1 },
};

static void
add_word (GHashTable *table,
          const char *word,
          guint       index)
{
  char *folded = pkio_batch_header_fold (word);

  if (*folded == '\0')
    g_free (folded);
  else
    g_hash_table_insert (table, folded, GUINT_TO_POINTER (index + 1));
}

/* For each kind, folded word -> index + 1, built once: folding every word for every cell
 * would cost more than checking the orders. */
static GHashTable *
word_table (Kind kind)
{
  static GHashTable *tables[G_N_ELEMENTS (kinds)];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          tables[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < kinds[k].n_words; i++)
            {
              const Word *word = &kinds[k].words[i];
              g_auto(GStrv) aliases = g_strsplit (word->aliases, "|", -1);

              for (guint l = 0; l < PKIO_BATCH_N_LANGUAGES; l++)
                add_word (tables[k], word->words[l], i);
              for (guint a = 0; aliases[a] != NULL; a++)
                add_word (tables[k], aliases[a], i);
            }
        }
      g_once_init_leave (&built, 1);
    }
  return tables[kind];
}

/* The index of the word @cell is, -1 for none, -2 for an empty cell. */
static int
find_word (Kind        kind,
           const char *cell)
{
  g_autofree char *folded = pkio_batch_header_fold (cell != NULL ? cell : "");
  gpointer index;

  if (*folded == '\0')
    return -2;
  index = g_hash_table_lookup (word_table (kind), folded);
  return index != NULL ? (int) GPOINTER_TO_UINT (index) - 1 : -1;
}

gboolean
pkio_batch_read_profile (const char  *cell,
                         PkioProfile *out_profile)
{
  int k = find_word (KIND_PROFILE, cell);

  if (k < 0)
    return FALSE;
  *out_profile = (PkioProfile) k;
  return TRUE;
}

const char *
pkio_batch_profile_word (PkioProfile       profile,
                         PkioBatchLanguage language)
{
  g_return_val_if_fail ((guint) profile < G_N_ELEMENTS (profile_words), NULL);
  g_return_val_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES, NULL);
  return profile_words[profile].words[language];
}

gboolean
pkio_batch_read_signature (const char *cell,
                           gboolean   *out_rsassa_pss)
{
  int k = find_word (KIND_SIGNATURE, cell);

  if (k == -1)
    return FALSE;
  *out_rsassa_pss = k == 1;
  return TRUE;
}

const char *
pkio_batch_signature_word (gboolean rsassa_pss)
{
  return rsassa_pss ? "RSASSA-PSS" : "RSA";
}

gboolean
pkio_batch_read_ship_method (const char     *cell,
                             PkioShipMethod *out_method)
{
  int k = find_word (KIND_SHIP, cell);

  if (k == -1)
    return FALSE;
  *out_method = k == -2 ? PKIO_SHIP_STANDARD : (PkioShipMethod) k;
  return TRUE;
}

const char *
pkio_batch_ship_method_word (PkioShipMethod    method,
                             PkioBatchLanguage language)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (ship_words), NULL);
  g_return_val_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES, NULL);
  return ship_words[method].words[language];
}

PkioBatchPaymentRead
pkio_batch_read_payment (const char        *cell,
                         PkioPaymentMethod *out_method)
{
  int k = find_word (KIND_PAYMENT, cell);

  if (k == PKIO_PAYMENT_CARD)
    return PKIO_BATCH_PAYMENT_CARD;
  if (k == -1)
    return PKIO_BATCH_PAYMENT_UNKNOWN;
  *out_method = k == -2 ? PKIO_PAYMENT_BALANCE : (PkioPaymentMethod) k;
  return PKIO_BATCH_PAYMENT_READ;
}

const char *
pkio_batch_payment_word (PkioPaymentMethod method,
                         PkioBatchLanguage language)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (payment_words), NULL);
  g_return_val_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES, NULL);
  return payment_words[method].words[language];
}

gboolean
pkio_batch_read_agreement (const char *cell)
{
  return find_word (KIND_YES, cell) == 0;
}

const char *
pkio_batch_yes_word (PkioBatchLanguage language)
{
  g_return_val_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES, NULL);
  return yes_word.words[language];
}

/* Reads up to @max_digits digits at *@p into *@out. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *out)
{
  guint value = 0;
  guint n = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  *out = value;
  return n > 0 && !g_ascii_isdigit (**p);
}

static int
month_of (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);

  if (strlen (lower) < 3)
    return 0;
  for (guint m = 0; m < 12; m++)
    for (guint k = 0; k < 3 && months[m][k] != NULL; k++)
      {
        const char *name = months[m][k];

        /* An abbreviation of at least three letters ("jun", "sept"), or the whole name. */
        if (strlen (lower) <= strlen (name) && strncmp (name, lower, strlen (lower)) == 0)
          return (int) m + 1;
      }
  return 0;
}

static gboolean
set_date (PkioValidity *validity,
          guint         day,
          guint         month,
          guint         year)
{
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  validity->kind = PKIO_VALIDITY_CUSTOM_DATE;
  g_date_clear (&validity->custom_date, 1);
  g_date_set_dmy (&validity->custom_date, (GDateDay) day, (GDateMonth) month,
                  (GDateYear) year);
  return TRUE;
}

/* 2026-06-09, 9-6-2026, or 9 jun 2026. */
static gboolean
read_date (const char   *text,
           PkioValidity *validity)
{
  const char *p = text;
  guint a;
  guint b;
  guint c;

  if (!read_number (&p, 4, &a))
    return FALSE;
  if (*p == '-')
    {
      p++;
      if (!read_number (&p, 2, &b) || *p++ != '-' || !read_number (&p, 4, &c) || *p != '\0')
        return FALSE;
      if (a >= 1000)
        return set_date (validity, c, b, a);   /* ISO 8601: year first */
      return c >= 1000 && set_date (validity, a, b, c);  /* Dutch: day first */
    }
  if (*p == ' ' && a <= 31)
    {
      g_auto(GStrv) words = g_strsplit (p + 1, " ", -1);
      guint month;

      if (g_strv_length (words) != 2)
        return FALSE;
      month = (guint) month_of (words[0]);
      p = words[1];
      if (month == 0 || strlen (p) != 4 || !read_number (&p, 4, &c) || *p != '\0')
        return FALSE;
      return set_date (validity, a, month, c);
    }
  return FALSE;
}

static gboolean
unit_in (const char * const *units,
         const char         *word)
{
  for (guint i = 0; units[i] != NULL; i++)
    if (g_ascii_strcasecmp (units[i], word) == 0)
      return TRUE;
  return FALSE;
}

gboolean
pkio_batch_read_validity (const char   *cell,
                          PkioValidity *validity)
{
  g_autofree char *text = g_strstrip (g_strdup (cell != NULL ? cell : ""));
  const char *p = text;
  guint amount;

  g_return_val_if_fail (validity != NULL, FALSE);

  if (*text == '\0')
    return TRUE;
  if (read_date (text, validity))
    return TRUE;
  if (!read_number (&p, 6, &amount))
    return FALSE;
  while (*p == ' ')
    p++;
  if (*p == '\0' || unit_in (year_units, p))
    {
      validity->kind = PKIO_VALIDITY_YEARS;
      validity->years = amount;
      return TRUE;
    }
  if (unit_in (day_units, p))
    {
      validity->kind = PKIO_VALIDITY_DAYS;
      validity->days = amount;
      return TRUE;
    }
  return FALSE;
}

char *
pkio_batch_validity_text (const PkioValidity *validity,
                          PkioBatchLanguage   language)
{
  gboolean dutch = language == PKIO_BATCH_DUTCH;

  g_return_val_if_fail (validity != NULL, NULL);

  switch (validity->kind)
    {
    case PKIO_VALIDITY_DAYS:
      return g_strdup_printf ("%" G_GINT64_FORMAT " %s", validity->days,
                              validity->days == 1 ? (dutch ? "dag" : "day")
                                                  : (dutch ? "dagen" : "days"));
    case PKIO_VALIDITY_CUSTOM_DATE:
      if (!g_date_valid (&validity->custom_date))
        return g_strdup ("");
      return g_strdup_printf ("%04u-%02u-%02u",
                              (guint) g_date_get_year (&validity->custom_date),
                              (guint) g_date_get_month (&validity->custom_date),
                              (guint) g_date_get_day (&validity->custom_date));
    case PKIO_VALIDITY_YEARS:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT " %s", validity->years,
                              dutch ? "jaar" : validity->years == 1 ? "year" : "years");
    }
}
