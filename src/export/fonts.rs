//! The bundled font for image exports: the same glyphs and the same label widths everywhere.
//!
//! resvg draws nothing for a font family it cannot find, and system fonts differ from machine
//! to machine, so exports never look at system fonts: DejaVu Sans is compiled in, loaded into
//! an otherwise empty font database, and every generic family points at it. The layout
//! measures labels with the same font ([`FontMeasure`]) so labels never overlap when drawn.

use std::sync::{Arc, LazyLock};

use resvg::usvg::fontdb;

use crate::timeline::MeasureText;

/// DejaVu Sans (Bitstream Vera licence, see `assets/fonts/DejaVu-LICENSE.txt`).
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The family name written in exported SVG (`font-family`).
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// A font database holding only the bundled font, with every generic family mapped to it.
pub fn font_database() -> Arc<fontdb::Database> {
    static DB: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(DEJAVU_SANS.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    });
    DB.clone()
}

/// usvg options that resolve every font to the bundled one.
pub fn usvg_options() -> resvg::usvg::Options<'static> {
    resvg::usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: font_database(),
        ..resvg::usvg::Options::default()
    }
}

/// Horizontal advances of the bundled font, in em units, for label measurement.
struct Advances {
    units_per_em: f32,
    /// Advance of chars U+0000..U+0250 (Latin), the common case, looked up without parsing.
    latin: Vec<f32>,
    face_data: &'static [u8],
    /// Advance for characters the font lacks (drawn as a fallback box of about this width).
    missing: f32,
}

static ADVANCES: LazyLock<Advances> = LazyLock::new(|| {
    match ttf_parser::Face::parse(DEJAVU_SANS, 0) {
        Ok(face) => {
            let upem = f32::from(face.units_per_em().max(1));
            let advance = |c: char| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map(|a| f32::from(a) / upem)
            };
            let missing = advance('?').unwrap_or(0.6);
            let latin = (0u32..0x250)
                .map(|u| char::from_u32(u).and_then(advance).unwrap_or(missing))
                .collect();
            Advances {
                units_per_em: upem,
                latin,
                face_data: DEJAVU_SANS,
                missing,
            }
        }
        // The font is compiled in, so this cannot happen in practice; fall back to an average.
        Err(_) => Advances {
            units_per_em: 1.0,
            latin: Vec::new(),
            face_data: &[],
            missing: 0.6,
        },
    }
});

/// Measures text as the bundled font draws it at `size_px` (no kerning: within a pixel or two
/// for label-length strings, and never narrower than what is drawn by more than that).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontMeasure {
    pub size_px: f32,
}

impl FontMeasure {
    pub fn new(size_px: f32) -> Self {
        Self { size_px }
    }
}

impl MeasureText for FontMeasure {
    fn width(&self, text: &str) -> f32 {
        let a = &*ADVANCES;
        let mut face = None;
        let mut em = 0.0;
        for c in text.chars() {
            let u = c as usize;
            em += match a.latin.get(u) {
                Some(&w) => w,
                None => {
                    let f =
                        face.get_or_insert_with(|| ttf_parser::Face::parse(a.face_data, 0).ok());
                    f.as_ref()
                        .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                        .map_or(a.missing, |adv| f32::from(adv) / a.units_per_em)
                }
            };
        }
        em * self.size_px
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_is_proportional_and_scales_with_size() {
        let m = FontMeasure::new(12.0);
        assert!(m.width("WWW") > m.width("iii") * 2.0);
        assert_eq!(m.width(""), 0.0);
        let big = FontMeasure::new(24.0);
        assert!((big.width("Hello") - 2.0 * m.width("Hello")).abs() < 1e-3);
        // Cyrillic and symbols come from the font too, not from a guess.
        assert!(m.width("Волошин ◆") > 0.0);
        assert_eq!(font_database().len(), 1);
    }
}
