/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv names a subcommand (order, set-api-key, history, status, expiring): the
 * command line front end runs it, no window opens. */
gboolean pkio_cli_handles (int    argc,
                           char **argv);

/* Runs the subcommand and returns the process exit code (see README, "Command line"). */
int      pkio_cli_run     (int    argc,
                           char **argv);

G_END_DECLS
