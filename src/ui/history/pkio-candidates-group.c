/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-candidates-group.h"
#include "pkio-history-format.h"

struct _PkioCandidatesGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;
  char                *shown;   /* what the rows say, one line each: rebuilt only when it changes */
};

G_DEFINE_FINAL_TYPE (PkioCandidatesGroup, pkio_candidates_group, ADW_TYPE_PREFERENCES_GROUP)

static void
pkio_candidates_group_finalize (GObject *object)
{
  PkioCandidatesGroup *self = PKIO_CANDIDATES_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (pkio_candidates_group_parent_class)->finalize (object);
}

static void
pkio_candidates_group_class_init (PkioCandidatesGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_candidates_group_finalize;
}

static void
pkio_candidates_group_init (PkioCandidatesGroup *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   _("Is one of these your order?"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("CertCentral has more than one order that may be "
                                           "this attempt, and they cannot be told apart. If you "
                                           "know which one you placed, choose it; the others "
                                           "stay in the list as placed elsewhere."));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

PkioCandidatesGroup *
pkio_candidates_group_new (void)
{
  return g_object_new (PKIO_TYPE_CANDIDATES_GROUP, NULL);
}

/* "4 May 2026, 10:03 · Pending · John Doe · Authentication" */
static char *
describe (const PkioRemoteOrder *order)
{
  g_autofree char *when = pkio_history_format_date_time (order->date_created);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (when != NULL)
    g_ptr_array_add (parts, when);
  if (order->status != NULL)
    g_ptr_array_add (parts, (char *) pkio_history_status_label (order->status));
  if (order->common_name != NULL && *order->common_name != '\0')
    g_ptr_array_add (parts, order->common_name);
  if (order->profile_option != NULL)
    g_ptr_array_add (parts, (char *) pkio_history_profile_label (order->profile_option));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
candidate_row (const PkioRemoteOrder *order)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order->order_id);
  /* Translators: %s is an order number */
  g_autofree char *title = g_strdup_printf (_("Order %s"), number);
  /* Translators: %s is an order number */
  g_autofree char *tooltip = g_strdup_printf (_("Record order %s as the outcome of this "
                                                "attempt"), number);
  g_autofree char *subtitle = describe (order);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_This is my order"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "details.link-order");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (order->order_id));
  /* Every row has this button: the order number tells a screen reader which one it is. */
  pkio_accessible_name_button (GTK_BUTTON (button), tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* The candidates a person may choose from: not those chosen for another attempt since. */
static GPtrArray *
choosable (PkioHistoryRecord *record,
           PkioHistoryStore  *store)
{
  GPtrArray *shown = g_ptr_array_new ();
  GPtrArray *candidates;

  if (record == NULL || pkio_history_record_get_state (record) != PKIO_RECORD_STATE_UNKNOWN)
    return shown;
  candidates = pkio_history_record_get_candidates (record);
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      PkioRemoteOrder *order = g_ptr_array_index (candidates, i);
      PkioHistoryRecord *owner = store != NULL
                                 ? pkio_history_store_find_by_order_id (store, order->order_id)
                                 : NULL;

      if (owner != NULL && owner != record
          && pkio_history_record_get_origin (owner) == PKIO_RECORD_ORIGIN_THIS_COMPUTER)
        continue;
      g_ptr_array_add (shown, order);
    }
  return shown;
}

void
pkio_candidates_group_set_record (PkioCandidatesGroup *self,
                                  PkioHistoryRecord   *record,
                                  PkioHistoryStore    *store)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);

  g_return_if_fail (PKIO_IS_CANDIDATES_GROUP (self));

  orders = choosable (record, store);
  for (guint i = 0; i < orders->len; i++)
    {
      const PkioRemoteOrder *order = g_ptr_array_index (orders, i);
      g_autofree char *line = describe (order);

      g_string_append_printf (shown, "%" G_GINT64_FORMAT " %s\n", order->order_id, line);
    }
  /* The record notifies each change, a sync's too: rows that say the same are kept, so the
   * focus of someone choosing (a screen reader's too) is not thrown out under them. */
  if (g_strcmp0 (self->shown, shown->str) == 0)
    return;
  g_free (self->shown);
  self->shown = g_strdup (shown->str);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < orders->len; i++)
    {
      GtkWidget *row = candidate_row (g_ptr_array_index (orders, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

guint
pkio_candidates_group_get_n_rows (PkioCandidatesGroup *self)
{
  g_return_val_if_fail (PKIO_IS_CANDIDATES_GROUP (self), 0);

  return self->rows->len;
}
