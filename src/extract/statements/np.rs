//! Noun-phrase heuristics for sources: is this stretch of text a plausible speaker, where is
//! the name and where the role, and what kind of speaker is it. No tagger: closed word lists
//! (determiners, auxiliaries, role and organisation nouns) and capitalisation.

/// A word with byte offsets into the text.
#[derive(Clone, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    /// Starts with an upper-case letter (or `@`).
    pub cap: bool,
    /// A comma, colon, semicolon or dash right after the word.
    pub comma_after: bool,
}

/// Words of `text[start..end]`: letters and digits with internal `.'’&-`.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let Some(slice) = text.get(start..end) else {
        return out;
    };
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !(c.is_alphanumeric() || c == '@') {
            if matches!(c, ',' | ';' | ':' | '—' | '–')
                && let Some(last) = out.last_mut()
            {
                let last: &mut Tok = last;
                last.comma_after = true;
            }
            continue;
        }
        let mut j = i + c.len_utf8();
        while let Some(&(k, d)) = chars.peek() {
            if d.is_alphanumeric() || d == '_' {
                j = k + d.len_utf8();
                chars.next();
            } else if matches!(d, '.' | '\'' | '’' | '&' | '-') {
                // Internal punctuation only when a letter or digit follows ("U.S", "O'Neil").
                let mut ahead = slice[k + d.len_utf8()..].chars();
                match ahead.next() {
                    Some(n) if n.is_alphanumeric() => {
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let word = &slice[i..j];
        out.push(Tok {
            start: start + i,
            end: start + j,
            lower: word.to_lowercase(),
            cap: c.is_uppercase() || c == '@',
            comma_after: false,
        });
    }
    out
}

pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "many", "several", "most", "all", "both", "each", "every", "other", "another", "no",
    "few", "any", "two", "three", "four", "five", "one", "dozens",
];

/// Words that cannot be inside a subject noun phrase: they signal a clause.
const VERBISH: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "do", "does", "did", "that", "which",
    "because", "although", "though", "if", "when", "while", "but", "so", "not", "there", "where",
    "why", "how", "what", "whether", "than", "it's", "it’s", "there's", "we", "i", "you", "isn't",
    "wasn't", "don't", "didn't", "won't", "can't", "also", "then", "still", "even", "however",
    "yet", "just", "only",
];

/// Words that make a leading chunk an adverbial, not a subject ("On Monday, …").
const ADVERBIAL_START: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "since",
    "for",
    "with",
    "without",
    "by",
    "earlier",
    "later",
    "last",
    "meanwhile",
    "however",
    "separately",
    "also",
    "but",
    "and",
    "yet",
    "still",
    "speaking",
    "asked",
    "responding",
    "writing",
    "today",
    "yesterday",
    "tonight",
    "now",
    "then",
    "instead",
    "moreover",
    "furthermore",
    "indeed",
    "while",
    "although",
    "though",
    "when",
    "if",
    "as",
    "because",
    "so",
    "thus",
    "overall",
    "again",
    "previously",
    "recently",
    "finally",
    "first",
    "second",
    "next",
    "under",
    "despite",
];

/// Heads of person descriptions: "a spokesperson", "the minister", "officials".
pub const ROLE_NOUNS: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "spokespersons",
    "spokesmen",
    "official",
    "officials",
    "minister",
    "ministers",
    "president",
    "premier",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "head",
    "commander",
    "general",
    "officer",
    "officers",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "researcher",
    "researchers",
    "scientist",
    "scientists",
    "economist",
    "economists",
    "source",
    "sources",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "prosecutor",
    "prosecutors",
    "judge",
    "senator",
    "senators",
    "representative",
    "representatives",
    "lawmaker",
    "lawmakers",
    "legislator",
    "legislators",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "diplomat",
    "diplomats",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "executive",
    "executives",
    "ceo",
    "founder",
    "professor",
    "doctor",
    "doctors",
    "activist",
    "activists",
    "leader",
    "leaders",
    "member",
    "members",
    "candidate",
    "nominee",
    "manager",
    "investigators",
    "investigator",
    "authorities",
    "people",
    "person",
    "man",
    "woman",
    "critics",
    "critic",
    "supporters",
    "observers",
    "colonel",
    "sergeant",
    "captain",
    "negotiator",
    "negotiators",
    "inspector",
    "auditor",
    "journalist",
    "journalists",
    "reporter",
    "reporters",
    "correspondent",
    "editor",
    "author",
    "authors",
    "blogger",
    "pastor",
    "bishop",
    "chancellor",
    "king",
    "queen",
    "prince",
    "pope",
    "deputy",
    "commissioner",
    "administrator",
    "coordinator",
    "superintendent",
    "sheriff",
    "chairperson",
    "surgeon",
    "nurse",
    "nurses",
    "teacher",
    "teachers",
    "student",
    "students",
    "worker",
    "workers",
    "employees",
    "employee",
    "farmers",
    "farmer",
    "voters",
    "voter",
    "citizens",
    "locals",
    "villagers",
    "survivors",
    "victims",
    "parents",
    "mother",
    "father",
    "owner",
    "owners",
    "fans",
    "insiders",
    "insider",
    "strategist",
    "strategists",
    "pollster",
    "historian",
    "engineer",
    "engineers",
    "physician",
    "physicians",
    "specialist",
    "specialists",
    "campaigners",
    "campaigner",
    "organizers",
    "organisers",
    "protesters",
    "soldier",
    "soldiers",
    "troops",
    "pilot",
    "crew",
    "staff",
    "counsel",
    "solicitor",
    "regulator",
    "regulators",
    "mp",
    "mps",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "delegate",
    "delegates",
    "commanders",
    "vice",
    "admiral",
    "marshal",
    "lieutenant",
    "major",
    "sgt",
    "gen",
    "col",
    "lt",
    "capt",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "sen",
    "rep",
    "gov",
    "pres",
    "cmdr",
    "adm",
    "maj",
];

/// Words that make a name an organisation.
pub const ORG_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "office",
    "government",
    "administration",
    "council",
    "committee",
    "commission",
    "army",
    "forces",
    "force",
    "military",
    "police",
    "service",
    "services",
    "bureau",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "group",
    "bank",
    "university",
    "institute",
    "center",
    "centre",
    "foundation",
    "association",
    "union",
    "party",
    "court",
    "parliament",
    "congress",
    "senate",
    "kremlin",
    "pentagon",
    "news",
    "times",
    "post",
    "journal",
    "reuters",
    "afp",
    "bbc",
    "cnn",
    "tass",
    "media",
    "outlet",
    "broadcaster",
    "newspaper",
    "network",
    "channel",
    "organization",
    "organisation",
    "un",
    "nato",
    "eu",
    "headquarters",
    "command",
    "intelligence",
    "watchdog",
    "board",
    "fund",
    "authority",
    "press",
    "daily",
    "digest",
    "tribune",
    "herald",
    "gazette",
    "telegraph",
    "guardian",
    "magazine",
    "radio",
    "tv",
    "television",
    "club",
    "federation",
    "league",
    "coalition",
    "alliance",
    "embassy",
    "consulate",
    "cabinet",
    "house",
    "staff",
    "team",
    "campaign",
    "firm",
    "fbi",
    "cia",
    "nasa",
    "who",
    "imf",
    "opec",
    "airlines",
    "airways",
    "motors",
    "industries",
    "holdings",
    "systems",
    "technologies",
    "labs",
    "school",
    "hospital",
    "church",
    "society",
    "institution",
    "regime",
    "state",
    "states",
    "city",
    "county",
    "district",
    "region",
    "province",
    "ukrinform",
    "interfax",
    "xinhua",
    "bloomberg",
    "politico",
    "axios",
    "economist",
    "wire",
    "monitor",
    "observatory",
    "mediazona",
];

/// What a source is said through: "a report by X" has X as its source.
pub const MEDIUM_NOUNS: &[&str] = &[
    "report",
    "reports",
    "study",
    "statement",
    "statements",
    "survey",
    "analysis",
    "investigation",
    "poll",
    "data",
    "figures",
    "document",
    "documents",
    "memo",
    "letter",
    "post",
    "assessment",
    "review",
    "paper",
    "filing",
    "release",
    "bulletin",
    "update",
    "estimate",
    "estimates",
    "research",
    "audit",
    "census",
    "records",
    "tally",
    "footage",
    "video",
    "message",
    "email",
    "tweet",
    "article",
    "story",
    "account",
    "briefing",
    "findings",
    "numbers",
    "count",
    "figure",
    "readout",
    "transcript",
    "interview",
];

/// Prepositions: a determiner right after one belongs to a prepositional phrase.
pub const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "of", "for", "from", "with", "by", "to", "during", "after", "before",
    "since", "until", "over", "under", "about", "into", "through", "across", "near", "amid",
    "despite", "without", "within", "outside", "inside", "against", "toward", "towards",
];

pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "la", "le", "al", "bin", "ibn", "da", "di", "du", "of",
    "and", "&", "for", "the",
];

/// Words that start sentences and are capitalised for that reason alone.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "however",
    "according",
    "some",
    "many",
    "most",
    "both",
    "one",
    "two",
    "three",
    "earlier",
    "later",
    "last",
    "experts",
    "officials",
];

/// Whether a run of words reads as a noun phrase (no verbs, subordinators or clause words).
pub fn is_np_like(toks: &[Tok]) -> bool {
    if toks.is_empty() || toks.len() > 12 {
        return false;
    }
    for (i, t) in toks.iter().enumerate() {
        if VERBISH.contains(&t.lower.as_str()) {
            return false;
        }
        // A lower-case "-ed" word followed by an article is a verb with its object
        // ("troops deserted their units"), not an adjective ("unnamed officials").
        if !t.cap
            && t.lower.len() > 3
            && t.lower.ends_with("ed")
            && toks
                .get(i + 1)
                .is_some_and(|n| DETERMINERS.contains(&n.lower.as_str()) && !t.comma_after)
        {
            return false;
        }
        // Pronouns only stand alone.
        if PRONOUNS.contains(&t.lower.as_str()) && toks.len() > 1 {
            return false;
        }
        // An article in mid-phrase right after a noun starts a reduced relative clause ("a
        // figure the union disputed"), unless a preposition or conjunction introduces it.
        if i > 0
            && matches!(
                t.lower.as_str(),
                "a" | "an" | "the" | "this" | "these" | "those"
            )
            && !matches!(
                toks[i - 1].lower.as_str(),
                "of" | "for"
                    | "from"
                    | "at"
                    | "with"
                    | "in"
                    | "on"
                    | "to"
                    | "by"
                    | "and"
                    | "or"
                    | "near"
                    | "across"
                    | "inside"
                    | "within"
                    | "outside"
                    | "into"
                    | "over"
            )
            && !toks[i - 1].comma_after
        {
            return false;
        }
    }
    let last = &toks[toks.len() - 1].lower;
    !(DETERMINERS.contains(&last.as_str())
        || matches!(
            last.as_str(),
            "of" | "for" | "from" | "at" | "with" | "in" | "on" | "to" | "by" | "and" | "or" | "as"
        ))
}

/// A chunk opening with a preposition or a connective ("On Monday", "However").
pub fn is_adverbial(toks: &[Tok]) -> bool {
    toks.first()
        .is_some_and(|t| ADVERBIAL_START.contains(&t.lower.as_str()))
}

/// A proper name: every word capitalised (name particles allowed inside), the first not a
/// sentence-opening function word.
pub fn is_name(toks: &[Tok]) -> bool {
    if toks.is_empty() || toks.len() > 6 {
        return false;
    }
    if NOT_NAMES.contains(&toks[0].lower.as_str()) && toks.len() == 1 {
        return false;
    }
    let first_ok = toks[0].cap && !matches!(toks[0].lower.as_str(), "a" | "an" | "he" | "she");
    first_ok
        && toks[toks.len() - 1].cap
        && toks
            .iter()
            .all(|t| t.cap || NAME_PARTICLES.contains(&t.lower.as_str()))
}

pub fn has_role(toks: &[Tok]) -> bool {
    toks.iter().any(|t| {
        let w = t.lower.trim_end_matches("'s").trim_end_matches("’s");
        // "director-general", "editor-in-chief": any part may be the role.
        w.split('-').any(|w| {
            ROLE_NOUNS.contains(&w)
                    || ORG_WORDS.contains(&w)
                    || MEDIUM_NOUNS.contains(&w)
                    // Plural organisations speak too ("business groups want …").
                    || (w.len() > 4 && w.ends_with('s') && ORG_WORDS.contains(&&w[..w.len() - 1]))
        })
    })
}

/// What kind of speaker a source phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person,
    Org,
    /// "officials", "experts", "sources".
    Group,
    /// "he", "she", "they", "it".
    Pronoun,
    /// "the spokesperson", "the ministry": a definite description that may refer back.
    Definite,
    /// An embedded post's account.
    Account,
    Unknown,
}

/// A source phrase, analysed.
#[derive(Clone, Debug)]
pub struct SourceInfo {
    /// The words as written ("South Defense Forces spokesperson, Vladyslav Voloshyn").
    pub mention: String,
    /// The speaker to show: the name if there is one, else the phrase ("a spokesperson").
    pub speaker: String,
    pub role: Option<String>,
    pub kind: Kind,
    /// The head noun of a role-only description ("spokesperson").
    pub head: Option<String>,
    /// Byte span of the mention.
    pub start: usize,
    pub end: usize,
}

fn join(text: &str, toks: &[Tok]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.end].to_owned(),
        _ => String::new(),
    }
}

fn is_org(toks: &[Tok]) -> bool {
    toks.iter().any(|t| {
        let w = t.lower.trim_end_matches("'s").trim_end_matches("’s");
        ORG_WORDS.contains(&w)
    })
}

/// Whether a single capitalised token is an all-caps acronym in the original text.
fn acronym(text: &str, t: &Tok) -> bool {
    let w = &text[t.start..t.end];
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
}

/// Analyses the source phrase `text[start..end]`.
/// The comma-separated chunks after a name ("NAME, ROLE, ORG") as its role, if any.
fn appositives(text: &str, chunks: &[&[Tok]]) -> Option<String> {
    (!chunks.is_empty()).then(|| {
        chunks
            .iter()
            .map(|c| join(text, c))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

pub fn analyze(text: &str, start: usize, end: usize) -> SourceInfo {
    // "but rather experts point to …": a leading contrast adverb is not part of the source.
    let lead = tokens(text, start, end);
    if lead.len() > 1 && matches!(lead[0].lower.as_str(), "rather" | "instead") {
        return analyze(text, lead[1].start, end);
    }
    let all = lead;
    let mention = text
        .get(start..end)
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || c == ',')
        .to_owned();
    let mut info = SourceInfo {
        speaker: mention.clone(),
        mention,
        role: None,
        kind: Kind::Unknown,
        head: None,
        start,
        end,
    };
    if all.is_empty() {
        return info;
    }
    if all.len() == 1 && PRONOUNS.contains(&all[0].lower.as_str()) {
        info.kind = Kind::Pronoun;
        return info;
    }
    // "a (recent) report by/from X", "a statement from X": X is the source.
    if let Some(p) = all
        .iter()
        .position(|t| MEDIUM_NOUNS.contains(&t.lower.as_str()))
        && let Some(prep) = all.get(p + 1)
        && matches!(
            prep.lower.as_str(),
            "by" | "from" | "of" | "released" | "published"
        )
    {
        let mut rest = &all[p + 2..];
        if rest
            .first()
            .is_some_and(|t| t.lower == "by" && prep.lower != "by")
        {
            rest = &rest[1..];
        }
        // The source ends at the first comma (an appositive follows).
        let cut = rest
            .iter()
            .position(|t| t.comma_after)
            .map_or(rest.len(), |i| i + 1);
        let src = &rest[..cut];
        if !src.is_empty() {
            let role_toks = &all[..p + 1];
            let sub = analyze(text, src[0].start, src[src.len() - 1].end);
            let appos = &rest[cut..];
            info.speaker = sub.speaker;
            info.kind = match sub.kind {
                Kind::Unknown | Kind::Definite => Kind::Org,
                k => k,
            };
            let mut role = join(text, role_toks);
            if !appos.is_empty() {
                role = format!("{role}; {}", join(text, appos));
            }
            info.role = Some(role);
            return info;
        }
    }
    // Split at commas: "ROLE, NAME" or "NAME, ROLE".
    let mut chunks: Vec<&[Tok]> = Vec::new();
    let mut from = 0;
    for (i, t) in all.iter().enumerate() {
        if t.comma_after || i + 1 == all.len() {
            chunks.push(&all[from..=i]);
            from = i + 1;
        }
    }
    if let Some(name_idx) = chunks.iter().position(|c| is_name(c) && !has_role(c)) {
        let name = chunks[name_idx];
        let others: Vec<String> = chunks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != name_idx)
            .map(|(_, c)| join(text, c))
            .collect();
        info.speaker = join(text, name);
        info.role = (!others.is_empty()).then(|| others.join(", "));
        info.kind = if is_org(name) || (name.len() == 1 && acronym(text, &name[0])) {
            Kind::Org
        } else {
            Kind::Person
        };
        return info;
    }
    let first = chunks[0];
    // "Defense Minister Rustem Umerov": a title inside a capitalised run; the name follows.
    if let Some(ti) = first
        .iter()
        .rposition(|t| ROLE_NOUNS.contains(&t.lower.trim_end_matches('.')))
        && ti + 1 < first.len()
        && is_name(&first[ti + 1..])
        && !is_org(&first[ti + 1..])
    {
        info.speaker = join(text, &first[ti + 1..]);
        info.role = Some(join(text, &first[..=ti]));
        info.kind = Kind::Person;
        if chunks.len() > 1 {
            let extra: Vec<String> = chunks[1..].iter().map(|c| join(text, c)).collect();
            info.role = Some(format!(
                "{}, {}",
                info.role.take().unwrap_or_default(),
                extra.join(", ")
            ));
        }
        return info;
    }
    // "the London Fire Brigade", "the Kremlin": the name is the speaker, without the
    // article, so that it meets "London Fire Brigade" elsewhere under one name.
    if first.len() > 1 && first[0].lower == "the" && is_name(&first[1..]) {
        let name = &first[1..];
        info.speaker = join(text, name);
        info.kind = if is_org(name) || name.len() > 1 || acronym(text, &name[0]) {
            Kind::Org
        } else {
            Kind::Unknown
        };
        if info.kind == Kind::Org {
            // "the brigade" later refers back to it.
            info.head = Some(name[name.len() - 1].lower.trim_end_matches("'s").to_owned());
        }
        info.role = appositives(text, &chunks[1..]);
        return info;
    }
    let head = first[first.len() - 1]
        .lower
        .trim_end_matches("'s")
        .to_owned();
    info.speaker = join(text, first);
    info.role = appositives(text, &chunks[1..]);
    let definite = first[0].lower == "the" && first.len() <= 3 && first[1..].iter().all(|t| !t.cap);
    info.kind = if is_name(first) {
        if is_org(first) || (first.len() == 1 && acronym(text, &first[0])) {
            Kind::Org
        } else {
            Kind::Person
        }
    } else if definite
        && (ROLE_NOUNS.contains(&head.as_str()) || ORG_WORDS.contains(&head.as_str()))
    {
        Kind::Definite
    } else if head.ends_with('s') && ROLE_NOUNS.contains(&head.as_str()) || head == "people" {
        Kind::Group
    } else if is_org(first) {
        Kind::Org
    } else if ROLE_NOUNS.contains(&head.as_str()) {
        Kind::Person
    } else {
        Kind::Unknown
    };
    if matches!(
        info.kind,
        Kind::Definite | Kind::Person | Kind::Group | Kind::Org
    ) {
        info.head = Some(head);
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn an(s: &str) -> SourceInfo {
        analyze(s, 0, s.len())
    }

    #[test]
    fn a_leading_contrast_adverb_is_not_the_source() {
        let a = an("rather experts");
        assert_eq!(a.speaker, "experts");
        assert_eq!(a.mention, "experts");
        assert_eq!(an("instead the ministry").speaker, "the ministry");
    }

    #[test]
    fn an_organisation_named_with_the_article_is_named_without_it() {
        let a = an("the London Fire Brigade");
        assert_eq!(a.speaker, "London Fire Brigade");
        assert_eq!(a.mention, "the London Fire Brigade");
        assert_eq!(a.kind, Kind::Org);
        assert_eq!(a.head.as_deref(), Some("brigade"));
        assert_eq!(an("the Kremlin").speaker, "Kremlin");
        // A definite description stays as written.
        assert_eq!(an("the city council").speaker, "the city council");
    }

    #[test]
    fn names_and_roles() {
        let a = an("South Defense Forces spokesperson, Vladyslav Voloshyn");
        assert_eq!(a.speaker, "Vladyslav Voloshyn");
        assert_eq!(a.role.as_deref(), Some("South Defense Forces spokesperson"));
        assert_eq!(a.kind, Kind::Person);
        let b = an("Defense Minister Rustem Umerov");
        assert_eq!(
            (b.speaker.as_str(), b.kind),
            ("Rustem Umerov", Kind::Person)
        );
        let c = an("a recent report by UATV, a Ukrainian broadcaster");
        assert_eq!((c.speaker.as_str(), c.kind), ("UATV", Kind::Org));
        let d = an("A report from Mediazone");
        assert_eq!(d.speaker, "Mediazone");
        assert_eq!(an("the spokesperson").kind, Kind::Definite);
        assert_eq!(an("Experts").kind, Kind::Group);
        assert_eq!(an("He").kind, Kind::Pronoun);
        assert_eq!(an("the Interior Ministry").kind, Kind::Org);
    }

    #[test]
    fn np_shapes() {
        let np = |s: &str| is_np_like(&tokens(s, 0, s.len()));
        assert!(np("a senior military official"));
        assert!(np("Vladyslav Voloshyn"));
        assert!(!np("troops deserted their units"));
        assert!(!np("the plan was"));
        assert!(!np("a spokesman for"));
        let t = tokens("U.S. officials, he", 0, 18);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].lower, "u.s");
        assert!(t[1].comma_after);
    }
}
