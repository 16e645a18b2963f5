/* pl-notebook.c — the reader's annotations of one dataset, kept at hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-error.h"
#include "pl-notebook.h"

struct _PlNotebook
{
  GObject     parent_instance;

  PlUserDb   *db;
  char       *dataset_id;
  GPtrArray  *annotations;   /* PlAnnotation, oldest change first */
  GHashTable *index;         /* "kind\x1fid" → PlAnnotation in annotations */
  GStrv       tags;
};

G_DEFINE_FINAL_TYPE (PlNotebook, pl_notebook, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Ids are UTF-8 text from a dataset; the unit separator cannot be in one
 * that passed validation, and a key is only ever compared whole. */
static char *
make_key (PlItemKind  kind,
          const char *item_id)
{
  return g_strdup_printf ("%d\x1f%s", (int) kind, item_id);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
rebuild_index (PlNotebook *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  g_hash_table_remove_all (self->index);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      PlAnnotation *annotation = self->annotations->pdata[i];

      g_hash_table_replace (self->index, make_key (annotation->item_kind, annotation->item_id), annotation);
      for (guint t = 0; annotation->tags[t] != NULL; t++)
        if (g_hash_table_add (seen, annotation->tags[t]))
          g_ptr_array_add (tags, annotation->tags[t]);
    }

  g_ptr_array_sort (tags, compare_tags);
  g_strfreev (self->tags);
  self->tags = g_new0 (char *, tags->len + 1);
  for (guint i = 0; i < tags->len; i++)
    self->tags[i] = g_strdup (tags->pdata[i]);
}

static void
changed (PlNotebook *self)
{
  rebuild_index (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static guint
find (PlNotebook *self,
      PlItemKind  kind,
      const char *item_id)
{
  for (guint i = 0; i < self->annotations->len; i++)
    {
      PlAnnotation *annotation = self->annotations->pdata[i];

      if (annotation->item_kind == kind && g_str_equal (annotation->item_id, item_id))
        return i;
    }
  return G_MAXUINT;
}

/* Puts what is now on disk for one item in place of what was held. */
static void
replace (PlNotebook         *self,
         PlItemKind          kind,
         const char         *item_id,
         const PlAnnotation *annotation)
{
  guint position = find (self, kind, item_id);

  if (position != G_MAXUINT)
    g_ptr_array_remove_index (self->annotations, position);
  if (annotation != NULL && !pl_annotation_is_empty (annotation))
    {
      guint at = self->annotations->len;

      /* Kept in the order of their last change, as the database lists
       * them; a restored annotation goes back where its time puts it. */
      while (at > 0 && g_date_time_compare (((PlAnnotation *) self->annotations->pdata[at - 1])->modified,
                                            annotation->modified) > 0)
        at--;
      g_ptr_array_insert (self->annotations, (int) at, pl_annotation_copy (annotation));
    }
  changed (self);
}

static gboolean
check_usable (PlNotebook  *self,
              const char  *dataset_id,
              GError     **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_FAILED, _("Notes are off: the notes file could not be opened"));
      return FALSE;
    }
  if (dataset_id != NULL && g_strcmp0 (dataset_id, self->dataset_id) != 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_FAILED, _("This note belongs to another dataset (%s)"), dataset_id);
      return FALSE;
    }
  return TRUE;
}

static void
pl_notebook_finalize (GObject *object)
{
  PlNotebook *self = PL_NOTEBOOK (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->dataset_id, g_free);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (pl_notebook_parent_class)->finalize (object);
}

static void
pl_notebook_class_init (PlNotebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_notebook_finalize;

  /**
   * PlNotebook::changed:
   *
   * Something was saved, deleted, restored or reloaded.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pl_notebook_init (PlNotebook *self)
{
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tags = g_new0 (char *, 1);
}

/**
 * pl_notebook_new:
 *
 * Returns: (transfer full): a notebook holding @dataset_id's annotations
 * as they are in @db now. A database that cannot be read leaves it empty,
 * with a warning; pl_notebook_reload() says why.
 */
PlNotebook *
pl_notebook_new (PlUserDb   *db,
                 const char *dataset_id)
{
  PlNotebook *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (db == NULL || PL_IS_USER_DB (db), NULL);
  g_return_val_if_fail (dataset_id != NULL, NULL);

  self = g_object_new (PL_TYPE_NOTEBOOK, NULL);
  self->db = db != NULL ? g_object_ref (db) : NULL;
  self->dataset_id = g_strdup (dataset_id);
  if (db != NULL && !pl_notebook_reload (self, &error))
    g_warning ("Could not read the notes: %s", error->message);

  return self;
}

PlUserDb *
pl_notebook_get_db (PlNotebook *self)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), NULL);

  return self->db;
}

const char *
pl_notebook_get_dataset_id (PlNotebook *self)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), NULL);

  return self->dataset_id;
}

gboolean
pl_notebook_reload (PlNotebook  *self,
                    GError     **error)
{
  GPtrArray *annotations;

  g_return_val_if_fail (PL_IS_NOTEBOOK (self), FALSE);

  if (!check_usable (self, NULL, error))
    return FALSE;

  annotations = pl_user_db_list (self->db, self->dataset_id, error);
  if (annotations == NULL)
    return FALSE;

  g_ptr_array_unref (self->annotations);
  self->annotations = annotations;
  changed (self);
  return TRUE;
}

const PlAnnotation *
pl_notebook_lookup (PlNotebook *self,
                    PlItemKind  kind,
                    const char *item_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PL_IS_NOTEBOOK (self), NULL);

  if (item_id == NULL || g_hash_table_size (self->index) == 0)
    return NULL;
  key = make_key (kind, item_id);
  return g_hash_table_lookup (self->index, key);
}

GPtrArray *
pl_notebook_get_annotations (PlNotebook *self)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), NULL);

  return self->annotations;
}

const char * const *
pl_notebook_get_tags (PlNotebook *self)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), NULL);

  return (const char * const *) self->tags;
}

gboolean
pl_notebook_save (PlNotebook    *self,
                  PlAnnotation  *annotation,
                  GError       **error)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), FALSE);
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (!check_usable (self, annotation->dataset_id, error) ||
      !pl_user_db_save (self->db, annotation, error))
    return FALSE;

  replace (self, annotation->item_kind, annotation->item_id, annotation);
  return TRUE;
}

gboolean
pl_notebook_restore (PlNotebook          *self,
                     const PlAnnotation  *annotation,
                     GError             **error)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), FALSE);
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (!check_usable (self, annotation->dataset_id, error) ||
      !pl_user_db_restore (self->db, annotation, error))
    return FALSE;

  replace (self, annotation->item_kind, annotation->item_id, annotation);
  return TRUE;
}

gboolean
pl_notebook_delete (PlNotebook  *self,
                    PlItemKind   kind,
                    const char  *item_id,
                    GError     **error)
{
  g_return_val_if_fail (PL_IS_NOTEBOOK (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!check_usable (self, NULL, error) ||
      !pl_user_db_delete (self->db, self->dataset_id, kind, item_id, error))
    return FALSE;

  replace (self, kind, item_id, NULL);
  return TRUE;
}
