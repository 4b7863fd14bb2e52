/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pkio-credentials.h"

#define URL_A "http://127.0.0.1:1/pkio-credentials-test-a/"
#define URL_B "http://127.0.0.1:1/pkio-credentials-test-b/"

static void
test_schema (void)
{
  const SecretSchema *schema = pkio_credentials_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.pkioorders.PkioOrders.ApiKey");
  g_assert_cmpstr (schema->attributes[0].name, ==, "api-url");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[1].name);
}

static void
assert_maps_to (GError *error,
                GQuark  domain,
                int     code)
{
  g_autoptr(GError) mapped = pkio_credentials_map_error (error);

  g_assert_error (mapped, domain, code);
  g_assert_nonnull (mapped->message);
  g_error_free (error);
}

static void
test_error_mapping (void)
{
  g_autoptr(GError) no_service = NULL;
  g_autoptr(GError) dbus_error = NULL;

  /* map_error copies: the caller keeps (and frees) the error it maps. */
  dbus_error = g_dbus_error_new_for_dbus_error ("org.freedesktop.DBus.Error.ServiceUnknown",
                                                "The name org.freedesktop.secrets was not "
                                                "provided");
  no_service = pkio_credentials_map_error (dbus_error);
  g_assert_error (no_service, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE);
  g_assert_nonnull (strstr (no_service->message, "No keyring service is running"));

  assert_maps_to (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "x"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE);
  assert_maps_to (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER, "x"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE);
  assert_maps_to (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                       "Cannot autolaunch D-Bus without X11 $DISPLAY"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE);
  assert_maps_to (g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "locked"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED);
  assert_maps_to (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_FAILED,
                                       "Cannot create an item in a locked collection"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED);
  assert_maps_to (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                       "Object does not exist at path "
                                       "“/org/freedesktop/secrets/collection/login”"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED);
  assert_maps_to (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"),
                  G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_maps_to (g_error_new_literal (SECRET_ERROR, SECRET_ERROR_PROTOCOL, "garbage"),
                  PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_FAILED);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static char *
lookup (const char *url, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_lookup_async (url, NULL, got_result_cb, &result);
  return pkio_credentials_lookup_finish (wait_result (&result), error);
}

static gboolean
store (const char *url, const char *key, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_store_async (url, key, NULL, got_result_cb, &result);
  return pkio_credentials_store_finish (wait_result (&result), error);
}

static gboolean
clear (const char *url, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_clear_async (url, NULL, got_result_cb, &result);
  return pkio_credentials_clear_finish (wait_result (&result), error);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  char *key;

  /* Without a session bus GDBus would try to autolaunch one outside the test's sandbox. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && g_getenv ("SECRET_BACKEND") == NULL)
    {
      g_test_skip ("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset): run under "
                   "dbus-run-session with an unlocked gnome-keyring-daemon");
      return;
    }

  if (!clear (URL_A, &error))
    {
      if (g_error_matches (error, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE))
        {
          g_test_skip ("No Secret Service on the session bus: start gnome-keyring-daemon "
                       "--unlock --components=secrets");
          return;
        }
      g_assert_no_error (error);
    }
  g_assert_true (clear (URL_B, &error));
  g_assert_no_error (error);

  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  g_assert_true (store (URL_A, "secret-key-a", &error));
  g_assert_no_error (error);
  g_assert_true (store (URL_B, "secret-key-b", &error));
  g_assert_no_error (error);

  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "secret-key-a");
  pkio_credentials_free_key (key);

  /* Storing again replaces, never duplicates. */
  g_assert_true (store (URL_A, "secret-key-a2", &error));
  g_assert_no_error (error);
  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "secret-key-a2");
  pkio_credentials_free_key (key);

  g_assert_true (clear (URL_A, &error));
  g_assert_no_error (error);
  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  /* The other URL's key is untouched. */
  key = lookup (URL_B, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "secret-key-b");
  pkio_credentials_free_key (key);
  g_assert_true (clear (URL_B, &error));
  g_assert_no_error (error);

  /* Clearing what is not there is fine. */
  g_assert_true (clear (URL_B, &error));
  g_assert_no_error (error);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && g_getenv ("SECRET_BACKEND") == NULL)
    {
      g_test_skip ("No D-Bus session bus");
      return;
    }
  g_cancellable_cancel (cancellable);
  pkio_credentials_lookup_async (URL_A, cancellable, got_result_cb, &result);
  key = pkio_credentials_lookup_finish (wait_result (&result), &error);
  g_assert_null (key);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A private bus that has no Secret Service: the real "no keyring" error, end to end. Runs in a
 * subprocess because GDBus and libsecret keep the first session bus they saw. */
/* volatile: a store the compiler may not drop, although nothing reads it. */
static GTestDBus *volatile kept_bus;

static void
test_no_service (void)
{
  g_autofree char *daemon = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GError) error = NULL;
      char *key;

      g_test_dbus_up (bus);
      key = lookup (URL_A, &error);
      g_assert_null (key);
      g_assert_error (error, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE);
      g_clear_error (&error);
      g_assert_false (store (URL_A, "secret-key-a", &error));
      g_assert_error (error, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_NO_SERVICE);
      /* libsecret keeps the bus connection alive: stop without waiting for it to go (unref
       * would g_test_dbus_down and wait 30 s). The subprocess ends right here; the object is
       * kept in a static so that leak checkers see it is kept on purpose. */
      g_test_dbus_stop (bus);
      kept_bus = g_steal_pointer (&bus);
      return;
    }

  daemon = g_find_program_in_path ("dbus-daemon");
  if (daemon == NULL)
    {
      g_test_skip ("dbus-daemon is not installed");
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
lock_login_collection (GTestDBus *bus)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/org/freedesktop/secrets/collection/login" };

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(@ao)", g_variant_new_objv (paths, 1)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

/* A private bus whose Secret Service is a gnome-keyring-daemon of our own (unlocked with a
 * throwaway password, in a temp HOME), so the keyring can be locked without disturbing any
 * other test: lookup then reports LOCKED instead of libsecret's silent NULL. */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static void
test_locked (void)
{
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *home = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      const char *tmp_home = g_getenv ("PKIO_TEST_KEYRING_HOME");
      g_autofree char *run = g_build_filename (tmp_home, "run", NULL);
      g_autofree char *services = g_build_filename (tmp_home, "services", NULL);
      g_autofree char *service = g_build_filename (services, "org.freedesktop.secrets.service",
                                                   NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GTestDBus) bus = NULL;
      char *key;

      g_assert_nonnull (tmp_home);
      g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (services, 0700), ==, 0);
      contents = g_strdup_printf ("[D-BUS Service]\nName=org.freedesktop.secrets\n"
                                  "Exec=/bin/sh -c \"unset G_DEBUG; echo -n pw | exec %s --foreground --unlock "
                                  "--components=secrets\"\n", keyring);
      g_assert_true (g_file_set_contents (service, contents, -1, &error));
      g_setenv ("HOME", tmp_home, TRUE);
      g_setenv ("XDG_RUNTIME_DIR", run, TRUE);
      g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);
      g_setenv ("XDG_CONFIG_HOME", tmp_home, TRUE);
      g_setenv ("XDG_CACHE_HOME", tmp_home, TRUE);

      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_add_service_dir (bus, services);
      g_test_dbus_up (bus);

      g_assert_true (store (URL_A, "secret-key-a", &error));
      g_assert_no_error (error);
      key = lookup (URL_A, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, "secret-key-a");
      pkio_credentials_free_key (key);

      lock_login_collection (bus);
      key = lookup (URL_A, &error);
      g_assert_null (key);
      g_assert_error (error, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED);
      g_clear_error (&error);
      /* Nothing stored for this one: still "none", not "locked". */
      key = lookup (URL_B, &error);
      g_assert_no_error (error);
      g_assert_null (key);
      g_assert_false (store (URL_B, "secret-key-b", &error));
      g_assert_error (error, PKIO_CREDENTIALS_ERROR, PKIO_CREDENTIALS_ERROR_LOCKED);

      /* libsecret keeps the bus connection alive: stop without waiting for it to go (unref
       * would g_test_dbus_down and wait 30 s). The subprocess ends right here; the object is
       * kept in a static so that leak checkers see it is kept on purpose. */
      g_test_dbus_stop (bus);
      kept_bus = g_steal_pointer (&bus);
      return;
    }

  if (keyring == NULL || daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon or dbus-daemon is not installed");
      return;
    }
  home = g_dir_make_tmp ("pkio-keyring-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("PKIO_TEST_KEYRING_HOME", home, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  /* The daemon leaves with its bus; give it a moment before its files go. */
  g_usleep (100 * 1000);
  remove_tree (home);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/schema", test_schema);
  g_test_add_func ("/credentials/error-mapping", test_error_mapping);
  g_test_add_func ("/credentials/round-trip", test_round_trip);
  g_test_add_func ("/credentials/cancelled", test_cancelled);
  g_test_add_func ("/credentials/no-service", test_no_service);
  g_test_add_func ("/credentials/locked", test_locked);

  return g_test_run ();
}
