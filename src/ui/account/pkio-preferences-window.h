/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_PREFERENCES_WINDOW (pkio_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PkioPreferencesWindow, pkio_preferences_window, PKIO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The app's settings, and the workspace whose account (key, user, balance) it shows. */
PkioPreferencesWindow *pkio_preferences_window_new (GSettings     *settings,
                                                    PkioWorkspace *workspace);

G_END_DECLS
