//! The `mantetong-intake` binary: command line, JSON logs, and a graceful
//! stop on SIGTERM that finishes the request in flight.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

struct Bin {
    child: Child,
    lines: Receiver<Value>,
}

impl Bin {
    fn start(args: &[&str]) -> Bin {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mantetong-intake"))
            .args(args)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("log line is not JSON ({e}): {line}"));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Bin { child, lines: rx }
    }

    /// Waits for the log line whose message is `msg`.
    fn wait_for(&self, msg: &str) -> Value {
        loop {
            let v = self.lines.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("no log line {msg:?}"));
            if v["fields"]["message"] == msg {
                return v;
            }
        }
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill").args([sig, &self.child.id().to_string()]).status().unwrap().success();
        assert!(ok);
    }
}

impl Drop for Bin {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn sigterm_finishes_the_request_in_flight() {
    let data = temp_dir();
    let mut bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", data.path().to_str().unwrap()]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();

    let body = package("key-bin");
    let mut c = connect(addr);
    write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-bin")], body.len());
    c.write_all(&body[..100]).unwrap();
    bin.wait_for("receiving an application");

    bin.signal("-TERM");
    bin.wait_for("shutting down: finishing requests in flight");
    c.write_all(&body[100..]).unwrap();
    let r = read_response(&mut c);
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    bin.wait_for("stopped");
    assert!(bin.child.wait().unwrap().success());

    // Started again on the same data, it still knows the receipt.
    let bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", data.path().to_str().unwrap()]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();
    let st = request(addr, "GET", &format!("/api/v1/applications/{receipt}"), &[], b"");
    assert_eq!(st.status, 200);
    assert_eq!(st.json()["status"], "received");
    bin.signal("-INT");
    bin.wait_for("stopped");
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let data = temp_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_mantetong-intake"))
        .args(["--listen", "127.0.0.1:0", "--data", data.path().to_str().unwrap(), "--allow-origin", "portal.example"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-origin: \"portal.example\" is not an origin"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_mantetong-intake")).args(["--listen", "not-an-address", "--data", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn back_office_lists_and_moves_status_while_serving() {
    let data = temp_dir();
    let d = data.path().to_str().unwrap();
    let bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", d]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();
    let r = request(addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-admin")], &package("key-admin"));
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();

    // A second server on the same data is refused.
    let out = Command::new(env!("CARGO_BIN_EXE_mantetong-intake")).args(["--listen", "127.0.0.1:0", "--data", d]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another mantetong-intake is using"));

    let exe = env!("CARGO_BIN_EXE_mantetong-intake");
    let out = Command::new(exe).args(["--data", d, "--list"]).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["receipt"], receipt.as_str());
    assert_eq!(lines[0]["idempotency_key"], "key-admin");
    // The listing stays one row per line when the store logs (every sqlx
    // statement at debug): the logs go to stderr.
    let out = Command::new(exe).args(["--data", d, "--list"]).env("RUST_LOG", "debug").output().unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows, lines, "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(!out.stderr.is_empty(), "the debug logs went somewhere other than stderr");

    let ok = Command::new(exe).args(["--data", d, "--set-status", &format!("{receipt}=accepted")]).status().unwrap();
    assert!(ok.success());
    let st = request(addr, "GET", &format!("/api/v1/applications/{receipt}"), &[], b"");
    assert_eq!(st.json()["status"], "accepted");

    let out = Command::new(exe).args(["--data", d, "--set-status", &format!("{receipt}=lost")]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown status \"lost\""));
    let out = Command::new(exe).args(["--data", d, "--set-status", "MTT-NOPE=accepted"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sigkill_loses_no_answered_application() {
    let data = temp_dir();
    let d = data.path().to_str().unwrap();
    let mut bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", d]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();
    let mut sent = Vec::new();
    for i in 0..5 {
        let key = format!("key-kill-{i}");
        let body = package(&key);
        let r = request(addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", &key)], &body);
        assert_eq!(r.status, 201);
        sent.push((r.json()["receipt"].as_str().unwrap().to_string(), body));
    }
    // One more left half-sent when the process dies.
    let mut c = connect(addr);
    write_head(&mut c, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-kill-x")], 1000);
    c.write_all(&[0u8; 10]).unwrap();
    bin.wait_for("receiving an application");
    bin.child.kill().unwrap(); // SIGKILL: no shutdown, no cleanup
    bin.child.wait().unwrap();

    let bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", d]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();
    for (receipt, body) in &sent {
        let st = request(addr, "GET", &format!("/api/v1/applications/{receipt}"), &[], b"");
        assert_eq!(st.status, 200, "{receipt}");
        let stored = std::fs::read(data.path().join("packages").join(format!("{receipt}.zip"))).unwrap();
        assert!(stored == *body, "{receipt}: stored package is byte-identical");
    }
    let packages = std::fs::read_dir(data.path().join("packages")).unwrap().count();
    assert_eq!(packages, sent.len(), "nothing else was kept");
}

/// A region dropped into a packs directory as a data file: a server started
/// with `--regions DIR` receives applications under it (no Rust, no
/// rebuild), a server with only the built-in packs refuses them, and a bad
/// pack in the directory stops the start naming the file and the field.
#[test]
fn a_pack_dropped_into_the_regions_dir_is_used_by_a_running_server() {
    use mantetong_core::package::{build, PackId};
    let regions = temp_dir();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/regions");
    for e in std::fs::read_dir(src).unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".json") && name != "index.json" {
            std::fs::copy(e.path(), regions.path().join(&name)).unwrap();
        }
    }
    let mut dropin: Value = serde_json::from_str(&std::fs::read_to_string(format!("{src}/shanxi-linfen.json")).unwrap()).unwrap();
    dropin["id"] = "shanxi-dropin".into();
    std::fs::write(regions.path().join("shanxi-dropin.json"), serde_json::to_string(&dropin).unwrap()).unwrap();

    // The application, evaluated under the dropped-in pack as the app would.
    let pack = mantetong_core::Pack::from_value(&dropin).unwrap();
    let mut f = facts();
    f["region"] = "shanxi-dropin".into();
    let cal = mantetong_core::bundled::calendar().unwrap();
    let on = mantetong_core::Date::parse("2025-09-30").unwrap();
    let result = mantetong_core::evaluate(&pack, &cal, &mantetong_core::Facts::from_value(&f).unwrap(), on).to_json();
    assert_eq!(result["region"], "shanxi-dropin");
    let d = mantetong_core::package::Draft {
        pack: PackId { id: "shanxi-dropin".into(), version: pack.version.to_string() },
        facts: f,
        result,
        ..draft("key-drop")
    };
    let body = build(&d, &files()).unwrap();
    let post = |addr| request(addr, "POST", "/api/v1/applications", &[("Content-Type", "application/zip"), ("Idempotency-Key", "key-drop")], &body);

    // Built-in packs only: unknown.
    let data = temp_dir();
    let bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", data.path().to_str().unwrap()]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();
    let r = post(addr);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("unknown pack \\\"shanxi-dropin\\\""), "{}", r.text());
    drop(bin);

    // With the directory: received.
    let data = temp_dir();
    let bin = Bin::start(&["--listen", "127.0.0.1:0", "--data", data.path().to_str().unwrap(), "--regions", regions.path().to_str().unwrap()]);
    let addr: SocketAddr = bin.wait_for("listening")["fields"]["addr"].as_str().unwrap().parse().unwrap();
    let r = post(addr);
    assert_eq!(r.status, 201, "{}", r.text());
    drop(bin);

    // A pack whose id does not match its file name: the start is refused.
    std::fs::write(regions.path().join("shanxi-other.json"), serde_json::to_string(&dropin).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mantetong-intake"))
        .args(["--listen", "127.0.0.1:0", "--data", data.path().to_str().unwrap(), "--regions", regions.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--regions: shanxi-other.json: id: \"shanxi-dropin\" does not match the file name"), "{err}");
}
