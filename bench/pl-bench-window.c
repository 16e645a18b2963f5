/* pl-bench-window.c — what each thing a reader does in the window costs its main loop
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   pl-bench-window [--settle MS] [--no-presentation] [--no-print]
 *                   [--typing-only VIEW] FILE.sqlite
 *
 * Opens FILE in the app's own window (1400 × 900) and does what a reader
 * does, one thing at a time, through the window's actions: each view
 * shown, the chronicle, the page of the actor with the most events, a
 * quote and a provision brought up, presentation entered, the TimelineJS
 * export of every event, Print…, and words typed as the search entry
 * types them (looked up in a thread) with the timeline, the chronicle and
 * the Quotes view shown. For each it prints how long the action's own
 * call took and the longest the main loop went without running a 1 ms
 * timer over the next --settle milliseconds: how long the window would
 * have been held. Like pl-bench it prints figures and passes or fails
 * nothing (docs/performance.md, "Every screen, not only the timeline").
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "model/pl-filter.h"
#include "pl-bench-util.h"
#include "model/pl-sqlite.h"
#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-window.h"
#include "widgets/pl-filter-sidebar.h"
#include "widgets/pl-presentation.h"

static guint settle_ms = 2000;
static gboolean no_presentation;
static gboolean no_print;
static char *typing_only;

/* Runs the main loop for @ms and, when @done is given, until it says so
 * too; returns the longest it went without running a 1 ms timer. */
static double
held_while (guint      ms,
            gboolean (*done) (gpointer),
            gpointer   data)
{
  PlBenchWatch watch;
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  pl_bench_watch_start (&watch, 1);
  while (g_get_monotonic_time () < end || (done != NULL && !done (data)))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
    }
  return pl_bench_watch_stop (&watch);
}

static void
print_row (const char *what,
           double      call_ms,
           double      held_ms)
{
  g_print ("| %s | %.1f | %.1f |\n", what, call_ms, held_ms);
}

/* @action with @parameter (may be NULL) on @window, timed. */
static void
measure (GtkWidget  *window,
         const char *what,
         const char *action,
         GVariant   *parameter)
{
  gint64 start;
  double call_ms;

  held_while (300, NULL, NULL);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action_variant (window, action, parameter);
  call_ms = (g_get_monotonic_time () - start) / 1000.0;
  print_row (what, call_ms, held_while (settle_ms, NULL, NULL));
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
has_store (gpointer window)
{
  return pl_window_get_store (window) != NULL;
}

/* Words typed letter by letter with @view shown: the median and the
 * longest hold over the letters. */
static void
measure_typing (GtkWidget  *window,
                PlFilter   *filter,
                const char *view,
                const char *what)
{
  static const char * const letters[] = { "p", "pi", "pip", "pipe", "", "t", "tr", "tra", "" };
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  double figures[2];

  if (g_str_equal (view, "chronicle"))
    gtk_widget_activate_action (window, "win.toggle-chronicle", NULL);
  else
    gtk_widget_activate_action (window, "win.show-view", "s", view);
  held_while (500, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    {
      double ms;

      pl_filter_search (filter, letters[i]);
      ms = held_while (MIN (settle_ms, 1000), NULL, NULL);
      g_array_append_val (held, ms);
    }
  pl_bench_summarize (held, figures);   /* sorts them */
  label = g_strdup_printf ("a letter typed, %s shown (median / longest)", what);
  g_print ("| %s | — | %.1f / %.1f |\n", label, figures[0], g_array_index (held, double, held->len - 1));

  if (g_str_equal (view, "chronicle"))
    gtk_widget_activate_action (window, "win.toggle-chronicle", NULL);
}

/* The actor with the most events, whose page is the largest. */
static const char *
busiest_actor (PlStore *store)
{
  GListModel *actors = pl_store_get_items (store, PL_ITEM_KIND_ACTOR);
  const char *id = NULL;
  guint most = 0;

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(PlActor) actor = g_list_model_get_item (actors, i);
      g_autoptr(GListModel) events = pl_store_list_events_for_actor (store, actor);

      if (id == NULL || g_list_model_get_n_items (events) > most)
        {
          most = g_list_model_get_n_items (events);
          id = PL_RECORD (actor)->id;
        }
    }
  return id;
}

static const char *
first_id (PlStore    *store,
          PlItemKind  kind)
{
  GListModel *items = pl_store_get_items (store, kind);
  g_autoptr(PlRecord) first = g_list_model_get_n_items (items) > 0 ? g_list_model_get_item (items, 0) : NULL;

  /* The store keeps its records: the id outlives this reference. */
  return first != NULL ? first->id : NULL;
}

static void
close_other_windows (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWidget) other = g_list_model_get_item (toplevels, i - 1);

      /* As the reader would: the dialog cancelled, the presentation
       * window closed. */
      if (other != window && GTK_IS_DIALOG (other))
        gtk_dialog_response (GTK_DIALOG (other), GTK_RESPONSE_CANCEL);
      else if (other != window)
        gtk_window_close (GTK_WINDOW (other));
    }
  held_while (300, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "How long to watch the main loop after each action (default 2000)", "MS" },
    /* Both for runs under LeakSanitizer: see bench/meson.build. */
    { "no-presentation", 0, 0, G_OPTION_ARG_NONE, &no_presentation, "Leave presentation out", NULL },
    { "no-print", 0, 0, G_OPTION_ARG_NONE, &no_print, "Leave Print… out", NULL },
    { "typing-only", 0, 0, G_OPTION_ARG_STRING, &typing_only, "Only open the file and type with VIEW shown (timeline, chronicle or quotes), e.g. to profile it", "VIEW" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.sqlite — time each action in the window");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *exported = NULL;
  PlApplication *application;
  PlWindow *window;
  GtkWidget *widget;
  PlStore *store;
  PlFilter *filter;
  const char *id;
  gint64 start;
  double held_ms;

  setlocale (LC_ALL, "");
  pl_sqlite_configure ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: pl-bench-window [--settle MS] FILE.sqlite");
      return 2;
    }
  gtk_init ();
  adw_init ();

  application = pl_application_new ();
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("Could not start the application: %s", error->message);
  g_application_hold (G_APPLICATION (application));

  window = pl_window_new (application);
  widget = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  held_while (300, NULL, NULL);

  g_print ("| %s | call ms | window held ms |\n| --- | --- | --- |\n", argv[1]);
  file = g_file_new_for_path (argv[1]);
  start = g_get_monotonic_time ();
  pl_window_open (window, file);
  held_ms = held_while (settle_ms, has_store, window);
  print_row ("open (call: until the store is in and the views settled)", (g_get_monotonic_time () - start) / 1000.0, held_ms);
  store = pl_window_get_store (window);
  if (store == NULL)
    g_error ("Could not open %s", argv[1]);
  filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (widget, PL_TYPE_FILTER_SIDEBAR)));
  if (typing_only != NULL)
    {
      measure_typing (widget, filter, typing_only, typing_only);
      goto done;
    }

  measure (widget, "Actors view shown", "win.show-view", g_variant_new_string ("actors"));
  measure (widget, "Provisions view shown", "win.show-view", g_variant_new_string ("provisions"));
  measure (widget, "Quotes view shown", "win.show-view", g_variant_new_string ("quotes"));
  measure (widget, "Notes view shown", "win.show-view", g_variant_new_string ("notes"));
  measure (widget, "Timeline shown", "win.show-view", g_variant_new_string ("timeline"));
  measure (widget, "chronicle shown", "win.toggle-chronicle", NULL);
  measure (widget, "chronicle hidden", "win.toggle-chronicle", NULL);
  if ((id = first_id (store, PL_ITEM_KIND_EVENT)) != NULL)
    measure (widget, "an event shown", "win.show-event", g_variant_new_string (id));
  if ((id = busiest_actor (store)) != NULL)
    measure (widget, "the busiest actor's page", "win.show-actor", g_variant_new_string (id));
  if ((id = first_id (store, PL_ITEM_KIND_QUOTE)) != NULL)
    measure (widget, "a quote shown", "win.show-quote", g_variant_new_string (id));
  if ((id = first_id (store, PL_ITEM_KIND_PROVISION)) != NULL)
    measure (widget, "a provision shown", "win.show-provision", g_variant_new_string (id));
  measure (widget, "Timeline shown again", "win.show-view", g_variant_new_string ("timeline"));

  if (!no_presentation)
    {
      measure (widget, "presentation entered", "win.present", g_variant_new_string (""));
      close_other_windows (widget);
    }

  dir = g_dir_make_tmp ("pl-bench-window-XXXXXX", &error);
  g_assert_no_error (error);
  exported = g_build_filename (dir, "timelinejs.json", NULL);
  held_while (300, NULL, NULL);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (widget, "win.export-timelinejs-to", "^ay", exported);
  {
    double call_ms = (g_get_monotonic_time () - start) / 1000.0;

    held_ms = held_while (0, file_exists, exported);
    print_row ("TimelineJS export of every event (call; held until written)", call_ms, held_ms);
    g_print ("| TimelineJS export, until written, ms | — | %.1f |\n", (g_get_monotonic_time () - start) / 1000.0);
  }
  g_unlink (exported);
  g_rmdir (dir);

  measure_typing (widget, filter, "timeline", "the timeline");
  measure_typing (widget, filter, "chronicle", "the chronicle");
  measure_typing (widget, filter, "quotes", "the Quotes view");
  gtk_widget_activate_action (widget, "win.show-view", "s", "timeline");

  /* Last: GTK's print dialog stays up until answered. */
  if (!no_print)
    {
      measure (widget, "Print…, until GTK's dialog", "win.print", NULL);
      close_other_windows (widget);
    }

done:
  gtk_window_destroy (GTK_WINDOW (window));
  held_while (100, NULL, NULL);
  g_application_release (G_APPLICATION (application));
  g_object_unref (application);
  return 0;
}
