/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Test hook of the journaled requests (the order sender, the revoke sender), compiled only with
 * -Dtest_hooks=true (never in what people install): when the environment variable
 * PKIO_ORDER_SENDER_TEST_CRASH_POINT names @point ("after-journal", "after-send",
 * "revoke-after-journal", "revoke-after-send"), the process ends with _exit(99) there, so that
 * tests can prove what a killed process leaves behind; with ":stop" after the name it stops
 * itself there (SIGSTOP) instead, for a test to kill it with a real SIGKILL. With "@N" at the
 * end ("after-send:stop@10") it acts the Nth time the process reaches the point only (the 10th
 * order of a batch). Unset, or in a release build, it does nothing. */
#if PKIO_TEST_HOOKS
void _pkio_test_crash_point (const char *point);
#else
#define _pkio_test_crash_point(point) G_STMT_START { } G_STMT_END
#endif

G_END_DECLS
