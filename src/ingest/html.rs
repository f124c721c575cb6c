//! TEMPORARY stand-in for ingest-a's HTML reader, so the feed and mail readers build and test
//! on this branch. Replaced at merge by the real `html.rs` (readability + metadata); only the
//! two signatures below are relied on.

use super::Document;
use crate::model::SourceFormat;

/// Visible text of an HTML fragment: tags stripped, block ends as paragraph breaks.
pub fn html_fragment_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&decode_entities(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        let tag_name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if let Some(end) = skip_until {
            if tag.starts_with('/') && tag_name == end {
                skip_until = None;
            }
        } else if matches!(tag_name.as_str(), "script" | "style" | "head") && !tag.starts_with('/')
        {
            skip_until = Some(match tag_name.as_str() {
                "script" => "script",
                "style" => "style",
                _ => "head",
            });
        } else if matches!(
            tag_name.as_str(),
            "p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "li" | "tr" | "blockquote" | "table"
        ) {
            out.push_str("\n\n");
        }
        rest = &rest[lt + gt + 1..];
    }
    if skip_until.is_none() && !rest.contains('<') {
        out.push_str(&decode_entities(rest));
    }
    let paragraphs: Vec<String> = out
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// A whole HTML page as a document (title from `<title>`).
pub fn read_html_document(bytes: &[u8], name: &str) -> Result<Document, String> {
    let html = String::from_utf8_lossy(bytes);
    let lower = html.to_ascii_lowercase();
    let title = lower
        .find("<title>")
        .and_then(|a| lower[a..].find("</title>").map(|b| (a + 7, a + b)))
        .map(|(a, b)| html_fragment_text(&html[a..b]))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| name.to_owned());
    Ok(Document {
        title,
        format: SourceFormat::Html,
        text: html_fragment_text(&html),
        ..Document::default()
    })
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&mdash;", "—")
        .replace("&amp;", "&")
}
