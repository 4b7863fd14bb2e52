/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-client-private.h"
#include "pkio-simulator.h"

G_BEGIN_DECLS

#define KEY "client-test-key"

/* Seed example 1, as the client sends it. */
extern const char order_body[];

/* A simulator that knows KEY, and a client for it that retries after 5 ms and gives up after
 * 5 s; the simulator's "delay" fault holds an answer 1.5 s. */
typedef struct
{
  PkioSimulator *sim;
  PkioClient    *client;
} Fixture;

void              fixture_setup    (Fixture *fx, gconstpointer data);
void              fixture_teardown (Fixture *fx, gconstpointer data);

/* Waiting for one async result: got_result_cb stores it in the GAsyncResult * slot its user
 * data points to, wait_result runs the main context until it is there. */
void              got_result_cb    (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult     *wait_result      (GAsyncResult **slot);

/* Each call of the client, waited for. */
PkioOrderAnswer  *place_order      (Fixture *fx, const char *body, GError **error);
JsonObject       *get_user         (PkioClient *client, GCancellable *cancellable, GError **error);
JsonObject       *get_balance      (Fixture *fx, GError **error);
JsonObject       *get_product      (Fixture *fx, GError **error);
GPtrArray        *list_orders      (Fixture *fx, const PkioListQuery *query, guint *total,
                                    GError **error);
GPtrArray        *list_all_orders  (Fixture *fx, const PkioListQuery *query, GError **error);
PkioRemoteOrder  *get_order        (Fixture *fx, gint64 id, GError **error);
GPtrArray        *status_changes   (Fixture *fx, guint minutes, GError **error);
gboolean          cancel_order     (Fixture *fx, gint64 id, GError **error);

/* A header of the simulator's request @index (its table lives as long as the simulator). */
const char       *request_header   (PkioSimulator *sim, guint index, const char *name);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

G_END_DECLS
