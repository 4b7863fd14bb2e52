/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CARD_GROUP (pkio_card_group_get_type ())
G_DECLARE_FINAL_TYPE (PkioCardGroup, pkio_card_group, PKIO, CARD_GROUP, AdwBin)

/* Paying with a new card: the card (number, expiry, CVV, cardholder, "save this card",
 * "make it the default") and its billing address. The number shows in groups of four while it
 * is typed and masked ("•••• 1111") once the focus leaves it; the CVV is a password entry.
 * Card data lives only in these widgets and in the order it is copied into: it is wiped on
 * pkio_card_group_clear_card () and when the group is destroyed. Signal "changed" after every
 * change the person makes. */
PkioCardGroup *pkio_card_group_new         (void);
/* Copies the card (when @with_card) and the billing address into @order. */
void           pkio_card_group_collect     (PkioCardGroup            *self,
                                            PkioOrder                *order,
                                            gboolean                  with_card);
void           pkio_card_group_set_billing (PkioCardGroup            *self,
                                            const PkioBillingAddress *billing);
void           pkio_card_group_clear_card  (PkioCardGroup            *self);
void           pkio_card_group_clear_cvv   (PkioCardGroup            *self);
/* The last four digits typed, or NULL. */
char          *pkio_card_group_dup_last4   (PkioCardGroup            *self);

/* The field paths of this group (NULL-terminated) and the row each one shows at. */
const char * const *pkio_card_group_get_paths (void);
GtkWidget     *pkio_card_group_get_row     (PkioCardGroup            *self,
                                            const char               *path);

G_END_DECLS
