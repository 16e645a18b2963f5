/* pl-sqlite.c — small helpers around the SQLite C API
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pl-error.h"
#include "pl-sqlite.h"

void
pl_sqlite_set_error (GError     **error,
                     sqlite3     *db,
                     int          rc,
                     const char  *doing)
{
  int primary = rc & 0xff;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  PlError code = PL_ERROR_DATABASE;

  if (primary == SQLITE_CORRUPT)
    code = PL_ERROR_CORRUPT;
  else if (primary == SQLITE_NOTADB)
    code = PL_ERROR_NOT_A_DATASET;

  /* sqlite3_errmsg() may describe an older call than rc when rc came from
   * elsewhere; fall back to the text for rc itself. */
  if (db != NULL && sqlite3_errcode (db) != rc)
    message = sqlite3_errstr (rc);

  /* A writer stopped halfway, and only a writer can undo its change. */
  if (db != NULL && primary == SQLITE_READONLY &&
      sqlite3_extended_errcode (db) == SQLITE_READONLY_ROLLBACK)
    g_set_error (error, PL_ERROR, code,
                 _("The file holds a change another program did not finish (its “-journal” file lies next to it). Open the file once in that program or in the sqlite3 tool, which undoes the change."));
  else if (code == PL_ERROR_CORRUPT)
    g_set_error (error, PL_ERROR, code,
                 /* Translators: %s says what was being done, e.g. "reading events" */
                 _("The database is damaged (while %s)"), doing);
  else if (code == PL_ERROR_NOT_A_DATASET)
    g_set_error (error, PL_ERROR, code, _("The file is not an SQLite database"));
  else
    g_set_error (error, PL_ERROR, code,
                 /* Translators: the first %s says what was being done, the second is SQLite's own message */
                 _("Database error while %s: %s"), doing, message);
}

void
pl_sqlite_configure (void)
{
  /* SQLite's memory statistics take a lock around every allocation, and
   * reading a million events allocates tens of millions of times; nothing
   * here reads the statistics. Refused, harmlessly, once SQLite has
   * started. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

gboolean
pl_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, db, rc, _("updating the database"));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
pl_sqlite_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      pl_sqlite_set_error (error, db, rc, _("reading the database"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

gboolean
pl_sqlite_get_user_version (sqlite3  *db,
                            int      *version,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = pl_sqlite_prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pl_sqlite_set_error (error, db, rc, _("reading the schema version"));
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Brings the schema from its user_version to the last step's, running every
 * step in between in one transaction, so a failure leaves the file as it was.
 * A file newer than the last step is refused: we cannot know what its
 * writer expects us to keep. */
gboolean
pl_sqlite_migrate (sqlite3            *db,
                   const PlMigration  *steps,
                   guint               n_steps,
                   GError            **error)
{
  int current;
  int latest;
  g_autofree char *set_version = NULL;

  g_return_val_if_fail (n_steps > 0, FALSE);

  latest = steps[n_steps - 1].version;

  if (!pl_sqlite_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!pl_sqlite_get_user_version (db, &current, error))
    goto rollback;

  if (current > latest)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TOO_NEW,
                   /* Translators: the numbers are versions of the file format */
                   _("This file uses version %d of its format, but this version of Pactline reads up to version %d. Update Pactline to open it."),
                   current, latest);
      goto rollback;
    }

  if (current == latest)
    return pl_sqlite_exec (db, "COMMIT", error);

  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i].version <= current)
        continue;
      if (!pl_sqlite_exec (db, steps[i].sql, error))
        goto rollback;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", latest);
  if (!pl_sqlite_exec (db, set_version, error) ||
      !pl_sqlite_exec (db, "COMMIT", error))
    goto rollback;

  return TRUE;

rollback:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* TRUE when @table exists and has every column in @columns. */
gboolean
pl_sqlite_has_columns (sqlite3             *db,
                       const char          *table,
                       const char * const  *columns,
                       GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  stmt = pl_sqlite_prepare (db, "SELECT name FROM pragma_table_info(?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (found, g_strdup (pl_sqlite_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("checking the schema"));
      return FALSE;
    }

  if (g_hash_table_size (found) == 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                   _("The file has no “%s” table, so it is not a Pactline dataset"), table);
      return FALSE;
    }

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (!g_hash_table_contains (found, columns[i]))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_NOT_A_DATASET,
                       _("The “%s” table has no “%s” column, so the file is not a Pactline dataset"),
                       table, columns[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* The first line of SQLite's report that says something, made valid UTF-8
 * and cut short: enough to tell the user. */
char *
pl_sqlite_first_problem (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *line = "";

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "***"))
      {
        line = lines[i];
        break;
      }

  if (!g_utf8_validate (line, -1, NULL))
    return g_utf8_make_valid (line, -1);
  if (g_utf8_strlen (line, -1) > 120)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 120);
      return g_strconcat (cut, "…", NULL);
    }
  return g_strdup (line);
}

/* Runs PRAGMA quick_check. TRUE when it ran: then *problem is NULL for a
 * sound file, or the first damage SQLite found. A file too damaged for the
 * check itself to run counts as damaged, not as a failure. FALSE with
 * @error when it could not run for another reason, interruption included. */
gboolean
pl_sqlite_quick_check (sqlite3  *db,
                       char    **problem,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *found = NULL;
  int rc;

  *problem = NULL;
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = pl_sqlite_column_text (stmt, 0);

      rc = SQLITE_OK;
      if (found == NULL && strcmp (text, "ok") != 0)
        found = pl_sqlite_first_problem (text);
    }

  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      *problem = g_strdup (sqlite3_errstr (rc));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      pl_sqlite_set_error (error, db, rc, _("checking the file"));
      return FALSE;
    }

  *problem = g_steal_pointer (&found);
  return TRUE;
}

/* Text columns in our files are never NULL where the contract says text,
 * but a file from elsewhere may disagree; callers get "" instead. */
const char *
pl_sqlite_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? (const char *) text : "";
}

void
pl_sqlite_bind_text (sqlite3_stmt *stmt,
                     int           column,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}
