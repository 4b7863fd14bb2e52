/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-batch-error.h"

G_DEFINE_QUARK (pkio-batch-error-quark, pkio_batch_error)
