/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_SHIPPING_SECTION (pkio_shipping_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioShippingSection, pkio_shipping_section, PKIO, SHIPPING_SECTION,
                      AdwBin)

/* The order form's sections "Token delivery" and "Shipping" (a PkioOrderSection): where
 * DigiCert sends the hardware token, and how. Signal "same-as-holder" when the person asks to
 * fill in the holder's name and place (the form answers with
 * pkio_shipping_section_fill_recipient ()). */

/* Fills the recipient from @recipient: its name, postal code, city, province and country;
 * members that are NULL stay as they are. The street is never known from the holder, so the
 * focus goes there. */
void pkio_shipping_section_fill_recipient (PkioShippingSection *self,
                                           const PkioShipInfo  *recipient);

G_END_DECLS
