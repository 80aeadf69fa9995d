//! Submission (protocol v1, docs/protocol-v1.md): the application package is
//! built on the device, written to a durable outbox *before* the first send,
//! and sent with one idempotency key through every retry, so the region never
//! gets two and a dropped connection, a reload or a closed tab loses nothing.
//!
//! The outbox's records live in `localStorage` (`mtt:outbox`), the package
//! bytes in IndexedDB beside the papers. Retries back off exponentially with
//! full jitter on network errors, timeouts, 409 (still in flight) and 5xx;
//! any other 4xx is final and shown with the server's per-field errors.

use js_sys::Uint8Array;
use leptos::prelude::*;
use mantetong_core::package::{self, Client, NewFile, PackId};
use serde_json::{json, Value};
use wasm_bindgen_futures::JsFuture;

use crate::draft::Draft;
use crate::files;

/// Where submissions go unless a pack's `online` channel or the embedding
/// portal names another: the reference intake server on the same origin.
pub const DEFAULT_ENDPOINT: &str = "/api/v1/applications";
const OUTBOX_KEY: &str = "mtt:outbox";
/// A send that has not finished in this time is abandoned and retried.
const TIMEOUT_MS: i32 = 20_000;

/// The endpoint this app submits to: `<meta name="mtt-endpoint">` if the
/// page sets one (a portal's deployment), else [`DEFAULT_ENDPOINT`].
pub fn endpoint() -> String {
    if let Some(e) = crate::embed::config().endpoint {
        return e; // the host's override (widget config)
    }
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=mtt-endpoint]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| DEFAULT_ENDPOINT.to_string())
}

/// One application in the outbox.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub draft: String,
    pub endpoint: String,
    /// `queued`, `sent` or `refused`.
    pub state: String,
    pub attempts: u32,
    pub next_at: f64,
    pub receipt: Option<String>,
    pub received_at: Option<String>,
    /// The last failure, for the person (a status or the server's errors).
    pub error: Option<String>,
    /// Who receives it, by name (zh, en); `None` with `demo` for the
    /// reference server without a receiver name, or for an unnamed endpoint.
    pub receiver: Option<(String, String)>,
    pub demo: bool,
    /// The receipt of the returned application this one replaces (v1.1).
    pub supersedes: Option<String>,
    /// The last status answer (`GET {endpoint}/{receipt}`), its ETag, when
    /// it was asked and how many asks in a row failed (for the backoff).
    pub remote: Option<Value>,
    pub etag: Option<String>,
    pub checked_at: f64,
    pub check_failures: u32,
}

impl Entry {
    fn to_value(&self) -> Value {
        json!({ "key": self.key, "draft": self.draft, "endpoint": self.endpoint, "state": self.state,
                "attempts": self.attempts, "next_at": self.next_at, "receipt": self.receipt,
                "received_at": self.received_at, "error": self.error,
                "receiver": self.receiver.as_ref().map(|(zh, en)| json!({ "zh": zh, "en": en })), "demo": self.demo,
                "supersedes": self.supersedes, "remote": self.remote, "etag": self.etag,
                "checked_at": self.checked_at, "check_failures": self.check_failures })
    }
    fn from_value(v: &Value) -> Option<Entry> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(String::from);
        Some(Entry {
            key: s("key")?,
            draft: s("draft")?,
            endpoint: s("endpoint")?,
            state: s("state")?,
            attempts: v.get("attempts").and_then(Value::as_u64).unwrap_or(0) as u32,
            next_at: v.get("next_at").and_then(Value::as_f64).unwrap_or(0.0),
            receipt: s("receipt"),
            received_at: s("received_at"),
            error: s("error"),
            receiver: v.get("receiver").and_then(|r| Some((r.get("zh")?.as_str()?.to_string(), r.get("en")?.as_str()?.to_string()))),
            demo: v.get("demo").and_then(Value::as_bool).unwrap_or(false),
            supersedes: s("supersedes"),
            remote: v.get("remote").filter(|r| r.is_object()).cloned(),
            etag: s("etag"),
            checked_at: v.get("checked_at").and_then(Value::as_f64).unwrap_or(0.0),
            check_failures: v.get("check_failures").and_then(Value::as_u64).unwrap_or(0) as u32,
        })
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_outbox() -> Vec<Entry> {
    storage()
        .and_then(|s| s.get_item(OUTBOX_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str::<Vec<Value>>(&t).ok())
        .map(|l| l.iter().filter_map(Entry::from_value).collect())
        .unwrap_or_default()
}

fn save_outbox(list: &[Entry]) -> bool {
    let text = Value::Array(list.iter().map(Entry::to_value).collect()).to_string();
    storage().is_some_and(|s| s.set_item(OUTBOX_KEY, &text).is_ok())
}

fn update_entry(key: &str, change: impl FnOnce(&mut Entry)) -> Option<Entry> {
    let mut list = load_outbox();
    let e = list.iter_mut().find(|e| e.key == key)?;
    change(e);
    let out = e.clone();
    save_outbox(&list);
    Some(out)
}

/// The latest outbox entry of a draft, if it was submitted (a resubmission
/// is a later entry than the application it replaces).
pub fn entry_for(draft: &str) -> Option<Entry> {
    load_outbox().into_iter().rev().find(|e| e.draft == draft)
}

impl Entry {
    /// The status the receiver last gave (`received` until asked).
    pub fn remote_status(&self) -> Option<&str> {
        self.remote.as_ref()?.get("status")?.as_str()
    }
    /// Returned for a fix, and not yet replaced: the draft may be sent again.
    pub fn returned(&self) -> bool {
        self.state == "sent" && self.remote_status() == Some("returned")
    }
}

/// Delay before retry `attempt` (1-based): exponential from 1 s, capped at
/// 60 s, with full jitter so many phones coming back online do not all
/// retry at once. `random` is in [0, 1).
pub fn backoff_ms(attempt: u32, random: f64) -> f64 {
    let ceiling = (1000.0 * 2f64.powi(attempt.saturating_sub(1).min(6) as i32)).min(60_000.0);
    (ceiling * random).max(250.0)
}

fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64))
}

/// RFC 3339 local time with offset, e.g. `2025-09-30T10:15:00+08:00`.
fn now_rfc3339() -> String {
    let d = js_sys::Date::new_0();
    let off = -(d.get_timezone_offset() as i32);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes(), d.get_seconds(),
        if off < 0 { '-' } else { '+' }, off.abs() / 60, off.abs() % 60
    )
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        _ => "jpg",
    }
}

/// The package of a draft: its facts (with `as_of` set to today), the
/// result as evaluated, and every stored paper. The code is in the third
/// module (app/src/views.rs: the core's ZIP writer and sha2 are not in the
/// flow's bytes); fetched here if needed.
pub async fn build_package(draft: &Draft, pack: PackId, result: mantetong_core::Outcome, key: &str) -> Result<Vec<u8>, String> {
    let v = crate::views::load().await.map_err(|_| crate::views::not_loaded_message())?;
    (v.build_package)(draft.clone(), pack, result, key.to_string()).await
}

/// [`build_package`] itself, in the third module.
pub(crate) async fn build_package_here(draft: &Draft, pack: PackId, result: Value, key: &str) -> Result<Vec<u8>, String> {
    let mut facts = draft.facts.clone();
    facts["as_of"] = Value::String(crate::session::today().to_string());
    let mut new_files = Vec::new();
    for doc in facts.get("documents").and_then(Value::as_array).into_iter().flatten() {
        let (Some(kind), Some(mime)) =
            (doc.get("kind").and_then(Value::as_str), doc.pointer("/file/type").and_then(Value::as_str))
        else {
            continue;
        };
        let Ok(Some(blob)) = files::get(&files::key(&draft.id, kind)).await else { continue };
        let buf = JsFuture::from(blob.array_buffer()).await.map_err(|_| format!("documents: {kind}: unreadable"))?;
        new_files.push(NewFile {
            name: format!("{kind}.{}", extension(mime)),
            kind: kind.to_string(),
            media_type: mime.to_string(),
            bytes: Uint8Array::new(&buf).to_vec(),
        });
    }
    let manifest = package::Draft {
        idempotency_key: key.to_string(),
        created_at: now_rfc3339(),
        client: Client { name: "mantetong-app".into(), version: env!("CARGO_PKG_VERSION").into() },
        pack,
        facts,
        result,
    };
    package::build(&manifest, &new_files).map_err(|p| p.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
}

fn package_key(key: &str) -> String {
    format!("outbox/{key}")
}

/// Puts a draft's package in the outbox (durably) and starts sending. A
/// draft already in the outbox keeps its entry and key: pressing submit
/// twice sends once. In the third module, fetched here if needed (see
/// [`build_package`]); when it cannot be, nothing is queued and the error
/// says the page needs the network once.
pub async fn enqueue(draft: &Draft, pack: PackId, result: mantetong_core::Outcome, to: &crate::route::Receiver) -> Result<Entry, String> {
    let v = crate::views::load().await.map_err(|_| crate::views::not_loaded_message())?;
    (v.enqueue)(draft.clone(), pack, result, to.clone()).await
}

/// [`enqueue`] itself, in the third module.
pub(crate) async fn enqueue_here(draft: &Draft, pack: PackId, result: Value, to: &crate::route::Receiver) -> Result<Entry, String> {
    use crate::route::Receiver;
    let previous = entry_for(&draft.id);
    let supersedes = match &previous {
        // A returned application is replaced by a new package naming it.
        Some(e) if e.returned() => e.receipt.clone(),
        Some(e) => return Ok(e.clone()),
        None => None,
    };
    let Some(endpoint) = to.endpoint().map(String::from) else {
        return Err("no receiver is configured for this region: nothing was sent".into());
    };
    let (receiver, demo) = match to {
        Receiver::Named { zh, en, .. } => (Some((zh.clone(), en.clone())), false),
        Receiver::Demo { .. } => (None, true),
        _ => (None, false),
    };
    let key = new_key();
    let bytes = build_package_here(draft, pack, result, &key).await?;
    let blob = files::blob_from(&bytes, "application/zip").map_err(|_| "package: could not be stored".to_string())?;
    files::put(&package_key(&key), &blob).await.map_err(|_| "package: could not be stored".to_string())?;
    let entry = Entry {
        key,
        draft: draft.id.clone(),
        endpoint,
        state: "queued".into(),
        attempts: 0,
        next_at: 0.0,
        receipt: None,
        received_at: None,
        error: None,
        receiver,
        demo,
        supersedes,
        remote: None,
        etag: None,
        checked_at: 0.0,
        check_failures: 0,
    };
    let mut list = load_outbox();
    list.push(entry.clone());
    if !save_outbox(&list) {
        return Err("outbox: storage is full or unavailable".into());
    }
    Ok(entry)
}

async fn sleep_ms(ms: f64) {
    gloo_timers::future::TimeoutFuture::new(ms.clamp(0.0, i32::MAX as f64) as u32).await;
}

enum Sent {
    Done(Value),
    Final(String),
    Retry(String),
}

async fn send_once(e: &Entry) -> Sent {
    let Ok(Some(blob)) = files::get(&package_key(&e.key)).await else {
        return Sent::Final("package: missing on this device".into());
    };
    let controller = web_sys::AbortController::new().ok();
    let mut req = gloo_net::http::Request::post(&e.endpoint)
        .header("Content-Type", "application/zip")
        .header("Idempotency-Key", &e.key)
        .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
    if let Some(s) = &e.supersedes {
        req = req.header("Supersedes", s);
    }
    // Given up after TIMEOUT_MS; dropping the timer (below) cancels it.
    let timer = controller.map(|c| gloo_timers::callback::Timeout::new(TIMEOUT_MS as u32, move || c.abort()));
    let result = match req.body(blob) {
        Ok(r) => r.send().await,
        Err(_) => return Sent::Retry("request".into()),
    };
    drop(timer);
    let Ok(resp) = result else { return Sent::Retry("network".into()) };
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    let json: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    match status {
        200 | 201 => Sent::Done(json),
        409 | 408 | 429 | 500..=599 => Sent::Retry(format!("HTTP {status}")),
        _ => {
            let errors = json
                .get("errors")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .map(|e| format!("{}: {}", e["path"].as_str().unwrap_or(""), e["message"].as_str().unwrap_or("")))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_else(|| format!("HTTP {status}"));
            Sent::Final(errors)
        }
    }
}

/// Sends every queued entry until it is received or refused, waiting out
/// backoffs; `changed` is told after each state change. Safe to call more
/// than once: a running loop holds a flag so only one sends at a time.
pub async fn run(changed: impl Fn() + 'static) {
    thread_local!(static RUNNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if RUNNING.with(|r| r.replace(true)) {
        return;
    }
    loop {
        let queued: Vec<Entry> = load_outbox().into_iter().filter(|e| e.state == "queued").collect();
        let Some(next) = queued.iter().min_by(|a, b| a.next_at.total_cmp(&b.next_at)).cloned() else { break };
        let wait = next.next_at - js_sys::Date::now();
        if wait > 0.0 {
            sleep_ms(wait).await;
        }
        let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
        if !online {
            // The `online` event restarts the loop; stop here.
            break;
        }
        let outcome = send_once(&next).await;
        match outcome {
            Sent::Done(v) => {
                update_entry(&next.key, |e| {
                    e.state = "sent".into();
                    e.receipt = v.get("receipt").and_then(Value::as_str).map(String::from);
                    e.received_at = v.get("received_at").and_then(Value::as_str).map(String::from);
                    e.error = None;
                    // The answer's status (a pre-review may return it at once).
                    e.remote = Some(json!({ "status": v.get("status").cloned().unwrap_or(Value::Null) }));
                });
                let key = package_key(&next.key);
                let _ = files::remove(&key).await;
                crate::embed::emit(
                    "submitted",
                    json!({ "receipt": v.get("receipt"), "received_at": v.get("received_at"), "status": v.get("status") }),
                );
            }
            Sent::Final(msg) => {
                update_entry(&next.key, |e| {
                    e.state = "refused".into();
                    e.error = Some(msg);
                });
                crate::embed::submit_failed(false, next.attempts + 1);
            }
            Sent::Retry(msg) => {
                update_entry(&next.key, |e| {
                    e.attempts += 1;
                    e.next_at = js_sys::Date::now() + backoff_ms(e.attempts, js_sys::Math::random());
                    e.error = Some(msg);
                });
                crate::embed::submit_failed(true, next.attempts + 1);
            }
        }
        changed();
    }
    RUNNING.with(|r| r.set(false));
}

/// Least wait between two status asks for one application: 30 s after an
/// answer, doubling after each failure up to an hour (no polling storm).
pub fn check_interval_ms(failures: u32) -> f64 {
    (30_000.0 * 2f64.powi(failures.min(7) as i32)).min(3_600_000.0)
}

/// Asks the receiver for the status of each sent application that is due
/// (see [`check_interval_ms`]); only when the person opens "my
/// applications" online, never in the background. Sends `If-None-Match`.
pub async fn refresh_statuses() -> bool {
    let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(false);
    if !online {
        return false;
    }
    let now = js_sys::Date::now();
    let all = load_outbox();
    // Only each draft's latest: an application replaced by a resubmission
    // is history, not asked about again.
    let latest = |e: &Entry| all.iter().rev().find(|x| x.draft == e.draft).is_some_and(|x| x.key == e.key);
    let due: Vec<Entry> = all
        .iter()
        .filter(|e| e.state == "sent" && e.receipt.is_some() && latest(e) && now - e.checked_at >= check_interval_ms(e.check_failures))
        .cloned()
        .collect();
    let mut changed = false;
    for e in due {
        let Some(receipt) = e.receipt.clone() else { continue };
        let url = format!("{}/{}", e.endpoint.trim_end_matches('/'), receipt);
        let got = get_status(&url, e.etag.as_deref()).await;
        update_entry(&e.key, |x| {
            x.checked_at = js_sys::Date::now();
            match got {
                Some((Some(v), tag)) => {
                    x.remote = Some(v);
                    x.etag = tag;
                    x.check_failures = 0;
                }
                Some((None, _)) => x.check_failures = 0, // 304: unchanged
                None => x.check_failures += 1,
            }
        });
        changed = true;
    }
    changed
}

/// `Some((Some(json), etag))` on 200, `Some((None, _))` on 304, `None` on failure.
async fn get_status(url: &str, etag: Option<&str>) -> Option<(Option<Value>, Option<String>)> {
    let mut req = gloo_net::http::Request::get(url);
    if let Some(t) = etag {
        req = req.header("If-None-Match", t);
    }
    let resp = req.send().await.ok()?;
    match resp.status() {
        304 => Some((None, None)),
        200 => {
            let tag = resp.headers().get("ETag");
            let text = resp.text().await.ok()?;
            Some((Some(serde_json::from_str(&text).ok()?), tag))
        }
        _ => None,
    }
}

/// Whether the outbox has any entry, queued or sent (read without parsing,
/// so the home screen's module carries none of the outbox code).
pub fn has_entries() -> bool {
    storage()
        .and_then(|s| s.get_item(OUTBOX_KEY).ok().flatten())
        .is_some_and(|t| !t.trim().is_empty() && t.trim() != "[]")
}

thread_local! {
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static VERSION: std::cell::Cell<Option<RwSignal<u32>>> = const { std::cell::Cell::new(None) };
}

/// Runs the outbox now; pages watching `version` (the latest app's, see
/// [`start`]) re-read it on every change.
fn kick() {
    leptos::task::spawn_local(run(|| {
        if let Some(v) = VERSION.get() {
            v.try_update(|v| *v += 1);
        }
    }));
}

/// Runs the outbox (again on every call: it sends what is due, once at a
/// time) and, from the first call on, whenever the device comes back online.
/// `version` is bumped on every change so pages re-read the outbox.
///
/// The sending code is in the third module (app/src/views.rs): with an
/// empty outbox (every first visit) nothing is fetched; an entry is only
/// ever put there by that module's [`enqueue`], so it is here then, and an
/// earlier visit's entries fetch it (cached by the service worker when the
/// entry was made).
pub fn start(version: RwSignal<u32>) {
    if let Some(v) = crate::views::loaded() {
        return (v.start_outbox)(version);
    }
    if !has_entries() {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(v) = crate::views::load().await {
            (v.start_outbox)(version);
        }
    });
}

/// [`start`] itself, in the third module.
pub(crate) fn start_here(version: RwSignal<u32>) {
    VERSION.set(Some(version));
    kick();
    if STARTED.replace(true) {
        return;
    }
    if let Some(w) = web_sys::window() {
        gloo_events::EventListener::new(&w, "online", |_| kick()).forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let cases = [(1, 0.999, 999.0), (2, 0.999, 1998.0), (4, 0.5, 4000.0), (30, 0.999, 59_940.0), (3, 0.0, 250.0)];
        for (attempt, r, want) in cases {
            assert!((backoff_ms(attempt, r) - want).abs() < 1.0, "attempt {attempt}: {}", backoff_ms(attempt, r));
        }
    }

    #[test]
    fn entries_round_trip() {
        let e = Entry {
            key: "k".into(), draft: "d".into(), endpoint: "/api".into(), state: "queued".into(), attempts: 2,
            next_at: 5.0, receipt: None, received_at: None, error: Some("HTTP 500".into()),
            receiver: Some(("临汾市医疗保障局".into(), "Linfen".into())), demo: false, supersedes: Some("MTT-1".into()),
            remote: Some(json!({ "status": "returned" })), etag: Some("\"x\"".into()), checked_at: 3.0, check_failures: 1,
        };
        assert_eq!(Entry::from_value(&e.to_value()), Some(e.clone()));
        assert!(!e.returned(), "queued, not sent");
        let sent = Entry { state: "sent".into(), ..e };
        assert!(sent.returned());
    }
}
