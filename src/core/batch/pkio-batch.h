/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pkio-batch-columns.h"
#include "pkio-batch-error.h"
#include "pkio-batch-row.h"
#include "pkio-batch-text.h"

G_BEGIN_DECLS

/* Many orders at once, from a spreadsheet saved as CSV: one row, one order. */

#define PKIO_BATCH_MAX_ROWS  1000
#define PKIO_BATCH_MAX_BYTES (5 * 1000 * 1000)  /* 5 MB; 1,000 rows take about 300 kB */
/* Columns with a name or a value, besides the result columns: few enough that the results
 * file, which adds three, is still read (PKIO_CSV_MAX_COLUMNS). */
#define PKIO_BATCH_MAX_COLUMNS 250

#define PKIO_TYPE_BATCH (pkio_batch_get_type ())
G_DECLARE_FINAL_TYPE (PkioBatch, pkio_batch, PKIO, BATCH, GObject)

/* Reads a batch file and checks every row with the core's rules (pkio_order_validate(), @now
 * being today), so that every problem is known at once. A file is refused as a whole
 * (NULL, PKIO_BATCH_ERROR) when it is too big, not text, in an encoding that is refused,
 * empty, has a quote that never closes, a row of too many cells, or more than
 * PKIO_BATCH_MAX_ROWS orders or PKIO_BATCH_MAX_COLUMNS columns (pkio-batch-text.h and
 * pkio-csv.h say what is read). Columns after the last one with a name or a value are not
 * part of the batch (spreadsheets write such empty cells).
 *
 * Otherwise the batch lists the problems of its column names (row 1: an unknown column,
 * named; a missing one; a column given twice; card data, which is never read from a file)
 * and of each row (the column and what to do; a row that repeats another, or orders a second
 * certificate of one kind for one person). Blank rows are left out.
 *
 * @custom_labels: the labels of the account's custom order fields, or NULL. A column whose
 * name is such a label (compared as column names are) is read into each row's
 * custom_values, not refused; a label equal to one of the fixed column names means that
 * column. What a value must look like is for the caller to check. */
PkioBatch          *pkio_batch_read                (GBytes             *contents,
                                                    const char * const *custom_labels,
                                                    GDateTime          *now,
                                                    GError            **error);
/* pkio_batch_read () for an account with its own order fields: @custom_fields are the fields as
 * GET account/metadata lists them (all, active or not; NULL or empty: none). A column whose name
 * is an active field's label is read into that field: each row's order gets the value in its
 * custom_fields, checked by the account's rules (pkio_custom_fields_validate ()), each problem
 * at that column. A required field without its column is a problem of the column names; any
 * other unknown column is still refused by name. */
PkioBatch          *pkio_batch_read_for_fields     (GBytes             *contents,
                                                    GPtrArray          *custom_fields,
                                                    GDateTime          *now,
                                                    GError            **error);
/* FALSE and PKIO_BATCH_ERROR_TOO_BIG when a file of @size bytes is too big to be read: for a
 * reader that knows the size before it reads. */
gboolean            pkio_batch_check_size          (guint64             size,
                                                    GError            **error);

PkioBatchEncoding   pkio_batch_get_encoding        (PkioBatch          *self);
char                pkio_batch_get_separator       (PkioBatch          *self);
/* The language of the file's column names (English when it cannot be told). */
PkioBatchLanguage   pkio_batch_get_language        (PkioBatch          *self);
/* The name the file gives @column, or NULL when it has no such column. */
const char         *pkio_batch_get_column_name     (PkioBatch          *self,
                                                    PkioBatchColumn     column);

guint               pkio_batch_get_n_rows          (PkioBatch          *self);
const PkioBatchRow *pkio_batch_get_row             (PkioBatch          *self,
                                                    guint               index);
/* PkioBatchProblem of row 1, the column names. */
GPtrArray          *pkio_batch_get_header_problems (PkioBatch          *self);
/* Of the column names and every row. 0: every order of the batch is valid. */
guint               pkio_batch_count_problems      (PkioBatch          *self);

/* The batch's content key: 64 hex digits of SHA-256 over its rows' keys, sorted. The same
 * orders give the same key in any row order, encoding or separator, with blank rows or the
 * result columns (a results file read back), so that a batch started again is known. */
const char         *pkio_batch_get_key             (PkioBatch          *self);

/* What became of one row, for the results file. */
typedef struct
{
  gint64      order_id;   /* 0: none */
  const char *status;     /* NULL: empty */
  const char *message;    /* NULL: empty */
} PkioBatchResult;

/* The results file: the input as read (its rows and cells, blank rows kept so that row
 * numbers stay), with the columns "Order", "Status" and "Message" (in the file's language)
 * added, or filled in where the input already has them. @results: one per row
 * (pkio_batch_get_n_rows()), or NULL for empty ones. UTF-8 with a BOM, the input's
 * separator, CR LF; a cell that begins with = + - @ (or tab, CR) gets a leading ', which
 * pkio_batch_read() drops again. */
void                pkio_batch_write_results       (PkioBatch             *self,
                                                    const PkioBatchResult *results,
                                                    GString               *out);

/* A template: the column names of @language and the first example order of CertCentral's
 * documentation as one row. UTF-8 with a BOM (Excel reads it right), ';' between the columns
 * in Dutch (Dutch Excel splits there), ',' in English.
 *
 * @custom_fields: the account's own order fields (PkioCustomField, as for
 * pkio_batch_read_for_fields (); inactive ones are left out; NULL: none). Each active field is
 * one more column, headed by its label, in the account's order; the example row leaves an
 * optional field empty and gives a required one a value of its type ("4711",
 * "name@example.com", "Example"), so that the template reads back as one valid order. A field
 * whose label the reader would not take as the field's (a fixed column's name, a label
 * that folds to nothing or like an earlier one) gets no column. */
void                pkio_batch_write_template      (GString            *out,
                                                    PkioBatchLanguage   language,
                                                    GPtrArray          *custom_fields);

G_END_DECLS
