/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-order-json.h"

#include "batch-test-util.h"

static const char * const english_names[] = {
  "Profile", "Signature", "CertCentral number", "First name", "Last name", "Email",
  "Telephone", "Country", "Province", "City", "Postal code", "Recipient", "Address",
  "Address line 2", "Shipping postal code", "Shipping city", "Shipping province",
  "Shipping country", "Shipping method", "Validity", "Payment", "Agreement", NULL,
};

static const char * const base_rows[][22] = {
  { "encryption", "RSASSA-PSS", "", "John", "Doe", "john.doe@example.com",
    "+31(0)20 254 7999", "nl", "Amsterdam", "Amsterdam", "1013 AA", "John Doe",
    "813 Lincoln Street", "Suite 20", "1013 AA", "Amsterdam", "Amsterdam", "nl", "standard",
    "1 year", "balance", "yes" },
  { "authentication", "RSA", "", "Zoë", "Öztürk-de Vries", "zoe@example.nl", "+31 30 123 4567",
    "nl", "Utrecht", "Utrecht", "3511 AB", "Zoë Öztürk-de Vries", "Domplein 1", "Kamer €5",
    "3511 AB", "Utrecht", "Utrecht", "nl", "expedited", "2 years", "saved card", "yes" },
  { "signing", "", "21", "", "", "", "", "", "", "", "", "Ann Smith", "Rue Royale 1", "",
    "1000", "Brussel", "Brussel", "be", "", "90 days", "", "yes" },
};

char *
batch_test_english_header (char separator)
{
  char sep[2] = { separator, '\0' };

  return g_strjoinv (sep, (char **) english_names);
}

char *
batch_test_base_row (guint n,
                     char  separator)
{
  char sep[2] = { separator, '\0' };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) cells = NULL;

  g_assert_cmpuint (n, <, G_N_ELEMENTS (base_rows));
  for (guint c = 0; c < G_N_ELEMENTS (base_rows[n]); c++)
    g_strv_builder_add (builder, base_rows[n][c]);
  cells = g_strv_builder_end (builder);
  return g_strjoinv (sep, cells);
}

char *
batch_test_base_table (char        separator,
                       const char *line_end)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *header = batch_test_english_header (separator);

  g_string_append (text, header);
  for (guint n = 0; n < G_N_ELEMENTS (base_rows); n++)
    {
      g_autofree char *row = batch_test_base_row (n, separator);

      g_string_append_printf (text, "%s%s", line_end, row);
    }
  g_string_append (text, line_end);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
batch_test_people_table (guint n_rows,
                         char  separator)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *header = batch_test_english_header (separator);
  g_autofree char *row = batch_test_base_row (0, separator);

  g_string_append (text, header);
  for (guint n = 1; n <= n_rows; n++)
    {
      g_autoptr(GString) person = g_string_new (row);
      g_autofree char *email = g_strdup_printf ("person%02u@example.com", n);

      g_assert_cmpuint (g_string_replace (person, "john.doe@example.com", email, 1), ==, 1);
      g_string_append_printf (text, "\r\n%s", person->str);
    }
  g_string_append (text, "\r\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
batch_test_people_table_at (guint       n_rows,
                            char        separator,
                            const char *domain)
{
  g_autofree char *text = batch_test_people_table (n_rows, separator);
  g_autoptr(GString) moved = g_string_new (text);
  g_autofree char *at = g_strdup_printf ("@%s", domain);

  g_assert_cmpuint (g_string_replace (moved, "@example.com", at, 0), ==, n_rows);
  return g_string_free (g_steal_pointer (&moved), FALSE);
}

GDateTime *
batch_test_now (void)
{
  return g_date_time_new_utc (2025, 6, 1, 12, 0, 0);
}

PkioBatch *
batch_test_read_custom (const char         *data,
                        gssize              length,
                        const char * const *custom_labels)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GDateTime) now = batch_test_now ();
  g_autoptr(GError) error = NULL;
  PkioBatch *batch = pkio_batch_read (bytes, custom_labels, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (batch);
  return batch;
}

PkioBatch *
batch_test_read (const char *data,
                 gssize      length)
{
  return batch_test_read_custom (data, length, NULL);
}

char *
batch_test_refused (const char *data,
                    gssize      length,
                    int         code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GDateTime) now = batch_test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBatch) batch = pkio_batch_read (bytes, NULL, now, &error);

  g_assert_null (batch);
  g_assert_error (error, PKIO_BATCH_ERROR, code);
  g_test_message ("refused: %s", error->message);
  return g_strdup (error->message);
}

static void
append_problems (GString   *out,
                 GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const PkioBatchProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%u: %s: %s", p->row, p->column ? p->column : "-", p->message);
      g_assert_true (g_utf8_validate (p->message, -1, NULL));
      g_assert_cmpuint (strlen (p->message), >, 0);
      if (p->column != NULL)
        g_string_append_printf (out, "%u: %s: %s\n", p->row, p->column, p->code);
      else
        g_string_append_printf (out, "%u: %s\n", p->row, p->code);
    }
}

char *
batch_test_problems (PkioBatch *batch)
{
  GString *out = g_string_new (NULL);

  append_problems (out, pkio_batch_get_header_problems (batch));
  for (guint r = 0; r < pkio_batch_get_n_rows (batch); r++)
    append_problems (out, pkio_batch_get_row (batch, r)->problems);
  return g_string_free (out, FALSE);
}

char *
batch_test_row_keys (PkioBatch *batch)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < pkio_batch_get_n_rows (batch); r++)
    {
      const char *key = pkio_batch_get_row (batch, r)->key;

      g_assert_cmpuint (strlen (key), ==, 64);
      g_string_append_printf (out, "%s%s", r > 0 ? " " : "", key);
    }
  return g_string_free (out, FALSE);
}

char *
batch_test_body (const PkioOrder *order)
{
  g_autoptr(JsonNode) body = pkio_order_to_json (order);

  return json_to_string (body, FALSE);
}

char *
batch_test_fixture_body (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  order = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_cmpuint (problems->len, ==, 0);
  return batch_test_body (order);
}
