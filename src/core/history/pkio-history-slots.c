/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-history-slots.h"

PkioHistorySlots *
_pkio_history_slots_new (guint n_slots)
{
  PkioHistorySlots *self = g_new0 (PkioHistorySlots, 1);

  _pkio_history_slots_reserve (self, n_slots);
  return self;
}

void
_pkio_history_slots_free (PkioHistorySlots *self)
{
  if (self == NULL)
    return;
  g_free (self->words);
  g_free (self);
}

void
_pkio_history_slots_reserve (PkioHistorySlots *self,
                             guint             n_slots)
{
  guint n_words = (n_slots + 63) / 64;

  if (n_words <= self->n_words)
    return;
  /* Grows by half again: the store adds records one by one. */
  n_words = MAX (n_words, self->n_words + self->n_words / 2);
  self->words = g_renew (guint64, self->words, n_words);
  memset (self->words + self->n_words, 0, (n_words - self->n_words) * sizeof (guint64));
  self->n_words = n_words;
}

void
_pkio_history_slots_clear_all (PkioHistorySlots *self)
{
  if (self->n_words > 0)
    memset (self->words, 0, self->n_words * sizeof (guint64));
}

void
_pkio_history_slots_copy (PkioHistorySlots       *self,
                          const PkioHistorySlots *from)
{
  _pkio_history_slots_reserve (self, from->n_words * 64);
  _pkio_history_slots_clear_all (self);
  if (from->n_words > 0)
    memcpy (self->words, from->words, from->n_words * sizeof (guint64));
}

void
_pkio_history_slots_and (PkioHistorySlots       *self,
                         const PkioHistorySlots *other)
{
  guint common = MIN (self->n_words, other->n_words);

  for (guint i = 0; i < common; i++)
    self->words[i] &= other->words[i];
  if (self->n_words > common)
    memset (self->words + common, 0, (self->n_words - common) * sizeof (guint64));
}

void
_pkio_history_slots_or (PkioHistorySlots       *self,
                        const PkioHistorySlots *other)
{
  _pkio_history_slots_reserve (self, other->n_words * 64);
  for (guint i = 0; i < other->n_words; i++)
    self->words[i] |= other->words[i];
}

guint
_pkio_history_slots_count (const PkioHistorySlots *self)
{
  guint count = 0;

  for (guint i = 0; i < self->n_words; i++)
    count += __builtin_popcountll (self->words[i]);
  return count;
}
