//! PDF: vector pages converted from the SVG image by svg2pdf, text kept as text (a subset of
//! the bundled font is embedded, so it is selectable and searchable).
//!
//! Pages are the image's size at 96 CSS px per inch: A4 landscape is 297 × 210 mm, Letter
//! 11 × 8.5 in. With a fixed height (paper, or pixels with a height) the timeline is split
//! over several pages, the axis repeated on each ([`super::svg::render_pages`]).

use std::collections::HashMap;

use pdf_writer::{Content, Finish as _, Name, Pdf, Rect, Ref, TextStr};

use super::fonts::usvg_options;
use super::svg::{ImageError, ImageOptions, Page, render_pages};
use crate::model::{Entry, Project};

/// CSS pixels per inch; a PDF point is 1/72 inch.
const CSS_DPI: f32 = 96.0;

/// The timeline as PDF bytes (one or more pages).
pub fn render_pdf(
    project: &Project,
    entries: &[&Entry],
    options: &ImageOptions,
) -> Result<Vec<u8>, ImageError> {
    let pages = render_pages(project, entries, options);
    let title = match &options.title {
        Some(t) => t.clone(),
        None => project.title.clone(),
    };
    pages_to_pdf(&pages, &title)
}

/// Joins SVG pages into one PDF; each page is one svg2pdf XObject drawn over the whole page.
pub fn pages_to_pdf(pages: &[Page], title: &str) -> Result<Vec<u8>, ImageError> {
    let options = usvg_options();
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::with_capacity(pages.len());
    for page in pages {
        let tree = resvg::usvg::Tree::from_str(&page.svg, &options)
            .map_err(|e| ImageError::Svg(e.to_string()))?;
        let (chunk, svg_ref) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| ImageError::Pdf(e.to_string()))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = *map
            .get(&svg_ref)
            .ok_or_else(|| ImageError::Pdf("svg2pdf returned no XObject".into()))?;
        let (w, h) = (page.width * 72.0 / CSS_DPI, page.height * 72.0 / CSS_DPI);
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let name = Name(b"S1");
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree_id);
        p.contents(content_id);
        p.resources().x_objects().pair(name, svg_id);
        p.finish();
        // The XObject is 1 × 1 pt: scale it to the page.
        let mut content = Content::new();
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
        page_ids.push(page_id);
    }
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    let info_id = alloc.bump();
    let mut info = pdf.document_info(info_id);
    info.producer(TextStr("Claimline"));
    if !title.trim().is_empty() {
        info.title(TextStr(title));
    }
    info.finish();
    Ok(pdf.finish())
}
