/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `pkio-orders order --batch FILE.csv --dry-run`: reads and checks a batch file ("-":
 * standard input), prints one line per row on standard output and every problem on standard
 * error as "FILE:ROW: Column: message". When every row is valid, the duplicate check too
 * (issue 20), when it can be made: a match as "FILE:ROW: holder: already-ordered: …", or that it
 * could not check. Returns the exit code: 0 when every row is a valid order, 2 otherwise,
 * whatever the duplicate check found. Places nothing. When a key is stored (or in practice
 * mode, @practice), the account's own order fields are asked for (GET account/metadata), so
 * that their columns, named by the fields' labels, are read and checked as the order would
 * be. Ctrl+C during the duplicate check stops it, said, with exit 1. */
int pkio_cli_batch_check    (const char *file,
                             gboolean    practice);

/* `pkio-orders order --batch FILE.csv [--yes]`: reads and checks the file as
 * pkio_cli_batch_check () does (any problem: exit 2, nothing sent; the account's own order
 * fields' columns become each order's custom_fields), puts every row to the
 * duplicate check unless @allow_existing (a row CertCentral could not be asked about: nothing
 * sent, exit 1; rows with a match are named and left out), asks on a terminal (without one,
 * --yes is needed: else exit 2), then places the rows one after another (PkioBatchPlacer),
 * printing one line per row on standard output and "12 of 30 placed" on standard error.
 * Ctrl+C during the duplicate check (nothing sent yet) stops it at once: said, exit 1; while
 * placing, the order in flight is finished and the rest are not placed.
 * @results_path: where to save the results file, or NULL. Exit code: 0 every row placed (now
 * or before), else the worst row: 4 outcome unknown, 3 rejected, 1 not placed (or the results
 * file could not be saved), 2 left out (already ordered). */
int pkio_cli_batch_place    (const char *file,
                             gboolean    practice,
                             gboolean    yes,
                             gboolean    new_batch,
                             gboolean    allow_existing,
                             const char *results_path);

/* `pkio-orders order --batch-template`: the template in the app's language on standard
 * output, as bytes (UTF-8 with a BOM, for a spreadsheet). When a key is stored (or in
 * practice mode, @practice), the account's own order fields are asked for (GET
 * account/metadata) and each active one is a column, named by its label
 * (pkio_batch_write_template ()). When they cannot be asked, the template is written without
 * them, that is said on standard error, and the exit code is 1; else 0. */
int pkio_cli_batch_template (gboolean practice);

G_END_DECLS
