/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-batch-placer.h"
#include "pkio-batch.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

/* What `order --batch` (pkio-cli-batch-place.c) shares with `order --batch --dry-run`
 * (pkio-cli-batch.c), which holds it: the file is read, printed and checked, and each row put
 * to the duplicate check, in the same words, before anything is sent. */

/* A row's holder as a terminal shows it: no control codes, not endless. Free the result. */
char            *pkio_cli_batch_holder_text             (const PkioOrder *order);

/* The account's own order fields (GET account/metadata), for the columns named by their
 * labels; NULL when there is no key to ask with (a file is then read without them), or when
 * CertCentral could not say (@why_not gets why, for people). */
GPtrArray       *pkio_cli_batch_account_fields          (PkioWorkspace  *workspace,
                                                         GError        **why_not);

/* Reads @file (a batch file, "-": standard input) into *@out_batch, with the columns of the
 * account's own order fields @fields (NULL: none). Returns the exit code to give up with after
 * saying why, or PKIO_CLI_EXIT_OK. */
int              pkio_cli_batch_read                    (const char  *file,
                                                         GPtrArray   *fields,
                                                         PkioBatch  **out_batch);

/* Every problem, and every row (@valid_rows_too) or the rows with problems only; FALSE when
 * there are problems (said, with their count). */
gboolean         pkio_cli_batch_print_checked           (const char *path,
                                                         PkioBatch  *batch,
                                                         gboolean    valid_rows_too);

/* A column the file names that is not known may be one of the account's own order fields,
 * which could not be read: say so once, after the column's own problem. */
void             pkio_cli_batch_explain_unknown_columns (const char   *path,
                                                         PkioBatch    *batch,
                                                         const GError *why_not);

typedef enum
{
  PKIO_CLI_CHECK_DONE,
  PKIO_CLI_CHECK_FAILED,       /* the history could not be read: said */
  PKIO_CLI_CHECK_INTERRUPTED,  /* Ctrl+C: said */
} PkioCliCheckEnd;

/* Runs the duplicate check of every row. It sends nothing, so Ctrl+C stops it at once (the
 * question in flight is cancelled), said, instead of killing the program without a word. */
PkioCliCheckEnd  pkio_cli_batch_check_rows              (const char      *path,
                                                         PkioBatchPlacer *placer);

/* What the duplicate check found, row by row: a match as "FILE:ROW: holder: already-ordered:
 * order N, …" on standard output (for scripts) with the sentence on standard error; a row that
 * could not be checked on standard error. Returns the rows that could not be checked because
 * CertCentral could not be asked (not the known individuals without an email here, which are
 * said but do not stop anything: docs/decisions.md#duplicate-orders); *@out_error: the first
 * such row's reason. */
guint            pkio_cli_batch_print_duplicates        (const char       *path,
                                                         PkioBatch        *batch,
                                                         PkioBatchPlacer  *placer,
                                                         const GError    **out_error);

G_END_DECLS
