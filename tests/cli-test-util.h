/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEST_KEY  "cli-test-key-7Qz9xKp2"
#define WRONG_KEY "cli-wrong-key-0000"

typedef struct
{
  char        *tmpdir;
  char        *data_dir;
  char        *bin;
  char        *base_url;
  GSubprocess *simulator;
  GDataInputStream *simulator_out;   /* its answers (kept open: it writes more) */
  gboolean     keyring;
  char        *keyring_reason;
  gboolean     key_stored;
  gint64       placed_order_id;
  GString     *transcript;  /* everything the CLI printed, checked for the key at the end */
} CliTestState;

extern CliTestState cli;

/* Runs the built pkio-orders with the arguments after @out_stderr (NULL-terminated) in the
 * temporary folder. @env: NULL or "NAME=VALUE" strings, NULL-terminated, for this run only.
 * Returns the exit status, or minus the signal that ended it. */
int       run_cli_full              (const char  *stdin_text,
                                     const char **env,
                                     char       **out_stdout,
                                     char       **out_stderr,
                                     ...) G_GNUC_NULL_TERMINATED;
#define run_cli(stdin_text, out, err, ...) \
  run_cli_full (stdin_text, NULL, out, err, __VA_ARGS__, NULL)

char     *fixture                   (const char  *name);
/* A copy of the "details" seed with @from replaced by @to (all occurrences). */
char     *write_variant             (const char  *name,
                                     const char  *from,
                                     const char  *to);
char     *write_file                (const char  *name,
                                     const char  *contents);
/* FALSE (and the test skipped, with the reason) without an unlocked Secret Service. */
gboolean  require_keyring           (void);
/* require_keyring (), and TEST_KEY stored for the simulator with `pkio-orders set-api-key`
 * (once). */
gboolean  require_stored_key        (void);
/* What secret-tool finds for the simulator's URL ("" when nothing). */
char     *secret_tool_lookup        (void);
gint64    parse_order_id            (const char  *out);
/* Thread func: takes a listening GSocket, reads one request, hangs up without answering (a GET
 * account/metadata before it, which `pkio-orders order` asks first, is answered: no fields). */
gpointer  hang_up_after_body_thread (gpointer     user_data);
gboolean  tree_contains             (const char  *dir,
                                     const char  *needle);

/* Sends one control line to the simulator (pkio-simulator-tool --control) and returns its
 * one-line answer. */
char     *sim_command               (const char  *format,
                                     ...) G_GNUC_PRINTF (1, 2);
/* Like sim_command, for answers that are numbers. */
gint64    sim_number                (const char  *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* The order POSTs (POST order/certificate/pkio_burger) the simulator has had so far. */
gint64    sim_count_order_posts     (void);

void      cli_test_set_up           (void);
void      cli_test_tear_down        (void);
/* A test program's main (): g_test_init () and cli_test_set_up (), then the cases are added,
 * then cli_test_run () runs them, tears down and returns the exit status. */
void      cli_test_init             (int         *argc,
                                     char      ***argv);
int       cli_test_run              (void);

G_END_DECLS
