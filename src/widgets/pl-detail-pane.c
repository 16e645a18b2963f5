/* pl-detail-pane.c — the selected event: dates, text, links and its quotes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here comes from a dataset, so every label is plain text:
 * GtkLabel's use-markup stays off and nothing goes through a widget that
 * parses markup by default.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-detail-pane.h"
#include "pl-annotation-editor.h"
#include "pl-quote-card.h"
#include "pl-widgets.h"

struct _PlDetailPane
{
  GtkWidget   parent_instance;

  PlStore    *store;
  PlEvent    *event;
  PlNotebook   *notebook;

  GtkWidget  *stack;        /* "empty" | "event" */
  GtkWidget  *content;      /* rebuilt for each event */
};

G_DEFINE_FINAL_TYPE (PlDetailPane, pl_detail_pane, GTK_TYPE_WIDGET)

static const char *
certainty_explanation (PlCertainty certainty)
{
  switch (certainty)
    {
    case PL_CERTAINTY_CONFIRMED: return _("The sources state this as fact.");
    case PL_CERTAINTY_REPORTED: return _("Claimed by one side or reported in the media, not confirmed.");
    case PL_CERTAINTY_PLANNED: return _("Scheduled or announced for the future.");
    case PL_CERTAINTY_DISPUTED: return _("The sources or the parties disagree about this.");
    default: return "";
    }
}

static const char *
precision_label (const PlDate *date)
{
  switch (date->precision)
    {
    case PL_DATE_PRECISION_YEAR: return _("The sources give the year only.");
    case PL_DATE_PRECISION_MONTH: return _("The sources give the month only.");
    case PL_DATE_PRECISION_DAY:
    case PL_DATE_PRECISION_NONE:
    default: return NULL;
    }
}

static char *
format_event_date (PlEvent *event)
{
  g_autofree char *start = pl_date_format (&event->start);
  g_autofree char *end = pl_date_format (&event->end);

  if (end == NULL)
    return g_steal_pointer (&start);

  /* Translators: a span of time, e.g. "2011 – 2024" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static GtkWidget *
chips (const PlRecordList *list,
       gboolean            use_theme_color)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 20);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);

  for (guint i = 0; i < list->n_items; i++)
    {
      PlRecord *record = list->items[i];
      const char *name = PL_IS_ACTOR (record) ? PL_ACTOR (record)->name
                       : PL_IS_THEME (record) ? PL_THEME (record)->name
                       : "";
      GtkWidget *chip;

      /* An actor opens their page; a theme is just named. */
      if (PL_IS_ACTOR (record))
        {
          chip = gtk_button_new_with_label (name);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "win.show-actor");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "s", record->id);
        }
      else
        chip = gtk_label_new (name);

      /* A chip holds a name of any length on one line: long ones are cut
       * short, and the whole name is in the tooltip. */
      {
        GtkWidget *label = GTK_IS_BUTTON (chip) ? gtk_button_get_child (GTK_BUTTON (chip)) : chip;

        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
        gtk_widget_set_tooltip_text (chip, name);
      }
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_widget_add_css_class (chip, "chip");
      if (use_theme_color && PL_IS_THEME (record))
        {
          g_autofree char *class_name = g_strdup_printf ("theme-%u", i % 8);
          gtk_widget_add_css_class (chip, class_name);
        }
      gtk_flow_box_append (GTK_FLOW_BOX (box), chip);
    }

  return box;
}

static void
rebuild (PlDetailPane *self)
{
  PlEvent *event = self->event;
  GtkWidget *box;
  g_autofree char *date = NULL;
  g_autoptr(GListModel) quotes = NULL;
  g_autoptr(GPtrArray) provisions = NULL;
  const char *precision;

  pl_release_focus_within (self->content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->content), NULL);

  if (event == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  date = format_event_date (event);
  gtk_box_append (GTK_BOX (box), pl_plain_label (date, "event-date"));

  {
    GtkWidget *badge = gtk_label_new (pl_certainty_label (event->certainty));
    g_autofree char *class_name = g_strdup_printf ("certainty-%s",
                                                   pl_enum_to_nick (PL_TYPE_CERTAINTY, event->certainty));

    gtk_widget_add_css_class (badge, "certainty");
    gtk_widget_add_css_class (badge, class_name);
    gtk_widget_set_halign (badge, GTK_ALIGN_START);
    gtk_widget_set_tooltip_text (badge, certainty_explanation (event->certainty));
    gtk_box_append (GTK_BOX (box), badge);
  }

  precision = precision_label (&event->start);
  if (event->date_note[0] != '\0')
    gtk_box_append (GTK_BOX (box), pl_plain_label (event->date_note, "date-note"));
  else if (precision != NULL)
    gtk_box_append (GTK_BOX (box), pl_plain_label (precision, "date-note"));

  gtk_box_append (GTK_BOX (box), pl_plain_label (event->title, "title-2"));
  if (event->summary[0] != '\0')
    gtk_box_append (GTK_BOX (box), pl_long_text (event->summary, "body"));

  {
    GtkWidget *editor = pl_annotation_editor_new_for_item (self->notebook, PL_RECORD (event));
    if (editor != NULL)
      gtk_box_append (GTK_BOX (box), editor);
  }

  if (event->actors.n_items > 0)
    {
      gtk_box_append (GTK_BOX (box), pl_heading (_("Actors")));
      gtk_box_append (GTK_BOX (box), chips (&event->actors, FALSE));
    }
  if (event->themes.n_items > 0)
    {
      gtk_box_append (GTK_BOX (box), pl_heading (_("Themes")));
      gtk_box_append (GTK_BOX (box), chips (&event->themes, TRUE));
    }

  /* Provisions are linked to an event through the quotes that support both. */
  quotes = pl_store_list_quotes_for_event (self->store, event);
  provisions = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);

      for (guint p = 0; p < quote->provisions.n_items; p++)
        if (!g_ptr_array_find (provisions, quote->provisions.items[p], NULL))
          g_ptr_array_add (provisions, quote->provisions.items[p]);
    }

  if (provisions->len > 0)
    {
      gtk_box_append (GTK_BOX (box), pl_heading (_("Provisions")));
      for (guint i = 0; i < provisions->len; i++)
        {
          PlProvision *provision = provisions->pdata[i];
          g_autofree char *text = NULL;

          if (provision->article[0] != '\0')
            text = g_strdup_printf ("%s — %s (%s)", provision->treaty->title, provision->title, provision->article);
          else
            text = g_strdup_printf ("%s — %s", provision->treaty->title, provision->title);
          gtk_box_append (GTK_BOX (box), pl_plain_label (text, NULL));
        }
    }

  gtk_box_append (GTK_BOX (box), pl_heading (_("Quotes")));
  if (g_list_model_get_n_items (quotes) == 0)
    gtk_box_append (GTK_BOX (box), pl_plain_label (_("The sources quote no one on this event."), "dim-label"));
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);
      GtkWidget *card = pl_quote_card_new ();

      pl_quote_card_set_quote (PL_QUOTE_CARD (card), quote, self->notebook);
      gtk_box_append (GTK_BOX (box), card);
    }

  if (event->sources.n_items > 0)
    {
      gtk_box_append (GTK_BOX (box), pl_heading (_("Sources")));
      for (guint i = 0; i < event->sources.n_items; i++)
        {
          PlSource *source = PL_SOURCE (event->sources.items[i]);

          gtk_box_append (GTK_BOX (box), pl_plain_label (source->title, NULL));
          if (source->description[0] != '\0')
            gtk_box_append (GTK_BOX (box), pl_plain_label (source->description, "dim-label"));
        }
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->content), box);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "event");
}

static void
pl_detail_pane_dispose (GObject *object)
{
  PlDetailPane *self = PL_DETAIL_PANE (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->event);
  g_clear_object (&self->store);
  g_clear_object (&self->notebook);

  G_OBJECT_CLASS (pl_detail_pane_parent_class)->dispose (object);
}

static void
pl_detail_pane_class_init (PlDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_detail_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_detail_pane_init (PlDetailPane *self)
{
  GtkWidget *empty = adw_status_page_new ();

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Event Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Select an event on the timeline to read its summary, actors, sources and quotes."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  self->content = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->content), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (GTK_STACK (self->stack), self->content, "event");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Event details"), -1);
}

void
pl_detail_pane_set_store (PlDetailPane *self,
                          PlStore      *store)
{
  g_return_if_fail (PL_IS_DETAIL_PANE (self));

  if (g_set_object (&self->store, store))
    {
      g_clear_object (&self->event);
      rebuild (self);
    }
}

void
pl_detail_pane_set_event (PlDetailPane *self,
                          PlEvent      *event)
{
  g_return_if_fail (PL_IS_DETAIL_PANE (self));

  if (g_set_object (&self->event, event))
    rebuild (self);
}

void
pl_detail_pane_set_notebook (PlDetailPane *self,
                             PlNotebook   *notebook)
{
  g_return_if_fail (PL_IS_DETAIL_PANE (self));

  if (g_set_object (&self->notebook, notebook))
    rebuild (self);
}

PlEvent *
pl_detail_pane_get_event (PlDetailPane *self)
{
  g_return_val_if_fail (PL_IS_DETAIL_PANE (self), NULL);

  return self->event;
}
