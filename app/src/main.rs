//! Entry point of the wasm bundle.
//!
//! Standalone (`index.html`, which has `#mtt-app`): replaces the static first
//! screen with the live app and registers the service worker; opened as
//! `/?embed=1&origin=…` inside an iframe it also talks to that parent.
//! Anywhere else (a portal that loaded `mantetong-widget.js`) nothing mounts
//! until the host calls [`mount`].

use gloo_timers::callback::Timeout;
use leptos::mount::mount_to;
use mantetong_app::embed::{self, Mode};
use mantetong_app::App;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("mtt-app"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else { return };
    if let Some(mode) = embed::frame_mode_from_url() {
        // Region lock, endpoint, receiver, language... from the frame's URL.
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let given = embed::frame_url_config(&search);
        embed::set_config(embed::parse_config(&given, mode));
        // An endpoint the app cannot send to (`javascript:...`) was left
        // out (applications go to the default one): the parent is told.
        if let Some(problem) = given.get("endpoint").and_then(serde_json::Value::as_str).and_then(embed::endpoint_problem) {
            embed::emit("error", serde_json::json!({ "code": "endpoint", "message": format!("{problem}; ignored") }));
        }
    }
    // The live home page shows the same paper checklists as the static one.
    if let Ok(Some(list)) = root.query_selector(".mtt-paper .mtt-paper-links") {
        mantetong_app::pages::remember_paper_links(list.inner_html());
    }
    // In a frame too: the person may have used the static screen (the
    // focus, the region chosen on its step) as on the app's own page. The
    // frame's start used to empty the static screen and mount in its place:
    // the focus fell to the page and a region chosen there was dropped.
    // The live app is built apart from the page, in three tasks
    // after this one (the module's start), and swapped for the static
    // screen in a fourth: instantiating, building the frame, building the
    // home page and swapping it in were one task of ~200 ms at 4x CPU, the
    // long task that cost Lighthouse's Total Blocking Time (issue 15,
    // docs/bench.md). The static screen stays on show until the swap, which
    // puts the same layout in its place in one go (no shift).
    mantetong_app::defer_routes();
    Timeout::new(0, move || mantetong_app::when_calm(move || {
        let live = root
            .owner_document()
            .and_then(|d| d.create_element("div").ok())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        let Some(live) = live else { return };
        mount_to(live.clone(), App).forget();
        // After the routes' own task (queued while mounting, so first).
        Timeout::new(0, move || swap_in(root, live, 0, None)).forget();
    }))
    .forget();
}

/// Longest wait (in 50 ms steps) for the live page before the static one is
/// swapped out anyway: 10 s.
const SWAP_WAIT_STEPS: u32 = 200;

thread_local! {
    /// `warm_flow` was started before the swap (see [`swap_in`]).
    static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Puts the live app (built in `live`) in place of the static screen in
/// `root`. The static screen may have moved on since the app read the
/// location (its 开始, privacy notice and region step work before the app
/// is live: scripts/build-app.mjs): the app follows it (a popstate, as for
/// back and forward; `followed` is the path it was last told), and the
/// focus stays where the person had it.
///
/// Not at once in two cases, where the static screen is the quicker one
/// to use (issue 15: a second visit's first step within 1 s), checked
/// every 50 ms (`step` counts the waits):
///  - it shows its region step (开始 tapped before the app was live): until
///    the live region step is built with its list (the module past home and
///    regions/index.json are fetched meanwhile), instead of a loading line.
///    The region chosen there, and its 继续, are then handed to the live
///    step through its own radio and button, so the flow goes on from them
///    as if they had been made there;
///  - it shows the home page on a return visit that starts fresh (its 开始
///    opens that region step): until the module past home is here and the
///    region step rehearsed (shell.rs `flow_here`), so a tap on 开始 before
///    the live 开始 answers as quickly is the static one, answered at once,
///    and the live home page's layout (~250 ms at 4x CPU, the same page
///    again) does not come while the person is about to tap it.
fn swap_in(root: web_sys::HtmlElement, live: web_sys::HtmlElement, step: u32, followed: Option<String>) {
    mantetong_app::when_calm(move || swap_in_now(root, live, step, followed));
}

fn swap_in_now(root: web_sys::HtmlElement, live: web_sys::HtmlElement, step: u32, followed: Option<String>) {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    if followed.as_deref() != Some(path.as_str()) {
        if let (Some(w), Ok(ev)) = (web_sys::window(), web_sys::Event::new("popstate")) {
            let _ = w.dispatch_event(&ev);
        }
    }
    let has = mantetong_app::html_has;
    let shown = root.query_selector(".mtt-static").ok().flatten().is_some();
    let at_region = shown && has("mtt-at-region");
    let at_home = shown && (path == "/" || path == "/index.html");
    let live_ready = || live.query_selector("input[name=region], .mtt-error-message, .mtt-error-summary").ok().flatten().is_some();
    if at_home && step == 0 && mantetong_app::returning_fresh() {
        // It fetches the module past home (and rehearses the region step).
        WARMED.set(true);
        mantetong_app::warm_flow();
    }
    let waiting = (at_region && !live_ready()) || (at_home && WARMED.get() && !mantetong_app::flow_here());
    if waiting && step < SWAP_WAIT_STEPS {
        Timeout::new(if step == 0 { 0 } else { 50 }, move || swap_in(root, live, step + 1, Some(path))).forget();
        return;
    }
    let focus = focus_key(&root);
    let handed = if at_region { static_region_choice(&root) } else { None };
    root.set_inner_html("");
    while let Some(node) = live.first_child() {
        let _ = root.append_child(&node);
    }
    if let Some((region, sent)) = handed {
        take_region_choice(&root, &region, sent);
    }
    if let Some(key) = focus {
        // The page the popstate moved to is built in a microtask:
        // focus it now if it is there, else once it is.
        if !refocus(&root, &key) {
            let root = root.clone();
            Timeout::new(0, move || {
                refocus(&root, &key);
            })
            .forget();
        }
    }
    // Not in a portal's frame: the portal's page decides for its origin's
    // visitors what is kept offline (docs/portal.md).
    if embed::config().mode == Mode::Standalone {
        register_service_worker();
    }
    // Once the live home page has been painted (the frame after
    // this task), not before: on a 2-core phone the module's
    // compile threads would share the cores with that frame.
    if !WARMED.get() {
        after_next_frame(mantetong_app::warm_flow);
    }
}

/// The region checked on the static region step, and whether 继续 was
/// pressed with it (the start script's `mtt-pre-sent`).
fn static_region_choice(root: &web_sys::HtmlElement) -> Option<(String, bool)> {
    let region = root.query_selector(".mtt-pre-region input[name=region]:checked").ok()??.get_attribute("value")?;
    // Region ids are [a-z0-9-] (the packs' ids); anything else is not ours.
    if region.is_empty() || !region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let sent = mantetong_app::html_has("mtt-pre-sent");
    Some((region, sent))
}

/// Checks `region` on the live region step as a tap would (its change
/// handler keeps it), and submits the step if the person had pressed 继续.
fn take_region_choice(root: &web_sys::HtmlElement, region: &str, sent: bool) {
    let find = |sel: &str| root.query_selector(sel).ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let input = "form input[name=region][value=\"".to_string() + region + "\"]";
    if find(&(input.clone() + ":not(:checked)")).inspect(web_sys::HtmlElement::click).is_none() && find(&input).is_none() {
        return;
    }
    if sent {
        if let Some(b) = find("form button[type=submit]") {
            b.click();
        }
    }
}

/// Runs `f` in a task of its own after the next frame is painted.
fn after_next_frame(f: fn()) {
    let Some(w) = web_sys::window() else { return };
    let frame = Closure::once_into_js(move || {
        Timeout::new(0, f).forget();
    });
    let _ = w.request_animation_frame(frame.unchecked_ref());
}

/// A selector for the element that has the focus inside `root` (the static
/// screen), one that finds the same control on the live page: its id, else
/// its tag, classes and link target.
fn focus_key(root: &web_sys::HtmlElement) -> Option<String> {
    let el = root.owner_document()?.active_element()?;
    if !root.contains(Some(&el)) {
        return None;
    }
    if !el.id().is_empty() {
        return Some(format!("#{}", el.id()));
    }
    let mut key = el.tag_name().to_ascii_lowercase();
    let classes = el.class_name();
    if classes.trim().is_empty() {
        key.push_str(":not([class])");
    }
    for c in classes.split_whitespace() {
        key.push('.');
        key.push_str(c);
    }
    if let Some(href) = el.get_attribute("href") {
        key.push_str(&format!("[href=\"{}\"]", href.replace(['"', '\\'], "")));
    }
    Some(key)
}

/// Focuses the element `key` finds in `root`; false if there is none.
fn refocus(root: &web_sys::HtmlElement, key: &str) -> bool {
    match root.query_selector(key).ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Offline after the first visit: the worker (generated by
/// scripts/service-worker.mjs) precaches the app, packs and calendar. Only
/// for the standalone app; an embedding portal decides for its own origin.
fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let sw = w.navigator().service_worker();
        let _ = sw.register("/sw.js");
    }
}

/// A mounted widget (the loader wraps it in the handle portals get).
#[wasm_bindgen]
pub struct Mounted {
    handle: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl Mounted {
    pub fn unmount(&mut self) {
        embed::clear_live();
        self.handle.take();
        embed::set_host(None);
    }

    /// Changes language, elder mode, theme, endpoint or receiver of the
    /// running app (the loader checked the fields).
    pub fn update(&self, config: JsValue) {
        embed::live_update(&embed::js_to_json(&config));
    }

    /// `{ lang, elder, region }` now (the `mtt:ready` detail), as JSON text.
    pub fn state(&self) -> String {
        embed::state().to_string()
    }
}

/// Mounts the app into `element` (the loader's container inside the host
/// element's shadow root; events go to that host). `config` (all
/// optional): `{ region, lang, elder, endpoint, packBase, receiver, lazy,
/// brand, logo, theme: { primary: "#…", … } }`; fields of the wrong type
/// are ignored (the loader warns). One widget per page: a second mount
/// replaces the first's configuration.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> Result<Mounted, JsValue> {
    embed::set_config(embed::parse_config(&embed::js_to_json(&config), Mode::Widget));
    let host: web_sys::Element = match element.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
        Ok(shadow) => shadow.host(),
        Err(_) => element.clone().into(),
    };
    embed::set_host(Some(host));
    // Not innerHTML: a portal may enforce Trusted Types.
    while let Some(child) = element.first_child() {
        let _ = element.remove_child(&child);
    }
    let handle = mount_to(element, App);
    Ok(Mounted { handle: Some(Box::new(handle)) })
}
