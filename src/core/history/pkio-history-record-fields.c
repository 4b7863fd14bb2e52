/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plain getters of PkioHistoryRecord: each field as it is kept (pkio-history-record.c has
 * the GObject, its properties and the updates that notify them). */
#include "config.h"

#include "pkio-history-match.h"
#include "pkio-history-record-private.h"

gint64
pkio_history_record_get_local_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->local_id;
}

PkioRecordState
pkio_history_record_get_state (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), PKIO_RECORD_STATE_UNKNOWN);
  return self->state;
}

PkioRecordOrigin
pkio_history_record_get_origin (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  return self->origin;
}

gint64
pkio_history_record_get_order_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->order_id;
}

gint64
pkio_history_record_get_certificate_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->certificate_id;
}

const char *
pkio_history_record_get_remote_status (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->remote_status;
}

gint64
pkio_history_record_get_created (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->created;
}

gint64
pkio_history_record_get_updated (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->updated;
}

gint64
pkio_history_record_get_last_synced (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->last_synced;
}

GDateTime *
pkio_history_record_dup_created (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->created > 0 ? g_date_time_new_from_unix_utc (self->created) : NULL;
}

const char *
pkio_history_record_get_holder_name (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->holder_name;
}

const char *
pkio_history_record_get_holder_email (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->holder_email;
}

gint64
pkio_history_record_get_individual_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->individual_id;
}

const char *
pkio_history_record_get_profile (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->profile;
}

const char *
pkio_history_record_get_ship_method (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->ship_method;
}

const char *
pkio_history_record_get_account (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->account;
}

gboolean
pkio_history_record_has_request (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);
  return self->has_request;
}

const char *
pkio_history_record_get_errors_json (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return _pkio_history_record_rare (self)->errors_json;
}

PkioDay
pkio_history_record_get_valid_from (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->valid_from;
}

PkioDay
pkio_history_record_get_valid_till (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->valid_till;
}

gboolean
pkio_history_record_get_days_remaining (PkioHistoryRecord *self,
                                        gint64            *out_days)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);
  if (self->has_days_remaining && out_days != NULL)
    *out_days = self->days_remaining;
  return self->has_days_remaining;
}

gint64
pkio_history_record_get_status_changed (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->status_changed;
}

GPtrArray *
pkio_history_record_get_candidates (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);

  /* Nearly every record has none: they share one empty array (the view and exports ask all
   * 100,000). */
  if (_pkio_history_record_rare (self)->candidates_json == NULL)
    {
      static GPtrArray *none;

      if (g_once_init_enter (&none))
        g_once_init_leave (&none, g_ptr_array_new ());
      return none;
    }
  if (self->rare->candidates == NULL)
    self->rare->candidates = pkio_history_candidates_from_json (self->rare->candidates_json);
  return self->rare->candidates;
}
