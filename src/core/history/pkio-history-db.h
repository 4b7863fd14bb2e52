/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-match.h"
#include "pkio-history-record-private.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

/* The SQL side of PkioHistoryStore. Every function here runs on the store's worker thread
 * only; nothing here touches the GListModel. Records returned are fresh objects read back from
 * the database after the change, for the main thread to merge into its model. */
typedef struct _PkioHistoryDb PkioHistoryDb;

/* What journal_begin writes, read from the storage JSON on the calling thread. */
typedef struct
{
  char   *account;
  char   *request_json;
  char   *holder_name;
  char   *holder_email;
  gint64  individual_id;
  char   *profile;
  char   *ship_method;
  gint64  replaces_order_id;   /* a renewal: the order it replaces, else 0 */
  char   *batch_key;    /* a row of a batch file (PkioHistoryBatchTag), else NULL */
  char   *batch_row;
  char   *batch_file;
} PkioJournalEntry;

void               _pkio_journal_entry_free          (PkioJournalEntry *entry);
PkioJournalEntry  *_pkio_journal_entry_from_json     (const char *account,
                                                      const char *request_json);

/* Opens (creating folder and file). A file that is not a database, or is corrupt, is renamed
 * to PATH.corrupt-YYYYMMDD-HHMMSS (with its -wal/-shm) and a fresh one is created; then
 * *@out_moved_to is set. */
PkioHistoryDb     *_pkio_history_db_open             (const char *path,
                                                      char      **out_moved_to,
                                                      GError    **error);
void               _pkio_history_db_close            (PkioHistoryDb *db);
/* Moves the open database aside and starts a fresh one (corruption found while reading). */
gboolean           _pkio_history_db_recover          (PkioHistoryDb *db,
                                                      char         **out_moved_to,
                                                      GError       **error);
gboolean           _pkio_history_db_error_is_corrupt (const GError *error);

/* SENDING records whose process is gone become UNKNOWN; appends the changed records. */
gboolean           _pkio_history_db_mark_interrupted (PkioHistoryDb *db,
                                                      GPtrArray     *changed,
                                                      GError       **error);

/* Calls @batch_cb with arrays of records in model order; FALSE from it stops. */
typedef gboolean (*PkioHistoryDbBatchFunc) (GPtrArray *batch, gpointer user_data);
gboolean           _pkio_history_db_load             (PkioHistoryDb          *db,
                                                      guint                   first_batch,
                                                      guint                   batch,
                                                      PkioHistoryDbBatchFunc  batch_cb,
                                                      gpointer                user_data,
                                                      GError                **error);

PkioHistoryRecord *_pkio_history_db_journal_begin    (PkioHistoryDb          *db,
                                                      const PkioJournalEntry *entry,
                                                      GError                **error);
/* @state PLACED, REJECTED or UNKNOWN. A REMOTE record already holding @order_id is folded
 * into @local_id; its local id is appended to @deleted. A placed renewal marks the order it
 * replaces, appended to @also_changed. */
PkioHistoryRecord *_pkio_history_db_set_outcome      (PkioHistoryDb  *db,
                                                      gint64          local_id,
                                                      PkioRecordState state,
                                                      gint64          order_id,
                                                      gint64          certificate_id,
                                                      const char     *errors_json,
                                                      const char     *event_kind,
                                                      GArray         *deleted,
                                                      GPtrArray      *also_changed,
                                                      GError        **error);
/* Orders not in the history yet become records of @origin (ELSEWHERE, or EXAMPLE). */
gboolean           _pkio_history_db_merge_remote     (PkioHistoryDb    *db,
                                                      GPtrArray        *remote_orders,
                                                      PkioRecordOrigin  origin,
                                                      GPtrArray        *changed,
                                                      GError          **error);
PkioHistoryRecord *_pkio_history_db_update_status    (PkioHistoryDb *db,
                                                      gint64         order_id,
                                                      const char    *status,
                                                      const char    *cancel_note,
                                                      GError       **error);
gboolean           _pkio_history_db_add_event        (PkioHistoryDb *db,
                                                      gint64         local_id,
                                                      const char    *kind,
                                                      const char    *detail,
                                                      GError       **error);
/* The request @local_id was placed with (NULL, no error: it keeps none); NOT_FOUND when there
 * is no such record. */
char              *_pkio_history_db_read_request     (PkioHistoryDb *self,
                                                      gint64         local_id,
                                                      GError       **error);
GPtrArray         *_pkio_history_db_get_events       (PkioHistoryDb *db,
                                                      gint64         local_id,
                                                      GError       **error);
GPtrArray         *_pkio_history_db_list_unknown     (PkioHistoryDb *db,
                                                      GError       **error);
GArray            *_pkio_history_db_list_in_progress (PkioHistoryDb *db,
                                                      GError       **error);
/* Writes what reconciliation decided (PkioMatchResult): LINKED makes the record PLACED with
 * that order (event "found"; a REMOTE copy is folded in, its id appended to @deleted);
 * AMBIGUOUS stores the candidates (event "candidates" when the set of orders changed);
 * NOT_FOUND clears them (event "not-found"). A record no longer UNKNOWN, or an order another
 * record of this computer took meanwhile, is left alone. */
gboolean           _pkio_history_db_apply_matches    (PkioHistoryDb *db,
                                                      GPtrArray     *results,
                                                      GPtrArray     *changed,
                                                      GArray        *deleted,
                                                      GError       **error);
/* The person chose @order (fresh from CertCentral) among the candidates of UNKNOWN record
 * @local_id: it becomes PLACED with it (event "linked"). Refused (FAILED) when the record is
 * no longer UNKNOWN or the order is not one of its candidates. */
PkioHistoryRecord *_pkio_history_db_link_order       (PkioHistoryDb         *db,
                                                      gint64                 local_id,
                                                      const PkioRemoteOrder *order,
                                                      GArray                *deleted,
                                                      GPtrArray             *also_changed,
                                                      GError               **error);
/* pkio-history-db-lifecycle.c: after the order. */

/* Each record of @local_ids (gint64) whose valid_till is known is marked as warned about it
 * (event "expiry-warned" with that date), unless it already was; the changed records are
 * appended to @changed. One transaction: all or none. */
gboolean           _pkio_history_db_mark_warned      (PkioHistoryDb *db,
                                                      GArray        *local_ids,
                                                      GPtrArray     *changed,
                                                      GError       **error);
/* The journal of a revocation: @local_id's revocation becomes SENDING (with this process as
 * its sender, so that a process that stops leaves it UNKNOWN: mark_interrupted), why and by
 * whom, event "revoke-asked" with @asked_json; synced to disk before it returns. Refused
 * (FAILED) when a revocation is already on its way or unsettled. */
PkioHistoryRecord *_pkio_history_db_revoke_begin     (PkioHistoryDb *db,
                                                      gint64         local_id,
                                                      const char    *reason,
                                                      const char    *requester,
                                                      const char    *asked_json,
                                                      GError       **error);
/* What became of it: @state, CertCentral's @request_id (0: leave), and an event (@event_kind
 * NULL: none). */
PkioHistoryRecord *_pkio_history_db_revoke_set       (PkioHistoryDb   *db,
                                                      gint64           local_id,
                                                      PkioRevokeState  state,
                                                      gint64           request_id,
                                                      const char      *event_kind,
                                                      const char      *detail,
                                                      GError         **error);
char              *_pkio_history_db_meta_get         (PkioHistoryDb *db,
                                                      const char    *key);
gboolean           _pkio_history_db_meta_set         (PkioHistoryDb *db,
                                                      const char    *key,
                                                      const char    *value,
                                                      GError       **error);
/* Test hook: caps the file at its current size, so the next write fails as on a full disk. */
gboolean           _pkio_history_db_cap_size         (PkioHistoryDb *db,
                                                      gboolean       cap,
                                                      GError       **error);

G_END_DECLS
