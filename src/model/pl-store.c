/* pl-store.c — a dataset file opened read-only, as typed records and lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening reads each table once, in one statement, and each link table
 * once; nothing afterwards runs a query per row. Records are built from
 * their classes' field tables, so a column added to a record is loaded
 * without touching this file. The file itself is untrusted: it is opened
 * read-only and defensively, its schema is checked, and every value is
 * checked as it is read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-read-ahead.h"
#include "pl-schema.h"
#include "pl-search.h"
#include "pl-sqlite.h"
#include "pl-store.h"
#include "pl-store-private.h"

#define N_KINDS (PL_ITEM_KIND_TOUR + 1)

/* Each event's actors, themes or sources, by their positions: event i's
 * in links[offsets[i] .. offsets[i + 1]).  Both arrays are counted
 * references (g_atomic_rc_box), which a filter may hold. */
typedef struct
{
  guint32 *offsets;
  guint32 *links;
} EventLinks;

struct _PlStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  int          schema_version;      /* of the file, 1 to PL_SCHEMA_VERSION */
  GHashTable  *metadata;            /* key → value */
  GListModel  *items[N_KINDS];      /* PlRecords, see PlRecordArray */
  GHashTable  *by_id[N_KINDS];      /* id → borrowed record */
  PlStringPool *pool;              /* the records' text */
  GPtrArray   *by_rowid[N_KINDS];   /* the table's rowid → borrowed record,
                                     * for searches in version 4 files */
  guint32     *event_positions;     /* event rowid → position in the event
                                     * list plus one; made by the first search */

  /* The events by position, as arrays for views that read them all
   * (pl_store_peek_events, pl_store_peek_event_links). */
  float       *event_first;         /* made as the events are read */
  float       *event_end;
  EventLinks  *event_links[3];      /* actors, themes, sources; on first use */

  /* Searches run in other threads (pl_store_match_positions_in_thread)
   * use a connection of their own, one search at a time. */
  char        *uri;
  GMutex       search_lock;
  sqlite3     *search_db;
  GCancellable *searching;          /* the search's, while it runs */
  GSourceFunc  progress_hook;       /* for tests */
  gpointer     progress_hook_data;
};

/* Rowids past this are not indexed: a file we wrote numbers its rows from
 * 1, and a file from elsewhere with huge rowids is searched by id. */
#define MAX_INDEXED_ROWID (G_GINT64_CONSTANT (1) << 26)

G_DEFINE_FINAL_TYPE (PlStore, pl_store, G_TYPE_OBJECT)

/* A store's items of one kind: a list model over a plain array, filled
 * once when the store is read. A GListStore would keep a balanced tree of
 * as many nodes as there are items, several times the memory of the
 * pointers themselves at a million events. */
#define PL_TYPE_RECORD_ARRAY (pl_record_array_get_type ())
G_DECLARE_FINAL_TYPE (PlRecordArray, pl_record_array, PL, RECORD_ARRAY, GObject)

struct _PlRecordArray
{
  GObject    parent_instance;
  GType      item_type;
  GPtrArray *records;       /* owned */
};

static GType
pl_record_array_get_item_type (GListModel *model)
{
  return PL_RECORD_ARRAY (model)->item_type;
}

static guint
pl_record_array_get_n_items (GListModel *model)
{
  return PL_RECORD_ARRAY (model)->records->len;
}

static gpointer
pl_record_array_get_item (GListModel *model,
                          guint       position)
{
  GPtrArray *records = PL_RECORD_ARRAY (model)->records;

  return position < records->len ? g_object_ref (records->pdata[position]) : NULL;
}

static void
pl_record_array_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_record_array_get_item_type;
  iface->get_n_items = pl_record_array_get_n_items;
  iface->get_item = pl_record_array_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PlRecordArray, pl_record_array, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_record_array_list_model_init))

static void
pl_record_array_finalize (GObject *object)
{
  g_ptr_array_unref (PL_RECORD_ARRAY (object)->records);

  G_OBJECT_CLASS (pl_record_array_parent_class)->finalize (object);
}

static void
pl_record_array_class_init (PlRecordArrayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_record_array_finalize;
}

static void
pl_record_array_init (PlRecordArray *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

static GListModel *
pl_record_array_new (GType item_type)
{
  PlRecordArray *self = g_object_new (PL_TYPE_RECORD_ARRAY, NULL);

  self->item_type = item_type;
  return G_LIST_MODEL (self);
}

/* Takes the records of @loaded, which is left empty; announced, though
 * nobody can be listening while the store is being read. */
static void
pl_record_array_take (GListModel *model,
                      GPtrArray  *loaded)
{
  PlRecordArray *self = PL_RECORD_ARRAY (model);
  guint position = self->records->len;
  guint n = loaded->len;

  g_ptr_array_extend_and_steal (self->records, g_ptr_array_ref (loaded));
  g_ptr_array_set_size (loaded, 0);
  g_list_model_items_changed (model, position, 0, n);
}

/* A comparison has no id column: it is keyed by its clause type and
 * treaty, and its record's id joins the two. */
#define COMPARISON_ID "ifnull(clause_type_id, '') || '/' || ifnull(treaty_id, '')"

/* Loading order: every record's references point to kinds loaded before.
 * Tables added by a later schema version are read only from files of that
 * version; an older file simply has no such items. */
static const struct {
  PlItemKind  kind;
  const char *table;
  const char *id;
  const char *order;
  int         since;
} tables[] = {
  { PL_ITEM_KIND_SOURCE, "source", "id", "rowid", 1 },
  { PL_ITEM_KIND_ACTOR, "actor", "id", "rowid", 1 },
  { PL_ITEM_KIND_THEME, "theme", "id", "rowid", 1 },
  { PL_ITEM_KIND_ERA, "era", "id", "start_day, rowid", 1 },
  { PL_ITEM_KIND_TREATY, "treaty", "id", "rowid", 1 },
  /* Read in the file's order and sorted here (see compare_events): an
   * ORDER BY on the day index would seek the table once per event. */
  { PL_ITEM_KIND_EVENT, "event", "id", "rowid", 1 },
  { PL_ITEM_KIND_PROVISION, "provision", "id", "rowid", 1 },
  { PL_ITEM_KIND_QUOTE, "quote", "id", "rowid", 1 },
  { PL_ITEM_KIND_CLAUSE_TYPE, "clause_type", "id", "position, rowid", 2 },
  { PL_ITEM_KIND_COMPARISON, "comparison", COMPARISON_ID, "rowid", 2 },
  { PL_ITEM_KIND_TOUR, "tour", "id", "rowid", 3 },
};

/* Which link table fills which list field. */
static const struct {
  PlItemKind  owner;
  const char *field;
  PlItemKind  target;
  const char *table;
  const char *owner_column;     /* or an expression giving the owner's id */
  const char *target_column;
  int         since;
} links[] = {
  { PL_ITEM_KIND_EVENT, "actors", PL_ITEM_KIND_ACTOR, "event_actor", "event_id", "actor_id", 1 },
  { PL_ITEM_KIND_EVENT, "themes", PL_ITEM_KIND_THEME, "event_theme", "event_id", "theme_id", 1 },
  { PL_ITEM_KIND_EVENT, "sources", PL_ITEM_KIND_SOURCE, "event_source", "event_id", "source_id", 1 },
  { PL_ITEM_KIND_TREATY, "parties", PL_ITEM_KIND_ACTOR, "treaty_party", "treaty_id", "actor_id", 1 },
  { PL_ITEM_KIND_PROVISION, "themes", PL_ITEM_KIND_THEME, "provision_theme", "provision_id", "theme_id", 1 },
  { PL_ITEM_KIND_PROVISION, "sources", PL_ITEM_KIND_SOURCE, "provision_source", "provision_id", "source_id", 1 },
  { PL_ITEM_KIND_QUOTE, "events", PL_ITEM_KIND_EVENT, "quote_event", "quote_id", "event_id", 1 },
  { PL_ITEM_KIND_QUOTE, "provisions", PL_ITEM_KIND_PROVISION, "quote_provision", "quote_id", "provision_id", 1 },
  { PL_ITEM_KIND_COMPARISON, "provisions", PL_ITEM_KIND_PROVISION, "comparison_provision", COMPARISON_ID, "provision_id", 2 },
  { PL_ITEM_KIND_COMPARISON, "quotes", PL_ITEM_KIND_QUOTE, "comparison_quote", COMPARISON_ID, "quote_id", 2 },
  { PL_ITEM_KIND_COMPARISON, "events", PL_ITEM_KIND_EVENT, "comparison_event", COMPARISON_ID, "event_id", 2 },
  { PL_ITEM_KIND_COMPARISON, "sources", PL_ITEM_KIND_SOURCE, "comparison_source", COMPARISON_ID, "source_id", 2 },
  { PL_ITEM_KIND_TOUR, "events", PL_ITEM_KIND_EVENT, "tour_event", "tour_id", "event_id", 3 },
};

static GType
record_type_for_kind (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT: return PL_TYPE_EVENT;
    case PL_ITEM_KIND_ACTOR: return PL_TYPE_ACTOR;
    case PL_ITEM_KIND_PROVISION: return PL_TYPE_PROVISION;
    case PL_ITEM_KIND_TREATY: return PL_TYPE_TREATY;
    case PL_ITEM_KIND_QUOTE: return PL_TYPE_QUOTE;
    case PL_ITEM_KIND_SOURCE: return PL_TYPE_SOURCE;
    case PL_ITEM_KIND_THEME: return PL_TYPE_THEME;
    case PL_ITEM_KIND_ERA: return PL_TYPE_ERA;
    case PL_ITEM_KIND_CLAUSE_TYPE: return PL_TYPE_CLAUSE_TYPE;
    case PL_ITEM_KIND_COMPARISON: return PL_TYPE_COMPARISON;
    case PL_ITEM_KIND_TOUR: return PL_TYPE_TOUR;
    default: g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static PlItemKind
kind_for_record_type (GType type)
{
  for (guint k = 0; k < N_KINDS; k++)
    if (record_type_for_kind (k) == type)
      return k;
  g_return_val_if_reached (PL_ITEM_KIND_EVENT);
}

static void
pl_store_finalize (GObject *object)
{
  PlStore *self = PL_STORE (object);

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&self->by_id[k], g_hash_table_unref);
      g_clear_pointer (&self->by_rowid[k], g_ptr_array_unref);
      g_clear_object (&self->items[k]);
    }
  g_clear_pointer (&self->event_positions, g_free);
  g_clear_pointer (&self->event_first, g_free);
  g_clear_pointer (&self->event_end, g_free);
  for (guint k = 0; k < G_N_ELEMENTS (self->event_links); k++)
    if (self->event_links[k] != NULL)
      {
        g_atomic_rc_box_release (self->event_links[k]->offsets);
        g_atomic_rc_box_release (self->event_links[k]->links);
        g_free (self->event_links[k]);
      }
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->pool, pl_string_pool_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->search_db, sqlite3_close);
  g_mutex_clear (&self->search_lock);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pl_store_parent_class)->finalize (object);
}

static void
pl_store_class_init (PlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_store_finalize;
}

static void
pl_store_init (PlStore *self)
{
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pool = pl_string_pool_new ();
  g_mutex_init (&self->search_lock);
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->items[k] = pl_record_array_new (record_type_for_kind (k));
      self->by_rowid[k] = g_ptr_array_new ();
      self->by_id[k] = g_hash_table_new (g_str_hash, g_str_equal);
    }
}

/* Text from a file made elsewhere may not be UTF-8; widgets and Pango
 * require it, so repair rather than trust. */
static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const char *text = pl_sqlite_column_text (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);

  if (G_LIKELY (g_utf8_validate_len (text, (gsize) length, NULL)))
    return g_strndup (text, (gsize) length);

  return g_utf8_make_valid (text, length);
}

/* The same, kept in the store's pool (see PlStringPool). */
static char *
pool_text (PlStore      *self,
           sqlite3_stmt *stmt,
           int           column)
{
  const char *text = pl_sqlite_column_text (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);
  g_autofree char *valid = NULL;

  if (G_LIKELY (g_utf8_validate_len (text, (gsize) length, NULL)))
    return pl_string_pool_insert (self->pool, text, (gsize) length);

  valid = g_utf8_make_valid (text, length);
  return pl_string_pool_insert (self->pool, valid, strlen (valid));
}

static void
set_bad_value (GError    **error,
               const char *table,
               const char *id,
               const char *column)
{
  g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
               /* Translators: e.g. “The dataset is damaged: event “x” has an invalid “start”” */
               _("The dataset is damaged: %s “%s” has an invalid “%s”"),
               table, id, column);
}

static gboolean
check_rc (sqlite3  *db,
          int       rc,
          GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  pl_sqlite_set_error (error, db, rc, _("reading the dataset"));
  return FALSE;
}

static gboolean
load_metadata (PlStore  *self,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (self->db, "SELECT key, value FROM dataset", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (self->metadata, dup_text (stmt, 0), dup_text (stmt, 1));
  if (!check_rc (self->db, rc, error))
    return FALSE;

  if (pl_store_get_metadata (self, "id") == NULL)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   _("The dataset has no id in its “dataset” table"));
      return FALSE;
    }

  return TRUE;
}

/* The SQL column of a record field: "date-note" → date_note,
 * "speaker" (a record) → speaker_id. */
static char *
column_for_field (const PlField *field)
{
  char *column = g_strdelimit (g_strdup (field->name), "-", '_');

  if (field->type == PL_FIELD_RECORD)
    {
      char *with_id = g_strconcat (column, "_id", NULL);
      g_free (column);
      column = with_id;
    }

  return column;
}

/* Chronological; at the same first day the coarser date comes first, then
 * the one that ends sooner, then by id, so the order never depends on the
 * file's. */
static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const PlEvent *x = *(PlEvent * const *) a;
  const PlEvent *y = *(PlEvent * const *) b;

  if (x->first_day != y->first_day)
    return x->first_day < y->first_day ? -1 : 1;
  if (x->start.precision != y->start.precision)
    return x->start.precision < y->start.precision ? -1 : 1;
  if (x->end_day != y->end_day)
    return x->end_day < y->end_day ? -1 : 1;
  return strcmp (PL_RECORD (x)->id, PL_RECORD (y)->id);
}

static gboolean
load_table (PlStore     *self,
            guint        t,
            GError     **error)
{
  PlItemKind kind = tables[t].kind;
  const char *table = tables[t].table;
  GType type = record_type_for_kind (kind);
  PlRecordClass *klass = g_type_class_ref (type);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok = FALSE;
  int rc;

  g_string_append_printf (sql, "SELECT %s", tables[t].id);
  for (guint f = 0; f < klass->n_fields; f++)
    {
      g_autofree char *column = NULL;

      if (klass->fields[f].type == PL_FIELD_LIST)
        continue;
      column = column_for_field (&klass->fields[f]);
      g_string_append_printf (sql, ", \"%s\"", column);
    }
  g_string_append_printf (sql, ", rowid FROM %s ORDER BY %s", table, tables[t].order);

  stmt = pl_sqlite_prepare (self->db, sql->str, error);
  if (stmt == NULL)
    goto out;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlRecord *record = g_object_new (type, NULL);

      record->pool = pl_string_pool_ref (self->pool);
      int column = 1;

      g_ptr_array_add (loaded, record);
      record->id = pool_text (self, stmt, 0);

      for (guint f = 0; f < klass->n_fields; f++)
        {
          const PlField *field = &klass->fields[f];
          gpointer slot = G_STRUCT_MEMBER_P (record, field->offset);
          gboolean present = sqlite3_column_type (stmt, column) != SQLITE_NULL;
          const char *text = pl_sqlite_column_text (stmt, column);

          switch (field->type)
            {
            case PL_FIELD_STRING:
              *(char **) slot = pool_text (self, stmt, column);
              break;

            case PL_FIELD_DATE:
              if (present && !pl_date_parse (text, slot))
                {
                  g_autofree char *name = column_for_field (field);
                  set_bad_value (error, table, record->id, name);
                  goto out;
                }
              break;

            case PL_FIELD_ENUM:
              if (!pl_enum_from_nick (field->value_type, text, slot))
                {
                  g_autofree char *name = column_for_field (field);
                  set_bad_value (error, table, record->id, name);
                  goto out;
                }
              break;

            case PL_FIELD_RECORD:
              if (present)
                {
                  PlItemKind target = kind_for_record_type (field->value_type);
                  PlRecord *linked = g_hash_table_lookup (self->by_id[target], text);

                  if (linked == NULL)
                    {
                      g_autofree char *name = column_for_field (field);
                      set_bad_value (error, table, record->id, name);
                      goto out;
                    }
                  *(PlRecord **) slot = g_object_ref (linked);
                }
              break;

            case PL_FIELD_LIST:
            default:
              continue;
            }
          column++;
        }

      {
        gint64 rowid = sqlite3_column_int64 (stmt, column);

        if (rowid > 0 && rowid < MAX_INDEXED_ROWID)
          {
            if ((guint) rowid >= self->by_rowid[kind]->len)
              g_ptr_array_set_size (self->by_rowid[kind], (guint) rowid + 1);
            self->by_rowid[kind]->pdata[rowid] = record;
          }
      }

      if (!g_hash_table_insert (self->by_id[kind], record->id, record))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                       _("The dataset is damaged: %s “%s” appears twice"), table, record->id);
          goto out;
        }
    }

  if (!check_rc (self->db, rc, error))
    goto out;

  /* Events must have a start; the importer guarantees it, a file from
   * elsewhere might not. */
  if (kind == PL_ITEM_KIND_EVENT || kind == PL_ITEM_KIND_ERA)
    for (guint i = 0; i < loaded->len; i++)
      {
        PlRecord *record = loaded->pdata[i];
        PlDate *start = kind == PL_ITEM_KIND_EVENT ? &PL_EVENT (record)->start : &PL_ERA (record)->start;

        if (!pl_date_is_valid (start))
          {
            set_bad_value (error, table, record->id, "start");
            goto out;
          }
        if (kind == PL_ITEM_KIND_EVENT)
          {
            PlEvent *event = PL_EVENT (record);
            guint32 first = 0, last = 0, end_last = 0;

            pl_date_get_span (&event->start, &first, &last);
            if (pl_date_get_span (&event->end, NULL, &end_last))
              last = MAX (last, end_last);
            event->first_day = first;
            event->end_day = (double) last + 1.0;
          }
      }

  /* A cell needs its row and its column, which the schema's NOT NULL
   * guarantees only in files we wrote. */
  if (kind == PL_ITEM_KIND_COMPARISON)
    for (guint i = 0; i < loaded->len; i++)
      {
        PlComparison *cell = loaded->pdata[i];

        if (cell->clause_type == NULL || cell->treaty == NULL)
          {
            set_bad_value (error, table, PL_RECORD (cell)->id,
                           cell->clause_type == NULL ? "clause_type_id" : "treaty_id");
            goto out;
          }
      }

  if (kind == PL_ITEM_KIND_EVENT)
    {
      /* Events written in order (a dataset kept chronologically) need no
       * sort, which takes a third of a second for a million. */
      gboolean sorted = TRUE;

      for (guint i = 1; i < loaded->len && sorted; i++)
        sorted = compare_events (&loaded->pdata[i - 1], &loaded->pdata[i]) <= 0;
      if (!sorted)
        g_ptr_array_sort (loaded, compare_events);
      g_free (self->event_first);
      g_free (self->event_end);
      self->event_first = g_new (float, MAX (loaded->len, 1));
      self->event_end = g_new (float, MAX (loaded->len, 1));
      for (guint i = 0; i < loaded->len; i++)
        {
          self->event_first[i] = (float) PL_EVENT (loaded->pdata[i])->first_day;
          self->event_end[i] = (float) PL_EVENT (loaded->pdata[i])->end_day;
        }
    }
  for (guint i = 0; i < loaded->len; i++)
    PL_RECORD (loaded->pdata[i])->index = i;

  pl_record_array_take (self->items[kind], loaded);
  ok = TRUE;

out:
  if (!ok)
    g_hash_table_remove_all (self->by_id[kind]);
  g_type_class_unref (klass);
  return ok;
}

/* One owner's targets, by their positions: an insertion sort, since an
 * owner has a few and they are usually in order already. */
static void
sort_by_position (GPtrArray *targets,
                  GArray    *positions)
{
  gint64 *keys = (gint64 *) (gpointer) positions->data;

  for (guint i = 1; i < targets->len; i++)
    {
      gint64 key = keys[i];
      gpointer target = targets->pdata[i];
      guint j = i;

      for (; j > 0 && keys[j - 1] > key; j--)
        {
          keys[j] = keys[j - 1];
          targets->pdata[j] = targets->pdata[j - 1];
        }
      keys[j] = key;
      targets->pdata[j] = target;
    }
}

/* Runs in either of the two threads that read links (see load_all_links):
 * it only reads the store's tables of records, which are complete by
 * then, and writes the lists of its own link table. */
static gboolean
load_links (PlStore     *self,
            sqlite3     *db,
            guint        link,
            GError     **error)
{
  PlItemKind owner = links[link].owner;
  PlItemKind target = links[link].target;
  PlRecordClass *klass = g_type_class_ref (record_type_for_kind (owner));
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  const PlField *field = NULL;
  PlRecord *current = NULL;
  PlRecord *last_target = NULL;
  gboolean ok = FALSE;
  int rc;

  for (guint f = 0; f < klass->n_fields; f++)
    if (strcmp (klass->fields[f].name, links[link].field) == 0)
      field = &klass->fields[f];
  g_assert (field != NULL && field->type == PL_FIELD_LIST);

  /* Rows arrive grouped by owner, so each owner's list is built once;
   * the table's key keeps them in that order, and the few rows of one
   * owner are put in their order here (an ORDER BY on the position too
   * would have SQLite sort every row of the table). */
  sql = g_strdup_printf ("SELECT %s, %s, position FROM %s ORDER BY %s",
                         links[link].owner_column, links[link].target_column,
                         links[link].table, links[link].owner_column);
  stmt = pl_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    goto out;

  while (TRUE)
    {
      PlRecord *owner_record = NULL;
      PlRecord *target_record = NULL;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *owner_id = pl_sqlite_column_text (stmt, 0);
          const char *target_id = pl_sqlite_column_text (stmt, 1);

          /* An owner's rows come together: most rows name the owner of
           * the row before, and a comparison is cheaper than a lookup in a
           * table of a million. Targets are few and often repeat too. */
          owner_record = current != NULL && strcmp (current->id, owner_id) == 0
                         ? current : g_hash_table_lookup (self->by_id[owner], owner_id);
          target_record = last_target != NULL && strcmp (last_target->id, target_id) == 0
                          ? last_target : g_hash_table_lookup (self->by_id[target], target_id);
          last_target = target_record;
          if (owner_record == NULL || target_record == NULL)
            {
              g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                           _("The dataset is damaged: “%s” links to an item that does not exist"),
                           links[link].table);
              goto out;
            }
        }

      if (owner_record != current && current != NULL)
        {
          PlRecordList *list = G_STRUCT_MEMBER_P (current, field->offset);

          if (list->n_items > 0)
            {
              g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                           _("The dataset is damaged: “%s” is out of order"), links[link].table);
              goto out;
            }
          sort_by_position (pending, positions);
          pl_record_list_init_pooled (list, (PlRecord **) pending->pdata, pending->len, self->pool);
          g_ptr_array_set_size (pending, 0);
          g_array_set_size (positions, 0);
        }

      if (rc != SQLITE_ROW)
        break;

      current = owner_record;
      g_ptr_array_add (pending, target_record);
      {
        gint64 position = sqlite3_column_int64 (stmt, 2);
        g_array_append_val (positions, position);
      }
    }

  ok = check_rc (db, rc, error);

out:
  g_type_class_unref (klass);
  return ok;
}

/* Big-endian fields of the 100-byte header SQLite writes at the start of
 * every database file ("Database File Format" in its documentation). */
#define HEADER_SIZE 100

static guint32
header_uint (const guint8 *header,
             guint         offset,
             guint         n_bytes)
{
  guint32 value = 0;

  for (guint i = 0; i < n_bytes; i++)
    value = (value << 8) | header[offset + i];
  return value;
}

static void
set_file_error (GError **error,
                int      saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s is the system's reason, e.g. “Permission denied” */
               _("The file could not be read: %s"), g_strerror (saved_errno));
}

/* Looks at the file before SQLite does, so that the common ways a file is
 * not a dataset get a message of their own, and says how SQLite is to open
 * it (see open_connection). */
static gboolean
check_file (const char  *path,
            char       **uri,
            GError     **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *wal_path = NULL;
  guint8 header[HEADER_SIZE];
  GStatBuf file_stat;
  GStatBuf wal_stat;
  gsize n_read = 0;
  guint32 page_size;
  guint32 n_pages;
  gboolean immutable = FALSE;
  int fd;

  if (g_stat (path, &file_stat) != 0)
    {
      set_file_error (error, errno);
      return FALSE;
    }
  if (S_ISDIR (file_stat.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("This is a folder, not a dataset file"));
      return FALSE;
    }
  if (!S_ISREG (file_stat.st_mode))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   _("This is not a regular file, so it is not a dataset"));
      return FALSE;
    }
  if (file_stat.st_size == 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   _("The file is empty, so it is not a dataset"));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_file_error (error, errno);
      return FALSE;
    }
  while (n_read < sizeof header)
    {
      gssize n = read (fd, header + n_read, sizeof header - n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_close (fd, NULL);
          set_file_error (error, saved);
          return FALSE;
        }
      if (n == 0)
        break;
      n_read += (gsize) n;
    }
  g_close (fd, NULL);

  if (n_read < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   _("The file is not an SQLite database"));
      return FALSE;
    }

  page_size = header_uint (header, 16, 2);
  if (page_size == 1)
    page_size = 65536;
  if (n_read < HEADER_SIZE || page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                   _("The file is damaged: its SQLite header is incomplete or invalid"));
      return FALSE;
    }

  /* The page count is valid when the change counter and the
   * "version-valid-for" number agree; old writers leave them apart. */
  n_pages = header_uint (header, 28, 4);
  if (n_pages > 0 && header_uint (header, 24, 4) == header_uint (header, 92, 4) &&
      (guint64) file_stat.st_size < (guint64) n_pages * page_size)
    {
      g_autofree char *size = g_format_size ((guint64) file_stat.st_size);
      g_autofree char *expected = g_format_size ((guint64) n_pages * page_size);

      if (g_str_equal (size, expected))
        {
          g_free (size);
          g_free (expected);
          size = g_format_size_full ((guint64) file_stat.st_size, G_FORMAT_SIZE_LONG_FORMAT);
          expected = g_format_size_full ((guint64) n_pages * page_size, G_FORMAT_SIZE_LONG_FORMAT);
        }
      g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                   /* Translators: both are sizes, e.g. “1.2 MB” */
                   _("The file is truncated: it is %s long, but its header says %s"),
                   size, expected);
      return FALSE;
    }

  /* A file in WAL mode is read by SQLite together with its "-wal" file,
   * which it creates, with a "-shm", even for reading. Without a "-wal" of
   * its own the file holds all its data: it is read as it is, and nothing
   * is created next to it. */
  wal_path = g_strconcat (path, "-wal", NULL);
  if ((header[18] == 2 || header[19] == 2) &&
      (g_stat (wal_path, &wal_stat) != 0 || wal_stat.st_size == 0))
    immutable = TRUE;

  absolute = g_canonicalize_filename (path, NULL);
  *uri = g_filename_to_uri (absolute, NULL, error);
  if (*uri == NULL)
    return FALSE;
  if (immutable)
    {
      char *with_query = g_strconcat (*uri, "?immutable=1", NULL);

      g_free (*uri);
      *uri = with_query;
    }

  return TRUE;
}

/* A dataset may come from anyone: no schema-defined functions, views or
 * triggers are trusted, and the file cannot be altered through us. */
static int
open_connection (const char  *uri,
                 sqlite3    **db)
{
  int rc = sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);

  if (*db != NULL)
    {
      sqlite3_db_config (*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    }

  return rc;
}

static gboolean
open_database (PlStore     *self,
               const char  *uri,
               GError     **error)
{
  int rc = open_connection (uri, &self->db);

  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, self->db, rc, _("opening the dataset"));
      return FALSE;
    }

  return pl_schema_check (self->db, &self->schema_version, error);
}

/* PRAGMA quick_check reads every page of the file once: at a million
 * events it takes about a third as long as loading, so it runs on a
 * connection of its own in a thread of its own while the load goes on. */
typedef struct
{
  sqlite3  *db;
  GThread  *thread;
  gint      stop;         /* atomic: the answer is no longer wanted */
  char     *problem;      /* the first damage found, or NULL */
  GError   *error;        /* when the check could not run */
} QuickCheck;

static gpointer
quick_check_run (gpointer user_data)
{
  QuickCheck *check = user_data;

  if (!g_atomic_int_get (&check->stop))
    pl_sqlite_quick_check (check->db, &check->problem, &check->error);
  return NULL;
}

static gboolean
quick_check_open (QuickCheck  *check,
                  const char  *uri,
                  GError     **error)
{
  int rc = open_connection (uri, &check->db);

  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, check->db, rc, _("opening the dataset"));
      g_clear_pointer (&check->db, sqlite3_close);
      return FALSE;
    }

  /* The check reads each page once: a small cache is enough, and memory
   * its thread's allocator kept would stay in the process's footprint. */
  sqlite3_exec (check->db, "PRAGMA cache_size = -256", NULL, NULL, NULL);

  return TRUE;
}

/* Without threads, or a thread, the check runs when it is waited for. */
static void
quick_check_start (QuickCheck *check)
{
  if (sqlite3_threadsafe () != 0)
    check->thread = g_thread_try_new ("pl-store-check", quick_check_run, check, NULL);
}

/* Waits for the check; with @stop, after asking it to end early, or
 * not running it at all when it has not started. */
static void
quick_check_wait (QuickCheck *check,
                  gboolean    stop)
{
  if (stop)
    {
      g_atomic_int_set (&check->stop, TRUE);
      sqlite3_interrupt (check->db);
    }

  if (check->thread != NULL)
    g_thread_join (g_steal_pointer (&check->thread));
  else
    quick_check_run (check);

  g_clear_pointer (&check->db, sqlite3_close);
}

static void
quick_check_clear (QuickCheck *check)
{
  g_free (check->problem);
  g_clear_error (&check->error);
}

/* The link tables, the larger half of the reading at scale, are read by
 * two threads at once: this one and a helper with a connection of its
 * own, each taking the next table not yet taken, biggest first as they
 * are listed. They only read the records, which are all loaded by then,
 * and fill different lists. Errors are kept per table and the first in
 * the list's order is the one reported, whichever thread met it. */
typedef struct
{
  PlStore       *self;
  GCancellable  *cancellable;
  sqlite3       *helper_db;
  guint          jobs[G_N_ELEMENTS (links)];
  guint          n_jobs;
  gint           next;        /* atomic: the next job to take */
  GError        *errors[G_N_ELEMENTS (links)];
} LinkLoad;

static void
link_load_work (LinkLoad *load,
                sqlite3  *db)
{
  while (TRUE)
    {
      guint j = (guint) g_atomic_int_add (&load->next, 1);

      if (j >= load->n_jobs)
        return;
      if (g_cancellable_set_error_if_cancelled (load->cancellable, &load->errors[j]) ||
          !load_links (load->self, db, load->jobs[j], &load->errors[j]))
        {
          /* Nothing after a failure is wanted. */
          g_atomic_int_set (&load->next, (gint) load->n_jobs);
          return;
        }
    }
}

static gpointer
link_load_helper (gpointer user_data)
{
  LinkLoad *load = user_data;

  link_load_work (load, load->helper_db);
  return NULL;
}

static gboolean
load_all_links (PlStore       *self,
                GCancellable  *cancellable,
                GError       **error)
{
  LinkLoad load = { .self = self, .cancellable = cancellable };
  GThread *helper = NULL;
  gboolean ok = TRUE;

  for (guint l = 0; l < G_N_ELEMENTS (links); l++)
    if (links[l].since <= self->schema_version)
      load.jobs[load.n_jobs++] = l;

  /* Without a second connection or thread the one thread does it all. */
  if (sqlite3_threadsafe () != 0 && open_connection (self->uri, &load.helper_db) == SQLITE_OK)
    {
      /* Its rows are read once, in order: a small cache is enough, and
       * memory its thread's allocator kept would stay in the footprint. */
      sqlite3_exec (load.helper_db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
      helper = g_thread_try_new ("pl-store-links", link_load_helper, &load, NULL);
    }

  link_load_work (&load, self->db);
  if (helper != NULL)
    g_thread_join (helper);
  g_clear_pointer (&load.helper_db, sqlite3_close);

  for (guint j = 0; j < load.n_jobs; j++)
    if (load.errors[j] != NULL)
      {
        if (ok)
          g_propagate_error (error, g_steal_pointer (&load.errors[j]));
        else
          g_clear_error (&load.errors[j]);
        ok = FALSE;
      }

  return ok;
}

static gboolean
load (PlStore       *self,
      GCancellable  *cancellable,
      GError       **error)
{
  if (!load_metadata (self, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      if (tables[t].since > self->schema_version)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !load_table (self, t, error))
        return FALSE;
    }

  return load_all_links (self, cancellable, error);
}

PlStore *
pl_store_open (const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PlStore) self = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autofree char *uri = NULL;
  QuickCheck check = { 0 };
  PlReadAhead *read_ahead = NULL;
  gboolean loaded;
  gboolean stop;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PL_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!check_file (path, &uri, error) ||
      !quick_check_open (&check, uri, error))
    return NULL;

  /* The check starts once the file is known to be a dataset of ours. */
  self->uri = g_strdup (uri);
  loaded = open_database (self, self->uri, &load_error);
  if (loaded)
    {
      read_ahead = pl_read_ahead_start (path);
      quick_check_start (&check);
      loaded = load (self, cancellable, &load_error);
    }

  /* When SQLite finds damage while opening or loading, the check says
   * more about it; any other failure makes the check pointless. */
  stop = !loaded && !g_error_matches (load_error, PL_ERROR, PL_ERROR_CORRUPT);
  quick_check_wait (&check, stop);
  pl_read_ahead_finish (read_ahead, TRUE);

  if (check.problem != NULL && !stop)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_CORRUPT,
                   /* Translators: %s is SQLite's own description of the damage, in English */
                   _("The file is damaged: SQLite’s check reports “%s”"), check.problem);
      quick_check_clear (&check);
      return NULL;
    }
  if (!loaded)
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      quick_check_clear (&check);
      return NULL;
    }
  if (check.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&check.error));
      quick_check_clear (&check);
      return NULL;
    }

  quick_check_clear (&check);
  return g_steal_pointer (&self);
}

const char *
pl_store_get_path (PlStore *self)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  return self->path;
}

const char *
pl_store_get_metadata (PlStore    *self,
                       const char *key)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  return g_hash_table_lookup (self->metadata, key);
}

const char *
pl_store_get_dataset_id (PlStore *self)
{
  return pl_store_get_metadata (self, "id");
}

const char *
pl_store_get_title (PlStore *self)
{
  const char *title = pl_store_get_metadata (self, "title");

  return title != NULL ? title : "";
}

GListModel *
pl_store_get_items (PlStore    *self,
                    PlItemKind  kind)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);

  return self->items[kind];
}

PlRecord *
pl_store_lookup (PlStore    *self,
                 PlItemKind  kind,
                 const char *id)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id[kind], id) : NULL;
}

PlComparison *
pl_store_lookup_comparison (PlStore    *self,
                            const char *clause_type_id,
                            const char *treaty_id)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  if (clause_type_id == NULL || treaty_id == NULL)
    return NULL;

  id = g_strconcat (clause_type_id, "/", treaty_id, NULL);
  return g_hash_table_lookup (self->by_id[PL_ITEM_KIND_COMPARISON], id);
}

/* Runs @sql with @id bound and returns the records of @kind whose ids the
 * rows name, in the query's order. Not on any hot path, but still one
 * indexed query and no per-row round trips. */
static GListModel *
list_by_query (PlStore    *self,
               PlItemKind  kind,
               const char *sql,
               const char *id)
{
  GListStore *result = g_list_store_new (record_type_for_kind (kind));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  int rc;

  stmt = pl_sqlite_prepare (self->db, sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return G_LIST_MODEL (result);
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlRecord *record = g_hash_table_lookup (self->by_id[kind], pl_sqlite_column_text (stmt, 0));

      if (record != NULL)
        g_ptr_array_add (found, record);
    }
  if (rc != SQLITE_DONE)
    g_warning ("Reading %s failed: %s", sql, sqlite3_errmsg (self->db));

  g_list_store_splice (result, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (result);
}

#define EVENT_ORDER " ORDER BY e.start_day, length(e.start), e.end_day, e.id"

GListModel *
pl_store_list_events_for_actor (PlStore *self,
                                PlActor *actor)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_ACTOR (actor), NULL);

  return list_by_query (self, PL_ITEM_KIND_EVENT,
                        "SELECT e.id FROM event_actor l JOIN event e ON e.id = l.event_id"
                        " WHERE l.actor_id = ?1" EVENT_ORDER,
                        PL_RECORD (actor)->id);
}

GListModel *
pl_store_list_events_for_theme (PlStore *self,
                                PlTheme *theme)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_THEME (theme), NULL);

  return list_by_query (self, PL_ITEM_KIND_EVENT,
                        "SELECT e.id FROM event_theme l JOIN event e ON e.id = l.event_id"
                        " WHERE l.theme_id = ?1" EVENT_ORDER,
                        PL_RECORD (theme)->id);
}

GListModel *
pl_store_list_events_for_source (PlStore  *self,
                                 PlSource *source)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_SOURCE (source), NULL);

  return list_by_query (self, PL_ITEM_KIND_EVENT,
                        "SELECT e.id FROM event_source l JOIN event e ON e.id = l.event_id"
                        " WHERE l.source_id = ?1" EVENT_ORDER,
                        PL_RECORD (source)->id);
}

GListModel *
pl_store_list_quotes_for_event (PlStore *self,
                                PlEvent *event)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_EVENT (event), NULL);

  return list_by_query (self, PL_ITEM_KIND_QUOTE,
                        "SELECT q.id FROM quote_event l JOIN quote q ON q.id = l.quote_id"
                        " WHERE l.event_id = ?1 ORDER BY q.rowid",
                        PL_RECORD (event)->id);
}

GListModel *
pl_store_list_quotes_for_provision (PlStore     *self,
                                    PlProvision *provision)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_PROVISION (provision), NULL);

  return list_by_query (self, PL_ITEM_KIND_QUOTE,
                        "SELECT q.id FROM quote_provision l JOIN quote q ON q.id = l.quote_id"
                        " WHERE l.provision_id = ?1 ORDER BY q.rowid",
                        PL_RECORD (provision)->id);
}

GListModel *
pl_store_list_quotes_by_speaker (PlStore *self,
                                 PlActor *actor)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_ACTOR (actor), NULL);

  return list_by_query (self, PL_ITEM_KIND_QUOTE,
                        "SELECT id FROM quote WHERE speaker_id = ?1 ORDER BY rowid",
                        PL_RECORD (actor)->id);
}

GListModel *
pl_store_list_provisions_for_treaty (PlStore  *self,
                                     PlTreaty *treaty)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_TREATY (treaty), NULL);

  return list_by_query (self, PL_ITEM_KIND_PROVISION,
                        "SELECT id FROM provision WHERE treaty_id = ?1 ORDER BY rowid",
                        PL_RECORD (treaty)->id);
}

GListModel *
pl_store_list_treaties_for_actor (PlStore *self,
                                  PlActor *actor)
{
  g_return_val_if_fail (PL_IS_STORE (self) && PL_IS_ACTOR (actor), NULL);

  return list_by_query (self, PL_ITEM_KIND_TREATY,
                        "SELECT t.id FROM treaty_party l JOIN treaty t ON t.id = l.treaty_id"
                        " WHERE l.actor_id = ?1 ORDER BY t.rowid",
                        PL_RECORD (actor)->id);
}

GListModel *
pl_store_search (PlStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  GListStore *result;
  g_autofree char *query = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  result = g_list_store_new (PL_TYPE_RECORD);
  query = pl_search_build_query (text);
  if (query == NULL)
    return G_LIST_MODEL (result);

  /* A word in a title or name counts ten times a word in a summary. */
  stmt = pl_sqlite_prepare (self->db,
                            "SELECT kind, item_id FROM search WHERE search MATCH ?1"
                            " ORDER BY bm25 (search, 0.0, 0.0, 10.0, 1.0) LIMIT ?2", error);
  if (stmt == NULL)
    {
      g_object_unref (result);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (sqlite3_int64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind;
      PlRecord *record;

      if (!pl_enum_from_nick (PL_TYPE_ITEM_KIND, pl_sqlite_column_text (stmt, 0), &kind))
        continue;
      record = pl_store_lookup (self, kind, pl_sqlite_column_text (stmt, 1));
      if (record != NULL)
        g_list_store_append (result, record);
    }

  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, self->db, rc, _("searching"));
      g_object_unref (result);
      return NULL;
    }

  return G_LIST_MODEL (result);
}

/* Where each event rowid's event stands in the event list, so a search's
 * events are numbered without reading the events themselves. */
static const guint32 *
positions_by_event_rowid (PlStore *self)
{
  GPtrArray *by_rowid = self->by_rowid[PL_ITEM_KIND_EVENT];

  /* Searches may run in another thread: the table is made once. */
  if (g_once_init_enter (&self->event_positions))
    {
      guint32 *positions = g_new0 (guint32, MAX (by_rowid->len, 1));

      for (guint rowid = 0; rowid < by_rowid->len; rowid++)
        if (by_rowid->pdata[rowid] != NULL)
          positions[rowid] = PL_RECORD (by_rowid->pdata[rowid])->index + 1;
      g_once_init_leave (&self->event_positions, positions);
    }

  return self->event_positions;
}

/* Only the store's tables of records are read, which do not change once
 * it is open: any thread may search, each on a connection of its own. */
static gboolean
match_positions (PlStore     *self,
                 sqlite3     *db,
                 const char  *text,
                 GArray      *event_positions,
                 GPtrArray   *others,
                 GError     **error)
{
  g_autofree char *query = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GEnumClass *kinds;
  int rc;

  query = pl_search_build_query (text);
  if (query == NULL)
    return TRUE;

  /* From version 4 the rowids name the items: nothing else is read. */
  if (self->schema_version >= 4)
    {
      const guint32 *positions = positions_by_event_rowid (self);
      guint n_event_rowids = self->by_rowid[PL_ITEM_KIND_EVENT]->len;

      stmt = pl_sqlite_prepare (db, "SELECT rowid FROM search WHERE search MATCH ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);
          gint64 kind = rowid >> PL_SEARCH_ROWID_BITS;
          gint64 item = rowid & ((G_GINT64_CONSTANT (1) << PL_SEARCH_ROWID_BITS) - 1);

          if (kind == PL_ITEM_KIND_EVENT)
            {
              if (item < n_event_rowids && positions[item] > 0)
                {
                  guint32 position = positions[item] - 1;
                  g_array_append_val (event_positions, position);
                }
            }
          else if (kind >= 0 && kind < N_KINDS && item < self->by_rowid[kind]->len &&
                   self->by_rowid[kind]->pdata[item] != NULL)
            g_ptr_array_add (others, self->by_rowid[kind]->pdata[item]);
        }
      if (rc != SQLITE_DONE)
        {
          pl_sqlite_set_error (error, db, rc, _("searching"));
          return FALSE;
        }
      return TRUE;
    }

  stmt = pl_sqlite_prepare (db, "SELECT kind, item_id FROM search WHERE search MATCH ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);

  kinds = g_type_class_ref (PL_TYPE_ITEM_KIND);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GEnumValue *kind = g_enum_get_value_by_nick (kinds, pl_sqlite_column_text (stmt, 0));
      PlRecord *record;

      if (kind == NULL || kind->value >= N_KINDS)
        continue;
      record = g_hash_table_lookup (self->by_id[kind->value], pl_sqlite_column_text (stmt, 1));
      if (record == NULL)
        continue;
      if (kind->value == PL_ITEM_KIND_EVENT)
        g_array_append_val (event_positions, record->index);
      else
        g_ptr_array_add (others, record);
    }
  g_type_class_unref (kinds);

  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("searching"));
      return FALSE;
    }

  return TRUE;
}

gboolean
pl_store_match_positions (PlStore     *self,
                          const char  *text,
                          GArray      *event_positions,
                          GPtrArray   *others,
                          GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (event_positions != NULL && g_array_get_element_size (event_positions) == sizeof (guint32), FALSE);
  g_return_val_if_fail (others != NULL, FALSE);

  return match_positions (self, self->db, text, event_positions, others, error);
}

/* SQLite calls this every few thousand steps of a search: a non-zero
 * answer interrupts it. */
static int
search_progress (gpointer user_data)
{
  PlStore *self = user_data;

  if (self->progress_hook != NULL)
    self->progress_hook (self->progress_hook_data);
  return g_cancellable_is_cancelled (self->searching);
}

void
pl_store_set_search_progress_hook (PlStore     *self,
                                   GSourceFunc  hook,
                                   gpointer     data)
{
  g_return_if_fail (PL_IS_STORE (self));

  g_mutex_lock (&self->search_lock);
  self->progress_hook = hook;
  self->progress_hook_data = data;
  g_mutex_unlock (&self->search_lock);
}

gboolean
pl_store_match_positions_in_thread (PlStore       *self,
                                    const char    *text,
                                    GArray        *event_positions,
                                    GPtrArray     *others,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (event_positions != NULL && g_array_get_element_size (event_positions) == sizeof (guint32), FALSE);
  g_return_val_if_fail (others != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  locker = g_mutex_locker_new (&self->search_lock);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->search_db == NULL)
    {
      int rc = open_connection (self->uri, &self->search_db);

      if (rc != SQLITE_OK)
        {
          pl_sqlite_set_error (error, self->search_db, rc, _("searching"));
          g_clear_pointer (&self->search_db, sqlite3_close);
          return FALSE;
        }
      /* A search reads a few index pages; no large cache is needed. */
      sqlite3_exec (self->search_db, "PRAGMA cache_size = -512", NULL, NULL, NULL);
    }

  /* SQLite asks every few thousand steps whether to go on. */
  self->searching = cancellable;
  if (cancellable != NULL)
    sqlite3_progress_handler (self->search_db, 4096, search_progress, self);
  ok = match_positions (self, self->search_db, text, event_positions, others, error);
  sqlite3_progress_handler (self->search_db, 0, NULL, NULL);
  self->searching = NULL;

  /* An interrupted search says so as a cancellation, not as a failure. */
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  return ok;
}

GPtrArray *
pl_store_match (PlStore     *self,
                const char  *text,
                GError     **error)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  PlRecordArray *events;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  if (!pl_store_match_positions (self, text, positions, found, error))
    return NULL;

  events = PL_RECORD_ARRAY (self->items[PL_ITEM_KIND_EVENT]);
  for (guint i = 0; i < positions->len; i++)
    g_ptr_array_add (found, events->records->pdata[g_array_index (positions, guint32, i)]);

  return g_steal_pointer (&found);
}

PlEvent * const *
pl_store_peek_events (PlStore      *self,
                      const float **first_days,
                      const float **end_days,
                      guint        *n_events)
{
  GPtrArray *records;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  records = PL_RECORD_ARRAY (self->items[PL_ITEM_KIND_EVENT])->records;
  if (first_days != NULL)
    *first_days = self->event_first;
  if (end_days != NULL)
    *end_days = self->event_end;
  if (n_events != NULL)
    *n_events = records->len;
  return (PlEvent * const *) records->pdata;
}

PlRecord * const *
pl_store_peek_records (PlStore    *self,
                       PlItemKind  kind,
                       guint      *n_records)
{
  GPtrArray *records;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);

  records = PL_RECORD_ARRAY (self->items[kind])->records;
  if (n_records != NULL)
    *n_records = records->len;
  return (PlRecord * const *) records->pdata;
}

static guint32 *
rc_array (gsize n)
{
  return g_atomic_rc_box_alloc0 (sizeof (guint32) * MAX (n, 1));
}

void
pl_store_peek_event_links (PlStore         *self,
                           PlItemKind       kind,
                           const guint32  **offsets,
                           const guint32  **linked)
{
  EventLinks **slot;
  gsize list_offset;

  g_return_if_fail (PL_IS_STORE (self));

  switch (kind)
    {
    case PL_ITEM_KIND_ACTOR:
      slot = &self->event_links[0];
      list_offset = G_STRUCT_OFFSET (PlEvent, actors);
      break;
    case PL_ITEM_KIND_THEME:
      slot = &self->event_links[1];
      list_offset = G_STRUCT_OFFSET (PlEvent, themes);
      break;
    case PL_ITEM_KIND_SOURCE:
      slot = &self->event_links[2];
      list_offset = G_STRUCT_OFFSET (PlEvent, sources);
      break;
    case PL_ITEM_KIND_EVENT:
    case PL_ITEM_KIND_QUOTE:
    case PL_ITEM_KIND_PROVISION:
    case PL_ITEM_KIND_TREATY:
    case PL_ITEM_KIND_ERA:
    default:
      g_return_if_reached ();
    }

  /* Views in the main thread and a filter being made in another may ask
   * at once: the arrays are made once. */
  if (g_once_init_enter (slot))
    {
      GPtrArray *events = PL_RECORD_ARRAY (self->items[PL_ITEM_KIND_EVENT])->records;
      EventLinks *made = g_new0 (EventLinks, 1);
      guint32 n_links = 0;

      made->offsets = rc_array (events->len + 1);
      for (guint i = 0; i < events->len; i++)
        {
          const PlRecordList *list = G_STRUCT_MEMBER_P (events->pdata[i], list_offset);

          made->offsets[i] = n_links;
          n_links += list->n_items;
        }
      made->offsets[events->len] = n_links;
      made->links = rc_array (n_links);
      for (guint i = 0; i < events->len; i++)
        {
          const PlRecordList *list = G_STRUCT_MEMBER_P (events->pdata[i], list_offset);

          for (guint l = 0; l < list->n_items; l++)
            made->links[made->offsets[i] + l] = list->items[l]->index;
        }
      g_once_init_leave (slot, made);
    }

  *offsets = (*slot)->offsets;
  *linked = (*slot)->links;
}
