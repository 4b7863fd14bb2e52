/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Disk faults for real (test-cli-crash.c, test-fault-window.c): tmpfs mounts in a mount
 * namespace of the test process, so they end with it and nobody else sees them. Needs root
 * (CAP_SYS_ADMIN); without, the tests that need it skip with the reason. */

/* Call first in main (), before threads exist. FALSE with the reason when it cannot be. */
gboolean  mount_test_private_namespace (char       **out_reason);
/* A tmpfs of @size ("2m") on @dir (made when missing). */
void      mount_test_tmpfs             (const char  *dir,
                                        const char  *size);
/* Remounts the tmpfs on @dir read-only. */
void      mount_test_read_only         (const char  *dir);
void      mount_test_unmount           (const char  *dir);
/* Writes @dir/filler until the disk is full; returns its path. */
char     *mount_test_fill              (const char  *dir);

G_END_DECLS
