//! HTML pages saved from a browser → the article's clean text, paragraph by paragraph.
//!
//! ```text
//! bytes ─ charset (BOM, <meta charset>, chardetng) ─ depth/size guard ─ html5ever DOM
//!   ├─ metadata::from_html (before anything is removed)
//!   └─ strip boilerplate (nav, cookie banners, share bars, comments, related links)
//!        └─ dom_smoothie (readability) picks the main content
//!             └─ block_text: one paragraph per block, blank lines between,
//!                embedded posts (tweets) kept whole as one quoted paragraph
//! ```
//!
//! The guard matters: html5ever checks element scopes by walking the stack of open elements
//! and readability walks ancestors, so time grows with the square of the nesting depth
//! (10,000 nested `<div>`s: 11 s to parse, 84 s more in readability); such input is refused
//! before parsing.

use std::sync::LazyLock;

use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability};
use regex::bytes::Regex as BytesRegex;

use super::embeds::EmbedInfo;
use super::{Document, Reader, encoding, extension, liveblog, metadata, text, trimmed_start};
use crate::model::{CharRange, SourceFormat, TextAnchor, TimeSpan};

/// Pages larger than this are refused (saved pages with inline images reach a few MB).
pub const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;
/// Deeper nesting than this is refused; real pages stay well under 100 levels. Browsers cap
/// their trees at 512 too. Parse + readability time grows with the square of the depth
/// (measured: 2,000 levels 3.5 s, 10,000 levels 95 s).
pub const MAX_HTML_DEPTH: usize = 512;
/// Readability's element budget; bounds its time on huge pages.
const MAX_ELEMENTS: usize = 200_000;

pub struct HtmlReader;

impl Reader for HtmlReader {
    fn sniff(&self, head: &[u8], name: &str) -> bool {
        if name.is_empty() {
            let start = trimmed_start(head);
            return [b"<!doctype html".as_slice(), b"<html", b"<head", b"<body"]
                .iter()
                .any(|p| start.starts_with(p));
        }
        matches!(extension(name).as_str(), "html" | "htm" | "xhtml" | "shtml")
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        read_html_document(bytes, name).map(|d| vec![d])
    }

    fn name(&self) -> &'static str {
        "html"
    }
}

/// A full page → a [`Document`] with the main content's text and the page's metadata.
/// `name` is the file name (default title) or the URL it came from.
pub fn read_html_document(bytes: &[u8], name: &str) -> Result<Document, String> {
    read_html_with_charset(bytes, name, None)
}

/// [`read_html_document`] with the charset a transport declared (HTTP `Content-Type`), which
/// wins over the page's own `<meta charset>`.
pub(crate) fn read_html_with_charset(
    bytes: &[u8],
    name: &str,
    transport_charset: Option<&'static encoding_rs::Encoding>,
) -> Result<Document, String> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(format!(
            "the page is too large ({} bytes; the limit for HTML is {MAX_HTML_BYTES})",
            bytes.len()
        ));
    }
    let html = encoding::decode(bytes, transport_charset.or_else(|| declared_charset(bytes)))?.text;
    check_depth(&html)?;
    let dom = Dom::from(html.as_str());
    let meta = metadata::from_html(&dom);
    let title = meta
        .title
        .clone()
        .or_else(|| dom_title(&dom))
        .unwrap_or_else(|| name.rsplit('/').next().unwrap_or(name).to_owned());
    let json_ld_updates = liveblog::updates_from_json_ld(&dom);
    let embeds = prepare_embeds(&dom);
    strip_boilerplate(&dom);
    let published_at = meta.published.as_ref().map(|p| p.span.start);
    if let Some(blog) = liveblog::updates_from_markup(&dom, block_text)
        .or(json_ld_updates)
        .or_else(|| liveblog::updates_from_shown_times(&dom, published_at, block_text))
    {
        let (body, updates) = liveblog::assemble(&blog);
        let posts = embed_anchors(&body, &embeds, |at| {
            crate::model::innermost_anchor(&updates, at)
                .map(|u| TimeSpan::no_later_than(u.time.start.date()))
        });
        // The blog opened with its first update when the page does not say (an embedded
        // post may be older than the blog). A `<time>` element is no evidence here: it is
        // one of the updates' own stamps.
        let (published, published_from) = match meta.published {
            Some(p) if p.from != "time-element" => (Some(p.span), Some(p.from.to_owned())),
            _ => (
                updates
                    .iter()
                    .map(|a| a.time.clone())
                    .min_by(|a, b| a.cmp_chronological(b)),
                Some("live-blog update".to_owned()),
            ),
        };
        let mut anchors = updates;
        anchors.extend(posts);
        return Ok(Document {
            title,
            outlet: meta.site_name,
            authors: meta.authors,
            url: meta.canonical_url,
            format: SourceFormat::Html,
            published_from: published.as_ref().and(published_from),
            published,
            modified: meta.modified,
            language: meta.language.or_else(|| metadata::detect_language(&body)),
            text: body,
            anchors,
            ..Document::default()
        });
    }

    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // We read JSON-LD ourselves (with @graph support); skip the second pass.
        disable_json_ld: true,
        classes_to_preserve: vec!["embedded-post".into()],
        ..Config::default()
    };
    let content_html = Readability::with_document(dom, None, Some(config))
        .map_err(|e| e.to_string())
        .and_then(|mut r| r.parse().map_err(|e| e.to_string()))
        .map(|article| article.content.to_string());
    let body = match content_html {
        Ok(content) => block_text(&Dom::fragment(content.as_str())),
        Err(e) if e.contains("too many elements") => {
            return Err(format!("the page has too many elements ({e})"));
        }
        // Readability gives up on short pages; their whole body is the article then.
        Err(_) => block_text(
            &Dom::from(html.as_str())
                .select("body")
                .nodes()
                .first()
                .map_or_else(|| Dom::from(""), |b| b.to_fragment()),
        ),
    };

    let body = drop_leading_byline(&drop_leading_title(&body, &title));
    if body.trim().is_empty() {
        return Err("no article text found in the page".into());
    }
    let (published, published_from) = match meta.published {
        Some(p) => (Some(p.span), Some(p.from.to_owned())),
        None => match metadata::dateline(&body, meta.year_hint) {
            Some(span) => (Some(span), Some("dateline".to_owned())),
            None => (None, None),
        },
    };
    let anchors = embed_anchors(&body, &embeds, |_| {
        published
            .as_ref()
            .map(|p| TimeSpan::no_later_than(p.start.date()))
    });
    Ok(Document {
        title,
        outlet: meta.site_name,
        authors: meta.authors,
        url: meta.canonical_url,
        format: SourceFormat::Html,
        published,
        published_from,
        modified: meta.modified,
        language: meta.language.or_else(|| metadata::detect_language(&body)),
        anchors,
        text: body,
        ..Document::default()
    })
}

/// Anchors for the embedded posts whose markup dates them (or names an author the text
/// lacks), found in `body` in reading order by their paragraph text. A post the markup does
/// not date is said no later than `fallback` gives for its char offset (the page's or the
/// update's day).
fn embed_anchors(
    body: &str,
    embeds: &[(EmbedInfo, String)],
    fallback: impl Fn(usize) -> Option<TimeSpan>,
) -> Vec<TextAnchor> {
    let mut out = Vec::new();
    let mut from = 0;
    for (info, text) in embeds {
        if text.is_empty() || !info.is_informative() {
            continue;
        }
        // Readability may drop a line of the embed ("View this post on Instagram"): then
        // its last words find it, and the anchor is their paragraph.
        let (at, end) = match body[from..].find(text.as_str()) {
            Some(i) => (from + i, from + i + text.len()),
            None => {
                let tail_start = text.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
                let Some(i) = body[from..].find(&text[tail_start..]) else {
                    continue;
                };
                let hit = from + i;
                let para = body[..hit].rfind("\n\n").map_or(0, |p| p + 2);
                let end = body[hit..].find("\n\n").map_or(body.len(), |p| hit + p);
                (para, end)
            }
        };
        from = end;
        let start = body[..at].chars().count();
        let range = CharRange::new(start, start + body[at..end].chars().count());
        out.extend(info.anchor(range, fallback(start).as_ref()));
    }
    out
}

/// An HTML fragment (a mail's HTML part, a feed item's content) → clean paragraph text,
/// without readability scoring: everything but scripts, styles and forms is kept.
pub fn html_fragment_text(html: &str) -> String {
    if check_depth(html).is_err() || html.len() > MAX_HTML_BYTES {
        // Too deep to parse safely: keep the words, lose the structure.
        return strip_tags(html);
    }
    block_text(&Dom::fragment(html))
}

/// The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static META: LazyLock<BytesRegex> = LazyLock::new(|| {
        BytesRegex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#).unwrap()
    });
    let head = &bytes[..bytes.len().min(4096)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    encoding::for_label(std::str::from_utf8(label).ok()?)
}

/// Refuses markup nested deeper than [`MAX_HTML_DEPTH`], estimated in one linear pass.
fn check_depth(html: &str) -> Result<(), String> {
    if estimated_depth(html.as_bytes()) > MAX_HTML_DEPTH {
        return Err(format!(
            "the HTML is nested more than {MAX_HTML_DEPTH} levels deep; \
             it is not a normal page, so it was not parsed"
        ));
    }
    Ok(())
}

/// The deepest element nesting, counting tags the way a parser would, roughly: void elements
/// and elements closed implicitly (`<p>`, `<li>`, `<td>` …) do not nest; a self-closing slash
/// counts only inside SVG or MathML (in HTML, `<div/>` opens a div); an end tag closes the
/// nearest open element of its name and everything opened after it, and one with no such
/// element open is ignored (`<div></span>` leaves the div open); comments and script/style
/// bodies are skipped. Stops counting once past the limit, so it is linear in the input.
fn estimated_depth(b: &[u8]) -> usize {
    const NON_NESTING: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"rb",
        b"rt",
        b"rp",
        b"param",
        b"keygen",
    ];
    let (mut max, mut i) = (0usize, 0usize);
    // Open elements, innermost last, and how many of them are <svg> or <math>.
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut foreign = 0usize;
    let is_foreign = |n: &[u8]| n == b"svg" || n == b"math";
    while i < b.len() && max <= MAX_HTML_DEPTH {
        let Some(lt) = memchr(b'<', &b[i..]) else {
            break;
        };
        i += lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find_from(b, i, b"-->").map_or(b.len(), |j| j + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = b[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = memchr(b'>', &b[name_start..]).map_or(b.len(), |j| name_start + j);
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                foreign -= open[at..].iter().filter(|n| is_foreign(n)).count();
                open.truncate(at);
            }
        } else if name == b"script" || name == b"style" {
            let close: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            i = find_from_ci(b, tag_end, close).unwrap_or(b.len());
            continue;
        } else {
            let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
            if (self_closing && foreign > 0) || NON_NESTING.contains(&name.as_slice()) {
                i = tag_end;
                continue;
            }
            foreign += usize::from(is_foreign(&name));
            open.push(name);
            max = max.max(open.len());
        }
        i = tag_end;
    }
    max
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|j| from + j)
}

fn find_from_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|j| from + j)
}

/// Words of markup too deep to parse: tags become spaces, the common entities are decoded.
fn strip_tags(html: &str) -> String {
    static TAG: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(?s)<!--.*?-->|<[^>]*>").unwrap());
    let text = TAG.replace_all(html, " ");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dom_title(dom: &Dom) -> Option<String> {
    let t = dom.select("head title").text();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Page furniture that readability sometimes keeps: removed before it scores the page.
const BOILERPLATE: &str = "script, style, noscript, template, iframe, form, button, svg, nav, \
    aside, footer, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [aria-hidden=true], [hidden], .ad, .ads, .advert, .advertisement, [class*=ad-slot], \
    [class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=gdpr], \
    [class*=share], [class*=newsletter], [class*=related], [id*=related], \
    [class*=recommend], [class*=comments], [id*=comments], [id=comments], [class*=breadcrumb], \
    [class*=paywall], [class*=promo], [class*=subscribe], [class*=author-bio], \
    [class*=author-box], [class*=pullquote], [class*=pull-quote], [data-component=pull-quote], \
    figcaption";

/// Elements whose class or id marks an embedded post, kept whole as one quoted paragraph.
fn is_embedded_post(node: &NodeRef) -> bool {
    let class = node
        .class()
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    [
        "twitter-tweet",
        "tweet",
        "x-post",
        "instagram-media",
        "bluesky-embed",
        "mastodon-embed",
        "telegram-post",
        "tiktok-embed",
        // Facebook's post embed, and Threads'.
        "fb-xfbml-parse-ignore",
        "text-post-media",
        "embedded-post",
    ]
    .iter()
    .any(|k| class.split_whitespace().any(|c| c == *k))
}

/// Makes every embedded post a `blockquote.embedded-post` that `block_text` keeps whole, and
/// reads what its markup says (platform, author, permalink, time) with its paragraph text.
/// Script- and iframe-only embeds keep the platform, the account and the permalink.
fn prepare_embeds(dom: &Dom) -> Vec<(EmbedInfo, String)> {
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    // A Telegram embed is only a script that draws the post.
    for script in dom.select("script[data-telegram-post]").iter() {
        let Some(node) = script.nodes().first().cloned() else {
            continue;
        };
        let post = node.attr("data-telegram-post").unwrap_or_default();
        let Some((channel, id)) = post.split_once('/') else {
            continue;
        };
        if ok(channel) && ok(id) {
            node.replace_with_html(format!(
                "<blockquote class=\"telegram-post\"><p>Telegram post by @{channel}: \
                 <a href=\"https://t.me/{channel}/{id}\">https://t.me/{channel}/{id}</a></p></blockquote>"
            ));
        }
    }
    // Mastodon's iframe embed: https://server/@user/ID/embed.
    for frame in dom.select("iframe.mastodon-embed[src]").iter() {
        let Some(node) = frame.nodes().first().cloned() else {
            continue;
        };
        let src = node.attr("src").unwrap_or_default();
        let url = src
            .trim_end_matches('/')
            .trim_end_matches("/embed")
            .to_owned();
        let Some((server, user)) = url
            .strip_prefix("https://")
            .and_then(|r| r.split_once("/@"))
            .map(|(server, rest)| {
                (
                    server.to_owned(),
                    rest.split('/').next().unwrap_or("").to_owned(),
                )
            })
        else {
            continue;
        };
        if ok(&user) && !server.contains(['"', '<', '>']) {
            node.replace_with_html(format!(
                "<blockquote class=\"mastodon-embed\"><p>Mastodon post by @{user}@{server}: \
                 <a href=\"{url}\">{url}</a></p></blockquote>"
            ));
        }
    }
    // YouTube's embed is an iframe (or a lite-youtube element): keep the link to the video.
    for lite in dom.select("lite-youtube[videoid]").iter() {
        let Some(node) = lite.nodes().first().cloned() else {
            continue;
        };
        let id = node.attr("videoid").unwrap_or_default();
        if !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            node.replace_with_html(format!(
                "<p>YouTube video: https://www.youtube.com/watch?v={id}</p>"
            ));
        }
    }
    for frame in dom
        .select("iframe[src*='youtube.com/embed/'], iframe[src*='youtube-nocookie.com/embed/']")
        .iter()
    {
        let Some(node) = frame.nodes().first().cloned() else {
            continue;
        };
        let src = node.attr("src").unwrap_or_default();
        let id = src
            .split("/embed/")
            .nth(1)
            .and_then(|r| r.split(['?', '/', '&']).next())
            .unwrap_or("");
        if id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && !id.is_empty()
        {
            node.replace_with_html(format!(
                "<p>YouTube video: https://www.youtube.com/watch?v={id}</p>"
            ));
        }
    }
    // Embedded posts get one class name we know, since readability strips the others and
    // `block_text` must still recognise the post afterwards.
    let mut out = Vec::new();
    for post in dom.select("blockquote").iter() {
        let Some(node) = post.nodes().first().cloned() else {
            continue;
        };
        if is_embedded_post(&node) {
            let info = EmbedInfo::read(&node);
            node.set_attr("class", "embedded-post");
            let mut text = block_text(&node.to_fragment());
            // A script-rendered embed may leave nothing but its link.
            if text.trim().is_empty()
                && let Some(placeholder) = info.placeholder()
            {
                node.set_text(placeholder.as_str());
                text = block_text(&node.to_fragment());
            }
            out.push((info, text));
        }
    }
    out
}

fn strip_boilerplate(dom: &Dom) {
    dom.select(BOILERPLATE).remove();
}

/// Block-level elements: each starts and ends a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "figure",
    "hr",
    "address",
    "details",
    "summary",
    "center",
];
/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "iframe",
    "svg",
    "button",
    "form",
    "select",
    "textarea",
    "figcaption",
    "nav",
];

/// The text of a DOM, one paragraph per block element, paragraphs separated by a blank line
/// (see `model::paragraph_ranges`). Iterative, so any depth html5ever built is safe.
fn block_text(dom: &Dom) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        /// Leaving a block; `true` when it was an embedded post.
        Leave(bool),
    }
    let mut out = Paragraphs::default();
    let mut in_post = 0usize;
    let root = dom.root();
    let mut stack: Vec<Step> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave(post) => {
                if post {
                    in_post -= 1;
                }
                if in_post == 0 {
                    out.flush();
                } else {
                    out.space();
                }
                continue;
            }
            Step::Enter(node) => node,
        };
        if node.is_text() {
            out.push_text(&node.text());
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if SKIPPED.contains(&name.as_str()) {
            continue;
        }
        if name == "br" {
            out.line_break();
            continue;
        }
        let block = BLOCKS.contains(&name.as_str());
        let post = block && is_embedded_post(&node);
        if block {
            if in_post == 0 {
                out.flush();
            } else {
                out.space();
            }
            if post {
                in_post += 1;
            }
            stack.push(Step::Leave(post));
        } else if matches!(name.as_str(), "td" | "th") {
            out.space();
        }
        stack.extend(node.children_it(true).map(Step::Enter));
    }
    out.flush();
    text::normalize(&out.paragraphs.join("\n\n"))
}

/// Accumulates inline text into paragraphs with HTML white-space collapsing.
#[derive(Default)]
struct Paragraphs {
    paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
}

impl Paragraphs {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(if c == '\u{a0}' { ' ' } else { c });
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end().len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() {
            self.current.push('\n');
        }
        self.pending_space = false;
    }

    fn flush(&mut self) {
        let p = self.current.trim();
        if !p.is_empty() {
            self.paragraphs.push(p.to_owned());
        }
        self.current.clear();
        self.pending_space = false;
    }
}

/// A short "By Name" paragraph opening the text is the byline (kept in `authors`), not body.
fn drop_leading_byline(body: &str) -> String {
    match body.split_once("\n\n") {
        Some((first, rest))
            if first.split_whitespace().count() <= 12
                && first
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("by")) =>
        {
            rest.to_owned()
        }
        _ => body.to_owned(),
    }
}

/// Readability often keeps the headline as the first block; it is the title, not body text.
fn drop_leading_title(body: &str, title: &str) -> String {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    match body.split_once("\n\n") {
        Some((first, rest))
            if !title.is_empty()
                && norm(title).starts_with(&norm(first))
                && !first.trim().is_empty() =>
        {
            rest.to_owned()
        }
        None if norm(body) == norm(title) => String::new(),
        _ => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_paragraphs() {
        let html = "<div><h2>Front line</h2><p>One <b>bold</b>\n claim.</p><p>Two<br>lines.</p>\
            <script>var x = 1;</script><ul><li>A</li><li>B</li></ul></div>";
        assert_eq!(
            html_fragment_text(html),
            "Front line\n\nOne bold claim.\n\nTwo\nlines.\n\nA\n\nB"
        );
    }

    #[test]
    fn embedded_tweets_stay_one_quoted_paragraph() {
        let html = r#"<p>Before.</p><blockquote class="twitter-tweet"><p lang="en">Twenty soldiers
            defected. <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Astraia Intel
            (@astraiaintel) <a href="https://twitter.com/x">August 20, 2025</a></blockquote><p>After.</p>"#;
        assert_eq!(
            html_fragment_text(html),
            "Before.\n\nTwenty soldiers defected. pic.twitter.com/x — Astraia Intel (@astraiaintel) August 20, 2025\n\nAfter."
        );
    }

    #[test]
    fn depth_is_estimated_like_a_parser_would() {
        assert_eq!(
            estimated_depth(b"<html><body><div><p>a<p>b<br/><img src=x></div></body></html>"),
            3
        );
        assert_eq!(
            estimated_depth(b"<script>if (a<b && c<d) {}</script><div></div>"),
            1
        );
        let deep = "<div>".repeat(5_000);
        assert!(estimated_depth(deep.as_bytes()) > MAX_HTML_DEPTH);
        // Issue #27: what a parser nests though it looks closed.
        for bypass in ["<div/>", "<div></span>", "<section/><b></i>"] {
            assert!(
                estimated_depth(bypass.repeat(5_000).as_bytes()) > MAX_HTML_DEPTH,
                "{bypass}"
            );
        }
        // An end tag closes what was opened after its element; SVG's self-closing shapes do
        // not nest.
        assert_eq!(estimated_depth(b"<div><span><b>x</div><div>y</div>"), 3);
        let icons = format!(
            "<div><svg>{}</svg></div>",
            "<path d=\"M0 0\"/>".repeat(5_000)
        );
        assert_eq!(estimated_depth(icons.as_bytes()), 2);
        assert_eq!(
            html_fragment_text(&format!("{deep}deep &amp; words")),
            "deep & words"
        );
    }

    #[test]
    fn meta_charset_is_honoured() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("Київ заявив про нові переговори.");
        let mut page =
            b"<html><head><meta charset=\"windows-1251\"><title>T</title></head><body><p>".to_vec();
        page.extend_from_slice(&body);
        page.extend_from_slice(b"</p></body></html>");
        let doc = read_html_document(&page, "p.html").unwrap();
        assert_eq!(doc.text, "Київ заявив про нові переговори.");
    }
}
