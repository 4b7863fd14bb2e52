/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CANDIDATES_GROUP (pkio_candidates_group_get_type ())
G_DECLARE_FINAL_TYPE (PkioCandidatesGroup, pkio_candidates_group, PKIO, CANDIDATES_GROUP,
                      AdwPreferencesGroup)

/* "Is one of these your order?": for an attempt whose outcome is unknown and that CertCentral
 * has several possible orders for, one row per order (number, date, status, holder and
 * profile when known) with a button that activates the widget action "details.link-order"
 * (an int64 order id) of an ancestor. Hidden when there is nothing to choose. */
PkioCandidatesGroup *pkio_candidates_group_new        (void);
/* @store: to leave out orders another record of this computer holds by now; may be NULL. */
void                 pkio_candidates_group_set_record (PkioCandidatesGroup *self,
                                                       PkioHistoryRecord   *record,
                                                       PkioHistoryStore    *store);
/* How many orders are offered. */
guint                pkio_candidates_group_get_n_rows (PkioCandidatesGroup *self);

G_END_DECLS
