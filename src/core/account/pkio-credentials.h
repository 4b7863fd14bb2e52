/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define PKIO_CREDENTIALS_ERROR (pkio_credentials_error_quark ())

typedef enum
{
  PKIO_CREDENTIALS_ERROR_NO_SERVICE,  /* no Secret Service (keyring) on the session bus */
  PKIO_CREDENTIALS_ERROR_LOCKED,      /* the keyring is locked (or unlocking was dismissed) */
  PKIO_CREDENTIALS_ERROR_FAILED,
} PkioCredentialsError;

GQuark             pkio_credentials_error_quark  (void);

/* io.github.pkioorders.PkioOrders.ApiKey, one string attribute "api-url". */
const SecretSchema *pkio_credentials_get_schema  (void);

/* Turns a libsecret / D-Bus error into a PKIO_CREDENTIALS_ERROR with a message for the person
 * (G_IO_ERROR_CANCELLED is passed through). Returns a new error. */
GError            *pkio_credentials_map_error    (const GError        *error);

/* NULL without error: no key stored for @api_url. A key that exists in a locked keyring gives
 * PKIO_CREDENTIALS_ERROR_LOCKED (checked after libsecret's silent NULL). Free the key with
 * pkio_credentials_free_key (wipes it). */
void               pkio_credentials_lookup_async  (const char          *api_url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char              *pkio_credentials_lookup_finish (GAsyncResult        *result,
                                                   GError             **error);

void               pkio_credentials_store_async   (const char          *api_url,
                                                   const char          *key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean           pkio_credentials_store_finish  (GAsyncResult        *result,
                                                   GError             **error);

/* TRUE also when nothing was stored. */
void               pkio_credentials_clear_async   (const char          *api_url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean           pkio_credentials_clear_finish  (GAsyncResult        *result,
                                                   GError             **error);

/* secret_password_free: wipes, then frees. */
void               pkio_credentials_free_key      (char                *key);

G_END_DECLS
