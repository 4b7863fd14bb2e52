/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The two steps every chain of async calls in the history (and the workspace's calls into it)
 * ends its GTask with. Each step of a chain owns the task (g_autoptr) and hands it on with
 * g_steal_pointer (); these take an error it owns. */

/* With an @error: answers @task with it and says TRUE (the chain stops here). */
static inline gboolean
pkio_task_fail_if_error (GTask  *task,
                         GError *error)
{
  if (error == NULL)
    return FALSE;
  g_task_return_error (task, error);
  return TRUE;
}

/* The last step of a chain: answers @task with @error, or TRUE when there is none. */
static inline void
pkio_task_finish_chain (GTask  *task,
                        GError *error)
{
  if (pkio_task_fail_if_error (task, error))
    return;
  g_task_return_boolean (task, TRUE);
}

G_END_DECLS
