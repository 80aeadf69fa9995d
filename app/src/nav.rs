//! Navigation that works the same whether the app owns the browser URL
//! (standalone, frame: `leptos_router` over the History API) or lives in a
//! host's page (widget: an in-memory history).
//!
//! Why memory routing for the widget: the host page's URL, history and
//! title belong to the portal. `leptos_router`'s browser location listens to
//! every click on the window and to `popstate`, and pushes its own paths:
//! under a base path it would still need the portal to serve that path on
//! reload, and it would steal clicks on the portal's own links under it.
//! The widget's steps are also kept in the draft (`step`), so a reload of
//! the portal resumes the application where it was, as standalone does.
//!
//! Pages use [`use_nav`] instead of `leptos_router` hooks, and plain
//! `<a href="/apply/...">` links: in widget mode a click listener on the
//! app's own root (not the window) routes them.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;

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

/// Where the app is and how to move; get it with [`use_nav`].
#[derive(Clone)]
pub struct Nav {
    path: Signal<String>,
    go: Arc<dyn Fn(&str, bool) + Send + Sync>,
    memory: Option<Memory>,
}

impl Nav {
    /// The current path (reactive), e.g. `/apply/who`.
    pub fn path(&self) -> String {
        self.path.get()
    }

    pub fn path_signal(&self) -> Signal<String> {
        self.path
    }

    /// Goes to `to`, adding a history entry.
    pub fn go(&self, to: &str) {
        (self.go)(to, false)
    }

    /// Goes to `to` in place of the current entry (redirects).
    pub fn replace(&self, to: &str) {
        (self.go)(to, true)
    }

    /// One step back, as the browser's back button.
    pub fn back(&self) {
        match self.memory {
            Some(m) => m.back(),
            None => {
                if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = h.back();
                }
            }
        }
    }

    /// What follows `prefix` in the path (`/apply/q/` → the question id).
    pub fn tail(&self, prefix: &'static str) -> Memo<String> {
        let path = self.path;
        Memo::new(move |_| path.with(|p| p.strip_prefix(prefix).unwrap_or_default().to_string()))
    }
}

/// The navigation of the current app; call it in a component body.
pub fn use_nav() -> Nav {
    if let Some(m) = use_context::<Memory>() {
        let go = Arc::new(move |to: &str, replace: bool| m.go(to, replace));
        return Nav { path: Signal::derive(move || m.path()), go, memory: Some(m) };
    }
    let navigate = leptos_router::hooks::use_navigate();
    let location = leptos_router::hooks::use_location();
    let go = Arc::new(move |to: &str, replace: bool| navigate(to, NavigateOptions { replace, ..Default::default() }));
    Nav { path: location.pathname.into(), go, memory: None }
}

/// In widget mode: routes clicks on the app's own links (`href="/..."`)
/// in memory. Attach to the app's root element only.
pub fn intercept_click(m: Memory, ev: &web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    let mut node = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    while let Some(el) = node {
        if el.tag_name().eq_ignore_ascii_case("a") {
            let href = el.get_attribute("href").unwrap_or_default();
            let external = el.has_attribute("download") || el.get_attribute("target").is_some_and(|t| !t.is_empty());
            if href.starts_with('/') && !href.starts_with("//") && !external {
                ev.prevent_default();
                m.go(&href, false);
            } else if let Some(id) = href.strip_prefix('#').filter(|id| !id.is_empty()) {
                // In-page links (skip link, error summary): move focus
                // without writing a fragment into the portal's URL.
                ev.prevent_default();
                let target = el.owner_document().and_then(|d| d.get_element_by_id(id));
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
    Effect::new(move |_| {
        let p = path.get();
        embed::emit("step", serde_json::json!({ "path": p }));
    });
}
