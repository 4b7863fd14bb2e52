/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Memory stays flat while placing" (issue 22): a batch of N orders (default 1,000) placed by
 * PkioBatchPlacer in practice mode, as the window and `order --batch --yes --allow-existing`
 * place them: journal first, one POST per row through the client. After each row ("row-done")
 * the resident set (VmRSS) and what malloc holds (mallinfo2: in use + mmapped) are sampled.
 * Printed: start (the batch read and the workspace loaded, before the first row), peak, end,
 * every 100th row, and the growth per row as the least-squares slope over rows 101..N (the
 * first hundred warm up caches: SQLite's page cache, libsoup's connection, the journal's
 * prepared statements); the sockets open at the start and the end; then what freeing the
 * placer, the workspace (history, client) and the simulator gives back, one after the other,
 * and what is left after all of them (kept by nobody: a leak).
 *
 * The practice simulator runs in this process: what it keeps per order (the order itself, for
 * its lists) is counted in too, so the growth per row is an upper bound for the app's own. Its
 * log of requests is cleared after each row (a test aid the app does not have). Without
 * --real-limits the client's rate limiter is given room (CertCentral's 950 requests per 3 min
 * would make 1,000 rows take over 3 minutes; the pace changes the time, not what a row keeps).
 *
 * Run: _build/bench/bench-batch-place [N] [--real-limits]
 * (works in a temp folder: HOME and XDG_* point there; touches nothing else) */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "pkio-batch-placer.h"
#include "pkio-batch.h"
#include "pkio-history-store.h"
#include "pkio-csv.h"
#include "pkio-rate-limiter.h"
#include "pkio-simulator.h"
#include "pkio-workspace.h"

static const char * const english[] = {
  "Profile", "Signature", "CertCentral number", "First name", "Last name", "Email",
  "Telephone", "Country", "Province", "City", "Postal code", "Recipient", "Address",
  "Address line 2", "Shipping postal code", "Shipping city", "Shipping province",
  "Shipping country", "Shipping method", "Validity", "Payment", "Agreement",
};

/* N people, each their own (no row repeats another), paid from the balance. */
static GBytes *
make_file (guint n_rows)
{
  GString *text = g_string_new (NULL);

  pkio_csv_append_record (text, english, G_N_ELEMENTS (english), ',');
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *last = g_strdup_printf ("Jansen %u", i);
      g_autofree char *email = g_strdup_printf ("person.%u@example.nl", i);
      g_autofree char *name = g_strdup_printf ("Zoë Jansen %u", i);
      g_autofree char *street = g_strdup_printf ("Damrak %u", i + 1);
      const char *cells[] = {
        "encryption", "RSA", "", "Zoë", last, email, "+31 20 254 7999", "nl", "Noord-Holland",
        "Amsterdam", "1013 AA", name, street, "", "1013 AA", "Amsterdam", "Noord-Holland", "nl",
        "standard", "1 year", "balance", "yes",
      };

      pkio_csv_append_record (text, cells, G_N_ELEMENTS (cells), ',');
    }
  return g_string_free_to_bytes (text);
}

/* Open sockets of this process (the simulator's ends and the client's). */
static guint
count_sockets (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

static double
heap_kib (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / 1024.0;
}

typedef struct
{
  PkioSimulator *sim;
  guint          n_done;
  double        *rss;    /* per row done */
  double        *heap;
  double         peak_rss;
  double         peak_heap;
} Samples;

static void
row_done_cb (PkioBatchPlacer *placer,
             guint            index,
             Samples         *samples)
{
  guint k = samples->n_done++;

  /* The simulator's log of requests is a test aid that grows with every request; the app's
   * memory is what this measures. */
  pkio_simulator_clear_requests (samples->sim);
  samples->rss[k] = bench_status_kib ("VmRSS:");
  samples->heap[k] = heap_kib ();
  samples->peak_rss = MAX (samples->peak_rss, samples->rss[k]);
  samples->peak_heap = MAX (samples->peak_heap, samples->heap[k]);
}

/* The least-squares slope of @y over x = @from..@to - 1 (per row). */
static double
slope (const double *y,
       guint         from,
       guint         to)
{
  double n = to - from, sx = 0, sy = 0, sxx = 0, sxy = 0;

  if (to <= from + 1)
    return 0;
  for (guint i = from; i < to; i++)
    {
      sx += i;
      sy += y[i];
      sxx += (double) i * i;
      sxy += i * y[i];
    }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

int
main (int   argc,
      char *argv[])
{
  guint n = 1000;
  gboolean real_limits = FALSE;
  g_autofree char *dir = g_dir_make_tmp ("pkio-bench-place-XXXXXX", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(PkioBatchPlacer) placer = NULL;
  g_autoptr(PkioRateLimiter) limiter = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Samples samples = { 0 };
  double start_rss, start_heap, end_rss, end_heap;
  guint start_sockets;
  gint64 t0;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--real-limits"))
      real_limits = TRUE;
    else
      n = (guint) atoi (argv[i]);
  if (n < 2 || n > PKIO_BATCH_MAX_ROWS)
    g_error ("N: 2 to %u rows", PKIO_BATCH_MAX_ROWS);

  /* Nothing outside the temp folder: the practice account's history and simulator state. */
  g_setenv ("HOME", dir, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                    "XDG_STATE_HOME" };
      g_autofree char *path = g_build_filename (dir, vars[i], NULL);

      g_setenv (vars[i], path, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  bytes = make_file (n);
  batch = pkio_batch_read (bytes, NULL, now, &error);
  if (batch == NULL || pkio_batch_count_problems (batch) > 0)
    g_error ("the batch: %s", error != NULL ? error->message : "has problems");

  workspace = pkio_workspace_new (NULL, TRUE);
  pkio_workspace_load_async (workspace, NULL, bench_async_cb, &result);
  bench_wait (&result);
  if (!pkio_workspace_load_finish (workspace, result, &error))
    g_error ("practice workspace: %s", error->message);
  g_clear_object (&result);
  samples.sim = pkio_workspace_get_simulator (workspace);
  pkio_simulator_set_balance (samples.sim, 1000 * 1000 * 1000);
  if (!real_limits)
    {
      limiter = pkio_rate_limiter_new_full (100000, 5000, 100000, 180000);
      pkio_client_set_rate_limiter (pkio_workspace_get_client (workspace), limiter);
    }

  placer = pkio_batch_placer_new (workspace, batch, "bench.csv", FALSE);
  /* As --allow-existing: this measures placing, not the duplicate check. */
  pkio_batch_placer_set_allow_existing (placer, TRUE);
  samples.rss = g_new0 (double, n);
  samples.heap = g_new0 (double, n);
  g_signal_connect (placer, "row-done", G_CALLBACK (row_done_cb), &samples);

  start_rss = bench_status_kib ("VmRSS:");
  start_heap = heap_kib ();
  start_sockets = count_sockets ();
  t0 = g_get_monotonic_time ();
  pkio_batch_placer_run_async (placer, NULL, bench_async_cb, &result);
  bench_wait (&result);
  if (!pkio_batch_placer_run_finish (placer, result, &error))
    g_error ("placing: %s", error->message);
  /* The task holds its source object, the placer, which holds the workspace. */
  g_clear_object (&result);
  t0 = g_get_monotonic_time () - t0;
  end_rss = bench_status_kib ("VmRSS:");
  end_heap = heap_kib ();

  g_print ("%u rows placed in practice mode in %.1f s (%u placed, %s rate limits)\n\n",
           n, t0 / 1e6, pkio_batch_placer_count_placed (placer),
           real_limits ? "CertCentral's" : "without");
  g_print ("| row | resident KiB | malloc KiB |\n|---:|---:|---:|\n");
  g_print ("| start | %.0f | %.0f |\n", start_rss, start_heap);
  for (guint k = 99; k < samples.n_done; k += 100)
    g_print ("| %u | %.0f | %.0f |\n", k + 1, samples.rss[k], samples.heap[k]);
  g_print ("| end | %.0f | %.0f |\n", end_rss, end_heap);
  g_print ("\npeak: resident %.0f KiB (VmHWM %.0f), malloc %.0f KiB\n", samples.peak_rss,
           bench_status_kib ("VmHWM:"), samples.peak_heap);
  g_print ("growth over the run: resident %+.0f KiB, malloc %+.0f KiB\n", end_rss - start_rss,
           end_heap - start_heap);
  g_print ("open sockets: %u at the start, %u at the end\n", start_sockets, count_sockets ());
  g_print ("growth per row (slope over rows 101..%u): resident %.2f KiB, malloc %.2f KiB\n",
           samples.n_done, slope (samples.rss, MIN (100, samples.n_done), samples.n_done),
           slope (samples.heap, MIN (100, samples.n_done), samples.n_done));

  /* Where the growth is, freed part by part: the placer (its outcome per row), then the
   * workspace with its history (a record per order, with its place in History's search index,
   * and SQLite's page cache) and client, while the simulator is held here, then the simulator
   * (the practice account's copy of every order). What is left after all of them is kept by
   * nobody: a leak. */
  g_print ("history records: %u\n",
           g_list_model_get_n_items (G_LIST_MODEL (pkio_workspace_get_store (workspace))));
  {
    gpointer alive[] = { placer, workspace, pkio_workspace_get_store (workspace),
                         pkio_workspace_get_client (workspace), samples.sim };
    PkioSimulator *sim = g_object_ref (samples.sim);
    double before;

    for (guint i = 0; i < G_N_ELEMENTS (alive); i++)
      g_object_add_weak_pointer (alive[i], &alive[i]);
    before = heap_kib ();
    g_clear_object (&placer);
    g_print ("the placer freed: malloc %+.0f KiB\n", heap_kib () - before);
    before = heap_kib ();
    g_clear_object (&limiter);
    g_clear_object (&workspace);
    for (guint i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    g_print ("the workspace freed (history, client): malloc %+.0f KiB\n", heap_kib () - before);
    before = heap_kib ();
    g_object_unref (sim);
    for (guint i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    g_print ("the simulator freed: malloc %+.0f KiB\n", heap_kib () - before);
    g_print ("placer, workspace, history store, client, simulator: %s %s %s %s %s\n",
             alive[0] ? "alive" : "finalized", alive[1] ? "alive" : "finalized",
             alive[2] ? "alive" : "finalized", alive[3] ? "alive" : "finalized",
             alive[4] ? "alive" : "finalized");
  }
  g_print ("left after all of them: malloc %+.0f KiB against the start, %u open sockets\n",
           heap_kib () - start_heap, count_sockets ());
  /* The history's worker thread closes its database after the store is gone: a second look
   * once it has had time to. */
  for (guint i = 0; i < 30; i++)
    {
      g_usleep (100 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_print ("left 3 s later: malloc %+.0f KiB against the start\n", heap_kib () - start_heap);
  g_clear_object (&batch);
  g_print ("and once the batch (read before the start) is freed: malloc %+.0f KiB\n",
           heap_kib () - start_heap);
  g_free (samples.rss);
  g_free (samples.heap);
  bench_remove_dir (dir);
  return 0;
}
