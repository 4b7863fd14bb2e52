/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-history-store.h"

G_BEGIN_DECLS

/* A data folder of the test's own (XDG_DATA_HOME), translations, GTK and libadwaita. */
void               history_view_test_init      (int *argc, char ***argv);
const char        *history_view_test_data_home (void);
/* Empties the app's data folder in it: each test has its own practice history and simulator. */
void               fresh_data_home             (void);

/* Runs what is ready in the main context, without waiting. */
void               spin_idle                   (void);
/* One async result at a time: async_result_cb keeps it, wait_result waits for it. */
void               async_result_cb             (GObject *source, GAsyncResult *result,
                                                gpointer user_data);
GAsyncResult      *wait_result                 (void);
/* A template child of @widget that must be there. */
GObject           *child                       (gpointer widget, GType type, const char *name);
/* An attempt journaled and then marked unknown: Dirk Dubbel, paid by card ending 4242. */
PkioHistoryRecord *journal_unknown             (PkioHistoryStore *store);

G_END_DECLS
