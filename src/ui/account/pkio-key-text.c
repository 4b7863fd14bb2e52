/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-key-text.h"

const char *
pkio_key_text_for_check_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  switch (pkio_api_error_get_meaning (error))
    {
    case PKIO_ERROR_MEANING_FIX_KEY:
    case PKIO_ERROR_MEANING_NOT_ALLOWED:
    case PKIO_ERROR_MEANING_REJECTED:
      return _("CertCentral did not accept this key, so it was not saved. Check that you "
               "copied all of it and that it is still active.");
    case PKIO_ERROR_MEANING_RETRY_LATER:
      if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK))
        return _("CertCentral cannot be reached, so the key could not be checked. Check the "
                 "internet connection and try again, or save the key now: it is checked when "
                 "it is first used.");
      if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_TIMEOUT))
        return _("CertCentral did not answer in time, so the key could not be checked. Try "
                 "again in a moment.");
      return error->message;
    case PKIO_ERROR_MEANING_UNKNOWN:
    case PKIO_ERROR_MEANING_FAILED:
    default:
      return error->message;
    }
}

const char *
pkio_key_text_for_stored_key_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (pkio_api_error_get_meaning (error) == PKIO_ERROR_MEANING_FIX_KEY)
    return _("CertCentral no longer accepts this API key. Replace it with a new key from "
             "CertCentral (Automation › API keys).");
  if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK))
    return _("CertCentral cannot be reached, so whom the key belongs to cannot be shown now.");
  return error->message;
}

const char *
pkio_key_text_view_only (void)
{
  return _("This key may only look at orders (its role is “View Only”), not place them, so it "
           "was not saved. Ask your CertCentral administrator for a key with a role that may "
           "order.");
}

char *
pkio_key_text_describe_user (const PkioApiUser *user)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (user != NULL, NULL);

  name = pkio_api_user_dup_name (user);
  if (user->container_name != NULL && *user->container_name != '\0')
    /* Translators: a person's name, then their CertCentral account or division */
    return g_strdup_printf (_("%s, %s"), name, user->container_name);
  if (user->account_id > 0)
    /* Translators: a person's name, then a CertCentral account number */
    return g_strdup_printf (_("%s, account %ld"), name, (long) user->account_id);
  return g_steal_pointer (&name);
}
