/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"

static GQuark fixed_quark;
static GQuark walked_quark;       /* prepare_tree () has been through it */
static GType toast_widget_type;   /* libadwaita 1.2's own AdwToastWidget, not public */

/* "API _key" as it is read: "API key" ("__" is a real underscore). */
static char *
strip_mnemonic (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (plain, *p++);
      else if (*p != '_')
        g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* ---- what every widget of the app gets (pkio_accessible_init) ---- */

/* GTK 4.8 gives a button with a mnemonic both a label property with the underscore
 * ("_Connect") and a relation to its label widget ("Connect"), and a screen reader says both:
 * "_Connect Connect". The relation alone is right, and it follows the label's text. The label
 * property is set again whenever the text changes. */
static void
drop_button_label_property (GtkButton *button)
{
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* libadwaita 1.2's status page scrolls its content in a scrolled window of its own, which takes
 * the focus when nothing inside can, and has no name: it is called after the page's title.
 * (Orca 43 says nothing for a scroll pane that gets the focus, and GTK 4.8 makes every
 * scrolled window one, whatever its role: README, Known not to work. Taking the focus away
 * made Shift+Tab from the window's first control go nowhere on History.) */
static void
name_scroller_after_title (AdwStatusPage *page,
                           GParamSpec    *pspec,
                           GtkWidget     *scroller)
{
  const char *title = adw_status_page_get_title (page);

  if (title != NULL && *title != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
}

/* A toast in libadwaita 1.2 is a nameless "filler" to a screen reader: it becomes an alert
 * called by its title, and its close button says what it does. */
static void
name_toast_after_title (GtkLabel   *title,
                        GParamSpec *pspec,
                        GtkWidget  *toast)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (toast), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (title), -1);
}

/* @widget is called what the preferences row @row_widget is called, without its mnemonic. */
static void
name_after_row (GtkWidget *widget,
                GtkWidget *row_widget)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (row_widget);
  g_autofree char *title = adw_preferences_row_get_use_underline (row)
                           ? strip_mnemonic (adw_preferences_row_get_title (row))
                           : g_strdup (adw_preferences_row_get_title (row));

  g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
  if (title != NULL && *title != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 gboolean (*match) (GtkWidget *))
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = match (child) ? child : find_descendant (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget);
}

static gboolean
is_list_box (GtkWidget *widget)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_icon_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)));
}

/* A page of a GtkStack is a panel to a screen reader, named after its class when it has no
 * title: Orca said "GtkStackPage panel" when the focus entered the order form. It is called by
 * its title; without one it has no name, and Orca passes over it as layout. */
static void
name_stack_page (GtkStackPage *page)
{
  const char *title = page != NULL ? gtk_stack_page_get_title (page) : NULL;
  g_autofree char *label = NULL;

  if (page == NULL)
    return;
  label = title == NULL ? g_strdup ("")
          : gtk_stack_page_get_use_underline (page) ? strip_mnemonic (title) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
drop_icon_relation (GtkButton *button)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
mirror_check (GtkWidget  *check,
              GParamSpec *pspec,
              GtkWidget  *row)
{
  gboolean active = FALSE;

  g_object_get (check, "active", &active, NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                      : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
}

static void
name_row_after_title (GtkWidget *row)
{
  name_after_row (row, row);
}

/* A row that is a choice (its activatable widget a radio button, check button or switch) was
 * two Tab stops,
 * the row and then its button, and Orca said the choice twice on the second: "Authentication.
 * Authentication. selected radio button". The row becomes the choice (its role, its state)
 * and the one stop; Space on it chooses, as before. It is named by its title as a label, not
 * by a relation to the title: Orca 43 reads a radio button's labelled-by target as the name of
 * its group and says it before the button's own name. */
static GQuark choice_quark;       /* a choice row whose role was changed in time */

static gboolean
is_choice_row (GtkWidget *widget)
{
  GtkWidget *check;

  if (!ADW_IS_ACTION_ROW (widget))
    return FALSE;
  check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget));
  return GTK_IS_CHECK_BUTTON (check) || GTK_IS_SWITCH (check);
}

/* The part of fix_choice_row () that can only be done before AT-SPI sees the row. */
static void
prepare_choice_row (AdwActionRow *row)
{
  GtkWidget *check = adw_action_row_get_activatable_widget (row);
  GtkWidget *indicator = gtk_widget_get_first_child (check);

  /* A check button of a group draws a "radio" indicator. (Not its accessible role: asking for
   * it makes GTK 4.8 give a widget never realized its AT-SPI side, and its window then went to
   * AT-SPI half-made.) */
  g_object_set (row, "accessible-role",
                GTK_IS_CHECK_BUTTON (check) && indicator != NULL
                && g_strcmp0 (gtk_widget_get_css_name (indicator), "radio") == 0
                ? GTK_ACCESSIBLE_ROLE_RADIO : GTK_ACCESSIBLE_ROLE_CHECKBOX, NULL);
  g_object_set_qdata (G_OBJECT (row), choice_quark, GINT_TO_POINTER (TRUE));
}

/* A row that is a choice (its activatable widget a radio button, check button or switch) was
 * two Tab stops, the row and then its button, and Orca said the choice twice on the second:
 * "Authentication. Authentication. selected radio button". The row becomes the choice (its
 * role, its state) and the one stop; Space on it chooses, as before. It is named by its title
 * as a label, not by a relation to the title: Orca 43 reads a radio button's labelled-by
 * target as the name of its group and says it before the button's own name. */
static void
fix_choice_row (AdwActionRow *row)
{
  GtkWidget *check = adw_action_row_get_activatable_widget (row);

  /* Not focusable, and not even asked (can-focus): a radio button of a group grabs the focus
   * without looking whether it may, and Tab stopped there for good. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_can_focus (check, FALSE);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  name_row_after_title (GTK_WIDGET (row));
  g_signal_connect (row, "notify::title", G_CALLBACK (name_row_after_title), NULL);
  mirror_check (check, NULL, GTK_WIDGET (row));
  g_signal_connect_object (check, "notify::active", G_CALLBACK (mirror_check), row, 0);
}

/* A button with a mnemonic is read by its label alone ("_Connect" was read "_Connect Connect"):
 * see drop_button_label_property (). TRUE when @widget is a button with a label. */
static gboolean
fix_label_button (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget) || !GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    return FALSE;
  /* Named otherwise by pkio_accessible_name_button (), or done before. */
  if (g_object_get_qdata (G_OBJECT (widget), fixed_quark) != NULL)
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
  if (gtk_button_get_use_underline (GTK_BUTTON (widget))
      && gtk_label_get_mnemonic_widget (GTK_LABEL (child)) == widget)
    {
      drop_button_label_property (GTK_BUTTON (widget));
      g_signal_connect (widget, "notify::label", G_CALLBACK (drop_button_label_property), NULL);
    }
  else
    /* A label given as the child (the version in the about window) labels nothing by itself:
     * the button was called "GtkButton". */
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    child, NULL, -1);
  return TRUE;
}

static gboolean
is_toast_widget (GtkWidget *widget)
{
  /* The type is registered when libadwaita first shows a toast. */
  if (toast_widget_type == 0)
    toast_widget_type = g_type_from_name ("AdwToastWidget");
  return toast_widget_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, toast_widget_type);
}

static void
fix_toast (GtkWidget *toast)
{
  GtkWidget *title = find_descendant (toast, is_label);
  GtkWidget *close = find_descendant (toast, is_icon_button);

  g_object_set (toast, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  if (title != NULL)
    {
      name_toast_after_title (GTK_LABEL (title), NULL, toast);
      g_signal_connect_object (title, "notify::label", G_CALLBACK (name_toast_after_title), toast,
                               0);
    }
  if (close != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Dismiss"), -1);
}

static void
fix_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_STACK (parent))
    name_stack_page (gtk_stack_get_page (GTK_STACK (parent), widget));
  if (g_object_get_qdata (G_OBJECT (widget), fixed_quark) != NULL)
    return;

  if (fix_label_button (widget))
    ;
  else if (GTK_IS_TOGGLE_BUTTON (widget) && is_icon_button (widget)
           && GTK_IS_SHORTCUTS_WINDOW (gtk_widget_get_root (widget)))
    {
      /* The search button of GTK's shortcuts window has an icon and nothing else. */
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      drop_icon_relation (GTK_BUTTON (widget));
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Search shortcuts"), -1);
    }
  else if (is_icon_button (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL
           && !GTK_IS_MENU_BUTTON (parent))
    {
      /* GTK 4.8 labels a button made with an icon name by its image, which has no name but
       * its class: Orca read "GtkImage Refresh push button". The button's own label (or
       * tooltip) names it; the image does not. */
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      drop_icon_relation (GTK_BUTTON (widget));
      g_signal_connect (widget, "notify::icon-name", G_CALLBACK (drop_icon_relation), NULL);
    }
  else if (GTK_IS_SCROLLED_WINDOW (widget) && ADW_IS_STATUS_PAGE (parent))
    {
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      name_scroller_after_title (ADW_STATUS_PAGE (parent), NULL, widget);
      g_signal_connect_object (parent, "notify::title", G_CALLBACK (name_scroller_after_title),
                               widget, 0);
    }
  else if (GTK_IS_POPOVER_MENU (widget) && GTK_IS_MENU_BUTTON (parent)
           && gtk_widget_get_tooltip_text (parent) != NULL)
    {
      /* A menu button's menu is read as "GtkPopoverMenu": it is called what its button says. */
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (parent), -1);
    }
  else if (GTK_IS_LIST_VIEW (widget) && GTK_IS_COLUMN_VIEW (parent))
    {
      /* The rows of a column view sit in a list of its own, read as "GtkColumnListView": it is
       * labelled by the column view ("Orders"). */
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, parent, NULL, -1);
    }
  else if (ADW_IS_VIEW_SWITCHER (widget))
    {
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Views"), -1);
    }
  else if (GTK_IS_LIST_BOX (widget) && ADW_IS_ABOUT_WINDOW (gtk_widget_get_root (widget)))
    {
      GtkWindow *about = GTK_WINDOW (gtk_widget_get_root (widget));

      /* The about window's lists have no title to be named by: the window's. */
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      if (gtk_window_get_title (about) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_window_get_title (about), -1);
    }
  else if (GTK_IS_LIST_BOX (widget) && GTK_IS_REVEALER (parent)
           && gtk_widget_get_ancestor (parent, ADW_TYPE_EXPANDER_ROW))
    {
      /* What an expander row reveals is a list of its own, read as "GtkListBox": it is called
       * what the row is called ("Advanced"). */
      name_after_row (widget, gtk_widget_get_ancestor (parent, ADW_TYPE_EXPANDER_ROW));
    }
  else if (g_object_get_qdata (G_OBJECT (widget), choice_quark) != NULL)
    {
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      fix_choice_row (ADW_ACTION_ROW (widget));
    }
  else if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW))
    {
      /* A combo row's choices are a list read as "GtkListView": it is called like the row. */
      name_after_row (widget, gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW));
    }
  else if (is_toast_widget (widget))
    {
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      fix_toast (widget);
    }
}

/* What must be done before AT-SPI first sees a widget, done for @widget and everything inside
 * it, shown or not (a page not shown yet may be read): a button with a mnemonic has its right
 * name from the start (History's empty state, the practice banner), and, when @roles_may_change,
 * roles change. Nothing else: updating what AT-SPI is told about a widget that was never
 * realized made GTK 4.8 hand its window to AT-SPI half-made (Preferences was a nameless
 * "filler" without "showing"). The rest is done to each widget when it is realized. */
static void
prepare_tree (GtkWidget *widget,
              gboolean   roles_may_change)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (g_object_get_qdata (G_OBJECT (widget), walked_quark) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (widget), walked_quark, GINT_TO_POINTER (TRUE));
  if (fix_label_button (widget))
    ;
  else if (!roles_may_change)
    ;
  else if (is_choice_row (widget))
    prepare_choice_row (ADW_ACTION_ROW (widget));
  else if (GTK_IS_LIST_BOX (widget) && parent != NULL && !GTK_IS_REVEALER (parent)
           && gtk_widget_get_ancestor (parent, ADW_TYPE_EXPANDER_ROW))
    {
      /* The expander row's own row sits in a list of one: Orca said "Advanced. List with 1
       * item. Nesting level 1. Advanced." It is layout. */
      g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
      g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    prepare_tree (child, roles_may_change);
}

static gboolean
widget_realized_hook (GSignalInvocationHint *hint,
                      guint                  n_params,
                      const GValue          *params,
                      gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);

  /* The application window goes to AT-SPI when it is shown, after it is realized: what is in
   * it can still change its role then. What is realized later may have been read while it was
   * hidden. (Other windows not: changing a role in the Preferences window before it was shown
   * made GTK 4.8 hand the window to AT-SPI as a nameless "filler" that is not "showing".) */
  prepare_tree (widget, ADW_IS_APPLICATION_WINDOW (widget));
  fix_widget (widget);
  return TRUE;
}

void
pkio_accessible_init (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      GTypeClass *widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

      fixed_quark = g_quark_from_static_string ("pkio-accessible-fixed");
      walked_quark = g_quark_from_static_string ("pkio-accessible-walked");
      choice_quark = g_quark_from_static_string ("pkio-accessible-choice");
      /* Every widget, libadwaita's own (dialog responses, the about window, toasts) included.
       * When it is realized it is not yet with AT-SPI, so even its role can still change. */
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  widget_realized_hook, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&installed, 1);
    }
}

void
pkio_accessible_prepare (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (gtk_widget_get_parent (widget) == NULL);

  prepare_tree (widget, TRUE);
}

/* ---- entry rows ---- */

static void
name_text_after_title (AdwEntryRow *row)
{
  AdwPreferencesRow *preferences_row = ADW_PREFERENCES_ROW (row);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  const char *title = adw_preferences_row_get_title (preferences_row);
  g_autofree char *label = adw_preferences_row_get_use_underline (preferences_row)
                           ? strip_mnemonic (title) : g_strdup (title);

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
  if (fixed_quark == 0)
    fixed_quark = g_quark_from_static_string ("pkio-accessible-fixed");
  if (g_object_get_qdata (G_OBJECT (row), fixed_quark) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (row), fixed_quark, GINT_TO_POINTER (TRUE));
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

void
pkio_accessible_name_list (AdwPreferencesGroup *group,
                           const char          *name)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (group), is_list_box);

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

  if (fixed_quark == 0)
    fixed_quark = g_quark_from_static_string ("pkio-accessible-fixed");
  /* The hook above leaves it alone; the label widget no longer adds its text. */
  g_object_set_qdata (G_OBJECT (button), fixed_quark, GINT_TO_POINTER (TRUE));
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

/* ---- rows of list and column views ---- */

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
