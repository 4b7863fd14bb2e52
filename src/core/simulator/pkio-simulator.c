/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "pkio-order.h"
#include "pkio-simulator-private.h"

#define API_PREFIX "/services/v2/"

typedef struct
{
  char               *method;       /* NULL: any */
  char               *path_prefix;  /* NULL: any */
  PkioSimulatorFault  fault;
  guint               remaining;
} PkioSimFaultRule;

G_DEFINE_FINAL_TYPE (PkioSimulator, pkio_simulator, G_TYPE_OBJECT)

static void
fault_rule_free (gpointer data)
{
  PkioSimFaultRule *rule = data;

  g_free (rule->method);
  g_free (rule->path_prefix);
  g_free (rule);
}

/* The fault of the first rule that matches, used up by one; NONE when no rule matches or
 * (with @only not NONE) when the first that matches is not for @only. */
static PkioSimulatorFault
take_fault (PkioSimulator      *sim,
            const char         *method,
            const char         *path,
            PkioSimulatorFault  only)
{
  for (guint i = 0; i < sim->faults->len; i++)
    {
      PkioSimFaultRule *rule = g_ptr_array_index (sim->faults, i);
      PkioSimulatorFault fault = rule->fault;

      if (!_pkio_simulator_request_matches (rule->method, rule->path_prefix, method, path))
        continue;
      if (only != PKIO_SIMULATOR_FAULT_NONE && fault != only)
        return PKIO_SIMULATOR_FAULT_NONE;
      if (--rule->remaining == 0)
        g_ptr_array_remove_index (sim->faults, i);
      return fault;
    }
  return PKIO_SIMULATOR_FAULT_NONE;
}

/* Responses */

void
_pkio_simulator_respond_json (SoupServerMessage *msg,
                              guint              status,
                              JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

void
_pkio_simulator_respond_error (SoupServerMessage *msg,
                               guint              status,
                               const char        *code,
                               const char        *field,
                               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _pkio_simulator_respond_json (msg, status, root);
}

static void
respond_parsed (SoupServerMessage *msg,
                guint              status,
                const char        *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert (node != NULL);
  _pkio_simulator_respond_json (msg, status, node);
}

static void
handle_user_me (PkioSimulator     *sim,
                SoupServerMessage *msg,
                gboolean           view_only)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":%d,\"first_name\":\"" PKIO_SIM_USER_FIRST_NAME "\","
    "\"last_name\":\"" PKIO_SIM_USER_LAST_NAME "\","
    "\"email\":\"" PKIO_SIM_USER_EMAIL "\",\"username\":\"" PKIO_SIM_USER_EMAIL "\","
    "\"account_id\":5550001,\"status\":\"active\","
    "\"container\":{\"id\":4001,\"name\":\"Practice organisation\"},"
    "\"access_roles\":[{\"id\":%d,\"name\":\"%s\"}]}",
    PKIO_SIM_USER_ID, view_only ? 3 : 1, view_only ? "View Only" : "Administrator");

  respond_parsed (msg, SOUP_STATUS_OK, json);
}

static void
handle_balance (PkioSimulator     *sim,
                SoupServerMessage *msg)
{
  g_autofree char *json = NULL;
  gint64 cents = sim->balance_cents;
  const char *sign = cents < 0 ? "-" : "";

  cents = ABS (cents);
  json = g_strdup_printf ("{\"balance\":\"%s%" G_GINT64_FORMAT ".%02d\",\"currency\":\"EUR\","
                          "\"total_available_funds\":\"%s%" G_GINT64_FORMAT ".%02d\","
                          "\"unpaid_invoice_balance\":\"0.00\","
                          "\"negative_balance_limit\":\"0.00\"}",
                          sign, cents / 100, (int) (cents % 100),
                          sign, cents / 100, (int) (cents % 100));
  respond_parsed (msg, SOUP_STATUS_OK, json);
}

static void
handle_product (SoupServerMessage *msg)
{
  respond_parsed (msg, SOUP_STATUS_OK,
                  "{\"name_id\":\"" PKIO_PRODUCT_NAME_ID "\",\"name\":\"PKIo Citizen\","
                  "\"type\":\"client_certificate\",\"allowed_validity_years\":[1,2,3],"
                  "\"signature_hash_types\":[{\"id\":\"sha256\",\"name\":\"SHA-256\"}],"
                  "\"allowed_profile_options\":[\"authentication\",\"nonrepudiation\","
                  "\"encryption\"],\"provisioning_methods\":[\"token\"]}");
}

/* Answers one request as CertCentral would; @path is relative to /services/v2/. Faults are
 * decided by the caller. */
void
_pkio_simulator_handle (PkioSimulator     *sim,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *key;
  gboolean view_only = FALSE;
  gboolean is_get;

  if (path == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|route", NULL,
                                     "The requested route was not found.");
      return;
    }

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                      "X-DC-DEVKEY");
  if (key != NULL && sim->view_only_key != NULL && strcmp (key, sim->view_only_key) == 0)
    view_only = TRUE;
  else if (key == NULL || sim->api_key == NULL || strcmp (key, sim->api_key) != 0)
    {
      /* What issue 21 saw CertCentral answer for a key it no longer accepted. */
      _pkio_simulator_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                                     "access_denied|invalid_api_key", NULL,
                                     "The specified API key is not valid.");
      return;
    }

  is_get = strcmp (method, SOUP_METHOD_GET) == 0;
  if (view_only && !is_get)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_FORBIDDEN,
                                     "access_denied|missing_permission", NULL,
                                     "You do not have permission to perform this action.");
      return;
    }

  if (_pkio_simulator_refresh (sim))
    _pkio_simulator_save_state (sim);

  if (is_get && strcmp (path, "user/me") == 0)
    handle_user_me (sim, msg, view_only);
  else if (is_get && strcmp (path, "finance/balance") == 0)
    handle_balance (sim, msg);
  else if (is_get && strcmp (path, "product/" PKIO_PRODUCT_NAME_ID) == 0)
    handle_product (msg);
  else if (is_get && strcmp (path, "account/metadata") == 0)
    _pkio_simulator_handle_metadata (sim, msg);
  else if (is_get && g_str_has_prefix (path, "product/"))
    _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|product", NULL,
                                   "The requested product was not found.");
  else if (strcmp (path, "order/certificate") == 0 || g_str_has_prefix (path, "order/certificate/"))
    _pkio_simulator_handle_orders (sim, msg, method, path, query);
  else if (g_str_has_prefix (path, "certificate/"))
    _pkio_simulator_handle_revoke (sim, msg, method, path);
  else
    _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|route", NULL,
                                   "The requested route was not found.");
}

/* Called once the headers are read, before the body: the one place a request can be dropped
 * before its body arrives. */
/* Every answer closes its connection, and says so, so that the client never sends on it
 * again. libsoup 3.2's server never lets go of a kept-alive connection that the client closes
 * while it is idle (fixed upstream in 3.3): its socket, file descriptor and objects stayed
 * until the simulator stopped. The client closes one for every order (each order's POST goes
 * on a new connection), so a practice batch of 1,000 rows kept 1,000 sockets open (issue 22).
 * (A server that accepts its connections itself, as this one does, closes each after one
 * answer anyway.) A connection per request costs nothing on 127.0.0.1. */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
}

static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *full_path,
          GHashTable        *query,
          gpointer           user_data)
{
  PkioSimulator *sim = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_str_has_prefix (full_path, API_PREFIX) ? full_path + strlen (API_PREFIX)
                                                              : full_path;

  if (take_fault (sim, method, path, PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY)
      != PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY)
    return;
  _pkio_simulator_record_request (sim, msg, path);
  g_debug ("simulator: %s /services/v2/%s dropped before its body", method, path);
  _pkio_simulator_drop_before_body (sim, msg);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *full_path,
           GHashTable        *query,
           gpointer           user_data)
{
  PkioSimulator *sim = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *path = NULL;
  PkioSimulatorFault fault;

  if (g_str_has_prefix (full_path, API_PREFIX))
    path = full_path + strlen (API_PREFIX);

  _pkio_simulator_record_request (sim, msg, path != NULL ? path : full_path);
  g_debug ("simulator: %s /services/v2/%s", method, path != NULL ? path : "?");

  if (_pkio_simulator_check_rate_limits (sim, msg))
    {
      g_debug ("simulator: over the rate limits: 429");
      return;
    }
  fault = take_fault (sim, method, path != NULL ? path : full_path, PKIO_SIMULATOR_FAULT_NONE);
  if (fault == PKIO_SIMULATOR_FAULT_NONE)
    _pkio_simulator_handle (sim, msg, path, query);
  else
    _pkio_simulator_apply_fault (sim, msg, path, query, fault);
}

/* GObject */

/* The connections are accepted here, not by soup_server_listen_local (): libsoup 3.2's
 * listener never unreferences the GSocket of a connection it accepts (344 bytes with its
 * addresses, for every connection, for good; also its own local address). */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  PkioSimulator *sim = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  if (sim->server == NULL || local == NULL || remote == NULL)
    return FALSE;   /* closed when the service lets go of it */
  /* As libsoup's own listener does: answers are not held back to fill a packet. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY,
                       TRUE, NULL);
  return soup_server_accept_iostream (sim->server, G_IO_STREAM (connection), local, remote,
                                      NULL);
}

static void
pkio_simulator_dispose (GObject *object)
{
  PkioSimulator *self = PKIO_SIMULATOR (object);

  if (self->listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->listener, self);
      g_socket_service_stop (self->listener);
      g_socket_listener_close (G_SOCKET_LISTENER (self->listener));
      g_clear_object (&self->listener);
    }
  _pkio_simulator_cancel_pending (self);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (pkio_simulator_parent_class)->dispose (object);
}

static void
pkio_simulator_finalize (GObject *object)
{
  PkioSimulator *self = PKIO_SIMULATOR (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base_url);
  g_free (self->api_key);
  g_free (self->view_only_key);
  _pkio_simulator_clear_rate_limits (self);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->orders_by_id);
  g_ptr_array_unref (self->orders);
  g_ptr_array_unref (self->custom_fields);
  g_free (self->state_file);

  G_OBJECT_CLASS (pkio_simulator_parent_class)->finalize (object);
}

static void
pkio_simulator_class_init (PkioSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_simulator_dispose;
  object_class->finalize = pkio_simulator_finalize;
}

static void
pkio_simulator_init (PkioSimulator *self)
{
  self->api_key = g_strdup (PKIO_SIMULATOR_DEFAULT_API_KEY);
  self->issue_delay_ms = PKIO_SIMULATOR_DEFAULT_ISSUE_DELAY;
  self->revoke_delay_ms = PKIO_SIMULATOR_DEFAULT_REVOKE_DELAY;
  self->fault_delay_ms = 3000;
  self->faults = g_ptr_array_new_with_free_func (fault_rule_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_simulator_request_unref);
  self->pending = g_ptr_array_new ();
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) _pkio_sim_order_free);
  self->orders_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->next_order_id = 8436001;
  self->next_certificate_id = 8455001;
  self->next_request_id = 3310001;
  self->balance_cents = PKIO_SIMULATOR_DEFAULT_BALANCE;
  self->custom_fields = pkio_custom_field_list_new ();
}

/* Public API */

PkioSimulator *
pkio_simulator_new (void)
{
  return g_object_new (PKIO_TYPE_SIMULATOR, NULL);
}

gboolean
pkio_simulator_start (PkioSimulator *sim,
                      GError       **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketService) listener = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);
  g_return_val_if_fail (sim->server == NULL, FALSE);

  server = soup_server_new ("server-header", "pkio-simulator", NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), NULL);
  soup_server_add_early_handler (server, NULL, early_cb, sim, NULL);
  soup_server_add_handler (server, NULL, server_cb, sim, NULL);
  /* 127.0.0.1 only, any free port. */
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (listener), any_port,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                      error))
    return FALSE;
  sim->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  sim->context = g_main_context_ref_thread_default ();
  sim->base_url = g_strdup_printf ("http://127.0.0.1:%u" API_PREFIX, sim->port);
  sim->server = g_steal_pointer (&server);
  sim->listener = g_steal_pointer (&listener);
  g_signal_connect (sim->listener, "incoming", G_CALLBACK (incoming_cb), sim);
  g_socket_service_start (sim->listener);
  return TRUE;
}

const char *
pkio_simulator_get_base_url (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), NULL);

  return sim->base_url;
}

guint
pkio_simulator_get_port (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  return sim->port;
}

void
pkio_simulator_set_api_key (PkioSimulator *sim,
                            const char    *key)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  g_free (sim->api_key);
  sim->api_key = g_strdup (key);
}

void
pkio_simulator_set_view_only_key (PkioSimulator *sim,
                                  const char    *key)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  g_free (sim->view_only_key);
  sim->view_only_key = g_strdup (key);
}

void
pkio_simulator_set_issue_delay (PkioSimulator *sim,
                                guint          ms)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  sim->issue_delay_ms = ms;
}

void
pkio_simulator_set_fault_delay (PkioSimulator *sim,
                                guint          ms)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  sim->fault_delay_ms = ms;
}

void
pkio_simulator_set_list_extra_fields (PkioSimulator *sim,
                                      gboolean       extra)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  sim->list_extra_fields = extra;
}

void
pkio_simulator_set_balance (PkioSimulator *sim,
                            gint64         cents)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  sim->balance_cents = cents;
  _pkio_simulator_save_state (sim);
}

gint64
pkio_simulator_get_balance (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  return sim->balance_cents;
}

void
pkio_simulator_inject_fault (PkioSimulator     *sim,
                             const char        *method,
                             const char        *path_prefix,
                             PkioSimulatorFault fault,
                             guint              count)
{
  PkioSimFaultRule *rule;

  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  if (count == 0 || fault == PKIO_SIMULATOR_FAULT_NONE)
    return;
  rule = g_new0 (PkioSimFaultRule, 1);
  rule->method = (method != NULL && strcmp (method, "*") != 0) ? g_strdup (method) : NULL;
  rule->path_prefix = g_strdup (path_prefix);
  rule->fault = fault;
  rule->remaining = count;
  g_ptr_array_add (sim->faults, rule);
}

void
pkio_simulator_clear_faults (PkioSimulator *sim)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  g_ptr_array_set_size (sim->faults, 0);
}

guint64
pkio_simulator_get_streamed_bytes (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  return sim->streamed_bytes;
}
