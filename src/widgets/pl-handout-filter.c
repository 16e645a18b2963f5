/* pl-handout-filter.c — what chose a handout's events, in words, for its first page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The handout says under its title what the filter was, as the sidebar's
 * chips do: the search text, the dates and each facet with the names of
 * its values, never their ids.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-handout-private.h"
#include "pl-widgets.h"

/* The name a reader knows a facet value by. */
static const char *
value_name (PlStore    *store,
            PlFacet     facet,
            const char *value)
{
  PlRecord *record;
  int number;

  switch (facet)
    {
    case PL_FACET_ACTOR:
      record = pl_store_lookup (store, PL_ITEM_KIND_ACTOR, value);
      return record != NULL ? PL_ACTOR (record)->name : value;
    case PL_FACET_THEME:
      record = pl_store_lookup (store, PL_ITEM_KIND_THEME, value);
      return record != NULL ? PL_THEME (record)->name : value;
    case PL_FACET_SOURCE:
      record = pl_store_lookup (store, PL_ITEM_KIND_SOURCE, value);
      return record != NULL ? PL_SOURCE (record)->title : value;
    case PL_FACET_EVENT_KIND:
      return pl_enum_from_nick (PL_TYPE_EVENT_KIND, value, &number) ? pl_event_kind_label (number) : value;
    case PL_FACET_CERTAINTY:
      return pl_enum_from_nick (PL_TYPE_CERTAINTY, value, &number) ? pl_certainty_label (number) : value;
    case PL_FACET_MARK:
      if (g_str_equal (value, "starred"))
        return _("Starred");
      if (g_str_equal (value, "highlighted"))
        return _("Highlighted");
      if (g_str_equal (value, "note"))
        return _("With a Note");
      return value;
    case PL_FACET_TAG:
    case PL_N_FACETS:
    default:
      return value;
    }
}

static char *
format_day (double day)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) day);
  PlDate partial = { (gint16) g_date_get_year (date), (guint8) g_date_get_month (date),
                     (guint8) g_date_get_day (date), PL_DATE_PRECISION_DAY };

  return pl_date_format (&partial);
}

char *
pl_handout_describe_filter (PlFilter *filter,
                            PlStore  *store)
{
  g_autoptr(GPtrArray) criteria = g_ptr_array_new_with_free_func (g_free);
  const char *text = pl_filter_get_text (filter);
  double first, last;

  if (text[0] != '\0')
    /* Translators: the search text a handout was filtered by */
    g_ptr_array_add (criteria, g_strdup_printf (_("Search: “%s”"), text));
  if (pl_filter_get_date_range (filter, &first, &last))
    {
      g_autofree char *from = format_day (first);
      g_autofree char *to = format_day (last);

      /* Translators: the date range a handout was filtered by */
      g_ptr_array_add (criteria, g_strdup_printf (_("Dates: %s – %s"), from, to));
    }
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      g_auto(GStrv) values = pl_filter_dup_values (filter, f);
      g_autoptr(GString) names = NULL;

      if (values == NULL || values[0] == NULL)
        continue;
      names = g_string_new (NULL);
      for (guint i = 0; values[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, value_name (store, f, values[i]));
        }
      /* Translators: a facet and its selected values, e.g. "Themes: Sanctions, Energy" */
      g_ptr_array_add (criteria, g_strdup_printf (_("%s: %s"), pl_facet_title (f), names->str));
    }

  if (criteria->len == 0)
    return NULL;
  g_ptr_array_add (criteria, NULL);
  return g_strjoinv (" · ", (char **) criteria->pdata);
}
