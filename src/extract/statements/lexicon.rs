//! The attribution cue lexicon: reporting verbs and phrases, with the stance each one
//! signals and how reliably it introduces reported speech.
//!
//! Each lemma is inflected by rule (with explicit irregular forms), so the lexicon below lists
//! about 250 lemmas and recognises about 990 surface forms. Matching is case-insensitive and
//! whole-word; the statement rules decide from context whether a hit is really a cue
//! ("a report" is a noun, "reported that" a cue).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

/// What a cue says about the speaker's stance towards the content, as the writer frames it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// "said", "told", "added": no stance.
    Neutral,
    /// "confirmed", "insisted", "announced": the speaker asserts firmly.
    Assertive,
    /// "claimed", "alleged", "suggested": the writer keeps a distance.
    Hedged,
    /// "denied", "rejected", "disputed".
    Denial,
    /// "warned", "cautioned", "threatened".
    Warning,
    /// "reported", "according to", "cited": a source or a report, not a person speaking.
    Report,
    /// "posted", "tweeted": a social-media post.
    Social,
    /// "believes", "thinks", "fears": a belief or expectation rather than speech.
    Belief,
    /// "promised", "pledged", "vowed".
    Commitment,
    /// "urged", "called for", "demanded".
    Request,
    /// "accused", "criticised", "blamed".
    Criticism,
    /// "asked", "questioned", "wondered".
    Question,
    /// "found", "showed", "estimated": findings of a study, report or data.
    Finding,
    /// "wants", "plans", "intends", "refused": an intention or desire.
    Intention,
    /// "backed", "praised", "called it a giveaway", "opposes": an evaluation or stance.
    Evaluation,
    /// "talked about", "discussed", "expressed": speech reported by its topic.
    Topic,
}

impl CueClass {
    pub fn name(self) -> &'static str {
        match self {
            Self::Neutral => "neutral",
            Self::Assertive => "assertive",
            Self::Hedged => "hedged",
            Self::Denial => "denial",
            Self::Warning => "warning",
            Self::Report => "report",
            Self::Social => "social",
            Self::Belief => "belief",
            Self::Commitment => "commitment",
            Self::Request => "request",
            Self::Criticism => "criticism",
            Self::Question => "question",
            Self::Finding => "finding",
            Self::Intention => "intention",
            Self::Evaluation => "evaluation",
            Self::Topic => "topic",
        }
    }

    /// The stance class an entry keeps (and a briefing writes): topic verbs ("talked about")
    /// and reports are speech.
    pub fn stance(self) -> crate::model::Stance {
        use crate::model::Stance as S;
        match self {
            Self::Neutral | Self::Assertive | Self::Report | Self::Social | Self::Topic => S::Said,
            Self::Hedged => S::Claims,
            Self::Denial => S::Denies,
            Self::Warning => S::Warns,
            Self::Belief => S::Believes,
            Self::Intention => S::Wants,
            Self::Commitment => S::Promises,
            Self::Request => S::Urges,
            Self::Criticism => S::Criticises,
            Self::Evaluation => S::Evaluates,
            Self::Question => S::Asks,
            Self::Finding => S::Finds,
        }
    }

    /// How reliably a cue of this class introduces an attributed statement (used in the
    /// confidence of a candidate): speech verbs high, beliefs and findings lower.
    pub fn reliability(self) -> f32 {
        match self {
            Self::Neutral | Self::Social | Self::Report => 1.0,
            Self::Assertive | Self::Hedged | Self::Denial | Self::Warning => 0.95,
            Self::Commitment | Self::Criticism | Self::Question => 0.85,
            Self::Request | Self::Finding | Self::Intention | Self::Evaluation => 0.8,
            Self::Topic => 0.75,
            Self::Belief => 0.7,
        }
    }
}

/// How a cue attaches to its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A verb: the source is its subject ("X said", "said X").
    Verb,
    /// A preposition-like phrase followed by the source ("according to X").
    Prep,
    /// A relay marker followed by the intermediary ("as reported by X").
    Relay,
}

#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub lemma: &'static str,
    pub class: CueClass,
    pub kind: CueKind,
    /// The content may follow without "that" ("He said the plan was dead").
    pub bare_clause: bool,
    /// The form is also a common noun ("report", "claims", "notes"), so it needs a subject
    /// to count as a cue.
    pub noun_like: bool,
    /// Past or present participle / gerund form ("saying", "added" after "has").
    pub participle: bool,
}

use CueClass as C;

/// (lemma, class, may take a bare clause). Irregular inflections are in [`IRREGULAR`].
const VERBS: &[(&str, CueClass, bool)] = &[
    ("say", C::Neutral, true),
    ("tell", C::Neutral, true),
    ("add", C::Neutral, true),
    ("state", C::Neutral, false),
    ("explain", C::Neutral, true),
    ("comment", C::Neutral, false),
    ("remark", C::Neutral, false),
    ("mention", C::Neutral, false),
    ("reply", C::Neutral, false),
    ("respond", C::Neutral, false),
    ("answer", C::Neutral, false),
    ("continue", C::Neutral, false),
    ("recall", C::Neutral, true),
    ("reiterate", C::Neutral, false),
    ("repeat", C::Neutral, false),
    ("write", C::Neutral, true),
    ("testify", C::Neutral, true),
    ("recount", C::Neutral, false),
    ("note", C::Neutral, true),
    ("observe", C::Neutral, true),
    ("point out", C::Neutral, false),
    ("describe", C::Neutral, false),
    ("inform", C::Neutral, false),
    ("brief", C::Neutral, false),
    ("agree", C::Neutral, true),
    ("concur", C::Neutral, false),
    ("echo", C::Neutral, false),
    ("quip", C::Neutral, false),
    ("joke", C::Neutral, false),
    ("shout", C::Neutral, false),
    ("exclaim", C::Neutral, false),
    ("whisper", C::Neutral, false),
    ("elaborate", C::Neutral, false),
    ("clarify", C::Neutral, false),
    ("specify", C::Neutral, false),
    ("retort", C::Neutral, false),
    ("interject", C::Neutral, false),
    ("advise", C::Neutral, false),
    ("relate", C::Neutral, false),
    ("confirm", C::Assertive, true),
    ("assert", C::Assertive, true),
    ("declare", C::Assertive, true),
    ("insist", C::Assertive, true),
    ("maintain", C::Assertive, true),
    ("stress", C::Assertive, true),
    ("emphasize", C::Assertive, true),
    ("emphasise", C::Assertive, true),
    ("underline", C::Assertive, false),
    ("underscore", C::Assertive, false),
    ("affirm", C::Assertive, false),
    ("argue", C::Assertive, true),
    ("contend", C::Assertive, true),
    ("announce", C::Assertive, true),
    ("disclose", C::Assertive, true),
    ("reveal", C::Assertive, true),
    ("acknowledge", C::Assertive, true),
    ("admit", C::Assertive, true),
    ("concede", C::Assertive, true),
    ("conclude", C::Assertive, true),
    ("assure", C::Assertive, true),
    ("reassure", C::Assertive, true),
    ("certify", C::Assertive, false),
    ("attest", C::Assertive, false),
    ("boast", C::Assertive, true),
    ("tout", C::Assertive, false),
    ("highlight", C::Assertive, false),
    ("proclaim", C::Assertive, false),
    ("vouch", C::Assertive, false),
    ("claim", C::Hedged, true),
    ("allege", C::Hedged, true),
    ("suggest", C::Hedged, true),
    ("hint", C::Hedged, true),
    ("imply", C::Hedged, true),
    ("speculate", C::Hedged, true),
    ("purport", C::Hedged, false),
    ("deny", C::Denial, true),
    ("dispute", C::Denial, false),
    ("reject", C::Denial, false),
    ("refute", C::Denial, false),
    ("dismiss", C::Denial, false),
    ("contradict", C::Denial, false),
    ("rebut", C::Denial, false),
    ("counter", C::Denial, false),
    ("object", C::Denial, false),
    ("protest", C::Denial, false),
    ("warn", C::Warning, true),
    ("caution", C::Warning, true),
    ("threaten", C::Warning, false),
    ("alert", C::Warning, false),
    ("report", C::Report, true),
    ("document", C::Report, false),
    ("cite", C::Report, false),
    ("quote", C::Report, false),
    ("post", C::Social, true),
    ("tweet", C::Social, true),
    ("retweet", C::Social, false),
    ("share", C::Social, false),
    ("believe", C::Belief, true),
    ("think", C::Belief, true),
    ("feel", C::Belief, false),
    ("expect", C::Belief, true),
    ("fear", C::Belief, true),
    ("hope", C::Belief, true),
    ("suspect", C::Belief, true),
    ("worry", C::Belief, true),
    ("predict", C::Belief, true),
    ("forecast", C::Belief, false),
    ("doubt", C::Belief, true),
    ("reckon", C::Belief, true),
    ("assume", C::Belief, false),
    ("promise", C::Commitment, true),
    ("pledge", C::Commitment, true),
    ("vow", C::Commitment, true),
    ("swear", C::Commitment, true),
    ("guarantee", C::Commitment, true),
    ("urge", C::Request, false),
    ("demand", C::Request, false),
    ("request", C::Request, false),
    ("appeal", C::Request, false),
    ("propose", C::Request, false),
    ("recommend", C::Request, false),
    ("call for", C::Request, false),
    ("call on", C::Request, false),
    ("accuse", C::Criticism, false),
    ("criticize", C::Criticism, false),
    ("criticise", C::Criticism, false),
    ("blame", C::Criticism, false),
    ("condemn", C::Criticism, false),
    ("complain", C::Criticism, true),
    ("lament", C::Criticism, true),
    ("slam", C::Criticism, false),
    ("blast", C::Criticism, false),
    ("charge", C::Criticism, true),
    ("ask", C::Question, false),
    ("question", C::Question, false),
    ("wonder", C::Question, false),
    ("find", C::Finding, true),
    ("show", C::Finding, true),
    ("indicate", C::Finding, true),
    ("estimate", C::Finding, true),
    ("calculate", C::Finding, false),
    ("point to", C::Finding, false),
    ("signal", C::Finding, false),
    ("demonstrate", C::Finding, true),
    ("determine", C::Finding, true),
    ("reveal", C::Finding, false),
    // Beliefs, knowledge and perception (PolNeAR and PARC annotate them as attributions).
    ("know", C::Belief, true),
    ("understand", C::Belief, true),
    ("consider", C::Belief, false),
    ("view", C::Belief, false),
    ("regard", C::Belief, false),
    ("recognize", C::Belief, true),
    ("recognise", C::Belief, true),
    ("realize", C::Belief, true),
    ("realise", C::Belief, true),
    ("imagine", C::Belief, true),
    ("anticipate", C::Belief, false),
    ("envision", C::Belief, false),
    // Intentions and desires.
    ("want", C::Intention, false),
    ("plan", C::Intention, false),
    ("intend", C::Intention, false),
    ("seek", C::Intention, false),
    ("aim", C::Intention, false),
    ("wish", C::Intention, false),
    ("decide", C::Intention, false),
    ("refuse", C::Intention, false),
    ("decline", C::Intention, false),
    ("prefer", C::Intention, false),
    ("offer", C::Commitment, false),
    ("commit", C::Commitment, false),
    ("push for", C::Request, false),
    ("press for", C::Request, false),
    ("ask for", C::Request, false),
    ("encourage", C::Request, false),
    ("implore", C::Request, false),
    ("challenge", C::Request, false),
    ("invite", C::Request, false),
    // Evaluations and stances.
    ("support", C::Evaluation, false),
    ("back", C::Evaluation, false),
    ("endorse", C::Evaluation, false),
    ("oppose", C::Evaluation, false),
    ("praise", C::Evaluation, false),
    ("welcome", C::Evaluation, false),
    ("applaud", C::Evaluation, false),
    ("hail", C::Evaluation, false),
    ("defend", C::Evaluation, false),
    ("favor", C::Evaluation, false),
    ("favour", C::Evaluation, false),
    ("embrace", C::Evaluation, false),
    ("champion", C::Evaluation, false),
    ("call", C::Evaluation, false),
    ("label", C::Evaluation, false),
    ("dub", C::Evaluation, false),
    ("brand", C::Evaluation, false),
    ("liken", C::Evaluation, false),
    ("compare", C::Evaluation, false),
    ("characterize", C::Evaluation, false),
    ("characterise", C::Evaluation, false),
    ("rank", C::Evaluation, false),
    ("rate", C::Evaluation, false),
    ("attack", C::Criticism, false),
    ("denounce", C::Criticism, false),
    ("decry", C::Criticism, false),
    ("assail", C::Criticism, false),
    ("lambaste", C::Criticism, false),
    ("mock", C::Criticism, false),
    ("ridicule", C::Criticism, false),
    ("scold", C::Criticism, false),
    ("chide", C::Criticism, false),
    ("berate", C::Criticism, false),
    ("bash", C::Criticism, false),
    ("deride", C::Criticism, false),
    ("disparage", C::Criticism, false),
    ("fault", C::Criticism, false),
    ("rail against", C::Criticism, false),
    ("lash out at", C::Criticism, false),
    ("hit out at", C::Criticism, false),
    ("push back on", C::Criticism, false),
    ("push back against", C::Criticism, false),
    // Speech reported by its topic.
    ("discuss", C::Topic, false),
    ("talk about", C::Topic, false),
    ("speak about", C::Topic, false),
    ("speak of", C::Topic, false),
    ("express", C::Topic, false),
    ("raise concerns", C::Topic, false),
    ("raise questions", C::Topic, false),
    ("raise doubts", C::Topic, false),
    ("voice", C::Topic, false),
    ("outline", C::Topic, false),
    ("detail", C::Topic, false),
    ("promote", C::Topic, false),
    ("invoke", C::Topic, false),
    ("read", C::Neutral, false),
    ("rule", C::Finding, true),
    ("discover", C::Finding, true),
    ("learn", C::Belief, false),
    ("vote", C::Intention, false),
    ("grill", C::Criticism, false),
    ("paint", C::Evaluation, false),
    ("identify", C::Evaluation, false),
    ("laud", C::Evaluation, false),
    ("admire", C::Evaluation, false),
    ("compliment", C::Evaluation, false),
    ("commend", C::Evaluation, false),
    ("thank", C::Evaluation, false),
    ("congratulate", C::Evaluation, false),
    ("insult", C::Criticism, false),
];

/// (lemma, 3rd person singular, past, past participle, -ing) where rules would get it wrong.
const IRREGULAR: &[(&str, &str, &str, &str, &str)] = &[
    ("say", "says", "said", "said", "saying"),
    ("tell", "tells", "told", "told", "telling"),
    ("write", "writes", "wrote", "written", "writing"),
    ("think", "thinks", "thought", "thought", "thinking"),
    ("feel", "feels", "felt", "felt", "feeling"),
    ("find", "finds", "found", "found", "finding"),
    ("show", "shows", "showed", "shown", "showing"),
    ("swear", "swears", "swore", "sworn", "swearing"),
    (
        "forecast",
        "forecasts",
        "forecast",
        "forecast",
        "forecasting",
    ),
    ("admit", "admits", "admitted", "admitted", "admitting"),
    ("rebut", "rebuts", "rebutted", "rebutted", "rebutting"),
    ("quip", "quips", "quipped", "quipped", "quipping"),
    ("slam", "slams", "slammed", "slammed", "slamming"),
    ("know", "knows", "knew", "known", "knowing"),
    (
        "understand",
        "understands",
        "understood",
        "understood",
        "understanding",
    ),
    ("seek", "seeks", "sought", "sought", "seeking"),
    ("commit", "commits", "committed", "committed", "committing"),
    ("dub", "dubs", "dubbed", "dubbed", "dubbing"),
    ("prefer", "prefers", "preferred", "preferred", "preferring"),
    ("label", "labels", "labeled", "labeled", "labeling"),
    ("speak", "speaks", "spoke", "spoken", "speaking"),
    ("read", "reads", "read", "read", "reading"),
    ("learn", "learns", "learned", "learned", "learning"),
    ("concur", "concurs", "concurred", "concurred", "concurring"),
    ("echo", "echoes", "echoed", "echoed", "echoing"),
];

/// Non-verb cues: (phrase, class, kind, lemma).
const PHRASES: &[(&str, CueClass, CueKind, &str)] = &[
    ("according to", C::Report, CueKind::Prep, "according to"),
    (
        "in the words of",
        C::Neutral,
        CueKind::Prep,
        "in the words of",
    ),
    ("as reported by", C::Report, CueKind::Relay, "report"),
    ("as cited by", C::Report, CueKind::Relay, "cite"),
    ("as quoted by", C::Report, CueKind::Relay, "quote"),
    ("as first reported by", C::Report, CueKind::Relay, "report"),
];

fn inflect(lemma: &str) -> [String; 5] {
    if let Some(&(_, s, p, pp, g)) = IRREGULAR.iter().find(|r| r.0 == lemma) {
        return [lemma.into(), s.into(), p.into(), pp.into(), g.into()];
    }
    let cons_y = lemma.ends_with('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
        && !lemma.ends_with("oy");
    let s = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
    {
        format!("{lemma}es")
    } else if cons_y {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let past = if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if cons_y {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    };
    let ing = if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    };
    [lemma.into(), s, past.clone(), past, ing]
}

/// Forms that are also frequent nouns or adjectives, so a hit needs a subject before it.
const NOUN_LIKE: &[&str] = &[
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "post",
    "posts",
    "tweet",
    "tweets",
    "quote",
    "quotes",
    "answer",
    "answers",
    "comment",
    "comments",
    "fear",
    "fears",
    "hope",
    "hopes",
    "doubt",
    "doubts",
    "estimate",
    "estimates",
    "forecast",
    "forecasts",
    "request",
    "requests",
    "appeal",
    "appeals",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "vow",
    "vows",
    "charge",
    "charges",
    "question",
    "questions",
    "protest",
    "protests",
    "document",
    "documents",
    "show",
    "shows",
    "finding",
    "findings",
    "warning",
    "share",
    "shares",
    "counter",
    "object",
    "alert",
    "signal",
    "signals",
    "brief",
    "state",
    "states",
    "demand",
    "demands",
    "stress",
    "worry",
    "worries",
    "blast",
    "call for",
    "remark",
    "remarks",
    "concern",
    "record",
    "records",
    "mention",
    "insist",
    "expect",
    "continue",
    "add",
    "tell",
    "say",
    "write",
    "think",
    "feel",
    "find",
    "post",
    "believe",
    "deny",
    "suspect",
    "suspects",
    "document",
    "reply",
    "replies",
    "dispute",
    "disputes",
    "joke",
    "jokes",
    "quip",
    "echo",
    "lament",
    "threaten",
    "charge",
    "dismiss",
    "concede",
    "ask",
    // Nouns as often as verbs among the intention and evaluation lemmas.
    "want",
    "wants",
    "plan",
    "plans",
    "aim",
    "aims",
    "wish",
    "wishes",
    "offer",
    "offers",
    "support",
    "back",
    "backs",
    "praise",
    "welcome",
    "call",
    "calls",
    "label",
    "labels",
    "brand",
    "brands",
    "rank",
    "ranks",
    "rate",
    "rates",
    "attack",
    "attacks",
    "mock",
    "fault",
    "faults",
    "view",
    "views",
    "detail",
    "details",
    "outline",
    "voice",
    "champion",
    "challenge",
    "challenges",
    "decline",
    "hail",
    "bash",
    "favor",
    "favour",
    "know",
    "invite",
];

pub struct Lexicon {
    pub automaton: AhoCorasick,
    pub cues: Vec<Cue>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

fn build() -> Lexicon {
    let mut patterns: Vec<String> = Vec::new();
    let mut cues = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut add = |form: String, cue: Cue, patterns: &mut Vec<String>, cues: &mut Vec<Cue>| {
        if seen.contains_key(&form) {
            return;
        }
        seen.insert(form.clone(), cues.len());
        patterns.push(form);
        cues.push(cue);
    };
    for &(lemma, class, bare) in VERBS {
        let (head, particle) = match lemma.split_once(' ') {
            Some((h, p)) => (h, Some(p)),
            None => (lemma, None),
        };
        for (n, form) in inflect(head).into_iter().enumerate() {
            let form = match particle {
                Some(p) => format!("{form} {p}"),
                None => form,
            };
            let noun_like = NOUN_LIKE.contains(&form.as_str());
            add(
                form,
                Cue {
                    lemma,
                    class,
                    kind: CueKind::Verb,
                    bare_clause: bare,
                    noun_like,
                    // n: 0 base, 1 3sg, 2 past, 3 participle, 4 -ing
                    participle: n == 4,
                },
                &mut patterns,
                &mut cues,
            );
        }
    }
    for &(phrase, class, kind, lemma) in PHRASES {
        add(
            phrase.to_owned(),
            Cue {
                lemma,
                class,
                kind,
                bare_clause: false,
                noun_like: false,
                participle: false,
            },
            &mut patterns,
            &mut cues,
        );
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("the cue lexicon is a valid set of literal patterns");
    Lexicon { automaton, cues }
}

/// Number of distinct cue lemmas (verbs and phrases).
pub fn lemma_count() -> usize {
    VERBS.len() + PHRASES.len()
}

/// The cue entry for a surface form, if the lexicon knows it.
pub fn lookup(form: &str) -> Option<Cue> {
    let lower = form.trim().to_lowercase();
    let lex = &*LEXICON;
    lex.automaton
        .find(lower.as_str())
        .filter(|m| m.start() == 0 && m.end() == lower.len())
        .map(|m| lex.cues[m.pattern().as_usize()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_is_large_and_inflected() {
        assert!(lemma_count() >= 100, "{}", lemma_count());
        assert!(LEXICON.cues.len() >= 500);
        for (form, lemma, class) in [
            ("said", "say", CueClass::Neutral),
            ("Told", "tell", CueClass::Neutral),
            ("denied", "deny", CueClass::Denial),
            ("warns", "warn", CueClass::Warning),
            ("according to", "according to", CueClass::Report),
            ("pointed out", "point out", CueClass::Neutral),
            ("tweeted", "tweet", CueClass::Social),
            ("admitted", "admit", CueClass::Assertive),
            ("replied", "reply", CueClass::Neutral),
            ("noting", "note", CueClass::Neutral),
        ] {
            let cue = lookup(form).unwrap_or_else(|| panic!("{form} missing"));
            assert_eq!((cue.lemma, cue.class), (lemma, class), "{form}");
        }
        assert!(lookup("walked").is_none());
        assert!(lookup("claims").is_some_and(|c| c.noun_like));
    }
}
