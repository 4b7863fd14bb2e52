/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-list.h"
#include "pkio-batch-row-item.h"

/* The widgets of one row, made once by setup_cb () and bound to item after item: the parts
 * of an AdwActionRow, which is a GtkListBoxRow and cannot take the focus outside a list box.
 * The list view's own row (GtkListItemWidget, CSS name "row") holds them, so libadwaita's
 * style for an action row's "box.header" applies as it is.
 *
 * The header, not the list view's row, is what takes the focus and what a screen reader
 * reads (a list item with the row's words): Orca 43 says "not selected" after any item whose
 * parent offers AT-SPI's Selection interface, and GTK 4.8 gives it to every GtkListView,
 * also over a GtkNoSelection, in which nothing can be selected. The header's parent is the
 * list view's row, which does not offer it; Orca says nothing of that row (a list item that
 * is not focused says only whether it expands). GTK 4.8's row gives the focus to the first
 * child that takes it, so the arrow keys and a click land on the header too. */
typedef struct
{
  GtkWidget *header;
  GtkLabel *title;
  GtkLabel *subtitle;
  GtkLabel *state;
  GtkCheckButton *choice;
  PkioBatchRowItem *item;  /* bound now, or NULL */
  gboolean updating;       /* "toggled" is the row's own update, not the person */
} RowWidgets;

static const char * const state_styles[] = { "success", "warning", "error" };

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* Appends @part to @text as a sentence of its own (the subtitle's lines are). */
static void
append_sentence (GString    *text,
                 const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, strchr (".!?:", text->str[text->len - 1]) != NULL ? " " : ". ");
  g_string_append (text, part);
}

/* What a screen reader says of the row: its title, its state word and its subtitle, in the
 * order the eye reads them ("Anna de Vries. placed. a.devries@example.nl. Row 2 · encryption,
 * 1 year, shipping standard. Placed as order 8436006"). */
static char *
dup_spoken (PkioBatchRowItem *item)
{
  GString *text = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (pkio_batch_row_item_get_subtitle (item) != NULL
                                    ? pkio_batch_row_item_get_subtitle (item) : "", "\n", -1);

  append_sentence (text, pkio_batch_row_item_get_title (item));
  append_sentence (text, pkio_batch_row_item_get_state (item));
  for (guint i = 0; lines[i] != NULL; i++)
    append_sentence (text, lines[i]);
  return g_string_free (text, FALSE);
}

static void
update_row (RowWidgets *widgets)
{
  PkioBatchRowItem *item = widgets->item;
  const char *style = pkio_batch_row_item_get_state_style (item);
  g_autofree char *spoken = dup_spoken (item);

  set_text (widgets->title, pkio_batch_row_item_get_title (item));
  set_text (widgets->subtitle, pkio_batch_row_item_get_subtitle (item));
  set_text (widgets->state, pkio_batch_row_item_get_state (item));
  for (guint i = 0; i < G_N_ELEMENTS (state_styles); i++)
    if (g_strcmp0 (style, state_styles[i]) == 0)
      gtk_widget_add_css_class (GTK_WIDGET (widgets->state), state_styles[i]);
    else
      gtk_widget_remove_css_class (GTK_WIDGET (widgets->state), state_styles[i]);

  /* GTK 4.8 has no gtk_list_item_set_accessible_label () (GTK 4.12): the header is the
   * list item a screen reader reads (above). "Order a second one" is described by the row it
   * is about. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->header),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->choice),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken, -1);

  widgets->updating = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (widgets->choice), pkio_batch_row_item_get_choice (item));
  gtk_check_button_set_active (widgets->choice, pkio_batch_row_item_get_included (item));
  gtk_widget_set_sensitive (GTK_WIDGET (widgets->choice),
                            pkio_batch_row_item_get_choice_sensitive (item));
  widgets->updating = FALSE;
}

static void
item_notify_cb (PkioBatchRowItem *item,
                GParamSpec       *pspec,
                RowWidgets       *widgets)
{
  update_row (widgets);
}

static void
choice_toggled_cb (GtkCheckButton *button,
                   RowWidgets     *widgets)
{
  if (!widgets->updating && widgets->item != NULL)
    pkio_batch_row_item_set_included (widgets->item, gtk_check_button_get_active (button));
}

static GtkLabel *
new_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* As an AdwActionRow's: wrapped anywhere in a word that does not fit (an address on a
   * phone), never ellipsized. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *choice = gtk_check_button_new_with_mnemonic (_("Order a _second one"));

  /* The role is fixed once GTK has made the header's accessible: given at construction. */
  widgets->header = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_HORIZONTAL,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                  "focusable", TRUE, NULL);
  gtk_widget_set_valign (widgets->header, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (widgets->header, "header");
  gtk_widget_set_valign (title_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (title_box, TRUE);
  gtk_widget_add_css_class (title_box, "title");
  widgets->title = new_label (title_box, "title");
  widgets->subtitle = new_label (title_box, "subtitle");
  gtk_box_append (GTK_BOX (widgets->header), title_box);

  gtk_widget_add_css_class (suffixes, "suffixes");
  widgets->state = new_label (suffixes, "state");
  gtk_label_set_xalign (widgets->state, 1);
  gtk_label_set_wrap_mode (widgets->state, PANGO_WRAP_WORD);
  /* Left out unless ticked: a second certificate for one person is a choice, never a slip. */
  widgets->choice = GTK_CHECK_BUTTON (choice);
  gtk_widget_set_visible (choice, FALSE);
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  g_signal_connect (choice, "toggled", G_CALLBACK (choice_toggled_cb), widgets);
  gtk_box_append (GTK_BOX (suffixes), choice);
  gtk_box_append (GTK_BOX (widgets->header), suffixes);

  g_object_set_data_full (G_OBJECT (list_item), "pkio-batch-row", widgets, g_free);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, widgets->header);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (list_item), "pkio-batch-row");

  widgets->item = gtk_list_item_get_item (list_item);
  update_row (widgets);
  g_signal_connect (widgets->item, "notify", G_CALLBACK (item_notify_cb), widgets);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (list_item), "pkio-batch-row");

  if (widgets->item != NULL)
    g_signal_handlers_disconnect_by_func (widgets->item, item_notify_cb, widgets);
  widgets->item = NULL;
}

/* ---- the keyboard ---- */

/* Tab and Shift+Tab in the list: within the row first (its "Order a second one"), then out of
 * the list, to whatever comes after it (or before it) in the window. GTK 4.8's list view
 * would go on to the next row instead. The list's scrolled window is kept out of the focus
 * chain for the time of one move, so that the window's own focus chain goes on past it. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *view)
{
  GtkDirectionType direction;
  GtkWidget *row = gtk_widget_get_focus_child (view);
  GtkWidget *outside;
  GtkRoot *root = gtk_widget_get_root (view);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) != 0 ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return GDK_EVENT_PROPAGATE;
  if (row != NULL && gtk_widget_child_focus (row, direction))
    return GDK_EVENT_STOP;

  /* The list's own scrolled window (the list's card). */
  outside = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  if (outside == NULL)
    outside = view;
  gtk_widget_set_can_focus (outside, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_can_focus (outside, TRUE);
  return GDK_EVENT_STOP;
}

void
pkio_batch_list_init (GtkListView *view,
                      GListModel  *model)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_LIST_VIEW (view));
  g_return_if_fail (G_IS_LIST_MODEL (model));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (view, factory);
  selection = gtk_no_selection_new (g_object_ref (model));
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (selection));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
}
