/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings (io.github.pkioorders.PkioOrders), or NULL when the schema is not
 * installed (a script run from the build tree, a server without the app's data files):
 * g_settings_new () would abort the process there, and the defaults do instead.
 *
 * An organisation may give any setting a value for everyone and lock it (dconf: a system
 * database and its locks/, docs/deploying.md). A locked key is not writable
 * (g_settings_is_writable ()): the app shows its value and never writes it. */
GSettings  *pkio_settings_new_if_installed   (void);

/* "practice-mode-allowed": whether practice mode may be offered and started. TRUE without
 * settings (no schema installed, so no organisation's say either). */
gboolean    pkio_settings_practice_allowed   (GSettings *settings);
/* Translated: why practice mode cannot be started, for --practice (window and commands). */
const char *pkio_settings_practice_refused   (void);

/* How many days before its end a certificate "ends soon": the setting expiry-warning-days
 * (30, 60 or 90), or PKIO_EXPIRY_WARNING_DAYS_DEFAULT when @settings is NULL. */
guint      pkio_settings_get_expiry_warning_days (GSettings *settings);

G_END_DECLS
