//! The frame of the application flow: the session context, the step
//! indicator and the back link. Each step is its own page and URL, so the
//! browser's back and forward keep working and a reload resumes in place.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};

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

#[component]
pub fn Flow() -> impl IntoView {
    let session = Session::start();
    provide_context(session);
    // Ask the browser to keep this origin's storage (Safari clears it after
    // 7 days unvisited otherwise). The answer changes nothing here.
    if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
        if let Ok(p) = storage.persist() {
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            });
        }
    }
    let ui = use_ui();
    let location = use_location();
    let step = Memo::new(move |_| {
        let path = location.pathname.get();
        // Sub-pages count as the step they belong to.
        let path = match path.as_str() {
            p if p.starts_with("/apply/proxy") => "/apply/who",
            p if p.starts_with("/apply/letter") => "/apply/materials",
            p => p,
        };
        STEPS.iter().position(|(p, _)| path.starts_with(p))
    });
    // The privacy notice comes before the first sensitive question, whatever
    // page of the flow is opened first.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let path = location.pathname.get();
        if !super::privacy::privacy_seen() && !path.starts_with("/apply/privacy") {
            navigate("/apply/privacy", leptos_router::NavigateOptions { replace: true, ..Default::default() });
        }
    });
    // Remember where the person is, to resume there after closing the page.
    Effect::new(move |_| {
        if step.get().is_some() {
            session.at_step(&location.pathname.get());
        }
    });
    view! {
        {move || step.get().map(|i| {
            let t = ui.t();
            let label = t.step_of.replace("{n}", &(i + 1).to_string()).replace("{total}", &STEPS.len().to_string());
            view! {
                <p class="mtt-step-indicator">
                    <span>{label}</span>" · "<strong>{(STEPS[i].1)(t)}</strong>
                </p>
                {(i > 0).then(|| view! {
                    <a class="mtt-back" href="#" on:click=move |ev| {
                        ev.prevent_default();
                        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) { let _ = h.back(); }
                    }>{t.back}</a>
                })}
            }
        })}
        <Outlet />
    }
}

/// `/apply`: resumes the current draft at the step it was left on.
#[component]
pub fn Resume() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let step = session.draft.with_untracked(|d| d.step.clone());
    let to = if !super::privacy::privacy_seen() {
        "/apply/privacy".to_string()
    } else if step.starts_with("/apply/") {
        step
    } else {
        "/apply/region".into()
    };
    Effect::new(move |_| navigate(&to, Default::default()));
}
