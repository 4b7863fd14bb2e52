/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "pkio-simulator.h"

/* Runs a simulator in its own process: prints its base URL as one line on stdout, then serves
 * until SIGTERM or SIGINT. Used by the CLI tests and by hand:
 *   pkio-simulator-tool [--key KEY] [--issue-delay-ms MS] [--fault-delay-ms MS]
 *                       [--state-file PATH] [--control]
 * With --control it also reads commands from stdin, one per line, and answers each with one
 * line on stdout (so a test can steer it between runs of the CLI):
 *   fault METHOD PATH-PREFIX FAULT COUNT       -> ok (FAULT as pkio_simulator_fault_to_string
 *                                                 names it: delay, drop-before-body, …)
 *   clear-faults                                  -> ok: every fault not yet used is dropped
 *   revoke-delay MS|never      -> ok: revocation requests made afterwards are approved MS
 *                                 after they were made, or never (default 2000)
 *   count METHOD PATH-PREFIX                                            -> number of requests
 *   last-order                                                          -> newest order id (0)
 *   add-remote EMAIL FIRST LAST SECONDS-AGO [STATUS]   -> the new order's id (pending unless
 *                                                         STATUS says otherwise)
 *   profile ORDER_ID PROFILE       -> ok: the order's profile_option (authentication,
 *                                     nonrepudiation, encryption)
 *   validity ORDER_ID DAYS-LEFT    -> ok: the order's certificate ends DAYS-LEFT days (may be
 *                                     negative) after today (UTC), and began 3 years before
 *   today                                          -> today's date (UTC), YYYY-MM-DD
 *   placed-by ORDER_ID FIRST LAST EMAIL     -> ok: the order's info names that user as who
 *                                              placed it ("user")
 *   bodies METHOD PATH-PREFIX          -> the JSON bodies of those requests, as one JSON array
 *   custom-field ID required|optional active|inactive TYPE|- LABEL…
 *                                  -> ok: one more of the account's own order fields ("-": no
 *                                     data_type), as GET account/metadata lists them
 *   custom-fields-clear                            -> ok: the account has none again
 *   balance CENTS                                -> ok: the account's balance, in cents (EUR)
 * Anything else answers "error: …". End of input ends the control channel, not the server. */

typedef struct
{
  PkioSimulator *sim;
  GIOChannel    *input;
  GPtrArray     *custom_fields;  /* PkioCustomField, as the commands made them */
} Control;

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static char *
run_command (Control    *control,
             const char *line)
{
  g_auto(GStrv) words = g_strsplit_set (line, " \t", -1);
  guint n = g_strv_length (words);

  if (n == 5 && g_str_equal (words[0], "fault"))
    {
      PkioSimulatorFault fault;
      guint64 count;

      if (!pkio_simulator_fault_from_string (words[3], &fault)
          || fault == PKIO_SIMULATOR_FAULT_NONE
          || !g_ascii_string_to_unsigned (words[4], 10, 1, 1000, &count, NULL))
        return g_strdup ("error: fault METHOD PATH FAULT COUNT");
      pkio_simulator_inject_fault (control->sim, words[1], words[2], fault, (guint) count);
      return g_strdup ("ok");
    }
  if (n == 2 && g_str_equal (words[0], "balance"))
    {
      guint64 cents;

      if (!g_ascii_string_to_unsigned (words[1], 10, 0, G_MAXINT64, &cents, NULL))
        return g_strdup ("error: balance CENTS");
      pkio_simulator_set_balance (control->sim, (gint64) cents);
      return g_strdup ("ok");
    }
  if (n == 2 && g_str_equal (words[0], "revoke-delay"))
    {
      guint64 ms = PKIO_SIMULATOR_ISSUE_NEVER;

      if (!g_str_equal (words[1], "never")
          && !g_ascii_string_to_unsigned (words[1], 10, 0, G_MAXUINT - 1, &ms, NULL))
        return g_strdup ("error: revoke-delay MS|never");
      pkio_simulator_set_revoke_delay (control->sim, (guint) ms);
      return g_strdup ("ok");
    }
  if (n == 1 && g_str_equal (words[0], "clear-faults"))
    {
      pkio_simulator_clear_faults (control->sim);
      return g_strdup ("ok");
    }
  if (n == 3 && g_str_equal (words[0], "count"))
    return g_strdup_printf ("%u", pkio_simulator_count_requests (control->sim, words[1],
                                                                 words[2]));
  if (n == 3 && g_str_equal (words[0], "bodies"))
    {
      g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (control->sim);
      g_autoptr(JsonArray) bodies = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < requests->len; i++)
        {
          PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

          if (g_str_equal (request->method, words[1])
              && g_str_has_prefix (request->path, words[2]))
            {
              JsonNode *body = pkio_simulator_request_dup_json (request);

              json_array_add_element (bodies, body != NULL ? body : json_node_new (JSON_NODE_NULL));
            }
        }
      json_node_set_array (node, bodies);
      return json_to_string (node, FALSE);
    }
  if (n == 1 && g_str_equal (words[0], "last-order"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, pkio_simulator_get_last_order_id (control->sim));
  if ((n == 5 || n == 6) && g_str_equal (words[0], "add-remote"))
    {
      guint64 seconds;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) created = NULL;
      gint64 id;

      if (!g_ascii_string_to_unsigned (words[4], 10, 0, 86400 * 365, &seconds, NULL))
        return g_strdup ("error: add-remote EMAIL FIRST LAST SECONDS-AGO");
      created = g_date_time_add_seconds (now, -(gdouble) seconds);
      id = pkio_simulator_add_remote_order (control->sim, words[1], words[2], words[3],
                                            n == 6 ? words[5] : "pending", created);
      return g_strdup_printf ("%" G_GINT64_FORMAT, id);
    }
  if (n == 3 && g_str_equal (words[0], "profile"))
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (words[1], 10, 1, G_MAXINT64, &id, NULL)
          || !pkio_simulator_set_order_profile (control->sim, (gint64) id, words[2]))
        return g_strdup ("error: profile ORDER_ID PROFILE");
      return g_strdup ("ok");
    }
  if (n == 3 && g_str_equal (words[0], "validity"))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      PkioDay today = pkio_calendar_today (utc);
      guint64 id;
      gint64 days;

      if (!g_ascii_string_to_unsigned (words[1], 10, 1, G_MAXINT64, &id, NULL)
          || !g_ascii_string_to_signed (words[2], 10, -3650, 3650, &days, NULL)
          || !pkio_simulator_set_order_validity (control->sim, (gint64) id,
                                                 today + days - 3 * 365, today + days))
        return g_strdup ("error: validity ORDER_ID DAYS-LEFT");
      return g_strdup ("ok");
    }
  if (n == 5 && g_str_equal (words[0], "placed-by"))
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (words[1], 10, 1, G_MAXINT64, &id, NULL)
          || !pkio_simulator_set_order_placed_by (control->sim, (gint64) id, words[2], words[3],
                                                  words[4]))
        return g_strdup ("error: placed-by ORDER_ID FIRST LAST EMAIL");
      return g_strdup ("ok");
    }
  if (n == 1 && g_str_equal (words[0], "today"))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      return pkio_calendar_day_to_iso (pkio_calendar_today (utc));
    }
  if (n >= 6 && g_str_equal (words[0], "custom-field"))
    {
      guint64 id;
      g_autofree char *label = g_strjoinv (" ", words + 5);

      if (!g_ascii_string_to_unsigned (words[1], 10, 1, G_MAXINT64, &id, NULL)
          || (!g_str_equal (words[2], "required") && !g_str_equal (words[2], "optional"))
          || (!g_str_equal (words[3], "active") && !g_str_equal (words[3], "inactive")))
        return g_strdup ("error: custom-field ID required|optional active|inactive TYPE|- LABEL");
      g_ptr_array_add (control->custom_fields,
                       pkio_custom_field_new ((gint64) id, label,
                                              g_str_equal (words[2], "required"),
                                              g_str_equal (words[3], "active"),
                                              g_str_equal (words[4], "-") ? NULL : words[4]));
      pkio_simulator_set_custom_fields (control->sim, control->custom_fields);
      return g_strdup ("ok");
    }
  if (n == 1 && g_str_equal (words[0], "custom-fields-clear"))
    {
      g_ptr_array_set_size (control->custom_fields, 0);
      pkio_simulator_set_custom_fields (control->sim, NULL);
      return g_strdup ("ok");
    }
  return g_strdup_printf ("error: unknown command “%s”", line);
}

static gboolean
input_cb (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      user_data)
{
  Control *control = user_data;
  g_autofree char *line = NULL;
  g_autofree char *answer = NULL;
  GIOStatus status = g_io_channel_read_line (channel, &line, NULL, NULL, NULL);

  if (status == G_IO_STATUS_AGAIN)
    return G_SOURCE_CONTINUE;
  if (status != G_IO_STATUS_NORMAL || line == NULL)
    return G_SOURCE_REMOVE;
  answer = run_command (control, g_strstrip (line));
  printf ("%s\n", answer);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *key = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *view_only_key = NULL;
  int issue_delay = -1;
  int fault_delay = -1;
  int n_bulk = 0;
  gboolean control_channel = FALSE;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, "Accepted API key (default practice-key)", "KEY" },
    { "view-only-key", 0, 0, G_OPTION_ARG_STRING, &view_only_key, "A key that may only GET",
      "KEY" },
    { "issue-delay-ms", 0, 0, G_OPTION_ARG_INT, &issue_delay,
      "Milliseconds an order stays pending (default 2000)", "MS" },
    { "fault-delay-ms", 0, 0, G_OPTION_ARG_INT, &fault_delay,
      "Milliseconds a “delay” fault holds a request before handling it (default 3000)", "MS" },
    { "state-file", 0, 0, G_OPTION_ARG_FILENAME, &state_file,
      "Keep orders in this file across runs", "PATH" },
    { "bulk", 0, 0, G_OPTION_ARG_INT, &n_bulk, "Add N generated orders", "N" },
    { "control", 0, 0, G_OPTION_ARG_NONE, &control_channel,
      "Read commands from standard input (see the source)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- loopback CertCentral");
  g_autoptr(PkioSimulator) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  Control control = { 0 };

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
  if (fault_delay >= 0)
    pkio_simulator_set_fault_delay (sim, (guint) fault_delay);
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

  if (control_channel)
    {
      control.sim = sim;
      control.custom_fields = pkio_custom_field_list_new ();
      control.input = g_io_channel_unix_new (0);
      g_io_add_watch (control.input, G_IO_IN | G_IO_HUP | G_IO_ERR, input_cb, &control);
    }

  g_main_loop_run (loop);
  g_clear_pointer (&control.input, g_io_channel_unref);
  g_clear_pointer (&control.custom_fields, g_ptr_array_unref);
  return 0;
}
