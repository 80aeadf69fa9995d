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

/// The calendar the app reads with [`Calendar::read_shipped_value`] (shape
/// only) is the one `from_value` accepts, day for day: the shipped file, and
/// every variant of it below that `from_value` accepts. A variant it refuses
/// may be read or not (the meaning is not checked in the browser), but never
/// with a panic.
#[test]
fn the_shipped_calendar_reads_the_same_in_the_browser() {
    use mantetong_core::{Calendar, Date};
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/calendar/cn-workdays.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let same = |full: &Calendar, read: &Calendar, what: &str| {
        assert_eq!(serde_json::to_value(full.years()).unwrap(), serde_json::to_value(read.years()).unwrap(), "{what}: years");
        let first = full.years().iter().map(|y| y.year).min().unwrap_or(2025);
        let mut d = Date::parse(&format!("{}-01-01", first - 1)).unwrap();
        for _ in 0..(366 * (full.years().len() + 2)) {
            assert_eq!(full.is_working_day(d), read.is_working_day(d), "{what}: {d}");
            d = d.add_days(1);
        }
    };
    let full = Calendar::from_value(&v).unwrap();
    let read = Calendar::read_shipped_value(&v).expect("the shipped calendar reads");
    assert!(!full.years().is_empty());
    same(&full, &read, "shipped");
    // Variants: each field removed, nulled, or given another type; each
    // array emptied or cut; each date moved by a day.
    let mut variants = Vec::new();
    fn walk(v: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| walk(x, [path.clone(), vec![k.clone()]].concat(), out)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, [path.clone(), vec![i.to_string()]].concat(), out)),
            _ => {}
        }
    }
    let mut paths = Vec::new();
    walk(&v, Vec::new(), &mut paths);
    for p in paths.iter().filter(|p| !p.is_empty()) {
        let pointer = format!("/{}", p.join("/"));
        let old = v.pointer(&pointer).unwrap().clone();
        let mut news = vec![Value::Null, Value::from(7), Value::from("x"), Value::Array(vec![]), serde_json::json!({})];
        if let Some(d) = old.as_str().and_then(Date::parse) {
            news.push(Value::from(d.add_days(1).to_string()));
            news.push(Value::from(d.add_days(-1).to_string()));
        }
        if let Some(a) = old.as_array() {
            news.push(Value::Array(a.iter().skip(1).cloned().collect()));
        }
        for new in news {
            let mut w = v.clone();
            *w.pointer_mut(&pointer).unwrap() = new;
            variants.push((format!("{pointer} changed"), w));
        }
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let mut w = v.clone();
        let removed = match w.pointer_mut(if parent.is_empty() { "" } else { parent }).unwrap() {
            Value::Object(m) => m.remove(last).is_some(),
            Value::Array(a) => last.parse::<usize>().is_ok_and(|i| {
                a.remove(i);
                true
            }),
            _ => false,
        };
        if removed {
            variants.push((format!("{pointer} removed"), w));
        }
    }
    assert!(variants.len() > 200, "{} variants", variants.len());
    let mut accepted = 0;
    for (what, w) in &variants {
        let read = Calendar::read_shipped_value(w);
        if let Ok(full) = Calendar::from_value(w) {
            accepted += 1;
            same(&full, &read.unwrap_or_else(|| panic!("{what}: accepted by from_value, not read")), what);
        }
    }
    assert!(accepted > 10, "{accepted} variants accepted");
}
