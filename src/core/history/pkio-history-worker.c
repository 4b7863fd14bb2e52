/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-worker.h"

/* One main-loop iteration applies at most this much, so a sync of 10,000 orders never holds
 * the main loop for a whole frame. Then the rest waits behind the window's frames, but never
 * longer than APPLY_YIELD_MAX_MS. */
#define APPLY_BUDGET_ITEMS 500
#define APPLY_BUDGET_US    (6 * 1000)
#define APPLY_YIELD_MAX_MS 16

struct _PkioHistoryWorker
{
  /* set at creation, then read-only */
  char                 *path;
  GMainContext         *context;
  PkioHistoryApplyFunc  apply;
  PkioHistoryFlushFunc  flush;
  GThread              *thread;
  GAsyncQueue          *jobs;

  /* worker thread only */
  PkioHistoryDb        *db;
  GError               *open_error;

  /* under mutex */
  GMutex                mutex;
  GQueue                incoming;
  GSource              *source;
  GSource              *yield_limit;  /* raises a yielding source's priority in time */
  GObject              *owner;      /* NULL once shut down */

  /* main context only */
  GQueue                pending;
  gint                  quitting;   /* atomic */
};

static PkioHistoryJob quit_job;

static gboolean dispatch_cb (gpointer data);
static void     worker_unref (gpointer data);

static void
clear_yield_limit_locked (PkioHistoryWorker *self)
{
  if (self->yield_limit != NULL)
    {
      g_source_destroy (self->yield_limit);
      g_clear_pointer (&self->yield_limit, g_source_unref);
    }
}

static gboolean
yield_limit_cb (gpointer data)
{
  PkioHistoryWorker *self = data;

  g_mutex_lock (&self->mutex);
  if (self->source != NULL)
    g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
  g_clear_pointer (&self->yield_limit, g_source_unref);
  g_mutex_unlock (&self->mutex);
  return G_SOURCE_REMOVE;
}

/* Results come back at the priority a GTask's would. Not at the idle priority alone: a window
 * that redraws all the time (a spinner on a busy machine) would hold them back for good, and
 * with them an order that waits for its journal entry. The rest of a big batch @yields: it
 * waits at the idle priority, so a frame that is due is drawn first, and it costs nothing when
 * there is none; after APPLY_YIELD_MAX_MS it goes on at the default priority regardless. */
static void
attach_dispatch_locked (PkioHistoryWorker *self,
                        gboolean           yield)
{
  self->source = g_idle_source_new ();
  g_source_set_priority (self->source, yield ? G_PRIORITY_DEFAULT_IDLE : G_PRIORITY_DEFAULT);
  g_source_set_static_name (self->source, "[pkio-history] apply");
  g_source_set_callback (self->source, dispatch_cb, g_atomic_rc_box_acquire (self),
                         worker_unref);
  g_source_attach (self->source, self->context);
  if (yield && self->yield_limit == NULL)
    {
      self->yield_limit = g_timeout_source_new (APPLY_YIELD_MAX_MS);
      g_source_set_static_name (self->yield_limit, "[pkio-history] apply: yield limit");
      g_source_set_callback (self->yield_limit, yield_limit_cb, g_atomic_rc_box_acquire (self),
                             worker_unref);
      g_source_attach (self->yield_limit, self->context);
    }
}

PkioHistoryJob *
_pkio_history_job_new (PkioHistoryJobFunc func,
                       GTask             *task)
{
  PkioHistoryJob *job = g_new0 (PkioHistoryJob, 1);

  job->func = func;
  job->task = task;
  job->changed = g_ptr_array_new_with_free_func (g_object_unref);
  job->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  return job;
}

void
_pkio_history_job_free (PkioHistoryJob *job)
{
  if (job == NULL)
    return;
  g_clear_object (&job->task);
  g_clear_object (&job->cancellable);
  g_free (job->text);
  g_free (job->text2);
  g_free (job->text3);
  g_clear_pointer (&job->entry, _pkio_journal_entry_free);
  g_clear_pointer (&job->remote, g_ptr_array_unref);
  g_clear_pointer (&job->matches, g_ptr_array_unref);
  g_clear_pointer (&job->local_ids, g_array_unref);
  g_clear_pointer (&job->changed, g_ptr_array_unref);
  g_clear_pointer (&job->deleted, g_array_unref);
  g_clear_error (&job->error);
  if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  g_free (job->moved_to);
  g_free (job);
}

void
_pkio_history_delivery_free (PkioHistoryDelivery *delivery)
{
  if (delivery == NULL)
    return;
  g_clear_pointer (&delivery->changed, g_ptr_array_unref);
  g_clear_pointer (&delivery->deleted, g_array_unref);
  g_clear_pointer (&delivery->job, _pkio_history_job_free);
  g_free (delivery);
}

static void
worker_clear (gpointer data)
{
  PkioHistoryWorker *self = data;

  /* Last reference: the thread has been joined by shutdown. */
  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->open_error);
  g_free (self->path);
  g_mutex_clear (&self->mutex);
}

static void
worker_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, worker_clear);
}

static gpointer
worker_main (gpointer data)
{
  PkioHistoryWorker *self = data;

  for (;;)
    {
      PkioHistoryJob *job = g_async_queue_pop (self->jobs);

      if (job == &quit_job)
        break;
      if (job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable))
        {
          g_cancellable_set_error_if_cancelled (job->cancellable, &job->error);
          _pkio_history_worker_deliver_job (self, job);
          continue;
        }
      job->func (self, job);
    }
  g_clear_pointer (&self->db, _pkio_history_db_close);
  worker_unref (self);
  return NULL;
}

PkioHistoryWorker *
_pkio_history_worker_new (const char          *path,
                          PkioHistoryApplyFunc apply,
                          PkioHistoryFlushFunc flush,
                          gpointer             owner)
{
  PkioHistoryWorker *self = g_atomic_rc_box_new0 (PkioHistoryWorker);

  self->path = g_strdup (path);
  self->context = g_main_context_ref_thread_default ();
  self->apply = apply;
  self->flush = flush;
  self->owner = owner;
  self->jobs = g_async_queue_new ();
  g_mutex_init (&self->mutex);
  g_queue_init (&self->incoming);
  g_queue_init (&self->pending);
  self->thread = g_thread_new ("pkio-history", worker_main, g_atomic_rc_box_acquire (self));
  return self;
}

static void
drop_deliveries (GQueue *queue)
{
  PkioHistoryDelivery *delivery;

  while ((delivery = g_queue_pop_head (queue)) != NULL)
    _pkio_history_delivery_free (delivery);
}

void
_pkio_history_worker_shutdown (PkioHistoryWorker *self)
{
  g_mutex_lock (&self->mutex);
  self->owner = NULL;
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  clear_yield_limit_locked (self);
  drop_deliveries (&self->incoming);
  g_mutex_unlock (&self->mutex);

  g_atomic_int_set (&self->quitting, TRUE);
  g_async_queue_push (self->jobs, &quit_job);
  g_thread_join (g_steal_pointer (&self->thread));
  drop_deliveries (&self->pending);
  /* Jobs that never ran (their tasks kept the owner alive, so these have none). */
  {
    PkioHistoryJob *job;

    while ((job = g_async_queue_try_pop (self->jobs)) != NULL)
      _pkio_history_job_free (job);
  }
  worker_unref (self);
}

void
_pkio_history_worker_queue (PkioHistoryWorker *self,
                            PkioHistoryJob    *job)
{
  g_async_queue_push (self->jobs, job);
}

gboolean
_pkio_history_worker_is_quitting (PkioHistoryWorker *self)
{
  return g_atomic_int_get (&self->quitting);
}

const char *
_pkio_history_worker_get_path (PkioHistoryWorker *self)
{
  return self->path;
}

gboolean
_pkio_history_worker_open_db (PkioHistoryWorker *self,
                              PkioHistoryJob    *job)
{
  if (self->db != NULL)
    return TRUE;
  g_clear_error (&self->open_error);
  self->db = _pkio_history_db_open (self->path, &job->moved_to, &self->open_error);
  if (self->db == NULL)
    {
      job->error = g_error_copy (self->open_error);
      return FALSE;
    }
  return TRUE;
}

PkioHistoryDb *
_pkio_history_worker_get_db (PkioHistoryWorker *self,
                             GError           **error)
{
  if (self->db != NULL)
    return self->db;
  if (self->open_error != NULL)
    g_set_error (error, PKIO_HISTORY_ERROR, self->open_error->code, "%s",
                 self->open_error->message);
  else
    g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_OPEN,
                 _("The order history is not open yet."));
  return NULL;
}

static gboolean
dispatch_cb (gpointer data)
{
  PkioHistoryWorker *self = data;
  gint64 deadline = g_get_monotonic_time () + APPLY_BUDGET_US;
  guint budget = APPLY_BUDGET_ITEMS;
  PkioHistoryDelivery *delivery;
  GObject *owner;

  g_mutex_lock (&self->mutex);
  clear_yield_limit_locked (self);
  while ((delivery = g_queue_pop_head (&self->incoming)) != NULL)
    g_queue_push_tail (&self->pending, delivery);
  if (g_queue_is_empty (&self->pending) || self->owner == NULL)
    {
      g_clear_pointer (&self->source, g_source_unref);
      g_mutex_unlock (&self->mutex);
      return G_SOURCE_REMOVE;
    }
  /* A finished task's callback may drop the last reference to the owner. */
  owner = g_object_ref (self->owner);
  g_mutex_unlock (&self->mutex);

  while ((delivery = g_queue_peek_head (&self->pending)) != NULL)
    {
      if (!self->apply (delivery, deadline, &budget, owner))
        break;
      g_queue_pop_head (&self->pending);
      _pkio_history_delivery_free (delivery);
      if (self->owner == NULL)
        break;
    }
  if (self->owner != NULL)
    self->flush (owner);
  g_object_unref (owner);
  if (self->owner == NULL || g_queue_is_empty (&self->pending))
    return G_SOURCE_CONTINUE;   /* the next round finds nothing and removes the source */

  /* The budget ran out: yield to the window, and take what arrives meanwhile along. */
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->source, g_source_unref);
  if (self->owner != NULL)
    attach_dispatch_locked (self, TRUE);
  g_mutex_unlock (&self->mutex);
  return G_SOURCE_REMOVE;
}

void
_pkio_history_worker_deliver (PkioHistoryWorker *self,
                              GPtrArray         *changed,
                              PkioHistoryJob    *job,
                              gboolean           marks_loaded)
{
  PkioHistoryDelivery *delivery = g_new0 (PkioHistoryDelivery, 1);

  delivery->changed = changed;
  delivery->job = job;
  delivery->marks_loaded = marks_loaded;
  if (job != NULL)
    {
      delivery->deleted = g_steal_pointer (&job->deleted);
      if (delivery->changed == NULL)
        delivery->changed = g_steal_pointer (&job->changed);
    }

  g_mutex_lock (&self->mutex);
  if (self->owner == NULL)
    {
      g_mutex_unlock (&self->mutex);
      _pkio_history_delivery_free (delivery);
      return;
    }
  g_queue_push_tail (&self->incoming, delivery);
  if (self->source == NULL)
    attach_dispatch_locked (self, FALSE);
  g_mutex_unlock (&self->mutex);
}

void
_pkio_history_worker_deliver_job (PkioHistoryWorker *self,
                                  PkioHistoryJob    *job)
{
  _pkio_history_worker_deliver (self, NULL, job, FALSE);
}
