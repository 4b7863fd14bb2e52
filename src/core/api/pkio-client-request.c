/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-api-error.h"
#include "pkio-client-request-private.h"
#include "pkio-json-guard.h"

/* Sending one CertCentral exchange and reading its answer's bytes: the attempts through the rate
 * limiter, the timeout, the cancel, the retries, and what a failed transport means for a request
 * that may have taken effect. What a complete answer means is pkio-client-answer.c's. */

#define READ_CHUNK 65536

static void start_attempt (GTask *task);

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
request_end_attempt (PkioClientRequest *req,
                     GTask   *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  destroy_source (&req->timeout_source);
  if (req->cancel_id != 0)
    {
      g_cancellable_disconnect (cancellable, req->cancel_id);
      req->cancel_id = 0;
    }
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
}

static void
request_free (PkioClientRequest *req)
{
  destroy_source (&req->timeout_source);
  destroy_source (&req->retry_source);
  destroy_source (&req->retry_cancel_source);
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_free (req->method);
  g_free (req->path);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req);
}

/* What a request that may have taken effect failed with: the order POST or the cancel PUT
 * (@req->flags), sent and then timed out or cut off. */
static GError *
outcome_unknown_error (PkioClientRequest *req,
                       gboolean           timed_out)
{
  const char *text;

  if (req->flags & PKIO_REQUEST_REVOKES)
    return pkio_api_error_new_literal (PKIO_API_ERROR_OUTCOME_UNKNOWN,
                                       timed_out
                                       ? _("CertCentral did not answer in time, so it is not known whether it took the request to revoke the certificate. Check it before you ask again.")
                                       : _("The connection to CertCentral ended before it answered, so it is not known whether it took the request to revoke the certificate. Check it before you ask again."),
                                       NULL);
  if (req->flags & PKIO_REQUEST_PLACES_ORDER)
    text = timed_out
      ? _("CertCentral did not answer in time. Your order may or may not have been placed: check the order list before ordering again.")
      : _("The connection to CertCentral ended before it answered. Your order may or may not have been placed: check the order list before ordering again.");
  else
    text = timed_out
      ? _("CertCentral did not answer in time, so the order may or may not have been canceled. Check its status in a minute before you cancel it again.")
      : _("The connection to CertCentral ended before it answered, so the order may or may not have been canceled. Check its status in a minute before you cancel it again.");
  return pkio_api_error_new_literal (PKIO_API_ERROR_OUTCOME_UNKNOWN, text, NULL);
}

/* The body may hold card data: wipe the serialized copy when libsoup is done with it. */
static void
wipe_text (gpointer data)
{
  char *text = data;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

static GError *
stopped_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was stopped."));
}

void
_pkio_client_request_return (GTask    *task,
                             JsonNode *root_owned)
{
  PkioClientRequest *req = g_task_get_task_data (task);

  request_end_attempt (req, task);
  g_task_return_pointer (task, root_owned,
                         root_owned != NULL ? (GDestroyNotify) json_node_unref : NULL);
  g_object_unref (task);
}

void
_pkio_client_request_fail (GTask  *task,
                           GError *error_owned)
{
  PkioClientRequest *req = g_task_get_task_data (task);

  request_end_attempt (req, task);
  g_task_return_error (task, error_owned);
  g_object_unref (task);
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;
  PkioClientRequest *req = g_task_get_task_data (task);

  destroy_source (&req->retry_source);
  g_clear_pointer (&req->retry_cancel_source, g_source_unref);
  _pkio_client_request_fail (task, stopped_error ());
  return G_SOURCE_REMOVE;
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  PkioClientRequest *req = g_task_get_task_data (task);

  g_clear_pointer (&req->retry_source, g_source_unref);
  destroy_source (&req->retry_cancel_source);
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

void
_pkio_client_request_schedule_retry (GTask *task,
                                     guint  retry_after_s)
{
  PkioClientRequest *req = g_task_get_task_data (task);
  PkioClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint64 delay_ms = (guint64) self->retry_base_ms << (req->attempt - 1);

  request_end_attempt (req, task);
  delay_ms = MAX (delay_ms, (guint64) MIN (retry_after_s, PKIO_CLIENT_MAX_RETRY_AFTER_S) * 1000);
  g_debug ("%s %s: retry %u in %" G_GUINT64_FORMAT " ms", req->method, req->path,
           req->attempt + 1, delay_ms);

  req->retry_source = g_timeout_source_new ((guint) delay_ms);
  g_source_set_name (req->retry_source, "[pkio] client retry");
  g_source_set_callback (req->retry_source, retry_cb, task, NULL);
  g_source_attach (req->retry_source, g_main_context_get_thread_default ());
  if (cancellable != NULL)
    {
      req->retry_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->retry_cancel_source, G_SOURCE_FUNC (retry_cancelled_cb),
                             task, NULL);
      g_source_attach (req->retry_cancel_source, g_main_context_get_thread_default ());
    }
}

gboolean
_pkio_client_request_can_retry (PkioClientRequest *req)
{
  return (req->flags & PKIO_REQUEST_RETRY) && req->attempt < PKIO_CLIENT_MAX_ATTEMPTS;
}

static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  PkioClientRequest *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_debug ("%s %s: transport error (%s)", req->method, req->path,
           req->timed_out ? "timeout" : "other");

  if (req->change_done)
    {
      g_error_free (error);
      _pkio_client_request_return (task, NULL);
      return;
    }

  if ((req->flags & (PKIO_REQUEST_PLACES_ORDER | PKIO_REQUEST_CHANGES_ORDER))
      && req->request_sent)
    {
      /* Sent, then cancelled, timed out, reset or closed: CertCentral may have acted on it. */
      g_error_free (error);
      _pkio_client_request_fail (task, outcome_unknown_error (req, req->timed_out));
      return;
    }

  if (req->timed_out)
    {
      g_error_free (error);
      _pkio_client_request_fail (task,
                                 pkio_api_error_new_literal (PKIO_API_ERROR_TIMEOUT,
                                                             _("CertCentral did not answer in time. Check your internet connection and try again."),
                                                             NULL));
      return;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      _pkio_client_request_fail (task, stopped_error ());
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      g_error_free (error);
      _pkio_client_request_fail (task,
                                 pkio_api_error_new_literal (PKIO_API_ERROR_NETWORK,
                                                             _("The connection to CertCentral is not secure: its certificate could not be verified. Nothing was sent. Check the network (a proxy may be in the way) or ask your administrator."),
                                                             NULL));
      return;
    }

  if (_pkio_client_request_can_retry (req))
    {
      g_error_free (error);
      _pkio_client_request_schedule_retry (task, 0);
      return;
    }

  g_error_free (error);
  _pkio_client_request_fail (task,
                             pkio_api_error_new_literal (PKIO_API_ERROR_NETWORK,
                                                         (req->flags & PKIO_REQUEST_PLACES_ORDER)
                                                         ? _("Could not reach CertCentral; the order was not sent. Check your internet connection and try again.")
                                                         : _("Could not reach CertCentral. Check your internet connection and try again."),
                                                         NULL));
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  PkioClientRequest *req = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      handle_transport_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      _pkio_client_answer_handle (task);
      return;
    }

  if (!pkio_json_guard_check_size ((goffset) req->buffer->len + g_bytes_get_size (chunk), &error))
    {
      _pkio_client_answer_unreadable (task, g_steal_pointer (&error));
      return;
    }
  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, read_cb, task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  PkioClientRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL)
    {
      handle_transport_error (task, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_response_headers (req->msg);
  if ((req->flags & PKIO_REQUEST_REVOKES)
      && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (req->msg)))
    {
      /* Done; the body says which request CertCentral made, and is read if it can be. */
      _pkio_client_key_answered (g_task_get_source_object (task), TRUE);
      req->change_done = TRUE;
    }
  else if ((req->flags & PKIO_REQUEST_CHANGES_ORDER)
           && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (req->msg)))
    {
      /* Done, whatever the body says (CertCentral sends none): a slow, huge or broken body
       * must not turn a change that happened into a failure. */
      g_debug ("%s %s -> %u", req->method, req->path, soup_message_get_status (req->msg));
      _pkio_client_key_answered (g_task_get_source_object (task), TRUE);
      _pkio_client_request_return (task, NULL);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && !pkio_json_guard_check_size (soup_message_headers_get_content_length (headers), &error))
    {
      g_debug ("%s %s -> %u (answer too large)", req->method, req->path,
               soup_message_get_status (req->msg));
      _pkio_client_answer_unreadable (task, g_steal_pointer (&error));
      return;
    }

  req->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, read_cb, task);
}

static void
wrote_headers_cb (SoupMessage *msg,
                  gpointer     user_data)
{
  PkioClientRequest *req = user_data;

  req->request_sent = TRUE;
}

/* libsoup sends a GET again by itself when a pooled connection turns out closed before any
 * answer came (the POST and the PUT always get a fresh connection, so never). That request
 * would pass the rate limiter and the bound on attempts: end the attempt instead, so that it is
 * retried like any other failed read, through the limiter and counted. */
static void
restarted_cb (SoupMessage *msg,
              gpointer     user_data)
{
  PkioClientRequest *req = user_data;

  g_debug ("%s %s: libsoup would send it again", req->method, req->path);
  g_cancellable_cancel (req->attempt_cancellable);
}

static gboolean
timeout_cb (gpointer user_data)
{
  PkioClientRequest *req = user_data;

  req->timed_out = TRUE;
  g_clear_pointer (&req->timeout_source, g_source_unref);
  g_cancellable_cancel (req->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
limiter_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  PkioClient *self = g_task_get_source_object (task);
  PkioClientRequest *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  if (!pkio_rate_limiter_acquire_finish (PKIO_RATE_LIMITER (source), result, &error))
    {
      _pkio_client_request_fail (task, g_steal_pointer (&error));
      return;
    }

  req->attempt++;
  req->timed_out = FALSE;
  req->request_sent = FALSE;
  req->change_done = FALSE;
  req->msg = soup_message_new_from_uri (req->method, req->uri);
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "X-DC-DEVKEY", self->api_key);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);
  /* A redirect would carry X-DC-DEVKEY to wherever it points (and turn the POST into a GET). */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  /* Never SOUP_MESSAGE_IDEMPOTENT: libsoup would then resend on its own. */
  if (req->flags & PKIO_REQUEST_FRESH_CONNECTION)
    soup_message_add_flags (req->msg, SOUP_MESSAGE_NEW_CONNECTION);
  g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), req);
  g_signal_connect (req->msg, "restarted", G_CALLBACK (restarted_cb), req);

  req->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    req->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                            g_object_ref (req->attempt_cancellable),
                                            g_object_unref);
  req->timeout_source = g_timeout_source_new (self->timeout_ms);
  g_source_set_name (req->timeout_source, "[pkio] client timeout");
  g_source_set_callback (req->timeout_source, timeout_cb, req, NULL);
  g_source_attach (req->timeout_source, g_main_context_get_thread_default ());

  g_debug ("%s %s (attempt %u)", req->method, req->path, req->attempt);
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, send_cb, task);
}

static void
start_attempt (GTask *task)
{
  PkioClient *self = g_task_get_source_object (task);

  pkio_rate_limiter_acquire_async (self->limiter, g_task_get_cancellable (task),
                                   limiter_cb, task);
}

void
_pkio_client_request_async (PkioClient          *self,
                            const char          *method,
                            const char          *path_and_query,
                            JsonNode            *body,
                            PkioRequestFlags     flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PkioClientRequest *req;
  g_autoptr(GError) error = NULL;
  const char *question;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _pkio_client_request_async);
  /* An order POST cancelled after sending must still report OUTCOME_UNKNOWN. */
  g_task_set_check_cancellable (task, FALSE);

  req = g_new0 (PkioClientRequest, 1);
  req->method = g_strdup (method);
  question = strchr (path_and_query, '?');
  req->path = question ? g_strndup (path_and_query, question - path_and_query)
                       : g_strdup (path_and_query);
  req->flags = flags;
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      req->body = g_bytes_new_with_free_func (text, strlen (text), wipe_text, text);
    }
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

  req->uri = g_uri_parse_relative (self->base_uri, path_and_query, SOUP_HTTP_URI_FLAGS, &error);
  if (req->uri == NULL)
    {
      _pkio_client_request_fail (g_steal_pointer (&task),
                                 pkio_api_error_new_literal (PKIO_API_ERROR_INVALID_INPUT,
                                                             error->message, NULL));
      return;
    }

  start_attempt (g_steal_pointer (&task));
}

JsonNode *
_pkio_client_request_finish (PkioClient    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
