//! The desktop app: a thin egui layer over the headless core.
//!
//! ```text
//! ┌ menu bar ───────────────────────────────────────────────┐
//! │ sources │ timeline / entry list            │ inspector   │
//! │ panel   │                                  │             │
//! ├ status bar ─────────────────────────────────────────────┤
//! ```
//! Panels hold view state only; every change to the project is a [`Command`] applied through
//! [`Workspace::apply`], which is what makes undo/redo work for everything.

mod background;
pub mod chronology;
mod claim_panel;
mod dialogs;
mod export_dialog;
mod file_browser;
mod fonts;
mod frame_stats;
mod help;
mod import;
mod inspector;
mod intake;
pub mod key_dates;
mod memo;
mod menu;
mod panels;
mod properties;
mod reader;
pub mod recovery;
mod review;
mod same_event;
mod search;
mod selection;
mod settings;
mod source_editor;
mod timeline_view;
mod workspace;

use std::path::{Path, PathBuf};

pub use export_dialog::{Content as ExportContent, ExportDialog, Scope as ExportScope};
pub use fonts::install_fonts;
pub use import::ImportItem;
pub use reader::new_entry_from_selection;
pub use settings::Settings;
pub use timeline_view::TimelineState;
pub use workspace::Workspace;

use crate::model::{Command, EntryFilter, EntryId};

pub const APP_NAME: &str = "Claimline";

/// Something the user asked for, collected while drawing and carried out after, so that
/// drawing code never mutates the project directly.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    NewProject,
    /// Open the bundled three-article story (for learning the chronology features).
    OpenExampleStory,
    /// `None` asks the user for a path.
    Open(Option<PathBuf>),
    Save,
    SaveAs(Option<PathBuf>),
    /// Save to this file even though another window or program changed it since.
    Overwrite(PathBuf),
    /// Import these files; empty asks the user for them.
    Import(Vec<PathBuf>),
    /// Import every article under a folder; `None` asks for the folder.
    ImportFolder(Option<PathBuf>),
    /// Import files, URLs or pasted text.
    ImportItems(Vec<import::ImportItem>),
    /// Ask for a URL to import.
    ImportUrl,
    /// Open the paste-an-article dialog.
    PasteArticle,
    /// `None` opens the Export dialog (every format); a path writes the project JSON there.
    Export(Option<PathBuf>),
    Undo,
    Redo,
    Quit,
    ShowAbout,
    /// Select one entry (or none), ending any multi-selection.
    Select(Option<EntryId>),
    /// Select these entries (a box, Ctrl+A).
    SelectMany(Vec<EntryId>),
    /// Add an entry to the selection or take it out (Ctrl/Shift-click).
    ToggleSelected(EntryId),
    /// Select from the primary entry to this one in list order (Shift-click in the list).
    ExtendSelection(Vec<EntryId>, EntryId),
    /// Zoom the timeline to everything selected.
    ZoomToSelection,
    /// A message for the status bar.
    Notice(String),
    /// Zoom the timeline to an entry.
    ZoomTo(EntryId),
    /// An edit to the project, with its name for the Edit menu.
    Edit(String, Command),
}

/// Messages shown in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// The application state: the open workspace plus view state.
pub struct ClaimlineApp {
    pub workspace: Workspace,
    pub settings: Settings,
    /// The primary selected entry: the inspector, reader and claim tools follow it.
    pub selected: Option<EntryId>,
    /// The whole selection when it has two or more entries (see `selection.rs`).
    pub multi: std::collections::BTreeSet<EntryId>,
    selection_draft: selection::SelectionDraft,
    pub notice: Option<Notice>,
    pub dialogs: dialogs::Dialogs,
    /// Use the operating system's file dialogs; off in tests and where none can be shown.
    pub native_dialogs: bool,
    imports: import::Imports,
    actions: Vec<Action>,
    /// Set once the user has confirmed closing (or nothing was unsaved).
    close_confirmed: bool,
    last_title: String,
    /// What to do once a "Save" chosen in the discard dialog has succeeded.
    pending_after_save: Option<dialogs::PendingDiscard>,
    /// The user chose "Don't save": the next Open goes ahead without asking again.
    discard_confirmed: bool,
    pub source_filter: String,
    pub show_rejected: bool,
    pub timeline: TimelineState,
    pub central: CentralView,
    inspector_draft: inspector::InspectorDraft,
    claim_draft: claim_panel::ClaimDraft,
    /// Search and filters; the timeline, the list and the review queue follow them.
    pub filter: EntryFilter,
    shown: memo::Memo<ShownKey, Shown>,
    /// (candidates, accepted) per source, per project revision.
    source_counts: memo::Memo<u64, SourceCounts>,
    stories: memo::Memo<u64, crate::ingest::story::Stories>,
    /// Put the keyboard into the inspector's label field on the next frame (E).
    pub focus_label: bool,
    /// Bring the selected entry into view (timeline, list, reader) on the next frame.
    pub reveal_selection: bool,
    /// Set during a frame to reveal the selection on the next one (after `Select` ran).
    pub reveal_request: bool,
    pub reader: reader::ReaderState,
    /// View → Key dates: the story's key dates beside the timeline.
    pub key_dates: key_dates::KeyDatesState,
    /// The other sources that report the selected entry's event (inspector).
    pub same_event: same_event::SameEvent,
    pub show_shortcuts: bool,
    pub search: search::SearchState,
    pub source_editor: Option<source_editor::SourceEditor>,
    pub intake: intake::IntakeDialog,
    pub export_dialog: Option<export_dialog::ExportDialog>,
    /// File → Project properties, while open.
    pub properties: Option<properties::ProjectProperties>,
    /// Autosave target; `None` disables autosave (tests that don't test it).
    pub recovery: Option<recovery::Recovery>,
    /// Work found at start, waiting for the user to restore or discard it.
    pub recovered: Option<recovery::Recovered>,
    /// Frame times, recorded when `CLAIMLINE_FRAME_STATS` is set.
    frame_stats: frame_stats::FrameStats,
}

type ShownKey = (u64, EntryFilter, bool);

/// Entries to review and accepted, by source.
/// `None` holds the totals over all entries.
pub type SourceCounts = std::collections::HashMap<Option<crate::model::SourceId>, (usize, usize)>;

/// What the user is looking at, computed once per project revision and filter.
#[derive(Debug, Default)]
pub struct Shown {
    /// By position in `project.entries`: matches the filter (rejected entries included).
    pub mask: std::sync::Arc<Vec<bool>>,
    /// Positions of matching entries in time order, rejected ones only when shown.
    pub order: Vec<usize>,
    /// Entries the filter matches (hidden rejected ones included): the review progress total.
    pub matched: usize,
    /// Candidates among `order`: still to review.
    pub candidates: usize,
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentralView {
    #[default]
    Timeline,
    List,
}

impl ClaimlineApp {
    pub fn new(settings: Settings) -> Self {
        let utc_offset = i64::from(settings.utc_offset_minutes) * 60;
        Self {
            workspace: Workspace::new(),
            show_rejected: settings.show_rejected,
            settings,
            selected: None,
            multi: Default::default(),
            selection_draft: Default::default(),
            notice: None,
            dialogs: dialogs::Dialogs::default(),
            native_dialogs: native_dialogs_available(),
            imports: import::Imports::default(),
            actions: Vec::new(),
            close_confirmed: false,
            last_title: String::new(),
            pending_after_save: None,
            discard_confirmed: false,
            source_filter: String::new(),
            timeline: TimelineState::with_utc_offset(utc_offset),
            central: CentralView::default(),
            inspector_draft: inspector::InspectorDraft::default(),
            claim_draft: claim_panel::ClaimDraft::default(),
            filter: EntryFilter::default(),
            shown: memo::Memo::default(),
            source_counts: memo::Memo::default(),
            stories: memo::Memo::default(),
            focus_label: false,
            reveal_selection: false,
            reveal_request: false,
            reader: reader::ReaderState::default(),
            key_dates: key_dates::KeyDatesState::default(),
            same_event: same_event::SameEvent::default(),
            show_shortcuts: false,
            search: search::SearchState::default(),
            source_editor: None,
            intake: intake::IntakeDialog::Closed,
            export_dialog: None,
            properties: None,
            recovery: None,
            recovered: None,
            frame_stats: frame_stats::FrameStats::from_env(),
        }
    }

    /// The entries shown under the current filter (cached per revision and filter).
    pub fn shown(&self) -> std::rc::Rc<Shown> {
        let key = (
            self.workspace.revision(),
            self.filter.clone(),
            self.show_rejected,
        );
        self.shown.get(key, || {
            let project = &self.workspace.project;
            let mask = self.filter.mask(project);
            let mut order: Vec<usize> = (0..project.entries.len())
                .filter(|&i| {
                    mask[i]
                        && (self.show_rejected
                            || project.entries[i].status != crate::model::Status::Rejected)
                })
                .collect();
            order.sort_by(|&a, &b| {
                crate::timeline::cmp_entries(&project.entries[a], &project.entries[b])
            });
            let matched = mask.iter().filter(|&&m| m).count();
            let candidates = order
                .iter()
                .filter(|&&i| project.entries[i].status == crate::model::Status::Candidate)
                .count();
            Shown {
                mask: std::sync::Arc::new(mask),
                order,
                matched,
                candidates,
            }
        })
    }

    /// Candidates in the whole project (the status bar), counted once per revision.
    pub fn candidate_count(&self) -> usize {
        let counts = self.source_counts();
        counts.get(&None).map_or(0, |c| c.0)
    }

    /// How many of each source's entries are candidates and accepted, counted in one pass
    /// per project revision (the sources panel shows them for every source on screen).
    pub fn source_counts(&self) -> std::rc::Rc<SourceCounts> {
        self.source_counts.get(self.workspace.revision(), || {
            let mut counts = SourceCounts::new();
            for e in &self.workspace.project.entries {
                for source in e.sources().map(Some).chain([None]) {
                    let c = counts.entry(source).or_default();
                    match e.status {
                        crate::model::Status::Candidate => c.0 += 1,
                        crate::model::Status::Accepted => c.1 += 1,
                        crate::model::Status::Rejected => {}
                    }
                }
            }
            counts
        })
    }

    /// The project's stories (versions under their first source), once per revision.
    pub fn stories(&self) -> std::rc::Rc<crate::ingest::story::Stories> {
        self.stories.get(self.workspace.revision(), || {
            crate::ingest::story::Stories::new(&self.workspace.project)
        })
    }

    /// The filter mask for the timeline; `None` when nothing is filtered.
    pub fn filter_mask(&self) -> Option<std::sync::Arc<Vec<bool>>> {
        (!self.filter.is_empty()).then(|| self.shown().mask.clone())
    }

    /// Turns on autosave to `recovery` and offers work a crashed run left there.
    pub fn enable_recovery(&mut self, mut recovery: recovery::Recovery) {
        match recovery.find() {
            Some(Ok(found)) => self.recovered = Some(found),
            Some(Err(e)) => self.error(format!(
                "Unsaved work from an earlier session could not be read ({e}). The file is kept in {}.",
                recovery.dir().display()
            )),
            None => {}
        }
        self.recovery = Some(recovery);
    }

    /// Restores the offered work as an unsaved project.
    pub fn restore_recovered(&mut self) {
        if let Some(found) = self.recovered.take() {
            if let Some(r) = &mut self.recovery {
                r.adopt_orphan();
            }
            let n = found.project.entries.len();
            self.workspace = workspace::Workspace::restored(found.project, found.meta.path);
            self.clear_selection();
            self.timeline.view = None;
            self.info(format!(
                "Restored unsaved work ({}) — save it to keep it",
                panels::plural(n, "entry")
            ));
        }
    }

    /// Drops the offered work for good.
    pub fn discard_recovered(&mut self) {
        self.recovered = None;
        if let Some(r) = &mut self.recovery {
            r.discard_orphan();
        }
    }

    /// Writes unsaved work to the recovery file now and then; removes it once saved.
    fn autosave(&mut self, ctx: &egui::Context) {
        if self.recovered.is_some() {
            // Never overwrite work the user has not decided about yet.
            return;
        }
        let Some(r) = &mut self.recovery else {
            return;
        };
        if self.workspace.is_dirty() {
            let revision = self.workspace.revision();
            let result = r.autosave(
                &self.workspace.project,
                self.workspace.path.as_deref(),
                revision,
                false,
            );
            if let Err(e) = result {
                self.notice = Some(Notice {
                    text: e,
                    is_error: true,
                });
            }
            if let Some(wait) = r.due_in(revision) {
                // Come back when the interval has passed, even if the user is idle.
                ctx.request_repaint_after(wait);
            }
        } else {
            r.clear_if_written();
        }
    }

    /// Queues an action; it runs at the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.actions.push(action);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.dialogs.error = Some(text.clone());
        self.notice = Some(Notice {
            text,
            is_error: true,
        });
    }

    /// Draws the whole app into `ui` and carries out what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.reveal_selection = std::mem::take(&mut self.reveal_request);
        self.handle_shortcuts(ui.ctx());
        review::handle_keys(self, ui.ctx());
        selection::handle_keys(self, ui.ctx());
        key_dates::handle_keys(self, ui.ctx());
        intake::handle_input(self, ui.ctx());
        self.poll_imports(ui.ctx());
        menu::menu_bar_ui(self, ui);
        panels::status_bar_ui(self, ui);
        if self.key_dates.open {
            // In the sources' place: beside the inspector, the timeline keeps its width.
            key_dates::key_dates_panel_ui(self, ui);
        } else {
            panels::sources_panel_ui(self, ui);
        }
        inspector::inspector_panel_ui(self, ui);
        panels::central_ui(self, ui);
        dialogs::dialogs_ui(self, ui.ctx());
        source_editor::source_editor_ui(self, ui.ctx());
        intake::intake_dialog_ui(self, ui.ctx());
        export_dialog::export_dialog_ui(self, ui.ctx());
        properties::properties_ui(self, ui.ctx());
        if self.show_shortcuts {
            help::shortcuts_window_ui(ui.ctx(), &mut self.show_shortcuts);
        }
        self.handle_close_request(ui.ctx());
        self.run_actions(ui.ctx());
        self.autosave(ui.ctx());
        self.update_title(ui.ctx());
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        // Longer combinations first, so Ctrl+Shift+S is not taken for Ctrl+S.
        let shortcuts: [(KeyboardShortcut, Action); 9] = [
            (
                KeyboardShortcut::new(cmd_shift, Key::S),
                Action::SaveAs(None),
            ),
            (KeyboardShortcut::new(cmd_shift, Key::Z), Action::Redo),
            (KeyboardShortcut::new(cmd, Key::N), Action::NewProject),
            (KeyboardShortcut::new(cmd, Key::O), Action::Open(None)),
            (KeyboardShortcut::new(cmd, Key::S), Action::Save),
            (
                KeyboardShortcut::new(cmd, Key::I),
                Action::Import(Vec::new()),
            ),
            (KeyboardShortcut::new(cmd, Key::Z), Action::Undo),
            (KeyboardShortcut::new(cmd, Key::Y), Action::Redo),
            (KeyboardShortcut::new(cmd, Key::Q), Action::Quit),
        ];
        // While a text field has focus, Ctrl+Z/Y belong to its own text undo.
        let typing = ctx.egui_wants_keyboard_input();
        for (shortcut, action) in shortcuts {
            if typing && matches!(action, Action::Undo | Action::Redo) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.act(action);
            }
        }
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::F))) {
            self.search.focus = true;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F1)) {
            self.show_shortcuts = !self.show_shortcuts;
        }
    }

    fn poll_imports(&mut self, ctx: &egui::Context) {
        for done in self.imports.poll() {
            let result = import::apply_import(&mut self.workspace, done);
            for failure in &result.failures {
                self.notice = Some(Notice {
                    text: failure.clone(),
                    is_error: true,
                });
            }
            if !result.failures.is_empty() {
                self.dialogs.error = Some(result.failures.join("\n"));
            }
            if let Some(summary) = result.summary {
                self.info(summary);
            }
        }
        if self.imports.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.workspace.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialogs.confirm_discard = Some(dialogs::PendingDiscard::Quit);
            } else {
                self.close_confirmed = true;
            }
        }
    }

    fn run_actions(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            // Results (dialogs, messages) show on the next frame.
            ctx.request_repaint();
        }
        for action in actions {
            self.run_action(ctx, action);
        }
        if !self.workspace.is_dirty()
            && let Some(pending) = self.pending_after_save.take()
        {
            self.discard_and(pending, ctx);
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewProject => {
                if self.workspace.is_dirty() {
                    self.dialogs.confirm_discard = Some(dialogs::PendingDiscard::New);
                } else {
                    self.new_project();
                }
            }
            Action::Open(None) => {
                if self.workspace.is_dirty() && !std::mem::take(&mut self.discard_confirmed) {
                    self.dialogs.confirm_discard = Some(dialogs::PendingDiscard::Open(None));
                } else if let Some(path) = self.ask_path(dialogs::PathPurpose::Open).pop() {
                    self.open(&path);
                }
            }
            Action::Open(Some(path)) => {
                if self.workspace.is_dirty() && !std::mem::take(&mut self.discard_confirmed) {
                    self.dialogs.confirm_discard = Some(dialogs::PendingDiscard::Open(Some(path)));
                } else {
                    self.open(&path);
                }
            }
            Action::Save => match self.workspace.path.clone() {
                Some(path) => self.save_to(&path, false),
                None => self.run_action(ctx, Action::SaveAs(None)),
            },
            Action::SaveAs(None) => {
                if let Some(path) = self.ask_path(dialogs::PathPurpose::SaveAs).pop() {
                    self.save_to(&path, false);
                }
            }
            Action::SaveAs(Some(path)) => self.save_to(&path, false),
            Action::Overwrite(path) => self.save_to(&path, true),
            Action::Import(paths) if paths.is_empty() => {
                let paths = self.ask_path(dialogs::PathPurpose::Import);
                if !paths.is_empty() {
                    self.start_import(ctx, paths);
                }
            }
            Action::Import(paths) => self.start_import(ctx, paths),
            Action::ImportFolder(None) => {
                if let Some(dir) = self.ask_path(dialogs::PathPurpose::ImportFolder).pop() {
                    self.start_import_folder(ctx, dir);
                }
            }
            Action::ImportFolder(Some(dir)) => self.start_import_folder(ctx, dir),
            Action::ImportItems(items) => self.start_import_items(ctx, items),
            Action::ImportUrl => self.intake = intake::IntakeDialog::Url(String::new()),
            Action::PasteArticle => self.intake = intake::IntakeDialog::Paste(String::new()),
            Action::Export(None) => {
                self.export_dialog = Some(export_dialog::ExportDialog::new(self));
            }
            Action::Export(Some(path)) => self.export_json(&path, false),
            Action::Undo => match self.workspace.undo() {
                Ok(Some(label)) => self.info(format!("Undid: {label}")),
                Ok(None) => self.info("Nothing to undo"),
                Err(e) => self.error(format!("Undo failed: {e}")),
            },
            Action::Redo => match self.workspace.redo() {
                Ok(Some(label)) => self.info(format!("Redid: {label}")),
                Ok(None) => self.info("Nothing to redo"),
                Err(e) => self.error(format!("Redo failed: {e}")),
            },
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::ShowAbout => self.dialogs.about = true,
            Action::OpenExampleStory => {
                if self.workspace.is_dirty() {
                    self.error(
                        "Save or close the current project before opening the example story",
                    );
                } else {
                    self.workspace = Workspace::restored(crate::demo::story_project(), None);
                    self.clear_selection();
                    self.timeline.view = None;
                    self.info("Opened the example story: try Lanes by claim and As known on…");
                }
            }
            Action::Select(id) => {
                self.selected = id;
                self.multi.clear();
            }
            Action::SelectMany(ids) => selection::set(self, ids),
            Action::ToggleSelected(id) => selection::toggle(self, id),
            Action::ExtendSelection(order, id) => selection::extend_to(self, &order, id),
            Action::ZoomToSelection => {
                let revision = self.workspace.revision();
                let ids = self.selection();
                self.timeline
                    .zoom_to(&self.workspace.project, revision, &ids);
            }
            Action::Notice(text) => self.info(text),
            Action::ZoomTo(id) => {
                let revision = self.workspace.revision();
                self.timeline
                    .zoom_to(&self.workspace.project, revision, &[id]);
            }
            Action::Edit(label, command) => {
                if let Err(e) = self.workspace.apply(label, command) {
                    self.error(format!("Edit failed: {e}"));
                }
            }
        }
    }

    fn clear_selection(&mut self) {
        self.selected = None;
        self.multi.clear();
    }

    /// Asks for paths with the system's dialog, or opens the in-app browser (returns nothing
    /// then; the browser queues the action when the user confirms).
    fn ask_path(&mut self, purpose: dialogs::PathPurpose) -> Vec<PathBuf> {
        if self.native_dialogs {
            return dialogs::native_dialog(purpose, &self.workspace);
        }
        self.dialogs.file_browser = Some(dialogs::file_browser(purpose, self));
        Vec::new()
    }

    pub fn new_project(&mut self) {
        self.workspace = Workspace::new();
        self.clear_selection();
        self.timeline.view = None;
        self.info("New project");
    }

    /// Opens a project, with its view fitted and lanes chosen for its size.
    pub fn open(&mut self, path: &Path) {
        match Workspace::open(path) {
            Ok(ws) => {
                let mut summary = format!(
                    "Opened {} — {}, {}",
                    path.display(),
                    panels::plural(ws.project.sources.len(), "source"),
                    panels::plural(ws.project.entries.len(), "entry")
                );
                if ws.open_elsewhere {
                    summary.push_str(
                        ". It is also open in another Claimline window: saving here asks \
                         before replacing what that window saves",
                    );
                }
                self.timeline.group_by = crate::timeline::default_group_by(&ws.project);
                self.workspace = ws;
                self.clear_selection();
                self.timeline.view = None;
                self.settings.add_recent(path);
                self.info(summary);
            }
            Err(e) => {
                self.settings.recent.retain(|p| p != path || path.exists());
                self.error(e.to_string());
            }
        }
    }

    fn save_to(&mut self, path: &Path, overwrite: bool) {
        let path = with_project_extension(path);
        match self.workspace.save_as(&path, overwrite) {
            Ok(()) => {
                self.settings.add_recent(&path);
                self.settings.add_recent_folder(&path);
                self.info(format!("Saved {}", path.display()));
            }
            Err(crate::model::file::ProjectFileError::ChangedOnDisk { path }) => {
                // Ask: overwrite it, save elsewhere, or leave it (what waited on the save
                // goes on only once one of them has saved).
                self.dialogs.changed_on_disk = Some(path);
            }
            Err(e) => {
                self.pending_after_save = None;
                self.error(e.to_string());
            }
        }
    }

    /// Writes the project as native JSON. `confirmed` means the OS dialog already asked
    /// about replacing an existing file; the in-app prompt never replaces silently.
    fn export_json(&mut self, path: &Path, confirmed: bool) {
        if path.exists() && !confirmed {
            self.error(format!(
                "{} already exists. Choose another name, or delete it first.",
                path.display()
            ));
            return;
        }
        let json = crate::model::file::to_json(&self.workspace.project, true);
        match crate::model::file::write_atomic(path, json.as_bytes(), false) {
            Ok(()) => self.info(format!("Exported {}", path.display())),
            Err(e) => self.error(format!("Cannot export to {}: {e}", path.display())),
        }
    }

    fn start_import(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if let Some(first) = paths.first() {
            self.settings.add_recent_folder(first);
        }
        let items = paths.into_iter().map(import::ImportItem::File).collect();
        self.start_import_items(ctx, items);
    }

    fn start_import_folder(&mut self, ctx: &egui::Context, dir: PathBuf) {
        self.settings.add_recent_folder(&dir);
        self.imports
            .start(ctx, vec![import::ImportItem::Folder(dir.clone())]);
        self.info(format!("Importing the articles in {}…", dir.display()));
    }

    fn start_import_items(&mut self, ctx: &egui::Context, items: Vec<import::ImportItem>) {
        let n = items.len();
        self.imports.start(ctx, items);
        self.info(format!("Importing {}…", panels::plural(n, "item")));
    }

    pub fn imports_busy(&self) -> bool {
        self.imports.busy()
    }

    /// (items read, items in all running imports); a folder counts its files once listed.
    pub fn import_progress(&self) -> (usize, usize) {
        self.imports.progress()
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// "● name — Claimline" with a dot while there are unsaved changes.
    pub fn window_title(&self) -> String {
        let dirty = if self.workspace.is_dirty() {
            "● "
        } else {
            ""
        };
        format!("{dirty}{} — {APP_NAME}", self.workspace.display_name())
    }
}

/// Adds `.claimline` unless the path already has it.
fn with_project_extension(path: &Path) -> PathBuf {
    let ext = crate::model::file::EXTENSION;
    if path.extension().is_some_and(|e| e == ext) {
        path.to_owned()
    } else {
        let mut p = path.as_os_str().to_owned();
        p.push(".");
        p.push(ext);
        PathBuf::from(p)
    }
}

/// Native dialogs need a desktop portal or zenity on Linux; elsewhere the OS provides them.
fn native_dialogs_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    has_bus || has_zenity
}

impl eframe::App for ClaimlineApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        self.show(ui);
        self.frame_stats
            .record(started.elapsed(), frame.info().cpu_usage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.frame_stats.write();
        // A clean exit: the user saved or chose not to. Only a crash leaves the file.
        if self.recovered.is_none()
            && let Some(r) = &mut self.recovery
        {
            r.close();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.show_rejected = self.show_rejected;
        self.settings.utc_offset_minutes = (self.timeline.options.utc_offset_seconds / 60) as i32;
        eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
    }
}

/// Opens the main window; `project` is opened at start if given.
pub fn run(project: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        // The desktop file's StartupWMClass matches this id.
        .with_app_id("claimline")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!(
        "../../packaging/icons/png/claimline-256.png"
    )) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value::<Settings>(s, settings::STORAGE_KEY))
                .unwrap_or_default();
            let mut app = ClaimlineApp::new(settings);
            if let Some(recovery) = recovery::Recovery::in_user_data() {
                app.enable_recovery(recovery);
            }
            if let Some(path) = project {
                app.open(&path);
            }
            Ok(Box::new(app))
        }),
    )
}
