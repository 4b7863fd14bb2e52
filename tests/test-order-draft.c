/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "history-test-util.h"
#include "pkio-order-draft.h"

/* The order form's draft: what it keeps, what it never keeps (card data), and that the last
 * save always wins. */

static char *data_home;

#define CARD_NUMBER "4111 1111 1111 1111"

static PkioOrder *
typed_order (void)
{
  PkioOrder *order = pkio_order_new ();

  order->profile = PKIO_PROFILE_ENCRYPTION;
  order->is_rsassa_pss = TRUE;
  /* A renewal of order 843668399, typed but not placed yet. */
  order->replaces_order_id = 843668399;
  order->individual.use_id = TRUE;
  order->individual.id = 21;
  order->individual.first_name = g_strdup ("John");
  order->individual.last_name = g_strdup ("Doe");
  order->individual.email = g_strdup ("john.doe@example.com");
  order->individual.telephone = g_strdup ("+31(0)20 254 7999");
  order->individual.country = g_strdup ("nl");
  order->individual.city = g_strdup ("Amsterdam");
  order->individual.state = g_strdup ("Noord-Holland");
  order->individual.zip = g_strdup ("1013aa");   /* as typed: not normalized */
  order->csa_agreed_to = TRUE;
  order->ship_info.name = g_strdup ("John Doe");
  order->ship_info.addr1 = g_strdup ("813 Lincoln Street");
  order->ship_info.addr2 = g_strdup ("Suite 20");
  order->ship_info.city = g_strdup ("Amsterdam");
  order->ship_info.state = g_strdup ("Noord-Holland");
  order->ship_info.zip = g_strdup ("1013 AA");
  order->ship_info.country = g_strdup ("nl");
  order->ship_info.method = PKIO_SHIP_EXPEDITED;
  order->validity.kind = PKIO_VALIDITY_CUSTOM_DATE;
  order->validity.days = 30;
  g_date_set_dmy (&order->validity.custom_date, 9, G_DATE_JUNE, 2031);
  order->payment_method = PKIO_PAYMENT_CARD;
  order->credit_card.number = g_strdup (CARD_NUMBER);
  order->credit_card.expiration_month = g_strdup ("12");
  order->credit_card.expiration_year = g_strdup ("2030");
  order->credit_card.cvv = g_strdup ("987");
  order->credit_card.cardholder_name = g_strdup ("Jan Kaarthouder");
  order->credit_card.save_credit_card = TRUE;
  order->credit_card.set_as_default = TRUE;
  order->billing_address.address = g_strdup ("Damrak 1");
  order->billing_address.city = g_strdup ("Amsterdam");
  order->billing_address.country = g_strdup ("nl");
  order->billing_address.zip = g_strdup ("1012 LG");
  return order;
}

static void
assert_no_card_data (const char *text)
{
  g_assert_null (strstr (text, CARD_NUMBER));
  g_assert_null (strstr (text, "4111111111111111"));
  g_assert_null (strstr (text, "1111"));
  g_assert_null (strstr (text, "987"));
  g_assert_null (strstr (text, "Kaarthouder"));
  g_assert_null (strstr (text, "credit_card"));
  g_assert_null (strstr (text, "expiration"));
}

static void
test_round_trip (void)
{
  g_autoptr(PkioOrder) order = typed_order ();
  g_autofree char *text = pkio_order_draft_serialize (order);
  g_autoptr(PkioOrder) back = NULL;
  g_autoptr(GError) error = NULL;

  assert_no_card_data (text);
  back = pkio_order_draft_parse (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  g_assert_cmpint (back->profile, ==, PKIO_PROFILE_ENCRYPTION);
  g_assert_true (back->is_rsassa_pss);
  /* Both holder choices survive: the person may switch back. */
  g_assert_true (back->individual.use_id);
  g_assert_cmpint (back->individual.id, ==, 21);
  g_assert_cmpstr (back->individual.first_name, ==, "John");
  g_assert_cmpstr (back->individual.zip, ==, "1013aa");
  g_assert_cmpstr (back->individual.telephone, ==, "+31(0)20 254 7999");
  g_assert_true (back->csa_agreed_to);
  g_assert_cmpstr (back->ship_info.addr2, ==, "Suite 20");
  g_assert_cmpint (back->ship_info.method, ==, PKIO_SHIP_EXPEDITED);
  g_assert_cmpint (back->validity.kind, ==, PKIO_VALIDITY_CUSTOM_DATE);
  g_assert_cmpint (back->validity.days, ==, 30);
  g_assert_true (g_date_valid (&back->validity.custom_date));
  g_assert_cmpint (g_date_get_day (&back->validity.custom_date), ==, 9);
  g_assert_cmpint (g_date_get_month (&back->validity.custom_date), ==, G_DATE_JUNE);
  g_assert_cmpint (g_date_get_year (&back->validity.custom_date), ==, 2031);
  g_assert_cmpint (back->payment_method, ==, PKIO_PAYMENT_CARD);
  g_assert_cmpstr (back->billing_address.address, ==, "Damrak 1");
  g_assert_cmpstr (back->billing_address.zip, ==, "1012 LG");
  /* Still a renewal after a restart. */
  g_assert_cmpint (back->replaces_order_id, ==, 843668399);

  /* Never any card field. */
  g_assert_null (back->credit_card.number);
  g_assert_null (back->credit_card.expiration_month);
  g_assert_null (back->credit_card.expiration_year);
  g_assert_null (back->credit_card.cvv);
  g_assert_null (back->credit_card.cardholder_name);
  g_assert_false (back->credit_card.save_credit_card);
  g_assert_false (back->credit_card.set_as_default);
}

static void
test_parse_refuses_strangers (void)
{
  const char *bad[] = { "", "not json", "[1,2]", "{}", "{\"version\":99}",
                        "{\"version\":\"1\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioOrder) order = pkio_order_draft_parse (bad[i], &error);

      g_assert_null (order);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* Members of the wrong type keep their defaults instead of failing the whole draft. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PkioOrder) order = pkio_order_draft_parse (
      "{\"version\":1,\"profile\":\"bogus\",\"is_rsassa_pss\":\"yes\","
      "\"individual\":{\"first_name\":7,\"last_name\":\"Jansen\"},"
      "\"validity\":{\"kind\":\"years\",\"years\":99},\"payment_method\":\"cash\"}", &error);

    g_assert_no_error (error);
    g_assert_cmpint (order->profile, ==, PKIO_PROFILE_AUTHENTICATION);
    g_assert_false (order->is_rsassa_pss);
    g_assert_null (order->individual.first_name);
    g_assert_cmpstr (order->individual.last_name, ==, "Jansen");
    g_assert_cmpint (order->validity.years, ==, 3);
    g_assert_cmpint (order->payment_method, ==, PKIO_PAYMENT_BALANCE);
  }
}

static void
test_paths (void)
{
  g_autofree char *real = pkio_order_draft_path_for (FALSE);
  g_autofree char *practice = pkio_order_draft_path_for (TRUE);
  g_autofree char *dir = g_build_filename (data_home, "pkio-orders", NULL);
  g_autofree char *real_dir = g_path_get_dirname (real);

  g_assert_cmpstr (real_dir, ==, dir);
  g_assert_true (g_str_has_suffix (real, "/draft.json"));
  g_assert_true (g_str_has_suffix (practice, "/practice-draft.json"));
}

static gboolean
save_and_wait (PkioOrderDraft  *draft,
               const PkioOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  pkio_order_draft_save_async (draft, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  ok = pkio_order_draft_save_finish (draft, result, &error);
  g_assert_no_error (error);
  return ok;
}

static PkioOrder *
load_and_wait (PkioOrderDraft *draft)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioOrder *order;

  pkio_order_draft_load_async (draft, NULL, test_result_cb, NULL);
  result = test_wait ();
  order = pkio_order_draft_load_finish (draft, result, &error);
  g_assert_no_error (error);
  return order;
}

static void
test_save_load_discard (void)
{
  g_autofree char *path = pkio_order_draft_path_for (TRUE);
  g_autoptr(PkioOrderDraft) draft = pkio_order_draft_new (path);
  g_autoptr(PkioOrder) order = typed_order ();
  g_autoptr(PkioOrder) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_unlink (path);
  g_assert_null (load_and_wait (draft));   /* none yet: NULL, no error */

  g_assert_true (save_and_wait (draft, order));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  assert_no_card_data (contents);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = load_and_wait (draft);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->individual.email, ==, "john.doe@example.com");
  g_assert_null (loaded->credit_card.number);

  pkio_order_draft_discard_async (draft, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_order_draft_discard_finish (draft, result, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&result);

  /* Discarding what is not there is fine. */
  pkio_order_draft_discard_async (draft, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_order_draft_discard_finish (draft, result, &error));
  g_assert_no_error (error);

  /* The blocking save (closing the window) writes the same. */
  g_assert_true (pkio_order_draft_save (draft, order, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, pkio_order_free);
  loaded = load_and_wait (draft);
  g_assert_cmpstr (loaded->ship_info.addr1, ==, "813 Lincoln Street");
}

static int n_done;

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (GPOINTER_TO_INT (user_data))
    g_assert_true (pkio_order_draft_discard_finish (PKIO_ORDER_DRAFT (source), result, &error));
  else
    g_assert_true (pkio_order_draft_save_finish (PKIO_ORDER_DRAFT (source), result, &error));
  g_assert_no_error (error);
  n_done++;
}

/* Many saves in flight on the thread pool: whichever thread runs last, the file holds the
 * last one asked for; a discard asked for after them wins over all of them. */
static void
test_last_save_wins (void)
{
  g_autofree char *path = pkio_order_draft_path_for (FALSE);
  g_autoptr(PkioOrderDraft) draft = pkio_order_draft_new (path);
  g_autoptr(PkioOrder) order = typed_order ();
  g_autoptr(PkioOrder) loaded = NULL;

  for (int round = 0; round < 2; round++)
    {
      n_done = 0;
      for (int i = 0; i < 40; i++)
        {
          g_free (order->individual.first_name);
          order->individual.first_name = g_strdup_printf ("Name%d", i);
          pkio_order_draft_save_async (draft, order, NULL, count_done_cb, GINT_TO_POINTER (0));
        }
      if (round == 1)
        pkio_order_draft_discard_async (draft, NULL, count_done_cb, GINT_TO_POINTER (1));
      while (n_done < (round == 1 ? 41 : 40))
        g_main_context_iteration (NULL, TRUE);

      if (round == 0)
        {
          loaded = load_and_wait (draft);
          g_assert_cmpstr (loaded->individual.first_name, ==, "Name39");
        }
      else
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_unreadable_draft (void)
{
  g_autofree char *path = pkio_order_draft_path_for (TRUE);
  g_autoptr(PkioOrderDraft) draft = pkio_order_draft_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrder) order = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"version\":1,", -1, NULL));
  pkio_order_draft_load_async (draft, NULL, test_result_cb, NULL);
  result = test_wait ();
  order = pkio_order_draft_load_finish (draft, result, &error);
  g_assert_null (order);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  data_home = g_dir_make_tmp ("pkio-draft-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/order-draft/round-trip", test_round_trip);
  g_test_add_func ("/order-draft/parse-refuses-strangers", test_parse_refuses_strangers);
  g_test_add_func ("/order-draft/paths", test_paths);
  g_test_add_func ("/order-draft/save-load-discard", test_save_load_discard);
  g_test_add_func ("/order-draft/last-save-wins", test_last_save_wins);
  g_test_add_func ("/order-draft/unreadable", test_unreadable_draft);

  return g_test_run ();
}
