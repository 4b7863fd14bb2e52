/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cli-common.h"
#include "pkio-cli-request.h"

int
pkio_cli_exit_for_request_error (const GError *error)
{
  if (error == NULL)
    return PKIO_CLI_EXIT_OK;

  switch (pkio_api_error_get_meaning (error))
    {
    case PKIO_ERROR_MEANING_REJECTED:
    case PKIO_ERROR_MEANING_NOT_ALLOWED:
      return PKIO_CLI_EXIT_REJECTED;
    case PKIO_ERROR_MEANING_UNKNOWN:
      return PKIO_CLI_EXIT_UNKNOWN;
    case PKIO_ERROR_MEANING_FIX_KEY:
      /* Nothing is wrong with what was asked: sent again with another key, it may well go
       * through. 3 would tell a script to change the request. */
    case PKIO_ERROR_MEANING_RETRY_LATER:
    case PKIO_ERROR_MEANING_FAILED:
    default:
      return PKIO_CLI_EXIT_FAILURE;
    }
}

int
pkio_cli_exit_for_send_result (const PkioSendResult *sent)
{
  g_return_val_if_fail (sent != NULL, PKIO_CLI_EXIT_FAILURE);

  switch (sent->state)
    {
    case PKIO_SEND_STATE_PLACED:
      return PKIO_CLI_EXIT_OK;
    case PKIO_SEND_STATE_INVALID:
      return PKIO_CLI_EXIT_INVALID;
    case PKIO_SEND_STATE_UNKNOWN:
      return PKIO_CLI_EXIT_UNKNOWN;
    case PKIO_SEND_STATE_REJECTED:
      {
        int exit_code = pkio_cli_exit_for_request_error (sent->error);

        return exit_code == PKIO_CLI_EXIT_OK ? PKIO_CLI_EXIT_FAILURE : exit_code;
      }
    case PKIO_SEND_STATE_NOT_RECORDED:
    default:
      return PKIO_CLI_EXIT_FAILURE;
    }
}

gboolean
pkio_cli_explain_key_rejected (const GError *error,
                               const char   *nothing_done)
{
  if (pkio_api_error_get_meaning (error) != PKIO_ERROR_MEANING_FIX_KEY)
    return FALSE;

  g_printerr ("%s\n", _("CertCentral did not accept the API key: it may have been revoked or "
                        "have expired."));
  if (nothing_done != NULL)
    g_printerr ("%s\n", nothing_done);
  g_printerr ("%s\n", _("Replace the key with “pkio-orders set-api-key” (a new key is made in "
                        "CertCentral under Automation › API keys), then try again."));
  return TRUE;
}
