/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Whom an API key belongs to: the answer of GET user/me, read leniently (a field of the wrong
 * type counts as absent). */
typedef struct
{
  gint64   id;
  char    *first_name;
  char    *last_name;
  char    *email;
  gint64   account_id;      /* "account_id", else the container's id; 0 when neither */
  gint64   container_id;    /* the division ("container") the key works in; 0 when absent */
  char    *container_name;
  GStrv    roles;           /* access_roles[].name, never NULL */
} PkioApiUser;

/* NULL with G_IO_ERROR_INVALID_DATA when @object has no integer "id". */
PkioApiUser *pkio_api_user_from_json  (JsonObject        *object,
                                       GError           **error);
void         pkio_api_user_free       (PkioApiUser       *user);
PkioApiUser *pkio_api_user_copy       (const PkioApiUser *user);

/* "First Last", or the email when there is no name. */
char        *pkio_api_user_dup_name   (const PkioApiUser *user);

/* FALSE for a key whose only role is "View Only": CertCentral lets it GET, never order. */
gboolean     pkio_api_user_can_order  (const PkioApiUser *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioApiUser, pkio_api_user_free)

G_END_DECLS
