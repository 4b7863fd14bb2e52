/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CARD_GROUP (pkio_card_group_get_type ())
G_DECLARE_FINAL_TYPE (PkioCardGroup, pkio_card_group, PKIO, CARD_GROUP, AdwBin)

/* Paying with a new card: the card (number, expiry, CVV, cardholder, "save this card",
 * "make it the default") and its billing address; a PkioOrderSection of its own, inside the
 * payment section. The number shows in groups of four while it is typed and masked
 * ("•••• 1111") once the focus leaves it; the CVV is a password entry. Card data lives only in
 * these widgets and in the order it is copied into (only to send, when the order is paid by
 * card): it is wiped by pkio_order_section_set_order () (which never takes card data from an
 * order), pkio_card_group_clear_card () and when the group is destroyed. */
PkioCardGroup *pkio_card_group_new         (void);
void           pkio_card_group_clear_card  (PkioCardGroup            *self);
void           pkio_card_group_clear_cvv   (PkioCardGroup            *self);
/* The last four digits typed, or NULL. */
char          *pkio_card_group_dup_last4   (PkioCardGroup            *self);

G_END_DECLS
