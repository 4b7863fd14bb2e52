/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-store-private.h"
#include "pkio-history-worker.h"

G_BEGIN_DECLS

/* Shared by pkio-history-store-jobs.c (open, journal, events) and
 * pkio-history-store-sync-jobs.c (what a sync writes and reads): how a call of the async API
 * becomes a job for the worker thread. Main thread only. */

/* @cancellable: honoured until the job starts. @cancel_result: whether a cancel that comes
 * later still turns the result into G_IO_ERROR_CANCELLED (only for reads: a write that
 * happened must be reported). */
PkioHistoryJob *_pkio_history_store_new_job        (PkioHistoryStore     *self,
                                                    PkioHistoryJobFunc    func,
                                                    gpointer              source_tag,
                                                    PkioHistoryResultKind kind,
                                                    GCancellable         *cancellable,
                                                    gboolean              cancel_result,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
void            _pkio_history_store_queue_job      (PkioHistoryStore *self,
                                                    PkioHistoryJob   *job);
gboolean        _pkio_history_store_finish_boolean (PkioHistoryStore *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);

G_END_DECLS
