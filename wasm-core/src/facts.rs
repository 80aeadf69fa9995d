//! The applicant's facts (contract v1 input). Every field is optional: a
//! missing fact is *unknown*, never assumed. [`Facts::from_json`] collects
//! every problem in one pass, each named by its field path.

use crate::date::Date;
use crate::idcard::{parse_id, IdNumber};
use crate::problem::{index, join, json_syntax, quote, type_name, Problem};
use crate::text::Str;
use crate::MATERIAL_IDS;
use serde_json::{Map, Value};

/// Money in integer fen (1 yuan = 100 fen).
pub type Fen = i64;

/// Largest amount accepted, in yuan (a sanity bound, not a policy figure).
pub const MAX_YUAN: f64 = 1e9;

/// True when the shortest decimal of `x` (0 <= x <= [`MAX_YUAN`]) has at
/// most 2 decimals: `x` is the f64 nearest to `round(x * 100) / 100`.
fn at_most_two_decimals(x: f64) -> bool {
    (x * 100.0).round() / 100.0 == x
}


#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub region: Option<String>,
    pub as_of: Option<Date>,
    pub applicant: Applicant,
    pub disease: Disease,
    pub diagnosis: Diagnosis,
    /// Papers the person has. Absent means none yet.
    pub documents: Vec<Document>,
    /// Present when someone files for the applicant (代办).
    pub proxy: Option<Proxy>,
    pub expenses: Option<Expenses>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// 职工医保
    Employee,
    /// 城乡居民医保
    Resident,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contribution {
    /// 正常缴费
    Normal,
    /// 暂停
    Suspended,
    /// 中断
    Lapsed,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applicant {
    pub id_number: Option<IdNumber>,
    pub scheme: Option<Scheme>,
    pub contribution: Option<Contribution>,
    pub arrears: Option<bool>,
    pub insured_in: Option<String>,
    pub hukou_local: Option<bool>,
    pub resides_locally: Option<bool>,
    pub remote_registered: Option<bool>,
    /// A person with a disability (残疾人), for who may file by proxy.
    pub disabled: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Disease {
    pub id: Option<String>,
    /// National M-code, e.g. `M03900` (unverified cross-reference).
    pub code: Option<String>,
    /// Grade or stage as a number (hypertension Ⅲ级 = 3).
    pub grade: Option<u8>,
    pub complications: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagnosis {
    pub hospital_level: Option<u8>,
    pub hospital_public: Option<bool>,
    pub hospital_designated: Option<bool>,
    pub date: Option<Date>,
    pub specialist: Option<bool>,
    /// The condition meets the disease's diagnostic criteria (符合病种诊断标准),
    /// as the diagnosing doctor says.
    pub meets_criteria: Option<bool>,
}

/// Which seal a paper carries (contract v1.1 `documents[].seal`): the same
/// kinds a pack's seal rule accepts.
pub use crate::pack::SealKind as Seal;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub kind: String,
    pub issued: Option<Date>,
    /// For a paper that records a period (an inpatient stay), its last day
    /// (the discharge date). Windows counted from the period use it.
    pub period_end: Option<Date>,
    pub sealed: Option<bool>,
    pub seal: Option<Seal>,
    pub states_stage: Option<bool>,
    pub signed: Option<bool>,
    pub hospital_level: Option<u8>,
    pub hospital_public: Option<bool>,
    pub hospital_designated: Option<bool>,
    pub file: Option<FileInfo>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileInfo {
    pub name: Option<String>,
    pub mime: Option<String>,
    pub size: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proxy {
    pub name: Option<String>,
    pub id_number: Option<IdNumber>,
    pub relationship: Option<String>,
    pub phone: Option<String>,
}

/// Expected yearly outpatient spending by kind, in fen. `None` = not given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expenses {
    pub drugs: Option<Fen>,
    pub exams: Option<Fen>,
    pub treatment: Option<Fen>,
    pub targeted_drugs: Option<Fen>,
    pub inpatient: Option<Fen>,
}

/// Expense kinds, in the order of the contract.
pub const EXPENSE_KINDS: [&str; 5] = ["drugs", "exams", "treatment", "targeted_drugs", "inpatient"];

impl Expenses {
    pub fn get(&self, kind: &str) -> Option<Fen> {
        match kind {
            "drugs" => self.drugs,
            "exams" => self.exams,
            "treatment" => self.treatment,
            "targeted_drugs" => self.targeted_drugs,
            "inpatient" => self.inpatient,
            _ => None,
        }
    }
    pub fn set(&mut self, kind: &str, v: Option<Fen>) {
        match kind {
            "drugs" => self.drugs = v,
            "exams" => self.exams = v,
            "treatment" => self.treatment = v,
            "targeted_drugs" => self.targeted_drugs = v,
            "inpatient" => self.inpatient = v,
            _ => {}
        }
    }
}

/// One fact's value, as the pack's rules see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FactValue<'a> {
    Unknown,
    Bool(bool),
    Int(i64),
    Str(&'a str),
}

/// How a fact's value is typed: what the reader accepts, what a rule or an
/// answer option may compare it with, and its TypeScript type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactType {
    /// `true` / `false`.
    Bool,
    /// A whole number from `lo` to `hi`.
    Int { lo: i64, hi: i64 },
    /// A disease grade: 1-4, or Ⅰ-Ⅳ / I-IV as a string.
    Grade,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// A region or disease id: lower-case letters, digits and `-`.
    Slug,
    /// An 18-character resident ID number (check digit verified).
    IdNumber,
    /// `YYYY-MM-DD`.
    Date,
}

impl FactType {
    /// The TypeScript type of the fact in `npm/contract.d.ts`.
    pub fn ts(self) -> String {
        match self {
            FactType::Bool => "boolean".into(),
            FactType::Int { lo, hi } if hi - lo <= 4 => (lo..=hi).map(|n| n.to_string()).collect::<Vec<_>>().join(" | "),
            FactType::Int { .. } | FactType::Grade => "number".into(),
            FactType::OneOf(vs) => vs.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(" | "),
            FactType::Slug | FactType::IdNumber => "string".into(),
            FactType::Date => "IsoDate".into(),
        }
    }

    /// Whether a JSON value (a rule's operand, an answer option's `set`)
    /// is a value of this type.
    pub fn admits(self, v: &Value) -> bool {
        match (self, v) {
            (FactType::Bool, Value::Bool(_)) => true,
            (FactType::Int { lo, hi }, Value::Number(n)) => n.as_i64().is_some_and(|n| n >= lo && n <= hi),
            (FactType::Grade, Value::Number(n)) => n.as_i64().is_some_and(|n| (1..=4).contains(&n)),
            (FactType::OneOf(vs), Value::String(s)) => vs.contains(&s.as_str()),
            (FactType::Slug, Value::String(s)) => is_region_id(s),
            (FactType::IdNumber, Value::String(s)) => parse_id(s).is_ok(),
            (FactType::Date, Value::String(s)) => Date::parse(s).is_some(),
            _ => false,
        }
    }
}

/// How a fact gets its value in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// By a question of the region's pack (a check that reads it needs one).
    Pack,
    /// On one of the app's own pages (region, who, the proxy's details).
    Page,
    /// Worked out by the core from other facts; never asked.
    Derived,
}

/// One fact the rules may read: the single table behind the reader, the
/// getter ([`Facts::get`]), pack validation (rule paths, questions, option
/// values) and the npm types (a test holds `npm/contract.d.ts` to it).
pub struct FactDef {
    /// The fact path, as rules, questions and `missing` name it.
    pub path: &'static str,
    pub ty: FactType,
    pub asked: Asked,
    /// The value as the rules see it.
    pub get: fn(&Facts) -> FactValue<'_>,
}

fn b(o: Option<bool>) -> FactValue<'static> {
    o.map_or(FactValue::Unknown, FactValue::Bool)
}
fn n(o: Option<u8>) -> FactValue<'static> {
    o.map_or(FactValue::Unknown, |n| FactValue::Int(n as i64))
}
fn s(o: Option<&str>) -> FactValue<'_> {
    o.map_or(FactValue::Unknown, FactValue::Str)
}

const SCHEMES: &[&str] = &["employee", "resident"];
const CONTRIBUTIONS: &[&str] = &["normal", "suspended", "lapsed"];

/// Every fact the rules and questions may name, in the contract's order.
/// `applicant.age` is derived (from `applicant.id_number` and `as_of`);
/// `proxy` is true when someone files for the applicant.
pub const FACTS: &[FactDef] = &[
    FactDef { path: "region", ty: FactType::Slug, asked: Asked::Page, get: |f| s(f.region.as_deref()) },
    FactDef { path: "applicant.id_number", ty: FactType::IdNumber, asked: Asked::Page, get: |f| s(f.applicant.id_number.as_ref().map(|n| n.number.as_str())) },
    FactDef {
        path: "applicant.scheme",
        ty: FactType::OneOf(SCHEMES),
        asked: Asked::Pack,
        get: |f| s(f.applicant.scheme.map(|x| SCHEMES[x as usize])),
    },
    FactDef {
        path: "applicant.contribution",
        ty: FactType::OneOf(CONTRIBUTIONS),
        asked: Asked::Pack,
        get: |f| s(f.applicant.contribution.map(|x| CONTRIBUTIONS[x as usize])),
    },
    FactDef { path: "applicant.arrears", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.applicant.arrears) },
    FactDef { path: "applicant.insured_in", ty: FactType::Slug, asked: Asked::Pack, get: |f| s(f.applicant.insured_in.as_deref()) },
    FactDef { path: "applicant.hukou_local", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.applicant.hukou_local) },
    FactDef { path: "applicant.resides_locally", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.applicant.resides_locally) },
    FactDef { path: "applicant.remote_registered", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.applicant.remote_registered) },
    FactDef { path: "applicant.disabled", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.applicant.disabled) },
    FactDef {
        path: "applicant.age",
        ty: FactType::Int { lo: 0, hi: 150 },
        asked: Asked::Derived,
        get: |f| match (&f.applicant.id_number, f.as_of) {
            (Some(id), Some(on)) => FactValue::Int(id.birth.years_until(on) as i64),
            _ => FactValue::Unknown,
        },
    },
    FactDef { path: "disease.id", ty: FactType::Slug, asked: Asked::Pack, get: |f| s(f.disease.id.as_deref()) },
    FactDef { path: "disease.grade", ty: FactType::Grade, asked: Asked::Pack, get: |f| n(f.disease.grade) },
    FactDef { path: "disease.complications", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.disease.complications) },
    FactDef { path: "diagnosis.hospital_level", ty: FactType::Int { lo: 1, hi: 3 }, asked: Asked::Pack, get: |f| n(f.diagnosis.hospital_level) },
    FactDef { path: "diagnosis.hospital_public", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.diagnosis.hospital_public) },
    FactDef { path: "diagnosis.hospital_designated", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.diagnosis.hospital_designated) },
    FactDef { path: "diagnosis.specialist", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.diagnosis.specialist) },
    FactDef { path: "diagnosis.meets_criteria", ty: FactType::Bool, asked: Asked::Pack, get: |f| b(f.diagnosis.meets_criteria) },
    FactDef { path: "proxy", ty: FactType::Bool, asked: Asked::Page, get: |f| FactValue::Bool(f.proxy.is_some()) },
];

/// The table row of a fact path.
pub fn fact(path: &str) -> Option<&'static FactDef> {
    FACTS.iter().find(|d| d.path == path)
}

/// A fact path as a pack's rule holds it: the table's own `&'static str`
/// when the path is in [`FACTS`] (no reference count to touch when a result
/// repeats it), else the text as given (which pack validation reports as
/// unknown).
pub fn fact_path(path: &str) -> Str {
    fact(path).map_or_else(|| Str::shared(path), |d| Str::lit(d.path))
}

/// The fact paths of [`FACTS`], for messages.
pub fn fact_paths() -> Vec<&'static str> {
    FACTS.iter().map(|d| d.path).collect()
}

impl Facts {
    /// Parses contract-v1 facts from JSON text, collecting every problem.
    pub fn from_json(s: &str) -> Result<Facts, Vec<Problem>> {
        let v: Value = serde_json::from_str(s).map_err(|e| vec![json_syntax(&e)])?;
        Facts::from_value(&v)
    }

    /// Parses facts from a JSON value, collecting every problem. Unknown
    /// fields are ignored (the contract lets fields be added); `null` is
    /// the same as absent.
    pub fn from_value(v: &Value) -> Result<Facts, Vec<Problem>> {
        let mut r = Reader { p: Vec::new() };
        let f = r.facts(v);
        if r.p.is_empty() {
            Ok(f)
        } else {
            Err(r.p)
        }
    }

    /// The value of a fact by its path (see [`FACTS`]); `Unknown` for a
    /// path not in the table.
    pub fn get(&self, path: &str) -> FactValue<'_> {
        fact(path).map_or(FactValue::Unknown, |d| (d.get)(self))
    }
}

struct Reader {
    p: Vec<Problem>,
}

fn is_region_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

impl Reader {
    fn err(&mut self, path: &str, msg: impl Into<String>) {
        self.p.push(Problem::new(path, msg));
    }

    fn obj<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            Value::Null => None,
            other => {
                self.err(path, format!("expected an object, got {}", type_name(other)));
                None
            }
        }
    }

    fn field<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
        match m.get(k) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn boolean(&mut self, m: &Map<String, Value>, parent: &str, k: &str) -> Option<bool> {
        let v = Self::field(m, k)?;
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.err(&join(parent, k), format!("expected true or false, got {}", quote(other)));
                None
            }
        }
    }

    fn string(&mut self, m: &Map<String, Value>, parent: &str, k: &str) -> Option<String> {
        let v = Self::field(m, k)?;
        match v {
            Value::String(s) if s.len() <= 1000 => Some(s.clone()),
            Value::String(_) => {
                self.err(&join(parent, k), "is longer than 1000 bytes");
                None
            }
            other => {
                self.err(&join(parent, k), format!("expected a string, got {}", quote(other)));
                None
            }
        }
    }

    fn date(&mut self, m: &Map<String, Value>, parent: &str, k: &str) -> Option<Date> {
        let v = Self::field(m, k)?;
        match v.as_str().and_then(Date::parse) {
            Some(d) => Some(d),
            None => {
                self.err(&join(parent, k), format!("{} is not a date (YYYY-MM-DD)", quote(v)));
                None
            }
        }
    }

    fn one_of<T: Copy>(&mut self, m: &Map<String, Value>, parent: &str, k: &str, opts: &[(&str, T)]) -> Option<T> {
        let v = Self::field(m, k)?;
        if let Some(s) = v.as_str() {
            if let Some((_, t)) = opts.iter().find(|(n, _)| *n == s) {
                return Some(*t);
            }
        }
        let names: Vec<String> = opts.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        self.err(&join(parent, k), format!("{} is not one of {}", quote(v), names.join(", ")));
        None
    }

    fn int_in(&mut self, m: &Map<String, Value>, parent: &str, k: &str, lo: i64, hi: i64) -> Option<i64> {
        let v = Self::field(m, k)?;
        let n = v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64));
        match n {
            Some(n) if n >= lo && n <= hi => Some(n),
            _ => {
                self.err(&join(parent, k), format!("{} is not a whole number from {lo} to {hi}", quote(v)));
                None
            }
        }
    }

    fn id_number(&mut self, m: &Map<String, Value>, parent: &str, k: &str, as_of: Option<Date>) -> Option<IdNumber> {
        let s = self.string(m, parent, k)?;
        match parse_id(&s) {
            Ok(id) => {
                if let Some(a) = as_of {
                    if id.birth > a {
                        self.err(&join(parent, k), format!("birth date {} is after as_of {a}", id.birth));
                        return None;
                    }
                }
                Some(id)
            }
            Err(e) => {
                self.err(&join(parent, k), e.to_string());
                None
            }
        }
    }

    /// An amount in yuan: a JSON number, not negative, at most 2 decimals.
    fn amount(&mut self, m: &Map<String, Value>, parent: &str, k: &str) -> Option<Fen> {
        let v = Self::field(m, k)?;
        let path = join(parent, k);
        let Some(x) = v.as_f64() else {
            self.err(&path, format!("expected an amount in yuan (a number), got {}", quote(v)));
            return None;
        };
        if !x.is_finite() {
            self.err(&path, format!("{} is not a finite number", quote(v)));
            return None;
        }
        if x < 0.0 {
            self.err(&path, format!("{} is negative", quote(v)));
            return None;
        }
        if x > MAX_YUAN {
            // MAX_YUAN written out: no f64 formatter in the app's wasm for it.
            self.err(&path, format!("{} is more than 1000000000 yuan", quote(v)));
            return None;
        }
        // The shortest decimal that reads back as the same f64 is what the
        // JSON said (up to 17 significant digits): at most 2 decimals, so
        // 0.1 + 0.2 = 0.30000000000000004 is rejected, 0.30 is not. That is
        // the same as: the f64 nearest to a whole number of fen is `x`
        // (exact for 0 <= x <= MAX_YUAN; `two_decimals_matches_display`
        // checks it against `format!("{x}")`, which would bring the f64
        // formatter into the app's wasm).
        if !at_most_two_decimals(x) {
            self.err(&path, format!("{} has more than 2 decimals", quote(v)));
            return None;
        }
        let r = (x * 100.0).round();
        Some(r as Fen)
    }

    /// Reads one fact of the table by its path from its parent object, by
    /// its [`FactType`]: the table says what is accepted, the problem names
    /// the path and quotes the value. `None` when absent (or wrong).
    fn scalar(&mut self, m: &Map<String, Value>, path: &str) -> Option<Value> {
        let d = fact(path)?;
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        let v = Self::field(m, key)?;
        match d.ty {
            FactType::Bool => self.boolean(m, parent, key).map(Value::Bool),
            FactType::Int { lo, hi } => self.int_in(m, parent, key, lo, hi).map(Value::from),
            FactType::OneOf(vs) => {
                let opts: Vec<(&str, &str)> = vs.iter().map(|s| (*s, *s)).collect();
                self.one_of(m, parent, key, &opts).map(Value::from)
            }
            FactType::Grade => {
                let g = match v {
                    Value::Number(_) => v.as_f64().filter(|f| f.fract() == 0.0 && (1.0..=4.0).contains(f)).map(|f| f as i64),
                    Value::String(s) => match s.trim() {
                        "1" | "I" | "Ⅰ" | "i" => Some(1),
                        "2" | "II" | "Ⅱ" | "ii" => Some(2),
                        "3" | "III" | "Ⅲ" | "iii" => Some(3),
                        "4" | "IV" | "Ⅳ" | "iv" => Some(4),
                        _ => None,
                    },
                    _ => None,
                };
                if g.is_none() {
                    self.err(path, format!("{} is not a grade from 1 to 4 (or Ⅰ-Ⅳ)", quote(v)));
                }
                g.map(Value::from)
            }
            FactType::Slug => {
                let s = self.string(m, parent, key)?;
                if is_region_id(&s) {
                    return Some(Value::String(s));
                }
                let what = match path {
                    "region" => "a region id (lower-case letters, digits and -)",
                    "disease.id" => "a disease id such as \"hypertension\"",
                    _ => "a region id such as \"shanxi-linfen\"",
                };
                self.err(path, format!("{} is not {what}", quote(&Value::String(s))));
                None
            }
            FactType::IdNumber | FactType::Date => None,
        }
    }

    fn bool_fact(&mut self, m: &Map<String, Value>, path: &str) -> Option<bool> {
        self.scalar(m, path).and_then(|v| v.as_bool())
    }

    fn small_fact(&mut self, m: &Map<String, Value>, path: &str) -> Option<u8> {
        self.scalar(m, path).and_then(|v| v.as_u64()).map(|n| n as u8)
    }

    fn str_fact(&mut self, m: &Map<String, Value>, path: &str) -> Option<String> {
        self.scalar(m, path).and_then(|v| v.as_str().map(String::from))
    }

    fn facts(&mut self, v: &Value) -> Facts {
        let mut f = Facts::default();
        let Value::Object(m) = v else {
            self.err("$", format!("expected a JSON object of facts, got {}", type_name(v)));
            return f;
        };
        f.region = self.str_fact(m, "region");
        f.as_of = self.date(m, "", "as_of");
        if let Some(a) = Self::field(m, "applicant") {
            if let Some(a) = self.obj(a, "applicant") {
                f.applicant = self.applicant(a, f.as_of);
            }
        }
        if let Some(d) = Self::field(m, "disease") {
            if let Some(d) = self.obj(d, "disease") {
                f.disease = self.disease(d);
            }
        }
        if let Some(d) = Self::field(m, "diagnosis") {
            if let Some(d) = self.obj(d, "diagnosis") {
                f.diagnosis = Diagnosis {
                    hospital_level: self.small_fact(d, "diagnosis.hospital_level"),
                    hospital_public: self.bool_fact(d, "diagnosis.hospital_public"),
                    hospital_designated: self.bool_fact(d, "diagnosis.hospital_designated"),
                    date: self.date(d, "diagnosis", "date"),
                    specialist: self.bool_fact(d, "diagnosis.specialist"),
                    meets_criteria: self.bool_fact(d, "diagnosis.meets_criteria"),
                };
            }
        }
        if let Some(docs) = Self::field(m, "documents") {
            match docs {
                Value::Array(list) => {
                    for (i, d) in list.iter().enumerate() {
                        let p = index("documents", i);
                        if let Some(d) = self.obj(d, &p) {
                            if let Some(doc) = self.document(d, &p) {
                                f.documents.push(doc);
                            }
                        } else if d.is_null() {
                            self.err(&p, "expected an object, got null");
                        }
                    }
                }
                other => self.err("documents", format!("expected an array, got {}", type_name(other))),
            }
        }
        if let Some(p) = Self::field(m, "proxy") {
            if let Some(p) = self.obj(p, "proxy") {
                f.proxy = Some(Proxy {
                    name: self.string(p, "proxy", "name"),
                    id_number: self.id_number(p, "proxy", "id_number", f.as_of),
                    relationship: self.string(p, "proxy", "relationship"),
                    phone: self.string(p, "proxy", "phone"),
                });
            }
        }
        if let Some(e) = Self::field(m, "expenses") {
            if let Some(e) = self.obj(e, "expenses") {
                let mut ex = Expenses::default();
                for k in EXPENSE_KINDS {
                    let v = self.amount(e, "expenses", k);
                    ex.set(k, v);
                }
                f.expenses = Some(ex);
            }
        }
        f
    }

    fn applicant(&mut self, a: &Map<String, Value>, as_of: Option<Date>) -> Applicant {
        let pick = |v: Option<String>, all: &[&str]| v.and_then(|v| all.iter().position(|x| *x == v));
        let scheme = self.str_fact(a, "applicant.scheme");
        let contribution = self.str_fact(a, "applicant.contribution");
        Applicant {
            id_number: self.id_number(a, "applicant", "id_number", as_of),
            scheme: pick(scheme, SCHEMES).map(|i| [Scheme::Employee, Scheme::Resident][i]),
            contribution: pick(contribution, CONTRIBUTIONS).map(|i| [Contribution::Normal, Contribution::Suspended, Contribution::Lapsed][i]),
            arrears: self.bool_fact(a, "applicant.arrears"),
            insured_in: self.str_fact(a, "applicant.insured_in"),
            hukou_local: self.bool_fact(a, "applicant.hukou_local"),
            resides_locally: self.bool_fact(a, "applicant.resides_locally"),
            remote_registered: self.bool_fact(a, "applicant.remote_registered"),
            disabled: self.bool_fact(a, "applicant.disabled"),
        }
    }

    fn disease(&mut self, d: &Map<String, Value>) -> Disease {
        let code = self.string(d, "disease", "code").and_then(|s| {
            let ok = s.len() == 6 && s.as_bytes()[0].eq_ignore_ascii_case(&b'M') && s[1..].bytes().all(|c| c.is_ascii_digit());
            if ok {
                Some(s.to_ascii_uppercase())
            } else {
                self.err("disease.code", format!("{} is not an M-code such as \"M03900\"", quote(&Value::String(s))));
                None
            }
        });
        Disease {
            id: self.str_fact(d, "disease.id"),
            code,
            grade: self.small_fact(d, "disease.grade"),
            complications: self.bool_fact(d, "disease.complications"),
        }
    }

    fn document(&mut self, d: &Map<String, Value>, p: &str) -> Option<Document> {
        let kind = match Self::field(d, "kind") {
            None => {
                self.err(&join(p, "kind"), format!("required: one of {}", MATERIAL_IDS.join(", ")));
                None
            }
            Some(Value::String(s)) if MATERIAL_IDS.contains(&s.as_str()) => Some(s.clone()),
            Some(v) => {
                self.err(&join(p, "kind"), format!("{} is not a material id; known: {}", quote(v), MATERIAL_IDS.join(", ")));
                None
            }
        };
        let seal = self.one_of(
            d,
            p,
            "seal",
            &[
                ("hospital", Seal::Hospital),
                ("department", Seal::Department),
                ("medical_records_room", Seal::MedicalRecordsRoom),
                ("other", Seal::Other),
            ],
        );
        let file = match Self::field(d, "file") {
            None => None,
            Some(fv) => {
                let fp = join(p, "file");
                self.obj(fv, &fp).map(|fm| FileInfo {
                    name: self.string(fm, &fp, "name"),
                    mime: self.string(fm, &fp, "type").map(|s| s.to_ascii_lowercase()),
                    size: self.int_in(fm, &fp, "size", 0, i64::MAX).map(|n| n as u64),
                })
            }
        };
        let doc = Document {
            kind: kind.clone().unwrap_or_default(),
            issued: self.date(d, p, "issued"),
            period_end: self.date(d, p, "period_end"),
            sealed: self.boolean(d, p, "sealed"),
            seal,
            states_stage: self.boolean(d, p, "states_stage"),
            signed: self.boolean(d, p, "signed"),
            hospital_level: self.int_in(d, p, "hospital_level", 1, 3).map(|n| n as u8),
            hospital_public: self.boolean(d, p, "hospital_public"),
            hospital_designated: self.boolean(d, p, "hospital_designated"),
            file,
        };
        kind.map(|_| doc)
    }
}

/// Sets one fact in a facts JSON document by its path (`applicant.hukou_local`),
/// creating the parent objects as needed. This is how an interview answer
/// (a question option's `set`) is applied before parsing again with
/// [`Facts::from_value`]. A non-object in the way is replaced.
pub fn set_fact(facts: &mut Value, path: &str, value: Value) {
    if !facts.is_object() {
        *facts = Value::Object(Map::new());
    }
    let mut cur = facts;
    let mut parts = path.split('.').peekable();
    while let Some(p) = parts.next() {
        let Value::Object(m) = cur else { return };
        if parts.peek().is_none() {
            m.insert(p.to_string(), value);
            return;
        }
        let next = m.entry(p.to_string()).or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        cur = next;
    }
}

/// Applies every fact an answer option sets (see [`crate::pack::AnswerOption`]).
pub fn apply_answer(facts: &mut Value, set: &Map<String, Value>) {
    for (k, v) in set {
        set_fact(facts, k, v.clone());
    }
}

#[cfg(test)]
mod two_decimals {
    use super::{at_most_two_decimals, MAX_YUAN};

    fn by_display(x: f64) -> bool {
        format!("{x}").split('.').nth(1).is_none_or(|d| d.len() <= 2)
    }

    #[test]
    fn two_decimals_matches_display() {
        let mut next = crate::testrand::xorshift();
        let mut xs = vec![0.0, 0.01, 0.1, 0.3, 0.1 + 0.2, 0.005, 1e-7, 12.345, 999_999_999.99, 999_999_999.995, MAX_YUAN, 0.07, 1.005, 8.675];
        for _ in 0..200_000 {
            let r = next();
            xs.push(match r % 4 {
                // whole fen, any size up to the limit
                0 => (r >> 8) as f64 % 100_000_000_001.0 / 100.0,
                // thousandths and beyond
                1 => (r >> 8) as f64 % 1_000_000_000_001.0 / 1000.0,
                // any f64 in range (random bits of the fraction)
                2 => f64::from_bits(0x3ff0_0000_0000_0000 | (r >> 12)) * ((r % 1_000_000_000) as f64),
                // near a fen boundary
                _ => ((r >> 8) % 100_000_000_001) as f64 / 100.0 + [1e-9, -1e-9, 5e-3, 1e-12][(r >> 60) as usize % 4],
            });
        }
        for x in xs.into_iter().filter(|x| (0.0..=MAX_YUAN).contains(x)) {
            assert_eq!(at_most_two_decimals(x), by_display(x), "{x}");
        }
    }
}
