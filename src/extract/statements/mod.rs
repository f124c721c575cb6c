//! Attributed statements: who says what, through whom, and when.
//!
//! Rule-based, in passes over the analysed [`Document`]:
//!
//! 1. **Embedded posts**: a signature "— Name (@handle) August 20, 2025" makes the text
//!    before it a statement by the account, dated by the post.
//! 2. **Quotes**: every quotation (curly or straight, continued across paragraphs by a
//!    re-opening quote mark) is attributed to a cue right after it ("“…,” he said", "“…,”
//!    said Smith") or right before it ("X told Ukrinform, “…”", "X said: “…”").
//! 3. **Cues**: the remaining cue words in the lexicon frame indirect speech — "X said
//!    (that) …", "… , officials said.", "…, said X.", "According to X, …", "…, according to
//!    X", ", adding that …".
//! 4. **Relays**: "as reported by X", an outer "according to X" or "X reported that …"
//!    around another attribution become the relay chain of the inner statement.
//! 5. **Bare quotes**: a paragraph that is one quotation, right after an attributed one,
//!    continues the previous speaker.
//! 6. **Coreference**: "he", "she", "they", "it" and definite descriptions ("the
//!    spokesperson") resolve to the latest compatible speaker or titled name.
//!
//! Then the times: said time (a time expression in the attribution frame, else the post's
//! date, else the publication date as an upper bound) and event time (the first placeable
//! time expression in the content that is not the far side of a comparison).

pub mod lexicon;
pub mod np;

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

pub use lexicon::{CueClass, CueKind};

use super::events::{self, placeable};
use super::sentences::Document;
use super::{Statement, timex};
use crate::model::{Resolution, TimeSpan};
use lexicon::{Cue, LEXICON};
use np::{Kind, SourceInfo, Tok};

/// An embedded social-media post.
#[derive(Clone, Debug, PartialEq)]
pub struct Post {
    /// Byte range of the post's text.
    pub body: (usize, usize),
    /// Byte range of the signature ("pic.twitter.com/… — Name (@handle) August 20, 2025").
    pub signature: (usize, usize),
    pub name: String,
    /// Empty when the signature names the platform instead ("(Telegram)").
    pub handle: String,
    pub date: Option<NaiveDate>,
    /// Byte range of the date in the signature.
    pub date_range: (usize, usize),
    /// The post's time to the minute, when the page gave more than the signature's day
    /// (an embed's permalink or `datetime`; see `Source::anchors`).
    pub time: Option<TimeSpan>,
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

static POST_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:pic\.twitter\.com|https?://t\.co|https?://\S+/status)/\S+\s*)?[—–-]{{1,2}}\s*([^\n()—–]{{1,80}}?)\s*\(@(\w[\w.@-]{{0,60}})\)\s*(?:on\s+)?((?:{MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}}))"
    ))
    .expect("post signature regex compiles")
});

/// Where the platform names no handle (a Telegram channel): "— Name (Telegram) August 20,
/// 2025". Same groups as [`POST_SIGNATURE`], the platform in place of the handle.
static PLATFORM_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[—–-]{{1,2}}\s*([^\n()—–]{{1,80}}?)\s*\(({PLATFORMS})\)\s*(?:on\s+)?((?:{MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}}))"
    ))
    .expect("platform signature regex compiles")
});

/// Platforms a handle-less signature may name.
const PLATFORMS: &str = "Telegram|Mastodon|Bluesky|Threads|Facebook|X";

static INSTAGRAM_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"A post shared by\s+([^\n()]{{1,80}}?)\s*\(@([\w.]{{1,30}})\)\s*(?:on\s+)?((?:{MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}}))"
    ))
    .expect("instagram signature regex compiles")
});

fn month_number(name: &str) -> Option<u32> {
    let l = name.to_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|m| l.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Finds embedded posts: the signature, and the post text in the same paragraph before it
/// (or the paragraph before, when the signature stands alone).
pub fn find_posts(text: &str) -> Vec<Post> {
    let mut out = Vec::new();
    // Signatures contain "(@handle)" or "(Platform)": run the regexes only on the lines
    // that have one.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut from = 0;
    let is_marker = |rest: &str| {
        rest.starts_with("(@")
            || PLATFORMS.split('|').any(|p| {
                rest[1..]
                    .strip_prefix(p)
                    .is_some_and(|r| r.starts_with(')'))
            })
    };
    // One pass over the parentheses, so text without signatures is read once.
    while let Some(i) = text[from..].find('(') {
        let at = from + i;
        if !is_marker(&text[at..]) {
            from = at + 1;
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |j| j + 1);
        let end = text[at..].find('\n').map_or(text.len(), |j| at + j);
        if lines.last().is_none_or(|&(s, _)| s != start) {
            lines.push((start, &text[start..end]));
        }
        from = end.max(at + 2);
        if from >= text.len() {
            break;
        }
    }
    for re in [
        &*POST_SIGNATURE,
        &*INSTAGRAM_SIGNATURE,
        &*PLATFORM_SIGNATURE,
    ] {
        let named_platform = std::ptr::eq(re, &*PLATFORM_SIGNATURE);
        for caps in lines
            .iter()
            .flat_map(|&(base, line)| re.captures_iter(line).map(move |c| (base, c)))
        {
            let (base, caps) = caps;
            let (Some(whole), Some(name), Some(handle), Some(date)) =
                (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            let name = name.as_str().trim();
            if name.is_empty() || name.split_whitespace().count() > 8 {
                continue;
            }
            let parsed = match (caps.get(3), caps.get(4), caps.get(5)) {
                (Some(d), Some(day), Some(year)) => {
                    let month = d.as_str().split(|c: char| !c.is_alphabetic()).next();
                    match (
                        month.and_then(month_number),
                        day.as_str().parse::<u32>().ok(),
                        year.as_str().parse::<i32>().ok(),
                    ) {
                        (Some(m), Some(d), Some(y)) => NaiveDate::from_ymd_opt(y, m, d),
                        _ => None,
                    }
                }
                _ => None,
            };
            // Offsets in the line → offsets in the text.
            let (ws, we) = (base + whole.start(), base + whole.end());
            let date_range = (base + date.start(), base + date.end());
            let para_start = text[..ws].rfind('\n').map_or(0, |i| i + 1);
            let mut body = trim_range(text, para_start, ws);
            if body.0 >= body.1 && para_start > 0 {
                // The signature has its own line: the post is the paragraph before.
                let prev_end = text[..para_start].trim_end().len();
                let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
                body = trim_range(text, prev_start, prev_end);
            }
            if body.0 >= body.1 {
                continue;
            }
            out.push(Post {
                body,
                signature: (ws, we),
                name: name.to_owned(),
                handle: if named_platform {
                    String::new()
                } else {
                    handle.as_str().to_owned()
                },
                date: parsed,
                date_range,
                time: None,
            });
        }
    }
    out.sort_by_key(|p| p.body.0);
    out.dedup_by_key(|p| p.signature.0);
    out
}

/// Re-anchors relative time expressions inside embedded posts to the post's own date
/// ("Earlier today" in a post of August 20 is August 20, whatever the article's date).
pub fn anchor_posts(doc: &mut Document, posts: &[Post], day_first: bool) {
    for post in posts {
        let Some(date) = post.time.as_ref().map(|t| t.start.date()).or(post.date) else {
            continue;
        };
        let date_text = doc
            .text
            .get(post.date_range.0..post.date_range.1)
            .unwrap_or("")
            .to_owned();
        reanchor(doc, post.body, date, &date_text, day_first);
    }
}

/// Re-resolves the relative time expressions in the byte range `(bs, be)` that still hang on
/// the publication date against `date` instead; `label` names where that date came from.
pub fn reanchor(
    doc: &mut Document,
    (bs, be): (usize, usize),
    date: NaiveDate,
    label: &str,
    day_first: bool,
) {
    let relative = doc.timexes.iter().any(|t| {
        bs <= t.start
            && t.end <= be
            && t.span
                .as_ref()
                .is_some_and(|s| matches!(s.resolution, Resolution::Publication { .. }))
    });
    if !relative {
        return;
    }
    let Some(body) = doc.text.get(bs..be) else {
        return;
    };
    let retagged = timex::tag(
        body,
        &timex::TagOptions {
            anchor: Some(date),
            day_first,
        },
    );
    let body_index = super::sentences::CharIndex::new(body);
    for t in retagged {
        let (s, e) = (
            bs + body_index.byte_at(t.start),
            bs + body_index.byte_at(t.end),
        );
        let Some(existing) = doc.timexes.iter_mut().find(|x| x.start == s && x.end == e) else {
            continue;
        };
        let was_relative = existing
            .span
            .as_ref()
            .is_some_and(|sp| matches!(sp.resolution, Resolution::Publication { .. }));
        if !was_relative {
            continue;
        }
        existing.value = t.value.clone();
        existing.span = t
            .span
            .or_else(|| TimeSpan::from_value(t.value, Some(date)).ok())
            .map(|sp| {
                sp.with_resolution(Resolution::Anchor {
                    anchor: date,
                    text: label.to_owned(),
                })
                .with_text(t.text)
            });
    }
}

/// A post from an embed's markup (see `Source::anchors`) where its text has no signature:
/// the author is where the text names "@handle", else nowhere in the text.
pub fn post_of_anchor(
    text: &str,
    range: (usize, usize),
    anchor: &crate::model::TextAnchor,
) -> Option<Post> {
    let handle = anchor.handle.clone().unwrap_or_default();
    let name = match (&anchor.author, handle.is_empty()) {
        (Some(a), _) => a.clone(),
        (None, false) => format!("@{handle}"),
        (None, true) => return None,
    };
    let mut body = trim_range(text, range.0, range.1);
    let at_handle = (!handle.is_empty())
        .then(|| text.get(body.0..body.1)?.find(&format!("@{handle}")))
        .flatten()
        .map(|i| (body.0 + i, body.0 + i + handle.len() + 1));
    // The post's words without the embed's furniture: a leading "@handle" (TikTok), a
    // trailing "Posted by …" (Facebook), "Post by @handle View on Threads", "♬ sound".
    if let Some((s, e)) = at_handle
        && s == body.0
    {
        body = trim_range(text, e, body.1);
    }
    // A dateless signature ("— Name (@handle)") is the speaker's mention.
    let signed = anchor
        .author
        .as_ref()
        .and_then(|a| {
            let words = text.get(body.0..body.1)?;
            let i = words.rfind(&format!("— {a}"))?;
            Some((body.0 + i, body.0 + i + "— ".len() + a.len()))
        })
        .filter(|&(s, _)| s > body.0);
    if let Some(words) = text.get(body.0..body.1)
        && let Some(cut) = ["♬", "Posted by ", "Post by @"]
            .iter()
            .filter_map(|m| words.find(m))
            .chain(signed.map(|(s, _)| s - body.0))
            .filter(|&i| i > 0)
            .min()
    {
        body = trim_range(text, body.0, body.0 + cut);
    }
    if body.0 >= body.1 {
        return None;
    }
    let at_handle = signed.or(at_handle);
    Some(Post {
        body,
        signature: at_handle.unwrap_or((body.1, body.1)),
        name: if at_handle.is_some() && anchor.author.is_none() {
            format!("@{handle}")
        } else {
            name
        },
        handle: if anchor.author.is_some() {
            handle
        } else {
            String::new()
        },
        date: Some(anchor.time.start.date()),
        date_range: (body.1, body.1),
        time: Some(anchor.time.clone()),
    })
}

fn trim_range(text: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(slice) = text.get(s..e) else {
        return (s, s);
    };
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (s + lead, s + lead + trimmed.len())
}

/// A quotation: byte offsets of the opening mark, the inside, and the end of the closing mark.
#[derive(Clone, Copy, Debug)]
struct Quote {
    open: usize,
    inner_start: usize,
    inner_end: usize,
    close_end: usize,
    words: usize,
}

fn is_open_quote(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | ':' | '-'))
}

/// Finds quotations. A paragraph that ends inside a quotation continues it when the next
/// paragraph opens with a quote mark (the convention for multi-paragraph quotes); otherwise
/// the quotation ends with its paragraph.
fn find_quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (open mark, inner start)
    let mut prev: Option<char> = None;
    let mut para_start = true;
    let push = |out: &mut Vec<Quote>, (o, is): (usize, usize), ie: usize, ce: usize| {
        if is <= ie {
            let words = text[is..ie].split_whitespace().count();
            out.push(Quote {
                open: o,
                inner_start: is,
                inner_end: ie,
                close_end: ce,
                words,
            });
        }
    };
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let mut len = c.len_utf8();
        // Two apostrophes are a double quote mark in some house styles (''Like this,'' …).
        let c = if c == '\'' && text[i + 1..].starts_with('\'') {
            iter.next();
            len = 2;
            '"'
        } else {
            c
        };
        match c {
            '\n' => {
                if let Some(o) = open {
                    // Continue only if the next non-blank line starts with an opening quote.
                    let rest = text[i..].trim_start();
                    if !rest.starts_with(['“', '"']) {
                        let end = text[..i].trim_end().len();
                        push(&mut out, o, end.max(o.1), end.max(o.1));
                        open = None;
                    }
                }
                para_start = true;
                prev = Some(c);
                continue;
            }
            // A re-opening mark at a paragraph start continues the open quotation.
            '“' if open.is_none() || !para_start => open = Some((i, i + len)),
            '”' => {
                if let Some(o) = open.take() {
                    push(&mut out, o, i, i + len);
                } else if para_start {
                    // A closing mark typed at a paragraph's start opens it ("”Fear. I am …").
                    open = Some((i, i + len));
                }
            }
            '"' => {
                if open.is_some() && !(para_start && is_open_quote(prev)) {
                    if let Some(o) = open.take() {
                        push(&mut out, o, i, i + len);
                    }
                } else if is_open_quote(prev) && (open.is_none() || !para_start) {
                    open = Some((i, i + len));
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            para_start = false;
        }
        prev = Some(c);
    }
    if let Some(o) = open {
        let end = text.trim_end().len().max(o.1);
        push(&mut out, o, end, end);
    }
    out
}

/// One cue found in the text.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: usize,
    end: usize,
    cue: Cue,
}

fn cue_hits(text: &str) -> Vec<Hit> {
    let lex = &*LEXICON;
    lex.automaton
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '@')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
        .map(|m| Hit {
            start: m.start(),
            end: m.end(),
            cue: lex.cues[m.pattern().as_usize()],
        })
        .collect()
}

/// An attribution before speaker resolution, in byte offsets.
#[derive(Clone, Debug)]
struct Frame {
    cue: Option<(usize, usize, Cue)>,
    source: (usize, usize),
    content: (usize, usize),
    outlet: Option<(usize, usize)>,
    /// Intermediaries, as byte ranges of their names, nearest the speaker first.
    relay: Vec<(usize, usize)>,
    direct: bool,
    /// Where a time expression would date the saying ("said on Monday").
    said_regions: Vec<(usize, usize)>,
    rule: String,
    confidence: f32,
    post: Option<usize>,
    /// End of the words the frame's rule read after the cue (cues there are used up).
    after_end: usize,
    /// Copy the resolved speaker of an earlier frame (bare-quote continuation).
    same_as: Option<usize>,
}

impl Frame {
    fn new(source: (usize, usize), content: (usize, usize), rule: impl Into<String>) -> Self {
        Self {
            cue: None,
            source,
            content,
            outlet: None,
            relay: Vec::new(),
            direct: false,
            said_regions: Vec::new(),
            rule: rule.into(),
            confidence: 0.8,
            post: None,
            after_end: 0,
            same_as: None,
        }
    }
}

const OUTLET: &str = r"(?-i:(?:[Tt]he\s+)?(?:[A-Z][\w&.'’-]*|@\w+)(?:\s+(?:[A-Z][\w&.'’-]*|of|for|and|&|de|on)){0,5})";

static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\A\s+(?:((?:[a-z]+\s+)?(?:reporters|journalists|members|supporters|lawmakers|legislators|senators|students|workers|employees|staff|investors|analysts|shareholders|delegates|voters|viewers|listeners|followers|residents|officials|troops|soldiers|colleagues|investigators)|the press|the media|parliament|congress|the court|(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:newspaper|broadcaster|outlet|agency|channel|network|station|radio|podcast|conference|briefing|gathering|crowd|audience|committee|hearing|panel|meeting|rally|summit|forum|program|programme|show|magazine|daily|website|portal|publication|reporters|journalists))|({OUTLET})|(him|her|them|me|us|it))(?-u:\b)"
    ))
    .expect("addressee regex compiles")
});

static ADJUNCTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(
            r"(?i)\A,?\s*(?:in|during|on|via|through|with)\s+(?:an?|the|his|her|their|its|one)\s+(?:[\w-]+\s+){{0,3}}?(?:statement|interview|post|tweet|email|e-mail|letter|speech|address|briefing|conference|release|video|message|broadcast|appearance|op-ed|column|blog|podcast|filing|memo|session|hearing|call|remarks|comments|report|note|update|thread|livestream|documentary|telegram|opinion piece|essay)s?(?-u:\b)(?:\s+(?:with|to|on|published by|released by|posted on|for|from|in)\s+({OUTLET}|(?:the\s+)?(?:staff|employees|members|regulators|investors|clients|customers|supporters|shareholders|lawmakers|reporters|journalists|colleagues|students|parents|workers|followers|readers|viewers)))?"
        ),
        r"(?i)\A,?\s*(?:on|via)\s+(?-i:Twitter|X|Facebook|Telegram|Instagram|TikTok|Truth Social|YouTube|LinkedIn|Bluesky|Threads|Weibo|VKontakte|Reddit|[Ss]ocial [Mm]edia|television|TV|radio)(?-u:\b)".to_owned(),
        format!(
            r"(?i)\A,?\s*(?:on\s+|late\s+|early\s+|earlier\s+|last\s+|this\s+|next\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|today|yesterday|tonight|(?:last|this|earlier this|late last|earlier|later)\s+(?:week|month|year|night|weekend|morning|afternoon|evening)|(?-i:(?:{MONTHS}))\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)(?-u:\b)"
        ),
        format!(
            r"(?i)\A,?\s*to\s+(?:(reporters|journalists|the press|the media|lawmakers|supporters|a crowd|the crowd|the audience|students|parliament|congress)|({OUTLET}))(?-u:\b)"
        ),
        r"\A,?\s*in\s+(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2}(?-u:\b)".to_owned(),
        r"(?i)\A,?\s*at\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:conference|briefing|rally|event|hearing|meeting|summit|forum|ceremony|session|gathering|debate|vigil|festival|hearing|stop|town hall|fundraiser|luncheon|dinner|breakfast|speech)(?:\s+in\s+[A-Z][\w'’.-]*(?:,?\s+[A-Z][\w'’.-]*){0,2})?,?(?-u:\b)".to_owned(),
        // "said after the convention he would …", "said during the debate that …".
        r"(?i)\A,?\s*(?:after|before|during|following)\s+(?:the|a|an|his|her|their|its|this|last|that)\s+(?:[\w-]+\s+){0,3}?(?:convention|meeting|debate|rally|hearing|vote|speech|event|summit|session|ceremony|game|match|briefing|interview|talks|trial|ruling|announcement|election|primary|forum|attack|shooting)s?,?(?-u:\b)".to_owned(),
        // Sentence adverbials: "said on the other hand, …", "said, however, that …".
        r"(?i)\A,?\s*(?:on the other hand|however|in fact|of course|in addition|meanwhile|for example|for instance|nonetheless|nevertheless|moreover),?(?-u:\b)".to_owned(),
        r"\A\s+of\s+(?:(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,3}|him|her|them|it|the\s+\w+)(?:\s*,)?".to_owned(),
        r"(?i)\A,?\s*(?:on|in)\s+(?:its|his|her|their|the)\s+(?:official\s+)?(?:website|web site|blog|page|account|feed|channel|show|program|programme|newsletter|podcast|broadcast)(?-u:\b)".to_owned(),
        r"(?i)\A,?\s*(?:also|again|repeatedly|publicly|privately|separately|earlier|later|previously|recently|flatly|firmly|emphatically|bluntly|simply|further|then|once|too|already|instead|angrily|calmly|candidly|frankly|tersely|quietly|openly|explicitly|on\s+(?:the\s+)?condition\s+of\s+anonymity|in\s+(?:a\s+)?(?:written|televised|joint)\s+\w+)(?-u:\b)".to_owned(),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("adjunct regex compiles"))
    .collect()
});

static CITING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\A\s*,\s*(?:citing|quoting)\s+([^,.;:“”]{2,80}?)(?:\s*(,)|\s+that(?-u:\b)|\s*[.!?]?\s*\z)",
    )
    .expect("citing regex compiles")
});

static QUOTED_AS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\A\s+([^,.;:“”]{2,80}?)\s+as\s+(?:saying|telling\s+[^,.;:]{1,40}?|stating|warning)(?-u:\b)",
    )
    .expect("quoted-as regex compiles")
});

static THAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\A\s*,?\s*that(?-u:\b)\s*").expect("that regex compiles"));

static POST_POSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\A(?:[\s.!?”"’)]*\z|\s*,\s*(?:adding|saying|noting|citing|explaining|according|as|but|and|while|though|although|after|before|when|who|which|in\s+a|referring)(?-u:\b)|\s+(?:and|but|as|while|because|after|before|when|though|although)(?-u:\b)|\s*[;—–]|\s+(?:outside|inside|at|in|on|during|after|before|from|near|with|via|through|by)\s+[^,;:“”"]{1,60}[.!?]?[”"’)]*\s*\z)"#)
        .expect("post-position regex compiles")
});

static AT_LEAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A(?:at (?:least|most)(?-u:\b)|(?:about|around|over|more than|up to|nearly|almost)\s+[\d$€£])")
        .expect("at-least regex compiles")
});

/// Words after a cue that rule out a bare complement clause ("said to be", "warned of").
const NO_BARE: &[&str] = &[
    "to",
    "with",
    "about",
    "on",
    "in",
    "at",
    "of",
    "for",
    "by",
    "from",
    "into",
    "against",
    "up",
    "down",
    "out",
    "off",
    "so",
    "nothing",
    "something",
    "anything",
    "this",
    "yes",
    "no",
    "goodbye",
    "hello",
    "thanks",
    "as",
    "over",
    "through",
    "after",
    "before",
    "while",
    "and",
    "or",
    "but",
    "if",
    "whether",
    "what",
    "how",
    "why",
    "when",
    "where",
    "who",
    "which",
    "more",
    "less",
    "little",
    "much",
    "otherwise",
    "such",
    "publicly",
    "earlier",
];

/// Words stripped between a subject and its cue ("has also said", "on Monday said").
const PRE_CUE: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "would",
    "will",
    "later",
    "previously",
    "then",
    "further",
    "again",
    "repeatedly",
    "publicly",
    "separately",
    "recently",
    "reportedly",
    "earlier",
    "already",
    "once",
    "privately",
    "flatly",
    "firmly",
    "simply",
    "only",
    "just",
    "even",
    "never",
    "not",
    "did",
    "does",
    "do",
    "may",
    "might",
    "could",
    "can",
    "should",
    "officially",
    "initially",
    "first",
    "quickly",
    "immediately",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "on",
    "last",
    "week",
    "night",
    "been",
    "being",
    "wrongly",
    "falsely",
    "long",
    "since",
    "often",
    "always",
    "openly",
    "explicitly",
    "still",
    "now",
    "once",
    "angrily",
    "bluntly",
    "specifically",
    "correctly",
    "rightly",
    "previously",
    "jokingly",
    "tearfully",
];

/// Subjects that are not speakers.
const NOT_SOURCES: &[&str] = &[
    "this", "that", "these", "those", "which", "who", "what", "there", "here", "you", "one",
    "some", "many", "all", "it", "each", "both", "either", "neither", "nobody", "everyone",
    "anyone", "someone", "whom",
];

/// Previous words that make a noun-like cue form a noun ("a report", "the claims").
const NOUN_CONTEXT: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "new",
    "recent",
    "latest",
    "earlier",
    "previous",
    "such",
    "of",
    "whose",
    "official",
    "media",
    "news",
    "initial",
    "first",
    "last",
    "press",
    "no",
    "any",
    "some",
    "many",
    "several",
    "two",
    "three",
    "false",
    "unverified",
    "similar",
    "further",
    "these",
    "and",
    "or",
    "to",
    "for",
    "in",
    "on",
    "by",
    "with",
    "from",
    "about",
    "into",
    "at",
    "as",
    "than",
    "per",
    "without",
];

struct Ctx<'a, 'd> {
    doc: &'a Document<'d>,
    /// Per sentence, the bytes of a dateline opening it ("VALMORA, March 4 (Reuters) – "):
    /// not part of the sentence, so never a speaker or a statement's content.
    datelines: Vec<usize>,
    quotes: Vec<Quote>,
    hits: Vec<Hit>,
    consumed: Vec<bool>,
    posts: &'a [Post],
}

impl<'d> Ctx<'_, 'd> {
    fn text(&self) -> &'d str {
        self.doc.text
    }

    fn sentence(&self, pos: usize) -> (usize, usize) {
        let Some(i) = self.doc.sentence_at(pos) else {
            return (0, self.text().len());
        };
        let Some(s) = self.doc.sentences.get(i) else {
            return (0, self.text().len());
        };
        let lede = s.start + self.datelines.get(i).copied().unwrap_or(0);
        (if lede <= pos { lede } else { s.start }, s.end)
    }

    /// The long quotation (≥ 3 words) containing `pos`, if any.
    fn quote_at(&self, pos: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.open <= pos);
        let q = self.quotes.get(i.checked_sub(1)?)?;
        (pos < q.close_end && q.words >= 3).then_some(q)
    }

    fn in_post(&self, pos: usize) -> bool {
        self.posts.iter().any(|p| {
            (p.body.0 <= pos && pos < p.body.1) || (p.signature.0 <= pos && pos < p.signature.1)
        })
    }

    /// Indices of the hits starting in `[s, e)` (hits are sorted by start).
    fn hits_in(&self, s: usize, e: usize) -> std::ops::Range<usize> {
        let lo = self.hits.partition_point(|h| h.start < s);
        let hi = self.hits.partition_point(|h| h.start < e).max(lo);
        lo..hi
    }

    fn consume_range(&mut self, s: usize, e: usize) {
        for i in self.hits_in(s, e) {
            self.consumed[i] = true;
        }
    }

    /// Parses what follows a cue up to `limit`: the addressee of "told", "quoted X as saying",
    /// ", citing X", and adjuncts ("in a statement", "on Monday", "to Reuters").
    fn parse_after(&self, h: &Hit, limit: usize) -> After {
        let text = self.text();
        let mut a = After {
            pos: h.end,
            outlet: None,
            regions: Vec::new(),
            cited: None,
            quoted: None,
        };
        let limit = limit.max(h.end);
        // Adjuncts and addressees are short: a window of the text keeps the capture engine's
        // cost independent of the sentence length.
        let rest = |pos: usize| {
            let mut end = limit.min(pos + 200);
            while end > pos && !text.is_char_boundary(end) {
                end -= 1;
            }
            text.get(pos..end).unwrap_or("")
        };
        if h.cue.lemma == "tell"
            && let Some(c) = ADDRESSEE.captures(rest(a.pos))
            && let Some(m) = c.get(0)
        {
            if let Some(o) = c.get(1).or_else(|| c.get(2)) {
                let (s, e) = trim_outlet(text, a.pos + o.start(), a.pos + o.end());
                if s < e {
                    a.outlet = Some((s, e));
                }
            }
            a.pos += m.end();
        }
        if h.cue.lemma == "quote"
            && let Some(c) = QUOTED_AS.captures(rest(a.pos))
            && let (Some(m), Some(src)) = (c.get(0), c.get(1))
        {
            a.quoted = Some((a.pos + src.start(), a.pos + src.end()));
            a.pos += m.end();
        }
        for _ in 0..6 {
            let r = rest(a.pos);
            let mut matched = false;
            for (k, re) in ADJUNCTS.iter().enumerate() {
                // The DFA rules out most adjuncts before the capture engine runs.
                if !re.is_match(r) {
                    continue;
                }
                if let Some(c) = re.captures(r)
                    && let Some(m) = c.get(0)
                    && m.end() > 0
                {
                    a.regions.push((a.pos, a.pos + m.end()));
                    // Medium adjunct "in an interview with X" and "to X" name an outlet.
                    let outlet = match k {
                        0 => c.get(1),
                        3 => c.get(2),
                        _ => None,
                    };
                    if a.outlet.is_none()
                        && let Some(o) = outlet
                    {
                        let (s, e) = trim_outlet(text, a.pos + o.start(), a.pos + o.end());
                        if s < e {
                            a.outlet = Some((s, e));
                        }
                    }
                    a.pos += m.end();
                    matched = true;
                    break;
                }
            }
            if !matched {
                break;
            }
        }
        if let Some(c) = CITING.captures(rest(a.pos))
            && let (Some(m), Some(src)) = (c.get(0), c.get(1))
        {
            a.cited = Some((a.pos + src.start(), a.pos + src.end()));
            // Leave a following "that" for the content rule.
            a.pos += if c.get(2).is_some() {
                m.end()
            } else {
                src.end()
            };
        }
        a
    }

    /// The subject noun phrase ending at `end` (a cue's start), searched back to `floor`.
    /// Returns its byte range and the stripped words between it and the cue.
    fn subject_before(&self, floor: usize, end: usize) -> Option<((usize, usize), (usize, usize))> {
        let text = self.text();
        let toks = np::tokens(text, floor, end);
        let mut n = toks.len();
        // Strip adverbs, auxiliaries and time words between subject and cue.
        while n > 0 && PRE_CUE.contains(&toks[n - 1].lower.as_str()) && !toks[n - 1].comma_after {
            n -= 1;
        }
        // "…, who said …" / "voters who say …": the relative pronoun is the subject (the
        // speaker is its antecedent, found when the statement is resolved).
        if n >= 2
            && matches!(toks[n - 1].lower.as_str(), "who" | "which")
            && !toks[n - 1].comma_after
        {
            let t = &toks[n - 1];
            return Some(((t.start, t.end), (t.end, end)));
        }
        // A non-restrictive relative clause between subject and cue ("Dana Morvik, who
        // worked there until February, said") describes the subject; it is not one.
        if let Some(r) = toks[..n]
            .iter()
            .rposition(|t| matches!(t.lower.as_str(), "who" | "whom" | "whose" | "which"))
            && r > 0
            && toks[r - 1].comma_after
            && toks[n - 1].comma_after
        {
            n = r;
        }
        let toks = &toks[..n];
        if toks.is_empty() {
            return None;
        }
        // Clause boundary: the last subordinator, or punctuation that cannot be inside a
        // subject (quotes, semicolons, colons, dashes, brackets).
        let mut start_idx = 0;
        for (i, t) in toks.iter().enumerate() {
            let gap_from = if i == 0 { floor } else { toks[i - 1].end };
            let gap = &text[gap_from..t.start];
            if gap.contains([';', ':', '”', '"', '[', ']', '—', '–', '“']) {
                start_idx = i;
            }
            if matches!(
                t.lower.as_str(),
                "that"
                    | "while"
                    | "because"
                    | "although"
                    | "though"
                    | "whereas"
                    | "if"
                    | "when"
                    | "but"
                    | "and"
                    | "so"
                    | "since"
                    | "after"
                    | "before"
                    | "as"
                    | "unless"
                    | "until"
                    | "whether"
                    | "where"
            ) && i + 1 < toks.len()
            {
                // "and" joins subjects ("Smith and Jones said") unless a comma precedes it.
                let joins = t.lower == "and"
                    && i > 0
                    && !toks[i - 1].comma_after
                    && toks[i - 1].cap
                    && toks[i + 1].cap;
                if !joins {
                    start_idx = i + 1;
                }
            }
        }
        let toks = &toks[start_idx..];
        // Chunks by commas, walking back from the cue.
        let mut chunks: Vec<&[Tok]> = Vec::new();
        let mut from = 0;
        for (i, t) in toks.iter().enumerate() {
            if t.comma_after || i + 1 == toks.len() {
                chunks.push(&toks[from..=i]);
                from = i + 1;
            }
        }
        let mut k = chunks.len().checked_sub(1)?;
        // Interposed adverbials between commas ("X, speaking on condition of anonymity,
        // said", "The ministry, on Monday, said") are skipped.
        while k > 0 && np::is_adverbial(chunks[k]) && np::is_np_like(chunks[k - 1]) {
            k -= 1;
        }
        let mut last = chunks[k];
        if !np::is_np_like(last) || np::is_adverbial(last) {
            // A subject after an adverbial without a comma ("In a televised address on
            // Sunday she said", "On Monday the ministry said"): the longest suffix that
            // starts a noun phrase outside a prepositional phrase.
            let from = (1..last.len()).find(|&i| {
                let t = &last[i];
                let p = &last[i - 1];
                let starts_np = np::DETERMINERS.contains(&t.lower.as_str())
                    || np::PRONOUNS.contains(&t.lower.as_str())
                    || (t.cap && !p.cap);
                starts_np
                    && !np::PREPOSITIONS.contains(&p.lower.as_str())
                    && np::is_np_like(&last[i..])
                    && !np::is_adverbial(&last[i..])
            })?;
            last = &last[from..];
            chunks[k] = last;
        }
        // An appositive after a name may be long ("Megan Hester, senior associate for
        // education organizing at the Annenberg Institute for School Reform, said").
        let long_ok = k > 0 && np::is_name(chunks[k - 1]) && np::has_role(last) && last.len() <= 16;
        if last.len() > 10 && !long_ok {
            return None;
        }
        let last_end = last[last.len() - 1].end;
        if last.len() == 1 && NOT_SOURCES.contains(&last[0].lower.as_str()) && last[0].lower != "it"
        {
            return None;
        }
        while k > 0 {
            let cur = chunks[k];
            let prev = chunks[k - 1];
            let appositive = np::is_np_like(prev)
                && !np::is_adverbial(prev)
                && prev.len() <= 8
                && ((np::is_name(prev) && (np::has_role(cur) || starts_with_det(cur)))
                    || (np::has_role(prev) && np::is_name(cur)));
            if !appositive {
                break;
            }
            k -= 1;
        }
        let first = chunks[k].first()?;
        // Everything between the subject and the cue may date the saying.
        Some(((first.start, last_end), (last_end, end)))
    }

    /// A noun phrase starting at `start` and ending at the first comma, clause word or
    /// `limit`, extended over one appositive ("UATV, a Ukrainian broadcaster,").
    fn np_forward(
        &self,
        start: usize,
        limit: usize,
        allow_appositive: bool,
    ) -> Option<(usize, usize)> {
        let text = self.text();
        let toks = np::tokens(text, start, limit);
        let gap_end = toks.first()?.start;
        if text[start..gap_end].contains(['“', '"', ':', ';']) {
            return None;
        }
        let mut end_idx = None;
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && matches!(t.lower.as_str(), "that" | "who" | "which" | "whose") {
                end_idx = Some(i - 1);
                break;
            }
            let gap_to = toks.get(i + 1).map_or(limit, |n| n.start);
            let gap = &text[t.end..gap_to];
            // Inside a sentence a full stop belongs to an abbreviation ("Capt. Luis Ortega").
            if t.comma_after || gap.contains(['“', '”', '"', '(', ')']) {
                end_idx = Some(i);
                break;
            }
        }
        let end_idx = end_idx.unwrap_or(toks.len() - 1);
        let head = &toks[..=end_idx];
        if !np::is_np_like(head) || head.len() > 10 {
            return None;
        }
        let mut end = head[head.len() - 1].end;
        if allow_appositive && toks[end_idx].comma_after {
            let rest = &toks[end_idx + 1..];
            // An appositive ends at a comma with more text after it (the content follows:
            // "According to X, a broadcaster, …"), or at the end of the sentence ("…, said
            // X, a city engineer.").
            let stop = rest
                .iter()
                .position(|t| t.comma_after)
                .filter(|&i| i + 1 < rest.len())
                .or_else(|| {
                    let last = rest.len().checked_sub(1)?;
                    let tail = &text[rest[last].end..limit];
                    (!tail.chars().any(char::is_alphanumeric)).then_some(last)
                });
            if let Some(stop) = stop {
                let appos = &rest[..=stop];
                if appos.len() <= 8
                    && np::is_np_like(appos)
                    && ((starts_with_det(appos) && np::has_role(appos))
                        || (np::is_name(appos) && np::has_role(head)))
                {
                    end = appos[appos.len() - 1].end;
                }
            }
        }
        Some((start + (gap_end - start), end))
    }
}

/// An inverted source ("…, said X") is a name, a role or a pronoun, not any noun phrase.
fn speaker_shaped(text: &str, (s, e): (usize, usize)) -> bool {
    let toks = np::tokens(text, s, e);
    let head: Vec<Tok> = toks
        .iter()
        .take_while(|t| !t.comma_after)
        .cloned()
        .collect();
    let head = if head.len() < toks.len() {
        &toks[..=head.len()]
    } else {
        &toks[..]
    };
    np::is_name(head)
        || np::has_role(head)
        || (head.len() == 1 && np::PRONOUNS.contains(&head[0].lower.as_str()))
}

fn starts_with_det(toks: &[Tok]) -> bool {
    toks.first().is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our"
        ) || t.lower.ends_with("'s")
            || t.lower.ends_with("’s")
    })
}

fn trim_outlet(text: &str, s: usize, e: usize) -> (usize, usize) {
    let mut e = e;
    loop {
        let slice = &text[s..e];
        let trimmed = slice.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
        let cut = ["of", "for", "and", "&", "de", "on"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w).filter(|r| r.ends_with(' ')));
        match cut {
            Some(r) => e = s + r.len(),
            None => {
                e = s + trimmed.len();
                break;
            }
        }
    }
    (s, e)
}

#[derive(Debug)]
struct After {
    pos: usize,
    outlet: Option<(usize, usize)>,
    regions: Vec<(usize, usize)>,
    cited: Option<(usize, usize)>,
    quoted: Option<(usize, usize)>,
}

/// Content end: the sentence end without its final punctuation.
fn content_end(text: &str, s: usize, e: usize) -> usize {
    let slice = text.get(s..e).unwrap_or("");
    let t =
        slice.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | ','));
    // Keep a closing quote only if the content contains its opening.
    let t2 = t.trim_end_matches(['”', '"']);
    if t2.len() != t.len() && !t2.contains(['“', '"']) {
        return s + t2
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | ','))
            .len();
    }
    s + t.len()
}

fn word_count(text: &str, s: usize, e: usize) -> usize {
    text.get(s..e).map_or(0, |t| t.split_whitespace().count())
}

/// Runs every statement rule over the document.
pub fn extract(doc: &Document, posts: &[Post]) -> Vec<Statement> {
    let text = doc.text;
    let hits = cue_hits(text);
    let datelines = doc
        .sentences
        .iter()
        .map(|s| {
            let before = text[..s.start].trim_end_matches([' ', '\t']);
            let opens_line = before.is_empty() || before.ends_with('\n');
            if opens_line {
                crate::ingest::metadata::dateline_len(&text[s.start..s.end])
            } else {
                0
            }
        })
        .collect();
    let mut ctx = Ctx {
        doc,
        datelines,
        quotes: find_quotes(text),
        consumed: vec![false; hits.len()],
        hits,
        posts,
    };
    let mut frames: Vec<Frame> = Vec::new();
    for (i, p) in posts.iter().enumerate() {
        // The name as the signature writes it; a post known from markup alone may have none.
        let source = text[p.signature.0..p.signature.1]
            .find(p.name.as_str())
            .map_or((p.signature.0, p.signature.0), |i| {
                (p.signature.0 + i, p.signature.0 + i + p.name.len())
            });
        let mut f = Frame::new(
            source,
            p.body,
            "embedded post signature '— Name (@handle) date'",
        );
        f.direct = true;
        f.post = Some(i);
        f.confidence = 0.9;
        frames.push(f);
    }
    for (i, h) in ctx.hits.iter().enumerate() {
        if ctx.in_post(h.start) {
            ctx.consumed[i] = true;
        }
    }
    signature_pass(&mut ctx, &mut frames);
    quote_pass(&mut ctx, &mut frames);
    cue_pass(&mut ctx, &mut frames);
    noun_cue_pass(&ctx, &mut frames);
    let mut frames = merge_relays(&ctx, frames);
    bare_quote_pass(&ctx, &mut frames);
    frames.sort_by_key(|f| (f.content.0, f.source.0));
    let mut statements = resolve(&ctx, frames);
    relay_nested(&mut statements);
    statements
}

/// "Smith said Jones had told him that the plant would close": the inner attribution (Jones
/// told) is relayed by the outer speaker (Smith). An inner statement is one whose cue lies
/// inside another's indirect content; statements are sorted by content start, so the
/// enclosing candidates are found by a binary search and a short walk back.
fn relay_nested(statements: &mut [Statement]) {
    let outer: Vec<(usize, usize, usize)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.direct)
        .map(|(i, s)| (s.content_span.start, s.content_span.end, i))
        .collect();
    let max_len = outer.iter().map(|o| o.1 - o.0).max().unwrap_or(0);
    let mut relays: Vec<(usize, String)> = Vec::new();
    for (i, s) in statements.iter().enumerate() {
        let Some(cue) = s.cue_span else { continue };
        if !s.relay.is_empty() {
            continue;
        }
        let upto = outer.partition_point(|o| o.0 <= cue.start);
        let from = outer.partition_point(|o| o.0 + max_len < cue.start);
        let enclosing = outer[from..upto]
            .iter()
            .filter(|o| o.2 != i && o.0 <= cue.start && cue.end <= o.1)
            .min_by_key(|o| o.1 - o.0);
        // "The company said it expected …": the speaker reports its own belief; nothing is
        // relayed.
        let own = matches!(
            s.speaker_mention.to_lowercase().as_str(),
            "he" | "she" | "it" | "they" | "we" | "i"
        );
        if let Some(&(_, _, j)) = enclosing
            && !own
        {
            let o = &statements[j];
            // Each inside the other ("Markets expect X, economists wrote"): no nesting.
            let mutual = o
                .cue_span
                .is_some_and(|c| s.content_span.start <= c.start && c.end <= s.content_span.end);
            if !mutual && !o.speaker.is_empty() && !o.speaker.eq_ignore_ascii_case(&s.speaker) {
                relays.push((i, o.speaker.clone()));
            }
        }
    }
    for (i, r) in relays {
        let s = &mut statements[i];
        s.relay.push(r);
        s.reason
            .push_str("; nested in another attribution: relayed by its speaker");
    }
}

static DASH_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[ \t\u{a0}]*[―—–][ \t\u{a0}]*([A-Z][\w.'’-]*(?:[ \t\u{a0}]+[A-Z][\w.'’-]*){0,3})[ \t\u{a0}]*(?:,[^\n]{0,80})?(?:\n|\z)")
        .expect("dash signature regex compiles")
});

/// A line "Name: words" with a capitalised label of up to six words: a colon headline
/// ("Pence: Flowers Won’t Be at Debate") on the first line, or an interview's answer
/// ("Solberg: No.") when the same label starts two or more lines.
static COLON_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*["“]?([A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|the|for|and|on)){0,5})(:)[ \t]+(\S[^\n]*)"#)
        .expect("colon line regex compiles")
});

static TRANSCRIPT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?m)^[ \t]*["“]?([A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,2})(:)[ \t]+(\S[^\n]*)"#,
    )
    .expect("transcript label regex compiles")
});

/// Labels in capitals that are not speakers.
const NOT_SPEAKER_LABELS: &[&str] = &[
    "UPDATE",
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "WATCH",
    "RELATED",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "READ MORE",
    "SOURCE",
    "SOURCES",
    "CORRECTION",
    "CLARIFICATION",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "FACT CHECK",
    "TRANSCRIPT",
    "LISTEN",
    "SEE ALSO",
    "Q",
    "A",
    "WASHINGTON",
    "LONDON",
    "NEW YORK",
    "PARIS",
    "BERLIN",
    "MOSCOW",
    "KYIV",
];

/// A cue that is punctuation: the dash of a quotation's signature, a transcript's colon.
const PUNCT_CUE: Cue = Cue {
    lemma: "",
    class: CueClass::Neutral,
    kind: CueKind::Verb,
    bare_clause: false,
    noun_like: false,
    participle: false,
};

/// Quotations signed with a dash ("“…” ― Sonya Herridge") and transcript lines ("PENCE:
/// …").
fn signature_pass(ctx: &mut Ctx, frames: &mut Vec<Frame>) {
    let text = ctx.text();
    for q in ctx.quotes.clone() {
        if q.words < 3 || ctx.in_post(q.open) {
            continue;
        }
        let Some(c) = DASH_SIGNATURE.captures(&text[q.close_end..]) else {
            continue;
        };
        let (Some(name), Some(whole)) = (c.get(1), c.get(0)) else {
            continue;
        };
        let dash = text[q.close_end..q.close_end + whole.end()]
            .char_indices()
            .find(|(_, ch)| matches!(ch, '―' | '—' | '–'))
            .map(|(i, ch)| (q.close_end + i, q.close_end + i + ch.len_utf8()));
        let Some((ds, de)) = dash else { continue };
        let src = (q.close_end + name.start(), q.close_end + name.end());
        let mut f = Frame::new(
            src,
            (q.inner_start, q.inner_end),
            "quotation signed '― Name'",
        );
        f.cue = Some((ds, de, PUNCT_CUE));
        f.direct = true;
        f.confidence = 0.8;
        ctx.consume_range(q.open, src.1);
        frames.push(f);
    }
    for c in TRANSCRIPT_LABEL.captures_iter(text) {
        let (Some(label), Some(colon), Some(body)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        if NOT_SPEAKER_LABELS.contains(&label.as_str()) || ctx.in_post(label.start()) {
            continue;
        }
        // The answer goes on over following paragraphs that open with a quote mark (the
        // transcript's house style) and carry no label of their own.
        let mut end = body.end();
        loop {
            let next = end + (text[end..].len() - text[end..].trim_start().len());
            let rest = &text[next..];
            if next == end
                || !rest.starts_with(['"', '“'])
                || TRANSCRIPT_LABEL.is_match(&rest[..rest.find('\n').unwrap_or(rest.len())])
            {
                break;
            }
            end = rest.find('\n').map_or(text.len(), |i| next + i);
        }
        let mut f = Frame::new(
            (label.start(), label.end()),
            (body.start(), content_end(text, body.start(), end)),
            "transcript line 'NAME: …'",
        );
        f.cue = Some((colon.start(), colon.end(), PUNCT_CUE));
        f.direct = true;
        f.confidence = 0.75;
        ctx.consume_range(body.start(), end);
        frames.push(f);
    }
    colon_lines(ctx, frames);
}

fn colon_lines(ctx: &mut Ctx, frames: &mut Vec<Frame>) {
    let text = ctx.text();
    let lines: Vec<regex::Captures> = COLON_LINE.captures_iter(text).collect();
    // How many lines each label starts (counted once, not per line).
    let mut label_count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in &lines {
        if let Some(m) = c.get(1) {
            *label_count.entry(m.as_str()).or_default() += 1;
        }
    }
    let first_line = text.find(|c: char| !c.is_whitespace()).unwrap_or(0);
    for c in &lines {
        let (Some(label), Some(colon), Some(body)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let l = label.as_str();
        let repeated = label_count.get(l).copied().unwrap_or(0) >= 2;
        let headline = c.get(0).is_some_and(|m| m.start() <= first_line + 1);
        let taken = frames.iter().any(|f| {
            f.content.0 <= body.start() && body.start() < f.content.1.max(f.content.0 + 1)
        });
        if !(headline || repeated)
            || taken
            || (headline
                && (l.starts_with("The ")
                    || !np::is_name(&np::tokens(text, label.start(), label.end()))))
            || NOT_SPEAKER_LABELS.contains(&l)
            || NOT_SPEAKER_LABELS.contains(&l.to_uppercase().as_str())
            || l.split_whitespace().count() > 6
            || ctx.in_post(label.start())
            || word_count(text, body.start(), body.end()) < 2
        {
            continue;
        }
        let mut f = Frame::new(
            (label.start(), label.end()),
            (body.start(), content_end(text, body.start(), body.end())),
            if headline {
                "colon headline 'Name: …'"
            } else {
                "interview line 'Name: …'"
            },
        );
        f.cue = Some((colon.start(), colon.end(), PUNCT_CUE));
        f.direct = !headline;
        f.confidence = 0.7;
        ctx.consume_range(body.start(), body.end());
        frames.push(f);
    }
}

fn quote_pass(ctx: &mut Ctx, frames: &mut Vec<Frame>) {
    let text = ctx.text();
    let quotes = ctx.quotes.clone();
    let mut handled = vec![false; quotes.len()];
    // Quotations already attributed by their signature.
    let signed: std::collections::HashSet<(usize, usize)> =
        frames.iter().map(|f| f.content).collect();
    for qi in 0..quotes.len() {
        let q = quotes[qi];
        if handled[qi]
            || q.words < 3
            || ctx.in_post(q.open)
            || signed.contains(&(q.inner_start, q.inner_end))
        {
            continue;
        }
        // After: “…,” he said. / “…,” said Smith.
        let (_, mut s2e) = ctx.sentence(q.close_end.saturating_sub(1));
        // “… is?” Graham asked. — the splitter ends a sentence at the question mark.
        if s2e <= q.close_end
            && text[q.inner_start..q.inner_end]
                .trim_end()
                .ends_with(['?', '!'])
            && text[q.close_end..].starts_with([' ', '\u{a0}'])
        {
            s2e = ctx.sentence(q.close_end + 1).1.max(s2e);
        }
        let next_quote = quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
        let limit = s2e.min(next_quote).max(q.close_end);
        let after_hit = ctx
            .hits_in(q.close_end, limit)
            .map(|i| (i, &ctx.hits[i]))
            .find(|(i, h)| {
                !ctx.consumed[*i]
                    && h.cue.kind == CueKind::Verb
                    && word_count(text, q.close_end, h.start) <= 8
            })
            .map(|(i, h)| (i, *h));
        if let Some((hi, h)) = after_hit {
            let gap = &text[q.close_end..h.start];
            let a = ctx.parse_after(&h, limit);
            // After "“…,” he said" only adjuncts follow ("after the game"), not a
            // complement clause of its own.
            let tail = text.get(a.pos..s2e).unwrap_or("");
            let tail_ok = !THAT.is_match(tail) && !tail.trim_start().starts_with(':');
            let inverted = !gap.chars().any(char::is_alphanumeric);
            let source = if inverted {
                // Inverted: “…,” said Smith.
                ctx.np_forward(a.pos, limit, true)
            } else {
                ctx.subject_before(q.close_end, h.start).map(|(s, _)| s)
            };
            if let Some(src) = source
                && tail_ok
            {
                let mut f = Frame::new(src, (q.inner_start, q.inner_end), "");
                f.cue = Some((h.start, h.end, h.cue));
                f.direct = true;
                f.outlet = a.outlet;
                f.said_regions = a.regions.clone();
                f.rule = format!(
                    "direct quote + cue '{}' after it{}",
                    &text[h.start..h.end],
                    if inverted {
                        " (inverted: cue before source)"
                    } else {
                        ""
                    }
                );
                f.confidence = 0.9;
                if inverted {
                    f.said_regions.push((src.1, s2e));
                }
                ctx.consumed[hi] = true;
                ctx.consume_range(q.open, q.close_end);
                ctx.consume_range(h.start, a.pos.max(src.1));
                handled[qi] = true;
                // A split quote: “…,” he said, “…”.
                let between = src.1.max(a.pos);
                if let Some(nq) = quotes.get(qi + 1)
                    && nq.open < s2e
                    && between <= nq.open
                    && ctx.hits_in(between, nq.open).is_empty()
                {
                    let mut g = f.clone();
                    g.content = (nq.inner_start, nq.inner_end);
                    g.rule = format!("{} (second half of a split quote)", f.rule);
                    ctx.consume_range(nq.open, nq.close_end);
                    handled[qi + 1] = true;
                    frames.push(f);
                    frames.push(g);
                } else {
                    frames.push(f);
                }
                continue;
            }
        }
        // Before: X said: “…” / X told Ukrinform, “…”.
        let (s1s, _) = ctx.sentence(q.open);
        let before_hit = ctx
            .hits_in(s1s, q.open)
            .rev()
            .map(|i| (i, &ctx.hits[i]))
            .find(|(i, h)| h.end <= q.open && !ctx.consumed[*i] && ctx.quote_at(h.start).is_none())
            .map(|(i, h)| (i, *h));
        let Some((hi, h)) = before_hit else {
            continue;
        };
        if h.cue.kind != CueKind::Verb {
            continue;
        }
        let a = ctx.parse_after(&h, q.open);
        let mid = text.get(a.pos..q.open).unwrap_or("x");
        let mid_t = mid.trim();
        let mid_ok = mid_t.is_empty()
            || matches!(mid_t, ":" | "," | "that" | ", that" | "that:")
            || mid_t.trim_start_matches(',').trim() == "that";
        if !mid_ok {
            continue;
        }
        let src = if let Some(c) = a.quoted {
            Some(c)
        } else {
            ctx.subject_before(s1s, h.start).map(|(s, _)| s)
        };
        let Some(src) = src else { continue };
        let mut f = Frame::new(src, (q.inner_start, q.inner_end), "");
        f.cue = Some((h.start, h.end, h.cue));
        f.direct = true;
        f.outlet = a.outlet;
        f.said_regions = a.regions.clone();
        if let Some((_, stripped)) = ctx.subject_before(s1s, h.start) {
            f.said_regions.push(stripped);
        }
        f.rule = format!(
            "cue '{}' + direct quote after it{}",
            &text[h.start..h.end],
            if f.outlet.is_some() {
                "; outlet from the addressee"
            } else {
                ""
            }
        );
        f.confidence = 0.9;
        ctx.consumed[hi] = true;
        ctx.consume_range(h.start, q.close_end);
        handled[qi] = true;
        frames.push(f);
    }
}

fn cue_pass(ctx: &mut Ctx, frames: &mut Vec<Frame>) {
    let text = ctx.text();
    for hi in 0..ctx.hits.len() {
        if ctx.consumed[hi] {
            continue;
        }
        let h = ctx.hits[hi];
        if ctx.quote_at(h.start).is_some() {
            continue;
        }
        let (ss, se) = ctx.sentence(h.start);
        let frame = match h.cue.kind {
            CueKind::Prep => according_frame(ctx, &h, ss, se),
            CueKind::Relay => relay_frame(ctx, &h, ss, se),
            CueKind::Verb => verb_frame(ctx, &h, ss, se, frames),
        };
        if let Some(f) = frame {
            if f.content.1 <= f.content.0 || word_count(text, f.content.0, f.content.1) < 2 {
                continue;
            }
            ctx.consumed[hi] = true;
            ctx.consume_range(h.start, f.after_end);
            frames.push(f);
        }
    }
}

/// "According to X, …" / "…, according to X."
fn according_frame(ctx: &Ctx, h: &Hit, ss: usize, se: usize) -> Option<Frame> {
    let text = ctx.text();
    let src = ctx.np_forward(h.end, se, true)?;
    let lead = np::tokens(text, ss, h.start);
    let initial = lead.iter().all(|t| {
        matches!(
            t.lower.as_str(),
            "but" | "and" | "however" | "yet" | "still" | "also" | "so" | "even" | "now" | "then"
        )
    });
    let content = if initial {
        let after = text[src.1..se].find(',').map(|i| src.1 + i + 1)?;
        let s = after + (text[after..se].len() - text[after..se].trim_start().len());
        (s, content_end(text, s, se))
    } else {
        let before = text[ss..h.start].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
        (ss, ss + before.len())
    };
    let mut f = Frame::new(src, content, "");
    f.cue = Some((h.start, h.end, h.cue));
    f.rule = format!(
        "'{}' + source {} the content",
        &text[h.start..h.end],
        if initial { "before" } else { "after" }
    );
    // "according to a spokesperson quoted by Meridian": the speaker is the spokesperson and
    // Meridian relays them ("quoted" is not a second attribution with its own subject).
    if let Some(m) = QUOTED_BY.find(&text[src.0..se])
        && src.0 + m.start() <= src.1
        && m.start() > 0
        && let Some(relay) = ctx.np_forward(src.0 + m.end(), se, true)
    {
        f.source = (src.0, src.0 + m.start());
        f.relay.push(relay);
        f.after_end = relay.1;
        f.rule.push_str(&format!("; relay '{}'", m.as_str().trim()));
    }
    f.confidence = 0.85;
    f.direct = quoted_content(ctx, content);
    Some(f)
}

/// Noun cues after a possessor: "Trump's claim that …", "the White House’s promise to …".
static NOUN_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*)(?:'s|’s)\s+(?:(?:own|latest|new|repeated|earlier|false|unfounded|controversial|main|central|recent|initial|stated)\s+)?(claims?|assertions?|allegations?|statement|promises?|pledges?|vow|warnings?|argument|contention|insistence|belief|suggestion|demands?|threats?|denial|admission|accusations?|predictions?|hopes?|fears?|proposals?|position)\s+(that|to)\s+")
        .expect("noun cue regex compiles")
});

/// "In a poll released Sunday, Clinton led …", "In Smith’s view, the plan …": the document
/// or the possessor is the source, the rest of the sentence the content.
static IN_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?”\n]\s*)(In)\s+((?:(?:the|a|an|this|that|its|his|her|their|one|another|a\s+new)\s+)?(?:[\w’'/.-]+\s+){0,6}?(?:poll|polls|survey|surveys|study|report|analysis|memo|letter|filing|complaint|lawsuit|indictment)|(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*(?:'s|’s)\s+(?:view|opinion|words|estimation|telling|account))(?:\s+[^,.;:“”]{0,60}?)?,\s+")
        .expect("in-source regex compiles")
});

fn noun_class(noun: &str) -> CueClass {
    match noun.trim_end_matches('s') {
        "claim" | "assertion" | "allegation" | "accusation" => CueClass::Hedged,
        "promise" | "pledge" | "vow" => CueClass::Commitment,
        "warning" | "threat" => CueClass::Warning,
        "belief" | "hope" | "fear" | "prediction" => CueClass::Belief,
        "demand" | "suggestion" | "proposal" => CueClass::Request,
        "denial" => CueClass::Denial,
        _ => CueClass::Neutral,
    }
}

fn noun_cue_pass(ctx: &Ctx, frames: &mut Vec<Frame>) {
    let text = ctx.text();
    let taken = |frames: &[Frame], s: usize, e: usize| {
        frames.iter().any(|f| f.content.0 < e && s < f.content.1)
    };
    let mut added = Vec::new();
    for c in NOUN_CUE.captures_iter(text) {
        let (Some(src), Some(noun), Some(conj), Some(all)) =
            (c.get(1), c.get(2), c.get(3), c.get(0))
        else {
            continue;
        };
        if ctx.quote_at(all.start()).is_some() {
            continue;
        }
        let (_, se) = ctx.sentence(all.start());
        let s = if conj.as_str() == "to" {
            conj.start()
        } else {
            all.end()
        };
        let e = np_object_end(
            text,
            s,
            clause_end(text, s, content_end(text, s, se.max(s))),
        );
        // A noun cue may sit inside another statement's content ("…, aides said"): it is a
        // nested attribution of its own, unless a frame already starts there.
        let same = |fs: &[Frame]| fs.iter().any(|f| f.content.0 == s);
        if word_count(text, s, e) < 3 || same(frames) || same(&added) {
            continue;
        }
        let src = (src.start(), src.end());
        let mut f = Frame::new(
            src,
            (s, e),
            format!("noun cue: NAME's '{}' {}", noun.as_str(), conj.as_str()),
        );
        let cue = Cue {
            lemma: "noun cue",
            class: noun_class(noun.as_str()),
            kind: CueKind::Verb,
            bare_clause: false,
            noun_like: true,
            participle: false,
        };
        f.cue = Some((noun.start(), noun.end(), cue));
        f.confidence = 0.6;
        f.direct = quoted_content(ctx, (s, e));
        added.push(f);
    }
    for c in IN_SOURCE.captures_iter(text) {
        let (Some(cue_m), Some(src), Some(all)) = (c.get(1), c.get(2), c.get(0)) else {
            continue;
        };
        if ctx.quote_at(cue_m.start()).is_some() {
            continue;
        }
        let (_, se) = ctx.sentence(cue_m.start());
        let s = all.end();
        let e = content_end(text, s, se.max(s));
        // "In a statement, officials said …": the sentence's own cue makes the statement.
        if s >= e
            || word_count(text, s, e) < 3
            || !ctx.hits_in(s, e).all(|i| ctx.hits[i].cue.noun_like)
            || taken(frames, s, e)
            || taken(&added, s, e)
        {
            continue;
        }
        let mut src = (src.start(), src.end());
        // "In Smith’s view": Smith speaks, not the view.
        let phrase = &text[src.0..src.1];
        let possessed = [
            "view",
            "opinion",
            "words",
            "estimation",
            "telling",
            "account",
        ]
        .iter()
        .any(|w| phrase.ends_with(w));
        if possessed && let Some(p) = phrase.rfind(['\'', '’']) {
            src = (src.0, src.0 + p);
        }
        let mut f = Frame::new(src, (s, e), "'In SOURCE,' + content");
        let cue = Cue {
            lemma: "in",
            class: CueClass::Report,
            kind: CueKind::Prep,
            bare_clause: false,
            noun_like: false,
            participle: false,
        };
        f.cue = Some((cue_m.start(), cue_m.end(), cue));
        f.confidence = 0.6;
        f.direct = quoted_content(ctx, (s, e));
        added.push(f);
    }
    frames.extend(added);
}

/// "… quoted by X", "… as cited by X" inside or right after an attribution's source.
static QUOTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:as\s+)?(?:quoted|cited|interviewed)\s+by\s+")
        .expect("quoted-by regex compiles")
});

/// "…, as reported by X." with no other attribution in the sentence.
fn relay_frame(ctx: &Ctx, h: &Hit, ss: usize, se: usize) -> Option<Frame> {
    let text = ctx.text();
    let src = ctx.np_forward(h.end, se, true)?;
    let before = text[ss..h.start].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let mut f = Frame::new(src, (ss, ss + before.len()), "");
    f.cue = Some((h.start, h.end, h.cue));
    f.rule = format!("'{}' + source", &text[h.start..h.end]);
    f.confidence = 0.75;
    Some(f)
}

fn quoted_content(ctx: &Ctx, content: (usize, usize)) -> bool {
    let text = ctx.text();
    let t = text.get(content.0..content.1).unwrap_or("").trim();
    t.starts_with(['“', '"']) && t.ends_with(['”', '"'])
}

fn verb_frame(ctx: &Ctx, h: &Hit, ss: usize, se: usize, frames: &[Frame]) -> Option<Frame> {
    let text = ctx.text();
    let prev_toks = np::tokens(text, ss, h.start);
    let prev = prev_toks.last();
    let gap_before = text[prev.map_or(ss, |t| t.end)..h.start].trim();
    let cue_text = &text[h.start..h.end];
    if h.cue.noun_like {
        if prev.is_some_and(|p| NOUN_CONTEXT.contains(&p.lower.as_str()) && gap_before.is_empty()) {
            return None;
        }
        let next = np::tokens(text, h.end, se);
        if next.first().is_some_and(|n| {
            matches!(
                n.lower.as_str(),
                "of" | "by" | "from" | "were" | "was" | "are" | "is" | "have" | "has"
            )
        }) {
            return None;
        }
    }
    // ", adding that …" / ", saying …": the subject of the sentence's earlier attribution.
    // Other classes take their object too (", promising to lift regulations", ", blaming
    // higher prices"), as PolNeAR and PARC annotate them.
    let speech_class = matches!(
        h.cue.class,
        CueClass::Neutral
            | CueClass::Assertive
            | CueClass::Hedged
            | CueClass::Warning
            | CueClass::Denial
            | CueClass::Report
    );
    let by_ing = prev.is_some_and(|p| p.lower == "by" && gap_before.is_empty());
    if h.cue.participle
        && (gap_before.ends_with(',') || by_ing)
        && (speech_class || object_cue(h.cue))
    {
        let earlier = frames
            .iter()
            .rev()
            .find(|f| f.cue.is_some_and(|c| c.0 >= ss && c.1 <= h.start) && f.post.is_none());
        let src = match earlier {
            Some(f) => Some(f.source),
            None => leading_subject(ctx, ss, h.start),
        }?;
        let a = ctx.parse_after(h, se);
        let mut s = a.pos;
        let mut object = false;
        if text[s..se].trim_start().starts_with(',') {
            // "writing in The Spectator, argued that …": the next cue takes the clause.
            return None;
        }
        if let Some(m) = THAT.find(&text[s..se]) {
            s += m.end();
        } else if !h.cue.bare_clause && !text[s..se].trim_start().starts_with(['“', '"', ':']) {
            // A speech verb's object is not a reported clause; other classes take it.
            if speech_class || !object_cue(h.cue) {
                return None;
            }
            let first = text[s..se]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            if NO_OBJECT.contains(&first.trim_matches(|c: char| !c.is_alphanumeric())) {
                return None;
            }
            object = true;
        }
        let s = s + (text[s..se].len() - text[s..se].trim_start().len());
        let e = clause_end(text, s, content_end(text, s, se));
        let e = if object { np_object_end(text, s, e) } else { e };
        if object && vacuous(&text[s..e]) {
            return None;
        }
        let mut f = Frame::new(
            src,
            (s, e),
            format!("participle cue ', {cue_text}' continues the clause's subject"),
        );
        f.cue = Some((h.start, h.end, h.cue));
        f.confidence = 0.75;
        f.direct = quoted_content(ctx, (s, e));
        return Some(f);
    }
    let a = ctx.parse_after(h, se);
    let rest = text.get(a.pos..se).unwrap_or("");
    // Inverted: "…, said Smith." — comma (or closing quote) before the cue, a noun phrase
    // after it up to the end of the sentence.
    let before_trim = text[ss..h.start].trim_end();
    if before_trim.ends_with(',')
        && !h.cue.participle
        && let Some(src) = ctx.np_forward(a.pos, se, true)
        && POST_POSITION.is_match(&text[src.1..se])
        && speaker_shaped(text, src)
    {
        let content_s = ss;
        let content_e = ss + before_trim.trim_end_matches(',').trim_end().len();
        if word_count(text, content_s, content_e) >= 3 && !lead_has_cue(ctx, content_s, content_e) {
            let mut f = Frame::new(
                src,
                (content_s, content_e),
                format!("content + ', {cue_text} SOURCE' (inverted)"),
            );
            f.cue = Some((h.start, h.end, h.cue));
            f.outlet = a.outlet;
            f.said_regions = a.regions.clone();
            f.said_regions.push((src.1, se));
            f.confidence = 0.85 * h.cue.class.reliability();
            f.direct = quoted_content(ctx, (content_s, content_e));
            return Some(f);
        }
    }
    // A capitalised cue after a capitalised word inside running text is part of a name
    // ("the United States", "Stevie Wonder"), not a verb; headlines are title case throughout.
    if cue_text.starts_with(char::is_uppercase)
        && prev.is_some_and(|p| p.cap && gap_before.is_empty())
        && !title_case(text, ss, se)
    {
        return None;
    }
    let coordinated = prev.is_some_and(|p| matches!(p.lower.as_str(), "and" | "but"))
        && !gap_before.ends_with(',');
    let (subj, stripped) = if coordinated {
        // "X called the walkout “irresponsible” and said …", "StrideWell confirmed the
        // exposure but said …": the subject of the sentence's earlier attribution, else the
        // sentence's leading noun phrase.
        let earlier = frames
            .iter()
            .rev()
            .find(|f| f.cue.is_some_and(|c| c.0 >= ss && c.1 <= h.start) && f.post.is_none());
        let subj = match earlier {
            Some(f) => f.source,
            None => leading_subject(ctx, ss, h.start)?,
        };
        (subj, (h.start, h.start))
    } else {
        ctx.subject_before(ss, h.start)?
    };
    // A source starting with a preposition is the tail of an adverbial ("of the low
    // demand"), and a noun-like form ("states", "demands") is a verb only after a name, a
    // role or a pronoun when it takes a bare clause or an object.
    let subj_toks = np::tokens(text, subj.0, subj.1);
    if subj_toks
        .first()
        .is_some_and(|t| np::PREPOSITIONS.contains(&t.lower.as_str()))
    {
        return None;
    }
    // "Editor’s note:", "Russia's suspected ties": after a possessive the form is a noun or
    // an adjective. A lone adverb ("Initially state regulators …") is no subject either.
    if let Some(last) = subj_toks.last()
        && ((last.lower.ends_with("'s") || last.lower.ends_with("’s"))
            && !matches!(
                last.lower.trim_end_matches("'s").trim_end_matches("’s"),
                "he" | "she" | "it" | "that" | "who" | "there" | "what"
            )
            || (subj_toks.len() == 1 && last.lower.ends_with("ly")))
    {
        return None;
    }
    // A subject holding another cue ("Eide told analysts on a conference | call", "the
    // College said its members | rejected") or only a number ("3,000 | votes") is no
    // subject: the form is a noun, or the clause belongs to that other cue.
    let inner = ctx
        .hits_in(subj.0, subj.1)
        .rfind(|&i| !ctx.hits[i].cue.noun_like && !ctx.hits[i].cue.participle);
    // "Smith said Jones had told him …": the subject of "told" starts after "said".
    let (subj, stripped) = match inner {
        Some(i) if !h.cue.noun_like => ctx.subject_before(ctx.hits[i].end, h.start)?,
        _ => (subj, stripped),
    };
    let subj_toks = np::tokens(text, subj.0, subj.1);
    if (inner.is_some() && h.cue.noun_like)
        || subj_toks
            .iter()
            .all(|t| t.lower.chars().all(|c| c.is_ascii_digit() || c == ','))
    {
        return None;
    }
    let mut said = a.regions.clone();
    said.push(stripped);
    let mut relay = Vec::new();
    let mut src = subj;
    if let Some(c) = a.cited {
        relay.push(subj);
        src = c;
    }
    if let Some(q) = a.quoted {
        relay.push(subj);
        src = q;
    }
    let outlet = a.outlet.or_else(|| interview_outlet(text, ss, subj.0));
    let build = |content: (usize, usize), direct: bool, rule: String, conf: f32| {
        let mut f = Frame::new(src, content, rule);
        f.after_end = a.pos;
        f.cue = Some((h.start, h.end, h.cue));
        f.outlet = outlet;
        f.relay = relay.clone();
        f.direct = direct;
        f.said_regions = said.clone();
        f.confidence = conf * h.cue.class.reliability();
        f
    };
    if let Some(m) = THAT.find(rest)
        && word_count(text, a.pos + m.end(), se) >= 2
    {
        let s = a.pos + m.end();
        let e = clause_end(text, s, content_end(text, s, se));
        return Some(build(
            (s, e),
            quoted_content(ctx, (s, e)),
            format!("subject + cue '{cue_text}' + that-clause"),
            0.9,
        ));
    }
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == ',');
    let lead_len = rest.len() - trimmed.len();
    if trimmed.starts_with(['“', '"'])
        && let Some(q) = ctx.quote_at(a.pos + lead_len)
    {
        return Some(build(
            (q.inner_start, q.inner_end),
            true,
            format!("subject + cue '{cue_text}' + direct quote"),
            0.85,
        ));
    }
    if rest.trim_start().starts_with(':') {
        let s = a.pos + lead_len;
        let e = content_end(text, s, se);
        if word_count(text, s, e) < 2 && text[se..].starts_with(['\n', '\r']) {
            // "The governor added:" closing its paragraph: the content is the next one.
            let p0 = se + (text[se..].len() - text[se..].trim_start().len());
            let p1 = text[p0..].find('\n').map_or(text.len(), |i| p0 + i);
            let q0 = p0
                + text[p0..p1]
                    .find(|c: char| !matches!(c, '“' | '"' | '”'))
                    .unwrap_or(0);
            let quoted = q0 > p0;
            let q1 = if quoted {
                // Inside the quotation marks, as for any direct quote.
                let t = text[q0..p1].trim_end();
                q0 + t.trim_end_matches(['”', '"']).len()
            } else {
                content_end(text, q0, p1)
            };
            if word_count(text, q0, q1) >= 3 {
                let mut f = build(
                    (q0, q1),
                    quoted,
                    format!("subject + cue '{cue_text}:' + next paragraph"),
                    0.8,
                );
                f.after_end = se;
                return Some(f);
            }
        }
        return Some(build(
            (s, e),
            quoted_content(ctx, (s, e)),
            format!("subject + cue '{cue_text}:' + content"),
            0.8,
        ));
    }
    if POST_POSITION.is_match(rest) {
        // "…, officials said." The content is the sentence before the subject.
        let before = text[ss..subj.0].trim_end();
        if !before.ends_with([',', '”', '"', '—', '–']) {
            return None;
        }
        let e = ss + before.trim_end_matches([',', '—', '–']).trim_end().len();
        if word_count(text, ss, e) < 3 || lead_has_cue(ctx, ss, e) {
            return None;
        }
        if h.cue.participle {
            return None;
        }
        return Some(build(
            (ss, e),
            quoted_content(ctx, (ss, e)),
            format!("content + ', SOURCE {cue_text}'"),
            0.85,
        ));
    }
    // "is demanding", "are saying": a finite verb, not a gerund adjunct. After "was" /
    // "were" a past form is a passive ("was accused of"), whose subject is not the source.
    let be_before =
        prev.is_some_and(|p| BE_FORMS.contains(&p.lower.as_str())) && gap_before.is_empty();
    let progressive = h.cue.participle && be_before;
    let passive = !h.cue.participle && be_before;
    let finite = !h.cue.participle || progressive;
    // Documents and data speak too ("the lawsuit alleges", "the ad mentions", "a new poll
    // shows"), as does a person or an organisation.
    let shaped = speaker_shaped(text, subj)
        || subj_toks.last().is_some_and(|t| {
            DOCUMENT_NOUNS.contains(&t.lower.trim_end_matches("'s").trim_end_matches("’s"))
        });
    if h.cue.noun_like && !shaped {
        return None;
    }
    let s = a.pos + lead_len;
    let first = trimmed
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    // Bare complement clause: "He said the plan was dead." Noun-like forms ("say", "think")
    // qualify too: a determiner before them was ruled out above, and a subject was found.
    // ", ending a decade-long dispute": a participle clause of the writer's, not content.
    let comma_next = rest.trim_start().starts_with(',');
    let comma_ing = comma_next
        && rest.trim_start()[1..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.len() > 5 && w.ends_with("ing"));
    if h.cue.bare_clause && finite && !passive && !comma_ing {
        let quantity = AT_LEAST.is_match(trimmed);
        if !first.is_empty() && (!NO_BARE.contains(&first) || quantity) {
            let e = clause_end(text, s, content_end(text, s, se));
            if word_count(text, s, e) >= 3 {
                return Some(build(
                    (s, e),
                    quoted_content(ctx, (s, e)),
                    format!("subject + cue '{cue_text}' + bare clause"),
                    0.7,
                ));
            }
        }
    }
    // Object content: "Republicans want the vote delayed", "she called for an inquiry",
    // "critics accused him of lying", "the union plans to strike". Plain speech verbs are
    // left out: their noun-phrase objects are rarely statements ("said nothing").
    // Verbs of intention take an infinitive ("refused to answer"), not any object
    // ("declined slightly", "plans a rally" is an event, not an attribution).
    let object_ok = match h.cue.lemma {
        "threaten" | "decline" | "refuse" | "seek" | "intend" | "aim" | "plan" | "commit"
        | "wish" | "prefer" | "vote" => first == "to",
        // "painted Romney as an out-of-touch rich guy", "identified X as one of the reasons".
        "paint" | "identify" => text[s..se].contains(" as "),
        "decide" => matches!(first, "to" | "against" | "whether" | "on" | "not"),
        _ => true,
    };
    // An object content needs a speaker: a name, a role or a pronoun ("Clinton opposes the
    // deal", "critics called it a giveaway"), not any noun phrase ("a crossroads back …").
    if object_cue(h.cue)
        && object_ok
        && shaped
        && finite
        && !passive
        && !comma_next
        && !NO_OBJECT.contains(&first)
        && !first.is_empty()
    {
        let e = object_end(ctx, s, clause_end(text, s, content_end(text, s, se)));
        if vacuous(&text[s..e]) {
            return None;
        }
        // "announced it would …": a clause, not a noun phrase.
        let clause = matches!(first, "he" | "she" | "it" | "they" | "we" | "i" | "you");
        let e = if clause { e } else { np_object_end(text, s, e) };
        if word_count(text, s, e) >= 2 {
            return Some(build(
                (s, e),
                quoted_content(ctx, (s, e)),
                format!("subject + cue '{cue_text}' + object"),
                0.65,
            ));
        }
    }
    None
}

/// Whether most words of a sentence are capitalised (a headline).
fn title_case(text: &str, s: usize, e: usize) -> bool {
    let words: Vec<&str> = text[s..e]
        .split_whitespace()
        .filter(|w| w.len() > 3 && w.starts_with(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    !words.is_empty() && caps * 3 >= words.len() * 2
}

/// An object that says nothing ("declined to comment", "asked not to be named").
fn vacuous(content: &str) -> bool {
    content.split_whitespace().all(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
            "to" | "not"
                | "be"
                | "comment"
                | "named"
                | "identified"
                | "elaborate"
                | "further"
                | "publicly"
                | "on"
                | "the"
                | "matter"
                | "record"
                | "immediately"
                | "respond"
                | "requests"
                | "request"
                | "for"
                | "a"
                | "an"
        )
    })
}

/// Heads of subjects that are documents, studies or data.
const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "study",
    "studies",
    "poll",
    "polls",
    "survey",
    "surveys",
    "ad",
    "ads",
    "advertisement",
    "memo",
    "letter",
    "statement",
    "filing",
    "lawsuit",
    "suit",
    "indictment",
    "complaint",
    "ruling",
    "document",
    "documents",
    "analysis",
    "data",
    "figures",
    "numbers",
    "book",
    "article",
    "video",
    "audit",
    "review",
    "investigation",
    "findings",
    "research",
    "platform",
    "bill",
    "plan",
    "proposal",
    "order",
    "decision",
    "opinion",
    "tally",
    "records",
    "email",
    "emails",
    "tweet",
    "post",
    "campaign",
    "website",
    "editorial",
    "column",
    "clip",
];

const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];

/// First words after a cue that do not start an attributed content ("wants more", "agreed
/// and left").
const NO_OBJECT: &[&str] = &[
    "and",
    "or",
    "but",
    "so",
    "nothing",
    "yes",
    "no",
    "goodbye",
    "hello",
    "thanks",
    "more",
    "less",
    "little",
    "much",
    "it",
    "this",
    "that",
    "them",
    "him",
    "her",
    "up",
    "down",
    "out",
    "off",
    "back",
    "away",
    "here",
    "there",
    "too",
    "otherwise",
    "again",
    "earlier",
    "later",
    "while",
    "when",
    "after",
    "before",
    "as",
    "because",
    "if",
    "since",
    "until",
];

/// Whether a cue takes a noun-phrase, infinitive or prepositional object as its content.
fn object_cue(cue: Cue) -> bool {
    match cue.class {
        CueClass::Neutral => matches!(
            cue.lemma,
            "describe"
                | "mention"
                | "echo"
                | "recall"
                | "reiterate"
                | "repeat"
                | "explain"
                | "agree"
                | "advise"
                | "recount"
        ),
        CueClass::Social | CueClass::Report => matches!(cue.lemma, "cite" | "document"),
        CueClass::Warning => matches!(cue.lemma, "warn" | "threaten"),
        // "feel betrayed" is a state, not a belief, and "assume office" an act; their
        // clauses are handled above.
        CueClass::Belief => !matches!(cue.lemma, "feel" | "assume" | "learn"),
        _ => true,
    }
}

/// A noun-phrase or infinitive object ends at the first comma, semicolon or dash outside a
/// quotation, or before a subordinate clause ("condemned the launch as Pyongyang fired …").
fn np_object_end(text: &str, s: usize, e: usize) -> usize {
    let slice = &text[s..e];
    let mut in_quote = false;
    for (i, c) in slice.char_indices() {
        match c {
            '“' => in_quote = true,
            '”' => in_quote = false,
            '"' => in_quote = !in_quote,
            ',' | ';' | '—' | '–' if !in_quote && i > 0 => {
                return s + slice[..i].trim_end().len();
            }
            ' ' if !in_quote => {
                let rest = &slice[i + 1..];
                let word = rest
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if matches!(
                    word,
                    "as" | "while"
                        | "after"
                        | "before"
                        | "because"
                        | "since"
                        | "when"
                        | "amid"
                        | "although"
                        | "though"
                ) && i > 0
                {
                    return s + slice[..i].trim_end().len();
                }
            }
            _ => {}
        }
    }
    e
}

/// Indirect content ends at a semicolon outside quotation marks (a new clause of the
/// writer's: "… was not intentional; they only learned on Friday …").
fn clause_end(text: &str, s: usize, e: usize) -> usize {
    let mut in_quote = false;
    for (i, c) in text[s..e].char_indices() {
        match c {
            '“' => in_quote = true,
            '”' => in_quote = false,
            '"' => in_quote = !in_quote,
            ';' if !in_quote && i > 0 => return s + text[s..s + i].trim_end().len(),
            _ => {}
        }
    }
    e
}

/// Object content ends before a coordinated second cue ("called it X and said …"), which
/// makes its own statement.
fn object_end(ctx: &Ctx, s: usize, e: usize) -> usize {
    let text = ctx.text();
    for i in ctx.hits_in(s, e) {
        let h = ctx.hits[i];
        let before = text[s..h.start].trim_end();
        for conj in [" and", " but", ","] {
            if let Some(b) = before.strip_suffix(conj) {
                let b = b.trim_end_matches([',', ' ']);
                if !b.is_empty() {
                    return s + b.len();
                }
            }
        }
    }
    e
}

static INTERVIEW_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:in|during)\s+an?\s+(?:[\w-]+\s+)?interview\s+(?:with|on|to)\s+({OUTLET})"
    ))
    .expect("interview regex compiles")
});

/// "In an interview with the BBC, X said": the outlet named before the subject.
fn interview_outlet(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let c = INTERVIEW_WITH.captures(text.get(s..e)?)?;
    let m = c.get(1)?;
    let (a, b) = trim_outlet(text, s + m.start(), s + m.end());
    (a < b).then_some((a, b))
}

/// Whether the would-be content already has its own cue near its start (then the comma
/// before our cue is not the end of a reported clause), or is a fronted subordinate clause
/// ("While the Kremlin changed its tactics, Kiev continued …").
fn lead_has_cue(ctx: &Ctx, s: usize, e: usize) -> bool {
    let first = np::tokens(ctx.text(), s, e.min(s + 40))
        .first()
        .map(|t| t.lower.clone())
        .unwrap_or_default();
    if matches!(
        first.as_str(),
        "while"
            | "although"
            | "though"
            | "when"
            | "if"
            | "as"
            | "because"
            | "after"
            | "before"
            | "since"
            | "unless"
            | "whereas"
            | "once"
            | "until"
    ) {
        return true;
    }
    ctx.hits_in(s, s + 3).any(|i| {
        let h = &ctx.hits[i];
        h.end <= e && h.cue.kind == CueKind::Prep
    })
}

/// The sentence-initial noun phrase (for ", saying …" without an earlier attribution).
fn leading_subject(ctx: &Ctx, ss: usize, end: usize) -> Option<(usize, usize)> {
    let text = ctx.text();
    let mut toks = np::tokens(text, ss, end);
    // Skip an opening adverbial up to its comma: a participle clause ("Appearing before the
    // committee, Sir Philip Ames said …"), a prepositional or time phrase ("On Thursday,",
    // "In August,", "A decade ago,"), a lone adjective or adverb ("Chastened,", "Perhaps,").
    for _ in 0..2 {
        let Some(c) = toks.iter().position(|t| t.comma_after) else {
            break;
        };
        let first = &toks[0];
        let chunk = &toks[..=c];
        let adverbial = (first.lower.ends_with("ing") && first.lower.len() > 5)
            || np::PREPOSITIONS.contains(&first.lower.as_str())
            || (chunk.len() == 1
                && (first.lower.ends_with("ed")
                    || first.lower.ends_with("ly")
                    || first.lower == "perhaps"))
            || (chunk.len() <= 4
                && chunk.iter().any(|t| {
                    matches!(
                        t.lower.as_str(),
                        "ago"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                            | "today"
                            | "yesterday"
                            | "january"
                            | "february"
                            | "march"
                            | "april"
                            | "june"
                            | "july"
                            | "august"
                            | "september"
                            | "october"
                            | "november"
                            | "december"
                    )
                }));
        if !adverbial || c + 1 >= toks.len() {
            break;
        }
        toks.drain(..=c);
    }
    let mut n = 0;
    while n < toks.len() && n < 8 {
        let t = &toks[n];
        let ok = t.cap
            || np::DETERMINERS.contains(&t.lower.as_str())
            || np::ROLE_NOUNS.contains(&t.lower.as_str())
            || np::ORG_WORDS.contains(&t.lower.as_str());
        if !ok {
            break;
        }
        n += 1;
        if t.comma_after {
            break;
        }
    }
    if n == 0 || !np::is_np_like(&toks[..n]) {
        return None;
    }
    Some((toks[0].start, toks[n - 1].end))
}

/// Attaches "as reported by X" and outer "according to X" / "X reported that …" frames to
/// the attribution they report, as its relay.
fn merge_relays(ctx: &Ctx, frames: Vec<Frame>) -> Vec<Frame> {
    let text = ctx.text();
    let mut frames = frames;
    let mut drop = vec![false; frames.len()];
    for r in 0..frames.len() {
        let Some((rcs, rce, rcue)) = frames[r].cue else {
            continue;
        };
        let relay_like = rcue.kind == CueKind::Relay
            || (rcue.kind == CueKind::Prep && rcue.lemma == "according to")
            || (rcue.class == CueClass::Report && rcue.kind == CueKind::Verb);
        if !relay_like {
            continue;
        }
        let (ss, se) = ctx.sentence(rcs);
        let (rc0, rc1) = frames[r].content;
        // The frame this one reports: in the same sentence, its cue inside our content (outer
        // relay) or our cue inside its content / sentence (trailing relay).
        let target = (0..frames.len()).find(|&f| {
            if f == r || drop[f] || frames[f].post.is_some() {
                return false;
            }
            let Some((fcs, _, fcue)) = frames[f].cue else {
                return false;
            };
            // An outer relay frames a verb attribution; a trailing relay attaches to any
            // attribution but another relay marker.
            let inner = fcue.kind == CueKind::Verb && rc0 <= fcs && fcs < rc1 && fcs < rc0 + 120;
            let trailing = rcue.kind != CueKind::Verb
                && fcue.kind != CueKind::Relay
                && ss <= fcs
                && fcs < se
                && frames[f].content.0 <= rcs
                && rcs <= frames[f].content.1 + 3;
            inner || trailing
        });
        let Some(t) = target else { continue };
        let src = frames[r].source;
        frames[t].relay.push(src);
        frames[t].confidence = frames[t].confidence.max(0.8);
        frames[t]
            .rule
            .push_str(&format!("; relay '{}'", &text[rcs..rce]));
        // Cut the trailing relay phrase off the content.
        let (c0, c1) = frames[t].content;
        if c0 < rcs && rcs <= c1 + 3 {
            let cut = text[c0..rcs].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
            frames[t].content = (c0, c0 + cut.len());
        }
        drop[r] = true;
    }
    frames
        .into_iter()
        .zip(drop)
        .filter_map(|(f, d)| (!d).then_some(f))
        .collect()
}

/// A paragraph that is a single quotation right after an attributed one continues it.
fn bare_quote_pass(ctx: &Ctx, frames: &mut Vec<Frame>) {
    let text = ctx.text();
    let mut added = Vec::new();
    // Contents sorted by start (for overlap) and by end (for the latest before a quote), so
    // each quote costs a binary search rather than a scan of every frame.
    let mut by_start: Vec<(usize, usize)> = frames.iter().map(|f| f.content).collect();
    by_start.sort_unstable();
    let mut by_end: Vec<(usize, usize)> = frames
        .iter()
        .enumerate()
        .filter(|(_, f)| f.post.is_none())
        .map(|(i, f)| (f.content.1, i))
        .collect();
    by_end.sort_unstable();
    let max_len = by_start.iter().map(|c| c.1 - c.0).max().unwrap_or(0);
    let mut extend: Vec<(usize, usize)> = Vec::new();
    for q in &ctx.quotes {
        if q.words < 2 || ctx.in_post(q.open) {
            continue;
        }
        let upto = by_start.partition_point(|c| c.0 < q.inner_end);
        let from = by_start.partition_point(|c| c.0 + max_len < q.inner_start);
        if by_start[from..upto.max(from)]
            .iter()
            .any(|c| q.inner_start < c.1)
        {
            continue;
        }
        // A quotation that is a whole paragraph, or a whole sentence of its paragraph
        // ("“X,” she said. “Y.”": the second sentence has no cue of its own).
        let para_start = text[..q.open].rfind('\n').map_or(0, |i| i + 1);
        let (ss, se) = ctx.sentence(q.open);
        let whole_para = text[para_start..q.open].trim().is_empty();
        let sentence_start = text[ss.min(q.open)..q.open].trim().is_empty();
        // A paragraph of its own needs four words to be taken as a quotation.
        if (!whole_para && !sentence_start) || (whole_para && q.words < 4) {
            continue;
        }
        let para_end = text[q.close_end..]
            .find('\n')
            .map_or(text.len(), |i| q.close_end + i);
        let tail_end = if whole_para {
            para_end
        } else {
            se.max(q.close_end).min(para_end)
        };
        if text[q.close_end..tail_end]
            .chars()
            .any(char::is_alphanumeric)
        {
            continue;
        }
        // The latest attributed statement before, within two paragraph breaks.
        let before = by_end.partition_point(|c| c.0 <= q.open);
        let Some(&(_, pi)) = before.checked_sub(1).and_then(|i| by_end.get(i)) else {
            continue;
        };
        let pf = &frames[pi];
        let breaks = text[pf.content.1..q.open].matches('\n').count();
        if breaks > 4 || (!whole_para && breaks > 0) {
            continue;
        }
        if !whole_para {
            // "“X,” she said. “Y.”": one statement whose content runs over both quotations
            // (as PolNeAR and PARC annotate it), if the previous one is a quotation.
            if pf.direct
                && (ctx.quote_at(pf.content.0).is_some()
                    || ctx.quote_at(pf.content.0.saturating_sub(1)).is_some())
            {
                extend.push((pi, q.inner_end));
            }
            continue;
        }
        let mut f = Frame::new(
            pf.source,
            (q.inner_start, q.inner_end),
            "quotation paragraph continues the previous speaker",
        );
        f.direct = true;
        f.confidence = 0.5;
        f.same_as = Some(pi);
        f.outlet = pf.outlet;
        f.relay = pf.relay.clone();
        added.push(f);
    }
    for (pi, end) in extend {
        let f = &mut frames[pi];
        f.content.1 = f.content.1.max(end);
    }
    frames.extend(added);
}

static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:President|Prime Minister|Minister|Secretary|Gen\.|General|Col\.|Colonel|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Senator|Rep\.|Gov\.|Governor|Mayor|Chancellor|Ambassador|Judge|Justice|Professor|Prof\.|Commissioner|Chief|Director|Spokesperson|Spokesman|Spokeswoman|spokesperson|spokesman|spokeswoman)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})")
        .expect("titled-name regex compiles")
});

#[derive(Clone, Debug)]
struct Mention {
    pos: usize,
    speaker: String,
    role: Option<String>,
    kind: Kind,
}

/// How many earlier mentions a pronoun or description may reach back over.
const COREF_WINDOW: usize = 40;

fn compatible(kind: Kind, pronoun: &str) -> bool {
    match pronoun {
        "he" | "she" => kind == Kind::Person,
        "they" => matches!(kind, Kind::Group | Kind::Org | Kind::Person),
        "it" => kind == Kind::Org,
        _ => false,
    }
}

/// Speaker names, coreference, times and quantities: frames → statements.
fn resolve(ctx: &Ctx, frames: Vec<Frame>) -> Vec<Statement> {
    let doc = ctx.doc;
    let text = doc.text;
    let mut titled: Vec<Mention> = TITLED_NAME
        .captures_iter(text)
        .filter_map(|c| {
            let name = c.get(1)?;
            let whole = c.get(0)?;
            Some(Mention {
                pos: name.start(),
                speaker: name.as_str().to_owned(),
                role: Some(text[whole.start()..name.start()].trim().to_owned()),
                kind: Kind::Person,
            })
        })
        .collect();
    titled.reverse();
    let mut history: Vec<Mention> = Vec::new();
    let mut resolved: Vec<Option<SourceInfo>> = vec![None; frames.len()];
    // Resolve in order of the source's position, so antecedents come first.
    let mut order: Vec<usize> = (0..frames.len()).collect();
    order.sort_by_key(|&i| frames[i].source.0.min(frames[i].content.0));
    let mut out: Vec<(usize, Statement)> = Vec::new();
    for &i in &order {
        let f = &frames[i];
        while titled.last().is_some_and(|m| m.pos < f.source.0) {
            if let Some(m) = titled.pop() {
                history.push(m);
            }
        }
        let mut info = match (
            f.same_as.and_then(|j| resolved.get(j).cloned().flatten()),
            f.post,
        ) {
            (Some(prev), _) => prev,
            (None, Some(p)) => {
                let post = &ctx.posts[p];
                let account = if post.handle.is_empty() {
                    post.name.clone()
                } else {
                    format!("{} (@{})", post.name, post.handle)
                };
                SourceInfo {
                    mention: account.clone(),
                    speaker: account,
                    role: Some("social media account".into()),
                    kind: Kind::Account,
                    head: None,
                    start: f.source.0,
                    end: f.source.1,
                }
            }
            _ => np::analyze(text, f.source.0, f.source.1),
        };
        let mut reason = f.rule.clone();
        let mut confidence = f.confidence;
        let rel = info.mention.to_lowercase();
        if matches!(rel.as_str(), "who" | "which") {
            // The antecedent of a relative pronoun: the noun phrase right before it.
            let (ss, _) = ctx.sentence(f.source.0);
            match ctx.subject_before(ss, f.source.0) {
                Some((a, _)) if a.1 > a.0 => {
                    let ante = np::analyze(text, a.0, a.1);
                    reason.push_str(&format!("; '{}' → {}", info.mention, ante.speaker));
                    info.speaker = ante.speaker;
                    info.role = ante.role;
                    info.kind = ante.kind;
                }
                _ => continue,
            }
        }
        match info.kind {
            Kind::Pronoun => {
                let p = info.mention.to_lowercase();
                if let Some(m) = history
                    .iter()
                    .rev()
                    .take(COREF_WINDOW)
                    .find(|m| compatible(m.kind, &p))
                {
                    reason.push_str(&format!("; '{}' → {}", info.mention, m.speaker));
                    info.speaker = m.speaker.clone();
                    info.role = m.role.clone();
                    info.kind = m.kind;
                    confidence *= 0.9;
                } else if matches!(p.as_str(), "it" | "we" | "i") {
                    // An unresolvable "it" is rarely a speaker; "we"/"I" outside quotes is the
                    // writer.
                    continue;
                } else {
                    confidence *= 0.6;
                }
            }
            Kind::Definite => {
                let head = info.head.clone().unwrap_or_default();
                let found = history.iter().rev().take(COREF_WINDOW).find(|m| {
                    let hay = format!(
                        "{} {}",
                        m.speaker.to_lowercase(),
                        m.role.as_deref().unwrap_or("").to_lowercase()
                    );
                    hay.split(|c: char| !c.is_alphanumeric()).any(|w| w == head)
                        && m.speaker.to_lowercase() != info.mention.to_lowercase()
                });
                if let Some(m) = found {
                    reason.push_str(&format!("; '{}' → {}", info.mention, m.speaker));
                    info.speaker = m.speaker.clone();
                    info.role = m.role.clone().or(Some(info.mention.clone()));
                    info.kind = m.kind;
                    confidence *= 0.9;
                }
            }
            _ => {}
        }
        resolved[i] = Some(info.clone());
        history.push(Mention {
            pos: f.source.0,
            speaker: info.speaker.clone(),
            role: info.role.clone(),
            kind: info.kind,
        });
        let statement = build_statement(ctx, f, &info, reason, confidence);
        out.push((i, statement));
    }
    out.sort_by_key(|(i, s)| (s.content_span.start, *i));
    out.into_iter().map(|(_, s)| s).collect()
}

fn analyze_name(text: &str, (s, e): (usize, usize)) -> String {
    let info = np::analyze(text, s, e);
    info.speaker
}

fn build_statement(
    ctx: &Ctx,
    f: &Frame,
    info: &SourceInfo,
    reason: String,
    confidence: f32,
) -> Statement {
    let doc = ctx.doc;
    let text = doc.text;
    let (c0, c1) = f.content;
    let content = text.get(c0..c1).unwrap_or("").to_owned();
    // Said time: a time in the frame, else the post's time, else the time of the live-blog
    // update it stands in, else the publication date as an upper bound.
    let frame_time = f
        .said_regions
        .iter()
        .flat_map(|&(s, e)| doc.timexes_in(s, e))
        .find(|t| placeable(t))
        .and_then(|t| t.span.clone());
    let post = f.post.and_then(|p| ctx.posts.get(p));
    let said_time = frame_time
        .or_else(|| {
            let p = post?;
            if let Some(t) = &p.time {
                return Some(t.clone());
            }
            let d = p.date?;
            Some(TimeSpan::day(d).with_text(text.get(p.date_range.0..p.date_range.1).unwrap_or("")))
        })
        .or_else(|| doc.anchor_time(c0).cloned())
        .or_else(|| doc.published.map(TimeSpan::no_later_than));
    // Comparisons in the content, or in a follow-up sentence that refers back to it ("It is
    // three times higher than … in 2021").
    let mut comparisons = events::comparisons(doc, c0, c1);
    if let Some(si) = doc.sentence_at(c1.saturating_sub(1))
        && let Some(next) = doc.sentences.get(si + 1)
        && doc
            .sentences
            .get(si)
            .is_some_and(|s| s.paragraph == next.paragraph)
        && next.start >= c1
    {
        let first = text[next.start..next.end]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(
            first.as_str(),
            "it" | "this" | "that" | "these" | "the" | "it's" | "it’s"
        ) {
            comparisons.extend(events::comparisons(doc, next.start, next.end));
        }
    }
    let event_time = doc
        .timexes_in(c0, c1)
        .find(|t| {
            let r = doc.chars(t.start, t.end);
            placeable(t)
                && !comparisons
                    .iter()
                    .any(|c| c.span.start <= r.start && r.end <= c.span.end)
        })
        .and_then(|t| t.span.clone());
    let mut quantities = events::quantities(doc, c0, c1);
    for c in &comparisons {
        if c.span.start >= doc.index.char_at(c1) {
            let (s, e) = (
                doc.index.byte_at(c.span.start),
                doc.index.byte_at(c.span.end),
            );
            quantities.extend(events::quantities(doc, s, e));
        }
    }
    let (cue, cue_span, cue_class) = match f.cue {
        Some((s, e, c)) => (text[s..e].to_owned(), Some(doc.chars(s, e)), Some(c.class)),
        None if f.post.is_some() => ("posted".to_owned(), None, Some(CueClass::Social)),
        None => (String::new(), None, None),
    };
    Statement {
        speaker: info.speaker.clone(),
        cue,
        outlet: f.outlet.map(|(s, e)| text[s..e].to_owned()),
        relay: f.relay.iter().map(|&r| analyze_name(text, r)).collect(),
        direct: f.direct,
        content,
        content_span: doc.chars(c0, c1),
        said_time,
        event_time,
        confidence: confidence.clamp(0.0, 1.0),
        reason,
        speaker_mention: info.mention.clone(),
        speaker_span: (f.source.0 < f.source.1).then(|| doc.chars(f.source.0, f.source.1)),
        speaker_role: info.role.clone(),
        cue_span,
        cue_class,
        quantities,
        comparisons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Statement> {
        let doc = Document::new(text, &[], NaiveDate::from_ymd_opt(2025, 1, 10));
        let posts = find_posts(text);
        extract(&doc, &posts)
    }

    #[test]
    fn quotes_continue_across_paragraphs() {
        let t = "He said: “First part.\n\n“Second part.” Then nothing.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(t[q[0].inner_start..q[0].inner_end].contains("Second part."));
    }

    #[test]
    fn indirect_with_that_and_coreference() {
        let s = run(
            "Defense Minister Anna Berg said that the talks had failed. She added that new talks would start in May.",
        );
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(s[0].speaker, "Anna Berg");
        assert_eq!(s[1].speaker, "Anna Berg");
        assert_eq!(s[1].cue, "added");
        assert_eq!(s[1].content, "new talks would start in May");
    }

    #[test]
    fn post_position_and_inverted() {
        let s = run(
            "The bridge was closed for repairs, officials said. The plan was shelved last year, said Tom Reed, a city engineer.",
        );
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(
            (s[0].speaker.as_str(), s[0].cue.as_str()),
            ("officials", "said")
        );
        assert_eq!(s[0].content, "The bridge was closed for repairs");
        assert_eq!(s[1].speaker, "Tom Reed");
        assert_eq!(s[1].speaker_role.as_deref(), Some("a city engineer"));
    }

    #[test]
    fn quote_with_cue_after_and_split_quote() {
        let s = run("“We are ready,” the mayor said, “and we will not wait.”");
        assert_eq!(s.len(), 2, "{s:#?}");
        assert!(s.iter().all(|s| s.direct && s.speaker == "the mayor"));
        assert_eq!(s[0].content, "We are ready,");
    }

    #[test]
    fn relays_and_outlets() {
        let s = run(
            "According to Reuters, the ministry said that 40 people were detained. Smith told the BBC that he would resign.",
        );
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(s[0].speaker, "the ministry");
        assert_eq!(s[0].relay, vec!["Reuters".to_owned()]);
        assert_eq!(s[1].outlet.as_deref(), Some("the BBC"));
    }

    #[test]
    fn quoted_by_relays_and_relative_clauses_describe_the_subject() {
        let s = run(
            "The valve had been inspected in January, according to a spokesperson quoted by Meridian.",
        );
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!(s[0].speaker, "a spokesperson");
        assert_eq!(s[0].relay, vec!["Meridian".to_owned()]);
        assert_eq!(s[0].content, "The valve had been inspected in January");
        for t in [
            "Dana Morvik, who worked at the plant until February, said the valve was faulty.",
            "Dana Morvik, whose team ran the plant until February, said that the valve was faulty.",
        ] {
            let s = run(t);
            assert_eq!(s.len(), 1, "{s:#?}");
            assert_eq!(s[0].speaker, "Dana Morvik", "{t}");
            assert_eq!(s[0].content, "the valve was faulty");
        }
    }

    #[test]
    fn nouns_are_not_cues() {
        assert!(run("The report was published in a newspaper. His claims were false.").is_empty());
    }

    #[test]
    fn embedded_post() {
        let s = run(
            "Troops moved north overnight. pic.twitter.com/x1 — Jane Roe (@janeroe) January 9, 2025",
        );
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!(s[0].speaker, "Jane Roe (@janeroe)");
        assert_eq!(s[0].content, "Troops moved north overnight.");
        assert_eq!(
            s[0].said_time.as_ref().map(|t| t.value.to_string()),
            Some("2025-01-09".into())
        );
    }
}
