/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pkio-history-store.h"

G_BEGIN_DECLS

/* Waits (running the default main context) for one async result. */
static GAsyncResult *test_result;

static inline void
test_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_assert_null (test_result);
  test_result = g_object_ref (result);
}

static inline GAsyncResult *
test_wait (void)
{
  while (test_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&test_result);
}

static inline char *
test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pkio-history-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline PkioHistoryStore *
test_open_store (const char *path)
{
  g_autoptr(PkioHistoryStore) store = pkio_history_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_history_store_open_async (store, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  pkio_history_store_ensure_loaded_async (store, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_ensure_loaded_finish (store, result, &error));
  g_assert_true (pkio_history_store_is_loaded (store));
  return g_steal_pointer (&store);
}

static inline PkioHistoryRecord *
test_journal (PkioHistoryStore *store,
              const char       *request_json,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_history_store_journal_begin_async (store, "http://127.0.0.1/services/v2/", request_json,
                                          NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_history_store_journal_begin_finish (store, result, error);
}

/* The request @record was placed with, read from the database as the details pane reads it. */
static inline char *
test_read_request (PkioHistoryStore  *store,
                   PkioHistoryRecord *record,
                   GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_history_store_read_request_async (store, record, NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_history_store_read_request_finish (store, result, error);
}

static inline void
test_mark_placed (PkioHistoryStore  *store,
                  PkioHistoryRecord *record,
                  gint64             order_id,
                  gint64             certificate_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_history_store_journal_mark_placed_async (store, record, order_id, certificate_id,
                                                test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_journal_mark_finish (store, result, &error));
  g_assert_no_error (error);
}

static inline guint
test_merge (PkioHistoryStore *store,
            GPtrArray        *remote)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  pkio_history_store_merge_remote_async (store, remote, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_merge_remote_finish (store, result, &changed, &error));
  g_assert_no_error (error);
  return changed;
}

static inline PkioRemoteOrder *
test_remote_order (gint64      order_id,
                   const char *status,
                   const char *name,
                   const char *email,
                   gint64      created)
{
  PkioRemoteOrder *order = pkio_remote_order_new ();

  order->order_id = order_id;
  order->status = g_strdup (status);
  order->common_name = g_strdup (name);
  order->email = g_strdup (email);
  order->product_name_id = g_strdup ("pkio_burger");
  order->date_created = created > 0 ? g_date_time_new_from_unix_utc (created) : NULL;
  return order;
}

static inline PkioHistoryRecord *
test_item (PkioHistoryStore *store,
           guint             position)
{
  PkioHistoryRecord *record = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The model keeps its own reference. */
  g_object_unref (record);
  return record;
}

static inline void
test_rm_rf (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}

#define TEST_REQUEST_JSON(first, last, email) \
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\"," \
  "\"is_rsassa_pss\":false,\"individual\":{\"first_name\":\"" first "\",\"last_name\":\"" last \
  "\",\"email\":\"" email "\",\"telephone\":\"+31 20 123 4567\",\"country\":\"nl\"," \
  "\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\",\"zip\":\"1013 AA\"}}," \
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\",\"ship_info\":{\"name\":\"X\"," \
  "\"addr1\":\"Straat 1\",\"addr2\":\"\",\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\"," \
  "\"zip\":\"1013 AA\",\"country\":\"nl\",\"method\":\"STANDARD\"}," \
  "\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}"

G_END_DECLS
