//! Runs every golden case in `tests/golden/` through the same
//! `golden::check` helper that `mantetong test` uses.

use mantetong_core::golden::{cases_in, check};
use mantetong_core::{bundled, Pack};
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("golden dir").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            collect(&e, out);
        } else if e.extension().is_some_and(|x| x == "json") {
            out.push(e);
        }
    }
}

/// Runs every case under `../tests/<dir>` through `golden::check`;
/// returns (passed, failures).
fn run_dir(dir: &str) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests").join(dir);
    let packs: Vec<Pack> = bundled::region_ids().into_iter().map(|id| bundled::pack(id).unwrap().unwrap()).collect();
    let cal = bundled::calendar().unwrap();
    let mut files = Vec::new();
    collect(&root, &mut files);
    let (mut passed, mut failed) = (0, Vec::new());
    for f in files {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for case in cases_in(&v) {
            let miss = check(&case, &packs, &cal);
            if miss.is_empty() {
                passed += 1;
            } else {
                failed.push(format!("{} :: {}\n  {}", f.display(), case["name"], miss.join("\n  ")));
            }
        }
    }
    (passed, failed)
}

#[test]
fn golden_cases() {
    let (passed, failed) = run_dir("golden");
    assert!(passed >= 100, "only {passed} golden cases found");
    assert!(failed.is_empty(), "{} golden case(s) failed:\n{}", failed.len(), failed.join("\n"));
}

/// The independent reviewer's cases (`tests/acceptance/`, including
/// `errors/bad-input.json`), through the same helper.
#[test]
fn acceptance_cases() {
    let (passed, failed) = run_dir("acceptance");
    assert!(passed >= 140, "only {passed} acceptance cases found");
    assert!(failed.is_empty(), "{} acceptance case(s) failed:\n{}", failed.len(), failed.join("\n"));
}

/// The reviewer's `tests/acceptance/bad-input.sh` (exit codes, stderr
/// paths, CLI doors) run against the binary cargo just built.
#[test]
fn acceptance_bad_input_script() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let o = std::process::Command::new("bash")
        .arg(root.join("tests/acceptance/bad-input.sh"))
        .env("MANTETONG", env!("CARGO_BIN_EXE_mantetong"))
        .current_dir(&root)
        .output()
        .expect("bash is needed to run tests/acceptance/bad-input.sh");
    let out = String::from_utf8_lossy(&o.stdout);
    let last = out.lines().last().unwrap_or("");
    assert!(o.status.success(), "bad-input.sh failed ({last}):\n{out}{}", String::from_utf8_lossy(&o.stderr));
    let passed: usize = last.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(last.ends_with(" passed, 0 failed") && passed >= 40, "bad-input.sh: {last}");
}

#[test]
fn bundled_packs_are_valid() {
    for id in bundled::region_ids() {
        if let Err(ps) = bundled::pack(id).unwrap() {
            panic!("{id}: {}", ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
        }
    }
}
