/* pl-mark-badge.c — the reader's marks on one item, shown on cards and rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A star, a dot in the highlight's colour, a pencil when there is a note,
 * and the tags. Each badge follows the notebook itself, so a row recycled
 * by a list view or a card built once stays right as the reader edits,
 * with no view rebuilding anything. The same marks in words are the
 * badge's accessible label and tooltip, so a screen reader hears them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-mark-badge.h"

struct _PlMarkBadge
{
  GtkWidget   parent_instance;

  PlNotebook *notebook;
  PlItemKind  kind;
  char       *item_id;
  char       *summary;
  char       *highlight_class;

  GtkWidget  *box;
  GtkWidget  *star;
  GtkWidget  *swatch;
  GtkWidget  *note;
  GtkWidget  *tags;
};

G_DEFINE_FINAL_TYPE (PlMarkBadge, pl_mark_badge, GTK_TYPE_WIDGET)

static char *
describe (const PlAnnotation *annotation)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (annotation->starred)
    g_ptr_array_add (parts, g_strdup (_("Starred")));
  if (annotation->highlight != NULL)
    /* Translators: %s is a highlight colour, "Yellow" */
    g_ptr_array_add (parts, g_strdup_printf (_("%s highlight"), pl_highlight_get_label (annotation->highlight)));
  if (pl_annotation_has_note (annotation))
    g_ptr_array_add (parts, g_strdup (_("has a note")));
  if (annotation->tags[0] != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", annotation->tags);
      /* Translators: %s is a list of the reader's tags, "exam, alliance" */
      g_ptr_array_add (parts, g_strdup_printf (_("tags: %s"), tags));
    }
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the marks of an item */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
update (PlMarkBadge *self)
{
  const PlAnnotation *annotation = NULL;
  g_autofree char *highlight_class = NULL;

  if (self->notebook != NULL && self->item_id != NULL)
    annotation = pl_notebook_lookup (self->notebook, self->kind, self->item_id);

  g_clear_pointer (&self->summary, g_free);
  if (annotation != NULL)
    self->summary = describe (annotation);

  gtk_widget_set_visible (GTK_WIDGET (self), self->summary != NULL);
  if (self->summary == NULL)
    return;

  gtk_widget_set_visible (self->star, annotation->starred);
  gtk_widget_set_visible (self->note, pl_annotation_has_note (annotation));

  if (annotation->highlight != NULL)
    highlight_class = g_strdup_printf ("highlight-%s", annotation->highlight);
  if (g_strcmp0 (highlight_class, self->highlight_class) != 0)
    {
      if (self->highlight_class != NULL)
        gtk_widget_remove_css_class (self->swatch, self->highlight_class);
      g_free (self->highlight_class);
      self->highlight_class = g_steal_pointer (&highlight_class);
      if (self->highlight_class != NULL)
        gtk_widget_add_css_class (self->swatch, self->highlight_class);
    }
  gtk_widget_set_visible (self->swatch, annotation->highlight != NULL);

  if (annotation->tags[0] != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", annotation->tags);

      /* Tags are the reader's text: plain, never markup. */
      gtk_label_set_text (GTK_LABEL (self->tags), tags);
    }
  gtk_widget_set_visible (self->tags, annotation->tags[0] != NULL);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
}

static void
pl_mark_badge_dispose (GObject *object)
{
  PlMarkBadge *self = PL_MARK_BADGE (object);

  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_clear_object (&self->notebook);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->highlight_class, g_free);

  G_OBJECT_CLASS (pl_mark_badge_parent_class)->dispose (object);
}

static void
pl_mark_badge_class_init (PlMarkBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_mark_badge_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markbadge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pl_mark_badge_init (PlMarkBadge *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->star = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_widget_add_css_class (self->star, "star");
  /* A drawing area has no size of its own: the dot is 12 × 12. */
  self->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->swatch), 12);
  gtk_widget_add_css_class (self->swatch, "highlight-swatch");
  gtk_widget_set_valign (self->swatch, GTK_ALIGN_CENTER);
  self->note = gtk_image_new_from_icon_name ("document-edit-symbolic");
  self->tags = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->tags), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->tags), 24);
  gtk_widget_add_css_class (self->tags, "caption");
  gtk_widget_add_css_class (self->tags, "dim-label");

  /* The parts are drawn; the badge's label says them. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->star), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->note), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->tags), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_box_append (GTK_BOX (self->box), self->star);
  gtk_box_append (GTK_BOX (self->box), self->swatch);
  gtk_box_append (GTK_BOX (self->box), self->note);
  gtk_box_append (GTK_BOX (self->box), self->tags);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pl_mark_badge_new (void)
{
  return g_object_new (PL_TYPE_MARK_BADGE, NULL);
}

void
pl_mark_badge_set_item (PlMarkBadge *self,
                        PlNotebook  *notebook,
                        PlItemKind   kind,
                        const char  *item_id)
{
  g_return_if_fail (PL_IS_MARK_BADGE (self));
  g_return_if_fail (notebook == NULL || PL_IS_NOTEBOOK (notebook));

  if (self->notebook != notebook)
    {
      if (self->notebook != NULL)
        g_signal_handlers_disconnect_by_data (self->notebook, self);
      g_set_object (&self->notebook, notebook);
      if (notebook != NULL)
        g_signal_connect_swapped (notebook, "changed", G_CALLBACK (update), self);
    }

  self->kind = kind;
  g_free (self->item_id);
  self->item_id = g_strdup (item_id);
  update (self);
}

const char *
pl_mark_badge_get_summary (PlMarkBadge *self)
{
  g_return_val_if_fail (PL_IS_MARK_BADGE (self), NULL);

  return self->summary;
}
