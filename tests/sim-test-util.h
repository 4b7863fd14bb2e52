/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pkio-simulator.h"

G_BEGIN_DECLS

/* Shared by the simulator tests: a started simulator plus a plain SoupSession (the tests do
 * not depend on the app's client). */
#define KEY "test-key"

extern const char seed_body[];

typedef struct
{
  PkioSimulator *sim;
  SoupSession   *session;
  char          *tmpdir;
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  JsonNode           *json;
  SoupMessageHeaders *headers;
  GError             *error;
  gboolean            done;
} Reply;

void        reply_free       (Reply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

void        fixture_setup    (Fixture *fx, gconstpointer data);
void        fixture_teardown (Fixture *fx, gconstpointer data);
Reply      *request_full     (Fixture *fx, const char *method, const char *path_and_query,
                              const char *body, const char *key);
Reply      *request          (Fixture *fx, const char *method, const char *path_and_query,
                              const char *body);
JsonObject *reply_object     (Reply *reply);
const char *first_error_code (Reply *reply);
gboolean    has_error        (Reply *reply, const char *code, const char *field);
void        wait_ms          (guint ms);
gint64      place_seed       (Fixture *fx);
char       *order_status     (Fixture *fx, gint64 id);
/* The seed's second body: ordered by individual id, with @ship_method. */
char       *make_body_by_id  (int individual_id, const char *ship_method);

G_END_DECLS
