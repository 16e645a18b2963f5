/* pl-search.c — turns what a user types into a safe FTS5 query
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FTS5 has its own query language (AND, OR, NOT, NEAR, column filters,
 * "-", "^", "*", parentheses, quoted phrases). A user typing in a search
 * field means none of it: they mean "items containing these words". So
 * each word becomes a quoted string, which FTS5 reads as plain text, and
 * the words are ANDed. The last word is a prefix, so results follow the
 * typing ("pezesh" finds Pezeshkian).
 */
#include "pl-search.h"

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Returns NULL when @text holds nothing searchable (empty, spaces, only
 * punctuation), which callers treat as "no text filter". */
char *
pl_search_build_query (const char *text)
{
  g_autoptr(GString) query = NULL;
  g_autoptr(GString) word = NULL;
  gboolean word_has_content = FALSE;
  gboolean ends_in_space = TRUE;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  query = g_string_new (NULL);
  word = g_string_new (NULL);

  for (p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          /* A word of punctuation alone would be an empty phrase. */
          if (word_has_content)
            {
              if (query->len > 0)
                g_string_append_c (query, ' ');
              g_string_append_c (query, '"');
              g_string_append_len (query, word->str, word->len);
              g_string_append_c (query, '"');
            }
          g_string_truncate (word, 0);
          word_has_content = FALSE;

          if (c == 0)
            break;
          ends_in_space = TRUE;
          continue;
        }

      ends_in_space = FALSE;
      if (c == '"')
        g_string_append (word, "\"\"");
      else if (g_unichar_iscntrl (c))
        continue;
      else
        g_string_append_unichar (word, c);
      word_has_content |= is_word_char (c);
    }

  if (query->len == 0)
    return NULL;

  if (!ends_in_space)
    g_string_append_c (query, '*');

  return g_string_free (g_steal_pointer (&query), FALSE);
}
