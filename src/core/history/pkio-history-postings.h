/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "pkio-history-slots.h"

G_BEGIN_DECLS

/* The slots that have one run of three bytes in their key, ascending: as the differences
 * between them, seven bits a byte (most runs are rare: a byte or two a slot), or as a bitmap
 * once that takes less room (a run nearly every key has, such as an organisation's domain). */
typedef struct
{
  union
  {
    guint8  *bytes;
    guint64 *words;
  } data;
  guint32  count;
  guint32  last;       /* the highest slot in it (new slots are appended) */
  guint32  size;       /* bytes used; a bitmap: words */
  guint32  capacity;   /* bytes allocated; a bitmap: words */
  gboolean bitmap;
} PkioPosting;

typedef struct
{
  const PkioPosting *posting;
  const guint8      *p;
  const guint8      *end;
  guint32            value;
  guint              word;
  guint64            bits;
  gboolean           started;
} PkioPostingIter;

/* Frees what @posting holds (not @posting). */
void     _pkio_posting_clear     (PkioPosting       *posting);
void     _pkio_posting_add       (PkioPosting       *posting,
                                  guint32            slot);
/* Adds the slots of @from to @posting and empties @from (cheapest when they all come after
 * @posting's last, as slots given out later do). */
void     _pkio_posting_take      (PkioPosting       *posting,
                                  PkioPosting       *from);
void     _pkio_posting_remove    (PkioPosting       *posting,
                                  guint32            slot);
/* Adds the slots of @posting to @slots. */
void     _pkio_posting_or_into   (const PkioPosting *posting,
                                  PkioHistorySlots  *slots);
/* Bytes it holds. */
gsize    _pkio_posting_get_size  (const PkioPosting *posting);

/* Inline: a search runs these for up to every slot. */

static inline guint32
_pkio_varint_get (const guint8 **p)
{
  guint32 value = 0;
  guint shift = 0;
  guint8 byte;

  do
    {
      byte = *(*p)++;
      value |= (guint32) (byte & 0x7f) << shift;
      shift += 7;
    }
  while (byte & 0x80);
  return value;
}

/* Its slots in ascending order. */
static inline void
_pkio_posting_iter_init (PkioPostingIter   *iter,
                         const PkioPosting *posting)
{
  memset (iter, 0, sizeof *iter);
  iter->posting = posting;
  if (!posting->bitmap)
    {
      iter->p = posting->data.bytes;
      iter->end = posting->data.bytes + posting->size;
    }
  else if (posting->size > 0)
    iter->bits = posting->data.words[0];
}

static inline gboolean
_pkio_posting_iter_next (PkioPostingIter *iter,
                         guint32         *slot)
{
  const PkioPosting *posting = iter->posting;

  if (!posting->bitmap)
    {
      if (iter->p >= iter->end)
        return FALSE;
      iter->value = (iter->started ? iter->value : 0) + _pkio_varint_get (&iter->p);
      iter->started = TRUE;
      *slot = iter->value;
      return TRUE;
    }
  while (iter->bits == 0)
    {
      if (++iter->word >= posting->size)
        return FALSE;
      iter->bits = posting->data.words[iter->word];
    }
  *slot = iter->word * 64 + __builtin_ctzll (iter->bits);
  iter->bits &= iter->bits - 1;
  return TRUE;
}

/* Only for a bitmap (posting->bitmap): a bit test. */
static inline gboolean
_pkio_posting_has (const PkioPosting *posting,
                   guint32            slot)
{
  g_assert (posting->bitmap);
  return slot / 64 < posting->size && (posting->data.words[slot / 64] >> (slot % 64)) & 1;
}

G_END_DECLS
