/* pl-record.h — base class of every dataset item (event, actor, quote, …)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pl-date.h"
#include "pl-enums.h"

G_BEGIN_DECLS

/* Records are loaded once when a dataset opens and never change, so their
 * fields are public and read-only by convention; each field is also a
 * read-only GObject property so list factories can bind to it.
 *
 * A subclass lists its fields in a static PlField table; PlRecord installs
 * the properties and frees the fields from that table, which keeps the
 * record classes free of copied boilerplate. */

typedef enum
{
  PL_FIELD_STRING,      /* char *, never NULL once loaded */
  PL_FIELD_DATE,        /* PlDate, property is its ISO text */
  PL_FIELD_ENUM,        /* int holding a value of field->value_type */
  PL_FIELD_RECORD,      /* PlRecord *, owned, may be NULL */
  PL_FIELD_LIST,        /* PlRecordList, owned, no property */
} PlFieldType;

typedef struct
{
  const char  *name;
  PlFieldType  type;
  gsize        offset;
  GType        value_type;  /* enum type for ENUM, record type for RECORD */
} PlField;

typedef struct _PlRecord PlRecord;
typedef struct _PlRecordClass PlRecordClass;

/* A fixed list of linked records, in the order the dataset gives them. */
typedef struct
{
  guint      n_items;
  PlRecord **items;
} PlRecordList;

/* Where a store keeps its records' text: one block for all of it, freed
 * with the last record, rather than an allocation per string. */
typedef struct _PlStringPool PlStringPool;

PlStringPool *pl_string_pool_new    (void);
PlStringPool *pl_string_pool_ref    (PlStringPool *pool);
void          pl_string_pool_unref  (PlStringPool *pool);
/* A copy of @length bytes of @text (which must be valid UTF-8) that lives
 * as long as the pool. */
char         *pl_string_pool_insert (PlStringPool *pool,
                                     const char   *text,
                                     gsize         length);
/* Room for @n pointers that lives as long as the pool, for the records'
 * lists. */
gpointer     *pl_string_pool_alloc_pointers (PlStringPool *pool,
                                             gsize         n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlStringPool, pl_string_pool_unref)

struct _PlRecord
{
  GObject       parent_instance;
  char         *id;
  PlStringPool *pool;       /* when set, id and the string fields are in it */
  guint         index;      /* the record's position in its store's list of
                             * its kind, so views can keep arrays by record */
};

struct _PlRecordClass
{
  GObjectClass   parent_class;
  PlItemKind     kind;
  const PlField *fields;
  guint          n_fields;
};

#define PL_TYPE_RECORD            (pl_record_get_type ())
#define PL_RECORD(obj)            (G_TYPE_CHECK_INSTANCE_CAST ((obj), PL_TYPE_RECORD, PlRecord))
#define PL_IS_RECORD(obj)         (G_TYPE_CHECK_INSTANCE_TYPE ((obj), PL_TYPE_RECORD))
#define PL_RECORD_CLASS(klass)    (G_TYPE_CHECK_CLASS_CAST ((klass), PL_TYPE_RECORD, PlRecordClass))
#define PL_RECORD_GET_CLASS(obj)  (G_TYPE_INSTANCE_GET_CLASS ((obj), PL_TYPE_RECORD, PlRecordClass))

GType       pl_record_get_type (void) G_GNUC_CONST;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlRecord, g_object_unref)

const char *pl_record_get_id   (PlRecord *self);
PlItemKind  pl_record_get_kind (PlRecord *self);

/* For subclasses. */
void        pl_record_class_install_fields (PlRecordClass *klass,
                                            PlItemKind     kind,
                                            const PlField *fields,
                                            guint          n_fields);

/* For the store and the tests: fills a list from borrowed records. */
void        pl_record_list_init  (PlRecordList  *list,
                                  PlRecord     **items,
                                  guint          n_items);
void        pl_record_list_clear (PlRecordList  *list);
/* The same, the array itself in @pool; for records whose pool is @pool. */
void        pl_record_list_init_pooled (PlRecordList  *list,
                                        PlRecord     **items,
                                        guint          n_items,
                                        PlStringPool  *pool);

G_END_DECLS
