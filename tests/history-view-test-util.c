/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history view in a window of its own: shared by test-history-view.c and
 * test-history-window.c. */
#include "config.h"

#include <glib/gstdio.h>

#include "history-view-test-util.h"
#include "ui-test-util.h"

static char *data_home;

void
spin_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GAsyncResult *async_result;

void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  async_result = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return async_result != NULL;
}

GAsyncResult *
wait_result (void)
{
  spin_until (have_result, NULL);
  return g_steal_pointer (&async_result);
}

GObject *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* A fresh data folder per test: each has its own practice history and simulator state. */
void
fresh_data_home (void)
{
  g_autofree char *dir = g_build_filename (data_home, DATA_DIR_NAME, NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
}

PkioHistoryRecord *
journal_unknown (PkioHistoryStore *store)
{
  const char *request =
    "{\"certificate\":{\"profile_option\":\"authentication\",\"signature_hash\":\"sha256\","
    "\"individual\":{\"first_name\":\"Dirk\",\"last_name\":\"Dubbel\","
    "\"email\":\"dirk@example.com\"}},\"provisioning_method\":\"token\","
    "\"ship_info\":{\"name\":\"Dirk Dubbel\",\"method\":\"EXPEDITED\",\"country\":\"nl\"},"
    "\"order_validity\":{\"years\":1},\"payment_method\":\"card\",\"card_last4\":\"4242\","
    "\"csa_agreed_to\":true}";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioHistoryRecord *record;
  gboolean ok;

  pkio_history_store_journal_begin_async (store, "practice", request, NULL, async_result_cb,
                                          NULL);
  result = wait_result ();
  record = pkio_history_store_journal_begin_finish (store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  pkio_history_store_journal_mark_unknown_async (store, record, async_result_cb, NULL);
  result = wait_result ();
  ok = pkio_history_store_journal_mark_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return record;
}


void
history_view_test_init (int    *argc,
                        char ***argv)
{
  /* Before anything asks GLib for the data folder. */
  data_home = g_dir_make_tmp ("pkio-history-view-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ui_test_init_translations ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

const char *
history_view_test_data_home (void)
{
  return data_home;
}
