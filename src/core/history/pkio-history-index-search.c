/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The questions asked of the search index: which slots a query and a status filter let
 * through, whether one slot does, and how many. */
#include "config.h"

#include <string.h>

#include "pkio-history-index-private.h"

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

/* The slots @filter lets through: one of the sets kept, or (several categories) a new one in
 * *@owned. */
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
      if (found && (exact || strstr (_pkio_index_slot_key (self, slot), query) != NULL))
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
  _pkio_index_search_unposted (self, text, allowed, result);
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
         || strstr (_pkio_index_slot_key (self, slot),
                    _pkio_history_query_get_folded (query, &length)) != NULL;
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

