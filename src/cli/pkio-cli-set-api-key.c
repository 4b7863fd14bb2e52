/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-workspace.h"

/* CertCentral keys are about 80 characters; a line this long is not a key. */
#define KEY_MAX_LENGTH 1024

static struct termios saved_termios;
static volatile sig_atomic_t echo_disabled;

/* Ctrl+C while the key is typed must not leave the terminal without echo. */
static void
restore_echo_and_reraise (int signum)
{
  if (echo_disabled)
    tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
disable_echo (void)
{
  struct termios quiet;

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return;
  quiet = saved_termios;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  signal (SIGINT, restore_echo_and_reraise);
  signal (SIGTERM, restore_echo_and_reraise);
  signal (SIGHUP, restore_echo_and_reraise);
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0)
    echo_disabled = TRUE;
}

static void
restore_echo (void)
{
  if (echo_disabled)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  echo_disabled = FALSE;
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
}

/* One line from standard input, trimmed. Read with read(2), byte by byte, so no stdio buffer
 * keeps a copy of the key; the buffer is wiped before returning. */
static char *
read_key (GError **error)
{
  char buffer[KEY_MAX_LENGTH + 1];
  gsize length = 0;
  gboolean too_long = FALSE;
  char *key = NULL;

  if (isatty (STDIN_FILENO))
    {
      g_printerr ("%s", _("Paste the CertCentral API key and press Enter (it is not shown): "));
      disable_echo ();
    }

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          restore_echo ();
          explicit_bzero (buffer, sizeof buffer);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the key from standard input: %s"),
                       g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0 || c == '\n')
        break;
      if (length < KEY_MAX_LENGTH)
        buffer[length++] = c;
      else
        too_long = TRUE;
    }
  restore_echo ();

  buffer[length] = '\0';
  g_strstrip (buffer);
  if (too_long)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("That is too long to be an API key. Paste only the key, on one "
                           "line."));
  else if (buffer[0] == '\0')
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("No key was given. Type or paste the API key from CertCentral "
                           "(Automation → API keys) on one line."));
  else if (!g_utf8_validate (buffer, -1, NULL))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("The key contains characters that cannot be part of an API key."));
  else
    key = g_strdup (buffer);

  explicit_bzero (buffer, sizeof buffer);
  return key;
}

static void
wipe_key (char *key)
{
  if (key != NULL)
    explicit_bzero (key, strlen (key));
  g_free (key);
}

/* GET user/me with the key; prints who it belongs to. */
static int
check_key (PkioWorkspace *workspace,
           const char    *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioApiUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  int exit_code;

  pkio_workspace_check_key_async (workspace, key, NULL, pkio_cli_async_cb, &result);
  user = pkio_workspace_check_key_finish (workspace, pkio_cli_wait (&result), &error);
  if (user == NULL)
    {
      exit_code = pkio_cli_exit_for_error (error);
      if (exit_code == PKIO_CLI_EXIT_REJECTED)
        {
          g_printerr ("%s\n", _("CertCentral did not accept this key, so nothing was stored. "
                                "Check that you copied the whole key and that it is still "
                                "active."));
          pkio_cli_print_api_error_entries (pkio_api_error_get_entries (error));
          if (pkio_workspace_get_practice (workspace))
            g_printerr (_("In practice mode, use the key “%s”.\n"),
                        PKIO_SIMULATOR_DEFAULT_API_KEY);
        }
      else if (error->domain != PKIO_API_ERROR)
        {
          g_printerr ("%s\n", error->message);
          exit_code = PKIO_CLI_EXIT_FAILURE;
        }
      else
        {
          g_printerr (_("Could not check the key with CertCentral: %s\nNothing was stored. "
                        "Try again when CertCentral can be reached.\n"), error->message);
        }
      return exit_code;
    }

  account = g_strdup_printf ("%" G_GINT64_FORMAT, user->account_id);
  /* TRANSLATORS: the first name, the last name, and the account number */
  g_print (_("Key accepted for %s %s (account %s).\n"),
           user->first_name != NULL ? user->first_name : "",
           user->last_name != NULL ? user->last_name : "",
           account);
  return PKIO_CLI_EXIT_OK;
}

static int
store_key (PkioWorkspace *workspace,
           const char    *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_set_key_async (workspace, key, NULL, pkio_cli_async_cb, &result);
  if (!pkio_workspace_set_key_finish (workspace, pkio_cli_wait (&result), &error))
    {
      g_printerr (_("The key is valid, but could not be stored in the keyring: %s\n"),
                  error->message);
      return PKIO_CLI_EXIT_FAILURE;
    }

  g_print (_("The key is stored in your keyring for %s.\n"),
           pkio_workspace_get_base_url (workspace));
  return PKIO_CLI_EXIT_OK;
}

int
pkio_cli_set_api_key (gboolean   practice,
                      int        argc,
                      char     **argv)
{
  gboolean practice_option = FALSE;
  const GOptionEntry entries[] = {
    PKIO_CLI_PRACTICE_ENTRY (&practice_option,
                             N_("Check the key with the practice simulator and store nothing")),
    { NULL }
  };
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  char *key;
  int exit_code;

  if (!pkio_cli_parse_options ("set-api-key", "",
                               _("Reads a CertCentral API key from standard input, checks it "
                                 "with CertCentral and stores it in your keyring.\n\nThe key "
                                 "is never taken from the command line or the environment, "
                                 "and never shown."),
                               entries, &argc, &argv))
    return PKIO_CLI_EXIT_INVALID;

  if (!pkio_cli_practice_mode (practice, practice_option, &practice))
    return PKIO_CLI_EXIT_FAILURE;

  if (argc > 1)
    {
      /* Do not echo the argument: it may be the key itself. */
      g_printerr ("%s\n", _("set-api-key takes no arguments: type or paste the key when asked, "
                            "or pipe it in on standard input. A key on the command line "
                            "would be saved in the shell history."));
      return PKIO_CLI_EXIT_INVALID;
    }

  key = read_key (&error);
  if (key == NULL)
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_INVALID;
    }

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_NOTHING, &exit_code);
  exit_code = check_key (workspace, key);
  if (exit_code == PKIO_CLI_EXIT_OK)
    {
      if (practice)
        g_print ("%s\n", _("Practice mode: the key was checked, but not stored."));
      else
        exit_code = store_key (workspace, key);
    }

  wipe_key (key);
  return exit_code;
}
