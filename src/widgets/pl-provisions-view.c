/* pl-provisions-view.c — treaties' provisions by area, one provision's page, and the comparison matrix
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list shows what the filter leaves, grouped by area with each
 * provision's strength: a list view, so that an archive of thousands of
 * provisions makes widgets only for the rows on screen, given places
 * (pl-places.c) so that a change of the filter keeps them. The matrix sets the treaties side by side on the
 * clause types the dataset compares; every cell opens its evidence, so a
 * "no" is never without its quote, provision or event.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-mark-badge.h"
#include "pl-places.h"
#include "pl-provisions-view.h"
#include "pl-annotation-editor.h"
#include "pl-quote-card.h"
#include "pl-widgets.h"

struct _PlProvisionsView
{
  GtkWidget   parent_instance;

  PlFilter   *filter;
  PlStore    *store;
  PlNotebook   *notebook;

  GtkWidget  *outer;          /* the bar above the stack: the view's one child */
  GtkWidget  *stack;          /* "list" | "empty" | "provision" | "matrix" */
  GtkWidget  *list;           /* list view of the rows' places */
  GListStore *rows;           /* area headings (GtkStringObject) and provisions */
  GHashTable *headings;       /* area → its heading, the same object every time */
  GtkWidget  *page;           /* scrolled window of the provision page */
  GtkWidget  *matrix;         /* scrolled window of the grid */
  GtkWidget  *mode;           /* "list" or "matrix" toggle */
  GtkWidget  *count;
  PlProvision *shown;
  gboolean     stale;         /* the filter changed while the view was hidden */
};

G_DEFINE_FINAL_TYPE (PlProvisionsView, pl_provisions_view, GTK_TYPE_WIDGET)

static const char *
strength_label (PlStrength strength)
{
  switch (strength)
    {
    case PL_STRENGTH_BINDING: return _("Binding");
    case PL_STRENGTH_ASPIRATIONAL: return _("Aspirational");
    case PL_STRENGTH_UNKNOWN: return _("Unknown");
    default: return "";
    }
}

static const char *
strength_explanation (PlStrength strength)
{
  switch (strength)
    {
    case PL_STRENGTH_BINDING: return _("The text obliges the parties.");
    case PL_STRENGTH_ASPIRATIONAL: return _("The text states an intention, not an obligation.");
    case PL_STRENGTH_UNKNOWN: return _("The sources leave open how binding it is.");
    default: return "";
    }
}

static const char *
value_label (PlComparisonValue value)
{
  switch (value)
    {
    /* Translators: a cell of the treaty comparison: whether the treaty has
     * the clause (yes, no, partly, unknown) */
    case PL_COMPARISON_VALUE_YES: return _("Yes");
    case PL_COMPARISON_VALUE_NO: return _("No");
    case PL_COMPARISON_VALUE_PARTIAL: return _("Partly");
    case PL_COMPARISON_VALUE_UNKNOWN: return _("Unknown");
    default: return "";
    }
}

/* Areas are slugs in the data; the common ones have names of their own,
 * others are shown as written. */
static char *
area_label (const char *area)
{
  static const struct { const char *slug; const char *name; } areas[] = {
    { "security", N_("Security") },
    { "military-technical", N_("Military-Technical") },
    { "sanctions", N_("Sanctions") },
    { "energy", N_("Energy") },
    { "transport", N_("Transport") },
    { "finance", N_("Finance") },
    { "nuclear", N_("Nuclear") },
    { "trade", N_("Trade") },
    { "culture", N_("Culture") },
    { "economy", N_("Economy") },
    { "diplomacy", N_("Diplomacy") },
    /* Translators: an area of treaty provisions: general commitments */
    { "general", N_("General Provisions") },
    { "industry", N_("Industry") },
  };
  char *name;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_str_equal (areas[i].slug, area))
      return g_strdup (_(areas[i].name));

  name = g_strdelimit (g_strdup (area), "-_", ' ');
  if (name[0] != '\0')
    name[0] = g_ascii_toupper (name[0]);
  return name;
}

/* A badge of @kind ("strength", "value") for the value @nick; all three
 * NULL for one to fill in later. */
static GtkWidget *
badge (const char *text,
       const char *kind,
       const char *nick,
       const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "badge");
  if (kind != NULL)
    {
      g_autofree char *class_name = g_strdup_printf ("%s-%s", kind, nick);

      gtk_widget_add_css_class (label, class_name);
    }
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

/* ------------------------------------------------------------------ */
/* The list                                                            */

static int
compare_provisions (gconstpointer a,
                    gconstpointer b)
{
  PlProvision *pa = *(PlProvision * const *) a;
  PlProvision *pb = *(PlProvision * const *) b;

  return g_strcmp0 (pa->area, pb->area);
}

static gboolean
same_rows (GListModel *model,
           GPtrArray  *rows)
{
  if (g_list_model_get_n_items (model) != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      if (row != rows->pdata[i])
        return FALSE;
    }
  return TRUE;
}

static void
rebuild_list (PlProvisionsView *self)
{
  GListModel *provisions;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;
  const char *area = NULL;

  self->stale = FALSE;
  if (self->store != NULL)
    {
      provisions = pl_store_get_items (self->store, PL_ITEM_KIND_PROVISION);
      for (guint i = 0; i < g_list_model_get_n_items (provisions); i++)
        {
          g_autoptr(PlProvision) provision = g_list_model_get_item (provisions, i);

          if (self->filter == NULL || pl_filter_match_provision (self->filter, provision))
            g_ptr_array_add (shown, provision);
        }
    }
  /* Stable: within an area, the dataset's order. */
  g_ptr_array_sort (shown, compare_provisions);

  for (guint i = 0; i < shown->len; i++)
    {
      PlProvision *provision = shown->pdata[i];

      if (area == NULL || !g_str_equal (area, provision->area))
        {
          GtkStringObject *heading = g_hash_table_lookup (self->headings, provision->area);

          area = provision->area;
          if (heading == NULL)
            {
              g_autofree char *name = area_label (area);

              heading = gtk_string_object_new (name);
              g_hash_table_insert (self->headings, g_strdup (area), heading);
            }
          g_ptr_array_add (rows, g_object_ref (heading));
        }
      g_ptr_array_add (rows, g_object_ref (provision));
    }

  /* The same rows (a letter that changes nothing here): nothing to show
   * again. */
  if (!same_rows (G_LIST_MODEL (self->rows), rows))
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u provision", "%'u provisions", shown->len), shown->len);
  gtk_label_set_text (GTK_LABEL (self->count), count);

  {
    const char *visible = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

    if (g_strcmp0 (visible, "list") == 0 || g_strcmp0 (visible, "empty") == 0)
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), shown->len > 0 ? "list" : "empty");
  }
}

/* A row: an area's heading, or a provision with where it is, the
 * reader's marks and its strength. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlProvisionsView         *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = pl_row_label (NULL, "heading");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_start (heading, 12);
  gtk_box_append (GTK_BOX (outer), heading);

  gtk_box_append (GTK_BOX (text), pl_row_label (NULL, NULL));
  gtk_box_append (GTK_BOX (text), pl_row_label (NULL, "dim-label"));
  /* One line each, cut short, the whole in the tooltip and on the
   * provision's page: measuring wrapped text for every row the grid keeps
   * took a tenth of a second and more at each change of the filter with
   * thousands of provisions. */
  for (GtkWidget *label = gtk_widget_get_first_child (text); label != NULL; label = gtk_widget_get_next_sibling (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_label_set_wrap (GTK_LABEL (heading), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), pl_mark_badge_new ());
  gtk_box_append (GTK_BOX (box), badge (NULL, NULL, NULL, NULL));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (outer), box);
  gtk_list_item_set_child (item, outer);
}

static void
show_row (GtkListItem *item,
          GObject     *row,
          gpointer     user_data)
{
  PlProvisionsView *self = user_data;
  GtkWidget *outer = gtk_list_item_get_child (item);
  GtkWidget *heading = gtk_widget_get_first_child (outer);
  GtkWidget *box = gtk_widget_get_next_sibling (heading);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *where_label = gtk_widget_get_next_sibling (title);
  GtkWidget *marks = gtk_widget_get_next_sibling (text);
  GtkWidget *strength = gtk_widget_get_next_sibling (marks);
  PlProvision *provision = PL_IS_PROVISION (row) ? PL_PROVISION (row) : NULL;
  g_autofree char *where = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *strength_class = NULL;

  gtk_widget_set_visible (heading, provision == NULL);
  gtk_widget_set_visible (box, provision != NULL);
  gtk_list_item_set_activatable (item, provision != NULL);
  gtk_list_item_set_selectable (item, FALSE);
  if (provision == NULL)
    {
      const char *name = gtk_string_object_get_string (GTK_STRING_OBJECT (row));

      gtk_label_set_text (GTK_LABEL (heading), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (outer), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      pl_mark_badge_set_item (PL_MARK_BADGE (marks), NULL, PL_ITEM_KIND_PROVISION, NULL);
      return;
    }

  where = provision->article[0] != '\0'
          ? g_strdup_printf ("%s, %s", provision->treaty->title, provision->article)
          : g_strdup (provision->treaty->title);
  gtk_label_set_text (GTK_LABEL (title), provision->title);
  gtk_widget_set_tooltip_text (title, provision->title);
  gtk_label_set_text (GTK_LABEL (where_label), where);
  gtk_widget_set_tooltip_text (where_label, where);
  pl_mark_badge_set_item (PL_MARK_BADGE (marks), self->notebook, PL_ITEM_KIND_PROVISION, PL_RECORD (provision)->id);
  /* Restyled only when the strength differs from the row's last. */
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (strength), "strength")) != (int) provision->strength + 1)
    {
      strength_class = g_strdup_printf ("strength-%s", pl_enum_to_nick (PL_TYPE_STRENGTH, provision->strength));
      gtk_label_set_text (GTK_LABEL (strength), strength_label (provision->strength));
      gtk_widget_set_css_classes (strength, (const char *[]) { "badge", strength_class, NULL });
      gtk_widget_set_tooltip_text (strength, strength_explanation (provision->strength));
      g_object_set_data (G_OBJECT (strength), "strength", GINT_TO_POINTER ((int) provision->strength + 1));
    }

  accessible = g_strdup_printf ("%s — %s — %s", provision->title, where, strength_label (provision->strength));
  gtk_accessible_update_property (GTK_ACCESSIBLE (outer), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlProvisionsView         *self)
{
  pl_places_bind_item (item, show_row, self);
  /* The row is named by its provision or area. */
  pl_name_cell_by_child (item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PlProvisionsView         *self)
{
  pl_places_unbind_item (item);
}

static void
row_activated (GtkGridView      *list,
               guint             position,
               PlProvisionsView *self)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (PL_IS_PROVISION (row))
    pl_provisions_view_show_provision (self, PL_PROVISION (row));
}

/* ------------------------------------------------------------------ */
/* One provision                                                       */

static void
back_clicked (PlProvisionsView *self)
{
  pl_provisions_view_show_list (self);
}

/* The quotes and events are made a page at a time (pl_paged_list): a
 * provision of a large dataset may be the subject of thousands. */
#define EVENTS_PAGE 50
#define QUOTES_PAGE 10

static void
rebuild_page (PlProvisionsView *self)
{
  PlProvision *provision = self->shown;
  GtkWidget *box, *back;
  g_autoptr(GListModel) quotes = NULL;
  g_autoptr(GListStore) events = g_list_store_new (PL_TYPE_EVENT);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *where = NULL;
  g_autofree char *area = NULL;

  pl_release_focus_within (self->page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->page), NULL);
  if (provision == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked), self);
  gtk_box_append (GTK_BOX (box), back);

  area = area_label (provision->area);
  where = provision->article[0] != '\0'
          ? g_strdup_printf ("%s · %s · %s", provision->treaty->title, provision->article, area)
          : g_strdup_printf ("%s · %s", provision->treaty->title, area);
  gtk_box_append (GTK_BOX (box), pl_plain_label (where, "dim-label"));
  gtk_box_append (GTK_BOX (box), pl_plain_label (provision->title, "title-2"));
  gtk_box_append (GTK_BOX (box), badge (strength_label (provision->strength), "strength",
                                        pl_enum_to_nick (PL_TYPE_STRENGTH, provision->strength), NULL));
  gtk_box_append (GTK_BOX (box), pl_plain_label (strength_explanation (provision->strength), "dim-label"));
  if (provision->summary[0] != '\0')
    gtk_box_append (GTK_BOX (box), pl_long_text (provision->summary, "body"));

  if (provision->text[0] != '\0')
    {
      /* Translators: the quotation marks around a treaty's own words */
      g_autofree char *text = g_strdup_printf (_("“%s”"), provision->text);

      /* Translators: a heading above the wording of a treaty's provision */
      gtk_box_append (GTK_BOX (box), pl_heading (_("Text")));
      gtk_box_append (GTK_BOX (box), pl_long_text (text, "quote-text"));
    }

  {
    GtkWidget *editor = pl_annotation_editor_new_for_item (self->notebook, PL_RECORD (provision));
    if (editor != NULL)
      gtk_box_append (GTK_BOX (box), editor);
  }

  quotes = pl_store_list_quotes_for_provision (self->store, provision);
  gtk_box_append (GTK_BOX (box), pl_heading (_("Quotes")));
  if (g_list_model_get_n_items (quotes) == 0)
    gtk_box_append (GTK_BOX (box), pl_plain_label (_("No quote in the sources bears on this provision."), "dim-label"));
  else
    gtk_box_append (GTK_BOX (box), pl_paged_list (quotes, QUOTES_PAGE, _("Show M_ore Quotes"), pl_quote_card_item,
                                                  self->notebook != NULL ? g_object_ref (self->notebook) : NULL,
                                                  g_object_unref));
  /* The events the quotes bear on, each once, in the quotes' order. */
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);

      for (guint e = 0; e < quote->events.n_items; e++)
        if (g_hash_table_add (seen, quote->events.items[e]))
          g_list_store_append (events, quote->events.items[e]);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (events)) > 0)
    {
      gtk_box_append (GTK_BOX (box), pl_heading (_("Events")));
      gtk_box_append (GTK_BOX (box), pl_paged_list (G_LIST_MODEL (events), EVENTS_PAGE, _("Show _More Events"),
                                                    pl_event_link_item, NULL, NULL));
    }

  if (provision->sources.n_items > 0)
    {
      gtk_box_append (GTK_BOX (box), pl_heading (_("Sources")));
      for (guint i = 0; i < provision->sources.n_items; i++)
        gtk_box_append (GTK_BOX (box), pl_plain_label (PL_SOURCE (provision->sources.items[i])->title, NULL));
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->page), box);
}

/* ------------------------------------------------------------------ */
/* The matrix                                                          */

static GtkWidget *
evidence_popover (PlComparison *comparison)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *title = g_strdup_printf ("%s — %s", comparison->clause_type->title, comparison->treaty->title);

  gtk_widget_set_size_request (box, 360, -1);
  gtk_box_append (GTK_BOX (box), pl_plain_label (title, "heading"));
  gtk_box_append (GTK_BOX (box), badge (value_label (comparison->value), "value",
                                        pl_enum_to_nick (PL_TYPE_COMPARISON_VALUE, comparison->value), NULL));
  if (comparison->note[0] != '\0')
    gtk_box_append (GTK_BOX (box), pl_plain_label (comparison->note, NULL));

  for (guint i = 0; i < comparison->provisions.n_items; i++)
    {
      PlProvision *provision = PL_PROVISION (comparison->provisions.items[i]);
      g_autofree char *text = g_strdup_printf (_("Provision: %s"), provision->title);

      gtk_box_append (GTK_BOX (box), pl_link_button (text, "win.show-provision", PL_RECORD (provision)->id));
    }
  for (guint i = 0; i < comparison->quotes.n_items; i++)
    {
      PlQuote *quote = PL_QUOTE (comparison->quotes.items[i]);
      /* Translators: a quote given as evidence, in quotation marks */
      g_autofree char *text = g_strdup_printf (_("“%s”"), quote->text);

      gtk_box_append (GTK_BOX (box), pl_long_text (text, "quote-text"));
    }
  for (guint i = 0; i < comparison->events.n_items; i++)
    {
      gtk_box_append (GTK_BOX (box), pl_event_link (PL_EVENT (comparison->events.items[i])));
    }
  for (guint i = 0; i < comparison->sources.n_items; i++)
    gtk_box_append (GTK_BOX (box), pl_plain_label (PL_SOURCE (comparison->sources.items[i])->title, "dim-label"));

  /* Wrapped to a readable measure, not to the width of the longest note. */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : child;

      if (GTK_IS_LABEL (label))
        gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
rebuild_matrix (PlProvisionsView *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GListModel *clause_types, *treaties;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  guint n_types;

  pl_release_focus_within (self->matrix);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->matrix), NULL);
  if (self->store == NULL)
    return;

  clause_types = pl_store_get_items (self->store, PL_ITEM_KIND_CLAUSE_TYPE);
  treaties = pl_store_get_items (self->store, PL_ITEM_KIND_TREATY);
  n_types = g_list_model_get_n_items (clause_types);

  /* A treaty has a column when the dataset compares it on anything. */
  for (guint t = 0; t < g_list_model_get_n_items (treaties); t++)
    {
      g_autoptr(PlTreaty) treaty = g_list_model_get_item (treaties, t);
      gboolean compared = FALSE;

      for (guint c = 0; c < n_types && !compared; c++)
        {
          g_autoptr(PlClauseType) type = g_list_model_get_item (clause_types, c);
          compared = pl_store_lookup_comparison (self->store, PL_RECORD (type)->id, PL_RECORD (treaty)->id) != NULL;
        }
      if (compared)
        g_ptr_array_add (columns, treaty);
    }

  if (n_types == 0 || columns->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "accessories-dictionary-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Comparison"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("This dataset compares no treaties clause by clause."));
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->matrix), empty);
      return;
    }

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison of treaties"), -1);

  for (guint t = 0; t < columns->len; t++)
    {
      PlTreaty *treaty = columns->pdata[t];
      GtkWidget *label = pl_plain_label (treaty->title, "heading");

      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_grid_attach (GTK_GRID (grid), label, (int) t + 1, 0, 1, 1);
    }

  for (guint c = 0; c < n_types; c++)
    {
      g_autoptr(PlClauseType) type = g_list_model_get_item (clause_types, c);
      GtkWidget *label = pl_plain_label (type->title, NULL);

      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_label_set_width_chars (GTK_LABEL (label), 22);
      if (type->description[0] != '\0')
        gtk_widget_set_tooltip_text (label, type->description);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) c + 1, 1, 1);

      for (guint t = 0; t < columns->len; t++)
        {
          PlTreaty *treaty = columns->pdata[t];
          PlComparison *comparison = pl_store_lookup_comparison (self->store, PL_RECORD (type)->id,
                                                                 PL_RECORD (treaty)->id);
          GtkWidget *cell;

          if (comparison == NULL)
            {
              cell = gtk_label_new ("—");
              gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              _("Not compared"), -1);
            }
          else
            {
              g_autofree char *class_name = g_strdup_printf ("value-%s",
                                                             pl_enum_to_nick (PL_TYPE_COMPARISON_VALUE, comparison->value));
              /* Translators: a cell of the comparison: clause type, treaty, value */
              g_autofree char *accessible = g_strdup_printf (_("%s, %s: %s"), type->title, treaty->title,
                                                             value_label (comparison->value));

              cell = gtk_menu_button_new ();
              gtk_menu_button_set_label (GTK_MENU_BUTTON (cell), value_label (comparison->value));
              gtk_menu_button_set_popover (GTK_MENU_BUTTON (cell), evidence_popover (comparison));
              gtk_widget_add_css_class (cell, "matrix-cell");
              gtk_widget_add_css_class (cell, class_name);
              gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
            }
          gtk_widget_set_hexpand (cell, TRUE);
          gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
          gtk_grid_attach (GTK_GRID (grid), cell, (int) t + 1, (int) c + 1, 1, 1);
        }
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->matrix), grid);
}

static void
mode_changed (PlProvisionsView *self)
{
  gboolean matrix = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->mode));

  if (matrix)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "matrix");
  else
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
      /* The list follows the filter while the view shows. */
      if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
        rebuild_list (self);
    }
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pl_provisions_view_dispose (GObject *object)
{
  PlProvisionsView *self = PL_PROVISIONS_VIEW (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->notebook);
  g_clear_object (&self->shown);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->headings, g_hash_table_unref);
  self->stack = NULL;
  g_clear_pointer (&self->outer, gtk_widget_unparent);

  G_OBJECT_CLASS (pl_provisions_view_parent_class)->dispose (object);
}

/* Hidden, the list is made again only when the view is shown. */
static void
catch_up (PlProvisionsView *self)
{
  if (self->stale)
    rebuild_list (self);
}

static void
filter_changed (PlProvisionsView *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
}

static void
pl_provisions_view_map (GtkWidget *widget)
{
  catch_up (PL_PROVISIONS_VIEW (widget));
  GTK_WIDGET_CLASS (pl_provisions_view_parent_class)->map (widget);
}

static void
pl_provisions_view_class_init (PlProvisionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_provisions_view_dispose;
  widget_class->map = pl_provisions_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "provisionsview");
}

static void
pl_provisions_view_init (PlProvisionsView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *list_toggle = gtk_toggle_button_new_with_mnemonic (_("_Provisions"));
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *list_scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));

  self->mode = gtk_toggle_button_new_with_mnemonic (_("_Comparison"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->mode), GTK_TOGGLE_BUTTON (list_toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (list_toggle), TRUE);
  g_signal_connect_swapped (self->mode, "toggled", G_CALLBACK (mode_changed), self);
  gtk_widget_add_css_class (linked, "linked");
  gtk_box_append (GTK_BOX (linked), list_toggle);
  gtk_box_append (GTK_BOX (linked), self->mode);

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_set_hexpand (self->count, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count), 1.0);
  gtk_box_append (GTK_BOX (bar), linked);
  gtk_box_append (GTK_BOX (bar), self->count);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (outer), bar);

  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    PlPlaces *places;

    self->rows = g_list_store_new (G_TYPE_OBJECT);
    self->headings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    places = pl_places_new (G_LIST_MODEL (self->rows));
    g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
    /* A grid of one column: GTK 4.8's list view keeps 200 rows bound and
     * measured, 0.7 ms each with their wrapped texts, at every change of
     * the filter; its grid view keeps about 30. */
    self->list = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (places))), factory);
    gtk_grid_view_set_max_columns (GTK_GRID_VIEW (self->list), 1);
    gtk_grid_view_set_single_click_activate (GTK_GRID_VIEW (self->list), TRUE);
    gtk_widget_add_css_class (self->list, "provisions-list");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Provisions"), -1);
    g_signal_connect (self->list, "activate", G_CALLBACK (row_activated), self);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scrolled), self->list);
  }

  self->page = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->page), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->matrix = gtk_scrolled_window_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Matching Provisions"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("No provision matches all the filters."));
  gtk_widget_set_halign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "win.clear-filters");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), clear);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), list_scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), self->page, "provision");
  gtk_stack_add_named (GTK_STACK (self->stack), self->matrix, "matrix");
  gtk_box_append (GTK_BOX (outer), self->stack);

  self->outer = outer;
  gtk_widget_set_parent (outer, GTK_WIDGET (self));
}

void
pl_provisions_view_set_filter (PlProvisionsView *self,
                               PlFilter         *filter)
{
  g_return_if_fail (PL_IS_PROVISIONS_VIEW (self));

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  g_set_object (&self->store, (filter != NULL ? pl_filter_get_store (filter) : NULL));
  /* The reader's notes are those the filter reads. */
  g_set_object (&self->notebook, (filter != NULL ? pl_filter_get_notebook (filter) : NULL));

  g_clear_object (&self->shown);

  if (filter != NULL)
    g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed), self);

  rebuild_matrix (self);
  self->stale = TRUE;
  pl_provisions_view_show_list (self);
}

void
pl_provisions_view_show_provision (PlProvisionsView *self,
                                   PlProvision      *provision)
{
  g_return_if_fail (PL_IS_PROVISIONS_VIEW (self));

  g_set_object (&self->shown, provision);
  rebuild_page (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "provision");
}

void
pl_provisions_view_show_list (PlProvisionsView *self)
{
  g_return_if_fail (PL_IS_PROVISIONS_VIEW (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->mode), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  /* Hidden, the list is made when the view is shown. */
  if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild_list (self);
}

void
pl_provisions_view_show_matrix (PlProvisionsView *self)
{
  g_return_if_fail (PL_IS_PROVISIONS_VIEW (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->mode), TRUE);
}

PlProvision *
pl_provisions_view_get_provision (PlProvisionsView *self)
{
  g_return_val_if_fail (PL_IS_PROVISIONS_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "provision") != 0)
    return NULL;
  return self->shown;
}

