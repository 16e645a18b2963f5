/* pl-import-worker.h — the second thread of an import: the search index and the link tables
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _PlImportWorker PlImportWorker;

/* A worker that will write, in a file beside @dataset_path, the search
 * table @db's schema defines and the tables added to it. */
PlImportWorker *pl_import_worker_new       (sqlite3            *db,
                                            const char         *dataset_path,
                                            GError            **error);
/* Before the start: a table of @db the worker writes with @insert_sql,
 * whose values are the owner's key, the id it links to and a position,
 * and whose @index_sql it makes once the rows are in. Returns the table's
 * number for pl_import_worker_link(), or 0 on error. */
guint           pl_import_worker_add_table (PlImportWorker     *self,
                                            sqlite3            *db,
                                            const char         *name,
                                            const char         *insert_sql,
                                            GPtrArray          *index_sql,
                                            GError            **error);
void            pl_import_worker_start     (PlImportWorker     *self);
/* One row of the search index; the strings are copied. */
void            pl_import_worker_search    (PlImportWorker     *self,
                                            gint64              rowid,
                                            const char         *kind,
                                            const char         *id,
                                            const char         *title,
                                            const char         *body);
/* One row of a link table; the strings are copied. */
void            pl_import_worker_link      (PlImportWorker     *self,
                                            guint               table,
                                            const char * const *key,
                                            guint               n_key,
                                            const char         *ref,
                                            gint64              position);
/* No more rows: the worker makes its indexes while the caller goes on. */
void            pl_import_worker_close     (PlImportWorker     *self);
/* Waits for the worker and copies its tables, with their indexes, into
 * @db, which must not be in a transaction. */
gboolean        pl_import_worker_finish    (PlImportWorker     *self,
                                            sqlite3            *db,
                                            GError            **error);
/* Stops the worker if it still runs and removes its file. */
void            pl_import_worker_free      (PlImportWorker     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlImportWorker, pl_import_worker_free)

G_END_DECLS
