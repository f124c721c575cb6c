//! Word classes the temporal grammar is written in: months, weekdays, number words, units,
//! parts of the day and the handful of function words the rules look at.
//!
//! Classification happens once per token (in the tokenizer), so the grammar compares small
//! enums instead of strings.

use crate::model::{DayPart, Season};

/// Calendar units a count or a relative word can measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// Function and trigger words. Grouped by role, not alphabetically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    // Deictic days and references.
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Nowadays,
    Recently,
    Recent,
    Current,
    Future,
    Present,
    Past,
    // Relative modifiers.
    Last,
    Next,
    This,
    These,
    Coming,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Latest,
    Same,
    That,
    // Parts of periods.
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Half,
    // Times.
    Noon,
    Midnight,
    Am,
    Pm,
    // Prepositions and conjunctions used as context.
    Since,
    From,
    To,
    Until,
    Between,
    And,
    Through,
    In,
    On,
    At,
    By,
    During,
    For,
    Of,
    Over,
    Before,
    After,
    Within,
    Than,
    Around,
    The,
    A,
    // Sets.
    Every,
    Each,
    Per,
    Once,
    Twice,
    Times,
    Annually,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Hourly,
    Nightly,
    Quarterly,
    // Vague counts.
    Several,
    Few,
    Many,
    Couple,
    Some,
    Dozen,
    // Eras and fiscal years.
    Fiscal,
    Bc,
    Ad,
    Old,
    Will,
    Would,
}

/// What a word token is, for the grammar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lex {
    #[default]
    Other,
    /// Full month name, 1..=12.
    Month(u8),
    /// Abbreviated month (`Aug`, `Sept`), 1..=12.
    MonthAbbr(u8),
    /// Weekday, 1 = Monday … 7 = Sunday (ISO, as TIMEX3 writes it).
    Weekday(u8),
    /// Cardinal number word (`six`, `twenty`).
    Card(u32),
    /// Ordinal word (`first`, `nineteenth`).
    Ord(u32),
    /// Unit word; the flag says plural.
    Unit(Unit, bool),
    Part(DayPart),
    /// Season; the flag says plural.
    Season(Season, bool),
    /// Time zone abbreviation (`EDT`, `GMT`).
    Zone,
    /// Ordinal suffix after digits (`th`, `st`, `nd`, `rd`).
    OrdSuffix,
    Word(W),
}

/// Longest word the lexicon knows, in bytes; longer words are never temporal.
pub const MAX_WORD: usize = 12;

/// Classifies one word. `word` is ASCII; case matters only for time zones (always capitals,
/// so that "est" or "cat" never become zones).
pub fn classify(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_WORD || !word.is_ascii() {
        return Lex::Other;
    }
    if bytes.iter().all(u8::is_ascii_uppercase) && is_zone(word) {
        return Lex::Zone;
    }
    let mut buf = [0u8; MAX_WORD];
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    // The buffer holds lowercased ASCII, so it is valid UTF-8.
    let lower = std::str::from_utf8(&buf[..bytes.len()]).unwrap_or("");
    classify_lower(lower)
}

fn is_zone(w: &str) -> bool {
    matches!(
        w,
        "UTC"
            | "GMT"
            | "EDT"
            | "EST"
            | "CDT"
            | "CST"
            | "MDT"
            | "MST"
            | "PDT"
            | "PST"
            | "BST"
            | "CET"
            | "CEST"
            | "EET"
            | "EEST"
            | "MSK"
            | "IST"
            | "JST"
            | "KST"
            | "AEST"
            | "AEDT"
            | "ET"
            | "PT"
            | "CT"
    )
}

fn classify_lower(w: &str) -> Lex {
    use Lex::{Card, Month, MonthAbbr, Ord, Part, Weekday};
    let unit = |u, plural| Lex::Unit(u, plural);
    let kw = Lex::Word;
    match w {
        "january" => Month(1),
        "february" => Month(2),
        "march" => Month(3),
        "april" => Month(4),
        "may" => Month(5),
        "june" => Month(6),
        "july" => Month(7),
        "august" => Month(8),
        "september" => Month(9),
        "october" => Month(10),
        "november" => Month(11),
        "december" => Month(12),
        "jan" => MonthAbbr(1),
        "feb" => MonthAbbr(2),
        "mar" => MonthAbbr(3),
        "apr" => MonthAbbr(4),
        "jun" => MonthAbbr(6),
        "jul" => MonthAbbr(7),
        "aug" => MonthAbbr(8),
        "sep" | "sept" => MonthAbbr(9),
        "oct" => MonthAbbr(10),
        "nov" => MonthAbbr(11),
        "dec" => MonthAbbr(12),
        "monday" | "mon" => Weekday(1),
        "tuesday" | "tue" | "tues" => Weekday(2),
        "wednesday" | "wed" => Weekday(3),
        "thursday" | "thu" | "thur" | "thurs" => Weekday(4),
        "friday" | "fri" => Weekday(5),
        "saturday" | "sat" => Weekday(6),
        "sunday" | "sun" => Weekday(7),
        "one" => Card(1),
        "two" => Card(2),
        "three" => Card(3),
        "four" => Card(4),
        "five" => Card(5),
        "six" => Card(6),
        "seven" => Card(7),
        "eight" => Card(8),
        "nine" => Card(9),
        "ten" => Card(10),
        "eleven" => Card(11),
        "twelve" => Card(12),
        "thirteen" => Card(13),
        "fourteen" => Card(14),
        "fifteen" => Card(15),
        "sixteen" => Card(16),
        "seventeen" => Card(17),
        "eighteen" => Card(18),
        "nineteen" => Card(19),
        "twenty" => Card(20),
        "thirty" => Card(30),
        "forty" => Card(40),
        "fifty" => Card(50),
        "sixty" => Card(60),
        "seventy" => Card(70),
        "eighty" => Card(80),
        "ninety" => Card(90),
        "hundred" => Card(100),
        "first" => Ord(1),
        "second" => Ord(2),
        "third" => Ord(3),
        "fourth" => Ord(4),
        "fifth" => Ord(5),
        "sixth" => Ord(6),
        "seventh" => Ord(7),
        "eighth" => Ord(8),
        "ninth" => Ord(9),
        "tenth" => Ord(10),
        "eleventh" => Ord(11),
        "twelfth" => Ord(12),
        "thirteenth" => Ord(13),
        "fourteenth" => Ord(14),
        "fifteenth" => Ord(15),
        "sixteenth" => Ord(16),
        "seventeenth" => Ord(17),
        "eighteenth" => Ord(18),
        "nineteenth" => Ord(19),
        "twentieth" => Ord(20),
        "thirtieth" => Ord(30),
        "th" | "st" | "nd" | "rd" => Lex::OrdSuffix,
        "seconds" => unit(Unit::Second, true),
        "minute" | "min" => unit(Unit::Minute, false),
        "minutes" | "mins" => unit(Unit::Minute, true),
        "hour" | "hr" => unit(Unit::Hour, false),
        "hours" | "hrs" => unit(Unit::Hour, true),
        "day" => unit(Unit::Day, false),
        "days" => unit(Unit::Day, true),
        "week" => unit(Unit::Week, false),
        "weeks" => unit(Unit::Week, true),
        "weekend" => unit(Unit::Weekend, false),
        "weekends" => unit(Unit::Weekend, true),
        "fortnight" => unit(Unit::Fortnight, false),
        "fortnights" => unit(Unit::Fortnight, true),
        "month" => unit(Unit::Month, false),
        "months" => unit(Unit::Month, true),
        "quarter" => unit(Unit::Quarter, false),
        "quarters" => unit(Unit::Quarter, true),
        "year" | "yr" => unit(Unit::Year, false),
        "years" | "yrs" => unit(Unit::Year, true),
        "decade" => unit(Unit::Decade, false),
        "decades" => unit(Unit::Decade, true),
        "century" => unit(Unit::Century, false),
        "centuries" => unit(Unit::Century, true),
        "millennium" => unit(Unit::Millennium, false),
        "millennia" => unit(Unit::Millennium, true),
        "morning" | "mornings" => Part(DayPart::Morning),
        "afternoon" | "afternoons" => Part(DayPart::Afternoon),
        "evening" | "evenings" => Part(DayPart::Evening),
        "night" | "nights" | "overnight" => Part(DayPart::Night),
        "spring" => Lex::Season(Season::Spring, false),
        "springs" => Lex::Season(Season::Spring, true),
        "summer" => Lex::Season(Season::Summer, false),
        "summers" => Lex::Season(Season::Summer, true),
        "autumn" | "fall" => Lex::Season(Season::Fall, false),
        "autumns" => Lex::Season(Season::Fall, true),
        "winter" => Lex::Season(Season::Winter, false),
        "winters" => Lex::Season(Season::Winter, true),
        "today" => kw(W::Today),
        "yesterday" => kw(W::Yesterday),
        "tomorrow" => kw(W::Tomorrow),
        "tonight" => kw(W::Tonight),
        "now" => kw(W::Now),
        "currently" => kw(W::Currently),
        "nowadays" => kw(W::Nowadays),
        "recently" | "lately" => kw(W::Recently),
        "recent" => kw(W::Recent),
        "current" => kw(W::Current),
        "future" => kw(W::Future),
        "present" => kw(W::Present),
        "past" => kw(W::Past),
        "last" => kw(W::Last),
        "next" => kw(W::Next),
        "this" => kw(W::This),
        "these" => kw(W::These),
        "coming" | "upcoming" => kw(W::Coming),
        "previous" | "preceding" | "prior" => kw(W::Previous),
        "following" => kw(W::Following),
        "ago" => kw(W::Ago),
        "earlier" => kw(W::Earlier),
        "later" => kw(W::Later),
        "latest" => kw(W::Latest),
        "same" => kw(W::Same),
        "that" => kw(W::That),
        "early" => kw(W::Early),
        "late" => kw(W::Late),
        "mid" => kw(W::Mid),
        "middle" => kw(W::Middle),
        "end" => kw(W::End),
        "beginning" => kw(W::Beginning),
        "start" => kw(W::Start),
        "half" => kw(W::Half),
        "noon" | "midday" => kw(W::Noon),
        "midnight" => kw(W::Midnight),
        "am" => kw(W::Am),
        "pm" => kw(W::Pm),
        "since" => kw(W::Since),
        "from" => kw(W::From),
        "to" => kw(W::To),
        "until" | "till" | "til" => kw(W::Until),
        "between" => kw(W::Between),
        "and" => kw(W::And),
        "through" | "thru" | "throughout" => kw(W::Through),
        "in" => kw(W::In),
        "on" => kw(W::On),
        "at" => kw(W::At),
        "by" => kw(W::By),
        "during" => kw(W::During),
        "for" => kw(W::For),
        "of" => kw(W::Of),
        "over" => kw(W::Over),
        "before" => kw(W::Before),
        "after" => kw(W::After),
        "within" => kw(W::Within),
        "than" => kw(W::Than),
        "around" | "about" | "circa" | "approximately" | "nearly" | "almost" => kw(W::Around),
        "the" => kw(W::The),
        "a" | "an" => kw(W::A),
        "every" => kw(W::Every),
        "each" => kw(W::Each),
        "per" => kw(W::Per),
        "once" => kw(W::Once),
        "twice" => kw(W::Twice),
        "times" => kw(W::Times),
        "annually" => kw(W::Annually),
        "daily" => kw(W::Daily),
        "weekly" => kw(W::Weekly),
        "monthly" => kw(W::Monthly),
        "yearly" => kw(W::Yearly),
        "hourly" => kw(W::Hourly),
        "nightly" => kw(W::Nightly),
        "quarterly" => kw(W::Quarterly),
        "several" => kw(W::Several),
        "few" => kw(W::Few),
        "many" => kw(W::Many),
        "couple" => kw(W::Couple),
        "some" => kw(W::Some),
        "dozen" => kw(W::Dozen),
        "fiscal" => kw(W::Fiscal),
        "bc" | "bce" => kw(W::Bc),
        "ad" | "ce" => kw(W::Ad),
        "old" => kw(W::Old),
        "will" | "shall" => kw(W::Will),
        "would" => kw(W::Would),
        _ => Lex::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_except_zones() {
        assert_eq!(classify("August"), Lex::Month(8));
        assert_eq!(classify("AUGUST"), Lex::Month(8));
        assert_eq!(classify("EDT"), Lex::Zone);
        assert_eq!(classify("edt"), Lex::Other);
        assert_eq!(classify("Sept"), Lex::MonthAbbr(9));
        assert_eq!(classify("naïve"), Lex::Other);
        assert_eq!(classify("extraordinarily"), Lex::Other);
    }
}
