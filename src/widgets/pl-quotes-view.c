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
#include <string.h>

#include "pl-quote-card.h"
#include "pl-quotes-view.h"
#include "pl-widgets.h"

/* The quotes the filter lets through: positions in the store's list of
 * quotes, in its order. */
#define PL_TYPE_QUOTES_SHOWN (pl_quotes_shown_get_type ())
G_DECLARE_FINAL_TYPE (PlQuotesShown, pl_quotes_shown, PL, QUOTES_SHOWN, GObject)

struct _PlQuotesShown
{
  GObject            parent_instance;

  PlStore           *store;
  PlRecord * const  *quotes;      /* the store's, borrowed */
  GArray            *positions;   /* guint32 */
};

static GType
pl_quotes_shown_get_item_type (GListModel *model)
{
  return PL_TYPE_QUOTE;
}

static guint
pl_quotes_shown_get_n_items (GListModel *model)
{
  return PL_QUOTES_SHOWN (model)->positions->len;
}

static gpointer
pl_quotes_shown_get_item (GListModel *model,
                          guint       position)
{
  PlQuotesShown *self = PL_QUOTES_SHOWN (model);

  if (position >= self->positions->len)
    return NULL;
  return g_object_ref (self->quotes[g_array_index (self->positions, guint32, position)]);
}

static void
pl_quotes_shown_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_quotes_shown_get_item_type;
  iface->get_n_items = pl_quotes_shown_get_n_items;
  iface->get_item = pl_quotes_shown_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PlQuotesShown, pl_quotes_shown, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_quotes_shown_list_model_init))

static void
pl_quotes_shown_finalize (GObject *object)
{
  PlQuotesShown *self = PL_QUOTES_SHOWN (object);

  g_array_unref (self->positions);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_quotes_shown_parent_class)->finalize (object);
}

static void
pl_quotes_shown_class_init (PlQuotesShownClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_quotes_shown_finalize;
}

static void
pl_quotes_shown_init (PlQuotesShown *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/* Makes the quotes those at @positions (taken) in @store's list, as one
 * change from the first quote that differs to the last: cards of quotes
 * that stay are kept (GTK 4.8 finds them again among the quotes added)
 * rather than made anew. FALSE when nothing changed. */
static gboolean
pl_quotes_shown_set (PlQuotesShown *self,
                     PlStore       *store,
                     GArray        *positions)
{
  g_autoptr(GArray) old = self->positions;
  guint n_old = old->len, n = positions->len;
  guint head = 0, tail = 0;

  if (store == self->store)
    {
      const guint32 *a = (const guint32 *) old->data, *b = (const guint32 *) positions->data;

      while (head < MIN (n_old, n) && a[head] == b[head])
        head++;
      while (tail < MIN (n_old, n) - head && a[n_old - 1 - tail] == b[n - 1 - tail])
        tail++;
      if (head == n_old && head == n)
        {
          self->positions = g_steal_pointer (&old);
          g_array_unref (positions);
          return FALSE;
        }
    }

  g_set_object (&self->store, store);
  self->quotes = store != NULL ? pl_store_peek_records (store, PL_ITEM_KIND_QUOTE, NULL) : NULL;
  self->positions = positions;
  g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail, n - head - tail);
  return TRUE;
}

/* Where @quote is, found by its place in the store's list, or FALSE. */
static gboolean
pl_quotes_shown_find (PlQuotesShown *self,
                      PlQuote       *quote,
                      guint         *position)
{
  guint index = PL_RECORD (quote)->index;
  guint lo = 0, hi = self->positions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->positions, guint32, mid) < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == self->positions->len || self->quotes[g_array_index (self->positions, guint32, lo)] != PL_RECORD (quote))
    return FALSE;
  *position = lo;
  return TRUE;
}

struct _PlQuotesView
{
  GtkWidget           parent_instance;

  PlFilter           *filter;
  PlQuotesShown      *shown;
  GtkSingleSelection *selection;

  GtkWidget          *list;
  GtkWidget          *stack;
  GtkWidget          *count;
  gboolean            stale;    /* the filter changed while hidden */
};

G_DEFINE_FINAL_TYPE (PlQuotesView, pl_quotes_view, GTK_TYPE_WIDGET)

static void
update_state (PlQuotesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u quote", "%'u quotes", n), n);

  gtk_label_set_text (GTK_LABEL (self->count), count);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "quotes" : "empty");
}

/* Matches the quotes against the filter now. The selection keeps the
 * selected quote while it still shows. */
static void
refilter (PlQuotesView *self)
{
  PlStore *store = self->filter != NULL ? pl_filter_get_store (self->filter) : NULL;
  GArray *positions;
  guint n = 0;

  self->stale = FALSE;
  if (store != NULL)
    {
      PlRecord * const *quotes = pl_store_peek_records (store, PL_ITEM_KIND_QUOTE, &n);

      positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
      for (guint32 i = 0; i < n; i++)
        if (pl_filter_match_quote (self->filter, PL_QUOTE (quotes[i])))
          g_array_append_val (positions, i);
    }
  else
    positions = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (pl_quotes_shown_set (self->shown, store, positions))
    update_state (self);
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

  pl_quote_card_set_quote (PL_QUOTE_CARD (card), PL_QUOTE (gtk_list_item_get_item (item)),
                           self->filter != NULL ? pl_filter_get_notebook (self->filter) : NULL);
  /* The card is named by its quote. */
  pl_name_cell_by_child (item);
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

  /* The count and the empty page follow a refilter, not each of its
   * two changes: the empty page shown between them would hide the list. */
  self->shown = g_object_new (PL_TYPE_QUOTES_SHOWN, NULL);

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
  pl_quotes_shown_set (self->shown, NULL, g_array_new (FALSE, FALSE, sizeof (guint32)));
  filter_changed (self);
  update_state (self);
}

/* Brings @quote into view and selects it; FALSE when the filter hides it. */
gboolean
pl_quotes_view_show_quote (PlQuotesView *self,
                           PlQuote      *quote)
{
  guint position;

  g_return_val_if_fail (PL_IS_QUOTES_VIEW (self), FALSE);
  g_return_val_if_fail (PL_IS_QUOTE (quote), FALSE);

  catch_up (self);
  if (!pl_quotes_shown_find (self->shown, quote, &position))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (self->list, "list.scroll-to-item", "u", position);
  return TRUE;
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
