/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "config.h"

#include <glib.h>

/* The order sender's crash hook (PKIO_ORDER_SENDER_TEST_CRASH_POINT) is compiled only in a
 * build with -Dtest_hooks=true (build-aux/pkio-dev.sh makes one; release, Flatpak and Debian
 * builds do not). A test that needs it is skipped, saying why, in a build without it. */
#define PKIO_TEST_SKIP_WITHOUT_HOOKS() \
  G_STMT_START \
    { \
      if (!PKIO_TEST_HOOKS) \
        { \
          g_test_skip ("built without -Dtest_hooks=true: the order sender has no crash hook"); \
          return; \
        } \
    } \
  G_STMT_END
