/* pl-importer.c — validates a JSON dataset and imports it into SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file is treated as hostile: it is checked for size, encoding and
 * nesting before json-glib sees it, and every value for its type before it
 * is used. Each problem is reported with its place and validation goes on,
 * so one run lists everything there is to fix. A file is written through a
 * temporary file that replaces the output only when all went well.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-import-private.h"
#include "pl-schema.h"
#include "pl-sqlite.h"
#include "pl-timelinejs-private.h"

static PlImportReport *
report_new (void)
{
  PlImportReport *report = g_new0 (PlImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
pl_import_report_free (PlImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report->dataset_id);
  g_free (report->title);
  g_free (report);
}

char *
pl_import_report_summary (const PlImportReport *report)
{
  return g_strdup_printf (
    /* Translators: a one-line summary of a valid dataset; %s is its id */
    _("%s: %u events, %u actors, %u quotes, %u treaties, %u provisions, %u sources, %u themes, %u eras"),
    report->dataset_id != NULL ? report->dataset_id : "?",
    report->n_events, report->n_actors, report->n_quotes, report->n_treaties,
    report->n_provisions, report->n_sources, report->n_themes, report->n_eras);
}

static void
set_invalid_error (GError               **error,
                   const PlImportReport  *report)
{
  g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
               g_dngettext (GETTEXT_PACKAGE, "The dataset has %u problem", "The dataset has %u problems",
                            report->n_problems),
               report->n_problems);
}

/* pl_timelinejs_is_timelinejs(), for a tree read by pl-json.c: not our
 * format by name, and a TimelineJS title slide or an event with a
 * start_date object. */
static gboolean
is_timelinejs (const PlJsonValue *root)
{
  const PlJsonValue *node;

  if (root->type != PL_JSON_OBJECT)
    return FALSE;

  node = pl_json_object_get (root, "format");
  if (node != NULL && node->type == PL_JSON_STRING && strcmp (node->string, FORMAT_NAME) == 0)
    return FALSE;

  node = pl_json_object_get (root, "title");
  if (node != NULL && node->type == PL_JSON_OBJECT)
    return TRUE;

  node = pl_json_object_get (root, "events");
  for (guint i = 0; node != NULL && node->type == PL_JSON_ARRAY && i < node->length; i++)
    {
      const PlJsonValue *start = pl_json_object_get (&node->elements[i], "start_date");

      if (start != NULL && start->type == PL_JSON_OBJECT)
        return TRUE;
    }

  return FALSE;
}

static PlJsonDocument *
read_json (Import     *self,
           const char *text,
           gsize       length)
{
  PlJsonDocument *doc;
  gsize offset = 0;

  if (!pl_import_precheck (self, text, length))
    return NULL;

  doc = pl_json_document_parse (text, length, PL_IMPORT_MAX_DEPTH, &offset);
  if (doc == NULL)
    pl_import_report_syntax_error (self, text, length, offset);

  return doc;
}

/* Reads @data after the checks of raw text. TimelineJS input, a CSV file
 * by @path's name (which may be NULL) or a TimelineJS3 JSON file by its
 * content, is converted into a dataset first and that is read instead:
 * it then goes through every check any dataset does. The tree holds
 * copies of its text, so @data may go once it is read. */
static PlJsonDocument *
parse (Import     *self,
       const char *path,
       const char *data,
       gsize       length)
{
  g_autoptr(PlJsonDocument) doc = NULL;
  g_autofree char *converted = NULL;
  const char *text = data;

  /* A byte-order mark is harmless; skip it rather than refuse the file. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (pl_timelinejs_is_csv_path (path))
    {
      converted = pl_timelinejs_convert_csv (self, path, text, length);
      if (converted == NULL)
        return NULL;
      return read_json (self, converted, strlen (converted));
    }

  doc = read_json (self, text, length);
  if (doc == NULL || !is_timelinejs (pl_json_document_get_root (doc)))
    return g_steal_pointer (&doc);

  /* The TimelineJS reader works on json-glib's tree; such files are
   * small, made by hand or by TimelineJS's own tools. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) parse_error = NULL;

    if (!json_parser_load_from_data (parser, text, (gssize) length, &parse_error))
      {
        pl_import_report_parse_error (self, parse_error);
        return NULL;
      }
    converted = pl_timelinejs_convert_json (self, path, json_parser_get_root (parser));
    if (converted == NULL)
      return NULL;
  }

  g_clear_pointer (&doc, pl_json_document_free);
  return read_json (self, converted, strlen (converted));
}

/* @path, which may be NULL, only says whether @data is CSV. */
static gboolean
validate (const char      *path,
          const char      *data,
          gsize            length,
          PlImportReport **report_out,
          GError         **error)
{
  g_autoptr(PlImportReport) report = report_new ();
  g_autoptr(PlJsonDocument) doc = NULL;
  gboolean valid;
  Import self;

  pl_import_init (&self, report);

  if (length > PL_IMPORT_MAX_FILE_SIZE)
    pl_import_problem (&self, NULL, _("the file is larger than 1 GiB"));
  else if ((doc = parse (&self, path, data, length)) != NULL)
    pl_import_run (&self, pl_json_document_get_root (doc));

  pl_import_clear (&self);

  valid = report->n_problems == 0;
  if (!valid)
    set_invalid_error (error, report);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);

  return valid;
}

gboolean
pl_import_validate_data (const char      *data,
                         gsize            length,
                         PlImportReport **report_out,
                         GError         **error)
{
  return validate (NULL, data, length, report_out, error);
}

static GMappedFile *
map_file (const char  *path,
          GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (gsize) st.st_size > PL_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   _("“%s” is larger than 1 GiB, which is more than a dataset may be"), path);
      return NULL;
    }

  return g_mapped_file_new (path, FALSE, error);
}

gboolean
pl_import_validate_file (const char      *json_path,
                         PlImportReport **report,
                         GError         **error)
{
  g_autoptr(GMappedFile) mapped = map_file (json_path, error);

  if (mapped == NULL)
    return FALSE;

  return validate (json_path, g_mapped_file_get_contents (mapped),
                   g_mapped_file_get_length (mapped), report, error);
}

/* ------------------------------------------------------------------ */
/* Writing the SQLite file                                             */

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s” to disk: %s"), path, g_strerror (saved));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

/* The file's indexes (other than primary keys), dropped while the rows go
 * in and made again after: one sort per index instead of a search of the
 * tree for every row. Their SQL is read from the new file itself, so they
 * come back exactly as the schema made them. */
static GPtrArray *
drop_indexes (sqlite3  *db,
              GError  **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = pl_sqlite_prepare (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (statements, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("reading the schema"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) names->pdata[i]);

      if (!pl_sqlite_exec (db, drop, error))
        return NULL;
    }

  return g_steal_pointer (&statements);
}

static gboolean
create_indexes (sqlite3    *db,
                GPtrArray  *statements,
                GError    **error)
{
  for (guint i = 0; i < statements->len; i++)
    if (!pl_sqlite_exec (db, statements->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* Takes @doc: the tree is freed once its items are read, while the
 * worker still writes. */
static gboolean
write_database (Import          *self,
                PlJsonDocument  *doc,
                const char  *tmp_path,
                GError     **error)
{
  sqlite3 *db = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  int rc;
  gboolean ok = FALSE;

  rc = sqlite3_open_v2 (tmp_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, db, rc, _("creating the dataset file"));
      sqlite3_close (db);
      return FALSE;
    }
  self->db = db;

  /* The file is private until renamed, so crash safety comes from the
   * rename, not from a journal. */
  if (!pl_sqlite_exec (db,
                       "PRAGMA journal_mode = OFF;"
                       "PRAGMA synchronous = OFF;"
                       "PRAGMA locking_mode = EXCLUSIVE;"
                       "PRAGMA temp_store = MEMORY;"
                       "PRAGMA cache_size = -65536;", error) ||
      !pl_schema_migrate (db, error) ||
      /* Every value is checked before it is written, with its place in
       * the input, and more strictly than the schema's CHECK constraints;
       * SQLite checking them again costs about a fifth of the import, as a
       * CHECK (x IN (…)) of more than two values builds a small table for
       * every row it tests (/importer/import-every-enum-value keeps the
       * two in step). */
      !pl_sqlite_exec (db, "PRAGMA ignore_check_constraints = ON", error) ||
      (self->worker = pl_import_worker_new (db, tmp_path, error)) == NULL ||
      !pl_sqlite_exec (db, "BEGIN", error) ||
      (indexes = drop_indexes (db, error)) == NULL)
    goto out;

  pl_import_prepare_statements (self);
  if (self->db_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->db_error));
      goto out;
    }
  pl_import_worker_start (self->worker);
  pl_import_run (self, pl_json_document_get_root (doc));
  pl_import_worker_close (self->worker);
  pl_import_finalize_statements (self);
  /* Neither the tree nor the ids the checks kept, which point into it,
   * are needed any more. */
  for (guint c = 0; c < N_COLLECTIONS; c++)
    g_clear_pointer (&self->ids[c], g_hash_table_unref);
  g_clear_pointer (&doc, pl_json_document_free);

  if (self->report->n_problems > 0)
    {
      set_invalid_error (error, self->report);
      goto out;
    }
  if (self->db_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->db_error));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    goto out;

  /* The indexes are made while the worker merges the search index. */
  if (!create_indexes (db, indexes, error) ||
      !pl_sqlite_exec (db, "COMMIT", error) ||
      !pl_import_worker_finish (self->worker, db, error))
    goto out;

  ok = TRUE;

out:
  g_clear_pointer (&doc, pl_json_document_free);
  pl_import_finalize_statements (self);
  g_clear_pointer (&self->worker, pl_import_worker_free);
  self->db = NULL;
  rc = sqlite3_close (db);
  if (ok && rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, NULL, rc, _("closing the dataset file"));
      ok = FALSE;
    }

  return ok;
}

gboolean
pl_import_file (const char       *json_path,
                const char       *sqlite_path,
                PlImportProgress  progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                PlImportReport  **report_out,
                GError          **error)
{
  g_autoptr(PlImportReport) report = report_new ();
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(PlJsonDocument) doc = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *dir = NULL;
  gboolean ok = FALSE;
  Import self;
  int fd;

  g_return_val_if_fail (json_path != NULL, FALSE);
  g_return_val_if_fail (sqlite_path != NULL, FALSE);

  mapped = map_file (json_path, error);
  if (mapped == NULL)
    return FALSE;

  pl_import_init (&self, report);
  self.progress = progress;
  self.progress_data = progress_data;
  self.cancellable = cancellable;

  doc = parse (&self, json_path, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  if (doc == NULL)
    {
      set_invalid_error (error, report);
      goto out;
    }

  /* Beside the output, so the final rename stays on one file system. */
  tmp_path = g_strdup_printf ("%s.XXXXXX", sqlite_path);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create a file beside “%s”: %s"), sqlite_path, g_strerror (saved));
      g_clear_pointer (&tmp_path, g_free);
      goto out;
    }
  close (fd);

  if (!write_database (&self, g_steal_pointer (&doc), tmp_path, error) ||
      !sync_path (tmp_path, FALSE, error))
    goto out;

  if (g_rename (tmp_path, sqlite_path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not replace “%s”: %s"), sqlite_path, g_strerror (saved));
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);

  dir = g_path_get_dirname (sqlite_path);
  if (!sync_path (dir, TRUE, error))
    goto out;

  if (progress != NULL)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  pl_import_clear (&self);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);

  return ok;
}
