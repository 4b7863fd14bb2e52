/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A keystroke in the New order form: the text changes, the order is collected from every
 * widget, checked with the core's rules (pkio_order_validate ()) and each field's problem is
 * shown or hidden. Timed from the insertion of one character to the end of all that (it runs
 * synchronously in the "changed" handler), in the real form inside a window:
 *
 *   bench/run-under-session.sh BUILD/bench/bench-order-form [KEYSTROKES]
 *
 * Twice: while the person types (problems only under fields left before), and after "Review
 * order" found problems (every problem shown, the summary kept up to date). Target: < 1 ms. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "pkio-order-form.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* CPU time of this thread: what the keystroke costs, whatever else the machine is doing. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static void
set_field (PkioOrderForm *form,
           const char    *path,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pkio_order_form_get_field_row (form, path)), text);
}

static void
run (PkioOrderForm *form,
     const char    *label,
     int            keystrokes,
     gboolean       check_shown)
{
  GtkEditable *email = GTK_EDITABLE (pkio_order_form_get_field_row (form,
                                                                    "certificate.individual.email"));
  double *times = g_new (double, keystrokes);
  double *cpu = g_new (double, keystrokes);

  for (int i = 0; i < keystrokes; i++)
    {
      int position = 0;
      gint64 start;
      double cpu_start;

      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      /* Typing "@" in front of the address, then taking it back: the address turns invalid
       * and valid again, so every keystroke changes what the check says. */
      if (i % 2 == 0)
        gtk_editable_insert_text (email, "@", 1, &position);
      else
        gtk_editable_delete_text (email, 0, 1);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
      if (i == 0 && check_shown
          && pkio_order_form_get_shown_problem (form, "certificate.individual.email") == NULL)
        g_error ("the keystroke was not checked");
      if (i % 50 == 0)
        while (g_main_context_iteration (NULL, FALSE))
          ;
    }
  qsort (times, keystrokes, sizeof (double), compare_doubles);
  qsort (cpu, keystrokes, sizeof (double), compare_doubles);
  g_print ("%s (%d keystrokes)\n", label, keystrokes);
  g_print ("  wall  median %.3f ms  p99 %.3f ms  max %.3f ms\n",
           times[keystrokes / 2], times[keystrokes * 99 / 100], times[keystrokes - 1]);
  g_print ("  cpu   median %.3f ms  p99 %.3f ms  max %.3f ms\n",
           cpu[keystrokes / 2], cpu[keystrokes * 99 / 100], cpu[keystrokes - 1]);
  g_free (times);
  g_free (cpu);
}

int
main (int   argc,
      char *argv[])
{
  int keystrokes = argc > 1 ? atoi (argv[1]) : 2000;
  GtkWindow *window;
  PkioOrderForm *form;
  g_autoptr(GPtrArray) problems = NULL;

  gtk_init ();
  adw_init ();
  keystrokes = CLAMP (keystrokes, 10, 1000000);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 900);
  form = pkio_order_form_new ();
  gtk_window_set_child (window, gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_window_get_child (window)),
                                 GTK_WIDGET (form));
  gtk_window_present (window);
  spin ();

  /* A form half filled in, as when the person is at the holder's email address. */
  set_field (form, "certificate.individual.first_name", "Anna");
  set_field (form, "certificate.individual.last_name", "de Vries");
  set_field (form, "certificate.individual.email", "a.devries@example.nl");
  set_field (form, "certificate.individual.telephone", "+31 20 254 7999");
  set_field (form, "ship_info.name", "Anna de Vries");
  spin ();
  run (form, "keystroke while typing", keystrokes, FALSE);

  pkio_order_form_set_tried (form, TRUE);
  problems = pkio_order_form_validate (form);
  spin ();
  g_print ("(after \"Review order\": %u problems shown)\n", problems->len);
  run (form, "keystroke with every problem shown", keystrokes, TRUE);

  gtk_window_destroy (window);
  return 0;
}
