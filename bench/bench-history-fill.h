/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @n orders straight into a fresh database at @path (created by the store first, so the
 * schema is the real one): one in five from this computer with @request_json as its request
 * and, when @with_events, the start of its timeline. Runs the default main context while the
 * store opens. */
void bench_history_fill (const char *path,
                         guint       n,
                         const char *request_json,
                         gboolean    with_events);

G_END_DECLS
