//! Corrections and retractions: notices that an earlier report was wrong ("Correction: An
//! earlier version of this report said …", "we regret the error") and statements withdrawn
//! by whoever made them ("the mayor withdrew his statement that …").
//!
//! They become events of their own (tag `correction` or `retraction`) so a claim's review can
//! point at what settled it. Each rule needs a correction *frame*, not just a word: "corrected
//! course" and "the retracted landing gear" are not notices.

use std::sync::LazyLock;

use regex::Regex;

use super::Event;
use super::events::quantities;
use super::sentences::{Document, PlacedTimex};
use crate::model::TimeSpan;

/// What a notice does to an earlier claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// The publisher fixes its own report.
    Correction,
    /// Whoever made a statement takes it back.
    Retraction,
}

impl NoticeKind {
    /// The tag the event carries.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Correction => "correction",
            Self::Retraction => "retraction",
        }
    }
}

/// Rules in order of precedence: the first that matches a sentence names it.
static RULES: LazyLock<Vec<(NoticeKind, &'static str, Regex)>> = LazyLock::new(|| {
    use NoticeKind::{Correction, Retraction};
    let rule = |kind, name, re: &str| (kind, name, Regex::new(re).expect("notice rule compiles"));
    vec![
        rule(
            Correction,
            "label 'Correction:'",
            r"(?i)^\W*(?:correction|corrections|clarification)\s*[:—–-]",
        ),
        rule(
            Correction,
            "label 'Editor's note:'",
            r"(?i)^\W*editor['’]s note\s*[:—–-]",
        ),
        rule(
            Correction,
            "'an earlier version … said'",
            r"(?i)\b(?:an? )?(?:earlier|previous|original) version of this (?:article|report|story|item|piece|post|dispatch)\b[^.]{0,120}?\b(?:said|stated|misstated|misidentified|misspelled|misquoted|incorrectly|wrongly|erroneously|reported|gave|contained|included|referred)\b",
        ),
        rule(
            Correction,
            "'has been corrected'",
            r"(?i)\b(?:article|report|story|item|piece|post|figure|headline|version|this|it)\s+(?:has|have|had)\s+been\s+(?:corrected|amended to correct|updated to correct)\b",
        ),
        rule(
            Correction,
            "'regret(s) the error'",
            r"(?i)\bregrets?\s+(?:the|this|these|any)\s+(?:error|errors|mistake|inaccuracy)\b",
        ),
        rule(
            Retraction,
            "'withdrew/retracted … statement'",
            r"(?i)\b(?:withdrew|withdrawn|withdraws|withdraw|withdrawing|retracted|retracts|retract|retracting|took back|takes back|walked back|walks back)\s+(?:his|her|its|their|the|an?|that|this|my|our)\s+(?:(?:earlier|previous|original|own|initial|first)\s+)?(?:statement|statements|claim|claims|remark|remarks|comment|comments|assertion|allegation|allegations|report|story|article|account|testimony)\b",
        ),
        rule(
            Retraction,
            "'statement … was retracted'",
            r"(?i)\b(?:statement|claim|remark|comment|assertion|allegation|report|story|article|account)s?\s+(?:was|were|has been|have been|had been|is being)\s+(?:retracted|withdrawn)\b",
        ),
    ]
});

/// The first rule that matches `sentence`, as (kind, rule name).
pub fn classify(sentence: &str) -> Option<(NoticeKind, &'static str)> {
    RULES
        .iter()
        .find(|(_, _, re)| re.is_match(sentence))
        .map(|(kind, name, _)| (*kind, *name))
}

/// Correction and retraction events in `doc`, one per matching sentence. A notice is dated by
/// a time in its sentence that is not the date of the earlier version ("published on
/// March 3"), else by the source's publication.
pub fn extract(doc: &Document, published: Option<&TimeSpan>) -> Vec<Event> {
    let text = doc.text;
    let mut out: Vec<Event> = Vec::new();
    let mut last_paragraph = None;
    for sent in &doc.sentences {
        let sentence = &text[sent.start..sent.end];
        let Some((kind, rule)) = classify(sentence) else {
            continue;
        };
        // A correction's dates belong to the report it fixes ("said … evacuated on
        // Monday"), so it dates from its publication; a retraction's own date ("on Thursday
        // withdrew") is when the statement was taken back.
        let dating = (kind == NoticeKind::Retraction)
            .then(|| {
                doc.timexes_in(sent.start, sent.end)
                    .find(|t| t.span.is_some() && !dates_the_earlier_version(text, sent.start, t))
            })
            .flatten();
        let (time, time_span, dated_by) = match dating {
            Some(t) => (
                t.span.clone(),
                Some(doc.chars(t.start, t.end)),
                format!("time '{}' in the sentence", &text[t.start..t.end]),
            ),
            None => (published.cloned(), None, "the publication date".to_owned()),
        };
        // One notice, several sentences ("Correction: … The figure was … We regret the
        // error."): a notice sentence in the paragraph of the previous one extends it.
        let evidence = doc.chars(sent.start, sent.end);
        if let Some(prev) = out.last_mut()
            && last_paragraph == Some(sent.paragraph)
            && prev.tags.first().map(String::as_str) == Some(kind.tag())
        {
            prev.evidence.end = evidence.end;
            prev.quantities
                .extend(quantities(doc, sent.start, sent.end));
            continue;
        }
        last_paragraph = Some(sent.paragraph);
        out.push(Event {
            text: super::label_of(sentence),
            time,
            evidence,
            confidence: 0.8,
            reason: format!("{} notice: rule {rule}; dated by {dated_by}", kind.tag()),
            time_span,
            quantities: quantities(doc, sent.start, sent.end),
            according_to: None,
            tags: vec![kind.tag().to_owned()],
        });
    }
    out
}

/// Whether `t` dates the earlier, wrong version ("An earlier version, published on March 3,
/// said …") rather than the notice.
fn dates_the_earlier_version(text: &str, sentence_start: usize, t: &PlacedTimex) -> bool {
    let before = &text[sentence_start..t.start];
    let tail: String = before
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.to_lowercase();
    tail.contains("published") || tail.contains("version") || tail.contains("posted")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_are_found() {
        let cases = [
            (
                "Correction: An earlier version of this report said 1,200 people left.",
                NoticeKind::Correction,
            ),
            (
                "CORRECTION — The figure was 400, not 1,200.",
                NoticeKind::Correction,
            ),
            (
                "Editor's note: This story has been updated.",
                NoticeKind::Correction,
            ),
            (
                "An earlier version of this article misstated the mayor's name.",
                NoticeKind::Correction,
            ),
            (
                "A previous version of this story incorrectly gave the date as Monday.",
                NoticeKind::Correction,
            ),
            (
                "This article has been corrected to show the right figure.",
                NoticeKind::Correction,
            ),
            ("The Courier regrets the error.", NoticeKind::Correction),
            ("We regret the error.", NoticeKind::Correction),
            (
                "The mayor on Thursday withdrew his statement that the water was safe.",
                NoticeKind::Retraction,
            ),
            (
                "The ministry retracted its earlier claim about the casualties.",
                NoticeKind::Retraction,
            ),
            ("She later walked back her remarks.", NoticeKind::Retraction),
            (
                "The company's statement was withdrawn hours later.",
                NoticeKind::Retraction,
            ),
        ];
        for (sentence, kind) in cases {
            assert_eq!(classify(sentence).map(|c| c.0), Some(kind), "{sentence}");
        }
    }

    #[test]
    fn notices_are_dated_merged_and_become_tagged_entries() {
        use crate::model::{Project, Source, SourceId};
        let text = "Correction: An earlier version of this report said 1,200 people left on Monday. The figure was 400. We regret the error.\n\nThe mayor on Thursday withdrew his statement that the water was safe.";
        let mut source = Source::from_text(SourceId(1), "t", text);
        source.published = TimeSpan::parse("2026-03-06", None).ok();
        let x = crate::extract::extract(&source, &Default::default());
        let notices: Vec<&Event> = x.events.iter().filter(|e| !e.tags.is_empty()).collect();
        assert_eq!(notices.len(), 2, "{notices:#?}");
        let day = |e: &Event| e.time.as_ref().map(|t| t.value.to_string());
        assert_eq!(notices[0].tags, ["correction"]);
        // Dated by publication, not by the Monday of the report it fixes.
        assert_eq!(day(notices[0]).as_deref(), Some("2026-03-06"));
        let covered = crate::model::char_slice(text, notices[0].evidence).unwrap();
        assert!(covered.ends_with("We regret the error."), "{covered}");
        assert_eq!(notices[1].tags, ["retraction"]);
        assert_eq!(day(notices[1]).as_deref(), Some("2026-03-05"));
        let mut project = Project::default();
        let entries = x.to_entries(&source, &mut project);
        let tagged = entries.iter().filter(|e| !e.tags.is_empty()).count();
        assert_eq!(tagged, 2);
    }

    #[test]
    fn look_alikes_are_not_notices() {
        for sentence in [
            "The ship corrected course after the warning.",
            "The pilot checked the retracted landing gear twice.",
            "Troops withdrew from the village on Monday.",
            "The army withdrew its forces from the river.",
            "Teachers corrected the exams over the weekend.",
            "He said the report was accurate.",
            "An earlier report by the agency was widely shared.",
            "She regrets nothing.",
            "The correction of the figures took a week.",
            "The retraction clause in the contract was never used.",
        ] {
            assert_eq!(classify(sentence), None, "{sentence}");
        }
    }
}
