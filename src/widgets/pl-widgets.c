/* pl-widgets.c — small building blocks the views share: plain labels, headings, links
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dataset text goes only through these or through plain GtkLabel text, so
 * it is never parsed as markup.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-widgets.h"

/* How a label wraps @text: between words where it can, and inside a word
 * too long for a line. Pango shapes such a word again for every line it
 * breaks it into, so in PANGO_WRAP_WORD_CHAR a word of thousands of
 * characters takes a tenth of a second per layout, and a window lays a
 * label out many times; text with such a word wraps anywhere instead,
 * which costs nothing more than a short line. */
PangoWrapMode
pl_wrap_mode_for (const char *text)
{
  guint run = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      run = g_unichar_isspace (g_utf8_get_char (p)) ? 0 : run + 1;
      if (run > 200)
        return PANGO_WRAP_CHAR;
    }
  return PANGO_WRAP_WORD_CHAR;
}

/* Wrapped, selectable, left-aligned plain text. */
GtkWidget *
pl_plain_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), pl_wrap_mode_for (text));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A label lays out all of its text each time it is measured, and a very
 * long text (a dataset may hold a summary of a hundred kilobytes) would
 * stall the window for seconds whenever it is shown. Beyond this many
 * characters the text is shown up to a word near that point, with a
 * button for the rest. */
#define LONG_TEXT_SHOWN 4000

static void
toggle_whole_text (GtkButton *button,
                   gpointer   user_data)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
  GtkWidget *excerpt = gtk_widget_get_first_child (box);
  GtkWidget *view = g_object_get_data (G_OBJECT (box), "pl-whole-view");
  gboolean whole = view == NULL;

  if (!whole)
    {
      gtk_box_remove (GTK_BOX (box), view);
      g_object_set_data (G_OBJECT (box), "pl-whole-view", NULL);
      gtk_widget_set_visible (excerpt, TRUE);
    }
  else
    {
      const char *text = g_object_get_data (G_OBJECT (box), "pl-whole-text");
      char **classes = gtk_widget_get_css_classes (excerpt);

      /* A text view lays its lines out a few at a time while the window
       * goes on, where a label would do all of them at once. */
      view = gtk_text_view_new ();
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view),
                                   pl_wrap_mode_for (text) == PANGO_WRAP_CHAR ? GTK_WRAP_CHAR : GTK_WRAP_WORD_CHAR);
      for (guint i = 0; classes != NULL && classes[i] != NULL; i++)
        gtk_widget_add_css_class (view, classes[i]);
      gtk_widget_add_css_class (view, "long-text");
      g_strfreev (classes);
      gtk_box_insert_child_after (GTK_BOX (box), view, excerpt);
      g_object_set_data (G_OBJECT (box), "pl-whole-view", view);
      gtk_widget_set_visible (excerpt, FALSE);
    }

  /* The button stays where it is, so it keeps the focus. */
  gtk_button_set_label (button, whole ? _("Show _Less") : _("Show the _Whole Text"));
}

/* Plain text that may be very long: a label, or for a long text the start
 * of it and a button that shows the whole. */
GtkWidget *
pl_long_text (const char *text,
              const char *css_class)
{
  const char *cut;
  const char *space;
  g_autofree char *head = NULL;
  g_autofree char *excerpt = NULL;
  GtkWidget *box;
  GtkWidget *button;

  /* Counting no further than the limit needs. */
  if (g_utf8_strlen (text, (gssize) (LONG_TEXT_SHOWN * 4 + 4)) <= LONG_TEXT_SHOWN)
    return pl_plain_label (text, css_class);

  /* At a space within the last tenth, else where the count ends. */
  cut = g_utf8_offset_to_pointer (text, LONG_TEXT_SHOWN);
  space = cut;
  for (guint back = 0; back < LONG_TEXT_SHOWN / 10 && space > text; back++)
    {
      if (g_unichar_isspace (g_utf8_get_char (space)))
        {
          cut = space;
          break;
        }
      space = g_utf8_prev_char (space);
    }
  head = g_strndup (text, (gsize) (cut - text));
  excerpt = g_strconcat (head, " …", NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set_data_full (G_OBJECT (box), "pl-whole-text", g_strdup (text), g_free);
  gtk_box_append (GTK_BOX (box), pl_plain_label (excerpt, css_class));

  button = gtk_button_new_with_mnemonic (_("Show the _Whole Text"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
  g_signal_connect (button, "clicked", G_CALLBACK (toggle_whole_text), NULL);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

/* Before the content of @scrolled is thrown away: a focused widget inside
 * it would leave the scrolled window following a focus that no longer
 * exists (GTK 4.8 then fails an assertion while allocating), so the window
 * takes the focus back. */
void
pl_release_focus_within (GtkWidget *scrolled)
{
  GtkRoot *root = gtk_widget_get_root (scrolled);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, scrolled))
    gtk_root_set_focus (root, NULL);
}

/* Plain text inside a list row: a click on it activates the row, so it is
 * not selectable. */
GtkWidget *
pl_row_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = pl_plain_label (text, css_class);

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  return label;
}

/* A section heading, a level-2 heading for screen readers. */
GtkWidget *
pl_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);

  return label;
}

/* A flat button that reads as a link and activates @action with @id, so
 * wherever it sits the window takes the reader to the item. */
GtkWidget *
pl_link_button (const char *text,
                const char *action,
                const char *id)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A title may be one long word; it must not widen the window. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), pl_wrap_mode_for (text));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "link-button");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);

  return button;
}

/* A link to @event, by its date and title. */
GtkWidget *
pl_event_link (PlEvent *event)
{
  g_autofree char *date = pl_date_format (&event->start);
  g_autofree char *text = g_strdup_printf ("%s: %s", date, event->title);

  return pl_link_button (text, "win.show-event", PL_RECORD (event)->id);
}

/* pl_event_link() for pl_paged_list(). */
GtkWidget *
pl_event_link_item (gpointer event,
                    gpointer unused)
{
  return pl_event_link (event);
}

/* For a grid view's "bind": GTK 4.8 gives screen readers a grid cell
 * named after its type ("GtkListItemWidget"); @item's child, named by
 * what it shows, names its cell instead. */
void
pl_name_cell_by_child (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *cell = child != NULL ? gtk_widget_get_parent (child) : NULL;

  if (cell != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL, -1);
}

/* A list that makes its items' widgets a page at a time. */
typedef struct
{
  GListModel       *items;
  guint             page_size;
  guint             shown;
  PlItemWidgetFunc  make;
  gpointer          user_data;
  GDestroyNotify    destroy;
  GtkWidget        *list;
  GtkWidget        *footer;
  GtkWidget        *count;
} Paged;

static void
paged_free (Paged *paged)
{
  g_object_unref (paged->items);
  if (paged->destroy != NULL && paged->user_data != NULL)
    paged->destroy (paged->user_data);
  g_free (paged);
}

/* Makes the next page of widgets; with @focus, the first of them takes
 * the focus, as the button that asked for them may be about to go. */
static void
paged_show_more (Paged    *paged,
                 gboolean  focus)
{
  guint n = g_list_model_get_n_items (paged->items);
  guint end = MIN (n, paged->shown + paged->page_size);
  GtkWidget *first = NULL;
  g_autofree char *count = NULL;

  for (guint i = paged->shown; i < end; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (paged->items, i);
      GtkWidget *widget = paged->make (item, paged->user_data);

      gtk_box_append (GTK_BOX (paged->list), widget);
      if (first == NULL)
        first = widget;
    }
  paged->shown = end;

  /* Translators: under a list that shows some of its items, e.g.
   * "Showing 50 of 12,466" */
  count = g_strdup_printf (_("Showing %'u of %'u"), paged->shown, n);
  gtk_label_set_text (GTK_LABEL (paged->count), count);
  if (focus && first != NULL)
    gtk_widget_child_focus (first, GTK_DIR_TAB_FORWARD);
  gtk_widget_set_visible (paged->footer, paged->shown < n);
}

static void
paged_more_clicked (GtkButton *button,
                    Paged     *paged)
{
  paged_show_more (paged, TRUE);
}

/* @items (a model of objects) as widgets made by @make, @page_size at
 * first and then as many more each time the reader asks: an actor of a
 * million-event dataset has thousands of events, each a button, and
 * hundreds of quotes, each a card, which would hold the window for
 * seconds if all were made at once. Below the items, while some are not
 * shown, a count and a button labelled @more_label (with a mnemonic).
 * @destroy, when not NULL, is called on @user_data, when not NULL, with
 * the list. */
GtkWidget *
pl_paged_list (GListModel       *items,
               guint             page_size,
               const char       *more_label,
               PlItemWidgetFunc  make,
               gpointer          user_data,
               GDestroyNotify    destroy)
{
  Paged *paged = g_new0 (Paged, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *more = gtk_button_new_with_mnemonic (more_label);

  paged->items = g_object_ref (items);
  paged->page_size = MAX (page_size, 1);
  paged->make = make;
  paged->user_data = user_data;
  paged->destroy = destroy;
  paged->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  paged->footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  paged->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (paged->count, "dim-label");
  gtk_widget_set_valign (paged->count, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (paged->footer), paged->count);
  gtk_box_append (GTK_BOX (paged->footer), more);
  g_signal_connect (more, "clicked", G_CALLBACK (paged_more_clicked), paged);
  gtk_box_append (GTK_BOX (box), paged->list);
  gtk_box_append (GTK_BOX (box), paged->footer);
  g_object_set_data_full (G_OBJECT (box), "pl-paged-list", paged, (GDestroyNotify) paged_free);

  paged_show_more (paged, FALSE);
  return box;
}

/* Whether @uri may be handed to the desktop to open: an http or https
 * address with a host, nothing else. Dataset text can hold file:,
 * javascript: or data: addresses, and whitespace or control characters
 * that other programs might read differently, so anything short of a
 * clean web address is refused, not repaired. */
gboolean
pl_uri_is_web (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  if (uri == NULL || !g_utf8_validate (uri, -1, NULL))
    return FALSE;
  for (const char *p = uri; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return g_uri_get_host (parsed) != NULL && g_uri_get_host (parsed)[0] != '\0';
}

/* The names the reader knows facets and their values by, one place for
 * the sidebar, the handout and every view that names them. */
const char *
pl_facet_title (PlFacet facet)
{
  switch (facet)
    {
    case PL_FACET_ACTOR: return _("Actors");
    case PL_FACET_THEME: return _("Themes");
    case PL_FACET_SOURCE: return _("Sources");
    case PL_FACET_EVENT_KIND: return _("Kinds of Event");
    case PL_FACET_CERTAINTY: return _("Certainty");
    case PL_FACET_MARK: return _("Your Marks");
    case PL_FACET_TAG: return _("Your Tags");
    case PL_N_FACETS:
    default: return "";
    }
}

const char *
pl_event_kind_label (int kind)
{
  switch (kind)
    {
    /* Translators: kinds of event, listed under "Kinds of Event" in the
     * filter; "Military" is a military event, "Report" a published report */
    case PL_EVENT_KIND_AGREEMENT: return _("Agreement");
    case PL_EVENT_KIND_MEETING: return _("Meeting");
    case PL_EVENT_KIND_STATEMENT: return _("Statement");
    case PL_EVENT_KIND_MILITARY: return _("Military");
    case PL_EVENT_KIND_CONFLICT: return _("Conflict");
    case PL_EVENT_KIND_POLITICAL: return _("Political");
    case PL_EVENT_KIND_ECONOMIC: return _("Economic");
    case PL_EVENT_KIND_PROTEST: return _("Protest");
    case PL_EVENT_KIND_REPORT: return _("Report");
    case PL_EVENT_KIND_OTHER: return _("Other");
    default: return "";
    }
}

const char *
pl_certainty_label (int certainty)
{
  switch (certainty)
    {
    case PL_CERTAINTY_CONFIRMED: return _("Confirmed");
    case PL_CERTAINTY_REPORTED: return _("Reported");
    case PL_CERTAINTY_PLANNED: return _("Planned");
    case PL_CERTAINTY_DISPUTED: return _("Disputed");
    default: return "";
    }
}
