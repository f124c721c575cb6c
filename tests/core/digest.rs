//! `claimline digest`: a folder of a story's coverage in, its key dates out.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn claimline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// Five articles of an invented dock strike, one folder per publication day.
fn coverage() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/digest-dev")
}

fn json_of(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn a_folder_gives_its_key_dates_in_date_order_with_sources() {
    let dir = coverage();
    let out = claimline(&[
        "digest",
        dir.to_str().unwrap(),
        "--dates",
        "2",
        "--sentences",
        "1",
        "--jobs",
        "2",
    ]);
    let json = json_of(&out);
    let list = json.as_array().expect("a list");
    let dates: Vec<&str> = list.iter().map(|k| k["date"].as_str().unwrap()).collect();
    // The strike's start (named by every article) and the vote that ended it.
    assert_eq!(dates, ["2024-05-05", "2024-05-13"]);
    let start = &list[0];
    let sentences = start["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 1);
    assert!(
        sentences[0].as_str().unwrap().contains("strike"),
        "{sentences:?}"
    );
    // Every article names the first day; the first published comes first.
    let sources = start["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5, "{sources:?}");
    assert_eq!(sources[0]["published"], "2024-05-06");
    assert!(start["score"].as_f64().unwrap() > list[1]["score"].as_f64().unwrap());
    // Each sentence is traced to its source text.
    let ev = &start["evidence"][0];
    assert!(ev["end"].as_u64().unwrap() > ev["start"].as_u64().unwrap());
    // The 1921 and 1979 of the background paragraph stay out of the key dates.
    let all = claimline(&["digest", dir.to_str().unwrap(), "--dates", "20"]);
    let all = json_of(&all);
    for k in all.as_array().unwrap() {
        assert!(k["date"].as_str().unwrap() >= "2024-04-01", "{k}");
    }
}

#[test]
fn markdown_digest_cites_each_sentence_and_can_be_written_to_a_file() {
    let dir = coverage();
    let tmp = tempfile::tempdir().unwrap();
    let out_path = tmp.path().join("digest.md");
    let out = claimline(&[
        "digest",
        dir.to_str().unwrap(),
        "--dates",
        "2",
        "--format",
        "md",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(&out_path).unwrap();
    assert!(md.contains("## Sunday 5 May 2024"), "{md}");
    assert!(md.contains("## Monday 13 May 2024"), "{md}");
    assert!(md.contains("Reported by 5 sources, first by"), "{md}");
    // A second run does not overwrite without --force.
    let again = claimline(&[
        "digest",
        dir.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(!again.status.success());
}

#[test]
fn digest_reads_a_project_as_well_as_a_folder() {
    let dir = coverage();
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("strike.claimline");
    let out = claimline(&[
        "import",
        dir.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_folder = json_of(&claimline(&[
        "digest",
        dir.to_str().unwrap(),
        "--dates",
        "3",
    ]));
    let from_project = json_of(&claimline(&[
        "digest",
        project.to_str().unwrap(),
        "--dates",
        "3",
    ]));
    assert_eq!(from_folder, from_project);
    // The project keeps where each article's date came from.
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    let sources = saved["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    assert!(
        sources.iter().all(|s| s["published_from"] == "path"),
        "{sources:?}"
    );
}

#[test]
fn digest_without_readable_articles_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = claimline(&["digest", tmp.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no article"), "{err}");
}

#[test]
fn a_project_s_pinned_and_dismissed_days_shape_its_digest() {
    let dir = coverage();
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("strike.claimline");
    let p = project.to_str().unwrap();
    assert!(
        claimline(&["import", dir.to_str().unwrap(), "-o", p])
            .status
            .success()
    );
    let before = json_of(&claimline(&["digest", p, "--dates", "3"]));
    let days: Vec<String> = before
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(days.len(), 3, "{before}");
    assert!(
        before
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k["pinned"] == false)
    );

    // The user dismisses the first day, pins the last one with their own words, then pins a
    // day the sources never name, and moves it to the top.
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    saved["key_dates"] = serde_json::json!([
        {"date": "2024-04-01", "kind": "pinned"},
        {"date": days[2], "kind": "pinned", "text": "The strike ends"},
        {"date": days[0], "kind": "dismissed"},
    ]);
    std::fs::write(&project, saved.to_string()).unwrap();

    let after = json_of(&claimline(&["digest", p, "--dates", "3"]));
    let after = after.as_array().unwrap();
    let got: Vec<&str> = after.iter().map(|k| k["date"].as_str().unwrap()).collect();
    assert_eq!(
        &got[..2],
        ["2024-04-01", days[2].as_str()],
        "pins first, in order"
    );
    assert!(!got.contains(&days[0].as_str()), "dismissed: {got:?}");
    assert!(got.contains(&days[1].as_str()), "{got:?}");
    let rest: Vec<&str> = got[2..].to_vec();
    let mut sorted = rest.clone();
    sorted.sort();
    assert_eq!(rest, sorted, "the others by date");
    assert_eq!(after[0]["pinned"], true);
    assert_eq!(after[0]["sentences"].as_array().unwrap().len(), 0);
    assert_eq!(after[1]["text"], "The strike ends");
    assert!(
        !after[1]["sentences"].as_array().unwrap().is_empty(),
        "the sources' sentences stay as evidence"
    );
    assert!(after[2..].iter().all(|k| k["pinned"] == false));
}
