/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pkio-order.h"
#include "pkio-remote-order.h"

G_BEGIN_DECLS

/* What this computer knows about an order attempt. */
typedef enum
{
  PKIO_RECORD_STATE_SENDING,   /* journaled, the request is (about to be) on its way */
  PKIO_RECORD_STATE_PLACED,    /* CertCentral answered with an order id */
  PKIO_RECORD_STATE_REJECTED,  /* CertCentral answered errors[]: not placed */
  PKIO_RECORD_STATE_UNKNOWN,   /* no answer: it may or may not have been placed */
  PKIO_RECORD_STATE_REMOTE,    /* placed elsewhere (web portal, a colleague), seen in a sync */
} PkioRecordState;

typedef enum
{
  PKIO_RECORD_ORIGIN_THIS_COMPUTER,
  PKIO_RECORD_ORIGIN_ELSEWHERE,
  PKIO_RECORD_ORIGIN_EXAMPLE,   /* practice mode's example orders, so a first look is not empty */
} PkioRecordOrigin;

/* The status filter of the history:
 * - IN_PROGRESS: sending, and placed orders whose CertCentral status is pending,
 *   needs_approval, processing, waiting_pickup, reissue_pending, needs_csr, not known yet,
 *   or a status this app does not know;
 * - ISSUED: status issued;
 * - PROBLEM: rejected by CertCentral (locally or status "rejected"), canceled, revoked, expired;
 * - UNKNOWN: the outcome of the attempt is unknown (state UNKNOWN). The "problems" filter shows
 *   these too (see pkio_history_record_matches_category ()), as they need attention first. */
typedef enum
{
  PKIO_STATUS_CATEGORY_IN_PROGRESS,
  PKIO_STATUS_CATEGORY_ISSUED,
  PKIO_STATUS_CATEGORY_PROBLEM,
  PKIO_STATUS_CATEGORY_UNKNOWN,
} PkioStatusCategory;

#define PKIO_TYPE_RECORD_STATE (pkio_record_state_get_type ())
#define PKIO_TYPE_RECORD_ORIGIN (pkio_record_origin_get_type ())
#define PKIO_TYPE_STATUS_CATEGORY (pkio_status_category_get_type ())
GType pkio_record_state_get_type     (void) G_GNUC_CONST;
GType pkio_record_origin_get_type    (void) G_GNUC_CONST;
GType pkio_status_category_get_type  (void) G_GNUC_CONST;

/* Where a revocation of the record's certificate stands, as this computer knows. */
typedef enum
{
  PKIO_REVOKE_NONE,       /* none asked, or the last attempt came to nothing (its timeline says) */
  PKIO_REVOKE_SENDING,    /* journaled, the request is (about to be) on its way */
  PKIO_REVOKE_REQUESTED,  /* CertCentral has the request: an administrator of the account
                             approves it, then the status becomes "revoked" */
  PKIO_REVOKE_UNKNOWN,    /* sent, no usable answer: check it before asking again */
} PkioRevokeState;

/* Why a certificate is revoked: the person's choice, said to the administrator who approves it
 * (in "comments": docs/decisions.md#revoke). */
typedef enum
{
  PKIO_REVOKE_REASON_LOST,           /* the token is lost or stolen */
  PKIO_REVOKE_REASON_LEFT,           /* the holder has left or no longer needs it */
  PKIO_REVOKE_REASON_WRONG_DETAILS,  /* the certificate's details are wrong */
  PKIO_REVOKE_REASON_OTHER,          /* another reason, said in the comment */
} PkioRevokeReason;

/* Stable names: "none", "sending", "requested", "unknown" (exports). */
const char         *pkio_revoke_state_to_string            (PkioRevokeState   state);
/* Stable names: "lost", "left", "wrong-details", "other" (the CLI's --reason, the record). */
const char         *pkio_revoke_reason_to_string           (PkioRevokeReason  reason);
gboolean            pkio_revoke_reason_from_string         (const char       *name,
                                                            PkioRevokeReason *out_reason);
/* Translated, for people: "The token is lost or stolen", … */
const char         *pkio_revoke_reason_label               (PkioRevokeReason  reason);

/* The choices of the view's status filter. */
typedef enum
{
  PKIO_STATUS_FILTER_ALL,
  PKIO_STATUS_FILTER_IN_PROGRESS,
  PKIO_STATUS_FILTER_ISSUED,
  PKIO_STATUS_FILTER_PROBLEMS,   /* PROBLEM and UNKNOWN */
  PKIO_STATUS_FILTER_ENDS_SOON,  /* PKIO_EXPIRY_ENDS_SOON (see below) */
  PKIO_STATUS_FILTER_ENDED,      /* PKIO_EXPIRY_ENDED */
} PkioStatusFilter;

/* What a certificate's end date means on a given day. */
typedef enum
{
  PKIO_EXPIRY_NONE,       /* no issued certificate, or its end date is not known */
  PKIO_EXPIRY_VALID,      /* issued, and it ends after the warning period */
  PKIO_EXPIRY_ENDS_SOON,  /* issued, and valid_till minus today is 0 to N days, both included */
  PKIO_EXPIRY_ENDED,      /* expired or revoked, or issued with valid_till before today */
} PkioExpiry;

/* The warning period: how many days ahead "ends soon" looks (the setting
 * expiry-warning-days), from which day. Days are calendar dates in the person's time zone. */
typedef struct
{
  PkioDay today;
  guint   warning_days;
} PkioExpiryWindow;

#define PKIO_EXPIRY_WARNING_DAYS_DEFAULT 60

/* @window from today (pkio_calendar_today () in the person's time zone) and @warning_days. */
void                pkio_expiry_window_init                (PkioExpiryWindow *window,
                                                            guint             warning_days);

#define PKIO_TYPE_HISTORY_RECORD (pkio_history_record_get_type ())
G_DECLARE_FINAL_TYPE (PkioHistoryRecord, pkio_history_record, PKIO, HISTORY_RECORD, GObject)

/* Records are created and updated by PkioHistoryStore only; every property is read-only
 * and notifies when a sync or an outcome changes it (on the main thread). */
gint64              pkio_history_record_get_local_id       (PkioHistoryRecord *self);
PkioRecordState     pkio_history_record_get_state          (PkioHistoryRecord *self);
PkioRecordOrigin    pkio_history_record_get_origin         (PkioHistoryRecord *self);
gint64              pkio_history_record_get_order_id       (PkioHistoryRecord *self);  /* 0: none */
gint64              pkio_history_record_get_certificate_id (PkioHistoryRecord *self);  /* 0: none */
/* Raw CertCentral status, or NULL. */
const char         *pkio_history_record_get_remote_status  (PkioHistoryRecord *self);
/* Times are Unix seconds (UTC); 0 = never. dup_* give a GDateTime in UTC (NULL for 0). */
gint64              pkio_history_record_get_created        (PkioHistoryRecord *self);
gint64              pkio_history_record_get_updated        (PkioHistoryRecord *self);
gint64              pkio_history_record_get_last_synced    (PkioHistoryRecord *self);
GDateTime          *pkio_history_record_dup_created        (PkioHistoryRecord *self);
const char         *pkio_history_record_get_holder_name    (PkioHistoryRecord *self);
const char         *pkio_history_record_get_holder_email   (PkioHistoryRecord *self);
gint64              pkio_history_record_get_individual_id  (PkioHistoryRecord *self);
const char         *pkio_history_record_get_profile        (PkioHistoryRecord *self);  /* raw */
const char         *pkio_history_record_get_ship_method    (PkioHistoryRecord *self);  /* raw */
const char         *pkio_history_record_get_account        (PkioHistoryRecord *self);
/* TRUE for an order placed here: the database keeps the request it was placed with (the
 * storage JSON, never card data), which pkio_history_store_read_request_async () reads. The
 * record does not keep it in memory (issue 24). */
gboolean            pkio_history_record_has_request        (PkioHistoryRecord *self);
const char         *pkio_history_record_get_errors_json    (PkioHistoryRecord *self);
/* The certificate's validity as CertCentral reported it; 0 when not known. */
PkioDay             pkio_history_record_get_valid_from     (PkioHistoryRecord *self);
PkioDay             pkio_history_record_get_valid_till     (PkioHistoryRecord *self);
/* CertCentral's days_remaining when it was last read (stale by the days since): FALSE when it
 * sent none. What the app shows is counted from valid_till (get_days_left ()). */
gboolean            pkio_history_record_get_days_remaining (PkioHistoryRecord *self,
                                                            gint64            *out_days);
/* A renewal: the order it replaces, and on the replaced one the order that replaces it (0:
 * none). */
gint64              pkio_history_record_get_replaces_order_id    (PkioHistoryRecord *self);
gint64              pkio_history_record_get_replaced_by_order_id (PkioHistoryRecord *self);
/* The revocation of the certificate, as far as this computer knows: its state, CertCentral's
 * request id (0: none or not known), why (a PkioRevokeReason name, or NULL), who asked and
 * when (Unix seconds, 0: never). */
PkioRevokeState     pkio_history_record_get_revoke_state   (PkioHistoryRecord *self);
gint64              pkio_history_record_get_revoke_request_id (PkioHistoryRecord *self);
const char         *pkio_history_record_get_revoke_reason  (PkioHistoryRecord *self);
const char         *pkio_history_record_get_revoke_requester (PkioHistoryRecord *self);
gint64              pkio_history_record_get_revoke_time    (PkioHistoryRecord *self);
/* TRUE for an issued certificate with a known certificate id and no revocation on its way or
 * unsettled (an UNKNOWN one must be checked first). */
gboolean            pkio_history_record_can_revoke         (PkioHistoryRecord *self);
/* TRUE for a certificate that ends soon or has ended and that no order replaces yet: "Order a
 * new certificate" is offered. */
gboolean            pkio_history_record_can_renew          (PkioHistoryRecord      *self,
                                                            const PkioExpiryWindow *window);
/* The order that renews this one ("Order a new certificate"): for the same holder (by the
 * CertCentral individual id when the record knows it, otherwise with the details of
 * @request_json, the request the database keeps (pkio_history_store_read_request_async ()),
 * or for an order placed elsewhere (@request_json NULL) the name and email CertCentral gave),
 * with the same profile, signature, shipping and validity, and replaces_order_id set to this
 * order. Never card data; the agreement is asked for again; a fixed end date, which has passed
 * or is about to, becomes the default validity. NULL when the record has no order id, or
 * neither a request, an individual id nor an email to order for. */
PkioOrder          *pkio_history_record_dup_renewal        (PkioHistoryRecord      *self,
                                                            const char             *request_json);
/* Whether pkio_history_record_dup_renewal () can find someone to order for, without the
 * request: an order id, and a stored request, an individual id or an email. */
gboolean            pkio_history_record_has_renewal_holder (PkioHistoryRecord      *self);
/* When CertCentral's status last changed as this computer saw it (Unix seconds), 0: never. */
gint64              pkio_history_record_get_status_changed (PkioHistoryRecord *self);
/* valid_till minus @today in days (negative once it has ended); FALSE when valid_till is not
 * known. */
gboolean            pkio_history_record_get_days_left      (PkioHistoryRecord      *self,
                                                            PkioDay                 today,
                                                            gint64                 *out_days);
PkioExpiry          pkio_history_record_get_expiry         (PkioHistoryRecord      *self,
                                                            const PkioExpiryWindow *window);
/* The end date (valid_till) the person was warned about, 0 when never. */
PkioDay             pkio_history_record_get_expiry_warned  (PkioHistoryRecord      *self);
/* TRUE for a certificate that ends soon by @window and that the person has not been warned
 * about for this end date yet. */
gboolean            pkio_history_record_needs_expiry_warning (PkioHistoryRecord      *self,
                                                              const PkioExpiryWindow *window);
/* Who placed the order, as CertCentral's order info named them ("Ada Admin"), or NULL when it
 * did not (docs/decisions.md#who-placed-an-order: never guessed). */
const char         *pkio_history_record_get_placed_by      (PkioHistoryRecord *self);
/* The name of the batch file (spreadsheet) the order was placed from, or NULL when it was
 * placed on its own. */
const char         *pkio_history_record_get_batch_file     (PkioHistoryRecord *self);
/* The journal's keys of a batch row (pkio-batch-placer.h): the batch's, then the row's, or
 * NULL for an order placed on its own. */
const char         *pkio_history_record_get_batch_key      (PkioHistoryRecord *self);
const char         *pkio_history_record_get_batch_row      (PkioHistoryRecord *self);
/* CertCentral's errors[] entries for a refused order (PkioApiErrorEntry), read from what the
 * record keeps; empty (never NULL) when there are none. */
GPtrArray          *pkio_history_record_dup_errors         (PkioHistoryRecord *self);

/* The order of a request the history keeps (@request_json, as
 * pkio_history_store_read_request_finish () gives it: never card data), to order again for
 * the same person; NULL for NULL (orders placed elsewhere keep no request) or text that is no
 * JSON object. */
PkioOrder          *pkio_history_request_to_order          (const char *request_json);

/* One scalar of the request a record keeps, by its dotted path ("ship_info.city"). */
typedef enum
{
  PKIO_STORED_TEXT,
  PKIO_STORED_NUMBER,   /* text holds the digits */
  PKIO_STORED_BOOLEAN,  /* see boolean */
  PKIO_STORED_NULL,
  PKIO_STORED_OTHER,    /* an array: text holds its JSON */
} PkioStoredKind;

typedef struct
{
  char           *path;
  PkioStoredKind  kind;
  char           *text;
  gboolean        boolean;
} PkioStoredValue;

/* Every scalar of a kept request (PkioStoredValue), in its order; empty (never NULL) for NULL
 * (orders placed elsewhere keep none). */
GPtrArray          *pkio_history_request_dup_values        (const char *request_json);
/* An UNKNOWN attempt that CertCentral has several orders for, which could not be told apart:
 * those orders (PkioRemoteOrder: id, status, date, certificate id, and the holder name and
 * profile when CertCentral gave them), oldest first, for the person to choose from. Empty
 * otherwise, never NULL. Property "candidates" notifies when they change. */
GPtrArray          *pkio_history_record_get_candidates     (PkioHistoryRecord *self);

PkioStatusCategory  pkio_history_record_get_status_category (PkioHistoryRecord *self);
/* Translated, for people: "Issued", "Waiting for pickup", "Outcome unknown", …; a CertCentral
 * status this app does not know is shown raw. */
const char         *pkio_history_record_get_status_label   (PkioHistoryRecord *self);
/* Translated: what the status means in a sentence, where a label says too little (waiting for
 * an administrator's approval, and since when); NULL otherwise. */
char               *pkio_history_record_dup_status_sentence (PkioHistoryRecord *self);
/* Translated label of a raw CertCentral status (the raw text when unknown). */
const char         *pkio_history_status_label              (const char *raw_status);
PkioStatusCategory  pkio_history_status_category           (const char *raw_status);
const char         *pkio_history_profile_label             (const char *profile);
const char         *pkio_history_ship_method_label         (const char *ship_method);
/* A certificate date for people, "27 Dec 2026" (month names in the app's language); NULL for
 * 0. */
char               *pkio_history_day_dup_text              (PkioDay day);
/* Translated "This computer" / "Elsewhere". */
const char         *pkio_history_origin_label              (PkioRecordOrigin origin);
/* Who the order is for, for lists: the name, else the email, else "Individual 21" (ordered
 * for an existing individual before CertCentral told us the name), else NULL. */
char               *pkio_history_holder_label              (const char       *name,
                                                            const char       *email,
                                                            gint64            individual_id);
char               *pkio_history_record_dup_holder_label   (PkioHistoryRecord *self);
/* One order that may be an UNKNOWN attempt, for people: "843668399 (2026-05-04 10:03,
 * Pending)" (local time, translated status). */
char               *pkio_history_candidate_dup_label       (const PkioRemoteOrder *order);
/* For an UNKNOWN record with candidates, one translated line naming them: "Order attempt of
 * 2026-05-04 10:03 for John Doe: is it one of these? 843668399 (…), 843668400 (…)". NULL
 * otherwise. */
char               *pkio_history_record_dup_candidates_text (PkioHistoryRecord *record);
/* Stable machine names used in CSV/JSON: "sending", "placed", …, "this-computer", … */
const char         *pkio_record_state_to_string            (PkioRecordState state);
const char         *pkio_record_origin_to_string           (PkioRecordOrigin origin);
gboolean            pkio_history_record_can_cancel         (PkioHistoryRecord *self);

/* Search: @query as a substring of the holder name, email, order id or certificate id, both
 * case-folded and without accents ("muller" finds "Müller"). NULL or blank matches everything.
 * These look at one record; a list of the whole history asks the store's index instead
 * (PkioHistoryResults, pkio-history-results.h). */
/* A search prepared once (folded). NULL for an empty text: it matches everything. */
typedef struct _PkioHistoryQuery PkioHistoryQuery;
PkioHistoryQuery   *pkio_history_query_new                 (const char *text);
void                pkio_history_query_free                (PkioHistoryQuery *query);
gboolean            pkio_history_record_matches_query      (PkioHistoryRecord      *self,
                                                            const PkioHistoryQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioHistoryQuery, pkio_history_query_free)
gboolean            pkio_history_record_matches            (PkioHistoryRecord *self,
                                                            const char        *query);
/* @window: for ENDS_SOON and ENDED (may be NULL for the other filters). */
gboolean            pkio_history_record_matches_category   (PkioHistoryRecord      *self,
                                                            PkioStatusFilter        filter,
                                                            const PkioExpiryWindow *window);

/* One line of a record's timeline (PkioHistoryStore's get_timeline). */
/* What happened to a record, in its timeline. The database keeps the stable names
 * (pkio_history_event_kind_to_string ()). */
typedef enum
{
  PKIO_HISTORY_EVENT_OTHER,        /* a kind this version does not know */
  PKIO_HISTORY_EVENT_ATTEMPTED,    /* recorded, about to be sent */
  PKIO_HISTORY_EVENT_PLACED,       /* detail: the order id */
  PKIO_HISTORY_EVENT_REJECTED,
  PKIO_HISTORY_EVENT_UNKNOWN,      /* sent, no usable answer */
  PKIO_HISTORY_EVENT_INTERRUPTED,  /* the app stopped while sending */
  PKIO_HISTORY_EVENT_STATUS,       /* detail: CertCentral's new status */
  PKIO_HISTORY_EVENT_FOUND,        /* reconciled: detail is the order id */
  PKIO_HISTORY_EVENT_NOT_FOUND,    /* looked for at CertCentral, not found */
  PKIO_HISTORY_EVENT_CANCELED,     /* detail: the note */
  PKIO_HISTORY_EVENT_CANDIDATES,   /* detail: the order ids it may be */
  PKIO_HISTORY_EVENT_LINKED,       /* the person chose: detail is the order id */
  PKIO_HISTORY_EVENT_EXPIRY_WARNED, /* the person was told it ends soon: detail is valid_till */
  PKIO_HISTORY_EVENT_RENEWS,       /* ordered to replace an order: detail is its id */
  PKIO_HISTORY_EVENT_REPLACED,     /* an order replacing this one was placed: detail, its id */
  PKIO_HISTORY_EVENT_REVOKE_ASKED, /* revocation journaled: detail is JSON {reason, comments,
                                      requester} */
  PKIO_HISTORY_EVENT_REVOKE_REQUESTED, /* CertCentral made a request: detail its id, or NULL */
  PKIO_HISTORY_EVENT_REVOKE_REFUSED,   /* CertCentral refused it: detail, its words */
  PKIO_HISTORY_EVENT_REVOKE_NOT_SENT,  /* it never left: detail, why */
  PKIO_HISTORY_EVENT_REVOKE_UNKNOWN,   /* sent, no usable answer */
  PKIO_HISTORY_EVENT_REVOKE_INTERRUPTED, /* the app stopped while asking */
  PKIO_HISTORY_EVENT_REVOKE_NOT_FOUND,   /* checked: CertCentral has no such request */
} PkioHistoryEventKind;

const char          *pkio_history_event_kind_to_string   (PkioHistoryEventKind  kind);
PkioHistoryEventKind pkio_history_event_kind_from_string (const char           *name);

typedef struct
{
  GDateTime           *time;     /* UTC */
  PkioHistoryEventKind kind;
  char                *detail;   /* order id, status, note, …; may be NULL */
} PkioHistoryEvent;

PkioHistoryEvent   *pkio_history_event_new                 (GDateTime            *time,
                                                            PkioHistoryEventKind  kind,
                                                            const char           *detail);
void                pkio_history_event_free                (PkioHistoryEvent *event);
/* Translated sentence for the timeline, e.g. "Placed as order 1234". */
char               *pkio_history_event_get_text            (const PkioHistoryEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioHistoryEvent, pkio_history_event_free)

G_END_DECLS
