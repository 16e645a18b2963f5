/* test-importer.c — JSON validation and import, with every kind of bad input
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "pl-enums.h"
#include "pl-error.h"
#include "pl-importer.h"
#include "pl-notes.h"
#include "pl-sqlite.h"
#include "pl-store.h"
#include "pl-test-util.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* Sets (or with @value NULL removes) the member at @path, a dotted path
 * into the example ("events.1.start"; numbers index arrays), and returns
 * the changed document. */
static char *
example_with (const char *path,
              const char *value)
{
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (parts[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint index = (guint) g_ascii_strtoull (parts[n - 1], NULL, 10);

      g_assert_nonnull (value);
      g_assert_cmpuint (index, <, json_array_get_length (array));
      /* Arrays cannot replace in place; rebuild with the new element. */
      {
        g_autoptr(JsonArray) copy = json_array_new ();

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i == index)
              json_array_add_element (copy, json_from_string (value, NULL));
            else
              json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));
          }
        json_node_set_array (node, copy);
      }
    }
  else
    {
      JsonObject *object = json_node_get_object (node);

      if (value == NULL)
        {
          g_assert_true (json_object_has_member (object, parts[n - 1]));
          json_object_remove_member (object, parts[n - 1]);
        }
      else
        {
          g_autoptr(GError) error = NULL;
          JsonNode *replacement = json_from_string (value, &error);

          g_assert_no_error (error);
          json_object_set_member (object, parts[n - 1], replacement);
        }
    }

  return json_to_string (root, TRUE);
}

static PlImportReport *
validate (const char *data,
          gssize      length)
{
  g_autoptr(GError) error = NULL;
  PlImportReport *report = NULL;
  gboolean valid;

  if (length < 0)
    length = (gssize) strlen (data);

  valid = pl_import_validate_data (data, (gsize) length, &report, &error);
  g_assert_nonnull (report);
  g_assert_cmpint (valid, ==, report->n_problems == 0);
  if (!valid)
    g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  else
    g_assert_no_error (error);

  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (char *) report->problems->pdata[i]);

  return report;
}

static gboolean
report_has (PlImportReport *report,
            const char     *line)
{
  for (guint i = 0; i < report->problems->len; i++)
    if (g_strcmp0 (report->problems->pdata[i], line) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* A valid file                                                        */

static void
test_example_is_valid (void)
{
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(PlImportReport) report = validate (json, -1);
  g_autofree char *summary = pl_import_report_summary (report);

  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpstr (report->dataset_id, ==, "example-treaty");
  g_assert_cmpuint (report->n_events, ==, 2);
  g_assert_cmpuint (report->n_actors, ==, 3);
  g_assert_cmpuint (report->n_quotes, ==, 2);
  g_assert_cmpuint (report->n_clause_types, ==, 1);
  g_assert_cmpuint (report->n_comparisons, ==, 1);
  g_assert_cmpuint (report->n_tours, ==, 1);
  g_assert_cmpstr (summary, ==,
                   "example-treaty: 2 events, 3 actors, 2 quotes, 1 treaties, 1 provisions, 1 sources, 1 themes, 1 eras");
}

static void
test_extensions_allowed (void)
{
  g_autofree char *top = example_with ("x-maintainer", "\"someone\"");
  g_autoptr(PlImportReport) report = validate (top, -1);
  g_autofree char *item = example_with ("events.0.x-todo", "[1, 2, {\"deep\": null}]");
  g_autoptr(PlImportReport) report2 = validate (item, -1);
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", top, NULL);
  g_autoptr(PlImportReport) report3 = validate (bom, -1);

  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpuint (report2->n_problems, ==, 0);
  g_assert_cmpuint (report3->n_problems, ==, 0);
}

/* ------------------------------------------------------------------ */
/* One wrong value at a time: the exact problem line and how many       */

typedef struct
{
  const char *path;
  const char *value;      /* JSON text; NULL removes the member */
  const char *problem;    /* expected line, with its place */
  int         n_problems; /* -1: at least one */
} BadCase;

static const BadCase bad_cases[] = {
  { "events.1.start", "\"2024-13-01\"",
    "events[1].start: \"2024-13-01\" is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)", 1 },
  { "events.1.start", "\"2023-02-30\"",
    "events[1].start: \"2023-02-30\" is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)", 1 },
  { "quotes.0.said_on", "\"2025-1-17\"",
    "quotes[0].said_on: \"2025-1-17\" is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)", 1 },
  { "events.1.actors", "[\"north\", \"south\", \"putn\"]",
    "events[1].actors[2]: unknown actor \"putn\"", 1 },
  { "quotes.1.document", "\"treaty-2024\"",
    "quotes[1].document: unknown treaty \"treaty-2024\"", 1 },
  { "provisions.0.treaty", "\"treaty-2026\"",
    "provisions[0].treaty: unknown treaty \"treaty-2026\"", 1 },
  /* The duplicate is refused, so the references to "south" dangle too. */
  { "actors.1.id", "\"north\"",
    "actors[1].id: duplicate id \"north\" (first used by actors[0])", 4 },
  { "quotes.0.speaker", "42",
    "quotes[0].speaker: expected a string, got a number", 1 },
  { "eras.0.start", "true",
    "eras[0].start: expected a string, got true or false", 1 },
  { "events.1.certainty", "\"likely\"",
    "events[1].certainty: \"likely\" is not one of confirmed, reported, planned, disputed", 1 },
  { "actors.0.kind", "\"nation\"",
    "actors[0].kind: \"nation\" is not one of person, state, organization, media, group", 1 },
  { "provisions.0.strength", "\"strong\"",
    "provisions[0].strength: \"strong\" is not one of binding, aspirational, unknown", 1 },
  { "sources.0.kind", "\"blog\"",
    "sources[0].kind: \"blog\" is not one of article, document, report, book, website, interview, other", 1 },
  { "events.0.end", "\"2019\"",
    "events[0].end: \"2019\" ends before start \"2020\" begins", 1 },
  { "eras.0.end", "\"2019-12\"",
    "eras[0].end: \"2019-12\" ends before start \"2020\" begins", 1 },
  { "events.0.title", NULL,
    "events[0].title: required field is missing", 1 },
  { "events.1.kind", "null",
    "events[1].kind: required field is missing", 1 },
  { "events.0.title", "\"\"",
    "events[0].title: must not be empty", 1 },
  { "events.0.datenote", "\"a typo of date_note\"",
    "events[0].datenote: unknown field; the format does not define it", 1 },
  { "colour", "1",
    "colour: unknown field; the format does not define it", 1 },
  { "events.0.id", "\"Talks Begin\"",
    "events[0].id: \"Talks Begin\" is not a valid id (use 1 to 128 of a–z, 0–9, “-”, “_” and “.”, starting with a letter or digit)", 2 },
  /* …and the tour through it then names an event there is none of. */
  { "events.0.id", "\"Talks Begin\"",
    "tours[0].events[1]: unknown event \"talks-begin\"", 2 },
  { "themes.0.color", "\"blue\"",
    "themes[0].color: \"blue\" is not a colour like #3584e4", 1 },
  { "sources.0.url", "\"file:///etc/passwd\"",
    "sources[0].url: \"file:///etc/passwd\" is not an http:// or https:// address", 1 },
  { "provisions.0.area", "\"Security & Defence\"",
    "provisions[0].area: \"Security & Defence\" is not a valid name (use a–z, 0–9, “-”, “_” and “.”)", 1 },
  { "quotes.0.speaker", NULL,
    "quotes[0]: needs a speaker or a document", 1 },
  { "treaties.0.parties", "[]",
    "treaties[0].parties: needs at least one actor", 1 },
  { "treaties.0.parties", NULL,
    "treaties[0].parties: required field is missing", 1 },
  { "provisions.0.themes", "\"diplomacy\"",
    "provisions[0].themes: expected an array of ids, got a string", 1 },
  { "quotes.0.events", "[7]",
    "quotes[0].events[0]: expected an id, got a number", 1 },
  { "quotes.0.events", "[\"signing\", \"signing\"]",
    "quotes[0].events[1]: \"signing\" is listed twice", 1 },
  { "format", "\"timeline\"",
    "format: expected \"pactline-dataset\"; this is not a Pactline dataset", 1 },
  { "format_version", "4",
    "format_version: version 4 is newer than this version of Pactline reads (3); update Pactline", 1 },
  { "format_version", "0",
    "format_version: 0 is not a format version", 1 },
  /* Version 1 does not know the matrix: each array says so, and its items
   * are not looked at. */
  { "format_version", "1",
    "clause_types: needs format_version 2 or later; this file has format_version 1", 3 },
  { "format_version", "1",
    "comparisons: needs format_version 2 or later; this file has format_version 1", 3 },
  { "format_version", "1",
    "tours: needs format_version 3 or later; this file has format_version 1", 3 },
  { "format_version", "2",
    "tours: needs format_version 3 or later; this file has format_version 2", 1 },
  { "tours.0.title", "\"\"",
    "tours[0].title: must not be empty", 1 },
  { "tours.0.events", "[\"signing\", \"treaty-day\"]",
    "tours[0].events[1]: unknown event \"treaty-day\"", 1 },
  { "tours.0.events", "[\"signing\", \"signing\"]",
    "tours[0].events[1]: \"signing\" is listed twice", 1 },
  { "tours.0.events", "\"signing\"",
    "tours[0].events: expected an array of ids, got a string", 1 },
  { "tours.0.slides", "[]",
    "tours[0].slides: unknown field; the format does not define it", 1 },
  { "clause_types.0.title", "\"\"",
    "clause_types[0].title: must not be empty", 1 },
  { "clause_types.0.name", "\"a typo of title\"",
    "clause_types[0].name: unknown field; the format does not define it", 1 },
  /* The comparison then names a clause type that does not exist. */
  { "clause_types.0.id", "\"No Aid\"",
    "clause_types[0].id: \"No Aid\" is not a valid id (use 1 to 128 of a–z, 0–9, “-”, “_” and “.”, starting with a letter or digit)", 2 },
  { "clause_types.0.description", "[]",
    "clause_types[0].description: expected a string, got an array", 1 },
  { "clause_types", "{}",
    "clause_types: expected an array, got an object", -1 },
  { "comparisons.0.value", "\"maybe\"",
    "comparisons[0].value: \"maybe\" is not one of yes, no, partial, unknown", 1 },
  { "comparisons.0.value", NULL,
    "comparisons[0].value: required field is missing", 1 },
  { "comparisons.0.clause_type", "\"mutual-defence\"",
    "comparisons[0].clause_type: unknown clause type \"mutual-defence\"", 1 },
  { "comparisons.0.clause_type", NULL,
    "comparisons[0].clause_type: required field is missing", 1 },
  { "comparisons.0.treaty", "\"treaty-2001\"",
    "comparisons[0].treaty: unknown treaty \"treaty-2001\"", 1 },
  { "comparisons.0.treaty", "7",
    "comparisons[0].treaty: expected a string, got a number", 1 },
  { "comparisons.0.provisions", "[\"treaty-2025-no-aid\", \"treaty-2025-no-aid\"]",
    "comparisons[0].provisions[1]: \"treaty-2025-no-aid\" is listed twice", 1 },
  { "comparisons.0.quotes", "[\"article-3-text\", \"putin-on-defence\"]",
    "comparisons[0].quotes[1]: unknown quote \"putin-on-defence\"", 1 },
  { "comparisons.0.events", "[42]",
    "comparisons[0].events[0]: expected an id, got a number", 1 },
  { "comparisons.0.sources", "[\"report-2\"]",
    "comparisons[0].sources[0]: unknown source \"report-2\"", 1 },
  { "comparisons.0.sources", "\"report-1\"",
    "comparisons[0].sources: expected an array of ids, got a string", 1 },
  { "comparisons.0.id", "\"cell-1\"",
    "comparisons[0].id: unknown field; the format does not define it", 1 },
  { "comparisons.0", "[]",
    "comparisons[0]: expected an object, got an array", 1 },
  { "format_version", "\"1\"",
    "format_version: expected a whole number, got a string", 1 },
  { "format_version", "1.5",
    "format_version: expected a whole number, got a number", 1 },
  { "dataset", "[]",
    "dataset: expected an object, got an array", 1 },
  { "dataset.id", NULL,
    "dataset.id: required field is missing", 1 },
  { "dataset.language", "\"english language\"",
    "dataset.language: \"english language\" is not a language tag like “en” or “pt-BR”", 1 },
  { "eras", "{}",
    "eras: expected an array, got an object", 1 },
  /* The quote and the comparison that cite "signing" then name an unknown
   * event as well. */
  { "events.1", "\"signing\"",
    "events[1]: expected an object, got a string", 4 },
  { "actors.2", "null",
    "actors[2]: expected an object, got null", -1 },
  /* Control characters in a value are escaped in the message, never
   * written raw to a terminal. */
  { "events.1.certainty", "\"\\u001b[31mred\"",
    "events[1].certainty: \"\\u001b[31mred\" is not one of confirmed, reported, planned, disputed", 1 },
};

static void
test_bad_value (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *json = example_with (bad->path, bad->value);
  g_autoptr(PlImportReport) report = validate (json, -1);

  g_assert_true (report_has (report, bad->problem));
  if (bad->n_problems >= 0)
    g_assert_cmpuint (report->n_problems, ==, (guint) bad->n_problems);
  else
    g_assert_cmpuint (report->n_problems, >=, 1);
}

/* A version 1 file, without the matrix, is as valid as it always was. */
static void
test_version_1_still_valid (void)
{
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonObject *top = json_node_get_object (root);
  g_autofree char *v1 = NULL;
  g_autoptr(PlImportReport) report = NULL;

  json_object_set_int_member (top, "format_version", 1);
  json_object_remove_member (top, "clause_types");
  json_object_remove_member (top, "comparisons");
  json_object_remove_member (top, "tours");
  v1 = json_to_string (root, FALSE);
  report = validate (v1, -1);
  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpuint (report->n_comparisons, ==, 0);
  g_assert_cmpuint (report->n_events, ==, 2);

  /* Null stands for an absent array, in version 1 too. */
  json_object_set_null_member (top, "comparisons");
  g_clear_pointer (&v1, g_free);
  v1 = json_to_string (root, FALSE);
  g_clear_pointer (&report, pl_import_report_free);
  report = validate (v1, -1);
  g_assert_cmpuint (report->n_problems, ==, 0);
}

#define CELL(clause_type, value) \
  "{\"clause_type\": \"" clause_type "\", \"treaty\": \"treaty-2025\", \"value\": \"" value "\"}"

/* One value per clause type and treaty: a second one is an error with the
 * place of both, whatever its value. */
static void
test_duplicate_comparison (void)
{
  g_autofree char *two_rows = example_with ("clause_types",
    "[{\"id\": \"no-aid-to-attacker\", \"title\": \"No help\"},"
    " {\"id\": \"exercises\", \"title\": \"Joint exercises\"}]");
  g_autoptr(JsonNode) root = json_from_string (two_rows, NULL);
  g_autoptr(JsonNode) cells = json_from_string (
    "[" CELL ("no-aid-to-attacker", "yes") ", " CELL ("exercises", "unknown") ", "
    CELL ("exercises", "no") ", " CELL ("no-aid-to-attacker", "yes") "]", NULL);
  g_autoptr(JsonNode) distinct = json_from_string (
    "[" CELL ("no-aid-to-attacker", "yes") ", " CELL ("exercises", "unknown") "]", NULL);
  g_autofree char *json = NULL;
  g_autofree char *good = NULL;
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(PlImportReport) good_report = NULL;

  json_object_set_member (json_node_get_object (root), "comparisons", json_node_copy (cells));
  json = json_to_string (root, FALSE);
  report = validate (json, -1);
  g_assert_cmpuint (report->n_problems, ==, 2);
  g_assert_cmpstr (report->problems->pdata[0], ==,
                   "comparisons[2]: treaty \"treaty-2025\" already has a value for \"exercises\" (comparisons[1])");
  g_assert_cmpstr (report->problems->pdata[1], ==,
                   "comparisons[3]: treaty \"treaty-2025\" already has a value for \"no-aid-to-attacker\" (comparisons[0])");

  json_object_set_member (json_node_get_object (root), "comparisons", json_node_copy (distinct));
  good = json_to_string (root, FALSE);
  good_report = validate (good, -1);
  g_assert_cmpuint (good_report->n_problems, ==, 0);
  g_assert_cmpuint (good_report->n_clause_types, ==, 2);
  g_assert_cmpuint (good_report->n_comparisons, ==, 2);
}

static void
test_huge_text (void)
{
  g_autoptr(GString) value = g_string_new ("\"");
  g_autofree char *json = NULL;
  g_autoptr(PlImportReport) report = NULL;

  for (guint i = 0; i < 70000; i++)
    g_string_append (value, "sixteen bytes!! ");
  g_string_append_c (value, '"');

  json = example_with ("events.0.summary", value->str);
  report = validate (json, -1);
  g_assert_true (report_has (report, "events[0].summary: text is longer than 1048576 bytes"));
  g_assert_cmpuint (report->n_problems, ==, 1);
}

static void
test_all_problems_listed (void)
{
  g_autofree char *step1 = example_with ("events.0.start", "\"2020-02-30\"");
  g_autoptr(JsonNode) root = json_from_string (step1, NULL);
  JsonObject *event1 = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "events"), 1);
  g_autofree char *json = NULL;
  g_autoptr(PlImportReport) report = NULL;

  json_object_set_string_member (event1, "certainty", "maybe");
  json_object_set_string_member (event1, "kind", "party");
  json = json_to_string (root, FALSE);
  report = validate (json, -1);

  g_assert_cmpuint (report->n_problems, ==, 3);
  g_assert_true (g_str_has_prefix (report->problems->pdata[0], "events[0].start: "));
  g_assert_true (g_str_has_prefix (report->problems->pdata[1], "events[1].kind: "));
  g_assert_true (g_str_has_prefix (report->problems->pdata[2], "events[1].certainty: "));
}

/* ------------------------------------------------------------------ */
/* Hostile files                                                        */

typedef struct
{
  const char *name;
  const char *data;
  gssize      length;
  const char *problem;
} RawCase;

static const RawCase raw_cases[] = {
  { "empty", "", 0, "the file is empty" },
  { "not-utf8", "{\"format\": \"\xff\"}", -1, "line 1, column 13: the file is not valid UTF-8 text" },
  { "nul", "{\n  \"a\": 1\0 }", 13, "line 2, column 9: the file contains a NUL byte, so it is not a text file" },
  { "array", "[]", -1, "the file must hold a JSON object, not an array" },
  { "number", "42", -1, "the file must hold a JSON object, not a number" },
  { "string", "\"pactline-dataset\"", -1, "the file must hold a JSON object, not a string" },
  { "null", "null", -1, "the file must hold a JSON object, not null" },
  { "brackets-in-strings", "{\"x-note\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\", \"format_version\": 1}", -1,
    "format: expected \"pactline-dataset\"; this is not a Pactline dataset" },
  /* What json-glib takes and JSON does not, refused with a word on what
   * to write instead. */
  { "comment", "{\"format\": /* ours */ \"pactline-dataset\"}", -1,
    "line 1, column 12: the file is not valid JSON: JSON has no comments" },
  { "line-comment", "{\n  // ours\n  \"format\": \"pactline-dataset\"}", -1,
    "line 2, column 3: the file is not valid JSON: JSON has no comments" },
  { "single-quotes", "{\"format\": 'pactline-dataset'}", -1,
    "line 1, column 12: the file is not valid JSON: strings and names are written in double quotes" },
  { "tab-in-string", "{\"format\": \"pactline\tdataset\"}", -1,
    "line 1, column 21: the file is not valid JSON: a string holds a control character (U+0009); write a line break as \\n and a tab as \\t" },
  { "hexadecimal", "{\"format_version\": 0x3}", -1, "line 1, column 21: the file is not valid JSON here" },
  { "leading-zero", "{\"format_version\": 03}", -1, "line 1, column 21: the file is not valid JSON here" },
  /* And json-glib's own words for the rest. */
  { "trailing-comma", "{\"format_version\": 3,}", -1,
    "line 1, column 21: the file is not valid JSON: Parse error: unexpected character `,', expected character `]'" },
};

static void
test_raw (gconstpointer data)
{
  const RawCase *raw = data;
  g_autoptr(PlImportReport) report = validate (raw->data, raw->length);

  g_assert_true (report_has (report, raw->problem));
  g_assert_cmpuint (report->n_problems, ==, 1);
}

static void
test_truncated (void)
{
  g_autofree char *json = pl_test_read_example ();
  gsize length = strlen (json);

  /* Every cut of the file either parses to a problem or, at the very end,
   * is the whole file; none crashes. */
  for (gsize cut = 0; cut < length; cut += 7)
    {
      g_autoptr(PlImportReport) report = validate (json, (gssize) cut);
      g_assert_cmpuint (report->n_problems, >=, 1);
    }

  {
    g_autoptr(PlImportReport) report = validate (json, (gssize) length / 2);
    const char *line = report->problems->pdata[0];

    g_assert_true (g_str_has_prefix (line, "line "));
    g_assert_true (strstr (line, ": the file is not valid JSON:") != NULL);
  }
}

static void
test_deep_nesting (void)
{
  const gsize depth = 200000;
  g_autoptr(GString) arrays = g_string_sized_new (depth * 2);
  g_autoptr(GString) objects = g_string_sized_new (depth * 6);
  g_autoptr(PlImportReport) report1 = NULL;
  g_autoptr(PlImportReport) report2 = NULL;
  g_autoptr(PlImportReport) report3 = NULL;

  for (gsize i = 0; i < depth; i++)
    {
      g_string_append_c (arrays, '[');
      g_string_append (objects, "{\"a\":");
    }
  report1 = validate (arrays->str, (gssize) arrays->len);
  g_assert_true (report_has (report1, "line 1, column 65: arrays and objects are nested more than 64 deep"));

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (arrays, ']');
  report2 = validate (arrays->str, (gssize) arrays->len);
  g_assert_true (report_has (report2, "line 1, column 65: arrays and objects are nested more than 64 deep"));

  report3 = validate (objects->str, (gssize) objects->len);
  g_assert_true (report_has (report3, "line 1, column 321: arrays and objects are nested more than 64 deep"));
}

/* Every member of every item replaced by every JSON type: never a crash,
 * always a report, every problem with a place inside the file. */
static void
test_wrong_types_anywhere (void)
{
  static const char * const values[] = { "1", "-1.5e10", "true", "null", "[]", "{}", "\"\"", "\"x\"", "[null]", "{\"a\":[]}" };
  static const char * const collections[] = { "sources", "actors", "themes", "eras", "events", "treaties", "provisions", "quotes", "clause_types", "comparisons", "tours" };
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonObject *top = json_node_get_object (root);
  guint n_runs = 0;

  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    {
      JsonArray *items = json_object_get_array_member (top, collections[c]);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          g_autoptr(GList) members = json_object_get_members (item);

          for (GList *m = members; m != NULL; m = m->next)
            for (guint v = 0; v < G_N_ELEMENTS (values); v++)
              {
                g_autofree char *path = g_strdup_printf ("%s.%u.%s", collections[c], i, (char *) m->data);
                g_autofree char *changed = example_with (path, values[v]);
                g_autoptr(PlImportReport) report = NULL;
                g_autoptr(GError) error = NULL;

                pl_import_validate_data (changed, strlen (changed), &report, &error);
                g_assert_nonnull (report);
                for (guint p = 0; p < report->problems->len; p++)
                  {
                    const char *line = report->problems->pdata[p];
                    gboolean placed = FALSE;

                    for (guint k = 0; k < G_N_ELEMENTS (collections); k++)
                      placed |= g_str_has_prefix (line, collections[k]) && line[strlen (collections[k])] == '[';
                    if (!placed)
                      g_test_message ("%s = %s: %s", path, values[v], line);
                    g_assert_true (placed);
                  }
                n_runs++;
              }
        }
    }

  g_assert_cmpuint (n_runs, >, 400);
}

/* ------------------------------------------------------------------ */
/* Writing the SQLite file                                             */

static void
test_import_and_open (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *path = pl_test_import (dir, "example", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pl_store_get_dataset_id (store), ==, "example-treaty");
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_EVENT)), ==, 2);

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

static char *
query_rows (sqlite3    *db,
            const char *sql)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (rows, rows->len > 0 ? "; " : "");
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (rows, "%s%s", i > 0 ? "|" : "", pl_sqlite_column_text (stmt, i));
    }
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

#define assert_rows(db, sql, expected) G_STMT_START { \
  g_autofree char *_rows = query_rows ((db), (sql)); \
  g_assert_cmpstr (_rows, ==, (expected)); \
} G_STMT_END

/* json_node_copy() shares an object's members: this copies them too. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

/* Adds to @root's @collection a copy of its first item for each nick of
 * @type, with that nick as @member and an id of its own. */
static void
add_every_nick (JsonObject *root,
                const char *collection,
                const char *member,
                GType       type)
{
  JsonArray *items = json_object_get_array_member (root, collection);
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    {
      JsonNode *copy = deep_copy (json_array_get_element (items, 0));
      JsonObject *item = json_node_get_object (copy);
      g_autofree char *id = g_strdup_printf ("every-%s-%s", member, klass->values[i].value_nick);

      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (item, member, klass->values[i].value_nick);
      json_array_add_element (items, copy);
    }
}

/* The importer writes with SQLite's CHECK constraints off, its own checks
 * being the stricter: so every value they let through must be one the
 * schema allows, or the file would break the data contract for every
 * other reader. Each enum's every value, imported, has to pass PRAGMA
 * integrity_check, which tests the CHECK constraints (on a connection
 * that may write: a read-only one skips them); a value added to an enum
 * but not to the schema fails here. */
static void
test_import_every_enum_value (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *example = pl_test_read_example ();
  g_autoptr(JsonNode) node = json_from_string (example, NULL);
  JsonObject *root = json_node_get_object (node);
  JsonArray *comparisons = json_object_get_array_member (root, "comparisons");
  JsonArray *clause_types = json_object_get_array_member (root, "clause_types");
  g_autoptr(GEnumClass) values = g_type_class_ref (PL_TYPE_COMPARISON_VALUE);
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  sqlite3 *db = NULL;

  add_every_nick (root, "sources", "kind", PL_TYPE_SOURCE_KIND);
  add_every_nick (root, "actors", "kind", PL_TYPE_ACTOR_KIND);
  add_every_nick (root, "events", "kind", PL_TYPE_EVENT_KIND);
  add_every_nick (root, "events", "certainty", PL_TYPE_CERTAINTY);
  add_every_nick (root, "provisions", "strength", PL_TYPE_STRENGTH);
  /* A cell per clause type and treaty: a clause type for each value. */
  for (guint i = 0; i < values->n_values; i++)
    {
      JsonNode *clause_type = deep_copy (json_array_get_element (clause_types, 0));
      JsonNode *cell = deep_copy (json_array_get_element (comparisons, 0));
      g_autofree char *id = g_strdup_printf ("every-value-%s", values->values[i].value_nick);

      json_object_set_string_member (json_node_get_object (clause_type), "id", id);
      json_array_add_element (clause_types, clause_type);
      json_object_set_string_member (json_node_get_object (cell), "clause_type", id);
      json_object_set_string_member (json_node_get_object (cell), "value", values->values[i].value_nick);
      json_array_add_element (comparisons, cell);
    }
  json = json_to_string (node, FALSE);
  path = pl_test_import (dir, "every", json);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  assert_rows (db, "PRAGMA integrity_check", "ok");
  /* The values did arrive, all of them. */
  expected = g_strdup_printf ("%u", values->n_values);
  assert_rows (db, "SELECT count(*) FROM comparison WHERE clause_type_id LIKE 'every-value-%'", expected);
  assert_rows (db, "SELECT count(DISTINCT kind) FROM source WHERE id LIKE 'every-%'", "7");
  assert_rows (db, "SELECT count(DISTINCT kind) FROM event WHERE id LIKE 'every-kind-%'", "10");
  assert_rows (db, "SELECT count(DISTINCT certainty) FROM event WHERE id LIKE 'every-certainty-%'", "4");
  sqlite3_close (db);

  pl_test_rmdir (dir);
}

/* The matrix as other tools read it from the file: rows in order, one cell
 * per pair, the evidence in link tables keyed by the pair. */
static void
test_import_matrix_rows (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = example_with ("clause_types",
    "[{\"id\": \"second\", \"title\": \"Listed first\"},"
    " {\"id\": \"no-aid-to-attacker\", \"title\": \"No help\", \"description\": \"D\"}]");
  g_autofree char *path = pl_test_import (dir, "matrix", json);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  assert_rows (db, "PRAGMA user_version", "4");
  assert_rows (db, "SELECT id, title, description, position FROM clause_type ORDER BY position",
               "second|Listed first||0; no-aid-to-attacker|No help|D|1");
  assert_rows (db, "SELECT clause_type_id, treaty_id, value, note FROM comparison",
               "no-aid-to-attacker|treaty-2025|yes|Article 3 rules it out in so many words.");
  assert_rows (db, "SELECT * FROM comparison_provision", "no-aid-to-attacker|treaty-2025|treaty-2025-no-aid|0");
  assert_rows (db, "SELECT * FROM comparison_quote", "no-aid-to-attacker|treaty-2025|article-3-text|0");
  assert_rows (db, "SELECT * FROM comparison_event", "no-aid-to-attacker|treaty-2025|signing|0");
  assert_rows (db, "SELECT * FROM comparison_source", "no-aid-to-attacker|treaty-2025|report-1|0");
  /* The matrix is not in the search index. */
  assert_rows (db, "SELECT count(*) FROM search WHERE kind NOT IN"
                   " ('source','actor','theme','era','event','treaty','provision','quote')", "0");
  sqlite3_close (db);

  pl_test_rmdir (dir);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A failed import leaves an existing output byte for byte as it was and no
 * temporary file behind, whatever made it fail. */
static void
test_failed_import_keeps_output (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *good = pl_test_read_example ();
  g_autofree char *output = pl_test_import (dir, "out", good);
  g_autoptr(GBytes) before = read_bytes (output);
  g_autofree char *bad_date = example_with ("events.1.start", "\"2024-13-01\"");
  g_autofree char *dangling = example_with ("quotes.1.provisions", "[\"nowhere\"]");
  g_autofree char *duplicate_cell = example_with ("comparisons",
    "[" CELL ("no-aid-to-attacker", "yes") ", " CELL ("no-aid-to-attacker", "no") "]");
  g_autofree char *bad_cell_link = example_with ("comparisons.0.events", "[\"signing\", \"nowhere\"]");
  const char *inputs[] = { bad_date, dangling, duplicate_cell, bad_cell_link, "{\"format\":", "" };
  guint n_files = count_files (dir);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *input = pl_test_write_file (dir, "bad.json", inputs[i], -1);
      g_autoptr(PlImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) after = NULL;

      g_assert_false (pl_import_file (input, output, NULL, NULL, NULL, &report, &error));
      g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
      g_assert_cmpuint (report->n_problems, >=, 1);

      after = read_bytes (output);
      g_assert_true (g_bytes_equal (before, after));
      g_unlink (input);
      g_assert_cmpuint (count_files (dir), ==, n_files);
    }

  /* Cancelled before it could finish: the same. */
  {
    g_autofree char *input = pl_test_write_file (dir, "good.json", good, -1);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) after = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (pl_import_file (input, output, NULL, NULL, cancellable, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    after = read_bytes (output);
    g_assert_true (g_bytes_equal (before, after));
    g_unlink (input);
    g_assert_cmpuint (count_files (dir), ==, n_files);
  }

  /* A missing input writes nothing either. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
    g_autofree char *new_output = g_build_filename (dir, "new.sqlite", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (pl_import_file (missing, new_output, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_false (g_file_test (new_output, G_FILE_TEST_EXISTS));
  }

  pl_test_rmdir (dir);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

/* A good import replaces the output, and reports progress up to 1. */
static void
test_import_replaces_output (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *output = pl_test_write_file (dir, "out.sqlite", "old contents", -1);
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *input = pl_test_write_file (dir, "in.json", json, -1);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;

  g_assert_true (pl_import_file (input, output, record_progress, seen, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, >=, 1);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  store = pl_store_open (output, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (count_files (dir), ==, 2);

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

/* The search index is built by a second thread in a file of its own and
 * copied in at the end: with more rows than the batches that circulate
 * between the threads hold, the copy is a sound FTS5 index that finds
 * every item, the rest of the file agrees with its indexes, and no file of
 * the worker's is left beside the output. */
static const char *added_last_start;

/* Meetings in March 2021, the last one at added_last_start. */
static void
fill_added (JsonObject *event,
            guint       i,
            guint       n)
{
  JsonArray *actors = json_array_new ();
  g_autofree char *id = g_strdup_printf ("added-%05u", i);
  g_autofree char *title = g_strdup_printf ("Meeting number%u of the %s", i, i % 2 == 0 ? "envoys" : "ministers");

  json_object_set_string_member (event, "id", id);
  json_object_set_string_member (event, "start", i + 1 == n ? added_last_start : "2021-03");
  json_object_set_string_member (event, "title", title);
  json_object_set_string_member (event, "summary", "A synthetic meeting.");
  json_object_set_string_member (event, "kind", "meeting");
  json_object_set_string_member (event, "certainty", "confirmed");
  json_array_add_string_element (actors, "north");
  json_object_set_array_member (event, "actors", actors);
}

/* The example with @n_added more events, the last with @last_start. */
static char *
example_with_events (guint       n_added,
                     const char *last_start)
{
  added_last_start = last_start;
  return pl_test_example_with_events (n_added, fill_added);
}

static void
test_import_search_index (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  sqlite3 *db = NULL;
  const guint n_added = 9000;

  json = example_with_events (n_added, "2021-03");
  path = pl_test_import (dir, "search", json);
  /* The input and the output, nothing else. */
  g_assert_cmpuint (count_files (dir), ==, 2);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (db, "INSERT INTO search (search) VALUES ('integrity-check')", &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("%u", n_added / 2);
  assert_rows (db, "SELECT count(*) FROM search WHERE search MATCH 'envoys'", expected);
  assert_rows (db, "SELECT item_id FROM search WHERE search MATCH 'number4321'", "added-04321");
  /* The prefix indexes came along: two letters find every added event. */
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u", n_added);
  assert_rows (db, "SELECT count(*) FROM search WHERE search MATCH 'sy*' AND kind = 'event'", expected);
  /* The link tables, written while the worker wrote, and their indexes,
   * made while it merged, agree. */
  assert_rows (db, "PRAGMA integrity_check", "ok");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u", n_added);
  assert_rows (db, "SELECT count(*) FROM event_actor INDEXED BY event_actor_by_actor"
                   " WHERE actor_id = 'north' AND event_id LIKE 'added-%'", expected);
  assert_rows (db, "SELECT actor_id, position FROM event_actor WHERE event_id = 'added-01234'", "north|0");
  assert_rows (db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event_actor'", "event_actor_by_actor");
  /* And each row's id still names its item. */
  assert_rows (db, "SELECT count(*) FROM search JOIN event ON event.id = search.item_id"
                   " WHERE search.kind = 'event' AND (search.rowid & 0xffffffffff) != event.rowid", "0");
  sqlite3_close (db);

  pl_test_rmdir (dir);
}

static void
cancel_at_first_progress (double   fraction,
                          gpointer user_data)
{
  if (fraction < 1.0)
    g_cancellable_cancel (user_data);
}

/* Given up while the second thread writes, because of a problem found
 * late or because it was cancelled: the output stays as it was and no
 * file of the worker's is left. */
static void
test_import_given_up_while_writing (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *good = pl_test_read_example ();
  g_autofree char *output = pl_test_import (dir, "out", good);
  g_autoptr(GBytes) before = read_bytes (output);
  guint n_files = count_files (dir);

  {
    g_autofree char *json = example_with_events (9000, "2021-13");
    g_autofree char *input = pl_test_write_file (dir, "late.json", json, -1);
    g_autoptr(PlImportReport) report = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) after = NULL;

    g_assert_false (pl_import_file (input, output, NULL, NULL, NULL, &report, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
    g_assert_cmpuint (report->n_problems, ==, 1);
    g_assert_true (report_has (report, "events[9001].start: \"2021-13\" is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"));
    after = read_bytes (output);
    g_assert_true (g_bytes_equal (before, after));
    g_unlink (input);
    g_assert_cmpuint (count_files (dir), ==, n_files);
  }

  {
    g_autofree char *json = example_with_events (9000, "2021-03");
    g_autofree char *input = pl_test_write_file (dir, "cancelled.json", json, -1);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) after = NULL;

    g_assert_false (pl_import_file (input, output, cancel_at_first_progress, cancellable, cancellable, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    after = read_bytes (output);
    g_assert_true (g_bytes_equal (before, after));
    g_unlink (input);
    g_assert_cmpuint (count_files (dir), ==, n_files);
  }

  pl_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Inputs the fuzzer found (fuzz/, docs/testing.md)                    */

/* Each is refused before json-glib sees it, with one placed problem:
 * json-glib leaked memory on the files, and let the escapes through as
 * garbage or cut strings short. */
typedef struct
{
  const char *name;
  const char *file;     /* in tests/data/fuzz-regressions/dataset/, or NULL */
  const char *data;     /* when there is no file */
  const char *problem;
} FuzzCase;

static const FuzzCase fuzz_cases[] = {
  { "surrogate-then-escape", "surrogate-then-escape.json", NULL,
    "line 1, column 45: the file is not valid JSON: \\uD83D is the first half of a UTF-16 surrogate pair, and the second half does not follow it" },
  { "value-after-value", "value-after-value.json", NULL,
    "line 1, column 12: the file is not valid JSON: another value follows the end of the first one" },
  { "object-after-object", NULL, "{\"format\": \"pactline-dataset\"}\n{\"format_version\": 3}",
    "line 2, column 1: the file is not valid JSON: another value follows the end of the first one" },
  { "object-after-number", NULL, "1 {}",
    "line 1, column 3: the file is not valid JSON: another value follows the end of the first one" },
  { "high-surrogate-then-letter", NULL, "{\"x-a\": \"\\ud83dx\"}",
    "line 1, column 10: the file is not valid JSON: \\uD83D is the first half of a UTF-16 surrogate pair, and the second half does not follow it" },
  { "low-surrogate-alone", NULL, "{\"x-a\": \"\\uDE00\"}",
    "line 1, column 10: the file is not valid JSON: \\uDE00 is the second half of a UTF-16 surrogate pair, without the first" },
  { "not-hexadecimal", NULL, "{\"x-a\": \"\\uzzzz\"}",
    "line 1, column 10: the file is not valid JSON: \\u must be followed by four hexadecimal digits" },
  { "unknown-escape", NULL, "{\"x-a\": \"\\x41\"}",
    "line 1, column 10: the file is not valid JSON: a backslash in a string must start one of the escapes \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX" },
  { "escaped-nul", NULL, "{\"format\": \"pactline-dataset\\u0000\"}",
    "line 1, column 29: the file contains an escaped NUL character (\\u0000), which no text may hold" },
};

static void
test_fuzz_regression (gconstpointer data)
{
  const FuzzCase *fuzz = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(PlImportReport) report = NULL;

  if (fuzz->file != NULL)
    {
      g_autofree char *name = g_build_filename ("fuzz-regressions", "dataset", fuzz->file, NULL);
      g_autofree char *path = pl_test_data_path (name);
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
    }
  else
    {
      contents = g_strdup (fuzz->data);
      length = strlen (contents);
    }

  report = validate (contents, (gssize) length);
  g_assert_cmpuint (report->n_problems, ==, 1);
  g_assert_cmpstr (report->problems->pdata[0], ==, fuzz->problem);
}

/* The same check guards notes files, which the fuzzer found leaking the
 * same way. */
static void
test_fuzz_regression_notes (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *db_path = g_build_filename (dir, "notes.sqlite", NULL);
  g_autofree char *name = g_build_filename ("fuzz-regressions", "notes", "value-after-value.json", NULL);
  g_autofree char *path = pl_test_data_path (name);
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(PlNotesImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  db = pl_user_db_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_false (pl_notes_import_file (db, path, NULL, PL_NOTES_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INVALID_DATA);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_problems, ==, 1);
  g_assert_cmpstr (report->problems->pdata[0], ==,
                   "line 1, column 2: the file is not valid JSON: another value follows the end of the first one");

  g_clear_object (&db);
  pl_test_rmdir (dir);
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return TRUE;
    }
  return FALSE;
}

/* json-glib's parse errors quote the token where it stopped, cut after a
 * number of bytes (which split a character: the message was not UTF-8) and
 * with its escapes decoded (a file could put terminal escapes into what
 * `pactline --validate` prints). The problem is valid UTF-8 without
 * control characters. */
static void
test_fuzz_regression_parse_message (void)
{
  g_autofree char *name = g_build_filename ("fuzz-regressions", "dataset", "parse-error-cut-character.json", NULL);
  g_autofree char *path = pl_test_data_path (name);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlImportReport) cut = NULL;
  g_autoptr(PlImportReport) escaped = NULL;
  const char *line;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  cut = validate (contents, (gssize) length);
  g_assert_cmpuint (cut->n_problems, ==, 1);
  line = cut->problems->pdata[0];
  g_assert_true (g_str_has_prefix (line, "line 38, column 327: the file is not valid JSON: "));
  g_assert_true (g_utf8_validate (line, -1, NULL));
  g_assert_false (has_control_characters (line));

  escaped = validate ("[\"\\u001b[2J\" \"x\"]", -1);
  g_assert_cmpuint (escaped->n_problems, ==, 1);
  line = escaped->problems->pdata[0];
  g_assert_true (g_str_has_prefix (line, "line 1, column 12: the file is not valid JSON: "));
  g_assert_nonnull (strstr (line, "\"\\u001b[2J\""));
  g_assert_false (has_control_characters (line));
}

/* Every escape JSON has, and surrogate pairs, still read as before. */
static void
test_valid_escapes (void)
{
  g_autofree char *example = pl_test_read_example ();
  g_auto(GStrv) parts = g_strsplit (example, "\"An example treaty\"", 2);
  g_autofree char *json = NULL;
  g_autoptr(PlImportReport) report = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  json = g_strjoinv ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t \\u00e9\\ud83d\\ude00\\uD83D\\uDE00\"", parts);
  report = validate (json, -1);
  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpstr (report->title, ==, "\"\\/\b\f\n\r\t \xc3\xa9\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/importer/example-is-valid", test_example_is_valid);
  g_test_add_func ("/importer/extensions-allowed", test_extensions_allowed);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/importer/bad-value/%02u-%s", i, bad_cases[i].path);
      g_test_add_data_func (name, &bad_cases[i], test_bad_value);
    }
  g_test_add_func ("/importer/version-1-still-valid", test_version_1_still_valid);
  g_test_add_func ("/importer/duplicate-comparison", test_duplicate_comparison);
  g_test_add_func ("/importer/huge-text", test_huge_text);
  g_test_add_func ("/importer/all-problems-listed", test_all_problems_listed);
  for (guint i = 0; i < G_N_ELEMENTS (raw_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/importer/raw/%s", raw_cases[i].name);
      g_test_add_data_func (name, &raw_cases[i], test_raw);
    }
  g_test_add_func ("/importer/truncated", test_truncated);
  g_test_add_func ("/importer/deep-nesting", test_deep_nesting);
  g_test_add_func ("/importer/wrong-types-anywhere", test_wrong_types_anywhere);
  g_test_add_func ("/importer/import-and-open", test_import_and_open);
  g_test_add_func ("/importer/import-matrix-rows", test_import_matrix_rows);
  g_test_add_func ("/importer/import-every-enum-value", test_import_every_enum_value);
  g_test_add_func ("/importer/failed-import-keeps-output", test_failed_import_keeps_output);
  g_test_add_func ("/importer/import-replaces-output", test_import_replaces_output);
  g_test_add_func ("/importer/import-search-index", test_import_search_index);
  g_test_add_func ("/importer/import-given-up-while-writing", test_import_given_up_while_writing);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/importer/fuzz-regression/%s", fuzz_cases[i].name);
      g_test_add_data_func (name, &fuzz_cases[i], test_fuzz_regression);
    }
  g_test_add_func ("/importer/fuzz-regression/notes-value-after-value", test_fuzz_regression_notes);
  g_test_add_func ("/importer/fuzz-regression/parse-message", test_fuzz_regression_parse_message);
  g_test_add_func ("/importer/valid-escapes", test_valid_escapes);

  return g_test_run ();
}
