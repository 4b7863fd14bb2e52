/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a record knows of its certificate's life after the order: the order it replaces and the
 * one that replaced it (renewal), a revocation asked for, the batch file it came from and who
 * placed it. Kept apart from pkio-history-record.c, which holds what every order has. */
#include "config.h"

#include <string.h>

#include "pkio-history-record-private.h"

gint64
pkio_history_record_get_replaces_order_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return _pkio_history_record_rare (self)->replaces_order_id;
}

gint64
pkio_history_record_get_replaced_by_order_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return _pkio_history_record_rare (self)->replaced_by_order_id;
}

PkioRevokeState
pkio_history_record_get_revoke_state (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), PKIO_REVOKE_NONE);
  return _pkio_history_record_rare (self)->revoke_state;
}

gint64
pkio_history_record_get_revoke_request_id (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return _pkio_history_record_rare (self)->revoke_request_id;
}

const char *
pkio_history_record_get_revoke_reason (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return _pkio_history_record_rare (self)->revoke_reason;
}

const char *
pkio_history_record_get_revoke_requester (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return _pkio_history_record_rare (self)->revoke_requester;
}

gint64
pkio_history_record_get_revoke_time (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), 0);
  return _pkio_history_record_rare (self)->revoke_time;
}

gboolean
pkio_history_record_can_revoke (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  return (self->state == PKIO_RECORD_STATE_PLACED || self->state == PKIO_RECORD_STATE_REMOTE)
         && g_strcmp0 (self->remote_status, "issued") == 0 && self->certificate_id > 0
         && _pkio_history_record_rare (self)->revoke_state == PKIO_REVOKE_NONE;
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
  return _pkio_history_record_rare (self)->batch_file;
}

const char *
pkio_history_record_get_batch_key (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return _pkio_history_record_rare (self)->batch_key;
}

const char *
pkio_history_record_get_batch_row (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return _pkio_history_record_rare (self)->batch_row;
}

const char *
pkio_history_record_get_placed_by (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);
  return self->placed_by;
}

/* An order placed elsewhere has no stored request: the holder as CertCentral named them. The
 * common name is "first last"; split at the first space it gives the same name back, and the
 * person sees both fields on the form before anything is sent. */
static PkioOrder *
order_from_what_certcentral_said (PkioHistoryRecord *self)
{
  PkioOrder *order = pkio_order_new ();
  const char *name = self->holder_name != NULL ? self->holder_name : "";
  const char *space;

  while (*name == ' ')
    name++;
  space = strchr (name, ' ');
  if (space != NULL)
    {
      order->individual.first_name = g_strndup (name, space - name);
      order->individual.last_name = g_strstrip (g_strdup (space + 1));
    }
  else
    {
      order->individual.first_name = g_strdup (name);
      order->individual.last_name = g_strdup ("");
    }
  order->individual.email = g_strdup (self->holder_email);
  /* As an empty form starts (pkio_order_form_reset ()). */
  order->individual.country = g_strdup ("nl");
  order->ship_info.country = g_strdup ("nl");
  order->billing_address.country = g_strdup ("nl");
  return order;
}

gboolean
pkio_history_record_has_renewal_holder (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  return self->order_id > 0
         && (self->has_request || self->individual_id > 0
             || (self->holder_email != NULL && *self->holder_email != '\0'));
}

PkioOrder *
pkio_history_record_dup_renewal (PkioHistoryRecord *self,
                                 const char        *request_json)
{
  g_autoptr(PkioOrder) order = NULL;
  PkioProfile profile;
  PkioShipMethod method;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);

  if (self->order_id <= 0)
    return NULL;
  order = pkio_history_request_to_order (request_json);
  if (order == NULL)
    {
      if (self->individual_id <= 0 && (self->holder_email == NULL || *self->holder_email == '\0'))
        return NULL;
      order = order_from_what_certcentral_said (self);
      /* What CertCentral reported wins over the defaults; a stored request already has it. */
      if (self->profile != NULL && pkio_profile_from_string (self->profile, &profile))
        order->profile = profile;
      if (self->ship_method != NULL && pkio_ship_method_from_string (self->ship_method, &method))
        order->ship_info.method = method;
    }
  if (self->individual_id > 0)
    {
      order->individual.use_id = TRUE;
      order->individual.id = self->individual_id;
    }
  pkio_order_clear_card (order);
  order->csa_agreed_to = FALSE;
  if (order->validity.kind == PKIO_VALIDITY_CUSTOM_DATE)
    {
      order->validity.kind = PKIO_VALIDITY_YEARS;
      g_date_clear (&order->validity.custom_date, 1);
    }
  order->replaces_order_id = self->order_id;
  return g_steal_pointer (&order);
}
