/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pkio-order.h"

G_BEGIN_DECLS

/* The account's own order fields, which CertCentral calls custom order fields (GET
 * account/metadata, docs/certcentral-api.md#custom-order-fields): what each field is, and the
 * checks of the values an order gives them (docs/decisions.md#custom-order-fields). The same
 * checks serve the form, the command line and the simulator. */

typedef enum
{
  PKIO_CUSTOM_FIELD_TEXT,           /* "text", "anything", none, or a type the app does not
                                       know: any text (CertCentral then judges it) */
  PKIO_CUSTOM_FIELD_INT,            /* "int": a whole number */
  PKIO_CUSTOM_FIELD_EMAIL_ADDRESS,  /* "email_address": one email address */
  PKIO_CUSTOM_FIELD_EMAIL_LIST,     /* "email_list": email addresses separated by commas */
} PkioCustomFieldType;

/* One field, as GET account/metadata describes it. */
typedef struct
{
  gint64               id;           /* the metadata_id an order names it by, 1 or more */
  char                *label;        /* the account's own name for it, never NULL */
  gboolean             is_required;
  gboolean             is_active;    /* only active fields are shown and sent */
  PkioCustomFieldType  type;
  char                *data_type;    /* as CertCentral named it; NULL when it did not */
} PkioCustomField;

PkioCustomField *pkio_custom_field_new     (gint64                 id,
                                            const char            *label,
                                            gboolean               is_required,
                                            gboolean               is_active,
                                            const char            *data_type);
PkioCustomField *pkio_custom_field_copy    (const PkioCustomField *field);
void             pkio_custom_field_free    (PkioCustomField       *field);
PkioCustomFieldType pkio_custom_field_type_from_string (const char *data_type);

/* A GPtrArray of PkioCustomField (element free func set). */
GPtrArray       *pkio_custom_field_list_new  (void);
/* A new list of copies of the active fields of @fields, in their order. */
GPtrArray       *pkio_custom_field_list_active (GPtrArray *fields);
/* The field with @id, or NULL. */
const PkioCustomField *pkio_custom_field_list_find (GPtrArray *fields,
                                                    gint64     id);

/* Where a problem with field @id is reported, by the form, the command line and the
 * simulator alike: "custom_fields.12". */
char            *pkio_custom_field_path      (gint64      id);
/* The id in such a path ("custom_fields.12", also "custom_fields[12]"), else 0. */
gint64           pkio_custom_field_id_from_path (const char *path);

/* What is wrong with @value for @field, for the person (translated, naming the field's label),
 * or NULL when it is fine. Blank is fine for a field that is not required. @out_code (may be
 * NULL) gets the problem's code ("missing", "control_characters", "invalid_custom_field_value"). */
char            *pkio_custom_field_check_value (const PkioCustomField *field,
                                                const char            *value,
                                                const char           **out_code);

/* Every problem of @order's custom field values against the account's fields @fields (all of
 * them, as GET account/metadata lists them): an active required field without a value, a
 * value its data type does not accept, a value for a field the account does not have or no
 * longer uses. Each at pkio_custom_field_path (). An empty array when all is well, also when
 * the account has no fields and the order gives none. */
GPtrArray       *pkio_custom_fields_validate (const PkioOrder *order,
                                              GPtrArray       *fields);

/* Which of @fields a refusal by CertCentral (one errors[] entry: @code, @field, @message, each
 * may be NULL) is about: the field its "field" names; else, for a refusal about custom fields,
 * the active field whose label its message names, or the only active field. 0 when it is not
 * about one of them. */
gint64           pkio_custom_fields_match_refusal (GPtrArray  *fields,
                                                   const char *code,
                                                   const char *field,
                                                   const char *message);

/* ---- the values in a request body ---- */

/* "custom_fields": [{"metadata_id": N, "value": "…"}] for the values of @order that are not
 * blank, trimmed (@normalized) or as typed (a draft); NULL when there are none, and the key is
 * then left out of the body altogether. */
JsonNode        *pkio_custom_values_to_json  (const PkioOrder *order,
                                              gboolean         normalized);
/* Reads "custom_fields" (@node may be NULL: none) into @order. With @problems, what is not in
 * that form is reported with its path (an order file); without, it is skipped (a draft). */
void             pkio_custom_values_from_json (JsonNode   *node,
                                               PkioOrder  *order,
                                               GPtrArray  *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioCustomField, pkio_custom_field_free)

G_END_DECLS
