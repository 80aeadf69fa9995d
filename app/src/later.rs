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
//! A second split point, `papers`, holds the pages the flow can go without:
//! a paper's own page (the photo and its questions), the hand-off to an
//! official app, and the drafts page. They are fetched when the person
//! opens one of them (the service worker precaches them for offline use),
//! so the flow from home to "ready" does not download them (issue 15: the
//! whole flow at most 250 KB). Code both modules use goes to a shared
//! chunk that the flow's module loads with it.

use std::cell::Cell;

use leptos::prelude::*;

use crate::i18n::LaterText;
use crate::pages::Flow;

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
        drafts: || view! { <DraftsPage /> }.into_any(),
        flow: || view! { <Flow /> }.into_any(),
        start_outbox: crate::submit::start,
    })
}

/// Entry points into the `papers` module (see the module docs).
#[derive(Clone, Copy)]
pub struct Papers {
    pub document: fn() -> AnyView,
    pub handoff: fn() -> AnyView,
    pub drafts: fn() -> AnyView,
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(papers, fallible))]
fn papers_entry() -> Result<Papers, NotLoaded> {
    use crate::pages::{document, drafts, handoff};
    Ok(Papers {
        document: || view! { <document::DocumentPage /> }.into_any(),
        handoff: || view! { <handoff::HandoffPage /> }.into_any(),
        drafts: || view! { <drafts::DraftsPage /> }.into_any(),
    })
}

thread_local! {
    static LOADED: Cell<Option<Later>> = const { Cell::new(None) };
    static PAPERS: Cell<Option<Papers>> = const { Cell::new(None) };
}

/// The `papers` module's entry points, fetching it if needed.
async fn papers() -> Result<Papers, NotLoaded> {
    if let Some(p) = PAPERS.get() {
        return Ok(p);
    }
    #[cfg(feature = "split")]
    let p = papers_entry().await?;
    #[cfg(not(feature = "split"))]
    let p = papers_entry()?;
    PAPERS.set(Some(p));
    Ok(p)
}

/// `/apply/materials/:id`: the paper's page, from the `papers` module.
#[component]
pub fn DocumentPage() -> impl IntoView {
    load_view(PAPERS.get(), papers, |p| p.document)
}

/// `/apply/handoff`, from the `papers` module.
#[component]
pub fn HandoffPage() -> impl IntoView {
    load_view(PAPERS.get(), papers, |p| p.handoff)
}

/// `/drafts`, from the `papers` module.
#[component]
pub fn DraftsPage() -> impl IntoView {
    load_view(PAPERS.get(), papers, |p| p.drafts)
}

/// The second module's entry points, fetching it if needed, together with
/// the strings of the current language (in parallel).
pub async fn later() -> Result<Later, NotLoaded> {
    if let Some(l) = LOADED.get() {
        return Ok(l);
    }
    let zh = use_context::<crate::Ui>().map(|u| u.prefs.get_untracked().lang).unwrap_or_else(|| crate::prefs::Prefs::load().lang)
        == crate::prefs::Lang::Zh;
    #[cfg(feature = "split")]
    let (l, s) = both(entry(), fetch_strings(zh)).await;
    #[cfg(not(feature = "split"))]
    let (l, s) = (entry(), fetch_strings(zh).await);
    s?;
    let l = l?;
    LOADED.set(Some(l));
    Ok(l)
}

/// Awaits two futures at once.
#[cfg(feature = "split")]
async fn both<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (ra, rb) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

// Each language's strings past home, a split module of its own (issue 15:
// a zh-CN user does not download the English strings of the flow, nor the
// other way round; about 5 KB brotli each). The service worker precaches
// both, so switching language works offline after the first visit.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(strings_zh, fallible))]
fn strings_zh() -> Result<&'static LaterText, NotLoaded> {
    Ok(crate::i18n::later_zh())
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(strings_en, fallible))]
fn strings_en() -> Result<&'static LaterText, NotLoaded> {
    Ok(crate::i18n::later_en())
}

thread_local! {
    /// The strings fetched so far: [zh, en].
    static STRINGS: [Cell<Option<&'static LaterText>>; 2] = const { [Cell::new(None), Cell::new(None)] };
    /// A fetch of [zh, en] is under way.
    static FETCHING: [Cell<bool>; 2] = const { [Cell::new(false), Cell::new(false)] };
}

/// Fetches one language's strings (if not here yet) and keeps them.
async fn fetch_strings(zh: bool) -> Result<&'static LaterText, NotLoaded> {
    let i = usize::from(!zh);
    if let Some(t) = STRINGS.with(|s| s[i].get()) {
        return Ok(t);
    }
    #[cfg(feature = "split")]
    let t = if zh { strings_zh().await } else { strings_en().await }?;
    #[cfg(not(feature = "split"))]
    let t = if zh { strings_zh() } else { strings_en() }?;
    STRINGS.with(|s| s[i].set(Some(t)));
    Ok(t)
}

/// The strings past home in one language (`Deref for Text`). The current
/// language's are fetched with the flow's module; after a switch of
/// language the other's are fetched then, and until they are here (one
/// small request, from the service worker's cache after the first visit)
/// the page keeps the language it had; when they arrive, everything that
/// follows the language is drawn again, as on the switch itself.
pub(crate) fn strings(zh: bool) -> &'static LaterText {
    // One module (wasm tests, `cargo check`): both tables are here.
    #[cfg(not(feature = "split"))]
    return if zh { crate::i18n::later_zh() } else { crate::i18n::later_en() };
    #[cfg(feature = "split")]
    {
        let i = usize::from(!zh);
        if let Some(t) = STRINGS.with(|s| s[i].get()) {
            return t;
        }
        if !FETCHING.with(|f| f[i].replace(true)) {
            let ui = use_context::<crate::Ui>();
            leptos::task::spawn_local(async move {
                let got = fetch_strings(zh).await.is_ok();
                FETCHING.with(|f| f[i].set(false));
                if let (true, Some(ui)) = (got, ui) {
                    ui.prefs.update(|_| {});
                }
            });
        }
        STRINGS.with(|s| s[1 - i].get()).unwrap_or(&crate::i18n::LATER_BLANK)
    }
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
pub fn view(pick: fn(&Later) -> fn() -> AnyView) -> AnyView {
    load_view(LOADED.get(), later, pick)
}

/// [`view`] for either module: `here` if it is loaded, else `load` it.
fn load_view<M: Copy + 'static, F: std::future::Future<Output = Result<M, NotLoaded>> + 'static>(
    here: Option<M>,
    load: fn() -> F,
    pick: fn(&M) -> fn() -> AnyView,
) -> AnyView {
    if let Some(l) = here {
        return pick(&l)();
    }
    let attempt = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        attempt.track();
        load()
    });
    let ui = crate::use_ui();
    (move || match loaded.get() {
        Some(Ok(l)) => pick(&l)(),
        Some(Err(NotLoaded)) => view! {
            <div class="mtt-error-summary" role="alert">
                <h1 class="mtt-h1">{move || ui.t().page_load_failed_title}</h1>
                <p>{move || ui.t().page_load_failed}</p>
                <button type="button" class="mtt-button" on:click=move |_| attempt.update(|n| *n += 1)>
                    {move || ui.t().retry}
                </button>
            </div>
        }
        .into_any(),
        None => view! { <p class="mtt-loading" role="status">{move || ui.t().loading}</p> }.into_any(),
    })
    .into_any()
}
