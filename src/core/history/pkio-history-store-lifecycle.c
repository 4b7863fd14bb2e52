/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-store-jobs.h"

/* The part of PkioHistoryStore's async API about a certificate after its order: which ones the
 * person is to be warned about, and that they were. Jobs are made and queued as in
 * pkio-history-store-jobs.c. */

/* ---- worker side ---- */

static void
mark_warned_job (PkioHistoryWorker *worker,
                 PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    _pkio_history_db_mark_warned (db, job->local_ids, job->changed, &job->error);
  _pkio_history_worker_deliver_job (worker, job);
}

static void
revoke_begin_job (PkioHistoryWorker *worker,
                  PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);
  PkioHistoryRecord *record;

  if (db != NULL
      && (record = _pkio_history_db_revoke_begin (db, job->local_id, job->text, job->text2,
                                                  job->text3, &job->error)))
    {
      job->result_int = record->local_id;
      g_ptr_array_add (job->changed, record);
    }
  _pkio_history_worker_deliver_job (worker, job);
}

static void
revoke_mark_job (PkioHistoryWorker *worker,
                 PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);
  PkioHistoryRecord *record;

  if (db != NULL
      && (record = _pkio_history_db_revoke_set (db, job->local_id, job->revoke_state,
                                                job->order_id, job->text, job->text2,
                                                &job->error)))
    g_ptr_array_add (job->changed, record);
  _pkio_history_worker_deliver_job (worker, job);
}

/* ---- main side ---- */

GPtrArray *
pkio_history_store_list_due_warnings (PkioHistoryStore       *self,
                                      const PkioExpiryWindow *window)
{
  GPtrArray *due = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), due);
  g_return_val_if_fail (window != NULL, due);

  n = g_list_model_get_n_items (G_LIST_MODEL (self));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (self), i);

      if (pkio_history_record_needs_expiry_warning (record, window))
        g_ptr_array_add (due, g_steal_pointer (&record));
    }
  return due;
}

void
pkio_history_store_mark_warned_async (PkioHistoryStore    *self,
                                      GPtrArray           *records,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (records != NULL);

  job = _pkio_history_store_new_job (self, mark_warned_job, pkio_history_store_mark_warned_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback,
                                     user_data);
  job->local_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), records->len);
  for (guint i = 0; i < records->len; i++)
    {
      gint64 id = pkio_history_record_get_local_id (g_ptr_array_index (records, i));

      g_array_append_val (job->local_ids, id);
    }
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_mark_warned_finish (PkioHistoryStore *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_revoke_begin_async (PkioHistoryStore    *self,
                                       PkioHistoryRecord   *record,
                                       const char          *reason,
                                       const char          *requester,
                                       const char          *asked_json,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  job = _pkio_history_store_new_job (self, revoke_begin_job,
                                     pkio_history_store_revoke_begin_async,
                                     PKIO_HISTORY_RESULT_RECORD, NULL, FALSE, callback,
                                     user_data);
  job->local_id = pkio_history_record_get_local_id (record);
  job->text = g_strdup (reason);
  job->text2 = g_strdup (requester);
  job->text3 = g_strdup (asked_json);
  _pkio_history_store_queue_job (self, job);
}

PkioHistoryRecord *
pkio_history_store_revoke_begin_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pkio_history_store_revoke_mark_async (PkioHistoryStore    *self,
                                      PkioHistoryRecord   *record,
                                      PkioRevokeState      state,
                                      gint64               request_id,
                                      const char          *event_kind,
                                      const char          *detail,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  job = _pkio_history_store_new_job (self, revoke_mark_job, pkio_history_store_revoke_mark_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback,
                                     user_data);
  job->local_id = pkio_history_record_get_local_id (record);
  job->revoke_state = state;
  job->order_id = request_id;
  job->text = g_strdup (event_kind);
  job->text2 = g_strdup (detail);
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_revoke_mark_finish (PkioHistoryStore *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}
