/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-history-record.h"

G_BEGIN_DECLS

#define PKIO_TYPE_REVOKE_DIALOG (pkio_revoke_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PkioRevokeDialog, pkio_revoke_dialog, PKIO, REVOKE_DIALOG, AdwMessageDialog)

/* Confirms the revocation of @record's certificate: names the holder, says that it cannot be
 * undone, and asks why (docs/decisions.md#revoke). Responses: "keep" and "revoke"; the latter
 * is enabled once a reason is chosen (another reason: with a comment). */
PkioRevokeDialog *pkio_revoke_dialog_new         (GtkWindow         *parent,
                                                  PkioHistoryRecord *record);
PkioRevokeReason  pkio_revoke_dialog_get_reason  (PkioRevokeDialog  *self);
/* The comment as typed (the revoke sender trims and checks it). */
const char       *pkio_revoke_dialog_get_comment (PkioRevokeDialog  *self);

G_END_DECLS
