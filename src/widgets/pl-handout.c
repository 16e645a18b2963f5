/* pl-handout.c — the printed handout: the events shown, on a timeline strip and as a list with quotes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkPrintOperation, so the print dialog's Print to File gives a PDF.
 * The handout opens with the dataset's title and what the filter shows,
 * then a strip of the timeline (pl-handout-timeline.c), then the events
 * year by year: number, date at its precision, title, summary, each quote
 * with who said it and where, and the sources.
 *
 * Everything is laid out with Pango for the paper and margins of the
 * print, as blocks: the title, the strip, a year's heading, an event. A
 * block moves to the next page whole unless it is taller than a page, and
 * then it is cut between lines; a heading moves with the start of what
 * follows it. Each page has "Page 2 of 5" at the foot.
 *
 * A handout may list a million events, so the blocks are measured a few
 * milliseconds at a time in ::paginate, between which the print's progress
 * and Cancel stay live, and only their heights (and, for one taller than
 * a page, where it may be cut) are kept; a page lays out again the few
 * blocks it shows when it is drawn.
 *
 * Dataset text is only ever set as plain text, and the pages are black on
 * white whatever the style of the screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-handout.h"
#include "pl-handout-private.h"
#include "pl-widgets.h"

/* The margin around the text on paper: the printer's own margins count
 * towards it. */
#define MARGIN            50.0
#define GUTTER            24.0
#define QUOTE_INDENT      11.0
#define FOOTER_GAP        14.0

#define TITLE_FONT        "Sans Bold 18"
#define SUBTITLE_FONT     "Sans 9.5"
#define YEAR_FONT         "Sans Bold 13"
#define NUMBER_FONT       "Sans Bold 9"
#define META_FONT         "Sans 8.5"
#define NOTE_FONT         "Sans Italic 8.5"
#define EVENT_TITLE_FONT  "Sans Bold 11"
#define BODY_FONT         "Serif 10"
#define QUOTE_FONT        "Serif Italic 9.5"
#define CITATION_FONT     "Sans 8"
#define SOURCES_FONT      "Sans 7.5"
#define FOOTER_FONT       "Sans 8"

/* How long one emission of ::paginate measures blocks for. */
#define PAGINATE_STEP_USEC 8000

typedef enum
{
  PART_TEXT,
  PART_RULE,
  PART_TIMELINE,
} PartKind;

typedef enum
{
  BLOCK_TITLE,
  BLOCK_NO_EVENTS,
  BLOCK_TIMELINE,
  BLOCK_YEAR,             /* the heading of the year of an event */
  BLOCK_EVENT,
} BlockKind;

typedef struct
{
  PartKind     kind;
  double       x;
  double       y;
  double       width;
  double       height;
  PangoLayout *layout;
} Part;

/* Something printed as a unit: the title, the strip, a heading, an event.
 * Its parts are placed from its own top; it may only be cut at a break. */
typedef struct
{
  GArray   *parts;          /* Part */
  GArray   *breaks;         /* double, ascending */
  double    height;
  double    space_before;   /* dropped at the top of a page */
  gboolean  keep_with_next;
} Block;

/* What pagination keeps of a block once it has been measured. */
typedef struct
{
  BlockKind  kind;
  guint      event;         /* of BLOCK_YEAR and BLOCK_EVENT */
  double     height;
  double     space_before;
  gboolean   keep_with_next;
  GArray    *breaks;        /* only for a block taller than a page */
} Measure;

/* The rows [from, to) of a block, printed at y on a page. */
typedef struct
{
  guint  page;
  guint  block;
  double from;
  double to;
  double y;
} Slice;

struct _PlHandout
{
  GtkPrintOperation  parent_instance;

  PlStore           *store;
  GPtrArray         *events;        /* PlEvent, chronological */
  char              *summary;       /* "12 of 69 events", and the filter */
  GtkWindow         *parent;        /* weak, while the dialog runs */
  gboolean           running;       /* a reference is held until done */

  /* Laid out for the paper of this print, from begin-print on */
  PangoContext      *pango;
  GArray            *measures;      /* Measure, in print order */
  GArray            *slices;        /* Slice, by page */
  PlHandoutTimeline *timeline;
  double             left;          /* the text area in the printable area */
  double             top;
  double             width;
  double             height;
  double             footer_y;
  guint              n_pages;

  /* How far ::paginate has got */
  guint              next_event;    /* the first event not yet measured */
  guint              n_placed;      /* measures put on pages */
  guint              page;          /* where the next one goes */
  double             y;

  /* The block drawn last: one cut across pages is drawn on each */
  Block             *drawn;
  guint              drawn_index;
};

G_DEFINE_FINAL_TYPE (PlHandout, pl_handout, GTK_TYPE_PRINT_OPERATION)

/* The settings of the last print, offered again by the next one. */
static GtkPrintSettings *last_settings;

/* ------------------------------------------------------------------ */
/* Blocks                                                              */

static void
part_clear (Part *part)
{
  g_clear_object (&part->layout);
}

static Block *
block_new (double   space_before,
           gboolean keep_with_next)
{
  Block *block = g_new0 (Block, 1);

  block->parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_array_set_clear_func (block->parts, (GDestroyNotify) part_clear);
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  block->space_before = space_before;
  block->keep_with_next = keep_with_next;
  return block;
}

static void
block_free (Block *block)
{
  g_array_unref (block->parts);
  g_array_unref (block->breaks);
  g_free (block);
}

static void
block_add_break (Block  *block,
                 double  y)
{
  if (y > 0)
    g_array_append_val (block->breaks, y);
}

static PangoLayout *
text_layout (PlHandout  *self,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, pango_units_from_double (width));
  /* A long word or address wraps rather than running off the paper. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Plain text: dataset text is never parsed as markup. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Adds @text at (@x, @y) of the block, which may be cut between its
 * lines; returns its height. */
static double
block_add_text (PlHandout  *self,
                Block      *block,
                const char *font,
                const char *text,
                double      x,
                double      y,
                double      width)
{
  Part part = { PART_TEXT, x, y, width, 0, NULL };
  PangoLayoutIter *iter;
  PangoRectangle logical;

  part.layout = text_layout (self, font, text, width);
  pango_layout_get_extents (part.layout, NULL, &logical);
  part.height = pango_units_to_double (logical.height);

  block_add_break (block, y);
  iter = pango_layout_get_iter (part.layout);
  while (pango_layout_iter_next_line (iter))
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      block_add_break (block, y + pango_units_to_double (y0));
    }
  pango_layout_iter_free (iter);
  block_add_break (block, y + part.height);

  g_array_append_val (block->parts, part);
  block->height = MAX (block->height, y + part.height);
  return part.height;
}

static void
block_add_rule (Block  *block,
                double  x,
                double  y,
                double  width,
                double  height)
{
  Part part = { PART_RULE, x, y, width, height, NULL };

  g_array_append_val (block->parts, part);
  block->height = MAX (block->height, y + height);
}

static char *
format_event_date (PlEvent *event)
{
  g_autofree char *start = pl_date_format (&event->start);
  g_autofree char *end = pl_date_format (&event->end);

  if (start == NULL)
    return g_strdup ("");
  if (end == NULL)
    return g_steal_pointer (&start);
  /* Translators: a span of time, e.g. "2011 – 2024" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static Block *
make_title_block (PlHandout *self)
{
  Block *block = block_new (0, TRUE);
  double y = 0;

  y += block_add_text (self, block, TITLE_FONT, pl_store_get_title (self->store), 0, y, self->width);
  y += 3;
  block_add_text (self, block, SUBTITLE_FONT, self->summary, 0, y, self->width);
  return block;
}

/* The strip itself is made once, in begin-print. */
static Block *
make_timeline_block (PlHandout *self)
{
  Block *block = block_new (14, FALSE);
  Part part = { PART_TIMELINE, 0, 0, self->width, 0, NULL };

  part.height = pl_handout_timeline_get_height (self->timeline);
  g_array_append_val (block->parts, part);
  block->height = part.height;
  return block;
}

static Block *
make_no_events_block (PlHandout *self)
{
  Block *block = block_new (14, FALSE);

  block_add_text (self, block, BODY_FONT, _("No events match the filter."), 0, 0, self->width);
  return block;
}

static Block *
make_year_block (PlHandout *self,
                 int        year)
{
  Block *block = block_new (16, TRUE);
  g_autofree char *text = g_strdup_printf ("%d", year);
  double height;

  height = block_add_text (self, block, YEAR_FONT, text, 0, 0, self->width);
  block_add_rule (block, 0, height + 1.5, self->width, 0.5);
  block->height += 3;
  return block;
}

static void
add_quote (PlHandout *self,
           Block     *block,
           PlQuote   *quote,
           double     x,
           double    *y,
           double     width)
{
  g_autofree char *quoted = NULL;
  g_autofree char *said_on = pl_date_format (&quote->said_on);
  g_autoptr(GPtrArray) citation = g_ptr_array_new ();
  g_autofree char *cited = NULL;
  double top = *y;
  const char *who = NULL;

  /* Translators: the quotation marks around a quoted passage */
  quoted = g_strdup_printf (_("“%s”"), quote->text);
  *y += block_add_text (self, block, QUOTE_FONT, quoted, x + QUOTE_INDENT, *y, width - QUOTE_INDENT);

  if (quote->speaker != NULL)
    who = quote->speaker->name;
  else if (quote->document != NULL)
    who = quote->document->title;
  if (who != NULL && who[0] != '\0')
    g_ptr_array_add (citation, (gpointer) who);
  if (said_on != NULL)
    g_ptr_array_add (citation, said_on);
  if (quote->source != NULL && quote->source->title[0] != '\0')
    g_ptr_array_add (citation, quote->source->title);
  if (citation->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (citation, NULL);
      joined = g_strjoinv (" · ", (char **) citation->pdata);
      /* Translators: who said a quote, when, and where it was published */
      cited = g_strdup_printf (_("— %s"), joined);
      *y += 1;
      *y += block_add_text (self, block, CITATION_FONT, cited, x + QUOTE_INDENT, *y, width - QUOTE_INDENT);
    }

  block_add_rule (block, x + 2, top + 1, 1.2, *y - top - 1);
}

static Block *
make_event_block (PlHandout *self,
                  PlEvent   *event,
                  guint      number)
{
  Block *block = block_new (11, FALSE);
  g_autofree char *label = g_strdup_printf ("%u", number);
  g_autofree char *date = format_event_date (event);
  g_autofree char *meta = NULL;
  g_autoptr(GListModel) quotes = pl_store_list_quotes_for_event (self->store, event);
  double x = GUTTER;
  double width = self->width - GUTTER;
  double y = 0;

  block_add_text (self, block, NUMBER_FONT, label, 0, 0, GUTTER - 4);

  if (event->certainty != PL_CERTAINTY_CONFIRMED)
    meta = g_strdup_printf ("%s · %s", date, pl_certainty_label (event->certainty));
  else
    meta = g_steal_pointer (&date);
  y += block_add_text (self, block, META_FONT, meta, x, y, width);
  if (event->date_note[0] != '\0')
    y += block_add_text (self, block, NOTE_FONT, event->date_note, x, y, width);

  y += 1.5;
  y += block_add_text (self, block, EVENT_TITLE_FONT, event->title, x, y, width);
  if (event->summary[0] != '\0')
    {
      y += 2.5;
      y += block_add_text (self, block, BODY_FONT, event->summary, x, y, width);
    }

  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);

      y += 5;
      add_quote (self, block, quote, x, &y, width);
    }

  if (event->sources.n_items > 0)
    {
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      g_autofree char *sources = NULL;

      for (guint i = 0; i < event->sources.n_items; i++)
        g_ptr_array_add (titles, PL_SOURCE (event->sources.items[i])->title);
      g_ptr_array_add (titles, NULL);
      joined = g_strjoinv ("; ", (char **) titles->pdata);
      sources = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Source: %s", "Sources: %s", event->sources.n_items), joined);
      y += 4;
      block_add_text (self, block, SOURCES_FONT, sources, x, y, width);
    }

  return block;
}

static Block *
make_block (PlHandout *self,
            BlockKind  kind,
            guint      event)
{
  switch (kind)
    {
    case BLOCK_TITLE:
      return make_title_block (self);
    case BLOCK_NO_EVENTS:
      return make_no_events_block (self);
    case BLOCK_TIMELINE:
      return make_timeline_block (self);
    case BLOCK_YEAR:
      return make_year_block (self, PL_EVENT (self->events->pdata[event])->start.year);
    case BLOCK_EVENT:
      return make_event_block (self, self->events->pdata[event], event + 1);
    default:
      g_assert_not_reached ();
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
measure_clear (Measure *measure)
{
  g_clear_pointer (&measure->breaks, g_array_unref);
}

/* Lays the block out to learn its height, and lets the layouts go. */
static void
add_measure (PlHandout *self,
             BlockKind  kind,
             guint      event)
{
  Block *block = make_block (self, kind, event);
  Measure measure = { kind, event, block->height, block->space_before, block->keep_with_next, NULL };

  if (block->height > self->height)
    {
      measure.breaks = g_array_ref (block->breaks);
      g_array_sort (measure.breaks, compare_double);
    }
  g_array_append_val (self->measures, measure);
  block_free (block);
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

/* The last place at most @to where the block may be cut after @from, or
 * @from when there is none. */
static double
last_break (const Measure *measure,
            double         from,
            double         to)
{
  double found = from;

  if (measure->breaks == NULL)
    return found;
  for (guint i = 0; i < measure->breaks->len; i++)
    {
      double y = g_array_index (measure->breaks, double, i);

      if (y > from + 0.01 && y <= to + 0.01)
        found = y;
    }
  return found;
}

/* How much of a block must come with a heading: all of it if it fits on
 * a page, else its first lines. */
static double
first_piece (const Measure *measure,
             double         page_height)
{
  if (measure->height <= page_height || measure->breaks == NULL)
    return measure->height;
  for (guint i = 0; i < measure->breaks->len; i++)
    {
      double y = g_array_index (measure->breaks, double, i);

      if (y > 0.01)
        return y;
    }
  return measure->height;
}

static void
add_slice (PlHandout *self,
           guint      page,
           guint      block,
           double     from,
           double     to,
           double     y)
{
  Slice slice = { page, block, from, to, y };

  g_array_append_val (self->slices, slice);
}

/* Puts measure @i on the pages after those before it; one kept with the
 * next needs that one measured first. */
static void
place (PlHandout *self,
       guint      i)
{
  const Measure *measure = &g_array_index (self->measures, Measure, i);
  double page_height = self->height;
  double gap = self->y > 0 ? measure->space_before : 0;
  double need = measure->height;
  double from = 0;

  if (measure->keep_with_next && i + 1 < self->measures->len)
    {
      const Measure *next = &g_array_index (self->measures, Measure, i + 1);

      need += next->space_before + first_piece (next, page_height);
    }

  /* What fits on a page is never cut: it goes to the next page. What is
   * taller than a page starts here if a good part of the page is left,
   * and is cut between lines. */
  if (self->y > 0 && self->y + gap + need > page_height)
    {
      gboolean start_here = measure->height > page_height &&
                            page_height - self->y - gap >= page_height / 4 &&
                            self->y + gap + first_piece (measure, page_height) <= page_height;

      if (!start_here)
        {
          self->page++;
          self->y = 0;
          gap = 0;
        }
    }
  self->y += gap;

  for (;;)
    {
      double room = page_height - self->y;
      double to;

      if (measure->height - from <= room + 0.01)
        {
          add_slice (self, self->page, i, from, measure->height, self->y);
          self->y += measure->height - from;
          break;
        }

      to = last_break (measure, from, from + room);
      if (to <= from)
        {
          if (self->y > 0)
            {
              self->page++;
              self->y = 0;
              continue;
            }
          /* A single line taller than a page: it has to be cut. */
          to = from + room;
        }
      add_slice (self, self->page, i, from, to, self->y);
      from = to;
      self->page++;
      self->y = 0;
    }
}

/* ::paginate: measures the events' blocks for a few milliseconds and puts
 * what it can on pages; TRUE once all are, with the number of pages set. */
static gboolean
paginate_step (GtkPrintOperation *operation,
               GtkPrintContext   *context,
               PlHandout         *self)
{
  gint64 until = g_get_monotonic_time () + PAGINATE_STEP_USEC;
  gboolean all;

  while (self->next_event < self->events->len)
    {
      guint i = self->next_event++;
      int year = PL_EVENT (self->events->pdata[i])->start.year;

      if (i == 0 || PL_EVENT (self->events->pdata[i - 1])->start.year != year)
        add_measure (self, BLOCK_YEAR, i);
      add_measure (self, BLOCK_EVENT, i);
      if (g_get_monotonic_time () >= until)
        break;
    }

  all = self->next_event == self->events->len;
  while (self->n_placed < self->measures->len && (all || self->n_placed + 1 < self->measures->len))
    place (self, self->n_placed++);
  if (!all)
    return FALSE;

  self->n_pages = self->page + 1;
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
  return TRUE;
}

static void
clear_layout (PlHandout *self)
{
  g_clear_pointer (&self->measures, g_array_unref);
  g_clear_pointer (&self->slices, g_array_unref);
  g_clear_pointer (&self->drawn, block_free);
  g_clear_pointer (&self->timeline, pl_handout_timeline_free);
  g_clear_object (&self->pango);
  self->n_pages = 0;
  self->next_event = 0;
  self->n_placed = 0;
  self->page = 0;
  self->y = 0;
}

static void
pl_handout_begin_print (GtkPrintOperation *operation,
                        GtkPrintContext   *context)
{
  PlHandout *self = PL_HANDOUT (operation);
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  double page_width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context);
  double right, bottom, footer_height;
  g_autoptr(PangoLayout) footer = NULL;
  PangoRectangle logical;

  clear_layout (self);
  self->pango = gtk_print_context_create_pango_context (context);
  self->measures = g_array_new (FALSE, FALSE, sizeof (Measure));
  g_array_set_clear_func (self->measures, (GDestroyNotify) measure_clear);
  self->slices = g_array_new (FALSE, FALSE, sizeof (Slice));

  /* The paper's size and the printer's margins come from the print; the
   * text keeps a margin of its own inside them. */
  self->left = MAX (0.0, MARGIN - gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS));
  right = MAX (0.0, MARGIN - gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
  self->top = MAX (0.0, MARGIN - gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS));
  bottom = MAX (0.0, MARGIN - gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));
  if (page_width - self->left - right < 200)
    self->left = right = 0;
  if (page_height - self->top - bottom < 200)
    self->top = bottom = 0;

  footer = text_layout (self, FOOTER_FONT, "0", 100);
  pango_layout_get_extents (footer, NULL, &logical);
  footer_height = pango_units_to_double (logical.height);

  self->width = page_width - self->left - right;
  self->footer_y = page_height - bottom - footer_height;
  self->height = self->footer_y - FOOTER_GAP - self->top;

  /* The title and the strip now, the events in ::paginate. */
  add_measure (self, BLOCK_TITLE, 0);
  if (self->events->len == 0)
    add_measure (self, BLOCK_NO_EVENTS, 0);
  else
    {
      self->timeline = pl_handout_timeline_new (self->store, self->events, self->pango, self->width);
      add_measure (self, BLOCK_TIMELINE, 0);
    }
}

static void
draw_part (PlHandout *self,
           cairo_t   *cr,
           Part      *part)
{
  switch (part->kind)
    {
    case PART_TEXT:
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, part->x, part->y);
      pango_cairo_show_layout (cr, part->layout);
      break;
    case PART_RULE:
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_rectangle (cr, part->x, part->y, part->width, part->height);
      cairo_fill (cr);
      break;
    case PART_TIMELINE:
      cairo_save (cr);
      cairo_translate (cr, part->x, part->y);
      pl_handout_timeline_draw (self->timeline, cr);
      cairo_restore (cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
draw_footer (PlHandout *self,
             cairo_t   *cr,
             int        page_nr)
{
  /* Translators: at the foot of each printed page */
  g_autofree char *text = g_strdup_printf (_("Page %d of %u"), page_nr + 1, self->n_pages);
  g_autoptr(PangoLayout) page = text_layout (self, FOOTER_FONT, text, self->width);
  g_autoptr(PangoLayout) title = text_layout (self, FOOTER_FONT, pl_store_get_title (self->store), self->width * 0.7);

  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_rectangle (cr, self->left, self->footer_y - 4, self->width, 0.4);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, self->left, self->footer_y);
  pango_cairo_show_layout (cr, title);
  pango_layout_set_alignment (page, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, self->left, self->footer_y);
  pango_cairo_show_layout (cr, page);
}

/* The first slice on @page: slices are in order of their pages. */
static guint
first_slice_of (PlHandout *self,
                guint      page)
{
  guint lo = 0, hi = self->slices->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->slices, Slice, mid).page < page)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Block @index laid out again, kept until another is drawn. */
static Block *
drawn_block (PlHandout *self,
             guint      index)
{
  if (self->drawn == NULL || self->drawn_index != index)
    {
      const Measure *measure = &g_array_index (self->measures, Measure, index);

      g_clear_pointer (&self->drawn, block_free);
      self->drawn = make_block (self, measure->kind, measure->event);
      self->drawn_index = index;
    }
  return self->drawn;
}

static void
pl_handout_draw_page (GtkPrintOperation *operation,
                      GtkPrintContext   *context,
                      int                page_nr)
{
  PlHandout *self = PL_HANDOUT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  for (guint i = first_slice_of (self, (guint) page_nr); i < self->slices->len; i++)
    {
      const Slice *slice = &g_array_index (self->slices, Slice, i);
      Block *block;

      if ((int) slice->page != page_nr)
        break;

      block = drawn_block (self, slice->block);
      cairo_save (cr);
      cairo_translate (cr, self->left, self->top + slice->y - slice->from);
      if (slice->from > 0 || slice->to < block->height)
        {
          /* Only whole lines: the cut falls between two of them. */
          cairo_rectangle (cr, -self->left, slice->from, self->width + 2 * self->left + 1, slice->to - slice->from);
          cairo_clip (cr);
        }
      for (guint p = 0; p < block->parts->len; p++)
        {
          Part *part = &g_array_index (block->parts, Part, p);

          if (part->y + part->height <= slice->from || part->y >= slice->to)
            continue;
          draw_part (self, cr, part);
        }
      cairo_restore (cr);
    }

  draw_footer (self, cr, page_nr);
}

static void
pl_handout_end_print (GtkPrintOperation *operation,
                      GtkPrintContext   *context)
{
  clear_layout (PL_HANDOUT (operation));
}

static void
pl_handout_done (GtkPrintOperation       *operation,
                 GtkPrintOperationResult  result)
{
  PlHandout *self = PL_HANDOUT (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("Could not print: %s"),
                                 error != NULL ? error->message : _("the printing system gave no reason"));
      if (self->parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.toast", "s", message);
      else
        g_warning ("%s", message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));

  if (GTK_PRINT_OPERATION_CLASS (pl_handout_parent_class)->done != NULL)
    GTK_PRINT_OPERATION_CLASS (pl_handout_parent_class)->done (operation, result);

  g_clear_weak_pointer (&self->parent);
  /* GTK holds the operation while it emits ::done. */
  if (self->running)
    {
      self->running = FALSE;
      g_object_unref (self);
    }
}

static void
pl_handout_finalize (GObject *object)
{
  PlHandout *self = PL_HANDOUT (object);

  clear_layout (self);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (pl_handout_parent_class)->finalize (object);
}

static void
pl_handout_class_init (PlHandoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = pl_handout_finalize;
  operation_class->begin_print = pl_handout_begin_print;
  operation_class->draw_page = pl_handout_draw_page;
  operation_class->end_print = pl_handout_end_print;
  operation_class->done = pl_handout_done;
}

static void
pl_handout_init (PlHandout *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* A handler, not the class's slot: GTK emits ::paginate only when one
   * is connected. */
  g_signal_connect (self, "paginate", G_CALLBACK (paginate_step), self);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  self->events = g_ptr_array_new ();
}

PlHandout *
pl_handout_new (PlStore    *store,
                GListModel *events,
                PlFilter   *filter)
{
  PlHandout *self;
  guint n_total, n;
  g_autofree char *shown = NULL;
  g_autofree char *criteria = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), NULL);
  g_return_val_if_fail (filter == NULL || PL_IS_FILTER (filter), NULL);

  self = g_object_new (PL_TYPE_HANDOUT, NULL);
  self->store = g_object_ref (store);

  /* Taken now: the filter may change while the dialog is open. The
   * events live as long as the store, which the handout holds, so no
   * reference is taken on each (a million took a tenth of a second). */
  g_ptr_array_unref (self->events);
  self->events = pl_filter_events_to_array (events, store);
  n = self->events->len;

  n_total = g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_EVENT));
  if (n == n_total)
    shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", n), n);
  else
    /* Translators: "12 of 69 events" match the filters */
    shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u event", "%'u of %'u events", n_total), n, n_total);
  criteria = filter != NULL ? pl_handout_describe_filter (filter, store) : NULL;
  if (criteria != NULL)
    /* Translators: how many events a handout shows, then the filter, e.g.
     * "12 of 69 events, filtered by Themes: Sanctions" */
    self->summary = g_strdup_printf (_("%s, filtered by %s"), shown, criteria);
  else
    self->summary = g_steal_pointer (&shown);

  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), pl_store_get_title (store));
  return self;
}

void
pl_handout_run_dialog (PlHandout *self,
                       GtkWindow *parent)
{
  GtkPrintOperation *operation;

  g_return_if_fail (PL_IS_HANDOUT (self));
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (!self->running);

  operation = GTK_PRINT_OPERATION (self);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  g_set_weak_pointer (&self->parent, parent);

  /* Released in ::done, which every outcome ends with, errors included:
   * they are reported there. */
  self->running = TRUE;
  g_object_ref (self);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL);
}
