/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-api-user.h"
#include "pkio-client.h"
#include "pkio-duplicate-check.h"
#include "pkio-history-store.h"
#include "pkio-order-sender.h"
#include "pkio-revoke-sender.h"
#include "pkio-order.h"
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

/* What a front end can do with the account now. */
typedef enum
{
  PKIO_WORKSPACE_STATE_LOADING,              /* the key or the history is not there yet */
  PKIO_WORKSPACE_STATE_READY,                /* history open, a client for the key */
  PKIO_WORKSPACE_STATE_NO_KEY,               /* history open, no key stored for the address */
  PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE,  /* history open, the keyring could not be asked
                                                (state-message says why) */
  PKIO_WORKSPACE_STATE_FAILED,               /* the history could not be opened (state-message
                                                says why); load again to retry */
} PkioWorkspaceState;

#define PKIO_TYPE_WORKSPACE_STATE (pkio_workspace_state_get_type ())
GType pkio_workspace_state_get_type (void) G_GNUC_CONST;

#define PKIO_TYPE_WORKSPACE (pkio_workspace_get_type ())
G_DECLARE_FINAL_TYPE (PkioWorkspace, pkio_workspace, PKIO, WORKSPACE, GObject)

/* Everything a front end needs to work with one account: the base URL, the API key (from the
 * keyring, or the built-in simulator in practice mode, which never touches the keyring), the
 * client once a key is known, and the history store of that mode.
 *
 * Properties (read-only unless said): "practice" (construct-only), "settings" (construct-only,
 * may be NULL), "base-url", "state" and "state-message" (what front ends show), "syncing",
 * "key-state", "key-message", "key-rejected", "client", "store", "recovered-path", "loaded",
 * "custom-fields" (the account's own order fields, below).
 *
 * With @settings, the workspace follows "api-base-url": when it changes, the key of the new
 * address is looked up and the client replaced at once (state LOADING meanwhile). */
PkioWorkspace    *pkio_workspace_new                 (GSettings *settings,
                                                      gboolean   practice);

/* How long a keyring call may take before it is given up (G_IO_ERROR_TIMED_OUT): an unlock
 * prompt may never be answered, and a Secret Service may never answer at all. */
#define PKIO_WORKSPACE_KEYRING_TIMEOUT_S 30

/* Opens the store and looks the key up; finishes when both are done. Fails only when the
 * history cannot be opened; a missing key or keyring is reported through "key-state" /
 * "key-message", a database that had to be moved aside through "recovered-path". Calling it
 * again after success finishes at once; after a failure it tries to open the history again. */
void              pkio_workspace_load_async          (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          pkio_workspace_load_finish         (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

gboolean          pkio_workspace_get_practice        (PkioWorkspace *self);
gboolean          pkio_workspace_is_loaded           (PkioWorkspace *self);
/* How many days before its end a certificate "ends soon": the setting expiry-warning-days
 * (30, 60 or 90), or PKIO_EXPIRY_WARNING_DAYS_DEFAULT without settings. */
guint             pkio_workspace_get_expiry_warning_days (PkioWorkspace *self);
PkioWorkspaceState pkio_workspace_get_state          (PkioWorkspace *self);
/* A real account (not practice) without a usable key: no key stored, or the keyring could not
 * be asked. The window shows its welcome page instead of the views. */
gboolean          pkio_workspace_get_needs_key       (PkioWorkspace *self);
/* Translated, for people: why the keyring or the history cannot be used; NULL otherwise. */
const char       *pkio_workspace_get_state_message   (PkioWorkspace *self);
/* TRUE when CertCentral no longer accepts the key: the last answer of any call with it was a
 * 401, whatever its code (docs/decisions.md#errors-and-the-key). A later call that succeeds,
 * or another key (pkio_workspace_set_key_async (), another address), makes it FALSE again. A
 * 403 (this key may not do one call) and a call that got no answer leave it as it is. "state"
 * stays READY meanwhile: the history can be read, and calls are still made (that is how a key
 * CertCentral takes again is noticed); whether to send an order is the front end's choice. */
gboolean          pkio_workspace_get_key_rejected    (PkioWorkspace *self);
/* TRUE while a sync with CertCentral runs. */
gboolean          pkio_workspace_get_syncing         (PkioWorkspace *self);
const char       *pkio_workspace_get_base_url        (PkioWorkspace *self);
PkioKeyState      pkio_workspace_get_key_state       (PkioWorkspace *self);
/* Translated, for people; NULL unless key-state is UNAVAILABLE. */
const char       *pkio_workspace_get_key_message     (PkioWorkspace *self);
/* NULL until a key is known. */
PkioClient       *pkio_workspace_get_client          (PkioWorkspace *self);
PkioHistoryStore *pkio_workspace_get_store           (PkioWorkspace *self);
/* Where a corrupt history was moved, or NULL. */
const char       *pkio_workspace_get_recovered_path  (PkioWorkspace *self);
/* Practice mode only (NULL otherwise, and until loaded): the simulator playing CertCentral. */
PkioSimulator    *pkio_workspace_get_simulator       (PkioWorkspace *self);
/* The history database of this mode. */
const char       *pkio_workspace_get_history_path    (PkioWorkspace *self);

/* ---- the key (pkio-workspace-key.c) ---- */

/* Asks CertCentral at this workspace's address whom @key belongs to (GET user/me), without
 * storing or using it. PKIO_API_ERROR_KEY_REJECTED / _FORBIDDEN when CertCentral refuses it. */
void              pkio_workspace_check_key_async     (PkioWorkspace       *self,
                                                      const char          *key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PkioApiUser      *pkio_workspace_check_key_finish    (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Stores @key in the keyring for this workspace's address and uses it from now on ("client",
 * "key-state" AVAILABLE). Never in practice mode (G_IO_ERROR_NOT_SUPPORTED). A keyring that
 * does not answer within PKIO_WORKSPACE_KEYRING_TIMEOUT_S gives G_IO_ERROR_TIMED_OUT. */
void              pkio_workspace_set_key_async       (PkioWorkspace       *self,
                                                      const char          *key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          pkio_workspace_set_key_finish      (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET user/me with the stored key: whom it belongs to (name, account, division, roles). */
void              pkio_workspace_get_user_async      (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PkioApiUser      *pkio_workspace_get_user_finish     (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Removes the key of this address from the keyring; the workspace then has no client and
 * "state" NO_KEY. Not in practice mode (G_IO_ERROR_NOT_SUPPORTED). */
void              pkio_workspace_forget_key_async    (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          pkio_workspace_forget_key_finish   (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* ---- the account's own order fields (pkio-workspace-fields.c) ---- */

/* The account's own order fields, custom order fields in CertCentral's words (GET
 * account/metadata, docs/certcentral-api.md#custom-order-fields): the active ones, in
 * CertCentral's order, as PkioCustomField*s (a new reference; do not change it). Asked once
 * per account and kept until the key or the address changes; the calls made meanwhile share
 * the one request (a cancelled call is answered when it ends). Practice mode's account has
 * one, "Cost centre" (pkio-practice.h). Without a key: PKIO_API_ERROR_KEY_REJECTED. */
void              pkio_workspace_get_custom_fields_async  (PkioWorkspace       *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray        *pkio_workspace_get_custom_fields_finish (PkioWorkspace       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* The active fields as known now, or NULL until they were asked and answered. Also the
 * property "custom-fields", notified when they are answered or go with the account. */
GPtrArray        *pkio_workspace_get_custom_fields        (PkioWorkspace       *self);
/* Every problem of @order's values for the account's fields (pkio_custom_fields_validate (),
 * against all of them, inactive ones too): a new array, empty when all is well; NULL when the
 * fields are not known yet (ask first). Each problem is at pkio_custom_field_path (). */
GPtrArray        *pkio_workspace_check_custom_fields      (PkioWorkspace       *self,
                                                           const PkioOrder     *order);
/* The field (metadata id) one entry of CertCentral's refusal is about, or 0
 * (pkio_custom_fields_match_refusal ()): for showing the refusal at that field. */
gint64            pkio_workspace_custom_field_for_refusal (PkioWorkspace           *self,
                                                           const PkioApiErrorEntry *entry);

/* ---- the account's orders (pkio-workspace-actions.c) ---- */

/* Places @order through the one send path: pkio_order_sender_send_async () with this
 * workspace's history and client, its result handed through as it is (the path of one order,
 * from the button to the POST and back: src/core/README.md). Without a client the result is
 * REJECTED with PKIO_API_ERROR_KEY_REJECTED and nothing is recorded or sent. @cancellable
 * reaches only the journal write: once the order is out, its outcome is always recorded. */
void              pkio_workspace_place_order_async   (PkioWorkspace       *self,
                                                      PkioOrder           *order,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* Never NULL. */
PkioSendResult   *pkio_workspace_place_order_finish  (PkioWorkspace       *self,
                                                      GAsyncResult        *result);

/* Before an order: does its holder already have a certificate of its profile, from any
 * computer (pkio-duplicate-check.h, docs/decisions.md#duplicate-orders)? @ignore_order_id: the
 * order a renewal replaces, 0 for none. Never fails but for cancellation; no key, no
 * connection or an error answer is PKIO_DUPLICATE_UNCHECKED. Reads only. */
void              pkio_workspace_check_duplicate_async  (PkioWorkspace       *self,
                                                         const PkioOrder     *order,
                                                         gint64               ignore_order_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
PkioDuplicate    *pkio_workspace_check_duplicate_finish (PkioWorkspace       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Finishes when every record of the history is in the store's model (after load). */
void              pkio_workspace_read_history_async  (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          pkio_workspace_read_history_finish (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET order info for @order_id, then stores what it says in the history. The order is
 * returned even when the history could not store it; @out_store_error (may be NULL) then says
 * why. */
void              pkio_workspace_fetch_order_async   (PkioWorkspace       *self,
                                                      gint64               order_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PkioRemoteOrder  *pkio_workspace_fetch_order_finish  (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **out_store_error,
                                                      GError             **error);

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

/* ---- after the order (pkio-workspace-lifecycle.c) ---- */

G_BEGIN_DECLS

/* Revokes @record's certificate through the one revoke path (pkio_revoke_sender_send_async ())
 * with this workspace's history and client. Never NULL from the finish. */
void              pkio_workspace_revoke_async         (PkioWorkspace       *self,
                                                       PkioHistoryRecord   *record,
                                                       PkioRevokeReason     reason,
                                                       const char          *comment,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
PkioRevokeResult *pkio_workspace_revoke_finish        (PkioWorkspace       *self,
                                                       GAsyncResult        *result);

/* Settles a revocation of unknown outcome (or looks again at any): GET order info (stored in
 * the history too); a "revoke" among its requests, or the status "revoked", means it was taken
 * (REQUESTED, @out_request_id its id or 0); none means it was not (NONE, event
 * "revoke-not-found": it may be asked again). Without a client it fails with
 * PKIO_API_ERROR_KEY_REJECTED; then, and on any other error, the state stays as it was. */
void              pkio_workspace_check_revoke_async   (PkioWorkspace       *self,
                                                       PkioHistoryRecord   *record,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
PkioRevokeState   pkio_workspace_check_revoke_finish  (PkioWorkspace       *self,
                                                       GAsyncResult        *result,
                                                       gint64              *out_request_id,
                                                       GError             **error);

G_END_DECLS

/* ---- what the account offers (pkio-workspace-account.c) ---- */

#include "pkio-balance.h"
#include "pkio-product-info.h"

G_BEGIN_DECLS

/* GET product/pkio_burger, typed (allowed validity years, …). Without a client it fails with
 * PKIO_API_ERROR_KEY_REJECTED; an answer of the wrong shape with PKIO_API_ERROR_BAD_ANSWER. */
void              pkio_workspace_get_product_async   (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PkioProductInfo  *pkio_workspace_get_product_finish  (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET finance/balance, typed. Errors as for pkio_workspace_get_product_async (). */
void              pkio_workspace_get_balance_async   (PkioWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PkioBalance      *pkio_workspace_get_balance_finish  (PkioWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
