//! Posts collected as files, one source per post: a Telegram Desktop channel export
//! (`result.json`), an X/Twitter archive's `tweets.js` (with `account.js` beside it for the
//! account's name) and a Mastodon outbox (`outbox.json`, with `actor.json` beside it).
//!
//! Each post keeps its author, handle, platform, time and permalink. Its text ends with a
//! signature line in the form news sites paste embeds in ("— Name (@handle) August 20,
//! 2025", or "(Telegram)" where the export names no handle), so the extractor reads the post
//! as a statement by its author, said on that day, with relative times anchored there.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Timelike};
use serde_json::Value;

use super::fields::minute_span;
use super::html::html_fragment_text;
use super::{Document, Reader};
use crate::model::{SourceFormat, TimeSpan};

/// Which kind of export a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Telegram,
    XArchive,
    MastodonOutbox,
}

impl Export {
    /// Recognised from the start of the content.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        let head = String::from_utf8_lossy(head);
        let t = head.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with("window.YTD.tweet") {
            return Some(Self::XArchive);
        }
        if !t.starts_with('{') {
            return None;
        }
        if t.contains("\"orderedItems\"")
            || (t.contains("activitystreams") && t.contains("OrderedCollection"))
        {
            return Some(Self::MastodonOutbox);
        }
        let telegram_type = [
            "public_channel",
            "private_channel",
            "personal_chat",
            "private_group",
            "private_supergroup",
            "public_supergroup",
        ]
        .iter()
        .any(|k| t.contains(&format!("\"{k}\"")));
        (telegram_type && t.contains("\"messages\"")).then_some(Self::Telegram)
    }

    fn platform(self) -> &'static str {
        match self {
            Self::Telegram => "Telegram",
            Self::XArchive => "X",
            Self::MastodonOutbox => "Mastodon",
        }
    }

    /// The file beside the export that names its account.
    fn account_file(self) -> Option<&'static str> {
        match self {
            Self::Telegram => None,
            Self::XArchive => Some("account.js"),
            Self::MastodonOutbox => Some("actor.json"),
        }
    }
}

/// Who wrote the posts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Account {
    pub name: Option<String>,
    pub handle: Option<String>,
}

impl Account {
    /// The name to sign a post with: the account's name, else the handle, else `fallback`.
    fn name_or(&self, handle: Option<&String>, fallback: &str) -> String {
        self.name
            .clone()
            .or_else(|| handle.cloned())
            .unwrap_or_else(|| fallback.to_owned())
    }
}

pub struct PostsReader;

impl Reader for PostsReader {
    fn sniff(&self, head: &[u8], _name: &str) -> bool {
        Export::sniff(head).is_some()
    }

    fn read(&self, bytes: &[u8], _name: &str) -> Result<Vec<Document>, String> {
        read(bytes, &Account::default())
    }

    fn name(&self) -> &'static str {
        "posts"
    }
}

/// Reads an export file, with the account named by the file beside it when there is one
/// (`account.js` of an X archive, `actor.json` of a Mastodon export).
pub fn read_file(path: &Path, bytes: &[u8]) -> Option<Result<Vec<Document>, String>> {
    let kind = Export::sniff(&bytes[..bytes.len().min(super::HEAD_BYTES)])?;
    let account = kind
        .account_file()
        .and_then(|f| std::fs::read(path.with_file_name(f)).ok())
        .map(|b| account_of(kind, &b))
        .unwrap_or_default();
    Some(read(bytes, &account))
}

fn read(bytes: &[u8], account: &Account) -> Result<Vec<Document>, String> {
    let head = &bytes[..bytes.len().min(super::HEAD_BYTES)];
    let kind = Export::sniff(head).ok_or("not a Telegram, X or Mastodon export")?;
    let json = match kind {
        // "window.YTD.tweets.part0 = [ … ]": JavaScript around JSON.
        Export::XArchive => {
            let text = std::str::from_utf8(bytes).map_err(|_| "the archive is not UTF-8")?;
            let at = text
                .find('=')
                .ok_or("no '=' after window.YTD in the archive")?;
            parse(&text[at + 1..])?
        }
        _ => {
            let text = std::str::from_utf8(bytes).map_err(|_| "the export is not UTF-8")?;
            parse(text)?
        }
    };
    let posts = match kind {
        Export::Telegram => telegram(&json),
        Export::XArchive => x_archive(&json, account),
        Export::MastodonOutbox => mastodon(&json, account),
    };
    if posts.is_empty() {
        return Err(format!(
            "the {} export holds no posts with text",
            kind.platform()
        ));
    }
    Ok(posts.into_iter().map(|p| p.into_document(kind)).collect())
}

fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text.trim().trim_end_matches(';'))
        .map_err(|e| format!("the export's JSON is broken ({e})"))
}

/// One post, as read from an export.
struct Post {
    name: String,
    handle: Option<String>,
    time: NaiveDateTime,
    text: String,
    url: Option<String>,
}

impl Post {
    fn into_document(self, kind: Export) -> Document {
        // One paragraph for the post and one for its signature: the extractor takes the
        // paragraph before a signature line as the post.
        let body = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let who = match &self.handle {
            Some(h) => format!("(@{h})"),
            None => format!("({})", kind.platform()),
        };
        let day = self.time.date().format("%B %-d, %Y");
        let text = format!("{body}\n\n— {} {who} {day}", self.name);
        let published = if self.time.num_seconds_from_midnight() == 0 {
            Some(TimeSpan::day(self.time.date()))
        } else {
            minute_span(self.time)
        };
        let source = match &self.handle {
            Some(h) => format!("{} (@{h})", self.name),
            None => self.name.clone(),
        };
        Document {
            title: title_of(&body),
            outlet: Some(kind.platform().to_owned()),
            authors: vec![source],
            url: self.url,
            format: SourceFormat::Post,
            published_from: published.as_ref().map(|_| {
                match kind {
                    Export::Telegram => "telegram-export",
                    Export::XArchive => "x-archive",
                    Export::MastodonOutbox => "mastodon-outbox",
                }
                .to_owned()
            }),
            published,
            text,
            ..Document::default()
        }
    }
}

/// A post's title: its first words.
fn title_of(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(12).collect();
    let mut t = words.join(" ");
    if body.split_whitespace().nth(12).is_some() {
        t.push('…');
    }
    t
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// Telegram Desktop's `result.json`: `messages` of type "message", their `text` a string or
/// a list of strings and `{type, text}` pieces; `date` is the exporter's wall clock.
fn telegram(json: &Value) -> Vec<Post> {
    let channel = str_of(json, "name")
        .unwrap_or("Telegram channel")
        .to_owned();
    let Some(messages) = json.get("messages").and_then(Value::as_array) else {
        return Vec::new();
    };
    messages
        .iter()
        .filter(|m| str_of(m, "type").is_none_or(|t| t == "message"))
        .filter_map(|m| {
            let text = match m.get("text")? {
                Value::String(s) => s.clone(),
                Value::Array(parts) => parts
                    .iter()
                    .filter_map(|p| match p {
                        Value::String(s) => Some(s.as_str()),
                        other => str_of(other, "text"),
                    })
                    .collect(),
                _ => return None,
            };
            if text.trim().is_empty() {
                return None;
            }
            let time =
                NaiveDateTime::parse_from_str(str_of(m, "date")?, "%Y-%m-%dT%H:%M:%S").ok()?;
            Some(Post {
                name: str_of(m, "from").unwrap_or(&channel).to_owned(),
                handle: None,
                time,
                text,
                url: None,
            })
        })
        .collect()
}

/// `tweets.js`: entries `{ "tweet": {...} }` (older archives: the tweet itself), with
/// `full_text`, `created_at` ("Wed Aug 20 14:32:10 +0000 2025") and `id_str`; t.co links are
/// written out from `entities.urls`.
fn x_archive(json: &Value, account: &Account) -> Vec<Post> {
    let Some(list) = json.as_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|entry| {
            let t = entry.get("tweet").unwrap_or(entry);
            let mut text = str_of(t, "full_text")
                .or_else(|| str_of(t, "text"))?
                .to_owned();
            for u in t
                .pointer("/entities/urls")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let (Some(short), Some(long)) = (str_of(u, "url"), str_of(u, "expanded_url")) {
                    text = text.replace(short, long);
                }
            }
            let time =
                DateTime::parse_from_str(str_of(t, "created_at")?, "%a %b %d %H:%M:%S %z %Y")
                    .ok()?
                    .naive_utc();
            let id = str_of(t, "id_str").or_else(|| str_of(t, "id"));
            let handle = account.handle.clone();
            let url = id.map(|id| match &handle {
                Some(h) => format!("https://x.com/{h}/status/{id}"),
                None => format!("https://x.com/i/web/status/{id}"),
            });
            Some(Post {
                name: account.name_or(handle.as_ref(), "X account"),
                handle,
                time,
                text: html_entities(&text),
                url,
            })
        })
        .collect()
}

/// An ActivityPub outbox: `Create` activities of `Note`s (boosts are someone else's words and
/// are left out); `content` is HTML.
fn mastodon(json: &Value, account: &Account) -> Vec<Post> {
    let Some(items) = json.get("orderedItems").and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .filter(|a| str_of(a, "type") == Some("Create"))
        .filter_map(|a| {
            let note = a.get("object")?;
            let html = str_of(note, "content")?;
            let text = html_fragment_text(html);
            if text.trim().is_empty() {
                return None;
            }
            let published = str_of(note, "published").or_else(|| str_of(a, "published"))?;
            let time = DateTime::parse_from_rfc3339(published).ok()?.naive_utc();
            let from_actor = str_of(a, "actor").and_then(handle_of_actor);
            let handle = account.handle.clone().or(from_actor);
            Some(Post {
                name: account.name_or(handle.as_ref(), "Mastodon account"),
                handle,
                time,
                text,
                url: str_of(note, "url")
                    .or_else(|| str_of(note, "id"))
                    .map(str::to_owned),
            })
        })
        .collect()
}

/// "https://mastodon.social/users/alice" → "alice".
fn handle_of_actor(actor: &str) -> Option<String> {
    let name = actor.trim_end_matches('/').rsplit('/').next()?;
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| name.to_owned())
}

/// The account an X `account.js` or a Mastodon `actor.json` names.
fn account_of(kind: Export, bytes: &[u8]) -> Account {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Account::default();
    };
    let json_text = match kind {
        Export::XArchive => text.find('=').map_or(text, |at| &text[at + 1..]),
        _ => text,
    };
    let Ok(json) = parse(json_text) else {
        return Account::default();
    };
    match kind {
        Export::XArchive => {
            let a = json
                .as_array()
                .and_then(|l| l.first())
                .map(|e| e.get("account").unwrap_or(e));
            Account {
                name: a
                    .and_then(|a| str_of(a, "accountDisplayName"))
                    .map(str::to_owned),
                handle: a.and_then(|a| str_of(a, "username")).map(str::to_owned),
            }
        }
        Export::MastodonOutbox => Account {
            name: str_of(&json, "name").map(str::to_owned),
            handle: str_of(&json, "preferredUsername").map(str::to_owned),
        },
        Export::Telegram => Account::default(),
    }
}

/// X archives keep `&amp;`, `&lt;` and `&gt;` escaped in `full_text`.
fn html_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_told_apart_from_feeds_and_other_json() {
        assert_eq!(
            Export::sniff(b"window.YTD.tweets.part0 = ["),
            Some(Export::XArchive)
        );
        assert_eq!(
            Export::sniff(br#"{ "name": "A", "type": "public_channel", "id": 1, "messages": ["#),
            Some(Export::Telegram)
        );
        assert_eq!(
            Export::sniff(br#"{"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection", "orderedItems": []}"#),
            Some(Export::MastodonOutbox)
        );
        assert_eq!(
            Export::sniff(br#"{"version": "https://jsonfeed.org/version/1.1"}"#),
            None
        );
        assert_eq!(Export::sniff(b"<html>"), None);
    }

    #[test]
    fn a_post_ends_with_a_signature_the_extractor_reads() {
        let post = Post {
            name: "Astraia Intel".into(),
            handle: Some("astraiaintel".into()),
            time: NaiveDateTime::parse_from_str("2025-08-20T14:32:00", "%Y-%m-%dT%H:%M:%S")
                .unwrap(),
            text: "Earlier today, 20 soldiers\ndefected.".into(),
            url: None,
        };
        let doc = post.into_document(Export::XArchive);
        assert_eq!(
            doc.text,
            "Earlier today, 20 soldiers defected.\n\n— Astraia Intel (@astraiaintel) August 20, 2025"
        );
        assert_eq!(doc.published.unwrap().value.to_string(), "2025-08-20T14:32");
        assert_eq!(doc.authors, ["Astraia Intel (@astraiaintel)"]);
    }

    #[test]
    fn an_actor_url_gives_the_handle() {
        assert_eq!(
            handle_of_actor("https://mastodon.social/users/alice").as_deref(),
            Some("alice")
        );
        assert_eq!(handle_of_actor("https://x.example/"), None);
    }
}
