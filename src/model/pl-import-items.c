/* pl-import-items.c — walks a dataset's collections, checks each item and writes it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The collections are processed in dependency order (sources before the
 * events that cite them, events before the quotes that support them, and
 * the comparison matrix last), so a single pass sees every id before
 * anything refers to it. Each collection is described by a table of fields,
 * from which both the checks and the INSERT statements are derived.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pl-date.h"
#include "pl-enums.h"
#include "pl-import-private.h"
#include "pl-schema.h"
#include "pl-sqlite.h"

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
  const char      *kind;       /* item kind in the search index; NULL: not indexed */
  const char      *noun;       /* for "unknown actor \"x\"" */
  const FieldSpec *fields;
  guint            n_fields;
  const char      *title_field;        /* indexed as the title */
  const char      *body_fields[4];     /* indexed as the body */
  gint64           since;              /* format_version that added it; 0: the first */
  /* Items without an id of their own are keyed by these two F_REF fields
   * (a comparison by its clause type and treaty); their link tables carry
   * both columns. NULL for items with an "id". */
  const char      *key_fields[2];
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

static const FieldSpec clause_type_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "description", F_TEXT, FALSE, "description", 0, NULL },
  END_FIELDS
};

static const FieldSpec comparison_fields[] = {
  { "clause_type", F_REF, TRUE, "clause_type_id", COLL_CLAUSE_TYPES, NULL },
  { "treaty", F_REF, TRUE, "treaty_id", COLL_TREATIES, NULL },
  { "value", F_ENUM, TRUE, "value", 0, pl_comparison_value_get_type },
  { "note", F_TEXT, FALSE, "note", 0, NULL },
  { "provisions", F_REFS, FALSE, "comparison_provision", COLL_PROVISIONS, NULL },
  { "quotes", F_REFS, FALSE, "comparison_quote", COLL_QUOTES, NULL },
  { "events", F_REFS, FALSE, "comparison_event", COLL_EVENTS, NULL },
  { "sources", F_REFS, FALSE, "comparison_source", COLL_SOURCES, NULL },
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

static const FieldSpec tour_fields[] = {
  { "id", F_ID, TRUE, "id", 0, NULL },
  { "title", F_TEXT, TRUE, "title", 0, NULL },
  { "intro", F_TEXT, FALSE, "intro", 0, NULL },
  { "events", F_REFS, TRUE, "tour_event", COLL_EVENTS, NULL },
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
  /* The matrix is read as a whole, not found by search. */
  { "clause_types", "clause_type", NULL, N_("clause type"), clause_type_fields,
    G_N_ELEMENTS (clause_type_fields) - 1, NULL, { NULL }, 2, { NULL, NULL } },
  { "comparisons", "comparison", NULL, N_("comparison"), comparison_fields,
    G_N_ELEMENTS (comparison_fields) - 1, NULL, { NULL }, 2, { "clause_type", "treaty" } },
  /* A tour is presented, not searched. */
  { "tours", "tour", NULL, N_("tour"), tour_fields,
    G_N_ELEMENTS (tour_fields) - 1, NULL, { NULL }, 3, { NULL, NULL } },
};

/* The link tables' column names, derived from the collections they join.
 * Nothing links to a comparison. */
static const char *link_columns[N_COLLECTIONS] = {
  "source_id", "actor_id", "theme_id", "era_id", "event_id", "treaty_id", "provision_id", "quote_id",
  "clause_type_id", NULL, "tour_id",
};

static gboolean
has_composite_key (const CollectionSpec *spec)
{
  return spec->key_fields[0] != NULL;
}

/* The columns a link table names its owner by: "event_id", or for a
 * comparison "clause_type_id, treaty_id". Returns how many. */
static guint
owner_columns (guint    coll,
               GString *out)
{
  const CollectionSpec *spec = &collections[coll];
  guint n = 0;

  if (!has_composite_key (spec))
    {
      g_string_append (out, link_columns[coll]);
      return 1;
    }

  for (guint k = 0; k < G_N_ELEMENTS (spec->key_fields); k++)
    for (guint f = 0; f < spec->n_fields; f++)
      if (strcmp (spec->fields[f].name, spec->key_fields[k]) == 0)
        g_string_append_printf (out, "%s%s", n++ > 0 ? ", " : "", spec->fields[f].column);

  g_assert (n == G_N_ELEMENTS (spec->key_fields));
  return n;
}

/* Reports members that the format does not define: they are usually typos
 * ("colour", "date-note") that would otherwise be lost without a word. */
static void
check_members (Import             *self,
               const PlJsonValue  *object,
               const char         *place,
               const FieldSpec    *fields,
               const char * const *extra)
{
  for (guint m = 0; m < object->length; m++)
    {
      const char *name = object->members[m].name;
      gboolean known = g_str_has_prefix (name, "x-");

      for (guint i = 0; !known && fields != NULL && fields[i].name != NULL; i++)
        known = strcmp (fields[i].name, name) == 0;
      for (guint i = 0; !known && extra != NULL && extra[i] != NULL; i++)
        known = strcmp (extra[i], name) == 0;

      if (!known)
        pl_import_unknown_member (self, place, name);
    }
}

/* ------------------------------------------------------------------ */
/* SQLite                                                              */

/* @doing is translated only when there is an error to report: a row
 * written is a call here, and a catalogue lookup per row cost 4 % of an
 * import's main thread. */
static gboolean
db_ok (Import     *self,
       int         rc,
       const char *doing)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if (self->db_error == NULL)
    pl_sqlite_set_error (&self->db_error, self->db, rc, _(doing));
  return FALSE;
}

static void
db_step (Import       *self,
         sqlite3_stmt *stmt)
{
  if (self->db_error == NULL)
    db_ok (self, sqlite3_step (stmt), N_("writing the dataset"));
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
      if (!db_ok (self, rc, N_("preparing the dataset")))
        g_clear_pointer (&stmt, sqlite3_finalize);
    }

  return stmt;
}

/* Builds the INSERT of a collection from its field table, plus the computed
 * day columns and the parties' display text. */
void
pl_import_prepare_statements (Import *self)
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
              g_autoptr(GString) owner = g_string_new (NULL);
              guint n_key = owner_columns (c, owner);
              g_autofree char *sql =
                g_strdup_printf ("INSERT INTO %s (%s, %s, position) VALUES (%s?%u, ?%u)",
                                 field->column, owner->str, link_columns[field->target],
                                 n_key == 1 ? "?1, " : "?1, ?2, ", n_key + 1, n_key + 2);
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
      else if (c == COLL_CLAUSE_TYPES)
        {
          g_string_append (columns, ", position");
          g_string_append_printf (values, ", ?%u", spec->n_fields + 1);
        }

      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                                spec->table, columns->str, values->str);
        self->insert[c] = db_prepare (self, sql);
      }
    }

  self->insert_meta = db_prepare (self, "INSERT INTO dataset (key, value) VALUES (?1, ?2)");
}

void
pl_import_finalize_statements (Import *self)
{
  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      g_clear_pointer (&self->insert[c], sqlite3_finalize);
      for (guint f = 0; f < G_N_ELEMENTS (self->insert_link[c]); f++)
        g_clear_pointer (&self->insert_link[c][f], sqlite3_finalize);
    }
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

/* Whether @ref is already in the list of ids seen: the first few are kept
 * in @listed, compared one by one; a longer list moves into a set. */
#define SHORT_LIST 16

static gboolean
is_listed_twice (GHashTable **seen,
                 const char **listed,
                 guint       *n_listed,
                 const char  *ref)
{
  if (*seen == NULL)
    {
      for (guint i = 0; i < *n_listed; i++)
        if (strcmp (listed[i], ref) == 0)
          return TRUE;
      if (*n_listed < SHORT_LIST)
        {
          listed[(*n_listed)++] = ref;
          return FALSE;
        }
      *seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < *n_listed; i++)
        g_hash_table_add (*seen, (gpointer) listed[i]);
    }

  return !g_hash_table_add (*seen, (gpointer) ref);
}

/* @key is the owner's id, or the parts of its composite key. */
static void
check_refs (Import             *self,
            const PlJsonValue  *node,
            const char         *place,
            const FieldSpec    *field,
            guint               coll,
            const char * const *key,
            guint               n_key)
{
  GHashTable *seen = NULL;
  const char *listed[SHORT_LIST];
  guint n_listed = 0;
  guint n;
  gboolean write = writing (self);

  if (node == NULL || node->type == PL_JSON_NULL)
    {
      if (field->required)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s", place, field->name);
          pl_import_problem (self, where, _("required field is missing"));
        }
      return;
    }

  if (node->type != PL_JSON_ARRAY)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, field->name);
      pl_import_problem (self, where, _("expected an array of ids, got %s"), pl_import_describe_value (node));
      return;
    }

  n = node->length;
  if (n == 0 && field->required)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, field->name);
      pl_import_problem (self, where, _("needs at least one %s"), _(collections[field->target].noun));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const PlJsonValue *element = &node->elements[i];
      const char *ref;

      if (element->type != PL_JSON_STRING)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", place, field->name, i);
          pl_import_problem (self, where, _("expected an id, got %s"), pl_import_describe_value (element));
          continue;
        }

      ref = element->string;
      if (!g_hash_table_contains (self->ids[field->target], ref))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", place, field->name, i);
          g_autofree char *quoted = pl_import_quote_value (ref);
          pl_import_problem (self, where, _("unknown %s %s"), _(collections[field->target].noun), quoted);
          continue;
        }

      if (is_listed_twice (&seen, listed, &n_listed, ref))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", place, field->name, i);
          g_autofree char *quoted = pl_import_quote_value (ref);
          pl_import_problem (self, where, _("%s is listed twice"), quoted);
          continue;
        }

      if (write)
        {
          sqlite3_stmt *stmt = self->insert_link[coll][field - collections[coll].fields];

          for (guint k = 0; k < n_key; k++)
            sqlite3_bind_text (stmt, (int) k + 1, key[k], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, (int) n_key + 1, ref, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, (int) n_key + 2, (int) i);
          db_step (self, stmt);
        }
    }

  g_clear_pointer (&seen, g_hash_table_unref);
}

/* Collects, for the search index, the text of the fields named in @names. */
static void
append_body (GString            *body,
             const PlJsonValue  *object,
             const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const PlJsonValue *node = pl_json_object_get (object, names[i]);

      if (node != NULL && node->type == PL_JSON_STRING)
        {
          const char *text = node->string;

          if (text[0] == '\0')
            continue;
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, text);
        }
    }
}

/* Where a field's problem is: made only when there is one. */
static char *
field_place (const char      *place,
             const FieldSpec *field)
{
  return g_strdup_printf ("%s.%s", place, field->name);
}

static gboolean
member_is_given (const PlJsonValue *object,
                 const char        *name)
{
  const PlJsonValue *node = pl_json_object_get (object, name);

  return node != NULL && node->type != PL_JSON_NULL;
}

static void
process_item (Import     *self,
              guint       coll,
              guint              index,
              const PlJsonValue *object)
{
  const CollectionSpec *spec = &collections[coll];
  g_autofree char *place = g_strdup_printf ("%s[%u]", spec->member, index);
  sqlite3_stmt *insert = self->insert[coll];
  const char *id = NULL;
  PlDate start = PL_DATE_INIT;
  PlDate end = PL_DATE_INIT;
  gboolean have_speaker = FALSE;
  gboolean have_document = FALSE;
  gboolean composite = has_composite_key (spec);
  const char *key_parts[G_N_ELEMENTS (spec->key_fields)] = { NULL, };
  gboolean write;
  gint64 item_rowid = 0;

  if (object->type != PL_JSON_OBJECT)
    {
      pl_import_problem (self, place, _("expected an object, got %s"), pl_import_describe_value (object));
      return;
    }

  check_members (self, object, place, spec->fields, NULL);

  /* The id first: references to this item from later collections are
   * checked against it even when other fields of the item are wrong. An
   * item keyed by other fields gets its key once they are checked. */
  if (!composite && pl_import_member_string (self, object, place, "id", TRUE, &id))
    {
      gpointer first;

      if (!pl_import_is_valid_id (id))
        {
          g_autofree char *quoted = pl_import_quote_value (id);
          g_autofree char *where = g_strdup_printf ("%s.id", place);
          pl_import_problem (self, where,
                             _("%s is not a valid id (use 1 to 128 of a–z, 0–9, “-”, “_” and “.”, starting with a letter or digit)"),
                             quoted);
          id = NULL;
        }
      else if ((first = g_hash_table_lookup (self->ids[coll], id)) != NULL)
        {
          g_autofree char *quoted = pl_import_quote_value (id);
          g_autofree char *where = g_strdup_printf ("%s.id", place);
          pl_import_problem (self, where, _("duplicate id %s (first used by %s[%u])"),
                             quoted, spec->member, GPOINTER_TO_UINT (first) - 1);
          id = NULL;
        }
      else
        g_hash_table_insert (self->ids[coll], (gpointer) id, GUINT_TO_POINTER (index + 1));
    }

  /* Values are bound as they are checked; whether the row is written is
   * decided once the key is known. */
  write = writing (self) && (id != NULL || composite);

  /* Given at all, even if wrong: then the problem is that value, not a
   * missing speaker. */
  have_speaker = member_is_given (object, "speaker");
  have_document = member_is_given (object, "document");

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const FieldSpec *field = &spec->fields[f];
      const char *text = NULL;

      if (field->kind == F_ID)
        {
          if (write)
            sqlite3_bind_text (insert, (int) f + 1, id, -1, SQLITE_STATIC);
          continue;
        }

      if (field->kind == F_REFS)
        continue;   /* after the item's row exists */

      if (!pl_import_member_string (self, object, place, field->name, field->required, &text) || text == NULL)
        {
          /* Optional text is stored empty; optional dates and refs NULL. */
          if (write && field->kind != F_DATE && field->kind != F_REF)
            sqlite3_bind_text (insert, (int) f + 1, "", 0, SQLITE_STATIC);
          continue;
        }

      switch (field->kind)
        {
        case F_DATE:
          {
            PlDate date;

            if (!pl_date_parse (text, &date))
              {
                g_autofree char *where = field_place (place, field);
                g_autofree char *quoted = pl_import_quote_value (text);
                pl_import_problem (self, where, _("%s is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"), quoted);
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
                g_autofree char *where = field_place (place, field);
                g_autofree char *quoted = pl_import_quote_value (text);
                g_autofree char *allowed = pl_enum_list_nicks (field->enum_type ());
                pl_import_problem (self, where, _("%s is not one of %s"), quoted, allowed);
                text = NULL;
              }
          }
          break;

        case F_COLOR:
          if (!pl_import_is_valid_color (text))
            {
              g_autofree char *where = field_place (place, field);
              g_autofree char *quoted = pl_import_quote_value (text);
              pl_import_problem (self, where, _("%s is not a colour like #3584e4"), quoted);
              text = NULL;
            }
          break;

        case F_SLUG:
          if (!pl_import_is_valid_id (text))
            {
              g_autofree char *where = field_place (place, field);
              g_autofree char *quoted = pl_import_quote_value (text);
              pl_import_problem (self, where, _("%s is not a valid name (use a–z, 0–9, “-”, “_” and “.”)"), quoted);
              text = NULL;
            }
          break;

        case F_URL:
          if (!pl_import_is_valid_url (text))
            {
              g_autofree char *where = field_place (place, field);
              g_autofree char *quoted = pl_import_quote_value (text);
              pl_import_problem (self, where, _("%s is not an http:// or https:// address"), quoted);
              text = NULL;
            }
          break;

        case F_REF:
          if (!g_hash_table_contains (self->ids[field->target], text))
            {
              g_autofree char *where = field_place (place, field);
              g_autofree char *quoted = pl_import_quote_value (text);
              pl_import_problem (self, where, _("unknown %s %s"), _(collections[field->target].noun), quoted);
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

      for (guint k = 0; composite && k < G_N_ELEMENTS (key_parts); k++)
        if (strcmp (field->name, spec->key_fields[k]) == 0)
          key_parts[k] = text;
    }

  /* One comparison per clause type and treaty. Ids never hold "/", so the
   * joined key is unique and is also the record's id in the store. */
  if (composite && key_parts[0] != NULL && key_parts[1] != NULL)
    {
      char *key = g_strconcat (key_parts[0], "/", key_parts[1], NULL);
      gpointer first = g_hash_table_lookup (self->ids[coll], key);

      if (first != NULL)
        {
          g_autofree char *treaty = pl_import_quote_value (key_parts[1]);
          g_autofree char *clause_type = pl_import_quote_value (key_parts[0]);

          pl_import_problem (self, place,
                             /* Translators: a comparison repeats an earlier one: treaty id, clause type id, place of the first */
                             _("treaty %s already has a value for %s (%s[%u])"),
                             treaty, clause_type, spec->member, GPOINTER_TO_UINT (first) - 1);
          g_free (key);
        }
      else
        {
          g_hash_table_insert (self->ids[coll], key, GUINT_TO_POINTER (index + 1));
          id = key;
        }
    }

  if (pl_date_is_valid (&start) && pl_date_is_valid (&end) && pl_date_ends_before (&end, &start))
    {
      g_autofree char *where = g_strdup_printf ("%s.end", place);
      g_autofree char *start_iso = pl_date_to_iso (&start);
      g_autofree char *end_iso = pl_date_to_iso (&end);
      pl_import_problem (self, where, _("\"%s\" ends before start \"%s\" begins"), end_iso, start_iso);
    }

  if (coll == COLL_QUOTES && !have_speaker && !have_document)
    pl_import_problem (self, place, _("needs a speaker or a document"));

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
      else if (coll == COLL_CLAUSE_TYPES)
        {
          sqlite3_bind_int64 (insert, (int) spec->n_fields + 1, index);
        }
      else if (coll == COLL_TREATIES)
        {
          const PlJsonValue *parties = pl_json_object_get (object, "parties");
          g_autoptr(GString) text = g_string_new (NULL);

          /* The parties are checked after the row is written; a wrong
           * value leaves the text short and the file unwritten. */
          for (guint i = 0; parties != NULL && parties->type == PL_JSON_ARRAY && i < parties->length; i++)
            if (parties->elements[i].type == PL_JSON_STRING)
              g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", parties->elements[i].string);
          sqlite3_bind_text (insert, (int) spec->n_fields + 1, text->str, -1, SQLITE_TRANSIENT);
        }

      db_step (self, insert);
      item_rowid = sqlite3_last_insert_rowid (self->db);
    }
  else if (insert != NULL)
    {
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
    }

  for (guint f = 0; f < spec->n_fields; f++)
    if (spec->fields[f].kind == F_REFS)
      {
        const char *own_key[] = { id };

        check_refs (self, pl_json_object_get (object, spec->fields[f].name),
                    place, &spec->fields[f], coll,
                    composite ? key_parts : own_key,
                    composite ? G_N_ELEMENTS (key_parts) : G_N_ELEMENTS (own_key));
      }

  if (writing (self) && id != NULL && spec->kind != NULL)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      const char *title = NULL;
      int kind = 0;

      pl_import_member_string (self, object, place, spec->title_field, FALSE, &title);
      append_body (body, object, spec->body_fields);

      /* The row's id says which item it is (PL_SEARCH_ROWID), so a search
       * reads no column to find its items. */
      if (!pl_enum_from_nick (PL_TYPE_ITEM_KIND, spec->kind, &kind))
        g_assert_not_reached ();
      pl_import_worker_search (self->worker, PL_SEARCH_ROWID (kind, item_rowid),
                               spec->kind, id, title != NULL ? title : "", body->str);
    }
}

static void
process_dataset_meta (Import            *self,
                      const PlJsonValue *root)
{
  static const char * const keys[] = { "id", "title", "description", "language", "version", NULL };
  const PlJsonValue *object = pl_json_object_get (root, "dataset");

  if (object == NULL)
    {
      pl_import_problem (self, "dataset", _("required field is missing"));
      return;
    }
  if (object->type != PL_JSON_OBJECT)
    {
      pl_import_problem (self, "dataset", _("expected an object, got %s"), pl_import_describe_value (object));
      return;
    }

  check_members (self, object, "dataset", NULL, keys);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      gboolean required = strcmp (key, "description") != 0;
      const char *text = NULL;
      g_autofree char *where = g_strdup_printf ("dataset.%s", key);

      if (!pl_import_member_string (self, object, "dataset", key, required, &text) || text == NULL)
        continue;

      if (strcmp (key, "id") == 0 && !pl_import_is_valid_id (text))
        {
          g_autofree char *quoted = pl_import_quote_value (text);
          pl_import_problem (self, where, _("%s is not a valid id (use 1 to 128 of a–z, 0–9, “-”, “_” and “.”, starting with a letter or digit)"), quoted);
          continue;
        }
      if (strcmp (key, "language") == 0 && !pl_import_is_valid_language (text))
        {
          g_autofree char *quoted = pl_import_quote_value (text);
          pl_import_problem (self, where, _("%s is not a language tag like “en” or “pt-BR”"), quoted);
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
/* The whole dataset                                                   */

void
pl_import_run (Import            *self,
               const PlJsonValue *root)
{
  static const char * const top_keys[] = { "format", "format_version", "dataset", NULL };
  const PlJsonValue *node;
  const PlJsonValue *arrays[N_COLLECTIONS] = { NULL, };
  guint *counts[N_COLLECTIONS] = {
    &self->report->n_sources, &self->report->n_actors, &self->report->n_themes,
    &self->report->n_eras, &self->report->n_events, &self->report->n_treaties,
    &self->report->n_provisions, &self->report->n_quotes,
    &self->report->n_clause_types, &self->report->n_comparisons,
    &self->report->n_tours,
  };
  g_autoptr(GPtrArray) known = g_ptr_array_new ();

  if (root == NULL || root->type != PL_JSON_OBJECT)
    {
      pl_import_problem (self, NULL, _("the file must hold a JSON object, not %s"), pl_import_describe_value (root));
      return;
    }

  for (guint i = 0; top_keys[i] != NULL; i++)
    g_ptr_array_add (known, (gpointer) top_keys[i]);
  for (guint c = 0; c < N_COLLECTIONS; c++)
    g_ptr_array_add (known, (gpointer) collections[c].member);
  g_ptr_array_add (known, NULL);
  check_members (self, root, "", NULL, (const char * const *) known->pdata);

  node = pl_json_object_get (root, "format");
  if (node == NULL || node->type != PL_JSON_STRING || strcmp (node->string, FORMAT_NAME) != 0)
    pl_import_problem (self, "format", _("expected \"%s\"; this is not a Pactline dataset"), FORMAT_NAME);

  node = pl_json_object_get (root, "format_version");
  if (node == NULL)
    pl_import_problem (self, "format_version", _("required field is missing"));
  else if (node->type != PL_JSON_INTEGER)
    pl_import_problem (self, "format_version", _("expected a whole number, got %s"), pl_import_describe_value (node));
  else if (node->integer > FORMAT_VERSION)
    pl_import_problem (self, "format_version",
                       _("version %" PRId64 " is newer than this version of Pactline reads (%d); update Pactline"),
                       node->integer, FORMAT_VERSION);
  else if (node->integer < 1)
    pl_import_problem (self, "format_version", _("%" PRId64 " is not a format version"),
                       node->integer);

  /* Nothing is written for a file of another format or version. */
  if (self->report->n_problems > 0)
    return;
  self->format_version = pl_json_object_get (root, "format_version")->integer;

  process_dataset_meta (self, root);

  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      node = pl_json_object_get (root, collections[c].member);
      if (node == NULL || node->type == PL_JSON_NULL)
        continue;
      /* A file keeps to the version it names, so that whatever reads
       * version 1 can trust it; its items are not looked at. */
      if (collections[c].since > self->format_version)
        {
          pl_import_problem (self, collections[c].member,
                             /* Translators: "format_version" is a name in the file; keep it */
                             _("needs format_version %d or later; this file has format_version %d"),
                             (int) collections[c].since, (int) self->format_version);
          continue;
        }
      if (node->type != PL_JSON_ARRAY)
        {
          pl_import_problem (self, collections[c].member, _("expected an array, got %s"), pl_import_describe_value (node));
          continue;
        }
      arrays[c] = node;
      self->n_items += node->length;
    }

  for (guint c = 0; c < N_COLLECTIONS; c++)
    {
      guint n = arrays[c] != NULL ? arrays[c]->length : 0;

      for (guint i = 0; i < n; i++)
        {
          process_item (self, c, i, &arrays[c]->elements[i]);

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

void
pl_import_init (Import         *self,
                PlImportReport *report)
{
  memset (self, 0, sizeof *self);
  self->report = report;
  /* Ids are borrowed from the parsed file; composite keys are made here. */
  for (guint c = 0; c < N_COLLECTIONS; c++)
    self->ids[c] = g_hash_table_new_full (g_str_hash, g_str_equal,
                                          has_composite_key (&collections[c]) ? g_free : NULL,
                                          NULL);
}

void
pl_import_clear (Import *self)
{
  pl_import_finalize_statements (self);
  for (guint c = 0; c < N_COLLECTIONS; c++)
    g_clear_pointer (&self->ids[c], g_hash_table_unref);
  g_clear_error (&self->db_error);
}
