/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-record.h"

G_BEGIN_DECLS

/* The store's worker thread fills a fresh record from a database row, then hands it to the
 * main thread, which either adds it to the model or copies it into the record already there.
 * After the hand-over only the main thread touches a record. */
/* What few records have (a rejection's errors, the candidates of an unknown outcome, a renewal,
 * a revocation, a batch): kept apart, so that the 100,000 records of a large history that have
 * none of it carry one NULL pointer instead of about 100 bytes each (issue 24). */
typedef struct
{
  char            *errors_json;
  char            *candidates_json;  /* UNKNOWN only: orders that may be it (see match.h) */
  GPtrArray       *candidates;       /* parsed from candidates_json on first use */
  gint64           replaces_order_id;     /* a renewal: the order it replaces */
  gint64           replaced_by_order_id;  /* the order placed to replace this one */
  gint64           revoke_request_id;     /* CertCentral's request, 0 when not known */
  gint64           revoke_time;           /* when it was asked */
  char            *revoke_reason;         /* PkioRevokeReason's name */
  char            *revoke_requester;      /* who asked: user/me of the key, "Name <email>" */
  char            *batch_key;        /* placed from a batch file: the batch's content key, */
  char            *batch_row;        /* the row's content key (pkio-batch.h) */
  char            *batch_file;       /* and the file's name; all NULL for a single order */
  PkioRevokeState  revoke_state;
} PkioRecordRare;

struct _PkioHistoryRecord
{
  GObject          parent_instance;

  gint64           local_id;
  gint64           order_id;
  gint64           certificate_id;
  gint64           individual_id;
  gint64           created;
  gint64           updated;
  gint64           last_synced;
  gint64           status_changed;   /* when remote_status last changed, as seen here */
  /* Values many records share (a status, a profile, a shipping method, the account's address):
   * one copy for the whole process (_pkio_history_intern ()), never freed. */
  const char      *remote_status;
  const char      *profile;         /* interned, as remote_status */
  const char      *ship_method;     /* interned */
  const char      *account;         /* interned */
  char            *holder_name;
  char            *holder_email;
  char            *placed_by;        /* who placed it, as CertCentral's order info says */
  PkioRecordRare  *rare;             /* NULL: none of it (_pkio_history_record_rare ()) */
  /* The folded search key ("name\nemail\norder id\ncertificate id\n\n", see
   * _pkio_history_record_append_key ()), made on the worker thread; the store's index takes
   * it over when the record enters the model, and frees it here. */
  char            *search_key;
  PkioDay          valid_from;       /* the certificate's validity, 0 when not known */
  PkioDay          valid_till;
  PkioDay          expiry_warned;    /* the valid_till the person was warned about, or 0 */
  gint32           days_remaining;   /* CertCentral's count when it was last read */
  guint32          slot;          /* in the store's index; PKIO_HISTORY_NO_SLOT outside it */
  guint8           state;            /* PkioRecordState */
  guint8           origin;           /* PkioRecordOrigin */
  guint            has_days_remaining : 1;
  /* The database keeps the request it was placed with (read when needed:
   * pkio_history_store_read_request_async ()); the record does not (issue 24). */
  guint            has_request : 1;
};

/* A record's rare fields, to read: all zero and NULL when it has none. */
static inline const PkioRecordRare *
_pkio_history_record_rare (const PkioHistoryRecord *self)
{
  static const PkioRecordRare none;

  return self->rare != NULL ? self->rare : &none;
}

/* A record's rare fields, to write: made when it had none. A record filled field by field
 * calls _pkio_history_record_trim () afterwards, so that writing zeros leaves none. */
PkioRecordRare    *_pkio_history_record_rare_mut    (PkioHistoryRecord *self);
void               _pkio_history_record_trim        (PkioHistoryRecord *self);

/* @text kept once for the whole process (g_intern_string (); thread-safe), or NULL. */
static inline const char *
_pkio_history_intern (const char *text)
{
  return text != NULL ? g_intern_string (text) : NULL;
}

#define PKIO_N_STATUS_CATEGORIES 4

PkioHistoryRecord *_pkio_history_record_new         (void);
/* Call after filling the fields by hand (on the worker thread: folding is not free). */
void               _pkio_history_record_refresh_key (PkioHistoryRecord *self);
/* Appends the folded search key of @self to @key. */
void               _pkio_history_record_append_key  (PkioHistoryRecord *self,
                                                     GString           *key);
/* @text case-folded and without accents ("Müller" -> "muller"), appended to @out. */
void               _pkio_history_fold_append        (GString           *out,
                                                     const char        *text);
char              *_pkio_history_fold               (const char        *text);
const char        *_pkio_history_query_get_folded   (const PkioHistoryQuery *query,
                                                     gsize                  *length);
/* Both NULL (match everything) or both the same folded text. */
gboolean           _pkio_history_query_equal        (const PkioHistoryQuery *a,
                                                     const PkioHistoryQuery *b);
/* The categories (a bit per PkioStatusCategory) @filter lets through; "Ends soon" and "Ended"
 * let every category through and look at the end key (below). */
guint              _pkio_status_filter_categories   (PkioStatusFilter   filter);
/* What pkio_history_record_get_expiry () needs of a record, in one number that does not depend
 * on the day: PKIO_END_KEY_NONE (no certificate, or its end is not known), PKIO_END_KEY_ENDED
 * (expired or revoked), or valid_till of an issued one. The store's index keeps one per
 * record, so that "Ends soon" and "Ended" are a pass over an array of numbers. */
#define PKIO_END_KEY_NONE  0u
#define PKIO_END_KEY_ENDED G_MAXUINT32
guint32            _pkio_history_record_get_end_key (PkioHistoryRecord *self);
PkioExpiry         _pkio_expiry_from_end_key        (guint32                 end_key,
                                                     const PkioExpiryWindow *window);
/* Copies every field of @from into @self and notifies the properties that changed. */
void               _pkio_history_record_update_from (PkioHistoryRecord *self,
                                                     PkioHistoryRecord *from);
/* Model order: UNKNOWN (and SENDING) first, then newest first, then highest local id. */
int                _pkio_history_record_compare     (PkioHistoryRecord *a,
                                                     PkioHistoryRecord *b);

G_END_DECLS
