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

use chrono::{Duration, NaiveDateTime, Timelike as _};
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
pub fn updates_from_markup(dom: &Dom, block_text: impl Fn(&Dom) -> String) -> Option<Vec<Update>> {
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
    (updates.len() >= MIN_UPDATES).then_some(updates)
}

/// Elements that stamp an update: `<time datetime>`, or the epoch seconds of live-blog
/// plugins (`data-timestamp`, WordPress's liveblog among them).
const STAMPS: &str = "time[datetime], [data-timestamp]";

/// The wall-clock time of a stamp and the words that show it.
fn stamp_time(stamp: &NodeRef, block: &NodeRef) -> Option<(NaiveDateTime, String)> {
    if let Some(attr) = stamp.attr("datetime") {
        let shown = clean(&stamp.text());
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

/// The updates of a `LiveBlogPosting` in the page's JSON-LD that carry their text.
pub fn updates_from_json_ld(dom: &Dom) -> Option<Vec<Update>> {
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
                            return Some(updates);
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
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(clean_multiline);
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
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?").expect("clock regex")
    });
    let Some(c) = CLOCK.captures(shown) else {
        return utc;
    };
    let (Ok(mut h), Ok(m)) = (c[1].parse::<i64>(), c[2].parse::<i64>()) else {
        return utc;
    };
    match c.get(3).map(|x| x.as_str().to_ascii_lowercase()) {
        Some(x) if x.starts_with('p') && h < 12 => h += 12,
        Some(x) if x.starts_with('a') && h == 12 => h = 0,
        _ => {}
    }
    if h > 23 || m > 59 {
        return utc;
    }
    let shown_min = h * 60 + m;
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

/// Lays the updates out as one text, a blank line between updates, and an anchor per update.
pub fn assemble(updates: &[Update]) -> (String, Vec<TextAnchor>) {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut anchors = Vec::new();
    for u in updates {
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

fn clean_multiline(s: &str) -> String {
    s.trim().to_owned()
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
    fn assembled_updates_are_anchored_by_char_ranges() {
        let u = |t: &str, text: &str| Update {
            time: at(t),
            label: t.into(),
            text: text.into(),
            author: None,
            url: None,
        };
        let (text, anchors) = assemble(&[
            u("2025-08-21T00:15", "00:15 Drones over Kyiv."),
            u(
                "2025-08-20T23:40",
                "23:40 Sirens in Odesa — “Take cover,” officials said.",
            ),
        ]);
        assert_eq!(anchors.len(), 2);
        let slice = |r: CharRange| crate::model::char_slice(&text, r).unwrap().to_owned();
        assert_eq!(slice(anchors[0].range), "00:15 Drones over Kyiv.");
        assert!(slice(anchors[1].range).starts_with("23:40 Sirens"));
        assert_eq!(anchors[1].time.value.to_string(), "2025-08-20T23:40");
    }
}
