//! `mantetong read PHOTO` (contract v1.1, "Reading a photo"): golden
//! readings of the committed photos in tests/photos/golden (made by
//! tests/photos/gen.py, answers in its manifest.json), and bad input.
//! A golden reading must also agree with the photo's true answer wherever
//! it answers (unsure / null are allowed, a wrong answer is not).
//! MTT_BLESS=1 rewrites the .json files after a deliberate change.
#![cfg(all(feature = "read", not(target_arch = "wasm32")))]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn golden() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/photos/golden")
}

fn read(path: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mantetong")).arg("read").arg(path).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn golden_readings() {
    let manifest: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(golden().join("manifest.json")).unwrap()).unwrap();
    let bless = std::env::var("MTT_BLESS").is_ok();
    let mut failures = Vec::new();
    for e in &manifest {
        let file = e["file"].as_str().unwrap();
        let (code, out, err) = read(&golden().join(file));
        assert_eq!(code, 0, "{file}: {err}");
        let got: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{file}: not JSON: {out}"));
        // The contract's keys, in its order.
        let keys = ["seal", "seal_box", "date", "date_text", "date_label", "quality"];
        assert_eq!(got.as_object().unwrap().len(), keys.len(), "{file}: {out}");
        let at: Vec<usize> = keys.iter().map(|k| out.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("{file}: no {k}"))).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{file}: keys out of the contract's order: {out}");
        // Never a wrong answer.
        if got["seal"] != "unsure" && got["seal"] != e["seal"] {
            failures.push(format!("{file}: seal {} but the paper's is {}", got["seal"], e["seal"]));
        }
        if !got["date"].is_null() && got["date"] != e["date"] {
            failures.push(format!("{file}: date {} but the paper's is {}", got["date"], e["date"]));
        }
        if got["quality"] != e["quality"] {
            failures.push(format!("{file}: quality {} but the photo is {}", got["quality"], e["quality"]));
        }
        let want_path = golden().join(file.replace(".jpg", ".json"));
        if bless {
            std::fs::write(&want_path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let want: Value = serde_json::from_str(&std::fs::read_to_string(&want_path).unwrap_or_else(|_| panic!("{want_path:?} missing (MTT_BLESS=1)"))).unwrap();
        if got != want {
            failures.push(format!("{file}: read {got}\n  golden {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("read-bad");
    std::fs::create_dir_all(&dir).unwrap();
    let jpg = std::fs::read(golden().join("000.jpg")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("text.jpg", b"hello, not a photo\n".to_vec(), "not an image"),
        ("empty.jpg", vec![], "empty"),
        ("paper.pdf", b"%PDF-1.7\n1 0 obj\n".to_vec(), "PDF"),
        ("photo.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0".to_vec(), "HEIC"),
        ("cut.jpg", jpg[..jpg.len() / 3].to_vec(), "cut short"),
    ];
    for (name, bytes, says) in cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let (code, out, err) = read(&p);
        assert_eq!(code, 2, "{name}: {out} {err}");
        assert!(out.is_empty(), "{name}: printed {out}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
    }
    let (code, _, err) = read(&dir.join("no-such-photo.jpg"));
    assert_eq!(code, 2, "{err}");
}
