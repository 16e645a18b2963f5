/* pl-import-worker.h — the second thread of an import: the search index
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _PlImportWorker PlImportWorker;

/* A worker that will build, in a file beside @dataset_path, the search
 * table @db's schema defines. */
PlImportWorker *pl_import_worker_new       (sqlite3            *db,
                                            const char         *dataset_path,
                                            GError            **error);
void            pl_import_worker_start     (PlImportWorker     *self);
/* One row of the search index; the strings are copied. */
void            pl_import_worker_search    (PlImportWorker     *self,
                                            gint64              rowid,
                                            const char         *kind,
                                            const char         *id,
                                            const char         *title,
                                            const char         *body);
/* No more rows: the worker merges the index while the caller goes on. */
void            pl_import_worker_close     (PlImportWorker     *self);
/* Waits for the worker and copies its index into @db, which must not be
 * in a transaction. */
gboolean        pl_import_worker_finish    (PlImportWorker     *self,
                                            sqlite3            *db,
                                            GError            **error);
/* Stops the worker if it still runs and removes its file. */
void            pl_import_worker_free      (PlImportWorker     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlImportWorker, pl_import_worker_free)

G_END_DECLS
