//! Text measurement, abstracted so the layout never needs a font.
//!
//! The layout must know how wide a label is to keep labels from overlapping, but it must not
//! depend on egui. The widget passes a closure backed by egui's fonts; exporters and tests
//! use [`CharWidthEstimate`] (chars × average width), which is deterministic.

/// Measures the width in pixels of a single line of label text.
pub trait MeasureText {
    fn width(&self, text: &str) -> f32;
}

/// Average glyph width for the default 12–13 px proportional UI font, in pixels.
pub const DEFAULT_AVG_CHAR_PX: f32 = 7.0;

/// Width estimate: `chars × avg_char_px`. Slightly pessimistic for proportional fonts, so
/// labels measured this way do not overlap when painted with a real font of that size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CharWidthEstimate {
    pub avg_char_px: f32,
}

impl Default for CharWidthEstimate {
    fn default() -> Self {
        Self {
            avg_char_px: DEFAULT_AVG_CHAR_PX,
        }
    }
}

impl MeasureText for CharWidthEstimate {
    fn width(&self, text: &str) -> f32 {
        let px = if self.avg_char_px.is_finite() {
            self.avg_char_px.clamp(0.0, 1_000.0)
        } else {
            DEFAULT_AVG_CHAR_PX
        };
        text.chars().count() as f32 * px
    }
}

/// Any `Fn(&str) -> f32` measures text (e.g. a closure over egui's `Fonts`).
impl<F: Fn(&str) -> f32> MeasureText for F {
    fn width(&self, text: &str) -> f32 {
        let w = self(text);
        // A broken measurer must not break the layout: treat NaN/negative as empty.
        if w.is_finite() {
            w.clamp(0.0, 1.0e6)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_counts_chars_not_bytes_and_closures_are_sanitised() {
        let m = CharWidthEstimate { avg_char_px: 5.0 };
        assert_eq!(m.width("Ωmega"), 25.0);
        let broken = |_: &str| f32::NAN;
        assert_eq!(MeasureText::width(&broken, "x"), 0.0);
    }
}
