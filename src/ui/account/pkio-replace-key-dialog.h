/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_REPLACE_KEY_DIALOG (pkio_replace_key_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PkioReplaceKeyDialog, pkio_replace_key_dialog, PKIO, REPLACE_KEY_DIALOG,
                      AdwWindow)

/* "Replace API key": what "Replace key…" opens when CertCentral no longer accepts the key
 * (the banner over New order and History, the review). One field for the new key and a
 * button, with the same checked replacement as Preferences (PkioKeyReplacer). A refusal is
 * said under the field and on it; a key that passed is stored and used, and the dialog
 * closes after emitting "replaced" (const char *who: whom the key belongs to). Escape
 * closes it; nothing changes then. */
PkioReplaceKeyDialog *pkio_replace_key_dialog_new (GtkWindow     *parent,
                                                   PkioWorkspace *workspace);

G_END_DECLS
