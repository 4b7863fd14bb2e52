/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkio-simulator-private.h"

#define STATE_VERSION 1

static const char *bulk_first_names[] = { "Anna", "Bram", "Chantal", "Daan", "Eva", "Floor",
                                          "Gijs", "Hanna", "Ivo", "Julia" };
static const char *bulk_last_names[] = { "de Jong", "Jansen", "de Vries", "van den Berg",
                                         "Bakker", "Visser", "Smit", "Meijer", "de Boer" };
static const char *bulk_statuses[] = { "issued", "issued", "issued", "pending", "canceled",
                                       "rejected", "waiting_pickup", "expired", "revoked" };

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_day (JsonBuilder *b,
         const char  *name,
         PkioDay      day)
{
  g_autofree char *text = pkio_calendar_day_to_iso (day);

  add_string (b, name, text);
}

void
_pkio_simulator_save_state (PkioSimulator *sim)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (sim->state_file == NULL)
    return;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_int (b, "version", STATE_VERSION);
  add_int (b, "next_order_id", sim->next_order_id);
  add_int (b, "next_certificate_id", sim->next_certificate_id);
  add_int (b, "next_request_id", sim->next_request_id);
  add_int (b, "balance_cents", sim->balance_cents);
  json_builder_set_member_name (b, "orders");
  json_builder_begin_array (b);
  for (guint i = 0; i < sim->orders->len; i++)
    {
      PkioSimOrder *order = g_ptr_array_index (sim->orders, i);

      json_builder_begin_object (b);
      add_int (b, "id", order->id);
      add_int (b, "certificate_id", order->certificate_id);
      add_string (b, "status", order->status);
      add_int (b, "created_usec", order->created_usec);
      add_int (b, "issue_at_usec", order->issue_at_usec);
      add_int (b, "changed_usec", order->changed_usec);
      add_int (b, "individual_id", order->individual_id);
      add_string (b, "first_name", order->first_name);
      add_string (b, "last_name", order->last_name);
      add_string (b, "email", order->email);
      add_string (b, "profile_option", order->profile_option);
      add_string (b, "ship_method", order->ship_method);
      add_string (b, "payment_method", order->payment_method);
      add_int (b, "price_cents", order->price_cents);
      add_int (b, "validity_years", order->validity_years);
      add_int (b, "validity_days", order->validity_days);
      add_day (b, "validity_until", order->validity_until);
      add_day (b, "valid_from", order->valid_from);
      add_day (b, "valid_till", order->valid_till);
      add_string (b, "user_first_name", order->user_first_name);
      add_string (b, "user_last_name", order->user_last_name);
      add_string (b, "user_email", order->user_email);
      json_builder_set_member_name (b, "is_renewed");
      json_builder_add_boolean_value (b, order->is_renewed);
      add_int (b, "revoke_request_id", order->revoke_request_id);
      add_int (b, "revoke_requested_usec", order->revoke_requested_usec);
      add_int (b, "revoke_at_usec", order->revoke_at_usec);
      add_int (b, "revoke_approved", order->revoke_approved);
      add_string (b, "revoke_comments", order->revoke_comments);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  if (!g_file_set_contents_full (sim->state_file, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_message ("Practice mode: could not save %s: %s", sim->state_file, error->message);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static char *
member_string (JsonObject *object,
               const char *name,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup (fallback);
  return g_strdup (json_node_get_string (node));
}

static PkioDay
member_day (JsonObject *object,
            const char *name)
{
  g_autofree char *text = member_string (object, name, NULL);

  return pkio_calendar_day_from_iso (text);
}

static gboolean
load_from (PkioSimulator *sim,
           JsonNode      *root)
{
  JsonObject *object;
  JsonNode *orders;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  orders = json_object_get_member (object, "orders");
  if (member_int (object, "version") != STATE_VERSION || orders == NULL
      || !JSON_NODE_HOLDS_ARRAY (orders))
    return FALSE;

  g_hash_table_remove_all (sim->orders_by_id);
  g_ptr_array_set_size (sim->orders, 0);
  sim->next_order_id = MAX (member_int (object, "next_order_id"), sim->next_order_id);
  sim->next_certificate_id = MAX (member_int (object, "next_certificate_id"),
                                  sim->next_certificate_id);
  sim->next_request_id = MAX (member_int (object, "next_request_id"), sim->next_request_id);
  sim->balance_cents = member_int (object, "balance_cents");

  array = json_node_get_array (orders);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;
      PkioSimOrder *order;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      item = json_node_get_object (element);
      order = _pkio_sim_order_new ();
      order->id = member_int (item, "id");
      if (order->id <= 0 || g_hash_table_contains (sim->orders_by_id, &order->id))
        {
          _pkio_sim_order_free (order);
          continue;
        }
      order->certificate_id = member_int (item, "certificate_id");
      order->status = member_string (item, "status", "pending");
      order->created_usec = member_int (item, "created_usec");
      order->issue_at_usec = member_int (item, "issue_at_usec");
      order->changed_usec = member_int (item, "changed_usec");
      order->individual_id = member_int (item, "individual_id");
      order->first_name = member_string (item, "first_name", "");
      order->last_name = member_string (item, "last_name", "");
      order->email = member_string (item, "email", "");
      order->profile_option = member_string (item, "profile_option", "authentication");
      order->ship_method = member_string (item, "ship_method", "STANDARD");
      order->payment_method = member_string (item, "payment_method", "balance");
      order->price_cents = member_int (item, "price_cents");
      order->validity_years = member_int (item, "validity_years");
      order->validity_days = member_int (item, "validity_days");
      order->validity_until = member_day (item, "validity_until");
      order->valid_from = member_day (item, "valid_from");
      order->valid_till = member_day (item, "valid_till");
      order->user_first_name = member_string (item, "user_first_name", NULL);
      order->user_last_name = member_string (item, "user_last_name", NULL);
      order->user_email = member_string (item, "user_email", NULL);
      order->is_renewed = json_object_get_boolean_member_with_default (item, "is_renewed", FALSE);
      order->revoke_request_id = member_int (item, "revoke_request_id");
      order->revoke_requested_usec = member_int (item, "revoke_requested_usec");
      order->revoke_at_usec = member_int (item, "revoke_at_usec");
      order->revoke_approved = member_int (item, "revoke_approved") != 0;
      order->revoke_comments = member_string (item, "revoke_comments", NULL);
      sim->next_request_id = MAX (sim->next_request_id, order->revoke_request_id + 1);
      sim->next_order_id = MAX (sim->next_order_id, order->id + 1);
      sim->next_certificate_id = MAX (sim->next_certificate_id, order->certificate_id + 1);
      _pkio_simulator_insert_order (sim, order);
    }
  return TRUE;
}

void
_pkio_simulator_load_state (PkioSimulator *sim)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (sim->state_file, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("Practice mode: could not read %s: %s", sim->state_file, error->message);
      return;
    }

  if (!json_parser_load_from_data (parser, contents, length, NULL)
      || !load_from (sim, json_parser_get_root (parser)))
    {
      /* Never delete what we cannot read: move it aside and start afresh. */
      g_autofree char *aside = g_strconcat (sim->state_file, ".corrupt", NULL);

      g_message ("Practice mode: %s is damaged; it was moved to %s", sim->state_file, aside);
      if (g_rename (sim->state_file, aside) != 0)
        g_message ("Practice mode: could not move %s aside", sim->state_file);
    }
}

void
pkio_simulator_set_state_file (PkioSimulator *sim,
                               const char    *path)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  g_free (sim->state_file);
  sim->state_file = g_strdup (path);
  if (path != NULL)
    _pkio_simulator_load_state (sim);
}

/* An order placed elsewhere in a status that has a certificate gets its dates: from the day it
 * was made, for @years; an expired one ended yesterday at the latest. */
static void
give_validity (PkioSimOrder *order,
               guint         years)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (order->created_usec
                                                                / G_USEC_PER_SEC);
  PkioDay today = pkio_calendar_today (utc);

  if (g_strcmp0 (order->status, "issued") != 0 && g_strcmp0 (order->status, "expired") != 0
      && g_strcmp0 (order->status, "revoked") != 0)
    return;
  order->validity_years = years;
  order->valid_from = pkio_calendar_day_of (created, utc);
  order->valid_till = pkio_calendar_add_years (order->valid_from, years);
  if (g_strcmp0 (order->status, "expired") == 0 && order->valid_till >= today)
    order->valid_till = today - 1;
}

static PkioSimOrder *
new_remote_order (PkioSimulator *sim,
                  const char    *email,
                  const char    *first_name,
                  const char    *last_name,
                  const char    *status,
                  gint64         created_usec)
{
  PkioSimOrder *order = _pkio_sim_order_new ();

  order->id = sim->next_order_id++;
  order->certificate_id = sim->next_certificate_id++;
  order->status = g_strdup (status != NULL ? status : "pending");
  order->created_usec = created_usec;
  order->changed_usec = created_usec;
  order->first_name = g_strdup (first_name != NULL ? first_name : "");
  order->last_name = g_strdup (last_name != NULL ? last_name : "");
  order->email = g_strdup (email != NULL ? email : "");
  order->profile_option = g_strdup ("authentication");
  order->ship_method = g_strdup ("STANDARD");
  order->payment_method = g_strdup ("balance");
  order->price_cents = PKIO_SIMULATOR_ORDER_PRICE;
  give_validity (order, 3);
  _pkio_simulator_insert_order (sim, order);
  return order;
}

gint64
pkio_simulator_add_remote_order (PkioSimulator *sim,
                                 const char    *email,
                                 const char    *first_name,
                                 const char    *last_name,
                                 const char    *status,
                                 GDateTime     *created)
{
  PkioSimOrder *order;
  gint64 created_usec = g_get_real_time ();

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  if (created != NULL)
    created_usec = g_date_time_to_unix (created) * G_USEC_PER_SEC
                   + g_date_time_get_microsecond (created);
  order = new_remote_order (sim, email, first_name, last_name, status, created_usec);
  _pkio_simulator_save_state (sim);
  return order->id;
}

void
pkio_simulator_add_remote_orders_bulk (PkioSimulator *sim,
                                       guint          n)
{
  gint64 now = g_get_real_time ();
  gint64 year = G_USEC_PER_SEC * (gint64) 365 * 86400;

  g_return_if_fail (PKIO_IS_SIMULATOR (sim));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("person%u@example.com", i);
      /* Oldest first, spread evenly over the past year, as ids grow. */
      gint64 created = now - year + (n > 1 ? (year / n) * i : 0);

      PkioSimOrder *order =
        new_remote_order (sim, email,
                          bulk_first_names[i % G_N_ELEMENTS (bulk_first_names)],
                          bulk_last_names[(i / 3) % G_N_ELEMENTS (bulk_last_names)],
                          bulk_statuses[i % G_N_ELEMENTS (bulk_statuses)], created);

      /* Some for one year, made over the past year: a share of them ends soon. */
      give_validity (order, 1 + (i / 7) % 3);
    }
  _pkio_simulator_save_state (sim);
}

gboolean
pkio_simulator_set_order_validity (PkioSimulator *sim,
                                   gint64         order_id,
                                   PkioDay        valid_from,
                                   PkioDay        valid_till)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return FALSE;
  order->valid_from = valid_from;
  order->valid_till = valid_till;
  _pkio_simulator_save_state (sim);
  return TRUE;
}

gboolean
pkio_simulator_set_order_placed_by (PkioSimulator *sim,
                                    gint64         order_id,
                                    const char    *first_name,
                                    const char    *last_name,
                                    const char    *email)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return FALSE;
  g_free (order->user_first_name);
  g_free (order->user_last_name);
  g_free (order->user_email);
  order->user_email = g_strdup (email);
  order->user_first_name = email != NULL ? g_strdup (first_name != NULL ? first_name : "") : NULL;
  order->user_last_name = email != NULL ? g_strdup (last_name != NULL ? last_name : "") : NULL;
  _pkio_simulator_save_state (sim);
  return TRUE;
}

gboolean
pkio_simulator_set_order_profile (PkioSimulator *sim,
                                  gint64         order_id,
                                  const char    *profile_option)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);
  g_return_val_if_fail (profile_option != NULL, FALSE);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return FALSE;
  g_free (order->profile_option);
  order->profile_option = g_strdup (profile_option);
  _pkio_simulator_save_state (sim);
  return TRUE;
}

gboolean
pkio_simulator_set_order_renewed (PkioSimulator *sim,
                                  gint64         order_id,
                                  gboolean       renewed)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return FALSE;
  order->is_renewed = renewed;
  _pkio_simulator_save_state (sim);
  return TRUE;
}

gboolean
pkio_simulator_request_revocation (PkioSimulator *sim,
                                   gint64         order_id)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return FALSE;
  /* A request like the revoke endpoint's, that no administrator approves by itself. */
  if (order->revoke_request_id <= 0)
    {
      order->revoke_request_id = sim->next_request_id++;
      order->revoke_requested_usec = g_get_real_time ();
      order->revoke_at_usec = 0;
    }
  _pkio_simulator_save_state (sim);
  return TRUE;
}

gboolean
pkio_simulator_set_order_status (PkioSimulator *sim,
                                 gint64         order_id,
                                 const char    *status)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return FALSE;
  g_free (order->status);
  order->status = g_strdup (status);
  order->issue_at_usec = 0;
  order->changed_usec = g_get_real_time ();
  _pkio_simulator_save_state (sim);
  return TRUE;
}

guint
pkio_simulator_get_n_orders (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  return sim->orders->len;
}

gint64
pkio_simulator_get_last_order_id (PkioSimulator *sim)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), 0);

  /* sim->orders is kept in ascending id order. */
  if (sim->orders->len == 0)
    return 0;
  return ((PkioSimOrder *) g_ptr_array_index (sim->orders, sim->orders->len - 1))->id;
}

const char *
pkio_simulator_get_order_status (PkioSimulator *sim,
                                 gint64         order_id)
{
  PkioSimOrder *order;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (sim), NULL);

  order = g_hash_table_lookup (sim->orders_by_id, &order_id);
  if (order == NULL)
    return NULL;
  return _pkio_sim_order_status (order, g_get_real_time ());
}
