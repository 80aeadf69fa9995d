//! The frame around every page: header with the language and elder-mode
//! switches, the main landmark, and the routes.

use leptos::prelude::*;

use crate::later;
use crate::pages::common::privacy_seen;
use crate::pages::{
    CheckPage, DocumentPage, HandoffPage, PrivacyPage, LetterPage, ProxyPage, EstimatePage, Home, MaterialsPage, NextQuestion, NotFound, QuestionPage, ReadyPage,
    RegionPage, ResultPage, Resume, TimelinePage, WhoPage,
};
use crate::embed;
use crate::fresh::IntoFresh;
use crate::nav::{use_nav, Browser, History, Memory};
use crate::prefs::Prefs;
use crate::{use_ui, Ui};

thread_local! {
    static ROUTES_LATER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The next [`App`] builds its page (the routes) in a task of its own after
/// the one that mounts it, not in the same (the standalone start, main.rs:
/// no long task for Lighthouse's Total Blocking Time, issue 15).
pub fn defer_routes() {
    ROUTES_LATER.with(|c| c.set(true));
}

/// The start script's mark (scripts/build-app.mjs) that a tap on the static
/// screen is under way: set on its pointerdown, cleared once the frame after
/// the click is painted (or after 2 s, or on pointercancel).
const TAPPING: &str = "mtt-tapping";

/// Whether <html> has `class`: the start script's marks (scripts/build-app.mjs)
/// and the static screen's state live there.
pub fn html_has(class: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|html| html.class_list().contains(class))
}

/// Runs `f` now, or once no tap on the static screen is under way: each
/// step of the standalone start (building the live page, swapping it in,
/// fetching and rehearsing the flow) is a task of 40-115 ms at 4x CPU, and
/// a tap landing on them waited for them three times over (its touchstart,
/// its click, the frame that paints its step): 122-296 ms on a second
/// visit at idle (issue 15, docs/bench.md). Holding the next step until the
/// tap's step is painted leaves the tap only the task it landed in.
pub fn when_calm(f: impl FnOnce() + 'static) {
    let tapping = html_has(TAPPING);
    if tapping {
        gloo_timers::callback::Timeout::new(20, move || when_calm(f)).forget();
    } else {
        f();
    }
}

/// Starts fetching the flow's module (app/src/later.rs: the region step
/// and everything after it) once the standalone home page is live, when
/// its next step is likely the flow or costs no network: the notice was
/// agreed on an earlier visit (开始 goes straight to the region step), or
/// the service worker answered this visit (it has the module precached).
/// Then 开始 → region does not wait for it (issue 15: a second visit's
/// first step within 1 s). The module is compiled off the main thread as it
/// streams in; a first visit that has not agreed does not fetch it here
/// (the notice after 开始 does), so Lighthouse's first load is unchanged.
///
/// Once it is here, the region step is rehearsed: built unseen, as 开始
/// would build it, and dropped (see [`rehearse`]).
pub fn warm_flow() {
    let sw = html_has("mtt-sw");
    if sw || privacy_seen() {
        when_calm(|| {
            leptos::task::spawn_local(async {
                match later::later().await {
                    Ok(l) => rehearse(l.flow, 0, None),
                    Err(_) => FLOW_HERE.set(true),
                }
            })
        });
    }
}

/// A return visit that starts fresh: the notice was agreed and no draft is
/// open (the start script's `mtt-has-draft`), so the static screen's 开始
/// opens its region step (scripts/build-app.mjs). main.rs keeps the static
/// home on show then until the module past home is here and the region
/// step rehearsed ([`flow_here`]).
pub fn returning_fresh() -> bool {
    let draft = html_has("mtt-has-draft");
    privacy_seen() && !draft
}

thread_local! {
    static FLOW_HERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether [`warm_flow`] is done with the home page: the module past home is
/// here and the region step's first rehearsal built (or given up: the
/// person left the home page), or the module could not be fetched. A tap
/// on the live 开始 then costs what the static one does, nearly.
pub fn flow_here() -> bool {
    FLOW_HERE.get()
}

thread_local! {
    /// The standalone app's owner (its contexts: language, outbox), for
    /// [`rehearse`].
    static APP_OWNER: std::cell::RefCell<Option<Owner>> = const { std::cell::RefCell::new(None) };
}

/// A rehearsed build of the flow, and what owns it.
type Rehearsal = (Owner, leptos::tachys::view::any_view::AnyViewState);

/// The flow at its first step, the region list, built off the page while
/// the person is still on the home page, then dropped.
///
/// Why: V8 compiles a wasm function the first time it is called. The first
/// tap on 开始 built the flow and its region step with ~120 ms of that
/// compiling (at 4x CPU) inside one ~270 ms task (docs/bench.md
/// 2026-12-01), and V8's code cache keeps only code that tiered up, so
/// every visit paid it again. Built here first, the tap finds that code
/// compiled and the region list loaded (pages/region.rs keeps it).
///
/// Nothing of it is seen or kept: the flow is built under an owner of its
/// own with an in-memory history at /apply/region (never the browser's
/// URL), and that owner is paused with all it owns before any effect has
/// run, so none of its effects run (no page title, no draft saved, no step
/// remembered, no storage request); it fetches only the region list and
/// calendar from the app's own origin (the service worker's cache on a
/// second visit). Two builds, each a task of its own: `pass` 0 while the
/// list loads (kept until it is here, at most ~3 s), 1 with the list (its
/// radios). It waits `REHEARSE_AFTER_MS` first, time a person takes to
/// read the home page and that a tap coming sooner finds the flow as
/// before; nothing is built once the person has left the home page (their
/// own tap builds the flow then).
fn rehearse(flow: fn() -> AnyView, pass: u8, earlier: Option<Rehearsal>) {
    const REHEARSE_AFTER_MS: u32 = 300;
    let wait = match pass {
        0 => REHEARSE_AFTER_MS,
        _ => 50,
    };
    gloo_timers::callback::Timeout::new(wait, move || when_calm(move || {
        use leptos::tachys::view::Render;
        let at_home = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .is_some_and(|p| p == "/" || p == "/index.html");
        let parent = APP_OWNER.with_borrow(Clone::clone);
        if pass == 0 {
            FLOW_HERE.set(true);
        }
        let (Some(parent), true) = (parent, at_home) else { return drop_rehearsal(earlier) };
        // Pass 1 waits (in steps of 50 ms) for the list pass 0 asked for.
        if (1..60).contains(&pass) && !crate::pages::regions_loaded() {
            return rehearse(flow, pass + 1, earlier);
        }
        let owner = parent.with(Owner::new);
        let state = owner.with(|| {
            provide_context(History::Memory(Memory::new("/apply/region")));
            flow().build()
        });
        // Paused once built (an owner made under a paused one is not
        // paused), before any effect's first run, which is in a microtask.
        owner.pause();
        drop_rehearsal(earlier);
        if pass == 0 {
            rehearse(flow, 1, Some((owner, state)));
        } else {
            drop_rehearsal(Some((owner, state)));
        }
    }))
    .forget();
}

fn drop_rehearsal(r: Option<Rehearsal>) {
    if let Some((owner, state)) = r {
        drop(state);
        owner.cleanup();
    }
}

/// The whole app. Mount it with `leptos::mount::mount_to`.
#[component]
pub fn App() -> impl IntoView {
    let config = embed::config();
    if config.mode == embed::Mode::Standalone {
        APP_OWNER.set(Owner::current());
    }
    let prefs = RwSignal::new(Prefs::initial(config.lang, config.elder));
    embed::set_state(prefs.get_untracked().lang, prefs.get_untracked().elder);
    provide_context(Ui { prefs });
    // The outbox's change counter (pages re-read the outbox when it moves).
    // The outbox itself resumes below, once the second module is here: an
    // application queued before a reload, a crash or going offline is sent.
    let outbox = RwSignal::new(0u32);
    provide_context(outbox);
    // Set through the CSSOM, not a `style` attribute: the app's own CSP
    // (`default-src 'self'`, framed mode) blocks inline style attributes.
    let theme = RwSignal::new(config.theme.clone());
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |prev: Option<Vec<(String, String)>>| {
        let now = theme.get();
        if let Some(el) = root.get() {
            let style = web_sys::HtmlElement::style(&el);
            for (k, _) in prev.iter().flatten() {
                let _ = style.remove_property(k);
            }
            for (k, v) in &now {
                let _ = style.set_property(k, v);
            }
        }
        now
    });

    // The document's language follows the choice (screen readers, fonts),
    // unless the document is a host's: then only the app's root says it.
    if embed::owns_document() {
        Effect::new(move |_| {
            let tag = prefs.get().lang.tag();
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute("lang", tag);
            }
        });
    }
    // A host may change the language, elder mode and colours after start:
    // `app.update(...)` or an attribute (widget), a `config` message (frame).
    embed::set_live(move |c, _raw| {
        prefs.update(|p| {
            if let Some(l) = c.lang {
                p.lang = l;
            }
            if let Some(e) = c.elder {
                p.elder = e;
            }
        });
        if !c.theme.is_empty() {
            theme.set(c.theme.clone());
        }
    });
    embed::listen_to_parent(move |msg| {
        let kind = msg.get("type").and_then(serde_json::Value::as_str).unwrap_or_default();
        if kind == "config" || kind == "setLanguage" {
            embed::live_update(&msg);
        }
    });
    // The host hears when the language or elder mode changes (the person's
    // switch or its own update), never anything else about the person.
    Effect::new(move |prev: Option<(crate::prefs::Lang, bool)>| {
        let p = prefs.get();
        let now = (p.lang, p.elder);
        embed::set_state(p.lang, p.elder);
        if let Some((lang, elder)) = prev {
            if lang != now.0 {
                embed::emit("language", serde_json::json!({ "lang": now.0.tag() }));
            }
            if elder != now.1 {
                embed::emit("elder", serde_json::json!({ "elder": now.1 }));
            }
        }
        now
    });

    let widget = embed::is_widget();
    let history = if widget { History::Memory(Memory::new("/")) } else { History::Browser(Browser::follow()) };
    provide_context(history);
    let nav = use_nav();
    let on_click = move |ev: leptos::ev::MouseEvent| crate::nav::intercept_click(nav, &ev);
    let routes_in = RwSignal::new(!ROUTES_LATER.with(|c| c.replace(false)));
    if !routes_in.get_untracked() {
        gloo_timers::callback::Timeout::new(0, move || routes_in.set(true)).forget();
    }
    let routes = move || routes_in.get().then(|| view! { <Routes /> });
    // The widget is a part of the portal's page, which has its own <main>.
    let body = if widget {
        view! { <Header /><div id="mtt-main" class="mtt-main" tabindex="-1">{routes}</div> }.into_any()
    } else {
        view! { <Header /><main id="mtt-main" class="mtt-main" tabindex="-1">{routes}</main> }.into_any()
    };
    // The pages past the home screen: an embedded app (widget or frame)
    // that is not `lazy` fetches them once it is live (so the next tap
    // finds them), as before. The standalone
    // app fetches them when a page needs them: the privacy notice after
    // 开始 starts the fetch while it is read, and the service worker's
    // precache has already brought their bytes on a first visit, off the
    // main thread. Compiling and starting them at page load was one of
    // the two long tasks in Lighthouse's trace (issue 15, docs/bench.md).
    // Then the outbox, if an earlier visit left entries in it (whatever the
    // mode: a queued application is sent).
    Effect::new(move |_| {
        let standalone = embed::config().mode == embed::Mode::Standalone;
        if (standalone || !embed::prefetch_later()) && !crate::submit::has_entries() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(l) = later::later().await {
                if crate::submit::has_entries() {
                    (l.start_outbox)(outbox);
                }
            }
        });
    });
    // The frame tells its parent it listens, and its height as it changes.
    // (A widget's `mtt:ready` is sent by the loader once mount() resolved.)
    if !widget {
        let ready = embed::config();
        Effect::new(move |_| {
            let p = prefs.get_untracked();
            embed::emit("ready", serde_json::json!({ "lang": p.lang.tag(), "elder": p.elder, "region": ready.region }));
            if let Some(el) = root.get() {
                embed::report_height(&el);
            }
        });
    }

    view! {
        <div
            class="mtt-root"
            class:mtt-elder=move || prefs.get().elder
            class:mtt-widget=widget
            lang=move || prefs.get().lang.tag()
            node_ref=root
            on:click=on_click
        >
            {body}
        </div>
    }
}

/// The routes: the top level (home, drafts, the flow) is a memo of its
/// own, so moving between steps keeps the flow (and its session) mounted;
/// the flow picks its step with [`apply_page`]. Route changes are told to a
/// host (no-op standalone).
#[component]
fn Routes() -> impl IntoView {
    let nav = use_nav();
    crate::nav::report_steps(nav.path_signal());
    let path = nav.path_signal();
    // The privacy notice is the first step after 开始 until it has been
    // read: it is in this (the first-load) module, so it shows at once,
    // without waiting for the flow's module (issue 15: the first step
    // fast); the flow starts when the person agrees (`/apply`).
    let top = Memo::new(move |_| {
        path.with(|p| match p.as_str() {
            "/" | "" | "/index.html" => 0u8,
            "/drafts" => 1,
            "/apply/privacy" => 4,
            "/apply" | "/apply/" if !privacy_seen() => 5,
            p if p == "/apply" || p.starts_with("/apply/") => 2,
            _ => 3,
        })
    });
    move || match top.get() {
        0 => view! { <Home /> }.into_any(),
        1 => later::view(|l| l.drafts),
        2 => later::view(|l| l.flow),
        4 => {
            // The person has started: fetch the flow now, so it is here on
            // agreeing; after the notice is painted (starting the module is
            // a task of its own, ~60 ms at 4x CPU), not before.
            gloo_timers::callback::Timeout::new(250, later::prefetch).forget();
            view! { <PrivacyPage /> }.into_any()
        }
        5 => {
            // As the flow's `Resume` does before the notice was read.
            later::prefetch();
            Effect::new(move |_| nav.go("/apply/privacy"));
            ().into_any()
        }
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// The page for a path under `/apply` (the outlet of [`crate::pages::Flow`]).
pub(crate) fn apply_page(path: &str) -> crate::fresh::Fresh {
    let rest = path.strip_prefix("/apply").unwrap_or("").trim_end_matches('/');
    match rest {
        "" => view! { <Resume /> }.fresh(),
        // Normally routed by `Routes` (first module); kept for a flow
        // already mounted when the path changes to it.
        "/privacy" => view! { <PrivacyPage /> }.fresh(),
        "/region" => view! { <RegionPage /> }.fresh(),
        "/who" => view! { <WhoPage /> }.fresh(),
        "/proxy" => view! { <ProxyPage /> }.fresh(),
        "/letter" => view! { <LetterPage /> }.fresh(),
        "/q" => view! { <NextQuestion /> }.fresh(),
        "/result" => view! { <ResultPage /> }.fresh(),
        "/materials" => view! { <MaterialsPage /> }.fresh(),
        "/estimate" => view! { <EstimatePage /> }.fresh(),
        "/timeline" => view! { <TimelinePage /> }.fresh(),
        "/check" => view! { <CheckPage /> }.fresh(),
        "/ready" => view! { <ReadyPage /> }.fresh(),
        "/handoff" => view! { <HandoffPage /> }.fresh(),
        r if r.starts_with("/q/") => view! { <QuestionPage /> }.fresh(),
        r if r.starts_with("/materials/") => view! { <DocumentPage /> }.fresh(),
        _ => view! { <NotFound /> }.fresh(),
    }
}

#[component]
fn Header() -> impl IntoView {
    let ui = use_ui();
    let t = move || ui.t();
    let other_lang = move || ui.prefs.get().lang.other().tag();
    // A host's `brand: false` and `logo` are custom properties the
    // stylesheet reads (embed::parse_config).
    view! {
        <a class="mtt-skip" href="#mtt-main">{move || t().skip_to_main}</a>
        <header class="mtt-header">
            <a class="mtt-brand" href="/">
                <span class="mtt-brand-name">{move || t().app_name}</span>
                <span class="mtt-brand-tag">{move || t().tagline}</span>
            </a>
            <a class="mtt-switch mtt-drafts-link" href="/drafts">{move || t().drafts_link}</a>
            <div class="mtt-switches" role="group" aria-label=move || t().settings_label>
                <button
                    type="button"
                    class="mtt-switch mtt-switch-lang"
                    lang=other_lang
                    on:click=move |_| ui.set_prefs(|p| p.lang = p.lang.other())
                >
                    {move || t().lang_switch}
                </button>
                <button
                    type="button"
                    class="mtt-switch mtt-switch-elder"
                    aria-pressed=move || ui.prefs.get().elder.to_string()
                    on:click=move |_| ui.set_prefs(|p| p.elder = !p.elder)
                >
                    {move || t().elder_switch}
                </button>
            </div>
        </header>
    }
}
