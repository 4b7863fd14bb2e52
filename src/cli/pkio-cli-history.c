/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-table.h"
#include "pkio-cli-workspace.h"
#include "pkio-history-export.h"
#include "pkio-history-record.h"

enum { COL_DATE, COL_ORDER, COL_STATUS, COL_HOLDER, COL_PROFILE, COL_SHIPPING, COL_PLACED,
       N_COLUMNS };

static const char *const column_titles[N_COLUMNS] = {
  N_("Date"), N_("Order"), N_("Status"), N_("Holder"), N_("Profile"), N_("Shipping"),
  N_("Placed from"),
};

static char *
cell_text (PkioHistoryRecord *record,
           guint              column)
{
  switch (column)
    {
    case COL_DATE:
      {
        g_autoptr(GDateTime) created = pkio_history_record_dup_created (record);

        return pkio_cli_format_time (created);
      }
    case COL_ORDER:
      if (pkio_history_record_get_order_id (record) > 0)
        return g_strdup_printf ("%" G_GINT64_FORMAT, pkio_history_record_get_order_id (record));
      return g_strdup ("—");
    case COL_STATUS:
      return g_strdup (pkio_history_record_get_status_label (record));
    case COL_HOLDER:
      return pkio_cli_holder_text (record);
    case COL_PROFILE:
      {
        const char *profile = pkio_history_record_get_profile (record);

        return g_strdup (profile != NULL ? pkio_history_profile_label (profile) : "—");
      }
    case COL_SHIPPING:
      {
        const char *method = pkio_history_record_get_ship_method (record);

        return g_strdup (method != NULL ? pkio_history_ship_method_label (method) : "—");
      }
    case COL_PLACED:
      return g_strdup (pkio_history_origin_label (pkio_history_record_get_origin (record)));
    default:
      g_assert_not_reached ();
    }
}

static char *
history_cell (PkioHistoryRecord *record,
              guint              column,
              gpointer           user_data)
{
  return cell_text (record, column);
}

/* Attempts whose outcome CertCentral could not settle: which orders they may be. */
static void
print_candidates (GListModel *records)
{
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);
      g_autofree char *text = pkio_history_record_dup_candidates_text (record);

      if (text != NULL)
        g_print ("\n%s\n", text);
    }
}

int
pkio_cli_history (gboolean   practice,
                  int        argc,
                  char     **argv)
{
  gboolean as_json = FALSE;
  gboolean as_csv = FALSE;
  gboolean practice_option = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print the history as JSON (the same data as the window's export)"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv,
      N_("Print the history as CSV (the same data as the window's export)"), NULL },
    PKIO_CLI_PRACTICE_ENTRY (&practice_option,
                             N_("Show the practice history")),
    { NULL }
  };
  g_autoptr(PkioWorkspace) workspace = NULL;
  PkioHistoryStore *store;
  gboolean updated;
  int exit_code;

  if (!pkio_cli_parse_options ("history", "",
                               _("Shows the orders of this account: the ones placed on this "
                                 "computer and, after an update from CertCentral, the ones "
                                 "placed elsewhere. Orders whose outcome was unknown are "
                                 "checked with CertCentral first. When CertCentral cannot be "
                                 "reached or used, it shows what is stored on this computer, "
                                 "says how old that is, and exits with status 1."),
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
      g_printerr ("%s\n", _("history takes no arguments. Run “pkio-orders history --help” to "
                            "see the options."));
      return PKIO_CLI_EXIT_INVALID;
    }

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_HISTORY, &exit_code);
  if (workspace == NULL)
    return exit_code;
  store = pkio_workspace_get_store (workspace);

  /* Not updated: what is stored is still printed, and the exit status says it is stale. */
  updated = pkio_cli_update_history (workspace);

  if (as_json)
    {
      g_autoptr(JsonNode) node = pkio_history_to_json (G_LIST_MODEL (store));
      g_autofree char *text = pkio_cli_json_to_string (node);

      g_print ("%s", text);
    }
  else if (as_csv)
    {
      g_autoptr(GString) csv = g_string_new (NULL);

      pkio_history_write_csv (G_LIST_MODEL (store), csv);
      fwrite (csv->str, 1, csv->len, stdout);
    }
  else
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
        g_print ("%s\n", _("No orders yet."));
      else
        pkio_cli_print_records (G_LIST_MODEL (store), column_titles, N_COLUMNS, history_cell,
                                NULL);
      print_candidates (G_LIST_MODEL (store));
    }

  return updated ? PKIO_CLI_EXIT_OK : PKIO_CLI_EXIT_FAILURE;
}
