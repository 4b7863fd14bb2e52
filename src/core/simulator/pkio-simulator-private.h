/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pkio-calendar.h"
#include "pkio-custom-fields.h"
#include "pkio-simulator.h"

G_BEGIN_DECLS

/* An order as the simulator keeps it. Never any card data: the payment method only. */
typedef struct
{
  gint64  id;
  gint64  certificate_id;
  char   *status;          /* stored status; "pending" turns "issued" at issue_at_usec */
  gint64  created_usec;    /* real time, UTC */
  gint64  issue_at_usec;   /* 0: never changes by itself */
  gint64  changed_usec;    /* last status change */
  gint64  individual_id;
  char   *first_name;
  char   *last_name;
  char   *email;
  char   *profile_option;
  char   *ship_method;
  char   *payment_method;
  gint64  price_cents;
  /* The validity asked for (one of the three; none: 1 year), and once issued the dates.
   * valid_till passing turns "issued" into "expired". */
  gint64  validity_years;
  gint64  validity_days;
  PkioDay validity_until;
  PkioDay valid_from;
  PkioDay valid_till;
  /* Who placed it, order info's "user" (NULL names: no "user" in the answer): the key's own
   * user for orders POSTed here, whom a test says for orders placed elsewhere. */
  char   *user_first_name;
  char   *user_last_name;
  char   *user_email;
  /* Renewed by a newer order (rows' "is_renewed"): what a test sets. */
  gboolean is_renewed;
  /* A revocation asked for: its request, when, what it said, and when it is approved (0:
   * never by itself); approved, the order is "revoked". */
  gint64  revoke_request_id;
  gint64  revoke_requested_usec;
  gint64  revoke_at_usec;
  gboolean revoke_approved;
  char   *revoke_comments;
} PkioSimOrder;

struct _PkioSimulator
{
  GObject       parent_instance;

  SoupServer   *server;
  GSocketService *listener;   /* accepts the connections the server serves */
  GMainContext *context;
  char         *base_url;
  guint         port;

  char         *api_key;
  char         *view_only_key;
  guint         issue_delay_ms;
  guint         revoke_delay_ms;
  guint         fault_delay_ms;
  gboolean      list_extra_fields;

  /* Rate limits (pkio-simulator-limits.c): 0 is off */
  guint         short_limit;
  guint         short_window_ms;
  guint         long_limit;
  guint         long_window_ms;
  GQueue        handled_times; /* monotonic µs of the requests handled in the longer window */
  guint         n_rate_limited;

  GPtrArray    *faults;      /* PkioSimFaultRule */
  GPtrArray    *requests;    /* PkioSimulatorRequest */
  GPtrArray    *pending;     /* PkioSimPending: paused messages waiting for a timer, and
                              streamed answers */
  guint64       streamed_bytes;

  GPtrArray    *orders;      /* PkioSimOrder, ascending id */
  GHashTable   *orders_by_id;
  gint64        next_order_id;
  gint64        next_certificate_id;
  gint64        next_request_id;
  gint64        balance_cents;
  char         *state_file;
  GPtrArray    *custom_fields;  /* PkioCustomField: the account's own order fields */
};

/* The user every key of the simulator belongs to (GET user/me). */
#define PKIO_SIM_USER_ID         1001
#define PKIO_SIM_USER_FIRST_NAME "Practice"
#define PKIO_SIM_USER_LAST_NAME  "User"
#define PKIO_SIM_USER_EMAIL      "practice.user@example.com"

typedef struct
{
  gint64      id;
  const char *first_name;
  const char *last_name;
  const char *email;
} PkioSimIndividual;

/* pkio-simulator-requests.c: the request log. A rule for @method ("*" or NULL: any) and
 * @path_prefix (NULL: any) covers a request of @req_method to @req_path. */
void        _pkio_simulator_record_request (PkioSimulator     *sim,
                                            SoupServerMessage *msg,
                                            const char        *path);
gboolean    _pkio_simulator_request_matches (const char *method,
                                             const char *path_prefix,
                                             const char *req_method,
                                             const char *req_path);

/* pkio-simulator-limits.c: TRUE when a request now is over a rate limit (and was answered
 * 429); otherwise it counts from now on. */
gboolean    _pkio_simulator_check_rate_limits (PkioSimulator     *sim,
                                               SoupServerMessage *msg);
void        _pkio_simulator_clear_rate_limits (PkioSimulator     *sim);

/* pkio-simulator.c */
void        _pkio_simulator_respond_json   (SoupServerMessage *msg,
                                            guint              status,
                                            JsonNode          *node);
void        _pkio_simulator_respond_error  (SoupServerMessage *msg,
                                            guint              status,
                                            const char        *code,
                                            const char        *field,
                                            const char        *message);
void        _pkio_simulator_handle         (PkioSimulator     *sim,
                                            SoupServerMessage *msg,
                                            const char        *path,
                                            GHashTable        *query);

/* pkio-simulator-faults.c */
void        _pkio_simulator_apply_fault    (PkioSimulator      *sim,
                                            SoupServerMessage  *msg,
                                            const char         *path,
                                            GHashTable         *query,
                                            PkioSimulatorFault  fault);
void        _pkio_simulator_cancel_pending (PkioSimulator      *sim);
/* Closes @msg's connection from the main loop, before its body is read. */
void        _pkio_simulator_drop_before_body (PkioSimulator     *sim,
                                              SoupServerMessage *msg);

/* pkio-simulator-orders.c */
void        _pkio_simulator_handle_orders  (PkioSimulator     *sim,
                                            SoupServerMessage *msg,
                                            const char        *method,
                                            const char        *path,
                                            GHashTable        *query);

/* pkio-simulator-order-record.c */
gboolean    _pkio_simulator_refresh        (PkioSimulator     *sim);
const PkioSimIndividual *_pkio_simulator_find_individual (gint64 id);
PkioSimOrder *_pkio_sim_order_new          (void);
void        _pkio_sim_order_free           (PkioSimOrder *order);
void        _pkio_simulator_insert_order   (PkioSimulator *sim,
                                            PkioSimOrder  *order);
const char *_pkio_sim_order_status         (const PkioSimOrder *order,
                                            gint64              now_usec);
/* Gives an order that is issued now its validity: from today (UTC, CertCentral's clock) for
 * what was asked. */
void        _pkio_sim_order_start_validity (PkioSimOrder *order);

typedef enum
{
  PKIO_SIM_ORDER_LIST_ROW,        /* only the fields the list is documented to return */
  PKIO_SIM_ORDER_LIST_ROW_EXTRA,  /* plus holder and shipping (set_list_extra_fields) */
  PKIO_SIM_ORDER_INFO,            /* GET order/certificate/{id}: everything */
} PkioSimOrderView;

JsonNode   *_pkio_sim_order_to_json        (const PkioSimOrder *order,
                                            PkioSimOrderView    view);

/* pkio-simulator-list.c */
void        _pkio_simulator_handle_list    (PkioSimulator     *sim,
                                            SoupServerMessage *msg,
                                            GHashTable        *query);
void        _pkio_simulator_handle_status_changes (PkioSimulator     *sim,
                                                   SoupServerMessage *msg,
                                                   GHashTable        *query);

/* pkio-simulator-revoke.c: PUT certificate/{id}/revoke (@path from "certificate/"), the
 * approval that comes by itself (TRUE when @order changed), order info's "requests". */
void        _pkio_simulator_handle_revoke  (PkioSimulator     *sim,
                                            SoupServerMessage *msg,
                                            const char        *method,
                                            const char        *path);
gboolean    _pkio_sim_order_approve_revoke (PkioSimOrder      *order,
                                            gint64             now_usec);
void        _pkio_sim_order_add_requests   (JsonBuilder        *b,
                                            const PkioSimOrder *order);

/* pkio-simulator-fields.c: GET account/metadata, and an order's values for those fields
 * checked (PkioProblem*s at pkio_custom_field_path ()). */
void        _pkio_simulator_handle_metadata (PkioSimulator     *sim,
                                             SoupServerMessage *msg);
GPtrArray  *_pkio_simulator_check_custom_fields (PkioSimulator   *sim,
                                                 const PkioOrder *order);

/* pkio-simulator-state.c */
void        _pkio_simulator_load_state     (PkioSimulator *sim);
void        _pkio_simulator_save_state     (PkioSimulator *sim);

G_END_DECLS
