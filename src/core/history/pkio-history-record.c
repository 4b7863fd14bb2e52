/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-history-match.h"
#include "pkio-history-record-private.h"
#include "pkio-history-slots.h"

G_DEFINE_FINAL_TYPE (PkioHistoryRecord, pkio_history_record, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PkioRecordState, pkio_record_state,
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_STATE_PLACED, "placed"),
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_STATE_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_STATE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_STATE_REMOTE, "remote"))

G_DEFINE_ENUM_TYPE (PkioRecordOrigin, pkio_record_origin,
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_ORIGIN_THIS_COMPUTER, "this-computer"),
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_ORIGIN_ELSEWHERE, "elsewhere"),
  G_DEFINE_ENUM_VALUE (PKIO_RECORD_ORIGIN_EXAMPLE, "example"))

G_DEFINE_ENUM_TYPE (PkioStatusCategory, pkio_status_category,
  G_DEFINE_ENUM_VALUE (PKIO_STATUS_CATEGORY_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (PKIO_STATUS_CATEGORY_ISSUED, "issued"),
  G_DEFINE_ENUM_VALUE (PKIO_STATUS_CATEGORY_PROBLEM, "problem"),
  G_DEFINE_ENUM_VALUE (PKIO_STATUS_CATEGORY_UNKNOWN, "unknown"))

enum {
  PROP_0,
  PROP_LOCAL_ID,
  PROP_STATE,
  PROP_ORIGIN,
  PROP_ORDER_ID,
  PROP_CERTIFICATE_ID,
  PROP_REMOTE_STATUS,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_LAST_SYNCED,
  PROP_HOLDER_NAME,
  PROP_HOLDER_EMAIL,
  PROP_INDIVIDUAL_ID,
  PROP_PROFILE,
  PROP_SHIP_METHOD,
  PROP_ACCOUNT,
  PROP_HAS_REQUEST,
  PROP_ERRORS_JSON,
  PROP_CANDIDATES,
  PROP_VALID_FROM,
  PROP_VALID_TILL,
  PROP_DAYS_REMAINING,
  PROP_STATUS_CHANGED,
  PROP_EXPIRY_WARNED,
  PROP_PLACED_BY,
  PROP_REPLACES_ORDER_ID,
  PROP_REPLACED_BY_ORDER_ID,
  PROP_REVOKE_STATE,
  PROP_REVOKE_REQUEST_ID,
  PROP_REVOKE_REASON,
  PROP_REVOKE_REQUESTER,
  PROP_REVOKE_TIME,
  PROP_STATUS_CATEGORY,
  PROP_STATUS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rare_clear (PkioRecordRare *rare)
{
  g_free (rare->errors_json);
  g_free (rare->candidates_json);
  g_clear_pointer (&rare->candidates, g_ptr_array_unref);
  g_free (rare->revoke_reason);
  g_free (rare->revoke_requester);
  g_free (rare->batch_key);
  g_free (rare->batch_row);
  g_free (rare->batch_file);
}

static void
rare_free (PkioRecordRare *rare)
{
  rare_clear (rare);
  g_free (rare);
}

PkioRecordRare *
_pkio_history_record_rare_mut (PkioHistoryRecord *self)
{
  if (self->rare == NULL)
    self->rare = g_new0 (PkioRecordRare, 1);
  return self->rare;
}

void
_pkio_history_record_trim (PkioHistoryRecord *self)
{
  const PkioRecordRare *rare = self->rare;

  if (rare != NULL && rare->errors_json == NULL && rare->candidates_json == NULL
      && rare->candidates == NULL && rare->replaces_order_id == 0
      && rare->replaced_by_order_id == 0 && rare->revoke_request_id == 0
      && rare->revoke_time == 0 && rare->revoke_reason == NULL && rare->revoke_requester == NULL
      && rare->batch_key == NULL && rare->batch_row == NULL && rare->batch_file == NULL
      && rare->revoke_state == PKIO_REVOKE_NONE)
    g_clear_pointer (&self->rare, g_free);
}

static void
pkio_history_record_finalize (GObject *object)
{
  PkioHistoryRecord *self = PKIO_HISTORY_RECORD (object);

  g_free (self->holder_name);
  g_free (self->holder_email);
  g_free (self->placed_by);
  g_clear_pointer (&self->rare, rare_free);
  g_free (self->search_key);

  G_OBJECT_CLASS (pkio_history_record_parent_class)->finalize (object);
}

static void
pkio_history_record_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PkioHistoryRecord *self = PKIO_HISTORY_RECORD (object);
  const PkioRecordRare *rare = _pkio_history_record_rare (self);

  switch (prop_id)
    {
    case PROP_LOCAL_ID: g_value_set_int64 (value, self->local_id); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_ORIGIN: g_value_set_enum (value, self->origin); break;
    case PROP_ORDER_ID: g_value_set_int64 (value, self->order_id); break;
    case PROP_CERTIFICATE_ID: g_value_set_int64 (value, self->certificate_id); break;
    case PROP_REMOTE_STATUS: g_value_set_string (value, self->remote_status); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_UPDATED: g_value_set_int64 (value, self->updated); break;
    case PROP_LAST_SYNCED: g_value_set_int64 (value, self->last_synced); break;
    case PROP_HOLDER_NAME: g_value_set_string (value, self->holder_name); break;
    case PROP_HOLDER_EMAIL: g_value_set_string (value, self->holder_email); break;
    case PROP_INDIVIDUAL_ID: g_value_set_int64 (value, self->individual_id); break;
    case PROP_PROFILE: g_value_set_string (value, self->profile); break;
    case PROP_SHIP_METHOD: g_value_set_string (value, self->ship_method); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case PROP_HAS_REQUEST: g_value_set_boolean (value, self->has_request); break;
    case PROP_ERRORS_JSON: g_value_set_string (value, rare->errors_json); break;
    case PROP_CANDIDATES:
      g_value_set_boxed (value, pkio_history_record_get_candidates (self));
      break;
    case PROP_VALID_FROM: g_value_set_uint (value, self->valid_from); break;
    case PROP_VALID_TILL: g_value_set_uint (value, self->valid_till); break;
    case PROP_DAYS_REMAINING:
      g_value_set_int64 (value, self->has_days_remaining ? self->days_remaining : G_MININT64);
      break;
    case PROP_STATUS_CHANGED: g_value_set_int64 (value, self->status_changed); break;
    case PROP_EXPIRY_WARNED: g_value_set_uint (value, self->expiry_warned); break;
    case PROP_PLACED_BY: g_value_set_string (value, self->placed_by); break;
    case PROP_REPLACES_ORDER_ID: g_value_set_int64 (value, rare->replaces_order_id); break;
    case PROP_REPLACED_BY_ORDER_ID: g_value_set_int64 (value, rare->replaced_by_order_id); break;
    case PROP_REVOKE_STATE: g_value_set_int64 (value, rare->revoke_state); break;
    case PROP_REVOKE_REQUEST_ID: g_value_set_int64 (value, rare->revoke_request_id); break;
    case PROP_REVOKE_REASON: g_value_set_string (value, rare->revoke_reason); break;
    case PROP_REVOKE_REQUESTER: g_value_set_string (value, rare->revoke_requester); break;
    case PROP_REVOKE_TIME: g_value_set_int64 (value, rare->revoke_time); break;
    case PROP_STATUS_CATEGORY:
      g_value_set_enum (value, pkio_history_record_get_status_category (self));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, pkio_history_record_get_status_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
int64_prop (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_prop (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
pkio_history_record_class_init (PkioHistoryRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pkio_history_record_finalize;
  object_class->get_property = pkio_history_record_get_property;

  properties[PROP_LOCAL_ID] = int64_prop ("local-id");
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PKIO_TYPE_RECORD_STATE,
                                              PKIO_RECORD_STATE_SENDING, flags);
  properties[PROP_ORIGIN] = g_param_spec_enum ("origin", NULL, NULL, PKIO_TYPE_RECORD_ORIGIN,
                                               PKIO_RECORD_ORIGIN_THIS_COMPUTER, flags);
  properties[PROP_ORDER_ID] = int64_prop ("order-id");
  properties[PROP_CERTIFICATE_ID] = int64_prop ("certificate-id");
  properties[PROP_REMOTE_STATUS] = string_prop ("remote-status");
  properties[PROP_CREATED] = int64_prop ("created");
  properties[PROP_UPDATED] = int64_prop ("updated");
  properties[PROP_LAST_SYNCED] = int64_prop ("last-synced");
  properties[PROP_HOLDER_NAME] = string_prop ("holder-name");
  properties[PROP_HOLDER_EMAIL] = string_prop ("holder-email");
  properties[PROP_INDIVIDUAL_ID] = int64_prop ("individual-id");
  properties[PROP_PROFILE] = string_prop ("profile");
  properties[PROP_SHIP_METHOD] = string_prop ("ship-method");
  properties[PROP_ACCOUNT] = string_prop ("account");
  properties[PROP_HAS_REQUEST] = g_param_spec_boolean ("has-request", NULL, NULL, FALSE, flags);
  properties[PROP_ERRORS_JSON] = string_prop ("errors-json");
  properties[PROP_CANDIDATES] = g_param_spec_boxed ("candidates", NULL, NULL, G_TYPE_PTR_ARRAY,
                                                    flags);
  properties[PROP_VALID_FROM] = g_param_spec_uint ("valid-from", NULL, NULL, 0, G_MAXUINT32, 0,
                                                   flags);
  properties[PROP_VALID_TILL] = g_param_spec_uint ("valid-till", NULL, NULL, 0, G_MAXUINT32, 0,
                                                   flags);
  properties[PROP_DAYS_REMAINING] = g_param_spec_int64 ("days-remaining", NULL, NULL,
                                                        G_MININT64, G_MAXINT64, G_MININT64,
                                                        flags);
  properties[PROP_STATUS_CHANGED] = int64_prop ("status-changed");
  properties[PROP_EXPIRY_WARNED] = g_param_spec_uint ("expiry-warned", NULL, NULL, 0, G_MAXUINT32,
                                                      0, flags);
  properties[PROP_PLACED_BY] = string_prop ("placed-by");
  properties[PROP_REPLACES_ORDER_ID] = int64_prop ("replaces-order-id");
  properties[PROP_REPLACED_BY_ORDER_ID] = int64_prop ("replaced-by-order-id");
  properties[PROP_REVOKE_STATE] = int64_prop ("revoke-state");
  properties[PROP_REVOKE_REQUEST_ID] = int64_prop ("revoke-request-id");
  properties[PROP_REVOKE_REASON] = string_prop ("revoke-reason");
  properties[PROP_REVOKE_REQUESTER] = string_prop ("revoke-requester");
  properties[PROP_REVOKE_TIME] = int64_prop ("revoke-time");
  properties[PROP_STATUS_CATEGORY] =
    g_param_spec_enum ("status-category", NULL, NULL, PKIO_TYPE_STATUS_CATEGORY,
                       PKIO_STATUS_CATEGORY_IN_PROGRESS, flags);
  properties[PROP_STATUS_LABEL] = string_prop ("status-label");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_history_record_init (PkioHistoryRecord *self)
{
  self->slot = PKIO_HISTORY_NO_SLOT;
}

PkioHistoryRecord *
_pkio_history_record_new (void)
{
  return g_object_new (PKIO_TYPE_HISTORY_RECORD, NULL);
}

static void
update_string (PkioHistoryRecord *self,
               char             **field,
               const char        *value,
               guint              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_interned (PkioHistoryRecord *self,
                 const char       **field,
                 const char        *value,
                 guint              prop)
{
  value = _pkio_history_intern (value);
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_int (PkioHistoryRecord *self,
            gint64            *field,
            gint64             value,
            guint              prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The rare fields of @from into @self, notifying what changed. */
static void
update_rare (PkioHistoryRecord *self,
             PkioHistoryRecord *from)
{
  const PkioRecordRare *theirs = _pkio_history_record_rare (from);
  PkioRecordRare *ours = _pkio_history_record_rare_mut (self);

  update_string (self, &ours->errors_json, theirs->errors_json, PROP_ERRORS_JSON);
  /* Written once, by the journal, before the order leaves: no property to notify. */
  g_free (ours->batch_key);
  ours->batch_key = g_strdup (theirs->batch_key);
  g_free (ours->batch_row);
  ours->batch_row = g_strdup (theirs->batch_row);
  g_free (ours->batch_file);
  ours->batch_file = g_strdup (theirs->batch_file);
  update_int (self, &ours->replaces_order_id, theirs->replaces_order_id,
              PROP_REPLACES_ORDER_ID);
  update_int (self, &ours->replaced_by_order_id, theirs->replaced_by_order_id,
              PROP_REPLACED_BY_ORDER_ID);
  if (ours->revoke_state != theirs->revoke_state)
    {
      ours->revoke_state = theirs->revoke_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVOKE_STATE]);
    }
  update_int (self, &ours->revoke_request_id, theirs->revoke_request_id,
              PROP_REVOKE_REQUEST_ID);
  update_string (self, &ours->revoke_reason, theirs->revoke_reason, PROP_REVOKE_REASON);
  update_string (self, &ours->revoke_requester, theirs->revoke_requester,
                 PROP_REVOKE_REQUESTER);
  update_int (self, &ours->revoke_time, theirs->revoke_time, PROP_REVOKE_TIME);
  if (g_strcmp0 (ours->candidates_json, theirs->candidates_json) != 0)
    {
      g_clear_pointer (&ours->candidates, g_ptr_array_unref);
      update_string (self, &ours->candidates_json, theirs->candidates_json, PROP_CANDIDATES);
    }
  _pkio_history_record_trim (self);
}

void
_pkio_history_record_update_from (PkioHistoryRecord *self,
                                  PkioHistoryRecord *from)
{
  PkioStatusCategory old_category = pkio_history_record_get_status_category (self);
  g_autofree char *old_label = g_strdup (pkio_history_record_get_status_label (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != from->state)
    {
      self->state = from->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->origin != from->origin)
    {
      self->origin = from->origin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
    }
  update_int (self, &self->order_id, from->order_id, PROP_ORDER_ID);
  update_int (self, &self->certificate_id, from->certificate_id, PROP_CERTIFICATE_ID);
  update_interned (self, &self->remote_status, from->remote_status, PROP_REMOTE_STATUS);
  update_int (self, &self->created, from->created, PROP_CREATED);
  update_int (self, &self->updated, from->updated, PROP_UPDATED);
  update_int (self, &self->last_synced, from->last_synced, PROP_LAST_SYNCED);
  update_string (self, &self->holder_name, from->holder_name, PROP_HOLDER_NAME);
  update_string (self, &self->holder_email, from->holder_email, PROP_HOLDER_EMAIL);
  update_int (self, &self->individual_id, from->individual_id, PROP_INDIVIDUAL_ID);
  update_interned (self, &self->profile, from->profile, PROP_PROFILE);
  update_interned (self, &self->ship_method, from->ship_method, PROP_SHIP_METHOD);
  update_interned (self, &self->account, from->account, PROP_ACCOUNT);
  if (self->has_request != from->has_request)
    {
      self->has_request = from->has_request;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_REQUEST]);
    }
  if (self->valid_from != from->valid_from)
    {
      self->valid_from = from->valid_from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_FROM]);
    }
  if (self->valid_till != from->valid_till)
    {
      self->valid_till = from->valid_till;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_TILL]);
    }
  if (self->has_days_remaining != from->has_days_remaining
      || self->days_remaining != from->days_remaining)
    {
      self->has_days_remaining = from->has_days_remaining;
      self->days_remaining = from->days_remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS_REMAINING]);
    }
  update_int (self, &self->status_changed, from->status_changed, PROP_STATUS_CHANGED);
  update_string (self, &self->placed_by, from->placed_by, PROP_PLACED_BY);
  if (self->expiry_warned != from->expiry_warned)
    {
      self->expiry_warned = from->expiry_warned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRY_WARNED]);
    }
  update_rare (self, from);
  if (old_category != pkio_history_record_get_status_category (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_CATEGORY]);
  if (g_strcmp0 (old_label, pkio_history_record_get_status_label (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);

  /* The fresh record's key was folded on the worker thread: the store's index takes it. */
  g_free (self->search_key);
  self->search_key = g_steal_pointer (&from->search_key);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
needs_attention (PkioHistoryRecord *self)
{
  return self->state == PKIO_RECORD_STATE_UNKNOWN || self->state == PKIO_RECORD_STATE_SENDING;
}

int
_pkio_history_record_compare (PkioHistoryRecord *a,
                              PkioHistoryRecord *b)
{
  gboolean attention_a = needs_attention (a);
  gboolean attention_b = needs_attention (b);

  if (attention_a != attention_b)
    return attention_a ? -1 : 1;
  if (a->created != b->created)
    return a->created > b->created ? -1 : 1;
  if (a->local_id != b->local_id)
    return a->local_id > b->local_id ? -1 : 1;
  return 0;
}

PkioStatusCategory
pkio_history_record_get_status_category (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), PKIO_STATUS_CATEGORY_UNKNOWN);

  switch (self->state)
    {
    case PKIO_RECORD_STATE_SENDING:
      return PKIO_STATUS_CATEGORY_IN_PROGRESS;
    case PKIO_RECORD_STATE_UNKNOWN:
      return PKIO_STATUS_CATEGORY_UNKNOWN;
    case PKIO_RECORD_STATE_REJECTED:
      return PKIO_STATUS_CATEGORY_PROBLEM;
    case PKIO_RECORD_STATE_PLACED:
    case PKIO_RECORD_STATE_REMOTE:
    default:
      return pkio_history_status_category (self->remote_status);
    }
}

const char *
pkio_history_record_get_status_label (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);

  switch (self->state)
    {
    case PKIO_RECORD_STATE_SENDING:
      return _("Sending");
    case PKIO_RECORD_STATE_UNKNOWN:
      return _("Outcome unknown");
    case PKIO_RECORD_STATE_REJECTED:
      return _("Not placed");
    case PKIO_RECORD_STATE_PLACED:
    case PKIO_RECORD_STATE_REMOTE:
    default:
      if (self->remote_status == NULL)
        return _("Placed");
      /* Until CertCentral says "revoked", what this computer asked for. */
      if (g_str_equal (self->remote_status, "issued"))
        switch (_pkio_history_record_rare (self)->revoke_state)
          {
          case PKIO_REVOKE_SENDING: return _("Revoking");
          case PKIO_REVOKE_REQUESTED: return _("Revocation requested");
          case PKIO_REVOKE_UNKNOWN: return _("Revocation unknown");
          case PKIO_REVOKE_NONE:
          default:
            break;
          }
      return pkio_history_status_label (self->remote_status);
    }
}

gboolean
pkio_history_record_can_cancel (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  /* Only orders in pending / waiting_pickup can be canceled
   * (docs/certcentral-api.md#cancel-an-order). */
  return self->order_id > 0
         && (g_strcmp0 (self->remote_status, "pending") == 0
             || g_strcmp0 (self->remote_status, "waiting_pickup") == 0
             || (self->remote_status == NULL && self->state == PKIO_RECORD_STATE_PLACED));
}
