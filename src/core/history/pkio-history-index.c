/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's search index: see pkio-history-index.h for what it holds and why. */
#include "config.h"

#include <string.h>

#include "pkio-history-index.h"
#include "pkio-history-runs.h"

struct _PkioHistoryIndex
{
  PkioRunTable     *runs;           /* run of three bytes -> the slots whose key has it */
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
  /* Slots whose runs are not in the postings yet: a search looks at their keys instead. */
  PkioHistorySlots *unposted;     /* not in a build either */
  guint             n_unposted;
  struct _IndexBuild *build;      /* the one running in a thread, or NULL */
  guint             build_soon;   /* the timeout that starts the next build, or 0 */
};

/* A build of the postings of some slots, in a thread, over a copy of their keys (the index
 * itself stays the main thread's). Its slots are in the index's building set until the
 * postings it made are taken in, on the main thread. */
#define BUILD_DELAY_MS 50

typedef struct _IndexBuild
{
  PkioHistoryIndex *index;        /* NULL once the index is gone (main thread only) */
  PkioHistorySlots *building;     /* its slots */
  PkioHistorySlots *touched;      /* of those, the ones whose key changed or left meanwhile */
  guint32          *slots;        /* ascending */
  guint32          *key_at;       /* slot i's key: keys + key_at[i] */
  char             *keys;
  guint             n;
  PkioRunTable     *runs;         /* what the thread made */
} IndexBuild;

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

/* ---- the postings, built in a thread ---- */

static void
index_build_free (IndexBuild *build)
{
  _pkio_history_slots_free (build->building);
  _pkio_history_slots_free (build->touched);
  g_free (build->slots);
  g_free (build->key_at);
  g_free (build->keys);
  _pkio_run_table_free (build->runs);
  g_free (build);
}

static void
build_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  IndexBuild *build = task_data;

  /* The same code as on the main thread, on a table of its own. */
  build->runs = _pkio_run_table_new ();
  for (guint i = 0; i < build->n; i++)
    _pkio_run_table_post (build->runs, build->keys + build->key_at[i], build->slots[i]);
  g_task_return_boolean (task, TRUE);
}

static void schedule_build (PkioHistoryIndex *self);

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  IndexBuild *build = g_task_get_task_data (G_TASK (result));
  PkioHistoryIndex *self = build->index;

  if (self == NULL)
    return;
  self->build = NULL;
  _pkio_run_table_take (self->runs, build->runs);
  /* A key that changed or left while the thread worked: what it posted goes, and a record
   * still held is posted by the next build, with the key it has now. */
  for (guint i = 0; i < build->n; i++)
    {
      guint32 slot = build->slots[i];

      if (!_pkio_history_slots_has (build->touched, slot))
        continue;
      _pkio_run_table_unpost (self->runs, build->keys + build->key_at[i], slot);
      if (self->category[slot] != 0)
        {
          _pkio_history_slots_add (self->unposted, slot);
          self->n_unposted++;
        }
    }
  /* The task frees @build (and what is left of its table). */
  schedule_build (self);
}

/* Copies the keys of the unposted slots and posts them in a thread. */
static gboolean
start_build (gpointer data)
{
  PkioHistoryIndex *self = data;
  g_autoptr(GTask) task = NULL;
  IndexBuild *build;
  gsize keys_len = 0;
  guint n = 0;

  self->build_soon = 0;
  if (self->build != NULL || self->n_unposted == 0)
    return G_SOURCE_REMOVE;
  build = g_new0 (IndexBuild, 1);
  build->index = self;
  build->building = g_steal_pointer (&self->unposted);
  build->touched = _pkio_history_slots_new (0);
  build->slots = g_new (guint32, self->n_unposted);
  build->key_at = g_new (guint32, self->n_unposted);
  self->unposted = _pkio_history_slots_new (0);
  for (guint32 slot = 0; slot < self->n_slots; slot++)
    if (_pkio_history_slots_has (build->building, slot))
      {
        build->slots[n] = slot;
        build->key_at[n++] = keys_len;
        keys_len += strlen (slot_key (self, slot)) + 1;
      }
  g_assert (n == self->n_unposted);
  build->n = n;
  build->keys = g_malloc (MAX (keys_len, 1));
  for (guint i = 0; i < n; i++)
    strcpy (build->keys + build->key_at[i], slot_key (self, build->slots[i]));
  self->n_unposted = 0;
  self->build = build;

  task = g_task_new (NULL, NULL, build_done_cb, NULL);
  g_task_set_source_tag (task, start_build);
  g_task_set_task_data (task, build, (GDestroyNotify) index_build_free);
  g_task_run_in_thread (task, build_in_thread);
  return G_SOURCE_REMOVE;
}

/* Records come in chunks (a history loading, a sync's merge): the next build waits a moment, so
 * that it takes many at once. Each build is copied out and taken in on the main thread, which
 * costs about the same for a few records as for thousands. */
static void
schedule_build (PkioHistoryIndex *self)
{
  if (self->build == NULL && self->build_soon == 0 && self->n_unposted > 0)
    self->build_soon = g_timeout_add (BUILD_DELAY_MS, start_build, self);
}

/* Whether @slot's runs are in the postings. */
static gboolean
is_posted (PkioHistoryIndex *self,
           guint32           slot)
{
  return !_pkio_history_slots_has (self->unposted, slot)
         && (self->build == NULL || !_pkio_history_slots_has (self->build->building, slot));
}

/* A search's answer for the slots not posted yet: their keys, looked at one by one. */
static void
search_unposted (PkioHistoryIndex       *self,
                 const char             *query,
                 const PkioHistorySlots *allowed,
                 PkioHistorySlots       *result)
{
  const PkioHistorySlots *sets[2] = { self->unposted,
                                      self->build != NULL ? self->build->building : NULL };

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint w = 0; sets[s] != NULL && w < sets[s]->n_words; w++)
      {
        guint64 bits = sets[s]->words[w];

        while (bits != 0)
          {
            guint32 slot = w * 64 + __builtin_ctzll (bits);

            bits &= bits - 1;
            if (self->category[slot] != 0 && _pkio_history_slots_has (allowed, slot)
                && strstr (slot_key (self, slot), query) != NULL)
              _pkio_history_slots_add (result, slot);
          }
      }
}

/* ---- public ---- */

PkioHistoryIndex *
_pkio_history_index_new (void)
{
  PkioHistoryIndex *self = g_new0 (PkioHistoryIndex, 1);

  self->runs = _pkio_run_table_new ();
  self->held = _pkio_history_slots_new (0);
  self->unposted = _pkio_history_slots_new (0);
  for (guint i = 0; i < PKIO_N_STATUS_CATEGORIES; i++)
    self->by_category[i] = _pkio_history_slots_new (0);
  return self;
}

void
_pkio_history_index_free (PkioHistoryIndex *self)
{
  if (self == NULL)
    return;
  /* A build still running finishes into nothing: its task frees it. */
  if (self->build != NULL)
    self->build->index = NULL;
  if (self->build_soon != 0)
    g_source_remove (self->build_soon);
  _pkio_run_table_free (self->runs);
  _pkio_history_slots_free (self->unposted);
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
  guint32 slot;

  g_return_if_fail (record->slot == PKIO_HISTORY_NO_SLOT);

  slot = self->n_slots++;
  reserve_slots (self, self->n_slots);
  key = take_key (record);
  self->key_at[slot] = append_key (self, key);
  set_category (self, slot, pkio_history_record_get_status_category (record));
  self->end_key[slot] = _pkio_history_record_get_end_key (record);
  _pkio_history_slots_add (self->held, slot);
  record->slot = slot;
  /* Its runs are posted in a thread (a history of 100,000 records arrives in a few hundred
   * milliseconds of the main thread's time otherwise); until then a search reads its key. */
  _pkio_history_slots_add (self->unposted, slot);
  self->n_unposted++;
  schedule_build (self);
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
  if (strcmp (key, slot_key (self, slot)) != 0 && !is_posted (self, slot))
    {
      /* Not posted yet: only the key changes (a build that has it fixes it when it ends). */
      if (self->build != NULL && _pkio_history_slots_has (self->build->building, slot))
        _pkio_history_slots_add (self->build->touched, slot);
      self->keys_waste += strlen (slot_key (self, slot)) + 1;
      self->key_at[slot] = append_key (self, key);
      compact_keys (self);
    }
  else if (strcmp (key, slot_key (self, slot)) != 0)
    {
      /* Only the runs that came or went: a certificate number that arrived, say. */
      g_autoptr(GArray) old_runs = _pkio_key_runs (slot_key (self, slot), TRUE);
      g_autoptr(GArray) new_runs = _pkio_key_runs (key, TRUE);
      guint i = 0, j = 0;

      while (i < old_runs->len || j < new_runs->len)
        {
          guint32 old_run = i < old_runs->len ? g_array_index (old_runs, guint32, i) : G_MAXUINT32;
          guint32 new_run = j < new_runs->len ? g_array_index (new_runs, guint32, j) : G_MAXUINT32;

          if (old_run == new_run)
            i++, j++;
          else if (old_run < new_run)
            {
              _pkio_posting_remove (_pkio_run_table_find (self->runs, old_run, TRUE), slot);
              i++;
            }
          else
            {
              _pkio_posting_add (_pkio_run_table_find (self->runs, new_run, TRUE), slot);
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

  if (slot == PKIO_HISTORY_NO_SLOT)
    return;
  g_return_if_fail (slot < self->n_slots && self->category[slot] != 0);

  if (_pkio_history_slots_has (self->unposted, slot))
    {
      _pkio_history_slots_remove (self->unposted, slot);
      self->n_unposted--;
    }
  else if (self->build != NULL && _pkio_history_slots_has (self->build->building, slot))
    _pkio_history_slots_add (self->build->touched, slot);
  else
    _pkio_run_table_unpost (self->runs, slot_key (self, slot), slot);
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
      _pkio_run_table_or_prefix (self->runs, (guint) query[0] << 8 | (length == 2 ? query[1] : second),
                                 result);
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
      PkioPosting *posting = _pkio_run_table_find (self->runs,
                                                   (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2],
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
  search_unposted (self, text, allowed, result);
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

gboolean
_pkio_history_index_is_posted (PkioHistoryIndex *self)
{
  return self->build == NULL && self->n_unposted == 0;
}

guint
_pkio_history_index_n_building (PkioHistoryIndex *self)
{
  return self->build != NULL ? self->build->n : 0;
}

void
_pkio_history_index_wait_posted (PkioHistoryIndex *self)
{
  while (!_pkio_history_index_is_posted (self))
    g_main_context_iteration (NULL, TRUE);
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

  size += _pkio_run_table_get_size (self->runs);
  return size;
}
