/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pkio-calendar.h"

G_BEGIN_DECLS

/* One request of an order as order info lists it ("requests":[{"id","type","status"}]): the
 * new_request of the order itself, a revoke, … */
typedef struct
{
  gint64  id;
  char   *type;     /* "new_request", "revoke", "duplicate", "reissue", … */
  char   *status;   /* "submitted", "pending", "approved", "rejected" */
} PkioRemoteRequest;

/* One order as CertCentral reports it (GET order/certificate, GET order/certificate/{id},
 * or an entry of status-changes). Only the fields the app shows or merges on are kept;
 * anything CertCentral leaves out stays NULL / 0. */
typedef struct
{
  gint64     order_id;
  gint64     certificate_id;   /* 0 when not known yet */
  char      *status;           /* raw CertCentral status, e.g. "pending", "issued" */
  GDateTime *date_created;     /* UTC, NULL when absent (status-changes) */
  char      *product_name_id;  /* "pkio_burger" */
  char      *common_name;      /* certificate.common_name: the holder's name */
  char      *email;            /* holder's email when the answer carries one */
  gint64     individual_id;    /* individual.id when the answer carries one */
  char      *profile_option;   /* certificate.profile_option when present */
  char      *ship_method;      /* ship_info.method when present */
  /* Who placed the order, as order info's "user" names them: "Ada Admin" (first and last
   * name), else their email; NULL when the answer has no "user" (list rows, status-changes,
   * and order info that does not carry it: docs/certcentral-api.md#who-placed-an-order). */
  char      *placed_by;
  /* List rows' "is_renewed" ("List orders": the order was renewed by a newer one); FALSE when
   * absent or not a boolean. */
  gboolean   is_renewed;
  /* Order info's "requests" holds a "revoke" request that is not "rejected": a revocation was
   * asked for (docs/certcentral-api.md#duplicate-check). Order info only. */
  gboolean   revocation_requested;
  /* The certificate's validity (certificate.valid_from: order info only; valid_till and
   * days_remaining: list rows and order info). 0 / FALSE when absent or not a date. */
  PkioDay    valid_from;
  PkioDay    valid_till;
  gboolean   has_days_remaining;
  gint64     days_remaining;   /* as CertCentral counted it when it answered */
  char      *first_name;       /* the individual's, when the answer carries them (order info) */
  char      *last_name;
  GPtrArray *requests;         /* PkioRemoteRequest (order info), empty when none: never NULL */
} PkioRemoteOrder;

PkioRemoteOrder *pkio_remote_order_new       (void);
void             pkio_remote_order_free      (PkioRemoteOrder *order);
PkioRemoteOrder *pkio_remote_order_copy      (const PkioRemoteOrder *order);

/* Reads one order object. Returns NULL with @error (PKIO_API_ERROR_BAD_ANSWER-like message in
 * G_IO_ERROR_INVALID_DATA) when the object has no integer "id"/"order_id". Other fields are
 * read leniently: a wrong type is treated as absent. */
PkioRemoteOrder *pkio_remote_order_from_json (JsonObject *object,
                                              GError    **error);

/* The request of @type ("revoke") with the highest id, or NULL. */
const PkioRemoteRequest *pkio_remote_order_find_request (const PkioRemoteOrder *order,
                                                         const char            *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioRemoteOrder, pkio_remote_order_free)

G_END_DECLS
