/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PKIO_TYPE_BATCH_ROW_ITEM (pkio_batch_row_item_get_type ())
G_DECLARE_FINAL_TYPE (PkioBatchRowItem, pkio_batch_row_item, PKIO, BATCH_ROW_ITEM, GObject)

/* One row of the spreadsheet window's lists (a problem, or a person of the review) as its list
 * view shows it: what the row says, not the widget that says it. GTK builds widgets only for
 * the rows on or near the screen and binds them to these items (pkio-batch-list.c), so what
 * changes (the duplicate check's answer, what became of the row) is changed here and every
 * change is a property notification.
 *
 * @title and @subtitle as an AdwActionRow shows them (text, never markup); @state, when not
 * NULL, a short word at the end of the row ("Placed") in the style class @state-style
 * ("success", "warning", "error"); @choice, whether the row offers "Order a second one"
 * (its holder already has a certificate of the kind), ticked when @included, which the
 * person changes, and sensitive when @choice-sensitive. @index is the row's place in its
 * list. */
PkioBatchRowItem *pkio_batch_row_item_new                  (guint             index,
                                                            const char       *title,
                                                            const char       *subtitle);
guint             pkio_batch_row_item_get_index            (PkioBatchRowItem *self);
const char       *pkio_batch_row_item_get_title            (PkioBatchRowItem *self);
const char       *pkio_batch_row_item_get_subtitle         (PkioBatchRowItem *self);
void              pkio_batch_row_item_set_subtitle         (PkioBatchRowItem *self,
                                                            const char       *subtitle);
const char       *pkio_batch_row_item_get_state            (PkioBatchRowItem *self);
const char       *pkio_batch_row_item_get_state_style      (PkioBatchRowItem *self);
void              pkio_batch_row_item_set_state            (PkioBatchRowItem *self,
                                                            const char       *state,
                                                            const char       *style);
gboolean          pkio_batch_row_item_get_choice           (PkioBatchRowItem *self);
void              pkio_batch_row_item_set_choice           (PkioBatchRowItem *self,
                                                            gboolean          choice);
gboolean          pkio_batch_row_item_get_included         (PkioBatchRowItem *self);
void              pkio_batch_row_item_set_included         (PkioBatchRowItem *self,
                                                            gboolean          included);
gboolean          pkio_batch_row_item_get_choice_sensitive (PkioBatchRowItem *self);
void              pkio_batch_row_item_set_choice_sensitive (PkioBatchRowItem *self,
                                                            gboolean          sensitive);

G_END_DECLS
