/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-table.h"
#include "pkio-cli-workspace.h"
#include "pkio-history-export.h"
#include "pkio-settings.h"

/* `pkio-orders expiring`: the certificates that end within N days, soonest first. */

#define MAX_DAYS 3650

enum { COL_VALID_UNTIL, COL_DAYS_LEFT, COL_ORDER, COL_HOLDER, COL_PROFILE, N_COLUMNS };

static const char *const column_titles[N_COLUMNS] = {
  N_("Valid until"), N_("Days left"), N_("Order"), N_("Holder"), N_("Profile"),
};

static char *
expiring_cell (PkioHistoryRecord *record,
               guint              column,
               gpointer           user_data)
{
  const PkioExpiryWindow *window = user_data;
  gint64 days = 0;

  switch (column)
    {
    case COL_VALID_UNTIL:
      return pkio_calendar_day_to_iso (pkio_history_record_get_valid_till (record));
    case COL_DAYS_LEFT:
      pkio_history_record_get_days_left (record, window->today, &days);
      return g_strdup_printf ("%" G_GINT64_FORMAT, days);
    case COL_ORDER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, pkio_history_record_get_order_id (record));
    case COL_HOLDER:
      return pkio_cli_holder_text (record);
    case COL_PROFILE:
      {
        const char *profile = pkio_history_record_get_profile (record);

        return g_strdup (profile != NULL ? pkio_history_profile_label (profile) : "—");
      }
    default:
      g_assert_not_reached ();
    }
}

int
pkio_cli_expiring (gboolean   practice,
                   int        argc,
                   char     **argv)
{
  gboolean as_json = FALSE;
  gboolean as_csv = FALSE;
  gboolean practice_option = FALSE;
  int days = G_MININT;   /* not given */
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("List what ends within N days (default: the warning period of Preferences, 60 days "
         "unless changed)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print them as JSON (the same fields as “history --json”)"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv,
      N_("Print them as CSV (the same columns as “history --csv”)"), NULL },
    PKIO_CLI_PRACTICE_ENTRY (&practice_option, N_("Look in the practice history")),
    { NULL }
  };
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GListStore) ending = NULL;
  PkioExpiryWindow window;
  gboolean updated;
  int exit_code;

  if (!pkio_cli_parse_options ("expiring", "",
                               _("Lists the issued certificates that end within N days, the "
                                 "soonest first, after bringing the history up to date. Days "
                                 "are counted as calendar dates where you are; a certificate "
                                 "that ends today has 0 days left. When CertCentral cannot be "
                                 "reached or used, it lists from what is stored on this "
                                 "computer, says how old that is, and exits with status 1."),
                               entries, &argc, &argv))
    return PKIO_CLI_EXIT_INVALID;

  if (!pkio_cli_practice_mode (practice, practice_option, &practice))
    return PKIO_CLI_EXIT_FAILURE;

  if (as_json && as_csv)
    {
      g_printerr ("%s\n", _("Choose one of --json and --csv."));
      return PKIO_CLI_EXIT_INVALID;
    }
  if (argc > 1)
    {
      g_printerr ("%s\n", _("expiring takes no arguments. Run “pkio-orders expiring --help” to "
                            "see the options."));
      return PKIO_CLI_EXIT_INVALID;
    }
  if (days == G_MININT)
    {
      g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();

      days = (int) pkio_settings_get_expiry_warning_days (settings);
    }
  else if (days < 0 || days > MAX_DAYS)
    {
      g_autofree char *max = g_strdup_printf ("%d", MAX_DAYS);

      /* TRANSLATORS: %s is the largest number of days allowed */
      g_printerr (_("--days: give a whole number of days from 0 to %s, for example "
                    "--days 30.\n"), max);
      return PKIO_CLI_EXIT_INVALID;
    }

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_HISTORY, &exit_code);
  if (workspace == NULL)
    return exit_code;
  /* Not updated: what is stored is still listed, and the exit status says it is stale. */
  updated = pkio_cli_update_history (workspace);

  pkio_expiry_window_init (&window, (guint) days);
  ending = pkio_history_list_ending_soon (G_LIST_MODEL (pkio_workspace_get_store (workspace)),
                                          &window);
  if (as_json)
    {
      g_autoptr(JsonNode) node = pkio_history_to_json (G_LIST_MODEL (ending));
      g_autofree char *text = pkio_cli_json_to_string (node);

      g_print ("%s", text);
    }
  else if (as_csv)
    {
      g_autoptr(GString) csv = g_string_new (NULL);

      pkio_history_write_csv (G_LIST_MODEL (ending), csv);
      fwrite (csv->str, 1, csv->len, stdout);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (ending)) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%d", days);

      /* TRANSLATORS: %s is a number of days */
      g_print (g_dngettext (NULL, "No certificate ends within %s day.\n",
                            "No certificate ends within %s days.\n", days), number);
    }
  else
    pkio_cli_print_records (G_LIST_MODEL (ending), column_titles, N_COLUMNS, expiring_cell,
                            &window);
  return updated ? PKIO_CLI_EXIT_OK : PKIO_CLI_EXIT_FAILURE;
}
