/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-history-store.h"
#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_PERSON_SECTION (pkio_person_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioPersonSection, pkio_person_section, PKIO, PERSON_SECTION, AdwBin)

/* The order form's section "Certificate holder" (a PkioOrderSection): a new person with their
 * details, or a person already known to CertCentral by their number, typed or chosen from the
 * people of earlier orders (PkioKnownPersonPopover). */

/* The history (for the people of earlier orders); may be NULL. */
void        pkio_person_section_set_store     (PkioPersonSection *self,
                                               PkioHistoryStore  *store);
/* Who the known person is, as chosen from earlier orders; NULL when typed by number, or when
 * the number was changed since. */
const char *pkio_person_section_get_known_person_label (PkioPersonSection *self);
/* What the holder's details say of where the token goes: the name and place of a new person
 * (never the street), or only the name of a person chosen from earlier orders. Members left
 * NULL are not known. */
void        pkio_person_section_get_recipient (PkioPersonSection *self,
                                               PkioShipInfo      *recipient);

G_END_DECLS
