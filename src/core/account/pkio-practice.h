/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-store.h"
#include "pkio-simulator.h"

G_BEGIN_DECLS

/* Practice mode's CertCentral: the simulator on 127.0.0.1 with the practice key, keeping its
 * orders in $XDG_DATA_HOME/pkio-orders/practice-simulator.json so that a later run (the window,
 * or `pkio-orders --practice status N`) still knows them; its account has the optional order
 * field "Cost centre" (translated). The window and the command line both start practice mode
 * through this. */
PkioSimulator *pkio_practice_simulator_start (GError **error);

/* The practice account has one of its own order fields (custom order fields): "Cost centre",
 * optional, any text, with this metadata id. */
#define PKIO_PRACTICE_COST_CENTRE_ID 4001

/* Practice orders stay pending this long, then are issued: long enough to see "in progress",
 * short enough to follow the whole way in one sitting. */
#define PKIO_PRACTICE_ISSUE_DELAY_MS (20 * 1000)

/* The first look at practice mode: when the simulator and the history are both still empty,
 * a few example orders (issued, one of them ending in 20 days, in progress, canceled, and one
 * that has ended) are made in the simulator and shown
 * in the history as examples, so the History view is not empty. Otherwise nothing happens.
 * @store must be open. */
void           pkio_practice_seed_examples_async  (PkioSimulator       *simulator,
                                                   PkioHistoryStore    *store,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       pkio_practice_seed_examples_finish (GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
