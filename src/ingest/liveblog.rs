//! Live blogs: pages whose main content is a list of timestamped updates.
//!
//! Readability would keep one update, or mash them together with nothing to say when each
//! was written. A live blog is read instead as one source whose updates follow one another
//! in page order, each an [`AnchorKind::Update`] anchor carrying its own time: the extractor
//! resolves "this morning" in a 14:32 update against that update's day and dates statements
//! in it by it.
//!
//! Two ways a page shows its updates, tried in this order:
//! 1. **Markup**: at least three sibling blocks (`<article>`, `<li>`, `<div>` …) that hold one
//!    `<time datetime>` each: the update's own words, embedded posts included.
//! 2. **JSON-LD**: a `LiveBlogPosting` whose `liveBlogUpdate`s have an `articleBody`.
//!
//! Times keep the publisher's wall clock, as every other date in Claimline. Many sites write
//! `datetime` in UTC and show local time ("00:15 EEST"); where the shown time differs from the
//! attribute's by a whole number of quarter hours, the shown one is the wall clock, so that an
//! update posted after midnight in Kyiv belongs to the next day there.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike as _, Duration, NaiveDateTime, Timelike as _};
use dom_query::{Document as Dom, NodeRef, Selection};
use regex::Regex;
use serde_json::Value;

use crate::model::{
    AnchorKind, CalendarValue, CharRange, Precision, TextAnchor, TimeSpan, TimexValue,
};

/// Fewer sibling blocks with times than this is an article with a few dates, not a live blog.
const MIN_UPDATES: usize = 3;

/// One update of a live blog, before it is laid out as text.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub time: NaiveDateTime,
    /// The time as the page shows it ("14:32 BST"), or the `datePublished` it came from.
    pub label: String,
    /// The update's text, paragraphs separated by blank lines.
    pub text: String,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// The updates of a page from its markup; `None` when it is not a live blog.
/// `block_text` turns an element into paragraph text (the HTML reader's own).
pub fn updates_from_markup(dom: &Dom, block_text: impl Fn(&Dom) -> String) -> Option<LiveBlog> {
    let times: Vec<NodeRef> = dom.select(STAMPS).nodes().to_vec();
    if times.len() < MIN_UPDATES {
        return None;
    }
    let count = |n: &NodeRef| Selection::from(*n).select(STAMPS).length();
    // Each stamp's block: its widest ancestor holding no other stamp.
    let mut blocks: Vec<(NodeRef, NodeRef)> = Vec::new();
    for t in &times {
        let mut block = *t;
        while let Some(parent) = block.parent() {
            let name = parent
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if !parent.is_element()
                || matches!(name.as_str(), "body" | "html")
                || count(&parent) > 1
            {
                break;
            }
            block = parent;
        }
        blocks.push((block, *t));
    }
    // The updates are the largest set of sibling blocks.
    let mut by_parent: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, (b, _)) in blocks.iter().enumerate() {
        if let Some(p) = b.parent() {
            by_parent.entry(p.id).or_default().push(i);
        }
    }
    let group = by_parent
        .into_values()
        .max_by_key(|g| (g.len(), std::cmp::Reverse(g[0])))?;
    if group.len() < MIN_UPDATES {
        return None;
    }
    let group_first = group[0];
    let mut updates = Vec::new();
    for i in group {
        let (block, stamp) = &blocks[i];
        let Some((t, label)) = stamp_time(stamp, block) else {
            continue;
        };
        let text = block_text(&block.to_fragment());
        if text.trim().is_empty() {
            continue;
        }
        let sel = Selection::from(*block);
        let author = [
            "[rel=author]",
            "[itemprop=author]",
            "[class*=author]",
            "[class*=byline]",
        ]
        .iter()
        .find_map(|s| {
            let t = clean(&sel.select(s).first().text());
            (!t.is_empty() && t.split_whitespace().count() <= 8).then_some(t)
        })
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .to_owned()
        });
        let url = sel
            .select("a[href*='#'], a[href*='/live/'], a[href*='postid'], a[href*='block-']")
            .iter()
            .find_map(|a| a.attr("href").map(|h| h.to_string()));
        updates.push(Update {
            time: t,
            label,
            text,
            author,
            url,
        });
    }
    if updates.len() < MIN_UPDATES {
        return None;
    }
    let container = blocks[group_first].0.parent()?;
    Some(LiveBlog {
        preamble: preamble(&container, &block_text),
        updates,
    })
}

/// Elements that stamp an update: `<time datetime>`, or the epoch seconds of live-blog
/// plugins (`data-timestamp`, WordPress's liveblog among them).
const STAMPS: &str = "time[datetime], [data-timestamp]";

/// The wall-clock time of a stamp and the words that show it.
fn stamp_time(stamp: &NodeRef, block: &NodeRef) -> Option<(NaiveDateTime, String)> {
    if let Some(attr) = stamp.attr("datetime") {
        // The time the page shows: inside the `<time>`, or beside it when the `<time>` shows
        // a relative label ("1d ago") and a sibling the clock ("17.45 BST").
        let own = clean(&stamp.text());
        let shown = if CLOCK.is_match(&own) {
            own
        } else {
            Selection::from(*block)
                .select("[class*=time], [class*=date]")
                .iter()
                .map(|n| clean(&n.text()))
                .find(|t| CLOCK.is_match(t) && t.len() < 40)
                .unwrap_or(own)
        };
        // Updates are stamped to the minute; a list of dates is a chronology, not a blog.
        if super::metadata::parse_date(&attr).is_none_or(|d| d.precision < Precision::Minute) {
            return None;
        }
        let t = update_time(&attr, &shown)?;
        return Some((
            t,
            if shown.is_empty() {
                attr.to_string()
            } else {
                shown
            },
        ));
    }
    let raw: i64 = stamp.attr("data-timestamp")?.trim().parse().ok()?;
    // Seconds, or milliseconds from JavaScript.
    let secs = if raw > 100_000_000_000 {
        raw / 1000
    } else {
        raw
    };
    let utc = chrono::DateTime::from_timestamp(secs, 0)?.naive_utc();
    // The clock time the block shows ("Aug 20 at 4:52pm") is the newsroom's wall clock.
    let block_sel = Selection::from(*block);
    let shown = ["[class*=time]", "[class*=date]"]
        .iter()
        .map(|s| clean(&block_sel.select(s).first().text()))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    Some((shown_wall_clock(utc, &shown), shown))
}

/// Fewer updates than this, told apart only by the times they show, is not a blog.
const MIN_SHOWN_UPDATES: usize = 4;
/// Updates this short on average are a schedule ("09:00 Registration"), not reporting.
const MIN_WORDS_PER_UPDATE: usize = 8;

/// A clock time anywhere in a text ("at 4:12 PM", "17.45 BST").
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?").expect("clock regex")
});

static CLOCK_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?(?:\s+(?-i:[A-Z]{2,5})\b)?(?:\s|$|[:,–—-])",
    )
    .expect("clock start regex")
});

/// The first `n` characters of a node's text, whitespace collapsed, read no further.
fn leading_text(node: &NodeRef, n: usize) -> String {
    let mut out = String::new();
    for d in node.descendants_it() {
        if d.is_text() {
            // Separate nodes are separate words here: "<span>9.45pm</span><p>Counting".
            out.push(' ');
            out.push_str(&d.text());
            if out.len() >= n * 2 {
                break;
            }
        }
    }
    clean(&out).chars().take(n).collect()
}

/// A clock time opening `lead` ("14:32", "9.45pm", "00:15 EEST") as (hour, minute, words).
fn clock_start(lead: &str) -> Option<(u32, u32, String)> {
    let c = CLOCK_START.captures(lead)?;
    let (h, m) = clock_of(&c)?;
    let words = c[0].trim_end_matches([' ', ':', ',', '–', '—', '-']);
    Some((h, m, words.to_owned()))
}

/// Hour and minute of a [`CLOCK`] or [`CLOCK_START`] match on the 24-hour clock; `None` for
/// what no clock shows ("25:10", "13.05pm").
fn clock_of(c: &regex::Captures) -> Option<(u32, u32)> {
    let (mut h, m): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    match c.get(3).map(|x| x.as_str().to_ascii_lowercase()) {
        Some(x) if x.starts_with('p') && (1..12).contains(&h) => h += 12,
        Some(x) if x.starts_with('a') && h == 12 => h = 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => {}
    }
    (h < 24 && m < 60).then_some((h, m))
}

/// A short block that names a day ("Wednesday 20 August", "21 August 2025").
fn day_heading(lead: &str, year: i32) -> Option<chrono::NaiveDate> {
    if lead.split_whitespace().count() > 6 {
        return None;
    }
    let with_year = if lead.chars().any(|c| c.is_ascii_digit()) && !lead.contains(&year.to_string())
    {
        format!("{lead} {year}")
    } else {
        lead.to_owned()
    };
    let span = super::metadata::parse_date(&with_year)?;
    (span.precision == Precision::Day).then(|| span.start.date())
}

/// The updates of a page that marks them only by the clock time each opens with ("14:32
/// Kharkiv's mayor said …"), in cards or as flat paragraphs, with day headings between them or
/// none: days then follow from `published` and the order of the times (newest first or
/// oldest first), a new day wherever the clock runs back past midnight.
pub fn updates_from_shown_times(
    dom: &Dom,
    published: Option<NaiveDateTime>,
    block_text: impl Fn(&Dom) -> String,
) -> Option<LiveBlog> {
    // The container whose children most often open with a clock time.
    let mut best: Option<(usize, NodeRef)> = None;
    for parent in dom.select("body *").nodes() {
        let children = parent.element_children();
        if children.len() < MIN_SHOWN_UPDATES {
            continue;
        }
        let n = children
            .iter()
            .filter(|c| clock_start(&leading_text(c, 24)).is_some())
            .count();
        if n >= MIN_SHOWN_UPDATES && best.as_ref().is_none_or(|(b, _)| n > *b) {
            best = Some((n, *parent));
        }
    }
    let (_, parent) = best?;
    let year = published.map_or_else(|| chrono::Utc::now().year(), |p| p.year());
    // (heading day, clock, words, text) per update, in page order.
    struct Raw {
        day: Option<chrono::NaiveDate>,
        clock: (u32, u32),
        label: String,
        parts: Vec<String>,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut heading: Option<chrono::NaiveDate> = None;
    let mut pending_heading: Option<String> = None;
    for child in parent.element_children() {
        let lead = leading_text(&child, 40);
        if let Some((h, m, label)) = clock_start(&lead) {
            let mut parts: Vec<String> = pending_heading.take().into_iter().collect();
            parts.push(block_text(&child.to_fragment()));
            raws.push(Raw {
                day: heading,
                clock: (h, m),
                label,
                parts,
            });
        } else if let Some(day) = day_heading(&lead, year) {
            heading = Some(day);
            // The heading's words stay, at the head of the day's first update.
            pending_heading = Some(block_text(&child.to_fragment()));
        } else if let Some(last) = raws.last_mut() {
            last.parts.push(block_text(&child.to_fragment()));
        }
    }
    let words: usize = raws
        .iter()
        .flat_map(|r| &r.parts)
        .map(|p| p.split_whitespace().count())
        .sum();
    if raws.len() < MIN_SHOWN_UPDATES || words < MIN_WORDS_PER_UPDATE * raws.len() {
        return None;
    }
    // Day offsets from the clock running back (newest first) or forward (oldest first).
    let minutes: Vec<u32> = raws.iter().map(|r| r.clock.0 * 60 + r.clock.1).collect();
    let falls = minutes.windows(2).filter(|w| w[1] < w[0]).count();
    let newest_first = falls * 2 > minutes.len() - 1;
    let mut offsets = vec![0i64; raws.len()];
    for i in 1..raws.len() {
        let wrapped = if newest_first {
            minutes[i] > minutes[i - 1]
        } else {
            minutes[i] < minutes[i - 1]
        };
        offsets[i] = offsets[i - 1] + i64::from(wrapped) * if newest_first { -1 } else { 1 };
    }
    // The oldest update is on the day the blog was published, unless headings say otherwise.
    let oldest = if newest_first { raws.len() - 1 } else { 0 };
    let base = published?.date() - Duration::days(offsets[oldest]);
    let mut updates = Vec::new();
    for (r, off) in raws.into_iter().zip(offsets) {
        let day = r.day.unwrap_or(base + Duration::days(off));
        let Some(time) = day.and_hms_opt(r.clock.0, r.clock.1, 0) else {
            continue;
        };
        let text = r
            .parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        updates.push(Update {
            time,
            label: r.label,
            text,
            author: None,
            url: None,
        });
    }
    Some(LiveBlog {
        preamble: preamble(&parent, &block_text),
        updates,
    })
}

/// The updates of a `LiveBlogPosting` in the page's JSON-LD that carry their text.
pub fn updates_from_json_ld(dom: &Dom) -> Option<LiveBlog> {
    for script in dom.select("script[type='application/ld+json']").iter() {
        let raw = script.text();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let is_live = match map.get("@type") {
                        Some(Value::String(t)) => t == "LiveBlogPosting",
                        Some(Value::Array(ts)) => ts.iter().any(|t| t == "LiveBlogPosting"),
                        _ => false,
                    };
                    if is_live && let Some(list) = map.get("liveBlogUpdate") {
                        let items: Vec<&Value> = match list {
                            Value::Array(a) => a.iter().collect(),
                            one => vec![one],
                        };
                        let updates: Vec<Update> =
                            items.into_iter().filter_map(json_ld_update).collect();
                        if updates.len() >= 2 {
                            return Some(LiveBlog {
                                preamble: String::new(),
                                updates,
                            });
                        }
                    }
                    if let Some(g) = map.get("@graph") {
                        stack.push(g);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn json_ld_update(v: &Value) -> Option<Update> {
    let s = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(|t| t.trim().to_owned())
    };
    let published = s("datePublished")?;
    let time = update_time(&published, "")?;
    let body = s("articleBody").filter(|b| !b.is_empty())?;
    let text = match s("headline").filter(|h| !h.is_empty() && !body.starts_with(h.as_str())) {
        Some(h) => format!("{h}\n\n{body}"),
        None => body,
    };
    let author = match v.get("author") {
        Some(Value::Object(a)) => a.get("name").and_then(Value::as_str).map(clean),
        Some(Value::Array(a)) => a
            .first()
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
            .map(clean),
        Some(Value::String(a)) => Some(clean(a)),
        _ => None,
    };
    Some(Update {
        time,
        label: published,
        text: super::text::normalize(&text),
        author,
        url: s("url"),
    })
}

/// An update's wall-clock time from its `datetime` and the time the page shows beside it.
pub fn update_time(datetime: &str, shown: &str) -> Option<NaiveDateTime> {
    let span = super::metadata::parse_date(datetime)?;
    let wall = span.start;
    if span.precision < Precision::Minute {
        return Some(wall);
    }
    let attr = datetime.trim();
    let utc = attr.ends_with('Z') || attr.ends_with("+00:00") || attr.ends_with("+0000");
    Some(if utc {
        shown_wall_clock(wall, shown)
    } else {
        wall
    })
}

/// `utc` moved to the clock time `shown` gives ("00:15 EEST", "4:12 PM") when the two are a
/// zone offset apart (whole quarter hours within ±14 h); else `utc` unchanged.
pub fn shown_wall_clock(utc: NaiveDateTime, shown: &str) -> NaiveDateTime {
    let Some(c) = CLOCK.captures(shown) else {
        return utc;
    };
    let Some((h, m)) = clock_of(&c) else {
        return utc;
    };
    let shown_min = i64::from(h * 60 + m);
    let utc_min = i64::from(utc.hour()) * 60 + i64::from(utc.minute());
    let mut delta = (shown_min - utc_min).rem_euclid(24 * 60);
    if delta > 12 * 60 {
        delta -= 24 * 60;
    }
    if delta % 15 == 0 && delta.abs() <= 14 * 60 {
        utc + Duration::minutes(delta)
    } else {
        utc
    }
}

/// A live blog: what stands above its updates (a standfirst), then the updates.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveBlog {
    pub preamble: String,
    pub updates: Vec<Update>,
}

/// What the page's article says before the updates' `container`: the standfirst or summary
/// above them, without the headline (the title) and without link lists (key events, tables
/// of contents), which repeat the updates.
fn preamble(container: &NodeRef, block_text: &impl Fn(&Dom) -> String) -> String {
    let is_article = |n: &NodeRef| {
        n.node_name()
            .is_some_and(|name| matches!(name.to_ascii_lowercase().as_str(), "article" | "main"))
    };
    let mut chain = vec![*container];
    let mut at = *container;
    while !is_article(&at) {
        match at.parent() {
            Some(p) if p.is_element() => {
                chain.push(p);
                at = p;
            }
            _ => return String::new(),
        }
    }
    let mut parts = Vec::new();
    // Walking down from the article: every element before the chain's next link.
    for pair in chain.windows(2).rev() {
        let (inner, outer) = (pair[0], pair[1]);
        for child in outer.element_children() {
            if child.id == inner.id {
                break;
            }
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if name == "h1" {
                continue;
            }
            let text = clean(&child.text());
            let link_text: usize = Selection::from(child)
                .select("a")
                .iter()
                .map(|a| clean(&a.text()).len())
                .sum();
            if text.is_empty() || link_text * 2 > text.len() {
                continue;
            }
            let t = block_text(&child.to_fragment());
            if !t.trim().is_empty() {
                parts.push(t.trim().to_owned());
            }
        }
    }
    parts.join("\n\n")
}

/// Lays the blog out as one text, a blank line between updates, and an anchor per update.
pub fn assemble(blog: &LiveBlog) -> (String, Vec<TextAnchor>) {
    let mut text = blog.preamble.trim().to_owned();
    let mut chars = text.chars().count();
    let mut anchors = Vec::new();
    for u in &blog.updates {
        let body = u.text.trim();
        if body.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        let n = body.chars().count();
        text.push_str(body);
        let Ok(time) = TimeSpan::from_value(
            TimexValue::Calendar(CalendarValue::at(u.time, Precision::Minute)),
            None,
        ) else {
            chars += n;
            continue;
        };
        anchors.push(TextAnchor {
            kind: AnchorKind::Update,
            range: CharRange::new(chars, chars + n),
            time,
            label: u.label.clone(),
            author: u.author.clone(),
            handle: None,
            platform: None,
            url: u.url.clone(),
        });
        chars += n;
    }
    (text, anchors)
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn shown_local_time_wins_over_a_utc_attribute() {
        // Kyiv summer time is UTC+3: 21:15Z is a quarter past midnight the next day there.
        assert_eq!(
            update_time("2025-08-20T21:15:00Z", "00:15 EEST"),
            Some(at("2025-08-21T00:15"))
        );
        assert_eq!(
            update_time("2025-08-20T13:32:00+00:00", "2.32pm BST"),
            Some(at("2025-08-20T14:32"))
        );
        // An attribute with its own offset is the wall clock already.
        assert_eq!(
            update_time("2025-08-20T23:40:00+03:00", "23:40"),
            Some(at("2025-08-20T23:40"))
        );
        // A shown time that is no zone offset away (a typo, another clock) is ignored.
        assert_eq!(
            update_time("2025-08-20T21:15:00Z", "21:22"),
            Some(at("2025-08-20T21:15"))
        );
        assert_eq!(update_time("yesterday", "09:00"), None);
    }

    #[test]
    fn clock_times_open_updates_in_the_forms_pages_write() {
        let t = |s: &str| clock_start(s);
        assert_eq!(t("14:32 Kharkiv's mayor"), Some((14, 32, "14:32".into())));
        assert_eq!(t("9.45pm Counting"), Some((21, 45, "9.45pm".into())));
        assert_eq!(t("12.40am The prime"), Some((0, 40, "12.40am".into())));
        assert_eq!(t("00:15 EEST Drones"), Some((0, 15, "00:15 EEST".into())));
        assert_eq!(t("14:32: Update"), Some((14, 32, "14:32".into())));
        // Not clock times: a score, a ratio in a sentence, a 13 "pm".
        assert_eq!(t("3.5 per cent of voters"), None);
        assert_eq!(t("The 14:32 train"), None);
        assert_eq!(t("13.05pm"), None);
        assert_eq!(t("25:10 remaining"), None);
    }

    #[test]
    fn day_headings_take_the_blog_year() {
        let d = |s: &str| day_heading(s, 2025).map(|d| d.to_string());
        assert_eq!(d("Thursday 21 August"), Some("2025-08-21".into()));
        assert_eq!(d("21 August 2024"), Some("2024-08-21".into()));
        assert_eq!(d("Officials said on Thursday 21 August that"), None);
    }

    #[test]
    fn assembled_updates_are_anchored_by_char_ranges() {
        let u = |t: &str, text: &str| Update {
            time: at(t),
            label: t.into(),
            text: text.into(),
            author: None,
            url: None,
        };
        let (text, anchors) = assemble(&LiveBlog {
            preamble: "Follow our live coverage.".into(),
            updates: vec![
                u("2025-08-21T00:15", "00:15 Drones over Kyiv."),
                u(
                    "2025-08-20T23:40",
                    "23:40 Sirens in Odesa — “Take cover,” officials said.",
                ),
            ],
        });
        assert!(text.starts_with("Follow our live coverage.\n\n00:15"));
        assert_eq!(anchors.len(), 2);
        let slice = |r: CharRange| crate::model::char_slice(&text, r).unwrap().to_owned();
        assert_eq!(slice(anchors[0].range), "00:15 Drones over Kyiv.");
        assert!(slice(anchors[1].range).starts_with("23:40 Sirens"));
        assert_eq!(anchors[1].time.value.to_string(), "2025-08-20T23:40");
    }
}
