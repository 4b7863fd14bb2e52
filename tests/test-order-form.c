/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order form as sections (PkioOrderSection, src/ui/order/README.md): a section added at
 * run time with fields known only then (as the account's own order fields will be) shows its
 * problems at its rows like any other; filling the sections is not a change of the person's;
 * "Same as the holder" reaches from one section to another through the form; the country list
 * chooses. */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-country-row.h"
#include "pkio-field-problem-row.h"
#include "pkio-order-form.h"
#include "ui-test-util.h"

/* ---- a section built at run time ---- */

#define TEST_TYPE_EXTRA_SECTION (test_extra_section_get_type ())
G_DECLARE_FINAL_TYPE (TestExtraSection, test_extra_section, TEST, EXTRA_SECTION, AdwBin)

struct _TestExtraSection
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray           *paths;
  GPtrArray           *rows;
  char                *filled_email;   /* what set_order was given of the holder */
  guint                collected;
};

static void extra_section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestExtraSection, test_extra_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      extra_section_iface_init))

static void
extra_set_order (PkioOrderSection     *section,
                 const PkioOrder      *order,
                 PkioOrderSectionFill  fill)
{
  TestExtraSection *self = TEST_EXTRA_SECTION (section);

  g_free (self->filled_email);
  self->filled_email = g_strdup (order->individual.email);
  /* Filling is no change of the person's: this says nothing. */
  pkio_order_section_changed (section);
}

static void
extra_collect (PkioOrderSection        *section,
               PkioOrder               *order,
               PkioOrderSectionCollect  what)
{
  TEST_EXTRA_SECTION (section)->collected++;
}

static void
extra_list_fields (PkioOrderSection *section,
                   GArray           *fields)
{
  TestExtraSection *self = TEST_EXTRA_SECTION (section);

  for (guint i = 0; i < self->rows->len; i++)
    {
      PkioOrderSectionField field = { g_ptr_array_index (self->paths, i),
                                      g_ptr_array_index (self->rows, i) };

      g_array_append_val (fields, field);
    }
}

static void
extra_section_iface_init (PkioOrderSectionInterface *iface)
{
  iface->set_order = extra_set_order;
  iface->collect = extra_collect;
  iface->list_fields = extra_list_fields;
}

static void
test_extra_section_finalize (GObject *object)
{
  TestExtraSection *self = TEST_EXTRA_SECTION (object);

  g_ptr_array_unref (self->paths);
  g_ptr_array_unref (self->rows);
  g_free (self->filled_email);

  G_OBJECT_CLASS (test_extra_section_parent_class)->finalize (object);
}

static void
test_extra_section_class_init (TestExtraSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_extra_section_finalize;
}

static void
test_extra_section_init (TestExtraSection *self)
{
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, "Your organisation's fields");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
}

static void
extra_row_changed_cb (PkioOrderSection *section)
{
  pkio_order_section_changed (section);
}

/* A field the account's metadata names, known only now. */
static GtkWidget *
extra_section_add_field (TestExtraSection *self,
                         const char       *path,
                         const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (self->group, row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (extra_row_changed_cb), self);
  g_ptr_array_add (self->paths, g_strdup (path));
  g_ptr_array_add (self->rows, row);
  pkio_order_section_fields_changed (PKIO_ORDER_SECTION (self));
  return row;
}

/* ---- the form in a window ---- */

typedef struct
{
  GtkWindow     *window;
  PkioOrderForm *form;
  guint          changes;
} Fixture;

static void
count_change_cb (Fixture *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->form = pkio_order_form_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->form));
  gtk_window_set_default_size (f->window, 600, 800);
  gtk_window_present (f->window);
  spin_until (widget_is_mapped, f->window);
  g_signal_connect_swapped (f->form, "changed", G_CALLBACK (count_change_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
}

static void
set_field (Fixture    *f,
           const char *path,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pkio_order_form_get_field_row (f->form, path)), text);
}

static const char *
field_text (Fixture    *f,
            const char *path)
{
  return gtk_editable_get_text (GTK_EDITABLE (pkio_order_form_get_field_row (f->form, path)));
}

static void
refuse_field (Fixture    *f,
              const char *path,
              const char *message)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_api_error_entry_free);

  g_ptr_array_add (entries, pkio_api_error_entry_new ("invalid_value", path, message));
  pkio_order_form_set_server_errors (f->form, entries);
}

/* The row right under @row, when it is the one that shows a problem. */
static const char *
problem_under (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  if (!PKIO_IS_FIELD_PROBLEM_ROW (next) || !gtk_widget_get_visible (next))
    return NULL;
  return pkio_field_problem_row_get_text (PKIO_FIELD_PROBLEM_ROW (next));
}

static void
test_section_added_at_run_time (Fixture       *f,
                                gconstpointer  data)
{
  TestExtraSection *extra = g_object_new (TEST_TYPE_EXTRA_SECTION, NULL);
  GtkWidget *cost_centre = extra_section_add_field (extra, "custom_fields.cost_center",
                                                    "Cost centre");
  GtkWidget *project;
  g_autoptr(PkioOrder) order = NULL;
  guint collected;

  set_field (f, "certificate.individual.email", "john.doe@example.com");
  f->changes = 0;
  pkio_order_form_add_section (f->form, PKIO_ORDER_SECTION (extra));

  /* Shown after the others, before the agreement; filled from the form's order, quietly. */
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (extra))
                 == GTK_WIDGET (order_form_child (f->form, "agreement_section")));
  g_assert_cmpstr (extra->filled_email, ==, "john.doe@example.com");
  g_assert_cmpuint (f->changes, ==, 0);

  /* Its part of the order is asked for, and its changes are the form's. */
  collected = extra->collected;
  order = pkio_order_form_dup_order (f->form);
  g_assert_cmpuint (extra->collected, >, collected);
  gtk_editable_set_text (GTK_EDITABLE (cost_centre), "4711");
  g_assert_cmpuint (f->changes, ==, 1);

  /* Its field is followed like any other: the row, CertCentral's words under it. */
  g_assert_true (pkio_order_form_get_field_row (f->form, "custom_fields.cost_center")
                 == cost_centre);
  refuse_field (f, "custom_fields.cost_center", "This cost centre is not known.");
  g_assert_cmpstr (pkio_order_form_get_shown_problem (f->form, "custom_fields.cost_center"), ==,
                   "This cost centre is not known.");
  g_assert_cmpstr (problem_under (cost_centre), ==, "This cost centre is not known.");
  g_assert_true (gtk_widget_has_css_class (cost_centre, "error"));
  /* ... until the field changes. */
  gtk_editable_set_text (GTK_EDITABLE (cost_centre), "4712");
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "custom_fields.cost_center"));
  g_assert_null (problem_under (cost_centre));

  /* A field the metadata names later is followed too. */
  project = extra_section_add_field (extra, "custom_fields.project", "Project");
  g_assert_true (pkio_order_form_get_field_row (f->form, "custom_fields.project") == project);
  refuse_field (f, "custom_fields.project", "Name a project.");
  g_assert_cmpstr (problem_under (project), ==, "Name a project.");
  /* The focus goes from one field to the next, through nothing else. */
  refuse_field (f, "custom_fields.cost_center", "This cost centre is not known.");
  g_assert_true (gtk_widget_grab_focus (cost_centre));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), project));
}

static gboolean
popover_is_closed (gpointer popover)
{
  return !gtk_widget_get_visible (popover);
}

static void
find_sections (GtkWidget *widget,
               GPtrArray *sections)
{
  if (PKIO_IS_ORDER_SECTION (widget))
    g_ptr_array_add (sections, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_sections (child, sections);
}

static void
count_section_change_cb (guint *count)
{
  (*count)++;
}

/* Filling the sections (a draft, another order for the same person) is no change of the
 * person's; typing is. */
static void
test_filling_is_not_a_change (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_order_form_dup_draft (f->form);
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  guint section_changes = 0;

  find_sections (GTK_WIDGET (f->form), sections);
  g_assert_cmpuint (sections->len, ==, 6);
  for (guint i = 0; i < sections->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (sections, i), "changed",
                              G_CALLBACK (count_section_change_cb), &section_changes);
  g_free (order->individual.first_name);
  order->individual.first_name = g_strdup ("Jan");
  order->profile = PKIO_PROFILE_ENCRYPTION;
  order->ship_info.method = PKIO_SHIP_EXPEDITED;
  order->validity.kind = PKIO_VALIDITY_DAYS;
  order->validity.days = 45;
  order->payment_method = PKIO_PAYMENT_CARD;
  order->csa_agreed_to = TRUE;
  f->changes = 0;
  pkio_order_form_set_order (f->form, order);
  g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "Jan");
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (order_form_child (f->form, "days_check"))));
  g_assert_nonnull (pkio_order_form_get_field_row (f->form, "credit_card.number"));
  g_assert_cmpuint (f->changes, ==, 0);
  g_assert_cmpuint (section_changes, ==, 0);

  /* (Replacing a text is two changes: what was there goes, the new text comes.) */
  set_field (f, "certificate.individual.first_name", "Janneke");
  g_assert_cmpuint (f->changes, >, 0);
  g_assert_cmpuint (section_changes, ==, f->changes);
}

/* "Same as the holder" (the shipping section) takes the holder's name and place (the person
 * section) through the form, never the street; the focus goes to the street. */
static void
test_same_as_holder (Fixture       *f,
                     gconstpointer  data)
{
  /* The row above the recipient's name. */
  GtkWidget *same = gtk_widget_get_prev_sibling (pkio_order_form_get_field_row (f->form,
                                                                                "ship_info.name"));

  set_field (f, "certificate.individual.first_name", " John ");
  set_field (f, "certificate.individual.last_name", "Doe");
  set_field (f, "certificate.individual.city", "Amsterdam");
  set_field (f, "certificate.individual.zip", "1013 AA");
  set_field (f, "ship_info.addr1", "813 Lincoln Street");
  g_signal_emit_by_name (same, "activated");
  g_assert_cmpstr (field_text (f, "ship_info.name"), ==, "John Doe");
  g_assert_cmpstr (field_text (f, "ship_info.city"), ==, "Amsterdam");
  g_assert_cmpstr (field_text (f, "ship_info.zip"), ==, "1013 AA");
  g_assert_cmpstr (field_text (f, "ship_info.addr1"), ==, "813 Lincoln Street");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window),
                                         pkio_order_form_get_field_row (f->form,
                                                                        "ship_info.addr1")));

  /* A person known only by number: nothing is known of their name here. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (order_form_child (f->form,
                                                                   "holder_known_check")), TRUE);
  set_field (f, "ship_info.name", "Someone");
  g_signal_emit_by_name (same, "activated");
  g_assert_cmpstr (field_text (f, "ship_info.name"), ==, "Someone");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The country list (PkioCountryPopover, a template of its own) opens from the row, narrows to
 * what is typed, and Enter in the search takes the first match. */
static void
test_country_list (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *row = pkio_order_form_get_field_row (f->form, "certificate.individual.country");
  GtkWidget *popover;
  GtkWidget *search;
  GtkListView *list;

  g_assert_cmpstr (pkio_country_row_get_code (PKIO_COUNTRY_ROW (row)), ==, "nl");
  g_signal_emit_by_name (row, "activated");
  popover = find_descendant (row, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  spin_until (widget_is_mapped, popover);
  search = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  list = GTK_LIST_VIEW (find_descendant (popover, GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (search);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_ancestor (
    gtk_window_get_focus (f->window), search));
  /* The Netherlands and Belgium first, then the rest. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), >,
                    200);

  gtk_editable_set_text (GTK_EDITABLE (search), expected ("Belgi", "Belgi"));
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==,
                    1);
  f->changes = 0;
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (pkio_country_row_get_code (PKIO_COUNTRY_ROW (row)), ==, "be");
  g_assert_cmpuint (f->changes, >, 0);
  spin_until (popover_is_closed, popover);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) g_test_add ("/order-form/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("section-added-at-run-time", test_section_added_at_run_time);
  ADD ("filling-is-not-a-change", test_filling_is_not_a_change);
  ADD ("same-as-holder", test_same_as_holder);
  ADD ("country-list", test_country_list);
#undef ADD

  return g_test_run ();
}
