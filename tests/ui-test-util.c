/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ui-test-util.h"

static gboolean dutch;

void
ui_test_init_translations (void)
{
  const char *localedir = g_getenv ("PKIO_ORDERS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  dutch = g_strcmp0 (g_getenv ("PKIO_TEST_EXPECT_DUTCH"), "1") == 0;
}

gboolean
expect_dutch (void)
{
  return dutch;
}

const char *
expected (const char *english,
          const char *dutch_text)
{
  return dutch ? dutch_text : english;
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
spin_until (gboolean (*done) (gpointer),
            gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (20, wake_up_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_up);
  g_assert_true (done (data));
}

gboolean
widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

GtkWindow *
find_shown_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* One application per process, as in the real app (GApplication exports itself on the bus). */
PkioApplication *
start_application (void)
{
  static PkioApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = pkio_application_new ();
      /* Tests run side by side on one bus: never become the primary instance of the real id. */
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return g_object_ref (app);
}

static GObject *
section_child (GtkWidget  *widget,
               const char *name)
{
  GObject *found = NULL;

  if (PKIO_IS_ORDER_SECTION (widget))
    found = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), name);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && found == NULL; child = gtk_widget_get_next_sibling (child))
    found = section_child (child, name);
  return found;
}

GObject *
order_form_child (PkioOrderForm *form,
                  const char    *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (form), PKIO_TYPE_ORDER_FORM, name);

  return found != NULL ? found : section_child (GTK_WIDGET (form), name);
}
