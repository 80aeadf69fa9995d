//! Protocol v1.1 and the back office against a real server over real HTTP:
//! status with reasons and deadlines, ETag, the reviewer's token, decisions
//! and their transitions, resubmission (late ones too), the pre-review, the
//! audit log and the receiver's name.

mod common;

use common::*;
use mantetong_core::{bundled, Date};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const TOKEN: &str = "s3cret-token-for-wang-0001";

fn token_file(dir: &Path, mode: u32, text: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join(format!("tokens-{mode:o}"));
    std::fs::write(&p, text).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    p
}

/// A server with one reviewer, `wang`, and the receiver's name.
fn reviewer_config(data: &Path, secrets: &Path) -> mantetong_intake::Config {
    let mut c = config(data);
    c.review.review_token_file = Some(token_file(secrets, 0o600, &format!("# reviewers\nwang:{TOKEN}\n")));
    c.review.receiver_name = Some("临汾市医疗保障局".into());
    c
}

/// The sample facts with all four papers Linfen requires, in order.
fn complete(key: &str) -> Vec<u8> {
    package_with(key, |d, f| {
        let docs = d.facts["documents"].as_array_mut().unwrap();
        docs.push(json!({ "kind": "exam_reports", "issued": "2025-08-20", "sealed": true, "file": { "name": "exam.pdf", "type": "application/pdf", "size": PDF.len() } }));
        docs.push(json!({ "kind": "application_form", "issued": "2025-09-01", "signed": true, "file": { "name": "form.pdf", "type": "application/pdf", "size": PDF.len() } }));
        d.result = evaluate(&d.facts);
        f.push(mantetong_core::package::NewFile { name: "exam.pdf".into(), kind: "exam_reports".into(), media_type: "application/pdf".into(), bytes: PDF.to_vec() });
        f.push(mantetong_core::package::NewFile { name: "form.pdf".into(), kind: "application_form".into(), media_type: "application/pdf".into(), bytes: PDF.to_vec() });
    })
}

fn send(s: &Server, key: &str, body: &[u8], supersedes: Option<&str>) -> Resp {
    let mut h = vec![("Content-Type", "application/zip"), ("Idempotency-Key", key)];
    if let Some(x) = supersedes {
        h.push(("Supersedes", x));
    }
    request(s.addr, "POST", "/api/v1/applications", &h, body)
}

fn decide(s: &Server, receipt: &str, token: Option<&str>, body: &Value) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    request(s.addr, "POST", &format!("/api/v1/applications/{receipt}/decision"), &h, body.to_string().as_bytes())
}

fn status(s: &Server, receipt: &str) -> Value {
    let r = s.get(&format!("/api/v1/applications/{receipt}"), &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn today_cst() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    Date::from_days((secs + 8 * 3600).div_euclid(86_400)).unwrap()
}

#[test]
fn without_the_token_401_and_nothing_personal() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let s = Server::start(reviewer_config(dir.path(), secrets.path()));
    let receipt = send(&s, "k-401", &complete("k-401"), None).json()["receipt"].as_str().unwrap().to_string();
    let paths = [
        "/api/v1/review/applications".to_string(),
        format!("/api/v1/review/applications/{receipt}"),
        format!("/api/v1/review/applications/{receipt}/files/zhenduan.pdf"),
    ];
    for auth in [None, Some("Bearer wrong-token-wrong-token"), Some("Basic d2FuZzp4"), Some(&*format!("Bearer {TOKEN}x"))] {
        let h: Vec<(&str, &str)> = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
        for p in &paths {
            let r = s.get(p, &h);
            assert_eq!(r.status, 401, "{p} with {auth:?}: {}", r.text());
            assert!(r.header("www-authenticate").is_some_and(|v| v.starts_with("Bearer")));
            let body = r.text();
            assert!(!body.contains("hypertension") && !body.contains("shanxi") && !body.contains("%PDF"), "{body}");
        }
        let r = request(s.addr, "POST", &format!("/api/v1/applications/{receipt}/decision"), &h, br#"{"status":"approved"}"#);
        assert_eq!(r.status, 401, "{}", r.text());
    }
    assert_eq!(status(&s, &receipt)["status"], "received", "no decision was recorded");
    // The public status holds no facts, names or papers.
    let st = status(&s, &receipt).to_string();
    assert!(!st.contains("facts") && !st.contains("id_number") && !st.contains("documents"), "{st}");
    // The review page itself is public and empty of data; its script is same-origin (CSP).
    let page = s.get("/review", &[]);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/review/review.js") && !page.text().contains(&receipt));
    assert!(page.header("content-security-policy").unwrap().contains("default-src 'self'"));
    // With the token, the reviewer sees the facts and the papers.
    let auth = format!("Bearer {TOKEN}");
    let d = s.get(&format!("/api/v1/review/applications/{receipt}"), &[("Authorization", &auth)]);
    assert_eq!(d.status, 200, "{}", d.text());
    let d = d.json();
    assert_eq!(d["facts"]["disease"]["id"], "hypertension");
    assert_eq!(d["result"]["eligibility"]["status"], "eligible");
    assert_eq!(d["papers"].as_array().unwrap().len(), 4);
    let f = s.get(&format!("/api/v1/review/applications/{receipt}/files/zhenduan.pdf"), &[("Authorization", &auth)]);
    assert_eq!(f.status, 200);
    assert_eq!(f.body, PDF);
    assert_eq!(f.header("content-type"), Some("application/pdf"));
    let missing = s.get(&format!("/api/v1/review/applications/{receipt}/files/nope.pdf"), &[("Authorization", &auth)]);
    assert_eq!(missing.status, 404);
}

#[test]
fn decisions_move_the_status_with_reasons_deadline_and_effective_date() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let s = Server::start(reviewer_config(dir.path(), secrets.path()));
    let first = send(&s, "k-flow", &complete("k-flow"), None);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["status"], "received", "complete papers pass the pre-review");
    let receipt = first.json()["receipt"].as_str().unwrap().to_string();

    // ETag: the same answer twice is 304, a change gives a new tag.
    let a = s.get(&format!("/api/v1/applications/{receipt}"), &[]);
    let tag = a.header("etag").expect("an ETag").to_string();
    let again = s.get(&format!("/api/v1/applications/{receipt}"), &[("If-None-Match", &tag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let v = a.json();
    for k in ["reasons", "resubmit_by", "decided_at", "effective_from"] {
        assert!(v.get(k).is_some(), "v1.1 field {k}: {v}");
    }
    assert_eq!(v["reasons"], json!([]));

    // Returned with `unsealed` on the certificate: 3 working days in Linfen.
    let r = decide(&s, &receipt, Some(TOKEN), &json!({ "status": "returned", "reasons": [{ "code": "unsealed", "material": "diagnosis_certificate" }], "note": "公章不清" }));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = status(&s, &receipt);
    assert_eq!(v["status"], "returned");
    assert_eq!(v["reasons"][0]["code"], "unsealed");
    assert_eq!(v["reasons"][0]["material"], "diagnosis_certificate");
    assert_eq!(v["reasons"][0]["material_name"]["zh"], "诊断证明");
    assert!(v["reasons"][0]["message"].as_str().unwrap().contains("印章"));
    let want = bundled::calendar().unwrap().nth_working_day_after(today_cst(), 3).ok().map(|d| d.to_string());
    assert_eq!(v["resubmit_by"].as_str().map(String::from), want, "3 working days on the calendar");
    assert!(v["decided_at"].as_str().unwrap().ends_with('Z'));
    let changed = s.get(&format!("/api/v1/applications/{receipt}"), &[("If-None-Match", &tag)]);
    assert_eq!(changed.status, 200, "a new status is not 304");
    assert_ne!(changed.header("etag"), Some(tag.as_str()));

    // Returned → in review → approved; then it is final.
    assert_eq!(decide(&s, &receipt, Some(TOKEN), &json!({ "status": "in_review" })).status, 200);
    let r = decide(&s, &receipt, Some(TOKEN), &json!({ "status": "approved" }));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = status(&s, &receipt);
    assert_eq!(v["status"], "approved");
    let eff = today_cst().add_days(1);
    assert_eq!(v["effective_from"], eff.to_string(), "effective the next day");
    assert_eq!(v["renewal_due"], eff.add_months(36).to_string(), "hypertension renews every 3 years");
    assert_eq!(v["reasons"], json!([]));
    let r = decide(&s, &receipt, Some(TOKEN), &json!({ "status": "returned", "reasons": ["unsealed"] }));
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.errors()[0].contains("final"), "{:?}", r.errors());

    // The audit log: one line per decision (and per view), by token name.
    let audit = std::fs::read_to_string(dir.path().join("audit.log")).unwrap();
    let lines: Vec<Value> = audit.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let decisions: Vec<&Value> = lines.iter().filter(|l| l["what"]["action"] == "decision").collect();
    assert_eq!(decisions.len(), 3);
    assert!(decisions.iter().all(|l| l["by"] == "wang"));
    assert_eq!(decisions[0]["what"]["status"], "returned");
    // The decisions table refuses to be rewritten.
    let upd = sql_error(dir.path(), "UPDATE decisions SET status = 'refused'");
    assert!(upd.as_deref().unwrap_or("").contains("append-only"), "{upd:?}");
    assert!(sql_error(dir.path(), "DELETE FROM decisions").is_some());
}

#[test]
fn bad_decisions_are_refused_with_the_field_named() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let s = Server::start(reviewer_config(dir.path(), secrets.path()));
    let receipt = send(&s, "k-bad", &complete("k-bad"), None).json()["receipt"].as_str().unwrap().to_string();
    let r = decide(&s, "MTT-20260101-NOSUCHRECEIPT000", Some(TOKEN), &json!({ "status": "approved" }));
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(r.errors()[0].starts_with("receipt: no application"), "{:?}", r.errors());
    for (body, want) in [
        (json!({ "status": "accepted" }), "status: \"accepted\" is not a decision"),
        (json!({ "status": "received" }), "status: \"received\" is not a decision"),
        (json!({ "status": "returned" }), "reasons: a returned application needs"),
        (json!({ "status": "returned", "reasons": "unsealed" }), "reasons: must be a list"),
        (json!({ "status": "returned", "reasons": [{ "code": "unsealed", "material": "passport" }] }), "reasons[0].material"),
    ] {
        let r = decide(&s, &receipt, Some(TOKEN), &body);
        assert_eq!(r.status, 422, "{body}: {}", r.text());
        assert!(r.errors().iter().any(|e| e.starts_with(want)), "{body}: {:?}", r.errors());
    }
    let r = request(s.addr, "POST", &format!("/api/v1/applications/{receipt}/decision"), &[("Authorization", &format!("Bearer {TOKEN}"))], b"{not json");
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("$: not JSON"));
    // A body past the decision's limit is refused in the JSON shape, naming the limit.
    let huge = json!({ "status": "approved", "note": "长".repeat(30_000) });
    let r = decide(&s, &receipt, Some(TOKEN), &huge);
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.errors()[0].starts_with("$: the decision is larger than 65536 bytes"), "{:?}", r.errors());
    // Reasons outside the code list are kept as the reviewer's text, listed apart.
    let r = decide(&s, &receipt, Some(TOKEN), &json!({ "status": "returned", "reasons": ["unsealed", "请补充近三个月的血压记录", "smudged"] }));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["text_reasons"], json!(["请补充近三个月的血压记录", "smudged"]));
    let v = status(&s, &receipt);
    let codes: Vec<&str> = v["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["unsealed", "other", "other"]);
    assert_eq!(v["reasons"][1]["message"], "请补充近三个月的血压记录");
    // An unknown receipt's status is 404; a list filter that is no status, 422.
    assert_eq!(s.get("/api/v1/applications/MTT-NOPE", &[]).status, 404);
    let r = s.get("/api/v1/review/applications?status=lost", &[("Authorization", &format!("Bearer {TOKEN}"))]);
    assert_eq!(r.status, 422);
    let r = s.get("/api/v1/review/applications?status=returned", &[("Authorization", &format!("Bearer {TOKEN}"))]);
    assert_eq!(r.json()["applications"].as_array().unwrap().len(), 1);
    let r = s.get("/api/v1/review/applications?status=approved", &[("Authorization", &format!("Bearer {TOKEN}"))]);
    assert_eq!(r.json()["applications"].as_array().unwrap().len(), 0);
}

#[test]
fn a_resubmission_supersedes_and_a_late_one_is_kept_but_marked() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let s = Server::start(reviewer_config(dir.path(), secrets.path()));
    let old = send(&s, "k-old", &complete("k-old"), None).json()["receipt"].as_str().unwrap().to_string();
    let other = send(&s, "k-other", &complete("k-other"), None).json()["receipt"].as_str().unwrap().to_string();
    for r in [&old, &other] {
        assert_eq!(decide(&s, r, Some(TOKEN), &json!({ "status": "returned", "reasons": ["unsealed"] })).status, 200);
    }
    // In time: linked, not late.
    let r = send(&s, "k-new", &complete("k-new"), Some(&old));
    assert_eq!(r.status, 201, "{}", r.text());
    let new = r.json()["receipt"].as_str().unwrap().to_string();
    let v = status(&s, &new);
    assert_eq!(v["supersedes"], old.as_str());
    assert_eq!(v["late"], false);
    assert_eq!(status(&s, &old)["superseded_by"], new.as_str());
    // The replaced one is closed; a second replacement of it is refused.
    let r = decide(&s, &old, Some(TOKEN), &json!({ "status": "approved" }));
    assert_eq!(r.status, 409, "{}", r.text());
    let r = send(&s, "k-new2", &complete("k-new2"), Some(&old));
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("Supersedes: "), "{:?}", r.errors());
    let r = send(&s, "k-new3", &complete("k-new3"), Some("MTT-20260101-NOSUCHRECEIPT000"));
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("Supersedes: names no application this server has"), "{:?}", r.errors());
    assert_eq!(send(&s, "k-new4", &complete("k-new4"), Some("../etc")).status, 400);
    s.stop();

    // Forty days later, past the deadline: stored, but marked late.
    let mut c = reviewer_config(dir.path(), secrets.path());
    c.review.clock_offset_secs = 40 * 86_400;
    let s = Server::start(c);
    let r = send(&s, "k-late", &complete("k-late"), Some(&other));
    assert_eq!(r.status, 201, "{}", r.text());
    let late = r.json()["receipt"].as_str().unwrap().to_string();
    let v = status(&s, &late);
    assert_eq!(v["late"], true);
    assert_eq!(v["supersedes"], other.as_str());
    let list = s.get("/api/v1/review/applications?late=true", &[("Authorization", &format!("Bearer {TOKEN}"))]).json();
    let receipts: Vec<&str> = list["applications"].as_array().unwrap().iter().map(|a| a["receipt"].as_str().unwrap()).collect();
    assert_eq!(receipts, [late.as_str()]);
}

#[test]
fn the_pre_review_returns_an_application_at_once_with_its_reasons() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let mut c = reviewer_config(dir.path(), secrets.path());
    c.review.pre_review = true;
    let s = Server::start(c);
    // The sample has two of Linfen's four required papers.
    let r = send(&s, "k-pre", &package("k-pre"), None);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["status"], "returned");
    let v = status(&s, r.json()["receipt"].as_str().unwrap());
    let mut got: Vec<(String, String)> = v["reasons"].as_array().unwrap().iter()
        .map(|r| (r["material"].as_str().unwrap_or("").to_string(), r["code"].as_str().unwrap().to_string())).collect();
    got.sort();
    assert_eq!(got, [("application_form".to_string(), "missing".to_string()), ("exam_reports".to_string(), "missing".to_string())]);
    assert!(v["resubmit_by"].is_string() || bundled::calendar().unwrap().nth_working_day_after(today_cst(), 3).is_err());
    // Complete papers pass.
    assert_eq!(send(&s, "k-pre-ok", &complete("k-pre-ok"), None).json()["status"], "received");
}

#[test]
fn the_receiver_is_named_or_said_to_be_a_demo_and_takes_only_its_regions() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    let v = s.get("/api/v1/receiver", &[]).json();
    assert_eq!(v["demo"], true);
    assert!(v["receiver"].is_null());
    s.stop();
    let (dir, secrets) = (temp_dir(), temp_dir());
    let mut c = reviewer_config(dir.path(), secrets.path());
    c.review.receiver_regions = vec!["shandong-rizhao".into()];
    let s = Server::start(c);
    let v = s.get("/api/v1/receiver", &[]).json();
    assert_eq!(v["demo"], false);
    assert_eq!(v["receiver"]["zh"], "临汾市医疗保障局");
    assert_eq!(v["regions"], json!(["shandong-rizhao"]));
    let r = send(&s, "k-region", &complete("k-region"), None);
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("manifest.pack.id: 临汾市医疗保障局 receives applications for shandong-rizhao only"), "{:?}", r.errors());
}

#[test]
fn a_bad_token_file_stops_the_server_at_start() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let start = |file: PathBuf| {
        let mut c = config(dir.path());
        c.review.review_token_file = Some(file);
        router_error(c).unwrap_or_default()
    };
    let e = start(secrets.path().join("absent"));
    assert!(e.starts_with("--review-token-file") && e.contains("No such file"), "{e}");
    let e = start(token_file(secrets.path(), 0o644, &format!("wang:{TOKEN}\n")));
    assert!(e.contains("readable or writable by every user") && e.contains("chmod 600"), "{e}");
    let e = start(token_file(secrets.path(), 0o600, "# nothing\n"));
    assert!(e.contains("no NAME:TOKEN line"), "{e}");
    let e = start(token_file(secrets.path(), 0o640, "wang:short\n"));
    assert!(e.contains("at least 16 characters"), "{e}");
    let e = start(token_file(secrets.path(), 0o400, &format!("{TOKEN}\n")));
    assert!(e.contains("not NAME:TOKEN"), "{e}");
}

#[test]
fn set_status_for_scripts_still_works_and_hides_a_stale_decision() {
    let (dir, secrets) = (temp_dir(), temp_dir());
    let s = Server::start(reviewer_config(dir.path(), secrets.path()));
    let receipt = send(&s, "k-cli", &complete("k-cli"), None).json()["receipt"].as_str().unwrap().to_string();
    assert_eq!(decide(&s, &receipt, Some(TOKEN), &json!({ "status": "returned", "reasons": ["unsealed"] })).status, 200);
    let rt = rt();
    let admin = admin(&rt, dir.path());
    assert!(rt.block_on(admin.set_status(&receipt, "in_review")).unwrap());
    let v = status(&s, &receipt);
    assert_eq!(v["status"], "in_review");
    assert_eq!(v["reasons"], json!([]), "the returned decision's reasons are no longer in force");
    assert!(v["resubmit_by"].is_null());
    assert_eq!(decide(&s, &receipt, Some(TOKEN), &json!({ "status": "approved" })).status, 200);
    assert_eq!(status(&s, &receipt)["status"], "approved");
}

/// An unknown `Supersedes` value names no application, so it is not echoed
/// back: the answer names the header and what to send instead (v1 servers
/// without a back office too); a malformed one is a 400, not echoed either.
#[test]
fn an_unknown_supersedes_is_not_echoed() {
    let dir = temp_dir();
    let s = Server::start(config(dir.path()));
    for bad in ["MTT-20260101-EchoMeBack000000", "EchoMeBack", &format!("MTT-{}", "EchoMeBack".repeat(7))] {
        let r = send(&s, "k-echo", &complete("k-echo"), Some(bad));
        assert_eq!(r.status, 422, "{bad}: {}", r.text());
        let errs = r.errors();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].starts_with("Supersedes: names no application this server has; send the receipt of the returned application this one replaces"),
            "{errs:?}"
        );
        assert!(!r.text().contains("EchoMeBack"), "{bad} echoed: {}", r.text());
    }
    for bad in ["<script>EchoMeBack</script>", "EchoMeBack \"x\"", &"A".repeat(81)] {
        let r = send(&s, "k-echo", &complete("k-echo"), Some(bad));
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.errors()[0].starts_with("Supersedes: "), "{:?}", r.errors());
        assert!(!r.text().contains("EchoMeBack") && !r.text().contains("AAAA"), "{bad} echoed: {}", r.text());
    }
    // Nothing was stored; the key still works without the header.
    assert_eq!(send(&s, "k-echo", &complete("k-echo"), None).status, 201);
}
