/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-record.h"

G_BEGIN_DECLS

/* The store's worker thread fills a fresh record from a database row, then hands it to the
 * main thread, which either adds it to the model or copies it into the record already there.
 * After the hand-over only the main thread touches a record. */
struct _PkioHistoryRecord
{
  GObject          parent_instance;

  gint64           local_id;
  PkioRecordState  state;
  PkioRecordOrigin origin;
  gint64           order_id;
  gint64           certificate_id;
  char            *remote_status;
  gint64           created;
  gint64           updated;
  gint64           last_synced;
  char            *holder_name;
  char            *holder_email;
  gint64           individual_id;
  char            *profile;
  char            *ship_method;
  char            *account;
  char            *request_json;
  char            *errors_json;
  char            *candidates_json;  /* UNKNOWN only: orders that may be it (see match.h) */
  PkioDay          valid_from;       /* the certificate's validity, 0 when not known */
  PkioDay          valid_till;
  gboolean         has_days_remaining;
  gint64           days_remaining;   /* CertCentral's count when it was last read */
  gint64           status_changed;   /* when remote_status last changed, as seen here */
  PkioDay          expiry_warned;    /* the valid_till the person was warned about, or 0 */
  char            *placed_by;        /* who placed it, as CertCentral's order info says */
  gint64           replaces_order_id;     /* a renewal: the order it replaces */
  gint64           replaced_by_order_id;  /* the order placed to replace this one */
  PkioRevokeState  revoke_state;
  gint64           revoke_request_id;     /* CertCentral's request, 0 when not known */
  char            *revoke_reason;         /* PkioRevokeReason's name */
  char            *revoke_requester;      /* who asked: user/me of the key, "Name <email>" */
  gint64           revoke_time;           /* when it was asked */
  char            *batch_key;        /* placed from a batch file: the batch's content key, */
  char            *batch_row;        /* the row's content key (pkio-batch.h) */
  char            *batch_file;       /* and the file's name; all NULL for a single order */

  GPtrArray       *candidates;    /* parsed from candidates_json on first use */
  char            *search_key;    /* folded "name\nemail\norder id\ncertificate id" */
  guint64          search_mask;   /* which bytes occur in search_key (see byte_bit ()) */
};

PkioHistoryRecord *_pkio_history_record_new         (void);
/* Call after filling the fields by hand. */
void               _pkio_history_record_refresh_key (PkioHistoryRecord *self);
/* Copies every field of @from into @self and notifies the properties that changed. */
void               _pkio_history_record_update_from (PkioHistoryRecord *self,
                                                     PkioHistoryRecord *from);
/* Model order: UNKNOWN (and SENDING) first, then newest first, then highest local id. */
int                _pkio_history_record_compare     (PkioHistoryRecord *a,
                                                     PkioHistoryRecord *b);

G_END_DECLS
