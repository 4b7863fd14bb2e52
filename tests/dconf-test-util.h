/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Settings an organisation sets and locks, as docs/deploying.md tells administrators to, but
 * without root: the keyfile and its locks are compiled with `dconf compile` into a database
 * file, and a profile names it with "file-db:" after a user database of its own. A process
 * started with DCONF_PROFILE=<profile> and GSETTINGS_BACKEND=dconf reads them; writes go to the
 * user database through the session bus's dconf service, never to the organisation's file.
 * These tests cannot use GSETTINGS_BACKEND=memory, which knows no locks. */

/* The path of the app's settings in dconf, e.g. "/io/github/pkioorders/PkioOrders/" (the
 * development build has its own). */
const char *dconf_test_schema_path   (void);

/* Writes @keyfile (the text of a file in /etc/dconf/db/local.d/, "[group]" and "key=value"
 * lines; "@PATH@" stands for the schema path without its slashes at both ends) and @locks (keys
 * relative to the schema path, one a line, or NULL) into a new folder under @dir, compiles them
 * and returns the path of a profile for DCONF_PROFILE. Fails the test when `dconf compile`
 * fails; skips it (returns NULL) when dconf-cli is not installed. */
char       *dconf_test_make_profile  (const char *dir,
                                      const char *keyfile,
                                      const char *locks);

/* What the person's own database of @profile holds for @key (relative to the schema path), as
 * `dconf read` prints it, without its newline; "" when it holds nothing. @config_home: the
 * session bus's XDG_CONFIG_HOME, where the dconf service writes it (NULL: this process's). */
char       *dconf_test_user_value    (const char *profile,
                                      const char *config_home,
                                      const char *key);

G_END_DECLS
