/* pl-annotation-editor.h — the reader's note, star, highlight and tags on one item
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-notebook.h"
#include "model/pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_ANNOTATION_EDITOR (pl_annotation_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlAnnotationEditor, pl_annotation_editor, PL, ANNOTATION_EDITOR, GtkWidget)

GtkWidget   *pl_annotation_editor_new           (void);
GtkWidget   *pl_annotation_editor_new_for_item  (PlNotebook         *notebook,
                                                 PlRecord           *item);
void         pl_annotation_editor_set_item      (PlAnnotationEditor *self,
                                                 PlNotebook         *notebook,
                                                 PlRecord           *item);
gboolean     pl_annotation_editor_flush         (PlAnnotationEditor *self);
GtkTextView *pl_annotation_editor_get_text_view (PlAnnotationEditor *self);

G_END_DECLS
