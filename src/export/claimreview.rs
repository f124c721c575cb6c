//! ClaimReview JSON-LD: the claims that have a verdict, as schema.org `ClaimReview` objects
//! that fact-checking aggregators (Google Fact Check Explorer, the Duke Reporters' Lab
//! database) read.
//!
//! ```text
//! [ { "@context": "https://schema.org", "@type": "ClaimReview",
//!     "claimReviewed": claim label (else the first appearance's quote),
//!     "datePublished": review date, "author": reviewer (Person or Organization),
//!     "reviewRating": { "@type": "Rating", ratingValue 1..=5, bestRating 5, worstRating 1,
//!                       alternateName },
//!     "itemReviewed": { "@type": "Claim", "author": speaker (Person),
//!                       "datePublished": first appearance, "appearance": [CreativeWork…],
//!                       "firstAppearance": CreativeWork },
//!     "url": the settling correction's URL, when there is one } , … ]
//! ```
//!
//! Built from [`super::json::selected_project`], so the selection and "as known on" apply
//! exactly as in the native JSON: a claim reviewed after the day is unverified then, and
//! unverified claims are not reviews, so they are left out. Field choices follow the Google
//! Search "Fact check (ClaimReview) structured data" guide and schema.org `ClaimReview` /
//! `Claim` (see docs/EXPORT.md).

use serde_json::{Map, Value, json};

use super::{ExportError, ExportOptions, Exported, json::selected_project};
use crate::model::{Claim, Entry, Precision, Project, Source, TimeSpan, Verification};

/// The rated claims of the selection as a JSON-LD array of `ClaimReview` objects.
pub fn export(project: &Project, options: &ExportOptions) -> Result<Exported, ExportError> {
    let sub = selected_project(project, &options.selection);
    let reviews = claim_reviews(&sub);
    let mut notes = Vec::new();
    let unrated = sub
        .claims
        .iter()
        .filter(|c| c.review.state == Verification::Unverified)
        .count();
    if unrated > 0 {
        notes.push(format!(
            "{unrated} unverified claim{} left out (a ClaimReview needs a verdict)",
            if unrated == 1 { "" } else { "s" }
        ));
    }
    if reviews.is_empty() {
        notes.push("no selected claim has a verdict; the file holds an empty list".into());
    }
    let value = Value::Array(reviews);
    let text = if options.pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    }
    .expect("plain data serializes");
    let mut bytes = text.into_bytes();
    bytes.push(b'\n');
    Ok(Exported { bytes, notes })
}

/// One `ClaimReview` per claim of `project` with a verdict, in project order.
pub fn claim_reviews(project: &Project) -> Vec<Value> {
    project
        .claims
        .iter()
        .filter_map(|c| claim_review(project, c))
        .collect()
}

fn claim_review(project: &Project, claim: &Claim) -> Option<Value> {
    let (value, label) = claim.review.effective_rating()?;
    let appearances: Vec<&Entry> = claim
        .appearances(project)
        .iter()
        .filter_map(|a| project.entry(a.entry))
        .collect();
    let first = appearances.first().copied();
    let claim_reviewed = if claim.label.trim().is_empty() {
        first
            .map(|e| {
                e.attribution
                    .as_ref()
                    .map(|a| a.quote.trim())
                    .filter(|q| !q.is_empty())
                    .unwrap_or(e.label.trim())
                    .to_owned()
            })
            .unwrap_or_default()
    } else {
        claim.label.trim().to_owned()
    };

    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(speaker) = first
        .and_then(|e| e.speaker())
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        item.insert(
            "author".into(),
            json!({ "@type": "Person", "name": speaker }),
        );
    }
    if let Some(date) = first.and_then(published).map(schema_date) {
        item.insert("datePublished".into(), json!(date));
    }
    let works: Vec<Value> = appearances
        .iter()
        .map(|e| creative_work(project, e))
        .collect();
    if let Some(w) = works.first() {
        item.insert("firstAppearance".into(), w.clone());
    }
    if !works.is_empty() {
        item.insert("appearance".into(), Value::Array(works));
    }

    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("claimReviewed".into(), json!(claim_reviewed));
    if let Some(date) = claim.review.date {
        review.insert(
            "datePublished".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    }
    let reviewer = claim.review.reviewer.trim();
    if !reviewer.is_empty() {
        review.insert(
            "author".into(),
            json!({ "@type": author_type(reviewer), "name": reviewer }),
        );
    }
    review.insert(
        "reviewRating".into(),
        json!({
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        }),
    );
    review.insert("itemReviewed".into(), Value::Object(item));
    // The review has no page of its own in Claimline; the correction or retraction that
    // settled it is the public document behind the verdict, when it has an address.
    if let Some(url) = claim
        .review
        .settled_by
        .and_then(|id| project.entry(id))
        .and_then(|e| first_source(project, e))
        .and_then(|s| s.url.as_deref())
        .map(str::trim)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        review.insert("url".into(), json!(url));
    }
    Some(Value::Object(review))
}

/// Names of organisations usually contain one of these words; anything else is taken for a
/// person. schema.org accepts either type for `author`.
const ORGANIZATION_WORDS: [&str; 14] = [
    "agency",
    "check",
    "desk",
    "factcheck",
    "institute",
    "lab",
    "media",
    "ministry",
    "network",
    "news",
    "office",
    "press",
    "service",
    "team",
];

fn author_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let org = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ORGANIZATION_WORDS.contains(&w));
    if org { "Organization" } else { "Person" }
}

fn first_source<'p>(project: &'p Project, e: &Entry) -> Option<&'p Source> {
    e.sources().find_map(|id| project.source(id))
}

/// When the entry became public: reported, else said time.
fn published(e: &Entry) -> Option<&TimeSpan> {
    e.reported_time.as_ref().or(e.said_time.as_ref())
}

/// ISO 8601 at the precision known: `2026-03-04`, `2026-03`, `2026`.
fn schema_date(t: &TimeSpan) -> String {
    let format = if t.precision >= Precision::Day {
        "%Y-%m-%d"
    } else if t.precision >= Precision::Month && t.precision != Precision::Week {
        "%Y-%m"
    } else {
        "%Y"
    };
    t.start.format(format).to_string()
}

/// One appearance: the article (headline, publisher, date, address) the entry cites.
fn creative_work(project: &Project, e: &Entry) -> Value {
    let mut w = Map::new();
    w.insert("@type".into(), json!("CreativeWork"));
    let source = first_source(project, e);
    if let Some(url) = source
        .and_then(|s| s.url.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        w.insert("url".into(), json!(url));
    }
    if let Some(title) = source.map(|s| s.title.trim()).filter(|t| !t.is_empty()) {
        w.insert("headline".into(), json!(title));
    }
    if let Some(outlet) = source
        .and_then(|s| s.outlet.as_deref())
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        w.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": outlet }),
        );
    }
    if let Some(date) = published(e).map(schema_date) {
        w.insert("datePublished".into(), json!(date));
    }
    Value::Object(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewers_are_people_unless_named_like_organisations() {
        assert_eq!(author_type("Ana Kovalenko"), "Person");
        assert_eq!(author_type("Claimline Fact-Check Desk"), "Organization");
        assert_eq!(author_type("StopFake News"), "Organization");
        assert_eq!(
            author_type("Checkpoint Charlie"),
            "Person",
            "whole words only"
        );
    }

    #[test]
    fn dates_keep_their_precision() {
        let d = |v: &str| schema_date(&TimeSpan::parse(v, None).unwrap());
        assert_eq!(d("2026-03-04"), "2026-03-04");
        assert_eq!(d("2026-03-04T09:30"), "2026-03-04");
        assert_eq!(d("2026-03"), "2026-03");
        assert_eq!(d("2026"), "2026");
        assert_eq!(d("2026-Q1"), "2026");
    }
}
