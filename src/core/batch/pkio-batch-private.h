/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-batch-columns.h"
#include "pkio-batch-row.h"
#include "pkio-batch.h"
#include "pkio-csv.h"

G_BEGIN_DECLS

/* Where the file keeps each column, as read from its first row. */
typedef struct
{
  int                index[PKIO_BATCH_N_COLUMNS];  /* the file's column, or -1 */
  GPtrArray         *shown;          /* each file column's name, safe to print ("" for none) */
  int               *custom_index;   /* the file's column of each custom label, or -1 */
  GStrv              custom_labels;
  GPtrArray         *custom_fields;  /* the account's fields (all of GET account/metadata's),
                                        or NULL: only the labels were given */
  GPtrArray         *custom_active;  /* the active ones, one per custom label, or NULL */
  guint              n_file_columns;
  PkioBatchLanguage  language;       /* of the names it uses */
} PkioBatchHeader;

struct _PkioBatch
{
  GObject            parent_instance;

  PkioCsv           *csv;
  PkioBatchEncoding  encoding;
  PkioBatchHeader    header;
  GPtrArray         *header_problems;  /* PkioBatchProblem, row 1 */
  GPtrArray         *rows;             /* PkioBatchRow */
  char              *key;
};

/* The cells of @record (a record of @csv after the column names) as one order. */
PkioBatchRow *_pkio_batch_row_read (const PkioBatchHeader *header,
                                    PkioCsv               *csv,
                                    guint                  record,
                                    GDateTime             *now);

G_END_DECLS
