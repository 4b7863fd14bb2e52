/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the benchmarks share, each written once: waiting for an async call, the main-loop stall
 * watchdog and the thread's CPU clock it reads, the process's memory, a settings backend and
 * schemas of their own, and removing their temp folder. */

/* A GAsyncReadyCallback: keeps the result in the GAsyncResult * @user_data points to. */
void          bench_async_cb        (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      user_data);

/* Runs the default main context until *@result is set (by bench_async_cb ()). */
void          bench_wait            (GAsyncResult **result);

/* CPU time of the calling thread, in microseconds: what it spent itself, which other processes
 * on a busy machine do not stretch. */
gint64        bench_thread_cpu_us   (void);

/* The longest time between two of its ticks: in wall time, and in CPU time of this thread (what
 * the main loop itself spent). Start it with
 * g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_watchdog_cb, &dog, NULL) on a zeroed one. */
typedef struct
{
  gint64 last;
  gint64 worst;
  gint64 last_cpu;
  gint64 worst_cpu;
} BenchWatchdog;

gboolean      bench_watchdog_cb     (gpointer dog);

/* A field of /proc/self/status given in KiB ("VmRSS:", "VmHWM:"); 0 when it cannot be read. */
double        bench_status_kib      (const char *field);

/* GSettings in memory (never the person's own settings), with the schemas compiled in the
 * build tree next to the benchmark @argv0 unless GSETTINGS_SCHEMA_DIR says otherwise. */
void          bench_use_own_settings (const char *argv0);

/* Removes @dir and everything in it (a benchmark's temp folder); says so when it cannot. */
void          bench_remove_dir      (const char *dir);

G_END_DECLS
