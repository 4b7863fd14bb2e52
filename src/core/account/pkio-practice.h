/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-simulator.h"

G_BEGIN_DECLS

/* Practice mode's CertCentral: the simulator on 127.0.0.1 with the practice key, keeping its
 * orders in $XDG_DATA_HOME/pkio-orders/practice-simulator.json so that a later run (the window,
 * or `pkio-orders --practice status N`) still knows them. The window and the command line
 * both start practice mode through this. */
PkioSimulator *pkio_practice_simulator_start (GError **error);

G_END_DECLS
