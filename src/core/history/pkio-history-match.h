/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-remote-order.h"

G_BEGIN_DECLS

/* The matching rules of reconciliation (pkio_history_reconcile_async () explains them), as
 * pure functions over what the history knows and what CertCentral answered: no I/O, so every
 * rule is unit-tested on its own (tests/test-history-match.c). */

/* How far this computer's clock may be from CertCentral's. */
#define PKIO_MATCH_CLOCK_SKEW_S  (5 * 60)
/* How long after an attempt began CertCentral can still create its order: twice the client's
 * 60 s timeout, for a server that finishes a request its client gave up on. */
#define PKIO_MATCH_MAX_FLIGHT_S  (2 * 60)

/* One UNKNOWN attempt, with what is known about its holder. Strings are borrowed. */
typedef struct
{
  gint64      local_id;
  gint64      attempted;      /* when it was journaled, Unix s, this computer's clock */
  gboolean    by_id;          /* the request named an existing individual by id only */
  const char *email;          /* from the request, or (by_id) what the history knows; or NULL */
  const char *name;           /* likewise the holder's name, or NULL */
  const char *profile;        /* certificate.profile_option of the request, or NULL */
  gint64      individual_id;  /* > 0 when by_id */
} PkioMatchAttempt;

/* One CertCentral order, with where it was found. */
typedef struct
{
  PkioRemoteOrder *order;        /* owned */
  GPtrArray       *email_hits;   /* owned, casefolded: the filters[email] lists that held it */
  gboolean         linked;       /* a record of this computer already has it */
  gboolean         details_read; /* its order info was read (GET order/certificate/{id}) */
} PkioMatchOrder;

PkioMatchOrder *pkio_match_order_new           (PkioRemoteOrder       *order);
void            pkio_match_order_free          (PkioMatchOrder        *order);
void            pkio_match_order_add_email_hit (PkioMatchOrder        *order,
                                                const char            *email);
/* Fills in what the order info adds; its status and certificate id are newer. */
void            pkio_match_order_add_details   (PkioMatchOrder        *order,
                                                const PkioRemoteOrder *info);

typedef enum
{
  PKIO_MATCH_NOT_FOUND,   /* no order can be this attempt */
  PKIO_MATCH_LINKED,      /* exactly one order is, by the rules */
  PKIO_MATCH_AMBIGUOUS,   /* several could be, or only weak ones: offer them, do not guess */
} PkioMatchOutcome;

typedef struct
{
  gint64            local_id;
  PkioMatchOutcome  outcome;
  PkioRemoteOrder  *order;        /* LINKED: a copy of the order */
  GPtrArray        *candidates;   /* AMBIGUOUS: copies of PkioRemoteOrder, oldest first */
} PkioMatchResult;

void       pkio_match_result_free           (PkioMatchResult        *result);

/* Whether @order was created when @attempt's order could have been: from
 * PKIO_MATCH_CLOCK_SKEW_S before the attempt to PKIO_MATCH_MAX_FLIGHT_S + the skew after. */
gboolean   pkio_history_match_in_window     (const PkioMatchAttempt *attempt,
                                             const PkioRemoteOrder  *order);
/* Whether reading @order's order info could tell more about it for @attempt: it is in the
 * window, may be the holder's, and lacks a name, profile or holder to compare. */
gboolean   pkio_history_match_wants_details (const PkioMatchAttempt *attempt,
                                             const PkioMatchOrder   *order);
/* Resolves @attempts (oldest first) one to one against @orders (PkioMatchOrder). Returns
 * a PkioMatchResult per attempt, in the same order. */
GPtrArray *pkio_history_match_attempts      (const PkioMatchAttempt *attempts,
                                             guint                   n_attempts,
                                             GPtrArray              *orders);

/* The candidates as stored with a record: a JSON array of orders in CertCentral's shape
 * ({"id","status","date_created","certificate":{"id","common_name","profile_option"}}).
 * NULL for none. */
char      *pkio_history_candidates_to_json  (GPtrArray              *candidates);
/* Never NULL; PkioRemoteOrder, oldest first. Unreadable text gives an empty array. */
GPtrArray *pkio_history_candidates_from_json (const char            *json);
/* Whether @order_id is one of @candidates (PkioRemoteOrder): the one check, before the
 * person's choice is read from CertCentral and again when the journal links it, that an
 * unknown attempt becomes only an order CertCentral offered for it. */
gboolean   pkio_history_candidates_have     (GPtrArray              *candidates,
                                             gint64                  order_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioMatchOrder, pkio_match_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioMatchResult, pkio_match_result_free)

G_END_DECLS
