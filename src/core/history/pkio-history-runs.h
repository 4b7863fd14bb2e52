/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-postings.h"

G_BEGIN_DECLS

/* The search index's lists (pkio-history-index.h): for every run of three bytes of the keys, the
 * slots whose key has it, found by the run's first two bytes (a bucket of up to 256 lists). A
 * table is used by one thread at a time: the index's on the main thread, and one a thread
 * builds for it and hands over whole (_pkio_run_table_take ()). */
typedef struct _PkioRunTable PkioRunTable;

PkioRunTable *_pkio_run_table_new       (void);
void          _pkio_run_table_free      (PkioRunTable     *self);
/* The list of @run (the three bytes, the first highest); NULL when it has none and not
 * @create. */
PkioPosting  *_pkio_run_table_find      (PkioRunTable     *self,
                                         guint32           run,
                                         gboolean          create);
/* Adds @slot to (removes it from) the lists of every run of @key. */
void          _pkio_run_table_post      (PkioRunTable     *self,
                                         const char       *key,
                                         guint32           slot);
void          _pkio_run_table_unpost    (PkioRunTable     *self,
                                         const char       *key,
                                         guint32           slot);
/* Adds every list of @from to this table's and leaves @from empty (its slots come after this
 * table's, as slots given out later do: the lists are joined, not merged slot by slot). */
void          _pkio_run_table_take      (PkioRunTable     *self,
                                         PkioRunTable     *from);
/* Adds to @slots the slots of every run whose first two bytes are @prefix. */
void          _pkio_run_table_or_prefix (PkioRunTable     *self,
                                         guint             prefix,
                                         PkioHistorySlots *slots);
/* Bytes it holds. */
gsize         _pkio_run_table_get_size  (PkioRunTable     *self);

/* The distinct runs of three bytes of @key (none starts with a newline: no query does), in no
 * particular order unless @sorted. */
GArray       *_pkio_key_runs            (const char       *key,
                                         gboolean          sorted);

G_END_DECLS
