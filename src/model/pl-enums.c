/* pl-enums.c — the enumerations of the data contract and their JSON names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-enums.h"

G_DEFINE_ENUM_TYPE (PlItemKind, pl_item_kind,
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_EVENT, "event"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_ACTOR, "actor"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_PROVISION, "provision"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_TREATY, "treaty"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_QUOTE, "quote"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_SOURCE, "source"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_THEME, "theme"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_ERA, "era"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_CLAUSE_TYPE, "clause-type"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_COMPARISON, "comparison"),
  G_DEFINE_ENUM_VALUE (PL_ITEM_KIND_TOUR, "tour"))

G_DEFINE_ENUM_TYPE (PlActorKind, pl_actor_kind,
  G_DEFINE_ENUM_VALUE (PL_ACTOR_KIND_PERSON, "person"),
  G_DEFINE_ENUM_VALUE (PL_ACTOR_KIND_STATE, "state"),
  G_DEFINE_ENUM_VALUE (PL_ACTOR_KIND_ORGANIZATION, "organization"),
  G_DEFINE_ENUM_VALUE (PL_ACTOR_KIND_MEDIA, "media"),
  G_DEFINE_ENUM_VALUE (PL_ACTOR_KIND_GROUP, "group"))

G_DEFINE_ENUM_TYPE (PlEventKind, pl_event_kind,
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_AGREEMENT, "agreement"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_MEETING, "meeting"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_STATEMENT, "statement"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_MILITARY, "military"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_POLITICAL, "political"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_ECONOMIC, "economic"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_PROTEST, "protest"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_REPORT, "report"),
  G_DEFINE_ENUM_VALUE (PL_EVENT_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (PlCertainty, pl_certainty,
  G_DEFINE_ENUM_VALUE (PL_CERTAINTY_CONFIRMED, "confirmed"),
  G_DEFINE_ENUM_VALUE (PL_CERTAINTY_REPORTED, "reported"),
  G_DEFINE_ENUM_VALUE (PL_CERTAINTY_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (PL_CERTAINTY_DISPUTED, "disputed"))

G_DEFINE_ENUM_TYPE (PlStrength, pl_strength,
  G_DEFINE_ENUM_VALUE (PL_STRENGTH_BINDING, "binding"),
  G_DEFINE_ENUM_VALUE (PL_STRENGTH_ASPIRATIONAL, "aspirational"),
  G_DEFINE_ENUM_VALUE (PL_STRENGTH_UNKNOWN, "unknown"))

G_DEFINE_ENUM_TYPE (PlSourceKind, pl_source_kind,
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_ARTICLE, "article"),
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_DOCUMENT, "document"),
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_REPORT, "report"),
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_BOOK, "book"),
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_WEBSITE, "website"),
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_INTERVIEW, "interview"),
  G_DEFINE_ENUM_VALUE (PL_SOURCE_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (PlComparisonValue, pl_comparison_value,
  G_DEFINE_ENUM_VALUE (PL_COMPARISON_VALUE_YES, "yes"),
  G_DEFINE_ENUM_VALUE (PL_COMPARISON_VALUE_NO, "no"),
  G_DEFINE_ENUM_VALUE (PL_COMPARISON_VALUE_PARTIAL, "partial"),
  G_DEFINE_ENUM_VALUE (PL_COMPARISON_VALUE_UNKNOWN, "unknown"))

gboolean
pl_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *found = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (found != NULL)
    *value = found->value;
  g_type_class_unref (klass);

  return found != NULL;
}

const char *
pl_enum_to_nick (GType enum_type,
                 int   value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *found = g_enum_get_value (klass, value);

  /* The class of a static enum type is never finalized, so the nick
   * outlives this reference. */
  g_type_class_unref (klass);

  return found != NULL ? found->value_nick : NULL;
}

/* "confirmed, reported, planned, disputed", for error messages. */
char *
pl_enum_list_nicks (GType enum_type)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, klass->values[i].value_nick);
    }
  g_type_class_unref (klass);

  return g_string_free (out, FALSE);
}
