/* pl-timelinejs-export.c — writes events as TimelineJS3 JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mapping is the import's turned around (docs/timelinejs.md), so that
 * what is written imports back as the same events, dates, groups and eras.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pl-filter.h"
#include "pl-timelinejs-private.h"

/* The JSON is written as it is made, into a buffer that goes to the
 * stream every so often: a million events are 430 MB of it, which as
 * json-glib's tree took 4.6 GB and 30 s. The layout is the one
 * json-glib's generator gives with an indent of two, so files written
 * before and after compare equal. */
#define FLUSH_AT (256 * 1024)

typedef struct
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GString       *buffer;
  int            depth;
  gboolean       first;     /* nothing written yet at this depth */
  GError        *error;
} Writer;

static void
flush (Writer *w)
{
  if (w->error == NULL && w->buffer->len > 0)
    g_output_stream_write_all (w->out, w->buffer->str, w->buffer->len, NULL, w->cancellable, &w->error);
  g_string_truncate (w->buffer, 0);
}

static void
newline (Writer *w)
{
  g_string_append_c (w->buffer, '\n');
  for (int i = 0; i < w->depth; i++)
    g_string_append (w->buffer, "  ");
}

static void
append_string (Writer     *w,
               const char *text)
{
  g_string_append_c (w->buffer, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    switch (*p)
      {
      case '"':  g_string_append (w->buffer, "\\\""); break;
      case '\\': g_string_append (w->buffer, "\\\\"); break;
      case '\b': g_string_append (w->buffer, "\\b"); break;
      case '\f': g_string_append (w->buffer, "\\f"); break;
      case '\n': g_string_append (w->buffer, "\\n"); break;
      case '\r': g_string_append (w->buffer, "\\r"); break;
      case '\t': g_string_append (w->buffer, "\\t"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (w->buffer, "\\u%04x", *p);
        else
          g_string_append_c (w->buffer, (char) *p);
      }
  g_string_append_c (w->buffer, '"');
}

/* Starts a member of the object being written, or an element of the
 * array when @name is NULL. */
static void
member (Writer     *w,
        const char *name)
{
  if (!w->first)
    g_string_append_c (w->buffer, ',');
  w->first = FALSE;
  newline (w);
  if (name != NULL)
    {
      append_string (w, name);
      g_string_append (w->buffer, " : ");
    }
}

static void
begin (Writer     *w,
       const char *name,
       char        bracket)
{
  member (w, name);
  g_string_append_c (w->buffer, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
end (Writer *w,
     char    bracket)
{
  gboolean empty = w->first;

  w->depth--;
  w->first = FALSE;
  if (!empty)
    newline (w);
  g_string_append_c (w->buffer, bracket);
  if (w->buffer->len >= FLUSH_AT)
    flush (w);
}

static void
add_string (Writer     *w,
            const char *name,
            const char *value)
{
  member (w, name);
  append_string (w, value);
}

static void
add_int (Writer     *w,
         const char *name,
         int         value)
{
  member (w, name);
  g_string_append_printf (w->buffer, "%d", value);
}

static void
export_date (Writer       *w,
             const char   *name,
             const PlDate *date)
{
  begin (w, name, '{');
  add_int (w, "year", date->year);
  if (date->precision >= PL_DATE_PRECISION_MONTH)
    add_int (w, "month", date->month);
  if (date->precision >= PL_DATE_PRECISION_DAY)
    add_int (w, "day", date->day);
  end (w, '}');
}

static void
export_html (Writer     *w,
             const char *name,
             const char *text,
             gboolean    paragraphs)
{
  g_autofree char *html = pl_timelinejs_text_to_html (text, paragraphs);

  add_string (w, name, html);
}

static void
export_text (Writer     *w,
             const char *headline,
             const char *text)
{
  begin (w, "text", '{');
  export_html (w, "headline", headline, FALSE);
  if (text != NULL && text[0] != '\0')
    export_html (w, "text", text, TRUE);
  end (w, '}');
}

static void
export_event (Writer  *w,
              PlEvent *event)
{
  begin (w, NULL, '{');
  export_date (w, "start_date", &event->start);
  if (pl_date_is_valid (&event->end))
    export_date (w, "end_date", &event->end);
  /* The note says how the source gives the date ("mid-December"), which is
   * what TimelineJS shows in place of the date. */
  if (event->date_note[0] != '\0')
    export_html (w, "display_date", event->date_note, FALSE);
  export_text (w, event->title, event->summary);
  if (event->themes.n_items > 0)
    export_html (w, "group", PL_THEME (event->themes.items[0])->name, FALSE);
  if (event->sources.n_items > 0)
    {
      PlSource *source = PL_SOURCE (event->sources.items[0]);

      begin (w, "media", '{');
      /* TimelineJS wants an address; without one it shows no media. */
      add_string (w, "url", pl_import_is_valid_url (source->url) ? source->url : "");
      export_html (w, "credit", source->title, FALSE);
      if (source->description[0] != '\0')
        export_html (w, "caption", source->description, TRUE);
      end (w, '}');
    }
  add_string (w, "unique_id", pl_record_get_id (PL_RECORD (event)));
  end (w, '}');
}

gboolean
pl_timelinejs_write (PlStore        *store,
                     PlEvent * const *events,
                     guint           n_events,
                     GOutputStream  *out,
                     GCancellable   *cancellable,
                     GError        **error)
{
  Writer w = { out, cancellable, g_string_sized_new (FLUSH_AT + 64 * 1024), 0, TRUE, NULL };
  GListModel *eras;
  const char *description;
  guint32 span_first = G_MAXUINT32, span_last = 0;
  PlDate latest = PL_DATE_INIT;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  g_string_append_c (w.buffer, '{');
  w.depth = 1;

  description = pl_store_get_metadata (store, "description");
  begin (&w, "title", '{');
  export_text (&w, pl_store_get_title (store) != NULL ? pl_store_get_title (store) : "", description);
  end (&w, '}');

  begin (&w, "events", '[');
  for (guint i = 0; i < n_events && w.error == NULL; i++)
    {
      PlEvent *event = events[i];

      /* Stopped within a few hundred events, not only when a buffer
       * goes out. */
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, &w.error))
        break;
      const PlDate *last_date = pl_date_is_valid (&event->end) ? &event->end : &event->start;
      guint32 first = 0, last = 0, unused;

      export_event (&w, event);

      pl_date_get_span (&event->start, &first, &unused);
      pl_date_get_span (last_date, &unused, &last);
      span_first = MIN (span_first, first);
      if (last > span_last)
        {
          span_last = last;
          latest = *last_date;
        }
    }
  end (&w, ']');

  /* Only the eras the events fall in: a class's timeline of one decade
   * is not stretched over a century by an era it never reaches. */
  eras = pl_store_get_items (store, PL_ITEM_KIND_ERA);
  begin (&w, "eras", '[');
  for (guint i = 0; n_events > 0 && i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(PlEra) era = g_list_model_get_item (eras, i);
      guint32 first = 0, last = G_MAXUINT32, unused;

      pl_date_get_span (&era->start, &first, &unused);
      if (pl_date_is_valid (&era->end))
        pl_date_get_span (&era->end, &unused, &last);
      if (first > span_last || last < span_first)
        continue;

      begin (&w, NULL, '{');
      export_date (&w, "start_date", &era->start);
      /* TimelineJS needs an end: an era still going on ends with the
       * events. */
      export_date (&w, "end_date", pl_date_is_valid (&era->end) ? &era->end : &latest);
      export_text (&w, era->title, era->summary);
      end (&w, '}');
    }
  end (&w, ']');

  add_string (&w, "scale", "human");
  w.depth = 0;
  newline (&w);
  g_string_append (w.buffer, "}\n");
  flush (&w);
  g_string_free (w.buffer, TRUE);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return FALSE;
    }
  return TRUE;
}

char *
pl_timelinejs_export (PlStore    *store,
                      GListModel *events)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), NULL);

  array = pl_filter_events_to_array (events, store);
  /* Written to memory, it cannot fail. */
  pl_timelinejs_write (store, (PlEvent * const *) array->pdata, array->len, out, NULL, NULL);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

gboolean
pl_timelinejs_write_file (PlStore        *store,
                          PlEvent * const *events,
                          guint           n_events,
                          const char     *path,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written to a new file beside @path, renamed over it once complete:
   * GIO's replace writes a file that does not exist yet in place, which
   * a failure would leave half written. */
  file = g_file_new_for_path (path);
  for (guint attempt = 0; stream == NULL && attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%06x", path, g_random_int () & 0xffffff);

      g_clear_object (&temporary);
      g_clear_error (&local_error);
      temporary = g_file_new_for_path (name);
      stream = g_file_create (temporary, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }
  if (stream == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 1024 * 1024);

  if (pl_timelinejs_write (store, events, n_events, out, cancellable, &local_error) &&
      g_output_stream_close (out, cancellable, &local_error) &&
      g_file_move (temporary, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                   cancellable, NULL, NULL, &local_error))
    return TRUE;

  g_output_stream_close (out, NULL, NULL);
  g_file_delete (temporary, NULL, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
pl_timelinejs_export_file (PlStore     *store,
                           GListModel  *events,
                           const char  *path,
                           guint       *n_written,
                           GError     **error)
{
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  array = pl_filter_events_to_array (events, store);
  if (!pl_timelinejs_write_file (store, (PlEvent * const *) array->pdata, array->len, path, NULL, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = array->len;
  return TRUE;
}
