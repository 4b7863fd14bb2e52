/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pkio-client.h"

G_BEGIN_DECLS

struct _PkioClient
{
  GObject          parent_instance;

  SoupSession     *session;       /* the process-wide one */
  GUri            *base_uri;
  char            *base_url;
  char            *api_key;
  PkioRateLimiter *limiter;
  guint            timeout_ms;
  guint            retry_base_ms;
};

/* How one exchange is handled. */
typedef enum
{
  PKIO_REQUEST_NONE             = 0,
  PKIO_REQUEST_RETRY            = 1 << 0,  /* a read: retried with backoff on 429, 5xx and
                                              network errors (bounded) */
  PKIO_REQUEST_FRESH_CONNECTION = 1 << 1,  /* never a pooled connection: a stale one could turn
                                              a request that never left into an unknown one */
  PKIO_REQUEST_PLACES_ORDER     = 1 << 2,  /* once the body has left, any failure (timeout,
                                              reset, 5xx, unreadable 2xx) is OUTCOME_UNKNOWN,
                                              and an empty 2xx is not success */
  PKIO_REQUEST_CHANGES_ORDER    = 1 << 3,  /* a change of an order (the cancel): once it has
                                              left, a timeout, reset or 5xx is OUTCOME_UNKNOWN
                                              ("may or may not have been canceled"); any 2xx
                                              is success, its body unread */
  PKIO_REQUEST_REVOKES          = 1 << 4,  /* with CHANGES_ORDER, the revocation: its words
                                              say "revoke"; a 2xx is success too, and its body
                                              (the request CertCentral made) is read when it
                                              can be: unreadable, slow or cut off, it is still
                                              a success, without the answer */
} PkioRequestFlags;

/* GETs are safe to repeat; the order POST never is (RFC 7230 6.3.1), and CertCentral has no
 * idempotency key. The cancel is not repeated either: a fresh connection keeps libsoup from
 * sending the PUT a second time on its own when a pooled connection turns out closed. */
#define PKIO_REQUEST_READ       (PKIO_REQUEST_RETRY)
#define PKIO_REQUEST_ORDER_POST (PKIO_REQUEST_FRESH_CONNECTION | PKIO_REQUEST_PLACES_ORDER)
#define PKIO_REQUEST_CANCEL_PUT (PKIO_REQUEST_FRESH_CONNECTION | PKIO_REQUEST_CHANGES_ORDER)
#define PKIO_REQUEST_REVOKE_PUT (PKIO_REQUEST_CANCEL_PUT | PKIO_REQUEST_REVOKES)

/* Tests: every client created afterwards starts with this timeout and first retry delay
 * (0: the usual) and this limiter (NULL: the process-wide one), also those the workspace
 * makes for itself (checking a key). */
void         _pkio_client_set_test_defaults (guint            timeout_ms,
                                             guint            retry_base_ms,
                                             PkioRateLimiter *limiter);

/* One CertCentral exchange: rate limit, send, bounded read, guard, status mapping, and what
 * @flags ask for. @path_and_query is relative to the base URL and already escaped. The result
 * is the parsed answer of a 2xx (NULL for an empty 2xx, e.g. 204). */
void      _pkio_client_request_async  (PkioClient          *self,
                                       const char          *method,
                                       const char          *path_and_query,
                                       JsonNode            *body,
                                       PkioRequestFlags     flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
JsonNode *_pkio_client_request_finish (PkioClient          *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* Emits "key-answered" (pkio-client.h). */
void         _pkio_client_key_answered       (PkioClient *self,
                                              gboolean    accepted);

SoupSession *_pkio_client_get_shared_session (void);
GError      *_pkio_client_bad_answer_error    (void);

G_END_DECLS
