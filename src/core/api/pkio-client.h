/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pkio-api-error.h"
#include "pkio-custom-fields.h"
#include "pkio-rate-limiter.h"
#include "pkio-remote-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CLIENT (pkio_client_get_type ())
G_DECLARE_FINAL_TYPE (PkioClient, pkio_client, PKIO, CLIENT, GObject)

/* CertCentral's answer to the order POST (what the order sender makes of the whole attempt is
 * a PkioSendResult). certificate_id is 0 when CertCentral did not send one (approval pending);
 * request_ids holds the ids of "requests":[{"id":…}] (may be empty). */
typedef struct
{
  gint64  order_id;
  gint64  certificate_id;
  GArray *request_ids;      /* of gint64, never NULL */
} PkioOrderAnswer;

PkioOrderAnswer *pkio_order_answer_new  (void);
void             pkio_order_answer_free (PkioOrderAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioOrderAnswer, pkio_order_answer_free)

/* Reads the answer to the order POST ({"id", "certificate_id"} or {"id", "requests": [...]}).
 * No usable id: PKIO_API_ERROR_OUTCOME_UNKNOWN, since a 2xx means the order likely exists. */
PkioOrderAnswer *pkio_order_answer_from_json (JsonNode  *root,
                                              GError   **error);

/* Filters for GET order/certificate. NULL / 0 members are left out of the query.
 * The strings are copied when the call starts. */
typedef struct
{
  const char *product_name_id;  /* filters[product_name_id], e.g. "pkio_burger" */
  const char *status;           /* filters[status], e.g. "pending" */
  const char *email;            /* filters[email] */
  const char *date_created;     /* filters[date_created], CertCentral's raw syntax, e.g.
                                   "2024-05-01" or "2024-05-01...2024-05-31" */
  const char *sort;             /* e.g. "-date_created" */
  guint       offset;
  guint       limit;            /* 0: CertCentral's default */
} PkioListQuery;

#define PKIO_CLIENT_DEFAULT_TIMEOUT_MS    60000
#define PKIO_CLIENT_DEFAULT_RETRY_BASE_MS 500
#define PKIO_CLIENT_MAX_ATTEMPTS          4
#define PKIO_CLIENT_MAX_RETRY_AFTER_S     30

/* Signal "key-answered" (gboolean accepted): CertCentral answered a request of this client,
 * and so said what it thinks of its key. TRUE for any success (2xx), FALSE for any 401
 * (docs/decisions.md#errors-and-the-key: a 401, whatever its code, rejects the key). Every
 * other answer (a 403 included: the key is known, it may not do that one call) and no answer
 * at all say nothing about the key, and emit nothing. Emitted before the call's own callback
 * runs, so that whoever follows the key knows by then. */

/* PKIO_ORDERS_API_URL wins, else @settings "api-base-url", else (settings NULL or empty)
 * DEFAULT_API_BASE_URL. When the organisation has locked "api-base-url" (not writable, a dconf
 * lock), the setting wins and the variable is ignored with a warning (once per process). Always
 * ends with "/". */
char            *pkio_client_resolve_base_url (GSettings *settings);

/* The address rule alone (used by pkio_client_new and by Preferences): https, or http only to
 * this computer. */
gboolean         pkio_client_check_base_url   (const char  *base_url,
                                               GError     **error);

/* Refuses (PKIO_API_ERROR_INSECURE_URL) a non-http(s) URL and http:// unless the host is
 * loopback (127.0.0.0/8, ::1, localhost). All clients of a process share one SoupSession
 * (created on first use, freed with the last client; main thread only) and the default
 * PkioRateLimiter. The key is never logged. */
PkioClient      *pkio_client_new              (const char      *base_url,
                                               const char      *api_key,
                                               GError         **error);
const char      *pkio_client_get_base_url     (PkioClient      *self);
/* Bounds each HTTP exchange (send + read of the answer); default 60 s. */
void             pkio_client_set_timeout      (PkioClient      *self,
                                               guint            timeout_ms);
/* First GET retry delay; doubles per attempt (default 500 ms). For tests. */
void             pkio_client_set_retry_base_delay (PkioClient  *self,
                                                   guint        delay_ms);
/* Replaces the process-wide limiter (tests). */
void             pkio_client_set_rate_limiter (PkioClient      *self,
                                               PkioRateLimiter *limiter);

/* POST order/certificate/pkio_burger. NEVER retried. Errors: INVALID_INPUT (4xx, not placed,
 * entries attached), KEY_REJECTED/FORBIDDEN, NETWORK (nothing was sent), OUTCOME_UNKNOWN (sent,
 * then timeout / reset / 5xx / unreadable 2xx / cancelled after sending). */
void             pkio_client_place_order_async  (PkioClient          *self,
                                                 JsonNode            *body,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PkioOrderAnswer *pkio_client_place_order_finish (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET user/me: the object (has integer "id"). Also how a key is checked. */
void             pkio_client_get_user_async     (PkioClient          *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonObject      *pkio_client_get_user_finish    (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* Same as get_user: succeeds when CertCentral accepts the key. */
void             pkio_client_check_key_async    (PkioClient          *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonObject      *pkio_client_check_key_finish   (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET finance/balance: the object (has "balance"). */
void             pkio_client_get_balance_async  (PkioClient          *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonObject      *pkio_client_get_balance_finish (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET product/pkio_burger: the object. */
void             pkio_client_get_product_async  (PkioClient          *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonObject      *pkio_client_get_product_finish (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET account/metadata: the account's own order fields, all of them (active or not), as
 * PkioCustomField*s in CertCentral's order (free func set); empty when the account has none. */
void             pkio_client_get_custom_fields_async  (PkioClient          *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray       *pkio_client_get_custom_fields_finish (PkioClient          *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* GET order/certificate?filters[…]: one page. Returns PkioRemoteOrder*s (free func set). */
void             pkio_client_list_orders_async  (PkioClient          *self,
                                                 const PkioListQuery *query,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray       *pkio_client_list_orders_finish (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 guint               *out_total,
                                                 GError             **error);

/* Every page (limit 1000, ignoring @query's offset/limit) until "total" is reached. */
void             pkio_client_list_all_orders_async  (PkioClient          *self,
                                                     const PkioListQuery *query,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray       *pkio_client_list_all_orders_finish (PkioClient          *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* GET order/certificate/{id} */
void             pkio_client_get_order_async    (PkioClient          *self,
                                                 gint64               order_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PkioRemoteOrder *pkio_client_get_order_finish   (PkioClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET order/certificate/status-changes?minutes=N, @minutes clamped to 1..10080.
 * Returns PkioRemoteOrder*s with order_id, certificate_id and status. */
void             pkio_client_status_changes_async  (PkioClient          *self,
                                                    guint                minutes,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray       *pkio_client_status_changes_finish (PkioClient          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* PUT order/certificate/{id}/status {"status":"canceled","note":@note}; 204. Not retried. */
void             pkio_client_cancel_order_async  (PkioClient          *self,
                                                  gint64               order_id,
                                                  const char          *note,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         pkio_client_cancel_order_finish (PkioClient          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* PUT certificate/{certificate_id}/revoke {"comments":@comments}: asks CertCentral to revoke
 * one certificate. The answer is a request that an administrator of the account approves; the
 * certificate is "revoked" only after that. Never retried, on a fresh connection
 * (PKIO_REQUEST_REVOKE_PUT): once it has left, a timeout, reset or 5xx is OUTCOME_UNKNOWN
 * ("not known whether it took the request"). Any 2xx is success; @out_request_id is the
 * request's id, 0 when the answer did not say (or could not be read). Other errors as for the
 * order (INVALID_INPUT with CertCentral's entries when it refuses). */
void             pkio_client_revoke_certificate_async  (PkioClient          *self,
                                                        gint64               certificate_id,
                                                        const char          *comments,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         pkio_client_revoke_certificate_finish (PkioClient          *self,
                                                        GAsyncResult        *result,
                                                        gint64              *out_request_id,
                                                        GError             **error);

G_END_DECLS
