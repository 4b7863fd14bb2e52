/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-store-jobs.h"

/* The part of PkioHistoryStore's async API that a sync with CertCentral uses: merging what
 * it lists, status changes, the last sync time, and the records it still has to look at.
 * Jobs are made and queued as in pkio-history-store-jobs.c. */

/* ---- worker side ---- */

static void
merge_job (PkioHistoryWorker *worker,
           PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL
      && _pkio_history_db_merge_remote (db, job->remote, job->origin, job->changed, &job->error))
    job->result_int = job->changed->len;
  _pkio_history_worker_deliver_job (worker, job);
}

static void
update_status_job (PkioHistoryWorker *worker,
                   PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);
  PkioHistoryRecord *record;

  if (db != NULL
      && (record = _pkio_history_db_update_status (db, job->order_id, job->text, job->text2,
                                                   &job->error)))
    g_ptr_array_add (job->changed, record);
  _pkio_history_worker_deliver_job (worker, job);
}

static void
last_sync_job (PkioHistoryWorker *worker,
               PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  /* A sync that got this far listed every order if one was due (pkio-history-sync.c). */
  if (db != NULL && _pkio_history_db_meta_set (db, "last_sync", job->text, &job->error))
    _pkio_history_db_meta_set (db, "full_list_due", NULL, &job->error);
  _pkio_history_worker_deliver_job (worker, job);
}

static void
list_unknown_job (PkioHistoryWorker *worker,
                  PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    job->result = _pkio_history_db_list_unknown (db, &job->error);
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  _pkio_history_worker_deliver_job (worker, job);
}

static void
list_in_progress_job (PkioHistoryWorker *worker,
                      PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    job->result = _pkio_history_db_list_in_progress (db, &job->error);
  job->result_free = (GDestroyNotify) g_array_unref;
  _pkio_history_worker_deliver_job (worker, job);
}

static void
apply_matches_job (PkioHistoryWorker *worker,
                   PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    _pkio_history_db_apply_matches (db, job->matches, job->changed, job->deleted, &job->error);
  _pkio_history_worker_deliver_job (worker, job);
}

static void
link_order_job (PkioHistoryWorker *worker,
                PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);
  PkioHistoryRecord *record;

  if (db != NULL
      && (record = _pkio_history_db_link_order (db, job->local_id,
                                                g_ptr_array_index (job->remote, 0),
                                                job->deleted, job->changed, &job->error)))
    g_ptr_array_add (job->changed, record);
  _pkio_history_worker_deliver_job (worker, job);
}

/* ---- main side ---- */

static GPtrArray *
copy_remote_orders (GPtrArray *orders)
{
  GPtrArray *copy = g_ptr_array_new_full (orders->len, (GDestroyNotify) pkio_remote_order_free);

  for (guint i = 0; i < orders->len; i++)
    if (g_ptr_array_index (orders, i) != NULL)
      g_ptr_array_add (copy, pkio_remote_order_copy (g_ptr_array_index (orders, i)));
  return copy;
}

static gint64
finish_int (PkioHistoryStore *self,
            GAsyncResult     *result,
            GError          **error)
{
  g_autofree gint64 *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  value = g_task_propagate_pointer (G_TASK (result), error);
  return value != NULL ? *value : -1;
}

void
pkio_history_store_merge_remote_async (PkioHistoryStore    *self,
                                       GPtrArray           *remote_orders,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (remote_orders != NULL);

  job = _pkio_history_store_new_job (self, merge_job, pkio_history_store_merge_remote_async,
                                     PKIO_HISTORY_RESULT_INT, cancellable, FALSE, callback,
                                     user_data);
  /* Copies: the caller's array may be changed or freed on the main thread meanwhile. */
  job->remote = copy_remote_orders (remote_orders);
  job->origin = PKIO_RECORD_ORIGIN_ELSEWHERE;
  _pkio_history_store_queue_job (self, job);
}

void
pkio_history_store_add_examples_async (PkioHistoryStore    *self,
                                       GPtrArray           *remote_orders,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (remote_orders != NULL);

  job = _pkio_history_store_new_job (self, merge_job, pkio_history_store_add_examples_async,
                                     PKIO_HISTORY_RESULT_INT, cancellable, FALSE, callback,
                                     user_data);
  job->remote = copy_remote_orders (remote_orders);
  job->origin = PKIO_RECORD_ORIGIN_EXAMPLE;
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_add_examples_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  return finish_int (self, result, error) >= 0;
}

gboolean
pkio_history_store_merge_remote_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        guint            *out_changed,
                                        GError          **error)
{
  gint64 changed = finish_int (self, result, error);

  if (out_changed != NULL)
    *out_changed = changed > 0 ? (guint) changed : 0;
  return changed >= 0;
}

void
pkio_history_store_update_status_async (PkioHistoryStore    *self,
                                        gint64               order_id,
                                        const char          *status,
                                        const char          *cancel_note,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (order_id > 0 && status != NULL);

  job = _pkio_history_store_new_job (self, update_status_job,
                                     pkio_history_store_update_status_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback, user_data);
  job->order_id = order_id;
  job->text = g_strdup (status);
  job->text2 = g_strdup (cancel_note);
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_update_status_finish (PkioHistoryStore *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_set_last_sync_async (PkioHistoryStore    *self,
                                        gint64               unix_time,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));

  job = _pkio_history_store_new_job (self, last_sync_job, pkio_history_store_set_last_sync_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback, user_data);
  job->result_int = unix_time;
  job->text = g_strdup_printf ("%" G_GINT64_FORMAT, unix_time);
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_set_last_sync_finish (PkioHistoryStore *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_list_unknown_async (PkioHistoryStore    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));

  job = _pkio_history_store_new_job (self, list_unknown_job, pkio_history_store_list_unknown_async,
                                     PKIO_HISTORY_RESULT_RECORDS, cancellable, TRUE, callback,
                                     user_data);
  _pkio_history_store_queue_job (self, job);
}

GPtrArray *
pkio_history_store_list_unknown_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pkio_history_store_list_in_progress_async (PkioHistoryStore    *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));

  job = _pkio_history_store_new_job (self, list_in_progress_job,
                                     pkio_history_store_list_in_progress_async,
                                     PKIO_HISTORY_RESULT_POINTER, cancellable, TRUE, callback,
                                     user_data);
  _pkio_history_store_queue_job (self, job);
}

GArray *
pkio_history_store_list_in_progress_finish (PkioHistoryStore *self,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static PkioMatchResult *
copy_match (const PkioMatchResult *result)
{
  PkioMatchResult *copy = g_new0 (PkioMatchResult, 1);

  copy->local_id = result->local_id;
  copy->outcome = result->outcome;
  if (result->order != NULL)
    copy->order = pkio_remote_order_copy (result->order);
  if (result->candidates != NULL)
    copy->candidates = copy_remote_orders (result->candidates);
  return copy;
}

void
pkio_history_store_apply_matches_async (PkioHistoryStore    *self,
                                        GPtrArray           *results,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (results != NULL);

  job = _pkio_history_store_new_job (self, apply_matches_job,
                                     pkio_history_store_apply_matches_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback, user_data);
  job->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_match_result_free);
  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (job->matches, copy_match (g_ptr_array_index (results, i)));
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_apply_matches_finish (PkioHistoryStore *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_link_order_async (PkioHistoryStore      *self,
                                     PkioHistoryRecord     *record,
                                     const PkioRemoteOrder *order,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));
  g_return_if_fail (order != NULL && order->order_id > 0);

  job = _pkio_history_store_new_job (self, link_order_job, pkio_history_store_link_order_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback, user_data);
  job->local_id = pkio_history_record_get_local_id (record);
  job->remote = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_ptr_array_add (job->remote, pkio_remote_order_copy (order));
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_link_order_finish (PkioHistoryStore *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}
