/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pkio-history-store.h"

G_BEGIN_DECLS

#define PKIO_TYPE_KNOWN_PERSON_POPOVER (pkio_known_person_popover_get_type ())
G_DECLARE_FINAL_TYPE (PkioKnownPersonPopover, pkio_known_person_popover, PKIO,
                      KNOWN_PERSON_POPOVER, GtkPopover)

/* The people of earlier orders whose CertCentral number is known (name, email, number), most
 * recent first, with a search. Listed afresh from the history each time it opens. Signal
 * "chosen" (gint64 individual_id, const char *name or NULL, const char *label) when the
 * person picks one. */
PkioKnownPersonPopover *pkio_known_person_popover_new       (void);
void                    pkio_known_person_popover_set_store (PkioKnownPersonPopover *self,
                                                             PkioHistoryStore       *store);
/* "Jan Jansen (jan@example.nl)" for an individual of the history, or NULL. */
char                   *pkio_known_person_label_for         (PkioHistoryStore       *store,
                                                             gint64                  individual_id);

G_END_DECLS
