/* pl-handout-timeline.c — the timeline strip of the printed handout, drawn with cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paper has no zoom, so the strip shows every event at once: one marker
 * per event, stacked upwards where events are too close to sit side by
 * side, each numbered as in the list that follows when its number fits.
 * A range, or a date known only to its month or year, also gets a bar
 * across the days it covers, as on screen. Eras are shaded behind, the
 * year axis runs underneath, and a legend explains the markers.
 *
 * When the events crowd into a short stretch of a long span (centuries of
 * history, then most events in the last ten years), the stack there runs
 * out of rows; a second strip then shows that stretch close up, framed on
 * the first, so every event gets a marker that can be told apart.
 *
 * A strip with more events than its rows could hold side by side (tens of
 * thousands in a large dataset) cannot mark them one by one: it shows
 * instead how many start in each narrow column, stacked by certainty, so
 * the page stays light to print whatever the number of events.
 *
 * It is always black on white with the app's certainty colours, whatever
 * the style of the screen: it is meant for paper.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "model/pl-time-scale.h"
#include "pl-handout-private.h"

#define MARKER_RADIUS   2.8
#define ROW_HEIGHT      9.0
#define OVERVIEW_ROWS   10
#define MAX_ROWS        24
#define ROW_GAP         2.0
#define LABEL_GAP       1.2
#define BAR_HEIGHT      2.4
#define ERA_ROW_HEIGHT  10.0
#define ERA_ROWS        3
#define TICK_SPACING    46.0
#define LEGEND_GAP      10.0
#define STRIP_GAP       22.0

/* A close-up is drawn when this share of the events lies in at most this
 * share of the span. */
#define CLOSE_UP_EVENTS 0.6
#define CLOSE_UP_SPAN   0.4

/* A dense strip counts its events in columns this wide. */
#define COLUMN_WIDTH    1.5

#define NUMBER_FONT     "Sans 6"
#define ERA_FONT        "Sans Bold 6.5"
#define TICK_FONT       "Sans 7"
#define MAJOR_FONT      "Sans Bold 7"
#define CAPTION_FONT    "Sans Bold 7"
#define LEGEND_FONT     "Sans 7"

/* The app's certainty colours, a shade darker so they hold on paper. */
static const double certainty_rgb[4][3] = {
  { 0.11, 0.44, 0.85 },   /* confirmed */
  { 0.78, 0.55, 0.00 },   /* reported */
  { 0.15, 0.60, 0.38 },   /* planned */
  { 0.75, 0.11, 0.16 },   /* disputed */
};

typedef struct
{
  guint     number;       /* as in the list, from 1 */
  double    x;            /* the marker: the first day of the event */
  double    x_end;        /* the end of its span, for the bar */
  guint     row;
  gboolean  bar;
  gboolean  labelled;
  int       certainty;
} Mark;

/* How many events start in a column of a dense strip, by certainty. */
typedef struct
{
  guint n[4];
} Column;

typedef struct
{
  PlEra      *era;        /* owned */
  double      x1;
  double      x2;
  double      rgba[4];
  PlLabelBox  box;
} Band;

/* One axis with its eras and markers; the drawing has one or two. */
typedef struct
{
  PlTimeScale  scale;
  GArray      *marks;     /* Mark */
  GArray      *bands;     /* Band */
  GArray      *ticks;     /* PlTick */
  PlTickStep   step;
  gboolean     major_row;
  guint        max_rows;
  double       quiet_from;  /* events from here to quiet_to are not */
  double       quiet_to;    /* numbered: the close-up numbers them */
  guint        n_rows;
  guint        n_era_rows;
  gboolean     crowded;   /* some marker found no free row */
  GArray      *columns;   /* Column, when too many for marks */
  guint        max_column;

  double       top;       /* in the drawing */
  double       caption_y;
  double       rows_top;
  double       axis_y;
  double       tick_label_y;
  double       major_label_y;
  double       bottom;
} Strip;

struct _PlHandoutTimeline
{
  PangoContext *pango;
  double        width;
  double        text_height;

  Strip         overview;
  Strip        *close_up;   /* or NULL */
  char         *close_up_caption;

  gboolean      certainties[4];
  gboolean      any_bar;

  double        legend_y;
  double        note_y;
  double        height;
};

static PangoLayout *
make_layout (PangoContext *pango,
             const char   *font,
             const char   *text)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  /* Plain text: era titles come from the dataset and are never markup. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

/* What the markers, bars and columns mean, across the whole width. */
static PangoLayout *
note_layout (PlHandoutTimeline *self)
{
  g_autoptr(GString) note = g_string_new (NULL);
  gboolean any_marks = self->overview.columns == NULL ||
                       (self->close_up != NULL && self->close_up->columns == NULL);
  gboolean any_columns = self->overview.columns != NULL ||
                         (self->close_up != NULL && self->close_up->columns != NULL);
  PangoLayout *layout;

  if (any_marks)
    g_string_append (note, _("Numbers refer to the events listed below."));
  if (self->any_bar)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append (note, _("A bar spans a period, or a date known only to its month or year."));
    }
  if (any_columns)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append (note, _("Where there are too many events to mark one by one, the height of each column shows how many start there."));
    }
  layout = make_layout (self->pango, LEGEND_FONT, note->str);
  pango_layout_set_width (layout, pango_units_from_double (self->width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

static void
event_days (PlEvent *event,
            double  *first,
            double  *end)
{
  guint32 a = 0, b = 0, c = 0, d = 0;

  pl_date_get_span (&event->start, &a, &b);
  if (pl_date_get_span (&event->end, &c, &d))
    b = MAX (b, d);
  *first = a;
  *end = (double) b + 1.0;
}

static void
band_clear (Band *band)
{
  g_clear_object (&band->era);
}

static void
strip_init (Strip  *strip,
            double  first_day,
            double  last_day,
            double  width,
            guint   max_rows)
{
  strip->max_rows = MIN (max_rows, MAX_ROWS);
  strip->quiet_from = strip->quiet_to = 0;
  strip->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  strip->bands = g_array_new (FALSE, FALSE, sizeof (Band));
  g_array_set_clear_func (strip->bands, (GDestroyNotify) band_clear);
  strip->ticks = g_array_new (FALSE, FALSE, sizeof (PlTick));
  strip->scale.width = width;
  pl_time_scale_fit (&strip->scale, first_day, last_day, 0.03);
}

static void
strip_clear (Strip *strip)
{
  g_clear_pointer (&strip->marks, g_array_unref);
  g_clear_pointer (&strip->columns, g_array_unref);
  g_clear_pointer (&strip->bands, g_array_unref);
  g_clear_pointer (&strip->ticks, g_array_unref);
}

/* Each event goes into the lowest row where the last item ends before it
 * starts, and keeps the room for its number after it; when no row has
 * room, it goes into the row that frees up first, over its neighbour.
 * A number that would then run into the next marker of its row is left
 * out: markers are what must be seen. Only events that start in the
 * strip's span are placed. */
/* How many events start in the strip's span. */
static guint
count_in_span (Strip        *strip,
               const double *firsts,
               guint         n)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (firsts[i] >= strip->scale.start_day && firsts[i] < strip->scale.end_day)
      count++;
  return count;
}

/* More events than the rows could hold side by side: counted by column. */
static gboolean
too_many_for_marks (Strip *strip,
                    guint  count)
{
  return count > strip->max_rows * strip->scale.width / (2 * MARKER_RADIUS + ROW_GAP);
}

static void
count_columns (PlHandoutTimeline *self,
               Strip             *strip,
               GPtrArray         *events,
               const double      *firsts)
{
  guint n_columns = MAX (1, (guint) ceil (strip->scale.width / COLUMN_WIDTH));

  strip->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_size (strip->columns, n_columns);
  for (guint i = 0; i < events->len; i++)
    {
      PlEvent *event = events->pdata[i];
      int certainty = CLAMP ((int) event->certainty, 0, 3);
      double x;
      Column *column;

      if (firsts[i] < strip->scale.start_day || firsts[i] >= strip->scale.end_day)
        continue;
      x = pl_time_scale_day_to_x (&strip->scale, firsts[i]);
      column = &g_array_index (strip->columns, Column, (guint) CLAMP (x / COLUMN_WIDTH, 0.0, n_columns - 1.0));
      column->n[certainty]++;
      self->certainties[certainty] = TRUE;
    }
  for (guint c = 0; c < n_columns; c++)
    {
      const guint *n = g_array_index (strip->columns, Column, c).n;

      strip->max_column = MAX (strip->max_column, n[0] + n[1] + n[2] + n[3]);
    }
  strip->n_rows = strip->max_rows;
}

static void
place_marks (PlHandoutTimeline *self,
             Strip             *strip,
             GPtrArray         *events,
             const double      *firsts,
             const double      *ends)
{
  double row_end[MAX_ROWS];
  int row_last[MAX_ROWS];
  g_autoptr(PangoLayout) number = make_layout (self->pango, NUMBER_FONT, "");

  for (guint r = 0; r < MAX_ROWS; r++)
    {
      row_end[r] = -G_MAXDOUBLE;
      row_last[r] = -1;
    }

  for (guint i = 0; i < events->len; i++)
    {
      PlEvent *event = events->pdata[i];
      Mark mark = { 0, };
      double first, end, start, full_end;
      int row = -1;

      first = firsts[i];
      end = ends[i];
      if (first < strip->scale.start_day || first >= strip->scale.end_day)
        continue;

      mark.number = i + 1;
      mark.x = pl_time_scale_day_to_x (&strip->scale, first);
      mark.x_end = MIN (pl_time_scale_day_to_x (&strip->scale, end), strip->scale.width);
      mark.bar = end - first > 3.0 && mark.x_end - mark.x >= 1.5;
      mark.certainty = CLAMP ((int) event->certainty, 0, 3);
      if (!mark.bar)
        mark.x_end = mark.x;

      mark.labelled = first < strip->quiet_from || first >= strip->quiet_to;
      start = mark.x - MARKER_RADIUS;
      full_end = mark.x_end;
      if (mark.labelled)
        {
          char text[16];

          g_snprintf (text, sizeof text, "%u", mark.number);
          pango_layout_set_text (number, text, -1);
          full_end = MAX (mark.x + MARKER_RADIUS + LABEL_GAP + layout_width (number), full_end);
        }

      for (guint r = 0; r < strip->max_rows && row < 0; r++)
        if (row_end[r] + ROW_GAP <= start)
          row = (int) r;
      if (row < 0)
        {
          strip->crowded = TRUE;
          row = 0;
          for (guint r = 1; r < strip->max_rows; r++)
            if (row_end[r] < row_end[row])
              row = (int) r;
        }

      /* The previous item of the row loses its number if this marker
       * lands on it. */
      if (row_last[row] >= 0 && row_end[row] + ROW_GAP > start)
        g_array_index (strip->marks, Mark, row_last[row]).labelled = FALSE;

      mark.row = (guint) row;
      row_end[row] = MAX (row_end[row], mark.labelled ? full_end : MAX (mark.x + MARKER_RADIUS, mark.x_end));
      strip->n_rows = MAX (strip->n_rows, mark.row + 1);
      self->certainties[mark.certainty] = TRUE;
      self->any_bar |= mark.bar;
      row_last[row] = (int) strip->marks->len;
      g_array_append_val (strip->marks, mark);
    }

  strip->n_rows = MAX (strip->n_rows, 1);
}

static void
place_eras (PlHandoutTimeline *self,
            Strip             *strip,
            PlStore           *store)
{
  GListModel *eras = pl_store_get_items (store, PL_ITEM_KIND_ERA);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (PlLabelBox));
  double width = strip->scale.width;

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(PlEra) era = g_list_model_get_item (eras, i);
      guint32 a = 0, b = 0, c = 0, d = 0;
      g_autoptr(PangoLayout) layout = NULL;
      GdkRGBA color;
      Band band = { 0, };
      double text_width;

      if (!pl_date_get_span (&era->start, &a, &b))
        continue;
      band.x1 = pl_time_scale_day_to_x (&strip->scale, a);
      /* An era still going on runs to the end of the strip. */
      band.x2 = pl_date_get_span (&era->end, &c, &d)
                ? pl_time_scale_day_to_x (&strip->scale, (double) d + 1.0)
                : width;
      band.x1 = MAX (band.x1, 0.0);
      band.x2 = MIN (band.x2, width);
      if (band.x2 - band.x1 < 0.5)
        continue;

      if (!gdk_rgba_parse (&color, era->color))
        gdk_rgba_parse (&color, "#9a9996");
      band.rgba[0] = color.red;
      band.rgba[1] = color.green;
      band.rgba[2] = color.blue;
      band.rgba[3] = 1.0;

      layout = make_layout (self->pango, ERA_FONT, era->title);
      text_width = layout_width (layout);
      /* The title starts at the era's start, but never runs off the page. */
      band.box.x = MIN (band.x1 + 2.0, width - text_width);
      band.box.x = MAX (band.box.x, 0.0);
      band.box.width = text_width;
      band.box.priority = 1;
      /* A title pushed away from its era would name the wrong one. */
      if (band.box.x < band.x1 - 1.0 || band.box.x >= band.x2)
        band.box.width = -1;
      band.era = g_steal_pointer (&era);
      g_array_append_val (strip->bands, band);
    }

  for (guint i = 0; i < strip->bands->len; i++)
    g_array_append_val (boxes, g_array_index (strip->bands, Band, i).box);
  pl_label_layout ((PlLabelBox *) (gpointer) boxes->data, boxes->len, ERA_ROWS, 8.0);
  for (guint i = 0; i < strip->bands->len; i++)
    {
      Band *band = &g_array_index (strip->bands, Band, i);

      band->box = g_array_index (boxes, PlLabelBox, i);
      if (band->box.visible)
        strip->n_era_rows = MAX (strip->n_era_rows, (guint) band->box.row + 1);
    }
}

/* Lays out @strip from @top down; returns its bottom. */
static double
strip_layout (PlHandoutTimeline *self,
              Strip             *strip,
              PlStore           *store,
              GPtrArray         *events,
              const double      *firsts,
              const double      *ends,
              double             top,
              gboolean           caption)
{
  if (too_many_for_marks (strip, count_in_span (strip, firsts, events->len)))
    count_columns (self, strip, events, firsts);
  else
    place_marks (self, strip, events, firsts, ends);
  place_eras (self, strip, store);
  pl_time_scale_get_ticks (&strip->scale, TICK_SPACING, &strip->step, strip->ticks);
  strip->major_row = strip->step.unit != PL_TICK_UNIT_YEAR;

  strip->top = top;
  strip->caption_y = top;
  if (caption)
    top += self->text_height + 2.0;
  strip->rows_top = top + strip->n_era_rows * ERA_ROW_HEIGHT + 3.0;
  strip->axis_y = strip->rows_top + strip->n_rows * ROW_HEIGHT + 3.0;
  strip->tick_label_y = strip->axis_y + 3.0;
  strip->major_label_y = strip->tick_label_y + self->text_height;
  strip->bottom = strip->major_row ? strip->major_label_y + self->text_height
                                   : strip->tick_label_y + self->text_height;
  return strip->bottom;
}

/* The shortest stretch holding CLOSE_UP_EVENTS of the events, widened to
 * the events close around it; FALSE if it is not much shorter than the
 * whole span. */
static gboolean
find_close_up (GArray *days,
               GArray *ends,
               double  span,
               double *first_day,
               double *last_day)
{
  guint n = days->len;
  guint k = MAX (2, (guint) ceil (n * CLOSE_UP_EVENTS));
  guint best = 0;
  double a, b, margin;

  if (n < 4)
    return FALSE;

  /* The store gives events in order of their start. */
  for (guint i = 0; i + k <= n; i++)
    if (g_array_index (days, double, i + k - 1) - g_array_index (days, double, i) <
        g_array_index (days, double, best + k - 1) - g_array_index (days, double, best))
      best = i;

  a = g_array_index (days, double, best);
  b = g_array_index (days, double, best + k - 1) + 1.0;
  margin = MAX (b - a, 365.0) * 0.5;
  for (guint i = 0; i < n; i++)
    {
      double day = g_array_index (days, double, i);

      if (day >= a - margin && day < a)
        a = day;
      if (day > b - 1.0 && day <= b + margin)
        b = day + 1.0;
    }
  /* Whole spans of the events inside, so their bars end where they do. */
  for (guint i = 0; i < n; i++)
    if (g_array_index (days, double, i) >= a && g_array_index (days, double, i) < b)
      b = MAX (b, MIN (g_array_index (ends, double, i), b + margin));

  if (b - a > span * CLOSE_UP_SPAN)
    return FALSE;
  *first_day = a;
  *last_day = b;
  return TRUE;
}

PlHandoutTimeline *
pl_handout_timeline_new (PlStore      *store,
                         GPtrArray    *events,
                         PangoContext *pango,
                         double        width)
{
  PlHandoutTimeline *self;
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) ends = NULL;
  const double *firsts;
  double first = G_MAXDOUBLE, last = -G_MAXDOUBLE;
  double a, b, bottom;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (events != NULL && events->len > 0, NULL);

  self = g_new0 (PlHandoutTimeline, 1);
  self->pango = g_object_ref (pango);
  self->width = width;
  probe = make_layout (pango, TICK_FONT, "0123456789");
  self->text_height = layout_height (probe);

  days = g_array_sized_new (FALSE, FALSE, sizeof (double), events->len);
  ends = g_array_sized_new (FALSE, FALSE, sizeof (double), events->len);
  for (guint i = 0; i < events->len; i++)
    {
      event_days (events->pdata[i], &a, &b);
      g_array_append_val (days, a);
      g_array_append_val (ends, b);
      first = MIN (first, a);
      last = MAX (last, b);
    }
  firsts = &g_array_index (days, double, 0);

  /* A first try tells whether the events crowd somewhere. */
  {
    Strip trial = { 0, };

    strip_init (&trial, first, last, width, OVERVIEW_ROWS);
    if (too_many_for_marks (&trial, events->len))
      trial.crowded = TRUE;
    else
      place_marks (self, &trial, events, firsts, &g_array_index (ends, double, 0));
    if (trial.crowded && find_close_up (days, ends, last - first, &a, &b))
      {
        self->close_up = g_new0 (Strip, 1);
        strip_init (self->close_up, a, b, width, MAX_ROWS);
      }
    strip_clear (&trial);
  }

  strip_init (&self->overview, first, last, width, self->close_up != NULL ? OVERVIEW_ROWS : MAX_ROWS);
  if (self->close_up != NULL)
    {
      self->overview.quiet_from = self->close_up->scale.start_day;
      self->overview.quiet_to = self->close_up->scale.end_day;
    }
  bottom = strip_layout (self, &self->overview, store, events, firsts, &g_array_index (ends, double, 0), 0, FALSE);

  if (self->close_up != NULL)
    {
      g_autofree char *range = pl_time_scale_format_range (&self->close_up->scale);

      /* Translators: above a second timeline strip on the handout that
       * zooms into its busiest years, e.g. "Close-up: 2012 to 2027" */
      self->close_up_caption = g_strdup_printf (_("Close-up: %s"), range);
      bottom = strip_layout (self, self->close_up, store, events, firsts, &g_array_index (ends, double, 0), bottom + STRIP_GAP, TRUE);
    }

  self->legend_y = bottom + 6.0;
  self->note_y = self->legend_y + self->text_height + 1.0;
  {
    g_autoptr(PangoLayout) note = note_layout (self);

    self->height = self->note_y + layout_height (note);
  }
  return self;
}

double
pl_handout_timeline_get_height (PlHandoutTimeline *self)
{
  return self->height;
}

void
pl_handout_timeline_free (PlHandoutTimeline *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->pango);
  strip_clear (&self->overview);
  if (self->close_up != NULL)
    strip_clear (self->close_up);
  g_free (self->close_up);
  g_free (self->close_up_caption);
  g_free (self);
}

static void
set_certainty_color (cairo_t *cr,
                     int      certainty,
                     double   alpha)
{
  cairo_set_source_rgba (cr, certainty_rgb[certainty][0], certainty_rgb[certainty][1],
                         certainty_rgb[certainty][2], alpha);
}

/* As on screen: confirmed is a filled dot, reported a ring, planned a
 * dashed ring, disputed a filled square. */
static void
draw_marker (cairo_t *cr,
             int      certainty,
             double   x,
             double   y)
{
  cairo_save (cr);
  cairo_new_path (cr);
  set_certainty_color (cr, certainty, 1.0);
  switch (certainty)
    {
    case PL_CERTAINTY_REPORTED:
      cairo_set_line_width (cr, 1.1);
      cairo_arc (cr, x, y, MARKER_RADIUS - 0.55, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case PL_CERTAINTY_PLANNED:
      {
        static const double dashes[] = { 1.3, 0.9 };

        cairo_set_line_width (cr, 1.1);
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
        cairo_arc (cr, x, y, MARKER_RADIUS - 0.55, 0, 2 * G_PI);
        cairo_stroke (cr);
      }
      break;
    case PL_CERTAINTY_DISPUTED:
      cairo_rectangle (cr, x - MARKER_RADIUS, y - MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS);
      cairo_fill (cr);
      break;
    case PL_CERTAINTY_CONFIRMED:
    default:
      /* A white edge keeps stacked dots apart. */
      cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 0.4);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
row_y (Strip *strip,
       guint  row)
{
  return strip->axis_y - 3.0 - (row + 0.5) * ROW_HEIGHT;
}

static void
draw_axis (PlHandoutTimeline *self,
           Strip             *strip,
           cairo_t           *cr)
{
  g_autoptr(PangoLayout) label = make_layout (self->pango, TICK_FONT, "");
  g_autoptr(PangoLayout) major = make_layout (self->pango, MAJOR_FONT, "");
  double last_label_end = -G_MAXDOUBLE;
  double last_major_end = -G_MAXDOUBLE;
  double width = strip->scale.width;

  /* Grid lines first, under everything but the eras. */
  cairo_set_source_rgb (cr, 0.82, 0.82, 0.82);
  cairo_set_line_width (cr, 0.4);
  for (guint i = 0; i < strip->ticks->len; i++)
    {
      const PlTick *tick = &g_array_index (strip->ticks, PlTick, i);

      cairo_move_to (cr, tick->x, strip->rows_top - 2.0);
      cairo_line_to (cr, tick->x, strip->axis_y);
    }
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.7);
  cairo_move_to (cr, 0, strip->axis_y);
  cairo_line_to (cr, width, strip->axis_y);
  cairo_stroke (cr);

  for (guint i = 0; i < strip->ticks->len; i++)
    {
      const PlTick *tick = &g_array_index (strip->ticks, PlTick, i);
      g_autofree char *text = pl_tick_format (tick, strip->step.unit);
      double text_width, x;

      cairo_set_line_width (cr, tick->major ? 0.7 : 0.5);
      cairo_move_to (cr, tick->x, strip->axis_y);
      cairo_line_to (cr, tick->x, strip->axis_y + (tick->major ? 3.0 : 2.0));
      cairo_stroke (cr);

      if (text == NULL)
        continue;
      pango_layout_set_text (label, text, -1);
      text_width = layout_width (label);
      x = CLAMP (tick->x - text_width / 2.0, 0.0, width - text_width);
      if (x > last_label_end)
        {
          show_layout_at (cr, label, x, strip->tick_label_y);
          last_label_end = x + text_width + 3.0;
        }

      /* Months and days are named with their year or month below, at
       * each boundary and at the start of the strip. */
      if (strip->major_row && (tick->major || i == 0))
        {
          g_autofree char *period = pl_tick_format_major (tick, strip->step.unit);

          if (period == NULL)
            continue;
          pango_layout_set_text (major, period, -1);
          x = CLAMP (tick->x - 1.0, 0.0, width - layout_width (major));
          if (x > last_major_end)
            {
              show_layout_at (cr, major, x, strip->major_label_y);
              last_major_end = x + layout_width (major) + 8.0;
            }
        }
    }
}

/* Each column as tall as its share of the fullest, at least a hairline
 * when it has any event, in layers by certainty from the axis up. */
static void
draw_columns (Strip   *strip,
              cairo_t *cr)
{
  double bottom = strip->axis_y - 3.0;
  double room = strip->n_rows * ROW_HEIGHT;

  for (guint c = 0; c < strip->columns->len; c++)
    {
      const guint *column = g_array_index (strip->columns, Column, c).n;
      guint total = column[0] + column[1] + column[2] + column[3];
      double height, y = bottom;

      if (total == 0)
        continue;
      height = MAX (room * total / strip->max_column, 0.6);
      for (int k = 0; k < 4; k++)
        {
          double part = height * column[k] / total;

          if (column[k] == 0)
            continue;
          set_certainty_color (cr, k, 1.0);
          cairo_rectangle (cr, c * COLUMN_WIDTH, y - part, COLUMN_WIDTH, part);
          cairo_fill (cr);
          y -= part;
        }
    }
}

static void
draw_strip (PlHandoutTimeline *self,
            Strip             *strip,
            cairo_t           *cr)
{
  g_autoptr(PangoLayout) number = make_layout (self->pango, NUMBER_FONT, "");
  g_autoptr(PangoLayout) era_title = make_layout (self->pango, ERA_FONT, "");
  double era_top = strip->rows_top - 3.0 - strip->n_era_rows * ERA_ROW_HEIGHT;

  /* Eras: a light wash down to the axis, a stronger edge on top. */
  for (guint i = 0; i < strip->bands->len; i++)
    {
      const Band *band = &g_array_index (strip->bands, Band, i);

      cairo_set_source_rgba (cr, band->rgba[0], band->rgba[1], band->rgba[2], 0.16);
      cairo_rectangle (cr, band->x1, era_top, band->x2 - band->x1, strip->axis_y - era_top);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, band->rgba[0], band->rgba[1], band->rgba[2], 0.9);
      cairo_rectangle (cr, band->x1, era_top, band->x2 - band->x1, 1.5);
      cairo_fill (cr);
    }

  draw_axis (self, strip, cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < strip->bands->len; i++)
    {
      const Band *band = &g_array_index (strip->bands, Band, i);

      if (!band->box.visible)
        continue;
      pango_layout_set_text (era_title, band->era->title, -1);
      show_layout_at (cr, era_title, band->box.x, era_top + 2.0 + band->box.row * ERA_ROW_HEIGHT);
    }

  if (strip->columns != NULL)
    {
      draw_columns (strip, cr);
      return;
    }

  for (guint i = 0; i < strip->marks->len; i++)
    {
      const Mark *mark = &g_array_index (strip->marks, Mark, i);
      double y = row_y (strip, mark->row);

      if (!mark->bar)
        continue;
      set_certainty_color (cr, mark->certainty, 0.45);
      cairo_rectangle (cr, mark->x, y - BAR_HEIGHT / 2.0, mark->x_end - mark->x, BAR_HEIGHT);
      cairo_fill (cr);
    }

  for (guint i = 0; i < strip->marks->len; i++)
    {
      const Mark *mark = &g_array_index (strip->marks, Mark, i);
      double y = row_y (strip, mark->row);

      draw_marker (cr, mark->certainty, mark->x, y);
      if (mark->labelled)
        {
          g_autofree char *text = g_strdup_printf ("%u", mark->number);

          pango_layout_set_text (number, text, -1);
          cairo_set_source_rgb (cr, 0, 0, 0);
          show_layout_at (cr, number, mark->x + MARKER_RADIUS + LABEL_GAP, y - layout_height (number) / 2.0);
        }
    }
}

/* The stretch of the overview shown close up is framed, and joined to the
 * close-up's ends. */
static void
draw_close_up_frame (PlHandoutTimeline *self,
                     cairo_t           *cr)
{
  Strip *overview = &self->overview;
  Strip *close_up = self->close_up;
  g_autoptr(PangoLayout) caption = make_layout (self->pango, CAPTION_FONT, self->close_up_caption);
  double x1 = pl_time_scale_day_to_x (&overview->scale, close_up->scale.start_day);
  double x2 = pl_time_scale_day_to_x (&overview->scale, close_up->scale.end_day);
  double top = overview->rows_top - 3.0;
  double joint = overview->bottom + 2.0;

  x1 = CLAMP (x1, 0, self->width);
  x2 = CLAMP (x2, x1 + 1.0, self->width);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, x1, top, x2 - x1, overview->axis_y - top);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, x1, overview->axis_y);
  cairo_line_to (cr, x1, joint);
  cairo_line_to (cr, 0, close_up->top - 2.0);
  cairo_move_to (cr, x2, overview->axis_y);
  cairo_line_to (cr, x2, joint);
  cairo_line_to (cr, self->width, close_up->top - 2.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout_at (cr, caption, 0, close_up->caption_y);
}

static void
draw_legend (PlHandoutTimeline *self,
             cairo_t           *cr)
{
  static const char *certainty_names[] = {
    N_("Confirmed"), N_("Reported"), N_("Planned"), N_("Disputed"),
  };
  g_autoptr(PangoLayout) layout = make_layout (self->pango, LEGEND_FONT, "");
  double x = 0;

  for (guint c = 0; c < G_N_ELEMENTS (certainty_names); c++)
    {
      if (!self->certainties[c])
        continue;
      draw_marker (cr, (int) c, x + MARKER_RADIUS, self->legend_y + self->text_height / 2.0);
      x += 2 * MARKER_RADIUS + 3.0;
      pango_layout_set_text (layout, _(certainty_names[c]), -1);
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_layout_at (cr, layout, x, self->legend_y);
      x += layout_width (layout) + LEGEND_GAP;
    }

  g_clear_object (&layout);
  layout = note_layout (self);
  show_layout_at (cr, layout, 0, self->note_y);
}

void
pl_handout_timeline_draw (PlHandoutTimeline *self,
                          cairo_t           *cr)
{
  cairo_save (cr);
  draw_strip (self, &self->overview, cr);
  if (self->close_up != NULL)
    {
      draw_close_up_frame (self, cr);
      draw_strip (self, self->close_up, cr);
    }
  draw_legend (self, cr);
  cairo_restore (cr);
}
