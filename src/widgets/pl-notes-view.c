/* pl-notes-view.c — every note the reader wrote on this dataset, each leading to its item
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sorted by when the note was written or by the item's own date. A note
 * whose item is gone from this version of the dataset is listed as such,
 * never hidden: the reader decides what to do with it. The list follows
 * the notebook, so a note written anywhere appears here at once.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "model/pl-notes.h"
#include "pl-notes-view.h"
#include "pl-widgets.h"

struct _PlNotesView
{
  GtkWidget  parent_instance;

  PlStore   *store;
  PlNotebook *notebook;
  guint      n_notes;

  GtkWidget *outer;
  GtkWidget *stack;
  GtkWidget *list;
  GtkWidget *count;
  GtkWidget *order;
};

G_DEFINE_FINAL_TYPE (PlNotesView, pl_notes_view, GTK_TYPE_WIDGET)

static const char *
kind_label (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT: return _("Event");
    case PL_ITEM_KIND_ACTOR: return _("Actor");
    case PL_ITEM_KIND_PROVISION: return _("Provision");
    case PL_ITEM_KIND_QUOTE: return _("Quote");
    case PL_ITEM_KIND_TREATY: return _("Treaty");
    case PL_ITEM_KIND_SOURCE: return _("Source");
    case PL_ITEM_KIND_THEME: return _("Theme");
    case PL_ITEM_KIND_ERA: return _("Era");
    case PL_ITEM_KIND_CLAUSE_TYPE:
    case PL_ITEM_KIND_COMPARISON:
    default: return "";
    }
}

/* Where a row leads: the window's action for the item's kind. */
static const char *
action_for (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT: return "win.show-event";
    case PL_ITEM_KIND_ACTOR: return "win.show-actor";
    case PL_ITEM_KIND_PROVISION: return "win.show-provision";
    case PL_ITEM_KIND_QUOTE: return "win.show-quote";
    default: return NULL;
    }
}

static GtkWidget *
note_row (PlNotesView  *self,
          PlAnnotation *annotation)
{
  PlRecord *record = pl_store_lookup (self->store, annotation->item_kind, annotation->item_id);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *head = NULL;
  g_autofree char *written = NULL;
  const char *action = action_for (annotation->item_kind);

  if (record != NULL)
    {
      PlDate date = pl_notes_record_date (record);
      g_autofree char *when = pl_date_format (&date);

      title = pl_notes_record_title (record);
      head = when != NULL ? g_strdup_printf ("%s · %s", kind_label (annotation->item_kind), when)
                          : g_strdup (kind_label (annotation->item_kind));
    }
  else
    {
      /* Translators: a note whose item is not in this version of the dataset; %s is its id */
      title = g_strdup_printf (_("“%s” is no longer in this dataset"), annotation->item_id);
      head = g_strdup_printf ("%s · %s", kind_label (annotation->item_kind), _("Orphaned"));
      gtk_widget_add_css_class (row, "orphan");
    }

  gtk_box_append (GTK_BOX (box), pl_row_label (head, "dim-label"));
  gtk_box_append (GTK_BOX (box), pl_row_label (title, "heading"));

  if (annotation->starred)
    g_string_append (marks, _("Starred"));
  if (annotation->highlight != NULL)
    g_string_append_printf (marks, "%s%s", marks->len > 0 ? " · " : "", pl_highlight_get_label (annotation->highlight));
  for (guint i = 0; annotation->tags != NULL && annotation->tags[i] != NULL; i++)
    g_string_append_printf (marks, "%s#%s", marks->len > 0 ? " · " : "", annotation->tags[i]);
  if (marks->len > 0)
    gtk_box_append (GTK_BOX (box), pl_row_label (marks->str, "caption"));

  if (annotation->note[0] != '\0')
    {
      GtkWidget *note = pl_row_label (annotation->note, NULL);

      gtk_label_set_lines (GTK_LABEL (note), 3);
      gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), note);
    }

  if (annotation->modified != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (annotation->modified);
      g_autofree char *when = g_date_time_format (local, "%x %X");
      /* Translators: when a note was last changed */
      written = g_strdup_printf (_("Written %s"), when);
      gtk_box_append (GTK_BOX (box), pl_row_label (written, "dim-label"));
    }

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (record != NULL && action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", annotation->item_id);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  {
    g_autofree char *accessible = g_strdup_printf ("%s: %s", head, title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }

  return row;
}

void
pl_notes_view_reload (PlNotesView *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;

  g_return_if_fail (PL_IS_NOTES_VIEW (self));

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->n_notes = 0;

  /* Sorted in a copy: the notebook's own order is by change. */
  if (self->store != NULL && self->notebook != NULL)
    {
      annotations = g_ptr_array_copy (pl_notebook_get_annotations (self->notebook), NULL, NULL);
      /* The copy borrows them; it would free them too otherwise. */
      g_ptr_array_set_free_func (annotations, NULL);
    }

  if (annotations != NULL)
    {
      pl_notes_sort (annotations, self->store,
                     gtk_drop_down_get_selected (GTK_DROP_DOWN (self->order)) == 0
                     ? PL_NOTES_ORDER_WRITTEN : PL_NOTES_ORDER_ITEM_DATE);
      for (guint i = 0; i < annotations->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (self->list), note_row (self, annotations->pdata[i]));
      self->n_notes = annotations->len;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u note", "%'u notes", self->n_notes), self->n_notes);
  gtk_label_set_text (GTK_LABEL (self->count), count);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->n_notes > 0 ? "notes" : "empty");
}

static void
pl_notes_view_dispose (GObject *object)
{
  PlNotesView *self = PL_NOTES_VIEW (object);

  g_clear_pointer (&self->outer, gtk_widget_unparent);
  g_clear_object (&self->store);
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_clear_object (&self->notebook);

  G_OBJECT_CLASS (pl_notes_view_parent_class)->dispose (object);
}

static void
pl_notes_view_class_init (PlNotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_notes_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "notesview");
}

static void
pl_notes_view_init (PlNotesView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->outer, GTK_WIDGET (self));

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->count), 0.0);
  gtk_widget_set_hexpand (self->count, TRUE);
  self->order = gtk_drop_down_new_from_strings ((const char *[]) {
    _("Sort by Date Written"), _("Sort by Date of the Item"), NULL });
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->order), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sort notes"), -1);
  g_signal_connect_swapped (self->order, "notify::selected", G_CALLBACK (pl_notes_view_reload), self);
  gtk_box_append (GTK_BOX (bar), self->count);
  gtk_box_append (GTK_BOX (bar), self->order);
  gtk_widget_set_margin_start (bar, 18);
  gtk_widget_set_margin_end (bar, 18);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (self->outer), bar);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_margin_start (self->list, 18);
  gtk_widget_set_margin_end (self->list, 18);
  gtk_widget_set_margin_bottom (self->list, 18);
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-edit-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Notes Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Write a note, star or tag an event, actor or provision and it is listed here."));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "notes");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_box_append (GTK_BOX (self->outer), self->stack);
}

void
pl_notes_view_set_store (PlNotesView *self,
                         PlStore     *store,
                         PlNotebook  *notebook)
{
  g_return_if_fail (PL_IS_NOTES_VIEW (self));

  g_set_object (&self->store, store);
  if (self->notebook != notebook)
    {
      if (self->notebook != NULL)
        g_signal_handlers_disconnect_by_data (self->notebook, self);
      g_set_object (&self->notebook, notebook);
      if (notebook != NULL)
        g_signal_connect_swapped (notebook, "changed", G_CALLBACK (pl_notes_view_reload), self);
    }
  pl_notes_view_reload (self);
}

guint
pl_notes_view_get_n_notes (PlNotesView *self)
{
  g_return_val_if_fail (PL_IS_NOTES_VIEW (self), 0);

  return self->n_notes;
}
