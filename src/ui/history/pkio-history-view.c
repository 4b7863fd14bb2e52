/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-format.h"
#include "pkio-history-view-private.h"

G_DEFINE_FINAL_TYPE (PkioHistoryView, pkio_history_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SETTINGS,
};

static void update_counts (PkioHistoryView *self);

/* The store already keeps unknown records first, then newest first: with no column chosen
 * the list uses that order and 100,000 rows need no sorting at all. */
static void
column_sort_changed_cb (PkioHistoryView *self)
{
  GtkSorter *column_sorter = gtk_column_view_get_sorter (self->column_view);

  gtk_sort_list_model_set_sorter (self->sort_model,
                                  gtk_sorter_get_order (column_sorter) == GTK_SORTER_ORDER_NONE
                                  ? NULL : self->full_sorter);
}

/* ---- counts and states ---- */

/* "No orders yet" only once that is known: the history is read and holds nothing, and the
 * account has answered a sync (now or before: the store keeps its time) or cannot be asked
 * (no key, no keyring). Until the first answer the list says "Updating from CertCentral…":
 * the practice examples, or an account's orders placed elsewhere, may be on their way. */
static gboolean
known_empty (PkioHistoryView *self)
{
  PkioHistoryStore *store = self->workspace ? pkio_workspace_get_store (self->workspace) : NULL;
  PkioWorkspaceState state;

  if (store == NULL || !pkio_history_store_is_loaded (store)
      || g_list_model_get_n_items (G_LIST_MODEL (store)) != 0)
    return FALSE;
  state = pkio_workspace_get_state (self->workspace);
  return self->sync_answered || pkio_history_store_get_last_sync (store) != 0
         || (state != PKIO_WORKSPACE_STATE_READY && state != PKIO_WORKSPACE_STATE_LOADING);
}

static void
update_pages (PkioHistoryView *self)
{
  gboolean empty = known_empty (self);
  guint shown = g_list_model_get_n_items (pkio_history_view_get_shown_model (self));

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "list");
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown == 0 && self->total > 0 ? "no-match" : "rows");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", shown > 0);
}

static void
update_counts (PkioHistoryView *self)
{
  g_autofree char *text = pkio_history_format_counts (
    g_list_model_get_n_items (pkio_history_view_get_shown_model (self)), self->total,
    self->in_progress,
    self->ending_soon);

  gtk_label_set_text (self->counts_label, text);
  update_pages (self);
}

/* The counts come from the store's index (no record is visited), but changing the label's text
 * lays it out again: once per burst of changes, not per change. */
static gboolean
count_store_cb (gpointer user_data)
{
  PkioHistoryView *self = user_data;
  PkioHistoryStore *store = pkio_workspace_get_store (self->workspace);

  self->counts_idle = 0;
  self->in_progress = pkio_history_store_count (store, PKIO_STATUS_FILTER_IN_PROGRESS, NULL);
  self->ending_soon = pkio_history_store_count (store, PKIO_STATUS_FILTER_ENDS_SOON,
                                                &self->expiry_window);
  self->total = g_list_model_get_n_items (G_LIST_MODEL (store));
  update_counts (self);
  return G_SOURCE_REMOVE;
}

void
_pkio_history_view_count_later (PkioHistoryView *self)
{
  PkioHistoryStore *store;

  if (self->workspace == NULL)
    return;
  store = pkio_workspace_get_store (self->workspace);

  /* While a large history streams in, counting after every chunk would cost more than the
   * loading itself: count twice a second then, and right away once everything is in. */
  if (self->counts_idle != 0)
    return;
  if (pkio_history_store_is_loaded (store))
    self->counts_idle = g_idle_add_full (G_PRIORITY_DEFAULT, count_store_cb, self, NULL);
  else
    self->counts_idle = g_timeout_add (500, count_store_cb, self);
}

static void
store_loaded_cb (PkioHistoryView *self)
{
  g_clear_handle_id (&self->counts_idle, g_source_remove);
  _pkio_history_view_count_later (self);
  update_pages (self);
}

static void
update_recovered_note (PkioHistoryView *self)
{
  const char *path = pkio_workspace_get_recovered_path (self->workspace);
  g_autofree char *text = NULL;

  if (path != NULL)
    {
      /* Translators: %s is the file the damaged history was moved to */
      text = g_strdup_printf (_("The history file was damaged. It was kept as %s and a new "
                                "history is built from CertCentral."), path);
      gtk_label_set_text (self->recovered_label, text);
    }
  gtk_revealer_set_reveal_child (self->recovered_revealer, path != NULL);
}

/* What the account can do now decides the notes above the list, and whether it syncs. */
static void
workspace_state_changed_cb (PkioHistoryView *self)
{
  PkioWorkspaceState state = pkio_workspace_get_state (self->workspace);
  g_autofree char *note = pkio_history_format_key_note (
    state, pkio_workspace_get_state_message (self->workspace));
  gboolean became_ready = state == PKIO_WORKSPACE_STATE_READY
                          && self->shown_state != PKIO_WORKSPACE_STATE_READY;

  self->shown_state = state;
  /* Another address (another account) answers anew. */
  if (state == PKIO_WORKSPACE_STATE_LOADING)
    self->sync_answered = FALSE;
  if (note != NULL)
    gtk_label_set_text (self->key_label, note);
  gtk_revealer_set_reveal_child (self->key_revealer, note != NULL);

  if (state == PKIO_WORKSPACE_STATE_FAILED)
    {
      g_autofree char *text = g_strdup_printf (_("The order history could not be opened: %s"),
                                               pkio_workspace_get_state_message (self->workspace));

      _pkio_history_view_show_error (self, text, "history.reload");
    }
  else if (self->error_action != NULL && g_str_equal (self->error_action, "history.reload"))
    _pkio_history_view_show_error (self, NULL, NULL);

  _pkio_history_view_update_sync_ui (self);
  update_pages (self);
  /* Each time the account becomes usable (at start, after a new key or address), its
   * history is brought up to date. */
  if (became_ready)
    pkio_history_view_refresh (self);
}

/* A sync that ends, well or not, is the account's answer: what the list shows is known. */
static void
syncing_changed_cb (PkioHistoryView *self)
{
  if (!pkio_workspace_get_syncing (self->workspace))
    self->sync_answered = TRUE;
  _pkio_history_view_update_sync_ui (self);
  update_pages (self);
}

/* A key CertCentral takes again (replaced, or given back): the list catches up at once. A
 * sync that found it so is still running, and is not started twice. */
static void
key_rejected_changed_cb (PkioHistoryView *self)
{
  if (!pkio_workspace_get_key_rejected (self->workspace))
    pkio_history_view_refresh (self);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PkioHistoryView *self;

  /* Without a ref: a view disposed meanwhile cancelled its cancellable, so this returns. */
  if (!pkio_workspace_load_finish (PKIO_WORKSPACE (source), result, &error))
    return;
  self = user_data;
  update_recovered_note (self);
  _pkio_history_view_update_updated_label (self);
  _pkio_history_view_count_later (self);
}

void
_pkio_history_view_load (PkioHistoryView *self)
{
  pkio_workspace_load_async (self->workspace, self->cancellable, loaded_cb, self);
}

/* ---- selection and narrow windows ---- */

static gboolean
find_shown (PkioHistoryView   *self,
            PkioHistoryRecord *record,
            guint             *position)
{
  return self->results != NULL && pkio_history_results_find (self->results, record, position);
}

PkioHistoryRecord *
_pkio_history_view_get_selected_record (PkioHistoryView *self)
{
  PkioHistoryRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? pkio_history_row_get_record (row) : NULL;
}

void
_pkio_history_view_reselect (PkioHistoryView   *self,
                             PkioHistoryRecord *was)
{
  guint position;

  if (was == NULL)
    return;
  if (find_shown (self, was, &position))
    {
      if (gtk_single_selection_get_selected (self->selection) != position)
        gtk_single_selection_set_selected (self->selection, position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
reselect_cb (gpointer user_data)
{
  PkioHistoryView *self = user_data;
  PkioHistoryRecord *record = pkio_history_details_get_record (self->details);
  guint position;

  self->reselect_idle = 0;
  if (record != NULL && find_shown (self, record, &position))
    gtk_single_selection_set_selected (self->selection, position);
  else
    pkio_history_details_set_record (self->details, NULL);
  return G_SOURCE_REMOVE;
}

static void
selection_changed_cb (PkioHistoryView *self)
{
  PkioHistoryRecord *record = _pkio_history_view_get_selected_record (self);
  PkioHistoryRecord *showing = pkio_history_details_get_record (self->details);
  guint position;

  /* A record whose outcome became known (the person chose its order, say) moves: the store
   * takes it out and puts it back further down, which unselects it. Keep showing it if it
   * comes back; a person unselecting it leaves it in the list, and that clears at once. */
  if (record == NULL && showing != NULL && !find_shown (self, showing, &position))
    {
      if (self->reselect_idle == 0)
        self->reselect_idle = g_idle_add (reselect_cb, self);
      return;
    }
  pkio_history_details_set_record (self->details, record);
  if (record != NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

static void
folded_changed_cb (PkioHistoryView *self)
{
  pkio_history_details_set_show_back (self->details, adw_leaflet_get_folded (self->leaflet));
}

/* ---- columns that fit ---- */

/* When the list is too narrow for every column, these go first, in this order; holder and
 * status always stay. The details page shows them all (and search finds numbers). GTK 4.8
 * has no breakpoints, so the list watches its own width: the content is wider than the
 * visible part when the horizontal adjustment's upper exceeds its page size. */
static const PkioHistoryColumn fit_order[PKIO_HISTORY_N_FIT_COLUMNS] = {
  PKIO_HISTORY_COLUMN_PLACED,
  PKIO_HISTORY_COLUMN_SHIPPING,
  PKIO_HISTORY_COLUMN_PROFILE,
  PKIO_HISTORY_COLUMN_ORDER,
  PKIO_HISTORY_COLUMN_DATE,
  PKIO_HISTORY_COLUMN_VALID_UNTIL,
};

static gboolean
fit_columns_cb (gpointer user_data)
{
  PkioHistoryView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  double page;
  double content;

  self->fit_idle = 0;
  if (adjustment == NULL || (page = gtk_adjustment_get_page_size (adjustment)) <= 0)
    return G_SOURCE_REMOVE;
  content = gtk_adjustment_get_upper (adjustment);

  if (content > page + 1 && self->n_fit_hidden < G_N_ELEMENTS (fit_order))
    {
      /* Remember how wide the list had to be for this column, to show it again. */
      self->fit_needed[self->n_fit_hidden] = content;
      gtk_column_view_column_set_visible (self->columns[fit_order[self->n_fit_hidden]], FALSE);
      self->n_fit_hidden++;
    }
  else if (self->n_fit_hidden > 0 && page >= self->fit_needed[self->n_fit_hidden - 1])
    {
      self->n_fit_hidden--;
      gtk_column_view_column_set_visible (self->columns[fit_order[self->n_fit_hidden]], TRUE);
    }
  return G_SOURCE_REMOVE;
}

/* Runs during size allocation: the columns change afterwards, never in the middle of it. */
static void
list_width_changed_cb (PkioHistoryView *self)
{
  if (self->fit_idle == 0)
    self->fit_idle = g_idle_add (fit_columns_cb, self);
}

/* ---- GObject ---- */

static void
pkio_history_view_constructed (GObject *object)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (object);

  G_OBJECT_CLASS (pkio_history_view_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      _pkio_history_view_bind_status_filter (self);
      g_signal_connect_object (self->settings, "changed::expiry-warning-days",
                               G_CALLBACK (_pkio_history_view_update_expiry_window), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
pkio_history_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_history_view_dispose (GObject *object)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->counts_idle, g_source_remove);
  g_clear_handle_id (&self->reselect_idle, g_source_remove);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_clear_handle_id (&self->auto_refresh_timer, g_source_remove);
  g_clear_handle_id (&self->clock_timer, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  /* The list goes away after this: a column sort undone then changes the rows, which must not
   * reach labels already gone. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->results != NULL)
    g_signal_handlers_disconnect_by_data (self->results, self);
  /* AdwBin unparents its child itself: gtk_widget_dispose_template () would do it twice. */
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->results);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (pkio_history_view_parent_class)->dispose (object);
}

static void
pkio_history_view_finalize (GObject *object)
{
  PkioHistoryView *self = PKIO_HISTORY_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->error_action, g_free);
  g_clear_object (&self->full_sorter);
  /* In finalize: the column view's sorter may still change after dispose
   * (column_sort_changed_cb ()). */
  g_clear_object (&self->sort_model);
  g_clear_pointer (&self->query, g_free);
  /* In finalize: the counts may be asked for until the list is gone. */
  g_clear_object (&self->no_results);

  G_OBJECT_CLASS (pkio_history_view_parent_class)->finalize (object);
}

static void
pkio_history_view_class_init (PkioHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pkio_history_view_constructed;
  object_class->dispose = pkio_history_view_dispose;
  object_class->finalize = pkio_history_view_finalize;
  object_class->set_property = pkio_history_view_set_property;

  /* The app's settings: where the status filter is remembered. NULL: nothing is. */
  g_object_class_install_property (object_class, PROP_SETTINGS,
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_type_ensure (PKIO_TYPE_BANNER);
  g_type_ensure (PKIO_TYPE_HISTORY_DETAILS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/history/pkio-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, key_revealer);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, key_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, recovered_revealer);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, recovered_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, error_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, counts_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, updated_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, details);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryView, new_order_button);
  gtk_widget_class_bind_template_child_full (widget_class, "date_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_DATE]));
  gtk_widget_class_bind_template_child_full (widget_class, "holder_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_HOLDER]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_STATUS]));
  gtk_widget_class_bind_template_child_full (widget_class, "valid_until_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_VALID_UNTIL]));
  gtk_widget_class_bind_template_child_full (widget_class, "order_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_ORDER]));
  gtk_widget_class_bind_template_child_full (widget_class, "profile_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_PROFILE]));
  gtk_widget_class_bind_template_child_full (widget_class, "shipping_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_SHIPPING]));
  gtk_widget_class_bind_template_child_full (widget_class, "placed_column", FALSE,
    G_STRUCT_OFFSET (PkioHistoryView, columns[PKIO_HISTORY_COLUMN_PLACED]));
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, _pkio_history_view_search_changed);
  gtk_widget_class_bind_template_callback (widget_class,
                                           _pkio_history_view_status_filter_changed);

  _pkio_history_view_class_actions_init (klass);
}

/* The empty History's icon, given when the view is first shown. libadwaita 1.2's view stack
 * measures every view, shown or not, and measuring an image loads its icon: this one is drawn
 * at 128 px, above the largest PNG of the icon theme, so it is the theme's SVG, which loads
 * librsvg (6 MiB) into a start with a key and no orders yet (README, Performance). */
static void
first_mapped_cb (PkioHistoryView *self)
{
  g_signal_handlers_disconnect_by_func (self, first_mapped_cb, NULL);
  adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
}

static void
pkio_history_view_init (PkioHistoryView *self)
{
  GtkEventController *shortcuts;
  GtkMultiSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  pkio_history_columns_init (self->columns, &self->expiry_window);
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (
    pkio_history_columns_compare_attention, NULL, NULL)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->full_sorter = GTK_SORTER (sorter);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (column_sort_changed_cb), self, G_CONNECT_SWAPPED);

  /* Sorting sits below the search: a keystroke asks the index and re-sorts nothing. The
   * results need the store, so they come with the workspace. */
  self->sort_model = gtk_sort_list_model_new (NULL, NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* The results, not the rows: a new search may change no row count and every record. */
  self->no_results = g_list_store_new (PKIO_TYPE_HISTORY_RECORD);

  _pkio_history_view_search_init (self);
  folded_changed_cb (self);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                           "changed", G_CALLBACK (list_width_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Ctrl+R works wherever the focus is in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_r, GDK_CONTROL_MASK),
                      gtk_named_action_new ("history.refresh")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      _pkio_history_view_focus_search_action_new ()));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  /* As in GNOME's lists: typing in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  _pkio_history_view_actions_init (self);
  update_counts (self);
  g_signal_connect (self, "map", G_CALLBACK (first_mapped_cb), NULL);
}

PkioHistoryView *
pkio_history_view_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (PKIO_TYPE_HISTORY_VIEW, "settings", settings, NULL);
}

void
pkio_history_view_set_workspace (PkioHistoryView *self,
                                 PkioWorkspace   *workspace)
{
  PkioHistoryStore *store;

  g_return_if_fail (PKIO_IS_HISTORY_VIEW (self));
  g_return_if_fail (PKIO_IS_WORKSPACE (workspace));
  g_return_if_fail (self->workspace == NULL);

  self->workspace = g_object_ref (workspace);
  store = pkio_workspace_get_store (workspace);
  pkio_history_details_set_workspace (self->details, workspace);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (store));
  self->results = pkio_history_results_new (store, G_LIST_MODEL (self->sort_model));
  g_signal_connect_object (self->results, "items-changed", G_CALLBACK (update_counts), self,
                           G_CONNECT_SWAPPED);
  _pkio_history_view_search_apply (self);
  self->rows = pkio_history_rows_new (self->results);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  update_counts (self);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (_pkio_history_view_count_later),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::loaded", G_CALLBACK (store_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::last-sync",
                           G_CALLBACK (_pkio_history_view_update_updated_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::state", G_CALLBACK (workspace_state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::syncing", G_CALLBACK (syncing_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::key-rejected",
                           G_CALLBACK (key_rejected_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::recovered-path",
                           G_CALLBACK (update_recovered_note), self, G_CONNECT_SWAPPED);
  _pkio_history_view_update_expiry_window (self);
  workspace_state_changed_cb (self);
  _pkio_history_view_start_auto_refresh (self);
  _pkio_history_view_load (self);
}

PkioWorkspace *
pkio_history_view_get_workspace (PkioHistoryView *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_VIEW (self), NULL);

  return self->workspace;
}

GListModel *
pkio_history_view_get_shown_model (PkioHistoryView *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_VIEW (self), NULL);

  return self->results != NULL ? G_LIST_MODEL (self->results) : G_LIST_MODEL (self->no_results);
}

gboolean
pkio_history_view_show_record (PkioHistoryView   *self,
                               PkioHistoryRecord *record)
{
  guint position = 0;

  g_return_val_if_fail (PKIO_IS_HISTORY_VIEW (self), FALSE);
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (record), FALSE);

  /* A search or filter that hides it is given up: the person asked for this order. */
  if (!find_shown (self, record, &position))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      _pkio_history_view_search_changed (self);
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      if (!find_shown (self, record, &position))
        return FALSE;
    }
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

void
pkio_history_view_show_ending_soon (PkioHistoryView *self)
{
  g_return_if_fail (PKIO_IS_HISTORY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _pkio_history_view_search_changed (self);
  _pkio_history_view_set_status_filter (self, PKIO_STATUS_FILTER_ENDS_SOON);
}

gboolean
pkio_history_view_is_syncing (PkioHistoryView *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_VIEW (self), FALSE);

  return self->workspace != NULL && pkio_workspace_get_syncing (self->workspace);
}
