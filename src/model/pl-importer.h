/* pl-importer.h — validates a JSON dataset and imports it into SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Refuse files above this size before reading them into memory. */
#define PL_IMPORT_MAX_FILE_SIZE   ((gsize) 1 << 30)
/* Deeper nesting is never needed by the format and overflows json-glib's
 * recursive parser long before memory runs out. */
#define PL_IMPORT_MAX_DEPTH       64
/* One text field; protects the full-text index and the widgets. */
#define PL_IMPORT_MAX_TEXT        ((gsize) 1 << 20)
/* Past this many problems only the count goes on. */
#define PL_IMPORT_MAX_PROBLEMS    1000

typedef struct
{
  /* One line per problem, each starting with its place:
   * `events[12].start: "2024-13-01" is not a valid date`. */
  GPtrArray *problems;
  guint      n_problems;   /* may exceed problems->len */

  char      *dataset_id;
  char      *title;
  guint      n_sources;
  guint      n_actors;
  guint      n_themes;
  guint      n_eras;
  guint      n_events;
  guint      n_treaties;
  guint      n_provisions;
  guint      n_quotes;
  guint      n_clause_types;
  guint      n_tours;
  guint      n_comparisons;
} PlImportReport;

typedef void (*PlImportProgress) (double   fraction,
                                  gpointer user_data);

void      pl_import_report_free    (PlImportReport *report);
char     *pl_import_report_summary (const PlImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlImportReport, pl_import_report_free)

/* Both return FALSE with PL_ERROR_INVALID_DATA when the dataset has problems
 * (listed in the report), or another error when the file cannot be read or
 * written at all (then the report may be NULL).
 *
 * A TimelineJS3 JSON timeline is taken too, and by the files' functions a
 * TimelineJS spreadsheet saved as CSV (a name ending in ".csv"): they are
 * converted first (pl-timelinejs.h), with problems placed in their own
 * terms. */
gboolean  pl_import_validate_data  (const char      *data,
                                    gsize            length,
                                    PlImportReport **report,
                                    GError         **error);
gboolean  pl_import_validate_file  (const char      *json_path,
                                    PlImportReport **report,
                                    GError         **error);

/* Writes to a temporary file beside @sqlite_path and renames it over
 * @sqlite_path only when everything succeeded: a failed import leaves an
 * existing output untouched. */
gboolean  pl_import_file           (const char       *json_path,
                                    const char       *sqlite_path,
                                    PlImportProgress  progress,
                                    gpointer          progress_data,
                                    GCancellable     *cancellable,
                                    PlImportReport  **report,
                                    GError          **error);

G_END_DECLS
