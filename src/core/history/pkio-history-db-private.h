/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "pkio-history-db.h"

G_BEGIN_DECLS

/* Shared by pkio-history-db.c (connection, statements, opening), pkio-history-db-rows.c
 * (reading and writing rows, events, loading), pkio-history-db-journal.c (an order's attempt
 * and outcome), pkio-history-db-sync.c (what a sync writes), pkio-history-db-lifecycle.c and
 * pkio-history-db-match.c. Worker thread only. */
struct _PkioHistoryDb
{
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text -> prepared statement, reused (merges run 10,000) */
};

#define RECORD_COLUMNS \
  "id, state, origin, order_id, certificate_id, remote_status, created, updated, " \
  "last_synced, holder_name, holder_email, individual_id, profile, ship_method, account, " \
  "request_json IS NOT NULL, errors_json, candidates_json, valid_from, valid_till, days_remaining, " \
  "status_changed, expiry_warned, placed_by, replaces_order_id, replaced_by_order_id, " \
  "revoke_state, revoke_request_id, revoke_reason, revoke_requester, revoke_time, " \
  "batch_key, batch_row, batch_file"
/* How many RECORD_COLUMNS there are: a query that selects more after them reads those from
 * this index on. */
#define RECORD_N_COLUMNS 34

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gint64             _pkio_hdb_now_s              (void);
void               _pkio_hdb_set_sqlite_error   (GError      **error,
                                                 sqlite3      *db,
                                                 int           rc,
                                                 const char   *path);
gboolean           _pkio_hdb_exec               (PkioHistoryDb *self,
                                                 const char    *sql,
                                                 GError       **error);
sqlite3_stmt      *_pkio_hdb_prepare            (PkioHistoryDb *self,
                                                 const char    *sql,
                                                 GError       **error);
/* A reset statement owned by @self: do not finalize it. */
sqlite3_stmt      *_pkio_hdb_cached             (PkioHistoryDb *self,
                                                 const char    *sql,
                                                 GError       **error);
gboolean           _pkio_hdb_begin              (PkioHistoryDb *self,
                                                 GError       **error);
gboolean           _pkio_hdb_commit_or_rollback (PkioHistoryDb *self,
                                                 gboolean       ok,
                                                 GError       **error);
/* The same for a transaction that told its caller which records it changed (@changed from
 * @first_changed on) and removed (@deleted, may be NULL): when it did not commit, none of that
 * happened, so they are taken back. */
gboolean           _pkio_hdb_commit_or_take_back (PkioHistoryDb *self,
                                                  gboolean       ok,
                                                  GPtrArray     *changed,
                                                  guint          first_changed,
                                                  GArray        *deleted,
                                                  GError       **error);
void               _pkio_hdb_bind_text_or_null  (sqlite3_stmt  *stmt,
                                                 int            index,
                                                 const char    *text);
void               _pkio_hdb_bind_id_or_null    (sqlite3_stmt  *stmt,
                                                 int            index,
                                                 gint64         value);
char              *_pkio_hdb_column_text        (sqlite3_stmt  *stmt,
                                                 int            column);
PkioHistoryRecord *_pkio_hdb_record_from_stmt   (sqlite3_stmt  *stmt);
/* Binds every column but id and request_json (never from a record), in RECORD_COLUMNS order,
 * from index 1; returns the next index. */
int                _pkio_hdb_bind_record        (sqlite3_stmt      *stmt,
                                                 PkioHistoryRecord *record);
/* Sets CertCentral's status of @record (NULL: left as it is); TRUE when it changed, and then
 * "status-changed" is @now. */
gboolean           _pkio_hdb_set_status         (PkioHistoryRecord *record,
                                                 const char        *status,
                                                 gint64             now);
/* Sets *@field to @value when it is empty and @value is not; TRUE when it did. */
gboolean           _pkio_hdb_fill_blank         (char              **field,
                                                 const char         *value);
/* An attempt for an existing individual (by id) names nobody: CertCentral's @order fills the
 * holder's name and email where the record has none; TRUE when it did. */
gboolean           _pkio_hdb_fill_holder        (PkioHistoryRecord     *record,
                                                 const PkioRemoteOrder *order);
gboolean           _pkio_hdb_step_done          (PkioHistoryDb *self,
                                                 sqlite3_stmt  *stmt,
                                                 GError       **error);
gboolean           _pkio_hdb_record_insert      (PkioHistoryDb     *self,
                                                 PkioHistoryRecord *record,
                                                 const char        *request_json,
                                                 gint64             owner_pid,
                                                 GError           **error);
gboolean           _pkio_hdb_record_update      (PkioHistoryDb     *self,
                                                 PkioHistoryRecord *record,
                                                 GError           **error);
/* NOT_FOUND error when no row has @value in @where_column. */
PkioHistoryRecord *_pkio_hdb_record_get         (PkioHistoryDb *self,
                                                 const char    *where_column,
                                                 gint64         value,
                                                 GError       **error);
/* Within a transaction: sets the outcome of record @local_id (see
 * _pkio_history_db_set_outcome) and, with @remote_status, CertCentral's status. A renewal that
 * is placed marks the order it replaces (appended to @also_changed). */
PkioHistoryRecord *_pkio_hdb_set_outcome        (PkioHistoryDb  *self,
                                                 gint64          local_id,
                                                 PkioRecordState state,
                                                 gint64          order_id,
                                                 gint64          certificate_id,
                                                 const char     *remote_status,
                                                 const char     *errors_json,
                                                 const char     *event_kind,
                                                 GArray         *deleted,
                                                 GPtrArray      *also_changed,
                                                 GError        **error);
/* Within a transaction (pkio-history-db-lifecycle.c): when @record, a renewal, has its order,
 * the order it replaces gets "replaced by" it (event "replaced"); that record is appended to
 * @changed. Nothing when @record replaces nothing, or the other order is not in the history. */
gboolean           _pkio_hdb_note_replacement   (PkioHistoryDb     *self,
                                                 PkioHistoryRecord *record,
                                                 GPtrArray         *changed,
                                                 GError           **error);
gboolean           _pkio_hdb_event_insert       (PkioHistoryDb *self,
                                                 gint64         local_id,
                                                 gint64         time,
                                                 const char    *kind,
                                                 const char    *detail,
                                                 GError       **error);

G_END_DECLS
