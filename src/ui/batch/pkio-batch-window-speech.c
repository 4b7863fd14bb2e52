/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pkio-accessible-announce.h"
#include "pkio-batch-window-private.h"

/* What a screen reader says in the batch window, where GTK 4.8 and Orca 43 said too little
 * (tests/test-orca.py hears it, in English and Dutch):
 *  - The title and the note over a page's first list were never read: Orca reads a list's
 *    name when the focus enters it, and these lists were called "Problems" and "What is
 *    ordered". They are called by the title and the note now: "3 problems in people.csv.
 *    Nothing was sent. …", "Place 30 orders from people.csv? Every row was checked. …", and
 *    once placed "All 30 orders are placed. Every order is in History, …".
 *  - When the problems or the orders show, the focus goes to the list's first row. It was on
 *    the button of the page that went, and GTK left it nowhere or on whatever came first; once
 *    placed, it went to the title, which cannot take it, so the outcome was not said at all.
 *  - Each time the window becomes active, its focus is given again: GTK 4.8 says what has the
 *    focus before it says the window became active, and Orca 43 then read the window's title
 *    alone on opening (where the focus was, only after Tab), and a page that showed while the
 *    file chooser was still closing as its row alone, without its list's name.
 *  - Each row placed is said ("12 of 30 placed") while the focus stays on "Stop After This
 *    Order": the title changed, and nothing else was said until the end.
 *  - A file that cannot be used ("This file cannot be used", and why): the focus goes to
 *    "Choose Another File…", described by the page's title and message. It stayed on the
 *    start page's button, gone with its page, and nothing of the page was said. */

static char *
title_and_note (const char *text,
                const char *note)
{
  gsize length;

  text = text != NULL ? text : "";
  length = strlen (text);

  if (note == NULL || *note == '\0')
    return g_strdup (text);
  /* "Place 2 orders from people.csv? Every row …", "3 problems in people.csv. Nothing …" */
  if (length > 0 && strchr (".?!:", text[length - 1]) != NULL)
    return g_strdup_printf ("%s %s", text, note);
  return g_strdup_printf ("%s. %s", text, note);
}

static void
name_list (GtkWidget  *list,
           const char *name)
{
  /* The summary's list is labelled by its group's title ("What is ordered"), which Orca would
   * read instead of the name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
name_problems_list (PkioBatchWindow *self)
{
  g_autofree char *name = title_and_note (gtk_label_get_text (self->problems_title),
                                          _("Nothing was sent. Correct these rows in the "
                                            "spreadsheet, save it as CSV, then open it again."));

  name_list (GTK_WIDGET (self->problems_list), name);
}

static void
name_summary_list (PkioBatchWindow *self)
{
  g_autofree char *name = title_and_note (gtk_label_get_text (self->orders_title),
                                          gtk_label_get_text (self->orders_note));

  name_list (gtk_widget_get_parent (GTK_WIDGET (self->count_row)), name);
}

static gboolean
focus_again (gpointer user_data)
{
  PkioBatchWindow *self = user_data;
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  self->refocus_id = 0;
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return G_SOURCE_REMOVE;
  if (focus == NULL)
    {
      /* Nothing had it: the first control, as Tab would. */
      gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
      return G_SOURCE_REMOVE;
    }
  /* GTK tells AT-SPI of a focus change only: away, and back. */
  g_object_ref (focus);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_grab_focus (focus);
  g_object_unref (focus);
  return G_SOURCE_REMOVE;
}

/* Each time, not only the first: the window may become active, lose it and become active
 * again while it opens. Once idle: the main window's menu that opened this window gives its
 * focus back to its button just after this window became active, and Orca 43 skips a focus
 * event that another one, anywhere, follows. */
static void
focus_again_when_active (PkioBatchWindow *self,
                         GParamSpec      *pspec,
                         gpointer         user_data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->refocus_id == 0)
    self->refocus_id = g_idle_add (focus_again, self);
}

void
_pkio_batch_window_init_speech (PkioBatchWindow *self)
{
  g_signal_connect_object (self->problems_title, "notify::label",
                           G_CALLBACK (name_problems_list), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders_title, "notify::label",
                           G_CALLBACK (name_summary_list), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders_note, "notify::label",
                           G_CALLBACK (name_summary_list), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (focus_again_when_active), NULL);
}

static void
describe_refused (PkioBatchWindow *self)
{
  g_autofree char *text = title_and_note (adw_status_page_get_title (self->refused_page),
                                          adw_status_page_get_description (self->refused_page));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refused_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
_pkio_batch_window_focus_page (PkioBatchWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);
  GtkWidget *row = NULL;

  if (g_strcmp0 (page, "problems") == 0)
    /* A list view gives the focus to its row last left: the first, on a page just shown. */
    row = GTK_WIDGET (self->problems_list);
  else if (g_strcmp0 (page, "orders") == 0)
    row = GTK_WIDGET (self->count_row);
  else if (g_strcmp0 (page, "refused") == 0)
    {
      describe_refused (self);
      row = GTK_WIDGET (self->refused_button);
    }
  /* Said at once when the window is active, else when it becomes so (above). */
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

void
_pkio_batch_window_announce_progress (PkioBatchWindow *self)
{
  pkio_accessible_announce (GTK_WIDGET (self->stop_button),
                            gtk_label_get_text (self->orders_title));
}
