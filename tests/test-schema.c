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

static void
test_create (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_cmpint (user_version (db), ==, 0);
  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (db), ==, PL_SCHEMA_VERSION);

  g_assert_true (pl_schema_check (db, &error));
  g_assert_no_error (error);

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

  sqlite3_close (db);
}

static void
test_newer_refused (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_schema_migrate (db, &error));
  g_assert_true (pl_sqlite_exec (db, "PRAGMA user_version = 99", &error));

  g_assert_false (pl_schema_check (db, &error));
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
  g_assert_false (pl_schema_check (db, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET);
  g_assert_true (strstr (error->message, "quote_provision") != NULL);
  sqlite3_close (db);
}

static void
test_version_zero (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (pl_sqlite_exec (db, "CREATE TABLE something (x)", &error));
  g_assert_false (pl_schema_check (db, &error));
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
  g_assert_true (pl_sqlite_exec (db, "PRAGMA user_version = 2", &error));
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
  g_test_add_func ("/schema/version-zero", test_version_zero);
  g_test_add_func ("/schema/store-refuses", test_store_refuses);

  return g_test_run ();
}
