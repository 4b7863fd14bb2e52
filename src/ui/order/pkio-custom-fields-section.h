/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CUSTOM_FIELDS_SECTION (pkio_custom_fields_section_get_type ())
G_DECLARE_FINAL_TYPE (PkioCustomFieldsSection, pkio_custom_fields_section, PKIO,
                      CUSTOM_FIELDS_SECTION, AdwBin)

/* The order form's section for the account's own order fields (custom order fields in
 * CertCentral's words; a PkioOrderSection built at run time): one row per active field, titled
 * by its label ("(optional)" when CertCentral does not require it), at the path
 * "custom_fields.N" (pkio_custom_field_path ()). It follows the workspace's "custom-fields"
 * and is hidden while the account has none. Its values are checked with the core's rules
 * (pkio_workspace_check_custom_fields ()); values given before the fields are known (a draft)
 * are kept and shown once they are. */
PkioCustomFieldsSection *pkio_custom_fields_section_new           (void);
void                     pkio_custom_fields_section_set_workspace (PkioCustomFieldsSection *self,
                                                                   PkioWorkspace           *workspace);
/* CertCentral's refusal (PkioApiErrorEntry) with each entry about one of the fields shown here
 * placed at it (its "field" set to "custom_fields.N", pkio_workspace_custom_field_for_refusal
 * ()), the others as they were: a new array of copies, for pkio_order_form_set_server_errors (). */
GPtrArray               *pkio_custom_fields_section_place_refusal (PkioCustomFieldsSection *self,
                                                                   GPtrArray               *entries);
/* The active fields shown now (PkioCustomField; owned by the section), for the review. */
GPtrArray               *pkio_custom_fields_section_get_fields    (PkioCustomFieldsSection *self);

G_END_DECLS
