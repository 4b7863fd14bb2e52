/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-batch-placer.h"

G_BEGIN_DECLS

/* Shared by pkio-batch-placer.c (placing), pkio-batch-placer-check.c (the duplicate check
 * of every row before anything is sent, issue 20) and pkio-batch-placer-runs.c (which run of
 * the file this is, and what earlier runs left). */
struct _PkioBatchPlacer
{
  GObject              parent_instance;

  PkioWorkspace       *workspace;
  PkioBatch           *batch;
  char                *file_name;
  gboolean             new_batch;

  char                *journal_key;   /* the batch's key in the journal (a generation of it) */
  PkioBatchRowOutcome *outcomes;      /* one per row */
  PkioHistoryRecord  **earlier;       /* per row: what an earlier run of the batch left */
  guint                n_rows;
  guint                next;          /* the row to look at next */
  gboolean             started;
  gboolean             journal_failed;  /* stop: nothing more can be recorded */
  GError              *key_rejection;   /* stop: CertCentral no longer accepts the key */

  /* The duplicate check */
  PkioDuplicate      **duplicates;    /* per row: what the check found, NULL: not checked */
  gboolean            *included;      /* per row: placed even when the check found an order */
  gboolean             allow_existing;  /* every row included, no check before the run */
  gboolean             checked;       /* a check of every row is done */
  gint64               checked_at;    /* when it was done (monotonic, µs) */
  gboolean             checking;      /* a check is under way */
  guint                next_check;    /* the row to check next */
};

/* How long a check stays good for placing: a window left open longer than this (an order
 * placed meanwhile elsewhere, or from this computer) has its rows checked again, before anything
 * is sent. */
#define PKIO_BATCH_CHECK_FRESH_SECONDS (5 * 60)

/* Of two records of one row, the one that says most: 3 placed, 2 undecided (sending or
 * unknown), 1 refused, 0 nothing. */
int      _pkio_batch_placer_record_rank      (PkioHistoryRecord *record);
/* Reads the history, which the check and the run both need: it names a known individual's
 * email and the orders placed here, and says what earlier runs of this batch left (the journal
 * key of this run, and self->earlier, set by _finish). */
void     _pkio_batch_placer_read_history_async  (PkioBatchPlacer     *self,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean _pkio_batch_placer_read_history_finish (PkioBatchPlacer     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* TRUE for a row the check found an order for and that the person did not include. */
gboolean _pkio_batch_placer_leaves_out        (PkioBatchPlacer  *self,
                                               guint             index);
void     _pkio_batch_placer_emit_row_checked  (PkioBatchPlacer  *self,
                                               guint             index);
/* TRUE when a check of every row was done less than PKIO_BATCH_CHECK_FRESH_SECONDS ago. */
gboolean _pkio_batch_placer_check_is_fresh    (PkioBatchPlacer  *self);

G_END_DECLS
