/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pkio-history-record.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

/* How the history shows dates, statuses and stored requests (shared by the list and the
 * details pane). */

/* Local time, e.g. "26 Nov 2026, 14:05"; NULL for NULL. */
char      *pkio_history_format_date_time     (GDateTime *utc);
/* Local date, e.g. "26 Nov 2026"; "" for NULL. */
char      *pkio_history_format_date          (GDateTime *utc);
/* "Last updated 5 minutes ago", "Last updated today at 14:05", "Not updated yet". */
char      *pkio_history_format_last_updated  (gint64     unix_time,
                                              gint64     now);
/* Text and style classes ("status-badge" + "in-progress" / "issued" / "problem" / "unknown"). */
void       pkio_history_format_badge         (GtkLabel          *label,
                                              PkioHistoryRecord *record);
/* The style classes alone, for a widget that shows the status's label itself. */
void       pkio_history_format_badge_style   (GtkWidget         *widget,
                                              PkioHistoryRecord *record);
const char *pkio_history_format_category_class (PkioStatusCategory category);

/* "12 orders, 3 in progress, 2 end soon", "5 of 12 orders shown, 3 in progress". */
char      *pkio_history_format_counts        (guint              shown,
                                              guint              total,
                                              guint              in_progress,
                                              guint              ending_soon);
/* How far a certificate's end is, for the list and the details: "in 20 days", "today",
 * "ended 3 days ago"; NULL when its end is not known or far off (not ending soon). */
char      *pkio_history_format_days_left     (PkioHistoryRecord      *record,
                                              const PkioExpiryWindow *window);
/* What a failed sync means for the person, and what to do. */
char      *pkio_history_format_sync_error    (const GError      *error);
/* Why the history cannot be updated (no key stored, keyring unavailable), or NULL. */
char      *pkio_history_format_key_note      (PkioWorkspaceState state,
                                              const char        *keyring_message);

/* One stored request field, translated, for people. */
typedef struct
{
  const char *section;
  const char *label;
  char       *value;   /* NULL when empty */
  char       *label_owned;
} PkioHistoryField;

/* Every field of a request the history keeps (@request_json, as
 * pkio_history_store_read_request_finish () gives it; NULL: none), known ones in a fixed order
 * with their names, then any others by path. Never NULL. */
GPtrArray *pkio_history_format_request_fields (const char *request_json);

G_END_DECLS
