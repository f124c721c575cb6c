//! "Reported by 14 sources, first by …" in the inspector: the other sources that report the
//! selected entry's event on the same day ([`crate::story::groups`]), each a click away.
//! The groups span the project, so they are found on a worker thread once per revision, and
//! only while an entry is shown.

use std::sync::Arc;

use egui::RichText;

use super::background::Background;
use super::{Action, ClaimlineApp};
use crate::model::Entry;
use crate::story::groups::{EventGroups, event_groups, reported_by};

/// The project's same-event groups, per revision.
pub struct SameEvent {
    groups: Background<Arc<EventGroups>>,
}

impl Default for SameEvent {
    fn default() -> Self {
        Self {
            groups: Background::new("same-event"),
        }
    }
}

impl SameEvent {
    /// The groups of the project at `revision`, once found.
    pub fn groups_for(&self, revision: u64) -> Option<&Arc<EventGroups>> {
        self.groups.get(revision)
    }
}

/// The selected entry's group, as one line that opens onto its other reports.
pub fn same_event_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    let revision = app.workspace.revision();
    let project = &app.workspace.project;
    if project.sources.len() < 2 {
        return;
    }
    app.same_event.groups.poll(ui.ctx());
    if app.same_event.groups.needs(revision) {
        let project = project.clone();
        app.same_event
            .groups
            .start(ui.ctx(), revision, move || Arc::new(event_groups(&project)));
    }
    let Some(groups) = app.same_event.groups_for(revision).cloned() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak("Looking for the same event in other sources…");
        });
        return;
    };
    let Some(group) = groups.of(entry.id) else {
        return;
    };
    let mut select = None;
    egui::CollapsingHeader::new(RichText::new(reported_by(project, group)).strong())
        .id_salt(("same_event", entry.id))
        .default_open(false)
        .show(ui, |ui| {
            if !group.reasons.is_empty() {
                ui.add(
                    egui::Label::new(RichText::new(group.reasons.join(" · ")).weak().small())
                        .wrap(),
                );
            }
            for &id in group.entries.iter().filter(|&&id| id != entry.id) {
                let Some(other) = project.entry(id) else {
                    continue;
                };
                let source = other
                    .sources()
                    .next()
                    .and_then(|s| project.source(s))
                    .map(|s| {
                        s.outlet
                            .as_deref()
                            .filter(|o| !o.trim().is_empty())
                            .unwrap_or(&s.title)
                            .to_owned()
                    })
                    .unwrap_or_default();
                let text = format!("{source}: {}", other.label);
                if ui
                    .add(egui::Button::new(text).frame(false).wrap())
                    .on_hover_text("Select this report")
                    .clicked()
                {
                    select = Some(id);
                }
            }
        });
    if let Some(id) = select {
        app.act(Action::Select(Some(id)));
    }
}
