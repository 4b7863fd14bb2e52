/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-rate-limiter.h"

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
test_windows (void)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new ();

  pkio_rate_limiter_set_clock (limiter, fake_clock, NULL);
  fake_now = 1000 * G_USEC_PER_SEC;

  /* 95 per 5 s */
  for (guint i = 0; i < PKIO_RATE_LIMITER_SHORT_LIMIT; i++)
    g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 5 * G_USEC_PER_SEC);
  fake_now += 5 * G_USEC_PER_SEC - 1;
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 1);
  fake_now += 1;
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);

  /* Fill the 3-minute window: 950 in all, spread so the short window never blocks. */
  for (guint i = PKIO_RATE_LIMITER_SHORT_LIMIT + 1; i < PKIO_RATE_LIMITER_LONG_LIMIT; i++)
    {
      if (i % PKIO_RATE_LIMITER_SHORT_LIMIT == 0)
        fake_now += 5 * G_USEC_PER_SEC;
      g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
    }
  fake_now += 5 * G_USEC_PER_SEC;
  {
    gint64 wait = pkio_rate_limiter_try_acquire (limiter);

    /* The first request (at t=1000 s) leaves the 180 s window at t=1180 s. */
    g_assert_cmpint (wait, >, 0);
    g_assert_cmpint (fake_now + wait, ==, 1180 * G_USEC_PER_SEC);
    fake_now += wait;
  }
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
}

static void
test_small_limits (void)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (2, 100, 3, 1000);

  pkio_rate_limiter_set_clock (limiter, fake_clock, NULL);
  fake_now = 0;
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 100000);
  fake_now = 100000;
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
  /* Long window (3 per second) is full now. */
  fake_now = 200000;
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 800000);
  fake_now = 1000000;
  g_assert_cmpint (pkio_rate_limiter_try_acquire (limiter), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  GArray    *order;     /* guint: completion order */
  guint      cancelled;
  guint      pending;
} AsyncState;

typedef struct
{
  AsyncState *state;
  guint       index;
} Call;

static void
acquired_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;

  if (pkio_rate_limiter_acquire_finish (PKIO_RATE_LIMITER (source), result, &error))
    g_array_append_val (call->state->order, call->index);
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      call->state->cancelled++;
    }
  if (--call->state->pending == 0)
    g_main_loop_quit (call->state->loop);
  g_free (call);
}

static void
test_async_waits_in_order (void)
{
  /* Real clock, tiny windows: 2 per 40 ms. */
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (2, 40, 1000, 60000);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { loop, g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  for (guint i = 0; i < 6; i++)
    {
      Call *call = g_new0 (Call, 1);

      call->state = &state;
      call->index = i;
      state.pending++;
      /* Call 4 is cancelled while it waits. */
      pkio_rate_limiter_acquire_async (limiter, i == 4 ? cancellable : NULL, acquired_cb, call);
    }
  g_assert_cmpuint (pkio_rate_limiter_get_n_waiting (limiter), ==, 4);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (state.cancelled, ==, 1);
  g_assert_cmpuint (state.order->len, ==, 5);
  for (guint i = 0; i < state.order->len; i++)
    g_assert_cmpuint (g_array_index (state.order, guint, i), ==, i < 4 ? i : 5);
  /* Five slots at two per 40 ms need at least two full windows. */
  g_assert_cmpint (elapsed, >=, 80000);
  g_assert_cmpuint (pkio_rate_limiter_get_n_waiting (limiter), ==, 0);
  g_array_unref (state.order);
}

static void
test_default_is_shared (void)
{
  g_assert_true (pkio_rate_limiter_get_default () == pkio_rate_limiter_get_default ());
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rate-limiter/windows", test_windows);
  g_test_add_func ("/rate-limiter/small-limits", test_small_limits);
  g_test_add_func ("/rate-limiter/async-in-order", test_async_waits_in_order);
  g_test_add_func ("/rate-limiter/default-shared", test_default_is_shared);

  return g_test_run ();
}
