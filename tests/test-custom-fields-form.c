/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The account's own order fields in the order form (PkioCustomFieldsSection): none, an
 * optional one, required ones of each data type with the core's message at the field, the
 * values in the order and the draft (also given before the fields are known), and
 * CertCentral's refusal shown at the field it is about. Against practice mode's simulator,
 * whose fields the test sets. */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-custom-fields-section.h"
#include "pkio-custom-fields.h"
#include "pkio-field-problem-row.h"
#include "pkio-order-form.h"
#include "pkio-simulator.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow               *window;
  PkioOrderForm           *form;
  PkioWorkspace           *workspace;
  PkioCustomFieldsSection *section;
  GAsyncResult            *result;
} Fixture;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->workspace = pkio_workspace_new (NULL, TRUE);
  pkio_workspace_load_async (f->workspace, NULL, result_cb, f);
  spin_until (has_result, f);
  g_assert_true (pkio_workspace_load_finish (f->workspace, f->result, &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->form = pkio_order_form_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->form));
  gtk_window_set_default_size (f->window, 600, 800);
  gtk_window_present (f->window);
  spin_until (widget_is_mapped, f->window);
  f->section = pkio_custom_fields_section_new ();
  pkio_order_form_add_section (f->form, PKIO_ORDER_SECTION (f->section));
  pkio_custom_fields_section_set_workspace (f->section, f->workspace);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->workspace);
}

/* The simulator's account gets @fields (NULL: practice mode's own); the workspace asks for
 * them, and the section follows. */
static void
give_fields (Fixture   *f,
             GPtrArray *fields)
{
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GError) error = NULL;

  if (fields != NULL)
    pkio_simulator_set_custom_fields (pkio_workspace_get_simulator (f->workspace), fields);
  pkio_workspace_get_custom_fields_async (f->workspace, NULL, result_cb, f);
  spin_until (has_result, f);
  active = pkio_workspace_get_custom_fields_finish (f->workspace, f->result, &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
}

static GtkWidget *
row (Fixture *f,
     gint64   id)
{
  g_autofree char *path = pkio_custom_field_path (id);

  return pkio_order_form_get_field_row (f->form, path);
}

static const char *
shown (Fixture *f,
       gint64   id)
{
  g_autofree char *path = pkio_custom_field_path (id);

  return pkio_order_form_get_shown_problem (f->form, path);
}

static void
type (Fixture    *f,
      gint64      id,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, id)), text);
}

/* The core's message for @text in @field: what the form must show at the field. */
static char *
core_message (const PkioCustomField *field,
              const char            *text)
{
  return pkio_custom_field_check_value (field, text, NULL);
}

static void
test_none (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) none = pkio_custom_field_list_new ();
  g_autoptr(PkioOrder) order = NULL;

  give_fields (f, none);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->section)));
  g_assert_null (row (f, 4001));
  order = pkio_order_form_dup_order (f->form);
  g_assert_null (order->custom_fields);
}

/* Practice mode's account as it is: one optional field, "Cost centre". */
static void
test_optional (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PkioOrder) order = NULL;
  GtkWidget *cost_centre;
  GtkAccessibleRole role;

  give_fields (f, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->section)));
  cost_centre = row (f, 4001);
  g_assert_nonnull (cost_centre);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (cost_centre)), ==,
                   expected ("Cost centre (optional)", "Kostenplaats (niet verplicht)"));
  /* Fixed for a screen reader as the other rows are (pkio_accessible_fix_entry_row ()): the
   * text inside, which Tab reaches, is the text box; the row is a group around it. */
  g_object_get (cost_centre, "accessible-role", &role, NULL);
  g_assert_cmpint (role, ==, GTK_ACCESSIBLE_ROLE_GROUP);
  g_object_get (gtk_editable_get_delegate (GTK_EDITABLE (cost_centre)), "accessible-role", &role,
                NULL);
  g_assert_cmpint (role, ==, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  pkio_order_form_set_tried (f->form, TRUE);
  g_assert_null (shown (f, 4001));
  order = pkio_order_form_dup_order (f->form);
  g_assert_null (pkio_order_get_custom_value (order, 4001));
  g_clear_pointer (&order, pkio_order_free);

  type (f, 4001, "KP-4711");
  order = pkio_order_form_dup_order (f->form);
  g_assert_cmpstr (pkio_order_get_custom_value (order, 4001), ==, "KP-4711");
}

static GPtrArray *
typed_fields (void)
{
  GPtrArray *fields = pkio_custom_field_list_new ();

  g_ptr_array_add (fields, pkio_custom_field_new (7, "Cost centre", TRUE, TRUE, "int"));
  g_ptr_array_add (fields, pkio_custom_field_new (8, "Approver", TRUE, TRUE, "email_address"));
  g_ptr_array_add (fields, pkio_custom_field_new (9, "Copies to", FALSE, TRUE, "email_list"));
  g_ptr_array_add (fields, pkio_custom_field_new (10, "Project", TRUE, TRUE, "text"));
  g_ptr_array_add (fields, pkio_custom_field_new (11, "Old field", TRUE, FALSE, "text"));
  return fields;
}

static void
test_required_and_types (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = typed_fields ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PkioOrder) order = NULL;
  const struct { gint64 id; const char *wrong; const char *right; } cases[] = {
    { 7, "12a", "4711" },
    { 8, "approver.example.org", "approver@example.org" },
    { 9, "a@example.org; b@example.org", "a@example.org, b@example.org" },
    { 10, "Line\x01" "feed", "Pilot 2027" },
  };
  g_autofree char *missing = NULL;

  give_fields (f, fields);
  /* Active fields only, in CertCentral's order; the required ones without "(optional)". */
  g_assert_null (row (f, 11));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (f, 7))), ==,
                   "Cost centre");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (f, 9))), ==,
                   expected ("Copies to (optional)", "Copies to (niet verplicht)"));
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (f->section))
                 == GTK_WIDGET (order_form_child (f->form, "agreement_section")));

  /* Required and empty: the core's "missing" at the field, in the form's problems. */
  pkio_order_form_set_tried (f->form, TRUE);
  missing = core_message (g_ptr_array_index (fields, 0), "");
  g_assert_nonnull (missing);
  g_assert_cmpstr (shown (f, 7), ==, missing);
  g_assert_nonnull (shown (f, 8));
  g_assert_null (shown (f, 9));
  g_assert_nonnull (shown (f, 10));
  problems = pkio_order_form_validate (f->form);
  g_assert_cmpuint (problems->len, >, 0);

  /* Each data type: its own message for a wrong value, none for a right one. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PkioCustomField *field = pkio_custom_field_list_find (fields, cases[i].id);
      g_autofree char *message = core_message (field, cases[i].wrong);

      g_assert_nonnull (message);
      type (f, cases[i].id, cases[i].wrong);
      g_assert_cmpstr (shown (f, cases[i].id), ==, message);
      g_assert_true (gtk_widget_has_css_class (row (f, cases[i].id), "error"));
      type (f, cases[i].id, cases[i].right);
      g_assert_null (shown (f, cases[i].id));
    }
  order = pkio_order_form_dup_order (f->form);
  g_assert_cmpstr (pkio_order_get_custom_value (order, 7), ==, "4711");
  g_assert_cmpstr (pkio_order_get_custom_value (order, 10), ==, "Pilot 2027");
  g_assert_null (pkio_order_get_custom_value (order, 11));
}

/* A draft read before the account's fields are known keeps its values, shows them once the
 * fields come, and keeps a value for a field not shown. */
static void
test_draft_values (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = typed_fields ();
  g_autoptr(PkioOrder) draft = pkio_order_form_dup_draft (f->form);
  g_autoptr(PkioOrder) again = NULL;
  g_autoptr(PkioOrder) sent = NULL;

  pkio_order_set_custom_value (draft, 10, "Pilot 2027");
  pkio_order_set_custom_value (draft, 11, "kept");
  pkio_order_form_set_order (f->form, draft);
  g_assert_null (row (f, 10));

  give_fields (f, fields);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, 10))), ==, "Pilot 2027");
  again = pkio_order_form_dup_draft (f->form);
  g_assert_cmpstr (pkio_order_get_custom_value (again, 10), ==, "Pilot 2027");
  g_assert_cmpstr (pkio_order_get_custom_value (again, 11), ==, "kept");
  /* What is sent: only the active fields' rows. */
  sent = pkio_order_form_dup_order (f->form);
  g_assert_cmpstr (pkio_order_get_custom_value (sent, 10), ==, "Pilot 2027");
  g_assert_null (pkio_order_get_custom_value (sent, 11));
}

/* CertCentral's refusal, naming the field by path or only by its label, at that field. */
static void
test_refusal_at_field (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = typed_fields ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_api_error_entry_free);
  g_autoptr(GPtrArray) placed = NULL;

  give_fields (f, fields);
  g_ptr_array_add (entries, pkio_api_error_entry_new ("invalid_custom_field_value", NULL,
                                                      "The value for Approver is not valid."));
  g_ptr_array_add (entries, pkio_api_error_entry_new ("missing", "custom_fields.10",
                                                      "Project is required."));
  g_ptr_array_add (entries, pkio_api_error_entry_new ("insufficient_funds", NULL,
                                                      "Not enough funds."));
  placed = pkio_custom_fields_section_place_refusal (f->section, entries);
  g_assert_cmpuint (placed->len, ==, 3);
  pkio_order_form_set_server_errors (f->form, placed);
  g_assert_cmpstr (shown (f, 8), ==, "The value for Approver is not valid.");
  g_assert_cmpstr (shown (f, 10), ==, "Project is required.");
  g_assert_null (((PkioApiErrorEntry *) g_ptr_array_index (placed, 2))->field);
  /* ... until the field changes. */
  type (f, 8, "approver@example.org");
  g_assert_null (shown (f, 8));
}

/* The problems shown under @widget's rows (each a PkioFieldProblemRow that is visible). */
static guint
count_shown_problem_rows (GtkWidget *widget)
{
  guint n = PKIO_IS_FIELD_PROBLEM_ROW (widget) && gtk_widget_get_visible (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown_problem_rows (child);
  return n;
}

/* When the account's list goes (another key, or none), its rows go, and so does every
 * problem the form showed under them: none is left behind in the group. */
static void
test_fields_go (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = typed_fields ();

  give_fields (f, fields);
  pkio_order_form_set_tried (f->form, TRUE);
  g_assert_nonnull (shown (f, 7));
  g_assert_cmpuint (count_shown_problem_rows (GTK_WIDGET (f->section)), ==, 3);

  pkio_custom_fields_section_set_workspace (f->section, NULL);
  g_assert_null (row (f, 7));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->section)));
  g_assert_cmpuint (count_shown_problem_rows (GTK_WIDGET (f->section)), ==, 0);

  /* The same list again: its rows, and their problems, once each. */
  pkio_custom_fields_section_set_workspace (f->section, f->workspace);
  g_assert_nonnull (shown (f, 7));
  g_assert_cmpuint (count_shown_problem_rows (GTK_WIDGET (f->section)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) g_test_add ("/custom-fields-form/" name, Fixture, NULL, fixture_set_up, \
                                    func, fixture_tear_down)
  ADD ("none", test_none);
  ADD ("optional", test_optional);
  ADD ("required-and-types", test_required_and_types);
  ADD ("draft-values", test_draft_values);
  ADD ("refusal-at-field", test_refusal_at_field);
  ADD ("fields-go", test_fields_go);
#undef ADD

  return g_test_run ();
}
