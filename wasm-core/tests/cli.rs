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
    assert!(out.starts_with("shanxi-linfen\t山西省临汾市 (Linfen, Shanxi)\t2025\tfull"));

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
