//! Markdown → clean text: one paragraph per block, markup gone. The title comes from YAML
//! front matter (`title:`) or the first heading; `date:` and `author:` become metadata.
//! Without them, a dateline, a date line or a byline in the first lines gives the date,
//! outlet and authors ([`metadata::from_text`]).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Document, Reader, encoding, extension, html, metadata, text};
use crate::model::SourceFormat;

pub struct MarkdownReader;

impl Reader for MarkdownReader {
    /// By extension; by content only when YAML front matter names a title (plain text and
    /// Markdown look alike otherwise).
    fn sniff(&self, head: &[u8], name: &str) -> bool {
        if name.is_empty() {
            let head = String::from_utf8_lossy(head);
            let head = head.trim_start_matches('\u{feff}');
            return (head.starts_with("---\n") || head.starts_with("---\r\n"))
                && head.lines().take(20).any(|l| l.starts_with("title:"));
        }
        matches!(
            extension(name).as_str(),
            "md" | "markdown" | "mdown" | "mkd" | "mkdn"
        )
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        let source = text::normalize(&encoding::decode(bytes, None)?.text);
        let (front, body) = split_front_matter(&source);
        let (title_heading, text) = markdown_text(body);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let mut doc = Document {
            title: front
                .get("title")
                .cloned()
                .or(title_heading)
                .unwrap_or_else(|| stem.to_owned()),
            format: SourceFormat::Markdown,
            ..Document::default()
        };
        // Without front matter, the first lines may hold a dateline, a date line or a byline.
        let head = metadata::from_text(&text);
        if let Some(date) = front.get("date").and_then(|d| metadata::parse_date(d)) {
            doc.published = Some(date);
            doc.published_from = Some("front-matter".into());
        } else if let Some(p) = head.published {
            doc.published = Some(p.span);
            doc.published_from = Some(p.from.into());
        }
        doc.modified = head.modified;
        doc.authors = front
            .get("author")
            .or(front.get("authors"))
            .map(|a| {
                a.split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or(head.authors);
        doc.url = front.get("url").or(front.get("canonical")).cloned();
        doc.outlet = front
            .get("outlet")
            .or(front.get("site"))
            .cloned()
            .or(head.site_name);
        doc.language = front.get("lang").or(front.get("language")).cloned();
        doc.text = text;
        Ok(vec![doc])
    }

    fn name(&self) -> &'static str {
        "markdown"
    }
}

/// Simple `key: value` pairs of a leading `---` … `---` block (lists like `[a, b]` and
/// `- a` items are joined with commas), and the rest of the text.
fn split_front_matter(text: &str) -> (std::collections::HashMap<String, String>, &str) {
    let mut map = std::collections::HashMap::new();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (map, text);
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(str::len))
    else {
        return (map, text);
    };
    let mut last_key: Option<String> = None;
    for line in rest[..end].lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if let Some(k) = &last_key {
                let v = map.entry(k.clone()).or_insert_with(String::new);
                if !v.is_empty() {
                    v.push_str(", ");
                }
                v.push_str(unquote(item));
            }
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let key = k.trim().to_ascii_lowercase();
        let v = v.trim();
        let v = v
            .strip_prefix('[')
            .and_then(|v| v.strip_suffix(']'))
            .map(|list| list.split(',').map(unquote).collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|| unquote(v).to_owned());
        map.insert(key.clone(), v);
        last_key = Some(key);
    }
    let body_start = (4 + end + 5).min(text.len());
    (map, &text[body_start..])
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(s)
}

/// The first heading's text (when it opens the document) and the body as paragraphs.
fn markdown_text(md: &str) -> (Option<String>, String) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut title = None;
    let mut in_image = 0usize;
    let mut heading_is_first = false;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim();
        if !p.is_empty() {
            paragraphs.push(p.to_owned());
        }
        current.clear();
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut paragraphs);
                heading_is_first = title.is_none() && paragraphs.is_empty();
            }
            Event::End(TagEnd::Heading(_)) => {
                if heading_is_first {
                    title = Some(current.trim().to_owned());
                    current.clear();
                    heading_is_first = false;
                } else {
                    flush(&mut current, &mut paragraphs);
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::TableRow
                | Tag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::Rule => flush(&mut current, &mut paragraphs),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::End(TagEnd::TableCell) => current.push(' '),
            Event::Text(t) | Event::Code(t) if in_image == 0 => current.push_str(&t),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            Event::Html(h) => {
                flush(&mut current, &mut paragraphs);
                current.push_str(&html::html_fragment_text(&h));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    (title.filter(|t| !t.is_empty()), paragraphs.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_markup() {
        let md = "---\ntitle: \"Desertions near Orikhiv\"\ndate: 2025-08-21\nauthor: [Ann Lee, Bo Chan]\n---\n\
            # Heading that is not the title\n\nOne *claim*, with a [link](http://x).\nSame paragraph.\n\n\
            > A quote.\n\n- item one\n- item `two`\n\n![photo](p.jpg)\n";
        let doc = &MarkdownReader.read(md.as_bytes(), "a.md").unwrap()[0];
        assert_eq!(doc.title, "Desertions near Orikhiv");
        assert_eq!(
            doc.published.as_ref().unwrap().value.to_string(),
            "2025-08-21"
        );
        assert_eq!(doc.published_from.as_deref(), Some("front-matter"));
        assert_eq!(doc.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(
            doc.text,
            "One claim, with a link. Same paragraph.\n\nA quote.\n\nitem one\n\nitem two"
        );
    }

    #[test]
    fn without_front_matter_the_first_lines_give_date_outlet_and_authors() {
        let md = "# Council backs harbour plan\n\n*By Ann Lee, Northwire*\n\n\
            VALMORA, 14 April 2026 – The council said the plan would go ahead.\n";
        let doc = &MarkdownReader.read(md.as_bytes(), "a.md").unwrap()[0];
        assert_eq!(doc.title, "Council backs harbour plan");
        assert_eq!(
            doc.published.as_ref().unwrap().value.to_string(),
            "2026-04-14"
        );
        assert_eq!(doc.published_from.as_deref(), Some("dateline"));
        assert_eq!(doc.authors, ["Ann Lee"]);
        assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
        // Front matter wins over the text.
        let md = "---\ntitle: T\ndate: 2026-04-13\nauthor: Bo Chan\noutlet: Harbour Post\n---\n\
            By Ann Lee, Northwire\n\nMarch 5, 2024\n";
        let doc = &MarkdownReader.read(md.as_bytes(), "b.md").unwrap()[0];
        assert_eq!(
            (
                doc.published.as_ref().unwrap().value.to_string(),
                doc.published_from.as_deref()
            ),
            ("2026-04-13".into(), Some("front-matter"))
        );
        assert_eq!(doc.authors, ["Bo Chan"]);
        assert_eq!(doc.outlet.as_deref(), Some("Harbour Post"));
    }

    #[test]
    fn first_heading_is_the_title() {
        let doc = &MarkdownReader
            .read(
                b"# Kyiv talks resume\r\n\r\nBody text.\r\n\r\n## Later\r\n\r\nMore.",
                "b.md",
            )
            .unwrap()[0];
        assert_eq!(doc.title, "Kyiv talks resume");
        assert_eq!(doc.text, "Body text.\n\nLater\n\nMore.");
        assert!(MarkdownReader.sniff(b"---\ntitle: x\n---\n", ""));
        assert!(!MarkdownReader.sniff(b"# just text", ""));
    }
}
