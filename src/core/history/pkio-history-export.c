/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-csv.h"
#include "pkio-history-export.h"
#include "pkio-history-record.h"

static const char *const columns[] = {
  "date", "holder_name", "holder_email", "profile", "order_id", "certificate_id", "status",
  "ship_method", "placed", "state", "valid_from", "valid_till", "days_left",
  "replaces_order_id", "replaced_by_order_id", "revocation", "revocation_request_id",
  "batch_file",
};

/* Columns that are numbers in JSON (null when there is none). */
enum { COLUMN_ORDER_ID = 4, COLUMN_CERTIFICATE_ID = 5, COLUMN_DAYS_LEFT = 12,
       COLUMN_REPLACES = 13, COLUMN_REPLACED_BY = 14, COLUMN_REVOCATION = 15,
       COLUMN_REVOCATION_REQUEST = 16, COLUMN_BATCH_FILE = 17 };

static gboolean
is_number_column (guint column)
{
  return column == COLUMN_ORDER_ID || column == COLUMN_CERTIFICATE_ID
         || column == COLUMN_DAYS_LEFT || column == COLUMN_REPLACES
         || column == COLUMN_REPLACED_BY || column == COLUMN_REVOCATION_REQUEST;
}

typedef struct
{
  char *values[G_N_ELEMENTS (columns)];
} Row;

static void
row_clear (Row *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_clear_pointer (&row->values[i], g_free);
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
}

/* One place decides the values, so CSV and JSON (CLI and view) always agree. */
static void
row_fill (Row               *row,
          PkioHistoryRecord *record,
          PkioDay            today)
{
  g_autoptr(GDateTime) created = pkio_history_record_dup_created (record);
  const char *status = pkio_history_record_get_remote_status (record);
  gint64 days_left;

  row->values[0] = created ? g_date_time_format (created, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
  row->values[1] = g_strdup (pkio_history_record_get_holder_name (record));
  row->values[2] = g_strdup (pkio_history_record_get_holder_email (record));
  row->values[3] = g_strdup (pkio_history_record_get_profile (record));
  row->values[4] = id_text (pkio_history_record_get_order_id (record));
  row->values[5] = id_text (pkio_history_record_get_certificate_id (record));
  row->values[6] = g_strdup (status);
  row->values[7] = g_strdup (pkio_history_record_get_ship_method (record));
  row->values[8] =
    g_strdup (pkio_record_origin_to_string (pkio_history_record_get_origin (record)));
  row->values[9] = g_strdup (pkio_record_state_to_string (pkio_history_record_get_state (record)));
  row->values[10] = pkio_calendar_day_to_iso (pkio_history_record_get_valid_from (record));
  row->values[11] = pkio_calendar_day_to_iso (pkio_history_record_get_valid_till (record));
  if (pkio_history_record_get_days_left (record, today, &days_left))
    row->values[12] = g_strdup_printf ("%" G_GINT64_FORMAT, days_left);
  row->values[COLUMN_REPLACES] = id_text (pkio_history_record_get_replaces_order_id (record));
  row->values[COLUMN_REPLACED_BY] =
    id_text (pkio_history_record_get_replaced_by_order_id (record));
  row->values[COLUMN_REVOCATION] =
    g_strdup (pkio_revoke_state_to_string (pkio_history_record_get_revoke_state (record)));
  row->values[COLUMN_REVOCATION_REQUEST] =
    id_text (pkio_history_record_get_revoke_request_id (record));
  /* The spreadsheet an order was placed from (order --batch, "Order from a spreadsheet…"). */
  row->values[COLUMN_BATCH_FILE] = g_strdup (pkio_history_record_get_batch_file (record));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (row->values[i] == NULL)
      row->values[i] = g_strdup ("");
}

/* RFC 4180 with CR LF; pkio_csv_append_cell() protects cells a spreadsheet would run as a
 * formula (CSV injection). */
static void
append_line (GString           *out,
             const char *const *values)
{
  pkio_csv_append_record (out, values, G_N_ELEMENTS (columns), ',');
}

static void
append_record (GString           *out,
               PkioHistoryRecord *record,
               PkioDay            today)
{
  Row row = { { NULL } };

  row_fill (&row, record, today);
  append_line (out, (const char *const *) row.values);
  row_clear (&row);
}

void
pkio_history_write_csv (GListModel *records,
                        GString    *out)
{
  PkioDay today = pkio_calendar_today (NULL);
  guint n;

  g_return_if_fail (G_IS_LIST_MODEL (records));
  g_return_if_fail (out != NULL);

  append_line (out, columns);
  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      append_record (out, record, today);
    }
}

gboolean
pkio_history_write_csv_to_stream (GListModel    *records,
                                  GOutputStream *stream,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  PkioDay today = pkio_calendar_today (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (records), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  append_line (buffer, columns);
  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      append_record (buffer, record, today);
      /* Written in pieces: 100,000 rows need not sit in memory twice. */
      if (buffer->len > 64 * 1024 || i + 1 == n)
        {
          if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable,
                                          error))
            return FALSE;
          g_string_truncate (buffer, 0);
        }
    }
  if (buffer->len > 0
      && !g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  return TRUE;
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The orders an UNKNOWN attempt may be (empty for every other record): JSON readers see the
 * same choice the window offers. */
static void
add_candidates (JsonBuilder       *builder,
                PkioHistoryRecord *record)
{
  GPtrArray *candidates = pkio_history_record_get_candidates (record);

  json_builder_set_member_name (builder, "candidates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < candidates->len; i++)
    {
      const PkioRemoteOrder *order = g_ptr_array_index (candidates, i);
      g_autofree char *date = order->date_created
                              ? g_date_time_format (order->date_created, "%Y-%m-%dT%H:%M:%SZ")
                              : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "order_id");
      json_builder_add_int_value (builder, order->order_id);
      json_builder_set_member_name (builder, "certificate_id");
      if (order->certificate_id > 0)
        json_builder_add_int_value (builder, order->certificate_id);
      else
        json_builder_add_null_value (builder);
      add_nullable_string (builder, "date", date);
      add_nullable_string (builder, "status", order->status);
      add_nullable_string (builder, "holder_name", order->common_name);
      add_nullable_string (builder, "profile", order->profile_option);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
pkio_history_to_json (GListModel *records)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PkioDay today = pkio_calendar_today (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (records), NULL);

  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);
      Row row = { { NULL } };

      row_fill (&row, record, today);
      json_builder_begin_object (builder);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          json_builder_set_member_name (builder, columns[c]);
          if (is_number_column (c))
            {
              /* Ids and counts are numbers in JSON, null when there is none. */
              if (row.values[c][0] != '\0')
                json_builder_add_int_value (builder, g_ascii_strtoll (row.values[c], NULL, 10));
              else
                json_builder_add_null_value (builder);
            }
          else if (c >= 10 && c != COLUMN_REVOCATION && row.values[c][0] == '\0')
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, row.values[c]);
        }
      add_candidates (builder, record);
      json_builder_end_object (builder);
      row_clear (&row);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
