/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pkio-custom-fields.h"
#include "pkio-remote-order.h"

G_BEGIN_DECLS

/* The readers PkioClient runs on a parsed 2xx answer (after pkio_json_guard_parse), one per
 * call, so tests and the fuzz harnesses (tests/fuzz/) exercise the very code the client uses.
 * @root may be NULL (an empty answer). Errors are PKIO_API_ERROR_BAD_ANSWER. */

/* GET user/me: an object with an integer "id". Returns a new reference. */
JsonObject      *_pkio_client_read_user_answer    (JsonNode  *root,
                                                   GError   **error);
/* GET finance/balance: an object whose "balance" is a number or a string. */
JsonObject      *_pkio_client_read_balance_answer (JsonNode  *root,
                                                   GError   **error);
/* GET product/pkio_burger: an object with a string "name_id". */
JsonObject      *_pkio_client_read_product_answer (JsonNode  *root,
                                                   GError   **error);
/* GET order/certificate and …/status-changes: "orders":[…] as PkioRemoteOrder*s (free func
 * set); one order without an id spoils the answer. @out_total (may be NULL): page.total,
 * else the number of orders. */
GPtrArray       *_pkio_client_read_orders_answer  (JsonNode  *root,
                                                   guint     *out_total,
                                                   GError   **error);
/* GET account/metadata: the account's own order fields as PkioCustomField*s (free func set),
 * empty for {}; a field without an integer id of 1 or more or a text label spoils the answer. */
GPtrArray       *_pkio_client_read_metadata_answer (JsonNode *root,
                                                    GError  **error);
/* GET order/certificate/{id}. */
PkioRemoteOrder *_pkio_client_read_order_answer   (JsonNode  *root,
                                                   GError   **error);
/* PUT certificate/{id}/revoke: the id of the request CertCentral made, 0 when the answer does
 * not say (never an error: a 2xx means it was taken). */
gint64           _pkio_client_read_revoke_answer  (JsonNode  *root);

G_END_DECLS
