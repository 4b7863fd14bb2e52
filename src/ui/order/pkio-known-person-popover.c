/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pkio-known-person-popover.h"

/* More would not help anyone choose; the search narrows the list instead. */
#define MAX_PEOPLE 500

struct _PkioKnownPersonPopover
{
  GtkPopover        parent_instance;

  /* Template children */
  GtkSearchEntry   *search_entry;
  GtkListBox       *list;
  GtkStack         *stack;

  PkioHistoryStore *store;
  char             *query;
};

G_DEFINE_FINAL_TYPE (PkioKnownPersonPopover, pkio_known_person_popover, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
person_label (PkioHistoryRecord *record)
{
  const char *name = pkio_history_record_get_holder_name (record);
  const char *email = pkio_history_record_get_holder_email (record);

  if (name != NULL && *name && email != NULL && *email)
    return g_strdup_printf ("%s (%s)", name, email);
  if (name != NULL && *name)
    return g_strdup (name);
  if (email != NULL && *email)
    return g_strdup (email);
  return NULL;
}

char *
pkio_known_person_label_for (PkioHistoryStore *store,
                             gint64            individual_id)
{
  guint n;

  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (store), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n && individual_id > 0; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), i);
      char *label;

      if (pkio_history_record_get_individual_id (record) != individual_id)
        continue;
      label = person_label (record);
      if (label != NULL)
        return label;
    }
  return NULL;
}

static void
row_activated_cb (PkioKnownPersonPopover *self,
                  GtkListBoxRow          *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "individual-id"));
  const char *label = g_object_get_data (G_OBJECT (row), "label");
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, id, name, label);
}

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  PkioKnownPersonPopover *self = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "haystack");

  return self->query == NULL || *self->query == '\0' || strstr (haystack, self->query) != NULL;
}

static void
search_changed_cb (PkioKnownPersonPopover *self)
{
  g_free (self->query);
  self->query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_list_box_invalidate_filter (self->list);
}

static void
fill (PkioKnownPersonPopover *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;
  guint n = self->store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  /* The store lists the newest first: the first record of a person is the latest. */
  g_array_set_size (ids, n);
  for (guint i = 0; i < n && g_hash_table_size (seen) < MAX_PEOPLE; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      gint64 id = pkio_history_record_get_individual_id (record);
      g_autofree char *title = NULL;
      g_autofree char *number = NULL;
      g_autofree char *haystack = NULL;
      GtkWidget *row;

      if (id <= 0 || g_hash_table_contains (seen, &id))
        continue;
      g_array_index (ids, gint64, i) = id;
      g_hash_table_add (seen, &g_array_index (ids, gint64, i));

      title = person_label (record);
      /* Translators: %ld is the number of a person in CertCentral */
      number = g_strdup_printf (_("Number %ld"), (long) id);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : number);
      if (title != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), number);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      haystack = g_strdup_printf ("%s %" G_GINT64_FORMAT, title != NULL ? title : "", id);
      g_object_set_data_full (G_OBJECT (row), "haystack", g_utf8_casefold (haystack, -1), g_free);
      g_object_set_data (G_OBJECT (row), "individual-id", GSIZE_TO_POINTER ((gsize) id));
      g_object_set_data_full (G_OBJECT (row), "name",
                              g_strdup (pkio_history_record_get_holder_name (record)), g_free);
      g_object_set_data_full (G_OBJECT (row), "label",
                              g_strdup (title != NULL ? title : number), g_free);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, g_hash_table_size (seen) > 0 ? "list" : "empty");
}

static void
shown_cb (PkioKnownPersonPopover *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pkio_known_person_popover_dispose (GObject *object)
{
  PkioKnownPersonPopover *self = PKIO_KNOWN_PERSON_POPOVER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (pkio_known_person_popover_parent_class)->dispose (object);
}

static void
pkio_known_person_popover_class_init (PkioKnownPersonPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_known_person_popover_dispose;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING,
                                  G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-known-person-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioKnownPersonPopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PkioKnownPersonPopover, list);
  gtk_widget_class_bind_template_child (widget_class, PkioKnownPersonPopover, stack);
  gtk_widget_class_bind_template_callback (widget_class, shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
pkio_known_person_popover_init (PkioKnownPersonPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_cb, self, NULL);
}

PkioKnownPersonPopover *
pkio_known_person_popover_new (void)
{
  return g_object_new (PKIO_TYPE_KNOWN_PERSON_POPOVER, NULL);
}

void
pkio_known_person_popover_set_store (PkioKnownPersonPopover *self,
                                     PkioHistoryStore       *store)
{
  g_return_if_fail (PKIO_IS_KNOWN_PERSON_POPOVER (self));

  g_set_object (&self->store, store);
}
