/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-batch-columns.h"

typedef struct
{
  const char          *names[PKIO_BATCH_N_LANGUAGES];
  const char          *aliases;   /* more names, separated by '|' */
  const char          *path;
  PkioBatchColumnFlags flags;
} ColumnInfo;

#define REQUIRED PKIO_BATCH_COLUMN_REQUIRED
#define HOLDER   PKIO_BATCH_COLUMN_HOLDER
#define RESULT   PKIO_BATCH_COLUMN_RESULT

/* In the template's order. No bare "ID" or "Number" among the aliases: a staff number in a
 * column of that name must be refused, not taken for a CertCentral number. */
static const ColumnInfo columns[PKIO_BATCH_N_COLUMNS] = {
  [PKIO_BATCH_COLUMN_PROFILE] = {
    { "Profile", "Profiel" },
    "profile option|certificate type|type of certificate|soort certificaat|certificaattype",
    "certificate.profile_option", REQUIRED },
  [PKIO_BATCH_COLUMN_SIGNATURE] = {
    { "Signature", "Handtekening" },
    "signature algorithm|handtekeningalgoritme|is_rsassa_pss|rsassa-pss",
    "certificate.is_rsassa_pss", 0 },
  [PKIO_BATCH_COLUMN_INDIVIDUAL_ID] = {
    { "CertCentral number", "CertCentral-nummer" },
    "certcentral number of the person|certcentral-nummer van de persoon|certcentral id|"
    "individual id|individual_id|certificate.individual.id",
    "certificate.individual.id", HOLDER },
  [PKIO_BATCH_COLUMN_FIRST_NAME] = {
    { "First name", "Voornaam" },
    "given name|first_name|voornamen|roepnaam",
    "certificate.individual.first_name", HOLDER },
  [PKIO_BATCH_COLUMN_LAST_NAME] = {
    { "Last name", "Achternaam" },
    "surname|family name|last_name|familienaam",
    "certificate.individual.last_name", HOLDER },
  [PKIO_BATCH_COLUMN_EMAIL] = {
    { "Email", "E-mail" },
    "email address|e-mail address|e-mailadres|mail",
    "certificate.individual.email", HOLDER },
  [PKIO_BATCH_COLUMN_TELEPHONE] = {
    { "Telephone", "Telefoon" },
    "telephone number|phone|phone number|telefoonnummer|tel|mobile|mobiel",
    "certificate.individual.telephone", HOLDER },
  [PKIO_BATCH_COLUMN_COUNTRY] = {
    { "Country", "Land" },
    "country code|landcode",
    "certificate.individual.country", HOLDER },
  [PKIO_BATCH_COLUMN_STATE] = {
    { "Province", "Provincie" },
    "state|province or state|region|regio",
    "certificate.individual.state", HOLDER },
  [PKIO_BATCH_COLUMN_CITY] = {
    { "City", "Plaats" },
    "town|place|woonplaats|stad",
    "certificate.individual.city", HOLDER },
  [PKIO_BATCH_COLUMN_ZIP] = {
    { "Postal code", "Postcode" },
    "zip|zip code|postal_code",
    "certificate.individual.zip", HOLDER },
  [PKIO_BATCH_COLUMN_SHIP_NAME] = {
    { "Recipient", "Ontvanger" },
    "recipient name|naam ontvanger|naam van de ontvanger|ship to",
    "ship_info.name", REQUIRED },
  [PKIO_BATCH_COLUMN_SHIP_ADDR1] = {
    { "Address", "Adres" },
    "address line 1|adresregel 1|street|street address|straat|addr1",
    "ship_info.addr1", REQUIRED },
  [PKIO_BATCH_COLUMN_SHIP_ADDR2] = {
    { "Address line 2", "Adresregel 2" },
    "addr2",
    "ship_info.addr2", 0 },
  [PKIO_BATCH_COLUMN_SHIP_ZIP] = {
    { "Shipping postal code", "Verzendpostcode" },
    "shipping zip|postcode verzending",
    "ship_info.zip", REQUIRED },
  [PKIO_BATCH_COLUMN_SHIP_CITY] = {
    { "Shipping city", "Verzendplaats" },
    "plaats verzending",
    "ship_info.city", REQUIRED },
  [PKIO_BATCH_COLUMN_SHIP_STATE] = {
    { "Shipping province", "Verzendprovincie" },
    "shipping state|provincie verzending",
    "ship_info.state", REQUIRED },
  [PKIO_BATCH_COLUMN_SHIP_COUNTRY] = {
    { "Shipping country", "Verzendland" },
    "land verzending",
    "ship_info.country", REQUIRED },
  [PKIO_BATCH_COLUMN_SHIP_METHOD] = {
    { "Shipping method", "Verzendmethode" },
    "shipping|verzending|delivery|levering",
    "ship_info.method", 0 },
  [PKIO_BATCH_COLUMN_VALIDITY] = {
    { "Validity", "Geldigheid" },
    "order validity|geldigheidsduur",
    "order_validity", 0 },
  [PKIO_BATCH_COLUMN_PAYMENT] = {
    { "Payment", "Betaling" },
    "payment method|betaalmethode|betaalwijze",
    "payment_method", 0 },
  [PKIO_BATCH_COLUMN_AGREEMENT] = {
    { "Agreement", "Overeenkomst" },
    "csa|csa agreed|csa_agreed_to|subscriber agreement|agreed|akkoord",
    "csa_agreed_to", REQUIRED },
  [PKIO_BATCH_COLUMN_RESULT_ORDER] = {
    { "Order", "Bestelling" }, "order id|order number|bestelnummer", NULL, RESULT },
  [PKIO_BATCH_COLUMN_RESULT_STATUS] = {
    { "Status", "Status" }, "", NULL, RESULT },
  [PKIO_BATCH_COLUMN_RESULT_MESSAGE] = {
    { "Message", "Melding" }, "bericht", NULL, RESULT },
};

/* What marks a column as one of the account's own order fields, in the template's words
 * (per language) and, folded, the words a person may also write. */
static const char * const own_field_marks[PKIO_BATCH_N_LANGUAGES] = { "own field", "eigen veld" };
static const char * const own_field_words[] = {
  "ownfield", "eigenveld", "customfield", "ownorderfield", "eigenbestelveld",
};

/* Folded parts of headers that ask for card data. */
static const char * const card_words[] = {
  "card", "kaart", "cvv", "cvc", "securitycode", "beveiligingscode", "expir", "verval",
  "billing", "factuur",
};

PkioBatchLanguage
pkio_batch_language_current (void)
{
  /* TRANSLATORS: the language of the column names and words of a spreadsheet template for
   * many orders. Write "nl" in the Dutch translation; these names come from a fixed table. */
  const char *code = C_("spreadsheet language", "en");

  return g_str_equal (code, "nl") ? PKIO_BATCH_DUTCH : PKIO_BATCH_ENGLISH;
}

const char *
pkio_batch_column_name (PkioBatchColumn   column,
                        PkioBatchLanguage language)
{
  g_return_val_if_fail ((guint) column < PKIO_BATCH_N_COLUMNS, NULL);
  g_return_val_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES, NULL);

  return columns[column].names[language];
}

PkioBatchColumnFlags
pkio_batch_column_flags (PkioBatchColumn column)
{
  g_return_val_if_fail ((guint) column < PKIO_BATCH_N_COLUMNS, 0);

  return columns[column].flags;
}

const char *
pkio_batch_column_path (PkioBatchColumn column)
{
  g_return_val_if_fail ((guint) column < PKIO_BATCH_N_COLUMNS, NULL);

  return columns[column].path;
}

int
pkio_batch_column_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, -1);

  /* "Either the id or the details, not both" is said at the id. */
  if (g_str_equal (path, "certificate.individual"))
    return PKIO_BATCH_COLUMN_INDIVIDUAL_ID;
  if (g_str_has_prefix (path, "order_validity"))
    return PKIO_BATCH_COLUMN_VALIDITY;
  for (guint c = 0; c < PKIO_BATCH_N_COLUMNS; c++)
    if (columns[c].path != NULL && g_str_equal (columns[c].path, path))
      return (int) c;
  return -1;
}

char *
pkio_batch_header_fold (const char *header)
{
  g_autofree char *decomposed = NULL;
  GString *folded;
  guint depth = 0;

  g_return_val_if_fail (header != NULL, NULL);

  decomposed = g_utf8_normalize (header, -1, G_NORMALIZE_ALL);
  folded = g_string_sized_new (strlen (header));
  if (decomposed == NULL)
    return g_string_free (folded, FALSE);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(')
        depth++;
      else if (c == ')' && depth > 0)
        depth--;
      else if (depth == 0 && g_unichar_isalnum (c))
        g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  return g_string_free (folded, FALSE);
}

/* Folded name -> column * 4 + language + 1 (0 for an alias, or a name both languages
 * share), built once. Two columns with one folded name would be a bug in the table. */
static void
add_name (GHashTable *table,
          const char *name,
          guint       column,
          int         language)
{
  g_autofree char *folded = pkio_batch_header_fold (name);
  gpointer known;

  if (*folded == '\0')
    return;
  if (g_hash_table_lookup_extended (table, folded, NULL, &known))
    {
      guint known_column = GPOINTER_TO_UINT (known) / 4;

      if (known_column != column)
        g_critical ("batch columns %u and %u share the name “%s”", known_column, column, name);
      /* The same column's name in both languages says nothing of the file's language; an
       * alias that folds to a name changes nothing. */
      else if (language >= 0 && GPOINTER_TO_UINT (known) % 4 != (guint) language + 1)
        g_hash_table_insert (table, g_steal_pointer (&folded), GUINT_TO_POINTER (column * 4));
      return;
    }
  g_hash_table_insert (table, g_steal_pointer (&folded),
                       GUINT_TO_POINTER (column * 4 + (guint) (language + 1)));
}

static GHashTable *
name_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint c = 0; c < PKIO_BATCH_N_COLUMNS; c++)
        {
          g_auto(GStrv) aliases = g_strsplit (columns[c].aliases, "|", -1);

          for (guint l = 0; l < PKIO_BATCH_N_LANGUAGES; l++)
            add_name (names, columns[c].names[l], c, (int) l);
          for (guint i = 0; aliases[i] != NULL; i++)
            add_name (names, aliases[i], c, -1);
        }
      g_once_init_leave (&table, names);
    }
  return table;
}

int
pkio_batch_column_find (const char *header,
                        int        *out_language)
{
  g_autofree char *folded = NULL;
  gpointer value;
  guint entry;

  g_return_val_if_fail (header != NULL, -1);

  if (out_language != NULL)
    *out_language = -1;
  folded = pkio_batch_header_fold (header);
  if (!g_hash_table_lookup_extended (name_table (), folded, NULL, &value))
    return -1;
  entry = GPOINTER_TO_UINT (value);
  if (out_language != NULL)
    *out_language = (int) (entry % 4) - 1;
  return (int) (entry / 4);
}

gboolean
pkio_batch_header_is_card_data (const char *header)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (header != NULL, FALSE);

  folded = pkio_batch_header_fold (header);
  for (guint i = 0; i < G_N_ELEMENTS (card_words); i++)
    if (strstr (folded, card_words[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
pkio_batch_custom_column_name (const char        *label,
                               PkioBatchLanguage  language)
{
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES, NULL);

  if (pkio_batch_column_find (label, NULL) < 0)
    return g_strdup (label);
  return g_strdup_printf ("%s (%s)", label, own_field_marks[language]);
}

char *
pkio_batch_custom_column_label (const char *header)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *folded = NULL;
  char *open;
  gsize len;

  g_return_val_if_fail (header != NULL, NULL);

  trimmed = g_strstrip (g_strdup (header));
  len = strlen (trimmed);
  if (len < 2 || trimmed[len - 1] != ')' || (open = strrchr (trimmed, '(')) == NULL)
    return NULL;
  /* Folding leaves out what is in parentheses: the mark is folded without them. */
  mark = g_strndup (open + 1, (gsize) (trimmed + len - 1 - (open + 1)));
  folded = pkio_batch_header_fold (mark);
  for (guint i = 0; i < G_N_ELEMENTS (own_field_words); i++)
    if (g_str_equal (folded, own_field_words[i]))
      {
        *open = '\0';
        return g_strdup (g_strchomp (trimmed));
      }
  return NULL;
}
