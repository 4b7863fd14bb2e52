/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PKIO_TYPE_APPLICATION (pkio_application_get_type ())
G_DECLARE_FINAL_TYPE (PkioApplication, pkio_application, PKIO, APPLICATION, AdwApplication)

PkioApplication *pkio_application_new          (void);
GSettings       *pkio_application_get_settings (PkioApplication *self);
gboolean         pkio_application_get_practice (PkioApplication *self);

G_END_DECLS
