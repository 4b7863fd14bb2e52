/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-rate-limiter.h"

/* A sliding window log: the start time of every request of the longest window is kept (at most
 * long_limit entries), so both windows are exact, not approximated by fixed buckets. */
struct _PkioRateLimiter
{
  GObject               parent_instance;

  guint                 short_limit;
  gint64                short_window_us;
  guint                 long_limit;
  gint64                long_window_us;

  GQueue                stamps;        /* gint64 * (boxed as pointers), oldest first */
  GQueue                waiters;       /* Waiter *, FIFO */
  GSource              *timer;
  guint64               n_granted;

  PkioRateLimiterClock  clock;
  gpointer              clock_data;
};

typedef struct
{
  PkioRateLimiter *self;
  GTask           *task;
  GSource         *cancel_source;
} Waiter;

G_DEFINE_FINAL_TYPE (PkioRateLimiter, pkio_rate_limiter, G_TYPE_OBJECT)

static void schedule (PkioRateLimiter *self);

static gint64
now_us (PkioRateLimiter *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_monotonic_time ();
}

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
stamps_clear (PkioRateLimiter *self)
{
  g_queue_foreach (&self->stamps, (GFunc) g_free, NULL);
  g_queue_clear (&self->stamps);
}

static void
pkio_rate_limiter_dispose (GObject *object)
{
  PkioRateLimiter *self = PKIO_RATE_LIMITER (object);
  Waiter *waiter;

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  /* Waiters hold a reference on us through their task source object, so this only runs once
   * there are none; be safe anyway. */
  while ((waiter = g_queue_pop_head (&self->waiters)) != NULL)
    {
      g_task_return_new_error (waiter->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Rate limiter disposed");
      waiter_free (waiter);
    }
  stamps_clear (self);

  G_OBJECT_CLASS (pkio_rate_limiter_parent_class)->dispose (object);
}

static void
pkio_rate_limiter_class_init (PkioRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pkio_rate_limiter_dispose;
}

static void
pkio_rate_limiter_init (PkioRateLimiter *self)
{
  g_queue_init (&self->stamps);
  g_queue_init (&self->waiters);
}

PkioRateLimiter *
pkio_rate_limiter_new_full (guint short_limit,
                            guint short_window_ms,
                            guint long_limit,
                            guint long_window_ms)
{
  PkioRateLimiter *self;

  g_return_val_if_fail (short_limit > 0 && long_limit > 0, NULL);

  self = g_object_new (PKIO_TYPE_RATE_LIMITER, NULL);
  self->short_limit = short_limit;
  self->short_window_us = (gint64) short_window_ms * 1000;
  self->long_limit = long_limit;
  self->long_window_us = (gint64) long_window_ms * 1000;
  return self;
}

PkioRateLimiter *
pkio_rate_limiter_new (void)
{
  return pkio_rate_limiter_new_full (PKIO_RATE_LIMITER_SHORT_LIMIT,
                                     PKIO_RATE_LIMITER_SHORT_WINDOW_MS,
                                     PKIO_RATE_LIMITER_LONG_LIMIT,
                                     PKIO_RATE_LIMITER_LONG_WINDOW_MS);
}

PkioRateLimiter *
pkio_rate_limiter_get_default (void)
{
  static PkioRateLimiter *limiter;

  if (g_once_init_enter (&limiter))
    g_once_init_leave (&limiter, pkio_rate_limiter_new ());
  return limiter;
}

void
pkio_rate_limiter_set_clock (PkioRateLimiter      *self,
                             PkioRateLimiterClock  clock,
                             gpointer              user_data)
{
  g_return_if_fail (PKIO_IS_RATE_LIMITER (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/* µs until a slot is free at @now, 0 when one is free. */
static gint64
wait_needed (PkioRateLimiter *self,
             gint64           now)
{
  gint64 *stamp;
  guint len;
  gint64 wait = 0;
  gint64 window = MAX (self->short_window_us, self->long_window_us);

  while ((stamp = g_queue_peek_head (&self->stamps)) != NULL && *stamp <= now - window)
    g_free (g_queue_pop_head (&self->stamps));

  len = g_queue_get_length (&self->stamps);
  if (len >= self->short_limit)
    {
      /* The request that must leave the short window before one more fits. */
      gint64 *oldest = g_queue_peek_nth (&self->stamps, len - self->short_limit);
      wait = MAX (wait, *oldest + self->short_window_us - now);
    }
  if (len >= self->long_limit)
    {
      gint64 *oldest = g_queue_peek_nth (&self->stamps, len - self->long_limit);
      wait = MAX (wait, *oldest + self->long_window_us - now);
    }
  return MAX (wait, 0);
}

static void
take_slot (PkioRateLimiter *self,
           gint64           now)
{
  gint64 *stamp = g_new (gint64, 1);

  *stamp = now;
  g_queue_push_tail (&self->stamps, stamp);
  self->n_granted++;
}

gint64
pkio_rate_limiter_try_acquire (PkioRateLimiter *self)
{
  gint64 now;
  gint64 wait;

  g_return_val_if_fail (PKIO_IS_RATE_LIMITER (self), 0);

  now = now_us (self);
  wait = wait_needed (self, now);
  if (wait == 0 && g_queue_is_empty (&self->waiters))
    {
      take_slot (self, now);
      return 0;
    }
  return MAX (wait, 1);
}

/* Grants waiters in order while slots are free; returns µs until the next check. */
static gint64
grant_waiters (PkioRateLimiter *self)
{
  Waiter *waiter;

  while ((waiter = g_queue_peek_head (&self->waiters)) != NULL)
    {
      gint64 now = now_us (self);
      gint64 wait = wait_needed (self, now);

      if (wait > 0)
        return wait;
      take_slot (self, now);
      g_queue_pop_head (&self->waiters);
      g_task_return_boolean (waiter->task, TRUE);
      waiter_free (waiter);
    }
  return 0;
}

static gboolean
timer_cb (gpointer user_data)
{
  PkioRateLimiter *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  grant_waiters (self);
  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (PkioRateLimiter *self)
{
  gint64 wait;
  guint wait_ms;

  if (self->timer != NULL || g_queue_is_empty (&self->waiters))
    return;
  wait = grant_waiters (self);
  if (g_queue_is_empty (&self->waiters))
    return;
  /* Round up so the slot really is free when the timer fires. */
  wait_ms = (guint) MIN ((wait + 999) / 1000, (gint64) G_MAXUINT);
  self->timer = g_timeout_source_new (MAX (wait_ms, 1));
  g_source_set_name (self->timer, "[pkio] rate limiter");
  g_source_set_callback (self->timer, timer_cb, self, NULL);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  PkioRateLimiter *self = waiter->self;

  g_queue_remove (&self->waiters, waiter);
  g_task_return_new_error (waiter->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "Operation was cancelled");
  waiter_free (waiter);
  if (g_queue_is_empty (&self->waiters) && self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  return G_SOURCE_REMOVE;
}

void
pkio_rate_limiter_acquire_async (PkioRateLimiter     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (PKIO_IS_RATE_LIMITER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_rate_limiter_acquire_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (pkio_rate_limiter_try_acquire (self) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, g_main_context_get_thread_default ());
    }
  g_queue_push_tail (&self->waiters, waiter);
  schedule (self);
}

gboolean
pkio_rate_limiter_acquire_finish (PkioRateLimiter  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
pkio_rate_limiter_get_n_waiting (PkioRateLimiter *self)
{
  g_return_val_if_fail (PKIO_IS_RATE_LIMITER (self), 0);

  return g_queue_get_length (&self->waiters);
}

guint64
pkio_rate_limiter_get_n_granted (PkioRateLimiter *self)
{
  g_return_val_if_fail (PKIO_IS_RATE_LIMITER (self), 0);

  return self->n_granted;
}
