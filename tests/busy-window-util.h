/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A window that redraws all the time, as one with a spinner does on a busy machine: a source
 * at GTK's redraw priority (GDK_PRIORITY_REDRAW, without linking GTK) that is always ready.
 * Anything the app waits for at the idle priority never runs while it is there. It gives up
 * after @seconds, so a test that would hang fails instead, and counts its "frames". */
typedef struct
{
  GSource *source;
  gint64   deadline;
  guint    frames;
  gboolean gave_up;
} BusyWindow;

#define BUSY_WINDOW_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

static inline gboolean
busy_window_frame_cb (gpointer data)
{
  BusyWindow *busy = data;

  busy->frames++;
  if (g_get_monotonic_time () < busy->deadline)
    return G_SOURCE_CONTINUE;
  busy->gave_up = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
busy_window_start (BusyWindow *busy,
                   guint       seconds)
{
  busy->deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  busy->frames = 0;
  busy->gave_up = FALSE;
  busy->source = g_idle_source_new ();
  g_source_set_priority (busy->source, BUSY_WINDOW_PRIORITY);
  g_source_set_callback (busy->source, busy_window_frame_cb, busy, NULL);
  g_source_attach (busy->source, NULL);
}

/* Whether what the test waited for came while the window was still busy. */
static inline gboolean
busy_window_stop (BusyWindow *busy)
{
  g_source_destroy (busy->source);
  g_clear_pointer (&busy->source, g_source_unref);
  return !busy->gave_up;
}

G_END_DECLS
