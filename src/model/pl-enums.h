/* pl-enums.h — the enumerations of the data contract and their JSON names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of every value is its name in JSON and in the SQLite file. */

typedef enum
{
  PL_ITEM_KIND_EVENT,
  PL_ITEM_KIND_ACTOR,
  PL_ITEM_KIND_PROVISION,
  PL_ITEM_KIND_TREATY,
  PL_ITEM_KIND_QUOTE,
  PL_ITEM_KIND_SOURCE,
  PL_ITEM_KIND_THEME,
  PL_ITEM_KIND_ERA,
  PL_ITEM_KIND_CLAUSE_TYPE,
  PL_ITEM_KIND_COMPARISON,
  PL_ITEM_KIND_TOUR,
} PlItemKind;

typedef enum
{
  PL_ACTOR_KIND_PERSON,
  PL_ACTOR_KIND_STATE,
  PL_ACTOR_KIND_ORGANIZATION,
  PL_ACTOR_KIND_MEDIA,
  PL_ACTOR_KIND_GROUP,
} PlActorKind;

typedef enum
{
  PL_EVENT_KIND_AGREEMENT,
  PL_EVENT_KIND_MEETING,
  PL_EVENT_KIND_STATEMENT,
  PL_EVENT_KIND_MILITARY,
  PL_EVENT_KIND_CONFLICT,
  PL_EVENT_KIND_POLITICAL,
  PL_EVENT_KIND_ECONOMIC,
  PL_EVENT_KIND_PROTEST,
  PL_EVENT_KIND_REPORT,
  PL_EVENT_KIND_OTHER,
} PlEventKind;

typedef enum
{
  PL_CERTAINTY_CONFIRMED,
  PL_CERTAINTY_REPORTED,
  PL_CERTAINTY_PLANNED,
  PL_CERTAINTY_DISPUTED,
} PlCertainty;

typedef enum
{
  PL_STRENGTH_BINDING,
  PL_STRENGTH_ASPIRATIONAL,
  PL_STRENGTH_UNKNOWN,
} PlStrength;

typedef enum
{
  PL_SOURCE_KIND_ARTICLE,
  PL_SOURCE_KIND_DOCUMENT,
  PL_SOURCE_KIND_REPORT,
  PL_SOURCE_KIND_BOOK,
  PL_SOURCE_KIND_WEBSITE,
  PL_SOURCE_KIND_INTERVIEW,
  PL_SOURCE_KIND_OTHER,
} PlSourceKind;

/* A cell of the comparison matrix: does the treaty have this clause type? */
typedef enum
{
  PL_COMPARISON_VALUE_YES,
  PL_COMPARISON_VALUE_NO,
  PL_COMPARISON_VALUE_PARTIAL,
  PL_COMPARISON_VALUE_UNKNOWN,
} PlComparisonValue;

#define PL_TYPE_ITEM_KIND (pl_item_kind_get_type ())
#define PL_TYPE_ACTOR_KIND (pl_actor_kind_get_type ())
#define PL_TYPE_EVENT_KIND (pl_event_kind_get_type ())
#define PL_TYPE_CERTAINTY (pl_certainty_get_type ())
#define PL_TYPE_STRENGTH (pl_strength_get_type ())
#define PL_TYPE_SOURCE_KIND (pl_source_kind_get_type ())
#define PL_TYPE_COMPARISON_VALUE (pl_comparison_value_get_type ())

GType pl_item_kind_get_type   (void) G_GNUC_CONST;
GType pl_actor_kind_get_type  (void) G_GNUC_CONST;
GType pl_event_kind_get_type  (void) G_GNUC_CONST;
GType pl_certainty_get_type   (void) G_GNUC_CONST;
GType pl_strength_get_type    (void) G_GNUC_CONST;
GType pl_source_kind_get_type (void) G_GNUC_CONST;
GType pl_comparison_value_get_type (void) G_GNUC_CONST;

gboolean    pl_enum_from_nick  (GType        enum_type,
                                const char  *nick,
                                int         *value);
const char *pl_enum_to_nick    (GType        enum_type,
                                int          value);
char       *pl_enum_list_nicks (GType        enum_type);

G_END_DECLS
