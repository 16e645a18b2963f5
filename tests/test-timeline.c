/* test-timeline.c — the timeline widget under a real X server: zoom, pan, selection, keys, images
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <locale.h>
#include <math.h>

#include "model/pl-filter.h"
#include "model/pl-store.h"
#include "model/pl-time-scale.h"
#include "pl-test-util.h"
#include "widgets/pl-timeline-item.h"
#include "widgets/pl-timeline-private.h"
#include "widgets/pl-timeline.h"

typedef struct
{
  PlStore    *store;
  GtkWindow  *window;
  PlTimeline *timeline;
  guint       n_activated;
} Fixture;

static void
wait_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 until = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
activated (PlTimeline *timeline,
           PlEvent    *event,
           Fixture    *fixture)
{
  fixture->n_activated++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  fixture->store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "pactline-test-timeline");
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->timeline = g_object_new (PL_TYPE_TIMELINE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  g_signal_connect (fixture->timeline, "activate-event", G_CALLBACK (activated), fixture);
  pl_timeline_set_store (fixture->timeline, fixture->store);
  gtk_window_present (fixture->window);

  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *range = pl_timeline_describe_range (fixture->timeline);

      if (range != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), >, 0);
  wait_frames (3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wait_frames (1);
  g_clear_object (&fixture->store);
}

static double
span_of (PlTimeline *timeline)
{
  double start, end;

  pl_timeline_get_visible_range (timeline, &start, &end);
  return end - start;
}

static PlEvent *
event_at (PlStore *store,
          guint    position)
{
  GListModel *events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  PlEvent *event = g_list_model_get_item (events, position);

  g_object_unref (event);   /* the store keeps it */
  return event;
}

static void
activate (PlTimeline *timeline,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), action, NULL));
  wait_frames (2);
}

/* Fit shows every event; zoom and pan move the window as asked. */
static void
test_zoom_and_pan (Fixture       *fixture,
                   gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  GListModel *events = pl_store_get_items (fixture->store, PL_ITEM_KIND_EVENT);
  PlEvent *first = event_at (fixture->store, 0);
  PlEvent *last = event_at (fixture->store, g_list_model_get_n_items (events) - 1);
  guint32 first_day, unused, last_day;
  double start, end, fitted, start_before;

  pl_date_get_span (&first->start, &first_day, &unused);
  pl_date_get_span (&last->start, &unused, &last_day);
  pl_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpfloat (start, <=, first_day);
  g_assert_cmpfloat (end, >=, last_day);
  fitted = span_of (timeline);

  activate (timeline, "timeline.zoom-in");
  g_assert_cmpfloat_with_epsilon (span_of (timeline), fitted / 1.5, fitted * 1e-6);
  activate (timeline, "timeline.zoom-in");
  activate (timeline, "timeline.zoom-out");
  g_assert_cmpfloat_with_epsilon (span_of (timeline), fitted / 1.5, fitted * 1e-6);

  pl_timeline_get_visible_range (timeline, &start_before, &end);
  activate (timeline, "timeline.pan-right");
  pl_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpfloat (start, >, start_before);
  activate (timeline, "timeline.pan-left");
  activate (timeline, "timeline.pan-left");
  pl_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpfloat (start, <, start_before);

  activate (timeline, "timeline.zoom-fit");
  g_assert_cmpfloat_with_epsilon (span_of (timeline), fitted, fitted * 1e-6);
}

/* Selection walks the events in chronological order and keeps the
 * selected one in view. */
static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  GListModel *events = pl_store_get_items (fixture->store, PL_ITEM_KIND_EVENT);
  guint n = g_list_model_get_n_items (events);
  double start, end;
  guint32 day, unused;

  g_assert_null (pl_timeline_get_selected (timeline));

  activate (timeline, "timeline.select-first");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 0));
  activate (timeline, "timeline.select-next");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 1));
  activate (timeline, "timeline.select-previous");
  activate (timeline, "timeline.select-previous");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 0));

  /* Zoomed in far, the last event is brought into view. */
  for (guint i = 0; i < 12; i++)
    activate (timeline, "timeline.zoom-in");
  activate (timeline, "timeline.select-last");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, n - 1));
  pl_date_get_span (&event_at (fixture->store, n - 1)->start, &day, &unused);
  pl_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpfloat (day, >=, start);
  g_assert_cmpfloat (day, <=, end);

  g_assert_cmpuint (fixture->n_activated, ==, 0);
  activate (timeline, "timeline.activate");
  g_assert_cmpuint (fixture->n_activated, ==, 1);

  /* The item of the selected event is marked, for eyes and for screen
   * readers. */
  {
    gboolean found = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (timeline));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (PL_IS_TIMELINE_ITEM (child) && gtk_widget_get_child_visible (child) &&
          pl_timeline_item_get_event (PL_TIMELINE_ITEM (child)) == event_at (fixture->store, n - 1))
        {
          found = TRUE;
          g_assert_true (gtk_widget_has_css_class (child, "selected"));
        }
    g_assert_true (found);
  }
}

/* Every visible item names its event by date and title, and no two
 * labelled items overlap. */
static void
test_items (Fixture       *fixture,
            gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  g_autoptr(GPtrArray) boxes = g_ptr_array_new_with_free_func (g_free);
  guint n_events = 0, n_clusters = 0;

  for (guint zoom = 0; zoom < 8; zoom++)
    {
      g_ptr_array_set_size (boxes, 0);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (timeline));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          PlTimelineItem *item;
          graphene_rect_t bounds;
          const char *tooltip;

          if (!PL_IS_TIMELINE_ITEM (child) || !gtk_widget_get_child_visible (child))
            continue;
          item = PL_TIMELINE_ITEM (child);
          /* The tooltip is the description, made when asked for. */
          tooltip = pl_timeline_item_get_description (item);
          g_assert_nonnull (tooltip);
          g_assert_true (gtk_widget_get_has_tooltip (child));

          if (pl_timeline_item_get_event (item) != NULL)
            {
              PlEvent *event = pl_timeline_item_get_event (item);
              g_autofree char *date = pl_date_format (&event->start);

              g_assert_true (g_str_has_prefix (tooltip, date));
              g_assert_nonnull (strstr (tooltip, event->title));
              n_events++;
            }
          else
            {
              g_assert_cmpuint (pl_timeline_item_get_count (item), >, 1);
              n_clusters++;
            }

          g_assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (timeline), &bounds));
          for (guint b = 0; b < boxes->len; b++)
            {
              graphene_rect_t intersection;

              if (graphene_rect_intersection (&bounds, boxes->pdata[b], &intersection))
                g_assert_cmpfloat (intersection.size.width * intersection.size.height, <, 1.0);
            }
          g_ptr_array_add (boxes, g_memdup2 (&bounds, sizeof bounds));
        }

      activate (timeline, "timeline.zoom-in");
    }

  g_assert_cmpuint (n_events, >, 0);
  g_assert_cmpuint (n_clusters, >, 0);
}

static void
test_lanes (Fixture       *fixture,
            gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  GListModel *themes = pl_store_get_items (fixture->store, PL_ITEM_KIND_THEME);
  guint n_lanes;

  g_assert_cmpint (pl_timeline_get_lane_mode (timeline), ==, PL_LANE_MODE_THEME);
  n_lanes = pl_timeline_get_n_lanes (timeline);
  g_assert_cmpuint (n_lanes, >, 1);
  g_assert_cmpuint (n_lanes, <=, g_list_model_get_n_items (themes) + 1);
  {
    g_autoptr(PlTheme) theme = g_list_model_get_item (themes, 0);
    g_assert_cmpstr (pl_timeline_get_lane_title (timeline, 0), ==, theme->name);
  }

  pl_timeline_set_lane_mode (timeline, PL_LANE_MODE_NONE);
  g_assert_cmpuint (pl_timeline_get_n_lanes (timeline), ==, 1);

  pl_timeline_set_lane_mode (timeline, PL_LANE_MODE_ACTOR);
  g_assert_cmpuint (pl_timeline_get_n_lanes (timeline), >, n_lanes);
  /* Busiest actor first. */
  g_assert_cmpstr (pl_timeline_get_lane_title (timeline, 0), ==, "Iran");
}

/* Every lane as the timeline holds it: its title, its events and their
 * days in order, and its long events (sorted as drawn) and the longest. */
static char *
describe_lanes (PlTimeline *timeline)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint l = 0; l < timeline->lanes->len; l++)
    {
      Lane *lane = timeline->lanes->pdata[l];

      g_string_append_printf (out, "%s (%u):", lane->title, lane->events->len);
      g_assert_cmpuint (lane->days->len, ==, lane->events->len);
      for (guint e = 0; e < lane->events->len; e++)
        g_string_append_printf (out, " %s@%.0f", PL_RECORD (lane->events->pdata[e])->id,
                                g_array_index (lane->days, double, e));
      g_string_append_printf (out, "\n  long, at most %.0f days:", lane->longest);
      for (guint e = 0; e < lane->long_events->len; e++)
        g_string_append_printf (out, " %s", PL_RECORD (lane->long_events->pdata[e])->id);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Lanes filled in parts at once (as on large datasets) hold exactly what
 * lanes filled in one go hold, in every lane mode and for any filter. */
static void
test_lane_parts (Fixture       *fixture,
                 gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  g_autoptr(PlFilter) filter = pl_filter_new (fixture->store);
  GListModel *events = pl_filter_get_events (filter);
  static const PlLaneMode modes[] = { PL_LANE_MODE_THEME, PL_LANE_MODE_ACTOR, PL_LANE_MODE_NONE };
  static const guint n_parts[] = { 2, 3, 8 };
  guint n_long = 0;

  pl_timeline_set_events (timeline, events);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint c = 0; c < 4; c++)
      {
        g_autofree char *expected = NULL;

        pl_timeline_set_lane_mode (timeline, modes[m]);
        pl_filter_clear (filter);
        if (c == 1)
          pl_filter_set_text (filter, "iran");
        else if (c == 2)
          pl_filter_set_active (filter, PL_FACET_ACTOR, "russia", TRUE);
        else if (c == 3)
          pl_filter_set_date_range (filter, 738000, 739500);

        timeline->n_parts = 1;
        pl_timeline_set_events (timeline, NULL);
        pl_timeline_set_events (timeline, events);
        expected = describe_lanes (timeline);
        g_assert_cmpuint (timeline->lanes->len, >, 0);
        for (guint l = 0; l < timeline->lanes->len; l++)
          n_long += ((Lane *) timeline->lanes->pdata[l])->long_events->len;

        for (guint p = 0; p < G_N_ELEMENTS (n_parts); p++)
          {
            g_autofree char *lanes = NULL;

            timeline->n_parts = n_parts[p];
            pl_timeline_set_events (timeline, NULL);
            pl_timeline_set_events (timeline, events);
            lanes = describe_lanes (timeline);
            g_assert_cmpstr (lanes, ==, expected);
          }
      }
  /* The dataset has events long enough to be drawn as bars. */
  g_assert_cmpuint (n_long, >, 0);
  timeline->n_parts = 0;
  wait_frames (2);
}

static void
wait_for_lanes (PlTimeline *timeline)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (timeline->making_lanes != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (timeline->making_lanes);
}

/* On a store of many events the lanes are made in a thread: the old
 * lanes stay until the new ones are in, the new ones are what the lanes
 * made at once would be, only the last of several changes lands, and a
 * new store drops the old lanes at once. */
static void
test_lanes_in_thread (Fixture       *fixture,
                      gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  g_autoptr(PlFilter) filter = pl_filter_new (fixture->store);
  GListModel *events = pl_filter_get_events (filter);
  static const char * const texts[] = { "iran", "treaty", "", "putin", "zzz" };

  pl_timeline_set_events (timeline, events);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *at_once = NULL;
      g_autofree char *before = NULL;
      g_autofree char *still = NULL;
      g_autofree char *in_thread = NULL;

      timeline->lanes_in_thread_from = G_MAXUINT;
      pl_filter_set_text (filter, texts[t]);
      at_once = describe_lanes (timeline);
      g_assert_null (timeline->making_lanes);
      pl_filter_set_text (filter, "sanctions");
      before = describe_lanes (timeline);

      timeline->lanes_in_thread_from = 0;
      pl_filter_set_text (filter, texts[t]);
      g_assert_nonnull (timeline->making_lanes);
      still = describe_lanes (timeline);
      g_assert_cmpstr (still, ==, before);
      wait_for_lanes (timeline);
      in_thread = describe_lanes (timeline);
      g_assert_cmpstr (in_thread, ==, at_once);
    }

  /* Typing on: each change replaces the lanes being made. */
  timeline->lanes_in_thread_from = 0;
  pl_filter_set_text (filter, "p");
  pl_filter_set_text (filter, "pu");
  pl_filter_set_text (filter, "putin");
  wait_for_lanes (timeline);
  {
    g_autofree char *typed = describe_lanes (timeline);
    g_autofree char *expected = NULL;

    timeline->lanes_in_thread_from = G_MAXUINT;
    pl_timeline_set_lane_mode (timeline, PL_LANE_MODE_ACTOR);
    pl_timeline_set_lane_mode (timeline, PL_LANE_MODE_THEME);
    expected = describe_lanes (timeline);
    g_assert_cmpstr (typed, ==, expected);
  }

  /* A lane mode made in a thread too. */
  timeline->lanes_in_thread_from = 0;
  pl_timeline_set_lane_mode (timeline, PL_LANE_MODE_ACTOR);
  wait_for_lanes (timeline);
  g_assert_cmpstr (pl_timeline_get_lane_title (timeline, 0), ==, "Iran");

  /* Another store: nothing of the old one's lanes is left meanwhile. */
  pl_filter_set_text (filter, "");
  pl_timeline_set_store (timeline, NULL);
  g_assert_cmpuint (pl_timeline_get_n_lanes (timeline), ==, 0);
  g_assert_null (timeline->making_lanes);
  pl_timeline_set_store (timeline, fixture->store);
  g_assert_cmpuint (pl_timeline_get_n_lanes (timeline), ==, 0);
  wait_for_lanes (timeline);
  g_assert_cmpuint (pl_timeline_get_n_lanes (timeline), >, 1);

  /* The timeline may go while lanes are being made. */
  pl_filter_set_text (filter, "iran");
  pl_timeline_set_events (timeline, events);
  g_assert_nonnull (timeline->making_lanes);
  timeline->lanes_in_thread_from = LANES_IN_THREAD_FROM;
}

/* Real key presses through the X server, as a user types them. */
static void
send_keys (const char *keys)
{
  g_autofree char *command = g_strdup_printf ("xdotool key --delay 60 %s", keys);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  wait_frames (10);
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  double fitted = span_of (timeline);
  double start_before, start, end;

  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (timeline));
  g_spawn_command_line_sync ("xdotool mousemove 500 350", NULL, NULL, NULL, NULL);
  wait_frames (5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (timeline)));

  send_keys ("plus");
  g_assert_cmpfloat_with_epsilon (span_of (timeline), fitted / 1.5, fitted * 1e-6);
  send_keys ("minus minus");
  g_assert_cmpfloat_with_epsilon (span_of (timeline), fitted * 1.5, fitted * 1e-6);
  send_keys ("0");
  g_assert_cmpfloat_with_epsilon (span_of (timeline), fitted, fitted * 1e-6);

  send_keys ("Home");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 0));
  send_keys ("Right Right");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 2));
  send_keys ("Left");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 1));

  pl_timeline_get_visible_range (timeline, &start_before, &end);
  send_keys ("shift+Right");
  pl_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpfloat (start, >, start_before);

  send_keys ("Return");
  g_assert_cmpuint (fixture->n_activated, ==, 1);
}

static void
range_selected (PlTimeline *timeline,
                double      first,
                double      last,
                double     *out)
{
  out[0] = first;
  out[1] = last;
}

static void
xdotool (const char *arguments)
{
  g_autofree char *command = g_strdup_printf ("sh -c 'xdotool %s'", arguments);
  g_autoptr(GError) error = NULL;

  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  wait_frames (5);
}

/* Dragging on the overview picks the days under the drag; a click there
 * moves the view instead. */
static void
test_overview_range (Fixture       *fixture,
                     gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  double range[2] = { 0, 0 };
  double start_before, start_after, end;
  int height = gtk_widget_get_height (GTK_WIDGET (timeline));
  int width = gtk_widget_get_width (GTK_WIDGET (timeline));
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  g_autofree char *drag = NULL;
  g_autofree char *click = NULL;
  graphene_point_t origin;

  if (xdotool_path == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (timeline), GTK_WIDGET (fixture->window),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_signal_connect (timeline, "range-selected", G_CALLBACK (range_selected), range);

  drag = g_strdup_printf ("search --name pactline-test-timeline mousemove --window %%1 %d %d mousedown 1 "
                          "mousemove --window %%1 %d %d mousemove --window %%1 %d %d mouseup 1",
                          (int) origin.x + width / 4, (int) origin.y + height - 10,
                          (int) origin.x + width / 3, (int) origin.y + height - 10,
                          (int) origin.x + width / 2, (int) origin.y + height - 10);
  xdotool (drag);
  g_assert_cmpfloat (range[0], >, 0);
  g_assert_cmpfloat (range[1], >, range[0]);

  /* A quarter to a half of the way along the dataset's span. */
  {
    GListModel *events = pl_store_get_items (fixture->store, PL_ITEM_KIND_EVENT);
    guint32 first, last, unused;

    pl_date_get_span (&event_at (fixture->store, 0)->start, &first, &unused);
    pl_date_get_span (&event_at (fixture->store, g_list_model_get_n_items (events) - 1)->start, &unused, &last);
    g_assert_cmpfloat (range[0], >, first);
    g_assert_cmpfloat (range[1], <, last);
  }

  /* A click centres the view there and picks nothing. */
  range[0] = range[1] = 0;
  activate (timeline, "timeline.zoom-in");
  activate (timeline, "timeline.zoom-in");
  pl_timeline_get_visible_range (timeline, &start_before, &end);
  click = g_strdup_printf ("search --name pactline-test-timeline mousemove --window %%1 %d %d click 1",
                           (int) origin.x + width / 5, (int) origin.y + height - 10);
  xdotool (click);
  pl_timeline_get_visible_range (timeline, &start_after, &end);
  g_assert_cmpfloat (start_after, !=, start_before);
  g_assert_cmpfloat (range[0], ==, 0);
}

/* In right-to-left, time runs from right to left and Right goes back. */
static void
test_right_to_left (Fixture       *fixture,
                    gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  graphene_rect_t early = GRAPHENE_RECT_INIT (0, 0, 0, 0), late = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  PlEvent *first = event_at (fixture->store, 0);

  gtk_widget_set_direction (GTK_WIDGET (timeline), GTK_TEXT_DIR_RTL);
  activate (timeline, "timeline.select-first");
  for (guint i = 0; i < 30; i++)
    activate (timeline, "timeline.zoom-in");
  activate (timeline, "timeline.select-first");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (timeline));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!PL_IS_TIMELINE_ITEM (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (pl_timeline_item_get_event (PL_TIMELINE_ITEM (child)) == first)
        g_assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (timeline), &early));
    }
  g_assert_cmpfloat (early.size.width, >, 0);

  activate (timeline, "timeline.select-left");
  g_assert_true (pl_timeline_get_selected (timeline) == event_at (fixture->store, 1));
  {
    PlEvent *second = event_at (fixture->store, 1);

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (timeline));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (PL_IS_TIMELINE_ITEM (child) && gtk_widget_get_child_visible (child) &&
          pl_timeline_item_get_event (PL_TIMELINE_ITEM (child)) == second)
        g_assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (timeline), &late));
  }

  /* Both on screen: the later one is to the left. */
  if (late.size.width > 0 && early.size.width > 0)
    g_assert_cmpfloat (late.origin.x + late.size.width, <=, early.origin.x + early.size.width);
}

/* Renders the timeline offscreen with the cairo renderer, saves it as a PNG
 * beside the test, and returns how many distinct colours it has. */
static guint
render_to_png (PlTimeline *timeline,
               const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (timeline));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (timeline));
  int height = gtk_widget_get_height (GTK_WIDGET (timeline));
  gsize stride = (gsize) width * 4;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);

  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 2)
      {
        guint32 pixel = *(guint32 *) (gpointer) (pixels + y * stride + x * 4);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }

  return g_hash_table_size (colours);
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  PlTimeline *timeline = fixture->timeline;
  guint fit, middle, deep, rtl;

  fit = render_to_png (timeline, "timeline-fit.png");
  for (guint i = 0; i < 8; i++)
    activate (timeline, "timeline.zoom-in");
  activate (timeline, "timeline.select-last");
  middle = render_to_png (timeline, "timeline-middle.png");
  for (guint i = 0; i < 8; i++)
    activate (timeline, "timeline.zoom-in");
  deep = render_to_png (timeline, "timeline-deep.png");
  gtk_widget_set_direction (GTK_WIDGET (timeline), GTK_TEXT_DIR_RTL);
  wait_frames (3);
  rtl = render_to_png (timeline, "timeline-rtl.png");

  g_test_message ("colours: fit %u, middle %u, deep %u, rtl %u", fit, middle, deep, rtl);
  /* A blank or flat image has a handful of colours; text, lanes, eras and
   * markers give many more. */
  g_assert_cmpuint (fit, >, 30);
  g_assert_cmpuint (middle, >, 30);
  g_assert_cmpuint (deep, >, 30);
  g_assert_cmpuint (rtl, >, 30);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  /* Styled as in the app: libadwaita's sheet and ours. */
  adw_init ();
  gtk_css_provider_load_from_resource (css, "/io/github/pactline/Pactline/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  if (g_getenv ("PACTLINE_DATASET_DIR") == NULL)
    {
      g_printerr ("PACTLINE_DATASET_DIR is not set\n");
      return 1;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/timeline/zoom-and-pan", test_zoom_and_pan);
  ADD ("/timeline/selection", test_selection);
  ADD ("/timeline/items", test_items);
  ADD ("/timeline/lanes", test_lanes);
  ADD ("/timeline/lane-parts", test_lane_parts);
  ADD ("/timeline/lanes-in-thread", test_lanes_in_thread);
  ADD ("/timeline/keys", test_keys);
  ADD ("/timeline/right-to-left", test_right_to_left);
  ADD ("/timeline/overview-range", test_overview_range);
  ADD ("/timeline/render", test_render);
#undef ADD

  return g_test_run ();
}
