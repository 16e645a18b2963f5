/* pl-schema.h — the SQLite schema of a dataset file and its migrations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define PL_SCHEMA_VERSION 1

gboolean pl_schema_migrate (sqlite3  *db,
                            GError  **error);
gboolean pl_schema_check   (sqlite3  *db,
                            GError  **error);

G_END_DECLS
