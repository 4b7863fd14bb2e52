/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-record-private.h"
#include "pkio-history-slots.h"

G_BEGIN_DECLS

/* The store's search index (main thread), which answers a search of the whole history without
 * looking at every record:
 * - each record it holds gets a slot (record->slot), a number that stays while it is held;
 * - its folded key (name, email, order and certificate number, see
 *   _pkio_history_record_append_key ()) is kept once, in one block of memory;
 * - for every run of three bytes of the keys, the slots whose key has it (a posting list:
 *   differences between slots as varints, or a bitmap once that is smaller). A query of three
 *   bytes or more takes its rarest run's list and checks only those keys; one of one or two
 *   bytes is the union of the lists of the runs that start with it, which is exact because every
 *   key ends in two newlines;
 * - for each status category, the set of its slots, so that a status filter is an AND of sets;
 *   and each slot's end key (_pkio_history_record_get_end_key ()), so that "Ends soon" and
 *   "Ended", which depend on the day, are one pass over an array of numbers.
 * The lists are made in a thread (GTask) from a copy of the keys of the records that came since
 * the last build, and taken in on the main thread when it ends (a history of 100,000 records
 * cost the main thread about 200 ms more when they were made there). Until a record's runs are
 * in, a search reads its key: the same answer, found by looking. A key that changes or a record
 * that leaves while a build runs is set right when the build is taken in.
 * Why this and not SQLite FTS5 or a prefix index: the figures are in the README
 * ("Performance") and bench/bench-search-index.c. */
typedef struct _PkioHistoryIndex PkioHistoryIndex;

PkioHistoryIndex *_pkio_history_index_new        (void);
void              _pkio_history_index_free       (PkioHistoryIndex *self);

/* Gives @record a slot and indexes it; its search_key (folded on the worker thread) is taken
 * over, or made here when it has none. */
void              _pkio_history_index_add        (PkioHistoryIndex  *self,
                                                  PkioHistoryRecord *record);
/* After @record changed: its key (when a new one came with the change) and its category. */
void              _pkio_history_index_update     (PkioHistoryIndex  *self,
                                                  PkioHistoryRecord *record);
/* @record leaves the store; its slot is not given out again. */
void              _pkio_history_index_remove     (PkioHistoryIndex  *self,
                                                  PkioHistoryRecord *record);

/* The slots whose key contains @query (NULL: every one) and that @filter lets through
 * (@window: for "Ends soon" and "Ended"; may be NULL for the others). */
PkioHistorySlots *_pkio_history_index_search     (PkioHistoryIndex       *self,
                                                  const PkioHistoryQuery *query,
                                                  PkioStatusFilter        filter,
                                                  const PkioExpiryWindow *window);
/* The same question for one slot. */
gboolean          _pkio_history_index_matches    (PkioHistoryIndex       *self,
                                                  guint32                 slot,
                                                  const PkioHistoryQuery *query,
                                                  PkioStatusFilter        filter,
                                                  const PkioExpiryWindow *window);
/* How many records @filter lets through. */
guint             _pkio_history_index_count      (PkioHistoryIndex       *self,
                                                  PkioStatusFilter        filter,
                                                  const PkioExpiryWindow *window);
/* Whether every held key's runs are in the postings. A record's runs are posted in a thread
 * after it comes (_pkio_history_index_add ()): until then, searches read its key (the same
 * answer, found by looking). */
gboolean          _pkio_history_index_is_posted  (PkioHistoryIndex       *self);
/* Runs the thread-default main context until _pkio_history_index_is_posted () (tests,
 * benchmarks). */
void              _pkio_history_index_wait_posted (PkioHistoryIndex      *self);
/* How many slots the build running now posts (tests). */
guint             _pkio_history_index_n_building (PkioHistoryIndex       *self);
/* Slots given out so far (the live ones and those of removed records). */
guint             _pkio_history_index_n_slots    (PkioHistoryIndex       *self);
/* Bytes it holds (benchmarks). */
gsize             _pkio_history_index_get_size   (PkioHistoryIndex       *self);

G_END_DECLS
