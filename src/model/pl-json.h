/* pl-json.h — a JSON document read in one pass into one block of memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PL_JSON_NULL,
  PL_JSON_BOOLEAN,
  PL_JSON_INTEGER,   /* no fraction or exponent, and fits in 64 bits */
  PL_JSON_DOUBLE,
  PL_JSON_STRING,
  PL_JSON_ARRAY,
  PL_JSON_OBJECT,
} PlJsonType;

typedef struct _PlJsonValue  PlJsonValue;
typedef struct _PlJsonMember PlJsonMember;

struct _PlJsonValue
{
  PlJsonType type;
  guint      length;           /* bytes of a string, elements of an array,
                                * members of an object */
  union
  {
    gboolean      boolean;
    gint64        integer;
    double        number;
    const char   *string;      /* UTF-8, NUL-terminated, no NUL inside */
    PlJsonValue  *elements;
    PlJsonMember *members;     /* in the file's order */
  };
};

struct _PlJsonMember
{
  const char  *name;
  guint        name_length;
  PlJsonValue  value;
};

typedef struct _PlJsonDocument PlJsonDocument;

PlJsonDocument    *pl_json_document_parse    (const char           *data,
                                              gsize                 length,
                                              guint                 max_depth,
                                              gsize                *error_offset);
const PlJsonValue *pl_json_document_get_root (const PlJsonDocument *self);
void               pl_json_document_free     (PlJsonDocument       *self);

/* The member @name of @object (the last, if the file repeats it), or NULL;
 * NULL too when @object is NULL or not an object. */
const PlJsonValue *pl_json_object_get        (const PlJsonValue    *object,
                                              const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlJsonDocument, pl_json_document_free)

G_END_DECLS
