/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What GET product/pkio_burger says about the product, read leniently (a member of the wrong
 * type counts as absent): front ends never look at the JSON. */
typedef struct
{
  char   *name_id;                  /* "pkio_burger" */
  char   *name;                     /* may be NULL */
  GArray *allowed_validity_years;   /* of gint64, in the order sent; empty when not answered */
} PkioProductInfo;

/* NULL with G_IO_ERROR_INVALID_DATA when @object has no string "name_id". */
PkioProductInfo *pkio_product_info_from_json (JsonObject            *object,
                                              GError               **error);
PkioProductInfo *pkio_product_info_copy      (const PkioProductInfo *info);
void             pkio_product_info_free      (PkioProductInfo       *info);
/* Whether CertCentral offers @years (any year when it did not say). */
gboolean         pkio_product_info_allows_years (const PkioProductInfo *info,
                                                 gint64                 years);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioProductInfo, pkio_product_info_free)

G_END_DECLS
