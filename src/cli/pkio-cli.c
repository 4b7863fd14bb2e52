/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cli.h"
#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"

typedef int (*PkioCliCommandFunc) (gboolean practice,
                                   int      argc,
                                   char   **argv);

static const struct
{
  const char         *name;
  PkioCliCommandFunc  func;
} commands[] = {
  { "expiring", pkio_cli_expiring },
  { "history", pkio_cli_history },
  { "order", pkio_cli_order },
  { "revoke", pkio_cli_revoke },
  { "set-api-key", pkio_cli_set_api_key },
  { "status", pkio_cli_status },
};

/* Index of the command word in @argv (after any leading --practice), or 0 when the first
 * argument is an option for the window. */
static int
command_index (int    argc,
               char **argv,
               gboolean *out_practice)
{
  gboolean practice = FALSE;
  int i;

  for (i = 1; i < argc && g_str_equal (argv[i], "--practice"); i++)
    practice = TRUE;

  if (out_practice != NULL)
    *out_practice = practice;

  if (i >= argc || argv[i][0] == '-' || argv[i][0] == '\0')
    return 0;
  return i;
}

gboolean
pkio_cli_handles (int    argc,
                  char **argv)
{
  /* The window takes no file or word arguments, so any word is meant as a command: an
   * unknown one gets a clear message here instead of GApplication's "can not open files". */
  return command_index (argc, argv, NULL) > 0;
}

void
pkio_cli_announce_practice (void)
{
  g_printerr ("%s\n", _("Practice mode — no real orders"));
}

int
pkio_cli_run (int    argc,
              char **argv)
{
  gboolean practice = FALSE;
  int index = command_index (argc, argv, &practice);
  const char *name;

  if (index == 0)
    return PKIO_CLI_EXIT_FAILURE;
  name = argv[index];

  for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (name, commands[c].name))
        {
          g_autoptr(GPtrArray) sub_argv = g_ptr_array_new ();

          /* The command's options are parsed as if it were its own program. */
          g_ptr_array_add (sub_argv, argv[0]);
          for (int i = index + 1; i < argc; i++)
            g_ptr_array_add (sub_argv, argv[i]);
          g_ptr_array_add (sub_argv, NULL);

          return commands[c].func (practice, (int) sub_argv->len - 1,
                                   (char **) sub_argv->pdata);
        }
    }

  /* TRANSLATORS: %s is what the person typed; keep the command names as they are */
  g_printerr (_("Unknown command “%s”. The commands are: order, set-api-key, history, status, "
                "expiring, revoke. Run “pkio-orders --help” for more.\n"), name);
  return PKIO_CLI_EXIT_FAILURE;
}
