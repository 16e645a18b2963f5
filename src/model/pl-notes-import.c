/* pl-notes-import.c — merges a JSON file of notes into the notes database
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is hostile until proven otherwise, exactly as a dataset is: the
 * dataset importer's checks of size, encoding, NUL bytes and nesting run
 * before json-glib sees it, then every value is checked and every problem
 * listed with its place. Only a file without problems is merged, in one
 * transaction.
 *
 * Merging never deletes and never loses a note without saying so. For an
 * item both sides have, with different content, the copy changed last
 * wins: the file's replaces ours when it is newer ("updated"); ours stays
 * when it is as new or newer ("conflict"), and the report lists it with
 * both copies and both times. A note keeps no history, so whether both
 * copies were edited since they parted cannot be known; the newer one is
 * the one most likely to be wanted, and the report says what happened.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pl-error.h"
#include "pl-import-private.h"
#include "pl-notes.h"
#include "pl-user-db-private.h"

/* Longer ids are not ids. */
#define MAX_ITEM_ID 256

static PlNotesImportReport *
report_new (void)
{
  PlNotesImportReport *report = g_new0 (PlNotesImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_free);
  report->updated = g_ptr_array_new_with_free_func ((GDestroyNotify) g_free);
  return report;
}

static void
change_list_clear (GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      PlNotesChange *change = changes->pdata[i];

      pl_annotation_free (change->local);
      pl_annotation_free (change->incoming);
    }
  g_ptr_array_set_size (changes, 0);
}

void
pl_notes_import_report_free (PlNotesImportReport *report)
{
  if (report == NULL)
    return;

  change_list_clear (report->conflicts);
  change_list_clear (report->updated);
  g_ptr_array_unref (report->conflicts);
  g_ptr_array_unref (report->updated);
  g_ptr_array_unref (report->problems);
  g_free (report->dataset_id);
  g_free (report);
}

char *
pl_notes_import_report_summary (const PlNotesImportReport *report)
{
  g_autofree char *added = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *conflicts = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  /* Translators: part of "2 added, 1 updated, 5 unchanged, 1 conflict" */
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", report->n_added), report->n_added);
  /* Translators: part of "2 added, 1 updated, 5 unchanged, 1 conflict" */
  updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", report->n_updated), report->n_updated);
  /* Translators: part of "2 added, 1 updated, 5 unchanged, 1 conflict" */
  unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", report->n_unchanged), report->n_unchanged);
  /* Translators: part of "2 added, 1 updated, 5 unchanged, 1 conflict" */
  conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts", report->conflicts->len), report->conflicts->len);

  /* Translators: the four parts of an import's summary, in this order */
  return g_strdup_printf (_("%s, %s, %s, %s"), added, updated, unchanged, conflicts);
}

static char *
format_change_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return g_strdup ("?");
  utc = g_date_time_to_utc (time);
  /* Translators: when a note was changed, in g_date_time_format() syntax; the time is in UTC */
  return g_date_time_format (utc, _("%Y-%m-%d %H:%M:%S UTC"));
}

static char *
describe_key (const PlAnnotation *annotation)
{
  g_autofree char *id = pl_import_quote_value (annotation->item_id);

  return g_strdup_printf ("%s %s", pl_enum_to_nick (PL_TYPE_ITEM_KIND, annotation->item_kind), id);
}

char *
pl_notes_import_report_describe (const PlNotesImportReport *report)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  summary = pl_notes_import_report_summary (report);
  out = g_string_new (summary);

  for (guint i = 0; i < report->updated->len; i++)
    {
      const PlNotesChange *change = report->updated->pdata[i];
      g_autofree char *key = describe_key (change->incoming);
      g_autofree char *theirs = format_change_time (change->incoming->modified);
      g_autofree char *ours = format_change_time (change->local->modified);

      g_string_append_c (out, '\n');
      g_string_append_printf (out,
        /* Translators: the first %s names an item, e.g. event "signing"; the others are times */
        _("%s: updated — the file’s copy (changed %s) replaced the one here (changed %s)"),
        key, theirs, ours);
    }

  for (guint i = 0; i < report->conflicts->len; i++)
    {
      const PlNotesChange *change = report->conflicts->pdata[i];
      g_autofree char *key = describe_key (change->incoming);
      g_autofree char *theirs = format_change_time (change->incoming->modified);
      g_autofree char *ours = format_change_time (change->local->modified);

      g_string_append_c (out, '\n');
      g_string_append_printf (out,
        /* Translators: the first %s names an item, e.g. event "signing"; the others are times */
        _("%s: conflict — kept the copy here (changed %s); the file’s different, older copy (changed %s) was not imported"),
        key, ours, theirs);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ */
/* Checking                                                            */

static gboolean
is_valid_item_id (const char *id)
{
  if (id[0] == '\0' || strlen (id) > MAX_ITEM_ID || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return FALSE;
    }
  return TRUE;
}

static void
check_members (Import             *self,
               JsonObject         *object,
               const char         *place,
               const char * const *known)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    {
      if (!g_str_has_prefix (name, "x-") && !g_strv_contains (known, name))
        pl_import_unknown_member (self, place, name);
    }
}

static char *
annotation_kinds (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int kind = PL_ITEM_KIND_EVENT; kind <= PL_ITEM_KIND_COMPARISON; kind++)
    if (pl_annotation_kind_is_valid (kind))
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", pl_enum_to_nick (PL_TYPE_ITEM_KIND, kind));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GDateTime *
get_time (Import      *self,
          JsonObject  *object,
          const char  *place,
          const char  *name)
{
  const char *text = NULL;
  GDateTime *time;

  if (!pl_import_get_string (self, object, place, name, TRUE, &text))
    return NULL;

  time = pl_user_db_parse_time (text);
  if (time == NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", place, name);
      g_autofree char *quoted = pl_import_quote_value (text);

      pl_import_problem (self, where, _("%s is not an ISO 8601 date and time with a time zone"), quoted);
    }
  return time;
}

/* Reads annotations[@index]; NULL, with its problems recorded, when it
 * has any. */
static PlAnnotation *
read_annotation (Import      *self,
                 const char  *dataset_id,
                 guint        index,
                 JsonNode    *node)
{
  static const char * const members[] = {
    "kind", "id", "note", "starred", "highlight", "tags", "created", "modified", NULL
  };
  g_autofree char *place = g_strdup_printf ("annotations[%u]", index);
  g_autoptr(PlAnnotation) annotation = NULL;
  guint n_problems = self->report->n_problems;
  JsonObject *object;
  JsonNode *member;
  const char *kind_nick = NULL;
  const char *id = NULL;
  const char *note = NULL;
  int kind = -1;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pl_import_problem (self, place, _("expected an object, got %s"), pl_import_describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  check_members (self, object, place, members);

  if (pl_import_get_string (self, object, place, "kind", TRUE, &kind_nick) &&
      (!pl_enum_from_nick (PL_TYPE_ITEM_KIND, kind_nick, &kind) || !pl_annotation_kind_is_valid (kind)))
    {
      g_autofree char *where = g_strdup_printf ("%s.kind", place);
      g_autofree char *quoted = pl_import_quote_value (kind_nick);
      g_autofree char *kinds = annotation_kinds ();

      pl_import_problem (self, where, _("%s is not one of %s"), quoted, kinds);
      kind = -1;
    }

  if (pl_import_get_string (self, object, place, "id", TRUE, &id) && !is_valid_item_id (id))
    {
      g_autofree char *where = g_strdup_printf ("%s.id", place);
      g_autofree char *quoted = pl_import_quote_value (id);

      pl_import_problem (self, where, _("%s is not an item id: at most %d bytes, no control characters"),
                         quoted, MAX_ITEM_ID);
      id = NULL;
    }

  annotation = pl_annotation_new (dataset_id, kind >= 0 ? kind : PL_ITEM_KIND_EVENT, id != NULL ? id : "");

  if (pl_import_get_string (self, object, place, "note", FALSE, &note) && note != NULL)
    {
      /* An escaped lone surrogate ("\ud800") gets past the file's check. */
      if (!g_utf8_validate (note, -1, NULL))
        {
          g_autofree char *where = g_strdup_printf ("%s.note", place);
          pl_import_problem (self, where, _("the text is not valid UTF-8"));
        }
      g_free (annotation->note);
      annotation->note = g_strdup (note);
    }

  member = json_object_get_member (object, "starred");
  if (member != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        annotation->starred = json_node_get_boolean (member);
      else
        {
          g_autofree char *where = g_strdup_printf ("%s.starred", place);
          pl_import_problem (self, where, _("expected true or false, got %s"), pl_import_describe_node (member));
        }
    }

  member = json_object_get_member (object, "highlight");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *where = g_strdup_printf ("%s.highlight", place);

      if (!pl_import_node_is_string (member))
        pl_import_problem (self, where, _("expected a string or null, got %s"), pl_import_describe_node (member));
      else if (!pl_highlight_is_valid (json_node_get_string (member)))
        {
          g_autofree char *quoted = pl_import_quote_value (json_node_get_string (member));
          g_autofree char *names = g_strjoinv (", ", (char **) pl_highlight_list_names ());

          pl_import_problem (self, where, _("%s is not one of %s"), quoted, names);
        }
      else
        annotation->highlight = g_strdup (json_node_get_string (member));
    }

  member = json_object_get_member (object, "tags");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_autofree char *where = g_strdup_printf ("%s.tags", place);
          pl_import_problem (self, where, _("expected an array, got %s"), pl_import_describe_node (member));
        }
      else
        {
          JsonArray *array = json_node_get_array (member);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *tag = json_array_get_element (array, i);
              g_autofree char *where = g_strdup_printf ("%s.tags[%u]", place, i);

              if (!pl_import_node_is_string (tag))
                pl_import_problem (self, where, _("expected a string, got %s"), pl_import_describe_node (tag));
              else if (!pl_tag_is_valid (json_node_get_string (tag)))
                {
                  g_autofree char *quoted = pl_import_quote_value (json_node_get_string (tag));

                  pl_import_problem (self, where,
                                     /* Translators: %s is the tag, %d the longest a tag may be */
                                     _("%s is not a tag: 1 to %d characters, with no commas, line breaks or spaces at either end"),
                                     quoted, PL_ANNOTATION_MAX_TAG);
                }
              else
                g_strv_builder_add (builder, json_node_get_string (tag));
            }
          g_strfreev (annotation->tags);
          annotation->tags = g_strv_builder_end (builder);
        }
    }

  annotation->created = get_time (self, object, place, "created");
  annotation->modified = get_time (self, object, place, "modified");

  if (self->report->n_problems != n_problems)
    return NULL;

  if (pl_annotation_is_empty (annotation))
    {
      pl_import_problem (self, place, _("has no note, star, highlight or tags, so there is nothing to import"));
      return NULL;
    }

  return g_steal_pointer (&annotation);
}

/* Fills @annotations from the whole file, or records its problems. */
static void
read_file (Import      *self,
           JsonNode    *root_node,
           const char  *expected_dataset,
           char       **dataset_out,
           GPtrArray   *annotations,
           gboolean    *too_new)
{
  static const char * const members[] = { "format", "format_version", "dataset", "annotations", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root;
  JsonNode *node;
  JsonArray *array;
  const char *dataset_id = NULL;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      pl_import_problem (self, NULL, _("the file must hold a JSON object, not %s"), pl_import_describe_node (root_node));
      return;
    }
  root = json_node_get_object (root_node);

  node = json_object_get_member (root, "format");
  if (node == NULL || !pl_import_node_is_string (node) ||
      strcmp (json_node_get_string (node), PL_NOTES_FORMAT_NAME) != 0)
    {
      pl_import_problem (self, "format", _("expected \"%s\"; this is not a file of Pactline notes"), PL_NOTES_FORMAT_NAME);
      return;
    }

  node = json_object_get_member (root, "format_version");
  if (node == NULL)
    pl_import_problem (self, "format_version", _("required field is missing"));
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    pl_import_problem (self, "format_version", _("expected a whole number, got %s"), pl_import_describe_node (node));
  else if (json_node_get_int (node) > PL_NOTES_FORMAT_VERSION)
    {
      pl_import_problem (self, "format_version",
                         _("version %" PRId64 " is newer than this version of Pactline reads (%d); update Pactline"),
                         json_node_get_int (node), PL_NOTES_FORMAT_VERSION);
      *too_new = TRUE;
    }
  else if (json_node_get_int (node) < 1)
    pl_import_problem (self, "format_version", _("%" PRId64 " is not a format version"),
                       json_node_get_int (node));

  /* A file of another version is not looked into. */
  if (self->report->n_problems > 0)
    return;

  check_members (self, root, "", members);

  node = json_object_get_member (root, "dataset");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    pl_import_problem (self, "dataset", _("required field is missing"));
  else if (!pl_import_node_is_string (node))
    pl_import_problem (self, "dataset", _("expected a string, got %s"), pl_import_describe_node (node));
  else if (!is_valid_item_id (json_node_get_string (node)))
    {
      g_autofree char *quoted = pl_import_quote_value (json_node_get_string (node));

      pl_import_problem (self, "dataset", _("%s is not a dataset id: at most %d bytes, no control characters"),
                         quoted, MAX_ITEM_ID);
    }
  else
    dataset_id = json_node_get_string (node);

  if (dataset_id != NULL)
    {
      *dataset_out = g_strdup (dataset_id);
      if (expected_dataset != NULL && strcmp (dataset_id, expected_dataset) != 0)
        {
          g_autofree char *theirs = pl_import_quote_value (dataset_id);
          g_autofree char *ours = pl_import_quote_value (expected_dataset);

          pl_import_problem (self, "dataset",
                             /* Translators: both %s are dataset ids, in quotation marks */
                             _("these notes are for the dataset %s, not for %s"), theirs, ours);
        }
    }

  node = json_object_get_member (root, "annotations");
  if (node == NULL)
    {
      pl_import_problem (self, "annotations", _("required field is missing"));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pl_import_problem (self, "annotations", _("expected an array, got %s"), pl_import_describe_node (node));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PlAnnotation *annotation = read_annotation (self, dataset_id != NULL ? dataset_id : "",
                                                  i, json_array_get_element (array, i));
      char *key;
      gpointer first;

      if (annotation == NULL)
        continue;

      key = g_strdup_printf ("%d/%s", annotation->item_kind, annotation->item_id);
      if (g_hash_table_lookup_extended (seen, key, NULL, &first))
        {
          g_autofree char *place = g_strdup_printf ("annotations[%u]", i);

          pl_import_problem (self, place, _("the same item as annotations[%u]"), GPOINTER_TO_UINT (first));
          pl_annotation_free (annotation);
          g_free (key);
          continue;
        }
      g_hash_table_insert (seen, key, GUINT_TO_POINTER (i));
      g_ptr_array_add (annotations, annotation);
    }
}

/* ------------------------------------------------------------------ */
/* Merging                                                             */

static PlNotesChange *
change_new (PlAnnotation       *local,
            const PlAnnotation *incoming)
{
  PlNotesChange *change = g_new0 (PlNotesChange, 1);

  change->local = local;
  change->incoming = pl_annotation_copy (incoming);
  return change;
}

static gboolean
merge (PlUserDb             *db,
       GPtrArray            *annotations,
       gboolean              dry_run,
       PlNotesImportReport  *report,
       GError              **error)
{
  if (!pl_user_db_begin (db, error))
    return FALSE;

  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *incoming = annotations->pdata[i];
      g_autoptr(GError) local_error = NULL;
      PlAnnotation *local;

      local = pl_user_db_load (db, incoming->dataset_id, incoming->item_kind, incoming->item_id, &local_error);
      if (local == NULL && !g_error_matches (local_error, PL_ERROR, PL_ERROR_NOT_FOUND))
        goto failed;

      if (local == NULL)
        {
          if (!pl_user_db_write (db, incoming, &local_error))
            goto failed;
          report->n_added++;
        }
      else if (pl_annotation_content_equal (local, incoming))
        {
          report->n_unchanged++;
          pl_annotation_free (local);
        }
      else if (local->modified != NULL && g_date_time_compare (incoming->modified, local->modified) <= 0)
        /* Ours is as new or newer: kept. */
        g_ptr_array_add (report->conflicts, change_new (local, incoming));
      else
        {
          g_autoptr(PlAnnotation) merged = pl_annotation_copy (incoming);

          /* It was first written when the first of the two was. */
          if (local->created != NULL && g_date_time_compare (local->created, merged->created) < 0)
            {
              g_date_time_unref (merged->created);
              merged->created = g_date_time_ref (local->created);
            }
          g_ptr_array_add (report->updated, change_new (local, incoming));
          if (!pl_user_db_write (db, merged, &local_error))
            goto failed;
          report->n_updated++;
        }
      continue;

    failed:
      g_propagate_error (error, g_steal_pointer (&local_error));
      pl_user_db_rollback (db);
      return FALSE;
    }

  if (dry_run)
    {
      pl_user_db_rollback (db);
      return TRUE;
    }
  return pl_user_db_commit (db, error);
}

static void
forget_merge (PlNotesImportReport *report)
{
  report->n_added = report->n_updated = report->n_unchanged = 0;
  change_list_clear (report->conflicts);
  change_list_clear (report->updated);
}

gboolean
pl_notes_import_data (PlUserDb             *db,
                      const char           *data,
                      gsize                 length,
                      const char           *dataset_id,
                      PlNotesImportFlags    flags,
                      PlNotesImportReport **report_out,
                      GError              **error)
{
  g_autoptr(PlNotesImportReport) report = report_new ();
  g_autoptr(PlImportReport) problems = g_new0 (PlImportReport, 1);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_free);
  gboolean too_new = FALSE;
  gboolean ok = FALSE;
  Import self;

  g_return_val_if_fail (PL_IS_USER_DB (db), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* The dataset importer's checks write to its own kind of report; both
   * share the list of problems. */
  problems->problems = g_ptr_array_ref (report->problems);
  pl_import_init (&self, problems);

  /* A byte-order mark is harmless; skip it rather than refuse the file. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length > PL_IMPORT_MAX_FILE_SIZE)
    pl_import_problem (&self, NULL, _("the file is larger than 1 GiB"));
  else if (pl_import_precheck (&self, data, length))
    {
      g_autoptr(GError) parse_error = NULL;

      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
        pl_import_report_parse_error (&self, parse_error);
      else
        read_file (&self, json_parser_get_root (parser), dataset_id, &report->dataset_id,
                   annotations, &too_new);
    }

  pl_import_clear (&self);
  report->n_problems = problems->n_problems;

  if (report->n_problems > 0)
    {
      if (too_new)
        g_set_error (error, PL_ERROR, PL_ERROR_TOO_NEW,
                     _("The notes file was written by a newer version of Pactline; update Pactline to import it"));
      else
        g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                     g_dngettext (GETTEXT_PACKAGE, "The notes file has %u problem, so nothing was imported",
                                  "The notes file has %u problems, so nothing was imported", report->n_problems),
                     report->n_problems);
    }
  else
    {
      ok = merge (db, annotations, (flags & PL_NOTES_IMPORT_DRY_RUN) != 0, report, error);
      if (!ok)
        forget_merge (report);
    }

  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return ok;
}

gboolean
pl_notes_import_file (PlUserDb             *db,
                      const char           *path,
                      const char           *dataset_id,
                      PlNotesImportFlags    flags,
                      PlNotesImportReport **report,
                      GError              **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  GStatBuf st;

  g_return_val_if_fail (PL_IS_USER_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) == 0 && (gsize) st.st_size > PL_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INVALID_DATA,
                   _("“%s” is larger than 1 GiB, which is more than a file of notes may be"), path);
      return FALSE;
    }

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return FALSE;

  return pl_notes_import_data (db, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                               dataset_id, flags, report, error);
}
