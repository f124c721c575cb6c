//! The `.claimline` project file: versioned JSON, migrated on load, saved atomically.
//!
//! ```text
//! save:  serialize ──► write NAME.tmp-PID ──► fsync ──► copy NAME → NAME.bak ──► rename tmp → NAME ──► fsync dir
//! ```
//! A crash at any point leaves either the old file or the new one at `NAME`, never a mix.
//! A file that fails to load is never written to.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::Project;
use super::extra::ProjectExtras;

/// The `"format"` field every project file carries.
pub const FORMAT_NAME: &str = "claimline";
/// The newest file version this build reads and the one it writes.
pub const FORMAT_VERSION: u64 = 1;
/// File name extension of projects.
pub const EXTENSION: &str = "claimline";

#[derive(Debug, thiserror::Error)]
pub enum ProjectFileError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is damaged: not valid JSON at line {line}, column {column} ({reason}). It may be truncated; the file was left as it is{backup}"
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
        backup: String,
    },
    #[error("{path} is not a Claimline project: {reason}")]
    NotAProject { path: PathBuf, reason: String },
    #[error(
        "{path} was saved by a newer Claimline (file version {found}; this one reads up to {FORMAT_VERSION}). Update Claimline to open it; the file was left as it is"
    )]
    TooNew { path: PathBuf, found: u64 },
    #[error("{path} has an invalid project structure: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("cannot save {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} was changed by another window or program since it was opened or last saved here; nothing was written"
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{path} is being written by another Claimline; try again when it has finished")]
    Busy { path: PathBuf },
    #[error("not saved: {path} would not open again ({reason}); the file was left as it is")]
    WouldNotLoad { path: PathBuf, reason: String },
}

#[derive(Serialize)]
struct FileRef<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    project: &'a Project,
}

/// The project as the JSON text of a `.claimline` file.
pub fn to_json(project: &Project, pretty: bool) -> String {
    let file = FileRef {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        project,
    };
    // Serializing plain data to a String cannot fail.
    let mut out = if pretty {
        serde_json::to_string_pretty(&file)
    } else {
        serde_json::to_string(&file)
    }
    .expect("project serializes");
    out.push('\n');
    out
}

/// Parses the text of a `.claimline` file; `path` is used in messages only.
pub fn from_json(text: &str, path: &Path) -> Result<Project, ProjectFileError> {
    let corrupt = |e: serde_json::Error| ProjectFileError::Corrupt {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
        backup: backup_hint(path),
    };
    let invalid = |reason: String| ProjectFileError::Invalid {
        path: path.to_owned(),
        reason,
    };
    // Pass 1: the header and the unknown fields, skipping everything else undecoded. It also
    // proves the text is well-formed JSON, so later errors are about structure.
    let extras: ProjectExtras = match serde_json::from_str(text) {
        Ok(x) => x,
        Err(e) if e.is_data() && !text.trim_start().starts_with('{') => {
            return Err(ProjectFileError::NotAProject {
                path: path.to_owned(),
                reason: "the file holds JSON, but not an object".into(),
            });
        }
        Err(e) if e.is_data() => return Err(invalid(e.to_string())),
        Err(e) => return Err(corrupt(e)),
    };
    match &extras.format {
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            return Err(ProjectFileError::NotAProject {
                path: path.to_owned(),
                reason: format!("\"format\" is {other}, expected \"{FORMAT_NAME}\""),
            });
        }
        None => {
            return Err(ProjectFileError::NotAProject {
                path: path.to_owned(),
                reason: format!("no \"format\": \"{FORMAT_NAME}\" field"),
            });
        }
    }
    let version = match &extras.version {
        Some(v) => v.as_u64().filter(|v| *v >= 1).ok_or_else(|| {
            invalid(format!(
                "\"version\" must be a positive whole number, found {v}"
            ))
        })?,
        None => return Err(invalid("no \"version\" field".into())),
    };
    if version > FORMAT_VERSION {
        return Err(ProjectFileError::TooNew {
            path: path.to_owned(),
            found: version,
        });
    }
    // Pass 2: the known fields with the derived decoder. Older files are migrated first.
    let mut project: Project = if version == FORMAT_VERSION {
        serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?
    } else {
        let mut value: Value = serde_json::from_str(text).map_err(corrupt)?;
        if let Value::Object(map) = &mut value {
            migrate(map, version);
        }
        serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?
    };
    attach_extras(&mut project, extras);
    let problems = project.structural_problems();
    if !problems.is_empty() {
        return Err(invalid(problems.join("; ")));
    }
    project.repair_next_id();
    Ok(project)
}

fn attach_extras(project: &mut Project, extras: ProjectExtras) {
    project.extra = extras.top;
    for (source, extra) in project.sources.iter_mut().zip(extras.sources) {
        source.extra = extra;
    }
    for (entry, extra) in project.entries.iter_mut().zip(extras.entries) {
        entry.extra = extra;
    }
    for (claim, extra) in project.claims.iter_mut().zip(extras.claims) {
        claim.extra = extra;
    }
}

/// Brings an older file's fields up to [`FORMAT_VERSION`]. Each step takes version `n` to
/// `n + 1`; version 1 is the first, so there are no steps yet.
fn migrate(_map: &mut Map<String, Value>, from: u64) {
    debug_assert!(from <= FORMAT_VERSION);
}

fn backup_hint(path: &Path) -> String {
    let bak = backup_path(path);
    if bak.exists() {
        format!(". The previous save is in {}", bak.display())
    } else {
        String::new()
    }
}

/// `project.claimline` → `project.claimline.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".bak");
    path.with_file_name(name)
}

/// `dir/NAME.claimline` → `dir/.NAME.claimline{suffix}`: the hidden files kept beside a
/// project (temporary files of a save, its lock, its open mark).
pub fn hidden_sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    path.with_file_name(name)
}

pub fn load(path: &Path) -> Result<Project, ProjectFileError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    from_bytes(bytes, path)
}

/// The project in a file's bytes (`path` names it in messages).
pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<Project, ProjectFileError> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let line = text.lines().count().max(1);
            return Err(ProjectFileError::Corrupt {
                path: path.to_owned(),
                line,
                column: text.lines().last().map_or(0, |l| l.chars().count() + 1),
                reason: "the file is not UTF-8 text".into(),
                backup: backup_hint(path),
            });
        }
    };
    // An editor that adds a byte-order mark has not damaged the project.
    from_json(text.strip_prefix('\u{feff}').unwrap_or(&text), path)
}

/// Saves atomically, keeping the previous file as `NAME.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), ProjectFileError> {
    write_atomic(path, to_json(project, true).as_bytes(), true).map_err(|source| {
        ProjectFileError::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// readers see the old or the new content, never a part. With `keep_backup`, an existing
/// file is first copied to `NAME.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    // A symlinked project stays a symlink: the file it points to is the one replaced.
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    // The new file keeps the old one's permissions (a private 0600 project stays private).
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let tmp = dir.join(hidden_sibling(
        Path::new(file_name),
        &format!(".tmp-{}", std::process::id()),
    ));

    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        if let Some(p) = &permissions {
            f.set_permissions(p.clone())?;
        }
        f.sync_all()?;
        drop(f);
        if keep_backup && path.exists() {
            // The backup is replaced whole or not at all: made beside it, then renamed. A
            // hard link costs nothing; where links are not supported, a copy.
            let bak = backup_path(path);
            let bak_tmp = dir.join(hidden_sibling(
                Path::new(file_name),
                &format!(".bak.tmp-{}", std::process::id()),
            ));
            let _ = std::fs::remove_file(&bak_tmp);
            if std::fs::hard_link(path, &bak_tmp).is_err() {
                std::fs::copy(path, &bak_tmp)?;
                std::fs::File::open(&bak_tmp)?.sync_all()?;
            }
            if let Err(e) = std::fs::rename(&bak_tmp, &bak) {
                let _ = std::fs::remove_file(&bak_tmp);
                return Err(e);
            }
        }
        std::fs::rename(&tmp, path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; best effort (some file systems refuse).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}
