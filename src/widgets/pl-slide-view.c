/* pl-slide-view.c — one slide of a presentation, drawn to be read from the back of a classroom
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every size is a fraction of the slide: the unit is the slide's size
 * relative to 1280 × 720, so a title is about an eleventh of the height on
 * a projector at 720p and on a 4K screen alike. A slide whose text does
 * not fit shrinks it, but never below a floor that still reads from the
 * back of a room; what is left over is cut with an ellipsis.
 *
 * The keys are the ones presenters and presentation remotes use: Right,
 * Space, Page Down and Down go on; Left, Page Up and Up go back; Home and
 * End; a number then Enter goes to that event; B (or a full stop, which
 * some remotes send) blanks the screen; N shows the presenter notes;
 * Escape emits "leave". Colours come from the style sheet (light, dark
 * and high contrast) through style nodes that are never drawn, and all
 * dataset text is drawn as plain text.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pl-filter.h"
#include "pl-slide-view.h"
#include "pl-widgets.h"

#define BASE_WIDTH   1280.0
#define BASE_HEIGHT  720.0
#define MAX_JUMP_DIGITS 6

typedef enum
{
  NODE_DIM,
  NODE_ACCENT,
  NODE_STRIP,
  NODE_NOTES,
  N_NODES
} Node;

struct _PlSlideView
{
  GtkWidget    parent_instance;

  PlStore     *store;
  PlTour      *tour;
  GArray      *positions;       /* guint32: the slides after the opening one, as
                                 * positions in the store's list of events */
  PlEvent * const *all_events;  /* the store's, by position */
  const float *first_days;      /* and the first day of each */
  guint8      *ticks;           /* per pixel column of the strip: any event starts there */
  int          ticks_width;     /* the strip's width in pixels when they were counted */
  gboolean     ticks_rtl;
  PlNotebook  *notebook;
  guint        position;
  gboolean     blank;
  gboolean     show_notes;
  GString     *jump;
  PlQuote     *quote;           /* the current event's key quote, or NULL */
  double       first_day;       /* the whole dataset's span, for the strip */
  double       last_day;

  GtkWidget   *nodes[N_NODES];
  int          title_height;
  double       title_size;
};

G_DEFINE_FINAL_TYPE (PlSlideView, pl_slide_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_POSITION,
  PROP_BLANK,
  PROP_SHOW_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Style                                                               */

#define PL_TYPE_SLIDE_STYLE (pl_slide_style_get_type ())
G_DECLARE_FINAL_TYPE (PlSlideStyle, pl_slide_style, PL, SLIDE_STYLE, GtkWidget)
struct _PlSlideStyle { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (PlSlideStyle, pl_slide_style, GTK_TYPE_WIDGET)
static void pl_slide_style_class_init (PlSlideStyleClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "style");
}
static void pl_slide_style_init (PlSlideStyle *self) { }

static const char * const node_classes[N_NODES] = {
  "dim", "accent", "strip", "notes",
};

static void
get_color (GtkWidget *widget,
           GdkRGBA   *rgba)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, rgba);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
#endif
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

typedef struct
{
  PangoLayout *layout;
  GdkRGBA      color;
  double       space_after;   /* in units */
} Block;

static PangoLayout *
make_layout (PlSlideView *self,
             const char  *text,
             double       size_px,
             PangoWeight  weight,
             PangoStyle   style,
             int          width,
             int          max_lines)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  PangoFontDescription *font = base != NULL ? pango_font_description_copy (base) : pango_font_description_new ();

  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      /* A negative height is a number of lines. */
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  /* Dataset text: plain, never markup. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* "17 January 2025", "2008", "July – September 2023", with the dataset's
 * own words on an uncertain date after it. */
static char *
format_when (PlEvent *event)
{
  g_autofree char *start = pl_date_format (&event->start);
  g_autofree char *end = pl_date_is_valid (&event->end) ? pl_date_format (&event->end) : NULL;
  g_autofree char *span = end != NULL
                          /* Translators: a span of dates, "2023 – 2025" */
                          ? g_strdup_printf (_("%s – %s"), start, end)
                          : g_strdup (start);
  const char *certainty = event->certainty != PL_CERTAINTY_CONFIRMED ? pl_certainty_label (event->certainty) : NULL;

  if (certainty != NULL)
    /* Translators: a date and how certain the event is, "2008 · Reported" */
    return g_strdup_printf (_("%s · %s"), span, certainty);
  return g_steal_pointer (&span);
}

/* Looked up once per slide, not at every drawing. */
static void
update_quote (PlSlideView *self)
{
  PlEvent *event = pl_slide_view_get_event (self);
  g_autoptr(GListModel) quotes = NULL;

  g_clear_object (&self->quote);
  if (event == NULL)
    return;
  quotes = pl_store_list_quotes_for_event (self->store, event);
  if (g_list_model_get_n_items (quotes) > 0)
    self->quote = g_list_model_get_item (quotes, 0);
}

/* The blocks of the current slide at @scale, top to bottom. */
static GPtrArray *
build_blocks (PlSlideView *self,
              double       unit,
              double       scale,
              int          width)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (g_free);
  GdkRGBA fg, dim, accent;
  double u = unit * scale;
  PlEvent *event = pl_slide_view_get_event (self);
  Block *block;

  get_color (GTK_WIDGET (self), &fg);
  get_color (self->nodes[NODE_DIM], &dim);
  get_color (self->nodes[NODE_ACCENT], &accent);

#define ADD(text_, size_, weight_, style_, color_, lines_, after_) G_STMT_START { \
    block = g_new0 (Block, 1); \
    block->layout = make_layout (self, (text_), (size_) * u, (weight_), (style_), width, (lines_)); \
    block->color = (color_); \
    block->space_after = (after_); \
    g_ptr_array_add (blocks, block); \
  } G_STMT_END

  if (event == NULL)
    {
      g_autofree char *what = NULL;
      guint n = self->positions->len;

      if (self->tour != NULL)
        /* Translators: above a tour's title on its first slide */
        what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A tour of %u event", "A tour of %u events", n), n);
      else
        what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", n), n);

      ADD (what, 26, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, dim, 2, 16);
      ADD (self->tour != NULL ? self->tour->title : pl_store_get_title (self->store),
           66, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, fg, 3, 28);
      if (self->tour != NULL && self->tour->intro[0] != '\0')
        ADD (self->tour->intro, 32, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, fg, 8, 0);
      else if (self->tour == NULL && pl_store_get_metadata (self->store, "description") != NULL)
        ADD (pl_store_get_metadata (self->store, "description"), 30, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, fg, 8, 0);
    }
  else
    {
      g_autofree char *when = format_when (event);
      PlQuote *quote = self->quote;

      ADD (when, 28, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, accent, 2, 6);
      if (event->date_note[0] != '\0')
        ADD (event->date_note, 20, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, dim, 2, 14);
      else
        block->space_after = 14;
      ADD (event->title, 56, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, fg, 3, 22);
      if (event->summary[0] != '\0')
        ADD (event->summary, 30, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, fg, 7, 26);
      if (quote != NULL)
        {
          /* Translators: the quotation marks around a quoted passage */
          g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote->text);
          const char *who = quote->speaker != NULL ? quote->speaker->name
                          : quote->document != NULL ? quote->document->title : "";
          g_autofree char *attribution = quote->source != NULL
                                         /* Translators: who said a quote, and where it was reported */
                                         ? g_strdup_printf (_("— %s, %s"), who, quote->source->title)
                                         /* Translators: who said a quote */
                                         : g_strdup_printf (_("— %s"), who);

          ADD (quoted, 30, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, fg, 6, 8);
          ADD (attribution, 22, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, dim, 2, 0);
        }
    }
#undef ADD

  return blocks;
}

static void
free_blocks (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    g_clear_object (&((Block *) blocks->pdata[i])->layout);
  g_ptr_array_unref (blocks);
}

static int
blocks_height (GPtrArray *blocks,
               double     u)
{
  double height = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = blocks->pdata[i];
      height += layout_height (block->layout) + block->space_after * u;
    }
  return (int) ceil (height);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static void
fill (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      double         x,
      double         y,
      double         width,
      double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *color,
             double         x,
             double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
day_x (PlSlideView *self,
       double       day,
       double       left,
       double       width)
{
  double span = MAX (self->last_day - self->first_day, 1);
  double fraction = (day - self->first_day) / span;

  /* Time runs the way the text does, as on the timeline: from the right
   * in a right-to-left language. */
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    fraction = 1 - fraction;
  return left + fraction * width;
}

/* Marks the strip's pixel columns where a presented event starts, for a
 * strip @width wide; kept until the width, the direction or the slides
 * change. */
static void
count_ticks (PlSlideView *self,
             double       width)
{
  int columns = MAX ((int) floor (width), 1);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (self->ticks != NULL && self->ticks_width == columns && self->ticks_rtl == rtl)
    return;

  g_free (self->ticks);
  self->ticks = g_malloc0 (columns);
  self->ticks_width = columns;
  self->ticks_rtl = rtl;
  for (guint i = 0; i < self->positions->len; i++)
    {
      double x = day_x (self, self->first_days[g_array_index (self->positions, guint32, i)], 0, columns);
      int column = CLAMP ((int) floor (x), 0, columns - 1);

      self->ticks[column] = TRUE;
    }
}

/* Where the event sits on the whole timeline: the dataset's span as a
 * line with its first and last years, every presented event as a tick,
 * and this one as a dot (a bar for a span) with its year. */
static void
draw_strip (PlSlideView *self,
            GtkSnapshot *snapshot,
            double       unit,
            double       left,
            double       width,
            double       top,
            double       height)
{
  GdkRGBA line, dim, accent;
  double y = top + height * 0.62;
  double thickness = MAX (2, 3 * unit);
  PlEvent *event = pl_slide_view_get_event (self);
  g_autoptr(GDate) first = NULL;
  g_autoptr(GDate) last = NULL;
  g_autofree char *first_year = NULL;
  g_autofree char *last_year = NULL;
  g_autoptr(PangoLayout) first_label = NULL;
  g_autoptr(PangoLayout) last_label = NULL;
  int label_width;

  if (self->last_day <= self->first_day)
    return;

  get_color (self->nodes[NODE_STRIP], &line);
  get_color (self->nodes[NODE_DIM], &dim);
  get_color (self->nodes[NODE_ACCENT], &accent);

  fill (snapshot, &line, left, y - thickness / 2, width, thickness);

  /* A tick where any presented event starts, as one bar per run of
   * pixel columns that have one: however many events, a slide draws at
   * most a few hundred rectangles, and counts them once per width. */
  count_ticks (self, width);
  for (int column = 0; column < self->ticks_width; column++)
    {
      int end = column;

      if (!self->ticks[column])
        continue;
      while (end + 1 < self->ticks_width && self->ticks[end + 1])
        end++;
      fill (snapshot, &dim, left + column + 0.5 - thickness / 2, y - 7 * unit,
            end - column + thickness, 14 * unit);
      column = end;
    }

  first = g_date_new_julian ((guint32) self->first_day);
  last = g_date_new_julian ((guint32) self->last_day);
  first_year = g_strdup_printf ("%d", g_date_get_year (first));
  last_year = g_strdup_printf ("%d", g_date_get_year (last));
  first_label = make_layout (self, first_year, 18 * unit, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, -1, 0);
  last_label = make_layout (self, last_year, 18 * unit, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, -1, 0);
  /* The first year under the start of the line, the last under its end. */
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    {
      PangoLayout *swap = first_label;

      first_label = last_label;
      last_label = swap;
    }
  draw_layout (snapshot, first_label, &dim, left, y + 12 * unit);
  pango_layout_get_pixel_size (last_label, &label_width, NULL);
  draw_layout (snapshot, last_label, &dim, left + width - label_width, y + 12 * unit);

  if (event != NULL)
    {
      guint32 start_first, start_last, end_last;
      double x0, x1, r = 10 * unit;
      g_autofree char *year = NULL;
      g_autoptr(PangoLayout) label = NULL;
      GskRoundedRect dot;

      if (!pl_date_get_span (&event->start, &start_first, &start_last))
        return;
      if (!pl_date_get_span (&event->end, NULL, &end_last))
        end_last = start_last;
      x0 = day_x (self, start_first, left, width);
      x1 = day_x (self, MAX (end_last, start_last), left, width);
      if (ABS (x1 - x0) > 2 * r)
        fill (snapshot, &accent, MIN (x0, x1), y - r / 2, ABS (x1 - x0), r);
      gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x0 - r, y - r, 2 * r, 2 * r), r);
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      fill (snapshot, &accent, x0 - r, y - r, 2 * r, 2 * r);
      gtk_snapshot_pop (snapshot);

      year = g_strdup_printf ("%d", event->start.year);
      label = make_layout (self, year, 20 * unit, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, -1, 0);
      pango_layout_get_pixel_size (label, &label_width, NULL);
      draw_layout (snapshot, label, &accent,
                   CLAMP (x0 - label_width / 2.0, left, left + width - label_width),
                   y - r - 6 * unit - layout_height (label));
    }
}

static const char *
presenter_note (PlSlideView *self)
{
  PlEvent *event = pl_slide_view_get_event (self);
  const PlAnnotation *annotation;

  if (!self->show_notes || event == NULL || self->notebook == NULL)
    return NULL;
  annotation = pl_notebook_lookup (self->notebook, PL_ITEM_KIND_EVENT, PL_RECORD (event)->id);
  return annotation != NULL && pl_annotation_has_note (annotation) ? annotation->note : NULL;
}

static void
pl_slide_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PlSlideView *self = PL_SLIDE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double unit = MIN (width / BASE_WIDTH, height / BASE_HEIGHT);
  double margin_x = 0.07 * width;
  double top = 0.08 * height;
  double strip_height = 0.13 * height;
  double content_width = width - 2 * margin_x;
  double available, scale = 1.0, y;
  const char *note;
  g_autoptr(PangoLayout) note_layout = NULL;
  GPtrArray *blocks;
  GdkRGBA dim, accent, notes_bg;

  if (self->blank)
    {
      /* Black whatever the style: the room is meant to look away. */
      fill (snapshot, &(GdkRGBA) { 0, 0, 0, 1 }, 0, 0, width, height);
      return;
    }
  if (self->store == NULL || width <= 0 || height <= 0)
    return;

  get_color (self->nodes[NODE_DIM], &dim);
  get_color (self->nodes[NODE_ACCENT], &accent);
  get_color (self->nodes[NODE_NOTES], &notes_bg);

  available = height - top - strip_height - 0.03 * height;

  note = presenter_note (self);
  if (note != NULL)
    {
      /* Translators: before the presenter's own note on a slide */
      g_autofree char *text = g_strdup_printf (_("Your note: %s"), note);
      double pad = 12 * unit;

      note_layout = make_layout (self, text, 22 * unit, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                 (int) (content_width - 2 * pad), 4);
      available -= layout_height (note_layout) + 2 * pad + 12 * unit;
      fill (snapshot, &notes_bg, margin_x, height - strip_height - layout_height (note_layout) - 2 * pad,
            content_width, layout_height (note_layout) + 2 * pad);
      {
        GdkRGBA fg;

        get_color (widget, &fg);
        draw_layout (snapshot, note_layout, &fg, margin_x + pad,
                     height - strip_height - layout_height (note_layout) - pad);
      }
    }

  /* Shrink to fit, down to a floor that still reads across a room. */
  blocks = build_blocks (self, unit, scale, (int) content_width);
  while (blocks_height (blocks, unit * scale) > available && scale > 0.62)
    {
      free_blocks (blocks);
      scale *= 0.92;
      blocks = build_blocks (self, unit, scale, (int) content_width);
    }

  /* Vertically centred in the space above the strip, but never above the
   * top margin. */
  y = top + MAX (0, (available - blocks_height (blocks, unit * scale)) / 3);
  self->title_height = 0;
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = blocks->pdata[i];
      PangoFontDescription const *font = pango_layout_get_font_description (block->layout);

      draw_layout (snapshot, block->layout, &block->color, margin_x, y);
      if (pango_font_description_get_weight (font) == PANGO_WEIGHT_BOLD && self->title_height == 0)
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, 0);
          PangoRectangle logical;

          pango_layout_line_get_pixel_extents (line, NULL, &logical);
          self->title_height = logical.height;
          self->title_size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
        }
      y += layout_height (block->layout) + block->space_after * unit * scale;
    }
  free_blocks (blocks);

  draw_strip (self, snapshot, unit, margin_x, content_width, height - strip_height, strip_height);

  /* Which event of how many, bottom right above the strip. */
  if (self->position > 0)
    {
      g_autofree char *counter = g_strdup_printf (_("%'u / %'u"), self->position, self->positions->len);
      g_autoptr(PangoLayout) layout = make_layout (self, counter, 18 * unit, PANGO_WEIGHT_NORMAL,
                                                   PANGO_STYLE_NORMAL, -1, 0);
      int counter_width;

      pango_layout_get_pixel_size (layout, &counter_width, NULL);
      draw_layout (snapshot, layout, &dim, width - margin_x - counter_width, 0.03 * height);
    }

  if (self->jump->len > 0)
    {
      /* Translators: shown while a presenter types the number of an event to go to */
      g_autofree char *text = g_strdup_printf (_("Go to %s"), self->jump->str);
      g_autoptr(PangoLayout) layout = make_layout (self, text, 26 * unit, PANGO_WEIGHT_BOLD,
                                                   PANGO_STYLE_NORMAL, -1, 0);

      draw_layout (snapshot, layout, &accent, margin_x, 0.025 * height);
    }
}

/* ------------------------------------------------------------------ */
/* Navigation                                                          */

static void
update_accessible (PlSlideView *self)
{
  PlEvent *event = pl_slide_view_get_event (self);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->store == NULL)
    return;

  if (event == NULL)
    {
      label = g_strdup (self->tour != NULL ? self->tour->title : pl_store_get_title (self->store));
      description = g_strdup (self->tour != NULL ? self->tour->intro : "");
    }
  else
    {
      g_autofree char *when = format_when (event);
      PlQuote *quote = self->quote;

      /* Translators: a slide's name for screen readers: its number, the count, the event's title */
      label = g_strdup_printf (_("Event %'u of %'u: %s"), self->position, self->positions->len, event->title);
      description = g_strdup_printf ("%s. %s%s%s", when, event->summary,
                                     quote != NULL ? " " : "", quote != NULL ? quote->text : "");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
go_to (PlSlideView *self,
       guint        position)
{
  position = MIN (position, pl_slide_view_get_n_slides (self) - 1);
  g_string_truncate (self->jump, 0);
  self->blank = FALSE;
  if (self->position != position)
    {
      self->position = position;
      update_quote (self);
      update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_0);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_0);
  return -1;
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             PlSlideView           *self)
{
  int digit = digit_of (keyval);

  /* Shortcuts with Control or Alt belong to someone else. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if (digit >= 0)
    {
      if (self->jump->len < MAX_JUMP_DIGITS)
        g_string_append_c (self->jump, (char) ('0' + digit));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->jump->len > 0)
        go_to (self, (guint) g_ascii_strtoull (self->jump->str, NULL, 10));
      else
        go_to (self, self->position + 1);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_space:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      go_to (self, self->position + 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      go_to (self, self->position > 0 ? self->position - 1 : 0);
      return TRUE;

    case GDK_KEY_BackSpace:
      if (self->jump->len > 0)
        {
          g_string_truncate (self->jump, self->jump->len - 1);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      else
        go_to (self, self->position > 0 ? self->position - 1 : 0);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      go_to (self, 0);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      go_to (self, pl_slide_view_get_n_slides (self) - 1);
      return TRUE;

    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      pl_slide_view_set_blank (self, !self->blank);
      return TRUE;

    case GDK_KEY_n:
    case GDK_KEY_N:
      pl_slide_view_set_show_notes (self, !self->show_notes);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->jump->len > 0)
        {
          g_string_truncate (self->jump, 0);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      else
        g_signal_emit (self, signals[LEAVE], 0);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         PlSlideView     *self)
{
  /* A click goes on, as on a projector's remote; the secondary button
   * goes back. */
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_SECONDARY)
    go_to (self, self->position > 0 ? self->position - 1 : 0);
  else
    go_to (self, self->position + 1);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pl_slide_view_dispose (GObject *object)
{
  PlSlideView *self = PL_SLIDE_VIEW (object);

  for (guint i = 0; i < N_NODES; i++)
    g_clear_pointer (&self->nodes[i], gtk_widget_unparent);
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_clear_object (&self->notebook);
  g_clear_object (&self->store);
  g_clear_object (&self->tour);
  g_clear_object (&self->quote);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->ticks, g_free);
  self->all_events = NULL;
  self->first_days = NULL;

  G_OBJECT_CLASS (pl_slide_view_parent_class)->dispose (object);
}

static void
pl_slide_view_finalize (GObject *object)
{
  PlSlideView *self = PL_SLIDE_VIEW (object);

  g_string_free (self->jump, TRUE);

  G_OBJECT_CLASS (pl_slide_view_parent_class)->finalize (object);
}

static void
pl_slide_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlSlideView *self = PL_SLIDE_VIEW (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_BLANK:
      g_value_set_boolean (value, self->blank);
      break;
    case PROP_SHOW_NOTES:
      g_value_set_boolean (value, self->show_notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_slide_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlSlideView *self = PL_SLIDE_VIEW (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      pl_slide_view_set_position (self, g_value_get_uint (value));
      break;
    case PROP_BLANK:
      pl_slide_view_set_blank (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_NOTES:
      pl_slide_view_set_show_notes (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_slide_view_class_init (PlSlideViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_slide_view_dispose;
  object_class->finalize = pl_slide_view_finalize;
  object_class->get_property = pl_slide_view_get_property;
  object_class->set_property = pl_slide_view_set_property;
  widget_class->snapshot = pl_slide_view_snapshot;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLANK] =
    g_param_spec_boolean ("blank", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_NOTES] =
    g_param_spec_boolean ("show-notes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlSlideView::leave:
   *
   * Escape was pressed with no number being typed: the presenter is done.
   */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "slide");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_slide_view_init (PlSlideView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->jump = g_string_new (NULL);

  for (guint i = 0; i < N_NODES; i++)
    {
      self->nodes[i] = g_object_new (PL_TYPE_SLIDE_STYLE, NULL);
      gtk_widget_add_css_class (self->nodes[i], node_classes[i]);
      gtk_widget_set_parent (self->nodes[i], GTK_WIDGET (self));
      gtk_widget_set_child_visible (self->nodes[i], FALSE);
    }

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* ------------------------------------------------------------------ */
/* API                                                                 */

GtkWidget *
pl_slide_view_new (void)
{
  return g_object_new (PL_TYPE_SLIDE_VIEW, NULL);
}

/* Adds the events of @events, which must be @store's, as positions. */
static void
add_positions (PlSlideView *self,
               GListModel  *events,
               guint        n_all)
{
  const guint32 *positions;
  PlStore *of_store = NULL;
  guint n;

  /* The filter's events are positions already: a million are copied in
   * a few milliseconds, with no reference taken on any. */
  positions = pl_filter_events_peek_positions (events, &of_store, &n);
  if (positions != NULL && of_store == self->store)
    {
      g_array_append_vals (self->positions, positions, n);
      return;
    }

  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlEvent) event = g_list_model_get_item (events, i);
      guint32 position = PL_RECORD (event)->index;

      g_return_if_fail (position < n_all && self->all_events[position] == event);
      g_array_append_val (self->positions, position);
    }
}

void
pl_slide_view_set_slides (PlSlideView *self,
                          PlStore     *store,
                          GListModel  *events,
                          PlTour      *tour)
{
  const float *end_days;
  guint n_all;

  g_return_if_fail (PL_IS_SLIDE_VIEW (self));
  g_return_if_fail (PL_IS_STORE (store));
  g_return_if_fail (tour != NULL || G_IS_LIST_MODEL (events));

  g_set_object (&self->store, store);
  g_set_object (&self->tour, tour);
  self->all_events = pl_store_peek_events (store, &self->first_days, &end_days, &n_all);
  g_array_set_size (self->positions, 0);
  g_clear_pointer (&self->ticks, g_free);
  if (tour != NULL)
    for (guint i = 0; i < tour->events.n_items; i++)
      {
        guint32 position = PL_RECORD (tour->events.items[i])->index;

        g_return_if_fail (position < n_all && PL_RECORD (self->all_events[position]) == tour->events.items[i]);
        g_array_append_val (self->positions, position);
      }
  else
    add_positions (self, events, n_all);

  /* The strip spans the whole dataset, not just what is presented: from
   * the first day any event covers to the last. */
  self->first_day = G_MAXDOUBLE;
  self->last_day = -G_MAXDOUBLE;
  for (guint i = 0; i < n_all; i++)
    {
      self->first_day = MIN (self->first_day, self->first_days[i]);
      self->last_day = MAX (self->last_day, end_days[i] - 1);
    }
  if (self->first_day > self->last_day)
    self->first_day = self->last_day = 0;

  self->position = G_MAXUINT;
  go_to (self, 0);
}

static void
notebook_changed (PlSlideView *self)
{
  if (self->show_notes)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_slide_view_set_notebook (PlSlideView *self,
                            PlNotebook  *notebook)
{
  g_return_if_fail (PL_IS_SLIDE_VIEW (self));

  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_set_object (&self->notebook, notebook);
  if (notebook != NULL)
    g_signal_connect_swapped (notebook, "changed", G_CALLBACK (notebook_changed), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
pl_slide_view_get_n_slides (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), 0);

  return self->positions->len + 1;
}

guint
pl_slide_view_get_position (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), 0);

  return self->position;
}

void
pl_slide_view_set_position (PlSlideView *self,
                            guint        position)
{
  g_return_if_fail (PL_IS_SLIDE_VIEW (self));

  go_to (self, position);
}

PlEvent *
pl_slide_view_get_event (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), NULL);

  if (self->position == 0 || self->position > self->positions->len)
    return NULL;
  return self->all_events[g_array_index (self->positions, guint32, self->position - 1)];
}

gboolean
pl_slide_view_get_blank (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), FALSE);

  return self->blank;
}

void
pl_slide_view_set_blank (PlSlideView *self,
                         gboolean     blank)
{
  g_return_if_fail (PL_IS_SLIDE_VIEW (self));

  blank = !!blank;
  if (self->blank == blank)
    return;
  self->blank = blank;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANK]);
}

gboolean
pl_slide_view_get_show_notes (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), FALSE);

  return self->show_notes;
}

void
pl_slide_view_set_show_notes (PlSlideView *self,
                              gboolean     show_notes)
{
  g_return_if_fail (PL_IS_SLIDE_VIEW (self));

  show_notes = !!show_notes;
  if (self->show_notes == show_notes)
    return;
  self->show_notes = show_notes;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NOTES]);
}

const char *
pl_slide_view_get_pending_jump (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), "");

  return self->jump->str;
}

int
pl_slide_view_get_title_height (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), 0);

  return self->title_height;
}

double
pl_slide_view_get_title_size (PlSlideView *self)
{
  g_return_val_if_fail (PL_IS_SLIDE_VIEW (self), 0);

  return self->title_size;
}
