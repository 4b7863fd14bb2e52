/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkio-simulator.h"
#include "pkio-welcome-page.h"
#include "pkio-workspace-private.h"
#include "ui-test-util.h"

/* The keyring when it misbehaves, as the window shows it: no Secret Service on the bus, one
 * that never answers, and a locked keyring whose unlock prompt cannot be answered. Each case
 * runs in a subprocess on a private bus (GDBus and libsecret keep the first bus they saw).
 * The message names what is wrong, nothing hangs, and no key is ever written anywhere. */

#define THE_KEY "keyring-window-test-key-eeeeeeeeeeeeeeeeeeeeeeeeeeeeee"

typedef struct
{
  PkioWorkspace   *workspace;
  PkioWelcomePage *page;
  GtkWindow       *window;
  PkioSimulator   *simulator;
} Shown;

static gboolean
workspace_settled (gpointer workspace)
{
  return pkio_workspace_get_state (workspace) != PKIO_WORKSPACE_STATE_LOADING;
}

static gpointer
page_child (Shown      *shown,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (shown->page), PKIO_TYPE_WELCOME_PAGE, name);
}

/* The real account of a simulator, shown on the welcome page, loaded until it settles. */
static void
show_welcome (Shown *shown,
              guint  keyring_timeout_ms)
{
  g_autoptr(GError) error = NULL;

  shown->simulator = pkio_simulator_new ();
  pkio_simulator_set_api_key (shown->simulator, THE_KEY);
  g_assert_true (pkio_simulator_start (shown->simulator, &error));
  g_setenv ("PKIO_ORDERS_API_URL", pkio_simulator_get_base_url (shown->simulator), TRUE);

  shown->workspace = pkio_workspace_new (NULL, FALSE);
  if (keyring_timeout_ms > 0)
    _pkio_workspace_set_keyring_timeout (shown->workspace, keyring_timeout_ms);
  shown->page = pkio_welcome_page_new ();
  pkio_welcome_page_set_workspace (shown->page, shown->workspace);
  shown->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->page));
  gtk_window_present (shown->window);
  pkio_workspace_load_async (shown->workspace, NULL, NULL, NULL);
  spin_until (workspace_settled, shown->workspace);
}

static gboolean
page_is_idle (gpointer shown)
{
  return gtk_editable_get_editable (page_child (shown, "key_row"));
}

/* Connecting checks the key (CertCentral accepts it), then the keyring refuses it. */
static const char *
connect_anyway (Shown *shown)
{
  gtk_editable_set_text (GTK_EDITABLE (page_child (shown, "key_row")), THE_KEY);
  g_signal_emit_by_name (page_child (shown, "connect_button"), "clicked");
  spin_until (page_is_idle, shown);
  return gtk_label_get_text (page_child (shown, "message_label"));
}

static void
assert_no_key_in (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        assert_no_key_in (path);
      else if (g_file_get_contents (path, &contents, &length, NULL)
               && g_strstr_len (contents, length, THE_KEY) != NULL)
        g_error ("%s holds the API key", path);
    }
}

/* Private dirs for the subprocess, so that a scan sees only what this case wrote. */
static char *
private_home (void)
{
  char *home = g_strdup (g_getenv ("PKIO_TEST_PRIVATE_HOME"));
  g_autofree char *run = g_build_filename (home, "run", NULL);

  g_assert_nonnull (home);
  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", run, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  return home;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
run_in_subprocess (const char *test_path)
{
  g_autofree char *home = NULL;

  if (g_find_program_in_path ("dbus-daemon") == NULL)
    {
      g_test_skip ("dbus-daemon is not installed");
      return;
    }
  home = g_dir_make_tmp ("pkio-keyring-window-XXXXXX", NULL);
  g_setenv ("PKIO_TEST_PRIVATE_HOME", home, TRUE);
  g_test_trap_subprocess (test_path, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  /* A keyring daemon leaves with its bus; give it a moment before its files go. */
  g_usleep (100 * 1000);
  remove_tree (home);
  g_test_trap_assert_passed ();
}

/* Only once the private bus is up: GTK and libadwaita connect to the session bus (settings
 * portal) when they start, and GDBus keeps the first one it saw. */
static char *saved_display;

static void
start_gtk (void)
{
  /* g_test_dbus_up () unsets DISPLAY (against X11 bus autolaunch): the window needs it. */
  if (saved_display != NULL)
    g_setenv ("DISPLAY", saved_display, TRUE);
  /* The private bus has no accessibility bus either. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();
  adw_init ();
}

/* libsecret keeps its connection to the private bus: stop the bus without waiting for it
 * (unref would wait 30 s). The subprocess ends right after. */
static void
leave_bus (GTestDBus *bus)
{
  g_test_dbus_stop (bus);
}

/* ---- no Secret Service ---- */

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *home = private_home ();
      GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      Shown shown = { 0 };
      const char *note;

      g_test_dbus_up (bus);
      start_gtk ();
      show_welcome (&shown, 0);
      g_assert_cmpint (pkio_workspace_get_state (shown.workspace), ==,
                       PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE);
      g_assert_true (gtk_widget_get_visible (page_child (&shown, "keyring_label")));
      note = gtk_label_get_text (page_child (&shown, "keyring_label"));
      if (!expect_dutch ())
        {
          g_assert_nonnull (strstr (note, "GNOME Keyring"));
          g_assert_nonnull (strstr (note, "KeePassXC"));
        }
      g_assert_nonnull (strstr (connect_anyway (&shown), note));
      g_assert_cmpint (pkio_workspace_get_state (shown.workspace), ==,
                       PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE);
      /* Never a file instead. */
      assert_no_key_in (home);
      leave_bus (bus);
      return;
    }
  run_in_subprocess ("/keyring-window/no-service");
}

/* ---- a Secret Service that never answers ---- */

static GDBusMessage *
swallow_method_calls (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
test_never_answers (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *home = private_home ();
      GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GDBusConnection) silent = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GError) error = NULL;
      Shown shown = { 0 };
      gint64 start;

      g_test_dbus_up (bus);
      /* Owns the Secret Service's name, and swallows every call to it. */
      silent = g_dbus_connection_new_for_address_sync (
        g_test_dbus_get_bus_address (bus),
        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
        | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (silent, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                           NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      g_assert_no_error (error);
      g_dbus_connection_add_filter (silent, swallow_method_calls, NULL, NULL);
      start_gtk ();

      start = g_get_monotonic_time ();
      show_welcome (&shown, 1000);
      g_assert_cmpint (pkio_workspace_get_state (shown.workspace), ==,
                       PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE);
      /* Given up after the timeout, not after D-Bus's 25 s. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      g_assert_true (gtk_widget_get_visible (page_child (&shown, "keyring_label")));
      if (!expect_dutch ())
        g_assert_nonnull (strstr (gtk_label_get_text (page_child (&shown, "keyring_label")),
                                  "did not answer within 1 second"));
      /* The window keeps working: the key can still be checked; storing it times out too. */
      connect_anyway (&shown);
      g_assert_true (gtk_widget_get_visible (page_child (&shown, "message_label")));
      assert_no_key_in (home);
      leave_bus (bus);
      return;
    }
  run_in_subprocess ("/keyring-window/never-answers");
}

/* ---- a locked keyring, whose unlock prompt cannot be answered ---- */

static void
lock_login_collection (GTestDBus *bus)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/org/freedesktop/secrets/collection/login" };

  connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(@ao)", g_variant_new_objv (paths, 1)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
result_arrived (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_locked (void)
{
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");

  if (g_test_subprocess ())
    {
      g_autofree char *home = private_home ();
      g_autofree char *services = g_build_filename (home, "services", NULL);
      g_autofree char *service = g_build_filename (services, "org.freedesktop.secrets.service",
                                                   NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioWorkspace) first = NULL;
      GTestDBus *bus;
      Shown shown = { 0 };

      /* A keyring of our own, with no prompter: unlocking it again can never be confirmed. */
      g_assert_cmpint (g_mkdir_with_parents (services, 0700), ==, 0);
      contents = g_strdup_printf ("[D-BUS Service]\nName=org.freedesktop.secrets\n"
                                  "Exec=/bin/sh -c \"unset G_DEBUG; echo -n pw | exec %s "
                                  "--foreground --unlock --components=secrets\"\n", keyring);
      g_assert_true (g_file_set_contents (service, contents, -1, &error));
      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_add_service_dir (bus, services);
      g_test_dbus_up (bus);
      start_gtk ();

      show_welcome (&shown, 5000);
      g_assert_cmpint (pkio_workspace_get_state (shown.workspace), ==,
                       PKIO_WORKSPACE_STATE_NO_KEY);
      /* Connect stores the key; then the keyring is locked. */
      gtk_editable_set_text (GTK_EDITABLE (page_child (&shown, "key_row")), THE_KEY);
      g_signal_emit_by_name (page_child (&shown, "connect_button"), "clicked");
      spin_until (page_is_idle, &shown);
      g_assert_cmpint (pkio_workspace_get_state (shown.workspace), ==,
                       PKIO_WORKSPACE_STATE_READY);
      lock_login_collection (bus);

      /* The next start: the key is there, but locked away. */
      first = g_steal_pointer (&shown.workspace);
      shown.workspace = pkio_workspace_new (NULL, FALSE);
      _pkio_workspace_set_keyring_timeout (shown.workspace, 5000);
      pkio_welcome_page_set_workspace (shown.page, shown.workspace);
      pkio_workspace_load_async (shown.workspace, NULL, result_cb, &result);
      spin_until (result_arrived, &result);
      g_assert_cmpint (pkio_workspace_get_state (shown.workspace), ==,
                       PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE);
      g_assert_true (gtk_widget_get_visible (page_child (&shown, "keyring_label")));
      if (!expect_dutch ())
        g_assert_nonnull (strstr (gtk_label_get_text (page_child (&shown, "keyring_label")),
                                  "locked"));
      /* Connecting again cannot store into the locked keyring (the unlock prompt is never
       * answered): said so, and nothing elsewhere. */
      connect_anyway (&shown);
      g_assert_true (gtk_widget_has_css_class (page_child (&shown, "message_label"), "error"));
      leave_bus (bus);
      return;
    }
  if (keyring == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }
  run_in_subprocess ("/keyring-window/locked");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init_translations ();
  g_test_init (&argc, &argv, NULL);
  saved_display = g_strdup (g_getenv ("DISPLAY"));

  g_test_add_func ("/keyring-window/no-service", test_no_service);
  g_test_add_func ("/keyring-window/never-answers", test_never_answers);
  g_test_add_func ("/keyring-window/locked", test_locked);
  return g_test_run ();
}
