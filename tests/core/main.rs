//! Integration tests of the headless core (model, ingest, extract, timeline, export, CLI).
//!
//! One test binary rather than one per file: each binary links the whole crate and its
//! dependencies, so a single binary keeps CI's link time and disk use down.

#[path = "../common/story.rs"]
mod story;

mod chronology;
mod cli;
mod digest;
mod export_claims;
mod export_cli;
mod export_props;
mod export_render;
mod export_roundtrip;
mod ingest_formats;
mod ingest_html;
mod ingest_live;
mod ingest_robust;
mod ingest_text;
mod ingest_url;
mod lineage;
mod project_file;
mod statements_recall;
mod statements_robust;
mod statements_seed;
mod time_properties;
mod timeline_layout;
mod timeline_props;
mod timex_cases;
mod timex_props;
mod timex_robust;
mod timex_seed;
mod writers;
