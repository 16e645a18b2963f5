/* pl-filter.h — what the user narrows the story to: text, dates and facets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A filter holds the criteria the search field, the date range and the
 * facet chips set, and answers which events, quotes, actors and provisions
 * match them.  Criteria combine with AND across facets and OR within one
 * facet; a facet with nothing selected does not restrict.
 *
 * Events match when every criterion holds:
 *  - text: the event is a full-text hit, or one of its quotes, actors,
 *    themes or sources is ("Putin" finds Putin's events);
 *  - dates: the event's span, from the first day of its start to the last
 *    day of its end (or of its start when it has none), overlaps the range;
 *  - actor, theme, source, event kind, certainty: the event has one of the
 *    selected values;
 *  - mark ("starred", "highlighted", "note") and tag: the reader's own
 *    annotation of the event has one of the selected marks or tags.
 *
 * The mark and tag facets ask about the reader's annotations, which belong
 * to each item itself, so for quotes, actors and provisions they too are
 * the item's own: "Starred" lists starred events, starred quotes, starred
 * actors and starred provisions. An item without an annotation fails them
 * whenever one is active.
 *
 * Quotes match when every criterion holds:
 *  - text: the quote or its speaker is a hit;
 *  - dates: its said_on overlaps the range or, when it has none, one of its
 *    events does;
 *  - actor: its speaker is selected, or one of its events has a selected
 *    actor;
 *  - theme: one of its events or provisions has a selected theme;
 *  - source: its source is selected;
 *  - event kind, certainty: one of its events has a selected value, so a
 *    quote with no events fails these facets when they are active.
 *
 * Actors: an actor must pass the mark and tag facets by its own annotation.
 * When nothing else restricts, that is all.  Otherwise an actor also has to
 * appear in an event or speak a quote that matches every criterion but the
 * mark and tag facets,
 * or, when there is text, when it is a hit itself (its name, role or
 * summary), so that searching a name lists that person even where the
 * other criteria leave none of their events.
 *
 * Provisions match when every criterion that applies holds:
 *  - text: the provision or its treaty is a hit, or a quote supporting the
 *    provision is;
 *  - dates: its treaty's signing date overlaps the range (a treaty with no
 *    date fails an active range);
 *  - actor: one of the treaty's parties is selected;
 *  - theme, source: the provision has a selected value;
 *  - event kind and certainty do not apply to provisions and are ignored.
 *
 * Text is searched with pl_store_search(), so any typed text is safe; text
 * with nothing searchable in it (spaces, punctuation, emoji alone) does
 * not restrict, because it names no word to look for.
 *
 * Everything is recomputed once per change, after which "changed" is
 * emitted once; a setter that changes nothing emits nothing.  Facet counts
 * follow the other facets: pl_filter_count() gives the number of events
 * that match every criterion except the facet asked about and have the
 * value, so selecting a value never zeroes the other values of its own
 * facet ("Iran (12)" stays "Iran (12)" after "Russia" is selected).
 */
#pragma once

#include <gio/gio.h>

#include "pl-notebook.h"
#include "pl-store.h"

G_BEGIN_DECLS

typedef enum
{
  PL_FACET_ACTOR,
  PL_FACET_THEME,
  PL_FACET_SOURCE,
  PL_FACET_EVENT_KIND,
  PL_FACET_CERTAINTY,
  PL_FACET_MARK,          /* "starred", "highlighted", "note" */
  PL_FACET_TAG,           /* the tags the notebook uses */
  PL_N_FACETS,
} PlFacet;

#define PL_TYPE_FACET (pl_facet_get_type ())
GType pl_facet_get_type (void) G_GNUC_CONST;

#define PL_TYPE_FILTER (pl_filter_get_type ())
G_DECLARE_FINAL_TYPE (PlFilter, pl_filter, PL, FILTER, GObject)

PlFilter   *pl_filter_new              (PlStore     *store);
PlStore    *pl_filter_get_store        (PlFilter    *self);

/* The reader's annotations of the store's dataset, read by the mark and
 * tag facets and followed as they change; NULL for none.  Selected tags
 * that no annotation uses any more are dropped from the selection. */
void        pl_filter_set_notebook     (PlFilter    *self,
                                        PlNotebook  *notebook);
PlNotebook *pl_filter_get_notebook     (PlFilter    *self);

/* NULL or "" clears.  pl_filter_get_text() never returns NULL. */
void        pl_filter_set_text         (PlFilter    *self,
                                        const char  *text);
const char *pl_filter_get_text         (PlFilter    *self);

/* Sets the text as pl_filter_set_text() does, but looks its words up in a
 * thread: the filter keeps its matches until the search is done, then
 * takes the text and emits "changed" as usual. A later search, a
 * pl_filter_set_text() or a pl_filter_clear() replaces one under way,
 * which then changes nothing. Text with no word, or with the words
 * already searched, is taken at once. */
void        pl_filter_search           (PlFilter    *self,
                                        const char  *text);
gboolean    pl_filter_is_searching     (PlFilter    *self);

/* Julian days as pl_date_get_span() gives them, both days included; a
 * fractional day counts as the whole day, and reversed ends are swapped.
 * An item matches when its span overlaps the range. */
void        pl_filter_set_date_range   (PlFilter    *self,
                                        double       first_day,
                                        double       last_day);
gboolean    pl_filter_get_date_range   (PlFilter    *self,
                                        double      *first_day,
                                        double      *last_day);
void        pl_filter_clear_date_range (PlFilter    *self);

/* @value is a record id for the actor, theme and source facets, an enum
 * nick ("meeting", "confirmed") for event kind and certainty, "starred",
 * "highlighted" or "note" for marks and the tag itself for tags.  A value
 * the dataset does not have can never match, so selecting one is ignored. */
void        pl_filter_set_active       (PlFilter    *self,
                                        PlFacet      facet,
                                        const char  *value,
                                        gboolean     active);
gboolean    pl_filter_is_active        (PlFilter    *self,
                                        PlFacet      facet,
                                        const char  *value);
/* The selected values of @facet, sorted by strcmp(). */
GStrv       pl_filter_dup_values       (PlFilter    *self,
                                        PlFacet      facet);

/* Clears text, dates and every facet with one "changed". */
void        pl_filter_clear            (PlFilter    *self);
/* TRUE when no criterion restricts anything. */
gboolean    pl_filter_is_empty         (PlFilter    *self);

gboolean    pl_filter_match_event      (PlFilter    *self,
                                        PlEvent     *event);
gboolean    pl_filter_match_quote      (PlFilter    *self,
                                        PlQuote     *quote);
gboolean    pl_filter_match_actor      (PlFilter    *self,
                                        PlActor     *actor);
gboolean    pl_filter_match_provision  (PlFilter    *self,
                                        PlProvision *provision);

/* The matching events in the store's (chronological) order.  The filter
 * owns the model; it emits one items-changed per change of the filter that
 * changes which events match, and none when they stay the same. */
GListModel *pl_filter_get_events       (PlFilter    *self);
guint       pl_filter_get_n_events     (PlFilter    *self);

/* The matches of a filter's events model (pl_filter_get_events()) as
 * positions in its store's event list, ascending, for a view that reads
 * them all at once; valid until the model next changes. NULL, with
 * @n_positions 0, for any other model. */
const guint32 *pl_filter_events_peek_positions (GListModel  *model,
                                                PlStore    **store,
                                                guint       *n_positions);

/* The events of @events, which belong to @store, in its order, as an
 * array of pointers without a reference on each: they live as long as
 * @store. A filter's events are taken by their positions in the store. */
GPtrArray     *pl_filter_events_to_array       (GListModel  *events,
                                                PlStore     *store);

/* The number of events that match every criterion but @facet (text and
 * dates included) and have @value; 0 for a value the dataset lacks.  For
 * the mark and tag facets, whose values belong to every kind of item, the
 * quotes, actors and provisions that would match are counted too, so a
 * note written only on a quote still offers "With a Note (1)". */
guint       pl_filter_count            (PlFilter    *self,
                                        PlFacet      facet,
                                        const char  *value);

/* The number of the dataset's events linked to @record, an actor, a
 * theme or a source, whatever the criteria. */
guint       pl_filter_count_events_of  (PlFilter    *self,
                                        gpointer     record);

G_END_DECLS
