/* pl-importer.c — validates a JSON dataset and imports it into SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file is treated as hostile: it is checked for size, encoding and
 * nesting before json-glib sees it, and every value for its type before it
 * is used. Each problem is reported with its place and validation goes on,
 * so one run lists everything there is to fix.
 *
 * The collections are processed in dependency order (sources before the
 * events that cite them, events before the quotes that support them), so a
 * single pass sees every id before anything refers to it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "pl-date.h"
#include "pl-enums.h"
#include "pl-error.h"
#include "pl-importer.h"
#include "pl-schema.h"
#include "pl-sqlite.h"

#define FORMAT_NAME     "pactline-dataset"
#define FORMAT_VERSION  1

typedef enum
{
  COLL_SOURCES,
  COLL_ACTORS,
  COLL_THEMES,
  COLL_ERAS,
  COLL_EVENTS,
  COLL_TREATIES,
  COLL_PROVISIONS,
  COLL_QUOTES,
  N_COLLECTIONS
} Collection;

typedef enum
{
  F_ID,        /* the item's own id */
  F_TEXT,      /* any text */
  F_DATE,      /* partial ISO date */
  F_ENUM,      /* one of the nicks of an enum type */
  F_COLOR,     /* #rrggbb */
  F_SLUG,      /* text restricted like an id (provision areas) */
  F_URL,       /* http(s) address or empty */
  F_REF,       /* the id of an item in another collection */
  F_REFS,      /* an array of such ids, stored in a link table */
} FieldKind;

typedef struct
{
  const char *name;            /* JSON member */
  FieldKind   kind;
  gboolean    required;
  const char *column;          /* SQL column; for F_REFS the link table */
  Collection  target;          /* F_REF, F_REFS */
  GType     (*enum_type) (void);
} FieldSpec;

typedef struct
{
  const char      *member;     /* "events" */
  const char      *table;      /* "event" */
  const char      *kind;       /* item kind in the search index */
  const char      *noun;       /* for "unknown actor \"x\"" */
  const FieldSpec *fields;
  guint            n_fields;
  const char      *title_field;        /* indexed as the title */
  const char      *body_fields[4];     /* indexed as the body */
} CollectionSpec;

#define END_FIELDS { NULL, 0, FALSE, NULL, 0, NULL }

static const FieldSpec source_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "outlet", F_TEXT, FALSE, "outlet", 0, NULL },
  { "author", F_TEXT, FALSE, "author", 0, NULL },
  { "published", F_DATE, FALSE, "published", 0, NULL },
  { "url", F_URL, FALSE, "url", 0, NULL },
  { "kind", F_ENUM, TRUE, "kind", 0, pl_source_kind_get_type },
  { "description", F_TEXT, FALSE, "description", 0, NULL },
  END_FIELDS
};

static const FieldSpec actor_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "name", F_TEXT, TRUE, "name", 0, NULL },
  { "kind", F_ENUM, TRUE, "kind", 0, pl_actor_kind_get_type },
  { "country", F_TEXT, FALSE, "country", 0, NULL },
  { "role", F_TEXT, FALSE, "role", 0, NULL },
  { "summary", F_TEXT, FALSE, "summary", 0, NULL },
  END_FIELDS
};

static const FieldSpec theme_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "name", F_TEXT, TRUE, "name", 0, NULL },
  { "color", F_COLOR, TRUE, "color", 0, NULL },
  END_FIELDS
};

static const FieldSpec era_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "start", F_DATE, TRUE, "start", 0, NULL },
  { "end", F_DATE, FALSE, "end", 0, NULL },
  { "color", F_COLOR, TRUE, "color", 0, NULL },
  { "summary", F_TEXT, FALSE, "summary", 0, NULL },
  END_FIELDS
};

static const FieldSpec event_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "start", F_DATE, TRUE, "start", 0, NULL },
  { "end", F_DATE, FALSE, "end", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "summary", F_TEXT, FALSE, "summary", 0, NULL },
  { "kind", F_ENUM, TRUE, "kind", 0, pl_event_kind_get_type },
  { "certainty", F_ENUM, TRUE, "certainty", 0, pl_certainty_get_type },
  { "date_note", F_TEXT, FALSE, "date_note", 0, NULL },
  { "actors", F_REFS, FALSE, "event_actor", COLL_ACTORS, NULL },
  { "themes", F_REFS, FALSE, "event_theme", COLL_THEMES, NULL },
  { "sources", F_REFS, FALSE, "event_source", COLL_SOURCES, NULL },
  END_FIELDS
};

static const FieldSpec treaty_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "parties", F_REFS, TRUE, "treaty_party", COLL_ACTORS, NULL },
  { "signed", F_DATE, FALSE, "signed", 0, NULL },
  { "summary", F_TEXT, FALSE, "summary", 0, NULL },
  END_FIELDS
};

static const FieldSpec provision_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "treaty", F_REF, TRUE, "treaty_id", COLL_TREATIES, NULL },
  { "article", F_TEXT, FALSE, "article", 0, NULL },
  { "area", F_SLUG, TRUE, "area", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "summary", F_TEXT, FALSE, "summary", 0, NULL },
  { "text", F_TEXT, FALSE, "text", 0, NULL },
  { "strength", F_ENUM, TRUE, "strength", 0, pl_strength_get_type },
  { "themes", F_REFS, FALSE, "provision_theme", COLL_THEMES, NULL },
  { "sources", F_REFS, FALSE, "provision_source", COLL_SOURCES, NULL },
  END_FIELDS
};

static const FieldSpec quote_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "text", F_TEXT, TRUE, "text", 0, NULL },
  { "speaker", F_REF, FALSE, "speaker_id", COLL_ACTORS, NULL },
  { "document", F_REF, FALSE, "document_id", COLL_TREATIES, NULL },
  { "source", F_REF, TRUE, "source_id", COLL_SOURCES, NULL },
  { "said_on", F_DATE, FALSE, "said_on", 0, NULL },
  { "context", F_TEXT, FALSE, "context", 0, NULL },
  { "events", F_REFS, FALSE, "quote_event", COLL_EVENTS, NULL },
  { "provisions", F_REFS, FALSE, "quote_provision", COLL_PROVISIONS, NULL },
  END_FIELDS
};

#define SPEC(member, table, noun, fields, title, ...) \
  { member, table, table, noun, fields, G_N_ELEMENTS (fields) - 1, title, { __VA_ARGS__ } }

static const CollectionSpec collections[N_COLLECTIONS] = {
  SPEC ("sources", "source", N_("source"), source_fields, "title", "outlet", "author", "description", NULL),
  SPEC ("actors", "actor", N_("actor"), actor_fields, "name", "role", "summary", "country", NULL),
  SPEC ("themes", "theme", N_("theme"), theme_fields, "name", NULL),
  SPEC ("eras", "era", N_("era"), era_fields, "title", "summary", NULL),
  SPEC ("events", "event", N_("event"), event_fields, "title", "summary", "date_note", NULL),
  SPEC ("treaties", "treaty", N_("treaty"), treaty_fields, "title", "summary", NULL),
  SPEC ("provisions", "provision", N_("provision"), provision_fields, "title", "summary", "text", "article"),
  SPEC ("quotes", "quote", N_("quote"), quote_fields, "text", "context", NULL),
};

/* The link tables' column names, derived from the collections they join. */
static const char *link_columns[N_COLLECTIONS] = {
  "source_id", "actor_id", "theme_id", "era_id", "event_id", "treaty_id", "provision_id", "quote_id",
};

typedef struct
{
  PlImportReport *report;
  GHashTable     *ids[N_COLLECTIONS];    /* id → index + 1 */

  /* Only while importing; NULL when just validating. */
  sqlite3        *db;
  sqlite3_stmt   *insert[N_COLLECTIONS];
  sqlite3_stmt   *insert_link[N_COLLECTIONS][16];
  sqlite3_stmt   *insert_search;
  sqlite3_stmt   *insert_meta;
  GError         *db_error;              /* first SQLite failure */

  PlImportProgress progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  guint            n_items;              /* all items, for progress */
  guint            n_done;
} Import;

/* ------------------------------------------------------------------ */
/* Problems                                                            */

static void problem (Import     *self,
                     const char *place,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

static void
problem (Import     *self,
         const char *place,
         const char *format,
         ...)
{
  PlImportReport *report = self->report;
  g_autofree char *message = NULL;
  va_list args;

  report->n_problems++;
  if (report->problems->len >= PL_IMPORT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (place != NULL && place[0] != '\0')
    g_ptr_array_add (report->problems, g_strdup_printf ("%s: %s", place, message));
  else
    g_ptr_array_add (report->problems, g_steal_pointer (&message));
}

/* A value from the file, quoted for a message: control characters escaped
 * so nothing in the file can drive the terminal, and long values cut. */
static char *
quote_value (const char *text)
{
  GString *out = g_string_new ("\"");
  guint n_chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (++n_chars > 60)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value of unknown type");
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static gboolean
is_valid_id (const char *text)
{
  gsize len = 0;

  if (!g_ascii_islower (text[0]) && !g_ascii_isdigit (text[0]))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++, len++)
    {
      char c = *p;

      if (!(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-' || c == '_' || c == '.'))
        return FALSE;
    }

  return len <= 128;
}

static gboolean
is_valid_color (const char *text)
{
  if (text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_url (const char *text)
{
  return text[0] == '\0' ||
         g_str_has_prefix (text, "https://") ||
         g_str_has_prefix (text, "http://");
}

/* A BCP 47 tag in its common shape: "en", "fa", "pt-BR", "zh-Hant-TW". */
static gboolean
is_valid_language (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len < (i == 0 ? 2 : 1) || len > (i == 0 ? 3 : 8))
        return FALSE;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if (!(g_ascii_isalpha (*p) || (i > 0 && g_ascii_isdigit (*p))))
          return FALSE;
    }

  return parts[0] != NULL;
}

/* Reads member @name of @object as a string. Absent and null give NULL and
 * TRUE unless @required. Problems are reported at "@place.@name". */
static gboolean
get_string (Import      *self,
            JsonObject  *object,
            const char  *place,
            const char  *name,
            gboolean     required,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
          problem (self, where, _("required field is missing"));
          return FALSE;
        }
      return TRUE;
    }

  if (!node_is_string (node))
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      problem (self, where, _("expected a string, got %s"), describe_node (node));
      return FALSE;
    }

  text = json_node_get_string (node);
  if (strlen (text) > PL_IMPORT_MAX_TEXT)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      problem (self, where, _("text is longer than %zu bytes"), (size_t) PL_IMPORT_MAX_TEXT);
      return FALSE;
    }

  if (required && text[0] == '\0')
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      problem (self, where, _("must not be empty"));
      return FALSE;
    }

  *out = text;
  return TRUE;
}

/* Names that read unambiguously in a place without quotes. */
static gboolean
is_plain_name (const char *name)
{
  if (name[0] == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* Reports members that the format does not define: they are usually typos
 * ("colour", "date-note") that would otherwise be lost without a word. */
static void
check_members (Import          *self,
               JsonObject      *object,
               const char      *place,
               const FieldSpec *fields,
               const char * const *extra)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    {
      gboolean known = g_str_has_prefix (name, "x-");

      for (guint i = 0; !known && fields != NULL && fields[i].name != NULL; i++)
        known = strcmp (fields[i].name, name) == 0;
      for (guint i = 0; !known && extra != NULL && extra[i] != NULL; i++)
        known = strcmp (extra[i], name) == 0;

      if (!known)
        {
          g_autofree char *shown = is_plain_name (name) ? g_strdup (name) : quote_value (name);
          g_autofree char *where = place[0] != '\0' ? g_strdup_printf ("%s.%s", place, shown)
                                                    : g_strdup (shown);
          problem (self, where, _("unknown field; the format does not define it"));
        }
    }
}

/* ------------------------------------------------------------------ */
/* SQLite                                                              */

static gboolean
db_ok (Import     *self,
       int         rc,
       const char *doing)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if (self->db_error == NULL)
    pl_sqlite_set_error (&self->db_error, self->db, rc, doing);
  return FALSE;
}

static void
db_step (Import       *self,
         sqlite3_stmt *stmt)
{
  if (self->db_error == NULL)
    db_ok (self, sqlite3_step (stmt), _("writing the dataset"));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static sqlite3_stmt *
db_prepare (Import     *self,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (self->db_error == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (!db_ok (self, rc, _("preparing the dataset")))
        g_clear_pointer (&stmt, sqlite3_finalize);
    }

  return stmt;
}

/* Builds the INSERT of a collection from its field table, plus the computed
 * day columns and the parties' display text. */
static void
prepare_statements (Import *self)
{
  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      const CollectionSpec *spec = &collections[c];
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      guint n = 0;

      for (guint f = 0; f < spec->n_fields; f++)
        {
          const FieldSpec *field = &spec->fields[f];

          if (field->kind == F_REFS)
            {
              g_autofree char *sql =
                g_strdup_printf ("INSERT INTO %s (%s, %s, position) VALUES (?1, ?2, ?3)",
                                 field->column, link_columns[c], link_columns[field->target]);
              self->insert_link[c][f] = db_prepare (self, sql);
              continue;
            }

          g_string_append_printf (columns, "%s\"%s\"", n > 0 ? ", " : "", field->column);
          g_string_append_printf (values, "%s?%u", n > 0 ? ", " : "", f + 1);
          n++;
        }

      if (c == COLL_EVENTS || c == COLL_ERAS)
        {
          /* Bound at positions past the fields. */
          g_string_append (columns, ", start_day, end_day");
          g_string_append_printf (values, ", ?%u, ?%u", spec->n_fields + 1, spec->n_fields + 2);
        }
      else if (c == COLL_TREATIES)
        {
          g_string_append (columns, ", parties");
          g_string_append_printf (values, ", ?%u", spec->n_fields + 1);
        }

      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                                spec->table, columns->str, values->str);
        self->insert[c] = db_prepare (self, sql);
      }
    }

  self->insert_search = db_prepare (self, "INSERT INTO search (kind, item_id, title, body) VALUES (?1, ?2, ?3, ?4)");
  self->insert_meta = db_prepare (self, "INSERT INTO dataset (key, value) VALUES (?1, ?2)");
}

static void
finalize_statements (Import *self)
{
  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      g_clear_pointer (&self->insert[c], sqlite3_finalize);
      for (guint f = 0; f < G_N_ELEMENTS (self->insert_link[c]); f++)
        g_clear_pointer (&self->insert_link[c][f], sqlite3_finalize);
    }
  g_clear_pointer (&self->insert_search, sqlite3_finalize);
  g_clear_pointer (&self->insert_meta, sqlite3_finalize);
}

static gboolean
writing (Import *self)
{
  /* Once the dataset is known to be invalid nothing more is written: the
   * temporary file will be thrown away. */
  return self->db != NULL && self->db_error == NULL && self->report->n_problems == 0;
}

/* ------------------------------------------------------------------ */
/* Items                                                               */

static void
check_refs (Import          *self,
            JsonNode        *node,
            const char      *place,
            const FieldSpec *field,
            guint            coll,
            const char      *item_id)
{
  GHashTable *seen = NULL;
  JsonArray *array;
  guint n;
  gboolean write = writing (self);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (field->required)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s", place, field->name);
          problem (self, where, _("required field is missing"));
        }
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, field->name);
      problem (self, where, _("expected an array of ids, got %s"), describe_node (node));
      return;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 && field->required)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, field->name);
      problem (self, where, _("needs at least one %s"), _(collections[field->target].noun));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *ref;

      if (!node_is_string (element))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", place, field->name, i);
          problem (self, where, _("expected an id, got %s"), describe_node (element));
          continue;
        }

      ref = json_node_get_string (element);
      if (!g_hash_table_contains (self->ids[field->target], ref))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", place, field->name, i);
          g_autofree char *quoted = quote_value (ref);
          problem (self, where, _("unknown %s %s"), _(collections[field->target].noun), quoted);
          continue;
        }

      if (seen == NULL)
        seen = g_hash_table_new (g_str_hash, g_str_equal);
      if (!g_hash_table_add (seen, (gpointer) ref))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", place, field->name, i);
          g_autofree char *quoted = quote_value (ref);
          problem (self, where, _("%s is listed twice"), quoted);
          continue;
        }

      if (write)
        {
          sqlite3_stmt *stmt = self->insert_link[coll][field - collections[coll].fields];

          sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, ref, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 3, (int) i);
          db_step (self, stmt);
        }
    }

  g_clear_pointer (&seen, g_hash_table_unref);
}

/* Collects, for the search index, the text of the fields named in @names. */
static void
append_body (GString          *body,
             JsonObject       *object,
             const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, names[i]);

      if (node != NULL && node_is_string (node))
        {
          const char *text = json_node_get_string (node);

          if (text[0] == '\0')
            continue;
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, text);
        }
    }
}

static gboolean
member_is_given (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static void
process_item (Import     *self,
              guint       coll,
              guint       index,
              JsonNode   *node)
{
  const CollectionSpec *spec = &collections[coll];
  g_autofree char *place = g_strdup_printf ("%s[%u]", spec->member, index);
  sqlite3_stmt *insert = self->insert[coll];
  JsonObject *object;
  const char *id = NULL;
  PlDate start = PL_DATE_INIT;
  PlDate end = PL_DATE_INIT;
  gboolean have_speaker = FALSE;
  gboolean have_document = FALSE;
  gboolean write;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (self, place, _("expected an object, got %s"), describe_node (node));
      return;
    }

  object = json_node_get_object (node);
  check_members (self, object, place, spec->fields, NULL);

  /* The id first: references to this item from later collections are
   * checked against it even when other fields of the item are wrong. */
  if (get_string (self, object, place, "id", TRUE, &id))
    {
      gpointer first;

      if (!is_valid_id (id))
        {
          g_autofree char *quoted = quote_value (id);
          g_autofree char *where = g_strdup_printf ("%s.id", place);
          problem (self, where,
                   _("%s is not a valid id (use 1 to 128 of a–z, 0–9, “-”, “_” and “.”, starting with a letter or digit)"),
                   quoted);
          id = NULL;
        }
      else if ((first = g_hash_table_lookup (self->ids[coll], id)) != NULL)
        {
          g_autofree char *quoted = quote_value (id);
          g_autofree char *where = g_strdup_printf ("%s.id", place);
          problem (self, where, _("duplicate id %s (first used by %s[%u])"),
                   quoted, spec->member, GPOINTER_TO_UINT (first) - 1);
          id = NULL;
        }
      else
        g_hash_table_insert (self->ids[coll], (gpointer) id, GUINT_TO_POINTER (index + 1));
    }

  write = writing (self) && id != NULL;

  /* Given at all, even if wrong: then the problem is that value, not a
   * missing speaker. */
  have_speaker = member_is_given (object, "speaker");
  have_document = member_is_given (object, "document");

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const FieldSpec *field = &spec->fields[f];
      g_autofree char *where = NULL;
      const char *text = NULL;

      if (field->kind == F_ID)
        {
          if (write)
            sqlite3_bind_text (insert, (int) f + 1, id, -1, SQLITE_STATIC);
          continue;
        }

      if (field->kind == F_REFS)
        continue;   /* after the item's row exists */

      if (!get_string (self, object, place, field->name, field->required, &text) || text == NULL)
        {
          /* Optional text is stored empty; optional dates and refs NULL. */
          if (write && field->kind != F_DATE && field->kind != F_REF)
            sqlite3_bind_text (insert, (int) f + 1, "", 0, SQLITE_STATIC);
          continue;
        }

      where = g_strdup_printf ("%s.%s", place, field->name);

      switch (field->kind)
        {
        case F_DATE:
          {
            PlDate date;

            if (!pl_date_parse (text, &date))
              {
                g_autofree char *quoted = quote_value (text);
                problem (self, where, _("%s is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"), quoted);
                text = NULL;
              }
            else if (strcmp (field->name, "start") == 0)
              start = date;
            else if (strcmp (field->name, "end") == 0)
              end = date;
          }
          break;

        case F_ENUM:
          {
            int value;

            if (!pl_enum_from_nick (field->enum_type (), text, &value))
              {
                g_autofree char *quoted = quote_value (text);
                g_autofree char *allowed = pl_enum_list_nicks (field->enum_type ());
                problem (self, where, _("%s is not one of %s"), quoted, allowed);
                text = NULL;
              }
          }
          break;

        case F_COLOR:
          if (!is_valid_color (text))
            {
              g_autofree char *quoted = quote_value (text);
              problem (self, where, _("%s is not a colour like #3584e4"), quoted);
              text = NULL;
            }
          break;

        case F_SLUG:
          if (!is_valid_id (text))
            {
              g_autofree char *quoted = quote_value (text);
              problem (self, where, _("%s is not a valid name (use a–z, 0–9, “-”, “_” and “.”)"), quoted);
              text = NULL;
            }
          break;

        case F_URL:
          if (!is_valid_url (text))
            {
              g_autofree char *quoted = quote_value (text);
              problem (self, where, _("%s is not an http:// or https:// address"), quoted);
              text = NULL;
            }
          break;

        case F_REF:
          if (!g_hash_table_contains (self->ids[field->target], text))
            {
              g_autofree char *quoted = quote_value (text);
              problem (self, where, _("unknown %s %s"), _(collections[field->target].noun), quoted);
              text = NULL;
            }
          break;

        case F_TEXT:
        case F_ID:
        case F_REFS:
        default:
          break;
        }

      if (write && text != NULL)
        sqlite3_bind_text (insert, (int) f + 1, text, -1, SQLITE_STATIC);
    }

  if (pl_date_is_valid (&start) && pl_date_is_valid (&end) && pl_date_ends_before (&end, &start))
    {
      g_autofree char *where = g_strdup_printf ("%s.end", place);
      g_autofree char *start_iso = pl_date_to_iso (&start);
      g_autofree char *end_iso = pl_date_to_iso (&end);
      problem (self, where, _("\"%s\" ends before start \"%s\" begins"), end_iso, start_iso);
    }

  if (coll == COLL_QUOTES && !have_speaker && !have_document)
    problem (self, place, _("needs a speaker or a document"));

  write = writing (self) && id != NULL;
  if (write)
    {
      if (coll == COLL_EVENTS || coll == COLL_ERAS)
        {
          guint32 first = 0, last = 0, unused;

          pl_date_get_span (&start, &first, &unused);
          sqlite3_bind_int64 (insert, (int) spec->n_fields + 1, first);
          if (pl_date_get_span (&end, &unused, &last) || coll == COLL_EVENTS)
            {
              if (last == 0)
                pl_date_get_span (&start, &unused, &last);
              sqlite3_bind_int64 (insert, (int) spec->n_fields + 2, last);
            }
        }
      else if (coll == COLL_TREATIES)
        {
          JsonNode *parties = json_object_get_member (object, "parties");
          g_autoptr(GString) text = g_string_new (NULL);
          JsonArray *array = json_node_get_array (parties);

          for (guint i = 0; i < json_array_get_length (array); i++)
            g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                    json_array_get_string_element (array, i));
          sqlite3_bind_text (insert, (int) spec->n_fields + 1, text->str, -1, SQLITE_TRANSIENT);
        }

      db_step (self, insert);
    }
  else if (insert != NULL)
    {
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
    }

  for (guint f = 0; f < spec->n_fields; f++)
    if (spec->fields[f].kind == F_REFS)
      check_refs (self, json_object_get_member (object, spec->fields[f].name),
                  place, &spec->fields[f], coll, id);

  if (writing (self) && id != NULL)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      const char *title = NULL;

      get_string (self, object, place, spec->title_field, FALSE, &title);
      append_body (body, object, spec->body_fields);

      sqlite3_bind_text (self->insert_search, 1, spec->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_search, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_search, 3, title != NULL ? title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_search, 4, body->str, -1, SQLITE_STATIC);
      db_step (self, self->insert_search);
    }
}

static void
process_dataset_meta (Import     *self,
                      JsonObject *root)
{
  static const char * const keys[] = { "id", "title", "description", "language", "version", NULL };
  JsonNode *node = json_object_get_member (root, "dataset");
  JsonObject *object;

  if (node == NULL)
    {
      problem (self, "dataset", _("required field is missing"));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (self, "dataset", _("expected an object, got %s"), describe_node (node));
      return;
    }

  object = json_node_get_object (node);
  check_members (self, object, "dataset", NULL, keys);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      gboolean required = strcmp (key, "description") != 0;
      const char *text = NULL;
      g_autofree char *where = g_strdup_printf ("dataset.%s", key);

      if (!get_string (self, object, "dataset", key, required, &text) || text == NULL)
        continue;

      if (strcmp (key, "id") == 0 && !is_valid_id (text))
        {
          g_autofree char *quoted = quote_value (text);
          problem (self, where, _("%s is not a valid id (use 1 to 128 of a–z, 0–9, “-”, “_” and “.”, starting with a letter or digit)"), quoted);
          continue;
        }
      if (strcmp (key, "language") == 0 && !is_valid_language (text))
        {
          g_autofree char *quoted = quote_value (text);
          problem (self, where, _("%s is not a language tag like “en” or “pt-BR”"), quoted);
          continue;
        }

      if (strcmp (key, "id") == 0)
        self->report->dataset_id = g_strdup (text);
      else if (strcmp (key, "title") == 0)
        self->report->title = g_strdup (text);

      if (writing (self))
        {
          sqlite3_bind_text (self->insert_meta, 1, key, -1, SQLITE_STATIC);
          sqlite3_bind_text (self->insert_meta, 2, text, -1, SQLITE_STATIC);
          db_step (self, self->insert_meta);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Before parsing                                                      */

static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }

  /* Columns count characters, as an editor shows them. */
  *column = 1 + (guint) g_utf8_strlen (line_start, data + offset - line_start);
}

static gboolean
precheck (Import     *self,
          const char *data,
          gsize       length)
{
  const char *end = NULL;
  guint line, column;
  guint depth = 0;
  gboolean in_string = FALSE;

  if (length == 0)
    {
      problem (self, NULL, _("the file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize offset = (gsize) (end - data);
      g_autofree char *place = NULL;

      locate (data, offset, &line, &column);
      place = g_strdup_printf (_("line %u, column %u"), line, column);
      if (data[offset] == '\0')
        problem (self, place, _("the file contains a NUL byte, so it is not a text file"));
      else
        problem (self, place, _("the file is not valid UTF-8 text"));
      return FALSE;
    }

  /* json-glib parses recursively; refuse deep nesting before it does. */
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > PL_IMPORT_MAX_DEPTH)
            {
              g_autofree char *place = NULL;

              locate (data, i, &line, &column);
              place = g_strdup_printf (_("line %u, column %u"), line, column);
              problem (self, place, _("arrays and objects are nested more than %d deep"),
                       PL_IMPORT_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* json-glib says "<data>:3:14: Parse error: …"; we say where in our words. */
static void
report_parse_error (Import       *self,
                    const GError *parse_error)
{
  const char *message = parse_error->message;
  guint line = 0, column = 0;
  const char *rest = NULL;

  if (g_str_has_prefix (message, "<data>:"))
    {
      char *p = (char *) message + strlen ("<data>:");
      line = (guint) g_ascii_strtoull (p, &p, 10);
      if (*p == ':')
        {
          column = (guint) g_ascii_strtoull (p + 1, &p, 10);
          if (*p == ':')
            rest = p + 1;
        }
    }

  if (rest != NULL && line > 0)
    {
      g_autofree char *place = g_strdup_printf (_("line %u, column %u"), line, column);
      problem (self, place, _("the file is not valid JSON:%s"), rest);
    }
  else
    problem (self, NULL, _("the file is not valid JSON: %s"), message);
}

/* ------------------------------------------------------------------ */
/* The whole dataset                                                   */

static void
run (Import     *self,
     JsonNode   *root_node)
{
  static const char * const top_keys[] = { "format", "format_version", "dataset", NULL };
  JsonObject *root;
  JsonNode *node;
  JsonArray *arrays[N_COLLECTIONS] = { NULL, };
  guint *counts[N_COLLECTIONS] = {
    &self->report->n_sources, &self->report->n_actors, &self->report->n_themes,
    &self->report->n_eras, &self->report->n_events, &self->report->n_treaties,
    &self->report->n_provisions, &self->report->n_quotes,
  };
  g_autoptr(GPtrArray) known = g_ptr_array_new ();

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      problem (self, NULL, _("the file must hold a JSON object, not %s"), describe_node (root_node));
      return;
    }
  root = json_node_get_object (root_node);

  for (guint i = 0; top_keys[i] != NULL; i++)
    g_ptr_array_add (known, (gpointer) top_keys[i]);
  for (guint c = 0; c < N_COLLECTIONS; c++)
    g_ptr_array_add (known, (gpointer) collections[c].member);
  g_ptr_array_add (known, NULL);
  check_members (self, root, "", NULL, (const char * const *) known->pdata);

  node = json_object_get_member (root, "format");
  if (node == NULL || !node_is_string (node) ||
      strcmp (json_node_get_string (node), FORMAT_NAME) != 0)
    problem (self, "format", _("expected \"%s\"; this is not a Pactline dataset"), FORMAT_NAME);

  node = json_object_get_member (root, "format_version");
  if (node == NULL)
    problem (self, "format_version", _("required field is missing"));
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    problem (self, "format_version", _("expected a whole number, got %s"), describe_node (node));
  else if (json_node_get_int (node) > FORMAT_VERSION)
    problem (self, "format_version",
             _("version %" G_GINT64_FORMAT " is newer than this version of Pactline reads (%d); update Pactline"),
             json_node_get_int (node), FORMAT_VERSION);
  else if (json_node_get_int (node) < 1)
    problem (self, "format_version", _("%" G_GINT64_FORMAT " is not a format version"),
             json_node_get_int (node));

  /* Nothing is written for a file of another format or version. */
  if (self->report->n_problems > 0)
    return;

  process_dataset_meta (self, root);

  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      node = json_object_get_member (root, collections[c].member);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          problem (self, collections[c].member, _("expected an array, got %s"), describe_node (node));
          continue;
        }
      arrays[c] = json_node_get_array (node);
      self->n_items += json_array_get_length (arrays[c]);
    }

  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      guint n = arrays[c] != NULL ? json_array_get_length (arrays[c]) : 0;

      for (guint i = 0; i < n; i++)
        {
          process_item (self, c, i, json_array_get_element (arrays[c], i));

          if (++self->n_done % 4096 == 0)
            {
              if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
                return;
              if (self->progress != NULL)
                self->progress ((double) self->n_done / self->n_items, self->progress_data);
            }
        }
      *counts[c] = n;
    }
}

static void
import_init (Import         *self,
             PlImportReport *report)
{
  memset (self, 0, sizeof *self);
  self->report = report;
  for (guint c = 0; c < N_COLLECTIONS; c++)
    self->ids[c] = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
import_clear (Import *self)
{
  finalize_statements (self);
  for (guint c = 0; c < N_COLLECTIONS; c++)
    g_clear_pointer (&self->ids[c], g_hash_table_unref);
  g_clear_error (&self->db_error);
}

static PlImportReport *
report_new (void)
{
  PlImportReport *report = g_new0 (PlImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
pl_import_report_free (PlImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report->dataset_id);
  g_free (report->title);
  g_free (report);
}

char *
pl_import_report_summary (const PlImportReport *report)
{
  return g_strdup_printf (
    /* Translators: a one-line summary of a valid dataset; %s is its id */
    _("%s: %u events, %u actors, %u quotes, %u treaties, %u provisions, %u sources, %u themes, %u eras"),
    report->dataset_id != NULL ? report->dataset_id : "?",
    report->n_events, report->n_actors, report->n_quotes, report->n_treaties,
    report->n_provisions, report->n_sources, report->n_themes, report->n_eras);
}

static void
set_invalid_error (GError               **error,
                   const PlImportReport  *report)
{
  g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
               g_dngettext (GETTEXT_PACKAGE, "The dataset has %u problem", "The dataset has %u problems",
                            report->n_problems),
               report->n_problems);
}

/* Parses @data (which must stay alive while @root is used) after the checks
 * json-glib cannot be trusted with. */
static JsonParser *
parse (Import     *self,
       const char *data,
       gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *text = data;

  /* A byte-order mark is harmless; skip it rather than refuse the file. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (!precheck (self, text, length))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) length, &parse_error))
    {
      report_parse_error (self, parse_error);
      return NULL;
    }

  return g_steal_pointer (&parser);
}

gboolean
pl_import_validate_data (const char      *data,
                         gsize            length,
                         PlImportReport **report_out,
                         GError         **error)
{
  g_autoptr(PlImportReport) report = report_new ();
  g_autoptr(JsonParser) parser = NULL;
  gboolean valid;
  Import self;

  import_init (&self, report);

  if (length > PL_IMPORT_MAX_FILE_SIZE)
    problem (&self, NULL, _("the file is larger than 1 GiB"));
  else if ((parser = parse (&self, data, length)) != NULL)
    run (&self, json_parser_get_root (parser));

  import_clear (&self);

  valid = report->n_problems == 0;
  if (!valid)
    set_invalid_error (error, report);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);

  return valid;
}

static GMappedFile *
map_file (const char  *path,
          GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (gsize) st.st_size > PL_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   _("“%s” is larger than 1 GiB, which is more than a dataset may be"), path);
      return NULL;
    }

  return g_mapped_file_new (path, FALSE, error);
}

gboolean
pl_import_validate_file (const char      *json_path,
                         PlImportReport **report,
                         GError         **error)
{
  g_autoptr(GMappedFile) mapped = map_file (json_path, error);

  if (mapped == NULL)
    return FALSE;

  return pl_import_validate_data (g_mapped_file_get_contents (mapped),
                                  g_mapped_file_get_length (mapped),
                                  report, error);
}

/* ------------------------------------------------------------------ */
/* Writing the SQLite file                                             */

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s” to disk: %s"), path, g_strerror (saved));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static gboolean
write_database (Import      *self,
                JsonNode    *root,
                const char  *tmp_path,
                GError     **error)
{
  sqlite3 *db = NULL;
  int rc;
  gboolean ok = FALSE;

  rc = sqlite3_open_v2 (tmp_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, db, rc, _("creating the dataset file"));
      sqlite3_close (db);
      return FALSE;
    }
  self->db = db;

  /* The file is private until renamed, so crash safety comes from the
   * rename, not from a journal. */
  if (!pl_sqlite_exec (db,
                       "PRAGMA journal_mode = OFF;"
                       "PRAGMA synchronous = OFF;"
                       "PRAGMA locking_mode = EXCLUSIVE;"
                       "PRAGMA temp_store = MEMORY;"
                       "PRAGMA cache_size = -65536;", error) ||
      !pl_schema_migrate (db, error) ||
      !pl_sqlite_exec (db, "BEGIN", error))
    goto out;

  prepare_statements (self);
  run (self, root);
  finalize_statements (self);

  if (self->report->n_problems > 0)
    {
      set_invalid_error (error, self->report);
      goto out;
    }
  if (self->db_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->db_error));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    goto out;

  /* Merging the index's segments once now makes every search faster. */
  if (!pl_sqlite_exec (db, "INSERT INTO search (search) VALUES ('optimize')", error) ||
      !pl_sqlite_exec (db, "COMMIT", error))
    goto out;

  ok = TRUE;

out:
  finalize_statements (self);
  self->db = NULL;
  rc = sqlite3_close (db);
  if (ok && rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, NULL, rc, _("closing the dataset file"));
      ok = FALSE;
    }

  return ok;
}

gboolean
pl_import_file (const char       *json_path,
                const char       *sqlite_path,
                PlImportProgress  progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                PlImportReport  **report_out,
                GError          **error)
{
  g_autoptr(PlImportReport) report = report_new ();
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *dir = NULL;
  gboolean ok = FALSE;
  Import self;
  int fd;

  g_return_val_if_fail (json_path != NULL, FALSE);
  g_return_val_if_fail (sqlite_path != NULL, FALSE);

  mapped = map_file (json_path, error);
  if (mapped == NULL)
    return FALSE;

  import_init (&self, report);
  self.progress = progress;
  self.progress_data = progress_data;
  self.cancellable = cancellable;

  parser = parse (&self, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  if (parser == NULL)
    {
      set_invalid_error (error, report);
      goto out;
    }

  /* Beside the output, so the final rename stays on one file system. */
  tmp_path = g_strdup_printf ("%s.XXXXXX", sqlite_path);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create a file beside “%s”: %s"), sqlite_path, g_strerror (saved));
      g_clear_pointer (&tmp_path, g_free);
      goto out;
    }
  close (fd);

  if (!write_database (&self, json_parser_get_root (parser), tmp_path, error) ||
      !sync_path (tmp_path, FALSE, error))
    goto out;

  if (g_rename (tmp_path, sqlite_path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not replace “%s”: %s"), sqlite_path, g_strerror (saved));
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);

  dir = g_path_get_dirname (sqlite_path);
  if (!sync_path (dir, TRUE, error))
    goto out;

  if (progress != NULL)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  import_clear (&self);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);

  return ok;
}
