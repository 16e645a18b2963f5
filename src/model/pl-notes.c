/* pl-notes.c — annotations beside their dataset: orphans, order and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notes database knows items only by kind and id; this is where they
 * meet the dataset again, to find their titles, dates and quotes, and to
 * notice the ones whose item has gone. Those orphans are shown and
 * exported like any other annotation, in a place of their own, and never
 * dropped.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pl-error.h"
#include "pl-notes.h"
#include "pl-user-db-private.h"

/* ------------------------------------------------------------------ */
/* Orphans                                                             */

gboolean
pl_annotation_is_orphan (const PlAnnotation *annotation,
                         PlStore            *store)
{
  g_return_val_if_fail (annotation != NULL, FALSE);
  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (g_strcmp0 (annotation->dataset_id, pl_store_get_dataset_id (store)) != 0)
    return FALSE;

  return pl_store_lookup (store, annotation->item_kind, annotation->item_id) == NULL;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const PlAnnotation *x = *(const PlAnnotation * const *) a;
  const PlAnnotation *y = *(const PlAnnotation * const *) b;

  if (x->item_kind != y->item_kind)
    return x->item_kind < y->item_kind ? -1 : 1;
  return strcmp (x->item_id, y->item_id);
}

GPtrArray *
pl_user_db_list_orphans (PlUserDb  *db,
                         PlStore   *store,
                         GError   **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *orphans;

  g_return_val_if_fail (PL_IS_USER_DB (db), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  all = pl_user_db_list (db, pl_store_get_dataset_id (store), error);
  if (all == NULL)
    return NULL;

  orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  for (guint i = 0; i < all->len; i++)
    if (pl_annotation_is_orphan (all->pdata[i], store))
      g_ptr_array_add (orphans, pl_annotation_copy (all->pdata[i]));

  g_ptr_array_sort (orphans, compare_keys);
  return orphans;
}

/* ------------------------------------------------------------------ */
/* Titles and dates                                                    */

/* At most @max characters of @text on one line, with "…" when cut. */
static char *
one_line (const char *text,
          glong       max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;
  glong n = 0;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (max > 0 && n + (space ? 1 : 0) >= max)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
        }
      space = FALSE;
      g_string_append_unichar (out, c);
      n++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pl_notes_record_title (PlRecord *record)
{
  g_return_val_if_fail (PL_IS_RECORD (record), NULL);

  switch (pl_record_get_kind (record))
    {
    case PL_ITEM_KIND_EVENT:
      return one_line (((PlEvent *) record)->title, 0);
    case PL_ITEM_KIND_ACTOR:
      return one_line (((PlActor *) record)->name, 0);
    case PL_ITEM_KIND_PROVISION:
      {
        PlProvision *provision = (PlProvision *) record;
        g_autofree char *article = one_line (provision->article, 0);
        g_autofree char *title = one_line (provision->title, 0);

        if (article[0] == '\0')
          return g_steal_pointer (&title);
        if (title[0] == '\0')
          return g_steal_pointer (&article);
        /* Translators: a provision's article and its title, e.g. "Article 3: No help for an aggressor" */
        return g_strdup_printf (_("%s: %s"), article, title);
      }
    case PL_ITEM_KIND_TREATY:
      return one_line (((PlTreaty *) record)->title, 0);
    case PL_ITEM_KIND_QUOTE:
      {
        PlQuote *quote = (PlQuote *) record;
        g_autofree char *text = one_line (quote->text, 80);
        g_autofree char *quoted = NULL;
        const char *who = NULL;

        if (quote->speaker != NULL)
          who = quote->speaker->name;
        else if (quote->document != NULL)
          who = quote->document->title;

        /* Translators: the quotation marks around a quoted passage */
        quoted = g_strdup_printf (_("“%s”"), text);
        if (who == NULL || who[0] == '\0')
          return g_steal_pointer (&quoted);
        /* Translators: who said it and what, e.g. "A. President: “This is a new chapter.”" */
        return g_strdup_printf (_("%s: %s"), who, quoted);
      }
    case PL_ITEM_KIND_SOURCE:
      return one_line (((PlSource *) record)->title, 0);
    case PL_ITEM_KIND_THEME:
      return one_line (((PlTheme *) record)->name, 0);
    case PL_ITEM_KIND_ERA:
      return one_line (((PlEra *) record)->title, 0);
    case PL_ITEM_KIND_CLAUSE_TYPE:
      return one_line (((PlClauseType *) record)->title, 0);
    case PL_ITEM_KIND_COMPARISON:
    default:
      return g_strdup (pl_record_get_id (record));
    }
}

PlDate
pl_notes_record_date (PlRecord *record)
{
  PlDate none = PL_DATE_INIT;

  g_return_val_if_fail (PL_IS_RECORD (record), none);

  switch (pl_record_get_kind (record))
    {
    case PL_ITEM_KIND_EVENT:
      return ((PlEvent *) record)->start;
    case PL_ITEM_KIND_QUOTE:
      return ((PlQuote *) record)->said_on;
    case PL_ITEM_KIND_PROVISION:
      {
        PlTreaty *treaty = ((PlProvision *) record)->treaty;
        return treaty != NULL ? treaty->signed_on : none;
      }
    case PL_ITEM_KIND_TREATY:
      return ((PlTreaty *) record)->signed_on;
    case PL_ITEM_KIND_SOURCE:
      return ((PlSource *) record)->published;
    case PL_ITEM_KIND_ERA:
      return ((PlEra *) record)->start;
    case PL_ITEM_KIND_ACTOR:
    case PL_ITEM_KIND_THEME:
    case PL_ITEM_KIND_CLAUSE_TYPE:
    case PL_ITEM_KIND_COMPARISON:
    default:
      return none;
    }
}

/* The date an item is shown with: an event's span, otherwise its date. */
static char *
format_record_date (PlRecord *record)
{
  PlDate date = pl_notes_record_date (record);
  g_autofree char *start = pl_date_format (&date);

  if (start != NULL && PL_IS_EVENT (record))
    {
      PlEvent *event = PL_EVENT (record);
      g_autofree char *end = pl_date_format (&event->end);

      if (end != NULL && !pl_date_equal (&event->start, &event->end))
        /* Translators: a span of dates, e.g. "12 June 2025 – 24 June 2025" */
        return g_strdup_printf (_("%s – %s"), start, end);
    }

  return g_steal_pointer (&start);
}

/* ------------------------------------------------------------------ */
/* Order                                                               */

typedef struct
{
  PlAnnotation *annotation;
  PlRecord     *record;     /* NULL: an orphan, or no store */
  PlDate        date;
  char         *title;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->title);
}

static GArray *
make_entries (GPtrArray *annotations,
              PlStore   *store)
{
  GArray *entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), annotations->len);

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  for (guint i = 0; i < annotations->len; i++)
    {
      Entry entry = { annotations->pdata[i], NULL, PL_DATE_INIT, NULL };

      if (store != NULL)
        entry.record = pl_store_lookup (store, entry.annotation->item_kind, entry.annotation->item_id);
      if (entry.record != NULL)
        {
          entry.date = pl_notes_record_date (entry.record);
          entry.title = pl_notes_record_title (entry.record);
        }
      g_array_append_val (entries, entry);
    }

  return entries;
}

static int
compare_by_item (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;
  int cmp;

  /* Orphans last. */
  if ((x->record == NULL) != (y->record == NULL))
    return x->record == NULL ? 1 : -1;

  if (x->record != NULL)
    {
      cmp = pl_date_compare (&x->date, &y->date);
      if (cmp != 0)
        return cmp;
      cmp = g_utf8_collate (x->title, y->title);
      if (cmp != 0)
        return cmp;
    }

  return compare_keys (&x->annotation, &y->annotation);
}

static int
compare_written (gconstpointer a,
                 gconstpointer b)
{
  const PlAnnotation *x = *(const PlAnnotation * const *) a;
  const PlAnnotation *y = *(const PlAnnotation * const *) b;

  if (x->modified != NULL && y->modified != NULL)
    {
      int cmp = g_date_time_compare (y->modified, x->modified);
      if (cmp != 0)
        return cmp;
    }
  else if (x->modified != y->modified)
    return x->modified == NULL ? 1 : -1;

  return compare_keys (a, b);
}

void
pl_notes_sort (GPtrArray    *annotations,
               PlStore      *store,
               PlNotesOrder  order)
{
  g_autoptr(GArray) entries = NULL;

  g_return_if_fail (annotations != NULL);
  g_return_if_fail (store == NULL || PL_IS_STORE (store));

  if (order == PL_NOTES_ORDER_WRITTEN)
    {
      g_ptr_array_sort (annotations, compare_written);
      return;
    }

  entries = make_entries (annotations, store);
  g_array_sort (entries, compare_by_item);
  for (guint i = 0; i < entries->len; i++)
    annotations->pdata[i] = g_array_index (entries, Entry, i).annotation;
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */

static const char *
kind_heading (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT:
      /* Translators: a heading in exported notes */
      return _("Events");
    case PL_ITEM_KIND_ACTOR:
      /* Translators: a heading in exported notes */
      return _("Actors");
    case PL_ITEM_KIND_PROVISION:
      /* Translators: a heading in exported notes */
      return _("Provisions");
    case PL_ITEM_KIND_TREATY:
      /* Translators: a heading in exported notes */
      return _("Treaties");
    case PL_ITEM_KIND_QUOTE:
      /* Translators: a heading in exported notes */
      return _("Quotes");
    case PL_ITEM_KIND_SOURCE:
      /* Translators: a heading in exported notes */
      return _("Sources");
    case PL_ITEM_KIND_THEME:
      /* Translators: a heading in exported notes */
      return _("Themes");
    case PL_ITEM_KIND_ERA:
      /* Translators: a heading in exported notes */
      return _("Eras");
    case PL_ITEM_KIND_CLAUSE_TYPE:
    case PL_ITEM_KIND_COMPARISON:
    default:
      /* Translators: a heading in exported notes */
      return _("Other items");
    }
}

static const char *
kind_label (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT:
      /* Translators: a kind of item, before its id: Event “signing” */
      return C_("item kind", "Event");
    case PL_ITEM_KIND_ACTOR:
      /* Translators: a kind of item, before its id: Actor “putin” */
      return C_("item kind", "Actor");
    case PL_ITEM_KIND_PROVISION:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Provision");
    case PL_ITEM_KIND_TREATY:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Treaty");
    case PL_ITEM_KIND_QUOTE:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Quote");
    case PL_ITEM_KIND_SOURCE:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Source");
    case PL_ITEM_KIND_THEME:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Theme");
    case PL_ITEM_KIND_ERA:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Era");
    case PL_ITEM_KIND_CLAUSE_TYPE:
    case PL_ITEM_KIND_COMPARISON:
    default:
      /* Translators: a kind of item, before its id */
      return C_("item kind", "Item");
    }
}

/* Text from the dataset, so that Markdown shows it as written. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
append_escaped_line (GString    *out,
                     const char *text)
{
  g_autofree char *line = one_line (text, 0);

  append_escaped (out, line);
}

/* An item that the export cannot look up: Event “old-id”. */
static void
append_key (GString            *out,
            const PlAnnotation *annotation)
{
  g_autofree char *id = one_line (annotation->item_id, 0);
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autofree char *quoted = NULL;

  append_escaped (escaped, id);
  /* Translators: the quotation marks around a quoted passage */
  quoted = g_strdup_printf (_("“%s”"), escaped->str);
  g_string_append_printf (out, "%s %s", kind_label (annotation->item_kind), quoted);
}

static void
append_status (GString            *out,
               const PlAnnotation *annotation)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (annotation->starred)
    /* Translators: in exported notes, for a starred item */
    g_ptr_array_add (parts, g_strdup (_("★ Starred")));
  if (annotation->highlight != NULL && annotation->highlight[0] != '\0')
    {
      const char *label = pl_highlight_get_label (annotation->highlight);
      /* Translators: in exported notes; %s is a colour, e.g. "Yellow" */
      g_ptr_array_add (parts, g_strdup_printf (_("Highlight: %s"),
                                               label != NULL ? label : annotation->highlight));
    }
  if (annotation->tags != NULL && annotation->tags[0] != NULL)
    {
      g_autoptr(GString) tags = g_string_new (NULL);

      for (guint i = 0; annotation->tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (tags, ", ");
          append_escaped (tags, annotation->tags[i]);
        }
      /* Translators: in exported notes; %s is a list of tags, e.g. "exam, alliance" */
      g_ptr_array_add (parts, g_strdup_printf (_("Tags: %s"), tags->str));
    }

  if (parts->len == 0)
    return;

  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " · " : "", (char *) parts->pdata[i]);
  g_string_append (out, "\n\n");
}

/* The note as the user wrote it, without blank lines around it. */
static void
append_note (GString            *out,
             const PlAnnotation *annotation)
{
  const char *start = annotation->note != NULL ? annotation->note : "";
  const char *end;

  while (*start == '\n' || *start == '\r')
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (end == start)
    return;

  g_string_append_len (out, start, end - start);
  g_string_append (out, "\n\n");
}

static gboolean
is_plain_url (const char *url)
{
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return FALSE;
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == '<' || *p == '>')
      return FALSE;
  return TRUE;
}

/* > “text”
 * > — Speaker, date. Source, outlet, author, published. <url> */
static void
append_quote (GString *out,
              PlQuote *quote)
{
  g_auto(GStrv) lines = g_strsplit (quote->text != NULL ? quote->text : "", "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) attribution = g_string_new (NULL);
  g_autofree char *said_on = pl_date_format (&quote->said_on);
  g_autofree char *quoted = NULL;
  const char *who = NULL;
  PlSource *source = quote->source;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n> ");
      append_escaped (text, lines[i]);
    }
  /* Translators: the quotation marks around a quoted passage */
  quoted = g_strdup_printf (_("“%s”"), text->str);
  g_string_append_printf (out, "> %s\n", quoted);

  if (quote->speaker != NULL)
    who = quote->speaker->name;
  else if (quote->document != NULL)
    who = quote->document->title;

  if (who != NULL && who[0] != '\0')
    append_escaped_line (attribution, who);
  if (said_on != NULL)
    g_string_append_printf (attribution, "%s%s", attribution->len > 0 ? ", " : "", said_on);
  if (attribution->len > 0)
    g_string_append_c (attribution, '.');

  if (source != NULL)
    {
      g_autofree char *published = pl_date_format (&source->published);

      if (attribution->len > 0)
        g_string_append_c (attribution, ' ');
      append_escaped_line (attribution, source->title);
      if (source->outlet != NULL && source->outlet[0] != '\0')
        {
          g_string_append (attribution, ", ");
          append_escaped_line (attribution, source->outlet);
        }
      if (source->author != NULL && source->author[0] != '\0')
        {
          g_string_append (attribution, ", ");
          append_escaped_line (attribution, source->author);
        }
      if (published != NULL)
        g_string_append_printf (attribution, ", %s", published);
      g_string_append_c (attribution, '.');
      if (source->url != NULL && is_plain_url (source->url))
        g_string_append_printf (attribution, " <%s>", source->url);
    }

  if (attribution->len > 0)
    g_string_append_printf (out, "> — %s\n", attribution->str);
  g_string_append_c (out, '\n');
}

static void
append_quotes (GString    *out,
               GListModel *quotes)
{
  guint n = quotes != NULL ? g_list_model_get_n_items (quotes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlQuote) quote = g_list_model_get_item (quotes, i);
      append_quote (out, quote);
    }
}

static void
append_item (GString     *out,
             const Entry *entry,
             PlStore     *store)
{
  PlRecord *record = entry->record;
  g_autofree char *date = NULL;

  g_string_append (out, "### ");
  if (record == NULL)
    {
      append_key (out, entry->annotation);
      g_string_append (out, "\n\n");
      append_status (out, entry->annotation);
      append_note (out, entry->annotation);
      return;
    }

  append_escaped (out, entry->title);
  date = format_record_date (record);
  if (date != NULL)
    g_string_append_printf (out, " (%s)", date);
  g_string_append (out, "\n\n");

  /* What the title leaves out: a provision's treaty, an actor's role. */
  if (PL_IS_PROVISION (record) && PL_PROVISION (record)->treaty != NULL)
    {
      g_string_append_c (out, '*');
      append_escaped_line (out, PL_PROVISION (record)->treaty->title);
      g_string_append (out, "*\n\n");
    }
  else if (PL_IS_ACTOR (record) && PL_ACTOR (record)->role != NULL && PL_ACTOR (record)->role[0] != '\0')
    {
      g_string_append_c (out, '*');
      append_escaped_line (out, PL_ACTOR (record)->role);
      g_string_append (out, "*\n\n");
    }

  append_status (out, entry->annotation);
  append_note (out, entry->annotation);

  if (PL_IS_EVENT (record))
    {
      g_autoptr(GListModel) quotes = pl_store_list_quotes_for_event (store, PL_EVENT (record));
      append_quotes (out, quotes);
    }
  else if (PL_IS_PROVISION (record))
    {
      g_autoptr(GListModel) quotes = pl_store_list_quotes_for_provision (store, PL_PROVISION (record));
      append_quotes (out, quotes);
    }
  else if (PL_IS_QUOTE (record))
    append_quote (out, PL_QUOTE (record));
}

/* The sections of an export: what an essay leans on first. */
static int
kind_rank (PlItemKind kind)
{
  switch (kind)
    {
    case PL_ITEM_KIND_EVENT:
      return 0;
    case PL_ITEM_KIND_PROVISION:
      return 1;
    case PL_ITEM_KIND_QUOTE:
      return 2;
    case PL_ITEM_KIND_ACTOR:
      return 3;
    case PL_ITEM_KIND_TREATY:
    case PL_ITEM_KIND_SOURCE:
    case PL_ITEM_KIND_THEME:
    case PL_ITEM_KIND_ERA:
    case PL_ITEM_KIND_CLAUSE_TYPE:
    case PL_ITEM_KIND_COMPARISON:
    default:
      return 4 + (int) kind;
    }
}

static int
compare_for_markdown (gconstpointer a,
                      gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;
  int x_rank = kind_rank (x->annotation->item_kind);
  int y_rank = kind_rank (y->annotation->item_kind);

  /* Orphans in their own section at the end; the rest by kind. */
  if ((x->record == NULL) != (y->record == NULL))
    return x->record == NULL ? 1 : -1;
  if (x_rank != y_rank)
    return x_rank < y_rank ? -1 : 1;
  return compare_by_item (a, b);
}

char *
pl_notes_to_markdown (GPtrArray  *annotations,
                      const char *dataset_id,
                      PlStore    *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) entries = NULL;
  gboolean have_store;
  gboolean in_orphans = FALSE;
  int kind = -1;

  g_return_val_if_fail (annotations != NULL, NULL);
  g_return_val_if_fail (dataset_id != NULL, NULL);
  g_return_val_if_fail (store == NULL || PL_IS_STORE (store), NULL);

  have_store = store != NULL && g_strcmp0 (pl_store_get_dataset_id (store), dataset_id) == 0;
  if (!have_store)
    store = NULL;

  g_string_append (out, "# ");
  {
    g_autoptr(GString) title = g_string_new (NULL);

    append_escaped_line (title, have_store ? pl_store_get_title (store) : dataset_id);
    /* Translators: the title of exported notes; %s is the dataset's title */
    g_string_append_printf (out, _("Notes on %s"), title->str);
  }
  g_string_append (out, "\n\n");

  {
    g_autoptr(GString) id = g_string_new (NULL);

    append_escaped (id, dataset_id);
    g_string_append_printf (out,
      /* Translators: under the title of exported notes; %u is a number, %s the dataset's id */
      g_dngettext (GETTEXT_PACKAGE, "%u annotated item from the dataset %s, exported from Pactline.",
                   "%u annotated items from the dataset %s, exported from Pactline.", annotations->len),
      annotations->len, id->str);
  }
  g_string_append (out, "\n\n");
  if (!have_store && annotations->len > 0)
    {
      g_string_append (out, _("The dataset was not available, so items are shown by their ids."));
      g_string_append (out, "\n\n");
    }

  entries = make_entries (annotations, store);
  g_array_sort (entries, compare_for_markdown);

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);

      if (have_store && entry->record == NULL)
        {
          if (!in_orphans)
            {
              g_string_append_printf (out, "## %s\n\n", _("Orphaned notes"));
              g_string_append (out, _("These notes are about items that no longer exist in this dataset. They are kept in case the items come back."));
              g_string_append (out, "\n\n");
              in_orphans = TRUE;
            }
        }
      else if ((int) entry->annotation->item_kind != kind)
        {
          kind = entry->annotation->item_kind;
          g_string_append_printf (out, "## %s\n\n", kind_heading (kind));
        }

      append_item (out, entry, store);
    }

  /* One newline at the end, none blank. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

char *
pl_notes_to_json (GPtrArray  *annotations,
                  const char *dataset_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (annotations != NULL, NULL);
  g_return_val_if_fail (dataset_id != NULL, NULL);

  /* Not g_ptr_array_copy(): the copy would free the annotations. */
  sorted = g_ptr_array_sized_new (annotations->len);
  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (sorted, annotations->pdata[i]);
  g_ptr_array_sort (sorted, compare_keys);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, PL_NOTES_FORMAT_NAME);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, PL_NOTES_FORMAT_VERSION);
  json_builder_set_member_name (builder, "dataset");
  json_builder_add_string_value (builder, dataset_id);
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);

  for (guint i = 0; i < sorted->len; i++)
    {
      const PlAnnotation *annotation = sorted->pdata[i];
      g_autofree char *created = annotation->created != NULL ? pl_user_db_format_time (annotation->created) : NULL;
      g_autofree char *modified = annotation->modified != NULL ? pl_user_db_format_time (annotation->modified) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, pl_enum_to_nick (PL_TYPE_ITEM_KIND, annotation->item_kind));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, annotation->item_id);
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, annotation->note != NULL ? annotation->note : "");
      json_builder_set_member_name (builder, "starred");
      json_builder_add_boolean_value (builder, annotation->starred);
      json_builder_set_member_name (builder, "highlight");
      if (annotation->highlight != NULL && annotation->highlight[0] != '\0')
        json_builder_add_string_value (builder, annotation->highlight);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint t = 0; annotation->tags != NULL && annotation->tags[t] != NULL; t++)
        json_builder_add_string_value (builder, annotation->tags[t]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, created);
      json_builder_set_member_name (builder, "modified");
      json_builder_add_string_value (builder, modified);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */

gboolean
pl_notes_format_for_path (const char     *path,
                          PlNotesFormat  *format,
                          GError        **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    *format = PL_NOTES_FORMAT_MARKDOWN;
  else if (g_str_has_suffix (lower, ".json"))
    *format = PL_NOTES_FORMAT_JSON;
  else
    {
      g_set_error (error, PL_ERROR, PL_ERROR_FAILED,
                   _("“%s” ends in neither .md nor .json, so it is not clear whether to write Markdown or JSON"),
                   path);
      return FALSE;
    }

  return TRUE;
}

gboolean
pl_notes_export_file (PlUserDb    *db,
                      const char  *dataset_id,
                      PlStore     *store,
                      const char  *path,
                      guint       *n_exported,
                      GError     **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *text = NULL;
  PlNotesFormat format;

  g_return_val_if_fail (PL_IS_USER_DB (db), FALSE);
  g_return_val_if_fail (dataset_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!pl_notes_format_for_path (path, &format, error))
    return FALSE;

  annotations = pl_user_db_list (db, dataset_id, error);
  if (annotations == NULL)
    return FALSE;

  if (format == PL_NOTES_FORMAT_MARKDOWN)
    text = pl_notes_to_markdown (annotations, dataset_id, store);
  else
    text = pl_notes_to_json (annotations, dataset_id);

  /* A temporary file beside @path, synced and renamed over it. */
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, error))
    return FALSE;

  if (n_exported != NULL)
    *n_exported = annotations->len;
  return TRUE;
}
