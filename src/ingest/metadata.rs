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
    /// "json-ld", "opengraph", "meta", "time-element", "url" or "dateline".
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
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, *sep)))
        .max_by_key(|(i, _)| *i)?;
    let (headline, suffix) = (title[..at].trim(), title[at + sep.len()..].trim());
    let words: Vec<&str> = suffix.split_whitespace().collect();
    let capitalised = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let name_like = !words.is_empty()
        && words.len() <= 6
        && capitalised(words[0])
        && words
            .iter()
            .all(|w| capitalised(w) || JOINERS.contains(&w.to_lowercase().as_str()))
        && !suffix.ends_with(['.', '!', '?', ':', ','])
        && !SECTIONS.contains(&suffix.to_lowercase().as_str());
    (name_like && headline.split_whitespace().count() >= 2)
        .then(|| (headline.to_owned(), suffix.to_owned()))
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
    written_date(s).and_then(|(d, _)| span_of(d, None))
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

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

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

static MONTH_RE: &str = r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// "August 21, 2025" or "21 August 2025" (year optional) at the start of `s`: the date
/// (year 1 when none) and whether a year was given.
fn written_date(s: &str) -> Option<(NaiveDate, bool)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?:[A-Za-z]+,?\s+)?(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE}))(?:,?\s+(?P<y>\d{{4}}))?\b"
        ))
        .unwrap()
    });
    let c = RE.captures(s.trim())?;
    let month = month_number(c.name("m1").or(c.name("m2"))?.as_str())?;
    let day: u32 = c.name("d1").or(c.name("d2"))?.as_str().parse().ok()?;
    let year: Option<i32> = c.name("y").and_then(|y| y.as_str().parse().ok());
    Some((
        NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?,
        year.is_some(),
    ))
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

/// A news dateline opening one of the first paragraphs: `KYIV, Aug 21 (Reuters) —`,
/// `WASHINGTON, August 21, 2025 —`, `LONDON, 21 August (AFP) -`. Without a year in the
/// dateline, `year_hint` (e.g. the page's copyright year) supplies it; without either, none.
pub fn dateline(text: &str, year_hint: Option<i32>) -> Option<TimeSpan> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\p{Lu}[\p{Lu}\p{L} .'’-]{1,40}(?:,\s*[\p{L} .]{2,30})?,\s+(?P<date>[^()—–\n]{3,30}?)\s*(?:\([A-Za-z .]{2,30}\)\s*)?[—–-]",
        )
        .unwrap()
    });
    for para in text.split("\n\n").take(3) {
        let Some(c) = RE.captures(para.trim_start()) else {
            continue;
        };
        let Some((date, has_year)) = written_date(&c["date"]) else {
            continue;
        };
        let year = if has_year { date.year() } else { year_hint? };
        return span_of(date.with_year(year)?, None);
    }
    None
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
