/* pl-notes.h — annotations beside their dataset: orphans, order, export and import
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-store.h"
#include "pl-user-db.h"

G_BEGIN_DECLS

#define PL_NOTES_FORMAT_NAME     "pactline-notes"
#define PL_NOTES_FORMAT_VERSION  1

/* ------------------------------------------------------------------ */
/* Orphans: annotations whose item the dataset no longer has. They are
 * listed, exported and imported like any other and never deleted.      */

/* TRUE when @store is the annotation's dataset and has no such item.
 * FALSE when it has the item, or when @store is another dataset (then it
 * cannot tell). */
gboolean    pl_annotation_is_orphan  (const PlAnnotation  *annotation,
                                      PlStore             *store);
/* The annotations of @store's dataset whose items @store lacks, by kind
 * and id. */
GPtrArray  *pl_user_db_list_orphans  (PlUserDb            *db,
                                      PlStore             *store,
                                      GError             **error);

/* ------------------------------------------------------------------ */
/* Items as the notes show them                                        */

/* A one-line title for any record: an event's title, an actor's name,
 * "Article 3: Title" for a provision, "Speaker: “text…”" for a quote. */
char       *pl_notes_record_title    (PlRecord            *record);
/* The date an item is placed at: an event's start, a quote's date, a
 * provision's treaty's signing, a source's publication, an era's start;
 * no date (precision NONE) for actors and themes. */
PlDate      pl_notes_record_date     (PlRecord            *record);

typedef enum
{
  PL_NOTES_ORDER_WRITTEN,     /* last changed first */
  PL_NOTES_ORDER_ITEM_DATE,   /* the items' dates, oldest first; undated
                               * items next, by title; orphans last */
} PlNotesOrder;

/* Sorts an array of PlAnnotation in place. @store may be NULL for
 * PL_NOTES_ORDER_WRITTEN. */
void        pl_notes_sort            (GPtrArray           *annotations,
                                      PlStore             *store,
                                      PlNotesOrder         order);

/* ------------------------------------------------------------------ */
/* Export                                                              */

typedef enum
{
  PL_NOTES_FORMAT_MARKDOWN,
  PL_NOTES_FORMAT_JSON,
} PlNotesFormat;

/* ".md" or ".markdown" → Markdown, ".json" → JSON (any case); otherwise
 * PL_ERROR_FAILED. */
gboolean    pl_notes_format_for_path (const char          *path,
                                      PlNotesFormat       *format,
                                      GError             **error);

/* Markdown grouped by kind of item and then by item, each under its title
 * and date with the star, highlight and tags, the note as written and, for
 * events, provisions and quotes, the quotes verbatim with speaker and
 * source. Orphans come last in a section of their own. @store should be
 * the annotations' dataset; when it is NULL or another dataset, items are
 * shown by kind and id. Text from the dataset is escaped for Markdown;
 * notes are copied as written, so Markdown in them works. */
char       *pl_notes_to_markdown     (GPtrArray           *annotations,
                                      const char          *dataset_id,
                                      PlStore             *store);
/* The format of docs/notes-format.md, annotations by kind and id. */
char       *pl_notes_to_json         (GPtrArray           *annotations,
                                      const char          *dataset_id);
/* Writes every annotation of @dataset_id to @path, in the format its name
 * says, through a temporary file renamed over @path. */
gboolean    pl_notes_export_file     (PlUserDb            *db,
                                      const char          *dataset_id,
                                      PlStore             *store,
                                      const char          *path,
                                      guint               *n_exported,
                                      GError             **error);

/* ------------------------------------------------------------------ */
/* Import                                                              */

/* One annotation that was in both the file and the database with
 * different content. */
typedef struct
{
  PlAnnotation *local;      /* what the database had */
  PlAnnotation *incoming;   /* what the file has */
} PlNotesChange;

typedef struct
{
  /* One line per problem, each starting with its place:
   * `annotations[3].highlight: "pink" is not one of yellow, green, …`. */
  GPtrArray *problems;
  guint      n_problems;    /* may exceed problems->len */

  char      *dataset_id;    /* the file's, once read */
  guint      n_added;       /* not in the database: added */
  guint      n_updated;     /* the file's copy was newer: it replaced ours */
  guint      n_unchanged;   /* same note, star, highlight and tags */
  /* Both have a copy, with different content, and ours was changed at the
   * same time as the file's or later: ours is kept, the file's is not
   * imported. Each is listed here with both copies. */
  GPtrArray *conflicts;     /* PlNotesChange */
  GPtrArray *updated;       /* PlNotesChange, one per n_updated */
} PlNotesImportReport;

void        pl_notes_import_report_free     (PlNotesImportReport       *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlNotesImportReport, pl_notes_import_report_free)
/* "2 added, 1 updated, 5 unchanged, 1 conflict" */
char       *pl_notes_import_report_summary  (const PlNotesImportReport *report);
/* The summary, then a line for each update and each conflict, saying which
 * copy was kept and when each was changed. */
char       *pl_notes_import_report_describe (const PlNotesImportReport *report);

typedef enum
{
  PL_NOTES_IMPORT_DEFAULT = 0,
  PL_NOTES_IMPORT_DRY_RUN = 1 << 0,   /* report what would happen, write nothing */
} PlNotesImportFlags;

/* Checks the whole file first, like the dataset importer: every problem is
 * listed with its place and then nothing is written (PL_ERROR_INVALID_DATA,
 * or PL_ERROR_TOO_NEW for a newer format). Otherwise merges every
 * annotation in one transaction; nothing local is ever deleted. When
 * @dataset_id is not NULL the file must be for that dataset. The report
 * is set whenever the file could be read, on failure too. */
gboolean    pl_notes_import_data     (PlUserDb             *db,
                                      const char           *data,
                                      gsize                 length,
                                      const char           *dataset_id,
                                      PlNotesImportFlags    flags,
                                      PlNotesImportReport **report,
                                      GError              **error);
gboolean    pl_notes_import_file     (PlUserDb             *db,
                                      const char           *path,
                                      const char           *dataset_id,
                                      PlNotesImportFlags    flags,
                                      PlNotesImportReport **report,
                                      GError              **error);

G_END_DECLS
