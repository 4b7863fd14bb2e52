/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pkio-order.h"
#include "pkio-paths.h"
#include "pkio-practice.h"
#include "pkio-task-chain.h"

#define PRACTICE_STATE_FILE "practice-simulator.json"

PkioSimulator *
pkio_practice_simulator_start (GError **error)
{
  g_autofree char *dir = pkio_paths_data_dir ();
  g_autofree char *state_file = g_build_filename (dir, PRACTICE_STATE_FILE, NULL);
  g_autoptr(PkioSimulator) simulator = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  simulator = pkio_simulator_new ();
  pkio_simulator_set_api_key (simulator, PKIO_SIMULATOR_DEFAULT_API_KEY);
  /* Practice the account's own order fields as many organisations have them: one, optional. */
  {
    g_autoptr(GPtrArray) fields = pkio_custom_field_list_new ();

    g_ptr_array_add (fields, pkio_custom_field_new (PKIO_PRACTICE_COST_CENTRE_ID,
                                                    _("Cost centre"), FALSE, TRUE, "text"));
    pkio_simulator_set_custom_fields (simulator, fields);
  }
  pkio_simulator_set_issue_delay (simulator, PKIO_PRACTICE_ISSUE_DELAY_MS);
  pkio_simulator_set_state_file (simulator, state_file);
  if (!pkio_simulator_start (simulator, error))
    return NULL;
  return g_steal_pointer (&simulator);
}

/* ---- examples ---- */

#define NO_END G_MININT

typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *status;
  int         days_ago;
  int         ends_in_days;   /* valid_till from today; NO_END: as the simulator gives it */
} Example;

/* Made-up people at example domains (RFC 2606): nothing here is anybody's data. One
 * certificate ends soon and one has ended, so the warnings and renewal can be tried. */
static const Example examples[] = {
  { "Anna", "de Vries", "anna.devries@example.nl", "issued", 24, NO_END },
  { "Pieter", "Jansen", "pieter.jansen@example.nl", "pending", 1, NO_END },
  { "Sophie", "Bakker", "sophie.bakker@example.be", "canceled", 52, NO_END },
  { "Lars", "Visser", "lars.visser@example.nl", "issued", 3 * 365 - 20, 20 },
  { "Emma", "Smit", "emma.smit@example.be", "expired", 3 * 365 + 15, -15 },
};

static void
examples_added_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_add_examples_finish (PKIO_HISTORY_STORE (source), result, &error);
  pkio_task_finish_chain (task, error);
}

static void
history_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistoryStore *store = PKIO_HISTORY_STORE (source);
  PkioSimulator *simulator = g_task_get_task_data (task);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;

  if (!pkio_history_store_ensure_loaded_finish (store, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Once only: a practice history that was ever used (or synced) is left as it is. */
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0
      || pkio_history_store_get_last_sync (store) > 0
      || pkio_simulator_get_n_orders (simulator) > 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  for (gsize i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_days (now, -examples[i].days_ago);
      PkioRemoteOrder *order = pkio_remote_order_new ();

      order->order_id = pkio_simulator_add_remote_order (simulator, examples[i].email,
                                                         examples[i].first_name,
                                                         examples[i].last_name,
                                                         examples[i].status, created);
      /* A colleague placed them, as CertCentral's order info will say. */
      pkio_simulator_set_order_placed_by (simulator, order->order_id, "Ada", "Admin",
                                          "ada.admin@example.nl");
      order->status = g_strdup (examples[i].status);
      order->date_created = g_date_time_ref (created);
      order->product_name_id = g_strdup (PKIO_PRODUCT_NAME_ID);
      order->common_name = g_strdup_printf ("%s %s", examples[i].first_name,
                                            examples[i].last_name);
      order->email = g_strdup (examples[i].email);
      if (examples[i].ends_in_days != NO_END)
        {
          g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

          order->valid_from = pkio_calendar_day_of (created, utc);
          order->valid_till = pkio_calendar_today (utc) + examples[i].ends_in_days;
          pkio_simulator_set_order_validity (simulator, order->order_id, order->valid_from,
                                             order->valid_till);
        }
      g_ptr_array_add (orders, order);
    }
  pkio_history_store_add_examples_async (store, orders, NULL, examples_added_cb,
                                         g_steal_pointer (&task));
}

void
pkio_practice_seed_examples_async (PkioSimulator       *simulator,
                                   PkioHistoryStore    *store,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_SIMULATOR (simulator));
  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, pkio_practice_seed_examples_async);
  g_task_set_task_data (task, g_object_ref (simulator), g_object_unref);
  pkio_history_store_ensure_loaded_async (store, NULL, history_read_cb, g_steal_pointer (&task));
}

gboolean
pkio_practice_seed_examples_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
