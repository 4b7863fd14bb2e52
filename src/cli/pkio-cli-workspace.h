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
  PKIO_CLI_NEED_LOADED  = 1 << 2,  /* the key looked up and the history opened when they can
                                      be, neither required (the command says what it misses) */
} PkioCliNeeds;

/* The account of this mode (practice or the real one at the configured address), loaded as
 * far as @needs says. When something needed is missing it prints what to do and returns NULL;
 * *out_exit is then the exit code. */
PkioWorkspace  *pkio_cli_open_workspace     (gboolean         practice,
                                             PkioCliNeeds     needs,
                                             int             *out_exit);

/* FALSE (and @error says why, for people) when there is no key to ask CertCentral with. */
gboolean        pkio_cli_can_ask_certcentral (PkioWorkspace  *workspace,
                                              GError        **error);

/* Brings the history up to date (unknown attempts checked, then what changed at CertCentral).
 * When CertCentral cannot be reached or used it says so on standard error
 * (pkio_cli_warn_not_updated ()) and returns FALSE; the caller still shows what is stored, and
 * then exits with PKIO_CLI_EXIT_FAILURE, so that a script can tell a stale list from a good
 * one (README.md#using-it). */
gboolean        pkio_cli_update_history     (PkioWorkspace   *workspace);

/* Says on standard error that what follows is the history as stored on this computer, how old
 * it is (the last update from CertCentral: when, and how long ago), and why it could not be
 * updated (@error; for a key CertCentral no longer accepts, how to replace it). */
void            pkio_cli_warn_not_updated   (PkioWorkspace   *workspace,
                                             const GError    *error);

/* "3 days ago": how long before @now @then was (both Unix seconds). */
char           *pkio_cli_age_text           (gint64           then,
                                             gint64           now);

G_END_DECLS
