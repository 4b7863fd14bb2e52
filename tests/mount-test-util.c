/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unshare () */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>

#include "mount-test-util.h"

gboolean
mount_test_private_namespace (char **out_reason)
{
  if (unshare (CLONE_NEWNS) != 0)
    {
      *out_reason = g_strdup_printf ("no mount namespace (%s): run as root to test a full "
                                     "disk and a read-only folder", g_strerror (errno));
      return FALSE;
    }
  /* Mounts made from here on are this process's (and its children's) only. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      *out_reason = g_strdup_printf ("mounts cannot be made private: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

void
mount_test_tmpfs (const char *dir,
                  const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    g_error ("mount tmpfs on %s: %s", dir, g_strerror (errno));
}

void
mount_test_read_only (const char *dir)
{
  if (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0)
    g_error ("remount %s read-only: %s", dir, g_strerror (errno));
}

void
mount_test_unmount (const char *dir)
{
  umount2 (dir, MNT_DETACH);
}

char *
mount_test_fill (const char *dir)
{
  char *path = g_build_filename (dir, "filler", NULL);
  static const char block[65536];
  FILE *file = g_fopen (path, "wb");

  g_assert_nonnull (file);
  while (fwrite (block, 1, sizeof block, file) == sizeof block && fflush (file) == 0)
    ;
  fclose (file);
  return path;
}
