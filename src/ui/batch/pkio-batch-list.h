/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The spreadsheet window's lists (its problems, and the people of its review) are list views:
 * a file of 1,000 rows as 1,000 AdwActionRows in a GtkListBox cost 4.6 to 5.2 s of CPU before
 * its first frame (GTK laid every row out); a list view builds rows only for what is on or
 * near the screen (about 200 in GTK 4.8) and binds them to the model's items as it scrolls.
 *
 * pkio_batch_list_init () gives @view a factory that shows each PkioBatchRowItem of @model
 * (a GListModel of them) as an AdwActionRow looks: its title, its subtitle, its state word at
 * the end and, where offered, "Order a second one". A screen reader hears the row called by
 * all of it, title, state and subtitle (an AdwActionRow is called by its title alone: the
 * outcome of a row would not be heard), and "Order a second one" described by it. Nothing
 * can be selected or activated: the rows are read, as the boxed list's were.
 *
 * The keyboard as in a list box: Tab enters the list at the row last left (the first at
 * first), the arrow keys go from row to row, Tab goes on to the row's "Order a second one" (a
 * row that has one takes the focus there) and then out of the list, Shift+Tab back the same
 * way. GTK 4.8's list views move Tab from row to row to the end of the list (GTK 4.12 has
 * tab-behavior). @view sits in a scrolled window of its own: the list's card (style.css,
 * "batch-list"). */
void pkio_batch_list_init (GtkListView *view,
                           GListModel  *model);

G_END_DECLS
