/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-export.h"
#include "pkio-history-record-private.h"
#include "pkio-order-json.h"

static PkioHistoryRecord *
make_record (gint64           local_id,
             PkioRecordState  state,
             PkioRecordOrigin origin,
             gint64           order_id,
             gint64           certificate_id,
             const char      *status,
             gint64           created,
             const char      *name,
             const char      *email)
{
  PkioHistoryRecord *record = _pkio_history_record_new ();

  record->local_id = local_id;
  record->state = state;
  record->origin = origin;
  record->order_id = order_id;
  record->certificate_id = certificate_id;
  record->remote_status = _pkio_history_intern (status);
  record->created = record->updated = created;
  record->holder_name = g_strdup (name);
  record->holder_email = g_strdup (email);
  record->profile = _pkio_history_intern ("authentication");
  record->ship_method = _pkio_history_intern ("STANDARD");
  _pkio_history_record_refresh_key (record);
  return record;
}

static GListStore *
sample_records (void)
{
  GListStore *store = g_list_store_new (PKIO_TYPE_HISTORY_RECORD);
  g_autoptr(PkioHistoryRecord) a = NULL;
  g_autoptr(PkioHistoryRecord) b = NULL;
  g_autoptr(PkioHistoryRecord) c = NULL;

  /* 2024-05-01T10:00:00Z, 2024-05-02T08:30:00Z, 2024-05-03T12:00:00Z */
  a = make_record (1, PKIO_RECORD_STATE_PLACED, PKIO_RECORD_ORIGIN_THIS_COMPUTER, 1001, 5001,
                   "issued", 1714557600, "Jan Jansen", "jan@example.nl");
  b = make_record (2, PKIO_RECORD_STATE_REMOTE, PKIO_RECORD_ORIGIN_ELSEWHERE, 1002, 0,
                   "pending", 1714638600, "Vries, \"Els\" de", "els@example.nl");
  c = make_record (3, PKIO_RECORD_STATE_UNKNOWN, PKIO_RECORD_ORIGIN_THIS_COMPUTER, 0, 0,
                   NULL, 1714737600, "=HYPERLINK(\"http://x\")", "@evil.example");
  c->ship_method = _pkio_history_intern ("EXPEDITED");
  /* b replaces a (both ways), and a's revocation is requested. */
  _pkio_history_record_rare_mut (b)->replaces_order_id = 1001;
  _pkio_history_record_rare_mut (a)->replaced_by_order_id = 1002;
  _pkio_history_record_rare_mut (a)->revoke_state = PKIO_REVOKE_REQUESTED;
  _pkio_history_record_rare_mut (a)->revoke_request_id = 77;
  /* a was a row of a batch file. */
  _pkio_history_record_rare_mut (a)->batch_key = g_strdup ("batch");
  _pkio_history_record_rare_mut (a)->batch_row = g_strdup ("row");
  _pkio_history_record_rare_mut (a)->batch_file = g_strdup ("people.csv");
  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  return store;
}

static void
test_csv (void)
{
  g_autoptr(GListStore) records = sample_records ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const char *expected =
    "date,holder_name,holder_email,profile,order_id,certificate_id,status,ship_method,placed,state,"
    "valid_from,valid_till,days_left,replaces_order_id,replaced_by_order_id,revocation,"
    "revocation_request_id,batch_file\r\n"
    "2024-05-01T10:00:00Z,Jan Jansen,jan@example.nl,authentication,1001,5001,issued,STANDARD,"
    "this-computer,placed,,,,,1002,requested,77,people.csv\r\n"
    "2024-05-02T08:30:00Z,\"Vries, \"\"Els\"\" de\",els@example.nl,authentication,1002,,pending,"
    "STANDARD,elsewhere,remote,,,,1001,,none,,\r\n"
    "2024-05-03T12:00:00Z,\"'=HYPERLINK(\"\"http://x\"\")\",\"'@evil.example\",authentication,,,,"
    "EXPEDITED,this-computer,unknown,,,,,,none,,\r\n";

  pkio_history_write_csv (G_LIST_MODEL (records), csv);
  g_assert_cmpstr (csv->str, ==, expected);

  /* The stream variant writes the very same bytes. */
  g_assert_true (pkio_history_write_csv_to_stream (G_LIST_MODEL (records), stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                   expected, strlen (expected));
}

static void
test_json (void)
{
  g_autoptr(GListStore) records = sample_records ();
  g_autoptr(JsonNode) node = pkio_history_to_json (G_LIST_MODEL (records));
  g_autofree char *text = json_to_string (node, FALSE);
  JsonArray *array = json_node_get_array (node);
  JsonObject *first = json_array_get_object_element (array, 0);
  JsonObject *second = json_array_get_object_element (array, 1);
  JsonObject *third = json_array_get_object_element (array, 2);

  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  /* The renewal, both ways, and the revocation: numbers, or null. */
  g_assert_cmpint (json_object_get_int_member (first, "replaced_by_order_id"), ==, 1002);
  g_assert_true (json_object_get_null_member (first, "replaces_order_id"));
  g_assert_cmpint (json_object_get_int_member (second, "replaces_order_id"), ==, 1001);
  g_assert_cmpstr (json_object_get_string_member (first, "revocation"), ==, "requested");
  g_assert_cmpint (json_object_get_int_member (first, "revocation_request_id"), ==, 77);
  g_assert_cmpstr (json_object_get_string_member (second, "revocation"), ==, "none");
  g_assert_true (json_object_get_null_member (second, "revocation_request_id"));
  /* The batch file's name, or null for an order that was not a row of one. */
  g_assert_cmpstr (json_object_get_string_member (first, "batch_file"), ==, "people.csv");
  g_assert_true (json_object_get_null_member (second, "batch_file"));
  g_assert_cmpint (json_object_get_int_member (second, "order_id"), ==, 1002);
  g_assert_true (json_object_get_null_member (second, "certificate_id"));
  g_assert_cmpstr (json_object_get_string_member (second, "holder_name"), ==, "Vries, \"Els\" de");
  g_assert_cmpstr (json_object_get_string_member (second, "placed"), ==, "elsewhere");
  g_assert_cmpstr (json_object_get_string_member (second, "date"), ==, "2024-05-02T08:30:00Z");
  /* JSON is data, not a spreadsheet: no quote prefix there. */
  g_assert_cmpstr (json_object_get_string_member (third, "holder_email"), ==, "@evil.example");
  g_assert_cmpstr (json_object_get_string_member (third, "state"), ==, "unknown");
}

static void
test_matches (void)
{
  g_autoptr(GListStore) records = sample_records ();
  g_autoptr(PkioHistoryRecord) jan = g_list_model_get_item (G_LIST_MODEL (records), 0);
  g_autoptr(PkioHistoryRecord) els = g_list_model_get_item (G_LIST_MODEL (records), 1);
  g_autoptr(PkioHistoryRecord) accent = make_record (4, PKIO_RECORD_STATE_REMOTE,
                                                     PKIO_RECORD_ORIGIN_ELSEWHERE, 7, 0, "issued",
                                                     1, "Zoë Ångström", "zoe@example.nl");

  g_assert_true (pkio_history_record_matches (jan, NULL));
  g_assert_true (pkio_history_record_matches (jan, "   "));
  g_assert_true (pkio_history_record_matches (jan, "jansen"));
  g_assert_true (pkio_history_record_matches (jan, " JAN@Example "));
  g_assert_true (pkio_history_record_matches (jan, "1001"));
  g_assert_true (pkio_history_record_matches (jan, "5001"));
  g_assert_false (pkio_history_record_matches (jan, "els"));
  g_assert_false (pkio_history_record_matches (jan, "1002"));
  g_assert_true (pkio_history_record_matches (els, "\"els\""));
  g_assert_true (pkio_history_record_matches (accent, "ÅNGSTRÖM"));
  g_assert_true (pkio_history_record_matches (accent, "zoë"));
  /* Accents are left out on both sides: a person types what the keyboard has. */
  g_assert_true (pkio_history_record_matches (accent, "zoe a"));
  g_assert_true (pkio_history_record_matches (accent, "angstrom"));
  g_assert_false (pkio_history_record_matches (accent, "zoe b"));
  /* The fields are searched one by one: no match across the end of the name. */
  g_assert_false (pkio_history_record_matches (accent, "ngströmzoe"));
}

static void
test_folding (void)
{
  static const struct {
    const char *name;
    const char *query;
  } found[] = {
    { "Müller", "muller" },
    { "MÜLLER", "Müller" },
    { "Gärtner-Straße", "gartner-strasse" },
    { "Øster Ærø", "oster aero" },
    { "Łukasz Wałęsa", "lukasz walesa" },
    { "Ĳsbrand", "ijsbrand" },          /* the Dutch ij as one letter */
    { "François", "FRANCOIS" },
    { "Ölçer", "olcer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(PkioHistoryRecord) record = make_record (i + 1, PKIO_RECORD_STATE_REMOTE,
                                                         PKIO_RECORD_ORIGIN_ELSEWHERE, i + 1, 0,
                                                         "issued", 1, found[i].name, NULL);

      g_assert_true (pkio_history_record_matches (record, found[i].query));
    }
}

static void
test_categories (void)
{
  static const struct {
    PkioRecordState state;
    const char *status;
    PkioStatusCategory category;
    const char *label;
  } cases[] = {
    { PKIO_RECORD_STATE_SENDING, NULL, PKIO_STATUS_CATEGORY_IN_PROGRESS, "Sending" },
    { PKIO_RECORD_STATE_UNKNOWN, NULL, PKIO_STATUS_CATEGORY_UNKNOWN, "Outcome unknown" },
    { PKIO_RECORD_STATE_REJECTED, NULL, PKIO_STATUS_CATEGORY_PROBLEM, "Not placed" },
    { PKIO_RECORD_STATE_PLACED, NULL, PKIO_STATUS_CATEGORY_IN_PROGRESS, "Placed" },
    { PKIO_RECORD_STATE_PLACED, "pending", PKIO_STATUS_CATEGORY_IN_PROGRESS, "Pending" },
    { PKIO_RECORD_STATE_REMOTE, "needs_approval", PKIO_STATUS_CATEGORY_IN_PROGRESS, "Waiting for approval" },
    { PKIO_RECORD_STATE_REMOTE, "waiting_pickup", PKIO_STATUS_CATEGORY_IN_PROGRESS, "Waiting for pickup" },
    { PKIO_RECORD_STATE_REMOTE, "issued", PKIO_STATUS_CATEGORY_ISSUED, "Issued" },
    { PKIO_RECORD_STATE_REMOTE, "rejected", PKIO_STATUS_CATEGORY_PROBLEM, "Rejected" },
    { PKIO_RECORD_STATE_REMOTE, "canceled", PKIO_STATUS_CATEGORY_PROBLEM, "Canceled" },
    { PKIO_RECORD_STATE_REMOTE, "revoked", PKIO_STATUS_CATEGORY_PROBLEM, "Revoked" },
    { PKIO_RECORD_STATE_REMOTE, "expired", PKIO_STATUS_CATEGORY_PROBLEM, "Expired" },
    { PKIO_RECORD_STATE_REMOTE, "brand_new_status", PKIO_STATUS_CATEGORY_IN_PROGRESS, "brand_new_status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PkioHistoryRecord) record = make_record (i + 1, cases[i].state,
                                                         PKIO_RECORD_ORIGIN_THIS_COMPUTER, i + 1,
                                                         0, cases[i].status, 1, "A", "a@b.nl");
      PkioStatusCategory category = cases[i].category;

      g_assert_cmpint (pkio_history_record_get_status_category (record), ==, category);
      g_assert_cmpstr (pkio_history_record_get_status_label (record), ==, cases[i].label);
      g_assert_true (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_ALL, NULL));
      g_assert_true (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_ISSUED, NULL)
                     == (category == PKIO_STATUS_CATEGORY_ISSUED));
      g_assert_true (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_IN_PROGRESS, NULL)
                     == (category == PKIO_STATUS_CATEGORY_IN_PROGRESS));
      g_assert_true (pkio_history_record_matches_category (record, PKIO_STATUS_FILTER_PROBLEMS, NULL)
                     == (category == PKIO_STATUS_CATEGORY_PROBLEM
                         || category == PKIO_STATUS_CATEGORY_UNKNOWN));
    }
}

/* needs_approval in plain words, since the status changed (else since the order was made). */
static void
test_status_sentence (void)
{
  g_autoptr(PkioHistoryRecord) waiting = make_record (1, PKIO_RECORD_STATE_REMOTE,
                                                      PKIO_RECORD_ORIGIN_ELSEWHERE, 9, 0,
                                                      "needs_approval", 1714557600, "A", NULL);
  g_autoptr(PkioHistoryRecord) issued = make_record (2, PKIO_RECORD_STATE_REMOTE,
                                                     PKIO_RECORD_ORIGIN_ELSEWHERE, 10, 0,
                                                     "issued", 1714557600, "A", NULL);
  g_autofree char *since_created = NULL;
  g_autofree char *since_changed = NULL;

  g_setenv ("TZ", "UTC", TRUE);
  since_created = pkio_history_record_dup_status_sentence (waiting);
  g_assert_cmpstr (since_created, ==, "Waiting for approval by an administrator of your "
                                      "CertCentral account, since 1 May 2024.");
  waiting->status_changed = 1732622400;   /* 2024-11-26T12:00:00Z */
  since_changed = pkio_history_record_dup_status_sentence (waiting);
  g_assert_cmpstr (since_changed, ==, "Waiting for approval by an administrator of your "
                                      "CertCentral account, since 26 Nov 2024.");
  g_assert_null (pkio_history_record_dup_status_sentence (issued));
  g_unsetenv ("TZ");
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_update_notifies (void)
{
  g_autoptr(PkioHistoryRecord) record = make_record (1, PKIO_RECORD_STATE_PLACED,
                                                     PKIO_RECORD_ORIGIN_THIS_COMPUTER, 9, 0,
                                                     "pending", 1, "A", "a@b.nl");
  g_autoptr(PkioHistoryRecord) fresh = make_record (1, PKIO_RECORD_STATE_PLACED,
                                                    PKIO_RECORD_ORIGIN_THIS_COMPUTER, 9, 77,
                                                    "issued", 1, "A", "a@b.nl");
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (record, "notify", G_CALLBACK (notify_cb), log);
  _pkio_history_record_update_from (record, fresh);
  g_assert_nonnull (strstr (log->str, "remote-status;"));
  g_assert_nonnull (strstr (log->str, "certificate-id;"));
  g_assert_nonnull (strstr (log->str, "status-category;"));
  g_assert_nonnull (strstr (log->str, "status-label;"));
  g_assert_null (strstr (log->str, "holder-name;"));
  g_assert_true (pkio_history_record_matches (record, "77"));
}

/* The fields few records have live in a block of their own, there only while one of them is
 * set (issue 24: 100,000 records without any carry a NULL pointer, not 100 bytes each). */
static void
test_rare_fields (void)
{
  g_autoptr(PkioHistoryRecord) record = make_record (1, PKIO_RECORD_STATE_PLACED,
                                                     PKIO_RECORD_ORIGIN_THIS_COMPUTER, 9, 0,
                                                     "issued", 1, "A", "a@b.nl");
  g_autoptr(PkioHistoryRecord) revoking = make_record (1, PKIO_RECORD_STATE_PLACED,
                                                       PKIO_RECORD_ORIGIN_THIS_COMPUTER, 9, 0,
                                                       "issued", 1, "A", "a@b.nl");
  g_autoptr(PkioHistoryRecord) plain = make_record (1, PKIO_RECORD_STATE_PLACED,
                                                    PKIO_RECORD_ORIGIN_THIS_COMPUTER, 9, 0,
                                                    "issued", 1, "A", "a@b.nl");
  g_autoptr(GString) log = g_string_new (NULL);

  g_assert_null (record->rare);
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_NONE);
  g_assert_null (pkio_history_record_get_errors_json (record));
  g_assert_cmpuint (pkio_history_record_get_candidates (record)->len, ==, 0);

  /* Nothing rare in the update: still no block. */
  _pkio_history_record_update_from (record, plain);
  g_assert_null (record->rare);

  _pkio_history_record_rare_mut (revoking)->revoke_state = PKIO_REVOKE_REQUESTED;
  _pkio_history_record_rare_mut (revoking)->revoke_reason = g_strdup ("lost");
  g_signal_connect (record, "notify", G_CALLBACK (notify_cb), log);
  _pkio_history_record_update_from (record, revoking);
  g_assert_nonnull (record->rare);
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_REQUESTED);
  g_assert_cmpstr (pkio_history_record_get_revoke_reason (record), ==, "lost");
  g_assert_cmpstr (pkio_history_record_get_status_label (record), ==, "Revocation requested");
  g_assert_nonnull (strstr (log->str, "revoke-state;"));
  g_assert_nonnull (strstr (log->str, "status-label;"));

  /* Its revocation came to nothing: the block goes again, and the change is told. */
  g_string_truncate (log, 0);
  _pkio_history_record_update_from (record, plain);
  g_assert_null (record->rare);
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_NONE);
  g_assert_null (pkio_history_record_get_revoke_reason (record));
  g_assert_nonnull (strstr (log->str, "revoke-state;"));
  g_assert_nonnull (strstr (log->str, "revoke-reason;"));

  /* Zeros written into a fresh block leave none once trimmed. */
  _pkio_history_record_rare_mut (plain)->revoke_request_id = 0;
  _pkio_history_record_trim (plain);
  g_assert_null (plain->rare);
}

/* "Order a new certificate": the order that renews a record (issue 19). */
static void
test_renewal (void)
{
  g_autoptr(PkioHistoryRecord) here = NULL;
  g_autoptr(PkioHistoryRecord) elsewhere = NULL;
  g_autoptr(PkioHistoryRecord) known = NULL;
  g_autoptr(PkioHistoryRecord) nobody = NULL;
  g_autoptr(PkioHistoryRecord) unplaced = NULL;
  g_autoptr(PkioOrder) placed = pkio_order_new ();
  g_autoptr(JsonNode) storage = NULL;
  g_autoptr(PkioOrder) renewal = NULL;
  g_autofree char *request = NULL;

  /* Placed here: the stored request (never card data) with a card payment and a fixed end
   * date that has passed by now. */
  placed->profile = PKIO_PROFILE_NONREPUDIATION;
  placed->is_rsassa_pss = TRUE;
  placed->individual.first_name = g_strdup ("Jan");
  placed->individual.last_name = g_strdup ("Jansen");
  placed->individual.email = g_strdup ("jan@example.nl");
  placed->ship_info.name = g_strdup ("Jan Jansen");
  placed->ship_info.addr1 = g_strdup ("Damrak 1");
  placed->ship_info.method = PKIO_SHIP_EXPEDITED;
  placed->csa_agreed_to = TRUE;
  placed->payment_method = PKIO_PAYMENT_PROFILE;
  placed->validity.kind = PKIO_VALIDITY_CUSTOM_DATE;
  g_date_set_dmy (&placed->validity.custom_date, 9, G_DATE_JUNE, 2026);
  storage = pkio_order_to_storage_json (placed);
  here = make_record (1, PKIO_RECORD_STATE_PLACED, PKIO_RECORD_ORIGIN_THIS_COMPUTER, 1001, 5001,
                      "issued", 1714557600, "Jan Jansen", "jan@example.nl");
  request = json_to_string (storage, FALSE);
  here->has_request = TRUE;
  g_assert_true (pkio_history_record_has_renewal_holder (here));
  renewal = pkio_history_record_dup_renewal (here, request);
  g_assert_nonnull (renewal);
  g_assert_cmpint (renewal->replaces_order_id, ==, 1001);
  g_assert_cmpint (renewal->profile, ==, PKIO_PROFILE_NONREPUDIATION);
  g_assert_true (renewal->is_rsassa_pss);
  g_assert_false (renewal->individual.use_id);
  g_assert_cmpstr (renewal->individual.first_name, ==, "Jan");
  g_assert_cmpstr (renewal->ship_info.addr1, ==, "Damrak 1");
  g_assert_cmpint (renewal->ship_info.method, ==, PKIO_SHIP_EXPEDITED);
  g_assert_cmpint (renewal->payment_method, ==, PKIO_PAYMENT_PROFILE);
  g_assert_false (renewal->csa_agreed_to);
  g_assert_cmpint (renewal->validity.kind, ==, PKIO_VALIDITY_YEARS);
  g_assert_false (g_date_valid (&renewal->validity.custom_date));
  g_assert_null (renewal->credit_card.number);
  g_clear_pointer (&renewal, pkio_order_free);

  /* The CertCentral individual id, when known, is who it is for. */
  here->individual_id = 21;
  renewal = pkio_history_record_dup_renewal (here, request);
  g_assert_true (renewal->individual.use_id);
  g_assert_cmpint (renewal->individual.id, ==, 21);
  g_clear_pointer (&renewal, pkio_order_free);

  /* Placed elsewhere: the name and email CertCentral gave, its profile and shipping. */
  elsewhere = make_record (2, PKIO_RECORD_STATE_REMOTE, PKIO_RECORD_ORIGIN_ELSEWHERE, 1002, 0,
                           "expired", 1714638600, "Els de Vries", "els@example.nl");
  elsewhere->profile = _pkio_history_intern ("encryption");
  elsewhere->ship_method = _pkio_history_intern ("EXPEDITED");
  g_assert_true (pkio_history_record_has_renewal_holder (elsewhere));
  renewal = pkio_history_record_dup_renewal (elsewhere, NULL);
  g_assert_nonnull (renewal);
  g_assert_cmpint (renewal->replaces_order_id, ==, 1002);
  g_assert_false (renewal->individual.use_id);
  g_assert_cmpstr (renewal->individual.first_name, ==, "Els");
  g_assert_cmpstr (renewal->individual.last_name, ==, "de Vries");
  g_assert_cmpstr (renewal->individual.email, ==, "els@example.nl");
  g_assert_cmpint (renewal->profile, ==, PKIO_PROFILE_ENCRYPTION);
  g_assert_cmpint (renewal->ship_info.method, ==, PKIO_SHIP_EXPEDITED);
  g_assert_false (renewal->csa_agreed_to);
  g_clear_pointer (&renewal, pkio_order_free);

  /* Elsewhere, for an individual CertCentral knows by number only. */
  known = make_record (3, PKIO_RECORD_STATE_REMOTE, PKIO_RECORD_ORIGIN_ELSEWHERE, 1003, 0,
                       "issued", 1714638600, NULL, NULL);
  known->individual_id = 34;
  renewal = pkio_history_record_dup_renewal (known, NULL);
  g_assert_nonnull (renewal);
  g_assert_true (renewal->individual.use_id);
  g_assert_cmpint (renewal->individual.id, ==, 34);
  g_clear_pointer (&renewal, pkio_order_free);

  /* Nobody to order for, or no order at all: nothing. */
  nobody = make_record (4, PKIO_RECORD_STATE_REMOTE, PKIO_RECORD_ORIGIN_ELSEWHERE, 1004, 0,
                        "issued", 1714638600, "Someone", NULL);
  g_assert_false (pkio_history_record_has_renewal_holder (nobody));
  g_assert_null (pkio_history_record_dup_renewal (nobody, NULL));
  unplaced = make_record (5, PKIO_RECORD_STATE_UNKNOWN, PKIO_RECORD_ORIGIN_THIS_COMPUTER, 0, 0,
                          NULL, 1714638600, "Jan Jansen", "jan@example.nl");
  g_assert_false (pkio_history_record_has_renewal_holder (unplaced));
  g_assert_null (pkio_history_record_dup_renewal (unplaced, request));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-record/csv", test_csv);
  g_test_add_func ("/history-record/folding", test_folding);
  g_test_add_func ("/history-record/json", test_json);
  g_test_add_func ("/history-record/matches", test_matches);
  g_test_add_func ("/history-record/categories", test_categories);
  g_test_add_func ("/history-record/update-notifies", test_update_notifies);
  g_test_add_func ("/history-record/status-sentence", test_status_sentence);
  g_test_add_func ("/history-record/renewal", test_renewal);
  g_test_add_func ("/history-record/rare-fields", test_rare_fields);

  return g_test_run ();
}
