/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-application.h"
#include "pkio-order-view.h"
#include "pkio-window.h"

G_BEGIN_DECLS

/* The New order view in the real window, in practice mode: the form is filled through its
 * widgets, and what the practice simulator received is the assertion. */

#define ORDER_PATH "order/certificate/pkio_burger"
#define TEST_CARD "4111 1111 1111 1111"

extern char            *data_home;
extern PkioApplication *app;
extern const char      *seed_new_person;
extern const char      *seed_known_person;

typedef struct
{
  GtkWindow     *window;
  PkioOrderView *view;
  PkioOrderForm *form;
  PkioWorkspace *workspace;
  PkioSimulator *simulator;
} Fixture;

/* The main loop, the data folder and the windows. fixture_set_up () empties the data folder
 * and opens a new window whose workspace has loaded. */
void        spin_idle (void);
void        spin_for (guint ms);
void        remove_tree (const char *dir);
void        close_all_windows (void);
gboolean    view_ready (gpointer data);
void        open_window (Fixture *f);
void        fixture_set_up (Fixture *f, gconstpointer data);
void        fixture_tear_down (Fixture *f, gconstpointer data);

/* The form, filled through its widgets. */
GObject *   form_child (Fixture *f, const char *name);
void        set_field (Fixture *f, const char *path, const char *text);
const char *field_text (Fixture *f, const char *path);
void        check (Fixture *f, const char *name, gboolean active);
void        fill_delivery (Fixture *f);
void        fill_seed_new_person (Fixture *f);
void        fill_seed_known_person (Fixture *f);

/* What the simulator received, and what the pages show. */
GPtrArray * order_posts (Fixture *f);
void        assert_json_equal (JsonNode *actual, const char *expected_json);
gboolean    page_is (Fixture *f, const char *name);
gboolean    on_result_and_idle (gpointer data);
gboolean    on_form_and_idle (gpointer data);
void        activate (Fixture *f, const char *action);
void        review_and_place (Fixture *f);
/* The review asks CertCentral whether the holder already has one (issue 20): until it has
 * answered, "Place order" waits. */
void        wait_duplicate_checked (Fixture *f);
GtkWidget * outcome_child (Fixture *f, const char *name);
const char *outcome_title (Fixture *f);
void        assert_placed_page (Fixture *f, gint64 order_id);
gboolean    has_label (GtkWidget *widget, const char *text);
gint64      last_order_id (Fixture *f);
GtkWidget * review_child (Fixture *f, const char *name);
GtkWindow * find_message_dialog (void);
gboolean    dialog_shown (gpointer data);
gboolean    contains_bytes (const char *haystack, gsize length, const char *needle);
void        assert_no_card_on_disk (const char *dir);

/* Sets XDG_DATA_HOME to a new folder, translations, GTK. */
void        order_test_init (int *argc, char ***argv);
/* Starts the application as `pkio-orders --practice` and runs the tests inside it. */
int         order_test_run (void);

G_END_DECLS
