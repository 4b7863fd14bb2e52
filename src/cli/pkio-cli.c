/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-cli.h"

/* Placeholder until the command line lands (branch cli). */
gboolean
pkio_cli_handles (int    argc,
                  char **argv)
{
  return FALSE;
}

int
pkio_cli_run (int    argc,
              char **argv)
{
  return 1;
}
