/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates in the app's language, run in English and in Dutch (the -nl run has LC_ALL=C.UTF-8,
 * as when Dutch was chosen in Preferences on a system without a Dutch locale: strftime's month
 * names would be English there). */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-date-text.h"
#include "pkio-history-format.h"
#include "ui-test-util.h"

static GDateTime *
october_seventh (void)
{
  return g_date_time_new_local (2026, 10, 7, 12, 30, 0);
}

static void
test_month_names (void)
{
  g_autoptr(GDateTime) date = october_seventh ();
  g_autofree char *abbreviated = pkio_date_text_format (date, "%-d %b %Y");
  g_autofree char *full = pkio_date_text_format (date, "%-d %B %Y, %H:%M");
  g_autofree char *may = NULL;
  g_autoptr(GDateTime) in_may = g_date_time_new_local (2026, 5, 1, 12, 0, 0);

  g_assert_cmpstr (abbreviated, ==, expected ("7 Oct 2026", "7 okt 2026"));
  g_assert_cmpstr (full, ==, expected ("7 October 2026, 12:30", "7 oktober 2026, 12:30"));
  may = pkio_date_text_format (in_may, "%b/%B");
  g_assert_cmpstr (may, ==, expected ("May/May", "mei/mei"));
}

static void
test_format_is_kept (void)
{
  g_autoptr(GDateTime) date = october_seventh ();
  g_autofree char *escaped = pkio_date_text_format (date, "%%b %% %b %Y-%m-%d");
  g_autofree char *ours = pkio_date_text_format (date, "%-d.%m.%y %H:%M:%S %% %A");
  g_autofree char *glibs = g_date_time_format (date, "%-d.%m.%y %H:%M:%S %% %A");

  /* "%%b" is a literal "%b"; everything but %b and %B is GLib's. */
  g_assert_cmpstr (escaped, ==, expected ("%b % Oct 2026-10-07", "%b % okt 2026-10-07"));
  g_assert_cmpstr (ours, ==, glibs);
}

/* What the windows show: History's dates and the order form's end date. */
static void
test_history_dates (void)
{
  g_autoptr(GDateTime) local = october_seventh ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (local);
  g_autofree char *date = pkio_history_format_date (utc);
  g_autofree char *date_time = pkio_history_format_date_time (utc);

  g_assert_cmpstr (date, ==, expected ("7 Oct 2026", "7 okt 2026"));
  g_assert_cmpstr (date_time, ==, expected ("7 Oct 2026, 12:30", "7 okt 2026, 12:30"));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init_translations ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-text/month-names", test_month_names);
  g_test_add_func ("/date-text/format-is-kept", test_format_is_kept);
  g_test_add_func ("/date-text/history-dates", test_history_dates);

  return g_test_run ();
}
