/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sim-test-util.h"

const char seed_body[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"encryption\","
  "\"is_rsassa_pss\":true,\"individual\":{\"first_name\":\"John\",\"last_name\":\"Doe\","
  "\"email\":\"john.doe@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";


void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (fx->sim, KEY);
  g_assert_true (pkio_simulator_start (fx->sim, &error));
  g_assert_no_error (error);
  fx->session = soup_session_new ();
  fx->tmpdir = g_dir_make_tmp ("pkio-sim-XXXXXX", &error);
  g_assert_no_error (error);
}

void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->tmpdir, 0, NULL);
  const char *name;

  g_clear_object (&fx->session);
  g_assert_finalize_object (fx->sim);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->tmpdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->tmpdir);
  g_free (fx->tmpdir);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->done = TRUE;
}

/* Sends one request and iterates the main context until it is answered. */
Reply *
request_full (Fixture    *fx,
              const char *method,
              const char *path_and_query,
              const char *body,
              const char *key)
{
  g_autofree char *url = g_strconcat (pkio_simulator_get_base_url (fx->sim), path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-DC-DEVKEY", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (fx->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, reply);
  while (!reply->done)
    g_main_context_iteration (NULL, TRUE);

  if (reply->body != NULL && g_bytes_get_size (reply->body) > 0
      && g_bytes_get_size (reply->body) < 1024 * 1024)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (reply->body, &size);

      if (data[0] != '[' && json_parser_load_from_data (parser, data, size, NULL))
        reply->json = json_node_copy (json_parser_get_root (parser));
    }
  return reply;
}

Reply *
request (Fixture    *fx,
         const char *method,
         const char *path_and_query,
         const char *body)
{
  return request_full (fx, method, path_and_query, body, KEY);
}

JsonObject *
reply_object (Reply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

const char *
first_error_code (Reply *reply)
{
  JsonArray *errors = json_object_get_array_member (reply_object (reply), "errors");

  g_assert_nonnull (errors);
  g_assert_cmpuint (json_array_get_length (errors), >, 0);
  return json_object_get_string_member (json_array_get_object_element (errors, 0), "code");
}

/* TRUE when errors[] has an entry with @field (and @code, unless NULL). */
gboolean
has_error (Reply      *reply,
           const char *code,
           const char *field)
{
  JsonArray *errors = json_object_get_array_member (reply_object (reply), "errors");

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *entry = json_array_get_object_element (errors, i);

      if (code != NULL && g_strcmp0 (json_object_get_string_member (entry, "code"), code) != 0)
        continue;
      if (field != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (entry, "field", NULL),
                        field) != 0)
        continue;
      return TRUE;
    }
  return FALSE;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main context (and so the simulator) run for @ms. */
void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gint64
place_seed (Fixture *fx)
{
  g_autoptr(Reply) reply = request (fx, "POST", "order/certificate/pkio_burger", seed_body);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 201);
  return json_object_get_int_member (reply_object (reply), "id");
}

char *
order_status (Fixture *fx,
              gint64   id)
{
  g_autofree char *path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, id);
  g_autoptr(Reply) reply = request (fx, "GET", path, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_object_get_string_member (reply_object (reply), "status"));
}

char *
make_body_by_id (int         individual_id,
                 const char *ship_method)
{
  return g_strdup_printf (
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"nonrepudiation\","
  "\"is_rsassa_pss\":true,\"individual\":{\"id\":%d}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"%s\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}",
    individual_id, ship_method);
}
