/* pl-quote-card.h — a verbatim quote with its speaker, date, source and what it supports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-notebook.h"
#include "model/pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_QUOTE_CARD (pl_quote_card_get_type ())
G_DECLARE_FINAL_TYPE (PlQuoteCard, pl_quote_card, PL, QUOTE_CARD, GtkWidget)

GtkWidget *pl_quote_card_new       (void);
GtkWidget *pl_quote_card_item      (gpointer     quote,
                                    gpointer     notebook);
/* @notebook, which may be NULL, holds the reader's notes: the card shows
 * the quote's marks and offers the editor for its note. */
void       pl_quote_card_set_quote (PlQuoteCard *self,
                                    PlQuote     *quote,
                                    PlNotebook  *notebook);
/* The editor of the quote's note, once the reader has opened it; NULL
 * before. */
GtkWidget *pl_quote_card_get_editor (PlQuoteCard *self);
PlQuote   *pl_quote_card_get_quote (PlQuoteCard *self);

G_END_DECLS
