/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pkio-order.h"

G_BEGIN_DECLS

/* One problem of a batch file: where (row and column, as the person sees them in the
 * spreadsheet) and what to do. */
typedef struct
{
  guint  row;      /* the spreadsheet's row number: 1 is the column names */
  char  *column;   /* the column's name as the file writes it; NULL: the row, or the file */
  char  *code;     /* what kind: a PkioProblem code ("invalid_zip"), or "unknown_column",
                    * "missing_column", "card_data", "repeated_row", "same_person_twice", … */
  char  *message;  /* translated, one line, what to do */
} PkioBatchProblem;

PkioBatchProblem *pkio_batch_problem_new  (guint       row,
                                           const char *column,
                                           const char *code,
                                           const char *message);
void              pkio_batch_problem_free (PkioBatchProblem *problem);

/* One row of a batch file: one order. Card data never comes from a file: the order is paid
 * from the balance or with the account's saved card, and its card fields are empty. */
typedef struct
{
  guint      number;         /* the spreadsheet's row number */
  PkioOrder *order;          /* what the row says, checked or not */
  GPtrArray *problems;       /* PkioBatchProblem; empty: a valid order */
  GStrv      custom_values;  /* one per custom field label given to pkio_batch_read(), in that
                              * order, trimmed; "" when the file has no such column */
  char      *key;            /* the row's content key (pkio_batch_row_compute_key()) */
} PkioBatchRow;

void      pkio_batch_row_free        (PkioBatchRow *row);

/* A stable key of what the row orders, for the journal of a batch: 64 hex digits of SHA-256
 * over every field of the request body, normalized as pkio_order_to_json() sends it (trimmed,
 * postal code and country normalized), and the custom field values that are not empty. Two
 * orders have one key exactly when they have one body (and the same custom values). It does
 * not change with the row's place in the file, the file's encoding or separator, the language
 * of its words ("1 jaar" = "1 year"), formula protection, or the result columns. */
char     *pkio_batch_row_compute_key (const PkioOrder    *order,
                                      const char * const *custom_labels,
                                      const char * const *custom_values);

/* Who a row's order is for, for a person to read: "John Doe <john.doe@example.com>", or
 * "CertCentral number 21"; printable (no control codes) and at most @max_chars long. */
char     *pkio_batch_row_dup_holder   (const PkioOrder    *order,
                                       guint               max_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioBatchProblem, pkio_batch_problem_free)

G_END_DECLS
