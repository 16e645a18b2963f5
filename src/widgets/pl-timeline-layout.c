/* pl-timeline-layout.c — builds the timeline's lanes and places its items for a view
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each lane keeps its events' first days sorted, so the events in view are
 * found by binary search and clustered in time proportional to the screen,
 * not the dataset. Items are filled and measured in a frame-clock tick
 * before the layout phase: changing their labels while allocating would
 * make GTK resize up the tree in the middle of a frame.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pl-parallel.h"
#include "pl-timeline-private.h"

void
pl_timeline_lane_free (Lane *lane)
{
  g_free (lane->title);
  g_clear_pointer (&lane->days, g_array_unref);
  g_clear_pointer (&lane->events, g_ptr_array_unref);
  g_ptr_array_unref (lane->long_events);
  g_free (lane->coverage);
  g_free (lane);
}

static Lane *
lane_new (const char *title)
{
  Lane *lane = g_new0 (Lane, 1);

  lane->title = g_strdup (title);
  lane->days = g_array_new (FALSE, FALSE, sizeof (double));
  lane->events = g_ptr_array_new ();
  lane->long_events = g_ptr_array_new ();
  return lane;
}

/* Exactly @n events: the lane is then filled in place, one store each,
 * with no growing and no checks per event.  The arrays of a lane no
 * longer shown are used again when @spare has one: at a million events
 * new arrays for every lane each time the filter changes cost as much
 * again as filling them, in the kernel's fresh pages. */
static void
lane_reserve (Lane      *lane,
              guint      n,
              GPtrArray *spare)
{
  if (spare != NULL && spare->len > 0)
    {
      Lane *old = g_ptr_array_steal_index (spare, 0);

      g_array_unref (lane->days);
      g_ptr_array_unref (lane->events);
      lane->days = g_steal_pointer (&old->days);
      lane->events = g_steal_pointer (&old->events);
      pl_timeline_lane_free (old);
    }
  else
    {
      g_array_unref (lane->days);
      lane->days = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      g_ptr_array_unref (lane->events);
      lane->events = g_ptr_array_sized_new (n);
    }
  g_array_set_size (lane->days, n);
  g_ptr_array_set_size (lane->events, n);
}

static int
compare_first_day (gconstpointer a,
                   gconstpointer b)
{
  double x = (*(PlEvent * const *) a)->first_day;
  double y = (*(PlEvent * const *) b)->first_day;

  return x < y ? -1 : x > y;
}

static int
compare_lane_size (gconstpointer a,
                   gconstpointer b)
{
  const Lane *la = *(Lane * const *) a;
  const Lane *lb = *(Lane * const *) b;

  if (la->events->len != lb->events->len)
    return la->events->len > lb->events->len ? -1 : 1;
  return g_utf8_collate (la->title, lb->title);
}

/* The lanes are filled in parts, run at once (pl-parallel.c) on large
 * datasets: each part first counts its events per lane, then writes them
 * where its share of each lane starts; a part's long events are kept
 * apart and joined in order afterwards. */
#define LANE_PART_MIN_EVENTS 65536

typedef struct
{
  guint       first;            /* the positions first .. last - 1 */
  guint       last;
  guint      *counts;           /* per lane: this part's events in it */
  guint      *next;             /* per lane: where its next event goes */
  GPtrArray **long_events;      /* per lane, made when needed */
  double     *longest;          /* per lane */
  double     *first_long;       /* per lane: the first day of its first */
  double     *last_long;        /* and of its last long event */
  guint8     *unsorted;         /* per lane: its long events out of order */
} LanePart;

/* Everything lanes are made from: the store's own arrays, which live as
 * long as the store the source holds, and copies of the rest, so lanes
 * can be made in another thread while the timeline goes on. */
typedef struct
{
  PlStore         *store;       /* held */
  PlLaneMode       mode;
  guint            n_parts;     /* 0 to choose */
  PlEvent * const *events;      /* by position in the store */
  const float     *first;
  const float     *end;
  const guint32   *offsets;     /* each event's lanes; NULL without lanes */
  const guint32   *links;
  guint32         *positions;   /* the events to place, in order */
  guint            n;
  GPtrArray       *titles;      /* the lanes of the store's themes or actors */
  char            *unsorted_title;
  GPtrArray       *spare;       /* lanes no longer shown, their arrays to reuse */
} LaneSource;

static void
lane_source_free (LaneSource *src)
{
  g_clear_object (&src->store);
  g_free (src->positions);
  g_clear_pointer (&src->titles, g_ptr_array_unref);
  g_free (src->unsorted_title);
  g_clear_pointer (&src->spare, g_ptr_array_unref);
  g_free (src);
}

typedef struct
{
  const LaneSource *src;
  GCancellable  *cancellable;   /* checked now and then while filling */
  const guint32 *positions;
  guint          n_records;     /* lanes 0 .. n_records - 1 are the records';
                                 * lane n_records has events with none */
  gboolean       filling;       /* counting when FALSE */
  double       **days;          /* per lane, once counted */
  PlEvent     ***events;
  LanePart       parts[PL_PARALLEL_MAX_PARTS];
} LaneFill;

static inline void
part_add (LaneFill *fill,
          LanePart *part,
          guint     lane,
          PlEvent  *event,
          double    first,
          double    end)
{
  guint at = part->next[lane]++;

  fill->days[lane][at] = first;
  fill->events[lane][at] = event;
  if (G_UNLIKELY (end - first > 3.0))
    {
      if (part->long_events[lane] == NULL)
        {
          part->long_events[lane] = g_ptr_array_new ();
          part->first_long[lane] = first;
        }
      else if (part->last_long[lane] > first)
        part->unsorted[lane] = TRUE;
      part->last_long[lane] = first;
      g_ptr_array_add (part->long_events[lane], event);
      part->longest[lane] = MAX (part->longest[lane], end - first);
    }
}

static void
fill_part (guint    index,
           guint    n_parts,
           gpointer user_data)
{
  LaneFill *fill = user_data;
  LanePart *part = &fill->parts[index];
  const LaneSource *src = fill->src;
  gboolean by_links = src->offsets != NULL;
  guint n_records = fill->n_records;

  for (guint i = part->first; i < part->last; i++)
    {
      guint32 position = fill->positions[i];
      guint32 from = 0, to = 0;

      /* Lanes nobody will show are not finished. */
      if (G_UNLIKELY ((i & 0xffff) == 0) && g_cancellable_is_cancelled (fill->cancellable))
        break;

      if (by_links)
        {
          from = src->offsets[position];
          to = src->offsets[position + 1];
        }

      if (!fill->filling)
        {
          for (guint32 l = from; l < to; l++)
            if (src->links[l] < n_records)
              part->counts[src->links[l]]++;
          if (from == to)
            part->counts[n_records]++;
          continue;
        }

      /* An event stands in the lane of each of its themes or actors, so
       * every lane tells its whole story. */
      {
        PlEvent *event = src->events[position];
        double first = src->first[position];
        double end = src->end[position];

        for (guint32 l = from; l < to; l++)
          if (src->links[l] < n_records)
            part_add (fill, part, src->links[l], event, first, end);
        if (from == to)
          part_add (fill, part, n_records, event, first, end);
      }
    }
}

/* Lane @lane's long events from every part, in order. */
static void
join_long_events (LaneFill *fill,
                  guint     n_parts,
                  guint     lane,
                  Lane     *into)
{
  gboolean any = FALSE;

  for (guint p = 0; p < n_parts; p++)
    {
      LanePart *part = &fill->parts[p];
      GPtrArray *long_events = part->long_events[lane];

      if (long_events == NULL)
        continue;
      if (part->unsorted[lane] || (any && into->last_long_first > part->first_long[lane]))
        into->unsorted = TRUE;
      any = TRUE;
      into->last_long_first = part->last_long[lane];
      into->longest = MAX (into->longest, part->longest[lane]);
      g_ptr_array_extend_and_steal (into->long_events, long_events);
      part->long_events[lane] = NULL;
    }
}

/* The lanes of @src, in the order they are shown; NULL when @cancellable
 * was cancelled first. */
static GPtrArray *
make_lanes (const LaneSource *src,
            GCancellable     *cancellable)
{
  g_autoptr(GPtrArray) by_record = g_ptr_array_new ();
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_timeline_lane_free);
  LaneFill fill = { src, cancellable, src->positions };
  guint n = src->n;
  guint n_parts, n_lanes;
  Lane *unsorted = NULL;

  /* A lane per theme or actor, by the record's position in the store. */
  for (guint i = 0; src->titles != NULL && i < src->titles->len; i++)
    g_ptr_array_add (by_record, lane_new (src->titles->pdata[i]));

  fill.n_records = by_record->len;
  n_lanes = by_record->len + 1;
  n_parts = src->n_parts > 0 ? MIN (src->n_parts, PL_PARALLEL_MAX_PARTS)
                             : pl_parallel_n_parts (n, LANE_PART_MIN_EVENTS);
  for (guint p = 0; p < n_parts; p++)
    {
      LanePart *part = &fill.parts[p];

      part->first = (guint) ((guint64) n * p / n_parts);
      part->last = (guint) ((guint64) n * (p + 1) / n_parts);
      part->counts = g_new0 (guint, n_lanes);
      part->next = g_new0 (guint, n_lanes);
      part->long_events = g_new0 (GPtrArray *, n_lanes);
      part->longest = g_new0 (double, n_lanes);
      part->first_long = g_new0 (double, n_lanes);
      part->last_long = g_new0 (double, n_lanes);
      part->unsorted = g_new0 (guint8, n_lanes);
    }

  /* How many events each lane gets, so each is filled in place at its
   * size, each part from where the parts before it end. */
  pl_parallel_run (n_parts, fill_part, &fill);
  {
    g_autofree guint *totals = g_new0 (guint, n_lanes);

    for (guint lane = 0; lane < n_lanes; lane++)
      for (guint p = 0; p < n_parts; p++)
        {
          fill.parts[p].next[lane] = totals[lane];
          totals[lane] += fill.parts[p].counts[lane];
        }
    if (totals[by_record->len] > 0)
      {
        unsorted = lane_new (src->unsorted_title);
        g_ptr_array_add (by_record, unsorted);
      }
    fill.days = g_new0 (double *, n_lanes);
    fill.events = g_new0 (PlEvent **, n_lanes);
    for (guint lane = 0; lane < by_record->len; lane++)
      {
        Lane *l = by_record->pdata[lane];

        lane_reserve (l, totals[lane], src->spare);
        fill.days[lane] = (double *) (gpointer) l->days->data;
        fill.events[lane] = (PlEvent **) l->events->pdata;
      }
  }
  fill.filling = TRUE;
  if (!g_cancellable_is_cancelled (cancellable))
    pl_parallel_run (n_parts, fill_part, &fill);
  /* Cancelled before or while filling, the lanes are left unfinished. */
  fill.filling = !g_cancellable_is_cancelled (cancellable);

  for (guint lane = 0; lane < by_record->len; lane++)
    join_long_events (&fill, n_parts, lane, by_record->pdata[lane]);
  for (guint p = 0; p < n_parts; p++)
    {
      LanePart *part = &fill.parts[p];

      g_free (part->counts);
      g_free (part->next);
      g_free (part->long_events);
      g_free (part->longest);
      g_free (part->first_long);
      g_free (part->last_long);
      g_free (part->unsorted);
    }
  g_free (fill.days);
  g_free (fill.events);

  /* Themes keep the dataset's order; actors come busiest first. Empty
   * lanes are left out. */
  for (guint i = 0; i < fill.n_records; i++)
    {
      Lane *lane = by_record->pdata[i];

      if (lane->events->len > 0 && fill.filling)
        g_ptr_array_add (lanes, lane);
      else
        pl_timeline_lane_free (lane);
    }
  if (!fill.filling)
    {
      g_clear_pointer (&unsorted, pl_timeline_lane_free);
      return NULL;
    }

  if (src->mode == PL_LANE_MODE_ACTOR)
    g_ptr_array_sort (lanes, compare_lane_size);

  if (unsorted != NULL)
    g_ptr_array_add (lanes, unsorted);

  /* Bars are found by binary search: events given out of date order (a
   * model of our own is always in it) are sorted first. */
  for (guint l = 0; l < lanes->len; l++)
    {
      Lane *lane = lanes->pdata[l];

      if (lane->unsorted)
        g_ptr_array_sort (lane->long_events, compare_first_day);
    }

  return g_steal_pointer (&lanes);
}

/* The timeline's store, lane mode and events as they are now. */
static LaneSource *
lane_source_new (PlTimeline *self)
{
  LaneSource *src = g_new0 (LaneSource, 1);
  GListModel *records = NULL;

  src->store = g_object_ref (self->store);
  src->spare = g_steal_pointer (&self->spare_lanes);
  src->mode = self->lane_mode;
  src->n_parts = self->n_parts;
  src->events = self->store_events;
  src->first = self->store_first;
  src->end = self->store_end;
  src->n = self->positions->len;
  src->positions = g_memdup2 (self->positions->data, sizeof (guint32) * MAX (src->n, 1));

  if (self->lane_mode == PL_LANE_MODE_THEME)
    records = pl_store_get_items (self->store, PL_ITEM_KIND_THEME);
  else if (self->lane_mode == PL_LANE_MODE_ACTOR)
    records = pl_store_get_items (self->store, PL_ITEM_KIND_ACTOR);
  if (records != NULL)
    {
      /* Each store event's themes or actors, as the store keeps them. */
      pl_store_peek_event_links (self->store,
                                 self->lane_mode == PL_LANE_MODE_THEME ? PL_ITEM_KIND_THEME : PL_ITEM_KIND_ACTOR,
                                 &src->offsets, &src->links);
      src->titles = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(PlRecord) record = g_list_model_get_item (records, i);

          g_ptr_array_add (src->titles, g_strdup (PL_IS_THEME (record) ? PL_THEME (record)->name
                                                                       : PL_ACTOR (record)->name));
        }
    }
  src->unsorted_title = g_strdup (self->lane_mode == PL_LANE_MODE_THEME ? _("No Theme")
                                  : self->lane_mode == PL_LANE_MODE_ACTOR ? _("No Actor")
                                  : "");
  return src;
}

/* Shows @lanes; the lanes shown before lend their arrays to the next. */
static void
take_lanes (PlTimeline *self,
            GPtrArray  *lanes)
{
  g_clear_pointer (&self->spare_lanes, g_ptr_array_unref);
  self->spare_lanes = self->lanes;
  self->lanes = lanes;
  clamp_v_offset (self);
}

static void
make_lanes_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GPtrArray *lanes = make_lanes (task_data, cancellable);

  if (lanes == NULL)
    g_task_return_error_if_cancelled (task);
  else
    g_task_return_pointer (task, lanes, (GDestroyNotify) g_ptr_array_unref);
}

static void
lanes_made (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PlTimeline *self = PL_TIMELINE (object);
  GTask *task = G_TASK (result);
  GPtrArray *lanes = g_task_propagate_pointer (task, NULL);

  /* Lanes of events or a mode since replaced, or of a timeline gone, are
   * dropped. */
  if (lanes == NULL)
    return;
  if (g_task_get_cancellable (task) != self->making_lanes || self->lanes == NULL)
    {
      g_ptr_array_unref (lanes);
      return;
    }
  g_clear_object (&self->making_lanes);
  take_lanes (self, lanes);
  pl_timeline_schedule_relayout (self);
}

/* Remakes the lanes from the events in self->positions: at once, or on a
 * store of many events in a thread, the old lanes shown until the new
 * ones are in (at a million events filling them takes the time of a
 * frame or more, once per letter typed). */
/* Lanes still being made in a thread will not be taken. */
void
pl_timeline_stop_making_lanes (PlTimeline *self)
{
  if (self->making_lanes != NULL)
    {
      g_cancellable_cancel (self->making_lanes);
      g_clear_object (&self->making_lanes);
    }
}

void
pl_timeline_rebuild_lanes (PlTimeline *self)
{
  LaneSource *src;

  pl_timeline_stop_making_lanes (self);

  if (self->store == NULL)
    {
      g_ptr_array_set_size (self->lanes, 0);
      clamp_v_offset (self);
      return;
    }

  src = lane_source_new (self);
  if (self->n_store_events >= self->lanes_in_thread_from)
    {
      g_autoptr(GTask) task = NULL;

      self->making_lanes = g_cancellable_new ();
      task = g_task_new (self, self->making_lanes, lanes_made, NULL);
      g_task_set_source_tag (task, pl_timeline_rebuild_lanes);
      g_task_set_task_data (task, src, (GDestroyNotify) lane_source_free);
      g_task_run_in_thread (task, make_lanes_in_thread);
    }
  else
    {
      take_lanes (self, make_lanes (src, NULL));
      lane_source_free (src);
    }
}

void
pl_timeline_rebuild_overview (PlTimeline *self,
                              int         width)
{
  double span = MAX (1.0, self->last_day - self->first_day);

  self->overview_width = width;
  self->overview_max = 0;
  g_array_set_size (self->overview_counts, MAX (width, 0));
  if (width <= 0)
    return;
  memset (self->overview_counts->data, 0, sizeof (guint) * width);

  for (guint i = 0; i < self->event_days->len; i++)
    {
      double day = g_array_index (self->event_days, double, i);
      int column = CLAMP ((int) ((day - self->first_day) / span * width), 0, width - 1);
      guint *count = &g_array_index (self->overview_counts, guint, column);

      (*count)++;
      self->overview_max = MAX (self->overview_max, *count);
    }
}

static PlTimelineItem *
take_item (PlTimeline *self)
{
  PlTimelineItem *item;

  if (self->n_items_used < self->items->len)
    item = self->items->pdata[self->n_items_used];
  else
    {
      item = pl_timeline_item_new ();
      gtk_widget_set_parent (GTK_WIDGET (item), GTK_WIDGET (self));
      g_ptr_array_add (self->items, item);
    }

  self->n_items_used++;
  gtk_widget_set_child_visible (GTK_WIDGET (item), TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  return item;
}

static char *
describe_days (double first,
               double last)
{
  PlTimeScale scale = { first, MAX (last, first + 1.0), 100.0 };

  return pl_time_scale_format_range (&scale);
}

/* One item for @count events of @lane from @first, leaving out @skip (an
 * index, or G_MAXUINT); a single remaining event gets its own item. */
static void
add_item (PlTimeline *self,
          Lane       *lane,
          guint       first,
          guint       count,
          guint       skip,
          double      x,
          GArray     *placed,
          GArray     *boxes)
{
  PlTimelineItem *item = take_item (self);
  Placed p = { item, x, 0, 0, 0 };
  PlLabelBox box = { 0, };
  guint remaining = count - (skip >= first && skip < first + count ? 1 : 0);

  if (remaining == 1)
    {
      guint index = first != skip ? first : first + 1;
      PlEvent *event = lane->events->pdata[index];

      PlTimelineMark *mark = self->marks != NULL ? g_hash_table_lookup (self->marks, PL_RECORD (event)->id) : NULL;

      pl_timeline_item_set_event (item, event);
      pl_timeline_item_set_selected (item, event == self->selected);
      pl_timeline_item_set_marks (item, mark != NULL && mark->starred, mark != NULL ? mark->highlight : NULL);
      /* The selection, then clusters, are labelled first. */
      box.priority = event == self->selected ? 3 : 1;
    }
  else
    {
      double first_day = g_array_index (lane->days, double, first);
      double last_day = g_array_index (lane->days, double, first + count - 1);
      g_autofree char *when = describe_days (first_day, last_day + 1.0);

      pl_timeline_item_set_cluster (item, remaining, first_day, last_day + 1.0, when);
      pl_timeline_item_set_marks (item, FALSE, NULL);
      pl_timeline_item_set_selected (item, FALSE);
      box.priority = 2;
    }

  p.with_label = pl_timeline_item_get_label_width (item);
  p.without_label = pl_timeline_item_get_marker_width (item);
  gtk_widget_measure (GTK_WIDGET (item), GTK_ORIENTATION_VERTICAL, -1, NULL, &p.height, NULL, NULL);
  g_array_append_val (placed, p);

  /* Laid out in the direction of time: the marker's centre sits on the
   * event's day and the label runs forward from it. Mirrored for
   * right-to-left only when allocated. */
  box.x = p.x - p.without_label / 2.0;
  box.width = p.with_label;
  g_array_append_val (boxes, box);
}

static void
layout_lane (PlTimeline *self,
             Lane       *lane,
             double      top,
             GArray     *clusters,
             GArray     *placed,
             GArray     *boxes)
{
  gboolean rtl = is_rtl (self);
  double rows_top = top + LANE_TITLE + BAR_HEIGHT + 4.0;

  g_array_set_size (clusters, 0);
  g_array_set_size (placed, 0);
  g_array_set_size (boxes, 0);

  /* A cluster is at most a few markers wide, so a dense lane reads as a
   * row of counts across the view rather than one count at its start. */
  pl_cluster_events_bounded ((const double *) (gpointer) lane->days->data, lane->days->len,
                             &self->scale, MIN_GAP, 4 * MIN_GAP, clusters);

  for (guint c = 0; c < clusters->len; c++)
    {
      const PlCluster *cluster = &g_array_index (clusters, PlCluster, c);
      guint selected_at = G_MAXUINT;

      for (guint e = cluster->first; e < cluster->first + cluster->count && self->selected != NULL; e++)
        if (lane->events->pdata[e] == self->selected)
          selected_at = e;

      /* The selected event always stands on its own, even among events
       * too close to tell apart; the others stay grouped beside it. */
      if (selected_at != G_MAXUINT)
        add_item (self, lane, selected_at, 1, G_MAXUINT, cluster->x_start, placed, boxes);
      if (cluster->count > 1 || selected_at == G_MAXUINT)
        add_item (self, lane, cluster->first, cluster->count, selected_at, cluster->x_start, placed, boxes);
    }

  pl_label_layout ((PlLabelBox *) (gpointer) boxes->data, boxes->len, LABEL_ROWS, LABEL_GAP);

  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      const PlLabelBox *box = &g_array_index (boxes, PlLabelBox, i);
      GtkAllocation allocation;
      int width = box->visible ? p->with_label : p->without_label;
      int row = box->visible ? box->row : LABEL_ROWS;

      pl_timeline_item_set_show_label (p->item, box->visible);

      allocation.x = (int) round (rtl ? self->scale.width - box->x - width : box->x);
      allocation.y = (int) round (rows_top + row * ROW_HEIGHT + (ROW_HEIGHT - p->height) / 2.0);
      allocation.width = width;
      allocation.height = p->height;
      g_array_append_val (self->placements, ((Placement) { p->item, allocation }));
    }
}

/* Chooses, fills and places the items for the current view. Labels change
 * here, which makes GTK resize upwards, so this runs from the frame clock
 * before the layout phase and never while allocating. */
static void
relayout (PlTimeline *self)
{
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (PlCluster));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (PlLabelBox));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double top = lanes_top (self);
  double bottom = height - OVERVIEW_HEIGHT;

  self->n_items_used = 0;
  g_array_set_size (self->placements, 0);
  self->laid_out_width = width;
  self->laid_out_height = height;

  if (self->fitted && width > 0)
    {
      self->scale.width = width;
      clamp_v_offset (self);
      for (guint l = 0; l < self->lanes->len; l++)
        {
          double lane_top = top + l * LANE_HEIGHT - self->v_offset;

          if (lane_top + LANE_HEIGHT <= top || lane_top >= bottom)
            continue;
          layout_lane (self, self->lanes->pdata[l], lane_top, clusters, placed, boxes);
        }
    }

  /* Spare items are neither drawn nor told to a screen reader. */
  for (guint i = self->n_items_used; i < self->items->len; i++)
    {
      gtk_widget_set_child_visible (self->items->pdata[i], FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->items->pdata[i]), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
relayout_tick (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  PlTimeline *self = PL_TIMELINE (widget);

  self->relayout_tick = 0;
  relayout (self);
  return G_SOURCE_REMOVE;
}

void
pl_timeline_relayout_now (PlTimeline *self)
{
  if (self->relayout_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_tick);
  self->relayout_tick = 0;
  relayout (self);
}

void
pl_timeline_schedule_relayout (PlTimeline *self)
{
  if (self->relayout_tick == 0)
    self->relayout_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), relayout_tick, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
