/* pl-bench.c — how Pactline scales: import, open, memory, filtering and frames at 1k to 1M events
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through build-aux/bench, which builds it and gives it an X server.
 * For each size it writes a synthetic dataset with tools/pactline-synth
 * (kept between runs, since the same size always gives the same file),
 * imports it, opens it into a timeline the size of a laptop window (from
 * the page cache, and with --open-from-disk-only from the disk) and
 * times what a reader does: filter by typing, by facets and by dates, and
 * look at the timeline fitted, at a middle zoom and deep in, and pan.
 *
 * A frame is timed the way the app makes one, without a frame clock: the
 * items placed for the visible range, the widgets allocated, the whole
 * timeline snapshotted and rendered with the cairo renderer offscreen.
 * Each figure is the median and the 95th percentile of many runs; nothing
 * here passes or fails: it prints the table docs/performance.md shows.
 */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/pl-filter.h"
#include "pl-bench-util.h"
#include "model/pl-importer.h"
#include "model/pl-sqlite.h"
#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-window.h"
#include "widgets/pl-filter-sidebar.h"
#include "widgets/pl-timeline-private.h"
#include "widgets/pl-timeline.h"

#define WIDTH   1280
#define HEIGHT  720
#define RUNS    31

typedef struct
{
  guint  n_events;
  double import_s;
  double open_s;
  double open_from_disk_s;
  double rss_mb;
  double text_ms[2];      /* median, p95 */
  double typing_ms[2];    /* the longest the main thread is busy, searching in a thread */
  double window_ms[2];    /* the same text changes in a whole window, every view following */
  double window_typing_ms[2]; /* and the main thread's share there, searching in a thread */
  double facet_ms[2];
  double dates_ms[2];
  double fit_ms[2];
  double middle_ms[2];
  double deep_ms[2];
  double pan_ms[2];
} Row;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* A word typed letter by letter, as a reader searches. */
static const char * const typing[] = {
  "t", "tr", "tra", "trad", "trade", "trade ", "trade g", "trade ga", "trade gas",
  "m", "mo", "mos", "mosc", "moscow", "s", "su", "sum", "summ", "summi", "summit",
  "p", "pi", "pip", "pipe", "pipeline", "o", "oi", "oil", "b", "ba", "bank",
};

static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : NAN;
}

/* One frame as the app makes it; returns milliseconds. */
static double
frame (PlTimeline  *timeline,
       GskRenderer *renderer)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  double start = now_ms ();

  pl_timeline_relayout_now (timeline);
  gtk_widget_size_allocate (GTK_WIDGET (timeline), &(GtkAllocation) { 0, 0, WIDTH, HEIGHT }, -1);
  /* The widget's own snapshot, as GTK calls it for a frame (a widget
   * paintable would only replay the last frame the window drew). */
  GTK_WIDGET_GET_CLASS (timeline)->snapshot (GTK_WIDGET (timeline), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  if (node == NULL)
    g_error ("The timeline drew nothing");
  return now_ms () - start;
}

static void
frames_at (PlTimeline  *timeline,
           GskRenderer *renderer,
           double       first_day,
           double       last_day,
           double       out[2])
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  pl_timeline_set_visible_range (timeline, first_day, last_day);
  frame (timeline, renderer);   /* the first frame of a new range lays out text */
  for (guint i = 0; i < RUNS; i++)
    {
      double ms;

      pl_timeline_schedule_relayout (timeline);
      ms = frame (timeline, renderer);
      g_array_append_val (times, ms);
    }
  pl_bench_summarize (times, out);
}

static char *
dataset_json (const char *dir,
              guint       n)
{
  g_autofree char *name = g_strdup_printf ("synth-%u.json", n);
  char *path = g_build_filename (dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *tool = g_build_filename (PACTLINE_SOURCE_DIR, "tools", "pactline-synth", NULL);
      g_autofree char *count = g_strdup_printf ("%u", n);
      const char *argv[] = { "python3", tool, count, "-o", path, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("Could not generate %s: %s", path, error->message);
    }
  return path;
}

/* The timeline that follows the filter being timed: on a large store it
 * makes its lanes in a thread, and a change is done only once they are in. */
static PlTimeline *following;

static gboolean
lanes_pending (void)
{
  return following != NULL && following->making_lanes != NULL;
}

static void
wait_for_lanes (void)
{
  while (lanes_pending ())
    g_main_context_iteration (NULL, TRUE);
}

static gboolean reuse;
static gboolean import_only;
static double import_seconds = NAN;
static gboolean open_from_disk_only;
static double open_from_disk_seconds = NAN;

/* Searches for @text as the search entry does, in a thread, and returns
 * the longer of the two stretches the main thread is busy: starting the
 * search, and the main loop iteration that takes its result in (frames
 * the change asks for are timed elsewhere, as frames). */
static double
search_busy_ms (PlFilter   *filter,
                const char *text)
{
  double start = now_ms ();
  double busy;

  pl_filter_search (filter, text);
  busy = now_ms () - start;
  while (pl_filter_is_searching (filter) || lanes_pending ())
    {
      double step = now_ms ();
      gboolean was_searching = pl_filter_is_searching (filter);
      gboolean was_pending = lanes_pending ();

      g_main_context_iteration (NULL, FALSE);
      if (was_searching != pl_filter_is_searching (filter) || was_pending != lanes_pending ())
        busy = MAX (busy, now_ms () - step);
    }
  return busy;
}

/* Types the word of `typing` letter by letter and gives the median and
 * p95 of its steps: each a whole change of the text made at once, or
 * (@in_thread) as the search entry makes it (search_busy_ms). A window
 * gets @pause_ms after each letter to draw, as it would between keys. */
static void
time_typing (PlFilter *filter,
             gboolean  in_thread,
             guint     pause_ms,
             double    out[2])
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      double ms;

      if (in_thread)
        ms = search_busy_ms (filter, typing[i]);
      else
        {
          double start = now_ms ();

          pl_filter_set_text (filter, typing[i]);
          wait_for_lanes ();
          ms = now_ms () - start;
        }
      g_array_append_val (times, ms);
      pl_test_wait_ms (pause_ms);
    }
  pl_filter_set_text (filter, NULL);
  wait_for_lanes ();
  pl_bench_summarize (times, out);
}

/* The typing again, in the app's own window on the timeline: every view
 * follows the filter as it does for a reader (the sidebar's counts, the
 * actors, quotes and provisions views, the chronicle, the timeline). */
static void
measure_window (const char *sqlite,
                Row        *row)
{
  static PlApplication *application;
  g_autoptr(GFile) file = g_file_new_for_path (sqlite);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 600 * G_TIME_SPAN_SECOND;
  PlWindow *window;
  PlFilter *filter;

  if (application == NULL)
    {
      application = pl_application_new ();
      if (!g_application_register (G_APPLICATION (application), NULL, &error))
        g_error ("Could not start the application: %s", error->message);
      g_application_hold (G_APPLICATION (application));
    }

  window = pl_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (pl_window_get_store (window) == NULL)
    g_error ("The window did not open %s", sqlite);
  pl_test_wait_ms (300);

  filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_FILTER_SIDEBAR)));
  following = PL_TIMELINE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_TIMELINE));
  wait_for_lanes ();
  time_typing (filter, FALSE, 20, row->window_ms);
  pl_test_wait_ms (100);
  time_typing (filter, TRUE, 20, row->window_typing_ms);
  following = NULL;

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
}

static void
measure (const char *dir,
         guint       n,
         Row        *row)
{
  g_autofree char *json = dataset_json (dir, n);
  g_autofree char *name = g_strdup_printf ("synth-%u.sqlite", n);
  g_autofree char *sqlite = g_build_filename (dir, name, NULL);
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  PlStore *store;
  PlFilter *filter;
  GtkWindow *window;
  PlTimeline *timeline;
  double start, first_day = G_MAXDOUBLE, last_day = -G_MAXDOUBLE, middle;
  GListModel *events;

  row->n_events = n;

  start = now_ms ();
  if (reuse && g_file_test (sqlite, G_FILE_TEST_EXISTS))
    row->import_s = import_seconds;
  else if (!pl_import_file (json, sqlite, NULL, NULL, NULL, &report, &error))
    g_error ("Could not import %s: %s", json, error->message);
  else
    row->import_s = (now_ms () - start) / 1000.0;

  if (import_only)
    {
      g_print ("%.3f\n", row->import_s);
      return;
    }

  window = GTK_WINDOW (gtk_window_new ());
  timeline = PL_TIMELINE (g_object_new (PL_TYPE_TIMELINE, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (timeline), WIDTH, HEIGHT);
  gtk_window_set_child (window, GTK_WIDGET (timeline));
  gtk_window_present (window);
  pl_test_wait_ms (300);
  g_assert (gsk_renderer_realize (renderer, NULL, NULL));

  /* A file read for the first time since the machine started, or pushed
   * out of memory since: its pages dropped from the page cache first. */
  if (open_from_disk_only)
    {
      int fd = g_open (sqlite, O_RDONLY, 0);

      if (fd < 0 || fsync (fd) != 0 || posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED) != 0)
        g_error ("Could not drop %s from the page cache", sqlite);
      g_close (fd, NULL);
    }

  /* Open to the first frame. */
  start = now_ms ();
  if (g_getenv ("PL_BENCH_STAGES"))
    g_printerr ("before open %.1f MB\n", resident_mb ());
  store = pl_store_open (sqlite, NULL, &error);
  if (store == NULL)
    g_error ("Could not open %s: %s", sqlite, error->message);
  if (g_getenv ("PL_BENCH_STAGES"))
    g_printerr ("store %.1f MB %.2f s\n", resident_mb (), (now_ms () - start) / 1000.0);
  filter = pl_filter_new (store);
  if (g_getenv ("PL_BENCH_STAGES"))
    g_printerr ("filter %.1f MB %.2f s\n", resident_mb (), (now_ms () - start) / 1000.0);
  following = timeline;
  pl_timeline_set_store (timeline, store);
  pl_timeline_set_events (timeline, pl_filter_get_events (filter));
  wait_for_lanes ();
  if (g_getenv ("PL_BENCH_STAGES"))
    g_printerr ("timeline %.1f MB %.2f s\n", resident_mb (), (now_ms () - start) / 1000.0);
  gtk_widget_size_allocate (GTK_WIDGET (timeline), &(GtkAllocation) { 0, 0, WIDTH, HEIGHT }, -1);
  frame (timeline, renderer);
  row->open_s = (now_ms () - start) / 1000.0;
  row->rss_mb = resident_mb ();
  row->open_from_disk_s = open_from_disk_seconds;
  if (open_from_disk_only)
    {
      g_print ("%.3f\n", row->open_s);
      gsk_renderer_unrealize (renderer);
      gtk_window_destroy (window);
      g_object_unref (filter);
      g_object_unref (store);
      return;
    }

  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      guint32 a, b;

      if (pl_date_get_span (&event->start, &a, &b))
        {
          first_day = MIN (first_day, a);
          last_day = MAX (last_day, b);
        }
    }
  middle = (first_day + last_day) / 2;

  /* Filtering, as the sidebar does it; the timeline follows each change
   * as it does in the window. Then the same typing as the search entry
   * does it: the words looked up in a thread, the main thread busy only
   * while it starts the search and while it takes the result in, which
   * is what a user would see as the window not answering. */
  time_typing (filter, FALSE, 0, row->text_ms);
  time_typing (filter, TRUE, 0, row->typing_ms);

  g_array_set_size (times, 0);
  for (guint i = 0; i < RUNS; i++)
    {
      g_autofree char *actor = g_strdup_printf ("a%u", (i * 37) % 200);
      static const char * const themes[] = { "energy", "trade", "security", "nuclear" };
      double ms;

      start = now_ms ();
      if (i % 2 == 0)
        pl_filter_set_active (filter, PL_FACET_ACTOR, actor, !pl_filter_is_active (filter, PL_FACET_ACTOR, actor));
      else
        pl_filter_set_active (filter, PL_FACET_THEME, themes[i % 4], !pl_filter_is_active (filter, PL_FACET_THEME, themes[i % 4]));
      wait_for_lanes ();
      ms = now_ms () - start;
      g_array_append_val (times, ms);
    }
  pl_filter_clear (filter);
  wait_for_lanes ();
  pl_bench_summarize (times, row->facet_ms);

  g_array_set_size (times, 0);
  for (guint i = 0; i < RUNS; i++)
    {
      double from = first_day + (last_day - first_day) * (i % 10) / 12.0;
      double ms;

      start = now_ms ();
      pl_filter_set_date_range (filter, from, from + 365 * (1 + i % 5));
      wait_for_lanes ();
      ms = now_ms () - start;
      g_array_append_val (times, ms);
    }
  pl_filter_clear (filter);
  wait_for_lanes ();
  pl_bench_summarize (times, row->dates_ms);

  /* Frames: everything, about five years, about three weeks. */
  frames_at (timeline, renderer, first_day - 30, last_day + 30, row->fit_ms);
  frames_at (timeline, renderer, middle - 900, middle + 900, row->middle_ms);
  frames_at (timeline, renderer, middle - 10, middle + 10, row->deep_ms);

  /* Panning at the middle zoom, a tenth of the view at a time. */
  g_array_set_size (times, 0);
  for (guint i = 0; i < RUNS; i++)
    {
      double shift = 180.0 * (i + 1);
      double ms;

      start = now_ms ();
      pl_timeline_set_visible_range (timeline, middle - 900 + shift, middle + 900 + shift);
      ms = (now_ms () - start) + frame (timeline, renderer);
      g_array_append_val (times, ms);
    }
  pl_bench_summarize (times, row->pan_ms);

  following = NULL;
  gsk_renderer_unrealize (renderer);
  gtk_window_destroy (window);
  pl_test_wait_ms (100);
  g_object_unref (filter);
  g_object_unref (store);

  measure_window (sqlite, row);
}

static void
print_row (const Row *row)
{
  g_print ("| %9u | %6.2f | %9.0f | %5.2f | %5.2f | %4.0f | %5.1f / %5.1f | %5.1f / %5.1f | %5.1f / %5.1f | %5.1f / %5.1f "
           "| %5.1f / %5.1f | %5.1f / %5.1f | %5.1f / %5.1f | %5.1f / %5.1f | %5.1f / %5.1f | %5.1f / %5.1f |\n",
           row->n_events, row->import_s, row->n_events / row->import_s, row->open_s,
           row->open_from_disk_s, row->rss_mb,
           row->text_ms[0], row->text_ms[1], row->typing_ms[0], row->typing_ms[1],
           row->window_ms[0], row->window_ms[1], row->window_typing_ms[0], row->window_typing_ms[1],
           row->facet_ms[0], row->facet_ms[1],
           row->dates_ms[0], row->dates_ms[1],
           row->fit_ms[0], row->fit_ms[1], row->middle_ms[0], row->middle_ms[1],
           row->deep_ms[0], row->deep_ms[1], row->pan_ms[0], row->pan_ms[1]);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sizes = NULL;
  g_autofree char *dir = NULL;
  gboolean no_header = FALSE;
  GOptionEntry entries[] = {
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &no_header, "Print the rows only", NULL },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse, "Open an earlier import instead of importing again", NULL },
    { "import-only", 0, 0, G_OPTION_ARG_NONE, &import_only, "Import, print the seconds it took and stop", NULL },
    { "import-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &import_seconds, "With --reuse: the import time to print", "S" },
    { "open-from-disk-only", 0, 0, G_OPTION_ARG_NONE, &open_from_disk_only,
      "Drop the dataset file from the page cache, open it, print the seconds it took and stop", NULL },
    { "open-from-disk-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &open_from_disk_seconds,
      "The time --open-from-disk-only printed, to print in the table", "S" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Numbers of events, comma-separated (default 1000,10000,100000,1000000)", "N,…" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to keep the generated datasets", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time Pactline at scale");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = NULL;

  setlocale (LC_ALL, "");
  /* As the app's main() does. */
  pl_sqlite_configure ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (dir == NULL)
    dir = g_build_filename (g_get_user_cache_dir (), "pactline-bench", NULL);
  g_mkdir_with_parents (dir, 0755);
  list = g_strsplit (sizes != NULL ? sizes : "1000,10000,100000,1000000", ",", -1);

  if (!import_only)
    {
      gtk_init ();
      adw_init ();
    }

  if (!no_header && !import_only && !open_from_disk_only)
    {
      g_print ("Pactline benchmark: timeline %d × %d, cairo renderer, %u runs per figure; times in ms are median / p95\n\n",
               WIDTH, HEIGHT, RUNS);
      g_print ("| events | import s | events/s | open s | open from disk s | RSS MB | text ms | typing, main thread ms "
               "| text in the window ms | typing in the window, main thread ms | facet ms | dates ms "
               "| fit frame ms | middle frame ms | deep frame ms | pan step ms |\n");
      g_print ("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    }
  for (guint i = 0; list[i] != NULL; i++)
    {
      Row row = { 0 };
      guint64 n = g_ascii_strtoull (list[i], NULL, 10);

      if (n == 0 || n > 10000000)
        {
          g_printerr ("Not a size: %s\n", list[i]);
          return 2;
        }
      measure (dir, (guint) n, &row);
      if (!import_only && !open_from_disk_only)
        print_row (&row);
    }

  return 0;
}
