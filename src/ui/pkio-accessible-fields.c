/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a view asks for by name for the controls of its forms, from its template's init (roles
 * can only change before GTK first hands a widget to AT-SPI) or when a field's problem changes:
 * entry rows read as named text boxes, buttons named otherwise than by their label, lists of
 * groups without a title, problems said on their field, drop-downs read once. What every widget
 * gets without asking is in pkio-accessible.c. */
#include "config.h"

#include "pkio-accessible.h"
#include "pkio-accessible-private.h"

/* ---- entry rows ---- */

static void
name_text_after_title (AdwEntryRow *row)
{
  AdwPreferencesRow *preferences_row = ADW_PREFERENCES_ROW (row);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  const char *title = adw_preferences_row_get_title (preferences_row);
  g_autofree char *label =
    pkio_accessible_title_text (title, adw_preferences_row_get_use_underline (preferences_row));

  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
name_button_after_tooltip (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
}

static void
name_icon_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (child))))
        {
          name_button_after_tooltip (child);
          g_signal_connect (child, "notify::tooltip-text",
                            G_CALLBACK (name_button_after_tooltip), NULL);
        }
      else
        name_icon_buttons (child);
    }
}

void
pkio_accessible_fix_entry_row (AdwEntryRow *row)
{
  GtkEditable *text;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  /* The row is the text box for AT-SPI, but the focus goes to the GtkText inside, which has no
   * accessible of its own: a screen reader hears nothing when Tab reaches the row. The text
   * becomes the text box (named like the row) and the row a group around it. Roles can only
   * change before GTK first hands the widget to AT-SPI: call this from the template's init. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  g_return_if_fail (GTK_IS_TEXT (text));
  if (pkio_accessible_is_fixed (GTK_WIDGET (row)))
    return;
  pkio_accessible_mark_fixed (GTK_WIDGET (row));
  g_object_set (row, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  /* The row's title labels are its mnemonic labels, so the group was named like the text
   * inside and Orca said each field twice: "Last name panel. Last name text." Without a name
   * the group is layout to Orca; the text keeps the name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  name_text_after_title (row);
  g_signal_connect (row, "notify::title", G_CALLBACK (name_text_after_title), NULL);
  /* "Apply", and a password row's "Show Text": icon buttons that libadwaita names nowhere but
   * in their tooltip. */
  name_icon_buttons (GTK_WIDGET (row));
}

void
pkio_accessible_fix_entry_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ENTRY_ROW (child))
        pkio_accessible_fix_entry_row (ADW_ENTRY_ROW (child));
      else
        pkio_accessible_fix_entry_rows (child);
    }
}

static gboolean
is_list_box (GtkWidget *widget)
{
  return GTK_IS_LIST_BOX (widget);
}

void
pkio_accessible_name_list (AdwPreferencesGroup *group,
                           const char          *name)
{
  GtkWidget *list = pkio_accessible_find_descendant (GTK_WIDGET (group), is_list_box);

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (list != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
pkio_accessible_mark_invalid (GtkWidget  *field,
                              const char *problem)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  /* Not GTK_ACCESSIBLE_STATE_INVALID: GTK 4.8 hands it to AT-SPI as the state "invalid" (an
   * object that no longer exists) instead of "invalid-entry" (GTK 4.10 does that), and Orca 43
   * then takes the field for a dead object and says nothing at all when Tab reaches it: "First
   * name" was not said once it had a problem. The problem is the field's description, which
   * Orca says after the field's name. */
  pkio_accessible_describe_field (field, problem);
}

void
pkio_accessible_name_button (GtkButton  *button,
                             const char *name)
{
  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (name != NULL);

  /* The realize hook (pkio-accessible.c) leaves it alone; the label widget no longer adds its
   * text. */
  pkio_accessible_mark_fixed (GTK_WIDGET (button));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

void
pkio_accessible_describe_field (GtkWidget  *field,
                                const char *problem)
{
  GtkAccessible *target = GTK_ACCESSIBLE (field);

  g_return_if_fail (GTK_IS_WIDGET (field));

  if (ADW_IS_ENTRY_ROW (field))
    target = GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (field)));
  if (problem != NULL)
    gtk_accessible_update_property (target, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
  else
    gtk_accessible_reset_property (target, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* ---- drop-downs ---- */

static void
describe_choice (GtkDropDown *drop_down,
                 GParamSpec  *pspec,
                 GtkWidget   *button)
{
  GObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (GTK_IS_STRING_OBJECT (item))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_string_object_get_string (GTK_STRING_OBJECT (item)), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
pkio_accessible_name_drop_down (GtkDropDown *drop_down,
                                const char  *label)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drop_down));

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (label != NULL);

  /* GTK 4.8's drop-down is a toggle button (which takes the focus) and a popover. */
  while (button != NULL && !GTK_IS_TOGGLE_BUTTON (button))
    button = gtk_widget_get_next_sibling (button);
  g_return_if_fail (button != NULL);

  /* The drop-down itself is a combo box around that button: named too, Orca said it twice
   * ("Status filter combo box. Status filter push button."); nameless, "GtkDropDown combo
   * box". As a group without a name it is layout, and the button says it all. A role can only
   * change before GTK first hands the widget to AT-SPI: call this from the template's init. */
  g_object_set (drop_down, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  describe_choice (drop_down, NULL, button);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (describe_choice), button,
                           0);
}
