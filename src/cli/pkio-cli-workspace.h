/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-workspace.h"

G_BEGIN_DECLS

/* What a subcommand needs of the account before it can do its work. */
typedef enum
{
  PKIO_CLI_NEED_NOTHING = 0,
  PKIO_CLI_NEED_KEY     = 1 << 0,  /* a stored API key (a client) */
  PKIO_CLI_NEED_HISTORY = 1 << 1,  /* the order history, open with every record read */
} PkioCliNeeds;

/* The account of this mode (practice or the real one at the configured address), loaded as
 * far as @needs says. When something needed is missing it prints what to do and returns NULL;
 * *out_exit is then the exit code. */
PkioWorkspace  *pkio_cli_open_workspace     (gboolean         practice,
                                             PkioCliNeeds     needs,
                                             int             *out_exit);

/* Brings the history up to date (unknown attempts checked, then what changed at CertCentral).
 * When CertCentral cannot be asked it says so on standard error, and since when the stored
 * history is what is shown; the caller goes on with what is stored. */
void            pkio_cli_update_history     (PkioWorkspace   *workspace);

G_END_DECLS
