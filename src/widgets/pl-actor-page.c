/* pl-actor-page.c — one actor: who they are, their events on a small timeline, their quotes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reached from an actor card or any link to an actor. Back and "Filter by
 * This Actor" are window actions (win.actors-back, win.filter-by-actor),
 * so they work the same from the keyboard and from tests.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-actor-page.h"
#include "pl-annotation-editor.h"
#include "pl-quote-card.h"
#include "pl-timeline.h"
#include "pl-widgets.h"

struct _PlActorPage
{
  GtkWidget  parent_instance;

  PlStore   *store;
  PlActor   *actor;
  PlNotebook  *notebook;
  GtkWidget *scrolled;
};

G_DEFINE_FINAL_TYPE (PlActorPage, pl_actor_page, GTK_TYPE_WIDGET)

const char *
pl_actor_kind_label (int kind)
{
  switch (kind)
    {
    case PL_ACTOR_KIND_PERSON: return _("Person");
    /* Translators: a kind of actor: a country, as in "the Russian state" */
    case PL_ACTOR_KIND_STATE: return _("State");
    case PL_ACTOR_KIND_ORGANIZATION: return _("Organisation");
    case PL_ACTOR_KIND_MEDIA: return _("Media");
    case PL_ACTOR_KIND_GROUP: return _("Group");
    default: return "";
    }
}

/* The events and quotes are made a page at a time (pl_paged_list): an
 * actor of a large dataset has thousands of each. */
#define EVENTS_PAGE 50
#define QUOTES_PAGE 10

static void
rebuild (PlActorPage *self)
{
  PlActor *actor = self->actor;
  GtkWidget *box, *top, *avatar, *names, *buttons, *back, *filter_button;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) quotes = NULL;
  g_autofree char *kind = NULL;

  pl_release_focus_within (self->scrolled);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), NULL);
  if (actor == NULL || self->store == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "win.actors-back");
  filter_button = gtk_button_new_with_mnemonic (_("_Filter by This Actor"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (filter_button), "win.filter-by-actor");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (filter_button), "s", PL_RECORD (actor)->id);
  gtk_widget_set_hexpand (filter_button, TRUE);
  gtk_widget_set_halign (filter_button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), back);
  gtk_box_append (GTK_BOX (buttons), filter_button);
  gtk_box_append (GTK_BOX (box), buttons);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  avatar = adw_avatar_new (72, actor->name, TRUE);
  names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (names), pl_plain_label (actor->name, "title-1"));
  kind = actor->country[0] != '\0'
         ? g_strdup_printf ("%s · %s", pl_actor_kind_label (actor->kind), actor->country)
         : g_strdup (pl_actor_kind_label (actor->kind));
  gtk_box_append (GTK_BOX (names), pl_plain_label (kind, "dim-label"));
  if (actor->role[0] != '\0')
    gtk_box_append (GTK_BOX (names), pl_plain_label (actor->role, NULL));
  gtk_box_append (GTK_BOX (top), avatar);
  gtk_box_append (GTK_BOX (top), names);
  gtk_box_append (GTK_BOX (box), top);

  if (actor->summary[0] != '\0')
    gtk_box_append (GTK_BOX (box), pl_long_text (actor->summary, "body"));

  {
    GtkWidget *editor = pl_annotation_editor_new_for_item (self->notebook, PL_RECORD (actor));
    if (editor != NULL)
      gtk_box_append (GTK_BOX (box), editor);
  }

  events = pl_store_list_events_for_actor (self->store, actor);
  gtk_box_append (GTK_BOX (box), pl_heading (_("Events")));
  if (g_list_model_get_n_items (events) > 0)
    {
      GtkWidget *timeline = g_object_new (PL_TYPE_TIMELINE, "lane-mode", PL_LANE_MODE_NONE, NULL);

      gtk_widget_set_size_request (timeline, -1, 260);
      pl_timeline_set_store (PL_TIMELINE (timeline), self->store);
      pl_timeline_set_events (PL_TIMELINE (timeline), events);
      pl_timeline_set_notebook (PL_TIMELINE (timeline), self->notebook);
      gtk_accessible_update_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Events of this actor"), -1);
      gtk_box_append (GTK_BOX (box), timeline);
      gtk_box_append (GTK_BOX (box), pl_paged_list (events, EVENTS_PAGE, _("Show _More Events"),
                                                    pl_event_link_item, NULL, NULL));
    }
  else
    gtk_box_append (GTK_BOX (box), pl_plain_label (_("No events name this actor."), "dim-label"));

  quotes = pl_store_list_quotes_by_speaker (self->store, actor);
  gtk_box_append (GTK_BOX (box), pl_heading (_("Quotes")));
  if (g_list_model_get_n_items (quotes) == 0)
    gtk_box_append (GTK_BOX (box), pl_plain_label (_("The sources quote no words of this actor."), "dim-label"));
  else
    gtk_box_append (GTK_BOX (box), pl_paged_list (quotes, QUOTES_PAGE, _("Show M_ore Quotes"), pl_quote_card_item,
                                                  self->notebook != NULL ? g_object_ref (self->notebook) : NULL,
                                                  g_object_unref));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, actor->name, -1);
}

static void
pl_actor_page_dispose (GObject *object)
{
  PlActorPage *self = PL_ACTOR_PAGE (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->actor);
  g_clear_object (&self->store);
  g_clear_object (&self->notebook);

  G_OBJECT_CLASS (pl_actor_page_parent_class)->dispose (object);
}

static void
pl_actor_page_class_init (PlActorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_actor_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actorpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_actor_page_init (PlActorPage *self)
{
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

void
pl_actor_page_set_actor (PlActorPage *self,
                         PlStore     *store,
                         PlActor     *actor)
{
  g_return_if_fail (PL_IS_ACTOR_PAGE (self));

  g_set_object (&self->store, store);
  if (g_set_object (&self->actor, actor) || actor != NULL)
    rebuild (self);
}

PlActor *
pl_actor_page_get_actor (PlActorPage *self)
{
  g_return_val_if_fail (PL_IS_ACTOR_PAGE (self), NULL);

  return self->actor;
}

/* The reader's notes, for the actor's own editor and the marks on its
 * quotes and events; NULL when notes are off. */
void
pl_actor_page_set_notebook (PlActorPage *self,
                            PlNotebook  *notebook)
{
  g_return_if_fail (PL_IS_ACTOR_PAGE (self));

  if (g_set_object (&self->notebook, notebook) && self->actor != NULL)
    rebuild (self);
}
