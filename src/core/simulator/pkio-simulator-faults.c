/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-simulator-private.h"

#define NESTING_DEPTH 10000
#define HUGE_BODY_SIZE (9 * 1024 * 1024)

/* A paused message waiting for a timer (DELAY) or for its connection to be dropped. */
typedef struct
{
  PkioSimulator      *sim;
  SoupServerMessage  *msg;
  char               *path;
  GHashTable         *query;
  PkioSimulatorFault  fault;
  GSource            *source;
} PkioSimPending;

static void
pending_free (PkioSimPending *pending)
{
  g_clear_object (&pending->msg);
  g_free (pending->path);
  g_clear_pointer (&pending->query, g_hash_table_unref);
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
      /* The request was handled (an order really exists now), but the answer never leaves:
       * the client cannot know whether it was placed. */
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

static void
respond_raw (SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             char              *data,
             gsize              length)
{
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
