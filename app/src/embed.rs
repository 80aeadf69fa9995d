//! How the app is hosted, and what it tells its host.
//!
//! Three modes, decided once at start-up and fixed for the page's life:
//! - **standalone**: the app owns the page (`index.html`, `#mtt-app`);
//!   browser-URL routing, the service worker, `document.title`.
//! - **widget**: a portal called `mount(element, config)` (or used
//!   `<mantetong-app>` from `mantetong-widget.js`). The app lives in the
//!   host's element, inside its (open) shadow root so the portal's CSS cannot
//!   reach in: memory routing (the host's URL, history and title are the
//!   host's), no service worker, events are DOM `CustomEvent`s (`mtt:step`,
//!   `mtt:language`, `mtt:elder`, `mtt:result`, `mtt:submitted`,
//!   `mtt:error`; the loader sends `mtt:ready`) on the host element.
//! - **frame**: the standalone page opened in an iframe as
//!   `/?embed=1&origin=https://portal.example`. Events are `postMessage`d
//!   to the parent with that origin as the explicit target origin (never
//!   `"*"`: if the parent is not that origin the browser drops them), and
//!   messages are accepted only when `event.origin` is exactly that origin
//!   and the sender is the parent window. Which origins may frame the app at
//!   all is the server's `frame-ancestors` policy. The frame also posts
//!   `resize` with its content height, and takes the region lock, endpoint
//!   and receiver from its URL (docs/portal.md).
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
    /// Where the app's own files are (the widget loader's origin, set by the
    /// loader, not by the portal): the photo reader's module is fetched
    /// from there (`packBase` may be the portal's copy of the packs only).
    pub app_base: Option<String>,
    /// Theme colours: (`--mtt-NAME`, value) custom properties on the root.
    pub theme: Vec<(String, String)>,
    /// Fetch the second module only when the person starts (default: on in
    /// widget mode, off otherwise).
    pub lazy: Option<bool>,
    /// `false`: no app name in the header (the portal has its own heading).
    pub brand: Option<bool>,
    /// An image URL shown in the header before the app name.
    pub logo: Option<String>,
}


type Live = std::rc::Rc<dyn Fn(&Config, &Value)>;

thread_local! {
    static CONFIG: RefCell<Config> = RefCell::new(Config::default());
    static HOST: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
    static STATE: RefCell<(Lang, bool)> = const { RefCell::new((Lang::Zh, false)) };
}

/// Keeps the language and elder mode in use, for [`state`].
pub fn set_state(lang: Lang, elder: bool) {
    STATE.with(|s| *s.borrow_mut() = (lang, elder));
}

/// `{lang, elder, region}`: what the host may know of the app's state.
pub fn state() -> Value {
    let (lang, elder) = STATE.with(|s| *s.borrow());
    json!({ "lang": lang.tag(), "elder": elder, "region": locked_region() })
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

/// The receiving body's name the host gave, if any.
pub fn receiver() -> Option<String> {
    CONFIG.with(|c| c.borrow().receiver.clone())
}

/// Whether to fetch the second module as soon as the first screen is live:
/// not in widget mode unless the host asked (`lazy: false`), so a portal
/// page that nobody uses costs only the first module.
pub fn prefetch_later() -> bool {
    CONFIG.with(|c| {
        let c = c.borrow();
        !c.lazy.unwrap_or(c.mode == Mode::Widget)
    })
}

/// Registers what applies a host's live change (language, elder mode,
/// theme) to the running app; set by the app's root.
pub fn set_live(f: impl Fn(&Config, &Value) + 'static) {
    LIVE.with(|l| *l.borrow_mut() = Some(std::rc::Rc::new(f)));
}

/// Forgets the live hook (the app it changes was unmounted).
pub fn clear_live() {
    LIVE.with(|l| *l.borrow_mut() = None);
}

/// A host's change after start (`app.update(...)`, an attribute, a frame's
/// `config` message): language, elder mode and theme go to the running
/// app, endpoint and receiver to the configuration; the region is fixed.
pub fn live_update(v: &Value) {
    let mode = config().mode;
    let framed = matches!(mode, Mode::Frame { .. });
    let mut c = parse_config(v, mode);
    // The widget's loader warned already (update() and attributes); a
    // frame's parent has no other way to hear what was left out.
    let problems = live_problems(v);
    if !problems.is_empty() && framed {
        let code = if v.get("endpoint").is_some() && c.endpoint.is_none() { "endpoint" } else { "config" };
        emit("error", json!({ "code": code, "message": problems.join("; ") }));
    }
    update_config(|cfg| {
        if c.endpoint.is_some() {
            cfg.endpoint = c.endpoint.clone();
        }
        if c.receiver.is_some() {
            cfg.receiver = c.receiver.clone();
        }
        c.theme = live_theme(&cfg.theme, &c.theme);
        if !c.theme.is_empty() {
            cfg.theme = c.theme.clone();
        }
    });
    if let Some(f) = LIVE.with(|l| l.borrow().clone()) {
        f(&c, v);
    }
}

/// Why an endpoint cannot be used (the widget loader's `check()` alike): a
/// value with a scheme other than http(s) (`javascript:alert(1)`,
/// `ftp://x/`), or with none and not a path; `None` for an http(s) URL or
/// a path (`/intake/applications`, `//gw.example/x`, `api/v1`).
pub fn endpoint_problem(e: &str) -> Option<String> {
    let t = e.trim();
    let scheme = t.find(':').map(|i| &t[..i]).filter(|s| s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)));
    let ok = !t.is_empty()
        && !t.chars().any(char::is_control)
        && match scheme {
            Some(s) => (s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https")) && t[s.len() + 1..].starts_with("//") && t.len() > s.len() + 3,
            None => true,
        };
    (!ok).then(|| format!("config.endpoint: {} is not an http(s) URL or path", Value::String(e.to_string())))
}

/// What a live change (`app.update()`, a frame's `config` message) leaves
/// out, one sentence per field naming it and its value; the keys a live
/// change cannot carry (`region`, `brand`, ...) among them.
pub fn live_problems(v: &Value) -> Vec<String> {
    let Some(m) = v.as_object() else { return vec!["config: expected an object".into()] };
    let show = |x: &Value| x.to_string();
    let mut out = Vec::new();
    for (k, x) in m {
        let bad = |what: String| format!("config.{k}: {what}; ignored");
        match k.as_str() {
            "type" | "source" | "version" => {}
            "lang" => {
                if x.as_str().and_then(Lang::from_tag).is_none() {
                    out.push(bad(format!("{} is not zh-CN or en", show(x))));
                }
            }
            "elder" => {
                if !x.is_boolean() {
                    out.push(bad(format!("expected true or false, got {}", show(x))));
                }
            }
            "endpoint" => match x.as_str() {
                Some(e) => out.extend(endpoint_problem(e).map(|p| format!("{p}; ignored"))),
                None => out.push(bad(format!("expected a string, got {}", show(x)))),
            },
            "receiver" => {
                if !x.as_str().is_some_and(|r| !r.trim().is_empty() && r.chars().count() <= 100) {
                    out.push(bad("expected the receiving body's name, at most 100 characters".into()));
                }
            }
            "theme" => match x.as_object() {
                Some(t) => {
                    for (name, value) in t {
                        if value.as_str().and_then(|val| theme_entry(name, val)).is_none() {
                            out.push(format!("config.theme.{name}: {} is not a theme variable and CSS value ({}); ignored", show(value), THEME_NAMES.join(", ")));
                        }
                    }
                }
                None => out.push(bad(format!("expected an object, got {}", show(x)))),
            },
            "region" | "packBase" | "appBase" | "lazy" | "brand" | "logo" => out.push(bad("cannot change after the start; load the frame again".into())),
            _ => out.push(bad("unknown option (known: lang, elder, endpoint, receiver, theme)".into())),
        }
    }
    out
}

/// `path` (no leading `/`) under the app's own base: `/path` on the app's
/// page, `APP-ORIGIN/path` in a widget (as an absolute URL).
pub fn app_url(path: &str) -> String {
    let base = CONFIG.with(|c| c.borrow().app_base.clone()).unwrap_or_else(|| "/".into());
    if base.ends_with('/') { format!("{base}{path}") } else { format!("{base}/{path}") }
}

/// `path` (no leading `/`) under the rule-pack base.
pub fn pack_url(path: &str) -> String {
    let base = CONFIG.with(|c| c.borrow().pack_base.clone()).unwrap_or_else(|| "/".into());
    if base.ends_with('/') { format!("{base}{path}") } else { format!("{base}/{path}") }
}

pub fn set_host(el: Option<web_sys::Element>) {
    HOST.with(|h| *h.borrow_mut() = el);
}

/// The theme variables a host may set (`--mtt-NAME`): colours and the font
/// family. Sizes, line height and target sizes are not among them: elder
/// mode's 24 px text and 60 px targets are not the portal's to shrink.
pub const THEME_NAMES: [&str; 13] =
    ["primary", "primary-dark", "on-primary", "text", "muted", "bg", "surface", "border", "error", "ok", "warn", "focus", "font"];

/// A theme entry: a known name (`primary` or `--mtt-primary`) and a value
/// that cannot close the declaration. Anything else is dropped.
fn theme_entry(name: &str, value: &str) -> Option<(String, String)> {
    let name = name.strip_prefix("--mtt-").unwrap_or(name);
    let ok_name = THEME_NAMES.contains(&name);
    let value = value.trim();
    let ok_value = !value.is_empty() && value.len() <= 100 && !value.contains([';', '{', '}', '<', '>', '\\']);
    (ok_name && ok_value).then(|| (format!("--mtt-{name}"), value.to_string()))
}

/// Reads a host's configuration object (camelCase keys, as in JS). A field
/// of the wrong type or value is ignored: a typo in a portal's config must
/// not take the app down. (The widget's loader checks the config first and
/// warns naming each field it ignores; docs/portal.md.)
pub fn parse_config(v: &Value, mode: Mode) -> Config {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty() && s.len() <= 2000).map(String::from);
    let b = |k: &str| v.get(k).and_then(Value::as_bool);
    let mut theme: Vec<(String, String)> = v
        .get("theme")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, val)| theme_entry(k, val.as_str()?)).collect())
        .unwrap_or_default();
    // The header: no app name (`brand: false`), a logo before it. Set as
    // custom properties the stylesheet reads, like the colours.
    let [brand_display, logo_image, logo_display] = HEADER_PROPS;
    if b("brand") == Some(false) {
        theme.push((brand_display.into(), "none".into()));
    }
    let logo = s("logo").filter(|u| !u.contains(['"', '\\', '(', ')']) && !u.chars().any(char::is_whitespace));
    if let Some(u) = &logo {
        theme.push((logo_image.into(), format!("url(\"{u}\")")));
        theme.push((logo_display.into(), "inline-block".into()));
    }
    Config {
        mode,
        // Kept even if not id-shaped (`Shanxi_Linfen`): the flow checks it
        // against the region list and tells the host (code `region`) rather
        // than dropping a lock quietly (pages/flow.rs).
        region: s("region"),
        lang: s("lang").and_then(|t| Lang::from_tag(&t)),
        elder: b("elder"),
        // Only an http(s) URL or a path (`endpoint_problem`).
        endpoint: s("endpoint").filter(|e| endpoint_problem(e).is_none()),
        pack_base: s("packBase"),
        app_base: s("appBase"),
        theme,
        receiver: s("receiver").filter(|r| r.chars().count() <= 100),
        lazy: b("lazy"),
        brand: b("brand"),
        logo,
    }
}

/// The frame's configuration from its own URL: `region`, `endpoint`,
/// `receiver`, `lang`, `elder`, `brand`, `logo`, `lazy` next to
/// `embed=1&origin=...` (`elder=true`, `brand=false`).
pub fn frame_url_config(search: &str) -> Value {
    let mut m = serde_json::Map::new();
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) {
        for k in ["region", "endpoint", "receiver", "lang", "logo"] {
            if let Some(v) = params.get(k) {
                m.insert(k.into(), Value::String(v));
            }
        }
        for k in ["elder", "brand", "lazy"] {
            if let Some(v) = params.get(k) {
                m.insert(k.into(), match v.as_str() { "true" | "1" => Value::Bool(true), "false" | "0" => Value::Bool(false), _ => Value::String(v) });
            }
        }
    }
    Value::Object(m)
}

/// The custom properties of the header that `brand` and `logo` set at
/// mount; fixed from then on (docs/portal.md, "Live changes").
const HEADER_PROPS: [&str; 3] = ["--mtt-brand-display", "--mtt-logo", "--mtt-logo-display"];

/// The theme after a live change: the change's colours and font (if it
/// has any) with the mount's header properties kept, or empty when the
/// change has no theme (nothing to apply). A portal that recoloured the
/// app with `app.update({theme})` or a frame's `config` message used to
/// bring the app's name back (`brand: false` dropped) and lose its logo.
pub fn live_theme(now: &[(String, String)], change: &[(String, String)]) -> Vec<(String, String)> {
    let is_header = |k: &str| HEADER_PROPS.contains(&k);
    let colours: Vec<(String, String)> = change.iter().filter(|(k, _)| !is_header(k)).cloned().collect();
    if colours.is_empty() {
        return Vec::new();
    }
    colours.into_iter().chain(now.iter().filter(|(k, _)| is_header(k)).cloned()).collect()
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

/// Tells the host that something the app needs could not be loaded
/// (`code`: `pack`, `region`, `calendar`); `message` names the file.
pub fn load_failed(code: &str, message: &str) {
    emit("error", json!({ "code": code, "message": message }));
}

/// Tells the host a submission attempt failed: `retrying` (the outbox
/// tries again by itself) or refused for good. No personal data: neither
/// the package nor the server's words. Called from the submit flow.
pub fn submit_failed(retrying: bool, attempts: u32) {
    let message = if retrying { "submission failed; the app retries by itself" } else { "submission refused by the endpoint" };
    emit("error", json!({ "code": "submit", "retrying": retrying, "attempts": attempts, "message": message }));
}

/// Frame mode: posts `{type: "resize", height}` (CSS px, the app's content
/// height) whenever it changes, so the portal can size the iframe.
pub fn report_height(root: &web_sys::Element) {
    if !matches!(config().mode, Mode::Frame { .. }) {
        return;
    }
    let last = std::rc::Rc::new(std::cell::Cell::new(0.0f64));
    let measure = move || {
        // The document's own height (the page's margins included), not the
        // frame's viewport, which the portal sets from this very number.
        let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
        let h = html.get_bounding_client_rect().height().ceil();
        if h > 0.0 && h != last.get() {
            last.set(h);
            emit("resize", json!({ "height": h }));
        }
    };
    let cb = Closure::<dyn Fn()>::new(measure);
    if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        obs.observe(root);
        std::mem::forget(obs);
    }
    cb.forget();
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
/// theme, endpoint, receiver}` and `{type: "setLanguage", lang}`. Anything
/// from another origin or window is ignored without a word.
pub fn listen_to_parent(apply: impl Fn(Value) + 'static) {
    let Mode::Frame { origin } = config().mode else { return };
    let Some(w) = web_sys::window() else { return };
    gloo_events::EventListener::new(&w, "message", move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else { return };
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
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_fields_and_bad_values() {
        let v = json!({
            "region": "shandong-rizhao", "lang": "en-GB", "elder": true,
            "endpoint": "https://x/api", "packBase": "https://x/", "receiver": "临汾市医疗保障局", "lazy": false,
            "theme": { "primary": "#7a1f1f", "--mtt-bg": "#fff", "bad name": "#000", "size": "9px", "text": "red;}body{x:1" },
        });
        let c = parse_config(&v, Mode::Widget);
        assert_eq!(c.region.as_deref(), Some("shandong-rizhao"));
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.elder, Some(true));
        assert_eq!(c.receiver.as_deref(), Some("临汾市医疗保障局"));
        assert_eq!(c.lazy, Some(false));
        assert_eq!(c.theme, vec![("--mtt-bg".to_string(), "#fff".to_string()), ("--mtt-primary".to_string(), "#7a1f1f".to_string())]);
        assert_eq!(theme_style(&c), "--mtt-bg:#fff;--mtt-primary:#7a1f1f;");
        let empty = parse_config(&json!({ "region": " ", "lang": "fr", "elder": "yes", "theme": [] }), Mode::Widget);
        assert_eq!(empty, Config { mode: Mode::Widget, ..Config::default() });
        // A malformed region is kept, for the flow to report it (code `region`).
        let bad = parse_config(&json!({ "region": "Shandong_Rizhao", "endpoint": "javascript:alert(1)" }), Mode::Widget);
        assert_eq!(bad.region.as_deref(), Some("Shandong_Rizhao"));
        // An endpoint that is no http(s) URL or path is never taken.
        assert_eq!(bad.endpoint, None);
    }

    #[test]
    fn an_endpoint_is_an_http_url_or_a_path() {
        for (e, ok) in [
            ("https://gw.example/api/v1/applications", true),
            ("HTTP://127.0.0.1:8080/x", true),
            ("/intake/applications", true),
            ("//gw.example/x", true),
            ("api/v1/applications", true),
            ("javascript:alert(1)", false),
            ("ftp://gw.example/x", false),
            ("data:text/html,x", false),
            ("https:/x", false),
            ("https://", false),
            ("", false),
            ("/a\u{7}b", false),
        ] {
            let e = e.to_string();
            assert_eq!(endpoint_problem(&e).is_none(), ok, "{e:?}");
        }
        assert_eq!(endpoint_problem("javascript:alert(1)").unwrap(), r#"config.endpoint: "javascript:alert(1)" is not an http(s) URL or path"#);
    }

    #[test]
    fn a_live_change_names_each_field_it_leaves_out() {
        let cases: &[(Value, &[&str])] = &[
            (json!({ "type": "config", "lang": "en", "elder": true, "endpoint": "/x", "receiver": "临汾市医疗保障局", "theme": { "primary": "#000" } }), &[]),
            (json!({ "type": "config", "lang": "fr" }), &[r#"config.lang: "fr" is not zh-CN or en; ignored"#]),
            (json!({ "type": "config", "elder": "yes" }), &[r#"config.elder: expected true or false, got "yes"; ignored"#]),
            (json!({ "type": "config", "endpoint": "javascript:alert(1)" }), &[r#"config.endpoint: "javascript:alert(1)" is not an http(s) URL or path; ignored"#]),
            (json!({ "type": "config", "region": "cn-shanxi-linfen" }), &["config.region: cannot change after the start; load the frame again; ignored"]),
            (json!({ "type": "config", "colour": "red" }), &["config.colour: unknown option (known: lang, elder, endpoint, receiver, theme); ignored"]),
        ];
        for (v, want) in cases {
            assert_eq!(live_problems(v), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{v}");
        }
        let theme = live_problems(&json!({ "theme": { "size": "9px", "text": "red;}" } }));
        assert_eq!(theme.len(), 2, "{theme:?}");
        assert!(theme[0].starts_with(r#"config.theme.size: "9px""#), "{theme:?}");
    }

    #[test]
    fn a_live_theme_keeps_the_mounts_header() {
        let kv = |k: &str, v: &str| (k.to_string(), v.to_string());
        let mounted = parse_config(&json!({ "brand": false, "logo": "https://p/l.svg", "theme": { "primary": "#111" } }), Mode::Widget).theme;
        // (now, change, after)
        let cases: Vec<(Vec<(String, String)>, Value, Vec<(String, String)>)> = vec![
            // A recolouring keeps brand: false and the logo.
            (
                mounted.clone(),
                json!({ "theme": { "primary": "#7a1f1f" } }),
                vec![
                    kv("--mtt-primary", "#7a1f1f"),
                    kv("--mtt-brand-display", "none"),
                    kv("--mtt-logo", "url(\"https://p/l.svg\")"),
                    kv("--mtt-logo-display", "inline-block"),
                ],
            ),
            // brand and logo are fixed at mount: a change naming them alone changes nothing.
            (mounted.clone(), json!({ "brand": true, "logo": "https://q/x.svg" }), vec![]),
            (mounted.clone(), json!({ "brand": false, "lang": "en" }), vec![]),
            // Nothing mounted for the header: the colours alone.
            (vec![], json!({ "theme": { "bg": "#fff" } }), vec![kv("--mtt-bg", "#fff")]),
        ];
        for (now, change, after) in cases {
            let c = parse_config(&change, Mode::Widget);
            assert_eq!(live_theme(&now, &c.theme), after, "{change}");
        }
    }

    #[test]
    fn brand_and_logo_become_custom_properties() {
        let c = parse_config(&json!({ "brand": false, "logo": "https://p/logo.svg" }), Mode::Widget);
        assert_eq!(
            c.theme,
            vec![
                ("--mtt-brand-display".to_string(), "none".to_string()),
                ("--mtt-logo".to_string(), "url(\"https://p/logo.svg\")".to_string()),
                ("--mtt-logo-display".to_string(), "inline-block".to_string()),
            ]
        );
        let c = parse_config(&json!({ "logo": "x\") ; background: red" }), Mode::Widget);
        assert!(c.theme.is_empty() && c.logo.is_none());
    }
}
