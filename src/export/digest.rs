//! The story digest (key dates, [`crate::story::digest`]) as a briefing: Markdown, or one
//! self-contained HTML page made from the same Markdown.

use std::collections::HashMap;

use super::briefing::note_html;
use crate::model::{Project, Source, SourceId};
use crate::story::digest::Digest;

/// A source as a briefing cites it: "BBC, “Gulf spill: …”, 21 Apr 2010".
fn citation(s: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(o) = s.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
        parts.push(o.trim().to_owned());
    }
    parts.push(format!("“{}”", s.title.trim()));
    if let Some(d) = s.published_date() {
        parts.push(d.format("%-d %b %Y").to_string());
    }
    parts.join(", ")
}

/// The digest as a Markdown briefing: one section per key date, each sentence with its
/// source, then how many sources report the day and which was first.
pub fn markdown(project: &Project, digest: &Digest) -> String {
    use std::fmt::Write as _;
    let sources: HashMap<SourceId, &Source> = project.sources.iter().map(|s| (s.id, s)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "# Key dates: {}\n", project.title.trim());
    let _ = write!(
        out,
        "{} key dates from {} sources",
        digest.key_dates.len(),
        project.sources.len()
    );
    if let Some((a, b)) = digest.period {
        let _ = write!(
            out,
            ", published {} – {}",
            a.format("%-d %b %Y"),
            b.format("%-d %b %Y")
        );
    }
    out.push_str(".\n");
    for k in &digest.key_dates {
        let _ = writeln!(out, "\n## {}\n", k.date.format("%A %-d %B %Y"));
        for s in &k.sentences {
            let cite = sources
                .get(&s.source)
                .map(|s| citation(s))
                .unwrap_or_default();
            let _ = writeln!(out, "- {} — *{}*", s.text, cite.replace('*', "\\*"));
        }
        if let Some(first) = k.sources.first().and_then(|id| sources.get(id)) {
            let n = k.sources.len();
            let _ = writeln!(
                out,
                "\nReported by {n} source{}, first by {}.",
                if n == 1 { "" } else { "s" },
                citation(first).replace('*', "\\*")
            );
        }
    }
    out
}

/// The digest as one HTML page (inline CSS, nothing loaded from outside); text in the
/// sources that looks like markup is shown as text.
pub fn html(project: &Project, digest: &Digest) -> String {
    let body = note_html(&markdown(project, digest));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Key dates: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        super::svg::escape(project.title.trim())
    )
}

const CSS: &str = r#"
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
  max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 1.8rem; }
li { margin: 0.4rem 0; }
em { color: #555; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeSpan;
    use crate::story::digest::{Options, digest};

    #[test]
    fn briefing_lists_days_with_cited_sentences_and_escapes_markup() {
        let mut a = Source::from_text(
            SourceId(1),
            "Dam cracks",
            "Engineers found a crack in the <b>Harlow</b> dam on 3 March 2024.\n",
        );
        a.outlet = Some("Northwire".into());
        a.published = Some(TimeSpan::parse("2024-03-04", None).unwrap());
        let p = Project {
            title: "Harlow dam".into(),
            sources: vec![a],
            ..Project::default()
        };
        let d = digest(
            &p,
            &Options {
                dates: Some(1),
                ..Options::default()
            },
        );
        let md = markdown(&p, &d);
        assert!(md.starts_with("# Key dates: Harlow dam"), "{md}");
        assert!(md.contains("## Sunday 3 March 2024"), "{md}");
        assert!(
            md.contains("— *Northwire, “Dam cracks”, 4 Mar 2024*"),
            "{md}"
        );
        assert!(
            md.contains("Reported by 1 source, first by Northwire"),
            "{md}"
        );
        let page = html(&p, &d);
        assert!(page.contains("<h2>Sunday 3 March 2024</h2>"), "{page}");
        assert!(page.contains("&lt;b&gt;Harlow&lt;/b&gt;"), "{page}");
        assert!(!page.contains("<b>Harlow"), "{page}");
    }
}
