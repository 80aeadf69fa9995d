//! Navigation that works the same whether the app owns the browser URL
//! (standalone, frame: the History API) or lives in a host's page (widget:
//! an in-memory history).
//!
//! Why not `leptos_router`: the app's routes are a handful of fixed paths
//! (matched in `shell.rs`), and the router's generic route tree was ~15 KB
//! brotli of the first-load wasm (docs/size.md). Both histories here are a path signal
//! plus push/replace/back.
//!
//! Why memory routing for the widget: the host page's URL, history and
//! title belong to the portal. A browser history would listen to the
//! window's `popstate` and push its own paths: under a base path it would
//! still need the portal to serve that path on reload, and it would steal
//! clicks on the portal's own links. The widget's steps are also kept in the
//! draft (`step`), so a reload of the portal resumes the application where
//! it was, as standalone does.
//!
//! Pages use [`use_nav`] and plain `<a href="/apply/...">` links: a click
//! listener on the app's own root (never the window) routes them.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::embed;

/// The in-memory history of a widget: the current path is the last entry.
#[derive(Clone, Copy)]
pub struct Memory {
    stack: RwSignal<Vec<String>>,
}

impl Memory {
    pub fn new(start: &str) -> Memory {
        Memory { stack: RwSignal::new(vec![start.to_string()]) }
    }

    pub fn path(&self) -> String {
        self.stack.with(|s| s.last().cloned().unwrap_or_else(|| "/".into()))
    }

    fn go(&self, to: &str, replace: bool) {
        let to = to.split(['#', '?']).next().unwrap_or("/").to_string();
        self.stack.update(|s| {
            if replace {
                s.pop();
            }
            if s.last() != Some(&to) {
                s.push(to);
            }
        });
    }

    fn back(&self) {
        self.stack.update(|s| {
            if s.len() > 1 {
                s.pop();
            }
        });
    }
}

/// The browser's history: the path follows `location.pathname`, moves
/// push or replace history entries, back and forward come as `popstate`.
#[derive(Clone, Copy)]
pub struct Browser {
    path: RwSignal<String>,
}

impl Browser {
    /// Starts following the window's location (call once per app).
    pub fn follow() -> Browser {
        let path = RwSignal::new(location_path());
        let _ = window_event_listener(leptos::ev::popstate, move |_| path.set(location_path()));
        Browser { path }
    }

    fn go(&self, to: &str, replace: bool) {
        let to = to.split(['#', '?']).next().unwrap_or("/").to_string();
        let Some(w) = web_sys::window() else { return };
        if let Ok(h) = w.history() {
            // In a frame the query is the frame's whole config (`embed=1&
            // origin=...&region=...`): kept, so a frame the browser reloads
            // (a phone restoring a discarded tab) starts framed again.
            let search = match crate::embed::config().mode {
                crate::embed::Mode::Frame { .. } => w.location().search().unwrap_or_default(),
                _ => String::new(),
            };
            let url = format!("{to}{search}");
            let url = Some(url.as_str());
            let _ = if replace || to == self.path.get_untracked() {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", url)
            } else {
                h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", url)
            };
        }
        if !replace {
            // A new page starts at its top, as a page load would.
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.path.set(to);
    }
}

fn location_path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into())
}

/// Which history the app uses; provided as context by the shell.
#[derive(Clone, Copy)]
pub enum History {
    Browser(Browser),
    Memory(Memory),
}

/// Where the app is and how to move; get it with [`use_nav`].
#[derive(Clone, Copy)]
pub struct Nav {
    history: History,
}

impl Nav {
    /// The current path (reactive), e.g. `/apply/who`.
    pub fn path(&self) -> String {
        match self.history {
            History::Browser(b) => b.path.get(),
            History::Memory(m) => m.path(),
        }
    }

    pub fn path_signal(&self) -> Signal<String> {
        match self.history {
            History::Browser(b) => b.path.into(),
            History::Memory(m) => Signal::derive(move || m.path()),
        }
    }

    /// Goes to `to`, adding a history entry.
    pub fn go(&self, to: &str) {
        self.move_to(to, false)
    }

    /// Goes to `to` in place of the current entry (redirects).
    pub fn replace(&self, to: &str) {
        self.move_to(to, true)
    }

    fn move_to(&self, to: &str, replace: bool) {
        match self.history {
            History::Browser(b) => b.go(to, replace),
            History::Memory(m) => m.go(to, replace),
        }
    }

    /// One step back, as the browser's back button.
    pub fn back(&self) {
        match self.history {
            History::Memory(m) => m.back(),
            History::Browser(_) => {
                if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = h.back();
                }
            }
        }
    }

    /// What follows `prefix` in the path (`/apply/q/` → the question id).
    pub fn tail(&self, prefix: &'static str) -> Memo<String> {
        let path = self.path_signal();
        Memo::new(move |_| path.with(|p| p.strip_prefix(prefix).unwrap_or_default().to_string()))
    }
}

/// The navigation of the current app; call it in a component body.
pub fn use_nav() -> Nav {
    Nav { history: expect_context::<History>() }
}

/// Routes clicks on the app's own links (`href="/..."`) through `nav`
/// instead of loading a page. Attach to the app's root element only.
pub fn intercept_click(nav: Nav, ev: &web_sys::MouseEvent) {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    let mut node = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    while let Some(el) = node {
        if el.tag_name().eq_ignore_ascii_case("a") {
            let href = el.get_attribute("href").unwrap_or_default();
            // The paper checklists are static pages (scripts/paper-pages.mjs), not routes.
            let external = el.has_attribute("download")
                || el.get_attribute("target").is_some_and(|t| !t.is_empty())
                || href.starts_with("/paper/");
            if href.starts_with('/') && !href.starts_with("//") && !external {
                ev.prevent_default();
                nav.go(&href);
            } else if let Some(id) = href.strip_prefix('#').filter(|id| !id.is_empty()) {
                // In-page links (skip link, error summary): move focus
                // without writing a fragment into the portal's URL.
                ev.prevent_default();
                // In a widget the app lives in a shadow root: look there.
                let target = match el.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
                    Ok(shadow) => shadow.get_element_by_id(id),
                    Err(_) => el.owner_document().and_then(|d| d.get_element_by_id(id)),
                };
                if let Some(t) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    t.scroll_into_view();
                    let _ = t.focus();
                }
            }
            return;
        }
        if el.class_list().contains("mtt-root") {
            return;
        }
        node = el.parent_element();
    }
}

/// Tells the host about route changes (no personal data: the path names
/// steps and question ids only).
pub fn report_steps(path: Signal<String>) {
    if embed::config().mode == embed::Mode::Standalone {
        return;
    }
    Effect::new(move |last: Option<String>| {
        let p = path.get();
        // Once per page: not again for the same path (the frame's static
        // home swapped for the live one), nor for `/apply/q` alone, which
        // only chooses the next question and moves on at once.
        if last.as_deref() != Some(p.as_str()) && p != "/apply/q" {
            // The step's number and the number of steps, as the step
            // indicator shows them (null outside the numbered steps).
            let index = crate::pages::flow::step_index(&p).map(|i| i + 1);
            embed::emit("step", serde_json::json!({ "path": p, "index": index, "total": crate::pages::flow::STEP_COUNT }));
        }
        p
    });
}
