/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_AGREEMENT_SECTION (pkio_agreement_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioAgreementSection, pkio_agreement_section, PKIO, AGREEMENT_SECTION,
                      AdwBin)

/* The order form's section "Agreement" (a PkioOrderSection): the Certificate Subscriber
 * Agreement to read (opened in the browser) and the holder's agreement to it. */

G_END_DECLS
