/* test-user-db.c — the user's notes database
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

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

  g_free (annotation->note);
  annotation->note = g_strdup ("first thoughts");
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

static guint
count_set_aside (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
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

  /* Not set aside either: it is not damaged, only newer. */
  g_assert_cmpuint (count_set_aside (fixture->path), ==, 0);

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


/* ------------------------------------------------------------------ */
/* Highlights, tags and empty annotations                              */

static PlAnnotation *
annotation_with_note (const char *item_id,
                      const char *note)
{
  PlAnnotation *annotation = pl_annotation_new ("d", PL_ITEM_KIND_EVENT, item_id);

  g_free (annotation->note);
  annotation->note = g_strdup (note);
  return annotation;
}

static void
test_highlights (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = annotation_with_note ("e1", "note");
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = { "yellow", "green", "blue", "red", "purple", NULL };

  g_assert_cmpstrv (pl_highlight_list_names (), expected);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_assert_true (pl_highlight_is_valid (expected[i]));
      g_assert_nonnull (pl_highlight_get_label (expected[i]));
    }
  g_assert_cmpstr (pl_highlight_get_label ("yellow"), ==, "Yellow");
  g_assert_false (pl_highlight_is_valid ("pink"));
  g_assert_false (pl_highlight_is_valid ("Yellow"));
  g_assert_false (pl_highlight_is_valid (NULL));
  g_assert_null (pl_highlight_get_label ("pink"));

  /* A good one is stored … */
  annotation->highlight = g_strdup ("green");
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_no_error (error);

  /* … an unknown one refused, and the stored row left as it was. */
  g_free (annotation->highlight);
  annotation->highlight = g_strdup ("pink");
  g_free (annotation->note);
  annotation->note = g_strdup ("changed");
  g_assert_false (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "“pink” is not a highlight colour; use one of yellow, green, blue, red, purple"));
  g_clear_error (&error);

  loaded = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->highlight, ==, "green");
  g_assert_cmpstr (loaded->note, ==, "note");
  g_clear_pointer (&loaded, pl_annotation_free);

  /* A new item with a bad highlight is not stored at all. */
  {
    g_autoptr(PlAnnotation) other = annotation_with_note ("e2", "x");

    other->highlight = g_strdup ("");
    g_assert_true (pl_user_db_save (fixture->db, other, &error));   /* "" is none */
    g_free (other->highlight);
    other->highlight = g_strdup ("#ff0000");
    other->item_id[1] = '3';
    g_assert_false (pl_user_db_save (fixture->db, other, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_null (pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e3", &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_NOT_FOUND);
    g_clear_error (&error);

    loaded = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e2", &error);
    g_assert_no_error (error);
    g_assert_null (loaded->highlight);
  }
}

static void
test_empty_deletes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = annotation_with_note ("e1", "a note");
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;

  annotation->starred = TRUE;
  annotation->highlight = g_strdup ("red");
  g_strfreev (annotation->tags);
  annotation->tags = g_strsplit ("a,b", ",", -1);
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 1);
  g_assert_cmpint (count_rows (fixture->db, "annotation_tag"), ==, 2);

  /* Taking away one thing at a time keeps the row while anything is left. */
  g_free (annotation->note);
  annotation->note = g_strdup (" \n\t ");   /* white space is no note */
  g_assert_false (pl_annotation_has_note (annotation));
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 1);

  annotation->starred = FALSE;
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 1);

  g_clear_pointer (&annotation->highlight, g_free);
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 1);
  loaded = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (loaded->tags, ((const char * const[]) { "a", "b", NULL }));
  g_clear_pointer (&loaded, pl_annotation_free);

  /* Nothing left: the save deletes the row and its tags. */
  g_strfreev (annotation->tags);
  annotation->tags = g_new0 (char *, 1);
  g_assert_true (pl_annotation_is_empty (annotation));
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 0);
  g_assert_cmpint (count_rows (fixture->db, "annotation_tag"), ==, 0);
  g_assert_null (annotation->created);
  g_assert_null (annotation->modified);
  g_assert_null (pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving an empty annotation that was never stored stores nothing. */
  {
    g_autoptr(PlAnnotation) blank = annotation_with_note ("e2", "");

    g_assert_true (pl_user_db_save (fixture->db, blank, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 0);
  }

  /* Each of the four alone is enough to keep a row. */
  for (guint what = 0; what < 4; what++)
    {
      g_autofree char *id = g_strdup_printf ("only-%u", what);
      g_autoptr(PlAnnotation) one = annotation_with_note (id, what == 0 ? "x" : "");

      one->starred = what == 1;
      one->highlight = what == 2 ? g_strdup ("blue") : NULL;
      if (what == 3)
        {
          g_strfreev (one->tags);
          one->tags = g_strsplit ("t", ",", -1);
        }
      g_assert_false (pl_annotation_is_empty (one));
      g_assert_true (pl_user_db_save (fixture->db, one, &error));
    }
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 4);
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const bad[] = {
    "", " exam", "exam ", "a,b", "two\nlines", "tab\there", "\x7f", "\xff\xfe", NULL
  };
  g_autofree char *long_tag = g_strnfill (PL_ANNOTATION_MAX_TAG + 1, 'x');
  g_autofree char *longest = g_strnfill (PL_ANNOTATION_MAX_TAG, 'x');
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parsed = NULL;
  g_auto(GStrv) all = NULL;
  g_autofree char *normalized = NULL;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(PlAnnotation) annotation = annotation_with_note ("e1", "note");

      g_assert_false (pl_tag_is_valid (bad[i]));
      g_strfreev (annotation->tags);
      annotation->tags = g_new0 (char *, 2);
      annotation->tags[0] = g_strdup (bad[i]);
      g_assert_false (pl_user_db_save (fixture->db, annotation, &error));
      g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  g_assert_false (pl_tag_is_valid (long_tag));
  g_assert_true (pl_tag_is_valid (longest));
  g_assert_true (pl_tag_is_valid ("Cold War"));
  g_assert_true (pl_tag_is_valid ("война"));
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 0);

  normalized = pl_tag_normalize ("  cold \t\n war, ");
  g_assert_cmpstr (normalized, ==, "cold war");
  g_assert_null (pl_tag_normalize (" ,\n "));
  g_clear_pointer (&normalized, g_free);
  normalized = pl_tag_normalize (long_tag);
  g_assert_cmpstr (normalized, ==, longest);

  parsed = pl_tags_parse ("exam, alliance ,exam,, Cold  War ");
  g_assert_cmpstrv (parsed, ((const char * const[]) { "Cold War", "alliance", "exam", NULL }));
  g_clear_pointer (&parsed, g_strfreev);
  parsed = pl_tags_parse (NULL);
  g_assert_cmpstrv (parsed, ((const char * const[]) { NULL }));

  /* The dataset's distinct tags, for the filter. */
  {
    g_autoptr(PlAnnotation) a = annotation_with_note ("e1", "note");
    g_autoptr(PlAnnotation) b = annotation_with_note ("e2", "note");
    g_autoptr(PlAnnotation) other = pl_annotation_new ("other", PL_ITEM_KIND_EVENT, "e1");

    g_strfreev (a->tags);
    a->tags = g_strsplit ("exam,alliance", ",", -1);
    g_strfreev (b->tags);
    b->tags = g_strsplit ("exam,sanctions", ",", -1);
    g_strfreev (other->tags);
    other->tags = g_strsplit ("elsewhere", ",", -1);
    g_assert_true (pl_user_db_save (fixture->db, a, &error));
    g_assert_true (pl_user_db_save (fixture->db, b, &error));
    g_assert_true (pl_user_db_save (fixture->db, other, &error));

    all = pl_user_db_list_tags (fixture->db, "d", &error);
    g_assert_no_error (error);
    g_assert_cmpstrv (all, ((const char * const[]) { "alliance", "exam", "sanctions", NULL }));
    g_assert_true (pl_annotation_has_tag (a, "exam"));
    g_assert_false (pl_annotation_has_tag (a, "sanctions"));
    g_assert_false (pl_annotation_has_tag (a, NULL));
  }
}

static void
test_kinds (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (PlItemKind kind = PL_ITEM_KIND_EVENT; kind <= PL_ITEM_KIND_COMPARISON; kind++)
    {
      g_autoptr(PlAnnotation) annotation = pl_annotation_new ("d", kind, "x");
      gboolean valid = kind != PL_ITEM_KIND_CLAUSE_TYPE && kind != PL_ITEM_KIND_COMPARISON;

      annotation->starred = TRUE;
      g_assert_cmpint (pl_annotation_kind_is_valid (kind), ==, valid);
      g_assert_cmpint (pl_user_db_save (fixture->db, annotation, &error), ==, valid);
      if (valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  g_assert_cmpint (count_rows (fixture->db, "annotation"), ==, 8);

  /* A key needs its dataset and item. */
  {
    g_autoptr(PlAnnotation) no_id = pl_annotation_new ("d", PL_ITEM_KIND_EVENT, "");

    no_id->starred = TRUE;
    g_assert_false (pl_user_db_save (fixture->db, no_id, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  }
}

/* An annotation made afresh for an item that has one takes the stored
 * created time, not the time now. */
static void
test_created_from_database (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PlAnnotation) first = annotation_with_note ("e1", "first");
  g_autoptr(PlAnnotation) again = annotation_with_note ("e1", "again");
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_user_db_save (fixture->db, first, &error));
  g_usleep (2000);
  g_assert_true (pl_user_db_save (fixture->db, again, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (again->created, first->created));
  g_assert_cmpint (g_date_time_compare (again->modified, first->modified), >, 0);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = annotation_with_note ("e1", "keep me");
  g_autoptr(PlAnnotation) before = NULL;
  g_autoptr(PlAnnotation) after = NULL;
  g_autoptr(GError) error = NULL;

  g_strfreev (annotation->tags);
  annotation->tags = g_strsplit ("b,a", ",", -1);
  annotation->highlight = g_strdup ("purple");
  g_assert_true (pl_user_db_save (fixture->db, annotation, &error));

  before = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error);
  g_assert_true (pl_user_db_delete (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error));
  g_assert_no_error (error);
  /* Deleting what is not there is no error. */
  g_assert_true (pl_user_db_delete (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error));
  g_assert_no_error (error);

  g_usleep (2000);
  g_assert_true (pl_user_db_restore (fixture->db, before, &error));
  g_assert_no_error (error);
  after = pl_user_db_load (fixture->db, "d", PL_ITEM_KIND_EVENT, "e1", &error);
  g_assert_no_error (error);
  g_assert_true (pl_annotation_content_equal (after, before));
  g_assert_true (g_date_time_equal (after->created, before->created));
  g_assert_true (g_date_time_equal (after->modified, before->modified));
  g_assert_cmpstrv (after->tags, ((const char * const[]) { "a", "b", NULL }));

  /* Only what was stored can be restored. */
  {
    g_autoptr(PlAnnotation) never = annotation_with_note ("e2", "never saved");

    g_assert_false (pl_user_db_restore (fixture->db, never, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  }
}

static void
test_content_equal (void)
{
  g_autoptr(PlAnnotation) a = annotation_with_note ("e1", "n");
  g_autoptr(PlAnnotation) b = annotation_with_note ("other-item", "n");
  g_autoptr(PlAnnotation) copy = NULL;

  g_strfreev (a->tags);
  a->tags = g_strsplit ("x,y,x", ",", -1);
  g_strfreev (b->tags);
  b->tags = g_strsplit ("y,x", ",", -1);
  b->highlight = g_strdup ("");
  g_assert_true (pl_annotation_content_equal (a, b));

  b->starred = TRUE;
  g_assert_false (pl_annotation_content_equal (a, b));
  b->starred = FALSE;
  g_free (b->highlight);
  b->highlight = g_strdup ("red");
  g_assert_false (pl_annotation_content_equal (a, b));
  g_clear_pointer (&b->highlight, g_free);
  g_free (b->note);
  b->note = g_strdup ("n ");
  g_assert_false (pl_annotation_content_equal (a, b));
  g_free (b->note);
  b->note = g_strdup ("n");
  g_strfreev (b->tags);
  b->tags = g_strsplit ("x", ",", -1);
  g_assert_false (pl_annotation_content_equal (a, b));

  copy = pl_annotation_copy (a);
  g_assert_true (pl_annotation_content_equal (a, copy));
  g_assert_cmpstr (copy->item_id, ==, "e1");
  g_assert_true (copy->tags != a->tags);
}

static void
test_times (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 ("2025-01-17T10:30:00+02:00", NULL);
  g_autofree char *text = pl_user_db_format_time (time);
  g_autoptr(GDateTime) parsed = pl_user_db_parse_time (text);
  g_autoptr(GDateTime) no_zone = pl_user_db_parse_time ("2025-01-17T10:30:00");
  g_autoptr(GDateTime) garbage = pl_user_db_parse_time ("yesterday");

  /* UTC, always with microseconds, so the text sorts as the time does. */
  g_assert_cmpstr (text, ==, "2025-01-17T08:30:00.000000Z");
  g_assert_true (g_date_time_equal (parsed, time));
  g_assert_null (no_zone);
  g_assert_null (garbage);
  g_assert_null (pl_user_db_parse_time (NULL));
}

/* ------------------------------------------------------------------ */
/* A database that cannot be read is set aside                          */

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Opens @path, which holds @bytes, and checks it was renamed aside
 * byte for byte and a working database started in its place. */
static char *
assert_set_aside (const char *path,
                  const char *bytes,
                  gsize       length,
                  const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlUserDb) db = pl_user_db_open (path, &error);
  g_autoptr(PlAnnotation) annotation = annotation_with_note ("e1", "after the damage");
  g_autoptr(PlAnnotation) loaded = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize kept_length = 0;
  g_autofree char *aside = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (db);

  aside = g_strdup (pl_user_db_get_set_aside_path (db));
  g_assert_nonnull (aside);
  pattern = g_strdup_printf ("^%s\\.corrupt-[0-9]{8}-[0-9]{6}(-[0-9]+)?$", base);
  {
    g_autofree char *aside_base = g_path_get_basename (aside);
    g_autofree char *aside_dir = g_path_get_dirname (aside);
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_true (g_regex_match_simple (pattern, aside_base, 0, 0));
    g_assert_cmpstr (aside_dir, ==, dir);
  }
  {
    g_autofree char *property = NULL;

    g_object_get (db, "set-aside-path", &property, NULL);
    g_assert_cmpstr (property, ==, aside);
  }
  g_assert_nonnull (strstr (pl_user_db_get_set_aside_reason (db), reason));

  /* Never deleted, never written to. */
  kept = read_file (aside, &kept_length);
  g_assert_cmpmem (kept, kept_length, bytes, length);

  /* A fresh database, ready for notes. */
  g_assert_true (pl_user_db_save (db, annotation, &error));
  g_assert_no_error (error);
  loaded = pl_user_db_load (db, "d", PL_ITEM_KIND_EVENT, "e1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->note, ==, "after the damage");
  g_clear_object (&db);

  /* Opened again, it is fine as it is. */
  db = pl_user_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (pl_user_db_get_set_aside_path (db));
  g_assert_null (pl_user_db_get_set_aside_reason (db));

  return g_steal_pointer (&aside);
}

static void
test_set_aside_garbage (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char garbage[] = "These are my notes, typed into the wrong file.\n\x01\x02\xff";
  g_autofree char *aside = NULL;

  g_clear_object (&fixture->db);
  g_assert_true (g_file_set_contents (fixture->path, garbage, sizeof garbage - 1, NULL));
  aside = assert_set_aside (fixture->path, garbage, sizeof garbage - 1, "not an SQLite database");
}

/* A notes database with many pages, its bytes after a clean close. */
static char *
make_full_database (Fixture *fixture,
                    gsize   *length)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *note = g_strnfill (700, 'a' + (char) (i % 26));
      g_autoptr(PlAnnotation) annotation = annotation_with_note (id, note);

      g_strfreev (annotation->tags);
      annotation->tags = g_strsplit ("one,two", ",", -1);
      g_assert_true (pl_user_db_save (fixture->db, annotation, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&fixture->db);
  /* Closing checkpointed the WAL into the file and removed it. */
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  return read_file (fixture->path, length);
}

static void
test_set_aside_truncated (Fixture       *fixture,
                          gconstpointer  data)
{
  gsize length = 0;
  g_autofree char *full = make_full_database (fixture, &length);
  g_autofree char *aside = NULL;
  gsize cut = length / 2 + 100;

  g_assert_cmpuint (length, >, 16 * 4096);
  g_assert_true (g_file_set_contents (fixture->path, full, (gssize) cut, NULL));
  aside = assert_set_aside (fixture->path, full, cut, "damaged");
}

/* A page in the middle overwritten: the header is fine, quick_check is not. */
static void
test_set_aside_damaged_page (Fixture       *fixture,
                             gconstpointer  data)
{
  gsize length = 0;
  g_autofree char *bytes = make_full_database (fixture, &length);
  g_autofree char *aside = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  int page_size;
  int page;

  /* The page of the tag index, so the tables still read, but the file
   * does not check out. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  stmt = pl_sqlite_prepare (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'annotation_tag_by_tag'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = pl_sqlite_prepare (db, "PRAGMA page_size", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  g_assert_cmpint (page, >, 1);
  g_assert_cmpuint ((gsize) page * page_size, <=, length);
  memset (bytes + (gsize) (page - 1) * page_size + 8, 0x5a, 64);
  g_assert_true (g_file_set_contents (fixture->path, bytes, (gssize) length, NULL));

  aside = assert_set_aside (fixture->path, bytes, length, "damaged");
}

/* Someone else's SQLite file is not ours to migrate. */
static void
test_set_aside_foreign (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *bytes = NULL;
  g_autofree char *aside = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;

  g_clear_object (&fixture->db);
  g_unlink (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');", NULL));
  sqlite3_close (db);

  bytes = read_file (fixture->path, &length);
  aside = assert_set_aside (fixture->path, bytes, length, "not one of Pactline’s notes");
}

/* The journal files go with the file, or a fresh file would replay them. */
static void
test_set_aside_siblings (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char garbage[] = "garbage garbage garbage garbage garbage garbage garbage garbage garbage";
  static const char wal_bytes[] = "a write-ahead log of some other file";
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *aside = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *kept_wal = NULL;
  gsize kept_length = 0;

  g_clear_object (&fixture->db);
  g_assert_true (g_file_set_contents (fixture->path, garbage, sizeof garbage - 1, NULL));
  g_assert_true (g_file_set_contents (wal, wal_bytes, sizeof wal_bytes - 1, NULL));
  g_assert_true (g_file_set_contents (shm, "", 0, NULL));

  aside = assert_set_aside (fixture->path, garbage, sizeof garbage - 1, "not an SQLite database");
  aside_wal = g_strconcat (aside, "-wal", NULL);
  kept_wal = read_file (aside_wal, &kept_length);
  g_assert_cmpmem (kept_wal, kept_length, wal_bytes, sizeof wal_bytes - 1);
}

/* Set aside twice: both copies are kept under their own names. */
static void
test_set_aside_twice (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char first[] = "the first damaged file, long enough to be a header......................................................";
  static const char second[] = "the second damaged file, long enough to be a header.....................................................";
  g_autofree char *aside_first = NULL;
  g_autofree char *aside_second = NULL;
  g_autofree char *kept = NULL;
  gsize length = 0;

  g_clear_object (&fixture->db);
  g_assert_true (g_file_set_contents (fixture->path, first, sizeof first - 1, NULL));
  aside_first = assert_set_aside (fixture->path, first, sizeof first - 1, "not an SQLite database");
  g_assert_true (g_file_set_contents (fixture->path, second, sizeof second - 1, NULL));
  aside_second = assert_set_aside (fixture->path, second, sizeof second - 1, "not an SQLite database");

  g_assert_cmpstr (aside_first, !=, aside_second);
  kept = read_file (aside_first, &length);
  g_assert_cmpmem (kept, length, first, sizeof first - 1);
}

/* An empty file is an empty database, not a damaged one. */
static void
test_zero_length (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  g_clear_object (&fixture->db);
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));

  fixture->db = pl_user_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (pl_user_db_get_set_aside_path (fixture->db));
  version = pragma (fixture->db, "user_version");
  g_assert_cmpstr (version, ==, "1");
}

/* Something in the way that is not a file at all: an error, and it stays. */
static void
test_directory_left_alone (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlUserDb) again = NULL;
  g_autofree char *inside = g_build_filename (fixture->path, "keep.txt", NULL);

  g_clear_object (&fixture->db);
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "mine", -1, NULL));

  again = pl_user_db_open (fixture->path, &error);
  g_assert_null (again);
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_set_aside (fixture->path), ==, 0);
}

/* A file we may not open is not damaged: it stays where it is. */
static void
test_unreadable_left_alone (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlUserDb) again = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may open any file");
      return;
    }

  g_clear_object (&fixture->db);
  g_assert_cmpint (g_chmod (fixture->path, 0), ==, 0);
  again = pl_user_db_open (fixture->path, &error);
  g_assert_null (again);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);
  g_assert_cmpuint (count_set_aside (fixture->path), ==, 0);
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
  ADD ("/user-db/highlights", test_highlights);
  ADD ("/user-db/empty-deletes", test_empty_deletes);
  ADD ("/user-db/tags", test_tags);
  ADD ("/user-db/kinds", test_kinds);
  ADD ("/user-db/created-from-database", test_created_from_database);
  ADD ("/user-db/restore", test_restore);
  ADD ("/user-db/set-aside/garbage", test_set_aside_garbage);
  ADD ("/user-db/set-aside/truncated", test_set_aside_truncated);
  ADD ("/user-db/set-aside/damaged-page", test_set_aside_damaged_page);
  ADD ("/user-db/set-aside/foreign", test_set_aside_foreign);
  ADD ("/user-db/set-aside/siblings", test_set_aside_siblings);
  ADD ("/user-db/set-aside/twice", test_set_aside_twice);
  ADD ("/user-db/zero-length", test_zero_length);
  ADD ("/user-db/unreadable-left-alone", test_unreadable_left_alone);
  ADD ("/user-db/directory-left-alone", test_directory_left_alone);
#undef ADD
  g_test_add_func ("/user-db/default-path", test_default_path);
  g_test_add_func ("/user-db/content-equal", test_content_equal);
  g_test_add_func ("/user-db/times", test_times);

  return g_test_run ();
}
