/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Settings an organisation has set and locked (dconf locks, docs/deploying.md), shown where a
 * person would change them.
 *
 * A row (AdwEntryRow, or AdwActionRow and its kinds) that shows a setting carries the
 * setting's name as its id in the .ui, with "_" for "-" and "_row" after it: the key
 * "api-base-url" is shown by the row "api_base_url_row". For every such row inside @owner,
 * while its key is locked (not writable) the row shows the value as it is, with a lock and
 * "Set by your organisation" (also its accessible description), and it cannot be changed: an
 * entry row is not editable and offers no Apply (it keeps the focus, so a keyboard or screen
 * reader user can still read it), any other row is insensitive. The row follows the lock as it
 * comes and goes. A setting added to Preferences needs nothing but that id. */
void pkio_settings_lock_show_rows (GSettings *settings,
                                   GtkWidget *owner);

G_END_DECLS
