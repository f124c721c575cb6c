//! One writer per project (issue #27): concurrent `claimline import`s into one project lose
//! nothing, a save never overwrites a file changed since it was read, and saves leave no
//! partial backup or temporary files behind.

use std::path::Path;
use std::process::Command;

use claimline::model::file::{self, ProjectFileError};
use claimline::model::writer::{DiskState, ProjectLock, lock_path};
use claimline::model::{Project, Source};

fn claimline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
}

fn write_article(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn concurrent_imports_into_one_project_keep_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("story.claimline");
    for round in 0..4 {
        let a = write_article(
            dir.path(),
            &format!("a{round}.txt"),
            &format!("Dockers walked out on 5 May 2024, round {round}, the union said.\n"),
        );
        let b = write_article(
            dir.path(),
            &format!("b{round}.txt"),
            &format!("The minister appointed a mediator on 7 May 2024, round {round}.\n"),
        );
        // Both start before either finishes.
        let mut first = claimline()
            .args([
                "import",
                a.to_str().unwrap(),
                "-o",
                project.to_str().unwrap(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut second = claimline()
            .args([
                "import",
                b.to_str().unwrap(),
                "-o",
                project.to_str().unwrap(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        assert!(first.wait().unwrap().success());
        assert!(second.wait().unwrap().success());
        let saved = file::load(&project).unwrap();
        assert_eq!(
            saved.sources.len(),
            2 * (round + 1),
            "round {round}: every import's article is in the project"
        );
    }
    // Nothing left behind but the project, its backup and its lock.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("story"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".story.claimline.lock",
            "story.claimline",
            "story.claimline.bak"
        ]
    );
}

#[test]
fn a_save_is_refused_when_the_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    let mut mine = Project::new("Mine", chrono::Utc::now());
    file::save(&mine, &path).unwrap();
    let seen = DiskState::read(&path).unwrap().expect("the file exists");

    // Someone else saves in between.
    let mut theirs = mine.clone();
    theirs.title = "Theirs".into();
    file::save(&theirs, &path).unwrap();
    let before = std::fs::read(&path).unwrap();

    let id = mine.new_source_id();
    mine.sources.push(Source::from_text(id, "Article", "text"));
    let lock = ProjectLock::acquire(&path, std::time::Duration::ZERO, || {}).unwrap();
    let refused = lock.save(&mine, Some(seen));
    assert!(
        matches!(refused, Err(ProjectFileError::ChangedOnDisk { .. })),
        "{refused:?}"
    );
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("nothing was written")
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "their save is intact"
    );

    // Choosing to overwrite writes, and keeps theirs as the backup.
    let now = lock.save(&mine, None).unwrap();
    assert_eq!(DiskState::read(&path).unwrap(), Some(now));
    assert_eq!(file::load(&path).unwrap().sources.len(), 1);
    assert_eq!(
        file::load(&file::backup_path(&path)).unwrap().title,
        "Theirs"
    );
}

#[test]
fn a_second_writer_waits_for_the_lock_and_gives_up_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    let held = ProjectLock::acquire(&path, std::time::Duration::ZERO, || {}).unwrap();
    assert!(lock_path(&path).exists());
    let mut waited = false;
    let busy = ProjectLock::acquire(&path, std::time::Duration::from_millis(120), || {
        waited = true
    });
    assert!(waited, "the caller is told it waits");
    let err = busy.unwrap_err();
    assert!(matches!(err, ProjectFileError::Busy { .. }), "{err:?}");
    assert!(err.to_string().contains("another Claimline"));
    drop(held);
    ProjectLock::acquire(&path, std::time::Duration::ZERO, || {}).expect("free again");
}

#[test]
fn temporaries_left_by_a_killed_save_are_cleared_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    file::save(&Project::default(), &path).unwrap();
    // What a writer killed mid-save leaves: its temporary file and a half-made backup.
    for stale in [".p.claimline.tmp-4242", ".p.claimline.bak.tmp-4242"] {
        std::fs::write(dir.path().join(stale), b"{\"form").unwrap();
    }
    let unrelated = dir.path().join(".other.claimline.tmp-4242");
    std::fs::write(&unrelated, b"x").unwrap();
    let lock = ProjectLock::acquire(&path, std::time::Duration::ZERO, || {}).unwrap();
    lock.save(&Project::default(), None).unwrap();
    assert!(!dir.path().join(".p.claimline.tmp-4242").exists());
    assert!(!dir.path().join(".p.claimline.bak.tmp-4242").exists());
    assert!(
        unrelated.exists(),
        "another project's files are not touched"
    );
    // The backup is a whole project.
    file::load(&file::backup_path(&path)).expect("a whole backup");
}

#[test]
fn an_import_that_would_make_the_project_unopenable_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimline");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/orikhiv-desertions.txt"
    );
    let run = claimline()
        .args([
            "import",
            seed,
            "--published",
            "2025-08-21",
            "-o",
            project.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(run.status.success());
    let before = std::fs::read(&project).unwrap();
    let backup_before = std::fs::read(file::backup_path(&project)).ok();
    // Years TIMEX3 cannot hold (issue #27: this used to write a project nothing opened).
    let timeline = dir.path().join("far.json");
    std::fs::write(
        &timeline,
        r#"{"events":[{"start_date":{"year":"99999"},"text":{"headline":"far future"}},
                      {"start_date":{"year":"-50000"},"text":{"headline":"deep past"}}]}"#,
    )
    .unwrap();
    let run = claimline()
        .args([
            "import-timeline",
            timeline.to_str().unwrap(),
            "-o",
            project.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("would not open again"), "{err}");
    assert!(err.contains("left as it is"), "{err}");
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "project untouched"
    );
    assert_eq!(
        std::fs::read(file::backup_path(&project)).ok(),
        backup_before,
        "backup not rotated"
    );
    file::load(&project).expect("still opens");
}

#[cfg(unix)]
#[test]
fn saving_keeps_a_symlink_a_symlink_and_a_private_file_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.claimline");
    file::save(&Project::new("First", chrono::Utc::now()), &real).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.claimline");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    file::save(&Project::new("Second", chrono::Utc::now()), &link).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        file::load(&real).unwrap().title,
        "Second",
        "the target was saved"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[test]
fn a_byte_order_mark_added_by_an_editor_does_not_damage_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.claimline");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(file::to_json(&Project::new("Edited", chrono::Utc::now()), true).bytes());
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(file::load(&path).unwrap().title, "Edited");
}
