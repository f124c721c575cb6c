//! Claimline's own file browser, used where the system's file dialog is not available (Linux
//! without a desktop portal or zenity): folders and files with a filter by supported
//! extension, several files at once for imports, places and recent folders, and a location
//! field that takes a typed path (Enter opens a folder or submits a file).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::dialogs::PathPurpose;

/// Height of the folder listing; the dialog fits an 800 × 600 window.
const LISTING_HEIGHT: f32 = 280.0;

/// What the browser was confirmed with.
#[derive(Clone, Debug, PartialEq)]
pub enum Chosen {
    /// Open, Save as: one path (Save as: the name may still lack its extension).
    One(PathBuf),
    /// Import: the selected files, in listing order.
    Files(Vec<PathBuf>),
    /// Import folder: every article under it.
    Folder(PathBuf),
}

/// One row of a folder's listing.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FileBrowser {
    pub purpose: PathPurpose,
    /// The folder listed.
    pub dir: PathBuf,
    /// A typed or pasted path; Save as: the file name (or a full path).
    pub location: String,
    /// Selected files (Import: any number; Open: at most one).
    pub selected: BTreeSet<PathBuf>,
    /// Every file, not only those Claimline reads.
    pub show_all: bool,
    /// Shown once: why this browser and not the system's dialog.
    pub notice: bool,
    /// Folders recently imported from or saved to, most recent first.
    pub recent_folders: Vec<PathBuf>,
    items: Vec<Item>,
    listing_error: Option<String>,
    /// Where a Shift-click range starts.
    anchor: Option<usize>,
    /// Set when Enter or a confirm button asks to finish; taken by the caller.
    pub(super) chosen: Option<Chosen>,
    pub(super) cancelled: bool,
}

impl FileBrowser {
    /// `location` prefills the field (Save as: the project's file name); `start` is the
    /// folder shown first.
    pub fn new(
        purpose: PathPurpose,
        start: &Path,
        location: String,
        recent_folders: Vec<PathBuf>,
        notice: bool,
    ) -> Self {
        let mut b = Self {
            purpose,
            dir: PathBuf::new(),
            location,
            selected: BTreeSet::new(),
            show_all: false,
            notice,
            recent_folders,
            items: Vec::new(),
            listing_error: None,
            anchor: None,
            chosen: None,
            cancelled: false,
        };
        b.go_to(start.to_owned());
        b
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Lists `dir` (folders first, then the files the filter lets through, by name).
    pub fn go_to(&mut self, dir: PathBuf) {
        self.selected.clear();
        self.anchor = None;
        self.listing_error = None;
        self.items = match list_dir(&dir, self.purpose, self.show_all) {
            Ok(items) => items,
            Err(e) => {
                self.listing_error = Some(format!("Cannot list {}: {e}", dir.display()));
                Vec::new()
            }
        };
        self.dir = dir;
    }

    fn refresh(&mut self) {
        let keep = std::mem::take(&mut self.selected);
        self.go_to(self.dir.clone());
        self.selected = keep
            .into_iter()
            .filter(|p| self.items.iter().any(|i| &i.path == p))
            .collect();
    }

    fn multi(&self) -> bool {
        self.purpose == PathPurpose::Import
    }

    /// A click on row `index` with the given modifiers (Ctrl/⌘ toggles, Shift extends).
    pub fn click(&mut self, index: usize, modifiers: egui::Modifiers) {
        let Some(item) = self.items.get(index) else {
            return;
        };
        if item.is_dir {
            // Folders are entered with a double click; Import folder takes the one shown.
            return;
        }
        if self.purpose == PathPurpose::SaveAs {
            self.location = item.name.clone();
            return;
        }
        let path = item.path.clone();
        if self.multi() && modifiers.shift && self.anchor.is_some() {
            let a = self.anchor.unwrap_or(index);
            let (lo, hi) = (a.min(index), a.max(index));
            self.selected = self.items[lo..=hi]
                .iter()
                .filter(|i| !i.is_dir)
                .map(|i| i.path.clone())
                .collect();
            return;
        }
        if self.multi() && modifiers.command {
            if !self.selected.remove(&path) {
                self.selected.insert(path);
            }
        } else {
            self.selected.clear();
            self.selected.insert(path);
        }
        self.anchor = Some(index);
    }

    /// A double click: enter a folder, or choose a file.
    pub fn activate(&mut self, index: usize) {
        let Some(item) = self.items.get(index).cloned() else {
            return;
        };
        if item.is_dir {
            self.go_to(item.path);
        } else if self.purpose == PathPurpose::SaveAs {
            self.chosen = Some(Chosen::One(item.path));
        } else if self.purpose != PathPurpose::ImportFolder {
            self.chosen = Some(if self.multi() {
                Chosen::Files(vec![item.path])
            } else {
                Chosen::One(item.path)
            });
        }
    }

    /// Enter in the location field, or the confirm button: a typed folder is opened, a typed
    /// file (or the selection, or Save as's name) is chosen.
    pub fn submit(&mut self) {
        let typed = self.location.trim();
        if !typed.is_empty() {
            let path = expand_home(typed);
            let path = if path.is_absolute() {
                path
            } else {
                self.dir.join(path)
            };
            if path.is_dir() {
                self.location.clear();
                if self.purpose == PathPurpose::ImportFolder {
                    self.chosen = Some(Chosen::Folder(path));
                } else {
                    self.go_to(path);
                }
                return;
            }
            self.chosen = Some(match self.purpose {
                PathPurpose::Import => Chosen::Files(vec![path]),
                PathPurpose::ImportFolder => {
                    self.listing_error = Some(format!("{} is not a folder", path.display()));
                    return;
                }
                _ => Chosen::One(path),
            });
            return;
        }
        match self.purpose {
            PathPurpose::ImportFolder => self.chosen = Some(Chosen::Folder(self.dir.clone())),
            PathPurpose::Import if !self.selected.is_empty() => {
                // Listing order, which is what the user saw.
                let files = self
                    .items
                    .iter()
                    .filter(|i| self.selected.contains(&i.path))
                    .map(|i| i.path.clone())
                    .collect();
                self.chosen = Some(Chosen::Files(files));
            }
            PathPurpose::Open => {
                if let Some(p) = self.selected.iter().next() {
                    self.chosen = Some(Chosen::One(p.clone()));
                }
            }
            _ => {}
        }
    }

    fn can_submit(&self) -> bool {
        !self.location.trim().is_empty()
            || self.purpose == PathPurpose::ImportFolder
            || !self.selected.is_empty()
    }

    fn confirm_label(&self) -> String {
        match self.purpose {
            PathPurpose::Open => "Open".into(),
            PathPurpose::SaveAs => "Save".into(),
            PathPurpose::ImportFolder => "Import this folder".into(),
            PathPurpose::Import => match self.selected.len() {
                0 | 1 => "Import".into(),
                n => format!("Import {n} files"),
            },
        }
    }
}

/// `~/…` as the home folder.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if typed == "~" => home_dir().unwrap_or_else(|| PathBuf::from(typed)),
        _ => PathBuf::from(typed),
    }
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
}

/// Whether the filter for `purpose` lets `name` through.
fn shown_by_filter(name: &str, purpose: PathPurpose) -> bool {
    match purpose {
        PathPurpose::Open | PathPurpose::SaveAs => {
            crate::ingest::extension(name) == crate::model::file::EXTENSION
        }
        // Import folder: only folders matter; the files are shown greyed as what it takes.
        PathPurpose::Import | PathPurpose::ImportFolder => crate::ingest::is_article_name(name),
    }
}

fn list_dir(dir: &Path, purpose: PathPurpose, show_all: bool) -> std::io::Result<Vec<Item>> {
    let mut items = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && !show_all {
            continue;
        }
        // Follows symlinks, so a linked folder lists as a folder.
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            continue;
        };
        let is_dir = meta.is_dir();
        if !is_dir && !show_all && !shown_by_filter(&name, purpose) {
            continue;
        }
        items.push(Item {
            name,
            path: entry.path(),
            is_dir,
            size: meta.len(),
            modified: meta.modified().ok(),
        });
    }
    items.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(items)
}

/// "12 KB", "3.4 MB".
fn size_label(bytes: u64) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{} KB", b.div_ceil(1_000)),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

fn modified_label(t: Option<SystemTime>) -> String {
    t.map(|t| {
        chrono::DateTime::<chrono::Local>::from(t)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// The places column: home, common folders, the working folder and recent folders.
fn places() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    if let Some(home) = home_dir() {
        out.push(("Home".into(), home.clone()));
        for sub in ["Documents", "Downloads", "Desktop"] {
            let p = home.join(sub);
            if p.is_dir() {
                out.push((sub.into(), p));
            }
        }
    }
    if let Ok(cwd) = std::env::current_dir() {
        out.push(("Working folder".into(), cwd));
    }
    out.push(("Computer".into(), PathBuf::from("/")));
    out
}

/// Draws the browser; the caller takes [`FileBrowser::chosen`] / `cancelled` afterwards.
pub fn file_browser_ui(b: &mut FileBrowser, ui: &mut egui::Ui) {
    ui.set_min_width(720.0);
    ui.heading(b.purpose.title());
    if b.notice {
        ui.horizontal_wrapped(|ui| {
            ui.weak(
                "The system's file dialog is not available here (it needs a desktop portal, \
                 xdg-desktop-portal, or zenity), so Claimline shows its own.",
            );
            if ui.small_button("Got it").clicked() {
                b.notice = false;
            }
        });
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let up = b.dir.parent().map(Path::to_owned);
        if ui
            .add_enabled(up.is_some(), egui::Button::new("⬆ Up"))
            .on_hover_text("Parent folder")
            .clicked()
            && let Some(up) = up
        {
            b.go_to(up);
        }
        ui.label(egui::RichText::new(b.dir.display().to_string()).monospace())
            .on_hover_text("The folder shown");
    });
    let mut go: Option<PathBuf> = None;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(150.0);
            ui.strong("Places");
            for (name, path) in places() {
                if ui.selectable_label(b.dir == path, name).clicked() {
                    go = Some(path);
                }
            }
            if !b.recent_folders.is_empty() {
                ui.add_space(6.0);
                ui.strong("Recent folders");
                for path in &b.recent_folders {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.display().to_string());
                    if ui
                        .selectable_label(b.dir == *path, name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        go = Some(path.clone());
                    }
                }
            }
        });
        ui.add_space(8.0);
        ui.vertical(|ui| listing_ui(b, ui));
    });
    if let Some(dir) = go {
        b.go_to(dir);
    }
    ui.add_space(6.0);
    egui::Grid::new("browser_fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let caption = ui.label(if b.purpose == PathPurpose::SaveAs {
                "File name"
            } else {
                "Location"
            });
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut b.location)
                        .desired_width(540.0)
                        .hint_text("Type a path, or pick from the list"),
                )
                .labelled_by(caption.id);
            if b.purpose == PathPurpose::SaveAs && !field.has_focus() && b.chosen.is_none() {
                field.request_focus();
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                b.submit();
            }
            ui.end_row();
            ui.label("Show");
            ui.horizontal(|ui| {
                let filter = match b.purpose {
                    PathPurpose::Open | PathPurpose::SaveAs => "Claimline projects (.claimline)",
                    _ => "Articles (txt, md, html, pdf, docx, eml, rss, atom …)",
                };
                let mut changed = ui.radio_value(&mut b.show_all, false, filter).changed();
                changed |= ui.radio_value(&mut b.show_all, true, "All files").changed();
                if changed {
                    b.refresh();
                }
            });
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(b.can_submit(), egui::Button::new(b.confirm_label()))
            .clicked()
        {
            b.submit();
        }
        if ui.button("Cancel").clicked() {
            b.cancelled = true;
        }
        if b.multi() {
            ui.weak("Ctrl-click or Shift-click to pick several files");
        }
    });
}

fn listing_ui(b: &mut FileBrowser, ui: &mut egui::Ui) {
    if let Some(e) = &b.listing_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let (mut clicked, mut activated) = (None, None);
    let modifiers = ui.input(|i| i.modifiers);
    let row_height = ui.spacing().interact_size.y;
    let size = egui::vec2(560.0, LISTING_HEIGHT);
    ui.allocate_ui(size, |ui| {
        ui.set_min_size(size);
        egui::ScrollArea::vertical()
            .id_salt("browser_listing")
            .max_height(LISTING_HEIGHT)
            .auto_shrink([false, false])
            .show_rows(ui, row_height, b.items.len(), |ui, rows| {
                ui.set_min_width(540.0);
                for index in rows {
                    let item = &b.items[index];
                    ui.horizontal(|ui| {
                        let name = if item.is_dir {
                            format!("{}/", item.name)
                        } else {
                            item.name.clone()
                        };
                        let dimmed = b.purpose == PathPurpose::ImportFolder && !item.is_dir;
                        let text = if dimmed {
                            egui::RichText::new(name).weak()
                        } else {
                            egui::RichText::new(name)
                        };
                        let selected = b.selected.contains(&item.path);
                        // A growing atom after the name keeps it on the left.
                        let r = ui.add(
                            egui::Button::selectable(selected, (text, egui::Atom::grow()))
                                .truncate()
                                .min_size(egui::vec2(340.0, row_height)),
                        );
                        if r.double_clicked() {
                            activated = Some(index);
                        } else if r.clicked() {
                            clicked = Some(index);
                        }
                        if !item.is_dir {
                            ui.weak(size_label(item.size));
                        }
                        ui.weak(modified_label(item.modified));
                    });
                }
            });
    });
    if b.items.is_empty() && b.listing_error.is_none() {
        ui.weak(if b.show_all {
            "This folder is empty."
        } else {
            "No folders or supported files here (choose “All files” to see everything)."
        });
    }
    if let Some(i) = clicked {
        b.click(i, modifiers);
    }
    if let Some(i) = activated {
        b.activate(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.html", "notes.xyz", "c.pdf", ".hidden.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        dir
    }

    fn browser(purpose: PathPurpose, dir: &Path) -> FileBrowser {
        FileBrowser::new(purpose, dir, String::new(), Vec::new(), false)
    }

    fn names(b: &FileBrowser) -> Vec<&str> {
        b.items().iter().map(|i| i.name.as_str()).collect()
    }

    #[test]
    fn folders_first_then_supported_files_by_name() {
        let dir = folder();
        let mut b = browser(PathPurpose::Import, dir.path());
        assert_eq!(names(&b), ["sub", "a.html", "b.txt", "c.pdf"]);
        b.show_all = true;
        b.refresh();
        assert_eq!(
            names(&b),
            [
                "sub",
                ".hidden.txt",
                "a.html",
                "b.txt",
                "c.pdf",
                "notes.xyz"
            ]
        );
        let open = browser(PathPurpose::Open, dir.path());
        assert_eq!(names(&open), ["sub"], "only projects and folders");
    }

    #[test]
    fn ctrl_and_shift_clicks_pick_several_files_in_listing_order() {
        let dir = folder();
        let mut b = browser(PathPurpose::Import, dir.path());
        b.click(3, egui::Modifiers::NONE); // c.pdf
        b.click(1, egui::Modifiers::COMMAND); // a.html
        assert_eq!(b.selected.len(), 2);
        b.submit();
        let want = vec![dir.path().join("a.html"), dir.path().join("c.pdf")];
        assert_eq!(b.chosen, Some(Chosen::Files(want)));

        let mut b = browser(PathPurpose::Import, dir.path());
        b.click(1, egui::Modifiers::NONE);
        b.click(3, egui::Modifiers::SHIFT);
        assert_eq!(b.selected.len(), 3, "a range, folders left out");
        b.click(2, egui::Modifiers::COMMAND);
        assert_eq!(b.selected.len(), 2, "Ctrl-click takes one out");
        b.click(0, egui::Modifiers::NONE);
        assert_eq!(b.selected.len(), 2, "a click on a folder selects nothing");
    }

    #[test]
    fn a_typed_folder_is_entered_and_a_typed_file_chosen() {
        let dir = folder();
        let mut b = browser(PathPurpose::Import, dir.path());
        b.location = "sub".into();
        b.submit();
        assert_eq!(b.dir, dir.path().join("sub"));
        assert!(b.chosen.is_none() && b.location.is_empty());
        b.location = dir.path().join("b.txt").display().to_string();
        b.submit();
        assert_eq!(
            b.chosen,
            Some(Chosen::Files(vec![dir.path().join("b.txt")]))
        );
    }

    #[test]
    fn save_as_takes_a_name_in_the_folder_shown() {
        let dir = folder();
        let mut b = browser(PathPurpose::SaveAs, dir.path());
        b.location = "story".into();
        b.submit();
        assert_eq!(b.chosen, Some(Chosen::One(dir.path().join("story"))));
    }

    #[test]
    fn import_folder_takes_the_folder_shown_and_refuses_a_file() {
        let dir = folder();
        let mut b = browser(PathPurpose::ImportFolder, dir.path());
        b.location = "a.html".into();
        b.submit();
        assert!(b.chosen.is_none() && b.listing_error.is_some());
        b.location.clear();
        b.activate(0);
        assert_eq!(b.dir, dir.path().join("sub"), "double click enters");
        b.submit();
        assert_eq!(b.chosen, Some(Chosen::Folder(dir.path().join("sub"))));
    }

    #[test]
    fn an_unreadable_folder_is_reported_not_fatal() {
        let b = browser(PathPurpose::Import, Path::new("/no/such/folder"));
        assert!(b.items().is_empty());
        assert!(
            b.listing_error
                .as_deref()
                .unwrap()
                .contains("/no/such/folder")
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_label(512), "512 B");
        assert_eq!(size_label(12_300), "13 KB");
        assert_eq!(size_label(3_400_000), "3.4 MB");
    }
}
