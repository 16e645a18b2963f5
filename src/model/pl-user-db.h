/* pl-user-db.h — the user's own database of annotations, apart from datasets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-enums.h"

G_BEGIN_DECLS

#define PL_USER_DB_VERSION 1

/* What the user wrote about one item of one dataset. */
typedef struct
{
  char       *dataset_id;
  PlItemKind  item_kind;
  char       *item_id;
  char       *note;         /* never NULL */
  gboolean    starred;
  char       *highlight;    /* a named colour, or NULL */
  GStrv       tags;         /* sorted, never NULL */
  GDateTime  *created;      /* UTC */
  GDateTime  *modified;     /* UTC */
} PlAnnotation;

PlAnnotation *pl_annotation_new  (const char   *dataset_id,
                                  PlItemKind    item_kind,
                                  const char   *item_id);
void          pl_annotation_free (PlAnnotation *annotation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotation, pl_annotation_free)

#define PL_TYPE_USER_DB (pl_user_db_get_type ())
G_DECLARE_FINAL_TYPE (PlUserDb, pl_user_db, PL, USER_DB, GObject)

char         *pl_user_db_default_path (void);
PlUserDb     *pl_user_db_open         (const char    *path,
                                       GError       **error);
const char   *pl_user_db_get_path     (PlUserDb      *self);

/* Each call is one transaction, durable when it returns TRUE. */
gboolean      pl_user_db_save         (PlUserDb      *self,
                                       PlAnnotation  *annotation,
                                       GError       **error);
gboolean      pl_user_db_delete       (PlUserDb      *self,
                                       const char    *dataset_id,
                                       PlItemKind     item_kind,
                                       const char    *item_id,
                                       GError       **error);
PlAnnotation *pl_user_db_load         (PlUserDb      *self,
                                       const char    *dataset_id,
                                       PlItemKind     item_kind,
                                       const char    *item_id,
                                       GError       **error);
GPtrArray    *pl_user_db_list         (PlUserDb      *self,
                                       const char    *dataset_id,
                                       GError       **error);

G_END_DECLS
