/* pl-notebook.h — the reader's annotations of one dataset, kept at hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user database holds every dataset's annotations; a notebook holds one
 * dataset's in memory, so the views can ask "is this quote starred?" for
 * every row they draw without a query, and everything that shows marks or
 * filters by them follows one "changed" signal. Every change goes through
 * the notebook: it writes to the database first (one transaction each, as
 * PlUserDb does) and only then updates what it holds and emits "changed".
 */
#pragma once

#include <gio/gio.h>

#include "pl-enums.h"
#include "pl-user-db.h"

G_BEGIN_DECLS

#define PL_TYPE_NOTEBOOK (pl_notebook_get_type ())
G_DECLARE_FINAL_TYPE (PlNotebook, pl_notebook, PL, NOTEBOOK, GObject)

/* @db may be NULL when the notes database could not be opened: the
 * notebook is then empty and every change fails with PL_ERROR_FAILED. */
PlNotebook         *pl_notebook_new              (PlUserDb            *db,
                                                  const char          *dataset_id);
PlUserDb           *pl_notebook_get_db           (PlNotebook          *self);
const char         *pl_notebook_get_dataset_id   (PlNotebook          *self);

/* Reads every annotation of the dataset again (after an import, say) and
 * emits "changed". On failure the notebook keeps what it had. */
gboolean            pl_notebook_reload           (PlNotebook          *self,
                                                  GError             **error);

/* The annotation of one item, or NULL when it has none. Owned by the
 * notebook and valid until the next "changed". */
const PlAnnotation *pl_notebook_lookup           (PlNotebook          *self,
                                                  PlItemKind           kind,
                                                  const char          *item_id);
/* Every annotation, orphans included, oldest change first; owned by the
 * notebook and valid until the next "changed". */
GPtrArray          *pl_notebook_get_annotations  (PlNotebook          *self);
/* The distinct tags in use, sorted; owned by the notebook. */
const char * const *pl_notebook_get_tags         (PlNotebook          *self);

/* pl_user_db_save(), pl_user_db_restore() and pl_user_db_delete() on the
 * notebook's dataset, then "changed". @annotation must be of this dataset;
 * save stamps its times as pl_user_db_save() does. */
gboolean            pl_notebook_save             (PlNotebook          *self,
                                                  PlAnnotation        *annotation,
                                                  GError             **error);
gboolean            pl_notebook_restore          (PlNotebook          *self,
                                                  const PlAnnotation  *annotation,
                                                  GError             **error);
gboolean            pl_notebook_delete           (PlNotebook          *self,
                                                  PlItemKind           kind,
                                                  const char          *item_id,
                                                  GError             **error);

G_END_DECLS
