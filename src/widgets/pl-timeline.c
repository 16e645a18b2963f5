/* pl-timeline.c — the interactive timeline: lanes, eras, ticks, zoom and pan
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The background (eras, lanes, grid, range bars, axis, overview) is drawn
 * with GtkSnapshot; events are a pool of PlTimelineItem children, one per
 * event or cluster on screen, so a screen reader reaches each of them. What
 * a frame costs depends on what is visible: each lane keeps its events'
 * days sorted, clusters come from binary searches over them, and the
 * overview's density is computed once per dataset and width.
 *
 * Time runs in the reading direction: right to left for right-to-left
 * languages, as GNOME Calendar mirrors its week view.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/pl-time-scale.h"
#include "pl-timeline-item.h"
#include "pl-timeline.h"

#define AXIS_HEIGHT      44.0
#define ERA_ROW_HEIGHT   18.0
#define ERA_ROWS         2
#define OVERVIEW_HEIGHT  36.0
#define LANE_TITLE       18.0
#define BAR_HEIGHT       6.0
#define ROW_HEIGHT       26.0
#define LABEL_ROWS       2
#define LANE_HEIGHT      (LANE_TITLE + BAR_HEIGHT + 4.0 + ROW_HEIGHT * (LABEL_ROWS + 1) + 6.0)
#define MIN_GAP          26.0
#define LABEL_GAP        10.0
#define TICK_SPACING     90.0
#define ZOOM_STEP        1.5

G_DEFINE_ENUM_TYPE (PlLaneMode, pl_lane_mode,
  G_DEFINE_ENUM_VALUE (PL_LANE_MODE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PL_LANE_MODE_THEME, "theme"),
  G_DEFINE_ENUM_VALUE (PL_LANE_MODE_ACTOR, "actor"))

typedef struct
{
  char      *title;
  GArray    *days;      /* double: first day of each event, sorted */
  GPtrArray *events;    /* PlEvent, borrowed, in the same order */
  GPtrArray *long_events; /* events covering more than a few days: drawn as bars */
} Lane;

typedef enum
{
  NODE_AXIS,
  NODE_GRID,
  NODE_LANE,
  NODE_LANE_TITLE,
  NODE_OVERVIEW,
  NODE_OVERVIEW_WINDOW,
  NODE_DENSITY,
  NODE_SELECTION,
  NODE_BAR_CONFIRMED,
  NODE_BAR_REPORTED,
  NODE_BAR_PLANNED,
  NODE_BAR_DISPUTED,
  N_NODES
} Node;

static const char * const node_classes[N_NODES][2] = {
  { "axis", NULL }, { "grid", NULL }, { "lane", NULL }, { "lane-title", NULL },
  { "overview", NULL }, { "overview-window", NULL }, { "density", NULL }, { "selection", NULL },
  { "bar", NULL }, { "bar", "reported" }, { "bar", "planned" }, { "bar", "disputed" },
};

struct _PlTimeline
{
  GtkWidget     parent_instance;

  PlStore      *store;
  PlLaneMode    lane_mode;
  PlEvent      *selected;

  GPtrArray    *lanes;           /* Lane */
  GPtrArray    *events;          /* every event, chronological, borrowed */
  GHashTable   *event_index;     /* PlEvent → position + 1 */
  GArray       *event_days;      /* double, first day of each event */
  double        first_day;       /* span of the dataset, eras included */
  double        last_day;

  PlTimeScale   scale;
  gboolean      fitted;
  double        v_offset;        /* lanes scrolled by this many pixels */

  GPtrArray    *items;           /* PlTimelineItem pool */
  guint         n_items_used;
  GtkWidget    *nodes[N_NODES];  /* style nodes, never shown */

  GArray       *overview_counts; /* guint per overview pixel column */
  guint         overview_max;
  int           overview_width;

  GHashTable   *layouts;         /* text → PangoLayout, for axis and titles */

  double        pointer_x;
  double        drag_start_day;
  double        drag_last_x;
  gboolean      drag_in_overview;
  double        zoom_last_scale;
  guint         notify_idle;
  guint         relayout_tick;
  GArray       *placements;      /* Placement, for the items in use */
  int           laid_out_width;
  int           laid_out_height;
};

G_DEFINE_FINAL_TYPE (PlTimeline, pl_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LANE_MODE,
  PROP_SELECTED,
  PROP_VISIBLE_RANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Style                                                               */

#define PL_TYPE_TIMELINE_STYLE (pl_timeline_style_get_type ())
G_DECLARE_FINAL_TYPE (PlTimelineStyle, pl_timeline_style, PL, TIMELINE_STYLE, GtkWidget)
struct _PlTimelineStyle { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (PlTimelineStyle, pl_timeline_style, GTK_TYPE_WIDGET)
static void pl_timeline_style_class_init (PlTimelineStyleClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "style");
}
static void pl_timeline_style_init (PlTimelineStyle *self) { }

/* Colours come from the style sheet through nodes that are never drawn,
 * so light, dark and high-contrast sheets restyle the drawing too. */
static void
node_color (PlTimeline *self,
            Node        node,
            GdkRGBA    *rgba)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (self->nodes[node], rgba);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (self->nodes[node]), rgba);
#endif
}

static PangoLayout *
cached_layout (PlTimeline *self,
               const char *text,
               gboolean    bold)
{
  g_autofree char *key = g_strdup_printf ("%c%s", bold ? 'b' : 'r', text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout == NULL)
    {
      /* Bounded: at a few hundred entries start again. */
      if (g_hash_table_size (self->layouts) > 512)
        g_hash_table_remove_all (self->layouts);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      /* Plain text: dataset titles are never markup. */
      pango_layout_set_text (layout, text, -1);
      if (bold)
        {
          PangoAttrList *attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
        }
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }

  return layout;
}

/* ------------------------------------------------------------------ */
/* Geometry                                                            */

static gboolean
is_rtl (PlTimeline *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

static double
day_to_x (PlTimeline *self,
          double      day)
{
  double x = pl_time_scale_day_to_x (&self->scale, day);

  return is_rtl (self) ? pl_time_scale_mirror_x (&self->scale, x) : x;
}

static double
lanes_top (void)
{
  return AXIS_HEIGHT + ERA_ROW_HEIGHT * ERA_ROWS;
}

static double
lanes_bottom (PlTimeline *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) - OVERVIEW_HEIGHT;
}

static double
lanes_content_height (PlTimeline *self)
{
  return self->lanes->len * LANE_HEIGHT;
}

static void
clamp_v_offset (PlTimeline *self)
{
  double visible = lanes_bottom (self) - lanes_top ();
  double max = MAX (0.0, lanes_content_height (self) - visible);

  self->v_offset = CLAMP (self->v_offset, 0.0, max);
}

static void
event_span (PlEvent *event,
            double  *first,
            double  *end)
{
  guint32 a = 0, b = 0, c = 0, d = 0;

  pl_date_get_span (&event->start, &a, &b);
  if (pl_date_get_span (&event->end, &c, &d))
    b = d;
  *first = a;
  *end = (double) b + 1.0;
}

/* ------------------------------------------------------------------ */
/* Data                                                                */

static void
lane_free (Lane *lane)
{
  g_free (lane->title);
  g_array_unref (lane->days);
  g_ptr_array_unref (lane->events);
  g_ptr_array_unref (lane->long_events);
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

static void
lane_add (Lane    *lane,
          PlEvent *event,
          double   first,
          double   end)
{
  g_array_append_val (lane->days, first);
  g_ptr_array_add (lane->events, event);
  if (end - first > 3.0)
    g_ptr_array_add (lane->long_events, event);
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

static void
rebuild_lanes (PlTimeline *self)
{
  g_autoptr(GHashTable) by_record = g_hash_table_new (NULL, NULL);
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
          g_hash_table_insert (by_record, theme, lane_new (theme->name));
        }
    }
  else if (self->lane_mode == PL_LANE_MODE_ACTOR)
    {
      GListModel *actors = pl_store_get_items (self->store, PL_ITEM_KIND_ACTOR);

      for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
        {
          g_autoptr(PlActor) actor = g_list_model_get_item (actors, i);
          g_hash_table_insert (by_record, actor, lane_new (actor->name));
        }
    }

  for (guint i = 0; i < self->events->len; i++)
    {
      PlEvent *event = self->events->pdata[i];
      const PlRecordList *links = self->lane_mode == PL_LANE_MODE_THEME ? &event->themes
                                : self->lane_mode == PL_LANE_MODE_ACTOR ? &event->actors
                                : NULL;
      double first, end;

      event_span (event, &first, &end);

      /* An event stands in the lane of each of its themes or actors, so
       * every lane tells its whole story. */
      if (links != NULL && links->n_items > 0)
        {
          for (guint l = 0; l < links->n_items; l++)
            {
              Lane *lane = g_hash_table_lookup (by_record, links->items[l]);
              if (lane != NULL)
                lane_add (lane, event, first, end);
            }
          continue;
        }

      if (unsorted == NULL)
        unsorted = lane_new (self->lane_mode == PL_LANE_MODE_THEME ? _("No Theme")
                             : self->lane_mode == PL_LANE_MODE_ACTOR ? _("No Actor")
                             : "");
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
          g_autoptr(GObject) record = g_list_model_get_item (order, i);
          Lane *lane = g_hash_table_lookup (by_record, record);

          if (lane->events->len > 0)
            g_ptr_array_add (self->lanes, lane);
          else
            lane_free (lane);
        }
  }

  if (self->lane_mode == PL_LANE_MODE_ACTOR)
    g_ptr_array_sort (self->lanes, compare_lane_size);

  if (unsorted != NULL)
    g_ptr_array_add (self->lanes, unsorted);

  clamp_v_offset (self);
}

static void
rebuild_overview (PlTimeline *self,
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

static void
notify_range (PlTimeline *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_RANGE]);

  {
    g_autofree char *range = pl_time_scale_format_range (&self->scale);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    range != NULL ? range : "", -1);
  }
}

static gboolean
notify_range_idle (gpointer user_data)
{
  PlTimeline *self = user_data;

  self->notify_idle = 0;
  notify_range (self);
  return G_SOURCE_REMOVE;
}

static void schedule_relayout (PlTimeline *self);

static void
view_changed (PlTimeline *self)
{
  schedule_relayout (self);
  notify_range (self);
}

static void
zoom_to_fit (PlTimeline *self)
{
  if (self->events->len == 0 || self->scale.width <= 0)
    return;

  pl_time_scale_fit (&self->scale, self->first_day, self->last_day, 0.03);
  self->fitted = TRUE;
  view_changed (self);
}

/* ------------------------------------------------------------------ */
/* Items                                                               */

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
  return item;
}

static char *
describe_days (double first,
               double last)
{
  PlTimeScale scale = { first, MAX (last, first + 1.0), 100.0 };

  return pl_time_scale_format_range (&scale);
}

typedef struct
{
  PlTimelineItem *item;
  double          x;
  int             with_label;
  int             without_label;
  int             height;
} Placed;

/* Where an item in use goes; decided before the frame's layout phase. */
typedef struct
{
  PlTimelineItem *item;
  GtkAllocation   allocation;
} Placement;

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

      pl_timeline_item_set_event (item, event);
      pl_timeline_item_set_selected (item, event == self->selected);
      /* The selection, then clusters, are labelled first. */
      box.priority = event == self->selected ? 3 : 1;
    }
  else
    {
      double first_day = g_array_index (lane->days, double, first);
      double last_day = g_array_index (lane->days, double, first + count - 1);
      g_autofree char *when = describe_days (first_day, last_day + 1.0);

      pl_timeline_item_set_cluster (item, remaining, first_day, last_day + 1.0, when);
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

  pl_cluster_events ((const double *) (gpointer) lane->days->data, lane->days->len,
                     &self->scale, MIN_GAP, clusters);

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

/* ------------------------------------------------------------------ */
/* GtkWidget                                                           */

static void
pl_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 800;
    }
  else
    {
      *minimum = (int) (lanes_top () + LANE_HEIGHT + OVERVIEW_HEIGHT);
      *natural = (int) (lanes_top () + LANE_HEIGHT * 4 + OVERVIEW_HEIGHT);
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
  double top = lanes_top ();
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

  for (guint i = self->n_items_used; i < self->items->len; i++)
    gtk_widget_set_child_visible (self->items->pdata[i], FALSE);

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

static void
schedule_relayout (PlTimeline *self)
{
  if (self->relayout_tick == 0)
    self->relayout_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), relayout_tick, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pl_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  PlTimeline *self = PL_TIMELINE (widget);

  if (self->scale.width != width && self->scale.width > 0 && width > 0)
    {
      /* Keep the days per pixel when the window is resized. */
      double dpp = pl_time_scale_days_per_pixel (&self->scale);
      self->scale.end_day = self->scale.start_day + dpp * width;
    }
  self->scale.width = width;

  if (!self->fitted && self->events->len > 0 && width > 0)
    {
      pl_time_scale_fit (&self->scale, self->first_day, self->last_day, 0.03);
      self->fitted = TRUE;
      /* Listeners relabel other widgets; not while this frame allocates. */
      if (self->notify_idle == 0)
        self->notify_idle = g_idle_add (notify_range_idle, self);
    }

  if (self->overview_width != width)
    rebuild_overview (self, width);

  /* A new size needs new items; until the next frame the old ones stay. */
  if (width != self->laid_out_width || height != self->laid_out_height)
    schedule_relayout (self);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *placement = &g_array_index (self->placements, Placement, i);
      gtk_widget_size_allocate (GTK_WIDGET (placement->item), &placement->allocation, -1);
    }
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width, (float) height));
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const GdkRGBA *color,
           double         x,
           double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_axis (PlTimeline  *self,
           GtkSnapshot *snapshot,
           double       width,
           double       height)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (PlTick));
  GdkRGBA axis, grid;
  PlTickStep step;
  double grid_bottom = height - OVERVIEW_HEIGHT;
  double last_major_end = -G_MAXDOUBLE;

  node_color (self, NODE_AXIS, &axis);
  node_color (self, NODE_GRID, &grid);

  pl_time_scale_get_ticks (&self->scale, TICK_SPACING, &step, ticks);

  for (guint i = 0; i < ticks->len; i++)
    {
      const PlTick *tick = &g_array_index (ticks, PlTick, i);
      double x = is_rtl (self) ? pl_time_scale_mirror_x (&self->scale, tick->x) : tick->x;
      g_autofree char *label = pl_tick_format (tick, step.unit);
      PangoLayout *layout = cached_layout (self, label, FALSE);
      int text_width, text_height;

      append_rect (snapshot, tick->major ? &axis : &grid, x, AXIS_HEIGHT - (tick->major ? 12 : 6),
                   1, grid_bottom - AXIS_HEIGHT + (tick->major ? 12 : 6));

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      draw_text (snapshot, layout, &axis, is_rtl (self) ? x - 4 - text_width : x + 4, AXIS_HEIGHT - 4 - text_height);

      if (tick->major)
        {
          g_autofree char *major = pl_tick_format_major (tick, step.unit);

          if (major != NULL && major[0] != '\0')
            {
              PangoLayout *major_layout = cached_layout (self, major, TRUE);
              int major_width, major_height;
              double major_x;

              pango_layout_get_pixel_size (major_layout, &major_width, &major_height);
              major_x = is_rtl (self) ? x - 4 - major_width : x + 4;
              if (major_x > last_major_end)
                {
                  draw_text (snapshot, major_layout, &axis, major_x, 4);
                  last_major_end = major_x + major_width + 12;
                }
            }
        }
    }

  append_rect (snapshot, &axis, 0, AXIS_HEIGHT - 1, width, 1);
}

static void
draw_eras (PlTimeline  *self,
           GtkSnapshot *snapshot,
           double       width,
           double       height)
{
  GListModel *eras = pl_store_get_items (self->store, PL_ITEM_KIND_ERA);
  guint n = g_list_model_get_n_items (eras);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (PlLabelBox));
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  GdkRGBA axis;
  double bottom = height - OVERVIEW_HEIGHT;

  node_color (self, NODE_AXIS, &axis);

  for (guint i = 0; i < n; i++)
    {
      PlEra *era = g_list_model_get_item (eras, i);
      guint32 a = 0, b = 0, c = 0, d = 0;
      double x1, x2;
      GdkRGBA color;
      PlLabelBox box = { 0, };
      int text_width, text_height;

      pl_date_get_span (&era->start, &a, &b);
      if (!pl_date_get_span (&era->end, &c, &d))
        d = (guint32) self->last_day;   /* still going on */

      x1 = day_to_x (self, a);
      x2 = day_to_x (self, (double) d + 1.0);
      if (x1 > x2)
        {
          double t = x1;
          x1 = x2;
          x2 = t;
        }
      if (x2 < 0 || x1 > width || !gdk_rgba_parse (&color, era->color))
        {
          g_object_unref (era);
          continue;
        }

      color.alpha = 0.10f;
      append_rect (snapshot, &color, x1, AXIS_HEIGHT, x2 - x1, bottom - AXIS_HEIGHT);
      color.alpha = 0.8f;
      append_rect (snapshot, &color, x1, AXIS_HEIGHT, x2 - x1, 3);

      pango_layout_get_pixel_size (cached_layout (self, era->title, TRUE), &text_width, &text_height);
      box.x = MAX (x1, 0) + 4;
      box.width = text_width;
      box.priority = 1;
      g_array_append_val (boxes, box);
      g_ptr_array_add (shown, era);
    }

  /* Era titles never overlap: two rows, the rest stay untitled (their
   * shading remains). Boxes must be sorted by x for the layout. */
  for (guint i = 1; i < boxes->len; i++)
    for (guint j = i; j > 0 && g_array_index (boxes, PlLabelBox, j - 1).x > g_array_index (boxes, PlLabelBox, j).x; j--)
      {
        PlLabelBox t = g_array_index (boxes, PlLabelBox, j);
        gpointer e = shown->pdata[j];

        g_array_index (boxes, PlLabelBox, j) = g_array_index (boxes, PlLabelBox, j - 1);
        g_array_index (boxes, PlLabelBox, j - 1) = t;
        shown->pdata[j] = shown->pdata[j - 1];
        shown->pdata[j - 1] = e;
      }

  pl_label_layout ((PlLabelBox *) (gpointer) boxes->data, boxes->len, ERA_ROWS, 12);
  for (guint i = 0; i < boxes->len; i++)
    {
      const PlLabelBox *box = &g_array_index (boxes, PlLabelBox, i);
      PlEra *era = shown->pdata[i];

      if (box->visible)
        draw_text (snapshot, cached_layout (self, era->title, TRUE), &axis,
                   box->x, AXIS_HEIGHT + 3 + box->row * ERA_ROW_HEIGHT);
    }
}

static void
draw_lanes (PlTimeline  *self,
            GtkSnapshot *snapshot,
            double       width,
            double       height)
{
  double top = lanes_top ();
  double bottom = height - OVERVIEW_HEIGHT;
  GdkRGBA lane_color, title_color, selection;
  GdkRGBA bars[4];

  node_color (self, NODE_LANE, &lane_color);
  node_color (self, NODE_LANE_TITLE, &title_color);
  node_color (self, NODE_SELECTION, &selection);
  for (guint i = 0; i < 4; i++)
    node_color (self, NODE_BAR_CONFIRMED + i, &bars[i]);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, (float) top, (float) width, (float) (bottom - top)));

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = self->lanes->pdata[l];
      double lane_top = top + l * LANE_HEIGHT - self->v_offset;
      double bar_y = lane_top + LANE_TITLE;

      if (lane_top + LANE_HEIGHT <= top || lane_top >= bottom)
        continue;

      if (l % 2 == 0)
        append_rect (snapshot, &lane_color, 0, lane_top, width, LANE_HEIGHT);

      if (lane->title[0] != '\0')
        {
          PangoLayout *layout = cached_layout (self, lane->title, TRUE);
          int text_width, text_height;

          pango_layout_get_pixel_size (layout, &text_width, &text_height);
          draw_text (snapshot, layout, &title_color,
                     is_rtl (self) ? width - 8 - text_width : 8, lane_top + 2);
        }

      /* Spans: ranges, and dates known only to the month or year, cover
       * the days they cover rather than a point. */
      for (guint i = 0; i < lane->long_events->len; i++)
        {
          PlEvent *event = lane->long_events->pdata[i];
          double first, end, x1, x2;

          event_span (event, &first, &end);
          if (end < self->scale.start_day || first > self->scale.end_day)
            continue;

          x1 = day_to_x (self, first);
          x2 = day_to_x (self, end);
          if (x1 > x2)
            {
              double t = x1;
              x1 = x2;
              x2 = t;
            }
          x1 = MAX (x1, -2);
          x2 = MIN (x2, width + 2);
          if (x2 - x1 < 2)
            continue;

          append_rect (snapshot, &bars[CLAMP ((int) event->certainty, 0, 3)], x1, bar_y, x2 - x1, BAR_HEIGHT);
          if (event == self->selected)
            append_rect (snapshot, &selection, x1, bar_y + BAR_HEIGHT, x2 - x1, 2);
        }
    }

  gtk_snapshot_pop (snapshot);
}

static void
draw_overview (PlTimeline  *self,
               GtkSnapshot *snapshot,
               double       width,
               double       height)
{
  GdkRGBA background, window, density, axis;
  double top = height - OVERVIEW_HEIGHT;
  double span = MAX (1.0, self->last_day - self->first_day);
  double x1, x2;

  node_color (self, NODE_OVERVIEW, &background);
  node_color (self, NODE_OVERVIEW_WINDOW, &window);
  node_color (self, NODE_DENSITY, &density);
  node_color (self, NODE_AXIS, &axis);

  append_rect (snapshot, &background, 0, top, width, OVERVIEW_HEIGHT);
  append_rect (snapshot, &axis, 0, top, width, 1);

  if (self->overview_max > 0)
    for (int column = 0; column < (int) self->overview_counts->len; column++)
      {
        guint count = g_array_index (self->overview_counts, guint, column);
        double bar;
        int x;

        if (count == 0)
          continue;
        /* A square root keeps single events visible beside dense years. */
        bar = MAX (2.0, sqrt ((double) count / self->overview_max) * (OVERVIEW_HEIGHT - 8));
        x = is_rtl (self) ? (int) width - 1 - column : column;
        append_rect (snapshot, &density, x, height - 4 - bar, 1, bar);
      }

  x1 = (self->scale.start_day - self->first_day) / span * width;
  x2 = (self->scale.end_day - self->first_day) / span * width;
  if (is_rtl (self))
    {
      double t = width - x2;
      x2 = width - x1;
      x1 = t;
    }
  x1 = CLAMP (x1, 0, width);
  x2 = CLAMP (x2, 0, width);
  append_rect (snapshot, &window, x1, top + 1, MAX (2.0, x2 - x1), OVERVIEW_HEIGHT - 1);
}

static void
pl_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  PlTimeline *self = PL_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double top = lanes_top ();

  if (self->store == NULL || !self->fitted)
    return;

  draw_eras (self, snapshot, width, height);
  draw_lanes (self, snapshot, width, height);
  draw_axis (self, snapshot, width, height);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, (float) top, (float) width, (float) (height - OVERVIEW_HEIGHT - top)));
  for (guint i = 0; i < self->placements->len; i++)
    gtk_widget_snapshot_child (widget, GTK_WIDGET (g_array_index (self->placements, Placement, i).item), snapshot);
  gtk_snapshot_pop (snapshot);

  draw_overview (self, snapshot, width, height);
}

/* ------------------------------------------------------------------ */
/* Selection and keys                                                  */

static guint
event_position (PlTimeline *self,
                PlEvent    *event)
{
  return event != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->event_index, event)) : 0;
}

/* Brings @event into view: centred horizontally if it is outside, and its
 * first lane scrolled into view. */
static void
reveal (PlTimeline *self,
        PlEvent    *event)
{
  double first, end;
  double span = self->scale.end_day - self->scale.start_day;

  event_span (event, &first, &end);
  if (first < self->scale.start_day + span * 0.05 || first > self->scale.end_day - span * 0.05)
    {
      self->scale.start_day = first - span / 2.0;
      self->scale.end_day = first + span / 2.0;
    }

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = self->lanes->pdata[l];

      if (g_ptr_array_find (lane->events, event, NULL))
        {
          double lane_y = l * LANE_HEIGHT;
          double visible = lanes_bottom (self) - lanes_top ();

          if (lane_y < self->v_offset || lane_y + LANE_HEIGHT > self->v_offset + visible)
            self->v_offset = lane_y;
          clamp_v_offset (self);
          break;
        }
    }

  view_changed (self);
}

static void
select_position (PlTimeline *self,
                 gint64      position)
{
  PlEvent *event;

  if (self->events->len == 0)
    return;

  position = CLAMP (position, 0, (gint64) self->events->len - 1);
  event = self->events->pdata[position];
  pl_timeline_set_selected (self, event);
  reveal (self, event);
}

static void
select_step (PlTimeline *self,
             int         step)
{
  guint position = event_position (self, self->selected);

  if (position == 0)
    {
      /* Nothing selected: start from the first event in view. */
      guint first = pl_time_scale_lower_bound ((const double *) (gpointer) self->event_days->data,
                                               self->event_days->len, self->scale.start_day);
      select_position (self, step > 0 ? first : (gint64) first - 1);
      return;
    }

  select_position (self, (gint64) position - 1 + step);
}

static void
zoom_by (PlTimeline *self,
         double      factor,
         double      anchor_x)
{
  if (is_rtl (self))
    anchor_x = pl_time_scale_mirror_x (&self->scale, anchor_x);
  if (pl_time_scale_zoom (&self->scale, factor, anchor_x))
    view_changed (self);
}

/* Moves the view @dx pixels forward in time (backward when negative). The
 * scale's own pan follows a dragging hand, which is the other way. */
static void
pan_by (PlTimeline *self,
        double      dx)
{
  pl_time_scale_pan (&self->scale, -dx);
  view_changed (self);
}

/* Keys and buttons zoom around the selected event while it is in view, so
 * it stays put under the reader's eyes; otherwise around the middle. */
static double
zoom_anchor (PlTimeline *self)
{
  if (self->selected != NULL)
    {
      double first, end;

      event_span (self->selected, &first, &end);
      if (first >= self->scale.start_day && first <= self->scale.end_day)
        return day_to_x (self, first);
    }

  return self->scale.width / 2.0;
}

static void
timeline_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlTimeline *self = PL_TIMELINE (widget);
  double width = self->scale.width;
  /* Keys follow the screen: in right-to-left, Left goes forward in time. */
  int forward = is_rtl (self) ? -1 : 1;

  if (g_str_equal (action_name, "timeline.zoom-in"))
    zoom_by (self, ZOOM_STEP, zoom_anchor (self));
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    zoom_by (self, 1.0 / ZOOM_STEP, zoom_anchor (self));
  else if (g_str_equal (action_name, "timeline.zoom-fit"))
    zoom_to_fit (self);
  else if (g_str_equal (action_name, "timeline.select-next"))
    select_step (self, 1);
  else if (g_str_equal (action_name, "timeline.select-previous"))
    select_step (self, -1);
  else if (g_str_equal (action_name, "timeline.select-right"))
    select_step (self, forward);
  else if (g_str_equal (action_name, "timeline.select-left"))
    select_step (self, -forward);
  else if (g_str_equal (action_name, "timeline.select-first"))
    select_position (self, 0);
  else if (g_str_equal (action_name, "timeline.select-last"))
    select_position (self, (gint64) self->events->len - 1);
  else if (g_str_equal (action_name, "timeline.pan-left"))
    pan_by (self, -width / 10.0 * forward);
  else if (g_str_equal (action_name, "timeline.pan-right"))
    pan_by (self, width / 10.0 * forward);
  else if (g_str_equal (action_name, "timeline.scroll-up"))
    {
      self->v_offset -= LANE_HEIGHT / 2.0;
      clamp_v_offset (self);
      view_changed (self);
    }
  else if (g_str_equal (action_name, "timeline.scroll-down"))
    {
      self->v_offset += LANE_HEIGHT / 2.0;
      clamp_v_offset (self);
      view_changed (self);
    }
  else if (g_str_equal (action_name, "timeline.activate"))
    {
      if (self->selected != NULL)
        g_signal_emit (self, signals[ACTIVATE_EVENT], 0, self->selected);
    }
}

/* ------------------------------------------------------------------ */
/* Pointer                                                             */

static PlTimelineItem *
item_at (PlTimeline *self,
         double      x,
         double      y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  while (picked != NULL && picked != GTK_WIDGET (self) && !PL_IS_TIMELINE_ITEM (picked))
    picked = gtk_widget_get_parent (picked);

  return PL_IS_TIMELINE_ITEM (picked) ? PL_TIMELINE_ITEM (picked) : NULL;
}

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         PlTimeline      *self)
{
  PlTimelineItem *item = item_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (item == NULL)
    return;

  if (pl_timeline_item_get_count (item) > 1)
    {
      /* A cluster opens up: zoom to the days it covers. */
      double first, last, pad;

      pl_timeline_item_get_days (item, &first, &last);
      if (last - first <= 1.0)
        {
          /* Events of one day never part by zooming: select the first and
           * let Left and Right walk through the rest. */
          guint position = pl_time_scale_lower_bound ((const double *) (gpointer) self->event_days->data,
                                                      self->event_days->len, first);
          select_position (self, position);
          return;
        }
      pad = MAX (2.0, (last - first) * 0.25);
      pl_time_scale_fit (&self->scale, first - pad, last + pad, 0.0);
      view_changed (self);
      return;
    }

  pl_timeline_set_selected (self, pl_timeline_item_get_event (item));
  if (n_press == 2)
    g_signal_emit (self, signals[ACTIVATE_EVENT], 0, self->selected);
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        PlTimeline               *self)
{
  self->pointer_x = x;
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          PlTimeline               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    zoom_by (self, pow (ZOOM_STEP, -dy), self->pointer_x);
  else if (state & GDK_SHIFT_MASK)
    {
      self->v_offset += dy * LANE_HEIGHT / 2.0;
      clamp_v_offset (self);
      view_changed (self);
    }
  else
    pan_by (self, ((is_rtl (self) ? -dx : dx) + dy) * 40.0);

  return TRUE;
}

static void
center_overview_at (PlTimeline *self,
                    double      x)
{
  double width = self->scale.width;
  double span = self->scale.end_day - self->scale.start_day;
  double fraction = CLAMP (x / MAX (1.0, width), 0.0, 1.0);
  double day;

  if (is_rtl (self))
    fraction = 1.0 - fraction;
  day = self->first_day + fraction * (self->last_day - self->first_day);
  self->scale.start_day = day - span / 2.0;
  self->scale.end_day = day + span / 2.0;
  view_changed (self);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            PlTimeline     *self)
{
  self->drag_in_overview = y >= lanes_bottom (self);
  self->drag_last_x = 0.0;
  if (self->drag_in_overview)
    center_overview_at (self, x);
}

static void
drag_update (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             PlTimeline     *self)
{
  double start_x, start_y;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  if (self->drag_in_overview)
    {
      center_overview_at (self, start_x + offset_x);
      return;
    }

  /* The content follows the hand. */
  pan_by (self, (is_rtl (self) ? 1 : -1) * (offset_x - self->drag_last_x));
  self->drag_last_x = offset_x;
}

static void
zoom_begin (GtkGesture       *gesture,
            GdkEventSequence *sequence,
            PlTimeline       *self)
{
  self->zoom_last_scale = 1.0;
}

static void
zoom_changed (GtkGestureZoom *gesture,
              double          scale,
              PlTimeline     *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->scale.width / 2.0;
  zoom_by (self, scale / self->zoom_last_scale, x);
  self->zoom_last_scale = scale;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pl_timeline_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  PL_TIMELINE (widget)->overview_width = -1;
  view_changed (PL_TIMELINE (widget));
  GTK_WIDGET_CLASS (pl_timeline_parent_class)->direction_changed (widget, previous);
}

static void
pl_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  PlTimeline *self = PL_TIMELINE (widget);

  GTK_WIDGET_CLASS (pl_timeline_parent_class)->css_changed (widget, change);

  /* Fonts may have changed; text is laid out again. */
  g_hash_table_remove_all (self->layouts);
  schedule_relayout (self);
}

static void
pl_timeline_dispose (GObject *object)
{
  PlTimeline *self = PL_TIMELINE (object);

  g_clear_handle_id (&self->notify_idle, g_source_remove);
  if (self->relayout_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_tick);
  self->relayout_tick = 0;
  g_clear_pointer (&self->placements, g_array_unref);
  if (self->items != NULL)
    for (guint i = 0; i < self->items->len; i++)
      gtk_widget_unparent (self->items->pdata[i]);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  for (guint i = 0; i < N_NODES; i++)
    g_clear_pointer (&self->nodes[i], gtk_widget_unparent);

  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->event_index, g_hash_table_unref);
  g_clear_pointer (&self->event_days, g_array_unref);
  g_clear_pointer (&self->overview_counts, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->selected);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_timeline_parent_class)->dispose (object);
}

static void
pl_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlTimeline *self = PL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_LANE_MODE:
      g_value_set_enum (value, self->lane_mode);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    case PROP_VISIBLE_RANGE:
      g_value_take_string (value, pl_timeline_describe_range (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlTimeline *self = PL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_LANE_MODE:
      pl_timeline_set_lane_mode (self, g_value_get_enum (value));
      break;
    case PROP_SELECTED:
      pl_timeline_set_selected (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_timeline_class_init (PlTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "timeline.zoom-in", "timeline.zoom-out", "timeline.zoom-fit",
    "timeline.select-next", "timeline.select-previous",
    "timeline.select-left", "timeline.select-right",
    "timeline.select-first", "timeline.select-last",
    "timeline.pan-left", "timeline.pan-right",
    "timeline.scroll-up", "timeline.scroll-down",
    "timeline.activate",
  };
  static const struct { guint key; GdkModifierType mods; const char *action; } bindings[] = {
    { GDK_KEY_plus, 0, "timeline.zoom-in" },
    { GDK_KEY_equal, 0, "timeline.zoom-in" },
    { GDK_KEY_KP_Add, 0, "timeline.zoom-in" },
    { GDK_KEY_plus, GDK_SHIFT_MASK, "timeline.zoom-in" },
    { GDK_KEY_minus, 0, "timeline.zoom-out" },
    { GDK_KEY_KP_Subtract, 0, "timeline.zoom-out" },
    { GDK_KEY_0, 0, "timeline.zoom-fit" },
    { GDK_KEY_KP_0, 0, "timeline.zoom-fit" },
    { GDK_KEY_Left, 0, "timeline.select-left" },
    { GDK_KEY_KP_Left, 0, "timeline.select-left" },
    { GDK_KEY_Right, 0, "timeline.select-right" },
    { GDK_KEY_KP_Right, 0, "timeline.select-right" },
    { GDK_KEY_Home, 0, "timeline.select-first" },
    { GDK_KEY_End, 0, "timeline.select-last" },
    { GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.pan-left" },
    { GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.pan-right" },
    { GDK_KEY_Up, 0, "timeline.scroll-up" },
    { GDK_KEY_Down, 0, "timeline.scroll-down" },
    { GDK_KEY_Return, 0, "timeline.activate" },
    { GDK_KEY_KP_Enter, 0, "timeline.activate" },
    { GDK_KEY_space, 0, "timeline.activate" },
  };

  object_class->dispose = pl_timeline_dispose;
  object_class->get_property = pl_timeline_get_property;
  object_class->set_property = pl_timeline_set_property;

  widget_class->measure = pl_timeline_measure;
  widget_class->size_allocate = pl_timeline_size_allocate;
  widget_class->snapshot = pl_timeline_snapshot;
  widget_class->direction_changed = pl_timeline_direction_changed;
  widget_class->css_changed = pl_timeline_css_changed;

  properties[PROP_LANE_MODE] =
    g_param_spec_enum ("lane-mode", NULL, NULL, PL_TYPE_LANE_MODE, PL_LANE_MODE_THEME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, PL_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_RANGE] =
    g_param_spec_string ("visible-range", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE_EVENT] =
    g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PL_TYPE_EVENT);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, timeline_action);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].key, bindings[i].mods,
                                         bindings[i].action, NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_timeline_init (PlTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->lane_mode = PL_LANE_MODE_THEME;
  self->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) lane_free);
  self->events = g_ptr_array_new ();
  self->event_index = g_hash_table_new (NULL, NULL);
  self->event_days = g_array_new (FALSE, FALSE, sizeof (double));
  self->items = g_ptr_array_new ();
  self->overview_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->laid_out_width = -1;
  self->overview_width = -1;
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < N_NODES; i++)
    {
      self->nodes[i] = g_object_new (PL_TYPE_TIMELINE_STYLE, NULL);
      gtk_widget_add_css_class (self->nodes[i], node_classes[i][0]);
      if (node_classes[i][1] != NULL)
        gtk_widget_add_css_class (self->nodes[i], node_classes[i][1]);
      gtk_widget_set_parent (self->nodes[i], GTK_WIDGET (self));
      gtk_widget_set_child_visible (self->nodes[i], FALSE);
    }

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

void
pl_timeline_set_store (PlTimeline *self,
                       PlStore    *store)
{
  GListModel *events;
  GListModel *eras;
  guint n;

  g_return_if_fail (PL_IS_TIMELINE (self));
  g_return_if_fail (store == NULL || PL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_ptr_array_set_size (self->events, 0);
  g_hash_table_remove_all (self->event_index);
  g_array_set_size (self->event_days, 0);
  g_clear_object (&self->selected);
  self->first_day = self->last_day = 0;
  self->fitted = FALSE;
  self->v_offset = 0;
  self->overview_width = -1;

  if (store != NULL)
    {
      events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
      n = g_list_model_get_n_items (events);
      self->first_day = G_MAXDOUBLE;
      self->last_day = -G_MAXDOUBLE;

      for (guint i = 0; i < n; i++)
        {
          PlEvent *event = g_list_model_get_item (events, i);
          double first, end;

          /* The store owns the events for as long as we hold it. */
          g_object_unref (event);
          event_span (event, &first, &end);
          g_ptr_array_add (self->events, event);
          g_hash_table_insert (self->event_index, event, GUINT_TO_POINTER (i + 1));
          g_array_append_val (self->event_days, first);
          self->first_day = MIN (self->first_day, first);
          self->last_day = MAX (self->last_day, end);
        }

      eras = pl_store_get_items (store, PL_ITEM_KIND_ERA);
      for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
        {
          g_autoptr(PlEra) era = g_list_model_get_item (eras, i);
          guint32 a = 0, b = 0, c = 0, d = 0;

          pl_date_get_span (&era->start, &a, &b);
          self->first_day = MIN (self->first_day, a);
          if (pl_date_get_span (&era->end, &c, &d))
            self->last_day = MAX (self->last_day, (double) d + 1.0);
        }

      if (n == 0)
        self->first_day = self->last_day = 0;
    }

  rebuild_lanes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  view_changed (self);
}

PlEvent *
pl_timeline_get_selected (PlTimeline *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE (self), NULL);

  return self->selected;
}

void
pl_timeline_set_selected (PlTimeline *self,
                          PlEvent    *event)
{
  g_return_if_fail (PL_IS_TIMELINE (self));

  if (event != NULL && event_position (self, event) == 0)
    return;   /* not of this dataset */

  if (g_set_object (&self->selected, event))
    {
      if (event != NULL)
        reveal (self, event);
      schedule_relayout (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

PlLaneMode
pl_timeline_get_lane_mode (PlTimeline *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE (self), PL_LANE_MODE_NONE);

  return self->lane_mode;
}

void
pl_timeline_set_lane_mode (PlTimeline *self,
                           PlLaneMode  mode)
{
  g_return_if_fail (PL_IS_TIMELINE (self));

  if (self->lane_mode == mode)
    return;

  self->lane_mode = mode;
  self->v_offset = 0;
  rebuild_lanes (self);
  view_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANE_MODE]);
}

void
pl_timeline_get_visible_range (PlTimeline *self,
                               double     *start_day,
                               double     *end_day)
{
  g_return_if_fail (PL_IS_TIMELINE (self));

  *start_day = self->scale.start_day;
  *end_day = self->scale.end_day;
}

void
pl_timeline_set_visible_range (PlTimeline *self,
                               double      start_day,
                               double      end_day)
{
  g_return_if_fail (PL_IS_TIMELINE (self));
  g_return_if_fail (end_day > start_day);

  self->scale.start_day = start_day;
  self->scale.end_day = end_day;
  self->fitted = TRUE;
  view_changed (self);
}

char *
pl_timeline_describe_range (PlTimeline *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE (self), NULL);

  if (!self->fitted)
    return NULL;
  return pl_time_scale_format_range (&self->scale);
}

guint
pl_timeline_get_n_lanes (PlTimeline *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE (self), 0);

  return self->lanes->len;
}

const char *
pl_timeline_get_lane_title (PlTimeline *self,
                            guint       lane)
{
  g_return_val_if_fail (PL_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);

  return ((Lane *) self->lanes->pdata[lane])->title;
}
