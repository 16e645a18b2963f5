/* pl-import-check.c — checks of raw text and single values, and the problems they find
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every problem is kept with its place; values from the file are quoted in
 * messages with control characters escaped, so a file cannot drive the
 * terminal that shows them.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pl-import-private.h"

/* ------------------------------------------------------------------ */
/* Problems                                                            */

void
pl_import_problem (Import     *self,
                   const char *place,
                   const char *format,
                   ...)
{
  PlImportReport *report = self->report;
  g_autofree char *message = NULL;
  va_list args;

  report->n_problems++;
  if (report->problems->len >= PL_IMPORT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (place != NULL && place[0] != '\0')
    g_ptr_array_add (report->problems, g_strdup_printf ("%s: %s", place, message));
  else
    g_ptr_array_add (report->problems, g_steal_pointer (&message));
}

/* A value from the file, quoted for a message: control characters escaped
 * so nothing in the file can drive the terminal, and long values cut. */
char *
pl_import_quote_value (const char *text)
{
  GString *out = g_string_new ("\"");
  guint n_chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (++n_chars > 60)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

const char *
pl_import_describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value of unknown type");
    }
}

gboolean
pl_import_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

const char *
pl_import_describe_value (const PlJsonValue *value)
{
  switch (value != NULL ? value->type : PL_JSON_NULL)
    {
    case PL_JSON_NULL:
      return _("null");
    case PL_JSON_OBJECT:
      return _("an object");
    case PL_JSON_ARRAY:
      return _("an array");
    case PL_JSON_STRING:
      return _("a string");
    case PL_JSON_BOOLEAN:
      return _("true or false");
    case PL_JSON_INTEGER:
    case PL_JSON_DOUBLE:
      return _("a number");
    default:
      return _("a value of unknown type");
    }
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

gboolean
pl_import_is_valid_id (const char *text)
{
  gsize len = 0;

  if (!g_ascii_islower (text[0]) && !g_ascii_isdigit (text[0]))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++, len++)
    {
      char c = *p;

      if (!(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-' || c == '_' || c == '.'))
        return FALSE;
    }

  return len <= 128;
}

gboolean
pl_import_is_valid_color (const char *text)
{
  if (text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
pl_import_is_valid_url (const char *text)
{
  return text[0] == '\0' ||
         g_str_has_prefix (text, "https://") ||
         g_str_has_prefix (text, "http://");
}

/* A BCP 47 tag in its common shape: "en", "fa", "pt-BR", "zh-Hant-TW". */
gboolean
pl_import_is_valid_language (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len < (i == 0 ? 2 : 1) || len > (i == 0 ? 3 : 8))
        return FALSE;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if (!(g_ascii_isalpha (*p) || (i > 0 && g_ascii_isdigit (*p))))
          return FALSE;
    }

  return parts[0] != NULL;
}

/* The checks of a member read as a string, whichever tree it comes from:
 * @absent when it is missing or null, else @description when it is not a
 * string, else its @text of @length bytes. */
static gboolean
check_string (Import      *self,
              const char  *place,
              const char  *name,
              gboolean     required,
              gboolean     absent,
              const char  *description,
              const char  *text,
              gsize        length,
              const char **out)
{
  *out = NULL;

  if (absent)
    {
      if (required)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
          pl_import_problem (self, where, _("required field is missing"));
          return FALSE;
        }
      return TRUE;
    }

  if (description != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      pl_import_problem (self, where, _("expected a string, got %s"), description);
      return FALSE;
    }

  if (length > PL_IMPORT_MAX_TEXT)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      pl_import_problem (self, where, _("text is longer than %zu bytes"), (size_t) PL_IMPORT_MAX_TEXT);
      return FALSE;
    }

  if (required && text[0] == '\0')
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      pl_import_problem (self, where, _("must not be empty"));
      return FALSE;
    }

  *out = text;
  return TRUE;
}

/* Reads member @name of @object as a string. Absent and null give NULL and
 * TRUE unless @required. Problems are reported at "@place.@name". */
gboolean
pl_import_get_string (Import      *self,
                      JsonObject  *object,
                      const char  *place,
                      const char  *name,
                      gboolean     required,
                      const char **out)
{
  JsonNode *node = json_object_get_member (object, name);
  gboolean absent = node == NULL || JSON_NODE_HOLDS_NULL (node);
  gboolean is_string = !absent && pl_import_node_is_string (node);
  const char *text = is_string ? json_node_get_string (node) : NULL;

  return check_string (self, place, name, required, absent,
                       absent || is_string ? NULL : pl_import_describe_node (node),
                       text, text != NULL ? strlen (text) : 0, out);
}

/* The same for a member of a dataset read by pl-json.c. */
gboolean
pl_import_member_string (Import             *self,
                         const PlJsonValue  *object,
                         const char         *place,
                         const char         *name,
                         gboolean            required,
                         const char        **out)
{
  const PlJsonValue *value = pl_json_object_get (object, name);
  gboolean absent = value == NULL || value->type == PL_JSON_NULL;
  gboolean is_string = !absent && value->type == PL_JSON_STRING;

  return check_string (self, place, name, required, absent,
                       absent || is_string ? NULL : pl_import_describe_value (value),
                       is_string ? value->string : NULL, is_string ? value->length : 0, out);
}

/* ------------------------------------------------------------------ */
/* Before parsing                                                      */

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

  /* Columns count characters, as an editor shows them. */
  *column = 1 + (guint) g_utf8_strlen (line_start, data + offset - line_start);
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* The code unit of the "\uXXXX" at @data[@i], or -1 when it is not one. */
static int
read_unicode_escape (const char *data,
                     gsize       length,
                     gsize       i)
{
  int unit = 0;

  if (i + 6 > length || data[i] != '\\' || data[i + 1] != 'u')
    return -1;
  for (gsize k = i + 2; k < i + 6; k++)
    {
      int digit = hex_value (data[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

/* Checks the escape starting with the backslash at @data[@i] as RFC 8259
 * defines them. json-glib lets some bad ones through ("\x41", "\uzzzz"),
 * calls a lone "\udc00" an unterminated string, turns "\u0000" into a
 * string cut short, and leaks memory when a high surrogate is followed by
 * another escape that is not its low half; none of them reaches it.
 * Returns the length of the escape, or 0 after recording a problem. */
static gsize
check_escape (Import     *self,
              const char *data,
              gsize       length,
              gsize       i)
{
  g_autofree char *place = NULL;
  guint line, column;
  int unit, low;

  if (i + 1 < length && strchr ("\"\\/bfnrt", data[i + 1]) != NULL && data[i + 1] != '\0')
    return 2;
  /* A file cut inside an escape: json-glib says the string is not
   * terminated, which is the better message. */
  if (i + 1 >= length || (data[i + 1] == 'u' && i + 6 > length))
    return length - i;

  locate (data, i, &line, &column);
  place = g_strdup_printf (_("line %u, column %u"), line, column);

  if (data[i + 1] != 'u')
    {
      pl_import_problem (self, place, _("the file is not valid JSON: a backslash in a string must start one of the escapes \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
      return 0;
    }

  unit = read_unicode_escape (data, length, i);
  if (unit < 0)
    {
      pl_import_problem (self, place, _("the file is not valid JSON: \\u must be followed by four hexadecimal digits"));
      return 0;
    }
  if (unit == 0)
    {
      pl_import_problem (self, place, _("the file contains an escaped NUL character (\\u0000), which no text may hold"));
      return 0;
    }
  if (unit >= 0xdc00 && unit <= 0xdfff)
    {
      pl_import_problem (self, place, _("the file is not valid JSON: \\u%04X is the second half of a UTF-16 surrogate pair, without the first"), (guint) unit);
      return 0;
    }
  if (unit < 0xd800 || unit > 0xdbff)
    return 6;

  low = read_unicode_escape (data, length, i + 6);
  if (low < 0xdc00 || low > 0xdfff)
    {
      pl_import_problem (self, place, _("the file is not valid JSON: \\u%04X is the first half of a UTF-16 surrogate pair, and the second half does not follow it"), (guint) unit);
      return 0;
    }
  return 12;
}

gboolean
pl_import_precheck (Import     *self,
                    const char *data,
                    gsize       length)
{
  const char *end = NULL;
  guint line, column;
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean seen_value = FALSE;

  if (length == 0)
    {
      pl_import_problem (self, NULL, _("the file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize offset = (gsize) (end - data);
      g_autofree char *place = NULL;

      locate (data, offset, &line, &column);
      place = g_strdup_printf (_("line %u, column %u"), line, column);
      if (data[offset] == '\0')
        pl_import_problem (self, place, _("the file contains a NUL byte, so it is not a text file"));
      else
        pl_import_problem (self, place, _("the file is not valid UTF-8 text"));
      return FALSE;
    }

  /* json-glib parses recursively; refuse deep nesting before it does. */
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              gsize escape = check_escape (self, data, length, i);

              if (escape == 0)
                return FALSE;
              i += escape - 1;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (depth == 0 && seen_value && (c == '"' || c == '[' || c == '{'))
        {
          /* json-glib reads on when an object or an array follows the
           * first value, keeps the first and leaks the rest: refuse a
           * second value before it sees one. */
          g_autofree char *place = NULL;

          locate (data, i, &line, &column);
          place = g_strdup_printf (_("line %u, column %u"), line, column);
          pl_import_problem (self, place, _("the file is not valid JSON: another value follows the end of the first one"));
          return FALSE;
        }
      else if (c == '"')
        in_string = seen_value = TRUE;
      else if (c == '[' || c == '{')
        {
          seen_value = TRUE;
          if (++depth > PL_IMPORT_MAX_DEPTH)
            {
              g_autofree char *place = NULL;

              locate (data, i, &line, &column);
              place = g_strdup_printf (_("line %u, column %u"), line, column);
              pl_import_problem (self, place, _("arrays and objects are nested more than %d deep"),
                                 PL_IMPORT_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        seen_value = TRUE;
    }

  return TRUE;
}

/* json-glib's message quotes the token it stopped at, with its escapes
 * decoded and cut after a number of bytes that may split a character:
 * made valid UTF-8 with control characters escaped, as any text from the
 * file is before it is shown. */
static char *
clean_parse_message (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* json-glib says "<data>:3:14: Parse error: …"; we say where in our words. */
void
pl_import_report_parse_error (Import       *self,
                              const GError *parse_error)
{
  g_autofree char *cleaned = clean_parse_message (parse_error->message);
  const char *message = cleaned;
  guint line = 0, column = 0;
  const char *rest = NULL;

  if (g_str_has_prefix (message, "<data>:"))
    {
      char *p = (char *) message + strlen ("<data>:");
      line = (guint) g_ascii_strtoull (p, &p, 10);
      if (*p == ':')
        {
          column = (guint) g_ascii_strtoull (p + 1, &p, 10);
          if (*p == ':')
            rest = p + 1;
        }
    }

  if (rest != NULL && line > 0)
    {
      g_autofree char *place = g_strdup_printf (_("line %u, column %u"), line, column);
      pl_import_problem (self, place, _("the file is not valid JSON:%s"), rest);
    }
  else
    pl_import_problem (self, NULL, _("the file is not valid JSON: %s"), message);
}

/* pl-json.c stopped at @offset of @data. What people most often write
 * that JSON is not (comments, single quotes, a tab or line break inside a
 * string) gets a word on what to write instead; for the rest json-glib,
 * whose messages its translators have put in every language, reads the
 * same text. What json-glib takes and JSON does not (hexadecimal numbers,
 * leading zeros) is placed where our reader stopped. */
void
pl_import_report_syntax_error (Import     *self,
                               const char *data,
                               gsize       length,
                               gsize       offset)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  guint line, column;

  offset = MIN (offset, length);
  locate (data, offset, &line, &column);
  place = g_strdup_printf (_("line %u, column %u"), line, column);

  if (offset < length && (guchar) data[offset] < 0x20)
    pl_import_problem (self, place,
                       /* Translators: \n and \t are JSON's escapes; keep them */
                       _("the file is not valid JSON: a string holds a control character (U+%04X); write a line break as \\n and a tab as \\t"),
                       (guint) (guchar) data[offset]);
  else if (offset + 1 < length && data[offset] == '/' && (data[offset + 1] == '*' || data[offset + 1] == '/'))
    pl_import_problem (self, place, _("the file is not valid JSON: JSON has no comments"));
  else if (offset < length && data[offset] == '\'')
    pl_import_problem (self, place, _("the file is not valid JSON: strings and names are written in double quotes"));
  else if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    pl_import_report_parse_error (self, error);
  else
    pl_import_problem (self, place, _("the file is not valid JSON here"));
}

/* Names that read unambiguously in a place without quotes. */
static gboolean
is_plain_name (const char *name)
{
  if (name[0] == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* A member the format does not define: usually a typo ("colour") that
 * would otherwise be lost without a word. Plain names go into the place as
 * they are, others quoted and escaped. */
void
pl_import_unknown_member (Import     *self,
                          const char *place,
                          const char *name)
{
  g_autofree char *shown = is_plain_name (name) ? g_strdup (name) : pl_import_quote_value (name);
  g_autofree char *where = place[0] != '\0' ? g_strdup_printf ("%s.%s", place, shown) : g_strdup (shown);

  pl_import_problem (self, where, _("unknown field; the format does not define it"));
}
