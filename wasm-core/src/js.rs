//! The JavaScript API (feature `js`): what the npm package `@mantetong/core`
//! exports, through wasm-bindgen. Only `scripts/npm-package.sh` builds it;
//! the app depends on the core without this feature, so its bundle carries
//! none of these exports.
//!
//! Facts, packs and results cross the boundary as JSON text (the JS side
//! calls `JSON.stringify` / `JSON.parse`), so the JS door reads and writes
//! exactly what `mantetong eval` reads and writes: the same parser, the same
//! numbers, the same result. A string argument is taken as JSON text as is.
//!
//! | JS | does | like |
//! |---|---|---|
//! | `eval(facts, options?)` (also `evaluate`) | the contract result | `mantetong eval` |
//! | `nextQuestion(facts, options?)` | the next question, or `null` | `mantetong question` |
//! | `validate(pack)` | every problem of a pack (or an array of packs), `[]` when valid | `mantetong validate` |
//! | `regions()` | the bundled regions | `mantetong regions` |
//! | `version()`, `contractVersion()` | crate version, contract version | |
//!
//! Options: `region` (like `--region`), `lang` (`"zh"` or `"en"`, like
//! `--lang`), `pack` (a rule pack, object or JSON text, used instead of the
//! bundled ones, like `--pack FILE`), `today` (`YYYY-MM-DD`, the day used when
//! the facts give no `as_of`; default today in China, UTC+8, from the JS
//! clock), `asOf` (`YYYY-MM-DD`, replaces `facts.as_of`).
//!
//! Bad input throws an `Error` whose `message` has one `path: message` line
//! per problem (the lines `mantetong eval` prints on stderr) and whose
//! `problems` is `[{ path, message }]`.

use crate::bundled;
use crate::date::Date;
use crate::eval::{next_question, Lang};
use crate::facts::Facts;
use crate::golden::eval_value;
use crate::pack::{validate_packs, CoverageLevel, Pack};
use crate::problem::Problem;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const repl = (k, x) => typeof x === "bigint" || (typeof x === "number" && !Number.isFinite(x)) ? String(x) : x;
export function mttToJson(v) {
  if (typeof v === "string") return v;
  if (v === undefined) return undefined;
  return JSON.stringify(v, repl);
}
export function mttFromJson(s) { return JSON.parse(s); }
export function mttNow() { return Date.now(); }
export function mttError(lines, problems) {
  const e = new Error(lines);
  e.problems = JSON.parse(problems);
  return e;
}
"#)]
extern "C" {
    /// JSON text of a JS value: a string is passed through (already JSON
    /// text); non-finite numbers and BigInts become strings, so the parser
    /// rejects them naming their field instead of JSON's silent `null`.
    #[wasm_bindgen(catch, js_name = mttToJson)]
    fn to_json(v: &JsValue) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(js_name = mttFromJson)]
    fn from_json(s: &str) -> JsValue;
    #[wasm_bindgen(js_name = mttNow)]
    fn now_ms() -> f64;
    #[wasm_bindgen(js_name = mttError)]
    fn make_error(lines: &str, problems: &str) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../../npm/contract.d.ts");

/// An `Error` listing the problems, one `path: message` line each, with
/// `problems` set to `[{ path, message }]`.
fn error(ps: &[Problem]) -> JsValue {
    let lines: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
    make_error(&lines.join("\n"), &serde_json::to_string(ps).unwrap_or_else(|_| "[]".into()))
}

fn out(v: &impl serde::Serialize) -> JsValue {
    from_json(&serde_json::to_string(v).unwrap_or_else(|_| "null".into()))
}

/// Parses a JS argument (object or JSON text) into a JSON value; problems
/// are named under `path` (`$` for the facts, as the CLI does).
fn arg(v: &JsValue, path: &str) -> Result<Value, Problem> {
    let text = match to_json(v) {
        Ok(Some(t)) => t,
        Ok(None) => return Err(Problem::new(path, "missing: give an object or a JSON string")),
        Err(_) => return Err(Problem::new(path, "cannot be turned into JSON (a cycle?)")),
    };
    serde_json::from_str(&text).map_err(|e| Problem::new(path, format!("not valid JSON: {e}")))
}

fn bundled_packs() -> &'static Result<Vec<Pack>, Vec<Problem>> {
    static PACKS: OnceLock<Result<Vec<Pack>, Vec<Problem>>> = OnceLock::new();
    // Every bundled version of every region (build-time discovery).
    PACKS.get_or_init(|| bundled::packs().map_err(|ps| ps.into_iter().map(|p| Problem::new(format!("bundled pack {}", p.path), p.message)).collect()))
}

fn calendar() -> Result<&'static crate::Calendar, Vec<Problem>> {
    static CAL: OnceLock<Result<crate::Calendar, Vec<Problem>>> = OnceLock::new();
    CAL.get_or_init(bundled::calendar).as_ref().map_err(|ps| ps.iter().map(|p| Problem::new(format!("calendar: {}", p.path), p.message.clone())).collect())
}

/// Today in China (UTC+8) from the JS clock.
fn today() -> Date {
    Date::today_cst((now_ms() / 1000.0).floor() as i64)
}

/// The options of `eval` and `nextQuestion`, checked.
struct Opts {
    region: Option<String>,
    lang: Lang,
    today: Option<Date>,
    as_of: Option<Value>,
    pack: Option<Pack>,
}

fn options(v: &Option<JsValue>) -> Result<Opts, Vec<Problem>> {
    let mut o = Opts { region: None, lang: Lang::Zh, today: None, as_of: None, pack: None };
    let Some(v) = v.as_ref().filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(o);
    };
    let raw = arg(v, "options").map_err(|p| vec![p])?;
    let Some(m) = raw.as_object() else {
        return Err(vec![Problem::new("options", "expected an object")]);
    };
    let mut ps = Vec::new();
    let str_of = |k: &str, x: &Value, ps: &mut Vec<Problem>| -> Option<String> {
        match x {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => {
                ps.push(Problem::new(format!("options.{k}"), format!("expected a string, got {}", crate::problem::quote(other))));
                None
            }
        }
    };
    let date_of = |k: &str, x: &Value, ps: &mut Vec<Problem>| -> Option<Date> {
        let s = str_of(k, x, ps)?;
        let d = Date::parse(&s);
        if d.is_none() {
            ps.push(Problem::new(format!("options.{k}"), format!("\"{s}\" is not a YYYY-MM-DD date")));
        }
        d
    };
    for (k, x) in m {
        match k.as_str() {
            "region" => o.region = str_of(k, x, &mut ps),
            "lang" => match str_of(k, x, &mut ps).as_deref() {
                None => {}
                Some("en") => o.lang = Lang::En,
                Some("zh") | Some("zh-CN") => o.lang = Lang::Zh,
                Some(other) => ps.push(Problem::new("options.lang", format!("\"{other}\" is not en or zh"))),
            },
            "today" => o.today = date_of(k, x, &mut ps),
            "asOf" => {
                if date_of(k, x, &mut ps).is_some() {
                    o.as_of = Some(x.clone());
                }
            }
            "pack" => {
                // An object, or JSON text (which the stringify above kept as a JSON string).
                let parsed = match x {
                    Value::Null => None,
                    Value::String(s) => match serde_json::from_str::<Value>(s) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            ps.push(Problem::new("options.pack", format!("not valid JSON: {e}")));
                            None
                        }
                    },
                    other => Some(other.clone()),
                };
                if let Some(pv) = parsed {
                    match Pack::from_value(&pv) {
                        Ok(p) => o.pack = Some(p),
                        Err(pps) => ps.extend(pps.into_iter().map(|p| Problem::new(under("options.pack", &p.path), p.message))),
                    }
                }
            }
            other => ps.push(Problem::new(format!("options.{other}"), "unknown option (known: region, lang, today, asOf, pack)")),
        }
    }
    if ps.is_empty() {
        Ok(o)
    } else {
        Err(ps)
    }
}

/// `options.pack` + `materials[2]` = `options.pack.materials[2]`.
fn under(prefix: &str, path: &str) -> String {
    match path {
        "$" | "" => prefix.to_string(),
        p if p.starts_with('[') => format!("{prefix}{p}"),
        p => format!("{prefix}.{p}"),
    }
}

/// The packs to use and the region override, as the CLI does with
/// `--pack` (that pack and no other; a region naming another is refused).
/// The packs to evaluate against, and the region to pick.
type PackSet = (Cow<'static, [Pack]>, Option<String>);

fn packs_for(o: &Opts, facts: &Value) -> Result<PackSet, Vec<Problem>> {
    match &o.pack {
        None => Ok((Cow::Borrowed(bundled_packs().as_ref().map_err(Clone::clone)?), o.region.clone())),
        Some(p) => {
            let named = o.region.clone().or_else(|| facts.get("region").and_then(Value::as_str).map(str::to_string));
            if let Some(r) = named.filter(|r| *r != p.id) {
                return Err(vec![Problem::new("region", format!("\"{r}\" does not match the pack given in options.pack (\"{}\")", p.id))]);
            }
            Ok((Cow::Owned(vec![p.clone()]), Some(p.id.to_string())))
        }
    }
}

fn facts_and_options(facts: &JsValue, opts: &Option<JsValue>) -> Result<(Value, Opts), Vec<Problem>> {
    let o = options(opts)?;
    let mut v = arg(facts, "$").map_err(|p| vec![p])?;
    if let (Some(d), Some(m)) = (&o.as_of, v.as_object_mut()) {
        m.insert("as_of".into(), d.clone());
    }
    Ok((v, o))
}

/// Evaluates one application: the contract-v1 result, exactly what
/// `mantetong eval` prints. Throws on bad input.
#[wasm_bindgen(js_name = eval, unchecked_return_type = "Result")]
pub fn eval_js(
    #[wasm_bindgen(unchecked_param_type = "Facts | string")] facts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvalOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    run_eval(&facts, &options).map_err(|ps| error(&ps))
}

/// The same as `eval` (for `import { evaluate }`: `eval` cannot be an
/// imported binding's name in a module).
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Result")]
pub fn evaluate_js(
    #[wasm_bindgen(unchecked_param_type = "Facts | string")] facts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvalOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    run_eval(&facts, &options).map_err(|ps| error(&ps))
}

fn run_eval(facts: &JsValue, opts: &Option<JsValue>) -> Result<JsValue, Vec<Problem>> {
    let (v, o) = facts_and_options(facts, opts)?;
    let (packs, region) = packs_for(&o, &v)?;
    let cal = calendar()?;
    let today = o.today.unwrap_or_else(today);
    let outcome = eval_value(&v, region.as_deref(), &packs, cal, today, o.lang)?;
    Ok(out(&outcome))
}

/// The most decisive missing fact's question, or `null` when nothing is
/// left to ask: what `mantetong question` prints. Throws on bad input.
#[wasm_bindgen(js_name = nextQuestion, unchecked_return_type = "Question | null")]
pub fn next_question_js(
    #[wasm_bindgen(unchecked_param_type = "Facts | string")] facts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvalOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Vec<Problem>> {
        let (v, o) = facts_and_options(&facts, &options)?;
        let (packs, region) = packs_for(&o, &v)?;
        let f = Facts::from_value(&v)?;
        let rid = region.or_else(|| f.region.clone());
        let on = f.as_of.or(o.today).unwrap_or_else(today);
        let Some(pack) = rid.as_deref().and_then(|r| crate::pack::select(&packs, r, on)) else {
            return Err(vec![bundled::unknown_region(rid.as_deref().unwrap_or(""))]);
        };
        Ok(out(&next_question(pack, &f)))
    };
    run().map_err(|ps| error(&ps))
}

/// Every problem of a rule pack (object or JSON text), each with its JSON
/// path; `[]` when it is valid. An array of packs is checked together
/// (overlaps across packs too), paths then start with `[i]`.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Problem[]")]
pub fn validate_js(#[wasm_bindgen(unchecked_param_type = "object | object[] | string")] pack: JsValue) -> JsValue {
    let v = match arg(&pack, "$") {
        Ok(v) => v,
        Err(p) => return out(&vec![p]),
    };
    let (items, several) = match v {
        Value::Array(a) => (a, true),
        other => (vec![other], false),
    };
    let mut problems = Vec::new();
    let mut good = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let name = if several { format!("[{i}]") } else { "$".to_string() };
        match Pack::from_value(item) {
            Ok(p) => good.push((name, p)),
            Err(ps) => problems.extend(ps.into_iter().map(|p| if several { Problem::new(under(&name, &p.path), p.message) } else { p })),
        }
    }
    problems.extend(validate_packs(&good));
    out(&problems)
}

/// The bundled regions, in display order: `{ id, name: { zh, en }, version,
/// policy_year, coverage }` (what `mantetong regions` lists).
#[wasm_bindgen(js_name = regions, unchecked_return_type = "Region[]")]
pub fn regions_js() -> Result<JsValue, JsValue> {
    let packs = bundled_packs().as_ref().map_err(|ps| error(ps))?;
    let list: Vec<Value> = packs
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("id".into(), json!(p.id));
            m.insert("name".into(), json!({ "zh": p.name.zh, "en": p.name.en }));
            m.insert("version".into(), json!(p.version));
            m.insert("policy_year".into(), json!(p.policy_year));
            m.insert("coverage".into(), json!(match p.coverage.level { CoverageLevel::Full => "full", CoverageLevel::Partial => "partial" }));
            Value::Object(m)
        })
        .collect();
    Ok(out(&list))
}

/// The version of the core (the npm package's version).
#[wasm_bindgen(js_name = version)]
pub fn version_js() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The evaluation contract version the results follow.
#[wasm_bindgen(js_name = contractVersion)]
pub fn contract_version_js() -> u32 {
    crate::CONTRACT_VERSION
}
