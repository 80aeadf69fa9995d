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
    let key = mantetong_intake::reading::key(&receipt);
    let t = Instant::now();
    let mut kept = None;
    while kept.is_none() && t.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(200));
        kept = stored(dir.path(), &key);
    }
    if scale().is_none() {
        assert!(mantetong_intake::reading::path(dir.path(), &receipt).exists(), "kept beside the packages in --data");
    }
    let kept: Value = serde_json::from_slice(&kept.expect("a reading kept")).unwrap();
    assert_eq!(kept["receipt"], receipt.as_str());
    let files = kept["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let want: Value = serde_json::from_str(&std::fs::read_to_string(golden("003.json")).unwrap()).unwrap();
    assert_eq!(files[0]["path"], "files/id_card.jpg");
    assert_eq!(files[0]["reading"], want, "the intake reads as the CLI does");
    assert_eq!(files[1]["path"], "files/zhenduan.pdf");
    assert!(files[1]["error"].as_str().unwrap().contains("PDF"), "{}", files[1]);
}
