/* pl-actors-view.c — the actors as cards, sortable and filtered, and one actor's page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each card counts the actor's events and quotes, counted once per
 * dataset. The grid view creates cards only for what is on screen.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-actor-page.h"
#include "pl-actors-view.h"
#include "pl-mark-badge.h"
#include "pl-widgets.h"

typedef enum
{
  SORT_BY_NAME,
  SORT_BY_EVENTS,
  SORT_BY_QUOTES,
} SortBy;

struct _PlActorsView
{
  GtkWidget           parent_instance;

  PlFilter           *filter;
  GHashTable         *n_events;     /* PlActor → count */
  GHashTable         *n_quotes;
  SortBy              sort_by;

  GtkCustomFilter    *matcher;
  GtkCustomSorter    *sorter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *shown;

  GtkWidget          *stack;        /* "grid" | "empty" | "actor" */
  GtkWidget          *page;
  GtkWidget          *count;
  GtkWidget          *grid;
  gboolean            stale;        /* the filter changed while hidden */
};

G_DEFINE_FINAL_TYPE (PlActorsView, pl_actors_view, GTK_TYPE_WIDGET)

static guint
count_of (GHashTable *table,
          gpointer    actor)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, actor));
}

static gboolean
match (gpointer item,
       gpointer user_data)
{
  PlActorsView *self = user_data;

  return self->filter == NULL || pl_filter_match_actor (self->filter, item);
}

static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  PlActorsView *self = user_data;
  const PlActor *actor_a = a, *actor_b = b;
  int by_count = 0;

  if (self->sort_by == SORT_BY_EVENTS)
    by_count = (int) count_of (self->n_events, (gpointer) b) - (int) count_of (self->n_events, (gpointer) a);
  else if (self->sort_by == SORT_BY_QUOTES)
    by_count = (int) count_of (self->n_quotes, (gpointer) b) - (int) count_of (self->n_quotes, (gpointer) a);

  return by_count != 0 ? by_count : g_utf8_collate (actor_a->name, actor_b->name);
}

static void
update_state (PlActorsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u actor", "%'u actors", n), n);
  const char *visible = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  gtk_label_set_text (GTK_LABEL (self->count), count);
  if (g_strcmp0 (visible, "actor") != 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "grid" : "empty");
}

/* Hidden, the view only notes that it is out of date: re-matching the
 * actors made the grid bind new cards for a view nobody sees, up to 20 ms
 * a letter. It catches up when shown, or when asked what it shows. */
static void
catch_up (PlActorsView *self)
{
  if (self->stale)
    {
      self->stale = FALSE;
      gtk_filter_changed (GTK_FILTER (self->matcher), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

static void
filter_changed (PlActorsView *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
}

static void
pl_actors_view_map (GtkWidget *widget)
{
  catch_up (PL_ACTORS_VIEW (widget));
  GTK_WIDGET_CLASS (pl_actors_view_parent_class)->map (widget);
}

static void
sort_changed (GtkDropDown  *dropdown,
              GParamSpec   *pspec,
              PlActorsView *self)
{
  self->sort_by = (SortBy) gtk_drop_down_get_selected (dropdown);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);

  /* The grid would keep the card at its top in view, wherever the new
   * order puts it; a new order is read from its start. */
  if (self->grid != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    gtk_widget_activate_action (self->grid, "list.scroll-to-item", "u", 0);
}

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *avatar = adw_avatar_new (56, NULL, TRUE);
  GtkWidget *labels[4];
  GtkWidget *badge;
  static const char *classes[4] = { "heading", "dim-label", NULL, "caption" };

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "actor-card");
  gtk_widget_set_size_request (card, 200, -1);
  gtk_box_append (GTK_BOX (card), avatar);
  for (guint i = 0; i < 4; i++)
    {
      labels[i] = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (labels[i]), TRUE);
      gtk_label_set_justify (GTK_LABEL (labels[i]), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (labels[i]), 24);
      if (classes[i] != NULL)
        gtk_widget_add_css_class (labels[i], classes[i]);
      gtk_box_append (GTK_BOX (card), labels[i]);
    }
  badge = pl_mark_badge_new ();
  gtk_widget_set_halign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (card), badge);
  gtk_list_item_set_child (item, card);
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  PlActorsView *self = user_data;
  PlActor *actor = gtk_list_item_get_item (item);
  GtkWidget *card = gtk_list_item_get_child (item);
  GtkWidget *avatar = gtk_widget_get_first_child (card);
  GtkWidget *name = gtk_widget_get_next_sibling (avatar);
  GtkWidget *kind = gtk_widget_get_next_sibling (name);
  GtkWidget *role = gtk_widget_get_next_sibling (kind);
  GtkWidget *counts = gtk_widget_get_next_sibling (role);
  GtkWidget *badge = gtk_widget_get_next_sibling (counts);
  guint n_events = count_of (self->n_events, actor);
  guint n_quotes = count_of (self->n_quotes, actor);
  g_autofree char *kind_text = NULL;
  g_autofree char *events_text = NULL;
  g_autofree char *quotes_text = NULL;
  g_autofree char *counts_text = NULL;
  g_autofree char *accessible = NULL;

  adw_avatar_set_text (ADW_AVATAR (avatar), actor->name);
  gtk_label_set_text (GTK_LABEL (name), actor->name);
  kind_text = actor->country[0] != '\0'
              ? g_strdup_printf ("%s · %s", pl_actor_kind_label (actor->kind), actor->country)
              : g_strdup (pl_actor_kind_label (actor->kind));
  gtk_label_set_text (GTK_LABEL (kind), kind_text);
  gtk_label_set_text (GTK_LABEL (role), actor->role);
  /* A name may be one long word: the card keeps its width. */
  gtk_label_set_wrap_mode (GTK_LABEL (name), pl_wrap_mode_for (actor->name));
  gtk_label_set_wrap_mode (GTK_LABEL (kind), pl_wrap_mode_for (kind_text));
  gtk_label_set_wrap_mode (GTK_LABEL (role), pl_wrap_mode_for (actor->role));
  gtk_widget_set_visible (role, actor->role[0] != '\0');

  events_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", n_events), n_events);
  quotes_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u quote", "%'u quotes", n_quotes), n_quotes);
  counts_text = g_strdup_printf ("%s · %s", events_text, quotes_text);
  gtk_label_set_text (GTK_LABEL (counts), counts_text);
  pl_mark_badge_set_item (PL_MARK_BADGE (badge), self->filter != NULL ? pl_filter_get_notebook (self->filter) : NULL,
                          PL_ITEM_KIND_ACTOR, PL_RECORD (actor)->id);

  accessible = g_strdup_printf ("%s, %s, %s", actor->name, kind_text, counts_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
activated (GtkGridView  *grid,
           guint         position,
           PlActorsView *self)
{
  g_autoptr(PlActor) actor = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  pl_actors_view_show_actor (self, actor);
}

/* Each actor's events and quotes in the whole dataset: the events from
 * the filter, which has them at hand (a million events have a few
 * million links), the quotes counted in an array by the speaker's number
 * in the store and then kept by actor. */
static void
count_links (PlActorsView *self,
             PlFilter     *filter)
{
  PlStore *store = pl_filter_get_store (filter);
  GListModel *actors = pl_store_get_items (store, PL_ITEM_KIND_ACTOR);
  GListModel *quotes = pl_store_get_items (store, PL_ITEM_KIND_QUOTE);
  guint n_actors = g_list_model_get_n_items (actors);
  g_autofree guint *n_quotes = g_new0 (guint, MAX (n_actors, 1));

  g_hash_table_remove_all (self->n_events);
  g_hash_table_remove_all (self->n_quotes);

  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);

      if (quote->speaker != NULL && PL_RECORD (quote->speaker)->index < n_actors)
        n_quotes[PL_RECORD (quote->speaker)->index]++;
    }

  for (guint i = 0; i < n_actors; i++)
    {
      g_autoptr(PlActor) actor = g_list_model_get_item (actors, i);
      guint n_events = pl_filter_count_events_of (filter, actor);

      if (n_events > 0)
        g_hash_table_insert (self->n_events, actor, GUINT_TO_POINTER (n_events));
      if (n_quotes[i] > 0)
        g_hash_table_insert (self->n_quotes, actor, GUINT_TO_POINTER (n_quotes[i]));
    }
}

static void
pl_actors_view_dispose (GObject *object)
{
  PlActorsView *self = PL_ACTORS_VIEW (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->n_events, g_hash_table_unref);
  g_clear_pointer (&self->n_quotes, g_hash_table_unref);

  G_OBJECT_CLASS (pl_actors_view_parent_class)->dispose (object);
}

static void
pl_actors_view_class_init (PlActorsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_actors_view_dispose;
  widget_class->map = pl_actors_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actorsview");
}

static void
pl_actors_view_init (PlActorsView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *grid_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sort = gtk_drop_down_new_from_strings ((const char *[]) {
    _("Sort by Name"), _("Sort by Events"), _("Sort by Quotes"), NULL });
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid;
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));

  self->n_events = g_hash_table_new (NULL, NULL);
  self->n_quotes = g_hash_table_new (NULL, NULL);
  self->matcher = gtk_custom_filter_new (match, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->matcher));
  self->shown = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->count), 0.0);
  gtk_widget_set_hexpand (self->count, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sort), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sort actors"), -1);
  g_signal_connect (sort, "notify::selected", G_CALLBACK (sort_changed), self);
  gtk_box_append (GTK_BOX (bar), self->count);
  gtk_box_append (GTK_BOX (bar), sort);
  gtk_widget_set_margin_start (bar, 18);
  gtk_widget_set_margin_end (bar, 18);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (grid_page), bar);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), self);
  grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)))), factory);
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (gtk_grid_view_get_model (GTK_GRID_VIEW (grid))), FALSE);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), 8);
  gtk_grid_view_set_single_click_activate (GTK_GRID_VIEW (grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Actors"), -1);
  g_signal_connect (grid, "activate", G_CALLBACK (activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  self->grid = grid;
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (grid_page), scrolled);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Matching Actors"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("No actor takes part in what the filters leave."));
  gtk_widget_set_halign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "win.clear-filters");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), clear);

  self->page = g_object_new (PL_TYPE_ACTOR_PAGE, NULL);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), grid_page, "grid");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), self->page, "actor");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

void
pl_actors_view_set_filter (PlActorsView *self,
                           PlFilter     *filter)
{
  g_return_if_fail (PL_IS_ACTORS_VIEW (self));

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  /* The reader's notes are those the filter reads. */
  pl_actor_page_set_notebook (PL_ACTOR_PAGE (self->page), filter != NULL ? pl_filter_get_notebook (filter) : NULL);

  if (filter != NULL)
    {
      PlStore *store = pl_filter_get_store (filter);

      count_links (self, filter);
      g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed), self);
      gtk_filter_list_model_set_model (self->filtered, pl_store_get_items (store, PL_ITEM_KIND_ACTOR));
    }
  else
    gtk_filter_list_model_set_model (self->filtered, NULL);

  pl_actors_view_show_all (self);
  filter_changed (self);
}

void
pl_actors_view_show_actor (PlActorsView *self,
                           PlActor      *actor)
{
  g_return_if_fail (PL_IS_ACTORS_VIEW (self));
  g_return_if_fail (self->filter != NULL);

  pl_actor_page_set_actor (PL_ACTOR_PAGE (self->page), pl_filter_get_store (self->filter), actor);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "actor");
}

void
pl_actors_view_show_all (PlActorsView *self)
{
  g_return_if_fail (PL_IS_ACTORS_VIEW (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "grid");
  update_state (self);
}

PlActor *
pl_actors_view_get_actor (PlActorsView *self)
{
  g_return_val_if_fail (PL_IS_ACTORS_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "actor") != 0)
    return NULL;
  return pl_actor_page_get_actor (PL_ACTOR_PAGE (self->page));
}

GListModel *
pl_actors_view_get_shown (PlActorsView *self)
{
  g_return_val_if_fail (PL_IS_ACTORS_VIEW (self), NULL);

  catch_up (self);
  return G_LIST_MODEL (self->shown);
}

