/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window's actions: the views, History's "order again" and "renew", the shortcuts
 * window, the key's replacement, a spreadsheet chosen or dropped on the window. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-window.h"
#include "pkio-window-private.h"

static void
show_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pkio_window_show_view (PKIO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The form is filled (the request read from the history's database): show it. */
static void
filled_from_record_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pkio_order_view_fill_from_record_finish (PKIO_ORDER_VIEW (source), result, &error))
    pkio_window_show_view (self, "new-order");
  else if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The order could not be read from the "
                                                 "history: %s"), error->message);

      pkio_window_add_toast (self, adw_toast_new (text));
    }
}

/* "Another order for this person" (the history's details): the record's local id. */
static void
order_again_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PkioWindow *self = PKIO_WINDOW (widget);

  pkio_order_view_order_again_async (self->order_view, g_variant_get_int64 (parameter), NULL,
                                     filled_from_record_cb, g_object_ref (self));
}

/* "Order a new certificate" (the history's details, a certificate that ends soon or has
 * ended): the record's local id. */
static void
renew_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PkioWindow *self = PKIO_WINDOW (widget);

  pkio_order_view_renew_async (self->order_view, g_variant_get_int64 (parameter), NULL,
                               filled_from_record_cb, g_object_ref (self));
}

/* "Show that order in History" (the review's duplicate finding): CertCentral's order id. An
 * order placed elsewhere that History does not hold yet comes with the next refresh. */
static void
show_order_id_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PkioWindow *self = PKIO_WINDOW (widget);
  PkioHistoryView *history;
  PkioHistoryRecord *record = NULL;

  if (self->workspace != NULL)
    record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (self->workspace),
                                                  g_variant_get_int64 (parameter));
  pkio_window_show_view (self, "history");
  history = pkio_window_get_history_view (self);
  if (record == NULL || !pkio_history_view_show_record (history, record))
    pkio_history_view_refresh (history);
  else
    pkio_history_view_focus_start (history);
}

/* GtkApplication would build the shortcuts window with every main window (gtk/help-overlay.ui),
 * a good part of the start-up time; it is built when first asked for instead. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PkioWindow *self = user_data;

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PREFIX "/pkio-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (g_object_ref (gtk_builder_get_object (builder,
                                                                                 "help_overlay")));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }
  gtk_window_present (self->shortcuts_window);
}

/* Whatever asks for a key (the order form without one) leads to the welcome page. */
static void
set_up_key_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  PkioWindow *self = user_data;

  if (!pkio_workspace_get_practice (self->workspace))
    _pkio_window_show_welcome_page (self);
}

static void
key_replaced_cb (PkioWindow *self,
                 const char *who)
{
  g_autofree char *text = NULL;

  if (who == NULL)
    return;
  /* Translators: %s is the person and the CertCentral account the key belongs to */
  text = g_strdup_printf (_("Connected to CertCentral as %s"), who);
  pkio_window_add_toast (self, adw_toast_new (text));
}

/* "Replace key…" (the banner of a key CertCentral no longer accepts, the review): the same
 * checked replacement as Preferences, in a dialog of its own. */
static void
replace_key_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PkioWindow *self = user_data;

  if (pkio_workspace_get_practice (self->workspace))
    return;
  if (self->replace_key_dialog == NULL)
    {
      self->replace_key_dialog = pkio_replace_key_dialog_new (GTK_WINDOW (self), self->workspace);
      g_object_add_weak_pointer (G_OBJECT (self->replace_key_dialog),
                                 (gpointer *) &self->replace_key_dialog);
      g_signal_connect_object (self->replace_key_dialog, "replaced",
                               G_CALLBACK (key_replaced_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->replace_key_dialog));
}

/* "Order from a spreadsheet…": a window of its own, where a file is chosen (or the template
 * saved). */
static void
order_from_spreadsheet_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  PkioWindow *self = user_data;

  if (self->workspace != NULL)
    gtk_window_present (GTK_WINDOW (pkio_batch_window_new (GTK_WINDOW (self),
                                                           self->workspace)));
}

/* A spreadsheet dropped on the window: the same as choosing it. */
static gboolean
file_dropped_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 PkioWindow    *self)
{
  GSList *files;
  PkioBatchWindow *batch_window;

  if (self->workspace == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  /* One file is one batch: several at once are refused rather than mixed. */
  if (files == NULL || files->next != NULL)
    return FALSE;
  batch_window = pkio_batch_window_new (GTK_WINDOW (self), self->workspace);
  pkio_batch_window_open_file (batch_window, files->data);
  gtk_window_present (GTK_WINDOW (batch_window));
  return TRUE;
}

static const GActionEntry window_actions[] = {
  { "show-help-overlay", show_help_overlay_cb },
  { "set-up-key", set_up_key_cb },
  { "replace-key", replace_key_cb },
  { "order-from-spreadsheet", order_from_spreadsheet_cb },
};

void
_pkio_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.order-again", "x", order_again_action_cb);
  gtk_widget_class_install_action (widget_class, "win.renew", "x", renew_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-order-id", "x",
                                   show_order_id_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "new-order");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "history");
}

void
_pkio_window_add_actions (PkioWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  g_signal_connect_object (drop, "drop", G_CALLBACK (file_dropped_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
