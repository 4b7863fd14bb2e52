/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-batch-values.h"
#include "pkio-custom-fields.h"

#include "batch-test-util.h"

/* A batch file's columns and rows: Dutch and English names and aliases, a missing and an
 * unknown column, card data, each row's problems at their column, repeated rows, and the
 * words of each column. */

/* Dutch names and words, in another order than the template's. */
static void
test_dutch (void)
{
  const char *text =
    "Voornaam;Achternaam;E-mailadres;Telefoonnummer;Land;Provincie;Plaats;Postcode;Profiel;"
    "Handtekening;Ontvanger;Adres;Adresregel 2;Verzendpostcode;Verzendplaats;Verzendprovincie;"
    "Verzendland;Verzendmethode;Geldigheid;Betaling;Overeenkomst\r\n"
    "Zoë;Öztürk-de Vries;zoe@example.nl;+31 30 123 4567;NL;Utrecht;Utrecht;3511ab;"
    "Authenticiteit;rsa;Zoë Öztürk-de Vries;Domplein 1;Kamer €5;3511 AB;Utrecht;Utrecht;nl;"
    "Met spoed;2 jaar;Bewaarde creditcard;Ja\r\n"
    "Piet;Pieters;piet@example.nl;+31 20 111 3333;nl;Noord-Holland;Amsterdam;1011 AB;"
    "onweerlegbaarheid;RSASSA-PSS;Piet Pieters;Damrak 2;;1011 AB;Amsterdam;Noord-Holland;nl;"
    "standaard;90 dagen;tegoed;j\r\n";
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autofree char *problems = batch_test_problems (batch);
  g_autofree char *english = batch_test_base_table (';', "\r\n");
  g_autoptr(PkioBatch) english_batch = batch_test_read (english, -1);
  const PkioBatchRow *zoe = pkio_batch_get_row (batch, 0);
  const PkioBatchRow *piet = pkio_batch_get_row (batch, 1);

  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpint (pkio_batch_get_language (batch), ==, PKIO_BATCH_DUTCH);
  g_assert_cmpint (pkio_batch_get_language (english_batch), ==, PKIO_BATCH_ENGLISH);
  g_assert_cmpstr (pkio_batch_get_column_name (batch, PKIO_BATCH_COLUMN_ZIP), ==, "Postcode");
  /* The same order as the English table's second row: "3511ab" and "NL" are normalized. */
  g_assert_cmpstr (zoe->key, ==, pkio_batch_get_row (english_batch, 1)->key);
  g_assert_cmpint (piet->order->profile, ==, PKIO_PROFILE_NONREPUDIATION);
  g_assert_true (piet->order->is_rsassa_pss);
  g_assert_cmpint (piet->order->validity.days, ==, 90);
  g_assert_cmpint (piet->order->payment_method, ==, PKIO_PAYMENT_BALANCE);
}

/* Aliases, case, punctuation and "(optional)" do not count; optional columns may be left out
 * (RSA, standard shipping, 1 year, the balance). */
static void
test_aliases_and_defaults (void)
{
  const char *text =
    "PROFILE,e-mail,Given name,Surname,Phone,Country code,State,Town,ZIP code,Ship to,"
    "Street,Address line 2 (optional),Shipping zip,Shipping city,Shipping state,"
    "Shipping country,CSA\n"
    "encryption,a@example.com,Ann,Smith,+44 20 7946 0000,gb,London,London,SW1A 1AA,Ann Smith,"
    "10 Downing Street,,SW1A 1AA,London,London,gb,yes\n";
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autofree char *problems = batch_test_problems (batch);
  const PkioOrder *order = pkio_batch_get_row (batch, 0)->order;

  g_assert_cmpstr (problems, ==, "");
  g_assert_false (order->is_rsassa_pss);
  g_assert_cmpint (order->ship_info.method, ==, PKIO_SHIP_STANDARD);
  g_assert_cmpint (order->validity.kind, ==, PKIO_VALIDITY_YEARS);
  g_assert_cmpint (order->validity.years, ==, 1);
  g_assert_cmpint (order->payment_method, ==, PKIO_PAYMENT_BALANCE);
  g_assert_cmpstr (pkio_batch_get_column_name (batch, PKIO_BATCH_COLUMN_SHIP_ADDR2), ==,
                   "Address line 2 (optional)");
}

static char *
without_column (const char *name)
{
  g_autofree char *text = batch_test_base_table (',', "\r\n");
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_auto(GStrv) names = g_strsplit (lines[0], ",", -1);
  GString *out = g_string_new (NULL);
  guint drop = 0;

  while (!g_str_equal (names[drop], name))
    drop++;
  for (guint l = 0; lines[l] != NULL && *lines[l] != '\0'; l++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[l], ",", -1);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      g_autofree char *line = NULL;

      for (guint c = 0; cells[c] != NULL; c++)
        if (c != drop)
          g_ptr_array_add (kept, cells[c]);
      g_ptr_array_add (kept, NULL);
      line = g_strjoinv (",", (char **) kept->pdata);
      g_string_append_printf (out, "%s\r\n", line);
    }
  return g_string_free (out, FALSE);
}

/* A missing column is said once, in row 1; the rows are checked without repeating it. */
static void
test_missing_column (void)
{
  g_autofree char *text = without_column ("Shipping postal code");
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autofree char *problems = batch_test_problems (batch);
  const PkioBatchProblem *problem = g_ptr_array_index (pkio_batch_get_header_problems (batch), 0);
  g_autofree char *no_agreement = without_column ("Agreement");
  g_autofree char *no_phone = without_column ("Telephone");
  g_autoptr(PkioBatch) batch2 = batch_test_read (no_agreement, -1);
  g_autoptr(PkioBatch) batch3 = batch_test_read (no_phone, -1);
  g_autofree char *problems2 = batch_test_problems (batch2);
  g_autofree char *problems3 = batch_test_problems (batch3);

  g_assert_cmpstr (problems, ==, "1: missing_column\n");
  g_assert_nonnull (strstr (problem->message, "“Shipping postal code”"));
  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 3);
  /* The agreement is never a default. */
  g_assert_cmpstr (problems2, ==, "1: missing_column\n");
  g_assert_false (pkio_batch_get_row (batch2, 0)->order->csa_agreed_to);
  /* With some of the person's columns, all are needed (the number-only row 4 is fine). */
  g_assert_cmpstr (problems3, ==, "1: missing_column\n");
}

/* Without any column of the person: one problem that names them, or the CertCentral number. */
static void
test_missing_holder (void)
{
  const char *text =
    "Profile,Recipient,Address,Shipping postal code,Shipping city,Shipping province,"
    "Shipping country,Agreement\r\nsigning,Ann Smith,Rue Royale 1,1000,Brussel,Brussel,be,yes\r\n";
  const char *ids_only =
    "Profile,CertCentral number,Recipient,Address,Shipping postal code,Shipping city,"
    "Shipping province,Shipping country,Agreement\r\n"
    "signing,21,Ann Smith,Rue Royale 1,1000,Brussel,Brussel,be,yes\r\n"
    "signing,,Ann Smith,Rue Royale 1,1000,Brussel,Brussel,be,yes\r\n"
    "signing,twenty,Ann Smith,Rue Royale 1,1000,Brussel,Brussel,be,yes\r\n";
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autoptr(PkioBatch) ids = batch_test_read (ids_only, -1);
  g_autofree char *problems = batch_test_problems (batch);
  g_autofree char *id_problems = batch_test_problems (ids);
  const PkioBatchProblem *problem = g_ptr_array_index (pkio_batch_get_header_problems (batch), 0);

  g_assert_cmpstr (problems, ==, "1: missing_column\n");
  g_assert_nonnull (strstr (problem->message, "“Telephone”"));
  g_assert_nonnull (strstr (problem->message, "“CertCentral number”"));
  g_assert_cmpstr (id_problems, ==,
                   "3: CertCentral number: missing\n"
                   "4: CertCentral number: invalid_individual_id\n");
}

/* Unknown columns are refused by name; card columns say why; a custom field's label is a
 * column; a column twice is refused; a nameless column with values is refused. */
static void
test_unknown_columns (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  g_autofree char *text = g_strdup_printf ("%s,Department,Card number,Cost centre,E-mail,,\r\n"
                                           "%s,HR,4111 1111 1111 1111,CC-12,x@example.com,,\r\n"
                                           "%s,HR,,CC-13,,,late\r\n", header, row, row);
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autofree char *problems = batch_test_problems (batch);
  const char * const labels[] = { "Cost Centre", "Unused label", NULL };
  g_autoptr(PkioBatch) custom = batch_test_read_custom (text, -1, labels);
  g_autofree char *custom_problems = batch_test_problems (custom);
  const PkioBatchRow *first = pkio_batch_get_row (custom, 0);

  /* Rows 2 and 3 repeat one order, except for the custom field, which the key holds. */
  g_assert_cmpstr (problems, ==,
                   "1: Department: unknown_column\n"
                   "1: Card number: card_data\n"
                   "1: Cost centre: unknown_column\n"
                   "1: E-mail: repeated_column\n"
                   "1: unnamed_column\n"
                   "3: repeated_row\n");
  g_assert_cmpstr (custom_problems, ==,
                   "1: Department: unknown_column\n"
                   "1: Card number: card_data\n"
                   "1: E-mail: repeated_column\n"
                   "1: unnamed_column\n"
                   "3: same_person_twice\n");
  g_assert_cmpstr (first->custom_values[0], ==, "CC-12");
  g_assert_cmpstr (first->custom_values[1], ==, "");
  g_assert_null (first->custom_values[2]);
  g_assert_cmpstr (pkio_batch_get_row (custom, 1)->custom_values[0], ==, "CC-13");
  /* The card number went nowhere. */
  g_assert_null (first->order->credit_card.number);
}

/* The account's own order fields (issue 23): a column named by an active field's label goes
 * into the order's custom_fields and is checked by the account's rules at that column; a
 * required field without its column is said in row 1; an inactive field's label and any other
 * unknown name are still refused by name; an account without fields reads as before, the body
 * exactly the seed's. */
static void
test_account_fields (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *john = batch_test_base_row (0, ',');
  g_autoptr(GString) other = g_string_new (john);
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *inactive = NULL;
  g_autoptr(GPtrArray) fields = pkio_custom_field_list_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = batch_test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *body = NULL;
  g_autofree char *seed_body = batch_test_fixture_body ("seed-details.json");
  const PkioCustomValue *value;

  g_ptr_array_add (fields, pkio_custom_field_new (11, "Cost centre", TRUE, TRUE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (12, "Ticket", FALSE, TRUE, "int"));
  g_ptr_array_add (fields, pkio_custom_field_new (13, "Old code", TRUE, FALSE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (14, "Notify", FALSE, TRUE, "email_address"));
  g_assert_cmpuint (g_string_replace (other, "john.doe@example.com", "ann@example.com", 1), ==, 1);

  /* Labels are compared as column names are: "cost Centre" is "Cost centre". */
  text = g_strdup_printf ("%s,cost Centre,Ticket,Notify\r\n"
                          "%s,CC-12,42,\r\n"
                          "%s,,4x2,not-an-address\r\n", header, john, other->str);
  bytes = g_bytes_new (text, strlen (text));
  batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
  g_assert_no_error (error);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==,
                   "3: cost Centre: missing\n"
                   "3: Ticket: invalid_custom_field_value\n"
                   "3: Notify: invalid_custom_field_value\n");
  g_assert_cmpuint (pkio_batch_get_row (batch, 0)->order->custom_fields->len, ==, 2);
  value = g_ptr_array_index (pkio_batch_get_row (batch, 0)->order->custom_fields, 0);
  g_assert_cmpint (value->metadata_id, ==, 11);
  g_assert_cmpstr (value->value, ==, "CC-12");
  body = batch_test_body (pkio_batch_get_row (batch, 0)->order);
  g_assert_nonnull (strstr (body, "\"custom_fields\":[{\"metadata_id\":11,\"value\":\"CC-12\"},"
                                  "{\"metadata_id\":12,\"value\":\"42\"}]"));
  g_clear_object (&batch);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&problems, g_free);

  /* Without the required field's column: said once, in row 1, naming the label; an inactive
   * field's label is a column the account does not use, refused by name like any other. */
  missing = g_strdup_printf ("%s,Old code,Department\r\n%s,X,HR\r\n", header, john);
  bytes = g_bytes_new (missing, strlen (missing));
  batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
  g_assert_no_error (error);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==,
                   "1: Old code: unknown_column\n"
                   "1: Department: unknown_column\n"
                   "1: missing_column\n");
  g_assert_nonnull (strstr (((PkioBatchProblem *) g_ptr_array_index (
                               pkio_batch_get_header_problems (batch), 2))->message,
                            "“Cost centre”"));
  g_clear_object (&batch);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* An account without fields (none, or none active): the file reads as before, and the body
   * is exactly the seed's, without "custom_fields". */
  g_ptr_array_remove_range (fields, 0, fields->len);
  g_ptr_array_add (fields, pkio_custom_field_new (13, "Old code", TRUE, FALSE, "text"));
  inactive = g_strdup_printf ("%s\r\n%s\r\n", header, john);
  bytes = g_bytes_new (inactive, strlen (inactive));
  batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&problems, g_free);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&body, g_free);
  body = batch_test_body (pkio_batch_get_row (batch, 0)->order);
  g_assert_cmpstr (body, ==, seed_body);
}

/* A field whose label is also a fixed column's name ("Email", "Postcode"): the bare name stays
 * the fixed column, and "<label> (own field)" ("(eigen veld)", "(custom field)") is the
 * field's, so a required one can be given; without it the problem names the marked column. */
static void
test_field_named_as_column (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *john = batch_test_base_row (0, ',');
  g_autoptr(GPtrArray) fields = pkio_custom_field_list_new ();
  g_autoptr(GDateTime) now = batch_test_now ();
  const char *marks[][2] = {
    { "Email (own field)", "Postcode (own field)" },
    { "E-mail (eigen veld)", " postcode ( Eigen veld ) " },
    { "EMAIL (custom field)", "Postcode (custom field)" },
  };

  g_ptr_array_add (fields, pkio_custom_field_new (21, "Email", TRUE, TRUE, "email_address"));
  g_ptr_array_add (fields, pkio_custom_field_new (22, "Postcode", FALSE, TRUE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (23, "Cost centre", FALSE, TRUE, "text"));

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s,%s,%s,Cost centre (own field)\r\n"
                                               "%s,boss@example.com,PC-7,CC-1\r\n",
                                               header, marks[i][0], marks[i][1], john);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioBatch) batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
      g_autofree char *problems = NULL;
      g_autofree char *body = NULL;
      const PkioBatchRow *row;

      g_assert_no_error (error);
      problems = batch_test_problems (batch);
      g_assert_cmpstr (problems, ==, "");
      row = pkio_batch_get_row (batch, 0);
      /* The holder's email and postal code are the fixed columns'. */
      g_assert_cmpstr (row->order->individual.email, ==, "john.doe@example.com");
      body = batch_test_body (row->order);
      g_assert_nonnull (strstr (body, "\"custom_fields\":[{\"metadata_id\":21,\"value\":"
                                      "\"boss@example.com\"},{\"metadata_id\":22,\"value\":"
                                      "\"PC-7\"},{\"metadata_id\":23,\"value\":\"CC-1\"}]"));
    }

  /* Without the marked column, the required field is missing, named as the template names
   * it; the bare "Email" stays the holder's. An unknown field marked is unknown. */
  for (guint language = 0; language < PKIO_BATCH_N_LANGUAGES; language++)
    {
      g_autoptr(GString) dutch = g_string_new (NULL);
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioBatch) batch = NULL;
      GPtrArray *header_problems;

      for (guint c = 0; c < PKIO_BATCH_N_ORDER_COLUMNS; c++)
        g_string_append_printf (dutch, "%s%s", c > 0 ? ";" : "",
                                pkio_batch_column_name (c, PKIO_BATCH_DUTCH));
      /* Only the column names matter here: the row's words are English. */
      text = g_strdup_printf ("%s%sOther (own field)\r\n%s,x\r\n",
                              language == PKIO_BATCH_DUTCH ? dutch->str : header,
                              language == PKIO_BATCH_DUTCH ? ";" : ",", john);
      bytes = g_bytes_new (text, strlen (text));
      batch = pkio_batch_read_for_fields (bytes, fields, now, &error);

      g_assert_no_error (error);
      header_problems = pkio_batch_get_header_problems (batch);
      g_assert_cmpuint (header_problems->len, ==, 2);
      g_assert_cmpstr (((PkioBatchProblem *) g_ptr_array_index (header_problems, 0))->code, ==,
                       "unknown_column");
      g_assert_cmpstr (((PkioBatchProblem *) g_ptr_array_index (header_problems, 1))->code, ==,
                       "missing_column");
      g_assert_nonnull (strstr (((PkioBatchProblem *) g_ptr_array_index (header_problems, 1))
                                  ->message,
                                language == PKIO_BATCH_DUTCH ? "“Email (eigen veld)”"
                                                             : "“Email (own field)”"));
    }

  /* The names themselves. */
  {
    const struct { const char *in; PkioBatchLanguage language; const char *name; } names[] = {
      { "Email", PKIO_BATCH_ENGLISH, "Email (own field)" },
      { "Postcode", PKIO_BATCH_DUTCH, "Postcode (eigen veld)" },
      { "Cost centre", PKIO_BATCH_DUTCH, "Cost centre" },
    };
    const struct { const char *header; const char *label; } labels[] = {
      { "Email (Own Field)", "Email" }, { "Kosten (plaats) (eigen veld)", "Kosten (plaats)" },
      { "Email (optional)", NULL }, { "Email", NULL }, { "(own field)", "" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *name = pkio_batch_custom_column_name (names[i].in, names[i].language);

        g_assert_cmpstr (name, ==, names[i].name);
      }
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        g_autofree char *label = pkio_batch_custom_column_label (labels[i].header);

        g_assert_cmpstr (label, ==, labels[i].label);
      }
  }
}

/* A name from the file is shown without its terminal codes and invisible characters. */
static void
test_column_names_shown_safely (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  g_autofree char *text = g_strdup_printf ("%s,Dept\x1b[31m,\xe2\x80\xae" "evil\r\n%s,x,y\r\n",
                                           header, row);
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autofree char *problems = batch_test_problems (batch);

  g_assert_cmpstr (problems, ==,
                   "1: Dept\\u001B[31m: unknown_column\n"
                   "1: \\u202Eevil: unknown_column\n");
}

/* Every problem of every row at its column, at once; the words of the file's language. */
static void
test_row_problems (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  g_autoptr(GString) text = g_string_new (header);
  g_autoptr(PkioBatch) batch = NULL;
  g_autofree char *problems = NULL;
  const PkioBatchProblem *profile;

  g_string_append (text, "\r\n");
  g_string_append (text, "certificate,ECDSA,,Dr. Jan,Jansen,jan(at)example.nl,020 254 7999,"
                         "nl,Noord-Holland,Amsterdam,10134 A,Jan Jansen,Damrak 1,,1013AA,"
                         "Amsterdam,Noord-Holland,xx,by boat,forever,cash,no\r\n");
  g_string_append (text, "encryption,RSA,,Jan,Jansen,jan@example.nl,+31 20 254 7999,nl,"
                         "Noord-Holland,Amsterdam,1013 AA,Jan Jansen,Damrak 1,,1013 AA,Amsterdam,"
                         "Noord-Holland,nl,,4 years,card,yes\r\n");
  g_string_append (text, "encryption,RSA,21,Jan,,,,,,,,Jan Jansen,Damrak 1,,1013 AA,Amsterdam,"
                         "Noord-Holland,nl,,400 days,,yes\r\n");
  g_string_append_printf (text, "%s\r\n", row);
  batch = batch_test_read (text->str, -1);
  problems = batch_test_problems (batch);

  g_assert_cmpstr (problems, ==,
                   "2: Profile: invalid_profile\n"
                   "2: Signature: invalid_signature\n"
                   "2: First name: title_in_name\n"
                   "2: Email: invalid_email\n"
                   "2: Telephone: invalid_telephone\n"
                   "2: Postal code: invalid_zip\n"
                   "2: Shipping country: invalid_country\n"
                   "2: Shipping method: invalid_ship_method\n"
                   "2: Validity: invalid_validity\n"
                   "2: Payment: invalid_payment_method\n"
                   "2: Agreement: csa_not_agreed\n"
                   "3: Validity: validity_out_of_range\n"
                   "3: Payment: card_data\n"
                   "4: CertCentral number: id_and_details\n"
                   "4: Validity: validity_out_of_range\n");
  profile = g_ptr_array_index (pkio_batch_get_row (batch, 0)->problems, 0);
  g_assert_cmpstr (profile->message, ==,
                   "Write what the certificate is for: “authentication”, “signing” or "
                   "“encryption”.");
  g_assert_cmpint (pkio_batch_get_row (batch, 1)->order->payment_method, !=, PKIO_PAYMENT_CARD);
}

/* "Row 7 repeats row 3"; a second certificate of one kind for one person is refused too. */
static void
test_repeats (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *john = batch_test_base_row (0, ',');
  g_autofree char *zoe = batch_test_base_row (1, ',');
  g_autofree char *ann = batch_test_base_row (2, ',');
  g_autoptr(GString) same_person = g_string_new (zoe);
  g_autofree char *text = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  g_autofree char *problems = NULL;
  const PkioBatchProblem *repeat;

  /* Zoë again, her email in capitals and sent STANDARD: not a copy, but the same person. */
  g_string_replace (same_person, "zoe@example.nl", "ZOE@Example.NL", 0);
  g_string_replace (same_person, "expedited", "standard", 0);
  text = g_strdup_printf ("%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n", header, john, zoe,
                          ann, "signing,,22,,,,,,,,,Bo Li,Rue Royale 1,,1000,Brussel,Brussel,be,,"
                          "90 days,,yes", john, same_person->str, ann);
  batch = batch_test_read (text, -1);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==, "6: repeated_row\n7: same_person_twice\n8: repeated_row\n");
  repeat = g_ptr_array_index (pkio_batch_get_row (batch, 4)->problems, 0);
  g_assert_cmpstr (repeat->message, ==,
                   "Row 6 repeats row 2: the same order twice. Remove one of them.");
}

/* The words of each column, as pkio-batch-values.h promises. */
static void
test_values (void)
{
  PkioValidity v = { .kind = PKIO_VALIDITY_YEARS, .years = 1 };
  PkioProfile profile;
  PkioPaymentMethod payment = PKIO_PAYMENT_BALANCE;
  PkioShipMethod method;
  gboolean pss;
  struct { const char *cell; PkioValidityKind kind; gint64 amount; guint y, m, d; } dates[] = {
    { "1 year", PKIO_VALIDITY_YEARS, 1 }, { "3", PKIO_VALIDITY_YEARS, 3 },
    { "2 Jaar", PKIO_VALIDITY_YEARS, 2 }, { "90days", PKIO_VALIDITY_DAYS, 90 },
    { " 1 dag ", PKIO_VALIDITY_DAYS, 1 },
    { "2025-09-30", PKIO_VALIDITY_CUSTOM_DATE, 0, 2025, 9, 30 },
    { "2025-9-3", PKIO_VALIDITY_CUSTOM_DATE, 0, 2025, 9, 3 },
    { "30-9-2025", PKIO_VALIDITY_CUSTOM_DATE, 0, 2025, 9, 30 },
    { "09 JUN 2025", PKIO_VALIDITY_CUSTOM_DATE, 0, 2025, 6, 9 },
    { "9 mei 2025", PKIO_VALIDITY_CUSTOM_DATE, 0, 2025, 5, 9 },
    { "1 okt 2025", PKIO_VALIDITY_CUSTOM_DATE, 0, 2025, 10, 1 },
    { "1 Maart 2026", PKIO_VALIDITY_CUSTOM_DATE, 0, 2026, 3, 1 },
  };
  const char *refused[] = { "year", "1 week", "9/6/2025", "31-02-2025", "2025-13-01",
                            "1 ja 2025", "1 jun 25", "-1", "1.5", "99999999" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_test_message ("validity “%s”", dates[i].cell);
      g_assert_true (pkio_batch_read_validity (dates[i].cell, &v));
      g_assert_cmpint (v.kind, ==, dates[i].kind);
      if (v.kind == PKIO_VALIDITY_YEARS)
        g_assert_cmpint (v.years, ==, dates[i].amount);
      else if (v.kind == PKIO_VALIDITY_DAYS)
        g_assert_cmpint (v.days, ==, dates[i].amount);
      else
        {
          g_assert_cmpuint (g_date_get_year (&v.custom_date), ==, dates[i].y);
          g_assert_cmpuint (g_date_get_month (&v.custom_date), ==, dates[i].m);
          g_assert_cmpuint (g_date_get_day (&v.custom_date), ==, dates[i].d);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      PkioValidity before = { .kind = PKIO_VALIDITY_DAYS, .days = 7 };

      g_test_message ("validity “%s” refused", refused[i]);
      g_assert_false (pkio_batch_read_validity (refused[i], &before));
      g_assert_cmpint (before.kind, ==, PKIO_VALIDITY_DAYS);
      g_assert_cmpint (before.days, ==, 7);
    }

  g_assert_true (pkio_batch_read_profile ("Non-repudiation", &profile));
  g_assert_cmpint (profile, ==, PKIO_PROFILE_NONREPUDIATION);
  g_assert_true (pkio_batch_read_profile ("VERTROUWELIJKHEID", &profile));
  g_assert_cmpint (profile, ==, PKIO_PROFILE_ENCRYPTION);
  g_assert_false (pkio_batch_read_profile ("", &profile));
  g_assert_true (pkio_batch_read_signature (" rsassa-pss ", &pss) && pss);
  g_assert_true (pkio_batch_read_signature ("", &pss) && !pss);
  g_assert_true (pkio_batch_read_ship_method ("met-spoed", &method));
  g_assert_cmpint (method, ==, PKIO_SHIP_EXPEDITED);
  g_assert_cmpint (pkio_batch_read_payment ("profile", &payment), ==, PKIO_BATCH_PAYMENT_READ);
  g_assert_cmpint (payment, ==, PKIO_PAYMENT_PROFILE);
  g_assert_cmpint (pkio_batch_read_payment ("Credit card", &payment), ==,
                   PKIO_BATCH_PAYMENT_CARD);
  g_assert_cmpint (pkio_batch_read_payment ("Nieuwe creditcard", &payment), ==,
                   PKIO_BATCH_PAYMENT_CARD);
  g_assert_cmpint (payment, ==, PKIO_PAYMENT_PROFILE);
  g_assert_true (pkio_batch_read_agreement ("JA"));
  g_assert_true (pkio_batch_read_agreement ("x"));
  g_assert_false (pkio_batch_read_agreement ("nee"));
  g_assert_false (pkio_batch_read_agreement (""));
  g_assert_false (pkio_batch_read_agreement (NULL));
}

/* Every name of the table is found as its own column, in both languages. */
static void
test_column_table (void)
{
  for (guint c = 0; c < PKIO_BATCH_N_COLUMNS; c++)
    for (guint l = 0; l < PKIO_BATCH_N_LANGUAGES; l++)
      {
        const char *name = pkio_batch_column_name (c, l);
        g_autofree char *upper = g_utf8_strup (name, -1);
        int language;

        g_test_message ("column %u “%s”", c, name);
        g_assert_cmpint (pkio_batch_column_find (name, &language), ==, (int) c);
        g_assert_cmpint (pkio_batch_column_find (upper, NULL), ==, (int) c);
        if (!g_str_equal (pkio_batch_column_name (c, !l), name) && c != PKIO_BATCH_COLUMN_EMAIL)
          g_assert_cmpint (language, ==, (int) l);
      }
  g_assert_cmpint (pkio_batch_column_find ("ID", NULL), ==, -1);
  g_assert_cmpint (pkio_batch_column_find ("Number", NULL), ==, -1);
  g_assert_true (pkio_batch_header_is_card_data ("CVV"));
  g_assert_true (pkio_batch_header_is_card_data ("credit_card.number"));
  g_assert_true (pkio_batch_header_is_card_data ("Factuuradres"));
  g_assert_false (pkio_batch_header_is_card_data ("Department"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch-columns/dutch", test_dutch);
  g_test_add_func ("/batch-columns/aliases-and-defaults", test_aliases_and_defaults);
  g_test_add_func ("/batch-columns/missing-column", test_missing_column);
  g_test_add_func ("/batch-columns/missing-holder", test_missing_holder);
  g_test_add_func ("/batch-columns/unknown-columns", test_unknown_columns);
  g_test_add_func ("/batch-columns/account-fields", test_account_fields);
  g_test_add_func ("/batch-columns/field-named-as-column", test_field_named_as_column);
  g_test_add_func ("/batch-columns/column-names-shown-safely", test_column_names_shown_safely);
  g_test_add_func ("/batch-columns/row-problems", test_row_problems);
  g_test_add_func ("/batch-columns/repeats", test_repeats);
  g_test_add_func ("/batch-columns/values", test_values);
  g_test_add_func ("/batch-columns/column-table", test_column_table);

  return g_test_run ();
}
