//! The other ways in besides File → Import: drag and drop of files, pasting an article or a
//! URL (Ctrl+V with nothing focused), and the "Import from URL" / "Paste article" dialogs.

use super::import::ImportItem;
use super::{Action, ClaimlineApp};

/// Text being entered in the URL or paste dialog.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum IntakeDialog {
    #[default]
    Closed,
    Url(String),
    Paste(String),
}

/// A pasted string: a web address becomes a URL import, anything else an article.
pub fn item_from_paste(text: &str) -> Option<ImportItem> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let one_line = !t.contains(char::is_whitespace);
    if one_line && (t.starts_with("http://") || t.starts_with("https://")) {
        Some(ImportItem::Url(t.to_owned()))
    } else {
        Some(ImportItem::Text(t.to_owned()))
    }
}

/// Files dropped on the window and text pasted with nothing focused.
pub fn handle_input(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let dropped: Vec<ImportItem> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .map(ImportItem::File)
            .collect()
    });
    if !dropped.is_empty() {
        app.act(Action::ImportItems(dropped));
    }
    if !ctx.egui_wants_keyboard_input() && app.intake == IntakeDialog::Closed {
        let pasted: Vec<String> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Paste(t) => Some(t.clone()),
                    _ => None,
                })
                .collect()
        });
        let items: Vec<ImportItem> = pasted.iter().filter_map(|t| item_from_paste(t)).collect();
        if !items.is_empty() {
            app.act(Action::ImportItems(items));
        }
    }
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if hovering {
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_overlay"),
        ));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop articles to import them",
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }
}

pub fn intake_dialog_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let (title, hint, multiline) = match &app.intake {
        IntakeDialog::Closed => return,
        IntakeDialog::Url(_) => (
            "Import from URL",
            "https://example.org/news/2025/08/21/story",
            false,
        ),
        IntakeDialog::Paste(_) => ("Paste an article", "Paste the article's text here", true),
    };
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("intake")).show(ctx, |ui| {
        ui.set_min_width(520.0);
        ui.heading(title);
        let text = match &mut app.intake {
            IntakeDialog::Url(t) | IntakeDialog::Paste(t) => t,
            IntakeDialog::Closed => return,
        };
        let caption = ui.label(if multiline { "Text" } else { "Address" });
        let edit = if multiline {
            egui::TextEdit::multiline(text).desired_rows(12)
        } else {
            egui::TextEdit::singleline(text)
        };
        let response = ui
            .add(edit.hint_text(hint).desired_width(f32::INFINITY))
            .labelled_by(caption.id);
        if !multiline {
            response.request_focus();
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                choice = Some(true);
            }
            ui.weak(
                "Claimline fetches this one page (30 s timeout, 32 MB limit); nothing else \
                 goes over the network.",
            );
        }
        ui.horizontal(|ui| {
            if ui.button("Import").clicked() {
                choice = Some(true);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => {
            let item = match std::mem::take(&mut app.intake) {
                IntakeDialog::Url(u) => {
                    let u = u.trim().to_owned();
                    if u.starts_with("http://") || u.starts_with("https://") {
                        Some(ImportItem::Url(u))
                    } else {
                        app.intake = IntakeDialog::Url(u);
                        app.error("A web address starts with http:// or https://");
                        None
                    }
                }
                IntakeDialog::Paste(t) => item_from_paste(&t),
                IntakeDialog::Closed => None,
            };
            if let Some(item) = item {
                app.act(Action::ImportItems(vec![item]));
            }
        }
        Some(false) => app.intake = IntakeDialog::Closed,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_urls_and_articles_are_told_apart() {
        assert_eq!(
            item_from_paste("  https://example.org/a  "),
            Some(ImportItem::Url("https://example.org/a".into()))
        );
        assert_eq!(
            item_from_paste("https://example.org said that"),
            Some(ImportItem::Text("https://example.org said that".into()))
        );
        assert_eq!(item_from_paste(" \n "), None);
    }
}
