/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pkio-client-private.h"
#include "pkio-json-guard.h"
#include "pkio-order.h"

G_DEFINE_FINAL_TYPE (PkioClient, pkio_client, G_TYPE_OBJECT)

/* One SoupSession per process: connection reuse, one TLS database and one place that sets
 * the User-Agent. Weak, so it goes away with the last client. Main thread only. */
static SoupSession *shared_session;

static guint test_timeout_ms;
static guint test_retry_base_ms;
static PkioRateLimiter *test_limiter;

void
_pkio_client_set_test_defaults (guint            timeout_ms,
                                guint            retry_base_ms,
                                PkioRateLimiter *limiter)
{
  test_timeout_ms = timeout_ms;
  test_retry_base_ms = retry_base_ms;
  g_set_object (&test_limiter, limiter);
}

SoupSession *
_pkio_client_get_shared_session (void)
{
  if (shared_session != NULL)
    return g_object_ref (shared_session);

  shared_session = soup_session_new_with_options ("user-agent", "pkio-orders/" PACKAGE_VERSION,
                                                  NULL);
  g_object_add_weak_pointer (G_OBJECT (shared_session), (gpointer *) &shared_session);
  return shared_session;
}

static void
pkio_client_finalize (GObject *object)
{
  PkioClient *self = PKIO_CLIENT (object);

  if (self->api_key != NULL)
    explicit_bzero (self->api_key, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->limiter);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pkio_client_parent_class)->finalize (object);
}

enum {
  SIGNAL_KEY_ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_pkio_client_key_answered (PkioClient *self,
                           gboolean    accepted)
{
  g_signal_emit (self, signals[SIGNAL_KEY_ANSWERED], 0, accepted);
}

static void
pkio_client_class_init (PkioClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_client_finalize;

  signals[SIGNAL_KEY_ANSWERED] =
    g_signal_new ("key-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
pkio_client_init (PkioClient *self)
{
  self->timeout_ms = test_timeout_ms > 0 ? test_timeout_ms : PKIO_CLIENT_DEFAULT_TIMEOUT_MS;
  self->retry_base_ms = test_retry_base_ms > 0 ? test_retry_base_ms
                                               : PKIO_CLIENT_DEFAULT_RETRY_BASE_MS;
}

static char *
with_trailing_slash (const char *url)
{
  if (g_str_has_suffix (url, "/"))
    return g_strdup (url);
  return g_strconcat (url, "/", NULL);
}

/* PKIO_ORDERS_API_URL is set: an organisation that locked the address (docs/deploying.md)
 * decides where orders go, and the variable must not send them elsewhere. Said once per
 * process, on standard error, so whoever set the variable learns why it has no effect. */
static gboolean
environment_overruled (GSettings *settings)
{
  static gsize warned = 0;

  if (settings == NULL || g_settings_is_writable (settings, "api-base-url"))
    return FALSE;
  if (g_once_init_enter (&warned))
    {
      g_warning (_("PKIO_ORDERS_API_URL is ignored: your organisation has set the API address "
                   "for this computer."));
      g_once_init_leave (&warned, 1);
    }
  return TRUE;
}

char *
pkio_client_resolve_base_url (GSettings *settings)
{
  const char *env = g_getenv ("PKIO_ORDERS_API_URL");
  g_autofree char *from_settings = NULL;

  if (env != NULL && *env != '\0' && !environment_overruled (settings))
    return with_trailing_slash (env);
  if (settings != NULL)
    from_settings = g_settings_get_string (settings, "api-base-url");
  if (from_settings != NULL && *g_strstrip (from_settings) != '\0')
    return with_trailing_slash (from_settings);
  return with_trailing_slash (DEFAULT_API_BASE_URL);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
key_is_sane (const char *key)
{
  if (key == NULL || *key == '\0')
    return FALSE;
  /* A header value: control characters would break (or inject into) the request. */
  for (const char *p = key; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

gboolean
pkio_client_check_base_url (const char  *base_url,
                            GError     **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (base_url != NULL, FALSE);

  url = with_trailing_slash (base_url);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || scheme == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_propagate_error (error, pkio_api_error_new_literal (PKIO_API_ERROR_INSECURE_URL,
                                                           _("The CertCentral address is not a valid https:// web address."),
                                                           NULL));
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_propagate_error (error, pkio_api_error_new_literal (PKIO_API_ERROR_INSECURE_URL,
                                                           _("The CertCentral address must start with https://: an unencrypted connection would expose the API key and your orders."),
                                                           NULL));
      return FALSE;
    }
  return TRUE;
}

PkioClient *
pkio_client_new (const char  *base_url,
                 const char  *api_key,
                 GError     **error)
{
  g_autoptr(PkioClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pkio_client_check_base_url (base_url, error))
    return NULL;
  url = with_trailing_slash (base_url);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (!key_is_sane (api_key))
    {
      g_propagate_error (error, pkio_api_error_new_literal (PKIO_API_ERROR_KEY_REJECTED,
                                                           _("The API key is empty or contains characters an API key cannot have. Paste the key again."),
                                                           NULL));
      return NULL;
    }

  self = g_object_new (PKIO_TYPE_CLIENT, NULL);
  self->base_uri = g_steal_pointer (&uri);
  self->base_url = g_steal_pointer (&url);
  self->api_key = g_strdup (api_key);
  self->session = _pkio_client_get_shared_session ();
  self->limiter = g_object_ref (test_limiter != NULL ? test_limiter
                                                    : pkio_rate_limiter_get_default ());
  return g_steal_pointer (&self);
}

const char *
pkio_client_get_base_url (PkioClient *self)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
pkio_client_set_timeout (PkioClient *self,
                         guint       timeout_ms)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));

  self->timeout_ms = MAX (timeout_ms, 1);
}

void
pkio_client_set_retry_base_delay (PkioClient *self,
                                  guint       delay_ms)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));

  self->retry_base_ms = MIN (delay_ms, 60000);
}

void
pkio_client_set_rate_limiter (PkioClient      *self,
                              PkioRateLimiter *limiter)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (PKIO_IS_RATE_LIMITER (limiter));

  g_set_object (&self->limiter, limiter);
}

PkioOrderAnswer *
pkio_order_answer_new (void)
{
  PkioOrderAnswer *answer = g_new0 (PkioOrderAnswer, 1);

  answer->request_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return answer;
}

void
pkio_order_answer_free (PkioOrderAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_pointer (&answer->request_ids, g_array_unref);
  g_free (answer);
}

/* ---- place order ------------------------------------------------------------------------ */

PkioOrderAnswer *
pkio_order_answer_from_json (JsonNode  *root,
                             GError   **error)
{
  g_autoptr(PkioOrderAnswer) answer = pkio_order_answer_new ();
  JsonObject *object;
  JsonNode *requests;

  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || (answer->order_id = pkio_json_guard_int_or_zero (object, "id")) <= 0)
    {
      /* A 2xx means the order was most likely placed: an answer without an id is not a
       * failure the person may simply retry. */
      g_propagate_error (error, pkio_api_error_new_literal (PKIO_API_ERROR_OUTCOME_UNKNOWN,
                                                            _("CertCentral answered without an order number, so it is not known whether your order was placed. Check the order history before ordering again."),
                                                            NULL));
      return NULL;
    }
  answer->certificate_id = MAX (pkio_json_guard_int_or_zero (object, "certificate_id"), 0);

  requests = json_object_get_member (object, "requests");
  if (requests != NULL && JSON_NODE_HOLDS_ARRAY (requests))
    {
      JsonArray *array = json_node_get_array (requests);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 id;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          id = pkio_json_guard_int_or_zero (json_node_get_object (element), "id");
          if (id > 0)
            g_array_append_val (answer->request_ids, id);
        }
    }
  return g_steal_pointer (&answer);
}

static void
place_order_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  g_autoptr(PkioOrderAnswer) answer = NULL;

  if (root == NULL && error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  answer = pkio_order_answer_from_json (root, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify) pkio_order_answer_free);
}

void
pkio_client_place_order_async (PkioClient          *self,
                               JsonNode            *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_place_order_async);
  g_task_set_check_cancellable (task, FALSE);
  _pkio_client_request_async (self, "POST", "order/certificate/" PKIO_PRODUCT_NAME_ID, body,
                              PKIO_REQUEST_ORDER_POST, cancellable, place_order_cb,
                              g_steal_pointer (&task));
}

PkioOrderAnswer *
pkio_client_place_order_finish (PkioClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
