/* pl-schema.h — the SQLite schema of a dataset file and its migrations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* 1: the data contract; 2: the comparison matrix (clause_type, comparison
 * and its links); 3: tours (tour, tour_event); 4: the search index with
 * prefix indexes and rowids that name their items. */
#define PL_SCHEMA_VERSION 4

/* From version 4 a row of the search index has the rowid
 * kind × 2⁴⁰ + the item's rowid in its own table, kind being the
 * PlItemKind value, so a search finds its items from rowids alone. */
#define PL_SEARCH_ROWID_BITS 40
#define PL_SEARCH_ROWID(kind, rowid) (((gint64) (kind) << PL_SEARCH_ROWID_BITS) | (gint64) (rowid))

/* Brings a writable file to PL_SCHEMA_VERSION, all steps in one
 * transaction. */
gboolean pl_schema_migrate    (sqlite3  *db,
                               GError  **error);
/* The same, stopping at @version (for tests and tools that write older
 * files). */
gboolean pl_schema_migrate_to (sqlite3  *db,
                               int       version,
                               GError  **error);
/* For a file opened read-only: accepts versions 1 to PL_SCHEMA_VERSION and
 * stores the file's version in @version (may be NULL). */
gboolean pl_schema_check      (sqlite3  *db,
                               int      *version,
                               GError  **error);

G_END_DECLS
