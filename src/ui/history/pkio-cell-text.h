/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PKIO_TYPE_CELL_TEXT (pkio_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (PkioCellText, pkio_cell_text, PKIO, CELL_TEXT, GtkWidget)

/* One line of text in a cell of the history list, drawn as a GtkLabel would (its CSS node is
 * "label", so the theme and the style classes apply as to a label; a screen reader reads it as a
 * label named by its text), for less: GTK 4.8 keeps rows for some 200 positions of the list,
 * builds or binds them all whenever a search changes the rows at the top, and measures every
 * cell of them. Here a measure lays out no text: the height comes from the font, the width from
 * the text's width remembered for the font (the list shows the same dates, statuses and labels
 * over and over), and the text is laid out once, when the cell is first drawn. */
GtkWidget  *pkio_cell_text_new                (void);
void        pkio_cell_text_set_text           (PkioCellText *self,
                                               const char   *text);
const char *pkio_cell_text_get_text           (PkioCellText *self);
/* Ends in "…" when narrower than its text. */
void        pkio_cell_text_set_ellipsize      (PkioCellText *self,
                                               gboolean      ellipsize);
/* As wide as this many characters of its font at most (then it ellipsizes): its natural width
 * is that, whatever the text. -1: as wide as its text. */
void        pkio_cell_text_set_max_width_chars (PkioCellText *self,
                                                int           n_chars);
/* Its digits are all as wide (a "numeric" style with tabular figures): texts that differ only in
 * their digits share one measure. */
void        pkio_cell_text_set_digits_alike   (PkioCellText *self,
                                               gboolean      alike);

G_END_DECLS
