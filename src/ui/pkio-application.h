/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-notifier.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_APPLICATION (pkio_application_get_type ())
G_DECLARE_FINAL_TYPE (PkioApplication, pkio_application, PKIO, APPLICATION, AdwApplication)

/* The application owns the settings and the one workspace (the account) that every window
 * shows; both exist from "startup" on. Property "workspace". */
PkioApplication *pkio_application_new           (void);
GSettings       *pkio_application_get_settings  (PkioApplication *self);
gboolean         pkio_application_get_practice  (PkioApplication *self);
PkioWorkspace   *pkio_application_get_workspace (PkioApplication *self);
/* What tells the person about issued and rejected orders (from "startup" on). */
PkioOrderNotifier *pkio_application_get_notifier (PkioApplication *self);
/* Replaces the workspace with a practice one (or the real one), without a restart. Actions
 * "app.start-practice" and "app.leave-practice" do the same. */
void             pkio_application_set_practice  (PkioApplication *self,
                                                 gboolean         practice);

G_END_DECLS
