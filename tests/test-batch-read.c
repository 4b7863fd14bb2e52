/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-csv.h"

#include "batch-test-util.h"

/* Reading a batch file's bytes and cells: the matrix of issue 22 (each separator, each
 * encoding, BOM or none, quoted line breaks, a blank row, 1,001 rows). The column names and
 * each row's problems are test-batch-columns.c's. */
/* The base table's three rows as the core reads them. */
static void
check_base_rows (PkioBatch *batch)
{
  const PkioBatchRow *john;
  const PkioBatchRow *zoe;
  const PkioBatchRow *ann;
  g_autofree char *problems = batch_test_problems (batch);
  g_autofree char *john_body = NULL;
  g_autofree char *seed_body = batch_test_fixture_body ("seed-details.json");

  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 3);
  john = pkio_batch_get_row (batch, 0);
  zoe = pkio_batch_get_row (batch, 1);
  ann = pkio_batch_get_row (batch, 2);
  g_assert_cmpuint (john->number, ==, 2);
  g_assert_cmpuint (ann->number, ==, 4);

  john_body = batch_test_body (john->order);
  g_assert_cmpstr (john_body, ==, seed_body);

  g_assert_cmpstr (zoe->order->individual.first_name, ==, "Zoë");
  g_assert_cmpstr (zoe->order->individual.last_name, ==, "Öztürk-de Vries");
  g_assert_cmpstr (zoe->order->ship_info.addr2, ==, "Kamer €5");
  g_assert_cmpint (zoe->order->profile, ==, PKIO_PROFILE_AUTHENTICATION);
  g_assert_false (zoe->order->is_rsassa_pss);
  g_assert_cmpint (zoe->order->ship_info.method, ==, PKIO_SHIP_EXPEDITED);
  g_assert_cmpint (zoe->order->validity.kind, ==, PKIO_VALIDITY_YEARS);
  g_assert_cmpint (zoe->order->validity.years, ==, 2);
  g_assert_cmpint (zoe->order->payment_method, ==, PKIO_PAYMENT_PROFILE);

  g_assert_true (ann->order->individual.use_id);
  g_assert_cmpint (ann->order->individual.id, ==, 21);
  g_assert_cmpint (ann->order->profile, ==, PKIO_PROFILE_NONREPUDIATION);
  g_assert_cmpint (ann->order->ship_info.method, ==, PKIO_SHIP_STANDARD);
  g_assert_cmpint (ann->order->validity.kind, ==, PKIO_VALIDITY_DAYS);
  g_assert_cmpint (ann->order->validity.days, ==, 90);
  g_assert_cmpint (ann->order->payment_method, ==, PKIO_PAYMENT_BALANCE);

  for (guint r = 0; r < 3; r++)
    {
      const PkioOrder *order = pkio_batch_get_row (batch, r)->order;

      g_assert_true (order->csa_agreed_to);
      g_assert_null (order->credit_card.number);
      g_assert_null (order->credit_card.cvv);
    }
}

/* Comma, semicolon and tab are detected; the same rows give the same keys. */
static void
test_separators (void)
{
  const char separators[] = { ',', ';', '\t' };
  g_autofree char *first_keys = NULL;
  g_autofree char *first_batch_key = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autofree char *text = batch_test_base_table (separators[s], "\r\n");
      g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
      g_autofree char *keys = batch_test_row_keys (batch);

      g_assert_cmpint (pkio_batch_get_separator (batch), ==, separators[s]);
      g_assert_cmpint (pkio_batch_get_encoding (batch), ==, PKIO_BATCH_ENCODING_UTF8);
      check_base_rows (batch);
      if (first_keys == NULL)
        {
          first_keys = g_strdup (keys);
          first_batch_key = g_strdup (pkio_batch_get_key (batch));
        }
      g_assert_cmpstr (keys, ==, first_keys);
      g_assert_cmpstr (pkio_batch_get_key (batch), ==, first_batch_key);
    }
}

/* Excel's "sep=;" line decides, and is not a row; LF and lone CR end rows as CR LF does. */
static void
test_sep_line_and_line_ends (void)
{
  g_autofree char *lf = batch_test_base_table (',', "\n");
  g_autofree char *cr = batch_test_base_table (',', "\r");
  g_autofree char *semicolons = batch_test_base_table (';', "\r\n");
  g_autofree char *with_sep = g_strconcat ("sep=;\r\n", semicolons, NULL);
  g_autoptr(PkioBatch) from_lf = batch_test_read (lf, -1);
  g_autoptr(PkioBatch) from_cr = batch_test_read (cr, -1);
  g_autoptr(PkioBatch) from_sep = batch_test_read (with_sep, -1);

  check_base_rows (from_lf);
  check_base_rows (from_cr);
  check_base_rows (from_sep);
  g_assert_cmpint (pkio_batch_get_separator (from_sep), ==, ';');
  g_assert_cmpstr (pkio_batch_get_key (from_cr), ==, pkio_batch_get_key (from_lf));
}

static char *
convert (const char *utf8,
         const char *to,
         gsize      *out_length)
{
  g_autoptr(GError) error = NULL;
  char *converted = g_convert (utf8, -1, to, "UTF-8", NULL, out_length, &error);

  g_assert_no_error (error);
  return converted;
}

static void
check_encoded (const char        *prefix,
               gsize              prefix_length,
               const char        *body,
               gsize              body_length,
               PkioBatchEncoding  expected,
               const char        *expected_key)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(PkioBatch) batch = NULL;

  g_byte_array_append (bytes, (const guint8 *) prefix, (guint) prefix_length);
  g_byte_array_append (bytes, (const guint8 *) body, (guint) body_length);
  batch = batch_test_read ((const char *) bytes->data, bytes->len);
  g_test_message ("read as %s", pkio_batch_encoding_to_string (pkio_batch_get_encoding (batch)));
  g_assert_cmpint (pkio_batch_get_encoding (batch), ==, expected);
  check_base_rows (batch);
  g_assert_cmpstr (pkio_batch_get_key (batch), ==, expected_key);
}

/* The same table in every encoding a spreadsheet writes, with and without a BOM: the same
 * orders, names with ë, Ö, ü and € intact. */
static void
test_encodings (void)
{
  g_autofree char *text = batch_test_base_table (';', "\r\n");
  g_autoptr(PkioBatch) plain = batch_test_read (text, -1);
  const char *key = pkio_batch_get_key (plain);
  gsize length = 0;
  g_autofree char *cp1252 = convert (text, "WINDOWS-1252", &length);
  g_autofree char *utf16le = NULL;
  g_autofree char *utf16be = NULL;
  gsize le_length = 0;
  gsize be_length = 0;

  check_base_rows (plain);
  check_encoded ("", 0, text, strlen (text), PKIO_BATCH_ENCODING_UTF8, key);
  check_encoded ("\xef\xbb\xbf", 3, text, strlen (text), PKIO_BATCH_ENCODING_UTF8_BOM, key);
  utf16le = convert (text, "UTF-16LE", &le_length);
  check_encoded ("\xff\xfe", 2, utf16le, le_length, PKIO_BATCH_ENCODING_UTF16LE, key);
  utf16be = convert (text, "UTF-16BE", &be_length);
  check_encoded ("\xfe\xff", 2, utf16be, be_length, PKIO_BATCH_ENCODING_UTF16BE, key);
  g_assert_cmpuint (length, <, strlen (text));  /* ë is one byte there */
  check_encoded ("", 0, cp1252, length, PKIO_BATCH_ENCODING_WINDOWS_1252, key);

  /* A character outside the BMP is a surrogate pair in UTF-16. */
  {
    g_autoptr(GString) astral = g_string_new (text);
    g_autofree char *astral16 = NULL;
    g_autoptr(GByteArray) bytes = g_byte_array_new ();
    g_autoptr(PkioBatch) batch = NULL;

    g_string_replace (astral, "Kamer €5", "Kamer 𝔘5", 1);
    astral16 = convert (astral->str, "UTF-16LE", &le_length);
    g_byte_array_append (bytes, (const guint8 *) "\xff\xfe", 2);
    g_byte_array_append (bytes, (const guint8 *) astral16, (guint) le_length);
    batch = batch_test_read ((const char *) bytes->data, bytes->len);
    g_assert_cmpstr (pkio_batch_get_row (batch, 1)->order->ship_info.addr2, ==, "Kamer 𝔘5");
  }
}

static void
check_refused_encoding (const char *data,
                        gsize       length,
                        int         code,
                        const char *contains)
{
  g_autofree char *message = batch_test_refused (data, (gssize) length, code);

  g_assert_nonnull (strstr (message, contains));
  /* Every refusal of the bytes says how to save the file instead. */
  g_assert_nonnull (strstr (message, "CSV UTF-8"));
}

/* What is not read as text, each refused with a message that says how to save the file. */
static void
test_encodings_refused (void)
{
  g_autofree char *text = batch_test_base_table (',', "\r\n");
  g_autofree char *utf16 = NULL;
  g_autofree char *damaged = NULL;
  gsize length = 0;

  /* UTF-16 without its BOM: NUL bytes. */
  utf16 = convert (text, "UTF-16LE", &length);
  check_refused_encoding (utf16, length, PKIO_BATCH_ERROR_NOT_TEXT, "Line 1 holds a NUL");
  check_refused_encoding ("\xff\xfe\x00\x00P\x00\x00\x00", 8, PKIO_BATCH_ERROR_ENCODING,
                          "UTF-32");
  check_refused_encoding ("PK\x03\x04\x14\x00\x06\x00", 8, PKIO_BATCH_ERROR_NOT_TEXT, "xlsx");
  check_refused_encoding ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, PKIO_BATCH_ERROR_NOT_TEXT,
                          "workbook");
  /* UTF-8 (the ë of row 3) with one byte that is not: damaged, not Windows-1252. */
  damaged = g_strdup (text);
  *strstr (damaged, "Domplein") = '\xff';
  check_refused_encoding (damaged, strlen (damaged), PKIO_BATCH_ERROR_ENCODING, "line 3");
  /* A BOM that says UTF-8, and a byte that is not. */
  check_refused_encoding ("\xef\xbb\xbf" "Profile\xff\r\n", 12, PKIO_BATCH_ERROR_ENCODING,
                          "line 1");
  /* Windows-1252 leaves 0x81 undefined. */
  check_refused_encoding ("Profile\r\nJos\xe9\x81\r\n", 15, PKIO_BATCH_ERROR_ENCODING,
                          "0x81");
  /* UTF-16 cut in the middle of a character, and a lone surrogate. */
  check_refused_encoding ("\xff\xfeP\x00r", 5, PKIO_BATCH_ERROR_ENCODING, "UTF-16");
  check_refused_encoding ("\xff\xfeP\x00\n\x00\x00\xd8r\x00", 10, PKIO_BATCH_ERROR_ENCODING,
                          "line 2");
  check_refused_encoding ("\xff\xfeP\x00\x00\x00", 6, PKIO_BATCH_ERROR_NOT_TEXT, "NUL");
}

/* Quoted cells hold separators, quotes and line breaks; row numbers stay the spreadsheet's. */
static void
test_quoted_cells (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  g_autoptr(GString) text = g_string_new (header);
  g_autoptr(PkioBatch) batch = NULL;
  g_autofree char *problems = NULL;
  const PkioBatchRow *quoted;

  g_string_append (text, "\r\n");
  /* Row 2: a comma in the address, quotes in the recipient, spaces around the quotes. */
  g_string_append (text, "encryption,RSA,,Jan,Jansen,jan@example.nl,+31 20 111 2222,nl,"
                         "Noord-Holland,Amsterdam,1011 AB,\"Jan \"\"J.\"\" Jansen\", "
                         "\"Damrak 1, 3rd floor\" ,,1011 AB,Amsterdam,Noord-Holland,nl,,,,yes\r\n");
  /* Row 3: a line break inside a quoted cell (one row, whose cell the rules refuse). */
  g_string_append (text, "encryption,RSA,,Piet,Pieters,piet@example.nl,+31 20 111 3333,nl,"
                         "Noord-Holland,Amsterdam,1011 AB,Piet Pieters,Damrak 2,\"Kamer 1\r\n"
                         "Kamer 2\",1011 AB,Amsterdam,Noord-Holland,nl,,,,yes\r\n");
  /* Row 4: still row 4 after the line break. */
  g_string_append_printf (text, "%s\r\n", row);
  batch = batch_test_read (text->str, -1);

  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 3);
  quoted = pkio_batch_get_row (batch, 0);
  g_assert_cmpstr (quoted->order->ship_info.name, ==, "Jan \"J.\" Jansen");
  g_assert_cmpstr (quoted->order->ship_info.addr1, ==, "Damrak 1, 3rd floor");
  g_assert_cmpstr (pkio_batch_get_row (batch, 1)->order->ship_info.addr2, ==,
                   "Kamer 1\r\nKamer 2");
  g_assert_cmpuint (pkio_batch_get_row (batch, 2)->number, ==, 4);
  problems = batch_test_problems (batch);
  g_assert_cmpstr (problems, ==, "3: Address line 2: control_characters\n");
}

/* A quote that never closes would swallow the rest of the file: refused, with its row. */
static void
test_unclosed_quote (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  g_autofree char *text = g_strdup_printf ("%s\r\n%s\r\n\r\n%s,\"open\r\nmore\r\n", header, row,
                                           row);
  g_autofree char *message = batch_test_refused (text, -1, PKIO_BATCH_ERROR_UNCLOSED_QUOTE);

  g_assert_nonnull (strstr (message, "row 4"));
}

/* Blank rows (only separators, only spaces, or nothing) are no orders, and keep the count. */
static void
test_blank_rows (void)
{
  g_autofree char *header = batch_test_english_header (';');
  g_autofree char *row0 = batch_test_base_row (0, ';');
  g_autofree char *row1 = batch_test_base_row (1, ';');
  g_autofree char *text = g_strdup_printf ("\r\n%s\r\n;;;;;;;;;;\r\n%s\r\n   \r\n\r\n%s\r\n"
                                           ";;;;\r\n", header, row0, row1);
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autofree char *problems = batch_test_problems (batch);

  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 2);
  /* The column names are in row 2 here. */
  g_assert_cmpuint (pkio_batch_get_row (batch, 0)->number, ==, 4);
  g_assert_cmpuint (pkio_batch_get_row (batch, 1)->number, ==, 7);
}

static char *
many_rows (guint n)
{
  g_autofree char *header = batch_test_english_header (',');
  GString *text = g_string_new (header);

  g_string_append (text, "\r\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "encryption,RSA,,Person,Number %u,p%u@example.com,"
                                  "+31 20 254 %04u,nl,Noord-Holland,Amsterdam,1013 AA,"
                                  "Person %u,Damrak %u,,1012 JS,Amsterdam,Noord-Holland,nl,"
                                  "standard,1 year,balance,yes\r\n", i, i, i, i, i + 1);
  return g_string_free (text, FALSE);
}

/* 1,000 orders are read; 1,001 are refused with the number; so are 5 MB and a byte more. */
static void
test_limits (void)
{
  g_autofree char *thousand = many_rows (1000);
  g_autofree char *too_many = many_rows (1001);
  g_autoptr(PkioBatch) batch = batch_test_read (thousand, -1);
  g_autofree char *message = batch_test_refused (too_many, -1,
                                                 PKIO_BATCH_ERROR_TOO_MANY_ROWS);
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_malloc (PKIO_BATCH_MAX_BYTES + 1);
  g_autofree char *big_message = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *wide_message = NULL;

  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 1000);
  g_assert_cmpuint (pkio_batch_count_problems (batch), ==, 0);
  g_assert_nonnull (strstr (message, "1001 orders"));
  g_assert_nonnull (strstr (message, "1,000"));

  g_assert_true (pkio_batch_check_size (PKIO_BATCH_MAX_BYTES, &error));
  g_assert_no_error (error);
  memset (big, 'a', PKIO_BATCH_MAX_BYTES + 1);
  big_message = batch_test_refused (big, PKIO_BATCH_MAX_BYTES + 1, PKIO_BATCH_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (big_message, "5.0\u00a0MB"));  /* g_format_size ()'s space */
  g_assert_nonnull (strstr (big_message, "at most 5 MB"));

  wide = g_strnfill (PKIO_CSV_MAX_COLUMNS, ',');
  wide_message = batch_test_refused (wide, -1, PKIO_BATCH_ERROR_TOO_MANY_COLUMNS);
  g_assert_nonnull (strstr (wide_message, "Row 1 has more than 256 columns"));
  g_free (batch_test_refused ("", 0, PKIO_BATCH_ERROR_EMPTY));
  g_free (batch_test_refused ("\r\n;;;\r\n  \r\n", -1, PKIO_BATCH_ERROR_EMPTY));
  g_free (batch_test_refused ("Profile,Email\r\n,\r\n", -1, PKIO_BATCH_ERROR_EMPTY));
}

/* A file of @n_used columns with names, and empty cells up to 256 after them. */
static char *
wide_file (guint n_used)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  GString *text = g_string_new (header);
  g_autofree char *padding = g_strnfill (PKIO_CSV_MAX_COLUMNS - n_used, ',');

  for (guint c = 22; c < n_used; c++)
    g_string_append_printf (text, ",Extra %u", c);
  g_string_append_printf (text, "%s\r\n%s%s\r\n", padding, row, padding);
  return g_string_free (text, FALSE);
}

/* Empty cells after the last column in use are no columns; 250 in use are read, and their
 * results file (three more) reads back; 251 are refused. Found by fuzzing: a file of 254
 * columns gave a results file of 257, which the reader refused. */
static void
test_wide_files (void)
{
  g_autofree char *widest = wide_file (PKIO_BATCH_MAX_COLUMNS);
  g_autofree char *too_wide = wide_file (PKIO_BATCH_MAX_COLUMNS + 1);
  g_autoptr(PkioBatch) batch = batch_test_read (widest, -1);
  g_autoptr(PkioBatch) again = NULL;
  g_autoptr(GString) results = g_string_new (NULL);
  g_autofree char *message = batch_test_refused (too_wide, -1,
                                                 PKIO_BATCH_ERROR_TOO_MANY_COLUMNS);

  g_assert_cmpuint (pkio_batch_get_header_problems (batch)->len, ==,
                    PKIO_BATCH_MAX_COLUMNS - 22);
  pkio_batch_write_results (batch, NULL, results);
  again = batch_test_read (results->str, (gssize) results->len);
  g_assert_cmpstr (pkio_batch_get_key (again), ==, pkio_batch_get_key (batch));
  g_assert_cmpuint (pkio_batch_get_header_problems (again)->len, ==,
                    PKIO_BATCH_MAX_COLUMNS - 22);
  g_assert_nonnull (strstr (message, "251 columns with a name or a value"));
}

/* Cells as pkio-csv.h promises: quotes, spaces, formula protection undone, column letters. */
static void
test_csv_cells (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "a,\" b \" ,\"c\"d, e ,'+31,''=1,'s-Gravenhage,'x,\"'@x\"\r\n";
  g_autoptr(PkioCsv) csv = pkio_csv_parse (text, strlen (text), '\0', 10, &error);
  const char *expected[] = { "a", " b ", "cd", " e ", "+31", "'=1", "'s-Gravenhage", "'x",
                             "@x" };
  g_autofree char *a = pkio_csv_column_letters (0);
  g_autofree char *z = pkio_csv_column_letters (25);
  g_autofree char *aa = pkio_csv_column_letters (26);
  g_autofree char *zz = pkio_csv_column_letters (701);

  g_assert_no_error (error);
  g_assert_cmpuint (pkio_csv_get_n_records (csv), ==, 1);
  g_assert_cmpuint (pkio_csv_record_n_cells (csv, 0), ==, G_N_ELEMENTS (expected));
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpstr (pkio_csv_get_cell (csv, 0, c), ==, expected[c]);
  g_assert_cmpstr (pkio_csv_get_cell (csv, 0, 99), ==, "");
  g_assert_cmpstr (a, ==, "A");
  g_assert_cmpstr (z, ==, "Z");
  g_assert_cmpstr (aa, ==, "AA");
  g_assert_cmpstr (zz, ==, "ZZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch-read/separators", test_separators);
  g_test_add_func ("/batch-read/sep-line-and-line-ends", test_sep_line_and_line_ends);
  g_test_add_func ("/batch-read/encodings", test_encodings);
  g_test_add_func ("/batch-read/encodings-refused", test_encodings_refused);
  g_test_add_func ("/batch-read/quoted-cells", test_quoted_cells);
  g_test_add_func ("/batch-read/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/batch-read/blank-rows", test_blank_rows);
  g_test_add_func ("/batch-read/limits", test_limits);
  g_test_add_func ("/batch-read/wide-files", test_wide_files);
  g_test_add_func ("/batch-read/csv-cells", test_csv_cells);

  return g_test_run ();
}
