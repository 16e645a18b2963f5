/* pl-timelinejs-csv.c — reads the CSV of the TimelineJS spreadsheet template
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 CSV, as a spreadsheet exports it: the first line names the
 * columns, matched without regard to case or order. Problems are placed
 * by line and column (`line 7, column "Month"`).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pl-timelinejs-private.h"

typedef enum
{
  COL_YEAR,
  COL_MONTH,
  COL_DAY,
  COL_TIME,
  COL_END_YEAR,
  COL_END_MONTH,
  COL_END_DAY,
  COL_END_TIME,
  COL_DISPLAY_DATE,
  COL_HEADLINE,
  COL_TEXT,
  COL_MEDIA,
  COL_MEDIA_CREDIT,
  COL_MEDIA_CAPTION,
  COL_MEDIA_THUMBNAIL,
  COL_TYPE,
  COL_GROUP,
  COL_BACKGROUND,
  COL_ALT_TEXT,
  N_COLUMNS
} Column;

/* The template's columns; "Alt Text" is in its newer copies. */
static const char * const column_names[N_COLUMNS] = {
  "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
  "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
  "Media Thumbnail", "Type", "Group", "Background", "Alt Text",
};

typedef struct
{
  char  *text;
  guint  line;        /* where the field starts */
} CsvField;

typedef struct
{
  GArray *fields;     /* CsvField */
  guint   line;
} CsvRecord;

static void
csv_field_clear (CsvField *field)
{
  g_free (field->text);
}

static void
csv_record_free (CsvRecord *record)
{
  g_array_unref (record->fields);
  g_free (record);
}

static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }
  *column = 1 + (guint) g_utf8_strlen (line_start, data + offset - line_start);
}

/* The same refusals as for a JSON file, before anything is parsed. */
static gboolean
check_csv_text (Import     *self,
                const char *data,
                gsize       length)
{
  const char *end = NULL;

  if (length == 0)
    {
      pl_import_problem (self, NULL, _("the file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize offset = (gsize) (end - data);
      g_autofree char *place = NULL;
      guint line, column;

      locate (data, offset, &line, &column);
      place = g_strdup_printf (_("line %u, column %u"), line, column);
      if (data[offset] == '\0')
        pl_import_problem (self, place, _("the file contains a NUL byte, so it is not a text file"));
      else
        pl_import_problem (self, place, _("the file is not valid UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

/* RFC 4180: fields separated by commas, records by CRLF (or LF, or CR);
 * a field in double quotes may hold commas, line breaks and "" for a
 * quote. Line breaks inside fields are kept as LF. */
static GPtrArray *
csv_parse (Import     *self,
           const char *data,
           gsize       length)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_record_free);
  guint line = 1;
  gsize i = 0;

  while (i < length)
    {
      CsvRecord *record = g_new0 (CsvRecord, 1);

      record->line = line;
      record->fields = g_array_new (FALSE, FALSE, sizeof (CsvField));
      g_array_set_clear_func (record->fields, (GDestroyNotify) csv_field_clear);
      g_ptr_array_add (records, record);

      for (;;)
        {
          GString *value = g_string_new (NULL);
          CsvField field = { NULL, line };

          if (i < length && data[i] == '"')
            {
              gsize opened_at = i++;

              for (;;)
                {
                  if (i >= length)
                    {
                      g_autofree char *place = NULL;
                      guint unused, column;

                      locate (data, opened_at, &unused, &column);
                      place = g_strdup_printf (_("line %u, column %u"), field.line, column);
                      pl_import_problem (self, place, _("a quoted field is never closed"));
                      g_string_free (value, TRUE);
                      return NULL;
                    }
                  if (data[i] == '"')
                    {
                      if (i + 1 < length && data[i + 1] == '"')
                        {
                          g_string_append_c (value, '"');
                          i += 2;
                          continue;
                        }
                      i++;
                      break;
                    }
                  if (data[i] == '\r')
                    {
                      i++;
                      if (i < length && data[i] == '\n')
                        i++;
                      g_string_append_c (value, '\n');
                      line++;
                      continue;
                    }
                  if (data[i] == '\n')
                    line++;
                  g_string_append_c (value, data[i++]);
                }

              if (i < length && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
                {
                  g_autofree char *place = NULL;
                  guint unused, column;

                  locate (data, i, &unused, &column);
                  place = g_strdup_printf (_("line %u, column %u"), line, column);
                  pl_import_problem (self, place,
                                     _("text after a quoted field’s closing quote (write \"\" for a quote inside it)"));
                  g_string_free (value, TRUE);
                  return NULL;
                }
            }
          else
            {
              while (i < length && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
                g_string_append_c (value, data[i++]);
            }

          field.text = g_string_free (value, FALSE);
          g_array_append_val (record->fields, field);

          if (i < length && data[i] == ',')
            {
              i++;
              continue;
            }
          break;
        }

      if (i < length && data[i] == '\r')
        {
          i++;
          if (i < length && data[i] == '\n')
            i++;
          line++;
        }
      else if (i < length && data[i] == '\n')
        {
          i++;
          line++;
        }
    }

  return g_steal_pointer (&records);
}

typedef struct
{
  Converter *conv;
  CsvRecord *record;
  int        columns[N_COLUMNS];   /* field index, or -1 */
} CsvRow;

/* The cell, trimmed; empty when the row or the header lacks it. */
static char *
cell_text (CsvRow *row,
           Column  column)
{
  int index = row->columns[column];

  if (index < 0 || (guint) index >= row->record->fields->len)
    return g_strdup ("");
  return g_strstrip (g_strdup (g_array_index (row->record->fields, CsvField, index).text));
}

static char *
cell_place (CsvRow *row,
            Column  column)
{
  int index = row->columns[column];
  guint line = row->record->line;
  g_autofree char *name = pl_import_quote_value (column_names[column]);

  if (index >= 0 && (guint) index < row->record->fields->len)
    line = g_array_index (row->record->fields, CsvField, index).line;

  /* Translators: the place of a problem in a spreadsheet: a line of the file, then a column's quoted name */
  return g_strdup_printf (_("line %u, column %s"), line, name);
}

static char *
cell_plain_text (CsvRow   *row,
                 Column    column,
                 gboolean  single_line)
{
  g_autofree char *html = cell_text (row, column);

  if (strlen (html) > PL_IMPORT_MAX_TEXT)
    {
      g_autofree char *place = cell_place (row, column);
      pl_import_problem (row->conv->import, place, _("text is longer than %zu bytes"), (size_t) PL_IMPORT_MAX_TEXT);
      return g_strdup ("");
    }
  return pl_timelinejs_html_to_plain (html, single_line);
}

static void
cell_part (CsvRow *row,
           Column  column,
           Part   *part)
{
  g_autofree char *text = cell_text (row, column);

  part->place = cell_place (row, column);
  if (!pl_timelinejs_parse_number (text, part))
    {
      g_autofree char *quoted = pl_import_quote_value (text);
      pl_import_problem (row->conv->import, part->place, _("%s is not a number"), quoted);
      part->wrong = TRUE;
    }
}

/* Year, Month and Day, or the three End columns. */
static void
cell_date (CsvRow   *row,
           Column    year_column,
           PlDate   *out,
           gboolean  required)
{
  Part year = { 0, }, month = { 0, }, day = { 0, };

  cell_part (row, year_column, &year);
  cell_part (row, (Column) (year_column + 1), &month);
  cell_part (row, (Column) (year_column + 2), &day);

  if (pl_timelinejs_make_date (row->conv, &year, &month, &day, out) && required && out->precision == PL_DATE_PRECISION_NONE)
    pl_import_problem (row->conv->import, year.place, _("required field is missing"));

  pl_timelinejs_part_clear (&year);
  pl_timelinejs_part_clear (&month);
  pl_timelinejs_part_clear (&day);
}

static gboolean
record_is_blank (CsvRecord *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    if (!pl_timelinejs_is_blank (g_array_index (record->fields, CsvField, i).text))
      return FALSE;
  return TRUE;
}

/* Header names are matched without regard to case or surrounding space,
 * in any order. */
static gboolean
map_columns (Import    *self,
             CsvRecord *header,
             int       *columns)
{
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;

  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_array_index (header->fields, CsvField, i).text));
      g_autofree char *quoted = NULL;
      g_autofree char *place = NULL;
      int found = -1;

      if (name[0] == '\0')
        continue;
      for (guint c = 0; c < N_COLUMNS && found < 0; c++)
        if (g_ascii_strcasecmp (name, column_names[c]) == 0)
          found = (int) c;

      quoted = pl_import_quote_value (name);
      place = g_strdup_printf (_("line %u, column %s"), header->line, quoted);
      if (found < 0)
        {
          pl_import_problem (self, place, _("unknown column; the TimelineJS spreadsheet template has no such column"));
          ok = FALSE;
        }
      else if (columns[found] >= 0)
        {
          pl_import_problem (self, place, _("the column is named twice"));
          ok = FALSE;
        }
      else
        columns[found] = (int) i;
    }

  if (columns[COL_YEAR] < 0)
    {
      g_autofree char *place = g_strdup_printf (_("line %u"), header->line);
      pl_import_problem (self, place,
                         _("no \"Year\" column: the first line must name the columns of the TimelineJS spreadsheet template (Year, Month, Day, …, Headline, Text, …)"));
      ok = FALSE;
    }

  return ok;
}

static void
read_csv_row (CsvRow *row,
              guint  *title_line)
{
  Converter *conv = row->conv;
  g_autofree char *type = cell_text (row, COL_TYPE);
  g_autofree char *end_place = cell_place (row, COL_END_YEAR);
  SlideKind kind;
  Slide *slide;

  /* A value in a column the header does not name would be lost. */
  for (guint i = 0; i < row->record->fields->len; i++)
    {
      CsvField *field = &g_array_index (row->record->fields, CsvField, i);
      gboolean named = FALSE;

      for (guint c = 0; c < N_COLUMNS && !named; c++)
        named = row->columns[c] == (int) i;
      if (!named && !pl_timelinejs_is_blank (field->text))
        {
          g_autofree char *place = g_strdup_printf (_("line %u, column %u"), field->line, i + 1);
          pl_import_problem (conv->import, place, _("a value in a column the first line does not name"));
        }
    }

  if (type[0] == '\0')
    kind = SLIDE_EVENT;
  else if (g_ascii_strcasecmp (type, "title") == 0)
    kind = SLIDE_TITLE;
  else if (g_ascii_strcasecmp (type, "era") == 0)
    kind = SLIDE_ERA;
  else
    {
      g_autofree char *place = cell_place (row, COL_TYPE);
      g_autofree char *quoted = pl_import_quote_value (type);

      pl_import_problem (conv->import, place, _("%s is not one of title, era, or empty for an event"), quoted);
      return;
    }

  if (kind == SLIDE_TITLE)
    {
      if (*title_line != 0)
        {
          g_autofree char *place = cell_place (row, COL_TYPE);
          pl_import_problem (conv->import, place, _("a second title; the first is on line %u"), *title_line);
          return;
        }
      *title_line = row->record->line;
    }

  slide = pl_timelinejs_slide_new (kind, row->record->line);

  if (kind != SLIDE_TITLE)
    {
      cell_date (row, COL_YEAR, &slide->start, TRUE);
      cell_date (row, COL_END_YEAR, &slide->end, FALSE);
    }

  slide->headline = cell_plain_text (row, COL_HEADLINE, TRUE);
  slide->text = cell_plain_text (row, COL_TEXT, FALSE);

  if (kind != SLIDE_ERA)
    {
      g_autofree char *credit = cell_plain_text (row, COL_MEDIA_CREDIT, TRUE);
      g_autofree char *caption = cell_plain_text (row, COL_MEDIA_CAPTION, FALSE);
      g_autofree char *url = cell_text (row, COL_MEDIA);

      slide->source = pl_timelinejs_add_source (conv, credit, caption, url);
      slide->group = cell_plain_text (row, COL_GROUP, TRUE);
      slide->date_note = cell_plain_text (row, COL_DISPLAY_DATE, TRUE);
    }

  pl_timelinejs_converter_add (conv, slide, end_place);
}

char *
pl_timelinejs_convert_csv (Import     *self,
                           const char *path,
                           const char *data,
                           gsize       length)
{
  g_autoptr(GPtrArray) records = NULL;
  CsvRow row = { NULL, };
  guint title_line = 0;
  Converter conv;
  char *result;

  if (!check_csv_text (self, data, length))
    return NULL;
  records = csv_parse (self, data, length);
  if (records == NULL)
    return NULL;
  if (records->len == 0 || record_is_blank (records->pdata[0]))
    {
      pl_import_problem (self, NULL, _("the file is empty"));
      return NULL;
    }
  if (!map_columns (self, records->pdata[0], row.columns))
    return NULL;

  pl_timelinejs_converter_init (&conv, self, path);
  row.conv = &conv;
  for (guint i = 1; i < records->len; i++)
    {
      row.record = records->pdata[i];
      if (!record_is_blank (row.record))
        read_csv_row (&row, &title_line);
    }

  result = pl_timelinejs_converter_finish (&conv);
  pl_timelinejs_converter_clear (&conv);
  return result;
}
