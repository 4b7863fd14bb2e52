/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-order-sender.h"

G_BEGIN_DECLS

/* What the commands that ask CertCentral to place or change something (`order`, for one order
 * or a batch; `revoke`) exit with and say when it was not done. One rule for all of them, so a
 * script reads their exit codes alike (README.md#using-it). */

/* The exit code for @error (NULL: PKIO_CLI_EXIT_OK):
 * - PKIO_CLI_EXIT_FAILURE (1) when the API key is missing or CertCentral no longer accepts it
 *   (any 401): the request itself is fine, the key must be replaced first;
 * - PKIO_CLI_EXIT_REJECTED (3) when CertCentral refused the request itself: what it holds, or
 *   this key may not do it (a 403);
 * - PKIO_CLI_EXIT_UNKNOWN (4) when it may or may not have happened;
 * - PKIO_CLI_EXIT_FAILURE (1) for anything else (no connection, a local problem, …). */
int       pkio_cli_exit_for_request_error (const GError         *error);

/* The exit code of one order's attempt: 0 placed, 2 invalid, 4 unknown, 1 not recorded, and
 * for a refusal pkio_cli_exit_for_request_error (). */
int       pkio_cli_exit_for_send_result   (const PkioSendResult *sent);

/* When @error says the API key is missing or no longer accepted, says so on standard error in
 * three lines: the key was not accepted, @nothing_done (such as “Nothing was placed.”; NULL
 * leaves it out), and to replace it with “pkio-orders set-api-key”. CertCentral's own codes
 * and words are not printed (the client puts them in the debug log: G_MESSAGES_DEBUG=all).
 * Returns whether it said so; otherwise the caller says what happened. */
gboolean  pkio_cli_explain_key_rejected   (const GError         *error,
                                           const char           *nothing_done);

G_END_DECLS
