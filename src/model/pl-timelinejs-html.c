/* pl-timelinejs-html.c — TimelineJS HTML to plain text and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TimelineJS text is HTML; Pactline text is never markup. The scanner here
 * can only drop tags and decode entities, so nothing of a tag survives it
 * and no markup comes through; what it writes back is escaped, so nothing
 * Pactline holds is read as markup by TimelineJS either.
 */
#include "config.h"

#include <string.h>

#include "pl-timelinejs-private.h"

/* ------------------------------------------------------------------ */
/* HTML to plain text                                                  */

typedef struct
{
  const char *name;
  gunichar    c;
} Entity;

/* The entities HTML is written with in practice; any other is left as it
 * is written, which is harmless in plain text. */
static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00a0 }, { "shy", 0x00ad }, { "copy", 0x00a9 }, { "reg", 0x00ae },
  { "deg", 0x00b0 }, { "middot", 0x00b7 }, { "laquo", 0x00ab }, { "raquo", 0x00bb },
  { "times", 0x00d7 }, { "pound", 0x00a3 }, { "euro", 0x20ac }, { "ndash", 0x2013 },
  { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
  { "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bdquo", 0x201e }, { "bull", 0x2022 },
  { "hellip", 0x2026 }, { "minus", 0x2212 }, { "trade", 0x2122 },
};

/* Elements that start a line of their own; <p> starts a paragraph. */
static const char * const block_elements[] = {
  "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption",
  "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
  "ol", "pre", "section", "table", "tr", "ul", NULL
};

typedef struct
{
  GString  *out;
  guint     newlines;      /* line breaks owed before the next text, at most 2 */
  gboolean  space;         /* white space seen since the last text */
  gboolean  single_line;   /* breaks become spaces */
} TextOut;

static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

/* Breaks wait until text follows them, so none leads or trails, and they
 * never add up to more than a blank line. */
static void
text_out_break (TextOut *t,
                guint    n,
                gboolean add)
{
  t->newlines = add ? MIN (t->newlines + n, 2) : MAX (t->newlines, n);
}

static void
text_out_char (TextOut  *t,
               gunichar  c)
{
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
    {
      t->space = TRUE;
      return;
    }
  /* Control characters are not text. */
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
    return;
  if (is_noncharacter (c))
    c = 0xfffd;

  if (t->out->len > 0)
    {
      if (t->newlines > 0 && !t->single_line)
        for (guint i = 0; i < t->newlines; i++)
          g_string_append_c (t->out, '\n');
      else if (t->newlines > 0 || t->space)
        g_string_append_c (t->out, ' ');
    }
  t->newlines = 0;
  t->space = FALSE;
  g_string_append_unichar (t->out, c);
}

/* A character reference names a code point; one that text may not hold
 * (NUL, a surrogate, past U+10FFFF, a control or a noncharacter) becomes
 * U+FFFD, as a browser shows it. */
static gunichar
referenced_char (guint64 value)
{
  gunichar c = (gunichar) value;

  if (value > 0x10ffff || c == 0 || (c >= 0xd800 && c <= 0xdfff) || is_noncharacter (c))
    return 0xfffd;
  if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == ' ')
    return ' ';
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
    return 0xfffd;
  return c;
}

/* Reads the entity at @p ('&'). FALSE when there is none: the '&' is text. */
static gboolean
decode_entity (const char  *p,
               gunichar    *c,
               const char **next)
{
  const char *q = p + 1;

  if (*q == '#')
    {
      gboolean hex = q[1] == 'x' || q[1] == 'X';
      guint64 value = 0;
      guint n = 0;

      for (q += hex ? 2 : 1; hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q); q++, n++)
        if (value <= 0x10ffff)
          value = value * (hex ? 16 : 10) +
                  (guint64) (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
      if (n == 0)
        return FALSE;
      if (*q == ';')
        q++;
      *c = referenced_char (value);
      *next = q;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gsize len = strlen (entities[i].name);

      if (strncmp (q, entities[i].name, len) == 0 && q[len] == ';')
        {
          *c = entities[i].c;
          *next = q + len + 1;
          return TRUE;
        }
    }

  return FALSE;
}

/* The '>' that ends the tag whose name starts at @p, or NULL. A quote
 * after '=' opens an attribute value, which may hold '>'. */
static const char *
find_tag_end (const char *p)
{
  char quote = 0;
  char last = 0;

  for (; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if ((*p == '"' || *p == '\'') && last == '=')
        quote = *p;
      else if (*p == '>')
        return p;

      if (!g_ascii_isspace (*p))
        last = *p;
    }

  return NULL;
}

static const char *
find_closing_tag (const char *p,
                  const char *name)
{
  gsize len = strlen (name);

  for (; *p != '\0'; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, len) == 0 &&
        !g_ascii_isalnum (p[2 + len]))
      return p;

  return NULL;
}

/* Skips the tag, comment or declaration at @p ('<'), noting the break it
 * makes. What cannot be read as a tag to its end is dropped to the end of
 * the text: never passed on. */
static const char *
skip_tag (TextOut    *t,
          const char *p)
{
  const char *rest = p + strlen (p);
  const char *q = p + 1;
  const char *end;
  char name[16];
  gsize n = 0;

  if (g_str_has_prefix (p, "<!--"))
    {
      end = strstr (p + 4, "-->");
      return end != NULL ? end + 3 : rest;
    }

  end = find_tag_end (q);
  if (end == NULL)
    return rest;
  if (*q == '!' || *q == '?')
    return end + 1;

  if (*q == '/')
    q++;
  while (g_ascii_isalnum (*q) && n < sizeof name - 1)
    name[n++] = g_ascii_tolower (*q++);
  name[n] = '\0';
  if (g_ascii_isalnum (*q))
    name[0] = '\0';   /* longer than any element that matters here */

  if (p[1] != '/' && (strcmp (name, "script") == 0 || strcmp (name, "style") == 0))
    {
      const char *closing = find_closing_tag (end + 1, name);

      if (closing == NULL)
        return rest;
      end = find_tag_end (closing + 2);
      return end != NULL ? end + 1 : rest;
    }

  if (strcmp (name, "br") == 0)
    text_out_break (t, 1, TRUE);
  else if (strcmp (name, "p") == 0)
    text_out_break (t, 2, FALSE);
  else if (name[0] != '\0' && g_strv_contains (block_elements, name))
    text_out_break (t, 1, FALSE);

  return end + 1;
}

char *
pl_timelinejs_html_to_plain (const char *html,
                             gboolean    single_line)
{
  g_autofree char *valid = g_utf8_make_valid (html, -1);
  TextOut t = { g_string_new (NULL), 0, FALSE, single_line };
  const char *p = valid;

  while (*p != '\0')
    {
      gunichar c;
      const char *next;

      /* "a < b" is text; "<b" starts a tag, as in a browser. */
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?'))
        {
          p = skip_tag (&t, p);
          continue;
        }
      if (*p == '&' && decode_entity (p, &c, &next))
        {
          text_out_char (&t, c);
          p = next;
          continue;
        }

      text_out_char (&t, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }

  return g_string_free (t.out, FALSE);
}

char *
pl_timelinejs_html_to_text (const char *html)
{
  g_return_val_if_fail (html != NULL, NULL);

  return pl_timelinejs_html_to_plain (html, FALSE);
}

/* ------------------------------------------------------------------ */
/* Plain text to HTML                                                  */

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    switch (text[i])
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      case '\r':
        break;
      default:
        g_string_append_c (out, text[i]);
        break;
      }
}

gboolean
pl_timelinejs_is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

char *
pl_timelinejs_text_to_html (const char *text,
                            gboolean    paragraphs)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gboolean open = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!paragraphs)
        {
          if (i > 0 && out->len > 0)
            g_string_append_c (out, ' ');
          append_escaped (out, lines[i], strlen (lines[i]));
          continue;
        }

      /* A blank line ends a paragraph; other breaks stay breaks. */
      if (pl_timelinejs_is_blank (lines[i]))
        {
          if (open)
            g_string_append (out, "</p>");
          open = FALSE;
          continue;
        }
      g_string_append (out, open ? "<br>" : "<p>");
      open = TRUE;
      append_escaped (out, lines[i], strlen (lines[i]));
    }
  if (open)
    g_string_append (out, "</p>");

  return g_string_free (out, FALSE);
}
