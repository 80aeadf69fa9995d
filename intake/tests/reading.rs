//! The intake reads every photo it receives (issue 13) and keeps the
//! reading with the application: the same answer `mantetong read` gives
//! (its golden readings in tests/photos/golden), a PDF named as not a photo.

mod common;

use common::*;
use mantetong_core::package::NewFile;
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/photos/golden").join(name)
}

#[test]
fn every_photo_received_is_read_and_kept() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let photo = std::fs::read(golden("003.jpg")).unwrap();
    let body = package_with("key-reading-1", |_, files| {
        // The ID card's photo slot (its facts claim a JPEG of kind id_card):
        // a photo of a paper, read as any photo is.
        files[0] = NewFile { name: "id_card.jpg".into(), kind: "id_card".into(), media_type: "image/jpeg".into(), bytes: photo };
    });
    let r = s.post(Some("key-reading-1"), &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();

    // The receipt does not wait for the reading; the reading follows.
    let kept = wait_reading(dir.path(), &receipt).expect("a reading kept");
    if scale().is_none() {
        assert!(mantetong_intake::reading::path(dir.path(), &receipt).exists(), "kept beside the packages in --data");
    }
    assert_eq!(kept["receipt"], receipt.as_str());
    let files = kept["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let want: Value = serde_json::from_str(&std::fs::read_to_string(golden("003.json")).unwrap()).unwrap();
    assert_eq!(files[0]["path"], "files/id_card.jpg");
    assert_eq!(files[0]["reading"], want, "the intake reads as the CLI does");
    assert_eq!(files[1]["path"], "files/zhenduan.pdf");
    assert!(files[1]["error"].as_str().unwrap().contains("PDF"), "{}", files[1]);
}

/// The reading of `receipt`, once kept (up to 120 s).
fn wait_reading(data: &std::path::Path, receipt: &str) -> Option<Value> {
    let key = mantetong_intake::reading::key(receipt);
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(120) {
        if let Some(b) = stored(data, &key) {
            return Some(serde_json::from_slice(&b).unwrap());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    None
}

// A reading queued or under way when the server stops (SIGTERM) was lost
// for good: the queue lived in the process, and nothing read the package
// again. At start the server now reads every stored package that has no
// reading.
#[test]
fn a_reading_lost_when_the_server_stopped_is_made_at_the_next_start() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let photo = std::fs::read(golden("003.jpg")).unwrap();
    let body = package_with("key-reading-2", |_, files| {
        files[0] = NewFile { name: "id_card.jpg".into(), kind: "id_card".into(), media_type: "image/jpeg".into(), bytes: photo };
    });
    let r = s.post(Some("key-reading-2"), &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    let first = wait_reading(dir.path(), &receipt).expect("a reading kept");
    s.stop();
    // As if the server had stopped before keeping it.
    let at = location(dir.path());
    let blobs = mantetong_intake::blobs::Blobs::open(at.store.as_deref(), dir.path()).unwrap();
    rt().block_on(blobs.delete(&mantetong_intake::reading::key(&receipt))).unwrap();
    assert!(stored(dir.path(), &mantetong_intake::reading::key(&receipt)).is_none());
    let _s = Server::start(config(dir.path()));
    let again = wait_reading(dir.path(), &receipt).expect("read again at the next start");
    assert_eq!(again, first);
}
