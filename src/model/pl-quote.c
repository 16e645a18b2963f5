/* pl-quote.c — a verbatim passage with its speaker and source
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pl-quote.h"

G_DEFINE_FINAL_TYPE (PlQuote, pl_quote, PL_TYPE_RECORD)

static const PlField quote_fields[] = {
  { "text", PL_FIELD_STRING, G_STRUCT_OFFSET (PlQuote, text), G_TYPE_INVALID },
  { "speaker", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlQuote, speaker), 0 },
  { "document", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlQuote, document), 0 },
  { "source", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlQuote, source), 0 },
  { "said-on", PL_FIELD_DATE, G_STRUCT_OFFSET (PlQuote, said_on), G_TYPE_INVALID },
  { "context", PL_FIELD_STRING, G_STRUCT_OFFSET (PlQuote, context), G_TYPE_INVALID },
  { "events", PL_FIELD_LIST, G_STRUCT_OFFSET (PlQuote, events), G_TYPE_INVALID },
  { "provisions", PL_FIELD_LIST, G_STRUCT_OFFSET (PlQuote, provisions), G_TYPE_INVALID },
};

static void
pl_quote_class_init (PlQuoteClass *klass)
{
  static PlField fields[G_N_ELEMENTS (quote_fields)];

  memcpy (fields, quote_fields, sizeof fields);
  fields[1].value_type = PL_TYPE_ACTOR;
  fields[2].value_type = PL_TYPE_TREATY;
  fields[3].value_type = PL_TYPE_SOURCE;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_QUOTE,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_quote_init (PlQuote *self)
{
}

/* A plain-text citation to paste into an essay: the words exactly as the
 * source prints them, who said them and when, and where they were printed.
 * Parts the dataset does not know are left out, never guessed. */
char *
pl_quote_format_citation (PlQuote *self)
{
  GString *out;
  PlSource *source;
  g_autofree char *said_on = NULL;

  g_return_val_if_fail (PL_IS_QUOTE (self), NULL);

  out = g_string_new (NULL);
  source = self->source;

  /* Translators: the quotation marks around a quoted passage */
  g_string_append_printf (out, _("“%s”"), self->text);

  if (self->speaker != NULL)
    g_string_append_printf (out, " — %s", self->speaker->name);
  else if (self->document != NULL)
    g_string_append_printf (out, " — %s", self->document->title);

  said_on = pl_date_format (&self->said_on);
  if (said_on != NULL)
    g_string_append_printf (out, ", %s", said_on);
  g_string_append_c (out, '.');

  if (source != NULL)
    {
      g_autofree char *published = pl_date_format (&source->published);

      g_string_append_printf (out, " %s", source->title);
      if (source->outlet[0] != '\0')
        g_string_append_printf (out, ", %s", source->outlet);
      if (source->author[0] != '\0')
        g_string_append_printf (out, ", %s", source->author);
      if (published != NULL)
        g_string_append_printf (out, ", %s", published);
      g_string_append_c (out, '.');
      if (source->url[0] != '\0')
        g_string_append_printf (out, " %s", source->url);
    }

  return g_string_free (out, FALSE);
}
