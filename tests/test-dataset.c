/* test-dataset.c — the bundled dataset keeps the content rules
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "pl-date.h"
#include "pl-importer.h"
#include "pl-test-util.h"

/* The dataset may not reach outside this span: anything earlier or later is
 * a typo in a year, not history. */
#define FIRST_YEAR 1800
#define LAST_YEAR  2030

/* What issue 3 asks of the bundled dataset. */
#define MIN_EVENTS     60
#define MIN_ACTORS     40
#define MIN_PROVISIONS 20
/* Every passage the two articles print in quotation marks as someone's
 * words or a document's text. */
#define MIN_QUOTES     15

static const char *
bundled_json_path (void)
{
  static char *fallback = NULL;
  const char *path = g_getenv ("PACTLINE_BUNDLED_JSON");

  if (path != NULL)
    return path;
  if (fallback == NULL)
    fallback = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                      "russia-iran-2025.json", NULL);
  return fallback;
}

static JsonParser *
load_dataset (JsonObject **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  json_parser_load_from_file (parser, bundled_json_path (), &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  *root = json_node_get_object (node);
  return g_steal_pointer (&parser);
}

/* The array @name of @object, or NULL when it is absent or not an array. */
static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static guint
array_length (JsonObject *object,
              const char *name)
{
  JsonArray *array = get_array (object, name);

  return array != NULL ? json_array_get_length (array) : 0;
}

/* The string member @name of @object; NULL when absent, null or not a
 * string. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Element @index of @array when it is a string, else NULL. */
static const char *
element_string (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_item (JsonObject *root,
          const char *array_name,
          guint       index)
{
  JsonArray *array = get_array (root, array_name);
  JsonNode *node = json_array_get_element (array, index);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static const char *
item_id (JsonObject *item)
{
  const char *id = get_string (item, "id");

  return id != NULL ? id : "(no id)";
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* (a) The importer accepts the file without a single problem. */
static void
test_validates (void)
{
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean ok;

  ok = pl_import_validate_file (bundled_json_path (), &report, &error);
  if (report != NULL)
    for (guint i = 0; i < report->problems->len; i++)
      g_string_append_printf (problems, "%s\n",
                              (const char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpstr (report->dataset_id, ==, "russia-iran-2025");
}

/* (b) Every quote is printed, character for character, in the seed text of
 * the source it cites; each source names its seed in "x-seed". */
static void
test_quotes_verbatim (void)
{
  const char *seeds_dir = g_getenv ("PACTLINE_SEEDS_DIR");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) seed_texts = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  JsonObject *root;
  guint n_sources, n_quotes;

  if (seeds_dir == NULL || !g_file_test (seeds_dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the seed articles (PACTLINE_SEEDS_DIR) are not available");
      return;
    }

  parser = load_dataset (&root);
  seed_texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  n_sources = array_length (root, "sources");
  for (guint i = 0; i < n_sources; i++)
    {
      JsonObject *source = get_item (root, "sources", i);
      const char *seed = get_string (source, "x-seed");
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      char *text = NULL;

      if (is_empty (seed) || strchr (seed, '/') != NULL)
        {
          g_string_append_printf (problems, "sources[%u] (%s): no usable x-seed\n",
                                  i, item_id (source));
          continue;
        }
      path = g_build_filename (seeds_dir, seed, NULL);
      if (!g_file_get_contents (path, &text, NULL, &error))
        {
          g_string_append_printf (problems, "sources[%u] (%s): %s\n",
                                  i, item_id (source), error->message);
          continue;
        }
      g_hash_table_insert (seed_texts, (gpointer) item_id (source), text);
    }

  n_quotes = array_length (root, "quotes");
  g_assert_cmpuint (n_quotes, >, 0);
  for (guint i = 0; i < n_quotes; i++)
    {
      JsonObject *quote = get_item (root, "quotes", i);
      const char *text = get_string (quote, "text");
      const char *source = get_string (quote, "source");
      const char *seed_text;

      if (is_empty (text) || is_empty (source))
        {
          g_string_append_printf (problems, "quotes[%u] (%s): no text or no source\n",
                                  i, item_id (quote));
          continue;
        }
      seed_text = g_hash_table_lookup (seed_texts, source);
      if (seed_text == NULL)
        g_string_append_printf (problems, "quotes[%u] (%s): no seed text for source \"%s\"\n",
                                i, item_id (quote), source);
      else if (strstr (seed_text, text) == NULL)
        g_string_append_printf (problems, "quotes[%u] (%s): not found verbatim in source \"%s\"\n",
                                i, item_id (quote), source);
    }

  g_assert_cmpstr (problems->str, ==, "");
}

static void
check_sources_array (JsonObject *root,
                     const char *array_name,
                     GString    *problems)
{
  guint n = array_length (root, array_name);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = get_item (root, array_name, i);
      JsonArray *sources = get_array (item, "sources");
      guint n_named = 0;

      if (sources != NULL)
        for (guint j = 0; j < json_array_get_length (sources); j++)
          if (!is_empty (element_string (sources, j)))
            n_named++;
      if (n_named == 0)
        g_string_append_printf (problems, "%s[%u] (%s): names no source\n",
                                array_name, i, item_id (item));
    }
}

/* (c) Every event, provision and quote says where it comes from, and every
 * quote says who spoke or which document it is from. */
static void
test_sources_named (void)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  JsonObject *root;
  guint n_quotes;

  parser = load_dataset (&root);
  check_sources_array (root, "events", problems);
  check_sources_array (root, "provisions", problems);

  n_quotes = array_length (root, "quotes");
  g_assert_cmpuint (n_quotes, >, 0);
  for (guint i = 0; i < n_quotes; i++)
    {
      JsonObject *quote = get_item (root, "quotes", i);

      if (is_empty (get_string (quote, "source")))
        g_string_append_printf (problems, "quotes[%u] (%s): names no source\n",
                                i, item_id (quote));
      if (is_empty (get_string (quote, "speaker"))
          && is_empty (get_string (quote, "document")))
        g_string_append_printf (problems, "quotes[%u] (%s): names no speaker or document\n",
                                i, item_id (quote));
    }

  g_assert_cmpstr (problems->str, ==, "");
}

typedef struct
{
  const char *id;
  guint32     first;
  guint32     last;   /* G_MAXUINT32 for an era still going on */
} Span;

static guint32 first_allowed_day;
static guint32 last_allowed_day;

static void
init_allowed_days (void)
{
  PlDate first = PL_DATE_INIT;
  PlDate last = PL_DATE_INIT;
  char text[8];

  g_snprintf (text, sizeof text, "%d", FIRST_YEAR);
  g_assert_true (pl_date_parse (text, &first));
  g_snprintf (text, sizeof text, "%d", LAST_YEAR);
  g_assert_true (pl_date_parse (text, &last));
  g_assert_true (pl_date_get_span (&first, &first_allowed_day, NULL));
  g_assert_true (pl_date_get_span (&last, NULL, &last_allowed_day));
}

/* Reads start and end of @item into @span; FALSE (with a problem noted) when
 * a date is missing, unreadable, outside the sane years or ends before its
 * start.  An era without an end is still going on; an event without one
 * covers its start only. */
static gboolean
read_span (JsonObject *item,
           const char *place,
           gboolean    open_end_allowed,
           Span       *span,
           GString    *problems)
{
  const char *start_text = get_string (item, "start");
  const char *end_text = get_string (item, "end");
  PlDate start = PL_DATE_INIT;
  PlDate end = PL_DATE_INIT;
  guint32 end_first = 0;

  span->id = item_id (item);
  if (start_text == NULL || !pl_date_parse (start_text, &start)
      || !pl_date_get_span (&start, &span->first, &span->last))
    {
      g_string_append_printf (problems, "%s (%s): no valid start\n", place, span->id);
      return FALSE;
    }

  if (end_text != NULL)
    {
      if (!pl_date_parse (end_text, &end)
          || !pl_date_get_span (&end, &end_first, &span->last))
        {
          g_string_append_printf (problems, "%s (%s): end \"%s\" is not a date\n",
                                  place, span->id, end_text);
          return FALSE;
        }
      if (pl_date_ends_before (&end, &start) || span->last < span->first)
        {
          g_string_append_printf (problems, "%s (%s): end \"%s\" ends before start \"%s\"\n",
                                  place, span->id, end_text, start_text);
          return FALSE;
        }
    }
  else if (open_end_allowed)
    {
      span->last = G_MAXUINT32;
    }

  if (span->first < first_allowed_day || span->first > last_allowed_day
      || (span->last != G_MAXUINT32 && span->last > last_allowed_day))
    {
      g_string_append_printf (problems, "%s (%s): outside the years %d to %d\n",
                              place, span->id, FIRST_YEAR, LAST_YEAR);
      return FALSE;
    }
  return TRUE;
}

/* (d) Dates are sane: nothing ends before it starts, everything lies in
 * 1800..2030, every event lies within the span the eras cover, every era
 * holds at least one event, and an event named like an era lies inside
 * it. */
static void
test_dates_consistent (void)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GArray) eras = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Span));
  guint32 overall_first = G_MAXUINT32;
  guint32 overall_last = 0;
  JsonObject *root;
  guint n;

  init_allowed_days ();
  parser = load_dataset (&root);

  n = array_length (root, "eras");
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *place = g_strdup_printf ("eras[%u]", i);
      Span span;

      if (!read_span (get_item (root, "eras", i), place, TRUE, &span, problems))
        continue;
      g_array_append_val (eras, span);
      overall_first = MIN (overall_first, span.first);
      overall_last = MAX (overall_last, span.last == G_MAXUINT32 ? last_allowed_day : span.last);
    }

  n = array_length (root, "events");
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *place = g_strdup_printf ("events[%u]", i);
      Span span;

      if (!read_span (get_item (root, "events", i), place, FALSE, &span, problems))
        continue;
      g_array_append_val (events, span);
    }

  for (guint i = 0; i < events->len; i++)
    {
      const Span *event = &g_array_index (events, Span, i);

      if (event->first < overall_first || event->last > overall_last)
        g_string_append_printf (problems, "event %s lies outside the span of the eras\n",
                                event->id);
      for (guint j = 0; j < eras->len; j++)
        {
          const Span *era = &g_array_index (eras, Span, j);

          if (g_strcmp0 (era->id, event->id) == 0
              && (event->first < era->first || event->last > era->last))
            g_string_append_printf (problems, "event %s lies outside the era of the same name\n",
                                    event->id);
        }
    }

  for (guint j = 0; j < eras->len; j++)
    {
      const Span *era = &g_array_index (eras, Span, j);
      gboolean holds_event = FALSE;

      for (guint i = 0; i < events->len && !holds_event; i++)
        {
          const Span *event = &g_array_index (events, Span, i);

          holds_event = event->first >= era->first && event->first <= era->last;
        }
      if (!holds_event)
        g_string_append_printf (problems, "era %s holds no event\n", era->id);
    }

  g_assert_cmpstr (problems->str, ==, "");
}

/* (e) The command line validates the file and prints counts that meet the
 * issue's expectations. */
static void
test_command_line_counts (void)
{
  const char *binary = g_getenv ("PACTLINE");
  const char *argv[] = { NULL, "--validate", NULL, NULL };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;
  int wait_status = 0;
  guint64 counts[8];

  g_assert_nonnull (binary);
  argv[0] = binary;
  argv[2] = bundled_json_path ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  regex = g_regex_new (" is valid — russia-iran-2025: ([0-9]+) events, ([0-9]+) actors, "
                       "([0-9]+) quotes, ([0-9]+) treaties, ([0-9]+) provisions, "
                       "([0-9]+) sources, ([0-9]+) themes, ([0-9]+) eras\n$",
                       0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (regex, out, 0, &match));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *digits = g_match_info_fetch (match, (int) i + 1);

      counts[i] = g_ascii_strtoull (digits, NULL, 10);
    }

  parser = load_dataset (&root);
  g_assert_cmpuint (counts[0], ==, array_length (root, "events"));
  g_assert_cmpuint (counts[1], ==, array_length (root, "actors"));
  g_assert_cmpuint (counts[2], ==, array_length (root, "quotes"));
  g_assert_cmpuint (counts[3], ==, array_length (root, "treaties"));
  g_assert_cmpuint (counts[4], ==, array_length (root, "provisions"));
  g_assert_cmpuint (counts[5], ==, array_length (root, "sources"));
  g_assert_cmpuint (counts[6], ==, array_length (root, "themes"));
  g_assert_cmpuint (counts[7], ==, array_length (root, "eras"));

  g_assert_cmpuint (counts[0], >=, MIN_EVENTS);
  g_assert_cmpuint (counts[1], >=, MIN_ACTORS);
  g_assert_cmpuint (counts[2], >=, MIN_QUOTES);
  g_assert_cmpuint (counts[4], >=, MIN_PROVISIONS);
  g_assert_cmpuint (counts[5], ==, 2);
  g_assert_cmpuint (counts[6], >, 0);
  g_assert_cmpuint (counts[7], >, 0);
}

/* (f) The outlets the articles cite are media actors, and the two articles
 * are not credited to an outlet or author they do not name. */
static void
test_outlets_and_sources (void)
{
  static const char * const outlets[] = {
    "Tehran Times", "The Times", "Middle East Eye", "Military Watch Magazine",
  };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  JsonObject *root;
  guint n_actors, n_sources;

  parser = load_dataset (&root);
  n_actors = array_length (root, "actors");
  for (guint k = 0; k < G_N_ELEMENTS (outlets); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n_actors && !found; i++)
        {
          JsonObject *actor = get_item (root, "actors", i);

          if (g_strcmp0 (get_string (actor, "name"), outlets[k]) != 0)
            continue;
          found = TRUE;
          if (g_strcmp0 (get_string (actor, "kind"), "media") != 0)
            g_string_append_printf (problems, "actor %s (%s) is not of kind media\n",
                                    item_id (actor), outlets[k]);
        }
      if (!found)
        g_string_append_printf (problems, "no actor named %s\n", outlets[k]);
    }

  n_sources = array_length (root, "sources");
  g_assert_cmpuint (n_sources, ==, 2);
  for (guint i = 0; i < n_sources; i++)
    {
      JsonObject *source = get_item (root, "sources", i);

      if (!is_empty (get_string (source, "outlet")))
        g_string_append_printf (problems, "sources[%u] (%s): the article names no outlet\n",
                                i, item_id (source));
      if (!is_empty (get_string (source, "author")))
        g_string_append_printf (problems, "sources[%u] (%s): the article names no author\n",
                                i, item_id (source));
      if (g_strcmp0 (get_string (source, "kind"), "article") != 0)
        g_string_append_printf (problems, "sources[%u] (%s): not of kind article\n",
                                i, item_id (source));
    }

  g_assert_cmpstr (problems->str, ==, "");
}

/* The columns of the comparison matrix DESIGN.md names. */
static const char * const matrix_treaties[] = {
  "cspt-2025", "treaty-2001", "russia-dprk-2024", "russia-belarus-2024",
  "iran-china-2021", "iran-venezuela-2022",
};

/* The treaties whose text the first article calls unknown. */
static const char * const unknown_text_treaties[] = {
  "iran-china-2021", "iran-venezuela-2022",
};

static gboolean
strv_has (const char * const *strv,
          guint               n,
          const char         *text)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (strv[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* (g) The comparison matrix is complete and every cell is traceable: a
 * value for every clause type and each of the six treaties, a note in the
 * dataset's own words, at least one source, and for every value but
 * "unknown" the provision, quote or event that shows it. A cell's
 * provisions belong to its treaty, and a cell of a treaty whose text the
 * articles call unknown says so. */
static void
test_comparison_matrix (void)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) provision_treaty = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonNode *version;
  guint n_rows, n_cells;

  parser = load_dataset (&root);
  version = json_object_get_member (root, "format_version");
  g_assert_nonnull (version);
  g_assert_cmpint (json_node_get_int (version), >=, 2);

  for (guint i = 0; i < array_length (root, "provisions"); i++)
    {
      JsonObject *provision = get_item (root, "provisions", i);

      g_hash_table_insert (provision_treaty, (gpointer) item_id (provision),
                           (gpointer) get_string (provision, "treaty"));
    }

  n_cells = array_length (root, "comparisons");
  for (guint i = 0; i < n_cells; i++)
    {
      JsonObject *cell = get_item (root, "comparisons", i);
      const char *clause_type = get_string (cell, "clause_type");
      const char *treaty = get_string (cell, "treaty");
      const char *value = get_string (cell, "value");
      const char *note = get_string (cell, "note");
      JsonArray *sources = get_array (cell, "sources");
      JsonArray *provisions = get_array (cell, "provisions");
      guint n_evidence = array_length (cell, "provisions") + array_length (cell, "quotes")
                         + array_length (cell, "events");
      g_autofree char *place = g_strdup_printf ("comparisons[%u] (%s × %s)", i, clause_type, treaty);

      g_hash_table_add (cells, g_strdup_printf ("%s/%s", clause_type, treaty));

      if (sources == NULL || json_array_get_length (sources) == 0
          || is_empty (element_string (sources, 0)))
        g_string_append_printf (problems, "%s: names no source\n", place);
      if (g_strcmp0 (value, "unknown") != 0 && n_evidence == 0)
        g_string_append_printf (problems, "%s: \"%s\" links no provision, quote or event\n",
                                place, value != NULL ? value : "(none)");
      if (is_empty (note))
        g_string_append_printf (problems, "%s: has no note\n", place);
      if (strv_has (unknown_text_treaties, G_N_ELEMENTS (unknown_text_treaties), treaty)
          && (note == NULL || strstr (note, "not known") == NULL))
        g_string_append_printf (problems, "%s: does not say that the text is not known\n", place);

      for (guint j = 0; provisions != NULL && j < json_array_get_length (provisions); j++)
        {
          const char *provision = element_string (provisions, j);

          if (g_strcmp0 (g_hash_table_lookup (provision_treaty, provision), treaty) != 0)
            g_string_append_printf (problems, "%s: provision %s is not one of its treaty's\n",
                                    place, provision);
        }
    }

  n_rows = array_length (root, "clause_types");
  g_assert_cmpuint (n_rows, >=, 5);
  for (guint i = 0; i < n_rows; i++)
    {
      JsonObject *row = get_item (root, "clause_types", i);

      if (is_empty (get_string (row, "description")))
        g_string_append_printf (problems, "clause_types[%u] (%s): has no description\n", i, item_id (row));
      for (guint t = 0; t < G_N_ELEMENTS (matrix_treaties); t++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", item_id (row), matrix_treaties[t]);

          if (!g_hash_table_contains (cells, key))
            g_string_append_printf (problems, "clause type %s has no value for %s\n",
                                    item_id (row), matrix_treaties[t]);
        }
    }

  g_assert_cmpstr (problems->str, ==, "");
}

/* The tours presentation mode offers: at least two, each a real path
 * (several events, none twice, an introduction saying what it shows), and
 * one of them not in date order, since a tour argues rather than lists. */
static void
test_tours (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  gboolean any_out_of_order = FALSE;

  parser = load_dataset (&root);
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 3);
  g_assert_cmpuint (array_length (root, "tours"), >=, 2);
  for (guint i = 0; i < array_length (root, "tours"); i++)
    {
      JsonObject *tour = get_item (root, "tours", i);
      JsonArray *events = json_object_get_array_member (tour, "events");
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) starts = g_hash_table_new (g_str_hash, g_str_equal);
      const char *previous = NULL;

      g_assert_false (is_empty (get_string (tour, "title")));
      g_assert_cmpuint (strlen (get_string (tour, "intro")), >, 40);
      g_assert_cmpuint (json_array_get_length (events), >=, 6);

      for (guint e = 0; e < array_length (root, "events"); e++)
        {
          JsonObject *event = get_item (root, "events", e);
          g_hash_table_insert (starts, (gpointer) get_string (event, "id"), (gpointer) get_string (event, "start"));
        }
      for (guint k = 0; k < json_array_get_length (events); k++)
        {
          const char *id = json_array_get_string_element (events, k);
          const char *start = g_hash_table_lookup (starts, id);

          g_assert_nonnull (start);
          g_assert_true (g_hash_table_add (seen, (gpointer) id));
          if (previous != NULL && strcmp (start, previous) < 0)
            any_out_of_order = TRUE;
          previous = start;
        }
    }
  g_assert_true (any_out_of_order);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/validates", test_validates);
  g_test_add_func ("/dataset/tours", test_tours);
  g_test_add_func ("/dataset/quotes-verbatim", test_quotes_verbatim);
  g_test_add_func ("/dataset/sources-named", test_sources_named);
  g_test_add_func ("/dataset/dates-consistent", test_dates_consistent);
  g_test_add_func ("/dataset/command-line-counts", test_command_line_counts);
  g_test_add_func ("/dataset/outlets-and-sources", test_outlets_and_sources);
  g_test_add_func ("/dataset/comparison-matrix", test_comparison_matrix);

  return g_test_run ();
}
