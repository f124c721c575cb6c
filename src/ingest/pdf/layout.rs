//! Reading order for positioned PDF text: columns, running heads, paragraphs, hyphens.
//!
//! A PDF says where each glyph goes, not in which order to read them; layout engines often
//! write the rows of a two-column page interleaved. So order comes from geometry alone:
//!
//! ```text
//!   ┌──────────────── page ────────────────┐
//!   │ THE MERIDIAN REVIEW     21 Aug 2025  │  running head: repeated on ≥ 2 pages → dropped
//!   │ Title spanning both columns          │  full-width block
//!   │ left column ...  │ right column ...  │  band: left block, then right block
//!   │ ...              │ ...               │
//!   │ Full-width line                      │  splits the page into bands
//!   │ Page 1 of 2                          │  page number → dropped
//!   └──────────────────────────────────────┘
//! ```
//!
//! 1. Spans (runs of glyphs on one baseline) whose baseline group is among the top or bottom
//!    [`EDGE_GROUPS`] of a page are dropped when, digits ignored, they repeat on two or more
//!    pages, or read as a page number.
//! 2. A gutter is an x band, away from the text's left and right edges, that no more than a
//!    tenth of the spans cross. Spans crossing it are full-width and cut the page into bands;
//!    in each band the left column is read before the right. Each side is searched again for
//!    a gutter, so three or four columns work too.
//! 3. Lines become paragraphs unless the gap to the next line is well above the usual line
//!    spacing, the font size changes, or the next line is indented. Across a column or page
//!    break, a short line ending a sentence closes the paragraph.
//! 4. A line ending in a hyphen joins the next line without a space; the hyphen is dropped
//!    when the next line starts in lower case, unless the document spells the compound with a
//!    hyphen elsewhere ("well-known") and never without it.

use std::collections::{HashMap, HashSet};

/// A run of glyphs on one baseline, in page space with y growing downwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub x0: f64,
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    pub size: f64,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub spans: Vec<Span>,
}

/// How many baseline groups at the top and at the bottom of a page may be running heads.
pub const EDGE_GROUPS: usize = 2;
/// Spans whose baselines differ by less than this many font sizes are on one line.
const SAME_BASELINE: f64 = 0.4;
/// A horizontal gap of more than this many font sizes between glyphs is a word space.
pub const WORD_GAP: f64 = 0.15;
/// A gutter must be at least this many font sizes wide.
const MIN_GUTTER: f64 = 0.6;
/// A line spacing above this multiple of the usual one separates paragraphs.
const PARAGRAPH_GAP: f64 = 1.3;
/// Font sizes differing by more than this fraction start a new paragraph (headings).
const SIZE_CHANGE: f64 = 0.15;
/// An indent of more than this many font sizes starts a paragraph.
const INDENT: f64 = 1.0;
/// A line narrower than this fraction of its block's width is short (ends a paragraph).
const SHORT_LINE: f64 = 0.75;
/// Column search nests at most this deep (four columns).
const MAX_COLUMN_DEPTH: u8 = 2;

/// The text of the pages in reading order: paragraphs separated by a blank line.
pub fn pages_text(mut pages: Vec<Page>) -> String {
    drop_running_heads(&mut pages);
    let blocks: Vec<Block> = pages
        .into_iter()
        .flat_map(|p| reading_blocks(p.spans, 0))
        .filter(|b| !b.lines.is_empty())
        .collect();
    paragraphs(&blocks).join("\n\n")
}

/// Lines read in order, all in one column or all full-width.
#[derive(Debug)]
struct Block {
    lines: Vec<Span>,
}

impl Block {
    fn left(&self) -> f64 {
        self.lines
            .iter()
            .map(|l| l.x0)
            .fold(f64::INFINITY, f64::min)
    }

    fn width(&self) -> f64 {
        let left = self.left();
        self.lines.iter().map(|l| l.x1 - left).fold(0.0, f64::max)
    }
}

// ---- running heads -------------------------------------------------------------------------

/// Indices of `spans` grouped by baseline, top to bottom.
fn baseline_groups(spans: &[Span]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[a].y.total_cmp(&spans[b].y));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let joins = groups.last().is_some_and(|g| {
            let first = &spans[g[0]];
            (spans[i].y - first.y).abs() < SAME_BASELINE * first.size.max(spans[i].size)
        });
        match groups.last_mut() {
            Some(g) if joins => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// Lower case, digit runs as `#`, single spaces: "Page 3 of 12" and "Page 4 of 12" match.
fn head_key(spans: &[Span], group: &[usize]) -> String {
    let mut sorted: Vec<&Span> = group.iter().map(|&i| &spans[i]).collect();
    sorted.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut key = String::new();
    for span in sorted {
        for c in span.text.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_digit() {
                if !key.ends_with('#') {
                    key.push('#');
                }
            } else if c.is_whitespace() {
                if !key.is_empty() && !key.ends_with(' ') {
                    key.push(' ');
                }
            } else {
                key.push(c);
            }
        }
        if !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.trim_end().to_owned()
}

/// "7", "Page 7", "page 7 of 12", "7 / 12", "- 7 -", "p. 7".
fn is_page_number(key: &str) -> bool {
    let bare: String = key
        .chars()
        .filter(|c| !c.is_whitespace() && !"-–—|·•[]()".contains(*c))
        .collect();
    matches!(
        bare.as_str(),
        "#" | "page#" | "page#of#" | "#of#" | "#/#" | "p.#" | "pg.#" | "pg#" | "seite#" | "page#/#"
    )
}

fn drop_running_heads(pages: &mut [Page]) {
    let edges: Vec<Vec<(String, Vec<usize>)>> = pages
        .iter()
        .map(|page| {
            let groups = baseline_groups(&page.spans);
            let n = groups.len();
            groups
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i < EDGE_GROUPS || *i + EDGE_GROUPS >= n)
                .map(|(_, g)| (head_key(&page.spans, &g), g))
                .collect()
        })
        .collect();
    let mut pages_with: HashMap<&str, HashSet<usize>> = HashMap::new();
    for (p, groups) in edges.iter().enumerate() {
        for (key, _) in groups {
            pages_with.entry(key.as_str()).or_default().insert(p);
        }
    }
    for (page, groups) in pages.iter_mut().zip(&edges) {
        let mut drop = vec![false; page.spans.len()];
        for (key, group) in groups {
            if pages_with[key.as_str()].len() >= 2 || is_page_number(key) {
                for &i in group {
                    drop[i] = true;
                }
            }
        }
        let mut i = 0;
        page.spans.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

// ---- columns -------------------------------------------------------------------------------

/// The x of a gutter's middle, when the spans form columns.
fn find_gutter(spans: &[Span]) -> Option<f64> {
    let lo = spans.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let hi = spans.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = hi - lo;
    if !(width > 0.0 && width.is_finite()) {
        return None;
    }
    let mut sizes: Vec<f64> = spans.iter().map(|s| s.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];

    // Coverage of each x bin by spans, through a difference array: O(spans + bins).
    let bins = (width.ceil() as usize).clamp(1, 4000);
    let bin_w = width / bins as f64;
    let mut diff = vec![0i64; bins + 1];
    for s in spans {
        let a = (((s.x0 - lo) / bin_w).floor() as usize).min(bins - 1);
        let b = (((s.x1 - lo) / bin_w).ceil() as usize).clamp(a + 1, bins);
        diff[a] += 1;
        diff[b] -= 1;
    }
    let tolerance = (spans.len() / 10) as i64;
    // Only the middle of the text may hold a gutter: margins are empty by definition.
    let first = ((0.15 * width) / bin_w) as usize;
    let last = bins - first;
    let mut best: Option<(usize, usize)> = None;
    let mut run_start: Option<usize> = None;
    let mut cover = 0i64;
    for (bin, d) in diff.iter().enumerate().take(last) {
        cover += d;
        let open = bin >= first && cover <= tolerance;
        match (open, run_start) {
            (true, None) => run_start = Some(bin),
            (false, Some(start)) => {
                if best.is_none_or(|(a, b)| bin - start > b - a) {
                    best = Some((start, bin));
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run_start
        && best.is_none_or(|(a, b)| last - start > b - a)
    {
        best = Some((start, last));
    }
    let (a, b) = best?;
    if (b - a) as f64 * bin_w < MIN_GUTTER * size {
        return None;
    }
    let middle = lo + (a + b) as f64 / 2.0 * bin_w;

    // Columns side by side: enough lines on each side, overlapping vertically.
    let left: Vec<&Span> = spans.iter().filter(|s| s.x1 <= middle).collect();
    let right: Vec<&Span> = spans.iter().filter(|s| s.x0 >= middle).collect();
    if left.len() < 3 || right.len() < 3 {
        return None;
    }
    let y_range = |v: &[&Span]| {
        v.iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), s| {
                (a.min(s.y), b.max(s.y))
            })
    };
    let (l_top, l_bottom) = y_range(&left);
    let (r_top, r_bottom) = y_range(&right);
    (l_top.max(r_top) < l_bottom.min(r_bottom)).then_some(middle)
}

/// Spans in reading order, as blocks of lines.
fn reading_blocks(spans: Vec<Span>, depth: u8) -> Vec<Block> {
    if spans.is_empty() {
        return Vec::new();
    }
    let gutter = if depth <= MAX_COLUMN_DEPTH && spans.len() >= 6 {
        find_gutter(&spans)
    } else {
        None
    };
    let Some(middle) = gutter else {
        return vec![Block {
            lines: lines_of(spans),
        }];
    };
    let (mut crossing, columns): (Vec<Span>, Vec<Span>) = spans
        .into_iter()
        .partition(|s| s.x0 < middle && s.x1 > middle);
    crossing.sort_by(|a, b| a.y.total_cmp(&b.y));

    // Band k holds the column spans above the k-th full-width span.
    let mut bands: Vec<(Vec<Span>, Vec<Span>)> = (0..=crossing.len())
        .map(|_| (Vec::new(), Vec::new()))
        .collect();
    for s in columns {
        let band = crossing.partition_point(|c| c.y < s.y);
        if s.x1 <= middle {
            bands[band].0.push(s);
        } else {
            bands[band].1.push(s);
        }
    }
    let mut blocks = Vec::new();
    let mut full_width: Vec<Span> = Vec::new();
    let mut crossing = crossing.into_iter();
    for (left, right) in bands {
        if !left.is_empty() || !right.is_empty() {
            if !full_width.is_empty() {
                blocks.push(Block {
                    lines: lines_of(std::mem::take(&mut full_width)),
                });
            }
            blocks.extend(reading_blocks(left, depth + 1));
            blocks.extend(reading_blocks(right, depth + 1));
        }
        full_width.extend(crossing.next());
    }
    if !full_width.is_empty() {
        blocks.push(Block {
            lines: lines_of(full_width),
        });
    }
    blocks
}

/// Spans of one block merged into lines, top to bottom.
fn lines_of(spans: Vec<Span>) -> Vec<Span> {
    let groups = baseline_groups(&spans);
    let mut slots: Vec<Option<Span>> = spans.into_iter().map(Some).collect();
    groups
        .into_iter()
        .map(|group| {
            let mut parts: Vec<Span> = group.iter().filter_map(|&i| slots[i].take()).collect();
            parts.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut parts = parts.into_iter();
            let mut line = parts.next().expect("baseline groups are never empty");
            for p in parts {
                let gap = p.x0 - line.x1;
                if gap > WORD_GAP * line.size && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(&p.text);
                line.x1 = line.x1.max(p.x1);
                line.size = line.size.max(p.size);
            }
            line.text = clean_line(&line.text);
            line
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// Single spaces, no control characters, typographic ligatures spelled out.
fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let spelled = match c {
            'ﬀ' => "ff",
            'ﬁ' => "fi",
            'ﬂ' => "fl",
            'ﬃ' => "ffi",
            'ﬄ' => "ffl",
            'ﬅ' | 'ﬆ' => "st",
            _ => "",
        };
        if !spelled.is_empty() {
            out.push_str(spelled);
        } else if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
    out.trim_end().to_owned()
}

// ---- paragraphs ----------------------------------------------------------------------------

/// The usual distance between baselines, in font sizes.
fn usual_leading(blocks: &[Block]) -> f64 {
    let mut ratios: Vec<f64> = blocks
        .iter()
        .flat_map(|b| b.lines.windows(2))
        .map(|w| (w[1].y - w[0].y) / w[0].size.max(1.0))
        .filter(|r| *r > 0.5 && *r < 3.0)
        .collect();
    if ratios.is_empty() {
        return 1.2;
    }
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', ':', '"', '”', '’', ')'])
}

fn paragraphs(blocks: &[Block]) -> Vec<String> {
    let leading = usual_leading(blocks);
    let vocabulary = Vocabulary::of(blocks);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous: Option<(&Span, &Block)> = None;
    for block in blocks {
        let left = block.left();
        for line in &block.lines {
            let indented = line.x0 - left > INDENT * line.size;
            let starts_paragraph = match previous {
                None => true,
                Some((prev, prev_block)) => {
                    let size_changes =
                        (line.size - prev.size).abs() > SIZE_CHANGE * prev.size.max(line.size);
                    if size_changes {
                        true
                    } else if std::ptr::eq(prev_block, block) {
                        let gap = (line.y - prev.y) / prev.size.max(1.0);
                        gap > leading * PARAGRAPH_GAP || indented
                    } else {
                        let short = prev.x1 - prev_block.left() < SHORT_LINE * prev_block.width();
                        ends_sentence(&prev.text) && (short || indented)
                    }
                }
            };
            if starts_paragraph && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            vocabulary.join(&mut current, &line.text);
            previous = Some((line, block));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Words of the document, to decide whether a hyphen at a line end is part of the word.
struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    fn of(blocks: &[Block]) -> Self {
        let words = blocks
            .iter()
            .flat_map(|b| &b.lines)
            .flat_map(|l| l.text.split_whitespace())
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && !w.ends_with('-'))
            .collect();
        Self { words }
    }

    /// Appends `next` to the paragraph `text`, undoing hyphenation at the line break.
    fn join(&self, text: &mut String, next: &str) {
        if text.is_empty() {
            text.push_str(next);
            return;
        }
        if let Some(stem) = text.strip_suffix('\u{AD}') {
            let len = stem.len();
            text.truncate(len);
            text.push_str(next);
            return;
        }
        let hyphen_after_letter = text
            .strip_suffix('-')
            .and_then(|t| t.chars().next_back())
            .is_some_and(char::is_alphabetic);
        if !hyphen_after_letter {
            text.push(' ');
            text.push_str(next);
            return;
        }
        let next_is_lower = next.chars().next().is_some_and(char::is_lowercase);
        if next_is_lower && !self.keeps_hyphen(text, next) {
            text.pop();
        }
        text.push_str(next);
    }

    /// "well-" + "known" keeps its hyphen when "well-known" occurs and "wellknown" does not.
    fn keeps_hyphen(&self, text: &str, next: &str) -> bool {
        let head: String = text[..text.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
        let (head, tail) = (head.to_lowercase(), tail.to_lowercase());
        self.words.contains(&format!("{head}-{tail}"))
            && !self.words.contains(&format!("{head}{tail}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(x0: f64, y: f64, text: &str) -> Span {
        Span {
            x0,
            // About half an em per character at 10 pt.
            x1: x0 + 5.0 * text.chars().count() as f64,
            y,
            size: 10.0,
            text: text.to_owned(),
        }
    }

    /// A column of lines from `top`, one per 12 pt; `None` leaves a paragraph gap.
    fn column(x: f64, top: f64, lines: &[Option<&str>]) -> Vec<Span> {
        let mut y = top;
        let mut out = Vec::new();
        for line in lines {
            match line {
                Some(text) => {
                    out.push(span(x, y, text));
                    y += 12.0;
                }
                None => y += 10.0,
            }
        }
        out
    }

    #[test]
    fn three_columns_read_left_to_right() {
        let mut spans = Vec::new();
        for (x, name) in [(50.0, "alpha"), (230.0, "beta"), (410.0, "gamma")] {
            let lines: Vec<String> = (0..5).map(|i| format!("{name} line {i} text")).collect();
            let refs: Vec<Option<&str>> = lines.iter().map(|l| Some(l.as_str())).collect();
            spans.extend(column(x, 100.0, &refs));
        }
        spans.reverse();
        let text = pages_text(vec![Page { spans }]);
        let (a, b, c) = (
            text.find("alpha line 4").unwrap(),
            text.find("beta line 0").unwrap(),
            text.find("gamma line 0").unwrap(),
        );
        assert!(a < b && b < c, "{text}");
    }

    #[test]
    fn single_column_with_ragged_lines_stays_one_column() {
        let spans = column(
            50.0,
            100.0,
            &[
                Some("A short line here and"),
                Some("a much longer line that goes on and on"),
                Some("and the end."),
                None,
                Some("Next paragraph starts here"),
            ],
        );
        let text = pages_text(vec![Page { spans }]);
        assert_eq!(
            text,
            "A short line here and a much longer line that goes on and on and the end.\n\n\
             Next paragraph starts here"
        );
    }

    #[test]
    fn page_numbers_go_even_on_a_single_page() {
        let mut spans = column(50.0, 100.0, &[Some("Body text."), Some("More body.")]);
        spans.push(span(280.0, 760.0, "- 7 -"));
        let text = pages_text(vec![Page { spans }]);
        assert_eq!(text, "Body text. More body.");
    }

    #[test]
    fn hyphens_at_line_ends() {
        let vocabulary = Vocabulary {
            words: ["well-known".to_owned()].into_iter().collect(),
        };
        let joined = |a: &str, b: &str| {
            let mut s = a.to_owned();
            vocabulary.join(&mut s, b);
            s
        };
        assert_eq!(joined("the govern-", "ment said"), "the government said");
        assert_eq!(joined("a well-", "known case"), "a well-known case");
        assert_eq!(joined("the Secretary-", "General"), "the Secretary-General");
        assert_eq!(joined("COVID-", "19 cases"), "COVID-19 cases");
        assert_eq!(joined("pages 10 -", "12"), "pages 10 - 12");
        assert_eq!(joined("soft\u{AD}", "ware"), "software");
    }

    #[test]
    fn running_heads_repeat_across_pages() {
        let page = |n: usize, body: &str| {
            let mut spans = vec![span(50.0, 30.0, "DAILY NEWS")];
            spans.extend(column(50.0, 100.0, &[Some(body), Some("second line")]));
            spans.push(span(50.0, 760.0, &format!("Page {n} of 9")));
            spans.push(span(300.0, 760.0, &format!("printed 2025-08-2{n}")));
            Page { spans }
        };
        let text = pages_text(vec![page(1, "First page."), page(2, "Second page.")]);
        assert!(!text.contains("DAILY") && !text.contains("Page") && !text.contains("printed"));
        assert!(text.contains("First page.") && text.contains("Second page."));
    }
}
