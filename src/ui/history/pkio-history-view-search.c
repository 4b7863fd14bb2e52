/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history's search (Ctrl+F, or typing in the list) and its status filter, which is kept in
 * GSettings. One GtkCustomFilter does both: a keystroke re-filters, never re-sorts. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-accessible.h"
#include "pkio-history-view-private.h"
#include "pkio-settings-choice.h"
#include "pkio-settings.h"

/* The values of the history-status-filter setting, in the drop-down's order (that of
 * PkioStatusFilter). */
static const char * const status_filter_names[] = { "all", "in-progress", "issued", "problems",
                                                    "ends-soon", "ended", NULL };

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (widget);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->search_entry)))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PkioHistoryView *self = user_data;

  return (self->status_filter == PKIO_STATUS_FILTER_ALL
          || pkio_history_record_matches_category (item, self->status_filter,
                                                  &self->expiry_window))
         && pkio_history_record_matches_query (item, self->prepared_query);
}

void
_pkio_history_view_search_changed (PkioHistoryView *self)
{
  g_autofree char *old = g_steal_pointer (&self->query);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->query = g_strstrip (g_strdup (text));
  if (g_strcmp0 (old ? old : "", self->query) == 0)
    return;
  g_clear_pointer (&self->prepared_query, pkio_history_query_free);
  self->prepared_query = pkio_history_query_new (self->query);
  if (old == NULL || strstr (self->query, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old, self->query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
status_filter_changed_cb (PkioHistoryView *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (selected >= G_N_ELEMENTS (status_filter_names) - 1 || selected == self->status_filter)
    return;
  self->status_filter = selected;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
_pkio_history_view_update_expiry_window (PkioHistoryView *self)
{
  PkioExpiryWindow window;

  /* The view's settings are the ones it follows for changes (the app's); a view without them
   * takes the account's. */
  pkio_expiry_window_init (&window, self->settings != NULL
                                    ? pkio_settings_get_expiry_warning_days (self->settings)
                                    : self->workspace != NULL
                                    ? pkio_workspace_get_expiry_warning_days (self->workspace)
                                    : PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
  if (window.today == self->expiry_window.today
      && window.warning_days == self->expiry_window.warning_days)
    return;
  self->expiry_window = window;
  if (self->status_filter == PKIO_STATUS_FILTER_ENDS_SOON
      || self->status_filter == PKIO_STATUS_FILTER_ENDED)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* The count line says how many end soon. */
  _pkio_history_view_count_later (self);
}

void
_pkio_history_view_set_status_filter (PkioHistoryView  *self,
                                      PkioStatusFilter  filter)
{
  gtk_drop_down_set_selected (self->status_dropdown, filter);
}

GtkCustomFilter *
_pkio_history_view_filter_new (PkioHistoryView *self)
{
  return gtk_custom_filter_new (filter_func, self, NULL);
}

void
_pkio_history_view_bind_status_filter (PkioHistoryView *self)
{
  pkio_settings_bind_choice (self->settings, "history-status-filter", self->status_dropdown,
                             status_filter_names);
}

void
_pkio_history_view_search_init (PkioHistoryView *self)
{
  pkio_expiry_window_init (&self->expiry_window, PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
  status_filter_changed_cb (self);
  pkio_accessible_name_drop_down (self->status_dropdown, _("Status filter"));
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (status_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (_pkio_history_view_search_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkShortcutAction *
_pkio_history_view_focus_search_action_new (void)
{
  return gtk_callback_action_new (focus_search_cb, NULL, NULL);
}
