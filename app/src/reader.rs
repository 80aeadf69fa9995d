//! The photo reader's client (issue 13): starts the reading module's Web
//! Worker (scripts/build-reader.mjs, reader-wasm/js/worker.js) the first time
//! the person goes to add a photo, and passes photos and answers between it
//! and the paper page. The module is fetched from the app's own origin only
//! then, never on the first load; the photo never leaves the phone.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the worker says.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Bytes of the module fetched so far, of all.
    Progress { loaded: f64, total: f64 },
    Ready,
    /// The module could not be fetched or started (offline on a first use).
    Failed,
    /// The photo `id` is decoded: its size, or why it cannot be read
    /// (`damaged`, `too_large`, `heic`, `pdf`, `not_an_image`, `empty`, `unsupported`).
    Decoded { id: u32, ok: bool, width: u32, height: u32, error: Option<String> },
    /// `mantetong read`'s JSON for photo `id`.
    Reading { id: u32, reading: Value, ms: f64 },
    ReadFailed { id: u32 },
}

type Listener = Rc<dyn Fn(Msg)>;

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    starting: bool,
    failed: bool,
    ready: bool,
    /// Messages waiting for the worker to exist.
    pending: Vec<JsValue>,
    listener: Option<Listener>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// The page that hears the worker (the last one set wins).
pub fn listen(f: impl Fn(Msg) + 'static) {
    STATE.with(|s| s.borrow_mut().listener = Some(Rc::new(f)));
}

fn tell(m: Msg) {
    let l = STATE.with(|s| s.borrow().listener.clone());
    if let Some(l) = l {
        l(m);
    }
}

fn num(v: &JsValue, k: &str) -> f64 {
    Reflect::get(v, &JsValue::from_str(k)).ok().and_then(|x| x.as_f64()).unwrap_or(0.0)
}

fn text(v: &JsValue, k: &str) -> Option<String> {
    Reflect::get(v, &JsValue::from_str(k)).ok().and_then(|x| x.as_string())
}

fn parse(v: &JsValue) -> Option<Msg> {
    let id = num(v, "id") as u32;
    Some(match text(v, "type")?.as_str() {
        "progress" => Msg::Progress { loaded: num(v, "loaded"), total: num(v, "total") },
        "ready" => Msg::Ready,
        "failed" => Msg::Failed,
        "decoded" => Msg::Decoded {
            id,
            ok: Reflect::get(v, &JsValue::from_str("ok")).ok().and_then(|x| x.as_bool()).unwrap_or(false),
            width: num(v, "width") as u32,
            height: num(v, "height") as u32,
            error: text(v, "error"),
        },
        "reading" => {
            let r = Reflect::get(v, &JsValue::from_str("reading")).ok()?;
            let json = js_sys::JSON::stringify(&r).ok()?.as_string()?;
            Msg::Reading { id, reading: serde_json::from_str(&json).ok()?, ms: num(v, "ms") }
        }
        _ => Msg::ReadFailed { id },
    })
}

/// The worker's script URL. On the app's own page: `/reader/worker-….js`.
/// In a widget the module is the app's, on APP-ORIGIN (where the loader
/// came from), not the portal's; a page may not start a worker from another
/// origin, so the worker is a one-line module of the page's own (a `blob:`
/// URL) that imports the app's worker script: its files are then fetched
/// from APP-ORIGIN (CORS) under the portal's CSP (docs/portal.md).
async fn worker_url() -> Option<String> {
    let window = web_sys::window()?;
    let base = window.document()?.base_uri().ok()??;
    let index = web_sys::Url::new_with_base(&crate::embed::app_url("reader/index.json"), &base).ok()?.href();
    let res: web_sys::Response = JsFuture::from(window.fetch_with_str(&index)).await.ok()?.dyn_into().ok()?;
    if !res.ok() {
        return None;
    }
    let json = JsFuture::from(res.text().ok()?).await.ok()?.as_string()?;
    let v: Value = serde_json::from_str(&json).ok()?;
    let url = web_sys::Url::new_with_base(v["worker"].as_str()?, &index).ok()?;
    if url.origin() == window.location().origin().ok()? {
        return Some(url.href());
    }
    let src = format!("import {};\n", serde_json::to_string(&url.href()).ok()?);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(&src)), &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn fail() {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.failed = true;
        s.starting = false;
        s.pending.clear();
    });
    tell(Msg::Failed);
}

/// Starts the worker (once) and has it fetch and start everything: called
/// when the picker opens, so the engine warms up while a photo is chosen.
pub fn warm() {
    let go = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.worker.is_some() || s.starting {
            return false;
        }
        s.starting = true;
        s.failed = false;
        s.pending.insert(0, msg("warm"));
        true
    });
    if !go {
        return;
    }
    leptos::task::spawn_local(async {
        let Some(url) = worker_url().await else { return fail() };
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let Ok(worker) = Worker::new_with_options(&url, &opts) else { return fail() };
        let on_msg = Closure::<dyn Fn(MessageEvent)>::new(|ev: MessageEvent| {
            if let Some(m) = parse(&ev.data()) {
                if m == Msg::Ready {
                    STATE.with(|s| s.borrow_mut().ready = true);
                }
                if m == Msg::Failed {
                    // Let the next photo try again (the network may be back).
                    STATE.with(|s| {
                        let mut s = s.borrow_mut();
                        if let Some(w) = s.worker.take() {
                            w.terminate();
                        }
                        s.failed = true;
                    });
                }
                tell(m);
            }
        });
        worker.set_onmessage(Some(on_msg.as_ref().unchecked_ref()));
        on_msg.forget();
        let on_err = Closure::<dyn Fn()>::new(fail);
        worker.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        on_err.forget();
        let pending = STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.starting = false;
            s.worker = Some(worker.clone());
            std::mem::take(&mut s.pending)
        });
        for m in pending {
            let _ = worker.post_message(&m);
        }
    });
}

fn msg(kind: &str) -> JsValue {
    let o = js_sys::Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str("type"), &JsValue::from_str(kind));
    o.into()
}

/// Whether the module is fetched and started (a photo is read at once).
pub fn ready() -> bool {
    STATE.with(|s| s.borrow().ready)
}

/// Reads a photo: answers come as [`Msg::Decoded`], then [`Msg::Reading`]
/// (or [`Msg::ReadFailed`]). `today` is (year, month, day).
pub fn read(id: u32, bytes: &[u8], today: (i32, u8, u8)) {
    let m = msg("read");
    let buf = Uint8Array::from(bytes).buffer();
    let _ = Reflect::set(&m, &JsValue::from_str("id"), &JsValue::from(id));
    let _ = Reflect::set(&m, &JsValue::from_str("bytes"), &buf);
    let day = Array::of3(&JsValue::from(today.0), &JsValue::from(today.1), &JsValue::from(today.2));
    let _ = Reflect::set(&m, &JsValue::from_str("today"), &day);
    let worker = STATE.with(|s| {
        let mut s = s.borrow_mut();
        match &s.worker {
            Some(w) => Some(w.clone()),
            None => {
                s.pending.push(m.clone());
                None
            }
        }
    });
    match worker {
        Some(w) => {
            let _ = w.post_message_with_transfer(&m, &Array::of1(&buf));
        }
        None => warm(),
    }
}
