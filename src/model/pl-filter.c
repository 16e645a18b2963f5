/* pl-filter.c — what the user narrows the story to: text, dates and facets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search field changes the filter on every key, on datasets of up to
 * 100,000 events, so a change costs at most one full-text query (only when
 * the text changes) and one pass over flat arrays: each event's span, as
 * the store keeps it, and its facet values as small integers.  The
 * pass makes no allocation, no hash lookup and no SQL per event, and counts
 * every facet value on the way; on large datasets it is cut into parts
 * that run at once, one per processor.  See the header for what matches what.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-filter.h"
#include "pl-filter-private.h"
#include "pl-parallel.h"
#include "pl-search.h"

G_DEFINE_ENUM_TYPE (PlFacet, pl_facet,
  G_DEFINE_ENUM_VALUE (PL_FACET_ACTOR, "actor"),
  G_DEFINE_ENUM_VALUE (PL_FACET_THEME, "theme"),
  G_DEFINE_ENUM_VALUE (PL_FACET_SOURCE, "source"),
  G_DEFINE_ENUM_VALUE (PL_FACET_EVENT_KIND, "event-kind"),
  G_DEFINE_ENUM_VALUE (PL_FACET_CERTAINTY, "certainty"),
  G_DEFINE_ENUM_VALUE (PL_FACET_MARK, "mark"),
  G_DEFINE_ENUM_VALUE (PL_FACET_TAG, "tag"))

/* The values of the mark facet, in the order of mark_of(). */
static const char * const mark_names[] = { "starred", "highlighted", "note", NULL };

/* One facet's values numbered 0 .. n_values - 1: the records of a record
 * facet in the store's order, the values of an enum facet, or the names of
 * a named facet (marks and tags, which come from the reader's notebook). */
typedef struct
{
  GType        enum_type;   /* G_TYPE_INVALID for a record or named facet */
  GStrv        names;       /* named facets only */
  PlItemKind   kind;        /* of a record facet's records */
  guint        n_values;
  PlRecord   **records;     /* borrowed from the store; record facets only */

  /* Event i has the values links[offsets[i] .. offsets[i + 1]). */
  guint32     *offsets;
  guint32     *links;

  /* The same links the other way, record facets only: value v is on the
   * events value_events[value_offsets[v] .. value_offsets[v + 1]). */
  guint32     *value_offsets;
  guint32     *value_events;

  guint8      *selected;
  guint        n_selected;
  guint       *counts;
} Facet;

struct _PlFilter
{
  GObject      parent_instance;

  PlStore     *store;

  /* Fixed for the life of the store. */
  guint        n_all;
  PlEvent * const *events;      /* the store's own arrays: the events, */
  const float *first_days;      /* the first day each covers */
  const float *end_days;        /* and the day after its last */
  Facet        facets[PL_N_FACETS];

  /* The reader's annotations, which the mark and tag facets read. */
  PlNotebook  *notebook;

  /* The criteria. */
  char        *text;            /* never NULL */
  char        *query;           /* the FTS query of text; NULL when it has no word */
  GHashTable  *hits;            /* set of the PlRecord * the text hits, but events */
  GHashTable  *hit_provisions;  /* set of PlProvision * that hit quotes support */
  guint8      *event_text;      /* event i passes the text (a hit, or linked to one) */
  GCancellable *search;         /* the pl_filter_search() under way, or NULL */
  gboolean     has_range;
  double       range_first;     /* as set */
  double       range_last;
  double       range_lo;        /* whole days */
  double       range_hi;

  /* The results. */
  guint8      *matched;
  guint32     *matches;         /* indices of the matching events */
  guint32     *previous;        /* the matches the model holds before an update */
  guint        n_matches;
  GListModel  *model;           /* a view of matches, see PlFilterEvents */
  guint8      *actor_in_event;  /* the actor appears in an event matching all
                                 * but the annotation facets */
  guint8      *actor_speaks;    /* the actor speaks a quote matching all but
                                 * the annotation facets */
  gboolean     actor_speaks_valid;

  guint        n_parts;         /* of the pass over the events; 0 to choose */
  guint64      generation;      /* of the criteria, one up with each change */
};

G_DEFINE_FINAL_TYPE (PlFilter, pl_filter, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* The matching events as a list model                                */
/* ------------------------------------------------------------------ */

/* A list model that reads the filter's matches in place: a change costs
 * one items-changed and no copy, where a GListStore would rebuild a tree
 * of as many nodes as there are matches. The filter owns it; whoever
 * keeps it longer sees it emptied when the filter goes. */
#define PL_TYPE_FILTER_EVENTS (pl_filter_events_get_type ())
G_DECLARE_FINAL_TYPE (PlFilterEvents, pl_filter_events, PL, FILTER_EVENTS, GObject)

struct _PlFilterEvents
{
  GObject   parent_instance;
  PlFilter *filter;             /* weak: the filter owns this model */
};

static GType
pl_filter_events_get_item_type (GListModel *model)
{
  return PL_TYPE_EVENT;
}

static guint
pl_filter_events_get_n_items (GListModel *model)
{
  PlFilterEvents *self = (PlFilterEvents *) model;

  return self->filter != NULL ? self->filter->n_matches : 0;
}

static gpointer
pl_filter_events_get_item (GListModel *model,
                           guint       position)
{
  PlFilterEvents *self = (PlFilterEvents *) model;

  if (self->filter == NULL || position >= self->filter->n_matches)
    return NULL;
  return g_object_ref (self->filter->events[self->filter->matches[position]]);
}

static void
pl_filter_events_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_filter_events_get_item_type;
  iface->get_n_items = pl_filter_events_get_n_items;
  iface->get_item = pl_filter_events_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PlFilterEvents, pl_filter_events, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_filter_events_list_model_init))

static void pl_filter_events_class_init (PlFilterEventsClass *klass) { }
static void pl_filter_events_init (PlFilterEvents *self) { }

const guint32 *
pl_filter_events_peek_positions (GListModel  *model,
                                 PlStore    **store,
                                 guint       *n_positions)
{
  static const guint32 none[1] = { 0 };
  PlFilterEvents *self;

  *n_positions = 0;
  if (store != NULL)
    *store = NULL;
  if (!PL_IS_FILTER_EVENTS (model))
    return NULL;

  self = PL_FILTER_EVENTS (model);
  if (self->filter == NULL)
    return NULL;
  if (store != NULL)
    *store = self->filter->store;
  *n_positions = self->filter->n_matches;
  /* Never NULL for a filter's model, even with nothing matching. */
  return self->filter->matches != NULL ? self->filter->matches : none;
}

GPtrArray *
pl_filter_events_to_array (GListModel *events,
                           PlStore    *store)
{
  PlStore *of_store = NULL;
  guint n = 0;
  const guint32 *positions = pl_filter_events_peek_positions (events, &of_store, &n);
  GPtrArray *array;

  if (positions != NULL && of_store == store)
    {
      PlEvent * const *all = pl_store_peek_events (store, NULL, NULL, NULL);

      array = g_ptr_array_sized_new (MAX (n, 1));
      g_ptr_array_set_size (array, n);
      for (guint i = 0; i < n; i++)
        array->pdata[i] = all[positions[i]];
      return array;
    }

  n = g_list_model_get_n_items (events);
  array = g_ptr_array_sized_new (MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

      g_ptr_array_add (array, event);
    }
  return array;
}

static GListModel *
pl_filter_events_new (PlFilter *filter)
{
  PlFilterEvents *self = g_object_new (PL_TYPE_FILTER_EVENTS, NULL);

  self->filter = filter;
  return G_LIST_MODEL (self);
}

enum
{
  PROP_0,
  PROP_STORE,
  PROP_TEXT,
  PROP_N_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Building the arrays                                                */
/* ------------------------------------------------------------------ */

/* g_new0 (T, 0) is NULL, and memset() on NULL is undefined even for zero
 * bytes, so every array has at least one element. */
#define NEW0(type, n) g_new0 (type, MAX ((gsize) (n), 1))

/* A facet's links, which a search in a thread may still read after the
 * filter has replaced them (marks and tags change with the notebook):
 * counted references, released by each holder. */
#define NEW_LINKS(n) ((guint32 *) g_atomic_rc_box_alloc0 (sizeof (guint32) * MAX ((gsize) (n), 1)))

/* The number of a record facet's record, plus one; 0 when it is not one
 * of the facet's (the store numbers its records, see PlRecord.index). */
static inline guint
record_number (const Facet *f,
               gpointer     record)
{
  guint index = record != NULL ? PL_RECORD (record)->index : G_MAXUINT;

  return index < f->n_values && f->records[index] == record ? index + 1 : 0;
}

static void
facet_init_records (PlFilter   *self,
                    PlFacet     facet,
                    PlItemKind  kind)
{
  Facet *f = &self->facets[facet];
  GListModel *items = pl_store_get_items (self->store, kind);
  guint32 n_links = 0;

  f->enum_type = G_TYPE_INVALID;
  f->kind = kind;
  f->n_values = g_list_model_get_n_items (items);
  f->records = NEW0 (PlRecord *, f->n_values);

  for (guint i = 0; i < f->n_values; i++)
    {
      g_autoptr(PlRecord) record = g_list_model_get_item (items, i);

      /* The store's list keeps the record alive. */
      f->records[i] = record;
    }

  /* The store's own arrays of the links, held for as long as the facet
   * and any search that still reads them. */
  {
    const guint32 *offsets, *links;

    pl_store_peek_event_links (self->store, kind, &offsets, &links);
    f->offsets = g_atomic_rc_box_acquire ((gpointer) offsets);
    f->links = g_atomic_rc_box_acquire ((gpointer) links);
    n_links = f->offsets[self->n_all];
  }

  /* A counting sort of the links by value; events stay in order within
   * a value. */
  f->value_offsets = NEW0 (guint32, f->n_values + 1);
  f->value_events = NEW0 (guint32, n_links);
  for (guint32 k = 0; k < n_links; k++)
    f->value_offsets[f->links[k] + 1]++;
  for (guint v = 0; v < f->n_values; v++)
    f->value_offsets[v + 1] += f->value_offsets[v];
  {
    g_autofree guint32 *next = g_memdup2 (f->value_offsets, sizeof (guint32) * f->n_values);

    for (guint e = 0; e < self->n_all; e++)
      for (guint32 k = f->offsets[e]; k < f->offsets[e + 1]; k++)
        f->value_events[next[f->links[k]]++] = e;
  }
}

static void
facet_init_enum (PlFilter *self,
                 PlFacet   facet,
                 GType     enum_type)
{
  Facet *f = &self->facets[facet];
  GEnumClass *klass = g_type_class_ref (enum_type);
  guint32 n_links = 0;

  f->enum_type = enum_type;
  f->n_values = (guint) klass->maximum + 1;
  g_type_class_unref (klass);

  f->offsets = NEW_LINKS (self->n_all + 1);
  f->links = NEW_LINKS (self->n_all);
  for (guint e = 0; e < self->n_all; e++)
    {
      int value = facet == PL_FACET_EVENT_KIND
                  ? (int) self->events[e]->kind
                  : (int) self->events[e]->certainty;

      f->offsets[e] = n_links;
      if (value >= 0 && (guint) value < f->n_values)
        f->links[n_links++] = (guint32) value;
    }
  f->offsets[self->n_all] = n_links;
}

/* The mark facet's values are fixed; the tag facet's are the notebook's
 * tags and are filled by update_annotation_facets(). */
static void
facet_init_named (PlFilter           *self,
                  PlFacet             facet,
                  const char * const *names)
{
  Facet *f = &self->facets[facet];

  f->enum_type = G_TYPE_INVALID;
  f->names = g_strdupv ((char **) names);
  f->n_values = g_strv_length (f->names);
  f->offsets = NEW_LINKS (self->n_all + 1);
  f->links = NEW_LINKS (1);
}

static void
facet_clear (Facet *f)
{
  g_clear_pointer (&f->names, g_strfreev);
  g_clear_pointer (&f->records, g_free);
  g_clear_pointer (&f->offsets, g_atomic_rc_box_release);
  g_clear_pointer (&f->links, g_atomic_rc_box_release);
  g_clear_pointer (&f->value_offsets, g_free);
  g_clear_pointer (&f->value_events, g_free);
  g_clear_pointer (&f->selected, g_free);
  g_clear_pointer (&f->counts, g_free);
}

/* The number of @value in @facet, for ids and nicks from the caller. */
static gboolean
facet_lookup (PlFilter   *self,
              PlFacet     facet,
              const char *value,
              guint      *number)
{
  Facet *f = &self->facets[facet];

  if (value == NULL)
    return FALSE;

  if (f->names != NULL)
    {
      for (guint i = 0; i < f->n_values; i++)
        if (g_str_equal (f->names[i], value))
          {
            *number = i;
            return TRUE;
          }
      return FALSE;
    }
  else if (f->enum_type == G_TYPE_INVALID)
    {
      PlRecord *record = pl_store_lookup (self->store, f->kind, value);
      guint found = record_number (f, record);

      if (found == 0)
        return FALSE;
      *number = found - 1;
      return TRUE;
    }
  else
    {
      int v;

      if (!pl_enum_from_nick (f->enum_type, value, &v) || v < 0 || (guint) v >= f->n_values)
        return FALSE;
      *number = (guint) v;
      return TRUE;
    }
}

static const char *
facet_value_name (PlFilter *self,
                  PlFacet   facet,
                  guint     number)
{
  Facet *f = &self->facets[facet];

  if (f->names != NULL)
    return f->names[number];
  if (f->enum_type == G_TYPE_INVALID)
    return f->records[number]->id;
  return pl_enum_to_nick (f->enum_type, (int) number);
}

/* ------------------------------------------------------------------ */
/* Matching                                                           */
/* ------------------------------------------------------------------ */

static inline gboolean
text_restricts (PlFilter *self)
{
  return self->query != NULL;
}

static inline gboolean
is_hit (PlFilter *self,
        gpointer  record)
{
  return record != NULL && g_hash_table_contains (self->hits, record);
}

/* Whether the days @first .. @last meet the whole days @lo .. @hi. */
static inline gboolean
span_meets (double first,
            double last,
            double lo,
            double hi)
{
  return first <= hi && last >= lo;
}

static inline gboolean
span_in_range (PlFilter *self,
               guint32   first,
               guint32   last)
{
  return span_meets (first, last, self->range_lo, self->range_hi);
}

static gboolean
date_in_range (PlFilter     *self,
               const PlDate *date)
{
  guint32 first, last;

  return pl_date_get_span (date, &first, &last) && span_in_range (self, first, last);
}

static inline gboolean
event_in_range (PlFilter *self,
                guint     i)
{
  return span_meets (self->first_days[i], self->end_days[i] - 1, self->range_lo, self->range_hi);
}

static inline gboolean
event_has_selected (const Facet *f,
                    guint        i)
{
  for (guint32 k = f->offsets[i]; k < f->offsets[i + 1]; k++)
    if (f->selected[f->links[k]])
      return TRUE;
  return FALSE;
}

/* The record facet of @kind's records: actors, themes and sources. */
static gboolean
facet_of_kind (PlItemKind  kind,
               PlFacet    *facet)
{
  switch (kind)
    {
    case PL_ITEM_KIND_ACTOR:
      *facet = PL_FACET_ACTOR;
      return TRUE;
    case PL_ITEM_KIND_THEME:
      *facet = PL_FACET_THEME;
      return TRUE;
    case PL_ITEM_KIND_SOURCE:
      *facet = PL_FACET_SOURCE;
      return TRUE;
    case PL_ITEM_KIND_EVENT:
    case PL_ITEM_KIND_QUOTE:
    case PL_ITEM_KIND_PROVISION:
    case PL_ITEM_KIND_TREATY:
    case PL_ITEM_KIND_ERA:
    default:
      return FALSE;
    }
}

static guint
event_number (PlFilter *self,
              gpointer  event)
{
  guint index = event != NULL ? PL_RECORD (event)->index : G_MAXUINT;

  /* The store numbers its events; one of another store is not ours. */
  return index < self->n_all && self->events[index] == event ? index + 1 : 0;
}

static gboolean
record_selected (PlFilter *self,
                 PlFacet   facet,
                 gpointer  record)
{
  const Facet *f = &self->facets[facet];
  guint number;

  if (record == NULL)
    return FALSE;
  number = record_number (f, record);
  return number > 0 && f->selected[number - 1];
}

static gboolean
list_has_selected (PlFilter           *self,
                   PlFacet             facet,
                   const PlRecordList *list)
{
  for (guint k = 0; k < list->n_items; k++)
    if (record_selected (self, facet, list->items[k]))
      return TRUE;
  return FALSE;
}

/* For quotes, which borrow their events' facets. */
static gboolean
events_have_selected (PlFilter           *self,
                      PlFacet             facet,
                      const PlRecordList *events)
{
  for (guint k = 0; k < events->n_items; k++)
    {
      guint number = event_number (self, events->items[k]);

      if (number > 0 && event_has_selected (&self->facets[facet], number - 1))
        return TRUE;
    }
  return FALSE;
}

static inline gboolean
is_annotation_facet (guint facet)
{
  return facet == PL_FACET_MARK || facet == PL_FACET_TAG;
}

static gboolean
has_mark (const PlAnnotation *annotation,
          guint               mark)
{
  switch (mark)
    {
    case 0: return annotation->starred;
    case 1: return annotation->highlight != NULL;
    case 2: return pl_annotation_has_note (annotation);
    default: return FALSE;
    }
}

/* Whether an annotation passes the mark and tag facets, but @skip. */
static gboolean
annotation_selected (PlFilter           *self,
                     const PlAnnotation *annotation,
                     guint               skip)
{
  const Facet *marks = &self->facets[PL_FACET_MARK];
  const Facet *tags = &self->facets[PL_FACET_TAG];
  gboolean found;

  if (marks->n_selected > 0 && skip != PL_FACET_MARK)
    {
      found = FALSE;
      for (guint m = 0; m < marks->n_values && !found; m++)
        found = marks->selected[m] && has_mark (annotation, m);
      if (!found)
        return FALSE;
    }

  if (tags->n_selected > 0 && skip != PL_FACET_TAG)
    {
      found = FALSE;
      for (guint t = 0; t < tags->n_values && !found; t++)
        found = tags->selected[t] && pl_annotation_has_tag (annotation, tags->names[t]);
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* Whether an item's own annotation passes the mark and tag facets; an item
 * with no annotation fails any of them that is active. */
static gboolean
annotation_passes (PlFilter   *self,
                   PlItemKind  kind,
                   gpointer    record)
{
  const PlAnnotation *annotation;

  if (self->facets[PL_FACET_MARK].n_selected == 0 && self->facets[PL_FACET_TAG].n_selected == 0)
    return TRUE;
  if (record == NULL || self->notebook == NULL)
    return FALSE;
  annotation = pl_notebook_lookup (self->notebook, kind, PL_RECORD (record)->id);
  return annotation != NULL && annotation_selected (self, annotation, PL_N_FACETS);
}

/* TRUE when something other than the mark and tag facets restricts. */
static gboolean
base_restricts (PlFilter *self)
{
  if (self->query != NULL || self->has_range)
    return TRUE;
  for (guint f = 0; f < PL_N_FACETS; f++)
    if (!is_annotation_facet (f) && self->facets[f].n_selected > 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  guint               event;
  const PlAnnotation *annotation;
} EventAnnotation;

static int
compare_event_annotations (gconstpointer a,
                           gconstpointer b)
{
  guint x = ((const EventAnnotation *) a)->event;
  guint y = ((const EventAnnotation *) b)->event;

  return x < y ? -1 : x > y;
}

/* Rebuilds the events' values of the mark and tag facets from the
 * notebook. Tags come and go as the reader edits; a selected tag that is
 * still in use stays selected, one that is gone is dropped. */
static void
update_annotation_facets (PlFilter *self)
{
  static const char * const no_tags[] = { NULL };
  Facet *marks = &self->facets[PL_FACET_MARK];
  Facet *tags = &self->facets[PL_FACET_TAG];
  const char * const *tag_names = self->notebook != NULL ? pl_notebook_get_tags (self->notebook) : no_tags;
  GPtrArray *annotations = self->notebook != NULL ? pl_notebook_get_annotations (self->notebook) : NULL;
  g_autoptr(GHashTable) tag_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (EventAnnotation));
  GStrv old_names = tags->names;
  guint8 *old_selected = tags->selected;
  guint old_n = tags->n_values;
  guint32 n_marks = 0, n_tags = 0;
  guint p;

  tags->names = g_strdupv ((char **) tag_names);
  tags->n_values = g_strv_length (tags->names);
  tags->selected = NEW0 (guint8, tags->n_values);
  tags->n_selected = 0;
  g_free (tags->counts);
  tags->counts = NEW0 (guint, tags->n_values);
  for (guint t = 0; t < tags->n_values; t++)
    g_hash_table_insert (tag_index, tags->names[t], GUINT_TO_POINTER (t + 1));
  for (guint t = 0; t < old_n; t++)
    {
      guint number = old_selected[t] ? GPOINTER_TO_UINT (g_hash_table_lookup (tag_index, old_names[t])) : 0;

      if (number > 0)
        {
          tags->selected[number - 1] = TRUE;
          tags->n_selected++;
        }
    }
  g_strfreev (old_names);
  g_free (old_selected);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const PlAnnotation *annotation = annotations->pdata[i];
      EventAnnotation pair;
      PlRecord *event;
      guint number;

      if (annotation->item_kind != PL_ITEM_KIND_EVENT)
        continue;
      event = pl_store_lookup (self->store, PL_ITEM_KIND_EVENT, annotation->item_id);
      number = event != NULL ? event_number (self, event) : 0;
      if (number == 0)
        continue;   /* an orphan: its event is not in this dataset */
      pair.event = number - 1;
      pair.annotation = annotation;
      g_array_append_val (pairs, pair);
      n_marks += 3;
      n_tags += g_strv_length (annotation->tags);
    }
  g_array_sort (pairs, compare_event_annotations);

  /* New arrays, never rewritten in place: a search may be reading the
   * old ones. */
  g_atomic_rc_box_release (marks->links);
  marks->links = NEW_LINKS (n_marks);
  g_atomic_rc_box_release (tags->links);
  tags->links = NEW_LINKS (n_tags);
  g_atomic_rc_box_release (marks->offsets);
  marks->offsets = NEW_LINKS (self->n_all + 1);
  g_atomic_rc_box_release (tags->offsets);
  tags->offsets = NEW_LINKS (self->n_all + 1);
  n_marks = n_tags = 0;
  p = 0;
  for (guint e = 0; e < self->n_all; e++)
    {
      marks->offsets[e] = n_marks;
      tags->offsets[e] = n_tags;
      for (; p < pairs->len && g_array_index (pairs, EventAnnotation, p).event == e; p++)
        {
          const PlAnnotation *annotation = g_array_index (pairs, EventAnnotation, p).annotation;

          for (guint m = 0; m < marks->n_values; m++)
            if (has_mark (annotation, m))
              marks->links[n_marks++] = m;
          for (guint t = 0; annotation->tags[t] != NULL; t++)
            {
              guint number = GPOINTER_TO_UINT (g_hash_table_lookup (tag_index, annotation->tags[t]));

              if (number > 0)
                tags->links[n_tags++] = number - 1;
            }
        }
    }
  marks->offsets[self->n_all] = n_marks;
  tags->offsets[self->n_all] = n_tags;
}

typedef struct Pass Pass;
static void pass_free (Pass *pass);

/* What a text hits, in the filter's own terms: the events it passes and
 * the other records it hits. text_hits_fill() reads only what does not
 * change once the filter is made (its events, the record facets' links
 * both ways, the store's records and their links), so it may run in
 * another thread; text_hits_apply() takes the result in, in the
 * filter's. */
typedef struct
{
  char       *text;
  char       *query;            /* NULL when the text has no word */
  GHashTable *hits;
  GHashTable *hit_provisions;
  guint8     *event_text;
  Pass       *pass;             /* a search in a thread: the pass it runs
                                 * there with the hits, once they are in */
  gboolean    passed;
} TextHits;

static void
text_hits_free (TextHits *h)
{
  g_free (h->text);
  g_free (h->query);
  g_clear_pointer (&h->hits, g_hash_table_unref);
  g_clear_pointer (&h->hit_provisions, g_hash_table_unref);
  g_free (h->event_text);
  g_clear_pointer (&h->pass, pass_free);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TextHits, text_hits_free)

/* Hits nothing yet; takes @query. */
static TextHits *
text_hits_new (PlFilter   *self,
               const char *text,
               char       *query)
{
  TextHits *h = g_new0 (TextHits, 1);

  h->text = g_strdup (text);
  h->query = query;
  h->hits = g_hash_table_new (NULL, NULL);
  h->hit_provisions = g_hash_table_new (NULL, NULL);
  h->event_text = NEW0 (guint8, self->n_all);
  return h;
}

/* Turns the store's matches (events by position, other records) into
 * the sets and per-event flags the matching pass reads. */
static void
text_hits_fill (PlFilter  *self,
                TextHits  *h,
                GArray    *positions,
                GPtrArray *results)
{
  guint8 *facet_hit[PL_FACET_SOURCE + 1] = { NULL };

  /* Events, usually most of the hits, go to the flat array only, by their
   * position in the store's list, which is ours; the set answers the other
   * kinds.  The store owns the records for as long as this filter lives. */
  for (guint i = 0; i < positions->len; i++)
    {
      guint32 position = g_array_index (positions, guint32, i);

      if (position < self->n_all)
        h->event_text[position] = TRUE;
    }

  for (guint i = 0; i < results->len; i++)
    {
      PlRecord *record = results->pdata[i];
      PlFacet facet;
      guint number;

      g_hash_table_add (h->hits, record);

      if (pl_record_get_kind (record) == PL_ITEM_KIND_QUOTE)
        {
          PlQuote *quote = PL_QUOTE (record);

          for (guint k = 0; k < quote->events.n_items; k++)
            {
              number = event_number (self, quote->events.items[k]);
              if (number > 0)
                h->event_text[number - 1] = TRUE;
            }
          for (guint k = 0; k < quote->provisions.n_items; k++)
            g_hash_table_add (h->hit_provisions, quote->provisions.items[k]);
          continue;
        }
      if (!facet_of_kind (pl_record_get_kind (record), &facet))
        continue;

      number = record_number (&self->facets[facet], record);
      if (number > 0)
        {
          if (facet_hit[facet] == NULL)
            facet_hit[facet] = NEW0 (guint8, self->facets[facet].n_values);
          facet_hit[facet][number - 1] = TRUE;
        }
    }

  /* An event whose actor, theme or source is a hit is found by its name:
   * the hit values' own lists of events say which. */
  for (guint f = PL_FACET_ACTOR; f <= PL_FACET_SOURCE; f++)
    {
      const Facet *facet = &self->facets[f];

      if (facet_hit[f] == NULL)
        continue;
      for (guint v = 0; v < facet->n_values; v++)
        if (facet_hit[f][v])
          for (guint32 k = facet->value_offsets[v]; k < facet->value_offsets[v + 1]; k++)
            h->event_text[facet->value_events[k]] = TRUE;
      g_free (facet_hit[f]);
    }
}

/* Swaps @h's hits with the filter's: @h then holds the old ones. */
static void
text_hits_apply (PlFilter *self,
                 TextHits *h)
{
  char *query = self->query;
  GHashTable *hits = self->hits;
  GHashTable *hit_provisions = self->hit_provisions;
  guint8 *event_text = self->event_text;

  self->query = h->query;
  self->hits = h->hits;
  self->hit_provisions = h->hit_provisions;
  self->event_text = h->event_text;
  h->query = query;
  h->hits = hits;
  h->hit_provisions = hit_provisions;
  h->event_text = event_text;
}

/* Runs the text's one full-text query, here and now. */
static void
update_text_hits (PlFilter *self)
{
  g_autofree char *query = pl_search_build_query (self->text);
  g_autoptr(TextHits) h = NULL;

  /* Extra spaces and a trailing word of punctuation leave the query as it
   * was ("iran" and "iran -"); they need no second query. */
  if (g_strcmp0 (query, self->query) == 0)
    return;

  h = text_hits_new (self, self->text, g_steal_pointer (&query));
  if (h->query != NULL)
    {
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GPtrArray) results = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      /* Not expected for any text.  Matching nothing is honest; the query
       * is kept, so a different one is needed to search again. */
      if (pl_store_match_positions (self->store, self->text, positions, results, &error))
        text_hits_fill (self, h, positions, results);
      else
        g_warning ("Could not search for “%s”: %s", self->text, error->message);
    }
  text_hits_apply (self, h);
}

/* One splice from the last matches to the new ones, trimmed to the part
 * that differs so a list view keeps its rows and scroll position. */
static void
update_model (PlFilter *self,
              guint     n_old)
{
  guint n_new = self->n_matches;
  guint prefix = 0, suffix = 0, n_added;

  while (prefix < n_old && prefix < n_new && self->previous[prefix] == self->matches[prefix])
    prefix++;
  if (prefix == n_old && prefix == n_new)
    return;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && self->previous[n_old - 1 - suffix] == self->matches[n_new - 1 - suffix])
    suffix++;

  n_added = n_new - prefix - suffix;
  g_list_model_items_changed (self->model, prefix, n_old - prefix - suffix, n_added);
}

/* The pass over the events, with everything it reads of the criteria
 * and everything it writes.  The filter's own pass (recompute) points it
 * at the filter's arrays; a search in a thread gives it copies of the
 * criteria and arrays of its own, which the filter takes when the search
 * lands, unless the criteria changed in the meantime. */
struct Pass
{
  PlFilter     *filter;         /* read only for what never changes */
  guint64       generation;     /* of the criteria it was given */
  guint         n_parts;        /* as the filter was told, 0 to choose */
  Facet         facets[PL_N_FACETS];
  gboolean      by_text;
  const guint8 *event_text;
  gboolean      has_range;
  double        range_lo;
  double        range_hi;

  guint8       *matched;
  guint32      *matches;
  guint         n_matches;
  guint8       *actor_in_event;
  gboolean      owns;           /* the copies and arrays above are its own */
};

/* The pass is cut into parts, run at once on as many processors
 * (pl-parallel.c): each part counts into arrays of its own and writes its
 * matches where its events start in matches[], and the parts are then
 * summed and moved together.  Below this many events a part is not worth
 * a thread's wake-up. */
#define PART_MIN_EVENTS 32768

typedef struct
{
  Pass     *pass;
  guint     first;              /* the events first .. last - 1 */
  guint     last;
  guint     n_matches;          /* written at matches[first ..] */
  guint    *counts[PL_N_FACETS];
  guint8   *actor_in_event;
} Part;

static inline void
event_count (const Facet *f,
             guint       *counts,
             guint        i)
{
  for (guint32 k = f->offsets[i]; k < f->offsets[i + 1]; k++)
    counts[f->links[k]]++;
}

/* One part of the pass.  It reads the pass's criteria and what never
 * changes in the filter, and writes only the part's own: its counts, its
 * actors, its events' matched flags and its stretch of matches[]. */
static void
pass_part (Part *part)
{
  const Pass *pass = part->pass;
  PlFilter *self = pass->filter;
  const Facet *facets = pass->facets;
  const Facet *actors = &facets[PL_FACET_ACTOR];
  guint selected[PL_N_FACETS], n_selected = 0;
  guint counted[PL_N_FACETS], n_counted = 0;
  guint32 *matches = pass->matches + part->first;
  guint n = 0;

  /* A facet nobody picked from is not asked; one no event has a value
   * of (marks and tags, usually) is not counted. */
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      if (facets[f].n_selected > 0)
        selected[n_selected++] = f;
      if (facets[f].offsets[self->n_all] > 0)
        counted[n_counted++] = f;
    }

  for (guint i = part->first; i < part->last; i++)
    {
      guint n_failed = 0, n_failed_base = 0;
      guint failed = PL_N_FACETS;

      pass->matched[i] = FALSE;
      if (pass->by_text && !pass->event_text[i])
        continue;
      if (pass->has_range &&
          !span_meets (self->first_days[i], self->end_days[i] - 1, pass->range_lo, pass->range_hi))
        continue;

      /* An event failing one facet still counts for that facet's values:
       * that is what the count would be if the user picked them too. */
      for (guint s = 0; s < n_selected; s++)
        if (!event_has_selected (&facets[selected[s]], i))
          {
            n_failed++;
            n_failed_base += !is_annotation_facet (selected[s]);
            failed = selected[s];
          }

      /* Actors are matched by their own marks and tags, and otherwise by
       * the events that pass everything else. */
      if (n_failed_base == 0)
        for (guint32 k = actors->offsets[i]; k < actors->offsets[i + 1]; k++)
          part->actor_in_event[actors->links[k]] = TRUE;

      if (n_failed == 0)
        {
          pass->matched[i] = TRUE;
          matches[n++] = i;
          for (guint c = 0; c < n_counted; c++)
            event_count (&facets[counted[c]], part->counts[counted[c]], i);
        }
      else if (n_failed == 1)
        {
          event_count (&facets[failed], part->counts[failed], i);
        }
    }
  part->n_matches = n;
}

static void
run_part (guint    part,
          guint    n_parts,
          gpointer user_data)
{
  pass_part ((Part *) user_data + part);
}

/* Runs @pass over every event, in as many parts as it is worth. */
static void
pass_run (Pass *pass)
{
  PlFilter *self = pass->filter;
  guint n_parts = pass->n_parts > 0 ? MIN (pass->n_parts, PL_PARALLEL_MAX_PARTS)
                                    : pl_parallel_n_parts (self->n_all, PART_MIN_EVENTS);
  guint n_actors = pass->facets[PL_FACET_ACTOR].n_values;
  Part parts[PL_PARALLEL_MAX_PARTS] = { { 0 } };
  guint n;

  for (guint f = 0; f < PL_N_FACETS; f++)
    memset (pass->facets[f].counts, 0, sizeof (guint) * MAX (pass->facets[f].n_values, 1));
  memset (pass->actor_in_event, 0, MAX (n_actors, 1));

  for (guint p = 0; p < n_parts; p++)
    {
      Part *part = &parts[p];

      part->pass = pass;
      part->first = (guint) ((guint64) self->n_all * p / n_parts);
      part->last = (guint) ((guint64) self->n_all * (p + 1) / n_parts);
      /* The first part counts into the pass's own arrays. */
      for (guint f = 0; f < PL_N_FACETS; f++)
        part->counts[f] = p == 0 ? pass->facets[f].counts : NEW0 (guint, pass->facets[f].n_values);
      part->actor_in_event = p == 0 ? pass->actor_in_event : NEW0 (guint8, n_actors);
    }

  pl_parallel_run (n_parts, run_part, parts);

  n = parts[0].n_matches;
  for (guint p = 1; p < n_parts; p++)
    {
      Part *part = &parts[p];

      memmove (pass->matches + n, pass->matches + part->first, sizeof (guint32) * part->n_matches);
      n += part->n_matches;
      for (guint f = 0; f < PL_N_FACETS; f++)
        {
          for (guint v = 0; v < pass->facets[f].n_values; v++)
            pass->facets[f].counts[v] += part->counts[f][v];
          g_free (part->counts[f]);
        }
      for (guint v = 0; v < n_actors; v++)
        pass->actor_in_event[v] |= part->actor_in_event[v];
      g_free (part->actor_in_event);
    }
  pass->n_matches = n;
}

/* A pass over the filter's own criteria and arrays; the caller has made
 * self->matches free to write. */
static void
pass_init_in_place (Pass     *pass,
                    PlFilter *self)
{
  pass->filter = self;
  pass->generation = self->generation;
  pass->n_parts = self->n_parts;
  memcpy (pass->facets, self->facets, sizeof pass->facets);
  pass->by_text = text_restricts (self);
  pass->event_text = self->event_text;
  pass->has_range = self->has_range;
  pass->range_lo = self->range_lo;
  pass->range_hi = self->range_hi;
  pass->matched = self->matched;
  pass->matches = self->matches;
  pass->actor_in_event = self->actor_in_event;
  pass->owns = FALSE;
}

/* A pass for a search in a thread: the filter's criteria as they are
 * now, but the text, whose hits the search fills in @event_text. */
static Pass *
pass_new_copy (PlFilter     *self,
               const guint8 *event_text)
{
  Pass *pass = g_new0 (Pass, 1);

  pass_init_in_place (pass, self);
  pass->by_text = TRUE;
  pass->event_text = event_text;
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      Facet *facet = &pass->facets[f];

      /* Only what the pass reads, which the thread must be able to read
       * whatever the filter does meanwhile. */
      facet->names = NULL;
      facet->selected = g_memdup2 (facet->selected, MAX (facet->n_values, 1));
      facet->offsets = g_atomic_rc_box_acquire (facet->offsets);
      facet->links = g_atomic_rc_box_acquire (facet->links);
      facet->counts = NEW0 (guint, facet->n_values);
    }
  pass->matched = NEW0 (guint8, self->n_all);
  pass->matches = NEW0 (guint32, self->n_all);
  pass->actor_in_event = NEW0 (guint8, pass->facets[PL_FACET_ACTOR].n_values);
  pass->owns = TRUE;
  return pass;
}

static void
pass_free (Pass *pass)
{
  if (pass->owns)
    {
      for (guint f = 0; f < PL_N_FACETS; f++)
        {
          g_free (pass->facets[f].selected);
          g_atomic_rc_box_release (pass->facets[f].offsets);
          g_atomic_rc_box_release (pass->facets[f].links);
          g_free (pass->facets[f].counts);
        }
      g_free (pass->matched);
      g_free (pass->matches);
      g_free (pass->actor_in_event);
    }
  g_free (pass);
}

/* Takes @pass's results: its arrays and the filter's old ones change
 * places, and the model follows. */
static void
pass_apply (PlFilter *self,
            Pass     *pass)
{
  guint n_old = self->n_matches;
  guint32 *spare = self->previous;
  guint8 *matched = self->matched;
  guint8 *actor_in_event = self->actor_in_event;

  g_assert (pass->owns && pass->generation == self->generation);

  self->previous = self->matches;
  self->matches = pass->matches;
  pass->matches = spare;
  self->matched = pass->matched;
  pass->matched = matched;
  self->actor_in_event = pass->actor_in_event;
  pass->actor_in_event = actor_in_event;
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      guint *counts = self->facets[f].counts;

      self->facets[f].counts = pass->facets[f].counts;
      pass->facets[f].counts = counts;
    }
  self->actor_speaks_valid = FALSE;
  self->n_matches = pass->n_matches;
  self->generation++;
  update_model (self, n_old);
}

/* The one pass over the events: which match, and every facet's counts. */
static void
recompute (PlFilter *self)
{
  guint32 *swap;
  guint n_old = self->n_matches;
  Pass pass;

  swap = self->previous;
  self->previous = self->matches;
  self->matches = swap;
  self->actor_speaks_valid = FALSE;
  /* A search started before this change has no pass to give. */
  self->generation++;

  pass_init_in_place (&pass, self);
  pass_run (&pass);
  self->n_matches = pass.n_matches;
  update_model (self, n_old);
}

static void
announce_changed (PlFilter *self,
                  gboolean  text_changed,
                  guint     n_before)
{
  if (text_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  if (n_before != self->n_matches)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
emit_changed (PlFilter *self,
              gboolean  text_changed)
{
  guint n_before = self->n_matches;

  recompute (self);
  announce_changed (self, text_changed, n_before);
}

/* ------------------------------------------------------------------ */
/* The object                                                         */
/* ------------------------------------------------------------------ */

static void
pl_filter_constructed (GObject *object)
{
  PlFilter *self = PL_FILTER (object);
  guint n_actors;

  G_OBJECT_CLASS (pl_filter_parent_class)->constructed (object);

  g_assert (PL_IS_STORE (self->store));

  /* Every event covers days: the store reads none without a start. */
  self->events = pl_store_peek_events (self->store, &self->first_days, &self->end_days, &self->n_all);

  facet_init_records (self, PL_FACET_ACTOR, PL_ITEM_KIND_ACTOR);
  facet_init_records (self, PL_FACET_THEME, PL_ITEM_KIND_THEME);
  facet_init_records (self, PL_FACET_SOURCE, PL_ITEM_KIND_SOURCE);
  facet_init_enum (self, PL_FACET_EVENT_KIND, PL_TYPE_EVENT_KIND);
  facet_init_enum (self, PL_FACET_CERTAINTY, PL_TYPE_CERTAINTY);
  facet_init_named (self, PL_FACET_MARK, mark_names);
  facet_init_named (self, PL_FACET_TAG, (const char * const *) &(const char *) { NULL });

  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      Facet *facet = &self->facets[f];

      facet->selected = NEW0 (guint8, facet->n_values);
      facet->counts = NEW0 (guint, facet->n_values);
    }

  n_actors = self->facets[PL_FACET_ACTOR].n_values;
  self->actor_in_event = NEW0 (guint8, n_actors);
  self->actor_speaks = NEW0 (guint8, n_actors);

  self->event_text = NEW0 (guint8, self->n_all);
  self->matched = NEW0 (guint8, self->n_all);
  self->matches = NEW0 (guint32, self->n_all);
  self->previous = NEW0 (guint32, self->n_all);
  self->model = pl_filter_events_new (self);

  recompute (self);
}

static void
pl_filter_finalize (GObject *object)
{
  PlFilter *self = PL_FILTER (object);

  for (guint f = 0; f < PL_N_FACETS; f++)
    facet_clear (&self->facets[f]);

  /* Whoever still holds the model sees it emptied, as the contract of a
   * list model wants, rather than items that are gone. */
  ((PlFilterEvents *) self->model)->filter = NULL;
  if (self->n_matches > 0)
    g_list_model_items_changed (self->model, 0, self->n_matches, 0);
  g_clear_object (&self->model);
  self->events = NULL;
  self->first_days = self->end_days = NULL;
  g_clear_object (&self->search);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_clear_pointer (&self->hit_provisions, g_hash_table_unref);
  g_clear_pointer (&self->event_text, g_free);
  g_clear_pointer (&self->matched, g_free);
  g_clear_pointer (&self->matches, g_free);
  g_clear_pointer (&self->previous, g_free);
  g_clear_pointer (&self->actor_in_event, g_free);
  g_clear_pointer (&self->actor_speaks, g_free);
  g_clear_object (&self->notebook);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_filter_parent_class)->finalize (object);
}

static void
pl_filter_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlFilter *self = PL_FILTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->n_matches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_filter_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlFilter *self = PL_FILTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TEXT:
      pl_filter_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_filter_class_init (PlFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pl_filter_constructed;
  object_class->finalize = pl_filter_finalize;
  object_class->get_property = pl_filter_get_property;
  object_class->set_property = pl_filter_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Set before construction the text would search a store not yet read, so
   * it is not G_PARAM_CONSTRUCT. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlFilter::changed:
   *
   * Emitted once per change of the criteria, after the matching events,
   * the events model and the counts are up to date.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pl_filter_init (PlFilter *self)
{
  self->text = g_strdup ("");
  self->hits = g_hash_table_new (NULL, NULL);
  self->hit_provisions = g_hash_table_new (NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

/**
 * pl_filter_new:
 * @store: the dataset to filter
 *
 * Reads every event's span and links once, so later changes need no SQL
 * but the full-text query.
 *
 * Returns: (transfer full): a filter that restricts nothing
 */
PlFilter *
pl_filter_new (PlStore *store)
{
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  return g_object_new (PL_TYPE_FILTER, "store", store, NULL);
}

PlStore *
pl_filter_get_store (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), NULL);

  return self->store;
}

/* A search under way is dropped by any other change of the text. */
static void
cancel_search (PlFilter *self)
{
  if (self->search != NULL)
    {
      g_cancellable_cancel (self->search);
      g_clear_object (&self->search);
    }
}

void
pl_filter_set_text (PlFilter   *self,
                    const char *text)
{
  g_return_if_fail (PL_IS_FILTER (self));

  cancel_search (self);
  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  update_text_hits (self);
  emit_changed (self, TRUE);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PlFilter *self = source_object;
  TextHits *h = task_data;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  GError *error = NULL;

  if (!pl_store_match_positions_in_thread (self->store, h->text, positions, results, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  text_hits_fill (self, h, positions, results);
  if (g_task_return_error_if_cancelled (task))
    return;
  pass_run (h->pass);
  h->passed = TRUE;
  g_task_return_boolean (task, TRUE);
}

static void
search_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PlFilter *self = PL_FILTER (source_object);
  GTask *task = G_TASK (result);
  TextHits *h = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A search another change of the text replaced has nothing to say. */
  if (!g_task_propagate_boolean (task, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (task) != self->search)
    return;
  g_clear_object (&self->search);

  /* As for a search made at once: a failure matches nothing. */
  if (error != NULL)
    g_warning ("Could not search for “%s”: %s", h->text, error->message);

  g_free (self->text);
  self->text = g_strdup (h->text);
  text_hits_apply (self, h);

  /* The pass ran in the thread with the criteria of the time the search
   * started; while they are still the filter's, its results stand. */
  if (h->passed && h->pass->generation == self->generation)
    {
      guint n_before = self->n_matches;

      pass_apply (self, h->pass);
      announce_changed (self, TRUE, n_before);
    }
  else
    emit_changed (self, TRUE);
}

void
pl_filter_search (PlFilter   *self,
                  const char *text)
{
  g_autoptr(GTask) task = NULL;
  TextHits *h;
  char *query;

  g_return_if_fail (PL_IS_FILTER (self));

  /* The text it has, no word, or the words searched already: nothing to
   * look up, and pl_filter_set_text() does the rest. */
  query = text != NULL ? pl_search_build_query (text) : NULL;
  if (query == NULL || g_strcmp0 (text, self->text) == 0 || g_strcmp0 (query, self->query) == 0)
    {
      g_free (query);
      pl_filter_set_text (self, text);
      return;
    }

  cancel_search (self);
  self->search = g_cancellable_new ();
  task = g_task_new (self, self->search, search_done, NULL);
  g_task_set_source_tag (task, pl_filter_search);
  h = text_hits_new (self, text, query);
  h->pass = pass_new_copy (self, h->event_text);
  g_task_set_task_data (task, h, (GDestroyNotify) text_hits_free);
  g_task_run_in_thread (task, search_thread);
}

void
pl_filter_set_n_parts (PlFilter *self,
                       guint     n_parts)
{
  g_return_if_fail (PL_IS_FILTER (self));

  self->n_parts = n_parts;
  recompute (self);
}

gboolean
pl_filter_is_searching (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);

  return self->search != NULL;
}

const char *
pl_filter_get_text (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), NULL);

  return self->text;
}

void
pl_filter_set_date_range (PlFilter *self,
                          double    first_day,
                          double    last_day)
{
  g_return_if_fail (PL_IS_FILTER (self));
  g_return_if_fail (!isnan (first_day) && !isnan (last_day));

  /* A range dragged leftwards arrives reversed. */
  if (first_day > last_day)
    {
      double swap = first_day;

      first_day = last_day;
      last_day = swap;
    }

  if (self->has_range && self->range_first == first_day && self->range_last == last_day)
    return;

  self->has_range = TRUE;
  self->range_first = first_day;
  self->range_last = last_day;
  self->range_lo = floor (first_day);
  self->range_hi = floor (last_day);
  emit_changed (self, FALSE);
}

gboolean
pl_filter_get_date_range (PlFilter *self,
                          double   *first_day,
                          double   *last_day)
{
  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);

  if (!self->has_range)
    return FALSE;
  if (first_day != NULL)
    *first_day = self->range_first;
  if (last_day != NULL)
    *last_day = self->range_last;
  return TRUE;
}

void
pl_filter_clear_date_range (PlFilter *self)
{
  g_return_if_fail (PL_IS_FILTER (self));

  if (!self->has_range)
    return;
  self->has_range = FALSE;
  emit_changed (self, FALSE);
}

void
pl_filter_set_active (PlFilter   *self,
                      PlFacet     facet,
                      const char *value,
                      gboolean    active)
{
  Facet *f;
  guint number;

  g_return_if_fail (PL_IS_FILTER (self));
  g_return_if_fail ((guint) facet < PL_N_FACETS);
  g_return_if_fail (value != NULL);

  if (!facet_lookup (self, facet, value, &number))
    {
      g_debug ("Ignoring “%s”, which the dataset has no %s of",
               value, pl_enum_to_nick (PL_TYPE_FACET, facet));
      return;
    }

  f = &self->facets[facet];
  active = !!active;
  if (f->selected[number] == active)
    return;

  f->selected[number] = active;
  if (active)
    f->n_selected++;
  else
    f->n_selected--;
  emit_changed (self, FALSE);
}

gboolean
pl_filter_is_active (PlFilter   *self,
                     PlFacet     facet,
                     const char *value)
{
  guint number;

  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);
  g_return_val_if_fail ((guint) facet < PL_N_FACETS, FALSE);

  return facet_lookup (self, facet, value, &number) && self->facets[facet].selected[number];
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * pl_filter_dup_values:
 * @self: a filter
 * @facet: a facet
 *
 * Returns: (transfer full): the selected values of @facet, sorted
 */
GStrv
pl_filter_dup_values (PlFilter *self,
                      PlFacet   facet)
{
  GPtrArray *values;
  const Facet *f;

  g_return_val_if_fail (PL_IS_FILTER (self), NULL);
  g_return_val_if_fail ((guint) facet < PL_N_FACETS, NULL);

  f = &self->facets[facet];
  values = g_ptr_array_new ();
  for (guint i = 0; i < f->n_values; i++)
    if (f->selected[i])
      g_ptr_array_add (values, g_strdup (facet_value_name (self, facet, i)));
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);

  return (GStrv) g_ptr_array_free (values, FALSE);
}

void
pl_filter_clear (PlFilter *self)
{
  gboolean text_changed, anything = FALSE;

  g_return_if_fail (PL_IS_FILTER (self));

  text_changed = self->text[0] != '\0';
  anything = text_changed || self->has_range;

  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      Facet *facet = &self->facets[f];

      if (facet->n_selected == 0)
        continue;
      memset (facet->selected, 0, MAX (facet->n_values, 1));
      facet->n_selected = 0;
      anything = TRUE;
    }

  cancel_search (self);
  if (!anything)
    return;

  if (text_changed)
    {
      g_free (self->text);
      self->text = g_strdup ("");
      update_text_hits (self);
    }
  self->has_range = FALSE;
  emit_changed (self, text_changed);
}

gboolean
pl_filter_is_empty (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), TRUE);

  if (text_restricts (self) || self->has_range)
    return FALSE;
  for (guint f = 0; f < PL_N_FACETS; f++)
    if (self->facets[f].n_selected > 0)
      return FALSE;
  return TRUE;
}

gboolean
pl_filter_match_event (PlFilter *self,
                       PlEvent  *event)
{
  guint number;

  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);
  g_return_val_if_fail (PL_IS_EVENT (event), FALSE);

  number = event_number (self, event);
  return number > 0 && self->matched[number - 1];
}

/* Every criterion but the mark and tag facets. */
static gboolean
match_quote_base (PlFilter *self,
                  PlQuote  *quote)
{
  const Facet *facets = self->facets;

  if (text_restricts (self) && !is_hit (self, quote) && !is_hit (self, quote->speaker))
    return FALSE;

  if (self->has_range)
    {
      gboolean in_range = FALSE;

      if (pl_date_is_valid (&quote->said_on))
        in_range = date_in_range (self, &quote->said_on);
      else
        for (guint k = 0; k < quote->events.n_items && !in_range; k++)
          {
            guint number = event_number (self, quote->events.items[k]);
            in_range = number > 0 && event_in_range (self, number - 1);
          }
      if (!in_range)
        return FALSE;
    }

  if (facets[PL_FACET_ACTOR].n_selected > 0
      && !record_selected (self, PL_FACET_ACTOR, quote->speaker)
      && !events_have_selected (self, PL_FACET_ACTOR, &quote->events))
    return FALSE;

  if (facets[PL_FACET_THEME].n_selected > 0
      && !events_have_selected (self, PL_FACET_THEME, &quote->events))
    {
      gboolean found = FALSE;

      for (guint k = 0; k < quote->provisions.n_items && !found; k++)
        found = list_has_selected (self, PL_FACET_THEME, &PL_PROVISION (quote->provisions.items[k])->themes);
      if (!found)
        return FALSE;
    }

  if (facets[PL_FACET_SOURCE].n_selected > 0
      && !record_selected (self, PL_FACET_SOURCE, quote->source))
    return FALSE;

  if (facets[PL_FACET_EVENT_KIND].n_selected > 0
      && !events_have_selected (self, PL_FACET_EVENT_KIND, &quote->events))
    return FALSE;

  if (facets[PL_FACET_CERTAINTY].n_selected > 0
      && !events_have_selected (self, PL_FACET_CERTAINTY, &quote->events))
    return FALSE;

  return TRUE;
}

gboolean
pl_filter_match_quote (PlFilter *self,
                       PlQuote  *quote)
{
  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);
  g_return_val_if_fail (PL_IS_QUOTE (quote), FALSE);

  return annotation_passes (self, PL_ITEM_KIND_QUOTE, quote) && match_quote_base (self, quote);
}

/* Which actors speak a matching quote, worked out only when an actor is
 * asked about, since most changes never need it. */
static void
update_speakers (PlFilter *self)
{
  GListModel *quotes = pl_store_get_items (self->store, PL_ITEM_KIND_QUOTE);
  const Facet *actors = &self->facets[PL_FACET_ACTOR];
  guint n = g_list_model_get_n_items (quotes);

  memset (self->actor_speaks, 0, MAX (actors->n_values, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);
      guint number;

      if (quote->speaker == NULL)
        continue;
      number = record_number (actors, quote->speaker);
      if (number > 0 && !self->actor_speaks[number - 1] && match_quote_base (self, quote))
        self->actor_speaks[number - 1] = TRUE;
    }
  self->actor_speaks_valid = TRUE;
}

/* Every criterion but the mark and tag facets. */
static gboolean
match_actor_base (PlFilter *self,
                  PlActor  *actor)
{
  guint number;

  if (!base_restricts (self))
    return TRUE;

  if (text_restricts (self) && is_hit (self, actor))
    return TRUE;

  number = record_number (&self->facets[PL_FACET_ACTOR], actor);
  if (number == 0)
    return FALSE;
  if (self->actor_in_event[number - 1])
    return TRUE;

  if (!self->actor_speaks_valid)
    update_speakers (self);
  return self->actor_speaks[number - 1];
}

gboolean
pl_filter_match_actor (PlFilter *self,
                       PlActor  *actor)
{
  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);
  g_return_val_if_fail (PL_IS_ACTOR (actor), FALSE);

  return annotation_passes (self, PL_ITEM_KIND_ACTOR, actor) && match_actor_base (self, actor);
}

/* Every criterion but the mark and tag facets. */
static gboolean
match_provision_base (PlFilter    *self,
                      PlProvision *provision)
{
  PlTreaty *treaty = provision->treaty;

  if (text_restricts (self) && !is_hit (self, provision) && !is_hit (self, treaty)
      && !g_hash_table_contains (self->hit_provisions, provision))
    return FALSE;

  if (self->has_range && (treaty == NULL || !date_in_range (self, &treaty->signed_on)))
    return FALSE;

  if (self->facets[PL_FACET_ACTOR].n_selected > 0
      && (treaty == NULL || !list_has_selected (self, PL_FACET_ACTOR, &treaty->parties)))
    return FALSE;

  if (self->facets[PL_FACET_THEME].n_selected > 0
      && !list_has_selected (self, PL_FACET_THEME, &provision->themes))
    return FALSE;

  if (self->facets[PL_FACET_SOURCE].n_selected > 0
      && !list_has_selected (self, PL_FACET_SOURCE, &provision->sources))
    return FALSE;

  /* Event kind and certainty describe events; a provision has neither. */
  return TRUE;
}

gboolean
pl_filter_match_provision (PlFilter    *self,
                           PlProvision *provision)
{
  g_return_val_if_fail (PL_IS_FILTER (self), FALSE);
  g_return_val_if_fail (PL_IS_PROVISION (provision), FALSE);

  return annotation_passes (self, PL_ITEM_KIND_PROVISION, provision) && match_provision_base (self, provision);
}

/* For the mark and tag facets: the quotes, actors and provisions whose own
 * annotation has @number of @facet and that pass everything but @facet. */
static guint
count_annotated_items (PlFilter *self,
                       PlFacet   facet,
                       guint     number)
{
  GPtrArray *annotations;
  guint count = 0;

  if (self->notebook == NULL)
    return 0;

  annotations = pl_notebook_get_annotations (self->notebook);
  for (guint i = 0; i < annotations->len; i++)
    {
      const PlAnnotation *annotation = annotations->pdata[i];
      PlRecord *record;
      gboolean has, match;

      if (annotation->item_kind != PL_ITEM_KIND_QUOTE && annotation->item_kind != PL_ITEM_KIND_ACTOR &&
          annotation->item_kind != PL_ITEM_KIND_PROVISION)
        continue;

      has = facet == PL_FACET_MARK ? has_mark (annotation, number)
                                   : pl_annotation_has_tag (annotation, self->facets[PL_FACET_TAG].names[number]);
      if (!has || !annotation_selected (self, annotation, facet))
        continue;

      record = pl_store_lookup (self->store, annotation->item_kind, annotation->item_id);
      if (record == NULL)
        continue;   /* an orphan */
      match = PL_IS_QUOTE (record) ? match_quote_base (self, PL_QUOTE (record))
            : PL_IS_ACTOR (record) ? match_actor_base (self, PL_ACTOR (record))
            : match_provision_base (self, PL_PROVISION (record));
      count += match;
    }
  return count;
}

static void
notebook_changed (PlFilter *self)
{
  update_annotation_facets (self);
  emit_changed (self, FALSE);
}

/* The reader's annotations of the store's dataset, which the mark and tag
 * facets filter by; NULL for none. The filter follows the notebook's
 * changes: a note saved, a star removed, a tag added. */
void
pl_filter_set_notebook (PlFilter   *self,
                        PlNotebook *notebook)
{
  g_return_if_fail (PL_IS_FILTER (self));
  g_return_if_fail (notebook == NULL || PL_IS_NOTEBOOK (notebook));

  if (self->notebook == notebook)
    return;

  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_set_object (&self->notebook, notebook);
  if (notebook != NULL)
    g_signal_connect_object (notebook, "changed", G_CALLBACK (notebook_changed), self, G_CONNECT_SWAPPED);
  notebook_changed (self);
}

PlNotebook *
pl_filter_get_notebook (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), NULL);

  return self->notebook;
}

/**
 * pl_filter_get_events:
 * @self: a filter
 *
 * Returns: (transfer none): the matching events, in the store's order
 */
GListModel *
pl_filter_get_events (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), NULL);

  return G_LIST_MODEL (self->model);
}

guint
pl_filter_get_n_events (PlFilter *self)
{
  g_return_val_if_fail (PL_IS_FILTER (self), 0);

  return self->n_matches;
}

guint
pl_filter_count (PlFilter   *self,
                 PlFacet     facet,
                 const char *value)
{
  guint number;

  g_return_val_if_fail (PL_IS_FILTER (self), 0);
  g_return_val_if_fail ((guint) facet < PL_N_FACETS, 0);

  if (!facet_lookup (self, facet, value, &number))
    return 0;
  if (is_annotation_facet (facet))
    return self->facets[facet].counts[number] + count_annotated_items (self, facet, number);
  return self->facets[facet].counts[number];
}

guint
pl_filter_count_events_of (PlFilter *self,
                           gpointer  record)
{
  PlFacet facet;
  const Facet *f;
  guint number;

  g_return_val_if_fail (PL_IS_FILTER (self), 0);
  g_return_val_if_fail (PL_IS_RECORD (record), 0);
  if (!facet_of_kind (pl_record_get_kind (record), &facet))
    g_return_val_if_reached (0);

  /* The links the other way already say it. */
  f = &self->facets[facet];
  number = record_number (f, record);
  return number > 0 ? f->value_offsets[number] - f->value_offsets[number - 1] : 0;
}
