/* test-hostile.c — a hostile dataset in every view: markup shown literally, only web links, no broken layout
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dataset is generated here: markup in every text field, a 100 KB
 * summary, a 5,000-character word, 3,000 actors on one event, a
 * whitespace-only title, right-to-left text, stacked combining marks and
 * emoji. Every text field starts with a tag, «kind.field», so a label that
 * shows it can be traced back to the field; shown literally, the tag is
 * followed by the markup exactly as written.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "model/pl-filter.h"
#include "model/pl-importer.h"
#include "model/pl-notebook.h"
#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-test-ui.h"
#include "pl-test-util.h"
#include "pl-window.h"
#include "widgets/pl-actor-page.h"
#include "widgets/pl-actors-view.h"
#include "widgets/pl-detail-pane.h"
#include "widgets/pl-filter-sidebar.h"
#include "widgets/pl-handout.h"
#include "widgets/pl-presentation.h"
#include "widgets/pl-provisions-view.h"
#include "widgets/pl-quote-card.h"
#include "widgets/pl-slide-view.h"
#include "widgets/pl-timeline.h"
#include "widgets/pl-widgets.h"

#define N_CROWD       3000
#define LONG_WORD     5000
/* Shorter unbroken words elsewhere: still fifteen thousand pixels wide. */
#define SHORT_WORD    1000
#define LONG_SUMMARY  (100 * 1024)
/* Other long texts: long enough to wrap over hundreds of lines, short
 * enough that the test does not spend its time laying them out. */
#define LONG_TEXT     (4 * 1024)
#define WINDOW_WIDTH  1280
#define WINDOW_HEIGHT 800

/* What a label shows right after a tag when the markup is not parsed. */
#define LITERAL "<span size=\"99999\">"

static PlApplication *application;
/* tag → the field's text as the dataset has it */
static GHashTable *hostile;
/* tags some label showed literally, over the whole run */
static GHashTable *seen;
/* GTK's complaints about markup it could not parse */
static GPtrArray *markup_warnings;
static char *dir;
static char *json_path;
static guint counter;
static gint64 start_time;

static gboolean
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  /* Text that reached a markup parser and failed: recorded, and the test
   * fails with the list instead of aborting at the first. */
  if (message != NULL && strstr (message, "markup") != NULL)
    {
      g_ptr_array_add (markup_warnings, g_strndup (message, 300));
      return FALSE;
    }
  return TRUE;
}

/* The same for GTK's structured messages, which skip the handler above. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
          strstr (fields[i].value, "markup") != NULL)
        {
          g_ptr_array_add (markup_warnings, g_strndup (fields[i].value, 300));
          return G_LOG_WRITER_HANDLED;
        }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
assert_no_markup_warnings (void)
{
  for (guint i = 0; i < markup_warnings->len; i++)
    g_test_message ("parsed as markup: %s", (char *) markup_warnings->pdata[i]);
  g_assert_cmpuint (markup_warnings->len, ==, 0);
}

/* The hostile text of one field; half of them are also invalid markup. */
static const char *
H (const char *tag)
{
  char *text = g_strdup_printf ("«%s» " LITERAL "big</span> <a href=\"file:///etc/passwd\">link</a> "
                                "<b>bold</b> & <i>%s</i>",
                                tag, counter++ % 2 == 0 ? "&bogus;" : "&amp;");

  g_hash_table_replace (hostile, g_strdup (tag), text);
  return text;
}

static char *
long_word (const char *tag,
           guint       length)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "«%s»", tag);
  for (guint i = 0; i < length; i++)
    g_string_append_c (s, 'W');
  g_hash_table_replace (hostile, g_strdup (tag), g_strdup (s->str));
  return g_string_free (s, FALSE);
}

static char *
long_summary (const char *tag,
              gsize       size)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "«%s» " LITERAL "big</span> 👩‍👩‍👧‍👦 ", tag);
  while (s->len < size)
    g_string_append (s, "<b>Lorem</b> ipsum &amp; dolor; مرحبا بالعالم שלום e\xcc\x81 ");
  g_hash_table_replace (hostile, g_strdup (tag), g_strdup (s->str));
  return g_string_free (s, FALSE);
}

/* One letter under fifty combining marks. */
static char *
zalgo (void)
{
  GString *s = g_string_new ("Z");

  for (guint i = 0; i < 50; i++)
    g_string_append_unichar (s, 0x0300 + (i % 0x70));
  g_string_append (s, "algo e\xcc\x81\xcc\x81\xcc\x81 caf\x65\xcc\x81");
  return g_string_free (s, FALSE);
}

#define RTL_ARABIC  "وزارة الخارجية <b>الإيرانية</b>"
#define RTL_HEBREW  "משרד החוץ <i>של</i> ישראל"
#define RTL_PERSIAN "قرارداد جامع راهبردی ایران و روسیه ‎(۲۰۲۵)‎"
#define EMOJI       "👩‍👩‍👧‍👦 🇮🇷 🇷🇺 🏳️‍🌈 🧑🏽‍🚀 ❤️‍🔥 <emoji>"

static void
member (JsonBuilder *b,
        const char  *name,
        const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
ids (JsonBuilder *b,
     const char  *name,
     const char  *first,
     ...)
{
  va_list args;

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    json_builder_add_string_value (b, id);
  va_end (args);
  json_builder_end_array (b);
}

static void
actor (JsonBuilder *b,
       const char  *id,
       const char  *name,
       const char  *country,
       const char  *role,
       const char  *summary)
{
  json_builder_begin_object (b);
  member (b, "id", id);
  member (b, "name", name);
  member (b, "kind", "person");
  member (b, "country", country);
  member (b, "role", role);
  if (summary != NULL)
    member (b, "summary", summary);
  json_builder_end_object (b);
}

static void
event (JsonBuilder *b,
       const char  *id,
       const char  *start,
       const char  *title,
       const char  *summary,
       const char  *date_note)
{
  member (b, "id", id);
  member (b, "start", start);
  member (b, "title", title);
  if (summary != NULL)
    member (b, "summary", summary);
  if (date_note != NULL)
    member (b, "date_note", date_note);
  member (b, "kind", "agreement");
  member (b, "certainty", "disputed");
}

/* The whole hostile dataset as JSON. */
static char *
hostile_json (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *word = long_word ("event.long-title", LONG_WORD);
  g_autofree char *summary = long_summary ("event.long-summary", LONG_SUMMARY);
  g_autofree char *text = long_summary ("long-text", LONG_TEXT);
  g_autofree char *actor_word = long_word ("actor.long-name", LONG_WORD);
  g_autofree char *treaty_word = long_word ("treaty.long-title", SHORT_WORD);
  g_autofree char *quote_summary = long_summary ("quote.long-text", LONG_TEXT);
  g_autofree char *source_word = long_word ("source.long-title", SHORT_WORD);
  g_autofree char *z = zalgo ();

  json_builder_begin_object (b);
  member (b, "format", "pactline-dataset");
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, 3);

  json_builder_set_member_name (b, "dataset");
  json_builder_begin_object (b);
  member (b, "id", "hostile");
  member (b, "title", H ("dataset.title"));
  member (b, "description", H ("dataset.description"));
  member (b, "language", "en");
  member (b, "version", H ("dataset.version"));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "s-markup");
  member (b, "title", H ("source.title"));
  member (b, "outlet", H ("source.outlet"));
  member (b, "author", H ("source.author"));
  member (b, "published", "2025-01-18");
  member (b, "url", "https://example.org/a?b=<b>&c=%3Ci%3E");
  member (b, "kind", "article");
  member (b, "description", H ("source.description"));
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "s-long");
  member (b, "title", source_word);
  member (b, "url", "");
  member (b, "kind", "other");
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  actor (b, "a-markup", H ("actor.name"), H ("actor.country"), H ("actor.role"), H ("actor.summary"));
  actor (b, "a-rtl", RTL_ARABIC, RTL_PERSIAN, RTL_HEBREW, RTL_PERSIAN);
  actor (b, "a-zalgo", z, z, z, NULL);
  actor (b, "a-emoji", EMOJI, EMOJI, EMOJI, NULL);
  actor (b, "a-long", actor_word, actor_word, actor_word, text);
  for (guint i = 0; i < N_CROWD; i++)
    {
      g_autofree char *id = g_strdup_printf ("crowd-%04u", i);
      g_autofree char *name = g_strdup_printf ("Crowd <b>%04u</b> &amp;", i);

      actor (b, id, name, "", "", NULL);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "themes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "t-markup");
  member (b, "name", H ("theme.name"));
  member (b, "color", "#3584e4");
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "t-rtl");
  member (b, "name", RTL_HEBREW);
  member (b, "color", "#e01b24");
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "eras");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "era-markup");
  member (b, "title", H ("era.title"));
  member (b, "start", "2020");
  member (b, "end", "2024-06");
  member (b, "color", "#c0bfbc");
  member (b, "summary", H ("era.summary"));
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  event (b, "ev-markup", "2025-01-17", H ("event.title"), H ("event.summary"), H ("event.date_note"));
  ids (b, "actors", "a-markup", "a-rtl", "a-zalgo", "a-emoji", NULL);
  ids (b, "themes", "t-markup", "t-rtl", NULL);
  ids (b, "sources", "s-markup", "s-long", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  event (b, "ev-long", "2024-03", word, summary, NULL);
  ids (b, "actors", "a-long", NULL);
  ids (b, "themes", "t-markup", NULL);
  ids (b, "sources", "s-long", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  event (b, "ev-crowd", "2023", "Three thousand actors", NULL, NULL);
  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "a-markup");
  for (guint i = 0; i < N_CROWD; i++)
    {
      g_autofree char *id = g_strdup_printf ("crowd-%04u", i);
      json_builder_add_string_value (b, id);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  event (b, "ev-blank", "2022-05-05", "   ", NULL, NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  event (b, "ev-rtl", "2022-06", RTL_ARABIC " — " RTL_HEBREW, RTL_PERSIAN, RTL_HEBREW);
  ids (b, "actors", "a-rtl", NULL);
  ids (b, "themes", "t-rtl", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  event (b, "ev-zalgo", "2021-02-03", z, z, z);
  ids (b, "actors", "a-zalgo", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  event (b, "ev-emoji", "2021-09", EMOJI, EMOJI, NULL);
  ids (b, "actors", "a-emoji", NULL);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "treaties");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "tr-markup");
  member (b, "title", H ("treaty.title"));
  ids (b, "parties", "a-markup", "a-rtl", NULL);
  member (b, "signed", "2025-01-17");
  member (b, "summary", H ("treaty.summary"));
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "tr-long");
  member (b, "title", treaty_word);
  ids (b, "parties", "a-long", NULL);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "provisions");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "p-markup");
  member (b, "treaty", "tr-markup");
  member (b, "article", H ("provision.article"));
  member (b, "area", "security");
  member (b, "title", H ("provision.title"));
  member (b, "summary", H ("provision.summary"));
  member (b, "text", H ("provision.text"));
  member (b, "strength", "binding");
  ids (b, "themes", "t-markup", NULL);
  ids (b, "sources", "s-markup", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "p-long");
  member (b, "treaty", "tr-long");
  member (b, "article", treaty_word);
  member (b, "area", "a-very-long-area-slug-that-is-not-a-known-area");
  member (b, "title", treaty_word);
  member (b, "summary", text);
  member (b, "strength", "unknown");
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "quotes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "q-markup");
  member (b, "text", H ("quote.text"));
  member (b, "speaker", "a-markup");
  member (b, "source", "s-markup");
  member (b, "said_on", "2025-01-17");
  member (b, "context", H ("quote.context"));
  ids (b, "events", "ev-markup", NULL);
  ids (b, "provisions", "p-markup", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "q-long");
  member (b, "text", quote_summary);
  member (b, "document", "tr-long");
  member (b, "source", "s-long");
  ids (b, "events", "ev-long", NULL);
  ids (b, "provisions", "p-long", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "q-rtl");
  member (b, "text", RTL_PERSIAN " " EMOJI);
  member (b, "speaker", "a-rtl");
  member (b, "source", "s-markup");
  ids (b, "events", "ev-rtl", NULL);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "clause_types");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "ct-markup");
  member (b, "title", H ("clause_type.title"));
  member (b, "description", H ("clause_type.description"));
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "id", "ct-long");
  member (b, "title", treaty_word);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "comparisons");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "clause_type", "ct-markup");
  member (b, "treaty", "tr-markup");
  member (b, "value", "yes");
  member (b, "note", H ("comparison.note"));
  ids (b, "provisions", "p-markup", NULL);
  ids (b, "quotes", "q-markup", NULL);
  ids (b, "events", "ev-markup", NULL);
  ids (b, "sources", "s-markup", NULL);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "clause_type", "ct-long");
  member (b, "treaty", "tr-long");
  member (b, "value", "partial");
  member (b, "note", text);
  ids (b, "provisions", "p-long", NULL);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tours");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "id", "tour-markup");
  member (b, "title", H ("tour.title"));
  member (b, "intro", H ("tour.intro"));
  ids (b, "events", "ev-markup", "ev-long", "ev-crowd", "ev-blank", "ev-rtl", "ev-zalgo", "ev-emoji", NULL);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The hostile dataset written once, as JSON, for every test. */
static const char *
hostile_path (void)
{
  if (json_path == NULL)
    {
      g_autofree char *json = hostile_json ();

      dir = pl_test_mkdtemp ();
      json_path = pl_test_write_file (dir, "hostile.json", json, -1);
    }
  return json_path;
}

/* ---- A long text ---- */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The 100 KB summary: the pane shows its start, up to a space, and a
 * button; the button puts the whole of it in a text view instead. */
static void
check_long_summary (GtkWidget  *pane,
                    const char *summary)
{
  GtkWidget *button = find_button (pane, "Show the _Whole Text");
  GtkWidget *box;
  GtkWidget *excerpt;
  GtkWidget *view;
  const char *shown;
  g_autofree char *whole = NULL;
  GtkTextIter start, end;

  g_assert_nonnull (button);
  box = gtk_widget_get_parent (button);
  excerpt = gtk_widget_get_first_child (box);
  g_assert_true (GTK_IS_LABEL (excerpt));
  shown = gtk_label_get_text (GTK_LABEL (excerpt));
  g_assert_true (g_str_has_suffix (shown, " …"));
  g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, 4000 + 2);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), >=, 3600);
  g_assert_true (strncmp (shown, summary, strlen (shown) - strlen (" …")) == 0);
  g_assert_true (g_unichar_isspace (g_utf8_get_char (summary + strlen (shown) - strlen (" …"))));

  /* As from the keyboard: focused, then activated; the button stays and
   * keeps the focus, and shows the start again. */
  g_assert_true (gtk_widget_grab_focus (button));
  pl_test_wait_ms (100);
  g_assert_true (gtk_widget_activate (button));
  pl_test_wait_ms (400);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Show _Less");
  g_assert_true (gtk_widget_has_focus (button));
  g_assert_false (gtk_widget_get_visible (excerpt));
  view = pl_test_find_child (box, GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_visible (view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  whole = gtk_text_iter_get_text (&start, &end);
  /* A button activated from the keyboard clicks a quarter second later. */
  g_assert_true (gtk_widget_activate (button));
  pl_test_wait_ms (400);
  g_assert_true (gtk_widget_get_visible (excerpt));
  g_assert_null (pl_test_find_child (box, GTK_TYPE_TEXT_VIEW));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Show the _Whole Text");
  g_assert_cmpstr (whole, ==, summary);
}

/* ---- Walking the widget tree ---- */

typedef struct
{
  guint n_labels;       /* labels with a tagged text */
  guint n_rows;         /* rows with a tagged title or subtitle */
  guint n_too_wide;
} Walk;

/* @text holds tags: each must be followed by its field's text as written,
 * or at least by the start of it where the label shows an excerpt. */
static void
check_literal (const char *text,
               const char *where,
               GtkWidget  *widget)
{
  for (const char *p = strstr (text, "«"); p != NULL; p = strstr (p + 1, "«"))
    {
      const char *end = strstr (p, "»");
      g_autofree char *tag = NULL;
      const char *expected;
      const char *rest;
      const char *want;

      if (end == NULL)
        continue;
      tag = g_strndup (p + strlen ("«"), end - p - strlen ("«"));
      expected = g_hash_table_lookup (hostile, tag);
      if (expected == NULL)
        continue;
      rest = end + strlen ("»");
      want = strstr (expected, "»") + strlen ("»");
      /* Whole, or an excerpt, but the markup right after the tag is there
       * as written: parsed, " <span size=…>big" would read " big". */
      if (strncmp (rest, want, MIN (strlen (want), 24)) != 0)
        g_error ("%s %s shows «%s» as markup: “%.200s”", where, G_OBJECT_TYPE_NAME (widget), tag, text);
      g_hash_table_add (seen, g_strdup (tag));
    }
}

static void
walk (GtkWidget *widget,
      Walk      *w)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (strstr (text, "«") != NULL)
        {
          w->n_labels++;
          check_literal (text, "label in", gtk_widget_get_parent (widget));
        }
    }

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      const char *subtitle = ADW_IS_ACTION_ROW (widget) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (widget))
                           : ADW_IS_EXPANDER_ROW (widget) ? adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget))
                           : NULL;
      gboolean markup = adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget));

      for (guint i = 0; i < 2; i++)
        {
          const char *text = i == 0 ? title : subtitle;

          if (text == NULL || strstr (text, "«") == NULL)
            continue;
          w->n_rows++;
          /* Markup on, the text must have been escaped: no raw tag left. */
          if (markup && strstr (text, LITERAL) != NULL)
            g_error ("%s shows dataset text with use-markup on: “%.200s”", G_OBJECT_TYPE_NAME (widget), text);
        }
    }

  /* Nothing wider than the window, however long its text. */
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      int width = gtk_widget_get_width (widget);

      if (GTK_IS_WIDGET (root) && width > gtk_widget_get_width (GTK_WIDGET (root)))
        {
          g_test_message ("%d px wide label in %s: “%.80s”", width,
                          G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                          gtk_label_get_text (GTK_LABEL (widget)));
          w->n_too_wide++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, w);
}

/* Draws @widget as it is now into a texture: nothing may crash. */
static void
render (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    {
      g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
    }
}

/* Walks and draws the whole window as the reader sees it now. */
static void
check_window_full (GtkWidget  *window,
                   const char *step,
                   gboolean    draw)
{
  Walk w = { 0 };

  pl_test_wait_ms (150);
  walk (window, &w);
  g_test_message ("%s: %u tagged labels, %u tagged rows, %.1f s", step, w.n_labels, w.n_rows,
                  (g_get_monotonic_time () - start_time) / (double) G_TIME_SPAN_SECOND);

  /* The window keeps its size: no text pushes it wider or taller. */
  g_assert_cmpint (gtk_widget_get_width (window), <=, WINDOW_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (window), <=, WINDOW_HEIGHT);
  if (w.n_too_wide > 0)
    g_error ("%s: %u labels are wider than the window", step, w.n_too_wide);

  /* The frame clock draws the window anyway; drawing it again into a
   * texture costs time, so only where the longest texts are on show. */
  if (draw)
    render (window);
  assert_no_markup_warnings ();
}

static void
check_window (GtkWidget  *window,
              const char *step)
{
  check_window_full (window, step, FALSE);
}

/* ---- Opening ---- */

static PlWindow *
open_window (const char *path)
{
  PlWindow *window = pl_window_new (application);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 deadline = g_get_monotonic_time () + 40 * G_TIME_SPAN_SECOND;
  GtkStack *content;


  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  content = GTK_STACK (pl_test_find_child (GTK_WIDGET (window), GTK_TYPE_STACK));
  while (pl_window_get_store (window) == NULL && g_get_monotonic_time () < deadline &&
         g_strcmp0 (gtk_stack_get_visible_child_name (content), "error") != 0)
    g_main_context_iteration (NULL, FALSE);
  pl_test_wait_ms (200);
  return window;
}

static void
show (PlWindow   *window,
      const char *action,
      const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "s", id));
  pl_test_wait_ms (250);
}

static void
assert_seen (const char * const *tags)
{
  gboolean all = TRUE;

  for (guint i = 0; tags[i] != NULL; i++)
    if (!g_hash_table_contains (seen, tags[i]))
      {
        g_test_message ("never shown: «%s»", tags[i]);
        all = FALSE;
      }
  g_assert_true (all);
}

/* ---- Tests ---- */

static void
test_uri_is_web (void)
{
  const char *web[] = {
    "https://example.org", "http://example.org/a?b=c#d", "HTTPS://Example.ORG/",
    "HtTp://example.org:8080/", "https://example.org/a?b=<b>&c=%3Ci%3E",
  };
  const char *not_web[] = {
    "", "file:///etc/passwd", "FILE:///etc/passwd", "javascript:alert(1)", "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "mailto:someone@example.org", "ftp://example.org/",
    " https://example.org", "https://example.org ", "\thttps://example.org", "https://exa mple.org",
    "java\tscript:alert(1)", "https://example.org/\n", "http:", "https://", "https:///etc/passwd",
    "http:/example.org", "//example.org/", "example.org", "www.example.org/https://",
    "about:blank", "resource:///io/github/pactline", "x-https://example.org",
    "https\x01://example.org",
  };

  g_assert_false (pl_uri_is_web (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (web); i++)
    if (!pl_uri_is_web (web[i]))
      g_error ("“%s” is a web address", web[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_web); i++)
    if (pl_uri_is_web (not_web[i]))
      g_error ("“%s” is not a web address", not_web[i]);
}

/* The importer refuses what the format rules out, saying where and why. */
static void
test_importer_refuses (void)
{
  static const struct { const char *from; const char *to; const char *problem; } cases[] = {
    { "\"title\": \"The treaty is signed\"", "\"title\": \"\"", "events[1].title: must not be empty" },
    { "\"https://example.org/1\"", "\"javascript:alert(1)\"", "sources[0].url: \"javascript:alert(1)\" is not an http:// or https:// address" },
    { "\"https://example.org/1\"", "\"file:///etc/passwd\"", "sources[0].url: \"file:///etc/passwd\" is not an http:// or https:// address" },
    { "\"https://example.org/1\"", "\" https://example.org/1\"", "sources[0].url: \" https://example.org/1\" is not an http:// or https:// address" },
    { "\"https://example.org/1\"", "\"HTTPS://example.org/1\"", "sources[0].url: \"HTTPS://example.org/1\" is not an http:// or https:// address" },
  };
  g_autofree char *example = pl_test_read_example ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (example, cases[i].from, 2);
      g_autofree char *json = NULL;
      g_autoptr(PlImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      gboolean found = FALSE;

      g_assert_nonnull (parts[1]);
      json = g_strjoin (cases[i].to, parts[0], parts[1], NULL);
      g_assert_false (pl_import_validate_data (json, strlen (json), &report, &error) &&
                      report->n_problems == 0);
      g_assert_nonnull (report);
      for (guint p = 0; p < report->problems->len; p++)
        {
          g_test_message ("%s", (char *) report->problems->pdata[p]);
          found |= g_str_equal (report->problems->pdata[p], cases[i].problem);
        }
      g_assert_true (found);
    }

  /* The shortest title the format allows, whitespace, is imported. */
  {
    g_autoptr(PlImportReport) report = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (pl_import_validate_file (hostile_path (), &report, &error));
    g_assert_no_error (error);
    for (guint p = 0; p < report->problems->len; p++)
      g_test_message ("%s", (char *) report->problems->pdata[p]);
    g_assert_cmpuint (report->n_problems, ==, 0);
    g_assert_cmpuint (report->n_actors, ==, N_CROWD + 5);
  }
}

/* Every view and page on the hostile dataset. */
static void
test_every_view (void)
{
  PlWindow *window = open_window (hostile_path ());
  GtkWidget *root = GTK_WIDGET (window);
  PlStore *store = pl_window_get_store (window);
  PlTimeline *timeline = PL_TIMELINE (pl_test_find_child (root, PL_TYPE_TIMELINE));
  PlDetailPane *pane = PL_DETAIL_PANE (pl_test_find_child (root, PL_TYPE_DETAIL_PANE));
  PlProvisionsView *provisions = PL_PROVISIONS_VIEW (pl_test_find_child (root, PL_TYPE_PROVISIONS_VIEW));
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (root, PL_TYPE_FILTER_SIDEBAR)));
  g_autofree char *title = NULL;
  const char *events[] = { "ev-markup", "ev-long", "ev-crowd", "ev-blank", "ev-rtl", "ev-zalgo", "ev-emoji" };
  const char *actors[] = { "a-markup", "a-long", "crowd-0042", "a-rtl" };
  static const char *must_see[] = {
    "dataset.title", "event.title", "event.summary", "event.date_note",
    "actor.name", "actor.role", "actor.summary", "theme.name", "source.title",
    "quote.text", "treaty.title", "provision.title", "provision.summary", "provision.text",
    "provision.article", "clause_type.title", "comparison.note",
    "event.long-title", "actor.long-name", "treaty.long-title", "quote.long-text",
    NULL
  };

  g_assert_nonnull (store);
  title = g_strdup_printf ("%s — Pactline", (char *) g_hash_table_lookup (hostile, "dataset.title"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  check_window_full (root, "opened", TRUE);

  /* Notes with markup of the reader's own, so the Notes view and the tag
   * facet have something to show. */
  {
    PlNotebook *notebook = pl_filter_get_notebook (filter);
    g_autoptr(PlAnnotation) note = pl_annotation_new ("hostile", PL_ITEM_KIND_EVENT, "ev-markup");
    g_autoptr(PlAnnotation) long_note = pl_annotation_new ("hostile", PL_ITEM_KIND_EVENT, "ev-long");
    g_autoptr(GError) error = NULL;
    const char *tags[] = { "<b>tag</b>", NULL };

    g_free (note->note);
    note->note = g_strdup (H ("note.text"));
    g_strfreev (note->tags);
    note->tags = g_strdupv ((char **) tags);
    g_free (long_note->note);
    long_note->note = long_word ("note.long", SHORT_WORD);
    g_assert_true (pl_notebook_save (notebook, note, &error));
    g_assert_true (pl_notebook_save (notebook, long_note, &error));
    g_assert_no_error (error);
    pl_test_wait_ms (200);
  }

  /* The timeline with each hostile event selected, then the chronicle,
   * whose rows are the same whichever is selected. */
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      PlEvent *event = PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, events[i]));
      g_autofree char *step = g_strdup_printf ("timeline, %s", events[i]);

      g_assert_nonnull (event);
      pl_timeline_set_selected (timeline, event);
      pl_test_wait_ms (200);
      g_assert_true (pl_detail_pane_get_event (pane) == event);
      check_window_full (root, step, g_str_equal (events[i], "ev-long") || g_str_equal (events[i], "ev-crowd"));
      if (g_str_equal (events[i], "ev-long"))
        check_long_summary (GTK_WIDGET (pane), g_hash_table_lookup (hostile, "event.long-summary"));
      if (i == 0)
        render (GTK_WIDGET (timeline));
    }
  pl_timeline_set_selected (timeline, PL_EVENT (pl_store_lookup (store, PL_ITEM_KIND_EVENT, "ev-markup")));
  g_assert_true (gtk_widget_activate_action (root, "win.toggle-chronicle", NULL));
  pl_test_wait_ms (300);
  check_window (root, "chronicle");
  g_assert_true (gtk_widget_activate_action (root, "win.toggle-chronicle", NULL));

  /* Each lane mode: lanes are named after themes and actors. */
  for (PlLaneMode lanes = PL_LANE_MODE_THEME; lanes <= PL_LANE_MODE_NONE; lanes++)
    {
      pl_timeline_set_lane_mode (timeline, lanes);
      pl_test_wait_ms (200);
      render (GTK_WIDGET (timeline));
    }

  /* Actors: the list, and each hostile actor's page. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-view", "s", "actors"));
  pl_test_wait_ms (500);
  check_window (root, "actors");
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      g_autofree char *step = g_strdup_printf ("actor page %s", actors[i]);

      show (window, "win.show-actor", actors[i]);
      check_window_full (root, step, i == 1);
    }

  /* Provisions: the list, each provision, the treaty comparison. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-view", "s", "provisions"));
  pl_test_wait_ms (300);
  pl_provisions_view_show_list (provisions);
  check_window (root, "provisions");
  show (window, "win.show-provision", "p-markup");
  check_window (root, "provision p-markup");
  show (window, "win.show-provision", "p-long");
  check_window (root, "provision p-long");
  pl_provisions_view_show_matrix (provisions);
  check_window_full (root, "comparison", TRUE);

  /* Quotes: the list and each quote. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-view", "s", "quotes"));
  pl_test_wait_ms (300);
  check_window (root, "quotes");
  show (window, "win.show-quote", "q-markup");
  check_window (root, "quote q-markup");
  show (window, "win.show-quote", "q-long");
  check_window_full (root, "quote q-long", TRUE);

  /* Notes. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-view", "s", "notes"));
  pl_test_wait_ms (300);
  check_window (root, "notes");

  /* Filtered by the hostile actor, theme and tag: chips name them. */
  pl_filter_set_active (filter, PL_FACET_ACTOR, "a-markup", TRUE);
  pl_filter_set_active (filter, PL_FACET_THEME, "t-markup", TRUE);
  pl_test_wait_ms (300);
  check_window (root, "filtered");
  pl_filter_clear (filter);
  pl_test_wait_ms (200);

  assert_seen (must_see);
  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
}

static PlPresentation *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (PL_IS_PRESENTATION (toplevel))
        return PL_PRESENTATION (toplevel);
    }
  return NULL;
}

/* Presentation mode: the tour and the filtered events, every slide. */
static void
test_presentation (void)
{
  PlWindow *window = open_window (hostile_path ());

  for (guint run = 0; run < 2; run++)
    {
      PlPresentation *presentation;
      PlSlideView *slides;
      gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      show (window, "win.present", run == 0 ? "tour-markup" : "");
      while ((presentation = find_presentation ()) == NULL && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_assert_nonnull (presentation);
      slides = pl_presentation_get_slide_view (presentation);
      pl_test_wait_ms (300);

      for (guint i = 0; i < pl_slide_view_get_n_slides (slides); i++)
        {
          g_autofree char *step = g_strdup_printf ("slide %u", i);
          Walk w = { 0 };

          pl_slide_view_set_position (slides, i);
          pl_test_wait_ms (100);
          walk (GTK_WIDGET (presentation), &w);
          /* The title fits the slide, however long it is. */
          g_assert_cmpint (pl_slide_view_get_title_height (slides), <=, gtk_widget_get_height (GTK_WIDGET (slides)));
          render (GTK_WIDGET (presentation));
          assert_no_markup_warnings ();
        }
      gtk_window_destroy (GTK_WINDOW (presentation));
      pl_test_wait_ms (200);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
}

/* The handout prints the hostile dataset to a PDF. */
static void
test_handout (void)
{
  PlWindow *window = open_window (hostile_path ());
  PlStore *store = pl_window_get_store (window);
  PlFilter *filter = pl_filter_sidebar_get_filter (PL_FILTER_SIDEBAR (pl_test_find_child (GTK_WIDGET (window), PL_TYPE_FILTER_SIDEBAR)));
  g_autoptr(PlHandout) handout = pl_handout_new (store, pl_filter_get_events (filter), filter);
  g_autofree char *pdf = g_build_filename (dir, "handout.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (handout), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (handout), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  assert_no_markup_warnings ();

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
}

/* A toast that names a file whose name is markup shows the name as it is. */
static void
test_error_toast (void)
{
  PlWindow *window = open_window (hostile_path ());
  /* No closing tags: a file name has no slash. */
  g_autofree char *name = g_build_filename (dir, "<span size=\"99999\">big &bogus; <b>x.sqlite", NULL);
  g_autoptr(GFile) file = NULL;
  gboolean told = FALSE;

  g_assert_true (g_file_set_contents (name, "not a database", -1, NULL));
  file = g_file_new_for_path (name);
  pl_window_open (window, file);
  for (guint tries = 0; tries < 100 && !told; tries++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      pl_test_wait_ms (50);
      pl_test_collect_type (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
      for (guint l = 0; l < labels->len; l++)
        told |= strstr (gtk_label_get_text (labels->pdata[l]), name) != NULL;
    }
  g_assert_true (told);
  check_window (GTK_WIDGET (window), "error toast");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
}

/* Writes a copy of the hostile dataset as SQLite, then edits it behind
 * the importer's back: addresses it would refuse. */
static char *
crafted_sqlite (const char *name)
{
  g_autofree char *json = NULL;
  char *path;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (hostile_path (), &json, NULL, NULL));
  path = pl_test_import (dir, name, json);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db,
                    "UPDATE source SET url = 'javascript:alert(1)' WHERE id = 's-markup';"
                    "UPDATE source SET url = 'file:///etc/passwd' WHERE id = 's-long';"
                    "UPDATE source SET title = 'A <b>source</b> <someone@example.org> & more' WHERE id = 's-long';",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
  return path;
}

static GtkWidget *
find_open_source_button (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  pl_test_collect_type (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (buttons->pdata[i], "open-source"))
      return buttons->pdata[i];
  return NULL;
}

/* A quote card offers its source's address only when it is a web one. */
static void
test_source_links (void)
{
  g_autofree char *path = crafted_sqlite ("crafted");
  PlWindow *window = open_window (path);
  GtkWidget *root = GTK_WIDGET (window);
  PlStore *store = pl_window_get_store (window);
  GtkWidget *button;

  g_assert_nonnull (store);
  show (window, "win.show-view", "quotes");
  show (window, "win.show-quote", "q-markup");
  check_window (root, "crafted quote");
  g_assert_cmpstr (PL_QUOTE (pl_store_lookup (store, PL_ITEM_KIND_QUOTE, "q-markup"))->source->url, ==, "javascript:alert(1)");
  g_assert_null (find_open_source_button (root));

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);

  /* The same quote from the imported file, whose address is a web one. */
  window = open_window (hostile_path ());
  root = GTK_WIDGET (window);
  show (window, "win.show-view", "quotes");
  show (window, "win.show-quote", "q-markup");
  g_assert_nonnull (pl_test_find_child (root, PL_TYPE_QUOTE_CARD));
  button = find_open_source_button (root);
  g_assert_nonnull (button);
  /* Named for a screen reader, with the address as its tooltip. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "https://example.org/a?b=<b>&c=%3Ci%3E");
  check_window (root, "web quote");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_test_wait_ms (100);
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        return ADW_ABOUT_WINDOW (toplevel);
    }
  return NULL;
}

static void
collect_links (GtkWidget *root,
               GPtrArray *links)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "about.show-url") == 0)
    g_ptr_array_add (links, g_variant_dup_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root)), NULL));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_links (child, links);
}

/* The About window credits the bundled dataset's sources: here a hostile
 * one stands in for it. Titles stay text; only web addresses are links. */
static void
test_about (void)
{
  g_autofree char *about_dir = NULL;
  g_autofree char *old = g_strdup (g_getenv ("PACTLINE_DATASET_DIR"));
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *sources;
  AdwAboutWindow *about;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  hostile_path ();
  about_dir = g_build_filename (dir, "bundled", NULL);
  g_assert_cmpint (g_mkdir_with_parents (about_dir, 0700), ==, 0);
  path = crafted_sqlite ("russia-iran-2025");
  target = g_build_filename (about_dir, "russia-iran-2025.sqlite", NULL);
  g_assert_cmpint (g_rename (path, target), ==, 0);
  g_setenv ("PACTLINE_DATASET_DIR", about_dir, TRUE);

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  while ((about = find_about_window ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (about);
  pl_test_wait_ms (200);

  /* Each source is credited under its whole title: AdwAboutWindow would
   * read "<…>" as an e-mail address and cut the title there, so angle
   * brackets are shown as look-alikes and nothing else changes. */
  pl_test_collect_type (GTK_WIDGET (about), GTK_TYPE_LABEL, labels);
  store = pl_store_open (target, NULL, &error);
  g_assert_no_error (error);
  sources = pl_store_get_items (store, PL_ITEM_KIND_SOURCE);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(PlSource) source = g_list_model_get_item (sources, i);
      g_autoptr(GString) expected = g_string_new (source->title);
      gboolean found = FALSE;

      g_string_replace (expected, "<", "‹", 0);
      g_string_replace (expected, ">", "›", 0);
      /* An address in a title is kept from becoming a link by an
       * invisible word joiner. */
      g_string_replace (expected, "://", ":\u2060//", 0);
      for (guint l = 0; l < labels->len; l++)
        found |= g_str_equal (gtk_label_get_text (labels->pdata[l]), expected->str);
      for (guint l = 0; l < labels->len && !found; l++)
        if (strstr (gtk_label_get_text (labels->pdata[l]), "source") != NULL)
          g_test_message ("credited: %.200s", gtk_label_get_text (labels->pdata[l]));
      if (!found)
        g_error ("the About window does not credit “%.100s” as it is written", source->title);
    }
  collect_links (GTK_WIDGET (about), links);
  for (guint i = 0; i < links->len; i++)
    {
      g_test_message ("About links to %s", (char *) links->pdata[i]);
      if (!pl_uri_is_web (links->pdata[i]))
        g_error ("the About window links to “%s”", (char *) links->pdata[i]);
    }
  render (GTK_WIDGET (about));
  assert_no_markup_warnings ();

  gtk_window_destroy (GTK_WINDOW (about));
  g_setenv ("PACTLINE_DATASET_DIR", old, TRUE);
  pl_test_wait_ms (100);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  markup_warnings = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_log_set_fatal_handler (log_handler, NULL);
  start_time = g_get_monotonic_time ();

  hostile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  application = pl_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (application));

  g_test_add_func ("/hostile/uri-is-web", test_uri_is_web);
  g_test_add_func ("/hostile/importer-refuses", test_importer_refuses);
  g_test_add_func ("/hostile/every-view", test_every_view);
  g_test_add_func ("/hostile/presentation", test_presentation);
  g_test_add_func ("/hostile/handout", test_handout);
  g_test_add_func ("/hostile/error-toast", test_error_toast);
  g_test_add_func ("/hostile/source-links", test_source_links);
  g_test_add_func ("/hostile/about", test_about);

  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  if (dir != NULL)
    pl_test_rmdir (dir);
  g_free (dir);
  g_free (json_path);
  g_clear_pointer (&hostile, g_hash_table_unref);
  g_clear_pointer (&seen, g_hash_table_unref);
  g_clear_pointer (&markup_warnings, g_ptr_array_unref);
  return status;
}
