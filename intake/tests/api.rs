//! Protocol v1 against a real server over real HTTP.

mod common;

use common::*;
use mantetong_core::package::{sha256_hex, Limits};
use serde_json::json;
use std::io::Write;
use std::time::Duration;

fn assert_error(r: &Resp, status: u16, want: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    let errs = r.errors();
    assert!(errs.iter().any(|e| e.starts_with(want)), "want an error starting {want:?}, got {errs:?}");
}

#[test]
fn submit_then_replay_gives_the_same_receipt() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let body = package("key-replay-1");

    let first = s.post(Some("key-replay-1"), &body);
    assert_eq!(first.status, 201, "{}", first.text());
    let j = first.json();
    let receipt = j["receipt"].as_str().unwrap().to_string();
    assert!(receipt.starts_with("MTT-"), "{receipt}");
    assert_eq!(j["status"], "received");
    assert!(j["received_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(first.header("location"), Some(format!("/api/v1/applications/{receipt}").as_str()));

    let again = s.post(Some("key-replay-1"), &body);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json(), j, "same receipt, status and time");

    let st = s.get(&format!("/api/v1/applications/{receipt}"), &[]);
    assert_eq!(st.status, 200);
    let st = st.json();
    assert_eq!(st["receipt"], receipt.as_str());
    assert_eq!(st["status"], "received");
    assert_eq!(st["pack"]["id"], "shanxi-linfen");
    assert_eq!(st["eligibility"], "eligible");
    assert_eq!(st["files"], 2);

    // The stored package is the body, byte for byte.
    let stored = stored(dir.path(), &format!("packages/{receipt}.zip")).expect("the package is kept");
    assert_eq!(sha256_hex(&stored), sha256_hex(&body));
}

#[test]
fn same_key_with_another_body_is_refused() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    assert_eq!(s.post(Some("key-2"), &package("key-2")).status, 201);
    let other = package_with("key-2", |_, f| {
        f.pop();
    });
    assert_error(&s.post(Some("key-2"), &other), 422, "Idempotency-Key: already used for a different package");
}

#[test]
fn a_retry_while_the_first_is_in_flight_gets_409() {
    let dir = temp_dir();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut cfg = config(dir.path());
    cfg.hooks.claimed = Some(tx);
    let s = Server::start(cfg);
    let body = package("key-inflight");

    // First request: headers and half the body, then hold.
    let mut first = connect(s.addr);
    write_head(&mut first, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-inflight")], body.len());
    let half = body.len() / 2;
    first.write_all(&body[..half]).unwrap();
    first.flush().unwrap();
    assert_eq!(rx.recv_timeout(Duration::from_secs(30)).unwrap(), "key-inflight", "the first request claimed its key");

    let second = s.post(Some("key-inflight"), &body);
    assert_error(&second, 409, "Idempotency-Key: an application with this key is still being received");
    assert_eq!(second.header("retry-after"), Some("1"));
    // Another key is not held up.
    assert_eq!(s.post(Some("key-other"), &package("key-other")).status, 201);

    first.write_all(&body[half..]).unwrap();
    let done = read_response(&mut first);
    assert_eq!(done.status, 201, "{}", done.text());
    let retry = s.post(Some("key-inflight"), &body);
    assert_eq!(retry.status, 200);
    assert_eq!(retry.json()["receipt"], done.json()["receipt"]);
}

#[test]
fn a_client_that_goes_away_releases_its_key() {
    let dir = temp_dir();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut cfg = config(dir.path());
    cfg.hooks.claimed = Some(tx);
    let s = Server::start(cfg);
    let body = package("key-dropped");
    {
        let mut c = connect(s.addr);
        write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-dropped")], body.len());
        c.write_all(&body[..10]).unwrap();
        rx.recv_timeout(Duration::from_secs(30)).unwrap();
    } // connection dropped mid-body
    // The retry claims the key again (the hook fires) only once the first
    // request's claim is gone; a 409 in between is the protocol's answer.
    let mut r = s.post(Some("key-dropped"), &body);
    for _ in 0..200 {
        if r.status != 409 {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
        r = s.post(Some("key-dropped"), &body);
    }
    assert_eq!(r.status, 201, "{}", r.text());
}

#[test]
fn header_errors() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let body = package("k");
    assert_error(&s.post(None, &body), 400, "Idempotency-Key: missing");
    assert_error(&s.post(Some("has space"), &body), 400, "Idempotency-Key: must be 1 to 200 printable ASCII");
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Idempotency-Key", "k"), ("Content-Type", "application/json")], &body);
    assert_error(&r, 415, "Content-Type: must be application/zip");
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Idempotency-Key", "k")], &body);
    assert_error(&r, 415, "Content-Type: must be application/zip (the package); none was sent");
    // Parameters and case are fine.
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Idempotency-Key", "k"), ("Content-Type", "Application/ZIP; q=1")], &body);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_error(&s.get("/api/v1/applications/MTT-19700101-NOPE", &[]), 404, "receipt: no application has receipt");
    assert_error(&s.get("/api/v2/anything", &[]), 404, "$: no such endpoint");
}

#[test]
fn tampering_is_named() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));

    // A manifest that describes other content than the file carries.
    let good = mantetong_core::package::read_and_verify(&package("key-t"), &Limits::default()).unwrap();
    let manifest = serde_json::to_vec(&good.manifest).unwrap();
    let forged_pdf = b"%PDF-1.4\n% a different certificate\n%%EOF\n";
    let body = raw_zip(&[("manifest.json", &manifest), ("files/id_card.jpg", JPEG), ("files/zhenduan.pdf", forged_pdf)]);
    let r = s.post(Some("key-t"), &body);
    assert_error(&r, 422, "manifest.files[1].sha256: does not match the file's content");

    // A byte flipped in transit.
    let mut body = package("key-t");
    let at = body.windows(PDF.len()).position(|w| w == PDF).unwrap() + 5;
    body[at] ^= 1;
    assert_error(&s.post(Some("key-t"), &body), 422, "files/zhenduan.pdf: CRC-32 does not match");

    // Not a ZIP at all.
    assert_error(&s.post(Some("key-t"), b"{\"facts\": {}}"), 422, "$: not a valid package ZIP");

    // The key in the manifest is another application's.
    assert_error(&s.post(Some("key-t"), &package("key-u")), 422, "manifest.idempotency_key: does not match the Idempotency-Key header");

    // Nothing of these was stored: the key is still free.
    assert_eq!(s.post(Some("key-t"), &package("key-t")).status, 201);
}

#[test]
fn unknown_pack_and_stale_version_are_refused() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let body = package_with("key-p", |d, _| d.pack.id = "atlantis".into());
    assert_error(&s.post(Some("key-p"), &body), 422, "manifest.pack.id: unknown pack \"atlantis\"; known: fujian-fuzhou, jilin-liaoyuan, shandong-rizhao, shanxi-linfen");
    let body = package_with("key-p", |d, _| d.pack.version = "1999.1".into());
    assert_error(&s.post(Some("key-p"), &body), 422, "manifest.pack.version: \"1999.1\" is not the version this server evaluates with");
}

#[test]
fn bad_facts_are_named_by_field() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let body = package_with("key-f", |d, _| {
        d.facts["expenses"]["drugs"] = json!(-5);
        d.facts["applicant"]["id_number"] = json!("14100219550101123X");
    });
    let r = s.post(Some("key-f"), &body);
    assert_error(&r, 422, "manifest.facts.expenses.drugs: -5 is negative");
    assert_error(&r, 422, "manifest.facts.applicant.id_number:");

    let body = package_with("key-f", |d, _| d.facts["region"] = json!("shandong-rizhao"));
    assert_error(&s.post(Some("key-f"), &body), 422, "manifest.facts.region: \"shandong-rizhao\" is not the package's pack \"shanxi-linfen\"");
}

#[test]
fn a_result_the_core_does_not_agree_with_is_refused() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    // The facts say the contribution lapsed; the result still claims eligible.
    let body = package_with("key-r", |d, _| d.facts["applicant"]["contribution"] = json!("lapsed"));
    assert_error(&s.post(Some("key-r"), &body), 422, "manifest.result.eligibility.status: \"eligible\" but the server's evaluation on 2025-09-30 gives \"ineligible\"");
    let body = package_with("key-r", |d, _| {
        d.result.as_object_mut().unwrap().remove("eligibility");
    });
    assert_error(&s.post(Some("key-r"), &body), 422, "manifest.result.eligibility.status: missing");
}

#[test]
fn limits() {
    let dir = temp_dir();
    let mut cfg = config(dir.path());
    let body = package("key-l");
    cfg.limits = Limits { max_bytes: body.len() as u64 - 1, max_files: 1, max_file_bytes: 40 };
    let s = Server::start(cfg);
    // Too large by Content-Length: refused before reading.
    assert_error(&s.post(Some("key-l"), &body), 413, "$: the package is larger than");
    // Too large without a Content-Length (chunked): refused while reading.
    let mut c = connect(s.addr);
    c.write_all(b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/zip\r\nIdempotency-Key: key-l\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    let _ = write!(c, "{:x}\r\n", body.len());
    let _ = c.write_all(&body);
    let _ = c.write_all(b"\r\n0\r\n\r\n");
    let r = read_response(&mut c);
    assert_error(&r, 413, "$: the package is larger than");

    // Within the byte limit, over the file limits.
    let dir2 = temp_dir();
    let mut cfg = config(dir2.path());
    cfg.limits = Limits { max_bytes: 1 << 20, max_files: 1, max_file_bytes: 40 };
    let s = Server::start(cfg);
    let r = s.post(Some("key-l"), &body);
    // The file-count limit comes before any per-file work.
    assert_error(&r, 422, "manifest.files: more than 1 files; at most 1 are accepted");
    assert_eq!(r.errors().len(), 1, "{:?}", r.errors());
    drop(s);
    let dir3 = temp_dir();
    let mut cfg = config(dir3.path());
    cfg.limits = Limits { max_bytes: 1 << 20, max_files: 20, max_file_bytes: 40 };
    let s = Server::start(cfg);
    let r = s.post(Some("key-l"), &body);
    assert_error(&r, 422, &format!("manifest.files[1].size: {} bytes; at most 40", PDF.len()));
}

#[test]
fn cors_only_for_configured_origins() {
    let dir = temp_dir();
    let mut cfg = config(dir.path());
    cfg.allow_origins = vec!["https://portal.example.gov.cn".into()];
    let s = Server::start(cfg);
    let preflight = |origin: &str| {
        request(
            s.addr,
            "OPTIONS",
            "/api/v1/applications",
            &[("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type, idempotency-key")],
            b"",
        )
    };
    let ok = preflight("https://portal.example.gov.cn");
    assert_eq!(ok.header("access-control-allow-origin"), Some("https://portal.example.gov.cn"));
    assert!(ok.header("access-control-allow-headers").unwrap().contains("idempotency-key"));
    let refused = preflight("https://evil.example.com");
    assert_eq!(refused.header("access-control-allow-origin"), None);

    let body = package("key-c");
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Origin", "https://portal.example.gov.cn"), ("Content-Type", "application/zip"), ("Idempotency-Key", "key-c")], &body);
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin"), Some("https://portal.example.gov.cn"));
    let r = request(s.addr, "GET", "/api/v1/health", &[("Origin", "https://evil.example.com")], b"");
    assert_eq!(r.header("access-control-allow-origin"), None);

    // No origins configured: no CORS at all.
    let dir2 = temp_dir();
    let s2 = Server::start(config(dir2.path()));
    let r = request(s2.addr, "GET", "/api/v1/health", &[("Origin", "https://portal.example.gov.cn")], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn restart_loses_nothing() {
    let dir = temp_dir();
    let body = package("key-durable");
    let s = Server::start(config(dir.path()));
    let first = s.post(Some("key-durable"), &body);
    assert_eq!(first.status, 201);
    let receipt = first.json()["receipt"].as_str().unwrap().to_string();
    let before = s.get(&format!("/api/v1/applications/{receipt}"), &[]).json();
    s.stop();

    // Leftovers of an insert interrupted before its commit.
    let (tmp, orphan) = ("packages/MTT-20250101-INTERRUPTED.tmp", "packages/MTT-20250101-NORECEIPT00000.zip");
    put_stored(dir.path(), tmp, b"half");
    put_stored(dir.path(), orphan, b"orphan");

    let s = Server::start(config(dir.path()));
    let after = s.get(&format!("/api/v1/applications/{receipt}"), &[]);
    assert_eq!(after.status, 200);
    assert_eq!(after.json(), before);
    let kept = stored(dir.path(), &format!("packages/{receipt}.zip")).expect("the package is kept");
    assert!(kept == body, "the stored package is byte-identical to what was sent");
    // Alone on SQLite the sweep runs at start; replicas sharing PostgreSQL
    // sweep once an orphan is older than the grace period (2 s in tests).
    let t = std::time::Instant::now();
    while stored(dir.path(), tmp).is_some() || stored(dir.path(), orphan).is_some() {
        assert!(scale().is_some() && t.elapsed() < Duration::from_secs(20), "the leftovers of an interrupted insert were not removed");
        std::thread::sleep(Duration::from_millis(250));
    }
    // The replay after restart still gets the same receipt.
    let again = s.post(Some("key-durable"), &body);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["receipt"], receipt.as_str());
}

#[test]
fn concurrent_distinct_submissions_all_stored() {
    let dir = temp_dir();
    // All eight come from one address: allow them all at once.
    let mut cfg = config(dir.path());
    cfg.max_submissions_per_client = 8;
    let s = Server::start(cfg);
    let addr = s.addr;
    let handles: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                let key = format!("key-many-{i}");
                let r = request(addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", &key)], &package(&key));
                (r.status, r.json()["receipt"].as_str().unwrap_or("").to_string())
            })
        })
        .collect();
    let mut receipts: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).map(|(st, r)| {
        assert_eq!(st, 201);
        r
    }).collect();
    receipts.sort();
    receipts.dedup();
    assert_eq!(receipts.len(), 8);
}

#[test]
fn a_stalled_upload_times_out_and_frees_its_key() {
    let dir = temp_dir();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut cfg = config(dir.path());
    cfg.hooks.claimed = Some(tx);
    cfg.body_idle_timeout = Duration::from_millis(300);
    let s = Server::start(cfg);
    let body = package("key-stall");
    let mut c = connect(s.addr);
    write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-stall")], body.len());
    c.write_all(&body[..50]).unwrap();
    rx.recv_timeout(Duration::from_secs(30)).unwrap();
    // The server answers by itself once the body has stalled.
    let r = read_response(&mut c);
    assert_error(&r, 408, "$: no part of the package arrived for 0.3 s");
    drop(c);
    let r = s.post(Some("key-stall"), &body);
    assert_eq!(r.status, 201, "{}", r.text());
}

#[test]
fn too_many_at_once_get_503_and_retry_after() {
    let dir = temp_dir();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut cfg = config(dir.path());
    cfg.hooks.claimed = Some(tx);
    cfg.max_concurrent_submissions = 1;
    let s = Server::start(cfg);
    let body = package("key-busy-1");
    let mut first = connect(s.addr);
    write_head(&mut first, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-busy-1")], body.len());
    first.write_all(&body[..50]).unwrap();
    rx.recv_timeout(Duration::from_secs(30)).unwrap();

    let busy = s.post(Some("key-busy-2"), &package("key-busy-2"));
    assert_error(&busy, 503, "$: the server is receiving too many applications at once");
    assert_eq!(busy.header("retry-after"), Some("2"));
    // Status questions are not held up.
    assert_eq!(s.get("/api/v1/health", &[]).status, 200);

    first.write_all(&body[50..]).unwrap();
    assert_eq!(read_response(&mut first).status, 201);
    assert_eq!(s.post(Some("key-busy-2"), &package("key-busy-2")).status, 201);
}
