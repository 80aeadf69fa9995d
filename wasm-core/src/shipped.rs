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
//! names, schema 1) and stops at the first problem, named by its path; it
//! does not check the meaning. A pack from anywhere else (a portal's own
//! copy under `packBase`) should be checked with `mantetong validate` or the
//! npm package's `validatePack` before it is served.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::pack::*;
use crate::problem::{index, join, json_syntax, quote, type_name, Problem};

type R<T> = Result<T, Problem>;

#[inline(never)]
fn expected(at: &str, what: &str, v: &Value) -> Problem {
    Problem::new(at, format!("expected {what}, got {}", type_name(v)))
}

/// An object being read, with its path for messages.
struct O<'a> {
    m: &'a Map<String, Value>,
    at: &'a str,
}

#[inline(never)]
fn obj<'a>(v: &'a Value, at: &'a str) -> R<O<'a>> {
    v.as_object().map(|m| O { m, at }).ok_or_else(|| expected(at, "an object", v))
}

#[inline(never)]
fn string(v: &Value, at: &str) -> R<String> {
    v.as_str().map(String::from).ok_or_else(|| expected(at, "a string", v))
}

#[inline(never)]
fn uint(v: &Value, at: &str, max: u64) -> R<u64> {
    v.as_u64().filter(|n| *n <= max).ok_or_else(|| expected(at, &format!("a whole number from 0 to {max}"), v))
}

#[inline(never)]
fn text(v: &Value, at: &str) -> R<Text> {
    let o = obj(v, at)?;
    Ok(Text { zh: o.string("zh")?, en: o.string("en")? })
}

impl<'a> O<'a> {
    fn path(&self, k: &str) -> String {
        join(self.at, k)
    }
    /// The field, or `None` when it is absent or null.
    fn opt(&self, k: &str) -> Option<&'a Value> {
        self.m.get(k).filter(|v| !v.is_null())
    }
    #[inline(never)]
    fn req(&self, k: &str) -> R<&'a Value> {
        self.m.get(k).ok_or_else(|| Problem::new(self.at, format!("missing field `{k}`")))
    }
    /// `f` on the field when present and not null.
    fn maybe<T>(&self, k: &str, f: fn(&Value, &str) -> R<T>) -> R<Option<T>> {
        self.opt(k).map(|v| f(v, &self.path(k))).transpose()
    }
    fn one<T>(&self, k: &str, f: fn(&Value, &str) -> R<T>) -> R<T> {
        f(self.req(k)?, &self.path(k))
    }
    #[inline(never)]
    fn string(&self, k: &str) -> R<String> {
        self.one(k, string)
    }
    #[inline(never)]
    fn source(&self) -> R<String> {
        self.string("source")
    }
    #[inline(never)]
    fn text(&self, k: &str) -> R<Text> {
        self.one(k, text)
    }
    #[inline(never)]
    fn u32(&self, k: &str) -> R<u32> {
        Ok(uint(self.req(k)?, &self.path(k), u32::MAX as u64)? as u32)
    }
    #[inline(never)]
    fn opt_u32(&self, k: &str) -> R<Option<u32>> {
        Ok(self.maybe(k, |v, at| uint(v, at, u32::MAX as u64))?.map(|n| n as u32))
    }
    #[inline(never)]
    fn opt_f64(&self, k: &str) -> R<Option<f64>> {
        self.maybe(k, |v, at| v.as_f64().ok_or_else(|| expected(at, "a number", v)))
    }
    #[inline(never)]
    fn flag(&self, k: &str) -> R<bool> {
        Ok(self.maybe(k, |v, at| v.as_bool().ok_or_else(|| expected(at, "true or false", v)))?.unwrap_or(false))
    }
    /// A list (absent or null: empty), each element read by `f`.
    fn list<T>(&self, k: &str, f: fn(&Value, &str) -> R<T>) -> R<Vec<T>> {
        match self.opt(k) {
            Some(v) => list(v, &self.path(k), f),
            None => Ok(Vec::new()),
        }
    }
    fn list_req<T>(&self, k: &str, f: fn(&Value, &str) -> R<T>) -> R<Vec<T>> {
        list(self.req(k)?, &self.path(k), f)
    }
    #[inline(never)]
    fn notes(&self, k: &str) -> R<Vec<Note>> {
        self.list(k, note)
    }
}

fn list<T>(v: &Value, at: &str, f: fn(&Value, &str) -> R<T>) -> R<Vec<T>> {
    let items = v.as_array().ok_or_else(|| expected(at, "a list", v))?;
    // A plain loop: `collect::<Result<Vec<_>>>` instantiates an adapter per type.
    let mut out = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        out.push(f(it, &index(at, i))?);
    }
    Ok(out)
}

fn strings(v: &Value, at: &str) -> R<Vec<String>> {
    list(v, at, string)
}

/// A name from a fixed set (an enum's snake_case variants).
fn variant<T: Copy>(v: &Value, at: &str, names: &[(&str, T)]) -> R<T> {
    let s = v.as_str().ok_or_else(|| expected(at, "a string", v))?;
    names.iter().find(|(n, _)| *n == s).map(|(_, t)| *t).ok_or_else(|| Problem::new(at, format!("unknown variant {}", quote(v))))
}

fn track(v: &Value, at: &str) -> R<Track> {
    use Track::*;
    variant(v, at, &[("instant", Instant), ("centralized", Centralized), ("expert_review", ExpertReview), ("offline", Offline)])
}

fn seal_kind(v: &Value, at: &str) -> R<SealKind> {
    use SealKind::*;
    variant(v, at, &[("hospital", Hospital), ("department", Department), ("medical_records_room", MedicalRecordsRoom), ("other", Other)])
}

fn note(v: &Value, at: &str) -> R<Note> {
    let o = obj(v, at)?;
    Ok(Note { zh: o.string("zh")?, en: o.string("en")?, source: o.source()?, when: o.maybe("when", rule)? })
}

fn rule(v: &Value, at: &str) -> R<Rule> {
    let Some((k, b)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.iter().next()) else {
        return Err(expected(at, "a rule (an object with one key)", v));
    };
    let at = &join(at, k);
    let rules = |b: &Value| list(b, at, rule);
    Ok(match k.as_str() {
        "eq" => {
            let o = obj(b, at)?;
            Rule::Eq { fact: o.string("fact")?, value: o.req("value")?.clone() }
        }
        "in" => {
            let o = obj(b, at)?;
            Rule::In { fact: o.string("fact")?, values: o.list_req("values", |v, _| Ok(v.clone()))? }
        }
        "at_least" => {
            let o = obj(b, at)?;
            let value = o.req("value")?;
            Rule::AtLeast { fact: o.string("fact")?, value: value.as_i64().ok_or_else(|| expected(&o.path("value"), "a whole number", value))? }
        }
        "prefix" => {
            let o = obj(b, at)?;
            Rule::Prefix { fact: o.string("fact")?, values: o.one("values", strings)? }
        }
        "any" => Rule::Any(rules(b)?),
        "all" => Rule::All(rules(b)?),
        "not" => Rule::Not(Box::new(rule(b, at)?)),
        "disease_listed" => Rule::DiseaseListed {},
        "disease_qualifier" => Rule::DiseaseQualifier {},
        "policy_unknown" => Rule::PolicyUnknown {},
        "given" => {
            let o = obj(b, at)?;
            Rule::Given { fact: o.string("fact")?, then: Box::new(o.one("then", rule)?), otherwise: Box::new(o.one("otherwise", rule)?) }
        }
        _ => return Err(Problem::new(at.as_str(), format!("unknown rule \"{k}\""))),
    })
}

fn disease(v: &Value, at: &str) -> R<DiseaseDef> {
    let o = obj(v, at)?;
    Ok(DiseaseDef {
        id: o.string("id")?,
        name: o.text("name")?,
        m_code: o.maybe("m_code", string)?,
        qualifier: o.maybe("qualifier", rule)?,
        qualifier_text: o.maybe("qualifier_text", text)?,
        track: o.maybe("track", track)?,
        source: o.source()?,
    })
}

fn check(v: &Value, at: &str) -> R<CheckDef> {
    let o = obj(v, at)?;
    Ok(CheckDef {
        id: o.string("id")?,
        rule: o.one("rule", rule)?,
        pass: o.text("pass")?,
        fail: o.text("fail")?,
        unknown: o.text("unknown")?,
        silent: o.maybe("silent", text)?,
        source: o.source()?,
        diseases: o.maybe("diseases", strings)?,
    })
}

fn material(v: &Value, at: &str) -> R<MaterialDef> {
    let o = obj(v, at)?;
    Ok(MaterialDef {
        id: o.string("id")?,
        name: o.text("name")?,
        need: o.one("need", |v, at| {
            variant(v, at, &[("required", Need::Required), ("usually", Need::Usually), ("may_be_required", Need::MayBeRequired)])
        })?,
        when: o.maybe("when", rule)?,
        diseases: o.maybe("diseases", strings)?,
        detail: o.maybe("detail", text)?,
        window: o.maybe("window", |v, at| {
            let o = obj(v, at)?;
            Ok(Window {
                months: o.u32("months")?,
                counts_from: o
                    .maybe("counts_from", |v, at| variant(v, at, &[("issued", WindowFrom::Issued), ("period_end", WindowFrom::PeriodEnd)]))?
                    .unwrap_or_default(),
                source: o.source()?,
            })
        })?,
        seal: o.maybe("seal", |v, at| {
            let o = obj(v, at)?;
            Ok(SealRule { kind: o.one("kind", seal_kind)?, accepts: o.list("accepts", seal_kind)?, source: o.source()? })
        })?,
        states_stage: o.maybe("states_stage", |v, at| Ok(Sourced { source: obj(v, at)?.source()? }))?,
        signed: o.maybe("signed", |v, at| {
            let o = obj(v, at)?;
            Ok(SignedRule { by: o.maybe("by", text)?, source: o.source()? })
        })?,
        hospital: o.maybe("hospital", |v, at| {
            let o = obj(v, at)?;
            Ok(HospitalRule {
                min_level: uint(o.req("min_level")?, &o.path("min_level"), u8::MAX as u64)? as u8,
                public: o.flag("public")?,
                designated: o.flag("designated")?,
                source: o.source()?,
            })
        })?,
        source: o.source()?,
    })
}

fn pool(v: &Value, at: &str) -> R<Pool> {
    let o = obj(v, at)?;
    Ok(Pool {
        id: o.string("id")?,
        name: o.text("name")?,
        diseases: o.one("diseases", strings)?,
        covers: o.one("covers", strings)?,
        annual_cap: o.opt_f64("annual_cap")?,
        ratio: o.opt_f64("ratio")?,
        ratio_kind: o.one("ratio_kind", |v, at| {
            variant(v, at, &[("exact", RatioKind::Exact), ("floor", RatioKind::Floor), ("unpublished", RatioKind::Unpublished)])
        })?,
        source: o.source()?,
        notes: o.notes("notes")?,
    })
}

fn timeline(v: &Value, at: &str) -> R<TimelineDef> {
    let o = obj(v, at)?;
    Ok(TimelineDef {
        tracks: o.list("tracks", |v, at| {
            let o = obj(v, at)?;
            Ok(TrackTiming {
                track: o.one("track", track)?,
                pre_review_working_days: o.opt_u32("pre_review_working_days")?,
                decision_working_days: o.opt_u32("decision_working_days")?,
                effective_next_day: o.flag("effective_next_day")?,
                resubmit_working_days: o.opt_u32("resubmit_working_days")?,
                batch: o.maybe("batch", |v, at| {
                    let o = obj(v, at)?;
                    Ok(Batch { every_months: o.u32("every_months")?, source: o.source()? })
                })?,
                source: o.source()?,
                notes: o.notes("notes")?,
            })
        })?,
        renewal: o.list("renewal", |v, at| {
            let o = obj(v, at)?;
            Ok(Renewal {
                diseases: o.one("diseases", strings)?,
                years: o.u32("years")?,
                kind: o
                    .maybe("kind", |v, at| variant(v, at, &[("automatic", RenewalKind::Automatic), ("resubmit", RenewalKind::Resubmit)]))?
                    .unwrap_or_default(),
                note: o.text("note")?,
                source: o.source()?,
            })
        })?,
        notes: o.notes("notes")?,
    })
}

fn channel(v: &Value, at: &str) -> R<Channel> {
    let o = obj(v, at)?;
    Ok(Channel {
        kind: o.one("kind", |v, at| {
            variant(v, at, &[("official_app", ChannelKind::OfficialApp), ("online", ChannelKind::Online), ("paper", ChannelKind::Paper)])
        })?,
        name: o.text("name")?,
        instructions: o.text("instructions")?,
        endpoint: o.maybe("endpoint", string)?,
        receiver: o.maybe("receiver", text)?,
        source: o.source()?,
    })
}

fn question(v: &Value, at: &str) -> R<QuestionDef> {
    use AnswerKind::*;
    let o = obj(v, at)?;
    Ok(QuestionDef {
        id: o.string("id")?,
        facts: o.one("facts", strings)?,
        kind: o.one("kind", |v, at| {
            variant(v, at, &[("yes_no", YesNo), ("one_of", OneOf), ("date", Date), ("number", Number), ("grade", Grade)])
        })?,
        text: o.text("text")?,
        why: o.text("why")?,
        proxy: o.maybe("proxy", |v, at| {
            let o = obj(v, at)?;
            let mut labels = BTreeMap::new();
            if let Some(l) = o.opt("labels") {
                let at = o.path("labels");
                for (k, t) in obj(l, &at)?.m {
                    labels.insert(k.clone(), text(t, &join(&at, k))?);
                }
            }
            Ok(ProxyForm { text: o.text("text")?, why: o.maybe("why", text)?, labels })
        })?,
        source: o.source()?,
        options: o.list("options", |v, at| {
            let o = obj(v, at)?;
            Ok(AnswerOption {
                id: o.string("id")?,
                label: o.text("label")?,
                set: o.one("set", |v, at| Ok(obj(v, at)?.m.clone()))?,
            })
        })?,
    })
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
        let o = obj(v, "$")?;
        let schema = o.u32("schema")?;
        if schema != SCHEMA {
            return Err(Problem::new("schema", format!("this app reads packs of schema {SCHEMA}, not {schema}")));
        }
        Ok(Pack {
            schema,
            id: o.string("id")?,
            version: o.string("version")?,
            name: o.text("name")?,
            policy_year: {
                let y = o.req("policy_year")?;
                y.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(|| expected("policy_year", "a year", y))?
            },
            effective: o.one("effective", |v, at| {
                let o = obj(v, at)?;
                Ok(Effective { from: o.string("from")?, to: o.maybe("to", string)?, source: o.source()? })
            })?,
            coverage: o.one("coverage", |v, at| {
                let o = obj(v, at)?;
                Ok(Coverage {
                    level: o.one("level", |v, at| variant(v, at, &[("full", CoverageLevel::Full), ("partial", CoverageLevel::Partial)]))?,
                    missing: o.notes("missing")?,
                })
            })?,
            sources: o.list_req("sources", |v, at| {
                let o = obj(v, at)?;
                Ok(SourceDoc { file: o.string("file")?, title: o.string("title")?, title_en: o.maybe("title_en", string)? })
            })?,
            schemes: o.list("schemes", string)?,
            catalogue: o.one("catalogue", |v, at| {
                let o = obj(v, at)?;
                Ok(Catalogue {
                    published_total: o.opt_u32("published_total")?,
                    partial: {
                        let p = o.req("partial")?;
                        p.as_bool().ok_or_else(|| expected(&o.path("partial"), "true or false", p))?
                    },
                    source: o.source()?,
                    diseases: o.list_req("diseases", disease)?,
                })
            })?,
            default_track: o.maybe("default_track", track)?,
            checks: o.list("checks", check)?,
            materials: o.list("materials", material)?,
            upload: o.maybe("upload", |v, at| {
                let o = obj(v, at)?;
                Ok(UploadRules {
                    types: o.one("types", strings)?,
                    max_bytes: o.maybe("max_bytes", |v, at| uint(v, at, u64::MAX))?,
                    source: o.source()?,
                })
            })?,
            pools: o.list("pools", pool)?,
            outside: o.list("outside", |v, at| {
                let o = obj(v, at)?;
                Ok(Outside { expense: o.string("expense")?, diseases: o.one("diseases", strings)?, note: o.text("note")?, source: o.source()? })
            })?,
            timeline: o.one("timeline", timeline)?,
            channels: o.list_req("channels", channel)?,
            questions: o.list("questions", question)?,
            notes: o.notes("notes")?,
        })
    }
}
