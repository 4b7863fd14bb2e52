/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The search index's lists of slots by run of three bytes: see pkio-history-runs.h. */
#include "config.h"

#include <string.h>

#include "pkio-history-runs.h"

/* The lists of the runs that start with the same two bytes, so that a query of one or two
 * bytes finds them all. */
typedef struct
{
  guint64  present[4];   /* bit b: the run (these two bytes, b) has a list */
  PkioPosting *postings;     /* one per bit in present, in byte order */
  guint    n;
} Bucket;

#define N_PREFIXES 65536

struct _PkioRunTable
{
  Bucket **buckets;   /* the two first bytes of a run -> Bucket; calloc'd when the first run
                       * comes (the pages no prefix uses stay untouched), NULL before */
};

static void
bucket_free (Bucket *bucket)
{
  if (bucket == NULL)
    return;
  for (guint i = 0; i < bucket->n; i++)
    _pkio_posting_clear (&bucket->postings[i]);
  g_free (bucket->postings);
  g_free (bucket);
}

static inline gboolean
bucket_has (const Bucket *bucket,
            guint8        byte)
{
  return (bucket->present[byte / 64] >> (byte % 64)) & 1;
}

static guint
bucket_rank (const Bucket *bucket,
             guint8        byte)
{
  guint rank = 0;

  for (guint i = 0; i < byte / 64; i++)
    rank += __builtin_popcountll (bucket->present[i]);
  if (byte % 64 != 0)
    rank += __builtin_popcountll (bucket->present[byte / 64]
                                  & ((G_GUINT64_CONSTANT (1) << (byte % 64)) - 1));
  return rank;
}

PkioPosting *
_pkio_run_table_find (PkioRunTable *self,
                      guint32       run,
                      gboolean      create)
{
  guint prefix = run >> 8;
  guint8 byte = run & 0xff;
  Bucket *bucket = self->buckets != NULL ? self->buckets[prefix] : NULL;
  guint rank;

  if (bucket == NULL)
    {
      if (!create)
        return NULL;
      if (self->buckets == NULL)
        self->buckets = g_new0 (Bucket *, N_PREFIXES);
      bucket = self->buckets[prefix] = g_new0 (Bucket, 1);
    }
  rank = bucket_rank (bucket, byte);
  if (bucket_has (bucket, byte))
    return &bucket->postings[rank];
  if (!create)
    return NULL;
  bucket->postings = g_renew (PkioPosting, bucket->postings, bucket->n + 1);
  memmove (bucket->postings + rank + 1, bucket->postings + rank,
           (bucket->n - rank) * sizeof (PkioPosting));
  memset (&bucket->postings[rank], 0, sizeof (PkioPosting));
  bucket->n++;
  bucket->present[byte / 64] |= G_GUINT64_CONSTANT (1) << (byte % 64);
  return &bucket->postings[rank];
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* The distinct runs of three bytes of @key (none starts with a newline: no query does), in
 * no particular order unless @sorted. Runs on every record of a loading history: a small
 * open-addressing set does the deduplication, no sort. */
GArray *
_pkio_key_runs (const char *key,
                gboolean    sorted)
{
  gsize length = strlen (key);
  GArray *runs = g_array_sized_new (FALSE, FALSE, sizeof (guint32), length);
  guint32 stack_seen[256];
  g_autofree guint32 *heap_seen = NULL;
  guint32 *seen = stack_seen;
  guint mask = G_N_ELEMENTS (stack_seen) - 1;

  /* At most half full: a key that long is rare (a very long name). */
  if (length * 2 > G_N_ELEMENTS (stack_seen))
    {
      mask = 1;
      while (mask + 1 < length * 2)
        mask = mask * 2 + 1;
      seen = heap_seen = g_new (guint32, mask + 1);
    }
  memset (seen, 0xff, (mask + 1) * sizeof (guint32));
  for (gsize i = 0; i + 2 < length; i++)
    {
      const guchar *p = (const guchar *) key + i;
      guint32 run;
      guint at;

      if (p[0] == '\n')
        continue;
      run = (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
      for (at = (run * 2654435761u) >> 8 & mask; seen[at] != G_MAXUINT32 && seen[at] != run;
           at = (at + 1) & mask)
        ;
      if (seen[at] == run)
        continue;
      seen[at] = run;
      g_array_append_val (runs, run);
    }
  if (sorted)
    g_array_sort (runs, compare_runs);
  return runs;
}

PkioRunTable *
_pkio_run_table_new (void)
{
  return g_new0 (PkioRunTable, 1);
}

void
_pkio_run_table_free (PkioRunTable *self)
{
  if (self == NULL)
    return;
  if (self->buckets != NULL)
    for (guint i = 0; i < N_PREFIXES; i++)
      bucket_free (self->buckets[i]);
  g_free (self->buckets);
  g_free (self);
}

void
_pkio_run_table_post (PkioRunTable *self,
                      const char   *key,
                      guint32       slot)
{
  g_autoptr(GArray) runs = _pkio_key_runs (key, FALSE);

  for (guint i = 0; i < runs->len; i++)
    _pkio_posting_add (_pkio_run_table_find (self, g_array_index (runs, guint32, i), TRUE), slot);
}

void
_pkio_run_table_unpost (PkioRunTable *self,
                        const char   *key,
                        guint32       slot)
{
  g_autoptr(GArray) runs = _pkio_key_runs (key, FALSE);

  for (guint i = 0; i < runs->len; i++)
    _pkio_posting_remove (_pkio_run_table_find (self, g_array_index (runs, guint32, i), TRUE),
                          slot);
}

void
_pkio_run_table_take (PkioRunTable *self,
                      PkioRunTable *from)
{
  if (from->buckets == NULL)
    return;
  if (self->buckets == NULL)
    {
      /* The first (a history loading): the whole table moves. */
      self->buckets = g_steal_pointer (&from->buckets);
      return;
    }
  for (guint prefix = 0; prefix < N_PREFIXES; prefix++)
    {
      Bucket *bucket = from->buckets[prefix];

      if (bucket == NULL)
        continue;
      /* Runs with these two bytes that this table has none of: the lists move. */
      if (self->buckets[prefix] == NULL)
        {
          self->buckets[prefix] = g_steal_pointer (&from->buckets[prefix]);
          continue;
        }
      /* The lists are in byte order: the k-th bit set is the k-th list. */
      for (guint word = 0, k = 0; word < 4; word++)
        for (guint64 bits = bucket->present[word]; bits != 0; bits &= bits - 1, k++)
          _pkio_posting_take (_pkio_run_table_find (self,
                                                    prefix << 8
                                                    | (word * 64 + __builtin_ctzll (bits)),
                                                    TRUE),
                              &bucket->postings[k]);
    }
}

void
_pkio_run_table_or_prefix (PkioRunTable     *self,
                           guint             prefix,
                           PkioHistorySlots *slots)
{
  Bucket *bucket = self->buckets != NULL ? self->buckets[prefix] : NULL;

  for (guint i = 0; bucket != NULL && i < bucket->n; i++)
    _pkio_posting_or_into (&bucket->postings[i], slots);
}

gsize
_pkio_run_table_get_size (PkioRunTable *self)
{
  gsize size = sizeof *self;

  if (self->buckets == NULL)
    return size;
  size += N_PREFIXES * sizeof (gpointer);
  for (guint prefix = 0; prefix < N_PREFIXES; prefix++)
    {
      Bucket *bucket = self->buckets[prefix];

      if (bucket == NULL)
        continue;
      size += sizeof *bucket + bucket->n * sizeof (PkioPosting);
      for (guint i = 0; i < bucket->n; i++)
        size += _pkio_posting_get_size (&bucket->postings[i]);
    }
  return size;
}
