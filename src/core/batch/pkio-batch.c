/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-batch-private.h"
#include "pkio-custom-fields.h"
#include "pkio-batch-values.h"
#include "pkio-field-rules.h"

/* Reading a batch file: bytes to text (pkio-batch-text.c), text to cells (pkio-csv.c), the
 * first row's names to columns (here), each row to an order (pkio-batch-row.c), and what
 * rows say of each other (here). */

G_DEFINE_FINAL_TYPE (PkioBatch, pkio_batch, G_TYPE_OBJECT)

static void
pkio_batch_finalize (GObject *object)
{
  PkioBatch *self = PKIO_BATCH (object);

  g_clear_pointer (&self->csv, pkio_csv_free);
  g_clear_pointer (&self->header.shown, g_ptr_array_unref);
  g_clear_pointer (&self->header.custom_index, g_free);
  g_clear_pointer (&self->header.custom_labels, g_strfreev);
  g_clear_pointer (&self->header.custom_fields, g_ptr_array_unref);
  g_clear_pointer (&self->header.custom_active, g_ptr_array_unref);
  g_clear_pointer (&self->header_problems, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (pkio_batch_parent_class)->finalize (object);
}

static void
pkio_batch_class_init (PkioBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_batch_finalize;
}

static void
pkio_batch_init (PkioBatch *self)
{
  for (guint c = 0; c < PKIO_BATCH_N_COLUMNS; c++)
    self->header.index[c] = -1;
  self->header.shown = g_ptr_array_new_with_free_func (g_free);
  self->header_problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_batch_problem_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_batch_row_free);
}

gboolean
pkio_batch_check_size (guint64   size,
                       GError  **error)
{
  g_autofree char *shown = NULL;

  if (size <= PKIO_BATCH_MAX_BYTES)
    return TRUE;
  shown = g_format_size (size);
  g_set_error (error, PKIO_BATCH_ERROR, PKIO_BATCH_ERROR_TOO_BIG,
               /* TRANSLATORS: %s is a size such as "5.2 MB" */
               _("The file is %s; a batch file may be at most 5 MB. Split it into smaller "
                 "files."), shown);
  return FALSE;
}

/* A column's name as it may be shown (a file may hold anything in its first row). */
static char *
printable_name (const char *name)
{
  g_autofree char *trimmed = pkio_field_trim (name);

  return pkio_field_printable (trimmed, 64);
}

static void
header_problem (PkioBatch  *self,
                const char *column,
                const char *code,
                char       *message)
{
  g_ptr_array_add (self->header_problems,
                   pkio_batch_problem_new (pkio_csv_record_number (self->csv, 0), column, code,
                                           message));
  g_free (message);
}

/* The first row that holds something in file column @index, or 0. */
static guint
first_row_using (PkioBatch *self,
                 guint      index)
{
  for (guint r = 1; r < pkio_csv_get_n_records (self->csv); r++)
    if (!pkio_csv_is_blank (pkio_csv_get_cell (self->csv, r, index)))
      return pkio_csv_record_number (self->csv, r);
  return 0;
}

static int
find_custom (PkioBatchHeader *header,
             const char      *name)
{
  g_autofree char *folded = pkio_batch_header_fold (name);

  for (guint i = 0; *folded != '\0' && header->custom_labels[i] != NULL; i++)
    {
      g_autofree char *label = pkio_batch_header_fold (header->custom_labels[i]);

      if (g_str_equal (label, folded))
        return (int) i;
    }
  return -1;
}

/* Which file column each name is; unknown, nameless and doubled columns and card data are
 * refused by name. Returns the votes for each language. */
static void
map_columns (PkioBatch *self,
             guint      votes[PKIO_BATCH_N_LANGUAGES])
{
  PkioBatchHeader *header = &self->header;

  for (guint c = 0; c < header->n_file_columns; c++)
    {
      const char *name = pkio_csv_get_cell (self->csv, 0, c);
      const char *shown = g_ptr_array_index (header->shown, c);
      g_autofree char *marked = NULL;
      int *slot = NULL;
      int language;
      int column;
      int custom;

      if (pkio_csv_is_blank (name))
        {
          guint row = first_row_using (self, c);
          g_autofree char *letters = NULL;

          if (row == 0)
            continue;
          letters = pkio_csv_column_letters (c);
          header_problem (self, NULL, "unnamed_column",
                          /* TRANSLATORS: %s: a column such as "H"; %u: row numbers */
                          g_strdup_printf (_("Column %s has no name in row %u, but row %u has a "
                                             "value in it. Give the column a name, or remove "
                                             "it."), letters,
                                           pkio_csv_record_number (self->csv, 0), row));
          continue;
        }

      /* "Email (own field)": the account's field labelled "Email", not the holder's email,
       * which the bare name keeps (pkio_batch_custom_column_name ()). */
      marked = pkio_batch_custom_column_label (name);
      if (marked != NULL)
        {
          column = -1;
          language = -1;
          custom = find_custom (header, marked);
        }
      else
        {
          column = pkio_batch_column_find (name, &language);
          custom = column < 0 ? find_custom (header, name) : -1;
        }
      if (column >= 0)
        slot = &header->index[column];
      else if (custom >= 0)
        slot = &header->custom_index[custom];

      if (slot == NULL && pkio_batch_header_is_card_data (name))
        header_problem (self, shown, "card_data",
                        g_strdup (_("Card details are never read from a file: remove this "
                                    "column. Pay from the account balance or with the "
                                    "account’s saved card.")));
      else if (slot == NULL)
        header_problem (self, shown, "unknown_column",
                        g_strdup (_("This column is not known. Remove it, or give it the name of "
                                    "one of the template’s columns.")));
      else if (*slot >= 0)
        header_problem (self, shown, "repeated_column",
                        g_strdup_printf (_("The column “%s” already gives this. Keep one of the "
                                           "two."),
                                         (const char *) g_ptr_array_index (header->shown,
                                                                           *slot)));
      else
        {
          *slot = (int) c;
          if (language >= 0)
            votes[language]++;
        }
    }
}

static void
missing_column (PkioBatch       *self,
                PkioBatchColumn  column)
{
  header_problem (self, NULL, "missing_column",
                  /* TRANSLATORS: %s is a column's name, such as “Postal code” */
                  g_strdup_printf (_("Add the column “%s”: every order needs it."),
                                   pkio_batch_column_name (column, self->header.language)));
}

/* The columns every order needs: the required ones, and the person's details or number. */
static void
check_missing (PkioBatch *self)
{
  PkioBatchHeader *header = &self->header;
  guint n_details = 0;

  for (guint c = 0; c < PKIO_BATCH_N_ORDER_COLUMNS; c++)
    {
      if (pkio_batch_column_flags (c) & PKIO_BATCH_COLUMN_REQUIRED && header->index[c] < 0)
        missing_column (self, c);
      if (c >= PKIO_BATCH_COLUMN_FIRST_NAME && c <= PKIO_BATCH_COLUMN_ZIP && header->index[c] >= 0)
        n_details++;
    }

  if (n_details > 0)
    {
      for (guint c = PKIO_BATCH_COLUMN_FIRST_NAME; c <= PKIO_BATCH_COLUMN_ZIP; c++)
        if (header->index[c] < 0)
          missing_column (self, c);
    }
  else if (header->index[PKIO_BATCH_COLUMN_INDIVIDUAL_ID] < 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint c = PKIO_BATCH_COLUMN_FIRST_NAME; c <= PKIO_BATCH_COLUMN_ZIP; c++)
        g_string_append_printf (names, "%s“%s”", names->len > 0 ? ", " : "",
                                pkio_batch_column_name (c, header->language));
      header_problem (self, NULL, "missing_column",
                      /* TRANSLATORS: first %s lists column names, the second is one */
                      g_strdup_printf (_("Add the columns of the certificate holder: %s. For "
                                         "people CertCentral already knows, the column “%s” "
                                         "is enough."), names->str,
                                       pkio_batch_column_name (PKIO_BATCH_COLUMN_INDIVIDUAL_ID,
                                                               header->language)));
    }
}

/* The account's required fields need their columns: without one, no row could be placed. */
static void
check_missing_custom (PkioBatch *self)
{
  PkioBatchHeader *header = &self->header;

  for (guint i = 0; header->custom_active != NULL && i < header->custom_active->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (header->custom_active, i);
      g_autofree char *printable = NULL;
      g_autofree char *label = NULL;

      if (!field->is_required || header->custom_index[i] >= 0)
        continue;
      printable = pkio_field_printable (field->label, 64);
      /* As the template names it: "Email (own field)" when "Email" is a column of its own. */
      label = pkio_batch_custom_column_name (printable, header->language);
      header_problem (self, NULL, "missing_column",
                      /* TRANSLATORS: %s is the label of one of the organisation's own order
                       * fields, such as “Cost centre” */
                      g_strdup_printf (_("Add the column “%s”: your organisation asks for it "
                                         "with every order."), label));
    }
}

/* 1 + the last column with a name or a value in any row. */
static guint
used_width (PkioCsv *csv)
{
  guint width = 0;

  for (guint r = 0; r < pkio_csv_get_n_records (csv); r++)
    for (guint c = pkio_csv_record_n_cells (csv, r); c > width; c--)
      if (!pkio_csv_is_blank (pkio_csv_get_cell (csv, r, c - 1)))
        {
          width = c;
          break;
        }
  return width;
}

static gboolean
read_header (PkioBatch          *self,
             const char * const *custom_labels,
             GError            **error)
{
  PkioBatchHeader *header = &self->header;
  guint votes[PKIO_BATCH_N_LANGUAGES] = { 0, 0 };
  guint n_results = 0;
  guint n_custom;

  header->custom_labels = g_strdupv ((char **) custom_labels);
  if (header->custom_labels == NULL)
    header->custom_labels = g_new0 (char *, 1);
  n_custom = g_strv_length (header->custom_labels);
  header->custom_index = g_new (int, n_custom + 1);
  for (guint i = 0; i < n_custom; i++)
    header->custom_index[i] = -1;

  header->n_file_columns = used_width (self->csv);
  for (guint c = 0; c < header->n_file_columns; c++)
    g_ptr_array_add (header->shown, printable_name (pkio_csv_get_cell (self->csv, 0, c)));

  map_columns (self, votes);
  for (guint c = PKIO_BATCH_COLUMN_RESULT_ORDER; c < PKIO_BATCH_N_COLUMNS; c++)
    n_results += header->index[c] >= 0;
  if (header->n_file_columns - n_results > PKIO_BATCH_MAX_COLUMNS)
    {
      g_set_error (error, PKIO_BATCH_ERROR, PKIO_BATCH_ERROR_TOO_MANY_COLUMNS,
                   /* TRANSLATORS: %u: the columns in use, then the most allowed */
                   _("The file has %u columns with a name or a value; a batch file may have at "
                     "most %u. Remove the columns that are not needed."),
                   header->n_file_columns - n_results, PKIO_BATCH_MAX_COLUMNS);
      return FALSE;
    }

  if (votes[PKIO_BATCH_DUTCH] != votes[PKIO_BATCH_ENGLISH])
    header->language = votes[PKIO_BATCH_DUTCH] > votes[PKIO_BATCH_ENGLISH]
                       ? PKIO_BATCH_DUTCH : PKIO_BATCH_ENGLISH;
  else
    header->language = pkio_batch_language_current ();
  check_missing (self);
  check_missing_custom (self);
  return TRUE;
}

/* The person a row is for: the email (case does not count) or the CertCentral number. */
static char *
holder_of (const PkioOrder *order)
{
  g_autofree char *email = NULL;

  if (order->individual.use_id)
    return order->individual.id > 0
           ? g_strdup_printf ("#%" G_GINT64_FORMAT, order->individual.id) : NULL;
  email = pkio_field_trim (order->individual.email);
  return *email != '\0' ? g_utf8_casefold (email, -1) : NULL;
}

/* A row that repeats an earlier one, or orders a second certificate of one kind for one
 * person: nobody pays for two tokens by a copied row. */
static void
check_repeats (PkioBatch *self)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_person = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      PkioBatchRow *row = g_ptr_array_index (self->rows, i);
      PkioBatchRow *earlier = g_hash_table_lookup (by_key, row->key);
      g_autofree char *holder = holder_of (row->order);
      g_autofree char *person = NULL;

      if (earlier != NULL)
        {
          g_autofree char *message =
            /* TRANSLATORS: %u are row numbers */
            g_strdup_printf (_("Row %u repeats row %u: the same order twice. Remove one of "
                               "them."), row->number, earlier->number);

          g_ptr_array_add (row->problems, pkio_batch_problem_new (row->number, NULL,
                                                                  "repeated_row", message));
          continue;
        }
      g_hash_table_insert (by_key, row->key, row);

      if (holder == NULL)
        continue;
      person = g_strdup_printf ("%d %s", (int) row->order->profile, holder);
      earlier = g_hash_table_lookup (by_person, person);
      if (earlier != NULL)
        {
          g_autofree char *message =
            /* TRANSLATORS: %u is a row number, %s a kind of certificate such as “signing” */
            g_strdup_printf (_("Row %u already orders a certificate of this kind (%s) for this "
                               "person. Remove one of the two rows."), earlier->number,
                             pkio_batch_profile_word (row->order->profile,
                                                      self->header.language));

          g_ptr_array_add (row->problems, pkio_batch_problem_new (row->number, NULL,
                                                                  "same_person_twice",
                                                                  message));
          continue;
        }
      g_hash_table_insert (by_person, g_steal_pointer (&person), row);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
compute_batch_key (GPtrArray *rows)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (keys, ((PkioBatchRow *) g_ptr_array_index (rows, i))->key);
  g_ptr_array_sort (keys, compare_strings);
  g_checksum_update (checksum, (const guchar *) "pkio-batch-1", -1);
  for (guint i = 0; i < keys->len; i++)
    {
      g_checksum_update (checksum, (const guchar *) "\n", 1);
      g_checksum_update (checksum, (const guchar *) g_ptr_array_index (keys, i), -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static PkioBatch *read_batch (GBytes             *contents,
                              const char * const *custom_labels,
                              GPtrArray          *custom_fields,
                              GDateTime          *now,
                              GError            **error);

PkioBatch *
pkio_batch_read (GBytes             *contents,
                 const char * const *custom_labels,
                 GDateTime          *now,
                 GError            **error)
{
  return read_batch (contents, custom_labels, NULL, now, error);
}

PkioBatch *
pkio_batch_read_for_fields (GBytes     *contents,
                            GPtrArray  *custom_fields,
                            GDateTime  *now,
                            GError    **error)
{
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (custom_fields == NULL || custom_fields->len == 0)
    return read_batch (contents, NULL, NULL, now, error);
  active = pkio_custom_field_list_active (custom_fields);
  for (guint i = 0; i < active->len; i++)
    g_ptr_array_add (labels, ((PkioCustomField *) g_ptr_array_index (active, i))->label);
  g_ptr_array_add (labels, NULL);
  return read_batch (contents, (const char * const *) labels->pdata, custom_fields, now, error);
}

static PkioBatch *
read_batch (GBytes             *contents,
            const char * const *custom_labels,
            GPtrArray          *custom_fields,
            GDateTime          *now,
            GError            **error)
{
  g_autoptr(PkioBatch) self = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;
  gsize length = 0;
  const guint8 *data;
  guint n_orders;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (contents, &size);
  if (!pkio_batch_check_size (size, error))
    return NULL;

  self = g_object_new (PKIO_TYPE_BATCH, NULL);
  text = pkio_batch_text_decode (data, size, &self->encoding, &length, error);
  if (text == NULL)
    return NULL;
  /* The column names, the rows allowed, and one more to know there are too many. */
  self->csv = pkio_csv_parse (text, length, '\0', PKIO_BATCH_MAX_ROWS + 2, &csv_error);
  if (self->csv == NULL)
    {
      g_set_error_literal (error, PKIO_BATCH_ERROR,
                           g_error_matches (csv_error, PKIO_CSV_ERROR,
                                            PKIO_CSV_ERROR_UNCLOSED_QUOTE)
                           ? PKIO_BATCH_ERROR_UNCLOSED_QUOTE
                           : PKIO_BATCH_ERROR_TOO_MANY_COLUMNS, csv_error->message);
      return NULL;
    }

  if (pkio_csv_get_n_filled (self->csv) < 2)
    {
      g_set_error_literal (error, PKIO_BATCH_ERROR, PKIO_BATCH_ERROR_EMPTY,
                           pkio_csv_get_n_filled (self->csv) == 0
                           ? _("The file is empty. Start from the template: its first row "
                               "names the columns, and each row after it is one order.")
                           : _("The file has no orders: only its first row, the column "
                               "names. Add one row for each order."));
      return NULL;
    }
  n_orders = pkio_csv_get_n_filled (self->csv) - 1;
  if (n_orders > PKIO_BATCH_MAX_ROWS)
    {
      g_set_error (error, PKIO_BATCH_ERROR, PKIO_BATCH_ERROR_TOO_MANY_ROWS,
                   /* TRANSLATORS: %u is the number of rows with an order; keep 1,000 as
                    * your language writes it */
                   _("The file has %u orders; a batch may have at most 1,000. Split it into "
                     "files of at most 1,000 rows each."), n_orders);
      return NULL;
    }

  if (custom_fields != NULL)
    {
      self->header.custom_fields = g_ptr_array_ref (custom_fields);
      self->header.custom_active = pkio_custom_field_list_active (custom_fields);
    }
  if (!read_header (self, custom_labels, error))
    return NULL;
  for (guint r = 1; r < pkio_csv_get_n_records (self->csv); r++)
    g_ptr_array_add (self->rows, _pkio_batch_row_read (&self->header, self->csv, r, now));
  check_repeats (self);
  self->key = compute_batch_key (self->rows);
  return g_steal_pointer (&self);
}

PkioBatchEncoding
pkio_batch_get_encoding (PkioBatch *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), PKIO_BATCH_ENCODING_UTF8);
  return self->encoding;
}

char
pkio_batch_get_separator (PkioBatch *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), ',');
  return pkio_csv_get_separator (self->csv);
}

PkioBatchLanguage
pkio_batch_get_language (PkioBatch *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), PKIO_BATCH_ENGLISH);
  return self->header.language;
}

const char *
pkio_batch_get_column_name (PkioBatch       *self,
                            PkioBatchColumn  column)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), NULL);
  g_return_val_if_fail ((guint) column < PKIO_BATCH_N_COLUMNS, NULL);

  if (self->header.index[column] < 0)
    return NULL;
  return g_ptr_array_index (self->header.shown, self->header.index[column]);
}

guint
pkio_batch_get_n_rows (PkioBatch *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), 0);
  return self->rows->len;
}

const PkioBatchRow *
pkio_batch_get_row (PkioBatch *self,
                    guint      index)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

GPtrArray *
pkio_batch_get_header_problems (PkioBatch *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), NULL);
  return self->header_problems;
}

guint
pkio_batch_count_problems (PkioBatch *self)
{
  guint count;

  g_return_val_if_fail (PKIO_IS_BATCH (self), 0);

  count = self->header_problems->len;
  for (guint i = 0; i < self->rows->len; i++)
    count += ((PkioBatchRow *) g_ptr_array_index (self->rows, i))->problems->len;
  return count;
}

const char *
pkio_batch_get_key (PkioBatch *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH (self), NULL);
  return self->key;
}
