/* test-timelinejs.c — TimelineJS3 JSON and spreadsheets in, TimelineJS3 JSON out
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-filter.h"
#include "pl-importer.h"
#include "pl-store.h"
#include "pl-test-util.h"
#include "pl-timelinejs.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* The node at a dotted path ("events.3.title"; numbers index arrays), or
 * NULL when there is none. */
static JsonNode *
lookup (JsonNode   *root,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint index = (guint) g_ascii_strtoull (parts[i], NULL, 10);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else
        node = NULL;
    }

  return node;
}

static const char *
string_at (JsonNode   *root,
           const char *path)
{
  JsonNode *node = lookup (root, path);

  if (node == NULL)
    return NULL;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
int_at (JsonNode   *root,
        const char *path)
{
  JsonNode *node = lookup (root, path);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

/* Members of an object or elements of an array; 0 when absent. */
static guint
size_at (JsonNode   *root,
         const char *path)
{
  JsonNode *node = lookup (root, path);

  if (node == NULL)
    return 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_size (json_node_get_object (node));
}

#define assert_string(root, path, expected) g_assert_cmpstr (string_at ((root), (path)), ==, (expected))

/* Converts a data file and parses the result; asserts there were no problems. */
static JsonNode *
convert_file (const char *name)
{
  g_autofree char *path = pl_test_data_path (name);
  g_autofree char *data = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  JsonNode *root;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  converted = pl_timelinejs_to_dataset (data, length, path, &report, &error);
  for (guint i = 0; report != NULL && i < report->problems->len; i++)
    g_test_message ("%s", (char *) report->problems->pdata[i]);
  g_assert_no_error (error);
  g_assert_nonnull (converted);
  g_assert_cmpuint (report->n_problems, ==, 0);

  root = json_from_string (converted, &error);
  g_assert_no_error (error);
  return root;
}

/* Converts @data and asserts it fails with exactly @expected, in order. */
static void
assert_problems (const char         *data,
                 gssize              length,
                 const char         *path,
                 const char * const *expected)
{
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  guint n = g_strv_length ((char **) expected);

  converted = pl_timelinejs_to_dataset (data, length < 0 ? strlen (data) : (gsize) length, path, &report, &error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("got: %s", (char *) report->problems->pdata[i]);

  g_assert_null (converted);
  g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  g_assert_cmpuint (report->n_problems, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (report->problems->pdata[i], ==, expected[i]);
}

static char *
store_event_theme (PlEvent *event)
{
  return event->themes.n_items > 0 ? g_strdup (PL_THEME (event->themes.items[0])->name) : NULL;
}

/* ------------------------------------------------------------------ */
/* HTML and plain text                                                 */

typedef struct
{
  const char *html;
  const char *text;
} HtmlCase;

static const HtmlCase html_cases[] = {
  { "plain text", "plain text" },
  { "  spaces\tand\nnewlines   collapse  ", "spaces and newlines collapse" },
  { "<b>bold</b> and <i><em>nested</em> tags</i>", "bold and nested tags" },
  { "one<br>two<br/>three<BR />four", "one\ntwo\nthree\nfour" },
  { "one<br><br><br><br>two", "one\n\ntwo" },
  { "<p>First.</p><p>Second.</p>", "First.\n\nSecond." },
  { "<p>a</p>\n\n<p>b</p>", "a\n\nb" },
  { "<ul><li>one</li><li>two</li></ul>after", "one\ntwo\nafter" },
  { "<div>a</div><div>b</div>", "a\nb" },
  { "<br><p>leading and trailing breaks go</p><br>", "leading and trailing breaks go" },
  { "a<script>alert('<b>x</b>')</script>b", "ab" },
  { "a<SCRIPT type=\"text/javascript\">x</ScRiPt >b", "ab" },
  { "a<style>p { color: red }</style>b", "ab" },
  { "a<script>never closed", "a" },
  { "a<!-- a <b>comment</b> -->b", "ab" },
  { "a<!DOCTYPE html>b<?xml version=\"1.0\"?>c", "abc" },
  { "<a href=\"x\" title='1 > 0'>link</a>", "link" },
  { "<a title=it's>it's</a>", "it's" },
  { "a <b unclosed tag", "a" },
  { "a < b and c<3", "a < b and c<3" },
  { "&amp; &lt; &gt; &quot; &#39; &apos;", "& < > \" ' '" },
  { "a&nbsp;b", "a\u00a0b" },
  { "&#8212;&#x2014;&#X2014;&#169;", "\u2014\u2014\u2014\u00a9" },
  { "&rsquo;&ldquo;&rdquo;&hellip;&ndash;&mdash;", "\u2019\u201c\u201d\u2026\u2013\u2014" },
  { "&#0;|&#xD800;|&#x110000;|&#99999999999999999999;|&#xFFFE;|&#x85;|&#7;", "\ufffd|\ufffd|\ufffd|\ufffd|\ufffd|\ufffd|\ufffd" },
  { "a&#10;b&#9;c&#32;d", "a b c d" },
  { "&unknown; &amp &#; &#x; R&D", "&unknown; &amp &#; &#x; R&D" },
  { "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>" },
  { "raw\x01" "control\x7f" "chars\xc2\x85" "gone", "rawcontrolcharsgone" },
  { "", "" },
};

static void
test_html_to_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (html_cases); i++)
    {
      g_autofree char *text = pl_timelinejs_html_to_text (html_cases[i].html);

      g_test_message ("%s", html_cases[i].html);
      g_assert_cmpstr (text, ==, html_cases[i].text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

static void
test_text_to_html (void)
{
  static const char * const round_trips[] = {
    "plain",
    "R&D <b> \"quoted\" 'single'",
    "First paragraph.\n\nSecond paragraph\nwith a second line.",
    "Russia–Iran: \u201ca new chapter\u201d \u2014 Tehran",
    "a\u00a0b",
    "",
  };
  g_autofree char *paragraphs = pl_timelinejs_text_to_html ("One & two.\n\n\n<Three>\nfour", TRUE);
  g_autofree char *line = pl_timelinejs_text_to_html ("A \"headline\"\non two lines", FALSE);

  g_assert_cmpstr (paragraphs, ==, "<p>One &amp; two.</p><p>&lt;Three&gt;<br>four</p>");
  g_assert_cmpstr (line, ==, "A &quot;headline&quot; on two lines");

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *html = pl_timelinejs_text_to_html (round_trips[i], TRUE);
      g_autofree char *back = pl_timelinejs_html_to_text (html);

      g_assert_cmpstr (back, ==, round_trips[i]);
    }
}

/* ------------------------------------------------------------------ */
/* Recognising input                                                   */

static void
test_detect (void)
{
  static const struct
  {
    const char *json;
    gboolean    timelinejs;
  } cases[] = {
    { "{\"events\": [{\"start_date\": {\"year\": 2020}}]}", TRUE },
    { "{\"events\": [1, {\"text\": {}}, {\"start_date\": {}}]}", TRUE },
    { "{\"title\": {\"text\": {\"headline\": \"T\"}}, \"events\": []}", TRUE },
    { "{\"events\": []}", FALSE },
    { "{\"events\": [{\"start_date\": \"2020\"}]}", FALSE },
    { "{\"title\": \"a string\", \"events\": []}", FALSE },
    { "{\"format\": \"pactline-dataset\", \"title\": {}, \"events\": [{\"start_date\": {}}]}", FALSE },
    { "{\"format\": \"pactline-dataset\", \"format_version\": 1, \"dataset\": {}}", FALSE },
    { "[{\"start_date\": {}}]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = json_from_string (cases[i].json, &error);

      g_assert_no_error (error);
      g_assert_cmpint (pl_timelinejs_is_timelinejs (root), ==, cases[i].timelinejs);
    }

  g_assert_true (pl_timelinejs_is_csv_path ("timeline.csv"));
  g_assert_true (pl_timelinejs_is_csv_path ("/a/b/Timeline.CSV"));
  g_assert_false (pl_timelinejs_is_csv_path ("timeline.json"));
  g_assert_false (pl_timelinejs_is_csv_path ("csv"));
  g_assert_false (pl_timelinejs_is_csv_path (NULL));
}

static void
test_dataset_id (void)
{
  static const char * const cases[][2] = {
    { "/home/teacher/Women in Computing.csv", "women-in-computing" },
    { "timelinejs-sample.json", "timelinejs-sample" },
    { "Rózsa_Péter v2.json", "rozsa_peter-v2" },
    { "Встреча.json", "timelinejs" },
    { "---.csv", "timelinejs" },
    { ".json", "json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = pl_timelinejs_dataset_id_for_path (cases[i][0]);
      g_assert_cmpstr (id, ==, cases[i][1]);
    }

  {
    g_autofree char *id = pl_timelinejs_dataset_id_for_path (NULL);
    g_assert_cmpstr (id, ==, "timelinejs");
  }
}

/* ------------------------------------------------------------------ */
/* The samples                                                         */

static void
test_sample_json (void)
{
  g_autoptr(JsonNode) root = convert_file ("timelinejs-sample.json");

  g_assert_cmpuint (size_at (root, ""), ==, 7);
  assert_string (root, "format", "pactline-dataset");
  g_assert_cmpint (int_at (root, "format_version"), ==, 1);

  /* The title slide; its media is a source too. */
  g_assert_cmpuint (size_at (root, "dataset"), ==, 5);
  assert_string (root, "dataset.id", "timelinejs-sample");
  assert_string (root, "dataset.title", "Northland & Southland: a treaty");
  assert_string (root, "dataset.description", "How two states came to sign a treaty.\n\nMade in TimelineJS by a teacher.");
  assert_string (root, "dataset.language", "und");
  assert_string (root, "dataset.version", "1");

  /* One source per credit, caption and address; only web addresses kept. */
  g_assert_cmpuint (size_at (root, "sources"), ==, 4);
  g_assert_cmpuint (size_at (root, "sources.0"), ==, 5);
  assert_string (root, "sources.0.id", "example-archive");
  assert_string (root, "sources.0.title", "Example Archive");
  assert_string (root, "sources.0.url", "https://example.org/cover.jpg");
  assert_string (root, "sources.0.kind", "other");
  assert_string (root, "sources.0.description", "The cover picture");
  g_assert_cmpuint (size_at (root, "sources.1"), ==, 5);
  assert_string (root, "sources.1.id", "a-treaty-is-signed");
  assert_string (root, "sources.1.title", "A treaty is signed");
  assert_string (root, "sources.1.url", "https://example.org/1");
  assert_string (root, "sources.1.description", "Example News, 18 January 2025");
  g_assert_cmpuint (size_at (root, "sources.2"), ==, 3);
  assert_string (root, "sources.2.id", "ministry-notes");
  assert_string (root, "sources.2.title", "Ministry notes");
  assert_string (root, "sources.2.url", NULL);
  g_assert_cmpuint (size_at (root, "sources.3"), ==, 4);
  assert_string (root, "sources.3.id", "only-a-caption");
  assert_string (root, "sources.3.title", "Only a caption");
  assert_string (root, "sources.3.url", "https://example.org/2");

  /* One theme per group, with colours from the fixed list. */
  g_assert_cmpuint (size_at (root, "themes"), ==, 2);
  g_assert_cmpuint (size_at (root, "themes.0"), ==, 3);
  assert_string (root, "themes.0.id", "diplomacy");
  assert_string (root, "themes.0.name", "Diplomacy");
  assert_string (root, "themes.0.color", "#3584e4");
  assert_string (root, "themes.1.id", "economy-trade");
  assert_string (root, "themes.1.name", "Economy & Trade");
  assert_string (root, "themes.1.color", "#2ec27e");

  g_assert_cmpuint (size_at (root, "eras"), ==, 2);
  g_assert_cmpuint (size_at (root, "eras.0"), ==, 6);
  assert_string (root, "eras.0.id", "negotiations");
  assert_string (root, "eras.0.title", "Negotiations");
  assert_string (root, "eras.0.start", "2020");
  assert_string (root, "eras.0.end", "2025-01");
  assert_string (root, "eras.0.color", "#deddda");
  assert_string (root, "eras.0.summary", "Years of talks.");
  /* No headline: named by its start. Numbers as text are numbers. */
  g_assert_cmpuint (size_at (root, "eras.1"), ==, 5);
  assert_string (root, "eras.1.id", "2025-01-17");
  assert_string (root, "eras.1.title", "2025-01-17");
  assert_string (root, "eras.1.start", "2025-01-17");
  assert_string (root, "eras.1.end", "2025-12-31");
  assert_string (root, "eras.1.color", "#99c1f1");

  g_assert_cmpuint (size_at (root, "events"), ==, 6);

  /* Every date part, times dropped; the dates' display dates joined;
   * HTML made plain text; unique_id made an id. */
  g_assert_cmpuint (size_at (root, "events.0"), ==, 10);
  assert_string (root, "events.0.id", "signing_2025");
  assert_string (root, "events.0.start", "2025-01-17");
  assert_string (root, "events.0.end", "2025-01-18");
  assert_string (root, "events.0.title", "The treaty is signed in the capital");
  assert_string (root, "events.0.summary",
                 "Both presidents sign the treaty.\n\n"
                 "Key points:\nno aid to an aggressor\ntrade & energy\n\n"
                 "Entities: <b> \"quoted\" it's it's a\u00a0b \u2014 \u2014 \ufffd \ufffd \ufffd &unknown; a < b\n\n"
                 "Last line with spaces");
  assert_string (root, "events.0.kind", "other");
  assert_string (root, "events.0.certainty", "reported");
  assert_string (root, "events.0.date_note", "17 January, in the afternoon \u2013 18 January");
  g_assert_cmpuint (size_at (root, "events.0.themes"), ==, 1);
  assert_string (root, "events.0.themes.0", "diplomacy");
  g_assert_cmpuint (size_at (root, "events.0.sources"), ==, 1);
  assert_string (root, "events.0.sources.0", "a-treaty-is-signed");

  /* No unique_id: the headline as a slug, as TimelineJS makes it. The
   * same media is the same source. */
  g_assert_cmpuint (size_at (root, "events.1"), ==, 7);
  assert_string (root, "events.1.id", "talks-on-a-treaty-begin");
  assert_string (root, "events.1.start", "2020");
  assert_string (root, "events.1.title", "Talks on a treaty begin");
  assert_string (root, "events.1.themes.0", "diplomacy");
  assert_string (root, "events.1.sources.0", "a-treaty-is-signed");

  /* A unique_id used before ("signing_2025" again): the headline. */
  g_assert_cmpuint (size_at (root, "events.2"), ==, 8);
  assert_string (root, "events.2.id", "trade-talks");
  assert_string (root, "events.2.start", "2023-06");
  assert_string (root, "events.2.summary", "A first round on trade.");
  assert_string (root, "events.2.themes.0", "economy-trade");
  assert_string (root, "events.2.sources.0", "ministry-notes");

  /* A headline with no letters a slug can keep: the slide's number. The
   * slide's display date wins over the dates' own. */
  g_assert_cmpuint (size_at (root, "events.3"), ==, 8);
  assert_string (root, "events.3.id", "slide-3");
  assert_string (root, "events.3.start", "2024-03-01");
  assert_string (root, "events.3.end", "2024-04");
  assert_string (root, "events.3.title", "Встреча");
  assert_string (root, "events.3.date_note", "Spring 2024");
  assert_string (root, "events.3.sources.0", "only-a-caption");
  assert_string (root, "events.3.themes", NULL);

  /* A blank unique_id and a headline already taken: numbered. An end
   * equal to the start is dropped, as TimelineJS does. */
  g_assert_cmpuint (size_at (root, "events.4"), ==, 6);
  assert_string (root, "events.4.id", "slide-4");
  assert_string (root, "events.4.start", "2024-09");
  assert_string (root, "events.4.end", NULL);
  assert_string (root, "events.4.title", "Talks on a treaty begin");

  /* No headline: the start of the text, cut at a word. */
  g_assert_cmpuint (size_at (root, "events.5"), ==, 8);
  assert_string (root, "events.5.id", "slide-5");
  assert_string (root, "events.5.start", "2021");
  assert_string (root, "events.5.end", "2022");
  assert_string (root, "events.5.title", "A slide without a headline, whose text is long enough that the first line has to…");
  assert_string (root, "events.5.summary",
                 "A slide without a headline, whose text is long enough that the first line has to be cut at a word.\n\n"
                 "Second paragraph.");
  assert_string (root, "events.5.date_note", "until 2022");
}

static void
test_sample_csv (void)
{
  g_autoptr(JsonNode) root = convert_file ("timelinejs-sample.csv");

  g_assert_cmpuint (size_at (root, "dataset"), ==, 5);
  assert_string (root, "dataset.id", "timelinejs-sample");
  /* A quoted field with a comma; the title row. */
  assert_string (root, "dataset.title", "Northland, Southland and a treaty");
  assert_string (root, "dataset.description", "How two states came to sign a treaty.");

  g_assert_cmpuint (size_at (root, "sources"), ==, 4);
  g_assert_cmpuint (size_at (root, "sources.0"), ==, 3);
  assert_string (root, "sources.0.id", "example-archive");
  assert_string (root, "sources.0.title", "Example Archive");
  g_assert_cmpuint (size_at (root, "sources.1"), ==, 5);
  assert_string (root, "sources.1.id", "example-news-18-january");
  assert_string (root, "sources.1.title", "Example News, 18 January");
  assert_string (root, "sources.1.url", "https://example.org/1");
  assert_string (root, "sources.1.description", "A photo, with a comma");
  g_assert_cmpuint (size_at (root, "sources.2"), ==, 4);
  assert_string (root, "sources.2.id", "wikipedia");
  assert_string (root, "sources.2.title", "Wikipedia");
  assert_string (root, "sources.2.url", "https://en.wikipedia.org/wiki/Ada_Lovelace");
  /* The same credit without the caption and address is another source. */
  g_assert_cmpuint (size_at (root, "sources.3"), ==, 3);
  assert_string (root, "sources.3.id", "example-news-18-january-2");
  assert_string (root, "sources.3.title", "Example News, 18 January");

  g_assert_cmpuint (size_at (root, "themes"), ==, 2);
  assert_string (root, "themes.0.id", "diplomacy");
  assert_string (root, "themes.0.color", "#3584e4");
  assert_string (root, "themes.1.id", "people");
  assert_string (root, "themes.1.name", "People");
  assert_string (root, "themes.1.color", "#2ec27e");

  /* The "Era" row (any case). */
  g_assert_cmpuint (size_at (root, "eras"), ==, 1);
  g_assert_cmpuint (size_at (root, "eras.0"), ==, 6);
  assert_string (root, "eras.0.id", "negotiations");
  assert_string (root, "eras.0.title", "Negotiations");
  assert_string (root, "eras.0.start", "2020");
  assert_string (root, "eras.0.end", "2025-01");
  assert_string (root, "eras.0.summary", "Years of talks.");

  /* The blank row is skipped. */
  g_assert_cmpuint (size_at (root, "events"), ==, 5);

  /* Doubled quotes; times dropped; Display Date as the note. */
  g_assert_cmpuint (size_at (root, "events.0"), ==, 10);
  assert_string (root, "events.0.id", "the-treaty-is-signed");
  assert_string (root, "events.0.start", "2025-01-17");
  assert_string (root, "events.0.end", "2025-01-18");
  assert_string (root, "events.0.title", "The treaty is \"signed\"");
  assert_string (root, "events.0.summary", "Both presidents sign it.\n\nLine one\nline two");
  assert_string (root, "events.0.kind", "other");
  assert_string (root, "events.0.certainty", "reported");
  assert_string (root, "events.0.date_note", "17\u201318 January");
  assert_string (root, "events.0.themes.0", "diplomacy");
  assert_string (root, "events.0.sources.0", "example-news-18-january");

  /* A line break inside a quoted field (CRLF there too) is white space
   * in HTML, as TimelineJS shows it. */
  g_assert_cmpuint (size_at (root, "events.1"), ==, 7);
  assert_string (root, "events.1.id", "talks-on-a-treaty-begin");
  assert_string (root, "events.1.start", "2020");
  assert_string (root, "events.1.summary", "First line second line & more");

  /* " 1,815 " is 1815, as in TimelineJS; HTML in the credit. */
  g_assert_cmpuint (size_at (root, "events.2"), ==, 7);
  assert_string (root, "events.2.id", "ada-lovelace");
  assert_string (root, "events.2.start", "1815-12-10");
  assert_string (root, "events.2.themes.0", "people");
  assert_string (root, "events.2.sources.0", "wikipedia");

  /* Generated ids name the row's line: the field with a line break
   * before it makes this line 9, not row 8. */
  g_assert_cmpuint (size_at (root, "events.3"), ==, 7);
  assert_string (root, "events.3.id", "slide-9");
  assert_string (root, "events.3.start", "2024-03");
  assert_string (root, "events.3.title", "Встреча");
  assert_string (root, "events.3.date_note", "early March");
  assert_string (root, "events.3.sources.0", "example-news-18-january-2");

  g_assert_cmpuint (size_at (root, "events.4"), ==, 6);
  assert_string (root, "events.4.id", "slide-10");
  assert_string (root, "events.4.start", "2021");
  assert_string (root, "events.4.title", "Talks on a treaty begin");
  assert_string (root, "events.4.summary", "Another round.");
}

/* Columns in any order, names in any case; Time, Thumbnail, Background
 * and Alt Text are read and dropped. LF endings and no BOM. */
static void
test_csv_columns (void)
{
  static const char csv[] =
    "  headline ,TEXT,Type,year,MONTH,day,Time,Media Thumbnail,Background,Alt Text,End Year,Group\n"
    "Spring talks,Text,,2022,4,1,10:00,https://example.org/t.jpg,#000000,A picture,2022,Talks\n";
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = pl_timelinejs_to_dataset (csv, strlen (csv), "order.csv", &report, &error);
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  root = json_from_string (converted, &error);
  g_assert_no_error (error);

  assert_string (root, "dataset.title", "order");
  g_assert_cmpuint (size_at (root, "events"), ==, 1);
  assert_string (root, "events.0.id", "spring-talks");
  assert_string (root, "events.0.start", "2022-04-01");
  assert_string (root, "events.0.end", "2022");
  assert_string (root, "events.0.summary", "Text");
  assert_string (root, "themes.0.name", "Talks");
}

/* The importer takes both files as they are: the window and the command
 * line go through it. */
static void
test_sample_imports (void)
{
  static const char * const names[] = { "timelinejs-sample.json", "timelinejs-sample.csv" };
  g_autofree char *dir = pl_test_mkdtemp ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = pl_test_data_path (names[i]);
      g_autofree char *output = g_build_filename (dir, "sample.sqlite", NULL);
      g_autoptr(PlImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PlStore) store = NULL;
      g_autoptr(PlEvent) first = NULL;
      GListModel *events;

      g_assert_true (pl_import_validate_file (path, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (report->dataset_id, ==, "timelinejs-sample");
      g_clear_pointer (&report, pl_import_report_free);

      g_assert_true (pl_import_file (path, output, NULL, NULL, NULL, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_events, ==, i == 0 ? 6 : 5);
      g_assert_cmpuint (report->n_themes, ==, 2);
      g_assert_cmpuint (report->n_sources, ==, 4);

      store = pl_store_open (output, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pl_store_get_metadata (store, "language"), ==, "und");
      events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
      first = g_list_model_get_item (events, 0);
      g_assert_cmpint (first->kind, ==, PL_EVENT_KIND_OTHER);
      g_assert_cmpint (first->certainty, ==, PL_CERTAINTY_REPORTED);
      g_clear_object (&store);
    }

  pl_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Broken input                                                        */

typedef struct
{
  const char *name;
  const char *data;
  const char *problems[5];    /* NULL-terminated */
} BadCase;

static const BadCase bad_json[] = {
  { "month", "{\"events\": [{\"start_date\": {\"year\": 2020}}, {\"start_date\": {\"year\": 2020, \"month\": 13}}]}",
    { "events[1].start_date.month: 13 is not a month (1–12)" } },
  { "day", "{\"events\": [{\"start_date\": {\"year\": 2023, \"month\": 2, \"day\": 29}}]}",
    { "events[0].start_date.day: 29 is not a day of 2023-02" } },
  { "day-range", "{\"events\": [{\"start_date\": {\"year\": 0, \"month\": 2, \"day\": 32}}]}",
    { "events[0].start_date.year: 0 is not a year Pactline can show (1 to 9999)",
      "events[0].start_date.day: 32 is not a day (1–31)" } },
  { "day-no-month", "{\"events\": [{\"start_date\": {\"year\": 2023, \"day\": 2}}]}",
    { "events[0].start_date.day: a day needs a month" } },
  { "bce", "{\"events\": [{\"start_date\": {\"year\": -44, \"month\": 3, \"day\": 15}}]}",
    { "events[0].start_date.year: -44 is not a year Pactline can show (1 to 9999)" } },
  { "no-year", "{\"events\": [{\"start_date\": {\"month\": 3}}]}",
    { "events[0].start_date.year: a month or day needs a year" } },
  { "empty-start", "{\"events\": [{\"start_date\": {\"year\": \"\", \"display_date\": \"once\"}}]}",
    { "events[0].start_date.year: required field is missing" } },
  { "no-start", "{\"title\": {\"text\": {\"headline\": \"T\"}}, \"events\": [{\"text\": {\"headline\": \"x\"}}]}",
    { "events[0].start_date: required field is missing" } },
  { "year-text", "{\"events\": [{\"start_date\": {\"year\": \"Jan\"}}]}",
    { "events[0].start_date.year: \"Jan\" is not a number" } },
  { "year-fraction", "{\"events\": [{\"start_date\": {\"year\": 2020.5}}]}",
    { "events[0].start_date.year: 2020.5 is not a whole number" } },
  { "year-bool", "{\"events\": [{\"start_date\": {\"year\": true}}]}",
    { "events[0].start_date.year: expected a number, got true or false" } },
  { "end-before-start", "{\"events\": [{\"start_date\": {\"year\": 2020, \"month\": 3}, \"end_date\": {\"year\": 2019}}]}",
    { "events[0].end_date: \"2019\" ends before start \"2020-03\" begins" } },
  { "end-no-year", "{\"events\": [{\"start_date\": {\"year\": 2020}, \"end_date\": {\"day\": 3}}]}",
    { "events[0].end_date.year: a month or day needs a year" } },
  { "cosmological", "{\"scale\": \"cosmological\", \"events\": [{\"start_date\": {\"year\": -13800000000}}]}",
    { "scale: a cosmological timeline cannot be imported: Pactline shows the years 1 to 9999 only",
      "events[0].start_date.year: -13800000000 is not a year Pactline can show (1 to 9999)" } },
  { "scale", "{\"scale\": \"geological\", \"events\": [{\"start_date\": {\"year\": 2020}}]}",
    { "scale: \"geological\" is not one of human, cosmological" } },
  { "scale-type", "{\"scale\": 1, \"events\": [{\"start_date\": {\"year\": 2020}}]}",
    { "scale: expected a string, got a number" } },
  { "unknown-members",
    "{\"settings\": {}, \"events\": [{\"start_date\": {\"year\": 2020, \"week\": 3}, \"colour\": \"red\","
    " \"media\": {\"url\": \"\", \"copyright\": \"x\"}, \"x-note\": \"ignored\"}]}",
    { "settings: unknown field; the format does not define it",
      "events[0].colour: unknown field; the format does not define it",
      "events[0].start_date.week: unknown field; the format does not define it",
      "events[0].media.copyright: unknown field; the format does not define it" } },
  { "text-string", "{\"events\": [{\"start_date\": {\"year\": 2020}, \"text\": \"hello\"}]}",
    { "events[0].text: expected an object, got a string" } },
  { "headline-number", "{\"events\": [{\"start_date\": {\"year\": 2020}, \"text\": {\"headline\": 5}}]}",
    { "events[0].text.headline: expected a string, got a number" } },
  { "unique-id-number", "{\"events\": [{\"start_date\": {\"year\": 2020}, \"unique_id\": 7}]}",
    { "events[0].unique_id: expected a string, got a number" } },
  { "events-object", "{\"title\": {}, \"events\": {}}",
    { "events: expected an array, got an object" } },
  { "events-missing", "{\"title\": {\"text\": {\"headline\": \"T\"}}}",
    { "events: required field is missing" } },
  { "event-number", "{\"events\": [{\"start_date\": {\"year\": 2020}}, 5]}",
    { "events[1]: expected an object, got a number" } },
  { "eras",
    "{\"events\": [{\"start_date\": {\"year\": 2020}}], \"eras\": [{\"start_date\": {\"year\": 2020},"
    " \"end_date\": {\"year\": 2010}, \"group\": \"g\"}, \"era\"]}",
    { "eras[0].group: unknown field; the format does not define it",
      "eras[0].end_date: \"2010\" ends before start \"2020\" begins",
      "eras[1]: expected an object, got a string" } },
  { "not-timelinejs", "{\"events\": []}",
    { "this is not a TimelineJS3 timeline: it has neither a \"title\" slide nor \"events\" with a \"start_date\"" } },
  { "not-json", "{\"events\": [",
    { NULL } },
};

static void
test_bad_json (gconstpointer data)
{
  const BadCase *bad = data;

  if (bad->problems[0] == NULL)
    {
      g_autoptr(PlImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *converted = pl_timelinejs_to_dataset (bad->data, strlen (bad->data), NULL, &report, &error);

      g_assert_null (converted);
      g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
      g_assert_cmpuint (report->n_problems, ==, 1);
      g_assert_true (g_str_has_prefix (report->problems->pdata[0], "line 1, column "));
      g_assert_nonnull (strstr (report->problems->pdata[0], "the file is not valid JSON"));
      return;
    }

  assert_problems (bad->data, -1, "bad.json", bad->problems);
}

static const BadCase bad_csv[] = {
  { "month", "Year,Month,Headline\r\n2020,1,a\r\n2020,Jan,b\r\n",
    { "line 3, column \"Month\": \"Jan\" is not a number" } },
  { "month-13", "Year,Month,Text\n2020,1,\"a\nb\"\n2021,13,x\n",
    { "line 4, column \"Month\": 13 is not a month (1–12)" } },
  { "day", "Year,Month,Day\n2023,2,29\n",
    { "line 2, column \"Day\": 29 is not a day of 2023-02" } },
  { "no-year", "Year,Headline\n,x\n",
    { "line 2, column \"Year\": required field is missing" } },
  { "end-month-no-end-year", "Year,End Month,Headline\n2020,5,x\n",
    { "line 2, column \"End Year\": a month or day needs a year" } },
  { "end-before-start", "Year,End Year,Headline\n2020,2019,x\n",
    { "line 2, column \"End Year\": \"2019\" ends before start \"2020\" begins" } },
  { "unknown-column", "Year,Headlne,Colour\n",
    { "line 1, column \"Headlne\": unknown column; the TimelineJS spreadsheet template has no such column",
      "line 1, column \"Colour\": unknown column; the TimelineJS spreadsheet template has no such column" } },
  { "no-year-column", "Headline,Text\nx,y\n",
    { "line 1: no \"Year\" column: the first line must name the columns of the TimelineJS spreadsheet template (Year, Month, Day, …, Headline, Text, …)" } },
  { "twice", "Year,Headline,year\n",
    { "line 1, column \"year\": the column is named twice" } },
  { "unclosed", "Year,Headline\n2020,\"abc\ndef\n",
    { "line 2, column 6: a quoted field is never closed" } },
  { "after-quote", "Year,Headline\n2020,\"ab\"c\n",
    { "line 2, column 10: text after a quoted field’s closing quote (write \"\" for a quote inside it)" } },
  { "type", "Year,Headline,Type\n2020,x,slide\n",
    { "line 2, column \"Type\": \"slide\" is not one of title, era, or empty for an event" } },
  { "two-titles", "Year,Headline,Type\n,A,title\n,B,Title\n",
    { "line 3, column \"Type\": a second title; the first is on line 2" } },
  { "unnamed", "Year,Headline,\n2020,x,\n2021,y,extra\n",
    { "line 3, column 3: a value in a column the first line does not name" } },
  { "empty", "\xef\xbb\xbf", { "the file is empty" } },
  { "blank", "\n\n", { "the file is empty" } },
};

static void
test_bad_csv (gconstpointer data)
{
  const BadCase *bad = data;

  assert_problems (bad->data, -1, "bad.csv", bad->problems);
}

/* The importer reports the same places: pactline --validate and the
 * window show them. */
static void
test_bad_through_importer (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_write_file (dir, "bad.json", bad_json[0].data, -1);
  g_autofree char *csv = pl_test_write_file (dir, "bad.csv", bad_csv[0].data, -1);
  g_autofree char *output = g_build_filename (dir, "out.sqlite", NULL);
  g_autoptr(PlImportReport) json_report = NULL;
  g_autoptr(PlImportReport) csv_report = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GError) csv_error = NULL;

  g_assert_false (pl_import_validate_file (json, &json_report, &json_error));
  g_assert_error (json_error, PL_ERROR, PL_ERROR_INVALID_DATA);
  g_assert_cmpuint (json_report->n_problems, ==, 1);
  g_assert_cmpstr (json_report->problems->pdata[0], ==, bad_json[0].problems[0]);

  g_assert_false (pl_import_file (csv, output, NULL, NULL, NULL, &csv_report, &csv_error));
  g_assert_error (csv_error, PL_ERROR, PL_ERROR_INVALID_DATA);
  g_assert_cmpuint (csv_report->n_problems, ==, 1);
  g_assert_cmpstr (csv_report->problems->pdata[0], ==, bad_csv[0].problems[0]);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  pl_test_rmdir (dir);
}

/* Refused before any parser sees them, as datasets are. */
static void
test_hostile (void)
{
  static const char nul_json[] = "{\"events\": [\0]}";
  static const char nul_csv[] = "Year\n20\0" "20\n";
  static const char * const nul_json_problems[] = { "line 1, column 13: the file contains a NUL byte, so it is not a text file", NULL };
  static const char * const nul_csv_problems[] = { "line 2, column 3: the file contains a NUL byte, so it is not a text file", NULL };
  static const char * const latin1_problems[] = { "line 2, column 9: the file is not valid UTF-8 text", NULL };
  static const char * const deep_problems[] = { "line 1, column 119: arrays and objects are nested more than 64 deep", NULL };
  g_autoptr(GString) deep = g_string_new ("{\"events\": [{\"start_date\": {\"year\": 2020}, \"background\": ");
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *huge = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  assert_problems (nul_json, sizeof nul_json - 1, "nul.json", (const char * const *) nul_json_problems);
  assert_problems (nul_csv, sizeof nul_csv - 1, "nul.csv", (const char * const *) nul_csv_problems);
  assert_problems ("Year,Headline\n2020,caf\xe9\n", -1, "latin1.csv", (const char * const *) latin1_problems);

  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  assert_problems (deep->str, (gssize) deep->len, "deep.json", (const char * const *) deep_problems);

  /* A sparse file a byte over 1 GiB: refused by its size, never read. */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) PL_IMPORT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  g_assert_false (pl_import_validate_file (huge, &report, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_suffix (error->message, "is larger than 1 GiB, which is more than a dataset may be"));

  pl_test_rmdir (dir);
}

/* Text written as HTML-looking text stays text all the way. */
static void
test_no_markup_passes (void)
{
  static const char json[] =
    "{\"events\": [{\"start_date\": {\"year\": 2020},"
    " \"text\": {\"headline\": \"<span foreground='red'>x</span>&lt;b&gt;\","
    "            \"text\": \"<img src=x onerror=alert(1)>&lt;i&gt;y&lt;/i&gt;\"},"
    " \"group\": \"<b>G</b>\", \"display_date\": \"<u>soon</u>\"}]}";
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = pl_timelinejs_to_dataset (json, strlen (json), NULL, &report, &error);
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  root = json_from_string (converted, &error);
  g_assert_no_error (error);
  assert_string (root, "dataset.id", "timelinejs");
  assert_string (root, "dataset.title", "TimelineJS timeline");
  assert_string (root, "events.0.title", "x<b>");
  assert_string (root, "events.0.summary", "<i>y</i>");
  assert_string (root, "themes.0.name", "G");
  assert_string (root, "events.0.date_note", "soon");
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

/* Written with ' for " to stay readable. */
static const char export_dataset[] =
  "{'format': 'pactline-dataset', 'format_version': 1,"
  " 'dataset': {'id': 'exp', 'title': 'Talks & <treaties>', 'description': 'One.\\n\\nTwo.',"
  "  'language': 'en', 'version': '1'},"
  " 'sources': ["
  "  {'id': 'web', 'title': 'Example News', 'url': 'https://example.org/n', 'kind': 'article',"
  "   'description': 'A report'},"
  "  {'id': 'paper', 'title': 'A book', 'kind': 'book'}"
  " ],"
  " 'themes': ["
  "  {'id': 'a', 'name': 'Energy', 'color': '#3584e4'},"
  "  {'id': 'b', 'name': 'Security & defence', 'color': '#e01b24'}"
  " ],"
  " 'eras': ["
  "  {'id': 'old', 'title': 'Old wars', 'start': '1801', 'end': '1900', 'color': '#deddda'},"
  "  {'id': 'ongoing', 'title': 'Ongoing', 'start': '2020', 'color': '#99c1f1', 'summary': 'Still on.'}"
  " ],"
  " 'events': ["
  "  {'id': 'e1', 'start': '1850', 'title': 'A war', 'kind': 'conflict', 'certainty': 'confirmed',"
  "   'themes': ['a']},"
  "  {'id': 'e2', 'start': '2021-05', 'title': 'The <b> \\\"deal\\\"', 'summary': 'First & foremost.\\n\\nSecond\\nline.',"
  "   'kind': 'agreement', 'certainty': 'reported', 'date_note': 'mid-May',"
  "   'themes': ['b', 'a'], 'sources': ['web', 'paper']},"
  "  {'id': 'e3', 'start': '2022-02-03', 'end': '2022-03', 'title': 'Talks', 'kind': 'meeting',"
  "   'certainty': 'planned', 'sources': ['paper']}"
  " ]}";

static PlStore *
open_export_dataset (const char *dir)
{
  g_autoptr(GString) json = g_string_new (export_dataset);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  PlStore *store;

  g_string_replace (json, "'", "\"", 0);
  path = pl_test_import (dir, "export", json->str);
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static JsonNode *
export_to_node (PlStore    *store,
                GListModel *events)
{
  g_autofree char *text = pl_timelinejs_export (store, events);
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  return root;
}

static void
test_export (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autoptr(PlStore) store = open_export_dataset (dir);
  g_autoptr(JsonNode) root = export_to_node (store, pl_store_get_items (store, PL_ITEM_KIND_EVENT));

  g_assert_cmpuint (size_at (root, ""), ==, 4);
  assert_string (root, "scale", "human");
  g_assert_cmpuint (size_at (root, "title.text"), ==, 2);
  assert_string (root, "title.text.headline", "Talks &amp; &lt;treaties&gt;");
  assert_string (root, "title.text.text", "<p>One.</p><p>Two.</p>");

  g_assert_cmpuint (size_at (root, "events"), ==, 3);
  g_assert_cmpuint (size_at (root, "events.0"), ==, 4);
  g_assert_cmpuint (size_at (root, "events.0.start_date"), ==, 1);
  g_assert_cmpint (int_at (root, "events.0.start_date.year"), ==, 1850);
  assert_string (root, "events.0.text.headline", "A war");
  g_assert_cmpuint (size_at (root, "events.0.text"), ==, 1);
  assert_string (root, "events.0.group", "Energy");
  assert_string (root, "events.0.unique_id", "e1");

  /* Month precision; the note as the display date; text escaped; the
   * first theme and the first source. */
  g_assert_cmpuint (size_at (root, "events.1"), ==, 6);
  g_assert_cmpuint (size_at (root, "events.1.start_date"), ==, 2);
  g_assert_cmpint (int_at (root, "events.1.start_date.year"), ==, 2021);
  g_assert_cmpint (int_at (root, "events.1.start_date.month"), ==, 5);
  assert_string (root, "events.1.display_date", "mid-May");
  assert_string (root, "events.1.text.headline", "The &lt;b&gt; &quot;deal&quot;");
  assert_string (root, "events.1.text.text", "<p>First &amp; foremost.</p><p>Second<br>line.</p>");
  assert_string (root, "events.1.group", "Security &amp; defence");
  g_assert_cmpuint (size_at (root, "events.1.media"), ==, 3);
  assert_string (root, "events.1.media.url", "https://example.org/n");
  assert_string (root, "events.1.media.credit", "Example News");
  assert_string (root, "events.1.media.caption", "<p>A report</p>");
  assert_string (root, "events.1.unique_id", "e2");

  /* Day precision and an end; a source without an address. */
  g_assert_cmpuint (size_at (root, "events.2"), ==, 5);
  g_assert_cmpuint (size_at (root, "events.2.start_date"), ==, 3);
  g_assert_cmpint (int_at (root, "events.2.start_date.day"), ==, 3);
  g_assert_cmpuint (size_at (root, "events.2.end_date"), ==, 2);
  g_assert_cmpint (int_at (root, "events.2.end_date.month"), ==, 3);
  assert_string (root, "events.2.group", NULL);
  g_assert_cmpuint (size_at (root, "events.2.media"), ==, 2);
  assert_string (root, "events.2.media.url", "");
  assert_string (root, "events.2.media.credit", "A book");

  /* Both eras; the one still going on ends with the events. */
  g_assert_cmpuint (size_at (root, "eras"), ==, 2);
  g_assert_cmpint (int_at (root, "eras.0.start_date.year"), ==, 1801);
  g_assert_cmpint (int_at (root, "eras.0.end_date.year"), ==, 1900);
  assert_string (root, "eras.0.text.headline", "Old wars");
  g_assert_cmpint (int_at (root, "eras.1.start_date.year"), ==, 2020);
  g_assert_cmpuint (size_at (root, "eras.1.end_date"), ==, 2);
  g_assert_cmpint (int_at (root, "eras.1.end_date.year"), ==, 2022);
  g_assert_cmpint (int_at (root, "eras.1.end_date.month"), ==, 3);
  assert_string (root, "eras.1.text.text", "<p>Still on.</p>");

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
names_in (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

typedef struct
{
  PlStore       *store;
  PlEvent      **events;
  guint          n_events;
  const char    *path;
  GCancellable  *cancellable;
  GError        *error;
  gboolean       written;
  gint           done;     /* atomic */
} Export;

static gpointer
export_in_thread (gpointer data)
{
  Export *export = data;

  export->written = pl_timelinejs_write_file (export->store, export->events, export->n_events,
                                              export->path, export->cancellable, &export->error);
  g_atomic_int_set (&export->done, TRUE);
  return NULL;
}

/* Whether @dir holds a name longer than @name that starts with it: the
 * export's file being written beside it. */
static gboolean
writing_beside (const char *dir,
                const char *name)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *other;

  while ((other = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (other, name) && strlen (other) > strlen (name))
      return TRUE;
  return FALSE;
}

/* An export replaces its file only when the whole is written: stopped
 * halfway (cancelled once its new file is being written), the file that
 * was there stays as it was and nothing else is left beside it; finished,
 * it replaces the file and leaves nothing else either. */
static void
test_export_all_or_nothing (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_example_with_events (20000, pl_test_fill_generated_event);
  g_autofree char *dataset = pl_test_import (dir, "many", json);
  g_autofree char *path = g_build_filename (dir, "kept.json", NULL);
  g_autoptr(PlStore) store = pl_store_open (dataset, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GListModel *events;
  g_autofree PlEvent **array = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;
  Export export = { 0, };
  GThread *thread;
  gboolean cancelled = FALSE;
  guint n;

  g_assert_nonnull (store);
  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  n = g_list_model_get_n_items (events);
  array = g_new (PlEvent *, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

      array[i] = event;
    }
  g_file_set_contents (path, "the reader's own file", -1, &error);
  g_assert_no_error (error);
  before = names_in (dir);

  export = (Export) { store, array, n, path, cancellable, NULL, FALSE, FALSE };
  thread = g_thread_new ("export", export_in_thread, &export);
  while (!g_atomic_int_get (&export.done))
    {
      if (!cancelled && writing_beside (dir, "kept.json"))
        {
          g_cancellable_cancel (cancellable);
          cancelled = TRUE;
        }
      g_usleep (200);
    }
  g_thread_join (thread);
  g_assert_true (cancelled);
  g_assert_false (export.written);
  g_assert_error (export.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&export.error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "the reader's own file");
  after = names_in (dir);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (pl_timelinejs_write_file (store, array, n, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_clear_pointer (&after, g_free);
  after = names_in (dir);
  g_assert_cmpstr (after, ==, before);

  pl_test_rmdir (dir);
}

/* The window exports what its filter shows; eras the events do not reach
 * stay out. */
static void
test_export_filtered (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "filtered.json", NULL);
  g_autoptr(PlStore) store = open_export_dataset (dir);
  g_autoptr(PlFilter) filter = pl_filter_new (store);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  pl_filter_set_active (filter, PL_FACET_THEME, "b", TRUE);
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, 1);

  g_assert_true (pl_timelinejs_export_file (store, pl_filter_get_events (filter), path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  root = json_from_string (text, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (size_at (root, "events"), ==, 1);
  assert_string (root, "events.0.unique_id", "e2");
  g_assert_cmpuint (size_at (root, "eras"), ==, 1);
  assert_string (root, "eras.0.text.headline", "Ongoing");
  g_assert_cmpint (int_at (root, "eras.0.end_date.year"), ==, 2021);
  g_assert_cmpint (int_at (root, "eras.0.end_date.month"), ==, 5);

  /* Nothing left: no events and no eras, and still a timeline. */
  pl_filter_set_text (filter, "nothing-matches-this");
  g_clear_pointer (&root, json_node_unref);
  root = export_to_node (store, pl_filter_get_events (filter));
  g_assert_cmpuint (size_at (root, "events"), ==, 0);
  g_assert_cmpuint (size_at (root, "eras"), ==, 0);

  g_clear_object (&filter);
  g_clear_object (&store);
  pl_test_rmdir (dir);
}

/* Export, then import what was exported: the same events, at the same
 * precision, with the same groups and eras. */
static void
assert_round_trip (const char *sqlite_path,
                   const char *dir)
{
  g_autofree char *exported = g_build_filename (dir, "round-trip.json", NULL);
  g_autofree char *reimported = g_build_filename (dir, "round-trip.sqlite", NULL);
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlStore) back = NULL;
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events, *back_events, *eras, *back_eras;
  guint n = 0;

  store = pl_store_open (sqlite_path, NULL, &error);
  g_assert_no_error (error);
  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  g_assert_true (pl_timelinejs_export_file (store, events, exported, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (events));

  if (!pl_import_file (exported, reimported, NULL, NULL, NULL, &report, &error))
    for (guint i = 0; i < report->problems->len; i++)
      g_test_message ("%s", (char *) report->problems->pdata[i]);
  g_assert_no_error (error);

  back = pl_store_open (reimported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_store_get_dataset_id (back), ==, "round-trip");
  g_assert_cmpstr (pl_store_get_title (back), ==, pl_store_get_title (store));
  g_assert_cmpstr (pl_store_get_metadata (back, "description"), ==, pl_store_get_metadata (store, "description"));

  back_events = pl_store_get_items (back, PL_ITEM_KIND_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (back_events), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) a = g_list_model_get_item (events, i);
      g_autoptr(PlEvent) b = g_list_model_get_item (back_events, i);
      g_autofree char *a_start = pl_date_to_iso (&a->start);
      g_autofree char *b_start = pl_date_to_iso (&b->start);
      g_autofree char *a_end = pl_date_to_iso (&a->end);
      g_autofree char *b_end = pl_date_to_iso (&b->end);
      g_autofree char *a_theme = store_event_theme (a);
      g_autofree char *b_theme = store_event_theme (b);

      g_assert_cmpstr (pl_record_get_id (PL_RECORD (b)), ==, pl_record_get_id (PL_RECORD (a)));
      g_assert_cmpstr (b->title, ==, a->title);
      g_assert_cmpstr (b->summary, ==, a->summary);
      g_assert_cmpstr (b_start, ==, a_start);
      g_assert_cmpint (b->start.precision, ==, a->start.precision);
      g_assert_cmpstr (b_end, ==, a_end);
      g_assert_cmpstr (b->date_note, ==, a->date_note);
      g_assert_cmpstr (b_theme, ==, a_theme);
      g_assert_cmpuint (b->sources.n_items, ==, MIN (a->sources.n_items, 1));
      if (a->sources.n_items > 0)
        g_assert_cmpstr (PL_SOURCE (b->sources.items[0])->title, ==, PL_SOURCE (a->sources.items[0])->title);
    }

  eras = pl_store_get_items (store, PL_ITEM_KIND_ERA);
  back_eras = pl_store_get_items (back, PL_ITEM_KIND_ERA);
  g_assert_cmpuint (g_list_model_get_n_items (back_eras), ==, g_list_model_get_n_items (eras));
  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(PlEra) a = g_list_model_get_item (eras, i);
      g_autoptr(PlEra) b = g_list_model_get_item (back_eras, i);
      g_autofree char *a_start = pl_date_to_iso (&a->start);
      g_autofree char *b_start = pl_date_to_iso (&b->start);

      g_assert_cmpstr (b->title, ==, a->title);
      g_assert_cmpstr (b_start, ==, a_start);
      /* An era still going on gets the events' end; others keep theirs. */
      if (pl_date_is_valid (&a->end))
        {
          g_autofree char *a_end = pl_date_to_iso (&a->end);
          g_autofree char *b_end = pl_date_to_iso (&b->end);

          g_assert_cmpstr (b_end, ==, a_end);
        }
      else
        g_assert_true (pl_date_is_valid (&b->end));
    }

  g_clear_object (&back);
  g_clear_object (&store);
}

static void
test_round_trip_example (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *sqlite_path = pl_test_import (dir, "example", json);

  assert_round_trip (sqlite_path, dir);
  pl_test_rmdir (dir);
}

static void
test_round_trip_export_dataset (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autoptr(PlStore) store = open_export_dataset (dir);
  g_autofree char *path = g_strdup (pl_store_get_path (store));

  g_clear_object (&store);
  assert_round_trip (path, dir);
  pl_test_rmdir (dir);
}

static void
test_round_trip_bundled (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *bundled = g_build_filename (g_getenv ("PACTLINE_DATASET_DIR"), "russia-iran-2025.sqlite", NULL);

  g_assert_true (g_file_test (bundled, G_FILE_TEST_IS_REGULAR));
  assert_round_trip (bundled, dir);
  pl_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* The command line                                                    */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_pactline (Run        *run,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("PACTLINE");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static void
test_command_line (void)
{
  g_autofree char *sample_json = pl_test_data_path ("timelinejs-sample.json");
  g_autofree char *sample_csv = pl_test_data_path ("timelinejs-sample.csv");
  g_autofree char *example = pl_test_data_path ("example.json");
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *csv_sqlite = g_build_filename (dir, "sample.sqlite", NULL);
  g_autofree char *exported = g_build_filename (dir, "example-timelinejs.json", NULL);
  g_autofree char *bundled_export = g_build_filename (dir, "bundled.json", NULL);
  g_autofree char *bad = pl_test_write_file (dir, "bad.csv", "Year,Month,Headline\r\n2020,Jan,x\r\n", -1);
  g_autofree char *expected = NULL;
  g_autofree char *expected_export = NULL;
  g_auto(Run) validate_json = { 0, };
  g_auto(Run) validate_csv = { 0, };
  g_auto(Run) import_csv = { 0, };
  g_auto(Run) summary = { 0, };
  g_auto(Run) export_run = { 0, };
  g_auto(Run) validate_export = { 0, };
  g_auto(Run) export_bundled = { 0, };
  g_auto(Run) validate_bad = { 0, };
  g_auto(Run) two_datasets = { 0, };
  g_auto(Run) unwritable = { 0, };

  run_pactline (&validate_json, "--validate", sample_json, NULL);
  g_assert_cmpint (validate_json.status, ==, 0);
  expected = g_strdup_printf ("%s is valid — timelinejs-sample: 6 events, 0 actors, 0 quotes, 0 treaties, "
                              "0 provisions, 4 sources, 2 themes, 2 eras\n", sample_json);
  g_assert_cmpstr (validate_json.out, ==, expected);

  run_pactline (&validate_csv, "--validate", sample_csv, NULL);
  g_assert_cmpint (validate_csv.status, ==, 0);
  g_assert_true (g_str_has_suffix (validate_csv.out, " is valid — timelinejs-sample: 5 events, 0 actors, 0 quotes, "
                                   "0 treaties, 0 provisions, 4 sources, 2 themes, 1 eras\n"));

  run_pactline (&import_csv, "--import", sample_csv, "--output", csv_sqlite, NULL);
  g_assert_cmpint (import_csv.status, ==, 0);
  run_pactline (&summary, "--summary", csv_sqlite, NULL);
  g_assert_cmpint (summary.status, ==, 0);
  g_assert_true (g_str_has_prefix (summary.out, "Northland, Southland and a treaty\n"));
  g_assert_nonnull (strstr (summary.out, "From 10 December 1815 (Ada Lovelace) to 17 January 2025 (The treaty is \"signed\")"));

  /* A JSON dataset is imported on the way; the result is valid TimelineJS
   * for Pactline too. */
  run_pactline (&export_run, "--export-timelinejs", exported, example, NULL);
  g_assert_cmpint (export_run.status, ==, 0);
  expected_export = g_strdup_printf ("Wrote 2 events of example-treaty to %s for TimelineJS\n", exported);
  g_assert_cmpstr (export_run.out, ==, expected_export);
  run_pactline (&validate_export, "--validate", exported, NULL);
  g_assert_cmpint (validate_export.status, ==, 0);
  g_assert_nonnull (strstr (validate_export.out, " is valid — example-timelinejs: 2 events"));

  /* No dataset named: the bundled one, every event. */
  run_pactline (&export_bundled, "--export-timelinejs", bundled_export, NULL);
  g_assert_cmpint (export_bundled.status, ==, 0);
  g_assert_true (g_str_has_prefix (export_bundled.out, "Wrote 69 events of russia-iran-2025 to "));

  run_pactline (&validate_bad, "--validate", bad, NULL);
  g_assert_cmpint (validate_bad.status, ==, 1);
  g_assert_cmpstr (validate_bad.out, ==, "");
  g_assert_true (g_str_has_prefix (validate_bad.err, "line 2, column \"Month\": \"Jan\" is not a number\n"));

  run_pactline (&two_datasets, "--export-timelinejs", exported, "--dataset", example, example, NULL);
  g_assert_cmpint (two_datasets.status, ==, 2);

  run_pactline (&unwritable, "--export-timelinejs", "/nonexistent-dir/out.json", example, NULL);
  g_assert_cmpint (unwritable.status, ==, 1);
  g_assert_true (g_str_has_prefix (unwritable.err, "Could not export for TimelineJS to /nonexistent-dir/out.json: "));

  pl_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timelinejs/html-to-text", test_html_to_text);
  g_test_add_func ("/timelinejs/text-to-html", test_text_to_html);
  g_test_add_func ("/timelinejs/detect", test_detect);
  g_test_add_func ("/timelinejs/dataset-id", test_dataset_id);
  g_test_add_func ("/timelinejs/sample-json", test_sample_json);
  g_test_add_func ("/timelinejs/sample-csv", test_sample_csv);
  g_test_add_func ("/timelinejs/csv-columns", test_csv_columns);
  g_test_add_func ("/timelinejs/sample-imports", test_sample_imports);
  for (guint i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      g_autofree char *name = g_strdup_printf ("/timelinejs/bad-json/%s", bad_json[i].name);
      g_test_add_data_func (name, &bad_json[i], test_bad_json);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_csv); i++)
    {
      g_autofree char *name = g_strdup_printf ("/timelinejs/bad-csv/%s", bad_csv[i].name);
      g_test_add_data_func (name, &bad_csv[i], test_bad_csv);
    }
  g_test_add_func ("/timelinejs/bad-through-importer", test_bad_through_importer);
  g_test_add_func ("/timelinejs/hostile", test_hostile);
  g_test_add_func ("/timelinejs/no-markup-passes", test_no_markup_passes);
  g_test_add_func ("/timelinejs/export", test_export);
  g_test_add_func ("/timelinejs/export-filtered", test_export_filtered);
  g_test_add_func ("/timelinejs/export-all-or-nothing", test_export_all_or_nothing);
  g_test_add_func ("/timelinejs/round-trip/example", test_round_trip_example);
  g_test_add_func ("/timelinejs/round-trip/export-dataset", test_round_trip_export_dataset);
  g_test_add_func ("/timelinejs/round-trip/bundled", test_round_trip_bundled);
  g_test_add_func ("/timelinejs/command-line", test_command_line);

  return g_test_run ();
}
