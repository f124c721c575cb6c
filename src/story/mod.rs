//! What spans many sources: the same claim reported by several articles ([`lineage`]), and
//! the story's key dates ([`digest`]), built from a folder of coverage read in parallel
//! ([`batch`]) and scored against journalists' timelines ([`eval`]). Reads the model and the
//! extractors; read by the app, export and CLI. Extraction stays per article
//! (`crate::extract`).

pub mod batch;
pub mod digest;
pub mod eval;
pub mod groups;
pub mod lineage;
