/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-batch-private.h"
#include "pkio-batch-values.h"
#include "pkio-custom-fields.h"

/* What a batch writes: the template, and the results file. Both in UTF-8 with a BOM, so that
 * Excel does not read them as Windows-1252, and formula-protected (pkio_csv_append_cell()). */

#define UTF8_BOM "\xef\xbb\xbf"

/* The first example of CertCentral's documentation of the order (a new person). */
static PkioOrder *
seed_example (void)
{
  PkioOrder *order = pkio_order_new ();
  PkioIndividual *i = &order->individual;
  PkioShipInfo *s = &order->ship_info;

  order->profile = PKIO_PROFILE_ENCRYPTION;
  order->is_rsassa_pss = TRUE;
  order->csa_agreed_to = TRUE;
  i->first_name = g_strdup ("John");
  i->last_name = g_strdup ("Doe");
  i->email = g_strdup ("john.doe@example.com");
  i->telephone = g_strdup ("+31(0)20 254 7999");
  i->country = g_strdup ("nl");
  i->city = g_strdup ("Amsterdam");
  i->state = g_strdup ("Amsterdam");
  i->zip = g_strdup ("1013 AA");
  s->name = g_strdup ("John Doe");
  s->addr1 = g_strdup ("813 Lincoln Street");
  s->addr2 = g_strdup ("Suite 20");
  s->city = g_strdup ("Amsterdam");
  s->state = g_strdup ("Amsterdam");
  s->zip = g_strdup ("1013 AA");
  s->country = g_strdup ("nl");
  s->method = PKIO_SHIP_STANDARD;
  order->validity.kind = PKIO_VALIDITY_YEARS;
  order->validity.years = 1;
  order->payment_method = PKIO_PAYMENT_BALANCE;
  return order;
}

/* @order as the cells of a row, in the columns' order, in @language. */
static GStrv
order_cells (const PkioOrder   *order,
             PkioBatchLanguage  language)
{
  const PkioIndividual *i = &order->individual;
  const PkioShipInfo *s = &order->ship_info;
  char **cells = g_new0 (char *, PKIO_BATCH_N_ORDER_COLUMNS + 1);

  cells[PKIO_BATCH_COLUMN_PROFILE] = g_strdup (pkio_batch_profile_word (order->profile,
                                                                        language));
  cells[PKIO_BATCH_COLUMN_SIGNATURE] = g_strdup (pkio_batch_signature_word (order->is_rsassa_pss));
  cells[PKIO_BATCH_COLUMN_INDIVIDUAL_ID] =
    i->use_id ? g_strdup_printf ("%" G_GINT64_FORMAT, i->id) : g_strdup ("");
  cells[PKIO_BATCH_COLUMN_FIRST_NAME] = g_strdup (i->first_name);
  cells[PKIO_BATCH_COLUMN_LAST_NAME] = g_strdup (i->last_name);
  cells[PKIO_BATCH_COLUMN_EMAIL] = g_strdup (i->email);
  cells[PKIO_BATCH_COLUMN_TELEPHONE] = g_strdup (i->telephone);
  cells[PKIO_BATCH_COLUMN_COUNTRY] = g_strdup (i->country);
  cells[PKIO_BATCH_COLUMN_STATE] = g_strdup (i->state);
  cells[PKIO_BATCH_COLUMN_CITY] = g_strdup (i->city);
  cells[PKIO_BATCH_COLUMN_ZIP] = g_strdup (i->zip);
  cells[PKIO_BATCH_COLUMN_SHIP_NAME] = g_strdup (s->name);
  cells[PKIO_BATCH_COLUMN_SHIP_ADDR1] = g_strdup (s->addr1);
  cells[PKIO_BATCH_COLUMN_SHIP_ADDR2] = g_strdup (s->addr2);
  cells[PKIO_BATCH_COLUMN_SHIP_ZIP] = g_strdup (s->zip);
  cells[PKIO_BATCH_COLUMN_SHIP_CITY] = g_strdup (s->city);
  cells[PKIO_BATCH_COLUMN_SHIP_STATE] = g_strdup (s->state);
  cells[PKIO_BATCH_COLUMN_SHIP_COUNTRY] = g_strdup (s->country);
  cells[PKIO_BATCH_COLUMN_SHIP_METHOD] = g_strdup (pkio_batch_ship_method_word (s->method,
                                                                                language));
  cells[PKIO_BATCH_COLUMN_VALIDITY] = pkio_batch_validity_text (&order->validity, language);
  cells[PKIO_BATCH_COLUMN_PAYMENT] = g_strdup (pkio_batch_payment_word (order->payment_method,
                                                                        language));
  cells[PKIO_BATCH_COLUMN_AGREEMENT] =
    g_strdup (order->csa_agreed_to ? pkio_batch_yes_word (language) : "");
  for (guint c = 0; c < PKIO_BATCH_N_ORDER_COLUMNS; c++)
    if (cells[c] == NULL)
      cells[c] = g_strdup ("");
  return cells;
}

/* What the example row gives an account's own order field: nothing when it is optional (the
 * person leaves it empty or fills it in), else a value its data type takes, so that the
 * template reads back as one valid order (pkio_custom_field_check_value ()). Fixed words, as
 * the column names are: the template's language need not be the app's. */
static const char *
custom_example (const PkioCustomField *field,
                PkioBatchLanguage      language)
{
  if (!field->is_required)
    return "";
  switch (field->type)
    {
    case PKIO_CUSTOM_FIELD_INT:
      return "4711";
    case PKIO_CUSTOM_FIELD_EMAIL_ADDRESS:
      return "name@example.com";
    case PKIO_CUSTOM_FIELD_EMAIL_LIST:
      return "anna@example.com, piet@example.com";
    case PKIO_CUSTOM_FIELD_TEXT:
    default:
      return language == PKIO_BATCH_DUTCH ? "Voorbeeld" : "Example";
    }
}

/* Whether the field labelled @label gets a column: not when its label folds to nothing, or
 * folds as an earlier field's label does (in @folded_labels, which it is added to): the reader
 * could not tell the two apart. A label that is also a fixed column's name gets a column all
 * the same, under its marked name (pkio_batch_custom_column_name ()). */
static gboolean
is_own_column (const char *label,
               GPtrArray  *folded_labels)
{
  g_autofree char *folded = pkio_batch_header_fold (label);

  if (*folded == '\0')
    return FALSE;
  for (guint i = 0; i < folded_labels->len; i++)
    if (g_str_equal (g_ptr_array_index (folded_labels, i), folded))
      return FALSE;
  g_ptr_array_add (folded_labels, g_steal_pointer (&folded));
  return TRUE;
}

void
pkio_batch_write_template (GString            *out,
                           PkioBatchLanguage   language,
                           GPtrArray          *custom_fields)
{
  g_autoptr(PkioOrder) seed = seed_example ();
  g_auto(GStrv) example = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) folded_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owned_names = g_ptr_array_new_with_free_func (g_free);
  char separator = language == PKIO_BATCH_DUTCH ? ';' : ',';

  g_return_if_fail (out != NULL);
  g_return_if_fail ((guint) language < PKIO_BATCH_N_LANGUAGES);

  example = order_cells (seed, language);
  for (guint c = 0; c < PKIO_BATCH_N_ORDER_COLUMNS; c++)
    {
      g_ptr_array_add (names, (char *) pkio_batch_column_name (c, language));
      g_ptr_array_add (values, example[c]);
    }
  /* One column per active field, named by its label, in the account's order (as
   * pkio_batch_read_for_fields () reads them). */
  for (guint i = 0; custom_fields != NULL && i < custom_fields->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (custom_fields, i);

      if (!field->is_active || !is_own_column (field->label, folded_labels))
        continue;
      g_ptr_array_add (owned_names, pkio_batch_custom_column_name (field->label, language));
      g_ptr_array_add (names, g_ptr_array_index (owned_names, owned_names->len - 1));
      g_ptr_array_add (values, (char *) custom_example (field, language));
    }

  g_string_append (out, UTF8_BOM);
  pkio_csv_append_record (out, (const char * const *) names->pdata, names->len, separator);
  pkio_csv_append_record (out, (const char * const *) values->pdata, values->len, separator);
}

void
pkio_batch_write_results (PkioBatch             *self,
                          const PkioBatchResult *results,
                          GString               *out)
{
  static const PkioBatchColumn result_columns[] = {
    PKIO_BATCH_COLUMN_RESULT_ORDER, PKIO_BATCH_COLUMN_RESULT_STATUS,
    PKIO_BATCH_COLUMN_RESULT_MESSAGE,
  };
  const PkioBatchHeader *header;
  char separator;
  guint position[G_N_ELEMENTS (result_columns)];
  guint n_columns;
  guint row_number = 0;

  g_return_if_fail (PKIO_IS_BATCH (self));
  g_return_if_fail (out != NULL);

  header = &self->header;
  separator = pkio_csv_get_separator (self->csv);
  n_columns = header->n_file_columns;
  /* Where the input has the result columns (a results file read back), they are filled in. */
  for (guint k = 0; k < G_N_ELEMENTS (result_columns); k++)
    position[k] = header->index[result_columns[k]] >= 0
                  ? (guint) header->index[result_columns[k]] : n_columns++;

  g_string_append (out, UTF8_BOM);
  for (guint r = 0; r < pkio_csv_get_n_records (self->csv); r++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      const PkioBatchResult *result = r > 0 && results != NULL ? &results[r - 1] : NULL;

      /* Blank rows were not kept; empty lines in their place keep the row numbers. */
      for (row_number++; row_number < pkio_csv_record_number (self->csv, r); row_number++)
        g_string_append (out, "\r\n");

      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (cells, g_strdup (pkio_csv_get_cell (self->csv, r, c)));
      for (guint k = 0; k < G_N_ELEMENTS (result_columns); k++)
        {
          char *value;

          if (r == 0)
            value = header->index[result_columns[k]] >= 0
                    ? g_strdup (pkio_csv_get_cell (self->csv, 0, position[k]))
                    : g_strdup (pkio_batch_column_name (result_columns[k], header->language));
          else if (result == NULL)
            value = g_strdup ("");
          else if (k == 0)
            value = result->order_id > 0
                    ? g_strdup_printf ("%" G_GINT64_FORMAT, result->order_id) : g_strdup ("");
          else
            value = g_strdup (k == 1 ? result->status : result->message);
          g_free (cells->pdata[position[k]]);
          cells->pdata[position[k]] = value != NULL ? value : g_strdup ("");
        }
      pkio_csv_append_record (out, (const char * const *) cells->pdata, cells->len, separator);
    }
}
