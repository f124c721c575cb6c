//! Page metadata: title, outlet, authors, canonical URL, language, and above all the
//! publication date, which anchors every relative time in the text.
//!
//! The publication date is taken from the first of these that gives one, and the choice is
//! recorded ([`Published::from`]):
//!
//! | order | evidence | `published_from` |
//! |---|---|---|
//! | 1 | JSON-LD `NewsArticle`/`Article`… `datePublished` (also inside `@graph` arrays) | `json-ld` |
//! | 2 | OpenGraph `article:published_time` | `opengraph` |
//! | 3 | `<meta name=date\|pubdate\|dc.date\|…>`, `itemprop=datePublished` | `meta` |
//! | 4 | `<time datetime>` (the one marked `pubdate` first) | `time-element` |
//! | 5 | a date in the canonical URL (`/2025/08/21/`, `/2025/08/`) | `url` |
//! | 6 | a dateline opening the text (`KYIV, Aug 21 (Reuters) —`) | `dateline` |
//!
//! Plain text and Markdown have no markup: [`from_text`] reads their first lines instead —
//! a dateline (`dateline`), a line that is only a date (`date-line`), a BBC-style
//! "24 June 2010 Last updated at 14:59 GMT" (`last-updated`, outranked by a date in the file's
//! path) and a byline ("By Ann Lee, Northwire"). A date in the path is `path`
//! ([`super::path_date`]).
//!
//! Times keep the wall-clock time the page gives and drop its UTC offset: the article's own
//! day is what "yesterday" in its text means.

use std::sync::LazyLock;

use chrono::{Datelike as _, NaiveDate, NaiveDateTime};
use dom_query::Document as Dom;
use regex::Regex;
use serde_json::Value;

use crate::model::TimeSpan;

/// A publication date and the evidence it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub span: TimeSpan,
    /// "json-ld", "opengraph", "meta", "time-element", "url" or "dateline"; for plain text also
    /// "date-line" and "last-updated" ([`from_text`]).
    pub from: &'static str,
}

/// What the `<head>` and markup of a page say about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub authors: Vec<String>,
    pub canonical_url: Option<String>,
    /// ISO 639-1 code from `<html lang>` or `og:locale`.
    pub language: Option<String>,
    pub published: Option<Published>,
    pub modified: Option<TimeSpan>,
    /// The year of a copyright line ("© 2025"), for datelines that give no year.
    pub year_hint: Option<i32>,
}

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
];

/// `<meta name=…>` (or `property`, `itemprop`) that carry a publication date, best first.
const DATE_META_NAMES: &[&str] = &[
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:published_time",
];

const AUTHOR_META_NAMES: &[&str] = &["author", "article:author", "dc.creator", "parsely-author"];

/// Reads the page's metadata from its parsed DOM (before any content is removed).
pub fn from_html(dom: &Dom) -> PageMeta {
    let mut meta = PageMeta::default();
    let metas = meta_values(dom);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(name, v)| name == k && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let ld = json_ld_article(dom);

    meta.canonical_url = dom
        .select("link[rel~=canonical]")
        .attr("href")
        .map(|h| h.trim().to_owned())
        .filter(|h| h.starts_with("http"))
        .or_else(|| get(&["og:url"]))
        .or_else(|| ld.as_ref().and_then(|v| str_at(v, &["url"])))
        .or_else(|| {
            ld.as_ref()
                .and_then(|v| str_at(v, &["mainEntityOfPage", "@id"]))
        });

    meta.title = ld
        .as_ref()
        .and_then(|v| str_at(v, &["headline"]).or_else(|| str_at(v, &["name"])))
        .or_else(|| get(&["og:title", "twitter:title", "dc.title"]))
        .or_else(|| {
            let t = clean(&dom.select("head title").text());
            (!t.is_empty()).then_some(t)
        });

    meta.site_name = get(&["og:site_name", "application-name"])
        .or_else(|| ld.as_ref().and_then(|v| str_at(v, &["publisher", "name"])));
    // `<title>` often reads "Headline - Outlet": the page's own headline without the suffix is
    // the title, and the suffix names the outlet when nothing else does.
    let headings = [
        clean(&dom.select("h1").first().text()),
        clean(&dom.select("h2").first().text()),
    ];
    if let Some(title) = &meta.title
        && let Some((headline, suffix)) = headings.iter().find_map(|h| split_title_suffix(title, h))
    {
        meta.site_name.get_or_insert(suffix);
        meta.title = Some(headline);
    }

    meta.authors = ld.as_ref().map(json_ld_authors).unwrap_or_default();
    if meta.authors.is_empty() {
        for name in AUTHOR_META_NAMES {
            for (k, v) in &metas {
                // `article:author` is often a profile URL, not a name.
                if k == name && !v.is_empty() && !v.starts_with("http") {
                    push_unique(&mut meta.authors, v);
                }
            }
        }
    }
    if meta.authors.is_empty() {
        for sel in dom
            .select("[rel=author], [itemprop=author] [itemprop=name], .byline__name, .author-name")
            .iter()
        {
            let name = clean(&sel.text());
            if !name.is_empty() && name.chars().count() < 80 {
                push_unique(&mut meta.authors, &name);
            }
        }
    }

    meta.language = dom
        .select("html")
        .attr("lang")
        .and_then(|l| iso639_1(&l))
        .or_else(|| {
            get(&["og:locale", "content-language", "dc.language"]).and_then(|l| iso639_1(&l))
        });

    meta.published = ld
        .as_ref()
        .and_then(|v| str_at(v, &["datePublished"]))
        .and_then(|d| parse_date(&d))
        .map(|span| Published {
            span,
            from: "json-ld",
        })
        .or_else(|| {
            get(&["article:published_time"])
                .and_then(|d| parse_date(&d))
                .map(|span| Published {
                    span,
                    from: "opengraph",
                })
        })
        .or_else(|| {
            DATE_META_NAMES.iter().find_map(|name| {
                metas
                    .iter()
                    .filter(|(k, _)| k == name)
                    .find_map(|(_, v)| parse_date(v))
                    .map(|span| Published { span, from: "meta" })
            })
        })
        .or_else(|| {
            time_element_date(dom).map(|span| Published {
                span,
                from: "time-element",
            })
        })
        .or_else(|| {
            meta.canonical_url
                .as_deref()
                .and_then(date_from_url)
                .map(|span| Published { span, from: "url" })
        });

    meta.modified = ld
        .as_ref()
        .and_then(|v| str_at(v, &["dateModified"]))
        .or_else(|| {
            get(&[
                "article:modified_time",
                "og:updated_time",
                "dcterms.modified",
                "last-modified",
            ])
        })
        .and_then(|d| parse_date(&d));

    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:©|&copy;|\(c\)|Copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d{2})").unwrap()
    });
    meta.year_hint = COPYRIGHT
        .captures(&dom.select("body").text())
        .and_then(|c| c[1].parse().ok());
    meta
}

/// `("Headline", "Outlet")` when `title` is `h1` followed by a separator and a short suffix.
fn split_title_suffix(title: &str, h1: &str) -> Option<(String, String)> {
    if h1.is_empty() || title == h1 {
        return None;
    }
    let rest = title.strip_prefix(h1)?;
    let suffix = [" - ", " | ", " — ", " – ", " :: ", " · "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?
        .trim();
    (!suffix.is_empty() && suffix.split_whitespace().count() <= 6)
        .then(|| (h1.to_owned(), suffix.to_owned()))
}

/// `("Headline", "Outlet")` when `title` ends in a separator and what reads as a name:
/// "Talks resume in Istanbul – The Meridian Review", "Ceasefire holds | Kyiv Post". For
/// formats with no headline to compare against (PDF, DOCX, feeds, mail), so it is strict: the
/// suffix is one to six capitalised words (joined by "of", "the", "&" …), not a section
/// name ("Analysis", "Live"), and the headline keeps at least two words. "Morning briefing —
/// talks resume" stays whole.
pub fn split_outlet_suffix(title: &str) -> Option<(String, String)> {
    const SEPARATORS: [&str; 6] = [" – ", " — ", " | ", " - ", " :: ", " · "];
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, *sep)))
        .max_by_key(|(i, _)| *i)?;
    let (headline, suffix) = (title[..at].trim(), title[at + sep.len()..].trim());
    (reads_as_outlet(suffix) && headline.split_whitespace().count() >= 2)
        .then(|| (headline.to_owned(), suffix.to_owned()))
}

/// Whether `s` reads as an outlet's name: one to six capitalised words (joined by "of", "the",
/// "&" …), no final punctuation, and not a section name ("Analysis", "Live", "World" …).
fn reads_as_outlet(s: &str) -> bool {
    const JOINERS: [&str; 9] = ["of", "the", "and", "&", "de", "la", "du", "for", "on"];
    const SECTIONS: [&str; 14] = [
        "analysis",
        "opinion",
        "live",
        "video",
        "explainer",
        "update",
        "updates",
        "news",
        "world",
        "politics",
        "business",
        "photos",
        "podcast",
        "comment",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    !words.is_empty()
        && words.len() <= 6
        && capitalised(words[0])
        && words
            .iter()
            .all(|w| capitalised(w) || JOINERS.contains(&w.to_lowercase().as_str()))
        && !s.ends_with(['.', '!', '?', ':', ','])
        && !SECTIONS.contains(&s.to_lowercase().as_str())
        // "The Washington Post - May 30, 2010" ends in a date, not an outlet.
        && written_date(s).is_none()
}

/// All `<meta>` name/property/itemprop → content pairs, names lower-cased, in page order.
fn meta_values(dom: &Dom) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in dom.select("meta").iter() {
        let Some(content) = m.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(name) = m.attr(key) {
                out.push((name.trim().to_ascii_lowercase(), clean(&content)));
            }
        }
    }
    // Microdata dates are often on a non-meta element: `<span itemprop=datePublished content=…>`.
    for m in dom.select("[itemprop=datePublished]").iter() {
        if let Some(v) = m.attr("content").or_else(|| m.attr("datetime")) {
            out.push(("datepublished".into(), clean(&v)));
        }
    }
    out
}

/// The first JSON-LD object of an article type, searching arrays and `@graph`; a generic
/// `WebPage` only when no script has an article (Yoast puts the `WebPage` first).
fn json_ld_article(dom: &Dom) -> Option<Value> {
    let mut web_page = None;
    for script in dom.select("script[type='application/ld+json']").iter() {
        let raw = script.text();
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        // Iterative search: JSON-LD nests articles in arrays and @graph, sometimes deeply.
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(ref map) => {
                    match article_rank(map.get("@type")) {
                        Some(ArticleRank::Article) => return Some(v),
                        Some(ArticleRank::WebPage) if web_page.is_none() => {
                            web_page = Some(v.clone());
                        }
                        _ => {}
                    }
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph.clone());
                    }
                }
                _ => {}
            }
        }
    }
    web_page
}

enum ArticleRank {
    Article,
    WebPage,
}

fn article_rank(t: Option<&Value>) -> Option<ArticleRank> {
    let types: Vec<&str> = match t {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let bare: Vec<&str> = types
        .iter()
        .map(|s| {
            s.trim_start_matches("schema:")
                .trim_start_matches("https://schema.org/")
        })
        .collect();
    if bare.iter().any(|s| ARTICLE_TYPES.contains(s)) {
        Some(ArticleRank::Article)
    } else if bare.contains(&"WebPage") {
        Some(ArticleRank::WebPage)
    } else {
        None
    }
}

/// A string at `path` in JSON-LD; arrays give their first string.
fn str_at(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for key in path {
        cur = match cur {
            Value::Array(a) => a.first()?.get(key)?,
            other => other.get(key)?,
        };
    }
    let s = match cur {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.first()?.as_str()?,
        _ => return None,
    };
    let s = clean(s);
    (!s.is_empty()).then_some(s)
}

fn json_ld_authors(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let items = match v.get("author") {
        Some(Value::Array(a)) => a.clone(),
        Some(other) => vec![other.clone()],
        None => return out,
    };
    for item in items {
        let name = match &item {
            Value::String(s) => Some(s.clone()),
            Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        };
        if let Some(n) = name {
            push_unique(&mut out, &clean(&n));
        }
    }
    out
}

fn push_unique(list: &mut Vec<String>, name: &str) {
    let name = name
        .trim()
        .trim_start_matches("By ")
        .trim_start_matches("by ")
        .trim();
    if !name.is_empty() && !list.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        list.push(name.to_owned());
    }
}

fn time_element_date(dom: &Dom) -> Option<TimeSpan> {
    let with_pubdate = dom.select("time[pubdate][datetime]");
    let candidates = if with_pubdate.exists() {
        with_pubdate
    } else {
        dom.select("time[datetime]")
    };
    candidates
        .iter()
        .find_map(|t| t.attr("datetime").and_then(|d| parse_date(&d)))
}

/// White space collapsed and trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `en`, `en-GB`, `en_US`, `eng` → `en`.
fn iso639_1(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 if primary.bytes().all(|b| b.is_ascii_lowercase()) => Some(primary),
        3 => iso639_1_from_3(&primary).map(str::to_owned),
        _ => None,
    }
}

/// Parses the date forms pages use: ISO 8601 (`2025-08-21`, `2025-08-21T09:30:00+03:00`,
/// `20250821`), RFC 2822 (`Thu, 21 Aug 2025 09:30:00 +0000`) and written dates
/// (`August 21, 2025`, `21 Aug 2025`). A time of day gives minute precision, a date alone day
/// precision.
pub fn parse_date(s: &str) -> Option<TimeSpan> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2}))?").unwrap()
    });
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        let date =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        let time = match (c.get(4), c.get(5)) {
            (Some(h), Some(m)) => Some((h.as_str().parse().ok()?, m.as_str().parse().ok()?)),
            _ => None,
        };
        return span_of(date, time);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        let local: NaiveDateTime = dt.naive_local();
        return span_of(
            local.date(),
            Some((
                local.time().format("%H").to_string().parse().ok()?,
                local.time().format("%M").to_string().parse().ok()?,
            )),
        );
    }
    // A written date without a year ("August 21") is no publication date.
    written_date(s)
        .filter(|w| w.has_year)
        .and_then(|w| span_of(w.date, None))
}

fn span_of(date: NaiveDate, time: Option<(u32, u32)>) -> Option<TimeSpan> {
    if !(1800..=2200).contains(&date.year()) {
        return None;
    }
    let value = match time {
        Some((h, m)) if h < 24 && m < 60 => format!("{}T{h:02}:{m:02}", date.format("%Y-%m-%d")),
        _ => date.format("%Y-%m-%d").to_string(),
    };
    TimeSpan::parse(&value, None).ok()
}

/// A day-precision span, as every reader builds one for a date without a time of day.
pub(crate) fn day_span(date: NaiveDate) -> Option<TimeSpan> {
    span_of(date, None)
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let w = if w == "sept" { "sep".to_owned() } else { w };
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .filter(|&i| {
            // "March" but not "Marching": the word is the abbreviation or a prefix of the name.
            crate::model::MONTH_NAMES[i].starts_with(&w)
        })
        .map(|i| i as u32 + 1)
}

/// "Saturday", "Sat", "Sat." (any case).
fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    WEEKDAYS.iter().any(|d| {
        w.starts_with(d) && (w.len() == 3 || (w.ends_with("day") && w.len() <= "wednesday".len()))
    })
}

static MONTH_RE: &str = r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// A written date at the start of a string.
struct Written {
    /// The date; year 2000 when none was written.
    date: NaiveDate,
    has_year: bool,
    /// The word before the date ("Saturday" in "Saturday, 25 April 2009").
    lead: Option<String>,
    /// Byte length of the match in the trimmed string.
    len: usize,
}

/// "August 21, 2025" or "21 August 2025" (year optional, a word such as a weekday before it)
/// at the start of `s`.
fn written_date(s: &str) -> Option<Written> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?:(?P<lead>[A-Za-z]+\.?),?\s+)?(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_RE}))(?:,?\s+(?P<y>\d{{4}}))?\b"
        ))
        .unwrap()
    });
    let c = RE.captures(s.trim())?;
    let month = month_number(c.name("m1").or(c.name("m2"))?.as_str())?;
    let day: u32 = c.name("d1").or(c.name("d2"))?.as_str().parse().ok()?;
    let year: Option<i32> = c.name("y").and_then(|y| y.as_str().parse().ok());
    Some(Written {
        date: NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?,
        has_year: year.is_some(),
        lead: c.name("lead").map(|l| l.as_str().to_owned()),
        len: c.get(0)?.end(),
    })
}

/// A date in a URL path: `/2025/08/21/` (day) or `/2025/08/` (month), also `/2025-08-21/`.
pub fn date_from_url(url: &str) -> Option<TimeSpan> {
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
            .unwrap()
    });
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/").unwrap());
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if let Some(c) = DAY.captures(path) {
        let date =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        return span_of(date, None);
    }
    let c = MONTH.captures(path)?;
    TimeSpan::parse(&format!("{}-{}", &c[1], &c[2]), None).ok()
}

/// How many non-empty lines from the top a dateline, date line or byline may be on
/// (headline, standfirst, byline, date, dateline …).
const HEAD_LINES: usize = 6;

/// The head of an article: its first non-empty lines (trimmed), at most [`HEAD_LINES`],
/// ending with the second line that reads as prose (over 150 characters, or ending like a
/// sentence). Headlines, bylines and date lines are short; a standfirst is one line of
/// prose and the lede opening with its dateline another. A dateline further down belongs
/// to some other story the page quotes or links ("HOUSTON, May 8 (Reuters) --" in a piece
/// from May 14).
fn head_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut prose = 0;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .take_while(move |l| {
            let before = prose;
            if l.chars().count() > 150 || l.ends_with(['.', '!', '?', '"', '”', ':']) {
                prose += 1;
            }
            before < 2
        })
}

/// A news dateline opening a line: `KYIV, Aug 21 (Reuters) —`, `VALMORA, 14 April 2026 –`,
/// `VALMORA (Northwire) -`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The date and whether it names a year (year 2000 when not).
    pub date: Option<(NaiveDate, bool)>,
    /// The outlet or agency in brackets.
    pub outlet: Option<String>,
    /// Byte length of the dateline with its dash and the space after it: where the story
    /// begins in the line.
    pub len: usize,
}

/// The dateline opening `line`, if any. The place starts in capitals (`VALMORA`, `ST.
/// LOUIS`, `HOUSTON/WASHINGTON`, also `HOUSTON\/WASHINGTON` as text that went through JSON
/// escapes it), or is one to three capitalised words followed by an outlet in brackets (`Kyiv (Reuters) –`, `New York (CNN) —`), so that "Nevertheless, April 20 – the
/// day…" and "The Disasters Emergency Committee (DEC) – an umbrella group…" are no datelines.
/// A region may follow the place (`GULF SHORES, Ala.,`). The dateline gives a date, an
/// outlet or both; a date must be all there is between the comma and the dash (or the
/// brackets).
pub fn dateline_at(line: &str) -> Option<Dateline> {
    let (d, shape) = dateline_match(line)?;
    (d.date.is_some() || d.outlet.is_some())
        .then_some(d)
        .filter(|_| shape != PlaceShape::Other)
}

/// How a dateline's place is written: `VALMORA`, `Kyiv` with an outlet after it, or neither.
#[derive(Clone, Copy, Debug, PartialEq)]
enum PlaceShape {
    /// In capitals, the first word at least.
    Shouted,
    /// One to three capitalised words, an outlet in brackets after them.
    Named,
    Other,
}

/// The dateline shape at the start of `line`, whatever it gives.
fn dateline_match(line: &str) -> Option<(Dateline, PlaceShape)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?P<place>\p{Lu}[\p{Lu}\p{L} .'’/\\-]{1,40}?)(?:,\s*[\p{L} .]{2,30})?(?:,\s+(?P<date>[^()—–\n]{3,30}?))?\s*(?:\((?P<outlet>\p{Lu}[\p{L}&.' ]{1,29})\)\s*)?(?:[—–]|--?)(?:\s+|$)",
        )
        .unwrap()
    });
    let c = RE.captures(line)?;
    let outlet = c.name("outlet").map(|o| o.as_str().trim().to_owned());
    let date = c.name("date").and_then(|d| {
        let d = d.as_str().trim_end_matches([',', ' ']);
        if let Ok(iso) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            return Some((iso, true));
        }
        let w = written_date(d).filter(|w| w.len == d.len())?;
        let lead_ok = w.lead.as_deref().is_none_or(is_weekday);
        lead_ok.then_some((w.date, w.has_year))
    });
    let place: Vec<&str> = c["place"].split_whitespace().collect();
    let shape = if place.first().is_some_and(|w| shouted(w)) {
        PlaceShape::Shouted
    } else if outlet.is_some()
        && place.len() <= 3
        && place
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        PlaceShape::Named
    } else {
        PlaceShape::Other
    };
    let len = c.get(0).map_or(0, |m| m.end());
    Some((Dateline { date, outlet, len }, shape))
}

/// A word in capitals: two letters or more, none in lower case.
fn shouted(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// Byte length of what opens `line` before the story's first sentence: a dateline
/// ([`dateline_at`]), also one naming only its place in capitals (`NEW ORLEANS --`, four
/// letters or more, so "BP -- the company" keeps its subject), after a date stamp with a time
/// ("HOUSTON | Thu May 6, 2010 4:07 pm EDT", [`date_line`]) when there is one; a dateline
/// printed twice ("WASHINGTON -- WASHINGTON (AP) --", as some pages carry wire copy) is
/// skipped whole. 0 when nothing opens the line. The statement extractor starts sentences
/// there, so that a dateline is never a speaker.
pub fn dateline_len(line: &str) -> usize {
    let stamp = date_line(line)
        .filter(|d| d.time.is_some() || d.updated.is_some())
        .map_or(0, |d| d.rest);
    let mut skip = stamp;
    for _ in 0..2 {
        let rest = line[skip..].trim_start();
        let Some((d, shape)) = dateline_match(rest) else {
            break;
        };
        let place = rest[..d.len].split(',').next().unwrap_or_default();
        let place_only = place.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && place
                .split_whitespace()
                .all(|w| !w.chars().any(char::is_lowercase));
        if shape == PlaceShape::Other || (d.date.is_none() && d.outlet.is_none() && !place_only) {
            break;
        }
        skip = line.len() - rest.len() + d.len;
    }
    if skip > 0 {
        skip = line.len() - line[skip..].trim_start().len();
    }
    skip
}

/// The first dated dateline in the head of `text` ([`head_lines`]).
fn first_dated_dateline(text: &str) -> Option<(NaiveDate, bool)> {
    head_lines(text).find_map(|l| dateline_at(l)?.date)
}

/// The date of a news dateline opening one of the first lines (see [`dateline_at`] and
/// [`head_lines`]): `KYIV, Aug 21 (Reuters) —`, `WASHINGTON, August 21, 2025 —`, `LONDON, 21
/// August (AFP) -`. Without a year in the dateline, `year_hint` (e.g. the page's copyright
/// year) supplies it; without either, none.
pub fn dateline(text: &str, year_hint: Option<i32>) -> Option<TimeSpan> {
    let (date, has_year) = first_dated_dateline(text)?;
    let year = if has_year { date.year() } else { year_hint? };
    span_of(date.with_year(year)?, None)
}

/// [`dateline`], where a dateline without a year takes the year that puts its day nearest
/// `near` (a date from the file's path): "Dec 31" near 2010-01-02 is 2009-12-31.
pub fn dateline_near(text: &str, near: NaiveDate) -> Option<TimeSpan> {
    let (date, has_year) = first_dated_dateline(text)?;
    if has_year {
        return span_of(date, None);
    }
    let best = (near.year() - 1..=near.year() + 1)
        .filter_map(|y| date.with_year(y))
        .min_by_key(|d| (*d - near).num_days().abs())?;
    span_of(best, None)
}

/// A date line: see [`date_line`].
#[derive(Clone, Debug, PartialEq)]
pub struct DateLine {
    pub date: NaiveDate,
    /// The time of day printed with the date (wall clock; the zone is dropped).
    pub time: Option<(u32, u32)>,
    /// The time of a "Last updated at" stamp after the date.
    pub updated: Option<(u32, u32)>,
    /// Byte offset in the line where the text after the stamp begins.
    pub rest: usize,
}

/// A line that is a date: "Saturday, 25 April 2009", "Tuesday 5 March 2024", "March 5,
/// 2024", "2024-03-05", also after "Published" or "Posted". The year must be there, and
/// nothing else on the line, unless a time of day follows the date: a page's date stamp
/// ("Thu May 6, 2010 4:07 pm EDT", after "HOUSTON | " as Reuters prints it) or a BBC-style
/// "24 June 2010 Last updated at 14:59 GMT" may run on into the story when a page was
/// flattened to text. A "Last updated" stamp tells when the page last changed, which may
/// be after it was published.
pub fn date_line(line: &str) -> Option<DateLine> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:(?:first\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*|date\s*:\s*)")
            .unwrap()
    });
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^,?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*(?i:([ap])\.?m\b\.?)?(?:\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2})\b)?",
        )
        .unwrap()
    });
    static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:last\s+updated)(?:\s+at)?\s*:?\s*(\d{1,2}):(\d{2})(?:\s+[A-Z]{2,4})?\b")
            .unwrap()
    });
    let line = line.trim();
    // "HOUSTON | Thu May 6, 2010 …": a place or section before a bar.
    let start = line
        .find(" | ")
        .filter(|&i| i <= 100)
        .map_or(0, |i| i + " | ".len());
    let after_bar = &line[start..];
    let label = LABEL.find(after_bar).map_or(0, |m| m.end());
    let at = start + label;
    let rest = &line[at..];
    if let Ok(iso) = NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
        return Some(DateLine {
            date: iso,
            time: None,
            updated: None,
            rest: line.len(),
        });
    }
    let w = written_date(rest)?;
    if !w.has_year || !w.lead.as_deref().is_none_or(is_weekday) {
        return None;
    }
    let tail = &rest[w.len..];
    let hour_minute = |c: &regex::Captures| -> Option<(u32, u32)> {
        let (h, m): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        let h = match c.get(3).map(|p| p.as_str().to_ascii_lowercase()) {
            Some(_) if !(1..=12).contains(&h) => return None,
            Some(p) if p == "p" => h % 12 + 12,
            Some(_) => h % 12,
            None => h,
        };
        (h < 24 && m < 60).then_some((h, m))
    };
    if let Some(c) = TIME.captures(tail) {
        let time = hour_minute(&c)?;
        return Some(DateLine {
            date: w.date,
            time: Some(time),
            updated: None,
            rest: at + w.len + c.get(0)?.end(),
        });
    }
    if let Some(c) = UPDATED.captures(tail.trim_start()) {
        let skipped = tail.len() - tail.trim_start().len();
        return Some(DateLine {
            date: w.date,
            time: None,
            updated: Some(hour_minute(&c)?),
            rest: at + w.len + skipped + c.get(0)?.end(),
        });
    }
    tail.trim().is_empty().then_some(DateLine {
        date: w.date,
        time: None,
        updated: None,
        rest: line.len(),
    })
}

/// A byline line: "By Ann Lee", "By Ann Lee and Bo Chan, Northwire", "By ANN LEE | The
/// Meridian Review", "By Richard Black, Environment correspondent". The authors (each two to
/// five words, capitalised but for particles such as "de" or "van"), and the outlet when
/// the part after the names reads as one. What follows the names is at most a few words: a
/// byline run together with the story ("By Finlo Rohrer BBC News, Washington Some experts
/// believe …") gives nothing.
pub fn byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    const SEPARATORS: [&str; 5] = [", ", " | ", " – ", " — ", " - "];
    let line = line.trim();
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?
        .trim();
    let names_in = |s: &str| -> Option<Vec<String>> {
        let names: Vec<String> = s
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .flat_map(|p| p.split(", "))
            .map(|p| p.trim().to_owned())
            .collect();
        names.iter().all(|n| person_name(n)).then_some(names)
    };
    if let Some(names) = names_in(rest) {
        return Some((names, None));
    }
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| rest.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, _)| *i)?;
    let authors = names_in(&rest[..at])?;
    let after = rest[at + sep.len()..].trim();
    if after.split_whitespace().count() > 8 {
        return None;
    }
    Some((authors, reads_as_outlet(after).then(|| after.to_owned())))
}

/// "Ann Lee", "Jean-Luc de la Tour", "ANN LEE", "J. R. Smith": two to five words, each
/// capitalised or a name particle; in capitals throughout or not at all ("David Willis BBC
/// News" is a name and an outlet).
fn person_name(s: &str) -> bool {
    const PARTICLES: [&str; 14] = [
        "de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "ibn", "dos",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    let shouted_count = words.iter().filter(|w| shouted(w)).count();
    (2..=5).contains(&words.len())
        && (shouted_count == 0 || shouted_count == words.len())
        && words.iter().all(|w| {
            PARTICLES.contains(w)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')))
        })
        && words.last().is_some_and(|w| !PARTICLES.contains(w))
}

/// What the first lines of a plain-text or Markdown article say about it: the publication
/// date, the outlet (`site_name`) and the authors.
///
/// The date is the first of a dateline naming a year (`dateline`, [`dateline_at`]) and a
/// date line (`date-line`, [`date_line`]); a "Last updated" stamp gives `modified` and, when
/// nothing better is there, the date (`last-updated`, which a date in the file's path
/// outranks). A dateline without a year gives no date here: the year comes from elsewhere
/// ([`dateline_near`]). The outlet is the first dateline's in brackets (also one right after
/// a date stamp), else a byline's; the authors a byline's. Only the head of the text is read
/// ([`head_lines`]).
pub fn from_text(text: &str) -> PageMeta {
    let mut meta = PageMeta::default();
    let weak = |meta: &PageMeta| {
        meta.published
            .as_ref()
            .is_none_or(|p| p.from == "last-updated")
    };
    for line in head_lines(text) {
        let mut found = dateline_at(line);
        if found.is_none()
            && let Some(d) = date_line(line)
        {
            match (d.time, d.updated) {
                (_, Some(updated)) => {
                    meta.modified = meta.modified.or_else(|| span_of(d.date, Some(updated)));
                    if meta.published.is_none() {
                        meta.published = span_of(d.date, None).map(|span| Published {
                            span,
                            from: "last-updated",
                        });
                    }
                }
                (time, None) if weak(&meta) => {
                    meta.published = span_of(d.date, time).map(|span| Published {
                        span,
                        from: "date-line",
                    });
                }
                _ => {}
            }
            found = dateline_at(line[d.rest..].trim_start());
        }
        if let Some(d) = found {
            if let Some((date, true)) = d.date
                && weak(&meta)
                && let Some(span) = span_of(date, None)
            {
                meta.published = Some(Published {
                    span,
                    from: "dateline",
                });
            }
            if meta.site_name.is_none() {
                meta.site_name = d.outlet;
            }
        } else if meta.authors.is_empty()
            && let Some((authors, outlet)) = byline(line)
        {
            meta.authors = authors;
            if meta.site_name.is_none() {
                meta.site_name = outlet;
            }
        }
    }
    meta
}

/// The language of `text` as an ISO 639-1 code, when whatlang is confident.
pub fn detect_language(text: &str) -> Option<String> {
    // A few thousand characters decide as well as the whole text, and bound the time.
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    iso639_1_from_3(info.lang().code()).map(str::to_owned)
}

/// ISO 639-3 (as whatlang names languages) → ISO 639-1.
fn iso639_1_from_3(code: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("zho", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("fas", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    TABLE
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMeta {
        from_html(&Dom::from(html))
    }

    fn published(html: &str) -> (String, &'static str) {
        let p = meta(html).published.expect("a date");
        (p.span.value.to_string(), p.from)
    }

    #[test]
    fn outlet_suffixes_split_only_when_they_read_as_a_name() {
        let split = |t: &str| split_outlet_suffix(t);
        assert_eq!(
            split("Grain corridor talks resume in Istanbul – The Meridian Review"),
            Some((
                "Grain corridor talks resume in Istanbul".into(),
                "The Meridian Review".into()
            ))
        );
        assert_eq!(
            split("Ceasefire holds | Kyiv Post"),
            Some(("Ceasefire holds".into(), "Kyiv Post".into()))
        );
        assert_eq!(
            split("Port reopens - Bureau of Shipping & Trade"),
            Some(("Port reopens".into(), "Bureau of Shipping & Trade".into()))
        );
        for whole in [
            "A timeline of the attempts to stop the oil | The Post - May 30, 2010",
            "Morning Briefing: Kyiv’s grain corridor — talks resume",
            "Ceasefire holds – Analysis",
            "Kyiv – live",
            "Zelensky – Putin",
            "Talks resume",
            "Talks resume in Istanbul – What We Know So Far About The Deal Today",
        ] {
            assert_eq!(split(whole), None, "{whole}");
        }
    }

    #[test]
    fn date_sources_are_tried_in_order() {
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},{"@type":"WebPage","datePublished":"2025-08-01"},
            {"@type":["NewsArticle"],"headline":"H","datePublished":"2025-08-21T09:30:00+03:00",
             "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}]}]}</script>"#;
        let og = r#"<meta property="article:published_time" content="2025-08-20T18:00:00Z">"#;
        let m = r#"<meta name="pubdate" content="2025-08-19">"#;
        let t = r#"<time datetime="2025-08-18">18 Aug</time>"#;
        let u = r#"<link rel="canonical" href="https://ex.com/world/2025/08/17/story">"#;
        let all = format!("<html><head>{ld}{og}{m}{u}</head><body>{t}</body></html>");
        assert_eq!(published(&all), ("2025-08-21T09:30".into(), "json-ld"));
        let no_ld = format!("<html><head>{og}{m}{u}</head><body>{t}</body></html>");
        assert_eq!(published(&no_ld), ("2025-08-20T18:00".into(), "opengraph"));
        let no_og = format!("<html><head>{m}{u}</head><body>{t}</body></html>");
        assert_eq!(published(&no_og), ("2025-08-19".into(), "meta"));
        let no_meta = format!("<html><head>{u}</head><body>{t}</body></html>");
        assert_eq!(published(&no_meta), ("2025-08-18".into(), "time-element"));
        let url_only = format!("<html><head>{u}</head><body></body></html>");
        assert_eq!(published(&url_only), ("2025-08-17".into(), "url"));
        assert_eq!(meta(&all).authors, ["Ann Lee", "Bo Chan"]);
    }

    #[test]
    fn precision_follows_the_evidence() {
        assert_eq!(
            parse_date("2025-08-21").unwrap().value.to_string(),
            "2025-08-21"
        );
        assert_eq!(
            parse_date("Thu, 21 Aug 2025 07:05:00 +0000")
                .unwrap()
                .value
                .to_string(),
            "2025-08-21T07:05"
        );
        assert_eq!(
            parse_date("August 21, 2025").unwrap().value.to_string(),
            "2025-08-21"
        );
        assert_eq!(
            date_from_url("https://x.org/2025/08/slug")
                .unwrap()
                .value
                .to_string(),
            "2025-08"
        );
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("soon").is_none());
        assert!(date_from_url("https://x.org/2025/13/01/slug").is_none());
    }

    #[test]
    fn datelines_need_a_year_from_somewhere() {
        let text = "KYIV, Aug 21 (Reuters) — Ukraine said on Thursday …\n\nMore.";
        assert_eq!(
            dateline(text, Some(2025)).unwrap().value.to_string(),
            "2025-08-21"
        );
        assert!(dateline(text, None).is_none());
        let with_year = "WASHINGTON, August 20, 2025 — The Senate voted.";
        assert_eq!(
            dateline(with_year, None).unwrap().value.to_string(),
            "2025-08-20"
        );
        assert!(dateline("The minister said on Aug 21 — nothing.", Some(2025)).is_none());
    }

    fn day(span: Option<TimeSpan>) -> Option<String> {
        span.map(|s| s.value.to_string())
    }

    #[test]
    fn dateline_forms() {
        let d = dateline_at("VALMORA, 14 April 2026 – The council said it would vote.").unwrap();
        assert_eq!(
            d.date,
            NaiveDate::from_ymd_opt(2026, 4, 14).map(|d| (d, true))
        );
        assert_eq!(d.outlet, None);
        assert_eq!(d.len, "VALMORA, 14 April 2026 – ".len());
        let d = dateline_at("VALMORA, April 16, 2026 — Officials said").unwrap();
        assert_eq!(
            d.date,
            NaiveDate::from_ymd_opt(2026, 4, 16).map(|d| (d, true))
        );
        let d = dateline_at("VALMORA (Northwire) - The council said").unwrap();
        assert_eq!((d.date, d.outlet.as_deref()), (None, Some("Northwire")));
        assert_eq!(d.len, "VALMORA (Northwire) - ".len());
        let d = dateline_at("VALMORA, March 4 (Northwire) - Officials said").unwrap();
        assert_eq!(
            d.date,
            NaiveDate::from_ymd_opt(2000, 3, 4).map(|d| (d, false))
        );
        assert_eq!(d.outlet.as_deref(), Some("Northwire"));
        let d = dateline_at("GULF SHORES, Ala., Saturday, April 25, 2009 -- Crews said").unwrap();
        assert_eq!(
            d.date,
            NaiveDate::from_ymd_opt(2009, 4, 25).map(|d| (d, true))
        );
        let d = dateline_at("Kyiv, Aug. 21 (Reuters) – Ukraine said").unwrap();
        assert_eq!(d.outlet.as_deref(), Some("Reuters"));
        let d = dateline_at("New York (CNN) — Officials said").unwrap();
        assert_eq!((d.date, d.outlet.as_deref()), (None, Some("CNN")));
        let d = dateline_at("HOUSTON/WASHINGTON, May 8 (Northwire) -- A cloud of gas").unwrap();
        assert_eq!(
            d.date,
            NaiveDate::from_ymd_opt(2000, 5, 8).map(|d| (d, false))
        );
        let d = dateline_at(r"HOUSTON\/VENICE, Louisiana (Northwire) - BP said").unwrap();
        assert_eq!((d.date, d.outlet.as_deref()), (None, Some("Northwire")));
        for not in [
            // A subject with an acronym, then an aside.
            "The Disasters Emergency Committee (DEC) - the umbrella group - launched an appeal.",
            // A place alone dates nothing.
            "HOUSTON -- Interior Secretary Ken Salazar said Sunday",
            // Not in capitals and no agency: a sentence, not a dateline.
            "Nevertheless, April 20 - the day of the blast - changed everything.",
            "Then, on March 4 – the council met.",
            // More than a date between the comma and the dash.
            "VALMORA, 14 April 2026 at noon – The council met.",
            "VALMORA, Saturday – The council met.",
        ] {
            assert_eq!(dateline_at(not), None, "{not}");
        }
    }

    #[test]
    fn where_the_story_starts_after_a_dateline() {
        let lede = |l: &'static str| &l[dateline_len(l)..];
        assert_eq!(
            lede("VALMORA, March 4 (Northwire) - Officials said"),
            "Officials said"
        );
        assert_eq!(lede("NEW ORLEANS -- Rescuers said"), "Rescuers said");
        assert_eq!(
            lede("WASHINGTON -- WASHINGTON (AP) -- BP's top lobbyist said"),
            "BP's top lobbyist said"
        );
        assert_eq!(
            lede("BARATARIA BAY, La. -- The executive said"),
            "The executive said"
        );
        assert_eq!(
            lede("HOUSTON | Thu May 6, 2010 4:07 pm EDT HOUSTON (Reuters) - Phone lines rang."),
            "Phone lines rang."
        );
        assert_eq!(
            lede("24 June 2010 Last updated at 14:59 GMT A year on, fans gathered."),
            "A year on, fans gathered."
        );
        for whole in [
            "BP -- the company -- said it would pay.",
            "Officials said the harbour would stay shut.",
            "Saturday, 25 April 2009",
            "The Disasters Emergency Committee (DEC) - the umbrella group - said so.",
        ] {
            assert_eq!(lede(whole), whole);
        }
    }

    #[test]
    fn a_yearless_dateline_takes_the_nearest_year() {
        let text = "Harbour shut\n\nVALMORA, Dec 31 (Northwire) - The port closed.";
        let near = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            day(dateline_near(text, near(2010, 1, 2))).as_deref(),
            Some("2009-12-31")
        );
        assert_eq!(
            day(dateline_near(text, near(2009, 12, 20))).as_deref(),
            Some("2009-12-31")
        );
        assert_eq!(dateline(text, None), None);
        let with_year = "VALMORA, 14 April 2026 – The council met.";
        assert_eq!(
            day(dateline_near(with_year, near(2009, 4, 25))).as_deref(),
            Some("2026-04-14")
        );
    }

    #[test]
    fn date_lines_are_a_date_and_nothing_else() {
        // (date, time, updated, what follows the stamp)
        let dl = |l: &'static str| {
            date_line(l).map(|d| {
                (
                    d.date.to_string(),
                    d.time,
                    d.updated,
                    l[d.rest..].trim().to_owned(),
                )
            })
        };
        let date = |s: &str| Some((s.to_owned(), None, None, String::new()));
        assert_eq!(dl("Saturday, 25 April 2009"), date("2009-04-25"));
        assert_eq!(dl("Tuesday 5 March 2024"), date("2024-03-05"));
        assert_eq!(dl("March 5, 2024"), date("2024-03-05"));
        assert_eq!(dl("Published: 5 March 2024"), date("2024-03-05"));
        assert_eq!(dl("2024-03-05"), date("2024-03-05"));
        assert_eq!(
            dl("24 June 2010 Last updated at 14:59 GMT"),
            Some(("2010-06-24".into(), None, Some((14, 59)), String::new()))
        );
        // A date stamp with a time may run on into the story.
        assert_eq!(
            dl("HOUSTON | Thu May 6, 2010 4:07 pm EDT HOUSTON (Northwire) - Phone lines rang."),
            Some((
                "2010-05-06".into(),
                Some((16, 7)),
                None,
                "HOUSTON (Northwire) - Phone lines rang.".into()
            ))
        );
        assert_eq!(
            dl("5 March 2024, 09:30"),
            Some(("2024-03-05".into(), Some((9, 30)), None, String::new()))
        );
        for not in [
            "March 5",
            "On 25 April 2009 the rig exploded.",
            "25 April 2009 was a Saturday.",
            "June 25, 2009.",
            "Tomorrow, 25 April 2009",
            "Saturday, 31 April 2009",
            "5 March 2024 13:30 pm",
        ] {
            assert_eq!(dl(not), None, "{not}");
        }
    }

    #[test]
    fn bylines_give_authors_and_an_outlet() {
        let by = |l: &str| byline(l).map(|(a, o)| (a.join("; "), o));
        assert_eq!(by("By Ann Lee"), Some(("Ann Lee".into(), None)));
        assert_eq!(
            by("By Ann Lee, Northwire"),
            Some(("Ann Lee".into(), Some("Northwire".into())))
        );
        assert_eq!(
            by("By Ann Lee and Jean-Luc de la Tour | The Meridian Review"),
            Some((
                "Ann Lee; Jean-Luc de la Tour".into(),
                Some("The Meridian Review".into())
            ))
        );
        assert_eq!(
            by("By Ann Lee, Bo Chan and Cy Dee"),
            Some(("Ann Lee; Bo Chan; Cy Dee".into(), None))
        );
        assert_eq!(
            by("By Richard Black, Environment correspondent"),
            Some(("Richard Black".into(), None))
        );
        assert_eq!(
            by("By ANN LEE | The Meridian Review"),
            Some(("ANN LEE".into(), Some("The Meridian Review".into())))
        );
        for not in [
            // A byline run together with a caption and the story.
            "By Finlo Rohrer BBC News, Washington Some experts believe high winds could help",
            "By 0300 on Monday this was interpreted to mean an earthquake was imminent.",
            "By offloading its stake, BP will raise $7bn.",
            "By Reuters",
            "Bylines are rare.",
        ] {
            assert_eq!(by(not), None, "{not}");
        }
    }

    #[test]
    fn the_first_lines_of_plain_text() {
        let meta = from_text(
            "Port reopens\nBy Ann Lee, Northwire\nTuesday 5 March 2024\n\nThe port said on 1 March 2024 …",
        );
        let p = meta.published.unwrap();
        assert_eq!(
            (p.span.value.to_string(), p.from),
            ("2024-03-05".into(), "date-line")
        );
        assert_eq!(meta.authors, ["Ann Lee"]);
        assert_eq!(meta.site_name.as_deref(), Some("Northwire"));
        // A "Last updated" stamp is the modification time; a dateline outranks it.
        let meta = from_text(
            "24 June 2010 Last updated at 14:59 GMT\nLONDON, 23 June 2010 (Northwire) – Fans gathered.",
        );
        let p = meta.published.unwrap();
        assert_eq!(
            (p.span.value.to_string(), p.from),
            ("2010-06-23".into(), "dateline")
        );
        assert_eq!(day(meta.modified).as_deref(), Some("2010-06-24T14:59"));
        assert_eq!(meta.site_name.as_deref(), Some("Northwire"));
        let p = from_text("24 June 2010 Last updated at 14:59 GMT\nFans gathered.")
            .published
            .unwrap();
        assert_eq!(
            (p.span.value.to_string(), p.from),
            ("2010-06-24".into(), "last-updated")
        );
        // A date stamp, then the dateline in the same line: date and time from the stamp.
        let meta = from_text(
            "HOUSTON | Thu May 6, 2010 4:07 pm EDT HOUSTON (Northwire) - Phone lines rang.",
        );
        let p = meta.published.unwrap();
        assert_eq!(
            (p.span.value.to_string(), p.from),
            ("2010-05-06T16:07".into(), "date-line")
        );
        assert_eq!(meta.site_name.as_deref(), Some("Northwire"));
        // Dates further down, or inside a sentence, are not the article's.
        let meta = from_text("Rig\nOne.\nTwo.\nThree.\nFour.\nFive.\nMarch 5, 2024");
        assert_eq!(meta.published, None);
        // After two lines of prose the head is over: this dateline is another story's.
        let quoted = "BP geared up for its latest attempt on Thursday.\nThe company said so.\n\
            HOUSTON, May 8, 2010 (Northwire) -- A gas cloud enveloped the rig.";
        assert_eq!(from_text(quoted), PageMeta::default());
        assert_eq!(dateline(quoted, Some(2010)), None);
    }

    #[test]
    fn a_written_date_needs_its_year_to_be_a_publication_date() {
        assert_eq!(parse_date("August 21"), None);
        assert_eq!(
            day(parse_date("Thursday, August 21, 2025")).as_deref(),
            Some("2025-08-21")
        );
    }

    #[test]
    fn languages_are_iso_639_1() {
        assert_eq!(
            meta(r#"<html lang="en-GB"><body></body></html>"#)
                .language
                .as_deref(),
            Some("en")
        );
        assert_eq!(
            detect_language(
                "Президент заявив журналістам, що переговори триватимуть наступного тижня у Києві."
            )
            .as_deref(),
            Some("uk")
        );
        assert_eq!(detect_language("12 34"), None);
    }
}
