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

/* One CertCentral exchange: rate limit, send, bounded read, guard, status mapping, retries for
 * GET only. @path_and_query is relative to the base URL and already escaped. The result is the
 * parsed answer of a 2xx (NULL for an empty 2xx, e.g. 204). */
void      _pkio_client_request_async  (PkioClient          *self,
                                       const char          *method,
                                       const char          *path_and_query,
                                       JsonNode            *body,
                                       gboolean             is_order_post,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
JsonNode *_pkio_client_request_finish (PkioClient          *self,
                                       GAsyncResult        *result,
                                       GError             **error);

SoupSession *_pkio_client_get_shared_session (void);
GError      *_pkio_client_bad_answer_error    (void);

G_END_DECLS
