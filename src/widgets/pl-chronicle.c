/* pl-chronicle.c — the events as a list grouped by year, for reading and screen readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view has no sections, so the rows are a flat list in which
 * a year heading precedes the events of its year. The rows are a model of
 * our own over the events: a change of the filter costs a binary search
 * per year in the store's array of first days (a pass reading each
 * event's year for a model not a filter's), and nothing at all while the
 * chronicle is hidden; the list view only creates widgets for what is on
 * screen.
 *
 * The list view is given places (pl-places.c) rather than the rows, so
 * that a change of the filter keeps the row widgets and changes their
 * texts instead of making 200 rows' widgets again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-chronicle.h"
#include "model/pl-filter.h"
#include "pl-mark-badge.h"
#include "pl-places.h"
#include "pl-widgets.h"

/* A year heading among the rows. */
#define PL_TYPE_CHRONICLE_YEAR (pl_chronicle_year_get_type ())
G_DECLARE_FINAL_TYPE (PlChronicleYear, pl_chronicle_year, PL, CHRONICLE_YEAR, GObject)

struct _PlChronicleYear
{
  GObject parent_instance;
  int     year;
  guint   n_events;
  guint   first_event;  /* its first event's position among the events */
  guint   row;          /* the heading's own position among the rows */
};

G_DEFINE_FINAL_TYPE (PlChronicleYear, pl_chronicle_year, G_TYPE_OBJECT)

static void pl_chronicle_year_class_init (PlChronicleYearClass *klass) { }
static void pl_chronicle_year_init (PlChronicleYear *self) { }

/* The rows: each year's heading, then its events, read from the events
 * model when asked for. */
#define PL_TYPE_CHRONICLE_ROWS (pl_chronicle_rows_get_type ())
G_DECLARE_FINAL_TYPE (PlChronicleRows, pl_chronicle_rows, PL, CHRONICLE_ROWS, GObject)

struct _PlChronicleRows
{
  GObject     parent_instance;
  GListModel *events;   /* NULL while the rows are empty */
  GPtrArray  *years;    /* PlChronicleYear, in row order */
  guint       n_rows;
};

static GType
pl_chronicle_rows_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
pl_chronicle_rows_get_n_items (GListModel *model)
{
  return PL_CHRONICLE_ROWS (model)->n_rows;
}

/* The last year whose heading's row (@by_row), or whose first event's
 * position, is at or before @at: the year holding that row or event. */
static PlChronicleYear *
year_at (PlChronicleRows *self,
         guint            at,
         gboolean         by_row)
{
  guint lo = 0, hi = self->years->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      PlChronicleYear *year = self->years->pdata[mid];

      if ((by_row ? year->row : year->first_event) <= at)
        lo = mid;
      else
        hi = mid;
    }
  return self->years->pdata[lo];
}

static gpointer
pl_chronicle_rows_get_item (GListModel *model,
                            guint       position)
{
  PlChronicleRows *self = PL_CHRONICLE_ROWS (model);
  PlChronicleYear *year;

  if (position >= self->n_rows)
    return NULL;
  year = year_at (self, position, TRUE);
  if (position == year->row)
    return g_object_ref (year);
  return g_list_model_get_item (self->events, year->first_event + (position - year->row - 1));
}

static void
pl_chronicle_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_chronicle_rows_get_item_type;
  iface->get_n_items = pl_chronicle_rows_get_n_items;
  iface->get_item = pl_chronicle_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PlChronicleRows, pl_chronicle_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_chronicle_rows_list_model_init))

static void
pl_chronicle_rows_finalize (GObject *object)
{
  PlChronicleRows *self = PL_CHRONICLE_ROWS (object);

  g_clear_object (&self->events);
  g_ptr_array_unref (self->years);

  G_OBJECT_CLASS (pl_chronicle_rows_parent_class)->finalize (object);
}

static void
pl_chronicle_rows_class_init (PlChronicleRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_chronicle_rows_finalize;
}

static void
pl_chronicle_rows_init (PlChronicleRows *self)
{
  self->years = g_ptr_array_new_with_free_func (g_object_unref);
}

static PlChronicleYear *
add_year (PlChronicleRows *self,
          int              number,
          guint            first_event)
{
  PlChronicleYear *year = g_object_new (PL_TYPE_CHRONICLE_YEAR, NULL);

  year->year = number;
  year->first_event = first_event;
  year->row = first_event + self->years->len;
  g_ptr_array_add (self->years, year);
  return year;
}

/* The years of a filter's events, found by binary search in the store's
 * array of first days instead of reading every event: the events come in
 * the order of their first days, and an event's first day falls in its
 * start's year. FALSE for a model of other events. */
static gboolean
find_years (PlChronicleRows *self,
            GListModel      *events)
{
  PlStore *store = NULL;
  guint n = 0;
  const guint32 *positions = events != NULL ? pl_filter_events_peek_positions (events, &store, &n) : NULL;
  PlEvent * const *all;
  const float *first_days;
  guint i = 0;

  if (positions == NULL)
    return FALSE;

  all = pl_store_peek_events (store, &first_days, NULL, NULL);
  while (i < n)
    {
      PlEvent *event = all[positions[i]];
      PlDate next_year = { .year = event->start.year + 1, .precision = PL_DATE_PRECISION_YEAR };
      PlChronicleYear *year = add_year (self, event->start.year, i);
      guint32 next_day = 0;
      guint lo = i + 1, hi = n;

      /* The first event past the year, by its first day; event by event
       * when the next year has no day number. */
      if (pl_date_get_span (&next_year, &next_day, NULL))
        while (lo < hi)
          {
            guint mid = lo + (hi - lo) / 2;

            if (first_days[positions[mid]] < (double) next_day)
              lo = mid + 1;
            else
              hi = mid;
          }
      else
        while (lo < n && all[positions[lo]]->start.year == event->start.year)
          lo++;
      year->n_events = lo - i;
      i = lo;
    }
  return TRUE;
}

/* Makes the rows those of @events (NULL for none), in one change. */
static void
pl_chronicle_rows_set_events (PlChronicleRows *self,
                              GListModel      *events)
{
  guint n_old = self->n_rows;
  guint n = events != NULL ? g_list_model_get_n_items (events) : 0;
  PlChronicleYear *year = NULL;

  g_set_object (&self->events, events);
  g_ptr_array_set_size (self->years, 0);
  if (!find_years (self, events))
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PlEvent) event = g_list_model_get_item (events, i);

        if (year == NULL || year->year != event->start.year)
          year = add_year (self, event->start.year, i);
        year->n_events++;
      }
  self->n_rows = n + self->years->len;

  if (n_old > 0 || self->n_rows > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->n_rows);
}

/* Where @event's row is, or FALSE. The events come in the store's order
 * (the store's list and a filter's both do), so the event is found by its
 * number in the store. */
static gboolean
pl_chronicle_rows_find (PlChronicleRows *self,
                        PlEvent         *event,
                        guint           *row)
{
  guint index = PL_RECORD (event)->index;
  guint lo = 0, hi = self->events != NULL ? g_list_model_get_n_items (self->events) : 0;
  guint n = hi;
  g_autoptr(PlEvent) found = NULL;
  PlChronicleYear *year;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(PlEvent) at = g_list_model_get_item (self->events, mid);

      if (PL_RECORD (at)->index < index)
        lo = mid + 1;
      else
        hi = mid;
    }

  found = lo < n ? g_list_model_get_item (self->events, lo) : NULL;
  if (found != event)
    return FALSE;

  year = year_at (self, lo, FALSE);
  *row = year->row + 1 + (lo - year->first_event);
  return TRUE;
}

struct _PlChronicle
{
  GtkWidget           parent_instance;

  GtkWidget          *scrolled;
  GtkListView        *list;
  PlChronicleRows    *rows;
  PlPlaces           *places;     /* what the list view shows */
  GtkSingleSelection *selection;  /* of the places */
  GListModel         *events;
  PlNotebook         *notebook;
  gboolean            stale;      /* hidden since the events changed: no rows */
  gboolean            restoring;  /* the selection put back after a change */
  PlEvent            *selected;   /* to select once the rows are made again */
  PlEvent            *selected_event;  /* the selected row's event: the rows
                                        * read the events, which change
                                        * before the rows do */
};

G_DEFINE_FINAL_TYPE (PlChronicle, pl_chronicle, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void events_changed (PlChronicle *self);

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *certainty = gtk_label_new (NULL);
  GtkWidget *badge = pl_mark_badge_new ();

  gtk_label_set_xalign (GTK_LABEL (date), 0.0);
  gtk_label_set_width_chars (GTK_LABEL (date), 16);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  /* A title may be one long word: it wraps anywhere, not off screen. */
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (certainty, "certainty");
  /* A badge, not a bar: it keeps its height beside a title of many lines. */
  gtk_widget_set_valign (certainty, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), certainty);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

/* Shows @row in @item's widgets. */
static void
show_row (GtkListItem *item,
          GObject     *row,
          gpointer     user_data)
{
  PlChronicle *self = user_data;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *date = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (date);
  GtkWidget *badge = gtk_widget_get_next_sibling (title);
  GtkWidget *certainty = gtk_widget_get_next_sibling (badge);

  if (PL_IS_CHRONICLE_YEAR (row))
    {
      PlChronicleYear *year = PL_CHRONICLE_YEAR (row);
      g_autofree char *text = g_strdup_printf ("%d", year->year);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", year->n_events),
                                                year->n_events);

      gtk_label_set_text (GTK_LABEL (date), text);
      gtk_label_set_text (GTK_LABEL (title), count);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_set_visible (certainty, FALSE);
      pl_mark_badge_set_item (PL_MARK_BADGE (badge), NULL, PL_ITEM_KIND_EVENT, NULL);
      gtk_widget_add_css_class (box, "chronicle-year");
      gtk_list_item_set_activatable (item, FALSE);
      gtk_list_item_set_selectable (item, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
  else
    {
      PlEvent *event = PL_EVENT (row);
      g_autofree char *start = pl_date_format (&event->start);
      g_autofree char *accessible = g_strdup_printf ("%s: %s", start, event->title);
      g_autofree char *class_name = g_strdup_printf ("certainty-%s", pl_enum_to_nick (PL_TYPE_CERTAINTY, event->certainty));

      gtk_label_set_text (GTK_LABEL (date), start);
      gtk_label_set_text (GTK_LABEL (title), event->title);
      gtk_label_set_wrap_mode (GTK_LABEL (title), pl_wrap_mode_for (event->title));
      gtk_label_set_text (GTK_LABEL (certainty), event->certainty != PL_CERTAINTY_CONFIRMED ? pl_certainty_label (event->certainty) : "");
      gtk_widget_set_css_classes (certainty, (const char *[]) { "certainty", class_name, NULL });
      /* Confirmed is the norm and goes unsaid; the rest are flagged. */
      gtk_widget_set_visible (certainty, event->certainty != PL_CERTAINTY_CONFIRMED);
      pl_mark_badge_set_item (PL_MARK_BADGE (badge), self->notebook, PL_ITEM_KIND_EVENT, PL_RECORD (event)->id);
      gtk_widget_remove_css_class (title, "dim-label");
      gtk_widget_remove_css_class (box, "chronicle-year");
      gtk_list_item_set_activatable (item, TRUE);
      gtk_list_item_set_selectable (item, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlChronicle              *self)
{
  pl_places_bind_item (item, show_row, self);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PlChronicle              *self)
{
  pl_places_unbind_item (item);
}

static void
activated (GtkListView *list,
           guint        position,
           PlChronicle *self)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (PL_IS_EVENT (row))
    g_signal_emit (self, signals[ACTIVATE_EVENT], 0, row);
}

/* The selected row, a PlEvent or a PlChronicleYear, or NULL. */
static GObject *
selected_row (PlChronicle *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->rows), position);
}

static void
selected (PlChronicle *self)
{
  g_autoptr(GObject) row = selected_row (self);

  g_clear_object (&self->selected_event);
  if (PL_IS_EVENT (row))
    self->selected_event = g_object_ref (PL_EVENT (row));
  if (self->restoring)
    return;
  if (PL_IS_EVENT (row))
    g_signal_emit (self, signals[ACTIVATE_EVENT], 0, row);
}

static void
scroll_to_selection (PlChronicle *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
}

/* A list scrolled while hidden does not remember it; shown again, it goes
 * to the selected event. */
static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  PlChronicle *self = PL_CHRONICLE (widget);

  /* Only a list that has been laid out knows where its rows are. */
  if (gtk_widget_get_height (GTK_WIDGET (self->list)) == 0 && gtk_widget_get_mapped (widget))
    return G_SOURCE_CONTINUE;

  scroll_to_selection (self);
  return G_SOURCE_REMOVE;
}

static void update_rows (PlChronicle *self);

static void
pl_chronicle_map (GtkWidget *widget)
{
  PlChronicle *self = PL_CHRONICLE (widget);

  /* Rows left out while hidden are made now, before the list shows. */
  if (self->stale)
    update_rows (self);

  GTK_WIDGET_CLASS (pl_chronicle_parent_class)->map (widget);
  /* After the list has its size, or it has nowhere to scroll to. */
  gtk_widget_add_tick_callback (widget, scroll_tick, NULL, NULL);
}

static void
pl_chronicle_dispose (GObject *object)
{
  PlChronicle *self = PL_CHRONICLE (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_func (self->events, events_changed, self);
  g_clear_object (&self->events);
  g_clear_object (&self->selection);
  g_clear_object (&self->places);
  g_clear_object (&self->rows);
  g_clear_object (&self->notebook);
  g_clear_object (&self->selected);
  g_clear_object (&self->selected_event);

  G_OBJECT_CLASS (pl_chronicle_parent_class)->dispose (object);
}

static void
pl_chronicle_class_init (PlChronicleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_chronicle_dispose;
  widget_class->map = pl_chronicle_map;

  signals[ACTIVATE_EVENT] =
    g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PL_TYPE_EVENT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chronicle");
}

static void
pl_chronicle_init (PlChronicle *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->rows = g_object_new (PL_TYPE_CHRONICLE_ROWS, NULL);
  self->places = pl_places_new (G_LIST_MODEL (self->rows));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->places)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  self->list = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)), factory));
  gtk_list_view_set_single_click_activate (self->list, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "chronicle-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chronicle"), -1);
  g_signal_connect (self->list, "activate", G_CALLBACK (activated), self);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selected), self, G_CONNECT_SWAPPED);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/* Makes the rows those of the events now, keeping the selected event
 * selected when it still shows. */
static void
update_rows (PlChronicle *self)
{
  g_autoptr(PlEvent) keep = self->selected != NULL ? g_steal_pointer (&self->selected)
                            : self->selected_event != NULL ? g_object_ref (self->selected_event) : NULL;
  guint position;

  self->stale = FALSE;
  /* The selection is of places, which stay where they are: it is emptied
   * first and the selected event's row found again by binary search and
   * selected, without activating the event again. The view goes to it,
   * or to the top. */
  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  pl_chronicle_rows_set_events (self->rows, self->events);
  if (keep != NULL && pl_chronicle_rows_find (self->rows, keep, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        scroll_to_selection (self);
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->rows->n_rows > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", 0);
  self->restoring = FALSE;
}

static void
events_changed (PlChronicle *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_rows (self);
      return;
    }

  /* Hidden, the chronicle drops its rows until it is shown again (or its
   * rows are asked for), remembering which event was selected. */
  if (!self->stale)
    {
      if (self->selected == NULL && self->selected_event != NULL)
        self->selected = g_object_ref (self->selected_event);
      self->stale = TRUE;
      self->restoring = TRUE;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      pl_chronicle_rows_set_events (self->rows, NULL);
      self->restoring = FALSE;
    }
}

void
pl_chronicle_set_events (PlChronicle *self,
                         GListModel  *events)
{
  g_return_if_fail (PL_IS_CHRONICLE (self));

  if (self->events == events)
    return;

  if (self->events != NULL)
    g_signal_handlers_disconnect_by_func (self->events, events_changed, self);
  g_set_object (&self->events, events);
  if (events != NULL)
    g_signal_connect_object (events, "items-changed", G_CALLBACK (events_changed), self, G_CONNECT_SWAPPED);

  events_changed (self);
}

void
pl_chronicle_set_store (PlChronicle *self,
                        PlStore     *store)
{
  g_return_if_fail (PL_IS_CHRONICLE (self));

  pl_chronicle_set_events (self, pl_store_get_items (store, PL_ITEM_KIND_EVENT));
}

void
pl_chronicle_set_selected (PlChronicle *self,
                           PlEvent     *event)
{
  guint position;

  g_return_if_fail (PL_IS_CHRONICLE (self));

  if (self->stale)
    {
      g_set_object (&self->selected, event);
      return;
    }

  if (event != NULL && pl_chronicle_rows_find (self->rows, event, &position))
    {
      if (gtk_single_selection_get_selected (self->selection) != position)
        {
          gtk_single_selection_set_selected (self->selection, position);
          if (gtk_widget_get_mapped (GTK_WIDGET (self)))
            scroll_to_selection (self);
        }
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* The reader's marks shown on each event's row; NULL for none. */
void
pl_chronicle_set_notebook (PlChronicle *self,
                           PlNotebook  *notebook)
{
  g_return_if_fail (PL_IS_CHRONICLE (self));

  /* Every row is bound again, with the new marks. */
  if (g_set_object (&self->notebook, notebook) && !self->stale)
    update_rows (self);
}

GListModel *
pl_chronicle_get_rows (PlChronicle *self)
{
  g_return_val_if_fail (PL_IS_CHRONICLE (self), NULL);

  if (self->stale)
    update_rows (self);
  return G_LIST_MODEL (self->rows);
}
