/* pl-user-db.c — the user's own database of annotations, apart from datasets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notes are the one thing here a user cannot get back from a file, so the
 * database is written for durability first: WAL with synchronous=FULL,
 * foreign keys on, and every save is one BEGIN IMMEDIATE transaction.
 * Annotations are keyed by (dataset id, item kind, item id) and never refer
 * to a dataset's rows, so replacing a dataset never loses one.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pl-error.h"
#include "pl-sqlite.h"
#include "pl-user-db-private.h"

struct _PlUserDb
{
  GObject  parent_instance;
  char    *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (PlUserDb, pl_user_db, G_TYPE_OBJECT)

static const char schema_v1[] =
  "CREATE TABLE annotation ("
  "  dataset_id TEXT NOT NULL,"
  "  item_kind TEXT NOT NULL CHECK (item_kind IN ('event','actor','provision','treaty','quote','source','theme','era')),"
  "  item_id TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),"
  "  highlight TEXT,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL,"
  "  PRIMARY KEY (dataset_id, item_kind, item_id)"
  ");"
  "CREATE TABLE annotation_tag ("
  "  dataset_id TEXT NOT NULL,"
  "  item_kind TEXT NOT NULL,"
  "  item_id TEXT NOT NULL,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (dataset_id, item_kind, item_id, tag),"
  "  FOREIGN KEY (dataset_id, item_kind, item_id)"
  "    REFERENCES annotation (dataset_id, item_kind, item_id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX annotation_tag_by_tag ON annotation_tag (dataset_id, tag);";

static const PlMigration migrations[] = {
  { 1, schema_v1 },
};

PlAnnotation *
pl_annotation_new (const char *dataset_id,
                   PlItemKind  item_kind,
                   const char *item_id)
{
  PlAnnotation *annotation = g_new0 (PlAnnotation, 1);

  annotation->dataset_id = g_strdup (dataset_id);
  annotation->item_kind = item_kind;
  annotation->item_id = g_strdup (item_id);
  annotation->note = g_strdup ("");
  annotation->tags = g_new0 (char *, 1);

  return annotation;
}

void
pl_annotation_free (PlAnnotation *annotation)
{
  if (annotation == NULL)
    return;

  g_free (annotation->dataset_id);
  g_free (annotation->item_id);
  g_free (annotation->note);
  g_free (annotation->highlight);
  g_strfreev (annotation->tags);
  g_clear_pointer (&annotation->created, g_date_time_unref);
  g_clear_pointer (&annotation->modified, g_date_time_unref);
  g_free (annotation);
}

static void
pl_user_db_finalize (GObject *object)
{
  PlUserDb *self = PL_USER_DB (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pl_user_db_parent_class)->finalize (object);
}

static void
pl_user_db_class_init (PlUserDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_user_db_finalize;
}

static void
pl_user_db_init (PlUserDb *self)
{
}

char *
pl_user_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pactline", "notes.sqlite", NULL);
}

PlUserDb *
pl_user_db_open (const char  *path,
                 GError     **error)
{
  g_autoptr(PlUserDb) self = g_object_new (PL_TYPE_USER_DB, NULL);
  g_autofree char *dir = NULL;
  int rc;

  self->path = path != NULL ? g_strdup (path) : pl_user_db_default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder for notes “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, self->db, rc, _("opening the notes database"));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  if (!pl_sqlite_exec (self->db,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA foreign_keys = ON;", error) ||
      !pl_sqlite_migrate (self->db, migrations, G_N_ELEMENTS (migrations), error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
pl_user_db_get_path (PlUserDb *self)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  return self->path;
}

sqlite3 *
pl_user_db_get_connection (PlUserDb *self)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  return self->db;
}

static gboolean
step_done (PlUserDb      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, self->db, rc, _("saving notes"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_key (sqlite3_stmt *stmt,
          const char   *dataset_id,
          const char   *kind,
          const char   *item_id)
{
  pl_sqlite_bind_text (stmt, 1, dataset_id);
  pl_sqlite_bind_text (stmt, 2, kind);
  pl_sqlite_bind_text (stmt, 3, item_id);
}

gboolean
pl_user_db_save (PlUserDb      *self,
                 PlAnnotation  *annotation,
                 GError       **error)
{
  const char *kind = pl_enum_to_nick (PL_TYPE_ITEM_KIND, annotation->item_kind);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_iso = g_date_time_format_iso8601 (now);
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear_tags = NULL;
  g_autoptr(sqlite3_stmt) add_tag = NULL;
  g_autofree char *created_iso = NULL;

  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (annotation->created == NULL)
    annotation->created = g_date_time_ref (now);
  created_iso = g_date_time_format_iso8601 (annotation->created);

  if (!pl_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  upsert = pl_sqlite_prepare (self->db,
    "INSERT INTO annotation (dataset_id, item_kind, item_id, note, starred, highlight, created, modified)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (dataset_id, item_kind, item_id) DO UPDATE SET"
    "  note = excluded.note, starred = excluded.starred,"
    "  highlight = excluded.highlight, modified = excluded.modified", error);
  clear_tags = pl_sqlite_prepare (self->db,
    "DELETE FROM annotation_tag WHERE dataset_id = ?1 AND item_kind = ?2 AND item_id = ?3", error);
  add_tag = pl_sqlite_prepare (self->db,
    "INSERT OR IGNORE INTO annotation_tag (dataset_id, item_kind, item_id, tag) VALUES (?1, ?2, ?3, ?4)", error);
  if (upsert == NULL || clear_tags == NULL || add_tag == NULL)
    goto rollback;

  bind_key (upsert, annotation->dataset_id, kind, annotation->item_id);
  pl_sqlite_bind_text (upsert, 4, annotation->note != NULL ? annotation->note : "");
  sqlite3_bind_int (upsert, 5, annotation->starred ? 1 : 0);
  pl_sqlite_bind_text (upsert, 6, annotation->highlight);
  pl_sqlite_bind_text (upsert, 7, created_iso);
  pl_sqlite_bind_text (upsert, 8, now_iso);
  if (!step_done (self, upsert, error))
    goto rollback;

  bind_key (clear_tags, annotation->dataset_id, kind, annotation->item_id);
  bind_key (add_tag, annotation->dataset_id, kind, annotation->item_id);
  if (!step_done (self, clear_tags, error))
    goto rollback;

  for (guint i = 0; annotation->tags != NULL && annotation->tags[i] != NULL; i++)
    {
      sqlite3_bind_text (add_tag, 4, annotation->tags[i], -1, SQLITE_STATIC);
      if (!step_done (self, add_tag, error))
        goto rollback;
      sqlite3_reset (add_tag);
    }

  if (!pl_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  g_clear_pointer (&annotation->modified, g_date_time_unref);
  annotation->modified = g_date_time_ref (now);
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
pl_user_db_delete (PlUserDb    *self,
                   const char  *dataset_id,
                   PlItemKind   item_kind,
                   const char  *item_id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);

  /* Tags go with it through ON DELETE CASCADE. */
  stmt = pl_sqlite_prepare (self->db,
    "DELETE FROM annotation WHERE dataset_id = ?1 AND item_kind = ?2 AND item_id = ?3", error);
  if (stmt == NULL)
    return FALSE;

  bind_key (stmt, dataset_id, pl_enum_to_nick (PL_TYPE_ITEM_KIND, item_kind), item_id);
  return step_done (self, stmt, error);
}

static PlAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  int kind = PL_ITEM_KIND_EVENT;
  PlAnnotation *annotation;

  pl_enum_from_nick (PL_TYPE_ITEM_KIND, pl_sqlite_column_text (stmt, 1), &kind);
  annotation = pl_annotation_new (pl_sqlite_column_text (stmt, 0), kind, pl_sqlite_column_text (stmt, 2));
  g_free (annotation->note);
  annotation->note = g_strdup (pl_sqlite_column_text (stmt, 3));
  annotation->starred = sqlite3_column_int (stmt, 4) != 0;
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    annotation->highlight = g_strdup (pl_sqlite_column_text (stmt, 5));
  annotation->created = g_date_time_new_from_iso8601 (pl_sqlite_column_text (stmt, 6), NULL);
  annotation->modified = g_date_time_new_from_iso8601 (pl_sqlite_column_text (stmt, 7), NULL);

  return annotation;
}

static char *
item_key (const char *kind,
          const char *item_id)
{
  return g_strconcat (kind, "/", item_id, NULL);
}

/* Fills the tags of @annotations (all of @dataset_id) with one query. */
static gboolean
load_tags (PlUserDb    *self,
           const char  *dataset_id,
           GPtrArray   *annotations,
           GError     **error)
{
  g_autoptr(GHashTable) builders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_strv_builder_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = pl_sqlite_prepare (self->db,
    "SELECT item_kind, item_id, tag FROM annotation_tag WHERE dataset_id = ?1"
    " ORDER BY item_kind, item_id, tag", error);
  if (stmt == NULL)
    return FALSE;

  pl_sqlite_bind_text (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = item_key (pl_sqlite_column_text (stmt, 0), pl_sqlite_column_text (stmt, 1));
      GStrvBuilder *builder = g_hash_table_lookup (builders, key);

      if (builder == NULL)
        g_hash_table_insert (builders, key, (builder = g_strv_builder_new ()));
      else
        g_free (key);
      g_strv_builder_add (builder, pl_sqlite_column_text (stmt, 2));
    }
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, self->db, rc, _("reading notes"));
      return FALSE;
    }

  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = annotations->pdata[i];
      g_autofree char *key = item_key (pl_enum_to_nick (PL_TYPE_ITEM_KIND, annotation->item_kind),
                                       annotation->item_id);
      GStrvBuilder *builder = g_hash_table_lookup (builders, key);

      if (builder != NULL)
        {
          g_strfreev (annotation->tags);
          annotation->tags = g_strv_builder_end (builder);
        }
    }

  return TRUE;
}

#define ANNOTATION_COLUMNS "dataset_id, item_kind, item_id, note, starred, highlight, created, modified"

PlAnnotation *
pl_user_db_load (PlUserDb    *self,
                 const char  *dataset_id,
                 PlItemKind   item_kind,
                 const char  *item_id,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  stmt = pl_sqlite_prepare (self->db,
    "SELECT " ANNOTATION_COLUMNS " FROM annotation"
    " WHERE dataset_id = ?1 AND item_kind = ?2 AND item_id = ?3", error);
  if (stmt == NULL)
    return NULL;

  bind_key (stmt, dataset_id, pl_enum_to_nick (PL_TYPE_ITEM_KIND, item_kind), item_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      PlAnnotation *annotation = annotation_from_row (stmt);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, annotation);
      if (!load_tags (self, dataset_id, one, error))
        {
          pl_annotation_free (annotation);
          return NULL;
        }
      return annotation;
    }
  if (rc != SQLITE_DONE)
    pl_sqlite_set_error (error, self->db, rc, _("reading notes"));
  else
    g_set_error (error, PL_ERROR, PL_ERROR_NOT_FOUND, _("There is no annotation for this item"));

  return NULL;
}

GPtrArray *
pl_user_db_list (PlUserDb    *self,
                 const char  *dataset_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  stmt = pl_sqlite_prepare (self->db,
    "SELECT " ANNOTATION_COLUMNS " FROM annotation WHERE dataset_id = ?1"
    " ORDER BY modified, item_kind, item_id", error);
  if (stmt == NULL)
    return NULL;

  pl_sqlite_bind_text (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, annotation_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, self->db, rc, _("reading notes"));
      return NULL;
    }

  if (!load_tags (self, dataset_id, found, error))
    return NULL;

  return g_steal_pointer (&found);
}
