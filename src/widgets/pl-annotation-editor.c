/* pl-annotation-editor.c — the reader's note, star, highlight and tags on one item
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is saved: the star, highlight and tags at once, the note
 * shortly after typing pauses, and whatever is pending when the item
 * changes or the editor goes away. Each save goes through the notebook,
 * one transaction in the user's own database, and the notebook tells every
 * view that shows marks; a failed save keeps the text in the editor and
 * says so, so nothing typed is lost. When the item's annotation changes
 * elsewhere (another editor of the same item, Undo of a delete, an
 * import) and nothing is waiting to be saved here, the editor shows it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-annotation-editor.h"
#include "pl-widgets.h"

#define SAVE_DELAY_MS 400

struct _PlAnnotationEditor
{
  GtkWidget     parent_instance;

  PlNotebook   *notebook;
  PlItemKind    kind;
  char         *item_id;
  PlAnnotation *annotation;
  gboolean      loading;
  gboolean      saving;
  guint         save_source;

  GtkWidget    *box;
  GtkWidget    *star;
  GtkWidget    *highlight;
  GtkWidget    *tags;
  GtkWidget    *note;
  GtkWidget    *status;
  GtkWidget    *delete_button;
};

G_DEFINE_FINAL_TYPE (PlAnnotationEditor, pl_annotation_editor, GTK_TYPE_WIDGET)

static guint
n_highlights (void)
{
  return g_strv_length ((char **) pl_highlight_list_names ());
}

static char *
note_text (PlAnnotationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Writes the editor's state now; returns whether it is safe on disk. */
static gboolean
save_now (PlAnnotationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  guint selected;

  g_autoptr(PlAnnotationEditor) alive = NULL;
  gboolean saved;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->notebook == NULL || self->item_id == NULL || self->loading)
    return TRUE;

  if (self->annotation == NULL)
    self->annotation = pl_annotation_new (pl_notebook_get_dataset_id (self->notebook), self->kind, self->item_id);

  note = note_text (self);
  g_free (self->annotation->note);
  self->annotation->note = g_steal_pointer (&note);
  self->annotation->starred = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->star));
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->highlight));
  g_free (self->annotation->highlight);
  self->annotation->highlight = selected > 0 && selected <= n_highlights ()
                                ? g_strdup (pl_highlight_list_names ()[selected - 1]) : NULL;
  g_strfreev (self->annotation->tags);
  self->annotation->tags = pl_tags_parse (gtk_editable_get_text (GTK_EDITABLE (self->tags)));

  /* Views follow the notebook's "changed" at once, and one of them may
   * drop the row holding this editor. */
  alive = g_object_ref (self);
  self->saving = TRUE;
  saved = pl_notebook_save (self->notebook, self->annotation, &error);
  self->saving = FALSE;
  if (self->box == NULL)
    return saved;

  if (!saved)
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      gtk_label_set_text (GTK_LABEL (self->status), message);
      gtk_widget_add_css_class (self->status, "error");
      return FALSE;
    }

  gtk_label_set_text (GTK_LABEL (self->status), _("Saved"));
  gtk_widget_remove_css_class (self->status, "error");
  gtk_widget_set_visible (self->delete_button, !pl_annotation_is_empty (self->annotation));
  return TRUE;
}

static gboolean
save_later_cb (gpointer user_data)
{
  PlAnnotationEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
changed_now (PlAnnotationEditor *self)
{
  if (!self->loading)
    save_now (self);
}

/* Typing saves once the reader pauses, not at every key. */
static void
changed_later (PlAnnotationEditor *self)
{
  if (self->loading)
    return;

  gtk_label_set_text (GTK_LABEL (self->status), "");
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_later_cb, self);
}

static void
load (PlAnnotationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note));
  const PlAnnotation *stored = NULL;
  const char * const *highlights = pl_highlight_list_names ();
  g_autofree char *tags = NULL;
  guint selected = 0;

  g_clear_pointer (&self->annotation, pl_annotation_free);
  if (self->notebook != NULL && self->item_id != NULL)
    stored = pl_notebook_lookup (self->notebook, self->kind, self->item_id);
  if (stored != NULL)
    self->annotation = pl_annotation_copy (stored);

  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, self->annotation != NULL ? self->annotation->note : "", -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->star),
                                self->annotation != NULL && self->annotation->starred);
  for (guint i = 0; self->annotation != NULL && self->annotation->highlight != NULL && highlights[i] != NULL; i++)
    if (g_str_equal (highlights[i], self->annotation->highlight))
      selected = i + 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->highlight), selected);
  tags = self->annotation != NULL ? g_strjoinv (", ", self->annotation->tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->tags), tags);
  gtk_label_set_text (GTK_LABEL (self->status), "");
  gtk_widget_set_visible (self->delete_button, self->annotation != NULL);
  self->loading = FALSE;
}

/* A change made elsewhere is shown, unless something typed here waits to
 * be saved: that is newer, and saving it wins. */
static void
notebook_changed (PlAnnotationEditor *self)
{
  const PlAnnotation *stored;

  if (self->saving || self->save_source != 0 || self->item_id == NULL)
    return;

  stored = pl_notebook_lookup (self->notebook, self->kind, self->item_id);
  if (stored == NULL && self->annotation == NULL)
    return;
  if (stored != NULL && self->annotation != NULL && pl_annotation_content_equal (stored, self->annotation))
    return;
  load (self);
}

/* The window deletes, keeps a copy for Undo and says so. */
static void
delete_clicked (PlAnnotationEditor *self)
{
  save_now (self);
  if (self->item_id == NULL)
    return;

  /* The window may rebuild the page holding this editor meanwhile. */
  g_object_ref (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-note", "(ss)",
                              pl_enum_to_nick (PL_TYPE_ITEM_KIND, self->kind), self->item_id);
  /* Show what is left: nothing, unless the delete failed. */
  if (self->box != NULL)
    load (self);
  g_object_unref (self);
}

static void
star_toggled (PlAnnotationEditor *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->star));

  gtk_button_set_icon_name (GTK_BUTTON (self->star), active ? "starred-symbolic" : "non-starred-symbolic");
  /* Translators: the tooltip of the star toggle: "Star" is what pressing it
   * does (a verb), "Starred" says the item has its star */
  gtk_widget_set_tooltip_text (self->star, active ? _("Starred") : _("Star"));
  changed_now (self);
}

static void
pl_annotation_editor_dispose (GObject *object)
{
  PlAnnotationEditor *self = PL_ANNOTATION_EDITOR (object);

  /* What was typed last is not lost with the editor. */
  if (self->save_source != 0)
    save_now (self);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->annotation, pl_annotation_free);
  g_clear_pointer (&self->item_id, g_free);
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_clear_object (&self->notebook);

  G_OBJECT_CLASS (pl_annotation_editor_parent_class)->dispose (object);
}

static void
pl_annotation_editor_class_init (PlAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_annotation_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationeditor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_annotation_editor_init (PlAnnotationEditor *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkStringList *choices = gtk_string_list_new (NULL);
  GtkWidget *frame = gtk_frame_new (NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), pl_heading (_("Your Notes")));

  self->star = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->star), "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->star, _("Star"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Star"), -1);
  g_signal_connect_swapped (self->star, "toggled", G_CALLBACK (star_toggled), self);

  gtk_string_list_append (choices, _("No Highlight"));
  for (const char * const *name = pl_highlight_list_names (); *name != NULL; name++)
    gtk_string_list_append (choices, pl_highlight_get_label (*name));
  self->highlight = gtk_drop_down_new (G_LIST_MODEL (choices), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->highlight), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Highlight"), -1);
  g_signal_connect_swapped (self->highlight, "notify::selected", G_CALLBACK (changed_now), self);

  self->tags = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->tags), _("Tags, separated by commas"));
  gtk_widget_set_hexpand (self->tags, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tags), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"), -1);
  g_signal_connect_swapped (self->tags, "changed", G_CALLBACK (changed_later), self);

  gtk_box_append (GTK_BOX (row), self->star);
  gtk_box_append (GTK_BOX (row), self->highlight);
  gtk_box_append (GTK_BOX (row), self->tags);
  gtk_box_append (GTK_BOX (self->box), row);

  self->note = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->note), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->note), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->note), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->note), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->note), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->note), 6);
  gtk_widget_set_size_request (self->note, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note)), "changed",
                            G_CALLBACK (changed_later), self);
  gtk_frame_set_child (GTK_FRAME (frame), self->note);
  gtk_box_append (GTK_BOX (self->box), frame);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->delete_button = gtk_button_new_with_mnemonic (_("_Delete Note"));
  gtk_widget_add_css_class (self->delete_button, "flat");
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked), self);
  gtk_box_append (GTK_BOX (row), self->delete_button);

  self->status = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->status, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 1.0);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_add_css_class (self->status, "caption");
  gtk_box_append (GTK_BOX (row), self->status);
  gtk_box_append (GTK_BOX (self->box), row);
}

GtkWidget *
pl_annotation_editor_new (void)
{
  return g_object_new (PL_TYPE_ANNOTATION_EDITOR, NULL);
}

/* An editor for @item, or NULL when notes are off (no notebook, or no
 * notes database behind it). */
GtkWidget *
pl_annotation_editor_new_for_item (PlNotebook *notebook,
                                   PlRecord   *item)
{
  GtkWidget *editor;

  if (notebook == NULL || pl_notebook_get_db (notebook) == NULL)
    return NULL;

  editor = pl_annotation_editor_new ();
  pl_annotation_editor_set_item (PL_ANNOTATION_EDITOR (editor), notebook, item);
  return editor;
}

void
pl_annotation_editor_set_item (PlAnnotationEditor *self,
                               PlNotebook         *notebook,
                               PlRecord           *item)
{
  g_return_if_fail (PL_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (notebook == NULL || PL_IS_NOTEBOOK (notebook));

  /* The previous item's pending note is saved before moving on. */
  if (self->save_source != 0)
    save_now (self);

  if (self->notebook != notebook)
    {
      if (self->notebook != NULL)
        g_signal_handlers_disconnect_by_data (self->notebook, self);
      g_set_object (&self->notebook, notebook);
      if (notebook != NULL)
        g_signal_connect_swapped (notebook, "changed", G_CALLBACK (notebook_changed), self);
    }
  g_free (self->item_id);
  self->item_id = item != NULL ? g_strdup (item->id) : NULL;
  self->kind = item != NULL ? pl_record_get_kind (item) : PL_ITEM_KIND_EVENT;

  load (self);
}

gboolean
pl_annotation_editor_flush (PlAnnotationEditor *self)
{
  g_return_val_if_fail (PL_IS_ANNOTATION_EDITOR (self), FALSE);

  if (self->save_source == 0)
    return TRUE;
  return save_now (self);
}

GtkTextView *
pl_annotation_editor_get_text_view (PlAnnotationEditor *self)
{
  g_return_val_if_fail (PL_IS_ANNOTATION_EDITOR (self), NULL);

  return GTK_TEXT_VIEW (self->note);
}
