/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cli-common.h"
#include "pkio-cli-request.h"
#include "pkio-cli-workspace.h"
#include "pkio-settings.h"

/* How a subcommand reaches the account: the same PkioWorkspace as the window, with what it
 * says about the key and the history turned into messages and exit codes. */

static void
print_recovered (PkioWorkspace *workspace)
{
  /* A corrupt database was moved aside, not deleted: say where it went. */
  if (pkio_workspace_get_recovered_path (workspace) != NULL)
    g_printerr (_("The order history was damaged. It was moved to “%s” and a new one was "
                  "started; orders placed with CertCentral come back at the next update.\n"),
                pkio_workspace_get_recovered_path (workspace));
}

static gboolean
check_key (PkioWorkspace *workspace,
           gboolean       practice,
           int           *out_exit)
{
  *out_exit = PKIO_CLI_EXIT_FAILURE;
  switch (pkio_workspace_get_key_state (workspace))
    {
    case PKIO_KEY_STATE_AVAILABLE:
      *out_exit = PKIO_CLI_EXIT_OK;
      return TRUE;
    case PKIO_KEY_STATE_NONE:
      g_printerr (_("No API key is stored for %s. Run “pkio-orders set-api-key” and type "
                    "the key, or use --practice to try the app without one.\n"),
                  pkio_workspace_get_base_url (workspace));
      return FALSE;
    case PKIO_KEY_STATE_UNAVAILABLE:
      if (practice)
        /* Practice mode has no keyring: its simulator could not start. */
        g_printerr (_("Could not start: %s\n"), pkio_workspace_get_key_message (workspace));
      else
        /* TRANSLATORS: %s is the reason, e.g. the keyring is locked */
        g_printerr (_("Could not read the API key from the keyring: %s\n"),
                    pkio_workspace_get_key_message (workspace));
      return FALSE;
    case PKIO_KEY_STATE_LOOKING:
    default:
      g_assert_not_reached ();
    }
}

PkioWorkspace *
pkio_cli_open_workspace (gboolean      practice,
                         PkioCliNeeds  needs,
                         int          *out_exit)
{
  g_autoptr(GSettings) settings = practice ? NULL : pkio_settings_new_if_installed ();
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (settings, practice);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) load_error = NULL;

  *out_exit = PKIO_CLI_EXIT_FAILURE;
  if (needs == PKIO_CLI_NEED_NOTHING)
    {
      *out_exit = PKIO_CLI_EXIT_OK;
      return g_steal_pointer (&workspace);
    }

  /* A refused address (remote plain http) is said as such, not as a keyring problem. */
  if (!practice && !pkio_client_check_base_url (pkio_workspace_get_base_url (workspace), &error))
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  pkio_workspace_load_async (workspace, NULL, pkio_cli_async_cb, &result);
  pkio_workspace_load_finish (workspace, pkio_cli_wait (&result), &load_error);

  if ((needs & PKIO_CLI_NEED_KEY) && !check_key (workspace, practice, out_exit))
    return NULL;
  *out_exit = PKIO_CLI_EXIT_FAILURE;

  if (needs & PKIO_CLI_NEED_HISTORY)
    {
      const char *path = pkio_workspace_get_history_path (workspace);

      if (load_error != NULL)
        {
          /* TRANSLATORS: first %s is a file, second the reason */
          g_printerr (_("Could not open the order history “%s”: %s\n"), path,
                      load_error->message);
          return NULL;
        }
      print_recovered (workspace);

      g_clear_object (&result);
      pkio_workspace_read_history_async (workspace, NULL, pkio_cli_async_cb, &result);
      if (!pkio_workspace_read_history_finish (workspace, pkio_cli_wait (&result), &error))
        {
          g_printerr (_("Could not read the order history “%s”: %s\n"), path, error->message);
          return NULL;
        }
    }

  *out_exit = PKIO_CLI_EXIT_OK;
  return g_steal_pointer (&workspace);
}

gboolean
pkio_cli_can_ask_certcentral (PkioWorkspace  *workspace,
                              GError        **error)
{
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
      return TRUE;
    }
}

/* Reconciles unknown attempts and brings in what changed at CertCentral. */
static gboolean
update_from_certcentral (PkioWorkspace  *workspace,
                         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!pkio_cli_can_ask_certcentral (workspace, error))
    return FALSE;
  pkio_workspace_sync_async (workspace, NULL, pkio_cli_async_cb, &result);
  return pkio_workspace_sync_finish (workspace, pkio_cli_wait (&result), error);
}

char *
pkio_cli_age_text (gint64 then,
                   gint64 now)
{
  gint64 hours = MAX (now - then, 0) / 3600;

  if (hours < 1)
    return g_strdup (_("less than an hour ago"));
  if (hours < 48)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         (gulong) hours), (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                       (gulong) (hours / 24)), (int) (hours / 24));
}

void
pkio_cli_warn_not_updated (PkioWorkspace *workspace,
                           const GError  *error)
{
  gint64 last_sync = pkio_history_store_get_last_sync (pkio_workspace_get_store (workspace));

  if (last_sync > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (last_sync);
      g_autofree char *text = pkio_cli_format_time (when);
      g_autofree char *age = pkio_cli_age_text (last_sync, g_get_real_time () / G_USEC_PER_SEC);

      /* TRANSLATORS: first %s is a date and time, second how long ago that was ("3 days ago") */
      g_printerr (_("Could not update from CertCentral. Showing what was stored on %s (%s).\n"),
                  text, age);
    }
  else
    g_printerr ("%s\n", _("Could not update from CertCentral. Showing what is stored on this "
                          "computer; it was never updated from CertCentral."));
  /* Why, in words: a key CertCentral no longer accepts says how to replace it. */
  if (!pkio_cli_explain_key_rejected (error, NULL))
    g_printerr ("%s\n", error->message);
}

gboolean
pkio_cli_update_history (PkioWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;

  if (update_from_certcentral (workspace, &error))
    return TRUE;
  pkio_cli_warn_not_updated (workspace, error);
  return FALSE;
}
