/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pkio-date-text.h"
#include "pkio-history-record.h"

/* Words for what the history holds: CertCentral statuses, profiles, shipping, origins, and
 * the timeline's events. Stored values stay raw; these turn them into text for people. */

static const struct {
  const char *raw;
  const char *label;
  PkioStatusCategory category;
} status_table[] = {
  { "pending", N_("Pending"), PKIO_STATUS_CATEGORY_IN_PROGRESS },
  { "needs_approval", N_("Waiting for approval"), PKIO_STATUS_CATEGORY_IN_PROGRESS },
  { "processing", N_("Processing"), PKIO_STATUS_CATEGORY_IN_PROGRESS },
  { "waiting_pickup", N_("Waiting for pickup"), PKIO_STATUS_CATEGORY_IN_PROGRESS },
  { "reissue_pending", N_("Reissue pending"), PKIO_STATUS_CATEGORY_IN_PROGRESS },
  { "needs_csr", N_("Needs a CSR"), PKIO_STATUS_CATEGORY_IN_PROGRESS },
  { "issued", N_("Issued"), PKIO_STATUS_CATEGORY_ISSUED },
  { "rejected", N_("Rejected"), PKIO_STATUS_CATEGORY_PROBLEM },
  { "canceled", N_("Canceled"), PKIO_STATUS_CATEGORY_PROBLEM },
  { "revoked", N_("Revoked"), PKIO_STATUS_CATEGORY_PROBLEM },
  { "expired", N_("Expired"), PKIO_STATUS_CATEGORY_PROBLEM },
};

PkioStatusCategory
pkio_history_status_category (const char *raw_status)
{
  if (raw_status == NULL)
    return PKIO_STATUS_CATEGORY_IN_PROGRESS;
  for (guint i = 0; i < G_N_ELEMENTS (status_table); i++)
    if (strcmp (status_table[i].raw, raw_status) == 0)
      return status_table[i].category;
  /* docs/decisions.md#statuses: treat a status we do not know as "in progress". */
  return PKIO_STATUS_CATEGORY_IN_PROGRESS;
}

const char *
pkio_history_status_label (const char *raw_status)
{
  if (raw_status == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (status_table); i++)
    if (strcmp (status_table[i].raw, raw_status) == 0)
      return _(status_table[i].label);
  return raw_status;
}

char *
pkio_history_day_dup_text (PkioDay day)
{
  g_autoptr(GDateTime) midnight = pkio_calendar_day_to_date_time (day, NULL);

  if (midnight == NULL)
    return NULL;
  /* Translators: a date, see g_date_time_format(); e.g. "26 Nov 2026" */
  return pkio_date_text_format (midnight, _("%-d %b %Y"));
}

static char *
revoke_sentence (PkioHistoryRecord *self)
{
  gint64 request = pkio_history_record_get_revoke_request_id (self);

  switch (pkio_history_record_get_revoke_state (self))
    {
    case PKIO_REVOKE_SENDING:
      return g_strdup (_("The request to revoke this certificate is being sent to CertCentral."));
    case PKIO_REVOKE_REQUESTED:
      if (request > 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, request);

          /* Translators: %s is the number of CertCentral's request */
          return g_strdup_printf (_("Revocation requested (request %s), waiting for an "
                                    "administrator of your CertCentral account."), number);
        }
      return g_strdup (_("Revocation requested, waiting for an administrator of your "
                         "CertCentral account."));
    case PKIO_REVOKE_UNKNOWN:
      return g_strdup (_("It is not known whether CertCentral received the request to revoke "
                         "this certificate. Check it before you ask again."));
    case PKIO_REVOKE_NONE:
    default:
      return NULL;
    }
}

char *
pkio_history_record_dup_status_sentence (PkioHistoryRecord *self)
{
  gint64 since;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);

  if (g_strcmp0 (pkio_history_record_get_remote_status (self), "issued") == 0)
    return revoke_sentence (self);
  if (g_strcmp0 (pkio_history_record_get_remote_status (self), "needs_approval") != 0)
    return NULL;
  since = pkio_history_record_get_status_changed (self);
  if (since <= 0)
    since = pkio_history_record_get_created (self);
  if (since <= 0)
    return g_strdup (_("Waiting for approval by an administrator of your CertCentral account."));
  utc = g_date_time_new_from_unix_utc (since);
  local = g_date_time_to_local (utc);
  /* Translators: a date, see g_date_time_format(); e.g. "26 Nov 2026" */
  when = pkio_date_text_format (local, _("%-d %b %Y"));
  /* Translators: %s is a date, e.g. "26 Nov 2026" */
  return g_strdup_printf (_("Waiting for approval by an administrator of your CertCentral "
                            "account, since %s."), when);
}

const char *
pkio_revoke_state_to_string (PkioRevokeState state)
{
  switch (state)
    {
    case PKIO_REVOKE_SENDING: return "sending";
    case PKIO_REVOKE_REQUESTED: return "requested";
    case PKIO_REVOKE_UNKNOWN: return "unknown";
    case PKIO_REVOKE_NONE:
    default:
      return "none";
    }
}

static const char * const revoke_reason_names[] = {
  [PKIO_REVOKE_REASON_LOST] = "lost",
  [PKIO_REVOKE_REASON_LEFT] = "left",
  [PKIO_REVOKE_REASON_WRONG_DETAILS] = "wrong-details",
  [PKIO_REVOKE_REASON_OTHER] = "other",
};

const char *
pkio_revoke_reason_to_string (PkioRevokeReason reason)
{
  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (revoke_reason_names), "other");
  return revoke_reason_names[reason];
}

gboolean
pkio_revoke_reason_from_string (const char       *name,
                                PkioRevokeReason *out_reason)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (revoke_reason_names); i++)
    if (g_str_equal (name, revoke_reason_names[i]))
      {
        if (out_reason != NULL)
          *out_reason = (PkioRevokeReason) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pkio_revoke_reason_label (PkioRevokeReason reason)
{
  switch (reason)
    {
    case PKIO_REVOKE_REASON_LOST: return _("The token is lost or stolen");
    case PKIO_REVOKE_REASON_LEFT: return _("The holder has left or no longer needs it");
    case PKIO_REVOKE_REASON_WRONG_DETAILS: return _("The certificate’s details are wrong");
    case PKIO_REVOKE_REASON_OTHER:
    default:
      return _("Another reason");
    }
}

const char *
pkio_history_profile_label (const char *profile)
{
  if (g_strcmp0 (profile, "authentication") == 0)
    return _("Authentication");
  if (g_strcmp0 (profile, "nonrepudiation") == 0)
    return _("Signing");
  if (g_strcmp0 (profile, "encryption") == 0)
    return _("Encryption");
  return profile != NULL ? profile : "";
}

const char *
pkio_history_ship_method_label (const char *ship_method)
{
  if (g_ascii_strcasecmp (ship_method ? ship_method : "", "STANDARD") == 0)
    return _("Standard");
  if (g_ascii_strcasecmp (ship_method ? ship_method : "", "EXPEDITED") == 0)
    return _("Expedited");
  return ship_method != NULL ? ship_method : "";
}

const char *
pkio_history_origin_label (PkioRecordOrigin origin)
{
  switch (origin)
    {
    case PKIO_RECORD_ORIGIN_THIS_COMPUTER: return _("This computer");
    case PKIO_RECORD_ORIGIN_EXAMPLE: return _("Example (practice mode)");
    case PKIO_RECORD_ORIGIN_ELSEWHERE:
    default:
      return _("Elsewhere");
    }
}

char *
pkio_history_holder_label (const char *name,
                           const char *email,
                           gint64      individual_id)
{
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (email != NULL && *email != '\0')
    return g_strdup (email);
  if (individual_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, individual_id);

      /* TRANSLATORS: %s is the number of a person known to CertCentral */
      return g_strdup_printf (_("Individual %s"), id);
    }
  return NULL;
}

char *
pkio_history_record_dup_holder_label (PkioHistoryRecord *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);

  return pkio_history_holder_label (pkio_history_record_get_holder_name (self),
                                    pkio_history_record_get_holder_email (self),
                                    pkio_history_record_get_individual_id (self));
}

const char *
pkio_record_state_to_string (PkioRecordState state)
{
  switch (state)
    {
    case PKIO_RECORD_STATE_SENDING: return "sending";
    case PKIO_RECORD_STATE_PLACED: return "placed";
    case PKIO_RECORD_STATE_REJECTED: return "rejected";
    case PKIO_RECORD_STATE_REMOTE: return "remote";
    case PKIO_RECORD_STATE_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
pkio_record_origin_to_string (PkioRecordOrigin origin)
{
  switch (origin)
    {
    case PKIO_RECORD_ORIGIN_THIS_COMPUTER: return "this-computer";
    case PKIO_RECORD_ORIGIN_EXAMPLE: return "example";
    case PKIO_RECORD_ORIGIN_ELSEWHERE:
    default:
      return "elsewhere";
    }
}

static const char * const event_kind_names[] = {
  [PKIO_HISTORY_EVENT_OTHER] = "other",
  [PKIO_HISTORY_EVENT_ATTEMPTED] = "attempted",
  [PKIO_HISTORY_EVENT_PLACED] = "placed",
  [PKIO_HISTORY_EVENT_REJECTED] = "rejected",
  [PKIO_HISTORY_EVENT_UNKNOWN] = "unknown",
  [PKIO_HISTORY_EVENT_INTERRUPTED] = "interrupted",
  [PKIO_HISTORY_EVENT_STATUS] = "status",
  [PKIO_HISTORY_EVENT_FOUND] = "found",
  [PKIO_HISTORY_EVENT_NOT_FOUND] = "not-found",
  [PKIO_HISTORY_EVENT_CANCELED] = "canceled",
  [PKIO_HISTORY_EVENT_CANDIDATES] = "candidates",
  [PKIO_HISTORY_EVENT_LINKED] = "linked",
  [PKIO_HISTORY_EVENT_EXPIRY_WARNED] = "expiry-warned",
  [PKIO_HISTORY_EVENT_RENEWS] = "renews",
  [PKIO_HISTORY_EVENT_REPLACED] = "replaced",
  [PKIO_HISTORY_EVENT_REVOKE_ASKED] = "revoke-asked",
  [PKIO_HISTORY_EVENT_REVOKE_REQUESTED] = "revoke-requested",
  [PKIO_HISTORY_EVENT_REVOKE_REFUSED] = "revoke-refused",
  [PKIO_HISTORY_EVENT_REVOKE_NOT_SENT] = "revoke-not-sent",
  [PKIO_HISTORY_EVENT_REVOKE_UNKNOWN] = "revoke-unknown",
  [PKIO_HISTORY_EVENT_REVOKE_INTERRUPTED] = "revoke-interrupted",
  [PKIO_HISTORY_EVENT_REVOKE_NOT_FOUND] = "revoke-not-found",
};

const char *
pkio_history_event_kind_to_string (PkioHistoryEventKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (event_kind_names))
    return event_kind_names[PKIO_HISTORY_EVENT_OTHER];
  return event_kind_names[kind];
}

PkioHistoryEventKind
pkio_history_event_kind_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (event_kind_names); i++)
    if (strcmp (name, event_kind_names[i]) == 0)
      return (PkioHistoryEventKind) i;
  return PKIO_HISTORY_EVENT_OTHER;
}

PkioHistoryEvent *
pkio_history_event_new (GDateTime            *time,
                        PkioHistoryEventKind  kind,
                        const char           *detail)
{
  PkioHistoryEvent *event = g_new0 (PkioHistoryEvent, 1);

  event->time = time ? g_date_time_ref (time) : NULL;
  event->kind = kind;
  event->detail = g_strdup (detail);
  return event;
}

void
pkio_history_event_free (PkioHistoryEvent *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->time, g_date_time_unref);
  g_free (event->detail);
  g_free (event);
}

/* "Revocation asked for by Ada Admin <ada@example.com>: The token is lost or stolen (the
 * comment)". */
static char *
revoke_asked_text (const char *detail)
{
  g_autoptr(JsonNode) root = detail != NULL ? json_from_string (detail, NULL) : NULL;
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root)
                                                                      : NULL;
  const char *reason = object ? json_object_get_string_member_with_default (object, "reason",
                                                                             NULL) : NULL;
  const char *comment = object ? json_object_get_string_member_with_default (object, "comment",
                                                                              NULL) : NULL;
  const char *requester = object ? json_object_get_string_member_with_default (object,
                                                                                "requester",
                                                                                NULL) : NULL;
  PkioRevokeReason known = PKIO_REVOKE_REASON_OTHER;
  g_autofree char *why = NULL;

  why = g_strdup (pkio_revoke_reason_from_string (reason, &known)
                  ? pkio_revoke_reason_label (known) : _("Another reason"));
  if (comment != NULL && *comment != '\0')
    {
      char *with = g_strdup_printf (_("%s (%s)"), why, comment);

      g_free (why);
      why = with;
    }
  if (requester == NULL || *requester == '\0')
    /* Translators: %s is why the certificate is to be revoked */
    return g_strdup_printf (_("Revocation asked for: %s"), why);
  /* Translators: the first %s is who asked (a name and email), the second why */
  return g_strdup_printf (_("Revocation asked for by %s: %s"), requester, why);
}

char *
pkio_history_event_get_text (const PkioHistoryEvent *event)
{
  const char *detail = event->detail ? event->detail : "";

  switch (event->kind)
    {
    case PKIO_HISTORY_EVENT_ATTEMPTED:
      return g_strdup (_("Order recorded, about to be sent to CertCentral"));
    case PKIO_HISTORY_EVENT_PLACED:
      return g_strdup_printf (_("Placed as order %s"), detail);
    case PKIO_HISTORY_EVENT_REJECTED:
      return g_strdup (_("CertCentral refused the order: it was not placed"));
    case PKIO_HISTORY_EVENT_UNKNOWN:
      return g_strdup (_("No clear answer from CertCentral: the order may or may not have "
                         "been placed"));
    case PKIO_HISTORY_EVENT_INTERRUPTED:
      return g_strdup (_("The app stopped while sending: the order may or may not have been placed"));
    case PKIO_HISTORY_EVENT_STATUS:
      return g_strdup_printf (_("Status changed to “%s”"), pkio_history_status_label (detail));
    case PKIO_HISTORY_EVENT_FOUND:
      return g_strdup_printf (_("Found at CertCentral as order %s"), detail);
    case PKIO_HISTORY_EVENT_NOT_FOUND:
      {
        g_autofree char *when = NULL;

        if (event->time != NULL)
          {
            g_autoptr(GDateTime) local = g_date_time_to_local (event->time);
            /* Translators: a date and time, see g_date_time_format(); e.g. "26 Nov 2026, 14:05" */
            when = pkio_date_text_format (local, _("%-d %b %Y, %H:%M"));
          }
        return g_strdup_printf (_("Not found at CertCentral on %s"), when ? when : "");
      }
    case PKIO_HISTORY_EVENT_CANCELED:
      return g_strdup_printf (_("Canceled: %s"), detail);
    case PKIO_HISTORY_EVENT_CANDIDATES:
      /* TRANSLATORS: %s is a list of order numbers, e.g. "843668399, 843668400" */
      return g_strdup_printf (_("CertCentral has orders that may be this one: %s"), detail);
    case PKIO_HISTORY_EVENT_LINKED:
      return g_strdup_printf (_("You chose order %s as the outcome of this attempt"), detail);
    case PKIO_HISTORY_EVENT_EXPIRY_WARNED:
      {
        g_autofree char *date = pkio_history_day_dup_text (pkio_calendar_day_from_iso (detail));

        /* Translators: %s is a date, e.g. "27 Dec 2026" */
        return g_strdup_printf (_("You were warned that the certificate ends on %s"),
                                date != NULL ? date : detail);
      }
    case PKIO_HISTORY_EVENT_RENEWS:
      return g_strdup_printf (_("Ordered to replace order %s"), detail);
    case PKIO_HISTORY_EVENT_REPLACED:
      return g_strdup_printf (_("Replaced by order %s"), detail);
    case PKIO_HISTORY_EVENT_REVOKE_ASKED:
      return revoke_asked_text (detail);
    case PKIO_HISTORY_EVENT_REVOKE_REQUESTED:
      if (event->detail == NULL)
        return g_strdup (_("CertCentral took the request to revoke the certificate; an "
                           "administrator of the account approves it"));
      /* Translators: %s is the number of CertCentral's request */
      return g_strdup_printf (_("CertCentral took the request to revoke the certificate "
                                "(request %s); an administrator of the account approves it"),
                              detail);
    case PKIO_HISTORY_EVENT_REVOKE_REFUSED:
      return g_strdup_printf (_("CertCentral refused to revoke the certificate: %s"), detail);
    case PKIO_HISTORY_EVENT_REVOKE_NOT_SENT:
      return g_strdup_printf (_("The request to revoke the certificate was not sent: %s"),
                              detail);
    case PKIO_HISTORY_EVENT_REVOKE_UNKNOWN:
      return g_strdup (_("No clear answer from CertCentral: the revocation may or may not have "
                         "been asked for"));
    case PKIO_HISTORY_EVENT_REVOKE_INTERRUPTED:
      return g_strdup (_("The app stopped while asking for the revocation: it may or may not "
                         "have been asked for"));
    case PKIO_HISTORY_EVENT_REVOKE_NOT_FOUND:
      return g_strdup (_("Checked at CertCentral: no request to revoke the certificate was made"));
    case PKIO_HISTORY_EVENT_OTHER:
    default:
      return g_strdup (detail);
    }
}

static char *
local_minute (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
pkio_history_candidate_dup_label (const PkioRemoteOrder *order)
{
  g_autofree char *when = NULL;
  g_autofree char *number = NULL;

  g_return_val_if_fail (order != NULL, NULL);

  when = local_minute (order->date_created);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, order->order_id);
  /* TRANSLATORS: an order CertCentral has: its number (date and time created, status), e.g.
   * "843668399 (2026-05-04 10:03, Pending)" */
  return g_strdup_printf (_("%s (%s, %s)"), number, when,
                          order->status != NULL ? pkio_history_status_label (order->status)
                                                : _("status not known"));
}

char *
pkio_history_record_dup_candidates_text (PkioHistoryRecord *record)
{
  GPtrArray *candidates;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *when = NULL;
  g_autofree char *holder = NULL;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (record), NULL);

  if (pkio_history_record_get_state (record) != PKIO_RECORD_STATE_UNKNOWN)
    return NULL;
  candidates = pkio_history_record_get_candidates (record);
  if (candidates->len == 0)
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autofree char *label = pkio_history_candidate_dup_label (g_ptr_array_index (candidates,
                                                                                    i));

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, label);
    }
  created = pkio_history_record_dup_created (record);
  when = local_minute (created);
  holder = pkio_history_record_dup_holder_label (record);
  /* TRANSLATORS: the first %s is a date and time, the second who the order is for, the third
   * a list of orders */
  return g_strdup_printf (_("Order attempt of %s for %s: is it one of these? %s"), when,
                          holder != NULL ? holder : _("an unnamed holder"), list->str);
}
