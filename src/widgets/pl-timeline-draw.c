/* pl-timeline-draw.c — draws the timeline's eras, lanes, bars, axis and overview
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only what is in view is drawn: eras, bars and ticks are clipped to the
 * visible days, the overview's density was counted once per width, and
 * text layouts are cached.
 */
#include "config.h"

#include <math.h>

#include "pl-timeline-private.h"

#define PL_TYPE_TIMELINE_STYLE (pl_timeline_style_get_type ())
G_DECLARE_FINAL_TYPE (PlTimelineStyle, pl_timeline_style, PL, TIMELINE_STYLE, GtkWidget)
struct _PlTimelineStyle { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (PlTimelineStyle, pl_timeline_style, GTK_TYPE_WIDGET)
static void pl_timeline_style_class_init (PlTimelineStyleClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "style");
}
static void pl_timeline_style_init (PlTimelineStyle *self) { }

static const char * const node_classes[N_NODES][2] = {
  { "axis", NULL }, { "grid", NULL }, { "lane", NULL }, { "lane-title", NULL },
  { "overview", NULL }, { "overview-window", NULL }, { "density", NULL }, { "selection", NULL },
  { "bar", NULL }, { "bar", "reported" }, { "bar", "planned" }, { "bar", "disputed" },
};

void
pl_timeline_init_style (PlTimeline *self)
{
  for (guint i = 0; i < N_NODES; i++)
    {
      self->nodes[i] = g_object_new (PL_TYPE_TIMELINE_STYLE, NULL);
      gtk_widget_add_css_class (self->nodes[i], node_classes[i][0]);
      if (node_classes[i][1] != NULL)
        gtk_widget_add_css_class (self->nodes[i], node_classes[i][1]);
      gtk_widget_set_parent (self->nodes[i], GTK_WIDGET (self));
      gtk_widget_set_child_visible (self->nodes[i], FALSE);
    }
}

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

/* The bars of a lane's spans: ranges, and dates known only to the month
 * or year, cover the days they cover rather than a point.
 *
 * However many there are, drawing costs what the screen holds: the bars
 * in view are found by binary search (a bar starts no earlier than the
 * longest one before the view), counted per pixel column and certainty,
 * and each run of columns with the same count and certainty is one
 * rectangle, more opaque where more bars overlap and in the plain bar
 * colour where certainties mix. At any zoom where bars do not overlap
 * that draws exactly what one rectangle per bar would. */
#define COVERAGE_BINS 16384

/* The lane's bars counted per stretch of days (a bin), from one sweep over
 * them: each bar adds one at its first bin and takes it back after its
 * last. */
static void
ensure_coverage (PlTimeline *self,
                 Lane       *lane)
{
  double span = MAX (self->last_day - self->first_day + 1, 1);
  g_autofree gint32 *running = NULL;

  if (lane->coverage != NULL)
    return;

  lane->n_bins = (guint) MIN (COVERAGE_BINS, ceil (span));
  lane->bin_start = self->first_day;
  lane->bin_days = span / lane->n_bins;
  lane->coverage = g_new0 (guint16, 4 * (gsize) lane->n_bins);
  running = g_new0 (gint32, 4 * ((gsize) lane->n_bins + 1));

  for (guint i = 0; i < lane->long_events->len; i++)
    {
      PlEvent *event = lane->long_events->pdata[i];
      gint64 b0 = (gint64) floor ((event->first_day - lane->bin_start) / lane->bin_days);
      gint64 b1 = (gint64) ceil ((event->end_day - lane->bin_start) / lane->bin_days);
      gint32 *row = running + (gsize) CLAMP ((int) event->certainty, 0, 3) * (lane->n_bins + 1);

      b0 = CLAMP (b0, 0, (gint64) lane->n_bins);
      b1 = CLAMP (b1, b0, (gint64) lane->n_bins);
      row[b0]++;
      row[b1]--;
    }
  for (guint k = 0; k < 4; k++)
    {
      gint32 *row = running + (gsize) k * (lane->n_bins + 1);
      gint32 sum = 0;

      for (guint b = 0; b < lane->n_bins; b++)
        {
          sum += row[b];
          lane->coverage[(gsize) k * lane->n_bins + b] = (guint16) CLAMP (sum, 0, G_MAXUINT16);
        }
    }
}

static void
draw_bars (PlTimeline    *self,
           GtkSnapshot   *snapshot,
           Lane          *lane,
           const GdkRGBA  bars[4],
           const GdkRGBA *selection,
           double         width,
           double         bar_y)
{
  GPtrArray *events = lane->long_events;
  guint n_columns = (guint) ceil (width) + 1;
  g_autofree gint32 *counts = NULL;
  double lo = self->scale.start_day - lane->longest;
  double hi = self->scale.end_day;
  guint first = 0, last = events->len;
  gboolean any = FALSE;

  if (events->len == 0 || width <= 0)
    return;

  counts = g_new0 (gint32, 4 * ((gsize) n_columns + 1));

  /* Zoomed out so far that a pixel spans whole bins, the counts come from
   * the lane's coverage: the most bars over any of the pixel's days. The
   * cost is the screen's width, whatever the number of bars. */
  if (pl_time_scale_days_per_pixel (&self->scale) >= MAX (self->last_day - self->first_day + 1, 1) / COVERAGE_BINS)
    {
      ensure_coverage (self, lane);
      for (guint c = 0; c + 1 < n_columns; c++)
        {
          double d0 = self->scale.start_day + c * pl_time_scale_days_per_pixel (&self->scale);
          double d1 = d0 + pl_time_scale_days_per_pixel (&self->scale);
          gint64 b0 = (gint64) floor ((d0 - lane->bin_start) / lane->bin_days);
          gint64 b1 = (gint64) ceil ((d1 - lane->bin_start) / lane->bin_days);
          guint column = is_rtl (self) ? n_columns - 2 - c : c;

          b0 = CLAMP (b0, 0, (gint64) lane->n_bins);
          b1 = CLAMP (b1, b0, (gint64) lane->n_bins);
          for (guint k = 0; k < 4; k++)
            {
              const guint16 *row = lane->coverage + (gsize) k * lane->n_bins;
              guint16 most = 0;

              for (gint64 b = b0; b < b1; b++)
                most = MAX (most, row[b]);
              counts[(gsize) k * (n_columns + 1) + column] = most;
            }
        }
      if (self->selected != NULL && g_ptr_array_find (events, self->selected, NULL))
        {
          double x1 = day_to_x (self, self->selected->first_day);
          double x2 = day_to_x (self, self->selected->end_day);

          append_rect (snapshot, selection, MIN (x1, x2), bar_y + BAR_HEIGHT, fabs (x2 - x1), 2);
        }
      goto draw;
    }

  /* The first bar that may reach the view; the events are sorted by
   * their first day. */
  while (first < last)
    {
      guint middle = first + (last - first) / 2;

      if (PL_EVENT (events->pdata[middle])->first_day < lo)
        first = middle + 1;
      else
        last = middle;
    }

  /* Each bar adds one at its first column and takes it back after its
   * last, so a bar costs the same however wide it is; a running sum then
   * gives the count at every column. */
  for (guint i = first; i < events->len; i++)
    {
      PlEvent *event = events->pdata[i];
      double x1, x2;
      guint c1, c2;
      gint32 *row;

      if (event->first_day > hi)
        break;
      if (event->end_day < self->scale.start_day)
        continue;

      x1 = day_to_x (self, event->first_day);
      x2 = day_to_x (self, event->end_day);
      if (x1 > x2)
        {
          double t = x1;
          x1 = x2;
          x2 = t;
        }
      x1 = CLAMP (x1, 0, width);
      x2 = CLAMP (x2, 0, width);
      if (x2 - x1 < 2)
        continue;

      if (event == self->selected)
        append_rect (snapshot, selection, x1, bar_y + BAR_HEIGHT, x2 - x1, 2);

      row = counts + (gsize) CLAMP ((int) event->certainty, 0, 3) * (n_columns + 1);
      c1 = (guint) floor (x1);
      c2 = MIN ((guint) ceil (x2), n_columns);
      row[c1]++;
      row[c2]--;
      any = TRUE;
    }
  if (!any)
    return;

  for (guint k = 0; k < 4; k++)
    {
      gint32 *row = counts + (gsize) k * (n_columns + 1);

      for (guint c = 1; c < n_columns; c++)
        row[c] += row[c - 1];
    }

draw:

  /* Per column: how many bars, and their certainty when they share one;
   * where certainties mix, the plain bar colour. */
  {
    guint c = 0;

    while (c < n_columns)
      {
        guint start = c;
        guint colour = 0, level = 0;

        for (;;)
          {
            guint total = 0, kinds = 0, kind = 0;

            if (c >= n_columns)
              break;
            for (guint k = 0; k < 4; k++)
              if (counts[(gsize) k * (n_columns + 1) + c] > 0)
                {
                  total += (guint) counts[(gsize) k * (n_columns + 1) + c];
                  kinds++;
                  kind = k;
                }
            if (c == start)
              {
                colour = kinds == 1 ? kind : 0;
                level = MIN (total, 3);
              }
            else if ((kinds == 1 ? kind : 0) != colour || MIN (total, 3) != level)
              break;
            c++;
          }
        if (level > 0)
          {
            GdkRGBA color = bars[colour];

            /* One bar at the style's colour, two or more darker. */
            color.alpha = MIN (1.0, color.alpha * (1.0 + 0.5 * (level - 1)));
            append_rect (snapshot, &color, start, bar_y, c - start, BAR_HEIGHT);
          }
      }
  }
}

static void
draw_lanes (PlTimeline  *self,
            GtkSnapshot *snapshot,
            double       width,
            double       height)
{
  double top = lanes_top (self);
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

      draw_bars (self, snapshot, lane, bars, &selection, width, bar_y);
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

  /* The days being picked as a date range. */
  if (self->overview_selecting)
    {
      GdkRGBA selection;

      node_color (self, NODE_SELECTION, &selection);
      selection.alpha *= 0.35f;
      append_rect (snapshot, &selection, MIN (self->overview_from_x, self->overview_to_x), top + 1,
                   fabs (self->overview_to_x - self->overview_from_x), OVERVIEW_HEIGHT - 1);
    }
}

void
pl_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  PlTimeline *self = PL_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double top = lanes_top (self);

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
