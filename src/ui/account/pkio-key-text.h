/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

/* What the window says about an API key being checked, in one place for the welcome page and
 * Preferences. */

/* Why a key check failed, for the person (a rejected key, no network, a timeout, …). */
const char *pkio_key_text_for_check_error (const GError      *error);
/* Why asking about the stored key failed (Preferences: whom it belongs to). */
const char *pkio_key_text_for_stored_key_error (const GError *error);
/* A key whose only role is View Only: refused, since it cannot place orders. */
const char *pkio_key_text_view_only       (void);
/* "Name, Division" (or "Name, account N"): whom a key belongs to. */
char       *pkio_key_text_describe_user   (const PkioApiUser *user);

G_END_DECLS
