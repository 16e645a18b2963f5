/* pl-timeline-export.h — the timeline as a PNG image at a chosen width
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-timeline.h"

G_BEGIN_DECLS

#define PL_TIMELINE_EXPORT_MIN_WIDTH 400
#define PL_TIMELINE_EXPORT_MAX_WIDTH 16000

/* Draws @events of @store as @timeline shows them now (the same visible
 * dates, lane mode, selection and direction) at @width × @height pixels,
 * and writes it to @file as a PNG. @height <= 0 takes @timeline's own
 * height. @notebook, if given, adds the reader's marks, as on screen. */
void     pl_timeline_export_png_async   (PlTimeline           *timeline,
                                         PlStore              *store,
                                         GListModel           *events,
                                         PlNotebook           *notebook,
                                         int                   width,
                                         int                   height,
                                         GFile                *file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean pl_timeline_export_png_finish  (PlTimeline           *timeline,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Export Timeline Image…: asks @parent's user for a width and a file,
 * exports, and says how it went through @parent's win.toast action. */
void     pl_timeline_export_run_dialog  (PlTimeline           *timeline,
                                         PlStore              *store,
                                         GListModel           *events,
                                         PlNotebook           *notebook,
                                         GtkWindow            *parent);

G_END_DECLS
