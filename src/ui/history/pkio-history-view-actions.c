/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-export-file.h"
#include "pkio-history-format.h"
#include "pkio-history-view-private.h"

#define AUTO_REFRESH_SECONDS (10 * 60)
/* Practice orders are issued after 20 s (PKIO_PRACTICE_ISSUE_DELAY_MS): the list shows it
 * without waiting ten minutes. */
#define PRACTICE_AUTO_REFRESH_SECONDS 15

/* ---- last update ---- */

void
_pkio_history_view_update_updated_label (PkioHistoryView *self)
{
  PkioHistoryStore *store = self->workspace ? pkio_workspace_get_store (self->workspace) : NULL;
  g_autofree char *text = NULL;

  if (store == NULL)
    return;
  /* Said in words, not with a spinner: a never-ending animation redraws the window all the time,
   * which on software rendering starves the idle callbacks the sync itself runs on. */
  if (pkio_workspace_get_syncing (self->workspace))
    {
      gtk_label_set_text (self->updated_label, _("Updating from CertCentral…"));
      return;
    }
  text = pkio_history_format_last_updated (pkio_history_store_get_last_sync (store),
                                           g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->updated_label, text);
}

void
_pkio_history_view_update_sync_ui (PkioHistoryView *self)
{
  gboolean can_sync = self->workspace != NULL
                      && pkio_workspace_get_state (self->workspace) == PKIO_WORKSPACE_STATE_READY
                      && !pkio_workspace_get_syncing (self->workspace);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.refresh", can_sync);
  _pkio_history_view_update_updated_label (self);
}

static gboolean
clock_cb (gpointer user_data)
{
  _pkio_history_view_update_updated_label (user_data);
  /* A new day: what ends soon moves with it. */
  _pkio_history_view_update_expiry_window (user_data);
  return G_SOURCE_CONTINUE;
}

void
_pkio_history_view_show_error (PkioHistoryView *self,
                               const char      *text,
                               const char      *action_name)
{
  g_free (self->error_action);
  self->error_action = g_strdup (action_name);
  /* The text stays while the banner slides away. */
  if (text != NULL)
    pkio_banner_set_title (self->error_banner, text);
  pkio_banner_set_action_name (self->error_banner, action_name);
  pkio_banner_set_revealed (self->error_banner, text != NULL);
}

static void
show_toast (PkioHistoryView *self,
            AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* ---- sync ---- */

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PkioHistoryView *self;

  pkio_workspace_sync_finish (PKIO_WORKSPACE (source), result, &error);
  /* Without a ref: a view disposed meanwhile cancelled its cancellable, so this returns. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  /* A key CertCentral no longer accepts is the window's banner to say, with "Replace key…":
   * trying again cannot help. */
  if (error != NULL
      && !(pkio_api_error_get_meaning (error) == PKIO_ERROR_MEANING_FIX_KEY
           && pkio_workspace_get_key_rejected (self->workspace)))
    text = pkio_history_format_sync_error (error);
  _pkio_history_view_show_error (self, text, text != NULL ? "history.refresh" : NULL);
  /* The list and "Last updated" change where the focus is not: a sync the person asked for
   * is also said in a toast (an alert for a screen reader). */
  if (self->announce_sync && error == NULL)
    show_toast (self, adw_toast_new (_("The history is up to date")));
  self->announce_sync = FALSE;
}

void
pkio_history_view_refresh (PkioHistoryView *self)
{
  g_return_if_fail (PKIO_IS_HISTORY_VIEW (self));

  if (self->workspace == NULL
      || pkio_workspace_get_state (self->workspace) != PKIO_WORKSPACE_STATE_READY
      || pkio_workspace_get_syncing (self->workspace))
    return;
  pkio_workspace_sync_async (self->workspace, self->cancellable, synced_cb, self);
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _pkio_history_view_load (PKIO_HISTORY_VIEW (widget));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (widget);

  self->announce_sync = TRUE;
  pkio_history_view_refresh (self);
}

static gboolean
auto_refresh_cb (gpointer user_data)
{
  PkioHistoryView *self = user_data;

  if (self->settings == NULL || g_settings_get_boolean (self->settings, "history-auto-refresh"))
    pkio_history_view_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* ---- narrow windows ---- */

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* ---- where the focus starts ---- */

/* The row of the column view that shows the selected item, brought into view first (GTK 4.8
 * builds the rows near the list's anchor only); NULL when none is selected. */
static GtkWidget *
selected_row (PkioHistoryView *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkWidget *list = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       c != NULL && list == NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      list = c;
  if (list == NULL)
    return NULL;
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED)
      return row;
  return NULL;
}

gboolean
pkio_history_view_focus_start (PkioHistoryView *self)
{
  GtkWidget *row;

  g_return_val_if_fail (PKIO_IS_HISTORY_VIEW (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->new_order_button));
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "details") == 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->details), GTK_DIR_TAB_FORWARD);
  if ((row = selected_row (self)) != NULL && gtk_widget_grab_focus (row))
    return TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- export ---- */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PkioHistoryView *self;
  AdwToast *toast;

  pkio_history_export_file_finish (result, &error);
  /* Without a ref: a view disposed meanwhile cancelled its cancellable, so this returns. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The orders could not be exported: %s"),
                                               error->message);

      /* The way out of a failed export is another export (another place), never a sync. */
      toast = adw_toast_new (text);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Export again"));
      adw_toast_set_action_name (toast, "history.export");
    }
  else
    toast = adw_toast_new (_("Orders exported"));
  show_toast (self, toast);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PkioHistoryView *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    pkio_history_export_file_async (pkio_history_view_get_shown_model (self), file, self->cancellable,
                                    exported_cb, self);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = pkio_history_export_file_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- set-up ---- */

void
_pkio_history_view_class_actions_init (PkioHistoryViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "history.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "history.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action_cb);
}

void
_pkio_history_view_actions_init (PkioHistoryView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.refresh", FALSE);
  self->clock_timer = g_timeout_add_seconds (30, clock_cb, self);
}

void
_pkio_history_view_start_auto_refresh (PkioHistoryView *self)
{
  g_clear_handle_id (&self->auto_refresh_timer, g_source_remove);
  self->auto_refresh_timer =
    g_timeout_add_seconds (pkio_workspace_get_practice (self->workspace)
                           ? PRACTICE_AUTO_REFRESH_SECONDS : AUTO_REFRESH_SECONDS,
                           auto_refresh_cb, self);
}
