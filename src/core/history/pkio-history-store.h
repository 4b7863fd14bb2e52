/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-history-export.h"
#include "pkio-history-record.h"
#include "pkio-remote-order.h"

G_BEGIN_DECLS

#define PKIO_HISTORY_ERROR (pkio_history_error_quark ())

typedef enum
{
  PKIO_HISTORY_ERROR_FAILED,
  PKIO_HISTORY_ERROR_DISK_FULL,   /* no space left: nothing was written */
  PKIO_HISTORY_ERROR_READ_ONLY,   /* the data folder or file cannot be written or created */
  PKIO_HISTORY_ERROR_NOT_OPEN,    /* the store was never opened, or opening failed */
  PKIO_HISTORY_ERROR_TOO_NEW,     /* written by a newer version of the app */
  PKIO_HISTORY_ERROR_NOT_FOUND,   /* no such record */
  PKIO_HISTORY_ERROR_CORRUPT,     /* the database is damaged (opening moves it aside) */
} PkioHistoryError;

GQuark pkio_history_error_quark (void);

#define PKIO_TYPE_HISTORY_STORE (pkio_history_store_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryStore, pkio_history_store, PKIO, HISTORY_STORE, GObject)

/* The order journal and history: a SQLite database (WAL, synchronous=FULL) worked on by one
 * worker thread, and a GListModel of PkioHistoryRecord kept on the main thread (the thread
 * that created the store). Order of the model: records whose outcome is unknown (or that are
 * being sent) first, then newest first.
 *
 * Every _async call is queued on the worker and finishes, in call order, after its changes
 * are in the model. The UI thread never waits on the disk.
 *
 * Properties: "path", "loaded" (every row is in the model), "last-sync" (Unix seconds, 0 =
 * never), "recovered-path" (where a corrupt database was moved, or NULL). Signal
 * "status-changed" (PkioHistoryRecord *record, const char *old_status) when CertCentral's
 * status of a record in the model changed (not for records first seen, loaded or new). Signal
 * "recovered-from-corruption" (const char *moved_path) is emitted when opening found the
 * database unreadable and moved it aside (never deleted) before starting a fresh one. */
PkioHistoryStore  *pkio_history_store_new                 (const char *path);
const char        *pkio_history_store_get_path            (PkioHistoryStore *self);
gboolean           pkio_history_store_is_open             (PkioHistoryStore *self);
gboolean           pkio_history_store_is_loaded           (PkioHistoryStore *self);
const char        *pkio_history_store_get_recovered_path  (PkioHistoryStore *self);
gint64             pkio_history_store_get_last_sync       (PkioHistoryStore *self);
/* TRUE when the next sync must list every order rather than ask what changed: an update of
 * the app stores something new that only the list rows carry (valid_till). */
gboolean           pkio_history_store_get_full_list_due   (PkioHistoryStore *self);

/* Creates the folder, opens or creates the database, runs migrations, turns records left in
 * SENDING by a process that is gone into UNKNOWN, and starts loading the rows into the model.
 * Finishes as soon as the first rows are in the model; "loaded" turns TRUE when all are. */
void               pkio_history_store_open_async          (PkioHistoryStore    *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_open_finish         (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Finishes when every row is in the model (a no-op job behind the loading). */
void               pkio_history_store_ensure_loaded_async (PkioHistoryStore    *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_ensure_loaded_finish (PkioHistoryStore   *self,
                                                            GAsyncResult       *result,
                                                            GError            **error);

/* The journal. journal_begin writes (and syncs to disk) a SENDING record holding
 * @request_json (the storage serialization: never card data) BEFORE the order leaves;
 * the holder name, email, individual id, profile and ship method are read from it. When it
 * fails (disk full, read-only folder, store not open) the order must not be sent.
 * @account: the API base URL or account id the order goes to. */
void               pkio_history_store_journal_begin_async (PkioHistoryStore    *self,
                                                           const char          *account,
                                                           const char          *request_json,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* A row of a batch file, as the journal knows it (the content keys of pkio-batch.h). */
typedef struct
{
  const char *batch_key;   /* the batch's content key */
  const char *row_key;     /* the row's content key */
  const char *file_name;   /* shown in History; may be NULL */
} PkioHistoryBatchTag;

/* journal_begin with everything a record may start with: @replaces_order_id (a renewal, as
 * journal_begin_renewal; 0: none) and @batch (a row of a batch file, copied; NULL: none), by
 * which a batch started again finds what it sent (pkio_history_record_get_batch_key ()).
 * Finishes with pkio_history_store_journal_begin_finish (). */
void               pkio_history_store_journal_begin_full_async (PkioHistoryStore          *self,
                                                                const char                *account,
                                                                const char                *request_json,
                                                                gint64                     replaces_order_id,
                                                                const PkioHistoryBatchTag *batch,
                                                                GCancellable              *cancellable,
                                                                GAsyncReadyCallback        callback,
                                                                gpointer                   user_data);
PkioHistoryRecord *pkio_history_store_journal_begin_finish (PkioHistoryStore   *self,
                                                            GAsyncResult       *result,
                                                            GError            **error);

/* journal_begin for an order placed to replace order @replaces_order_id (a renewal; 0: none):
 * the record keeps the link, and once it is placed the replaced record shows "replaced by" it.
 * CertCentral is never told (renewal_of_order_id is not documented for pkio_burger).
 * Finishes with pkio_history_store_journal_begin_finish (). */
void               pkio_history_store_journal_begin_renewal_async (PkioHistoryStore    *self,
                                                                   const char          *account,
                                                                   const char          *request_json,
                                                                   gint64               replaces_order_id,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);

/* The outcome of an attempt. Not cancellable: an outcome is always written. If a sync already
 * brought in the same order as placed elsewhere, the two become one record. */
void               pkio_history_store_journal_mark_placed_async   (PkioHistoryStore    *self,
                                                                   PkioHistoryRecord   *record,
                                                                   gint64               order_id,
                                                                   gint64               cert_id,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
/* @errors_json: CertCentral's errors[] as JSON text (kept for the details page). */
void               pkio_history_store_journal_mark_rejected_async (PkioHistoryStore    *self,
                                                                   PkioHistoryRecord   *record,
                                                                   const char          *errors_json,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
void               pkio_history_store_journal_mark_unknown_async  (PkioHistoryStore    *self,
                                                                   PkioHistoryRecord   *record,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
/* Finish for the three journal_mark_* calls. */
gboolean           pkio_history_store_journal_mark_finish         (PkioHistoryStore    *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

/* Remote orders (PkioRemoteOrder) are inserted or updated by order id, never duplicated: a
 * local record with the same order id keeps its state and origin and takes CertCentral's
 * status and certificate id. @out_changed: how many records were added or changed. */
void               pkio_history_store_merge_remote_async  (PkioHistoryStore    *self,
                                                           GPtrArray           *remote_orders,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_merge_remote_finish (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           guint               *out_changed,
                                                           GError             **error);

/* Sets the CertCentral status of an order (adds a timeline event). @cancel_note: when the
 * status change is our own cancel, the note sent with it; otherwise NULL. */
/* Merges @remote_orders as practice mode's examples (origin EXAMPLE): they show up, and
 * later syncs update them, but they are said to be examples. */
void               pkio_history_store_add_examples_async  (PkioHistoryStore    *self,
                                                           GPtrArray           *remote_orders,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_add_examples_finish (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void               pkio_history_store_update_status_async (PkioHistoryStore    *self,
                                                           gint64               order_id,
                                                           const char          *status,
                                                           const char          *cancel_note,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_update_status_finish (PkioHistoryStore   *self,
                                                            GAsyncResult       *result,
                                                            GError            **error);

/* @kind: see PkioHistoryEvent. */
void               pkio_history_store_add_event_async     (PkioHistoryStore    *self,
                                                           PkioHistoryRecord   *record,
                                                           const char          *kind,
                                                           const char          *detail,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_add_event_finish    (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Oldest first; a GPtrArray of PkioHistoryEvent. */
void               pkio_history_store_get_timeline_async  (PkioHistoryStore    *self,
                                                           PkioHistoryRecord   *record,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray         *pkio_history_store_get_timeline_finish (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* The request @record was placed with (its storage JSON, never card data), read from the
 * database on the worker thread: records keep only whether there is one
 * (pkio_history_record_has_request ()), so that a history of 100,000 orders does not hold
 * them all in memory (issue 24). Finishes with the JSON (g_free () it), or NULL without an
 * error for a record that keeps none (an order placed elsewhere), or NULL with an error: the
 * record is not in the database (PKIO_HISTORY_ERROR_NOT_FOUND), the database cannot be read,
 * or @cancellable was cancelled. */
void               pkio_history_store_read_request_async  (PkioHistoryStore    *self,
                                                           PkioHistoryRecord   *record,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
char              *pkio_history_store_read_request_finish (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void               pkio_history_store_set_last_sync_async (PkioHistoryStore    *self,
                                                           gint64               unix_time,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_set_last_sync_finish (PkioHistoryStore   *self,
                                                            GAsyncResult       *result,
                                                            GError            **error);

/* For the sync: the records whose outcome is unknown (GPtrArray of the model's
 * PkioHistoryRecord), and the order ids still in progress (GArray of gint64). */
void               pkio_history_store_list_unknown_async  (PkioHistoryStore    *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray         *pkio_history_store_list_unknown_finish (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void               pkio_history_store_list_in_progress_async  (PkioHistoryStore    *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GArray            *pkio_history_store_list_in_progress_finish (PkioHistoryStore    *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* Reconciliation (pkio-history-reconcile.h) writes what it decided: @results are
 * PkioMatchResult (pkio-history-match.h), one per UNKNOWN record. LINKED makes the record
 * PLACED with that order (event "found"), AMBIGUOUS keeps the candidates with it (see
 * pkio_history_record_get_candidates ()), NOT_FOUND adds "not-found". A record no longer
 * UNKNOWN is left alone. Not cancellable. */
void               pkio_history_store_apply_matches_async  (PkioHistoryStore    *self,
                                                            GPtrArray           *results,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           pkio_history_store_apply_matches_finish (PkioHistoryStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
/* The person chose @order among @record's candidates: @record becomes PLACED with it (event
 * "linked"), and a copy of the order placed elsewhere is folded in. Fails when @record is no
 * longer UNKNOWN or @order is not one of its candidates. Not cancellable. */
void               pkio_history_store_link_order_async     (PkioHistoryStore      *self,
                                                            PkioHistoryRecord     *record,
                                                            const PkioRemoteOrder *order,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
gboolean           pkio_history_store_link_order_finish    (PkioHistoryStore      *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);

/* ---- after the order (pkio-history-store-lifecycle.c) ---- */

/* The certificates (PkioHistoryRecord of the model) the person is to be warned about now:
 * pkio_history_record_needs_expiry_warning () by @window, among the rows loaded so far. Read
 * from memory: no request, no disk. */
GPtrArray         *pkio_history_store_list_due_warnings   (PkioHistoryStore       *self,
                                                           const PkioExpiryWindow *window);
/* Writes that the person was warned about each of @records (their valid_till as it is now;
 * event "expiry-warned"), so that none is warned again, also after a restart. Not
 * cancellable. */
void               pkio_history_store_mark_warned_async   (PkioHistoryStore    *self,
                                                           GPtrArray           *records,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_mark_warned_finish  (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* The journal of a revocation, as for an order: @record's revocation becomes SENDING (written
 * and synced to disk: only then may the request leave), with @reason (a PkioRevokeReason
 * name), @requester (who asked) and the timeline event "revoke-asked" (@asked_json). Fails
 * when the record already has a revocation on its way or unsettled, or when the history cannot
 * be written: then nothing may be sent. Not cancellable. */
void               pkio_history_store_revoke_begin_async  (PkioHistoryStore    *self,
                                                           PkioHistoryRecord   *record,
                                                           const char          *reason,
                                                           const char          *requester,
                                                           const char          *asked_json,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
PkioHistoryRecord *pkio_history_store_revoke_begin_finish (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* What became of it: @state, CertCentral's @request_id (0: keep what is known), and the event
 * @event_kind with @detail (@event_kind NULL: none). Not cancellable. */
void               pkio_history_store_revoke_mark_async   (PkioHistoryStore    *self,
                                                           PkioHistoryRecord   *record,
                                                           PkioRevokeState      state,
                                                           gint64               request_id,
                                                           const char          *event_kind,
                                                           const char          *detail,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pkio_history_store_revoke_mark_finish  (PkioHistoryStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* In-memory look-ups (main thread), among the rows loaded so far. */
/* How many records @filter lets through (from the search index: no record is visited);
 * @window for "Ends soon" and "Ended" (may be NULL for the others). */
guint              pkio_history_store_count               (PkioHistoryStore       *self,
                                                           PkioStatusFilter        filter,
                                                           const PkioExpiryWindow *window);
PkioHistoryRecord *pkio_history_store_find_by_order_id    (PkioHistoryStore *self,
                                                           gint64            order_id);
PkioHistoryRecord *pkio_history_store_find_by_local_id    (PkioHistoryStore *self,
                                                           gint64            local_id);

G_END_DECLS
