/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_VALIDITY_SECTION (pkio_validity_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioValiditySection, pkio_validity_section, PKIO, VALIDITY_SECTION,
                      AdwBin)

/* The order form's section "Validity" (a PkioOrderSection): 1, 2 or 3 years, or under "Other"
 * a number of days or an end date (a calendar, built when first opened). */

/* Offers only these years (GArray of gint64, as GET product/pkio_burger answers); NULL or
 * empty offers 1, 2 and 3. A year chosen that is no longer offered gives way to the first one
 * that is. */
void pkio_validity_section_set_allowed_years (PkioValiditySection *self,
                                              GArray              *years);

G_END_DECLS
