/* test-notes.c — orphans, order, export and import of notes, the command line, and the crash test
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-notebook.h"
#include "pl-notes.h"
#include "pl-sqlite.h"
#include "pl-store.h"
#include "pl-user-db-private.h"
#include "pl-test-util.h"

#define DATASET "example-treaty"

typedef struct
{
  char     *dir;
  char     *dataset_path;
  PlStore  *store;
  char     *db_path;
  PlUserDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = pl_test_read_example ();

  fixture->dir = pl_test_mkdtemp ();
  fixture->dataset_path = pl_test_import (fixture->dir, "example", json);
  fixture->store = pl_store_open (fixture->dataset_path, NULL, &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "notes.sqlite", NULL);
  fixture->db = pl_user_db_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_clear_object (&fixture->store);
  pl_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->dataset_path);
  g_free (fixture->db_path);
}

static GDateTime *
utc (const char *iso)
{
  GDateTime *time = pl_user_db_parse_time (iso);

  g_assert_nonnull (time);
  return time;
}

/* An annotation with fixed times, not stored. */
static PlAnnotation *
make (PlItemKind  kind,
      const char *id,
      const char *note,
      gboolean    starred,
      const char *highlight,
      const char *tags,
      const char *modified)
{
  PlAnnotation *annotation = pl_annotation_new (DATASET, kind, id);

  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->starred = starred;
  annotation->highlight = g_strdup (highlight);
  g_strfreev (annotation->tags);
  annotation->tags = pl_tags_parse (tags);
  annotation->created = utc ("2025-01-01T08:00:00Z");
  annotation->modified = utc (modified != NULL ? modified : "2025-02-01T08:00:00Z");
  return annotation;
}

/* Stores @annotation exactly, times included, and frees it. */
static void
put (PlUserDb     *db,
     PlAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_user_db_restore (db, annotation, &error));
  g_assert_no_error (error);
  pl_annotation_free (annotation);
}

static int
count_annotations (PlUserDb *db)
{
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (pl_user_db_get_connection (db),
                                                    "SELECT count(*) FROM annotation", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_same_annotations (GPtrArray *a,
                         GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const PlAnnotation *x = a->pdata[i];
      const PlAnnotation *y = NULL;

      for (guint j = 0; j < b->len && y == NULL; j++)
        {
          const PlAnnotation *candidate = b->pdata[j];
          if (candidate->item_kind == x->item_kind && strcmp (candidate->item_id, x->item_id) == 0)
            y = candidate;
        }
      if (y == NULL)
        g_error ("%s is missing", x->item_id);
      g_assert_cmpstr (x->dataset_id, ==, y->dataset_id);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpint (x->starred, ==, y->starred);
      g_assert_cmpstr (x->highlight, ==, y->highlight);
      g_assert_cmpstrv (x->tags, y->tags);
      g_assert_true (g_date_time_equal (x->created, y->created));
      g_assert_true (g_date_time_equal (x->modified, y->modified));
    }
}

/* ------------------------------------------------------------------ */
/* Orphans                                                             */

static void
test_orphans (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(PlAnnotation) elsewhere = make (PL_ITEM_KIND_EVENT, "gone", "x", FALSE, NULL, NULL, NULL);
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(GString) changed = g_string_new (json);
  g_autofree char *changed_path = NULL;
  g_autoptr(PlStore) changed_store = NULL;

  put (fixture->db, make (PL_ITEM_KIND_EVENT, "signing", "still here", FALSE, NULL, NULL, NULL));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "talks-begin", "here until the update", FALSE, NULL, NULL, NULL));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "gone", "an old event", TRUE, NULL, NULL, NULL));
  put (fixture->db, make (PL_ITEM_KIND_ACTOR, "ghost", "", FALSE, "red", NULL, NULL));
  /* The same id as a real event, but as an actor: an orphan. */
  put (fixture->db, make (PL_ITEM_KIND_ACTOR, "signing", "", TRUE, NULL, NULL, NULL));

  orphans = pl_user_db_list_orphans (fixture->db, fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 3);
  g_assert_cmpstr (((PlAnnotation *) orphans->pdata[0])->item_id, ==, "gone");
  g_assert_cmpint (((PlAnnotation *) orphans->pdata[1])->item_kind, ==, PL_ITEM_KIND_ACTOR);
  g_assert_cmpstr (((PlAnnotation *) orphans->pdata[1])->item_id, ==, "ghost");
  g_assert_cmpstr (((PlAnnotation *) orphans->pdata[2])->item_id, ==, "signing");
  g_assert_cmpstr (((PlAnnotation *) orphans->pdata[0])->note, ==, "an old event");
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* Another dataset's store cannot say. */
  g_free (elsewhere->dataset_id);
  elsewhere->dataset_id = g_strdup ("another-dataset");
  g_assert_false (pl_annotation_is_orphan (elsewhere, fixture->store));

  /* The dataset is updated and loses an event: its note is kept, now an
   * orphan, and nothing else changes. */
  g_assert_true (g_string_replace (changed,
    "{ \"id\": \"talks-begin\", \"start\": \"2020\", \"title\": \"Talks on a treaty begin\",\n"
    "      \"kind\": \"meeting\", \"certainty\": \"reported\",\n"
    "      \"date_note\": \"The source gives only the year.\",\n"
    "      \"actors\": [\"north\", \"south\"], \"themes\": [\"diplomacy\"], \"sources\": [\"report-1\"] },", "", 1) == 1);
  /* The tour through it goes with it. */
  g_assert_true (g_string_replace (changed, "\"events\": [\"signing\", \"talks-begin\"]", "\"events\": [\"signing\"]", 1) == 1);
  changed_path = pl_test_import (fixture->dir, "example-updated", changed->str);
  changed_store = pl_store_open (changed_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_store_get_dataset_id (changed_store), ==, DATASET);

  orphans = pl_user_db_list_orphans (fixture->db, changed_store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 4);
  g_assert_cmpstr (((PlAnnotation *) orphans->pdata[1])->item_id, ==, "talks-begin");
  g_assert_cmpstr (((PlAnnotation *) orphans->pdata[1])->note, ==, "here until the update");

  /* Listing, exporting and importing never drop one. */
  {
    g_autoptr(GPtrArray) listed = pl_user_db_list (fixture->db, DATASET, &error);
    g_autofree char *markdown = pl_notes_to_markdown (listed, DATASET, changed_store);
    g_autofree char *exported = pl_notes_to_json (listed, DATASET);
    g_autoptr(PlNotesImportReport) report = NULL;

    g_assert_nonnull (strstr (markdown, "### Event “talks-begin”\n\nhere until the update\n"));
    g_assert_true (pl_notes_import_data (fixture->db, exported, strlen (exported), DATASET,
                                         PL_NOTES_IMPORT_DEFAULT, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_unchanged, ==, 5);
  }
  all = pl_user_db_list (fixture->db, DATASET, &error);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpint (count_annotations (fixture->db), ==, 5);
}

/* ------------------------------------------------------------------ */
/* Titles, dates and order                                             */

static void
test_titles_and_dates (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct { PlItemKind kind; const char *id; const char *title; const char *date; } items[] = {
    { PL_ITEM_KIND_EVENT, "signing", "The treaty is signed", "2025-01-17" },
    { PL_ITEM_KIND_EVENT, "talks-begin", "Talks on a treaty begin", "2020" },
    { PL_ITEM_KIND_PROVISION, "treaty-2025-no-aid", "Article 3: No help for an aggressor", "2025-01-17" },
    { PL_ITEM_KIND_QUOTE, "president-on-signing", "A. President: “This is a new chapter.”", "2025-01-17" },
    { PL_ITEM_KIND_QUOTE, "article-3-text", "Treaty of Friendship: “Neither Party shall assist an aggressor.”", "2025-01-17" },
    { PL_ITEM_KIND_ACTOR, "north-president", "A. President", NULL },
    { PL_ITEM_KIND_TREATY, "treaty-2025", "Treaty of Friendship", "2025-01-17" },
    { PL_ITEM_KIND_SOURCE, "report-1", "A treaty is signed", "2025-01-18" },
    { PL_ITEM_KIND_THEME, "diplomacy", "Diplomacy", NULL },
    { PL_ITEM_KIND_ERA, "talks", "Negotiations", "2020" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      PlRecord *record = pl_store_lookup (fixture->store, items[i].kind, items[i].id);
      g_autofree char *title = pl_notes_record_title (record);
      PlDate date = pl_notes_record_date (record);
      g_autofree char *iso = pl_date_to_iso (&date);

      g_assert_nonnull (record);
      g_assert_cmpstr (title, ==, items[i].title);
      if (items[i].date == NULL)
        g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_NONE);
      else
        g_assert_cmpstr (iso, ==, items[i].date);
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  const char *by_item[] = { "talks-begin", "president-on-signing", "signing", "north-president", "gone", "zzz-gone" };
  const char *by_written[] = { "north-president", "zzz-gone", "signing", "gone", "talks-begin", "president-on-signing" };

  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "gone", "x", FALSE, NULL, NULL, "2025-03-03T00:00:00Z"));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "signing", "x", FALSE, NULL, NULL, "2025-03-04T00:00:00Z"));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_ACTOR, "north-president", "x", FALSE, NULL, NULL, "2025-03-09T00:00:00Z"));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_QUOTE, "president-on-signing", "x", FALSE, NULL, NULL, "2025-03-01T00:00:00Z"));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "talks-begin", "x", FALSE, NULL, NULL, "2025-03-02T00:00:00Z"));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "zzz-gone", "x", FALSE, NULL, NULL, "2025-03-05T00:00:00Z"));

  /* Items by date, the same day by title, undated next, orphans last. */
  pl_notes_sort (annotations, fixture->store, PL_NOTES_ORDER_ITEM_DATE);
  for (guint i = 0; i < annotations->len; i++)
    g_assert_cmpstr (((PlAnnotation *) annotations->pdata[i])->item_id, ==, by_item[i]);

  pl_notes_sort (annotations, NULL, PL_NOTES_ORDER_WRITTEN);
  for (guint i = 0; i < annotations->len; i++)
    g_assert_cmpstr (((PlAnnotation *) annotations->pdata[i])->item_id, ==, by_written[i]);
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

static GPtrArray *
essay_annotations (void)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);

  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "signing",
                                      "Compare with the 2001 treaty.\nAsk the class: alliance or not?\n\n",
                                      TRUE, "yellow", "exam, alliance", NULL));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "talks-begin", "Why so long?", FALSE, NULL, NULL, NULL));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_PROVISION, "treaty-2025-no-aid", "The core of it.", FALSE, "green", NULL, NULL));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_QUOTE, "president-on-signing", "", FALSE, NULL, "rhetoric", NULL));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_ACTOR, "north-president", "Check his *other* speeches.", FALSE, NULL, NULL, NULL));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "old-event", "This event was removed.", TRUE, NULL, NULL, NULL));

  return annotations;
}

static const char expected_markdown[] =
  "# Notes on An example treaty\n"
  "\n"
  "6 annotated items from the dataset example-treaty, exported from Pactline.\n"
  "\n"
  "## Events\n"
  "\n"
  "### Talks on a treaty begin (2020)\n"
  "\n"
  "Why so long?\n"
  "\n"
  "### The treaty is signed (17 January 2025)\n"
  "\n"
  "★ Starred · Highlight: Yellow · Tags: alliance, exam\n"
  "\n"
  "Compare with the 2001 treaty.\n"
  "Ask the class: alliance or not?\n"
  "\n"
  "> “This is a new chapter.”\n"
  "> — A. President, 17 January 2025. A treaty is signed, Example News, 18 January 2025. <https://example.org/1>\n"
  "\n"
  "## Provisions\n"
  "\n"
  "### Article 3: No help for an aggressor (17 January 2025)\n"
  "\n"
  "*Treaty of Friendship*\n"
  "\n"
  "Highlight: Green\n"
  "\n"
  "The core of it.\n"
  "\n"
  "> “Neither Party shall assist an aggressor.”\n"
  "> — Treaty of Friendship, 17 January 2025. A treaty is signed, Example News, 18 January 2025. <https://example.org/1>\n"
  "\n"
  "## Quotes\n"
  "\n"
  "### A. President: “This is a new chapter.” (17 January 2025)\n"
  "\n"
  "Tags: rhetoric\n"
  "\n"
  "> “This is a new chapter.”\n"
  "> — A. President, 17 January 2025. A treaty is signed, Example News, 18 January 2025. <https://example.org/1>\n"
  "\n"
  "## Actors\n"
  "\n"
  "### A. President\n"
  "\n"
  "*President of Northland*\n"
  "\n"
  "Check his *other* speeches.\n"
  "\n"
  "## Orphaned notes\n"
  "\n"
  "These notes are about items that no longer exist in this dataset. They are kept in case the items come back.\n"
  "\n"
  "### Event “old-event”\n"
  "\n"
  "★ Starred\n"
  "\n"
  "This event was removed.\n";

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = essay_annotations ();
  g_autofree char *markdown = pl_notes_to_markdown (annotations, DATASET, fixture->store);

  g_assert_cmpstr (markdown, ==, expected_markdown);
}

/* Text from the dataset renders as written; multi-line quotes stay quoted. */
static void
test_markdown_escaping (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(GString) changed = g_string_new (json);
  g_autofree char *path = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  g_autofree char *markdown = NULL;

  g_string_replace (changed, "\"The treaty is signed\"", "\"The *treaty* is [signed]_now_\"", 1);
  g_string_replace (changed, "\"This is a new chapter.\"", "\"This is a new chapter.\\nAnd <b>another</b>.\"", 1);
  path = pl_test_import (fixture->dir, "escaping", changed->str);
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);

  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "signing", "My *own* Markdown", FALSE, NULL, "a_b", NULL));
  markdown = pl_notes_to_markdown (annotations, DATASET, store);
  g_test_message ("%s", markdown);

  g_assert_nonnull (strstr (markdown, "\n### The \\*treaty\\* is \\[signed\\]\\_now\\_ (17 January 2025)\n\nTags: a\\_b\n\nMy *own* Markdown\n\n"));
  g_assert_nonnull (strstr (markdown, "\n> “This is a new chapter.\n> And \\<b\\>another\\</b\\>.”\n> — A. President, "));
}

static void
test_markdown_without_dataset (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = essay_annotations ();
  g_autoptr(PlStore) other = NULL;
  g_autofree char *without = pl_notes_to_markdown (annotations, DATASET, NULL);
  g_autofree char *wrong = NULL;

  g_assert_true (g_str_has_prefix (without,
    "# Notes on example-treaty\n"
    "\n"
    "6 annotated items from the dataset example-treaty, exported from Pactline.\n"
    "\n"
    "The dataset was not available, so items are shown by their ids.\n"
    "\n"
    "## Events\n"
    "\n"
    "### Event “old-event”\n"
    "\n"
    "★ Starred\n"
    "\n"
    "This event was removed.\n"
    "\n"
    "### Event “signing”\n"));
  g_assert_null (strstr (without, "Orphaned notes"));
  g_assert_nonnull (strstr (without, "\n## Actors\n\n### Actor “north-president”\n\nCheck his *other* speeches.\n"));

  /* The store of another dataset is no help either. */
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = annotations->pdata[i];
      g_free (annotation->dataset_id);
      annotation->dataset_id = g_strdup ("other");
    }
  wrong = pl_notes_to_markdown (annotations, "other", fixture->store);
  g_assert_nonnull (strstr (wrong, "The dataset was not available"));
  g_assert_null (strstr (wrong, "Orphaned notes"));
}

static const char expected_json[] =
  "{\n"
  "  \"format\" : \"pactline-notes\",\n"
  "  \"format_version\" : 1,\n"
  "  \"dataset\" : \"example-treaty\",\n"
  "  \"annotations\" : [\n"
  "    {\n"
  "      \"kind\" : \"event\",\n"
  "      \"id\" : \"signing\",\n"
  "      \"note\" : \"Two lines,\\n“quoted” and \\\"escaped\\\"\",\n"
  "      \"starred\" : true,\n"
  "      \"highlight\" : \"yellow\",\n"
  "      \"tags\" : [\n"
  "        \"alliance\",\n"
  "        \"exam\"\n"
  "      ],\n"
  "      \"created\" : \"2025-01-01T08:00:00.000000Z\",\n"
  "      \"modified\" : \"2025-02-01T08:00:00.250000Z\"\n"
  "    },\n"
  "    {\n"
  "      \"kind\" : \"actor\",\n"
  "      \"id\" : \"north\",\n"
  "      \"note\" : \"\",\n"
  "      \"starred\" : false,\n"
  "      \"highlight\" : null,\n"
  "      \"tags\" : [\n"
  "        \"state\"\n"
  "      ],\n"
  "      \"created\" : \"2025-01-01T08:00:00.000000Z\",\n"
  "      \"modified\" : \"2025-02-01T08:00:00.000000Z\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  g_autofree char *json = NULL;

  /* Written in kind and id order, whatever the order given. */
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_ACTOR, "north", "", FALSE, NULL, "state", NULL));
  g_ptr_array_add (annotations, make (PL_ITEM_KIND_EVENT, "signing", "Two lines,\n“quoted” and \"escaped\"",
                                      TRUE, "yellow", "exam,alliance", "2025-02-01T09:00:00.25+01:00"));
  json = pl_notes_to_json (annotations, DATASET);
  g_assert_cmpstr (json, ==, expected_json);
}

static void
test_export_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = essay_annotations ();
  g_autofree char *md_path = g_build_filename (fixture->dir, "Notes.MD", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "notes.json", NULL);
  g_autofree char *txt_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *md = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < annotations->len; i++)
    put (fixture->db, pl_annotation_copy (annotations->pdata[i]));

  g_assert_true (pl_notes_export_file (fixture->db, DATASET, fixture->store, md_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  md = read_file (md_path);
  g_assert_cmpstr (md, ==, expected_markdown);

  g_assert_true (pl_notes_export_file (fixture->db, DATASET, NULL, json_path, &n, &error));
  json = read_file (json_path);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  annotations = pl_user_db_list (fixture->db, DATASET, &error);
  expected = pl_notes_to_json (annotations, DATASET);
  g_assert_cmpstr (json, ==, expected);

  g_assert_false (pl_notes_export_file (fixture->db, DATASET, NULL, txt_path, &n, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_FAILED);
  g_assert_false (g_file_test (txt_path, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------ */
/* Import                                                              */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.json", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autoptr(PlUserDb) other = NULL;
  g_autoptr(PlNotesImportReport) report = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tricky_note = g_strdup ("Über “quotes”, \\backslashes\\, tabs\t, emoji 🕊️\nand a second line\n");
  guint n = 0;

  /* Notes saved the ordinary way, with times now, microseconds and all. */
  {
    g_autoptr(PlAnnotation) a = pl_annotation_new (DATASET, PL_ITEM_KIND_EVENT, "signing");
    g_autoptr(PlAnnotation) b = pl_annotation_new (DATASET, PL_ITEM_KIND_QUOTE, "president-on-signing");
    g_autoptr(PlAnnotation) c = pl_annotation_new (DATASET, PL_ITEM_KIND_ACTOR, "no-longer-there");

    g_free (a->note);
    a->note = g_strdup (tricky_note);
    a->highlight = g_strdup ("purple");
    g_strfreev (a->tags);
    a->tags = pl_tags_parse ("Cold War, война, exam");
    b->starred = TRUE;
    c->highlight = g_strdup ("blue");
    g_assert_true (pl_user_db_save (fixture->db, a, &error));
    g_assert_true (pl_user_db_save (fixture->db, b, &error));
    g_assert_true (pl_user_db_save (fixture->db, c, &error));
    g_assert_no_error (error);
  }
  /* Another dataset's notes stay out of this one's file. */
  {
    g_autoptr(PlAnnotation) d = pl_annotation_new ("other-dataset", PL_ITEM_KIND_EVENT, "signing");

    d->starred = TRUE;
    g_assert_true (pl_user_db_save (fixture->db, d, &error));
  }

  g_assert_true (pl_notes_export_file (fixture->db, DATASET, fixture->store, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  other = pl_user_db_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (pl_notes_import_file (other, path, DATASET, PL_NOTES_IMPORT_DEFAULT, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->dataset_id, ==, DATASET);
  g_assert_cmpuint (report->n_added, ==, 3);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->n_unchanged, ==, 0);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
  g_assert_cmpuint (report->n_problems, ==, 0);

  before = pl_user_db_list (fixture->db, DATASET, &error);
  after = pl_user_db_list (other, DATASET, &error);
  assert_same_annotations (before, after);
  assert_same_annotations (after, before);
  g_assert_cmpint (count_annotations (other), ==, 3);

  /* Again: everything is unchanged. */
  g_clear_pointer (&report, pl_notes_import_report_free);
  g_assert_true (pl_notes_import_file (other, path, NULL, PL_NOTES_IMPORT_DEFAULT, &report, &error));
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->n_unchanged, ==, 3);
  {
    g_autofree char *summary = pl_notes_import_report_summary (report);
    g_assert_cmpstr (summary, ==, "0 added, 0 updated, 3 unchanged, 0 conflicts");
  }
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  g_autoptr(PlNotesImportReport) report = NULL;
  g_autoptr(PlNotesImportReport) dry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autofree char *json = NULL;
  g_autofree char *described = NULL;
  g_autofree char *before_dry = NULL;
  g_autofree char *after_dry = NULL;
  const PlNotesChange *change;

  /* Ours. */
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "same", "same text", TRUE, NULL, "a", "2025-02-01T08:00:00Z"));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "same-other-times", "same text", FALSE, NULL, NULL, "2025-05-01T08:00:00Z"));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "theirs-newer", "our old text", FALSE, NULL, NULL, "2025-02-01T08:00:00Z"));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "ours-newer", "our new text", FALSE, NULL, NULL, "2025-03-01T08:00:00Z"));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "same-time", "our text", FALSE, NULL, NULL, "2025-02-01T08:00:00Z"));
  put (fixture->db, make (PL_ITEM_KIND_EVENT, "only-ours", "not in the file", FALSE, NULL, NULL, NULL));

  /* The file's. */
  g_ptr_array_add (incoming, make (PL_ITEM_KIND_EVENT, "same", "same text", TRUE, NULL, "a", "2025-02-01T08:00:00Z"));
  g_ptr_array_add (incoming, make (PL_ITEM_KIND_EVENT, "same-other-times", "same text", FALSE, NULL, NULL, "2025-06-01T08:00:00Z"));
  g_ptr_array_add (incoming, make (PL_ITEM_KIND_EVENT, "theirs-newer", "their new text", TRUE, "red", "t", "2025-04-01T08:00:00Z"));
  g_ptr_array_add (incoming, make (PL_ITEM_KIND_EVENT, "ours-newer", "their old text", FALSE, NULL, NULL, "2025-02-15T08:00:00Z"));
  g_ptr_array_add (incoming, make (PL_ITEM_KIND_EVENT, "same-time", "their text", FALSE, NULL, NULL, "2025-02-01T08:00:00Z"));
  g_ptr_array_add (incoming, make (PL_ITEM_KIND_ACTOR, "new", "", FALSE, "green", NULL, NULL));
  /* The file's copy of "theirs-newer" says it was begun later than ours,
   * and that of "new" says when it was: each keeps the earliest known. */
  g_date_time_unref (((PlAnnotation *) incoming->pdata[2])->created);
  ((PlAnnotation *) incoming->pdata[2])->created = utc ("2025-01-15T00:00:00Z");
  g_date_time_unref (((PlAnnotation *) incoming->pdata[5])->created);
  ((PlAnnotation *) incoming->pdata[5])->created = utc ("2024-12-01T00:00:00Z");
  json = pl_notes_to_json (incoming, DATASET);

  /* A dry run reports the same and writes nothing. */
  {
    g_autoptr(GPtrArray) listed = pl_user_db_list (fixture->db, DATASET, &error);
    before_dry = pl_notes_to_json (listed, DATASET);
  }
  g_assert_true (pl_notes_import_data (fixture->db, json, strlen (json), DATASET,
                                       PL_NOTES_IMPORT_DRY_RUN, &dry, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) listed = pl_user_db_list (fixture->db, DATASET, &error);
    after_dry = pl_notes_to_json (listed, DATASET);
  }
  g_assert_cmpstr (after_dry, ==, before_dry);
  g_assert_cmpuint (dry->n_added, ==, 1);
  g_assert_cmpuint (dry->conflicts->len, ==, 2);

  g_assert_true (pl_notes_import_data (fixture->db, json, strlen (json), DATASET,
                                       PL_NOTES_IMPORT_DEFAULT, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpuint (report->n_unchanged, ==, 2);
  g_assert_cmpuint (report->conflicts->len, ==, 2);
  g_assert_cmpuint (report->updated->len, ==, 1);

  change = report->updated->pdata[0];
  g_assert_cmpstr (change->local->item_id, ==, "theirs-newer");
  g_assert_cmpstr (change->local->note, ==, "our old text");
  g_assert_cmpstr (change->incoming->note, ==, "their new text");

  change = report->conflicts->pdata[0];
  g_assert_cmpstr (change->local->item_id, ==, "ours-newer");
  g_assert_cmpstr (change->local->note, ==, "our new text");
  g_assert_cmpstr (change->incoming->note, ==, "their old text");
  change = report->conflicts->pdata[1];
  g_assert_cmpstr (change->local->item_id, ==, "same-time");

  described = pl_notes_import_report_describe (report);
  g_assert_cmpstr (described, ==,
    "1 added, 1 updated, 2 unchanged, 2 conflicts\n"
    "event \"theirs-newer\": updated — the file’s copy (changed 2025-04-01 08:00:00 UTC) replaced the one here (changed 2025-02-01 08:00:00 UTC)\n"
    "event \"ours-newer\": conflict — kept the copy here (changed 2025-03-01 08:00:00 UTC); the file’s different, older copy (changed 2025-02-15 08:00:00 UTC) was not imported\n"
    "event \"same-time\": conflict — kept the copy here (changed 2025-02-01 08:00:00 UTC); the file’s different, older copy (changed 2025-02-01 08:00:00 UTC) was not imported");

  /* What the database holds now. */
  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_EVENT, "theirs-newer", &error);
  g_assert_cmpstr (loaded->note, ==, "their new text");
  g_assert_true (loaded->starred);
  g_assert_cmpstr (loaded->highlight, ==, "red");
  g_assert_cmpstrv (loaded->tags, ((const char * const[]) { "t", NULL }));
  {
    g_autoptr(GDateTime) modified = utc ("2025-04-01T08:00:00Z");
    g_autoptr(GDateTime) created = utc ("2025-01-01T08:00:00Z");
    g_assert_true (g_date_time_equal (loaded->modified, modified));
    g_assert_true (g_date_time_equal (loaded->created, created));
  }
  g_clear_pointer (&loaded, pl_annotation_free);

  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_EVENT, "ours-newer", &error);
  g_assert_cmpstr (loaded->note, ==, "our new text");
  g_clear_pointer (&loaded, pl_annotation_free);
  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_EVENT, "same-time", &error);
  g_assert_cmpstr (loaded->note, ==, "our text");
  g_clear_pointer (&loaded, pl_annotation_free);
  /* Unchanged content keeps its own times. */
  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_EVENT, "same-other-times", &error);
  {
    g_autoptr(GDateTime) modified = utc ("2025-05-01T08:00:00Z");
    g_assert_true (g_date_time_equal (loaded->modified, modified));
  }
  g_clear_pointer (&loaded, pl_annotation_free);
  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_ACTOR, "new", &error);
  g_assert_cmpstr (loaded->highlight, ==, "green");
  {
    g_autoptr(GDateTime) created = utc ("2024-12-01T00:00:00Z");
    g_assert_true (g_date_time_equal (loaded->created, created));
  }
  g_clear_pointer (&loaded, pl_annotation_free);
  /* Nothing of ours is deleted. */
  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_EVENT, "only-ours", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_annotations (fixture->db), ==, 7);
}

typedef struct
{
  const char *name;
  const char *json;
  gssize      length;          /* -1: strlen */
  int         code;            /* a PlError */
  const char *problems[6];     /* exactly these, in order */
} BadCase;

#define HEAD "{\"format\": \"pactline-notes\", \"format_version\": 1, \"dataset\": \"example-treaty\", "
#define TIMES "\"created\": \"2025-01-01T00:00:00Z\", \"modified\": \"2025-01-01T00:00:00Z\""
#define GOOD(id) "{\"kind\": \"event\", \"id\": \"" id "\", \"note\": \"n\", " TIMES "}"

static const BadCase bad_cases[] = {
  { "empty", "", -1, PL_ERROR_INVALID_DATA, { "the file is empty" } },
  { "not-utf8", "{\"format\":\n \"\xff\"}", -1, PL_ERROR_INVALID_DATA,
    { "line 2, column 3: the file is not valid UTF-8 text" } },
  { "nul", "{\"format\": \0}", 13, PL_ERROR_INVALID_DATA,
    { "line 1, column 12: the file contains a NUL byte, so it is not a text file" } },
  { "not-json", "{\"format\": \"pactline-notes\" \"format_version\": 1}", -1, PL_ERROR_INVALID_DATA,
    { "line 1, column 27: the file is not valid JSON: Parse error: unexpected string constant \"pactline-notes\", expected character `,'" } },
  { "array", "[]", -1, PL_ERROR_INVALID_DATA, { "the file must hold a JSON object, not an array" } },
  { "dataset-file", "{\"format\": \"pactline-dataset\", \"format_version\": 2}", -1, PL_ERROR_INVALID_DATA,
    { "format: expected \"pactline-notes\"; this is not a file of Pactline notes" } },
  { "too-new", "{\"format\": \"pactline-notes\", \"format_version\": 2, \"something\": []}", -1, PL_ERROR_TOO_NEW,
    { "format_version: version 2 is newer than this version of Pactline reads (1); update Pactline" } },
  { "version-text", "{\"format\": \"pactline-notes\", \"format_version\": \"1\"}", -1, PL_ERROR_INVALID_DATA,
    { "format_version: expected a whole number, got a string" } },
  { "no-dataset", "{\"format\": \"pactline-notes\", \"format_version\": 1, \"annotations\": []}", -1, PL_ERROR_INVALID_DATA,
    { "dataset: required field is missing" } },
  { "wrong-dataset", "{\"format\": \"pactline-notes\", \"format_version\": 1, \"dataset\": \"other\", \"annotations\": []}", -1,
    PL_ERROR_INVALID_DATA, { "dataset: these notes are for the dataset \"other\", not for \"example-treaty\"" } },
  { "annotations-object", HEAD "\"annotations\": {}}", -1, PL_ERROR_INVALID_DATA,
    { "annotations: expected an array, got an object" } },
  { "annotation-string", HEAD "\"annotations\": [" GOOD ("a") ", \"b\"]}", -1, PL_ERROR_INVALID_DATA,
    { "annotations[1]: expected an object, got a string" } },
  { "kind", HEAD "\"annotations\": [{\"kind\": \"comparison\", \"id\": \"x\", \"starred\": true, " TIMES "}]}", -1,
    PL_ERROR_INVALID_DATA,
    { "annotations[0].kind: \"comparison\" is not one of event, actor, provision, treaty, quote, source, theme, era" } },
  { "no-id", HEAD "\"annotations\": [{\"kind\": \"event\", \"starred\": true, " TIMES "}]}", -1, PL_ERROR_INVALID_DATA,
    { "annotations[0].id: required field is missing" } },
  { "control-id", HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\\u001b[2Jb\", \"starred\": true, " TIMES "}]}", -1,
    PL_ERROR_INVALID_DATA,
    { "annotations[0].id: \"a\\u001b[2Jb\" is not an item id: at most 256 bytes, no control characters" } },
  { "highlight", HEAD "\"annotations\": [" GOOD ("a") ", " GOOD ("b") ", " GOOD ("c") ", "
    "{\"kind\": \"quote\", \"id\": \"q\", \"highlight\": \"pink\", " TIMES "}]}", -1, PL_ERROR_INVALID_DATA,
    { "annotations[3].highlight: \"pink\" is not one of yellow, green, blue, red, purple" } },
  { "several", HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"x\", \"starred\": \"yes\", \"highlight\": 3,"
    " \"tags\": [1, \"a,b\"], \"created\": \"2025-01-01T00:00:00\", \"modified\": \"yesterday\"}]}", -1,
    PL_ERROR_INVALID_DATA,
    { "annotations[0].starred: expected true or false, got a string",
      "annotations[0].highlight: expected a string or null, got a number",
      "annotations[0].tags[0]: expected a string, got a number",
      "annotations[0].tags[1]: \"a,b\" is not a tag: 1 to 100 characters, with no commas, line breaks or spaces at either end",
      "annotations[0].created: \"2025-01-01T00:00:00\" is not an ISO 8601 date and time with a time zone",
      "annotations[0].modified: \"yesterday\" is not an ISO 8601 date and time with a time zone" } },
  { "no-times", HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"x\", \"starred\": true}]}", -1,
    PL_ERROR_INVALID_DATA,
    { "annotations[0].created: required field is missing",
      "annotations[0].modified: required field is missing" } },
  { "empty-annotation", HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"x\", \"note\": \" \", \"tags\": [], " TIMES "}]}", -1,
    PL_ERROR_INVALID_DATA, { "annotations[0]: has no note, star, highlight or tags, so there is nothing to import" } },
  { "duplicate", HEAD "\"annotations\": [" GOOD ("a") ", " GOOD ("b") ", " GOOD ("a") "]}", -1, PL_ERROR_INVALID_DATA,
    { "annotations[2]: the same item as annotations[0]" } },
  { "unknown-field", HEAD "\"x-app\": 1, \"annotations\": [{\"kind\": \"event\", \"id\": \"a\", \"colour\": \"red\", \"x-mine\": 2,"
    " \"starred\": true, " TIMES "}], \"notes\": []}", -1, PL_ERROR_INVALID_DATA,
    { "notes: unknown field; the format does not define it",
      "annotations[0].colour: unknown field; the format does not define it" } },
  { "odd-field-name", HEAD "\"annotations\": [], \"\\u001b]0;pwned\\u0007\": 1}", -1, PL_ERROR_INVALID_DATA,
    { "\"\\u001b]0;pwned\\u0007\": unknown field; the format does not define it" } },
  { "note-type", HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\", \"note\": [\"n\"], " TIMES "}]}", -1,
    PL_ERROR_INVALID_DATA, { "annotations[0].note: expected a string, got an array" } },
};

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  put (fixture->db, make (PL_ITEM_KIND_EVENT, "a", "ours", FALSE, NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      gsize length = bad->length >= 0 ? (gsize) bad->length : strlen (bad->json);
      g_autoptr(PlNotesImportReport) report = NULL;
      guint n_expected = 0;

      g_test_message ("case %s", bad->name);
      g_assert_false (pl_notes_import_data (fixture->db, bad->json, length, DATASET,
                                            PL_NOTES_IMPORT_DEFAULT, &report, &error));
      g_assert_error (error, PL_ERROR, bad->code);
      g_clear_error (&error);
      g_assert_nonnull (report);

      while (n_expected < G_N_ELEMENTS (bad->problems) && bad->problems[n_expected] != NULL)
        n_expected++;
      for (guint p = 0; p < report->problems->len; p++)
        g_test_message ("  %s", (char *) report->problems->pdata[p]);
      g_assert_cmpuint (report->n_problems, ==, n_expected);
      g_assert_cmpuint (report->problems->len, ==, n_expected);
      for (guint p = 0; p < n_expected; p++)
        g_assert_cmpstr (report->problems->pdata[p], ==, bad->problems[p]);

      /* Nothing was written. */
      g_assert_cmpuint (report->n_added + report->n_updated + report->n_unchanged, ==, 0);
      g_assert_cmpint (count_annotations (fixture->db), ==, 1);
    }
}

/* Escapes json-glib lets through, and files cut or garbled anywhere: an
 * error or an import, never a crash, never half an import. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const odd[] = {
    HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\", \"note\": \"\\ud800\", " TIMES "}]}",
    HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\\u0000b\", \"starred\": true, " TIMES "}]}",
    HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\", \"tags\": [\"\\u0000\"], \"starred\": true, " TIMES "}]}",
    HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\", \"starred\": true, \"created\": \"99999-01-01T00:00:00Z\", \"modified\": \"2025-01-01T00:00:00Z\"}]}",
    HEAD "\"annotations\": [{\"kind\": \"event\", \"id\": \"a\", \"starred\": true, \"created\": 1e999, \"modified\": -0}]}",
    "{\"format\": \"pactline-notes\", \"format_version\": 99999999999999999999999}",
    "{\"format\": \"pactline-notes\", \"format_version\": -9223372036854775808}",
    "\xef\xbb\xbf" HEAD "\"annotations\": []}",
  };
  g_autoptr(GPtrArray) annotations = essay_annotations ();
  g_autofree char *valid = pl_notes_to_json (annotations, DATASET);
  gsize length = strlen (valid);
  g_autoptr(GString) deep = g_string_new (HEAD "\"annotations\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(PlNotesImportReport) report = NULL;
      gboolean ok = pl_notes_import_data (fixture->db, odd[i], strlen (odd[i]), DATASET,
                                          PL_NOTES_IMPORT_DRY_RUN, &report, &error);

      g_test_message ("odd %u: %s", i, ok ? "imported" : error->message);
      g_assert_true (ok == (error == NULL));
      g_clear_error (&error);
    }

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(PlNotesImportReport) report = NULL;

    g_assert_false (pl_notes_import_data (fixture->db, deep->str, deep->len, DATASET,
                                          PL_NOTES_IMPORT_DEFAULT, &report, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_cmpstr (report->problems->pdata[0], ==, "line 1, column 158: arrays and objects are nested more than 64 deep");
  }

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *garbled = g_memdup2 (valid, length + 1);
      g_autoptr(PlNotesImportReport) report = NULL;
      gsize cut = length;
      gboolean ok;

      if (i % 2 == 0)
        cut = (gsize) g_test_rand_int_range (0, (gint32) length);
      else
        for (guint n = 0; n < 3; n++)
          garbled[g_test_rand_int_range (0, (gint32) length)] = (char) g_test_rand_int_range (1, 256);

      ok = pl_notes_import_data (fixture->db, garbled, cut, DATASET, PL_NOTES_IMPORT_DRY_RUN, &report, &error);
      g_assert_true (ok == (error == NULL));
      g_clear_error (&error);
    }
  g_assert_cmpint (count_annotations (fixture->db), ==, 0);
}

/* ------------------------------------------------------------------ */
/* The command line                                                    */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_pactline (Run                *run,
              const char         *data_home,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("PACTLINE");
  int wait_status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  /* The cache of imported datasets, beside it: empty unless a test fills it. */
  {
    g_autofree char *parent = g_path_get_dirname (data_home);
    g_autofree char *cache_home = g_build_filename (parent, "xdg-cache", NULL);
    envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache_home, TRUE);
  }

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *dataset_dir = g_getenv ("PACTLINE_DATASET_DIR");
  g_autofree char *bundled_path = NULL;
  g_autoptr(PlStore) bundled = NULL;
  g_autofree char *data_home = g_build_filename (fixture->dir, "xdg-data", NULL);
  g_autofree char *notes_path = g_build_filename (data_home, "pactline", "notes.sqlite", NULL);
  g_autofree char *md_path = g_build_filename (fixture->dir, "essay.md", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "essay.json", NULL);
  g_autofree char *txt_path = g_build_filename (fixture->dir, "essay.txt", NULL);
  g_autofree char *expected_out = NULL;
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEvent) event = NULL;
  const char *bundled_id;

  if (g_getenv ("PACTLINE") == NULL || dataset_dir == NULL)
    {
      g_test_skip ("PACTLINE or PACTLINE_DATASET_DIR is not set");
      return;
    }

  bundled_path = g_build_filename (dataset_dir, "russia-iran-2025.sqlite", NULL);
  bundled = pl_store_open (bundled_path, NULL, &error);
  g_assert_no_error (error);
  bundled_id = pl_store_get_dataset_id (bundled);
  event = g_list_model_get_item (pl_store_get_items (bundled, PL_ITEM_KIND_EVENT), 0);

  /* Notes in the default database under XDG_DATA_HOME: one on the bundled
   * dataset, two on the example. */
  db = pl_user_db_open (notes_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PlAnnotation) note = pl_annotation_new (bundled_id, PL_ITEM_KIND_EVENT, PL_RECORD (event)->id);

    g_free (note->note);
    note->note = g_strdup ("A note for the essay.");
    g_assert_true (pl_user_db_save (db, note, &error));
  }
  put (db, make (PL_ITEM_KIND_EVENT, "signing", "one", FALSE, NULL, NULL, NULL));
  put (db, make (PL_ITEM_KIND_EVENT, "gone", "two", FALSE, NULL, NULL, NULL));
  g_clear_object (&db);

  /* Markdown of the bundled dataset, by default. */
  {
    g_auto(Run) run = { 0, };
    g_autofree char *markdown = NULL;
    g_autofree char *title = pl_notes_record_title (PL_RECORD (event));
    g_autofree char *date = pl_date_format (&event->start);
    /* The date may go on into a span: "(1804 – 1813)". */
    g_autofree char *heading = g_strdup_printf ("\n### %s (%s", title, date);

    run_pactline (&run, data_home, (const char * const[]) { "--export-notes", md_path, NULL });
    g_assert_cmpint (run.status, ==, 0);
    expected_out = g_strdup_printf ("Wrote 1 note on %s to %s\n", bundled_id, md_path);
    g_assert_cmpstr (run.out, ==, expected_out);
    g_assert_cmpstr (run.err, ==, "");
    markdown = read_file (md_path);
    g_assert_true (g_str_has_prefix (markdown, "# Notes on "));
    g_assert_nonnull (strstr (markdown, heading));
    g_assert_nonnull (strstr (markdown, ")\n\nA note for the essay.\n"));
    g_clear_pointer (&expected_out, g_free);
  }

  /* JSON of the example dataset, named by its file, and then by its id. */
  {
    g_auto(Run) by_file = { 0, };
    g_auto(Run) by_id = { 0, };
    g_autoptr(GPtrArray) listed = NULL;
    g_autofree char *json = NULL;
    g_autofree char *expected = NULL;

    run_pactline (&by_file, data_home, (const char * const[]) {
      "--export-notes", json_path, "--dataset", fixture->dataset_path, NULL });
    g_assert_cmpint (by_file.status, ==, 0);
    expected_out = g_strdup_printf ("Wrote 2 notes on example-treaty to %s\n", json_path);
    g_assert_cmpstr (by_file.out, ==, expected_out);

    db = pl_user_db_open (notes_path, &error);
    listed = pl_user_db_list (db, DATASET, &error);
    expected = pl_notes_to_json (listed, DATASET);
    json = read_file (json_path);
    g_assert_cmpstr (json, ==, expected);
    g_clear_object (&db);

    /* An id no dataset at hand has: Markdown by ids, with a word about it. */
    run_pactline (&by_id, data_home, (const char * const[]) {
      "--export-notes", md_path, "--dataset", DATASET, NULL });
    g_assert_cmpint (by_id.status, ==, 0);
    g_clear_pointer (&expected_out, g_free);
    expected_out = g_strdup_printf ("Wrote 2 notes on example-treaty to %s\n", md_path);
    g_assert_cmpstr (by_id.out, ==, expected_out);
    g_assert_nonnull (strstr (by_id.err, "No dataset with the id example-treaty was found"));
    g_clear_pointer (&json, g_free);
    json = read_file (md_path);
    g_assert_nonnull (strstr (json, "\n### Event “gone”\n\ntwo\n"));
  }

  /* The same id, once the window has imported the dataset into the cache. */
  {
    g_auto(Run) cached = { 0, };
    g_autofree char *cache_dir = g_build_filename (fixture->dir, "xdg-cache", "pactline", NULL);
    g_autofree char *cached_path = g_build_filename (cache_dir, "0123abcd.sqlite", NULL);
    g_autofree char *bytes = NULL;
    g_autofree char *markdown = NULL;
    gsize length = 0;

    g_assert_cmpint (g_mkdir_with_parents (cache_dir, 0700), ==, 0);
    g_free (pl_test_write_file (cache_dir, "broken.sqlite", "not a dataset", -1));
    g_assert_true (g_file_get_contents (fixture->dataset_path, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (cached_path, bytes, (gssize) length, NULL));

    run_pactline (&cached, data_home, (const char * const[]) {
      "--export-notes", md_path, "--dataset", DATASET, NULL });
    g_assert_cmpint (cached.status, ==, 0);
    g_assert_cmpstr (cached.err, ==, "");
    markdown = read_file (md_path);
    g_assert_true (g_str_has_prefix (markdown, "# Notes on An example treaty\n"));
    g_assert_nonnull (strstr (markdown, "\n### The treaty is signed (17 January 2025)\n\none\n"));
    g_assert_nonnull (strstr (markdown, "\n## Orphaned notes\n"));
  }

  /* Mistakes: exit 1 or 2 with a message, and nothing written. */
  {
    g_auto(Run) txt = { 0, };
    g_auto(Run) no_dir = { 0, };
    g_auto(Run) lone = { 0, };
    g_auto(Run) bad_dataset = { 0, };
    g_autofree char *missing_dir = g_build_filename (fixture->dir, "no-such-dir", "essay.md", NULL);
    g_autofree char *not_dataset = pl_test_write_file (fixture->dir, "not-a-dataset.sqlite", "hello", -1);

    run_pactline (&txt, data_home, (const char * const[]) { "--export-notes", txt_path, NULL });
    g_assert_cmpint (txt.status, ==, 1);
    g_assert_nonnull (strstr (txt.err, "ends in neither .md nor .json"));
    g_assert_false (g_file_test (txt_path, G_FILE_TEST_EXISTS));

    run_pactline (&no_dir, data_home, (const char * const[]) { "--export-notes", missing_dir, NULL });
    g_assert_cmpint (no_dir.status, ==, 1);
    g_assert_true (g_str_has_prefix (no_dir.err, "Could not export the notes to "));

    run_pactline (&bad_dataset, data_home, (const char * const[]) {
      "--export-notes", json_path, "--dataset", not_dataset, NULL });
    g_assert_cmpint (bad_dataset.status, ==, 1);
    g_assert_true (g_str_has_prefix (bad_dataset.err, "Could not open the dataset "));

    /* A path that is not there is a mistake, not an id. */
    {
      g_auto(Run) typo = { 0, };

      run_pactline (&typo, data_home, (const char * const[]) {
        "--export-notes", json_path, "--dataset", "exmple.sqlite", NULL });
      g_assert_cmpint (typo.status, ==, 1);
      g_assert_true (g_str_has_prefix (typo.err, "Could not open the dataset exmple.sqlite: "));
    }

    run_pactline (&lone, data_home, (const char * const[]) { "--dataset", DATASET, NULL });
    g_assert_cmpint (lone.status, ==, 2);
    g_assert_nonnull (strstr (lone.err, "--dataset goes with --export-notes"));
  }
}

/* ------------------------------------------------------------------ */
/* Killed while writing                                                */

#define CRASH_RUNS 50

typedef struct
{
  GArray *saved;        /* guint: every N reported "saved N" */
  gint64  counter;      /* the last "counter RUN N" reported, or -1 */
} Reported;

/* Only whole lines count: a line cut short by the kill names nothing. */
static void
parse_output (const char *out,
              guint       run,
              Reported   *reported)
{
  const char *line = out;
  const char *end;

  while ((end = strchr (line, '\n')) != NULL)
    {
      g_autofree char *text = g_strndup (line, (gsize) (end - line));
      guint r = 0, n = 0;

      if (sscanf (text, "saved %u", &n) == 1)
        g_array_append_val (reported->saved, n);
      else if (sscanf (text, "counter %u %u", &r, &n) == 2)
        {
          g_assert_cmpuint (r, ==, run);
          reported->counter = n;
        }
      else
        g_error ("unexpected line from the writer: %s", text);
      line = end + 1;
    }
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_string_append (result, sqlite3_errmsg (db));
      sqlite3_close (db);
      return g_string_free (g_steal_pointer (&result), FALSE);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (result, "%s%s", result->len > 0 ? "\n" : "", pl_sqlite_column_text (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&result), FALSE);
}

static void
test_crash (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "notes.sqlite", NULL);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "notes-crash-writer", NULL);
  g_autoptr(GError) error = NULL;
  guint total_saved = 0;
  guint runs_with_saves = 0;
  gint64 started = g_get_monotonic_time ();

  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));

  for (guint run = 0; run < CRASH_RUNS; run++)
    {
      g_autofree char *run_text = g_strdup_printf ("%u", run);
      const char *argv[] = { writer, path, run_text, NULL };
      g_autoptr(GString) out = g_string_new (NULL);
      Reported reported = { g_array_new (FALSE, FALSE, sizeof (guint)), -1 };
      g_autoptr(PlUserDb) db = NULL;
      g_autofree char *integrity = NULL;
      GPid pid = 0;
      int out_fd = -1;
      int wait_status = 0;
      guint delay_ms = (guint) g_test_rand_int_range (5, 151);
      char buffer[4096];
      gssize n_read;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      g_usleep (delay_ms * G_TIME_SPAN_MILLISECOND);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
      g_spawn_close_pid (pid);
      /* Killed, not failed: a writer that exits has found a problem. */
      g_assert_true (WIFSIGNALED (wait_status));
      g_assert_cmpint (WTERMSIG (wait_status), ==, SIGKILL);

      while ((n_read = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (out, buffer, n_read);
      close (out_fd);
      parse_output (out->str, run, &reported);

      /* A writer killed before it made the file (the first run, on a busy
       * machine) cannot have reported a save. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpuint (reported.saved->len, ==, 0);
          g_assert_cmpint (reported.counter, <, 0);
          g_array_unref (reported.saved);
          continue;
        }

      /* The file as the kill left it passes SQLite's full check … */
      integrity = integrity_check (path);
      g_assert_cmpstr (integrity, ==, "ok");

      /* … opens without being set aside … */
      db = pl_user_db_open (path, &error);
      g_assert_no_error (error);
      g_assert_null (pl_user_db_get_set_aside_path (db));

      /* … and holds every save that was reported complete. */
      for (guint i = 0; i < reported.saved->len; i++)
        {
          guint n = g_array_index (reported.saved, guint, i);
          g_autofree char *id = g_strdup_printf ("r%u-%u", run, n);
          g_autofree char *prefix = g_strdup_printf ("run %u note %u\n", run, n);
          g_autofree char *tag = g_strdup_printf ("n-%u", n);
          g_autoptr(PlAnnotation) annotation = pl_user_db_load (db, "crash", PL_ITEM_KIND_EVENT, id, &error);

          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (annotation->note, prefix));
          g_assert_true (pl_annotation_has_tag (annotation, tag));
          g_assert_cmpint (annotation->starred, ==, n % 2 == 0);
        }
      if (reported.counter >= 0)
        {
          g_autoptr(PlAnnotation) counter = pl_user_db_load (db, "crash", PL_ITEM_KIND_EVENT, "counter", &error);
          guint r = 0, n = 0;

          g_assert_no_error (error);
          g_assert_cmpint (sscanf (counter->note, "%u %u", &r, &n), ==, 2);
          g_assert_cmpuint (r, ==, run);
          g_assert_cmpint (n, >=, reported.counter);
        }

      total_saved += reported.saved->len;
      if (reported.saved->len > 0)
        runs_with_saves++;
      g_array_unref (reported.saved);
    }

  g_test_message ("%u runs, %u with saves, %u saves reported, %.1f s",
                  CRASH_RUNS, runs_with_saves, total_saved,
                  (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);
  /* Most runs must have got as far as saving, or the test tests little. */
  g_assert_cmpuint (runs_with_saves, >=, CRASH_RUNS / 2);

  pl_test_rmdir (dir);
}


static void
count_signal (guint *count)
{
  (*count)++;
}

/* The notebook: one dataset's annotations at hand, each change written
 * first and then announced once. */
static void
test_notebook (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlNotebook) notebook = NULL;
  g_autoptr(PlNotebook) off = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(PlAnnotation) other = NULL;
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const PlAnnotation *found;
  GPtrArray *all;
  guint n_changed = 0;

  put (fixture->db, make (PL_ITEM_KIND_EVENT, "signing", "Signed.", FALSE, NULL, "b, a", "2025-02-01T08:00:00Z"));
  put (fixture->db, make (PL_ITEM_KIND_ACTOR, "iran", "", TRUE, NULL, NULL, "2025-03-01T08:00:00Z"));
  annotation = make (PL_ITEM_KIND_EVENT, "signing", "Of another dataset.", FALSE, NULL, "z", NULL);
  g_free (annotation->dataset_id);
  annotation->dataset_id = g_strdup ("elsewhere");
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_clear_pointer (&annotation, pl_annotation_free);

  notebook = pl_notebook_new (fixture->db, DATASET);
  g_signal_connect_swapped (notebook, "changed", G_CALLBACK (count_signal), &n_changed);
  g_assert_true (pl_notebook_get_db (notebook) == fixture->db);
  g_assert_cmpstr (pl_notebook_get_dataset_id (notebook), ==, DATASET);
  all = pl_notebook_get_annotations (notebook);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((PlAnnotation *) all->pdata[0])->item_id, ==, "signing");
  g_assert_cmpstrv (pl_notebook_get_tags (notebook), ((const char *[]) { "a", "b", NULL }));
  found = pl_notebook_lookup (notebook, PL_ITEM_KIND_ACTOR, "iran");
  g_assert_nonnull (found);
  g_assert_true (found->starred);
  /* The same id as another kind of item is another item. */
  g_assert_null (pl_notebook_lookup (notebook, PL_ITEM_KIND_EVENT, "iran"));
  g_assert_null (pl_notebook_lookup (notebook, PL_ITEM_KIND_QUOTE, "nothing"));

  /* Save: written, then held, newest last, tags updated, one signal. */
  annotation = make (PL_ITEM_KIND_QUOTE, "q-putin", "A quote to use.", FALSE, "green", "c", NULL);
  g_assert_true (pl_notebook_save (notebook, annotation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  loaded = pl_user_db_load (fixture->db, DATASET, PL_ITEM_KIND_QUOTE, "q-putin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->highlight, ==, "green");
  all = pl_notebook_get_annotations (notebook);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((PlAnnotation *) all->pdata[2])->item_id, ==, "q-putin");
  g_assert_cmpstrv (pl_notebook_get_tags (notebook), ((const char *[]) { "a", "b", "c", NULL }));
  g_assert_cmpstr (pl_notebook_lookup (notebook, PL_ITEM_KIND_QUOTE, "q-putin")->note, ==, "A quote to use.");

  /* Saving it empty removes it. */
  annotation->highlight = (g_free (annotation->highlight), NULL);
  g_strfreev (annotation->tags);
  annotation->tags = g_new0 (char *, 1);
  g_free (annotation->note);
  annotation->note = g_strdup ("");
  g_assert_true (pl_notebook_save (notebook, annotation, &error));
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_null (pl_notebook_lookup (notebook, PL_ITEM_KIND_QUOTE, "q-putin"));
  g_assert_cmpstrv (pl_notebook_get_tags (notebook), ((const char *[]) { "a", "b", NULL }));

  /* Delete and restore: back in its place by time. */
  other = pl_annotation_copy (pl_notebook_lookup (notebook, PL_ITEM_KIND_EVENT, "signing"));
  g_assert_true (pl_notebook_delete (notebook, PL_ITEM_KIND_EVENT, "signing", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_null (pl_notebook_lookup (notebook, PL_ITEM_KIND_EVENT, "signing"));
  g_assert_cmpint (count_annotations (fixture->db), ==, 2);
  g_assert_true (pl_notebook_restore (notebook, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 4);
  all = pl_notebook_get_annotations (notebook);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((PlAnnotation *) all->pdata[0])->item_id, ==, "signing");

  /* Another dataset's note is refused and nothing changes. */
  annotation->dataset_id = (g_free (annotation->dataset_id), g_strdup ("elsewhere"));
  annotation->starred = TRUE;
  g_assert_false (pl_notebook_save (notebook, annotation, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (n_changed, ==, 4);

  /* A change made behind its back is seen after a reload. */
  put (fixture->db, make (PL_ITEM_KIND_PROVISION, "art-12", "Imported.", FALSE, NULL, NULL, NULL));
  g_assert_null (pl_notebook_lookup (notebook, PL_ITEM_KIND_PROVISION, "art-12"));
  g_assert_true (pl_notebook_reload (notebook, &error));
  g_assert_cmpuint (n_changed, ==, 5);
  g_assert_nonnull (pl_notebook_lookup (notebook, PL_ITEM_KIND_PROVISION, "art-12"));

  /* Without a database: empty, and every change says why it failed. */
  off = pl_notebook_new (NULL, DATASET);
  g_assert_cmpuint (pl_notebook_get_annotations (off)->len, ==, 0);
  g_assert_null (pl_notebook_get_tags (off)[0]);
  g_assert_false (pl_notebook_save (off, other, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (pl_notebook_reload (off, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/notes/notebook", test_notebook);
  ADD ("/notes/orphans", test_orphans);
  ADD ("/notes/titles-and-dates", test_titles_and_dates);
  ADD ("/notes/sort", test_sort);
  ADD ("/notes/markdown", test_markdown);
  ADD ("/notes/markdown-escaping", test_markdown_escaping);
  ADD ("/notes/markdown-without-dataset", test_markdown_without_dataset);
  ADD ("/notes/json", test_json);
  ADD ("/notes/export-file", test_export_file);
  ADD ("/notes/import/round-trip", test_round_trip);
  ADD ("/notes/import/merge", test_merge);
  ADD ("/notes/import/bad-input", test_bad_input);
  ADD ("/notes/import/hostile", test_hostile);
  ADD ("/notes/command-line", test_command_line);
#undef ADD
  g_test_add_func ("/notes/crash", test_crash);

  return g_test_run ();
}
