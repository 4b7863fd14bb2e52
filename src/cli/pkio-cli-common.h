/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pkio-api-error.h"

G_BEGIN_DECLS

/* The process exit codes of every subcommand, as README.md#using-it lists them. */
typedef enum
{
  PKIO_CLI_EXIT_OK       = 0,
  PKIO_CLI_EXIT_FAILURE  = 1,
  PKIO_CLI_EXIT_INVALID  = 2,  /* invalid input: each problem on stderr as "path: message" */
  PKIO_CLI_EXIT_REJECTED = 3,  /* CertCentral said no: nothing was placed or changed */
  PKIO_CLI_EXIT_UNKNOWN  = 4,  /* the order may or may not have been placed */
} PkioCliExit;

/* Parses the options of a subcommand. @argv is the subcommand's own vector (argv[0] is the
 * program). Handles --help (prints, exits 0) and refuses unknown options without echoing a
 * value that may be secret. Returns FALSE (message printed) on a usage error. */
gboolean        pkio_cli_parse_options      (const char      *command,
                                             const char      *parameter_string,
                                             const char      *summary,
                                             const GOptionEntry *entries,
                                             int             *argc,
                                             char          ***argv);

/* The --practice option of a subcommand: sets the gboolean at @flag. */
#define PKIO_CLI_PRACTICE_ENTRY(flag, description) \
  { "practice", 0, 0, G_OPTION_ARG_NONE, (flag), (description), NULL }

/* Whether to practise (into @out_practice): asked for before the command word (@practice) or
 * with the subcommand's own --practice (@practice_option). Says so on standard error when it
 * does. FALSE, with why on standard error, when practice mode was asked for and the
 * organisation does not allow it ("practice-mode-allowed"). */
gboolean        pkio_cli_practice_mode      (gboolean         practice,
                                             gboolean         practice_option,
                                             gboolean        *out_practice);

/* Async helpers: pass pkio_cli_async_cb with &result, then pkio_cli_wait (&result) iterates
 * the default main context until the call has finished. */
void            pkio_cli_async_cb           (GObject         *source,
                                             GAsyncResult    *result,
                                             gpointer         user_data);
GAsyncResult   *pkio_cli_wait               (GAsyncResult   **result);

/* How messages name @file: itself, or "(standard input)" for "-". */
const char     *pkio_cli_file_display_name  (const char      *file);
typedef enum
{
  PKIO_CLI_READ_OK,
  PKIO_CLI_READ_FAILED,   /* "FILE: why" printed: no such file, not readable */
  PKIO_CLI_READ_TOO_BIG,  /* nothing printed; the caller says what the limit is */
} PkioCliRead;

/* Reads @file ("-": standard input) whole, at most @max_size bytes: a regular file larger than
 * that is refused from its size before anything is read, and reading stops past the limit
 * (pipes, devices, a file that grows). *@out_size: the size, or 0 when it was too big and
 * could not be known beforehand. */
PkioCliRead     pkio_cli_read_file          (const char      *file,
                                             gsize            max_size,
                                             GBytes         **out_bytes,
                                             guint64         *out_size);
/* Reads an order file ("-": standard input). On failure prints "FILE: message" lines and
 * returns NULL. */
JsonNode       *pkio_cli_read_json_file     (const char      *file);

/* Exit code for an error from the core (PKIO_API_ERROR etc.) where what was given is the key
 * itself (set-api-key): a key CertCentral refuses is refused input, 3. Commands that ask
 * CertCentral to place or change something use pkio_cli_exit_for_request_error () instead. */
int             pkio_cli_exit_for_error     (const GError    *error);
/* Prints the error's message, then each CertCentral errors[] entry as "field: message" (or
 * "code: message"). */
void            pkio_cli_print_api_error    (const GError    *error);

/* Each entry (PkioApiErrorEntry) as "field: message", else "code: message". */
void            pkio_cli_print_api_error_entries (GPtrArray   *entries);

/* Pretty JSON, 2-space indent, with a trailing newline. */
char           *pkio_cli_json_to_string     (JsonNode        *node);

/* "2026-11-26 14:03" in local time; "—" for NULL. */
char           *pkio_cli_format_time        (GDateTime       *time);

G_END_DECLS
