/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-batch.h"
#include "pkio-csv.h"
#include "pkio-custom-fields.h"
#include "pkio-order-json.h"

#include "fuzz-util.h"

/* A batch file, read as `pkio-orders order --batch FILE` reads it, and what the headers of
 * src/core/batch and pkio-csv.h promise of it:
 * - pkio_batch_text_decode(): UTF-8 without NUL, the input itself when it was UTF-8;
 * - pkio_csv_parse() and pkio_csv_append_record(): cells written with any separator read
 *   back as the same cells;
 * - pkio_batch_read(): a batch or a PKIO_BATCH_ERROR with a one-line message; at most 1,000
 *   rows in spreadsheet order; every problem at a row with a one-line message and a column
 *   name free of control characters; never card data in an order; each row's key its content
 *   key, a repeated key always reported; a row without problems a valid order whose body
 *   reads back the same;
 * - pkio_batch_write_results(): read back, the same rows, keys and problems, and formula
 *   protection undone.
 * - pkio_batch_read_for_fields(), with an account's own order fields of every data type
 *   (required, optional, inactive): refused exactly when pkio_batch_read() is, and then with the
 *   same code; the same rows and keys as pkio_batch_read() given the active fields' labels, and
 *   the same problems plus only those of the fields' values (at their columns) and a required
 *   field's missing column; each order's custom_fields the non-empty values of the active
 *   fields' columns, nothing else; a row without problems valid by the account's rules too, and
 *   its body (custom_fields included) round-trips; its results file read back the same.
 * Once per process, the template in both languages, with and without the fields, reads back
 * as the seed's first order. */

/* The account's own order fields (GET account/metadata): active ones of each data type, one
 * required, and an inactive one, whose label is a column like any unknown one. */
static GPtrArray *
account_fields (void)
{
  static GPtrArray *fields;

  if (g_once_init_enter (&fields))
    {
      GPtrArray *list = pkio_custom_field_list_new ();

      g_ptr_array_add (list, pkio_custom_field_new (11, "Cost centre", TRUE, TRUE, "text"));
      g_ptr_array_add (list, pkio_custom_field_new (12, "Kostenplaats", FALSE, TRUE, "int"));
      g_ptr_array_add (list, pkio_custom_field_new (13, "Manager", FALSE, TRUE,
                                                    "email_address"));
      g_ptr_array_add (list, pkio_custom_field_new (14, "Copies to", FALSE, TRUE,
                                                    "email_list"));
      g_ptr_array_add (list, pkio_custom_field_new (15, "Old code", TRUE, FALSE, "text"));
      g_ptr_array_add (list, pkio_custom_field_new (16, "Notes", FALSE, TRUE, NULL));
      g_once_init_leave (&fields, list);
    }
  return fields;
}

/* The labels of the active fields, in their order: what pkio_batch_read () is given, so that
 * it maps the same columns as pkio_batch_read_for_fields (). */
static const char * const labels[] = { "Cost centre", "Kostenplaats", "Manager", "Copies to",
                                       "Notes", NULL };

static void
check_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (fuzz_is_utf8 (text));
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
}

static void
check_problem (const PkioBatchProblem *problem,
               guint                   row)
{
  g_assert_cmpuint (problem->row, ==, row);
  g_assert_cmpuint (strlen (problem->code), >, 0);
  g_assert_cmpuint (strlen (problem->message), >, 0);
  check_text (problem->message);
  check_text (problem->code);
  if (problem->column != NULL)
    check_text (problem->column);
}

static gboolean
has_problem (const PkioBatchRow *row,
             const char         *code)
{
  for (guint i = 0; i < row->problems->len; i++)
    if (g_str_equal (((PkioBatchProblem *) g_ptr_array_index (row->problems, i))->code, code))
      return TRUE;
  return FALSE;
}

static void
check_decode (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GError) error = NULL;
  PkioBatchEncoding encoding = PKIO_BATCH_ENCODING_UTF8;
  gsize length = 0;
  g_autofree char *text = pkio_batch_text_decode (data, size, &encoding, &length, &error);

  if (text == NULL)
    {
      g_assert_true (error->domain == PKIO_BATCH_ERROR);
      check_text (error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (g_utf8_validate (text, (gssize) length, NULL));
  switch (encoding)
    {
    case PKIO_BATCH_ENCODING_UTF8:
      g_assert_cmpmem (text, length, data, size);
      break;
    case PKIO_BATCH_ENCODING_UTF8_BOM:
      g_assert_cmpmem (text, length, data + 3, size - 3);
      break;
    case PKIO_BATCH_ENCODING_WINDOWS_1252:
      g_assert_false (g_utf8_validate ((const char *) data, (gssize) size, NULL));
      break;
    case PKIO_BATCH_ENCODING_UTF16LE:
    case PKIO_BATCH_ENCODING_UTF16BE:
    default:
      g_assert_cmpuint (size, >=, 2);
      break;
    }

  /* The cells, written with each separator, read back the same. */
  {
    g_autoptr(PkioCsv) csv = pkio_csv_parse (text, length, '\0', 200, NULL);
    const char separators[] = { ',', ';', '\t' };

    if (csv == NULL)
      return;
    for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
      {
        g_autoptr(GString) out = g_string_new (NULL);
        g_autoptr(PkioCsv) again = NULL;

        for (guint r = 0; r < pkio_csv_get_n_records (csv); r++)
          {
            g_autoptr(GPtrArray) cells = g_ptr_array_new ();

            for (guint c = 0; c < pkio_csv_record_n_cells (csv, r); c++)
              g_ptr_array_add (cells, (char *) pkio_csv_get_cell (csv, r, c));
            pkio_csv_append_record (out, (const char * const *) cells->pdata, cells->len,
                                    separators[s]);
          }
        again = pkio_csv_parse (out->str, out->len, separators[s], 200, NULL);
        g_assert_nonnull (again);
        g_assert_cmpuint (pkio_csv_get_n_records (again), ==, pkio_csv_get_n_records (csv));
        for (guint r = 0; r < pkio_csv_get_n_records (csv); r++)
          {
            g_assert_cmpuint (pkio_csv_record_n_cells (again, r), ==,
                              pkio_csv_record_n_cells (csv, r));
            for (guint c = 0; c < pkio_csv_record_n_cells (csv, r); c++)
              g_assert_cmpstr (pkio_csv_get_cell (again, r, c), ==, pkio_csv_get_cell (csv, r, c));
          }
      }
  }
}

static void
check_batch (PkioBatch *batch,
             GDateTime *now)
{
  GPtrArray *header_problems = pkio_batch_get_header_problems (batch);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) body_of_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) key_of_body = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_rows = pkio_batch_get_n_rows (batch);
  guint header_row = 1;
  guint previous = 0;

  g_assert_cmpuint (n_rows, >=, 1);
  g_assert_cmpuint (n_rows, <=, PKIO_BATCH_MAX_ROWS);
  g_assert_cmpuint (strlen (pkio_batch_get_key (batch)), ==, 64);
  if (header_problems->len > 0)
    header_row = ((PkioBatchProblem *) g_ptr_array_index (header_problems, 0))->row;
  for (guint i = 0; i < header_problems->len; i++)
    check_problem (g_ptr_array_index (header_problems, i), header_row);

  for (guint r = 0; r < n_rows; r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (batch, r);
      const PkioOrder *order = row->order;
      g_autofree char *key = NULL;

      g_assert_cmpuint (row->number, >, MAX (previous, header_row));
      previous = row->number;
      for (guint i = 0; i < row->problems->len; i++)
        check_problem (g_ptr_array_index (row->problems, i), row->number);

      /* Card data never comes from a file. */
      g_assert_cmpint (order->payment_method, !=, PKIO_PAYMENT_CARD);
      g_assert_null (order->credit_card.number);
      g_assert_null (order->credit_card.cvv);
      g_assert_null (order->credit_card.expiration_month);
      g_assert_null (order->billing_address.address);

      g_assert_cmpuint (g_strv_length (row->custom_values), ==, g_strv_length ((char **) labels));
      key = pkio_batch_row_compute_key (order, labels, (const char * const *) row->custom_values);
      g_assert_cmpstr (row->key, ==, key);
      if (g_hash_table_contains (keys, row->key))
        g_assert_true (has_problem (row, "repeated_row"));
      g_hash_table_add (keys, row->key);

      /* One key exactly when one request body (and the same custom values). */
      {
        g_autoptr(JsonNode) node = pkio_order_to_json (order);
        g_autofree char *json = json_to_string (node, FALSE);
        g_autofree char *custom = g_strjoinv ("\x1f", row->custom_values);
        char *body = g_strconcat (json, "\x1e", custom, NULL);
        const char *known_body = g_hash_table_lookup (body_of_key, row->key);
        const char *known_key = g_hash_table_lookup (key_of_body, body);

        if (known_body != NULL)
          g_assert_cmpstr (known_body, ==, body);
        if (known_key != NULL)
          g_assert_cmpstr (known_key, ==, row->key);
        g_hash_table_insert (body_of_key, row->key, g_strdup (body));
        g_hash_table_insert (key_of_body, body, row->key);
      }

      if (row->problems->len == 0 && header_problems->len == 0)
        {
          g_autoptr(GPtrArray) problems = pkio_order_validate (order, now);

          g_assert_cmpuint (problems->len, ==, 0);
          g_assert_true (order->csa_agreed_to);
          fuzz_check_round_trip (order, now);
          fuzz_check_storage (order);
        }
    }
}

static char *
problem_codes (PkioBatch *batch)
{
  GString *codes = g_string_new (NULL);
  GPtrArray *header_problems = pkio_batch_get_header_problems (batch);

  for (guint i = 0; i < header_problems->len; i++)
    g_string_append_printf (codes, "%s ", ((PkioBatchProblem *) header_problems->pdata[i])->code);
  for (guint r = 0; r < pkio_batch_get_n_rows (batch); r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (batch, r);

      g_string_append_printf (codes, "| %u %s:", row->number, row->key);
      for (guint i = 0; i < row->problems->len; i++)
        g_string_append_printf (codes, " %s", ((PkioBatchProblem *) row->problems->pdata[i])->code);
    }
  return g_string_free (codes, FALSE);
}

/* The results file read back (with @fields, or with the labels only when NULL): the same
 * batch, with formula-like results in it. */
static void
check_results (PkioBatch *batch,
               GPtrArray *fields,
               GDateTime *now)
{
  guint n_rows = pkio_batch_get_n_rows (batch);
  g_autofree PkioBatchResult *results = g_new0 (PkioBatchResult, n_rows);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBatch) again = NULL;
  g_autofree char *codes = problem_codes (batch);
  g_autofree char *codes_again = NULL;

  for (guint r = 0; r < n_rows; r++)
    results[r] = (PkioBatchResult) { r % 3 == 0 ? 843668399 + r : 0,
                                     r % 2 == 0 ? "placed" : "=rejected",
                                     r % 2 == 0 ? NULL : "+31 20 \"message\", line\n2" };
  pkio_batch_write_results (batch, results, out);
  bytes = g_bytes_new (out->str, out->len);
  again = fields != NULL ? pkio_batch_read_for_fields (bytes, fields, now, &error)
                         : pkio_batch_read (bytes, labels, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  codes_again = problem_codes (again);
  g_assert_cmpstr (codes_again, ==, codes);
  g_assert_cmpstr (pkio_batch_get_key (again), ==, pkio_batch_get_key (batch));
  g_assert_cmpint (pkio_batch_get_separator (again), ==, pkio_batch_get_separator (batch));
}

/* "ROW COLUMN CODE" of each problem, header first. */
static GPtrArray *
problem_list (PkioBatch *batch)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *header_problems = pkio_batch_get_header_problems (batch);

  for (guint i = 0; i < header_problems->len; i++)
    {
      const PkioBatchProblem *problem = g_ptr_array_index (header_problems, i);

      g_ptr_array_add (list, g_strdup_printf ("%u\x1f%s\x1f%s", problem->row,
                                              problem->column != NULL ? problem->column : "",
                                              problem->code));
    }
  for (guint r = 0; r < pkio_batch_get_n_rows (batch); r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (batch, r);

      for (guint i = 0; i < row->problems->len; i++)
        {
          const PkioBatchProblem *problem = g_ptr_array_index (row->problems, i);

          g_ptr_array_add (list, g_strdup_printf ("%u\x1f%s\x1f%s", problem->row,
                                                  problem->column != NULL ? problem->column : "",
                                                  problem->code));
        }
    }
  return list;
}

/* What only the account's fields add: a value's problem at its column, or a required field's
 * missing column. */
static gboolean
is_field_problem (const char *entry)
{
  g_auto(GStrv) parts = g_strsplit (entry, "\x1f", 3);

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  if (g_str_equal (parts[2], "missing_column"))
    return *parts[1] == '\0';
  return *parts[1] != '\0'
         && (g_str_equal (parts[2], "missing") || g_str_equal (parts[2], "control_characters")
             || g_str_equal (parts[2], "invalid_custom_field_value"));
}

/* The batch read with the account's fields (@with_fields) against the one read with their
 * labels only (@with_labels). */
static void
check_fields_batch (PkioBatch *with_fields,
                    PkioBatch *with_labels,
                    GDateTime *now)
{
  GPtrArray *fields = account_fields ();
  g_autoptr(GPtrArray) active = pkio_custom_field_list_active (fields);
  g_autoptr(GPtrArray) field_problems = problem_list (with_fields);
  g_autoptr(GPtrArray) label_problems = problem_list (with_labels);
  g_autoptr(GHashTable) unmatched = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = pkio_batch_get_n_rows (with_fields);

  g_assert_cmpuint (active->len, ==, g_strv_length ((char **) labels));
  g_assert_cmpuint (n_rows, ==, pkio_batch_get_n_rows (with_labels));
  g_assert_cmpstr (pkio_batch_get_key (with_fields), ==, pkio_batch_get_key (with_labels));
  g_assert_cmpint (pkio_batch_get_language (with_fields), ==,
                   pkio_batch_get_language (with_labels));

  /* Every problem of the labels' read is there (as many times), and the rest is the fields'. */
  {
    g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < field_problems->len; i++)
      {
        const char *entry = g_ptr_array_index (field_problems, i);

        g_hash_table_insert (counts, (char *) entry,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                      entry))
                                               + 1));
      }
    for (guint i = 0; i < label_problems->len; i++)
      {
        const char *entry = g_ptr_array_index (label_problems, i);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, entry));

        if (n == 0)
          g_error ("a problem of the read without the fields is not in the read with them: %s",
                   entry);
        g_hash_table_insert (counts, (char *) entry, GUINT_TO_POINTER (n - 1));
      }
    for (guint i = 0; i < field_problems->len; i++)
      {
        const char *entry = g_ptr_array_index (field_problems, i);

        if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, entry)) > 0 && !is_field_problem (entry))
          g_error ("the read with the fields has a problem of another kind: %s", entry);
      }
  }

  for (guint r = 0; r < n_rows; r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (with_fields, r);
      const PkioBatchRow *plain = pkio_batch_get_row (with_labels, r);
      const PkioOrder *order = row->order;
      guint n_values = 0;

      g_assert_cmpuint (row->number, ==, plain->number);
      g_assert_cmpstr (row->key, ==, plain->key);
      g_assert_cmpuint (g_strv_length (row->custom_values), ==, active->len);
      /* The order carries each active field's non-empty value, as the row has it. */
      for (guint i = 0; i < active->len; i++)
        {
          const PkioCustomField *field = g_ptr_array_index (active, i);
          const char *value = pkio_order_get_custom_value (order, field->id);

          g_assert_cmpstr (row->custom_values[i], ==, plain->custom_values[i]);
          if (*row->custom_values[i] == '\0')
            g_assert_null (value);
          else
            {
              g_assert_cmpstr (value, ==, row->custom_values[i]);
              n_values++;
            }
        }
      g_assert_cmpuint (order->custom_fields != NULL ? order->custom_fields->len : 0, ==,
                        n_values);
      g_assert_null (pkio_order_get_custom_value (order, 15));

      if (row->problems->len == 0 && pkio_batch_get_header_problems (with_fields)->len == 0)
        {
          g_autoptr(GPtrArray) problems = pkio_custom_fields_validate (order, fields);

          g_assert_cmpuint (problems->len, ==, 0);
          g_assert_nonnull (pkio_order_get_custom_value (order, 11));
        }
    }
  check_batch (with_fields, now);
  check_results (with_fields, fields, now);
}

static void
check_templates (GDateTime *now)
{
  static gsize checked = 0;

  if (!g_once_init_enter (&checked))
    return;
  for (guint l = 0; l < PKIO_BATCH_N_LANGUAGES; l++)
    for (guint with_fields = 0; with_fields < 2; with_fields++)
      {
        g_autoptr(GString) out = g_string_new (NULL);
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(PkioBatch) batch = NULL;
        g_autoptr(PkioBatch) fields_batch = NULL;

        pkio_batch_write_template (out, l, with_fields ? account_fields () : NULL);
        bytes = g_bytes_new (out->str, out->len);
        batch = pkio_batch_read (bytes, labels, now, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (pkio_batch_count_problems (batch), ==, 0);
        g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 1);
        g_assert_cmpint (pkio_batch_get_language (batch), ==, l);
        if (!with_fields)
          continue;
        /* With the fields: the required one has a value, and it is one valid order. */
        fields_batch = pkio_batch_read_for_fields (bytes, account_fields (), now, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (pkio_batch_count_problems (fields_batch), ==, 0);
        g_assert_nonnull (pkio_order_get_custom_value (pkio_batch_get_row (fields_batch,
                                                                           0)->order, 11));
      }
  g_once_init_leave (&checked, 1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fields_error = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(PkioBatch) fields_batch = NULL;

  fuzz_init ();
  now = fuzz_now ();
  check_templates (now);
  check_decode (data, size);

  bytes = g_bytes_new (data, size);
  batch = pkio_batch_read (bytes, labels, now, &error);
  fields_batch = pkio_batch_read_for_fields (bytes, account_fields (), now, &fields_error);
  if (batch == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == PKIO_BATCH_ERROR);
      check_text (error->message);
      /* The account's fields do not change what a file is refused for. */
      g_assert_null (fields_batch);
      g_assert_error (fields_error, PKIO_BATCH_ERROR, error->code);
      g_assert_cmpstr (fields_error->message, ==, error->message);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_no_error (fields_error);
  g_assert_nonnull (fields_batch);
  check_batch (batch, now);
  check_results (batch, NULL, now);
  check_fields_batch (fields_batch, batch, now);
  return 0;
}
