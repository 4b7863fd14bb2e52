/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_PAYMENT_SECTION (pkio_payment_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioPaymentSection, pkio_payment_section, PKIO, PAYMENT_SECTION, AdwBin)

/* The order form's section "Payment" (a PkioOrderSection): the account's balance, the card
 * saved in CertCentral, or a new card, whose fields (PkioCardGroup, a section itself) are
 * built when "New card" is first chosen; it then names their rows too ("fields-changed"). */

/* "4900.00 EUR" under "Account balance", or NULL when not known. */
void  pkio_payment_section_set_balance_text (PkioPaymentSection *self,
                                             const char         *text);
/* Empties the CVV field of the new card, if there is one. */
void  pkio_payment_section_clear_cvv        (PkioPaymentSection *self);
/* The last four digits of the new card, or NULL. */
char *pkio_payment_section_dup_card_last4   (PkioPaymentSection *self);

G_END_DECLS
