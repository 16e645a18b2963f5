/* pl-user-db.h — the user's own database of annotations, apart from datasets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-enums.h"

G_BEGIN_DECLS

#define PL_USER_DB_VERSION 1

/* The longest note, in bytes; the same limit holds for imported notes, so
 * whatever can be saved can be exported and imported again. */
#define PL_ANNOTATION_MAX_NOTE   ((gsize) 1 << 20)
/* The longest tag, in characters. */
#define PL_ANNOTATION_MAX_TAG    100

/* What the user wrote about one item of one dataset.
 *
 * An annotation is "empty" when its note has nothing but white space, it is
 * not starred, has no highlight and no tags. Saving an empty annotation
 * deletes its row, so a stored annotation always has something in it and
 * "has a note", "starred" and the rest stay meaningful. */
typedef struct
{
  char       *dataset_id;
  PlItemKind  item_kind;
  char       *item_id;
  char       *note;         /* never NULL */
  gboolean    starred;
  char       *highlight;    /* one of pl_highlight_list_names(), or NULL */
  GStrv       tags;         /* sorted once loaded, never NULL */
  GDateTime  *created;      /* UTC; NULL until first saved */
  GDateTime  *modified;     /* UTC; NULL until first saved */
} PlAnnotation;

PlAnnotation *pl_annotation_new             (const char          *dataset_id,
                                             PlItemKind           item_kind,
                                             const char          *item_id);
PlAnnotation *pl_annotation_copy            (const PlAnnotation  *annotation);
void          pl_annotation_free            (PlAnnotation        *annotation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotation, pl_annotation_free)

gboolean      pl_annotation_is_empty        (const PlAnnotation  *annotation);
/* TRUE when the note has more than white space in it. */
gboolean      pl_annotation_has_note        (const PlAnnotation  *annotation);
gboolean      pl_annotation_has_tag         (const PlAnnotation  *annotation,
                                             const char          *tag);
/* Same note, star, highlight and tags (in any order); keys and times are
 * not compared. */
gboolean      pl_annotation_content_equal   (const PlAnnotation  *a,
                                             const PlAnnotation  *b);
/* The kinds of item that can carry an annotation: events, actors,
 * provisions, treaties, quotes, sources, themes and eras. */
gboolean      pl_annotation_kind_is_valid   (PlItemKind           kind);
/* Checks everything pl_user_db_save() checks: the key, the highlight name,
 * each tag and the note's size and encoding. PL_ERROR_INVALID_DATA. */
gboolean      pl_annotation_validate        (const PlAnnotation  *annotation,
                                             GError             **error);

/* Highlights are named, never colours: the names are stored and the UI maps
 * each to a colour that works in the light, dark and high-contrast styles.
 * The list is NULL-terminated, in the order to offer them. */
const char * const *pl_highlight_list_names (void);
gboolean      pl_highlight_is_valid         (const char          *name);
/* The translated name to show for @name ("Yellow"), or NULL if unknown. */
const char   *pl_highlight_get_label        (const char          *name);

/* A tag is 1 to PL_ANNOTATION_MAX_TAG characters of UTF-8 with no control
 * characters, no commas (tags are written as comma-separated lists) and no
 * white space at either end. */
gboolean      pl_tag_is_valid               (const char          *tag);
/* Trims @text and turns each run of white space or control characters
 * into one space; NULL when nothing valid is left. */
char         *pl_tag_normalize              (const char          *text);
/* Splits what a user typed ("exam, alliance ,exam") into sorted, distinct,
 * normalized tags; never NULL. */
GStrv         pl_tags_parse                 (const char          *text);

#define PL_TYPE_USER_DB (pl_user_db_get_type ())
G_DECLARE_FINAL_TYPE (PlUserDb, pl_user_db, PL, USER_DB, GObject)

char         *pl_user_db_default_path (void);

/* Opens the notes database at @path (NULL: the default path), creating it
 * and its folder if needed.
 *
 * A file that cannot be read as a notes database — not SQLite at all,
 * damaged, failing PRAGMA quick_check, or someone else's SQLite file — is
 * set aside: renamed to "@path.corrupt-YYYYMMDD-HHMMSS" (local time) with
 * its -wal, -shm and -journal files, never deleted, and a fresh database is
 * started. pl_user_db_get_set_aside_path() then says where it went, so the
 * user can be told. A zero-length file is a valid empty database.
 *
 * A file from a newer Pactline is refused with PL_ERROR_TOO_NEW, and a file
 * the system will not let us open (permissions, disk errors) with its own
 * error; both are left exactly as they are. */
PlUserDb     *pl_user_db_open         (const char    *path,
                                       GError       **error);
const char   *pl_user_db_get_path     (PlUserDb      *self);
/* Where an unreadable database was moved when this one was opened, or
 * NULL; also the "set-aside-path" property. */
const char   *pl_user_db_get_set_aside_path   (PlUserDb *self);
/* Why it was set aside, one sentence for the user; NULL when it was not. */
const char   *pl_user_db_get_set_aside_reason (PlUserDb *self);

/* Each call is one BEGIN IMMEDIATE transaction, durable when it returns
 * TRUE.
 *
 * Save checks the annotation with pl_annotation_validate() and writes it,
 * stamping modified (and created, the first time) with the time now. An
 * empty annotation is not written: its row is deleted, and its created and
 * modified are cleared. */
gboolean      pl_user_db_save         (PlUserDb      *self,
                                       PlAnnotation  *annotation,
                                       GError       **error);
/* Writes @annotation back exactly as it was, times included: for undoing a
 * delete. Refuses an empty annotation or one without times. */
gboolean      pl_user_db_restore      (PlUserDb      *self,
                                       const PlAnnotation *annotation,
                                       GError       **error);
/* Deleting what is not there succeeds. */
gboolean      pl_user_db_delete       (PlUserDb      *self,
                                       const char    *dataset_id,
                                       PlItemKind     item_kind,
                                       const char    *item_id,
                                       GError       **error);
/* PL_ERROR_NOT_FOUND when the item has no annotation. */
PlAnnotation *pl_user_db_load         (PlUserDb      *self,
                                       const char    *dataset_id,
                                       PlItemKind     item_kind,
                                       const char    *item_id,
                                       GError       **error);
/* Every annotation of a dataset, orphans included, oldest change first. */
GPtrArray    *pl_user_db_list         (PlUserDb      *self,
                                       const char    *dataset_id,
                                       GError       **error);
/* The distinct tags used in a dataset's annotations, sorted. */
GStrv         pl_user_db_list_tags    (PlUserDb      *self,
                                       const char    *dataset_id,
                                       GError       **error);

G_END_DECLS
