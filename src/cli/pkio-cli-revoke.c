/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-request.h"
#include "pkio-cli-table.h"
#include "pkio-cli-workspace.h"
#include "pkio-revoke-sender.h"

/* `pkio-orders revoke ORDER_ID --reason …`: asks CertCentral to revoke one certificate, through
 * the one revoke path (pkio_workspace_revoke_async (), docs/decisions.md#revoke). Revoking cannot
 * be undone, so it is confirmed: typed on a terminal, or --yes. Exit codes as `order`. */

static gboolean
parse_order_id (const char *text,
                gint64     *out_id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out_id = (gint64) value;
  return TRUE;
}

/* The record of @order_id, with its status as CertCentral has it now (issued, or revoked
 * already): order info, which the workspace also keeps in the history. NULL (said why, and
 * *@out_exit set) when there is no such order, or it cannot be read. */
static PkioHistoryRecord *
find_record (PkioWorkspace *workspace,
             gint64         order_id,
             int           *out_exit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioRemoteOrder) order = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  PkioHistoryRecord *record;

  pkio_workspace_fetch_order_async (workspace, order_id, NULL, pkio_cli_async_cb, &result);
  order = pkio_workspace_fetch_order_finish (workspace, pkio_cli_wait (&result), &store_error,
                                             &error);
  if (order == NULL)
    {
      if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NOT_FOUND))
        {
          /* TRANSLATORS: %s is an order number */
          g_printerr (_("No order %s on this account. Check the number with "
                        "“pkio-orders history”.\n"), id);
          *out_exit = PKIO_CLI_EXIT_INVALID;
          return NULL;
        }
      g_printerr ("%s\n", _("Could not get the order from CertCentral."));
      if (!pkio_cli_explain_key_rejected (error, _("Nothing was sent.")))
        {
          g_printerr ("%s\n", error->message);
          g_printerr ("%s\n", _("Nothing was sent."));
        }
      *out_exit = PKIO_CLI_EXIT_FAILURE;
      return NULL;
    }
  record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace), order_id);
  if (record == NULL)
    {
      /* Revoking goes through the history's journal: without it, nothing may be sent. */
      g_printerr (_("The order could not be kept in the order history, so nothing was sent: "
                    "%s\n"), store_error != NULL ? store_error->message : "");
      *out_exit = PKIO_CLI_EXIT_FAILURE;
    }
  return record;
}

/* An unknown revocation is checked against order info before anything is sent again. FALSE
 * (said why, *@out_exit set) when it must not be sent now. */
static gboolean
settle_unknown (PkioWorkspace     *workspace,
                PkioHistoryRecord *record,
                int               *out_exit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioRevokeState state;

  if (pkio_history_record_get_revoke_state (record) != PKIO_REVOKE_UNKNOWN)
    return TRUE;
  g_printerr ("%s\n", _("It is not known whether CertCentral took the last request to revoke "
                        "this certificate: checking first."));
  pkio_workspace_check_revoke_async (workspace, record, NULL, pkio_cli_async_cb, &result);
  state = pkio_workspace_check_revoke_finish (workspace, pkio_cli_wait (&result), NULL, &error);
  if (error != NULL)
    {
      g_printerr (_("Could not check it with CertCentral: %s\n"), error->message);
      g_printerr ("%s\n", _("Nothing was sent. Try again later."));
      *out_exit = PKIO_CLI_EXIT_UNKNOWN;
      return FALSE;
    }
  if (state == PKIO_REVOKE_REQUESTED)
    {
      g_autofree char *sentence = pkio_history_record_dup_status_sentence (record);

      g_print ("%s\n", _("CertCentral has the request: nothing was sent again."));
      if (sentence != NULL)
        g_print ("%s\n", sentence);
      *out_exit = PKIO_CLI_EXIT_OK;
      return FALSE;
    }
  g_printerr ("%s\n", _("CertCentral has no request to revoke it: it can be asked now."));
  return TRUE;
}

/* Why @record cannot be revoked, or NULL when it can. */
static const char *
why_not_revocable (PkioHistoryRecord *record)
{
  if (pkio_history_record_get_revoke_state (record) == PKIO_REVOKE_REQUESTED
      || pkio_history_record_get_revoke_state (record) == PKIO_REVOKE_SENDING)
    return _("The revocation of this certificate was already asked for.");
  if (g_strcmp0 (pkio_history_record_get_remote_status (record), "revoked") == 0)
    return _("This certificate is revoked already.");
  if (!pkio_history_record_can_revoke (record))
    return _("Only an issued certificate can be revoked.");
  return NULL;
}

/* On a terminal: the person types the word for yes. */
static gboolean
confirmed_on_terminal (void)
{
  char line[64] = "";
  g_autofree char *answer = NULL;

  /* TRANSLATORS: the person must type the word in quotes to go on; keep the quotes' word the
   * same as the translation of "yes" below */
  g_printerr ("%s", _("Type “yes” to revoke it: "));
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  answer = g_strstrip (g_utf8_casefold (line, -1));
  /* TRANSLATORS: the word typed to confirm, as in “Type “yes” to revoke it” */
  return g_str_equal (answer, "yes") || g_str_equal (answer, _("yes"));
}

static int
exit_for_result (const PkioRevokeResult *revoked)
{
  switch (revoked->state)
    {
    case PKIO_REVOKE_RESULT_REQUESTED:
      return PKIO_CLI_EXIT_OK;
    case PKIO_REVOKE_RESULT_INVALID:
      return PKIO_CLI_EXIT_INVALID;
    case PKIO_REVOKE_RESULT_UNKNOWN:
      return PKIO_CLI_EXIT_UNKNOWN;
    case PKIO_REVOKE_RESULT_REFUSED:
      {
        int exit_code = pkio_cli_exit_for_request_error (revoked->error);

        return exit_code == PKIO_CLI_EXIT_OK ? PKIO_CLI_EXIT_FAILURE : exit_code;
      }
    case PKIO_REVOKE_RESULT_NOT_SENT:
    case PKIO_REVOKE_RESULT_NOT_RECORDED:
    default:
      return PKIO_CLI_EXIT_FAILURE;
    }
}

static void
print_result (const PkioRevokeResult *revoked)
{
  g_autofree char *sentence = NULL;

  switch (revoked->state)
    {
    case PKIO_REVOKE_RESULT_REQUESTED:
      sentence = pkio_history_record_dup_status_sentence (revoked->record);
      g_print ("%s\n", sentence != NULL ? sentence : _("Revocation requested."));
      break;
    case PKIO_REVOKE_RESULT_UNKNOWN:
      g_printerr ("%s\n", revoked->error->message);
      g_printerr ("%s\n", _("Do NOT ask again blindly: run this command again later, it "
                            "checks with CertCentral first."));
      break;
    case PKIO_REVOKE_RESULT_REFUSED:
      g_printerr ("%s\n", _("CertCentral refused to revoke the certificate:"));
      pkio_cli_print_api_error (revoked->error);
      break;
    case PKIO_REVOKE_RESULT_NOT_SENT:
      if (!pkio_cli_explain_key_rejected (revoked->error, _("Nothing was sent.")))
        g_printerr (_("The request to revoke the certificate was not sent: %s\n"),
                    revoked->error->message);
      break;
    case PKIO_REVOKE_RESULT_NOT_RECORDED:
      g_printerr (_("The request could not be written to the order history, so it was not "
                    "sent: %s\n"), revoked->error->message);
      break;
    case PKIO_REVOKE_RESULT_INVALID:
    default:
      g_printerr ("%s\n", revoked->error->message);
      break;
    }
}

int
pkio_cli_revoke (gboolean   practice,
                 int        argc,
                 char     **argv)
{
  gboolean practice_option = FALSE;
  gboolean yes = FALSE;
  g_autofree char *reason_text = NULL;
  g_autofree char *comment = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason_text,
      N_("Why: lost (the token is lost or stolen), left (the holder has left or no longer "
         "needs it), wrong-details (the certificate’s details are wrong) or other (say why "
         "with --comment)"), N_("REASON") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment,
      N_("More words for the administrator who approves it"), N_("TEXT") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Do not ask for confirmation (needed when not run on a terminal)"), NULL },
    PKIO_CLI_PRACTICE_ENTRY (&practice_option, N_("Ask the practice simulator, not CertCentral")),
    { NULL }
  };
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioRevokeResult) revoked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *id = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *certificate = NULL;
  PkioHistoryRecord *record;
  PkioRevokeReason reason = PKIO_REVOKE_REASON_OTHER;
  const char *why_not;
  gint64 order_id = 0;
  int exit_code;

  if (!pkio_cli_parse_options ("revoke", _("ORDER_ID"),
                               _("Asks CertCentral to revoke the certificate of one order. An "
                                 "administrator of your CertCentral account approves it; then "
                                 "the certificate is revoked, which cannot be undone."),
                               entries, &argc, &argv))
    return PKIO_CLI_EXIT_INVALID;
  if (!pkio_cli_practice_mode (practice, practice_option, &practice))
    return PKIO_CLI_EXIT_FAILURE;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Name one order: pkio-orders revoke ORDER_ID --reason REASON"));
      return PKIO_CLI_EXIT_INVALID;
    }
  if (!parse_order_id (argv[1], &order_id))
    {
      /* TRANSLATORS: %s is what the person typed */
      g_printerr (_("“%s” is not an order number. An order number is a whole number above "
                    "zero, such as 843668399 (see “pkio-orders history”).\n"), argv[1]);
      return PKIO_CLI_EXIT_INVALID;
    }
  if (reason_text == NULL || !pkio_revoke_reason_from_string (reason_text, &reason))
    {
      /* TRANSLATORS: keep the option and the four words as they are */
      g_printerr ("%s\n", _("--reason: say why with lost, left, wrong-details or other."));
      return PKIO_CLI_EXIT_INVALID;
    }
  normalized = pkio_revoke_comment_normalize (reason, comment, &error);
  if (normalized == NULL)
    {
      g_printerr ("--comment: %s\n", error->message);
      return PKIO_CLI_EXIT_INVALID;
    }
  if (!yes && !isatty (STDIN_FILENO))
    {
      g_printerr ("%s\n", _("Revoking cannot be undone, and there is no terminal to confirm it "
                            "on: add --yes to revoke without asking."));
      return PKIO_CLI_EXIT_INVALID;
    }

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_KEY | PKIO_CLI_NEED_HISTORY,
                                       &exit_code);
  if (workspace == NULL)
    return exit_code;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  record = find_record (workspace, order_id, &exit_code);
  if (record == NULL)
    return exit_code;
  if (!settle_unknown (workspace, record, &exit_code))
    return exit_code;
  why_not = why_not_revocable (record);
  if (why_not != NULL)
    {
      g_printerr ("%s\n", why_not);
      return PKIO_CLI_EXIT_INVALID;
    }

  holder = pkio_cli_holder_text (record);
  certificate = g_strdup_printf ("%" G_GINT64_FORMAT,
                                 pkio_history_record_get_certificate_id (record));
  /* TRANSLATORS: first %s is the holder, second an order number, third a certificate number */
  g_printerr (_("Revoke the certificate of %s (order %s, certificate %s)?\n"), holder, id,
              certificate);
  /* TRANSLATORS: %s is why, e.g. "The token is lost or stolen" */
  g_printerr (_("Reason: %s\n"), pkio_revoke_reason_label (reason));
  g_printerr ("%s\n", _("Revocation cannot be undone: the certificate can no longer be used."));
  if (!yes && !confirmed_on_terminal ())
    {
      g_printerr ("%s\n", _("Not revoked: nothing was sent."));
      return PKIO_CLI_EXIT_FAILURE;
    }

  pkio_workspace_revoke_async (workspace, record, reason, normalized, NULL, pkio_cli_async_cb,
                               &result);
  revoked = pkio_workspace_revoke_finish (workspace, pkio_cli_wait (&result));
  print_result (revoked);
  return exit_for_result (revoked);
}
