/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-workspace.h"
#include "pkio-history-export.h"
#include "pkio-history-record.h"

enum { COL_DATE, COL_ORDER, COL_STATUS, COL_HOLDER, COL_PROFILE, COL_SHIPPING, COL_PLACED,
       N_COLUMNS };

static const char *column_titles[N_COLUMNS] = {
  N_("Date"), N_("Order"), N_("Status"), N_("Holder"), N_("Profile"), N_("Shipping"),
  N_("Placed from"),
};

/* Reconciles unknown attempts and brings in what changed at CertCentral. */
static gboolean
update_from_certcentral (PkioWorkspace  *workspace,
                         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  switch (pkio_workspace_get_key_state (workspace))
    {
    case PKIO_KEY_STATE_NONE:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No API key is stored for %s. Run “pkio-orders set-api-key” to add one."),
                   pkio_workspace_get_base_url (workspace));
      return FALSE;
    case PKIO_KEY_STATE_UNAVAILABLE:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           pkio_workspace_get_key_message (workspace));
      return FALSE;
    case PKIO_KEY_STATE_AVAILABLE:
    case PKIO_KEY_STATE_LOOKING:
    default:
      break;
    }

  pkio_workspace_sync_async (workspace, NULL, pkio_cli_async_cb, &result);
  return pkio_workspace_sync_finish (workspace, pkio_cli_wait (&result), error);
}

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
      {
        const char *name = pkio_history_record_get_holder_name (record);
        const char *email = pkio_history_record_get_holder_email (record);
        char *label;

        if (name != NULL && *name != '\0' && email != NULL && *email != '\0')
          return g_strdup_printf ("%s <%s>", name, email);
        label = pkio_history_record_dup_holder_label (record);
        return label != NULL ? label : g_strdup ("—");
      }
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

static void
append_padded (GString    *line,
               const char *text,
               guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (line, ' ');
}

/* A plain text table; columns as wide as their widest cell. */
static void
print_table (GListModel *records)
{
  guint n = g_list_model_get_n_items (records);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[N_COLUMNS];

  if (n == 0)
    {
      g_print ("%s\n", _("No orders yet."));
      return;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = g_utf8_strlen (_(column_titles[c]), -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          char *text = cell_text (record, c);

          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (text, -1));
          g_ptr_array_add (cells, text);
        }
    }

  for (guint row = 0; row <= n; row++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          const char *text = row == 0
                             ? _(column_titles[c])
                             : g_ptr_array_index (cells, (row - 1) * N_COLUMNS + c);

          if (c + 1 < N_COLUMNS)
            {
              append_padded (line, text, widths[c]);
              g_string_append (line, "  ");
            }
          else
            g_string_append (line, text);
        }
      g_print ("%s\n", line->str);
    }
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

static void
warn_offline (PkioHistoryStore *store,
              const GError     *error)
{
  gint64 last_sync = pkio_history_store_get_last_sync (store);

  if (last_sync > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (last_sync);
      g_autofree char *text = pkio_cli_format_time (when);

      g_printerr (_("Could not update from CertCentral. Showing what was stored on %s.\n"), text);
      g_printerr ("%s\n", error->message);
    }
  else
    {
      g_printerr (_("Could not update from CertCentral. Showing what is stored on this "
                    "computer.\n"));
      g_printerr ("%s\n", error->message);
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
  g_autoptr(GError) error = NULL;
  int exit_code;

  if (!pkio_cli_parse_options ("history", "",
                               _("Shows the orders of this account: the ones placed on this "
                                 "computer and, after an update from CertCentral, the ones "
                                 "placed elsewhere. Orders whose outcome was unknown are "
                                 "checked with CertCentral first."),
                               entries, &argc, &argv))
    return PKIO_CLI_EXIT_INVALID;

  practice = pkio_cli_practice_mode (practice, practice_option);

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

  if (!update_from_certcentral (workspace, &error))
    warn_offline (store, error);

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
      print_table (G_LIST_MODEL (store));
      print_candidates (G_LIST_MODEL (store));
    }

  return PKIO_CLI_EXIT_OK;
}
