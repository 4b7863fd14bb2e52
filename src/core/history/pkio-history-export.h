/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pkio-history-record.h"

G_BEGIN_DECLS

/* Export, shared by the CLI (history --csv/--json) and the view. @records: any GListModel of
 * PkioHistoryRecord (the store, or a filtered model of it). Columns: date, holder_name,
 * holder_email, profile, order_id, certificate_id, status, ship_method, placed, state,
 * valid_from, valid_till, days_left, replaces_order_id, replaced_by_order_id, revocation,
 * revocation_request_id; values are machine-stable (ISO 8601 UTC dates, the
 * certificate's dates as CertCentral gives them (YYYY-MM-DD), raw CertCentral statuses,
 * "this-computer" / "elsewhere", state nicks); days_left is valid_till minus today in the
 * person's time zone (negative once ended); replaces / replaced_by link a renewal and the
 * order it replaces both ways; revocation is "none", "sending", "requested" or "unknown"
 * (pkio_revoke_state_to_string ()), with CertCentral's request id when known. CSV: RFC 4180 (CRLF, quotes doubled), and a cell
 * starting with = + - @ (or tab / CR) gets a leading ' so spreadsheets do not run it as a
 * formula (a whole number such as -15 excepted). JSON: the same members (ids and days_left as
 * numbers, unknown dates and numbers as null), plus "candidates": for an UNKNOWN attempt that
 * CertCentral has several possible orders for, those orders ({order_id, certificate_id, date,
 * status, holder_name, profile}), oldest first; [] for every other record. */
void               pkio_history_write_csv                 (GListModel *records,
                                                           GString    *out);
gboolean           pkio_history_write_csv_to_stream       (GListModel    *records,
                                                           GOutputStream *stream,
                                                           GCancellable  *cancellable,
                                                           GError       **error);
JsonNode          *pkio_history_to_json                   (GListModel *records);

/* The certificates of @records (PkioHistoryRecord) that end soon by @window
 * (PKIO_EXPIRY_ENDS_SOON), soonest first: a new list (`pkio-orders expiring`). */
GListStore        *pkio_history_list_ending_soon          (GListModel             *records,
                                                           const PkioExpiryWindow *window);

G_END_DECLS
