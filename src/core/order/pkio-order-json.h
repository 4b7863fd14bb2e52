/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pkio-order.h"

G_BEGIN_DECLS

/* The exact request body of docs/decisions.md#the-request-body (normalized: trimmed, zip and
 * country normalized, card number digits only), with "custom_fields" only when the order gives
 * the account's own fields a value. Holds card data when paid by card: never log or store it. */
JsonNode  *pkio_order_to_json         (const PkioOrder *order);
/* Like pkio_order_to_json() without "credit_card"; adds "card_last4" when paid by card.
 * Safe for disk. */
JsonNode  *pkio_order_to_storage_json (const PkioOrder *order);
/* Reads a request body. Structural problems (unknown key, wrong type, unknown value, missing
 * object or key, both id and details) are appended to @problems with their path; it reads on
 * past them. Run pkio_order_validate() on the result for the field rules, and merge with
 * pkio_problem_list_merge(). Returns NULL only when @node is not an object. */
PkioOrder *pkio_order_from_json       (JsonNode        *node,
                                       GPtrArray       *problems);

G_END_DECLS
