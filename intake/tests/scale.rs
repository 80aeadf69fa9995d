//! The intake behind several replicas (issue 17). Every test runs in both
//! set-ups: SQLite + folder (the default, `cargo test`) and PostgreSQL + S3
//! (`make test-scale`: real PostgreSQL and moto's S3 server started by
//! `scripts/scale-services.sh`, see `common::config`).
//!
//! - two replicas racing on one key store one receipt (SQLite: a second
//!   process on the folder is refused, which is how it keeps that promise);
//! - a replica killed with SIGKILL while uploads are in flight leaves no
//!   receipt without its package, loses no answered application and
//!   duplicates none;
//! - readiness fails while the store is unreachable (and the database, on
//!   PostgreSQL), and recovers;
//! - `/metrics` counts submissions by outcome;
//! - a backup (SQLite's online `--backup`; `pg_dump` + a copy of the
//!   bucket) restored into a new intake answers every receipt it had.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// A `mantetong-intake` process in the set-up `config(data)` gives.
struct Replica {
    child: Child,
    lines: Receiver<Value>,
    addr: SocketAddr,
}

impl Replica {
    fn start(data: &Path, extra: &[&str]) -> Result<Replica, String> {
        let c = config(data);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mantetong-intake"));
        cmd.args(["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--orphan-grace-secs", "2"]).args(extra);
        if let Some(db) = &c.database {
            cmd.args(["--database", db]);
        }
        if let Some(s) = &c.store {
            cmd.args(["--store", s]);
        }
        let mut child = cmd.env("RUST_LOG", "info").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
            }
        });
        let t = Instant::now();
        loop {
            match lines.recv_timeout(Duration::from_millis(200)) {
                Ok(v) if v["fields"]["message"] == "listening" => {
                    let addr = v["fields"]["addr"].as_str().unwrap().parse().unwrap();
                    return Ok(Replica { child, lines, addr });
                }
                Ok(_) => {}
                Err(_) => {
                    if let Ok(Some(_)) = child.try_wait() {
                        let mut err = String::new();
                        let _ = std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err);
                        return Err(err);
                    }
                    assert!(t.elapsed() < Duration::from_secs(60), "the replica did not start");
                }
            }
        }
    }

    fn post(&self, key: &str, body: &[u8]) -> Resp {
        request(self.addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", key)], body)
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while self.lines.try_recv().is_ok() {}
    }
}

/// Every stored application of `data`: key → receipt, from the database.
fn rows(data: &Path) -> Vec<(String, String)> {
    let rt = rt();
    let store = admin(&rt, data);
    rt.block_on(store.list()).unwrap().into_iter().map(|r| (r.idempotency_key, r.receipt)).collect()
}

/// Every package object of `data` (`packages/…`).
fn package_objects(data: &Path) -> Vec<String> {
    let rt = rt();
    let store = admin(&rt, data);
    rt.block_on(store.blobs.list("packages")).unwrap().into_iter().map(|o| o.key).collect()
}

#[test]
fn two_replicas_racing_on_one_key_store_one_receipt() {
    let dir = temp_dir();
    let a = Replica::start(dir.path(), &[]).unwrap();
    let b = match Replica::start(dir.path(), &[]) {
        Ok(b) => b,
        Err(e) => {
            // SQLite keeps one receipt per key by keeping one process.
            assert!(scale().is_none(), "a second replica on PostgreSQL was refused: {e}");
            assert!(e.contains("another mantetong-intake is using"), "{e}");
            return;
        }
    };
    assert!(scale().is_some(), "a second process was let onto a SQLite folder");
    let keys: Vec<String> = (0..12).map(|i| format!("race-{i}")).collect();
    let mut answers: HashMap<String, Vec<(u16, String)>> = HashMap::new();
    for key in &keys {
        let body = package(key);
        // Both replicas get the same key at the same moment, twice each.
        let got: Vec<Resp> = std::thread::scope(|s| {
            let hs: Vec<_> = [a.addr, b.addr, a.addr, b.addr]
                .into_iter()
                .map(|addr| {
                    let body = &body;
                    s.spawn(move || request(addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", key)], body))
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for r in got {
            let receipt = if r.status < 300 { r.json()["receipt"].as_str().unwrap().to_string() } else { String::new() };
            answers.entry(key.clone()).or_default().push((r.status, receipt));
        }
    }
    let stored = rows(dir.path());
    for key in &keys {
        let a = &answers[key];
        // 201 once; the rest 200 with the same receipt, or 409 while this
        // replica still held the key (the client retries those).
        assert_eq!(a.iter().filter(|(s, _)| *s == 201).count(), 1, "{key}: {a:?}");
        assert!(a.iter().all(|(s, _)| [200, 201, 409].contains(s)), "{key}: {a:?}");
        let receipts: HashSet<&String> = a.iter().filter(|(s, _)| *s < 300).map(|(_, r)| r).collect();
        assert_eq!(receipts.len(), 1, "{key}: one receipt, whoever answered: {a:?}");
        let mine: Vec<&(String, String)> = stored.iter().filter(|(k, _)| k == key).collect();
        assert_eq!(mine.len(), 1, "{key}: one row");
        assert!(receipts.contains(&mine[0].1), "{key}: the answered receipt is the stored one");
    }
    // The losers took their uploads back: one package per receipt.
    let objects: HashSet<String> = package_objects(dir.path()).into_iter().collect();
    let want: HashSet<String> = stored.iter().map(|(_, r)| format!("packages/{r}.zip")).collect();
    assert_eq!(objects, want);
    // Status is the same from either replica.
    for (_, receipt) in &stored {
        let x = request(a.addr, "GET", &format!("/api/v1/applications/{receipt}"), &[], b"");
        let y = request(b.addr, "GET", &format!("/api/v1/applications/{receipt}"), &[], b"");
        assert_eq!((x.status, x.json()), (y.status, y.json()));
    }
}

#[test]
fn a_replica_killed_mid_upload_leaves_no_receipt_without_its_package() {
    let dir = temp_dir();
    let victim = Replica::start(dir.path(), &[]).unwrap();
    let n = 40;
    let bodies: Vec<(String, Vec<u8>)> = (0..n).map(|i| (format!("kill-{i}"), package(&format!("kill-{i}")))).collect();
    // Four clients send at once; the replica is killed (SIGKILL: no
    // shutdown, no cleanup) once some have been answered.
    let (tx, rx) = channel::<(String, u16, String)>();
    let addr = victim.addr;
    let senders: Vec<_> = bodies
        .chunks(n / 4)
        .map(|chunk| {
            let (chunk, tx) = (chunk.to_vec(), tx.clone());
            std::thread::spawn(move || {
                for (key, body) in chunk {
                    let Ok(mut c) = std::net::TcpStream::connect(addr) else { continue };
                    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                    write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", &key)], body.len());
                    let _ = std::io::Write::write_all(&mut c, &body);
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_response(&mut c)));
                    if let Ok(r) = r {
                        let receipt = if r.status < 300 { r.json()["receipt"].as_str().unwrap_or("").to_string() } else { String::new() };
                        let _ = tx.send((key, r.status, receipt));
                    }
                }
            })
        })
        .collect();
    drop(tx);
    let mut answered = Vec::new();
    while answered.len() < 8 {
        answered.push(rx.recv_timeout(Duration::from_secs(60)).expect("answers before the kill"));
    }
    let mut victim = victim;
    victim.child.kill().unwrap();
    victim.child.wait().unwrap();
    for s in senders {
        let _ = s.join();
    }
    answered.extend(rx.try_iter());
    let receipts: HashMap<String, String> = answered.into_iter().filter(|(_, s, _)| *s == 201 || *s == 200).map(|(k, _, r)| (k, r)).collect();
    assert!(!receipts.is_empty());

    // Another replica takes over (on SQLite: the same process restarted).
    let survivor = Replica::start(dir.path(), &[]).unwrap();
    // No receipt without its package, byte for byte, right away.
    let stored = rows(dir.path());
    for (key, receipt) in &stored {
        let body = &bodies.iter().find(|(k, _)| k == key).unwrap().1;
        let kept = stored_package(dir.path(), receipt);
        assert!(kept.as_deref() == Some(&body[..]), "{key}: the row {receipt} has no package or another one");
    }
    // Every answered receipt is kept (lost 0).
    for (key, receipt) in &receipts {
        assert!(stored.iter().any(|(k, r)| k == key && r == receipt), "{key}: answered {receipt}, not kept");
    }
    // The clients retry whatever was not answered: each key ends with one
    // receipt (duplicated 0), the answered ones unchanged.
    for (key, body) in &bodies {
        let r = survivor.post(key, body);
        assert!(r.status == 200 || r.status == 201, "{key}: {} {}", r.status, r.text());
        if let Some(was) = receipts.get(key) {
            assert_eq!(r.status, 200);
            assert_eq!(r.json()["receipt"], was.as_str(), "{key}");
        }
    }
    let stored = rows(dir.path());
    assert_eq!(stored.len(), n, "one row per key");
    assert_eq!(stored.iter().map(|(k, _)| k).collect::<HashSet<_>>().len(), n);
    // Orphans of the kill are swept (at start on SQLite; after the 2 s
    // grace with PostgreSQL): one package per row, nothing else.
    let want: HashSet<String> = stored.iter().map(|(_, r)| format!("packages/{r}.zip")).collect();
    let t = Instant::now();
    loop {
        let have: HashSet<String> = package_objects(dir.path()).into_iter().collect();
        if have == want {
            break;
        }
        assert!(want.is_subset(&have), "a stored application lost its package");
        assert!(t.elapsed() < Duration::from_secs(20), "orphans left: {:?}", have.difference(&want).collect::<Vec<_>>());
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn stored_package(data: &Path, receipt: &str) -> Option<Vec<u8>> {
    stored(data, &format!("packages/{receipt}.zip"))
}

fn ready(addr: SocketAddr) -> Resp {
    request(addr, "GET", "/readyz", &[], b"")
}

#[test]
fn readiness_fails_while_the_store_or_the_database_is_unreachable() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    assert_eq!(request(s.addr, "GET", "/healthz", &[], b"").status, 200);
    let r = ready(s.addr);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "ready");
    match scale() {
        None => {
            // The package folder gone (a disk unmounted): not ready.
            let p = dir.path().join("packages");
            std::fs::rename(&p, dir.path().join("elsewhere")).unwrap();
            let r = ready(s.addr);
            assert_eq!(r.status, 503, "{}", r.text());
            assert!(r.errors()[0].contains("package folder"), "{:?}", r.errors());
            std::fs::rename(dir.path().join("elsewhere"), &p).unwrap();
            assert_eq!(ready(s.addr).status, 200);
        }
        Some(pg) => {
            let name = scale_name(dir.path());
            let endpoint = std::env::var("AWS_ENDPOINT_URL").unwrap();
            let s3: SocketAddr = endpoint.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
            // The bucket gone: not ready, the store named.
            assert_eq!(request(s3, "DELETE", &format!("/{name}"), &[], b"").status, 204);
            let r = ready(s.addr);
            assert_eq!(r.status, 503, "{}", r.text());
            assert!(r.errors()[0].contains("object store"), "{:?}", r.errors());
            create_bucket(&name);
            assert_eq!(ready(s.addr).status, 200);
            // The database gone: not ready, the database named.
            rt().block_on(async {
                use sqlx::Connection;
                let mut c = sqlx::AnyConnection::connect(&format!("{pg}/postgres")).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE \"{name}\" WITH (FORCE)"))).execute(&mut c).await.unwrap();
            });
            let r = ready(s.addr);
            assert_eq!(r.status, 503, "{}", r.text());
            assert!(r.errors()[0].contains("database"), "{:?}", r.errors());
        }
    }
}

#[test]
fn metrics_count_submissions_by_outcome() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let count = |t: &str, name: &str| -> f64 { t.lines().find(|l| l.starts_with(name)).and_then(|l| l.rsplit(' ').next()).and_then(|v| v.parse().ok()).unwrap_or(-1.0) };
    let before = request(s.addr, "GET", "/metrics", &[], b"");
    assert_eq!(before.status, 200);
    assert!(before.header("content-type").unwrap().starts_with("text/plain; version=0.0.4"));
    let b = before.text();
    assert_eq!(s.post(Some("m-1"), &package("m-1")).status, 201);
    assert_eq!(s.post(Some("m-1"), &package("m-1")).status, 200);
    assert_eq!(s.post(Some("m-2"), b"not a zip").status, 422);
    let a = request(s.addr, "GET", "/metrics", &[], b"").text();
    // Counters are per process and tests share one: at least ours.
    for (name, n) in [("mantetong_submissions_total{outcome=\"created\"}", 1.0), ("mantetong_submissions_total{outcome=\"replayed\"}", 1.0), ("mantetong_submissions_total{outcome=\"refused\"}", 1.0), ("mantetong_submission_seconds_count", 3.0)] {
        assert!(count(&a, name) >= count(&b, name) + n, "{name}: {} then {}", count(&b, name), count(&a, name));
    }
    for name in ["mantetong_store_errors_total", "mantetong_db_errors_total", "mantetong_submissions_in_flight", "mantetong_readings_queued", "mantetong_submission_seconds_bucket{le=\"+Inf\"}"] {
        assert!(count(&a, name) >= 0.0, "{name} missing:\n{a}");
    }
}

/// Copies every object of bucket `from` into bucket `to` (what `aws s3
/// sync` or a replicated bucket does for a real backup).
fn copy_bucket(from: &str, to: &str, data: &Path) {
    create_bucket(to);
    let src = mantetong_intake::blobs::Blobs::open(Some(&format!("s3://{from}/intake")), data).unwrap();
    let dst = mantetong_intake::blobs::Blobs::open(Some(&format!("s3://{to}/intake")), data).unwrap();
    let rt = rt();
    rt.block_on(async {
        for dir in ["packages", "readings"] {
            for o in src.list(dir).await.unwrap() {
                let b = src.get(&o.key).await.unwrap().unwrap();
                dst.put(&o.key, bytes::Bytes::from(b)).await.unwrap();
            }
        }
    });
}

#[test]
fn a_restored_backup_answers_every_receipt() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let mut receipts = Vec::new();
    for i in 0..6 {
        let key = format!("backup-{i}");
        let r = s.post(Some(&key), &package(&key));
        assert_eq!(r.status, 201);
        receipts.push(r.json()["receipt"].as_str().unwrap().to_string());
    }
    let before: Vec<Value> = receipts.iter().map(|r| s.get(&format!("/api/v1/applications/{r}"), &[]).json()).collect();
    let restored = temp_dir();
    let target = restored.path().join("intake");
    match scale() {
        None => {
            // Online, beside the running server.
            let out = Command::new(env!("CARGO_BIN_EXE_mantetong-intake")).args(["--data", dir.path().to_str().unwrap(), "--backup", target.to_str().unwrap()]).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let said: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(said["applications"], 6);
            let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(target.join("intake.sqlite3")).unwrap().permissions()) & 0o777;
            assert_eq!(mode, 0o600);
            // A second backup into a folder that is not empty is refused.
            let out = Command::new(env!("CARGO_BIN_EXE_mantetong-intake")).args(["--data", dir.path().to_str().unwrap(), "--backup", target.to_str().unwrap()]).output().unwrap();
            assert_eq!(out.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
        }
        Some(pg) => {
            // pg_dump while serving, then the bucket; restored into a new
            // database and a new bucket, named after the new --data.
            let bin = std::env::var("MTT_PG_BIN").unwrap_or_else(|_| "/usr/bin".into());
            let (old, new) = (scale_name(dir.path()), scale_name(&target));
            let dump = restored.path().join("intake.dump");
            let st = Command::new(format!("{bin}/pg_dump")).args(["-Fc", "-f", dump.to_str().unwrap(), &format!("{pg}/{old}")]).status().unwrap();
            assert!(st.success(), "pg_dump");
            copy_bucket(&old, &new, dir.path());
            create_database(&pg, &new);
            let st = Command::new(format!("{bin}/pg_restore")).args(["--no-owner", "-d", &format!("{pg}/{new}"), dump.to_str().unwrap()]).status().unwrap();
            assert!(st.success(), "pg_restore");
        }
    }
    s.stop();
    let r = Server::start(config(&target));
    for (receipt, want) in receipts.iter().zip(&before) {
        let got = r.get(&format!("/api/v1/applications/{receipt}"), &[]);
        assert_eq!(got.status, 200, "{receipt} after restore");
        assert_eq!(&got.json(), want);
        assert!(stored_package(&target, receipt).is_some(), "{receipt}: its package restored");
    }
    // And it goes on: the same key replays, a new one is received.
    assert_eq!(r.post(Some("backup-0"), &package("backup-0")).status, 200);
    assert_eq!(r.post(Some("backup-new"), &package("backup-new")).status, 201);
}
