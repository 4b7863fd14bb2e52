/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-api-user.h"
#include "pkio-revoke-sender.h"
#include "pkio-test-hooks-private.h"

typedef struct
{
  PkioHistoryStore *store;
  PkioClient       *client;
  PkioRevokeReason  reason;
  char             *comment;     /* normalized, "" when none */
  gint64            certificate_id;
  PkioRevokeResult *result;
} RevokeData;

void
pkio_revoke_result_free (PkioRevokeResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->record);
  g_clear_error (&result->error);
  g_free (result);
}

static void
revoke_data_free (RevokeData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_free (data->comment);
  pkio_revoke_result_free (data->result);
  g_free (data);
}

char *
pkio_revoke_comment_normalize (PkioRevokeReason   reason,
                               const char        *comment,
                               GError           **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (comment != NULL ? comment : ""));

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The comment is not valid text."));
      return NULL;
    }
  if (reason == PKIO_REVOKE_REASON_OTHER && *trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Say why the certificate is to be revoked: another reason needs a "
                             "comment."));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > PKIO_REVOKE_COMMENT_MAX_CHARS)
    {
      g_autofree char *max = g_strdup_printf ("%d", PKIO_REVOKE_COMMENT_MAX_CHARS);

      /* Translators: %s is the largest number of characters */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The comment is too long: at most %s characters."), max);
      return NULL;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The comment holds a control character: type it again as "
                                 "plain text."));
          return NULL;
        }
    }
  return g_steal_pointer (&trimmed);
}

char *
pkio_revoke_comments_text (PkioRevokeReason  reason,
                           const char       *comment)
{
  /* For the administrator who approves it, in CertCentral's language: never translated. */
  static const char * const reasons[] = {
    [PKIO_REVOKE_REASON_LOST] = "The token is lost or stolen.",
    [PKIO_REVOKE_REASON_LEFT] = "The holder has left or no longer needs it.",
    [PKIO_REVOKE_REASON_WRONG_DETAILS] = "The certificate's details are wrong.",
    [PKIO_REVOKE_REASON_OTHER] = NULL,
  };
  const char *why = (guint) reason < G_N_ELEMENTS (reasons) ? reasons[reason] : NULL;

  if (why == NULL)
    return g_strdup (comment != NULL ? comment : "");
  if (comment == NULL || *comment == '\0')
    return g_strdup (why);
  return g_strdup_printf ("%s %s", why, comment);
}

static void
complete (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  RevokeData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) pkio_revoke_result_free);
}

static void
fail_before_journal (GTask                 *task_owned,
                     PkioRevokeResultState  state,
                     GError                *error)
{
  RevokeData *data = g_task_get_task_data (task_owned);

  data->result->state = state;
  data->result->error = error;
  complete (task_owned);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* CertCentral's answer stands; a record left SENDING becomes UNKNOWN at the next start and
   * is checked before anything is sent again. */
  if (!pkio_history_store_revoke_mark_finish (PKIO_HISTORY_STORE (source), res, &error))
    g_message ("Could not record the outcome of a revocation: %s", error->message);
  complete (g_steal_pointer (&task));
}

static void
revoked_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RevokeData *data = g_task_get_task_data (task);
  PkioRevokeResult *result = data->result;
  GError *error = NULL;
  g_autofree char *detail = NULL;
  PkioRevokeState state;
  const char *event;

  if (pkio_client_revoke_certificate_finish (data->client, res, &result->request_id, &error))
    {
      result->state = PKIO_REVOKE_RESULT_REQUESTED;
      state = PKIO_REVOKE_REQUESTED;
      event = "revoke-requested";
      if (result->request_id > 0)
        detail = g_strdup_printf ("%" G_GINT64_FORMAT, result->request_id);
    }
  else if (!pkio_api_error_is_not_placed (error))
    {
      /* It left and no usable answer came: it may or may not have been taken. */
      result->state = PKIO_REVOKE_RESULT_UNKNOWN;
      state = PKIO_REVOKE_UNKNOWN;
      event = "revoke-unknown";
    }
  else
    {
      gboolean never_left = g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK);

      result->state = never_left ? PKIO_REVOKE_RESULT_NOT_SENT : PKIO_REVOKE_RESULT_REFUSED;
      state = PKIO_REVOKE_NONE;
      event = never_left ? "revoke-not-sent" : "revoke-refused";
      detail = g_strdup (error->message);
    }
  result->error = error;
  _pkio_test_crash_point ("revoke-after-send");
  pkio_history_store_revoke_mark_async (data->store, result->record, state, result->request_id,
                                        event, detail, marked_cb, g_steal_pointer (&task));
}

static void
journaled_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RevokeData *data = g_task_get_task_data (task);
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autofree char *comments = NULL;
  GError *error = NULL;

  record = pkio_history_store_revoke_begin_finish (data->store, res, &error);
  if (record == NULL)
    {
      fail_before_journal (g_steal_pointer (&task), PKIO_REVOKE_RESULT_NOT_RECORDED, error);
      return;
    }
  g_set_object (&data->result->record, record);
  _pkio_test_crash_point ("revoke-after-journal");

  /* On disk: from here on it is sent once, and what became of it is recorded. */
  comments = pkio_revoke_comments_text (data->reason, data->comment);
  pkio_client_revoke_certificate_async (data->client, data->certificate_id, comments, NULL,
                                        revoked_cb, g_steal_pointer (&task));
}

/* {"reason":"lost","comment":"…","requester":"Ada Admin <ada@example.com>"}: the timeline's
 * "revoke-asked". */
static char *
asked_json (PkioRevokeReason  reason,
            const char       *comment,
            const char       *requester)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, pkio_revoke_reason_to_string (reason));
  json_builder_set_member_name (builder, "comment");
  json_builder_add_string_value (builder, comment);
  json_builder_set_member_name (builder, "requester");
  json_builder_add_string_value (builder, requester);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
user_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RevokeData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(PkioApiUser) user = NULL;
  g_autofree char *name = NULL;
  g_autofree char *requester = NULL;
  g_autofree char *asked = NULL;
  GError *error = NULL;

  answer = pkio_client_get_user_finish (data->client, res, &error);
  if (answer != NULL)
    user = pkio_api_user_from_json (answer, &error);
  if (user == NULL)
    {
      /* Nothing was written or sent: say why, as for any call that did not get through. */
      fail_before_journal (g_steal_pointer (&task), PKIO_REVOKE_RESULT_NOT_SENT, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  name = pkio_api_user_dup_name (user);
  requester = user->email != NULL && *user->email != '\0' && g_strcmp0 (name, user->email) != 0
              ? g_strdup_printf ("%s <%s>", name, user->email) : g_strdup (name);
  asked = asked_json (data->reason, data->comment, requester);
  pkio_history_store_revoke_begin_async (data->store, data->result->record,
                                         pkio_revoke_reason_to_string (data->reason), requester,
                                         asked, journaled_cb, g_steal_pointer (&task));
}

void
pkio_revoke_sender_send_async (gpointer             source_object,
                               PkioHistoryStore    *store,
                               PkioClient          *client,
                               PkioHistoryRecord   *record,
                               PkioRevokeReason     reason,
                               const char          *comment,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RevokeData *data;
  GError *error = NULL;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (client == NULL || PKIO_IS_CLIENT (client));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_revoke_sender_send_async);
  data = g_new0 (RevokeData, 1);
  data->store = g_object_ref (store);
  data->client = client != NULL ? g_object_ref (client) : NULL;
  data->reason = reason;
  data->certificate_id = pkio_history_record_get_certificate_id (record);
  data->result = g_new0 (PkioRevokeResult, 1);
  data->result->record = g_object_ref (record);
  g_task_set_task_data (task, data, (GDestroyNotify) revoke_data_free);
  /* A task that may be cancelled before the journal must still answer with a result. */
  g_task_set_check_cancellable (task, FALSE);

  data->comment = pkio_revoke_comment_normalize (reason, comment, &error);
  if (data->comment == NULL)
    {
      fail_before_journal (g_steal_pointer (&task), PKIO_REVOKE_RESULT_INVALID, error);
      return;
    }
  switch (pkio_history_record_get_revoke_state (record))
    {
    case PKIO_REVOKE_UNKNOWN:
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("It is not known whether CertCentral took the last request "
                                     "to revoke this certificate. Check it first: then it can "
                                     "be asked again if it was not."));
      break;
    case PKIO_REVOKE_SENDING:
    case PKIO_REVOKE_REQUESTED:
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("The revocation of this certificate was already asked for."));
      break;
    case PKIO_REVOKE_NONE:
    default:
      if (!pkio_history_record_can_revoke (record))
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                     _("Only an issued certificate can be revoked."));
      break;
    }
  if (error != NULL)
    {
      fail_before_journal (g_steal_pointer (&task), PKIO_REVOKE_RESULT_INVALID, error);
      return;
    }
  if (client == NULL)
    {
      fail_before_journal (g_steal_pointer (&task), PKIO_REVOKE_RESULT_NOT_SENT,
                           pkio_api_error_new_no_key ());
      return;
    }
  /* Who asks: the key's user, for the timeline (a read, safe to repeat). */
  pkio_client_get_user_async (client, cancellable, user_cb, g_steal_pointer (&task));
}

PkioRevokeResult *
pkio_revoke_sender_send_finish (GAsyncResult *result)
{
  PkioRevokeResult *revoke;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  revoke = g_task_propagate_pointer (G_TASK (result), &error);
  if (revoke == NULL)
    {
      /* Cancelled before anything was written. */
      revoke = g_new0 (PkioRevokeResult, 1);
      revoke->state = PKIO_REVOKE_RESULT_NOT_SENT;
      revoke->error = g_steal_pointer (&error);
    }
  return revoke;
}
