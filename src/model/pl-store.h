/* pl-store.h — a dataset file opened read-only, as typed records and lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-actor.h"
#include "pl-clause-type.h"
#include "pl-comparison.h"
#include "pl-era.h"
#include "pl-event.h"
#include "pl-provision.h"
#include "pl-quote.h"
#include "pl-source.h"
#include "pl-theme.h"
#include "pl-tour.h"
#include "pl-treaty.h"

G_BEGIN_DECLS

#define PL_TYPE_STORE (pl_store_get_type ())
G_DECLARE_FINAL_TYPE (PlStore, pl_store, PL, STORE, GObject)

PlStore     *pl_store_open            (const char          *path,
                                       GCancellable        *cancellable,
                                       GError             **error);

const char  *pl_store_get_path        (PlStore             *self);
const char  *pl_store_get_dataset_id  (PlStore             *self);
const char  *pl_store_get_title       (PlStore             *self);
const char  *pl_store_get_metadata    (PlStore             *self,
                                       const char          *key);

/* Every item of a kind; events in chronological order, the others in the
 * dataset's order. The store owns the lists; they never change. A file of
 * schema version 1 has no clause types and no comparisons. */
GListModel  *pl_store_get_items       (PlStore             *self,
                                       PlItemKind           kind);
PlRecord    *pl_store_lookup          (PlStore             *self,
                                       PlItemKind           kind,
                                       const char          *id);
/* The cell of the comparison matrix for this clause type and treaty, or
 * NULL when the dataset gives none. Its id is "<clause type>/<treaty>". */
PlComparison *pl_store_lookup_comparison (PlStore          *self,
                                          const char       *clause_type_id,
                                          const char       *treaty_id);

/* Links followed backwards, each answered by one indexed query. */
GListModel  *pl_store_list_events_for_actor      (PlStore    *self,
                                                  PlActor    *actor);
GListModel  *pl_store_list_events_for_theme      (PlStore    *self,
                                                  PlTheme    *theme);
GListModel  *pl_store_list_events_for_source     (PlStore    *self,
                                                  PlSource   *source);
GListModel  *pl_store_list_quotes_for_event      (PlStore    *self,
                                                  PlEvent    *event);
GListModel  *pl_store_list_quotes_for_provision  (PlStore    *self,
                                                  PlProvision *provision);
GListModel  *pl_store_list_quotes_by_speaker     (PlStore    *self,
                                                  PlActor    *actor);
GListModel  *pl_store_list_provisions_for_treaty (PlStore    *self,
                                                  PlTreaty   *treaty);
GListModel  *pl_store_list_treaties_for_actor    (PlStore    *self,
                                                  PlActor    *actor);

/* Full-text search over titles, summaries, quotes and names. Any text a
 * user types is safe here. Results are best first; at most @limit (0 for
 * no limit). Empty or punctuation-only text matches nothing. */
GListModel  *pl_store_search          (PlStore             *self,
                                       const char          *text,
                                       guint                limit,
                                       GError             **error);

/* The same matches, unranked and unsorted, as records the store owns: for
 * the filter, which needs every hit and no order, fast. */
GPtrArray   *pl_store_match           (PlStore             *self,
                                       const char          *text,
                                       GError             **error);

/* The same matches for the filter, without reading the events: each
 * matching event as its position in pl_store_get_items()'s event list,
 * appended to @event_positions (guint32), and every other matching item
 * appended to @others. */
gboolean     pl_store_match_positions (PlStore             *self,
                                       const char          *text,
                                       GArray              *event_positions,
                                       GPtrArray           *others,
                                       GError             **error);

/* The same, callable from any thread: the search runs on a connection of
 * the store's own for such searches, one at a time. Cancelling
 * @cancellable stops a search early, with G_IO_ERROR_CANCELLED. The
 * store must outlive the call. */
gboolean     pl_store_match_positions_in_thread (PlStore       *self,
                                                 const char    *text,
                                                 GArray        *event_positions,
                                                 GPtrArray     *others,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

/* The events of pl_store_get_items() as arrays by position, for views
 * that read them all: the events, the first day each covers and the day
 * after its last (whole days, exact in a float).  Valid, like the
 * events, for the store's life. */
PlEvent * const *pl_store_peek_events (PlStore         *self,
                                       const float    **first_days,
                                       const float    **end_days,
                                       guint           *n_events);

/* The records of pl_store_get_items (@kind) as an array by position,
 * without a reference each, for views that go through them all. Valid,
 * like the records, for the store's life. */
PlRecord * const *pl_store_peek_records (PlStore    *self,
                                         PlItemKind  kind,
                                         guint      *n_records);

/* Each event's actors, themes or sources (@kind), by their positions in
 * the store: event i's are linked[offsets[i] .. offsets[i + 1]).  Made on
 * first use, from any thread, and kept for the store's life; both arrays
 * are g_atomic_rc_box references, which a holder may acquire to keep
 * them longer. */
void         pl_store_peek_event_links (PlStore        *self,
                                        PlItemKind      kind,
                                        const guint32 **offsets,
                                        const guint32 **linked);

G_END_DECLS
