/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A set of record slots (the number the store's search index gives each record it holds), as
 * one bit per slot: what a search answers, and what the list shows. Main thread only. */
typedef struct
{
  guint64 *words;
  guint    n_words;
} PkioHistorySlots;

#define PKIO_HISTORY_NO_SLOT G_MAXUINT32

PkioHistorySlots *_pkio_history_slots_new       (guint                   n_slots);
void              _pkio_history_slots_free      (PkioHistorySlots       *self);
/* Room for slots below @n_slots (new words are empty). */
void              _pkio_history_slots_reserve   (PkioHistorySlots       *self,
                                                 guint                   n_slots);
void              _pkio_history_slots_clear_all (PkioHistorySlots       *self);
void              _pkio_history_slots_copy      (PkioHistorySlots       *self,
                                                 const PkioHistorySlots *from);
void              _pkio_history_slots_and       (PkioHistorySlots       *self,
                                                 const PkioHistorySlots *other);
void              _pkio_history_slots_or        (PkioHistorySlots       *self,
                                                 const PkioHistorySlots *other);
guint             _pkio_history_slots_count     (const PkioHistorySlots *self);

static inline gboolean
_pkio_history_slots_has (const PkioHistorySlots *self,
                         guint32                 slot)
{
  return slot / 64 < self->n_words && (self->words[slot / 64] >> (slot % 64)) & 1;
}

static inline void
_pkio_history_slots_add (PkioHistorySlots *self,
                         guint32           slot)
{
  if (slot / 64 >= self->n_words)
    _pkio_history_slots_reserve (self, slot + 1);
  self->words[slot / 64] |= G_GUINT64_CONSTANT (1) << (slot % 64);
}

static inline void
_pkio_history_slots_remove (PkioHistorySlots *self,
                            guint32           slot)
{
  if (slot / 64 < self->n_words)
    self->words[slot / 64] &= ~(G_GUINT64_CONSTANT (1) << (slot % 64));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioHistorySlots, _pkio_history_slots_free)

G_END_DECLS
