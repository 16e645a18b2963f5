/* pl-sqlite.h — small helpers around the SQLite C API
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* One step of a schema: the SQL that brings version - 1 to version. */
typedef struct
{
  int         version;
  const char *sql;
} PlMigration;

void      pl_sqlite_set_error     (GError       **error,
                                   sqlite3       *db,
                                   int            rc,
                                   const char    *doing);
gboolean  pl_sqlite_exec          (sqlite3       *db,
                                   const char    *sql,
                                   GError       **error);
sqlite3_stmt *pl_sqlite_prepare   (sqlite3       *db,
                                   const char    *sql,
                                   GError       **error);
gboolean  pl_sqlite_get_user_version (sqlite3    *db,
                                   int           *version,
                                   GError       **error);
gboolean  pl_sqlite_migrate       (sqlite3           *db,
                                   const PlMigration *steps,
                                   guint              n_steps,
                                   GError           **error);
gboolean  pl_sqlite_has_columns   (sqlite3       *db,
                                   const char    *table,
                                   const char * const *columns,
                                   GError       **error);
char     *pl_sqlite_first_problem (const char    *report);
gboolean  pl_sqlite_quick_check   (sqlite3       *db,
                                   char         **problem,
                                   GError       **error);
void      pl_sqlite_bind_text     (sqlite3_stmt  *stmt,
                                   int            column,
                                   const char    *text);
const char *pl_sqlite_column_text (sqlite3_stmt  *stmt,
                                   int            column);

/* Process-wide SQLite settings; call once at start, before any database
 * is opened (later calls change nothing). */
void      pl_sqlite_configure (void);

G_END_DECLS
