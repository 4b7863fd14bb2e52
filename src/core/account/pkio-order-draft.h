/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_DRAFT (pkio_order_draft_get_type ())
G_DECLARE_FINAL_TYPE (PkioOrderDraft, pkio_order_draft, PKIO, ORDER_DRAFT, GObject)

/* The order form as typed, kept on disk so that a restart or a crash loses nothing.
 *
 * It never holds card data: the card number, expiry, CVV, cardholder name and the card's
 * save / default choices are never serialized (docs/decisions.md#card-data: card data never
 * reaches a file). Everything else is kept as typed, not normalized, with both holder
 * choices (the details of a new person and the number of a known one).
 *
 * The file (JSON, mode 0600) is written atomically, on a worker thread; of several saves the
 * last one called always wins, whatever order the threads finish in. */

/* $XDG_DATA_HOME/pkio-orders/draft.json, or practice-draft.json in practice mode. */
char           *pkio_order_draft_path_for      (gboolean         practice);

PkioOrderDraft *pkio_order_draft_new           (const char      *path);
const char     *pkio_order_draft_get_path      (PkioOrderDraft  *self);

/* Takes a snapshot of @order now (on the calling thread, no disk) and writes it later. */
void            pkio_order_draft_save_async    (PkioOrderDraft      *self,
                                                const PkioOrder     *order,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        pkio_order_draft_save_finish   (PkioOrderDraft      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* The same, at once on this thread (when the window closes and no thread may outlive it). */
gboolean        pkio_order_draft_save          (PkioOrderDraft      *self,
                                                const PkioOrder     *order,
                                                GError             **error);

/* Removes the draft (no draft is fine). Wins over earlier saves still in flight. */
void            pkio_order_draft_discard_async  (PkioOrderDraft      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        pkio_order_draft_discard_finish (PkioOrderDraft      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The saved order, or NULL without an error when there is none. A file that cannot be read
 * as a draft gives G_IO_ERROR_INVALID_DATA. */
void            pkio_order_draft_load_async    (PkioOrderDraft      *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
PkioOrder      *pkio_order_draft_load_finish   (PkioOrderDraft      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The draft's text for @order, and back (for tests and the functions above). */
char           *pkio_order_draft_serialize     (const PkioOrder     *order);
PkioOrder      *pkio_order_draft_parse         (const char          *text,
                                                GError             **error);

G_END_DECLS
