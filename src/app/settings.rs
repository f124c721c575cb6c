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
}

impl Settings {
    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
