/* pl-presentation.c — the fullscreen presentation of events or of a tour
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window of its own, so the main window keeps its place while a class
 * watches the slides; the slide view does the drawing and takes the keys.
 * Escape, or closing the window, ends it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-presentation.h"

struct _PlPresentation
{
  GtkWindow    parent_instance;

  PlSlideView *slides;
  gboolean     finished;
};

G_DEFINE_FINAL_TYPE (PlPresentation, pl_presentation, GTK_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finish (PlPresentation *self)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  g_signal_emit (self, signals[FINISHED], 0, pl_slide_view_get_event (self->slides));
}

static void
leave (PlPresentation *self)
{
  finish (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
pl_presentation_close_request (GtkWindow *window)
{
  finish (PL_PRESENTATION (window));
  return GTK_WINDOW_CLASS (pl_presentation_parent_class)->close_request (window);
}

static void
title_changed (PlPresentation *self)
{
  PlEvent *event = pl_slide_view_get_event (self->slides);
  g_autofree char *title = event != NULL
                           /* Translators: the presentation window's title, with the event on screen */
                           ? g_strdup_printf (_("Presenting: %s"), event->title)
                           : g_strdup (_("Presentation"));

  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
pl_presentation_class_init (PlPresentationClass *klass)
{
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = pl_presentation_close_request;

  /**
   * PlPresentation::finished:
   * @event: (nullable): the event on screen when it ended
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, PL_TYPE_EVENT);
}

static void
pl_presentation_init (PlPresentation *self)
{
  self->slides = PL_SLIDE_VIEW (pl_slide_view_new ());
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->slides));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  g_signal_connect_swapped (self->slides, "leave", G_CALLBACK (leave), self);
  g_signal_connect_swapped (self->slides, "notify::position", G_CALLBACK (title_changed), self);
  title_changed (self);
}

PlPresentation *
pl_presentation_new (GtkWindow  *parent,
                     PlStore    *store,
                     GListModel *events,
                     PlTour     *tour,
                     PlNotebook *notebook)
{
  PlPresentation *self;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  self = g_object_new (PL_TYPE_PRESENTATION,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  pl_slide_view_set_slides (self->slides, store, events, tour);
  pl_slide_view_set_notebook (self->slides, notebook);
  gtk_widget_grab_focus (GTK_WIDGET (self->slides));
  return self;
}

PlSlideView *
pl_presentation_get_slide_view (PlPresentation *self)
{
  g_return_val_if_fail (PL_IS_PRESENTATION (self), NULL);

  return self->slides;
}
