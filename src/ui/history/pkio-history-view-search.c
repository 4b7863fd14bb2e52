/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history's search (Ctrl+F, or typing in the list) and its status filter, which is kept in
 * GSettings. Both are questions to the store's index (PkioHistoryResults): a keystroke visits
 * no record and never re-sorts. */
#include "config.h"

#include <glib/gi18n.h>

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

void
_pkio_history_view_search_apply (PkioHistoryView *self)
{
  g_autoptr(PkioHistoryRecord) was = NULL;

  if (self->results == NULL)
    return;
  /* The rows keep their places and get other records (PkioHistoryRows): the selection, which
   * is a place, follows the record. */
  if (self->rows != NULL && _pkio_history_view_get_selected_record (self) != NULL)
    was = g_object_ref (_pkio_history_view_get_selected_record (self));
  pkio_history_results_set_expiry_window (self->results, &self->expiry_window);
  pkio_history_results_set_status_filter (self->results, self->status_filter);
  pkio_history_results_set_search (self->results, self->query);
  _pkio_history_view_reselect (self, was);
}

/* New results are read from the top: and the list builds its rows there, where the first
 * rows a search announces land (GTK 4.8 keeps the row at the top in view as items come and go
 * above it, which would leave a widened search scrolled halfway down). */
static void
scroll_to_top (PkioHistoryView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment != NULL && gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

void
_pkio_history_view_search_changed (PkioHistoryView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (g_strcmp0 (self->query, text) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (text);
  scroll_to_top (self);
  _pkio_history_view_search_apply (self);
}

void
_pkio_history_view_status_filter_changed (PkioHistoryView *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (selected >= G_N_ELEMENTS (status_filter_names) - 1 || selected == self->status_filter)
    return;
  self->status_filter = selected;
  _pkio_history_view_search_apply (self);
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
  /* The results filter again when "Ends soon" or "Ended" is chosen. */
  _pkio_history_view_search_apply (self);
  /* The count line says how many end soon. */
  _pkio_history_view_count_later (self);
}

void
_pkio_history_view_set_status_filter (PkioHistoryView  *self,
                                      PkioStatusFilter  filter)
{
  gtk_drop_down_set_selected (self->status_dropdown, filter);
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
  _pkio_history_view_status_filter_changed (self);
  pkio_accessible_name_drop_down (self->status_dropdown, _("Status filter"));
}

GtkShortcutAction *
_pkio_history_view_focus_search_action_new (void)
{
  return gtk_callback_action_new (focus_search_cb, NULL, NULL);
}
