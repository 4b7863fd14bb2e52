/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the order history (issue 4, "Performance"): for 1k, 10k and 100k orders,
 * - open + first 50 rows in the model, and until every row is in;
 * - one search keystroke: PkioHistoryResults (the list the view shows) searching the store's
 *   index, as CPU time of this thread;
 * - merging 10,000 remote orders: the longest main-loop stall, seen by a 1 ms watchdog;
 * - database bytes per order.
 * Run: build/bench/bench-history [--max N]. Works in a temp dir; touches nothing else. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-history-fill.h"
#include "bench-util.h"
#include "pkio-history-index.h"
#include "pkio-history-results.h"
#include "pkio-history-store-private.h"

#define MERGE_COUNT 10000

static const char request_json[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\","
  "\"is_rsassa_pss\":false,\"individual\":{\"first_name\":\"Johanna\",\"last_name\":"
  "\"van der Berg-Jansen\",\"email\":\"johanna.vanderberg@gemeente.example.nl\",\"telephone\":"
  "\"+31(0)20 254 7999\",\"country\":\"nl\",\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\","
  "\"zip\":\"1013 AA\"}},\"csa_agreed_to\":true,\"provisioning_method\":\"token\",\"ship_info\":"
  "{\"name\":\"Johanna van der Berg-Jansen\",\"addr1\":\"Stadhouderskade 813\",\"addr2\":"
  "\"Afdeling Burgerzaken, kamer 2.14\",\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\","
  "\"zip\":\"1013 AA\",\"country\":\"nl\",\"method\":\"STANDARD\"},\"order_validity\":"
  "{\"years\":1},\"payment_method\":\"card\",\"card_last4\":\"1234\"}";

typedef struct
{
  PkioHistoryStore  *store;
  guint              n;
  GAsyncResult     **result;
} MergeStart;

static gboolean
start_merge_cb (gpointer data)
{
  MergeStart *start = data;
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Half are status changes of known orders, half new orders placed elsewhere, with dates
   * spread over the history (so they land all over the model, the costly case). */
  for (guint i = 0; i < MERGE_COUNT; i++)
    {
      PkioRemoteOrder *order = pkio_remote_order_new ();
      gboolean known = i % 2 == 0 && i / 2 < start->n;

      order->order_id = known ? 1000000 + (gint64) (i / 2) : 5000000 + i;
      order->status = g_strdup (known ? "revoked" : "pending");
      order->common_name = g_strdup_printf ("Elsewhere %u", i);
      order->email = g_strdup_printf ("elsewhere%u@example.nl", i);
      order->product_name_id = g_strdup ("pkio_burger");
      order->date_created = g_date_time_new_from_unix_utc (now - (gint64) g_random_int_range (0, MAX (start->n, 1)) * 600);
      g_ptr_array_add (remote, order);
    }
  pkio_history_store_merge_remote_async (start->store, remote, NULL, bench_async_cb,
                                         start->result);
  return G_SOURCE_REMOVE;
}

static double
ms (gint64 us)
{
  return us / 1000.0;
}

static void
run (guint n)
{
  g_autofree char *dir = g_dir_make_tmp ("pkio-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.sqlite", NULL);
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  static const char *const queries[] = { "p", "pe", "per", "pers", "person 4", "gemeente",
                                         "100012", "zzz", "" };
  g_autoptr(PkioHistoryResults) results = NULL;
  GStatBuf st;
  gint64 t0, c0, first_rows, all_rows, all_rows_cpu, search_worst = 0, search_total = 0;
  gint64 merge_cpu, posted;
  BenchWatchdog dog = { 0 };
  MergeStart start;
  guint watchdog_id;
  guint changed = 0;
  double db_bytes;

  bench_history_fill (path, n, request_json, TRUE);
  g_stat (path, &st);
  db_bytes = (double) st.st_size;

  t0 = g_get_monotonic_time ();
  c0 = bench_thread_cpu_us ();
  store = pkio_history_store_new (path);
  pkio_history_store_open_async (store, NULL, bench_async_cb, &result);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) < MIN (50, n) || result == NULL)
    g_main_context_iteration (NULL, TRUE);
  first_rows = g_get_monotonic_time () - t0;
  g_assert (pkio_history_store_open_finish (store, result, NULL));
  g_clear_object (&result);
  while (!pkio_history_store_is_loaded (store))
    g_main_context_iteration (NULL, TRUE);
  all_rows = g_get_monotonic_time () - t0;
  all_rows_cpu = bench_thread_cpu_us () - c0;
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (store)) == n);
  /* The index's postings are made in a thread; until they are in, a search reads the keys.
   * The searches below are measured once they are in. */
  _pkio_history_index_wait_posted (_pkio_history_store_get_index (store));
  posted = g_get_monotonic_time () - t0;

  results = pkio_history_results_new (store, G_LIST_MODEL (store));
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      gint64 s0 = bench_thread_cpu_us ();
      gint64 took;

      pkio_history_results_set_search (results, queries[q]);
      took = bench_thread_cpu_us () - s0;
      search_worst = MAX (search_worst, took);
      search_total += took;
    }

  start.store = store;
  start.n = n;
  start.result = &result;
  watchdog_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_watchdog_cb, &dog, NULL);
  g_idle_add (start_merge_cb, &start);
  t0 = g_get_monotonic_time ();
  c0 = bench_thread_cpu_us ();
  bench_wait (&result);
  g_assert (pkio_history_store_merge_remote_finish (store, result, &changed, NULL));
  t0 = g_get_monotonic_time () - t0;
  merge_cpu = bench_thread_cpu_us () - c0;
  g_source_remove (watchdog_id);

  g_print ("| %u | %.1f | %.1f / %.0f | %.0f | %.2f | %.2f | %.0f / %.0f | %.1f / %.1f | %u | %.0f |\n",
           n, ms (first_rows), ms (all_rows), ms (all_rows_cpu), ms (posted),
           ms (search_total) / G_N_ELEMENTS (queries), ms (search_worst), ms (t0), ms (merge_cpu),
           ms (MAX (dog.worst - 1000, 0)), ms (dog.worst_cpu), changed, db_bytes / n);

  g_clear_object (&result);
  g_clear_object (&store);
  bench_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint max = argc > 2 && g_strcmp0 (argv[1], "--max") == 0 ? atoi (argv[2]) : 100000;
  const guint sizes[] = { 1000, 10000, 100000 };

  g_print ("| orders  | first 50 (ms) | all rows, wall / main thread CPU (ms) | index posted, wall (ms) | search avg, CPU (ms) | "
           "search max, CPU (ms) | merge 10k, wall / main thread CPU (ms) | worst stall, wall / CPU (ms) | "
           "merged | DB bytes/order |\n");
  g_print ("|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i] <= max)
      run (sizes[i]);
  return 0;
}
