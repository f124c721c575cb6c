//! Embedded social-media posts in a page: who posted, where, when, and the permalink.
//!
//! The embed's text (kept by [`super::html`] as one paragraph) usually carries a signature
//! ("— Name (@handle) August 20, 2025") that the extractor reads; this module reads what the
//! markup adds to it: the permalink, the platform, the author where the text does not name
//! one (Facebook, TikTok, Threads), and the post's time to the minute, from a `datetime`
//! attribute or from the post id itself where the platform encodes its creation time there
//! (X, Mastodon, Bluesky, TikTok, Instagram, Threads). Nothing is fetched.

use chrono::{DateTime, NaiveDateTime, Utc};
use dom_query::{NodeRef, Selection};

use crate::model::{
    AnchorKind, CalendarValue, CharRange, Precision, TextAnchor, TimeSpan, TimexValue,
};

/// What the markup of one embed says about its post.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedInfo {
    pub platform: Option<&'static str>,
    pub author: Option<String>,
    pub handle: Option<String>,
    pub url: Option<String>,
    /// Publisher's wall clock from a `datetime`, else UTC from the post id (minutes), else
    /// the day a date link shows.
    pub time: Option<TimeSpan>,
    /// Where `time` came from.
    pub time_label: String,
}

impl EmbedInfo {
    /// Reads an embed element (a `blockquote` of one of the known classes).
    pub fn read(node: &NodeRef) -> Self {
        let class = node
            .class()
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default();
        let sel = Selection::from(*node);
        let links: Vec<String> = sel
            .select("a[href]")
            .iter()
            .filter_map(|a| a.attr("href").map(|h| h.to_string()))
            .collect();
        let attr = |name: &str| node.attr(name).map(|v| v.to_string());
        let has = |c: &str| class.split_whitespace().any(|k| k == c);
        let mut info = Self::default();
        let find_link = |pred: &dyn Fn(&str) -> bool| links.iter().rev().find(|l| pred(l)).cloned();
        if has("twitter-tweet") || has("tweet") || has("x-post") {
            info.platform = Some("X");
            info.url = find_link(&|l| l.contains("/status/"));
        } else if has("bluesky-embed") {
            info.platform = Some("Bluesky");
            info.url = find_link(&|l| l.contains("bsky.app/profile/") && l.contains("/post/"))
                .or_else(|| attr("data-bluesky-uri"));
        } else if has("mastodon-embed") {
            info.platform = Some("Mastodon");
            info.url = attr("data-embed-url")
                .map(|u| u.trim_end_matches("/embed").to_owned())
                .or_else(|| find_link(&|l| mastodon_id(l).is_some()));
        } else if has("instagram-media") {
            info.platform = Some("Instagram");
            info.url = attr("data-instgrm-permalink")
                .or_else(|| find_link(&|l| l.contains("instagram.com/")));
            // "A post shared by Name (@handle)", with or without the date.
            let text = sel.text().split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some((name, rest)) = text
                .split_once("A post shared by ")
                .and_then(|(_, r)| r.split_once(" (@"))
                && let Some((handle, _)) = rest.split_once(')')
            {
                info.author = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
                info.handle = Some(handle.to_owned());
            }
        } else if has("tiktok-embed") {
            info.platform = Some("TikTok");
            info.url = attr("cite").or_else(|| find_link(&|l| l.contains("/video/")));
            info.handle = sel
                .select("a[title^='@']")
                .iter()
                .find_map(|a| {
                    a.attr("title")
                        .map(|t| t.trim_start_matches('@').to_owned())
                })
                .or_else(|| info.url.as_deref().and_then(handle_in_url));
        } else if has("fb-xfbml-parse-ignore") {
            info.platform = Some("Facebook");
            info.url = attr("cite").or_else(|| find_link(&|l| l.contains("facebook.com/")));
            // "Posted by <a>Name</a> on <a>date</a>": the first link to a page, not a post.
            info.author = sel
                .select("a[href*='facebook.com/']")
                .iter()
                .find(|a| {
                    a.attr("href")
                        .is_some_and(|h| !h.contains("/posts/") && !h.contains("/videos/"))
                })
                .map(|a| a.text().trim().to_owned())
                .filter(|t| !t.is_empty());
        } else if has("text-post-media") {
            info.platform = Some("Threads");
            info.url =
                attr("data-text-post-permalink").or_else(|| find_link(&|l| l.contains("threads.")));
            info.handle = info.url.as_deref().and_then(handle_in_url);
        } else if has("telegram-post") {
            info.platform = Some("Telegram");
            info.url = find_link(&|l| l.contains("t.me/"));
            info.handle = info.url.as_deref().and_then(handle_in_url);
        }
        // The signature's "— Name (@handle)" where the platform's markup names neither.
        if info.author.is_none() && info.handle.is_none() {
            let text = sel.text().split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some((name, handle)) = text
                .rsplit_once('—')
                .and_then(|(_, sig)| sig.split_once("(@"))
                .and_then(|(name, rest)| Some((name.trim(), rest.split_once(')')?.0)))
                .filter(|(name, h)| {
                    !name.is_empty()
                        && name.split_whitespace().count() <= 8
                        && !h.is_empty()
                        && !h.contains(char::is_whitespace)
                })
            {
                info.author = Some(name.to_owned());
                info.handle = Some(handle.to_owned());
            }
        }
        // Permalinks without the embed's tracking ("?ref_src=twsrc%5Etfw", "?utm_source=").
        info.url = info
            .url
            .map(|u| u.split(['?', '#']).next().unwrap_or(&u).to_owned());
        if info.handle.is_none()
            && matches!(info.platform, Some("X" | "Instagram"))
            && let Some(url) = &info.url
        {
            info.handle = handle_in_url(url);
        }
        if let Some(dt) = sel
            .select("time[datetime]")
            .iter()
            .find_map(|t| {
                t.attr("datetime")
                    .and_then(|d| super::metadata::parse_date(&d))
            })
            .filter(|s| s.precision >= Precision::Minute)
        {
            info.time = Some(dt);
            info.time_label = "the embed's datetime".into();
        } else if let Some((name, dt)) = data_time(node) {
            info.time = Some(dt);
            info.time_label = format!("the embed's {name}");
        } else if let (Some(platform), Some(url)) = (info.platform, &info.url)
            && let Some(t) = time_from_permalink(platform, url)
        {
            // A signature that shows the time ("August 20, 2025 at 4:12 PM") gives the
            // zone the page was made in.
            let shown = super::liveblog::shown_wall_clock(t.naive_utc(), &sel.text());
            info.time = minute(shown);
            info.time_label = if shown == t.naive_utc() {
                "the post's id (UTC)".into()
            } else {
                "the post's id, at the clock time the embed shows".into()
            };
        } else if let Some(day) = sel
            .select("a")
            .iter()
            .filter_map(|a| super::metadata::parse_date(a.text().trim()))
            .next_back()
        {
            // The date link of a signature ("Posted by … on <a>Wednesday, August 20, 2025</a>").
            info.time = Some(day);
            info.time_label = "the embed's date".into();
        }
        info
    }

    /// What a script-rendered embed that left only its link shows instead of the post:
    /// "X post by @handle: https://x.com/handle/status/…".
    pub fn placeholder(&self) -> Option<String> {
        let url = self.url.as_deref()?;
        let platform = self.platform.unwrap_or("Social media");
        Some(match &self.handle {
            Some(h) => format!("{platform} post by @{h}: {url}"),
            None => format!("{platform} post: {url}"),
        })
    }

    /// Worth an anchor: the markup added a time or an author the text may lack.
    pub fn is_informative(&self) -> bool {
        self.time.is_some() || self.author.is_some() || self.handle.is_some()
    }

    /// The anchor for this post's paragraph at `range`, dated by `time` (else `fallback`).
    pub fn anchor(&self, range: CharRange, fallback: Option<&TimeSpan>) -> Option<TextAnchor> {
        let time = match &self.time {
            Some(t) => t.clone(),
            None => fallback?.clone(),
        };
        Some(TextAnchor {
            kind: AnchorKind::Post,
            range,
            time,
            label: if self.time.is_some() {
                self.time_label.clone()
            } else {
                String::new()
            },
            author: self.author.clone(),
            handle: self.handle.clone(),
            platform: self.platform.map(str::to_owned),
            url: self.url.clone(),
        })
    }
}

/// A time in the embed's own `data-*` attributes (`data-datetime`, `data-created-at`,
/// `data-timestamp` …): an ISO date-time as written, or epoch seconds/milliseconds (UTC).
fn data_time(node: &NodeRef) -> Option<(String, TimeSpan)> {
    node.attrs().into_iter().find_map(|a| {
        let name = a.name.local.to_string();
        let lower = name.to_ascii_lowercase();
        let timely = ["time", "date", "created", "published", "posted"]
            .iter()
            .any(|w| lower.contains(w));
        if !lower.starts_with("data-") || !timely {
            return None;
        }
        let value = a.value.trim();
        let span = match value.parse::<i64>() {
            Ok(n) => {
                let secs = if n > 100_000_000_000 { n / 1000 } else { n };
                minute(DateTime::<Utc>::from_timestamp(secs, 0)?.naive_utc())?
            }
            Err(_) => super::metadata::parse_date(value)?,
        };
        (span.precision >= Precision::Minute).then_some((name, span))
    })
}

fn minute(t: NaiveDateTime) -> Option<TimeSpan> {
    TimeSpan::from_value(
        TimexValue::Calendar(CalendarValue::at(t, Precision::Minute)),
        None,
    )
    .ok()
}

/// `https://x.com/astraiaintel/status/1…` → `astraiaintel`; `…/@handle/…` → `handle`.
fn handle_in_url(url: &str) -> Option<String> {
    let path = url.split("://").nth(1)?.split_once('/')?.1;
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    let first = parts.next()?;
    let h = first.strip_prefix('@').unwrap_or(first);
    let reserved = ["p", "reel", "i", "share", "embed", "video", "post"];
    (!h.is_empty()
        && !reserved.contains(&h)
        && h.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.')))
    .then(|| h.to_owned())
}

/// The numeric id after `/@user/` in a Mastodon permalink.
fn mastodon_id(url: &str) -> Option<u64> {
    let (_, rest) = url.split_once("/@")?;
    let id = rest.split('/').nth(1)?;
    id.parse().ok()
}

/// The post's creation time where the platform encodes it in the id of the permalink.
pub fn time_from_permalink(platform: &str, url: &str) -> Option<DateTime<Utc>> {
    let segment_after = |marker: &str| {
        url.split_once(marker)
            .map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or(""))
            .filter(|s| !s.is_empty())
    };
    let ms: i64 = match platform {
        // Snowflake: milliseconds since 2010-11-04 in the bits above 22. Earlier ids were
        // sequential and carry no time.
        "X" => {
            let id: u64 = segment_after("/status/")?.parse().ok()?;
            if id < 29_700_859_247 {
                return None;
            }
            i64::try_from(id >> 22).ok()? + 1_288_834_974_657
        }
        // Milliseconds since 1970 above the low 16 bits (Mastodon ≥ 2.0).
        "Mastodon" => i64::try_from(mastodon_id(url)? >> 16).ok()?,
        // A TID record key: 13 base32-sortable characters, microseconds above 10 bits.
        "Bluesky" => {
            let key = segment_after("/post/").or_else(|| segment_after("app.bsky.feed.post/"))?;
            tid_micros(key)? / 1000
        }
        // Seconds since 1970 above the low 32 bits.
        "TikTok" => {
            let id: u64 = segment_after("/video/")?.parse().ok()?;
            i64::try_from(id >> 32).ok()? * 1000
        }
        // An 11-character shortcode is the media id in URL-safe base64; milliseconds since
        // Instagram's epoch above 23 bits.
        "Instagram" | "Threads" => {
            let code = segment_after("/p/")
                .or_else(|| segment_after("/reel/"))
                .or_else(|| segment_after("/post/"))?;
            if code.len() != 11 {
                return None;
            }
            let id = code.chars().try_fold(0u64, |acc, c| {
                let v = match c {
                    'A'..='Z' => c as u64 - 'A' as u64,
                    'a'..='z' => c as u64 - 'a' as u64 + 26,
                    '0'..='9' => c as u64 - '0' as u64 + 52,
                    '-' => 62,
                    '_' => 63,
                    _ => return None,
                };
                acc.checked_mul(64)?.checked_add(v)
            })?;
            i64::try_from(id >> 23).ok()? + 1_314_220_021_721
        }
        _ => return None,
    };
    let t = DateTime::<Utc>::from_timestamp_millis(ms)?;
    // An id that decodes outside the platforms' lifetime was not time-encoded after all.
    let plausible = DateTime::<Utc>::from_timestamp(1_136_073_600, 0)? <= t // 2006
        && t <= Utc::now() + chrono::Duration::days(2);
    plausible.then_some(t)
}

/// Microseconds of a Bluesky TID.
fn tid_micros(key: &str) -> Option<i64> {
    const ALPHABET: &str = "234567abcdefghijklmnopqrstuvwxyz";
    if key.len() != 13 {
        return None;
    }
    let v = key.chars().try_fold(0u64, |acc, c| {
        let d = ALPHABET.find(c)? as u64;
        acc.checked_mul(32)?.checked_add(d)
    })?;
    i64::try_from(v >> 10).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(url: &str, platform: &str) -> String {
        time_from_permalink(platform, url)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn post_ids_decode_to_their_creation_time() {
        // Expected values computed independently (Python, from each platform's documented
        // layout).
        assert_eq!(
            utc("https://twitter.com/jack/status/1541815603606036480", "X"),
            "2022-06-28T16:07:40"
        );
        assert_eq!(utc("https://twitter.com/jack/status/20", "X"), "");
        assert_eq!(
            utc(
                "https://mastodon.social/@Gargron/109384513391216410",
                "Mastodon"
            ),
            "2022-11-22T00:00:16"
        );
        assert_eq!(
            utc(
                "https://bsky.app/profile/x.bsky.social/post/3jzfcijpj2z2a",
                "Bluesky"
            ),
            "2023-06-30T15:03:01"
        );
        assert_eq!(
            utc(
                "https://www.tiktok.com/@scout2015/video/6718335390845095173",
                "TikTok"
            ),
            "2019-07-27T13:32:33"
        );
        assert_eq!(
            utc("https://www.instagram.com/p/C9abcdefghi/", "Instagram"),
            "2024-07-14T18:20:35"
        );
        assert_eq!(utc("https://t.me/channel/123", "Telegram"), "");
    }

    #[test]
    fn handles_come_from_permalinks() {
        assert_eq!(
            handle_in_url("https://www.threads.net/@kyiv.desk/post/C9abcdefghi"),
            Some("kyiv.desk".into())
        );
        assert_eq!(
            handle_in_url("https://www.instagram.com/p/C9abcdefghi/"),
            None
        );
    }
}
