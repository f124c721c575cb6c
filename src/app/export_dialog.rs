//! File → Export…: every format the `export` module writes, which entries, how images look,
//! and where — or the story's key dates alone, as a briefing or an image (also from the Key
//! dates panel). Nothing is overwritten unless the user ticks "Replace".

use std::path::PathBuf;

use super::{ClaimlineApp, panels::plural};
use crate::export::digest::DIGEST_FORMATS;
use crate::export::svg::{ImageOptions, ImageSize, Paper, Theme};
use crate::export::{self, ExportFormat, ExportOptions, Selection};

/// Which entries go out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    All,
    #[default]
    HideRejected,
    AcceptedOnly,
    /// What the search and filters show now.
    Shown,
    /// The selected entry alone.
    Selected,
}

impl Scope {
    const ALL: [Self; 5] = [
        Self::All,
        Self::HideRejected,
        Self::AcceptedOnly,
        Self::Shown,
        Self::Selected,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::All => "every entry",
            Self::HideRejected => "all but rejected",
            Self::AcceptedOnly => "accepted only",
            Self::Shown => "what the filter shows",
            Self::Selected => "the selected entry",
        }
    }
}

/// What goes out: the timeline's entries, or the story's key dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Content {
    #[default]
    Entries,
    KeyDates,
}

/// A key-dates format's name in the dialog.
fn key_dates_format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Html => "HTML briefing",
        ExportFormat::Markdown => "Markdown briefing",
        ExportFormat::Pdf => "PDF (A4 pages)",
        ExportFormat::Png => "PNG image",
        ExportFormat::Svg => "SVG image",
        _ => "JSON (as claimline digest prints it)",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub content: Content,
    pub format: ExportFormat,
    pub scope: Scope,
    pub path: String,
    pub replace: bool,
    pub width: u32,
    pub paper: Option<Paper>,
    pub dark: bool,
    pub legend: bool,
    pub notes: bool,
    /// Long empty stretches drawn as axis breaks (on by default, as in the CLI).
    pub breaks: bool,
    /// A story's coverage drawn over its period (on by default, as in the CLI).
    pub story_period: bool,
    pub bom: bool,
    pub compact: bool,
    /// "As known on" this day (YYYY-MM-DD) when ticked.
    pub as_known_on: bool,
    pub known_on_text: String,
    /// Heads the image and the briefing; empty for none. Starts as the project's title.
    pub title: String,
}

impl ExportDialog {
    pub fn new(app: &ClaimlineApp) -> Self {
        let format = ExportFormat::Html;
        Self {
            content: Content::Entries,
            format,
            scope: Scope::default(),
            path: default_path(app, Content::Entries, format)
                .display()
                .to_string(),
            replace: false,
            width: 1600,
            paper: None,
            dark: false,
            legend: true,
            notes: false,
            breaks: true,
            story_period: true,
            bom: false,
            compact: false,
            // The knowledge cursor, when on, proposes its day.
            as_known_on: app.timeline.cursor.enabled,
            known_on_text: crate::model::datetime_from_seconds(app.timeline.cursor.at)
                .filter(|_| app.timeline.cursor.enabled)
                .map(|t| t.date().to_string())
                .unwrap_or_default(),
            title: app.workspace.project.title.clone(),
        }
    }

    /// The dialog set to export the key dates.
    pub fn key_dates(app: &ClaimlineApp) -> Self {
        let mut d = Self::new(app);
        d.set_content(app, Content::KeyDates);
        d
    }

    /// Switches what goes out; the file name follows unless the user typed one of their own.
    fn set_content(&mut self, app: &ClaimlineApp, content: Content) {
        if content == self.content {
            return;
        }
        let suggested = default_path(app, self.content, self.format)
            .display()
            .to_string();
        self.content = content;
        if content == Content::KeyDates && !DIGEST_FORMATS.contains(&self.format) {
            self.format = ExportFormat::Html;
        }
        if self.path.trim() == suggested {
            self.path = default_path(app, content, self.format)
                .display()
                .to_string();
        }
    }

    /// The "as known on" day, if ticked and valid.
    pub fn known_on(&self) -> Option<chrono::NaiveDate> {
        self.as_known_on
            .then(|| chrono::NaiveDate::parse_from_str(self.known_on_text.trim(), "%Y-%m-%d").ok())
            .flatten()
    }

    /// The export options this dialog describes.
    pub fn options(&self, app: &ClaimlineApp) -> ExportOptions {
        let mut selection = match self.scope {
            Scope::All => Selection::all(),
            Scope::HideRejected => Selection::hide_rejected(),
            Scope::AcceptedOnly => Selection::accepted_only(),
            Scope::Shown => {
                let project = &app.workspace.project;
                Selection {
                    ids: Some(
                        app.shown()
                            .order
                            .iter()
                            .filter_map(|&i| project.entries.get(i).map(|e| e.id))
                            .collect(),
                    ),
                    ..Selection::all()
                }
            }
            Scope::Selected => Selection {
                ids: Some(app.selected.into_iter().collect()),
                ..Selection::all()
            },
        };
        selection.known_on = self.known_on();
        let image = ImageOptions {
            size: match self.paper {
                Some(p) => ImageSize::Paper(p),
                None => ImageSize::Pixels {
                    width: self.width,
                    height: None,
                },
            },
            theme: if self.dark { Theme::Dark } else { Theme::Light },
            legend: self.legend,
            include_notes: self.notes,
            compress_gaps: self.breaks,
            story_period: self.story_period,
            // The image is coloured and grouped as the timeline on screen.
            group_by: app.timeline.group_by,
            color_by: app.timeline.options.color_by,
            title: Some(self.title.trim().to_owned()),
            ..ImageOptions::default()
        };
        ExportOptions {
            selection,
            pretty: !self.compact,
            bom: self.bom,
            image,
        }
    }
}

fn default_path(app: &ClaimlineApp, content: Content, format: ExportFormat) -> PathBuf {
    let dir = app
        .workspace
        .path
        .as_ref()
        .and_then(|p| p.parent().map(PathBuf::from))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let stem = app
        .workspace
        .path
        .as_ref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| app.workspace.project.title.clone());
    let stem = match content {
        Content::Entries => stem,
        Content::KeyDates => format!("{stem}-key-dates"),
    };
    dir.join(format.file_name(&stem))
}

/// Swaps the file name's extension for the new format's, keeping the folder and stem.
fn with_format(path: &str, old: ExportFormat, new: ExportFormat) -> String {
    let old_name = old.file_name("");
    match path.strip_suffix(&old_name) {
        Some(stem) => format!("{stem}{}", new.file_name("")),
        None => path.to_owned(),
    }
}

/// The key dates' rows of the dialog: format and file.
fn key_dates_fields(
    app: &ClaimlineApp,
    ui: &mut egui::Ui,
    d: &mut ExportDialog,
    browse: &mut bool,
) {
    let caption = ui.label("Format");
    let before = d.format;
    egui::ComboBox::from_id_salt("export_key_dates_format")
        .selected_text(key_dates_format_name(d.format))
        .width(300.0)
        .show_ui(ui, |ui| {
            for f in DIGEST_FORMATS {
                ui.selectable_value(&mut d.format, f, key_dates_format_name(f));
            }
        })
        .response
        .labelled_by(caption.id);
    if d.format != before {
        d.path = with_format(&d.path, before, d.format);
    }
    ui.end_row();
    file_row(app, ui, d, browse);
}

/// The File row, shared by both kinds of export.
fn file_row(app: &ClaimlineApp, ui: &mut egui::Ui, d: &mut ExportDialog, browse: &mut bool) {
    let caption = ui.label("File");
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut d.path).desired_width(340.0))
            .labelled_by(caption.id);
        if app.native_dialogs && ui.button("Browse…").clicked() {
            *browse = true;
        }
    });
    ui.end_row();
}

pub fn export_dialog_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(mut d) = app.export_dialog.take() else {
        return;
    };
    let options = d.options(app);
    let project = &app.workspace.project;
    let entries = export::selected_entries(project, &options.selection);
    let sources = export::cited_sources(project, &entries).len();
    let mut run = false;
    let mut close = false;
    let mut browse = false;
    let mut content = d.content;
    let key_dates = app.key_dates.digest_for(app.workspace.revision()).map(|k| {
        let pinned = k.key_dates.iter().filter(|k| k.pinned).count();
        (k.key_dates.len(), pinned)
    });
    egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
        ui.set_min_width(520.0);
        ui.heading("Export to a file");
        egui::Grid::new("export_fields")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("What");
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut content, Content::Entries, "Timeline entries");
                    ui.selectable_value(&mut content, Content::KeyDates, "Key dates")
                        .on_hover_text(
                            "The story's key dates alone, each with its sentences and sources",
                        );
                });
                ui.end_row();
                if d.content == Content::KeyDates {
                    key_dates_fields(app, ui, &mut d, &mut browse);
                    return;
                }
                let caption = ui.label("Format");
                let before = d.format;
                egui::ComboBox::from_id_salt("export_format")
                    .selected_text(d.format.description())
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for f in ExportFormat::ALL {
                            ui.selectable_value(&mut d.format, f, f.description());
                        }
                    })
                    .response
                    .labelled_by(caption.id);
                if d.format != before {
                    d.path = with_format(&d.path, before, d.format);
                }
                ui.end_row();

                let caption = ui.label("Entries");
                egui::ComboBox::from_id_salt("export_scope")
                    .selected_text(d.scope.name())
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for s in Scope::ALL {
                            ui.selectable_value(&mut d.scope, s, s.name());
                        }
                    })
                    .response
                    .labelled_by(caption.id);
                ui.end_row();

                let image = matches!(
                    d.format,
                    ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf | ExportFormat::Html
                );
                if image {
                    ui.label("Image");
                    ui.horizontal(|ui| {
                        let mut paper = d.paper.is_some();
                        ui.checkbox(&mut paper, "Page (A4 landscape)");
                        d.paper = paper.then_some(Paper::A4);
                        if !paper {
                            let caption = ui.label("width");
                            ui.add(
                                egui::DragValue::new(&mut d.width)
                                    .range(320..=8000)
                                    .suffix(" px"),
                            )
                            .labelled_by(caption.id);
                        }
                    });
                    ui.end_row();
                    ui.label("");
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut d.dark, "Dark");
                        ui.checkbox(&mut d.legend, "Legend");
                        ui.checkbox(&mut d.notes, "Notes as footnotes");
                        ui.checkbox(&mut d.breaks, "Compress empty stretches")
                            .on_hover_text(
                                "Long stretches with no entries are drawn as narrow axis breaks",
                            );
                        ui.checkbox(&mut d.story_period, "Story's period")
                            .on_hover_text(
                                "Coverage of a story is drawn over its own weeks; far-off \
                                 dates (\"built in 1921\") are counted in the subtitle",
                            );
                    });
                    ui.end_row();
                }
                if d.format == ExportFormat::Csv {
                    ui.label("CSV");
                    ui.checkbox(&mut d.bom, "Byte order mark (for Excel)");
                    ui.end_row();
                }
                let caption = ui.label("As known on");
                ui.horizontal(|ui| {
                    ui.checkbox(&mut d.as_known_on, "")
                        .labelled_by(caption.id)
                        .on_hover_text("Leave out what was published after this day");
                    ui.add_enabled(
                        d.as_known_on,
                        egui::TextEdit::singleline(&mut d.known_on_text)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(90.0),
                    )
                    .on_hover_text("Day (UTC), inclusive");
                    if d.as_known_on && d.known_on().is_none() {
                        ui.colored_label(ui.visuals().warn_fg_color, "not a date (YYYY-MM-DD)");
                    }
                });
                ui.end_row();
                if d.format.has_title() {
                    let caption = ui.label("Title");
                    ui.add(egui::TextEdit::singleline(&mut d.title).desired_width(340.0))
                        .labelled_by(caption.id)
                        .on_hover_text("Heads the image or briefing; empty for none");
                    ui.end_row();
                }
                if matches!(d.format, ExportFormat::Json | ExportFormat::ClaimReview) {
                    ui.label("JSON");
                    ui.checkbox(&mut d.compact, "Compact (one line)");
                    ui.end_row();
                }
                file_row(app, ui, &mut d, &mut browse);
            });
        ui.checkbox(&mut d.replace, "Replace the file if it exists");
        ui.weak(match (d.content, key_dates) {
            (Content::Entries, _) => format!(
                "{} from {}",
                plural(entries.len(), "entry"),
                plural(sources, "source")
            ),
            (Content::KeyDates, Some((n, 0))) => format!(
                "{} from {}",
                plural(n, "key date"),
                plural(project.sources.len(), "source")
            ),
            (Content::KeyDates, Some((n, pinned))) => format!(
                "{} ({pinned} pinned, first) from {}",
                plural(n, "key date"),
                plural(project.sources.len(), "source")
            ),
            (Content::KeyDates, None) => format!(
                "The key dates of {} are worked out when you export",
                plural(project.sources.len(), "source")
            ),
        });
        ui.horizontal(|ui| {
            let valid = !d.as_known_on || d.known_on().is_some();
            run = ui.add_enabled(valid, egui::Button::new("Export")).clicked();
            close = ui.button("Cancel").clicked();
        });
    });
    if browse
        && let Some(p) = rfd::FileDialog::new()
            .set_title("Export to")
            .set_file_name(
                std::path::Path::new(&d.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
            .save_file()
    {
        d.path = p.display().to_string();
        d.replace = true; // the system dialog already asked about replacing
    }
    if close {
        return;
    }
    if content != d.content {
        d.set_content(app, content);
    }
    if run && d.content == Content::KeyDates {
        let path = PathBuf::from(d.path.trim());
        let revision = app.workspace.revision();
        let digest = app.key_dates.digest_now(&app.workspace.project, revision);
        let done = if !d.replace && path.exists() {
            Err(export::ExportError::Exists { path: path.clone() })
        } else {
            export::digest::to_bytes(&app.workspace.project, &digest, d.format)
                .and_then(|bytes| export::write_file(&path, &bytes, d.replace))
        };
        match done {
            Ok(()) => {
                app.info(format!(
                    "Exported {} as {} to {}",
                    plural(digest.key_dates.len(), "key date"),
                    key_dates_format_name(d.format),
                    path.display()
                ));
                return;
            }
            Err(e) => app.error(e.to_string()),
        }
    } else if run {
        let path = PathBuf::from(d.path.trim());
        match export::export_to_file(project, d.format, &options, &path, d.replace) {
            Ok(done) => {
                let mut text = format!("Exported {} to {}", d.format.description(), path.display());
                for note in done.notes {
                    text.push_str(" — ");
                    text.push_str(&note);
                }
                app.info(text);
                return;
            }
            Err(e) => app.error(e.to_string()),
        }
    }
    app.export_dialog = Some(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changing_format_changes_only_the_extension() {
        assert_eq!(
            with_format("/tmp/story.html", ExportFormat::Html, ExportFormat::Pdf),
            "/tmp/story.pdf"
        );
        assert_eq!(
            with_format(
                "/tmp/story.csv",
                ExportFormat::Csv,
                ExportFormat::TimelineJs
            ),
            "/tmp/story.timeline.json"
        );
        assert_eq!(
            with_format("/tmp/custom", ExportFormat::Csv, ExportFormat::Png),
            "/tmp/custom"
        );
    }
}
