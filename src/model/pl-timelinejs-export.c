/* pl-timelinejs-export.c — writes events as TimelineJS3 JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mapping is the import's turned around (docs/timelinejs.md), so that
 * what is written imports back as the same events, dates, groups and eras.
 */
#include "config.h"

#include <string.h>

#include "pl-timelinejs-private.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
export_date (JsonBuilder  *builder,
             const char   *name,
             const PlDate *date)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, date->year);
  if (date->precision >= PL_DATE_PRECISION_MONTH)
    {
      json_builder_set_member_name (builder, "month");
      json_builder_add_int_value (builder, date->month);
    }
  if (date->precision >= PL_DATE_PRECISION_DAY)
    {
      json_builder_set_member_name (builder, "day");
      json_builder_add_int_value (builder, date->day);
    }
  json_builder_end_object (builder);
}

static void
export_html (JsonBuilder *builder,
             const char  *name,
             const char  *text,
             gboolean     paragraphs)
{
  g_autofree char *html = pl_timelinejs_text_to_html (text, paragraphs);

  add_string (builder, name, html);
}

static void
export_text (JsonBuilder *builder,
             const char  *headline,
             const char  *text)
{
  json_builder_set_member_name (builder, "text");
  json_builder_begin_object (builder);
  export_html (builder, "headline", headline, FALSE);
  if (text != NULL && text[0] != '\0')
    export_html (builder, "text", text, TRUE);
  json_builder_end_object (builder);
}

static void
export_event (JsonBuilder *builder,
              PlEvent     *event)
{
  json_builder_begin_object (builder);
  export_date (builder, "start_date", &event->start);
  if (pl_date_is_valid (&event->end))
    export_date (builder, "end_date", &event->end);
  /* The note says how the source gives the date ("mid-December"), which is
   * what TimelineJS shows in place of the date. */
  if (event->date_note[0] != '\0')
    export_html (builder, "display_date", event->date_note, FALSE);
  export_text (builder, event->title, event->summary);
  if (event->themes.n_items > 0)
    export_html (builder, "group", PL_THEME (event->themes.items[0])->name, FALSE);
  if (event->sources.n_items > 0)
    {
      PlSource *source = PL_SOURCE (event->sources.items[0]);

      json_builder_set_member_name (builder, "media");
      json_builder_begin_object (builder);
      /* TimelineJS wants an address; without one it shows no media. */
      add_string (builder, "url", pl_import_is_valid_url (source->url) ? source->url : "");
      export_html (builder, "credit", source->title, FALSE);
      if (source->description[0] != '\0')
        export_html (builder, "caption", source->description, TRUE);
      json_builder_end_object (builder);
    }
  add_string (builder, "unique_id", pl_record_get_id (PL_RECORD (event)));
  json_builder_end_object (builder);
}

char *
pl_timelinejs_export (PlStore    *store,
                      GListModel *events)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  GListModel *eras;
  const char *description;
  guint32 span_first = G_MAXUINT32, span_last = 0;
  PlDate latest = PL_DATE_INIT;
  guint n;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  description = pl_store_get_metadata (store, "description");
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  export_text (builder, pl_store_get_title (store) != NULL ? pl_store_get_title (store) : "", description);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      const PlDate *last_date = pl_date_is_valid (&event->end) ? &event->end : &event->start;
      guint32 first = 0, last = 0, unused;

      export_event (builder, event);

      pl_date_get_span (&event->start, &first, &unused);
      pl_date_get_span (last_date, &unused, &last);
      span_first = MIN (span_first, first);
      if (last > span_last)
        {
          span_last = last;
          latest = *last_date;
        }
    }
  json_builder_end_array (builder);

  /* Only the eras the events fall in: a class's timeline of one decade
   * is not stretched over a century by an era it never reaches. */
  eras = pl_store_get_items (store, PL_ITEM_KIND_ERA);
  json_builder_set_member_name (builder, "eras");
  json_builder_begin_array (builder);
  for (guint i = 0; n > 0 && i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(PlEra) era = g_list_model_get_item (eras, i);
      guint32 first = 0, last = G_MAXUINT32, unused;

      pl_date_get_span (&era->start, &first, &unused);
      if (pl_date_is_valid (&era->end))
        pl_date_get_span (&era->end, &unused, &last);
      if (first > span_last || last < span_first)
        continue;

      json_builder_begin_object (builder);
      export_date (builder, "start_date", &era->start);
      /* TimelineJS needs an end: an era still going on ends with the
       * events. */
      export_date (builder, "end_date", pl_date_is_valid (&era->end) ? &era->end : &latest);
      export_text (builder, era->title, era->summary);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string (builder, "scale", "human");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

gboolean
pl_timelinejs_export_file (PlStore     *store,
                           GListModel  *events,
                           const char  *path,
                           guint       *n_written,
                           GError     **error)
{
  g_autofree char *exported = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  exported = pl_timelinejs_export (store, events);
  text = g_strconcat (exported, "\n", NULL);
  /* g_file_set_contents() writes a temporary file and renames it. */
  if (!g_file_set_contents (path, text, -1, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = g_list_model_get_n_items (events);
  return TRUE;
}
