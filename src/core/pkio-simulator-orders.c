/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pkio-simulator-private.h"

#define MAX_LIMIT          1000
#define MAX_CHANGE_MINUTES 10080
#define DAY_USEC           (G_USEC_PER_SEC * (gint64) 86400)

static const PkioSimIndividual individuals[] = {
  { 21, "John", "Doe", "john.doe@example.com" },
  { 22, "Anna", "de Vries", "anna.devries@example.com" },
  { 23, "Pieter", "Jansen", "pieter.jansen@example.com" },
};

const PkioSimIndividual *
_pkio_simulator_find_individual (gint64 id)
{
  for (guint i = 0; i < G_N_ELEMENTS (individuals); i++)
    if (individuals[i].id == id)
      return &individuals[i];
  return NULL;
}

PkioSimOrder *
_pkio_sim_order_new (void)
{
  return g_new0 (PkioSimOrder, 1);
}

void
_pkio_sim_order_free (PkioSimOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->status);
  g_free (order->first_name);
  g_free (order->last_name);
  g_free (order->email);
  g_free (order->profile_option);
  g_free (order->ship_method);
  g_free (order->payment_method);
  g_free (order);
}

void
_pkio_simulator_insert_order (PkioSimulator *sim,
                              PkioSimOrder  *order)
{
  g_ptr_array_add (sim->orders, order);
  g_hash_table_insert (sim->orders_by_id, &order->id, order);
}

const char *
_pkio_sim_order_status (const PkioSimOrder *order,
                        gint64              now_usec)
{
  if (order->issue_at_usec > 0 && now_usec >= order->issue_at_usec
      && g_strcmp0 (order->status, "pending") == 0)
    return "issued";
  return order->status;
}

/* Turns due pending orders into issued ones; TRUE when something changed. */
gboolean
_pkio_simulator_refresh (PkioSimulator *sim)
{
  gint64 now = g_get_real_time ();
  gboolean changed = FALSE;

  for (guint i = 0; i < sim->orders->len; i++)
    {
      PkioSimOrder *order = g_ptr_array_index (sim->orders, i);

      if (order->issue_at_usec == 0 || g_strcmp0 (order->status, "pending") != 0
          || now < order->issue_at_usec)
        continue;
      g_free (order->status);
      order->status = g_strdup ("issued");
      order->changed_usec = order->issue_at_usec;
      order->issue_at_usec = 0;
      changed = TRUE;
    }
  return changed;
}

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%S+00:00");
}

static JsonNode *
order_to_json (const PkioSimOrder *order,
               gboolean            full)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *date = format_date (order->created_usec);
  g_autofree char *common_name = g_strdup_printf ("%s %s", order->first_name, order->last_name);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, order->id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, order->status);
  json_builder_set_member_name (b, "date_created");
  json_builder_add_string_value (b, date);

  json_builder_set_member_name (b, "product");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name_id");
  json_builder_add_string_value (b, "pkio_burger");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "PKIo Citizen");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "certificate");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, order->certificate_id);
  json_builder_set_member_name (b, "common_name");
  json_builder_add_string_value (b, common_name);
  json_builder_set_member_name (b, "profile_option");
  json_builder_add_string_value (b, order->profile_option);
  json_builder_set_member_name (b, "signature_hash");
  json_builder_add_string_value (b, "sha256");
  json_builder_set_member_name (b, "emails");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, order->email);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "individual");
  json_builder_begin_object (b);
  if (order->individual_id > 0)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, order->individual_id);
    }
  json_builder_set_member_name (b, "first_name");
  json_builder_add_string_value (b, order->first_name);
  json_builder_set_member_name (b, "last_name");
  json_builder_add_string_value (b, order->last_name);
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, order->email);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "ship_info");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, order->ship_method);
  json_builder_end_object (b);

  if (full)
    {
      json_builder_set_member_name (b, "payment_method");
      json_builder_add_string_value (b, order->payment_method);
      json_builder_set_member_name (b, "provisioning_method");
      json_builder_add_string_value (b, "token");
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

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

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return 0;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
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

/* Every problem of the body by api/decisions.md, as (code, field path, message). */
static void
collect_problems (JsonNode  *root,
                  GPtrArray *errors)
{
  JsonObject *body = json_node_get_object (root);
  JsonObject *certificate = get_object (body, "certificate");
  JsonObject *individual = get_object (certificate, "individual");
  JsonObject *ship_info = get_object (body, "ship_info");

  if (certificate == NULL)
    add_error (errors, "missing_param", "certificate", "certificate is required.");
  else if (individual == NULL)
    add_error (errors, "missing_param", "certificate.individual",
               "certificate.individual is required.");
  if (ship_info == NULL)
    add_error (errors, "missing_param", "ship_info", "ship_info is required.");
}

static void
handle_place_order (PkioSimulator     *sim,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = parse_body (msg);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (sim_error_free);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *body;
  JsonObject *certificate;
  JsonObject *individual;
  const PkioSimIndividual *known = NULL;
  const char *ship_method;
  const char *payment;
  PkioSimOrder *order;
  gint64 individual_id;
  gint64 price;

  if (root == NULL)
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request_format", NULL,
                                     "The request body must be a JSON object.");
      return;
    }

  collect_problems (root, errors);
  if (errors->len > 0)
    {
      respond_errors (msg, SOUP_STATUS_BAD_REQUEST, errors);
      return;
    }

  body = json_node_get_object (root);
  certificate = get_object (body, "certificate");
  individual = get_object (certificate, "individual");
  individual_id = get_int (individual, "id");
  if (json_object_has_member (individual, "id"))
    {
      known = _pkio_simulator_find_individual (individual_id);
      if (known == NULL)
        {
          _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_individual",
                                         "certificate.individual.id",
                                         "No individual with this id exists in the account.");
          return;
        }
    }

  ship_method = get_string (get_object (body, "ship_info"), "method");
  payment = get_string (body, "payment_method");
  if (payment == NULL)
    payment = "balance";
  price = PKIO_SIMULATOR_ORDER_PRICE;
  if (g_strcmp0 (ship_method, "EXPEDITED") == 0)
    price += PKIO_SIMULATOR_EXPEDITED_PRICE;
  if (strcmp (payment, "balance") == 0)
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
      order->first_name = g_strdup (get_string (individual, "first_name"));
      order->last_name = g_strdup (get_string (individual, "last_name"));
      order->email = g_strdup (get_string (individual, "email"));
    }
  order->profile_option = g_strdup (get_string (certificate, "profile_option"));
  order->ship_method = g_strdup (ship_method);
  order->payment_method = g_strdup (payment);
  order->price_cents = price;
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

/* Dates of filters[date_created]: "YYYY-MM-DD" covers that whole day (UTC), "YYYY-MM-DD
 * HH:MM:SS" (or with "T") that second. */
static gboolean
parse_bound (const char *text,
             gint64     *start,
             gint64     *end)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = NULL;
  gboolean whole_day = strlen (copy) == 10;

  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  if (whole_day)
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00", NULL);
      date = g_date_time_new_from_iso8601 (midnight, utc);
    }
  else
    date = g_date_time_new_from_iso8601 (copy, utc);
  if (date == NULL)
    return FALSE;
  *start = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  *end = *start + (whole_day ? DAY_USEC : G_USEC_PER_SEC);
  return TRUE;
}

/* Accepted filters[date_created]: ">=D", ">D", "<=D", "<D", "D" (that day or second), and
 * ranges "D1...D2" or "D1..D2" (both ends inclusive). */
static gboolean
parse_date_filter (const char *text,
                   gint64     *from,
                   gint64     *until)
{
  const char *dots = strstr (text, "..");
  gint64 start, end, start2, end2;

  *from = G_MININT64;
  *until = G_MAXINT64;
  if (dots != NULL)
    {
      g_autofree char *first = g_strndup (text, dots - text);
      const char *second = dots + 2;

      if (*second == '.')
        second++;
      if (!parse_bound (first, &start, &end) || !parse_bound (second, &start2, &end2))
        return FALSE;
      *from = start;
      *until = end2;
      return TRUE;
    }
  if (g_str_has_prefix (text, ">="))
    return parse_bound (text + 2, from, &end);
  if (g_str_has_prefix (text, "<="))
    return parse_bound (text + 2, &start, until);
  if (g_str_has_prefix (text, ">"))
    return parse_bound (text + 1, &start, from);
  if (g_str_has_prefix (text, "<"))
    return parse_bound (text + 1, until, &end);
  return parse_bound (text, from, until);
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

static int
compare_date_asc (gconstpointer a,
                  gconstpointer b)
{
  const PkioSimOrder *x = *(PkioSimOrder * const *) a;
  const PkioSimOrder *y = *(PkioSimOrder * const *) b;

  if (x->created_usec != y->created_usec)
    return x->created_usec < y->created_usec ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id);
}

static int
compare_date_desc (gconstpointer a,
                   gconstpointer b)
{
  return compare_date_asc (b, a);
}

static int
compare_id_asc (gconstpointer a,
                gconstpointer b)
{
  const PkioSimOrder *x = *(PkioSimOrder * const *) a;
  const PkioSimOrder *y = *(PkioSimOrder * const *) b;

  return x->id < y->id ? -1 : (x->id > y->id);
}

static int
compare_id_desc (gconstpointer a,
                 gconstpointer b)
{
  return compare_id_asc (b, a);
}

static gboolean
status_matches (const char *filter,
                const char *status)
{
  g_auto(GStrv) wanted = NULL;

  if (filter == NULL)
    return TRUE;
  wanted = g_strsplit (filter, ",", -1);
  return g_strv_contains ((const char * const *) wanted, status);
}

static void
handle_list (PkioSimulator     *sim,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *product = query ? g_hash_table_lookup (query, "filters[product_name_id]") : NULL;
  const char *status = query ? g_hash_table_lookup (query, "filters[status]") : NULL;
  const char *email = query ? g_hash_table_lookup (query, "filters[email]") : NULL;
  const char *created = query ? g_hash_table_lookup (query, "filters[date_created]") : NULL;
  const char *sort = query ? g_hash_table_lookup (query, "sort") : NULL;
  const char *offset_text = query ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GCompareFunc compare = compare_date_desc;
  gint64 from = G_MININT64, until = G_MAXINT64;
  guint64 offset = 0, limit = MAX_LIMIT;

  if (created != NULL && !parse_date_filter (created, &from, &until))
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_filter",
                                     "filters[date_created]",
                                     "The date filter is not in a supported format.");
      return;
    }
  if (offset_text != NULL && !parse_uint (offset_text, G_MAXUINT32, &offset))
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_offset", "offset",
                                     "offset must be a non-negative integer.");
      return;
    }
  if (limit_text != NULL && !parse_uint (limit_text, G_MAXUINT32, &limit))
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_limit", "limit",
                                     "limit must be a non-negative integer.");
      return;
    }
  /* CertCentral caps a page at 1000 orders; 0 means the default. */
  if (limit == 0 || limit > MAX_LIMIT)
    limit = MAX_LIMIT;
  if (sort == NULL || strcmp (sort, "-date_created") == 0)
    compare = compare_date_desc;
  else if (strcmp (sort, "date_created") == 0)
    compare = compare_date_asc;
  else if (strcmp (sort, "id") == 0 || strcmp (sort, "order_id") == 0)
    compare = compare_id_asc;
  else if (strcmp (sort, "-id") == 0 || strcmp (sort, "-order_id") == 0)
    compare = compare_id_desc;
  else
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_sort", "sort",
                                     "The sort field is not supported.");
      return;
    }

  for (guint i = 0; i < sim->orders->len; i++)
    {
      PkioSimOrder *order = g_ptr_array_index (sim->orders, i);

      if (product != NULL && strcmp (product, "pkio_burger") != 0)
        continue;
      if (!status_matches (status, order->status))
        continue;
      if (email != NULL && g_ascii_strcasecmp (email, order->email) != 0)
        continue;
      if (order->created_usec < from || order->created_usec >= until)
        continue;
      g_ptr_array_add (selected, order);
    }
  g_ptr_array_sort (selected, compare);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "orders");
  json_builder_begin_array (b);
  for (guint64 i = offset; i < selected->len && i < offset + limit; i++)
    json_builder_add_value (b, order_to_json (g_ptr_array_index (selected, i), FALSE));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "page");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, selected->len);
  json_builder_set_member_name (b, "limit");
  json_builder_add_int_value (b, limit);
  json_builder_set_member_name (b, "offset");
  json_builder_add_int_value (b, offset);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _pkio_simulator_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_status_changes (PkioSimulator     *sim,
                       SoupServerMessage *msg,
                       GHashTable        *query)
{
  const char *minutes_text = query ? g_hash_table_lookup (query, "minutes") : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint64 minutes = 60;
  gint64 since;

  if (minutes_text != NULL
      && (!parse_uint (minutes_text, MAX_CHANGE_MINUTES, &minutes) || minutes == 0))
    {
      _pkio_simulator_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_minutes", "minutes",
                                     "minutes must be an integer from 1 to 10080 (7 days).");
      return;
    }
  since = g_get_real_time () - (gint64) minutes * 60 * G_USEC_PER_SEC;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "orders");
  json_builder_begin_array (b);
  for (guint i = 0; i < sim->orders->len; i++)
    {
      PkioSimOrder *order = g_ptr_array_index (sim->orders, i);

      if (order->changed_usec < since)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "order_id");
      json_builder_add_int_value (b, order->id);
      json_builder_set_member_name (b, "certificate_id");
      json_builder_add_int_value (b, order->certificate_id);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, order->status);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _pkio_simulator_respond_json (msg, SOUP_STATUS_OK, root);
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
  note = g_strdup (get_string (json_node_get_object (root), "note"));
  if (note != NULL)
    g_strstrip (note);
  if (g_strcmp0 (status, "canceled") != 0)
    add_error (errors, "invalid_status", "status", "Only the status \"canceled\" can be set.");
  if (note == NULL || *note == '\0')
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
      handle_list (sim, msg, query);
      return;
    }
  if (n == 3 && strcmp (method, SOUP_METHOD_POST) == 0)
    {
      if (strcmp (parts[2], "pkio_burger") == 0)
        handle_place_order (sim, msg);
      else
        _pkio_simulator_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found|product", NULL,
                                       "The requested product was not found.");
      return;
    }
  if (n == 3 && is_get && strcmp (parts[2], "status-changes") == 0)
    {
      handle_status_changes (sim, msg, query);
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
      g_autoptr(JsonNode) node = order_to_json (order, TRUE);

      _pkio_simulator_respond_json (msg, SOUP_STATUS_OK, node);
    }
  else
    handle_cancel (sim, msg, order);
}
