/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-export-file.h"
#include "pkio-history-format.h"
#include "pkio-history-view-private.h"

#define AUTO_REFRESH_SECONDS (10 * 60)

/* ---- last update ---- */

void
_pkio_history_view_update_updated_label (PkioHistoryView *self)
{
  PkioHistoryStore *store = self->workspace ? pkio_workspace_get_store (self->workspace) : NULL;
  g_autofree char *text = NULL;

  if (store == NULL || self->syncing)
    return;
  text = pkio_history_format_last_updated (pkio_history_store_get_last_sync (store),
                                           g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->updated_label, text);
}

static gboolean
clock_cb (gpointer user_data)
{
  _pkio_history_view_update_updated_label (user_data);
  return G_SOURCE_CONTINUE;
}

static void
show_sync_error (PkioHistoryView *self,
                 const GError    *error)
{
  g_autofree char *text = error ? pkio_history_format_sync_error (error) : NULL;

  if (text != NULL)
    gtk_label_set_text (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}

/* ---- sync ---- */

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioHistoryView) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_workspace_sync_finish (PKIO_WORKSPACE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->syncing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.refresh", TRUE);
  show_sync_error (self, error);
  _pkio_history_view_update_updated_label (self);
}

void
pkio_history_view_refresh (PkioHistoryView *self)
{
  g_return_if_fail (PKIO_IS_HISTORY_VIEW (self));

  if (self->syncing || self->workspace == NULL || !pkio_workspace_is_loaded (self->workspace)
      || pkio_workspace_get_client (self->workspace) == NULL)
    return;
  /* Said in words, not with a spinner: a never-ending animation redraws the window all the time,
   * which on software rendering starves the idle callbacks the sync itself runs on. */
  self->syncing = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.refresh", FALSE);
  gtk_label_set_text (self->updated_label, _("Updating from CertCentral…"));
  pkio_workspace_sync_async (self->workspace, self->cancellable, synced_cb, g_object_ref (self));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pkio_history_view_refresh (PKIO_HISTORY_VIEW (widget));
}

static gboolean
auto_refresh_cb (gpointer user_data)
{
  PkioHistoryView *self = user_data;

  if (g_settings_get_boolean (self->settings, "history-auto-refresh"))
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

/* ---- export ---- */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PkioHistoryView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (!pkio_history_export_file_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The orders could not be exported: %s"), error->message);
      gtk_label_set_text (self->error_label, text);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("Orders exported")));
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
    pkio_history_export_file_async (G_LIST_MODEL (self->filter_model), file, self->cancellable,
                                    exported_cb, g_object_ref (self));
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
}

void
_pkio_history_view_actions_init (PkioHistoryView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.refresh", FALSE);
  self->auto_refresh_timer = g_timeout_add_seconds (AUTO_REFRESH_SECONDS, auto_refresh_cb, self);
  self->clock_timer = g_timeout_add_seconds (30, clock_cb, self);
}
