/* pl-timeline-export.c — the timeline as a PNG image at a chosen width
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The image is the timeline widget itself, laid out again at the width
 * asked for: a second PlTimeline with the same store, events, lanes,
 * selection and visible dates, so labels, clusters and ticks are chosen
 * for that width, as they would be on a screen that wide. It only lays
 * out and draws while it is on screen, so it sits in a viewport of a tiny
 * undecorated window of its own, which never grows to the image's size:
 * no window manager resizes or maximises it and it does not cover the
 * app. After a few frames it is rendered with the cairo renderer, and the
 * PNG is encoded and written in a thread.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-timeline-export.h"

/* Frames to wait: the first lays the copy out, the next draw it. */
#define FRAMES_BEFORE_RENDER 3
/* Cairo's image surfaces stop there. */
#define LARGEST_SIDE 32767

typedef struct
{
  GtkWidget  *window;     /* the host of the copy, destroyed when drawn */
  PlTimeline *copy;       /* owned */
  GFile      *file;
  GdkTexture *texture;
  int         width;
  int         height;
  guint       frames;
  guint       tick_id;
  guint       timeout_id;
} ExportData;

static void
stop_drawing (ExportData *data)
{
  if (data->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (data->copy), data->tick_id);
  data->tick_id = 0;
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&data->window)));
}

static void
export_data_free (ExportData *data)
{
  stop_drawing (data);
  g_clear_object (&data->copy);
  g_clear_object (&data->file);
  g_clear_object (&data->texture);
  g_free (data);
}

static void
write_png (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GBytes) png = NULL;
  GError *error = NULL;

  /* Textures are immutable, so one may be read from any thread. */
  png = gdk_texture_save_to_png_bytes (data->texture);
  if (!g_file_replace_contents (data->file, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
render (gpointer user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  GtkSnapshot *snapshot;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      stop_drawing (data);
      return G_SOURCE_REMOVE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (data->copy));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), data->width, data->height);
  node = gtk_snapshot_free_to_node (snapshot);
  stop_drawing (data);

  if (node == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The timeline could not be drawn"));
      return G_SOURCE_REMOVE;
    }

  /* The cairo renderer draws into memory, whatever the display has. */
  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  data->texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, data->width, data->height));
  gsk_renderer_unrealize (renderer);

  g_task_run_in_thread (task, write_png);
  return G_SOURCE_REMOVE;
}

static gboolean
frame_drawn (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);

  if (++data->frames < FRAMES_BEFORE_RENDER)
    return G_SOURCE_CONTINUE;

  /* Not from within the frame: rendering takes a while. */
  data->tick_id = 0;
  g_idle_add_full (G_PRIORITY_DEFAULT, render, g_object_ref (task), g_object_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
drawing_timed_out (gpointer user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  stop_drawing (data);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The timeline could not be drawn"));
  return G_SOURCE_REMOVE;
}

void
pl_timeline_export_png_async (PlTimeline          *timeline,
                              PlStore             *store,
                              GListModel          *events,
                              PlNotebook          *notebook,
                              int                  width,
                              int                  height,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *range = NULL;
  ExportData *data;
  GtkWidget *scrolled;
  GtkRoot *root;

  g_return_if_fail (PL_IS_TIMELINE (timeline));
  g_return_if_fail (PL_IS_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (events));
  g_return_if_fail (notebook == NULL || PL_IS_NOTEBOOK (notebook));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (timeline, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_timeline_export_png_async);

  if (height <= 0)
    height = gtk_widget_get_height (GTK_WIDGET (timeline));
  if (height <= 0)
    gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  if (width < 1 || width > LARGEST_SIDE || height > LARGEST_SIDE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("An image of %d × %d pixels cannot be made"), width, height);
      return;
    }

  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);
  data->width = width;
  data->height = height;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  /* The copy shows what the timeline shows. The selection comes before
   * the dates, since selecting may scroll. */
  data->copy = g_object_ref_sink (g_object_new (PL_TYPE_TIMELINE, NULL));
  gtk_widget_set_direction (GTK_WIDGET (data->copy), gtk_widget_get_direction (GTK_WIDGET (timeline)));
  pl_timeline_set_store (data->copy, store);
  pl_timeline_set_events (data->copy, events);
  pl_timeline_set_lane_mode (data->copy, pl_timeline_get_lane_mode (timeline));
  pl_timeline_set_notebook (data->copy, notebook);
  pl_timeline_set_selected (data->copy, pl_timeline_get_selected (timeline));
  /* A timeline never shown has no dates yet; the copy fits itself then. */
  range = pl_timeline_describe_range (timeline);
  if (range != NULL)
    {
      double start, end;

      pl_timeline_get_visible_range (timeline, &start, &end);
      pl_timeline_set_visible_range (data->copy, start, end);
    }
  gtk_widget_set_size_request (GTK_WIDGET (data->copy), width, height);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_EXTERNAL, GTK_POLICY_EXTERNAL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (data->copy));

  data->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (data->window), _("Drawing the Timeline"));
  gtk_window_set_decorated (GTK_WINDOW (data->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (data->window), 1, 1);
  gtk_widget_set_can_target (data->window, FALSE);
  gtk_widget_set_can_focus (data->window, FALSE);
  root = gtk_widget_get_root (GTK_WIDGET (timeline));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (data->window), GTK_WINDOW (root));
  gtk_window_set_child (GTK_WINDOW (data->window), scrolled);
  gtk_window_present (GTK_WINDOW (data->window));

  data->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (data->copy), frame_drawn,
                                                g_object_ref (task), g_object_unref);
  data->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 20, drawing_timed_out,
                                                 g_object_ref (task), g_object_unref);
}

gboolean
pl_timeline_export_png_finish (PlTimeline    *timeline,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, timeline), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Export Timeline Image…                                              */

typedef struct
{
  PlTimeline    *timeline;
  PlStore       *store;
  GListModel    *events;
  PlNotebook    *notebook;
  GtkWindow     *parent;
  GtkSpinButton *spin;      /* while the first dialog is up */
  int            width;
  GFile         *file;
} DialogData;

static void
dialog_data_clear (DialogData *data)
{
  g_clear_object (&data->timeline);
  g_clear_object (&data->store);
  g_clear_object (&data->events);
  g_clear_object (&data->notebook);
  g_clear_object (&data->parent);
  g_clear_object (&data->file);
}

static void
dialog_data_release (DialogData *data)
{
  g_rc_box_release_full (data, (GDestroyNotify) dialog_data_clear);
}

static void
dialog_data_notify (gpointer  data,
                    GClosure *closure)
{
  dialog_data_release (data);
}

static void
toast (DialogData *data,
       const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (data->parent), "win.toast", "s", message);
}

static void
exported (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DialogData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (pl_timeline_export_png_finish (PL_TIMELINE (object), result, &error))
    {
      g_autofree char *name = g_file_get_basename (data->file);
      g_autofree char *shown = g_filename_display_name (name);

      /* Translators: %s is the name of the image file just written */
      message = g_strdup_printf (_("Saved %s"), shown);
    }
  else
    message = g_strdup_printf (_("Could not save the image: %s"), error->message);
  toast (data, message);
  dialog_data_release (data);
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  DialogData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_clear_object (&data->file);
      data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (data->file != NULL)
        pl_timeline_export_png_async (data->timeline, data->store, data->events, data->notebook,
                                      data->width, -1, data->file, NULL, exported, g_rc_box_acquire (data));
    }
  g_object_unref (chooser);
  dialog_data_release (data);
}

static void
width_chosen (AdwMessageDialog *dialog,
              const char       *response,
              gpointer          user_data)
{
  DialogData *data = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) png = NULL;

  if (!g_str_equal (response, "export"))
    return;

  /* Typed digits count even if the field was never left. */
  gtk_spin_button_update (data->spin);
  data->width = gtk_spin_button_get_value_as_int (data->spin);
  data->spin = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Timeline Image"), data->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  png = gtk_file_filter_new ();
  gtk_file_filter_set_name (png, _("PNG Images"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), png);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "timeline.png");
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), g_rc_box_acquire (data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
pl_timeline_export_run_dialog (PlTimeline *timeline,
                               PlStore    *store,
                               GListModel *events,
                               PlNotebook *notebook,
                               GtkWindow  *parent)
{
  DialogData *data;
  GtkWidget *dialog, *box, *label, *spin;
  GtkEditable *text;
  int width;

  g_return_if_fail (PL_IS_TIMELINE (timeline));
  g_return_if_fail (PL_IS_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (events));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  data = g_rc_box_new0 (DialogData);
  data->timeline = g_object_ref (timeline);
  data->store = g_object_ref (store);
  data->events = g_object_ref (events);
  data->notebook = notebook != NULL ? g_object_ref (notebook) : NULL;
  data->parent = g_object_ref (parent);

  /* Twice the width on screen gives a sharp image for slides and print. */
  width = gtk_widget_get_width (GTK_WIDGET (timeline));
  width = width > 0 ? 2 * width : 1600;
  width = CLAMP (width, PL_TIMELINE_EXPORT_MIN_WIDTH, PL_TIMELINE_EXPORT_MAX_WIDTH);

  dialog = adw_message_dialog_new (parent, _("Export Timeline Image"),
                                   _("The image shows the timeline as it is now, with the same dates, lanes and filter, drawn across the width you choose."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new_with_mnemonic (_("_Width in pixels"));
  spin = gtk_spin_button_new_with_range (PL_TIMELINE_EXPORT_MIN_WIDTH, PL_TIMELINE_EXPORT_MAX_WIDTH, 100);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), width);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  /* Enter in the width accepts it, as the default button would. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (spin));
  if (GTK_IS_TEXT (text))
    gtk_text_set_activates_default (GTK_TEXT (text), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  data->spin = GTK_SPIN_BUTTON (spin);

  g_signal_connect_data (dialog, "response", G_CALLBACK (width_chosen), data, dialog_data_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}
