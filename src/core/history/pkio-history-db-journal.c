/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <unistd.h>

#include "pkio-history-db-private.h"

/* The journal of PkioHistoryDb (worker thread only): an order attempt written before it is sent,
 * its outcome after, and the attempts whose outcome is unknown. What a sync writes is in
 * pkio-history-db-sync.c. */

static char *
json_member_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static JsonObject *
json_member_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

PkioJournalEntry *
_pkio_journal_entry_from_json (const char *account,
                               const char *request_json)
{
  PkioJournalEntry *entry = g_new0 (PkioJournalEntry, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = NULL;
  JsonObject *certificate;
  JsonObject *individual;

  entry->account = g_strdup (account);
  entry->request_json = g_strdup (request_json);
  if (request_json != NULL && json_parser_load_from_data (parser, request_json, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_get_object (json_parser_get_root (parser));

  certificate = json_member_object (root, "certificate");
  individual = json_member_object (certificate, "individual");
  entry->profile = json_member_string (certificate, "profile_option");
  entry->ship_method = json_member_string (json_member_object (root, "ship_info"), "method");
  if (individual != NULL)
    {
      g_autofree char *first = json_member_string (individual, "first_name");
      g_autofree char *last = json_member_string (individual, "last_name");
      JsonNode *id = json_object_get_member (individual, "id");

      if (first != NULL || last != NULL)
        entry->holder_name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "",
                                                          last ? last : ""));
      entry->holder_email = json_member_string (individual, "email");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        entry->individual_id = json_node_get_int (id);
    }
  return entry;
}

void
_pkio_journal_entry_free (PkioJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account);
  g_free (entry->request_json);
  g_free (entry->holder_name);
  g_free (entry->holder_email);
  g_free (entry->profile);
  g_free (entry->ship_method);
  g_free (entry->batch_key);
  g_free (entry->batch_row);
  g_free (entry->batch_file);
  g_free (entry);
}

PkioHistoryRecord *
_pkio_history_db_journal_begin (PkioHistoryDb          *self,
                                const PkioJournalEntry *entry,
                                GError                **error)
{
  g_autoptr(PkioHistoryRecord) record = _pkio_history_record_new ();
  PkioRecordRare *rare;
  gboolean ok;

  record->state = PKIO_RECORD_STATE_SENDING;
  record->origin = PKIO_RECORD_ORIGIN_THIS_COMPUTER;
  record->created = record->updated = _pkio_hdb_now_s ();
  record->holder_name = g_strdup (entry->holder_name);
  record->holder_email = g_strdup (entry->holder_email);
  record->individual_id = entry->individual_id;
  record->profile = _pkio_history_intern (entry->profile);
  record->ship_method = _pkio_history_intern (entry->ship_method);
  record->account = _pkio_history_intern (entry->account);
  record->has_request = entry->request_json != NULL;
  rare = _pkio_history_record_rare_mut (record);
  rare->replaces_order_id = entry->replaces_order_id;
  rare->batch_key = g_strdup (entry->batch_key);
  rare->batch_row = g_strdup (entry->batch_row);
  rare->batch_file = g_strdup (entry->batch_file);
  _pkio_history_record_trim (record);
  _pkio_history_record_refresh_key (record);

  if (!_pkio_hdb_begin (self, error))
    return NULL;
  ok = _pkio_hdb_record_insert (self, record, entry->request_json, getpid (), error)
       && _pkio_hdb_event_insert (self, record->local_id, record->created, "attempted", NULL,
                                  error);
  if (ok && _pkio_history_record_rare (record)->replaces_order_id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  record->rare->replaces_order_id);

      ok = _pkio_hdb_event_insert (self, record->local_id, record->created, "renews", number,
                                   error);
    }
  /* COMMIT with synchronous=FULL returns only once the record is on the disk. */
  if (!_pkio_hdb_commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&record);
}

/* Folds a REMOTE copy of @order_id (brought in by a sync) into @record. */
static gboolean
absorb_remote_copy (PkioHistoryDb     *self,
                    PkioHistoryRecord *record,
                    gint64             order_id,
                    GArray            *deleted,
                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioHistoryRecord) other =
    _pkio_hdb_record_get (self, "order_id", order_id, &local_error);
  g_autoptr(sqlite3_stmt) move_events = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;

  if (other == NULL)
    {
      if (g_error_matches (local_error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other->local_id == record->local_id)
    return TRUE;
  if (other->origin == PKIO_RECORD_ORIGIN_THIS_COMPUTER)
    {
      /* The number is formatted first: a G_GINT64_FORMAT inside _() breaks the catalogue. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

      g_set_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_FAILED,
                   _("Order %s is already in the history as another order from this computer."),
                   number);
      return FALSE;
    }

  if (record->remote_status == NULL)
    {
      record->remote_status = other->remote_status;
      record->status_changed = other->status_changed;
    }
  if (record->valid_till == 0)
    {
      record->valid_from = other->valid_from;
      record->valid_till = other->valid_till;
      record->has_days_remaining = other->has_days_remaining;
      record->days_remaining = other->days_remaining;
      record->expiry_warned = other->expiry_warned;
    }
  if (record->certificate_id <= 0)
    record->certificate_id = other->certificate_id;
  record->last_synced = MAX (record->last_synced, other->last_synced);
  _pkio_hdb_fill_blank (&record->holder_name, other->holder_name);
  _pkio_hdb_fill_blank (&record->holder_email, other->holder_email);
  _pkio_hdb_fill_blank (&record->placed_by, other->placed_by);

  move_events = _pkio_hdb_prepare (self, "UPDATE events SET record_id = ? WHERE record_id = ?",
                                   error);
  delete = _pkio_hdb_prepare (self, "DELETE FROM records WHERE id = ?", error);
  if (move_events == NULL || delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (move_events, 1, record->local_id);
  sqlite3_bind_int64 (move_events, 2, other->local_id);
  sqlite3_bind_int64 (delete, 1, other->local_id);
  if (!_pkio_hdb_step_done (self, move_events, error) || !_pkio_hdb_step_done (self, delete, error))
    return FALSE;
  g_array_append_val (deleted, other->local_id);
  return TRUE;
}

PkioHistoryRecord *
_pkio_hdb_set_outcome (PkioHistoryDb  *self,
                       gint64          local_id,
                       PkioRecordState state,
                       gint64          order_id,
                       gint64          certificate_id,
                       const char     *remote_status,
                       const char     *errors_json,
                       const char     *event_kind,
                       GArray         *deleted,
                       GPtrArray      *also_changed,
                       GError        **error)
{
  g_autoptr(PkioHistoryRecord) record = _pkio_hdb_record_get (self, "id", local_id, error);
  g_autofree char *order_text = NULL;

  if (record == NULL)
    return NULL;
  if (order_id > 0 && !absorb_remote_copy (self, record, order_id, deleted, error))
    return NULL;

  record->state = state;
  record->updated = _pkio_hdb_now_s ();
  /* Candidates are for an outcome still unknown only. */
  if (state != PKIO_RECORD_STATE_UNKNOWN)
    {
      if (record->rare != NULL)
        g_clear_pointer (&record->rare->candidates_json, g_free);
      _pkio_history_record_trim (record);
    }
  if (order_id > 0)
    record->order_id = order_id;
  if (certificate_id > 0)
    record->certificate_id = certificate_id;
  _pkio_hdb_set_status (record, remote_status, record->updated);
  if (errors_json != NULL)
    {
      PkioRecordRare *rare = _pkio_history_record_rare_mut (record);

      g_free (rare->errors_json);
      rare->errors_json = g_strdup (errors_json);
    }
  if (order_id > 0)
    order_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  if (!_pkio_hdb_record_update (self, record, error)
      || !_pkio_hdb_event_insert (self, local_id, record->updated, event_kind, order_text, error))
    return NULL;
  if (state == PKIO_RECORD_STATE_PLACED
      && !_pkio_hdb_note_replacement (self, record, also_changed, error))
    return NULL;
  _pkio_history_record_refresh_key (record);
  return g_steal_pointer (&record);
}

PkioHistoryRecord *
_pkio_history_db_set_outcome (PkioHistoryDb  *self,
                              gint64          local_id,
                              PkioRecordState state,
                              gint64          order_id,
                              gint64          certificate_id,
                              const char     *errors_json,
                              const char     *event_kind,
                              GArray         *deleted,
                              GPtrArray      *also_changed,
                              GError        **error)
{
  g_autoptr(PkioHistoryRecord) record = NULL;
  guint first_changed = also_changed->len;

  if (!_pkio_hdb_begin (self, error))
    return NULL;
  record = _pkio_hdb_set_outcome (self, local_id, state, order_id, certificate_id, NULL,
                                  errors_json, event_kind, deleted, also_changed, error);
  if (!_pkio_hdb_commit_or_take_back (self, record != NULL, also_changed, first_changed, deleted,
                                      error))
    return NULL;
  return g_steal_pointer (&record);
}

GPtrArray *
_pkio_history_db_list_unknown (PkioHistoryDb *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = _pkio_hdb_cached (self, "SELECT " RECORD_COLUMNS " FROM records "
                                               "WHERE state = 3 ORDER BY created", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _pkio_hdb_record_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      _pkio_hdb_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&records);
}
