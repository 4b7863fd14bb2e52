/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cold start of the main window: process start to first painted frame, and peak RSS, for
 * pkio-orders and for a bare AdwApplicationWindow, interleaved in the same run.
 *
 *   xvfb-run -a dbus-run-session -- BUILD/bench/bench-startup [RUNS]
 *
 * Both programs print "first-frame <CLOCK_MONOTONIC µs>" and quit when their first frame is
 * painted (PKIO_ORDERS_BENCH_FIRST_FRAME); the peak RSS comes from wait4(). */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  double start_ms;
  double rss_mib;
} Sample;

static Sample
run_once (const char *program,
          char      **envp)
{
  const char *argv[] = { program, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd;
  gint64 started;
  char buffer[256] = { 0 };
  ssize_t n, total = 0;
  struct rusage usage;
  int status;
  gint64 frame_time = 0;
  Sample sample = { 0 };

  started = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("could not start %s: %s", program, error->message);

  while ((n = read (out_fd, buffer + total, sizeof buffer - 1 - total)) > 0)
    total += n;
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4 failed");

  if (sscanf (buffer, "first-frame %" G_GINT64_FORMAT, &frame_time) != 1)
    g_error ("%s did not report its first frame (output: %s)", program, buffer);

  sample.start_ms = (frame_time - started) / 1000.0;
  sample.rss_mib = usage.ru_maxrss / 1024.0;
  return sample;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  int runs = argc > 1 ? atoi (argv[1]) : 5;
  g_autofree char *here = g_path_get_dirname (argv[0]);
  g_autofree char *app = g_build_filename (here, "..", "src", "pkio-orders", NULL);
  g_autofree char *bare = g_build_filename (here, "bench-bare-window", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("pkio-bench-XXXXXX", NULL);
  g_autofree char *schema_dir = g_build_filename (here, "..", "data", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  double app_ms[64], bare_ms[64], app_rss[64], bare_rss[64];

  runs = CLAMP (runs, 1, 64);
  /* A throwaway home: the app must not read or write the real one. */
  envp = g_environ_setenv (envp, "HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  envp = g_environ_setenv (envp, "PKIO_ORDERS_BENCH_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);

  /* One warm-up each, so both start with the same disk cache. */
  run_once (app, envp);
  run_once (bare, envp);
  for (int i = 0; i < runs; i++)
    {
      Sample a = run_once (app, envp);
      Sample b = run_once (bare, envp);

      app_ms[i] = a.start_ms;
      app_rss[i] = a.rss_mib;
      bare_ms[i] = b.start_ms;
      bare_rss[i] = b.rss_mib;
    }

  {
    double am = median (app_ms, runs), bm = median (bare_ms, runs);
    double ar = median (app_rss, runs), br = median (bare_rss, runs);

    g_print ("%-22s %14s %14s\n", "", "start (median)", "peak RSS");
    g_print ("%-22s %11.1f ms %10.1f MiB\n", "pkio-orders", am, ar);
    g_print ("%-22s %11.1f ms %10.1f MiB\n", "bare AdwAppWindow", bm, br);
    g_print ("%-22s %13.2fx %13.2fx\n", "ratio", am / bm, ar / br);
    g_print ("(median of %d runs; targets: start <= 1.25x, memory <= 1.3x)\n", runs);
  }

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    if (system (cmd) != 0)
      g_warning ("could not remove %s", tmp);
  }
  return 0;
}
