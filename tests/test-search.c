/* test-search.c — full-text search: query building and hostile input
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <sqlite3.h>

#include "pl-search.h"
#include "pl-store.h"
#include "pl-store-private.h"
#include "pl-test-util.h"

static void
test_build_query (void)
{
  static const struct { const char *text; const char *query; } cases[] = {
    { "iran", "\"iran\"*" },
    { "iran ", "\"iran\"" },
    { "Russia Iran", "\"Russia\" \"Iran\"*" },
    { "  treaty   signed  ", "\"treaty\" \"signed\"" },
    { "say \"hi", "\"say\" \"\"\"hi\"*" },
    { "AND(", "\"AND(\"*" },
    { "-", NULL },
    { "\"", NULL },
    { "* - ( ) :", NULL },
    { "", NULL },
    { "   ", NULL },
    { "NEAR(a b)", "\"NEAR(a\" \"b)\"*" },
    { "title:iran", "\"title:iran\"*" },
    { "ایران", "\"ایران\"*" },
    { "a\tb\nc", "\"a\" \"b\" \"c\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = pl_search_build_query (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (query, ==, cases[i].query);
    }

  g_assert_null (pl_search_build_query (NULL));
  g_assert_null (pl_search_build_query ("\xff\xfe"));
}

typedef struct
{
  char    *dir;
  PlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = pl_test_mkdtemp ();
  path = pl_test_import (fixture->dir, "example", json);
  fixture->store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  pl_test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
result_ids (GListModel *results)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(PlRecord) record = g_list_model_get_item (results, i);

      g_string_append_printf (ids, "%s%s:%s", i > 0 ? " " : "",
                              pl_enum_to_nick (PL_TYPE_ITEM_KIND, pl_record_get_kind (record)),
                              record->id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
search (PlStore    *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = pl_store_search (store, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return result_ids (results);
}

static void
test_finds_items (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *aggressor = search (fixture->store, "aggressor");
  g_autofree char *prefix = search (fixture->store, "presid");
  g_autofree char *two_words = search (fixture->store, "chapter new");
  g_autofree char *no_match = search (fixture->store, "submarine");
  g_autofree char *case_folded = search (fixture->store, "NORTHLAND ");

  /* The provision's title and text, and the quote of its text. */
  g_assert_cmpstr (aggressor, ==, "quote:article-3-text provision:treaty-2025-no-aid");
  g_assert_cmpstr (prefix, ==, "actor:north-president event:signing");
  g_assert_cmpstr (two_words, ==, "quote:president-on-signing");
  g_assert_cmpstr (no_match, ==, "");
  g_assert_true (g_str_has_prefix (case_folded, "actor:north"));
}

static void
test_hostile_queries (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const hostile[] = {
    "\"", "\"\"", "\"treaty", "treaty\"", "-", "--", "-treaty", "AND(", "AND", "OR",
    "NOT", "NEAR", "NEAR(", "*", "**", "treaty*", "^", "^treaty", "(", ")", "((treaty",
    "title:", "title:treaty", "{title}: x", "a AND OR NOT b", "\\", "'", "';DROP TABLE event;--",
    "%", "_", "\xe2\x80\x8f", "\xcc\x81", "😀", "ایران", "\x01x\x7f",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) results = NULL;

      g_test_message ("query: %s", hostile[i]);
      results = pl_store_search (fixture->store, hostile[i], 0, &error);
      g_assert_no_error (error);
      g_assert_nonnull (results);
    }

  {
    /* Operators typed as words are searched as words, not obeyed: "NOT"
     * must not turn "treaty NOT signed" into an exclusion. */
    g_autofree char *words = search (fixture->store, "treaty NOT signed");
    g_autofree char *quoted = search (fixture->store, "\"treaty");

    g_assert_cmpstr (words, ==, "");
    g_assert_true (strstr (quoted, "treaty:treaty-2025") != NULL);
  }
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = pl_store_search (fixture->store, "north", 0, &error);
  g_autoptr(GListModel) one = pl_store_search (fixture->store, "north", 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every item pl_store_match() finds, sorted, as kind:id. */
static char *
match_ids (PlStore    *store,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = pl_store_match (store, text, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (names, g_strdup_printf ("%s:%s", pl_enum_to_nick (PL_TYPE_ITEM_KIND, pl_record_get_kind (found->pdata[i])),
                                             ((PlRecord *) found->pdata[i])->id));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Files from version 4 find items by rowid alone, older ones by their
 * kind and id columns: both give the same items. */
static void
test_match_by_rowid (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const queries[] = { "aggressor", "presid", "n", "t", "chapter new", "submarine", "talks" };
  g_autofree char *old_path = g_build_filename (fixture->dir, "old.sqlite", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (pl_store_get_path (fixture->store));
  g_autoptr(GFile) copy = g_file_new_for_path (old_path);
  g_autoptr(PlStore) old = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  /* As a version 3 file would be: the same rows under plain rowids. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TABLE keep AS SELECT kind, item_id, title, body FROM search;"
                                     "DELETE FROM search;"
                                     "INSERT INTO search (kind, item_id, title, body) SELECT * FROM keep;"
                                     "PRAGMA user_version = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  old = pl_store_open (old_path, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *by_rowid = match_ids (fixture->store, queries[i]);
      g_autofree char *by_id = match_ids (old, queries[i]);

      g_test_message ("%s: %s", queries[i], by_rowid);
      g_assert_cmpstr (by_rowid, ==, by_id);
    }
  {
    g_autofree char *presid = match_ids (fixture->store, "presid");
    g_assert_cmpstr (presid, ==, "actor:north-president event:signing");
  }
}

/* The matches as positions and records, as text: "e:3 e:7 actor:putin". */
static char *
positions_text (GArray    *positions,
                GPtrArray *others)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < positions->len; i++)
    g_ptr_array_add (names, g_strdup_printf ("e:%u", g_array_index (positions, guint32, i)));
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (names, g_strdup_printf ("%s:%s", pl_enum_to_nick (PL_TYPE_ITEM_KIND, pl_record_get_kind (others->pdata[i])),
                                             ((PlRecord *) others->pdata[i])->id));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

typedef struct
{
  PlStore      *store;
  const char   *text;
  GCancellable *cancellable;
  char         *found;
  GError       *error;
} ThreadSearch;

static gpointer
thread_search (gpointer data)
{
  ThreadSearch *search = data;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  if (pl_store_match_positions_in_thread (search->store, search->text, positions, others,
                                          search->cancellable, &search->error))
    search->found = positions_text (positions, others);
  return NULL;
}

/* A search from another thread, on the store's second connection, finds
 * what one from the store's own thread does, at the same time as it; a
 * cancelled one says so. */
static void
test_match_in_thread (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const queries[] = { "aggressor", "presid", "n", "t", "chapter new", "submarine", "\"" };
  ThreadSearch searches[G_N_ELEMENTS (queries)] = { { 0 } };
  GThread *threads[G_N_ELEMENTS (queries)];

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      searches[i].store = fixture->store;
      searches[i].text = queries[i];
      threads[i] = g_thread_new ("search", thread_search, &searches[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GPtrArray) others = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *here = NULL;

      g_assert_true (pl_store_match_positions (fixture->store, queries[i], positions, others, &error));
      g_assert_no_error (error);
      here = positions_text (positions, others);

      g_thread_join (threads[i]);
      g_assert_no_error (searches[i].error);
      g_test_message ("%s: %s", queries[i], here);
      g_assert_cmpstr (searches[i].found, ==, here);
      g_free (searches[i].found);
    }

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    ThreadSearch cancelled = { fixture->store, "t", cancellable, NULL, NULL };

    g_cancellable_cancel (cancellable);
    g_thread_join (g_thread_new ("search", thread_search, &cancelled));
    g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (cancelled.found);
    g_clear_error (&cancelled.error);
  }
}

typedef struct
{
  GCancellable *cancel;         /* cancelled at the first call, if set */
  guint         n_calls;
} Progress;

static gboolean
count_progress (gpointer data)
{
  Progress *progress = data;

  progress->n_calls++;
  if (progress->cancel != NULL)
    g_cancellable_cancel (progress->cancel);
  return G_SOURCE_CONTINUE;
}

/* A search cancelled while SQLite runs its query stops there and says it
 * was cancelled, and the connection searches again afterwards. */
static void
test_cancel_mid_query (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"pactline-dataset\", \"format_version\": 1,"
                                          " \"dataset\": {\"id\": \"many\", \"title\": \"Many\", \"language\": \"en\", \"version\": \"1\"},"
                                          " \"events\": [");
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *whole = NULL;
  Progress progress = { NULL, 0 };

  for (guint e = 0; e < 3000; e++)
    g_string_append_printf (json, "%s{\"id\": \"e%u\", \"start\": \"%u\", \"title\": \"Event %u\","
                                  " \"summary\": \"Envoys exchange letters %u\", \"kind\": \"other\", \"certainty\": \"reported\"}",
                            e ? "," : "", e, 1900 + e % 120, e, e);
  g_string_append (json, "]}");
  path = pl_test_import (dir, "many", json->str);
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);

  /* Uncancelled, the query runs long enough for SQLite to ask. */
  {
    ThreadSearch search = { store, "e", cancellable, NULL, NULL };

    pl_store_set_search_progress_hook (store, count_progress, &progress);
    g_thread_join (g_thread_new ("search", thread_search, &search));
    g_assert_no_error (search.error);
    g_assert_nonnull (search.found);
    g_assert_cmpuint (progress.n_calls, >, 0);
    whole = g_steal_pointer (&search.found);
  }

  /* Cancelled at SQLite's first question: nothing found, a cancellation. */
  {
    ThreadSearch search = { store, "e", cancellable, NULL, NULL };

    progress = (Progress) { cancellable, 0 };
    g_thread_join (g_thread_new ("search", thread_search, &search));
    g_assert_cmpuint (progress.n_calls, ==, 1);
    g_assert_error (search.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (search.found);
    g_clear_error (&search.error);
  }

  /* The connection is not left in the middle of anything. */
  {
    g_autoptr(GCancellable) again = g_cancellable_new ();
    ThreadSearch search = { store, "e", again, NULL, NULL };

    pl_store_set_search_progress_hook (store, NULL, NULL);
    g_thread_join (g_thread_new ("search", thread_search, &search));
    g_assert_no_error (search.error);
    g_assert_cmpstr (search.found, ==, whole);
    g_free (search.found);
  }

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/build-query", test_build_query);
  g_test_add ("/search/finds-items", Fixture, NULL, fixture_set_up, test_finds_items, fixture_tear_down);
  g_test_add ("/search/hostile", Fixture, NULL, fixture_set_up, test_hostile_queries, fixture_tear_down);
  g_test_add ("/search/limit", Fixture, NULL, fixture_set_up, test_limit, fixture_tear_down);
  g_test_add ("/search/match-by-rowid", Fixture, NULL, fixture_set_up, test_match_by_rowid, fixture_tear_down);
  g_test_add ("/search/match-in-thread", Fixture, NULL, fixture_set_up, test_match_in_thread, fixture_tear_down);
  g_test_add_func ("/search/cancel-mid-query", test_cancel_mid_query);

  return g_test_run ();
}
