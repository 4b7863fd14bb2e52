/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-history-fill.h"
#include "bench-util.h"
#include "pkio-cell-text.h"
#include "pkio-history-view.h"
#include "pkio-paths.h"
#include "pkio-workspace.h"

/* The history view with 1,000 / 10,000 / 100,000 orders in the database: how long until the
 * first rows are on screen after the view is opened, how long one search keystroke takes to
 * re-filter, from the end of the typing pause until the frame that shows the new rows is
 * painted, and how long a change of the status filter ("Ends soon", "Ended", …) takes, which
 * should cost no more than a search. Run under a display:
 * bench/run-under-session.sh _build/bench/bench-history-view [MAX], MAX the largest size (100000).
 * BENCH_VERBOSE=1 prints each keystroke; BENCH_PROFILE=N repeats the worst one for a profiler. */

static const char request_json[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\","
  "\"individual\":{\"first_name\":\"Person\",\"last_name\":\"van der Berg\","
  "\"email\":\"person@gemeente.example.nl\",\"country\":\"nl\"}},\"csa_agreed_to\":true,"
  "\"provisioning_method\":\"token\",\"ship_info\":{\"name\":\"Person\",\"addr1\":\"Straat 1\","
  "\"city\":\"Utrecht\",\"zip\":\"3511 AA\",\"country\":\"nl\",\"method\":\"STANDARD\"},"
  "\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

static gboolean
has_mapped_row (GtkWidget *widget)
{
  /* A cell of the column view that is on screen and shows text. */
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewCell")
      && gtk_widget_get_mapped (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (GTK_IS_LABEL (child))
        return *gtk_label_get_text (GTK_LABEL (child)) != '\0';
      return PKIO_IS_CELL_TEXT (child) && *pkio_cell_text_get_text (PKIO_CELL_TEXT (child)) != '\0';
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_mapped_row (c))
      return TRUE;
  return FALSE;
}

static double
ms (gint64 us)
{
  return us / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  guint  n;
  double first_rows;
  double all_loaded;
  double keystroke_median;
  double keystroke_max;
  double frame_median;        /* the end of the typing pause to the painted frame */
  double frame_max;
  double frame_cpu_median;    /* the same in CPU time of the process (GL's threads too) */
  double frame_cpu_max;
  double filter_median;
  double filter_max;
  double status_median;       /* a change of the status filter, rows detached */
  double status_max;
  double status_rows_median;  /* the same as a person sees it */
  double status_rows_max;
  guint  ending_soon;
} Row;

/* The frame after a keystroke's re-filter: layout, the rows built for it, and painting. */
static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted)
{
  *painted = g_get_monotonic_time ();
}

/* CPU time of the whole process: llvmpipe paints in threads of its own. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
measure (Row *row)
{
  g_autofree char *path = pkio_paths_history_file (FALSE);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  /* Typing "person 12": each prefix is one keystroke, then deleting back to "person". */
  static const char * const keystrokes[] = { "p", "pe", "per", "pers", "perso", "person",
                                             "person ", "person 1", "person 12", "person 1",
                                             "person ", "person", "gemeente", "nobody", "" };
  double times[G_N_ELEMENTS (keystrokes)];
  double frame_times[G_N_ELEMENTS (keystrokes)];
  double frame_cpu[G_N_ELEMENTS (keystrokes)];
  gint64 painted = 0;
  gulong paint_id = 0;
  static const PkioStatusFilter filters[] = {
    PKIO_STATUS_FILTER_ENDS_SOON, PKIO_STATUS_FILTER_ALL, PKIO_STATUS_FILTER_ENDED,
    PKIO_STATUS_FILTER_ENDS_SOON, PKIO_STATUS_FILTER_ISSUED, PKIO_STATUS_FILTER_ENDS_SOON,
    PKIO_STATUS_FILTER_PROBLEMS, PKIO_STATUS_FILTER_ALL, PKIO_STATUS_FILTER_ENDS_SOON,
    PKIO_STATUS_FILTER_ALL, PKIO_STATUS_FILTER_ENDED, PKIO_STATUS_FILTER_ALL,
  };
  double status_times[G_N_ELEMENTS (filters)];
  GtkDropDown *dropdown;
  g_autoptr(PkioWorkspace) workspace = NULL;
  GtkWindow *window;
  PkioHistoryView *view;
  GtkWidget *column_view;
  GtkEditable *entry;
  gint64 start;

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  bench_history_fill (path, row->n, request_json, FALSE);

  start = g_get_monotonic_time ();
  workspace = pkio_workspace_new (NULL, FALSE);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  view = pkio_history_view_new (NULL);
  gtk_window_set_child (window, GTK_WIDGET (view));
  pkio_history_view_set_workspace (view, workspace);
  gtk_window_present (window);
  column_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                           PKIO_TYPE_HISTORY_VIEW, "column_view"));
  while (!has_mapped_row (column_view))
    g_main_context_iteration (NULL, TRUE);
  row->first_rows = ms (g_get_monotonic_time () - start);

  while (!pkio_history_store_is_loaded (pkio_workspace_get_store (workspace))
         || g_list_model_get_n_items (pkio_history_view_get_shown_model (view)) < row->n)
    g_main_context_iteration (NULL, TRUE);
  row->all_loaded = ms (g_get_monotonic_time () - start);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (view), PKIO_TYPE_HISTORY_VIEW,
                                                       "search_entry"));
  /* For a profiler (perf record): BENCH_PROFILE=N switches N times between the two searches of
   * BENCH_PROFILE_QUERIES ("nobody|" unless told: no row, then every row, the worst keystroke),
   * each until its frame is painted, then quits. */
  if (g_getenv ("BENCH_PROFILE") != NULL)
    {
      const char *pair = g_getenv ("BENCH_PROFILE_QUERIES");
      g_auto(GStrv) two = g_strsplit (pair != NULL ? pair : "nobody|", "|", 2);

      g_assert (g_strv_length (two) == 2);
      paint_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                   "after-paint", G_CALLBACK (after_paint_cb), &painted);
      for (int k = 0; k < atoi (g_getenv ("BENCH_PROFILE")); k++)
        {
          double c0 = process_cpu_ms ();

          gtk_editable_set_text (entry, two[k % 2]);
          g_signal_emit_by_name (entry, "search-changed");
          painted = 0;
          gtk_widget_queue_draw (GTK_WIDGET (window));
          while (painted == 0)
            g_main_context_iteration (NULL, TRUE);
          g_printerr ("\"%s\": %.1f ms CPU\n", two[k % 2], process_cpu_ms () - c0);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      exit (0);
    }
  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                           PKIO_TYPE_HISTORY_VIEW,
                                                           "status_dropdown"));
  /* Twice: as a person sees it, then with the rows detached, which leaves the filtering of the
   * model alone (GTK 4.8 builds up to 200 rows anew whenever the matches change). */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GtkSelectionModel) model = NULL;

      if (pass == 1)
        {
          model = g_object_ref (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
          gtk_column_view_set_model (GTK_COLUMN_VIEW (column_view), NULL);
        }
      for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
        {
          gint64 t0;
          double c0;

          gtk_editable_set_text (entry, keystrokes[i]);
          /* What the entry does once typing pauses: the view re-filters synchronously. */
          c0 = process_cpu_ms ();
          t0 = g_get_monotonic_time ();
          g_signal_emit_by_name (entry, "search-changed");
          times[i] = ms (g_get_monotonic_time () - t0);
          if (pass == 0)
            {
              /* Until the frame that shows the new rows is painted. */
              if (paint_id == 0)
                paint_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                             "after-paint", G_CALLBACK (after_paint_cb),
                                             &painted);
              painted = 0;
              gtk_widget_queue_draw (GTK_WIDGET (window));
              while (painted == 0)
                g_main_context_iteration (NULL, TRUE);
              frame_times[i] = ms (painted - t0);
              frame_cpu[i] = process_cpu_ms () - c0;
            }
          if (g_getenv ("BENCH_VERBOSE") != NULL)
            g_printerr ("%u orders, pass %u, \"%s\": %.2f ms, to the frame %.2f ms (CPU %.2f ms), "
                        "%u shown\n", row->n, pass, keystrokes[i], times[i],
                        pass == 0 ? frame_times[i] : 0, pass == 0 ? frame_cpu[i] : 0,
                        g_list_model_get_n_items (pkio_history_view_get_shown_model (view)));
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
      *(pass == 0 ? &row->keystroke_median : &row->filter_median) = times[G_N_ELEMENTS (times) / 2];
      *(pass == 0 ? &row->keystroke_max : &row->filter_max) = times[G_N_ELEMENTS (times) - 1];
      if (pass == 0)
        {
          qsort (frame_times, G_N_ELEMENTS (frame_times), sizeof (double), compare_doubles);
          row->frame_median = frame_times[G_N_ELEMENTS (frame_times) / 2];
          row->frame_max = frame_times[G_N_ELEMENTS (frame_times) - 1];
          qsort (frame_cpu, G_N_ELEMENTS (frame_cpu), sizeof (double), compare_doubles);
          row->frame_cpu_median = frame_cpu[G_N_ELEMENTS (frame_cpu) / 2];
          row->frame_cpu_max = frame_cpu[G_N_ELEMENTS (frame_cpu) - 1];
          g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                       paint_id);
        }

      /* The status filter, switched as a person does: to "Ends soon", back, to "Ended", … */
      for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
        {
          gint64 t0 = g_get_monotonic_time ();

          gtk_drop_down_set_selected (dropdown, filters[i]);
          status_times[i] = ms (g_get_monotonic_time () - t0);
          if (filters[i] == PKIO_STATUS_FILTER_ENDS_SOON)
            row->ending_soon = g_list_model_get_n_items (pkio_history_view_get_shown_model (view));
          if (g_getenv ("BENCH_VERBOSE") != NULL)
            g_printerr ("%u orders, pass %u, filter %u: %.2f ms, %u shown\n", row->n, pass,
                        filters[i], status_times[i],
                        g_list_model_get_n_items (pkio_history_view_get_shown_model (view)));
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      qsort (status_times, G_N_ELEMENTS (status_times), sizeof (double), compare_doubles);
      *(pass == 0 ? &row->status_rows_median : &row->status_median) =
        status_times[G_N_ELEMENTS (status_times) / 2];
      *(pass == 0 ? &row->status_rows_max : &row->status_max) =
        status_times[G_N_ELEMENTS (status_times) - 1];
      if (pass == 1)
        gtk_column_view_set_model (GTK_COLUMN_VIEW (column_view), model);
    }

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("pkio-bench-view-XXXXXX", NULL);
  g_autofree char *data_dir = NULL;
  Row rows[] = { { .n = 1000 }, { .n = 10000 }, { .n = 100000 } };
  /* The largest size to measure (a profile needs one only): 100,000 unless told. */
  guint max = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_rows = 0;

  /* Never the real history: everything lives in a temp folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  bench_use_own_settings (argv[0]);
  gtk_init ();
  adw_init ();
  data_dir = pkio_paths_data_dir ();
  g_mkdir_with_parents (data_dir, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (rows) && rows[i].n <= max; i++, n_rows++)
    measure (&rows[i]);

  g_print ("| orders | first rows shown (ms) | all rows in the list (ms) | "
           "keystroke with rows median / worst (ms) | to the painted frame median / worst (ms) | "
           "the same, CPU time (ms) | model re-filter median / worst (ms) |\n"
           "|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < n_rows; i++)
    g_print ("| %u | %.1f | %.1f | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f |\n",
             rows[i].n, rows[i].first_rows, rows[i].all_loaded, rows[i].keystroke_median,
             rows[i].keystroke_max, rows[i].frame_median, rows[i].frame_max,
             rows[i].frame_cpu_median, rows[i].frame_cpu_max, rows[i].filter_median,
             rows[i].filter_max);
  g_print ("\n| orders | end soon | status filter with rows median / worst (ms) | "
           "status filter re-filter median / worst (ms) | search re-filter median / worst (ms) |\n"
           "|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < n_rows; i++)
    g_print ("| %u | %u | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f |\n", rows[i].n,
             rows[i].ending_soon, rows[i].status_rows_median, rows[i].status_rows_max,
             rows[i].status_median, rows[i].status_max, rows[i].filter_median,
             rows[i].filter_max);

  {
    g_autofree char *path = pkio_paths_history_file (FALSE);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (data_dir);
    g_rmdir (data_home);
  }
  return 0;
}
