/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One function per subcommand. @argv is the subcommand's own vector: argv[0] is the program,
 * then the arguments after the command's name. @practice is TRUE when --practice came before
 * the command; each command also accepts it among its own options. Returns the exit code. */
int pkio_cli_order       (gboolean practice,
                          int      argc,
                          char   **argv);
int pkio_cli_set_api_key (gboolean practice,
                          int      argc,
                          char   **argv);
int pkio_cli_history     (gboolean practice,
                          int      argc,
                          char   **argv);
int pkio_cli_status      (gboolean practice,
                          int      argc,
                          char   **argv);
int pkio_cli_expiring    (gboolean practice,
                          int      argc,
                          char   **argv);
int pkio_cli_revoke      (gboolean practice,
                          int      argc,
                          char   **argv);

/* Says on stderr that nothing real happens, before anything else is printed. */
void pkio_cli_announce_practice (void);

G_END_DECLS
