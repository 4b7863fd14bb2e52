/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_HISTORY_DETAILS (pkio_history_details_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryDetails, pkio_history_details, PKIO, HISTORY_DETAILS, AdwBin)

/* The details of one history record: every stored request field, the timeline and
 * CertCentral's messages, with the actions on it (widget actions "details.refresh",
 * "details.cancel", "details.copy-id", "details.check-outcome", and "details.link-order" (an
 * int64 order id) for the person's choice among the orders an unknown attempt may be). */
PkioHistoryDetails *pkio_history_details_new           (void);
void                pkio_history_details_set_workspace (PkioHistoryDetails *self,
                                                        PkioWorkspace      *workspace);
void                pkio_history_details_set_record    (PkioHistoryDetails *self,
                                                        PkioHistoryRecord  *record);
PkioHistoryRecord  *pkio_history_details_get_record    (PkioHistoryDetails *self);
/* Whether the "back to the list" button shows (narrow windows). */
void                pkio_history_details_set_show_back (PkioHistoryDetails *self,
                                                        gboolean            show_back);

G_END_DECLS
