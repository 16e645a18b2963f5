/* pl-quotes-view.c — every quote of the dataset that matches the filter, as cards
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A one-column grid view, so only the cards near the screen exist; the
 * filter decides which quotes are in the list, and an empty result says
 * so with a way out.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-quote-card.h"
#include "pl-quotes-view.h"

struct _PlQuotesView
{
  GtkWidget           parent_instance;

  PlFilter           *filter;
  GtkCustomFilter    *matcher;
  GtkFilterListModel *shown;
  GtkSingleSelection *selection;

  GtkWidget          *list;
  GtkWidget          *stack;
  GtkWidget          *count;
  gboolean            stale;    /* the filter changed while hidden */
};

G_DEFINE_FINAL_TYPE (PlQuotesView, pl_quotes_view, GTK_TYPE_WIDGET)

static gboolean
match (gpointer item,
       gpointer user_data)
{
  PlQuotesView *self = user_data;

  return self->filter == NULL || pl_filter_match_quote (self->filter, item);
}

static void
update_state (PlQuotesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u quote", "%'u quotes", n), n);

  gtk_label_set_text (GTK_LABEL (self->count), count);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "quotes" : "empty");
}

/* Matches the quotes against the filter now. */
static void
refilter (PlQuotesView *self)
{
  GListModel *quotes = self->filter != NULL
                       ? pl_store_get_items (pl_filter_get_store (self->filter), PL_ITEM_KIND_QUOTE) : NULL;

  self->stale = FALSE;
  if (gtk_filter_list_model_get_model (self->shown) != quotes)
    gtk_filter_list_model_set_model (self->shown, quotes);
  else
    gtk_filter_changed (GTK_FILTER (self->matcher), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Hidden, the view only notes that it is out of date: matching every
 * quote and binding cards for a list nobody sees cost tens of
 * milliseconds a letter at 100,000 events. It catches up when shown, or
 * when asked what it shows. */
static void
catch_up (PlQuotesView *self)
{
  if (self->stale)
    refilter (self);
}

static void
filter_changed (PlQuotesView *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
}

static void
pl_quotes_view_map (GtkWidget *widget)
{
  catch_up (PL_QUOTES_VIEW (widget));
  GTK_WIDGET_CLASS (pl_quotes_view_parent_class)->map (widget);
}

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *card = pl_quote_card_new ();

  gtk_widget_set_margin_start (card, 12);
  gtk_widget_set_margin_end (card, 12);
  gtk_widget_set_margin_top (card, 6);
  gtk_widget_set_margin_bottom (card, 6);
  gtk_list_item_set_child (item, card);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlQuotesView             *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);
  GtkWidget *cell = gtk_widget_get_parent (card);

  pl_quote_card_set_quote (PL_QUOTE_CARD (card), PL_QUOTE (gtk_list_item_get_item (item)),
                           self->filter != NULL ? pl_filter_get_notebook (self->filter) : NULL);
  /* The grid's cell has no name of its own (GTK 4.8 gives screen readers
   * its type name): the card, which is named by its quote, names it. */
  if (cell != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_RELATION_LABELLED_BY, card, NULL, -1);
}

static void
pl_quotes_view_dispose (GObject *object)
{
  PlQuotesView *self = PL_QUOTES_VIEW (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->shown);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (pl_quotes_view_parent_class)->dispose (object);
}

static void
pl_quotes_view_class_init (PlQuotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_quotes_view_dispose;
  widget_class->map = pl_quotes_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quotesview");
}

static void
pl_quotes_view_init (PlQuotesView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));

  self->matcher = gtk_custom_filter_new (match, self, NULL);
  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (self->matcher));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), self);
  /* A quote shown from elsewhere (a note about it) is the selected one. */
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* A grid of one column rather than a list view: GTK 4.8's list view
   * keeps 200 rows bound and measured whatever fits on screen, so every
   * change of the filter rebuilt 200 cards (a tenth to a fifth of a
   * second); its grid view keeps about 30 rows. */
  self->list = gtk_grid_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)), factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (self->list), 1);
  gtk_widget_add_css_class (self->list, "quotes-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quotes"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->count), 0.0);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_set_margin_start (self->count, 18);
  gtk_widget_set_margin_top (self->count, 12);
  gtk_widget_set_margin_bottom (self->count, 6);
  gtk_box_append (GTK_BOX (page), self->count);
  gtk_box_append (GTK_BOX (page), scrolled);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Matching Quotes"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("No quote matches all the filters."));
  gtk_widget_set_halign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "win.clear-filters");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), clear);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), page, "quotes");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

void
pl_quotes_view_set_filter (PlQuotesView *self,
                           PlFilter     *filter)
{
  g_return_if_fail (PL_IS_QUOTES_VIEW (self));

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);

  if (filter != NULL)
    g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed), self);

  /* Hidden, the quotes of another dataset go at once and the new ones
   * come when the view is shown. */
  gtk_filter_list_model_set_model (self->shown, NULL);
  filter_changed (self);
  update_state (self);
}

/* Brings @quote into view and selects it; FALSE when the filter hides it. */
gboolean
pl_quotes_view_show_quote (PlQuotesView *self,
                           PlQuote      *quote)
{
  GListModel *shown;
  guint n;

  g_return_val_if_fail (PL_IS_QUOTES_VIEW (self), FALSE);
  g_return_val_if_fail (PL_IS_QUOTE (quote), FALSE);

  catch_up (self);
  shown = G_LIST_MODEL (self->shown);
  n = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlQuote) item = g_list_model_get_item (shown, i);

      if (item == quote)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (self->list, "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

/* The selected quote, or NULL. */
PlQuote *
pl_quotes_view_get_selected (PlQuotesView *self)
{
  g_return_val_if_fail (PL_IS_QUOTES_VIEW (self), NULL);

  catch_up (self);
  return gtk_single_selection_get_selected_item (self->selection);
}

GListModel *
pl_quotes_view_get_shown (PlQuotesView *self)
{
  g_return_val_if_fail (PL_IS_QUOTES_VIEW (self), NULL);

  catch_up (self);
  return G_LIST_MODEL (self->shown);
}
