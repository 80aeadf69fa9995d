//! The `mantetong` binary's doors: exit codes, stdout / stderr shapes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mantetong"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn eval_prints_the_result_and_exits_0() {
    let o = run(&["eval", "tests/examples/linfen.json"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["estimate"]["reimbursed"], 4000.0);
    assert_eq!(v["timeline"]["decision_by"], "2025-10-14");
    let en = run(&["eval", "-", "--lang", "en"], r#"{"region":"shanxi-linfen","as_of":"2025-09-30","applicant":{"arrears":true}}"#);
    let v: serde_json::Value = serde_json::from_slice(&en.stdout).unwrap();
    let c = v["eligibility"]["checks"].as_array().unwrap().iter().find(|c| c["id"] == "no-arrears").unwrap().clone();
    assert_eq!(c["message"], "There are arrears; the applicant must have none");
    assert_eq!(c["message_zh"], "有欠费记录，须无欠费记录");
}

#[test]
fn bad_input_exits_2_with_one_line_per_problem() {
    let o = run(&["eval", "-"], r#"{"region":"xx","as_of":"2025-13-01","applicant":{"id_number":"110105194912310021"},"expenses":{"drugs":-5}}"#);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = text(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    for want in ["as_of: \"2025-13-01\" is not a date (YYYY-MM-DD)", "applicant.id_number: check digit should be X", "expenses.drugs: -5 is negative", "region: unknown region \"xx\""] {
        assert!(lines.iter().any(|l| l.starts_with(want)), "{want} not in {err}");
    }
    for (input, path) in [("not json", "$:"), ("[]", "$:"), ("{}", "region:"), (r#"{"region":"yunnan","documents":[{"kind":"passport"}]}"#, "documents[0].kind:")] {
        let o = run(&["eval", "-"], input);
        assert_eq!(o.status.code(), Some(2), "{input}");
        assert!(text(&o.stderr).starts_with(path), "{input}: {}", text(&o.stderr));
    }
    assert_eq!(run(&["eval", "no/such/file.json"], "").status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
}

#[test]
fn pack_flag_is_used_or_refused() {
    let o = run(&["eval", "--pack", "public/regions/shandong-rizhao.json", "tests/examples/rizhao.json"], "");
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["eval", "--pack", "public/regions/shandong-rizhao.json", "tests/examples/linfen.json"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("region:"));
}

#[test]
fn validate_regions_and_test() {
    let o = run(&["validate", "public/regions/shanxi-linfen.json", "public/regions/shandong-rizhao.json", "public/regions/jilin-liaoyuan.json", "public/regions/fujian-fuzhou.json", "public/regions/yunnan.json"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let o = run(&["validate", "-"], r#"{"schema":1,"id":"Bad Id"}"#);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).lines().all(|l| l.starts_with("-: ")), "{}", text(&o.stdout));

    let o = run(&["regions"], "");
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 5);
    assert!(out.lines().any(|l| l.starts_with("shanxi-linfen\t山西省临汾市 (Linfen, Shanxi)\t2025\tfull")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("jilin-liaoyuan\t吉林省辽源市 (Liaoyuan, Jilin)\t2025\tpartial")), "{out}");

    let o = run(&["test", "tests/golden"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let last = text(&o.stdout).lines().last().unwrap_or("").to_string();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");

    let o = run(&["test", "-"], r#"{"name":"wrong on purpose","facts":{"region":"yunnan"},"expect":{"track":"instant"}}"#);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).ends_with("0 passed, 1 failed\n"), "{}", text(&o.stdout));
}

/// An unknown or malformed region exits 2 with exactly one line naming
/// `region`, whichever door gives it (facts, --region).
#[test]
fn unknown_region_exits_2_with_one_line() {
    for (args, input) in [
        (vec!["eval", "-"], r#"{"region":"SHANXI-LINFEN"}"#),
        (vec!["eval", "-"], r#"{"region":"shanxi-linfen-x"}"#),
        (vec!["eval", "-"], r#"{"region":""}"#),
        (vec!["eval", "--region", "nowhere", "-"], r#"{}"#),
        (vec!["eval", "--region", "nowhere", "-"], r#"{"region":"shanxi-linfen"}"#),
    ] {
        let o = run(&args, input);
        assert_eq!(o.status.code(), Some(2), "{args:?} {input}");
        assert!(o.stdout.is_empty());
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?} {input}: {err}");
        assert!(err.starts_with("region: "), "{err}");
    }
}

/// A directory with a copy of every bundled pack, for the drop-in tests.
fn regions_copy(name: &str) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::temp_dir().join(format!("mtt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(root.join("public/regions")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn linfen_json() -> serde_json::Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    serde_json::from_str(&std::fs::read_to_string(root.join("public/regions/shanxi-linfen.json")).unwrap()).unwrap()
}

/// A new city is a data file: a copy of a pack under a new id, dropped in a
/// regions directory, is listed, validated, evaluated and interviewed by
/// the CLI with no Rust edit (read at start with --regions; the build reads
/// public/regions/ the same way, see `every_pack_file_is_bundled`).
#[test]
fn a_dropped_in_pack_is_seen_by_every_cli_door() {
    let dir = regions_copy("dropin");
    let mut p = linfen_json();
    p["id"] = "shanxi-dropin".into();
    p["name"] = serde_json::json!({ "zh": "山西省试点市", "en": "Dropin, Shanxi" });
    let file = dir.join("shanxi-dropin.json");
    std::fs::write(&file, serde_json::to_string_pretty(&p).unwrap()).unwrap();
    let d = dir.to_str().unwrap();
    let o = run(&["regions", "--regions", d], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).lines().any(|l| l.starts_with("shanxi-dropin\t山西省试点市 (Dropin, Shanxi)\t2025")), "{}", text(&o.stdout));
    let o = run(&["validate", file.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let facts = r#"{"region":"shanxi-dropin","as_of":"2025-09-30","applicant":{"insured_in":"shanxi-linfen"}}"#;
    let o = run(&["eval", "--regions", d, "-"], facts);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["region"], "shanxi-dropin");
    assert_eq!(v["eligibility"]["status"], "undetermined");
    let o = run(&["question", "--regions", d, "-"], facts);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let q: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(q["id"], "applicant.contribution");
    // The same through the environment variable, as a script would.
    let o = Command::new(env!("CARGO_BIN_EXE_mantetong")).arg("regions").env("MANTETONG_REGIONS", d).output().unwrap();
    assert!(text(&o.stdout).contains("shanxi-dropin\t"), "{}", text(&o.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two versions of one region side by side: the core uses the one in force
/// on `as_of` (an application made on 2026-01-02 is under the 2026 pack).
#[test]
fn two_versions_of_a_region_the_one_in_force_is_used() {
    let dir = regions_copy("versions");
    let mut y2025 = linfen_json();
    y2025["effective"]["to"] = "2025-12-31".into();
    std::fs::write(dir.join("shanxi-linfen.json"), serde_json::to_string(&y2025).unwrap()).unwrap();
    let mut y2026 = linfen_json();
    y2026["version"] = "2026.1".into();
    y2026["policy_year"] = 2026.into();
    y2026["effective"]["from"] = "2026-01-01".into();
    y2026["pools"][0]["annual_cap"] = 5000.into();
    std::fs::write(dir.join("shanxi-linfen.2026.json"), serde_json::to_string(&y2026).unwrap()).unwrap();
    let d = dir.to_str().unwrap();
    let both = [dir.join("shanxi-linfen.json"), dir.join("shanxi-linfen.2026.json")];
    let o = run(&["validate", both[0].to_str().unwrap(), both[1].to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let eval_on = |day: &str| -> serde_json::Value {
        let facts = format!(r#"{{"region":"shanxi-linfen","as_of":"{day}","disease":{{"id":"hypertension","grade":3}},"expenses":{{"drugs":9000}}}}"#);
        let o = run(&["eval", "--regions", d, "-"], &facts);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let old = eval_on("2025-12-31");
    assert_eq!(old["pack"]["version"], "2025.1");
    assert_eq!(old["estimate"]["annual_cap"], 4000.0);
    let new = eval_on("2026-01-02");
    assert_eq!(new["pack"]["version"], "2026.1");
    assert_eq!(new["estimate"]["annual_cap"], 5000.0);
    // Overlapping periods of one region are refused.
    y2026["effective"]["from"] = "2025-06-01".into();
    std::fs::write(&both[1], serde_json::to_string(&y2026).unwrap()).unwrap();
    let o = run(&["validate", both[0].to_str().unwrap(), both[1].to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("overlaps"), "{}", text(&o.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}
