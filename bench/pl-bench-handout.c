/* pl-bench-handout.c — how long the printed handout of a whole dataset holds the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   pl-bench-handout [--pages K] FILE.sqlite…
 *
 * Prints the handout of every event of each dataset to a PDF file, as the
 * print dialog's Print to File does, with a 5 ms timer standing for the
 * window: the longest the main loop went without running it is how long
 * the window would have been held. With --pages, the print stops after K
 * pages, since the pages of a million events take an hour to write. Like
 * pl-bench it prints figures and passes or fails nothing.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "model/pl-filter.h"
#include "pl-bench-util.h"
#include "model/pl-store.h"
#include "widgets/pl-handout.h"

typedef struct
{
  gint64 start;
  gint64 begun;           /* begin-print done */
  gint64 laid_out;        /* the first page drawn */
  int    stop_after;
} Run;

static void
begun (GtkPrintOperation *operation,
       GtkPrintContext   *context,
       Run               *run)
{
  run->begun = g_get_monotonic_time ();
}

static void
page_drawn (GtkPrintOperation *operation,
            GtkPrintContext   *context,
            int                page_nr,
            Run               *run)
{
  if (run->laid_out == 0)
    run->laid_out = g_get_monotonic_time ();
  if (run->stop_after > 0 && page_nr + 1 >= run->stop_after)
    gtk_print_operation_cancel (operation);
}

static void
bench_file (const char *path,
            int         stop_after,
            GtkWindow  *parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);
  g_autoptr(PlFilter) filter = NULL;
  g_autoptr(PlHandout) handout = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  Run run = { 0, };
  GtkPrintOperationResult result;
  PlBenchWatch watch;
  double longest_wait_ms;
  int n_pages;

  if (store == NULL)
    g_error ("Could not open %s: %s", path, error->message);
  filter = pl_filter_new (store);
  dir = g_dir_make_tmp ("pactline-bench-handout-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "handout.pdf", NULL);

  run.stop_after = stop_after;
  run.start = g_get_monotonic_time ();
  pl_bench_watch_start (&watch, 5);
  handout = pl_handout_new (store, pl_filter_get_events (filter), filter);
  g_signal_connect_after (handout, "begin-print", G_CALLBACK (begun), &run);
  g_signal_connect_after (handout, "draw-page", G_CALLBACK (page_drawn), &run);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (handout), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (handout), GTK_PRINT_OPERATION_ACTION_EXPORT, parent, &error);
  g_assert_no_error (error);
  longest_wait_ms = pl_bench_watch_stop (&watch);
  g_object_get (handout, "n-pages", &n_pages, NULL);

  printf ("| %'9u | %'7d | %8.2f | %8.1f | %8.1f | %9.0f |%s\n",
          pl_filter_get_n_events (filter), n_pages,
          (run.begun - run.start) / 1e6,
          (run.laid_out - run.begun) / 1e6,
          (g_get_monotonic_time () - run.start) / 1e6,
          longest_wait_ms,
          result == GTK_PRINT_OPERATION_RESULT_CANCEL ? " stopped" : "");
  fflush (stdout);

  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int pages = 0;
  GOptionEntry entries[] = {
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages, "Stop after this many pages", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.sqlite…");
  g_autoptr(GError) error = NULL;
  GtkWidget *parent;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "Name at least one dataset file");
      return 2;
    }
  gtk_init ();
  adw_init ();
  parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (parent));

  printf ("| events    | pages   | begin s  | layout s | total s  | longest wait ms |\n");
  printf ("| --- | --- | --- | --- | --- | --- |\n");
  for (int i = 1; i < argc; i++)
    bench_file (argv[i], pages, GTK_WINDOW (parent));

  gtk_window_destroy (GTK_WINDOW (parent));
  return 0;
}
