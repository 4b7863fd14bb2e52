/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PKIO_TYPE_BANNER (pkio_banner_get_type ())
G_DECLARE_FINAL_TYPE (PkioBanner, pkio_banner, PKIO, BANNER, AdwBin)

/* A bar across the top of a view that stays while a situation lasts, with at most one button
 * that does something about it: practice mode ("Leave practice mode"), a key CertCentral no
 * longer accepts ("Replace key…"), a History that could not be brought up to date ("Try
 * again"). libadwaita 1.2 has no banner widget (one came in 1.3); this is the app's one banner,
 * with the same idea: a title, a button label and an action, and "revealed".
 *
 * The title wraps, and is an alert to assistive technologies (GTK 4.8 cannot announce; an
 * alert is what a screen reader can find). The button is shown only when it has both a label
 * and an action (@action-name, a detailed action such as "win.replace-key"). The look comes
 * from the style classes given to the banner (style.css: "banner.practice",
 * "banner.key-rejected", "banner.error"); its CSS name is "banner". Hidden, it takes no room. */
PkioBanner *pkio_banner_new              (void);
void        pkio_banner_set_title        (PkioBanner *self,
                                          const char *title);
const char *pkio_banner_get_title        (PkioBanner *self);
void        pkio_banner_set_button_label (PkioBanner *self,
                                          const char *label);
void        pkio_banner_set_action_name  (PkioBanner *self,
                                          const char *action_name);
const char *pkio_banner_get_action_name  (PkioBanner *self);
void        pkio_banner_set_revealed     (PkioBanner *self,
                                          gboolean    revealed);
gboolean    pkio_banner_get_revealed     (PkioBanner *self);
/* The button (for tests and for the focus); shown or not as said above. */
GtkWidget  *pkio_banner_get_button       (PkioBanner *self);

G_END_DECLS
