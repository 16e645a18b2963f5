/* pl-places.c — a list view's items as places whose rows change
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view keeps the widgets of 200 rows. When its model says
 * that rows it follows (the one at the top of the view, the focused one,
 * the selected one) were replaced, it looks for them among every new row,
 * asking the model for each; told "all removed, then all added" instead,
 * it drops the widgets of all its rows and makes them again, about five
 * widgets a row. Either way a change of the filter cost a tenth of a
 * second or more with a long list shown.
 *
 * PlPlaces stands between a model of rows and the list view: the item at
 * a position is a PlPlace, the same object for as long as something holds
 * it, whatever row is there now. A change of the rows adds or removes
 * places at the end only, and every place in use before the end emits
 * "changed"; the widgets bound to it (pl_places_bind_item) then show its
 * new row. Row widgets stay, and only their texts change.
 */
#include "config.h"

#include "pl-places.h"

struct _PlPlace
{
  GObject   parent_instance;
  PlPlaces *places;    /* NULL once the places are gone */
  guint     position;
};

struct _PlPlaces
{
  GObject     parent_instance;
  GListModel *rows;
  GHashTable *live;      /* position → the PlPlace someone holds */
  guint       n_items;
};

static guint place_changed_signal;

G_DEFINE_FINAL_TYPE (PlPlace, pl_place, G_TYPE_OBJECT)

static void
pl_place_finalize (GObject *object)
{
  PlPlace *self = PL_PLACE (object);

  if (self->places != NULL &&
      g_hash_table_lookup (self->places->live, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->places->live, GUINT_TO_POINTER (self->position));

  G_OBJECT_CLASS (pl_place_parent_class)->finalize (object);
}

static void
pl_place_class_init (PlPlaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_place_finalize;
  place_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void pl_place_init (PlPlace *self) { }

/* The row at @self now, or NULL. */
GObject *
pl_place_get_row (PlPlace *self)
{
  g_return_val_if_fail (PL_IS_PLACE (self), NULL);

  if (self->places == NULL)
    return NULL;
  return g_list_model_get_item (self->places->rows, self->position);
}

static GType
pl_places_get_item_type (GListModel *model)
{
  return PL_TYPE_PLACE;
}

static guint
pl_places_get_n_items (GListModel *model)
{
  return PL_PLACES (model)->n_items;
}

static gpointer
pl_places_get_item (GListModel *model,
                    guint       position)
{
  PlPlaces *self = PL_PLACES (model);
  PlPlace *place;

  if (position >= self->n_items)
    return NULL;
  place = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (place != NULL)
    return g_object_ref (place);

  place = g_object_new (PL_TYPE_PLACE, NULL);
  place->places = self;
  place->position = position;
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), place);
  return place;
}

static void
pl_places_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_places_get_item_type;
  iface->get_n_items = pl_places_get_n_items;
  iface->get_item = pl_places_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PlPlaces, pl_places, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_places_list_model_init))

static gboolean
forget_place (gpointer key,
              gpointer value,
              gpointer user_data)
{
  PL_PLACE (value)->places = NULL;
  return TRUE;
}

static void
pl_places_finalize (GObject *object)
{
  PlPlaces *self = PL_PLACES (object);

  g_hash_table_foreach_remove (self->live, forget_place, NULL);
  g_hash_table_unref (self->live);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (pl_places_parent_class)->finalize (object);
}

static void
pl_places_class_init (PlPlacesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_places_finalize;
}

static void
pl_places_init (PlPlaces *self)
{
  self->live = g_hash_table_new (NULL, NULL);
}

static gint
compare_places (gconstpointer a,
                gconstpointer b)
{
  guint x = (*(PlPlace * const *) a)->position, y = (*(PlPlace * const *) b)->position;

  return x < y ? -1 : x > y;
}

/* The rows changed from @position on: places are added or removed at the
 * end only, and the places in use before the end say their rows changed,
 * in order. */
static void
rows_changed (PlPlaces   *self,
              guint       position,
              guint       removed,
              guint       added,
              GListModel *rows)
{
  guint n_old = self->n_items, n = g_list_model_get_n_items (rows);
  guint common = MIN (n_old, n);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  self->n_items = n;
  if (n_old != n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, n_old - common, n - common);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PlPlace *place = value;

      if (place->position >= position && place->position < common)
        g_ptr_array_add (changed, g_object_ref (place));
    }
  g_ptr_array_sort (changed, compare_places);
  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (changed->pdata[i], place_changed_signal, 0);
}

/* The places of @rows, which it follows. */
PlPlaces *
pl_places_new (GListModel *rows)
{
  PlPlaces *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (PL_TYPE_PLACES, NULL);
  self->rows = g_object_ref (rows);
  self->n_items = g_list_model_get_n_items (rows);
  g_signal_connect_object (rows, "items-changed", G_CALLBACK (rows_changed), self, G_CONNECT_SWAPPED);
  return self;
}

typedef struct
{
  PlPlaceShowFunc show;
  gpointer        user_data;
  gulong          handler;
} Binding;

static void
show_item (GtkListItem *item)
{
  Binding *binding = g_object_get_data (G_OBJECT (item), "pl-place-binding");
  g_autoptr(GObject) row = pl_place_get_row (gtk_list_item_get_item (item));

  if (row != NULL)
    binding->show (item, row, binding->user_data);
}

/* For a factory's "bind": @show is called with @item and its place's row
 * now and whenever the place's row changes, until pl_places_unbind_item. */
void
pl_places_bind_item (GtkListItem     *item,
                     PlPlaceShowFunc  show,
                     gpointer         user_data)
{
  Binding *binding = g_new0 (Binding, 1);

  g_return_if_fail (PL_IS_PLACE (gtk_list_item_get_item (item)));

  binding->show = show;
  binding->user_data = user_data;
  binding->handler = g_signal_connect_swapped (gtk_list_item_get_item (item), "changed", G_CALLBACK (show_item), item);
  g_object_set_data_full (G_OBJECT (item), "pl-place-binding", binding, g_free);
  show_item (item);
}

/* For a factory's "unbind". */
void
pl_places_unbind_item (GtkListItem *item)
{
  Binding *binding = g_object_get_data (G_OBJECT (item), "pl-place-binding");

  if (binding == NULL)
    return;
  g_signal_handler_disconnect (gtk_list_item_get_item (item), binding->handler);
  g_object_set_data (G_OBJECT (item), "pl-place-binding", NULL);
}
