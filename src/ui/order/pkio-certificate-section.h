/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CERTIFICATE_SECTION (pkio_certificate_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioCertificateSection, pkio_certificate_section, PKIO,
                      CERTIFICATE_SECTION, AdwBin)

/* The order form's section "Certificate" (a PkioOrderSection): what the certificate is for
 * (its profile) and, under "Advanced", the RSASSA-PSS signature. */

G_END_DECLS
