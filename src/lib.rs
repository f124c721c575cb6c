//! Claimline: claim timelines from news articles.
//!
//! Layers, lower never importing higher:
//! ```text
//! model ──► ingest, extract ──► story ──► timeline, export ──► app (feature "gui"), CLI
//! ```

pub mod demo;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod story;
pub mod timeline;

#[cfg(feature = "gui")]
pub mod app;
