/* test-filter.c — the filter model: text, dates, facets, counts and signals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "pl-filter.h"
#include "pl-filter-private.h"
#include "pl-notebook.h"
#include "pl-store.h"
#include "pl-test-util.h"

/* A small story whose every answer can be worked out by hand.  Written with
 * ' for " so it stays readable; no text here needs an apostrophe.
 *
 *  event  start               kind       certainty  actors                          themes                  sources
 *  e1     2019                meeting    reported   russia iran                     energy                  a
 *  e2     2020-03-05          agreement  confirmed  russia iran putin               security                a
 *  e3     2021-06             economic   confirmed  iran                            trade                   b
 *  e4     2022-01-10          meeting    confirmed  putin iran                      security trade          a b
 *  e5     2023-07-01..09-30   economic   planned    russia                          energy                  b
 *  e6     2024-08-20          statement  confirmed  pezeshkian                      security                b
 *  e7     2025-01-17          agreement  confirmed  russia iran putin pezeshkian    security energy trade   a
 *  e8     2025-05-05          military   disputed   iran                            security                b
 *
 * Peskov speaks a quote but is in no event; Guterres is in neither. */
static const char story_json[] =
  "{'format': 'pactline-dataset', 'format_version': 1,"
  " 'dataset': {'id': 'story', 'title': 'A story', 'language': 'en', 'version': '1'},"
  " 'sources': ["
  "  {'id': 'a', 'title': 'Alpha Gazette report', 'kind': 'article'},"
  "  {'id': 'b', 'title': 'Beta Wire dispatch', 'kind': 'article'}"
  " ],"
  " 'actors': ["
  "  {'id': 'russia', 'name': 'Russia', 'kind': 'state'},"
  "  {'id': 'iran', 'name': 'Iran', 'kind': 'state'},"
  "  {'id': 'putin', 'name': 'Vladimir Putin', 'kind': 'person', 'role': 'Kremlin leader'},"
  "  {'id': 'pezeshkian', 'name': 'Masoud Pezeshkian', 'kind': 'person', 'role': 'Tehran leader'},"
  "  {'id': 'peskov', 'name': 'Dmitry Peskov', 'kind': 'person', 'role': 'Spokesman'},"
  "  {'id': 'guterres', 'name': 'Antonio Guterres', 'kind': 'person', 'role': 'Observer',"
  "   'summary': 'Watches from New York.'}"
  " ],"
  " 'themes': ["
  "  {'id': 'energy', 'name': 'Energy', 'color': '#3584e4'},"
  "  {'id': 'security', 'name': 'Security', 'color': '#e01b24'},"
  "  {'id': 'trade', 'name': 'Trade', 'color': '#33d17a'}"
  " ],"
  " 'events': ["
  "  {'id': 'e1', 'start': '2019', 'title': 'Gas talks open', 'kind': 'meeting', 'certainty': 'reported',"
  "   'actors': ['russia', 'iran'], 'themes': ['energy'], 'sources': ['a']},"
  "  {'id': 'e2', 'start': '2020-03-05', 'title': 'Arms deal signed', 'kind': 'agreement', 'certainty': 'confirmed',"
  "   'actors': ['russia', 'iran', 'putin'], 'themes': ['security'], 'sources': ['a']},"
  "  {'id': 'e3', 'start': '2021-06', 'title': 'Bazaar forum held', 'kind': 'economic', 'certainty': 'confirmed',"
  "   'actors': ['iran'], 'themes': ['trade'], 'sources': ['b']},"
  "  {'id': 'e4', 'start': '2022-01-10', 'title': 'A state visit', 'summary': 'Talks over dinner.',"
  "   'kind': 'meeting', 'certainty': 'confirmed',"
  "   'actors': ['putin', 'iran'], 'themes': ['security', 'trade'], 'sources': ['a', 'b']},"
  "  {'id': 'e5', 'start': '2023-07-01', 'end': '2023-09-30', 'title': 'Pipeline survey', 'kind': 'economic',"
  "   'certainty': 'planned', 'actors': ['russia'], 'themes': ['energy'], 'sources': ['b']},"
  "  {'id': 'e6', 'start': '2024-08-20', 'title': 'Statement on drones', 'kind': 'statement', 'certainty': 'confirmed',"
  "   'actors': ['pezeshkian'], 'themes': ['security'], 'sources': ['b']},"
  "  {'id': 'e7', 'start': '2025-01-17', 'title': 'Treaty signed in Moscow', 'kind': 'agreement', 'certainty': 'confirmed',"
  "   'actors': ['russia', 'iran', 'putin', 'pezeshkian'], 'themes': ['security', 'energy', 'trade'], 'sources': ['a']},"
  "  {'id': 'e8', 'start': '2025-05-05', 'title': 'Disputed shipment', 'kind': 'military', 'certainty': 'disputed',"
  "   'actors': ['iran'], 'themes': ['security'], 'sources': ['b']}"
  " ],"
  " 'treaties': ["
  "  {'id': 't1', 'title': 'Comprehensive Partnership Treaty', 'parties': ['russia', 'iran'], 'signed': '2025-01-17'},"
  "  {'id': 't2', 'title': 'Caspian Accord', 'parties': ['russia']}"
  " ],"
  " 'provisions': ["
  "  {'id': 'p1', 'treaty': 't1', 'area': 'energy', 'title': 'Energy projects',"
  "   'summary': 'Joint work on gas fields.', 'strength': 'binding', 'themes': ['energy'], 'sources': ['a']},"
  "  {'id': 'p2', 'treaty': 't2', 'area': 'trade', 'title': 'Fishing quotas',"
  "   'text': 'Each party may fish sturgeon.', 'strength': 'unknown', 'themes': ['trade'], 'sources': ['b']}"
  " ],"
  " 'quotes': ["
  "  {'id': 'q1', 'text': 'We stand together.', 'speaker': 'putin', 'source': 'a', 'said_on': '2022-01-10',"
  "   'events': ['e4']},"
  "  {'id': 'q2', 'text': 'The zirconium contracts are ready.', 'speaker': 'peskov', 'source': 'b',"
  "   'events': ['e3']},"
  "  {'id': 'q3', 'text': 'The Parties shall cooperate closely.', 'document': 't1', 'source': 'a',"
  "   'said_on': '2025-01-17', 'provisions': ['p1']},"
  "  {'id': 'q4', 'text': 'No drones were sent.', 'speaker': 'pezeshkian', 'source': 'b', 'said_on': '2024-08-20'}"
  " ]}";

#define ALL_EVENTS "e1 e2 e3 e4 e5 e6 e7 e8"

typedef struct
{
  char     *dir;
  PlStore  *store;
  PlFilter *filter;
  guint     n_changed;
  guint     n_items_changed;
  guint     n_notify_n_events;
  guint     n_notify_text;
} Fixture;

static void
on_changed (PlFilter *filter,
            Fixture  *fixture)
{
  fixture->n_changed++;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_items_changed++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Fixture    *fixture)
{
  if (g_str_equal (pspec->name, "n-events"))
    fixture->n_notify_n_events++;
  else if (g_str_equal (pspec->name, "text"))
    fixture->n_notify_text++;
}

static PlStore *
open_story (const char *dir)
{
  g_autofree char *json = g_strdelimit (g_strdup (story_json), "'", '"');
  g_autofree char *path = pl_test_import (dir, "story", json);
  g_autoptr(GError) error = NULL;
  PlStore *store = pl_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pl_test_mkdtemp ();
  fixture->store = open_story (fixture->dir);
  fixture->filter = pl_filter_new (fixture->store);
  g_signal_connect (fixture->filter, "changed", G_CALLBACK (on_changed), fixture);
  g_signal_connect (fixture->filter, "notify", G_CALLBACK (on_notify), fixture);
  g_signal_connect (pl_filter_get_events (fixture->filter), "items-changed",
                    G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->store);
  pl_test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
reset_counters (Fixture *fixture)
{
  fixture->n_changed = 0;
  fixture->n_items_changed = 0;
  fixture->n_notify_n_events = 0;
  fixture->n_notify_text = 0;
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

/* The items of @kind that pl_filter_match_*() accepts, in store order. */
static char *
matching_ids (PlFilter   *filter,
              PlItemKind  kind)
{
  GListModel *items = pl_store_get_items (pl_filter_get_store (filter), kind);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PlRecord) record = g_list_model_get_item (items, i);
      gboolean match;

      switch (kind)
        {
        case PL_ITEM_KIND_EVENT:
          match = pl_filter_match_event (filter, PL_EVENT (record));
          break;
        case PL_ITEM_KIND_QUOTE:
          match = pl_filter_match_quote (filter, PL_QUOTE (record));
          break;
        case PL_ITEM_KIND_ACTOR:
          match = pl_filter_match_actor (filter, PL_ACTOR (record));
          break;
        case PL_ITEM_KIND_PROVISION:
          match = pl_filter_match_provision (filter, PL_PROVISION (record));
          break;
        case PL_ITEM_KIND_TREATY:
        case PL_ITEM_KIND_SOURCE:
        case PL_ITEM_KIND_THEME:
        case PL_ITEM_KIND_ERA:
        default:
          g_assert_not_reached ();
        }
      if (match)
        g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", record->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The events model, pl_filter_match_event(), n-events and the property
 * must always tell the same story. */
#define assert_events(filter, expected) G_STMT_START { \
  g_autofree char *_model = ids_of (pl_filter_get_events (filter)); \
  g_autofree char *_matching = matching_ids ((filter), PL_ITEM_KIND_EVENT); \
  guint _n_property = 0; \
  g_object_get ((filter), "n-events", &_n_property, NULL); \
  g_assert_cmpstr (_model, ==, (expected)); \
  g_assert_cmpstr (_matching, ==, (expected)); \
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, \
                    g_list_model_get_n_items (pl_filter_get_events (filter))); \
  g_assert_cmpuint (_n_property, ==, pl_filter_get_n_events (filter)); \
} G_STMT_END

#define assert_matching(filter, kind, expected) G_STMT_START { \
  g_autofree char *_ids = matching_ids ((filter), (kind)); \
  g_assert_cmpstr (_ids, ==, (expected)); \
} G_STMT_END

static double
day (const char *iso)
{
  PlDate date;
  guint32 first;

  g_assert_true (pl_date_parse (iso, &date));
  g_assert_true (pl_date_get_span (&date, &first, NULL));
  return first;
}

/* ------------------------------------------------------------------ */

static void
test_nothing_restricts (Fixture       *fixture,
                        gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  g_auto(GStrv) values = pl_filter_dup_values (filter, PL_FACET_ACTOR);

  g_assert_true (pl_filter_get_store (filter) == fixture->store);
  g_assert_true (pl_filter_is_empty (filter));
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "");
  g_assert_false (pl_filter_get_date_range (filter, NULL, NULL));
  g_assert_cmpuint (g_strv_length (values), ==, 0);
  assert_events (filter, ALL_EVENTS);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q2 q3 q4");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian peskov guterres");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1 p2");
  g_assert_true (g_list_model_get_item_type (pl_filter_get_events (filter)) == PL_TYPE_EVENT);
}

static void
test_each_facet_alone (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct { PlFacet facet; const char *value; const char *events; } cases[] = {
    { PL_FACET_ACTOR, "putin", "e2 e4 e7" },
    { PL_FACET_ACTOR, "pezeshkian", "e6 e7" },
    { PL_FACET_ACTOR, "peskov", "" },
    { PL_FACET_THEME, "energy", "e1 e5 e7" },
    { PL_FACET_THEME, "trade", "e3 e4 e7" },
    { PL_FACET_SOURCE, "a", "e1 e2 e4 e7" },
    { PL_FACET_SOURCE, "b", "e3 e4 e5 e6 e8" },
    { PL_FACET_EVENT_KIND, "meeting", "e1 e4" },
    { PL_FACET_EVENT_KIND, "military", "e8" },
    { PL_FACET_EVENT_KIND, "protest", "" },
    { PL_FACET_CERTAINTY, "confirmed", "e2 e3 e4 e6 e7" },
    { PL_FACET_CERTAINTY, "planned", "e5" },
  };
  PlFilter *filter = fixture->filter;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].value);
      pl_filter_set_active (filter, cases[i].facet, cases[i].value, TRUE);
      g_assert_true (pl_filter_is_active (filter, cases[i].facet, cases[i].value));
      g_assert_false (pl_filter_is_empty (filter));
      assert_events (filter, cases[i].events);

      pl_filter_set_active (filter, cases[i].facet, cases[i].value, FALSE);
      g_assert_false (pl_filter_is_active (filter, cases[i].facet, cases[i].value));
      g_assert_true (pl_filter_is_empty (filter));
      assert_events (filter, ALL_EVENTS);
    }
}

static void
test_or_within_facet (Fixture       *fixture,
                      gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  g_auto(GStrv) actors = NULL;
  g_auto(GStrv) kinds = NULL;

  pl_filter_set_active (filter, PL_FACET_ACTOR, "pezeshkian", TRUE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "putin", TRUE);
  assert_events (filter, "e2 e4 e6 e7");

  pl_filter_set_active (filter, PL_FACET_ACTOR, "pezeshkian", FALSE);
  assert_events (filter, "e2 e4 e7");
  pl_filter_set_active (filter, PL_FACET_ACTOR, "pezeshkian", TRUE);

  actors = pl_filter_dup_values (filter, PL_FACET_ACTOR);
  g_assert_cmpuint (g_strv_length (actors), ==, 2);
  g_assert_cmpstr (actors[0], ==, "pezeshkian");
  g_assert_cmpstr (actors[1], ==, "putin");
  pl_filter_clear (filter);

  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "meeting", TRUE);
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "agreement", TRUE);
  assert_events (filter, "e1 e2 e4 e7");
  kinds = pl_filter_dup_values (filter, PL_FACET_EVENT_KIND);
  g_assert_cmpuint (g_strv_length (kinds), ==, 2);
  g_assert_cmpstr (kinds[0], ==, "agreement");
  g_assert_cmpstr (kinds[1], ==, "meeting");
  pl_filter_clear (filter);

  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  pl_filter_set_active (filter, PL_FACET_THEME, "trade", TRUE);
  assert_events (filter, "e1 e3 e4 e5 e7");
  pl_filter_clear (filter);

  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "planned", TRUE);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "disputed", TRUE);
  assert_events (filter, "e5 e8");
}

static void
test_and_across_facets (Fixture       *fixture,
                        gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  assert_events (filter, "e1 e2 e3 e4 e7 e8");
  pl_filter_set_active (filter, PL_FACET_THEME, "security", TRUE);
  assert_events (filter, "e2 e4 e7 e8");
  pl_filter_set_active (filter, PL_FACET_SOURCE, "b", TRUE);
  assert_events (filter, "e4 e8");
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "military", TRUE);
  assert_events (filter, "e8");
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", TRUE);
  assert_events (filter, "");

  /* OR inside, AND outside: (meeting or military) and (iran) and ... */
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", FALSE);
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "meeting", TRUE);
  assert_events (filter, "e4 e8");

  /* Text and dates combine with the facets too. */
  pl_filter_set_text (filter, "shipment");
  assert_events (filter, "e8");
  pl_filter_set_date_range (filter, day ("2022-01-01"), day ("2024-12-31"));
  assert_events (filter, "");
  pl_filter_set_text (filter, NULL);
  assert_events (filter, "e4");
}

/* Values a dataset does not have are ignored rather than hiding all. */
static void
test_unknown_values (Fixture       *fixture,
                     gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  reset_counters (fixture);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "nobody", TRUE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "energy", TRUE);  /* a theme, not an actor */
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "likely", TRUE);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "meeting", TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_true (pl_filter_is_empty (filter));
  g_assert_false (pl_filter_is_active (filter, PL_FACET_ACTOR, "nobody"));
  g_assert_false (pl_filter_is_active (filter, PL_FACET_ACTOR, NULL));
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "nobody"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "likely"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, NULL), ==, 0);
  assert_events (filter, ALL_EVENTS);
}

static void
test_text_event_hit (Fixture       *fixture,
                     gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  pl_filter_set_text (filter, "forum");
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "forum");
  g_assert_false (pl_filter_is_empty (filter));
  assert_events (filter, "e3");

  /* Summaries are searched as well as titles. */
  pl_filter_set_text (filter, "dinner");
  assert_events (filter, "e4");

  /* Every word must be found. */
  pl_filter_set_text (filter, "treaty moscow");
  assert_events (filter, "e7");
  pl_filter_set_text (filter, "treaty forum");
  assert_events (filter, "");
}

static void
test_text_via_quote (Fixture       *fixture,
                     gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  /* Only q2 says "zirconium"; q2 supports e3. */
  pl_filter_set_text (filter, "zirconium");
  assert_events (filter, "e3");
  pl_filter_set_text (filter, "together");
  assert_events (filter, "e4");
}

static void
test_text_via_linked_records (Fixture       *fixture,
                              gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  /* "Putin" is in no event's title or summary, only in the actor's name. */
  pl_filter_set_text (filter, "Putin");
  assert_events (filter, "e2 e4 e7");

  /* A role is searched as well as a name. */
  pl_filter_set_text (filter, "tehran leader");
  assert_events (filter, "e6 e7");

  /* A theme's name, and a source's title. */
  pl_filter_set_text (filter, "Energy");
  assert_events (filter, "e1 e5 e7");
  pl_filter_set_text (filter, "Gazette");
  assert_events (filter, "e1 e2 e4 e7");
}

/* Runs the main loop until the filter's search in a thread is done. */
static void
wait_for_search (PlFilter *filter)
{
  while (pl_filter_is_searching (filter))
    g_main_context_iteration (NULL, TRUE);
}

/* Lets whatever a replaced search still had to deliver arrive. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
test_text_search_in_thread (Fixture       *fixture,
                            gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  static const char * const texts[] = { "Putin", "tehran leader", "Energy", "Gazette", "pezesh", "FoRuM" };

  /* Until the search is done the filter keeps what it had, then takes the
   * text with one "changed". */
  pl_filter_set_text (filter, "Energy");
  reset_counters (fixture);
  pl_filter_search (filter, "Putin");
  g_assert_true (pl_filter_is_searching (filter));
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "Energy");
  assert_events (filter, "e1 e5 e7");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  wait_for_search (filter);
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "Putin");
  assert_events (filter, "e2 e4 e7");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_text, ==, 1);

  /* Every kind of item matches as it does for a search made at once. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *events = NULL, *quotes = NULL, *actors = NULL, *provisions = NULL;

      pl_filter_set_text (filter, texts[i]);
      events = matching_ids (filter, PL_ITEM_KIND_EVENT);
      quotes = matching_ids (filter, PL_ITEM_KIND_QUOTE);
      actors = matching_ids (filter, PL_ITEM_KIND_ACTOR);
      provisions = matching_ids (filter, PL_ITEM_KIND_PROVISION);
      pl_filter_set_text (filter, NULL);

      pl_filter_search (filter, texts[i]);
      wait_for_search (filter);
      g_assert_cmpstr (pl_filter_get_text (filter), ==, texts[i]);
      assert_matching (filter, PL_ITEM_KIND_EVENT, events);
      assert_matching (filter, PL_ITEM_KIND_QUOTE, quotes);
      assert_matching (filter, PL_ITEM_KIND_ACTOR, actors);
      assert_matching (filter, PL_ITEM_KIND_PROVISION, provisions);
      pl_filter_set_text (filter, NULL);
    }

  /* Typing on: only the last search counts. */
  reset_counters (fixture);
  pl_filter_search (filter, "t");
  pl_filter_search (filter, "teh");
  pl_filter_search (filter, "tehran leader");
  wait_for_search (filter);
  settle ();
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "tehran leader");
  assert_events (filter, "e6 e7");
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* Text set at once, or cleared, replaces a search under way for good. */
  pl_filter_search (filter, "Gazette");
  pl_filter_set_text (filter, "Energy");
  g_assert_false (pl_filter_is_searching (filter));
  settle ();
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "Energy");
  assert_events (filter, "e1 e5 e7");

  pl_filter_search (filter, "Putin");
  pl_filter_clear (filter);
  settle ();
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "");
  g_assert_true (pl_filter_is_empty (filter));

  /* No word, or the words already searched: nothing to look up. */
  pl_filter_set_text (filter, "iran");
  pl_filter_search (filter, "iran -");
  g_assert_false (pl_filter_is_searching (filter));
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "iran -");
  pl_filter_search (filter, "  ");
  g_assert_false (pl_filter_is_searching (filter));
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "  ");
  g_assert_true (pl_filter_is_empty (filter));

  /* The filter may go while its search runs. */
  pl_filter_search (filter, "Putin");
  g_clear_object (&fixture->filter);
  settle ();
}

static void
test_text_prefix_and_case (Fixture       *fixture,
                           gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  static const char *typing[] = { "p", "pe", "pez", "peze", "pezes", "pezesh", "pezeshkian" };

  /* Results follow typing: the last word is a prefix. */
  for (guint i = 2; i < G_N_ELEMENTS (typing); i++)
    {
      pl_filter_set_text (filter, typing[i]);
      assert_events (filter, "e6 e7");
    }
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q4");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian");

  pl_filter_set_text (filter, "PEZESH");
  assert_events (filter, "e6 e7");
  pl_filter_set_text (filter, "FoRuM");
  assert_events (filter, "e3");
  pl_filter_set_text (filter, "bazaar FORUM held");
  assert_events (filter, "e3");

  /* A finished word is no longer a prefix. */
  pl_filter_set_text (filter, "pezesh ");
  assert_events (filter, "");
}

static void
test_text_hostile (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Text with no word in it does not restrict: there is nothing to look
   * for, and hiding everything while the user types a quote mark would be
   * wrong. */
  static const char *no_words[] = {
    "\"", "-", "*", "\"\"", "( )", "^", ":", "🙂", "🇮🇷", "   ", "\t\n", "--", "'",
  };
  /* Words wrapped in FTS5 syntax are searched as words. */
  static const struct { const char *text; const char *events; } words[] = {
    { "\"putin", "e2 e4 e7" },
    { "putin\"", "e2 e4 e7" },
    { "\"forum\" OR \"drones", "" },
    { "forum OR", "" },
    { "forum*", "e3" },
    { "-forum", "e3" },
    { "forum -held", "e3" },
    { "NEAR(forum", "" },
    { "AND(", "" },
    { "title:forum", "" },
    { "Putin 🙂", "e2 e4 e7" },
    { "ایران", "" },
    { "שלום עולם", "" },
    { "{forum}", "e3" },
  };
  PlFilter *filter = fixture->filter;

  for (guint i = 0; i < G_N_ELEMENTS (no_words); i++)
    {
      g_test_message ("%s", no_words[i]);
      pl_filter_set_text (filter, no_words[i]);
      g_assert_cmpstr (pl_filter_get_text (filter), ==, no_words[i]);
      g_assert_true (pl_filter_is_empty (filter));
      assert_events (filter, ALL_EVENTS);
      assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian peskov guterres");
    }

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_test_message ("%s", words[i].text);
      pl_filter_set_text (filter, words[i].text);
      g_assert_false (pl_filter_is_empty (filter));
      assert_events (filter, words[i].events);
    }

  /* Not UTF-8: nothing is searched and nothing breaks. */
  pl_filter_set_text (filter, "\xff\xfe");
  assert_events (filter, ALL_EVENTS);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  double first, last;

  /* A year-only event covers its year, so a range inside it overlaps. */
  pl_filter_set_date_range (filter, day ("2019-06-01"), day ("2019-06-30"));
  assert_events (filter, "e1");
  g_assert_true (pl_filter_get_date_range (filter, &first, &last));
  g_assert_cmpfloat (first, ==, day ("2019-06-01"));
  g_assert_cmpfloat (last, ==, day ("2019-06-30"));
  g_assert_false (pl_filter_is_empty (filter));

  /* A month-only event covers its month. */
  pl_filter_set_date_range (filter, day ("2021-06-30"), day ("2021-06-30"));
  assert_events (filter, "e3");

  /* An event with an end covers the days between. */
  pl_filter_set_date_range (filter, day ("2023-08-15"), day ("2023-08-15"));
  assert_events (filter, "e5");
  pl_filter_set_date_range (filter, day ("2023-09-30"), day ("2024-01-01"));
  assert_events (filter, "e5");
  pl_filter_set_date_range (filter, day ("2023-10-01"), day ("2024-01-01"));
  assert_events (filter, "");

  /* Both ends are included. */
  pl_filter_set_date_range (filter, day ("2022-01-10"), day ("2024-08-20"));
  assert_events (filter, "e4 e5 e6");
  pl_filter_set_date_range (filter, day ("2022-01-11"), day ("2024-08-19"));
  assert_events (filter, "e5");

  /* Reversed ends are swapped; a fraction of a day counts as the day. */
  pl_filter_set_date_range (filter, day ("2024-08-19") + 0.5, day ("2022-01-10") + 0.25);
  assert_events (filter, "e4 e5");
  g_assert_true (pl_filter_get_date_range (filter, &first, &last));
  g_assert_cmpfloat (first, <, last);

  /* A range around the whole story, and one before it. */
  pl_filter_set_date_range (filter, day ("1900"), day ("2100"));
  assert_events (filter, ALL_EVENTS);
  pl_filter_set_date_range (filter, day ("1900"), day ("2018-12-31"));
  assert_events (filter, "");

  pl_filter_clear_date_range (filter);
  g_assert_false (pl_filter_get_date_range (filter, NULL, NULL));
  g_assert_true (pl_filter_is_empty (filter));
  assert_events (filter, ALL_EVENTS);
}

static void
test_counts_follow_other_facets (Fixture       *fixture,
                                 gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "iran"), ==, 6);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "russia"), ==, 4);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "putin"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "peskov"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "security"), ==, 5);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_SOURCE, "b"), ==, 5);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "economic"), ==, 2);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "protest"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_CERTAINTY, "confirmed"), ==, 5);

  /* Selecting a theme changes the actor counts … */
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  assert_events (filter, "e1 e5 e7");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "iran"), ==, 2);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "russia"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "putin"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "economic"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_CERTAINTY, "confirmed"), ==, 1);
  /* … but not the other themes' counts. */
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "security"), ==, 5);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "trade"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "energy"), ==, 3);

  /* Two facets: each facet's counts follow the other one. */
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  assert_events (filter, "e1 e7");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "security"), ==, 4);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "trade"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "russia"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "iran"), ==, 2);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "meeting"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "agreement"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "economic"), ==, 0);

  /* Text and dates restrict every count. */
  pl_filter_set_date_range (filter, day ("2024-01-01"), day ("2025-12-31"));
  assert_events (filter, "e7");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "security"), ==, 2);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "russia"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "pezeshkian"), ==, 1);
  pl_filter_clear_date_range (filter);
  pl_filter_set_text (filter, "gas");
  assert_events (filter, "e1");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "security"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "energy"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "russia"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_CERTAINTY, "reported"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_CERTAINTY, "confirmed"), ==, 0);
}

/* An event failing two facets counts for neither. */
static void
test_counts_two_failures (Fixture       *fixture,
                          gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "military", TRUE);  /* e8 */
  pl_filter_set_active (filter, PL_FACET_SOURCE, "a", TRUE);             /* e1 e2 e4 e7 */
  assert_events (filter, "");
  /* Kinds among source a's events; sources among military events. */
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "agreement"), ==, 2);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "military"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_SOURCE, "b"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_SOURCE, "a"), ==, 0);
  /* Every other facet's events must pass both, and none does. */
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "iran"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_THEME, "security"), ==, 0);
}

static void
test_empty_results (Fixture       *fixture,
                    gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  pl_filter_set_text (filter, "xylophone");
  g_assert_cmpuint (pl_filter_get_n_events (filter), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pl_filter_get_events (filter)), ==, 0);
  assert_events (filter, "");
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "");
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      static const char *any[] = { "iran", "security", "a", "meeting", "confirmed", "starred", "exam" };
      G_STATIC_ASSERT (G_N_ELEMENTS (any) == PL_N_FACETS);
      g_assert_cmpuint (pl_filter_count (filter, f, any[f]), ==, 0);
    }
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  g_auto(GStrv) values = NULL;

  pl_filter_set_text (filter, "putin");
  pl_filter_set_date_range (filter, day ("2020"), day ("2022"));
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  pl_filter_set_active (filter, PL_FACET_THEME, "security", TRUE);
  pl_filter_set_active (filter, PL_FACET_SOURCE, "a", TRUE);
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "agreement", TRUE);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", TRUE);
  assert_events (filter, "e2");

  reset_counters (fixture);
  pl_filter_clear (filter);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_text, ==, 1);
  g_assert_cmpuint (fixture->n_notify_n_events, ==, 1);
  g_assert_true (pl_filter_is_empty (filter));
  g_assert_cmpstr (pl_filter_get_text (filter), ==, "");
  g_assert_false (pl_filter_get_date_range (filter, NULL, NULL));
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      g_auto(GStrv) none = pl_filter_dup_values (filter, f);
      g_assert_cmpuint (g_strv_length (none), ==, 0);
    }
  assert_events (filter, ALL_EVENTS);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q2 q3 q4");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian peskov guterres");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1 p2");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_ACTOR, "iran"), ==, 6);

  /* Nothing to clear, nothing emitted. */
  reset_counters (fixture);
  pl_filter_clear (filter);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_items_changed, ==, 0);

  /* One facet only is cleared with one signal too, and text stays quiet. */
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "russia", TRUE);
  values = pl_filter_dup_values (filter, PL_FACET_ACTOR);
  g_assert_cmpuint (g_strv_length (values), ==, 2);
  reset_counters (fixture);
  pl_filter_clear (filter);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_text, ==, 0);
  assert_events (filter, ALL_EVENTS);
}

static void
test_changed_not_emitted_for_no_ops (Fixture       *fixture,
                                     gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  reset_counters (fixture);
  pl_filter_set_text (filter, NULL);
  pl_filter_set_text (filter, "");
  pl_filter_clear_date_range (filter);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", FALSE);
  pl_filter_clear (filter);
  g_object_set (filter, "text", "", NULL);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_items_changed, ==, 0);
  g_assert_cmpuint (fixture->n_notify_text, ==, 0);

  pl_filter_set_text (filter, "forum");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_text, ==, 1);
  pl_filter_set_text (filter, "forum");
  g_object_set (filter, "text", "forum", NULL);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_text, ==, 1);

  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "economic", TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "economic", TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  pl_filter_set_date_range (filter, day ("2021"), day ("2022"));
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  pl_filter_set_date_range (filter, day ("2021"), day ("2022"));
  pl_filter_set_date_range (filter, day ("2022"), day ("2021"));
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  /* A change that leaves the same events still changes the criteria. */
  assert_events (filter, "e3");
  pl_filter_set_text (filter, "forum,");
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  g_assert_cmpuint (fixture->n_notify_text, ==, 2);
  assert_events (filter, "e3");
}

static void
test_model_one_items_changed (Fixture       *fixture,
                              gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  GListModel *model = pl_filter_get_events (filter);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);

  reset_counters (fixture);
  pl_filter_set_active (filter, PL_FACET_SOURCE, "b", TRUE);
  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_n_events, ==, 1);
  assert_events (filter, "e3 e4 e5 e6 e8");

  /* Removals and additions at once, in several places. */
  reset_counters (fixture);
  pl_filter_set_active (filter, PL_FACET_SOURCE, "b", FALSE);
  pl_filter_set_active (filter, PL_FACET_SOURCE, "a", TRUE);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  assert_events (filter, "e1 e2 e4 e7");

  reset_counters (fixture);
  pl_filter_set_text (filter, "zzzz");
  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  assert_events (filter, "");
  pl_filter_set_text (filter, "");
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  assert_events (filter, "e1 e2 e4 e7");

  /* Same events, same count: the model and n-events stay quiet. */
  reset_counters (fixture);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "reported", TRUE);
  assert_events (filter, "e1");
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  assert_events (filter, "e1 e2 e4 e7");
  reset_counters (fixture);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "disputed", TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_items_changed, ==, 0);
  g_assert_cmpuint (fixture->n_notify_n_events, ==, 0);
}

/* "changed" comes after everything it describes is up to date. */
static void
check_in_changed (PlFilter *filter,
                  gpointer  user_data)
{
  guint *seen = user_data;

  g_assert_cmpuint (g_list_model_get_n_items (pl_filter_get_events (filter)), ==,
                    pl_filter_get_n_events (filter));
  *seen = pl_filter_count (filter, PL_FACET_ACTOR, "russia");
}

static void
test_changed_after_update (Fixture       *fixture,
                           gconstpointer  data)
{
  guint seen = G_MAXUINT;

  g_signal_connect (fixture->filter, "changed", G_CALLBACK (check_in_changed), &seen);
  pl_filter_set_active (fixture->filter, PL_FACET_THEME, "energy", TRUE);
  g_assert_cmpuint (seen, ==, 3);
  g_assert_cmpuint (pl_filter_get_n_events (fixture->filter), ==, 3);
}

static void
test_quotes (Fixture       *fixture,
             gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  /* Text: the quote itself, or its speaker. */
  pl_filter_set_text (filter, "zirconium");
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q2");
  pl_filter_set_text (filter, "peskov");
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q2");
  pl_filter_set_text (filter, "putin");
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1");
  pl_filter_set_text (filter, NULL);

  /* Actor: the speaker, or an actor of one of its events. */
  pl_filter_set_active (filter, PL_FACET_ACTOR, "putin", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1");
  pl_filter_set_active (filter, PL_FACET_ACTOR, "putin", FALSE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q2");
  pl_filter_set_active (filter, PL_FACET_ACTOR, "pezeshkian", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q2 q4");
  pl_filter_clear (filter);

  /* Theme: its events' themes, or its provisions'. */
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q3");
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", FALSE);
  pl_filter_set_active (filter, PL_FACET_THEME, "trade", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q2");
  pl_filter_clear (filter);

  /* Source: the quote's own. */
  pl_filter_set_active (filter, PL_FACET_SOURCE, "b", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q2 q4");
  pl_filter_clear (filter);

  /* Kind and certainty: from its events, so none without events. */
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "meeting", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1");
  pl_filter_clear (filter);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q2");
  pl_filter_clear (filter);

  /* Dates: said_on, or its events' when it has none. */
  pl_filter_set_date_range (filter, day ("2021-06-01"), day ("2021-06-30"));
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q2");
  pl_filter_set_date_range (filter, day ("2022-01-10"), day ("2024-08-20"));
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1 q4");
  pl_filter_set_date_range (filter, day ("2025-01-01"), day ("2025-12-31"));
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q3");

  /* AND across facets. */
  pl_filter_set_date_range (filter, day ("2020"), day ("2025"));
  pl_filter_set_active (filter, PL_FACET_SOURCE, "b", TRUE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q2");
}

static void
test_actors (Fixture       *fixture,
             gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  /* In a matching event. */
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian");
  pl_filter_set_date_range (filter, day ("2019"), day ("2019"));
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran");
  pl_filter_clear (filter);

  /* Speaking a matching quote: q2 is about trade. */
  pl_filter_set_active (filter, PL_FACET_THEME, "trade", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian peskov");
  pl_filter_set_active (filter, PL_FACET_SOURCE, "a", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian");
  pl_filter_clear (filter);
  pl_filter_set_date_range (filter, day ("2024-08-20"), day ("2024-08-20"));
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "pezeshkian");
  pl_filter_clear (filter);

  /* Text: a hit itself, or in a matching event. */
  pl_filter_set_text (filter, "peskov");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "peskov");
  pl_filter_set_text (filter, "forum");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "iran");
  pl_filter_set_text (filter, "spokesman");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "peskov");
  /* A name, a role or a summary is a hit even with no event or quote. */
  pl_filter_set_text (filter, "guterres");
  assert_events (filter, "");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "guterres");
  pl_filter_set_text (filter, "observer");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "guterres");
  pl_filter_set_text (filter, "york");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "guterres");
  /* … and the facets do not take it away: the text names this actor. */
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "guterres");
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", FALSE);
  pl_filter_set_text (filter, "leader");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian");

  /* The matches follow each change, not the first question asked. */
  pl_filter_set_text (filter, NULL);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "pezeshkian", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian");
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "statement", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "pezeshkian");
}

static void
test_provisions (Fixture       *fixture,
                 gconstpointer  data)
{
  PlFilter *filter = fixture->filter;

  /* Text: the provision, its treaty, or a quote supporting it. */
  pl_filter_set_text (filter, "sturgeon");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p2");
  pl_filter_set_text (filter, "comprehensive");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1");
  pl_filter_set_text (filter, "caspian");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p2");
  pl_filter_set_text (filter, "cooperate");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1");
  pl_filter_set_text (filter, "forum");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "");
  pl_filter_set_text (filter, NULL);

  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1");
  pl_filter_set_active (filter, PL_FACET_THEME, "trade", TRUE);
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1 p2");
  pl_filter_clear (filter);

  pl_filter_set_active (filter, PL_FACET_SOURCE, "b", TRUE);
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p2");
  pl_filter_clear (filter);

  /* Actor: the treaty's parties. */
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1");
  pl_filter_set_active (filter, PL_FACET_ACTOR, "russia", TRUE);
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1 p2");
  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", FALSE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "russia", FALSE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "putin", TRUE);
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "");
  pl_filter_clear (filter);

  /* Dates: the treaty's signing; no date fails a range. */
  pl_filter_set_date_range (filter, day ("2025-01-17"), day ("2025-01-17"));
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1");
  pl_filter_set_date_range (filter, day ("2025-01-18"), day ("2025-12-31"));
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "");
  pl_filter_set_date_range (filter, day ("1900"), day ("2100"));
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1");
  pl_filter_set_date_range (filter, day ("2024-01-01"), day ("2024-12-31"));
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "");
  pl_filter_clear (filter);

  /* Event kind and certainty do not apply. */
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "protest", TRUE);
  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "disputed", TRUE);
  assert_events (filter, "");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p1 p2");
}

/* A dataset with no events, actors or themes at all. */
static void
test_empty_dataset (void)
{
  static const char json[] =
    "{\"format\": \"pactline-dataset\", \"format_version\": 1,"
    " \"dataset\": {\"id\": \"empty\", \"title\": \"Empty\", \"language\": \"en\", \"version\": \"1\"}}";
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = pl_test_import (dir, "empty", json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, NULL, &error);
  g_autoptr(PlFilter) filter = NULL;
  g_auto(GStrv) kinds = NULL;

  g_assert_no_error (error);
  filter = pl_filter_new (store);
  assert_events (filter, "");

  pl_filter_set_text (filter, "anything");
  assert_events (filter, "");
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "meeting", TRUE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "nobody", TRUE);
  pl_filter_set_date_range (filter, 1, 2);
  assert_events (filter, "");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_EVENT_KIND, "meeting"), ==, 0);
  kinds = pl_filter_dup_values (filter, PL_FACET_EVENT_KIND);
  g_assert_cmpuint (g_strv_length (kinds), ==, 1);
  pl_filter_clear (filter);
  g_assert_true (pl_filter_is_empty (filter));

  g_clear_object (&filter);
  g_clear_object (&store);
  pl_test_rmdir (dir);
}


/* ------------------------------------------------------------------ */
/* The reader's marks and tags                                        */
/* ------------------------------------------------------------------ */

static void
annotate (PlNotebook *notebook,
          PlItemKind  kind,
          const char *id,
          gboolean    starred,
          const char *highlight,
          const char *note,
          const char *tags)
{
  g_autoptr(PlAnnotation) annotation = pl_annotation_new (pl_notebook_get_dataset_id (notebook), kind, id);
  g_autoptr(GError) error = NULL;

  annotation->starred = starred;
  annotation->highlight = g_strdup (highlight);
  g_free (annotation->note);
  annotation->note = g_strdup (note != NULL ? note : "");
  g_strfreev (annotation->tags);
  annotation->tags = pl_tags_parse (tags != NULL ? tags : "");
  g_assert_true (pl_notebook_save (notebook, annotation, &error));
  g_assert_no_error (error);
}

/* e2 starred; e4 highlighted and tagged exam; e7 with a note and tagged
 * exam and alliance; quote q1 starred; Peskov starred and tagged exam;
 * provision p2 with a note; and a star on an event the story lacks. */
static PlNotebook *
open_notebook (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.sqlite", NULL);
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(GError) error = NULL;
  PlNotebook *notebook;

  db = pl_user_db_open (path, &error);
  g_assert_no_error (error);
  notebook = pl_notebook_new (db, "story");
  annotate (notebook, PL_ITEM_KIND_EVENT, "e2", TRUE, NULL, NULL, NULL);
  annotate (notebook, PL_ITEM_KIND_EVENT, "e4", FALSE, "yellow", "  ", "exam");
  annotate (notebook, PL_ITEM_KIND_EVENT, "e7", FALSE, NULL, "The turning point.", "exam, alliance");
  annotate (notebook, PL_ITEM_KIND_QUOTE, "q1", TRUE, NULL, NULL, NULL);
  annotate (notebook, PL_ITEM_KIND_ACTOR, "peskov", TRUE, NULL, NULL, "exam");
  annotate (notebook, PL_ITEM_KIND_PROVISION, "p2", FALSE, NULL, "Compare with the 2001 text.", NULL);
  annotate (notebook, PL_ITEM_KIND_EVENT, "gone", TRUE, "red", "An orphan.", "exam");
  return notebook;
}

static void
test_marks_and_tags (Fixture       *fixture,
                     gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  g_autoptr(PlNotebook) notebook = open_notebook (fixture);

  /* Nothing selected: marks restrict nothing, but are counted. */
  reset_counters (fixture);
  pl_filter_set_notebook (filter, notebook);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (pl_filter_get_notebook (filter) == notebook);
  assert_events (filter, ALL_EVENTS);
  g_assert_true (pl_filter_is_empty (filter));
  /* Items of every kind count, orphans not: e2, q1 and Peskov starred. */
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_MARK, "starred"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_MARK, "highlighted"), ==, 1);
  /* e4's note is only white space, so it has no note: e7 and p2 do. */
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_MARK, "note"), ==, 2);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_TAG, "exam"), ==, 3);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_TAG, "alliance"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_TAG, "nonsense"), ==, 0);

  /* Each kind of item by its own annotation. */
  pl_filter_set_active (filter, PL_FACET_MARK, "starred", TRUE);
  g_assert_false (pl_filter_is_empty (filter));
  assert_events (filter, "e2");
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "q1");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "peskov");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "");

  /* OR within the facet. */
  pl_filter_set_active (filter, PL_FACET_MARK, "note", TRUE);
  assert_events (filter, "e2 e7");
  assert_matching (filter, PL_ITEM_KIND_PROVISION, "p2");
  pl_filter_set_active (filter, PL_FACET_MARK, "note", FALSE);

  /* AND with the tags. */
  pl_filter_set_active (filter, PL_FACET_TAG, "exam", TRUE);
  assert_events (filter, "");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "peskov");
  /* Marks among exam's items; exam among the starred items (Peskov). */
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_MARK, "highlighted"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_TAG, "exam"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_TAG, "alliance"), ==, 0);
  pl_filter_set_active (filter, PL_FACET_MARK, "starred", FALSE);
  assert_events (filter, "e4 e7");
  assert_matching (filter, PL_ITEM_KIND_QUOTE, "");

  /* With other criteria: counts follow them. */
  pl_filter_set_active (filter, PL_FACET_ACTOR, "russia", TRUE);
  assert_events (filter, "e7");
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_TAG, "exam"), ==, 1);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_MARK, "starred"), ==, 0);
  g_assert_cmpuint (pl_filter_count (filter, PL_FACET_MARK, "note"), ==, 1);
  g_auto(GStrv) tags = pl_filter_dup_values (filter, PL_FACET_TAG);
  g_assert_cmpstrv (tags, ((const char *[]) { "exam", NULL }));
  pl_filter_clear (filter);
  g_assert_true (pl_filter_is_empty (filter));
  assert_events (filter, ALL_EVENTS);
}

/* An actor must be marked itself, and then be in the rest of the story
 * the other criteria leave. */
static void
test_marks_actors (Fixture       *fixture,
                   gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  g_autoptr(PlNotebook) notebook = open_notebook (fixture);

  pl_filter_set_notebook (filter, notebook);
  pl_filter_set_active (filter, PL_FACET_MARK, "starred", TRUE);
  /* Peskov speaks q2, which supports e3 (trade). */
  pl_filter_set_active (filter, PL_FACET_THEME, "trade", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "peskov");
  pl_filter_set_active (filter, PL_FACET_THEME, "trade", FALSE);
  pl_filter_set_active (filter, PL_FACET_THEME, "energy", TRUE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "");
  /* Russia starred is found through energy events none of which is. */
  annotate (notebook, PL_ITEM_KIND_ACTOR, "russia", TRUE, NULL, NULL, NULL);
  assert_events (filter, "");
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia");
  /* Without the mark, energy's actors are those of e1, e5 and e7. */
  pl_filter_set_active (filter, PL_FACET_MARK, "starred", FALSE);
  assert_matching (filter, PL_ITEM_KIND_ACTOR, "russia iran putin pezeshkian");
}

/* The filter follows the notebook as the reader edits. */
static void
test_marks_follow_notebook (Fixture       *fixture,
                            gconstpointer  data)
{
  PlFilter *filter = fixture->filter;
  g_autoptr(PlNotebook) notebook = open_notebook (fixture);
  g_autoptr(GError) error = NULL;

  pl_filter_set_notebook (filter, notebook);
  pl_filter_set_active (filter, PL_FACET_MARK, "starred", TRUE);
  pl_filter_set_active (filter, PL_FACET_TAG, "alliance", TRUE);
  pl_filter_set_active (filter, PL_FACET_TAG, "nonsense", TRUE);
  g_assert_false (pl_filter_is_active (filter, PL_FACET_TAG, "nonsense"));
  assert_events (filter, "");

  reset_counters (fixture);
  annotate (notebook, PL_ITEM_KIND_EVENT, "e7", TRUE, NULL, "The turning point.", "exam, alliance");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  assert_events (filter, "e7");

  /* A new tag can be chosen at once. */
  annotate (notebook, PL_ITEM_KIND_EVENT, "e1", TRUE, NULL, NULL, "energy-history");
  pl_filter_set_active (filter, PL_FACET_TAG, "energy-history", TRUE);
  assert_events (filter, "e1 e7");

  /* A tag no annotation uses any more leaves the selection. */
  annotate (notebook, PL_ITEM_KIND_EVENT, "e7", TRUE, NULL, "The turning point.", "exam");
  g_assert_false (pl_filter_is_active (filter, PL_FACET_TAG, "alliance"));
  g_assert_true (pl_filter_is_active (filter, PL_FACET_TAG, "energy-history"));
  assert_events (filter, "e1");

  /* Deleting and restoring. */
  g_autoptr(PlAnnotation) saved = (PlAnnotation *) pl_annotation_copy (pl_notebook_lookup (notebook, PL_ITEM_KIND_EVENT, "e1"));
  g_assert_true (pl_notebook_delete (notebook, PL_ITEM_KIND_EVENT, "e1", &error));
  g_assert_no_error (error);
  g_assert_false (pl_filter_is_active (filter, PL_FACET_TAG, "energy-history"));
  assert_events (filter, "e2 e7");
  g_assert_true (pl_notebook_restore (notebook, saved, &error));
  g_assert_no_error (error);
  pl_filter_set_active (filter, PL_FACET_TAG, "energy-history", TRUE);
  assert_events (filter, "e1");

  /* Without a notebook the facets have nothing to match. */
  pl_filter_set_notebook (filter, NULL);
  g_assert_false (pl_filter_is_active (filter, PL_FACET_TAG, "energy-history"));
  assert_events (filter, "");
  pl_filter_set_active (filter, PL_FACET_MARK, "starred", FALSE);
  assert_events (filter, ALL_EVENTS);
}

static void
test_facet_enum (void)
{
  GEnumClass *klass = g_type_class_ref (PL_TYPE_FACET);

  g_assert_cmpuint (klass->n_values, ==, PL_N_FACETS);
  g_assert_cmpstr (g_enum_get_value (klass, PL_FACET_EVENT_KIND)->value_nick, ==, "event-kind");
  g_type_class_unref (klass);
}

/* ------------------------------------------------------------------ */
/* The bundled dataset                                                */
/* ------------------------------------------------------------------ */

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
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the bundled dataset is not built");
      return NULL;
    }
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static gboolean
list_contains (const PlRecordList *list,
               gpointer            record)
{
  for (guint i = 0; i < list->n_items; i++)
    if (list->items[i] == record)
      return TRUE;
  return FALSE;
}

static void
test_bundled_text (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  g_autoptr(PlFilter) filter = NULL;
  g_autoptr(GListModel) of_pezeshkian = NULL;
  g_autofree char *all_ids = NULL;
  GListModel *events;
  PlActor *pezeshkian;
  guint n_all;
  static const char *hostile[] = {
    "\"", "-", "AND(", "*", "\"Putin", "NEAR(", "NEAR(a b)", "🙂", "ایران", "روسیه و ایران",
    "OR", "NOT", "a OR b", "(", ")", "^", "title:", "'", "\\", "%", "_", "\"\"\"", "Putin\" OR \"x",
    "🇷🇺🇮🇷", "…", "«Iran»",
  };

  if (store == NULL)
    return;
  filter = pl_filter_new (store);
  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  n_all = g_list_model_get_n_items (events);
  all_ids = ids_of (events);
  assert_events (filter, all_ids);

  /* Typing a name: each prefix keeps every event of that person. */
  pezeshkian = PL_ACTOR (pl_store_lookup (store, PL_ITEM_KIND_ACTOR, "pezeshkian"));
  g_assert_nonnull (pezeshkian);
  of_pezeshkian = pl_store_list_events_for_actor (store, pezeshkian);
  g_assert_cmpuint (g_list_model_get_n_items (of_pezeshkian), >, 0);
  pl_filter_set_text (filter, "pezesh");
  for (guint i = 0; i < g_list_model_get_n_items (of_pezeshkian); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (of_pezeshkian, i);
      g_assert_true (pl_filter_match_event (filter, event));
    }
  g_assert_cmpuint (pl_filter_get_n_events (filter), >=, g_list_model_get_n_items (of_pezeshkian));
  g_assert_cmpuint (pl_filter_get_n_events (filter), <, n_all);
  g_assert_true (pl_filter_match_actor (filter, pezeshkian));

  pl_filter_set_text (filter, "PEZESHKIAN");
  g_assert_cmpuint (pl_filter_get_n_events (filter), >=, g_list_model_get_n_items (of_pezeshkian));

  pl_filter_set_text (filter, "Comprehensive Strategic Partnership");
  g_assert_cmpuint (pl_filter_get_n_events (filter), >, 0);
  g_assert_cmpuint (pl_filter_get_n_events (filter), <, n_all);

  /* Hostile text never fails (a failed search would log a warning, which
   * is fatal here) and gives at most everything. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_test_message ("%s", hostile[i]);
      pl_filter_set_text (filter, hostile[i]);
      g_assert_cmpuint (pl_filter_get_n_events (filter), <=, n_all);
      g_assert_cmpuint (g_list_model_get_n_items (pl_filter_get_events (filter)), ==,
                        pl_filter_get_n_events (filter));
    }
  pl_filter_set_text (filter, "\"Putin");
  {
    guint with_quote = pl_filter_get_n_events (filter);
    pl_filter_set_text (filter, "Putin");
    g_assert_cmpuint (with_quote, ==, pl_filter_get_n_events (filter));
    g_assert_cmpuint (with_quote, >, 0);
  }
}

/* Checks the one-pass counts and matches against the definition, worked
 * out naively for every value: the events that a second filter holding
 * every criterion but one facet matches, and that have the value. */
static void
check_counts_against_definition (PlFilter *filter,
                                 PlStore  *store)
{
  GListModel *events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  static const PlItemKind record_kinds[] = { PL_ITEM_KIND_ACTOR, PL_ITEM_KIND_THEME, PL_ITEM_KIND_SOURCE };

  /* The mark and tag facets need a notebook; the marks tests check them. */
  for (guint f = 0; f <= PL_FACET_CERTAINTY; f++)
    {
      g_autoptr(PlFilter) others = pl_filter_new (store);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      double first, last;

      pl_filter_set_text (others, pl_filter_get_text (filter));
      if (pl_filter_get_date_range (filter, &first, &last))
        pl_filter_set_date_range (others, first, last);
      for (guint g = 0; g < PL_N_FACETS; g++)
        {
          g_auto(GStrv) selected = pl_filter_dup_values (filter, g);

          for (guint k = 0; g != f && selected[k] != NULL; k++)
            pl_filter_set_active (others, g, selected[k], TRUE);
        }

      if (f < G_N_ELEMENTS (record_kinds))
        {
          GListModel *items = pl_store_get_items (store, record_kinds[f]);

          for (guint i = 0; i < g_list_model_get_n_items (items); i++)
            {
              g_autoptr(PlRecord) record = g_list_model_get_item (items, i);
              g_ptr_array_add (values, g_strdup (record->id));
            }
        }
      else
        {
          GEnumClass *klass = g_type_class_ref (f == PL_FACET_EVENT_KIND ? PL_TYPE_EVENT_KIND : PL_TYPE_CERTAINTY);

          for (guint i = 0; i < klass->n_values; i++)
            g_ptr_array_add (values, g_strdup (klass->values[i].value_nick));
          g_type_class_unref (klass);
        }

      for (guint v = 0; v < values->len; v++)
        {
          const char *value = values->pdata[v];
          guint expected = 0;

          for (guint i = 0; i < g_list_model_get_n_items (events); i++)
            {
              g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
              gboolean has;

              if (!pl_filter_match_event (others, event))
                continue;
              switch (f)
                {
                case PL_FACET_ACTOR:
                  has = list_contains (&event->actors, pl_store_lookup (store, PL_ITEM_KIND_ACTOR, value));
                  break;
                case PL_FACET_THEME:
                  has = list_contains (&event->themes, pl_store_lookup (store, PL_ITEM_KIND_THEME, value));
                  break;
                case PL_FACET_SOURCE:
                  has = list_contains (&event->sources, pl_store_lookup (store, PL_ITEM_KIND_SOURCE, value));
                  break;
                case PL_FACET_EVENT_KIND:
                  has = g_str_equal (pl_enum_to_nick (PL_TYPE_EVENT_KIND, event->kind), value);
                  break;
                case PL_FACET_CERTAINTY:
                  has = g_str_equal (pl_enum_to_nick (PL_TYPE_CERTAINTY, event->certainty), value);
                  break;
                default:
                  g_assert_not_reached ();
                }
              if (has)
                expected++;
            }

          if (pl_filter_count (filter, f, value) != expected)
            g_test_message ("facet %u value %s", f, value);
          g_assert_cmpuint (pl_filter_count (filter, f, value), ==, expected);
        }
    }
}

static void
test_bundled_counts (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  g_autoptr(PlFilter) filter = NULL;

  if (store == NULL)
    return;
  filter = pl_filter_new (store);

  /* Every actor's, theme's and source's events in the whole dataset,
   * whatever the criteria. */
  pl_filter_set_text (filter, "treaty");
  for (guint k = 0; k < 3; k++)
    {
      static const PlItemKind kinds[] = { PL_ITEM_KIND_ACTOR, PL_ITEM_KIND_THEME, PL_ITEM_KIND_SOURCE };
      GListModel *records = pl_store_get_items (store, kinds[k]);
      GListModel *events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
      guint n_linked = 0;

      for (guint r = 0; r < g_list_model_get_n_items (records); r++)
        {
          g_autoptr(PlRecord) record = g_list_model_get_item (records, r);
          guint expected = 0;

          for (guint e = 0; e < g_list_model_get_n_items (events); e++)
            {
              g_autoptr(PlEvent) event = g_list_model_get_item (events, e);
              const PlRecordList *list = k == 0 ? &event->actors : k == 1 ? &event->themes : &event->sources;

              for (guint i = 0; i < list->n_items; i++)
                expected += list->items[i] == (gpointer) record;
            }
          g_assert_cmpuint (pl_filter_count_events_of (filter, record), ==, expected);
          n_linked += expected;
        }
      g_assert_cmpuint (n_linked, >, 0);
    }
  pl_filter_set_text (filter, NULL);

  check_counts_against_definition (filter, store);

  pl_filter_set_active (filter, PL_FACET_ACTOR, "iran", TRUE);
  pl_filter_set_active (filter, PL_FACET_ACTOR, "putin", TRUE);
  check_counts_against_definition (filter, store);

  pl_filter_set_active (filter, PL_FACET_THEME, "energy-nuclear", TRUE);
  pl_filter_set_active (filter, PL_FACET_THEME, "security", TRUE);
  g_assert_cmpuint (pl_filter_get_n_events (filter), >, 0);
  check_counts_against_definition (filter, store);

  pl_filter_set_active (filter, PL_FACET_CERTAINTY, "confirmed", TRUE);
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "agreement", TRUE);
  pl_filter_set_active (filter, PL_FACET_EVENT_KIND, "meeting", TRUE);
  check_counts_against_definition (filter, store);

  pl_filter_set_date_range (filter, day ("2024-01-01"), day ("2025-06-30"));
  check_counts_against_definition (filter, store);

  pl_filter_set_text (filter, "treaty");
  check_counts_against_definition (filter, store);

  pl_filter_clear (filter);
  pl_filter_set_text (filter, "nuclear");
  check_counts_against_definition (filter, store);
}

/* A long run of random changes: after each, the model holds exactly the
 * matching events in the store's order, after exactly one items-changed
 * when they differ. */
static void
test_bundled_model_follows (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  g_autoptr(PlFilter) filter = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250117);
  static const char *texts[] = { "", "iran", "putin", "treaty", "p", "sanctions", "gas", "-", "zzz" };
  GListModel *events, *actors, *themes;
  Fixture counters = { 0 };

  if (store == NULL)
    return;
  filter = pl_filter_new (store);
  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  actors = pl_store_get_items (store, PL_ITEM_KIND_ACTOR);
  themes = pl_store_get_items (store, PL_ITEM_KIND_THEME);
  g_signal_connect (filter, "changed", G_CALLBACK (on_changed), &counters);
  g_signal_connect (pl_filter_get_events (filter), "items-changed", G_CALLBACK (on_items_changed), &counters);

  for (guint step = 0; step < 300; step++)
    {
      g_autofree char *before = ids_of (pl_filter_get_events (filter));
      g_autofree char *after = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      guint choice = (guint) g_rand_int_range (rand, 0, 5);

      reset_counters (&counters);
      switch (choice)
        {
        case 0:
          pl_filter_set_text (filter, texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
          break;
        case 1:
          {
            g_autoptr(PlRecord) actor = g_list_model_get_item (actors, (guint) g_rand_int_range (rand, 0, (gint32) g_list_model_get_n_items (actors)));
            pl_filter_set_active (filter, PL_FACET_ACTOR, actor->id,
                                  !pl_filter_is_active (filter, PL_FACET_ACTOR, actor->id));
          }
          break;
        case 2:
          {
            g_autoptr(PlRecord) theme = g_list_model_get_item (themes, (guint) g_rand_int_range (rand, 0, (gint32) g_list_model_get_n_items (themes)));
            pl_filter_set_active (filter, PL_FACET_THEME, theme->id,
                                  !pl_filter_is_active (filter, PL_FACET_THEME, theme->id));
          }
          break;
        case 3:
          {
            double start = day ("2020-01-01") + g_rand_int_range (rand, 0, 2200);
            pl_filter_set_date_range (filter, start, start + g_rand_int_range (rand, 0, 700));
          }
          break;
        case 4:
        default:
          if (g_rand_boolean (rand))
            pl_filter_clear_date_range (filter);
          else
            pl_filter_clear (filter);
          break;
        }

      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
          if (pl_filter_match_event (filter, event))
            g_string_append_printf (expected, "%s%s", expected->len > 0 ? " " : "", PL_RECORD (event)->id);
        }
      after = ids_of (pl_filter_get_events (filter));
      g_assert_cmpstr (after, ==, expected->str);
      g_assert_cmpuint (counters.n_changed, <=, 1);
      g_assert_cmpuint (counters.n_items_changed, ==, g_str_equal (before, after) ? 0 : 1);
      g_assert_cmpuint (counters.n_items_changed, <=, counters.n_changed);
    }
}

/* Everything a filter answers: the events it holds, in order, each
 * event's match, every count of the facets a store has values for, and
 * which actors match. */
static char *
describe_filter (PlFilter *filter,
                 PlStore  *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *ids = ids_of (pl_filter_get_events (filter));
  GListModel *events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  GListModel *actors = pl_store_get_items (store, PL_ITEM_KIND_ACTOR);
  static const PlItemKind record_kinds[] = { PL_ITEM_KIND_ACTOR, PL_ITEM_KIND_THEME, PL_ITEM_KIND_SOURCE };

  g_string_append_printf (out, "events: %s\nmatched:", ids);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      g_string_append_c (out, pl_filter_match_event (filter, event) ? '1' : '0');
    }
  for (guint f = 0; f < G_N_ELEMENTS (record_kinds); f++)
    {
      GListModel *items = pl_store_get_items (store, record_kinds[f]);

      g_string_append_printf (out, "\nfacet %u:", f);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(PlRecord) record = g_list_model_get_item (items, i);
          g_string_append_printf (out, " %s=%u", record->id, pl_filter_count (filter, f, record->id));
        }
    }
  for (guint f = PL_FACET_EVENT_KIND; f <= PL_FACET_CERTAINTY; f++)
    {
      GEnumClass *klass = g_type_class_ref (f == PL_FACET_EVENT_KIND ? PL_TYPE_EVENT_KIND : PL_TYPE_CERTAINTY);

      g_string_append_printf (out, "\nfacet %u:", f);
      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (out, " %s=%u", klass->values[i].value_nick,
                                pl_filter_count (filter, f, klass->values[i].value_nick));
      g_type_class_unref (klass);
    }
  g_string_append (out, "\nactors:");
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(PlActor) actor = g_list_model_get_item (actors, i);
      if (pl_filter_match_actor (filter, actor))
        g_string_append_printf (out, " %s", PL_RECORD (actor)->id);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The pass over the events cut into parts run in threads answers exactly
 * as one pass does, whatever the parts and the criteria (datasets of
 * 100,000 events and more are cut by the processors; here the cut is
 * forced on a small one). */
static void
test_bundled_parts (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250117);
  static const char *texts[] = { "", "iran", "putin", "treaty", "p", "sanctions", "gas", "zzz" };
  static const guint n_parts[] = { 1, 2, 3, 8, 0 };
  PlFilter *filters[G_N_ELEMENTS (n_parts)];
  GListModel *actors, *themes;
  g_autofree char *previous = NULL;
  guint n_differed = 0;

  if (store == NULL)
    return;
  actors = pl_store_get_items (store, PL_ITEM_KIND_ACTOR);
  themes = pl_store_get_items (store, PL_ITEM_KIND_THEME);
  for (guint k = 0; k < G_N_ELEMENTS (n_parts); k++)
    {
      filters[k] = pl_filter_new (store);
      pl_filter_set_n_parts (filters[k], n_parts[k]);
    }

  for (guint step = 0; step < 200; step++)
    {
      guint choice = (guint) g_rand_int_range (rand, 0, 5);
      const char *text = texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))];
      g_autoptr(PlRecord) actor = g_list_model_get_item (actors, (guint) g_rand_int_range (rand, 0, (gint32) g_list_model_get_n_items (actors)));
      g_autoptr(PlRecord) theme = g_list_model_get_item (themes, (guint) g_rand_int_range (rand, 0, (gint32) g_list_model_get_n_items (themes)));
      double start = day ("2020-01-01") + g_rand_int_range (rand, 0, 2200);
      double length = g_rand_int_range (rand, 0, 700);
      gboolean whole = g_rand_boolean (rand);
      g_autofree char *expected = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (n_parts); k++)
        {
          g_autofree char *state = NULL;

          switch (choice)
            {
            case 0:
              pl_filter_set_text (filters[k], text);
              break;
            case 1:
              pl_filter_set_active (filters[k], PL_FACET_ACTOR, actor->id, !pl_filter_is_active (filters[k], PL_FACET_ACTOR, actor->id));
              break;
            case 2:
              pl_filter_set_active (filters[k], PL_FACET_THEME, theme->id, !pl_filter_is_active (filters[k], PL_FACET_THEME, theme->id));
              break;
            case 3:
              pl_filter_set_date_range (filters[k], start, start + length);
              break;
            case 4:
            default:
              if (whole)
                pl_filter_clear (filters[k]);
              else
                pl_filter_clear_date_range (filters[k]);
              break;
            }

          state = describe_filter (filters[k], store);
          if (k == 0)
            expected = g_steal_pointer (&state);
          else
            g_assert_cmpstr (state, ==, expected);
        }
      /* Most steps change what the filter answers. */
      n_differed += g_strcmp0 (previous, expected) != 0;
      g_free (previous);
      previous = g_steal_pointer (&expected);
    }
  g_assert_cmpuint (n_differed, >, 100);

  for (guint k = 0; k < G_N_ELEMENTS (n_parts); k++)
    g_object_unref (filters[k]);
}

static void
wait_for_search_of (PlFilter *filter)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (pl_filter_is_searching (filter) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pl_filter_is_searching (filter));
}

/* A search in a thread runs the pass over the events there too, with the
 * criteria of the time it started: what the filter answers when it lands
 * is what the same text set at once answers, in one part or several, and
 * a change of the other criteria while it runs is not lost. */
static void
test_bundled_search_pass (void)
{
  g_autoptr(PlStore) store = open_bundled ();
  static const char * const texts[] = { "iran", "p", "treaty gas", "moscow", "zzz" };
  static const guint n_parts[] = { 1, 3 };

  if (store == NULL)
    return;

  for (guint k = 0; k < G_N_ELEMENTS (n_parts); k++)
    for (guint c = 0; c < 4; c++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autoptr(PlFilter) at_once = pl_filter_new (store);
          g_autoptr(PlFilter) in_thread = pl_filter_new (store);
          g_autofree char *expected = NULL;
          g_autofree char *state = NULL;
          PlFilter *both[] = { at_once, in_thread };

          pl_filter_set_n_parts (in_thread, n_parts[k]);
          for (guint b = 0; b < G_N_ELEMENTS (both); b++)
            {
              if (c == 1 || c == 3)
                {
                  pl_filter_set_active (both[b], PL_FACET_ACTOR, "iran", TRUE);
                  pl_filter_set_active (both[b], PL_FACET_THEME, "security", TRUE);
                }
              if (c == 2 || c == 3)
                pl_filter_set_date_range (both[b], day ("2024-01-01"), day ("2025-12-31"));
            }

          pl_filter_set_text (at_once, texts[t]);
          expected = describe_filter (at_once, store);
          pl_filter_search (in_thread, texts[t]);
          wait_for_search_of (in_thread);
          state = describe_filter (in_thread, store);
          g_assert_cmpstr (state, ==, expected);

          /* A facet picked while the search runs. */
          pl_filter_set_text (at_once, NULL);
          pl_filter_set_text (in_thread, NULL);
          pl_filter_search (in_thread, texts[t]);
          g_assert_true (pl_filter_is_searching (in_thread));
          pl_filter_set_active (in_thread, PL_FACET_CERTAINTY, "confirmed", TRUE);
          wait_for_search_of (in_thread);
          pl_filter_set_active (at_once, PL_FACET_CERTAINTY, "confirmed", TRUE);
          pl_filter_set_text (at_once, texts[t]);
          g_clear_pointer (&expected, g_free);
          g_clear_pointer (&state, g_free);
          expected = describe_filter (at_once, store);
          state = describe_filter (in_thread, store);
          g_assert_cmpstr (state, ==, expected);
        }
}

/* Typing speed on 100,000 events; run with -m perf. */
static void
test_perf (void)
{
  const guint n_events = 100000;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFilter) filter = NULL;
  g_autoptr(GTimer) timer = NULL;
  static const char *typing[] = { "e", "ev", "eve", "even", "event", "event 1", "event 12", "event 123" };

  g_string_append (json, "{\"format\": \"pactline-dataset\", \"format_version\": 1,"
                         " \"dataset\": {\"id\": \"many\", \"title\": \"Many\", \"language\": \"en\", \"version\": \"1\"},"
                         " \"actors\": [");
  for (guint a = 0; a < 200; a++)
    g_string_append_printf (json, "%s{\"id\": \"a%u\", \"name\": \"Actor %u\", \"kind\": \"person\"}", a ? "," : "", a, a);
  g_string_append (json, "], \"themes\": [");
  for (guint t = 0; t < 10; t++)
    g_string_append_printf (json, "%s{\"id\": \"t%u\", \"name\": \"Theme %u\", \"color\": \"#3584e4\"}", t ? "," : "", t, t);
  g_string_append (json, "], \"events\": [");
  for (guint e = 0; e < n_events; e++)
    g_string_append_printf (json,
                            "%s{\"id\": \"e%u\", \"start\": \"%04u-%02u-%02u\", \"title\": \"Event %u\","
                            " \"kind\": \"other\", \"certainty\": \"reported\","
                            " \"actors\": [\"a%u\", \"a%u\", \"a%u\"], \"themes\": [\"t%u\"]}",
                            e ? "," : "", e, 1900 + (e * 7919) % 120, 1 + e % 12, 1 + e % 28, e,
                            e % 200, (e + 1) % 200, (e + 7) % 200, e % 10);
  g_string_append (json, "]}");

  path = pl_test_import (dir, "many", json->str);
  store = pl_store_open (path, NULL, &error);
  g_assert_no_error (error);

  timer = g_timer_new ();
  filter = pl_filter_new (store);
  g_test_minimized_result (g_timer_elapsed (timer, NULL), "new: %.3f s", g_timer_elapsed (timer, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      g_autoptr(GListModel) hits = NULL;

      /* What the store's search costs alone, for comparison. */
      g_timer_start (timer);
      hits = pl_store_search (store, typing[i], 0, &error);
      g_assert_no_error (error);
      g_test_message ("search alone: %u hits in %.3f s",
                      g_list_model_get_n_items (hits), g_timer_elapsed (timer, NULL));

      g_timer_start (timer);
      pl_filter_set_text (filter, typing[i]);
      g_test_minimized_result (g_timer_elapsed (timer, NULL), "“%s”: %u events in %.3f s",
                               typing[i], pl_filter_get_n_events (filter), g_timer_elapsed (timer, NULL));
    }
  pl_filter_set_text (filter, NULL);
  for (guint a = 0; a < 5; a++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", a * 13);

      g_timer_start (timer);
      pl_filter_set_active (filter, PL_FACET_ACTOR, id, TRUE);
      g_test_minimized_result (g_timer_elapsed (timer, NULL), "actor %s: %u events in %.3f s",
                               id, pl_filter_get_n_events (filter), g_timer_elapsed (timer, NULL));
    }
  g_timer_start (timer);
  pl_filter_clear (filter);
  g_test_minimized_result (g_timer_elapsed (timer, NULL), "clear: %.3f s", g_timer_elapsed (timer, NULL));

  g_clear_object (&filter);
  g_clear_object (&store);
  pl_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/filter/nothing-restricts", test_nothing_restricts);
  ADD ("/filter/facets/each-alone", test_each_facet_alone);
  ADD ("/filter/facets/or-within", test_or_within_facet);
  ADD ("/filter/facets/and-across", test_and_across_facets);
  ADD ("/filter/facets/unknown-values", test_unknown_values);
  ADD ("/filter/text/event-hit", test_text_event_hit);
  ADD ("/filter/text/via-quote", test_text_via_quote);
  ADD ("/filter/text/via-linked-records", test_text_via_linked_records);
  ADD ("/filter/text/prefix-and-case", test_text_prefix_and_case);
  ADD ("/filter/text/search-in-thread", test_text_search_in_thread);
  ADD ("/filter/text/hostile", test_text_hostile);
  ADD ("/filter/dates", test_dates);
  ADD ("/filter/counts/follow-other-facets", test_counts_follow_other_facets);
  ADD ("/filter/counts/two-failures", test_counts_two_failures);
  ADD ("/filter/empty-results", test_empty_results);
  ADD ("/filter/clear", test_clear);
  ADD ("/filter/signals/no-op-setters", test_changed_not_emitted_for_no_ops);
  ADD ("/filter/signals/one-items-changed", test_model_one_items_changed);
  ADD ("/filter/signals/changed-after-update", test_changed_after_update);
  ADD ("/filter/quotes", test_quotes);
  ADD ("/filter/actors", test_actors);
  ADD ("/filter/provisions", test_provisions);
  ADD ("/filter/marks/each-kind", test_marks_and_tags);
  ADD ("/filter/marks/actors", test_marks_actors);
  ADD ("/filter/marks/follow-notebook", test_marks_follow_notebook);
#undef ADD
  g_test_add_func ("/filter/facet-enum", test_facet_enum);
  g_test_add_func ("/filter/empty-dataset", test_empty_dataset);
  g_test_add_func ("/filter/bundled/text", test_bundled_text);
  g_test_add_func ("/filter/bundled/counts", test_bundled_counts);
  g_test_add_func ("/filter/bundled/model-follows", test_bundled_model_follows);
  g_test_add_func ("/filter/bundled/parts", test_bundled_parts);
  g_test_add_func ("/filter/bundled/search-pass", test_bundled_search_pass);
  if (g_test_perf ())
    g_test_add_func ("/filter/perf/100k-events", test_perf);

  return g_test_run ();
}
