/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-client.h"
#include "pkio-history-store.h"
#include "pkio-simulator.h"

G_BEGIN_DECLS

/* Whether an API key is at hand. */
typedef enum
{
  PKIO_KEY_STATE_LOOKING,      /* not loaded yet */
  PKIO_KEY_STATE_AVAILABLE,    /* a client exists */
  PKIO_KEY_STATE_NONE,         /* nothing stored for this base URL */
  PKIO_KEY_STATE_UNAVAILABLE,  /* the keyring could not be asked (see key-message) */
} PkioKeyState;

#define PKIO_TYPE_KEY_STATE (pkio_key_state_get_type ())
GType pkio_key_state_get_type (void) G_GNUC_CONST;

#define PKIO_TYPE_WORKSPACE (pkio_workspace_get_type ())
G_DECLARE_FINAL_TYPE (PkioWorkspace, pkio_workspace, PKIO, WORKSPACE, GObject)

/* Everything a front end needs to work with one account: the base URL, the API key (from the
 * keyring, or the built-in simulator in practice mode, which never touches the keyring), the
 * client once a key is known, and the history store of that mode.
 *
 * Properties (read-only unless said): "practice" (construct-only), "settings" (construct-only,
 * may be NULL), "base-url", "key-state", "key-message", "client", "store", "recovered-path",
 * "loaded". */
PkioWorkspace    *pkio_workspace_new                 (GSettings *settings,
                                                      gboolean   practice);

/* Opens the store and finds the key. Fails only when the history cannot be opened; a missing
 * key or keyring is reported through "key-state"/"key-message", a database that had to be
 * moved aside through "recovered-path". Calling it again after success finishes at once. */
void              pkio_workspace_load_async          (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          pkio_workspace_load_finish         (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

gboolean          pkio_workspace_get_practice        (PkioWorkspace *self);
gboolean          pkio_workspace_is_loaded           (PkioWorkspace *self);
const char       *pkio_workspace_get_base_url        (PkioWorkspace *self);
PkioKeyState      pkio_workspace_get_key_state       (PkioWorkspace *self);
/* Translated, for people; NULL unless key-state is UNAVAILABLE. */
const char       *pkio_workspace_get_key_message     (PkioWorkspace *self);
/* NULL until a key is known. */
PkioClient       *pkio_workspace_get_client          (PkioWorkspace *self);
PkioHistoryStore *pkio_workspace_get_store           (PkioWorkspace *self);
/* Where a corrupt history was moved, or NULL. */
const char       *pkio_workspace_get_recovered_path  (PkioWorkspace *self);
/* Practice mode only (NULL otherwise): the simulator playing CertCentral. */
PkioSimulator    *pkio_workspace_get_simulator       (PkioWorkspace *self);

/* pkio_history_sync_async () with this workspace's store and client. Without a client it fails
 * with PKIO_API_ERROR_KEY_REJECTED. Only one sync runs at a time: a second call joins the
 * first. */
void              pkio_workspace_sync_async          (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          pkio_workspace_sync_finish         (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET order info for one order and store its status. */
void              pkio_workspace_refresh_order_async  (PkioWorkspace       *self,
                                                       PkioHistoryRecord   *record,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          pkio_workspace_refresh_order_finish (PkioWorkspace       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* pkio_history_cancel_order_async (): @note must not be blank (G_IO_ERROR_INVALID_ARGUMENT,
 * nothing sent). */
void              pkio_workspace_cancel_order_async   (PkioWorkspace       *self,
                                                       PkioHistoryRecord   *record,
                                                       const char          *note,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          pkio_workspace_cancel_order_finish  (PkioWorkspace       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* "Check outcome" of an UNKNOWN record (pkio_history_reconcile_async ()): the order id found,
 * 0 when CertCentral has no such order (the record stays UNKNOWN; nothing is placed again
 * automatically), or -1 with @error. */
void              pkio_workspace_check_outcome_async  (PkioWorkspace       *self,
                                                       PkioHistoryRecord   *record,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gint64            pkio_workspace_check_outcome_finish (PkioWorkspace       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* The person chose @order_id among the orders CertCentral has for an UNKNOWN @record (see
 * pkio_history_record_get_candidates ()): pkio_history_link_order_async (). The record then
 * holds the order's id, certificate id and status, and the order is not listed a second time
 * as placed elsewhere. */
void              pkio_workspace_link_order_async     (PkioWorkspace       *self,
                                                       PkioHistoryRecord   *record,
                                                       gint64               order_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          pkio_workspace_link_order_finish    (PkioWorkspace       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
