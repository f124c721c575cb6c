//! PNG: the SVG image ([`super::svg`]) rasterised with resvg and tiny-skia.
//!
//! Fonts come only from the bundled DejaVu Sans ([`super::fonts`]); no system font is ever
//! consulted, so the same project gives the same pixels on every OS.

use resvg::tiny_skia::{Pixmap, Transform};

use super::fonts::usvg_options;
use super::svg::{ImageError, ImageOptions, render_svg};
use crate::model::{Entry, Project};

/// Largest PNG, in millions of pixels (about 256 MiB of RGBA while drawing).
pub const MAX_MEGAPIXELS: u32 = 64;

/// The timeline as PNG bytes: `options.size` in CSS pixels times `options.scale`.
pub fn render_png(
    project: &Project,
    entries: &[&Entry],
    options: &ImageOptions,
) -> Result<Vec<u8>, ImageError> {
    let svg = render_svg(project, entries, options);
    svg_to_png(&svg, options.scale)
}

/// Rasterises an SVG document at `scale` device pixels per CSS pixel and encodes it as PNG.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ImageError> {
    rasterize(svg, scale)?
        .encode_png()
        .map_err(|e| ImageError::Png(e.to_string()))
}

/// Rasterises an SVG document into an RGBA pixmap (premultiplied), e.g. to inspect pixels.
pub fn rasterize(svg: &str, scale: f32) -> Result<Pixmap, ImageError> {
    let scale = if scale.is_finite() {
        scale.clamp(0.1, 8.0)
    } else {
        1.0
    };
    let tree = resvg::usvg::Tree::from_str(svg, &usvg_options())
        .map_err(|e| ImageError::Svg(e.to_string()))?;
    let size = tree.size();
    let width = (size.width() * scale).round().max(1.0) as u32;
    let height = (size.height() * scale).round().max(1.0) as u32;
    if u64::from(width) * u64::from(height) > u64::from(MAX_MEGAPIXELS) * 1_000_000 {
        return Err(ImageError::TooLarge {
            width,
            height,
            limit: MAX_MEGAPIXELS,
        });
    }
    let mut pixmap = Pixmap::new(width, height).ok_or(ImageError::TooLarge {
        width,
        height,
        limit: MAX_MEGAPIXELS,
    })?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}
