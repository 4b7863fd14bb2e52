/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* CertCentral allows 100 requests per 5 s and 1000 per 3 min per key; stay a little below. */
#define PKIO_RATE_LIMITER_SHORT_LIMIT     95
#define PKIO_RATE_LIMITER_SHORT_WINDOW_MS 5000
#define PKIO_RATE_LIMITER_LONG_LIMIT      950
#define PKIO_RATE_LIMITER_LONG_WINDOW_MS  180000

#define PKIO_TYPE_RATE_LIMITER (pkio_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (PkioRateLimiter, pkio_rate_limiter, PKIO, RATE_LIMITER, GObject)

/* Monotonic time in microseconds (like g_get_monotonic_time). */
typedef gint64 (*PkioRateLimiterClock) (gpointer user_data);

PkioRateLimiter *pkio_rate_limiter_new          (void);
PkioRateLimiter *pkio_rate_limiter_new_full     (guint                 short_limit,
                                                 guint                 short_window_ms,
                                                 guint                 long_limit,
                                                 guint                 long_window_ms);
/* The process-wide limiter (CertCentral counts per key; a process uses one key). */
PkioRateLimiter *pkio_rate_limiter_get_default  (void);

/* NULL restores g_get_monotonic_time. */
void             pkio_rate_limiter_set_clock    (PkioRateLimiter      *self,
                                                 PkioRateLimiterClock  clock,
                                                 gpointer              user_data);

/* Takes a slot now and returns 0, or returns how many microseconds until one frees up
 * (nothing taken). Does not jump the queue of waiting acquire_async calls. */
gint64           pkio_rate_limiter_try_acquire  (PkioRateLimiter      *self);

/* Completes (FIFO) once a slot was taken; waits with a timeout source when full. */
void             pkio_rate_limiter_acquire_async  (PkioRateLimiter      *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pkio_rate_limiter_acquire_finish (PkioRateLimiter      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

guint            pkio_rate_limiter_get_n_waiting  (PkioRateLimiter      *self);
/* Slots taken since it was made: one per request the client let go (tests count attempts). */
guint64          pkio_rate_limiter_get_n_granted  (PkioRateLimiter      *self);

G_END_DECLS
