/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-paths.h"

char *
pkio_paths_data_dir (void)
{
  /* pkio-orders-devel in a development build, so it never opens the real history. */
  return g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, NULL);
}

char *
pkio_paths_history_file (gboolean practice)
{
  g_autofree char *dir = pkio_paths_data_dir ();

  return g_build_filename (dir, practice ? "practice-history.sqlite" : "history.sqlite", NULL);
}
