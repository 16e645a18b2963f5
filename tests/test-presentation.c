/* test-presentation.c — presentation mode under a real X server: slide order, keys, rendering
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <locale.h>

#include "model/pl-filter.h"
#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-test-util.h"
#include "pl-window.h"
#include "widgets/pl-presentation.h"
#include "widgets/pl-timeline.h"

static PlApplication *application;

static PlStore *
open_bundled (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  PlStore *store = pl_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

static void
send_keys (const char *keys)
{
  g_autofree char *command = g_strdup_printf ("xdotool key --delay 40 %s", keys);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pl_test_wait_ms (150);
}

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    g_test_skip ("xdotool is not installed");
  return path != NULL;
}

/* ------------------------------------------------------------------ */

/* The filtered events in date order, a tour in its own order, each after
 * an opening slide. */
static void
test_slide_order (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  g_autoptr(PlFilter) filter = pl_filter_new (store);
  g_autoptr(GtkWidget) slides = g_object_ref_sink (pl_slide_view_new ());
  PlSlideView *view = PL_SLIDE_VIEW (slides);
  GListModel *events;
  PlTour *tour;

  pl_filter_set_active (filter, PL_FACET_THEME, "security", TRUE);
  events = pl_filter_get_events (filter);
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 3);

  pl_slide_view_set_slides (view, store, events, NULL);
  g_assert_cmpuint (pl_slide_view_get_n_slides (view), ==, g_list_model_get_n_items (events) + 1);
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 0);
  g_assert_null (pl_slide_view_get_event (view));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

      pl_slide_view_set_position (view, i + 1);
      g_assert_true (pl_slide_view_get_event (view) == event);
    }
  /* Past the end stays on the last. */
  pl_slide_view_set_position (view, 1000);
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, g_list_model_get_n_items (events));

  tour = PL_TOUR (pl_store_lookup (store, PL_ITEM_KIND_TOUR, "not-an-alliance"));
  g_assert_nonnull (tour);
  pl_slide_view_set_slides (view, store, NULL, tour);
  g_assert_cmpuint (pl_slide_view_get_n_slides (view), ==, tour->events.n_items + 1);
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 0);
  for (guint i = 0; i < tour->events.n_items; i++)
    {
      pl_slide_view_set_position (view, i + 1);
      g_assert_true (pl_slide_view_get_event (view) == (PlEvent *) tour->events.items[i]);
    }
}

static void
on_finished (PlPresentation *presentation,
             PlEvent        *event,
             PlEvent       **out)
{
  *out = event;
}

static void
set_true (gpointer  data,
          GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* Every key a presenter or a remote sends, typed for real. */
static void
test_keys (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  GListModel *events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  guint n = g_list_model_get_n_items (events);
  PlPresentation *presentation;
  PlSlideView *view;
  PlEvent *finished_with = NULL;
  gboolean gone = FALSE;

  if (!have_xdotool ())
    return;

  presentation = pl_presentation_new (NULL, store, events, NULL, NULL);
  view = pl_presentation_get_slide_view (presentation);
  g_signal_connect (presentation, "finished", G_CALLBACK (on_finished), &finished_with);
  g_object_weak_ref (G_OBJECT (presentation), set_true, &gone);
  gtk_window_present (GTK_WINDOW (presentation));
  pl_test_wait_ms (500);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  send_keys ("Right");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 1);
  send_keys ("space");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 2);
  send_keys ("Next");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 3);
  send_keys ("Down");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 4);
  send_keys ("Left");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 3);
  send_keys ("Prior");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 2);
  send_keys ("Up");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 1);
  send_keys ("End");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, n);
  send_keys ("Right");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, n);
  send_keys ("Home");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 0);
  send_keys ("Left");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 0);

  /* A number, then Enter. */
  send_keys ("1 2");
  g_assert_cmpstr (pl_slide_view_get_pending_jump (view), ==, "12");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 0);
  send_keys ("Return");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 12);
  g_assert_cmpstr (pl_slide_view_get_pending_jump (view), ==, "");
  send_keys ("KP_4 BackSpace 5 Return");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 5);
  /* Escape drops a half-typed number and stays. */
  send_keys ("3 Escape");
  g_assert_cmpstr (pl_slide_view_get_pending_jump (view), ==, "");
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 5);
  g_assert_false (gone);

  /* B blanks and unblanks; a remote's full stop too; moving on shows the
   * next slide. */
  send_keys ("b");
  g_assert_true (pl_slide_view_get_blank (view));
  send_keys ("b");
  g_assert_false (pl_slide_view_get_blank (view));
  send_keys ("period");
  g_assert_true (pl_slide_view_get_blank (view));
  send_keys ("Next");
  g_assert_false (pl_slide_view_get_blank (view));
  g_assert_cmpuint (pl_slide_view_get_position (view), ==, 6);

  /* N shows the presenter notes, N again hides them. */
  g_assert_false (pl_slide_view_get_show_notes (view));
  send_keys ("n");
  g_assert_true (pl_slide_view_get_show_notes (view));
  send_keys ("n");
  g_assert_false (pl_slide_view_get_show_notes (view));

  /* Escape leaves with the event on screen. */
  {
    PlEvent *on_screen = pl_slide_view_get_event (view);

    send_keys ("Escape");
    g_assert_true (gone);
    g_assert_true (finished_with == on_screen);
  }
}

/* Renders @widget with the cairo renderer, saves it beside the test and
 * returns the fraction of pixels that differ from the corner's colour. */
static double
render (GtkWidget  *widget,
        const char *name,
        guint8     *corner_luma)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gsize stride = (gsize) width * 4;
  guint32 background;
  guint64 differing = 0, total = 0;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s (%d × %d)", path, width, height);

  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  background = *(guint32 *) (gpointer) pixels;
  /* Cairo's ARGB32 in memory order on little-endian: B, G, R, A. */
  *corner_luma = (guint8) ((pixels[0] + pixels[1] + pixels[2]) / 3);
  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        total++;
        differing += *(guint32 *) (gpointer) (pixels + y * stride + x * 4) != background;
      }
  return (double) differing / total;
}

/* A slide at @width × @height in a window of its own, on the signing. */
static GtkWindow *
slide_window (PlStore *store,
              int      width,
              int      height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = pl_slide_view_new ();
  GListModel *events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);

  gtk_window_set_decorated (window, FALSE);
  /* A window's default size is kept within the screen; a size request is
   * not, so a 4K slide can be drawn on a smaller virtual screen. */
  gtk_widget_set_size_request (view, width, height);
  gtk_window_set_child (window, view);
  pl_slide_view_set_slides (PL_SLIDE_VIEW (view), store, events, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (PL_RECORD (event)->id, "cspt-signing"))
        pl_slide_view_set_position (PL_SLIDE_VIEW (view), i + 1);
    }
  gtk_window_present (window);
  pl_test_wait_ms (600);
  g_assert_cmpint (gtk_widget_get_width (view), ==, width);
  g_assert_cmpint (gtk_widget_get_height (view), ==, height);
  return window;
}

/* From a 720p projector to a 4K screen the title is the same share of the
 * height, large enough to read from the back of a room; light and dark. */
static void
test_render_sizes (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  static const struct { int width, height; const char *name; } sizes[] = {
    { 1280, 720, "slide-1280x720.png" },
    { 1920, 1080, "slide-1920x1080.png" },
    { 3840, 2160, "slide-3840x2160.png" },
  };
  double share[G_N_ELEMENTS (sizes)];
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkWindow *window = slide_window (store, sizes[i].width, sizes[i].height);
      PlSlideView *view = PL_SLIDE_VIEW (gtk_window_get_child (window));
      guint8 luma;
      double drawn = render (GTK_WIDGET (view), sizes[i].name, &luma);

      /* Something is drawn, on a light background. */
      g_assert_cmpfloat (drawn, >, 0.02);
      g_assert_cmpuint (luma, >, 200);

      share[i] = (double) pl_slide_view_get_title_height (view) / sizes[i].height;
      g_test_message ("%d × %d: title line %d px, font %.1f px, %.3f of the height",
                      sizes[i].width, sizes[i].height, pl_slide_view_get_title_height (view),
                      pl_slide_view_get_title_size (view), share[i]);
      /* A line of title is at least a fifteenth of the height (48 px at
       * 720p), the summary and quote not crowded out. */
      g_assert_cmpfloat (share[i], >=, 1.0 / 15);
      g_assert_cmpfloat (share[i], <=, 1.0 / 6);
      gtk_window_destroy (window);
    }
  for (guint i = 1; i < G_N_ELEMENTS (sizes); i++)
    g_assert_cmpfloat_with_epsilon (share[i], share[0], 0.01);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  {
    GtkWindow *window = slide_window (store, 1280, 720);
    guint8 luma;
    double drawn = render (gtk_window_get_child (window), "slide-dark.png", &luma);

    g_assert_cmpfloat (drawn, >, 0.02);
    g_assert_cmpuint (luma, <, 80);

    /* Blank is black whatever the style, and nothing else. */
    pl_slide_view_set_blank (PL_SLIDE_VIEW (gtk_window_get_child (window)), TRUE);
    pl_test_wait_ms (200);
    drawn = render (gtk_window_get_child (window), "slide-blank.png", &luma);
    g_assert_cmpfloat (drawn, ==, 0);
    g_assert_cmpuint (luma, ==, 0);
    gtk_window_destroy (window);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* F5 in the main window presents the filtered events; a tour from the
 * menu presents the tour; Escape selects the event on screen. */
static void
test_from_window (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PlWindow *window = pl_window_new (application);
  PlPresentation *presentation = NULL;
  PlSlideView *view;
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  PlTimeline *timeline;
  g_autoptr(GList) toplevels = NULL;

  if (!have_xdotool ())
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (pl_window_get_store (window));
  pl_test_wait_ms (300);

  /* The primary menu offers the filtered events and each tour. */
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (pl_test_find_child (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON)));
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

    g_assert_nonnull (menu);
    for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

        for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
          {
            g_autofree char *action = NULL;
            g_autofree char *label = NULL;

            if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
                g_str_equal (action, "win.present") &&
                g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label))
              g_ptr_array_add (labels, g_steal_pointer (&label));
          }
      }
    g_assert_cmpuint (labels->len, ==, 3);
    g_assert_cmpstr (labels->pdata[0], ==, "_Present Filtered Events");
    g_assert_cmpstr (labels->pdata[1], ==, "Present Tour: From the 2001 treaty to 2025");
    g_assert_cmpstr (labels->pdata[2], ==, "Present Tour: Why the treaty is not an alliance");
  }

  /* The tour, through its action as the menu item sends it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", "s", "from-2001-to-2025"));
  pl_test_wait_ms (500);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PL_IS_PRESENTATION (l->data))
      presentation = l->data;
  g_assert_nonnull (presentation);
  view = pl_presentation_get_slide_view (presentation);
  g_assert_cmpuint (pl_slide_view_get_n_slides (view), ==, 15);
  send_keys ("Right Right");
  g_assert_cmpstr (PL_RECORD (pl_slide_view_get_event (view))->id, ==, "unsc-sanctions-s300-freeze");
  send_keys ("Escape");
  pl_test_wait_ms (300);
  {
    g_autoptr(GList) after = gtk_window_list_toplevels ();
    for (GList *l = after; l != NULL; l = l->next)
      g_assert_false (PL_IS_PRESENTATION (l->data));
  }
  /* Back in the main window, on the event the class last saw. */
  timeline = PL_TIMELINE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_TIMELINE));
  g_assert_nonnull (pl_timeline_get_selected (timeline));
  g_assert_cmpstr (PL_RECORD (pl_timeline_get_selected (timeline))->id, ==, "unsc-sanctions-s300-freeze");

  /* F5: the filtered events. */
  gtk_window_present (GTK_WINDOW (window));
  pl_test_wait_ms (300);
  send_keys ("F5");
  pl_test_wait_ms (300);
  presentation = NULL;
  g_clear_pointer (&toplevels, g_list_free);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PL_IS_PRESENTATION (l->data))
      presentation = l->data;
  g_assert_nonnull (presentation);
  view = pl_presentation_get_slide_view (presentation);
  g_assert_cmpuint (pl_slide_view_get_n_slides (view), ==,
                    g_list_model_get_n_items (pl_store_get_items (pl_window_get_store (window), PL_ITEM_KIND_EVENT)) + 1);
  gtk_window_destroy (GTK_WINDOW (presentation));
  pl_test_wait_ms (100);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Render nodes in @node's tree, itself included. */
static guint
count_nodes (GskRenderNode *node)
{
  guint n = 1;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i));
      break;
    case GSK_CLIP_NODE:
      n += count_nodes (gsk_clip_node_get_child (node));
      break;
    case GSK_ROUNDED_CLIP_NODE:
      n += count_nodes (gsk_rounded_clip_node_get_child (node));
      break;
    case GSK_TRANSFORM_NODE:
      n += count_nodes (gsk_transform_node_get_child (node));
      break;
    case GSK_OPACITY_NODE:
      n += count_nodes (gsk_opacity_node_get_child (node));
      break;
    case GSK_COLOR_MATRIX_NODE:
      n += count_nodes (gsk_color_matrix_node_get_child (node));
      break;
    case GSK_DEBUG_NODE:
      n += count_nodes (gsk_debug_node_get_child (node));
      break;
    default:
      break;
    }
  return n;
}

/* Presenting thousands of events: each slide is the same few hundred
 * render nodes however many there are (the strip's ticks are one per
 * run of pixel columns, counted once), and slides still follow the
 * filter's order. */
static void
test_many_events (void)
{
  const guint n_added = 20000;
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_example_with_events (n_added, pl_test_fill_generated_event);
  g_autofree char *dataset = pl_test_import (dir, "many", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (dataset, NULL, &error);
  g_autoptr(PlFilter) filter = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = pl_slide_view_new ();
  GListModel *events;
  guint n_events, nodes_few, nodes_many;

  g_assert_no_error (error);
  filter = pl_filter_new (store);
  events = pl_filter_get_events (filter);
  n_events = g_list_model_get_n_items (events);
  g_assert_cmpuint (n_events, >, n_added);

  gtk_widget_set_size_request (view, 1280, 720);
  gtk_window_set_child (window, view);
  gtk_window_present (window);

  /* The example's own events first, for a count to compare with. */
  pl_filter_set_text (filter, "treaty signed");
  g_assert_cmpuint (g_list_model_get_n_items (events), <, 10);
  pl_slide_view_set_slides (PL_SLIDE_VIEW (view), store, events, NULL);
  pl_slide_view_set_position (PL_SLIDE_VIEW (view), 1);
  pl_test_wait_ms (300);
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    nodes_few = count_nodes (node);
  }

  pl_filter_set_text (filter, "");
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n_events);
  pl_slide_view_set_slides (PL_SLIDE_VIEW (view), store, events, NULL);
  g_assert_cmpuint (pl_slide_view_get_n_slides (PL_SLIDE_VIEW (view)), ==, n_events + 1);
  for (guint position = 1; position <= n_events; position += 997)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, position - 1);

      pl_slide_view_set_position (PL_SLIDE_VIEW (view), position);
      g_assert_true (pl_slide_view_get_event (PL_SLIDE_VIEW (view)) == event);
    }
  pl_slide_view_set_position (PL_SLIDE_VIEW (view), n_events / 2);
  pl_test_wait_ms (300);
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    nodes_many = count_nodes (node);
  }
  g_test_message ("render nodes: %u for a few events, %u for %u", nodes_few, nodes_many, n_events);
  /* More ticks, but no more than the strip has pixel columns. */
  g_assert_cmpuint (nodes_many, <, nodes_few + 1280);

  gtk_window_destroy (window);
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

  g_test_add_func ("/presentation/slide-order", test_slide_order);
  g_test_add_func ("/presentation/keys", test_keys);
  g_test_add_func ("/presentation/render-sizes", test_render_sizes);
  g_test_add_func ("/presentation/from-window", test_from_window);
  g_test_add_func ("/presentation/many-events", test_many_events);

  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  g_object_unref (application);
  return status;
}
