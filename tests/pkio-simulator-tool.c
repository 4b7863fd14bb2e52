/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "pkio-simulator.h"

/* Runs a simulator in its own process: prints its base URL as one line on stdout, then serves
 * until SIGTERM or SIGINT. Used by the CLI tests and by hand:
 *   pkio-simulator-tool [--key KEY] [--issue-delay-ms MS] [--state-file PATH] */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *key = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *view_only_key = NULL;
  int issue_delay = -1;
  int n_bulk = 0;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, "Accepted API key (default practice-key)", "KEY" },
    { "view-only-key", 0, 0, G_OPTION_ARG_STRING, &view_only_key, "A key that may only GET",
      "KEY" },
    { "issue-delay-ms", 0, 0, G_OPTION_ARG_INT, &issue_delay,
      "Milliseconds an order stays pending (default 2000)", "MS" },
    { "state-file", 0, 0, G_OPTION_ARG_FILENAME, &state_file,
      "Keep orders in this file across runs", "PATH" },
    { "bulk", 0, 0, G_OPTION_ARG_INT, &n_bulk, "Add N generated orders", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- loopback CertCentral");
  g_autoptr(PkioSimulator) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  sim = pkio_simulator_new ();
  if (key != NULL)
    pkio_simulator_set_api_key (sim, key);
  if (view_only_key != NULL)
    pkio_simulator_set_view_only_key (sim, view_only_key);
  if (issue_delay >= 0)
    pkio_simulator_set_issue_delay (sim, (guint) issue_delay);
  if (state_file != NULL)
    pkio_simulator_set_state_file (sim, state_file);
  if (n_bulk > 0)
    pkio_simulator_add_remote_orders_bulk (sim, (guint) n_bulk);
  if (!pkio_simulator_start (sim, &error))
    {
      g_printerr ("Could not start the simulator: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);

  printf ("%s\n", pkio_simulator_get_base_url (sim));
  fflush (stdout);

  g_main_loop_run (loop);
  return 0;
}
