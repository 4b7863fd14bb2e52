/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-index.h"
#include "pkio-history-runs.h"

G_BEGIN_DECLS

/* Shared by pkio-history-index.c (slots and keys: records coming, changing and leaving),
 * pkio-history-index-build.c (the postings, built in a thread) and pkio-history-index-search.c
 * (the questions asked of it). Main thread only. */

/* A build running in a thread: pkio-history-index-build.c alone looks inside. */
typedef struct _PkioIndexBuild PkioIndexBuild;

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
  PkioIndexBuild   *build;        /* the one running in a thread, or NULL */
  guint             build_soon;   /* the timeout that starts the next build, or 0 */
};

static inline const char *
_pkio_index_slot_key (const PkioHistoryIndex *self,
                      guint32                 slot)
{
  return self->keys + self->key_at[slot];
}

/* Starts a build of the unposted slots' postings soon, unless one runs or is due. */
void     _pkio_index_schedule_build  (PkioHistoryIndex       *self);
/* The index is being freed: a build still running finishes into nothing, none starts. */
void     _pkio_index_stop_build      (PkioHistoryIndex       *self);
/* Whether @slot's runs are in the postings. */
gboolean _pkio_index_slot_is_posted  (PkioHistoryIndex       *self,
                                      guint32                 slot);
/* When the running build posts @slot, marks it touched (its key changed or it left: what the
 * build posted for it is undone when the build is taken in) and returns TRUE. */
gboolean _pkio_index_touch_building  (PkioHistoryIndex       *self,
                                      guint32                 slot);
/* Adds to @result the slots not posted yet that @allowed has and whose key contains @query. */
void     _pkio_index_search_unposted (PkioHistoryIndex       *self,
                                      const char             *query,
                                      const PkioHistorySlots *allowed,
                                      PkioHistorySlots       *result);

G_END_DECLS
