/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cold start of the main window against a bare AdwApplicationWindow, interleaved in the same
 * run, and optionally against another build of pkio-orders (the code before a change):
 *
 *   bench/run-under-session.sh BUILD/bench/bench-startup [RUNS [OTHER/src/pkio-orders]]
 *
 * For each program and run:
 *   - start: process start to the first painted frame, wall time. The programs print
 *     "first-frame <CLOCK_MONOTONIC µs>" and quit when their first frame is painted
 *     (PKIO_ORDERS_BENCH_FIRST_FRAME, a hook compiled only with -Dtest_hooks=true);
 *   - CPU: user + system time of that process (wait4()), which ends right after that frame:
 *     the CPU time to the first frame, which the load of a shared machine disturbs less;
 *   - peak RSS at the first frame (wait4());
 *   - peak RSS 2 s after the window is shown: the program started again without the hook,
 *     VmHWM read from /proc 2 s after the time its first frame took, then it is stopped. This
 *     counts what is built after the first frame (the history, the form's later parts).
 * Medians with the spread (min–max) are printed; the ratios are medians against the bare
 * window.
 *
 * A start with a key: pkio-orders (and the other build) once more with an API key in the
 * session's keyring (bench/run-under-session.sh starts a throwaway gnome-keyring) for the
 * address of a practice simulator that runs in a child process of this bench, on 127.0.0.1:
 * the window opens on the form and builds History right after its first frame, which syncs
 * with that simulator; nothing reaches the network. The key is made up and lives only in that
 * keyring. Without a keyring these subjects are left out, and the bench says so.
 *
 * BENCH_STARTUP_HISTORY=N adds pkio-orders once more, in a home whose History holds N orders
 * (issue 24: the window's memory with 100,000 orders against an empty History; with another
 * build given, that one too, in the same home, interleaved with this one), and
 * BENCH_STARTUP_SETTLE_MS the time after the first frame at which the memory is read (2000 by
 * default; loading 100,000 orders takes longer than that on a busy machine). With
 * BENCH_STARTUP_KEY=1 those History homes start with the key, so History's view is built over
 * the N orders (each against the empty home with a key). */
#include "config.h"

#include <glib.h>
#include "bench-history-fill.h"
#include "pkio-credentials.h"
#include "pkio-paths.h"
#include "pkio-simulator.h"
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_RUNS 64
#define MAX_SUBJECTS 8
/* Made up: the simulator accepts it, CertCentral never sees it. */
#define BENCH_KEY "bench-startup-key-0000000000000000000000000000"

static const char request_json[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\","
  "\"individual\":{\"first_name\":\"Person\",\"last_name\":\"van der Berg\","
  "\"email\":\"person@gemeente.example.nl\",\"country\":\"nl\"}},\"csa_agreed_to\":true,"
  "\"provisioning_method\":\"token\",\"ship_info\":{\"name\":\"Person\",\"addr1\":\"Straat 1\","
  "\"city\":\"Utrecht\",\"zip\":\"3511 AA\",\"country\":\"nl\",\"method\":\"STANDARD\"},"
  "\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

static double settle_ms = 2000;

/* The practice simulator in a child process (as CertCentral runs elsewhere), which ends with
 * this bench; returns its base URL. */
static char *
start_simulator (GPid *pid_out)
{
  int reply[2];
  char line[256] = { 0 };
  gsize used = 0;
  GPid pid;

  if (pipe (reply) != 0)
    g_error ("pipe");
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(PkioSimulator) sim = pkio_simulator_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *url_line = NULL;

      prctl (PR_SET_PDEATHSIG, SIGTERM);
      close (reply[0]);
      pkio_simulator_set_api_key (sim, BENCH_KEY);
      if (!pkio_simulator_start (sim, &error))
        g_error ("simulator: %s", error->message);
      url_line = g_strdup_printf ("%s\n", pkio_simulator_get_base_url (sim));
      if (write (reply[1], url_line, strlen (url_line)) < 0)
        _exit (1);
      g_main_loop_run (loop);
      _exit (0);
    }
  close (reply[1]);
  while (used < sizeof line - 1 && read (reply[0], line + used, 1) == 1 && line[used] != '\n')
    used++;
  line[used] = '\0';
  close (reply[0]);
  if (used == 0)
    g_error ("the simulator did not start");
  *pid_out = pid;
  return g_strdup (line);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Keeps the bench's key for @url in the session's keyring; FALSE (with a note) without one. */
static gboolean
store_key (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_credentials_store_async (url, BENCH_KEY, NULL, stored_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!pkio_credentials_store_finish (result, &error))
    {
      g_printerr ("No keyring (%s): the starts with a key are left out; run the bench under "
                  "bench/run-under-session.sh.\n", error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *label;
  const char *program;
  char      **envp;         /* NULL: the run's */
  char      **settled_envp;
  double start_ms[MAX_RUNS];
  double cpu_ms[MAX_RUNS];
  double rss_mib[MAX_RUNS];
  double settled_mib[MAX_RUNS];
} Subject;

static void
run_once (Subject *subject,
          int      i,
          char   **envp)
{
  const char *argv[] = { subject->program, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd;
  gint64 started;
  char buffer[256] = { 0 };
  ssize_t n, total = 0;
  struct rusage usage;
  int status;
  gint64 frame_time = 0;

  started = g_get_monotonic_time ();
  if (subject->envp != NULL)
    envp = subject->envp;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("could not start %s: %s", subject->program, error->message);

  while ((n = read (out_fd, buffer + total, sizeof buffer - 1 - total)) > 0)
    total += n;
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4 failed");

  if (sscanf (buffer, "first-frame %" G_GINT64_FORMAT, &frame_time) != 1)
    g_error ("%s did not report its first frame (output: %s)", subject->program, buffer);

  subject->start_ms[i] = (frame_time - started) / 1000.0;
  subject->cpu_ms[i] = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
                       + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  subject->rss_mib[i] = usage.ru_maxrss / 1024.0;
}

/* The peak RSS of a process that runs on: VmHWM in /proc/PID/status, in MiB. */
static double
read_peak_rss (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *line;
  long kib = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL)
      || (line = strstr (contents, "VmHWM:")) == NULL
      || sscanf (line, "VmHWM: %ld", &kib) != 1)
    g_error ("could not read the peak RSS of process %d", (int) pid);
  return kib / 1024.0;
}

static void
run_settled (Subject *subject,
             int      i,
             char   **envp,
             double   shown_ms)
{
  const char *argv[] = { subject->program, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  if (subject->envp != NULL)
    envp = subject->settled_envp;
  if (!g_spawn_async (NULL, (char **) argv, envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                      &error))
    g_error ("could not start %s: %s", subject->program, error->message);
  g_usleep ((gulong) ((shown_ms + settle_ms) * 1000.0));
  subject->settled_mib[i] = read_peak_rss (pid);
  kill (pid, SIGTERM);
  if (waitpid (pid, &status, 0) < 0)
    g_error ("waitpid failed");
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts a copy; returns the median, and the min and max through the pointers. */
static double
median (const double *values,
        int           n,
        double       *min,
        double       *max)
{
  double sorted[MAX_RUNS];

  memcpy (sorted, values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  if (min != NULL)
    *min = sorted[0];
  if (max != NULL)
    *max = sorted[n - 1];
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* The ratio of each run to the bare window's run beside it: median and spread. */
static void
print_paired_ratio (const char   *what,
                    const double *values,
                    const double *bare,
                    int           runs)
{
  double ratios[MAX_RUNS], min, max, mid;

  for (int i = 0; i < runs; i++)
    ratios[i] = values[i] / bare[i];
  mid = median (ratios, runs, &min, &max);
  g_print ("  %-10s %.2fx (pairs %.2f-%.2fx)\n", what, mid, min, max);
}

static void
print_subject (const Subject *s,
               const Subject *bare,
               int            runs,
               gboolean       settled)
{
  double min, max, mid;

  g_print ("%s (%s)\n", s->label, s->program);
  mid = median (s->start_ms, runs, &min, &max);
  g_print ("  start      %7.1f ms (%.1f-%.1f)\n", mid, min, max);
  mid = median (s->cpu_ms, runs, &min, &max);
  g_print ("  CPU        %7.1f ms (%.1f-%.1f)\n", mid, min, max);
  mid = median (s->rss_mib, runs, &min, &max);
  g_print ("  peak RSS   %7.1f MiB at the first frame\n", mid);
  if (settled)
    {
      mid = median (s->settled_mib, runs, &min, &max);
      g_print ("  peak RSS   %7.1f MiB %.1f s after it is shown (%.1f-%.1f)\n", mid,
               settle_ms / 1000, min, max);
    }
  if (s == bare)
    return;
  print_paired_ratio ("start", s->start_ms, bare->start_ms, runs);
  print_paired_ratio ("CPU", s->cpu_ms, bare->cpu_ms, runs);
  g_print ("  %-10s %.2fx\n", "RSS",
           median (s->rss_mib, runs, NULL, NULL) / median (bare->rss_mib, runs, NULL, NULL));
  if (settled)
    g_print ("  %-10s %.2fx\n", "RSS later",
             median (s->settled_mib, runs, NULL, NULL)
             / median (bare->settled_mib, runs, NULL, NULL));
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
  g_auto(GStrv) settled_envp = NULL;
  gboolean settled = g_getenv ("BENCH_STARTUP_NO_SETTLED") == NULL;
  const char *history = g_getenv ("BENCH_STARTUP_HISTORY");
  g_autofree char *history_home = NULL;
  g_autofree char *history_label = NULL;
  g_autofree char *other_history_label = NULL;
  int first_history = -1;
  Subject subjects[MAX_SUBJECTS] = {
    { .label = "pkio-orders", .program = app },
    { .label = "bare AdwAppWindow", .program = bare },
  };
  int n_subjects = 2;

  gboolean history_with_key = g_strcmp0 (g_getenv ("BENCH_STARTUP_KEY"), "1") == 0;
  g_autofree char *sim_url = NULL;
  GPid sim_pid = 0;
  int first_keyed = -1;

  if (argc > 2)
    subjects[n_subjects++] = (Subject) { .label = "other pkio-orders", .program = argv[2] };
  if (g_getenv ("BENCH_STARTUP_SETTLE_MS") != NULL)
    settle_ms = g_ascii_strtod (g_getenv ("BENCH_STARTUP_SETTLE_MS"), NULL);

  runs = CLAMP (runs, 1, MAX_RUNS);
  /* A throwaway home: the app must not read or write the real one. */
  envp = g_environ_setenv (envp, "HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);
  settled_envp = g_strdupv (envp);
  envp = g_environ_setenv (envp, "PKIO_ORDERS_BENCH_FIRST_FRAME", "1", TRUE);

  /* A start with a key: the same home, the simulator's address, its key in the keyring. */
  sim_url = start_simulator (&sim_pid);
  if (store_key (sim_url))
    {
      first_keyed = n_subjects;
      for (int b = 0; b < (argc > 2 ? 2 : 1); b++)
        {
          Subject *s = &subjects[n_subjects++];

          s->label = b == 0 ? "pkio-orders, with a key" : "other pkio-orders, with a key";
          s->program = b == 0 ? app : argv[2];
          s->envp = g_environ_setenv (g_strdupv (envp), "PKIO_ORDERS_API_URL", sim_url, TRUE);
          s->settled_envp = g_environ_setenv (g_strdupv (settled_envp), "PKIO_ORDERS_API_URL",
                                              sim_url, TRUE);
        }
    }
  else if (history_with_key)
    g_error ("BENCH_STARTUP_KEY=1 needs a keyring");

  if (history != NULL && atoi (history) > 0)
    {
      g_autofree char *path = NULL;
      g_autofree char *folder = NULL;

      /* A home of its own, whose History the store fills as a sync would have. */
      history_home = g_dir_make_tmp ("pkio-bench-history-XXXXXX", NULL);
      g_setenv ("XDG_DATA_HOME", history_home, TRUE);
      path = pkio_paths_history_file (FALSE);
      folder = g_path_get_dirname (path);
      g_mkdir_with_parents (folder, 0700);
      bench_history_fill (path, (guint) atoi (history), request_json, FALSE);
      history_label = g_strdup_printf ("pkio-orders, %s orders%s", history,
                                       history_with_key ? ", with a key" : "");
      other_history_label = g_strdup_printf ("other pkio-orders, %s orders%s", history,
                                             history_with_key ? ", with a key" : "");
      /* This build in that home, and the other build (when given) in the same one, so that
       * the two are measured side by side, each against its own empty History. */
      first_history = n_subjects;
      for (int b = 0; b < (argc > 2 ? 2 : 1); b++)
        {
          Subject *s = &subjects[n_subjects++];

          s->label = b == 0 ? history_label : other_history_label;
          s->program = b == 0 ? app : argv[2];
          s->envp = g_environ_setenv (g_strdupv (envp), "XDG_DATA_HOME", history_home, TRUE);
          s->settled_envp = g_environ_setenv (g_strdupv (settled_envp), "XDG_DATA_HOME",
                                              history_home, TRUE);
          if (history_with_key)
            {
              s->envp = g_environ_setenv (s->envp, "PKIO_ORDERS_API_URL", sim_url, TRUE);
              s->settled_envp = g_environ_setenv (s->settled_envp, "PKIO_ORDERS_API_URL",
                                                  sim_url, TRUE);
            }
        }
    }

  /* One warm-up each, so all start with the same disk cache. */
  for (int s = 0; s < n_subjects; s++)
    run_once (&subjects[s], 0, envp);
  /* Interleaved: each run of the app has the bare window's run (and the other build's) beside
   * it, under the same load. */
  for (int i = 0; i < runs; i++)
    for (int s = 0; s < n_subjects; s++)
      run_once (&subjects[s], i, envp);
  if (settled)
    for (int i = 0; i < runs; i++)
      for (int s = 0; s < n_subjects; s++)
        run_settled (&subjects[s], i, settled_envp,
                     median (subjects[s].start_ms, runs, NULL, NULL));

  for (int s = 0; s < n_subjects; s++)
    print_subject (&subjects[s], &subjects[1], runs, settled);
  if (history_home != NULL && settled)
    for (int s = first_history; s < n_subjects; s++)
      g_print ("%s: the window's peak RSS with %s orders against an empty History: %.2fx "
               "(goal: at most 1.5x)\n", s == first_history ? "this build" : "the other",
               history,
               median (subjects[s].settled_mib, runs, NULL, NULL)
               / median (subjects[(history_with_key ? first_keyed : 0)
                                  + (s == first_history ? 0 : (history_with_key ? 1 : 2))]
                           .settled_mib, runs, NULL, NULL));
  g_print ("(median of %d interleaved runs; goals of issue 24: CPU <= 1.15x, start <= 1.2x, "
           "memory <= 1.15x)\n", runs);

  if (history_home != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", history_home);

      if (system (cmd) != 0)
        g_warning ("could not remove %s", history_home);
    }
  for (int s = 0; s < n_subjects; s++)
    {
      g_strfreev (subjects[s].envp);
      g_strfreev (subjects[s].settled_envp);
    }
  if (sim_pid > 0)
    {
      int status;

      kill (sim_pid, SIGTERM);
      waitpid (sim_pid, &status, 0);
    }
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    if (system (cmd) != 0)
      g_warning ("could not remove %s", tmp);
  }
  return 0;
}
