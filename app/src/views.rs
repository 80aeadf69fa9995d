//! What the measured flow never opens, in a third wasm module (issue 15).
//!
//! The whole flow (home → 开始 → … → ready, scripts/bench/first-step.mjs)
//! must come to at most 250 KB brotli on a first visit. Past home it needs
//! the questions, the result, the estimate and the timeline, not the paper
//! page (photos, the reader's client, IndexedDB), the drafts page, the
//! hand-off and letter pages, or the code that builds, stores and sends
//! the application package (the core's ZIP writer, sha2). Those are behind
//! a second split point here: with the `split` feature wasm-split cuts them
//! into `split_views.wasm`, fetched the first time a page needs it. Code
//! they share with the flow's module lands in a shared chunk that comes
//! with the flow's module (wasm-split: a function reachable from two split
//! points goes to a chunk both load). Without the feature (wasm tests,
//! `cargo check`) it is an ordinary call.
//!
//! The service worker does not precache this module (that would put it back
//! in a first visit's bytes); it keeps it when first fetched, so after one
//! opening online these pages work offline (scripts/service-worker.mjs).
//! Offline before that, the page says it needs the network once, what to
//! do, and that nothing entered is lost; it tries again by itself when the
//! connection comes back.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use mantetong_core::package::PackId;
use mantetong_core::Outcome;
use serde_json::Value;

use crate::draft::Draft;
use crate::dom::{attr, dom};
use crate::fresh::IntoFresh;
use crate::route::Receiver;
use crate::submit::Entry;
use crate::widgets::{no_error, page_title};

/// A future the module hands back (its code stays in the module).
pub type Pending<T> = Pin<Box<dyn Future<Output = T>>>;

/// Entry points into the third module, as plain function pointers.
#[derive(Clone, Copy)]
pub struct Views {
    pub document: fn() -> AnyView,
    pub drafts: fn() -> AnyView,
    pub handoff: fn() -> AnyView,
    pub letter: fn() -> AnyView,
    /// `submit::enqueue`: builds the package, stores it, queues it.
    pub enqueue: fn(Draft, PackId, Outcome, Receiver) -> Pending<Result<Entry, String>>,
    /// `submit::build_package`: the package to download.
    pub build_package: fn(Draft, PackId, Outcome, String) -> Pending<Result<Vec<u8>, String>>,
    /// `submit::start`: runs the outbox.
    pub start_outbox: fn(RwSignal<u32>),
    /// `inapp::offer`: what works in WeChat and other in-app browsers
    /// instead of a download.
    pub offer: fn(&str, &str, &[u8]) -> bool,
}

/// The module could not be fetched (offline before its first use, a
/// network error); the next call tries again.
#[derive(Clone, Copy, Debug)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for NotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> NotLoaded {
        NotLoaded
    }
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(views, fallible))]
fn views_entry() -> Result<Views, NotLoaded> {
    use crate::pages::inner;
    Ok(Views {
        document: || view! { <inner::DocumentPage /> }.fresh().into_any(),
        drafts: || view! { <inner::DraftsPage /> }.fresh().into_any(),
        handoff: || view! { <inner::HandoffPage /> }.fresh().into_any(),
        letter: || view! { <inner::LetterPage /> }.fresh().into_any(),
        enqueue: |d, p, r, to| Box::pin(async move { crate::submit::enqueue_here(&d, p, r.to_json(), &to).await }),
        build_package: |d, p, r, k| Box::pin(async move { crate::submit::build_package_here(&d, p, r.to_json(), &k).await }),
        start_outbox: crate::submit::start_here,
        offer: crate::inapp::offer,
    })
}

thread_local! {
    static LOADED: Cell<Option<Views>> = const { Cell::new(None) };
}

/// The module's entry points, fetching it if needed.
pub async fn load() -> Result<Views, NotLoaded> {
    if let Some(v) = LOADED.get() {
        return Ok(v);
    }
    #[cfg(feature = "split")]
    let v = views_entry().await?;
    #[cfg(not(feature = "split"))]
    let v = views_entry()?;
    LOADED.set(Some(v));
    Ok(v)
}

/// Whether the module is here (its entry points answer at once).
pub fn loaded() -> Option<Views> {
    LOADED.get()
}

/// The language in use, outside a component (a task has no owner): the
/// app keeps it for the host's `state()` (shell.rs).
fn lang() -> crate::prefs::Lang {
    crate::embed::state()
        .get("lang")
        .and_then(Value::as_str)
        .and_then(crate::prefs::Lang::from_tag)
        .unwrap_or(crate::prefs::Lang::Zh)
}

/// Why an action that needs the module could not run, in the person's
/// language (shown after `submit_failed`).
pub fn not_loaded_message() -> String {
    crate::i18n::text(lang()).views_offline_short.to_string()
}

/// The page `pick` names: at once when the module is here; otherwise a
/// loading line (a polite live region), then the page. If the module cannot
/// be fetched: what happened and what to do, a retry button, a way `back`,
/// and a new try by itself when the device comes back online. Nothing the
/// person entered is touched (drafts and papers stay on the device).
///
/// No `LocalResource` and no `view!` here (issue 15): the load is a task
/// that sets a `u32` signal (0 loading, 1 here, 2 failed), and the loading
/// and offline blocks are `dom` regions, so the flow's module carries
/// neither an async-derived value of `Views` nor the typed views of two
/// blocks it shows only offline (docs/size.md, 2026-12-01 night).
fn view(pick: fn(&Views) -> fn() -> AnyView, back: &'static str) -> AnyView {
    if let Some(v) = LOADED.get() {
        return pick(&v)();
    }
    let state = RwSignal::new(0u32);
    // The answer is set by the task, never in the click's handler: the
    // block that holds the button is rebuilt when the state moves, which
    // must not happen while its own listener runs. As a resource did, a
    // retry keeps the failure showing until the new answer.
    let try_load = move || {
        leptos::task::spawn_local(async move {
            state.try_set(if load().await.is_ok() { 1 } else { 2 });
        });
    };
    try_load();
    // The `online` event can come a moment before requests go through
    // again: the new try starts a little after it.
    let online = window_event_listener(leptos::ev::online, move |_| {
        if state.get_untracked() == 2 {
            gloo_timers::callback::Timeout::new(300, try_load).forget();
        }
    });
    on_cleanup(move || online.remove());
    let ui = crate::use_ui();
    (move || match (state.get(), LOADED.get()) {
        (_, Some(v)) => pick(&v)(),
        (2, None) => {
            page_title(move || ui.t().views_offline_title.to_string(), no_error());
            dom(move |b| {
                let t = ui.t();
                let d = b.root("div", "mtt-error-summary mtt-views-offline");
                attr(&d, "role", "alert");
                b.leaf(&d, "h1", "mtt-h1", t.views_offline_title);
                b.leaf(&d, "p", "", t.views_offline_body);
                b.leaf(&d, "p", "", t.views_offline_todo);
                let retry = b.leaf(&d, "button", "mtt-button", t.retry);
                attr(&retry, "type", "button");
                b.click(&retry, move |_| try_load());
                let p = b.root("p", "");
                attr(&b.leaf(&p, "a", "mtt-button mtt-button-secondary mtt-views-back", t.back), "href", back);
            })
            .into_any()
        }
        _ => dom(move |b| {
            let p = b.root_leaf("p", "mtt-loading", ui.t().loading);
            attr(&p, "role", "status");
            attr(&p, "aria-live", "polite");
        })
        .into_any(),
    })
    .into_any()
}

/// `/apply/materials/<kind>`: the paper page (pages/document.rs).
#[component]
pub fn DocumentPage() -> impl IntoView {
    view(|v| v.document, "/apply/materials")
}

/// `/drafts`: my applications (pages/drafts.rs).
#[component]
pub fn DraftsPage() -> impl IntoView {
    view(|v| v.drafts, "/")
}

/// `/apply/handoff`: applying in the region's own app (pages/handoff.rs).
#[component]
pub fn HandoffPage() -> impl IntoView {
    view(|v| v.handoff, "/apply/check")
}

/// `/apply/letter`: the letter of authorisation (pages/letter.rs).
#[component]
pub fn LetterPage() -> impl IntoView {
    view(|v| v.letter, "/apply/materials")
}
