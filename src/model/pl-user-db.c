/* pl-user-db.c — the user's own database of annotations, apart from datasets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notes are the one thing here a user cannot get back from a file, so the
 * database is written for durability first: WAL with synchronous=FULL,
 * foreign keys on, and every save is one BEGIN IMMEDIATE transaction.
 * Annotations are keyed by (dataset id, item kind, item id) and never refer
 * to a dataset's rows, so replacing a dataset never loses one, and nothing
 * here deletes an annotation whose item has gone.
 *
 * A file that cannot be read as a notes database is never deleted and
 * never written to: it is renamed aside, with its -wal and -shm, and a
 * fresh database is started, so the user can still take notes and someone
 * can still try to rescue the old ones.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-sqlite.h"
#include "pl-user-db-private.h"

struct _PlUserDb
{
  GObject  parent_instance;
  char    *path;
  sqlite3 *db;
  char    *set_aside_path;
  char    *set_aside_reason;
};

G_DEFINE_FINAL_TYPE (PlUserDb, pl_user_db, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_SET_ASIDE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* ------------------------------------------------------------------ */
/* Highlights and tags                                                 */

static const char * const highlight_names[] = {
  "yellow", "green", "blue", "red", "purple", NULL
};

const char * const *
pl_highlight_list_names (void)
{
  return highlight_names;
}

gboolean
pl_highlight_is_valid (const char *name)
{
  return name != NULL && g_strv_contains (highlight_names, name);
}

const char *
pl_highlight_get_label (const char *name)
{
  if (g_strcmp0 (name, "yellow") == 0)
    /* Translators: a highlight colour of a note */
    return C_("highlight", "Yellow");
  if (g_strcmp0 (name, "green") == 0)
    /* Translators: a highlight colour of a note */
    return C_("highlight", "Green");
  if (g_strcmp0 (name, "blue") == 0)
    /* Translators: a highlight colour of a note */
    return C_("highlight", "Blue");
  if (g_strcmp0 (name, "red") == 0)
    /* Translators: a highlight colour of a note */
    return C_("highlight", "Red");
  if (g_strcmp0 (name, "purple") == 0)
    /* Translators: a highlight colour of a note */
    return C_("highlight", "Purple");
  return NULL;
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
         c == 0x2028 || c == 0x2029;
}

gboolean
pl_tag_is_valid (const char *tag)
{
  glong n_chars;

  if (tag == NULL || tag[0] == '\0' || !g_utf8_validate (tag, -1, NULL))
    return FALSE;

  n_chars = g_utf8_strlen (tag, -1);
  if (n_chars > PL_ANNOTATION_MAX_TAG)
    return FALSE;

  if (g_unichar_isspace (g_utf8_get_char (tag)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (tag, n_chars - 1))))
    return FALSE;

  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c) || c == ',')
        return FALSE;
    }

  return TRUE;
}

char *
pl_tag_normalize (const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',')
        continue;
      if (g_unichar_isspace (c) || is_control (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;

  /* Too long: cut at a character, then trim what the cut left. */
  if (g_utf8_strlen (out->str, -1) > PL_ANNOTATION_MAX_TAG)
    {
      g_string_truncate (out, g_utf8_offset_to_pointer (out->str, PL_ANNOTATION_MAX_TAG) - out->str);
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted, distinct copies of @tags. */
static GStrv
sorted_tags (const char * const *tags)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tags[i]);
  g_ptr_array_sort (sorted, compare_strings);

  for (guint i = 0; i < sorted->len; i++)
    if (i == 0 || strcmp (sorted->pdata[i], sorted->pdata[i - 1]) != 0)
      g_strv_builder_add (builder, sorted->pdata[i]);

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

GStrv
pl_tags_parse (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = pl_tag_normalize (parts[i]);

      if (tag != NULL)
        g_ptr_array_add (tags, tag);
    }
  g_ptr_array_add (tags, NULL);

  return sorted_tags ((const char * const *) tags->pdata);
}

/* ------------------------------------------------------------------ */
/* Annotations                                                         */

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

PlAnnotation *
pl_annotation_copy (const PlAnnotation *annotation)
{
  PlAnnotation *copy;

  g_return_val_if_fail (annotation != NULL, NULL);

  copy = pl_annotation_new (annotation->dataset_id, annotation->item_kind, annotation->item_id);
  g_free (copy->note);
  copy->note = g_strdup (annotation->note != NULL ? annotation->note : "");
  copy->starred = annotation->starred;
  copy->highlight = g_strdup (annotation->highlight);
  g_strfreev (copy->tags);
  copy->tags = annotation->tags != NULL ? g_strdupv (annotation->tags) : g_new0 (char *, 1);
  copy->created = annotation->created != NULL ? g_date_time_ref (annotation->created) : NULL;
  copy->modified = annotation->modified != NULL ? g_date_time_ref (annotation->modified) : NULL;

  return copy;
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

gboolean
pl_annotation_has_note (const PlAnnotation *annotation)
{
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (annotation->note == NULL)
    return FALSE;

  for (const char *p = annotation->note; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static const char *
highlight_or_null (const char *highlight)
{
  return highlight != NULL && highlight[0] != '\0' ? highlight : NULL;
}

gboolean
pl_annotation_is_empty (const PlAnnotation *annotation)
{
  g_return_val_if_fail (annotation != NULL, TRUE);

  return !pl_annotation_has_note (annotation) &&
         !annotation->starred &&
         highlight_or_null (annotation->highlight) == NULL &&
         (annotation->tags == NULL || annotation->tags[0] == NULL);
}

gboolean
pl_annotation_has_tag (const PlAnnotation *annotation,
                       const char         *tag)
{
  g_return_val_if_fail (annotation != NULL, FALSE);

  return tag != NULL && annotation->tags != NULL &&
         g_strv_contains ((const char * const *) annotation->tags, tag);
}

gboolean
pl_annotation_content_equal (const PlAnnotation *a,
                             const PlAnnotation *b)
{
  g_auto(GStrv) tags_a = NULL;
  g_auto(GStrv) tags_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->note != NULL ? a->note : "", b->note != NULL ? b->note : "") != 0 ||
      (a->starred != FALSE) != (b->starred != FALSE) ||
      g_strcmp0 (highlight_or_null (a->highlight), highlight_or_null (b->highlight)) != 0)
    return FALSE;

  tags_a = sorted_tags ((const char * const *) a->tags);
  tags_b = sorted_tags ((const char * const *) b->tags);
  return g_strv_equal ((const char * const *) tags_a, (const char * const *) tags_b);
}

gboolean
pl_annotation_kind_is_valid (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT:
    case PL_ITEM_KIND_ACTOR:
    case PL_ITEM_KIND_PROVISION:
    case PL_ITEM_KIND_TREATY:
    case PL_ITEM_KIND_QUOTE:
    case PL_ITEM_KIND_SOURCE:
    case PL_ITEM_KIND_THEME:
    case PL_ITEM_KIND_ERA:
      return TRUE;
    case PL_ITEM_KIND_CLAUSE_TYPE:
    case PL_ITEM_KIND_COMPARISON:
    default:
      return FALSE;
    }
}

gboolean
pl_annotation_validate (const PlAnnotation  *annotation,
                        GError             **error)
{
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (annotation->dataset_id == NULL || annotation->dataset_id[0] == '\0' ||
      annotation->item_id == NULL || annotation->item_id[0] == '\0')
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   _("A note needs the dataset and the item it is about"));
      return FALSE;
    }

  if (!pl_annotation_kind_is_valid (annotation->item_kind))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   /* Translators: %s is a kind of item, e.g. "comparison" */
                   _("Items of kind “%s” cannot have notes"),
                   pl_enum_to_nick (PL_TYPE_ITEM_KIND, annotation->item_kind));
      return FALSE;
    }

  if (highlight_or_null (annotation->highlight) != NULL &&
      !pl_highlight_is_valid (annotation->highlight))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) highlight_names);
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   /* Translators: the first %s is a name, the second a list of names */
                   _("“%s” is not a highlight colour; use one of %s"),
                   annotation->highlight, names);
      return FALSE;
    }

  for (guint i = 0; annotation->tags != NULL && annotation->tags[i] != NULL; i++)
    {
      if (!pl_tag_is_valid (annotation->tags[i]))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                       /* Translators: %d is the longest a tag may be */
                       _("A tag must be 1 to %d characters, with no commas, line breaks or spaces at either end"),
                       PL_ANNOTATION_MAX_TAG);
          return FALSE;
        }
    }

  if (annotation->note != NULL)
    {
      if (!g_utf8_validate (annotation->note, -1, NULL))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA, _("The note is not valid UTF-8 text"));
          return FALSE;
        }
      if (strlen (annotation->note) > PL_ANNOTATION_MAX_NOTE)
        {
          g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                       _("The note is longer than %zu bytes"), (size_t) PL_ANNOTATION_MAX_NOTE);
          return FALSE;
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Times                                                               */

char *
pl_user_db_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

GDateTime *
pl_user_db_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) as_utc = NULL;
  g_autoptr(GDateTime) as_other = NULL;

  if (text == NULL)
    return NULL;

  /* A text that names no zone means one thing in one zone and another in
   * the next; read it in two and refuse it when they disagree. */
  as_utc = g_date_time_new_from_iso8601 (text, utc);
  as_other = g_date_time_new_from_iso8601 (text, other);
  if (as_utc == NULL || as_other == NULL || !g_date_time_equal (as_utc, as_other))
    return NULL;

  return g_date_time_to_utc (as_utc);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
pl_user_db_finalize (GObject *object)
{
  PlUserDb *self = PL_USER_DB (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->set_aside_path, g_free);
  g_clear_pointer (&self->set_aside_reason, g_free);

  G_OBJECT_CLASS (pl_user_db_parent_class)->finalize (object);
}

static void
pl_user_db_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PlUserDb *self = PL_USER_DB (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SET_ASIDE_PATH:
      g_value_set_string (value, self->set_aside_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_user_db_class_init (PlUserDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_user_db_finalize;
  object_class->get_property = pl_user_db_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SET_ASIDE_PATH] =
    g_param_spec_string ("set-aside-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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

/* ------------------------------------------------------------------ */
/* Opening, and setting an unreadable file aside                       */

typedef enum
{
  CHECK_OK,
  CHECK_UNREADABLE,   /* set it aside; the reason says why */
  CHECK_FAILED,       /* leave it alone; the error says why */
} CheckResult;

static gboolean
rc_means_unreadable (int rc)
{
  int primary = rc & 0xff;

  return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT;
}

static char *
unreadable_reason (int rc)
{
  if ((rc & 0xff) == SQLITE_NOTADB)
    return g_strdup (_("The file is not an SQLite database."));
  return g_strdup (_("The file is damaged."));
}

static int
open_connection (const char  *path,
                 sqlite3    **db)
{
  int rc = sqlite3_open_v2 (path, db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);

  if (*db != NULL)
    {
      sqlite3_busy_timeout (*db, 5000);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    }

  return rc;
}

/* Reads @db without writing to it, and says whether it is a notes database
 * we can use, one to set aside, or one to leave alone. */
static CheckResult
check_database (sqlite3  *db,
                char    **reason,
                GError  **error)
{
  static const char * const annotation_columns[] = {
    "dataset_id", "item_kind", "item_id", "note", "starred", "highlight", "created", "modified", NULL
  };
  static const char * const tag_columns[] = { "dataset_id", "item_kind", "item_id", "tag", NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *first_problem = NULL;
  guint n_rows = 0;
  gboolean ok = FALSE;
  int version = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      n_rows++;
      ok = n_rows == 1 && strcmp (pl_sqlite_column_text (stmt, 0), "ok") == 0;
      if (!ok && first_problem == NULL)
        first_problem = pl_sqlite_first_problem (pl_sqlite_column_text (stmt, 0));
    }
  if (rc_means_unreadable (rc))
    {
      *reason = unreadable_reason (rc);
      return CHECK_UNREADABLE;
    }
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("checking the notes database"));
      return CHECK_FAILED;
    }
  if (!ok)
    {
      *reason = g_strdup_printf (
        /* Translators: %s is SQLite's own description of the damage */
        _("The file is damaged (%s)."), first_problem != NULL ? first_problem : "?");
      return CHECK_UNREADABLE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!pl_sqlite_get_user_version (db, &version, error))
    return CHECK_FAILED;

  /* Not corruption: a newer Pactline's file, to be kept for it. */
  if (version > migrations[G_N_ELEMENTS (migrations) - 1].version)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TOO_NEW,
                   /* Translators: the numbers are versions of the notes database */
                   _("The notes database uses version %d of its format, but this version of Pactline reads up to version %d. Update Pactline to open it."),
                   version, migrations[G_N_ELEMENTS (migrations) - 1].version);
      return CHECK_FAILED;
    }

  if (version == 0)
    {
      stmt = pl_sqlite_prepare (db, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", error);
      if (stmt == NULL)
        return CHECK_FAILED;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          pl_sqlite_set_error (error, db, rc, _("checking the notes database"));
          return CHECK_FAILED;
        }
      if (sqlite3_column_int (stmt, 0) > 0)
        {
          *reason = g_strdup (_("The file is an SQLite database, but not one of Pactline’s notes."));
          return CHECK_UNREADABLE;
        }
      return CHECK_OK;
    }

  if (!pl_sqlite_has_columns (db, "annotation", annotation_columns, NULL) ||
      !pl_sqlite_has_columns (db, "annotation_tag", tag_columns, NULL))
    {
      *reason = g_strdup (_("The file lacks the tables that hold notes."));
      return CHECK_UNREADABLE;
    }

  return CHECK_OK;
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Renames @path and its journal files to @path.corrupt-YYYYMMDD-HHMMSS,
 * with "-2", "-3" … after it if that is taken. Never deletes anything. */
static char *
set_aside (const char  *path,
           GError     **error)
{
  static const char * const siblings[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;
  int saved;

  for (guint n = 1; target == NULL; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup_printf ("%s.corrupt-%s", path, stamp)
                                          : g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
      gboolean taken = g_file_test (candidate, G_FILE_TEST_EXISTS);

      for (guint i = 0; !taken && i < G_N_ELEMENTS (siblings); i++)
        {
          g_autofree char *sibling = g_strconcat (candidate, siblings[i], NULL);
          taken = g_file_test (sibling, G_FILE_TEST_EXISTS);
        }
      if (!taken)
        target = g_steal_pointer (&candidate);
    }

  if (g_rename (path, target) != 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The notes database “%s” cannot be read, and it could not be set aside: %s"),
                   path, g_strerror (saved));
      return NULL;
    }

  /* A journal left beside a fresh file would be replayed into it. */
  for (guint i = 0; i < G_N_ELEMENTS (siblings); i++)
    {
      g_autofree char *from = g_strconcat (path, siblings[i], NULL);
      g_autofree char *to = g_strconcat (target, siblings[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("The notes database “%s” cannot be read and was moved to “%s”, but “%s” could not be moved with it: %s"),
                       path, target, from, g_strerror (saved));
          return NULL;
        }
    }

  sync_directory (path);
  return g_steal_pointer (&target);
}

static void
close_without_writing (sqlite3 **db)
{
  if (*db == NULL)
    return;
  /* Closing a WAL database checkpoints into it; a damaged one must keep
   * the bytes it has. */
  sqlite3_db_config (*db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_close (*db);
  *db = NULL;
}

/* Opens, checks and migrates the file at self->path. On CHECK_UNREADABLE
 * nothing was written and the connection is closed. */
static CheckResult
try_open (PlUserDb  *self,
          char     **reason,
          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  CheckResult result;
  int rc;

  rc = open_connection (self->path, &self->db);
  if (rc != SQLITE_OK)
    {
      result = rc_means_unreadable (rc) ? CHECK_UNREADABLE : CHECK_FAILED;
      if (result == CHECK_UNREADABLE)
        *reason = unreadable_reason (rc);
      else
        pl_sqlite_set_error (error, self->db, rc, _("opening the notes database"));
      close_without_writing (&self->db);
      return result;
    }

  result = check_database (self->db, reason, error);
  if (result != CHECK_OK)
    {
      close_without_writing (&self->db);
      return result;
    }

  if (!pl_sqlite_exec (self->db,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA foreign_keys = ON;", &local_error) ||
      !pl_sqlite_migrate (self->db, migrations, G_N_ELEMENTS (migrations), &local_error))
    {
      /* quick_check passed, yet SQLite finds damage once it writes. */
      if (g_error_matches (local_error, PL_ERROR, PL_ERROR_CORRUPT) ||
          g_error_matches (local_error, PL_ERROR, PL_ERROR_NOT_A_DATASET))
        {
          *reason = g_strdup (local_error->message);
          close_without_writing (&self->db);
          return CHECK_UNREADABLE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_pointer (&self->db, sqlite3_close);
      return CHECK_FAILED;
    }

  return CHECK_OK;
}

PlUserDb *
pl_user_db_open (const char  *path,
                 GError     **error)
{
  g_autoptr(PlUserDb) self = g_object_new (PL_TYPE_USER_DB, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *reason = NULL;
  CheckResult result;

  self->path = path != NULL ? g_strdup (path) : pl_user_db_default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder for notes “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  result = try_open (self, &reason, error);
  if (result == CHECK_UNREADABLE)
    {
      self->set_aside_path = set_aside (self->path, error);
      if (self->set_aside_path == NULL)
        return NULL;
      self->set_aside_reason = g_steal_pointer (&reason);
      g_message ("The notes database %s could not be read (%s); it was moved to %s and a new one started",
                 self->path, self->set_aside_reason, self->set_aside_path);

      result = try_open (self, &reason, error);
      if (result == CHECK_UNREADABLE)
        g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                     _("A new notes database could not be started at “%s”: %s"), self->path, reason);
    }

  if (result != CHECK_OK)
    return NULL;

  return g_steal_pointer (&self);
}

const char *
pl_user_db_get_path (PlUserDb *self)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  return self->path;
}

const char *
pl_user_db_get_set_aside_path (PlUserDb *self)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  return self->set_aside_path;
}

const char *
pl_user_db_get_set_aside_reason (PlUserDb *self)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  return self->set_aside_reason;
}

sqlite3 *
pl_user_db_get_connection (PlUserDb *self)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  return self->db;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

gboolean
pl_user_db_begin (PlUserDb  *self,
                  GError   **error)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);

  return pl_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

gboolean
pl_user_db_commit (PlUserDb  *self,
                   GError   **error)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);

  if (pl_sqlite_exec (self->db, "COMMIT", error))
    return TRUE;
  pl_user_db_rollback (self);
  return FALSE;
}

void
pl_user_db_rollback (PlUserDb *self)
{
  g_return_if_fail (PL_IS_USER_DB (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
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

static gboolean
delete_row (PlUserDb    *self,
            const char  *dataset_id,
            PlItemKind   item_kind,
            const char  *item_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Tags go with it through ON DELETE CASCADE. */
  stmt = pl_sqlite_prepare (self->db,
    "DELETE FROM annotation WHERE dataset_id = ?1 AND item_kind = ?2 AND item_id = ?3", error);
  if (stmt == NULL)
    return FALSE;

  bind_key (stmt, dataset_id, pl_enum_to_nick (PL_TYPE_ITEM_KIND, item_kind), item_id);
  return step_done (self, stmt, error);
}

/* Inside a transaction: the row and its tags. With @keep_created an
 * existing row keeps its created time; *@created_out is the time the row
 * has afterwards. */
static gboolean
write_row (PlUserDb            *self,
           const PlAnnotation  *annotation,
           const char          *created_iso,
           const char          *modified_iso,
           gboolean             keep_created,
           char               **created_out,
           GError             **error)
{
  const char *kind = pl_enum_to_nick (PL_TYPE_ITEM_KIND, annotation->item_kind);
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear_tags = NULL;
  g_autoptr(sqlite3_stmt) add_tag = NULL;
  int rc;

  upsert = pl_sqlite_prepare (self->db,
    keep_created
    ? "INSERT INTO annotation (dataset_id, item_kind, item_id, note, starred, highlight, created, modified)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      " ON CONFLICT (dataset_id, item_kind, item_id) DO UPDATE SET"
      "  note = excluded.note, starred = excluded.starred,"
      "  highlight = excluded.highlight, modified = excluded.modified"
      " RETURNING created"
    : "INSERT INTO annotation (dataset_id, item_kind, item_id, note, starred, highlight, created, modified)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      " ON CONFLICT (dataset_id, item_kind, item_id) DO UPDATE SET"
      "  note = excluded.note, starred = excluded.starred,"
      "  highlight = excluded.highlight, created = excluded.created, modified = excluded.modified"
      " RETURNING created", error);
  clear_tags = pl_sqlite_prepare (self->db,
    "DELETE FROM annotation_tag WHERE dataset_id = ?1 AND item_kind = ?2 AND item_id = ?3", error);
  add_tag = pl_sqlite_prepare (self->db,
    "INSERT OR IGNORE INTO annotation_tag (dataset_id, item_kind, item_id, tag) VALUES (?1, ?2, ?3, ?4)", error);
  if (upsert == NULL || clear_tags == NULL || add_tag == NULL)
    return FALSE;

  bind_key (upsert, annotation->dataset_id, kind, annotation->item_id);
  pl_sqlite_bind_text (upsert, 4, annotation->note != NULL ? annotation->note : "");
  sqlite3_bind_int (upsert, 5, annotation->starred ? 1 : 0);
  pl_sqlite_bind_text (upsert, 6, highlight_or_null (annotation->highlight));
  pl_sqlite_bind_text (upsert, 7, created_iso);
  pl_sqlite_bind_text (upsert, 8, modified_iso);
  rc = sqlite3_step (upsert);
  if (rc != SQLITE_ROW)
    {
      pl_sqlite_set_error (error, self->db, rc, _("saving notes"));
      return FALSE;
    }
  if (created_out != NULL)
    *created_out = g_strdup (pl_sqlite_column_text (upsert, 0));
  if (!step_done (self, upsert, error))
    return FALSE;

  bind_key (clear_tags, annotation->dataset_id, kind, annotation->item_id);
  bind_key (add_tag, annotation->dataset_id, kind, annotation->item_id);
  if (!step_done (self, clear_tags, error))
    return FALSE;

  for (guint i = 0; annotation->tags != NULL && annotation->tags[i] != NULL; i++)
    {
      sqlite3_bind_text (add_tag, 4, annotation->tags[i], -1, SQLITE_STATIC);
      if (!step_done (self, add_tag, error))
        return FALSE;
      sqlite3_reset (add_tag);
    }

  return TRUE;
}

gboolean
pl_user_db_save (PlUserDb      *self,
                 PlAnnotation  *annotation,
                 GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_iso = pl_user_db_format_time (now);
  g_autofree char *created_iso = NULL;
  g_autofree char *stored_created = NULL;
  GDateTime *created;

  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (!pl_annotation_validate (annotation, error))
    return FALSE;

  if (pl_annotation_is_empty (annotation))
    {
      if (!pl_user_db_begin (self, error))
        return FALSE;
      if (!delete_row (self, annotation->dataset_id, annotation->item_kind, annotation->item_id, error))
        {
          pl_user_db_rollback (self);
          return FALSE;
        }
      if (!pl_user_db_commit (self, error))
        return FALSE;

      g_clear_pointer (&annotation->created, g_date_time_unref);
      g_clear_pointer (&annotation->modified, g_date_time_unref);
      return TRUE;
    }

  created_iso = pl_user_db_format_time (annotation->created != NULL ? annotation->created : now);

  if (!pl_user_db_begin (self, error))
    return FALSE;
  if (!write_row (self, annotation, created_iso, now_iso, TRUE, &stored_created, error))
    {
      pl_user_db_rollback (self);
      return FALSE;
    }
  if (!pl_user_db_commit (self, error))
    return FALSE;

  created = pl_user_db_parse_time (stored_created);
  g_clear_pointer (&annotation->created, g_date_time_unref);
  annotation->created = created != NULL ? created : g_date_time_ref (now);
  g_clear_pointer (&annotation->modified, g_date_time_unref);
  annotation->modified = g_date_time_ref (now);
  return TRUE;
}

gboolean
pl_user_db_write (PlUserDb            *self,
                  const PlAnnotation  *annotation,
                  GError             **error)
{
  g_autofree char *created_iso = NULL;
  g_autofree char *modified_iso = NULL;

  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (!pl_annotation_validate (annotation, error))
    return FALSE;
  if (annotation->created == NULL || annotation->modified == NULL || pl_annotation_is_empty (annotation))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   _("Only a note that was saved before can be restored"));
      return FALSE;
    }

  created_iso = pl_user_db_format_time (annotation->created);
  modified_iso = pl_user_db_format_time (annotation->modified);
  return write_row (self, annotation, created_iso, modified_iso, FALSE, NULL, error);
}

gboolean
pl_user_db_restore (PlUserDb            *self,
                    const PlAnnotation  *annotation,
                    GError             **error)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);

  if (!pl_user_db_begin (self, error))
    return FALSE;
  if (!pl_user_db_write (self, annotation, error))
    {
      pl_user_db_rollback (self);
      return FALSE;
    }
  return pl_user_db_commit (self, error);
}

gboolean
pl_user_db_delete (PlUserDb    *self,
                   const char  *dataset_id,
                   PlItemKind   item_kind,
                   const char  *item_id,
                   GError     **error)
{
  g_return_val_if_fail (PL_IS_USER_DB (self), FALSE);

  if (!pl_user_db_begin (self, error))
    return FALSE;
  if (!delete_row (self, dataset_id, item_kind, item_id, error))
    {
      pl_user_db_rollback (self);
      return FALSE;
    }
  return pl_user_db_commit (self, error);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

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
  annotation->created = pl_user_db_parse_time (pl_sqlite_column_text (stmt, 6));
  annotation->modified = pl_user_db_parse_time (pl_sqlite_column_text (stmt, 7));

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
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
      g_autoptr(sqlite3_stmt) tags = NULL;

      g_ptr_array_add (one, annotation_from_row (stmt));
      g_clear_pointer (&stmt, sqlite3_finalize);

      /* Only this item's tags, not the whole dataset's. */
      tags = pl_sqlite_prepare (self->db,
        "SELECT tag FROM annotation_tag WHERE dataset_id = ?1 AND item_kind = ?2 AND item_id = ?3"
        " ORDER BY tag", error);
      if (tags == NULL)
        return NULL;
      bind_key (tags, dataset_id, pl_enum_to_nick (PL_TYPE_ITEM_KIND, item_kind), item_id);
      {
        GStrvBuilder *builder = g_strv_builder_new ();
        PlAnnotation *annotation = one->pdata[0];

        while ((rc = sqlite3_step (tags)) == SQLITE_ROW)
          g_strv_builder_add (builder, pl_sqlite_column_text (tags, 0));
        g_strfreev (annotation->tags);
        annotation->tags = g_strv_builder_end (builder);
        g_strv_builder_unref (builder);
      }
      if (rc != SQLITE_DONE)
        {
          pl_sqlite_set_error (error, self->db, rc, _("reading notes"));
          return NULL;
        }
      return g_ptr_array_steal_index (one, 0);
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

GStrv
pl_user_db_list_tags (PlUserDb    *self,
                      const char  *dataset_id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_USER_DB (self), NULL);

  stmt = pl_sqlite_prepare (self->db,
    "SELECT DISTINCT tag FROM annotation_tag WHERE dataset_id = ?1 ORDER BY tag", error);
  if (stmt == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  pl_sqlite_bind_text (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, pl_sqlite_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, self->db, rc, _("reading notes"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}
