/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-client.h"
#include "pkio-history-store.h"
#include "pkio-order.h"

G_BEGIN_DECLS

/* How an attempt to place an order ended. */
typedef enum
{
  PKIO_SEND_STATE_INVALID,       /* refused before anything: see problems (error is
                                    G_IO_ERROR_INVALID_DATA); nothing recorded, nothing sent */
  PKIO_SEND_STATE_NOT_RECORDED,  /* the journal could not be written (disk full, read-only
                                    folder, history not open): NOT sent; error says why */
  PKIO_SEND_STATE_PLACED,        /* order_id (and certificate_id when approved at once) */
  PKIO_SEND_STATE_REJECTED,      /* not placed: CertCentral refused it (error carries the
                                    errors[] entries: pkio_api_error_get_entries ()), or it
                                    provably never left (key refused, no connection) */
  PKIO_SEND_STATE_UNKNOWN,       /* sent, no usable answer: may or may not be placed. Never
                                    send again before the history reconciled it */
} PkioSendState;

typedef struct
{
  PkioSendState      state;
  gint64             order_id;        /* 0 unless PLACED */
  gint64             certificate_id;  /* 0 when not (yet) known */
  PkioHistoryRecord *record;          /* the journal record, NULL for INVALID / NOT_RECORDED */
  GPtrArray         *problems;        /* PkioProblem, for INVALID; else NULL */
  GError            *error;           /* NULL only when PLACED */
} PkioSendResult;

void pkio_send_result_free (PkioSendResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioSendResult, pkio_send_result_free)

/* THE one way to place an order (CLI and window, through pkio_workspace_place_order_async ()):
 * validate -> journal a SENDING record (synced to disk) -> POST once -> record placed /
 * rejected / unknown. The POST is never retried. Without a @client (no API key) the result is
 * REJECTED with pkio_api_error_new_no_key (): nothing recorded, nothing sent.
 * @cancellable only works until the journal record is written; after that the order is sent
 * and its outcome recorded. The body is built at once: @order may be freed after this call;
 * its CVV is wiped (docs/decisions.md#card-data: cleared after every attempt). Nothing is kept
 * between two calls: orders sent one after another (a batch) each get their own record and
 * POST. @source_object (may be NULL) is the task's source object, given to @callback.
 *
 * Test hook, compiled only in a build with -Dtest_hooks=true (never in what people install):
 * when the environment variable PKIO_ORDER_SENDER_TEST_CRASH_POINT is "after-journal" (record
 * written, nothing sent) or "after-send" (CertCentral answered, answer not recorded), the
 * process ends with _exit(99) at that point, so tests can prove what a killed process leaves
 * behind; with ":stop" after the point's name it stops itself there (SIGSTOP) instead, for a
 * test to kill it with a real SIGKILL. With "@N" at the end ("after-send:stop@10") it acts
 * the Nth time the process reaches the point only (the 10th order of a batch). Unset, it does
 * nothing (pkio-test-hooks-private.h). */
void            pkio_order_sender_send_async  (gpointer             source_object,
                                               PkioHistoryStore    *store,
                                               PkioClient          *client,
                                               PkioOrder           *order,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The same for one row of a batch file: its journal record also holds @batch (may be NULL:
 * then it is pkio_order_sender_send_async ()), so that a batch started again knows the row.
 * Finish with pkio_order_sender_send_finish (). */
void            pkio_order_sender_send_in_batch_async (gpointer                   source_object,
                                                       PkioHistoryStore          *store,
                                                       PkioClient                *client,
                                                       PkioOrder                 *order,
                                                       const PkioHistoryBatchTag *batch,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
/* Never NULL. */
PkioSendResult *pkio_order_sender_send_finish (GAsyncResult        *result);

G_END_DECLS
