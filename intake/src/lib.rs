//! # mantetong-intake: the reference endpoint for protocol v1
//!
//! Receives application packages (`POST /api/v1/applications`, body the
//! package ZIP), re-validates each with the rules core, stores it durably
//! before answering, and answers its status by receipt. Optionally serves
//! the built app with a strict Content-Security-Policy. The protocol is in
//! `docs/protocol-v1.md` and `docs/openapi.yaml`.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let mut config = mantetong_intake::Config::new("/var/lib/mantetong");
//! // Optional: PostgreSQL and S3-compatible storage, shared by replicas.
//! config.database = Some("postgres://intake@db.internal/intake".into());
//! config.store = Some("s3://packages/linfen".into());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! mantetong_intake::serve(listener, config, async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(()) }
//! ```
//!
//! ## Architecture invariants
//! - **Stored before answered.** A `201` is sent only after the package
//!   is written and verified and its row committed ([`store`]).
//! - **One application per key.** A key is claimed in memory for as long
//!   as its request runs (others with it get `409`); across replicas the
//!   database's unique key decides ([`store::Inserted`]). Once stored, the
//!   same key with the same body gets the same receipt (`200`), with
//!   another body `422`.
//! - **All core calls go through [`validate`].**
//! - **No panics on input.** Every bad input is a JSON error naming the
//!   field: `{"errors": [{"path": "...", "message": "..."}]}`.

pub mod blobs;
pub mod db;
pub mod metrics;
pub mod net;
pub mod review;
pub mod reading;
pub mod static_files;
pub mod store;
pub mod validate;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use mantetong_core::package::{sha256_hex, Limits};
use serde_json::json;
use std::collections::HashSet;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use store::{Inserted, Location, Record, Store};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where packages and the database live (by default), the lock and
    /// the reviewers' audit log.
    pub data_dir: PathBuf,
    /// `--database postgres://…`: the metadata in PostgreSQL, shared by
    /// replicas. `None`: SQLite in `data_dir`.
    pub database: Option<String>,
    /// `--store s3://bucket/prefix`: package bytes and readings in
    /// S3-compatible storage. `None`: the folder `data_dir`.
    pub store: Option<String>,
    /// A package object without a row is removed once this old (replicas
    /// sharing PostgreSQL; alone on SQLite, at once at start).
    pub orphan_grace: Duration,
    /// The built app (`dist/`), served at `/` when given.
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call the API from a browser (CORS). Empty: none
    /// (same-origin pages need none).
    pub allow_origins: Vec<String>,
    /// CSP `frame-ancestors` sources; empty means `'none'`.
    pub frame_ancestors: Vec<String>,
    /// Extra CSP `connect-src` sources (an intake endpoint on another
    /// origin); empty: only `'self'` (from `default-src`).
    pub connect_src: Vec<String>,
    pub limits: Limits,
    /// A submission whose body stops arriving for this long is answered
    /// `408` and its key released (a stalled upload must not hold the key).
    /// While a body arrives this timer applies, not `conn.idle_timeout`.
    pub body_idle_timeout: Duration,
    /// A submission whose body has not arrived whole this long after its
    /// headers is answered `408`, however steadily it trickles.
    pub body_deadline: Duration,
    /// Submissions received at once (each may hold a whole package in
    /// memory); more get `503` with `Retry-After`.
    pub max_concurrent_submissions: usize,
    /// Submissions received at once from one client address, so that no
    /// client can hold every slot.
    pub max_submissions_per_client: usize,
    /// Connection caps and timeouts ([`net`]).
    pub conn: net::ConnLimits,
    /// How long after its decision an application's package bytes are
    /// kept; then they are deleted and the receipt, status and an audit
    /// entry remain ([`store::Store::purge_decided`]). `None`: kept.
    pub retention: Option<Duration>,
    /// The back office (v1.1): receiver name, reviewers' tokens, pre-review.
    pub review: review::Settings,
    #[doc(hidden)]
    pub hooks: Hooks,
}

/// Test hooks: ways for a test to observe the server's progress without
/// sleeping.
#[doc(hidden)]
#[derive(Clone, Debug, Default)]
pub struct Hooks {
    /// Receives the key each time a submission claims it, before its body is read.
    pub claimed: Option<std::sync::mpsc::Sender<String>>,
}

impl Config {
    pub fn new(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            data_dir: data_dir.into(),
            database: None,
            store: None,
            orphan_grace: Duration::from_secs(15 * 60),
            static_dir: None,
            allow_origins: Vec::new(),
            frame_ancestors: Vec::new(),
            connect_src: Vec::new(),
            limits: Limits::default(),
            body_idle_timeout: Duration::from_secs(60),
            body_deadline: Duration::from_secs(300),
            max_concurrent_submissions: 16,
            max_submissions_per_client: 4,
            conn: net::ConnLimits::default(),
            retention: None,
            review: review::Settings::default(),
            hooks: Hooks::default(),
        }
    }
}

/// A configuration or startup problem, said in one line.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}

struct App {
    store: Arc<Store>,
    review: Arc<review::Review>,
    config: Config,
    csp: HeaderValue,
    in_flight: Mutex<HashSet<String>>,
    submissions: Arc<tokio::sync::Semaphore>,
    per_client: net::PerClient,
    /// The photos' readings, one package at a time ([`reading::Queue`]).
    readings: reading::Queue,
}

/// Checks the configuration, then opens the store; the router it returns
/// serves the API (and the app, with `static_dir`).
pub async fn router(config: Config) -> Result<Router, Error> {
    let mut hashes = Vec::new();
    if let Some(dir) = &config.static_dir {
        let index = dir.join("index.html");
        let html = std::fs::read_to_string(&index).map_err(|e| Error(format!("--static: cannot read {}: {e}", index.display())))?;
        hashes = static_files::inline_script_hashes(&html);
    }
    for (flag, list) in [("--frame-ancestors", &config.frame_ancestors), ("--connect-src", &config.connect_src)] {
        for src in list {
            if src.is_empty() || src.contains(';') || src.contains(',') || src.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(Error(format!("{flag}: {src:?} is not one CSP source (e.g. 'self' or https://portal.example.gov.cn)")));
            }
        }
    }
    let policy = static_files::csp(&hashes, &config.frame_ancestors, &config.connect_src);
    let csp = HeaderValue::from_str(&policy).map_err(|e| Error(format!("CSP: {e}")))?;
    let mut origins = Vec::new();
    for o in &config.allow_origins {
        let ok = (o.starts_with("https://") || o.starts_with("http://")) && !o.ends_with('/') && o.split("://").nth(1).is_some_and(|h| !h.is_empty() && !h.contains('/'));
        match HeaderValue::from_str(o) {
            Ok(v) if ok => origins.push(v),
            _ => return Err(Error(format!("--allow-origin: {o:?} is not an origin like https://portal.example.gov.cn (scheme and host, no path)"))),
        }
    }
    std::fs::create_dir_all(&config.data_dir).map_err(|e| Error(format!("--data {}: {e}", config.data_dir.display())))?;
    let at = Location { data: config.data_dir.clone(), database: config.database.clone(), store: config.store.clone() };
    let store = Arc::new(Store::open(&at).await.map_err(|e| Error(e.0))?);
    let review = Arc::new(review::Review::open(&config.data_dir, config.review.clone(), store.clone(), config.limits).map_err(Error)?);
    let submissions = Arc::new(tokio::sync::Semaphore::new(config.max_concurrent_submissions.max(1)));
    let readings = reading::Queue::start(store.clone(), config.limits);
    let app = Arc::new(App { store, review: review.clone(), config, csp, in_flight: Mutex::new(HashSet::new()), submissions, per_client: net::PerClient::default(), readings });
    if let Some(keep) = app.config.retention {
        // Retention: package bytes of decided applications go after `keep`;
        // checked at start and then every ten minutes. A weak handle: the
        // worker ends once the server has stopped.
        let pause = Duration::from_secs(600).min(keep.max(Duration::from_millis(200)));
        every(&app, pause, move |a| async move {
            match a.store.purge_decided(keep).await {
                Ok(n) if n > 0 => tracing::info!(purged = n, "retention: deleted the package bytes of decided applications"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "retention failed"),
            }
        });
    }
    if app.store.shared() {
        // Replicas share the database: an upload another replica is still
        // committing must not be taken for an orphan, hence the grace.
        let grace = app.config.orphan_grace;
        every(&app, grace.clamp(Duration::from_secs(1), Duration::from_secs(600)), move |a| async move {
            match a.store.sweep_orphans(grace).await {
                Ok(n) if n > 0 => tracing::warn!(removed = n, "orphan sweep: removed packages that never got a receipt"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "orphan sweep failed"),
            }
        });
    }

    let mut router = Router::new()
        .route("/api/v1/applications", post(submit))
        .route("/api/v1/health", get(|| async { axum::Json(json!({"status": "ok"})) }))
        .route("/healthz", get(|| async { axum::Json(json!({"status": "ok"})) }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(|| async { ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], metrics::render()) }))
        .method_not_allowed_fallback(method_not_allowed)
        .merge(review::routes(review))
        .fallback(fallback);
    // CORS covers the API and the static files alike: a portal on an
    // allowed origin that embeds the widget loads its module script, wasm,
    // rule packs and calendar from here (module scripts and `fetch` are
    // CORS requests), then submits to the API.
    if !origins.is_empty() {
        use tower_http::cors::{AllowOrigin, CorsLayer};
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::HEAD, Method::POST])
                .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("idempotency-key"), HeaderName::from_static("supersedes"), header::IF_NONE_MATCH])
                .expose_headers([header::LOCATION, header::RETRY_AFTER, header::ETAG])
                .max_age(Duration::from_secs(600)),
        );
    }
    let router = router
        .layer(middleware::from_fn_with_state(app.clone(), security_headers))
        .layer(middleware::from_fn(log_request))
        .with_state(app);
    Ok(router)
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), Error> {
    let limits = config.conn.clone();
    let router = router(config).await?;
    let addr = listener.local_addr().map_err(|e| Error(e.to_string()))?;
    tracing::info!(%addr, "listening");
    net::serve(listener, router, limits, shutdown).await;
    tracing::info!("stopped");
    Ok(())
}

/// Runs `job` now and then every `pause` while the server lives (a weak
/// handle: the task ends once the server has stopped).
fn every<F, Fut>(app: &Arc<App>, pause: Duration, job: F)
where
    F: Fn(Arc<App>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let weak = Arc::downgrade(app);
    tokio::spawn(async move {
        loop {
            let Some(a) = weak.upgrade() else { return };
            job(a).await;
            let until = Instant::now() + pause;
            while Instant::now() < until {
                if weak.strong_count() == 0 {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100).min(pause)).await;
            }
        }
    });
}

/// `GET /readyz`: 200 while the database and the package store answer,
/// else 503 naming which does not (a proxy sends no traffic there).
async fn readyz(State(app): State<Arc<App>>) -> Response {
    match tokio::time::timeout(Duration::from_secs(5), app.store.ready()).await {
        Ok(Ok(())) => axum::Json(json!({"status": "ready"})).into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready");
            errors(StatusCode::SERVICE_UNAVAILABLE, &[("$", format!("not ready: {e}"))])
        }
        Err(_) => errors(StatusCode::SERVICE_UNAVAILABLE, &[("$", "not ready: the database or the package store did not answer within 5 s".into())]),
    }
}

// ------------------------------------------------------------- responses

/// One entry of an error answer: `path` first, for people reading it.
#[derive(serde::Serialize)]
struct ErrorItem<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct ErrorBody<'a> {
    errors: Vec<ErrorItem<'a>>,
}

pub(crate) fn errors(status: StatusCode, list: &[(&str, String)]) -> Response {
    let errors = list.iter().map(|(p, m)| ErrorItem { path: p, message: m }).collect();
    (status, axum::Json(ErrorBody { errors })).into_response()
}

/// The most bytes an error answer has.
pub const MAX_ERROR_BYTES: usize = 64 * 1024;

/// An error answer with at most [`package::MAX_PROBLEMS`] problems, each
/// shortened, and at most [`MAX_ERROR_BYTES`] in all (then "and N more").
fn problems(status: StatusCode, list: Vec<mantetong_core::Problem>) -> Response {
    let list = mantetong_core::package::cap(list);
    let total = list.len();
    let mut items: Vec<ErrorItem<'_>> = Vec::new();
    let mut size = 16;
    for p in &list {
        let n = p.path.len() + p.message.len() + 64;
        if size + n > MAX_ERROR_BYTES - 128 {
            break;
        }
        size += n;
        items.push(ErrorItem { path: &p.path, message: &p.message });
    }
    let more = (total > items.len()).then(|| format!("and {} more problems", total - items.len()));
    if let Some(m) = &more {
        items.push(ErrorItem { path: "$", message: m });
    }
    (status, axum::Json(ErrorBody { errors: items })).into_response()
}

fn internal(what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "{what}");
    errors(StatusCode::INTERNAL_SERVER_ERROR, &[("$", format!("{what}; nothing was stored, retry later"))])
}

fn receipt_json(status: StatusCode, r: &Record) -> Response {
    let mut resp = (status, axum::Json(json!({"receipt": r.receipt, "status": r.status, "received_at": r.received_at}))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/applications/{}", r.receipt)) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp
}

/// RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    rfc3339_at(SystemTime::now())
}

/// `t` in RFC 3339, UTC, to the second.
pub fn rfc3339_at(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `MTT-YYYYMMDD-` and 16 characters of Crockford base32 (80 random bits).
fn new_receipt(received_at: &str) -> Result<String, getrandom::Error> {
    const A: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut r = [0u8; 10];
    getrandom::fill(&mut r)?;
    let mut n = r.iter().fold(0u128, |n, b| n << 8 | *b as u128);
    let mut tail = [b'0'; 16];
    for c in tail.iter_mut().rev() {
        *c = A[(n & 31) as usize];
        n >>= 5;
    }
    let day: String = received_at.chars().take(10).filter(char::is_ascii_digit).collect();
    Ok(format!("MTT-{day}-{}", String::from_utf8_lossy(&tail)))
}

// --------------------------------------------------------------- handlers

/// Removes its key from the in-flight set when the request ends, however
/// it ends (answered, failed, or dropped because the client went away).
struct Claim {
    app: Arc<App>,
    key: String,
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.app.in_flight.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.key);
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(|e| internal("a worker failed", e))
}

async fn submit(State(app): State<Arc<App>>, extensions: axum::http::Extensions, headers: HeaderMap, body: Body) -> Response {
    let start = Instant::now();
    let _queued = metrics::in_flight();
    let resp = match submit_inner(app, extensions, headers, body).await {
        Ok(r) | Err(r) => r,
    };
    metrics::submission(resp.status().as_u16(), start.elapsed().as_secs_f64());
    resp
}

async fn submit_inner(app: Arc<App>, extensions: axum::http::Extensions, headers: HeaderMap, body: Body) -> Result<Response, Response> {
    if headers.get_all("idempotency-key").iter().count() > 1 {
        return Err(errors(StatusCode::BAD_REQUEST, &[("Idempotency-Key", "sent more than once; send exactly one key".into())]));
    }
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => return Err(errors(StatusCode::BAD_REQUEST, &[("Idempotency-Key", "missing: send one key per application, the same for every retry of it".into())])),
        Some(Ok(k)) if !k.is_empty() && k.len() <= mantetong_core::package::MAX_KEY_LEN && k.bytes().all(|b| (0x21..=0x7e).contains(&b)) => k.to_string(),
        Some(_) => {
            return Err(errors(
                StatusCode::BAD_REQUEST,
                &[("Idempotency-Key", format!("must be 1 to {} printable ASCII characters without spaces", mantetong_core::package::MAX_KEY_LEN))],
            ))
        }
    };
    let ctypes = headers.get_all(header::CONTENT_TYPE).iter().count();
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = ctype.split(';').next().unwrap_or("").trim();
    if ctypes != 1 || !media.eq_ignore_ascii_case("application/zip") {
        // The client's value is not echoed back.
        let got = if ctypes == 0 { "none was sent" } else { "another type was sent" };
        return Err(errors(StatusCode::UNSUPPORTED_MEDIA_TYPE, &[("Content-Type", format!("must be application/zip (the package); {got}"))]));
    }
    let max = app.config.limits.max_bytes;
    let too_large = || errors(StatusCode::PAYLOAD_TOO_LARGE, &[("$", format!("the package is larger than {max} bytes, the most this server accepts"))]);
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large());
    }

    let client = parts_client(&extensions);
    let _client_slot = match client {
        Some(ip) => match app.per_client.take(ip, app.config.max_submissions_per_client.max(1)) {
            Some(s) => Some(s),
            None => {
                let mut r = errors(StatusCode::SERVICE_UNAVAILABLE, &[("$", "this address is already sending several applications; retry when they are done".into())]);
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
                return Err(r);
            }
        },
        None => None,
    };
    // v1.1: a resubmission names the receipt it replaces.
    let supersedes = match headers.get("supersedes").map(|v| v.to_str().map(str::trim)) {
        None => None,
        Some(Ok(s)) if !s.is_empty() && s.len() <= 80 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => Some(s.to_string()),
        // Not echoed: the value is the client's.
        Some(_) => {
            return Err(errors(
                StatusCode::BAD_REQUEST,
                &[("Supersedes", "must be the receipt (MTT-…, at most 80 letters, digits and '-') of the returned application this one replaces; leave it out for a new application".into())],
            ))
        }
    };

    let Ok(_permit) = app.submissions.clone().try_acquire_owned() else {
        let mut r = errors(StatusCode::SERVICE_UNAVAILABLE, &[("$", "the server is receiving too many applications at once; retry in a moment".into())]);
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        return Err(r);
    };

    // Claim the key before reading the body: a retry that arrives while
    // this one is still uploading or being stored gets 409.
    let fresh = app.in_flight.lock().unwrap_or_else(|p| p.into_inner()).insert(key.clone());
    if !fresh {
        let mut r = errors(StatusCode::CONFLICT, &[("Idempotency-Key", "an application with this key is still being received; retry in a moment".into())]);
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return Err(r);
    }
    let _claim = Claim { app: app.clone(), key: key.clone() };
    // The key only at debug level: logs must not tie key, receipt and eligibility.
    tracing::info!("receiving an application");
    tracing::debug!(key = %key, "receiving: key");
    if let Some(tx) = &app.config.hooks.claimed {
        let _ = tx.send(key.clone());
    }

    let mut body = body;
    // Reserved once for a declared length (address space only: pages are
    // touched as the body arrives), so no reallocation copies it.
    let mut bytes: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0).min(max) as usize);
    let deadline = tokio::time::Instant::now() + app.config.body_deadline;
    // While the body arrives, these two timers decide, not the connection's
    // idle timer: a stalled upload gets its 408 (net::BodyTimers).
    let body_timers = extensions.get::<net::BodyTimers>().map(net::BodyTimers::hold);
    loop {
        let idle = app.config.body_idle_timeout;
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let frame = match tokio::time::timeout(idle.min(left), body.frame()).await {
            Err(_) if left <= idle => {
                let msg = format!("the package did not arrive whole within {} s; send it again with the same key", app.config.body_deadline.as_secs_f32());
                return Err(errors(StatusCode::REQUEST_TIMEOUT, &[("$", msg)]));
            }
            Err(_) => {
                let msg = format!("no part of the package arrived for {} s; send it again with the same key", idle.as_secs_f32());
                return Err(errors(StatusCode::REQUEST_TIMEOUT, &[("$", msg)]));
            }
            Ok(None) => break,
            Ok(Some(Ok(f))) => f,
            Ok(Some(Err(e))) => {
                tracing::info!(error = %e, "the body did not arrive whole");
                return Err(errors(StatusCode::BAD_REQUEST, &[("$", "the package did not arrive whole; send it again with the same key".into())]));
            }
        };
        if let Ok(data) = frame.into_data() {
            if bytes.len() as u64 + data.len() as u64 > max {
                return Err(too_large());
            }
            bytes.extend_from_slice(&data);
        }
    }
    drop(body_timers);
    let bytes = bytes::Bytes::from(bytes);
    let body_sha = sha256_hex(&bytes);

    let existing = app.store.by_key(&key).await.map_err(|e| internal("could not read the store", e))?;
    if let Some(rec) = existing {
        return replay(&rec, &body_sha);
    }

    let (b, limits, k) = (bytes.clone(), app.config.limits, key.clone());
    let accepted = match blocking(move || validate::check(&b, &limits, &k)).await? {
        Ok(a) => a,
        Err(p) => {
            tracing::info!(problems = p.len(), first = %p.first().map(|p| p.path.as_str()).unwrap_or_default(), "package refused");
            return Err(problems(StatusCode::UNPROCESSABLE_ENTITY, p));
        }
    };
    if let Err((path, msg)) = app.review.check_region(&accepted.pack_id) {
        return Err(errors(StatusCode::UNPROCESSABLE_ENTITY, &[(path.as_str(), msg)]));
    }
    if let Some(s) = supersedes.clone() {
        let rv = app.review.clone();
        if let Err((code, msg)) = rv.check_supersedes(&s).await {
            return Err(errors(code, &[("Supersedes", msg)]));
        }
    }
    let received_at = now_rfc3339();
    let receipt = new_receipt(&received_at).map_err(|e| internal("no randomness for a receipt", e))?;
    let rec = Record {
        receipt,
        idempotency_key: key,
        body_sha256: body_sha,
        status: "received".into(),
        received_at,
        pack_id: accepted.pack_id,
        pack_version: accepted.pack_version,
        eligibility: accepted.eligibility,
        files: accepted.files,
        size: bytes.len() as u64,
        result: accepted.result.to_string(),
        client_result: accepted.client_result.to_string(),
        result_differs: accepted.differs.join(", "),
        decided_at: None,
        purged_at: None,
    };
    match app.store.insert(&rec, bytes.clone()).await.map_err(|e| internal("could not store the application", e))? {
        Inserted::New => {}
        // Another replica stored this key while we received it.
        Inserted::Existing(winner) => return replay(&winner, &rec.body_sha256),
    }
    // No key or eligibility beside the receipt in the logs.
    tracing::info!(receipt = %rec.receipt, pack = %rec.pack_id, size = rec.size, "application stored");
    // v1.1: link a resubmission, keep the server's evaluation, pre-review.
    let mut rec = rec;
    match app.review.after_receipt(&rec, &accepted.result, supersedes.as_deref()).await {
        Ok(status) => rec.status = status,
        Err(e) => tracing::error!(receipt = %rec.receipt, error = %e, "stored, but the pre-review could not be recorded"),
    }
    drop(bytes);
    app.readings.push(rec.receipt.clone());
    Ok(receipt_json(StatusCode::CREATED, &rec))
}

/// The answer to a key already stored: its receipt for the same package,
/// `422` for another.
fn replay(rec: &Record, body_sha: &str) -> Result<Response, Response> {
    if rec.body_sha256 == body_sha {
        tracing::info!(receipt = %rec.receipt, "replay of a stored application");
        return Ok(receipt_json(StatusCode::OK, rec));
    }
    Err(errors(
        StatusCode::UNPROCESSABLE_ENTITY,
        &[("Idempotency-Key", "already used for a different package; every application needs its own key (retries keep theirs)".into())],
    ))
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Response {
    let path = uri.path().chars().take(200).collect::<String>();
    let allow = if path == "/api/v1/applications" { "POST" } else { "GET, HEAD" };
    let mut r = errors(StatusCode::METHOD_NOT_ALLOWED, &[("$", format!("{method} is not allowed on {path}; allowed: {allow}"))]);
    r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

fn parts_client(ext: &axum::http::Extensions) -> Option<std::net::IpAddr> {
    ext.get::<net::ClientAddr>().map(|c| c.0)
}

async fn fallback(State(app): State<Arc<App>>, method: Method, headers: HeaderMap, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        let path: String = path.chars().take(200).collect();
        return errors(StatusCode::NOT_FOUND, &[("$", format!("no such endpoint: {method} {path}"))]);
    }
    match &app.config.static_dir {
        Some(dir) => static_files::serve(dir, &method, path, &headers).await,
        None => errors(StatusCode::NOT_FOUND, &[("$", "this server serves only /api/v1 (start it with --static DIR to serve the app)".into())]),
    }
}

// ------------------------------------------------------------- middleware

async fn security_headers(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, app.csp.clone());
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

async fn log_request(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let start = Instant::now();
    let resp = next.run(req).await;
    tracing::info!(%method, %path, status = resp.status().as_u16(), ms = start.elapsed().as_millis() as u64, "request");
    resp
}
