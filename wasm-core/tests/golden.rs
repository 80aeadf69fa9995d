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
    let packs: Vec<Pack> = bundled::packs().unwrap();
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

/// Build-time discovery: every pack file in public/regions/ is bundled (so
/// the CLI, the npm package and the intake server, which all read
/// `bundled::`, see a new city without a Rust edit), and each file's name
/// starts with its pack's id (`<id>.json` or `<id>.<version>.json`).
#[test]
fn every_pack_file_is_bundled() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/regions");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "index.json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let bundled_stems: Vec<String> = bundled::PACKS.iter().map(|(s, _)| s.to_string()).collect();
    assert_eq!(bundled_stems, on_disk, "rebuild: build.rs embeds every public/regions/*.json");
    for (stem, text) in bundled::PACKS.iter() {
        let p = Pack::from_json(text).unwrap_or_else(|e| panic!("{stem}.json: {e:?}"));
        assert_eq!(p.id, bundled::id_of_stem(stem), "{stem}.json holds pack id {}", p.id);
    }
}
