/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "batch-test-util.h"
#include "cli-test-util.h"
#include "mount-test-util.h"
#include "test-hooks.h"

/* Crash and disk faults (issue 11), with the built pkio-orders and a simulator in its own
 * process:
 * - a real SIGKILL of `pkio-orders order` after the journal write, while CertCentral holds the
 *   POST, and after the answer but before it is stored; then a restart (`pkio-orders history`)
 *   must show the attempt once, reconciled, after exactly the one POST there was;
 * - a batch of 30 killed after the 10th POST, then run again: 30 POSTs in all;
 * - a full disk (a small tmpfs) and a read-only data folder: the order is refused before it is
 *   sent, with a message that says why.
 * The kills before and after the POST use the order sender's hook in its ":stop" form: the
 * process stops itself at that point and this test kills it there (a kill cannot be timed
 * between two steps that are microseconds apart). The mounts live in a mount namespace of this
 * process (and its children): they go when it ends. Needs root for that, and the keyring. */

#define POST_PATH "order/certificate/pkio_burger"

static gboolean mounts_ok;
static char *mounts_reason;

static gint64
posts (void)
{
  return sim_count_order_posts ();
}

/* ---- a killed order ---- */

static GSubprocess *
spawn_order (const char *path,
             const char *crash_point)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_cwd (launcher, cli.tmpdir);
  if (crash_point != NULL)
    g_subprocess_launcher_setenv (launcher, "PKIO_ORDER_SENDER_TEST_CRASH_POINT", crash_point,
                                  TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli.bin, "order", path, NULL);
  g_assert_no_error (error);
  return process;
}

/* Linux: the state letter of /proc/PID/stat ('T': stopped). */
static char
process_state (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat",
                                           g_subprocess_get_identifier (process));
  g_autofree char *stat = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (paren = strrchr (stat, ')')) == NULL)
    return '?';
  return paren[2];
}

static void
wait_until_stopped (GSubprocess *process)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (process_state (process) != 'T')
    {
      g_assert_nonnull (g_subprocess_get_identifier (process));   /* not exited */
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
}

static void
kill_hard (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

static void
wait_for_number (const char *command,
                 gint64      old_value)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sim_number ("%s", command) == old_value)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
}

/* After the restart: the one row of @email in `pkio-orders history --json`. */
static JsonObject *
row_after_restart (JsonParser *parser,
                   const char *email)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *found = NULL;
  JsonArray *rows;

  g_assert_cmpint (run_cli (NULL, &out, NULL, "history", "--json"), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (row, "holder_email", ""),
                     email) == 0)
        {
          g_assert_null (found);   /* nothing duplicated */
          found = row;
        }
    }
  g_assert_nonnull (found);   /* nothing lost */
  return found;
}

static void
assert_placed_once (JsonObject *row,
                    gint64      order_id)
{
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "placed");
  g_assert_cmpstr (json_object_get_string_member (row, "placed"), ==, "this-computer");
  g_assert_cmpint (json_object_get_int_member (row, "order_id"), ==, order_id);
}

static void
test_killed_after_journal (void)
{
  g_autofree char *path = write_variant ("journal.json", "john.doe@example.com",
                                         "killed.journal@example.com");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 before = posts ();
  gint64 lists;
  JsonObject *row;

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (!require_stored_key ())
    return;
  process = spawn_order (path, "after-journal:stop");
  wait_until_stopped (process);
  kill_hard (process);
  g_assert_cmpint (posts (), ==, before);

  /* Journaled as being sent, never sent: unknown at the restart, looked for, not found, and
   * not sent again by anything. */
  lists = sim_number ("count GET order/certificate");
  row = row_after_restart (parser, "killed.journal@example.com");
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "unknown");
  g_assert_true (json_object_get_null_member (row, "order_id"));
  g_assert_cmpint (sim_number ("count GET order/certificate"), >, lists);
  g_assert_cmpint (posts (), ==, before);
}

static void
test_killed_during_send (void)
{
  g_autofree char *path = write_variant ("sending.json", "john.doe@example.com",
                                         "killed.sending@example.com");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ok = NULL;
  gint64 before = posts ();
  gint64 last = sim_number ("last-order");

  if (!require_stored_key ())
    return;
  /* CertCentral holds the POST (2 s), then places the order. */
  ok = sim_command ("fault POST %s delay 1", POST_PATH);
  g_assert_cmpstr (ok, ==, "ok");
  process = spawn_order (path, NULL);
  wait_for_number ("count POST " POST_PATH, before);
  g_assert_cmpint (sim_number ("last-order"), ==, last);
  kill_hard (process);
  wait_for_number ("last-order", last);

  assert_placed_once (row_after_restart (parser, "killed.sending@example.com"),
                      sim_number ("last-order"));
  g_assert_cmpint (posts (), ==, before + 1);
}

static void
test_killed_after_answer (void)
{
  g_autofree char *path = write_variant ("answered.json", "john.doe@example.com",
                                         "killed.answered@example.com");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 before = posts ();
  gint64 last = sim_number ("last-order");

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (!require_stored_key ())
    return;
  process = spawn_order (path, "after-send:stop");
  wait_until_stopped (process);
  /* CertCentral answered with the order; the answer is not stored yet. */
  g_assert_cmpint (posts (), ==, before + 1);
  g_assert_cmpint (sim_number ("last-order"), >, last);
  kill_hard (process);

  assert_placed_once (row_after_restart (parser, "killed.answered@example.com"),
                      sim_number ("last-order"));
  g_assert_cmpint (posts (), ==, before + 1);
}

/* ---- a killed batch ---- */

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;
  return n;
}

/* `order --batch` of 30 orders killed (SIGKILL) once CertCentral answered the 10th POST, before
 * the answer is stored; then the same file again: the 10 sent are known (the 10th found with
 * CertCentral, as its record was left unknown), only the other 20 are sent: 30 POSTs in all. */
static void
test_batch_killed_after_tenth (void)
{
  g_autofree char *text = batch_test_people_table (30, ';');
  g_autoptr(GString) people = g_string_new (text);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 before = posts ();

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (!require_stored_key ())
    return;
  balance = sim_command ("balance 100000000");
  g_assert_cmpstr (balance, ==, "ok");
  /* People of their own: the other tests here order for person… addresses too. */
  g_assert_cmpuint (g_string_replace (people, "@example.com", "@killed-batch.example", 0), ==,
                    30);
  g_free (write_file ("thirty.csv", people->str));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, cli.tmpdir);
  g_subprocess_launcher_setenv (launcher, "PKIO_ORDER_SENDER_TEST_CRASH_POINT",
                                "after-send:stop@10", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli.bin, "order", "--batch",
                                         "thirty.csv", "--yes", NULL);
  g_assert_no_error (error);
  wait_until_stopped (process);
  g_assert_cmpint (posts () - before, ==, 10);
  kill_hard (process);

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "thirty.csv", "--yes"), ==, 0);
  g_assert_cmpint (posts () - before, ==, 30);
  g_assert_cmpuint (count_lines_with (out, ": already placed as order "), ==, 10);
  g_assert_cmpuint (count_lines_with (out, ": placed as order "), ==, 20);
  g_assert_nonnull (strstr (out, "thirty.csv:11: John Doe <person10@killed-batch.example>: "
                                 "already placed as order "));
  g_assert_nonnull (strstr (err, "thirty.csv: 30 of 30 placed.\n"));
}

/* ---- disk faults ---- */

static gboolean
require_mounts (void)
{
  if (!mounts_ok)
    g_test_skip (mounts_reason);
  return mounts_ok;
}

/* A tmpfs of @size at a new folder of the temporary home. */
static char *
mount_tmpfs (const char *name,
             const char *size)
{
  char *dir = g_build_filename (cli.tmpdir, name, NULL);

  mount_test_tmpfs (dir, size);
  return dir;
}

/* `pkio-orders order` with its data folder in @data_home: refused before sending. Returns
 * what it said. */
static char *
order_refused (const char *data_home,
               const char *email)
{
  g_autofree char *path = write_variant ("disk.json", "john.doe@example.com", email);
  g_autofree char *env_data = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
  const char *env[] = { env_data, NULL };
  g_autofree char *out = NULL;
  char *err = NULL;
  gint64 before = posts ();

  g_assert_cmpint (run_cli_full (NULL, env, &out, &err, "order", path, NULL), ==, 1);
  g_assert_null (strstr (out, "order_id"));
  g_assert_nonnull (strstr (err, "The order was not sent."));
  g_assert_cmpint (posts (), ==, before);
  return err;
}

/* The history exists (an earlier run made it); nothing is written while this runs. */
static void
make_history (const char *data_home)
{
  g_autofree char *env_data = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
  const char *env[] = { env_data, NULL };

  g_assert_cmpint (run_cli_full (NULL, env, NULL, NULL, "history", NULL), ==, 0);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *err = NULL;

  if (!require_stored_key () || !require_mounts ())
    return;
  dir = mount_tmpfs ("full", "2m");
  make_history (dir);

  filler = mount_test_fill (dir);
  err = order_refused (dir, "disk.full@example.com");
  g_assert_nonnull (strstr (err, "The disk is full"));
  g_assert_nonnull (strstr (err, "Free up some disk space"));
  mount_test_unmount (dir);
}

static void
test_data_folder_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_empty = NULL;

  if (!require_stored_key () || !require_mounts ())
    return;
  /* With a history in it... */
  dir = mount_tmpfs ("read-only", "8m");
  make_history (dir);
  mount_test_read_only (dir);
  err = order_refused (dir, "read.only@example.com");
  g_assert_nonnull (strstr (err, "cannot be written"));
  g_assert_nonnull (strstr (err, DATA_DIR_NAME));
  mount_test_unmount (dir);

  /* ...and without one: the folder for it cannot be made. */
  empty = mount_tmpfs ("read-only-empty", "1m");
  mount_test_read_only (empty);
  err_empty = order_refused (empty, "read.only.empty@example.com");
  g_assert_nonnull (strstr (err_empty, "cannot be created"));
  mount_test_unmount (empty);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  mounts_ok = mount_test_private_namespace (&mounts_reason);
  g_test_init (&argc, &argv, NULL);
  cli_test_set_up ();

  g_test_add_func ("/cli-crash/killed-after-journal", test_killed_after_journal);
  g_test_add_func ("/cli-crash/killed-during-send", test_killed_during_send);
  g_test_add_func ("/cli-crash/killed-after-answer", test_killed_after_answer);
  g_test_add_func ("/cli-crash/batch-killed-after-tenth", test_batch_killed_after_tenth);
  g_test_add_func ("/cli-crash/disk-full", test_disk_full);
  g_test_add_func ("/cli-crash/data-folder-read-only", test_data_folder_read_only);

  result = g_test_run ();
  cli_test_tear_down ();
  g_free (mounts_reason);
  return result;
}
