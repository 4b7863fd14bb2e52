/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why a whole batch file is refused before any of its rows is looked at. The messages say
 * what to do and never name the file: the caller puts its name in front. Problems of single
 * rows and of the column names are PkioBatchProblem, not errors. */
#define PKIO_BATCH_ERROR (pkio_batch_error_quark ())

typedef enum
{
  PKIO_BATCH_ERROR_TOO_BIG,          /* over PKIO_BATCH_MAX_BYTES */
  PKIO_BATCH_ERROR_NOT_TEXT,         /* a workbook (.xlsx, .ods, .xls) or binary data */
  PKIO_BATCH_ERROR_ENCODING,         /* text in an encoding that is refused, or damaged */
  PKIO_BATCH_ERROR_EMPTY,            /* no column names, or no row after them */
  PKIO_BATCH_ERROR_UNCLOSED_QUOTE,   /* a quoted cell that never ends */
  PKIO_BATCH_ERROR_TOO_MANY_ROWS,    /* over PKIO_BATCH_MAX_ROWS orders */
  PKIO_BATCH_ERROR_TOO_MANY_COLUMNS, /* a row of over PKIO_CSV_MAX_COLUMNS cells, or over
                                      * PKIO_BATCH_MAX_COLUMNS columns in use */
} PkioBatchError;

GQuark pkio_batch_error_quark (void);

G_END_DECLS
