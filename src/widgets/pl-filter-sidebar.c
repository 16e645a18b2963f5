/* pl-filter-sidebar.c — search, dates and facets that filter every view
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar edits a PlFilter and shows what it does: how many events are
 * left, the active filters as removable chips, and for every facet value
 * how many events it would leave given the other facets ("Iran (12)").
 * Values that would leave nothing are hidden unless active, so long facet
 * lists stay short, and a facet with nothing to offer is hidden whole.
 * A facet shows FACET_PAGE values at first and more when asked; one with
 * more values than that has a field that narrows its list by name. Rows
 * are made the first time they are shown: a dataset may have thousands
 * of actors or sources, and a check button for each would hold the
 * window for seconds when it opens.
 * The reader's own marks and tags are facets too; the tags come and go as
 * the reader writes them. Dataset names and tags are plain text, never
 * markup.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-filter-sidebar.h"
#include "pl-widgets.h"

/* How many values a facet shows at first, and how many more each time
 * the reader asks. */
#define FACET_PAGE 100

typedef struct
{
  PlFacet     facet;
  char       *value;
  GtkWidget  *check;        /* NULL until first shown */
  char       *name;
  char       *key;          /* the name as the facet's find field compares it */
  guint       shown_count;  /* what the row says now, G_MAXUINT before the first update */
  gboolean    shown_active;
} FacetRow;

struct _PlFilterSidebar
{
  GtkWidget   parent_instance;

  PlFilter   *filter;
  GPtrArray  *rows;            /* FacetRow */
  gboolean    updating;
  char       *sent_text;       /* the entry's text last handed to the filter */

  GtkWidget  *scrolled;
  GtkWidget  *search_entry;
  GtkWidget  *summary;
  GtkWidget  *clear_button;
  GtkWidget  *chips;
  GtkWidget  *from_entry;
  GtkWidget  *to_entry;
  GtkWidget  *lists[PL_N_FACETS];    /* the check buttons */
  GtkWidget  *expanders[PL_N_FACETS];
  GtkWidget  *finds[PL_N_FACETS];    /* narrows a long facet's list by name */
  GtkWidget  *mores[PL_N_FACETS];    /* shows the next FACET_PAGE values */
  char       *find_keys[PL_N_FACETS];
  guint       limits[PL_N_FACETS];   /* how many values a facet shows */
  guint       focus_at[PL_N_FACETS]; /* the value to focus when shown, G_MAXUINT for none */
  GStrv       tags;            /* the tags the tag facet's rows are for */
};

G_DEFINE_FINAL_TYPE (PlFilterSidebar, pl_filter_sidebar, GTK_TYPE_WIDGET)

static void update (PlFilterSidebar *self);
static void make_check (PlFilterSidebar *self,
                        FacetRow        *row,
                        GtkWidget       *after);
static void add_value (PlFilterSidebar *self,
                       PlFacet          facet,
                       const char      *value,
                       const char      *name);

static void
facet_row_free (FacetRow *row)
{
  g_free (row->value);
  g_free (row->name);
  g_free (row->key);
  g_free (row);
}

/* Names compared without case or compatibility differences, so "iran"
 * finds "Iran" and "ﬁnance" finds "finance". */
static char *
find_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

/* ------------------------------------------------------------------ */
/* Editing                                                             */

static void
search_changed (GtkSearchEntry  *entry,
                PlFilterSidebar *self)
{
  if (!self->updating && self->filter != NULL)
    {
      g_free (self->sent_text);
      self->sent_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
      pl_filter_search (self->filter, self->sent_text);
    }
}

static void
check_toggled (GtkCheckButton *check,
               FacetRow       *row)
{
  PlFilterSidebar *self = g_object_get_data (G_OBJECT (check), "sidebar");

  if (!self->updating && self->filter != NULL)
    pl_filter_set_active (self->filter, row->facet, row->value, gtk_check_button_get_active (check));
}

/* A partial date typed by the reader; the range covers it whole, so
 * "2020" to "2022" keeps everything from 1 January 2020 to 31 December
 * 2022. */
static gboolean
parse_bound (GtkWidget *entry,
             gboolean   is_end,
             double    *day,
             gboolean  *given)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  PlDate date;
  guint32 first, last;

  *given = stripped[0] != '\0';
  if (!*given)
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, NULL);
      return TRUE;
    }

  if (!pl_date_parse (stripped, &date) || !pl_date_get_span (&date, &first, &last))
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, _("Type a year, a month or a day: 2020, 2020-06 or 2020-06-17"));
      return FALSE;
    }

  gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, NULL);
  *day = is_end ? last : first;
  return TRUE;
}

static void
dates_changed (PlFilterSidebar *self)
{
  double from = 0, to = 0;
  gboolean has_from, has_to;

  if (self->updating || self->filter == NULL)
    return;

  if (!parse_bound (self->from_entry, FALSE, &from, &has_from) ||
      !parse_bound (self->to_entry, TRUE, &to, &has_to))
    return;

  if (!has_from && !has_to)
    {
      pl_filter_clear_date_range (self->filter);
      return;
    }

  if (!has_from)
    from = 1;
  if (!has_to)
    to = 3652059;   /* 9999-12-31 */
  if (to < from)
    {
      gtk_widget_add_css_class (self->to_entry, "error");
      gtk_widget_set_tooltip_text (self->to_entry, _("The end comes before the start"));
      return;
    }

  pl_filter_set_date_range (self->filter, from, to);
}

static void
clear_all (PlFilterSidebar *self)
{
  if (self->filter != NULL)
    pl_filter_clear (self->filter);
}

static void
chip_clicked (GtkButton       *button,
              PlFilterSidebar *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "chip-kind");
  FacetRow *row = g_object_get_data (G_OBJECT (button), "chip-row");

  if (g_strcmp0 (kind, "text") == 0)
    pl_filter_set_text (self->filter, NULL);
  else if (g_strcmp0 (kind, "dates") == 0)
    pl_filter_clear_date_range (self->filter);
  else if (row != NULL)
    pl_filter_set_active (self->filter, row->facet, row->value, FALSE);
}

/* ------------------------------------------------------------------ */
/* Showing                                                             */

static GtkWidget *
add_chip (PlFilterSidebar *self,
          const char      *text,
          const char      *kind,
          FacetRow        *row)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *accessible = g_strdup_printf (_("Remove filter: %s"), text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "chip-kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (button), "chip-row", row);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked), self);
  gtk_flow_box_append (GTK_FLOW_BOX (self->chips), button);

  return button;
}

static char *
format_day (double day)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) day);
  PlDate partial = { (gint16) g_date_get_year (date), (guint8) g_date_get_month (date),
                     (guint8) g_date_get_day (date), PL_DATE_PRECISION_DAY };

  return pl_date_format (&partial);
}

/* The tag facet's rows, remade when the notebook's tags change. */
static void
update_tag_rows (PlFilterSidebar *self)
{
  static const char * const no_tags[] = { NULL };
  PlNotebook *notebook = pl_filter_get_notebook (self->filter);
  const char * const *tags = notebook != NULL ? pl_notebook_get_tags (notebook) : no_tags;
  GtkWidget *child;

  if (self->tags != NULL && g_strv_equal ((const char * const *) self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  for (guint i = self->rows->len; i > 0; i--)
    if (((FacetRow *) self->rows->pdata[i - 1])->facet == PL_FACET_TAG)
      g_ptr_array_remove_index (self->rows, i - 1);
  while ((child = gtk_widget_get_first_child (self->lists[PL_FACET_TAG])) != NULL)
    gtk_box_remove (GTK_BOX (self->lists[PL_FACET_TAG]), child);
  for (guint i = 0; tags[i] != NULL; i++)
    add_value (self, PL_FACET_TAG, tags[i], tags[i]);
}

static void
update (PlFilterSidebar *self)
{
  gboolean any_shown[PL_N_FACETS] = { FALSE, };
  guint n_values[PL_N_FACETS], n_listed[PL_N_FACETS];
  GtkWidget *last_check[PL_N_FACETS] = { NULL, };
  GtkWidget *focus = NULL;
  PlStore *store;
  guint n_total;
  g_autofree char *summary = NULL;
  const char *text;
  double first, last;
  GtkWidget *child;

  if (self->filter == NULL)
    return;

  self->updating = TRUE;
  update_tag_rows (self);
  memset (n_values, 0, sizeof n_values);
  memset (n_listed, 0, sizeof n_listed);
  store = pl_filter_get_store (self->filter);
  n_total = g_list_model_get_n_items (pl_store_get_items (store, PL_ITEM_KIND_EVENT));

  /* Translators: "12 of 69 events" match the filters */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u event", "%'u of %'u events", n_total),
                             pl_filter_get_n_events (self->filter), n_total);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  gtk_widget_set_sensitive (self->clear_button, !pl_filter_is_empty (self->filter));

  text = pl_filter_get_text (self->filter);
  /* Only a change of the text from elsewhere (a chip, Clear All, a
   * restored filter) rewrites the entry. The entry's own search landing
   * does not: the reader may have typed on meanwhile, and the entry sends
   * that itself once the typing pauses. Nor does any change while the
   * entry's search is still under way. */
  if (g_strcmp0 (text, self->sent_text) != 0 && !pl_filter_is_searching (self->filter))
    {
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      g_free (self->sent_text);
      self->sent_text = g_strdup (text);
    }

  while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->chips), child);

  if (text != NULL && text[0] != '\0')
    {
      /* Translators: a chip for the search text, e.g. “treaty” */
      g_autofree char *chip = g_strdup_printf (_("“%s”"), text);
      add_chip (self, chip, "text", NULL);
    }

  if (pl_filter_get_date_range (self->filter, &first, &last))
    {
      g_autofree char *from = format_day (first);
      g_autofree char *to = format_day (last);
      /* Translators: a chip for the date range, e.g. "1 January 2020 – 31 December 2022" */
      g_autofree char *chip = g_strdup_printf (_("%s – %s"), from, to);
      add_chip (self, chip, "dates", NULL);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      FacetRow *row = self->rows->pdata[i];
      PlFacet f = row->facet;
      gboolean active = pl_filter_is_active (self->filter, f, row->value);
      guint count = pl_filter_count (self->filter, f, row->value);
      gboolean listed = active || (count > 0 && (self->find_keys[f] == NULL ||
                                                 strstr (row->key, self->find_keys[f]) != NULL));
      gboolean in_page = FALSE;

      n_values[f]++;
      if (listed)
        in_page = ++n_listed[f] <= self->limits[f];

      if (in_page)
        {
          if (row->check == NULL)
            make_check (self, row, last_check[f]);
          /* Hundreds of rows, most unchanged by one letter: only the
           * ones that change are touched, so only they are laid out
           * again. */
          if (count != row->shown_count || active != row->shown_active)
            {
              g_autofree char *label = g_strdup_printf ("%s (%'u)", row->name, count);

              gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), active);
              gtk_check_button_set_label (GTK_CHECK_BUTTON (row->check), label);
              row->shown_count = count;
              row->shown_active = active;
            }
          if (!gtk_widget_get_visible (row->check))
            gtk_widget_set_visible (row->check, TRUE);
          if (n_listed[f] == self->focus_at[f])
            focus = row->check;
        }
      else if (row->check != NULL && gtk_widget_get_visible (row->check))
        gtk_widget_set_visible (row->check, FALSE);

      if (row->check != NULL)
        last_check[f] = row->check;
      any_shown[f] |= active || count > 0;
      if (active)
        add_chip (self, row->name, "facet", row);
    }
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      gtk_widget_set_visible (self->finds[f], n_values[f] > FACET_PAGE);
      if (n_listed[f] > self->limits[f])
        {
          guint rest = n_listed[f] - self->limits[f];
          /* Translators: a button under a long list of filter values,
           * e.g. "Show 4,900 More" */
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %'u More", "Show %'u More", rest), rest);

          gtk_button_set_label (GTK_BUTTON (self->mores[f]), more);
          gtk_widget_set_visible (self->mores[f], TRUE);
        }
      else
        gtk_widget_set_visible (self->mores[f], FALSE);
      self->focus_at[f] = G_MAXUINT;
    }
  for (guint f = 0; f < PL_N_FACETS; f++)
    gtk_widget_set_visible (self->expanders[f], any_shown[f]);

  gtk_widget_set_visible (self->chips, gtk_widget_get_first_child (self->chips) != NULL);
  self->updating = FALSE;

  /* The first of the values the reader asked to see; the button that
   * asked may have gone. */
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* The check button of @row, placed after @after (or first), the check
 * button of the value before it that has one. */
static void
make_check (PlFilterSidebar *self,
            FacetRow        *row,
            GtkWidget       *after)
{
  GtkWidget *check = gtk_check_button_new_with_label (row->name);
  GtkWidget *label = gtk_widget_get_last_child (check);

  /* GtkCheckButton labels are plain text unless use-markup is set. A
   * name may be one long word: it is cut short rather than widen the
   * sidebar, and the tooltip has it whole. Wrapping would cost a
   * height-for-width measure per value. The check button keeps this
   * label for later texts. */
  if (GTK_IS_LABEL (label))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (check, row->name);
  g_object_set_data (G_OBJECT (check), "sidebar", self);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), row);
  gtk_widget_set_visible (check, FALSE);

  row->check = check;
  gtk_box_insert_child_after (GTK_BOX (self->lists[row->facet]), check, after);
}

static void
add_value (PlFilterSidebar *self,
           PlFacet          facet,
           const char      *value,
           const char      *name)
{
  FacetRow *row = g_new0 (FacetRow, 1);

  row->facet = facet;
  row->value = g_strdup (value);
  row->name = g_strdup (name);
  row->key = find_key (name);
  row->shown_count = G_MAXUINT;
  g_ptr_array_add (self->rows, row);
}

/* The facet's list starts again at its first page. */
static void
reset_page (PlFilterSidebar *self,
            PlFacet          facet)
{
  self->limits[facet] = FACET_PAGE;
  self->focus_at[facet] = G_MAXUINT;
}

static void
show_more (GtkButton       *button,
           PlFilterSidebar *self)
{
  PlFacet facet = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "facet"));

  self->focus_at[facet] = self->limits[facet] + 1;
  self->limits[facet] += FACET_PAGE;
  update (self);
}

static void
find_changed (GtkSearchEntry  *entry,
              PlFilterSidebar *self)
{
  PlFacet facet = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "facet"));
  g_autofree char *key = find_key (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_clear_pointer (&self->find_keys[facet], g_free);
  if (key[0] != '\0')
    self->find_keys[facet] = g_steal_pointer (&key);
  reset_page (self, facet);
  update (self);
}

static void
fill_facets (PlFilterSidebar *self)
{
  PlStore *store = pl_filter_get_store (self->filter);
  static const struct { PlFacet facet; PlItemKind kind; } records[] = {
    { PL_FACET_ACTOR, PL_ITEM_KIND_ACTOR },
    { PL_FACET_THEME, PL_ITEM_KIND_THEME },
    { PL_FACET_SOURCE, PL_ITEM_KIND_SOURCE },
  };

  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->lists[f])) != NULL)
        gtk_box_remove (GTK_BOX (self->lists[f]), child);
      reset_page (self, f);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      GListModel *items = pl_store_get_items (store, records[r].kind);

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(PlRecord) record = g_list_model_get_item (items, i);
          const char *name = PL_IS_ACTOR (record) ? PL_ACTOR (record)->name
                           : PL_IS_THEME (record) ? PL_THEME (record)->name
                           : PL_SOURCE (record)->title;

          add_value (self, records[r].facet, record->id, name);
        }
    }

  for (int kind = PL_EVENT_KIND_AGREEMENT; kind <= PL_EVENT_KIND_OTHER; kind++)
    add_value (self, PL_FACET_EVENT_KIND, pl_enum_to_nick (PL_TYPE_EVENT_KIND, kind), pl_event_kind_label (kind));
  for (int certainty = PL_CERTAINTY_CONFIRMED; certainty <= PL_CERTAINTY_DISPUTED; certainty++)
    add_value (self, PL_FACET_CERTAINTY, pl_enum_to_nick (PL_TYPE_CERTAINTY, certainty), pl_certainty_label (certainty));
  add_value (self, PL_FACET_MARK, "starred", _("Starred"));
  add_value (self, PL_FACET_MARK, "highlighted", _("Highlighted"));
  add_value (self, PL_FACET_MARK, "note", _("With a Note"));
  g_clear_pointer (&self->tags, g_strfreev);
  update_tag_rows (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pl_filter_sidebar_dispose (GObject *object)
{
  PlFilterSidebar *self = PL_FILTER_SIDEBAR (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->sent_text, g_free);
  for (guint f = 0; f < PL_N_FACETS; f++)
    g_clear_pointer (&self->find_keys[f], g_free);

  G_OBJECT_CLASS (pl_filter_sidebar_parent_class)->dispose (object);
}

static void
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlFilterSidebar *self = PL_FILTER_SIDEBAR (widget);

  gtk_widget_grab_focus (self->search_entry);
}

static void
pl_filter_sidebar_class_init (PlFilterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_filter_sidebar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filtersidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
  gtk_widget_class_install_action (widget_class, "filters.focus-search", NULL, focus_search);
}

static GtkWidget *
date_entry (PlFilterSidebar *self,
            const char      *placeholder,
            const char      *accessible)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus;

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  focus = gtk_event_controller_focus_new ();

  /* Applied when the reader is done with the field, not at every
   * keystroke of a half-typed date. */
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (dates_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (dates_changed), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
pl_filter_sidebar_init (PlFilterSidebar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *summary_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dates = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) facet_row_free);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search events, quotes and names"), NULL);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (self->search_entry), 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  gtk_box_append (GTK_BOX (box), self->search_entry);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0.0);
  gtk_widget_set_hexpand (self->summary, TRUE);
  gtk_widget_add_css_class (self->summary, "dim-label");
  self->clear_button = gtk_button_new_with_mnemonic (_("C_lear All"));
  gtk_widget_add_css_class (self->clear_button, "flat");
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_all), self);
  gtk_box_append (GTK_BOX (summary_box), self->summary);
  gtk_box_append (GTK_BOX (summary_box), self->clear_button);
  gtk_box_append (GTK_BOX (box), summary_box);

  self->chips = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->chips), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->chips), 10);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->chips), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->chips), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chips), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active filters"), -1);
  gtk_box_append (GTK_BOX (box), self->chips);

  gtk_box_append (GTK_BOX (box), pl_heading (_("Dates")));
  /* Translators: the placeholders of the two date entries of the filter,
   * the start and the end of a range of dates */
  self->from_entry = date_entry (self, _("From"), _("From date"));
  self->to_entry = date_entry (self, _("To"), _("To date"));
  gtk_box_append (GTK_BOX (dates), self->from_entry);
  gtk_box_append (GTK_BOX (dates), gtk_label_new ("–"));
  gtk_box_append (GTK_BOX (dates), self->to_entry);
  gtk_box_append (GTK_BOX (box), dates);

  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      GtkWidget *expander = gtk_expander_new (pl_facet_title (f));
      GtkWidget *facet_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      /* Translators: the placeholder of the field that narrows a long
       * list of filter values, e.g. "Find in Actors" */
      g_autofree char *find = g_strdup_printf (_("Find in %s"), pl_facet_title (f));

      self->finds[f] = gtk_search_entry_new ();
      g_object_set (self->finds[f], "placeholder-text", find, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->finds[f]), GTK_ACCESSIBLE_PROPERTY_LABEL, find, -1);
      gtk_widget_set_visible (self->finds[f], FALSE);
      g_object_set_data (G_OBJECT (self->finds[f]), "facet", GUINT_TO_POINTER (f));
      g_signal_connect (self->finds[f], "search-changed", G_CALLBACK (find_changed), self);
      self->lists[f] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      self->mores[f] = gtk_button_new ();
      gtk_widget_add_css_class (self->mores[f], "flat");
      gtk_widget_set_halign (self->mores[f], GTK_ALIGN_START);
      gtk_widget_set_visible (self->mores[f], FALSE);
      g_object_set_data (G_OBJECT (self->mores[f]), "facet", GUINT_TO_POINTER (f));
      g_signal_connect (self->mores[f], "clicked", G_CALLBACK (show_more), self);
      gtk_box_append (GTK_BOX (facet_box), self->finds[f]);
      gtk_box_append (GTK_BOX (facet_box), self->lists[f]);
      gtk_box_append (GTK_BOX (facet_box), self->mores[f]);
      reset_page (self, f);
      gtk_expander_set_child (GTK_EXPANDER (expander), facet_box);
      gtk_expander_set_expanded (GTK_EXPANDER (expander), f != PL_FACET_SOURCE);
      gtk_widget_add_css_class (expander, "facet");
      self->expanders[f] = expander;
      gtk_box_append (GTK_BOX (box), expander);
    }

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filters"), -1);
}

void
pl_filter_sidebar_set_filter (PlFilterSidebar *self,
                              PlFilter        *filter)
{
  g_return_if_fail (PL_IS_FILTER_SIDEBAR (self));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  g_clear_pointer (&self->sent_text, g_free);

  if (filter != NULL)
    {
      g_signal_connect_swapped (filter, "changed", G_CALLBACK (update), self);
      fill_facets (self);
      update (self);
    }
}

PlFilter *
pl_filter_sidebar_get_filter (PlFilterSidebar *self)
{
  g_return_val_if_fail (PL_IS_FILTER_SIDEBAR (self), NULL);

  return self->filter;
}

void
pl_filter_sidebar_focus_search (PlFilterSidebar *self)
{
  g_return_if_fail (PL_IS_FILTER_SIDEBAR (self));

  gtk_widget_grab_focus (self->search_entry);
}
