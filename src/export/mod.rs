//! Exporters. The native JSON export is the project file itself (`model::file::to_json`);
//! the other formats arrive with the export issue.

pub mod briefing;
pub mod fonts;
pub mod pdf;
pub mod png;
pub mod svg;
