/* pl-quote-card.c — a verbatim quote with its speaker, date, source and what it supports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by the detail pane, the Quotes view and actor pages. The speaker and
 * the events and provisions the quote supports are links: they activate
 * win.show-actor, win.show-event and win.show-provision with the item's id,
 * so wherever the card sits, the window takes the reader there. All text is
 * plain: dataset text is never parsed as markup.
 *
 * The reader's marks on the quote show at the top of the card, and "Your
 * Notes" opens the editor for its note, star, highlight and tags; it opens
 * by itself when the quote already has a note.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-annotation-editor.h"
#include "pl-mark-badge.h"
#include "pl-quote-card.h"
#include "pl-widgets.h"

struct _PlQuoteCard
{
  GtkWidget  parent_instance;

  PlQuote    *quote;
  PlNotebook *notebook;
  GtkWidget  *box;
  GtkWidget  *notes_button;
  GtkWidget  *editor;
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

/* The source's web page, in the reader's browser. The address comes from
 * the dataset, so it is checked again here, at the last moment. */
static void
open_source (GtkButton   *button,
             PlQuoteCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (self->quote == NULL || self->quote->source == NULL || !pl_uri_is_web (self->quote->source->url))
    return;
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->quote->source->url, GDK_CURRENT_TIME);
}

static void
notes_toggled (GtkToggleButton *button,
               PlQuoteCard     *self)
{
  if (gtk_toggle_button_get_active (button) && self->editor == NULL)
    {
      self->editor = pl_annotation_editor_new_for_item (self->notebook, PL_RECORD (self->quote));
      if (self->editor != NULL)
        gtk_box_append (GTK_BOX (self->box), self->editor);
    }
  else if (!gtk_toggle_button_get_active (button) && self->editor != NULL)
    {
      /* Removing the editor saves what it still holds. */
      gtk_box_remove (GTK_BOX (self->box), self->editor);
      self->editor = NULL;
    }
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

  self->editor = NULL;
  self->notes_button = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (quote == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->box = box;
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  if (self->notebook != NULL)
    {
      GtkWidget *badge = pl_mark_badge_new ();

      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      pl_mark_badge_set_item (PL_MARK_BADGE (badge), self->notebook, PL_ITEM_KIND_QUOTE, PL_RECORD (quote)->id);
      gtk_box_append (GTK_BOX (box), badge);
    }

  /* Translators: the quotation marks around a quoted passage */
  quoted = g_strdup_printf (_("“%s”"), quote->text);
  gtk_box_append (GTK_BOX (box), pl_long_text (quoted, "quote-text"));

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
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *source = pl_plain_label (quote->source->title, "dim-label");

      gtk_widget_add_css_class (source, "caption");
      gtk_widget_set_hexpand (source, TRUE);
      gtk_box_append (GTK_BOX (line), source);
      /* Only a web address is offered: never file:, javascript: or the
       * like, whatever the dataset holds. The tooltip shows where it goes. */
      if (pl_uri_is_web (quote->source->url))
        {
          GtkWidget *open = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

          gtk_widget_add_css_class (open, "flat");
          gtk_widget_add_css_class (open, "open-source");
          gtk_widget_set_valign (open, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (open, quote->source->url);
          /* Translators: the accessible name of a button that opens the
           * quote's source (a web page) in the browser */
          gtk_accessible_update_property (GTK_ACCESSIBLE (open),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the Source"),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, quote->source->url,
                                          -1);
          g_signal_connect_object (open, "clicked", G_CALLBACK (open_source), self, 0);
          gtk_box_append (GTK_BOX (line), open);
        }
      gtk_box_append (GTK_BOX (box), line);
    }

  if (quote->events.n_items > 0 || quote->provisions.n_items > 0)
    {
      /* Translators: a heading on a quote card above the events and
       * provisions the quote is evidence for */
      GtkWidget *heading = gtk_label_new (_("Supports"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_add_css_class (heading, "caption-heading");
      gtk_box_append (GTK_BOX (box), heading);
    }
  for (guint i = 0; i < quote->events.n_items; i++)
    {
      gtk_box_append (GTK_BOX (box), pl_event_link (PL_EVENT (quote->events.items[i])));
    }
  for (guint i = 0; i < quote->provisions.n_items; i++)
    {
      PlProvision *provision = PL_PROVISION (quote->provisions.items[i]);
      g_autofree char *text = g_strdup_printf ("%s — %s", provision->treaty->title, provision->title);

      gtk_box_append (GTK_BOX (box), pl_link_button (text, "win.show-provision", PL_RECORD (provision)->id));
    }

  {
    GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gboolean open_notes = FALSE;

    gtk_widget_set_halign (actions, GTK_ALIGN_END);
    if (self->notebook != NULL && pl_notebook_get_db (self->notebook) != NULL)
      {
        const PlAnnotation *annotation = pl_notebook_lookup (self->notebook, PL_ITEM_KIND_QUOTE, PL_RECORD (quote)->id);

        self->notes_button = gtk_toggle_button_new_with_mnemonic (_("Your _Notes"));
        gtk_widget_add_css_class (self->notes_button, "flat");
        g_signal_connect_object (self->notes_button, "toggled", G_CALLBACK (notes_toggled), self, 0);
        gtk_box_append (GTK_BOX (actions), self->notes_button);
        /* A note already written is shown, not hidden behind a button. */
        open_notes = annotation != NULL && pl_annotation_has_note (annotation);
      }

    button = gtk_button_new_with_mnemonic (_("_Copy as Citation"));
    gtk_widget_add_css_class (button, "flat");
    g_signal_connect_object (button, "clicked", G_CALLBACK (copy_citation), self, 0);
    gtk_box_append (GTK_BOX (actions), button);
    gtk_box_append (GTK_BOX (box), actions);
    /* The editor goes below the buttons. */
    if (open_notes)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->notes_button), TRUE);
  }

  accessible = g_strdup_printf ("%s — %s", quoted, who != NULL ? who : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
pl_quote_card_dispose (GObject *object)
{
  PlQuoteCard *self = PL_QUOTE_CARD (object);

  self->editor = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->quote);
  g_clear_object (&self->notebook);

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

/* A card for @quote, with @notebook (may be NULL), for pl_paged_list(). */
GtkWidget *
pl_quote_card_item (gpointer quote,
                    gpointer notebook)
{
  GtkWidget *card = pl_quote_card_new ();

  pl_quote_card_set_quote (PL_QUOTE_CARD (card), quote, notebook);
  return card;
}

void
pl_quote_card_set_quote (PlQuoteCard *self,
                         PlQuote     *quote,
                         PlNotebook  *notebook)
{
  gboolean changed;

  g_return_if_fail (PL_IS_QUOTE_CARD (self));
  g_return_if_fail (notebook == NULL || PL_IS_NOTEBOOK (notebook));

  changed = g_set_object (&self->quote, quote);
  changed |= g_set_object (&self->notebook, notebook);
  if (changed)
    rebuild (self);
}

GtkWidget *
pl_quote_card_get_editor (PlQuoteCard *self)
{
  g_return_val_if_fail (PL_IS_QUOTE_CARD (self), NULL);

  return self->editor;
}

PlQuote *
pl_quote_card_get_quote (PlQuoteCard *self)
{
  g_return_val_if_fail (PL_IS_QUOTE_CARD (self), NULL);

  return self->quote;
}
