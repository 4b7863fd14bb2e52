/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-batch.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

/* What became of one row of a batch. */
typedef enum
{
  PKIO_BATCH_ROW_WAITING,         /* not tried (yet) */
  PKIO_BATCH_ROW_PLACED,          /* placed now: order_id */
  PKIO_BATCH_ROW_ALREADY_PLACED,  /* placed by an earlier run of this batch: order_id */
  PKIO_BATCH_ROW_REJECTED,        /* CertCentral refused it: message */
  PKIO_BATCH_ROW_NOT_PLACED,      /* it never left (still rate-limited, no connection, key
                                     refused, cancelled before it): may be sent again */
  PKIO_BATCH_ROW_UNKNOWN,         /* sent, no usable answer, and CertCentral does not (yet)
                                     show it: never sent again before it is resolved */
  PKIO_BATCH_ROW_LEFT_OUT,        /* not sent: the duplicate check found that the holder
                                     already has one (message: which), and the person did not
                                     include the row (pkio_batch_placer_set_included ()) */
} PkioBatchRowState;

typedef struct
{
  PkioBatchRowState state;
  gint64            order_id;  /* PLACED, ALREADY_PLACED */
  char             *message;   /* translated, one line; NULL for PLACED. What happened, never
                                * what to do next in one front end (the CLI and the window
                                * each say that in their own words) */
} PkioBatchRowOutcome;

#define PKIO_TYPE_BATCH_PLACER (pkio_batch_placer_get_type ())
G_DECLARE_FINAL_TYPE (PkioBatchPlacer, pkio_batch_placer, PKIO, BATCH_PLACER, GObject)

/* Places the orders of a checked @batch (no problems: pkio_batch_count_problems () is 0) with
 * @workspace's client, one row after the other, each through the one send path
 * (pkio_order_sender_send_in_batch_async (): journal record first, one POST through the
 * client's rate limiter). The journal knows each row by the batch's content key and the
 * row's (pkio_batch_get_key (), PkioBatchRow.key), so that the same batch run again finds
 * what it sent: rows placed are reported ALREADY_PLACED and not sent, rows whose outcome is
 * unknown are checked with CertCentral first (as a single order's are) and never sent again,
 * and only the others are sent. @new_batch: start this file over on purpose, as a batch of
 * its own (every row is sent again). @file_name: the file's name, kept with each order for
 * History (may be NULL).
 *
 * Signal "row-done" (guint index): a row's outcome is known (pkio_batch_placer_get_outcome ()),
 * on the thread-default main context of the caller. Signal "row-checked" (guint index): a row's
 * duplicate check is done (pkio_batch_placer_get_duplicate ()). */
PkioBatchPlacer           *pkio_batch_placer_new          (PkioWorkspace *workspace,
                                                           PkioBatch     *batch,
                                                           const char    *file_name,
                                                           gboolean       new_batch);
/* The duplicate check (issue 20, pkio_workspace_check_duplicate_async ()) of every row, before
 * anything is sent, one row after the other; each result is kept for the row
 * (pkio_batch_placer_get_duplicate ()) and signalled ("row-checked", guint index). Rows with
 * problems, and rows an earlier run of this batch placed or may have placed, are not checked
 * (the earlier run's order is not a duplicate of itself). CertCentral's trouble is a row's
 * PKIO_DUPLICATE_UNCHECKED, never a failure (a key it does not accept is asked with once: the
 * rows after it get the same answer): this fails only when cancelled or when the history
 * cannot be read. Nothing is written or sent. May be called again (a new check replaces the
 * results), never while a run or another check is under way. */
void                       pkio_batch_placer_check_async  (PkioBatchPlacer     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean                   pkio_batch_placer_check_finish (PkioBatchPlacer     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* The check's result for row @index: NULL when the row was not checked (yet). FOUND: the
 * order that counts is in ->existing; pkio_duplicate_dup_text () says it for people,
 * pkio_duplicate_dup_script_line () for scripts. */
const PkioDuplicate       *pkio_batch_placer_get_duplicate (PkioBatchPlacer *self,
                                                            guint            index);
/* Rows whose check found an order that counts (FOUND), and rows it could not check
 * (UNCHECKED). */
guint                      pkio_batch_placer_count_duplicates (PkioBatchPlacer      *self,
                                                               PkioDuplicateOutcome  outcome);
/* A row whose check found an order is left out (LEFT_OUT) unless the person includes it:
 * "yes, a second one for this person". Every other row is placed whatever its check said
 * (could not check: the front end says so and decides whether to go on). */
void                       pkio_batch_placer_set_included (PkioBatchPlacer *self,
                                                           guint            index,
                                                           gboolean         included);
gboolean                   pkio_batch_placer_get_included (PkioBatchPlacer *self,
                                                           guint            index);
/* Every row included, and pkio_batch_placer_run_async () does not check (the command line's
 * --allow-existing). */
void                       pkio_batch_placer_set_allow_existing (PkioBatchPlacer *self,
                                                                 gboolean         allow);
/* Cancelling stops after the order in flight, never in the middle of one: the rows not sent
 * end NOT_PLACED. Unless the check was made (pkio_batch_placer_check_async ()) less than
 * five minutes before or existing orders are allowed, every row is checked (again) first,
 * before anything is sent; a row whose check found an order and that is not included ends
 * LEFT_OUT. Fails (and sends nothing) only when the batch has problems or the history cannot
 * be read; then every row stays WAITING. Call once. */
void                       pkio_batch_placer_run_async    (PkioBatchPlacer     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean                   pkio_batch_placer_run_finish   (PkioBatchPlacer     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

const PkioBatchRowOutcome *pkio_batch_placer_get_outcome  (PkioBatchPlacer *self,
                                                           guint            index);
/* Rows PLACED or ALREADY_PLACED so far ("12 of 30 placed"). */
guint                      pkio_batch_placer_count_placed (PkioBatchPlacer *self);
/* CertCentral's refusal of the key, when it refused it (the rows from there on are not placed),
 * else NULL. */
const GError              *pkio_batch_placer_get_key_rejection (PkioBatchPlacer *self);
/* Rows LEFT_OUT so far. */
guint                      pkio_batch_placer_count_left_out (PkioBatchPlacer *self);
/* The worst outcome of all rows, in the order UNKNOWN, REJECTED, NOT_PLACED, WAITING, LEFT_OUT,
 * then PLACED (ALREADY_PLACED counts as PLACED). */
PkioBatchRowState          pkio_batch_placer_get_worst    (PkioBatchPlacer *self);
/* A stable word for a state, for the results file ("placed", "rejected", …), not translated. */
const char                *pkio_batch_row_state_to_string (PkioBatchRowState state);

/* The state in a few words, translated ("placed", "rejected", …): for a person, and the
 * results file's "Status". */
const char                *pkio_batch_row_state_label     (PkioBatchRowState state);

G_END_DECLS
