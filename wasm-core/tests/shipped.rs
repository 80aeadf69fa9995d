//! The packs the app reads with [`Pack::read_shipped`] (no meaning checks
//! in the browser) are validated here, before they ship: every file in
//! public/regions/ passes the full [`Pack::from_json`], and the browser's
//! reader gives the same pack for each. A pack that would not validate
//! fails this test, so it cannot reach the app unchecked.

use mantetong_core::Pack;
use serde_json::Value;

fn shipped() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/regions");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "index.json"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn every_shipped_pack_validates_and_reads_the_same_in_the_browser() {
    let packs = shipped();
    assert!(packs.len() >= 5, "{} packs", packs.len());
    for (file, text) in &packs {
        let full = Pack::from_json(text).unwrap_or_else(|ps| panic!("{file} does not validate: {ps:?}"));
        let read = Pack::read_shipped(text).unwrap_or_else(|p| panic!("{file}: read_shipped: {p}"));
        assert_eq!(serde_json::to_value(&read).unwrap(), serde_json::to_value(&full).unwrap(), "{file}");
    }
}

/// Every field the reader knows, present and absent: a pack re-serialized
/// from the full parse (all defaults written out, `null`s included) reads
/// the same, so optional fields written as `null` are read as absent.
#[test]
fn serialized_packs_read_back_the_same() {
    for (file, text) in shipped() {
        let full = Pack::from_json(&text).unwrap();
        let v = serde_json::to_value(&full).unwrap();
        let read = Pack::read_shipped_value(&v).unwrap_or_else(|p| panic!("{file}: {p}"));
        assert_eq!(serde_json::to_value(&read).unwrap(), v, "{file}");
    }
}

fn linfen() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/regions/shanxi-linfen.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn problem(v: &Value) -> String {
    Pack::read_shipped_value(v).map(|_| "accepted".to_string()).unwrap_or_else(|p| p.to_string())
}

#[test]
fn a_broken_shape_is_named_by_its_path() {
    let mut v = linfen();
    v["materials"][1]["window"]["months"] = "six".into();
    assert_eq!(problem(&v), "materials[1].window.months: expected a whole number from 0 to 4294967295, got a string");
    let mut v = linfen();
    v["questions"][0].as_object_mut().unwrap().remove("why");
    assert_eq!(problem(&v), "questions[0]: missing field `why`");
    let mut v = linfen();
    v["checks"][0]["rule"] = serde_json::json!({"sometimes": {}});
    assert_eq!(problem(&v), "checks[0].rule.sometimes: unknown rule \"sometimes\"");
    let mut v = linfen();
    v["channels"][0]["kind"] = "fax".into();
    assert_eq!(problem(&v), "channels[0].kind: unknown variant \"fax\"");
    let mut v = linfen();
    v["schema"] = 2.into();
    assert_eq!(problem(&v), "schema: this app reads packs of schema 1, not 2");
    assert_eq!(problem(&Value::Null), "$: expected an object, got null");
    assert!(Pack::read_shipped("{").unwrap_err().to_string().starts_with("$: not valid JSON"));
}

/// The walker's variant names are written apart from serde's; the packs
/// above cover only the variants they use. Each variant no shipped pack
/// uses (and the rule `in`) is put into Linfen's pack here and must read as serde reads it.
#[test]
fn variants_no_shipped_pack_uses_read_as_serde_reads_them() {
    let cases: &[(&str, fn(&mut Value))] = &[
        ("question kind date", |v| v["questions"][0]["kind"] = "date".into()),
        ("question kind number", |v| v["questions"][0]["kind"] = "number".into()),
        ("channel kind online", |v| v["channels"][0]["kind"] = "online".into()),
        ("rule in", |v| v["checks"][0]["rule"] = serde_json::json!({"in": {"fact": "disease/id", "values": ["高血压", 3]}})),
        ("window counts from issued", |v| {
            let m = v["materials"].as_array_mut().unwrap().iter_mut().find(|m| m.get("window").is_some()).unwrap();
            m["window"]["counts_from"] = "issued".into();
        }),
    ];
    for (what, edit) in cases {
        let mut v = linfen();
        edit(&mut v);
        let mut plain = v.clone();
        plain.as_object_mut().unwrap().remove("$comment");
        let serde: Pack = serde_json::from_value(plain).unwrap_or_else(|e| panic!("{what}: serde: {e}"));
        let read = Pack::read_shipped_value(&v).unwrap_or_else(|p| panic!("{what}: walker: {p}"));
        assert_eq!(serde_json::to_value(&read).unwrap(), serde_json::to_value(&serde).unwrap(), "{what}");
    }
}
