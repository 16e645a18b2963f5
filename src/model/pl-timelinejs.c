/* pl-timelinejs.c — TimelineJS3 timelines and spreadsheets made Pactline datasets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import writes no SQLite: a TimelineJS3 JSON file (read by
 * pl-timelinejs-json.c), or the CSV of the spreadsheet template (read by
 * pl-timelinejs-csv.c), becomes the text of a Pactline dataset
 * (format_version 1, which every Pactline reads), which the importer then
 * checks and writes like any other. The readers check every value and
 * report each problem at its place in the TimelineJS file, so that what a
 * file without problems becomes is a valid dataset; this file gives the
 * slides their ids, themes and sources and writes the dataset.
 *
 * Text is made plain by pl-timelinejs-html.c; pl-timelinejs-export.c goes
 * the other way. docs/timelinejs.md gives the mapping and what is lost.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pl-date.h"
#include "pl-error.h"
#include "pl-timelinejs-private.h"

#define DEFAULT_DATASET_ID  "timelinejs"
/* Slugs made from headlines stay short enough to read as ids. */
#define MAX_SLUG            64
/* A slide without a headline is named after the start of its text. */
#define MAX_FALLBACK_TITLE  80

/* Fixed lists, so that the same file always gets the same colours. */
static const char * const theme_colors[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#e66100", "#e01b24",
  "#9141ac", "#986a44", "#2190a4", "#d56199", "#5e5c64",
};
/* Eras are shaded behind the events, so they are light. */
static const char * const era_colors[] = {
  "#deddda", "#99c1f1", "#8ff0a4", "#f9f06b", "#ffbe6f", "#dc8add", "#cdab8f",
};

gboolean
pl_timelinejs_is_csv_path (const char *path)
{
  gsize len;

  if (path == NULL)
    return FALSE;
  len = strlen (path);
  return len >= 4 && g_ascii_strcasecmp (path + len - 4, ".csv") == 0;
}

/* ------------------------------------------------------------------ */
/* Ids                                                                 */

/* Lower-case ASCII letters and digits, each other run made one "-", and
 * accents dropped first ("Rózsa Péter" → "rozsa-peter"). Characters in
 * @keep are kept too, except at the start. Empty when nothing is left. */
static char *
slugify (const char *text,
         const char *keep)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0' && out->len < MAX_SLUG; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || (out->len > 0 && keep != NULL && strchr (keep, c) != NULL))
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          dash = FALSE;
          g_string_append_c (out, c);
        }
      else
        dash = TRUE;
    }

  return g_string_free (out, FALSE);
}

char *
pl_timelinejs_dataset_id_for_path (const char *path)
{
  g_autofree char *base = NULL;
  char *dot;
  char *id;

  if (path == NULL)
    return g_strdup (DEFAULT_DATASET_ID);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  id = slugify (base, "_.");
  if (id[0] == '\0')
    {
      g_free (id);
      return g_strdup (DEFAULT_DATASET_ID);
    }
  return id;
}

typedef struct
{
  GHashTable *used;        /* id → itself */
  GHashTable *next;        /* base → next suffix */
} IdSet;

static void
id_set_init (IdSet *set)
{
  set->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
id_set_clear (IdSet *set)
{
  g_clear_pointer (&set->used, g_hash_table_unref);
  g_clear_pointer (&set->next, g_hash_table_unref);
}

/* @id itself when it is free, else NULL. */
static char *
id_set_claim (IdSet      *set,
              const char *id)
{
  if (id == NULL || id[0] == '\0' || g_hash_table_contains (set->used, id))
    return NULL;
  g_hash_table_add (set->used, g_strdup (id));
  return g_strdup (id);
}

/* @base, or @base-2, @base-3… whichever is free first. A counter per base
 * keeps a file of a million equal headlines linear. */
static char *
id_set_claim_numbered (IdSet      *set,
                       const char *base)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (set->next, base));
  char *id = n == 0 ? id_set_claim (set, base) : NULL;

  for (n = MAX (n, 2); id == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u", base, n);
      id = id_set_claim (set, candidate);
    }
  g_hash_table_replace (set->next, g_strdup (base), GUINT_TO_POINTER (n));

  return id;
}

/* ------------------------------------------------------------------ */
/* The converted timeline                                              */

typedef struct
{
  char *title;
  char *description;
  char *url;
  char *id;
} Source;

static void
slide_free (Slide *slide)
{
  g_free (slide->headline);
  g_free (slide->text);
  g_free (slide->date_note);
  g_free (slide->group);
  g_free (slide->unique_id);
  g_free (slide->id);
  g_free (slide);
}

Slide *
pl_timelinejs_slide_new (SlideKind kind,
                         guint     number)
{
  Slide *slide = g_new0 (Slide, 1);

  slide->kind = kind;
  slide->number = number;
  slide->source = -1;
  return slide;
}

static void
source_free (Source *source)
{
  g_free (source->title);
  g_free (source->description);
  g_free (source->url);
  g_free (source->id);
  g_free (source);
}

void
pl_timelinejs_converter_init (Converter  *conv,
                              Import     *import,
                              const char *path)
{
  memset (conv, 0, sizeof *conv);
  conv->import = import;
  conv->path = path;
  conv->problems_before = import->report->n_problems;
  conv->events = g_ptr_array_new_with_free_func ((GDestroyNotify) slide_free);
  conv->eras = g_ptr_array_new_with_free_func ((GDestroyNotify) slide_free);
  conv->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  conv->source_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
pl_timelinejs_converter_clear (Converter *conv)
{
  g_clear_pointer (&conv->title, slide_free);
  g_clear_pointer (&conv->events, g_ptr_array_unref);
  g_clear_pointer (&conv->eras, g_ptr_array_unref);
  g_clear_pointer (&conv->sources, g_ptr_array_unref);
  g_clear_pointer (&conv->source_index, g_hash_table_unref);
}

static gboolean
converter_failed (Converter *conv)
{
  return conv->import->report->n_problems > conv->problems_before;
}

/* An address a source may keep: http or https, with nothing in it that an
 * address cannot hold. Anything else (a local file, an embed code) is not
 * a source's address. */
static char *
web_address (const char *url)
{
  g_autofree char *trimmed = NULL;
  gsize scheme;

  if (url == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (url));

  if (g_ascii_strncasecmp (trimmed, "https://", 8) == 0)
    scheme = 8;
  else if (g_ascii_strncasecmp (trimmed, "http://", 7) == 0)
    scheme = 7;
  else
    return NULL;
  if (trimmed[scheme] == '\0')
    return NULL;

  for (const char *p = trimmed; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return NULL;

  for (gsize i = 0; i < scheme; i++)
    trimmed[i] = g_ascii_tolower (trimmed[i]);

  return g_steal_pointer (&trimmed);
}

/* A slide's media names where it comes from: one source per distinct
 * credit, caption and address. */
int
pl_timelinejs_add_source (Converter  *conv,
                          const char *credit,
                          const char *caption,
                          const char *url)
{
  g_autofree char *address = web_address (url);
  g_autofree char *key = NULL;
  const char *title;
  const char *description;
  gpointer found;
  Source *source;

  if (credit[0] == '\0' && caption[0] == '\0')
    return -1;

  title = credit[0] != '\0' ? credit : caption;
  description = credit[0] != '\0' ? caption : "";
  key = g_strjoin ("\x1f", title, description, address != NULL ? address : "", NULL);

  found = g_hash_table_lookup (conv->source_index, key);
  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  source = g_new0 (Source, 1);
  source->title = g_strdup (title);
  source->description = g_strdup (description);
  source->url = g_steal_pointer (&address);
  g_ptr_array_add (conv->sources, source);
  g_hash_table_insert (conv->source_index, g_steal_pointer (&key), GINT_TO_POINTER (conv->sources->len));

  return (int) conv->sources->len - 1;
}

/* "start – end" when both dates have one; either alone otherwise. */
char *
pl_timelinejs_join_display_dates (char *start,
                                  char *end)
{
  if (start != NULL && start[0] != '\0' && end != NULL && end[0] != '\0')
    /* Translators: a slide's own way of writing its start and end date */
    return g_strdup_printf (_("%s – %s"), start, end);
  if (start != NULL && start[0] != '\0')
    return g_strdup (start);
  if (end != NULL && end[0] != '\0')
    return g_strdup (end);
  return NULL;
}

/* Checks the slide's dates together and keeps it. */
void
pl_timelinejs_converter_add (Converter  *conv,
                             Slide      *slide,
                             const char *end_place)
{
  if (pl_date_is_valid (&slide->start) && pl_date_is_valid (&slide->end))
    {
      if (pl_date_ends_before (&slide->end, &slide->start))
        {
          g_autofree char *start_iso = pl_date_to_iso (&slide->start);
          g_autofree char *end_iso = pl_date_to_iso (&slide->end);

          pl_import_problem (conv->import, end_place, _("\"%s\" ends before start \"%s\" begins"), end_iso, start_iso);
        }
      /* TimelineJS drops an end that repeats the start, and so do we. */
      else if (pl_date_equal (&slide->start, &slide->end))
        slide->end = (PlDate) PL_DATE_INIT;
    }

  switch (slide->kind)
    {
    case SLIDE_TITLE:
      g_clear_pointer (&conv->title, slide_free);
      conv->title = slide;
      break;
    case SLIDE_ERA:
      g_ptr_array_add (conv->eras, slide);
      break;
    case SLIDE_EVENT:
    default:
      g_ptr_array_add (conv->events, slide);
      break;
    }
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

void
pl_timelinejs_part_clear (Part *part)
{
  g_clear_pointer (&part->place, g_free);
}

/* A number as a spreadsheet may hold it: " 1,815 " is 1815, as TimelineJS
 * reads it. An empty text gives no number and TRUE. */
gboolean
pl_timelinejs_parse_number (const char *text,
                            Part       *part)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  gboolean negative;

  for (p = text; *p != '\0'; p++)
    if (*p != ',' && !g_ascii_isspace (*p))
      g_string_append_c (digits, *p);

  part->given = FALSE;
  if (digits->len == 0)
    return TRUE;

  p = digits->str;
  negative = *p == '-';
  if (*p == '-' || *p == '+')
    p++;
  if (*p == '\0' || strlen (p) > 15)
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;

  part->value = g_ascii_strtoll (p, NULL, 10) * (negative ? -1 : 1);
  part->given = TRUE;
  return TRUE;
}

/* A date at the precision its parts give. Returns FALSE, with the
 * problems recorded, for a wrong date; TRUE with @out of precision NONE
 * when no part is given. */
gboolean
pl_timelinejs_make_date (Converter  *conv,
                         const Part *year,
                         const Part *month,
                         const Part *day,
                         PlDate     *out)
{
  gboolean ok = TRUE;

  *out = (PlDate) PL_DATE_INIT;

  /* A part that is not a number says nothing more about the date. */
  if (year->wrong || month->wrong || day->wrong)
    return FALSE;

  if (!year->given)
    {
      if (month->given || day->given)
        {
          pl_import_problem (conv->import, year->place, _("a month or day needs a year"));
          return FALSE;
        }
      return TRUE;
    }

  if (year->value < 1 || year->value > 9999)
    {
      pl_import_problem (conv->import, year->place,
                         _("%" PRId64 " is not a year Pactline can show (1 to 9999)"), year->value);
      ok = FALSE;
    }
  if (month->given && (month->value < 1 || month->value > 12))
    {
      pl_import_problem (conv->import, month->place, _("%" PRId64 " is not a month (1–12)"), month->value);
      ok = FALSE;
    }
  if (day->given && !month->given)
    {
      pl_import_problem (conv->import, day->place, _("a day needs a month"));
      ok = FALSE;
    }
  else if (day->given && ok &&
           (day->value < 1 || day->value > pl_date_days_in_month (year->value, (int) month->value)))
    {
      pl_import_problem (conv->import, day->place,
                         /* Translators: a day that the month does not have; then year and month */
                         _("%" PRId64 " is not a day of %04d-%02d"),
                         day->value, (int) year->value, (int) month->value);
      ok = FALSE;
    }
  else if (day->given && (day->value < 1 || day->value > 31))
    {
      pl_import_problem (conv->import, day->place, _("%" PRId64 " is not a day (1–31)"), day->value);
      ok = FALSE;
    }

  if (!ok)
    return FALSE;

  out->year = (gint16) year->value;
  out->month = month->given ? (guint8) month->value : 0;
  out->day = day->given ? (guint8) day->value : 0;
  out->precision = day->given ? PL_DATE_PRECISION_DAY
                 : month->given ? PL_DATE_PRECISION_MONTH
                 : PL_DATE_PRECISION_YEAR;
  return TRUE;
}

/* The title of a slide without a headline: the start of its text, else
 * its media's credit or caption, else its start date. */
static char *
fallback_title (Converter *conv,
                Slide     *slide)
{
  if (slide->text != NULL && slide->text[0] != '\0')
    {
      g_autofree char *line = g_strndup (slide->text, strcspn (slide->text, "\n"));
      const char *cut;

      if (g_utf8_strlen (line, -1) <= MAX_FALLBACK_TITLE)
        return g_steal_pointer (&line);

      /* At the last space before the limit, so no word is cut. */
      cut = g_utf8_offset_to_pointer (line, MAX_FALLBACK_TITLE);
      for (const char *p = cut; p > line; p--)
        if (*p == ' ')
          {
            cut = p;
            break;
          }
      return g_strdup_printf ("%.*s…", (int) (cut - line), line);
    }

  if (slide->source >= 0)
    return g_strdup (((Source *) conv->sources->pdata[slide->source])->title);

  return pl_date_to_iso (&slide->start);
}

/* ------------------------------------------------------------------ */
/* The dataset                                                         */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder  *builder,
          const char   *name,
          const PlDate *date)
{
  g_autofree char *iso = pl_date_to_iso (date);

  if (iso != NULL)
    add_string (builder, name, iso);
}

static void
add_id_list (JsonBuilder *builder,
             const char  *name,
             const char  *id)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, id);
  json_builder_end_array (builder);
}

/* Ids the file gives first, so a made-up id never takes one it names:
 * its unique_id as a slug, else its headline as a slug, as TimelineJS
 * makes them, else "slide-<number>". */
static void
assign_event_ids (Converter *conv,
                  IdSet     *ids)
{
  for (guint i = 0; i < conv->events->len; i++)
    {
      Slide *slide = conv->events->pdata[i];

      if (slide->unique_id != NULL)
        {
          g_autofree char *slug = slugify (slide->unique_id, "_.");
          slide->id = id_set_claim (ids, slug);
        }
    }

  for (guint i = 0; i < conv->events->len; i++)
    {
      Slide *slide = conv->events->pdata[i];
      g_autofree char *slug = NULL;
      g_autofree char *numbered = NULL;

      if (slide->id != NULL)
        continue;
      slug = slugify (slide->headline, NULL);
      slide->id = id_set_claim (ids, slug);
      if (slide->id == NULL)
        {
          numbered = g_strdup_printf ("slide-%u", slide->number);
          slide->id = id_set_claim_numbered (ids, numbered);
        }
    }
}

static char *
make_id (IdSet      *ids,
         const char *name,
         const char *prefix,
         guint       number)
{
  g_autofree char *slug = slugify (name, NULL);

  if (slug[0] == '\0')
    {
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", prefix, number);
    }
  return id_set_claim_numbered (ids, slug);
}

static char *
default_title (Converter *conv)
{
  g_autofree char *base = NULL;
  char *dot;

  if (conv->path == NULL)
    return g_strdup (_("TimelineJS timeline"));

  base = g_path_get_basename (conv->path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* The text of the dataset, or NULL when there were problems. */
char *
pl_timelinejs_converter_finish (Converter *conv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) themes = NULL;   /* group → id */
  g_autofree char *dataset_id = NULL;
  g_autofree char *title = NULL;
  IdSet ids;

  if (converter_failed (conv))
    return NULL;

  dataset_id = pl_timelinejs_dataset_id_for_path (conv->path);
  if (conv->title != NULL && conv->title->headline[0] != '\0')
    title = g_strdup (conv->title->headline);
  else
    title = default_title (conv);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_string (builder, "format", "pactline-dataset");
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, 1);

  json_builder_set_member_name (builder, "dataset");
  json_builder_begin_object (builder);
  add_string (builder, "id", dataset_id);
  add_string (builder, "title", title);
  if (conv->title != NULL && conv->title->text[0] != '\0')
    add_string (builder, "description", conv->title->text);
  /* TimelineJS does not say what language a timeline is in: BCP 47
   * "und", undetermined. Nor has it a version of its own. */
  add_string (builder, "language", "und");
  add_string (builder, "version", "1");
  json_builder_end_object (builder);

  id_set_init (&ids);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conv->sources->len; i++)
    {
      Source *source = conv->sources->pdata[i];

      source->id = make_id (&ids, source->title, "source", i + 1);
      json_builder_begin_object (builder);
      add_string (builder, "id", source->id);
      add_string (builder, "title", source->title);
      if (source->url != NULL)
        add_string (builder, "url", source->url);
      add_string (builder, "kind", "other");
      if (source->description[0] != '\0')
        add_string (builder, "description", source->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  id_set_clear (&ids);

  /* One theme per group, in the order the slides first name them. */
  id_set_init (&ids);
  themes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conv->events->len; i++)
    {
      Slide *slide = conv->events->pdata[i];
      guint n_themes = g_hash_table_size (themes);
      char *id;

      if (slide->group == NULL || slide->group[0] == '\0' || g_hash_table_contains (themes, slide->group))
        continue;

      id = make_id (&ids, slide->group, "group", n_themes + 1);
      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "name", slide->group);
      add_string (builder, "color", theme_colors[n_themes % G_N_ELEMENTS (theme_colors)]);
      json_builder_end_object (builder);
      g_hash_table_insert (themes, slide->group, id);
    }
  json_builder_end_array (builder);
  id_set_clear (&ids);

  id_set_init (&ids);
  json_builder_set_member_name (builder, "eras");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conv->eras->len; i++)
    {
      Slide *era = conv->eras->pdata[i];
      g_autofree char *era_title = era->headline[0] != '\0' ? g_strdup (era->headline) : fallback_title (conv, era);

      era->id = make_id (&ids, era_title, "era", era->number);
      json_builder_begin_object (builder);
      add_string (builder, "id", era->id);
      add_string (builder, "title", era_title);
      add_date (builder, "start", &era->start);
      add_date (builder, "end", &era->end);
      add_string (builder, "color", era_colors[i % G_N_ELEMENTS (era_colors)]);
      if (era->text[0] != '\0')
        add_string (builder, "summary", era->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  id_set_clear (&ids);

  id_set_init (&ids);
  assign_event_ids (conv, &ids);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conv->events->len; i++)
    {
      Slide *slide = conv->events->pdata[i];
      g_autofree char *event_title = slide->headline[0] != '\0' ? g_strdup (slide->headline) : fallback_title (conv, slide);

      json_builder_begin_object (builder);
      add_string (builder, "id", slide->id);
      add_date (builder, "start", &slide->start);
      add_date (builder, "end", &slide->end);
      add_string (builder, "title", event_title);
      if (slide->text[0] != '\0')
        add_string (builder, "summary", slide->text);
      /* TimelineJS says nothing of either: "other" is the kind the format
       * keeps for events of no listed kind, and "reported" what is claimed
       * and not confirmed, which is all Pactline can tell of a slide. */
      add_string (builder, "kind", "other");
      add_string (builder, "certainty", "reported");
      if (slide->date_note != NULL && slide->date_note[0] != '\0')
        add_string (builder, "date_note", slide->date_note);
      if (slide->group != NULL && slide->group[0] != '\0')
        add_id_list (builder, "themes", g_hash_table_lookup (themes, slide->group));
      if (slide->source >= 0)
        add_id_list (builder, "sources", ((Source *) conv->sources->pdata[slide->source])->id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  id_set_clear (&ids);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* ------------------------------------------------------------------ */
/* For whoever wants the text                                          */

char *
pl_timelinejs_to_dataset (const char      *data,
                          gsize            length,
                          const char      *path,
                          PlImportReport **report_out,
                          GError         **error)
{
  PlImportReport *report = g_new0 (PlImportReport, 1);
  char *result = NULL;
  Import self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  pl_import_init (&self, report);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length > PL_IMPORT_MAX_FILE_SIZE)
    pl_import_problem (&self, NULL, _("the file is larger than 1 GiB"));
  else if (pl_timelinejs_is_csv_path (path))
    result = pl_timelinejs_convert_csv (&self, path, data, length);
  else if (pl_import_precheck (&self, data, length))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) parse_error = NULL;

      if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
        pl_import_report_parse_error (&self, parse_error);
      else if (!pl_timelinejs_is_timelinejs (json_parser_get_root (parser)))
        pl_import_problem (&self, NULL,
                           _("this is not a TimelineJS3 timeline: it has neither a \"title\" slide nor \"events\" with a \"start_date\""));
      else
        result = pl_timelinejs_convert_json (&self, path, json_parser_get_root (parser));
    }

  pl_import_clear (&self);

  if (result == NULL)
    g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                 g_dngettext (GETTEXT_PACKAGE, "The timeline has %u problem", "The timeline has %u problems",
                              report->n_problems),
                 report->n_problems);

  if (report_out != NULL)
    *report_out = report;
  else
    pl_import_report_free (report);

  return result;
}
