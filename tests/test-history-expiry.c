/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When a certificate ends and what that means on a given day: the calendar, the "ends soon"
 * rule at its boundaries and across time zones, the filters, CertCentral's validity fields
 * and the export. Every day here is fixed by the test, never the day it runs. */
#include "config.h"

#include <stdlib.h>

#include "pkio-calendar.h"
#include "pkio-history-export.h"
#include "pkio-history-record-private.h"

#define WARNING_DAYS 60

static PkioDay
day (const char *iso)
{
  PkioDay value = pkio_calendar_day_from_iso (iso);

  g_assert_cmpuint (value, !=, 0);
  return value;
}

static PkioHistoryRecord *
issued_record (PkioDay     valid_till,
               const char *status)
{
  PkioHistoryRecord *record = _pkio_history_record_new ();

  record->local_id = 1;
  record->state = PKIO_RECORD_STATE_REMOTE;
  record->origin = PKIO_RECORD_ORIGIN_ELSEWHERE;
  record->order_id = 1001;
  record->certificate_id = 5001;
  record->remote_status = _pkio_history_intern (status);
  record->valid_till = valid_till;
  record->holder_name = g_strdup ("Jan Jansen");
  _pkio_history_record_refresh_key (record);
  return record;
}

static void
test_calendar (void)
{
  g_autofree char *iso = NULL;

  g_assert_cmpuint (pkio_calendar_day_from_iso ("2028-02-29"), !=, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso ("2027-02-29"), ==, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso ("2027-13-01"), ==, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso ("2027-1-01"), ==, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso ("2027-01-01T00:00:00"), ==, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso (""), ==, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso (NULL), ==, 0);
  g_assert_cmpuint (pkio_calendar_day_from_iso ("0000-01-01"), ==, 0);
  g_assert_cmpuint (day ("2027-03-01") - day ("2027-02-28"), ==, 1);
  g_assert_cmpuint (day ("2028-03-01") - day ("2028-02-28"), ==, 2);
  iso = pkio_calendar_day_to_iso (day ("2027-03-31"));
  g_assert_cmpstr (iso, ==, "2027-03-31");
  g_assert_null (pkio_calendar_day_to_iso (0));
  g_assert_cmpuint (pkio_calendar_add_years (day ("2028-02-29"), 1), ==, day ("2029-02-28"));
  g_assert_cmpuint (pkio_calendar_add_years (day ("2026-05-04"), 3), ==, day ("2029-05-04"));
}

/* 0, 1, N-1 and N days left end soon; N+1 does not; yesterday has ended. */
static void
test_boundaries (void)
{
  static const struct {
    int        days;
    PkioExpiry expiry;
  } cases[] = {
    { -1, PKIO_EXPIRY_ENDED },
    { 0, PKIO_EXPIRY_ENDS_SOON },
    { 1, PKIO_EXPIRY_ENDS_SOON },
    { WARNING_DAYS - 1, PKIO_EXPIRY_ENDS_SOON },
    { WARNING_DAYS, PKIO_EXPIRY_ENDS_SOON },
    { WARNING_DAYS + 1, PKIO_EXPIRY_VALID },
    { 3 * 365, PKIO_EXPIRY_VALID },
  };
  PkioExpiryWindow window = { day ("2026-12-30"), WARNING_DAYS };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PkioHistoryRecord) record = issued_record (window.today + cases[i].days,
                                                           "issued");
      gint64 left = G_MININT64;

      g_test_message ("valid_till is today %+d days", cases[i].days);
      g_assert_true (pkio_history_record_get_days_left (record, window.today, &left));
      g_assert_cmpint (left, ==, cases[i].days);
      g_assert_cmpint (pkio_history_record_get_expiry (record, &window), ==, cases[i].expiry);
      g_assert_true (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_ENDS_SOON,
                                                           &window)
                     == (cases[i].expiry == PKIO_EXPIRY_ENDS_SOON));
      g_assert_true (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_ENDED,
                                                           &window)
                     == (cases[i].expiry == PKIO_EXPIRY_ENDED));
      /* The year's turn is crossed by some of these: day numbers do not care. */
    }
}

/* The day is the person's: at 22:30 UTC on 31 May it is already 1 June in Amsterdam, still
 * 31 May in New York. */
static void
test_time_zones (void)
{
  g_autoptr(GTimeZone) amsterdam = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 31, 22, 30, 0);
  g_autoptr(PkioHistoryRecord) record = issued_record (day ("2026-05-31"), "issued");
  PkioExpiryWindow there;

  g_assert_nonnull (amsterdam);
  g_assert_nonnull (new_york);
  pkio_calendar_set_now (now);
  g_assert_cmpuint (pkio_calendar_today (utc), ==, day ("2026-05-31"));
  g_assert_cmpuint (pkio_calendar_today (amsterdam), ==, day ("2026-06-01"));
  g_assert_cmpuint (pkio_calendar_today (new_york), ==, day ("2026-05-31"));

  /* Ends on 31 May: its last day in New York, over in Amsterdam. */
  there.warning_days = WARNING_DAYS;
  there.today = pkio_calendar_today (new_york);
  g_assert_cmpint (pkio_history_record_get_expiry (record, &there), ==, PKIO_EXPIRY_ENDS_SOON);
  there.today = pkio_calendar_today (amsterdam);
  g_assert_cmpint (pkio_history_record_get_expiry (record, &there), ==, PKIO_EXPIRY_ENDED);

  /* The window takes the person's own zone (TZ here). */
  g_setenv ("TZ", "Europe/Amsterdam", TRUE);
  pkio_expiry_window_init (&there, WARNING_DAYS);
  g_assert_cmpuint (there.today, ==, day ("2026-06-01"));
  g_setenv ("TZ", "America/New_York", TRUE);
  pkio_expiry_window_init (&there, WARNING_DAYS);
  g_assert_cmpuint (there.today, ==, day ("2026-05-31"));
  g_unsetenv ("TZ");
  pkio_calendar_set_now (NULL);
}

/* Without valid_till nothing is said about the end: not "ends soon", not "ended", and no days
 * left, whatever CertCentral's (stale) days_remaining was. */
static void
test_missing_valid_till (void)
{
  g_autoptr(PkioHistoryRecord) record = issued_record (0, "issued");
  PkioExpiryWindow window = { day ("2026-12-30"), WARNING_DAYS };
  gint64 left = 42;

  record->has_days_remaining = TRUE;
  record->days_remaining = 3;
  g_assert_false (pkio_history_record_get_days_left (record, window.today, &left));
  g_assert_cmpint (left, ==, 42);
  g_assert_cmpint (pkio_history_record_get_expiry (record, &window), ==, PKIO_EXPIRY_NONE);
  g_assert_false (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_ENDS_SOON,
                                                        &window));
  g_assert_false (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_ENDED,
                                                        &window));
}

/* Only an issued certificate ends soon; expired and revoked ones have ended whatever their
 * date; an order that holds no certificate has no end. */
static void
test_statuses (void)
{
  static const struct {
    PkioRecordState state;
    const char     *status;
    PkioExpiry      expiry;
  } cases[] = {
    { PKIO_RECORD_STATE_REMOTE, "issued", PKIO_EXPIRY_ENDS_SOON },
    { PKIO_RECORD_STATE_PLACED, "issued", PKIO_EXPIRY_ENDS_SOON },
    { PKIO_RECORD_STATE_REMOTE, "revoked", PKIO_EXPIRY_ENDED },
    { PKIO_RECORD_STATE_REMOTE, "expired", PKIO_EXPIRY_ENDED },
    { PKIO_RECORD_STATE_REMOTE, "pending", PKIO_EXPIRY_NONE },
    { PKIO_RECORD_STATE_REMOTE, "needs_approval", PKIO_EXPIRY_NONE },
    { PKIO_RECORD_STATE_REMOTE, "canceled", PKIO_EXPIRY_NONE },
    { PKIO_RECORD_STATE_REMOTE, NULL, PKIO_EXPIRY_NONE },
    { PKIO_RECORD_STATE_UNKNOWN, "issued", PKIO_EXPIRY_NONE },
    { PKIO_RECORD_STATE_SENDING, NULL, PKIO_EXPIRY_NONE },
  };
  PkioExpiryWindow window = { day ("2026-12-30"), WARNING_DAYS };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PkioHistoryRecord) record = issued_record (window.today + 10, cases[i].status);

      record->state = cases[i].state;
      g_assert_cmpint (pkio_history_record_get_expiry (record, &window), ==, cases[i].expiry);
    }
}

/* A certificate in its warning period is warned about, once; not when an order replaces it
 * (a renewal), nor when its revocation was asked for (issue 19). Renewing is offered when it
 * ends soon or has ended and nothing replaces it. */
static void
test_warning_stops (void)
{
  PkioExpiryWindow window = { day ("2026-12-30"), WARNING_DAYS };
  g_autoptr(PkioHistoryRecord) plain = issued_record (window.today + 10, "issued");
  g_autoptr(PkioHistoryRecord) warned = issued_record (window.today + 10, "issued");
  g_autoptr(PkioHistoryRecord) replaced = issued_record (window.today + 10, "issued");
  g_autoptr(PkioHistoryRecord) revoking = issued_record (window.today + 10, "issued");
  g_autoptr(PkioHistoryRecord) ended = issued_record (window.today - 3, "expired");
  g_autoptr(PkioHistoryRecord) later = issued_record (window.today + WARNING_DAYS + 1, "issued");

  warned->expiry_warned = warned->valid_till;
  _pkio_history_record_rare_mut (replaced)->replaced_by_order_id = 1002;
  _pkio_history_record_rare_mut (revoking)->revoke_state = PKIO_REVOKE_REQUESTED;
  g_assert_true (pkio_history_record_needs_expiry_warning (plain, &window));
  g_assert_false (pkio_history_record_needs_expiry_warning (warned, &window));
  g_assert_false (pkio_history_record_needs_expiry_warning (replaced, &window));
  g_assert_false (pkio_history_record_needs_expiry_warning (revoking, &window));

  g_assert_true (pkio_history_record_can_renew (plain, &window));
  g_assert_true (pkio_history_record_can_renew (ended, &window));
  g_assert_false (pkio_history_record_can_renew (replaced, &window));
  g_assert_false (pkio_history_record_can_renew (later, &window));
}

/* CertCentral's fields: valid_till and days_remaining in list rows, valid_from in order info;
 * anything that is not a date is no date. */
static void
test_remote_fields (void)
{
  g_autoptr(JsonNode) row = json_from_string (
    "{\"id\":7,\"status\":\"issued\",\"certificate\":{\"id\":8,\"common_name\":\"A\","
    "\"valid_till\":\"2027-03-31\",\"days_remaining\":120}}", NULL);
  g_autoptr(JsonNode) info = json_from_string (
    "{\"id\":7,\"status\":\"issued\",\"certificate\":{\"id\":8,\"valid_from\":\"2024-03-31\","
    "\"valid_till\":\"2027-03-31 00:00:00\",\"days_remaining\":0}}", NULL);
  g_autoptr(JsonNode) bad = json_from_string (
    "{\"id\":7,\"certificate\":{\"valid_from\":\"yesterday\",\"valid_till\":20270331,"
    "\"days_remaining\":\"120\"}}", NULL);
  g_autoptr(JsonNode) none = json_from_string ("{\"id\":7,\"certificate\":{}}", NULL);
  g_autoptr(PkioRemoteOrder) from_row = pkio_remote_order_from_json (json_node_get_object (row),
                                                                      NULL);
  g_autoptr(PkioRemoteOrder) from_info = pkio_remote_order_from_json (
    json_node_get_object (info), NULL);
  g_autoptr(PkioRemoteOrder) from_bad = pkio_remote_order_from_json (json_node_get_object (bad),
                                                                      NULL);
  g_autoptr(PkioRemoteOrder) from_none = pkio_remote_order_from_json (
    json_node_get_object (none), NULL);
  g_autoptr(PkioRemoteOrder) copy = pkio_remote_order_copy (from_info);

  g_assert_cmpuint (from_row->valid_from, ==, 0);
  g_assert_cmpuint (from_row->valid_till, ==, day ("2027-03-31"));
  g_assert_true (from_row->has_days_remaining);
  g_assert_cmpint (from_row->days_remaining, ==, 120);
  g_assert_cmpuint (from_info->valid_from, ==, day ("2024-03-31"));
  g_assert_cmpuint (from_info->valid_till, ==, day ("2027-03-31"));
  g_assert_true (from_info->has_days_remaining);
  g_assert_cmpint (from_info->days_remaining, ==, 0);
  g_assert_cmpuint (copy->valid_from, ==, from_info->valid_from);
  g_assert_cmpuint (copy->valid_till, ==, from_info->valid_till);
  g_assert_true (copy->has_days_remaining);
  g_assert_cmpuint (from_bad->valid_from, ==, 0);
  g_assert_cmpuint (from_bad->valid_till, ==, 0);
  g_assert_false (from_bad->has_days_remaining);
  g_assert_false (from_none->has_days_remaining);
  g_assert_cmpuint (from_none->valid_till, ==, 0);
}

/* `pkio-orders expiring`: only what ends soon, soonest first. */
static void
test_list_ending_soon (void)
{
  g_autoptr(GListStore) records = g_list_store_new (PKIO_TYPE_HISTORY_RECORD);
  g_autoptr(GListStore) ending = NULL;
  PkioExpiryWindow window = { day ("2026-12-30"), 30 };
  const int offsets[] = { 45, 30, -2, 0, 12, 31 };
  const gint64 expected[] = { 4, 5, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autoptr(PkioHistoryRecord) record = issued_record (window.today + offsets[i], "issued");

      record->local_id = record->order_id = i + 1;
      g_list_store_append (records, record);
    }
  ending = pkio_history_list_ending_soon (G_LIST_MODEL (records), &window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ending)), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (ending), i);

      g_assert_cmpint (pkio_history_record_get_order_id (record), ==, expected[i]);
    }
}

/* The export has the dates as CertCentral gives them, and the days left counted from today;
 * a negative count is a number, not a formula to guard against. */
static void
test_export (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 30, 12, 0, 0);
  g_autoptr(GListStore) records = g_list_store_new (PKIO_TYPE_HISTORY_RECORD);
  g_autoptr(PkioHistoryRecord) ended = issued_record (day ("2026-12-28"), "expired");
  g_autoptr(PkioHistoryRecord) unknown = issued_record (0, "pending");
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *first;
  JsonObject *second;

  g_setenv ("TZ", "UTC", TRUE);
  pkio_calendar_set_now (now);
  ended->valid_from = day ("2025-12-28");
  unknown->local_id = 2;
  unknown->order_id = 1002;
  g_list_store_append (records, ended);
  g_list_store_append (records, unknown);

  pkio_history_write_csv (G_LIST_MODEL (records), csv);
  g_assert_true (g_str_has_prefix (csv->str, "date,holder_name,holder_email,profile,order_id,"
                                             "certificate_id,status,ship_method,placed,state,"
                                             "valid_from,valid_till,days_left,"));
  g_assert_nonnull (strstr (csv->str,
                            ",expired,,elsewhere,remote,2025-12-28,2026-12-28,-2,,,none,,\r\n"));
  g_assert_nonnull (strstr (csv->str, ",pending,,elsewhere,remote,,,,,,none,,\r\n"));

  json = pkio_history_to_json (G_LIST_MODEL (records));
  first = json_array_get_object_element (json_node_get_array (json), 0);
  second = json_array_get_object_element (json_node_get_array (json), 1);
  g_assert_cmpstr (json_object_get_string_member (first, "valid_from"), ==, "2025-12-28");
  g_assert_cmpstr (json_object_get_string_member (first, "valid_till"), ==, "2026-12-28");
  g_assert_cmpint (json_object_get_int_member (first, "days_left"), ==, -2);
  g_assert_true (json_object_get_null_member (second, "valid_till"));
  g_assert_true (json_object_get_null_member (second, "days_left"));
  pkio_calendar_set_now (NULL);
  g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-expiry/calendar", test_calendar);
  g_test_add_func ("/history-expiry/boundaries", test_boundaries);
  g_test_add_func ("/history-expiry/time-zones", test_time_zones);
  g_test_add_func ("/history-expiry/missing-valid-till", test_missing_valid_till);
  g_test_add_func ("/history-expiry/statuses", test_statuses);
  g_test_add_func ("/history-expiry/warning-stops", test_warning_stops);
  g_test_add_func ("/history-expiry/remote-fields", test_remote_fields);
  g_test_add_func ("/history-expiry/list-ending-soon", test_list_ending_soon);
  g_test_add_func ("/history-expiry/export", test_export);
  return g_test_run ();
}
