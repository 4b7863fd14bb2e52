/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When a certificate ends, and what that means today: the one rule behind the "Ends soon" and
 * "Ended" filters, the count line, the warnings and `pkio-orders expiring`. It runs for every
 * record on every change of the filter (100,000 of them), so it compares day numbers only. */
#include "config.h"

#include "pkio-history-export.h"
#include "pkio-history-record-private.h"

void
pkio_expiry_window_init (PkioExpiryWindow *window,
                         guint             warning_days)
{
  g_return_if_fail (window != NULL);

  window->today = pkio_calendar_today (NULL);
  window->warning_days = warning_days;
}

gboolean
pkio_history_record_get_days_left (PkioHistoryRecord *self,
                                   PkioDay            today,
                                   gint64            *out_days)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  if (self->valid_till == 0 || today == 0)
    return FALSE;
  if (out_days != NULL)
    *out_days = (gint64) self->valid_till - (gint64) today;
  return TRUE;
}

static gboolean
status_is (PkioHistoryRecord *self,
           const char        *status)
{
  return self->remote_status != NULL && g_str_equal (self->remote_status, status);
}

guint32
_pkio_history_record_get_end_key (PkioHistoryRecord *self)
{
  /* A record whose outcome is not settled holds no certificate yet, whatever it says. */
  if (self->state != PKIO_RECORD_STATE_PLACED && self->state != PKIO_RECORD_STATE_REMOTE)
    return PKIO_END_KEY_NONE;
  if (status_is (self, "expired") || status_is (self, "revoked"))
    return PKIO_END_KEY_ENDED;
  if (!status_is (self, "issued") || self->valid_till == 0)
    return PKIO_END_KEY_NONE;
  return self->valid_till;
}

PkioExpiry
_pkio_expiry_from_end_key (guint32                 end_key,
                           const PkioExpiryWindow *window)
{
  gint64 left;

  if (end_key == PKIO_END_KEY_ENDED)
    return PKIO_EXPIRY_ENDED;
  if (end_key == PKIO_END_KEY_NONE || window->today == 0)
    return PKIO_EXPIRY_NONE;
  left = (gint64) end_key - (gint64) window->today;
  if (left < 0)
    return PKIO_EXPIRY_ENDED;
  if (left <= (gint64) window->warning_days)
    return PKIO_EXPIRY_ENDS_SOON;
  return PKIO_EXPIRY_VALID;
}

PkioExpiry
pkio_history_record_get_expiry (PkioHistoryRecord      *self,
                                const PkioExpiryWindow *window)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), PKIO_EXPIRY_NONE);
  g_return_val_if_fail (window != NULL, PKIO_EXPIRY_NONE);

  return _pkio_expiry_from_end_key (_pkio_history_record_get_end_key (self), window);
}

gboolean
pkio_history_record_needs_expiry_warning (PkioHistoryRecord      *self,
                                          const PkioExpiryWindow *window)
{
  const PkioRecordRare *rare;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  /* Not when an order replaces it already, nor when its revocation is asked for. */
  rare = _pkio_history_record_rare (self);
  return self->expiry_warned != self->valid_till && rare->replaced_by_order_id == 0
         && rare->revoke_state == PKIO_REVOKE_NONE
         && pkio_history_record_get_expiry (self, window) == PKIO_EXPIRY_ENDS_SOON;
}

gboolean
pkio_history_record_can_renew (PkioHistoryRecord      *self,
                               const PkioExpiryWindow *window)
{
  PkioExpiry expiry;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  expiry = pkio_history_record_get_expiry (self, window);
  return _pkio_history_record_rare (self)->replaced_by_order_id == 0
         && (expiry == PKIO_EXPIRY_ENDS_SOON || expiry == PKIO_EXPIRY_ENDED);
}

static int
compare_end (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  PkioHistoryRecord *x = (PkioHistoryRecord *) a;
  PkioHistoryRecord *y = (PkioHistoryRecord *) b;

  if (x->valid_till != y->valid_till)
    return x->valid_till < y->valid_till ? -1 : 1;
  return x->order_id < y->order_id ? -1 : (x->order_id > y->order_id);
}

GListStore *
pkio_history_list_ending_soon (GListModel             *records,
                               const PkioExpiryWindow *window)
{
  GListStore *ending = g_list_store_new (PKIO_TYPE_HISTORY_RECORD);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (records), ending);
  g_return_val_if_fail (window != NULL, ending);

  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      if (pkio_history_record_get_expiry (record, window) == PKIO_EXPIRY_ENDS_SOON)
        g_list_store_insert_sorted (ending, record, compare_end, NULL);
    }
  return ending;
}
