//! The frame of the application flow: the session context, the step
//! indicator and the back link. Each step is its own page and URL, so the
//! browser's back and forward keep working and a reload resumes in place.

use leptos::prelude::*;
use crate::fresh::dom::{attr, dom};

use crate::nav::use_nav;

use crate::i18n::Text;
use crate::session::{use_session, Session};
use crate::use_ui;

/// The steps, in order: (path prefix, label).
const STEPS: [(&str, fn(&Text) -> &'static str); 8] = [
    ("/apply/region", |t| t.step_region),
    ("/apply/who", |t| t.step_who),
    ("/apply/q", |t| t.step_questions),
    ("/apply/result", |t| t.step_result),
    ("/apply/materials", |t| t.step_materials),
    ("/apply/estimate", |t| t.step_estimate),
    ("/apply/timeline", |t| t.step_timeline),
    ("/apply/check", |t| t.step_check),
];

/// How many numbered steps the flow has.
pub const STEP_COUNT: usize = STEPS.len();

/// The step (0-based) a path belongs to, as the step indicator counts;
/// `None` outside the numbered steps (home, privacy notice, drafts).
pub fn step_index(path: &str) -> Option<usize> {
    // Sub-pages count as the step they belong to.
    let path = match path {
        p if p.starts_with("/apply/proxy") => "/apply/who",
        p if p.starts_with("/apply/letter") => "/apply/materials",
        p => p,
    };
    STEPS.iter().position(|(p, _)| path.starts_with(p))
}

#[component]
pub fn Flow() -> impl IntoView {
    let session = Session::start();
    provide_context(session);
    // The outbox runs from the first time the flow is open (an application
    // may be queued from here on; it sends only what the person sent).
    crate::submit::start(expect_context::<RwSignal<u32>>());
    // Ask the browser to keep this origin's storage (Safari clears it after
    // 7 days unvisited otherwise). The answer changes nothing here.
    // Not in widget mode: the storage there is the portal's to manage.
    // In an effect, i.e. once the flow is really shown: the shell builds it
    // unseen before 开始, its effects paused, to have its code compiled
    // (shell.rs `warm_flow`), and asking there could prompt (Firefox)
    // before the person has started.
    Effect::new(|_| {
        if let Some(storage) = web_sys::window().filter(|_| !crate::embed::is_widget()).map(|w| w.navigator().storage()) {
            if let Ok(p) = storage.persist() {
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    });
    let ui = use_ui();
    let nav = use_nav();
    // A host's region lock (an iframe's URL): an id that is not in the
    // region list, malformed or unknown, is told to the portal (`error`,
    // code `region`; its pack is not fetched, session.rs), and the
    // person chooses the region instead of meeting a dead end. (The
    // widget's loader checks it before mounting.)
    if let Some(region) = crate::embed::locked_region() {
        leptos::task::spawn_local(async move {
            if let Ok(list) = crate::session::load_regions().await {
                if list.is_empty() {
                    crate::embed::update_config(|c| c.region = None);
                    crate::embed::load_failed("region", &format!("config.region: unknown region \"{region}\""));
                    session.update(|d| {
                        d.set("region", serde_json::Value::Null);
                        d.set("applicant.insured_in", serde_json::Value::Null);
                    });
                    if super::common::privacy_seen() {
                        nav.replace("/apply/region");
                    }
                }
            }
        });
    }
    let pathname = nav.path_signal();
    let step = Memo::new(move |_| step_index(&pathname.get()));
    // The privacy notice comes before the first sensitive question, whatever
    // page of the flow is opened first.
    let redirect = nav;
    crate::widgets::effect(move || {
        let path = pathname.get();
        if !super::common::privacy_seen() && !path.starts_with("/apply/privacy") {
            redirect.replace("/apply/privacy");
        }
    });
    // Remember where the person is, to resume there after closing the page.
    crate::widgets::effect(move || {
        if step.get().is_some() {
            session.at_step(&pathname.get());
        }
    });
    view! {
        {dom(move |b| {
            let Some(i) = step.get() else { return };
            let t = ui.t();
            let label = t.step_of.replace("{n}", &(i + 1).to_string()).replace("{total}", &STEPS.len().to_string());
            let p = b.root("p", "mtt-step-indicator");
            b.leaf(&p, "span", "", &label);
            b.text(&p, " · ");
            b.leaf(&p, "strong", "", (STEPS[i].1)(t));
            if i > 0 {
                let back = b.root_leaf("a", "mtt-back", t.back);
                attr(&back, "href", "#");
                b.click(&back, move |ev| {
                    ev.prevent_default();
                    nav.back();
                });
            }
        })}
        {outlet(pathname)}
    }
}

/// `/apply`: resumes the current draft at the step it was left on.
#[component]
pub fn Resume() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let step = session.draft.with_untracked(|d| d.step.clone());
    let to = if !super::common::privacy_seen() {
        "/apply/privacy".to_string()
    } else if step.starts_with("/apply/") && !(step == "/apply/region" && crate::embed::locked_region().is_some()) {
        step
    } else if crate::embed::locked_region().is_some() {
        // The host fixed the region: the flow starts at the next step.
        "/apply/who".into()
    } else {
        "/apply/region".into()
    };
    crate::widgets::effect(move || nav.go(&to));
}

/// The page under the flow for the current path (rebuilt only when the
/// path changes).
fn outlet(pathname: Signal<String>) -> impl IntoView {
    let path = Memo::new(move |_| pathname.get());
    move || crate::shell::apply_page(&path.get())
}
