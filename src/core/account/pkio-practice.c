/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pkio-paths.h"
#include "pkio-practice.h"

#define PRACTICE_STATE_FILE "practice-simulator.json"

PkioSimulator *
pkio_practice_simulator_start (GError **error)
{
  g_autofree char *dir = pkio_paths_data_dir ();
  g_autofree char *state_file = g_build_filename (dir, PRACTICE_STATE_FILE, NULL);
  g_autoptr(PkioSimulator) simulator = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  simulator = pkio_simulator_new ();
  pkio_simulator_set_api_key (simulator, PKIO_SIMULATOR_DEFAULT_API_KEY);
  pkio_simulator_set_state_file (simulator, state_file);
  if (!pkio_simulator_start (simulator, error))
    return NULL;
  return g_steal_pointer (&simulator);
}
