/* pl-window.c — the main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a dataset never blocks: a JSON file is imported in a thread into
 * a cached dataset file, which is then opened in a thread too, with the
 * progress shown. If anything fails, the dataset that was open stays open
 * and the reason is shown.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/pl-error.h"
#include "model/pl-importer.h"
#include "model/pl-notes.h"
#include "model/pl-timelinejs.h"
#include "widgets/pl-actors-view.h"
#include "widgets/pl-chronicle.h"
#include "widgets/pl-detail-pane.h"
#include "widgets/pl-filter-sidebar.h"
#include "widgets/pl-handout.h"
#include "widgets/pl-notes-view.h"
#include "widgets/pl-preferences.h"
#include "widgets/pl-presentation.h"
#include "widgets/pl-provisions-view.h"
#include "widgets/pl-quotes-view.h"
#include "widgets/pl-timeline.h"
#include "widgets/pl-timeline-export.h"
#include "pl-window.h"

struct _PlWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PlStore              *store;
  PlFilter             *filter;
  PlUserDb             *user_db;
  PlNotebook           *notebook;     /* the open dataset's annotations */
  PlAnnotation         *deleted;         /* for Undo */
  GCancellable         *opening;
  AdwToast             *error_toast;    /* weak */
  guint                 pulse_source;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  GtkStack             *content_stack;
  GtkStack             *timeline_stack;
  GtkProgressBar       *progress_bar;
  GtkLabel             *error_label;
  GtkDropDown          *lane_dropdown;
  GtkLabel             *range_label;
  GtkWidget            *zoom_buttons;
  GtkPaned             *paned;
  PlTimeline           *timeline;
  PlChronicle          *chronicle;
  PlDetailPane         *detail_pane;
  PlFilterSidebar      *filter_sidebar;
  GtkWidget            *detail_box;
  PlActorsView         *actors_view;
  PlQuotesView         *quotes_view;
  PlProvisionsView     *provisions_view;
  PlNotesView          *notes_view;
  GMenu                *present_section;

  char                 *actor_return_view;  /* where Back on an actor page goes */
  PlPresentation       *presentation;       /* weak; while one is shown */
};

G_DEFINE_FINAL_TYPE (PlWindow, pl_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_tours_menu (PlWindow *self);

static gboolean
text_size_to_scale (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, pl_preferences_text_scale_for (g_variant_get_string (variant, NULL)));
  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* The reader's own notes. If they cannot be opened the datasets still
 * are, and the reader is told why notes are off. */
static void
open_user_db (PlWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->user_db = pl_user_db_open (NULL, &error);
  if (self->user_db != NULL && pl_user_db_get_set_aside_path (self->user_db) != NULL)
    {
      /* Translators: the first %s says what was wrong, the second where the old file now is */
      g_autofree char *message = g_strdup_printf (_("Your notes file could not be read (%s). It was kept as %s and new notes start afresh."),
                                                  pl_user_db_get_set_aside_reason (self->user_db),
                                                  pl_user_db_get_set_aside_path (self->user_db));
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  if (self->user_db == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Notes are off: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

typedef struct
{
  PlWindow *self;       /* owned */
  GFile    *file;
  char     *path;       /* of the dataset file to open */
  double    fraction;
  PlFilter *filter;     /* made with the store, in the opening thread */
} OpenData;

/* Shared by the import thread's progress updates, the import task and the
 * store's callback, so it is reference counted. */
static void
open_data_clear (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data->path);
  g_clear_object (&data->filter);
}

static void
open_data_unref (OpenData *data)
{
  g_rc_box_release_full (data, (GDestroyNotify) open_data_clear);
}

/* A dismissed toast is leaving: a later failure gets a toast of its own. */
static void
error_toast_dismissed (PlWindow *self)
{
  g_clear_weak_pointer (&self->error_toast);
}

static void
show_error (PlWindow     *self,
            const GError *error,
            GFile        *file)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *message = g_strdup_printf (_("“%s”: %s"), name, error->message);

  if (self->store != NULL)
    {
      /* Toasts use markup; the message holds a file name and maybe
       * dataset text, so it is escaped. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast;

      /* The newest failure takes the place of an older one still shown,
       * rather than queueing behind it: dismissing a toast that is still
       * coming in and adding another crashes libadwaita 1.2. It stays
       * until dismissed, as it may be long. */
      if (self->error_toast != NULL)
        {
          adw_toast_set_title (self->error_toast, escaped);
          gtk_stack_set_visible_child_name (self->content_stack, "dataset");
          return;
        }

      toast = adw_toast_new (escaped);
      g_set_weak_pointer (&self->error_toast, toast);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (error_toast_dismissed), self, G_CONNECT_SWAPPED);
      adw_toast_set_timeout (toast, 0);
      /* Not ADW_TOAST_PRIORITY_HIGH: libadwaita 1.2 asserts when a high
       * priority toast arrives while the previous one is leaving. */
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      gtk_stack_set_visible_child_name (self->content_stack, "dataset");
    }
  else
    {
      gtk_label_set_text (self->error_label, message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
}

static const char *
facet_key (PlFacet facet)
{
  return pl_enum_to_nick (PL_TYPE_FACET, facet);
}

static void
save_filter (PlWindow *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const char *text = pl_filter_get_text (self->filter);
  double first, last;

  if (text != NULL && text[0] != '\0')
    g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (text));
  if (pl_filter_get_date_range (self->filter, &first, &last))
    g_variant_builder_add (&builder, "{sv}", "dates", g_variant_new ("(dd)", first, last));
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      g_auto(GStrv) values = pl_filter_dup_values (self->filter, f);

      if (values != NULL && values[0] != NULL)
        g_variant_builder_add (&builder, "{sv}", facet_key (f), g_variant_new_strv ((const char * const *) values, -1));
    }

  g_settings_set_value (self->settings, "filter", g_variant_builder_end (&builder));
  g_settings_set_string (self->settings, "filter-dataset", pl_store_get_dataset_id (self->store));
}

static void
restore_filter (PlWindow *self)
{
  g_autofree char *dataset = g_settings_get_string (self->settings, "filter-dataset");
  g_autoptr(GVariant) saved = NULL;
  const char *text = NULL;
  double first, last;

  if (g_strcmp0 (dataset, pl_store_get_dataset_id (self->store)) != 0)
    return;

  saved = g_settings_get_value (self->settings, "filter");
  if (g_variant_lookup (saved, "text", "&s", &text))
    pl_filter_set_text (self->filter, text);
  if (g_variant_lookup (saved, "dates", "(dd)", &first, &last) && last >= first)
    pl_filter_set_date_range (self->filter, first, last);
  for (guint f = 0; f < PL_N_FACETS; f++)
    {
      g_autofree const char **values = NULL;

      if (g_variant_lookup (saved, facet_key (f), "^a&s", &values))
        for (guint i = 0; values[i] != NULL; i++)
          pl_filter_set_active (self->filter, f, values[i], TRUE);
    }
}

static void
filter_changed (PlWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "timeline-mode");
  gboolean any = pl_filter_get_n_events (self->filter) > 0;

  gtk_stack_set_visible_child_name (self->timeline_stack, any ? mode : "empty");
  save_filter (self);
}

static void
set_store (PlWindow *self,
           PlStore  *store,
           PlFilter *filter)
{
  g_autofree char *title = NULL;

  g_set_object (&self->store, store);

  title = g_strdup_printf (_("%s — Pactline"), pl_store_get_title (store));
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  self->filter = g_object_ref (filter);

  /* The reader's notes on this dataset: every view that shows marks, and
   * the filter, follow this one notebook. */
  if (self->notebook != NULL)
    g_signal_handlers_disconnect_by_data (self->notebook, self);
  g_clear_object (&self->notebook);
  self->notebook = pl_notebook_new (self->user_db, pl_store_get_dataset_id (store));
  pl_filter_set_notebook (self->filter, self->notebook);

  pl_timeline_set_store (self->timeline, store);
  pl_timeline_set_events (self->timeline, pl_filter_get_events (self->filter));
  pl_chronicle_set_events (self->chronicle, pl_filter_get_events (self->filter));
  pl_detail_pane_set_store (self->detail_pane, store);
  pl_chronicle_set_notebook (self->chronicle, self->notebook);
  pl_detail_pane_set_notebook (self->detail_pane, self->notebook);
  pl_notes_view_set_store (self->notes_view, store, self->notebook);
  pl_timeline_set_notebook (self->timeline, self->notebook);
  update_tours_menu (self);
  pl_filter_sidebar_set_filter (self->filter_sidebar, self->filter);
  pl_actors_view_set_filter (self->actors_view, self->filter);
  pl_quotes_view_set_filter (self->quotes_view, self->filter);
  pl_provisions_view_set_filter (self->provisions_view, self->filter);

  /* The filter last used comes back, but only on the dataset it was made
   * for: another dataset starts unfiltered. */
  restore_filter (self);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (filter_changed), self, G_CONNECT_SWAPPED);
  filter_changed (self);

  gtk_stack_set_visible_child_name (self->content_stack, "dataset");
}

static void
store_opened (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PlWindow *self = PL_WINDOW (object);
  OpenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = g_task_propagate_pointer (G_TASK (result), &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&self->opening);
      if (store != NULL)
        set_store (self, store, data->filter);
      else
        show_error (self, error, data->file);
    }
}

/* Reads the store and makes its filter in a thread: at a million events
 * the filter's arrays take about half a second, which the window would
 * otherwise stand still for. The filter is used only from the main
 * thread once the task is done. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  g_autoptr(PlStore) store = pl_store_open (data->path, cancellable, &error);

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->filter = pl_filter_new (store);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/* Takes @data. */
static void
open_store (PlWindow *self,
            OpenData *data)
{
  g_autoptr(GTask) task = g_task_new (self, self->opening, store_opened, NULL);

  g_task_set_source_tag (task, open_store);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_unref);
  g_task_run_in_thread (task, open_thread);
}

static gboolean
update_progress (gpointer user_data)
{
  OpenData *data = user_data;

  gtk_progress_bar_set_fraction (data->self->progress_bar, data->fraction);
  return G_SOURCE_REMOVE;
}

static void
import_progress (double   fraction,
                 gpointer user_data)
{
  OpenData *data = user_data;

  /* Called in the import thread; the bar is updated in the main one. The
   * OpenData outlives the import, so the idle may use it. */
  data->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, update_progress,
                              g_rc_box_acquire (data), (GDestroyNotify) open_data_unref);
}

/* Imports in a thread into the cache, named after the source path so that
 * opening the same JSON again reuses nothing stale: it is always rebuilt. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpenData *data = task_data;
  g_autofree char *json_path = g_file_get_path (data->file);
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "pactline", NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json_path, -1);
  g_autofree char *name = g_strconcat (digest, ".sqlite", NULL);
  g_autoptr(PlImportReport) report = NULL;
  GError *error = NULL;

  if (g_mkdir_with_parents (cache_dir, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved),
                               _("Could not create “%s”: %s"), cache_dir, g_strerror (saved));
      return;
    }

  data->path = g_build_filename (cache_dir, name, NULL);
  if (!pl_import_file (json_path, data->path, import_progress, data, cancellable, &report, &error))
    {
      /* The first problems say what to fix; all of them are one
       * `pactline --validate` away. */
      if (report != NULL && report->problems->len > 0)
        {
          g_autoptr(GString) text = g_string_new (error->message);

          for (guint i = 0; i < MIN (report->problems->len, 5); i++)
            g_string_append_printf (text, "\n%s", (char *) report->problems->pdata[i]);
          g_clear_error (&error);
          error = g_error_new_literal (PL_ERROR, PL_ERROR_INVALID_DATA, text->str);
        }
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
imported (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PlWindow *self = PL_WINDOW (object);
  OpenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->opening);
          show_error (self, error, data->file);
        }
      return;
    }

  open_store (self, g_rc_box_acquire (data));
}

static gboolean
pulse (gpointer user_data)
{
  PlWindow *self = user_data;

  if (self->opening == NULL)
    {
      self->pulse_source = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

void
pl_window_open (PlWindow *self,
                GFile    *file)
{
  g_autofree char *path = NULL;
  OpenData *data;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_set_object (&self->opening, g_cancellable_new ());
  g_object_unref (self->opening);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  data = g_rc_box_new0 (OpenData);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Only local files can be opened"));
      show_error (self, error, file);
      open_data_unref (data);
      return;
    }

  /* TimelineJS JSON and spreadsheets are imported as JSON datasets are. */
  if (g_str_has_suffix (path, ".json") || pl_timelinejs_is_csv_path (path))
    {
      g_autoptr(GTask) task = g_task_new (self, self->opening, imported, NULL);

      g_task_set_task_data (task, data, (GDestroyNotify) open_data_unref);
      g_task_run_in_thread (task, import_thread);
      return;
    }

  /* Reading a dataset file reports no fraction; the bar shows it is busy. */
  data->path = g_steal_pointer (&path);
  if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (100, pulse, self);
  open_store (self, data);
}

PlStore *
pl_window_get_store (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  return self->store;
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
file_chosen (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  PlWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      pl_window_open (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) datasets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  gtk_file_filter_set_name (datasets, _("Datasets"));
  gtk_file_filter_add_suffix (datasets, "sqlite");
  gtk_file_filter_add_suffix (datasets, "json");
  gtk_file_filter_add_suffix (datasets, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), datasets);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (parameter, NULL));
}

static void
toggle_chronicle_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autofree char *mode = g_settings_get_string (self->settings, "timeline-mode");

  g_settings_set_string (self->settings, "timeline-mode",
                         g_str_equal (mode, "timeline") ? "chronicle" : "timeline");
  adw_view_stack_set_visible_child_name (self->stack, "timeline");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->filter_sidebar), TRUE);
  pl_filter_sidebar_focus_search (self->filter_sidebar);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->filter != NULL)
    pl_filter_clear (self->filter);
}

/* The item a link's parameter names, or NULL. */
static PlRecord *
linked_item (PlWindow   *self,
             PlItemKind  kind,
             GVariant   *parameter)
{
  if (self->store == NULL)
    return NULL;
  return pl_store_lookup (self->store, kind, g_variant_get_string (parameter, NULL));
}

/* From a link anywhere (a quote card, an actor page): the event on the
 * timeline, selected. A filter that hides it is cleared first. */
static void
show_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlRecord *event = linked_item (self, PL_ITEM_KIND_EVENT, parameter);

  if (event == NULL)
    return;

  if (!pl_filter_match_event (self->filter, PL_EVENT (event)))
    pl_filter_clear (self->filter);
  adw_view_stack_set_visible_child_name (self->stack, "timeline");
  pl_timeline_set_selected (self->timeline, PL_EVENT (event));
}

/* Any link to an actor (a chip, a quote's speaker) opens their page; Back
 * returns to where the link was. */
static void
show_actor_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlRecord *actor = linked_item (self, PL_ITEM_KIND_ACTOR, parameter);
  const char *current;

  if (actor == NULL)
    return;

  current = adw_view_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (current, "actors") != 0)
    {
      g_free (self->actor_return_view);
      self->actor_return_view = g_strdup (current);
    }
  adw_view_stack_set_visible_child_name (self->stack, "actors");
  pl_actors_view_show_actor (self->actors_view, PL_ACTOR (actor));
}

static void
show_provision_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlRecord *provision = linked_item (self, PL_ITEM_KIND_PROVISION, parameter);

  if (provision == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->stack, "provisions");
  pl_provisions_view_show_provision (self->provisions_view, PL_PROVISION (provision));
}

/* The menu offers the filtered events and each of the dataset's tours. */
static void
update_tours_menu (PlWindow *self)
{
  GListModel *tours = pl_store_get_items (self->store, PL_ITEM_KIND_TOUR);
  guint n = g_list_model_get_n_items (tours);

  /* The first item, the filtered events, stays. */
  while (g_menu_model_get_n_items (G_MENU_MODEL (self->present_section)) > 1)
    g_menu_remove (self->present_section, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlTour) tour = g_list_model_get_item (tours, i);
      /* Translators: a menu item presenting one of the dataset's tours; %s is its title */
      g_autofree char *label = g_strdup_printf (_("Present Tour: %s"), tour->title);
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);

      /* The title is the dataset's text: menus do not parse it, but an
       * underscore would become a mnemonic, so it is doubled. */
      {
        g_auto(GStrv) parts = g_strsplit (label, "_", -1);
        g_autofree char *escaped = g_strjoinv ("__", parts);
        g_menu_item_set_label (item, escaped);
      }
      g_menu_item_set_action_and_target_value (item, "win.present", g_variant_new_string (PL_RECORD (tour)->id));
      g_menu_append_item (self->present_section, item);
    }
}

static void
presentation_finished (PlWindow *self,
                       PlEvent  *event)
{
  /* Back where the class left off: that event, selected on the timeline. */
  if (event != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-event", "s", PL_RECORD (event)->id);
  gtk_window_present (GTK_WINDOW (self));
}

/* F5 and the menu: the events the filter shows in date order, or, with a
 * tour's id, that tour. Full screen; Escape comes back. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  const char *tour_id = g_variant_get_string (parameter, NULL);
  PlTour *tour = NULL;
  PlPresentation *presentation;

  if (self->store == NULL || self->presentation != NULL)
    return;

  if (tour_id[0] != '\0')
    {
      tour = PL_TOUR (pl_store_lookup (self->store, PL_ITEM_KIND_TOUR, tour_id));
      if (tour == NULL)
        return;
    }
  else if (pl_filter_get_n_events (self->filter) == 0)
    {
      gtk_widget_activate_action (widget, "win.toast", "s", _("No events match the filters: nothing to present"));
      return;
    }

  presentation = pl_presentation_new (GTK_WINDOW (self), self->store, pl_filter_get_events (self->filter),
                                      tour, self->notebook);
  g_settings_bind (self->settings, "presenter-notes",
                   pl_presentation_get_slide_view (presentation), "show-notes", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (presentation, "finished", G_CALLBACK (presentation_finished), self, G_CONNECT_SWAPPED);
  self->presentation = presentation;
  g_object_add_weak_pointer (G_OBJECT (presentation), (gpointer *) &self->presentation);
  gtk_window_fullscreen (GTK_WINDOW (presentation));
  gtk_window_present (GTK_WINDOW (presentation));
}

/* From a note about a quote: the Quotes view with the quote selected. A
 * filter that hides it is cleared first. */
static void
show_quote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlRecord *quote = linked_item (self, PL_ITEM_KIND_QUOTE, parameter);

  if (quote == NULL)
    return;

  if (!pl_filter_match_quote (self->filter, PL_QUOTE (quote)))
    pl_filter_clear (self->filter);
  adw_view_stack_set_visible_child_name (self->stack, "quotes");
  pl_quotes_view_show_quote (self->quotes_view, PL_QUOTE (quote));
}

static void
actors_back_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  pl_actors_view_show_all (self->actors_view);
  if (self->actor_return_view != NULL)
    adw_view_stack_set_visible_child_name (self->stack, self->actor_return_view);
  g_clear_pointer (&self->actor_return_view, g_free);
}

static void
filter_by_actor_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->filter == NULL)
    return;

  pl_filter_set_active (self->filter, PL_FACET_ACTOR, g_variant_get_string (parameter, NULL), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_sidebar), TRUE);
  pl_actors_view_show_all (self->actors_view);
  g_clear_pointer (&self->actor_return_view, g_free);
  adw_view_stack_set_visible_child_name (self->stack, "timeline");
}



static void
notes_saved_to (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  PlWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->user_db != NULL && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      guint n = 0;

      if (path != NULL && pl_notes_export_file (self->user_db, pl_store_get_dataset_id (self->store),
                                                self->store, path, &n, &error))
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %'u note", "Exported %'u notes", n), n);
      else
        message = g_strdup_printf (_("Could not export the notes: %s"),
                                   error != NULL ? error->message : _("not a local file"));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  g_object_unref (dialog);
}

/* Markdown or JSON, chosen by the name's ending. */
static void
export_notes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->store == NULL || self->user_db == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Notes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s-notes.md", pl_store_get_dataset_id (self->store));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (notes_saved_to), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
notes_chosen (GtkNativeDialog *dialog,
              int              response,
              gpointer         user_data)
{
  PlWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->user_db != NULL && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) reload_error = NULL;
      g_autoptr(PlNotesImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path != NULL && pl_notes_import_file (self->user_db, path, pl_store_get_dataset_id (self->store),
                                                0, &report, &error))
        message = pl_notes_import_report_describe (report);
      else if (report != NULL)
        message = pl_notes_import_report_describe (report);
      else
        message = g_strdup_printf (_("Could not import the notes: %s"),
                                   error != NULL ? error->message : _("not a local file"));

      /* The report can be long: a dialog, not a toast. Plain text. */
      {
        GtkWidget *dialog_box = adw_message_dialog_new (GTK_WINDOW (self), _("Import Notes"), NULL);

        adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog_box), message);
        adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog_box), FALSE);
        adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog_box), "close", _("_Close"));
        gtk_window_present (GTK_WINDOW (dialog_box));
      }
      if (!pl_notebook_reload (self->notebook, &reload_error))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", reload_error->message);
    }
  g_object_unref (dialog);
}

static void
import_notes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  if (self->store == NULL || self->user_db == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Import Notes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (json, _("Notes (JSON)"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  g_signal_connect (dialog, "response", G_CALLBACK (notes_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* What the filter shows now is what the class sees on the web. @path is
 * NULL for a file that is not local. */
/* A TimelineJS export under way in a thread: the events as they were
 * when it started, which live as long as the store it holds. */
typedef struct
{
  PlStore   *store;
  GPtrArray *events;
  char      *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->store);
  g_ptr_array_unref (data->events);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (pl_timelinejs_write_file (data->store, (PlEvent * const *) data->events->pdata, data->events->len,
                                data->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
dismiss_toast (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* Says how the export went: in the toast that said it was under way,
 * when there was one, which then goes after five seconds. */
static void
timelinejs_exported (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PlWindow *self = PL_WINDOW (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  AdwToast *progress = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported %'u event for TimelineJS",
                                            "Exported %'u events for TimelineJS", data->events->len),
                               data->events->len);
  else
    message = g_strdup_printf (_("Could not export for TimelineJS: %s"), error->message);
  escaped = g_markup_escape_text (message, -1);

  if (progress != NULL)
    {
      adw_toast_set_title (progress, escaped);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 5, dismiss_toast, progress, g_object_unref);
    }
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* From this many events an export takes long enough to say so. */
#define EXPORT_TOAST_FROM 20000

/* Writes the events the filter shows in a thread: a million take seconds,
 * and the window goes on answering meanwhile. */
static void
export_timelinejs_to (PlWindow   *self,
                      const char *path)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;
  AdwToast *progress = NULL;
  guint n;

  if (self->store == NULL || self->filter == NULL)
    return;
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export for TimelineJS: %s"), _("not a local file"));

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      return;
    }

  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (self->store);
  data->path = g_strdup (path);
  data->events = pl_filter_events_to_array (pl_filter_get_events (self->filter), self->store);
  n = data->events->len;

  if (n >= EXPORT_TOAST_FROM)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Exporting %'u event for TimelineJS…",
                                                               "Exporting %'u events for TimelineJS…", n), n);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      progress = adw_toast_new (escaped);
      adw_toast_set_timeout (progress, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (progress));
    }

  task = g_task_new (self, NULL, timelinejs_exported, progress);
  g_task_set_source_tag (task, export_timelinejs_to);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/* The path is a file name, so a byte string: it need not be UTF-8. */
static void
export_timelinejs_to_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  export_timelinejs_to (PL_WINDOW (widget), g_variant_get_bytestring (parameter));
}

static void
timelinejs_saved_to (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  PlWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      export_timelinejs_to (self, path);
    }
  g_object_unref (dialog);
}

/* The events the filter shows, as TimelineJS3 JSON. */
static void
export_timelinejs_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->store == NULL || self->filter == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export for TimelineJS"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (json, _("TimelineJS (JSON)"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  name = g_strdup_printf ("%s-timelinejs.json", pl_store_get_dataset_id (self->store));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (timelinejs_saved_to), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
delete_note_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  const char *kind_nick, *item_id;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  int kind;

  const PlAnnotation *stored;

  if (self->notebook == NULL)
    return;

  g_variant_get (parameter, "(&s&s)", &kind_nick, &item_id);
  if (!pl_enum_from_nick (PL_TYPE_ITEM_KIND, kind_nick, &kind))
    return;

  g_clear_pointer (&self->deleted, pl_annotation_free);
  stored = pl_notebook_lookup (self->notebook, kind, item_id);
  self->deleted = stored != NULL ? pl_annotation_copy (stored) : NULL;
  if (self->deleted == NULL || !pl_notebook_delete (self->notebook, kind, item_id, &error))
    {
      if (error != NULL)
        gtk_widget_activate_action (widget, "win.toast", "s", error->message);
      return;
    }

  toast = adw_toast_new (_("Note deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* The note may belong to a dataset opened before this one. */
  if (self->deleted == NULL || self->notebook == NULL ||
      g_strcmp0 (self->deleted->dataset_id, pl_notebook_get_dataset_id (self->notebook)) != 0)
    return;

  if (!pl_notebook_restore (self->notebook, self->deleted, &error))
    {
      gtk_widget_activate_action (widget, "win.toast", "s", error->message);
      return;
    }
  g_clear_pointer (&self->deleted, pl_annotation_free);
}

/* For messages of our own; they go through markup, so they are escaped. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autofree char *escaped = g_markup_escape_text (g_variant_get_string (parameter, NULL), -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* The handout of the events the filter shows; the dialog's Print to File
 * makes it a PDF. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(PlHandout) handout = NULL;

  if (self->store == NULL)
    return;

  handout = pl_handout_new (self->store, pl_filter_get_events (self->filter), self->filter);
  pl_handout_run_dialog (handout, GTK_WINDOW (self));
}

static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->store == NULL)
    return;

  pl_timeline_export_run_dialog (self->timeline, self->store, pl_filter_get_events (self->filter),
                                 self->notebook, GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */
/* State                                                               */

static void
timeline_mode_changed (PlWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "timeline-mode");
  gboolean timeline = g_str_equal (mode, "timeline");

  if (self->filter == NULL || pl_filter_get_n_events (self->filter) > 0)
    gtk_stack_set_visible_child_name (self->timeline_stack, mode);

  /* Lanes, zoom and the visible range mean nothing to the chronicle. */
  gtk_widget_set_visible (GTK_WIDGET (self->lane_dropdown), timeline);
  gtk_widget_set_visible (GTK_WIDGET (self->range_label), timeline);
  gtk_widget_set_visible (self->zoom_buttons, timeline);
}

static void
selection_changed (PlWindow *self)
{
  PlEvent *event = pl_timeline_get_selected (self->timeline);

  pl_detail_pane_set_event (self->detail_pane, event);
  pl_chronicle_set_selected (self->chronicle, event);
}

/* Enter on the timeline opens the event: the detail pane is shown and takes
 * the focus, so a screen reader reads it next. */
static void
timeline_activated (PlWindow *self,
                    PlEvent  *event)
{
  gtk_widget_set_visible (GTK_WIDGET (self->detail_pane), TRUE);
  gtk_widget_child_focus (GTK_WIDGET (self->detail_pane), GTK_DIR_TAB_FORWARD);
}

static void
range_selected (PlWindow *self,
                double    first_day,
                double    last_day)
{
  if (self->filter != NULL)
    pl_filter_set_date_range (self->filter, first_day, last_day);
}

static void
chronicle_activated (PlWindow *self,
                     PlEvent  *event)
{
  pl_timeline_set_selected (self->timeline, event);
}

static void
range_changed (PlWindow *self)
{
  g_autofree char *range = pl_timeline_describe_range (self->timeline);

  gtk_label_set_text (self->range_label, range != NULL ? range : "");
}

/* The event details belong beside the timeline; the other views have
 * pages of their own and use the whole width. */
static void
view_changed (PlWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->stack);

  gtk_widget_set_visible (self->detail_box, g_strcmp0 (view, "timeline") == 0);
}

static gboolean
lane_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *mode = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (mode, "theme") ? 1 : g_str_equal (mode, "actor") ? 2 : 0);
  return TRUE;
}

static GVariant *
selected_to_lane (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  static const char * const modes[] = { "none", "theme", "actor" };
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (modes[MIN (selected, 2)]);
}

static void
save_window_state (PlWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-view", adw_view_stack_get_visible_child_name (self->stack));
}

static gboolean
pl_window_close_request (GtkWindow *window)
{
  save_window_state (PL_WINDOW (window));

  return GTK_WINDOW_CLASS (pl_window_parent_class)->close_request (window);
}

static void
pl_window_dispose (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_weak_pointer (&self->error_toast);
  if (self->presentation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presentation));
  g_clear_weak_pointer (&self->presentation);
  g_clear_handle_id (&self->pulse_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WINDOW);

  G_OBJECT_CLASS (pl_window_parent_class)->dispose (object);
}

static void
pl_window_finalize (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->notebook);
  g_clear_object (&self->user_db);
  g_clear_pointer (&self->deleted, pl_annotation_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->actor_return_view, g_free);

  G_OBJECT_CLASS (pl_window_parent_class)->finalize (object);
}

static void
pl_window_class_init (PlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pl_window_dispose;
  object_class->finalize = pl_window_finalize;
  window_class->close_request = pl_window_close_request;

  g_type_ensure (PL_TYPE_TIMELINE);
  g_type_ensure (PL_TYPE_CHRONICLE);
  g_type_ensure (PL_TYPE_DETAIL_PANE);
  g_type_ensure (PL_TYPE_FILTER_SIDEBAR);
  g_type_ensure (PL_TYPE_ACTORS_VIEW);
  g_type_ensure (PL_TYPE_QUOTES_VIEW);
  g_type_ensure (PL_TYPE_PROVISIONS_VIEW);
  g_type_ensure (PL_TYPE_NOTES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pactline/Pactline/pl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, lane_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, range_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, zoom_buttons);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, chronicle);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, filter_sidebar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, actors_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, quotes_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, provisions_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, present_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-chronicle", NULL, toggle_chronicle_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-notes", NULL, export_notes_action);
  gtk_widget_class_install_action (widget_class, "win.delete-note", "(ss)", delete_note_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.import-notes", NULL, import_notes_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_image_action);
  gtk_widget_class_install_action (widget_class, "win.export-timelinejs", NULL, export_timelinejs_action);
  gtk_widget_class_install_action (widget_class, "win.export-timelinejs-to", "ay", export_timelinejs_to_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.show-event", "s", show_event_action);
  gtk_widget_class_install_action (widget_class, "win.show-actor", "s", show_actor_action);
  gtk_widget_class_install_action (widget_class, "win.actors-back", NULL, actors_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-provision", "s", show_provision_action);
  gtk_widget_class_install_action (widget_class, "win.show-quote", "s", show_quote_action);
  gtk_widget_class_install_action (widget_class, "win.present", "s", present_action);
  gtk_widget_class_install_action (widget_class, "win.filter-by-actor", "s", filter_by_actor_action);
}

static void
pl_window_init (PlWindow *self)
{
  g_autofree char *last_view = NULL;
  g_autoptr(GAction) timeline_mode = NULL;
  g_autoptr(GPropertyAction) show_detail = NULL;
  g_autoptr(GPropertyAction) show_filters = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  open_user_db (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (self->settings, "last-view");
  adw_view_stack_set_visible_child_name (self->stack, last_view);

  /* View state as actions, so the toggle buttons, shortcuts and tests reach
   * it the same way. */
  timeline_mode = g_settings_create_action (self->settings, "timeline-mode");
  show_detail = g_property_action_new ("show-detail", self->detail_pane, "visible");
  g_action_map_add_action (G_ACTION_MAP (group), timeline_mode);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_detail));
  show_filters = g_property_action_new ("show-filters", self->filter_sidebar, "visible");
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_filters));
  g_settings_bind (self->settings, "filter-sidebar-visible", self->filter_sidebar, "visible", G_SETTINGS_BIND_DEFAULT);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", G_ACTION_GROUP (group));

  g_signal_connect_object (self->settings, "changed::timeline-mode",
                           G_CALLBACK (timeline_mode_changed), self, G_CONNECT_SWAPPED);
  timeline_mode_changed (self);

  g_settings_bind_with_mapping (self->settings, "lane-mode", self->lane_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, lane_to_selected, selected_to_lane, NULL, NULL);
  g_settings_bind (self->settings, "lane-mode", self->timeline, "lane-mode", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "timeline-text-size", self->timeline, "text-scale",
                                G_SETTINGS_BIND_GET, text_size_to_scale, NULL, NULL, NULL);

  g_signal_connect_object (self->timeline, "notify::selected",
                           G_CALLBACK (selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::visible-range",
                           G_CALLBACK (range_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (view_changed), self, G_CONNECT_SWAPPED);
  view_changed (self);
  g_signal_connect_object (self->timeline, "activate-event",
                           G_CALLBACK (timeline_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "range-selected",
                           G_CALLBACK (range_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chronicle, "activate-event",
                           G_CALLBACK (chronicle_activated), self, G_CONNECT_SWAPPED);
}

PlWindow *
pl_window_new (PlApplication *application)
{
  return g_object_new (PL_TYPE_WINDOW, "application", application, NULL);
}
