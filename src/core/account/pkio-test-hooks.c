/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "pkio-test-hooks-private.h"

#if PKIO_TEST_HOOKS
void
_pkio_test_crash_point (const char *point)
{
  static guint times_reached;
  const char *env = g_getenv ("PKIO_ORDER_SENDER_TEST_CRASH_POINT");
  g_auto(GStrv) parts = NULL;
  const char *wanted;
  guint64 nth = 1;

  if (env == NULL)
    return;
  /* "POINT[:stop][@N]": the Nth time the point is reached (a batch sends many orders). */
  parts = g_strsplit (env, "@", 2);
  wanted = parts[0];
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &nth, NULL))
    return;
  if (!g_str_has_prefix (wanted, point)
      || (wanted[strlen (point)] != '\0' && wanted[strlen (point)] != ':'))
    return;
  if (++times_reached != nth)
    return;
  if (wanted[strlen (point)] == '\0')
    _exit (99);
  if (g_str_equal (wanted + strlen (point), ":stop"))
    raise (SIGSTOP);
}
#endif
