//! The timeline as an SVG image, drawn from the same pure layout as the screen
//! ([`crate::timeline::layout`]), so an export looks like the app: same palette, same marks
//! (circles for events, diamonds for statements, hollow bars for uncertain spans, faded ends
//! for open ones), same tick and context rows, lane headers and cluster badges.
//!
//! The image is a vertical stack of *bands*, each drawn in its own coordinates:
//!
//! ```text
//!  ┌──────────────────────────────────────────────┐
//!  │ Title · date range · n entries               │ title band
//!  │ ● event ◆ statement ▭ uncertain  ■ lane …    │ legend band
//!  │ | Jan      | Feb      | Mar                  │ axis band (repeated on every PDF page)
//!  │ Lane A (12)                                  │ lane band
//!  │ Lane B (3)                                   │ lane band
//!  │ Notes: 1. …                                  │ note bands, one per line
//!  └──────────────────────────────────────────────┘
//! ```
//!
//! Height policy: with no fixed height the image grows to fit every band; with a fixed
//! height (pixels or paper) an SVG/PNG is scaled down uniformly to fit (never cut), and a PDF
//! is paginated instead ([`render_pages`]), the axis repeated at the top of each page. Up to
//! [`FULL_DETAIL_ENTRIES`] entries every entry is drawn with its label; bigger images fold
//! dense stretches into count badges, and lanes hold at most `max_rows` rows.
//!
//! Text is real `<text>` (selectable in browsers and in the PDF), XML-escaped; the font is the
//! bundled DejaVu Sans ([`super::fonts`]), which also measures the labels for the layout.

use std::fmt::Write as _;

use crate::model::{Color, Entry, EntryKind, Project, Status, Verification};
use crate::timeline::{
    self, ColorBy, ColorRole, GroupBy, LayoutOptions, Mark, MeasureText, RejectedMode, TimeView,
    TimelineIndex, TimelineLayout,
};

use super::fonts::{FONT_FAMILY, FontMeasure};

/// Label text size, as in the app's timeline.
pub const LABEL_FONT_PX: f32 = 12.0;
const TITLE_FONT_PX: f32 = 20.0;
const NOTE_FONT_PX: f32 = 11.0;
/// Blank space around the chart.
pub const MARGIN_PX: f32 = 24.0;
const LEGEND_ROW_PX: f32 = 18.0;
const NOTE_LINE_PX: f32 = 15.0;
/// Images of up to this many entries show every entry as an item with its label; bigger
/// ones fold dense stretches into count badges as the screen does (the legend says so).
pub const FULL_DETAIL_ENTRIES: usize = 500;
/// A note longer than this many lines is cut with "…" (footnotes, not essays).
const MAX_NOTE_LINES: usize = 6;

/// Paper sizes, landscape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Landscape page size in CSS pixels (96 per inch): 297 × 210 mm, 11 × 8.5 in.
    pub fn size_px(self) -> (f32, f32) {
        match self {
            Self::A4 => (297.0 / 25.4 * 96.0, 210.0 / 25.4 * 96.0),
            Self::Letter => (11.0 * 96.0, 8.5 * 96.0),
        }
    }
}

/// How big the image is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ImageSize {
    /// Width in CSS pixels; height fixed or, with `None`, as tall as the content.
    Pixels { width: u32, height: Option<u32> },
    /// A landscape page (PDF pages of this size; SVG/PNG of this size at 96 dpi).
    Paper(Paper),
}

impl ImageSize {
    /// Width and optional fixed height in CSS pixels, clamped to something drawable.
    fn px(self) -> (f32, Option<f32>) {
        let (w, h) = match self {
            Self::Pixels { width, height } => (width as f32, height.map(|h| h as f32)),
            Self::Paper(p) => {
                let (w, h) = p.size_px();
                (w, Some(h))
            }
        };
        (
            w.clamp(MIN_SIDE_PX, MAX_SIDE_PX),
            h.map(|h| h.clamp(MIN_SIDE_PX, MAX_SIDE_PX)),
        )
    }
}

/// Smallest and largest image side (CSS px): below, nothing is legible; above, a PNG would
/// need gigabytes.
pub const MIN_SIDE_PX: f32 = 200.0;
pub const MAX_SIDE_PX: f32 = 16_000.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The colours of a theme (marks use the palette in either theme).
struct Colors {
    background: &'static str,
    axis: &'static str,
    text: &'static str,
    weak: &'static str,
    grid: &'static str,
    cluster: &'static str,
}

impl Theme {
    /// Close to egui's light and dark visuals, as the app shows them.
    fn colors(self) -> Colors {
        match self {
            Self::Light => Colors {
                background: "#ffffff",
                axis: "#f3f3f3",
                text: "#3c3c3c",
                weak: "#8c8c8c",
                grid: "#d2d2d2",
                cluster: "#e6e6e6",
            },
            Self::Dark => Colors {
                background: "#1b1b1b",
                axis: "#232323",
                text: "#d2d2d2",
                weak: "#8c8c8c",
                grid: "#3c3c3c",
                cluster: "#3c3c3c",
            },
        }
    }
}

/// What the image shows and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageOptions {
    pub size: ImageSize,
    /// PNG only: device pixels per CSS pixel (2.0 for a sharp image on a high-DPI screen).
    pub scale: f32,
    /// UTC seconds `[start, end]`; `None` fits every entry (with the app's 5 % margins).
    pub time_range: Option<(f64, f64)>,
    pub group_by: GroupBy,
    pub color_by: ColorBy,
    /// `None`: the project title; `Some("")`: no title band.
    pub title: Option<String>,
    /// A band explaining shapes and colours.
    pub legend: bool,
    pub theme: Theme,
    /// Entry notes as numbered footnotes under the chart (marked in the chart).
    pub include_notes: bool,
    /// Rejected entries are left out unless this is set (then drawn faint, as on screen).
    pub include_rejected: bool,
    /// Offset of the tick labels' time zone from UTC.
    pub utc_offset_seconds: i64,
    /// Said in the subtitle ("as known on 4 Mar 2026"). The entries are filtered by
    /// [`super::Selection::known_on`], before they reach the image.
    pub known_on: Option<chrono::NaiveDate>,
    /// Long empty stretches (none of the entries reaches them) are drawn as narrow axis
    /// breaks "⫽ 19 months", so both sides get the width they need (fit all only).
    pub compress_gaps: bool,
    /// A story's coverage (three or more dated sources) is drawn over the story's period
    /// ([`timeline::fit::story_core`]), with how many entries lie beyond it in the subtitle;
    /// off: every entry's date fits. Fit all only.
    pub story_period: bool,
}

impl Default for ImageOptions {
    fn default() -> Self {
        Self {
            size: ImageSize::Pixels {
                width: 1600,
                height: None,
            },
            scale: 1.0,
            time_range: None,
            group_by: GroupBy::Source,
            color_by: ColorBy::Lane,
            title: None,
            legend: true,
            theme: Theme::Light,
            include_notes: false,
            include_rejected: false,
            utc_offset_seconds: 0,
            known_on: None,
            compress_gaps: true,
            story_period: true,
        }
    }
}

/// Why an image could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("internal error: the generated SVG does not parse: {0}")]
    Svg(String),
    #[error("image of {width} × {height} px is too large (limit {limit} million pixels)")]
    TooLarge { width: u32, height: u32, limit: u32 },
    #[error("PNG encoding failed: {0}")]
    Png(String),
    #[error("PDF conversion failed: {0}")]
    Pdf(String),
}

/// One page of drawing: an SVG document and its size in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub svg: String,
}

/// A horizontal strip of the image in its own coordinates (y from 0 to `height`).
struct Band {
    height: f32,
    body: String,
    kind: BandKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BandKind {
    Title,
    Legend,
    Axis,
    Lane,
    Note,
}

/// The selected entries as a project of their own, so that the index and the layout see
/// only them (lane labels still need every source).
pub(crate) fn selection_project(
    project: &Project,
    entries: &[&Entry],
    include_rejected: bool,
) -> Project {
    Project {
        title: project.title.clone(),
        created: project.created,
        modified: project.modified,
        sources: project.sources.clone(),
        entries: entries
            .iter()
            .filter(|e| include_rejected || e.status != Status::Rejected)
            .map(|e| (*e).clone())
            .collect(),
        tags: project.tags.clone(),
        claims: project.claims.clone(),
        key_dates: project.key_dates.clone(),
        next_id: project.next_id,
        extra: serde_json::Map::new(),
    }
}

/// The whole timeline as one SVG document (see the module docs for the height policy).
pub fn render_svg(project: &Project, entries: &[&Entry], options: &ImageOptions) -> String {
    let chart = Chart::new(project, entries, options);
    let (width, fixed) = options.size.px();
    let content: f32 = chart.bands.iter().map(|b| b.height).sum::<f32>() + MARGIN_PX;
    let height = fixed.unwrap_or(content.min(MAX_SIDE_PX));
    let scale = (height / content).min(1.0);
    let mut svg = chart.open_svg(width, height);
    let dx = (width - width * scale) / 2.0;
    let _ = write!(
        svg,
        r#"<g transform="translate({} 0) scale({})">"#,
        num(dx),
        num(scale)
    );
    let mut y = MARGIN_PX / 2.0;
    for band in &chart.bands {
        push_band(&mut svg, band, y);
        y += band.height;
    }
    svg.push_str("</g></svg>\n");
    svg
}

/// The timeline as pages for the PDF exporter: one page when the height is not fixed,
/// otherwise pages of the fixed height with the axis repeated at the top of each.
pub fn render_pages(project: &Project, entries: &[&Entry], options: &ImageOptions) -> Vec<Page> {
    let (width, fixed) = options.size.px();
    let Some(page_h) = fixed else {
        let svg = render_svg(project, entries, options);
        let chart_h = Chart::new(project, entries, options)
            .bands
            .iter()
            .map(|b| b.height)
            .sum::<f32>()
            + MARGIN_PX;
        return vec![Page {
            width,
            height: chart_h.min(MAX_SIDE_PX),
            svg,
        }];
    };
    let chart = Chart::new(project, entries, options);
    let axis = chart.bands.iter().find(|b| b.kind == BandKind::Axis);
    let usable = page_h - MARGIN_PX;
    let mut pages: Vec<Vec<(usize, f32)>> = vec![Vec::new()];
    let mut y = 0.0;
    for (i, band) in chart.bands.iter().enumerate() {
        let needs_axis = band.kind == BandKind::Lane;
        if y + band.height > usable && !pages.last().is_none_or(|p| p.is_empty()) {
            pages.push(Vec::new());
            y = 0.0;
        }
        let page = pages.last_mut().expect("one page at least");
        if page.is_empty()
            && needs_axis
            && let Some(axis) = axis
        {
            let axis_i = chart
                .bands
                .iter()
                .position(|b| b.kind == BandKind::Axis)
                .expect("found above");
            page.push((axis_i, y));
            y += axis.height;
        }
        page.push((i, y));
        y += band.height;
    }
    pages
        .into_iter()
        .map(|bands| {
            let mut svg = chart.open_svg(width, page_h);
            let content: f32 = bands
                .last()
                .map_or(0.0, |&(i, y)| y + chart.bands[i].height);
            // A single band taller than a page (only a huge lane row height could do that)
            // is scaled to fit rather than cut.
            let scale = (usable / content.max(1.0)).min(1.0);
            let _ = write!(svg, r#"<g transform="scale({})">"#, num(scale));
            for (i, y) in bands {
                push_band(&mut svg, &chart.bands[i], y + MARGIN_PX / 2.0);
            }
            svg.push_str("</g></svg>\n");
            Page {
                width,
                height: page_h,
                svg,
            }
        })
        .collect()
}

fn push_band(svg: &mut String, band: &Band, y: f32) {
    let _ = write!(svg, r#"<g transform="translate(0 {})">"#, num(y));
    svg.push_str(&band.body);
    svg.push_str("</g>");
}

/// Everything drawn, as bands, plus what the SVG header needs.
struct Chart {
    bands: Vec<Band>,
    theme: Theme,
    title: String,
}

impl Chart {
    fn new(project: &Project, entries: &[&Entry], options: &ImageOptions) -> Self {
        let colors = options.theme.colors();
        let (width, _) = options.size.px();
        let sub = selection_project(project, entries, options.include_rejected);
        let index = TimelineIndex::build(&sub, options.group_by);
        // "As known on" a day: the view reaches that day, so its cursor line is drawn.
        let cursor = options.known_on.map(timeline::knowledge::end_of_day);
        let bounds = index
            .bounds()
            .map(|(a, b)| cursor.map_or((a, b), |c| (a.min(c), b.max(c))));
        let view = match (options.time_range, bounds) {
            (Some((a, b)), _) if a.is_finite() && b.is_finite() && b > a => TimeView::new(a, b - a),
            _ => TimeView::default(),
        };
        let measure = FontMeasure::new(LABEL_FONT_PX);
        let mut layout_options = LayoutOptions {
            rejected: if options.include_rejected {
                RejectedMode::Ghost
            } else {
                RejectedMode::Hide
            },
            color_by: options.color_by,
            utc_offset_seconds: options.utc_offset_seconds,
            // Verdict badges as they stood on the day (the entries are already selected).
            known_on: options.known_on.map(timeline::knowledge::end_of_day),
            // Paper has no scrolling and no zoom: lanes take the rows they need (the image
            // grows), and only big projects fold into badges.
            share_height: false,
            full_detail_below: FULL_DETAIL_ENTRIES,
            ..LayoutOptions::default()
        };
        let rect = timeline::Rect::new(MARGIN_PX, 0.0, width - MARGIN_PX, 1_000.0);
        // A story's far-away context ("built in 1921", "the 21st century") would squeeze the
        // story into a sliver: the image shows the story's period, as the app opens on it,
        // and says how many entries it leaves out.
        // (Coverage only: the image of one article keeps the years it tells.)
        let story = if options.story_period
            && options.time_range.is_none()
            && cursor.is_none()
            && timeline::fit::is_coverage(&sub)
        {
            timeline::fit::story_core(&sub, &index)
        } else {
            None
        };
        let mut left_out = 0;
        // Fit all: marks and labels of the first and last entries inside the image, long
        // empty stretches skipped when asked (but never the cursor's day).
        let view = match (options.time_range, bounds) {
            (None, Some(_)) if story.is_some() => {
                let (core, outside) = story.as_ref().expect("checked");
                left_out = *outside;
                timeline::fit::fit_view(
                    &sub,
                    &index,
                    Some(core),
                    rect.width(),
                    &layout_options,
                    &measure,
                )
                .unwrap_or_default()
            }
            (None, Some((a, b))) => {
                let broken = if options.compress_gaps {
                    timeline::fit::fit_with_breaks(
                        &sub,
                        &index,
                        rect.width(),
                        &layout_options,
                        &measure,
                        timeline::fit::BREAK_MIN_SHARE,
                    )
                    .filter(|(_, breaks)| {
                        !breaks.is_empty()
                            && cursor.is_none_or(|c| breaks.iter().all(|b| c < b.t0 || c > b.t1))
                    })
                } else {
                    None
                };
                let fitted = match broken {
                    Some((view, breaks)) => {
                        layout_options.breaks = breaks;
                        view
                    }
                    None => timeline::fit::fit_view(
                        &sub,
                        &index,
                        None,
                        rect.width(),
                        &layout_options,
                        &measure,
                    )
                    .unwrap_or_else(|| TimeView::fit(a, b)),
                };
                // The cursor's day must stay in view too.
                match cursor {
                    Some(c) if c > fitted.max() => {
                        TimeView::new(fitted.min, c - fitted.min + fitted.span * 0.02)
                    }
                    Some(c) if c < fitted.min => TimeView::new(
                        c - fitted.span * 0.02,
                        fitted.max() - c + fitted.span * 0.02,
                    ),
                    _ => fitted,
                }
            }
            _ => view,
        };
        let layout_view = view;
        let layout = timeline::layout(&sub, &index, view, rect, &layout_options, &measure);

        // Footnotes: visible entries with a note, chronologically; markers on drawn labels.
        let notes: Vec<&Entry> = if options.include_notes {
            timeline::chronological(&sub)
                .into_iter()
                .filter(|e| !e.note.trim().is_empty())
                .filter(|e| {
                    e.primary_time().is_some_and(|t| {
                        t.end_seconds() >= layout.axis.view.min
                            && t.start_seconds() <= layout.axis.view.max()
                    })
                })
                .collect()
        } else {
            Vec::new()
        };

        let title = match &options.title {
            Some(t) => t.clone(),
            None => project.title.clone(),
        };
        let mut bands = Vec::new();
        if !title.trim().is_empty() {
            let mut subtitle = subtitle(&sub, options.known_on);
            if left_out > 0 {
                let (start, end) = (layout_view.min, layout_view.max());
                let day = |t: f64| {
                    crate::model::datetime_from_seconds(t)
                        .map(|d| d.format("%-d %b %Y").to_string())
                        .unwrap_or_default()
                };
                subtitle.push_str(&format!(
                    " · the story's period, {} – {}; {} beyond it",
                    day(start),
                    day(end),
                    if left_out == 1 {
                        "1 entry lies".to_owned()
                    } else {
                        format!("{left_out} entries lie")
                    }
                ));
            }
            bands.push(title_band(&title, &subtitle, &colors));
        }
        if options.legend {
            bands.push(legend_band(&layout, &index, options, width, &colors));
        }
        bands.push(axis_band(&layout, cursor, &colors));
        for lane in 0..layout.lanes.len() {
            bands.push(lane_band(&layout, lane, &sub, &notes, options, &colors));
        }
        if layout.lanes.is_empty() {
            let mut body = String::new();
            text(
                &mut body,
                MARGIN_PX,
                20.0,
                colors.weak,
                if sub.entries.is_empty() {
                    "No entries to show."
                } else {
                    "No dated entries to show: they are listed below."
                },
            );
            bands.push(Band {
                height: 32.0,
                body,
                kind: BandKind::Lane,
            });
        }
        bands.extend(undated_bands(&sub, width, &colors));
        bands.extend(note_bands(&notes, width, &colors));
        Self {
            bands,
            theme: options.theme,
            title,
        }
    }

    fn open_svg(&self, width: f32, height: f32) -> String {
        let colors = self.theme.colors();
        let mut svg = String::with_capacity(64 * 1024);
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}, sans-serif" font-size="{f}">"#,
            w = num(width),
            h = num(height),
            f = num(LABEL_FONT_PX),
        );
        if !self.title.trim().is_empty() {
            let _ = write!(svg, "<title>{}</title>", escape(&self.title));
        }
        // Open ends fade into the background, as on screen.
        let _ = write!(
            svg,
            concat!(
                r#"<defs><linearGradient id="fade-start"><stop offset="0" stop-color="{bg}" stop-opacity="0.8"/><stop offset="1" stop-color="{bg}" stop-opacity="0"/></linearGradient>"#,
                r#"<linearGradient id="fade-end"><stop offset="0" stop-color="{bg}" stop-opacity="0"/><stop offset="1" stop-color="{bg}" stop-opacity="0.8"/></linearGradient>"#,
                // Heads of the claim lineage arrows.
                r##"<marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#4e79a7"/></marker></defs>"##,
            ),
            bg = colors.background
        );
        let _ = write!(
            svg,
            r#"<rect width="{}" height="{}" fill="{}"/>"#,
            num(width),
            num(height),
            colors.background
        );
        // Labels that would run past the chart are cut at its right edge, as on screen.
        let _ = write!(
            svg,
            r#"<defs><clipPath id="chart"><rect x="0" y="-100000" width="{}" height="200000"/></clipPath></defs>"#,
            num(width - MARGIN_PX / 2.0)
        );
        svg
    }
}

fn title_band(title: &str, subtitle: &str, colors: &Colors) -> Band {
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">{}</text>"#,
        num(MARGIN_PX),
        num(TITLE_FONT_PX + 2.0),
        num(TITLE_FONT_PX),
        colors.text,
        escape(title)
    );
    text(
        &mut body,
        MARGIN_PX,
        TITLE_FONT_PX + 22.0,
        colors.weak,
        subtitle,
    );
    Band {
        height: TITLE_FONT_PX + 34.0,
        body,
        kind: BandKind::Title,
    }
}

/// "H1 2023 – 21 Aug 2025 · 7 entries".
/// "H1 2023 – 21 Aug 2025 · 7 entries", with " · as known on 4 Mar 2026" when the export is
/// a snapshot of that day.
pub(crate) fn subtitle(project: &Project, known_on: Option<chrono::NaiveDate>) -> String {
    let mut out = range_and_count(project);
    if let Some(day) = known_on {
        out.push_str(" · ");
        out.push_str(&super::as_known_on_label(day));
    }
    out
}

fn range_and_count(project: &Project) -> String {
    let ordered = timeline::chronological(project);
    let placed: Vec<_> = ordered.iter().filter_map(|e| e.primary_time()).collect();
    let n = project.entries.len();
    let count = format!("{n} {}", if n == 1 { "entry" } else { "entries" });
    let last = placed.iter().max_by(|a, b| a.end.cmp(&b.end));
    match (placed.first(), last) {
        (Some(a), Some(b)) if a.label() == b.label() => format!("{} · {count}", a.label()),
        (Some(a), Some(b)) => format!("{} – {} · {count}", a.label(), b.label()),
        _ => count,
    }
}

fn legend_band(
    layout: &TimelineLayout,
    index: &TimelineIndex,
    options: &ImageOptions,
    width: f32,
    colors: &Colors,
) -> Band {
    let measure = FontMeasure::new(LABEL_FONT_PX);
    let neutral = default_hex(ColorRole::Neutral);
    // Shapes first, then what each colour means.
    let mut swatches: Vec<(Swatch, String, String)> = vec![
        (Swatch::Circle, neutral.clone(), "event".into()),
        (Swatch::Diamond, neutral.clone(), "statement".into()),
        (Swatch::HollowBar, neutral.clone(), "uncertain time".into()),
    ];
    let color_items = timeline::color_legend(layout, index, options.color_by);
    for (role, label) in color_items {
        swatches.push((Swatch::Square, default_hex(role), label));
    }
    // Big images fold dense stretches: say so, with how many entries the badges hold.
    let folded: usize = layout.clusters.iter().map(|c| c.count).sum();
    if folded > 0 {
        swatches.push((
            Swatch::Square,
            colors.grid.to_owned(),
            format!("count badge: {folded} entries in dense stretches"),
        ));
    }
    let mut body = String::new();
    let (mut x, mut row) = (MARGIN_PX, 0usize);
    for (swatch, color, label) in swatches {
        let w = 16.0 + measure.width(&label) + 14.0;
        if x + w > width - MARGIN_PX && x > MARGIN_PX {
            x = MARGIN_PX;
            row += 1;
        }
        let cy = row as f32 * LEGEND_ROW_PX + LEGEND_ROW_PX / 2.0;
        draw_swatch(&mut body, swatch, x + 6.0, cy, &color);
        text(&mut body, x + 16.0, cy + 4.0, colors.text, &label);
        x += w;
    }
    Band {
        height: (row + 1) as f32 * LEGEND_ROW_PX + 6.0,
        body,
        kind: BandKind::Legend,
    }
}

#[derive(Clone, Copy)]
enum Swatch {
    Circle,
    Diamond,
    HollowBar,
    Square,
}

fn draw_swatch(out: &mut String, swatch: Swatch, cx: f32, cy: f32, color: &str) {
    let r = timeline::layout::POINT_RADIUS_PX;
    match swatch {
        Swatch::Circle => circle(out, cx, cy, r, color, 1.0),
        Swatch::Diamond => diamond(out, cx, cy, r, color, 1.0),
        Swatch::HollowBar => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="12" height="8" rx="2" fill="{color}" fill-opacity="0.35" stroke="{color}"/>"#,
                num(cx - 6.0),
                num(cy - 4.0),
            );
        }
        Swatch::Square => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="10" height="10" rx="2" fill="{color}"/>"#,
                num(cx - 5.0),
                num(cy - 5.0),
            );
        }
    }
}

fn axis_band(layout: &TimelineLayout, cursor: Option<f64>, colors: &Colors) -> Band {
    let a = layout.axis_rect;
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<rect x="{}" y="0" width="{}" height="{}" fill="{}"/>"#,
        num(a.x0),
        num(a.width()),
        num(a.height()),
        colors.axis
    );
    grid_lines(&mut body, layout, 0.0, a.height(), colors, true);
    for t in &layout.ticks.major {
        if let Some(l) = &t.label {
            text(
                &mut body,
                l.x,
                2.0 + LABEL_FONT_PX - 1.0,
                colors.text,
                &l.text,
            );
        }
    }
    for l in &layout.ticks.context {
        text(
            &mut body,
            l.x,
            18.0 + LABEL_FONT_PX - 1.0,
            colors.weak,
            &l.text,
        );
    }
    cursor_marks(&mut body, layout, cursor, 0.0, a.height(), true);
    Band {
        height: a.height(),
        body,
        kind: BandKind::Axis,
    }
}

/// The "as known on" cursor over `[y0, y1]` of a band: the later side shaded, a line, and in
/// the axis a downward triangle on the line.
fn cursor_marks(
    out: &mut String,
    layout: &TimelineLayout,
    cursor: Option<f64>,
    y0: f32,
    y1: f32,
    axis: bool,
) {
    let Some(t) = cursor else { return };
    let (x_min, x_max) = (layout.axis.x_min, layout.axis.x_max());
    if t > layout.axis.view.max() {
        return;
    }
    let x = layout.axis.x_from_time_f32(t).max(x_min);
    let color = hex(timeline::knowledge::CURSOR_COLOR);
    let _ = write!(
        out,
        r#"<rect class="future" x="{}" y="{}" width="{}" height="{}" fill="{color}" fill-opacity="{}"/>"#,
        num(x),
        num(y0),
        num((x_max - x).max(0.0)),
        num(y1 - y0),
        num(timeline::knowledge::FUTURE_SHADE_OPACITY),
    );
    if t >= layout.axis.view.min {
        let _ = write!(
            out,
            r#"<path class="known-on" d="M{x} {}V{}" stroke="{color}" stroke-width="2"/>"#,
            num(y0),
            num(y1),
            x = num(x),
        );
        if axis {
            let _ = write!(
                out,
                r#"<path d="M{} {}H{}L{x} {}z" fill="{color}"/>"#,
                num(x - 5.0),
                num(y1 - 8.0),
                num(x + 5.0),
                num(y1),
                x = num(x),
            );
        }
    }
}

/// Tick lines over `[y0, y1]` (band coordinates): minor ones faded by their strength.
fn grid_lines(
    out: &mut String,
    layout: &TimelineLayout,
    y0: f32,
    y1: f32,
    colors: &Colors,
    axis: bool,
) {
    let (x_min, x_max) = (layout.axis.x_min, layout.axis.x_max());
    let minor_opacity = layout.ticks.minor_strength.clamp(0.0, 1.0) * 0.6;
    if minor_opacity > 0.01 && !layout.ticks.minor.is_empty() {
        let minor_top = if axis { y0 + 14.0 } else { y0 };
        let mut d = String::new();
        for t in layout
            .ticks
            .minor
            .iter()
            .filter(|t| t.x >= x_min && t.x <= x_max)
        {
            let _ = write!(d, "M{} {}V{}", num(t.x), num(minor_top), num(y1));
        }
        let _ = write!(
            out,
            r#"<path d="{d}" stroke="{}" stroke-opacity="{}" fill="none"/>"#,
            colors.grid,
            num(minor_opacity)
        );
    }
    let mut d = String::new();
    for t in layout
        .ticks
        .major
        .iter()
        .filter(|t| t.x >= x_min && t.x <= x_max)
    {
        let _ = write!(d, "M{} {}V{}", num(t.x), num(y0), num(y1));
    }
    if !d.is_empty() {
        let _ = write!(
            out,
            r#"<path d="{d}" stroke="{}" fill="none"/>"#,
            colors.grid
        );
    }
    break_marks(out, layout, y0, y1, colors, axis);
}

/// The axis breaks: a blank strip between two slanted strokes (⫽), and on the axis band the
/// length of the stretch skipped ("19 months").
fn break_marks(
    out: &mut String,
    layout: &TimelineLayout,
    y0: f32,
    y1: f32,
    colors: &Colors,
    axis: bool,
) {
    for b in layout.axis.breaks() {
        let x0 = layout.axis.x_from_time(b.t0) as f32;
        let x1 = layout.axis.x_from_time(b.t1) as f32;
        let mid = (x0 + x1) / 2.0;
        let _ = write!(
            out,
            r#"<g class="axis-break" data-break-seconds="{}"><rect x="{}" y="{}" width="{}" height="{}" fill="{}"/><path d="M{} {}L{} {}M{} {}L{} {}" stroke="{}" stroke-width="1.5" fill="none"/>"#,
            b.seconds().round(),
            num(x0),
            num(y0),
            num(x1 - x0),
            num(y1 - y0),
            colors.background,
            num(mid - 7.0),
            num(y1),
            num(mid - 1.0),
            num(y0),
            num(mid + 1.0),
            num(y1),
            num(mid + 7.0),
            num(y0),
            colors.weak
        );
        if axis {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="{}">{}</text>"#,
                num(mid),
                num(y0 + (y1 - y0) * 0.62),
                colors.text,
                escape(&timeline::duration_words(b.seconds()))
            );
        }
        out.push_str("</g>");
    }
}

fn lane_band(
    layout: &TimelineLayout,
    lane_pos: usize,
    project: &Project,
    notes: &[&Entry],
    options: &ImageOptions,
    colors: &Colors,
) -> Band {
    let lane = &layout.lanes[lane_pos];
    let top = lane.header.y0;
    let height = lane.body.y1 - top;
    let mut body = String::new();
    grid_lines(&mut body, layout, 0.0, height, colors, false);
    let cursor = options.known_on.map(timeline::knowledge::end_of_day);
    cursor_marks(&mut body, layout, cursor, 0.0, height, false);
    let _ = write!(
        body,
        r#"<path d="M{} 0H{}" stroke="{}"/>"#,
        num(lane.header.x0),
        num(lane.header.x1),
        colors.grid
    );
    // The header as on screen, without the collapse arrow (nothing to click on paper).
    let header = format!("{}  ({})", lane.label, lane.visible);
    text(
        &mut body,
        lane.header.x0 + 4.0,
        lane.header.height() / 2.0 + 4.0,
        colors.weak,
        &header,
    );
    let _ = write!(
        body,
        r#"<g clip-path="url(#chart)"><g transform="translate(0 {})">"#,
        num(-top)
    );
    for c in layout.clusters.iter().filter(|c| c.lane == lane.index) {
        let r = c.rect;
        let members: Vec<String> = layout.members(c).map(|id| id.to_string()).collect();
        let _ = write!(
            body,
            r#"<g class="cluster" data-cluster-count="{}" data-entries="{}"><title>{}</title>"#,
            c.count,
            members.join(" "),
            escape(&format!("{} entries", c.count))
        );
        let _ = write!(
            body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}"/>"#,
            num(r.x0),
            num(r.y0),
            num(r.width()),
            num(r.height()),
            colors.cluster,
            colors.grid
        );
        let centre = r.centre();
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>"#,
            num(centre.x),
            num(centre.y + 4.0),
            colors.text,
            escape(&c.count_label())
        );
        body.push_str("</g>");
    }
    for item in layout.items.iter().filter(|i| i.lane == lane.index) {
        // One group per entry, with its id for scripts and tests, and the full label and
        // date as the tooltip (the drawn label may be shortened).
        let entry = project.entries.get(item.entry).filter(|e| e.id == item.id);
        let title = entry.map_or_else(String::new, |e| {
            let full = timeline::layout::label_text(e, usize::MAX);
            match e.primary_time() {
                Some(t) => format!("{full} ({})", super::display_label(t)),
                None => full,
            }
        });
        let _ = write!(
            body,
            r#"<g class="entry" data-entry="{}"><title>{}</title>"#,
            item.id,
            escape(&title)
        );
        let color = hex(timeline::default_color(item.color));
        let alpha = if item.ghost {
            0.3
        } else if item.uncertainty.approximate {
            0.6
        } else {
            1.0
        };
        let r = item.rect;
        match item.mark {
            Mark::Bar => {
                let (w, h) = (r.width(), r.height());
                if item.uncertainty.is_uncertain() {
                    let _ = write!(
                        body,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{color}" fill-opacity="{}" stroke="{color}" stroke-opacity="{}"/>"#,
                        num(r.x0 + 0.5),
                        num(r.y0 + 0.5),
                        num((w - 1.0).max(0.0)),
                        num((h - 1.0).max(0.0)),
                        num(0.35 * alpha),
                        num(alpha)
                    );
                } else {
                    let _ = write!(
                        body,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{color}" fill-opacity="{}"/>"#,
                        num(r.x0),
                        num(r.y0),
                        num(w),
                        num(h),
                        num(alpha)
                    );
                }
                let fade_w = (w / 3.0).max(1.0);
                if item.uncertainty.open_start {
                    let _ = write!(
                        body,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="url(#fade-start)"/>"#,
                        num(r.x0),
                        num(r.y0),
                        num(fade_w),
                        num(h)
                    );
                }
                if item.uncertainty.open_end {
                    let _ = write!(
                        body,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="url(#fade-end)"/>"#,
                        num(r.x1 - fade_w),
                        num(r.y0),
                        num(fade_w),
                        num(h)
                    );
                }
            }
            Mark::Point => {
                let c = r.centre();
                let radius = r.width().min(r.height()) / 2.0;
                match item.kind {
                    EntryKind::Event => circle(&mut body, c.x, c.y, radius, &color, alpha),
                    EntryKind::Statement => diamond(&mut body, c.x, c.y, radius, &color, alpha),
                }
            }
        }
        // Claims: the verdict badge and the first report's star, as on screen.
        if item.claim.is_some() {
            if item.verification != Verification::Unverified {
                let badge = hex(timeline::verdict_color(item.verification));
                let _ = write!(
                    body,
                    r##"<circle cx="{}" cy="{}" r="5.5" fill="{badge}"/><text x="{}" y="{}" font-size="9" text-anchor="middle" fill="#ffffff">{}</text>"##,
                    num(r.x1 + 1.0),
                    num(r.y0 - 1.0),
                    num(r.x1 + 1.0),
                    num(r.y0 + 2.0),
                    timeline::verdict_symbol(item.verification)
                );
            }
            if item.first_report {
                let _ = write!(
                    body,
                    r##"<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#e0a800">★</text>"##,
                    num(r.x0 - 2.0),
                    num(r.y0 + 3.0)
                );
            }
        }
        if let Some(label) = &item.label {
            let fill = if item.ghost { colors.weak } else { colors.text };
            let baseline = label.rect.centre().y + 4.0;
            text(&mut body, label.rect.x0, baseline, fill, &label.text);
            if options.include_notes
                && let Some(n) = project
                    .entries
                    .get(item.entry)
                    .and_then(|e| notes.iter().position(|x| x.id == e.id))
            {
                let _ = write!(
                    body,
                    r#"<text x="{}" y="{}" font-size="9" fill="{}">{}</text>"#,
                    num(label.rect.x1 + 1.0),
                    num(baseline - 5.0),
                    colors.weak,
                    n + 1
                );
            }
        }
        body.push_str("</g>");
    }
    // Claim lanes: arrows from each appearance to the next, in publication order.
    if layout
        .items
        .iter()
        .any(|i| i.lane == lane.index && i.claim.is_some())
        && lane.key.0.starts_with("claim:")
    {
        let claims: std::collections::BTreeSet<_> = layout
            .items
            .iter()
            .filter(|i| i.lane == lane.index)
            .filter_map(|i| i.claim)
            .collect();
        for claim in claims {
            for a in timeline::lineage_arrows(layout, project, claim) {
                let _ = write!(
                    body,
                    r##"<path d="M{} {}L{} {}" stroke="#4e79a7" stroke-width="1.5" fill="none" marker-end="url(#lineage-arrow)"/>"##,
                    num(a.x0),
                    num(a.y0),
                    num(a.x1),
                    num(a.y1)
                );
            }
        }
    }
    body.push_str("</g></g>");
    Band {
        height,
        body,
        kind: BandKind::Lane,
    }
}

/// Entries shown nowhere on the axis because they have no date yet: listed under the
/// image, never silently left out.
fn undated_bands(project: &Project, width: f32, colors: &Colors) -> Vec<Band> {
    const MAX_LISTED: usize = 40;
    let undated: Vec<&Entry> = project
        .entries
        .iter()
        .filter(|e| e.primary_time().is_none())
        .collect();
    if undated.is_empty() {
        return Vec::new();
    }
    let measure = FontMeasure::new(NOTE_FONT_PX);
    let mut heading = String::new();
    let _ = write!(
        heading,
        r#"<text x="{}" y="16" font-weight="bold" fill="{}">{}</text>"#,
        num(MARGIN_PX),
        colors.text,
        escape(&undated_heading(undated.len()))
    );
    let mut bands = vec![Band {
        height: 24.0,
        body: heading,
        kind: BandKind::Note,
    }];
    let max_w = width - 2.0 * MARGIN_PX - 24.0;
    for e in undated.iter().take(MAX_LISTED) {
        let line = timeline::layout::label_text(e, usize::MAX);
        let line = wrap(&line, max_w, &measure, 1)
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut body = String::new();
        let _ = write!(
            body,
            r#"<g class="entry undated" data-entry="{}"><text x="{}" y="11" font-size="{}" fill="{}">• {}</text></g>"#,
            e.id,
            num(MARGIN_PX + 8.0),
            num(NOTE_FONT_PX),
            colors.text,
            escape(&line)
        );
        bands.push(Band {
            height: NOTE_LINE_PX,
            body,
            kind: BandKind::Note,
        });
    }
    if undated.len() > MAX_LISTED {
        let mut body = String::new();
        text(
            &mut body,
            MARGIN_PX + 8.0,
            11.0,
            colors.weak,
            &format!("… and {} more", undated.len() - MAX_LISTED),
        );
        bands.push(Band {
            height: NOTE_LINE_PX,
            body,
            kind: BandKind::Note,
        });
    }
    bands
}

/// "1 entry without a date" / "5 entries without a date".
pub fn undated_heading(n: usize) -> String {
    if n == 1 {
        "1 entry without a date".to_owned()
    } else {
        format!("{n} entries without a date")
    }
}

fn note_bands(notes: &[&Entry], width: f32, colors: &Colors) -> Vec<Band> {
    if notes.is_empty() {
        return Vec::new();
    }
    let measure = FontMeasure::new(NOTE_FONT_PX);
    let mut bands = Vec::new();
    let mut heading = String::new();
    let _ = write!(
        heading,
        r#"<text x="{}" y="16" font-weight="bold" fill="{}">Notes</text>"#,
        num(MARGIN_PX),
        colors.text
    );
    bands.push(Band {
        height: 24.0,
        body: heading,
        kind: BandKind::Note,
    });
    let max_w = width - 2.0 * MARGIN_PX - 24.0;
    for (i, e) in notes.iter().enumerate() {
        let when = e.primary_time().map(|t| t.label()).unwrap_or_default();
        let who = e.speaker().map(|s| format!("{s}: ")).unwrap_or_default();
        let line = format!("{when} — {who}{} — {}", e.label, markdown_to_plain(&e.note));
        for (j, l) in wrap(&line, max_w, &measure, MAX_NOTE_LINES)
            .iter()
            .enumerate()
        {
            let mut body = String::new();
            if j == 0 {
                let _ = write!(
                    body,
                    r#"<text x="{}" y="11" font-size="{}" fill="{}">{}.</text>"#,
                    num(MARGIN_PX),
                    num(NOTE_FONT_PX),
                    colors.weak,
                    i + 1
                );
            }
            let _ = write!(
                body,
                r#"<text x="{}" y="11" font-size="{}" fill="{}">{}</text>"#,
                num(MARGIN_PX + 24.0),
                num(NOTE_FONT_PX),
                colors.text,
                escape(l)
            );
            bands.push(Band {
                height: NOTE_LINE_PX,
                body,
                kind: BandKind::Note,
            });
        }
    }
    bands
}

/// Greedy word wrap by measured width; at most `max_lines`, the last cut with "…".
pub(crate) fn wrap(
    text: &str,
    max_w: f32,
    measure: &dyn MeasureText,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if measure.width(&candidate) <= max_w || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
            if lines.len() == max_lines {
                break;
            }
        }
    }
    if lines.len() == max_lines {
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    } else if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A note's Markdown as plain text on one line (for footnotes in images).
pub(crate) fn markdown_to_plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn circle(out: &mut String, cx: f32, cy: f32, r: f32, color: &str, alpha: f32) {
    let _ = write!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}" fill="{color}" fill-opacity="{}"/>"#,
        num(cx),
        num(cy),
        num(r),
        num(alpha)
    );
}

fn diamond(out: &mut String, cx: f32, cy: f32, r: f32, color: &str, alpha: f32) {
    let _ = write!(
        out,
        r#"<path d="M{} {}L{} {}L{} {}L{} {}Z" fill="{color}" fill-opacity="{}"/>"#,
        num(cx),
        num(cy - r),
        num(cx + r),
        num(cy),
        num(cx),
        num(cy + r),
        num(cx - r),
        num(cy),
        num(alpha)
    );
}

fn text(out: &mut String, x: f32, y: f32, fill: &str, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" fill="{fill}">{}</text>"#,
        num(x),
        num(y),
        escape(content)
    );
}

fn hex(c: Color) -> String {
    c.to_string()
}

fn default_hex(role: ColorRole) -> String {
    hex(timeline::default_color(role))
}

/// A coordinate with at most one decimal, so output is compact and identical across runs.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// XML-escapes text and drops characters XML 1.0 cannot hold (control characters), so any
/// label yields a well-formed document.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::CharWidthEstimate;

    #[test]
    fn escape_makes_any_text_safe_xml() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}\n"),
            "a&lt;b&gt;&amp;&quot;c&#39; "
        );
    }

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.04), "3");
        assert_eq!(num(-2.25), "-2.3");
        assert_eq!(num(f32::NAN), "0");
    }

    #[test]
    fn wrap_respects_width_and_line_cap() {
        let m = CharWidthEstimate { avg_char_px: 1.0 };
        let lines = wrap("aaa bbb ccc ddd", 7.0, &m, 10);
        assert_eq!(lines, ["aaa bbb", "ccc ddd"]);
        let cut = wrap("a b c d e f", 1.0, &m, 2);
        assert_eq!(cut, ["a", "b…"]);
    }

    #[test]
    fn markdown_becomes_one_plain_line() {
        assert_eq!(
            markdown_to_plain("**Bold** and `code`\n\n- item <b>x</b>"),
            "Bold and code item x"
        );
    }

    #[test]
    fn empty_selection_still_renders_a_valid_svg() {
        let p = Project::new("Empty", chrono::Utc::now());
        let svg = render_svg(&p, &[], &ImageOptions::default());
        assert!(svg.contains("No entries to show."));
        resvg::usvg::Tree::from_str(&svg, &super::super::fonts::usvg_options()).expect("parses");
    }

    #[test]
    fn fixed_height_paginates_for_pdf_and_scales_for_svg() {
        let p = crate::demo::project(400, 3);
        let entries: Vec<&Entry> = p.entries.iter().collect();
        let options = ImageOptions {
            size: ImageSize::Pixels {
                width: 800,
                height: Some(260),
            },
            group_by: GroupBy::Source,
            ..ImageOptions::default()
        };
        let pages = render_pages(&p, &entries, &options);
        assert!(pages.len() > 1, "9 source lanes cannot fit 260 px");
        for page in &pages {
            assert_eq!(page.height, 260.0);
            // Every page after the first repeats the axis: it has tick labels.
            assert!(page.svg.matches("<text").count() > 3);
        }
        let svg = render_svg(&p, &entries, &options);
        assert!(svg.contains(r#"height="260""#));
        assert!(svg.contains("scale(0."), "content scaled down to fit");
    }
}
