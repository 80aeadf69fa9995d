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

#[test]
fn golden_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden");
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
    assert!(passed >= 100, "only {passed} golden cases found");
    assert!(failed.is_empty(), "{} golden case(s) failed:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn bundled_packs_are_valid() {
    for id in bundled::region_ids() {
        if let Err(ps) = bundled::pack(id).unwrap() {
            panic!("{id}: {}", ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
        }
    }
}
