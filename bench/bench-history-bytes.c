/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the bytes of a loaded history are (issue 24: the window's memory with 100,000 orders
 * in History): the history benchmarks' records (bench-history-fill.c: one in five placed from
 * this computer with the request below), loaded by the store as the app loads them, then
 * counted field by field (malloc's own size of each block, malloc_usable_size ()) next to what
 * malloc holds more than before the load (mallinfo2 ()).
 *
 * Run: _build/bench/bench-history-bytes [N]   (default 100000) */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-history-fill.h"
#include "bench-util.h"
#include "pkio-history-index.h"
#include "pkio-history-record-private.h"
#include "pkio-history-store-private.h"

/* bench-startup's request, so that the figures are those of the window it measures. */
static const char request_json[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\","
  "\"individual\":{\"first_name\":\"Person\",\"last_name\":\"van der Berg\","
  "\"email\":\"person@gemeente.example.nl\",\"country\":\"nl\"}},\"csa_agreed_to\":true,"
  "\"provisioning_method\":\"token\",\"ship_info\":{\"name\":\"Person\",\"addr1\":\"Straat 1\","
  "\"city\":\"Utrecht\",\"zip\":\"3511 AA\",\"country\":\"nl\",\"method\":\"STANDARD\"},"
  "\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

static gsize
block (const void *pointer)
{
  return pointer != NULL ? malloc_usable_size ((void *) pointer) : 0;
}

typedef struct
{
  const char *name;
  gsize       bytes;
  guint       blocks;
} Count;

static void
add (Count      *count,
     const void *pointer)
{
  if (pointer == NULL)
    return;
  count->bytes += block (pointer);
  count->blocks++;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("pkio-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.sqlite", NULL);
  g_autoptr(PkioHistoryStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  GTypeQuery query;
  struct mallinfo2 before, after;
  double rss_before, peak_after;
  FILE *clear;
  Count fields[] = {
    { "holder_name" }, { "holder_email" }, { "errors_json" },
    { "candidates_json" }, { "placed_by" }, { "revoke_reason" }, { "revoke_requester" },
    { "batch_key" }, { "batch_row" }, { "batch_file" }, { "search_key (still held)" },
    { "the rare fields' block (PkioRecordRare)" },
  };
  gsize strings = 0, object_bytes, index_bytes, held, counted;
  guint n_items;

  bench_history_fill (path, n, request_json, FALSE);

  malloc_trim (0);
  before = mallinfo2 ();
  rss_before = bench_status_kib ("VmRSS:") / 1024;
  /* The peak from here on, not the fill's (Linux: "5" resets VmHWM to VmRSS). */
  clear = fopen ("/proc/self/clear_refs", "w");
  if (clear != NULL)
    {
      fputs ("5", clear);
      fclose (clear);
    }
  store = pkio_history_store_new (path);
  pkio_history_store_open_async (store, NULL, bench_async_cb, &opened);
  bench_wait (&opened);
  g_assert (pkio_history_store_open_finish (store, opened, NULL));
  while (!pkio_history_store_is_loaded (store))
    g_main_context_iteration (NULL, TRUE);
  _pkio_history_index_wait_posted (_pkio_history_store_get_index (store));
  after = mallinfo2 ();
  peak_after = bench_status_kib ("VmHWM:") / 1024;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert (n_items == n);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PkioHistoryRecord) r = g_list_model_get_item (G_LIST_MODEL (store), i);

      add (&fields[0], r->holder_name);
      add (&fields[1], r->holder_email);
      add (&fields[2], _pkio_history_record_rare (r)->errors_json);
      add (&fields[3], _pkio_history_record_rare (r)->candidates_json);
      add (&fields[4], r->placed_by);
      add (&fields[5], _pkio_history_record_rare (r)->revoke_reason);
      add (&fields[6], _pkio_history_record_rare (r)->revoke_requester);
      add (&fields[7], _pkio_history_record_rare (r)->batch_key);
      add (&fields[8], _pkio_history_record_rare (r)->batch_row);
      add (&fields[9], _pkio_history_record_rare (r)->batch_file);
      add (&fields[10], r->search_key);
      add (&fields[11], r->rare);
    }

  g_type_query (PKIO_TYPE_HISTORY_RECORD, &query);
  /* GObjects come from GSlice (GLib 2.74), in chunks rounded up to 16 bytes. */
  object_bytes = (gsize) n_items * ((query.instance_size + 15) & ~(gsize) 15);
  index_bytes = _pkio_history_index_get_size (_pkio_history_store_get_index (store));
  held = (after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd);

  g_print ("%u records; malloc holds %.1f MiB more after the load (%.0f bytes a record); "
           "peak RSS %.1f MiB above the RSS before it, now %.1f MiB above\n\n",
           n_items, held / 1048576.0, (double) held / n_items, peak_after - rss_before,
           bench_status_kib ("VmRSS:") / 1024 - rss_before);
  g_print ("| what | blocks | MiB | bytes a record |\n|---|---:|---:|---:|\n");
  g_print ("| the record object (%u bytes, GSlice) | %u | %.1f | %.0f |\n", query.instance_size,
           n_items, object_bytes / 1048576.0, (double) object_bytes / n_items);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      strings += fields[f].bytes;
      if (fields[f].blocks > 0)
        g_print ("| %s | %u | %.1f | %.0f |\n", fields[f].name, fields[f].blocks,
                 fields[f].bytes / 1048576.0, (double) fields[f].bytes / n_items);
    }
  g_print ("| the search index (keys, postings, status sets) | | %.1f | %.0f |\n",
           index_bytes / 1048576.0, (double) index_bytes / n_items);
  counted = strings + index_bytes;
  /* GSlice's chunks are not malloc's blocks one by one: its pages are. */
  g_print ("| the rest (store's array and hash tables, GSlice's pages beyond the objects, "
           "malloc's own) | | %.1f | %.0f |\n",
           ((double) held - (double) counted - (double) object_bytes) / 1048576.0,
           ((double) held - (double) counted - (double) object_bytes) / n_items);

  g_clear_object (&store);
  bench_remove_dir (dir);
  return 0;
}
