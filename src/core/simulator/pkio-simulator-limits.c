/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CertCentral's rate limits, kept by the simulator when asked: two rolling windows of the
 * requests it handled (docs/certcentral-api.md#rate-limits). */
#include "config.h"

#include "pkio-simulator-private.h"

static guint
count_since (GQueue *times,
             gint64  since)
{
  guint count = 0;

  /* Newest last: count back until one is older. */
  for (GList *l = times->tail; l != NULL && *(gint64 *) l->data >= since; l = l->prev)
    count++;
  return count;
}

gboolean
_pkio_simulator_check_rate_limits (PkioSimulator     *sim,
                                   SoupServerMessage *msg)
{
  gint64 now = g_get_monotonic_time ();
  gint64 oldest_kept = now - (gint64) MAX (sim->short_window_ms, sim->long_window_ms) * 1000;
  gboolean over;

  if (sim->short_limit == 0 && sim->long_limit == 0)
    return FALSE;
  while (!g_queue_is_empty (&sim->handled_times)
         && *(gint64 *) g_queue_peek_head (&sim->handled_times) < oldest_kept)
    g_free (g_queue_pop_head (&sim->handled_times));

  over = (sim->short_limit > 0
          && count_since (&sim->handled_times, now - (gint64) sim->short_window_ms * 1000)
             >= sim->short_limit)
         || (sim->long_limit > 0
             && count_since (&sim->handled_times, now - (gint64) sim->long_window_ms * 1000)
                >= sim->long_limit);
  if (over)
    {
      sim->n_rate_limited++;
      _pkio_simulator_respond_error (msg, 429, "request_limit_exceeded", NULL,
                                     "Service unavailable, please limit request volume");
      return TRUE;
    }
  g_queue_push_tail (&sim->handled_times, g_memdup2 (&now, sizeof now));
  return FALSE;
}

void
_pkio_simulator_clear_rate_limits (PkioSimulator *sim)
{
  g_queue_clear_full (&sim->handled_times, g_free);
}

void
pkio_simulator_set_rate_limits_full (PkioSimulator *sim,
                                     guint          short_limit,
                                     guint          short_window_ms,
                                     guint          long_limit,
                                     guint          long_window_ms)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  sim->short_limit = short_limit;
  sim->short_window_ms = short_window_ms;
  sim->long_limit = long_limit;
  sim->long_window_ms = long_window_ms;
  _pkio_simulator_clear_rate_limits (sim);
}

void
pkio_simulator_set_rate_limits (PkioSimulator *sim,
                                gboolean       enforce)
{
  if (enforce)
    pkio_simulator_set_rate_limits_full (sim, PKIO_SIMULATOR_RATE_SHORT_LIMIT,
                                         PKIO_SIMULATOR_RATE_SHORT_WINDOW_MS,
                                         PKIO_SIMULATOR_RATE_LONG_LIMIT,
                                         PKIO_SIMULATOR_RATE_LONG_WINDOW_MS);
  else
    pkio_simulator_set_rate_limits_full (sim, 0, 0, 0, 0);
}

guint
pkio_simulator_get_n_rate_limited (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  return sim->n_rate_limited;
}
