//! Preferences kept between runs (eframe storage); the window's size and place are kept by
//! eframe itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const STORAGE_KEY: &str = "claimline-settings";

/// How many recent projects the File menu lists.
const MAX_RECENT: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub show_rejected: bool,
    /// The time zone of the timeline's labels, minutes east of UTC (0 = UTC).
    pub utc_offset_minutes: i32,
    /// Folders articles were imported from or projects saved to, most recent first (the
    /// in-app file browser lists them).
    pub recent_folders: Vec<PathBuf>,
    /// The user was told once why the in-app file browser replaces the system's dialog.
    pub told_no_system_dialog: bool,
}

/// "UTC", "UTC+02:00", "UTC−05:30".
pub fn utc_offset_label(seconds: i64) -> String {
    if seconds == 0 {
        return "UTC".to_owned();
    }
    let sign = if seconds < 0 { '−' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// This computer's current offset from UTC, in seconds.
pub fn local_utc_offset() -> i64 {
    i64::from(chrono::Local::now().offset().local_minus_utc())
}

impl Settings {
    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Remembers the folder of `path` (or `path` itself if it is a folder).
    pub fn add_recent_folder(&mut self, path: &Path) {
        let folder = if path.is_dir() {
            path
        } else {
            match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => return,
            }
        };
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
        self.recent_folders.retain(|p| *p != folder);
        self.recent_folders.insert(0, folder);
        self.recent_folders.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_labelled_with_sign_hours_and_minutes() {
        assert_eq!(utc_offset_label(0), "UTC");
        assert_eq!(utc_offset_label(7_200), "UTC+02:00");
        assert_eq!(utc_offset_label(-19_800), "UTC−05:30");
        assert_eq!(utc_offset_label(45 * 60 + 5 * 3600), "UTC+05:45");
    }

    #[test]
    fn recent_moves_to_front_without_duplicates() {
        let mut s = Settings::default();
        for p in ["/a", "/b", "/a"] {
            s.add_recent(Path::new(p));
        }
        assert_eq!(s.recent, [PathBuf::from("/a"), PathBuf::from("/b")]);
        for i in 0..20 {
            s.add_recent(Path::new(&format!("/x{i}")));
        }
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("/x19"));
    }
}
