/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-private.h"
#include "pkio-batch-values.h"
#include "pkio-custom-fields.h"
#include "pkio-field-rules.h"

/* One row of a batch file into one PkioOrder: the words of each column read, then the
 * core's rules, each problem put at its column. */

PkioBatchProblem *
pkio_batch_problem_new (guint       row,
                        const char *column,
                        const char *code,
                        const char *message)
{
  PkioBatchProblem *problem;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  problem = g_new0 (PkioBatchProblem, 1);
  problem->row = row;
  problem->column = g_strdup (column);
  problem->code = g_strdup (code);
  problem->message = g_strdup (message);
  return problem;
}

void
pkio_batch_problem_free (PkioBatchProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->code);
  g_free (problem->message);
  g_free (problem);
}

void
pkio_batch_row_free (PkioBatchRow *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->order, pkio_order_free);
  g_clear_pointer (&row->problems, g_ptr_array_unref);
  g_strfreev (row->custom_values);
  g_free (row->key);
  g_free (row);
}

/* The checksum takes each value with a NUL after it: no value holds one (the reader refuses
 * NUL characters), so two different lists of values never hash the same text. */
static void
add_value (GChecksum  *checksum,
           const char *value)
{
  g_checksum_update (checksum, (const guchar *) (value != NULL ? value : ""), -1);
  g_checksum_update (checksum, (const guchar *) "", 1);
}

static void
add_trimmed (GChecksum  *checksum,
             const char *value)
{
  g_autofree char *trimmed = pkio_field_trim (value);

  add_value (checksum, trimmed);
}

static void
add_number (GChecksum *checksum,
            gint64     value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  add_value (checksum, text);
}

/* As pkio_order_to_json() sends them: lower-case country, the postal code of that country. */
static void
add_place (GChecksum  *checksum,
           const char *zip,
           const char *country)
{
  g_autofree char *trimmed_country = pkio_field_trim (country);
  g_autofree char *lower_country = g_ascii_strdown (trimmed_country, -1);
  g_autofree char *normalized_zip = pkio_field_normalize_zip (zip, trimmed_country);

  if (normalized_zip != NULL)
    add_value (checksum, normalized_zip);
  else
    add_trimmed (checksum, zip);
  add_value (checksum, lower_country);
}

char *
pkio_batch_row_compute_key (const PkioOrder    *order,
                            const char * const *custom_labels,
                            const char * const *custom_values)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const PkioIndividual *i;
  const PkioShipInfo *s;
  const PkioValidity *v;

  g_return_val_if_fail (order != NULL, NULL);
  g_return_val_if_fail (order->payment_method != PKIO_PAYMENT_CARD, NULL);

  i = &order->individual;
  s = &order->ship_info;
  v = &order->validity;

  /* A version, so that a journal can tell keys of another kind from these. Then every field
   * of the request body (pkio_order_to_json ()), normalized as it is sent; building that
   * body with json-glib took half of the time of reading a batch. */
  add_value (checksum, "pkio-batch-row-1");
  add_trimmed (checksum, order->signature_hash);
  add_number (checksum, order->profile);
  add_number (checksum, order->is_rsassa_pss);
  add_number (checksum, i->use_id);
  if (i->use_id)
    add_number (checksum, i->id);
  else
    {
      add_trimmed (checksum, i->first_name);
      add_trimmed (checksum, i->last_name);
      add_trimmed (checksum, i->email);
      add_trimmed (checksum, i->telephone);
      add_trimmed (checksum, i->city);
      add_trimmed (checksum, i->state);
      add_place (checksum, i->zip, i->country);
    }
  add_number (checksum, order->csa_agreed_to);
  add_trimmed (checksum, order->provisioning_method);
  add_trimmed (checksum, s->name);
  add_trimmed (checksum, s->addr1);
  add_trimmed (checksum, s->addr2);
  add_trimmed (checksum, s->city);
  add_trimmed (checksum, s->state);
  add_place (checksum, s->zip, s->country);
  add_number (checksum, s->method);
  add_number (checksum, v->kind);
  if (v->kind == PKIO_VALIDITY_DAYS)
    add_number (checksum, v->days);
  else if (v->kind == PKIO_VALIDITY_CUSTOM_DATE)
    add_number (checksum, g_date_valid (&v->custom_date) ? g_date_get_julian (&v->custom_date)
                                                         : 0);
  else
    add_number (checksum, v->years);
  add_number (checksum, order->payment_method);

  for (guint k = 0; custom_labels != NULL && custom_labels[k] != NULL; k++)
    {
      g_autofree char *value = pkio_field_trim (custom_values != NULL ? custom_values[k] : NULL);
      g_autofree char *label = NULL;

      if (*value == '\0')
        continue;
      label = pkio_batch_header_fold (custom_labels[k]);
      add_value (checksum, label);
      add_value (checksum, value);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct
{
  const PkioBatchHeader *header;
  PkioCsv               *csv;
  guint                  record;
  PkioOrder             *order;
  GPtrArray             *problems;  /* PkioProblem, by field path */
} RowReader;

/* The cell of @column in this row; NULL when the file has no such column. */
static const char *
cell (RowReader       *r,
      PkioBatchColumn  column)
{
  int index = r->header->index[column];

  return index >= 0 ? pkio_csv_get_cell (r->csv, r->record, (guint) index) : NULL;
}

static void
report (RowReader       *r,
        PkioBatchColumn  column,
        const char      *code,
        char            *message)
{
  pkio_problem_list_take (r->problems, pkio_batch_column_path (column), code, message);
}

static void
read_profile (RowReader *r)
{
  PkioBatchLanguage l = r->header->language;

  if (!pkio_batch_read_profile (cell (r, PKIO_BATCH_COLUMN_PROFILE), &r->order->profile))
    report (r, PKIO_BATCH_COLUMN_PROFILE, "invalid_profile",
            /* TRANSLATORS: the three words of a batch file for the three kinds of certificate,
             * such as “authentication”, “signing” or “encryption” */
            g_strdup_printf (_("Write what the certificate is for: “%s”, “%s” or “%s”."),
                             pkio_batch_profile_word (PKIO_PROFILE_AUTHENTICATION, l),
                             pkio_batch_profile_word (PKIO_PROFILE_NONREPUDIATION, l),
                             pkio_batch_profile_word (PKIO_PROFILE_ENCRYPTION, l)));
}

static void
read_choices (RowReader *r)
{
  PkioBatchLanguage l = r->header->language;
  PkioBatchPaymentRead payment;

  if (!pkio_batch_read_signature (cell (r, PKIO_BATCH_COLUMN_SIGNATURE),
                                  &r->order->is_rsassa_pss))
    report (r, PKIO_BATCH_COLUMN_SIGNATURE, "invalid_signature",
            /* TRANSLATORS: %s are “RSA” and “RSASSA-PSS” */
            g_strdup_printf (_("Write “%s” or “%s”, or leave the cell empty for %s."),
                             pkio_batch_signature_word (FALSE), pkio_batch_signature_word (TRUE),
                             pkio_batch_signature_word (FALSE)));

  if (!pkio_batch_read_ship_method (cell (r, PKIO_BATCH_COLUMN_SHIP_METHOD),
                                    &r->order->ship_info.method))
    report (r, PKIO_BATCH_COLUMN_SHIP_METHOD, "invalid_ship_method",
            /* TRANSLATORS: the words for standard and expedited shipping in a batch file */
            g_strdup_printf (_("Write “%s” or “%s” (expedited costs extra), or leave the cell "
                               "empty for standard shipping."),
                             pkio_batch_ship_method_word (PKIO_SHIP_STANDARD, l),
                             pkio_batch_ship_method_word (PKIO_SHIP_EXPEDITED, l)));

  payment = pkio_batch_read_payment (cell (r, PKIO_BATCH_COLUMN_PAYMENT),
                                     &r->order->payment_method);
  if (payment == PKIO_BATCH_PAYMENT_CARD)
    report (r, PKIO_BATCH_COLUMN_PAYMENT, "card_data",
            /* TRANSLATORS: the words for the account balance and the saved card */
            g_strdup_printf (_("Card details are never read from a file. Write “%s” (the "
                               "account balance) or “%s” (the account’s saved card)."),
                             pkio_batch_payment_word (PKIO_PAYMENT_BALANCE, l),
                             pkio_batch_payment_word (PKIO_PAYMENT_PROFILE, l)));
  else if (payment == PKIO_BATCH_PAYMENT_UNKNOWN)
    report (r, PKIO_BATCH_COLUMN_PAYMENT, "invalid_payment_method",
            g_strdup_printf (_("Write “%s” (the account balance) or “%s” (the account’s saved "
                               "card), or leave the cell empty for the balance."),
                             pkio_batch_payment_word (PKIO_PAYMENT_BALANCE, l),
                             pkio_batch_payment_word (PKIO_PAYMENT_PROFILE, l)));

  r->order->csa_agreed_to = pkio_batch_read_agreement (cell (r, PKIO_BATCH_COLUMN_AGREEMENT));
  if (!r->order->csa_agreed_to)
    report (r, PKIO_BATCH_COLUMN_AGREEMENT, "csa_not_agreed",
            /* TRANSLATORS: %s is the word for yes in a batch file */
            g_strdup_printf (_("Write “%s” when the certificate holder agrees to the Certificate "
                               "Subscriber Agreement: no order is placed without it."),
                             pkio_batch_yes_word (l)));
}

static void
read_validity (RowReader *r,
               GDateTime *now)
{
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 90);
  g_autofree char *date = g_date_time_format (later, "%Y-%m-%d");
  PkioValidity example_years = { .kind = PKIO_VALIDITY_YEARS, .years = 1 };
  PkioValidity example_days = { .kind = PKIO_VALIDITY_DAYS, .days = 90 };
  g_autofree char *years = NULL;
  g_autofree char *days = NULL;

  if (pkio_batch_read_validity (cell (r, PKIO_BATCH_COLUMN_VALIDITY), &r->order->validity))
    return;
  years = pkio_batch_validity_text (&example_years, r->header->language);
  days = pkio_batch_validity_text (&example_days, r->header->language);
  report (r, PKIO_BATCH_COLUMN_VALIDITY, "invalid_validity",
          /* TRANSLATORS: examples such as “1 year”, “90 days” and “2026-03-01” */
          g_strdup_printf (_("Write the validity as years (“%s”), days (“%s”) or an end date "
                             "(“%s”), or leave the cell empty for 1 year."), years, days, date));
}

static char *
dup_cell (RowReader       *r,
          PkioBatchColumn  column)
{
  return g_strdup (cell (r, column));
}

static void
read_holder (RowReader *r)
{
  PkioIndividual *i = &r->order->individual;
  const char *id = cell (r, PKIO_BATCH_COLUMN_INDIVIDUAL_ID);

  if (!pkio_field_is_blank (id))
    {
      g_autofree char *digits = pkio_field_trim (id);
      guint64 value = 0;

      i->use_id = TRUE;
      if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &value, NULL))
        report (r, PKIO_BATCH_COLUMN_INDIVIDUAL_ID, "invalid_individual_id",
                g_strdup (_("Write the person’s CertCentral number as a whole number, such as "
                            "21, or leave the cell empty and fill in the person’s details.")));
      i->id = (gint64) value;
    }
  else if (id != NULL && r->header->index[PKIO_BATCH_COLUMN_FIRST_NAME] < 0)
    report (r, PKIO_BATCH_COLUMN_INDIVIDUAL_ID, "missing",
            g_strdup (_("Fill in the person’s CertCentral number: the file has no columns for "
                        "the person’s details.")));

  i->first_name = dup_cell (r, PKIO_BATCH_COLUMN_FIRST_NAME);
  i->last_name = dup_cell (r, PKIO_BATCH_COLUMN_LAST_NAME);
  i->email = dup_cell (r, PKIO_BATCH_COLUMN_EMAIL);
  i->telephone = dup_cell (r, PKIO_BATCH_COLUMN_TELEPHONE);
  i->country = dup_cell (r, PKIO_BATCH_COLUMN_COUNTRY);
  i->state = dup_cell (r, PKIO_BATCH_COLUMN_STATE);
  i->city = dup_cell (r, PKIO_BATCH_COLUMN_CITY);
  i->zip = dup_cell (r, PKIO_BATCH_COLUMN_ZIP);
}

static void
read_shipping (RowReader *r)
{
  PkioShipInfo *s = &r->order->ship_info;

  s->name = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_NAME);
  s->addr1 = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_ADDR1);
  s->addr2 = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_ADDR2);
  s->zip = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_ZIP);
  s->city = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_CITY);
  s->state = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_STATE);
  s->country = dup_cell (r, PKIO_BATCH_COLUMN_SHIP_COUNTRY);
}

/* Each problem at its column, in the order of the file's columns. A problem at a column the
 * file does not have is left out: the column names' own problem ("Add the column …") says
 * it once for every row. */
static GPtrArray *
place_problems (RowReader *r)
{
  GPtrArray *placed = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_batch_problem_free);
  guint n_slots = r->header->n_file_columns + 1;
  g_autoptr(GPtrArray) slots = g_ptr_array_new_full (n_slots, NULL);

  g_ptr_array_set_size (slots, (int) n_slots);
  for (guint i = 0; i < r->problems->len; i++)
    {
      PkioProblem *problem = g_ptr_array_index (r->problems, i);
      int column = pkio_batch_column_for_path (problem->path);
      guint slot = r->header->n_file_columns;  /* no column: after the others */
      GPtrArray *list;

      if (column >= 0)
        {
          if (r->header->index[column] < 0)
            continue;
          slot = (guint) r->header->index[column];
        }
      list = g_ptr_array_index (slots, slot);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          slots->pdata[slot] = list;
        }
      g_ptr_array_add (list, problem);
    }

  for (guint slot = 0; slot < n_slots; slot++)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_index (slots, slot);
      const char *column = slot < r->header->n_file_columns
                           ? g_ptr_array_index (r->header->shown, slot) : NULL;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          PkioProblem *problem = g_ptr_array_index (list, i);

          g_ptr_array_add (placed, pkio_batch_problem_new (pkio_csv_record_number (r->csv,
                                                                                   r->record),
                                                           column, problem->code,
                                                           problem->message));
        }
    }
  return placed;
}

/* The account's own order fields: the values of their columns into the order, checked by the
 * account's rules, each problem at its field's column (one the file does not have is said once,
 * in row 1). */
static void
read_custom_fields (const PkioBatchHeader *header,
                    PkioCsv               *csv,
                    guint                  record,
                    PkioBatchRow          *row)
{
  g_autoptr(GPtrArray) problems = NULL;

  for (guint i = 0; i < header->custom_active->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (header->custom_active, i);
      const char *value = row->custom_values[i];

      pkio_order_set_custom_value (row->order, field->id, *value != '\0' ? value : NULL);
    }
  problems = pkio_custom_fields_validate (row->order, header->custom_fields);
  for (guint p = 0; p < problems->len; p++)
    {
      PkioProblem *problem = g_ptr_array_index (problems, p);
      gint64 id = pkio_custom_field_id_from_path (problem->path);
      int column = -1;

      for (guint i = 0; i < header->custom_active->len; i++)
        if (((PkioCustomField *) g_ptr_array_index (header->custom_active, i))->id == id)
          column = header->custom_index[i];
      if (column < 0)
        continue;
      g_ptr_array_add (row->problems,
                       pkio_batch_problem_new (row->number,
                                               g_ptr_array_index (header->shown, column),
                                               problem->code, problem->message));
    }
}

PkioBatchRow *
_pkio_batch_row_read (const PkioBatchHeader *header,
                      PkioCsv               *csv,
                      guint                  record,
                      GDateTime             *now)
{
  g_autoptr(GPtrArray) rule_problems = NULL;
  RowReader r = { header, csv, record, NULL, pkio_problem_list_new () };
  PkioBatchRow *row = g_new0 (PkioBatchRow, 1);
  guint n_custom = header->custom_labels != NULL ? g_strv_length (header->custom_labels) : 0;

  row->number = pkio_csv_record_number (csv, record);
  row->order = r.order = pkio_order_new ();

  read_profile (&r);
  read_choices (&r);
  read_validity (&r, now);
  read_holder (&r);
  read_shipping (&r);

  /* The rules: what the words of the row did not already refuse at that field. */
  rule_problems = pkio_order_validate (r.order, now);
  pkio_problem_list_merge (r.problems, rule_problems);
  row->problems = place_problems (&r);
  g_ptr_array_unref (r.problems);

  row->custom_values = g_new0 (char *, n_custom + 1);
  for (guint i = 0; i < n_custom; i++)
    {
      int index = header->custom_index[i];

      row->custom_values[i] = index >= 0
        ? pkio_field_trim (pkio_csv_get_cell (csv, record, (guint) index)) : g_strdup ("");
    }
  if (header->custom_fields != NULL)
    read_custom_fields (header, csv, record, row);
  row->key = pkio_batch_row_compute_key (row->order,
                                         (const char * const *) header->custom_labels,
                                         (const char * const *) row->custom_values);
  return row;
}

char *
pkio_batch_row_dup_holder (const PkioOrder *order,
                           guint            max_chars)
{
  const PkioIndividual *i;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (order != NULL, NULL);

  i = &order->individual;
  if (i->use_id)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, i->id);

      /* TRANSLATORS: a certificate holder known by number, as in "CertCentral number 21" */
      return g_strdup_printf (_("CertCentral number %s"), number);
    }

  first = pkio_field_trim (i->first_name);
  last = pkio_field_trim (i->last_name);
  email = pkio_field_trim (i->email);
  name = g_strstrip (g_strdup_printf ("%s %s", first, last));
  if (*email != '\0')
    text = *name != '\0' ? g_strdup_printf ("%s <%s>", name, email) : g_strdup (email);
  else
    text = *name != '\0' ? g_strdup (name) : g_strdup (_("(no name)"));
  return pkio_field_printable (text, max_chars);
}
