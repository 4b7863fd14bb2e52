/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a record knows of its certificate's life after the order: the order it replaces and the
 * one that replaced it (renewal), a revocation asked for, the batch file it came from and who
 * placed it. Kept apart from pkio-history-record.c, which holds what every order has. */
#include "config.h"

#include "pkio-history-record-private.h"

gint64
pkio_history_record_get_replaces_order_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->replaces_order_id;
}

gint64
pkio_history_record_get_replaced_by_order_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->replaced_by_order_id;
}

PkioRevokeState
pkio_history_record_get_revoke_state (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), PKIO_REVOKE_NONE);
  return self->revoke_state;
}

gint64
pkio_history_record_get_revoke_request_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->revoke_request_id;
}

const char *
pkio_history_record_get_revoke_reason (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->revoke_reason;
}

const char *
pkio_history_record_get_revoke_requester (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->revoke_requester;
}

gint64
pkio_history_record_get_revoke_time (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->revoke_time;
}

gboolean
pkio_history_record_can_revoke (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  return (self->state == PKIO_RECORD_STATE_PLACED || self->state == PKIO_RECORD_STATE_REMOTE)
         && g_strcmp0 (self->remote_status, "issued") == 0 && self->certificate_id > 0
         && self->revoke_state == PKIO_REVOKE_NONE;
}

PkioDay
pkio_history_record_get_expiry_warned (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return self->expiry_warned;
}

const char *
pkio_history_record_get_batch_file (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->batch_file;
}

const char *
pkio_history_record_get_batch_key (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->batch_key;
}

const char *
pkio_history_record_get_batch_row (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->batch_row;
}

const char *
pkio_history_record_get_placed_by (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->placed_by;
}
