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
  const char *wanted = g_getenv ("PKIO_ORDER_SENDER_TEST_CRASH_POINT");

  if (wanted == NULL || !g_str_has_prefix (wanted, point))
    return;
  if (wanted[strlen (point)] == '\0')
    _exit (99);
  if (g_str_equal (wanted + strlen (point), ":stop"))
    raise (SIGSTOP);
}
#endif
