/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Schema migrations: entry i brings PRAGMA user_version from i to i + 1. Append, never edit. */
const char *const *_pkio_history_migrations (guint *n_migrations);

G_END_DECLS
