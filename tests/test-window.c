/* test-window.c — the main window under a real X server: opening, errors, details, state
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-test-util.h"
#include "pl-window.h"
#include "widgets/pl-chronicle.h"
#include "widgets/pl-annotation-editor.h"
#include "widgets/pl-detail-pane.h"
#include "widgets/pl-actors-view.h"
#include "widgets/pl-filter-sidebar.h"
#include "widgets/pl-provisions-view.h"
#include "widgets/pl-mark-badge.h"
#include "widgets/pl-notes-view.h"
#include "widgets/pl-preferences.h"
#include "widgets/pl-quote-card.h"
#include "widgets/pl-quotes-view.h"
#include "widgets/pl-timeline.h"

static PlApplication *application;

static void
collect_labels (GtkWidget *root,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (labels, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* Opens @path in a new window and waits until it shows a dataset or an
 * error. */
static PlWindow *
open_window (const char *path)
{
  PlWindow *window = pl_window_new (application);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    {
      GtkWidget *error_page = pl_test_find_child (GTK_WIDGET (window), GTK_TYPE_STACK);
      g_main_context_iteration (NULL, FALSE);
      if (error_page != NULL &&
          g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (error_page)), "error") == 0)
        break;
    }
  pl_test_wait_ms (100);
  return window;
}

/* Waits until the window is done opening: back to a dataset or an error. */
static void
wait_until_opened (PlWindow *window)
{
  GtkStack *content = GTK_STACK (pl_test_find_child (GTK_WIDGET (window), GTK_TYPE_STACK));
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  pl_test_wait_ms (50);
  while (g_strcmp0 (gtk_stack_get_visible_child_name (content), "loading") == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  pl_test_wait_ms (100);
}

static char *
bundled_path (void)
{
  return g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);
}

static void
test_open_bundled (void)
{
  g_autofree char *path = bundled_path ();
  PlWindow *window = open_window (path);
  PlStore *store = pl_window_get_store (window);
  PlChronicle *chronicle = PL_CHRONICLE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_CHRONICLE));
  GListModel *events, *rows;
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  g_autofree char *title = NULL;

  g_assert_nonnull (store);
  title = g_strdup_printf ("%s — Pactline", pl_store_get_title (store));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);

  /* The chronicle: one heading per year, then that year's events. */
  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      g_hash_table_add (years, GINT_TO_POINTER (event->start.year));
    }
  rows = pl_chronicle_get_rows (chronicle);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    g_list_model_get_n_items (events) + g_hash_table_size (years));
  {
    g_autoptr(GObject) first_row = g_list_model_get_item (rows, 0);
    g_autoptr(GObject) second_row = g_list_model_get_item (rows, 1);

    g_assert_false (PL_IS_EVENT (first_row));
    g_assert_true (PL_IS_EVENT (second_row));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that cannot be opened leaves the open dataset open and says why. */
static void
test_bad_file_keeps_dataset (void)
{
  g_autofree char *path = bundled_path ();
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *broken = pl_test_write_file (dir, "broken.json", "{\"format\": \"pactline-dataset\",", -1);
  g_autofree char *not_sqlite = pl_test_write_file (dir, "text.sqlite", "plain text, not a database at all", -1);
  const char *bad[] = { broken, not_sqlite, "/nonexistent/nothing.sqlite" };
  PlWindow *window = open_window (path);
  PlStore *store = pl_window_get_store (window);

  g_assert_nonnull (store);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (bad[i]);
      AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (pl_test_find_child (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY));
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      gboolean told = FALSE;

      pl_window_open (window, file);
      wait_until_opened (window);
      g_assert_true (pl_window_get_store (window) == store);

      /* The toast names the file, once the previous one has made way. */
      for (guint tries = 0; tries < 60 && !told; tries++)
        {
          g_ptr_array_set_size (labels, 0);
          collect_labels (GTK_WIDGET (overlay), labels);
          for (guint l = 0; l < labels->len; l++)
            told |= strstr (gtk_label_get_text (labels->pdata[l]), bad[i]) != NULL;
          if (!told)
            pl_test_wait_ms (50);
        }
      g_assert_true (told);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_rmdir (dir);
}

/* Whether a label under @root shows @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint l = 0; l < labels->len; l++)
    if (strstr (gtk_label_get_text (labels->pdata[l]), text) != NULL)
      return TRUE;
  return FALSE;
}

static char *
copy_bytes (const char *dir,
            const char *name,
            GBytes     *bytes,
            gsize       length)
{
  return pl_test_write_file (dir, name, g_bytes_get_data (bytes, NULL), (gssize) length);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A second file opened while the first is still being read replaces it:
 * the window ends on the second, its filter (made in the opening thread)
 * over the second's events, and the first's late result changes nothing. */
static void
test_open_replaced (void)
{
  g_autofree char *path = bundled_path ();
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *other = pl_test_import (dir, "other", json);
  g_autoptr(GFile) first = g_file_new_for_path (path);
  g_autoptr(GFile) second = g_file_new_for_path (other);
  g_autoptr(PlStore) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  PlWindow *window = pl_window_new (application);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  guint n_events;

  expected = pl_store_open (other, NULL, &error);
  g_assert_no_error (error);
  n_events = g_list_model_get_n_items (pl_store_get_items (expected, PL_ITEM_KIND_EVENT));
  summary = g_strdup_printf ("%u of %u events", n_events, n_events);

  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, first);
  pl_window_open (window, second);
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  pl_test_wait_ms (500);

  g_assert_nonnull (pl_window_get_store (window));
  g_assert_cmpstr (pl_store_get_path (pl_window_get_store (window)), ==, other);
  g_assert_true (shows_text (GTK_WIDGET (window), summary));
  /* The replaced open says nothing: no toast or error page names it. */
  g_assert_false (shows_text (GTK_WIDGET (window), path));

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_rmdir (dir);
}

/* Damaged and foreign database files: each is refused with a toast that
 * names it and says what is wrong, the open dataset stays, and the window
 * still opens a good file afterwards. Started on a damaged file, the
 * window says why on its error page. */
static void
test_corrupt_databases (void)
{
  g_autofree char *path = bundled_path ();
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *contents = NULL;
  gsize size = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *damaged = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *folder = g_build_filename (dir, "folder.sqlite", NULL);
  g_autofree char *truncated = NULL;
  g_autofree char *bad_page = NULL;
  g_autofree char *foreign = g_build_filename (dir, "foreign.sqlite", NULL);
  g_autofree char *too_new = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *good = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int page_size, event_page;
  PlWindow *window;
  PlStore *store;
  struct { const char *path; const char *reason; } bad[8];

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT page_size FROM pragma_page_size),"
                                           " rootpage FROM sqlite_schema WHERE name = 'event'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int (stmt, 0);
  event_page = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  empty = pl_test_write_file (dir, "empty.sqlite", "", 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  truncated = copy_bytes (dir, "truncated.sqlite", bytes, size / 2);
  damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  memset (damaged + (gsize) (event_page - 1) * (gsize) page_size + 8, 0xa5, (gsize) page_size - 16);
  bad_page = pl_test_write_file (dir, "bad-page.sqlite", (const char *) damaged, (gssize) size);
  run_sql (foreign, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); PRAGMA user_version = 4");
  too_new = copy_bytes (dir, "too-new.sqlite", bytes, size);
  run_sql (too_new, "PRAGMA user_version = 99");
  /* Toasts are markup; a name that looks like markup is shown as it is. */
  markup = pl_test_write_file (dir, "a <b> & c.sqlite", "plain text, not a database at all", -1);

  bad[0].path = empty;
  bad[0].reason = "The file is empty, so it is not a dataset";
  bad[1].path = folder;
  bad[1].reason = "This is a folder, not a dataset file";
  bad[2].path = truncated;
  bad[2].reason = "The file is truncated: it is ";
  bad[3].path = bad_page;
  bad[3].reason = "The file is damaged: SQLite’s check reports “";
  bad[4].path = foreign;
  bad[4].reason = "The file has no “dataset” table, so it is not a Pactline dataset";
  bad[5].path = too_new;
  bad[5].reason = "This file uses version 99 of its format";
  bad[6].path = markup;
  bad[6].reason = "The file is not an SQLite database";
  bad[7].path = "/nonexistent/nothing.sqlite";
  bad[7].reason = "The file could not be read: ";

  window = open_window (path);
  store = pl_window_get_store (window);
  g_assert_nonnull (store);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (bad[i].path);
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *expected = g_strdup_printf ("“%s”: %s", name, bad[i].reason);
      GtkWidget *overlay = pl_test_find_child (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
      gboolean told = FALSE;

      pl_window_open (window, file);
      wait_until_opened (window);
      g_assert_true (pl_window_get_store (window) == store);

      /* The toast names the file and the reason, once the previous one
       * has made way. */
      for (guint tries = 0; tries < 60 && !told; tries++)
        {
          told = shows_text (overlay, expected);
          if (!told)
            pl_test_wait_ms (50);
        }
      if (!told)
        g_test_message ("no toast saying: %s", expected);
      g_assert_true (told);
    }

  /* Still usable: a good file opens. */
  good = copy_bytes (dir, "good copy.sqlite", bytes, size);
  {
    g_autoptr(GFile) file = g_file_new_for_path (good);

    pl_window_open (window, file);
    wait_until_opened (window);
    g_assert_nonnull (pl_window_get_store (window));
    g_assert_true (pl_window_get_store (window) != store);
    g_assert_cmpstr (pl_store_get_path (pl_window_get_store (window)), ==, good);
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* Started on a damaged file, the window says why, then opens a good one. */
  window = pl_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autofree char *expected = g_strdup_printf ("“%s”: %s", bad_page, bad[3].reason);
    g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
    GtkStack *content = NULL;
    g_autoptr(GFile) damaged_file = g_file_new_for_path (bad_page);
    g_autoptr(GFile) file = g_file_new_for_path (good);
    gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

    pl_test_collect_type (GTK_WIDGET (window), GTK_TYPE_STACK, stacks);
    for (guint s = 0; s < stacks->len; s++)
      if (gtk_stack_get_child_by_name (stacks->pdata[s], "error") != NULL)
        content = stacks->pdata[s];
    g_assert_nonnull (content);

    pl_window_open (window, damaged_file);
    while (g_strcmp0 (gtk_stack_get_visible_child_name (content), "error") != 0 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    pl_test_wait_ms (100);
    g_assert_null (pl_window_get_store (window));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "error");
    g_assert_true (shows_text (gtk_stack_get_visible_child (content), expected));

    pl_window_open (window, file);
    wait_until_opened (window);
    g_assert_nonnull (pl_window_get_store (window));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "dataset");
  }
  gtk_window_destroy (GTK_WINDOW (window));

  pl_test_rmdir (dir);
}

/* Dataset text is shown as it is written, never read as markup. */
static void
test_markup_shown_literally (void)
{
  g_autofree char *path = pl_test_data_path ("markup.json");
  PlWindow *window = open_window (path);
  PlStore *store = pl_window_get_store (window);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_TIMELINE));
  PlDetailPane *pane = PL_DETAIL_PANE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_DETAIL_PANE));
  PlEvent *signing;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *expected[] = {
    "<a href=\"file:///etc/passwd\">Signed</a> &bogus; <i>here</i>",
    "<span foreground=\"red\">Not red</span>",
    "“<b>Not bold</b> & \"quoted\"”",
    "<u>A. President</u>",
  };

  g_assert_nonnull (store);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "<span size=\"99999\">Big</span> & <b>bold</b> — Pactline");

  signing = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "signing"));
  pl_timeline_set_selected (timeline, signing);
  pl_test_wait_ms (200);
  g_assert_true (pl_detail_pane_get_event (pane) == signing);

  collect_labels (GTK_WIDGET (pane), labels);
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      gboolean found = FALSE;

      for (guint l = 0; l < labels->len; l++)
        if (g_str_equal (gtk_label_get_text (labels->pdata[l]), expected[e]))
          {
            found = TRUE;
            g_assert_false (gtk_label_get_use_markup (labels->pdata[l]));
          }
      if (!found)
        g_test_message ("not shown literally: %s", expected[e]);
      g_assert_true (found);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
got_text (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* The detail pane's quote card copies a citation: verbatim words, speaker,
 * date and source. */
static void
test_copy_citation (void)
{
  g_autofree char *path = pl_test_data_path ("example.json");
  PlWindow *window = open_window (path);
  PlStore *store = pl_window_get_store (window);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_TIMELINE));
  PlDetailPane *pane = PL_DETAIL_PANE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_DETAIL_PANE));
  PlQuote *quote = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "president-on-signing"));
  g_autofree char *expected = pl_quote_format_citation (quote);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *button = NULL;
  char *text = NULL;

  g_assert_cmpstr (expected, ==,
                   "“This is a new chapter.” — A. President, 17 January 2025. A treaty is signed, Example News, 18 January 2025. https://example.org/1");

  pl_timeline_set_selected (timeline, PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "signing")));
  pl_test_wait_ms (200);

  collect_labels (GTK_WIDGET (pane), labels);
  for (guint l = 0; l < labels->len; l++)
    if (g_str_equal (gtk_label_get_text (labels->pdata[l]), "Copy as Citation"))
      button = gtk_widget_get_ancestor (labels->pdata[l], GTK_TYPE_BUTTON);
  g_assert_nonnull (button);

  g_signal_emit_by_name (button, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (button), NULL, got_text, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (text, ==, expected);
  g_free (text);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Size and view are remembered when the window closes. */
static void
test_state_remembered (void)
{
  g_autofree char *path = bundled_path ();
  PlWindow *window = open_window (path);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pactline.Pactline");
  AdwViewStack *stack = ADW_VIEW_STACK (pl_test_find_child (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "quotes"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "quotes");
  gtk_window_close (GTK_WINDOW (window));
  pl_test_wait_ms (100);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);
  {
    g_autofree char *view = g_settings_get_string (settings, "last-view");
    g_assert_cmpstr (view, ==, "quotes");
  }

  /* A new window comes back as it was left. */
  window = open_window (path);
  stack = ADW_VIEW_STACK (pl_test_find_child (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "quotes");
  g_settings_reset (settings, "last-view");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A note typed in the details is saved; deleting it can be undone. */
static void
test_note_delete_undo (void)
{
  g_autofree char *path = bundled_path ();
  PlWindow *window = open_window (path);
  PlStore *store = pl_window_get_store (window);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_TIMELINE));
  PlEvent *event = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "cspt-signing"));
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(GError) error = NULL;
  PlAnnotationEditor *editor;
  GtkTextBuffer *buffer;

  pl_timeline_set_selected (timeline, event);
  pl_test_wait_ms (200);
  editor = PL_ANNOTATION_EDITOR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_ANNOTATION_EDITOR));
  g_assert_nonnull (editor);

  buffer = gtk_text_view_get_buffer (pl_annotation_editor_get_text_view (editor));
  gtk_text_buffer_set_text (buffer, "Not an alliance: no mutual defence clause.", -1);
  pl_test_wait_ms (700);   /* saved once typing pauses */

  db = pl_user_db_open (NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PlAnnotation) saved = pl_user_db_load (db, "russia-iran-2025", PL_ITEM_KIND_EVENT, "cspt-signing", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (saved->note, ==, "Not an alliance: no mutual defence clause.");
  }

  /* The Notes view lists it. */
  g_assert_cmpuint (pl_notes_view_get_n_notes (PL_NOTES_VIEW (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_NOTES_VIEW))), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-note", "(ss)", "event", "cspt-signing"));
  pl_test_wait_ms (100);
  g_assert_cmpuint (pl_notes_view_get_n_notes (PL_NOTES_VIEW (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_NOTES_VIEW))), ==, 0);
  {
    g_autoptr(PlAnnotation) gone = pl_user_db_load (db, "russia-iran-2025", PL_ITEM_KIND_EVENT, "cspt-signing", NULL);
    g_assert_null (gone);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  pl_test_wait_ms (100);
  {
    g_autoptr(PlAnnotation) back = pl_user_db_load (db, "russia-iran-2025", PL_ITEM_KIND_EVENT, "cspt-signing", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (back->note, ==, "Not an alliance: no mutual defence clause.");
  }

  g_assert_cmpuint (pl_notes_view_get_n_notes (PL_NOTES_VIEW (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_NOTES_VIEW))), ==, 1);

  /* The editor shows it again. */
  editor = PL_ANNOTATION_EDITOR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_ANNOTATION_EDITOR));
  buffer = gtk_text_view_get_buffer (pl_annotation_editor_get_text_view (editor));
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Not an alliance: no mutual defence clause.");
  }

  g_assert_true (pl_user_db_delete (db, "russia-iran-2025", PL_ITEM_KIND_EVENT, "cspt-signing", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The badges under @root that show something, as their summaries. */
static char *
shown_badges (GtkWidget *root)
{
  g_autoptr(GPtrArray) badges = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  pl_test_collect_type (root, PL_TYPE_MARK_BADGE, badges);
  for (guint i = 0; i < badges->len; i++)
    if (gtk_widget_get_visible (badges->pdata[i]))
      g_string_append_printf (text, "%s%s", text->len > 0 ? " | " : "",
                              pl_mark_badge_get_summary (badges->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The sidebar's facet check button whose label starts with @prefix. */
static GtkCheckButton *
facet_check (GtkWidget  *sidebar,
             const char *prefix)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  pl_test_collect_type (sidebar, GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    {
      const char *label = gtk_check_button_get_label (checks->pdata[i]);

      if (label != NULL && g_str_has_prefix (label, prefix) && gtk_widget_get_visible (checks->pdata[i]))
        return checks->pdata[i];
    }
  return NULL;
}

/* Marks made in one place show in every other: a quote's note written on
 * its card, an event's star and tag written in the details, shown on the
 * chronicle's rows and the cards, counted and filtered in the sidebar, and
 * listed in the Notes view, whose quote row leads back to the quote. */
static void
test_marks_everywhere (void)
{
  g_autofree char *path = bundled_path ();
  PlWindow *window = open_window (path);
  GtkWidget *root = GTK_WIDGET (window);
  PlStore *store = pl_window_get_store (window);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (root, PL_TYPE_TIMELINE));
  PlQuotesView *quotes_view = PL_QUOTES_VIEW (pl_test_find_child (root, PL_TYPE_QUOTES_VIEW));
  GtkWidget *sidebar = pl_test_find_child (root, PL_TYPE_FILTER_SIDEBAR);
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (sidebar));
  PlQuote *quote = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "putin-qualitatively-new-level"));
  PlEvent *event = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "cspt-signing"));
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  PlQuoteCard *card = NULL;
  GtkWidget *editor;
  GtkWidget *star = NULL, *tags = NULL;
  g_autofree char *badges = NULL;

  g_assert_nonnull (quote);
  g_assert_nonnull (event);
  g_assert_null (facet_check (sidebar, "Starred"));

  /* A note on a quote, on its card in the Quotes view. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-quote", "s", "putin-qualitatively-new-level"));
  pl_test_wait_ms (300);
  g_assert_true (pl_quotes_view_get_selected (quotes_view) == quote);
  pl_test_collect_type (GTK_WIDGET (quotes_view), PL_TYPE_QUOTE_CARD, widgets);
  for (guint i = 0; i < widgets->len; i++)
    if (pl_quote_card_get_quote (widgets->pdata[i]) == quote)
      card = widgets->pdata[i];
  g_assert_nonnull (card);
  g_assert_null (pl_quote_card_get_editor (card));
  g_ptr_array_set_size (widgets, 0);
  pl_test_collect_type (GTK_WIDGET (card), GTK_TYPE_TOGGLE_BUTTON, widgets);
  g_assert_cmpuint (widgets->len, ==, 1);
  gtk_toggle_button_set_active (widgets->pdata[0], TRUE);
  editor = pl_quote_card_get_editor (card);
  g_assert_nonnull (editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (pl_annotation_editor_get_text_view (PL_ANNOTATION_EDITOR (editor))),
                            "Quote this in the conclusion.", -1);
  g_assert_true (pl_annotation_editor_flush (PL_ANNOTATION_EDITOR (editor)));
  badges = shown_badges (GTK_WIDGET (card));
  g_assert_cmpstr (badges, ==, "has a note");
  g_clear_pointer (&badges, g_free);

  db = pl_user_db_open (NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PlAnnotation) saved = pl_user_db_load (db, "russia-iran-2025", PL_ITEM_KIND_QUOTE,
                                                     "putin-qualitatively-new-level", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (saved->note, ==, "Quote this in the conclusion.");
  }
  g_assert_nonnull (facet_check (sidebar, "With a Note (1)"));

  /* A star and a tag on an event, in the details. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-event", "s", "cspt-signing"));
  pl_test_wait_ms (200);
  editor = pl_test_find_child (pl_test_find_child (root, PL_TYPE_DETAIL_PANE), PL_TYPE_ANNOTATION_EDITOR);
  g_assert_nonnull (editor);
  g_ptr_array_set_size (widgets, 0);
  pl_test_collect_type (editor, GTK_TYPE_TOGGLE_BUTTON, widgets);
  star = widgets->pdata[0];
  tags = pl_test_find_child (editor, GTK_TYPE_ENTRY);
  g_assert_nonnull (tags);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (tags), "exam, alliance");
  g_assert_true (pl_annotation_editor_flush (PL_ANNOTATION_EDITOR (editor)));
  pl_test_wait_ms (100);

  /* The detail pane's own quote card shows the quote's note too. */
  badges = shown_badges (pl_test_find_child (root, PL_TYPE_DETAIL_PANE));
  g_assert_nonnull (strstr (badges, "has a note"));
  g_clear_pointer (&badges, g_free);

  /* The chronicle's row for the event. */
  g_assert_true (gtk_widget_activate_action (root, "win.toggle-chronicle", NULL));
  pl_test_wait_ms (300);
  badges = shown_badges (pl_test_find_child (root, PL_TYPE_CHRONICLE));
  g_assert_cmpstr (badges, ==, "Starred, tags: alliance, exam");
  g_clear_pointer (&badges, g_free);
  g_assert_true (gtk_widget_activate_action (root, "win.toggle-chronicle", NULL));

  /* The sidebar counts and filters by them. */
  g_assert_nonnull (facet_check (sidebar, "Starred (1)"));
  g_assert_nonnull (facet_check (sidebar, "exam (1)"));
  g_assert_nonnull (facet_check (sidebar, "alliance (1)"));
  gtk_widget_activate (GTK_WIDGET (facet_check (sidebar, "Starred (1)")));
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, 1);
  g_assert_true (pl_filter_match_event (filter, event));
  g_assert_false (pl_filter_match_quote (filter, quote));
  pl_filter_clear (filter);
  gtk_widget_activate (GTK_WIDGET (facet_check (sidebar, "With a Note")));
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, 0);
  g_assert_true (pl_filter_match_quote (filter, quote));
  pl_filter_clear (filter);

  /* Actor cards and provision rows, marked through the same notebook. */
  {
    PlNotebook *notebook = pl_filter_get_notebook (filter);
    g_autoptr(PlAnnotation) actor_note = pl_annotation_new ("russia-iran-2025", PL_ITEM_KIND_ACTOR, "pezeshkian");
    g_autoptr(PlAnnotation) provision_note = pl_annotation_new ("russia-iran-2025", PL_ITEM_KIND_PROVISION, "cspt-no-aid-to-aggressor");

    actor_note->starred = TRUE;
    provision_note->highlight = g_strdup ("red");
    g_assert_true (pl_notebook_save (notebook, actor_note, &error));
    g_assert_true (pl_notebook_save (notebook, provision_note, &error));
    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (root, "win.show-view", "s", "actors"));
    pl_test_wait_ms (300);
    badges = shown_badges (pl_test_find_child (root, PL_TYPE_ACTORS_VIEW));
    g_assert_cmpstr (badges, ==, "Starred");
    g_clear_pointer (&badges, g_free);
    g_assert_true (gtk_widget_activate_action (root, "win.show-view", "s", "provisions"));
    pl_test_wait_ms (300);
    badges = shown_badges (pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW));
    g_assert_cmpstr (badges, ==, "Red highlight");
    g_clear_pointer (&badges, g_free);
    g_assert_true (pl_notebook_delete (notebook, PL_ITEM_KIND_ACTOR, "pezeshkian", NULL));
    g_assert_true (pl_notebook_delete (notebook, PL_ITEM_KIND_PROVISION, "cspt-no-aid-to-aggressor", NULL));
    badges = shown_badges (pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW));
    g_assert_cmpstr (badges, ==, "");
    g_clear_pointer (&badges, g_free);
  }

  /* The Notes view: the quote's row leads to the quote. */
  g_assert_cmpuint (pl_notes_view_get_n_notes (PL_NOTES_VIEW (pl_test_find_child (root, PL_TYPE_NOTES_VIEW))), ==, 2);
  g_ptr_array_set_size (widgets, 0);
  pl_test_collect_type (pl_test_find_child (root, PL_TYPE_NOTES_VIEW), GTK_TYPE_LIST_BOX_ROW, widgets);
  {
    GtkWidget *quote_row = NULL;

    for (guint i = 0; i < widgets->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (widgets->pdata[i]), "win.show-quote") == 0)
        quote_row = widgets->pdata[i];
    g_assert_nonnull (quote_row);
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_grid_view_get_model (GTK_GRID_VIEW (pl_test_find_child (GTK_WIDGET (quotes_view), GTK_TYPE_GRID_VIEW)))),
                                       GTK_INVALID_LIST_POSITION);
    g_assert_null (pl_quotes_view_get_selected (quotes_view));
    gtk_widget_activate (quote_row);
    pl_test_wait_ms (100);
    g_assert_true (pl_quotes_view_get_selected (quotes_view) == quote);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (pl_test_find_child (root, ADW_TYPE_VIEW_STACK))), ==, "quotes");
  }

  g_assert_true (pl_user_db_delete (db, "russia-iran-2025", PL_ITEM_KIND_EVENT, "cspt-signing", NULL));
  g_assert_true (pl_user_db_delete (db, "russia-iran-2025", PL_ITEM_KIND_QUOTE, "putin-qualitatively-new-level", NULL));
  (void) timeline;
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences: each row changes its setting, and the settings change the
 * style and the timeline at once. */
static void
test_preferences (void)
{
  g_autofree char *path = bundled_path ();
  PlWindow *window = open_window (path);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_TIMELINE));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pactline.Pactline");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *preferences;
  int small_height, large_height;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "preferences"));
  preferences = pl_preferences_new (settings);
  gtk_window_present (GTK_WINDOW (preferences));
  pl_test_wait_ms (200);
  pl_test_collect_type (preferences, ADW_TYPE_COMBO_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Style: Follow System, Light, Dark. */
  adw_combo_row_set_selected (rows->pdata[0], 2);
  {
    g_autofree char *value = g_settings_get_string (settings, "style");
    g_assert_cmpstr (value, ==, "dark");
  }
  pl_test_wait_ms (50);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  adw_combo_row_set_selected (rows->pdata[0], 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));

  /* Text size: Small … Larger; the timeline's rows grow with it. */
  adw_combo_row_set_selected (rows->pdata[1], 0);
  {
    g_autofree char *value = g_settings_get_string (settings, "timeline-text-size");
    g_assert_cmpstr (value, ==, "small");
  }
  g_assert_cmpfloat (pl_timeline_get_text_scale (timeline), ==, 0.85);
  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, -1, &small_height, NULL, NULL, NULL);
  adw_combo_row_set_selected (rows->pdata[1], 3);
  g_assert_cmpfloat (pl_timeline_get_text_scale (timeline), ==, 1.5);
  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, -1, &large_height, NULL, NULL, NULL);
  g_assert_cmpint (large_height, >, small_height * 1.4);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (timeline), "text-150"));

  /* Lanes: by theme, by actor, none. */
  adw_combo_row_set_selected (rows->pdata[2], 1);
  g_assert_cmpint (pl_timeline_get_lane_mode (timeline), ==, PL_LANE_MODE_ACTOR);
  adw_combo_row_set_selected (rows->pdata[2], 2);
  g_assert_cmpint (pl_timeline_get_lane_mode (timeline), ==, PL_LANE_MODE_NONE);

  /* And from the settings to the rows. */
  g_settings_set_string (settings, "timeline-text-size", "normal");
  g_assert_cmpuint (adw_combo_row_get_selected (rows->pdata[1]), ==, 1);
  g_assert_cmpfloat (pl_timeline_get_text_scale (timeline), ==, 1.0);

  g_settings_reset (settings, "style");
  g_settings_reset (settings, "timeline-text-size");
  g_settings_reset (settings, "lane-mode");
  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/window/open-bundled", test_open_bundled);
  g_test_add_func ("/window/bad-file-keeps-dataset", test_bad_file_keeps_dataset);
  g_test_add_func ("/window/open-replaced", test_open_replaced);
  g_test_add_func ("/window/corrupt-databases", test_corrupt_databases);
  g_test_add_func ("/window/markup-shown-literally", test_markup_shown_literally);
  g_test_add_func ("/window/copy-citation", test_copy_citation);
  g_test_add_func ("/window/state-remembered", test_state_remembered);
  g_test_add_func ("/window/note-delete-undo", test_note_delete_undo);
  g_test_add_func ("/window/marks-everywhere", test_marks_everywhere);
  g_test_add_func ("/window/preferences", test_preferences);

  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  return status;
}
