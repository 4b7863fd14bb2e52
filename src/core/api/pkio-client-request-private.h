/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pkio-client-private.h"

G_BEGIN_DECLS

/* One CertCentral exchange (_pkio_client_request_async), shared by its two halves:
 * pkio-client-request.c sends it and reads the answer's bytes (attempts, rate limiter, timeout,
 * cancel, retries, what a failed transport means); pkio-client-answer.c says what a complete
 * answer means (status, body, parse). It is the task data of the request's GTask, which every
 * function below takes. */
typedef struct
{
  char             *method;
  char             *path;           /* for g_debug only: never the query (it may hold an email) */
  GUri             *uri;
  GBytes           *body;
  PkioRequestFlags  flags;
  guint             attempt;

  SoupMessage      *msg;
  GCancellable     *attempt_cancellable;
  gulong            cancel_id;
  GSource          *timeout_source;
  GSource          *retry_source;
  GSource          *retry_cancel_source;
  gboolean          timed_out;
  gboolean          request_sent;   /* headers went out: the server may act on it */
  gboolean          change_done;    /* REVOKES: a 2xx came; only its body is still being read */
  GInputStream     *stream;
  GByteArray       *buffer;
} PkioClientRequest;

/* pkio-client-request.c. Each ends the attempt and completes @task, or keeps it for the next
 * attempt; each takes over the caller's reference to @task. */

/* Completes with @root_owned (NULL: a 2xx without an answer, as a 204 or a revocation whose
 * body could not be read). */
void     _pkio_client_request_return         (GTask    *task,
                                              JsonNode *root_owned);
void     _pkio_client_request_fail           (GTask    *task,
                                              GError   *error_owned);
gboolean _pkio_client_request_can_retry      (PkioClientRequest *req);
/* After the backoff, or @retry_after_s when longer (bounded). */
void     _pkio_client_request_schedule_retry (GTask    *task,
                                              guint     retry_after_s);

/* pkio-client-answer.c */

/* The answer is all in req->buffer: what it means, by its status and its body. */
void     _pkio_client_answer_handle          (GTask    *task);
/* The answer could not be read (too large, or not what a 2xx must be): @error_owned says why;
 * for a request that may have taken effect, that is a success or an unknown outcome instead. */
void     _pkio_client_answer_unreadable      (GTask    *task,
                                              GError   *error_owned);

G_END_DECLS
