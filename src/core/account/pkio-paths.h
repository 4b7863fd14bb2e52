/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the app keeps its data: $XDG_DATA_HOME/pkio-orders/ (pkio-orders-devel/ in a development
 * build). Practice mode keeps its own history file beside the real one, so practice orders never
 * mix with real ones. */
char *pkio_paths_data_dir       (void);
char *pkio_paths_history_file   (gboolean practice);

G_END_DECLS
