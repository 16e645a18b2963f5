/* pl-schema.c — the SQLite schema of a dataset file and its migrations
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/schema.md documents this schema for other tools; keep them together.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-error.h"
#include "pl-schema.h"
#include "pl-sqlite.h"

/* The *_day columns hold the Julian day numbers (0001-01-01 is day 1) of the
 * first and last day a date covers, so range queries and sorting never parse
 * text. "end" is a keyword and must stay quoted. */
static const char schema_v1[] =
  "CREATE TABLE dataset ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE source ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  outlet TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  published TEXT,"
  "  url TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL CHECK (kind IN ('article','document','report','book','website','interview','other')),"
  "  description TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE actor ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('person','state','organization','media','group')),"
  "  country TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT '',"
  "  summary TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE theme ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  color TEXT NOT NULL"
  ");"

  "CREATE TABLE era ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  start TEXT NOT NULL,"
  "  \"end\" TEXT,"
  "  color TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  start_day INTEGER NOT NULL,"
  "  end_day INTEGER"
  ");"

  "CREATE TABLE event ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  start TEXT NOT NULL,"
  "  \"end\" TEXT,"
  "  title TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL CHECK (kind IN ('agreement','meeting','statement','military','conflict','political','economic','protest','report','other')),"
  "  certainty TEXT NOT NULL CHECK (certainty IN ('confirmed','reported','planned','disputed')),"
  "  date_note TEXT NOT NULL DEFAULT '',"
  "  start_day INTEGER NOT NULL,"
  "  end_day INTEGER NOT NULL"
  ");"
  "CREATE INDEX event_by_day ON event (start_day, end_day);"

  "CREATE TABLE treaty ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  parties TEXT NOT NULL,"
  "  signed TEXT,"
  "  summary TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE treaty_party ("
  "  treaty_id TEXT NOT NULL REFERENCES treaty (id),"
  "  actor_id TEXT NOT NULL REFERENCES actor (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (treaty_id, actor_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE provision ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  treaty_id TEXT NOT NULL REFERENCES treaty (id),"
  "  article TEXT NOT NULL DEFAULT '',"
  "  area TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL DEFAULT '',"
  "  strength TEXT NOT NULL CHECK (strength IN ('binding','aspirational','unknown'))"
  ");"
  "CREATE INDEX provision_by_treaty ON provision (treaty_id);"

  "CREATE TABLE quote ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  text TEXT NOT NULL,"
  "  speaker_id TEXT REFERENCES actor (id),"
  "  document_id TEXT REFERENCES treaty (id),"
  "  source_id TEXT NOT NULL REFERENCES source (id),"
  "  said_on TEXT,"
  "  context TEXT NOT NULL DEFAULT '',"
  "  CHECK (speaker_id IS NOT NULL OR document_id IS NOT NULL)"
  ");"
  "CREATE INDEX quote_by_speaker ON quote (speaker_id);"
  "CREATE INDEX quote_by_source ON quote (source_id);"

  /* Links keep the dataset's order in "position"; each is indexed both ways
   * so "events of this actor" is as cheap as "actors of this event". */
  "CREATE TABLE event_actor ("
  "  event_id TEXT NOT NULL REFERENCES event (id),"
  "  actor_id TEXT NOT NULL REFERENCES actor (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, actor_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_actor_by_actor ON event_actor (actor_id, event_id);"

  "CREATE TABLE event_theme ("
  "  event_id TEXT NOT NULL REFERENCES event (id),"
  "  theme_id TEXT NOT NULL REFERENCES theme (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, theme_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_theme_by_theme ON event_theme (theme_id, event_id);"

  "CREATE TABLE event_source ("
  "  event_id TEXT NOT NULL REFERENCES event (id),"
  "  source_id TEXT NOT NULL REFERENCES source (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, source_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_source_by_source ON event_source (source_id, event_id);"

  "CREATE TABLE provision_theme ("
  "  provision_id TEXT NOT NULL REFERENCES provision (id),"
  "  theme_id TEXT NOT NULL REFERENCES theme (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (provision_id, theme_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX provision_theme_by_theme ON provision_theme (theme_id, provision_id);"

  "CREATE TABLE provision_source ("
  "  provision_id TEXT NOT NULL REFERENCES provision (id),"
  "  source_id TEXT NOT NULL REFERENCES source (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (provision_id, source_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX provision_source_by_source ON provision_source (source_id, provision_id);"

  "CREATE TABLE quote_event ("
  "  quote_id TEXT NOT NULL REFERENCES quote (id),"
  "  event_id TEXT NOT NULL REFERENCES event (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (quote_id, event_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX quote_event_by_event ON quote_event (event_id, quote_id);"

  "CREATE TABLE quote_provision ("
  "  quote_id TEXT NOT NULL REFERENCES quote (id),"
  "  provision_id TEXT NOT NULL REFERENCES provision (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (quote_id, provision_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX quote_provision_by_provision ON quote_provision (provision_id, quote_id);"

  /* One full-text index over every kind of item; "kind" and "item_id" say
   * which item a row stands for. */
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  kind UNINDEXED,"
  "  item_id UNINDEXED,"
  "  title,"
  "  body,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");";

/* Version 2: the comparison matrix. A clause type is a row, a treaty a
 * column, and each comparison one cell with its value and the evidence
 * behind it. A cell is keyed by its row and column, so its link tables
 * carry both. */
#define COMPARISON_LINK(target, table)                                         \
  "CREATE TABLE comparison_" target " ("                                      \
  "  clause_type_id TEXT NOT NULL,"                                           \
  "  treaty_id TEXT NOT NULL,"                                                \
  "  " target "_id TEXT NOT NULL REFERENCES " table " (id),"                  \
  "  position INTEGER NOT NULL,"                                              \
  "  PRIMARY KEY (clause_type_id, treaty_id, " target "_id),"                 \
  "  FOREIGN KEY (clause_type_id, treaty_id)"                                 \
  "    REFERENCES comparison (clause_type_id, treaty_id)"                     \
  ") WITHOUT ROWID;"                                                          \
  "CREATE INDEX comparison_" target "_by_" target                             \
  "  ON comparison_" target " (" target "_id, clause_type_id, treaty_id);"

static const char schema_v2[] =
  "CREATE TABLE clause_type ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE INDEX clause_type_by_position ON clause_type (position);"

  "CREATE TABLE comparison ("
  "  clause_type_id TEXT NOT NULL REFERENCES clause_type (id),"
  "  treaty_id TEXT NOT NULL REFERENCES treaty (id),"
  "  value TEXT NOT NULL CHECK (value IN ('yes','no','partial','unknown')),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (clause_type_id, treaty_id)"
  ");"
  "CREATE INDEX comparison_by_treaty ON comparison (treaty_id, clause_type_id);"

  COMPARISON_LINK ("provision", "provision")
  COMPARISON_LINK ("quote", "quote")
  COMPARISON_LINK ("event", "event")
  COMPARISON_LINK ("source", "source");

/* Version 3: tours, each an ordered path through chosen events for
 * presenting the story. The path keeps the tour's order in "position". */
static const char schema_v3[] =
  "CREATE TABLE tour ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  intro TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE tour_event ("
  "  tour_id TEXT NOT NULL REFERENCES tour (id),"
  "  event_id TEXT NOT NULL REFERENCES event (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (tour_id, event_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX tour_event_by_event ON tour_event (event_id, tour_id);";

/* Version 4: the search index again, with prefix indexes for one- and
 * two-letter prefixes, so typing the first letters of a word searches as
 * fast as a whole word; its rows get rowids that name their items
 * (PL_SEARCH_ROWID). A file is written at this version from the start, so
 * the table is empty when it is replaced. */
static const char schema_v4[] =
  "DROP TABLE search;"
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  kind UNINDEXED,"
  "  item_id UNINDEXED,"
  "  title,"
  "  body,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '1 2'"
  ");";

/* Steps only ever get appended: a file at version n runs the steps after n. */
static const PlMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PL_SCHEMA_VERSION);

/* The tables and columns DESIGN.md's data contract names; a file without
 * them is not a dataset we can read, whatever its user_version says. */
static const struct {
  const char *table;
  const char *columns[12];
  int         since;       /* the schema version that added the table */
} contract[] = {
  { "dataset", { "key", "value", NULL }, 1 },
  { "source", { "id", "title", "outlet", "author", "published", "url", "kind", NULL }, 1 },
  { "actor", { "id", "name", "kind", "country", "role", "summary", NULL }, 1 },
  { "theme", { "id", "name", "color", NULL }, 1 },
  { "era", { "id", "title", "start", "end", "color", "start_day", "end_day", NULL }, 1 },
  { "event", { "id", "start", "end", "title", "summary", "kind", "certainty", "date_note", "start_day", "end_day", NULL }, 1 },
  { "treaty", { "id", "title", "parties", "signed", "summary", NULL }, 1 },
  { "treaty_party", { "treaty_id", "actor_id", "position", NULL }, 1 },
  { "provision", { "id", "treaty_id", "article", "area", "title", "summary", "text", "strength", NULL }, 1 },
  { "quote", { "id", "text", "speaker_id", "document_id", "source_id", "said_on", "context", NULL }, 1 },
  { "event_actor", { "event_id", "actor_id", "position", NULL }, 1 },
  { "event_theme", { "event_id", "theme_id", "position", NULL }, 1 },
  { "event_source", { "event_id", "source_id", "position", NULL }, 1 },
  { "provision_theme", { "provision_id", "theme_id", "position", NULL }, 1 },
  { "provision_source", { "provision_id", "source_id", "position", NULL }, 1 },
  { "quote_event", { "quote_id", "event_id", "position", NULL }, 1 },
  { "quote_provision", { "quote_id", "provision_id", "position", NULL }, 1 },
  { "search", { "kind", "item_id", "title", "body", NULL }, 1 },
  { "clause_type", { "id", "title", "description", "position", NULL }, 2 },
  { "comparison", { "clause_type_id", "treaty_id", "value", "note", NULL }, 2 },
  { "comparison_provision", { "clause_type_id", "treaty_id", "provision_id", "position", NULL }, 2 },
  { "comparison_quote", { "clause_type_id", "treaty_id", "quote_id", "position", NULL }, 2 },
  { "comparison_event", { "clause_type_id", "treaty_id", "event_id", "position", NULL }, 2 },
  { "comparison_source", { "clause_type_id", "treaty_id", "source_id", "position", NULL }, 2 },
  { "tour", { "id", "title", "intro", NULL }, 3 },
  { "tour_event", { "tour_id", "event_id", "position", NULL }, 3 },
};

gboolean
pl_schema_migrate (sqlite3  *db,
                   GError  **error)
{
  return pl_sqlite_migrate (db, migrations, G_N_ELEMENTS (migrations), error);
}

gboolean
pl_schema_migrate_to (sqlite3  *db,
                      int       version,
                      GError  **error)
{
  guint n_steps = 0;

  g_return_val_if_fail (version >= 1 && version <= PL_SCHEMA_VERSION, FALSE);

  while (n_steps < G_N_ELEMENTS (migrations) && migrations[n_steps].version <= version)
    n_steps++;

  return pl_sqlite_migrate (db, migrations, n_steps, error);
}

/* For a file opened read-only: the version must be one we read and the
 * contract's tables and columns of that version must be there. An older
 * version is read as it is: the tables it lacks simply have no rows. */
gboolean
pl_schema_check (sqlite3  *db,
                 int      *version_out,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;
  int rc;

  if (!pl_sqlite_get_user_version (db, &version, error))
    return FALSE;

  if (version > PL_SCHEMA_VERSION)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TOO_NEW,
                   _("This file uses version %d of its format, but this version of Pactline reads up to version %d. Update Pactline to open it."),
                   version, PL_SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   /* Translators: %d is a negative number */
                   _("The file is an SQLite database but not a Pactline dataset (its schema version is %d)"),
                   version);
      return FALSE;
    }

  if (version == 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   _("The file is an SQLite database but not a Pactline dataset (it has no schema version)"));
      return FALSE;
    }

  /* A view in place of a table could compute anything, slowly; views are
   * off for datasets, and a file that needs one is not ours. */
  stmt = pl_sqlite_prepare (db, "SELECT name FROM sqlite_schema WHERE type <> 'table'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint i = 0; i < G_N_ELEMENTS (contract); i++)
      if (g_str_equal (pl_sqlite_column_text (stmt, 0), contract[i].table))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                       _("The file’s “%s” is not a table, so it is not a Pactline dataset"),
                       contract[i].table);
          return FALSE;
        }
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("checking the schema"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (contract); i++)
    if (version >= contract[i].since &&
        !pl_sqlite_has_columns (db, contract[i].table, contract[i].columns, error))
      return FALSE;

  if (version_out != NULL)
    *version_out = version;
  return TRUE;
}
