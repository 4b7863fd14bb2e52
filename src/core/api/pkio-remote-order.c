/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-json-guard.h"
#include "pkio-remote-order.h"

static void
remote_request_free (PkioRemoteRequest *request)
{
  g_free (request->type);
  g_free (request->status);
  g_free (request);
}

PkioRemoteOrder *
pkio_remote_order_new (void)
{
  PkioRemoteOrder *order = g_new0 (PkioRemoteOrder, 1);

  order->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) remote_request_free);
  return order;
}

const PkioRemoteRequest *
pkio_remote_order_find_request (const PkioRemoteOrder *order,
                                const char            *type)
{
  const PkioRemoteRequest *found = NULL;

  g_return_val_if_fail (order != NULL, NULL);

  for (guint i = 0; i < order->requests->len; i++)
    {
      const PkioRemoteRequest *request = g_ptr_array_index (order->requests, i);

      if (g_strcmp0 (request->type, type) == 0 && (found == NULL || request->id > found->id))
        found = request;
    }
  return found;
}

void
pkio_remote_order_free (PkioRemoteOrder *order)
{
  if (order == NULL)
    return;

  g_free (order->status);
  g_clear_pointer (&order->date_created, g_date_time_unref);
  g_free (order->product_name_id);
  g_free (order->common_name);
  g_free (order->email);
  g_free (order->profile_option);
  g_free (order->ship_method);
  g_free (order->placed_by);
  g_free (order->first_name);
  g_free (order->last_name);
  g_clear_pointer (&order->requests, g_ptr_array_unref);
  g_free (order);
}

PkioRemoteOrder *
pkio_remote_order_copy (const PkioRemoteOrder *order)
{
  PkioRemoteOrder *copy;

  g_return_val_if_fail (order != NULL, NULL);

  copy = pkio_remote_order_new ();
  copy->order_id = order->order_id;
  copy->certificate_id = order->certificate_id;
  copy->status = g_strdup (order->status);
  copy->date_created = order->date_created ? g_date_time_ref (order->date_created) : NULL;
  copy->product_name_id = g_strdup (order->product_name_id);
  copy->common_name = g_strdup (order->common_name);
  copy->email = g_strdup (order->email);
  copy->individual_id = order->individual_id;
  copy->profile_option = g_strdup (order->profile_option);
  copy->ship_method = g_strdup (order->ship_method);
  copy->placed_by = g_strdup (order->placed_by);
  copy->is_renewed = order->is_renewed;
  copy->revocation_requested = order->revocation_requested;
  copy->valid_from = order->valid_from;
  copy->valid_till = order->valid_till;
  copy->has_days_remaining = order->has_days_remaining;
  copy->days_remaining = order->days_remaining;
  copy->first_name = g_strdup (order->first_name);
  copy->last_name = g_strdup (order->last_name);
  for (guint i = 0; i < order->requests->len; i++)
    {
      const PkioRemoteRequest *request = g_ptr_array_index (order->requests, i);
      PkioRemoteRequest *request_copy = g_new0 (PkioRemoteRequest, 1);

      request_copy->id = request->id;
      request_copy->type = g_strdup (request->type);
      request_copy->status = g_strdup (request->status);
      g_ptr_array_add (copy->requests, request_copy);
    }
  return copy;
}

/* Lenient readers: CertCentral answers are untrusted, a wrong type counts as absent
 * (integers: pkio_json_guard_int_or_zero ()). */
static char *
read_string (JsonObject *object,
             const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* certificate.valid_from / valid_till: "yyyy-MM-dd" (some answers add a time: only the date
 * counts). */
static PkioDay
read_day (JsonObject *object,
          const char *member)
{
  g_autofree char *text = read_string (object, member);

  if (text == NULL || strlen (text) < 10)
    return 0;
  text[10] = '\0';
  return pkio_calendar_day_from_iso (text);
}

static JsonObject *
read_object (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;
  return json_node_get_object (node);
}

static GDateTime *
read_date (JsonObject *object,
           const char *member)
{
  g_autofree char *text = read_string (object, member);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *parsed;

  if (text == NULL)
    return NULL;
  /* CertCentral uses "2018-10-16T17:29:56+00:00" and sometimes "2018-10-16 17:29:56". */
  if (strlen (text) > 10 && text[10] == ' ')
    text[10] = 'T';
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);
      parsed = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (parsed != NULL)
    {
      GDateTime *in_utc = g_date_time_to_utc (parsed);
      g_date_time_unref (parsed);
      parsed = in_utc;
    }
  return parsed;
}

/* order info's "user" (docs/certcentral-api.md#who-placed-an-order): "First Last" from its
 * names, else its email; NULL when it says neither. */
static char *
read_placed_by (JsonObject *object)
{
  JsonObject *user = read_object (object, "user");
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *name = NULL;

  if (user == NULL)
    return NULL;
  first = read_string (user, "first_name");
  last = read_string (user, "last_name");
  name = g_strstrip (g_strjoin (" ", first != NULL ? g_strstrip (first) : "",
                                last != NULL ? g_strstrip (last) : "", NULL));
  if (*name != '\0')
    return g_steal_pointer (&name);
  g_clear_pointer (&name, g_free);
  name = read_string (user, "email");
  if (name != NULL && *g_strstrip (name) != '\0')
    return g_steal_pointer (&name);
  return NULL;
}

static gboolean
read_true (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* order info's "requests" ([{id, date, type, status}], docs/certcentral-api.md#order-info): a
 * "revoke" request still asked for or granted; one that was rejected asks for nothing. */
static gboolean
read_revocation_requested (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "requests");
  JsonArray *requests;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  requests = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonNode *element = json_array_get_element (requests, i);
      g_autofree char *type = NULL;
      g_autofree char *status = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      type = read_string (json_node_get_object (element), "type");
      status = read_string (json_node_get_object (element), "status");
      if (g_strcmp0 (type, "revoke") == 0 && g_strcmp0 (status, "rejected") != 0)
        return TRUE;
    }
  return FALSE;
}

/* The individual's names, for ordering again for the same person. */
static void
read_names (JsonObject      *individual,
            PkioRemoteOrder *order)
{
  if (order->first_name == NULL)
    order->first_name = read_string (individual, "first_name");
  if (order->last_name == NULL)
    order->last_name = read_string (individual, "last_name");
}

/* "requests":[{"id","type","status"},…] of order info; entries without an id are skipped. */
static void
read_requests (JsonObject *object,
               GPtrArray  *requests)
{
  JsonNode *node = json_object_get_member (object, "requests");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array) && requests->len < 100; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PkioRemoteRequest *request;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      id = pkio_json_guard_int_or_zero (json_node_get_object (element), "id");
      if (id <= 0)
        continue;
      request = g_new0 (PkioRemoteRequest, 1);
      request->id = id;
      request->type = read_string (json_node_get_object (element), "type");
      request->status = read_string (json_node_get_object (element), "status");
      g_ptr_array_add (requests, request);
    }
}

PkioRemoteOrder *
pkio_remote_order_from_json (JsonObject *object,
                             GError    **error)
{
  g_autoptr(PkioRemoteOrder) order = pkio_remote_order_new ();
  JsonObject *certificate;
  JsonObject *product;
  JsonObject *individual;
  JsonObject *ship_info;

  g_return_val_if_fail (object != NULL, NULL);

  order->order_id = pkio_json_guard_int_or_zero (object, "id");
  if (order->order_id <= 0)
    order->order_id = pkio_json_guard_int_or_zero (object, "order_id");
  if (order->order_id <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "CertCentral sent an order without an “id”");
      return NULL;
    }

  order->status = read_string (object, "status");
  order->date_created = read_date (object, "date_created");
  order->certificate_id = pkio_json_guard_int_or_zero (object, "certificate_id");

  certificate = read_object (object, "certificate");
  if (certificate != NULL)
    {
      JsonNode *emails = json_object_get_member (certificate, "emails");
      gint64 days_remaining = 0;

      if (order->certificate_id == 0)
        order->certificate_id = pkio_json_guard_int_or_zero (certificate, "id");
      order->common_name = read_string (certificate, "common_name");
      order->profile_option = read_string (certificate, "profile_option");
      order->valid_from = read_day (certificate, "valid_from");
      order->valid_till = read_day (certificate, "valid_till");
      order->has_days_remaining = pkio_json_guard_get_int (certificate, "days_remaining",
                                                           &days_remaining, NULL);
      if (order->has_days_remaining)
        order->days_remaining = CLAMP (days_remaining, -100000, 100000);
      if (emails != NULL && JSON_NODE_HOLDS_ARRAY (emails)
          && json_array_get_length (json_node_get_array (emails)) > 0)
        {
          JsonNode *first = json_array_get_element (json_node_get_array (emails), 0);

          if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
            order->email = g_strdup (json_node_get_string (first));
        }
      individual = read_object (certificate, "individual");
      if (individual != NULL)
        {
          order->individual_id = pkio_json_guard_int_or_zero (individual, "id");
          if (order->email == NULL)
            order->email = read_string (individual, "email");
          read_names (individual, order);
        }
    }

  individual = read_object (object, "individual");
  if (individual != NULL)
    {
      if (order->individual_id == 0)
        order->individual_id = pkio_json_guard_int_or_zero (individual, "id");
      if (order->email == NULL)
        order->email = read_string (individual, "email");
      read_names (individual, order);
    }
  read_requests (object, order->requests);

  product = read_object (object, "product");
  if (product != NULL)
    order->product_name_id = read_string (product, "name_id");

  ship_info = read_object (object, "ship_info");
  if (ship_info != NULL)
    order->ship_method = read_string (ship_info, "method");

  order->placed_by = read_placed_by (object);
  order->is_renewed = read_true (object, "is_renewed");
  order->revocation_requested = read_revocation_requested (object);

  return g_steal_pointer (&order);
}
