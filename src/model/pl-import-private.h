/* pl-import-private.h — shared by the parts of the JSON importer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pl-import-check.c checks raw text and single values and records problems,
 * pl-import-items.c walks the collections and writes rows, pl-importer.c
 * reads files and owns the public API.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pl-import-worker.h"
#include "pl-json.h"
#include "pl-importer.h"

G_BEGIN_DECLS

#define FORMAT_NAME     "pactline-dataset"
/* 1: the data contract; 2 adds clause_types and comparisons; 3 adds
 * tours. */
#define FORMAT_VERSION  3

typedef enum
{
  COLL_SOURCES,
  COLL_ACTORS,
  COLL_THEMES,
  COLL_ERAS,
  COLL_EVENTS,
  COLL_TREATIES,
  COLL_PROVISIONS,
  COLL_QUOTES,
  COLL_CLAUSE_TYPES,
  COLL_COMPARISONS,
  COLL_TOURS,
  N_COLLECTIONS
} Collection;

typedef struct
{
  PlImportReport *report;
  GHashTable     *ids[N_COLLECTIONS];    /* id (or composite key) → index + 1 */
  gint64          format_version;        /* once checked */

  /* Only while importing; NULL when just validating. */
  sqlite3        *db;
  sqlite3_stmt   *insert[N_COLLECTIONS];
  sqlite3_stmt   *insert_link[N_COLLECTIONS][16];
  PlImportWorker *worker;                /* builds the search index */
  sqlite3_stmt   *insert_meta;
  GError         *db_error;              /* first SQLite failure */

  PlImportProgress progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  guint            n_items;              /* all items, for progress */
  guint            n_done;
} Import;

/* pl-import-check.c */
void         pl_import_problem            (Import      *self,
                                           const char  *place,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (3, 4);
char        *pl_import_quote_value        (const char  *text);
const char  *pl_import_describe_node      (JsonNode    *node);
gboolean     pl_import_node_is_string     (JsonNode    *node);
const char  *pl_import_describe_value     (const PlJsonValue *value);
gboolean     pl_import_is_valid_id        (const char  *text);
gboolean     pl_import_is_valid_color     (const char  *text);
gboolean     pl_import_is_valid_url       (const char  *text);
gboolean     pl_import_is_valid_language  (const char  *text);
gboolean     pl_import_get_string         (Import      *self,
                                           JsonObject  *object,
                                           const char  *place,
                                           const char  *name,
                                           gboolean     required,
                                           const char **out);
gboolean     pl_import_member_string      (Import             *self,
                                           const PlJsonValue  *object,
                                           const char         *place,
                                           const char         *name,
                                           gboolean            required,
                                           const char        **out);
void         pl_import_unknown_member     (Import       *self,
                                           const char   *place,
                                           const char   *name);
gboolean     pl_import_precheck           (Import      *self,
                                           const char  *data,
                                           gsize        length);
void         pl_import_report_parse_error (Import       *self,
                                           const GError *parse_error);
void         pl_import_report_syntax_error (Import     *self,
                                            const char *data,
                                            gsize       length,
                                            gsize       offset);

/* pl-import-items.c */
void         pl_import_init               (Import          *self,
                                           PlImportReport  *report);
void         pl_import_clear              (Import          *self);
void         pl_import_prepare_statements (Import          *self);
void         pl_import_finalize_statements (Import         *self);
void         pl_import_run                (Import            *self,
                                           const PlJsonValue *root);

G_END_DECLS
