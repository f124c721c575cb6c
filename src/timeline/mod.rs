//! Pure timeline layout (time axis, lanes, stacking, level of detail, hit-testing).
//! Shared by the app and the image exporters so that an exported image looks like the screen.

/// Entries in chronological order of their primary time; entries without a time go last.
pub fn chronological(project: &crate::model::Project) -> Vec<&crate::model::Entry> {
    let mut entries: Vec<_> = project.entries.iter().collect();
    entries.sort_by(|a, b| match (a.primary_time(), b.primary_time()) {
        (Some(x), Some(y)) => x.cmp_chronological(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    entries
}
