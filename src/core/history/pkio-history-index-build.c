/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The search index's postings, built in a thread (see pkio-history-index.h for why). */
#include "config.h"

#include <string.h>

#include "pkio-history-index-private.h"

/* A build of the postings of some slots, in a thread, over a copy of their keys (the index
 * itself stays the main thread's). Its slots are in the index's building set until the
 * postings it made are taken in, on the main thread. */
#define BUILD_DELAY_MS 50

struct _PkioIndexBuild
{
  PkioHistoryIndex *index;        /* NULL once the index is gone (main thread only) */
  PkioHistorySlots *building;     /* its slots */
  PkioHistorySlots *touched;      /* of those, the ones whose key changed or left meanwhile */
  guint32          *slots;        /* ascending */
  guint32          *key_at;       /* slot i's key: keys + key_at[i] */
  char             *keys;
  guint             n;
  PkioRunTable     *runs;         /* what the thread made */
};

static void
index_build_free (PkioIndexBuild *build)
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
  PkioIndexBuild *build = task_data;

  /* The same code as on the main thread, on a table of its own. */
  build->runs = _pkio_run_table_new ();
  for (guint i = 0; i < build->n; i++)
    _pkio_run_table_post (build->runs, build->keys + build->key_at[i], build->slots[i]);
  g_task_return_boolean (task, TRUE);
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PkioIndexBuild *build = g_task_get_task_data (G_TASK (result));
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
  _pkio_index_schedule_build (self);
}

/* Copies the keys of the unposted slots and posts them in a thread. */
static gboolean
start_build (gpointer data)
{
  PkioHistoryIndex *self = data;
  g_autoptr(GTask) task = NULL;
  PkioIndexBuild *build;
  gsize keys_len = 0;
  guint n = 0;

  self->build_soon = 0;
  if (self->build != NULL || self->n_unposted == 0)
    return G_SOURCE_REMOVE;
  build = g_new0 (PkioIndexBuild, 1);
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
        keys_len += strlen (_pkio_index_slot_key (self, slot)) + 1;
      }
  g_assert (n == self->n_unposted);
  build->n = n;
  build->keys = g_malloc (MAX (keys_len, 1));
  for (guint i = 0; i < n; i++)
    strcpy (build->keys + build->key_at[i], _pkio_index_slot_key (self, build->slots[i]));
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
void
_pkio_index_schedule_build (PkioHistoryIndex *self)
{
  if (self->build == NULL && self->build_soon == 0 && self->n_unposted > 0)
    self->build_soon = g_timeout_add (BUILD_DELAY_MS, start_build, self);
}

void
_pkio_index_stop_build (PkioHistoryIndex *self)
{
  /* A build still running finishes into nothing: its task frees it. */
  if (self->build != NULL)
    self->build->index = NULL;
  if (self->build_soon != 0)
    g_source_remove (self->build_soon);
}

gboolean
_pkio_index_slot_is_posted (PkioHistoryIndex *self,
                            guint32           slot)
{
  return !_pkio_history_slots_has (self->unposted, slot)
         && (self->build == NULL || !_pkio_history_slots_has (self->build->building, slot));
}

gboolean
_pkio_index_touch_building (PkioHistoryIndex *self,
                            guint32           slot)
{
  if (self->build == NULL || !_pkio_history_slots_has (self->build->building, slot))
    return FALSE;
  _pkio_history_slots_add (self->build->touched, slot);
  return TRUE;
}

/* A search's answer for the slots not posted yet: their keys, looked at one by one. */
void
_pkio_index_search_unposted (PkioHistoryIndex       *self,
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
                && strstr (_pkio_index_slot_key (self, slot), query) != NULL)
              _pkio_history_slots_add (result, slot);
          }
      }
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

