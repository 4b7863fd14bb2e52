/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rows of list and column views, which GTK 4.8 reads by their class ("GtkListItemWidget") and
 * never says are selected: a view names each row when it binds it
 * (pkio_accessible_label_list_row ()). Apart from pkio-accessible.c's realize hook because a
 * row is named by the view that knows what it shows, each time it is bound to another item. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"

/* The row that shows @item's child: the first ancestor of the child whose role is a row or a
 * list item (a column view's cell is a grid cell inside its row). */
static GtkWidget *
row_of_item (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  for (GtkWidget *row = child != NULL ? gtk_widget_get_parent (child) : NULL; row != NULL;
       row = gtk_widget_get_parent (row))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row));

      if (role == GTK_ACCESSIBLE_ROLE_ROW || role == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
        return row;
    }
  return NULL;
}

/* Orca 43 does not say that the row it reads is the selected one; it says a description. */
static void
describe_selection (GtkListItem *item)
{
  GtkWidget *row = row_of_item (item);

  if (row == NULL)
    return;
  if (gtk_list_item_get_selected (item))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Selected"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
pkio_accessible_label_list_row (GtkListItem *item,
                                const char  *label)
{
  static GQuark following_quark;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_LIST_ITEM (item));
  g_return_if_fail (label != NULL);

  /* GTK 4.8 names a row of a list or column view after its class, "GtkListItemWidget", and
   * has no gtk_list_item_set_accessible_label () (GTK 4.12), but the row is a GtkAccessible
   * like any other widget. */
  row = row_of_item (item);
  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (following_quark == 0)
    following_quark = g_quark_from_static_string ("pkio-accessible-follows-selection");
  describe_selection (item);
  if (g_object_get_qdata (G_OBJECT (item), following_quark) == NULL)
    {
      g_object_set_qdata (G_OBJECT (item), following_quark, GINT_TO_POINTER (TRUE));
      g_signal_connect (item, "notify::selected", G_CALLBACK (describe_selection), NULL);
    }
}
