/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings (io.github.pkioorders.PkioOrders), or NULL when the schema is not
 * installed (a script run from the build tree, a server without the app's data files):
 * g_settings_new () would abort the process there, and the defaults do instead. */
GSettings *pkio_settings_new_if_installed (void);

/* How many days before its end a certificate "ends soon": the setting expiry-warning-days
 * (30, 60 or 90), or PKIO_EXPIRY_WARNING_DAYS_DEFAULT when @settings is NULL. */
guint      pkio_settings_get_expiry_warning_days (GSettings *settings);

G_END_DECLS
