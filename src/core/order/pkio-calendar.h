/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The calendar the app works with: what day it is, and certificate dates ("2027-03-31", as
 * CertCentral writes valid_from and valid_till) as day numbers that compare and subtract.
 *
 * Today is asked here and nowhere else, so that the rule "ends within N days" and the
 * simulator's counting down agree, and so that a test fixes the day it runs on with
 * pkio_calendar_set_now () (passed in by the test itself: the shipped program never reads a
 * date from its environment). */

/* A day as a count of days since 1 January of year 1 (g_date_get_julian ()); 0: no day. */
typedef guint32 PkioDay;

/* What "now" is for the calendar: NULL again follows the real clock. Tests only. */
void             pkio_calendar_set_now         (GDateTime   *now);
/* Now, in UTC: the real clock or what a test set. */
GDateTime       *pkio_calendar_dup_now         (void);
/* Today's date in @zone (NULL: the person's own time zone). */
PkioDay          pkio_calendar_today           (GTimeZone   *zone);

/* "YYYY-MM-DD" exactly (CertCentral's yyyy-MM-dd), a real date; anything else gives 0. */
PkioDay          pkio_calendar_day_from_iso    (const char  *text);
/* "YYYY-MM-DD"; NULL for 0. */
char            *pkio_calendar_day_to_iso      (PkioDay      day);
/* @day as a GDateTime at midnight in @zone (NULL: local), for formatting; NULL for 0. */
GDateTime       *pkio_calendar_day_to_date_time (PkioDay     day,
                                                 GTimeZone  *zone);
/* The calendar date of @time in @zone (NULL: local); 0 for NULL. */
PkioDay          pkio_calendar_day_of          (GDateTime   *time,
                                                GTimeZone   *zone);
/* @day moved by @years calendar years (29 February becomes 28 February); 0 for 0. */
PkioDay          pkio_calendar_add_years       (PkioDay      day,
                                                guint        years);

G_END_DECLS
