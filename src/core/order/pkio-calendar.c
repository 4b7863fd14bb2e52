/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-calendar.h"

/* The history's worker thread and the simulator ask too: the test clock is behind a lock. */
G_LOCK_DEFINE_STATIC (fixed_now);
static GDateTime *fixed_now;

void
pkio_calendar_set_now (GDateTime *now)
{
  G_LOCK (fixed_now);
  g_clear_pointer (&fixed_now, g_date_time_unref);
  if (now != NULL)
    fixed_now = g_date_time_to_utc (now);
  G_UNLOCK (fixed_now);
}

GDateTime *
pkio_calendar_dup_now (void)
{
  GDateTime *now = NULL;

  G_LOCK (fixed_now);
  if (fixed_now != NULL)
    now = g_date_time_ref (fixed_now);
  G_UNLOCK (fixed_now);
  return now != NULL ? now : g_date_time_new_now_utc ();
}

PkioDay
pkio_calendar_day_of (GDateTime *time,
                      GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) there = NULL;
  GDate date;

  if (time == NULL)
    return 0;
  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  there = g_date_time_to_timezone (time, zone);
  if (there == NULL)
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (there),
                  g_date_time_get_month (there), g_date_time_get_year (there));
  return g_date_get_julian (&date);
}

PkioDay
pkio_calendar_today (GTimeZone *zone)
{
  g_autoptr(GDateTime) now = pkio_calendar_dup_now ();

  return pkio_calendar_day_of (now, zone);
}

static gboolean
digits (const char *text,
        guint       n,
        guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

PkioDay
pkio_calendar_day_from_iso (const char *text)
{
  guint year, month, day;
  GDate date;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !digits (text, 4, &year) || !digits (text + 5, 2, &month)
      || !digits (text + 8, 2, &day))
    return 0;
  if (year < 1 || month < 1 || month > 12
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

char *
pkio_calendar_day_to_iso (PkioDay day)
{
  GDate date;

  if (day == 0 || !g_date_valid_julian (day))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

GDateTime *
pkio_calendar_day_to_date_time (PkioDay    day,
                                GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  GDate date;

  if (day == 0 || !g_date_valid_julian (day))
    return NULL;
  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), 0, 0, 0);
}

PkioDay
pkio_calendar_add_years (PkioDay day,
                         guint   years)
{
  GDate date;

  if (day == 0 || !g_date_valid_julian (day))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_date_add_years (&date, years);
  return g_date_get_julian (&date);
}
