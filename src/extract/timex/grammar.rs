//! The rules: token patterns that make a temporal expression, and what each one means.
//!
//! At every token that can start an expression, every rule is tried and the longest match
//! wins; scanning resumes after it. Rules see the tokens before their match (for context
//! such as "in 2021" vs "2076 criminal cases") but do not include prepositions in the
//! extent, as TimeML does not ("since 2014" → "2014"). Determiners and hedges that are part
//! of the expression are included ("the first six months of 2023", "earlier today").

use crate::extract::TimexType;
use crate::model::{DayPart, Reference, TimexValue};

use super::lexicon::{Lex, Unit, W};
use super::sem::{Count, DateSpec, Dir, Modifier, Sem, YearSlice, duration_value};
use super::tokens::{Kind, Tok};

/// One match: tokens `first..last` and their meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct Cand {
    pub first: usize,
    pub last: usize,
    pub sem: Sem,
    pub kind: TimexType,
    /// For a range written as one token group ("2019-2021"): the two ends' token spans, so
    /// that TimeML-style output can report them separately.
    pub parts: Option<[(usize, usize); 2]>,
}

impl Cand {
    fn new(first: usize, last: usize, sem: Sem, kind: TimexType) -> Self {
        Self {
            first,
            last,
            sem,
            kind,
            parts: None,
        }
    }
}

type M = Option<(usize, Sem)>;

pub struct Grammar<'a> {
    pub t: &'a [Tok],
    pub text: &'a str,
    pub day_first: bool,
}

impl<'a> Grammar<'a> {
    pub fn new(t: &'a [Tok], text: &'a str, day_first: bool) -> Self {
        Self { t, text, day_first }
    }

    /// All matches, left to right, longest first, non-overlapping.
    pub fn scan(&self, out: &mut Vec<Cand>) {
        let mut i = 0;
        while i < self.t.len() {
            match self.best_at(i) {
                Some(c) if c.last > i => {
                    i = c.last;
                    out.push(c);
                }
                _ => i += 1,
            }
        }
    }

    fn best_at(&self, i: usize) -> Option<Cand> {
        let t = &self.t[i];
        let may_start = match t.kind {
            Kind::Num => true,
            Kind::Word => {
                t.lex != Lex::Other
                    || (t.cap && (self.quarter_word(i).is_some() || self.holiday_word(i)))
            }
            Kind::Punct => matches!(t.ch, '\'' | '’'),
        };
        if !may_start {
            return None;
        }
        let rules: [fn(&Self, usize) -> Option<Cand>; 14] = [
            Self::r_that,
            Self::r_holiday,
            Self::r_numeric,
            Self::r_month,
            Self::r_weekday,
            Self::r_deictic,
            Self::r_relative,
            Self::r_count,
            Self::r_the,
            Self::r_modified,
            Self::r_set,
            Self::r_season,
            Self::r_time_words,
            Self::r_misc,
        ];
        let mut best: Option<Cand> = None;
        for rule in rules {
            if let Some(c) = rule(self, i)
                && best.as_ref().is_none_or(|b| c.last > b.last)
            {
                best = Some(c);
            }
        }
        best
    }

    // ---- token helpers -------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }

    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::Other, |t| t.lex)
    }

    fn kw(&self, i: usize, w: W) -> bool {
        self.lex(i) == Lex::Word(w)
    }

    fn kw_any(&self, i: usize, ws: &[W]) -> bool {
        matches!(self.lex(i), Lex::Word(w) if ws.contains(&w))
    }

    /// Token `i` exists and touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c))
    }

    fn glued_punct(&self, i: usize, c: char) -> bool {
        self.punct(i, c) && self.glued(i)
    }

    fn dash(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(Tok::is_dash)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Num)
            .map(|t| (t.num, t.digits))
    }

    /// A word that starts with a capital (or is all capitals), as month and weekday names
    /// must be: "may" and "march" in lower case are verbs.
    fn capitalised(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap || t.all_caps)
    }

    /// The digit run at `i` is not part of a larger number ("4,500", "3.5", "555-2076",
    /// "TenSk24AIp") on its left.
    fn free_left(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else { return false };
        if t.space_before || i == 0 {
            return true;
        }
        let p = &self.t[i - 1];
        match p.kind {
            Kind::Word | Kind::Num => false,
            Kind::Punct => {
                if matches!(
                    p.ch,
                    '$' | '€' | '£' | '#' | '№' | '+' | '.' | ',' | ':' | '/'
                ) {
                    return false;
                }
                // "555-2076": a glued separator after another number.
                !(i >= 2
                    && !p.space_before
                    && self.t[i - 2].kind == Kind::Num
                    && matches!(p.ch, '-' | '–'))
            }
        }
    }

    /// The token after `end` does not continue a number ("2076,5", "2021.5", "20%", "3:16").
    fn free_right(&self, end: usize) -> bool {
        let Some(n) = self.t.get(end) else {
            return true;
        };
        if n.space_before {
            return true;
        }
        match n.kind {
            Kind::Num => false,
            Kind::Word => false,
            Kind::Punct => {
                if n.ch == '%' {
                    return false;
                }
                let next_is_num = self
                    .t
                    .get(end + 1)
                    .is_some_and(|t| t.kind == Kind::Num && !t.space_before);
                !(next_is_num && matches!(n.ch, ',' | '.' | ':' | '/' | '-' | '–'))
            }
        }
    }

    // ---- building blocks ------------------------------------------------------------

    /// A four-digit year (1000..=2199) at `i`, written alone. Context decides whether a bare
    /// number is a year: "in 2021" and "2021, which" are; "2076 criminal cases" is not.
    fn year_at(&self, i: usize) -> Option<i32> {
        let (v, d) = self.num(i)?;
        if d != 4 || !(1000..=2199).contains(&v) || !self.free_left(i) {
            return None;
        }
        // "1990s" and "20th" belong to other rules.
        if self.glued(i + 1) && self.tok(i + 1).is_some_and(|t| t.kind == Kind::Word) {
            return None;
        }
        if !self.free_right(i + 1) {
            return None;
        }
        Some(v as i32)
    }

    /// `year_at` plus the context test for a year standing on its own.
    fn bare_year_ok(&self, i: usize, y: i32) -> bool {
        // Strong cues make a year of any following word ("in 1812 troops"); weak ones
        // ("of", "and") still need the next word to agree ("of 2024 respondents").
        let prev = if i > 0 { self.lex(i - 1) } else { Lex::Other };
        let strong = matches!(
            prev,
            Lex::Word(
                W::In
                    | W::Since
                    | W::By
                    | W::Until
                    | W::From
                    | W::Through
                    | W::During
                    | W::Before
                    | W::After
                    | W::Early
                    | W::Late
                    | W::Mid
                    | W::Fiscal
            ) | Lex::Unit(Unit::Year, false)
                | Lex::Season(..)
                | Lex::Month(_)
        );
        if strong {
            return true;
        }
        let weak = matches!(
            prev,
            Lex::Word(
                W::Of | W::To | W::And | W::Between | W::Around | W::For | W::Over | W::Within
            )
        );
        if weak && (1000..=2099).contains(&y) && self.next_agrees_with_year(i + 1) {
            return true;
        }
        if !(1900..=2099).contains(&y) {
            return false;
        }
        if i > 0 && self.t[i - 1].kind == Kind::Num {
            return false;
        }
        self.next_agrees_with_year(i + 1) || self.year_as_modifier(i)
    }

    /// "a 2011 audit", "their 1998 merger": a year between a determiner and a singular
    /// noun. A plural noun makes it a count ("the 2000 employees").
    fn year_as_modifier(&self, i: usize) -> bool {
        const DETERMINERS: &[&str] = &["its", "his", "her", "their", "our", "that"];
        let det = i > 0
            && (self.kw_any(i - 1, &[W::A, W::The, W::This])
                || DETERMINERS.iter().any(|d| self.word_eq(i - 1, d)));
        let Some(n) = self.tok(i + 1) else {
            return false;
        };
        let w = self.text.get(n.start..n.end).unwrap_or("").as_bytes();
        let plural = w.len() > 3
            && w.ends_with(b"s")
            && !w.ends_with(b"ss")
            && !w.ends_with(b"us")
            && !w.ends_with(b"is");
        det && n.kind == Kind::Word && !n.cap && n.lex == Lex::Other && !plural
    }

    /// The token after a candidate year lets it be a year: punctuation, the end, a
    /// capitalised word ("2021 Olympics"), or a word that follows years ("2024 election").
    fn next_agrees_with_year(&self, k: usize) -> bool {
        match self.tok(k) {
            None => true,
            Some(n) => match n.kind {
                Kind::Punct => !matches!(n.ch, '%' | '$'),
                Kind::Num => false,
                Kind::Word => {
                    n.cap
                        || matches!(
                            n.lex,
                            Lex::Word(
                                W::And
                                    | W::To
                                    | W::Until
                                    | W::Through
                                    | W::In
                                    | W::On
                                    | W::At
                                    | W::By
                                    | W::For
                                    | W::Of
                                    | W::Before
                                    | W::After
                                    | W::Since
                                    | W::Will
                                    | W::Would
                                    | W::Fiscal
                            ) | Lex::Month(_)
                                | Lex::Season(..)
                        )
                        || self.year_next_word(k)
                }
            },
        }
    }

    /// Lower-case words that commonly follow a year used as a modifier or subject.
    fn year_next_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        const WORDS: &[&str] = &[
            "was",
            "were",
            "is",
            "has",
            "had",
            "saw",
            "when",
            "as",
            "that",
            "which",
            "while",
            "but",
            "or",
            "election",
            "elections",
            "season",
            "budget",
            "census",
            "campaign",
            "summit",
            "war",
            "crisis",
            "invasion",
            "report",
            "survey",
            "study",
            "levels",
            "level",
            "figures",
            "results",
            "model",
            "edition",
            "olympics",
            "games",
            "cup",
            "earthquake",
            "attack",
            "attacks",
            "coup",
            "revolution",
            "agreement",
            "deal",
            "law",
            "act",
            "peak",
            "low",
            "high",
            "average",
            "total",
            "compared",
            "versus",
            "vs",
            "onwards",
            "onward",
            "alone",
            "itself",
            "dollars",
            "prices",
            "tournament",
            "championship",
            "final",
            "world",
            "presidential",
            "general",
            "midterm",
            "midterms",
            "annexation",
            "ceasefire",
            "protests",
            "uprising",
            "film",
            "album",
        ];
        if t.kind != Kind::Word || t.end - t.start > 12 {
            return false;
        }
        WORDS.iter().any(|w| self.word_eq(i, w))
    }

    /// Token `i` is the word `w`, ignoring ASCII case.
    fn word_eq(&self, i: usize, w: &str) -> bool {
        self.t
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    }

    /// Token `i` is exactly `w` (case matters: "Q3", "T14:30").
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.t
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|s| s == w)
    }

    /// A day number 1..=31, optionally with an ordinal suffix; returns (day, end).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let (v, d) = self.num(i)?;
        if d > 2 || !(1..=31).contains(&v) || !self.free_left(i) {
            return None;
        }
        let mut end = i + 1;
        if self.glued(end) && self.lex(end) == Lex::OrdSuffix {
            end += 1;
        }
        if !self.free_right(end) {
            return None;
        }
        Some((v, end))
    }

    /// Month name or abbreviation at `i` (abbreviations may carry a period); the flag says
    /// whether it was an abbreviation.
    fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        if !self.capitalised(i) {
            return None;
        }
        match self.lex(i) {
            Lex::Month(m) => {
                // "May." is still May; skip a glued period only for abbreviations.
                Some((u32::from(m), i + 1, false))
            }
            Lex::MonthAbbr(m) => {
                let end = if self.glued_punct(i + 1, '.') {
                    i + 2
                } else {
                    i + 1
                };
                Some((u32::from(m), end, true))
            }
            _ => None,
        }
    }

    /// Weekday name at `i` (abbreviations need a period or a following date).
    fn weekday_at(&self, i: usize) -> Option<(u8, usize, bool)> {
        if !self.capitalised(i) {
            return None;
        }
        let Lex::Weekday(d) = self.lex(i) else {
            return None;
        };
        let t = &self.t[i];
        let full = t.end - t.start > 4 || self.word_eq(i, "tues") || self.word_eq(i, "thurs");
        let full = full && t.end - t.start >= 6;
        let end = if !full && self.glued_punct(i + 1, '.') {
            i + 2
        } else {
            i + 1
        };
        Some((d, end, full))
    }

    /// A count ("three", "72", "twenty-four", "a", "a few", "several", "two and a half").
    fn count_at(&self, i: usize) -> Option<(usize, Count)> {
        let t = self.tok(i)?;
        let (mut end, mut n) = match t.lex {
            _ if t.kind == Kind::Num => {
                // Grouped thousands: "1,000".
                let mut v = f64::from(t.num);
                let mut end = i + 1;
                while self.glued_punct(end, ',')
                    && self.glued(end + 1)
                    && self.num(end + 1).is_some_and(|(_, d)| d == 3)
                {
                    v = v * 1000.0 + f64::from(self.t[end + 1].num);
                    end += 2;
                }
                if !self.free_left(i) {
                    return None;
                }
                // A decimal: "2.5 years".
                if self.glued_punct(end, '.')
                    && self.glued(end + 1)
                    && let Some((frac, d)) = self.num(end + 1)
                {
                    v += f64::from(frac) / 10f64.powi(i32::from(d));
                    end += 2;
                }
                if !self.free_right(end) && !self.dash(end) {
                    return None;
                }
                (end, Count::Exact(v))
            }
            Lex::Card(c) => {
                let mut v = c;
                let mut end = i + 1;
                if (20..=90).contains(&c) && c % 10 == 0 {
                    let j = if self.dash(end) && self.glued(end) {
                        end + 1
                    } else {
                        end
                    };
                    if let Lex::Card(u) = self.lex(j)
                        && (1..=9).contains(&u)
                    {
                        v += u;
                        end = j + 1;
                    }
                }
                if self.lex(end) == Lex::Card(100) && c < 100 {
                    v *= 100;
                    end += 1;
                }
                (end, Count::Exact(f64::from(v)))
            }
            Lex::Word(W::A) => match self.lex(i + 1) {
                Lex::Word(W::Few) => (i + 2, Count::Vague),
                Lex::Word(W::Couple) => {
                    let end = if self.kw(i + 2, W::Of) { i + 3 } else { i + 2 };
                    (end, Count::Exact(2.0))
                }
                Lex::Word(W::Dozen) => (i + 2, Count::Exact(12.0)),
                Lex::Card(100) => (i + 2, Count::Exact(100.0)),
                _ => (i + 1, Count::Exact(1.0)),
            },
            Lex::Word(W::Several | W::Few | W::Many | W::Some) => (i + 1, Count::Vague),
            Lex::Word(W::Couple) => {
                let end = if self.kw(i + 1, W::Of) { i + 2 } else { i + 1 };
                (end, Count::Exact(2.0))
            }
            Lex::Word(W::Dozen) => (i + 1, Count::Exact(12.0)),
            Lex::Word(W::Half) if self.kw(i + 1, W::A) => (i + 2, Count::Exact(0.5)),
            _ => return None,
        };
        // "two and a half".
        if let Count::Exact(v) = n
            && self.kw(end, W::And)
            && self.kw(end + 1, W::A)
            && self.kw(end + 2, W::Half)
        {
            n = Count::Exact(v + 0.5);
            end += 3;
        }
        Some((end, n))
    }

    /// Count followed by a unit: (end, count, unit). "five-year" and "24-hour" too.
    fn count_unit(&self, i: usize) -> Option<(usize, Count, Unit)> {
        let (mut j, n) = self.count_at(i)?;
        if self.dash(j) && self.glued(j) && self.glued(j + 1) {
            j += 1;
        }
        // "six straight days", "two more weeks", "five trading days": still the length.
        const BETWEEN: &[&str] = &[
            "straight",
            "consecutive",
            "successive",
            "more",
            "additional",
            "further",
            "trading",
            "business",
            "working",
        ];
        if matches!(self.lex(j + 1), Lex::Unit(..))
            && self
                .tok(j)
                .is_some_and(|t| t.kind == Kind::Word && t.lex == Lex::Other)
            && BETWEEN.iter().any(|w| self.word_eq(j, w))
        {
            j += 1;
        }
        let Lex::Unit(u, plural) = self.lex(j) else {
            return None;
        };
        // "a years" is not English; "1 years" happens, so only words are strict.
        if self.kw(i, W::A) && plural && n == Count::Exact(1.0) {
            return None;
        }
        if n == Count::Vague && !plural {
            return None;
        }
        // "a 6-year-old boy" is an age, not a time.
        if self.dash(j + 1) && self.glued(j + 1) && self.kw(j + 2, W::Old) {
            return None;
        }
        Some((j + 1, n, u))
    }

    /// A year in words, as transcripts write it: "nineteen ninety-six" (19 × 100 + 96),
    /// "two thousand", "two thousand and one".
    fn spelled_year(&self, i: usize) -> Option<(usize, i32)> {
        let Lex::Card(c) = self.lex(i) else {
            return None;
        };
        if c == 2 && self.word_eq(i + 1, "thousand") {
            let mut e = i + 2;
            let mut y = 2000;
            let j = if self.kw(e, W::And) { e + 1 } else { e };
            if let Some((end, Count::Exact(n))) = self.count_at(j)
                && self.lex(j) != Lex::Word(W::A)
                && (1.0..=99.0).contains(&n)
                && n.fract() == 0.0
            {
                y += n as i32;
                e = end;
            }
            return Some((e, y));
        }
        // 1500–2099 only: "eleven thirty" is a clock time.
        if !(15..=20).contains(&c) {
            return None;
        }
        let (e, n) = self.count_at(i + 1)?;
        match n {
            Count::Exact(n)
                if matches!(self.lex(i + 1), Lex::Card(10..=90))
                    && (10.0..=99.0).contains(&n)
                    && n.fract() == 0.0
                    // "nineteen twenty-year-olds": a count, not a year.
                    && !matches!(self.lex(e), Lex::Unit(..)) && !self.dash(e) =>
            {
                Some((e, c as i32 * 100 + n as i32))
            }
            _ => None,
        }
    }

    /// An expression that names a year, for "of 2023", "early 2024", "late last year".
    fn year_expr(&self, i: usize) -> M {
        if let Some(y) = self.year_at(i) {
            return Some((i + 1, Sem::Value(TimexValue::year(y))));
        }
        if let Some((e, y)) = self.spelled_year(i) {
            return Some((e, Sem::Value(TimexValue::year(y))));
        }
        if self.kw(i, W::Fiscal)
            && let Some(y) = self.year_at(i + 1)
        {
            return Some((i + 2, Sem::Value(TimexValue::year(y))));
        }
        let n = match self.lex(i) {
            Lex::Word(W::Last | W::Previous | W::Past) => -1,
            Lex::Word(W::This | W::Current) => 0,
            Lex::Word(W::Next | W::Coming) => 1,
            Lex::Word(W::The) if self.lex(i + 1) == Lex::Unit(Unit::Year, false) => {
                return Some((
                    i + 2,
                    Sem::Rel {
                        unit: Unit::Year,
                        n: 0,
                    },
                ));
            }
            _ => return None,
        };
        (self.lex(i + 1) == Lex::Unit(Unit::Year, false)).then_some((
            i + 2,
            Sem::Rel {
                unit: Unit::Year,
                n,
            },
        ))
    }

    /// A date-like expression usable after "early", "late", "of", or as a range end.
    fn period_expr(&self, i: usize) -> M {
        let mut best: M = None;
        let mut take = |m: M| {
            if let Some((e, s)) = m
                && best.as_ref().is_none_or(|(b, _)| e > *b)
            {
                best = Some((e, s));
            }
        };
        take(self.year_expr(i));
        take(self.month_expr(i, true));
        take(self.decade_expr(i));
        take(self.rel_unit(i));
        if self.kw(i, W::The)
            && let Some(m) = self.decade_expr(i + 1)
        {
            take(Some(m));
        }
        best
    }

    /// "the 1990s", "1990s", "'90s", "1800s" (a century).
    fn decade_expr(&self, i: usize) -> M {
        // "'90s"
        if self.tok(i).is_some_and(|t| matches!(t.ch, '\'' | '’')) {
            let (v, d) = self.num(i + 1)?;
            if d == 2 && v % 10 == 0 && self.glued(i + 1) && self.s_suffix(i + 2).is_some() {
                let end = self.s_suffix(i + 2)?;
                return Some((
                    end,
                    Sem::Value(TimexValue::YearPrefix {
                        bce: false,
                        prefix: 190 + v / 10,
                        digits: 3,
                    }),
                ));
            }
            return None;
        }
        let (v, d) = self.num(i)?;
        if d != 4 || v % 10 != 0 || !self.free_left(i) || !(1000..=2190).contains(&v) {
            return None;
        }
        let end = self.s_suffix(i + 1)?;
        let value = if v % 100 == 0 && v % 1000 != 0 {
            TimexValue::YearPrefix {
                bce: false,
                prefix: v / 100,
                digits: 2,
            }
        } else {
            TimexValue::YearPrefix {
                bce: false,
                prefix: v / 10,
                digits: 3,
            }
        };
        Some((end, Sem::Value(value)))
    }

    /// A glued "s" or "'s" after a number: returns the end.
    fn s_suffix(&self, i: usize) -> Option<usize> {
        if self.glued(i) && self.word_eq(i, "s") {
            return Some(i + 1);
        }
        if self.glued(i)
            && self.tok(i).is_some_and(|t| matches!(t.ch, '\'' | '’'))
            && self.glued(i + 1)
            && self.word_eq(i + 1, "s")
        {
            return Some(i + 2);
        }
        None
    }

    /// Month with optional day and year: "August 20, 2025", "Aug. 20", "March 2024",
    /// "March of 2024", bare "March" (only where a month is expected, unless `loose`).
    fn month_expr(&self, i: usize, loose: bool) -> M {
        let (m, j, abbr) = self.month_at(i)?;
        let mut spec = DateSpec::new();
        spec.month = Some(m);
        // Day.
        if let Some((d, e)) = self.day_at(j) {
            spec.day = Some(d);
            let mut end = e;
            // Year after an optional comma.
            let k = if self.punct(end, ',') { end + 1 } else { end };
            if let Some(y) = self.year_at(k) {
                spec.year = Some(y);
                end = k + 1;
            } else if let Some((y, e2)) = self.short_year(k, true) {
                spec.year = Some(y);
                end = e2;
            }
            return Some((end, Sem::Date(spec)));
        }
        // Year.
        let k = if self.punct(j, ',') || self.kw(j, W::Of) {
            j + 1
        } else {
            j
        };
        if let Some(y) = self.year_at(k) {
            spec.year = Some(y);
            return Some((k + 1, Sem::Date(spec)));
        }
        // "October of next year", "March of last year", "January this year".
        if (self.kw(j, W::Of) || k == j)
            && let Some((
                e,
                Sem::Rel {
                    unit: Unit::Year,
                    n,
                },
            )) = self.rel_unit(k)
        {
            return Some((
                e,
                Sem::Slice {
                    of: Some(Box::new(Sem::Rel {
                        unit: Unit::Year,
                        n,
                    })),
                    slice: YearSlice::Month(m),
                    dir: Dir::Tense,
                },
            ));
        }
        if let Some((e, y)) = self.spelled_year(k) {
            spec.year = Some(y);
            return Some((e, Sem::Date(spec)));
        }
        if abbr {
            // A bare abbreviation is too often something else ("Mar", "Jun").
            return None;
        }
        let t = &self.t[i];
        let ambiguous = matches!(m, 3 | 4 | 5 | 6 | 8);
        let context = i > 0
            && matches!(
                self.lex(i - 1),
                Lex::Word(
                    W::In
                        | W::Since
                        | W::Until
                        | W::By
                        | W::During
                        | W::From
                        | W::Through
                        | W::Before
                        | W::After
                        | W::Early
                        | W::Late
                        | W::Mid
                        | W::Last
                        | W::Next
                        | W::This
                        | W::Of
                        | W::Between
                        | W::And
                        | W::To
                        | W::Each
                        | W::Every
                )
            );
        // Sentence-initial capitals say nothing; a name like "April Smith" is followed by
        // another capitalised word.
        let next_cap = self
            .tok(j)
            .is_some_and(|n| n.kind == Kind::Word && n.cap && !n.all_caps);
        if !(context || loose || (!ambiguous && t.cap && !next_cap && i > 0)) {
            return None;
        }
        // "June Carter": a first name.
        if ambiguous && next_cap && !loose {
            return None;
        }
        Some((j, Sem::Date(spec)))
    }

    /// Two-digit year after an apostrophe ("'89") or in a numeric date.
    fn short_year(&self, i: usize, apostrophe: bool) -> Option<(i32, usize)> {
        if apostrophe {
            if !self.tok(i).is_some_and(|t| matches!(t.ch, '\'' | '’')) {
                return None;
            }
            let (v, d) = self.num(i + 1)?;
            if d != 2 || !self.glued(i + 1) || !self.free_right(i + 2) {
                return None;
            }
            if self.s_suffix(i + 2).is_some() {
                return None;
            }
            return Some((expand_two_digit(v), i + 2));
        }
        let (v, d) = self.num(i)?;
        (d == 2).then(|| (expand_two_digit(v), i + 1))
    }

    /// "last week", "this year", "next month", "this weekend" — without "the".
    fn rel_unit(&self, i: usize) -> M {
        let n = match self.lex(i) {
            Lex::Word(W::Last | W::Previous | W::Past) => -1,
            Lex::Word(W::This | W::Current) => 0,
            Lex::Word(W::Next | W::Coming) => 1,
            _ => return None,
        };
        // "this fiscal year", "last fiscal quarter": named like the calendar period (the
        // fiscal calendar is not known).
        let j = if self.kw(i + 1, W::Fiscal)
            && matches!(
                self.lex(i + 2),
                Lex::Unit(Unit::Year | Unit::Quarter, false)
            ) {
            i + 2
        } else {
            i + 1
        };
        match self.lex(j) {
            Lex::Unit(u, false)
                if !matches!(
                    u,
                    Unit::Second | Unit::Minute | Unit::Hour | Unit::Fortnight
                ) =>
            {
                Some((j + 1, Sem::Rel { unit: u, n }))
            }
            _ => None,
        }
    }

    // ---- rules ----------------------------------------------------------------------

    /// Expressions that start with digits.
    fn r_numeric(&self, i: usize) -> Option<Cand> {
        let (v, d) = self.num(i)?;
        if !self.free_left(i) {
            return None;
        }
        let mut best: Option<Cand> = None;
        let mut take = |c: Option<Cand>| {
            if let Some(c) = c
                && best.as_ref().is_none_or(|b| c.last > b.last)
            {
                best = Some(c);
            }
        };
        take(self.numeric_date(i));
        take(self.time_at(i));
        // "20 August 2025", "20th of August".
        if let Some((day, e)) = self.day_at(i) {
            let k = if self.kw(e, W::Of) { e + 1 } else { e };
            if let Some((m, j, _)) = self.month_at(k) {
                let mut spec = DateSpec::new();
                spec.month = Some(m);
                spec.day = Some(day);
                let mut end = j;
                let y = if self.punct(j, ',') { j + 1 } else { j };
                if let Some(yv) = self.year_at(y) {
                    spec.year = Some(yv);
                    end = y + 1;
                }
                take(Some(Cand::new(i, end, Sem::Date(spec), TimexType::Date)));
            }
        }
        // Decades and centuries.
        if let Some((e, s)) = self.decade_expr(i) {
            take(Some(Cand::new(i, e, s, TimexType::Date)));
        }
        if let Some(c) = self.century_at(i, i) {
            take(Some(c));
        }
        // Ranges of years: "2019-2021", "2019–21", "2019/20".
        if d == 4 && (1000..=2199).contains(&v) {
            let y = v as i32;
            if (self.dash(i + 1) || self.punct(i + 1, '/'))
                && let Some((v2, d2)) = self.num(i + 2)
                && (self.glued(i + 1) == self.glued(i + 2))
                && self.free_right(i + 3)
            {
                let y2 = match d2 {
                    4 => Some(v2 as i32),
                    2 => Some(y - y % 100 + v2 as i32),
                    _ => None,
                };
                if let Some(y2) = y2
                    && y2 > y
                    && y2 - y <= 100
                {
                    let mut c = Cand::new(
                        i,
                        i + 3,
                        Sem::Range(
                            Box::new(Sem::Value(TimexValue::year(y))),
                            Box::new(Sem::Value(TimexValue::year(y2))),
                        ),
                        TimexType::Date,
                    );
                    c.parts = Some([(i, i + 1), (i + 2, i + 3)]);
                    take(Some(c));
                }
            }
        }
        // Years and BC years.
        if d == 4
            && let Some(y) = self.year_at(i)
        {
            if self.kw(i + 1, W::Bc) {
                take(Some(Cand::new(
                    i,
                    i + 2,
                    Sem::Value(TimexValue::year(1 - y)),
                    TimexType::Date,
                )));
            } else if self.bare_year_ok(i, y) {
                take(Some(Cand::new(
                    i,
                    i + 1,
                    Sem::Value(TimexValue::year(y)),
                    TimexType::Date,
                )));
            }
        }
        if d <= 4 && v > 0 && self.kw(i + 1, W::Bc) && self.free_right(i + 1) {
            take(Some(Cand::new(
                i,
                i + 2,
                Sem::Value(TimexValue::year(1 - v as i32)),
                TimexType::Date,
            )));
        }
        best
    }

    /// "the 19th century", "21st-century", "the fifth century BC". `from` is where the
    /// extent starts (before "the").
    fn century_at(&self, from: usize, i: usize) -> Option<Cand> {
        let (n, j) = if let Some((v, d)) = self.num(i) {
            if d > 2 || !self.glued(i + 1) || self.lex(i + 1) != Lex::OrdSuffix {
                return None;
            }
            (v, i + 2)
        } else if let Lex::Ord(o) = self.lex(i) {
            // "twenty-first".
            (o, i + 1)
        } else if let Lex::Card(20) = self.lex(i) {
            if self.dash(i + 1) && matches!(self.lex(i + 2), Lex::Ord(1..=9)) {
                let Lex::Ord(o) = self.lex(i + 2) else {
                    return None;
                };
                (20 + o, i + 3)
            } else {
                return None;
            }
        } else {
            return None;
        };
        let k = if self.dash(j) && self.glued(j) {
            j + 1
        } else {
            j
        };
        let (unit, e) = match self.lex(k) {
            Lex::Unit(u @ (Unit::Century | Unit::Millennium), false) => (u, k + 1),
            _ => return None,
        };
        if n == 0 {
            return None;
        }
        let bce = self.kw(e, W::Bc);
        let end = if bce || self.kw(e, W::Ad) { e + 1 } else { e };
        let value = if unit == Unit::Century {
            if n > 99 {
                return None;
            }
            TimexValue::YearPrefix {
                bce,
                prefix: n - 1,
                digits: 2,
            }
        } else {
            if n > 9 {
                return None;
            }
            TimexValue::YearPrefix {
                bce,
                prefix: n - 1,
                digits: 1,
            }
        };
        Some(Cand::new(from, end, Sem::Value(value), TimexType::Date))
    }

    /// ISO and slashed dates: 2025-08-20[T14:30], 20/08/2025, 08/20/2025, 10/30/89, 20.08.2025.
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let (a, da) = self.num(i)?;
        let sep = self.tok(i + 1)?;
        if sep.kind != Kind::Punct || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let sepc = sep.ch;
        if !matches!(sepc, '-' | '/' | '.') {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        if !(self.glued_punct(i + 3, sepc) && self.glued(i + 4)) {
            return None;
        }
        let (c, dc) = self.num(i + 4)?;
        let after = i + 5;
        let mut spec = DateSpec::new();
        if da == 4 && sepc == '-' && db == 2 && dc == 2 {
            spec.year = Some(a as i32);
            spec.month = Some(b);
            spec.day = Some(c);
            chrono::NaiveDate::from_ymd_opt(a as i32, b, c)?;
            // "2025-08-20T14:30".
            if self.glued(after)
                && let Some(t) = self.tok(after)
                && t.kind == Kind::Word
                && self.word_is(after, "T")
                && let Some((h, _)) = self.num(after + 1)
                && self.glued_punct(after + 2, ':')
                && let Some((mi, 2)) = self.num(after + 3)
                && h < 24
                && mi < 60
            {
                let mut end = after + 4;
                let mut second = None;
                if self.glued_punct(end, ':')
                    && let Some((sec, 2)) = self.num(end + 1)
                    && sec < 60
                {
                    second = Some(sec);
                    end += 2;
                }
                let utc = self.glued(end) && self.word_is(end, "Z");
                if utc {
                    end += 1;
                }
                return Some(Cand::new(
                    i,
                    end,
                    Sem::Time {
                        date: Some(Box::new(Sem::Date(spec))),
                        hour: h,
                        minute: mi,
                        second,
                        utc,
                    },
                    TimexType::Time,
                ));
            }
            if !self.free_right(after) {
                return None;
            }
            return Some(Cand::new(i, after, Sem::Date(spec), TimexType::Date));
        }
        if da > 2 || db > 2 || !(dc == 4 || (dc == 2 && sepc == '/')) {
            return None;
        }
        if !self.free_right(after) {
            return None;
        }
        let year = if dc == 4 {
            c as i32
        } else {
            expand_two_digit(c)
        };
        let (day, month) = if a > 12 {
            (a, b)
        } else if b > 12 || !self.day_first {
            (b, a)
        } else {
            (a, b)
        };
        chrono::NaiveDate::from_ymd_opt(year, month, day)?;
        spec.year = Some(year);
        spec.month = Some(month);
        spec.day = Some(day);
        Some(Cand::new(i, after, Sem::Date(spec), TimexType::Date))
    }

    /// Clock times: "3:30 p.m. EDT", "15:30", "3 p.m.", "10am", "0830 GMT".
    fn time_at(&self, i: usize) -> Option<Cand> {
        let (h, dh) = self.num(i)?;
        let mut j = i + 1;
        let mut minute = 0;
        let mut second = None;
        let mut has_minutes = false;
        if dh <= 2 && self.glued_punct(j, ':') && self.glued(j + 1) {
            let (m, dm) = self.num(j + 1)?;
            if dm != 2 || m > 59 {
                return None;
            }
            minute = m;
            has_minutes = true;
            j += 2;
            if self.glued_punct(j, ':')
                && let Some((sec, 2)) = self.num(j + 1)
                && sec < 60
            {
                second = Some(sec);
                j += 2;
                // "finished in 3:07:35", "a time of 2:05:30": a race or flight time.
                if i > 0
                    && (self.kw_any(i - 1, &[W::In, W::Of]))
                    && self.meridiem(j).is_none()
                    && self.lex(j) != Lex::Zone
                    && self.free_right(j)
                {
                    let value = format!("PT{h}H{minute}M{sec}S");
                    let sem = Sem::Duration { value, place: None };
                    return Some(Cand::new(i, j, sem, TimexType::Duration));
                }
            }
        } else if dh == 4 && self.lex(j) == Lex::Zone {
            // Wire style "0830 GMT".
            let (hh, mm) = (h / 100, h % 100);
            if hh > 23 || mm > 59 {
                return None;
            }
            return Some(Cand::new(
                i,
                j + 1,
                Sem::Time {
                    date: None,
                    hour: hh,
                    minute: mm,
                    second: None,
                    utc: self.utc_zone(j),
                },
                TimexType::Time,
            ));
        } else if dh > 2 {
            return None;
        }
        let mut hour = h;
        let meridiem = self.meridiem(j);
        if let Some((pm, e)) = meridiem {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (pm, hour) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, x) => x + 12,
                (false, x) => x,
            };
            j = e;
        } else if !has_minutes {
            // "at 5 o'clock".
            if self.word_eq(j, "o")
                && (self.punct(j + 1, '\'') || self.punct(j + 1, '’'))
                && self.word_eq(j + 2, "clock")
                && (1..=12).contains(&hour)
            {
                {
                    return Some(Cand::new(
                        i,
                        j + 3,
                        Sem::Time {
                            date: None,
                            hour,
                            minute: 0,
                            second: None,
                            utc: false,
                        },
                        TimexType::Time,
                    ));
                }
            }
            return None;
        } else {
            if hour > 23 {
                return None;
            }
            // "3:16" in a verse or a ratio: require a zone or a time preposition.
            let zone = self.lex(j) == Lex::Zone;
            let prep = i > 0
                && matches!(
                    self.lex(i - 1),
                    Lex::Word(
                        W::At
                            | W::By
                            | W::Around
                            | W::Before
                            | W::After
                            | W::Until
                            | W::From
                            | W::Since
                    )
                );
            if !zone && !prep {
                return None;
            }
        }
        let utc = self.utc_zone(j);
        if self.lex(j) == Lex::Zone {
            j += 1;
        }
        if !self.free_right(j) && !self.punct(j, '.') {
            return None;
        }
        Some(Cand::new(
            i,
            j,
            Sem::Time {
                date: None,
                hour,
                minute,
                second,
                utc,
            },
            TimexType::Time,
        ))
    }

    /// The zone at `j` is UTC ("UTC", "GMT"), which TIMEX3 writes `Z`. Other zones are kept
    /// out of the value (TimeML writes local times).
    fn utc_zone(&self, j: usize) -> bool {
        self.lex(j) == Lex::Zone && (self.word_is(j, "UTC") || self.word_is(j, "GMT"))
    }

    /// "a.m.", "am", "AM", "p.m", "pm" at `j`: (is_pm, end).
    fn meridiem(&self, j: usize) -> Option<(bool, usize)> {
        match self.lex(j) {
            Lex::Word(W::Am) => return Some((false, j + 1)),
            Lex::Word(W::Pm) => return Some((true, j + 1)),
            _ => {}
        }
        let pm = if self.word_eq(j, "a") {
            false
        } else if self.word_eq(j, "p") {
            true
        } else {
            return None;
        };
        if self.glued_punct(j + 1, '.') && self.glued(j + 2) && self.word_eq(j + 2, "m") {
            let end = if self.glued_punct(j + 3, '.') {
                j + 4
            } else {
                j + 3
            };
            return Some((pm, end));
        }
        None
    }

    /// Month-first dates.
    fn r_month(&self, i: usize) -> Option<Cand> {
        let (end, sem) = self.month_expr(i, false)?;
        Some(Cand::new(i, end, sem, TimexType::Date))
    }

    /// "Tuesday", "Tuesday, Aug. 19", "Tuesday morning", "Tuesday night".
    fn r_weekday(&self, i: usize) -> Option<Cand> {
        let (wd, j, full) = self.weekday_at(i)?;
        // A following date: "Tuesday, Aug. 19[, 2025]", "Tue 19 August".
        let k = if self.punct(j, ',') { j + 1 } else { j };
        let dated = self
            .month_expr(k, true)
            .filter(|(_, s)| matches!(s, Sem::Date(d) if d.day.is_some()))
            .or_else(|| {
                self.r_numeric(k).and_then(|c| {
                    matches!(&c.sem, Sem::Date(d) if d.day.is_some() && d.month.is_some())
                        .then_some((c.last, c.sem))
                })
            });
        if let Some((end, Sem::Date(mut spec))) = dated {
            spec.weekday = Some(wd);
            return Some(Cand::new(i, end, Sem::Date(spec), TimexType::Date));
        }
        if !full {
            return None;
        }
        // "The Sunday Times", "Good Friday Agreement": part of a name.
        if let Some(n) = self.tok(j)
            && n.kind == Kind::Word
            && n.cap
            && !n.all_caps
            && !matches!(n.lex, Lex::Month(_) | Lex::MonthAbbr(_) | Lex::Part(_))
        {
            return None;
        }
        let mut spec = DateSpec::new();
        spec.weekday = Some(wd);
        let dir = if i > 0 {
            match self.lex(i - 1) {
                Lex::Word(W::Last | W::Past | W::Previous) => Dir::Last,
                Lex::Word(W::Next | W::Coming) => Dir::Next,
                Lex::Word(W::This) => Dir::This,
                _ => Dir::Tense,
            }
        } else {
            Dir::Tense
        };
        let first = if dir == Dir::Tense { i } else { i - 1 };
        spec.dir = dir;
        let date = Sem::Date(spec);
        if let Lex::Part(p) = self.lex(j) {
            return Some(Cand::new(
                first,
                j + 1,
                Sem::PartOfDay {
                    date: Box::new(date),
                    part: p,
                },
                TimexType::Time,
            ));
        }
        // Weekday followed by "Wednesday's" possessive is still the day.
        Some(Cand::new(first, j, date, TimexType::Date))
    }

    /// today, yesterday, tomorrow, tonight, now, currently, recently, "earlier today",
    /// "yesterday morning", "the day before yesterday".
    fn r_deictic(&self, i: usize) -> Option<Cand> {
        // "earlier today", "later this week", "earlier this year", "late last year"
        // are handled here for earlier/later; "late"/"early" belong to r_modified.
        if self.kw_any(i, &[W::Earlier, W::Later]) {
            let inner = self
                .r_deictic(i + 1)
                .or_else(|| {
                    self.rel_unit(i + 1)
                        .filter(|(_, s)| matches!(s, Sem::Rel { n: 0, .. }))
                        .map(|(e, s)| Cand::new(i + 1, e, s, TimexType::Date))
                })
                // "later that day", "earlier in the day" stays "the day".
                .or_else(|| self.r_that(i + 1))?;
            if !matches!(inner.sem, Sem::Rel { .. } | Sem::Focus { .. }) || inner.first != i + 1 {
                return None;
            }
            return Some(Cand::new(i, inner.last, inner.sem, inner.kind));
        }
        let Lex::Word(w) = self.lex(i) else {
            return None;
        };
        let (n, base_kind) = match w {
            W::Today => (0, TimexType::Date),
            W::Yesterday => (-1, TimexType::Date),
            W::Tomorrow => (1, TimexType::Date),
            W::Tonight => {
                return Some(Cand::new(
                    i,
                    i + 1,
                    Sem::PartOfDay {
                        date: Box::new(Sem::Rel {
                            unit: Unit::Day,
                            n: 0,
                        }),
                        part: DayPart::Night,
                    },
                    TimexType::Time,
                ));
            }
            W::Now | W::Currently | W::Nowadays => {
                // "now" as a discourse marker ("Now, ...") still refers to the present in
                // news; TimeBank tags it. "right now", "just now" keep the adverb out.
                return Some(Cand::new(
                    i,
                    i + 1,
                    Sem::Ref(Reference::Present),
                    TimexType::Date,
                ));
            }
            W::Recently => {
                return Some(Cand::new(
                    i,
                    i + 1,
                    Sem::Ref(Reference::Past),
                    TimexType::Date,
                ));
            }
            _ => return None,
        };
        let rel = Sem::Rel { unit: Unit::Day, n };
        if let Lex::Part(p) = self.lex(i + 1) {
            return Some(Cand::new(
                i,
                i + 2,
                Sem::PartOfDay {
                    date: Box::new(rel),
                    part: p,
                },
                TimexType::Time,
            ));
        }
        Some(Cand::new(i, i + 1, rel, base_kind))
    }

    /// "this year's third quarter", "next year's first half", "last year's quarter": a part
    /// of the year the possessive names. `e` is the end of the year expression.
    fn possessive_slice(&self, i: usize, e: usize, year: &Sem) -> Option<Cand> {
        let apostrophe_s = self.glued(e)
            && matches!(self.tok(e).map(|t| t.ch), Some('\'' | '’'))
            && self.glued(e + 1)
            && self.word_eq(e + 1, "s");
        if !apostrophe_s {
            return None;
        }
        let k = e + 2;
        let (slice, end) = match (self.lex(k), self.lex(k + 1)) {
            (Lex::Ord(q @ 1..=4), Lex::Unit(Unit::Quarter, false)) => {
                (YearSlice::Quarter(q as u8), k + 2)
            }
            (Lex::Ord(h @ 1..=2), Lex::Word(W::Half)) => (YearSlice::Half(h as u8), k + 2),
            (Lex::Unit(Unit::Quarter, false), _) => (YearSlice::LatestQuarter, k + 1),
            _ => return None,
        };
        Some(Cand::new(
            i,
            end,
            Sem::Slice {
                of: Some(Box::new(year.clone())),
                slice,
                dir: Dir::Tense,
            },
            TimexType::Date,
        ))
    }

    /// last/next/this/past/coming + unit, weekday, month, season, part of day.
    fn r_relative(&self, i: usize) -> Option<Cand> {
        if let Some((e, s)) = self.rel_unit(i) {
            if matches!(
                s,
                Sem::Rel {
                    unit: Unit::Year,
                    ..
                }
            ) && let Some(c) = self.possessive_slice(i, e, &s)
            {
                return Some(c);
            }
            // "this week's" and so on: the possessive is not part of the extent.
            return Some(Cand::new(i, e, s, TimexType::Date));
        }
        let dir = match self.lex(i) {
            Lex::Word(W::Last | W::Past | W::Previous) => Dir::Last,
            Lex::Word(W::Next | W::Coming) => Dir::Next,
            Lex::Word(W::This) => Dir::This,
            _ => return None,
        };
        match self.lex(i + 1) {
            Lex::Part(p) => {
                // "last night" is the night before; "this morning" the anchor's.
                let n = match dir {
                    Dir::Last => -1,
                    Dir::Next => 1,
                    _ => 0,
                };
                let n = if p == DayPart::Night && dir == Dir::Last {
                    -1
                } else {
                    n
                };
                Some(Cand::new(
                    i,
                    i + 2,
                    Sem::PartOfDay {
                        date: Box::new(Sem::Rel { unit: Unit::Day, n }),
                        part: p,
                    },
                    TimexType::Time,
                ))
            }
            Lex::Month(m) if self.capitalised(i + 1) => {
                let mut spec = DateSpec::new();
                spec.month = Some(u32::from(m));
                spec.dir = dir;
                Some(Cand::new(i, i + 2, Sem::Date(spec), TimexType::Date))
            }
            Lex::Season(s, false) => Some(Cand::new(
                i,
                i + 2,
                Sem::Slice {
                    of: None,
                    slice: YearSlice::Season(s),
                    dir,
                },
                TimexType::Date,
            )),
            _ => None,
        }
    }

    /// Counts with units: durations ("three weeks", "72 hours", "five-year"), and "ago"
    /// ("two years ago"), "from now", "earlier"/"later".
    fn r_count(&self, i: usize) -> Option<Cand> {
        let (e, n, u) = self.count_unit(i)?;
        // "three-quarters of its food", "a quarter of the market": fractions, not time.
        if u == Unit::Quarter && self.kw(e, W::Of) {
            return None;
        }
        // "52 years old": an age, not a time the story places.
        if self.word_eq(e, "old") {
            return None;
        }
        // "a" alone only counts before a singular unit; "a day" in "twice a day" is a set
        // handled by r_set, which starts earlier.
        if self.kw(e, W::Ago) {
            let sem = match n.whole() {
                // "a year ago" in a quarterly report means that quarter a year before.
                Some(1) if u == Unit::Year => Sem::Shift { unit: u, n: -1 },
                Some(k) => Sem::Rel { unit: u, n: -k },
                None => Sem::Ref(Reference::Past),
            };
            return Some(Cand::new(i, e + 1, sem, TimexType::Date));
        }
        if self.kw(e, W::From) && self.kw(e + 1, W::Now) {
            let sem = match n.whole() {
                Some(k) => Sem::Rel { unit: u, n: k },
                None => Sem::Ref(Reference::Future),
            };
            return Some(Cand::new(i, e + 2, sem, TimexType::Date));
        }
        // "a year earlier" compares with the same period a year before (a DATE in TimeML,
        // as financial reports use it); other "N units earlier/later" are the length, as
        // TimeML annotates them: "Three days" is P3D and "later" a signal outside it.
        if self.kw_any(e, &[W::Earlier, W::Later]) && u == Unit::Year && n == Count::Exact(1.0) {
            let sign = if self.kw(e, W::Earlier) { -1 } else { 1 };
            return Some(Cand::new(
                i,
                e + 1,
                Sem::Shift { unit: u, n: sign },
                TimexType::Date,
            ));
        }
        // A bare "a"/"one" + singular unit is too weak on its own ("a day of mourning",
        // "one year"): keep it only where a duration is expected.
        if self.kw(i, W::A) && n == Count::Exact(1.0) {
            let ok = i > 0
                && matches!(
                    self.lex(i - 1),
                    Lex::Word(
                        W::For | W::Over | W::In | W::Within | W::After | W::Around | W::Than
                    )
                );
            // "a month later", "a day before the vote": the length before a signal.
            let ok = ok || self.kw_any(e, &[W::Earlier, W::Later, W::Before, W::After]);
            // "a year" after a count is a set ("$5 million a year"): not a duration.
            if !ok {
                return None;
            }
        }
        // Vague counts need a context that makes them temporal ("for many years", "some
        // days later"); "several" and "a few" before a plural unit are temporal by themselves.
        let temporal_context = i > 0
            && matches!(
                self.lex(i - 1),
                Lex::Word(W::For | W::Over | W::In | W::Within | W::After | W::Than)
            );
        if n == Count::Vague
            && !self.kw_any(i, &[W::Several, W::A, W::Few])
            && !temporal_context
            && !self.kw_any(e, &[W::Earlier, W::Later, W::Before, W::After])
        {
            return None;
        }
        Some(Cand::new(
            i,
            e,
            Sem::Duration {
                value: duration_value(u, n),
                place: None,
            },
            TimexType::Duration,
        ))
    }

    /// A capitalised word that can start a holiday's name (checked only for capitalised
    /// words the lexicon does not know, so the common path stays one enum compare).
    fn holiday_word(&self, i: usize) -> bool {
        const FIRST: &[&str] = &[
            "Christmas",
            "New",
            "Thanksgiving",
            "Halloween",
            "Election",
            "Labor",
            "Labour",
            "Memorial",
            "Independence",
            "Boxing",
        ];
        FIRST.iter().any(|w| self.word_is(i, w))
    }

    /// Holidays: "Christmas", "New Year's Eve", "Thanksgiving Day", "Election Day",
    /// optionally with a year ("Christmas 2024") or a direction ("last Thanksgiving").
    fn r_holiday(&self, i: usize) -> Option<Cand> {
        let (dir, k) = match self.lex(i) {
            Lex::Word(W::Last | W::Past | W::Previous) => (Dir::Last, i + 1),
            Lex::Word(W::Next | W::Coming) => (Dir::Next, i + 1),
            Lex::Word(W::This) => (Dir::This, i + 1),
            _ => (Dir::Tense, i),
        };
        if !self.tok(k).is_some_and(|t| t.cap && t.kind == Kind::Word) {
            return None;
        }
        let day_word = |j: usize| self.lex(j) == Lex::Unit(Unit::Day, false) && self.capitalised(j);
        let possessive_s = |j: usize| {
            self.glued(j)
                && matches!(self.tok(j).map(|t| t.ch), Some('\'' | '’'))
                && self.word_eq(j + 1, "s")
        };
        // (end, fixed month-day) or (end, floating month, weekday, from).
        enum H {
            Fixed(u32, u32),
            Floating(u32, u8, u32),
        }
        let (mut e, h) = if self.word_eq(k, "Christmas") {
            if self.word_eq(k + 1, "Eve") {
                (k + 2, H::Fixed(12, 24))
            } else if day_word(k + 1) {
                (k + 2, H::Fixed(12, 25))
            } else {
                (k + 1, H::Fixed(12, 25))
            }
        } else if self.word_eq(k, "New") && self.word_eq(k + 1, "Year") && possessive_s(k + 2) {
            if self.word_eq(k + 4, "Eve") {
                (k + 5, H::Fixed(12, 31))
            } else if day_word(k + 4) {
                (k + 5, H::Fixed(1, 1))
            } else {
                return None;
            }
        } else if self.word_eq(k, "Thanksgiving") {
            let e = if day_word(k + 1) { k + 2 } else { k + 1 };
            (e, H::Floating(11, 4, 22))
        } else if self.word_eq(k, "Halloween") {
            (k + 1, H::Fixed(10, 31))
        } else if day_word(k + 1) {
            let h = if self.word_eq(k, "Election") {
                H::Floating(11, 2, 2)
            } else if self.word_eq(k, "Labor") || self.word_eq(k, "Labour") {
                H::Floating(9, 1, 1)
            } else if self.word_eq(k, "Memorial") {
                H::Floating(5, 1, 25)
            } else if self.word_eq(k, "Independence") {
                H::Fixed(7, 4)
            } else if self.word_eq(k, "Boxing") {
                H::Fixed(12, 26)
            } else {
                return None;
            };
            (k + 2, h)
        } else {
            return None;
        };
        let year = self.year_at(e);
        if year.is_some() {
            e += 1;
        }
        let sem = match h {
            H::Fixed(m, d) => {
                let mut spec = DateSpec::new();
                spec.month = Some(m);
                spec.day = Some(d);
                spec.year = year;
                spec.dir = dir;
                Sem::Date(spec)
            }
            H::Floating(month, weekday, from) => Sem::Floating {
                month,
                weekday,
                from,
                year,
                dir,
            },
        };
        Some(Cand::new(i, e, sem, TimexType::Date))
    }

    /// "that day", "that week", "that year": the time the story is on.
    fn r_that(&self, i: usize) -> Option<Cand> {
        if !self.kw(i, W::That) {
            return None;
        }
        let Lex::Unit(u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false) =
            self.lex(i + 1)
        else {
            return None;
        };
        Some(Cand::new(
            i,
            i + 2,
            Sem::Focus { unit: u, n: 0 },
            TimexType::Date,
        ))
    }

    /// Expressions starting with "the".
    fn r_the(&self, i: usize) -> Option<Cand> {
        if !self.kw(i, W::The) {
            return None;
        }
        let j = i + 1;
        // "the 1990s", "the '90s".
        if let Some((e, s)) = self.decade_expr(j) {
            return Some(Cand::new(i, e, s, TimexType::Date));
        }
        // "the 19th century".
        if let Some(c) = self.century_at(i, j) {
            return Some(c);
        }
        // "the past three years", "the last 24 hours", "the next two weeks",
        // "the past decade", "the past few days", "the coming months".
        if let Some(c) = self.slice_at(i, j) {
            return Some(c);
        }
        if self.kw_any(j, &[W::Previous, W::Following])
            && let Lex::Unit(u, false) = self.lex(j + 1)
        {
            // "the following decade" is ten years from a time in the story, not a calendar
            // decade (TimeML: P1DE).
            if matches!(u, Unit::Decade | Unit::Century | Unit::Millennium) {
                return Some(Cand::new(
                    i,
                    j + 2,
                    Sem::Duration {
                        value: duration_value(u, Count::Exact(1.0)),
                        place: None,
                    },
                    TimexType::Duration,
                ));
            }
            let n = if self.kw(j, W::Previous) { -1 } else { 1 };
            return Some(Cand::new(
                i,
                j + 2,
                Sem::Focus { unit: u, n },
                TimexType::Date,
            ));
        }
        if self.kw_any(j, &[W::Past, W::Last, W::Next, W::Coming]) {
            let back = self.kw_any(j, &[W::Past, W::Last]);
            if let Some((e, n, u)) = self.count_unit(j + 1) {
                let place = n.whole().map(|k| (u, f64::from(k), back));
                return Some(Cand::new(
                    i,
                    e,
                    Sem::Duration {
                        value: duration_value(u, n),
                        place,
                    },
                    TimexType::Duration,
                ));
            }
            match self.lex(j + 1) {
                // "the past week", "the last year": that calendar week or year, as TimeML
                // writes them (`2025-W33`), like "last week".
                // "the next day": the day after the one the story is on.
                Lex::Unit(Unit::Day, false) if !back => {
                    return Some(Cand::new(
                        i,
                        j + 2,
                        Sem::Focus {
                            unit: Unit::Day,
                            n: 1,
                        },
                        TimexType::Date,
                    ));
                }
                Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year), false) => {
                    let n = if back { -1 } else { 1 };
                    return Some(Cand::new(
                        i,
                        j + 2,
                        Sem::Rel { unit: u, n },
                        TimexType::Date,
                    ));
                }
                Lex::Unit(u, false) if u != Unit::Quarter || back => {
                    // "the past decade", "the past year", "the next month".
                    let n = Count::Exact(1.0);
                    return Some(Cand::new(
                        i,
                        j + 2,
                        Sem::Duration {
                            value: duration_value(u, n),
                            place: Some((u, 1.0, back)),
                        },
                        TimexType::Duration,
                    ));
                }
                Lex::Unit(u, true) => {
                    // "the coming months": vague future; "the past weeks": vague past.
                    let _ = u;
                    let r = if back {
                        Reference::Past
                    } else {
                        Reference::Future
                    };
                    return Some(Cand::new(i, j + 2, Sem::Ref(r), TimexType::Date));
                }
                _ => {}
            }
        }
        // "the past", "the future", "the present".
        match self.lex(j) {
            Lex::Word(W::Past)
                if !matches!(
                    self.lex(j + 1),
                    Lex::Unit(..) | Lex::Card(_) | Lex::Word(W::Few)
                ) =>
            {
                return Some(Cand::new(
                    i,
                    j + 1,
                    Sem::Ref(Reference::Past),
                    TimexType::Date,
                ));
            }
            Lex::Word(W::Future) => {
                let e = j + 1;
                return Some(Cand::new(
                    i,
                    e,
                    Sem::Ref(Reference::Future),
                    TimexType::Date,
                ));
            }
            _ => {}
        }
        // "the first six months of 2023", "the first half of 2023", "the second quarter",
        // "the latest quarter", "the quarter", "the last three months of 2024".
        if let Some(c) = self.slice_at(i, j) {
            return Some(c);
        }
        // "the weekend".
        if self.lex(j) == Lex::Unit(Unit::Weekend, false) {
            return Some(Cand::new(
                i,
                j + 1,
                Sem::Rel {
                    unit: Unit::Weekend,
                    n: if self.future_context(i) { 1 } else { -1 },
                },
                TimexType::Date,
            ));
        }
        // "the 1988 quarter", "the 1989 period": the quarter being reported on, that year.
        if let Some(y) = self.year_at(j)
            && (self.lex(j + 1) == Lex::Unit(Unit::Quarter, false) || self.word_eq(j + 1, "period"))
        {
            return Some(Cand::new(
                i,
                j + 2,
                Sem::Slice {
                    of: Some(Box::new(Sem::Value(TimexValue::year(y)))),
                    slice: YearSlice::LatestQuarter,
                    dir: Dir::Tense,
                },
                TimexType::Date,
            ));
        }
        // "the nine months" (reporting periods): a duration.
        if let Some((e, n, u)) = self.count_unit(j)
            && !self.kw(j, W::A)
            && n != Count::Vague
            && self.lex(e) != Lex::Word(W::Ago)
        {
            return Some(Cand::new(
                i,
                e,
                Sem::Duration {
                    value: duration_value(u, n),
                    place: None,
                },
                TimexType::Duration,
            ));
        }
        // "the year-earlier quarter", "the comparable year-ago period": the same period a
        // year before the one being reported.
        let k = if self.word_eq(j, "comparable") || self.word_eq(j, "corresponding") {
            j + 1
        } else {
            j
        };
        if self.lex(k) == Lex::Unit(Unit::Year, false)
            && self.dash(k + 1)
            && self.glued(k + 1)
            && self.kw_any(k + 2, &[W::Earlier, W::Ago])
        {
            let mut e = k + 3;
            if let Lex::Ord(1..=4) = self.lex(e) {
                e += 1;
            }
            if matches!(self.lex(e), Lex::Unit(Unit::Quarter, false)) || self.word_eq(e, "period") {
                e += 1;
            }
            return Some(Cand::new(
                i,
                e,
                Sem::Shift {
                    unit: Unit::Year,
                    n: -1,
                },
                TimexType::Date,
            ));
        }
        // "the 4th of July".
        if let Some(c) = self.r_numeric(j)
            && matches!(&c.sem, Sem::Date(d) if d.day.is_some())
        {
            return Some(Cand { first: i, ..c });
        }
        // "the mid-1990s", "the late 1970s", "the previous Friday", "the current quarter".
        if let Some(c) = self.r_modified(j).or_else(|| self.r_relative(j))
            && c.first == j
        {
            return Some(Cand { first: i, ..c });
        }
        // "the day", "the same week": the time the story is on. Not "the day of …" (a
        // description) nor "the day-long", "the day trader".
        let k = if self.kw(j, W::Same) { j + 1 } else { j };
        // A bare "the day" only where a time is expected ("on the day", "to end the day");
        // "Nov. 3, the day before …" is an apposition to a date already tagged.
        const DAY_VERBS: &[&str] = &[
            "end",
            "ends",
            "ended",
            "ending",
            "finish",
            "finished",
            "finishing",
            "close",
            "closed",
            "closing",
            "start",
            "started",
            "starting",
            "began",
            "begin",
            "open",
            "opened",
            "opening",
        ];
        let expected = i > 0
            && (self.kw_any(
                i - 1,
                &[W::On, W::For, W::During, W::Over, W::Through, W::In, W::Of],
            ) || DAY_VERBS.iter().any(|v| self.word_eq(i - 1, v)));
        if let Lex::Unit(u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false) =
            self.lex(k)
            && (k > j || (u == Unit::Day && expected))
            && !self.kw(k + 1, W::Of)
            && !self.dash(k + 1)
            && !matches!(self.tok(k + 1), Some(t) if t.kind == Kind::Word && !t.cap && t.lex == Lex::Other && !self.word_eq(k + 1, "when"))
        {
            return Some(Cand::new(
                i,
                k + 1,
                Sem::Focus { unit: u, n: 0 },
                TimexType::Date,
            ));
        }
        // "the year ended Sept. 30": a reporting period, twelve months long.
        if self.lex(j) == Lex::Unit(Unit::Year, false)
            && (self.word_eq(j + 1, "ended") || self.word_eq(j + 1, "ending"))
        {
            return Some(Cand::new(
                i,
                j + 1,
                Sem::Duration {
                    value: duration_value(Unit::Year, Count::Exact(1.0)),
                    place: None,
                },
                TimexType::Duration,
            ));
        }
        // "the full year", "the entire year": the current one.
        if (self.word_eq(j, "full") || self.word_eq(j, "entire") || self.word_eq(j, "whole"))
            && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
            && !self.kw(j + 2, W::Of)
        {
            return Some(Cand::new(
                i,
                j + 2,
                Sem::Rel {
                    unit: Unit::Year,
                    n: 0,
                },
                TimexType::Date,
            ));
        }
        // "the year two thousand".
        if self.lex(j) == Lex::Unit(Unit::Year, false)
            && let Some((e, y)) = self
                .spelled_year(j + 1)
                .or_else(|| self.year_at(j + 1).map(|y| (j + 2, y)))
        {
            return Some(Cand::new(
                i,
                e,
                Sem::Value(TimexValue::year(y)),
                TimexType::Date,
            ));
        }
        // "the near term", "the long term", "the near future": TimeML's vague future.
        if (self.word_eq(j, "near") || self.word_eq(j, "short") || self.word_eq(j, "long"))
            && (self.word_eq(j + 1, "term")
                || (self.word_eq(j, "near") && self.kw(j + 1, W::Future)))
        {
            return Some(Cand::new(
                i,
                j + 2,
                Sem::Ref(Reference::Future),
                TimexType::Date,
            ));
        }
        // "the latest period": the quarter just reported.
        if self.kw(j, W::Latest) && self.word_eq(j + 1, "period") {
            return self.slice_tail(i, j + 2, YearSlice::LatestQuarter);
        }
        // "the fiscal year": the current one.
        if self.kw(j, W::Fiscal) && self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
            return Some(Cand::new(
                i,
                j + 2,
                Sem::Rel {
                    unit: Unit::Year,
                    n: 0,
                },
                TimexType::Date,
            ));
        }
        // "the year" where it means the current year ("earlier in the year", "for the year").
        if let Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week), false) = self.lex(j)
            && i > 0
            && self.kw_any(i - 1, &[W::In, W::For, W::During, W::Of, W::Through])
            && !self.kw(j + 1, W::Of)
            && !self.dash(j + 1)
            && !matches!(self.tok(j + 1), Some(t) if t.kind == Kind::Word && !t.cap && !matches!(t.lex, Lex::Word(_)))
        {
            return Some(Cand::new(
                i,
                j + 1,
                Sem::Rel { unit: u, n: 0 },
                TimexType::Date,
            ));
        }
        None
    }

    /// True when the governing words point forward ("will", "next"); a cheap local test.
    fn future_context(&self, i: usize) -> bool {
        let lo = i.saturating_sub(6);
        (lo..i).any(|k| self.kw_any(k, &[W::Will, W::Would]))
    }

    /// Parts of years after "the" at `j` (extent starts at `from`).
    fn slice_at(&self, from: usize, j: usize) -> Option<Cand> {
        let ord = match self.lex(j) {
            Lex::Ord(o) => Some(o),
            Lex::Word(W::Last | W::Latest) => None,
            Lex::Unit(Unit::Quarter, false) => {
                // "the quarter".
                return self.slice_tail(from, j + 1, YearSlice::LatestQuarter);
            }
            _ => return None,
        };
        let latest = self.kw(j, W::Latest);
        // "the first half", "the second quarter", "the latest quarter".
        match self.lex(j + 1) {
            Lex::Word(W::Half) => {
                let h = match ord {
                    Some(1) => 1,
                    Some(2) => 2,
                    None if !latest => 2,
                    _ => return None,
                };
                return self.slice_tail(from, j + 2, YearSlice::Half(h));
            }
            Lex::Unit(Unit::Quarter, false) => {
                let slice = match ord {
                    Some(q @ 1..=4) => YearSlice::Quarter(q as u8),
                    None if latest => YearSlice::LatestQuarter,
                    None => {
                        // "the last quarter of 2024" is Q4; bare "the last quarter" the latest.
                        if self.kw(j + 2, W::Of) {
                            YearSlice::Quarter(4)
                        } else {
                            YearSlice::LatestQuarter
                        }
                    }
                    _ => return None,
                };
                return self.slice_tail(from, j + 2, slice);
            }
            _ => {}
        }
        // "the first six months of 2023".
        let (e, n, u) = self.count_unit(j + 1)?;
        let months = match (n.whole(), u) {
            (Some(k), Unit::Month) => k as u32,
            (Some(k), Unit::Quarter) => 3 * k as u32,
            _ => return None,
        };
        if !(1..=12).contains(&months) {
            return None;
        }
        let slice = match ord {
            Some(1) => YearSlice::FirstMonths(months),
            None if !latest => YearSlice::LastMonths(months),
            _ => return None,
        };
        if !self.kw(e, W::Of) {
            // "the last three months": a duration placed at the anchor (r_the).
            ord?;
            // "the first nine months" (of the fiscal year, unnamed) reads as a duration.
            return Some(Cand::new(
                from,
                e,
                Sem::Duration {
                    value: duration_value(Unit::Month, Count::Exact(f64::from(months))),
                    place: None,
                },
                TimexType::Duration,
            ));
        }
        self.slice_tail(from, e, slice)
    }

    /// Optional "of YEAR" after a slice.
    fn slice_tail(&self, from: usize, e: usize, slice: YearSlice) -> Option<Cand> {
        if self.kw(e, W::Of)
            && let Some((end, year)) = self.year_expr(e + 1)
        {
            return Some(Cand::new(
                from,
                end,
                Sem::Slice {
                    of: Some(Box::new(year)),
                    slice,
                    dir: Dir::Tense,
                },
                TimexType::Date,
            ));
        }
        if matches!(slice, YearSlice::FirstMonths(_) | YearSlice::LastMonths(_)) {
            return None;
        }
        Some(Cand::new(
            from,
            e,
            Sem::Slice {
                of: None,
                slice,
                dir: Dir::Tense,
            },
            TimexType::Date,
        ))
    }

    /// early/mid/late + period ("early 2024", "late March", "mid-2019", "late last year"),
    /// and "the end/beginning/middle of" + period.
    fn r_modified(&self, i: usize) -> Option<Cand> {
        let (m, j) = match self.lex(i) {
            Lex::Word(W::Early) => (Modifier::Early, i + 1),
            Lex::Word(W::Late) => (Modifier::Late, i + 1),
            Lex::Word(W::Mid) => {
                let j = if self.dash(i + 1) { i + 2 } else { i + 1 };
                (Modifier::Mid, j)
            }
            Lex::Word(W::The) => {
                let m = match self.lex(i + 1) {
                    Lex::Word(W::End) => Modifier::Late,
                    Lex::Word(W::Beginning | W::Start) => Modifier::Early,
                    Lex::Word(W::Middle) => Modifier::Mid,
                    _ => return None,
                };
                if !self.kw(i + 2, W::Of) {
                    return None;
                }
                (m, i + 3)
            }
            _ => return None,
        };
        // "mid-" glued or "early"/"late" followed by a period.
        let (e, inner) =
            self.period_expr(j).or_else(|| {
                // "the end of the year", "the beginning of the month".
                if self.kw(j, W::The)
                    && let Lex::Unit(
                        u @ (Unit::Year | Unit::Month | Unit::Week | Unit::Decade),
                        false,
                    ) = self.lex(j + 1)
                {
                    return Some((j + 2, Sem::Rel { unit: u, n: 0 }));
                }
                // "late March" with a bare month.
                self.month_expr(j, true)
            })?;
        let kind = TimexType::Date;
        Some(Cand::new(i, e, Sem::Mod(m, Box::new(inner)), kind))
    }

    /// Sets: "every Monday", "each year", "every two weeks", "annually", "twice a week".
    fn r_set(&self, i: usize) -> Option<Cand> {
        match self.lex(i) {
            Lex::Word(W::Every | W::Each) => {
                let j = i + 1;
                if let Some((e, n, u)) = self.count_unit(j) {
                    return Some(Cand::new(
                        i,
                        e,
                        Sem::Set(duration_value(u, n)),
                        TimexType::Set,
                    ));
                }
                let v = match self.lex(j) {
                    Lex::Unit(u, false) => duration_value(u, Count::Exact(1.0)),
                    Lex::Weekday(d) if self.capitalised(j) => format!("XXXX-WXX-{d}"),
                    Lex::Month(m) if self.capitalised(j) => format!("XXXX-{m:02}"),
                    Lex::Part(p) => format!("XXXX-XX-XXT{}", part_code(p)),
                    Lex::Season(s, false) => format!("XXXX-{}", season_code(s)),
                    _ => return None,
                };
                Some(Cand::new(i, j + 1, Sem::Set(v), TimexType::Set))
            }
            Lex::Word(
                w @ (W::Annually
                | W::Daily
                | W::Weekly
                | W::Monthly
                | W::Yearly
                | W::Hourly
                | W::Nightly
                | W::Quarterly),
            ) => {
                // TimeML tags "daily", "weekly", "hourly" as sets also before a noun ("daily
                // trading"); "quarterly dividend" and "monthly payments" are not times.
                if let Some(n) = self.tok(i + 1)
                    && n.kind == Kind::Word
                    && !matches!(n.lex, Lex::Word(_))
                    && (!matches!(w, W::Annually | W::Daily | W::Weekly | W::Hourly)
                        // "The Daily Digest", "Weekly Standard": a title.
                        || (self.t[i].cap && n.cap))
                {
                    return None;
                }
                let v = match w {
                    W::Annually | W::Yearly => "P1Y",
                    W::Daily => "P1D",
                    W::Weekly => "P1W",
                    W::Monthly => "P1M",
                    W::Hourly => "PT1H",
                    W::Nightly => "XXXX-XX-XXTNI",
                    _ => "P3M",
                };
                Some(Cand::new(i, i + 1, Sem::Set(v.into()), TimexType::Set))
            }
            Lex::Word(W::Once | W::Twice) | Lex::Card(_) => {
                let j = if matches!(self.lex(i), Lex::Card(_)) {
                    if !self.kw(i + 1, W::Times) {
                        return None;
                    }
                    i + 2
                } else {
                    i + 1
                };
                if !self.kw_any(j, &[W::A, W::Per, W::Each, W::Every]) {
                    return None;
                }
                let Lex::Unit(u, false) = self.lex(j + 1) else {
                    return None;
                };
                Some(Cand::new(
                    i,
                    j + 2,
                    Sem::Set(duration_value(u, Count::Exact(1.0))),
                    TimexType::Set,
                ))
            }
            _ => None,
        }
    }

    /// Seasons: "summer 2024", "the summer of 2024", "in the spring", "last summer" (the
    /// last via r_relative).
    fn r_season(&self, i: usize) -> Option<Cand> {
        let (first, j) = if self.kw(i, W::The) {
            (i, i + 1)
        } else {
            (i, i)
        };
        let Lex::Season(s, false) = self.lex(j) else {
            return None;
        };
        let k = if self.kw(j + 1, W::Of) { j + 2 } else { j + 1 };
        if let Some((e, y)) = self.year_expr(k) {
            return Some(Cand::new(
                first,
                e,
                Sem::Slice {
                    of: Some(Box::new(y)),
                    slice: YearSlice::Season(s),
                    dir: Dir::Tense,
                },
                TimexType::Date,
            ));
        }
        // Bare seasons only after a preposition ("in the spring", "this summer" elsewhere).
        let prep = first > 0
            && self.kw_any(
                first - 1,
                &[
                    W::In,
                    W::During,
                    W::Since,
                    W::Until,
                    W::By,
                    W::Through,
                    W::Over,
                ],
            );
        if !prep {
            return None;
        }
        Some(Cand::new(
            first,
            j + 1,
            Sem::Slice {
                of: None,
                slice: YearSlice::Season(s),
                dir: Dir::Tense,
            },
            TimexType::Date,
        ))
    }

    /// "noon", "midnight", "at noon Tuesday" stays split.
    fn r_time_words(&self, i: usize) -> Option<Cand> {
        let hour = match self.lex(i) {
            Lex::Word(W::Noon) => 12,
            Lex::Word(W::Midnight) => 0,
            _ => return None,
        };
        Some(Cand::new(
            i,
            i + 1,
            Sem::Time {
                date: None,
                hour,
                minute: 0,
                second: None,
                utc: false,
            },
            TimexType::Time,
        ))
    }

    /// "Q3 2025", "H1 2023", "fiscal 2024", "FY2024", "recent months", "these days",
    /// "AD 70", adjectival "third-quarter", "year-earlier".
    fn r_misc(&self, i: usize) -> Option<Cand> {
        if let Some(c) = self.quarter_word(i) {
            return Some(c);
        }
        // "in nineteen ninety-six".
        if let Some((e, y)) = self.spelled_year(i)
            && (i == 0 || self.bare_year_ok(i, y) || self.next_agrees_with_year(e))
        {
            return Some(Cand::new(
                i,
                e,
                Sem::Value(TimexValue::year(y)),
                TimexType::Date,
            ));
        }
        match self.lex(i) {
            // "coming weeks", "coming months": the near future.
            Lex::Word(W::Coming) if matches!(self.lex(i + 1), Lex::Unit(_, true)) => Some(
                Cand::new(i, i + 2, Sem::Ref(Reference::Future), TimexType::Date),
            ),
            Lex::Word(W::Fiscal) => {
                // "fiscal 2024", "fiscal year 2024".
                let j = if self.lex(i + 1) == Lex::Unit(Unit::Year, false) {
                    i + 2
                } else {
                    i + 1
                };
                let y = self.year_at(j)?;
                Some(Cand::new(
                    i,
                    j + 1,
                    Sem::Value(TimexValue::year(y)),
                    TimexType::Date,
                ))
            }
            // "recent weeks": an unknown number of weeks up to now (TimeML: PXW).
            Lex::Word(W::Recent) => match self.lex(i + 1) {
                Lex::Unit(u, true) if u != Unit::Weekend => Some(Cand::new(
                    i,
                    i + 2,
                    Sem::Duration {
                        value: duration_value(u, Count::Vague),
                        // Placed like PAST_REF, so the timeline still shows it.
                        place: Some((u, 0.0, true)),
                    },
                    TimexType::Duration,
                )),
                _ => None,
            },
            Lex::Word(W::These) => (self.lex(i + 1) == Lex::Unit(Unit::Day, true))
                .then(|| Cand::new(i, i + 2, Sem::Ref(Reference::Present), TimexType::Date)),
            Lex::Word(W::Ad) if self.t[i].all_caps => {
                let y = self.num(i + 1)?;
                (y.1 <= 4 && y.0 > 0 && self.free_right(i + 2)).then(|| {
                    Cand::new(
                        i,
                        i + 2,
                        Sem::Value(TimexValue::year(y.0 as i32)),
                        TimexType::Date,
                    )
                })
            }
            Lex::Ord(q @ 1..=4) => {
                // "third-quarter profit".
                if self.dash(i + 1)
                    && self.glued(i + 1)
                    && self.lex(i + 2) == Lex::Unit(Unit::Quarter, false)
                {
                    return Some(Cand::new(
                        i,
                        i + 3,
                        Sem::Slice {
                            of: None,
                            slice: YearSlice::Quarter(q as u8),
                            dir: Dir::Tense,
                        },
                        TimexType::Date,
                    ));
                }
                if q <= 2 && self.dash(i + 1) && self.glued(i + 1) && self.kw(i + 2, W::Half) {
                    return Some(Cand::new(
                        i,
                        i + 3,
                        Sem::Slice {
                            of: None,
                            slice: YearSlice::Half(q as u8),
                            dir: Dir::Tense,
                        },
                        TimexType::Date,
                    ));
                }
                None
            }
            Lex::Unit(Unit::Year, false) => {
                // "year-earlier", "year-ago" results.
                if self.dash(i + 1)
                    && self.glued(i + 1)
                    && self.kw_any(i + 2, &[W::Earlier, W::Ago])
                {
                    return Some(Cand::new(
                        i,
                        i + 3,
                        Sem::Shift {
                            unit: Unit::Year,
                            n: -1,
                        },
                        TimexType::Date,
                    ));
                }
                None
            }
            Lex::Unit(
                u @ (Unit::Year
                | Unit::Month
                | Unit::Week
                | Unit::Day
                | Unit::Decade
                | Unit::Hour
                | Unit::Minute),
                true,
            ) => {
                // "for years", "over decades", "within weeks", "took months", "weeks
                // later": vague durations. Elsewhere a bare plural is usually a noun
                // ("the days of", "in days gone by").
                let before = i > 0
                    && (self.kw_any(i - 1, &[W::For, W::Over, W::Within])
                        || (self.kw(i - 1, W::In) && !self.kw(i + 1, W::Of))
                        || self.duration_verb(i - 1));
                let after = self.kw_any(i + 1, &[W::Later, W::Earlier])
                    && !(i > 0 && matches!(self.lex(i - 1), Lex::Word(W::The | W::Of)));
                if before || after {
                    return Some(Cand::new(
                        i,
                        i + 1,
                        Sem::Duration {
                            value: duration_value(u, Count::Vague),
                            place: None,
                        },
                        TimexType::Duration,
                    ));
                }
                None
            }
            _ => None,
        }
    }

    /// Verbs that take a length of time as object ("it took weeks", "lasted hours").
    fn duration_verb(&self, i: usize) -> bool {
        const VERBS: &[&str] = &[
            "take", "takes", "took", "taking", "taken", "last", "lasts", "lasted", "lasting",
            "spend", "spends", "spent", "spending", "wait", "waited", "waiting", "waits",
        ];
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && t.end - t.start <= 8)
            && VERBS.iter().any(|v| self.word_eq(i, v))
    }

    /// "Q3", "Q3 2025", "H1 2023" (a capital letter glued to a digit).
    fn quarter_word(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || t.end - t.start != 1 || !self.glued(i + 1) {
            return None;
        }
        let is_q = self.word_is(i, "Q");
        let is_h = self.word_is(i, "H");
        if !is_q && !is_h {
            return None;
        }
        let (n, d) = self.num(i + 1)?;
        if d != 1 || !(1..=if is_q { 4 } else { 2 }).contains(&n) || !self.free_right(i + 2) {
            return None;
        }
        let slice = if is_q {
            YearSlice::Quarter(n as u8)
        } else {
            YearSlice::Half(n as u8)
        };
        let (end, of) = match self.year_at(i + 2) {
            Some(y) => (i + 3, Some(Box::new(Sem::Value(TimexValue::year(y))))),
            None if is_q => (i + 2, None),
            // A bare "H1" is usually something else (a heading, a virus).
            None => return None,
        };
        Some(Cand::new(
            i,
            end,
            Sem::Slice {
                of,
                slice,
                dir: Dir::Tense,
            },
            TimexType::Date,
        ))
    }
}

/// Two-digit years: 50–99 are 1950–1999, 00–49 are 2000–2049.
fn expand_two_digit(v: u32) -> i32 {
    if v >= 50 {
        1900 + v as i32
    } else {
        2000 + v as i32
    }
}

pub fn part_code(p: DayPart) -> &'static str {
    match p {
        DayPart::Morning => "MO",
        DayPart::Afternoon => "AF",
        DayPart::Evening => "EV",
        DayPart::Night => "NI",
    }
}

pub fn season_code(s: crate::model::Season) -> &'static str {
    use crate::model::Season;
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}
