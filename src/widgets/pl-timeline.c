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

#include "model/pl-filter.h"
#include "pl-timeline-private.h"

G_DEFINE_ENUM_TYPE (PlLaneMode, pl_lane_mode,
  G_DEFINE_ENUM_VALUE (PL_LANE_MODE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PL_LANE_MODE_THEME, "theme"),
  G_DEFINE_ENUM_VALUE (PL_LANE_MODE_ACTOR, "actor"))

G_DEFINE_FINAL_TYPE (PlTimeline, pl_timeline, GTK_TYPE_WIDGET)

static void events_changed (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            PlTimeline *self);

enum {
  PROP_0,
  PROP_LANE_MODE,
  PROP_SELECTED,
  PROP_VISIBLE_RANGE,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE_EVENT,
  RANGE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void
view_changed (PlTimeline *self)
{
  pl_timeline_schedule_relayout (self);
  notify_range (self);
}

static void
zoom_to_fit (PlTimeline *self)
{
  if (self->scale.width <= 0)
    return;

  /* To what the filter leaves, when it leaves anything. */
  if (self->events->len > 0)
    pl_time_scale_fit (&self->scale, self->events_first_day, self->events_last_day, 0.03);
  else
    pl_time_scale_fit (&self->scale, self->first_day, self->last_day, 0.03);
  self->fitted = TRUE;
  view_changed (self);
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
  PlTimeline *self = PL_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 800;
    }
  else
    {
      *minimum = (int) (lanes_top (self) + LANE_HEIGHT + OVERVIEW_HEIGHT);
      *natural = (int) (lanes_top (self) + LANE_HEIGHT * 4 + OVERVIEW_HEIGHT);
    }
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
    pl_timeline_rebuild_overview (self, width);

  /* A new size needs new items; until the next frame the old ones stay. */
  if (width != self->laid_out_width || height != self->laid_out_height)
    pl_timeline_schedule_relayout (self);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *placement = &g_array_index (self->placements, Placement, i);
      gtk_widget_size_allocate (GTK_WIDGET (placement->item), &placement->allocation, -1);
    }
}

/* ------------------------------------------------------------------ */
/* Selection and keys                                                  */

static guint
event_position (PlTimeline *self,
                PlEvent    *event)
{
  guint index;

  /* A scan of pointers: cheaper, even for a million, than keeping a
   * table of every event up to date at each change of the filter. */
  return event != NULL && g_ptr_array_find (self->events, event, &index) ? index + 1 : 0;
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
          double visible = lanes_bottom (self) - lanes_top (self);

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

static double
overview_day (PlTimeline *self,
              double      x)
{
  double fraction = CLAMP (x / MAX (1.0, self->scale.width), 0.0, 1.0);

  if (is_rtl (self))
    fraction = 1.0 - fraction;
  return self->first_day + fraction * (self->last_day - self->first_day);
}

static void
center_overview_at (PlTimeline *self,
                    double      x)
{
  double span = self->scale.end_day - self->scale.start_day;
  double day = overview_day (self, x);

  self->scale.start_day = day - span / 2.0;
  self->scale.end_day = day + span / 2.0;
  view_changed (self);
}

/* On the overview a click moves the view there, and a drag picks the days
 * it covers as the filter's date range; elsewhere a drag pans. */
static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            PlTimeline     *self)
{
  self->drag_in_overview = y >= lanes_bottom (self);
  self->drag_last_x = 0.0;
  self->overview_selecting = FALSE;
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
      self->overview_selecting = fabs (offset_x) >= 4.0;
      self->overview_from_x = start_x;
      self->overview_to_x = start_x + offset_x;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  /* The content follows the hand. */
  pan_by (self, (is_rtl (self) ? 1 : -1) * (offset_x - self->drag_last_x));
  self->drag_last_x = offset_x;
}

static void
drag_end (GtkGestureDrag *gesture,
          double          offset_x,
          double          offset_y,
          PlTimeline     *self)
{
  double start_x, start_y, first, last;

  if (!self->drag_in_overview)
    return;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  if (!self->overview_selecting)
    {
      center_overview_at (self, start_x);
      return;
    }

  self->overview_selecting = FALSE;
  first = overview_day (self, start_x);
  last = overview_day (self, start_x + offset_x);
  if (first > last)
    {
      double t = first;
      first = last;
      last = t;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[RANGE_SELECTED], 0, floor (first), floor (last));
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
  pl_timeline_schedule_relayout (self);
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

  pl_timeline_stop_making_lanes (self);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->spare_lanes, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->event_days, g_array_unref);
  g_clear_pointer (&self->positions, g_array_unref);
  self->store_events = NULL;
  self->store_first = self->store_end = NULL;
  g_clear_pointer (&self->overview_counts, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  if (self->events_model != NULL)
    g_signal_handlers_disconnect_by_func (self->events_model, events_changed, self);
  g_clear_object (&self->events_model);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_clear_object (&self->notebook);
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
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
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
    case PROP_TEXT_SCALE:
      pl_timeline_set_text_scale (self, g_value_get_double (value));
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
  /* The reader's text size: 1 is normal; rows and lanes grow with it. */
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE_EVENT] =
    g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PL_TYPE_EVENT);
  /* The first and last day (Julian) the reader dragged over on the
   * overview. */
  signals[RANGE_SELECTED] =
    g_signal_new ("range-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

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
  self->text_scale = 1.0;
  self->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_timeline_lane_free);
  self->lanes_in_thread_from = LANES_IN_THREAD_FROM;
  self->events = g_ptr_array_new ();
  self->event_days = g_array_new (FALSE, FALSE, sizeof (double));
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->items = g_ptr_array_new ();
  self->overview_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->laid_out_width = -1;
  self->overview_width = -1;
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  pl_timeline_init_style (self);

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
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end), self);
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

/* Takes the events to show from the model, which keeps them in the store's
 * chronological order. The view stays where it is: filtering while typing
 * must not make the timeline jump. */
/* The positions in the store of the events to show: a filter's matches
 * are read in place, the store's own list is every position, and any other
 * model is read item by item (its events must be the store's). */
static void
load_positions (PlTimeline *self)
{
  GListModel *model = self->events_model;
  const guint32 *peeked;
  PlStore *owner = NULL;
  guint n = 0;

  g_array_set_size (self->positions, 0);
  if (model == NULL || self->store == NULL)
    return;

  if (model == pl_store_get_items (self->store, PL_ITEM_KIND_EVENT))
    {
      g_array_set_size (self->positions, self->n_store_events);
      for (guint i = 0; i < self->n_store_events; i++)
        g_array_index (self->positions, guint32, i) = i;
      return;
    }

  peeked = pl_filter_events_peek_positions (model, &owner, &n);
  if (peeked != NULL && owner == self->store)
    {
      g_array_append_vals (self->positions, peeked, n);
      return;
    }

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (model, i);
      guint32 position = PL_RECORD (event)->index;

      if (position < self->n_store_events && self->store_events[position] == event)
        g_array_append_val (self->positions, position);
    }
}

static void
reload_events (PlTimeline *self)
{
  guint n;

  load_positions (self);
  n = self->positions->len;

  g_ptr_array_set_size (self->events, n);
  g_array_set_size (self->event_days, n);
  self->events_first_day = G_MAXDOUBLE;
  self->events_last_day = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      guint32 position = g_array_index (self->positions, guint32, i);
      double first = self->store_first[position];

      self->events->pdata[i] = self->store_events[position];
      g_array_index (self->event_days, double, i) = first;
      self->events_first_day = MIN (self->events_first_day, first);
      self->events_last_day = MAX (self->events_last_day, self->store_end[position]);
    }

  if (self->selected != NULL && event_position (self, self->selected) == 0)
    {
      g_clear_object (&self->selected);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }

  self->overview_width = -1;
  pl_timeline_rebuild_lanes (self);
  view_changed (self);
}

static void
events_changed (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                PlTimeline *self)
{
  reload_events (self);
}

void
pl_timeline_set_events (PlTimeline *self,
                        GListModel *events)
{
  g_return_if_fail (PL_IS_TIMELINE (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  if (self->events_model == events)
    return;

  if (self->events_model != NULL)
    g_signal_handlers_disconnect_by_func (self->events_model, events_changed, self);
  g_set_object (&self->events_model, events);
  if (events != NULL)
    g_signal_connect_object (events, "items-changed", G_CALLBACK (events_changed), self, 0);

  reload_events (self);
}

void
pl_timeline_set_store (PlTimeline *self,
                       PlStore    *store)
{
  GListModel *eras;

  g_return_if_fail (PL_IS_TIMELINE (self));
  g_return_if_fail (store == NULL || PL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* Lanes of the store before point into it: they go at once, whatever
   * is still being made. */
  pl_timeline_stop_making_lanes (self);
  g_ptr_array_set_size (self->lanes, 0);
  g_clear_pointer (&self->spare_lanes, g_ptr_array_unref);

  g_clear_object (&self->selected);
  self->fitted = FALSE;
  self->v_offset = 0;
  self->first_day = self->last_day = 0;

  /* The whole dataset's span, eras included, frames the overview and the
   * first view, whatever a filter later leaves. */
  self->store_events = NULL;
  self->store_first = self->store_end = NULL;
  self->n_store_events = 0;
  if (store != NULL)
    {
      guint n;

      self->store_events = pl_store_peek_events (store, &self->store_first, &self->store_end, &n);
      self->n_store_events = n;
      self->first_day = G_MAXDOUBLE;
      self->last_day = -G_MAXDOUBLE;
      for (guint i = 0; i < n; i++)
        {
          self->first_day = MIN (self->first_day, self->store_first[i]);
          self->last_day = MAX (self->last_day, self->store_end[i]);
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

      if (self->first_day > self->last_day)
        self->first_day = self->last_day = 0;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  pl_timeline_set_events (self, store != NULL ? pl_store_get_items (store, PL_ITEM_KIND_EVENT) : NULL);
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
      pl_timeline_schedule_relayout (self);
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
  pl_timeline_rebuild_lanes (self);
  view_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANE_MODE]);
}

/* The text scales through the style sheet (classes text-85 … text-150),
 * so the items' labels and the drawn text grow alike; the geometry reads
 * text_scale. Sizes between the classes round to the nearest. */
void
pl_timeline_set_text_scale (PlTimeline *self,
                            double      scale)
{
  static const struct { double scale; const char *css_class; } classes[] = {
    { 0.85, "text-85" }, { 1.25, "text-125" }, { 1.5, "text-150" },
  };

  g_return_if_fail (PL_IS_TIMELINE (self));

  scale = CLAMP (scale, 0.5, 3.0);
  if (self->text_scale == scale)
    return;

  self->text_scale = scale;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      gboolean nearest = fabs (scale - classes[i].scale) < 0.1;

      if (nearest)
        gtk_widget_add_css_class (GTK_WIDGET (self), classes[i].css_class);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), classes[i].css_class);
    }
  g_hash_table_remove_all (self->layouts);
  clamp_v_offset (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  pl_timeline_schedule_relayout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

double
pl_timeline_get_text_scale (PlTimeline *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE (self), 1.0);

  return self->text_scale;
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

static void
mark_free (PlTimelineMark *mark)
{
  g_free (mark->highlight);
  g_free (mark);
}

/* Only what the items need is kept: the star and highlight by event id. */
static void
update_marks (PlTimeline *self)
{
  GPtrArray *annotations = self->notebook != NULL ? pl_notebook_get_annotations (self->notebook) : NULL;

  g_clear_pointer (&self->marks, g_hash_table_unref);
  if (annotations != NULL)
    {
      self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) mark_free);
      for (guint i = 0; i < annotations->len; i++)
        {
          PlAnnotation *annotation = annotations->pdata[i];
          PlTimelineMark *mark;

          if (annotation->item_kind != PL_ITEM_KIND_EVENT || (!annotation->starred && annotation->highlight == NULL))
            continue;
          mark = g_new0 (PlTimelineMark, 1);
          mark->starred = annotation->starred;
          mark->highlight = g_strdup (annotation->highlight);
          g_hash_table_replace (self->marks, g_strdup (annotation->item_id), mark);
        }
    }
  pl_timeline_schedule_relayout (self);
}

/* The reader's annotations of this dataset: starred and highlighted
 * events are marked, and the marks follow the notebook; NULL for none. */
void
pl_timeline_set_notebook (PlTimeline *self,
                          PlNotebook *notebook)
{
  g_return_if_fail (PL_IS_TIMELINE (self));
  g_return_if_fail (notebook == NULL || PL_IS_NOTEBOOK (notebook));

  if (self->notebook == notebook)
    return;
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_set_object (&self->notebook, notebook);
  if (notebook != NULL)
    g_signal_connect_swapped (notebook, "changed", G_CALLBACK (update_marks), self);
  update_marks (self);
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
