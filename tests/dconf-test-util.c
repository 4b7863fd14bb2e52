/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dconf-test-util.h"

const char *
dconf_test_schema_path (void)
{
  static char *path;

  if (path == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      g_assert_nonnull (source);
      schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
      g_assert_nonnull (schema);
      path = g_strdup (g_settings_schema_get_path (schema));
    }
  return path;
}

static void
write_or_fail (const char *path,
               const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
replace_path (const char *text)
{
  g_autofree char *group = g_strndup (dconf_test_schema_path () + 1,
                                      strlen (dconf_test_schema_path ()) - 2);
  g_auto(GStrv) parts = g_strsplit (text, "@PATH@", -1);

  return g_strjoinv (group, parts);
}

char *
dconf_test_make_profile (const char *dir,
                         const char *keyfile,
                         const char *locks)
{
  static guint count;
  g_autofree char *dconf = g_find_program_in_path ("dconf");
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  g_autofree char *keyfile_dir = NULL;
  g_autofree char *locks_dir = NULL;
  g_autofree char *database = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_text = NULL;
  g_autofree char *keyfile_text = replace_path (keyfile);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dconf == NULL)
    {
      g_test_skip ("dconf is not installed (Debian: dconf-cli)");
      return NULL;
    }

  /* The user database's name is part of a D-Bus object path: letters and digits only. */
  name = g_strdup_printf ("pkiotest%d%u", (int) getpid (), count++);
  base = g_build_filename (dir, name, NULL);
  keyfile_dir = g_build_filename (base, "local.d", NULL);
  locks_dir = g_build_filename (keyfile_dir, "locks", NULL);
  g_assert_cmpint (g_mkdir_with_parents (locks_dir, 0700), ==, 0);
  {
    g_autofree char *path = g_build_filename (keyfile_dir, "00-organisation", NULL);

    write_or_fail (path, keyfile_text);
  }
  if (locks != NULL)
    {
      g_auto(GStrv) keys = g_strsplit (locks, "\n", -1);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *path = g_build_filename (locks_dir, "00-organisation", NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        if (*keys[i] != '\0')
          g_string_append_printf (text, "%s%s\n", dconf_test_schema_path (), keys[i]);
      write_or_fail (path, text->str);
    }

  database = g_build_filename (base, "organisation", NULL);
  {
    const char *argv[] = { dconf, "compile", database, keyfile_dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("dconf compile failed: %s%s", out, err);
  }

  profile = g_build_filename (base, "profile", NULL);
  profile_text = g_strdup_printf ("user-db:%s\nfile-db:%s\n", name, database);
  write_or_fail (profile, profile_text);
  return g_steal_pointer (&profile);
}

char *
dconf_test_user_value (const char *profile,
                       const char *config_home,
                       const char *key)
{
  g_autofree char *dconf = g_find_program_in_path ("dconf");
  g_autofree char *text = NULL;
  g_autofree char *user_profile = g_strconcat (profile, "-user-only", NULL);
  g_autofree char *user_line = NULL;
  g_autofree char *path = g_strconcat (dconf_test_schema_path (), key, NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { dconf, "read", path, NULL };
  int status = 0;

  g_assert_nonnull (dconf);
  /* The same user database, alone: what the organisation's file says is left out. */
  g_file_get_contents (profile, &text, NULL, &error);
  g_assert_no_error (error);
  user_line = g_strndup (text, strcspn (text, "\n"));
  g_assert_true (g_str_has_prefix (user_line, "user-db:"));
  {
    g_autofree char *contents = g_strconcat (user_line, "\n", NULL);

    write_or_fail (user_profile, contents);
  }
  env = g_environ_setenv (env, "DCONF_PROFILE", user_profile, TRUE);
  if (config_home != NULL)
    env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (g_steal_pointer (&out));
}
