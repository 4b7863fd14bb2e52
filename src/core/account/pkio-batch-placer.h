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
} PkioBatchRowState;

typedef struct
{
  PkioBatchRowState state;
  gint64            order_id;  /* PLACED, ALREADY_PLACED */
  char             *message;   /* translated, one line; NULL for PLACED */
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
 * on the thread-default main context of the caller. */
PkioBatchPlacer           *pkio_batch_placer_new          (PkioWorkspace *workspace,
                                                           PkioBatch     *batch,
                                                           const char    *file_name,
                                                           gboolean       new_batch);
/* Cancelling stops after the order in flight, never in the middle of one: the rows not sent
 * end NOT_PLACED. Fails (and sends nothing) only when the batch has problems or the history
 * cannot be read; then every row stays WAITING. Call once. */
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
/* The worst outcome of all rows, in the order UNKNOWN, REJECTED, NOT_PLACED, WAITING, then
 * PLACED (ALREADY_PLACED counts as PLACED). */
PkioBatchRowState          pkio_batch_placer_get_worst    (PkioBatchPlacer *self);
/* A stable word for a state, for the results file ("placed", "rejected", …), not translated. */
const char                *pkio_batch_row_state_to_string (PkioBatchRowState state);

G_END_DECLS
