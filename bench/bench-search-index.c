/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which index should answer the history's search (issue 24)? The choices, on the same keys
 * (the store's folded search keys: name, email, order and certificate number), for 100,000
 * orders unless told otherwise:
 * - scan: what the history did before, strstr () over each record's own key (for reference);
 * - trigram: PkioHistoryIndex, the one the store uses (src/core/history/pkio-history-index.c);
 * - prefix: a sorted array of the words of every key (split at spaces, @, dots, dashes and
 *   newlines), a query's words each found as the start of a word: a prototype, here only;
 * - fts5: SQLite's FTS5 with its trigram tokenizer (SQLite 3.40), in a database file as the
 *   history's would be; queries under three characters become LIKE '%q%', which FTS5 cannot
 *   serve. Asked on this thread: the app would ask its worker thread, a round trip more.
 * For each: the time to build it, the memory (scan: the records' keys; trigram: what the index
 * holds, keys included; prefix: malloc's count; fts5: the size of its file), and for
 * each query the CPU time of this thread (median and worst of 7) and the number of records
 * found. Two sets of keys: the history benchmarks' ("Person 12 van der Berg",
 * person12@gemeente.example.nl: every record shares most of its text), and varied names and
 * domains with accents.
 *
 * Run: _build/bench/bench-search-index [N] */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pkio-history-index.h"

#define REPEAT 7

static const char *const queries[] = {
  "p", "e", "1", "pe", "12", "va", "per", "ber", "123",
  "person 12", "berg", "gemeente", "muller", "van der", "1012345", "nobody",
};

/* ---- keys ---- */

static const char *const first_names[] = {
  "Jan", "Anna", "Piet", "Sanne", "Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Milan",
  "Zoë", "Noé", "Chloë", "Anaïs", "Thijs", "Fleur", "Bram", "Lotte", "Ruben", "Iris", "Joëlle",
  "Mehmet", "Fatima", "Søren", "Łukasz", "Ingrid", "Émile", "Ĳsbrand", "Gerrit", "Wilma",
  "Hendrik", "Maarten", "Annelies", "Kees", "Marieke", "Youssef", "Aïcha", "Björn", "Renée",
};
static const char *const last_names[] = {
  "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
  "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
  "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
  "Müller", "Gärtner", "Ångström", "Yılmaz", "Kaya", "El Amrani", "Ŝimić", "Nowak", "O'Brien",
  "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
};
static const char *const domains[] = {
  "amsterdam.nl", "rotterdam.nl", "denhaag.nl", "utrecht.nl", "gemeente-eindhoven.nl",
  "groningen.nl", "tilburg.nl", "almere.nl", "breda.nl", "nijmegen.nl", "minbzk.nl",
  "rijksoverheid.nl", "belastingdienst.nl", "rvo.nl", "provincie-utrecht.nl",
};

static char *
ascii_part (const char *text)
{
  g_autofree char *folded = _pkio_history_fold (text);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static PkioHistoryRecord *
make_record (guint    i,
             gboolean varied,
             GRand   *rand)
{
  PkioHistoryRecord *record = _pkio_history_record_new ();

  record->local_id = i + 1;
  record->state = PKIO_RECORD_STATE_REMOTE;
  record->remote_status = _pkio_history_intern (i % 7 ? "issued" : "pending");
  if (!varied)
    {
      record->holder_name = g_strdup_printf ("Person %u van der Berg", i);
      record->holder_email = g_strdup_printf ("person%u@gemeente.example.nl", i);
      record->order_id = 1000000 + i;
      record->certificate_id = 2000000 + i;
    }
  else
    {
      const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      g_autofree char *first_ascii = ascii_part (first);
      g_autofree char *last_ascii = ascii_part (last);

      record->holder_name = g_strdup_printf ("%s %s", first, last);
      record->holder_email = g_strdup_printf ("%s.%s%u@%s", first_ascii, last_ascii,
                                              g_rand_int_range (rand, 0, 100),
                                              domains[g_rand_int_range (rand, 0, G_N_ELEMENTS (domains))]);
      record->order_id = g_rand_int_range (rand, 100000000, 999999999);
      record->certificate_id = g_rand_int_range (rand, 100000000, 999999999);
    }
  _pkio_history_record_refresh_key (record);
  return record;
}

/* ---- measuring ---- */

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gsize
heap_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  double median;
  double worst;
  guint  found;
} Timing;

typedef guint (*QueryFunc) (gpointer data, const char *folded);

static Timing
time_query (QueryFunc   func,
            gpointer    data,
            const char *query)
{
  g_autofree char *folded = _pkio_history_fold (query);
  double times[REPEAT];
  Timing timing = { 0 };

  for (guint r = 0; r < REPEAT; r++)
    {
      double t0 = cpu_ms ();

      timing.found = func (data, folded);
      times[r] = cpu_ms () - t0;
    }
  qsort (times, REPEAT, sizeof (double), compare_doubles);
  timing.median = times[REPEAT / 2];
  timing.worst = times[REPEAT - 1];
  return timing;
}

/* ---- scan ---- */

static guint
scan_query (gpointer    data,
            const char *folded)
{
  GPtrArray *records = data;
  guint found = 0;

  for (guint i = 0; i < records->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (records, i);

      found += strstr (record->search_key, folded) != NULL;
    }
  return found;
}

/* ---- trigram: the store's index ---- */

static guint
trigram_query (gpointer    data,
               const char *folded)
{
  g_autoptr(PkioHistoryQuery) query = pkio_history_query_new (folded);
  g_autoptr(PkioHistorySlots) slots = _pkio_history_index_search (data, query,
                                                                  PKIO_STATUS_FILTER_ALL, NULL);

  return _pkio_history_slots_count (slots);
}

/* ---- prefix: words, sorted ---- */

typedef struct
{
  char    *text;      /* every word, NUL-terminated */
  GArray  *words;     /* Word, sorted by text */
  guint    n_slots;
} Prefix;

typedef struct
{
  guint32 offset;
  guint32 slot;
} Word;

static const char *prefix_text;

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (prefix_text + ((const Word *) a)->offset, prefix_text + ((const Word *) b)->offset);
}

static gboolean
is_separator (char c)
{
  return c == ' ' || c == '@' || c == '.' || c == '-' || c == '\n' || c == '\'';
}

static Prefix *
prefix_build (GPtrArray *records)
{
  Prefix *prefix = g_new0 (Prefix, 1);
  GString *text = g_string_new (NULL);

  prefix->words = g_array_new (FALSE, FALSE, sizeof (Word));
  for (guint i = 0; i < records->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (records, i);

      for (const char *p = record->search_key; *p != '\0';)
        {
          Word word = { text->len, i };
          const char *end = p;

          while (*end != '\0' && !is_separator (*end))
            end++;
          if (end > p)
            {
              g_string_append_len (text, p, end - p);
              g_string_append_c (text, '\0');
              g_array_append_val (prefix->words, word);
            }
          p = *end != '\0' ? end + 1 : end;
        }
    }
  prefix->n_slots = records->len;
  prefix->text = g_string_free (text, FALSE);
  prefix_text = prefix->text;
  g_array_sort (prefix->words, compare_words);
  return prefix;
}

static guint
prefix_query (gpointer    data,
              const char *folded)
{
  Prefix *prefix = data;
  g_autoptr(PkioHistorySlots) result = NULL;
  g_auto(GStrv) parts = g_strsplit_set (folded, " @.-'", -1);

  for (guint k = 0; parts[k] != NULL; k++)
    {
      g_autoptr(PkioHistorySlots) found = _pkio_history_slots_new (prefix->n_slots);
      gsize length = strlen (parts[k]);
      guint low = 0, high = prefix->words->len;

      if (length == 0)
        continue;
      while (low < high)
        {
          guint mid = low + (high - low) / 2;
          const char *word = prefix->text + g_array_index (prefix->words, Word, mid).offset;

          if (strcmp (word, parts[k]) < 0)
            low = mid + 1;
          else
            high = mid;
        }
      for (guint w = low; w < prefix->words->len; w++)
        {
          const Word *word = &g_array_index (prefix->words, Word, w);

          if (strncmp (prefix->text + word->offset, parts[k], length) != 0)
            break;
          _pkio_history_slots_add (found, word->slot);
        }
      if (result == NULL)
        result = g_steal_pointer (&found);
      else
        _pkio_history_slots_and (result, found);
    }
  return result != NULL ? _pkio_history_slots_count (result) : prefix->n_slots;
}

/* ---- fts5 ---- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *match;
  sqlite3_stmt *like;
  guint         n_slots;
} Fts;

static Fts *
fts_build (GPtrArray  *records,
           const char *path)
{
  Fts *fts = g_new0 (Fts, 1);
  sqlite3_stmt *insert = NULL;

  g_unlink (path);
  g_assert (sqlite3_open (path, &fts->db) == SQLITE_OK);
  sqlite3_exec (fts->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  g_assert (sqlite3_exec (fts->db, "CREATE VIRTUAL TABLE keys USING fts5(key, tokenize='trigram')",
                          NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_exec (fts->db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (fts->db, "INSERT INTO keys (rowid, key) VALUES (?, ?)", -1, &insert, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (records, i);

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, i);
      sqlite3_bind_text (insert, 2, record->search_key, -1, SQLITE_STATIC);
      g_assert (sqlite3_step (insert) == SQLITE_DONE);
    }
  sqlite3_finalize (insert);
  sqlite3_exec (fts->db, "COMMIT", NULL, NULL, NULL);
  sqlite3_exec (fts->db, "INSERT INTO keys (keys) VALUES ('optimize')", NULL, NULL, NULL);
  sqlite3_exec (fts->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_prepare_v2 (fts->db, "SELECT rowid FROM keys WHERE keys MATCH ?", -1, &fts->match, NULL);
  sqlite3_prepare_v2 (fts->db, "SELECT rowid FROM keys WHERE key LIKE ? ESCAPE '\\'", -1,
                      &fts->like, NULL);
  fts->n_slots = records->len;
  return fts;
}

static guint
fts_query (gpointer    data,
           const char *folded)
{
  Fts *fts = data;
  g_autoptr(PkioHistorySlots) found = _pkio_history_slots_new (fts->n_slots);
  g_autoptr(GString) pattern = g_string_new (NULL);
  sqlite3_stmt *stmt;

  if (g_utf8_strlen (folded, -1) >= 3)
    {
      /* One phrase: the whole query as a substring. */
      g_string_append_c (pattern, '"');
      for (const char *p = folded; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (pattern, '"');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '"');
      stmt = fts->match;
    }
  else
    {
      g_string_append_c (pattern, '%');
      for (const char *p = folded; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      stmt = fts->like;
    }
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, pattern->str, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    _pkio_history_slots_add (found, sqlite3_column_int64 (stmt, 0));
  return _pkio_history_slots_count (found);
}

/* ---- the table ---- */

static void
run (guint    n,
     gboolean varied)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (24);
  g_autofree char *dir = g_dir_make_tmp ("pkio-bench-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fts.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  PkioHistoryIndex *index;
  g_autoptr(GPtrArray) keyed = g_ptr_array_new_with_free_func (g_object_unref);
  Prefix *prefix;
  Fts *fts;
  gsize heap;
  double t0, build[4];
  double size[4];
  GStatBuf st;
  static const char *const names[] = { "scan", "trigram", "prefix", "fts5" };
  gpointer data[4];
  QueryFunc funcs[4] = { scan_query, trigram_query, prefix_query, fts_query };

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, make_record (i, varied, rand));

  /* scan: the keys the records kept */
  heap = 0;
  for (guint i = 0; i < n; i++)
    heap += malloc_usable_size (((PkioHistoryRecord *) g_ptr_array_index (records, i))->search_key);
  build[0] = 0;
  size[0] = heap;
  data[0] = records;

  /* trigram: the index takes the records' keys over, so it gets copies */
  for (guint i = 0; i < n; i++)
    {
      PkioHistoryRecord *copy = _pkio_history_record_new ();

      copy->holder_name = g_strdup (((PkioHistoryRecord *) records->pdata[i])->holder_name);
      copy->search_key = g_strdup (((PkioHistoryRecord *) records->pdata[i])->search_key);
      copy->remote_status = _pkio_history_intern ("issued");
      copy->state = PKIO_RECORD_STATE_REMOTE;
      g_ptr_array_add (keyed, copy);
    }
  t0 = cpu_ms ();
  index = _pkio_history_index_new ();
  for (guint i = 0; i < n; i++)
    _pkio_history_index_add (index, g_ptr_array_index (keyed, i));
  /* The postings are made in a thread: the build is that thread's time too. */
  build[1] = cpu_ms () - t0;
  {
    struct timespec ts;
    double p0;

    clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
    p0 = ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
    _pkio_history_index_wait_posted (index);
    clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
    build[1] += ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6 - p0;
  }
  /* What it holds: the keys (which the records then no longer keep) and the lists. */
  size[1] = _pkio_history_index_get_size (index);
  data[1] = index;

  heap = heap_bytes ();
  t0 = cpu_ms ();
  prefix = prefix_build (records);
  build[2] = cpu_ms () - t0;
  size[2] = (double) heap_bytes () - heap;
  data[2] = prefix;

  t0 = cpu_ms ();
  fts = fts_build (records, path);
  build[3] = cpu_ms () - t0;
  g_stat (path, &st);
  size[3] = st.st_size;
  data[3] = fts;

  g_print ("\n%s keys, %u records (CPU ms of this thread; median / worst of %d; found)\n",
           varied ? "varied" : "benchmark", n, REPEAT);
  g_print ("| query |");
  for (guint c = 0; c < 4; c++)
    g_print (" %s |", names[c]);
  g_print ("\n|---|---:|---:|---:|---:|\n");
  g_print ("| build (ms) |");
  for (guint c = 0; c < 4; c++)
    g_print (" %.0f |", build[c]);
  g_print ("\n| memory (MiB) |");
  for (guint c = 0; c < 4; c++)
    g_print (" %.1f%s |", size[c] / (1024.0 * 1024.0), c == 3 ? " (file)" : "");
  g_print ("\n");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_print ("| \"%s\" |", queries[q]);
      for (guint c = 0; c < 4; c++)
        {
          Timing timing = time_query (funcs[c], data[c], queries[q]);

          g_print (" %.2f / %.2f (%u) |", timing.median, timing.worst, timing.found);
        }
      g_print ("\n");
    }

  _pkio_history_index_free (index);
  g_free (prefix->text);
  g_array_unref (prefix->words);
  g_free (prefix);
  sqlite3_finalize (fts->match);
  sqlite3_finalize (fts->like);
  sqlite3_close (fts->db);
  g_free (fts);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;

  run (n, FALSE);
  run (n, TRUE);
  return 0;
}
