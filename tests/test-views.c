/* test-views.c — every view obeys the one filter, and says so when nothing matches
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "model/pl-filter.h"
#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-test-util.h"
#include "pl-window.h"
#include "widgets/pl-actors-view.h"
#include "widgets/pl-annotation-editor.h"
#include "widgets/pl-chronicle.h"
#include "widgets/pl-filter-sidebar.h"
#include "widgets/pl-provisions-view.h"
#include "widgets/pl-mark-badge.h"
#include "widgets/pl-quote-card.h"
#include "widgets/pl-quotes-view.h"
#include "widgets/pl-timeline-item.h"
#include "widgets/pl-timeline.h"

static PlApplication *application;

typedef struct
{
  PlWindow *window;
  PlStore  *store;
  PlFilter *filter;
} Fixture;

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The text of every label under @root, joined, for "does it say so". */
static char *
texts (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *all = g_string_new (NULL);

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i]))
      g_string_append_printf (all, "%s\n", gtk_label_get_text (labels->pdata[i]));
  return g_string_free (all, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pactline.Pactline");
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  /* Start unfiltered, whatever an earlier test left. */
  g_settings_reset (settings, "filter");
  g_settings_reset (settings, "filter-dataset");

  fixture->window = pl_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pl_window_open (fixture->window, file);
  while (pl_window_get_store (fixture->window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  fixture->store = pl_window_get_store (fixture->window);
  g_assert_nonnull (fixture->store);
  fixture->filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (fixture->window),
                                                                                 PL_TYPE_FILTER_SIDEBAR)));
  g_assert_nonnull (fixture->filter);
  pl_test_wait_ms (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  pl_test_wait_ms (50);
}

static void
show_view (Fixture    *fixture,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", name));
  pl_test_wait_ms (200);
}

static guint
count_matching (Fixture    *fixture,
                PlItemKind  kind)
{
  GListModel *items = pl_store_get_items (fixture->store, kind);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PlRecord) record = g_list_model_get_item (items, i);
      gboolean match = kind == PL_ITEM_KIND_QUOTE ? pl_filter_match_quote (fixture->filter, PL_QUOTE (record))
                     : kind == PL_ITEM_KIND_ACTOR ? pl_filter_match_actor (fixture->filter, PL_ACTOR (record))
                     : kind == PL_ITEM_KIND_PROVISION ? pl_filter_match_provision (fixture->filter, PL_PROVISION (record))
                     : pl_filter_match_event (fixture->filter, PL_EVENT (record));
      n += match ? 1 : 0;
    }
  return n;
}

/* Filtering by one actor narrows every view to what concerns them. */
static void
test_every_view_obeys (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PlChronicle *chronicle = PL_CHRONICLE (pl_test_find_child (root, PL_TYPE_CHRONICLE));
  PlActorsView *actors = PL_ACTORS_VIEW (pl_test_find_child (root, PL_TYPE_ACTORS_VIEW));
  PlQuotesView *quotes = PL_QUOTES_VIEW (pl_test_find_child (root, PL_TYPE_QUOTES_VIEW));
  guint all_events = g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_EVENT));
  guint all_quotes = g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_QUOTE));
  guint all_actors = g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_ACTOR));
  guint n_events;

  g_assert_cmpuint (g_list_model_get_n_items (pl_quotes_view_get_shown (quotes)), ==, all_quotes);
  g_assert_cmpuint (g_list_model_get_n_items (pl_actors_view_get_shown (actors)), ==, all_actors);

  pl_filter_set_active (fixture->filter, PL_FACET_ACTOR, "lavrov", TRUE);
  pl_test_wait_ms (200);

  n_events = pl_filter_get_n_events (fixture->filter);
  g_assert_cmpuint (n_events, >, 0);
  g_assert_cmpuint (n_events, <, all_events);

  /* Chronicle: the same events, one year heading per year. */
  {
    GListModel *rows = pl_chronicle_get_rows (chronicle);
    guint events_in_rows = 0;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GObject) row = g_list_model_get_item (rows, i);
        if (PL_IS_EVENT (row))
          {
            events_in_rows++;
            g_assert_true (pl_filter_match_event (fixture->filter, PL_EVENT (row)));
          }
      }
    g_assert_cmpuint (events_in_rows, ==, n_events);
  }

  /* Timeline: only matching events have items, and they are there. */
  show_view (fixture, "timeline");
  {
    PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (root, PL_TYPE_TIMELINE));
    guint n_items = 0;

    gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-fit", NULL);
    pl_test_wait_ms (300);
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (timeline)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        PlEvent *event;

        if (!PL_IS_TIMELINE_ITEM (child) || !gtk_widget_get_child_visible (child))
          continue;
        event = pl_timeline_item_get_event (PL_TIMELINE_ITEM (child));
        if (event != NULL)
          {
            g_assert_true (pl_filter_match_event (fixture->filter, event));
            n_items++;
          }
      }
    g_assert_cmpuint (n_items, >, 0);
  }

  /* Quotes, actors and provisions: exactly what the filter matches. */
  g_assert_cmpuint (g_list_model_get_n_items (pl_quotes_view_get_shown (quotes)), ==,
                    count_matching (fixture, PL_ITEM_KIND_QUOTE));
  g_assert_cmpuint (g_list_model_get_n_items (pl_quotes_view_get_shown (quotes)), <, all_quotes);
  g_assert_cmpuint (g_list_model_get_n_items (pl_actors_view_get_shown (actors)), ==,
                    count_matching (fixture, PL_ITEM_KIND_ACTOR));
  g_assert_cmpuint (g_list_model_get_n_items (pl_actors_view_get_shown (actors)), <, all_actors);

  show_view (fixture, "provisions");
  {
    g_autofree char *shown = texts (pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW));
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u provision", "%'u provisions",
                                                              count_matching (fixture, PL_ITEM_KIND_PROVISION)),
                                                 count_matching (fixture, PL_ITEM_KIND_PROVISION));
    g_assert_nonnull (strstr (shown, expected));
  }

  /* The sidebar says how many are left. */
  {
    g_autofree char *sidebar = texts (pl_test_find_child (root, PL_TYPE_FILTER_SIDEBAR));
    g_autofree char *summary = g_strdup_printf ("%u of %u events", n_events, all_events);

    g_assert_nonnull (strstr (sidebar, summary));
    g_assert_nonnull (strstr (sidebar, "Sergey Lavrov"));
  }
}

/* A search that matches nothing: every view says so and offers a way out. */
static void
test_empty_results (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  static const char * const views[] = { "timeline", "actors", "provisions", "quotes" };
  static const char * const titles[] = { "No Matching Events", "No Matching Actors", "No Matching Provisions", "No Matching Quotes" };

  pl_filter_set_text (fixture->filter, "xylophonequartz");
  pl_test_wait_ms (200);
  g_assert_cmpuint (pl_filter_get_n_events (fixture->filter), ==, 0);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *shown = NULL;

      show_view (fixture, views[v]);
      shown = texts (root);
      if (strstr (shown, titles[v]) == NULL)
        g_test_message ("%s shows:\n%s", views[v], shown);
      g_assert_nonnull (strstr (shown, titles[v]));
    }

  /* The way out. */
  g_assert_true (gtk_widget_activate_action (root, "win.clear-filters", NULL));
  pl_test_wait_ms (200);
  g_assert_true (pl_filter_is_empty (fixture->filter));
  {
    g_autofree char *shown = texts (root);
    g_assert_null (strstr (shown, "No Matching Quotes"));
  }
}

/* An actor's page from a link, Filter by This Actor, and Back. */
static void
test_actor_page (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PlActorsView *actors = PL_ACTORS_VIEW (pl_test_find_child (root, PL_TYPE_ACTORS_VIEW));
  AdwViewStack *stack = ADW_VIEW_STACK (pl_test_find_child (root, ADW_TYPE_VIEW_STACK));

  show_view (fixture, "quotes");
  g_assert_true (gtk_widget_activate_action (root, "win.show-actor", "s", "putin"));
  pl_test_wait_ms (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "actors");
  g_assert_cmpstr (PL_RECORD (pl_actors_view_get_actor (actors))->id, ==, "putin");
  {
    g_autofree char *shown = texts (pl_test_find_child (root, PL_TYPE_ACTORS_VIEW));
    g_assert_nonnull (strstr (shown, "Vladimir Putin"));
    g_assert_nonnull (strstr (shown, "Filter by This Actor"));
    g_assert_nonnull (strstr (shown, "We are united in our determination"));
    g_assert_nonnull (strstr (shown, "Your Notes"));
  }
  /* The reader can annotate the actor on their page. */
  g_assert_nonnull (pl_test_find_child (GTK_WIDGET (actors), PL_TYPE_ANNOTATION_EDITOR));

  g_assert_true (gtk_widget_activate_action (root, "win.actors-back", NULL));
  pl_test_wait_ms (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "quotes");

  g_assert_true (gtk_widget_activate_action (root, "win.filter-by-actor", "s", "putin"));
  pl_test_wait_ms (100);
  g_assert_true (pl_filter_is_active (fixture->filter, PL_FACET_ACTOR, "putin"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");
}

/* The comparison matrix: a cell per clause type and treaty, each opening
 * its evidence. */
static void
test_matrix (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PlProvisionsView *provisions = PL_PROVISIONS_VIEW (pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n_types = g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_CLAUSE_TYPE));
  PlComparison *cell = pl_store_lookup_comparison (fixture->store, "mutual-military-assistance", "russia-dprk-2024");

  show_view (fixture, "provisions");
  pl_provisions_view_show_matrix (provisions);
  pl_test_wait_ms (200);

  collect (GTK_WIDGET (provisions), GTK_TYPE_MENU_BUTTON, cells);
  g_assert_cmpuint (n_types, >, 0);
  g_assert_cmpuint (cells->len, ==, n_types * 6);

  /* Every cell names its value for a screen reader and opens evidence. */
  for (guint i = 0; i < cells->len; i++)
    {
      GtkMenuButton *button = cells->pdata[i];
      GtkPopover *popover = gtk_menu_button_get_popover (button);

      g_assert_nonnull (popover);
      g_assert_nonnull (gtk_popover_get_child (popover));
    }

  g_assert_nonnull (cell);
  g_assert_cmpint (cell->value, ==, PL_COMPARISON_VALUE_YES);

  gtk_menu_button_popup (cells->pdata[0]);
  pl_test_wait_ms (200);
  {
    g_autofree char *shown = texts (GTK_WIDGET (gtk_menu_button_get_popover (cells->pdata[0])));
    g_assert_cmpuint (strlen (shown), >, 10);
  }
  gtk_menu_button_popdown (cells->pdata[0]);
}

/* A quote's link to an event selects it on the timeline. */
static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (root, PL_TYPE_TIMELINE));
  PlProvisionsView *provisions = PL_PROVISIONS_VIEW (pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW));
  PlRecord *signing = pl_store_lookup (fixture->store, PL_ITEM_KIND_EVENT, "cspt-signing");
  PlRecord *provision = pl_store_lookup (fixture->store, PL_ITEM_KIND_PROVISION, "cspt-no-aid-to-aggressor");

  g_assert_nonnull (signing);
  g_assert_nonnull (provision);

  /* Even when the filter hides it, the event is shown. */
  pl_filter_set_text (fixture->filter, "Belarus");
  show_view (fixture, "quotes");
  g_assert_true (gtk_widget_activate_action (root, "win.show-event", "s", "cspt-signing"));
  pl_test_wait_ms (200);
  g_assert_true (pl_timeline_get_selected (timeline) == PL_EVENT (signing));

  g_assert_true (gtk_widget_activate_action (root, "win.show-provision", "s", "cspt-no-aid-to-aggressor"));
  pl_test_wait_ms (200);
  g_assert_true (pl_provisions_view_get_provision (provisions) == PL_PROVISION (provision));
  {
    g_autofree char *shown = texts (GTK_WIDGET (provisions));
    g_assert_nonnull (strstr (shown, PL_PROVISION (provision)->title));
    g_assert_nonnull (strstr (shown, "In the event that one of the Contracting Parties is subjected to aggression"));
    g_assert_nonnull (strstr (shown, "Your Notes"));
  }
  g_assert_nonnull (pl_test_find_child (GTK_WIDGET (provisions), PL_TYPE_ANNOTATION_EDITOR));
}

/* The filter comes back on the same dataset after a restart, and another
 * dataset starts unfiltered. */
static void
test_filter_remembered (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);
  g_autofree char *example = pl_test_data_path ("example.json");
  PlWindow *window;
  PlFilter *filter;
  gint64 deadline;

  pl_filter_set_text (fixture->filter, "treaty");
  pl_filter_set_active (fixture->filter, PL_FACET_THEME, "diplomacy", TRUE);
  pl_test_wait_ms (100);
  gtk_window_destroy (GTK_WINDOW (fixture->window));

  /* Same dataset: the same filter. */
  fixture->window = window = pl_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    pl_window_open (window, file);
  }
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_FILTER_SIDEBAR)));
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "treaty");
  g_assert_true (pl_filter_is_active (filter, PL_FACET_THEME, "diplomacy"));

  /* Another dataset: a clean filter. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (example);
    PlStore *before = pl_window_get_store (window);

    pl_window_open (window, file);
    deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
    while (pl_window_get_store (window) == before && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_FILTER_SIDEBAR)));
  g_assert_true (pl_filter_is_empty (filter));
  g_assert_cmpstr (pl_store_get_dataset_id (pl_filter_get_store (filter)), ==, "example-treaty");
}

/* The chronicle's rows: the filter's events in order, a heading before
 * each run of events of one year and nowhere else. */
static void
assert_chronicle_rows (PlChronicle *chronicle,
                       PlFilter    *filter)
{
  GListModel *rows = pl_chronicle_get_rows (chronicle);
  GListModel *events = pl_filter_get_events (filter);
  guint n_rows = g_list_model_get_n_items (rows);
  guint next = 0;
  gboolean heading_before = FALSE;
  int year = G_MININT;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (!PL_IS_EVENT (row))
        {
          g_assert_false (heading_before);
          heading_before = TRUE;
          continue;
        }

      {
        g_autoptr(PlEvent) expected = g_list_model_get_item (events, next++);

        g_assert_true (PL_EVENT (row) == expected);
        g_assert_true (heading_before == (expected->start.year != year));
        year = expected->start.year;
        heading_before = FALSE;
      }
    }
  g_assert_false (heading_before);
  g_assert_cmpuint (next, ==, g_list_model_get_n_items (events));
  g_assert_null (g_list_model_get_item (rows, n_rows));
}

/* The chronicle's selected row (the rows hold a reference to it). */
static GObject *
chronicle_selected (PlChronicle *chronicle)
{
  GtkListView *list = GTK_LIST_VIEW (pl_test_find_child (GTK_WIDGET (chronicle), GTK_TYPE_LIST_VIEW));
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list)));
  g_autoptr(GObject) row = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  row = g_list_model_get_item (pl_chronicle_get_rows (chronicle), position);
  g_assert_nonnull (row);
  return row;
}

/* The texts of the chronicle's row widgets, top to bottom, and in
 * @widgets the widgets. */
static char *
chronicle_texts (PlChronicle *chronicle,
                 GPtrArray   *widgets)
{
  GtkWidget *list = pl_test_find_child (GTK_WIDGET (chronicle), GTK_TYPE_LIST_VIEW);
  GString *all = g_string_new (NULL);

  g_ptr_array_set_size (widgets, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box == NULL || !gtk_widget_get_child_visible (row))
        continue;
      g_ptr_array_add (widgets, row);
      for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL; label = gtk_widget_get_next_sibling (label))
        if (GTK_IS_LABEL (label) && gtk_widget_get_visible (label))
          g_string_append_printf (all, "%s|", gtk_label_get_text (GTK_LABEL (label)));
      g_string_append_c (all, '\n');
    }
  return g_string_free (all, FALSE);
}

/* Records an items-changed as (removed, added). */
static void
record_change (GArray     *changes,
               guint       position,
               guint       removed,
               guint       added)
{
  guint change[2] = { removed, added };

  g_array_append_vals (changes, change, 1);
}

/* The chronicle follows the filter whether it is shown or not, and keeps
 * the selected event selected while it still matches. */
static void
test_chronicle_follows (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PlChronicle *chronicle = PL_CHRONICLE (pl_test_find_child (root, PL_TYPE_CHRONICLE));
  GListModel *events = pl_filter_get_events (fixture->filter);
  g_autoptr(PlEvent) putin_event = NULL;
  guint n;

  show_view (fixture, "timeline");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (chronicle)));
  assert_chronicle_rows (chronicle, fixture->filter);

  /* Filtered while hidden, then shown. */
  pl_filter_set_active (fixture->filter, PL_FACET_ACTOR, "putin", TRUE);
  n = pl_filter_get_n_events (fixture->filter);
  g_assert_cmpuint (n, >, 1);
  putin_event = g_list_model_get_item (events, n - 1);
  pl_chronicle_set_selected (chronicle, putin_event);
  g_assert_true (gtk_widget_activate_action (root, "win.toggle-chronicle", NULL));
  pl_test_wait_ms (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chronicle)));
  assert_chronicle_rows (chronicle, fixture->filter);
  g_assert_true (chronicle_selected (chronicle) == G_OBJECT (putin_event));

  /* Each event, selected, is the row selected. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

      pl_chronicle_set_selected (chronicle, event);
      g_assert_true (chronicle_selected (chronicle) == G_OBJECT (event));
    }

  /* Shown: a wider filter keeps the selection, one without the event
   * drops it. The list view is told only of places added or removed at
   * the end (see rows_changed): its row widgets stay and show the new
   * rows, and it never goes through every new row, as GTK 4.8's would
   * when told that the rows it follows were replaced. */
  pl_chronicle_set_selected (chronicle, NULL);
  pl_test_wait_ms (200);
  {
    GtkListView *list = GTK_LIST_VIEW (pl_test_find_child (GTK_WIDGET (chronicle), GTK_TYPE_LIST_VIEW));
    GListModel *places = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list)));
    GArray *changes = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
    g_autoptr(GPtrArray) before = g_ptr_array_new ();
    g_autoptr(GPtrArray) after = g_ptr_array_new ();
    g_autofree char *texts_before = chronicle_texts (chronicle, before);
    g_autofree char *texts_after = NULL;
    gulong handler = g_signal_connect_swapped (places, "items-changed", G_CALLBACK (record_change), changes);
    guint n_before = g_list_model_get_n_items (places);

    pl_filter_set_active (fixture->filter, PL_FACET_ACTOR, "putin", FALSE);
    g_signal_handler_disconnect (places, handler);
    g_assert_cmpuint (g_list_model_get_n_items (places), >, n_before);
    g_assert_cmpuint (changes->len, ==, 1);
    g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 0);                       /* nothing removed */
    g_assert_cmpuint (g_array_index (changes, guint, 1), ==, g_list_model_get_n_items (places) - n_before);
    g_array_unref (changes);

    pl_test_wait_ms (300);
    texts_after = chronicle_texts (chronicle, after);
    g_test_message ("before:\n%s\nafter:\n%s", texts_before, texts_after);
    g_assert_cmpuint (before->len, >, 1);
    for (guint i = 0; i < before->len; i++)
      g_assert_true (g_ptr_array_find (after, before->pdata[i], NULL));
    g_assert_cmpstr (texts_before, !=, texts_after);
    /* What the widgets show is the rows now. */
    for (guint i = 0; i < after->len && i < 5; i++)
      {
        g_autoptr(GObject) row = g_list_model_get_item (pl_chronicle_get_rows (chronicle), i);
        GtkWidget *box = gtk_widget_get_first_child (after->pdata[i]);
        const char *date = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)));

        if (PL_IS_EVENT (row))
          {
            g_autofree char *start = pl_date_format (&PL_EVENT (row)->start);

            g_assert_cmpstr (date, ==, start);
          }
      }
  }
  pl_filter_set_active (fixture->filter, PL_FACET_ACTOR, "putin", TRUE);
  pl_chronicle_set_selected (chronicle, putin_event);
  pl_filter_set_active (fixture->filter, PL_FACET_ACTOR, "putin", FALSE);
  assert_chronicle_rows (chronicle, fixture->filter);
  g_assert_true (chronicle_selected (chronicle) == G_OBJECT (putin_event));
  pl_filter_set_text (fixture->filter, "zzzz-nothing");
  assert_chronicle_rows (chronicle, fixture->filter);
  g_assert_cmpuint (g_list_model_get_n_items (pl_chronicle_get_rows (chronicle)), ==, 0);
  g_assert_null (chronicle_selected (chronicle));
  pl_filter_set_text (fixture->filter, NULL);
  assert_chronicle_rows (chronicle, fixture->filter);

  g_assert_true (gtk_widget_activate_action (root, "win.toggle-chronicle", NULL));
  pl_test_wait_ms (200);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (chronicle)));
}

/* Actor cards count each actor's events and quotes in the whole dataset,
 * and sorting by events puts the busiest first. */
static void
test_actor_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PlActorsView *view = PL_ACTORS_VIEW (pl_test_find_child (root, PL_TYPE_ACTORS_VIEW));
  GListModel *actors = pl_store_get_items (fixture->store, PL_ITEM_KIND_ACTOR);
  GListModel *events = pl_store_get_items (fixture->store, PL_ITEM_KIND_EVENT);
  GListModel *quotes = pl_store_get_items (fixture->store, PL_ITEM_KIND_QUOTE);
  g_autoptr(GHashTable) n_events = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) n_quotes = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autofree char *all = NULL;
  GListModel *shown;
  guint checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

      for (guint a = 0; a < event->actors.n_items; a++)
        g_hash_table_insert (n_events, event->actors.items[a],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_events, event->actors.items[a])) + 1));
    }
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);

      if (quote->speaker != NULL)
        g_hash_table_insert (n_quotes, quote->speaker,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_quotes, quote->speaker)) + 1));
    }

  show_view (fixture, "actors");
  collect (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, >=, 1);
  gtk_drop_down_set_selected (dropdowns->pdata[0], 1);   /* by events */
  pl_test_wait_ms (200);

  shown = pl_actors_view_get_shown (view);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (actors));
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PlActor) before = g_list_model_get_item (shown, i - 1);
      g_autoptr(PlActor) actor = g_list_model_get_item (shown, i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (n_events, before)), >=,
                        GPOINTER_TO_UINT (g_hash_table_lookup (n_events, actor)));
    }

  /* Every card on screen says its own counts. */
  all = texts (GTK_WIDGET (view));
  for (guint i = 0; i < MIN (g_list_model_get_n_items (shown), 6); i++)
    {
      g_autoptr(PlActor) actor = g_list_model_get_item (shown, i);
      guint e = GPOINTER_TO_UINT (g_hash_table_lookup (n_events, actor));
      guint q = GPOINTER_TO_UINT (g_hash_table_lookup (n_quotes, actor));
      g_autofree char *counts = g_strdup_printf ("%u event%s · %u quote%s", e, e == 1 ? "" : "s", q, q == 1 ? "" : "s");

      g_assert_nonnull (strstr (all, counts));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
  gtk_drop_down_set_selected (dropdowns->pdata[0], 0);
}

/* The quotes, provisions and actors views, hidden while the filter
 * changes, show the filter's items as soon as they are shown. */
static void
test_hidden_views_catch_up (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *quotes = pl_test_find_child (root, PL_TYPE_QUOTES_VIEW);
  GtkWidget *provisions = pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW);
  GtkWidget *actors = pl_test_find_child (root, PL_TYPE_ACTORS_VIEW);
  g_autofree char *quotes_text = NULL, *provisions_text = NULL, *actors_text = NULL;
  g_autofree char *quotes_count = NULL, *provisions_count = NULL, *actors_count = NULL;
  guint n_quotes, n_provisions, n_actors;

  show_view (fixture, "timeline");
  g_assert_false (gtk_widget_get_mapped (quotes));
  g_assert_false (gtk_widget_get_mapped (provisions));
  g_assert_false (gtk_widget_get_mapped (actors));

  pl_filter_set_active (fixture->filter, PL_FACET_ACTOR, "lavrov", TRUE);
  pl_test_wait_ms (100);
  n_quotes = count_matching (fixture, PL_ITEM_KIND_QUOTE);
  n_provisions = count_matching (fixture, PL_ITEM_KIND_PROVISION);
  g_assert_cmpuint (n_quotes, <, g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_QUOTE)));
  g_assert_cmpuint (n_provisions, <, g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_PROVISION)));
  n_actors = count_matching (fixture, PL_ITEM_KIND_ACTOR);
  g_assert_cmpuint (n_actors, <, g_list_model_get_n_items (pl_store_get_items (fixture->store, PL_ITEM_KIND_ACTOR)));
  actors_count = g_strdup_printf ("%u actor%s\n", n_actors, n_actors == 1 ? "" : "s");
  quotes_count = g_strdup_printf ("%u quote%s\n", n_quotes, n_quotes == 1 ? "" : "s");
  provisions_count = g_strdup_printf ("%u provision%s\n", n_provisions, n_provisions == 1 ? "" : "s");

  show_view (fixture, "quotes");
  quotes_text = texts (quotes);
  g_assert_nonnull (strstr (quotes_text, quotes_count));

  show_view (fixture, "provisions");
  provisions_text = texts (provisions);
  g_assert_nonnull (strstr (provisions_text, provisions_count));

  show_view (fixture, "actors");
  actors_text = texts (actors);
  g_assert_nonnull (strstr (actors_text, actors_count));
}

/* A search that lands while the reader has typed on does not take back
 * what was typed: the entry keeps it and searches it in turn. A change of
 * the text from elsewhere still shows in the entry. */
static void
test_typing_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *sidebar = pl_test_find_child (GTK_WIDGET (fixture->window), PL_TYPE_FILTER_SIDEBAR);
  GtkWidget *entry = pl_test_find_child (sidebar, GTK_TYPE_SEARCH_ENTRY);
  gint64 deadline;

  /* The entry waits long enough for a search to land before it sends
   * what was typed after it. */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 1500);

  gtk_editable_set_text (GTK_EDITABLE (entry), "La");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (pl_filter_is_searching (fixture->filter));
  /* Typed on, letters added as typing adds them (setting the whole text
   * would empty the entry first, which it searches for at once). */
  {
    int position = 2;

    gtk_editable_insert_text (GTK_EDITABLE (entry), "vrov", -1, &position);
  }

  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (pl_filter_is_searching (fixture->filter) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (pl_filter_get_text (fixture->filter), ==, "La");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Lavrov");

  /* Then the entry's own delay sends the rest. */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (g_strcmp0 (pl_filter_get_text (fixture->filter), "Lavrov") != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (pl_filter_get_text (fixture->filter), ==, "Lavrov");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Lavrov");
  g_assert_cmpuint (pl_filter_get_n_events (fixture->filter), >, 0);

  /* Cleared from elsewhere, the entry is emptied too. */
  pl_filter_clear (fixture->filter);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  pl_filter_set_text (fixture->filter, "treaty");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "treaty");
  pl_test_wait_ms (100);
  pl_filter_set_text (fixture->filter, NULL);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 100);
}

/* The mapped card showing @quote under @root, or NULL. */
static GtkWidget *
card_of (GtkWidget *root,
         PlQuote   *quote)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect (root, PL_TYPE_QUOTE_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    if (pl_quote_card_get_quote (cards->pdata[i]) == quote && gtk_widget_get_mapped (cards->pdata[i]))
      return cards->pdata[i];
  return NULL;
}

/* The quote cards that exist under @root, and whether one shows @quote. */
static guint
count_cards (GtkWidget *root,
             PlQuote   *quote,
             gboolean  *found)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect (root, PL_TYPE_QUOTE_CARD, cards);
  *found = card_of (root, quote) != NULL;
  return cards->len;
}

/* An event of the generated ones: one a month, all naming "north". */
static void
fill_generated_event (JsonObject *event,
                      guint       i,
                      guint       n)
{
  g_autofree char *id = g_strdup_printf ("generated-event-%03u", i);
  g_autofree char *title = g_strdup_printf ("Generated meeting %u", i + 1);
  g_autofree char *start = g_strdup_printf ("%04u-%02u", 1990 + i / 12, 1 + i % 12);
  JsonArray *actors = json_array_new ();

  json_object_set_string_member (event, "id", id);
  json_object_set_string_member (event, "start", start);
  json_object_set_string_member (event, "title", title);
  json_object_set_string_member (event, "kind", "meeting");
  json_object_set_string_member (event, "certainty", "confirmed");
  json_array_add_string_element (actors, "north");
  json_object_set_array_member (event, "actors", actors);
}

/* An event for each of the generated actors. */
static void
fill_crowd_event (JsonObject *event,
                  guint       i,
                  guint       n)
{
  g_autofree char *actor = g_strdup_printf ("generated-actor-%03u", i);
  JsonArray *actors;

  fill_generated_event (event, i, n);
  actors = json_object_get_array_member (event, "actors");
  json_array_add_string_element (actors, actor);
}

/* A window on the example with @n_events more events made by @fill
 * (naming "north"), @n_quotes more quotes, copies of its first (said by
 * "north-president"), @n_actors more actors ("generated-actor-000",
 * named "Generated Actor 0", …) and @n_provisions more provisions, copies
 * of its first ("generated-provision-000", "Generated clause 0", …). */
static PlWindow *
generated_window (const char *dir,
                  guint       n_events,
                  void      (*fill) (JsonObject *event,
                                     guint       i,
                                     guint       n),
                  guint       n_quotes,
                  guint       n_actors,
                  guint       n_provisions)
{
  g_autofree char *example = pl_test_example_with_events (n_events, fill);
  g_autoptr(JsonNode) node = json_from_string (example, NULL);
  JsonArray *quotes = json_object_get_array_member (json_node_get_object (node), "quotes");
  g_autofree char *first = json_to_string (json_array_get_element (quotes, 0), FALSE);
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pactline.Pactline");
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  PlWindow *window;

  for (guint i = 0; i < n_quotes; i++)
    {
      JsonNode *copy = json_from_string (first, NULL);
      g_autofree char *id = g_strdup_printf ("generated-quote-%03u", i);
      g_autofree char *text = g_strdup_printf ("Generated words number %u, said at length so that the card wraps "
                                               "over more than one line in a window of ordinary width.", i);

      json_object_set_string_member (json_node_get_object (copy), "id", id);
      json_object_set_string_member (json_node_get_object (copy), "text", text);
      json_array_add_element (quotes, copy);
    }
  for (guint i = 0; i < n_provisions; i++)
    {
      JsonArray *provisions = json_object_get_array_member (json_node_get_object (node), "provisions");
      g_autofree char *first_provision = json_to_string (json_array_get_element (provisions, 0), FALSE);
      JsonNode *copy = json_from_string (first_provision, NULL);
      g_autofree char *id = g_strdup_printf ("generated-provision-%03u", i);
      g_autofree char *title = g_strdup_printf ("Generated clause %u", i);

      json_object_set_string_member (json_node_get_object (copy), "id", id);
      json_object_set_string_member (json_node_get_object (copy), "title", title);
      json_array_add_element (provisions, copy);
    }
  for (guint i = 0; i < n_actors; i++)
    {
      JsonObject *actor = json_object_new ();
      g_autofree char *id = g_strdup_printf ("generated-actor-%03u", i);
      g_autofree char *name = g_strdup_printf ("Generated Actor %u", i);

      json_object_set_string_member (actor, "id", id);
      json_object_set_string_member (actor, "name", name);
      json_object_set_string_member (actor, "kind", "person");
      json_array_add_object_element (json_object_get_array_member (json_node_get_object (node), "actors"), actor);
    }
  json = json_to_string (node, FALSE);
  path = pl_test_import (dir, "generated", json);
  file = g_file_new_for_path (path);

  g_settings_reset (settings, "filter");
  g_settings_reset (settings, "filter-dataset");
  window = pl_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (pl_window_get_store (window));
  return window;
}

/* Hundreds of quotes: the view makes cards for about what is on screen,
 * not for 200 rows as GTK 4.8's list view would (each a dozen widgets,
 * rebuilt on every change of the filter), and still brings any quote
 * into view. */
static void
test_many_quotes (void)
{
  const guint n_added = 600;
  g_autofree char *dir = pl_test_mkdtemp ();
  PlWindow *window = generated_window (dir, 0, fill_generated_event, n_added, 0, 0);
  PlStore *store = pl_window_get_store (window);
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window),
                                                                                   PL_TYPE_FILTER_SIDEBAR)));
  PlQuotesView *view = PL_QUOTES_VIEW (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_QUOTES_VIEW));
  PlQuote *last;
  gboolean found;
  guint n_cards;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "quotes"));
  pl_test_wait_ms (500);

  g_assert_cmpuint (g_list_model_get_n_items (pl_quotes_view_get_shown (view)), >, n_added);
  n_cards = count_cards (GTK_WIDGET (view), NULL, &found);
  g_test_message ("%u cards for %u quotes", n_cards, g_list_model_get_n_items (pl_quotes_view_get_shown (view)));
  g_assert_cmpuint (n_cards, >=, 3);
  g_assert_cmpuint (n_cards, <, 100);

  /* A change of the filter, and the last quote brought into view. */
  pl_filter_set_text (filter, "generated");
  pl_test_wait_ms (300);
  g_assert_cmpuint (g_list_model_get_n_items (pl_quotes_view_get_shown (view)), ==, n_added);
  g_assert_cmpuint (count_cards (GTK_WIDGET (view), NULL, &found), <, 100);
  last = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "generated-quote-599"));
  g_assert_nonnull (last);
  g_assert_true (pl_quotes_view_show_quote (view, last));
  pl_test_wait_ms (500);
  g_assert_true (pl_quotes_view_get_selected (view) == last);
  g_assert_cmpuint (count_cards (GTK_WIDGET (view), last, &found), <, 100);
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (50);
  pl_test_rmdir (dir);
}

/* The buttons under @root that show an event. */
static guint
count_event_links (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    n += g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "win.show-event") == 0 &&
         !gtk_widget_get_ancestor (buttons->pdata[i], PL_TYPE_QUOTE_CARD);
  return n;
}

/* The button under @root labelled @label (with its mnemonic), or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  return NULL;
}

/* An actor with thousands of events and quotes would have held the
 * window for seconds (35 s at a million events) had their page made a
 * widget for each: it makes them a page at a time, says how many it
 * shows, and makes more when asked, giving the focus to the first new
 * one. */
static void
test_actor_page_paged (void)
{
  const guint n_events = 120, n_quotes = 25;
  g_autofree char *dir = pl_test_mkdtemp ();
  PlWindow *window = generated_window (dir, n_events, fill_generated_event, n_quotes, 0, 0);
  PlStore *store = pl_window_get_store (window);
  GtkWidget *actors = pl_test_find_child (GTK_WIDGET (window), PL_TYPE_ACTORS_VIEW);
  PlActor *north = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "north"));
  g_autoptr(GListModel) events = pl_store_list_events_for_actor (store, north);
  guint all = g_list_model_get_n_items (events);
  GtkWidget *more;
  gboolean found;

  g_assert_cmpuint (all, >, n_events);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-actor", "s", "north"));
  pl_test_wait_ms (300);
  g_assert_cmpuint (count_event_links (actors), ==, 50);
  {
    g_autofree char *shown = texts (actors);
    g_autofree char *count = g_strdup_printf ("Showing 50 of %u", all);

    g_assert_nonnull (strstr (shown, count));
  }

  more = find_button (actors, "Show _More Events");
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (more)));
  gtk_widget_grab_focus (more);
  g_signal_emit_by_name (more, "clicked");
  pl_test_wait_ms (100);
  g_assert_cmpuint (count_event_links (actors), ==, 100);
  /* The 51st event has the focus: the reader goes on from where they were. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    g_autoptr(PlEvent) fifty_first = g_list_model_get_item (events, 50);
    GtkWidget *button = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) : NULL;

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.show-event");
    g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                     ==, PL_RECORD (fifty_first)->id);
  }
  g_signal_emit_by_name (more, "clicked");
  pl_test_wait_ms (100);
  g_assert_cmpuint (count_event_links (actors), ==, all);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (more)));

  /* The speaker's quotes, ten at a time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-actor", "s", "north-president"));
  pl_test_wait_ms (300);
  g_assert_cmpuint (count_cards (actors, NULL, &found), ==, 10);
  more = find_button (actors, "Show M_ore Quotes");
  g_assert_nonnull (more);
  g_signal_emit_by_name (more, "clicked");
  pl_test_wait_ms (100);
  g_assert_cmpuint (count_cards (actors, NULL, &found), ==, 20);
  g_signal_emit_by_name (more, "clicked");
  pl_test_wait_ms (100);
  {
    PlActor *speaker = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "north-president"));
    g_autoptr(GListModel) quotes = pl_store_list_quotes_by_speaker (store, speaker);

    g_assert_cmpuint (g_list_model_get_n_items (quotes), >, n_quotes);
    g_assert_cmpuint (count_cards (actors, NULL, &found), ==, g_list_model_get_n_items (quotes));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (50);
  pl_test_rmdir (dir);
}

static void
record_span (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *changes)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (changes, change, 3);
}

/* A change of the filter tells the Quotes view's list what changed, from
 * the first quote that differs to the last, in one go: the cards of the
 * quotes that stay are kept, not made again (a card is a dozen widgets),
 * and the selected quote stays selected. */
static void
test_quotes_kept (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  PlWindow *window = generated_window (dir, 0, fill_generated_event, 300, 0, 0);
  PlStore *store = pl_window_get_store (window);
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window),
                                                                                   PL_TYPE_FILTER_SIDEBAR)));
  PlQuotesView *view = PL_QUOTES_VIEW (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_QUOTES_VIEW));
  PlQuote *first = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "generated-quote-000"));
  PlQuote *second = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "generated-quote-001"));
  PlQuote *tenth = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "generated-quote-010"));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *shown;
  GtkWidget *card;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "quotes"));
  /* Quotes 1, 10 to 19 and 100 to 199 of the generated ones. */
  pl_filter_set_text (filter, "generated 1");
  pl_test_wait_ms (300);
  shown = pl_quotes_view_get_shown (view);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 111);
  g_assert_true (pl_quotes_view_show_quote (view, second));
  pl_test_wait_ms (300);
  card = card_of (GTK_WIDGET (view), second);
  g_assert_nonnull (card);
  g_assert_nonnull (card_of (GTK_WIDGET (view), tenth));

  /* Every generated quote: quote 0 comes in before them, quotes 2 to 9
   * and others between, in one change; the card of quote 1 is the same
   * widget. */
  g_signal_connect (shown, "items-changed", G_CALLBACK (record_span), changes);
  pl_filter_set_text (filter, "generated");
  pl_test_wait_ms (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 300);
  g_assert_cmpuint (changes->len, ==, 3);   /* one change */
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 111);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 300);
  g_assert_true (pl_quotes_view_get_selected (view) == second);
  g_assert_true (card_of (GTK_WIDGET (view), second) == card);
  g_assert_nonnull (card_of (GTK_WIDGET (view), first));

  /* The same quotes again: no change at all. */
  g_array_set_size (changes, 0);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", TRUE);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", FALSE);
  pl_test_wait_ms (300);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Selected quote filtered out: nothing selected, and none found. */
  pl_filter_set_text (filter, "generated 2");
  pl_test_wait_ms (300);
  g_assert_null (pl_quotes_view_get_selected (view));
  g_assert_false (pl_quotes_view_show_quote (view, second));
  g_signal_handlers_disconnect_by_func (shown, record_span, changes);

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (50);
  pl_test_rmdir (dir);
}

/* An archive of treaties may have thousands of provisions: a row of
 * widgets for each, remade at every change of the filter, held the
 * window 32 s when 20,000 opened and 16 s a letter typed. The list makes
 * rows for about what is on screen, keeps them across a change of the
 * filter, counts every provision, and a row opens its provision. */
static void
test_many_provisions (void)
{
  const guint n_added = 400;
  g_autofree char *dir = pl_test_mkdtemp ();
  PlWindow *window = generated_window (dir, 0, fill_generated_event, 0, 0, n_added);
  PlStore *store = pl_window_get_store (window);
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window),
                                                                                   PL_TYPE_FILTER_SIDEBAR)));
  GtkWidget *view = pl_test_find_child (GTK_WIDGET (window), PL_TYPE_PROVISIONS_VIEW);
  guint all = g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_PROVISION));
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  g_autofree char *count = g_strdup_printf ("%'u provisions", all);
  GtkWidget *grid;

  g_assert_cmpuint (all, >, n_added);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "provisions"));
  pl_test_wait_ms (500);
  {
    g_autofree char *shown = texts (view);

    g_assert_nonnull (strstr (shown, count));
  }
  collect (view, PL_TYPE_MARK_BADGE, before);
  g_test_message ("%u rows for %u provisions", before->len, all);
  g_assert_cmpuint (before->len, >=, 5);
  g_assert_cmpuint (before->len, <, 100);

  /* Fewer of them: the same row widgets, with other texts. */
  pl_filter_set_text (filter, "generated clause 1");
  pl_test_wait_ms (300);
  collect (view, PL_TYPE_MARK_BADGE, after);
  g_assert_cmpuint (after->len, >=, 5);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (g_ptr_array_find (before, after->pdata[i], NULL));
  {
    g_autofree char *shown = texts (view);

    /* Clauses 1, 10 to 19 and 100 to 199. */
    g_assert_nonnull (strstr (shown, "111 provisions"));
    g_assert_nonnull (strstr (shown, "Generated clause 1\n"));
    g_assert_nonnull (strstr (shown, "Generated clause 10\n"));
    g_assert_null (strstr (shown, "Generated clause 2\n"));
  }

  /* A row opens its provision: the first row is its area's heading,
   * the second the first provision. */
  grid = pl_test_find_child (view, GTK_TYPE_GRID_VIEW);
  g_assert_nonnull (grid);
  g_signal_emit_by_name (grid, "activate", 1);
  pl_test_wait_ms (200);
  g_assert_nonnull (pl_provisions_view_get_provision (PL_PROVISIONS_VIEW (view)));
  g_assert_cmpstr (pl_provisions_view_get_provision (PL_PROVISIONS_VIEW (view))->title, ==, "Generated clause 1");
  g_signal_emit_by_name (grid, "activate", 0);
  pl_test_wait_ms (100);
  g_assert_cmpstr (pl_provisions_view_get_provision (PL_PROVISIONS_VIEW (view))->title, ==, "Generated clause 1");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (50);
  pl_test_rmdir (dir);
}

/* The expander of the sidebar's facet titled @title. */
static GtkWidget *
facet_expander (GtkWidget  *sidebar,
                const char *title)
{
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();

  collect (sidebar, GTK_TYPE_EXPANDER, expanders);
  for (guint i = 0; i < expanders->len; i++)
    if (g_strcmp0 (gtk_expander_get_label (expanders->pdata[i]), title) == 0)
      return expanders->pdata[i];
  return NULL;
}

/* The check buttons under @root, how many there are and, in @shown, the
 * visible ones. */
static guint
facet_checks (GtkWidget *root,
              GPtrArray *shown)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect (root, GTK_TYPE_CHECK_BUTTON, checks);
  g_ptr_array_set_size (shown, 0);
  for (guint i = 0; i < checks->len; i++)
    if (gtk_widget_is_visible (checks->pdata[i]))
      g_ptr_array_add (shown, checks->pdata[i]);
  return checks->len;
}

/* A dataset may have thousands of actors: a check button for each would
 * hold the window for seconds when it opens (2.9 s for 5,000 actors and
 * 2,000 sources, 0.7 s now). The sidebar shows a facet's first hundred
 * values, makes more when asked, giving the focus to the first new one,
 * and a long facet has a field that narrows it by name; a chosen value
 * stays in the list whatever the field says. */
static void
test_sidebar_long_facet (void)
{
  const guint n_actors = 250;
  g_autofree char *dir = pl_test_mkdtemp ();
  PlWindow *window = generated_window (dir, n_actors, fill_crowd_event, 0, n_actors, 0);
  PlStore *store = pl_window_get_store (window);
  GtkWidget *sidebar = pl_test_find_child (GTK_WIDGET (window), PL_TYPE_FILTER_SIDEBAR);
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (sidebar));
  GtkWidget *actors = facet_expander (sidebar, "Actors");
  GListModel *all = pl_store_get_items (store, PL_ITEM_KIND_ACTOR);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *more_label = NULL;
  GtkWidget *more, *find, *focus, *chosen;
  guint n_listed = 0;

  pl_test_wait_ms (200);
  g_assert_nonnull (actors);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PlRecord) actor = g_list_model_get_item (all, i);

      n_listed += pl_filter_count (filter, PL_FACET_ACTOR, actor->id) > 0;
    }
  g_assert_cmpuint (n_listed, >, 200);   /* three pages */

  /* The first hundred, in the dataset's order, and no more made. */
  g_assert_cmpuint (facet_checks (actors, shown), ==, 100);
  g_assert_cmpuint (shown->len, ==, 100);
  more_label = g_strdup_printf ("Show %u More", n_listed - 100);
  more = find_button (actors, more_label);
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_is_visible (more));

  /* The next hundred, the first of them focused. */
  gtk_widget_grab_focus (more);
  g_signal_emit_by_name (more, "clicked");
  pl_test_wait_ms (100);
  g_assert_cmpuint (facet_checks (actors, shown), ==, 200);
  g_assert_cmpuint (shown->len, ==, 200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_ancestor (focus, GTK_TYPE_CHECK_BUTTON) == shown->pdata[100]);
  g_signal_emit_by_name (more, "clicked");
  pl_test_wait_ms (100);
  g_assert_cmpuint (facet_checks (actors, shown), ==, n_listed);
  g_assert_false (gtk_widget_is_visible (more));

  /* The field narrows the list by name, whatever the case. */
  find = pl_test_find_child (actors, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (find);
  g_assert_true (gtk_widget_is_visible (find));
  gtk_editable_set_text (GTK_EDITABLE (find), "generated ACTOR 24");
  pl_test_wait_ms (400);
  facet_checks (actors, shown);
  g_assert_cmpuint (shown->len, ==, 11);   /* 24 and 240 to 249 */
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_str_has_prefix (gtk_check_button_get_label (shown->pdata[i]), "Generated Actor 24"));
  g_assert_false (gtk_widget_is_visible (more));

  /* A chosen value stays listed when the field no longer names it. */
  chosen = shown->pdata[0];
  gtk_check_button_set_active (GTK_CHECK_BUTTON (chosen), TRUE);
  pl_test_wait_ms (100);
  g_assert_true (pl_filter_is_active (filter, PL_FACET_ACTOR, "generated-actor-024"));
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (find), "nothing by this name");
  pl_test_wait_ms (400);
  facet_checks (actors, shown);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_true (shown->pdata[0] == chosen);

  /* An empty field: the first page again. */
  pl_filter_clear (filter);
  gtk_editable_set_text (GTK_EDITABLE (find), "");
  pl_test_wait_ms (400);
  facet_checks (actors, shown);
  g_assert_cmpuint (shown->len, ==, 100);
  g_assert_true (gtk_widget_is_visible (more));

  /* A short facet has no such field. */
  g_assert_false (gtk_widget_is_visible (pl_test_find_child (facet_expander (sidebar, "Themes"),
                                                             GTK_TYPE_SEARCH_ENTRY)));

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (50);
  pl_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = pl_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (application));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/views/every-view-obeys", test_every_view_obeys);
  ADD ("/views/empty-results", test_empty_results);
  ADD ("/views/actor-page", test_actor_page);
  ADD ("/views/matrix", test_matrix);
  ADD ("/views/links", test_links);
  ADD ("/views/filter-remembered", test_filter_remembered);
  ADD ("/views/chronicle-follows", test_chronicle_follows);
  ADD ("/views/actor-counts", test_actor_counts);
  ADD ("/views/hidden-views-catch-up", test_hidden_views_catch_up);
  ADD ("/views/typing-kept", test_typing_kept);
#undef ADD
  g_test_add_func ("/views/many-quotes", test_many_quotes);
  g_test_add_func ("/views/actor-page-paged", test_actor_page_paged);
  g_test_add_func ("/views/sidebar-long-facet", test_sidebar_long_facet);
  g_test_add_func ("/views/quotes-kept", test_quotes_kept);
  g_test_add_func ("/views/many-provisions", test_many_provisions);

  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  return status;
}
