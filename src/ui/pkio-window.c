/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-history-view.h"
#include "pkio-welcome-page.h"
#include "pkio-window-private.h"

G_DEFINE_FINAL_TYPE (PkioWindow, pkio_window, ADW_TYPE_APPLICATION_WINDOW)

#if PKIO_TEST_HOOKS
/* Benchmark hook (bench/bench-startup), compiled only with -Dtest_hooks=true: report when the
 * first frame is painted, then quit. Only active when PKIO_ORDERS_BENCH_FIRST_FRAME is set. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        PkioWindow    *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
window_mapped_for_bench_cb (PkioWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self, 0);
}
#endif

static void
pkio_window_constructed (GObject *object)
{
  G_OBJECT_CLASS (pkio_window_parent_class)->constructed (object);

#if PKIO_TEST_HOOKS
  if (g_getenv ("PKIO_ORDERS_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (object, "map", G_CALLBACK (window_mapped_for_bench_cb), NULL);
#endif
}

static void
ensure_history_view (PkioWindow *self)
{
  if (self->history_view != NULL || self->workspace == NULL)
    return;

  g_clear_handle_id (&self->history_idle, g_source_remove);
  self->history_view = pkio_history_view_new (self->settings);
  /* Hidden until History is shown: libadwaita 1.2's view stack measures every visible view,
   * shown or not, and measuring the list makes GTK build rows for it (README, Performance). */
  gtk_widget_set_visible (GTK_WIDGET (self->history_view),
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack),
                                     "history") == 0);
  pkio_accessible_prepare (GTK_WIDGET (self->history_view));
  adw_bin_set_child (self->history_slot, GTK_WIDGET (self->history_view));
  pkio_history_view_set_workspace (self->history_view, self->workspace);
}

static void
visible_view_changed_cb (PkioWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "history") == 0)
    {
      ensure_history_view (self);
      /* None yet while the window has no workspace: then it is built visible. */
      if (self->history_view != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->history_view), TRUE);
    }
}

static gboolean
build_history_idle_cb (gpointer user_data)
{
  PkioWindow *self = user_data;

  self->history_idle = 0;
  ensure_history_view (self);
  return G_SOURCE_REMOVE;
}

/* The history view keeps the account's history up to date (it syncs when the account becomes
 * usable, and every few minutes), so it is built right after the first frame even when the
 * window opens on "New order". Not before the account's state is known, though, nor while the
 * welcome page stands in for the views: without a key there is nothing to sync, and a first
 * start would hold the whole view (2-3 MiB) behind the welcome page (README, Performance). It
 * is built when the views are shown, or at once when asked for. */
static void
schedule_history_view (PkioWindow *self)
{
  if (self->history_view != NULL || self->history_idle != 0 || !self->first_frame_painted
      || self->workspace == NULL
      || pkio_workspace_get_state (self->workspace) == PKIO_WORKSPACE_STATE_LOADING
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") == 0)
    return;
  self->history_idle = g_idle_add_full (G_PRIORITY_LOW, build_history_idle_cb, self, NULL);
}

static void
first_frame_cb (GdkFrameClock *clock,
                PkioWindow    *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  self->first_frame_painted = TRUE;
  if (self->load_after_first_frame)
    {
      self->load_after_first_frame = FALSE;
      pkio_workspace_load_async (self->workspace, NULL, NULL, NULL);
    }
  schedule_history_view (self);
}

static void
mapped_cb (PkioWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, mapped_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_frame_cb), self, 0);
}

static void welcome_connected_cb (PkioWindow *self,
                                  const char *who);
static void welcome_practice_cb  (PkioWindow *self);

/* Most starts have a key: the welcome page (a password entry, its checks) is built only when it
 * is first shown, which keeps it out of the first frame's cost. */
static void
ensure_welcome_page (PkioWindow *self)
{
  if (self->welcome_page != NULL)
    return;

  self->welcome_page = pkio_welcome_page_new ();
  pkio_accessible_prepare (GTK_WIDGET (self->welcome_page));
  g_signal_connect_object (self->welcome_page, "connected", G_CALLBACK (welcome_connected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->welcome_page, "practice", G_CALLBACK (welcome_practice_cb),
                           self, G_CONNECT_SWAPPED);
  if (self->workspace != NULL)
    pkio_welcome_page_set_workspace (self->welcome_page, self->workspace);
  /* The organisation may not allow practice mode: then the page does not offer it. */
  g_settings_bind (self->settings, "practice-mode-allowed", self->welcome_page,
                   "practice-allowed", G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
  adw_bin_set_child (self->welcome_slot, GTK_WIDGET (self->welcome_page));
}

void
_pkio_window_show_welcome_page (PkioWindow *self)
{
  ensure_welcome_page (self);
  gtk_stack_set_visible_child_name (self->content_stack, "welcome");
}

/* ---- the account ---- */

/* The welcome page stands in for the views while the real account has no usable key. */
static void
update_content (PkioWindow *self)
{
  PkioWorkspaceState state = pkio_workspace_get_state (self->workspace);
  gboolean welcome = pkio_workspace_get_needs_key (self->workspace);
  /* The account's state first known (at the start, or in the other account after practice
   * mode came or went): the page comes at once, not in a cross-fade. A cross-fade renders
   * both pages into window-sized textures for its 200 ms; at a first start, the welcome page
   * fading in over the form's heading raised the window's peak memory by several MiB with
   * software rendering (README, Performance), for a change nobody had looked at yet. */
  GtkStackTransitionType transition = self->shown_state == PKIO_WORKSPACE_STATE_LOADING
                                        ? GTK_STACK_TRANSITION_TYPE_NONE
                                        : GTK_STACK_TRANSITION_TYPE_CROSSFADE;

  /* Only removing the key (Preferences) turns a connected account into one without. */
  if (state == PKIO_WORKSPACE_STATE_NO_KEY && self->shown_state == PKIO_WORKSPACE_STATE_READY)
    pkio_window_add_toast (self, adw_toast_new (_("The API key was removed from the keyring")));
  self->shown_state = state;
  if (welcome)
    {
      ensure_welcome_page (self);
      gtk_stack_set_visible_child_full (self->content_stack, "welcome", transition);
    }
  else
    gtk_stack_set_visible_child_full (self->content_stack, "main", transition);
  schedule_history_view (self);
}

static void
welcome_connected_cb (PkioWindow *self,
                      const char *who)
{
  g_autofree char *text = NULL;

  if (who != NULL)
    /* Translators: %s is the person and the CertCentral account the key belongs to */
    text = g_strdup_printf (_("Connected to CertCentral as %s"), who);
  else
    text = g_strdup (_("The key is saved. It is checked with CertCentral when it is first "
                       "used."));
  pkio_window_show_view (self, "new-order");
  update_content (self);
  pkio_window_add_toast (self, adw_toast_new (text));
}

static void
welcome_practice_cb (PkioWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_action_group_activate_action (G_ACTION_GROUP (app), "start-practice", NULL);
}

/* The application replaced its workspace (practice mode started or left): the window's
 * signals and bindings move to it (pkio_window_init ()), and the views follow. */
static void
set_workspace (PkioWindow    *self,
               PkioWorkspace *workspace)
{
  gboolean history_shown = self->history_view != NULL;

  g_set_object (&self->workspace, workspace);
  self->shown_state = PKIO_WORKSPACE_STATE_LOADING;
  g_signal_group_set_target (self->workspace_signals, workspace);
  g_binding_group_set_source (self->workspace_bindings, workspace);
  /* A dialog for the other account's key has nothing to replace any more. */
  if (self->replace_key_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->replace_key_dialog));
  if (self->welcome_page != NULL)
    pkio_welcome_page_set_workspace (self->welcome_page, workspace);
  pkio_order_view_set_workspace (self->order_view, workspace);

  /* A view shows one account: the history of the other one is built anew. */
  if (history_shown)
    {
      adw_bin_set_child (self->history_slot, NULL);
      self->history_view = NULL;
      ensure_history_view (self);
    }
  update_content (self);
  /* The keyring and the history are asked in the background; the window does not wait. Nor
   * does its first frame: 100,000 orders loaded beside it took it from 1.25x to 1.9x the CPU
   * time of a bare window (README, Performance), so they are asked right after it. */
  if (!self->load_after_first_frame)
    pkio_workspace_load_async (workspace, NULL, NULL, NULL);
}

static void
app_workspace_changed_cb (PkioWindow      *self,
                          GParamSpec      *pspec,
                          PkioApplication *app)
{
  set_workspace (self, pkio_application_get_workspace (app));
}

/* Called once from pkio_window_new(), when the application is known. */
static void
pkio_window_attach_application (PkioWindow      *self,
                                PkioApplication *app)
{
  self->settings = g_object_ref (pkio_application_get_settings (app));
  /* Unless the window opens on History, which shows the history at once (below). */
  self->load_after_first_frame = TRUE;

  /* Remember the size the person chose, as GNOME apps do. NO_SENSITIVITY: by default GLib
   * makes a bound widget insensitive when its key is locked, and a window or its views must
   * stay usable whatever an organisation locks (docs/deploying.md). */
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (self->settings, "last-view", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "history") == 0)
    self->load_after_first_frame = FALSE;
  set_workspace (self, pkio_application_get_workspace (app));
  g_signal_connect_object (app, "notify::workspace", G_CALLBACK (app_workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The window opens on "New order" most of the time: the history (its view, the keyring and
   * the database) is built right after the first frame, or at once when it is asked for. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "history") == 0)
    ensure_history_view (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}

static void
pkio_window_dispose (GObject *object)
{
  PkioWindow *self = PKIO_WINDOW (object);

  g_clear_handle_id (&self->history_idle, g_source_remove);
  if (self->replace_key_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->replace_key_dialog),
                                    (gpointer *) &self->replace_key_dialog);
      gtk_window_destroy (GTK_WINDOW (self->replace_key_dialog));
      self->replace_key_dialog = NULL;
    }
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->workspace_bindings);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->shortcuts_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_WINDOW);
  self->history_view = NULL;

  G_OBJECT_CLASS (pkio_window_parent_class)->dispose (object);
}

static void
pkio_window_finalize (GObject *object)
{
  PkioWindow *self = PKIO_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (pkio_window_parent_class)->finalize (object);
}

static void
pkio_window_class_init (PkioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pkio_window_constructed;
  object_class->dispose = pkio_window_dispose;
  object_class->finalize = pkio_window_finalize;

  g_type_ensure (PKIO_TYPE_WELCOME_PAGE);
  g_type_ensure (PKIO_TYPE_BANNER);
  g_type_ensure (PKIO_TYPE_ORDER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pkio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, welcome_slot);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, practice_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, key_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, history_slot);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, order_view);

  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);

  _pkio_window_class_add_actions (widget_class);
}

static void
pkio_window_init (PkioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* Whatever workspace the application has now (set_workspace ()). */
  self->workspace_signals = g_signal_group_new (PKIO_TYPE_WORKSPACE);
  g_signal_group_connect_object (self->workspace_signals, "notify::state",
                                 G_CALLBACK (update_content), self, G_CONNECT_SWAPPED);
  self->workspace_bindings = g_binding_group_new ();
  g_binding_group_bind (self->workspace_bindings, "practice", self->practice_banner,
                        "revealed", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->workspace_bindings, "key-rejected", self->key_banner,
                        "revealed", G_BINDING_SYNC_CREATE);
  _pkio_window_add_actions (self);
}

/* The history view, built now if it was not yet. */
PkioHistoryView *
pkio_window_get_history_view (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  ensure_history_view (self);
  return self->history_view;
}

PkioWindow *
pkio_window_new (PkioApplication *application)
{
  PkioWindow *self;

  g_return_val_if_fail (PKIO_IS_APPLICATION (application), NULL);

  self = g_object_new (PKIO_TYPE_WINDOW, "application", application, NULL);
  pkio_window_attach_application (self, application);
  return self;
}

gboolean
pkio_window_get_practice_banner_visible (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), FALSE);

  return pkio_banner_get_revealed (self->practice_banner);
}

/* AdwViewStack takes the focus out of the page it hides only to a widget of the page it shows
 * that can take it at that moment, else leaves it where it was: on New order's result page,
 * say, when History, just built or still loading, had nothing ready. A keyboard or screen
 * reader user was then nowhere. A focus the switch hid goes where the view starts; a focus
 * elsewhere (the header bar, the view itself) stays. */
static void
focus_into_view (PkioWindow *self,
                 GtkWidget  *page)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !gtk_widget_get_mapped (page)
      || (gtk_widget_get_mapped (focus)
          && (!gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack))
              || gtk_widget_is_ancestor (focus, page))))
    return;
  if (self->history_view != NULL && gtk_widget_is_ancestor (GTK_WIDGET (self->history_view), page))
    pkio_history_view_focus_start (self->history_view);
  else
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

void
pkio_window_show_view (PkioWindow *self,
                       const char *name)
{
  GtkWidget *page;

  g_return_if_fail (PKIO_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  page = adw_view_stack_get_child_by_name (self->stack, name);
  if (page == NULL)
    return;
  adw_view_stack_set_visible_child (self->stack, page);
  focus_into_view (self, page);
}

/* "welcome" while the welcome page stands in for the views, else the view's name. */
const char *
pkio_window_get_visible_view (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") == 0)
    return "welcome";
  return adw_view_stack_get_visible_child_name (self->stack);
}

gboolean
pkio_window_show_order (PkioWindow *self,
                        gint64      local_id)
{
  PkioHistoryRecord *record;

  g_return_val_if_fail (PKIO_IS_WINDOW (self), FALSE);

  record = pkio_history_store_find_by_local_id (pkio_workspace_get_store (self->workspace),
                                                local_id);
  if (record == NULL)
    return FALSE;
  pkio_window_show_view (self, "history");
  if (!pkio_history_view_show_record (pkio_window_get_history_view (self), record))
    return FALSE;
  /* The person asked for this order: the focus goes to it, and a screen reader reads it. */
  pkio_history_view_focus_start (pkio_window_get_history_view (self));
  return TRUE;
}

void
pkio_window_show_ending_soon (PkioWindow *self)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  pkio_window_show_view (self, "history");
  pkio_history_view_show_ending_soon (pkio_window_get_history_view (self));
}

PkioWelcomePage *
pkio_window_get_welcome_page (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  ensure_welcome_page (self);
  return self->welcome_page;
}

void
pkio_window_add_toast (PkioWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
