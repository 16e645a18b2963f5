/* test-about.c — the About window: the app's icon, its licence and credits, the bundled dataset's sources
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-command-line.h"
#include "pl-test-ui.h"

static PlApplication *application;

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

/* Row titles and label texts anywhere in the window, shown or not: the
 * credits and legal pages are built before they are opened. */
static void
collect_texts (GtkWidget *root,
               GPtrArray *texts)
{
  if (ADW_IS_PREFERENCES_ROW (root))
    g_ptr_array_add (texts, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root))));
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (texts->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static AdwAboutWindow *
open_about (void)
{
  AdwAboutWindow *about = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  while ((about = find_about_window ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (about);
  pl_test_wait_ms (100);
  return about;
}

static void
test_identity (void)
{
  AdwAboutWindow *about = open_about ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autofree char *icons = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", NULL);
  g_autofree char *symbolic = g_strconcat (APP_ID, "-symbolic", NULL);

  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));
  g_assert_true (g_str_has_prefix (adw_about_window_get_issue_url (about), "https://"));
  g_assert_nonnull (adw_about_window_get_developers (about));
  g_assert_cmpstr (adw_about_window_get_copyright (about), !=, "");

  /* The icon the window names is the one data/ installs, in the layout an
   * icon theme reads. */
  gtk_icon_theme_add_search_path (theme, icons);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, symbolic));

  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_dataset_sources (void)
{
  g_autofree char *path = pl_command_line_default_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  AdwAboutWindow *about;
  GListModel *sources;

  g_assert_no_error (error);
  sources = pl_store_get_items (store, PL_ITEM_KIND_SOURCE);
  g_assert_cmpuint (g_list_model_get_n_items (sources), >, 0);

  about = open_about ();
  collect_texts (GTK_WIDGET (about), texts);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(PlSource) source = g_list_model_get_item (sources, i);

      if (!texts_contain (texts, source->title))
        g_error ("the About window does not credit the source “%s”", source->title);
    }
  g_assert_true (texts_contain (texts, "quotes are copied verbatim"));

  gtk_window_destroy (GTK_WINDOW (about));
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

  g_test_add_func ("/about/identity", test_identity);
  g_test_add_func ("/about/dataset-sources", test_dataset_sources);

  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  return status;
}
