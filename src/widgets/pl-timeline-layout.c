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

#include "pl-timeline-private.h"

void
pl_timeline_lane_free (Lane *lane)
{
  g_free (lane->title);
  g_array_unref (lane->days);
  g_ptr_array_unref (lane->events);
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

/* Exactly @n events: the lane is then filled in place by lane_add, one
 * store each, with no growing and no checks per event. */
static void
lane_reserve (Lane  *lane,
              guint  n)
{
  g_array_unref (lane->days);
  lane->days = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_set_size (lane->days, n);
  g_ptr_array_unref (lane->events);
  lane->events = g_ptr_array_sized_new (n);
  g_ptr_array_set_size (lane->events, n);
  lane->n_filled = 0;
}

static inline void
lane_add (Lane    *lane,
          PlEvent *event,
          double   first,
          double   end)
{
  g_assert (lane->n_filled < lane->events->len);
  ((double *) (gpointer) lane->days->data)[lane->n_filled] = first;
  lane->events->pdata[lane->n_filled++] = event;
  if (G_UNLIKELY (end - first > 3.0))
    {
      if (lane->long_events->len > 0 && lane->last_long_first > first)
        lane->unsorted = TRUE;
      lane->last_long_first = first;
      g_ptr_array_add (lane->long_events, event);
      lane->longest = MAX (lane->longest, end - first);
    }
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

/* Each store event's themes or actors, by position, as the lane mode
 * wants them: read from the events once per store and mode. */
static void
build_lane_links (PlTimeline *self)
{
  guint32 n_links = 0;

  self->lane_offsets = g_new (guint32, self->n_store_events + 1);
  for (guint i = 0; i < self->n_store_events; i++)
    {
      PlEvent *event = self->store_events[i];

      self->lane_offsets[i] = n_links;
      n_links += self->lane_mode == PL_LANE_MODE_THEME ? event->themes.n_items : event->actors.n_items;
    }
  self->lane_offsets[self->n_store_events] = n_links;

  self->lane_links = g_new (guint32, MAX (n_links, 1));
  for (guint i = 0; i < self->n_store_events; i++)
    {
      PlEvent *event = self->store_events[i];
      const PlRecordList *links = self->lane_mode == PL_LANE_MODE_THEME ? &event->themes : &event->actors;

      for (guint l = 0; l < links->n_items; l++)
        self->lane_links[self->lane_offsets[i] + l] = links->items[l]->index;
    }
}

void
pl_timeline_rebuild_lanes (PlTimeline *self)
{
  /* A lane per theme or actor, by the record's position in the store. */
  g_autoptr(GPtrArray) by_record = g_ptr_array_new ();
  const guint32 *positions = (const guint32 *) (gpointer) self->positions->data;
  guint n = self->positions->len;
  Lane *unsorted = NULL;

  g_ptr_array_set_size (self->lanes, 0);
  if (self->store == NULL)
    return;

  if (self->lane_mode == PL_LANE_MODE_THEME)
    {
      GListModel *themes = pl_store_get_items (self->store, PL_ITEM_KIND_THEME);

      for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
        {
          g_autoptr(PlTheme) theme = g_list_model_get_item (themes, i);
          g_ptr_array_add (by_record, lane_new (theme->name));
        }
    }
  else if (self->lane_mode == PL_LANE_MODE_ACTOR)
    {
      GListModel *actors = pl_store_get_items (self->store, PL_ITEM_KIND_ACTOR);

      for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
        {
          g_autoptr(PlActor) actor = g_list_model_get_item (actors, i);
          g_ptr_array_add (by_record, lane_new (actor->name));
        }
    }
  if (self->lane_mode != PL_LANE_MODE_NONE && self->lane_offsets == NULL)
    build_lane_links (self);

  /* How many events each lane gets, so each is filled at its size. */
  {
    g_autofree guint *counts = g_new0 (guint, by_record->len + 1);

    for (guint i = 0; i < n; i++)
      {
        guint32 from = 0, to = 0;

        if (self->lane_mode != PL_LANE_MODE_NONE)
          {
            from = self->lane_offsets[positions[i]];
            to = self->lane_offsets[positions[i] + 1];
          }
        for (guint32 l = from; l < to; l++)
          if (self->lane_links[l] < by_record->len)
            counts[self->lane_links[l]]++;
        if (from == to)
          counts[by_record->len]++;
      }
    for (guint r = 0; r < by_record->len; r++)
      lane_reserve (by_record->pdata[r], counts[r]);
    if (counts[by_record->len] > 0)
      {
        unsorted = lane_new (self->lane_mode == PL_LANE_MODE_THEME ? _("No Theme")
                             : self->lane_mode == PL_LANE_MODE_ACTOR ? _("No Actor")
                             : "");
        lane_reserve (unsorted, counts[by_record->len]);
      }
  }

  for (guint i = 0; i < n; i++)
    {
      guint32 position = positions[i];
      PlEvent *event = self->store_events[position];
      double first = self->store_first[position];
      double end = self->store_end[position];
      guint32 from = 0, to = 0;

      if (self->lane_mode != PL_LANE_MODE_NONE)
        {
          from = self->lane_offsets[position];
          to = self->lane_offsets[position + 1];
        }

      /* An event stands in the lane of each of its themes or actors, so
       * every lane tells its whole story. */
      if (from < to)
        {
          for (guint32 l = from; l < to; l++)
            if (self->lane_links[l] < by_record->len)
              lane_add (by_record->pdata[self->lane_links[l]], event, first, end);
          continue;
        }

      lane_add (unsorted, event, first, end);
    }

  /* Themes keep the dataset's order; actors come busiest first. Empty
   * lanes are left out. */
  {
    GListModel *order = self->lane_mode == PL_LANE_MODE_THEME
                        ? pl_store_get_items (self->store, PL_ITEM_KIND_THEME)
                        : pl_store_get_items (self->store, PL_ITEM_KIND_ACTOR);

    if (self->lane_mode != PL_LANE_MODE_NONE)
      for (guint i = 0; i < g_list_model_get_n_items (order); i++)
        {
          Lane *lane = by_record->pdata[i];

          if (lane->events->len > 0)
            g_ptr_array_add (self->lanes, lane);
          else
            pl_timeline_lane_free (lane);
        }
  }

  if (self->lane_mode == PL_LANE_MODE_ACTOR)
    g_ptr_array_sort (self->lanes, compare_lane_size);

  /* Bars are found by binary search: events given out of date order (a
   * model of our own is always in it) are sorted first. */
  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = self->lanes->pdata[l];

      if (lane->unsorted)
        g_ptr_array_sort (lane->long_events, compare_first_day);
    }
  if (unsorted != NULL && unsorted->unsorted)
    g_ptr_array_sort (unsorted->long_events, compare_first_day);

  if (unsorted != NULL)
    g_ptr_array_add (self->lanes, unsorted);

  clamp_v_offset (self);
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
