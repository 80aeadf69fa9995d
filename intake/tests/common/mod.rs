//! Test support: a real server on 127.0.0.1:0, a tiny HTTP/1.1 client that
//! can also hold a request body open, and sample packages built exactly as
//! the app builds them (the core's `package::build`).

#![allow(dead_code)]

use mantetong_core::package::{self, Client, Draft, NewFile, PackId};
use mantetong_intake::Config;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

pub const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00sample id card scan\xFF\xD9";
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% sample diagnosis certificate\n%%EOF\n";

/// Facts of a Linfen employee with grade-3 hypertension, diagnosed at a
/// public level-2 hospital, with a sealed certificate: eligible.
pub fn facts() -> Value {
    json!({
        "region": "shanxi-linfen",
        "as_of": "2025-09-30",
        "applicant": { "insured_in": "shanxi-linfen", "scheme": "employee", "contribution": "normal",
                       "arrears": false, "hukou_local": true, "resides_locally": true },
        "disease": { "id": "hypertension", "grade": 3 },
        "diagnosis": { "hospital_level": 2, "hospital_public": true, "date": "2025-08-20" },
        "documents": [
            { "kind": "id_card", "file": { "name": "id_card.jpg", "type": "image/jpeg", "size": JPEG.len() } },
            { "kind": "diagnosis_certificate", "issued": "2025-08-20", "sealed": true, "states_stage": true,
              "file": { "name": "zhenduan.pdf", "type": "application/pdf", "size": PDF.len() } }
        ],
        "expenses": { "drugs": 6000, "exams": 1200 }
    })
}

/// The contract result for `facts`, evaluated by the core as the app does.
pub fn evaluate(facts: &Value) -> Value {
    let f = mantetong_core::Facts::from_value(facts).expect("sample facts parse");
    let region = f.region.clone().unwrap_or_else(|| "shanxi-linfen".into());
    let pack = mantetong_core::bundled::pack(&region).expect("bundled pack").expect("pack loads");
    let cal = mantetong_core::bundled::calendar().expect("calendar");
    let as_of = f.as_of.unwrap_or_else(|| mantetong_core::Date::parse("2025-09-30").unwrap());
    mantetong_core::evaluate(&pack, &cal, &f, as_of).to_json()
}

pub fn draft(key: &str) -> Draft {
    let facts = facts();
    let result = evaluate(&facts);
    let pack = PackId {
        id: result["pack"]["id"].as_str().unwrap_or("shanxi-linfen").into(),
        version: result["pack"]["version"].as_str().unwrap_or("?").into(),
    };
    Draft {
        idempotency_key: key.into(),
        created_at: "2025-09-30T10:15:00+08:00".into(),
        client: Client { name: "mantetong-app".into(), version: "0.1.0".into() },
        pack,
        facts,
        result,
    }
}

pub fn files() -> Vec<NewFile> {
    vec![
        NewFile { name: "id_card.jpg".into(), kind: "id_card".into(), media_type: "image/jpeg".into(), bytes: JPEG.to_vec() },
        NewFile { name: "zhenduan.pdf".into(), kind: "diagnosis_certificate".into(), media_type: "application/pdf".into(), bytes: PDF.to_vec() },
    ]
}

/// A valid package with idempotency key `key`.
pub fn package(key: &str) -> Vec<u8> {
    package::build(&draft(key), &files()).expect("sample package builds")
}

/// A package built from `draft` after `edit` (to make a bad one the way a
/// buggy or hostile client would).
pub fn package_with(key: &str, edit: impl FnOnce(&mut Draft, &mut Vec<NewFile>)) -> Vec<u8> {
    let (mut d, mut f) = (draft(key), files());
    edit(&mut d, &mut f);
    package::build(&d, &f).expect("edited package builds")
}

/// Writes a stored ZIP with the `zip` crate: `entries` as given, so a test
/// can pair a manifest with content it does not describe.
pub fn raw_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// ----------------------------------------------------------------- server

pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(config: Config) -> Server {
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(l.local_addr().unwrap()).unwrap();
                mantetong_intake::serve(l, config, async {
                    let _ = stop_rx.await;
                })
                .await
                .expect("server runs");
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(30)).expect("server started");
        Server { addr, stop: Some(stop_tx), thread: Some(thread) }
    }

    /// Graceful stop: waits until the server has finished and released its store.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    pub fn post(&self, key: Option<&str>, body: &[u8]) -> Resp {
        let mut h = vec![("Content-Type", "application/zip")];
        if let Some(k) = key {
            h.push(("Idempotency-Key", k));
        }
        request(self.addr, "POST", "/api/v1/applications", &h, body)
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        request(self.addr, "GET", path, headers, b"")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.halt();
    }
}

// ----------------------------------------------------------------- client

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    /// `path: message` of each error in a JSON error answer.
    pub fn errors(&self) -> Vec<String> {
        let j = self.json();
        j["errors"].as_array().map(|a| a.iter().map(|e| format!("{}: {}", e["path"].as_str().unwrap_or("?"), e["message"].as_str().unwrap_or("?"))).collect()).unwrap_or_default()
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Writes a request's head (and `Content-Length: body_len`).
pub fn write_head(s: &mut TcpStream, method: &str, path: &str, headers: &[(&str, &str)], body_len: usize) {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if method != "GET" && method != "HEAD" && method != "OPTIONS" || body_len > 0 {
        head.push_str(&format!("Content-Length: {body_len}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s
}

pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = connect(addr);
    write_head(&mut s, method, path, headers, body.len());
    // The server may answer (413, 409) before taking the whole body.
    let _ = s.write_all(body);
    read_response(&mut s)
}

pub fn read_response(s: &mut TcpStream) -> Resp {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            // A reset after a complete answer (server closed with unread body).
            Err(e) if !raw.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("reading the response: {e}"),
        }
    }
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Resp { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
    out
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("mantetong-intake-test").tempdir().unwrap()
}

/// The scale set-up (issue 17): with `MTT_TEST_POSTGRES` set (by
/// `scripts/scale-services.sh`, for `make test-scale`), every server a test
/// starts keeps its metadata in a PostgreSQL database and its packages in
/// an S3 bucket (moto) of its own, both named after its `--data` folder,
/// so the same protocol tests run against both set-ups.
pub fn scale() -> Option<String> {
    std::env::var("MTT_TEST_POSTGRES").ok().filter(|s| !s.is_empty())
}

/// The database and bucket name of a `--data` folder in the scale set-up.
pub fn scale_name(data: &Path) -> String {
    format!("t{}", &package::sha256_hex(data.to_string_lossy().as_bytes())[..20])
}

/// Creates database `name` on the test PostgreSQL (once).
pub fn create_database(pg: &str, name: &str) {
    rt().block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut c = sqlx::AnyConnection::connect(&format!("{pg}/postgres")).await.expect("the test PostgreSQL answers (scripts/scale-services.sh)");
        if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\""))).execute(&mut c).await {
            assert!(e.to_string().contains("already exists"), "CREATE DATABASE {name}: {e}");
        }
    });
}

/// Creates bucket `name` on the test S3 server (once).
pub fn create_bucket(name: &str) {
    let endpoint = std::env::var("AWS_ENDPOINT_URL").expect("AWS_ENDPOINT_URL (scripts/scale-services.sh)");
    let addr: SocketAddr = endpoint.trim_start_matches("http://").trim_end_matches('/').parse().expect("AWS_ENDPOINT_URL is http://IP:PORT");
    let r = request(addr, "PUT", &format!("/{name}"), &[], b"");
    assert!(r.status == 200 || r.status == 409, "creating bucket {name}: {} {}", r.status, r.text());
}

pub fn config(data: &Path) -> Config {
    let mut c = Config::new(data);
    if let Some(pg) = scale() {
        let name = scale_name(data);
        create_database(&pg, &name);
        create_bucket(&name);
        c.database = Some(format!("{pg}/{name}"));
        c.store = Some(format!("s3://{name}/intake"));
        c.orphan_grace = Duration::from_secs(2);
    }
    c
}

/// Where the servers of `data` keep things (the set-up `config` gives).
pub fn location(data: &Path) -> mantetong_intake::store::Location {
    let c = config(data);
    mantetong_intake::store::Location { data: data.to_path_buf(), database: c.database, store: c.store }
}

/// The bytes kept under `key` (`packages/<receipt>.zip`) for `data`, in
/// the folder or the bucket.
pub fn stored(data: &Path, key: &str) -> Option<Vec<u8>> {
    let at = location(data);
    let blobs = mantetong_intake::blobs::Blobs::open(at.store.as_deref(), data).unwrap();
    rt().block_on(blobs.get(key)).unwrap()
}

/// Puts `bytes` under `key` directly, as a crashed writer would have left them.
pub fn put_stored(data: &Path, key: &str, bytes: &[u8]) {
    let at = location(data);
    let blobs = mantetong_intake::blobs::Blobs::open(at.store.as_deref(), data).unwrap();
    rt().block_on(blobs.put(key, bytes::Bytes::copy_from_slice(bytes))).unwrap();
}

/// Runs `sql` on the database of `data` from outside the server: its error.
pub fn sql_error(data: &Path, sql: &'static str) -> Option<String> {
    let at = location(data);
    let rt = rt();
    rt.block_on(async {
        let db = mantetong_intake::db::Db::open(at.database.as_deref(), data, false).await.unwrap();
        sqlx::raw_sql(sql).execute(&db.pool).await.err().map(|e| e.to_string())
    })
}

/// A runtime for a test's direct calls to the (async) store.
pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// The store of a local `--data` folder, beside a server (no lock).
pub fn admin(rt: &tokio::runtime::Runtime, data: &Path) -> mantetong_intake::store::Store {
    rt.block_on(mantetong_intake::store::Store::open_admin(&location(data))).unwrap()
}

/// `router(config)`'s error, if it refuses the configuration.
pub fn router_error(config: Config) -> Option<String> {
    rt().block_on(mantetong_intake::router(config)).err().map(|e| e.to_string())
}
