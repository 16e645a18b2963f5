/* test-user-db.c — the user's notes database
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>

#include "pl-error.h"
#include "pl-sqlite.h"
#include "pl-user-db-private.h"
#include "pl-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  PlUserDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pl_test_mkdtemp ();
  /* A folder that does not exist yet, as on a first run. */
  fixture->path = g_build_filename (fixture->dir, "data", "pactline", "notes.sqlite", NULL);
  fixture->db = pl_user_db_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  pl_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
pragma (PlUserDb   *db,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (pl_user_db_get_connection (db), sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup (pl_sqlite_column_text (stmt, 0));
}

static void
test_durability_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *journal = pragma (fixture->db, "journal_mode");
  g_autofree char *synchronous = pragma (fixture->db, "synchronous");
  g_autofree char *foreign_keys = pragma (fixture->db, "foreign_keys");
  g_autofree char *version = pragma (fixture->db, "user_version");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (synchronous, ==, "2");   /* FULL */
  g_assert_cmpstr (foreign_keys, ==, "1");
  g_assert_cmpstr (version, ==, "1");
  g_assert_cmpstr (pl_user_db_get_path (fixture->db), ==, fixture->path);
}

static void
test_default_path (void)
{
  g_autofree char *path = pl_user_db_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "pactline", "notes.sqlite", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = pl_annotation_new ("russia-iran-2025", PL_ITEM_KIND_EVENT, "signing");
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "exam", "alliance", "exam", NULL };

  g_free (annotation->note);
  annotation->note = g_strdup ("Compare with the 2001 treaty.\nAsk the class: alliance or not?");
  annotation->starred = TRUE;
  annotation->highlight = g_strdup ("yellow");
  g_strfreev (annotation->tags);
  annotation->tags = g_strdupv ((char **) tags);

  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_no_error (error);
  g_assert_nonnull (annotation->created);
  g_assert_nonnull (annotation->modified);

  /* Closed and opened again, as after a restart. */
  g_clear_object (&fixture->db);
  fixture->db = pl_user_db_open (fixture->path, &error);
  g_assert_no_error (error);

  loaded = pl_user_db_load (fixture->db, "russia-iran-2025", PL_ITEM_KIND_EVENT, "signing", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->note, ==, annotation->note);
  g_assert_true (loaded->starred);
  g_assert_cmpstr (loaded->highlight, ==, "yellow");
  g_assert_cmpuint (g_strv_length (loaded->tags), ==, 2);
  g_assert_cmpstr (loaded->tags[0], ==, "alliance");
  g_assert_cmpstr (loaded->tags[1], ==, "exam");
  g_assert_cmpint (g_date_time_to_unix (loaded->created), ==, g_date_time_to_unix (annotation->created));
}

static void
test_update_keeps_created (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = pl_annotation_new ("d", PL_ITEM_KIND_QUOTE, "q1");
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  created = g_date_time_ref (annotation->created);

  g_free (annotation->note);
  annotation->note = g_strdup ("second thoughts");
  g_strfreev (annotation->tags);
  annotation->tags = g_strsplit ("new", ",", -1);
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_no_error (error);

  loaded = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_QUOTE, "q1", &error);
  g_assert_cmpstr (loaded->note, ==, "second thoughts");
  g_assert_true (g_date_time_equal (loaded->created, created));
  g_assert_cmpstrv (loaded->tags, ((const char * const[]) { "new", NULL }));
}

/* The key is the whole triple: the same id in another kind or another
 * dataset is another annotation. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct { const char *dataset; PlItemKind kind; const char *id; const char *note; } notes[] = {
    { "a", PL_ITEM_KIND_EVENT, "iran", "event" },
    { "a", PL_ITEM_KIND_ACTOR, "iran", "actor" },
    { "b", PL_ITEM_KIND_ACTOR, "iran", "other dataset" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) in_a = NULL;
  g_autoptr(GPtrArray) in_c = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(PlAnnotation) annotation = pl_annotation_new (notes[i].dataset, notes[i].kind, notes[i].id);
      g_free (annotation->note);
      annotation->note = g_strdup (notes[i].note);
      g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(PlAnnotation) loaded = pl_user_db_load (fixture->db, notes[i].dataset, notes[i].kind, notes[i].id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (loaded->note, ==, notes[i].note);
    }

  in_a = pl_user_db_list (fixture->db, "a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_a->len, ==, 2);
  in_c = pl_user_db_list (fixture->db, "c", &error);
  g_assert_cmpuint (in_c->len, ==, 0);
}

static int
count_rows (PlUserDb   *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (pl_user_db_get_connection (db), sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = pl_annotation_new ("d", PL_ITEM_KIND_ACTOR, "putin");
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_strfreev (annotation->tags);
  annotation->tags = g_strsplit ("a,b,c", ",", -1);
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_cmpint (count_rows (fixture->db, "annotation_tag"), ==, 3);

  g_assert_true (pl_user_db_delete (fixture->db, "d", PL_ITEM_KIND_ACTOR, "putin", &error));
  g_assert_no_error (error);

  loaded = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_ACTOR, "putin", &error);
  g_assert_null (loaded);
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_FOUND);
  /* The tags went with it, through the foreign key. */
  g_assert_cmpint (count_rows (fixture->db, "annotation_tag"), ==, 0);
}

/* A notes file from a newer Pactline is refused and left alone. */
static void
test_newer_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlUserDb) again = NULL;

  g_assert_true (pl_sqlite_exec (pl_user_db_get_connection (fixture->db), "PRAGMA user_version = 7", &error));
  g_clear_object (&fixture->db);

  again = pl_user_db_open (fixture->path, &error);
  g_assert_null (again);
  g_assert_error (error, PL_ERROR, PL_ERROR_TOO_NEW);
  g_clear_error (&error);

  /* Still version 7: nothing was migrated down or rewritten. */
  {
    sqlite3 *db = NULL;
    int version = 0;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_true (pl_sqlite_get_user_version (db, &version, &error));
    g_assert_cmpint (version, ==, 7);
    sqlite3_close (db);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/user-db/durability-settings", test_durability_settings);
  ADD ("/user-db/round-trip", test_round_trip);
  ADD ("/user-db/update-keeps-created", test_update_keeps_created);
  ADD ("/user-db/keys", test_keys);
  ADD ("/user-db/delete", test_delete);
  ADD ("/user-db/newer-refused", test_newer_refused);
#undef ADD
  g_test_add_func ("/user-db/default-path", test_default_path);

  return g_test_run ();
}
