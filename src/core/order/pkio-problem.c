/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-problem.h"

#include <string.h>

PkioProblem *
pkio_problem_new (const char *path,
                  const char *code,
                  const char *message)
{
  PkioProblem *problem;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  problem = g_new0 (PkioProblem, 1);
  problem->path = g_strdup (path);
  problem->code = g_strdup (code);
  problem->message = g_strdup (message ? message : "");
  return problem;
}

void
pkio_problem_free (PkioProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->code);
  g_free (problem->message);
  g_free (problem);
}

GPtrArray *
pkio_problem_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_problem_free);
}

void
pkio_problem_list_add (GPtrArray  *problems,
                       const char *path,
                       const char *code,
                       const char *message)
{
  g_return_if_fail (problems != NULL);

  g_ptr_array_add (problems, pkio_problem_new (path, code, message));
}

void
pkio_problem_list_take (GPtrArray  *problems,
                        const char *path,
                        const char *code,
                        char       *message)
{
  pkio_problem_list_add (problems, path, code, message);
  g_free (message);
}

PkioProblem *
pkio_problem_list_find (GPtrArray  *problems,
                        const char *path)
{
  g_return_val_if_fail (problems != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      PkioProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->path, path))
        return problem;
    }
  return NULL;
}

static gboolean
covers (const char *outer,
        const char *path)
{
  gsize len = strlen (outer);

  return strncmp (outer, path, len) == 0 && (path[len] == '\0' || path[len] == '.');
}

void
pkio_problem_list_merge (GPtrArray *dest,
                         GPtrArray *src)
{
  guint dest_len;

  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  dest_len = dest->len;
  for (guint i = 0; i < src->len; i++)
    {
      PkioProblem *problem = g_ptr_array_index (src, i);
      gboolean known = FALSE;

      for (guint j = 0; j < dest_len && !known; j++)
        known = covers (((PkioProblem *) g_ptr_array_index (dest, j))->path, problem->path);
      if (!known)
        g_ptr_array_add (dest, pkio_problem_new (problem->path, problem->code, problem->message));
    }
  g_ptr_array_set_size (src, 0);
}
