/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-client.h"
#include "pkio-history-record.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

/* Before an order is placed: does this person already have a certificate of this profile,
 * ordered on any computer of the organisation? CertCentral has no duplicate check of its own
 * (docs/certcentral-api.md#duplicate-check), so the app asks it for the holder's orders and
 * decides by the rule of docs/decisions.md#duplicate-orders. */

typedef enum
{
  PKIO_DUPLICATE_NONE,       /* checked: no order that counts */
  PKIO_DUPLICATE_FOUND,      /* an order that counts: PkioDuplicate.existing */
  PKIO_DUPLICATE_UNCHECKED,  /* could not check: PkioDuplicate.error says why */
} PkioDuplicateOutcome;

typedef struct
{
  PkioDuplicateOutcome  outcome;
  /* FOUND: the order that counts, with its profile_option, status, date_created and, for an
   * issued one, valid_till. The newest when several count. */
  PkioRemoteOrder      *existing;
  /* FOUND: this computer's history says it placed that order. */
  gboolean              placed_here;
  /* UNCHECKED: why, for people: CertCentral's error, or G_IO_ERROR_NOT_FOUND when a known
   * individual has no email in this computer's history to ask CertCentral with. */
  GError               *error;
} PkioDuplicate;

void           pkio_duplicate_free (PkioDuplicate *duplicate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioDuplicate, pkio_duplicate_free)

/* What to check. */
typedef struct
{
  const char *email;            /* the holder's email (a new person), or NULL */
  gint64      individual_id;    /* a known individual, used when @email is NULL or empty */
  const char *profile;          /* "authentication", "nonrepudiation" or "encryption" */
  guint       warning_days;     /* the expiry warning period (setting expiry-warning-days) */
  gint64      ignore_order_id;  /* a renewal's predecessor, never its own duplicate; 0: none */
} PkioDuplicateQuery;

/* The rule for one order of the holder, as CertCentral describes it: TRUE when it is of
 * @profile and either in progress (pending, needs_approval, processing, waiting_pickup,
 * reissue_pending) or issued, not ending within @window's warning period (an issued order
 * without an end date counts), not renewed (@order->is_renewed, or @replaced: a newer issued
 * order of the profile exists) and without a revocation requested. An order whose profile is
 * not known does not count here; the check learns it from order info first. */
gboolean       pkio_duplicate_counts (const PkioRemoteOrder  *order,
                                      const char             *profile,
                                      const PkioExpiryWindow *window,
                                      gboolean                replaced);

/* TRUE for the statuses of an order still in progress (above). */
gboolean       pkio_duplicate_status_in_progress (const char *status);

/* Asks CertCentral (GET order/certificate with filters[product_name_id] and filters[email];
 * then GET order/certificate/{id} for an order whose profile the row does not say and for
 * every issued one that may count, to see its revocation requests). For a known individual
 * the email comes from an earlier order of that id in @store (NULL: none known). Never fails
 * but for cancellation: CertCentral's trouble is PKIO_DUPLICATE_UNCHECKED. Nothing is
 * written. */
void           pkio_duplicate_check_async  (PkioClient               *client,
                                            PkioHistoryStore         *store,
                                            const PkioDuplicateQuery *query,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data);
PkioDuplicate *pkio_duplicate_check_finish (GAsyncResult             *result,
                                            GError                  **error);

/* For people (pkio-duplicate-text.c): FOUND "Anna de Vries already has an authentication
 * certificate on order 843668399, pending since 3 December, placed on another computer.";
 * UNCHECKED "Could not check whether this person already has a certificate of this kind: …";
 * NONE NULL. In the app's language. */
char          *pkio_duplicate_dup_text        (const PkioDuplicate *duplicate);
/* For scripts, never translated: "already-ordered: order 843668399, authentication, pending
 * since 2026-12-03" (an issued one: "…, issued, valid until 2029-12-03"); NULL unless FOUND. */
char          *pkio_duplicate_dup_script_line (const PkioDuplicate *duplicate);

G_END_DECLS
