//! Reading a pack that was validated before it shipped (the app's path).
//!
//! [`Pack::from_json`] parses a pack with serde's derived `Deserialize`
//! for every pack type and then checks its meaning ([`crate::validate_pack`]):
//! every problem, each with its JSON path, which is what a rule author, the
//! CLI, the intake and the npm package need. In the browser that was the
//! largest single part of the module past the home page (the derived code,
//! its `Vec`/`Option` visitors and the validator, docs/size.md), spent on
//! packs that `cargo test` has already validated (`tests/shipped.rs`: every
//! file in public/regions/ validates, and this reader gives the same `Pack`
//! as `from_json` for each).
//!
//! [`Pack::read_shipped`] is a small hand-written walker over the parsed
//! `serde_json::Value` (the app parses JSON into `Value` anyway, for drafts
//! and facts): it checks the shape (types, required fields, known variant
//! names, schema 1) and reports the first problem, named by its path; it
//! does not check the meaning. A pack from anywhere else (a portal's own
//! copy under `packBase`) should be checked with `mantetong validate` or the
//! npm package's `validatePack` before it is served.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::pack::*;
use crate::problem::{index, join, json_syntax, quote, type_name, Problem};

/// One walk over a pack. The readers never stop early: after a problem
/// they give a stand-in (an empty string or list, the first variant) and
/// go on, and only the first problem is kept. That is the problem the walk
/// would have stopped at (the walk is the same up to it), and with no early
/// returns the code of each struct is one straight line instead of a
/// clean-up path per field (docs/size.md: ~30% less code for the walker).
/// The walk is bounded as before: each value is read once.
struct W {
    first: RefCell<Option<Problem>>,
}

impl W {
    #[inline(never)]
    fn fail(&self, p: Problem) {
        let mut f = self.first.borrow_mut();
        if f.is_none() {
            *f = Some(p);
        }
    }
    #[inline(never)]
    fn expected(&self, at: &str, what: &str, v: &Value) {
        self.fail(Problem::new(at, format!("expected {what}, got {}", type_name(v))));
    }
}

type F<T> = fn(&W, &Value, &str) -> T;

/// What a missing field reads as, after its problem is noted.
static NULL: Value = Value::Null;

/// An object being read, with its path for messages (`m` is `None` when
/// the value was not an object: every field then reads as missing).
struct O<'a> {
    w: &'a W,
    m: Option<&'a Map<String, Value>>,
    at: &'a str,
}

#[inline(never)]
fn obj<'a>(w: &'a W, v: &'a Value, at: &'a str) -> O<'a> {
    let m = v.as_object();
    if m.is_none() {
        w.expected(at, "an object", v);
    }
    O { w, m, at }
}

#[inline(never)]
fn string(w: &W, v: &Value, at: &str) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => {
            w.expected(at, "a string", v);
            String::new()
        }
    }
}

/// A pack's text, shared by the results that repeat it ([`Str`]).
#[inline(never)]
fn shared(w: &W, v: &Value, at: &str) -> Str {
    match v.as_str() {
        Some(s) => Str::shared(s),
        None => {
            w.expected(at, "a string", v);
            Str::default()
        }
    }
}

#[inline(never)]
fn uint(w: &W, v: &Value, at: &str, max: u64) -> u64 {
    match v.as_u64().filter(|n| *n <= max) {
        Some(n) => n,
        None => {
            w.expected(at, &format!("a whole number from 0 to {max}"), v);
            0
        }
    }
}

#[inline(never)]
fn text(w: &W, v: &Value, at: &str) -> Text {
    let o = obj(w, v, at);
    Text { zh: o.str("zh"), en: o.str("en") }
}

#[inline(never)]
fn strings(w: &W, v: &Value, at: &str) -> Vec<String> {
    list(w, v, at, string)
}

impl<'a> O<'a> {
    fn path(&self, k: &str) -> String {
        join(self.at, k)
    }
    /// The field, or `None` when it is absent or null.
    fn opt(&self, k: &str) -> Option<&'a Value> {
        self.m.and_then(|m| m.get(k)).filter(|v| !v.is_null())
    }
    /// The field; when it is missing, the problem, and null to read on.
    #[inline(never)]
    fn req(&self, k: &str) -> &'a Value {
        match self.m.and_then(|m| m.get(k)) {
            Some(v) => v,
            None => {
                self.w.fail(Problem::new(self.at, format!("missing field `{k}`")));
                &NULL
            }
        }
    }
    /// `f` on the field when present and not null.
    fn maybe<T>(&self, k: &str, f: F<T>) -> Option<T> {
        self.opt(k).map(|v| f(self.w, v, &self.path(k)))
    }
    fn one<T>(&self, k: &str, f: F<T>) -> T {
        f(self.w, self.req(k), &self.path(k))
    }
    #[inline(never)]
    fn string(&self, k: &str) -> String {
        self.one(k, string)
    }
    #[inline(never)]
    fn str(&self, k: &str) -> Str {
        self.one(k, shared)
    }
    #[inline(never)]
    fn source(&self) -> Str {
        self.str("source")
    }
    #[inline(never)]
    fn text(&self, k: &str) -> Text {
        self.one(k, text)
    }
    #[inline(never)]
    fn strings(&self, k: &str) -> Vec<String> {
        self.one(k, strings)
    }
    #[inline(never)]
    fn opt_text(&self, k: &str) -> Option<Text> {
        self.maybe(k, text)
    }
    #[inline(never)]
    fn u32(&self, k: &str) -> u32 {
        uint(self.w, self.req(k), &self.path(k), u32::MAX as u64) as u32
    }
    #[inline(never)]
    fn opt_u32(&self, k: &str) -> Option<u32> {
        self.maybe(k, |w, v, at| uint(w, v, at, u32::MAX as u64) as u32)
    }
    #[inline(never)]
    fn opt_f64(&self, k: &str) -> Option<f64> {
        self.maybe(k, |w, v, at| {
            v.as_f64().unwrap_or_else(|| {
                w.expected(at, "a number", v);
                0.0
            })
        })
    }
    #[inline(never)]
    fn flag(&self, k: &str) -> bool {
        self.maybe(k, |w, v, at| {
            v.as_bool().unwrap_or_else(|| {
                w.expected(at, "true or false", v);
                false
            })
        })
        .unwrap_or(false)
    }
    /// A list (absent or null: empty), each element read by `f`.
    fn list<T>(&self, k: &str, f: F<T>) -> Vec<T> {
        match self.opt(k) {
            Some(v) => list(self.w, v, &self.path(k), f),
            None => Vec::new(),
        }
    }
    fn list_req<T>(&self, k: &str, f: F<T>) -> Vec<T> {
        list(self.w, self.req(k), &self.path(k), f)
    }
    #[inline(never)]
    fn notes(&self, k: &str) -> Vec<Note> {
        self.list(k, note)
    }
}

fn list<T>(w: &W, v: &Value, at: &str, f: F<T>) -> Vec<T> {
    let Some(items) = v.as_array() else {
        w.expected(at, "a list", v);
        return Vec::new();
    };
    // A plain loop: `collect` instantiates an adapter per type.
    let mut out = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        out.push(f(w, it, &index(at, i)));
    }
    out
}

/// A name from a fixed set (an enum's snake_case variants); the first
/// stands in for an unknown one.
fn variant<T: Copy>(w: &W, v: &Value, at: &str, names: &[(&str, T)]) -> T {
    let Some(s) = v.as_str() else {
        w.expected(at, "a string", v);
        return names[0].1;
    };
    match names.iter().find(|(n, _)| *n == s) {
        Some((_, t)) => *t,
        None => {
            w.fail(Problem::new(at, format!("unknown variant {}", quote(v))));
            names[0].1
        }
    }
}

fn track(w: &W, v: &Value, at: &str) -> Track {
    use Track::*;
    variant(w, v, at, &[("instant", Instant), ("centralized", Centralized), ("expert_review", ExpertReview), ("offline", Offline)])
}

fn seal_kind(w: &W, v: &Value, at: &str) -> SealKind {
    use SealKind::*;
    variant(w, v, at, &[("hospital", Hospital), ("department", Department), ("medical_records_room", MedicalRecordsRoom), ("other", Other)])
}

fn note(w: &W, v: &Value, at: &str) -> Note {
    let o = obj(w, v, at);
    Note { zh: o.str("zh"), en: o.str("en"), source: o.source(), when: o.maybe("when", rule) }
}

fn rule(w: &W, v: &Value, at: &str) -> Rule {
    let Some((k, b)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.iter().next()) else {
        w.expected(at, "a rule (an object with one key)", v);
        return Rule::PolicyUnknown {};
    };
    let at = &join(at, k);
    match k.as_str() {
        "eq" => {
            let o = obj(w, b, at);
            Rule::Eq { fact: crate::facts::fact_path(&o.str("fact")), value: o.req("value").clone() }
        }
        "in" => {
            let o = obj(w, b, at);
            Rule::In { fact: crate::facts::fact_path(&o.str("fact")), values: o.list_req("values", |_, v, _| v.clone()) }
        }
        "at_least" => {
            let o = obj(w, b, at);
            let value = o.req("value");
            let fact = crate::facts::fact_path(&o.str("fact"));
            let value = value.as_i64().unwrap_or_else(|| {
                w.expected(&o.path("value"), "a whole number", value);
                0
            });
            Rule::AtLeast { fact, value }
        }
        "prefix" => {
            let o = obj(w, b, at);
            Rule::Prefix { fact: crate::facts::fact_path(&o.str("fact")), values: o.strings("values") }
        }
        "any" => Rule::Any(list(w, b, at, rule)),
        "all" => Rule::All(list(w, b, at, rule)),
        "not" => Rule::Not(Box::new(rule(w, b, at))),
        "disease_listed" => Rule::DiseaseListed {},
        "disease_qualifier" => Rule::DiseaseQualifier {},
        "policy_unknown" => Rule::PolicyUnknown {},
        "given" => {
            let o = obj(w, b, at);
            Rule::Given { fact: crate::facts::fact_path(&o.str("fact")), then: Box::new(o.one("then", rule)), otherwise: Box::new(o.one("otherwise", rule)) }
        }
        _ => {
            w.fail(Problem::new(at.as_str(), format!("unknown rule \"{k}\"")));
            Rule::PolicyUnknown {}
        }
    }
}

fn disease(w: &W, v: &Value, at: &str) -> DiseaseDef {
    let o = obj(w, v, at);
    DiseaseDef {
        id: o.str("id"),
        name: o.text("name"),
        m_code: o.maybe("m_code", shared),
        qualifier: o.maybe("qualifier", rule),
        qualifier_text: o.opt_text("qualifier_text"),
        track: o.maybe("track", track),
        source: o.source(),
    }
}

fn check(w: &W, v: &Value, at: &str) -> CheckDef {
    let o = obj(w, v, at);
    CheckDef {
        id: o.str("id"),
        rule: o.one("rule", rule),
        pass: o.text("pass"),
        fail: o.text("fail"),
        unknown: o.text("unknown"),
        silent: o.opt_text("silent"),
        source: o.source(),
        diseases: o.maybe("diseases", strings),
    }
}

fn material(w: &W, v: &Value, at: &str) -> MaterialDef {
    let o = obj(w, v, at);
    MaterialDef {
        id: o.str("id"),
        name: o.text("name"),
        need: o.one("need", |w, v, at| {
            variant(w, v, at, &[("required", Need::Required), ("usually", Need::Usually), ("may_be_required", Need::MayBeRequired)])
        }),
        when: o.maybe("when", rule),
        diseases: o.maybe("diseases", strings),
        detail: o.opt_text("detail"),
        window: o.maybe("window", |w, v, at| {
            let o = obj(w, v, at);
            Window {
                months: o.u32("months"),
                counts_from: o
                    .maybe("counts_from", |w, v, at| variant(w, v, at, &[("issued", WindowFrom::Issued), ("period_end", WindowFrom::PeriodEnd)]))
                    .unwrap_or_default(),
                source: o.source(),
            }
        }),
        seal: o.maybe("seal", |w, v, at| {
            let o = obj(w, v, at);
            SealRule { kind: o.one("kind", seal_kind), accepts: o.list("accepts", seal_kind), source: o.source() }
        }),
        states_stage: o.maybe("states_stage", |w, v, at| Sourced { source: obj(w, v, at).source() }),
        signed: o.maybe("signed", |w, v, at| {
            let o = obj(w, v, at);
            SignedRule { by: o.opt_text("by"), source: o.source() }
        }),
        hospital: o.maybe("hospital", |w, v, at| {
            let o = obj(w, v, at);
            HospitalRule {
                min_level: uint(w, o.req("min_level"), &o.path("min_level"), u8::MAX as u64) as u8,
                public: o.flag("public"),
                designated: o.flag("designated"),
                source: o.source(),
            }
        }),
        source: o.source(),
    }
}

fn pool(w: &W, v: &Value, at: &str) -> Pool {
    let o = obj(w, v, at);
    Pool {
        id: o.str("id"),
        name: o.text("name"),
        diseases: o.strings("diseases"),
        covers: o.strings("covers"),
        annual_cap: o.opt_f64("annual_cap"),
        ratio: o.opt_f64("ratio"),
        ratio_kind: o.one("ratio_kind", |w, v, at| {
            variant(w, v, at, &[("exact", RatioKind::Exact), ("floor", RatioKind::Floor), ("unpublished", RatioKind::Unpublished)])
        }),
        source: o.source(),
        notes: o.notes("notes"),
    }
}

fn timeline(w: &W, v: &Value, at: &str) -> TimelineDef {
    let o = obj(w, v, at);
    TimelineDef {
        tracks: o.list("tracks", |w, v, at| {
            let o = obj(w, v, at);
            TrackTiming {
                track: o.one("track", track),
                pre_review_working_days: o.opt_u32("pre_review_working_days"),
                decision_working_days: o.opt_u32("decision_working_days"),
                effective_next_day: o.flag("effective_next_day"),
                resubmit_working_days: o.opt_u32("resubmit_working_days"),
                batch: o.maybe("batch", |w, v, at| {
                    let o = obj(w, v, at);
                    Batch { every_months: o.u32("every_months"), source: o.source() }
                }),
                source: o.source(),
                notes: o.notes("notes"),
            }
        }),
        renewal: o.list("renewal", |w, v, at| {
            let o = obj(w, v, at);
            Renewal {
                diseases: o.strings("diseases"),
                years: o.u32("years"),
                kind: o
                    .maybe("kind", |w, v, at| variant(w, v, at, &[("automatic", RenewalKind::Automatic), ("resubmit", RenewalKind::Resubmit)]))
                    .unwrap_or_default(),
                note: o.text("note"),
                source: o.source(),
            }
        }),
        notes: o.notes("notes"),
    }
}

fn channel(w: &W, v: &Value, at: &str) -> Channel {
    let o = obj(w, v, at);
    Channel {
        kind: o.one("kind", |w, v, at| {
            variant(w, v, at, &[("official_app", ChannelKind::OfficialApp), ("online", ChannelKind::Online), ("paper", ChannelKind::Paper)])
        }),
        name: o.text("name"),
        instructions: o.text("instructions"),
        endpoint: o.maybe("endpoint", shared),
        receiver: o.opt_text("receiver"),
        source: o.source(),
    }
}

fn question(w: &W, v: &Value, at: &str) -> QuestionDef {
    use AnswerKind::*;
    let o = obj(w, v, at);
    QuestionDef {
        id: o.string("id"),
        facts: o.strings("facts"),
        kind: o.one("kind", |w, v, at| {
            variant(w, v, at, &[("yes_no", YesNo), ("one_of", OneOf), ("date", Date), ("number", Number), ("grade", Grade)])
        }),
        text: o.text("text"),
        why: o.text("why"),
        proxy: o.maybe("proxy", |w, v, at| {
            let o = obj(w, v, at);
            let mut labels = BTreeMap::new();
            if let Some(l) = o.opt("labels") {
                let at = o.path("labels");
                for (k, t) in obj(w, l, &at).m.into_iter().flatten() {
                    labels.insert(k.clone(), text(w, t, &join(&at, k)));
                }
            }
            ProxyForm { text: o.text("text"), why: o.opt_text("why"), labels }
        }),
        source: o.source(),
        options: o.list("options", |w, v, at| {
            let o = obj(w, v, at);
            AnswerOption { id: o.string("id"), label: o.text("label"), set: o.one("set", |w, v, at| obj(w, v, at).m.cloned().unwrap_or_default()) }
        }),
    }
}

impl Pack {
    /// Reads a pack that was validated before it shipped: the shape only
    /// (types, required fields, variant names), no meaning checks, the
    /// first problem only. See the module's note; everything but the app
    /// uses [`Pack::from_json`].
    pub fn read_shipped(s: &str) -> Result<Pack, Problem> {
        let v: Value = serde_json::from_str(s).map_err(|e| json_syntax(&e))?;
        Pack::read_shipped_value(&v)
    }

    /// As [`Pack::read_shipped`], from a parsed value.
    pub fn read_shipped_value(v: &Value) -> Result<Pack, Problem> {
        let w = &W { first: RefCell::new(None) };
        let o = obj(w, v, "$");
        let schema = o.u32("schema");
        if let Some(p) = w.first.take() {
            return Err(p);
        }
        if schema != SCHEMA {
            return Err(Problem::new("schema", format!("this app reads packs of schema {SCHEMA}, not {schema}")));
        }
        let pack = Pack {
            schema,
            id: o.str("id"),
            version: o.str("version"),
            name: o.text("name"),
            policy_year: {
                let y = o.req("policy_year");
                y.as_i64().and_then(|n| i32::try_from(n).ok()).unwrap_or_else(|| {
                    w.expected("policy_year", "a year", y);
                    0
                })
            },
            effective: o.one("effective", |w, v, at| {
                let o = obj(w, v, at);
                Effective { from: o.string("from"), to: o.maybe("to", string), source: o.source() }
            }),
            coverage: o.one("coverage", |w, v, at| {
                let o = obj(w, v, at);
                Coverage {
                    level: o.one("level", |w, v, at| variant(w, v, at, &[("full", CoverageLevel::Full), ("partial", CoverageLevel::Partial)])),
                    missing: o.notes("missing"),
                }
            }),
            sources: o.list_req("sources", |w, v, at| {
                let o = obj(w, v, at);
                SourceDoc { file: o.string("file"), title: o.string("title"), title_en: o.maybe("title_en", string) }
            }),
            schemes: o.list("schemes", string),
            catalogue: o.one("catalogue", |w, v, at| {
                let o = obj(w, v, at);
                Catalogue {
                    published_total: o.opt_u32("published_total"),
                    partial: {
                        let p = o.req("partial");
                        p.as_bool().unwrap_or_else(|| {
                            w.expected(&o.path("partial"), "true or false", p);
                            false
                        })
                    },
                    source: o.source(),
                    diseases: o.list_req("diseases", disease),
                }
            }),
            default_track: o.maybe("default_track", track),
            checks: o.list("checks", check),
            materials: o.list("materials", material),
            upload: o.maybe("upload", |w, v, at| {
                let o = obj(w, v, at);
                UploadRules { types: o.strings("types"), max_bytes: o.maybe("max_bytes", |w, v, at| uint(w, v, at, u64::MAX)), source: o.source() }
            }),
            pools: o.list("pools", pool),
            outside: o.list("outside", |w, v, at| {
                let o = obj(w, v, at);
                Outside { expense: o.string("expense"), diseases: o.strings("diseases"), note: o.text("note"), source: o.source() }
            }),
            timeline: o.one("timeline", timeline),
            channels: o.list_req("channels", channel),
            questions: o.list("questions", question),
            notes: o.notes("notes"),
            cites: Default::default(),
        };
        match w.first.take() {
            Some(p) => Err(p),
            None => Ok(pack),
        }
    }
}
