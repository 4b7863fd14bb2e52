/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The helpers of bench-util.h: each stood, the same, in two to four benchmarks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"

void
bench_async_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
bench_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

gboolean
bench_watchdog_cb (gpointer data)
{
  BenchWatchdog *dog = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = bench_thread_cpu_us ();

  if (dog->last > 0)
    {
      dog->worst = MAX (dog->worst, now - dog->last);
      dog->worst_cpu = MAX (dog->worst_cpu, cpu - dog->last_cpu);
    }
  dog->last = now;
  dog->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

double
bench_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen (field) + 1, NULL);
}

void
bench_use_own_settings (const char *argv0)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      /* The schema compiled in the build tree, next to bench/. */
      g_autofree char *bench_dir = g_path_get_dirname (argv0);
      g_autofree char *schema_dir = g_build_filename (bench_dir, "..", "data", NULL);

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }
}

void
bench_remove_dir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);
}
