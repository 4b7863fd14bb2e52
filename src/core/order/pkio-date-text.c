/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-date-text.h"

/* English and Dutch share "May" and more, so each list has its own context. */
static const char *const month_abbreviations[12] = {
  NC_("month abbreviation", "Jan"), NC_("month abbreviation", "Feb"),
  NC_("month abbreviation", "Mar"), NC_("month abbreviation", "Apr"),
  NC_("month abbreviation", "May"), NC_("month abbreviation", "Jun"),
  NC_("month abbreviation", "Jul"), NC_("month abbreviation", "Aug"),
  NC_("month abbreviation", "Sep"), NC_("month abbreviation", "Oct"),
  NC_("month abbreviation", "Nov"), NC_("month abbreviation", "Dec"),
};

static const char *const month_names[12] = {
  NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
  NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
};

/* A translated name goes into a format string: a '%' in it must stay a '%'. */
static void
append_literal (GString    *format,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append_c (format, '%');
      g_string_append_c (format, *p);
    }
}

char *
pkio_date_text_format (GDateTime  *date,
                       const char *format)
{
  g_autoptr(GString) ours = NULL;
  int month;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  month = g_date_time_get_month (date) - 1;
  ours = g_string_sized_new (strlen (format) + 16);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 'b')
        append_literal (ours, g_dpgettext2 (GETTEXT_PACKAGE, "month abbreviation",
                                            month_abbreviations[month]));
      else if (p[0] == '%' && p[1] == 'B')
        append_literal (ours, g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[month]));
      else if (p[0] == '%' && p[1] != '\0')
        g_string_append_len (ours, p, 2);   /* "%%", "%-d", "%Y": left to GLib */
      else
        {
          g_string_append_c (ours, *p);
          continue;
        }
      p++;
    }
  return g_date_time_format (date, ours->str);
}
