//! The mantetong citizen app: a Leptos client-side app compiled to wasm.
//!
//! Architecture invariant: the app holds no rules. Components ask the core
//! (`mantetong-core`) and render its answer; strings live in [`i18n`];
//! what the person chose lives in [`prefs`] and, later, their drafts.

pub mod dom;
pub mod draft;
pub mod embed;
pub mod files;
pub mod fresh;
pub mod i18n;
pub mod inapp;
pub mod later;
pub mod views;
pub mod nav;
pub mod pages;
pub mod prefs;
pub mod reader;
pub mod route;
pub mod session;
pub mod submit;
pub mod time;
mod shell;
pub mod widgets;

pub use shell::{defer_routes, flow_here, html_has, returning_fresh, warm_flow, when_calm, App};

use leptos::prelude::*;

/// App-wide UI state, provided as context to every component.
#[derive(Clone, Copy)]
pub struct Ui {
    pub prefs: RwSignal<Prefs>,
}

use i18n::Text;
use prefs::Prefs;

impl Ui {
    /// The strings in the current language (reactive).
    pub fn t(&self) -> &'static Text {
        i18n::text(self.prefs.get().lang)
    }

    /// Changes a preference and saves it at once, so a reload keeps it.
    pub fn set_prefs(&self, change: impl FnOnce(&mut Prefs)) {
        self.prefs.update(change);
        self.prefs.get_untracked().save();
    }
}

/// The UI context; every component below [`App`] has it.
pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// Keeps `document.title` in step with the page and the language.
pub fn use_title(pick: fn(&Text) -> &'static str) {
    let ui = use_ui();
    Effect::new(move |_| {
        let title = pick(ui.t());
        if !embed::owns_document() {
            return;
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(title);
        }
    });
}
