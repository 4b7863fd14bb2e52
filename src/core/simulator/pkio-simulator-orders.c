/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order endpoints of order/certificate: placing an order (checked by the app's own order
 * rules and the account's fields, answered with CertCentral's error list), cancelling one and
 * its order info; the list and status-changes are handed to pkio-simulator-list.c. The order
 * record itself (what it holds, how it ages, its JSON) is pkio-simulator-order-record.c. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "pkio-cancel-note.h"
#include "pkio-order-json.h"
#include "pkio-order.h"
#include "pkio-simulator-private.h"

static JsonNode *
parse_body (SoupServerMessage *msg)
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

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

typedef struct
{
  char *code;
  char *field;
  char *message;
} SimError;

static void
sim_error_free (gpointer data)
{
  SimError *error = data;

  g_free (error->code);
  g_free (error->field);
  g_free (error->message);
  g_free (error);
}

static void
add_error (GPtrArray  *errors,
           const char *code,
           const char *field,
           const char *message)
{
  SimError *error = g_new0 (SimError, 1);

  error->code = g_strdup (code);
  error->field = g_strdup (field);
  error->message = g_strdup (message);
  g_ptr_array_add (errors, error);
}

static void
respond_errors (SoupServerMessage *msg,
                guint              status,
                GPtrArray         *errors)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < errors->len; i++)
    {
      SimError *error = g_ptr_array_index (errors, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, error->code);
      if (error->field != NULL)
        {
          json_builder_set_member_name (b, "field");
          json_builder_add_string_value (b, error->field);
        }
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _pkio_simulator_respond_json (msg, status, root);
}

/* Every problem of the body by docs/decisions.md#field-rules, the app's own rules, and of its
 * values for the account's own fields, into @errors. Returns the parsed order (NULL when it is
 * not an object). */
static PkioOrder *
collect_problems (PkioSimulator *sim,
                  JsonNode      *root,
                  GPtrArray     *errors)
{
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PkioOrder) order = NULL;
  /* CertCentral answers in English whatever the app's language: the "C" locale makes
   * gettext return the English source text for this thread only. */
  locale_t c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  locale_t previous = c_locale != (locale_t) 0 ? uselocale (c_locale) : (locale_t) 0;

  order = pkio_order_from_json (root, problems);
  if (order != NULL)
    {
      g_autoptr(GPtrArray) rules = pkio_order_validate (order, now);
      g_autoptr(GPtrArray) custom = _pkio_simulator_check_custom_fields (sim, order);

      pkio_problem_list_merge (problems, rules);
      pkio_problem_list_merge (problems, custom);
    }
  if (c_locale != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (c_locale);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      PkioProblem *problem = g_ptr_array_index (problems, i);

      add_error (errors, problem->code, problem->path, problem->message);
    }
  return g_steal_pointer (&order);
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static void
handle_place_order (PkioSimulator     *sim,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = parse_body (msg);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (sim_error_free);
  g_autoptr(PkioOrder) request = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) answer = NULL;
  const PkioSimIndividual *known = NULL;
  PkioSimOrder *order;
  gint64 price;

  if (root == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request_format", NULL,
                                     "The request body must be a JSON object.");
      return;
    }

  request = collect_problems (sim, root, errors);
  if (request == NULL || errors->len > 0)
    {
      if (errors->len == 0)
        add_error (errors, "bad_request_format", NULL, "The request body must be a JSON object.");
      respond_errors (msg, SOUP_STATUS_BAD_REQUEST, errors);
      return;
    }

  if (request->individual.use_id)
    {
      known = _pkio_simulator_find_individual (request->individual.id);
      if (known == NULL)
        {
          _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_individual",
                                         "certificate.individual.id",
                                         "No individual with this id exists in the account.");
          return;
        }
    }

  price = PKIO_SIMULATOR_ORDER_PRICE;
  if (request->ship_info.method == PKIO_SHIP_EXPEDITED)
    price += PKIO_SIMULATOR_EXPEDITED_PRICE;
  if (request->payment_method == PKIO_PAYMENT_BALANCE)
    {
      if (sim->balance_cents < price)
        {
          _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "insufficient_funds",
                                         "payment_method",
                                         "The account balance is too low for this order.");
          return;
        }
      sim->balance_cents -= price;
    }

  order = _pkio_sim_order_new ();
  order->id = sim->next_order_id++;
  order->certificate_id = sim->next_certificate_id++;
  order->status = g_strdup ("pending");
  order->created_usec = g_get_real_time ();
  order->changed_usec = order->created_usec;
  if (sim->issue_delay_ms != PKIO_SIMULATOR_ISSUE_NEVER)
    order->issue_at_usec = order->created_usec + (gint64) sim->issue_delay_ms * 1000;
  if (known != NULL)
    {
      order->individual_id = known->id;
      order->first_name = g_strdup (known->first_name);
      order->last_name = g_strdup (known->last_name);
      order->email = g_strdup (known->email);
    }
  else
    {
      order->first_name = trimmed (request->individual.first_name);
      order->last_name = trimmed (request->individual.last_name);
      order->email = trimmed (request->individual.email);
    }
  order->profile_option = g_strdup (pkio_profile_to_string (request->profile));
  order->ship_method = g_strdup (pkio_ship_method_to_string (request->ship_info.method));
  /* The payment method only: card data is never kept. */
  order->payment_method = g_strdup (pkio_payment_method_to_string (request->payment_method));
  order->price_cents = price;
  /* Placed with the key, so by the key's user. */
  order->user_first_name = g_strdup (PKIO_SIM_USER_FIRST_NAME);
  order->user_last_name = g_strdup (PKIO_SIM_USER_LAST_NAME);
  order->user_email = g_strdup (PKIO_SIM_USER_EMAIL);
  switch (request->validity.kind)
    {
    case PKIO_VALIDITY_DAYS:
      order->validity_days = request->validity.days;
      break;
    case PKIO_VALIDITY_CUSTOM_DATE:
      if (g_date_valid (&request->validity.custom_date))
        order->validity_until = g_date_get_julian (&request->validity.custom_date);
      break;
    case PKIO_VALIDITY_YEARS:
    default:
      order->validity_years = request->validity.years;
      break;
    }
  _pkio_simulator_insert_order (sim, order);
  _pkio_simulator_save_state (sim);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, order->id);
  json_builder_set_member_name (b, "certificate_id");
  json_builder_add_int_value (b, order->certificate_id);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  _pkio_simulator_respond_json (msg, SOUP_STATUS_CREATED, answer);
}

static void
handle_cancel (PkioSimulator     *sim,
               SoupServerMessage *msg,
               PkioSimOrder      *order)
{
  g_autoptr(JsonNode) root = parse_body (msg);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (sim_error_free);
  g_autofree char *note = NULL;
  const char *status;

  if (root == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request_format", NULL,
                                     "The request body must be a JSON object.");
      return;
    }
  status = get_string (json_node_get_object (root), "status");
  note = pkio_cancel_note_normalize (get_string (json_node_get_object (root), "note"), NULL);
  if (g_strcmp0 (status, "canceled") != 0)
    add_error (errors, "invalid_status", "status", "Only the status \"canceled\" can be set.");
  if (note == NULL)
    add_error (errors, "missing_param", "note", "A note is required to cancel an order.");
  if (errors->len == 0 && strcmp (order->status, "pending") != 0
      && strcmp (order->status, "waiting_pickup") != 0)
    add_error (errors, "invalid_order_status", "status",
               "Only orders that are pending or waiting for pickup can be canceled.");
  if (errors->len > 0)
    {
      respond_errors (msg, SOUP_STATUS_BAD_REQUEST, errors);
      return;
    }

  g_free (order->status);
  order->status = g_strdup ("canceled");
  order->changed_usec = g_get_real_time ();
  order->issue_at_usec = 0;
  _pkio_simulator_save_state (sim);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* order/certificate[/…]; @path is relative to /services/v2/. */
void
_pkio_simulator_handle_orders (PkioSimulator     *sim,
                               SoupServerMessage *msg,
                               const char        *method,
                               const char        *path,
                               GHashTable        *query)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  gboolean is_get = strcmp (method, SOUP_METHOD_GET) == 0;
  gint64 id = 0;
  char *end = NULL;
  PkioSimOrder *order;

  /* A trailing slash is the same route. */
  if (n > 2 && *parts[n - 1] == '\0')
    n--;

  if (n == 2 && is_get)
    {
      _pkio_simulator_handle_list (sim, msg, query);
      return;
    }
  if (n == 3 && strcmp (method, SOUP_METHOD_POST) == 0)
    {
      if (strcmp (parts[2], PKIO_PRODUCT_NAME_ID) == 0)
        handle_place_order (sim, msg);
      else
        _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|product", NULL,
                                       "The requested product was not found.");
      return;
    }
  if (n == 3 && is_get && strcmp (parts[2], "status-changes") == 0)
    {
      _pkio_simulator_handle_status_changes (sim, msg, query);
      return;
    }

  if (n >= 3 && g_ascii_isdigit (*parts[2]))
    id = g_ascii_strtoll (parts[2], &end, 10);
  if (id <= 0 || end == NULL || *end != '\0'
      || !((n == 3 && is_get)
           || (n == 4 && strcmp (parts[3], "status") == 0
               && strcmp (method, SOUP_METHOD_PUT) == 0)))
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|route", NULL,
                                     "The requested route was not found.");
      return;
    }

  order = g_hash_table_lookup (sim->orders_by_id, &id);
  if (order == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|order", NULL,
                                     "The order was not found.");
      return;
    }
  if (n == 3)
    {
      g_autoptr(JsonNode) node = _pkio_sim_order_to_json (order, PKIO_SIM_ORDER_INFO);

      _pkio_simulator_respond_json (msg, SOUP_STATUS_OK, node);
    }
  else
    handle_cancel (sim, msg, order);
}
