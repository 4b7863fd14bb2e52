/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

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
} PkioRemoteOrder;

PkioRemoteOrder *pkio_remote_order_new       (void);
void             pkio_remote_order_free      (PkioRemoteOrder *order);
PkioRemoteOrder *pkio_remote_order_copy      (const PkioRemoteOrder *order);

/* Reads one order object. Returns NULL with @error (PKIO_API_ERROR_BAD_ANSWER-like message in
 * G_IO_ERROR_INVALID_DATA) when the object has no integer "id"/"order_id". Other fields are
 * read leniently: a wrong type is treated as absent. */
PkioRemoteOrder *pkio_remote_order_from_json (JsonObject *object,
                                              GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioRemoteOrder, pkio_remote_order_free)

G_END_DECLS
