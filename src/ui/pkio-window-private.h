/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What pkio-window.c (the frame: the views, the welcome page, the account) and
 * pkio-window-actions.c (what the window's actions and a dropped file do) share. */
#pragma once

#include "pkio-banner.h"
#include "pkio-order-view.h"
#include "pkio-replace-key-dialog.h"
#include "pkio-window.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

struct _PkioWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GtkStack             *content_stack;  /* "main" (the views) or "welcome" (first run) */
  AdwBin               *welcome_slot;
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  PkioBanner           *practice_banner;
  PkioBanner           *key_banner;     /* while CertCentral no longer accepts the key */
  GtkMenuButton        *primary_menu_button;
  AdwBin               *history_slot;
  PkioOrderView        *order_view;

  PkioWelcomePage      *welcome_page;   /* built on first need */
  PkioHistoryView      *history_view;   /* built on first need */
  GtkWindow            *shortcuts_window; /* built on first need */
  PkioReplaceKeyDialog *replace_key_dialog; /* while open (a weak pointer) */
  guint                 history_idle;
  gboolean              load_after_first_frame; /* set_workspace (), first_frame_cb () */
  gboolean              first_frame_painted;

  GSettings            *settings;
  PkioWorkspace        *workspace;          /* the application's, followed */
  GSignalGroup         *workspace_signals;
  GBindingGroup        *workspace_bindings;
  PkioWorkspaceState    shown_state;
};

void _pkio_window_show_welcome_page (PkioWindow     *self);
void _pkio_window_class_add_actions (GtkWidgetClass *widget_class);
void _pkio_window_add_actions       (PkioWindow     *self);

G_END_DECLS
