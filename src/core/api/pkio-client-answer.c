/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-api-error.h"
#include "pkio-client-request-private.h"
#include "pkio-json-guard.h"

/* What CertCentral's answer to one request means, once pkio-client-request.c has read it all:
 * data, nothing, a retry, or an error written for the person, by the status, the body and what
 * the request's flags say about a request that may have taken effect. */

/* From this size a 2xx answer is parsed in a thread (parse_in_thread ()). */
#define PARSE_IN_THREAD_BYTES (128 * 1024)

static GError *
unreadable_order_answer_error (void)
{
  return pkio_api_error_new_literal (PKIO_API_ERROR_OUTCOME_UNKNOWN,
                                     _("CertCentral’s answer to the order could not be read. Your order may or may not have been placed: check the order list before ordering again."),
                                     NULL);
}

static GError *
change_server_error (PkioClientRequest *req)
{
  if (req->flags & PKIO_REQUEST_REVOKES)
    return pkio_api_error_new_literal (PKIO_API_ERROR_OUTCOME_UNKNOWN,
                                       _("CertCentral had a problem while taking the request to revoke the certificate, so it is not known whether it took it. Check it before you ask again."),
                                       NULL);
  return pkio_api_error_new_literal (PKIO_API_ERROR_OUTCOME_UNKNOWN,
                                     _("CertCentral had a problem while canceling the order, so it may or may not have been canceled. Check its status in a minute before you cancel it again."),
                                     NULL);
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  guint64 seconds = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return 0;
  return (guint) MIN (seconds, PKIO_CLIENT_MAX_RETRY_AFTER_S);
}

/* A 2xx answer, read: @root (owned) is what it says, or NULL and @error (owned) why not. */
static void
return_parsed (GTask    *task,
               JsonNode *root_owned,
               GError   *error_owned)
{
  if (root_owned == NULL)
    _pkio_client_answer_unreadable (task, error_owned);
  else
    _pkio_client_request_return (task, root_owned);
}

/* A page of hundreds of orders is parsed in a thread: on the main loop it held the window
 * 10-20 ms per page while a first sync filled History (bench-sync, README "Performance"). The
 * answer is all read by then; nothing else touches the request until the parse is done. */
typedef struct
{
  char   *content_type;
  GBytes *body;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_free (data->content_type);
  g_bytes_unref (data->body);
  g_free (data);
}

static void
parse_thread (GTask        *parse,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  JsonNode *root = pkio_json_guard_parse (data->content_type, data->body, &error);

  if (root == NULL)
    g_task_return_error (parse, error);
  else
    g_task_return_pointer (parse, root, (GDestroyNotify) json_node_unref);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  JsonNode *root = g_task_propagate_pointer (G_TASK (result), &error);

  return_parsed (task, root, error);
}

static void
parse_in_thread (GTask      *task,
                 const char *content_type,
                 GBytes     *body)
{
  ParseData *data = g_new0 (ParseData, 1);
  g_autoptr(GTask) parse = g_task_new (NULL, NULL, parsed_cb, task);

  data->content_type = g_strdup (content_type);
  data->body = g_bytes_ref (body);
  g_task_set_source_tag (parse, parse_in_thread);
  g_task_set_task_data (parse, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (parse, parse_thread);
}

void
_pkio_client_answer_unreadable (GTask  *task,
                                GError *error_owned)
{
  PkioClientRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = error_owned;

  if (req->change_done)
    {
      /* A revocation CertCentral answered with a 2xx: it was taken, only its request id is not
       * known. */
      _pkio_client_request_return (task, NULL);
      return;
    }
  if ((req->flags & PKIO_REQUEST_PLACES_ORDER) && soup_message_get_status (req->msg) < 300)
    _pkio_client_request_fail (task, unreadable_order_answer_error ());
  else
    _pkio_client_request_fail (task, g_steal_pointer (&error));
}

void
_pkio_client_answer_handle (GTask *task)
{
  PkioClientRequest *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  const char *content_type;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  content_type = soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                               "Content-Type");
  body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
  g_debug ("%s %s -> %u", req->method, req->path, status);

  if (status >= 200 && status < 300)
    {
      _pkio_client_key_answered (g_task_get_source_object (task), TRUE);
      /* Only a change may answer nothing (204); a read or the order must carry data. */
      if (g_bytes_get_size (body) == 0
          && !(req->flags & (PKIO_REQUEST_PLACES_ORDER | PKIO_REQUEST_RETRY)))
        {
          _pkio_client_request_return (task, NULL);
          return;
        }
      if (g_bytes_get_size (body) >= PARSE_IN_THREAD_BYTES)
        {
          parse_in_thread (task, content_type, body);
          return;
        }
      root = pkio_json_guard_parse (content_type, body, &error);
      return_parsed (task, g_steal_pointer (&root), g_steal_pointer (&error));
      return;
    }

  if (status < 400)
    {
      /* 1xx/3xx: a redirect we refuse to follow, or something stranger. */
      if ((req->flags & PKIO_REQUEST_PLACES_ORDER))
        _pkio_client_request_fail (task, unreadable_order_answer_error ());
      else
        _pkio_client_request_fail (task, pkio_api_error_new_literal (PKIO_API_ERROR_BAD_ANSWER,
                                                                     _("CertCentral’s address sent the app elsewhere, which it does not follow. Check the CertCentral address in the preferences, or ask your administrator whether a proxy is in the way."),
                                                                     NULL));
      return;
    }

  if ((status == 429 || status >= 500) && _pkio_client_request_can_retry (req))
    {
      _pkio_client_request_schedule_retry (task,
                                           status == 429 ? parse_retry_after (req->msg) : 0);
      return;
    }

  if ((req->flags & PKIO_REQUEST_CHANGES_ORDER) && (status >= 500 || status == 408))
    {
      _pkio_client_request_fail (task, change_server_error (req));
      return;
    }

  root = pkio_json_guard_parse (content_type, body, &error);
  if (root == NULL && status >= 500 && !(req->flags & PKIO_REQUEST_PLACES_ORDER)
      && !pkio_json_guard_looks_like_json (content_type, g_bytes_get_data (body, NULL),
                                           g_bytes_get_size (body))
      && g_bytes_get_size (body) > 0)
    {
      /* A proxy's or load balancer's HTML page: say so rather than blame CertCentral. It is
       * still a server error (try again later), not an answer the app misunderstood. */
      _pkio_client_request_fail (task, pkio_api_error_new_literal (PKIO_API_ERROR_SERVER_ERROR,
                                                                   error->message, NULL));
      return;
    }

  {
    g_autoptr(GPtrArray) entries = pkio_api_error_parse_entries (root);

    /* CertCentral's codes are for the debug log: people get the words of the error class. */
    for (guint i = 0; i < entries->len; i++)
      {
        const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);

        g_debug ("%s %s -> %u: %s%s%s", req->method, req->path, status,
                 entry->code != NULL ? entry->code : "(no code)",
                 entry->code_detail != NULL ? "|" : "",
                 entry->code_detail != NULL ? entry->code_detail : "");
      }
    if (status == 401)
      _pkio_client_key_answered (g_task_get_source_object (task), FALSE);
    _pkio_client_request_fail (task,
                               pkio_api_error_new_for_status (status,
                                                              (req->flags & PKIO_REQUEST_PLACES_ORDER) != 0,
                                                              entries));
  }
}
