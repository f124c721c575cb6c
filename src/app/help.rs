//! The keyboard shortcut sheet (F1).

/// Every shortcut the app understands, by area: the sheet and the docs list these.
pub const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Project",
        &[
            ("Ctrl+N", "New project"),
            ("Ctrl+O", "Open a project"),
            ("Ctrl+S", "Save"),
            ("Ctrl+Shift+S", "Save as"),
            ("Ctrl+I", "Import articles"),
            ("Ctrl+Z", "Undo"),
            ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
            ("Ctrl+F", "Search entries and sources"),
            ("F3", "Jump to the next entry that matches the search"),
            ("D", "Show or hide the key dates of the story"),
            ("Ctrl+Q", "Quit"),
            ("F1", "This sheet"),
        ],
    ),
    (
        "Review",
        &[
            ("J / K", "Next / previous candidate"),
            (
                "A",
                "Accept the selected entry, go to the next (all selected ones)",
            ),
            (
                "R",
                "Reject the selected entry, go to the next (all selected ones)",
            ),
            ("E", "Edit the selected entry's label"),
            ("U", "Undo"),
        ],
    ),
    (
        "Timeline",
        &[
            ("Wheel / pinch", "Zoom around the pointer"),
            ("Drag", "Pan"),
            (
                "Drag an entry",
                "Change its date (snaps to the ticks; the whole selection moves)",
            ),
            (
                "Shift+drag",
                "Select the entries in a box (Ctrl+Shift+drag adds)",
            ),
            (
                "Ctrl+click / Shift+click",
                "Add an entry to the selection or take it out",
            ),
            ("Esc", "Cancel a drag; clear the selection"),
            ("+ / −", "Zoom in / out"),
            ("← / →", "Pan"),
            ("↑ / ↓, Page Up / Down", "Scroll lanes"),
            ("Home", "Fit all"),
            ("Z", "Zoom to the selection"),
            ("Click a cluster", "Zoom into it"),
            ("Click a lane header", "Collapse / expand the lane"),
        ],
    ),
    (
        "Selection",
        &[
            ("Ctrl+A", "Select every entry shown"),
            ("Shift+click in the list", "Select a run of entries"),
            ("Delete", "Delete the selected entries"),
        ],
    ),
    (
        "Reader",
        &[
            ("Click a highlight", "Select its entry"),
            ("Ctrl+E", "New event from the selected text"),
            ("Ctrl+Shift+E", "New statement from the selected text"),
        ],
    ),
];

pub fn shortcuts_window_ui(ctx: &egui::Context, open: &mut bool) {
    let mut keep = *open;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut keep)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    for (area, keys) in SHORTCUTS {
                        ui.strong(*area);
                        ui.end_row();
                        for (key, what) in *keys {
                            ui.monospace(*key);
                            ui.label(*what);
                            ui.end_row();
                        }
                    }
                });
        });
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        keep = false;
    }
    *open = keep;
}
