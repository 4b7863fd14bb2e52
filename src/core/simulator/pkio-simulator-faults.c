/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-simulator-private.h"

#define NESTING_DEPTH 10000
#define HUGE_BODY_SIZE (9 * 1024 * 1024)
#define HUGE_STREAM_SIZE (50 * 1024 * 1024)
#define STREAM_CHUNK (64 * 1024)
#define DRIP_INTERVAL_MS 1000

/* A paused message waiting for a timer (DELAY) or for its connection to be dropped, or an
 * answer being streamed (HUGE_STREAM, SLOW_DRIP) until its message is finished. */
typedef struct
{
  PkioSimulator      *sim;
  SoupServerMessage  *msg;
  char               *path;
  GHashTable         *query;
  PkioSimulatorFault  fault;
  GSource            *source;
  GBytes             *answer;     /* SLOW_DRIP: the real answer's body */
  gsize               sent;       /* bytes of the streamed body appended so far */
} PkioSimPending;

static const struct
{
  PkioSimulatorFault  fault;
  const char         *name;
} fault_names[] = {
  { PKIO_SIMULATOR_FAULT_NONE, "none" },
  { PKIO_SIMULATOR_FAULT_DELAY, "delay" },
  { PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, "drop-after-body" },
  { PKIO_SIMULATOR_FAULT_RATE_LIMIT, "rate-limit" },
  { PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER, "rate-limit-retry-after" },
  { PKIO_SIMULATOR_FAULT_SERVER_ERROR, "server-error" },
  { PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML, "bad-gateway-html" },
  { PKIO_SIMULATOR_FAULT_MALFORMED_JSON, "malformed-json" },
  { PKIO_SIMULATOR_FAULT_DEEP_NESTING, "deep-nesting" },
  { PKIO_SIMULATOR_FAULT_HUGE_BODY, "huge-body" },
  { PKIO_SIMULATOR_FAULT_WRONG_TYPES, "wrong-types" },
  { PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY, "drop-before-body" },
  { PKIO_SIMULATOR_FAULT_EMPTY_BODY, "empty-body" },
  { PKIO_SIMULATOR_FAULT_HUGE_STREAM, "huge-stream" },
  { PKIO_SIMULATOR_FAULT_SLOW_DRIP, "slow-drip" },
};

const char *
pkio_simulator_fault_to_string (PkioSimulatorFault fault)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (fault_names[i].fault == fault)
      return fault_names[i].name;
  return NULL;
}

gboolean
pkio_simulator_fault_from_string (const char         *name,
                                  PkioSimulatorFault *out_fault)
{
  g_return_val_if_fail (out_fault != NULL, FALSE);

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (fault_names); i++)
    if (g_str_equal (fault_names[i].name, name))
      {
        *out_fault = fault_names[i].fault;
        return TRUE;
      }
  return FALSE;
}

static void
pending_free (PkioSimPending *pending)
{
  if (pending->msg != NULL)
    g_signal_handlers_disconnect_by_data (pending->msg, pending);
  g_clear_object (&pending->msg);
  g_free (pending->path);
  g_clear_pointer (&pending->query, g_hash_table_unref);
  g_clear_pointer (&pending->answer, g_bytes_unref);
  if (pending->source != NULL)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  g_free (pending);
}

static gboolean
pending_fire_cb (gpointer user_data)
{
  PkioSimPending *pending = user_data;
  PkioSimulator *sim = pending->sim;

  g_ptr_array_remove (sim->pending, pending);

  if (pending->fault == PKIO_SIMULATOR_FAULT_DELAY)
    {
      _pkio_simulator_handle (sim, pending->msg, pending->path, pending->query);
      soup_server_message_unpause (pending->msg);
    }
  else
    {
      /* DROP_AFTER_BODY: the request was handled (an order really exists now), but the answer
       * never leaves: the client cannot know whether it was placed. DROP_BEFORE_BODY: the same
       * for the client, but nothing was handled. */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (pending->msg);

      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
    }

  /* The source is being dispatched: let GLib drop it when we return FALSE. */
  g_clear_pointer (&pending->source, g_source_unref);
  pending_free (pending);
  return G_SOURCE_REMOVE;
}

static void
schedule (PkioSimulator      *sim,
          SoupServerMessage  *msg,
          const char         *path,
          GHashTable         *query,
          PkioSimulatorFault  fault,
          guint               delay_ms)
{
  PkioSimPending *pending = g_new0 (PkioSimPending, 1);

  pending->sim = sim;
  pending->msg = g_object_ref (msg);
  pending->path = g_strdup (path);
  pending->query = query != NULL ? g_hash_table_ref (query) : NULL;
  pending->fault = fault;
  pending->source = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  /* As a network answer would: an idle source's low priority starves behind a window that
   * redraws all the time (a spinner on a busy machine), and the answer would never come. */
  g_source_set_priority (pending->source, G_PRIORITY_DEFAULT);
  g_source_set_callback (pending->source, pending_fire_cb, pending, NULL);
  g_source_attach (pending->source, sim->context);
  g_ptr_array_add (sim->pending, pending);
  soup_server_message_pause (msg);
}

void
_pkio_simulator_cancel_pending (PkioSimulator *sim)
{
  while (sim->pending->len > 0)
    {
      PkioSimPending *pending = g_ptr_array_steal_index (sim->pending, sim->pending->len - 1);

      pending_free (pending);
    }
}

void
_pkio_simulator_drop_before_body (PkioSimulator     *sim,
                                  SoupServerMessage *msg)
{
  schedule (sim, msg, NULL, NULL, PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY, 0);
}

/* ---- streamed answers ---- */

static void
stream_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  PkioSimPending *pending = user_data;

  /* Written out, or the client hung up: either way nothing more goes out. */
  g_ptr_array_remove (pending->sim->pending, pending);
  pending_free (pending);
}

static void
stream_wrote_data_cb (SoupServerMessage *msg,
                      guint              length,
                      gpointer           user_data)
{
  PkioSimPending *pending = user_data;

  pending->sim->streamed_bytes += length;
}

static void
stream_append (PkioSimPending *pending,
               const char     *data,
               gsize           length)
{
  SoupMessageBody *body = soup_server_message_get_response_body (pending->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, data, length);
  pending->sent += length;
  soup_server_message_unpause (pending->msg);
}

/* HUGE_STREAM: the next chunk as soon as the last one was written, so the server holds one
 * chunk at a time however much the client reads. */
static void
huge_wrote_chunk_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  static const char head[] = "{\"orders\":[],\"page\":{\"total\":0,\"limit\":1000,\"offset\":0},"
                             "\"padding\":\"";
  PkioSimPending *pending = user_data;
  g_autofree char *chunk = NULL;
  gsize length;

  if (pending->sent >= HUGE_STREAM_SIZE)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      soup_server_message_unpause (msg);
      return;
    }
  length = MIN (STREAM_CHUNK, HUGE_STREAM_SIZE - pending->sent);
  chunk = g_malloc (length);
  memset (chunk, 'x', length);
  if (pending->sent == 0)
    memcpy (chunk, head, strlen (head));
  if (pending->sent + length == HUGE_STREAM_SIZE)
    memcpy (chunk + length - 2, "\"}", 2);
  stream_append (pending, chunk, length);
}

static gboolean
drip_cb (gpointer user_data)
{
  PkioSimPending *pending = user_data;
  gsize size = 0;
  const char *data = g_bytes_get_data (pending->answer, &size);

  if (pending->sent < size)
    stream_append (pending, data + pending->sent, 1);
  if (pending->sent < size)
    return G_SOURCE_CONTINUE;
  soup_message_body_complete (soup_server_message_get_response_body (pending->msg));
  soup_server_message_unpause (pending->msg);
  g_clear_pointer (&pending->source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* Turns the answer already set on @msg (status kept) into a chunked body without a
 * Content-Length, written as @fault says. */
static void
start_stream (PkioSimulator      *sim,
              SoupServerMessage  *msg,
              PkioSimulatorFault  fault)
{
  PkioSimPending *pending = g_new0 (PkioSimPending, 1);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  pending->sim = sim;
  pending->msg = g_object_ref (msg);
  pending->fault = fault;
  pending->answer = soup_message_body_flatten (body);
  soup_message_body_truncate (body);
  if (g_bytes_get_size (pending->answer) == 0)
    {
      /* A 204 may not carry a body at all: drip a 200 with an empty object instead. */
      g_bytes_unref (pending->answer);
      pending->answer = g_bytes_new_static ("{}", 2);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), pending);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (stream_wrote_data_cb), pending);
  g_ptr_array_add (sim->pending, pending);

  if (fault == PKIO_SIMULATOR_FAULT_HUGE_STREAM)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (huge_wrote_chunk_cb), pending);
      huge_wrote_chunk_cb (msg, pending);
      return;
    }
  pending->source = g_timeout_source_new (DRIP_INTERVAL_MS);
  g_source_set_callback (pending->source, drip_cb, pending, NULL);
  g_source_attach (pending->source, sim->context);
}

static void
respond_raw (SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             char              *data,
             gsize              length)
{
  /* set_response appends: drop the answer the request was handled with first. */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, data, length);
}

static void
respond_deep_nesting (SoupServerMessage *msg)
{
  char *data = g_malloc (2 * NESTING_DEPTH);

  memset (data, '[', NESTING_DEPTH);
  memset (data + NESTING_DEPTH, ']', NESTING_DEPTH);
  respond_raw (msg, SOUP_STATUS_OK, "application/json", data, 2 * NESTING_DEPTH);
}

static void
respond_huge_body (SoupServerMessage *msg)
{
  static const char head[] = "{\"orders\":[],\"page\":{\"total\":0,\"limit\":1000,\"offset\":0},"
                             "\"padding\":\"";
  static const char tail[] = "\"}";
  char *data = g_malloc (HUGE_BODY_SIZE);

  memcpy (data, head, strlen (head));
  memset (data + strlen (head), 'x', HUGE_BODY_SIZE - strlen (head) - strlen (tail));
  memcpy (data + HUGE_BODY_SIZE - strlen (tail), tail, strlen (tail));
  respond_raw (msg, SOUP_STATUS_OK, "application/json", data, HUGE_BODY_SIZE);
}

void
_pkio_simulator_apply_fault (PkioSimulator      *sim,
                             SoupServerMessage  *msg,
                             const char         *path,
                             GHashTable         *query,
                             PkioSimulatorFault  fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* A 200 says the request was done: do it, then spoil the answer. */
  if (fault >= PKIO_SIMULATOR_FAULT_MALFORMED_JSON && fault != PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY)
    _pkio_simulator_handle (sim, msg, path, query);

  switch (fault)
    {
    case PKIO_SIMULATOR_FAULT_NONE:
      _pkio_simulator_handle (sim, msg, path, query);
      break;

    case PKIO_SIMULATOR_FAULT_DELAY:
      schedule (sim, msg, path, query, fault, sim->fault_delay_ms);
      break;

    case PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY:
      _pkio_simulator_handle (sim, msg, path, query);
      schedule (sim, msg, path, query, fault, 0);
      break;

    case PKIO_SIMULATOR_FAULT_RATE_LIMIT:
    case PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER:
      _pkio_simulator_respond_error (msg, 429 /* Too Many Requests */, "request_limit_exceeded",
                                     NULL, "Too many requests. Please try again later.");
      if (fault == PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER)
        soup_message_headers_replace (headers, "Retry-After", "1");
      break;

    case PKIO_SIMULATOR_FAULT_SERVER_ERROR:
      _pkio_simulator_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
                                     NULL, "An unexpected error occurred.");
      break;

    case PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML:
      {
        const char *html = "<html><head><title>502 Bad Gateway</title></head>"
                           "<body><h1>502 Bad Gateway</h1></body></html>\n";

        respond_raw (msg, SOUP_STATUS_BAD_GATEWAY, "text/html", g_strdup (html), strlen (html));
      }
      break;

    case PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY:
      /* Taken by the early handler; a request can only get here when it had no body to read. */
      _pkio_simulator_drop_before_body (sim, msg);
      break;

    case PKIO_SIMULATOR_FAULT_EMPTY_BODY:
      respond_raw (msg, SOUP_STATUS_OK, "application/json", NULL, 0);
      break;

    case PKIO_SIMULATOR_FAULT_HUGE_STREAM:
    case PKIO_SIMULATOR_FAULT_SLOW_DRIP:
      start_stream (sim, msg, fault);
      break;

    case PKIO_SIMULATOR_FAULT_MALFORMED_JSON:
      {
        const char *json = "{\"id\":8436999,\"certificate_id\":84550,\"orders\":[{\"id\":12,"
                           "\"status\":\"iss";

        respond_raw (msg, SOUP_STATUS_OK, "application/json", g_strdup (json), strlen (json));
      }
      break;

    case PKIO_SIMULATOR_FAULT_DEEP_NESTING:
      respond_deep_nesting (msg);
      break;

    case PKIO_SIMULATOR_FAULT_HUGE_BODY:
      respond_huge_body (msg);
      break;

    case PKIO_SIMULATOR_FAULT_WRONG_TYPES:
      {
        const char *json = "{\"id\":\"abc\",\"certificate_id\":\"def\",\"orders\":\"none\","
                           "\"page\":\"one\",\"status\":42,\"date_created\":false,"
                           "\"first_name\":[],\"email\":{},\"balance\":[1],"
                           "\"access_roles\":\"admin\",\"name_id\":7,"
                           "\"allowed_validity_years\":\"1,2,3\",\"errors\":\"none\"}";

        respond_raw (msg, SOUP_STATUS_OK, "application/json", g_strdup (json), strlen (json));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}
