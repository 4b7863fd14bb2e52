/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-view.h"
#include "pkio-window.h"
#include "pkio-workspace.h"

struct _PkioWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *practice_banner;
  GtkMenuButton        *primary_menu_button;
  PkioHistoryView      *history_view;

  GSettings            *settings;
  PkioWorkspace        *workspace;
};

G_DEFINE_FINAL_TYPE (PkioWindow, pkio_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pkio_window_show_view (PKIO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Benchmark hook (bench/bench-startup): report when the first frame is painted, then quit.
 * Only active when PKIO_ORDERS_BENCH_FIRST_FRAME is set. */
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

static void
pkio_window_constructed (GObject *object)
{
  PkioWindow *self = PKIO_WINDOW (object);

  G_OBJECT_CLASS (pkio_window_parent_class)->constructed (object);

  if (g_getenv ("PKIO_ORDERS_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (self, "map", G_CALLBACK (window_mapped_for_bench_cb), NULL);
}

/* Called once from pkio_window_new(), when the application is known. */
static void
pkio_window_attach_application (PkioWindow      *self,
                                PkioApplication *app)
{
  self->settings = g_object_ref (pkio_application_get_settings (app));
  gtk_revealer_set_reveal_child (self->practice_banner, pkio_application_get_practice (app));

  /* Remember the size the person chose, as GNOME apps do. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-view", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  self->workspace = pkio_workspace_new (self->settings, pkio_application_get_practice (app));
  pkio_history_view_set_workspace (self->history_view, self->workspace);
}

static void
pkio_window_dispose (GObject *object)
{
  PkioWindow *self = PKIO_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_WINDOW);

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

  g_type_ensure (PKIO_TYPE_HISTORY_VIEW);
  object_class->constructed = pkio_window_constructed;
  object_class->dispose = pkio_window_dispose;
  object_class->finalize = pkio_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pkio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, practice_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, history_view);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "new-order");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "history");
}

static void
pkio_window_init (PkioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  return gtk_revealer_get_reveal_child (self->practice_banner);
}

void
pkio_window_show_view (PkioWindow *self,
                       const char *name)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
pkio_window_get_visible_view (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
pkio_window_add_toast (PkioWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
