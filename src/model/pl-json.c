/* pl-json.c — a JSON document read in one pass into one block of memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer reads a whole dataset and then walks it once. json-glib
 * builds a tree of reference-counted nodes with a hash table per object,
 * which for a large dataset costs more to build and to free than the walk
 * itself. This reader makes the same tree as plain structures in a few
 * large blocks: values in arrays, an object's members in the file's order,
 * strings decoded and NUL-terminated; freeing it is freeing the blocks.
 *
 * It is strict RFC 8259 and checks everything itself, as any reader of a
 * stranger's file must: UTF-8, escapes and surrogate pairs, control
 * characters in strings, the number grammar, nesting (iteratively, to a
 * depth the caller sets) and that nothing but white space follows the
 * value. It only says where it stopped; the importer asks json-glib for
 * the words (pl-importer.c).
 */
#include "config.h"

#include <string.h>

#include "pl-json.h"

#define BLOCK_SIZE (1024 * 1024)

typedef struct
{
  char  *data;
  gsize  used;
  gsize  size;
} Block;

struct _PlJsonDocument
{
  GArray      *blocks;      /* Block */
  PlJsonValue  root;
};

typedef struct
{
  gboolean     is_object;
  guint        start;       /* first child on the scratch stack */
  const char  *name;        /* an object's member being read */
  guint        name_length;
} Frame;

typedef struct
{
  PlJsonDocument *doc;
  const char     *p;
  const char     *end;
  GArray         *frames;   /* Frame */
  GArray         *members;  /* PlJsonMember: the children of open containers */
} Parser;

/* ------------------------------------------------------------------ */
/* Memory                                                              */

static gpointer
doc_alloc (PlJsonDocument *doc,
           gsize           size)
{
  Block *block = doc->blocks->len > 0 ? &g_array_index (doc->blocks, Block, doc->blocks->len - 1) : NULL;
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (block == NULL || block->size - block->used < size)
    {
      Block fresh;

      /* A value larger than a block gets a block of its own. */
      fresh.size = MAX (BLOCK_SIZE, size);
      fresh.data = g_malloc (fresh.size);
      fresh.used = 0;
      g_array_append_val (doc->blocks, fresh);
      block = &g_array_index (doc->blocks, Block, doc->blocks->len - 1);
    }

  memory = block->data + block->used;
  block->used += size;
  return memory;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                             */

static inline void
skip_space (Parser *self)
{
  while (self->p < self->end &&
         (*self->p == ' ' || *self->p == '\n' || *self->p == '\r' || *self->p == '\t'))
    self->p++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @p; -1 if they are not. */
static int
read_hex4 (const char *p,
           const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string at self->p (at its opening quote) into the document:
 * its bytes in @out, its length in @length. */
static gboolean
read_string (Parser      *self,
             const char **out,
             guint       *length)
{
  const char *start = ++self->p;
  const char *p = start;
  gboolean escaped = FALSE;
  char *copy;
  char *q;

  /* First the extent, and whether anything needs decoding. */
  for (;;)
    {
      const char *stop;

      if (p >= self->end)
        goto fail;
      stop = memchr (p, '"', (gsize) (self->end - p));
      if (stop == NULL)
        goto fail;
      /* The quote ends the string unless an odd run of backslashes
       * escapes it. */
      {
        const char *b = stop;
        gsize n_backslashes = 0;

        while (b > p && b[-1] == '\\')
          {
            b--;
            n_backslashes++;
          }
        if (memchr (p, '\\', (gsize) (stop - p)) != NULL)
          escaped = TRUE;
        p = stop + 1;
        if (n_backslashes % 2 == 0)
          break;
      }
    }
  /* p is past the closing quote. */
  if ((gsize) (p - 1 - start) > G_MAXUINT - 1)
    goto fail;
  if (!g_utf8_validate_len (start, (gsize) (p - 1 - start), NULL))
    {
      self->p = start;
      return FALSE;
    }

  copy = doc_alloc (self->doc, (gsize) (p - 1 - start) + 1);
  q = copy;
  if (!escaped)
    {
      for (const char *s = start; s < p - 1; s++)
        if ((guchar) *s < 0x20)
          {
            self->p = s;
            return FALSE;
          }
      memcpy (copy, start, (gsize) (p - 1 - start));
      q = copy + (p - 1 - start);
    }
  else
    {
      for (const char *s = start; s < p - 1;)
        {
          if ((guchar) *s < 0x20)
            {
              self->p = s;
              return FALSE;
            }
          if (*s != '\\')
            {
              *q++ = *s++;
              continue;
            }

          switch (s[1])
            {
            case '"': *q++ = '"'; s += 2; break;
            case '\\': *q++ = '\\'; s += 2; break;
            case '/': *q++ = '/'; s += 2; break;
            case 'b': *q++ = '\b'; s += 2; break;
            case 'f': *q++ = '\f'; s += 2; break;
            case 'n': *q++ = '\n'; s += 2; break;
            case 'r': *q++ = '\r'; s += 2; break;
            case 't': *q++ = '\t'; s += 2; break;
            case 'u':
              {
                int unit = read_hex4 (s + 2, p - 1);
                gunichar c;

                if (unit < 0)
                  {
                    self->p = s;
                    return FALSE;
                  }
                c = (gunichar) unit;
                s += 6;
                if (c >= 0xdc00 && c <= 0xdfff)
                  {
                    self->p = s - 6;
                    return FALSE;
                  }
                if (c >= 0xd800 && c <= 0xdbff)
                  {
                    int low = (s[0] == '\\' && s + 1 < p - 1 && s[1] == 'u') ? read_hex4 (s + 2, p - 1) : -1;

                    if (low < 0xdc00 || low > 0xdfff)
                      {
                        self->p = s - 6;
                        return FALSE;
                      }
                    c = 0x10000 + ((c - 0xd800) << 10) + ((gunichar) low - 0xdc00);
                    s += 6;
                  }
                if (c == 0)
                  {
                    self->p = s - 6;
                    return FALSE;
                  }
                /* Never longer than the six or twelve bytes it replaces. */
                q += g_unichar_to_utf8 (c, q);
              }
              break;
            default:
              self->p = s;
              return FALSE;
            }
        }
    }
  *q = '\0';

  *out = copy;
  *length = (guint) (q - copy);
  self->p = p;
  return TRUE;

fail:
  self->p = start - 1;
  return FALSE;
}

static gboolean
read_number (Parser      *self,
             PlJsonValue *value)
{
  const char *start = self->p;
  const char *p = start;
  gboolean integer = TRUE;
  guint64 magnitude = 0;
  gboolean overflow = FALSE;
  gboolean negative = FALSE;

  if (p < self->end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= self->end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < self->end && g_ascii_isdigit (*p))
      {
        guint digit = (guint) (*p - '0');

        if (magnitude > (G_MAXUINT64 - digit) / 10)
          overflow = TRUE;
        else
          magnitude = magnitude * 10 + digit;
        p++;
      }
  if (p < self->end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= self->end || !g_ascii_isdigit (*p))
        {
          self->p = p;
          return FALSE;
        }
      while (p < self->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < self->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < self->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= self->end || !g_ascii_isdigit (*p))
        {
          self->p = p;
          return FALSE;
        }
      while (p < self->end && g_ascii_isdigit (*p))
        p++;
    }

  if (integer && !overflow &&
      magnitude <= (negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64))
    {
      value->type = PL_JSON_INTEGER;
      value->integer = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
    }
  else
    {
      /* The text is not NUL-terminated where it lies. */
      g_autofree char *text = g_strndup (start, (gsize) (p - start));

      value->type = PL_JSON_DOUBLE;
      value->number = g_ascii_strtod (text, NULL);
    }

  self->p = p;
  return TRUE;
}

static gboolean
read_literal (Parser     *self,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (self->end - self->p) < length || memcmp (self->p, word, length) != 0)
    return FALSE;
  self->p += length;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Containers                                                          */

/* An object's member name and its colon, at self->p. */
static gboolean
read_name (Parser *self,
           Frame  *frame)
{
  skip_space (self);
  if (self->p >= self->end || *self->p != '"' ||
      !read_string (self, &frame->name, &frame->name_length))
    return FALSE;
  skip_space (self);
  if (self->p >= self->end || *self->p != ':')
    return FALSE;
  self->p++;
  return TRUE;
}

/* Moves the children of the innermost container into the document. */
static void
close_container (Parser      *self,
                 PlJsonValue *value)
{
  Frame *frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
  guint n = self->members->len - frame->start;
  PlJsonMember *children = &g_array_index (self->members, PlJsonMember, frame->start);

  value->length = n;
  if (frame->is_object)
    {
      value->type = PL_JSON_OBJECT;
      value->members = n > 0 ? doc_alloc (self->doc, n * sizeof (PlJsonMember)) : NULL;
      if (n > 0)
        memcpy (value->members, children, n * sizeof (PlJsonMember));
    }
  else
    {
      value->type = PL_JSON_ARRAY;
      value->elements = n > 0 ? doc_alloc (self->doc, n * sizeof (PlJsonValue)) : NULL;
      for (guint i = 0; i < n; i++)
        value->elements[i] = children[i].value;
    }

  g_array_set_size (self->members, frame->start);
  g_array_set_size (self->frames, self->frames->len - 1);
}

static gboolean
parse (Parser *self,
       guint   max_depth)
{
  PlJsonValue value;

  for (;;)
    {
      /* A value, or the opening of a container. */
      skip_space (self);
      if (self->p >= self->end)
        return FALSE;

      memset (&value, 0, sizeof value);
      switch (*self->p)
        {
        case '{':
        case '[':
          {
            Frame frame = { *self->p == '{', self->members->len, NULL, 0 };
            char close = *self->p == '{' ? '}' : ']';

            if (self->frames->len >= max_depth)
              return FALSE;
            self->p++;
            g_array_append_val (self->frames, frame);
            skip_space (self);
            if (self->p < self->end && *self->p == close)
              {
                self->p++;
                close_container (self, &value);
                break;
              }
            if (frame.is_object &&
                !read_name (self, &g_array_index (self->frames, Frame, self->frames->len - 1)))
              return FALSE;
            continue;
          }

        case '"':
          value.type = PL_JSON_STRING;
          if (!read_string (self, &value.string, &value.length))
            return FALSE;
          break;

        case 't':
          if (!read_literal (self, "true"))
            return FALSE;
          value.type = PL_JSON_BOOLEAN;
          value.boolean = TRUE;
          break;

        case 'f':
          if (!read_literal (self, "false"))
            return FALSE;
          value.type = PL_JSON_BOOLEAN;
          break;

        case 'n':
          if (!read_literal (self, "null"))
            return FALSE;
          value.type = PL_JSON_NULL;
          break;

        default:
          if (!read_number (self, &value))
            return FALSE;
          break;
        }

      /* A whole value: it goes to its container, which may end here. */
      for (;;)
        {
          Frame *frame;
          PlJsonMember member;

          if (self->frames->len == 0)
            {
              self->doc->root = value;
              skip_space (self);
              return self->p == self->end;
            }

          frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
          member.name = frame->name;
          member.name_length = frame->name_length;
          member.value = value;
          g_array_append_val (self->members, member);

          skip_space (self);
          if (self->p >= self->end)
            return FALSE;
          if (*self->p == ',')
            {
              self->p++;
              if (frame->is_object && !read_name (self, frame))
                return FALSE;
              break;   /* to the next value */
            }
          if (*self->p != (frame->is_object ? '}' : ']'))
            return FALSE;
          self->p++;
          memset (&value, 0, sizeof value);
          close_container (self, &value);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

PlJsonDocument *
pl_json_document_parse (const char *data,
                        gsize       length,
                        guint       max_depth,
                        gsize      *error_offset)
{
  g_autoptr(PlJsonDocument) doc = g_new0 (PlJsonDocument, 1);
  Parser self = { 0 };
  gboolean ok;

  doc->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self.doc = doc;
  self.p = data;
  self.end = data + length;
  self.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  self.members = g_array_sized_new (FALSE, FALSE, sizeof (PlJsonMember), 1024);

  ok = parse (&self, max_depth);

  g_array_unref (self.frames);
  g_array_unref (self.members);

  if (!ok)
    {
      if (error_offset != NULL)
        *error_offset = (gsize) (MIN (self.p, self.end) - data);
      return NULL;
    }

  return g_steal_pointer (&doc);
}

const PlJsonValue *
pl_json_document_get_root (const PlJsonDocument *self)
{
  return &self->root;
}

void
pl_json_document_free (PlJsonDocument *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->blocks->len; i++)
    g_free (g_array_index (self->blocks, Block, i).data);
  g_array_unref (self->blocks);
  g_free (self);
}

const PlJsonValue *
pl_json_object_get (const PlJsonValue *object,
                    const char        *name)
{
  gsize length;

  if (object == NULL || object->type != PL_JSON_OBJECT)
    return NULL;

  length = strlen (name);
  for (guint i = object->length; i > 0; i--)
    {
      const PlJsonMember *member = &object->members[i - 1];

      if (member->name_length == length && memcmp (member->name, name, length) == 0)
        return &member->value;
    }

  return NULL;
}
