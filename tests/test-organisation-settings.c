/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-client.h"
#include "pkio-settings.h"

#include "cli-test-util.h"
#include "dconf-test-util.h"

/* Settings an organisation sets and locks (docs/deploying.md), with a real dconf database made
 * the way an administrator makes one, minus root (dconf-test-util.h), read through the dconf
 * GSettings backend. A process reads one dconf profile for its life, so each profile is tried
 * in a subprocess of its own (g_test_trap_subprocess) or in a run of pkio-orders. */

#define ORG_URL "https://proxy.example.org/services/v2/"

static char *tmpdir;
/* Where the session bus's dconf service keeps user databases (cli_test_set_up () points
 * XDG_CONFIG_HOME of the commands elsewhere; this process keeps the first one). */
static char *config_home;

/* The organisation's usual choice: its proxy, no practice mode; a language as a default the
 * person may change (English, which the commands below then speak). */
static const char *ORG_KEYFILE =
  "[@PATH@]\n"
  "api-base-url='" ORG_URL "'\n"
  "practice-mode-allowed=false\n"
  "language='en'\n";
static const char *ORG_LOCKS = "api-base-url\npractice-mode-allowed\n";

static char *
org_profile (const char *locks)
{
  return dconf_test_make_profile (tmpdir, ORG_KEYFILE, locks);
}

static void
use_profile (const char *profile)
{
  g_setenv ("DCONF_PROFILE", profile, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "dconf", TRUE);
}

/* ---- in this process: the settings as the app reads them ---- */

static void
test_locked_keys (void)
{
  g_autofree char *profile = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();
      g_autofree char *url = NULL;
      g_autofree char *language = NULL;

      g_assert_nonnull (settings);
      url = g_settings_get_string (settings, "api-base-url");
      g_assert_cmpstr (url, ==, ORG_URL);
      g_assert_false (g_settings_is_writable (settings, "api-base-url"));
      g_assert_false (g_settings_is_writable (settings, "practice-mode-allowed"));
      g_assert_false (pkio_settings_practice_allowed (settings));

      /* A default without a lock: the person's own choice wins, and is stored. */
      language = g_settings_get_string (settings, "language");
      g_assert_cmpstr (language, ==, "en");
      g_assert_true (g_settings_is_writable (settings, "language"));
      g_assert_true (g_settings_set_string (settings, "language", "nl"));

      /* A locked key is refused, and keeps the organisation's value. */
      g_assert_false (g_settings_set_string (settings, "api-base-url", "https://elsewhere.test/"));
      g_assert_false (g_settings_set_boolean (settings, "practice-mode-allowed", TRUE));
      g_settings_sync ();
      g_clear_pointer (&url, g_free);
      url = g_settings_get_string (settings, "api-base-url");
      g_assert_cmpstr (url, ==, ORG_URL);
      g_assert_false (pkio_settings_practice_allowed (settings));
      return;
    }

  profile = org_profile (ORG_LOCKS);
  if (profile == NULL)
    return;
  use_profile (profile);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The user database got the unlocked choice (so writing works at all), never a locked key. */
  {
    g_autofree char *language = dconf_test_user_value (profile, config_home, "language");
    g_autofree char *url = dconf_test_user_value (profile, config_home, "api-base-url");
    g_autofree char *practice = dconf_test_user_value (profile, config_home,
                                                       "practice-mode-allowed");

    g_assert_cmpstr (language, ==, "'nl'");
    g_assert_cmpstr (url, ==, "");
    g_assert_cmpstr (practice, ==, "");
  }
}

/* The organisation's lock wins over PKIO_ORDERS_API_URL, with a warning, once. */
static void
test_environment_overruled (void)
{
  g_autofree char *profile = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      /* The warning is what this checks: it must not end the process. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_setenv ("PKIO_ORDERS_API_URL", "http://127.0.0.1:9/services/v2/", TRUE);
      first = pkio_client_resolve_base_url (settings);
      second = pkio_client_resolve_base_url (settings);
      g_assert_cmpstr (first, ==, ORG_URL);
      g_assert_cmpstr (second, ==, ORG_URL);
      return;
    }

  profile = org_profile (ORG_LOCKS);
  if (profile == NULL)
    return;
  use_profile (profile);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*PKIO_ORDERS_API_URL is ignored: your organisation has set the "
                             "API address*");
  g_test_trap_assert_stderr_unmatched ("*is ignored*is ignored*");
}

/* The same value without a lock is a default: the variable still wins, silently. */
static void
test_environment_when_unlocked (void)
{
  g_autofree char *profile = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();
      g_autofree char *url = NULL;

      g_setenv ("PKIO_ORDERS_API_URL", "http://127.0.0.1:9/services/v2/", TRUE);
      g_assert_true (g_settings_is_writable (settings, "api-base-url"));
      url = pkio_client_resolve_base_url (settings);
      g_assert_cmpstr (url, ==, "http://127.0.0.1:9/services/v2/");
      g_assert_true (pkio_settings_practice_allowed (settings));
      return;
    }

  profile = dconf_test_make_profile (tmpdir, "[@PATH@]\napi-base-url='" ORG_URL "'\n", NULL);
  if (profile == NULL)
    return;
  use_profile (profile);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*is ignored*");
}

/* Every key of the schema, whatever it is, can be given a value and locked the same way: no
 * setting needs code of its own to be lockable (a new one is covered by this test at once). */
static void
test_every_key_lockable (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, APPLICATION_ID,
                                                                       TRUE);
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);
  g_autoptr(GString) keyfile = g_string_new ("[@PATH@]\n");
  g_autoptr(GString) locks = g_string_new (NULL);
  g_autofree char *profile = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();

      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
          g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (key);
          g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);

          if (g_settings_is_writable (settings, keys[i]))
            g_error ("%s is not locked", keys[i]);
          g_assert_true (g_variant_equal (value, fallback));
        }
      g_assert_true (keys[0] != NULL);
      return;
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (key);
      g_autofree char *text = g_variant_print (fallback, TRUE);

      g_string_append_printf (keyfile, "%s=%s\n", keys[i], text);
      g_string_append_printf (locks, "%s\n", keys[i]);
    }
  profile = dconf_test_make_profile (tmpdir, keyfile->str, locks->str);
  if (profile == NULL)
    return;
  use_profile (profile);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ---- the command line ---- */

static void
assert_practice_refused (const char *profile,
                         const char *arg1,
                         const char *arg2)
{
  g_autofree char *env_profile = g_strconcat ("DCONF_PROFILE=", profile, NULL);
  const char *env[] = { env_profile, "GSETTINGS_BACKEND=dconf", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_full (NULL, env, &out, &err, arg1, arg2, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Practice mode is turned off by your organisation"));
  /* Refused before anything else: no practice banner, no history. */
  g_assert_null (strstr (err, "no real orders"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_cli_practice_refused (void)
{
  g_autofree char *profile = org_profile (ORG_LOCKS);

  if (profile == NULL)
    return;
  assert_practice_refused (profile, "--practice", "history");
  assert_practice_refused (profile, "history", "--practice");
  assert_practice_refused (profile, "order", "--practice");
  assert_practice_refused (profile, "expiring", "--practice");
  /* The window's option too: it says why and ends before any window would open. */
  assert_practice_refused (profile, "--practice", NULL);
}

/* The locked address is used by the commands, whatever PKIO_ORDERS_API_URL says: here a
 * remote plain-http address, which the app refuses by name, while the variable points at a
 * working simulator. */
static void
test_cli_locked_address (void)
{
  g_autofree char *profile = dconf_test_make_profile (
    tmpdir, "[@PATH@]\napi-base-url='http://example.com/services/v2/'\n", "api-base-url\n");
  g_autofree char *env_profile = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (profile == NULL)
    return;
  env_profile = g_strconcat ("DCONF_PROFILE=", profile, NULL);
  {
    /* fatal-warnings off: the warning is part of what a person sees here. */
    const char *env[] = { env_profile, "GSETTINGS_BACKEND=dconf", "G_DEBUG=gc-friendly", NULL };

    g_assert_nonnull (g_getenv ("PKIO_ORDERS_API_URL"));
    g_assert_cmpint (run_cli_full (NULL, env, &out, &err, "history", NULL), ==, 1);
  }
  g_assert_nonnull (strstr (err, "PKIO_ORDERS_API_URL is ignored"));
  g_assert_nonnull (strstr (err, "must start with https://"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Before cli_test_set_up () moves it: the dconf service writes user databases there. */
  config_home = g_strdup (g_get_user_config_dir ());
  if (!g_test_subprocess ())
    {
      cli_test_set_up ();
      tmpdir = g_build_filename (cli.tmpdir, "organisation", NULL);
    }

  g_test_add_func ("/organisation/locked-keys", test_locked_keys);
  g_test_add_func ("/organisation/environment-overruled", test_environment_overruled);
  g_test_add_func ("/organisation/environment-when-unlocked", test_environment_when_unlocked);
  g_test_add_func ("/organisation/every-key-lockable", test_every_key_lockable);
  g_test_add_func ("/organisation/cli-practice-refused", test_cli_practice_refused);
  g_test_add_func ("/organisation/cli-locked-address", test_cli_locked_address);

  status = g_test_run ();
  if (!g_test_subprocess ())
    cli_test_tear_down ();
  return status;
}
