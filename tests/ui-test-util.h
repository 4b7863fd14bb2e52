/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pkio-application.h"
#include "pkio-order-form.h"

G_BEGIN_DECLS

/* Helpers shared by the UI tests (test-window.c, test-history-view.c). */

/* Binds the app's translations as main.c does. Run with LANGUAGE=nl and
 * PKIO_TEST_EXPECT_DUTCH=1 to check the Dutch catalogue is used. */
void        ui_test_init_translations (void);
gboolean    expect_dutch              (void);
/* @english, or @dutch when the test expects Dutch. */
const char *expected                  (const char *english,
                                       const char *dutch);

/* Iterates the main loop until @done holds; fails the test after 20 s. */
void        spin_until                (gboolean (*done) (gpointer),
                                       gpointer    data);
gboolean    widget_is_mapped          (gpointer    widget);
/* The first visible toplevel window of @type (a dialog the app opened), or NULL. */
GtkWindow  *find_shown_toplevel       (GType       type);

/* The object with the id @name in the form's template or in one of its sections' templates
 * (PkioOrderSection, nested ones too), or NULL. */
GObject    *order_form_child          (PkioOrderForm *form,
                                       const char    *name);

/* The one application of the test process, registered (not unique); a new reference. */
PkioApplication *start_application        (void);

G_END_DECLS
