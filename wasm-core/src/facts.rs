//! The applicant's facts (contract v1 input). Every field is optional: a
//! missing fact is *unknown*, never assumed. [`Facts::from_json`] collects
//! every problem in one pass, each named by its field path.

use crate::date::Date;
use crate::idcard::{parse_id, IdNumber};
use crate::problem::{index, join, json_syntax, quote, type_name, Problem};
use crate::MATERIAL_IDS;
use serde_json::{Map, Value};

/// Money in integer fen (1 yuan = 100 fen).
pub type Fen = i64;

/// Largest amount accepted, in yuan (a sanity bound, not a policy figure).
pub const MAX_YUAN: f64 = 1e9;

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

/// Fact paths the rules and questions may name. `applicant.age` is derived
/// (from `applicant.id_number` and `as_of`); `proxy` is true when someone
/// files for the applicant.
pub const FACT_PATHS: [&str; 21] = [
    "region",
    "as_of",
    "applicant.id_number",
    "applicant.scheme",
    "applicant.contribution",
    "applicant.arrears",
    "applicant.insured_in",
    "applicant.hukou_local",
    "applicant.resides_locally",
    "applicant.remote_registered",
    "disease.id",
    "disease.grade",
    "disease.complications",
    "diagnosis.hospital_level",
    "diagnosis.hospital_public",
    "diagnosis.hospital_designated",
    "diagnosis.specialist",
    "diagnosis.meets_criteria",
    "applicant.disabled",
    "applicant.age",
    "proxy",
];

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

    /// The value of a fact by its path (see [`FACT_PATHS`]).
    pub fn get(&self, path: &str) -> FactValue<'_> {
        use FactValue::*;
        let b = |o: Option<bool>| o.map_or(Unknown, Bool);
        let i = |o: Option<u8>| o.map_or(Unknown, |n| Int(n as i64));
        match path {
            "region" => self.region.as_deref().map_or(Unknown, Str),
            "applicant.scheme" => self.applicant.scheme.map_or(Unknown, |s| Str(match s {
                Scheme::Employee => "employee",
                Scheme::Resident => "resident",
            })),
            "applicant.contribution" => self.applicant.contribution.map_or(Unknown, |c| Str(match c {
                Contribution::Normal => "normal",
                Contribution::Suspended => "suspended",
                Contribution::Lapsed => "lapsed",
            })),
            "applicant.arrears" => b(self.applicant.arrears),
            "applicant.insured_in" => self.applicant.insured_in.as_deref().map_or(Unknown, Str),
            "applicant.hukou_local" => b(self.applicant.hukou_local),
            "applicant.resides_locally" => b(self.applicant.resides_locally),
            "applicant.remote_registered" => b(self.applicant.remote_registered),
            "applicant.id_number" => self.applicant.id_number.as_ref().map_or(Unknown, |n| Str(&n.number)),
            "disease.id" => self.disease.id.as_deref().map_or(Unknown, Str),
            "disease.grade" => i(self.disease.grade),
            "disease.complications" => b(self.disease.complications),
            "diagnosis.hospital_level" => i(self.diagnosis.hospital_level),
            "diagnosis.hospital_public" => b(self.diagnosis.hospital_public),
            "diagnosis.hospital_designated" => b(self.diagnosis.hospital_designated),
            "diagnosis.specialist" => b(self.diagnosis.specialist),
            "diagnosis.meets_criteria" => b(self.diagnosis.meets_criteria),
            "applicant.disabled" => b(self.applicant.disabled),
            "applicant.age" => match (&self.applicant.id_number, self.as_of) {
                (Some(id), Some(on)) => Int(id.birth.years_until(on) as i64),
                _ => Unknown,
            },
            "proxy" => Bool(self.proxy.is_some()),
            _ => Unknown,
        }
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
            self.err(&path, format!("{} is more than {} yuan", quote(v), MAX_YUAN));
            return None;
        }
        // The shortest decimal that reads back as the same f64 is what the
        // JSON said (up to 17 significant digits): count its decimals, so
        // 0.1 + 0.2 = 0.30000000000000004 is rejected, 0.30 is not.
        let shown = format!("{x}");
        if shown.split('.').nth(1).is_some_and(|d| d.len() > 2) {
            self.err(&path, format!("{} has more than 2 decimals", quote(v)));
            return None;
        }
        let r = (x * 100.0).round();
        Some(r as Fen)
    }

    fn facts(&mut self, v: &Value) -> Facts {
        let mut f = Facts::default();
        let Value::Object(m) = v else {
            self.err("$", format!("expected a JSON object of facts, got {}", type_name(v)));
            return f;
        };
        if let Some(r) = self.string(m, "", "region") {
            if is_region_id(&r) {
                f.region = Some(r);
            } else {
                self.err("region", format!("{} is not a region id (lower-case letters, digits and -)", quote(&Value::String(r))));
            }
        }
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
                    hospital_level: self.int_in(d, "diagnosis", "hospital_level", 1, 3).map(|n| n as u8),
                    hospital_public: self.boolean(d, "diagnosis", "hospital_public"),
                    hospital_designated: self.boolean(d, "diagnosis", "hospital_designated"),
                    date: self.date(d, "diagnosis", "date"),
                    specialist: self.boolean(d, "diagnosis", "specialist"),
                    meets_criteria: self.boolean(d, "diagnosis", "meets_criteria"),
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
        let p = "applicant";
        let insured_in = self.string(a, p, "insured_in").and_then(|s| {
            if is_region_id(&s) {
                Some(s)
            } else {
                self.err("applicant.insured_in", format!("{} is not a region id such as \"shanxi-linfen\"", quote(&Value::String(s))));
                None
            }
        });
        Applicant {
            id_number: self.id_number(a, p, "id_number", as_of),
            scheme: self.one_of(a, p, "scheme", &[("employee", Scheme::Employee), ("resident", Scheme::Resident)]),
            contribution: self.one_of(
                a,
                p,
                "contribution",
                &[("normal", Contribution::Normal), ("suspended", Contribution::Suspended), ("lapsed", Contribution::Lapsed)],
            ),
            arrears: self.boolean(a, p, "arrears"),
            insured_in,
            hukou_local: self.boolean(a, p, "hukou_local"),
            resides_locally: self.boolean(a, p, "resides_locally"),
            remote_registered: self.boolean(a, p, "remote_registered"),
            disabled: self.boolean(a, p, "disabled"),
        }
    }

    fn disease(&mut self, d: &Map<String, Value>) -> Disease {
        let p = "disease";
        let id = self.string(d, p, "id").and_then(|s| {
            if is_region_id(&s) {
                Some(s)
            } else {
                self.err("disease.id", format!("{} is not a disease id such as \"hypertension\"", quote(&Value::String(s))));
                None
            }
        });
        let code = self.string(d, p, "code").and_then(|s| {
            let ok = s.len() == 6 && s.as_bytes()[0].eq_ignore_ascii_case(&b'M') && s[1..].bytes().all(|c| c.is_ascii_digit());
            if ok {
                Some(s.to_ascii_uppercase())
            } else {
                self.err("disease.code", format!("{} is not an M-code such as \"M03900\"", quote(&Value::String(s))));
                None
            }
        });
        let grade = match Self::field(d, "grade") {
            None => None,
            Some(v) => {
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
                    self.err("disease.grade", format!("{} is not a grade from 1 to 4 (or Ⅰ-Ⅳ)", quote(v)));
                }
                g.map(|n| n as u8)
            }
        };
        Disease { id, code, grade, complications: self.boolean(d, p, "complications") }
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
