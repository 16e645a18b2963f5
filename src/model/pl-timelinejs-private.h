/* pl-timelinejs-private.h — shared by the parts of the TimelineJS conversions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pl-timelinejs-json.c and pl-timelinejs-csv.c read slides, which
 * pl-timelinejs.c turns into the text of a dataset; pl-timelinejs-html.c
 * makes their HTML plain text; pl-timelinejs-export.c writes TimelineJS.
 * The importer calls the two converters with its own report, so their
 * problems are recorded, placed in the TimelineJS file, through
 * pl_import_problem().
 */
#pragma once

#include "pl-date.h"
#include "pl-import-private.h"
#include "pl-timelinejs.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* For the importer                                                    */

/* The CSV of the spreadsheet template in @data (no byte-order mark; its
 * encoding is checked here) as the text of a dataset, or NULL when it has
 * problems, which are recorded in @self. */
char     *pl_timelinejs_convert_csv        (Import      *self,
                                            const char  *path,
                                            const char  *data,
                                            gsize        length);
/* The same for a parsed TimelineJS3 JSON file, for which
 * pl_timelinejs_is_timelinejs() is TRUE. */
char     *pl_timelinejs_convert_json       (Import      *self,
                                            const char  *path,
                                            JsonNode    *root);

/* ------------------------------------------------------------------ */
/* Slides, as both readers give them                                   */

typedef enum
{
  SLIDE_EVENT,
  SLIDE_TITLE,
  SLIDE_ERA,
} SlideKind;

typedef struct
{
  SlideKind  kind;
  guint      number;      /* names it when no id can be made: "slide-<number>" */
  PlDate     start;
  PlDate     end;
  char      *headline;    /* plain text on one line */
  char      *text;        /* plain text */
  char      *date_note;
  char      *group;
  char      *unique_id;   /* as given; NULL when not */
  int        source;      /* in Converter.sources, or -1 */
  char      *id;
} Slide;

typedef struct
{
  Import      *import;
  const char  *path;
  guint        problems_before;
  Slide       *title;
  GPtrArray   *events;        /* Slide */
  GPtrArray   *eras;          /* Slide */
  GPtrArray   *sources;       /* Source */
  GHashTable  *source_index;  /* title, description and url → index + 1 */
} Converter;

/* A part of a date (year, month or day) and where it was read. */
typedef struct
{
  gint64    value;
  gboolean  given;
  gboolean  wrong;      /* not a number; already reported */
  char     *place;
} Part;

void      pl_timelinejs_converter_init     (Converter   *conv,
                                            Import      *import,
                                            const char  *path);
void      pl_timelinejs_converter_clear    (Converter   *conv);
/* Checks the slide's dates together and takes it. */
void      pl_timelinejs_converter_add      (Converter   *conv,
                                            Slide       *slide,
                                            const char  *end_place);
/* The text of the dataset, or NULL when there were problems. */
char     *pl_timelinejs_converter_finish   (Converter   *conv);

Slide    *pl_timelinejs_slide_new          (SlideKind    kind,
                                            guint        number);
/* The source a slide's media names, or -1 for none. */
int       pl_timelinejs_add_source         (Converter   *conv,
                                            const char  *credit,
                                            const char  *caption,
                                            const char  *url);
char     *pl_timelinejs_join_display_dates (char        *start,
                                            char        *end);

void      pl_timelinejs_part_clear         (Part        *part);
gboolean  pl_timelinejs_parse_number       (const char  *text,
                                            Part        *part);
gboolean  pl_timelinejs_make_date          (Converter   *conv,
                                            const Part  *year,
                                            const Part  *month,
                                            const Part  *day,
                                            PlDate      *out);

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* pl_timelinejs_html_to_text(), or with @single_line its breaks made
 * spaces (headlines, credits, groups). */
char     *pl_timelinejs_html_to_plain      (const char  *html,
                                            gboolean     single_line);
gboolean  pl_timelinejs_is_blank           (const char  *line);

G_END_DECLS
