/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_OUTCOME (pkio_order_outcome_get_type ())
G_DECLARE_FINAL_TYPE (PkioOrderOutcome, pkio_order_outcome, PKIO, ORDER_OUTCOME, AdwBin)

/* After "Place order": either the order and certificate numbers with what happens next, or
 * an unknown outcome while it is checked, when it was not found, or when it could not be
 * checked. Its buttons use the view's actions: "order.copy-order-id",
 * "order.copy-certificate-id", "order.again", "order.new", "order.check-again",
 * "order.send-again". */
PkioOrderOutcome *pkio_order_outcome_new               (void);
/* @certificate_id 0: waiting for approval. @found: an unknown outcome turned out placed. */
void             pkio_order_outcome_show_placed       (PkioOrderOutcome *self,
                                                      gint64           order_id,
                                                      gint64           certificate_id,
                                                      gboolean         found);
void             pkio_order_outcome_show_checking     (PkioOrderOutcome *self);
void             pkio_order_outcome_show_not_found    (PkioOrderOutcome *self);
void             pkio_order_outcome_show_check_failed (PkioOrderOutcome *self,
                                                      const char      *reason);

G_END_DECLS
