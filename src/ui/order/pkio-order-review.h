/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_REVIEW (pkio_order_review_get_type ())
G_DECLARE_FINAL_TYPE (PkioOrderReview, pkio_order_review, PKIO, ORDER_REVIEW, AdwBin)

/* What the page says besides the order itself. */
typedef struct
{
  const char *balance_text;   /* "4900.00 EUR", or NULL when not known */
  const char *card_last4;     /* of a new card */
  const char *known_person;   /* who the CertCentral number belongs to, or NULL */
  gboolean    needs_key;      /* no API key: "Place order" leads to setting one up */
  gboolean    practice;
  const char *replaced_text;  /* a renewal (order->replaces_order_id): the certificate it
                                 replaces in a few words, or NULL */
  GPtrArray  *custom_fields;  /* the account's own order fields shown in the form
                                 (PkioCustomField), or NULL */
} PkioOrderReviewExtras;

/* "Review order": everything in plain words, with what costs money (validity, shipping,
 * payment) in its own group at the top; a renewal says first which order it replaces. Buttons: "Place order" (action "order.place") and
 * "Back to the form" ("order.back"). */
PkioOrderReview *pkio_order_review_new         (void);
void             pkio_order_review_show        (PkioOrderReview             *self,
                                                const PkioOrder             *order,
                                                const PkioOrderReviewExtras *extras);
/* While the order is on its way: everything locked, a spinner. */
void             pkio_order_review_set_sending (PkioOrderReview             *self,
                                                gboolean                     sending);
/* CertCentral no longer accepts the API key: says so above the order, with "Replace key…"
 * (win.replace-key). The view keeps "Place order" from sending meanwhile. */
void             pkio_order_review_set_key_rejected (PkioOrderReview        *self,
                                                     gboolean                rejected);
/* Why the last attempt did not go out (NULL hides it). */
void             pkio_order_review_set_error   (PkioOrderReview             *self,
                                                const char                  *message);

/* What the duplicate check (issue 20) says on the page. */
typedef enum
{
  PKIO_ORDER_REVIEW_DUPLICATE_NONE,       /* nothing to say: checked and none, or not asked */
  PKIO_ORDER_REVIEW_DUPLICATE_CHECKING,   /* asking CertCentral: a spinner */
  PKIO_ORDER_REVIEW_DUPLICATE_FOUND,      /* @text names the order; "Order anyway" needs the
                                             "Yes, I want a second one" box ticked */
  PKIO_ORDER_REVIEW_DUPLICATE_UNCHECKED,  /* @text says it could not check; the person may go
                                             on */
} PkioOrderReviewDuplicate;

/* @order_id: FOUND, the order "Show that order in History" opens (win.show-order-id). */
void             pkio_order_review_set_duplicate (PkioOrderReview          *self,
                                                  PkioOrderReviewDuplicate  state,
                                                  const char               *text,
                                                  gint64                    order_id);
/* FALSE while a duplicate was found and the person has not ticked that a second one is
 * wanted; TRUE otherwise. Notified as the property "place-confirmed". */
gboolean         pkio_order_review_get_place_confirmed (PkioOrderReview *self);

/* Plain words, shared with the result page. */
char            *pkio_order_review_describe_validity (const PkioValidity *validity);
char            *pkio_order_review_describe_payment  (const PkioOrder    *order,
                                                      const char         *balance_text,
                                                      const char         *card_last4);

G_END_DECLS
