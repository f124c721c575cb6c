//! The search and filter bar: free text plus kind, status, speaker, outlet, tag and a date
//! range. The timeline, the list and the review queue all follow it.

use chrono::NaiveDate;

use super::{Action, ClaimlineApp};
use crate::model::{EntryKind, Facets, Status};

/// Text typed into the date fields, kept until it parses.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    from: String,
    to: String,
    /// Ctrl+F: focus the search field on the next frame.
    pub focus: bool,
}

pub fn filter_bar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let total = app.workspace.project.entries.len();
    let shown = app.shown().order.len();
    let filter = &mut app.filter;
    let state = &mut app.search;
    let mut jump = false;
    ui.horizontal_wrapped(|ui| {
        let caption = ui.label("Search");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut filter.text)
                    .hint_text("words in entries and sources (Ctrl+F)")
                    .desired_width(220.0),
            )
            .labelled_by(caption.id);
        if std::mem::take(&mut state.focus) {
            search.request_focus();
        }
        if search.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            filter.text.clear();
        }
        // F3 jumps to the next match (find-and-jump), in time order, wrapping around;
        // also while typing in the field.
        if ui.input(|i| i.key_pressed(egui::Key::F3)) {
            jump = true;
        }
        let kind_text = filter.kind.map_or("any kind", |k| match k {
            EntryKind::Event => "events",
            EntryKind::Statement => "statements",
        });
        let caption = ui.weak("Kind");
        egui::ComboBox::from_id_salt("filter_kind")
            .selected_text(kind_text)
            .width(90.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.kind, None, "any kind");
                ui.selectable_value(&mut filter.kind, Some(EntryKind::Event), "events");
                ui.selectable_value(&mut filter.kind, Some(EntryKind::Statement), "statements");
            })
            .response
            .labelled_by(caption.id);
        let status_text = match filter.statuses.as_slice() {
            [] => "any status".to_owned(),
            list => list
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(" + "),
        };
        let caption = ui.weak("Status");
        egui::ComboBox::from_id_salt("filter_status")
            .selected_text(status_text)
            .width(100.0)
            .show_ui(ui, |ui| {
                for status in [Status::Candidate, Status::Accepted, Status::Rejected] {
                    let mut on = filter.statuses.contains(&status);
                    if ui.checkbox(&mut on, status.name()).changed() {
                        filter.statuses.retain(|s| *s != status);
                        if on {
                            filter.statuses.push(status);
                        }
                    }
                }
            })
            .response
            .labelled_by(caption.id);
    });
    ui.horizontal_wrapped(|ui| {
        let project = &app.workspace.project;
        facet_combo(
            ui,
            "Speaker",
            "filter_speaker",
            "any speaker",
            &mut filter.speaker,
            || Facets::of(project).speakers,
        );
        facet_combo(
            ui,
            "Outlet",
            "filter_outlet",
            "any outlet",
            &mut filter.outlet,
            || Facets::of(project).outlets,
        );
        facet_combo(ui, "Tag", "filter_tag", "any tag", &mut filter.tag, || {
            Facets::of(project).tags
        });
        let caption = ui.weak("Verdict");
        egui::ComboBox::from_id_salt("filter_verdict")
            .selected_text(filter.verification.map_or("any verdict", |v| v.name()))
            .width(88.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.verification, None, "any verdict");
                for v in crate::model::Verification::ALL {
                    ui.selectable_value(&mut filter.verification, Some(v), v.name());
                }
            })
            .response
            .labelled_by(caption.id);
        let caption = ui.weak("Stance");
        egui::ComboBox::from_id_salt("filter_stance")
            .selected_text(filter.stance.map_or("any stance", |s| s.verb()))
            .width(88.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.stance, None, "any stance");
                for s in crate::model::Stance::ALL {
                    ui.selectable_value(&mut filter.stance, Some(s), s.verb());
                }
            })
            .response
            .on_hover_text("Only statements whose cue has this stance (said, believes, denies …)")
            .labelled_by(caption.id);
        date_field(ui, "from", &mut state.from, &mut filter.from, false);
        date_field(ui, "to", &mut state.to, &mut filter.to, true);
        if !filter.is_empty() {
            if ui
                .button("Clear")
                .on_hover_text("Show every entry")
                .clicked()
            {
                *filter = Default::default();
                state.from.clear();
                state.to.clear();
            }
            ui.weak(format!("{shown} of {total} shown"));
        }
    });
    if jump {
        jump_to_next_match(app);
    }
}

/// Selects the match after the selected entry (in time order, wrapping) and shows it.
fn jump_to_next_match(app: &mut ClaimlineApp) {
    let shown = app.shown();
    let project = &app.workspace.project;
    let ids: Vec<_> = shown
        .order
        .iter()
        .filter_map(|&i| project.entries.get(i))
        .map(|e| e.id)
        .collect();
    let Some(&first) = ids.first() else {
        app.act(Action::Notice("No entry matches the search".into()));
        return;
    };
    let next = app
        .selected
        .and_then(|id| ids.iter().position(|&x| x == id))
        .map_or(first, |i| ids[(i + 1) % ids.len()]);
    app.act(Action::Select(Some(next)));
    app.act(Action::ZoomTo(next));
}

/// A combo box of the project's distinct values; computed only while it is open.
fn facet_combo(
    ui: &mut egui::Ui,
    name: &str,
    id: &str,
    any: &str,
    value: &mut Option<String>,
    values: impl FnOnce() -> Vec<String>,
) {
    let caption = ui.weak(name);
    egui::ComboBox::from_id_salt(id)
        .selected_text(value.as_deref().unwrap_or(any))
        .width(88.0)
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for v in values() {
                let label = v.clone();
                ui.selectable_value(value, Some(v), label);
            }
        })
        .response
        .labelled_by(caption.id);
}

/// A date field (a year, month, quarter, week or day); the filter changes when the text
/// parses or is emptied.
fn date_field(
    ui: &mut egui::Ui,
    name: &str,
    text: &mut String,
    date: &mut Option<NaiveDate>,
    end: bool,
) {
    if text.is_empty()
        && let Some(d) = date
    {
        *text = d.to_string();
    }
    let caption = ui.weak(name);
    let valid = text.trim().is_empty() || parse_bound(text, end).is_some();
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text("YYYY-MM-DD")
        .desired_width(72.0);
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui
        .add(edit)
        .labelled_by(caption.id)
        .on_hover_text("A year (2023), month (2023-08), quarter (2023-Q3), week (2023-W34) or day");
    if response.changed() {
        if text.trim().is_empty() {
            *date = None;
        } else if let Some(d) = parse_bound(text, end) {
            *date = Some(d);
        }
    }
}

/// Any placeable date the CLI's `--from`/`--to` take ("2023", "2023-08", "2023-H1",
/// "2025-W34", "2025-08-20"): its first day for the start of a range, its last day for the
/// end, so "to 2023" includes all of 2023.
pub fn parse_bound(text: &str, end: bool) -> Option<NaiveDate> {
    let span = crate::model::TimeSpan::parse(text.trim(), None).ok()?;
    if end {
        // `end` is exclusive: the last day is the one before it.
        Some((span.end - chrono::TimeDelta::seconds(1)).date())
    } else {
        Some(span.start.date())
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bound;

    #[test]
    fn bounds_take_the_first_or_last_day_of_any_period() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(parse_bound("2023", false), d("2023-01-01"));
        assert_eq!(parse_bound("2023", true), d("2023-12-31"));
        assert_eq!(parse_bound(" 2024-02 ", true), d("2024-02-29"));
        assert_eq!(parse_bound("2023-H1", true), d("2023-06-30"));
        assert_eq!(parse_bound("2025-08-20", false), d("2025-08-20"));
        assert_eq!(parse_bound("2025-08-20", true), d("2025-08-20"));
        assert_eq!(parse_bound("soon", false), None);
        assert_eq!(parse_bound("PAST_REF", false), None, "needs an anchor");
    }
}
