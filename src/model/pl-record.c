/* pl-record.c — base class of every dataset item (event, actor, quote, …)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-record.h"

G_DEFINE_ABSTRACT_TYPE (PlRecord, pl_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD_PTR(object, field) G_STRUCT_MEMBER_P ((object), (field)->offset)

void
pl_record_list_init (PlRecordList  *list,
                     PlRecord     **items,
                     guint          n_items)
{
  list->n_items = n_items;
  list->items = n_items > 0 ? g_new (PlRecord *, n_items) : NULL;
  for (guint i = 0; i < n_items; i++)
    list->items[i] = g_object_ref (items[i]);
}

void
pl_record_list_init_pooled (PlRecordList  *list,
                            PlRecord     **items,
                            guint          n_items,
                            PlStringPool  *pool)
{
  list->n_items = n_items;
  list->items = n_items > 0 ? (PlRecord **) pl_string_pool_alloc_pointers (pool, n_items) : NULL;
  for (guint i = 0; i < n_items; i++)
    list->items[i] = g_object_ref (items[i]);
}

/* A pooled list's array goes with the pool. */
static void
record_list_clear_pooled (PlRecordList *list)
{
  for (guint i = 0; i < list->n_items; i++)
    g_object_unref (list->items[i]);
  list->items = NULL;
  list->n_items = 0;
}

void
pl_record_list_clear (PlRecordList *list)
{
  for (guint i = 0; i < list->n_items; i++)
    g_object_unref (list->items[i]);
  g_clear_pointer (&list->items, g_free);
  list->n_items = 0;
}

#define POINTER_BLOCK 16384

struct _PlStringPool
{
  gatomicrefcount  ref_count;
  GStringChunk    *chunk;
  GPtrArray       *blocks;      /* of pointer arrays, freed with the pool */
  gpointer        *next;        /* free room in the last block */
  gsize            left;
  GMutex           lock;        /* over blocks, next and left */
};

PlStringPool *
pl_string_pool_new (void)
{
  PlStringPool *pool = g_new0 (PlStringPool, 1);

  g_atomic_ref_count_init (&pool->ref_count);
  pool->chunk = g_string_chunk_new (64 * 1024);
  pool->blocks = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&pool->lock);
  return pool;
}

PlStringPool *
pl_string_pool_ref (PlStringPool *pool)
{
  g_return_val_if_fail (pool != NULL, NULL);

  g_atomic_ref_count_inc (&pool->ref_count);
  return pool;
}

void
pl_string_pool_unref (PlStringPool *pool)
{
  g_return_if_fail (pool != NULL);

  if (g_atomic_ref_count_dec (&pool->ref_count))
    {
      g_string_chunk_free (pool->chunk);
      g_ptr_array_unref (pool->blocks);
      g_mutex_clear (&pool->lock);
      g_free (pool);
    }
}

/* Only while the store that owns the pool is being read; the store reads
 * its link tables in two threads at once, so this one takes a lock. */
gpointer *
pl_string_pool_alloc_pointers (PlStringPool *pool,
                               gsize         n)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gpointer *room;

  g_return_val_if_fail (pool != NULL, NULL);

  locker = g_mutex_locker_new (&pool->lock);
  if (n > pool->left)
    {
      gsize size = MAX (n, POINTER_BLOCK);

      pool->next = g_new0 (gpointer, size);
      pool->left = size;
      g_ptr_array_add (pool->blocks, pool->next);
    }
  room = pool->next;
  pool->next += n;
  pool->left -= n;
  return room;
}

/* Only while the store that owns the pool is being read, in one thread. */
char *
pl_string_pool_insert (PlStringPool *pool,
                       const char   *text,
                       gsize         length)
{
  g_return_val_if_fail (pool != NULL, NULL);

  return g_string_chunk_insert_len (pool->chunk, text, (gssize) length);
}

static void
pl_record_finalize (GObject *object)
{
  PlRecord *self = PL_RECORD (object);
  PlRecordClass *klass = PL_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PlField *field = &klass->fields[i];

      switch (field->type)
        {
        case PL_FIELD_STRING:
          if (self->pool != NULL)
            *(char **) FIELD_PTR (self, field) = NULL;
          else
            g_clear_pointer ((char **) FIELD_PTR (self, field), g_free);
          break;
        case PL_FIELD_RECORD:
          g_clear_object ((PlRecord **) FIELD_PTR (self, field));
          break;
        case PL_FIELD_LIST:
          if (self->pool != NULL)
            record_list_clear_pooled (FIELD_PTR (self, field));
          else
            pl_record_list_clear (FIELD_PTR (self, field));
          break;
        case PL_FIELD_DATE:
        case PL_FIELD_ENUM:
        default:
          break;
        }
    }
  if (self->pool != NULL)
    self->id = NULL;
  else
    g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->pool, pl_string_pool_unref);

  G_OBJECT_CLASS (pl_record_parent_class)->finalize (object);
}

static void
pl_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlRecord *self = PL_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, PL_RECORD_GET_CLASS (self)->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Property ids of a subclass are its field indexes plus one. */
static void
pl_record_get_field_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlRecordClass *klass = g_type_class_peek (pspec->owner_type);
  const PlField *field;

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  field = &klass->fields[prop_id - 1];
  switch (field->type)
    {
    case PL_FIELD_STRING:
      g_value_set_string (value, *(char **) FIELD_PTR (object, field));
      break;
    case PL_FIELD_DATE:
      g_value_take_string (value, pl_date_to_iso (FIELD_PTR (object, field)));
      break;
    case PL_FIELD_ENUM:
      g_value_set_enum (value, *(int *) FIELD_PTR (object, field));
      break;
    case PL_FIELD_RECORD:
      g_value_set_object (value, *(PlRecord **) FIELD_PTR (object, field));
      break;
    case PL_FIELD_LIST:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
pl_record_class_install_fields (PlRecordClass *klass,
                                PlItemKind     kind,
                                const PlField *fields,
                                guint          n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  klass->kind = kind;
  klass->fields = fields;
  klass->n_fields = n_fields;
  object_class->get_property = pl_record_get_field_property;

  for (guint i = 0; i < n_fields; i++)
    {
      const PlField *field = &fields[i];
      GParamSpec *pspec = NULL;

      switch (field->type)
        {
        case PL_FIELD_STRING:
        case PL_FIELD_DATE:
          pspec = g_param_spec_string (field->name, NULL, NULL, NULL, flags);
          break;
        case PL_FIELD_ENUM:
          pspec = g_param_spec_enum (field->name, NULL, NULL, field->value_type, 0, flags);
          break;
        case PL_FIELD_RECORD:
          pspec = g_param_spec_object (field->name, NULL, NULL, field->value_type, flags);
          break;
        case PL_FIELD_LIST:
        default:
          break;
        }

      if (pspec != NULL)
        g_object_class_install_property (object_class, i + 1, pspec);
    }
}

static void
pl_record_class_init (PlRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_record_finalize;
  object_class->get_property = pl_record_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind-of-item", NULL, NULL, PL_TYPE_ITEM_KIND, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_record_init (PlRecord *self)
{
}

const char *
pl_record_get_id (PlRecord *self)
{
  g_return_val_if_fail (PL_IS_RECORD (self), NULL);

  return self->id;
}

PlItemKind
pl_record_get_kind (PlRecord *self)
{
  g_return_val_if_fail (PL_IS_RECORD (self), PL_ITEM_KIND_EVENT);

  return PL_RECORD_GET_CLASS (self)->kind;
}
