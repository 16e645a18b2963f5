/* pl-timelinejs.h — TimelineJS3 timelines and spreadsheets in, TimelineJS3 JSON out
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TimelineJS (https://timeline.knightlab.com) reads a JSON file of slides
 * or the CSV of its Google spreadsheet template. Both are converted here
 * into the text of a Pactline JSON dataset, which the importer then checks
 * and writes like any other; docs/timelinejs.md gives the mapping and
 * what is lost each way.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pl-importer.h"
#include "pl-store.h"

G_BEGIN_DECLS

/* TRUE for a name ending in ".csv" (any case): the spreadsheet template. */
gboolean  pl_timelinejs_is_csv_path        (const char      *path);

/* TRUE when @root is a TimelineJS3 timeline and not a Pactline dataset:
 * an object without "format": "pactline-dataset" that has an "events"
 * array with a slide holding a "start_date" object, or a "title" slide. */
gboolean  pl_timelinejs_is_timelinejs      (JsonNode        *root);

/* The dataset id a converted file gets: its base name without the
 * extension, made into a slug ("Women in Computing.csv" →
 * "women-in-computing"); "timelinejs" when nothing of the name is left or
 * @path is NULL. */
char     *pl_timelinejs_dataset_id_for_path (const char     *path);

/* Converts @data, TimelineJS3 JSON or (when @path ends in ".csv") the CSV
 * of the spreadsheet template, into the text of a Pactline JSON dataset.
 * @path names the dataset (see above) and may be NULL for JSON. Returns
 * NULL with PL_ERROR_INVALID_DATA when the input has problems; they are in
 * the report, each with its place (`events[3].start_date.month: 13 is not
 * a month (1–12)`, `line 7, column "Month": "Jan" is not a number`). The
 * report is set whenever it is not NULL. */
char     *pl_timelinejs_to_dataset         (const char      *data,
                                            gsize            length,
                                            const char      *path,
                                            PlImportReport **report,
                                            GError         **error);

/* TimelineJS text is HTML. Returns it as plain text: tags removed, <br>,
 * <p>, <li> and other blocks turned into line breaks (a blank line between
 * paragraphs), the content of <script> and <style> dropped, entities
 * decoded, code points that may not appear in text replaced with U+FFFD,
 * white space collapsed as a browser does. Never returns markup. */
char     *pl_timelinejs_html_to_text       (const char      *html);

/* Plain text as TimelineJS HTML: escaped, each paragraph (separated by a
 * blank line) in <p>, other line breaks as <br>. With @paragraphs FALSE,
 * only escaped and line breaks made spaces (for headlines and credits). */
char     *pl_timelinejs_text_to_html       (const char      *text,
                                            gboolean         paragraphs);

/* @events (PlEvent of @store, in the order to write) as TimelineJS3 JSON:
 * a title slide from the dataset, one slide per event, and the dataset's
 * eras that overlap the events' span. */
char     *pl_timelinejs_export             (PlStore         *store,
                                            GListModel      *events);
/* The same, written to @path through a temporary file renamed over it.
 * @n_written (may be NULL) is the number of events written. */
gboolean  pl_timelinejs_export_file        (PlStore         *store,
                                            GListModel      *events,
                                            const char      *path,
                                            guint           *n_written,
                                            GError         **error);
/* @n_events @events (of @store, which must outlive the call) written to
 * @out as they are made, so memory does not grow with them; any thread
 * may call it while @store is alive. */
gboolean  pl_timelinejs_write              (PlStore         *store,
                                            PlEvent * const *events,
                                            guint            n_events,
                                            GOutputStream   *out,
                                            GCancellable    *cancellable,
                                            GError         **error);
/* pl_timelinejs_write() to a new file beside @path, renamed over it when
 * all is written; on failure or cancellation @path is left as it was and
 * nothing else remains. */
gboolean  pl_timelinejs_write_file         (PlStore         *store,
                                            PlEvent * const *events,
                                            guint            n_events,
                                            const char      *path,
                                            GCancellable    *cancellable,
                                            GError         **error);

G_END_DECLS
