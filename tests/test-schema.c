/* test-schema.c — the dataset schema, its checks and migrations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "pl-error.h"
#include "pl-schema.h"
#include "pl-sqlite.h"
#include "pl-store.h"
#include "pl-test-util.h"

static sqlite3 *
open_memory (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  return db;
}

static int
user_version (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  int version = -1;

  g_assert_true (pl_sqlite_get_user_version (db, &version, &error));
  g_assert_no_error (error);
  return version;
}

static gboolean
table_exists (sqlite3    *db,
              const char *name)
{
  g_autoptr(sqlite3_stmt) stmt =
    pl_sqlite_prepare (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0) == 1;
}

static int
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* The tables version 2 adds for the comparison matrix. */
static const char * const v2_tables[] = {
  "clause_type", "comparison", "comparison_provision", "comparison_quote",
  "comparison_event", "comparison_source",
};

/* The tables version 3 adds for tours. */
static const char * const v3_tables[] = { "tour", "tour_event" };

/* A few rows of every kind version 1 knows, as another tool might write
 * them. */
static const char v1_rows[] =
  "INSERT INTO dataset (key, value) VALUES ('id', 'old'), ('title', 'An old dataset'),"
  "  ('description', ''), ('language', 'en'), ('version', '1');"
  "INSERT INTO source (id, title, kind) VALUES ('s', 'A source', 'article');"
  "INSERT INTO actor (id, name, kind) VALUES ('a', 'A state', 'state');"
  "INSERT INTO treaty (id, title, parties, signed) VALUES ('t', 'A treaty', 'a', '2001');"
  "INSERT INTO treaty_party VALUES ('t', 'a', 0);"
  "INSERT INTO provision (id, treaty_id, area, title, strength) VALUES ('p', 't', 'security', 'A clause', 'binding');"
  "INSERT INTO event (id, start, title, kind, certainty, start_day, end_day)"
  "  VALUES ('e', '2001', 'Signed', 'agreement', 'confirmed', 730486, 730850);"
  "INSERT INTO event_source VALUES ('e', 's', 0);"
  "INSERT INTO quote (id, text, speaker_id, source_id) VALUES ('q', 'Words.', 'a', 's');";

static void
test_create (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();
  int version = -1;

  g_assert_cmpint (user_version (db), ==, 0);
  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, PL_SCHEMA_VERSION);
  g_assert_cmpint (PL_SCHEMA_VERSION, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (v2_tables); i++)
    g_assert_true (table_exists (db, v2_tables[i]));
  for (guint i = 0; i < G_N_ELEMENTS (v3_tables); i++)
    g_assert_true (table_exists (db, v3_tables[i]));

  g_assert_true (pl_schema_check (db, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, PL_SCHEMA_VERSION);

  /* Migrating an up-to-date file changes nothing. */
  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, PL_SCHEMA_VERSION);

  sqlite3_close (db);
}

/* The contract's CHECK constraints hold in the file itself, for tools that
 * write it without our importer. */
static void
test_constraints (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_false (pl_sqlite_exec (db,
    "INSERT INTO event (id, start, title, kind, certainty, start_day, end_day)"
    " VALUES ('e', '2025', 't', 'meeting', 'likely', 1, 2)", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_false (pl_sqlite_exec (db,
    "INSERT INTO actor (id, name, kind) VALUES ('a', 'A', 'robot')", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_true (pl_sqlite_exec (db,
    "INSERT INTO source (id, title, kind) VALUES ('s', 'S', 'article')", &error));
  g_assert_false (pl_sqlite_exec (db,
    "INSERT INTO quote (id, text, source_id) VALUES ('q', 'words', 's')", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_clear_error (&error);

  /* A cell holds one of the four values, once per clause type and treaty. */
  g_assert_true (pl_sqlite_exec (db,
    "INSERT INTO clause_type (id, title, position) VALUES ('c', 'C', 0);"
    "INSERT INTO comparison (clause_type_id, treaty_id, value) VALUES ('c', 't', 'partial')", &error));
  g_assert_no_error (error);
  g_assert_false (pl_sqlite_exec (db,
    "INSERT INTO comparison (clause_type_id, treaty_id, value) VALUES ('c', 'u', 'maybe')", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (pl_sqlite_exec (db,
    "INSERT INTO comparison (clause_type_id, treaty_id, value) VALUES ('c', 't', 'no')", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);

  sqlite3_close (db);
}

static void
test_newer_refused (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_true (pl_sqlite_exec (db, "PRAGMA user_version = 99", &error));

  g_assert_false (pl_schema_check (db, NULL, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_TOO_NEW);
  g_assert_true (strstr (error->message, "version 99") != NULL);
  g_clear_error (&error);

  g_assert_false (pl_schema_migrate (db, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_TOO_NEW);
  g_assert_cmpint (user_version (db), ==, 99);

  sqlite3_close (db);
}

/* A failing step leaves the file exactly as it was: every step runs in the
 * one transaction that also sets the version. */
static void
test_migration_is_atomic (void)
{
  static const PlMigration steps[] = {
    { 1, "CREATE TABLE a (x);" },
    { 2, "CREATE TABLE b (y); INSERT INTO a VALUES (1);" },
    { 3, "CREATE TABLE c (z); INSERT INTO nowhere VALUES (1);" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = open_memory ();

  g_assert_false (pl_sqlite_migrate (db, steps, G_N_ELEMENTS (steps), &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_assert_cmpint (user_version (db), ==, 0);

  stmt = pl_sqlite_prepare (db, "SELECT count(*) FROM sqlite_schema", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Without the broken step, version 1 → 2 runs only what is new. */
  g_clear_error (&error);
  g_assert_true (pl_sqlite_migrate (db, steps, 1, &error));
  g_assert_cmpint (user_version (db), ==, 1);
  g_assert_true (pl_sqlite_migrate (db, steps, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, 2);

  stmt = pl_sqlite_prepare (db, "SELECT count(*) FROM a", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_missing_table (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_true (pl_sqlite_exec (db, "DROP TABLE quote_provision", &error));
  g_assert_false (pl_schema_check (db, NULL, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET);
  g_assert_true (strstr (error->message, "quote_provision") != NULL);
  sqlite3_close (db);
}

/* A file that says it is version 2 must have the matrix's tables too. */
static void
test_missing_v2_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (v2_tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", v2_tables[i]);
      sqlite3 *db = open_memory ();

      g_assert_true (pl_schema_migrate (db, &error));
      g_assert_true (pl_sqlite_exec (db, drop, &error));
      g_assert_false (pl_schema_check (db, NULL, &error));
      g_assert_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET);
      g_assert_true (strstr (error->message, v2_tables[i]) != NULL);
      sqlite3_close (db);
    }
  for (guint i = 0; i < G_N_ELEMENTS (v3_tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", v3_tables[i]);
      sqlite3 *db = open_memory ();

      g_assert_true (pl_schema_migrate (db, &error));
      g_assert_true (pl_sqlite_exec (db, drop, &error));
      g_assert_false (pl_schema_check (db, NULL, &error));
      g_assert_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET);
      g_assert_true (strstr (error->message, v3_tables[i]) != NULL);
      sqlite3_close (db);
    }
}

/* Version 2 → 3 adds the tours' tables and keeps every row; a version 2
 * file is read as it is. */
static void
test_migrate_v2_to_v3 (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();
  int version = -1;

  g_assert_true (pl_schema_migrate_to (db, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (v3_tables); i++)
    g_assert_false (table_exists (db, v3_tables[i]));
  g_assert_true (pl_sqlite_exec (db, v1_rows, &error));
  g_assert_true (pl_schema_check (db, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, PL_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (v3_tables); i++)
    g_assert_cmpint (count_rows (db, v3_tables[i]), ==, 0);
  g_assert_cmpint (count_rows (db, "quote"), ==, 1);
  g_assert_true (pl_schema_check (db, &version, &error));
  g_assert_cmpint (version, ==, PL_SCHEMA_VERSION);

  g_assert_true (pl_sqlite_exec (db,
    "INSERT INTO tour (id, title, intro) VALUES ('t1', 'A tour', 'Why.');"
    "INSERT INTO tour_event VALUES ('t1', 'e', 0);", &error));
  g_assert_no_error (error);
  /* A tour visits an event once. */
  g_assert_false (pl_sqlite_exec (db, "INSERT INTO tour_event VALUES ('t1', 'e', 1);", &error));
  g_clear_error (&error);
  sqlite3_close (db);
}

/* Version 1 → 2 adds the matrix's tables and keeps every row, in one
 * transaction with the new user_version. */
static void
test_migrate_v1_to_v2 (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();
  int version = -1;

  g_assert_true (pl_schema_migrate_to (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (v2_tables); i++)
    g_assert_false (table_exists (db, v2_tables[i]));
  g_assert_true (pl_sqlite_exec (db, v1_rows, &error));
  g_assert_no_error (error);

  /* A version 1 file is a dataset as it is. */
  g_assert_true (pl_schema_check (db, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, PL_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (v2_tables); i++)
    {
      g_assert_true (table_exists (db, v2_tables[i]));
      g_assert_cmpint (count_rows (db, v2_tables[i]), ==, 0);
    }
  g_assert_cmpint (count_rows (db, "dataset"), ==, 5);
  g_assert_cmpint (count_rows (db, "treaty"), ==, 1);
  g_assert_cmpint (count_rows (db, "provision"), ==, 1);
  g_assert_cmpint (count_rows (db, "event_source"), ==, 1);
  g_assert_cmpint (count_rows (db, "quote"), ==, 1);

  g_assert_true (pl_schema_check (db, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, PL_SCHEMA_VERSION);

  /* The new tables take rows that point at the old ones. */
  g_assert_true (pl_sqlite_exec (db,
    "INSERT INTO clause_type (id, title, position) VALUES ('c', 'A clause type', 0);"
    "INSERT INTO comparison (clause_type_id, treaty_id, value, note) VALUES ('c', 't', 'yes', 'n');"
    "INSERT INTO comparison_provision VALUES ('c', 't', 'p', 0);"
    "INSERT INTO comparison_quote VALUES ('c', 't', 'q', 0);"
    "INSERT INTO comparison_event VALUES ('c', 't', 'e', 0);"
    "INSERT INTO comparison_source VALUES ('c', 't', 's', 0);", &error));
  g_assert_no_error (error);

  sqlite3_close (db);
}

/* When the version 2 step fails, the file stays at version 1 with all its
 * rows and none of the new tables. */
static void
test_migrate_v1_to_v2_is_atomic (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_schema_migrate_to (db, 1, &error));
  g_assert_true (pl_sqlite_exec (db, v1_rows, &error));
  /* Someone's own table, in the way of the step's last tables. */
  g_assert_true (pl_sqlite_exec (db, "CREATE TABLE comparison_source (mine TEXT)", &error));
  g_assert_no_error (error);

  g_assert_false (pl_schema_migrate (db, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_assert_cmpint (user_version (db), ==, 1);
  g_assert_false (table_exists (db, "clause_type"));
  g_assert_false (table_exists (db, "comparison"));
  g_assert_false (table_exists (db, "comparison_event"));
  g_assert_cmpint (count_rows (db, "dataset"), ==, 5);
  g_assert_cmpint (count_rows (db, "event"), ==, 1);

  sqlite3_close (db);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* A version 1 dataset file opens as it is, read-only: everything it has is
 * there, the matrix is empty, and the file is not migrated in place. */
static void
test_store_opens_v1 (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "old.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;
  PlTreaty *treaty;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (pl_schema_migrate_to (db, 1, &error));
  g_assert_true (pl_sqlite_exec (db, v1_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = read_bytes (path);

  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (pl_store_get_dataset_id (store), ==, "old");
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_EVENT)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_PROVISION)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_QUOTE)), ==, 1);
  treaty = PL_TREATY (pl_store_lookup (store, PL_ITEM_KIND_TREATY, "t"));
  g_assert_nonnull (treaty);
  g_assert_cmpuint (treaty->parties.n_items, ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_CLAUSE_TYPE)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_COMPARISON)), ==, 0);
  g_assert_null (pl_store_lookup_comparison (store, "c", "t"));
  g_clear_object (&store);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (user_version (db), ==, 1);
  sqlite3_close (db);

  pl_test_rmdir (dir);
}

static void
test_version_zero (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_sqlite_exec (db, "CREATE TABLE something (x)", &error));
  g_assert_false (pl_schema_check (db, NULL, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET);
  sqlite3_close (db);
}

/* Opening through the store applies the same checks to real files. */
static void
test_store_refuses (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *path = pl_test_import (dir, "example", json);
  g_autofree char *not_sqlite = pl_test_write_file (dir, "text.sqlite", "just some text, long enough to be a header of a file", -1);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (db, "PRAGMA user_version = 5", &error));
  sqlite3_close (db);

  store = pl_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PL_ERROR, PL_ERROR_TOO_NEW);
  g_clear_error (&error);

  store = pl_store_open (not_sqlite, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET);
  g_clear_error (&error);

  store = pl_store_open (missing, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  pl_test_rmdir (dir);
}

/* Every index of the schema, as "name: sql", sorted. */
static GPtrArray *
list_indexes (sqlite3 *db)
{
  GPtrArray *indexes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (indexes, g_strdup_printf ("%s: %s", sqlite3_column_text (stmt, 0),
                                               sqlite3_column_type (stmt, 1) == SQLITE_NULL ? "(automatic)"
                                               : (const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return indexes;
}

/* The importer drops the indexes while the rows go in and makes them
 * again: an imported file has every index the schema has, and each finds
 * its rows. */
static void
test_import_keeps_indexes (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *path = pl_test_import (dir, "example", json);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *fresh = open_memory ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (pl_schema_migrate (fresh, &error));
  g_assert_no_error (error);
  expected = list_indexes (fresh);
  sqlite3_close (fresh);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  imported = list_indexes (db);
  g_assert_cmpuint (imported->len, ==, expected->len);
  g_assert_cmpuint (imported->len, >, 10);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (imported->pdata[i], ==, expected->pdata[i]);

  /* The rebuilt indexes hold every row: what the index answers is what a
   * scan of the table answers. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM event_actor INDEXED BY event_actor_by_actor WHERE actor_id > ''),"
                                       "       (SELECT count(*) FROM event_actor NOT INDEXED),"
                                       "       (SELECT count(*) FROM event INDEXED BY event_by_day WHERE start_day > -1000000000),"
                                       "       (SELECT count(*) FROM event NOT INDEXED)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sqlite3_column_int (stmt, 1));
  g_assert_cmpint (sqlite3_column_int (stmt, 2), >, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, sqlite3_column_int (stmt, 3));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  pl_test_rmdir (dir);
}

/* Version 4 rebuilds the search index with prefix indexes. */
static void
test_search_v4 (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (pl_schema_migrate_to (db, 3, &error));
  stmt = pl_sqlite_prepare (db, "SELECT sql FROM sqlite_schema WHERE name = 'search'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), "prefix"));
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_no_error (error);
  stmt = pl_sqlite_prepare (db, "SELECT sql FROM sqlite_schema WHERE name = 'search'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "prefix = '1 2'"));
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* Rowids that name their items fit. */
  g_assert_true (pl_sqlite_exec (db, "INSERT INTO search (rowid, kind, item_id, title, body)"
                                     " VALUES (1099511627777, 'actor', 'a', 'Name', '')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (PL_SEARCH_ROWID (PL_ITEM_KIND_ACTOR, 1), ==, G_GINT64_CONSTANT (1099511627777));
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/create", test_create);
  g_test_add_func ("/schema/constraints", test_constraints);
  g_test_add_func ("/schema/newer-refused", test_newer_refused);
  g_test_add_func ("/schema/migration-is-atomic", test_migration_is_atomic);
  g_test_add_func ("/schema/missing-table", test_missing_table);
  g_test_add_func ("/schema/missing-v2-table", test_missing_v2_table);
  g_test_add_func ("/schema/migrate-v1-to-v2", test_migrate_v1_to_v2);
  g_test_add_func ("/schema/migrate-v1-to-v2-is-atomic", test_migrate_v1_to_v2_is_atomic);
  g_test_add_func ("/schema/migrate-v2-to-v3", test_migrate_v2_to_v3);
  g_test_add_func ("/schema/search-v4", test_search_v4);
  g_test_add_func ("/schema/import-keeps-indexes", test_import_keeps_indexes);
  g_test_add_func ("/schema/store-opens-v1", test_store_opens_v1);
  g_test_add_func ("/schema/version-zero", test_version_zero);
  g_test_add_func ("/schema/store-refuses", test_store_refuses);

  return g_test_run ();
}
