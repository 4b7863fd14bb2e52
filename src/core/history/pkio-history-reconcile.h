/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-client.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

/* Reconciliation: which CertCentral order, if any, an attempt whose outcome is unknown became
 * (no answer came, or the process died while the order was in flight;
 * docs/decisions.md#the-answer-to-the-order). This is what keeps a person from paying twice, so
 * it relies only on what CertCentral is documented to answer (docs/certcentral-api.md#list-orders
 * and #order-info there), and a doubt is shown, never guessed: a wrong link would hide a real
 * duplicate or lose a record.
 *
 * Every UNKNOWN record is resolved together, oldest attempt first, one to one. The rules (the
 * decisions themselves are pkio_history_match_attempts (), pkio-history-match.c):
 *
 * 1. What is asked. Order list rows are summaries: id, status, date_created, product and
 *    certificate{id, common_name, profile_option}; never the holder's email or individual id.
 *    - A new person (the request gave names and an email): GET order/certificate with
 *      filters[email]=<that email>, filters[product_name_id]=pkio_burger and
 *      filters[date_created]>=<the day before the oldest attempt, less the clock allowance>.
 *      What comes back is taken as that holder's orders (an "email filter hit").
 *    - An existing individual (the request gave only "id"): what this history knows about that
 *      id from other records (an email, a name; newest first) stands in. A known email is asked
 *      for as above; the product's orders of that period are also listed without the email
 *      filter, as the individual's email may have changed.
 *    - Orders in an attempt's window (2.) that lack something to compare (a name, a profile,
 *      or for a by-id attempt who the holder is): their order info, GET order/certificate/{id},
 *      at most 10 calls per reconciliation, those nearest in time to an attempt first, older
 *      attempts first. The client keeps every call within CertCentral's rate limits.
 * 2. The window. An attempt's order is created after its request left, by CertCentral's
 *    clock: from PKIO_MATCH_CLOCK_SKEW_S (5 min: the clocks may differ) before the attempt
 *    to PKIO_MATCH_MAX_FLIGHT_S (2 min: a request outliving the client's 60 s timeout) plus
 *    the skew after it. An order outside the window is not the attempt's.
 * 3. Evidence, per order of the product in the window:
 *    - ruled out: the order of a record of this computer already (one to one: a CertCentral
 *      order linked to a record is never a candidate for another attempt); or it states an
 *      email, an individual id or a profile that differs from the attempt's (the profile is
 *      echoed as sent: another profile is another certificate); a new person's order the email
 *      filter did not return; a by-id attempt's order that nothing but its common_name ties
 *      to the holder, when that is not the known name;
 *    - strong: an email filter hit, the same email or the same individual id (order info), and
 *      common_name, where present, equal to the holder's name; for a by-id attempt also an
 *      order whose common_name equals the name the history knows;
 *    - weak (offered to the person, never linked by itself): the holder's by email or id but
 *      with a common_name written differently; for a by-id attempt an order nothing tells the
 *      holder of.
 *    Names compare without case, accents or extra spaces; emails and profiles without case.
 * 4. Deciding, attempt by attempt, oldest first, among the orders no older attempt took:
 *    - nothing possible: NOT FOUND (event "not-found"): most likely it was not placed;
 *    - only weak orders: AMBIGUOUS;
 *    - otherwise the earliest strong order is the attempt's (CertCentral creates an order when
 *      its request arrives, before any order that came later), unless time cannot tell them
 *      apart: another possible order has the same second or is earlier, or the earliest is
 *      older than the attempt by this computer's clock (possible only by the clock allowance)
 *      while other orders are possible too. Then AMBIGUOUS.
 *    - LINKED: the record becomes PLACED with the order's id, certificate id and status (event
 *      "found"), and no younger attempt can have that order. A copy of the order brought in
 *      earlier as placed elsewhere is folded into the record, and as this runs before a sync
 *      merges the orders placed elsewhere, the order is listed once: in the window, the CLI,
 *      the CSV and the JSON.
 *    - AMBIGUOUS: the record stays UNKNOWN and keeps every possible order as its candidates
 *      (stored with it, so they survive a restart; event "candidates" when they change); no
 *      order is taken. The person chooses one (pkio_history_link_order_async ()), or a later
 *      run decides when more is known.
 *
 * "Check outcome" of @record: runs the whole reconciliation and answers for @record: the order
 * id when it was LINKED, 0 when not (NOT FOUND, or AMBIGUOUS: see its candidates), -1 with
 * @error (the history stays as it was). A record that is not UNKNOWN answers its order id. */
void      pkio_history_reconcile_async       (PkioHistoryStore    *store,
                                              PkioClient          *client,
                                              PkioHistoryRecord   *record,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64    pkio_history_reconcile_finish      (PkioHistoryStore    *store,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The same for every UNKNOWN record (the sync runs it first). */
void      pkio_history_reconcile_all_async   (PkioHistoryStore    *store,
                                              PkioClient          *client,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  pkio_history_reconcile_all_finish  (PkioHistoryStore    *store,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The person's choice: @order_id, one of @record's candidates, is this attempt's order. Its
 * order info is read first (current status and certificate id, and that it exists); then
 * @record becomes PLACED with it. G_IO_ERROR_INVALID_ARGUMENT (nothing asked) when @record is
 * not UNKNOWN or @order_id is not one of its candidates. */
void      pkio_history_link_order_async      (PkioHistoryStore    *store,
                                              PkioClient          *client,
                                              PkioHistoryRecord   *record,
                                              gint64               order_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  pkio_history_link_order_finish     (PkioHistoryStore    *store,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
