/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* CertCentral cancels an order only with a note saying why
 * (docs/certcentral-api.md#cancel-an-order). This is the one rule for that note, used by the
 * client, the simulator and the window alike: trimmed, not blank, at most
 * PKIO_CANCEL_NOTE_MAX_LENGTH characters, no control characters other than line breaks and
 * tabs. */
#define PKIO_CANCEL_NOTE_MAX_LENGTH 1000

/* The note as it is sent (trimmed), or NULL with G_IO_ERROR_INVALID_ARGUMENT and a message for
 * the person. */
char     *pkio_cancel_note_normalize (const char  *note,
                                      GError     **error);
gboolean  pkio_cancel_note_is_valid  (const char  *note);

G_END_DECLS
