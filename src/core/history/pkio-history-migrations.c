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
};

const char *const *
_pkio_history_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
