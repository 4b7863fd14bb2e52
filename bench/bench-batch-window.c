/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From a batch file of N orders (default 1,000) to its review in the window (issue 22):
 * "Order from a Spreadsheet…" in practice mode, pkio_batch_window_open_file () as a chosen or
 * dropped file gives it, until the review ("orders" page: the count, the payment and one row
 * per person) is shown and its first frame painted. Measured each run: wall time to the page,
 * to the painted frame, and the process's CPU time to the painted frame (llvmpipe paints in
 * threads of its own). The duplicate check the review starts after that (one question per row,
 * through CertCentral's rate limits) is not part of it. Runs of a new window each; median and
 * worst.
 *
 * Run under a display: bench/run-under-session.sh _build/bench/bench-batch-window [N] [RUNS] */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "pkio-batch-window.h"
#include "pkio-csv.h"
#include "pkio-paths.h"
#include "pkio-simulator.h"
#include "pkio-workspace.h"

static const char * const english[] = {
  "Profile", "Signature", "CertCentral number", "First name", "Last name", "Email",
  "Telephone", "Country", "Province", "City", "Postal code", "Recipient", "Address",
  "Address line 2", "Shipping postal code", "Shipping city", "Shipping province",
  "Shipping country", "Shipping method", "Validity", "Payment", "Agreement",
};

static char *
write_file (const char *dir,
            guint       n_rows)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "people.csv", NULL);

  pkio_csv_append_record (text, english, G_N_ELEMENTS (english), ',');
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *last = g_strdup_printf ("Jansen %u", i);
      g_autofree char *email = g_strdup_printf ("person.%u@example.nl", i);
      g_autofree char *name = g_strdup_printf ("Zoë Jansen %u", i);
      g_autofree char *street = g_strdup_printf ("Damrak %u", i + 1);
      const char *cells[] = {
        "encryption", "RSA", "", "Zoë", last, email, "+31 20 254 7999", "nl", "Noord-Holland",
        "Amsterdam", "1013 AA", name, street, "", "1013 AA", "Amsterdam", "Noord-Holland", "nl",
        i % 10 == 0 ? "expedited" : "standard", "1 year", "balance", "yes",
      };

      pkio_csv_append_record (text, cells, G_N_ELEMENTS (cells), ',');
    }
  if (!g_file_set_contents (path, text->str, text->len, &error))
    g_error ("%s", error->message);
  return path;
}

/* CPU time of the whole process. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted)
{
  if (*painted == 0)
    *painted = g_get_monotonic_time ();
}

static GAsyncResult *last_result;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  last_result = g_object_ref (result);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree char *home = g_dir_make_tmp ("pkio-bench-batch-window-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *to_page = NULL;
  g_autofree double *to_paint = NULL;
  g_autofree double *cpu = NULL;
  g_autofree double *cpu_page = NULL;

  if (n < 1 || runs < 1)
    g_error ("usage: %s [N] [RUNS]", argv[0]);
  /* Never the real home: the practice account's history and simulator live in a temp folder. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *bench_dir = g_path_get_dirname (argv[0]);
      g_autofree char *schema_dir = g_build_filename (bench_dir, "..", "data", NULL);

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }
  gtk_init ();
  adw_init ();
  path = write_file (home, n);

  workspace = pkio_workspace_new (NULL, TRUE);
  pkio_workspace_load_async (workspace, NULL, result_cb, NULL);
  while (last_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&last_result);
  if (!pkio_workspace_load_finish (workspace, result, &error))
    g_error ("practice workspace: %s", error->message);

  to_page = g_new0 (double, runs);
  to_paint = g_new0 (double, runs);
  cpu = g_new0 (double, runs);
  cpu_page = g_new0 (double, runs);
  for (guint run = 0; run < runs; run++)
    {
      PkioBatchWindow *window = pkio_batch_window_new (NULL, workspace);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GdkFrameClock *clock;
      gint64 painted = 0;
      gint64 t0, page = 0;
      double c0;
      gulong paint_id;

      /* The window as it is before a file is chosen: shown, its first frame painted. */
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      t0 = g_get_monotonic_time ();
      c0 = process_cpu_ms ();
      pkio_batch_window_open_file (window, file);
      while (g_strcmp0 (pkio_batch_window_get_page (window), "orders") != 0)
        {
          if (g_strcmp0 (pkio_batch_window_get_page (window), "problems") == 0
              || g_strcmp0 (pkio_batch_window_get_page (window), "refused") == 0)
            g_error ("the file was not taken: page %s", pkio_batch_window_get_page (window));
          g_main_context_iteration (NULL, TRUE);
        }
      page = g_get_monotonic_time ();
      cpu_page[run] = process_cpu_ms () - c0;
      /* The frame that shows the review. */
      paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
      gtk_widget_queue_draw (GTK_WIDGET (window));
      while (painted == 0)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, paint_id);
      cpu[run] = process_cpu_ms () - c0;
      to_page[run] = (page - t0) / 1000.0;
      to_paint[run] = (painted - t0) / 1000.0;
      g_print ("run %u: page %.0f ms (CPU %.0f ms), painted %.0f ms (CPU %.0f ms); the "
               "duplicate check's questions answered by then: %u\n", run + 1,
               to_page[run], cpu_page[run], to_paint[run], cpu[run],
               pkio_simulator_count_requests (pkio_workspace_get_simulator (workspace), "GET",
                                              "order/certificate"));
      pkio_simulator_clear_requests (pkio_workspace_get_simulator (workspace));

      gtk_window_destroy (GTK_WINDOW (window));
      for (guint i = 0; i < 50; i++)
        g_main_context_iteration (NULL, FALSE);
    }

  qsort (to_page, runs, sizeof (double), compare_doubles);
  qsort (to_paint, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  qsort (cpu_page, runs, sizeof (double), compare_doubles);
  g_print ("\n| orders | to the review page, median / worst (ms) | its CPU (ms) | to its painted "
           "frame, median / worst (ms) | its CPU (ms) |\n"
           "|---:|---:|---:|---:|---:|\n"
           "| %u | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |\n", n,
           to_page[runs / 2], to_page[runs - 1], cpu_page[runs / 2], cpu_page[runs - 1],
           to_paint[runs / 2], to_paint[runs - 1], cpu[runs / 2], cpu[runs - 1]);

  g_clear_object (&workspace);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", home);

    if (system (command) != 0)
      g_printerr ("could not remove %s\n", home);
  }
  return 0;
}
