/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulator's log of the requests it received, for tests to count and read. It holds
 * whatever the client sent, keys and card numbers too: in memory only, never printed. */
#include "config.h"

#include "pkio-simulator-private.h"

static guint
header_name_hash (gconstpointer key)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);

  return g_str_hash (lower);
}

static gboolean
header_name_equal (gconstpointer a,
                   gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static void
request_clear (gpointer data)
{
  PkioSimulatorRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
}

PkioSimulatorRequest *
pkio_simulator_request_ref (PkioSimulatorRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return g_atomic_rc_box_acquire (request);
}

void
pkio_simulator_request_unref (PkioSimulatorRequest *request)
{
  if (request != NULL)
    g_atomic_rc_box_release_full (request, request_clear);
}

JsonNode *
pkio_simulator_request_dup_json (PkioSimulatorRequest *request)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (request != NULL, NULL);

  if (request->body == NULL)
    return NULL;
  data = g_bytes_get_data (request->body, &size);
  if (data == NULL || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  g_hash_table_replace (user_data, g_strdup (name), g_strdup (value));
}

void
_pkio_simulator_record_request (PkioSimulator     *sim,
                                SoupServerMessage *msg,
                                const char        *path)
{
  PkioSimulatorRequest *request = g_atomic_rc_box_new0 (PkioSimulatorRequest);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (query);
  request->headers = g_hash_table_new_full (header_name_hash, header_name_equal, g_free, g_free);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                copy_header_cb, request->headers);
  request->body = soup_message_body_flatten (body);
  g_ptr_array_add (sim->requests, request);
}

gboolean
_pkio_simulator_request_matches (const char *method,
                                 const char *path_prefix,
                                 const char *req_method,
                                 const char *req_path)
{
  if (method != NULL && *method != '\0' && g_strcmp0 (method, "*") != 0
      && g_ascii_strcasecmp (method, req_method) != 0)
    return FALSE;
  if (path_prefix != NULL && *path_prefix != '\0' && !g_str_has_prefix (req_path, path_prefix))
    return FALSE;
  return TRUE;
}

GPtrArray *
pkio_simulator_get_requests (PkioSimulator *sim)
{
  GPtrArray *copy;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), NULL);

  copy = g_ptr_array_new_full (sim->requests->len,
                               (GDestroyNotify) pkio_simulator_request_unref);
  for (guint i = 0; i < sim->requests->len; i++)
    g_ptr_array_add (copy, pkio_simulator_request_ref (g_ptr_array_index (sim->requests, i)));
  return copy;
}

guint
pkio_simulator_count_requests (PkioSimulator *sim,
                               const char    *method,
                               const char    *path_prefix)
{
  guint count = 0;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  for (guint i = 0; i < sim->requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (sim->requests, i);

      if (_pkio_simulator_request_matches (method, path_prefix, request->method, request->path))
        count++;
    }
  return count;
}

void
pkio_simulator_clear_requests (PkioSimulator *sim)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  g_ptr_array_set_size (sim->requests, 0);
}
