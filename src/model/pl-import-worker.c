/* pl-import-worker.c — the second thread of an import: the search index
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite lets one connection write a file at a time, and building the
 * full-text index costs about as much as writing every other row of a
 * dataset. So a worker thread with a connection of its own builds it in a
 * file of its own, beside the dataset's, while the importer checks items
 * and writes their rows; at the end the index is copied into the dataset.
 *
 * The index is one FTS5 table, made in the worker's file by the very
 * statement that made the dataset's (read from the dataset's schema), with
 * the same SQLite library; FTS5 keeps all of it in five ordinary tables
 * named after it, which are copied row for row, so what is copied is what
 * the dataset's own connection would have built. (The link tables went to
 * the worker too for a while: the main thread then waited for it, and the
 * import was slower.)
 *
 * Rows go to the worker in batches whose text is copied into one buffer;
 * a fixed number of batches circulate between the two threads, so memory
 * stays bounded whichever side is faster.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pl-import-worker.h"
#include "pl-error.h"
#include "pl-sqlite.h"

#define BATCH_ROWS   1024
#define N_BATCHES    16

static const char * const search_tables[] = {
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

struct _PlImportWorker
{
  char        *path;
  char        *create_sql;        /* the search table's, from the dataset */
  GThread     *thread;
  GAsyncQueue *full;              /* Batch*, main → worker */
  GAsyncQueue *empty;             /* Batch*, worker → main */
  Batch       *current;           /* being filled by the main thread */
  Batch       *batches[N_BATCHES];
  gboolean     failed;            /* set by the worker; read after the join */
  GError      *error;             /* the worker's */
  gint         abort;             /* atomic: the main thread gave up */
  gboolean     closed;            /* the last batch is handed over */
  GMutex       lock;              /* guards db */
  sqlite3     *db;                /* the worker's connection while open */
};

static void
batch_reset (Batch *batch)
{
  batch->n_rows = 0;
  batch->last = FALSE;
  g_string_truncate (batch->text, 0);
}

/* ------------------------------------------------------------------ */
/* The worker thread                                                   */

static gboolean
insert_batch (PlImportWorker *self,
              sqlite3        *db,
              sqlite3_stmt   *insert,
              Batch          *batch)
{
  const char *text = batch->text->str;

  for (guint i = 0; i < batch->n_rows; i++)
    {
      const Row *row = &batch->rows[i];
      int rc;

      if (g_atomic_int_get (&self->abort))
        return FALSE;

      sqlite3_bind_int64 (insert, 1, row->rowid);
      sqlite3_bind_text (insert, 2, text + row->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, text + row->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, text + row->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, text + row->body, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        {
          pl_sqlite_set_error (&self->error, db, rc, _("writing the dataset"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Makes the worker's file and its search table. */
static sqlite3 *
worker_open (PlImportWorker *self)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (&self->error, db, rc, _("creating the dataset file"));
      sqlite3_close (db);
      return NULL;
    }

  /* Private and thrown away, like the dataset's file until it is renamed. */
  if (!pl_sqlite_exec (db,
                       "PRAGMA journal_mode = OFF;"
                       "PRAGMA synchronous = OFF;"
                       "PRAGMA locking_mode = EXCLUSIVE;"
                       "PRAGMA temp_store = MEMORY;"
                       "PRAGMA cache_size = -32768;"
                       "BEGIN", &self->error))
    {
      sqlite3_close (db);
      return NULL;
    }

  if (!pl_sqlite_exec (db, self->create_sql, &self->error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/* The index's segments merged once, which makes every search faster. */
static gboolean
worker_finish (PlImportWorker *self,
               sqlite3        *db)
{
  return pl_sqlite_exec (db, "INSERT INTO search (search) VALUES ('optimize'); COMMIT", &self->error);
}

/* While the rows go in, FTS5 merges no segments but when it must; the one
 * merge at the end does that work once instead of over and over. These
 * settings stay in this file: they are not copied. */
static const char * const bulk_settings[] = { "automerge", "crisismerge" };

static gboolean
worker_bulk_settings (PlImportWorker *self,
                      sqlite3        *db)
{
  return pl_sqlite_exec (db,
                         "INSERT INTO search (search, rank) VALUES ('automerge', 0);"
                         "INSERT INTO search (search, rank) VALUES ('crisismerge', 64)",
                         &self->error);
}

static gpointer
worker (gpointer data)
{
  PlImportWorker *self = data;
  sqlite3_stmt *insert = NULL;
  sqlite3 *db = worker_open (self);
  gboolean ok = db != NULL;
  gboolean last = FALSE;
  int rc;

  g_mutex_lock (&self->lock);
  self->db = db;
  g_mutex_unlock (&self->lock);

  ok = ok && worker_bulk_settings (self, db);
  if (ok)
    {
      insert = pl_sqlite_prepare (db, "INSERT INTO search (rowid, kind, item_id, title, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                                  &self->error);
      ok = insert != NULL;
    }

  /* Whatever goes wrong, the main thread hands over its batches until the
   * last; after a failure they are taken and returned unread. */
  while (!last)
    {
      Batch *batch = g_async_queue_pop (self->full);

      last = batch->last;
      ok = ok && insert_batch (self, db, insert, batch);
      batch_reset (batch);
      g_async_queue_push (self->empty, batch);
    }

  ok = ok && !g_atomic_int_get (&self->abort) && worker_finish (self, db);

  g_clear_pointer (&insert, sqlite3_finalize);
  g_mutex_lock (&self->lock);
  self->db = NULL;
  g_mutex_unlock (&self->lock);
  rc = sqlite3_close (db);
  if (ok && rc != SQLITE_OK)
    {
      pl_sqlite_set_error (&self->error, NULL, rc, _("closing the dataset file"));
      ok = FALSE;
    }
  self->failed = !ok;

  return NULL;
}

/* ------------------------------------------------------------------ */
/* The main thread's side                                              */

static char *
schema_sql (sqlite3     *db,
            const char  *type,
            const char  *name,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = pl_sqlite_prepare (db, "SELECT sql FROM main.sqlite_schema WHERE type = ?1 AND name = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    {
      pl_sqlite_set_error (error, db, SQLITE_CORRUPT, _("reading the schema"));
      return NULL;
    }

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

PlImportWorker *
pl_import_worker_new (sqlite3     *db,
                      const char  *dataset_path,
                      GError     **error)
{
  PlImportWorker *self;
  g_autofree char *search_sql = NULL;
  g_autofree char *path = NULL;
  int fd;

  search_sql = schema_sql (db, "table", "search", error);
  if (search_sql == NULL)
    return NULL;

  /* Beside the dataset's file: private, and on the same file system. */
  path = g_strdup_printf ("%s-part.XXXXXX", dataset_path);
  fd = g_mkstemp (path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create a file beside “%s”: %s"), dataset_path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_new0 (PlImportWorker, 1);
  g_mutex_init (&self->lock);
  self->path = g_steal_pointer (&path);
  self->create_sql = g_steal_pointer (&search_sql);

  return self;
}

void
pl_import_worker_start (PlImportWorker *self)
{
  g_return_if_fail (self->thread == NULL);

  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      self->batches[i] = g_new0 (Batch, 1);
      self->batches[i]->text = g_string_sized_new (64 * 1024);
      g_async_queue_push (self->empty, self->batches[i]);
    }
  self->thread = g_thread_new ("pactline-import", worker, self);
}

static gsize
add_text (Batch      *batch,
          const char *text)
{
  gsize offset = batch->text->len;

  g_string_append_len (batch->text, text, (gssize) strlen (text) + 1);
  return offset;
}

void
pl_import_worker_search (PlImportWorker *self,
                         gint64          rowid,
                         const char     *kind,
                         const char     *id,
                         const char     *title,
                         const char     *body)
{
  Batch *batch;
  Row *row;

  g_return_if_fail (!self->closed);

  if (self->current == NULL)
    self->current = g_async_queue_pop (self->empty);
  batch = self->current;

  row = &batch->rows[batch->n_rows];
  row->rowid = rowid;
  row->kind = add_text (batch, kind);
  row->id = add_text (batch, id);
  row->title = add_text (batch, title);
  row->body = add_text (batch, body);

  if (++batch->n_rows == BATCH_ROWS)
    {
      g_async_queue_push (self->full, batch);
      self->current = NULL;
    }
}

void
pl_import_worker_close (PlImportWorker *self)
{
  Batch *batch;

  if (self->thread == NULL || self->closed)
    return;

  batch = self->current != NULL ? self->current : g_async_queue_pop (self->empty);
  self->current = NULL;
  batch->last = TRUE;
  g_async_queue_push (self->full, batch);
  self->closed = TRUE;
}

/* Hands over the last batch if that is not done and waits for the
 * worker; TRUE if it wrote everything. */
static gboolean
join (PlImportWorker  *self,
      GError         **error)
{
  if (self->thread == NULL)
    {
      if (self->failed)
        g_set_error_literal (error, PL_ERROR, PL_ERROR_FAILED, _("The dataset file could not be written"));
      return !self->failed;
    }

  pl_import_worker_close (self);
  g_thread_join (g_steal_pointer (&self->thread));

  if (self->failed)
    {
      if (self->error != NULL)
        g_propagate_error (error, g_steal_pointer (&self->error));
      else
        g_set_error_literal (error, PL_ERROR, PL_ERROR_FAILED, _("The dataset file could not be written"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_table (sqlite3     *db,
            const char  *name,
            const char  *where,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM main.\"%s\";"
                                          "INSERT INTO main.\"%s\" SELECT * FROM import_part.\"%s\"%s",
                                          name, name, name, where);

  return pl_sqlite_exec (db, sql, error);
}

gboolean
pl_import_worker_finish (PlImportWorker  *self,
                         sqlite3         *db,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) attach = NULL;
  gboolean ok;
  int rc;

  if (!join (self, error))
    return FALSE;

  /* ATTACH cannot run inside a transaction; the caller has committed. */
  attach = pl_sqlite_prepare (db, "ATTACH DATABASE ?1 AS import_part", error);
  if (attach == NULL)
    return FALSE;
  sqlite3_bind_text (attach, 1, self->path, -1, SQLITE_STATIC);
  rc = sqlite3_step (attach);
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("reading the dataset file"));
      return FALSE;
    }

  ok = pl_sqlite_exec (db, "BEGIN", error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (search_tables); i++)
    {
      g_autofree char *where = NULL;

      if (strcmp (search_tables[i], "search_config") == 0)
        where = g_strdup_printf (" WHERE k NOT IN ('%s', '%s')", bulk_settings[0], bulk_settings[1]);
      ok = copy_table (db, search_tables[i], where != NULL ? where : "", error);
    }
  ok = ok && pl_sqlite_exec (db, "COMMIT", error);
  if (!ok)
    pl_sqlite_exec (db, "ROLLBACK", NULL);

  return pl_sqlite_exec (db, "DETACH DATABASE import_part", ok ? error : NULL) && ok;
}

void
pl_import_worker_free (PlImportWorker *self)
{
  if (self == NULL)
    return;

  /* Given up: the worker stops between rows, or SQLite stops it in the
   * middle of making an index. */
  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->abort, 1);
      g_mutex_lock (&self->lock);
      if (self->db != NULL)
        sqlite3_interrupt (self->db);
      g_mutex_unlock (&self->lock);
      join (self, NULL);
    }

  g_unlink (self->path);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      if (self->batches[i] == NULL)
        continue;
      g_string_free (self->batches[i]->text, TRUE);
      g_free (self->batches[i]);
    }
  g_clear_pointer (&self->full, g_async_queue_unref);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  g_free (self->create_sql);
  g_mutex_clear (&self->lock);
  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self);
}
