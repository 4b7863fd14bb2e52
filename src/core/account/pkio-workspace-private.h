/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-workspace.h"

G_BEGIN_DECLS

/* Shared by pkio-workspace.c (loading, properties) and pkio-workspace-actions.c (sync,
 * refresh, cancel and check outcome of orders). */
struct _PkioWorkspace
{
  GObject           parent_instance;

  GSettings        *settings;
  gboolean          practice;
  char             *base_url;
  PkioKeyState      key_state;
  char             *key_message;
  PkioClient       *client;
  PkioHistoryStore *store;
  PkioSimulator    *simulator;
  GPtrArray        *load_waiters;   /* GTask, while loading */
  GPtrArray        *sync_waiters;   /* GTask, while syncing */
  gboolean          loaded;
};

/* Answers every task in @waiters (GTask) with @error, or TRUE when it is NULL. */
void _pkio_workspace_finish_waiters (GPtrArray    *waiters,
                                     const GError *error);

G_END_DECLS
