/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-store.h"

G_BEGIN_DECLS

typedef struct _PkioHistoryWorker PkioHistoryWorker;
typedef struct _PkioHistoryIndex PkioHistoryIndex;

PkioHistoryWorker *_pkio_history_store_get_worker     (PkioHistoryStore *self);
/* The search index of the records in the model (pkio-history-index.h). */
PkioHistoryIndex  *_pkio_history_store_get_index      (PkioHistoryStore *self);

/* Test hook: caps the database file at its current size, so that a write needing more room
 * fails with PKIO_HISTORY_ERROR_DISK_FULL as on a full disk. */
void               _pkio_history_store_simulate_full_disk_async  (PkioHistoryStore    *self,
                                                                  gboolean             full,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean           _pkio_history_store_simulate_full_disk_finish (PkioHistoryStore *self,
                                                                  GAsyncResult     *result,
                                                                  GError          **error);

G_END_DECLS
