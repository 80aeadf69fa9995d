//! The fact table (`mantetong_core::facts::FACTS`) is the one source of the
//! fact paths: the reader, the getter, pack validation and the npm types
//! follow it. These tests hold each of them to it.

use mantetong_core::bundled;
use mantetong_core::facts::{fact, Asked, FactType, FACTS};
use mantetong_core::{Facts, Pack};
use serde_json::{json, Value};

fn linfen() -> Value {
    serde_json::from_str(bundled::json_of("shanxi-linfen").next().unwrap()).unwrap()
}

fn question(v: &Value, id: &str) -> usize {
    v["questions"].as_array().unwrap().iter().position(|q| q["id"] == id).unwrap()
}

/// Pack validation follows the table's types and how each fact is asked:
/// (what the case changes, the problem expected).
#[test]
fn pack_validation_follows_the_table() {
    type Edit = fn(&mut Value);
    let cases: &[(&str, Edit, &str)] = &[
        ("an option sets a value the fact cannot take", |v| {
            let i = question(v, "applicant.contribution");
            v["questions"][i]["options"][0]["set"]["applicant.contribution"] = json!("normall");
        }, "questions[1].options[0].set.applicant.contribution: \"normall\" is not a value of applicant.contribution"),
        ("a yes/no option sets a string on a boolean fact", |v| {
            let i = question(v, "applicant.arrears");
            v["questions"][i]["options"][0]["set"]["applicant.arrears"] = json!("yes");
        }, "questions[2].options[0].set.applicant.arrears: \"yes\" is not a value of applicant.arrears (boolean)"),
        ("a hospital level outside 1-3", |v| {
            let i = question(v, "diagnosis.hospital_level");
            v["questions"][i]["options"][0]["set"]["diagnosis.hospital_level"] = json!(4);
        }, "is not a value of diagnosis.hospital_level (1 | 2 | 3)"),
        ("a rule compares a fact with a value of the wrong type", |v| {
            v["checks"][1]["rule"] = json!({ "eq": { "fact": "applicant.contribution", "value": true } });
        }, "checks[1].rule: true is not a value of applicant.contribution"),
        ("at_least on a yes/no fact", |v| {
            v["checks"][1]["rule"] = json!({ "at_least": { "fact": "applicant.arrears", "value": 1 } });
        }, "checks[1].rule: at_least needs a number fact"),
        ("a pack question for a derived fact", |v| {
            let i = question(v, "applicant.arrears");
            v["questions"][i]["facts"].as_array_mut().unwrap().push(json!("applicant.age"));
        }, "questions[2].facts[1]: \"applicant.age\" is not asked by a pack (the core works it out)"),
        ("a pack question for a fact the app's pages ask", |v| {
            let i = question(v, "applicant.arrears");
            v["questions"][i]["facts"].as_array_mut().unwrap().push(json!("proxy"));
        }, "questions[2].facts[1]: \"proxy\" is not asked by a pack (the app's own pages ask it)"),
        ("a path that is not in the table", |v| {
            v["checks"][1]["rule"] = json!({ "eq": { "fact": "applicant.shoe_size", "value": 42 } });
        }, "checks[1].rule: unknown fact path \"applicant.shoe_size\""),
    ];
    for (what, edit, want) in cases {
        let mut v = linfen();
        edit(&mut v);
        let got: Vec<String> = match Pack::from_value(&v) {
            Ok(_) => vec![],
            Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
        };
        assert!(got.iter().any(|p| p.contains(want)), "{what}: expected a problem like {want:?}; got {got:#?}");
    }
}

/// Every fact of the table reads back through the getter as it was given,
/// and a value of the wrong type is refused naming the path.
#[test]
fn reader_and_getter_follow_the_table() {
    let sample = |ty: FactType| -> Option<Value> {
        Some(match ty {
            FactType::Bool => json!(true),
            FactType::Int { lo, .. } => json!(lo),
            FactType::Grade => json!(3),
            FactType::OneOf(vs) => json!(vs[vs.len() - 1]),
            FactType::Slug => json!("shanxi-linfen"),
            FactType::IdNumber | FactType::Date => return None,
        })
    };
    for d in FACTS.iter().filter(|d| d.asked == Asked::Pack) {
        let v = sample(d.ty).unwrap();
        let mut facts = json!({});
        mantetong_core::facts::set_fact(&mut facts, d.path, v.clone());
        let f = Facts::from_value(&facts).unwrap_or_else(|e| panic!("{}: {e:?}", d.path));
        let got = match f.get(d.path) {
            mantetong_core::facts::FactValue::Bool(b) => json!(b),
            mantetong_core::facts::FactValue::Int(n) => json!(n),
            mantetong_core::facts::FactValue::Str(s) => json!(s),
            mantetong_core::facts::FactValue::Unknown => Value::Null,
        };
        assert_eq!(got, v, "{} reads back", d.path);
        // A value of another type is refused, naming the path.
        let wrong = if d.ty == FactType::Bool { json!("yes") } else { json!({ "x": 1 }) };
        let mut facts = json!({});
        mantetong_core::facts::set_fact(&mut facts, d.path, wrong);
        let e = Facts::from_value(&facts).expect_err(d.path);
        assert!(e.iter().any(|p| p.to_string().starts_with(&format!("{}: ", d.path))), "{}: {e:?}", d.path);
    }
    assert!(fact("applicant.age").is_some_and(|d| d.asked == Asked::Derived));
}

/// `npm/contract.d.ts` declares every fact the packs ask, with the table's
/// type, in its section (applicant, disease, diagnosis).
#[test]
fn npm_types_declare_every_asked_fact_with_its_type() {
    let ts = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../npm/contract.d.ts")).unwrap();
    let facts_block = &ts[ts.find("export interface Facts {").unwrap()..];
    let facts_block = &facts_block[..facts_block.find("\n}\n").unwrap()];
    for d in FACTS.iter().filter(|d| d.asked == Asked::Pack) {
        let (section, key) = d.path.split_once('.').unwrap();
        let start = facts_block.find(&format!("  {section}?: {{")).unwrap_or_else(|| panic!("no {section} in Facts"));
        let body = &facts_block[start..];
        let body = &body[..body.find("\n  };").unwrap()];
        let want = format!("{key}?: {};", d.ty.ts());
        assert!(body.lines().any(|l| l.trim() == want), "npm/contract.d.ts Facts.{section} should declare `{want}`");
    }
}
