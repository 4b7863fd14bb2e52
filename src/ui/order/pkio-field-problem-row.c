/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-field-problem-row.h"

struct _PkioFieldProblemRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (PkioFieldProblemRow, pkio_field_problem_row, GTK_TYPE_LIST_BOX_ROW)

static gboolean
can_take_focus_through (GtkWidget *row)
{
  return gtk_widget_get_visible (row) && gtk_widget_get_child_visible (row)
         && gtk_widget_get_sensitive (row);
}

/* GtkListBox (GTK 4.8) moves Tab to the next visible row and, when that row takes no focus,
 * gives up on the whole list: the focus jumped from the first field with a problem to the
 * next group, and the fields in between could not be reached. So this row hands the focus on
 * to its neighbour, in the direction it was going. */
static gboolean
pkio_field_problem_row_focus (GtkWidget        *widget,
                              GtkDirectionType  direction)
{
  GtkWidget *next = widget;

  do
    {
      if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN)
        next = gtk_widget_get_next_sibling (next);
      else if (direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP)
        next = gtk_widget_get_prev_sibling (next);
      else
        return FALSE;
    }
  while (next != NULL && !(GTK_IS_LIST_BOX_ROW (next) && can_take_focus_through (next)));

  return next != NULL && gtk_widget_child_focus (next, direction);
}

static void
pkio_field_problem_row_class_init (PkioFieldProblemRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->focus = pkio_field_problem_row_focus;
}

static void
pkio_field_problem_row_init (PkioFieldProblemRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "field-problem");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problem:"), -1);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

PkioFieldProblemRow *
pkio_field_problem_row_new (void)
{
  return g_object_new (PKIO_TYPE_FIELD_PROBLEM_ROW, NULL);
}

void
pkio_field_problem_row_set_text (PkioFieldProblemRow *self,
                                 const char          *text)
{
  g_return_if_fail (PKIO_IS_FIELD_PROBLEM_ROW (self));

  gtk_label_set_text (self->label, text != NULL ? text : "");
}

const char *
pkio_field_problem_row_get_text (PkioFieldProblemRow *self)
{
  g_return_val_if_fail (PKIO_IS_FIELD_PROBLEM_ROW (self), NULL);

  return gtk_label_get_text (self->label);
}
