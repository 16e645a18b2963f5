/* pl-import-search.c — the search index of an import, built on a second thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filling the full-text index takes about as long as writing every other
 * row of a dataset, and SQLite lets one connection write a file at a time.
 * So the index is built in a file of its own, beside the dataset's, by a
 * worker thread with its own connection, while the importer checks items
 * and writes their rows; at the end its tables are copied into the dataset.
 *
 * The index is one FTS5 table, and FTS5 keeps everything in five ordinary
 * tables named after it (search_data, search_idx, search_content,
 * search_docsize, search_config). The worker's table is made by the very
 * statement that made the dataset's (read from the dataset's schema), with
 * the same SQLite library, so the five tables copied row for row are the
 * index the dataset's own connection would have built.
 *
 * Rows go to the worker in batches whose text is copied into one buffer;
 * a fixed number of batches circulate between the two threads, so memory
 * stays bounded whichever side is faster.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pl-import-search.h"
#include "pl-error.h"
#include "pl-sqlite.h"

#define BATCH_ROWS   512
#define N_BATCHES    16

static const char * const shadow_tables[] = {
  "search_data", "search_idx", "search_content", "search_docsize", "search_config",
};

typedef struct
{
  gint64 rowid;
  gsize  kind, id, title, body;   /* offsets into the batch's text */
} Row;

typedef struct
{
  Row      rows[BATCH_ROWS];
  guint    n_rows;
  GString *text;
  gboolean last;                  /* no rows follow */
} Batch;

struct _PlImportSearch
{
  char        *path;
  char        *create_sql;
  GThread     *thread;
  GAsyncQueue *full;              /* Batch*, main → worker */
  GAsyncQueue *empty;             /* Batch*, worker → main */
  Batch       *current;           /* being filled by the main thread */
  Batch       *batches[N_BATCHES];
  gboolean     failed;            /* set by the worker; read after the join */
  GError      *error;             /* the worker's */
  gint         abort;             /* atomic: the main thread gave up */
};

static void
batch_reset (Batch *batch)
{
  batch->n_rows = 0;
  batch->last = FALSE;
  g_string_truncate (batch->text, 0);
}

static gsize
batch_add_text (Batch      *batch,
                const char *text)
{
  gsize offset = batch->text->len;

  g_string_append_len (batch->text, text, (gssize) strlen (text) + 1);
  return offset;
}

static gboolean
worker_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  return pl_sqlite_exec (db, sql, error);
}

static gpointer
worker (gpointer data)
{
  PlImportSearch *self = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (&self->error, db, rc, _("creating the search index"));
      goto drain;
    }

  if (!worker_exec (db,
                    "PRAGMA journal_mode = OFF;"
                    "PRAGMA synchronous = OFF;"
                    "PRAGMA locking_mode = EXCLUSIVE;"
                    "PRAGMA temp_store = MEMORY;"
                    "PRAGMA cache_size = -32768;"
                    "BEGIN", &self->error) ||
      !worker_exec (db, self->create_sql, &self->error))
    goto drain;

  insert = pl_sqlite_prepare (db, "INSERT INTO search (rowid, kind, item_id, title, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                              &self->error);
  if (insert == NULL)
    goto drain;

  for (;;)
    {
      Batch *batch = g_async_queue_pop (self->full);
      gboolean last = batch->last;

      for (guint i = 0; i < batch->n_rows && self->error == NULL && !g_atomic_int_get (&self->abort); i++)
        {
          const Row *row = &batch->rows[i];
          const char *text = batch->text->str;

          sqlite3_bind_int64 (insert, 1, row->rowid);
          sqlite3_bind_text (insert, 2, text + row->kind, -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 3, text + row->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 4, text + row->title, -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 5, text + row->body, -1, SQLITE_STATIC);
          rc = sqlite3_step (insert);
          sqlite3_reset (insert);
          if (rc != SQLITE_DONE)
            pl_sqlite_set_error (&self->error, db, rc, _("writing the search index"));
        }
      batch_reset (batch);
      g_async_queue_push (self->empty, batch);

      if (last)
        break;
    }

  if (self->error == NULL && !g_atomic_int_get (&self->abort))
    {
      /* Merging the index's segments once now makes every search faster. */
      ok = worker_exec (db, "INSERT INTO search (search) VALUES ('optimize'); COMMIT", &self->error);
    }
  goto out;

drain:
  /* Whatever went wrong, the main thread still hands over its batches
   * until the last; they are taken and returned unread. */
  for (;;)
    {
      Batch *batch = g_async_queue_pop (self->full);
      gboolean last = batch->last;

      batch_reset (batch);
      g_async_queue_push (self->empty, batch);
      if (last)
        break;
    }

out:
  g_clear_pointer (&insert, sqlite3_finalize);
  rc = sqlite3_close (db);
  if (ok && rc != SQLITE_OK)
    {
      pl_sqlite_set_error (&self->error, NULL, rc, _("closing the search index"));
      ok = FALSE;
    }
  self->failed = !ok;

  return NULL;
}

PlImportSearch *
pl_import_search_new (sqlite3     *db,
                      const char  *dataset_path,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PlImportSearch *self;
  g_autofree char *create_sql = NULL;
  g_autofree char *path = NULL;
  int fd;

  stmt = pl_sqlite_prepare (db, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = 'search'", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    {
      pl_sqlite_set_error (error, db, sqlite3_errcode (db), _("reading the schema"));
      return NULL;
    }
  create_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  /* Beside the dataset's file: private, and on the same file system. */
  path = g_strdup_printf ("%s-search.XXXXXX", dataset_path);
  fd = g_mkstemp (path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create a file beside “%s”: %s"), dataset_path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_new0 (PlImportSearch, 1);
  self->path = g_steal_pointer (&path);
  self->create_sql = g_steal_pointer (&create_sql);
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      self->batches[i] = g_new0 (Batch, 1);
      self->batches[i]->text = g_string_sized_new (64 * 1024);
      g_async_queue_push (self->empty, self->batches[i]);
    }
  self->thread = g_thread_new ("pactline-search-index", worker, self);

  return self;
}

void
pl_import_search_add (PlImportSearch *self,
                      gint64          rowid,
                      const char     *kind,
                      const char     *id,
                      const char     *title,
                      const char     *body)
{
  Batch *batch;
  Row *row;

  if (self->current == NULL)
    self->current = g_async_queue_pop (self->empty);
  batch = self->current;

  row = &batch->rows[batch->n_rows++];
  row->rowid = rowid;
  row->kind = batch_add_text (batch, kind);
  row->id = batch_add_text (batch, id);
  row->title = batch_add_text (batch, title);
  row->body = batch_add_text (batch, body);

  if (batch->n_rows == BATCH_ROWS)
    {
      g_async_queue_push (self->full, batch);
      self->current = NULL;
    }
}

/* Hands over the last batch and waits for the worker; TRUE if it built
 * the whole index. */
static gboolean
join (PlImportSearch  *self,
      GError         **error)
{
  Batch *batch;

  if (self->thread == NULL)
    return !self->failed;

  batch = self->current != NULL ? self->current : g_async_queue_pop (self->empty);
  self->current = NULL;
  batch->last = TRUE;
  g_async_queue_push (self->full, batch);
  g_thread_join (g_steal_pointer (&self->thread));

  if (self->failed)
    {
      if (self->error != NULL)
        g_propagate_error (error, g_steal_pointer (&self->error));
      else
        g_set_error_literal (error, PL_ERROR, PL_ERROR_FAILED, _("The search index could not be built"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pl_import_search_finish (PlImportSearch  *self,
                         sqlite3         *db,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) attach = NULL;
  gboolean ok;
  int rc;

  if (!join (self, error))
    return FALSE;

  /* ATTACH cannot run inside a transaction; the caller has committed. */
  attach = pl_sqlite_prepare (db, "ATTACH DATABASE ?1 AS search_index", error);
  if (attach == NULL)
    return FALSE;
  sqlite3_bind_text (attach, 1, self->path, -1, SQLITE_STATIC);
  rc = sqlite3_step (attach);
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("reading the search index"));
      return FALSE;
    }

  ok = pl_sqlite_exec (db, "BEGIN", error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (shadow_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM main.\"%s\";"
                                              "INSERT INTO main.\"%s\" SELECT * FROM search_index.\"%s\"",
                                              shadow_tables[i], shadow_tables[i], shadow_tables[i]);

      ok = pl_sqlite_exec (db, sql, error);
    }
  ok = ok && pl_sqlite_exec (db, "COMMIT", error);
  if (!ok)
    pl_sqlite_exec (db, "ROLLBACK", NULL);

  return pl_sqlite_exec (db, "DETACH DATABASE search_index", ok ? error : NULL) && ok;
}

void
pl_import_search_free (PlImportSearch *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->abort, 1);
      join (self, NULL);
    }

  g_unlink (self->path);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_string_free (self->batches[i]->text, TRUE);
      g_free (self->batches[i]);
    }
  g_async_queue_unref (self->full);
  g_async_queue_unref (self->empty);
  g_clear_error (&self->error);
  g_free (self->create_sql);
  g_free (self->path);
  g_free (self);
}
