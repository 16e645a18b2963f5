/* pl-quote-card.c — a verbatim quote with its speaker, date, source and what it supports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by the detail pane, the Quotes view and actor pages. The speaker and
 * the events and provisions the quote supports are links: they activate
 * win.show-actor, win.show-event and win.show-provision with the item's id,
 * so wherever the card sits, the window takes the reader there. All text is
 * plain: dataset text is never parsed as markup.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-quote-card.h"
#include "pl-widgets.h"

struct _PlQuoteCard
{
  GtkWidget  parent_instance;

  PlQuote   *quote;
  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (PlQuoteCard, pl_quote_card, GTK_TYPE_WIDGET)

static void
copy_citation (GtkButton   *button,
               PlQuoteCard *self)
{
  g_autofree char *citation = NULL;

  if (self->quote == NULL)
    return;

  citation = pl_quote_format_citation (self->quote);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), citation);
  gtk_widget_activate_action (GTK_WIDGET (button), "win.toast", "s", _("Citation copied"));
}

static void
rebuild (PlQuoteCard *self)
{
  PlQuote *quote = self->quote;
  GtkWidget *box;
  GtkWidget *button;
  g_autofree char *quoted = NULL;
  g_autofree char *said_on = NULL;
  g_autofree char *accessible = NULL;
  const char *who = NULL;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (quote == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->box = box;
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  /* Translators: the quotation marks around a quoted passage */
  quoted = g_strdup_printf (_("“%s”"), quote->text);
  gtk_box_append (GTK_BOX (box), pl_plain_label (quoted, "quote-text"));

  said_on = pl_date_format (&quote->said_on);
  if (quote->speaker != NULL)
    {
      who = quote->speaker->name;
      gtk_box_append (GTK_BOX (box), pl_link_button (who, "win.show-actor", PL_RECORD (quote->speaker)->id));
    }
  else if (quote->document != NULL)
    {
      who = quote->document->title;
      gtk_box_append (GTK_BOX (box), pl_plain_label (who, "quote-speaker"));
    }
  if (said_on != NULL)
    gtk_box_append (GTK_BOX (box), pl_plain_label (said_on, "dim-label"));

  if (quote->source != NULL)
    {
      GtkWidget *source = pl_plain_label (quote->source->title, "dim-label");

      gtk_widget_add_css_class (source, "caption");
      gtk_box_append (GTK_BOX (box), source);
    }

  if (quote->events.n_items > 0 || quote->provisions.n_items > 0)
    {
      GtkWidget *heading = gtk_label_new (_("Supports"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_add_css_class (heading, "caption-heading");
      gtk_box_append (GTK_BOX (box), heading);
    }
  for (guint i = 0; i < quote->events.n_items; i++)
    {
      PlEvent *event = PL_EVENT (quote->events.items[i]);
      g_autofree char *date = pl_date_format (&event->start);
      g_autofree char *text = g_strdup_printf ("%s: %s", date, event->title);

      gtk_box_append (GTK_BOX (box), pl_link_button (text, "win.show-event", PL_RECORD (event)->id));
    }
  for (guint i = 0; i < quote->provisions.n_items; i++)
    {
      PlProvision *provision = PL_PROVISION (quote->provisions.items[i]);
      g_autofree char *text = g_strdup_printf ("%s — %s", provision->treaty->title, provision->title);

      gtk_box_append (GTK_BOX (box), pl_link_button (text, "win.show-provision", PL_RECORD (provision)->id));
    }

  button = gtk_button_new_with_mnemonic (_("_Copy as Citation"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (copy_citation), self, 0);
  gtk_box_append (GTK_BOX (box), button);

  accessible = g_strdup_printf ("%s — %s", quoted, who != NULL ? who : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
pl_quote_card_dispose (GObject *object)
{
  PlQuoteCard *self = PL_QUOTE_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->quote);

  G_OBJECT_CLASS (pl_quote_card_parent_class)->dispose (object);
}

static void
pl_quote_card_class_init (PlQuoteCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_quote_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quotecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_quote_card_init (PlQuoteCard *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "quote-card");
}

GtkWidget *
pl_quote_card_new (void)
{
  return g_object_new (PL_TYPE_QUOTE_CARD, NULL);
}

void
pl_quote_card_set_quote (PlQuoteCard *self,
                         PlQuote     *quote)
{
  g_return_if_fail (PL_IS_QUOTE_CARD (self));

  if (g_set_object (&self->quote, quote))
    rebuild (self);
}

PlQuote *
pl_quote_card_get_quote (PlQuoteCard *self)
{
  g_return_val_if_fail (PL_IS_QUOTE_CARD (self), NULL);

  return self->quote;
}
