/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One order as the simulator keeps it: made and freed, stored in the simulator's tables,
 * issued and expired as time passes (by CertCentral's UTC calendar), and shown as CertCentral
 * shows it (a list row or order info). The order endpoints that place, cancel and show orders
 * are pkio-simulator-orders.c; the list and status-changes, pkio-simulator-list.c. */
#include "config.h"

#include "pkio-order.h"
#include "pkio-simulator-private.h"

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
  g_free (order->user_first_name);
  g_free (order->user_last_name);
  g_free (order->user_email);
  g_free (order->revoke_comments);
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

void
_pkio_sim_order_start_validity (PkioSimOrder *order)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  PkioDay today = pkio_calendar_today (utc);

  order->valid_from = today;
  if (order->validity_until > today)
    order->valid_till = order->validity_until;
  else if (order->validity_days > 0)
    order->valid_till = today + (PkioDay) MIN (order->validity_days, 3650);
  else
    order->valid_till = pkio_calendar_add_years (today, (guint) CLAMP (order->validity_years,
                                                                       1, 10));
}

/* Turns due pending orders into issued ones, and issued ones whose end has passed into
 * expired ones; TRUE when something changed. */
gboolean
_pkio_simulator_refresh (PkioSimulator *sim)
{
  gint64 now = g_get_real_time ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  PkioDay today = pkio_calendar_today (utc);
  gboolean changed = FALSE;

  for (guint i = 0; i < sim->orders->len; i++)
    {
      PkioSimOrder *order = g_ptr_array_index (sim->orders, i);

      if (order->issue_at_usec != 0 && g_strcmp0 (order->status, "pending") == 0
          && now >= order->issue_at_usec)
        {
          g_free (order->status);
          order->status = g_strdup ("issued");
          order->changed_usec = order->issue_at_usec;
          order->issue_at_usec = 0;
          _pkio_sim_order_start_validity (order);
          changed = TRUE;
        }
      if (_pkio_sim_order_approve_revoke (order, now))
        changed = TRUE;
      if (g_strcmp0 (order->status, "issued") == 0 && order->valid_till != 0
          && order->valid_till < today)
        {
          g_free (order->status);
          order->status = g_strdup ("expired");
          order->changed_usec = now;
          changed = TRUE;
        }
    }
  return changed;
}

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%S+00:00");
}

/* certificate.valid_till and days_remaining (list rows and order info), valid_from and
 * date_issued (order info only), as CertCentral documents them; days_remaining counts down to
 * 0 by CertCentral's (UTC) calendar. */
static void
add_validity (JsonBuilder        *b,
              const PkioSimOrder *order,
              gboolean            info)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 left = (gint64) order->valid_till - (gint64) pkio_calendar_today (utc);
  g_autofree char *till = pkio_calendar_day_to_iso (order->valid_till);

  json_builder_set_member_name (b, "valid_till");
  json_builder_add_string_value (b, till);
  json_builder_set_member_name (b, "days_remaining");
  json_builder_add_int_value (b, MAX (left, 0));
  if (info && order->valid_from != 0)
    {
      g_autofree char *from = pkio_calendar_day_to_iso (order->valid_from);

      json_builder_set_member_name (b, "valid_from");
      json_builder_add_string_value (b, from);
      json_builder_set_member_name (b, "date_issued");
      json_builder_add_string_value (b, from);
    }
}

/* A list row carries what GET order/certificate is documented to return
 * (docs/certcentral-api.md#list-orders): id, status, date_created, product{name_id,name},
 * certificate{id,common_name} and, once issued, certificate{valid_till,days_remaining}; and
 * certificate.profile_option, which that page does not promise (see its gaps). The holder's
 * email, individual and shipping are in the order info (and, as a test option, in list rows
 * too). */
JsonNode *
_pkio_sim_order_to_json (const PkioSimOrder *order,
                         PkioSimOrderView    view)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *date = format_date (order->created_usec);
  g_autofree char *common_name = g_strdup_printf ("%s %s", order->first_name, order->last_name);
  gboolean holder = view != PKIO_SIM_ORDER_LIST_ROW;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, order->id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, order->status);
  json_builder_set_member_name (b, "date_created");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "is_renewed");
  json_builder_add_boolean_value (b, order->is_renewed);

  json_builder_set_member_name (b, "product");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name_id");
  json_builder_add_string_value (b, PKIO_PRODUCT_NAME_ID);
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
  if (order->valid_till != 0)
    add_validity (b, order, view == PKIO_SIM_ORDER_INFO);
  if (holder)
    {
      json_builder_set_member_name (b, "signature_hash");
      json_builder_add_string_value (b, "sha256");
      json_builder_set_member_name (b, "emails");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, order->email);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  if (holder)
    {
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
    }

  /* Who placed it: order info's "user", as public clients show it (not on DigiCert's current
   * page: docs/certcentral-api.md#who-placed-an-order), only when the simulator knows. */
  if (view == PKIO_SIM_ORDER_INFO && order->user_email != NULL)
    {
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      /* Another user of the account than the key's: a colleague. */
      json_builder_add_int_value (b, g_str_equal (order->user_email, PKIO_SIM_USER_EMAIL)
                                     ? PKIO_SIM_USER_ID : PKIO_SIM_USER_ID + 1);
      json_builder_set_member_name (b, "first_name");
      json_builder_add_string_value (b, order->user_first_name);
      json_builder_set_member_name (b, "last_name");
      json_builder_add_string_value (b, order->user_last_name);
      json_builder_set_member_name (b, "email");
      json_builder_add_string_value (b, order->user_email);
      json_builder_end_object (b);
    }

  if (view == PKIO_SIM_ORDER_INFO)
    {
      /* The order's requests (docs/certcentral-api.md#order-info): its own, and a revocation
       * asked for (the revoke endpoint, or pkio_simulator_request_revocation ()). */
      _pkio_sim_order_add_requests (b, order);
      json_builder_set_member_name (b, "payment_method");
      json_builder_add_string_value (b, order->payment_method);
      json_builder_set_member_name (b, "provisioning_method");
      json_builder_add_string_value (b, "token");
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
