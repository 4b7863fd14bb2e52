/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_KEY_REPLACER (pkio_key_replacer_get_type ())
G_DECLARE_FINAL_TYPE (PkioKeyReplacer, pkio_key_replacer, PKIO, KEY_REPLACER, GObject)

/* The checked replacement of an account's API key, for the entry row it is given: the one
 * flow behind Preferences' "Replace key" and the Replace key dialog (what the banner about a
 * key CertCentral no longer accepts opens). The key typed into @row is asked about at
 * CertCentral first (GET user/me; a View Only key is refused, since it cannot order), and only
 * a key that passes is stored in the keyring and used by @workspace from then on, which takes
 * the account out of "key rejected".
 *
 * The row's "apply" starts it. While it works the row is read-only, not insensitive: it keeps
 * the focus, and a screen reader its place. A refusal is put on the row (its "error" style and
 * its accessible description) and given to "failed"; success empties the row and emits
 * "replaced". The key is kept no longer than the calls need it, and wiped.
 *
 * Signals: "replaced" (const char *who: whom the new key belongs to, "Name, Division"),
 * "failed" (const char *message: why, in words for people). Property: "busy". */
PkioKeyReplacer *pkio_key_replacer_new      (PkioWorkspace   *workspace,
                                             AdwEntryRow     *row);
gboolean         pkio_key_replacer_get_busy (PkioKeyReplacer *self);

G_END_DECLS
