//! How the app is hosted, and what it tells its host.
//!
//! Three modes, decided once at start-up and fixed for the page's life:
//! - **standalone**: the app owns the page (`index.html`, `#mtt-app`);
//!   browser-URL routing, the service worker, `document.title`.
//! - **widget**: a portal called `mount(element, config)` (or used
//!   `<mantetong-app>` from `mantetong-widget.js`). The app lives in the
//!   host's element: memory routing (the host's URL, history and title are
//!   the host's), no service worker, events are DOM `CustomEvent`s
//!   (`mtt:ready`, `mtt:step`, `mtt:result`, `mtt:submitted`) on the element.
//! - **frame**: the standalone page opened in an iframe as
//!   `/?embed=1&origin=https://portal.example`. Events are `postMessage`d
//!   to the parent with that origin as the explicit target origin (never
//!   `"*"`: if the parent is not that origin the browser drops them), and
//!   messages are accepted only when `event.origin` is exactly that origin
//!   and the sender is the parent window. Which origins may frame the app at
//!   all is the server's `frame-ancestors` policy.
//!
//! Architecture invariant: events carry no personal data: the route, the
//! eligibility status with the region, the receipt. Never facts or names.

use std::cell::RefCell;

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::prefs::Lang;

/// Where the app runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Mode {
    #[default]
    Standalone,
    /// Mounted into a host element, which receives the events.
    Widget,
    /// In an iframe; events go to the parent at this exact origin.
    Frame { origin: String },
}

/// What a host may set. Every field is optional; `None` keeps the default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub mode: Mode,
    /// Region lock: the region step is skipped and no other region offered.
    pub region: Option<String>,
    /// The interface language, over the person's saved choice.
    pub lang: Option<Lang>,
    /// Elder mode when the person has made no choice of their own.
    pub elder: Option<bool>,
    /// The submission endpoint (absolute URL or path).
    pub endpoint: Option<String>,
    /// Who receives what is sent to `endpoint` (its official name), shown
    /// before sending; without it the app asks the endpoint (issue 12).
    pub receiver: Option<String>,
    /// Where `regions/` and `calendar/` are fetched, ending in `/`.
    pub pack_base: Option<String>,
    /// Theme colours: (`--mtt-NAME`, value) custom properties on the root.
    pub theme: Vec<(String, String)>,
}

thread_local! {
    static CONFIG: RefCell<Config> = RefCell::new(Config::default());
    static HOST: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// The configuration of this page's app.
pub fn config() -> Config {
    CONFIG.with(|c| c.borrow().clone())
}

pub fn set_config(c: Config) {
    CONFIG.with(|cell| *cell.borrow_mut() = c);
}

/// Changes the configuration in place (a frame's `config` message).
pub fn update_config(change: impl FnOnce(&mut Config)) {
    CONFIG.with(|cell| change(&mut cell.borrow_mut()));
}

pub fn is_widget() -> bool {
    CONFIG.with(|c| c.borrow().mode == Mode::Widget)
}

/// The app owns the document (title, `<html lang>`): standalone or framed.
pub fn owns_document() -> bool {
    !is_widget()
}

/// The region the host locked the app to, if any.
pub fn locked_region() -> Option<String> {
    CONFIG.with(|c| c.borrow().region.clone())
}

/// `path` (no leading `/`) under the rule-pack base.
pub fn pack_url(path: &str) -> String {
    let base = CONFIG.with(|c| c.borrow().pack_base.clone()).unwrap_or_else(|| "/".into());
    if base.ends_with('/') { format!("{base}{path}") } else { format!("{base}/{path}") }
}

pub fn set_host(el: Option<web_sys::Element>) {
    HOST.with(|h| *h.borrow_mut() = el);
}

/// A theme name is a custom-property suffix (`primary`, `on-primary`); a
/// value may not close the declaration. Anything else is dropped.
fn theme_entry(name: &str, value: &str) -> Option<(String, String)> {
    let name = name.strip_prefix("--mtt-").unwrap_or(name);
    let ok_name = !name.is_empty() && name.len() <= 40 && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let ok_value = !value.is_empty() && value.len() <= 100 && !value.contains([';', '{', '}', '<', '>', '\\']);
    (ok_name && ok_value).then(|| (format!("--mtt-{name}"), value.trim().to_string()))
}

/// Reads a host's configuration object (camelCase keys, as in JS).
/// Wrong types are ignored field by field: a typo in a portal's config must
/// not take the app down.
pub fn parse_config(v: &Value, mode: Mode) -> Config {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let theme = v
        .get("theme")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, val)| theme_entry(k, val.as_str()?)).collect())
        .unwrap_or_default();
    Config {
        mode,
        region: s("region"),
        lang: s("lang").and_then(|t| Lang::from_tag(&t)),
        elder: v.get("elder").and_then(Value::as_bool),
        endpoint: s("endpoint"),
        receiver: s("receiver"),
        pack_base: s("packBase"),
        theme,
    }
}

/// The inline style of the root: the theme's custom properties.
pub fn theme_style(c: &Config) -> String {
    c.theme.iter().map(|(k, v)| format!("{k}:{v};")).collect()
}

/// A JS value as JSON (the host's config object).
pub fn js_to_json(v: &JsValue) -> Value {
    if v.is_undefined() || v.is_null() {
        return Value::Null;
    }
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(Value::Null)
}

fn json_to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// Tells the host something happened: `ready`, `step`, `result`, `submitted`.
pub fn emit(kind: &str, detail: Value) {
    match config().mode {
        Mode::Standalone => {}
        Mode::Widget => HOST.with(|h| {
            if let Some(el) = h.borrow().as_ref() {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&json_to_js(&detail));
                init.set_bubbles(true);
                if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&format!("mtt:{kind}"), &init) {
                    let _ = el.dispatch_event(&ev);
                }
            }
        }),
        Mode::Frame { origin } => {
            let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
            let mut msg = json!({ "source": "mantetong", "version": 1, "type": kind });
            if let (Some(m), Value::Object(d)) = (msg.as_object_mut(), detail) {
                m.extend(d);
            }
            // The explicit target origin: the browser delivers only if the
            // parent is that origin.
            let _ = parent.post_message(&json_to_js(&msg), &origin);
        }
    }
}

/// The frame mode from the page's own URL: `?embed=1&origin=ORIGIN`, where
/// ORIGIN is a bare `scheme://host[:port]`. When the browser can tell who
/// the parent is (`location.ancestorOrigins`) and it is someone else, the
/// app stays quiet (standalone): it will not talk to a page it was not
/// promised.
pub fn frame_mode_from_url() -> Option<Mode> {
    let w = web_sys::window()?;
    let loc = w.location();
    let params = web_sys::UrlSearchParams::new_with_str(&loc.search().ok()?).ok()?;
    if params.get("embed").as_deref() != Some("1") {
        return None;
    }
    let origin = normalize_origin(&params.get("origin")?)?;
    // Not in a frame at all: nothing to talk to.
    let parent = w.parent().ok().flatten()?;
    if js_sys::Object::is(&parent, &w) {
        return None;
    }
    if let Ok(ancestors) = js_sys::Reflect::get(&loc, &"ancestorOrigins".into()) {
        if let Some(list) = ancestors.dyn_ref::<web_sys::DomStringList>() {
            if list.item(0).is_some_and(|first| first != origin) {
                return None;
            }
        }
    }
    Some(Mode::Frame { origin })
}

/// `https://portal.example[:port]` as the browser serialises it, or `None`
/// for anything that is not a bare http(s) origin (`*`, paths, `null`).
pub fn normalize_origin(o: &str) -> Option<String> {
    let url = web_sys::Url::new(o).ok()?;
    let origin = url.origin();
    let bare = o.trim_end_matches('/');
    ((url.protocol() == "https:" || url.protocol() == "http:") && origin == bare).then_some(origin)
}

/// In frame mode, listens to the parent: `{type: "config", lang, elder,
/// theme}` and `{type: "setLanguage", lang}`. Anything from another origin
/// or window is ignored without a word.
pub fn listen_to_parent(apply: impl Fn(Value) + 'static) {
    let Mode::Frame { origin } = config().mode else { return };
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        if ev.origin() != origin {
            return;
        }
        let from_parent = match (ev.source(), web_sys::window().and_then(|w| w.parent().ok().flatten())) {
            (Some(src), Some(parent)) => js_sys::Object::is(&src, &parent),
            _ => false,
        };
        if !from_parent {
            return;
        }
        let msg = js_to_json(&ev.data());
        if msg.get("type").and_then(Value::as_str).is_some() {
            apply(msg);
        }
    });
    let _ = w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
    cb.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_fields_and_bad_values() {
        let v = json!({
            "region": "cn-shandong-rizhao", "lang": "en-GB", "elder": true,
            "endpoint": "https://x/api", "packBase": "https://x/",
            "theme": { "primary": "#7a1f1f", "--mtt-bg": "#fff", "bad name": "#000", "text": "red;}body{x:1" },
        });
        let c = parse_config(&v, Mode::Widget);
        assert_eq!(c.region.as_deref(), Some("cn-shandong-rizhao"));
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.elder, Some(true));
        assert_eq!(c.theme, vec![("--mtt-bg".to_string(), "#fff".to_string()), ("--mtt-primary".to_string(), "#7a1f1f".to_string())]);
        assert_eq!(theme_style(&c), "--mtt-bg:#fff;--mtt-primary:#7a1f1f;");
        let empty = parse_config(&json!({ "region": 3, "lang": "fr", "elder": "yes", "theme": [] }), Mode::Widget);
        assert_eq!(empty, Config { mode: Mode::Widget, ..Config::default() });
    }
}
