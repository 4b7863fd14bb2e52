/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz-util.h"

/* Replays files through one fuzz harness without libFuzzer, so the normal build (gcc, and
 * -Db_sanitize=address,undefined) checks the whole corpus in `meson test`. Arguments are
 * files or folders (read one level deep, sorted). Prints TAP: one "ok" per kind of corpus file;
 * a broken promise aborts the process, which the test harness reports with the file named
 * just before. */

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&file));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "seed", "regress" or "found": the part of a corpus file's name before the first '-'. */
static char *
kind_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dash = strchr (base, '-');

  return dash != NULL ? g_strndup (base, dash - base) : g_strdup (base);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_paths);

  if (files->len == 0)
    {
      printf ("Bail out! no corpus files given\n");
      return 1;
    }

  /* One TAP line per kind of file (seed, regress, found), so that a few thousand inputs do
   * not drown the suite's count; the "#" line before each input names it when it aborts. */
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *kind = kind_of (g_ptr_array_index (files, i));

      if (kinds->len == 0 || !g_str_equal (g_ptr_array_index (kinds, kinds->len - 1), kind))
        g_ptr_array_add (kinds, g_steal_pointer (&kind));
    }
  printf ("1..%u\n", kinds->len);

  for (guint k = 0, i = 0; k < kinds->len; k++)
    {
      const char *kind = g_ptr_array_index (kinds, k);
      guint count = 0;
      guint unreadable = 0;

      for (; i < files->len; i++)
        {
          const char *path = g_ptr_array_index (files, i);
          g_autofree char *file_kind = kind_of (path);
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (!g_str_equal (file_kind, kind))
            break;
          printf ("# %s\n", path);
          fflush (stdout);
          if (!g_file_get_contents (path, &contents, &length, NULL))
            {
              printf ("# could not read %s\n", path);
              unreadable++;
              continue;
            }
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          count++;
        }
      printf ("%s %u - %s-*: %u inputs\n", unreadable > 0 ? "not ok" : "ok", k + 1, kind, count);
      fflush (stdout);
    }
  return 0;
}
