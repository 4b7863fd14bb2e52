/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-client.h"
#include "pkio-history-reconcile.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

/* Brings @store up to date with CertCentral (the source of truth for every administrator):
 * - first, every UNKNOWN record is reconciled (pkio_history_reconcile_all_async ()), so an
 *   order that turns out to be one of them is merged into it, never listed beside it;
 * - first sync (no last sync), a last sync older than 7 days, or a full listing due
 *   (pkio_history_store_get_full_list_due ()): every page of
 *   GET order/certificate?filters[product_name_id]=pkio_burger (limit 1000), merged;
 * - otherwise (the next sync, a few requests): status-changes for the minutes since the last
 *   sync (at most 10080); the orders created since the day before the last sync, from the
 *   list (newest first, pages of 1000: usually one request), which brings new orders with
 *   their holder and dates; order info only for an order placed here without a holder's name,
 *   one status-changes names that is neither known nor listed, or one just issued whose
 *   validity is not known; and a catch-up of PKIO_HISTORY_SYNC_CATCH_UP orders in progress
 *   that neither named, in turn from sync to sync (status-changes covers the whole time, so
 *   this only guards against a change it did not report);
 * - last, the store's last-sync time is set.
 * Offline or refused, it fails with the client's GError (PKIO_API_ERROR) and the history stays
 * as it was. After a successful sync, a record still UNKNOWN was looked for and either not
 * found (its timeline ends with "not-found": the UI may offer to send it again after the
 * person confirms) or several orders may be it (pkio_history_record_get_candidates ()). The
 * merge happens on the store's worker; the model is updated in small chunks. */
#define PKIO_HISTORY_SYNC_CATCH_UP 5

void      pkio_history_sync_async        (PkioHistoryStore    *store,
                                          PkioClient          *client,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  pkio_history_sync_finish       (PkioHistoryStore    *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* "Check outcome" of one UNKNOWN record: pkio_history_reconcile_async (). Cancelling an order:
 * pkio-history-cancel.h. */

G_END_DECLS
