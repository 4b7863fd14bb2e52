/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The posting lists of the search index (pkio-history-index.c). */
#include "config.h"

#include <string.h>

#include "pkio-history-postings.h"

static guint
varint_put (guint8  *out,
            guint32  value)
{
  guint n = 0;

  while (value >= 0x80)
    {
      out[n++] = (value & 0x7f) | 0x80;
      value >>= 7;
    }
  out[n++] = value;
  return n;
}

static guint32 *
posting_decode (const PkioPosting *posting)
{
  guint32 *slots = g_new (guint32, posting->count + 1);
  PkioPostingIter iter;
  guint n = 0;
  guint32 slot;

  _pkio_posting_iter_init (&iter, posting);
  while (_pkio_posting_iter_next (&iter, &slot))
    slots[n++] = slot;
  g_assert (n == posting->count);
  return slots;
}

static void
posting_reserve_bytes (PkioPosting *posting,
                       guint32  needed)
{
  if (needed <= posting->capacity)
    return;
  posting->capacity = MAX (needed, posting->capacity + posting->capacity / 2 + 8);
  posting->data.bytes = g_realloc (posting->data.bytes, posting->capacity);
}

static void
posting_reserve_words (PkioPosting *posting,
                       guint32  slot)
{
  guint32 needed = slot / 64 + 1;
  guint32 old = posting->size;

  if (needed <= old)
    return;
  needed = MAX (needed, old + old / 4 + 4);
  posting->data.words = g_renew (guint64, posting->data.words, needed);
  memset (posting->data.words + old, 0, (needed - old) * sizeof (guint64));
  posting->size = posting->capacity = needed;
}

/* Replaces the @old_length bytes at @at with the varints of @values. */
static void
posting_splice (PkioPosting       *posting,
                guint32        at,
                guint32        old_length,
                const guint32 *values,
                guint          n_values)
{
  guint8 bytes[10];
  guint new_length = 0;

  for (guint i = 0; i < n_values; i++)
    new_length += varint_put (bytes + new_length, values[i]);
  posting_reserve_bytes (posting, posting->size - old_length + new_length);
  memmove (posting->data.bytes + at + new_length, posting->data.bytes + at + old_length,
           posting->size - at - old_length);
  memcpy (posting->data.bytes + at, bytes, new_length);
  posting->size = posting->size - old_length + new_length;
}

/* Where the first slot not below @slot is in a list of differences: its byte offset, its
 * value and the one before it (0 for the first); FALSE when every slot is below. */
static gboolean
posting_seek (const PkioPosting *posting,
              guint32        slot,
              guint32       *out_at,
              guint32       *out_value,
              guint32       *out_previous)
{
  const guint8 *p = posting->data.bytes;
  const guint8 *end = p + posting->size;
  guint32 value = 0, previous = 0;

  while (p < end)
    {
      const guint8 *here = p;

      previous = value;
      value += _pkio_varint_get (&p);
      if (value >= slot)
        {
          *out_at = here - posting->data.bytes;
          *out_value = value;
          *out_previous = previous;
          return TRUE;
        }
    }
  return FALSE;
}

static void
posting_to_bitmap (PkioPosting *posting)
{
  g_autofree guint32 *slots = posting_decode (posting);

  g_clear_pointer (&posting->data.bytes, g_free);
  posting->size = posting->capacity = 0;
  posting->bitmap = TRUE;
  posting_reserve_words (posting, posting->last);
  for (guint i = 0; i < posting->count; i++)
    posting->data.words[slots[i] / 64] |= G_GUINT64_CONSTANT (1) << (slots[i] % 64);
}

void
_pkio_posting_add (PkioPosting *posting,
                   guint32      slot)
{
  if (posting->bitmap)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (slot % 64);

      posting_reserve_words (posting, slot);
      if ((posting->data.words[slot / 64] & bit) == 0)
        {
          posting->data.words[slot / 64] |= bit;
          posting->count++;
          posting->last = MAX (posting->last, slot);
        }
      return;
    }
  if (posting->count == 0 || slot > posting->last)
    {
      /* The common case: slots are given out in ascending order. */
      posting_reserve_bytes (posting, posting->size + 5);
      posting->size += varint_put (posting->data.bytes + posting->size,
                                   posting->count == 0 ? slot : slot - posting->last);
      posting->count++;
      posting->last = slot;
    }
  else
    {
      /* A key that changed: the slot goes between two others, whose difference is split in
       * two, in place. */
      guint32 at = 0, next = 0, previous = 0, parts[2];
      const guint8 *p;

      /* Cannot fail: the slot is below the last. */
      posting_seek (posting, slot, &at, &next, &previous);
      if (next == slot)
        return;
      p = posting->data.bytes + at;
      _pkio_varint_get (&p);
      parts[0] = slot - previous;
      parts[1] = next - slot;
      posting_splice (posting, at, p - (posting->data.bytes + at), parts, 2);
      posting->count++;
    }
  /* One bit a slot is less than a byte a slot. */
  if (posting->size > (posting->last / 64 + 1) * sizeof (guint64) + 16)
    posting_to_bitmap (posting);
}

void
_pkio_posting_take (PkioPosting *posting,
                    PkioPosting *from)
{
  PkioPostingIter iter;
  guint32 slot;

  if (posting->count == 0 && !posting->bitmap)
    {
      /* Nothing there yet (a history loading): the list itself moves. */
      _pkio_posting_clear (posting);
      *posting = *from;
      memset (from, 0, sizeof *from);
      return;
    }
  if (!posting->bitmap && !from->bitmap && from->count > 0)
    {
      const guint8 *p = from->data.bytes;
      guint32 first = _pkio_varint_get (&p);
      guint32 rest = from->size - (p - from->data.bytes);

      if (first > posting->last)
        {
          /* Differences stay differences: only the first is counted from this list's last. */
          posting_reserve_bytes (posting, posting->size + 5 + rest);
          posting->size += varint_put (posting->data.bytes + posting->size,
                                       first - posting->last);
          memcpy (posting->data.bytes + posting->size, p, rest);
          posting->size += rest;
          posting->count += from->count;
          posting->last = from->last;
          if (posting->size > (posting->last / 64 + 1) * sizeof (guint64) + 16)
            posting_to_bitmap (posting);
          _pkio_posting_clear (from);
          return;
        }
    }
  _pkio_posting_iter_init (&iter, from);
  while (_pkio_posting_iter_next (&iter, &slot))
    _pkio_posting_add (posting, slot);
  _pkio_posting_clear (from);
}

void
_pkio_posting_remove (PkioPosting *posting,
                      guint32      slot)
{
  guint32 at, value, previous, merged;
  const guint8 *p;

  if (posting->bitmap)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (slot % 64);

      if (slot / 64 < posting->size && (posting->data.words[slot / 64] & bit) != 0)
        {
          posting->data.words[slot / 64] &= ~bit;
          posting->count--;
        }
      return;
    }
  if (!posting_seek (posting, slot, &at, &value, &previous) || value != slot)
    return;
  posting->count--;
  p = posting->data.bytes + at;
  merged = _pkio_varint_get (&p);
  if (p == posting->data.bytes + posting->size)
    {
      /* The last one: the list ends before it. */
      posting->size = at;
      posting->last = previous;
      return;
    }
  /* The difference to the next slot takes this one's in. */
  merged += _pkio_varint_get (&p);
  posting_splice (posting, at, p - (posting->data.bytes + at), &merged, 1);
}

void
_pkio_posting_or_into (const PkioPosting *posting,
                       PkioHistorySlots  *slots)
{
  PkioPostingIter iter;
  guint32 slot;

  if (posting->bitmap)
    {
      _pkio_history_slots_reserve (slots, posting->size * 64);
      for (guint i = 0; i < posting->size; i++)
        slots->words[i] |= posting->data.words[i];
      return;
    }
  _pkio_posting_iter_init (&iter, posting);
  while (_pkio_posting_iter_next (&iter, &slot))
    _pkio_history_slots_add (slots, slot);
}

void
_pkio_posting_clear (PkioPosting *posting)
{
  g_clear_pointer (&posting->data.bytes, g_free);
  memset (posting, 0, sizeof *posting);
}

gsize
_pkio_posting_get_size (const PkioPosting *posting)
{
  return posting->bitmap ? posting->capacity * sizeof (guint64) : posting->capacity;
}
