/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-custom-fields-section.h"
#include "pkio-accessible.h"
#include "pkio-api-error.h"
#include "pkio-custom-fields.h"

/* The account's own order fields are known only at run time (GET account/metadata), so their
 * rows are built here, not in a template; the form follows them through "fields-changed"
 * (src/ui/order/README.md). */

struct _PkioCustomFieldsSection
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  PkioWorkspace       *workspace;
  gulong               fields_handler;
  GPtrArray           *fields;    /* PkioCustomField, active, as the rows show them */
  GPtrArray           *rows;      /* AdwEntryRow, one per field, same order */
  GPtrArray           *paths;     /* "custom_fields.N", same order */
  PkioOrder           *kept;      /* values for fields without a row: a draft read before the
                                     fields were known, or for a field no longer active */
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioCustomFieldsSection, pkio_custom_fields_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

static void
row_changed_cb (PkioCustomFieldsSection *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

/* What the rows say now into @order (blank is no value), after what is kept for fields
 * without a row when @with_kept. */
static void
copy_values (PkioCustomFieldsSection *self,
             PkioOrder               *order,
             gboolean                 with_kept)
{
  if (with_kept && self->kept->custom_fields != NULL)
    for (guint i = 0; i < self->kept->custom_fields->len; i++)
      {
        const PkioCustomValue *value = g_ptr_array_index (self->kept->custom_fields, i);

        pkio_order_set_custom_value (order, value->metadata_id, value->value);
      }
  for (guint i = 0; i < self->rows->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (self->fields, i);
      const char *text = gtk_editable_get_text (g_ptr_array_index (self->rows, i));

      pkio_order_set_custom_value (order, field->id, *text != '\0' ? text : NULL);
    }
}

static GtkWidget *
build_row (const PkioCustomField *field)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = NULL;

  /* The label is the account's own text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (field->is_required)
    title = g_strdup (field->label);
  else
    /* TRANSLATORS: one of the organisation's own order fields that may stay empty; %s is its
       label, as the organisation named it in CertCentral ("Cost centre"). */
    title = g_strdup_printf (_("%s (optional)"), field->label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* As the other sections' rows (from their templates): Tab reaches the text inside, which a
   * screen reader must hear by the field's label; built at run time, the row is fixed here,
   * before it is shown. */
  pkio_accessible_fix_entry_row (ADW_ENTRY_ROW (row));
  switch (field->type)
    {
    case PKIO_CUSTOM_FIELD_INT:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      break;
    case PKIO_CUSTOM_FIELD_EMAIL_ADDRESS:
    case PKIO_CUSTOM_FIELD_EMAIL_LIST:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      break;
    case PKIO_CUSTOM_FIELD_TEXT:
    default:
      break;
    }
  return row;
}

/* The rows for @fields (active ones), the values typed so far kept across. */
static void
rebuild (PkioCustomFieldsSection *self,
         GPtrArray               *fields)
{
  g_autoptr(PkioOrder) values = pkio_order_new ();
  g_autoptr(GPtrArray) old_rows = NULL;

  copy_values (self, values, TRUE);
  /* The form forgets the old rows first, while they are still in the group: what it showed
   * under them (a problem's row) goes with them. */
  old_rows = g_steal_pointer (&self->rows);
  self->rows = g_ptr_array_new ();
  g_ptr_array_set_size (self->paths, 0);
  if (old_rows->len > 0)
    pkio_order_section_fields_changed (PKIO_ORDER_SECTION (self));
  for (guint i = 0; i < old_rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (old_rows, i));
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  self->fields = fields != NULL ? pkio_custom_field_list_active (fields)
                                : pkio_custom_field_list_new ();

  for (guint i = 0; i < self->fields->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (self->fields, i);
      GtkWidget *row = build_row (field);
      const char *value = pkio_order_get_custom_value (values, field->id);

      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      /* Only now: showing a kept value is no change of the person's. */
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->paths, pkio_custom_field_path (field->id));
      pkio_order_set_custom_value (values, field->id, NULL);
    }
  /* What has no row now stays for when it has one again (or for the draft). */
  pkio_order_free (self->kept);
  self->kept = g_steal_pointer (&values);
  gtk_widget_set_visible (GTK_WIDGET (self), self->fields->len > 0);
  pkio_order_section_fields_changed (PKIO_ORDER_SECTION (self));
}

static void
custom_fields_notify_cb (PkioCustomFieldsSection *self)
{
  rebuild (self, pkio_workspace_get_custom_fields (self->workspace));
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioCustomFieldsSection *self = PKIO_CUSTOM_FIELDS_SECTION (section);

  g_clear_pointer (&self->kept, pkio_order_free);
  self->kept = pkio_order_new ();
  if (order->custom_fields != NULL)
    for (guint i = 0; i < order->custom_fields->len; i++)
      {
        const PkioCustomValue *value = g_ptr_array_index (order->custom_fields, i);

        pkio_order_set_custom_value (self->kept, value->metadata_id, value->value);
      }
  for (guint i = 0; i < self->rows->len; i++)
    {
      const PkioCustomField *field = g_ptr_array_index (self->fields, i);
      const char *value = pkio_order_get_custom_value (self->kept, field->id);

      gtk_editable_set_text (g_ptr_array_index (self->rows, i), value != NULL ? value : "");
      pkio_order_set_custom_value (self->kept, field->id, NULL);
    }
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  /* Sent: only what the rows of the active fields say. A draft keeps the rest too. */
  copy_values (PKIO_CUSTOM_FIELDS_SECTION (section), order, what == PKIO_ORDER_SECTION_DRAFT);
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioCustomFieldsSection *self = PKIO_CUSTOM_FIELDS_SECTION (section);

  for (guint i = 0; i < self->rows->len; i++)
    {
      PkioOrderSectionField field = { g_ptr_array_index (self->paths, i),
                                      g_ptr_array_index (self->rows, i) };

      g_array_append_val (fields, field);
    }
}

static void
check (PkioOrderSection *section,
       const PkioOrder  *order,
       GPtrArray        *problems)
{
  PkioCustomFieldsSection *self = PKIO_CUSTOM_FIELDS_SECTION (section);
  GPtrArray *found;

  /* NULL while the account's fields are not known: nothing to say yet. */
  if (self->workspace == NULL
      || (found = pkio_workspace_check_custom_fields (self->workspace, order)) == NULL)
    return;
  g_ptr_array_extend_and_steal (problems, found);
}

static void
section_iface_init (PkioOrderSectionInterface *iface)
{
  iface->set_order = set_order;
  iface->collect = collect;
  iface->list_fields = list_fields;
  iface->check = check;
}

/* ---- public ---- */

PkioCustomFieldsSection *
pkio_custom_fields_section_new (void)
{
  return g_object_new (PKIO_TYPE_CUSTOM_FIELDS_SECTION, NULL);
}

void
pkio_custom_fields_section_set_workspace (PkioCustomFieldsSection *self,
                                          PkioWorkspace           *workspace)
{
  g_return_if_fail (PKIO_IS_CUSTOM_FIELDS_SECTION (self));
  g_return_if_fail (workspace == NULL || PKIO_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->fields_handler, self->workspace);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    self->fields_handler = g_signal_connect_object (workspace, "notify::custom-fields",
                                                    G_CALLBACK (custom_fields_notify_cb), self,
                                                    G_CONNECT_SWAPPED);
  rebuild (self, workspace != NULL ? pkio_workspace_get_custom_fields (workspace) : NULL);
}

GPtrArray *
pkio_custom_fields_section_get_fields (PkioCustomFieldsSection *self)
{
  g_return_val_if_fail (PKIO_IS_CUSTOM_FIELDS_SECTION (self), NULL);
  return self->fields;
}

GPtrArray *
pkio_custom_fields_section_place_refusal (PkioCustomFieldsSection *self,
                                          GPtrArray               *entries)
{
  GPtrArray *placed = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_api_error_entry_free);

  g_return_val_if_fail (PKIO_IS_CUSTOM_FIELDS_SECTION (self), placed);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      PkioApiErrorEntry *entry = pkio_api_error_entry_copy (g_ptr_array_index (entries, i));
      gint64 id = self->workspace != NULL
                  ? pkio_workspace_custom_field_for_refusal (self->workspace, entry) : 0;

      /* CertCentral may name the field only by its label in the message. */
      if (id != 0 && pkio_custom_field_list_find (self->fields, id) != NULL)
        {
          g_free (entry->field);
          entry->field = pkio_custom_field_path (id);
        }
      g_ptr_array_add (placed, entry);
    }
  return placed;
}

/* ---- GObject ---- */

static void
pkio_custom_fields_section_dispose (GObject *object)
{
  PkioCustomFieldsSection *self = PKIO_CUSTOM_FIELDS_SECTION (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->fields_handler, self->workspace);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (pkio_custom_fields_section_parent_class)->dispose (object);
}

static void
pkio_custom_fields_section_finalize (GObject *object)
{
  PkioCustomFieldsSection *self = PKIO_CUSTOM_FIELDS_SECTION (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->paths);
  g_clear_pointer (&self->kept, pkio_order_free);

  G_OBJECT_CLASS (pkio_custom_fields_section_parent_class)->finalize (object);
}

static void
pkio_custom_fields_section_class_init (PkioCustomFieldsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_custom_fields_section_dispose;
  object_class->finalize = pkio_custom_fields_section_finalize;
}

static void
pkio_custom_fields_section_init (PkioCustomFieldsSection *self)
{
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Your organisation’s order fields"));
  adw_preferences_group_set_description (self->group,
                                         _("Your organisation asks for these with every order "
                                           "in CertCentral."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  self->rows = g_ptr_array_new ();
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->fields = pkio_custom_field_list_new ();
  self->kept = pkio_order_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
