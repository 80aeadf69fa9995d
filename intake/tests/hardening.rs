//! Issue 14: slow and idle clients, bounded answers, edges of the protocol,
//! data at rest and retention, against a real server over real HTTP.

mod common;

use common::*;
use mantetong_intake::store::Store;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

fn assert_error(r: &Resp, status: u16, want: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    let errs = r.errors();
    assert!(errs.iter().any(|e| e.starts_with(want)), "want an error starting {want:?}, got {errs:?}");
}

/// A connection from `from` (any 127.x address reaches a server on 127.0.0.1).
async fn connect_from(from: &str, to: SocketAddr) -> tokio::net::TcpStream {
    let sock = tokio::net::TcpSocket::new_v4().unwrap();
    sock.bind(SocketAddr::new(from.parse::<IpAddr>().unwrap(), 0)).unwrap();
    sock.connect(to).await.unwrap()
}

/// While 16 clients from one address trickle bodies one byte at a time,
/// 300 more sit idle and 40 dribble their headers, honest submissions from
/// another address keep succeeding, each within a bound.
#[test]
fn honest_submissions_succeed_during_a_slow_client_probe() {
    use tokio::io::AsyncWriteExt;
    let dir = temp_dir();
    let mut cfg = config(dir.path());
    cfg.max_concurrent_submissions = 16;
    cfg.max_submissions_per_client = 4;
    cfg.conn.max_connections_per_client = 32;
    cfg.conn.header_timeout = Duration::from_secs(2);
    cfg.conn.idle_timeout = Duration::from_secs(3);
    cfg.body_idle_timeout = Duration::from_secs(2);
    cfg.body_deadline = Duration::from_secs(4);
    let s = Server::start(cfg);
    let addr = s.addr;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let probe = {
        let stop = stop.clone();
        rt.spawn(async move {
            let body = package("slow");
            let mut tasks = Vec::new();
            // Slow bodies: a byte every 500 ms from 127.0.0.2.
            for i in 0..16 {
                let body = body.clone();
                let stop = stop.clone();
                tasks.push(tokio::spawn(async move {
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let mut c = connect_from("127.0.0.2", addr).await;
                        let head = format!("POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\nIdempotency-Key: slow-{i}\r\nContent-Length: {}\r\n\r\n", body.len());
                        if c.write_all(head.as_bytes()).await.is_err() {
                            continue;
                        }
                        for b in &body {
                            if stop.load(std::sync::atomic::Ordering::Relaxed) || c.write_all(&[*b]).await.is_err() {
                                break;
                            }
                            tokio::time::sleep(Duration::from_millis(500)).await;
                        }
                    }
                }));
            }
            // Dribbled headers from 127.0.0.3.
            for _ in 0..40 {
                let stop = stop.clone();
                tasks.push(tokio::spawn(async move {
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let mut c = connect_from("127.0.0.3", addr).await;
                        for b in b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
                            if stop.load(std::sync::atomic::Ordering::Relaxed) || c.write_all(&[*b]).await.is_err() {
                                break;
                            }
                            tokio::time::sleep(Duration::from_millis(400)).await;
                        }
                    }
                }));
            }
            // Idle sockets from 127.0.0.4, reopened as they are closed.
            let mut idle = Vec::new();
            for _ in 0..300 {
                idle.push(connect_from("127.0.0.4", addr).await);
            }
            for t in tasks {
                let _ = t.await;
            }
            drop(idle);
        })
    };
    std::thread::sleep(Duration::from_millis(1500));
    let mut worst = Duration::ZERO;
    for i in 0..20 {
        let key = format!("honest-{i}");
        let t = Instant::now();
        let r = s.post(Some(&key), &package(&key));
        worst = worst.max(t.elapsed());
        assert_eq!(r.status, 201, "honest submission {i} during the probe: {}", r.text());
        std::thread::sleep(Duration::from_millis(200));
    }
    // Slowest honest submission while 16 slow bodies, 40 slow headers and 300 idle sockets ran.
    assert!(worst < Duration::from_secs(3), "an honest submission took {worst:?}");
    println!("slow-client probe: 20 honest submissions, slowest {worst:?}");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = rt.block_on(async { tokio::time::timeout(Duration::from_secs(10), probe).await });
}

/// A header block that never completes, an idle keep-alive socket and a
/// body that trickles forever are each closed or answered within their
/// deadlines.
#[test]
fn deadlines_for_headers_idle_sockets_and_bodies() {
    let dir = temp_dir();
    let mut cfg = config(dir.path());
    cfg.conn.header_timeout = Duration::from_millis(800);
    cfg.conn.idle_timeout = Duration::from_millis(1000);
    cfg.body_idle_timeout = Duration::from_millis(600);
    cfg.body_deadline = Duration::from_millis(1500);
    let s = Server::start(cfg);

    // Header dribble: a byte every 200 ms; closed by the header deadline.
    let mut c = connect(s.addr);
    let t = Instant::now();
    let mut closed = false;
    for b in b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter() {
        if c.write_all(&[*b]).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        c.set_nonblocking(true).unwrap();
        let mut buf = [0u8; 256];
        let gone = c.read(&mut buf).is_ok();
        c.set_nonblocking(false).unwrap();
        if gone {
            closed = true;
            break;
        }
    }
    assert!(closed, "a dribbled header block was never cut off");
    assert!(t.elapsed() < Duration::from_secs(4), "header deadline took {:?}", t.elapsed());

    // Idle keep-alive: one request, then silence; the server closes it.
    let mut c = connect(s.addr);
    c.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let t = Instant::now();
    // Read until the server closes the kept-alive connection.
    assert_eq!(read_response(&mut c).status, 200);
    let idle = t.elapsed();
    assert!(idle >= Duration::from_millis(700) && idle < Duration::from_secs(4), "idle socket closed after {idle:?}");

    // A body that keeps trickling (faster than the idle timer) meets the total deadline.
    let body = package("trickle");
    let mut c = connect(s.addr);
    write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "trickle")], body.len());
    let t = Instant::now();
    let writer = {
        let mut w = c.try_clone().unwrap();
        let body = body.clone();
        std::thread::spawn(move || {
            for b in body {
                if w.write_all(&[b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let r = read_response(&mut c);
    assert_error(&r, 408, "$: the package did not arrive whole within 1.5 s");
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    drop(c);
    let _ = writer.join();
}

#[test]
fn connection_caps_answer_503_not_silence() {
    let dir = temp_dir();
    let mut cfg = config(dir.path());
    cfg.conn.max_connections_per_client = 4;
    let s = Server::start(cfg);
    let held: Vec<_> = (0..4).map(|_| connect(s.addr)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut c = connect(s.addr);
    let mut all = Vec::new();
    let _ = c.read_to_end(&mut all);
    let text = String::from_utf8_lossy(&all);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    let body = &text[text.find("\r\n\r\n").unwrap() + 4..];
    let j: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(j["errors"][0]["path"], "$");
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(s.get("/api/v1/health", &[]).status, 200);
}

#[test]
fn edges_answer_in_the_error_shape() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    // Receipts that are not UTF-8 or not receipts: 404 in JSON.
    for p in ["/api/v1/applications/%ff%fe", "/api/v1/applications/%00", "/api/v1/applications/a%2Fb", "/api/v1/applications/MTT-x"] {
        let r = s.get(p, &[]);
        assert_eq!(r.status, 404, "{p}: {}", r.text());
        assert!(!r.errors().is_empty(), "{p}: {}", r.text());
    }
    // 405 on the collection, with Allow.
    let r = s.get("/api/v1/applications", &[]);
    assert_error(&r, 405, "$: GET is not allowed on /api/v1/applications; allowed: POST");
    assert_eq!(r.header("allow"), Some("POST"));
    let r = request(s.addr, "DELETE", "/api/v1/health", &[], b"");
    assert_eq!(r.status, 405);
    assert!(!r.errors().is_empty());
    // 415 does not echo the client's header.
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Content-Type", "text/<script>evil"), ("Idempotency-Key", "k")], b"x");
    assert_error(&r, 415, "Content-Type: must be application/zip");
    assert!(!r.text().contains("evil"), "{}", r.text());
    // Two Idempotency-Key headers: 400, not first-wins.
    let body = package("dup-a");
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "dup-a"), ("Idempotency-Key", "dup-b")], &body);
    assert_error(&r, 400, "Idempotency-Key: sent more than once");
    // Two Content-Types: 415.
    let r = request(s.addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Content-Type", "text/plain"), ("Idempotency-Key", "dup-a")], &body);
    assert_eq!(r.status, 415);
}

#[test]
fn many_problems_give_a_small_capped_answer() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let body = package_with("many", |d, _| {
        d.facts["documents"] = serde_json::Value::Array((0..90).map(|i| serde_json::json!({"kind": format!("bogus-{i}"), "issued": "x".repeat(1000)})).collect());
    });
    let r = s.post(Some("many"), &body);
    assert_eq!(r.status, 422);
    assert!(r.body.len() < 64 * 1024, "{} bytes", r.body.len());
    let errs = r.errors();
    assert_eq!(errs.len(), 21, "{errs:?}");
    assert!(errs[20].starts_with("$: and ") && errs[20].ends_with(" more problems"), "{}", errs[20]);
}

#[test]
fn a_paper_claimed_without_its_file_is_not_sealed() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    // The facts claim files (a sealed certificate among them) that are not attached.
    let body = package_with("nofile", |_, f| f.clear());
    let r = s.post(Some("nofile"), &body);
    assert_error(&r, 422, "manifest.facts.documents[1].file: claims a file of this paper but no application/pdf file of kind \"diagnosis_certificate\" is attached");
    assert_error(&r, 422, "manifest.facts.documents[0].file: claims a file");

    // A paper said to be sealed, with no file claimed or attached: the
    // server evaluates it as of unknown seal, stores its own result and
    // flags the difference.
    let body = package_with("noclaim", |d, f| {
        f.clear();
        for doc in d.facts["documents"].as_array_mut().unwrap() {
            doc.as_object_mut().unwrap().remove("file");
        }
        d.result = evaluate(&d.facts);
    });
    let r = s.post(Some("noclaim"), &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt_n = r.json()["receipt"].as_str().unwrap().to_string();
    let st = s.get(&format!("/api/v1/applications/{receipt_n}"), &[]).json();
    assert_eq!(st["result_differs"], true, "the client counted an unseen seal: {st}");

    // A forged estimate: stored with the server's own result, flagged.
    let body = package_with("forged", |d, _| {
        d.result["estimate"] = serde_json::json!({"reimbursed": 999999});
    });
    let r = s.post(Some("forged"), &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    let st = s.get(&format!("/api/v1/applications/{receipt}"), &[]).json();
    assert_eq!(st["result_differs"], true, "{st}");
    let honest = s.post(Some("honest"), &package("honest"));
    let receipt_h = honest.json()["receipt"].as_str().unwrap().to_string();
    assert_eq!(s.get(&format!("/api/v1/applications/{receipt_h}"), &[]).json()["result_differs"], false);
    s.stop();
    let rt = rt();
    let store = admin(&rt, dir.path());
    let rec = rt.block_on(store.by_receipt(&receipt)).unwrap().unwrap();
    let ours: serde_json::Value = serde_json::from_str(&rec.result).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(&rec.client_result).unwrap();
    assert_eq!(theirs["estimate"]["reimbursed"], 999999);
    assert_ne!(ours["estimate"], theirs["estimate"]);
    assert!(rec.result_differs.contains("manifest.result.estimate"), "{}", rec.result_differs);
    // The unseen seal: the server's stored materials review does not count it.
    let rec = rt.block_on(store.by_receipt(&receipt_n)).unwrap().unwrap();
    assert!(!rec.result_differs.is_empty());
    assert_ne!(rec.result, rec.client_result);
}

#[test]
fn data_at_rest_is_private_and_retention_deletes_package_bytes() {
    let dir = temp_dir();
    let data = dir.path().join("data");
    let mut cfg = config(&data);
    cfg.retention = Some(Duration::from_millis(300));
    let s = Server::start(cfg);
    let r = s.post(Some("keep-1"), &package("keep-1"));
    assert_eq!(r.status, 201);
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    let r2 = s.post(Some("keep-2"), &package("keep-2"));
    let receipt2 = r2.json()["receipt"].as_str().unwrap().to_string();
    for (p, want) in [(data.clone(), 0o700), (data.join("packages"), 0o700), (data.join("intake.sqlite3"), 0o600), (data.join(format!("packages/{receipt}.zip")), 0o600)] {
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{}", p.display());
    }
    // Decide the first; the second stays undecided.
    let rt = rt();
    let admin = admin(&rt, &data);
    assert!(rt.block_on(admin.set_status(&receipt, "accepted")).unwrap());
    let pkg = data.join(format!("packages/{receipt}.zip"));
    let t = Instant::now();
    while pkg.exists() {
        assert!(t.elapsed() < Duration::from_secs(10), "retention never deleted the package");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(data.join(format!("packages/{receipt2}.zip")).exists(), "an undecided package was deleted");
    // The bytes go first, then the row records it (a purge that fails
    // half way is tried again, never a row saying deleted over kept
    // bytes): on a busy machine the status can lag the file a moment.
    let st = loop {
        let st = s.get(&format!("/api/v1/applications/{receipt}"), &[]).json();
        if st["package_kept"] == false || t.elapsed() >= Duration::from_secs(10) {
            break st;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(st["status"], "accepted");
    assert_eq!(st["package_kept"], false, "the deletion was never recorded");
    let events: Vec<String> = rt.block_on(admin.audit(&receipt)).unwrap().into_iter().map(|(_, e)| e).collect();
    assert_eq!(events, vec!["decided".to_string(), "package deleted (retention)".to_string()]);
    // A replay of the purged application still gets its receipt.
    let again = s.post(Some("keep-1"), &package("keep-1"));
    assert_eq!(again.status, 200);
    s.stop();
    // Restart: no complaint, nothing recreated.
    let s = Server::start(config(&data));
    assert_eq!(s.get(&format!("/api/v1/applications/{receipt}"), &[]).json()["package_kept"], false);
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = temp_dir();
    let rt = rt();
    let store = rt.block_on(Store::open(&mantetong_intake::store::Location::local(dir.path()))).unwrap();
    let rec = mantetong_intake::store::Record::basic("MTT-20250101-AAAAAAAAAAAAAAAA", "k", "h", "2025-01-01T00:00:00Z", "p", "1", "eligible", 0, 3);
    // The final name is taken by a folder: the rename fails after the write.
    std::fs::create_dir(store.package_path(&rec.receipt)).unwrap();
    assert!(rt.block_on(store.insert(&rec, bytes::Bytes::from_static(b"abc"))).is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path().join("packages")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(rt.block_on(store.by_receipt(&rec.receipt)).unwrap().is_none());
}

/// A stalled upload (headers and half the body, then nothing) is answered
/// `408` in the JSON error shape by the body's idle timer, even when the
/// connection's idle timer is shorter (it used to cut the body off first:
/// `400`); the key is free again at once.
#[test]
fn a_stalled_upload_gets_408_from_the_body_timer() {
    let dir = temp_dir();
    let mut cfg = config(dir.path());
    cfg.conn.idle_timeout = Duration::from_millis(300);
    cfg.body_idle_timeout = Duration::from_millis(1200);
    cfg.body_deadline = Duration::from_secs(20);
    let s = Server::start(cfg);
    let body = package("stalled");
    let mut c = connect(s.addr);
    write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "stalled")], body.len());
    c.write_all(&body[..body.len() / 2]).unwrap();
    let t = Instant::now();
    let r = read_response(&mut c);
    let took = t.elapsed();
    assert_error(&r, 408, "$: no part of the package arrived for 1.2 s; send it again with the same key");
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(took >= Duration::from_millis(1000) && took < Duration::from_secs(6), "answered after {took:?}");
    drop(c);
    // The key is released: the whole package with it is stored.
    let r = s.post(Some("stalled"), &body);
    assert_eq!(r.status, 201, "{}", r.text());
}

/// Sends `head` as is (write errors ignored: the server may answer and
/// close before reading it all) and reads the answer.
fn send_head(addr: SocketAddr, head: &[u8]) -> Resp {
    let mut c = connect(addr);
    let _ = c.write_all(head);
    read_response(&mut c)
}

/// A header block of `size` bytes in all (request line, headers, blank line)
/// made of `n` headers of equal length.
fn header_block(size: usize, n: usize) -> Vec<u8> {
    let start = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    let fixed = start.len() + 2 + n * "X-Pad-00: \r\n".len();
    let pad = size - fixed;
    let mut h = start.to_string();
    for i in 0..n {
        let len = pad / n + usize::from(i < pad % n);
        h.push_str(&format!("X-Pad-{i:02}: {}\r\n", "a".repeat(len)));
    }
    h.push_str("\r\n");
    assert_eq!(h.len(), size);
    h.into_bytes()
}

/// The header block is at most 64 KiB (request line and headers, as the
/// docs say): 64 KiB exactly is served, one byte more is `431`, in one
/// header or spread over many, however fast it arrives.
#[test]
fn header_blocks_over_64_kib_get_431() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    for n in [1, 60] {
        let r = send_head(s.addr, &header_block(64 * 1024, n));
        assert_eq!(r.status, 200, "64 KiB in {n} headers: {}", r.text());
        for size in [64 * 1024 + 1, 100_000, 200_000] {
            let r = send_head(s.addr, &header_block(size, n));
            assert_eq!(r.status, 431, "{size} bytes in {n} headers: {}", r.text());
        }
    }
    assert_eq!(s.get("/api/v1/health", &[]).status, 200);
}

/// Reads an archive's entries (name, bytes) with the core's reader.
fn entries_of(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    mantetong_core::package::read_archive(zip, 100).unwrap().into_iter().map(|e| (e.name, e.data.to_vec())).collect()
}

/// A stored ZIP written byte by byte (local headers, central directory,
/// end record with the 16-bit count as it is, no ZIP64), as Python's
/// `zipfile` writes 65,535 entries.
fn plain_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    fn crc32(d: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in d {
            c ^= *b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    let (mut out, mut cd) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let (crc, off) = (crc32(data), out.len() as u32);
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0x21, 0]); // flags 0, stored, time 0, date 1980-01-01
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&[0, 0]);
        };
        out.extend_from_slice(&[0x50, 0x4b, 0x03, 0x04, 20, 0]);
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        cd.extend_from_slice(&[0x50, 0x4b, 0x01, 0x02, 20, 0, 20, 0]);
        common(&mut cd);
        cd.extend_from_slice(&[0; 10]); // comment length, disk, internal and external attributes
        cd.extend_from_slice(&off.to_le_bytes());
        cd.extend_from_slice(name.as_bytes());
    }
    let (cd_off, cd_len, n) = (out.len() as u32, cd.len() as u32, entries.len() as u16);
    out.extend_from_slice(&cd);
    out.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A manifest.json that starts with a UTF-8 byte-order mark is refused
/// with a message that says so (not "not valid JSON at column 1").
#[test]
fn a_manifest_with_a_byte_order_mark_is_named() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    // The writer itself is faithful: the package as built is stored.
    let good = plain_zip(&entries_of(&package("plain")));
    assert_eq!(s.post(Some("plain"), &good).status, 201);
    let mut entries = entries_of(&package("bom"));
    let m = entries.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
    m.1.splice(0..0, [0xEF, 0xBB, 0xBF]);
    let r = s.post(Some("bom"), &plain_zip(&entries));
    assert_eq!(r.status, 422, "{}", r.text());
    let errs = r.errors();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("manifest: manifest.json starts with a byte-order mark (EF BB BF);"), "{errs:?}");
}

/// 65,535 entries (the 16-bit count's largest value, without ZIP64) are
/// refused naming the count and the limit, not as "ZIP64".
#[test]
fn too_many_entries_name_the_count_and_the_limit() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let max = mantetong_core::package::Limits::default().max_files + 2;
    for n in [max + 1, 65_535] {
        let entries: Vec<(String, Vec<u8>)> = (0..n).map(|i| (format!("files/{i:05}.pdf"), Vec::new())).collect();
        let r = s.post(Some(&format!("many-{n}")), &plain_zip(&entries));
        assert_eq!(r.status, 422, "{}", r.text());
        let want = format!("$: the package has {n} entries; at most {max} are accepted");
        assert!(r.errors().iter().any(|e| e.starts_with(&want)), "{n}: want {want:?}, got {:?}", r.errors());
    }
}
