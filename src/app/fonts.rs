//! Bundled fonts: the app draws the same glyphs on every OS and needs nothing installed.
//!
//! egui's own font (Ubuntu Light) stays first for the UI; DejaVu Sans comes after it as the
//! fallback for symbols (◆ ● ▲ → …) and the wider Latin, Greek and Cyrillic ranges that
//! article text brings.

/// DejaVu Sans, the same bytes image exports use (embedded once in the binary).
pub use crate::export::fonts::DEJAVU_SANS;

pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(DEJAVU_SANS),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}
