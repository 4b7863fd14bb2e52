/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-order.h"
#include "pkio-simulator-private.h"

/* GET order/certificate (filters, sort, paging) and GET order/certificate/status-changes. */

#define MAX_LIMIT          1000
#define MAX_CHANGE_MINUTES 10080
#define DAY_USEC           (G_USEC_PER_SEC * (gint64) 86400)

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

void
_pkio_simulator_handle_list (PkioSimulator     *sim,
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

      if (product != NULL && strcmp (product, PKIO_PRODUCT_NAME_ID) != 0)
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
    json_builder_add_value (b, _pkio_sim_order_to_json (g_ptr_array_index (selected, i),
                                                        sim->list_extra_fields
                                                        ? PKIO_SIM_ORDER_LIST_ROW_EXTRA
                                                        : PKIO_SIM_ORDER_LIST_ROW));
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

void
_pkio_simulator_handle_status_changes (PkioSimulator     *sim,
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
