/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PKIO_TYPE_PREFERENCES_WINDOW (pkio_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PkioPreferencesWindow, pkio_preferences_window, PKIO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

PkioPreferencesWindow *pkio_preferences_window_new (GSettings *settings);

G_END_DECLS
