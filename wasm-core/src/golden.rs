//! Golden cases: input facts + an expected fragment of the result, run by
//! `cargo test` and by `mantetong test` through the same [`check`].
//!
//! A case file (see `tests/README.md`) is either one case or
//! `{ "cases": [case, ...] }`. A case:
//!
//! ```json
//! { "name": "...", "source": "000_07b534b3317dd747.txt §三",
//!   "facts": { ... },
//!   "expect": { "estimate": { "reimbursed": 4000 } },
//!   "expect_errors": ["applicant.id_number: check digit should be X"],
//!   "expect_question": "disease.id", "lang": "en", "region": "..." }
//! ```
//!
//! `expect` matches by subset: objects match on the keys listed; an array
//! whose expected elements all have an `id` matches by `id` (each listed id
//! must be present, order does not matter; `"$absent": true` in an element
//! says that id must not be there); other arrays must have the same length
//! and match element by element; numbers compare with a 1e-9 tolerance.
//! The string `"$absent"` expects null or no key; `"$present"` any non-null.
//! `{ "$contains": [x, ...] }` expects an array in which each `x` matches
//! (as a subset) at least one element, in any order.

use crate::calendar::Calendar;
use crate::date::Date;
use crate::eval::{evaluate_with, next_question, Lang, Options, Outcome};
use crate::facts::Facts;
use crate::pack::Pack;
use crate::problem::Problem;
use serde_json::Value;

/// The `today` golden cases use when the facts give no `as_of`.
pub const DEFAULT_TODAY: &str = "2025-09-30";

/// Everything the CLI's `eval` does after reading the input: parse the
/// facts, pick the pack (`region` override, else `facts.region`), and
/// evaluate on `facts.as_of` or `today`. Errors name the field.
pub fn eval_value(raw: &Value, region: Option<&str>, packs: &[Pack], cal: &Calendar, today: Date, lang: Lang) -> Result<Outcome, Vec<Problem>> {
    let parsed = Facts::from_value(raw);
    let mut problems = Vec::new();
    let facts = match parsed {
        Ok(f) => Some(f),
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    // When the facts do not parse, still check the region they name.
    let region_id = region
        .map(str::to_string)
        .or_else(|| facts.as_ref().and_then(|f| f.region.clone()))
        .or_else(|| if facts.is_none() { raw.get("region").and_then(Value::as_str).map(str::to_string) } else { None });
    let pack = match &region_id {
        None if packs.len() == 1 => Some(&packs[0]),
        None => {
            if !problems.iter().any(|p| p.path == "region") {
                problems.push(Problem::new("region", "missing: give \"region\" in the facts, or the region option (CLI --region, JS options.region)"));
            }
            None
        }
        Some(id) => match crate::pack::select(packs, id, facts.as_ref().and_then(|f| f.as_of).unwrap_or(today)) {
            Some(p) => Some(p),
            None => {
                // One line per problem: a malformed id is already reported.
                if !problems.iter().any(|p| p.path == "region") {
                    let mut known: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
                    known.dedup();
                    problems.push(Problem::new("region", format!("unknown region \"{id}\"; known: {}", known.join(", "))));
                }
                None
            }
        },
    };
    match (facts, pack) {
        (Some(f), Some(pk)) if problems.is_empty() => {
            let as_of = f.as_of.unwrap_or(today);
            Ok(evaluate_with(pk, cal, &f, as_of, Options { lang }))
        }
        _ => Err(problems),
    }
}


/// The cases in a case file: the file itself, or its `cases` array.
pub fn cases_in(file: &Value) -> Vec<Value> {
    match file.get("cases").and_then(Value::as_array) {
        Some(list) => list.clone(),
        None => vec![file.clone()],
    }
}

/// Runs one golden case against the given packs and calendar. Returns the
/// mismatches, one line each (empty = the case passes).
pub fn check(case: &Value, packs: &[Pack], cal: &Calendar) -> Vec<String> {
    let mut out = Vec::new();
    let Some(obj) = case.as_object() else {
        return vec!["$: a case must be an object".into()];
    };
    let Some(facts) = obj.get("facts") else {
        return vec!["facts: required".into()];
    };
    let lang = match obj.get("lang").and_then(Value::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let today = obj.get("today").and_then(Value::as_str).and_then(Date::parse).or_else(|| Date::parse(DEFAULT_TODAY));
    let Some(today) = today else { return vec!["today: not a date".into()] };
    let region = obj.get("region").and_then(Value::as_str);
    let result = eval_value(facts, region, packs, cal, today, lang);
    match (&result, obj.get("expect_errors")) {
        (Ok(_), Some(_)) => out.push("expected errors, but the facts were accepted".into()),
        (Err(ps), Some(Value::Array(want))) => {
            let lines: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
            for w in want {
                let w = w.as_str().unwrap_or("");
                if !lines.iter().any(|l| l.starts_with(w) || l.contains(w)) {
                    out.push(format!("expected an error like {w:?}; got: {}", lines.join(" | ")));
                }
            }
        }
        (Err(ps), _) => {
            let lines: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
            out.push(format!("unexpected errors: {}", lines.join(" | ")));
        }
        (Ok(o), _) => {
            if let Some(exp) = obj.get("expect") {
                let actual = o.to_json();
                subset(exp, &actual, "", &mut out);
            }
        }
    }
    if let Some(q) = obj.get("expect_question") {
        let parsed = Facts::from_value(facts);
        let rid = region.map(str::to_string).or_else(|| parsed.as_ref().ok().and_then(|f| f.region.clone()));
        let on = parsed.as_ref().ok().and_then(|f| f.as_of).unwrap_or(today);
        match (parsed, rid.and_then(|r| crate::pack::select(packs, &r, on))) {
            (Ok(f), Some(pk)) => {
                let got = next_question(pk, &f).map(|q| q.id);
                let want = q.as_str().map(str::to_string);
                if got != want {
                    out.push(format!("next question: expected {want:?}, got {got:?}"));
                }
            }
            _ => out.push("expect_question: the facts or region do not resolve".into()),
        }
    }
    out
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        _ => false,
    }
}

/// Subset match of `exp` in `act`; mismatches are pushed with their path.
pub fn subset(exp: &Value, act: &Value, path: &str, out: &mut Vec<String>) {
    let here = if path.is_empty() { "$" } else { path };
    match exp {
        Value::String(s) if s == "$absent" => {
            if !act.is_null() {
                out.push(format!("{here}: expected absent/null, got {act}"));
            }
        }
        Value::String(s) if s == "$present" => {
            if act.is_null() {
                out.push(format!("{here}: expected a value, got null"));
            }
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("$contains") => {
            let Some(acts) = act.as_array() else {
                out.push(format!("{here}: expected an array, got {act}"));
                return;
            };
            for (i, want) in m["$contains"].as_array().cloned().unwrap_or_default().iter().enumerate() {
                let found = acts.iter().any(|a| {
                    let mut probe = Vec::new();
                    subset(want, a, "", &mut probe);
                    probe.is_empty()
                });
                if !found {
                    out.push(format!("{here}: no element matches $contains[{i}] {want}"));
                }
            }
        }
        Value::Object(m) => {
            let Some(am) = act.as_object() else {
                out.push(format!("{here}: expected an object, got {act}"));
                return;
            };
            for (k, v) in m {
                let sub = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                let a = am.get(k).unwrap_or(&Value::Null);
                subset(v, a, &sub, out);
            }
        }
        Value::Array(items) => {
            let Some(acts) = act.as_array() else {
                out.push(format!("{here}: expected an array, got {act}"));
                return;
            };
            let by_id = !items.is_empty() && items.iter().all(|i| i.get("id").is_some_and(Value::is_string));
            if by_id {
                for it in items {
                    let id = it.get("id").and_then(Value::as_str).unwrap_or("");
                    let absent = it.get("$absent").and_then(Value::as_bool) == Some(true);
                    match acts.iter().find(|a| a.get("id").and_then(Value::as_str) == Some(id)) {
                        Some(_) if absent => out.push(format!("{here}[id={id}]: expected no such element")),
                        Some(a) => {
                            let mut it = it.clone();
                            if let Some(o) = it.as_object_mut() {
                                o.remove("$absent");
                            }
                            subset(&it, a, &format!("{here}[id={id}]"), out)
                        }
                        None if absent => {}
                        None => out.push(format!("{here}: no element with id {id:?}")),
                    }
                }
            } else if items.len() != acts.len() {
                out.push(format!("{here}: expected {} elements, got {}: {act}", items.len(), acts.len()));
            } else {
                for (i, (e, a)) in items.iter().zip(acts).enumerate() {
                    subset(e, a, &format!("{here}[{i}]"), out);
                }
            }
        }
        Value::Number(_) => {
            if !num_eq(exp, act) {
                out.push(format!("{here}: expected {exp}, got {act}"));
            }
        }
        _ => {
            if exp != act {
                out.push(format!("{here}: expected {exp}, got {act}"));
            }
        }
    }
}
