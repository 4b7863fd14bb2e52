/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-api-error.h"
#include "pkio-json-guard.h"

/* An extended error domain (GLib 2.68), so the errors[] entries are copied and freed with the
 * GError itself, including through GTask and g_error_copy. */
typedef struct
{
  GPtrArray *entries;
} PkioApiErrorPrivate;

static void
pkio_api_error_private_init (PkioApiErrorPrivate *priv)
{
  priv->entries = NULL;
}

static void
pkio_api_error_private_copy (const PkioApiErrorPrivate *src,
                             PkioApiErrorPrivate       *dest)
{
  dest->entries = NULL;
  if (src->entries != NULL)
    dest->entries = g_ptr_array_copy (src->entries, (GCopyFunc) pkio_api_error_entry_copy, NULL);
  if (dest->entries != NULL)
    g_ptr_array_set_free_func (dest->entries, (GDestroyNotify) pkio_api_error_entry_free);
}

static void
pkio_api_error_private_clear (PkioApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->entries, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (PkioApiError, pkio_api_error)

PkioApiErrorEntry *
pkio_api_error_entry_new (const char *code,
                          const char *field,
                          const char *message)
{
  PkioApiErrorEntry *entry = g_new0 (PkioApiErrorEntry, 1);

  if (code != NULL)
    {
      const char *bar = strchr (code, '|');

      if (bar != NULL)
        {
          entry->code = g_strndup (code, bar - code);
          entry->code_detail = g_strdup (bar + 1);
        }
      else
        entry->code = g_strdup (code);
    }
  entry->field = g_strdup (field);
  entry->message = g_strdup (message);
  return entry;
}

PkioApiErrorEntry *
pkio_api_error_entry_copy (const PkioApiErrorEntry *entry)
{
  PkioApiErrorEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (PkioApiErrorEntry, 1);
  copy->code = g_strdup (entry->code);
  copy->code_detail = g_strdup (entry->code_detail);
  copy->field = g_strdup (entry->field);
  copy->message = g_strdup (entry->message);
  return copy;
}

void
pkio_api_error_entry_free (PkioApiErrorEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->code);
  g_free (entry->code_detail);
  g_free (entry->field);
  g_free (entry->message);
  g_free (entry);
}

GPtrArray *
pkio_api_error_get_entries (const GError *error)
{
  PkioApiErrorPrivate *priv;

  if (error == NULL || error->domain != PKIO_API_ERROR)
    return NULL;
  priv = pkio_api_error_get_private (error);
  if (priv->entries == NULL || priv->entries->len == 0)
    return NULL;
  return priv->entries;
}

GPtrArray *
pkio_api_error_parse_entries (JsonNode *root)
{
  JsonNode *errors;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return pkio_api_error_parse_entry_array (NULL);
  errors = json_object_get_member (json_node_get_object (root), "errors");
  return pkio_api_error_parse_entry_array (errors);
}

GPtrArray *
pkio_api_error_parse_entry_array (JsonNode *node)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_api_error_entry_free);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return entries;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *code;
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      code = pkio_json_guard_string_or_null (object, "code");
      message = pkio_json_guard_string_or_null (object, "message");
      if (code == NULL && message == NULL)
        continue;
      g_ptr_array_add (entries,
                       pkio_api_error_entry_new (code, pkio_json_guard_string_or_null (object, "field"), message));
    }
  return entries;
}

GError *
pkio_api_error_new_literal (PkioApiError  code,
                            const char   *message,
                            GPtrArray    *entries)
{
  GError *error = g_error_new_literal (PKIO_API_ERROR, code, message);

  if (entries != NULL && entries->len > 0)
    {
      PkioApiErrorPrivate *priv = pkio_api_error_get_private (error);

      priv->entries = g_ptr_array_copy (entries, (GCopyFunc) pkio_api_error_entry_copy, NULL);
      g_ptr_array_set_free_func (priv->entries, (GDestroyNotify) pkio_api_error_entry_free);
    }
  return error;
}

GError *
pkio_api_error_new_no_key (void)
{
  return g_error_new_literal (PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED,
                              _("No API key is stored for this CertCentral account. Connect "
                                "the account first (in the window, or with “pkio-orders "
                                "set-api-key”)."));
}

GError *
pkio_api_error_new_for_status (guint      status,
                               gboolean   places_order,
                               GPtrArray *entries)
{
  PkioApiError code;
  const char *text;
  g_autoptr(GString) message = NULL;

  if (status == 400 || status == 422 || (status >= 405 && status < 500
                                         && status != 429 && status != 408))
    {
      code = PKIO_API_ERROR_INVALID_INPUT;
      text = places_order
        ? _("CertCentral refused the order; it was not placed. Correct what it names and send it again.")
        : _("CertCentral refused the request as invalid.");
    }
  else if (status == 401)
    {
      /* Any 401, whatever its code (docs/decisions.md#errors-and-the-key). Each front end
       * adds how to replace the key there. */
      code = PKIO_API_ERROR_KEY_REJECTED;
      text = places_order
        ? _("CertCentral no longer accepts this API key, so the order was not placed. The key may have been revoked or have expired.")
        : _("CertCentral no longer accepts this API key. It may have been revoked or have expired.");
    }
  else if (status == 403)
    {
      /* This one call: the key itself is fine (it may still read, say). */
      code = PKIO_API_ERROR_FORBIDDEN;
      text = places_order
        ? _("This API key may not place orders, so the order was not placed: its role in CertCentral does not allow it. Ask your CertCentral administrator for a key with the role “Orders”.")
        : _("This API key may not do this: its role in CertCentral does not allow it. Ask your CertCentral administrator for a key whose role does.");
    }
  else if (status == 404)
    {
      code = PKIO_API_ERROR_NOT_FOUND;
      text = _("CertCentral could not find what was asked for.");
    }
  else if (status == 429)
    {
      code = PKIO_API_ERROR_RATE_LIMITED;
      text = places_order
        ? _("CertCentral is receiving too many requests; the order was not placed. Wait a minute and try again.")
        : _("CertCentral is receiving too many requests. Wait a minute and try again.");
    }
  else if (status == 408)
    {
      code = places_order ? PKIO_API_ERROR_OUTCOME_UNKNOWN : PKIO_API_ERROR_TIMEOUT;
      text = places_order
        ? _("CertCentral did not answer in time. Your order may or may not have been placed: check the order list before ordering again.")
        : _("CertCentral did not answer in time. Try again later.");
    }
  else if (places_order)
    {
      code = PKIO_API_ERROR_OUTCOME_UNKNOWN;
      text = _("CertCentral had a problem while handling the order. Your order may or may not have been placed: check the order list before ordering again.");
    }
  else
    {
      code = PKIO_API_ERROR_SERVER_ERROR;
      text = _("CertCentral has a problem at the moment. Try again later.");
    }

  message = g_string_new (text);
  if (entries != NULL)
    for (guint i = 0; i < entries->len; i++)
      {
        PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);

        if (entry->message != NULL && *entry->message != '\0')
          g_string_append_printf (message, "\n%s", entry->message);
      }
  return pkio_api_error_new_literal (code, message->str, entries);
}

const char *
pkio_api_error_code_to_string (PkioApiError code)
{
  switch (code)
    {
    case PKIO_API_ERROR_INVALID_INPUT: return "invalid-input";
    case PKIO_API_ERROR_KEY_REJECTED: return "key-rejected";
    case PKIO_API_ERROR_FORBIDDEN: return "forbidden";
    case PKIO_API_ERROR_NOT_FOUND: return "not-found";
    case PKIO_API_ERROR_RATE_LIMITED: return "rate-limited";
    case PKIO_API_ERROR_SERVER_ERROR: return "server-error";
    case PKIO_API_ERROR_NETWORK: return "network";
    case PKIO_API_ERROR_TIMEOUT: return "timeout";
    case PKIO_API_ERROR_OUTCOME_UNKNOWN: return "outcome-unknown";
    case PKIO_API_ERROR_BAD_ANSWER: return "bad-answer";
    case PKIO_API_ERROR_INSECURE_URL: return "insecure-url";
    default: return "unknown";
    }
}

PkioErrorMeaning
pkio_api_error_get_meaning (const GError *error)
{
  if (error == NULL || error->domain != PKIO_API_ERROR)
    return PKIO_ERROR_MEANING_FAILED;

  switch ((PkioApiError) error->code)
    {
    case PKIO_API_ERROR_INVALID_INPUT:
      return PKIO_ERROR_MEANING_REJECTED;
    case PKIO_API_ERROR_KEY_REJECTED:
      return PKIO_ERROR_MEANING_FIX_KEY;
    case PKIO_API_ERROR_FORBIDDEN:
      return PKIO_ERROR_MEANING_NOT_ALLOWED;
    case PKIO_API_ERROR_OUTCOME_UNKNOWN:
      return PKIO_ERROR_MEANING_UNKNOWN;
    case PKIO_API_ERROR_RATE_LIMITED:
    case PKIO_API_ERROR_SERVER_ERROR:
    case PKIO_API_ERROR_NETWORK:
    case PKIO_API_ERROR_TIMEOUT:
      return PKIO_ERROR_MEANING_RETRY_LATER;
    case PKIO_API_ERROR_NOT_FOUND:
    case PKIO_API_ERROR_BAD_ANSWER:
    case PKIO_API_ERROR_INSECURE_URL:
    default:
      return PKIO_ERROR_MEANING_FAILED;
    }
}

gboolean
pkio_api_error_is_not_placed (const GError *error)
{
  if (error == NULL || error->domain != PKIO_API_ERROR)
    return FALSE;

  switch ((PkioApiError) error->code)
    {
    case PKIO_API_ERROR_INVALID_INPUT:
    case PKIO_API_ERROR_KEY_REJECTED:
    case PKIO_API_ERROR_FORBIDDEN:
    case PKIO_API_ERROR_NOT_FOUND:
    case PKIO_API_ERROR_RATE_LIMITED:
    case PKIO_API_ERROR_NETWORK:
    case PKIO_API_ERROR_INSECURE_URL:
      return TRUE;
    case PKIO_API_ERROR_SERVER_ERROR:
    case PKIO_API_ERROR_TIMEOUT:
    case PKIO_API_ERROR_OUTCOME_UNKNOWN:
    case PKIO_API_ERROR_BAD_ANSWER:
    default:
      return FALSE;
    }
}
