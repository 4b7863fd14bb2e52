/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-application.h"
#include "pkio-history-view.h"
#include "pkio-welcome-page.h"

G_BEGIN_DECLS

#define PKIO_TYPE_WINDOW (pkio_window_get_type ())
G_DECLARE_FINAL_TYPE (PkioWindow, pkio_window, PKIO, WINDOW, AdwApplicationWindow)

PkioWindow *pkio_window_new              (PkioApplication *application);
void        pkio_window_show_view        (PkioWindow      *self,
                                          const char      *name);
const char *pkio_window_get_visible_view (PkioWindow      *self);
void        pkio_window_add_toast        (PkioWindow      *self,
                                          AdwToast        *toast);
gboolean    pkio_window_get_practice_banner_visible (PkioWindow *self);
PkioHistoryView *pkio_window_get_history_view (PkioWindow *self);
PkioWelcomePage *pkio_window_get_welcome_page (PkioWindow *self);
/* The History view showing the certificates that end soon (no search, status filter "Ends
 * soon"). */
void             pkio_window_show_ending_soon (PkioWindow *self);
/* The History view with the record of @local_id selected and its details shown. */
gboolean         pkio_window_show_order       (PkioWindow *self,
                                               gint64      local_id);

G_END_DECLS
