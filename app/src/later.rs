//! What the first screen does not need, in a second wasm module.
//!
//! The first load (issue 7: ≤ 120 KB brotli with the HTML, CSS, JS and the
//! default pack) carries the shell and the home page. The flow, the drafts
//! page, the rules core and the outbox are behind one split point: with the
//! `split` feature (the release build, scripts/build-app.mjs) wasm-split cuts
//! them into a module fetched once the first screen is live, or at once when
//! a page needs it. Without the feature (wasm tests, `cargo check`) it is an
//! ordinary call and everything is in one module.
//!
//! What the measured flow never opens (the paper, drafts, hand-off and
//! letter pages, building and sending the package) is behind a second split
//! point, in a third module (app/src/views.rs): the pages here name it by
//! loaders of the same names (`pages::DocumentPage`, …).

use std::cell::Cell;

use leptos::prelude::*;

use crate::fresh::IntoFresh;

use crate::pages::{DraftsPage, Flow};

/// Entry points into the second module, as plain function pointers: once it
/// is loaded they are called synchronously.
#[derive(Clone, Copy)]
pub struct Later {
    pub drafts: fn() -> AnyView,
    pub flow: fn() -> AnyView,
    /// Runs the outbox (see `submit::start`): sends what an earlier visit queued.
    pub start_outbox: fn(RwSignal<u32>),
}

/// The module could not be fetched (offline on a first visit, a network
/// error); the next call tries again.
#[derive(Clone, Copy, Debug)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for NotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> NotLoaded {
        NotLoaded
    }
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(later, fallible))]
fn entry() -> Result<Later, NotLoaded> {
    Ok(Later {
        // Erased by `fresh` first: `AnyView` is then compiled for `Fresh`
        // alone, not for each page's whole view type (with its diff and
        // element lists; issue 15).
        drafts: || view! { <DraftsPage /> }.fresh().into_any(),
        flow: || view! { <Flow /> }.fresh().into_any(),
        start_outbox: crate::submit::start,
    })
}

thread_local! {
    static LOADED: Cell<Option<Later>> = const { Cell::new(None) };
}

/// The second module's entry points, fetching it if needed.
pub async fn later() -> Result<Later, NotLoaded> {
    if let Some(l) = LOADED.get() {
        return Ok(l);
    }
    #[cfg(feature = "split")]
    let l = entry().await?;
    #[cfg(not(feature = "split"))]
    let l = entry()?;
    LOADED.set(Some(l));
    Ok(l)
}

/// Starts fetching the second module (if it is not here or on its way);
/// nothing waits for it.
pub fn prefetch() {
    if LOADED.get().is_none() {
        leptos::task::spawn_local(async {
            let _ = later().await;
        });
    }
}

/// The view `pick` names: at once when the module is here; otherwise a
/// polite loading line, then the page (or a retry button if it failed).
///
/// No `LocalResource` (issue 15): the load is a task that sets a `u32`
/// signal (0 loading, 1 here, 2 failed), so the home module carries no
/// async-derived value and its machinery for this one load (docs/size.md,
/// 2026-12-01 night).
pub fn view(pick: fn(&Later) -> fn() -> AnyView) -> AnyView {
    if let Some(l) = LOADED.get() {
        return pick(&l)();
    }
    let state = RwSignal::new(0u32);
    // The answer is set by the task, never in the click's handler: the
    // block that holds the button is rebuilt when the state moves, which
    // must not happen while its own listener runs. As a resource did, a
    // retry keeps the failure showing until the new answer.
    let try_load = move || {
        leptos::task::spawn_local(async move {
            state.try_set(if later().await.is_ok() { 1 } else { 2 });
        });
    };
    try_load();
    let ui = crate::use_ui();
    (move || match (state.get(), LOADED.get()) {
        (_, Some(l)) => pick(&l)(),
        (2, None) => view! {
            <div class="mtt-error-summary" role="alert">
                <h1 class="mtt-h1">{move || ui.t().page_load_failed_title}</h1>
                <p>{move || ui.t().page_load_failed}</p>
                <button type="button" class="mtt-button" on:click=move |_| try_load()>
                    {move || ui.t().retry}
                </button>
            </div>
        }
        .into_any(),
        _ => view! { <p class="mtt-loading" role="status">{move || ui.t().loading}</p> }.into_any(),
    })
    .into_any()
}
