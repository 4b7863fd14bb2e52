/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's search index: see pkio-history-index.h for what it holds and why. */
#include "config.h"

#include <string.h>

#include "pkio-history-index.h"
#include "pkio-history-postings.h"

/* The lists of the runs that start with the same two bytes, so that a query of one or two
 * bytes finds them all. */
typedef struct
{
  guint64  present[4];   /* bit b: the run (these two bytes, b) has a list */
  PkioPosting *postings;     /* one per bit in present, in byte order */
  guint    n;
} Bucket;

#define N_PREFIXES 65536

struct _PkioHistoryIndex
{
  Bucket          **buckets;        /* the two first bytes of a run -> Bucket; calloc'd when the
                                     * first record comes (the pages no prefix uses stay
                                     * untouched), NULL before */
  char             *keys;           /* every slot's key, NUL-terminated, one after the other */
  gsize             keys_len;
  gsize             keys_alloc;
  gsize             keys_waste;     /* of keys replaced or removed */
  guint32          *key_at;         /* slot -> offset of its key in keys */
  guint8           *category;       /* slot -> PkioStatusCategory + 1; 0: not held */
  guint32          *end_key;        /* slot -> _pkio_history_record_get_end_key () */
  guint             n_slots;
  guint             slots_alloc;
  PkioHistorySlots *held;
  PkioHistorySlots *by_category[PKIO_N_STATUS_CATEGORIES];
  guint             count[PKIO_N_STATUS_CATEGORIES];
};

/* ---- runs of three bytes ---- */

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

static PkioPosting *
find_posting (PkioHistoryIndex *self,
              guint32           run,
              gboolean          create)
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
static GArray *
key_runs (const char *key,
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

/* ---- slots and keys ---- */

static void
reserve_slots (PkioHistoryIndex *self,
               guint             n_slots)
{
  guint old = self->slots_alloc;

  if (n_slots <= old)
    return;
  self->slots_alloc = MAX (n_slots, old + old / 2 + 64);
  self->key_at = g_renew (guint32, self->key_at, self->slots_alloc);
  self->category = g_renew (guint8, self->category, self->slots_alloc);
  self->end_key = g_renew (guint32, self->end_key, self->slots_alloc);
  memset (self->category + old, 0, self->slots_alloc - old);
}

static const char *
slot_key (const PkioHistoryIndex *self,
          guint32                 slot)
{
  return self->keys + self->key_at[slot];
}

static guint32
append_key (PkioHistoryIndex *self,
            const char       *key)
{
  gsize length = strlen (key) + 1;
  guint32 offset;

  if (self->keys_len + length > self->keys_alloc)
    {
      self->keys_alloc = MAX (self->keys_len + length, self->keys_alloc + self->keys_alloc / 2 + 4096);
      self->keys = g_realloc (self->keys, self->keys_alloc);
    }
  offset = self->keys_len;
  memcpy (self->keys + offset, key, length);
  self->keys_len += length;
  return offset;
}

/* Keys that were replaced leave a gap: once the gaps are half of it, the block is written
 * again without them. */
static void
compact_keys (PkioHistoryIndex *self)
{
  char *old = self->keys;

  if (self->keys_waste < 1024 * 1024 || self->keys_waste < self->keys_len / 2)
    return;
  self->keys = NULL;
  self->keys_len = self->keys_alloc = self->keys_waste = 0;
  for (guint slot = 0; slot < self->n_slots; slot++)
    if (self->category[slot] != 0)
      self->key_at[slot] = append_key (self, old + self->key_at[slot]);
  g_free (old);
}

static char *
take_key (PkioHistoryRecord *record)
{
  GString *key;

  if (record->search_key != NULL)
    return g_steal_pointer (&record->search_key);
  key = g_string_sized_new (96);
  _pkio_history_record_append_key (record, key);
  return g_string_free (key, FALSE);
}

static void
set_category (PkioHistoryIndex *self,
              guint32           slot,
              int               category)   /* -1: none */
{
  int old = (int) self->category[slot] - 1;

  self->end_key[slot] = PKIO_END_KEY_NONE;

  if (old == category)
    return;
  if (old >= 0)
    {
      _pkio_history_slots_remove (self->by_category[old], slot);
      self->count[old]--;
    }
  if (category >= 0)
    {
      _pkio_history_slots_add (self->by_category[category], slot);
      self->count[category]++;
    }
  self->category[slot] = category + 1;
}

/* ---- public ---- */

PkioHistoryIndex *
_pkio_history_index_new (void)
{
  PkioHistoryIndex *self = g_new0 (PkioHistoryIndex, 1);

  self->held = _pkio_history_slots_new (0);
  for (guint i = 0; i < PKIO_N_STATUS_CATEGORIES; i++)
    self->by_category[i] = _pkio_history_slots_new (0);
  return self;
}

void
_pkio_history_index_free (PkioHistoryIndex *self)
{
  if (self == NULL)
    return;
  if (self->buckets != NULL)
    for (guint i = 0; i < N_PREFIXES; i++)
      bucket_free (self->buckets[i]);
  g_free (self->buckets);
  g_free (self->keys);
  g_free (self->key_at);
  g_free (self->category);
  g_free (self->end_key);
  _pkio_history_slots_free (self->held);
  for (guint i = 0; i < PKIO_N_STATUS_CATEGORIES; i++)
    _pkio_history_slots_free (self->by_category[i]);
  g_free (self);
}

void
_pkio_history_index_add (PkioHistoryIndex  *self,
                         PkioHistoryRecord *record)
{
  g_autofree char *key = NULL;
  g_autoptr(GArray) runs = NULL;
  guint32 slot;

  g_return_if_fail (record->slot == PKIO_HISTORY_NO_SLOT);

  slot = self->n_slots++;
  reserve_slots (self, self->n_slots);
  key = take_key (record);
  self->key_at[slot] = append_key (self, key);
  runs = key_runs (key, FALSE);
  for (guint i = 0; i < runs->len; i++)
    _pkio_posting_add (find_posting (self, g_array_index (runs, guint32, i), TRUE), slot);
  set_category (self, slot, pkio_history_record_get_status_category (record));
  self->end_key[slot] = _pkio_history_record_get_end_key (record);
  _pkio_history_slots_add (self->held, slot);
  record->slot = slot;
}

void
_pkio_history_index_update (PkioHistoryIndex  *self,
                            PkioHistoryRecord *record)
{
  guint32 slot = record->slot;
  g_autofree char *key = NULL;

  if (slot == PKIO_HISTORY_NO_SLOT)
    {
      _pkio_history_index_add (self, record);
      return;
    }
  g_return_if_fail (slot < self->n_slots && self->category[slot] != 0);

  key = take_key (record);
  if (strcmp (key, slot_key (self, slot)) != 0)
    {
      /* Only the runs that came or went: a certificate number that arrived, say. */
      g_autoptr(GArray) old_runs = key_runs (slot_key (self, slot), TRUE);
      g_autoptr(GArray) new_runs = key_runs (key, TRUE);
      guint i = 0, j = 0;

      while (i < old_runs->len || j < new_runs->len)
        {
          guint32 old_run = i < old_runs->len ? g_array_index (old_runs, guint32, i) : G_MAXUINT32;
          guint32 new_run = j < new_runs->len ? g_array_index (new_runs, guint32, j) : G_MAXUINT32;

          if (old_run == new_run)
            i++, j++;
          else if (old_run < new_run)
            {
              _pkio_posting_remove (find_posting (self, old_run, TRUE), slot);
              i++;
            }
          else
            {
              _pkio_posting_add (find_posting (self, new_run, TRUE), slot);
              j++;
            }
        }
      self->keys_waste += strlen (slot_key (self, slot)) + 1;
      self->key_at[slot] = append_key (self, key);
      compact_keys (self);
    }
  set_category (self, slot, pkio_history_record_get_status_category (record));
  self->end_key[slot] = _pkio_history_record_get_end_key (record);
}

void
_pkio_history_index_remove (PkioHistoryIndex  *self,
                            PkioHistoryRecord *record)
{
  guint32 slot = record->slot;
  g_autoptr(GArray) runs = NULL;

  if (slot == PKIO_HISTORY_NO_SLOT)
    return;
  g_return_if_fail (slot < self->n_slots && self->category[slot] != 0);

  runs = key_runs (slot_key (self, slot), FALSE);
  for (guint i = 0; i < runs->len; i++)
    _pkio_posting_remove (find_posting (self, g_array_index (runs, guint32, i), TRUE), slot);
  self->keys_waste += strlen (slot_key (self, slot)) + 1;
  set_category (self, slot, -1);
  _pkio_history_slots_remove (self->held, slot);
  record->slot = PKIO_HISTORY_NO_SLOT;
  compact_keys (self);
}

/* The slots @filter lets through: one of the sets kept, or (several categories) a new one in
 * *@owned. */
static gboolean
is_expiry_filter (PkioStatusFilter filter)
{
  return filter == PKIO_STATUS_FILTER_ENDS_SOON || filter == PKIO_STATUS_FILTER_ENDED;
}

static inline gboolean
end_key_passes (guint32                 end_key,
                PkioStatusFilter        filter,
                const PkioExpiryWindow *window)
{
  return _pkio_expiry_from_end_key (end_key, window)
         == (filter == PKIO_STATUS_FILTER_ENDS_SOON ? PKIO_EXPIRY_ENDS_SOON : PKIO_EXPIRY_ENDED);
}

static const PkioHistorySlots *
allowed_slots (PkioHistoryIndex       *self,
               PkioStatusFilter        filter,
               const PkioExpiryWindow *window,
               PkioHistorySlots      **owned)
{
  guint categories = _pkio_status_filter_categories (filter);

  if (is_expiry_filter (filter))
    {
      /* The end dates depend on the day: one pass over an array of numbers, not the records. */
      *owned = _pkio_history_slots_new (self->n_slots);
      for (guint32 slot = 0; slot < self->n_slots; slot++)
        if (self->category[slot] != 0 && end_key_passes (self->end_key[slot], filter, window))
          _pkio_history_slots_add (*owned, slot);
      return *owned;
    }
  if (categories == (1u << PKIO_N_STATUS_CATEGORIES) - 1)
    return self->held;
  if ((categories & (categories - 1)) == 0)
    return self->by_category[__builtin_ctz (categories)];
  *owned = _pkio_history_slots_new (self->n_slots);
  for (guint i = 0; i < PKIO_N_STATUS_CATEGORIES; i++)
    if (categories & (1u << i))
      _pkio_history_slots_or (*owned, self->by_category[i]);
  return *owned;
}

/* One or two bytes: every run that starts with them. */
static void
search_short (PkioHistoryIndex *self,
              const guchar     *query,
              gsize             length,
              PkioHistorySlots *result)
{
  for (guint second = 1; second < 256; second++)
    {
      guint prefix = (guint) query[0] << 8 | (length == 2 ? query[1] : second);
      Bucket *bucket = self->buckets != NULL ? self->buckets[prefix] : NULL;

      if (bucket != NULL)
        for (guint i = 0; i < bucket->n; i++)
          _pkio_posting_or_into (&bucket->postings[i], result);
      if (length == 2)
        break;
    }
}

/* Three bytes or more: the slots of the rarest run whose other runs are there (where that
 * costs a bit test), then whose key holds the whole query. */
static void
search_long (PkioHistoryIndex       *self,
             const char             *query,
             gsize                   length,
             const PkioHistorySlots *allowed,
             PkioHistorySlots       *result)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  const PkioPosting *rarest = NULL;
  PkioPostingIter iter;
  guint32 slot;
  gboolean exact = length == 3;

  for (gsize i = 0; i + 2 < length; i++)
    {
      const guchar *p = (const guchar *) query + i;
      PkioPosting *posting = find_posting (self, (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2],
                                       FALSE);

      if (posting == NULL || posting->count == 0)
        return;
      if (rarest == NULL || posting->count < rarest->count)
        rarest = posting;
      if (posting->bitmap)
        g_ptr_array_add (lists, posting);
    }

  _pkio_posting_iter_init (&iter, rarest);
  while (_pkio_posting_iter_next (&iter, &slot))
    {
      gboolean found = _pkio_history_slots_has (allowed, slot);

      for (guint i = 0; found && i < lists->len; i++)
        found = g_ptr_array_index (lists, i) == rarest
                || _pkio_posting_has (g_ptr_array_index (lists, i), slot);
      if (found && (exact || strstr (slot_key (self, slot), query) != NULL))
        _pkio_history_slots_add (result, slot);
    }
}

PkioHistorySlots *
_pkio_history_index_search (PkioHistoryIndex       *self,
                            const PkioHistoryQuery *query,
                            PkioStatusFilter        filter,
                            const PkioExpiryWindow *window)
{
  g_autoptr(PkioHistorySlots) owned = NULL;
  const PkioHistorySlots *allowed = allowed_slots (self, filter, window, &owned);
  PkioHistorySlots *result = _pkio_history_slots_new (self->n_slots);
  const char *text;
  gsize length;

  if (query == NULL)
    {
      _pkio_history_slots_copy (result, allowed);
      return result;
    }
  text = _pkio_history_query_get_folded (query, &length);
  if (length <= 2)
    {
      search_short (self, (const guchar *) text, length, result);
      _pkio_history_slots_and (result, allowed);
    }
  else
    search_long (self, text, length, allowed, result);
  return result;
}

gboolean
_pkio_history_index_matches (PkioHistoryIndex       *self,
                             guint32                 slot,
                             const PkioHistoryQuery *query,
                             PkioStatusFilter        filter,
                             const PkioExpiryWindow *window)
{
  gsize length;

  if (slot >= self->n_slots || self->category[slot] == 0)
    return FALSE;
  if (is_expiry_filter (filter) && !end_key_passes (self->end_key[slot], filter, window))
    return FALSE;
  if ((_pkio_status_filter_categories (filter) & (1u << (self->category[slot] - 1))) == 0)
    return FALSE;
  return query == NULL
         || strstr (slot_key (self, slot), _pkio_history_query_get_folded (query, &length)) != NULL;
}

guint
_pkio_history_index_count (PkioHistoryIndex       *self,
                           PkioStatusFilter        filter,
                           const PkioExpiryWindow *window)
{
  guint categories = _pkio_status_filter_categories (filter);
  guint count = 0;

  if (is_expiry_filter (filter))
    {
      for (guint32 slot = 0; slot < self->n_slots; slot++)
        count += self->category[slot] != 0 && end_key_passes (self->end_key[slot], filter, window);
      return count;
    }

  for (guint i = 0; i < PKIO_N_STATUS_CATEGORIES; i++)
    if (categories & (1u << i))
      count += self->count[i];
  return count;
}

guint
_pkio_history_index_n_slots (PkioHistoryIndex *self)
{
  return self->n_slots;
}

gsize
_pkio_history_index_get_size (PkioHistoryIndex *self)
{
  gsize size = sizeof *self + self->keys_alloc + self->slots_alloc * (2 * sizeof (guint32) + 1)
               + (self->held->n_words * sizeof (guint64)) * (1 + PKIO_N_STATUS_CATEGORIES);

  if (self->buckets != NULL)
    size += N_PREFIXES * sizeof (gpointer);
  for (guint prefix = 0; self->buckets != NULL && prefix < N_PREFIXES; prefix++)
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
