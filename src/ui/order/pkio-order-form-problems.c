/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-api-error.h"
#include "pkio-accessible.h"
#include "pkio-country-row.h"
#include "pkio-order-form-private.h"

/* Problems where the person can see them: under the field (once it was left, or once the
 * person tried to go on), in the summary above "Review order", and CertCentral's messages in
 * the box at the top. */

static void
forget_row (PkioFormField *field)
{
  GtkWidget *list;

  if (field->row == NULL)
    return;
  /* The section still shows the row but no longer names it: nothing of ours stays on it. */
  gtk_widget_remove_controller (field->row, field->focus);
  if (field->edited_handler != 0)
    g_signal_handler_disconnect (field->edited_source, field->edited_handler);
  gtk_widget_remove_css_class (field->row, "error");
  pkio_accessible_mark_invalid (field->row, NULL);
  list = gtk_widget_get_parent (field->row);
  if (field->problem_row != NULL && GTK_IS_LIST_BOX (list))
    gtk_list_box_remove (GTK_LIST_BOX (list), GTK_WIDGET (field->problem_row));
  g_object_remove_weak_pointer (G_OBJECT (field->row), (gpointer *) &field->row);
  field->row = NULL;
}

void
_pkio_order_form_field_free (PkioFormField *field)
{
  forget_row (field);
  if (field->problem_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (field->problem_row),
                                  (gpointer *) &field->problem_row);
  g_free (field->path);
  g_free (field->shown);
  g_free (field->server_message);
  g_free (field);
}

PkioFormField *
_pkio_order_form_find_field (PkioOrderForm *self,
                             const char    *path)
{
  for (guint i = 0; path != NULL && i < self->fields->len; i++)
    {
      PkioFormField *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->path, path))
        return field;
    }
  return NULL;
}

static void
field_left_cb (PkioFormField *field)
{
  if (field->touched)
    return;
  field->touched = TRUE;
  _pkio_order_form_update_display (field->form);
}

/* CertCentral's word on a field stands until the person changes that field. The section has
 * reported the change already (its handler came first), so the display follows here. */
static void
field_edited_cb (PkioFormField *field)
{
  if (field->server_message == NULL)
    return;
  g_clear_pointer (&field->server_message, g_free);
  _pkio_order_form_update_display (field->form);
}

static PkioFormField *
field_new (PkioOrderForm *self,
           const char    *path,
           GtkWidget     *row)
{
  PkioFormField *field = g_new0 (PkioFormField, 1);
  GtkWidget *input = ADW_IS_ACTION_ROW (row)
                     ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;
  const char *edited = "changed";

  field->form = self;
  field->path = g_strdup (path);
  field->row = row;
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &field->row);

  field->focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (field->focus, "leave", G_CALLBACK (field_left_cb), field);
  gtk_widget_add_controller (row, field->focus);

  if (GTK_IS_EDITABLE (row))
    field->edited_source = G_OBJECT (row);
  else if (PKIO_IS_COUNTRY_ROW (row))
    {
      field->edited_source = G_OBJECT (row);
      edited = "notify::code";
    }
  else if (GTK_IS_CHECK_BUTTON (input) || GTK_IS_SWITCH (input))
    {
      field->edited_source = G_OBJECT (input);
      edited = "notify::active";
    }
  if (field->edited_source != NULL)
    field->edited_handler = g_signal_connect_swapped (field->edited_source, edited,
                                                      G_CALLBACK (field_edited_cb), field);
  return field;
}

/* Takes the field of @path at @row out of @fields, or NULL. */
static PkioFormField *
take_field (GPtrArray  *fields,
            const char *path,
            GtkWidget  *row)
{
  for (guint i = 0; i < fields->len; i++)
    {
      PkioFormField *field = g_ptr_array_index (fields, i);

      if (field->row == row && g_str_equal (field->path, path))
        return g_ptr_array_steal_index (fields, i);
    }
  return NULL;
}

void
_pkio_order_form_update_fields (PkioOrderForm *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->fields);
  g_autoptr(GList) sections = _pkio_order_form_list_sections (self);

  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) _pkio_order_form_field_free);
  for (GList *l = sections; l != NULL; l = l->next)
    {
      g_autoptr(GArray) listed = pkio_order_section_list_fields (l->data);

      for (guint i = 0; i < listed->len; i++)
        {
          PkioOrderSectionField *f = &g_array_index (listed, PkioOrderSectionField, i);
          PkioFormField *field = take_field (old, f->path, f->row);

          g_ptr_array_add (self->fields, field != NULL ? field : field_new (self, f->path, f->row));
        }
    }
}

static void
show_at_field (PkioFormField *field,
               const char    *message)
{
  GtkWidget *list;

  if (field->row == NULL || g_strcmp0 (field->shown, message) == 0)
    return;
  list = gtk_widget_get_parent (field->row);
  g_free (field->shown);
  field->shown = g_strdup (message);

  if (message != NULL && field->problem_row == NULL && GTK_IS_LIST_BOX (list))
    {
      field->problem_row = pkio_field_problem_row_new ();
      g_object_add_weak_pointer (G_OBJECT (field->problem_row), (gpointer *) &field->problem_row);
      gtk_list_box_insert (GTK_LIST_BOX (list), GTK_WIDGET (field->problem_row),
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (field->row)) + 1);
    }
  if (field->problem_row != NULL)
    {
      pkio_field_problem_row_set_text (field->problem_row, message);
      gtk_widget_set_visible (GTK_WIDGET (field->problem_row), message != NULL);
    }
  if (message != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
  pkio_accessible_mark_invalid (field->row, message);
}

static const char *
field_title (PkioFormField *field)
{
  if (field != NULL && ADW_IS_PREFERENCES_ROW (field->row))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->row));
  return NULL;
}

static void
summary_row_activated_cb (AdwActionRow  *row,
                          PkioOrderForm *self)
{
  pkio_order_form_focus_field (self, g_object_get_data (G_OBJECT (row), "path"));
}

/* Where a problem's field is on screen, top to bottom: the sections name their fields in that
 * order (_pkio_order_form_update_fields ()); a problem of no field comes last. */
static guint
field_rank (PkioOrderForm *self,
            const char    *path)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (g_str_equal (((PkioFormField *) g_ptr_array_index (self->fields, i))->path, path))
      return i;
  return G_MAXUINT;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PkioOrderForm *self = user_data;
  guint rank_a = field_rank (self, (*(PkioProblem **) a)->path);
  guint rank_b = field_rank (self, (*(PkioProblem **) b)->path);

  return rank_a < rank_b ? -1 : rank_a > rank_b;
}

static void
update_summary (PkioOrderForm *self)
{
  guint n = self->tried ? self->problems->len : 0;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (self->problems, i));
  g_ptr_array_sort_with_data (sorted, compare_rank, self);

  for (guint i = 0; i < n; i++)
    {
      PkioProblem *problem = g_ptr_array_index (sorted, i);
      PkioFormField *field = _pkio_order_form_find_field (self, problem->path);
      const char *title = field_title (field);
      AdwActionRow *row;

      if (i == self->summary_rows->len)
        {
          row = ADW_ACTION_ROW (adw_action_row_new ());
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect (row, "activated", G_CALLBACK (summary_row_activated_cb), self);
          adw_preferences_group_add (self->summary_group, GTK_WIDGET (row));
          g_ptr_array_add (self->summary_rows, row);
        }
      row = g_ptr_array_index (self->summary_rows, i);
      /* A problem of no single field (such as the whole holder) is named by its message. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title != NULL ? title : problem->message);
      adw_action_row_set_subtitle (row, title != NULL ? problem->message : NULL);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (problem->path), g_free);
      gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
    }
  for (guint i = n; i < self->summary_rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->summary_rows, i), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->summary_group), n > 0);
  if (n > 0)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "One thing is missing or needs correcting "
                                                  "before the order can be reviewed.",
                                                  "%u things are missing or need correcting "
                                                  "before the order can be reviewed.", n), n);
      adw_preferences_group_set_description (self->summary_group, description);
    }
}

void
_pkio_order_form_update_display (PkioOrderForm *self)
{
  if (self->form_box == NULL)
    return;
  for (guint i = 0; i < self->fields->len; i++)
    {
      PkioFormField *field = g_ptr_array_index (self->fields, i);
      const char *message = field->server_message;

      if (message == NULL && (self->tried || field->touched))
        {
          PkioProblem *problem = pkio_problem_list_find (self->problems, field->path);

          message = problem != NULL ? problem->message : NULL;
        }
      show_at_field (field, message);
    }
  update_summary (self);
}

void
_pkio_order_form_forget_problems (PkioOrderForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      PkioFormField *field = g_ptr_array_index (self->fields, i);

      field->touched = FALSE;
      g_clear_pointer (&field->server_message, g_free);
    }
  pkio_order_form_set_server_errors (self, NULL);
}

/* CertCentral names fields by their request path ("ship_info.zip"), sometimes without the
 * "certificate." prefix; a few codes say which field they are about without naming it. */
static PkioFormField *
field_for_entry (PkioOrderForm           *self,
                 const PkioApiErrorEntry *entry)
{
  PkioFormField *field = _pkio_order_form_find_field (self, entry->field);
  g_autofree char *prefixed = NULL;

  if (field == NULL && entry->field != NULL)
    {
      prefixed = g_strconcat ("certificate.", entry->field, NULL);
      field = _pkio_order_form_find_field (self, prefixed);
    }
  if (field == NULL && g_strcmp0 (entry->code, "invalid_individual") == 0)
    field = _pkio_order_form_find_field (self, "certificate.individual.id");
  if (field == NULL && g_strcmp0 (entry->code, "insufficient_funds") == 0)
    field = _pkio_order_form_find_field (self, "payment_method");
  if (field == NULL && g_strcmp0 (entry->code, "cert_validity_exceeds_order_validity") == 0)
    field = _pkio_order_form_find_field (self, "order_validity.years");
  return field;
}

void
pkio_order_form_set_server_errors (PkioOrderForm *self,
                                   GPtrArray     *entries)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (self->server_group, g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);
      PkioFormField *field = field_for_entry (self, entry);
      const char *title = field_title (field);
      /* Never CertCentral's raw code: that is for the debug log (the client logs it). */
      const char *message = entry->message != NULL && *entry->message
                            ? entry->message : _("CertCentral gave no reason.");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (field != NULL)
        {
          g_free (field->server_message);
          field->server_message = g_strdup (message);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "path", g_strdup (field->path), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (summary_row_activated_cb), self);
        }
      adw_preferences_group_add (self->server_group, row);
      g_ptr_array_add (self->server_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), self->server_rows->len > 0);
  _pkio_order_form_update_display (self);
}

gboolean
pkio_order_form_focus_field (PkioOrderForm *self,
                             const char    *path)
{
  PkioFormField *field;
  GtkWidget *expander;

  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), FALSE);

  field = _pkio_order_form_find_field (self, path);
  if (field == NULL || field->row == NULL
      || !gtk_widget_is_visible (gtk_widget_get_parent (field->row)))
    return FALSE;
  expander = gtk_widget_get_ancestor (gtk_widget_get_parent (field->row), ADW_TYPE_EXPANDER_ROW);
  if (expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  return gtk_widget_grab_focus (field->row);
}

void
pkio_order_form_focus_summary (PkioOrderForm *self)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  if (self->summary_rows->len > 0 && gtk_widget_get_visible (GTK_WIDGET (self->summary_group)))
    gtk_widget_grab_focus (g_ptr_array_index (self->summary_rows, 0));
}

GtkWidget *
pkio_order_form_get_field_row (PkioOrderForm *self,
                               const char    *path)
{
  PkioFormField *field;

  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  field = _pkio_order_form_find_field (self, path);
  return field != NULL ? field->row : NULL;
}

const char *
pkio_order_form_get_shown_problem (PkioOrderForm *self,
                                   const char    *path)
{
  PkioFormField *field;

  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  field = _pkio_order_form_find_field (self, path);
  return field != NULL ? field->shown : NULL;
}
