/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pkio-batch.h"
#include "pkio-csv.h"

/* Reading and checking a batch file of 1,000 orders (target: under 100 ms): decoding,
 * cells, columns, each row's order through the core's rules, repeats and keys; then writing
 * the results file. Two files: UTF-8 with commas, and what Dutch Excel writes (Windows-1252,
 * semicolons, Dutch column names and words). Median of the runs, wall-clock and CPU time of
 * the thread (which a busy machine disturbs less). */

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static const char * const english[] = {
  "Profile", "Signature", "CertCentral number", "First name", "Last name", "Email",
  "Telephone", "Country", "Province", "City", "Postal code", "Recipient", "Address",
  "Address line 2", "Shipping postal code", "Shipping city", "Shipping province",
  "Shipping country", "Shipping method", "Validity", "Payment", "Agreement",
};
static const char * const dutch[] = {
  "Profiel", "Handtekening", "CertCentral-nummer", "Voornaam", "Achternaam", "E-mail",
  "Telefoon", "Land", "Provincie", "Plaats", "Postcode", "Ontvanger", "Adres", "Adresregel 2",
  "Verzendpostcode", "Verzendplaats", "Verzendprovincie", "Verzendland", "Verzendmethode",
  "Geldigheid", "Betaling", "Overeenkomst",
};

static GBytes *
make_file (gboolean dutch_excel,
           guint    n_rows)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char separator = dutch_excel ? ';' : ',';
  gsize length = 0;
  char *converted;

  pkio_csv_append_record (text, dutch_excel ? dutch : english, G_N_ELEMENTS (english),
                          separator);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *last = g_strdup_printf ("Jansen-Öztürk %u", i);
      g_autofree char *email = g_strdup_printf ("person.%u@example.nl", i);
      g_autofree char *phone = g_strdup_printf ("+31 20 %03u %04u", i % 1000, i);
      g_autofree char *zip = g_strdup_printf ("%04u %c%c", 1000 + i % 9000, 'A' + i % 26,
                                              'A' + (i / 26) % 26);
      g_autofree char *name = g_strdup_printf ("Zoë %s", last);
      g_autofree char *street = g_strdup_printf ("Damrak %u", i + 1);
      const char *profiles[] = { dutch_excel ? "authenticiteit" : "authentication",
                                 dutch_excel ? "onweerlegbaarheid" : "signing",
                                 dutch_excel ? "vertrouwelijkheid" : "encryption" };
      const char *cells[] = {
        profiles[i % 3], i % 2 ? "RSA" : "RSASSA-PSS", "", "Zoë", last, email, phone, "nl",
        "Noord-Holland", "Amsterdam", zip, name, street, i % 4 ? "" : "Kamer 2, achterom",
        zip, "Amsterdam", "Noord-Holland", "nl", dutch_excel ? "standaard" : "standard",
        dutch_excel ? "1 jaar" : "1 year", dutch_excel ? "tegoed" : "balance",
        dutch_excel ? "ja" : "yes",
      };

      pkio_csv_append_record (text, cells, G_N_ELEMENTS (cells), separator);
    }
  if (!dutch_excel)
    return g_bytes_new (text->str, text->len);
  converted = g_convert (text->str, (gssize) text->len, "WINDOWS-1252", "UTF-8", NULL, &length,
                         NULL);
  g_assert_nonnull (converted);
  return g_bytes_new_take (converted, length);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
run (const char *what,
     GBytes     *file,
     guint       runs,
     GDateTime  *now)
{
  g_autofree double *read_ms = g_new (double, runs);
  g_autofree double *write_ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  gsize size = g_bytes_get_size (file);
  guint rows = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioBatch) batch = NULL;
      g_autoptr(GString) results = g_string_new (NULL);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      gint64 read_end;

      batch = pkio_batch_read (file, NULL, now, &error);
      read_end = g_get_monotonic_time ();
      cpu[r] = cpu_ms () - cpu_start;
      if (batch == NULL || pkio_batch_count_problems (batch) != 0)
        g_error ("The benchmark's file should be valid: %s", error ? error->message : "problems");
      pkio_batch_write_results (batch, NULL, results);
      write_ms[r] = (g_get_monotonic_time () - read_end) / 1000.0;
      read_ms[r] = (read_end - start) / 1000.0;
      rows = pkio_batch_get_n_rows (batch);
    }
  qsort (read_ms, runs, sizeof (double), compare_doubles);
  qsort (write_ms, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  printf ("%-32s %4u rows %6zu bytes  read+check median %5.1f ms (min %5.1f, max %5.1f), "
          "CPU %5.1f ms; results file %4.1f ms\n", what, rows, size, read_ms[runs / 2],
          read_ms[0], read_ms[runs - 1], cpu[runs / 2], write_ms[runs / 2]);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 21;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) utf8 = make_file (FALSE, PKIO_BATCH_MAX_ROWS);
  g_autoptr(GBytes) excel = make_file (TRUE, PKIO_BATCH_MAX_ROWS);

  if (runs == 0)
    runs = 1;
  run ("UTF-8, commas, English", utf8, runs, now);
  run ("Windows-1252, semicolons, Dutch", excel, runs, now);
  return 0;
}
