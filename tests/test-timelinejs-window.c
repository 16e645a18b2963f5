/* test-timelinejs-window.c — TimelineJS in the window: a spreadsheet opens, the filtered events export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "model/pl-filter.h"
#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-test-util.h"
#include "pl-window.h"
#include "widgets/pl-filter-sidebar.h"

static PlApplication *application;

static void
collect_labels (GtkWidget *root,
                GString   *text)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* Waits for a toast holding @text; returns everything the overlay says. */
static char *
wait_for_toast (PlWindow   *window,
                const char *text)
{
  GtkWidget *overlay = pl_test_find_child (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  GString *labels = g_string_new (NULL);

  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_string_truncate (labels, 0);
      collect_labels (overlay, labels);
    }
  while (strstr (labels->str, text) == NULL && g_get_monotonic_time () < deadline);

  return g_string_free (labels, FALSE);
}

/* Whether the menu, or a section or submenu of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;
      g_autoptr(GMenuModel) submenu = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      if ((section != NULL && menu_has_action (section, action)) ||
          (submenu != NULL && menu_has_action (submenu, action)))
        return TRUE;
    }

  return FALSE;
}

/* The chooser of Export for TimelineJS… gives a path to
 * win.export-timelinejs-to, which the test calls itself: the chooser is
 * GTK's, and under LeakSanitizer it makes GLib's quark table, which GLib
 * grows by dropping the old one on purpose, show up as a leak. */
static void
test_open_csv_and_export (void)
{
  g_autofree char *csv = pl_test_data_path ("timelinejs-sample.csv");
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *exported = g_build_filename (dir, "class.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toasts = NULL;
  g_autofree char *text = NULL;
  PlWindow *window = pl_window_new (application);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  GtkMenuButton *menu_button;
  PlFilterSidebar *sidebar;
  PlFilter *filter;
  JsonArray *events;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));

  /* The main menu offers the export. */
  menu_button = GTK_MENU_BUTTON (pl_test_find_child (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button), "win.export-timelinejs"));

  /* A spreadsheet opens like a dataset. */
  pl_window_open (window, file);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (pl_window_get_store (window));
  g_assert_cmpstr (pl_store_get_title (pl_window_get_store (window)), ==, "Northland, Southland and a treaty");
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (pl_window_get_store (window), PL_ITEM_KIND_EVENT)), ==, 5);
  pl_test_wait_ms (200);

  /* The filter narrows to one group; the export writes what it shows. */
  sidebar = PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_FILTER_SIDEBAR));
  filter = pl_filter_sidebar_get_filter (sidebar);
  g_assert_nonnull (filter);
  pl_filter_set_active (filter, PL_FACET_THEME, "diplomacy", TRUE);
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-timelinejs-to", "^ay", exported));
  toasts = wait_for_toast (window, "Exported 2 events for TimelineJS");
  g_test_message ("%s", toasts);
  g_assert_nonnull (strstr (toasts, "Exported 2 events for TimelineJS"));

  g_file_get_contents (exported, &text, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  /* In the order the filter shows them: by date. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "unique_id"), ==,
                   "talks-on-a-treaty-begin");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "unique_id"), ==,
                   "the-treaty-is-signed");

  /* A place nothing can be written to says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-timelinejs-to", "^ay",
                                             "/proc/class.json"));
  g_free (toasts);
  toasts = wait_for_toast (window, "Could not export for TimelineJS");
  g_test_message ("%s", toasts);
  g_assert_nonnull (strstr (toasts, "Could not export for TimelineJS"));

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
  pl_test_rmdir (dir);
}

/* Tens of thousands of events: the export runs in a thread, so the
 * action returns at once and a toast says it is under way, then says it
 * is done; the file holds every event. (Written on the main thread, a
 * million events held the window half a minute.) */
static void
test_export_many (void)
{
  const guint n_added = 30000;
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_example_with_events (n_added, pl_test_fill_generated_event);
  g_autofree char *dataset = pl_test_import (dir, "many", json);
  g_autofree char *exported = g_build_filename (dir, "many-export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dataset);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pactline.Pactline");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toasts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *under_way = NULL;
  g_autofree char *done = NULL;
  PlWindow *window = pl_window_new (application);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  gint64 start, returned, finished;
  guint n;

  g_settings_reset (settings, "filter");
  g_settings_reset (settings, "filter-dataset");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (pl_window_get_store (window));
  pl_test_wait_ms (300);
  n = g_list_model_get_n_items (pl_store_get_items (pl_window_get_store (window), PL_ITEM_KIND_EVENT));
  g_assert_cmpuint (n, >, n_added);

  under_way = g_strdup_printf ("Exporting %'u events for TimelineJS", n);
  done = g_strdup_printf ("Exported %'u events for TimelineJS", n);
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-timelinejs-to", "^ay", exported));
  returned = g_get_monotonic_time ();
  toasts = wait_for_toast (window, under_way);
  g_assert_nonnull (strstr (toasts, under_way));
  g_free (toasts);
  toasts = wait_for_toast (window, done);
  finished = g_get_monotonic_time ();
  g_test_message ("the action returned after %.1f ms, the export ended after %.1f ms",
                  (returned - start) / 1000.0, (finished - start) / 1000.0);
  g_assert_nonnull (strstr (toasts, done));
  g_assert_cmpint ((returned - start) * 4, <, finished - start);

  g_file_get_contents (exported, &text, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "events")), ==, n);

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
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
  /* Windows of a registered but not running application keep it alive. */
  g_application_hold (G_APPLICATION (application));

  g_test_add_func ("/timelinejs-window/open-csv-and-export", test_open_csv_and_export);
  g_test_add_func ("/timelinejs-window/export-many", test_export_many);

  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  return status;
}
