/* pl-import-search.h — the search index of an import, built on a second thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _PlImportSearch PlImportSearch;

/* Starts a worker that builds, in a file beside @dataset_path, the search
 * table @db's schema defines. */
PlImportSearch *pl_import_search_new    (sqlite3         *db,
                                         const char      *dataset_path,
                                         GError         **error);
/* One row of the index; the strings are copied. */
void            pl_import_search_add    (PlImportSearch  *self,
                                         gint64           rowid,
                                         const char      *kind,
                                         const char      *id,
                                         const char      *title,
                                         const char      *body);
/* Waits for the worker and copies its index into @db, which must not be
 * in a transaction. */
gboolean        pl_import_search_finish (PlImportSearch  *self,
                                         sqlite3         *db,
                                         GError         **error);
/* Stops the worker if it still runs and removes its file. */
void            pl_import_search_free   (PlImportSearch  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlImportSearch, pl_import_search_free)

G_END_DECLS
