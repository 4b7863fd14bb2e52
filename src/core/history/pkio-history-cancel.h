/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-client.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

/* Cancels an order at CertCentral (PUT …/status, only pending / waiting_pickup), then records
 * status "canceled" and the note in the timeline. @note is required (CertCentral demands it):
 * empty gives G_IO_ERROR_INVALID_ARGUMENT and nothing is sent. The PUT is never repeated. When
 * it was sent but not answered (PKIO_API_ERROR_OUTCOME_UNKNOWN), the order's status is asked
 * once: "canceled" counts as done (recorded with the note); otherwise the status is stored and
 * the error, saying it may or may not have been canceled, is returned. */
void      pkio_history_cancel_order_async  (PkioHistoryStore    *store,
                                            PkioClient          *client,
                                            PkioHistoryRecord   *record,
                                            const char          *note,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  pkio_history_cancel_order_finish (PkioHistoryStore    *store,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
