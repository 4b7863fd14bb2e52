/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-history-record.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CANCEL_DIALOG (pkio_cancel_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PkioCancelDialog, pkio_cancel_dialog, PKIO, CANCEL_DIALOG, AdwMessageDialog)

/* Asks for the note CertCentral requires and confirms the cancel. Responses: "keep" and
 * "cancel-order"; the latter is enabled only while the note is not blank. */
PkioCancelDialog *pkio_cancel_dialog_new      (GtkWindow         *parent,
                                               PkioHistoryRecord *record);
/* The note without surrounding white space. */
char             *pkio_cancel_dialog_dup_note (PkioCancelDialog  *self);

G_END_DECLS
