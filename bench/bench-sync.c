/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A first sync of an account with 10,000 orders placed elsewhere, then the next sync (issue 24,
 * "Sync at scale"), against the simulator keeping CertCentral's rate limits (100 requests per
 * 5 s, 1000 per 3 min). The simulator runs in a child process, as CertCentral runs elsewhere,
 * so that its work and memory are not counted. For each sync:
 * - the requests the app sent (its rate limiter's count; retries included) and the ones the
 *   simulator answered 429;
 * - wall time, and CPU time of the app's main thread;
 * - the worst main-loop stall while the rows arrive (a 1 ms watchdog: wall time, and CPU time of
 *   the main thread, which other processes on a busy machine do not stretch);
 * - memory afterwards: resident set (and its peak), and what malloc holds, against before.
 * Between the two syncs, at the simulator: 20 new orders placed elsewhere and 30 status changes.
 *
 * Run: _build/bench/bench-sync [N]   (works in a temp folder; touches nothing else) */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "pkio-history-sync.h"
#include "pkio-simulator.h"

#define KEY "bench-sync-key"
#define N_NEW 20
#define N_CHANGED 30

/* ---- the simulator, in a child process ---- */

typedef struct
{
  PkioSimulator *sim;
  int            reply_fd;
  guint          n_orders;
} Child;

/* A command from the parent: 'c' makes the changes between the syncs, 'q' reports and quits. */
static gboolean
command_cb (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      data)
{
  Child *child = data;
  char command = 0;
  char reply[256];

  if (read (g_io_channel_unix_get_fd (channel), &command, 1) != 1)
    exit (0);
  if (command == 'c')
    {
      gint64 first = pkio_simulator_get_last_order_id (child->sim) - child->n_orders + 1;

      for (guint i = 0; i < N_NEW; i++)
        {
          g_autofree char *email = g_strdup_printf ("new%u@example.com", i);

          pkio_simulator_add_remote_order (child->sim, email, "Nieuw", "Besteld", "pending", NULL);
        }
      /* Every 300th order changes: they lie all over the history. */
      for (guint i = 0; i < N_CHANGED; i++)
        pkio_simulator_set_order_status (child->sim, first + i * 300, "revoked");
      g_snprintf (reply, sizeof reply, "ok\n");
    }
  else
    g_snprintf (reply, sizeof reply, "%u %u\n",
                pkio_simulator_count_requests (child->sim, NULL, NULL),
                pkio_simulator_get_n_rate_limited (child->sim));
  if (write (child->reply_fd, reply, strlen (reply)) < 0)
    exit (1);
  if (command == 'q')
    exit (0);
  return G_SOURCE_CONTINUE;
}

static void
run_child (guint n,
           int   command_fd,
           int   reply_fd)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (command_fd);
  g_autoptr(GError) error = NULL;
  Child child = { pkio_simulator_new (), reply_fd, n };
  char line[256];

  pkio_simulator_set_api_key (child.sim, KEY);
  pkio_simulator_add_remote_orders_bulk (child.sim, n);
  pkio_simulator_set_rate_limits (child.sim, TRUE);
  if (!pkio_simulator_start (child.sim, &error))
    g_error ("simulator: %s", error->message);
  g_snprintf (line, sizeof line, "%s\n", pkio_simulator_get_base_url (child.sim));
  if (write (reply_fd, line, strlen (line)) < 0)
    exit (1);
  g_io_add_watch (channel, G_IO_IN | G_IO_HUP, command_cb, &child);
  g_main_loop_run (loop);
}

typedef struct
{
  GPid pid;
  int  command_fd;
  int  reply_fd;
} Simulator;

static char *
ask (Simulator *sim,
     char       command)
{
  char line[256];
  gsize used = 0;

  if (command != 0 && write (sim->command_fd, &command, 1) != 1)
    g_error ("the simulator is gone");
  while (used < sizeof line - 1 && read (sim->reply_fd, line + used, 1) == 1 && line[used] != '\n')
    used++;
  line[used] = '\0';
  return g_strdup (line);
}

/* ---- measuring ---- */

/* VmRSS or VmHWM of this process, in MiB. */
static double
status_mib (const char *field)
{
  return bench_status_kib (field) / 1024.0;
}

static double
heap_mib (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

static void
sync_once (const char       *name,
           PkioHistoryStore *store,
           PkioClient       *client,
           PkioRateLimiter  *limiter,
           Simulator        *sim)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  BenchWatchdog dog = { 0 };
  guint64 granted = pkio_rate_limiter_get_n_granted (limiter);
  double rss = status_mib ("VmRSS:"), heap = heap_mib ();
  gint64 t0, c0;
  guint watchdog_id;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (store));

  watchdog_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_watchdog_cb, &dog, NULL);
  t0 = g_get_monotonic_time ();
  c0 = bench_thread_cpu_us ();
  pkio_history_sync_async (store, client, NULL, bench_async_cb, &result);
  bench_wait (&result);
  if (!pkio_history_sync_finish (store, result, &error))
    g_error ("%s: %s", name, error->message);
  t0 = g_get_monotonic_time () - t0;
  c0 = bench_thread_cpu_us () - c0;
  g_source_remove (watchdog_id);

  g_print ("| %s | %" G_GUINT64_FORMAT " | %.0f / %.0f | %.1f / %.1f | %u | %.1f (%+.1f), peak %.1f | %.1f (%+.1f) |\n",
           name, pkio_rate_limiter_get_n_granted (limiter) - granted, t0 / 1000.0, c0 / 1000.0,
           MAX (dog.worst - 1000, 0) / 1000.0, dog.worst_cpu / 1000.0,
           g_list_model_get_n_items (G_LIST_MODEL (store)) - n_before,
           status_mib ("VmRSS:"), status_mib ("VmRSS:") - rss, status_mib ("VmHWM:"),
           heap_mib (), heap_mib () - heap);
  (void) sim;
  (void) counts;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("pkio-bench-sync-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.sqlite", NULL);
  g_autofree char *base_url = NULL;
  g_autofree char *counts = NULL;
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(PkioClient) client = NULL;
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int to_child[2], from_child[2];
  Simulator sim;
  int status;

  if (pipe (to_child) != 0 || pipe (from_child) != 0)
    g_error ("pipe");
  sim.pid = fork ();
  if (sim.pid == 0)
    {
      close (to_child[1]);
      close (from_child[0]);
      run_child (n, to_child[0], from_child[1]);
      return 0;
    }
  close (to_child[0]);
  close (from_child[1]);
  sim.command_fd = to_child[1];
  sim.reply_fd = from_child[0];
  base_url = ask (&sim, 0);

  store = pkio_history_store_new (path);
  pkio_history_store_open_async (store, NULL, bench_async_cb, &result);
  bench_wait (&result);
  if (!pkio_history_store_open_finish (store, result, &error))
    g_error ("%s", error->message);
  client = pkio_client_new (base_url, KEY, &error);
  if (client == NULL)
    g_error ("%s", error->message);
  /* Its own limiter: it counts the requests of this client alone. */
  pkio_client_set_rate_limiter (client, limiter);

  g_print ("%u orders placed elsewhere; the simulator keeps CertCentral's rate limits\n\n", n);
  g_print ("| sync | requests | wall / main thread CPU (ms) | worst stall, wall / CPU (ms) | "
           "new rows | resident MiB (change), peak | malloc MiB (change) |\n"
           "|---|---:|---:|---:|---:|---:|---:|\n");
  sync_once ("first", store, client, limiter, &sim);
  g_free (ask (&sim, 'c'));
  sync_once ("next", store, client, limiter, &sim);
  counts = ask (&sim, 'q');
  g_print ("\nThe simulator answered %s (requests, of them 429 for the rate limits)\n", counts);

  waitpid (sim.pid, &status, 0);
  g_clear_object (&store);
  bench_remove_dir (dir);
  return 0;
}
