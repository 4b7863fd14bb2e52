/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-simulator-private.h"

/* PUT certificate/{certificate_id}/revoke, as CertCentral documents it
 * (docs/certcentral-api.md#revoke-a-certificate): the answer is a request that an
 * administrator approves; here the approval comes by itself after the revoke delay, and then
 * the order is "revoked". Order info lists the order's requests. */

static JsonNode *
body_object (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_copy (root);
}

static PkioSimOrder *
find_by_certificate (PkioSimulator *sim,
                     gint64         certificate_id)
{
  for (guint i = 0; i < sim->orders->len; i++)
    {
      PkioSimOrder *order = g_ptr_array_index (sim->orders, i);

      if (order->certificate_id == certificate_id)
        return order;
    }
  return NULL;
}

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (date, "%Y-%m-%d %H:%M:%S");
}

void
_pkio_simulator_handle_revoke (PkioSimulator     *sim,
                               SoupServerMessage *msg,
                               const char        *method,
                               const char        *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *date = NULL;
  const char *comments = NULL;
  PkioSimOrder *order;
  gint64 id = 0;
  char *end = NULL;

  if (g_strv_length (parts) == 3 && g_ascii_isdigit (*parts[1]))
    id = g_ascii_strtoll (parts[1], &end, 10);
  if (id <= 0 || end == NULL || *end != '\0' || strcmp (parts[2], "revoke") != 0
      || strcmp (method, SOUP_METHOD_PUT) != 0)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|route", NULL,
                                     "The requested route was not found.");
      return;
    }
  order = find_by_certificate (sim, id);
  if (order == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|certificate", NULL,
                                     "The certificate was not found.");
      return;
    }
  root = body_object (msg);
  if (root == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request_format", NULL,
                                     "The request body must be a JSON object.");
      return;
    }
  if (json_object_has_member (json_node_get_object (root), "comments"))
    comments = json_object_get_string_member_with_default (json_node_get_object (root),
                                                           "comments", NULL);
  if (g_strcmp0 (order->status, "reissue_pending") == 0)
    {
      /* "Certificates with a pending reissue order cannot be revoked." No code is documented. */
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_order_status", NULL,
                                     "Certificates with a pending reissue order cannot be "
                                     "revoked.");
      return;
    }
  if (g_strcmp0 (order->status, "issued") != 0 || order->revoke_request_id > 0)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_order_status", NULL,
                                     order->revoke_request_id > 0
                                     ? "A request to revoke this certificate already exists."
                                     : "Only an issued certificate can be revoked.");
      return;
    }

  order->revoke_request_id = sim->next_request_id++;
  order->revoke_requested_usec = g_get_real_time ();
  order->revoke_at_usec = sim->revoke_delay_ms == PKIO_SIMULATOR_ISSUE_NEVER
                          ? 0 : order->revoke_requested_usec
                                + (gint64) sim->revoke_delay_ms * 1000;
  g_free (order->revoke_comments);
  order->revoke_comments = g_strdup (comments != NULL ? comments : "");
  _pkio_simulator_save_state (sim);

  date = format_date (order->revoke_requested_usec);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, order->revoke_request_id);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "revoke");
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "pending");
  json_builder_set_member_name (b, "requester");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, 1001);
  json_builder_set_member_name (b, "first_name");
  json_builder_add_string_value (b, "Practice");
  json_builder_set_member_name (b, "last_name");
  json_builder_add_string_value (b, "User");
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, "practice.user@example.com");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "comments");
  json_builder_add_string_value (b, order->revoke_comments);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  _pkio_simulator_respond_json (msg, SOUP_STATUS_CREATED, answer);
}

gboolean
_pkio_sim_order_approve_revoke (PkioSimOrder *order,
                                gint64        now_usec)
{
  if (order->revoke_at_usec == 0 || now_usec < order->revoke_at_usec)
    return FALSE;
  order->revoke_at_usec = 0;
  order->revoke_approved = TRUE;
  g_free (order->status);
  order->status = g_strdup ("revoked");
  order->changed_usec = now_usec;
  return TRUE;
}

static void
add_request (JsonBuilder *b,
             gint64       id,
             gint64       usec,
             const char  *type,
             const char  *status)
{
  g_autofree char *date = format_date (usec);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_end_object (b);
}

void
_pkio_sim_order_add_requests (JsonBuilder        *b,
                              const PkioSimOrder *order)
{
  json_builder_set_member_name (b, "requests");
  json_builder_begin_array (b);
  /* The order's own request: approved (orders here need no approval). */
  add_request (b, order->id + 1000000, order->created_usec, "new_request", "approved");
  if (order->revoke_request_id > 0)
    add_request (b, order->revoke_request_id, order->revoke_requested_usec, "revoke",
                 order->revoke_approved ? "approved" : "pending");
  json_builder_end_array (b);
}

void
pkio_simulator_set_revoke_delay (PkioSimulator *sim,
                                 guint          ms)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  sim->revoke_delay_ms = ms;
}

gint64
pkio_simulator_get_revoke_request (PkioSimulator *sim,
                                   gint64         order_id,
                                   char         **out_comments)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL || order->revoke_request_id <= 0)
    return 0;
  if (out_comments != NULL)
    *out_comments = g_strdup (order->revoke_comments);
  return order->revoke_request_id;
}
