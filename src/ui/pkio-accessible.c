/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every widget of the app gets, without asking: pkio_accessible_init () hooks "realize",
 * and each widget is put right there (fix_widget ()), with everything inside it that must be
 * put right before AT-SPI first sees it (prepare_tree ()). What a view asks for by name for its
 * own controls is in pkio-accessible-fields.c (form fields, buttons, drop-downs, lists) and
 * pkio-accessible-list-rows.c (rows of list and column views); this file also holds the few
 * helpers they share (pkio-accessible-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-accessible-private.h"

static GQuark walked_quark;       /* prepare_tree () has been through it */
static GType toast_widget_type;   /* libadwaita 1.2's own AdwToastWidget, not public */

/* Made when first asked: a view may fix its entry rows before pkio_accessible_init (). */
static GQuark
fixed_quark (void)
{
  return g_quark_from_static_string ("pkio-accessible-fixed");
}

gboolean
pkio_accessible_is_fixed (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), fixed_quark ()) != NULL;
}

void
pkio_accessible_mark_fixed (GtkWidget *widget)
{
  g_object_set_qdata (G_OBJECT (widget), fixed_quark (), GINT_TO_POINTER (TRUE));
}

char *
pkio_accessible_title_text (const char *title,
                            gboolean    use_underline)
{
  GString *plain;

  if (!use_underline)
    return g_strdup (title);
  plain = g_string_new (NULL);
  for (const char *p = title; p != NULL && *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (plain, *p++);
      else if (*p != '_')
        g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

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
  g_autofree char *title =
    pkio_accessible_title_text (adw_preferences_row_get_title (row),
                                adw_preferences_row_get_use_underline (row));

  pkio_accessible_mark_fixed (widget);
  if (title != NULL && *title != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
}

GtkWidget *
pkio_accessible_find_descendant (GtkWidget *widget,
                                 gboolean (*match) (GtkWidget *))
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = match (child) ? child : pkio_accessible_find_descendant (child, match);

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
          : pkio_accessible_title_text (title, gtk_stack_page_get_use_underline (page));
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

/* A row that is a choice: see fix_choice_row (). */
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
  if (pkio_accessible_is_fixed (widget))
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  pkio_accessible_mark_fixed (widget);
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
  GtkWidget *title = pkio_accessible_find_descendant (toast, is_label);
  GtkWidget *close = pkio_accessible_find_descendant (toast, is_icon_button);

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
  if (pkio_accessible_is_fixed (widget))
    return;

  if (fix_label_button (widget))
    ;
  else if (GTK_IS_TOGGLE_BUTTON (widget) && is_icon_button (widget)
           && GTK_IS_SHORTCUTS_WINDOW (gtk_widget_get_root (widget)))
    {
      /* The search button of GTK's shortcuts window has an icon and nothing else. */
      pkio_accessible_mark_fixed (widget);
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
      pkio_accessible_mark_fixed (widget);
      drop_icon_relation (GTK_BUTTON (widget));
      g_signal_connect (widget, "notify::icon-name", G_CALLBACK (drop_icon_relation), NULL);
    }
  else if (GTK_IS_SCROLLED_WINDOW (widget) && ADW_IS_STATUS_PAGE (parent))
    {
      pkio_accessible_mark_fixed (widget);
      name_scroller_after_title (ADW_STATUS_PAGE (parent), NULL, widget);
      g_signal_connect_object (parent, "notify::title", G_CALLBACK (name_scroller_after_title),
                               widget, 0);
    }
  else if (GTK_IS_POPOVER_MENU (widget) && GTK_IS_MENU_BUTTON (parent)
           && gtk_widget_get_tooltip_text (parent) != NULL)
    {
      /* A menu button's menu is read as "GtkPopoverMenu": it is called what its button says. */
      pkio_accessible_mark_fixed (widget);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (parent), -1);
    }
  else if (GTK_IS_LIST_VIEW (widget) && GTK_IS_COLUMN_VIEW (parent))
    {
      /* The rows of a column view sit in a list of its own, read as "GtkColumnListView": it is
       * labelled by the column view ("Orders"). */
      pkio_accessible_mark_fixed (widget);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, parent, NULL, -1);
    }
  else if (ADW_IS_VIEW_SWITCHER (widget))
    {
      pkio_accessible_mark_fixed (widget);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Views"), -1);
    }
  else if (GTK_IS_LIST_BOX (widget) && ADW_IS_ABOUT_WINDOW (gtk_widget_get_root (widget)))
    {
      GtkWindow *about = GTK_WINDOW (gtk_widget_get_root (widget));

      /* The about window's lists have no title to be named by: the window's. */
      pkio_accessible_mark_fixed (widget);
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
      pkio_accessible_mark_fixed (widget);
      fix_choice_row (ADW_ACTION_ROW (widget));
    }
  else if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW))
    {
      /* A combo row's choices are a list read as "GtkListView": it is called like the row. */
      name_after_row (widget, gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW));
    }
  else if (is_toast_widget (widget))
    {
      pkio_accessible_mark_fixed (widget);
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
      pkio_accessible_mark_fixed (widget);
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
