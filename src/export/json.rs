//! Native JSON: the `.claimline` project file itself, or a project holding only a selection.
//!
//! A selection is a complete, loadable project: the selected entries in project order, the
//! sources they cite, the tag definitions they use, and only the links between selected
//! entries. Ids and `next_id` are kept, so the file can be compared with (or merged back
//! into) the project it came from. Field order is the project file's (stable). Claims keep
//! their selected entries; "as known on" a day before a verdict leaves the claim unreviewed.

use super::{ExportOptions, Selection, cited_sources, selected_entries};
use crate::model::{Project, Review, file};

/// The project (or the selected part of it) as `.claimline` JSON text.
pub fn to_json(project: &Project, options: &ExportOptions) -> String {
    if options.selection.is_all() {
        return file::to_json(project, options.pretty);
    }
    file::to_json(
        &selected_project(project, &options.selection),
        options.pretty,
    )
}

/// A project holding only the selected entries and what they refer to.
pub fn selected_project(project: &Project, selection: &Selection) -> Project {
    let entries = selected_entries(project, selection);
    let sources = cited_sources(project, &entries);
    let mut out = Project {
        title: project.title.clone(),
        created: project.created,
        modified: project.modified,
        sources: sources.into_iter().cloned().collect(),
        entries: entries.into_iter().cloned().collect(),
        tags: Vec::new(),
        claims: Vec::new(),
        key_dates: project.key_dates.clone(),
        next_id: project.next_id,
        extra: project.extra.clone(),
    };
    let kept: std::collections::HashSet<_> = out.entries.iter().map(|e| e.id).collect();
    for e in &mut out.entries {
        e.links.retain(|l| kept.contains(&l.target));
    }
    // Claims keep only their selected entries; a claim with none left is not part of it.
    // "As known on" a day before the verdict: the verdict had not been reached, so it is not
    // in the snapshot at all (not just relabelled).
    out.claims = project
        .claims
        .iter()
        .filter_map(|c| {
            let mut c = c.clone();
            c.entries.retain(|id| kept.contains(id));
            if c.review.state_on(selection.known_on) != c.review.state {
                c.review = Review::default();
            }
            // A settling correction that is not in the selection would dangle.
            c.review.settled_by = c.review.settled_by.filter(|id| kept.contains(id));
            (!c.entries.is_empty()).then_some(c)
        })
        .collect();
    out.tags = project
        .tags
        .iter()
        .filter(|t| out.entries.iter().any(|e| e.tags.contains(&t.name)))
        .cloned()
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{Link, LinkKind, Status, TagDef};

    #[test]
    fn whole_project_round_trips_pretty_and_compact() {
        let p = crate::demo::project(300, 11);
        for pretty in [true, false] {
            let text = to_json(
                &p,
                &ExportOptions {
                    pretty,
                    ..ExportOptions::default()
                },
            );
            assert_eq!(text.lines().count() > 1, pretty);
            let back = file::from_json(&text, Path::new("x")).unwrap();
            assert_eq!(back, p);
        }
    }

    #[test]
    fn selection_is_a_loadable_project_with_only_what_it_needs() {
        let mut p = crate::demo::project(200, 5);
        p.tags.push(TagDef {
            name: "disputed".into(),
            color: None,
        });
        p.tags.push(TagDef {
            name: "unused".into(),
            color: None,
        });
        // A link from an accepted entry to a rejected one must not dangle in the selection.
        let accepted = p
            .entries
            .iter()
            .position(|e| e.status == Status::Accepted)
            .unwrap();
        let rejected = p
            .entries
            .iter()
            .find(|e| e.status == Status::Rejected)
            .unwrap()
            .id;
        let accepted2 = p
            .entries
            .iter()
            .rposition(|e| e.status == Status::Accepted)
            .unwrap();
        let accepted2_id = p.entries[accepted2].id;
        p.entries[accepted].links = vec![
            Link {
                kind: LinkKind::Contradicts,
                target: rejected,
            },
            Link {
                kind: LinkKind::Supports,
                target: accepted2_id,
            },
        ];
        let options = ExportOptions {
            selection: Selection::accepted_only(),
            ..ExportOptions::default()
        };
        let text = to_json(&p, &options);
        let back = file::from_json(&text, Path::new("x")).unwrap();
        assert_eq!(back, selected_project(&p, &options.selection));
        let n_accepted = p
            .entries
            .iter()
            .filter(|e| e.status == Status::Accepted)
            .count();
        assert_eq!(back.entries.len(), n_accepted);
        assert!(back.entries.iter().all(|e| e.status == Status::Accepted));
        let first = back.entries.iter().find(|e| !e.links.is_empty()).unwrap();
        assert_eq!(first.links.len(), 1);
        assert_eq!(first.links[0].target, accepted2_id);
        // Every cited source is there, and no other.
        for e in &back.entries {
            for ev in &e.evidence {
                assert!(back.source(ev.source).is_some());
            }
        }
        assert!(
            back.sources
                .iter()
                .all(|s| back.entries_of_source(s.id).next().is_some())
        );
        let tag_names: Vec<_> = back.tags.iter().map(|t| t.name.as_str()).collect();
        let uses_disputed = back
            .entries
            .iter()
            .any(|e| e.tags.iter().any(|t| t == "disputed"));
        assert_eq!(
            tag_names,
            if uses_disputed {
                vec!["disputed"]
            } else {
                vec![]
            }
        );
        // Same selection, same bytes.
        assert_eq!(text, to_json(&p, &options));
    }
}
