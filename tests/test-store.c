/* test-store.c — opening datasets: records, links, order, and damaged files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-read-ahead.h"
#include "pl-sqlite.h"
#include "pl-store.h"
#include "pl-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  PlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(GError) error = NULL;

  fixture->dir = pl_test_mkdtemp ();
  fixture->path = pl_test_import (fixture->dir, "example", json);
  fixture->store = pl_store_open (fixture->path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  pl_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
ids_of (GListModel *model)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PlRecord) record = g_list_model_get_item (model, i);
      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", record->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
ids_of_list (const PlRecordList *list)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < list->n_items; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", list->items[i]->id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define assert_ids(expr, expected) G_STMT_START { \
  g_autofree char *_ids = (expr); \
  g_assert_cmpstr (_ids, ==, (expected)); \
} G_STMT_END

#define assert_model_ids(expr, expected) G_STMT_START { \
  g_autoptr(GListModel) _model = (expr); \
  assert_ids (ids_of (_model), (expected)); \
} G_STMT_END

static void
test_metadata_and_counts (Fixture       *fixture,
                          gconstpointer  data)
{
  PlStore *store = fixture->store;

  g_assert_cmpstr (pl_store_get_dataset_id (store), ==, "example-treaty");
  g_assert_cmpstr (pl_store_get_title (store), ==, "An example treaty");
  g_assert_cmpstr (pl_store_get_metadata (store, "language"), ==, "en");
  g_assert_cmpstr (pl_store_get_metadata (store, "version"), ==, "1");
  g_assert_null (pl_store_get_metadata (store, "nothing"));
  g_assert_cmpstr (pl_store_get_path (store), ==, fixture->path);

  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_EVENT)), "talks-begin signing");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_ACTOR)), "north south north-president");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_QUOTE)), "president-on-signing article-3-text");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_TREATY)), "treaty-2025");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_PROVISION)), "treaty-2025-no-aid");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_SOURCE)), "report-1");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_THEME)), "diplomacy");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_ERA)), "talks");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_CLAUSE_TYPE)), "no-aid-to-attacker");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_COMPARISON)), "no-aid-to-attacker/treaty-2025");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_TOUR)), "how-it-was-signed");

  /* A tour keeps its own order, not the calendar's. */
  {
    PlTour *tour = PL_TOUR (pl_store_lookup (store, PL_ITEM_KIND_TOUR, "how-it-was-signed"));

    g_assert_nonnull (tour);
    g_assert_cmpstr (tour->title, ==, "How the treaty was signed");
    g_assert_cmpstr (tour->intro, ==, "The signing first, then the talks that led to it.");
    g_assert_cmpuint (tour->events.n_items, ==, 2);
    g_assert_cmpstr (tour->events.items[0]->id, ==, "signing");
    g_assert_cmpstr (tour->events.items[1]->id, ==, "talks-begin");
    g_assert_true (PL_IS_EVENT (tour->events.items[0]));
  }
}

/* A cell of the matrix, its row and column, and its evidence. */
static void
test_comparison (Fixture       *fixture,
                 gconstpointer  data)
{
  PlStore *store = fixture->store;
  PlComparison *cell = pl_store_lookup_comparison (store, "no-aid-to-attacker", "treaty-2025");
  PlClauseType *row = PL_CLAUSE_TYPE (pl_store_lookup (store, PL_ITEM_KIND_CLAUSE_TYPE, "no-aid-to-attacker"));
  PlTreaty *treaty = PL_TREATY (pl_store_lookup (store, PL_ITEM_KIND_TREATY, "treaty-2025"));
  g_autoptr(PlClauseType) row_property = NULL;
  g_autoptr(PlTreaty) treaty_property = NULL;
  g_autofree char *note = NULL;
  g_autofree char *title = NULL;
  PlComparisonValue value;
  PlItemKind kind;

  g_assert_nonnull (cell);
  g_assert_nonnull (row);
  g_assert_true (PL_RECORD (cell) == pl_store_lookup (store, PL_ITEM_KIND_COMPARISON,
                                                      "no-aid-to-attacker/treaty-2025"));
  g_assert_cmpstr (PL_RECORD (cell)->id, ==, "no-aid-to-attacker/treaty-2025");
  g_assert_cmpint (pl_record_get_kind (PL_RECORD (cell)), ==, PL_ITEM_KIND_COMPARISON);
  g_assert_cmpint (pl_record_get_kind (PL_RECORD (row)), ==, PL_ITEM_KIND_CLAUSE_TYPE);

  g_assert_cmpstr (row->title, ==, "No help for an attacker");
  g_assert_cmpstr (row->description, ==, "A party may not support a state that attacks the other party.");

  g_assert_true (cell->clause_type == row);
  g_assert_true (cell->treaty == treaty);
  g_assert_cmpint (cell->value, ==, PL_COMPARISON_VALUE_YES);
  g_assert_cmpstr (cell->note, ==, "Article 3 rules it out in so many words.");
  assert_ids (ids_of_list (&cell->provisions), "treaty-2025-no-aid");
  assert_ids (ids_of_list (&cell->quotes), "article-3-text");
  assert_ids (ids_of_list (&cell->events), "signing");
  assert_ids (ids_of_list (&cell->sources), "report-1");

  g_object_get (cell, "clause-type", &row_property, "treaty", &treaty_property,
                "value", &value, "note", &note, "kind-of-item", &kind, NULL);
  g_assert_true (row_property == row);
  g_assert_true (treaty_property == treaty);
  g_assert_cmpint (value, ==, PL_COMPARISON_VALUE_YES);
  g_assert_cmpstr (note, ==, cell->note);
  g_assert_cmpint (kind, ==, PL_ITEM_KIND_COMPARISON);
  g_object_get (row, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "No help for an attacker");

  g_assert_null (pl_store_lookup_comparison (store, "treaty-2025", "no-aid-to-attacker"));
  g_assert_null (pl_store_lookup_comparison (store, "no-aid-to-attacker", "treaty-2001"));
  g_assert_null (pl_store_lookup_comparison (store, "no-aid-to-attacker", NULL));
  g_assert_null (pl_store_lookup_comparison (store, NULL, "treaty-2025"));
  g_assert_null (pl_store_lookup (store, PL_ITEM_KIND_COMPARISON, "no-aid-to-attacker"));
}

static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  PlStore *store = fixture->store;
  PlEvent *talks = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "talks-begin"));
  PlEvent *signing = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "signing"));
  PlQuote *said = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "president-on-signing"));
  PlQuote *text = PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "article-3-text"));
  PlProvision *provision = PL_PROVISION (pl_store_lookup (store, PL_ITEM_KIND_PROVISION, "treaty-2025-no-aid"));
  PlTreaty *treaty = PL_TREATY (pl_store_lookup (store, PL_ITEM_KIND_TREATY, "treaty-2025"));
  PlEra *era = PL_ERA (pl_store_lookup (store, PL_ITEM_KIND_ERA, "talks"));
  PlActor *president = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "north-president"));
  PlSource *source = PL_SOURCE (pl_store_lookup (store, PL_ITEM_KIND_SOURCE, "report-1"));
  PlTheme *theme = PL_THEME (pl_store_lookup (store, PL_ITEM_KIND_THEME, "diplomacy"));

  g_assert_null (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "north"));
  g_assert_null (pl_store_lookup (store, PL_ITEM_KIND_EVENT, NULL));

  /* The year-only date stays a year: precision is not invented. */
  g_assert_cmpint (talks->start.precision, ==, PL_DATE_PRECISION_YEAR);
  g_assert_cmpint (talks->end.precision, ==, PL_DATE_PRECISION_NONE);
  g_assert_cmpint (talks->certainty, ==, PL_CERTAINTY_REPORTED);
  g_assert_cmpint (talks->kind, ==, PL_EVENT_KIND_MEETING);
  g_assert_cmpstr (talks->date_note, ==, "The source gives only the year.");
  g_assert_cmpstr (talks->summary, ==, "");

  g_assert_cmpint (signing->start.precision, ==, PL_DATE_PRECISION_DAY);
  g_assert_cmpstr (signing->title, ==, "The treaty is signed");
  assert_ids (ids_of_list (&signing->actors), "north south north-president");
  assert_ids (ids_of_list (&signing->themes), "diplomacy");
  assert_ids (ids_of_list (&signing->sources), "report-1");

  g_assert_true (said->speaker == president);
  g_assert_null (said->document);
  g_assert_true (said->source == source);
  g_assert_cmpstr (said->context, ==, "At the signing ceremony.");
  assert_ids (ids_of_list (&said->events), "signing");
  assert_ids (ids_of_list (&said->provisions), "");

  g_assert_null (text->speaker);
  g_assert_true (text->document == treaty);
  assert_ids (ids_of_list (&text->provisions), "treaty-2025-no-aid");

  g_assert_true (provision->treaty == treaty);
  g_assert_cmpint (provision->strength, ==, PL_STRENGTH_BINDING);
  g_assert_cmpstr (provision->area, ==, "security");
  g_assert_cmpstr (provision->article, ==, "Article 3");
  assert_ids (ids_of_list (&provision->themes), "diplomacy");
  assert_ids (ids_of_list (&provision->sources), "report-1");

  assert_ids (ids_of_list (&treaty->parties), "north south");
  g_assert_cmpint (treaty->signed_on.day, ==, 17);

  g_assert_cmpint (era->end.precision, ==, PL_DATE_PRECISION_MONTH);
  g_assert_cmpstr (era->color, ==, "#c0bfbc");
  g_assert_cmpstr (theme->color, ==, "#3584e4");
  g_assert_cmpint (source->kind, ==, PL_SOURCE_KIND_ARTICLE);
  g_assert_cmpint (source->published.month, ==, 1);
  g_assert_cmpint (president->kind, ==, PL_ACTOR_KIND_PERSON);
  g_assert_cmpstr (president->country, ==, "Northland");
}

/* List factories bind to properties; they must mirror the fields. */
static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  PlRecord *signing = pl_store_lookup (fixture->store, PL_ITEM_KIND_EVENT, "signing");
  PlRecord *said = pl_store_lookup (fixture->store, PL_ITEM_KIND_QUOTE, "president-on-signing");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *said_on = NULL;
  g_autoptr(PlActor) speaker = NULL;
  PlCertainty certainty;
  PlItemKind kind;

  g_object_get (signing, "id", &id, "title", &title, "start", &start, "end", &end,
                "certainty", &certainty, "kind-of-item", &kind, NULL);
  g_assert_cmpstr (id, ==, "signing");
  g_assert_cmpstr (title, ==, "The treaty is signed");
  g_assert_cmpstr (start, ==, "2025-01-17");
  g_assert_null (end);
  g_assert_cmpint (certainty, ==, PL_CERTAINTY_CONFIRMED);
  g_assert_cmpint (kind, ==, PL_ITEM_KIND_EVENT);

  g_object_get (said, "speaker", &speaker, "said-on", &said_on, NULL);
  g_assert_cmpstr (PL_RECORD (speaker)->id, ==, "north-president");
  g_assert_cmpstr (said_on, ==, "2025-01-17");
}

static void
test_reverse_links (Fixture       *fixture,
                    gconstpointer  data)
{
  PlStore *store = fixture->store;
  PlActor *north = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "north"));
  PlActor *president = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "north-president"));
  PlEvent *signing = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "signing"));
  PlEvent *talks = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "talks-begin"));
  PlProvision *provision = PL_PROVISION (pl_store_lookup (store, PL_ITEM_KIND_PROVISION, "treaty-2025-no-aid"));
  PlTreaty *treaty = PL_TREATY (pl_store_lookup (store, PL_ITEM_KIND_TREATY, "treaty-2025"));
  PlTheme *theme = PL_THEME (pl_store_lookup (store, PL_ITEM_KIND_THEME, "diplomacy"));
  PlSource *source = PL_SOURCE (pl_store_lookup (store, PL_ITEM_KIND_SOURCE, "report-1"));

  assert_model_ids (pl_store_list_events_for_actor (store, north), "talks-begin signing");
  assert_model_ids (pl_store_list_events_for_actor (store, president), "signing");
  assert_model_ids (pl_store_list_events_for_theme (store, theme), "talks-begin signing");
  assert_model_ids (pl_store_list_events_for_source (store, source), "talks-begin signing");
  assert_model_ids (pl_store_list_quotes_for_event (store, signing), "president-on-signing");
  assert_model_ids (pl_store_list_quotes_for_event (store, talks), "");
  assert_model_ids (pl_store_list_quotes_for_provision (store, provision), "article-3-text");
  assert_model_ids (pl_store_list_quotes_by_speaker (store, president), "president-on-signing");
  assert_model_ids (pl_store_list_quotes_by_speaker (store, north), "");
  assert_model_ids (pl_store_list_provisions_for_treaty (store, treaty), "treaty-2025-no-aid");
  assert_model_ids (pl_store_list_treaties_for_actor (store, north), "treaty-2025");
  assert_model_ids (pl_store_list_treaties_for_actor (store, president), "");
}

/* Chronological by the first day a date covers; at the same first day the
 * coarser date first; ranges by where they end. */
static void
test_event_order (void)
{
  static const char json[] =
    "{\"format\": \"pactline-dataset\", \"format_version\": 1,"
    " \"dataset\": {\"id\": \"order\", \"title\": \"Order\", \"language\": \"en\", \"version\": \"1\"},"
    " \"events\": ["
    "  {\"id\": \"e-2024-06\", \"start\": \"2024-06\", \"title\": \"a\", \"kind\": \"other\", \"certainty\": \"confirmed\"},"
    "  {\"id\": \"e-2024-01-01\", \"start\": \"2024-01-01\", \"title\": \"b\", \"kind\": \"other\", \"certainty\": \"confirmed\"},"
    "  {\"id\": \"e-2024\", \"start\": \"2024\", \"title\": \"c\", \"kind\": \"other\", \"certainty\": \"confirmed\"},"
    "  {\"id\": \"e-2023-12-31\", \"start\": \"2023-12-31\", \"title\": \"d\", \"kind\": \"other\", \"certainty\": \"confirmed\"},"
    "  {\"id\": \"e-2024-01\", \"start\": \"2024-01\", \"title\": \"e\", \"kind\": \"other\", \"certainty\": \"confirmed\"},"
    "  {\"id\": \"e-2024-long\", \"start\": \"2024\", \"end\": \"2026\", \"title\": \"f\", \"kind\": \"other\", \"certainty\": \"confirmed\"},"
    "  {\"id\": \"e-1801\", \"start\": \"1801\", \"end\": \"1900\", \"title\": \"g\", \"kind\": \"conflict\", \"certainty\": \"confirmed\"}"
    " ]}";
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = pl_test_import (dir, "order", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);

  g_assert_no_error (error);
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_EVENT)),
              "e-1801 e-2023-12-31 e-2024 e-2024-long e-2024-01 e-2024-01-01 e-2024-06");

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

/* Every list keeps the order the dataset gives, whatever the order of
 * the ids: the rows of a link table come in the order of their key, and
 * the positions put them back. */
static void
test_link_order (void)
{
  static const char json[] =
    "{\"format\": \"pactline-dataset\", \"format_version\": 1,"
    " \"dataset\": {\"id\": \"links\", \"title\": \"Links\", \"language\": \"en\", \"version\": \"1\"},"
    " \"actors\": ["
    "  {\"id\": \"a\", \"name\": \"A\", \"kind\": \"person\"},"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"person\"},"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"person\"},"
    "  {\"id\": \"d\", \"name\": \"D\", \"kind\": \"person\"}"
    " ],"
    " \"themes\": ["
    "  {\"id\": \"x\", \"name\": \"X\", \"color\": \"#3584e4\"},"
    "  {\"id\": \"y\", \"name\": \"Y\", \"color\": \"#3584e4\"}"
    " ],"
    " \"events\": ["
    "  {\"id\": \"e1\", \"start\": \"2024\", \"title\": \"a\", \"kind\": \"other\", \"certainty\": \"confirmed\","
    "   \"actors\": [\"d\", \"b\", \"c\", \"a\"], \"themes\": [\"y\", \"x\"]},"
    "  {\"id\": \"e2\", \"start\": \"2025\", \"title\": \"b\", \"kind\": \"other\", \"certainty\": \"confirmed\","
    "   \"actors\": [\"c\"], \"themes\": [\"x\", \"y\"]},"
    "  {\"id\": \"e3\", \"start\": \"2026\", \"title\": \"c\", \"kind\": \"other\", \"certainty\": \"confirmed\","
    "   \"actors\": [\"b\", \"d\", \"a\"]}"
    " ]}";
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = pl_test_import (dir, "links", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);
  PlEvent *e1, *e2, *e3;

  g_assert_no_error (error);
  e1 = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "e1"));
  e2 = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "e2"));
  e3 = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "e3"));
  assert_ids (ids_of_list (&e1->actors), "d b c a");
  assert_ids (ids_of_list (&e1->themes), "y x");
  assert_ids (ids_of_list (&e2->actors), "c");
  assert_ids (ids_of_list (&e2->themes), "x y");
  assert_ids (ids_of_list (&e3->actors), "b d a");
  g_assert_cmpuint (e3->themes.n_items, ==, 0);

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

/* A fuller matrix: rows and cells keep the dataset's order, every value
 * and every list lands on its own cell, a pair without a cell has none. */
static void
test_matrix (void)
{
  static const char json[] =
    "{\"format\": \"pactline-dataset\", \"format_version\": 2,"
    " \"dataset\": {\"id\": \"matrix\", \"title\": \"Matrix\", \"language\": \"en\", \"version\": \"1\"},"
    " \"sources\": [{\"id\": \"s1\", \"title\": \"S1\", \"kind\": \"article\"},"
    "               {\"id\": \"s2\", \"title\": \"S2\", \"kind\": \"report\"}],"
    " \"actors\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},"
    "              {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"state\"}],"
    " \"events\": [{\"id\": \"e1\", \"start\": \"2001\", \"title\": \"E1\", \"kind\": \"agreement\", \"certainty\": \"confirmed\"},"
    "              {\"id\": \"e2\", \"start\": \"2024\", \"title\": \"E2\", \"kind\": \"agreement\", \"certainty\": \"confirmed\"}],"
    " \"treaties\": [{\"id\": \"t-old\", \"title\": \"Old\", \"parties\": [\"x\", \"y\"]},"
    "                {\"id\": \"t-new\", \"title\": \"New\", \"parties\": [\"x\"]}],"
    " \"provisions\": [{\"id\": \"p1\", \"treaty\": \"t-new\", \"area\": \"security\", \"title\": \"P1\", \"strength\": \"binding\"},"
    "                  {\"id\": \"p2\", \"treaty\": \"t-new\", \"area\": \"security\", \"title\": \"P2\", \"strength\": \"unknown\"}],"
    " \"quotes\": [{\"id\": \"q1\", \"text\": \"Q1\", \"speaker\": \"x\", \"source\": \"s1\"}],"
    " \"clause_types\": [{\"id\": \"zeta\", \"title\": \"Listed first\"},"
    "                    {\"id\": \"alpha\", \"title\": \"Listed second\", \"description\": \"D\"}],"
    " \"comparisons\": ["
    "  {\"clause_type\": \"alpha\", \"treaty\": \"t-new\", \"value\": \"partial\", \"note\": \"N\","
    "   \"provisions\": [\"p2\", \"p1\"], \"quotes\": [\"q1\"], \"events\": [\"e2\", \"e1\"], \"sources\": [\"s2\", \"s1\"]},"
    "  {\"clause_type\": \"zeta\", \"treaty\": \"t-old\", \"value\": \"unknown\", \"sources\": [\"s1\"]},"
    "  {\"clause_type\": \"zeta\", \"treaty\": \"t-new\", \"value\": \"no\", \"events\": [\"e2\"]},"
    "  {\"clause_type\": \"alpha\", \"treaty\": \"t-old\", \"value\": \"yes\", \"provisions\": [\"p1\"]}"
    " ]}";
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = pl_test_import (dir, "matrix", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);
  PlComparison *cell;

  g_assert_no_error (error);
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_CLAUSE_TYPE)), "zeta alpha");
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_COMPARISON)),
              "alpha/t-new zeta/t-old zeta/t-new alpha/t-old");
  /* The matrix leaves the chronology alone. */
  assert_ids (ids_of (pl_store_get_items (store, PL_ITEM_KIND_EVENT)), "e1 e2");

  cell = pl_store_lookup_comparison (store, "alpha", "t-new");
  g_assert_cmpint (cell->value, ==, PL_COMPARISON_VALUE_PARTIAL);
  g_assert_cmpstr (cell->note, ==, "N");
  g_assert_cmpstr (cell->clause_type->description, ==, "D");
  g_assert_cmpstr (PL_RECORD (cell->treaty)->id, ==, "t-new");
  assert_ids (ids_of_list (&cell->provisions), "p2 p1");
  assert_ids (ids_of_list (&cell->quotes), "q1");
  assert_ids (ids_of_list (&cell->events), "e2 e1");
  assert_ids (ids_of_list (&cell->sources), "s2 s1");

  cell = pl_store_lookup_comparison (store, "zeta", "t-old");
  g_assert_cmpint (cell->value, ==, PL_COMPARISON_VALUE_UNKNOWN);
  g_assert_cmpstr (cell->note, ==, "");
  g_assert_cmpstr (cell->clause_type->description, ==, "");
  assert_ids (ids_of_list (&cell->provisions), "");
  assert_ids (ids_of_list (&cell->quotes), "");
  assert_ids (ids_of_list (&cell->events), "");
  assert_ids (ids_of_list (&cell->sources), "s1");

  cell = pl_store_lookup_comparison (store, "zeta", "t-new");
  g_assert_cmpint (cell->value, ==, PL_COMPARISON_VALUE_NO);
  assert_ids (ids_of_list (&cell->events), "e2");
  assert_ids (ids_of_list (&cell->sources), "");

  cell = pl_store_lookup_comparison (store, "alpha", "t-old");
  g_assert_cmpint (cell->value, ==, PL_COMPARISON_VALUE_YES);
  g_assert_cmpstr (PL_RECORD (cell->clause_type)->id, ==, "alpha");
  g_assert_cmpstr (PL_RECORD (cell->treaty)->id, ==, "t-old");
  assert_ids (ids_of_list (&cell->provisions), "p1");
  assert_ids (ids_of_list (&cell->events), "");

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

/* A version 2 file may leave the matrix out: then it is empty. */
static void
test_no_matrix (void)
{
  static const char json[] =
    "{\"format\": \"pactline-dataset\", \"format_version\": 2,"
    " \"dataset\": {\"id\": \"plain\", \"title\": \"Plain\", \"language\": \"en\", \"version\": \"1\"}}";
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = pl_test_import (dir, "plain", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_CLAUSE_TYPE)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_COMPARISON)), ==, 0);

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* Opening never writes to the dataset file. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) again = NULL;
  g_autoptr(GListModel) results = NULL;

  g_clear_object (&fixture->store);
  before = read_bytes (fixture->path);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  again = pl_store_open (fixture->path, NULL, &error);
  g_assert_no_error (error);
  results = pl_store_search (again, "treaty", 0, &error);
  g_assert_no_error (error);
  g_clear_object (&again);

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
damage (const char *path,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (db, sql, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
}

static void
test_damaged_values (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { const char *sql; const char *message; } cases[] = {
    { "UPDATE event SET start = '2024-13-40' WHERE id = 'signing'",
      "The dataset is damaged: event “signing” has an invalid “start”" },
    { "PRAGMA ignore_check_constraints = ON; UPDATE event SET certainty = 'sure' WHERE id = 'signing'",
      "The dataset is damaged: event “signing” has an invalid “certainty”" },
    { "UPDATE quote SET speaker_id = 'nobody' WHERE id = 'president-on-signing'",
      "The dataset is damaged: quote “president-on-signing” has an invalid “speaker_id”" },
    { "INSERT INTO event_actor VALUES ('signing', 'ghost', 9)",
      "The dataset is damaged: “event_actor” links to an item that does not exist" },
    /* Link tables are read by two threads at once: whichever meets its
     * damage first, the first table in the store's order is the one named. */
    { "INSERT INTO event_source VALUES ('signing', 'ghost', 9);"
      " INSERT INTO tour_event VALUES ('ghost-tour', 'signing', 0);"
      " INSERT INTO event_theme VALUES ('signing', 'ghost', 9)",
      "The dataset is damaged: “event_theme” links to an item that does not exist" },
    { "INSERT INTO tour_event VALUES ('ghost-tour', 'signing', 0)",
      "The dataset is damaged: “tour_event” links to an item that does not exist" },
    { "DELETE FROM dataset WHERE key = 'id'",
      "The dataset has no id in its “dataset” table" },
    { "ALTER TABLE event DROP COLUMN date_note",
      "The “event” table has no “date_note” column, so the file is not a Pactline dataset" },
    { "PRAGMA ignore_check_constraints = ON; UPDATE comparison SET value = 'maybe'",
      "The dataset is damaged: comparison “no-aid-to-attacker/treaty-2025” has an invalid “value”" },
    { "UPDATE comparison SET treaty_id = 'nowhere'",
      "The dataset is damaged: comparison “no-aid-to-attacker/nowhere” has an invalid “treaty_id”" },
    { "UPDATE clause_type SET id = 'renamed'",
      "The dataset is damaged: comparison “no-aid-to-attacker/treaty-2025” has an invalid “clause_type_id”" },
    { "INSERT INTO comparison_quote VALUES ('no-aid-to-attacker', 'treaty-2025', 'ghost', 9)",
      "The dataset is damaged: “comparison_quote” links to an item that does not exist" },
    { "INSERT INTO comparison_event VALUES ('no-aid-to-attacker', 'treaty-2001', 'signing', 0)",
      "The dataset is damaged: “comparison_event” links to an item that does not exist" },
    { "DROP TABLE comparison_source",
      "The file has no “comparison_source” table, so it is not a Pactline dataset" },
    /* A table made elsewhere, without the NOT NULL of ours. */
    { "DROP TABLE comparison; CREATE TABLE comparison (clause_type_id, treaty_id, value, note);"
      " INSERT INTO comparison VALUES ('no-aid-to-attacker', NULL, 'yes', '')",
      "The dataset is damaged: comparison “no-aid-to-attacker/” has an invalid “treaty_id”" },
  };

  g_clear_object (&fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = pl_test_read_example ();
      g_autofree char *name = g_strdup_printf ("damaged-%u", i);
      g_autofree char *path = pl_test_import (fixture->dir, name, json);
      g_autoptr(GError) error = NULL;
      g_autoptr(PlStore) store = NULL;

      damage (path, cases[i].sql);
      store = pl_store_open (path, NULL, &error);
      g_assert_null (store);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* What opening may not change: the file's bytes and time, and what lies
 * next to it. */
typedef struct
{
  GBytes  *bytes;       /* NULL for a directory or a missing file */
  guint64  modified;
  guint32  modified_usec;
} Untouched;

static void
untouched_take (Untouched  *untouched,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, "standard::type,time::modified,time::modified-usec",
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  untouched->bytes = NULL;
  untouched->modified = 0;
  untouched->modified_usec = 0;
  if (info == NULL)
    return;
  untouched->modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  untouched->modified_usec = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    untouched->bytes = read_bytes (path);
}

static void
untouched_assert (Untouched  *before,
                  const char *path)
{
  static const char * const beside[] = { "-journal", "-wal", "-shm" };
  Untouched after;

  untouched_take (&after, path);
  g_assert_cmpuint (after.modified, ==, before->modified);
  g_assert_cmpuint (after.modified_usec, ==, before->modified_usec);
  g_assert_true ((before->bytes == NULL) == (after.bytes == NULL));
  if (before->bytes != NULL)
    g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *other = g_strconcat (path, beside[i], NULL);

      if (g_file_test (other, G_FILE_TEST_EXISTS))
        g_test_message ("created next to the file: %s", other);
      g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    }
  g_clear_pointer (&before->bytes, g_bytes_unref);
  g_clear_pointer (&after.bytes, g_bytes_unref);
}

/* Opens @path, which must be refused with @code of @domain and @message
 * (or a message starting with @prefix), leaving the file as it was. */
static void
assert_refused (const char *path,
                GQuark      domain,
                int         code,
                const char *message,
                const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  Untouched before;

  untouched_take (&before, path);
  store = pl_store_open (path, NULL, &error);
  g_test_message ("%s: %s", path, error != NULL ? error->message : "(opened)");
  g_assert_null (store);
  g_assert_error (error, domain, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  if (prefix != NULL)
    g_assert_true (g_str_has_prefix (error->message, prefix));
  untouched_assert (&before, path);
}

static char *
write_bytes (const char *dir,
             const char *name,
             GBytes     *bytes,
             gsize       length)
{
  g_assert_cmpuint (length, <=, g_bytes_get_size (bytes));
  return pl_test_write_file (dir, name, g_bytes_get_data (bytes, NULL), (gssize) length);
}

static int
single_int (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Files that are not datasets, or damaged ones, each get a message that
 * says what is wrong, and are left as they were. */
static void
test_foreign_files (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *good = pl_test_import (dir, "example", json);
  g_autoptr(GBytes) bytes = read_bytes (good);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);
  int page_size = single_int (good, "PRAGMA page_size");
  int event_page = single_int (good, "SELECT rootpage FROM sqlite_schema WHERE name = 'event'");
  gsize half = (size / (gsize) page_size / 2) * (gsize) page_size;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree guint8 *scrambled = g_memdup2 (data, size);
  g_autofree char *directory = g_build_filename (dir, "folder.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *empty = pl_test_write_file (dir, "empty.sqlite", "", 0);
  g_autofree char *text = pl_test_write_file (dir, "text.sqlite", "plain text, not a database at all", -1);
  g_autofree char *short_header = write_bytes (dir, "short-header.sqlite", bytes, 60);
  g_autofree char *at_page = write_bytes (dir, "at-page.sqlite", bytes, half);
  g_autofree char *off_page = write_bytes (dir, "off-page.sqlite", bytes, half + 1);
  g_autofree char *bad_header = NULL;
  g_autofree char *random_pages = NULL;
  g_autofree char *bad_page = NULL;
  g_autofree char *half_size = g_format_size (half);
  g_autofree char *off_size = g_format_size (half + 1);
  g_autofree char *full_size = g_format_size (size);
  g_autofree char *truncated = g_strdup_printf ("The file is truncated: it is %s long, but its header says %s", half_size, full_size);
  g_autofree char *truncated_off = g_strdup_printf ("The file is truncated: it is %s long, but its header says %s", off_size, full_size);
  g_autofree char *foreign = NULL;
  const char *versions[] = { "PRAGMA user_version = 0", "PRAGMA user_version = -3", "PRAGMA user_version = 5" };
  char *version_paths[G_N_ELEMENTS (versions)] = { NULL };
  g_autofree char *view = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir (directory, 0700), ==, 0);

  /* The magic string and then noise, with a page size no file has. */
  for (gsize i = 16; i < size; i++)
    scrambled[i] = (guint8) g_rand_int_range (rand, 0, 256);
  scrambled[16] = 0x12;
  scrambled[17] = 0x34;
  bad_header = pl_test_write_file (dir, "bad-header.sqlite", (const char *) scrambled, (gssize) size);

  /* A valid header and then noise. */
  memcpy (scrambled, data, 100);
  random_pages = pl_test_write_file (dir, "random-pages.sqlite", (const char *) scrambled, (gssize) size);

  /* A page of the events overwritten, all but its first bytes. */
  memcpy (scrambled, data, size);
  g_assert_cmpint (event_page, >, 1);
  memset (scrambled + (gsize) (event_page - 1) * (gsize) page_size + 8, 0xa5, (gsize) page_size - 16);
  bad_page = pl_test_write_file (dir, "bad-page.sqlite", (const char *) scrambled, (gssize) size);

  /* Someone else's database, at our version. */
  foreign = g_build_filename (dir, "foreign.sqlite", NULL);
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                                     "INSERT INTO notes (text) VALUES ('hello');"
                                     "PRAGMA user_version = 4", NULL));
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *name = g_strdup_printf ("version-%u", i);

      version_paths[i] = pl_test_import (dir, name, json);
      damage (version_paths[i], versions[i]);
    }

  /* A view where a table should be: it could compute anything. */
  view = pl_test_import (dir, "view", json);
  damage (view, "DROP TABLE theme;"
                "CREATE VIEW theme AS WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                " SELECT 'x' || i AS id, 'Name' AS name, '#000000' AS color FROM n");

  assert_refused (missing, G_FILE_ERROR, G_FILE_ERROR_NOENT, NULL, "The file could not be read: ");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  assert_refused (directory, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                  "This is a folder, not a dataset file", NULL);
  assert_refused ("/dev/null", PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "This is not a regular file, so it is not a dataset", NULL);
  assert_refused (empty, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "The file is empty, so it is not a dataset", NULL);
  assert_refused (text, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "The file is not an SQLite database", NULL);
  assert_refused (short_header, PL_ERROR, PL_ERROR_CORRUPT,
                  "The file is damaged: its SQLite header is incomplete or invalid", NULL);
  assert_refused (bad_header, PL_ERROR, PL_ERROR_CORRUPT,
                  "The file is damaged: its SQLite header is incomplete or invalid", NULL);
  assert_refused (random_pages, PL_ERROR, PL_ERROR_CORRUPT,
                  NULL, "The file is damaged: ");
  assert_refused (at_page, PL_ERROR, PL_ERROR_CORRUPT, truncated, NULL);
  assert_refused (off_page, PL_ERROR, PL_ERROR_CORRUPT, truncated_off, NULL);
  assert_refused (bad_page, PL_ERROR, PL_ERROR_CORRUPT,
                  NULL, "The file is damaged: SQLite’s check reports “");
  assert_refused (foreign, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "The file has no “dataset” table, so it is not a Pactline dataset", NULL);
  assert_refused (version_paths[0], PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "The file is an SQLite database but not a Pactline dataset (it has no schema version)", NULL);
  assert_refused (version_paths[1], PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "The file is an SQLite database but not a Pactline dataset (its schema version is -3)", NULL);
  assert_refused (version_paths[2], PL_ERROR, PL_ERROR_TOO_NEW,
                  "This file uses version 5 of its format, but this version of Pactline reads up to version 4. Update Pactline to open it.", NULL);
  assert_refused (view, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                  "The file’s “theme” is not a table, so it is not a Pactline dataset", NULL);

  /* The good file is still good. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PlStore) store = pl_store_open (good, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    g_free (version_paths[i]);
  pl_test_rmdir (dir);
}

/* Files that are fine, though they look unusual to SQLite. */
static void
test_unusual_files (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *good = pl_test_import (dir, "example", json);
  g_autoptr(GBytes) bytes = read_bytes (good);
  const char *names[] = { "a <b> & c.sqlite", "what?#%41 ü.sqlite", "file:x.sqlite" };
  g_autofree char *wal = pl_test_import (dir, "wal", json);
  g_autofree char *wal_log = g_strconcat (wal, "-wal", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  sqlite3 *writer = NULL;

  /* Odd names, absolute and relative. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = write_bytes (dir, names[i], bytes, g_bytes_get_size (bytes));
      g_autoptr(GError) error = NULL;
      g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);
      g_autoptr(PlStore) relative = NULL;
      Untouched before;

      g_assert_no_error (error);
      g_assert_nonnull (store);
      untouched_take (&before, path);
      relative = pl_store_open (names[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (relative);
      g_clear_object (&relative);
      untouched_assert (&before, path);
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  /* A file in WAL mode without its "-wal" holds all its data; it is read
   * without creating anything next to it. */
  g_assert_cmpint (sqlite3_open (wal, &writer), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (writer, "PRAGMA journal_mode = WAL", NULL));
  sqlite3_close (writer);
  g_assert_false (g_file_test (wal_log, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PlStore) store = NULL;
    Untouched before;

    untouched_take (&before, wal);
    store = pl_store_open (wal, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
    g_clear_object (&store);
    untouched_assert (&before, wal);
  }

  /* With a writer still at work, what it committed is read. */
  g_assert_cmpint (sqlite3_open (wal, &writer), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (writer, "PRAGMA wal_autocheckpoint = 0;"
                                         "UPDATE dataset SET value = 'Changed' WHERE key = 'title'", NULL));
  g_assert_true (g_file_test (wal_log, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PlStore) store = pl_store_open (wal, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
    g_assert_cmpstr (pl_store_get_title (store), ==, "Changed");
  }
  sqlite3_close (writer);

  pl_test_rmdir (dir);
}

/* A file another program left in the middle of a change, with the
 * "-journal" that undoes it: only a writer may undo it, so it is refused,
 * and both files are left as they were. */
static void
test_unfinished_change (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *json = pl_test_read_example ();
  g_autofree char *path = pl_test_import (dir, "example", json);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *hot = g_build_filename (dir, "hot.sqlite", NULL);
  g_autofree char *hot_journal = g_strconcat (hot, "-journal", NULL);
  g_autoptr(GBytes) journal_bytes = NULL;
  g_autoptr(GBytes) journal_after = NULL;
  g_autoptr(GBytes) db_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GBytes) db_after = NULL;
  sqlite3 *writer = NULL;

  /* A change big enough to reach the file before it is committed; the
   * copies are what a writer that stopped there leaves. */
  g_assert_cmpint (sqlite3_open (path, &writer), ==, SQLITE_OK);
  g_assert_true (pl_sqlite_exec (writer, "PRAGMA cache_size = 1; BEGIN;"
                                         "UPDATE event SET title = title || ' (changed)';"
                                         "INSERT INTO dataset SELECT 'filler-' || i, hex (randomblob (500)) FROM"
                                         " (WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 5000)"
                                         " SELECT i FROM n)", NULL));
  db_bytes = read_bytes (path);
  journal_bytes = read_bytes (journal);
  g_assert_true (pl_sqlite_exec (writer, "ROLLBACK", NULL));
  sqlite3_close (writer);
  g_free (write_bytes (dir, "hot.sqlite", db_bytes, g_bytes_get_size (db_bytes)));
  g_free (write_bytes (dir, "hot.sqlite-journal", journal_bytes, g_bytes_get_size (journal_bytes)));

  store = pl_store_open (hot, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PL_ERROR, PL_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, "The file holds a change another program did not finish (its “-journal” file lies next to it). Open the file once in that program or in the sqlite3 tool, which undoes the change.");

  db_after = read_bytes (hot);
  journal_after = read_bytes (hot_journal);
  g_assert_true (g_bytes_equal (db_bytes, db_after));
  g_assert_true (g_bytes_equal (journal_bytes, journal_after));

  pl_test_rmdir (dir);
}

/* A file we may not read says so. */
static void
test_unreadable_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads every file");
      return;
    }

  dir = pl_test_mkdtemp ();
  json = pl_test_read_example ();
  path = pl_test_import (dir, "example", json);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_refused (path, G_FILE_ERROR, G_FILE_ERROR_ACCES, NULL, "The file could not be read: ");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  pl_test_rmdir (dir);
}

/* Text that is not UTF-8 is repaired, never handed on to widgets as is. */
static void
test_invalid_utf8_repaired (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  PlEvent *signing;

  g_clear_object (&fixture->store);
  damage (fixture->path, "UPDATE event SET title = CAST(X'4f6bff21' AS TEXT) WHERE id = 'signing'");
  store = pl_store_open (fixture->path, NULL, &error);
  g_assert_no_error (error);

  signing = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "signing"));
  g_assert_true (g_utf8_validate (signing->title, -1, NULL));
  g_assert_cmpstr (signing->title, ==, "Ok\xef\xbf\xbd!");
}

/* Many events sharing actors and themes: every link lands on the right
 * record when the link tables are read in bulk. */
static void
test_many_events (void)
{
  const guint n_events = 20000;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  GListModel *events;
  guint32 previous = 0;

  g_string_append (json, "{\"format\": \"pactline-dataset\", \"format_version\": 1,"
                         " \"dataset\": {\"id\": \"many\", \"title\": \"Many\", \"language\": \"en\", \"version\": \"1\"},"
                         " \"actors\": [");
  for (guint a = 0; a < 50; a++)
    g_string_append_printf (json, "%s{\"id\": \"a%u\", \"name\": \"Actor %u\", \"kind\": \"person\"}", a ? "," : "", a, a);
  g_string_append (json, "], \"themes\": [");
  for (guint t = 0; t < 8; t++)
    g_string_append_printf (json, "%s{\"id\": \"t%u\", \"name\": \"Theme %u\", \"color\": \"#3584e4\"}", t ? "," : "", t, t);
  g_string_append (json, "], \"events\": [");
  for (guint e = 0; e < n_events; e++)
    g_string_append_printf (json,
                            "%s{\"id\": \"e%u\", \"start\": \"%04u-%02u-%02u\", \"title\": \"Event %u\","
                            " \"kind\": \"other\", \"certainty\": \"reported\","
                            " \"actors\": [\"a%u\", \"a%u\"], \"themes\": [\"t%u\"]}",
                            e ? "," : "", e, 1990 + (e * 7919) % 40, 1 + e % 12, 1 + e % 28, e,
                            e % 50, (e + 1) % 50, e % 8);
  g_string_append (json, "]}");

  path = pl_test_import (dir, "many", json->str);
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);

  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n_events);

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      guint e = (guint) g_ascii_strtoull (PL_RECORD (event)->id + 1, NULL, 10);
      g_autofree char *a0 = g_strdup_printf ("a%u", e % 50);
      g_autofree char *a1 = g_strdup_printf ("a%u", (e + 1) % 50);
      g_autofree char *t = g_strdup_printf ("t%u", e % 8);
      guint32 first, last;

      g_assert_cmpuint (event->actors.n_items, ==, 2);
      g_assert_cmpstr (event->actors.items[0]->id, ==, a0);
      g_assert_cmpstr (event->actors.items[1]->id, ==, a1);
      g_assert_cmpuint (event->themes.n_items, ==, 1);
      g_assert_cmpstr (event->themes.items[0]->id, ==, t);

      g_assert_true (pl_date_get_span (&event->start, &first, &last));
      g_assert_cmpuint (first, >=, previous);
      previous = first;
    }

  {
    PlActor *a7 = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "a7"));
    g_autoptr(GListModel) of_a7 = pl_store_list_events_for_actor (store, a7);

    /* e ≡ 7 or e ≡ 6 (mod 50). */
    g_assert_cmpuint (g_list_model_get_n_items (of_a7), ==, 2 * n_events / 50);
  }

  g_clear_object (&store);
  pl_test_rmdir (dir);
}

/* The events as arrays by position, and each event's actors, themes and
 * sources as arrays of links, say what the events themselves say; the
 * links may be asked for from two threads at once. */
static gpointer
peek_actor_links (gpointer data)
{
  const guint32 *offsets, *links;

  pl_store_peek_event_links (data, PL_ITEM_KIND_ACTOR, &offsets, &links);
  return (gpointer) links;
}

/* The bundled dataset, or NULL with the test skipped when it is not built. */
static PlStore *
open_bundled (void)
{
  const char *dir = g_getenv ("PACTLINE_DATASET_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  PlStore *store;

  if (dir == NULL)
    {
      g_test_skip ("PACTLINE_DATASET_DIR is not set");
      return NULL;
    }

  path = g_build_filename (dir, "russia-iran-2025.sqlite", NULL);
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_event_arrays (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  GListModel *events;
  PlEvent * const *peeked;
  const float *first_days, *end_days;
  static const PlItemKind kinds[] = { PL_ITEM_KIND_ACTOR, PL_ITEM_KIND_THEME, PL_ITEM_KIND_SOURCE };
  GThread *other;
  const guint32 *offsets, *links;
  guint n = 0;

  if (store == NULL)
    return;
  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);

  other = g_thread_new ("links", peek_actor_links, store);
  pl_store_peek_event_links (store, PL_ITEM_KIND_ACTOR, &offsets, &links);
  g_assert_true (g_thread_join (other) == links);

  peeked = pl_store_peek_events (store, &first_days, &end_days, &n);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (events));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      guint32 first = 0, last = 0, end_last = 0;

      g_assert_true (peeked[i] == event);
      g_assert_true (pl_date_get_span (&event->start, &first, &last));
      if (pl_date_get_span (&event->end, NULL, &end_last))
        last = MAX (last, end_last);
      g_assert_cmpfloat (first_days[i], ==, first);
      g_assert_cmpfloat (end_days[i], ==, last + 1);
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *records = pl_store_get_items (store, kinds[k]);

      pl_store_peek_event_links (store, kinds[k], &offsets, &links);
      g_assert_cmpuint (offsets[0], ==, 0);
      for (guint i = 0; i < n; i++)
        {
          const PlRecordList *list = kinds[k] == PL_ITEM_KIND_ACTOR ? &peeked[i]->actors
                                     : kinds[k] == PL_ITEM_KIND_THEME ? &peeked[i]->themes
                                     : &peeked[i]->sources;

          g_assert_cmpuint (offsets[i + 1] - offsets[i], ==, list->n_items);
          for (guint l = 0; l < list->n_items; l++)
            {
              g_autoptr(PlRecord) record = g_list_model_get_item (records, links[offsets[i] + l]);
              g_assert_true (record == list->items[l]);
            }
        }
      g_assert_cmpuint (offsets[n], >, 0);
    }
}

/* The bundled dataset opens, and keeps the content rules that can be
 * checked by machine: every event, provision and quote names a source. */
static void
test_bundled_dataset (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  g_autoptr(GError) error = NULL;
  GListModel *events, *quotes, *provisions;

  if (store == NULL)
    return;
  g_assert_cmpstr (pl_store_get_dataset_id (store), ==, "russia-iran-2025");

  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  quotes = pl_store_get_items (store, PL_ITEM_KIND_QUOTE);
  provisions = pl_store_get_items (store, PL_ITEM_KIND_PROVISION);
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 60);
  g_assert_cmpuint (g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_ACTOR)), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (provisions), >=, 20);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      if (event->sources.n_items == 0)
        g_test_message ("event %s has no source", PL_RECORD (event)->id);
      g_assert_cmpuint (event->sources.n_items, >, 0);
    }
  for (guint i = 0; i < g_list_model_get_n_items (provisions); i++)
    {
      g_autoptr(PlProvision) provision = g_list_model_get_item (provisions, i);
      g_assert_cmpuint (provision->sources.n_items, >, 0);
    }
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);
      g_assert_nonnull (quote->source);
      g_assert_true (quote->speaker != NULL || quote->document != NULL);
    }

  /* The comparison matrix: every clause type has a cell for each of the six
   * treaties DESIGN.md names, and every cell has its row and column. */
  {
    static const char * const treaties[] = {
      "cspt-2025", "treaty-2001", "russia-dprk-2024", "russia-belarus-2024",
      "iran-china-2021", "iran-venezuela-2022",
    };
    GListModel *rows = pl_store_get_items (store, PL_ITEM_KIND_CLAUSE_TYPE);
    GListModel *cells = pl_store_get_items (store, PL_ITEM_KIND_COMPARISON);
    guint n_rows = g_list_model_get_n_items (rows);

    g_assert_cmpuint (n_rows, >=, 5);
    g_assert_cmpuint (g_list_model_get_n_items (cells), ==, n_rows * G_N_ELEMENTS (treaties));
    for (guint i = 0; i < n_rows; i++)
      {
        g_autoptr(PlClauseType) row = g_list_model_get_item (rows, i);

        for (guint t = 0; t < G_N_ELEMENTS (treaties); t++)
          {
            PlComparison *cell = pl_store_lookup_comparison (store, PL_RECORD (row)->id, treaties[t]);

            if (cell == NULL)
              g_test_message ("no cell for %s × %s", PL_RECORD (row)->id, treaties[t]);
            g_assert_nonnull (cell);
            g_assert_true (cell->clause_type == row);
            g_assert_cmpstr (PL_RECORD (cell->treaty)->id, ==, treaties[t]);
            g_assert_cmpuint (cell->sources.n_items, >, 0);
          }
      }
  }

  /* The treaty at the heart of the dataset is found by a search. */
  {
    g_autoptr(GListModel) found = pl_store_search (store, "Comprehensive Strategic Partnership", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (found), >, 0);
  }
}

/* The share of @path's pages in the page cache, in percent. */
static guint
percent_cached (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  GStatBuf file_stat;
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  g_autofree unsigned char *pages = NULL;
  gsize n_pages, n_cached = 0;
  void *map;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fstat (fd, &file_stat), ==, 0);
  n_pages = ((gsize) file_stat.st_size + page - 1) / page;
  map = mmap (NULL, (gsize) file_stat.st_size, PROT_READ, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  pages = g_malloc (n_pages);
  g_assert_cmpint (mincore (map, (gsize) file_stat.st_size, pages), ==, 0);
  for (gsize i = 0; i < n_pages; i++)
    n_cached += pages[i] & 1;
  munmap (map, (gsize) file_stat.st_size);
  g_close (fd, NULL);

  return (guint) (n_cached * 100 / n_pages);
}

/* Written to the disk, then dropped from the page cache. */
static gboolean
evict (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  g_assert_cmpint (fd, >=, 0);
  ok = fsync (fd) == 0 && posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
  g_close (fd, NULL);
  return ok && percent_cached (path) < 10;
}

/* Opening a dataset reads its file ahead, in order (pl-read-ahead.c):
 * a file out of the page cache is back in it without anyone reading it. */
static void
test_read_ahead (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "file", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *bytes = g_malloc (32 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  PlReadAhead *read_ahead;
  guint percent = 0;

  memset (bytes, 'p', 32 * 1024 * 1024);
  g_file_set_contents (path, bytes, 32 * 1024 * 1024, &error);
  g_assert_no_error (error);
  g_assert_null (pl_read_ahead_start (missing));
  g_assert_null (pl_read_ahead_start (dir));

  if (!evict (path))
    {
      g_test_skip ("The page cache keeps this file whatever it is told (a file system in memory?)");
      pl_test_rmdir (dir);
      return;
    }

  read_ahead = pl_read_ahead_start (path);
  g_assert_nonnull (read_ahead);
  pl_read_ahead_finish (read_ahead, FALSE);
  /* The kernel may still be reading what it was asked for. */
  for (guint i = 0; i < 1000 && (percent = percent_cached (path)) < 100; i++)
    g_usleep (10 * 1000);
  g_assert_cmpuint (percent, ==, 100);

  /* Stopped at once, it ends without reading the whole. */
  g_assert_true (evict (path));
  read_ahead = pl_read_ahead_start (path);
  g_assert_nonnull (read_ahead);
  pl_read_ahead_finish (read_ahead, TRUE);

  pl_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/metadata-and-counts", test_metadata_and_counts);
  ADD ("/store/records", test_records);
  ADD ("/store/properties", test_properties);
  ADD ("/store/reverse-links", test_reverse_links);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/damaged-values", test_damaged_values);
  ADD ("/store/invalid-utf8-repaired", test_invalid_utf8_repaired);
  ADD ("/store/comparison", test_comparison);
#undef ADD
  g_test_add_func ("/store/matrix", test_matrix);
  g_test_add_func ("/store/no-matrix", test_no_matrix);
  g_test_add_func ("/store/event-order", test_event_order);
  g_test_add_func ("/store/link-order", test_link_order);
  g_test_add_func ("/store/many-events", test_many_events);
  g_test_add_func ("/store/bundled-dataset", test_bundled_dataset);
  g_test_add_func ("/store/event-arrays", test_event_arrays);
  g_test_add_func ("/store/foreign-files", test_foreign_files);
  g_test_add_func ("/store/unusual-files", test_unusual_files);
  g_test_add_func ("/store/unreadable-file", test_unreadable_file);
  g_test_add_func ("/store/unfinished-change", test_unfinished_change);
  g_test_add_func ("/store/read-ahead", test_read_ahead);

  return g_test_run ();
}
