//! Attribution constructions added for issue #15 (recall on real news), one test per
//! construction, and the stance class an entry keeps. Invented sentences; the measured rates
//! are in docs/EXTRACTION.md.

use claimline::export::briefing::{BriefingOptions, briefing_markdown};
use claimline::extract::statements::CueClass;
use claimline::extract::{self, Statement};
use claimline::model::{Project, Source, SourceId, Stance, Status, TimeSpan};

fn run(text: &str) -> Vec<Statement> {
    let mut source = Source::from_text(SourceId(1), "", text.to_owned());
    source.published = chrono::NaiveDate::from_ymd_opt(2025, 8, 21).map(TimeSpan::day);
    extract::extract(&source, &extract::Options::default()).statements
}

fn one<'a>(s: &'a [Statement], content: &str) -> &'a Statement {
    s.iter()
        .find(|s| s.content == content)
        .unwrap_or_else(|| panic!("no statement with content {content:?}: {s:#?}"))
}

#[test]
fn bare_clause_after_a_noun_like_form() {
    let s = run("Many lawmakers say there are also national security concerns.");
    let st = one(&s, "there are also national security concerns");
    assert_eq!(st.cue, "say");
    assert!(st.speaker.contains("lawmakers"), "{st:#?}");
}

#[test]
fn belief_intention_and_evaluation_cues() {
    let s = run(
        "Clinton believes the deal is fair. The union wants a new contract. Critics called the plan a giveaway. The senator plans to retire next year.",
    );
    assert_eq!(
        one(&s, "the deal is fair").cue_class,
        Some(CueClass::Belief)
    );
    assert_eq!(
        one(&s, "a new contract").cue_class,
        Some(CueClass::Intention)
    );
    assert_eq!(
        one(&s, "the plan a giveaway").cue_class,
        Some(CueClass::Evaluation)
    );
    assert_eq!(one(&s, "to retire next year").speaker, "The senator");
}

#[test]
fn object_content_ends_at_its_clause() {
    let s = run("Russia condemned the launch as the leaders met in Hangzhou.");
    one(&s, "the launch");
    // An infinitive verb of intention takes no plain object: "declined slightly" is a fall.
    let s = run("The senator's approval declined slightly from 58 percent.");
    assert!(s.is_empty(), "{s:#?}");
}

#[test]
fn names_and_possessives_are_not_cues() {
    let s = run("Allies in the United States would help Mexico make its case.");
    assert!(s.iter().all(|s| s.cue != "States"), "{s:#?}");
    let s = run("Editor’s note: Donald Trump regularly incites political violence.");
    assert!(s.iter().all(|s| !s.speaker.contains("Editor")), "{s:#?}");
}

#[test]
fn continuation_quote_joins_the_statement() {
    let s = run("“I would vote for him,” Melanie said to the TV. “I would, Donald.”");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Melanie");
    assert!(
        s[0].content.ends_with("I would, Donald."),
        "{:?}",
        s[0].content
    );
}

#[test]
fn colon_headline_and_next_paragraph_content() {
    let s = run(
        "Pence: Flowers Won’t Be at Debate\n\nThe governor spoke on Sunday. He added:\n\n“It’s typical of her. She knows nothing about it.”",
    );
    let head = one(&s, "Flowers Won’t Be at Debate");
    assert_eq!(head.speaker, "Pence");
    let added = one(&s, "It’s typical of her. She knows nothing about it.");
    assert_eq!(added.cue, "added");
}

#[test]
fn relative_pronoun_source_resolves_to_its_antecedent() {
    let s = run("Voters who said they had misgivings stayed home.");
    let st = one(&s, "they had misgivings stayed home");
    assert_eq!(st.speaker_mention, "who");
    assert_eq!(st.speaker, "Voters");
}

#[test]
fn question_quote_with_cue_in_the_next_sentence() {
    let s = run("“Does anybody know what the platform of the party is?” Graham asked.");
    let st = one(&s, "Does anybody know what the platform of the party is?");
    assert_eq!((st.speaker.as_str(), st.cue.as_str()), ("Graham", "asked"));
}

#[test]
fn entries_keep_the_stance_and_briefings_write_it() {
    let text = "Clinton believes the deal is fair. Smith said the plan was dead.";
    let mut source = Source::from_text(SourceId(1), "", text.to_owned());
    source.published = chrono::NaiveDate::from_ymd_opt(2025, 8, 21).map(TimeSpan::day);
    let ex = extract::extract(&source, &extract::Options::default());
    let mut project = Project::new("t", chrono::Utc::now());
    let mut entries = ex.to_entries(&source, &mut project);
    let stance = |who: &str| {
        entries
            .iter()
            .find(|e| e.speaker() == Some(who))
            .and_then(|e| e.attribution.as_ref()?.stance)
    };
    assert_eq!(stance("Clinton"), Some(Stance::Believes));
    assert_eq!(stance("Smith"), Some(Stance::Said));
    // The file format stays compatible: an attribution without a stance reads back as None,
    // and a stance is written in snake case.
    let a = entries[0].attribution.clone().expect("attribution");
    let json = serde_json::to_string(&a).expect("serialises");
    assert!(json.contains("\"stance\":\"believes\""), "{json}");
    let old: claimline::model::Attribution =
        serde_json::from_str(r#"{"speaker":"X","cue":"said","direct":false,"quote":"q"}"#)
            .expect("old attribution reads");
    assert_eq!(old.stance, None);

    for e in &mut entries {
        e.status = Status::Accepted;
    }
    project.sources.push(source);
    project.entries = entries;
    let refs: Vec<_> = project.entries.iter().collect();
    let md = briefing_markdown(&project, &refs, &BriefingOptions::default());
    assert!(md.contains("**Clinton** *believes*"), "{md}");
    assert!(!md.contains("*said*"), "speech needs no verb: {md}");
}

#[test]
fn nested_attribution_is_relayed_by_the_outer_speaker() {
    let s = run("Smith said Jones had told him that the plant would close.");
    let outer = one(&s, "Jones had told him that the plant would close");
    assert_eq!(outer.speaker, "Smith");
    assert!(outer.relay.is_empty(), "{outer:#?}");
    let inner = one(&s, "the plant would close");
    assert_eq!(
        (inner.speaker.as_str(), inner.cue.as_str()),
        ("Jones", "told")
    );
    assert_eq!(inner.relay, vec!["Smith".to_owned()]);
    // A speaker reporting its own belief relays nothing.
    let s = run("The company said it expected margins to recover by the end of the year.");
    assert!(s.iter().all(|s| s.relay.is_empty()), "{s:#?}");
}

#[test]
fn noun_cues_and_in_sources() {
    let s =
        run("Clinton’s promise to freeze property taxes for four years was popular, aides said.");
    let st = one(&s, "to freeze property taxes for four years was popular");
    assert_eq!(
        (st.speaker.as_str(), st.cue_class),
        ("Clinton", Some(CueClass::Commitment))
    );
    let s =
        run("In a new poll released Sunday, Clinton led Trump by five points among likely voters.");
    let st = one(&s, "Clinton led Trump by five points among likely voters");
    assert_eq!(st.speaker, "a new poll");
    let s = run("In Smith’s view, the plan would never pass the Senate.");
    assert_eq!(
        one(&s, "the plan would never pass the Senate").speaker,
        "Smith"
    );
    // The sentence's own cue makes the statement, not "In a statement".
    let s = run("In a statement, officials said the bridge would reopen soon.");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "officials");
}
