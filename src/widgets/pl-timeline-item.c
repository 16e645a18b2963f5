/* pl-timeline-item.c — one event or cluster drawn on the timeline, reachable by assistive technology
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline keeps a pool of these and shows only what is on screen, so
 * their number depends on the window, never on the dataset. Each carries an
 * accessible name ("17 January 2025: The treaty is signed"), which is how a
 * screen reader reaches custom-drawn events.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-timeline-item.h"

struct _PlTimelineItem
{
  GtkWidget  parent_instance;

  GtkWidget *marker;
  GtkWidget *star;
  GtkWidget *label;
  char      *highlight_class;
  PlEvent   *event;
  guint      count;
  double     first_day;
  double     last_day;
  char      *description;   /* the tooltip and accessible name */

  /* Widths measured for the content and font they were measured with. */
  gboolean   measured;
  guint      measured_serial;   /* of the label's Pango context */
  int        with_label;
  int        without_label;
};

G_DEFINE_FINAL_TYPE (PlTimelineItem, pl_timeline_item, GTK_TYPE_WIDGET)

/* The marker is an empty node so the style sheet can shape and colour it
 * for each certainty. */
#define PL_TYPE_TIMELINE_MARKER (pl_timeline_marker_get_type ())
G_DECLARE_FINAL_TYPE (PlTimelineMarker, pl_timeline_marker, PL, TIMELINE_MARKER, GtkWidget)
struct _PlTimelineMarker { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (PlTimelineMarker, pl_timeline_marker, GTK_TYPE_WIDGET)

static void
pl_timeline_marker_class_init (PlTimelineMarkerClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "marker");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
pl_timeline_marker_init (PlTimelineMarker *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

static const char * const certainty_classes[] = { "confirmed", "reported", "planned", "disputed" };

static void
pl_timeline_item_dispose (GObject *object)
{
  PlTimelineItem *self = PL_TIMELINE_ITEM (object);

  g_clear_pointer (&self->marker, gtk_widget_unparent);
  g_clear_pointer (&self->star, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->highlight_class, g_free);
  g_clear_object (&self->event);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (pl_timeline_item_parent_class)->dispose (object);
}

/* The tooltip is made when it is asked for: setting tooltip text on every
 * item a frame places would make GTK look up the pointer each time. */
static gboolean
pl_timeline_item_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_tooltip,
                                GtkTooltip *tooltip)
{
  PlTimelineItem *self = PL_TIMELINE_ITEM (widget);

  if (self->description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->description);
  return TRUE;
}

static void
set_description (PlTimelineItem *self,
                 char           *description)
{
  g_free (self->description);
  self->description = description;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
pl_timeline_item_class_init (PlTimelineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_timeline_item_dispose;
  widget_class->query_tooltip = pl_timeline_item_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "item");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
pl_timeline_item_init (PlTimelineItem *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_spacing (layout, 6);

  self->marker = g_object_new (PL_TYPE_TIMELINE_MARKER, NULL);
  gtk_widget_set_parent (self->marker, GTK_WIDGET (self));

  /* The reader's star, shown between the marker and the title. */
  self->star = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_widget_add_css_class (self->star, "star");
  gtk_widget_set_visible (self->star, FALSE);
  gtk_widget_set_parent (self->star, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 36);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

PlTimelineItem *
pl_timeline_item_new (void)
{
  return g_object_new (PL_TYPE_TIMELINE_ITEM, NULL);
}

static void
set_certainty_class (PlTimelineItem *self,
                     int             certainty)
{
  for (guint i = 0; i < G_N_ELEMENTS (certainty_classes); i++)
    {
      if ((int) i == certainty)
        gtk_widget_add_css_class (GTK_WIDGET (self), certainty_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), certainty_classes[i]);
    }
}

void
pl_timeline_item_set_event (PlTimelineItem *self,
                            PlEvent        *event)
{
  g_autofree char *date = NULL;
  char *name;
  const char *certainty;

  g_return_if_fail (PL_IS_TIMELINE_ITEM (self));
  g_return_if_fail (PL_IS_EVENT (event));

  if (self->event == event && self->count == 1)
    return;

  g_set_object (&self->event, event);
  self->count = 1;
  self->measured = FALSE;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "cluster");
  gtk_widget_set_visible (self->marker, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  set_certainty_class (self, event->certainty);

  /* Dataset text: set as plain text, never as markup. */
  gtk_label_set_text (GTK_LABEL (self->label), event->title);

  date = pl_date_format (&event->start);
  switch (event->certainty)
    {
    case PL_CERTAINTY_REPORTED: certainty = _("reported"); break;
    case PL_CERTAINTY_PLANNED: certainty = _("planned"); break;
    case PL_CERTAINTY_DISPUTED: certainty = _("disputed"); break;
    case PL_CERTAINTY_CONFIRMED:
    default: certainty = NULL; break;
    }

  if (certainty != NULL)
    /* Translators: an event on the timeline: date, title, certainty */
    name = g_strdup_printf (_("%s: %s (%s)"), date, event->title, certainty);
  else
    /* Translators: an event on the timeline: date and title */
    name = g_strdup_printf (_("%s: %s"), date, event->title);

  set_description (self, name);
}

void
pl_timeline_item_set_cluster (PlTimelineItem *self,
                              guint           count,
                              double          first_day,
                              double          last_day,
                              const char     *description)
{
  g_autofree char *text = NULL;
  char *name;

  g_return_if_fail (PL_IS_TIMELINE_ITEM (self));

  /* Translators: a group of events too close together to show apart; %s says when */
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u event, %s", "%'u events, %s", count),
                          count, description);

  /* The same cluster again, as at each frame of a still view. */
  if (self->event == NULL && self->count == count && self->first_day == first_day &&
      self->last_day == last_day && g_strcmp0 (self->description, name) == 0)
    {
      g_free (name);
      return;
    }

  g_clear_object (&self->event);
  self->count = count;
  self->measured = FALSE;
  self->first_day = first_day;
  self->last_day = last_day;

  gtk_widget_add_css_class (GTK_WIDGET (self), "cluster");
  set_certainty_class (self, -1);
  gtk_widget_set_visible (self->marker, FALSE);
  /* A count is short and must never be cut to "…", even measured before
   * the cluster's bold style applies. */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_visible (self->label, TRUE);

  text = g_strdup_printf ("%'u", count);
  gtk_label_set_text (GTK_LABEL (self->label), text);
  set_description (self, name);
}

PlEvent *
pl_timeline_item_get_event (PlTimelineItem *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE_ITEM (self), NULL);

  return self->event;
}

/* What the item's tooltip says and a screen reader reads: an event's date
 * and title, or a cluster's count and dates. */
const char *
pl_timeline_item_get_description (PlTimelineItem *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE_ITEM (self), NULL);

  return self->description;
}

guint
pl_timeline_item_get_count (PlTimelineItem *self)
{
  g_return_val_if_fail (PL_IS_TIMELINE_ITEM (self), 0);

  return self->count;
}

void
pl_timeline_item_get_days (PlTimelineItem *self,
                           double         *first_day,
                           double         *last_day)
{
  g_return_if_fail (PL_IS_TIMELINE_ITEM (self));

  *first_day = self->first_day;
  *last_day = self->last_day;
}

void
pl_timeline_item_set_show_label (PlTimelineItem *self,
                                 gboolean        show_label)
{
  g_return_if_fail (PL_IS_TIMELINE_ITEM (self));

  /* A cluster always shows its count. */
  gtk_widget_set_visible (self->label, show_label || self->count > 1);
}

void
pl_timeline_item_set_selected (PlTimelineItem *self,
                               gboolean        selected)
{
  g_return_if_fail (PL_IS_TIMELINE_ITEM (self));

  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

/* Natural widths with and without the label, for label placement. This
 * runs while the timeline allocates, so nothing is shown or hidden here, and
 * a hidden label measures as nothing: its text is measured directly. */
static void
measure_widths (PlTimelineItem *self,
                int            *with_label,
                int            *without_label)
{
  int item = 0, label = 0, text_width = 0;
  int spacing;
  gboolean marker;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontMetrics *metrics;
  int max_width;
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (self->label));

  /* Items are placed at every frame, their content changes far less:
   * text is shaped again only for new content or a new font. */
  if (self->measured && self->measured_serial == serial)
    {
      *with_label = self->with_label;
      *without_label = self->without_label;
      return;
    }

  spacing = gtk_box_layout_get_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))));
  marker = gtk_widget_get_visible (self->marker);

  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &item, NULL, NULL);
  gtk_widget_measure (self->label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label, NULL, NULL);

  *without_label = gtk_widget_get_visible (self->label) ? item - label - (marker ? spacing : 0) : item;

  layout = gtk_widget_create_pango_layout (self->label, gtk_label_get_text (GTK_LABEL (self->label)));
  pango_layout_get_pixel_size (layout, &text_width, NULL);

  /* As long as the label's own limit before it ellipsizes. */
  metrics = pango_context_get_metrics (pango_layout_get_context (layout), NULL, NULL);
  max_width = PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics)) *
              gtk_label_get_max_width_chars (GTK_LABEL (self->label));
  pango_font_metrics_unref (metrics);

  *with_label = *without_label + (marker ? spacing : 0) + MIN (text_width, max_width);

  self->measured = TRUE;
  self->measured_serial = serial;
  self->with_label = *with_label;
  self->without_label = *without_label;
}

int
pl_timeline_item_get_label_width (PlTimelineItem *self)
{
  int with_label, without_label;

  g_return_val_if_fail (PL_IS_TIMELINE_ITEM (self), 0);

  measure_widths (self, &with_label, &without_label);
  return with_label;
}

int
pl_timeline_item_get_marker_width (PlTimelineItem *self)
{
  int with_label, without_label;

  g_return_val_if_fail (PL_IS_TIMELINE_ITEM (self), 0);

  measure_widths (self, &with_label, &without_label);
  return self->count > 1 ? with_label : without_label;
}

/* The reader's marks: a star, and a highlight named like "yellow" (NULL
 * for none), shown as a class the style sheet colours. */
void
pl_timeline_item_set_marks (PlTimelineItem *self,
                            gboolean        starred,
                            const char     *highlight)
{
  g_autofree char *class_name = highlight != NULL ? g_strdup_printf ("highlight-%s", highlight) : NULL;

  g_return_if_fail (PL_IS_TIMELINE_ITEM (self));

  if (gtk_widget_get_visible (self->star) != starred)
    {
      gtk_widget_set_visible (self->star, starred);
      self->measured = FALSE;
    }

  if (g_strcmp0 (class_name, self->highlight_class) == 0)
    return;
  if (self->highlight_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->highlight_class);
  g_free (self->highlight_class);
  self->highlight_class = g_steal_pointer (&class_name);
  if (self->highlight_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), self->highlight_class);
  self->measured = FALSE;
}
