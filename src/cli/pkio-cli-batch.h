/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `pkio-orders order --batch FILE.csv --dry-run`: reads and checks a batch file ("-":
 * standard input), prints one line per row on standard output and every problem on standard
 * error as "FILE:ROW: Column: message". Returns the exit code: 0 when every row is a valid
 * order, 2 otherwise. Places nothing. */
int pkio_cli_batch_check    (const char *file);

/* `pkio-orders order --batch-template`: the template in the app's language on standard
 * output, as bytes (UTF-8 with a BOM, for a spreadsheet). */
int pkio_cli_batch_template (void);

G_END_DECLS
