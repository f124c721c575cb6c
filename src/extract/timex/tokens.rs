//! Tokenizer: words, digit runs and single punctuation marks, with byte offsets and whether
//! whitespace precedes each token. The grammar relies on adjacency ("2025-08-20", "mid-2019",
//! "1990s" are glued tokens) so the tokenizer never merges across punctuation itself.
//!
//! One pass over the bytes; no allocation per token beyond the reused `Vec`.

use super::lexicon::{self, Lex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// Value of a digit run (saturating), 0 otherwise.
    pub num: u32,
    /// Number of digits of a digit run.
    pub digits: u8,
    /// The punctuation character, `'\0'` for words and numbers.
    pub ch: char,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// First letter is a capital.
    pub cap: bool,
    /// Every letter is a capital (headlines, "EDT").
    pub all_caps: bool,
}

impl Tok {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }

    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.ch, '-' | '–' | '—' | '‐' | '‑')
    }

    pub fn ends_sentence(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.ch, '.' | '!' | '?' | ';')
    }
}

/// Appends the tokens of `text[from..to]` to `out`.
pub fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut space = true;
    while i < to {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let start = i;
            let mut value: u32 = 0;
            while i < to && bytes[i].is_ascii_digit() {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(bytes[i] - b'0'));
                i += 1;
            }
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Num,
                lex: Lex::Other,
                num: value,
                digits: u8::try_from(i - start).unwrap_or(u8::MAX),
                ch: '\0',
                space_before: space,
                cap: false,
                all_caps: false,
            });
            space = false;
            continue;
        }
        if b.is_ascii_alphabetic() || b >= 0x80 {
            // Decode one char to see whether it is a letter or something else.
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            if b.is_ascii_alphabetic() || c.is_alphabetic() {
                let start = i;
                let mut ascii = true;
                let mut upper = 0usize;
                let mut letters = 0usize;
                while i < to {
                    let b = bytes[i];
                    if b.is_ascii_alphabetic() {
                        letters += 1;
                        upper += usize::from(b.is_ascii_uppercase());
                        i += 1;
                    } else if b >= 0x80 {
                        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                        if !c.is_alphabetic() {
                            break;
                        }
                        ascii = false;
                        letters += 1;
                        upper += usize::from(c.is_uppercase());
                        i += c.len_utf8();
                    } else {
                        break;
                    }
                }
                let word = &text[start..i];
                let lex = if ascii && word.len() <= lexicon::MAX_WORD {
                    lexicon::classify(word)
                } else {
                    Lex::Other
                };
                out.push(Tok {
                    start,
                    end: i,
                    kind: Kind::Word,
                    lex,
                    num: 0,
                    digits: 0,
                    ch: '\0',
                    space_before: space,
                    cap: word.chars().next().is_some_and(char::is_uppercase),
                    all_caps: upper == letters,
                });
                space = false;
                continue;
            }
            let len = c.len_utf8();
            if c.is_whitespace() {
                space = true;
                i += len;
                continue;
            }
            push_punct(out, i, i + len, c, space);
            space = false;
            i += len;
            continue;
        }
        push_punct(out, i, i + 1, char::from(b), space);
        space = false;
        i += 1;
    }
}

fn push_punct(out: &mut Vec<Tok>, start: usize, end: usize, ch: char, space: bool) {
    out.push(Tok {
        start,
        end,
        kind: Kind::Punct,
        lex: Lex::Other,
        num: 0,
        digits: 0,
        ch,
        space_before: space,
        cap: false,
        all_caps: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v
    }

    #[test]
    fn glued_tokens_keep_adjacency() {
        let t = toks("on 2025-08-20, mid-2019 “ok” 1990s");
        let kinds: Vec<_> = t.iter().map(|t| (t.kind, t.space_before)).collect();
        assert_eq!(kinds[1], (Kind::Num, true));
        assert_eq!(kinds[2], (Kind::Punct, false));
        assert_eq!(t[1].num, 2025);
        assert_eq!(t[3].num, 8);
        assert_eq!(t[3].digits, 2);
        let last = t.last().unwrap();
        assert_eq!((last.kind, last.space_before), (Kind::Word, false));
    }

    #[test]
    fn non_ascii_letters_are_words() {
        let t = toks("Сьогодні — 20 серпня");
        assert_eq!(t[0].kind, Kind::Word);
        assert!(t[1].is_dash());
        assert_eq!(t[2].num, 20);
        assert_eq!(t.len(), 4);
    }
}
