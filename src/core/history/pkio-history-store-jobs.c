/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-store-jobs.h"

/* The public async API of PkioHistoryStore: each call becomes a job for the worker thread
 * (the *_job functions below run there), and finishes on the main context once its changes
 * are in the model (see pkio-history-store.c). Here: opening, the journal and events; what a
 * sync uses is in pkio-history-store-sync-jobs.c. */

#define FIRST_BATCH 100
#define BATCH       1000

/* ---- worker side ---- */

typedef struct
{
  PkioHistoryWorker *worker;
  PkioHistoryJob    *job;   /* the open job, until the first rows go out with it */
} LoadState;

static gboolean
load_batch_cb (GPtrArray *batch,
               gpointer   user_data)
{
  LoadState *state = user_data;

  _pkio_history_worker_deliver (state->worker, batch, g_steal_pointer (&state->job), FALSE);
  return !_pkio_history_worker_is_quitting (state->worker);
}

static void
open_job (PkioHistoryWorker *worker,
          PkioHistoryJob    *job)
{
  gboolean was_open = _pkio_history_worker_get_db (worker, NULL) != NULL;
  g_autoptr(GPtrArray) interrupted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *last_sync = NULL;
  LoadState state = { worker, job };
  PkioHistoryDb *db;

  if (!_pkio_history_worker_open_db (worker, job))
    {
      _pkio_history_worker_deliver_job (worker, job);
      return;
    }
  db = _pkio_history_worker_get_db (worker, NULL);
  if (!_pkio_history_db_mark_interrupted (db, interrupted, &error))
    g_message ("Could not mark interrupted orders as unknown: %s", error->message);
  g_clear_error (&error);
  last_sync = _pkio_history_db_meta_get (db, "last_sync");
  job->result_int = last_sync ? g_ascii_strtoll (last_sync, NULL, 10) : 0;
  g_free (last_sync);
  last_sync = _pkio_history_db_meta_get (db, "full_list_due");
  job->full_list_due = last_sync != NULL;
  if (was_open)
    {
      _pkio_history_worker_deliver_job (worker, job);
      return;
    }

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      if (_pkio_history_db_load (db, FIRST_BATCH, BATCH, load_batch_cb, &state, &error))
        break;
      /* Damage found before anything was shown: move it aside like a damaged header. */
      if (state.job != NULL && attempt == 0 && _pkio_history_db_error_is_corrupt (error)
          && _pkio_history_db_recover (db, &state.job->moved_to, NULL))
        {
          g_clear_error (&error);
          state.job->result_int = 0;
          continue;
        }
      if (state.job != NULL)
        state.job->error = g_steal_pointer (&error);
      else
        g_message ("Could not load every order of the history: %s", error->message);
      break;
    }
  if (state.job != NULL)
    _pkio_history_worker_deliver_job (worker, g_steal_pointer (&state.job));
  _pkio_history_worker_deliver (worker, NULL, NULL, TRUE);
}

static void
noop_job (PkioHistoryWorker *worker,
          PkioHistoryJob    *job)
{
  _pkio_history_worker_deliver_job (worker, job);
}

static void
journal_begin_job (PkioHistoryWorker *worker,
                   PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);
  PkioHistoryRecord *record;

  if (db != NULL && (record = _pkio_history_db_journal_begin (db, job->entry, &job->error)))
    {
      job->result_int = record->local_id;
      g_ptr_array_add (job->changed, record);
    }
  _pkio_history_worker_deliver_job (worker, job);
}

static void
mark_job (PkioHistoryWorker *worker,
          PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);
  PkioHistoryRecord *record;

  if (db != NULL
      && (record = _pkio_history_db_set_outcome (db, job->local_id, job->state, job->order_id,
                                                 job->certificate_id, job->text, job->text2,
                                                 job->deleted, job->changed, &job->error)))
    g_ptr_array_add (job->changed, record);
  _pkio_history_worker_deliver_job (worker, job);
}

static void
add_event_job (PkioHistoryWorker *worker,
               PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    _pkio_history_db_add_event (db, job->local_id, job->text, job->text2, &job->error);
  _pkio_history_worker_deliver_job (worker, job);
}

static void
timeline_job (PkioHistoryWorker *worker,
              PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    job->result = _pkio_history_db_get_events (db, job->local_id, &job->error);
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  _pkio_history_worker_deliver_job (worker, job);
}

static void
read_request_job (PkioHistoryWorker *worker,
                  PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    job->result = _pkio_history_db_read_request (db, job->local_id, &job->error);
  job->result_free = g_free;
  _pkio_history_worker_deliver_job (worker, job);
}

static void
cap_job (PkioHistoryWorker *worker,
         PkioHistoryJob    *job)
{
  PkioHistoryDb *db = _pkio_history_worker_get_db (worker, &job->error);

  if (db != NULL)
    _pkio_history_db_cap_size (db, job->state != 0, &job->error);
  _pkio_history_worker_deliver_job (worker, job);
}

/* ---- main side ---- */

PkioHistoryJob *
_pkio_history_store_new_job (PkioHistoryStore     *self,
                             PkioHistoryJobFunc    func,
                             gpointer              source_tag,
                             PkioHistoryResultKind kind,
                             GCancellable         *cancellable,
                             gboolean              cancel_result,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  GTask *task = g_task_new (self, cancel_result ? cancellable : NULL, callback, user_data);
  PkioHistoryJob *job;

  g_task_set_source_tag (task, source_tag);
  job = _pkio_history_job_new (func, task);
  job->kind = kind;
  if (cancellable != NULL)
    job->cancellable = g_object_ref (cancellable);
  return job;
}

void
_pkio_history_store_queue_job (PkioHistoryStore *self,
                               PkioHistoryJob   *job)
{
  _pkio_history_worker_queue (_pkio_history_store_get_worker (self), job);
}

gboolean
_pkio_history_store_finish_boolean (PkioHistoryStore *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pkio_history_store_open_async (PkioHistoryStore    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));

  job = _pkio_history_store_new_job (self, open_job, pkio_history_store_open_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, cancellable, FALSE, callback,
                                     user_data);
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_open_finish (PkioHistoryStore *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_ensure_loaded_async (PkioHistoryStore    *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));

  job = _pkio_history_store_new_job (self, noop_job, pkio_history_store_ensure_loaded_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, cancellable, TRUE, callback,
                                     user_data);
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_ensure_loaded_finish (PkioHistoryStore *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_journal_begin_async (PkioHistoryStore    *self,
                                        const char          *account,
                                        const char          *request_json,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  pkio_history_store_journal_begin_full_async (self, account, request_json, 0, NULL, cancellable,
                                               callback, user_data);
}

void
pkio_history_store_journal_begin_renewal_async (PkioHistoryStore    *self,
                                                const char          *account,
                                                const char          *request_json,
                                                gint64               replaces_order_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  pkio_history_store_journal_begin_full_async (self, account, request_json, replaces_order_id,
                                               NULL, cancellable, callback, user_data);
}

void
pkio_history_store_journal_begin_full_async (PkioHistoryStore          *self,
                                             const char                *account,
                                             const char                *request_json,
                                             gint64                     replaces_order_id,
                                             const PkioHistoryBatchTag *batch,
                                             GCancellable              *cancellable,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (request_json != NULL);
  g_return_if_fail (batch == NULL || (batch->batch_key != NULL && batch->row_key != NULL));

  /* Either begin finishes with pkio_history_store_journal_begin_finish (). */
  job = _pkio_history_store_new_job (self, journal_begin_job,
                                     pkio_history_store_journal_begin_async,
                                     PKIO_HISTORY_RESULT_RECORD, cancellable, FALSE, callback,
                                     user_data);
  job->entry = _pkio_journal_entry_from_json (account, request_json);
  job->entry->replaces_order_id = MAX (replaces_order_id, 0);
  if (batch != NULL)
    {
      job->entry->batch_key = g_strdup (batch->batch_key);
      job->entry->batch_row = g_strdup (batch->row_key);
      job->entry->batch_file = g_strdup (batch->file_name);
    }
  _pkio_history_store_queue_job (self, job);
}

PkioHistoryRecord *
pkio_history_store_journal_begin_finish (PkioHistoryStore *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
queue_mark (PkioHistoryStore    *self,
            PkioHistoryRecord   *record,
            PkioRecordState      state,
            gint64               order_id,
            gint64               certificate_id,
            const char          *errors_json,
            const char          *event_kind,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  PkioHistoryJob *job = _pkio_history_store_new_job (self, mark_job,
                                                     pkio_history_store_journal_mark_finish,
                                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE,
                                                     callback, user_data);

  job->local_id = pkio_history_record_get_local_id (record);
  job->state = state;
  job->order_id = order_id;
  job->certificate_id = certificate_id;
  job->text = g_strdup (errors_json);
  job->text2 = g_strdup (event_kind);
  _pkio_history_store_queue_job (self, job);
}

void
pkio_history_store_journal_mark_placed_async (PkioHistoryStore    *self,
                                              PkioHistoryRecord   *record,
                                              gint64               order_id,
                                              gint64               certificate_id,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));
  g_return_if_fail (order_id > 0);

  queue_mark (self, record, PKIO_RECORD_STATE_PLACED, order_id, certificate_id, NULL, "placed",
              callback, user_data);
}

void
pkio_history_store_journal_mark_rejected_async (PkioHistoryStore    *self,
                                                PkioHistoryRecord   *record,
                                                const char          *errors_json,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  queue_mark (self, record, PKIO_RECORD_STATE_REJECTED, 0, 0, errors_json ? errors_json : "[]",
              "rejected", callback, user_data);
}

void
pkio_history_store_journal_mark_unknown_async (PkioHistoryStore    *self,
                                               PkioHistoryRecord   *record,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  queue_mark (self, record, PKIO_RECORD_STATE_UNKNOWN, 0, 0, NULL, "unknown",
              callback, user_data);
}

gboolean
pkio_history_store_journal_mark_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_add_event_async (PkioHistoryStore    *self,
                                    PkioHistoryRecord   *record,
                                    const char          *kind,
                                    const char          *detail,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));
  g_return_if_fail (kind != NULL);

  job = _pkio_history_store_new_job (self, add_event_job, pkio_history_store_add_event_async,
                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE, callback, user_data);
  job->local_id = pkio_history_record_get_local_id (record);
  job->text = g_strdup (kind);
  job->text2 = g_strdup (detail);
  _pkio_history_store_queue_job (self, job);
}

gboolean
pkio_history_store_add_event_finish (PkioHistoryStore *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}

void
pkio_history_store_get_timeline_async (PkioHistoryStore    *self,
                                       PkioHistoryRecord   *record,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  job = _pkio_history_store_new_job (self, timeline_job, pkio_history_store_get_timeline_async,
                                     PKIO_HISTORY_RESULT_POINTER, cancellable, TRUE, callback,
                                     user_data);
  job->local_id = pkio_history_record_get_local_id (record);
  _pkio_history_store_queue_job (self, job);
}

GPtrArray *
pkio_history_store_get_timeline_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pkio_history_store_read_request_async (PkioHistoryStore    *self,
                                       PkioHistoryRecord   *record,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkioHistoryJob *job;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  job = _pkio_history_store_new_job (self, read_request_job,
                                     pkio_history_store_read_request_async,
                                     PKIO_HISTORY_RESULT_POINTER, cancellable, TRUE, callback,
                                     user_data);
  job->local_id = pkio_history_record_get_local_id (record);
  _pkio_history_store_queue_job (self, job);
}

char *
pkio_history_store_read_request_finish (PkioHistoryStore *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_pkio_history_store_simulate_full_disk_async (PkioHistoryStore    *self,
                                              gboolean             full,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  PkioHistoryJob *job = _pkio_history_store_new_job (self, cap_job,
                                                     _pkio_history_store_simulate_full_disk_async,
                                                     PKIO_HISTORY_RESULT_BOOLEAN, NULL, FALSE,
                                                     callback, user_data);

  job->state = full ? 1 : 0;
  _pkio_history_store_queue_job (self, job);
}

gboolean
_pkio_history_store_simulate_full_disk_finish (PkioHistoryStore *self,
                                               GAsyncResult     *result,
                                               GError          **error)
{
  return _pkio_history_store_finish_boolean (self, result, error);
}
