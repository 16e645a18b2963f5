/* pl-timelinejs-json.c — reads a TimelineJS3 JSON timeline
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member is checked for its type and every problem reported at its
 * place in the TimelineJS file (`events[3].start_date.month`). Members
 * TimelineJS does not define are reported as a dataset's are.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pl-timelinejs-private.h"

static const char * const root_members[] = { "events", "title", "eras", "scale", NULL };
static const char * const slide_members[] = {
  "start_date", "end_date", "text", "media", "group", "display_date", "background",
  "autolink", "unique_id", NULL
};
static const char * const era_members[] = { "start_date", "end_date", "text", NULL };
static const char * const date_members[] = {
  "year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format", NULL
};
static const char * const text_members[] = { "headline", "text", NULL };
static const char * const media_members[] = {
  "url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target", NULL
};

gboolean
pl_timelinejs_is_timelinejs (JsonNode *root)
{
  JsonObject *object;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node != NULL && pl_import_node_is_string (node) &&
      strcmp (json_node_get_string (node), FORMAT_NAME) == 0)
    return FALSE;

  node = json_object_get_member (object, "title");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  node = json_object_get_member (object, "events");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *events = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (events); i++)
        {
          JsonNode *event = json_array_get_element (events, i);
          JsonNode *start;

          if (!JSON_NODE_HOLDS_OBJECT (event))
            continue;
          start = json_object_get_member (json_node_get_object (event), "start_date");
          if (start != NULL && JSON_NODE_HOLDS_OBJECT (start))
            return TRUE;
        }
    }

  return FALSE;
}

/* Members TimelineJS does not define, in the order the file has them.
 * Names starting with "x-" are left alone, as in a dataset. */
static void
check_members (Converter          *conv,
               JsonObject         *object,
               const char         *place,
               const char * const *known)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_has_prefix (l->data, "x-") && !g_strv_contains (known, l->data))
      pl_import_unknown_member (conv->import, place, l->data);
}

static JsonObject *
get_object (Converter  *conv,
            JsonObject *parent,
            const char *place,
            const char *name,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
          pl_import_problem (conv->import, where, _("required field is missing"));
        }
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      pl_import_problem (conv->import, where, _("expected an object, got %s"), pl_import_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* HTML member @name as plain text; empty when absent or wrong. */
static char *
get_text (Converter  *conv,
          JsonObject *object,
          const char *place,
          const char *name,
          gboolean    single_line)
{
  const char *html = NULL;

  if (object == NULL ||
      !pl_import_get_string (conv->import, object, place, name, FALSE, &html) || html == NULL)
    return g_strdup ("");

  return pl_timelinejs_html_to_plain (html, single_line);
}

/* A part of a date, which TimelineJS takes as a number or as the text of
 * one ("1815", as spreadsheets give it). Empty text is not given. */
static void
get_part (Converter  *conv,
          JsonObject *date,
          const char *place,
          const char *name,
          Part       *part)
{
  JsonNode *node = json_object_get_member (date, name);

  part->place = g_strdup_printf ("%s.%s", place, name);
  part->given = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_INT64:
        part->value = json_node_get_int (node);
        part->given = TRUE;
        return;

      case G_TYPE_DOUBLE:
        {
          double value = json_node_get_double (node);

          if (value >= -1e15 && value <= 1e15 && (double) (gint64) value == value)
            {
              part->value = (gint64) value;
              part->given = TRUE;
            }
          else
            {
              char text[G_ASCII_DTOSTR_BUF_SIZE];

              g_ascii_formatd (text, sizeof text, "%g", value);
              pl_import_problem (conv->import, part->place, _("%s is not a whole number"), text);
              part->wrong = TRUE;
            }
          return;
        }

      case G_TYPE_STRING:
        if (!pl_timelinejs_parse_number (json_node_get_string (node), part))
          {
            g_autofree char *quoted = pl_import_quote_value (json_node_get_string (node));
            pl_import_problem (conv->import, part->place, _("%s is not a number"), quoted);
            part->wrong = TRUE;
          }
        return;

      default:
        break;
      }

  pl_import_problem (conv->import, part->place, _("expected a number, got %s"), pl_import_describe_node (node));
  part->wrong = TRUE;
}

/* Times of day are dropped: Pactline dates end at the day. */
static void
read_json_date (Converter   *conv,
                JsonObject  *slide,
                const char  *place,
                const char  *name,
                gboolean     required,
                PlDate      *out,
                char       **display)
{
  JsonObject *date = get_object (conv, slide, place, name, required);
  g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
  Part year = { 0, }, month = { 0, }, day = { 0, };

  *out = (PlDate) PL_DATE_INIT;
  *display = NULL;
  if (date == NULL)
    return;

  check_members (conv, date, where, date_members);
  get_part (conv, date, where, "year", &year);
  get_part (conv, date, where, "month", &month);
  get_part (conv, date, where, "day", &day);

  if (pl_timelinejs_make_date (conv, &year, &month, &day, out) && required && out->precision == PL_DATE_PRECISION_NONE)
    pl_import_problem (conv->import, year.place, _("required field is missing"));

  *display = get_text (conv, date, where, "display_date", TRUE);

  pl_timelinejs_part_clear (&year);
  pl_timelinejs_part_clear (&month);
  pl_timelinejs_part_clear (&day);
}

static void
read_json_slide (Converter  *conv,
                 JsonNode   *node,
                 const char *place,
                 SlideKind   kind,
                 guint       number)
{
  g_autofree char *end_place = g_strdup_printf ("%s.end_date", place);
  JsonObject *object;
  JsonObject *text;
  Slide *slide;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pl_import_problem (conv->import, place, _("expected an object, got %s"), pl_import_describe_node (node));
      return;
    }
  object = json_node_get_object (node);
  check_members (conv, object, place, kind == SLIDE_ERA ? era_members : slide_members);

  slide = pl_timelinejs_slide_new (kind, number);

  /* A title slide has no date; TimelineJS ignores one it is given. */
  if (kind != SLIDE_TITLE)
    {
      g_autofree char *start_display = NULL;
      g_autofree char *end_display = NULL;

      read_json_date (conv, object, place, "start_date", TRUE, &slide->start, &start_display);
      read_json_date (conv, object, place, "end_date", FALSE, &slide->end, &end_display);
      slide->date_note = pl_timelinejs_join_display_dates (start_display, end_display);
    }

  text = get_object (conv, object, place, "text", FALSE);
  if (text != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.text", place);

      check_members (conv, text, where, text_members);
      slide->headline = get_text (conv, text, where, "headline", TRUE);
      slide->text = get_text (conv, text, where, "text", FALSE);
    }
  else
    {
      slide->headline = g_strdup ("");
      slide->text = g_strdup ("");
    }

  if (kind != SLIDE_ERA)
    {
      JsonObject *media = get_object (conv, object, place, "media", FALSE);
      g_autofree char *display_date = get_text (conv, object, place, "display_date", TRUE);
      const char *unique_id = NULL;

      if (media != NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s.media", place);
          g_autofree char *credit = get_text (conv, media, where, "credit", TRUE);
          g_autofree char *caption = get_text (conv, media, where, "caption", FALSE);
          const char *url = NULL;

          check_members (conv, media, where, media_members);
          pl_import_get_string (conv->import, media, where, "url", FALSE, &url);
          slide->source = pl_timelinejs_add_source (conv, credit, caption, url);
        }

      slide->group = get_text (conv, object, place, "group", TRUE);
      /* The slide's own display date wins over its dates' ones, as in TimelineJS. */
      if (display_date[0] != '\0')
        {
          g_free (slide->date_note);
          slide->date_note = g_steal_pointer (&display_date);
        }
      if (pl_import_get_string (conv->import, object, place, "unique_id", FALSE, &unique_id) &&
          unique_id != NULL && unique_id[0] != '\0')
        slide->unique_id = g_strdup (unique_id);
    }

  pl_timelinejs_converter_add (conv, slide, end_place);
}

char *
pl_timelinejs_convert_json (Import     *self,
                            const char *path,
                            JsonNode   *root_node)
{
  JsonObject *root = json_node_get_object (root_node);
  JsonNode *node;
  Converter conv;
  char *result;

  pl_timelinejs_converter_init (&conv, self, path);
  check_members (&conv, root, "", root_members);

  node = json_object_get_member (root, "scale");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!pl_import_node_is_string (node))
        pl_import_problem (self, "scale", _("expected a string, got %s"), pl_import_describe_node (node));
      else if (strcmp (json_node_get_string (node), "cosmological") == 0)
        pl_import_problem (self, "scale",
                           _("a cosmological timeline cannot be imported: Pactline shows the years 1 to 9999 only"));
      else if (strcmp (json_node_get_string (node), "human") != 0)
        {
          g_autofree char *quoted = pl_import_quote_value (json_node_get_string (node));
          pl_import_problem (self, "scale", _("%s is not one of human, cosmological"), quoted);
        }
    }

  node = json_object_get_member (root, "title");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    read_json_slide (&conv, node, "title", SLIDE_TITLE, 0);

  node = json_object_get_member (root, "events");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    pl_import_problem (self, "events", _("required field is missing"));
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    pl_import_problem (self, "events", _("expected an array, got %s"), pl_import_describe_node (node));
  else
    {
      JsonArray *events = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (events); i++)
        {
          g_autofree char *place = g_strdup_printf ("events[%u]", i);
          read_json_slide (&conv, json_array_get_element (events, i), place, SLIDE_EVENT, i);
        }
    }

  node = json_object_get_member (root, "eras");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        pl_import_problem (self, "eras", _("expected an array, got %s"), pl_import_describe_node (node));
      else
        {
          JsonArray *eras = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (eras); i++)
            {
              g_autofree char *place = g_strdup_printf ("eras[%u]", i);
              read_json_slide (&conv, json_array_get_element (eras, i), place, SLIDE_ERA, i);
            }
        }
    }

  result = pl_timelinejs_converter_finish (&conv);
  pl_timelinejs_converter_clear (&conv);
  return result;
}
