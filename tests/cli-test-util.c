/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "cli-test-util.h"

/* Helpers of the test-cli*.c programs: run the built binary, write order files,
 * start, steer and stop the simulator process, and the temporary home. */

CliTestState cli;

int
run_cli_full (const char  *stdin_text,
              const char **env,
              char       **out_stdout,
              char       **out_stderr,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, cli.bin);
  va_start (args, out_stderr);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cli.tmpdir);
  for (gsize i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, stdin_text != NULL ? stdin_text : "", NULL,
                                 &out, &err, &error);
  g_assert_no_error (error);

  g_string_append (cli.transcript, out);
  g_string_append (cli.transcript, err);
  g_test_message ("pkio-orders %s → stdout:\n%s\nstderr:\n%s",
                  (const char *) argv->pdata[1], out, err);

  if (g_subprocess_get_if_exited (process))
    status = g_subprocess_get_exit_status (process);
  else
    status = -g_subprocess_get_term_sig (process);

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return status;
}

char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* A copy of the "details" seed with @from replaced by @to (all occurrences). */
char *
write_variant (const char *name,
               const char *from,
               const char *to)
{
  g_autofree char *seed_path = fixture ("seed-details.json");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (cli.tmpdir, name, NULL);

  g_file_get_contents (seed_path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, from, to, 0), >, 0);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (cli.tmpdir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

gboolean
require_keyring (void)
{
  if (!cli.keyring)
    g_test_skip (cli.keyring_reason);
  return cli.keyring;
}

gboolean
require_stored_key (void)
{
  g_autofree char *out = NULL;

  if (!require_keyring ())
    return FALSE;
  if (!cli.key_stored)
    {
      g_assert_cmpint (run_cli (TEST_KEY "\n", &out, NULL, "set-api-key"), ==, 0);
      cli.key_stored = TRUE;
    }
  return TRUE;
}

/* secret-tool, as an administrator would use it: what the keyring holds for the URL. */
char *
secret_tool_lookup (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  const char *argv[] = { "secret-tool", "lookup", "xdg:schema",
                         "io.github.pkioorders.PkioOrders.ApiKey", "api-url", cli.base_url,
                         NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

gint64
parse_order_id (const char *out)
{
  const char *line = strstr (out, "order_id: ");

  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("order_id: "), NULL, 10);
}

/* Reads one whole request (headers and body) from @connection. */
static GString *
read_request (GSocket *connection)
{
  GString *request = g_string_new (NULL);
  gssize body_length = -1;
  char buffer[4096];

  while (TRUE)
    {
      gssize n = g_socket_receive (connection, buffer, sizeof buffer, NULL, NULL);
      const char *end_of_headers;

      if (n <= 0)
        break;
      g_string_append_len (request, buffer, n);
      end_of_headers = strstr (request->str, "\r\n\r\n");
      if (end_of_headers != NULL && body_length < 0)
        {
          g_autofree char *headers = g_ascii_strdown (request->str, end_of_headers - request->str);
          const char *cl = strstr (headers, "content-length:");

          body_length = cl != NULL ? g_ascii_strtoll (cl + strlen ("content-length:"), NULL, 10) : 0;
        }
      if (end_of_headers != NULL &&
          (gssize) request->len >= (end_of_headers - request->str) + 4 + body_length)
        break;
    }
  return request;
}

/* A CertCentral stand-in that reads one request, then hangs up without answering. The account's
 * own order fields, which `pkio-orders order` asks for first, it answers: none. */
gpointer
hang_up_after_body_thread (gpointer user_data)
{
  g_autoptr(GSocket) listener = user_data;
  gsize length = 0;

  while (TRUE)
    {
      g_autoptr(GSocket) connection = g_socket_accept (listener, NULL, NULL);
      g_autoptr(GString) request = NULL;

      if (connection == NULL)
        break;
      request = read_request (connection);
      length = request->len;
      if (g_str_has_prefix (request->str, "GET /services/v2/account/metadata "))
        {
          const char *answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\nConnection: close\r\n\r\n{}";

          g_socket_send (connection, answer, strlen (answer), NULL, NULL);
          g_socket_close (connection, NULL);
          continue;
        }
      g_socket_close (connection, NULL);
      break;
    }
  g_socket_close (listener, NULL);
  return GUINT_TO_POINTER (length > 0);
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

gboolean
tree_contains (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (tree_contains (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               bytes_contain (contents, length, needle))
        {
          g_test_message ("found the key in %s", path);
          return TRUE;
        }
    }
  return FALSE;
}
/* --- setup ------------------------------------------------------------------------------ */

static const SecretSchema probe_schema = {
  "io.github.pkioorders.PkioOrders.TestProbe", SECRET_SCHEMA_NONE,
  { { "probe", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
};

static void
probe_keyring (void)
{
  g_autoptr(GError) error = NULL;

  /* Without a session bus libsecret would autolaunch one in the real $HOME. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      cli.keyring_reason = g_strdup ("no D-Bus session bus (run under dbus-run-session with "
                                     "an unlocked gnome-keyring-daemon)");
      return;
    }
  /* Each test program its own probe item: test-cli and test-cli-reconcile may start at once. */
  if (!secret_password_store_sync (&probe_schema, SECRET_COLLECTION_DEFAULT, "probe", "x",
                                   NULL, &error, "probe", g_get_prgname (), NULL))
    {
      cli.keyring_reason = g_strdup_printf ("no usable Secret Service: %s", error->message);
      return;
    }
  secret_password_clear_sync (&probe_schema, NULL, NULL, "probe", g_get_prgname (), NULL);
  cli.keyring = TRUE;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_simulator (void)
{
  const char *tool = g_getenv ("PKIO_SIMULATOR_TOOL");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_assert_nonnull (tool);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A failed assertion aborts this process: the simulator must not outlive it (meson would
   * wait for the pipes it inherited). */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* --control: tests steer it between runs of the CLI (faults, orders placed elsewhere). A
   * "delay" fault holds a request 2 s: long enough to kill the CLI while it waits. */
  cli.simulator = g_subprocess_launcher_spawn (launcher, &error, tool, "--key", TEST_KEY,
                                               "--issue-delay-ms", "1000",
                                               "--fault-delay-ms", "2000", "--control", NULL);
  g_assert_no_error (error);
  cli.simulator_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (cli.simulator));
  line = g_data_input_stream_read_line_utf8 (cli.simulator_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  cli.base_url = line;
}

static char *sim_command_va (const char *format,
                             va_list     args) G_GNUC_PRINTF (1, 0);

static char *
sim_command_va (const char *format,
                va_list     args)
{
  g_autofree char *command = g_strdup_vprintf (format, args);
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autoptr(GError) error = NULL;
  GOutputStream *in = g_subprocess_get_stdin_pipe (cli.simulator);
  char *answer;

  g_output_stream_write_all (in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (in, NULL, &error);
  g_assert_no_error (error);
  answer = g_data_input_stream_read_line_utf8 (cli.simulator_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  if (g_str_has_prefix (answer, "error"))
    g_error ("simulator: “%s” → %s", command, answer);
  return answer;
}

char *
sim_command (const char *format,
             ...)
{
  va_list args;
  char *answer;

  va_start (args, format);
  answer = sim_command_va (format, args);
  va_end (args);
  return answer;
}

gint64
sim_number (const char *format,
            ...)
{
  va_list args;
  g_autofree char *answer = NULL;

  va_start (args, format);
  answer = sim_command_va (format, args);
  va_end (args);
  return g_ascii_strtoll (answer, NULL, 10);
}

gint64
sim_count_order_posts (void)
{
  return sim_number ("count POST order/certificate/pkio_burger");
}

void
cli_test_set_up (void)
{
  g_autoptr(GError) error = NULL;
  const char *subdirs[] = { "data", "config", "cache", "runtime" };

  cli.bin = g_strdup (g_getenv ("PKIO_ORDERS_BIN"));
  g_assert_nonnull (cli.bin);
  cli.transcript = g_string_new (NULL);

  cli.tmpdir = g_dir_make_tmp ("pkio-cli-XXXXXX", &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (cli.tmpdir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    }
  cli.data_dir = g_build_filename (cli.tmpdir, "data", DATA_DIR_NAME, NULL);

  /* Probe the keyring with the caller's environment (the wrapper's bus and daemon), then
   * point every CLI run at the temporary folder. */
  probe_keyring ();
  g_setenv ("HOME", cli.tmpdir, TRUE);
  for (gsize i = 0; i < 3; i++)
    {
      const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (cli.tmpdir, subdirs[i], NULL);

      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("PKIO_ORDER_SENDER_TEST_CRASH_POINT");

  start_simulator ();
  g_setenv ("PKIO_ORDERS_API_URL", cli.base_url, TRUE);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
cli_test_tear_down (void)
{
  if (cli.key_stored)
    {
      const char *argv[] = { "secret-tool", "clear", "xdg:schema",
                             "io.github.pkioorders.PkioOrders.ApiKey", "api-url", cli.base_url,
                             NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                    NULL, NULL);
    }
  if (cli.simulator != NULL)
    {
      g_subprocess_send_signal (cli.simulator, SIGTERM);
      g_subprocess_wait (cli.simulator, NULL, NULL);
      g_clear_object (&cli.simulator_out);
      g_clear_object (&cli.simulator);
    }
  rm_rf (cli.tmpdir);
}

void
cli_test_init (int    *argc,
               char ***argv)
{
  g_test_init (argc, argv, NULL);
  cli_test_set_up ();
}

int
cli_test_run (void)
{
  int result = g_test_run ();

  cli_test_tear_down ();
  return result;
}
