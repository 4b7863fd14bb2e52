/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's search index: see pkio-history-index.h for what it holds and why. This file
 * gives out the slots and keeps their keys and categories as records come, change and leave;
 * pkio-history-index-build.c posts their runs in a thread, pkio-history-index-search.c answers
 * the questions. */
#include "config.h"

#include <string.h>

#include "pkio-history-index-private.h"

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
  _pkio_index_stop_build (self);
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
  _pkio_index_schedule_build (self);
}

void
_pkio_history_index_update (PkioHistoryIndex  *self,
                            PkioHistoryRecord *record)
{
  guint32 slot = record->slot;
  g_autofree char *key = NULL;
  const char *old_key;

  if (slot == PKIO_HISTORY_NO_SLOT)
    {
      _pkio_history_index_add (self, record);
      return;
    }
  g_return_if_fail (slot < self->n_slots && self->category[slot] != 0);

  key = take_key (record);
  /* Good until a key is appended (the block may move). */
  old_key = _pkio_index_slot_key (self, slot);
  if (strcmp (key, old_key) != 0 && !_pkio_index_slot_is_posted (self, slot))
    {
      /* Not posted yet: only the key changes (a build that has it fixes it when it ends). */
      _pkio_index_touch_building (self, slot);
      self->keys_waste += strlen (old_key) + 1;
      self->key_at[slot] = append_key (self, key);
      compact_keys (self);
    }
  else if (strcmp (key, old_key) != 0)
    {
      /* Only the runs that came or went: a certificate number that arrived, say. */
      g_autoptr(GArray) old_runs = _pkio_key_runs (old_key, TRUE);
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
      self->keys_waste += strlen (old_key) + 1;
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
  else if (!_pkio_index_touch_building (self, slot))
    _pkio_run_table_unpost (self->runs, _pkio_index_slot_key (self, slot), slot);
  self->keys_waste += strlen (_pkio_index_slot_key (self, slot)) + 1;
  set_category (self, slot, -1);
  _pkio_history_slots_remove (self->held, slot);
  record->slot = PKIO_HISTORY_NO_SLOT;
  compact_keys (self);
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
