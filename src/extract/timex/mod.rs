//! Temporal expression tagger: rule-based, English, no models, no network.
//!
//! ```text
//! text ─ segments (lines) ─ tokens ─ grammar (longest match) ─ ranges ─ normalise ─ Timex
//!                                                   │                      ▲
//!                                                   └─ anchors, tense ─────┘
//! ```
//!
//! * [`tokens`]: words, digit runs, punctuation, with adjacency.
//! * [`lexicon`]: word classes (months, units, number words …).
//! * [`grammar`]: the patterns and what they mean ([`sem::Sem`]).
//! * [`normalise`]: meaning + anchor + tense → TIMEX3 value.
//! * [`context`]: tense of the governing verb, embedded posts' own dates.
//!
//! Relative expressions resolve against [`TagOptions::anchor`] (the publication date),
//! except inside an embedded social-media post, whose signature date is the anchor.

mod context;
mod grammar;
mod lexicon;
mod normalise;
mod sem;
mod tokens;

use chrono::{NaiveDate, NaiveDateTime};

use super::{Interval, Timex, TimexType};
use crate::model::{Openness, Precision, Resolution, TimeSpan, TimexValue, YearPart, midnight};

use grammar::{Cand, Grammar};
use lexicon::{Lex, Unit, W};
use normalise::{Ctx, Resolved, Tense, unit_precision};
use sem::{Modifier, Sem, YearSlice};
use tokens::Tok;

#[derive(Clone, Debug, Default)]
pub struct TagOptions {
    /// Date relative expressions resolve against (usually the publication date).
    pub anchor: Option<NaiveDate>,
    /// Read `05/08/2025` as 5 August rather than May 8.
    pub day_first: bool,
}

/// How ranges ("from 2019 to 2021", "2019-2021") are reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RangeStyle {
    /// One expression with a range value (`2019/2021`): what the timeline wants.
    #[default]
    Joined,
    /// One expression per end, as TimeML annotates them (used when scoring on TimeBank).
    Split,
}

/// Longest stretch of text tokenized at once; longer lines are cut at whitespace so that
/// memory stays bounded on pathological input (a 50 MB line).
const MAX_SEGMENT: usize = 64 * 1024;

/// How far back from the segment limit (bytes) to look for a sentence end to cut at.
const CUT_SEARCH: usize = 4 * 1024;

/// How far back (bytes) a mentioned quarter still frames "a year earlier".
const QUARTER_MEMORY: usize = 1_500;

/// Finds the temporal expressions in `text`, in text order.
pub fn tag(text: &str, options: &TagOptions) -> Vec<Timex> {
    tag_with(text, options, RangeStyle::Joined)
}

/// [`tag`], choosing how ranges are reported.
pub fn tag_with(text: &str, options: &TagOptions, ranges: RangeStyle) -> Vec<Timex> {
    // Without a publication date, a dateline (a line near the top that is only a date)
    // is the best anchor there is.
    if options.anchor.is_none()
        && let Some(d) = dateline(text, options.day_first)
    {
        let options = TagOptions {
            anchor: Some(d),
            ..options.clone()
        };
        return tag_with(text, &options, ranges);
    }
    let split = ranges == RangeStyle::Split;
    let mut out = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut sentences: Vec<u32> = Vec::new();
    let mut chars = CharCursor::default();
    let mut quarter: Option<(i32, u8, usize)> = None;
    let mut focus: Option<(NaiveDate, Precision)> = None;
    for (from, to) in segments(text) {
        toks.clear();
        cands.clear();
        tokens::tokenize(text, from, to, &mut toks);
        if toks.is_empty() {
            continue;
        }
        Grammar::new(&toks, text, options.day_first).scan(&mut cands);
        if cands.is_empty() {
            continue;
        }
        join_ranges(&toks, &mut cands, split);
        join_clock_dates(&toks, &mut cands);
        context::sentence_ids(&toks, &mut sentences);
        let seg = Segment {
            text,
            toks: &toks,
            sentences: &sentences,
            from,
        };
        seg.emit(
            &cands,
            options,
            split,
            &mut chars,
            &mut quarter,
            &mut focus,
            &mut out,
        );
    }
    out
}

/// How many lines from the top a dateline may be on (title, byline, dateline).
const DATELINE_LINES: usize = 4;

/// A line near the top of `text` that is one full date and nothing else ("November 03,
/// 2009", "2009-11-03").
fn dateline(text: &str, day_first: bool) -> Option<NaiveDate> {
    let mut toks = Vec::new();
    let mut cands = Vec::new();
    for (from, to) in segments(text).take(DATELINE_LINES) {
        toks.clear();
        cands.clear();
        tokens::tokenize(text, from, to, &mut toks);
        Grammar::new(&toks, text, day_first).scan(&mut cands);
        let words = toks
            .iter()
            .filter(|t| t.kind != tokens::Kind::Punct)
            .count();
        if let [c] = cands.as_slice()
            && let Sem::Date(d) = &c.sem
            && let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day)
            && toks[c.first..c.last]
                .iter()
                .filter(|t| t.kind != tokens::Kind::Punct)
                .count()
                == words
        {
            return NaiveDate::from_ymd_opt(y, m, day);
        }
    }
    None
}

/// Splits text into lines, and over-long lines at whitespace.
fn segments(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let rest = &text.as_bytes()[start..];
        let line_end = memchr_newline(rest).map_or(text.len(), |i| start + i);
        let mut end = line_end;
        if end - start > MAX_SEGMENT {
            let mut cut = start + MAX_SEGMENT;
            while cut > start && !text.is_char_boundary(cut) {
                cut -= 1;
            }
            // Prefer the end of a sentence near the limit, so that no expression is cut;
            // else the last space.
            let window = &text.as_bytes()[start..cut];
            let tail = window.len().saturating_sub(CUT_SEARCH);
            let sentence_end = window[tail..]
                .windows(2)
                .rposition(|w| matches!(w[0], b'.' | b';' | b'!' | b'?') && w[1] == b' ')
                .map(|p| tail + p + 1);
            if let Some(sp) = sentence_end.or_else(|| {
                window
                    .iter()
                    .rposition(u8::is_ascii_whitespace)
                    .filter(|&sp| sp > 0)
            }) {
                cut = start + sp;
            }
            end = cut.max(start + 1);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            pos = end;
        } else {
            pos = line_end + 1;
        }
        Some((start, end))
    })
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// Byte → char offsets, moving forward only (matches come in text order).
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            // Never happens for ordered input; recount rather than go wrong.
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

/// Joins "from X to Y", "between X and Y", "X–Y" into ranges, and gives the first end the
/// year of the second ("between May and July 2024").
fn join_ranges(toks: &[Tok], cands: &mut Vec<Cand>, split: bool) {
    let mut i = 0;
    while i + 1 < cands.len() {
        let (a, b) = (&cands[i], &cands[i + 1]);
        let dateish = |c: &Cand| {
            c.kind == TimexType::Date
                && matches!(
                    c.sem,
                    Sem::Date(_) | Sem::Value(_) | Sem::Mod(..) | Sem::Slice { .. }
                )
        };
        if !(dateish(a) && dateish(b)) || b.first != a.last + 1 {
            i += 1;
            continue;
        }
        let link = &toks[a.last];
        let before = a.first.checked_sub(1).map(|k| toks[k].lex);
        let opener = match (link.lex, before) {
            (Lex::Word(W::To | W::Until | W::Through), Some(Lex::Word(W::From))) => true,
            (Lex::Word(W::And), Some(Lex::Word(W::Between))) => true,
            _ if link.is_dash() => false,
            _ => {
                i += 1;
                continue;
            }
        };
        // Year propagation: "May to July 2024".
        if let (Sem::Date(da), Sem::Date(db)) = (&a.sem, &b.sem)
            && da.year.is_none()
            && let Some(y) = db.year
        {
            let mut da = *da;
            da.year = Some(y);
            cands[i].sem = Sem::Date(da);
        }
        if split {
            i += 2;
            continue;
        }
        let first = if opener {
            cands[i].first - 1
        } else {
            cands[i].first
        };
        let b = cands.remove(i + 1);
        let a = &mut cands[i];
        a.parts = Some([(a.first, a.last), (b.first, b.last)]);
        a.sem = Sem::Range(Box::new(a.sem.clone()), Box::new(b.sem));
        a.first = first;
        a.last = b.last;
        i += 1;
    }
}

/// A clock time followed by its day is one expression, as TimeML writes it: "10 p.m.
/// Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6", "9 a.m. yesterday" (a TIME on that day).
fn join_clock_dates(toks: &[Tok], cands: &mut Vec<Cand>) {
    let mut i = 0;
    while i + 1 < cands.len() {
        let (a, b) = (&cands[i], &cands[i + 1]);
        let clock = matches!(a.sem, Sem::Time { date: None, .. });
        let day = match &b.sem {
            Sem::Date(d) => d.day.is_some() || d.weekday.is_some(),
            Sem::Rel { unit, .. } => *unit == Unit::Day,
            _ => false,
        };
        let adjacent = b.first == a.last || (b.first == a.last + 1 && toks[a.last].is_punct(','));
        if !(clock && day && adjacent) {
            i += 1;
            continue;
        }
        let b = cands.remove(i + 1);
        let a = &mut cands[i];
        if let Sem::Time { date, .. } = &mut a.sem {
            *date = Some(Box::new(b.sem));
        }
        a.last = b.last;
        a.kind = TimexType::Time;
        i += 1;
    }
}

struct Segment<'a> {
    text: &'a str,
    toks: &'a [Tok],
    sentences: &'a [u32],
    from: usize,
}

impl Segment<'_> {
    // The cursors are the state one pass over the segment threads through; a struct for
    // them would only rename the arguments.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        cands: &[Cand],
        options: &TagOptions,
        split: bool,
        chars: &mut CharCursor,
        quarter: &mut Option<(i32, u8, usize)>,
        focus: &mut Option<(NaiveDate, Precision)>,
        out: &mut Vec<Timex>,
    ) {
        // Embedded posts: the post's text (from the start of its paragraph to its
        // signature) is anchored at the post's date.
        let mut posts: Vec<(usize, usize, NaiveDate, String)> = Vec::new();
        for c in cands {
            if let Sem::Date(d) = &c.sem
                && let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day)
                && let Some(date) = NaiveDate::from_ymd_opt(y, m, day)
                && let Some(end) = context::post_signature(self.text, self.toks, c.first)
            {
                posts.push((self.from, end, date, self.words(c.first, c.last).to_owned()));
            }
        }
        // Days named in each sentence, for bare clock times.
        let mut days: Vec<(u32, NaiveDate)> = Vec::new();
        let mut resolved: Vec<Option<(Resolved, Ctx, Option<Resolution>)>> =
            vec![None; cands.len()];
        // Two passes: dates first, then times, which borrow a date from their sentence.
        for pass in 0..2 {
            for (k, c) in cands.iter().enumerate() {
                let is_time = matches!(c.sem, Sem::Time { date: None, .. });
                if (pass == 0) == is_time {
                    continue;
                }
                let start = self.toks[c.first].start;
                let local = posts.iter().find(|p| p.0 <= start && start < p.1);
                let (anchor, resolution) = match local {
                    Some((_, _, date, words)) => (
                        Some(*date),
                        Some(Resolution::Anchor {
                            anchor: *date,
                            text: words.clone(),
                        }),
                    ),
                    None => (
                        options.anchor,
                        options
                            .anchor
                            .map(|a| Resolution::Publication { anchor: a }),
                    ),
                };
                let sentence = self.sentences[c.first];
                let mut tense = context::tense_at(self.text, self.toks, c.first, c.last);
                // A weekday next to a clock time with no past verb is a schedule: "kick-off
                // at 19:45 CET Sunday" on a Friday is the coming Sunday.
                let clock_on_weekday =
                    matches!(&c.sem, Sem::Time { date: Some(d), .. } if bare_weekday(d));
                if tense == Tense::Present
                    && ((bare_weekday(&c.sem) && next_to_clock(cands, k)) || clock_on_weekday)
                {
                    tense = Tense::Future;
                }
                let ctx = Ctx {
                    anchor,
                    tense,
                    day: days.iter().rev().find(|d| d.0 == sentence).map(|d| d.1),
                    quarter: quarter.and_then(|(y, q, at)| {
                        (start.saturating_sub(at) <= QUARTER_MEMORY).then_some((y, q))
                    }),
                    // Inside an embedded post the post's own date is the focus.
                    focus: if local.is_some() { None } else { *focus },
                };
                let r = normalise::resolve(&c.sem, &ctx);
                // The story's focus moves to each date it names (not to comparisons such
                // as "a year earlier", nor to vague references).
                if c.kind == TimexType::Date
                    && local.is_none()
                    && !matches!(c.sem, Sem::Shift { .. } | Sem::Ref(_))
                    && let Some(f) = focus_of(&r.value)
                {
                    *focus = Some(f);
                }
                if let TimexValue::Calendar(cv) = &r.value
                    && cv.day.is_some()
                    && let Some(d) =
                        NaiveDate::from_ymd_opt(cv.year, cv.month.unwrap_or(1), cv.day.unwrap_or(1))
                {
                    days.push((sentence, d));
                }
                // Only a quarter the text names frames later comparisons: "a year ago"
                // resolved to last year's quarter must not become the frame itself.
                if let TimexValue::YearPart {
                    year,
                    part: YearPart::Quarter(q),
                } = r.value
                    && !matches!(
                        c.sem,
                        Sem::Shift { .. }
                            | Sem::Slice {
                                of: Some(_),
                                slice: YearSlice::LatestQuarter,
                                ..
                            }
                    )
                {
                    *quarter = Some((year, q, start));
                }
                resolved[k] = Some((r, ctx, resolution));
            }
        }
        for (c, r) in cands.iter().zip(resolved) {
            let Some((r, ctx, resolution)) = r else {
                continue;
            };
            match (&c.sem, c.parts, split) {
                (Sem::Range(a, b), Some([pa, pb]), true) => {
                    // TimeML style: each end is its own expression.
                    for (sem, (f, l)) in [(a, pa), (b, pb)] {
                        let r = normalise::resolve(sem, &ctx);
                        let t = self.timex(
                            f,
                            l,
                            TimexType::Date,
                            r,
                            &ctx,
                            resolution.clone(),
                            None,
                            chars,
                        );
                        out.push(t);
                    }
                }
                (
                    Sem::Slice {
                        slice: YearSlice::FirstMonths(n) | YearSlice::LastMonths(n),
                        ..
                    },
                    _,
                    true,
                ) if matches!(r.value, TimexValue::Range(..)) => {
                    // TIMEX3 has no value for "the first two months of 2023"; TimeML writes
                    // the length (as it does for "the first nine months").
                    let r = Resolved {
                        value: TimexValue::Duration(format!("P{n}M")),
                        relative: false,
                        modifier: None,
                    };
                    let kind = TimexType::Duration;
                    out.push(self.timex(c.first, c.last, kind, r, &ctx, None, None, chars));
                }
                _ => {
                    let place = match &c.sem {
                        Sem::Duration { place, .. } => *place,
                        _ => None,
                    };
                    out.push(
                        self.timex(c.first, c.last, c.kind, r, &ctx, resolution, place, chars),
                    );
                }
            }
        }
    }

    fn words(&self, first: usize, last: usize) -> &str {
        let (s, e) = (self.toks[first].start, self.toks[last - 1].end);
        self.text.get(s..e).unwrap_or("")
    }

    #[expect(clippy::too_many_arguments, reason = "one call site per output shape")]
    fn timex(
        &self,
        first: usize,
        last: usize,
        kind: TimexType,
        r: Resolved,
        ctx: &Ctx,
        resolution: Option<Resolution>,
        place: Option<(Unit, f64, bool)>,
        chars: &mut CharCursor,
    ) -> Timex {
        let (bs, be) = (self.toks[first].start, self.toks[last - 1].end);
        let words = self.text.get(bs..be).unwrap_or("").to_owned();
        let start = chars.at(self.text, bs);
        let end = start + words.chars().count();
        let span = self.span(first, &r, ctx, resolution, place, &words);
        let interval = span.as_ref().map(|s| Interval {
            start: s.start,
            end: s.end,
            precision: s.precision,
        });
        Timex {
            text: words,
            start,
            end,
            kind,
            value: r.value,
            interval,
            span,
        }
    }

    /// Places a resolved value on the timeline.
    fn span(
        &self,
        first: usize,
        r: &Resolved,
        ctx: &Ctx,
        resolution: Option<Resolution>,
        place: Option<(Unit, f64, bool)>,
        words: &str,
    ) -> Option<TimeSpan> {
        let resolution = if r.relative {
            resolution.unwrap_or_default()
        } else {
            Resolution::Absolute
        };
        let anchor = ctx.anchor.filter(|_| r.relative);
        // Durations placed at the anchor ("the past three years").
        if let TimexValue::Duration(_) = &r.value {
            let (unit, n, back) = place?;
            let a = ctx.anchor?;
            let (start, end) = placed_duration(a, unit, n, back)?;
            return Some(TimeSpan {
                value: r.value.clone(),
                start,
                end,
                precision: unit_precision(unit),
                approximate: n == 0.0,
                open: Openness::Closed,
                resolution: match resolution {
                    Resolution::Absolute => Resolution::Publication { anchor: a },
                    other => other,
                },
                text: Some(words.to_owned()),
            });
        }
        let mut span = TimeSpan::from_value(r.value.clone(), anchor).ok()?;
        span.resolution = resolution;
        span.text = Some(words.to_owned());
        if let Some(m) = r.modifier {
            narrow(&mut span, m);
        }
        // Signals just before the expression: "since 2014", "before 2021", "after May".
        if first > 0 {
            match self.toks[first - 1].lex {
                Lex::Word(W::Since) => {
                    let end = ctx
                        .anchor
                        .and_then(|a| a.succ_opt())
                        .map(midnight)
                        .filter(|e| *e > span.end);
                    span = match end {
                        Some(e) => TimeSpan { end: e, ..span },
                        None => TimeSpan::after(&span).ok()?,
                    };
                    span.text = Some(format!("since {words}"));
                }
                Lex::Word(W::Before) => {
                    span = TimeSpan::before(&span).ok()?;
                    span.text = Some(format!("before {words}"));
                }
                Lex::Word(W::After) => {
                    span = TimeSpan::after(&span).ok()?;
                    span.text = Some(format!("after {words}"));
                }
                _ => {}
            }
        }
        Some(span)
    }
}

/// Where a value puts the story's focus: its first day, at its precision.
fn focus_of(v: &TimexValue) -> Option<(NaiveDate, Precision)> {
    match v {
        TimexValue::Calendar(_) | TimexValue::YearPart { .. } => {
            let p = v.precision()?;
            let (start, _) = v.interval(None)?;
            Some((start.date(), p))
        }
        _ => None,
    }
}

/// A weekday written without a date or direction ("Sunday", "Sunday night").
fn bare_weekday(sem: &Sem) -> bool {
    match sem {
        Sem::Date(d) => d.weekday.is_some() && d.day.is_none() && d.dir == sem::Dir::Tense,
        Sem::PartOfDay { date, .. } => bare_weekday(date),
        _ => false,
    }
}

/// Candidate `k` touches a clock time, at most one word ("at", "on") apart.
fn next_to_clock(cands: &[Cand], k: usize) -> bool {
    let clock = |c: &Cand| matches!(c.sem, Sem::Time { date: None, .. });
    let c = &cands[k];
    let before = k
        .checked_sub(1)
        .map(|j| &cands[j])
        .is_some_and(|p| clock(p) && c.first <= p.last + 1);
    let after = cands
        .get(k + 1)
        .is_some_and(|n| clock(n) && n.first <= c.last + 1);
    before || after
}

/// `[anchor − n units, end of anchor day)` looking back, `[anchor, anchor + n units)` ahead.
/// `n` = 0 is a vague count ("recent weeks"), placed over the window of a vague reference.
fn placed_duration(
    a: NaiveDate,
    unit: Unit,
    n: f64,
    back: bool,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let (unit, n) = if n == 0.0 {
        (Unit::Day, crate::model::VAGUE_REFERENCE_WINDOW_DAYS as f64)
    } else {
        (unit, n)
    };
    let whole = n.round() as i64;
    let p = unit_precision(unit);
    let k = match unit {
        Unit::Fortnight => 2 * whole,
        Unit::Decade | Unit::Century | Unit::Millennium => whole,
        _ => whole,
    };
    let day_end = midnight(a.succ_opt()?);
    if back {
        let start = p.shift(day_end, -k)?;
        Some((start, day_end))
    } else {
        let start = midnight(a);
        Some((start, p.shift(start, k)?))
    }
}

/// Early/mid/late: the first, middle or last third of the span, flagged approximate. Years
/// split into months (Jan–Apr, May–Aug, Sep–Dec) and months into days (1–10, 11–20, 21–).
fn narrow(span: &mut TimeSpan, m: Modifier) {
    use crate::model::Precision;
    let calendar = match span.precision {
        Precision::Year => Some((Precision::Month, 4, 8)),
        Precision::Month => Some((Precision::Day, 10, 20)),
        _ => None,
    };
    let cut = |unit: Precision, n: i64| unit.shift(span.start, n);
    let (s, e) = match calendar.and_then(|(u, a, b)| Some((cut(u, a)?, cut(u, b)?))) {
        Some((a, b)) => match m {
            Modifier::Early => (span.start, a),
            Modifier::Mid => (a, b),
            Modifier::Late => (b, span.end),
        },
        None => {
            let third = (span.end - span.start) / 3;
            match m {
                Modifier::Early => (span.start, span.start + third),
                Modifier::Mid => (span.start + third, span.end - third),
                Modifier::Late => (span.end - third, span.end),
            }
        }
    };
    if e > s {
        span.start = s;
        span.end = e;
    }
    span.approximate = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        tag(text, &TagOptions::default())
            .iter()
            .map(|t| format!("{}={}", t.text, t.value))
            .collect()
    }

    #[test]
    fn a_dateline_anchors_a_story_without_a_publication_date() {
        assert_eq!(
            values("Ford posts profit\nNovember 03, 2009\nFord said today that sales rose."),
            ["November 03, 2009=2009-11-03", "today=2009-11-03"]
        );
        // A date inside a sentence is not a dateline.
        assert_eq!(
            values("Ford posts profit\nFord said on November 3, 2009 that sales rose today."),
            ["November 3, 2009=2009-11-03", "today=XXXX-XX-XX"]
        );
    }
}
