//! The reader: a source's text with its evidence highlighted (times, speakers, cues, quoted
//! content). Clicking a highlight selects its entry; selecting text and pressing Ctrl+E
//! (event) or Ctrl+Shift+E (statement) makes a new entry from it.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Stroke};

use super::{Action, ClaimlineApp};
use crate::model::{
    AnchorKind, Attribution, CharRange, Command, Entry, EntryId, EntryKind, Evidence, Project,
    Source, SourceId, Status, TextAnchor,
};

/// Which source is open and what is selected in it.
#[derive(Debug, Default)]
pub struct ReaderState {
    pub source: Option<SourceId>,
    /// The entry whose evidence was last brought into view.
    followed: Option<EntryId>,
    /// Char offset to scroll to on the next frame.
    scroll_to: Option<usize>,
    /// The user's current text selection (chars), if any.
    pub selection: Option<CharRange>,
    /// Time expressions of the open source, per (source, revision).
    timexes: Option<((SourceId, u64), Vec<CharRange>)>,
    /// The open source's highlights, per (source, revision, rejected shown): finding its
    /// entries scans them all, too slow for every frame of a large project.
    highlights: super::memo::Memo<(SourceId, u64, bool), Vec<Highlight>>,
}

impl ReaderState {
    /// Opens `source` at its top.
    pub fn open(&mut self, source: SourceId) {
        if self.source != Some(source) {
            self.source = Some(source);
            self.selection = None;
            self.scroll_to = Some(0);
        }
    }

    /// Opens `source` scrolled to char `at`.
    pub fn show_at(&mut self, source: SourceId, at: usize) {
        if self.source != Some(source) {
            self.selection = None;
        }
        self.source = Some(source);
        self.scroll_to = Some(at);
    }
}

/// What a highlighted stretch of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Content,
    Time,
    Cue,
    Speaker,
}

impl Mark {
    fn of(role: &str) -> Self {
        match role {
            "time" => Self::Time,
            "speaker" => Self::Speaker,
            "cue" => Self::Cue,
            _ => Self::Content,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Content => "claim",
            Self::Time => "time",
            Self::Cue => "cue",
            Self::Speaker => "speaker",
        }
    }

    fn color(self, dark: bool) -> Color32 {
        let (r, g, b) = match self {
            Self::Content => (0xF2, 0xCF, 0x5B),
            Self::Time => (0x5B, 0xA8, 0xF2),
            Self::Cue => (0xB0, 0x7A, 0xE0),
            Self::Speaker => (0xF2, 0x8E, 0x4B),
        };
        let alpha = if dark { 70 } else { 90 };
        Color32::from_rgba_unmultiplied(r, g, b, alpha)
    }
}

/// One highlighted range and the entry it belongs to (`None` for a bare time expression).
#[derive(Clone, Copy, Debug)]
struct Highlight {
    range: CharRange,
    mark: Mark,
    entry: Option<EntryId>,
}

fn highlights(app: &ClaimlineApp, source: &Source, timexes: &[CharRange]) -> Vec<Highlight> {
    let project = &app.workspace.project;
    let mut out: Vec<Highlight> = timexes
        .iter()
        .map(|&range| Highlight {
            range,
            mark: Mark::Time,
            entry: None,
        })
        .collect();
    for e in project.entries_of_source(source.id) {
        if e.status == Status::Rejected && !app.show_rejected {
            continue;
        }
        for ev in e.evidence.iter().filter(|ev| ev.source == source.id) {
            out.push(Highlight {
                range: ev.range,
                mark: Mark::of(&ev.role),
                entry: Some(e.id),
            });
        }
    }
    out
}

/// The entry under char `at`: the one with the narrowest evidence there.
fn entry_at(highlights: &[Highlight], at: usize) -> Option<EntryId> {
    highlights
        .iter()
        .filter(|h| h.entry.is_some() && h.range.start <= at && at < h.range.end)
        .min_by_key(|h| h.range.len())
        .and_then(|h| h.entry)
}

/// Colours the text: the strongest mark covering each char wins; the selected entry's
/// evidence is underlined.
fn layout_job(
    text: &str,
    highlights: &[Highlight],
    selected: Option<EntryId>,
    font: FontId,
    ui: &egui::Ui,
) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    // Boundaries in chars, then walk the text once converting to bytes.
    let mut cuts: Vec<usize> = vec![0];
    for h in highlights {
        cuts.push(h.range.start);
        cuts.push(h.range.end);
    }
    let n_chars = text.chars().count();
    cuts.push(n_chars);
    cuts.retain(|&c| c <= n_chars);
    cuts.sort_unstable();
    cuts.dedup();
    let byte_of: Vec<usize> = {
        let mut map = Vec::with_capacity(cuts.len());
        let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
        let mut ci = 0;
        let mut b = it.next().unwrap_or(0);
        for &c in &cuts {
            while ci < c {
                b = it.next().unwrap_or(text.len());
                ci += 1;
            }
            map.push(b);
        }
        map
    };
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..Default::default()
    };
    for w in 0..cuts.len().saturating_sub(1) {
        let (c0, c1) = (cuts[w], cuts[w + 1]);
        if c0 == c1 {
            continue;
        }
        let covering = highlights
            .iter()
            .filter(|h| h.range.start <= c0 && c1 <= h.range.end);
        let mark = covering.clone().map(|h| h.mark).max();
        let is_selected = selected.is_some() && covering.clone().any(|h| h.entry == selected);
        let mut format = TextFormat {
            font_id: font.clone(),
            color: if is_selected { strong } else { text_color },
            ..Default::default()
        };
        if let Some(m) = mark {
            format.background = m.color(dark);
        }
        if is_selected {
            format.underline = Stroke::new(1.5, strong);
        }
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(byte_of[w])..egui::text::ByteIndex(byte_of[w + 1]),
            format,
        });
    }
    job
}

pub fn reader_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    follow_selection(app);
    let project = &app.workspace.project;
    let Some(source) = app
        .reader
        .source
        .and_then(|id| project.source(id))
        .or_else(|| project.sources.first())
    else {
        ui.weak("Import an article to read it here.");
        return;
    };
    let source_id = source.id;
    let revision = app.workspace.revision();
    let key = (source_id, revision);
    if app.reader.timexes.as_ref().is_none_or(|(k, _)| *k != key) {
        let tagged = crate::extract::timex::tag(
            &source.text,
            &crate::extract::timex::TagOptions {
                anchor: source.published_date(),
                day_first: false,
            },
        );
        let ranges = tagged
            .iter()
            .map(|t| CharRange::new(t.start, t.end))
            .collect();
        app.reader.timexes = Some((key, ranges));
    }
    let timexes = app.reader.timexes.as_ref().map_or(&[][..], |(_, r)| r);
    let marks = app
        .reader
        .highlights
        .get((source_id, revision, app.show_rejected), || {
            highlights(app, source, timexes)
        });

    header_ui(ui, source, app.reader.selection);
    legend_ui(ui);
    ui.separator();

    let selected = app.selected;
    let font = FontId::proportional(14.0);
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
        let mut job = layout_job(buf.as_str(), &marks, selected, font.clone(), ui);
        job.wrap.max_width = wrap;
        ui.ctx().fonts_mut(|f| f.layout_job(job))
    };
    let mut text: &str = &source.text;
    let anchors = &source.anchors;
    let scroll_to = app.reader.scroll_to.take();
    let output = egui::ScrollArea::vertical()
        .id_salt(("reader", source_id))
        .auto_shrink(false)
        .show(ui, |ui| {
            // The gutter for update and post times is a margin left of the text.
            let gutter = if anchors.is_empty() {
                0
            } else {
                GUTTER_WIDTH as i8
            };
            egui::Frame::NONE
                .inner_margin(egui::Margin {
                    left: gutter,
                    ..Default::default()
                })
                .show(ui, |ui| {
                    let output = egui::TextEdit::multiline(&mut text)
                        .id_salt("reader_text")
                        .desired_width(f32::INFINITY)
                        .frame(egui::Frame::NONE)
                        .layouter(&mut layouter)
                        .show(ui);
                    if !anchors.is_empty() {
                        anchor_gutter_ui(ui, &output, anchors);
                    }
                    if let Some(at) = scroll_to {
                        let r = output.galley.pos_from_cursor(CCursor::new(at));
                        let r = r.translate(output.galley_pos.to_vec2());
                        ui.scroll_to_rect(r.expand(40.0), Some(egui::Align::Center));
                    }
                    output
                })
                .inner
        })
        .inner;

    let selection = output.cursor_range.and_then(|c| {
        let (a, b) = (c.primary.index.0, c.secondary.index.0);
        (a != b).then(|| CharRange::new(a.min(b), a.max(b)))
    });
    app.reader.selection = selection;
    if output.response.clicked()
        && selection.is_none()
        && let Some(at) = output.cursor_range.map(|c| c.primary.index.0)
    {
        if let Some(id) = entry_at(&marks, at) {
            app.reader.followed = Some(id);
            app.act(Action::Select(Some(id)));
            app.reveal_request = true;
        }
        // Hand the keyboard back to the review keys.
        output.response.surrender_focus();
    }
    let make = ui.input_mut(|i| {
        let ctrl_e = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::E);
        let ctrl_shift_e = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::E,
        );
        if i.consume_shortcut(&ctrl_shift_e) {
            Some(EntryKind::Statement)
        } else if i.consume_shortcut(&ctrl_e) {
            Some(EntryKind::Event)
        } else {
            None
        }
    });
    if let Some(kind) = make {
        new_entry_from_selection(app, kind);
    }
}

/// When the selected entry changes, show its source and scroll to its evidence.
fn follow_selection(app: &mut ClaimlineApp) {
    if app.selected == app.reader.followed {
        return;
    }
    app.reader.followed = app.selected;
    let Some(entry) = app.selected.and_then(|id| app.workspace.project.entry(id)) else {
        return;
    };
    if let Some(ev) = entry.evidence.first() {
        if app.reader.source != Some(ev.source) {
            app.reader.selection = None;
        }
        app.reader.source = Some(ev.source);
        app.reader.scroll_to = Some(ev.range.start);
    }
}

/// Room left of the text for the times of live-blog updates and embedded posts.
const GUTTER_WIDTH: f32 = 64.0;
const _: () = assert!(GUTTER_WIDTH < 127.0, "egui margins are i8");

/// What the gutter says beside an anchor: its time ("00:15", "X 09:14"), with the day
/// ("21 Aug") where it differs from the anchor above.
fn gutter_label(anchor: &TextAnchor, previous_day: Option<chrono::NaiveDate>) -> String {
    let t = &anchor.time;
    let day = t.start.date();
    let clock = if t.precision >= crate::model::Precision::Minute {
        t.start.format("%H:%M").to_string()
    } else {
        String::new()
    };
    let mut out = String::new();
    if previous_day != Some(day) || clock.is_empty() {
        out.push_str(&day.format("%-d %b").to_string());
    }
    if !clock.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&clock);
    }
    if anchor.kind == AnchorKind::Post {
        let platform = anchor.platform.as_deref().unwrap_or("post");
        out = format!("{platform}\n{out}");
    }
    out
}

/// The time of each live-blog update and embedded post, beside its text, with a bar
/// spanning it; hovering tells where the time came from.
fn anchor_gutter_ui(
    ui: &mut egui::Ui,
    output: &egui::text_edit::TextEditOutput,
    anchors: &[TextAnchor],
) {
    let galley = &output.galley;
    let origin = output.galley_pos;
    let left = origin.x - GUTTER_WIDTH;
    let accent = ui.visuals().selection.bg_fill;
    let post_color = Mark::Speaker.color(ui.visuals().dark_mode);
    let mut order: Vec<&TextAnchor> = anchors.iter().collect();
    order.sort_by_key(|a| (a.range.start, std::cmp::Reverse(a.range.end)));
    let mut previous_day = None;
    let mut last_label_bottom = f32::NEG_INFINITY;
    for a in order {
        let top = galley.pos_from_cursor(CCursor::new(a.range.start)).min.y + origin.y;
        let bottom = galley
            .pos_from_cursor(CCursor::new(
                a.range.end.saturating_sub(1).max(a.range.start),
            ))
            .max
            .y
            + origin.y;
        let (x, color) = match a.kind {
            AnchorKind::Update => (left + 2.0, accent),
            AnchorKind::Post => (left + 8.0, post_color),
        };
        ui.painter().line_segment(
            [egui::pos2(x, top), egui::pos2(x, bottom)],
            Stroke::new(3.0, color),
        );
        let text = gutter_label(a, previous_day);
        previous_day = Some(a.time.start.date());
        // A post inside an update starts on the update's first line: its label goes below.
        let y = top.max(last_label_bottom + 2.0);
        let rect = egui::Rect::from_min_size(
            egui::pos2(x + 5.0, y),
            egui::vec2(GUTTER_WIDTH - (x - left) - 8.0, 44.0),
        );
        let mut hover = match a.kind {
            AnchorKind::Update => format!("Update of {}", a.time.label()),
            AnchorKind::Post => format!("Post of {}", a.time.label()),
        };
        if !a.label.is_empty() {
            hover.push_str(&format!(" (from {})", a.label));
        }
        for extra in [&a.author, &a.url].into_iter().flatten() {
            hover.push_str(&format!("\n{extra}"));
        }
        let response = ui
            .put(
                rect,
                egui::Label::new(
                    RichText::new(text)
                        .small()
                        .color(ui.visuals().weak_text_color()),
                )
                .halign(egui::Align::LEFT)
                .selectable(false),
            )
            .on_hover_text(hover);
        last_label_bottom = response.rect.bottom();
    }
}

fn header_ui(ui: &mut egui::Ui, source: &Source, selection: Option<CharRange>) {
    // Wrapped: a long headline with its metadata must not widen the panel (the text below
    // would then wrap beyond the visible edge).
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&source.title).strong());
        let mut meta = Vec::new();
        if let Some(o) = &source.outlet {
            meta.push(o.clone());
        }
        if let Some(p) = &source.published {
            meta.push(format!("published {}", p.label()));
        }
        meta.extend(source.anchor_summary());
        if !meta.is_empty() {
            ui.weak(meta.join(" · "));
        }
        if selection.is_some() {
            ui.separator();
            ui.weak("Selection → Ctrl+E new event · Ctrl+Shift+E new statement");
        }
    });
}

fn legend_ui(ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        for mark in [Mark::Time, Mark::Speaker, Mark::Cue, Mark::Content] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, mark.color(dark));
            ui.small(mark.name());
        }
    });
}

/// A new entry from the reader's selection: the selection is its evidence, its label and
/// (for a statement) its quote; a time expression inside it becomes its time, and the
/// statement extractor proposes a speaker and cue.
pub fn new_entry_from_selection(app: &mut ClaimlineApp, kind: EntryKind) {
    let (Some(range), Some(source_id)) = (app.reader.selection, app.reader.source) else {
        app.info("Select some text in the reader first");
        return;
    };
    let project = &mut app.workspace.project;
    let Some(source) = project.source(source_id).cloned() else {
        return;
    };
    let Some(text) = source.slice(range).map(str::to_owned) else {
        return;
    };
    let entry = entry_from_text(project, &source, range, &text, kind);
    let id = entry.id;
    app.act(Action::Edit(
        format!("New {} from selection", kind.name()),
        Command::InsertEntry {
            index: None,
            entry: Box::new(entry),
        },
    ));
    app.act(Action::Select(Some(id)));
    app.reader.followed = Some(id);
}

fn entry_from_text(
    project: &mut Project,
    source: &Source,
    range: CharRange,
    text: &str,
    kind: EntryKind,
) -> Entry {
    let now = chrono::Utc::now();
    let mut entry = Entry::new(
        project.new_entry_id(),
        kind,
        crate::extract::label_of(text),
        now,
    );
    entry.status = Status::Accepted;
    entry.confidence = 1.0;
    entry.reason = "made by hand from a selection".into();
    entry.reported_time = source.published.clone();
    entry.evidence.push(Evidence {
        source: source.id,
        range,
        role: "content".into(),
    });
    // Parse the selection as a little source of its own, anchored like the real one.
    let mut piece = Source::from_text(source.id, source.title.clone(), text.to_owned());
    piece.published = source.published.clone();
    let found = crate::extract::extract(&piece, &crate::extract::Options::default());
    let time = found.timexes.iter().find_map(|t| {
        let span = t.span.clone()?;
        entry.evidence.push(Evidence {
            source: source.id,
            range: CharRange::new(range.start + t.start, range.start + t.end),
            role: "time".into(),
        });
        Some(span)
    });
    match kind {
        EntryKind::Event => entry.event_time = time,
        EntryKind::Statement => {
            let statement = found.statements.first();
            entry.said_time = statement
                .and_then(|s| s.said_time.clone())
                .or_else(|| source.published.clone());
            entry.event_time = statement.and_then(|s| s.event_time.clone()).or(time);
            let mut attribution = Attribution {
                quote: text.trim().to_owned(),
                ..Default::default()
            };
            if let Some(s) = statement {
                attribution.speaker = s.speaker.clone();
                attribution.speaker_role = s.speaker_role.clone();
                attribution.cue = s.cue.clone();
                attribution.outlet = s.outlet.clone();
                attribution.relay = s.relay.clone();
                attribution.direct = s.direct;
                attribution.quote = s.content.clone();
            }
            entry.attribution = Some(attribution);
        }
    }
    entry
}
