/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pkio-client.h"
#include "pkio-json-guard.h"
#include "pkio-order-json.h"

/* The seed's first example (holder details, paid from the balance). */
static const char seed_body[] =
  "{\"certificate\": {\"signature_hash\": \"sha256\", \"profile_option\": \"encryption\","
  " \"is_rsassa_pss\": true, \"individual\": {\"first_name\": \"John\", \"last_name\": \"Doe\","
  " \"email\": \"john.doe@example.com\", \"telephone\": \"+31(0)20 254 7999\", \"country\": \"nl\","
  " \"city\": \"Amsterdam\", \"state\": \"Amsterdam\", \"zip\": \"1013 AA\"}},"
  " \"csa_agreed_to\": true, \"provisioning_method\": \"token\","
  " \"ship_info\": {\"name\": \"John Doe\", \"addr1\": \"813 Lincoln Street\","
  " \"addr2\": \"Suite 20\", \"city\": \"Amsterdam\", \"state\": \"Amsterdam\","
  " \"zip\": \"1013 AA\", \"country\": \"nl\", \"method\": \"STANDARD\"},"
  " \"order_validity\": {\"years\": 1}, \"payment_method\": \"balance\"}";

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* CertCentral's answer to the order POST, as the client receives it. */
static const char answer_body[] = "{\"id\": 843668399, \"certificate_id\": 845503702}";

/* One order's worth of core work: read the body, check it, build and serialize the request,
 * then check and read the answer the way the client does. */
static void
one_order (JsonNode  *seed,
           GDateTime *now,
           GBytes    *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer_root = NULL;
  g_autoptr(PkioOrderAnswer) result = NULL;
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = pkio_order_from_json (seed, problems);
  g_autoptr(GPtrArray) more = pkio_order_validate (order, now);
  g_autoptr(JsonNode) body = pkio_order_to_json (order);
  g_autofree char *text = json_to_string (body, FALSE);

  if (problems->len != 0 || more->len != 0 || text == NULL)
    g_error ("The seed order should be valid");

  answer_root = pkio_json_guard_parse ("application/json", answer, &error);
  result = answer_root ? pkio_order_answer_from_json (answer_root, &error) : NULL;
  if (result == NULL || result->order_id != 843668399)
    g_error ("The answer should parse: %s", error ? error->message : "wrong id");
}

int
main (int   argc,
      char *argv[])
{
  guint iterations = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 20000;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) seed = json_from_string (seed_body, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) answer = g_bytes_new_static (answer_body, sizeof answer_body - 1);
  double runs[5];

  g_assert_no_error (error);
  if (iterations == 0)
    iterations = 1;

  one_order (seed, now, answer);  /* warm up: loads the country list once */

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint k = 0; k < iterations; k++)
        one_order (seed, now, answer);
      runs[r] = (double) (g_get_monotonic_time () - start) / iterations;
    }
  qsort (runs, G_N_ELEMENTS (runs), sizeof runs[0], compare_doubles);

  /* printf, not g_print: g_print would turn µ into ? in the C locale. */
  printf ("from_json+validate+to_json+serialize+parse answer: %.1f µs/order (median of %u runs of %u)\n",
           runs[G_N_ELEMENTS (runs) / 2], (guint) G_N_ELEMENTS (runs), iterations);
  return 0;
}
