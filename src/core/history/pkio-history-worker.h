/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-history-db.h"

G_BEGIN_DECLS

/* The one thread that owns the SQLite connection. Jobs run in the order they were queued;
 * what they produce comes back to the main context as deliveries, in the same order. */
typedef struct _PkioHistoryWorker PkioHistoryWorker;
typedef struct _PkioHistoryJob PkioHistoryJob;

typedef enum
{
  PKIO_HISTORY_RESULT_BOOLEAN,
  PKIO_HISTORY_RESULT_RECORD,     /* result_int: local id of a record in the model */
  PKIO_HISTORY_RESULT_INT,        /* result_int */
  PKIO_HISTORY_RESULT_POINTER,    /* result + result_free */
  PKIO_HISTORY_RESULT_RECORDS,    /* result: GPtrArray of fresh records, mapped to the model's */
} PkioHistoryResultKind;

typedef void (*PkioHistoryJobFunc) (PkioHistoryWorker *worker,
                                    PkioHistoryJob    *job);

struct _PkioHistoryJob
{
  PkioHistoryJobFunc     func;
  GTask                 *task;
  GCancellable          *cancellable;  /* checked before the job starts */
  PkioHistoryResultKind  kind;

  /* inputs */
  gint64                 local_id;
  gint64                 order_id;
  gint64                 certificate_id;
  PkioRecordState        state;
  PkioRecordOrigin       origin;     /* of the records a merge creates */
  char                  *text;
  char                  *text2;
  char                  *text3;
  PkioRevokeState        revoke_state;
  PkioJournalEntry      *entry;
  GPtrArray             *remote;     /* PkioRemoteOrder */
  GPtrArray             *matches;    /* PkioMatchResult */
  GArray                *local_ids;  /* gint64: the records a job is about */

  /* outputs */
  GPtrArray             *changed;    /* fresh PkioHistoryRecord, to apply to the model */
  GArray                *deleted;    /* local ids to drop from the model */
  GError                *error;
  gpointer               result;
  GDestroyNotify         result_free;
  gint64                 result_int;
  char                  *moved_to;   /* open: where a damaged database went */
  gboolean               full_list_due;  /* open: a migration asks the next sync to list
                                            every order (meta full_list_due) */
};

typedef struct
{
  GPtrArray      *changed;
  GArray         *deleted;
  guint           next_changed;
  guint           next_deleted;
  PkioHistoryJob *job;            /* finished once this delivery is applied */
  gboolean        marks_loaded;
} PkioHistoryDelivery;

/* Called on the main context with each delivery; returns FALSE when out of time (it is
 * called again with the same delivery later). */
typedef gboolean (*PkioHistoryApplyFunc) (PkioHistoryDelivery *delivery,
                                          gint64               deadline,
                                          guint               *budget,
                                          gpointer             user_data);
typedef void (*PkioHistoryFlushFunc) (gpointer user_data);

PkioHistoryJob      *_pkio_history_job_new             (PkioHistoryJobFunc func,
                                                        GTask             *task);
void                 _pkio_history_job_free            (PkioHistoryJob *job);
void                 _pkio_history_delivery_free       (PkioHistoryDelivery *delivery);

PkioHistoryWorker   *_pkio_history_worker_new          (const char          *path,
                                                        PkioHistoryApplyFunc apply,
                                                        PkioHistoryFlushFunc flush,
                                                        gpointer             user_data);
/* Stops the thread (after its current job) and drops what was not applied yet. */
void                 _pkio_history_worker_shutdown     (PkioHistoryWorker *worker);
void                 _pkio_history_worker_queue        (PkioHistoryWorker *worker,
                                                        PkioHistoryJob    *job);

/* For job functions, on the worker thread. */
PkioHistoryDb       *_pkio_history_worker_get_db       (PkioHistoryWorker *worker,
                                                        GError           **error);
const char          *_pkio_history_worker_get_path     (PkioHistoryWorker *worker);
gboolean             _pkio_history_worker_open_db      (PkioHistoryWorker *worker,
                                                        PkioHistoryJob    *job);
gboolean             _pkio_history_worker_is_quitting  (PkioHistoryWorker *worker);
/* Hands @job (with its changed/deleted) back to the main context; do not touch it after. */
void                 _pkio_history_worker_deliver_job  (PkioHistoryWorker *worker,
                                                        PkioHistoryJob    *job);
/* Hands intermediate rows back (loading); @job may be NULL. */
void                 _pkio_history_worker_deliver      (PkioHistoryWorker *worker,
                                                        GPtrArray         *changed,
                                                        PkioHistoryJob    *job,
                                                        gboolean           marks_loaded);

G_END_DECLS
