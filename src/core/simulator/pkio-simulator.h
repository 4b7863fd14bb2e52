/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pkio-calendar.h"
#include "pkio-custom-fields.h"

G_BEGIN_DECLS

/* A loopback CertCentral (SoupServer on 127.0.0.1, random port) for tests and practice mode.
 *
 * It runs on the thread-default main context of the thread that calls
 * pkio_simulator_start(): a client in the same thread must use async calls and iterate that
 * context (a sync call would wait for itself).
 *
 * Server messages are English text mimicking CertCentral; they are not translated.
 *
 * What it answers (paths relative to /services/v2/; every request needs X-DC-DEVKEY):
 * - over the rate limits, when asked to keep them (pkio_simulator_set_rate_limits ()): 429
 *   request_limit_exceeded, before anything else.
 * - bad/missing key: 401 access_denied|invalid_api_key (as issue 21 saw CertCentral answer);
 *   view-only key on POST/PUT: 403 access_denied|missing_permission; unknown route: 404
 *   not_found|route.
 * - POST order/certificate/pkio_burger: body checked with pkio_order_from_json() +
 *   pkio_order_validate() -> 400 listing every problem as {code, field (path), message};
 *   not a JSON object -> 400 bad_request_format; unknown individual id (known: 21, 22, 23)
 *   -> 400 invalid_individual; balance too low -> 400 insufficient_funds; else 201
 *   {"id","certificate_id"} and the order is pending. Other products: 404 not_found|product.
 * - GET order/certificate: filters[product_name_id], filters[status] (one or comma list),
 *   filters[email] (case-insensitive), filters[date_created] in UTC: ">=D", ">D", "<=D", "<D",
 *   "D", "D1...D2" or "D1..D2" (inclusive), D being "YYYY-MM-DD" (the whole day) or
 *   "YYYY-MM-DD HH:MM:SS" (also with "T"); anything else 400 invalid_filter. sort:
 *   -date_created (default), date_created, id, -id. offset; limit 1..1000 (0 or more than
 *   1000 gives 1000). Answer {"orders":[…],"page":{"total","limit","offset"}}. A row carries
 *   only the documented fields (id, status, date_created, is_renewed, product{name_id,name},
 *   certificate{id,common_name,profile_option}, and once issued certificate.valid_till and
 *   days_remaining): no email, individual or shipping, unless
 *   pkio_simulator_set_list_extra_fields () asks for them.
 * - GET order/certificate/{id}: one order with everything, certificate.valid_from and
 *   date_issued too, "user" (who placed it) when known, and "requests" when a revocation was
 *   asked for (404 not_found|order). An order is issued for the validity it asked for, from
 *   the day of issue (UTC); days_remaining counts down to 0; an issued order past its
 *   valid_till turns "expired".
 * - GET order/certificate/status-changes?minutes=N: N 1..10080 (default 60), else 400
 *   invalid_minutes. Orders whose status changed (or that were created) in the window.
 * - PUT order/certificate/{id}/status {"status":"canceled","note":"…"}: 204; 400 missing_param
 *   (field note) without a note, invalid_status for another status, invalid_order_status
 *   unless the order is pending or waiting_pickup.
 * - PUT certificate/{certificate_id}/revoke {"comments":…}: 201 with the request
 *   {"id","date","type":"revoke","status":"pending","requester",…}; 400 invalid_order_status
 *   unless the certificate is issued with no revocation asked yet (a pending reissue: "cannot
 *   be revoked"); 404 not_found|certificate. After the revoke delay the order is "revoked".
 *   Order info lists "requests" (the new_request, and the revoke).
 * - GET user/me, finance/balance, product/pkio_burger.
 * - GET account/metadata: the account's own order fields (pkio_simulator_set_custom_fields ()),
 *   {"metadata":[{"id","label","is_required","is_active","data_type"}]}, or {} without any. An
 *   order must then give every active required field a value its data type accepts, and no
 *   value to a field the account does not have or no longer uses
 *   (pkio_custom_fields_validate ()): else 400 with each problem as {code ("missing",
 *   "invalid_custom_field_value", …), field "custom_fields.ID", message}, with the others. */

#define PKIO_TYPE_SIMULATOR (pkio_simulator_get_type ())
G_DECLARE_FINAL_TYPE (PkioSimulator, pkio_simulator, PKIO, SIMULATOR, GObject)

#define PKIO_SIMULATOR_DEFAULT_API_KEY     "practice-key"
#define PKIO_SIMULATOR_DEFAULT_ISSUE_DELAY 2000
/* How long a revocation request waits for its (simulated) administrator. */
#define PKIO_SIMULATOR_DEFAULT_REVOKE_DELAY 2000
/* Issue delay meaning "stay pending until canceled" (cancel tests). */
#define PKIO_SIMULATOR_ISSUE_NEVER         G_MAXUINT
/* Balance at start, in cents (EUR). An order costs 100.00, EXPEDITED shipping 25.00 more. */
#define PKIO_SIMULATOR_DEFAULT_BALANCE     500000
#define PKIO_SIMULATOR_ORDER_PRICE         10000
#define PKIO_SIMULATOR_EXPEDITED_PRICE     2500

/* CertCentral's documented rate limits (docs/certcentral-api.md#rate-limits): per key, 100
 * requests in 5 seconds and 1000 in 3 minutes, rolling. */
#define PKIO_SIMULATOR_RATE_SHORT_LIMIT     100
#define PKIO_SIMULATOR_RATE_SHORT_WINDOW_MS 5000
#define PKIO_SIMULATOR_RATE_LONG_LIMIT      1000
#define PKIO_SIMULATOR_RATE_LONG_WINDOW_MS  (3 * 60 * 1000)

/* Faults that answer 200 (from MALFORMED_JSON on) handle the request first, as a server whose
 * answer is damaged on the way would: a POST creates the order, a PUT cancels it. The error
 * statuses (429, 500, 502) and DROP_BEFORE_BODY handle nothing. */
typedef enum
{
  PKIO_SIMULATOR_FAULT_NONE,
  PKIO_SIMULATOR_FAULT_DELAY,                  /* normal answer after the fault delay (the
                                                  request is handled then, even when the client
                                                  has given up meanwhile) */
  PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY,        /* request handled (an order IS created), then the
                                                  connection is closed without an answer */
  PKIO_SIMULATOR_FAULT_RATE_LIMIT,             /* 429 request_limit_exceeded, no Retry-After */
  PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER, /* 429 with "Retry-After: 1" */
  PKIO_SIMULATOR_FAULT_SERVER_ERROR,           /* 500 with errors[] */
  PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML,       /* 502 with a text/html body */
  PKIO_SIMULATOR_FAULT_MALFORMED_JSON,         /* 200 with truncated JSON */
  PKIO_SIMULATOR_FAULT_DEEP_NESTING,           /* 200 with 10000 nested arrays */
  PKIO_SIMULATOR_FAULT_HUGE_BODY,              /* 200 with a valid 9 MiB JSON object */
  PKIO_SIMULATOR_FAULT_WRONG_TYPES,            /* 200 with "id":"abc", "orders":"…" etc. */
  PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY,       /* the connection is closed once the request
                                                  headers are read, before the body: nothing is
                                                  handled */
  PKIO_SIMULATOR_FAULT_EMPTY_BODY,             /* 200 with an empty body */
  PKIO_SIMULATOR_FAULT_HUGE_STREAM,            /* 200 with 50 MiB of JSON, chunked, without a
                                                  Content-Length: only reading tells the size */
  PKIO_SIMULATOR_FAULT_SLOW_DRIP,              /* the real answer's status and headers at once,
                                                  its body one byte per second */
} PkioSimulatorFault;

/* Stable names ("drop-before-body", "slow-drip", …), for the simulator tool and test output. */
const char    *pkio_simulator_fault_to_string   (PkioSimulatorFault  fault);
gboolean       pkio_simulator_fault_from_string (const char         *name,
                                                 PkioSimulatorFault *out_fault);

/* One request as received. @path is relative to /services/v2/ (e.g. "order/certificate/5"),
 * @query the raw query string (or NULL), @headers a copy of the request headers, looked up
 * case-insensitively. It holds whatever the client sent (the API key, even card numbers):
 * in memory only, never print it. */
typedef struct
{
  char       *method;
  char       *path;
  char       *query;
  GHashTable *headers;
  GBytes     *body;
} PkioSimulatorRequest;

PkioSimulatorRequest *pkio_simulator_request_ref   (PkioSimulatorRequest *request);
void                  pkio_simulator_request_unref (PkioSimulatorRequest *request);
/* The body parsed as JSON, or NULL. Free with json_node_unref(). */
JsonNode             *pkio_simulator_request_dup_json (PkioSimulatorRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioSimulatorRequest, pkio_simulator_request_unref)

PkioSimulator *pkio_simulator_new               (void);
gboolean       pkio_simulator_start             (PkioSimulator *sim,
                                                 GError       **error);
/* "http://127.0.0.1:PORT/services/v2/", NULL before start. */
const char    *pkio_simulator_get_base_url      (PkioSimulator *sim);
guint          pkio_simulator_get_port          (PkioSimulator *sim);

void           pkio_simulator_set_api_key       (PkioSimulator *sim,
                                                 const char    *key);
/* A second key that may only GET (role "View Only"): POST/PUT get 403
 * access_denied|missing_permission. NULL removes it. */
void           pkio_simulator_set_view_only_key (PkioSimulator *sim,
                                                 const char    *key);
/* An order is pending for @ms after it was placed, then issued (computed from the clock when
 * asked; 0 = issued from the first request after the POST; the POST answer itself is the same).
 * PKIO_SIMULATOR_ISSUE_NEVER keeps new orders pending. Applies to orders placed afterwards. */
void           pkio_simulator_set_issue_delay   (PkioSimulator *sim,
                                                 guint          ms);
void           pkio_simulator_set_fault_delay   (PkioSimulator *sim,
                                                 guint          ms);   /* default 3000 */
/* Test option: list rows also carry certificate.emails, individual and ship_info, as some
 * CertCentral answers might; by default they carry only the documented fields. */
void           pkio_simulator_set_list_extra_fields (PkioSimulator *sim,
                                                     gboolean       extra);
/* The account's own order fields (PkioCustomField*s, copied; NULL or empty: none). */
void           pkio_simulator_set_custom_fields (PkioSimulator *sim,
                                                 GPtrArray     *fields);
/* Keeps CertCentral's rate limits (above): a request over either is answered 429
 * request_limit_exceeded, without Retry-After, and not handled. Off by default, so that tests
 * with several processes on one simulator are not slowed; only requests it handled count. */
void           pkio_simulator_set_rate_limits   (PkioSimulator *sim,
                                                 gboolean       enforce);
/* The same with other limits (tests); 0 for a limit turns that window off. */
void           pkio_simulator_set_rate_limits_full (PkioSimulator *sim,
                                                    guint          short_limit,
                                                    guint          short_window_ms,
                                                    guint          long_limit,
                                                    guint          long_window_ms);
/* Requests answered 429 for the rate limits so far (not the injected faults). */
guint          pkio_simulator_get_n_rate_limited (PkioSimulator *sim);
/* Balance in cents (EUR). */
void           pkio_simulator_set_balance       (PkioSimulator *sim,
                                                 gint64         cents);
gint64         pkio_simulator_get_balance       (PkioSimulator *sim);

/* The next @count requests whose method equals @method ("*" or NULL: any) and whose path
 * (relative to /services/v2/) starts with @path_prefix (NULL or "": any) get @fault. Rules are
 * tried in the order they were added; a request uses at most one rule. */
void           pkio_simulator_inject_fault      (PkioSimulator     *sim,
                                                 const char        *method,
                                                 const char        *path_prefix,
                                                 PkioSimulatorFault fault,
                                                 guint              count);
void           pkio_simulator_clear_faults      (PkioSimulator *sim);
/* Bytes of HUGE_STREAM and SLOW_DRIP answer bodies written to connections so far: a client that
 * gives up early leaves this far below what the fault would send. */
guint64        pkio_simulator_get_streamed_bytes (PkioSimulator *sim);

/* Transfer full: a new array (free with g_ptr_array_unref) of PkioSimulatorRequest refs,
 * oldest first. */
GPtrArray     *pkio_simulator_get_requests      (PkioSimulator *sim);
guint          pkio_simulator_count_requests    (PkioSimulator *sim,
                                                 const char    *method,
                                                 const char    *path_prefix);
void           pkio_simulator_clear_requests    (PkioSimulator *sim);

/* An order placed "elsewhere" (CertCentral web UI, a colleague): it keeps @status. @created
 * NULL = now. Returns the order id. */
gint64         pkio_simulator_add_remote_order  (PkioSimulator *sim,
                                                 const char    *email,
                                                 const char    *first_name,
                                                 const char    *last_name,
                                                 const char    *status,
                                                 GDateTime     *created);
/* @n generated orders (person<i>@example.com, statuses mixed, created over the past year),
 * for benchmarks. */
void           pkio_simulator_add_remote_orders_bulk (PkioSimulator *sim,
                                                      guint          n);
/* Sets an order's certificate dates (valid_till 0: none), as if CertCentral had issued it for
 * them; an issued order whose valid_till has passed turns "expired" at the next request.
 * FALSE when there is no such order. */
gboolean       pkio_simulator_set_order_validity (PkioSimulator *sim,
                                                  gint64         order_id,
                                                  PkioDay        valid_from,
                                                  PkioDay        valid_till);
/* Who placed an order, for its order info's "user" (an order POSTed here was placed by the
 * key's user, "Practice User"; one added with add_remote_order () by nobody the simulator
 * names). @email NULL: order info carries no "user", as CertCentral's may not. FALSE when there
 * is no such order. */
gboolean       pkio_simulator_set_order_placed_by (PkioSimulator *sim,
                                                   gint64         order_id,
                                                   const char    *first_name,
                                                   const char    *last_name,
                                                   const char    *email);
/* The order's certificate.profile_option ("authentication", "nonrepudiation", "encryption"). */
gboolean       pkio_simulator_set_order_profile  (PkioSimulator *sim,
                                                  gint64         order_id,
                                                  const char    *profile_option);
/* The order's "is_renewed" (list rows and order info): a newer order renewed it. */
gboolean       pkio_simulator_set_order_renewed  (PkioSimulator *sim,
                                                  gint64         order_id,
                                                  gboolean       renewed);
/* A revocation of the order's certificate was asked for and waits: order info's "requests"
 * then holds {"type":"revoke","status":"pending"}; the status stays what it was. */
gboolean       pkio_simulator_request_revocation (PkioSimulator *sim,
                                                  gint64         order_id);
/* A revocation request is approved @ms after it was made (PKIO_SIMULATOR_ISSUE_NEVER: never),
 * then the order is "revoked". Applies to requests made afterwards. */
void           pkio_simulator_set_revoke_delay  (PkioSimulator *sim,
                                                 guint          ms);
/* The request to revoke @order_id's certificate, 0 when none was made; @out_comments (may be
 * NULL): what it said. */
gint64         pkio_simulator_get_revoke_request (PkioSimulator *sim,
                                                  gint64         order_id,
                                                  char         **out_comments);
guint          pkio_simulator_get_n_orders      (PkioSimulator *sim);
/* The id of the newest order (ids only grow), 0 when there is none. */
gint64         pkio_simulator_get_last_order_id (PkioSimulator *sim);
/* Changes the status of an order as CertCentral would (an administrator elsewhere, say): it
 * shows in status-changes from now on. FALSE when there is no such order. */
gboolean       pkio_simulator_set_order_status  (PkioSimulator *sim,
                                                 gint64         order_id,
                                                 const char    *status);
/* The effective status of an order ("pending", "issued", …) or NULL when unknown. */
const char    *pkio_simulator_get_order_status  (PkioSimulator *sim,
                                                 gint64         order_id);

/* Practice mode: loads orders, balance and next ids from @path now if it exists (a corrupt
 * file is moved aside to PATH.corrupt) and saves there after every change (atomically). The
 * file never holds card data or the API key. */
void           pkio_simulator_set_state_file    (PkioSimulator *sim,
                                                 const char    *path);

G_END_DECLS
