/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-migrations.h"

/* records.state: PkioRecordState (0 sending, 1 placed, 2 rejected, 3 unknown, 4 remote);
 * records.origin: 0 this computer, 1 elsewhere, 2 a practice example; times are Unix seconds (UTC).
 * candidates_json (2): see below.
 * owner_pid: the process that journaled a SENDING record, so a second process (CLI beside the
 * GUI) does not declare an attempt still in flight "unknown". */
static const char *const migrations[] = {
  /* 1 */
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY,"
  "  state INTEGER NOT NULL,"
  "  origin INTEGER NOT NULL,"
  "  order_id INTEGER,"
  "  certificate_id INTEGER,"
  "  remote_status TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  last_synced INTEGER,"
  "  holder_name TEXT,"
  "  holder_email TEXT,"
  "  individual_id INTEGER,"
  "  profile TEXT,"
  "  ship_method TEXT,"
  "  account TEXT,"
  "  request_json TEXT,"
  "  errors_json TEXT,"
  "  owner_pid INTEGER"
  ");"
  "CREATE UNIQUE INDEX records_order_id ON records (order_id) WHERE order_id IS NOT NULL;"
  "CREATE INDEX records_state ON records (state);"
  "CREATE INDEX records_created ON records (created);"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  time INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  detail TEXT"
  ");"
  "CREATE INDEX events_record ON events (record_id);"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);",
  /* 2: the orders an UNKNOWN attempt may be, when they could not be told apart (a JSON array,
   * see pkio-history-match.h), kept so the person can still choose after a restart. */
  "ALTER TABLE records ADD COLUMN candidates_json TEXT;",
  /* 3: the certificate's validity as CertCentral reports it (valid_from and valid_till as
   * "YYYY-MM-DD", days_remaining as counted when it was read), and when the status last
   * changed (for "waiting for approval since …"; before this, the last status event or the
   * creation). The list rows carry valid_till, so instead of reading every order's info the
   * next sync lists every order once (meta full_list_due, cleared when a sync is done). */
  "ALTER TABLE records ADD COLUMN valid_from TEXT;"
  "ALTER TABLE records ADD COLUMN valid_till TEXT;"
  "ALTER TABLE records ADD COLUMN days_remaining INTEGER;"
  "ALTER TABLE records ADD COLUMN status_changed INTEGER;"
  "UPDATE records SET status_changed = COALESCE((SELECT MAX(time) FROM events"
  "  WHERE events.record_id = records.id AND events.kind = 'status'), created);"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('full_list_due', '1');",
  /* 4: the end date (valid_till, "YYYY-MM-DD") the person was last warned about, so that each
   * certificate is warned once, also across restarts. */
  "ALTER TABLE records ADD COLUMN expiry_warned TEXT;",
  /* 5: who placed the order, as CertCentral's order info names them ("user"), when it does
   * (docs/decisions.md#who-placed-an-order). */
  "ALTER TABLE records ADD COLUMN placed_by TEXT;",
  /* 6: after the order. An order placed to replace another (renewal) keeps that order's id,
   * and the other gets this one's once it is placed: CertCentral's renewal_of_order_id is not
   * documented for pkio_burger, so the link is ours. A revocation goes through the journal like
   * an order: revoke_state (PkioRevokeState: 0 none, 1 sending, 2 requested, 3 unknown), the
   * request CertCentral made of it, why and by whom it was asked and when, and the process
   * sending it (as owner_pid for an order). */
  "ALTER TABLE records ADD COLUMN replaces_order_id INTEGER;"
  "ALTER TABLE records ADD COLUMN replaced_by_order_id INTEGER;"
  "ALTER TABLE records ADD COLUMN revoke_state INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE records ADD COLUMN revoke_request_id INTEGER;"
  "ALTER TABLE records ADD COLUMN revoke_reason TEXT;"
  "ALTER TABLE records ADD COLUMN revoke_requester TEXT;"
  "ALTER TABLE records ADD COLUMN revoke_time INTEGER;"
  "ALTER TABLE records ADD COLUMN revoke_owner_pid INTEGER;"
  "CREATE INDEX records_replaces ON records (replaces_order_id) "
  "  WHERE replaces_order_id IS NOT NULL;",
  /* 7: an order placed from a batch file (a spreadsheet): the batch's content key, the row's
   * content key (pkio-batch.h), by which a batch started again knows what it sent, and the
   * file's name, for History. */
  "ALTER TABLE records ADD COLUMN batch_key TEXT;"
  "ALTER TABLE records ADD COLUMN batch_row TEXT;"
  "ALTER TABLE records ADD COLUMN batch_file TEXT;"
  "CREATE INDEX records_batch ON records (batch_key) WHERE batch_key IS NOT NULL;",
};

const char *const *
_pkio_history_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
