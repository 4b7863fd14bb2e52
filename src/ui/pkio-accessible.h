/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What GTK 4.8 and libadwaita 1.2 tell a screen reader wrongly, put right. Each function says
 * which widget and why; tests/test-a11y-audit.py finds them when they come back. One header for
 * three files: what every widget gets without asking (pkio-accessible.c), what a view asks for
 * its form's controls (pkio-accessible-fields.c) and for the rows it binds
 * (pkio-accessible-list-rows.c). */

/* ---- every widget (pkio-accessible.c) ---- */

/* Once per process, before windows are shown. Each widget is put right when it is realized,
 * and with it everything inside it, shown or not (a hidden page's buttons included): buttons
 * are read by their label ("_Connect" only once and without its underscore), a button made
 * from an icon name by its own label or tooltip (not "GtkImage"), a stack page by its title
 * (or not at all), the scrolled part of a status page by the page's title, a toast is an alert
 * called by its title, a menu button's menu is called by the button's tooltip, a column
 * view's list of rows by the column view, an expander row's list by the row, the view
 * switcher and the about window's lists have names, and the shortcuts window's search button
 * has one. A button with a mnemonic is then named by its label alone:
 * pkio_accessible_name_button () names one otherwise. */
void pkio_accessible_init               (void);

/* What pkio_accessible_init () does when a widget is realized, done now to @widget and
 * everything inside it, before it is put into a window AT-SPI has seen (a view built when it is
 * first needed): its hidden parts may be read before they are realized, and only then can
 * roles still change. */
void pkio_accessible_prepare            (GtkWidget   *widget);

/* ---- a form's controls (pkio-accessible-fields.c) ---- */

/* Before @row is shown: libadwaita 1.2's entry rows give a screen reader no focus event (the
 * text inside has no accessible of its own), and their icon buttons are read as "GtkImage". */
void pkio_accessible_fix_entry_row      (AdwEntryRow *row);

/* pkio_accessible_fix_entry_row () on every entry row inside @root. */
void pkio_accessible_fix_entry_rows     (GtkWidget   *root);

/* A group without a title has a list read as "GtkListBox": it is called @name. */
void pkio_accessible_name_list          (AdwPreferencesGroup *group,
                                         const char          *name);

/* @field is invalid because of @problem (NULL: valid again), said where it has the focus (as its
 * description: GTK 4.8's invalid state makes Orca 43 say nothing for the field, see the .c). */
void pkio_accessible_mark_invalid       (GtkWidget   *field,
                                         const char  *problem);

/* @button is called @name, not after its label (a mnemonic still works). */
void pkio_accessible_name_button        (GtkButton   *button,
                                         const char  *name);

/* Tells a screen reader what is wrong with @field (NULL: nothing), on the part that has the
 * focus: for an entry row fixed above, its text. */
void pkio_accessible_describe_field     (GtkWidget   *field,
                                         const char  *problem);

/* The button inside @drop_down is what takes the focus: it is called @label (GTK 4.8 names it
 * "GtkToggleButton") and described by the chosen item; the drop-down around it is layout.
 * Before @drop_down is shown (from the template's init). */
void pkio_accessible_name_drop_down     (GtkDropDown *drop_down,
                                         const char  *label);

/* ---- rows of list and column views (pkio-accessible-list-rows.c) ---- */

/* The row of a list or column view that shows @item (or one of its cells) is called @label
 * (GTK 4.8 reads it as "GtkListItemWidget") and described as "Selected" while it is. Call it
 * when @item is bound. */
void pkio_accessible_label_list_row     (GtkListItem *item,
                                         const char  *label);

G_END_DECLS
