//! Evaluation: facts + pack + calendar → [`Outcome`] (contract v1 result).

use crate::calendar::Calendar;
use crate::date::Date;
use crate::facts::{Document, FactValue, Facts, Fen, EXPENSE_KINDS};
use crate::pack::{
    AnswerKind, AnswerOption, CheckDef, Cite, CoverageLevel, DiseaseDef, MaterialDef, Need, Note, Pack, RatioKind, RenewalKind, Rule,
    SealKind, Text, Track, WindowFrom,
};
use serde::Serialize;
use serde_json::Value;

/// Language of the `message` fields (`message_zh` / `message_en` always carry both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Options for [`evaluate_with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub lang: Lang,
}

/// Yuan at the serialization edge: integer fen inside, a JSON number with
/// at most 2 decimals outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Yuan(pub Fen);

impl std::fmt::Display for Yuan {
    /// `1234.5` yuan as `1234.50`; whole yuan without decimals (`4000`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, fen) = (self.0 / 100, (self.0 % 100).abs());
        if fen == 0 {
            write!(f, "{y}")
        } else {
            write!(f, "{y}.{fen:02}")
        }
    }
}

impl Serialize for Yuan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / 100.0)
    }
}

/// A message in the chosen language, with both languages and a source.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Message {
    pub message: String,
    pub message_zh: String,
    pub message_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The source as a citizen reads it (title and section).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

impl Message {
    fn new(lang: Lang, zh: &str, en: &str, source: Option<&str>) -> Message {
        Message { message: lang.pick(zh, en).to_string(), message_zh: zh.into(), message_en: en.into(), source: source.map(Into::into), cite: None }
    }
    fn note(lang: Lang, n: &Note) -> Message {
        Message::new(lang, &n.zh, &n.en, Some(&n.source))
    }
    fn text(lang: Lang, t: &Text, source: &str) -> Message {
        Message::new(lang, &t.zh, &t.en, Some(source))
    }
}

/// The contract v1 result.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub region: String,
    pub pack: PackRef,
    pub as_of: Date,
    pub disease: Option<DiseaseRef>,
    pub eligibility: Eligibility,
    pub track: Option<Track>,
    pub materials: Vec<MaterialResult>,
    pub estimate: Option<Estimate>,
    pub timeline: Timeline,
    /// The primary submission channel.
    pub channel: Option<ChannelRef>,
    /// Every channel, the primary first.
    pub channels: Vec<ChannelRef>,
    /// Notes about the whole result (coverage gaps, pack notes).
    pub notes: Vec<Message>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PackRef {
    pub id: String,
    pub version: String,
    pub policy_year: i32,
    pub coverage: CoverageLevel,
    pub catalogue: CatalogueRef,
}

/// The published size of the disease catalogue and how much of it the pack lists.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogueRef {
    /// The published number of diseases (`null` = not published).
    pub published_total: Option<u32>,
    /// How many the pack lists (those the texts name).
    pub listed: usize,
    pub partial: bool,
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DiseaseRef {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// Listed in the pack's catalogue (false: not among the diseases the
    /// texts name; the catalogue may still include it).
    pub listed: bool,
    pub m_code: Option<String>,
    /// M-codes are third-party cross-references, never verified.
    pub m_code_verified: bool,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Eligible,
    Ineligible,
    Undetermined,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    Pass,
    Fail,
    Unknown,
}

#[derive(Clone, Debug, Serialize)]
pub struct Eligibility {
    pub status: Status,
    pub checks: Vec<CheckResult>,
    /// Fact paths still needed, most decisive first.
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CheckResult {
    pub id: String,
    pub outcome: Tri,
    pub message: String,
    pub message_zh: String,
    pub message_en: String,
    pub source: String,
    pub cite: Option<Cite>,
    /// The main fact path this check depends on (`null` for a policy unknown).
    pub fact: Option<String>,
    /// Every fact path this check reads.
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MaterialResult {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub name_en: String,
    pub required: bool,
    /// `required`, `usually_required` (the text says 通常), `conditional`
    /// (depends on a fact not yet known) or `may_be_required` (部分病种需:
    /// needed for some diseases the text does not name).
    pub requirement: &'static str,
    pub status: &'static str,
    pub problems: Vec<MaterialProblem>,
    pub detail: Option<Message>,
    /// Validity window in months, if the pack has one.
    pub window_months: Option<u32>,
    /// Where the validity window comes from.
    pub window_source: Option<String>,
    /// What the window counts from: `issued` or `period_end`.
    pub window_from: Option<WindowFrom>,
    /// The seal kinds that satisfy the text (contract v1.1 `seal`).
    pub seal_accepts: Vec<SealKind>,
    /// True when the paper must be signed (`documents[].signed`).
    pub must_be_signed: bool,
    /// What is still to confirm about a paper the person has (not a
    /// problem, nothing wrong was found): e.g. which seal it carries.
    pub hints: Vec<Message>,
    pub source: String,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MaterialProblem {
    pub code: &'static str,
    pub message: String,
    pub message_zh: String,
    pub message_en: String,
    /// Index into `documents[]` of the paper concerned, if any.
    pub document: Option<usize>,
    pub source: Option<String>,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Estimate {
    /// What the insurance pays (a lower bound when `exact` is false).
    pub reimbursed: Option<Yuan>,
    pub out_of_pocket: Option<Yuan>,
    pub annual_cap: Option<Yuan>,
    pub ratio: Option<f64>,
    /// `exact` or `floor`.
    pub ratio_kind: RatioKind,
    pub exact: bool,
    pub notes: Vec<Message>,
    pub pools: Vec<PoolResult>,
    /// Spending outside this outpatient estimate (inpatient, and any kind
    /// the pack lists in `outside`): in neither `reimbursed` nor
    /// `out_of_pocket`, and never a reason for `exact: false`.
    pub outside: Vec<OutsideSpending>,
    /// Outpatient spending whose reimbursement the text does not publish
    /// (a pool without figures, or a kind in no pool): counted in
    /// `out_of_pocket` as if paid by the person, and `exact` is false.
    pub unestimated: Yuan,
    /// Which pack figures produced the estimate.
    pub trace: Vec<TraceStep>,
}

/// Where the core's own rule for inpatient spending comes from.
const INPATIENT_SOURCE: &str = "CONTRACT.md §Facts (expenses: the expected yearly outpatient spending; inpatient care is paid under inpatient rules)";

/// Spending left out of the outpatient estimate.
#[derive(Clone, Debug, Serialize)]
pub struct OutsideSpending {
    pub expense: String,
    pub spending: Yuan,
    /// The pack's `outside` rule, or the contract when the core's own rule
    /// (inpatient is never outpatient spending) applies.
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PoolResult {
    pub id: String,
    pub spending: Yuan,
    pub reimbursed: Option<Yuan>,
    pub annual_cap: Option<Yuan>,
    pub ratio: Option<f64>,
    pub capped: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct TraceStep {
    pub figure: String,
    pub value: Value,
    pub source: String,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct Timeline {
    pub submitted: Option<Date>,
    pub pre_review_by: Option<Date>,
    pub decision_by: Option<Date>,
    pub effective_from: Option<Date>,
    pub renewal_due: Option<Date>,
    /// `automatic` (nothing to do: check that it happened) or `resubmit`
    /// (hand in papers again by `renewal_due`); null without a renewal rule.
    pub renewal_kind: Option<RenewalKind>,
    /// What `decision_by` counts from: `submission`, or `monthly_batch`
    /// where the text reviews in batches whose day is not published (the
    /// later of the two readings); null without a decision date.
    pub decision_counts_from: Option<&'static str>,
    /// Where the text allows two readings, the earlier bound (counted
    /// from submission); `decision_by` is the later one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_by_earliest_reading: Option<Date>,
    pub resubmit_within_working_days: Option<u32>,
    /// When the track is not known: the latest decision date over the
    /// tracks the pack has timings for (a bound, not a promise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_by_latest: Option<Date>,
    pub notes: Vec<Message>,
    /// Where each date or count comes from: the pack's timing (or renewal)
    /// rule, and the calendar notices for the years a working-day count
    /// runs through.
    pub trace: Vec<TraceStep>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChannelRef {
    pub kind: crate::pack::ChannelKind,
    pub name: String,
    pub name_en: String,
    pub instructions: String,
    pub instructions_en: String,
    pub endpoint: Option<String>,
    pub source: String,
    pub cite: Option<Cite>,
}

/// An interview question (see [`next_question`]).
#[derive(Clone, Debug, Serialize)]
pub struct Question {
    /// The fact path it settles.
    pub id: String,
    /// Every fact path an answer may set.
    pub facts: Vec<String>,
    pub kind: AnswerKind,
    pub text: Text,
    pub why: Text,
    pub source: String,
    pub cite: Cite,
    pub options: Vec<AnswerOption>,
    /// The check that needs it.
    pub check: String,
    /// True when the text is the proxy form (someone files for the applicant).
    pub proxy: bool,
}

// ---------------------------------------------------------------- rules

fn fact_matches(f: FactValue<'_>, v: &Value) -> bool {
    match (f, v) {
        (FactValue::Bool(a), Value::Bool(b)) => a == *b,
        (FactValue::Int(a), Value::Number(n)) => n.as_i64() == Some(a),
        (FactValue::Str(a), Value::String(b)) => a == b,
        _ => false,
    }
}

fn push_missing(m: &mut Vec<String>, f: &str) {
    if !m.iter().any(|x| x == f) {
        m.push(f.to_string());
    }
}

struct Ctx<'a> {
    pack: &'a Pack,
    facts: &'a Facts,
    disease: Option<&'a DiseaseDef>,
}

impl Ctx<'_> {
    fn disease_given(&self) -> bool {
        self.facts.disease.id.is_some() || self.facts.disease.code.is_some()
    }

    fn rule(&self, r: &Rule, missing: &mut Vec<String>) -> Tri {
        let simple = |fact: &str, missing: &mut Vec<String>, test: &dyn Fn(FactValue<'_>) -> bool| {
            let f = self.facts.get(fact);
            if f == FactValue::Unknown {
                push_missing(missing, fact);
                Tri::Unknown
            } else if test(f) {
                Tri::Pass
            } else {
                Tri::Fail
            }
        };
        match r {
            Rule::Eq { fact, value } => simple(fact, missing, &|f| fact_matches(f, value)),
            Rule::In { fact, values } => simple(fact, missing, &|f| values.iter().any(|v| fact_matches(f, v))),
            Rule::AtLeast { fact, value } => simple(fact, missing, &|f| matches!(f, FactValue::Int(n) if n >= *value)),
            Rule::Prefix { fact, values } => {
                simple(fact, missing, &|f| matches!(f, FactValue::Str(s) if values.iter().any(|p| s.starts_with(p.as_str()))))
            }
            Rule::Any(rs) => {
                let mut local = Vec::new();
                let mut all_fail = true;
                for r in rs {
                    match self.rule(r, &mut local) {
                        Tri::Pass => return Tri::Pass,
                        Tri::Fail => {}
                        Tri::Unknown => all_fail = false,
                    }
                }
                if all_fail {
                    Tri::Fail
                } else {
                    local.iter().for_each(|f| push_missing(missing, f));
                    Tri::Unknown
                }
            }
            Rule::All(rs) => {
                // In order: once a part is unknown, the facts of the parts
                // after it are not asked yet (they matter only once it is
                // settled), though any of them failing still fails the whole.
                let mut local = Vec::new();
                let mut all_pass = true;
                for r in rs {
                    let mut mine = Vec::new();
                    match self.rule(r, &mut mine) {
                        Tri::Fail => return Tri::Fail,
                        Tri::Pass => {}
                        Tri::Unknown => {
                            if all_pass {
                                local.extend(mine);
                            }
                            all_pass = false
                        }
                    }
                }
                if all_pass {
                    Tri::Pass
                } else {
                    local.iter().for_each(|f| push_missing(missing, f));
                    Tri::Unknown
                }
            }
            Rule::DiseaseListed {} => {
                if !self.disease_given() {
                    push_missing(missing, "disease.id");
                    Tri::Unknown
                } else if self.disease.is_some() {
                    Tri::Pass
                } else if self.pack.catalogue.partial {
                    Tri::Unknown
                } else {
                    Tri::Fail
                }
            }
            Rule::DiseaseQualifier {} => {
                if !self.disease_given() {
                    push_missing(missing, "disease.id");
                    return Tri::Unknown;
                }
                match self.disease {
                    None => Tri::Unknown,
                    Some(d) => match &d.qualifier {
                        None => Tri::Pass,
                        Some(q) => self.rule(q, missing),
                    },
                }
            }
            Rule::Not(r) => match self.rule(r, missing) {
                Tri::Pass => Tri::Fail,
                Tri::Fail => Tri::Pass,
                Tri::Unknown => Tri::Unknown,
            },
            Rule::PolicyUnknown {} => Tri::Unknown,
        }
    }

    fn applies(&self, diseases: &Option<Vec<String>>) -> Option<bool> {
        match diseases {
            None => Some(true),
            Some(list) => match self.disease {
                Some(d) => Some(list.iter().any(|x| x == "*" || *x == d.id)),
                None if self.disease_given() => Some(false),
                None => None,
            },
        }
    }
}

fn rule_fact_paths(r: &Rule, out: &mut Vec<String>) {
    r.walk_facts(&mut |f| push_missing(out, f));
}

fn check_result(ctx: &Ctx<'_>, c: &CheckDef, lang: Lang, missing: &mut Vec<String>) -> CheckResult {
    let mut local = Vec::new();
    let outcome = ctx.rule(&c.rule, &mut local);
    if outcome == Tri::Unknown {
        local.iter().for_each(|f| push_missing(missing, f));
    }
    let t = match outcome {
        Tri::Pass => &c.pass,
        Tri::Fail => &c.fail,
        // Unknown with nothing to ask: the text is silent, say so.
        Tri::Unknown if local.is_empty() => c.silent.as_ref().unwrap_or(&c.unknown),
        Tri::Unknown => &c.unknown,
    };
    let (mut zh, mut en) = (t.zh.clone(), t.en.clone());
    if let (Rule::DiseaseQualifier {}, Some(d)) = (&c.rule, ctx.disease) {
        if let Some(q) = &d.qualifier_text {
            zh = format!("{zh}（{}：{}）", d.name.zh, q.zh);
            en = format!("{en} ({}: {})", d.name.en, q.en);
        }
    }
    let mut facts = Vec::new();
    rule_fact_paths(&c.rule, &mut facts);
    if let (Rule::DiseaseQualifier {}, Some(Some(q))) = (&c.rule, ctx.disease.map(|d| &d.qualifier)) {
        rule_fact_paths(q, &mut facts);
    }
    CheckResult {
        id: c.id.clone(),
        outcome,
        message: lang.pick(&zh, &en).to_string(),
        message_zh: zh,
        message_en: en,
        source: c.source.clone(),
        cite: None,
        fact: facts.first().cloned(),
        facts,
    }
}

/// Eligibility alone (no calendar, no `as_of` needed).
pub fn eligibility(pack: &Pack, facts: &Facts, lang: Lang) -> Eligibility {
    let ctx = Ctx { pack, facts, disease: pack.disease(facts.disease.id.as_deref(), facts.disease.code.as_deref()) };
    let mut missing = Vec::new();
    let mut checks = Vec::new();
    for c in &pack.checks {
        if ctx.applies(&c.diseases) != Some(true) {
            continue;
        }
        checks.push(check_result(&ctx, c, lang, &mut missing));
    }
    let status = if checks.iter().any(|c| c.outcome == Tri::Fail) {
        Status::Ineligible
    } else if checks.is_empty() || checks.iter().any(|c| c.outcome == Tri::Unknown) {
        Status::Undetermined
    } else {
        Status::Eligible
    };
    if status == Status::Ineligible {
        // Nothing more is needed to decide.
        missing.clear();
    }
    Eligibility { status, checks, missing }
}

/// The most decisive missing fact's question, or `None` when eligibility is
/// settled (eligible or ineligible) or nothing a person can answer would
/// settle it.
pub fn next_question(pack: &Pack, facts: &Facts) -> Option<Question> {
    let el = eligibility(pack, facts, Lang::Zh);
    if el.status != Status::Undetermined {
        return None;
    }
    for m in &el.missing {
        if let Some(q) = pack.question_for(m) {
            let check = el.checks.iter().find(|c| c.outcome == Tri::Unknown && c.facts.contains(m)).map(|c| c.id.clone()).unwrap_or_default();
            let (text, why, options, proxy) = phrase(q, facts);
            return Some(Question {
                id: q.id.clone(),
                facts: q.facts.clone(),
                kind: q.kind,
                text,
                why,
                source: q.source.clone(),
                cite: pack.cite(&q.source),
                options,
                check,
                proxy,
            });
        }
    }
    None
}

/// How to name the applicant to the person filing for them: (`{who}` zh,
/// `{whose}` zh, `{who}` en, `{whose}` en). `proxy.relationship` is what
/// the proxy is to the applicant (contract: the agent's relationship to
/// the principal): a `child` files for a parent, so the applicant is
/// 您父亲 / 您母亲 by the sex in the applicant's ID number. Unknown: TA.
pub fn proxy_names(facts: &Facts) -> [String; 4] {
    use crate::idcard::Sex;
    let sex = facts.applicant.id_number.as_ref().map(|n| n.sex);
    let rel = facts.proxy.as_ref().and_then(|p| p.relationship.as_deref()).unwrap_or("").trim().to_lowercase();
    let (zh, en): (&str, &str) = match (rel.as_str(), sex) {
        ("child" | "son" | "daughter" | "子女" | "儿子" | "女儿", Some(Sex::Male)) => ("您父亲", "your father"),
        ("child" | "son" | "daughter" | "子女" | "儿子" | "女儿", Some(Sex::Female)) => ("您母亲", "your mother"),
        ("child" | "son" | "daughter" | "子女" | "儿子" | "女儿", None) => ("您的父母", "your parent"),
        ("parent" | "father" | "mother" | "父母" | "父亲" | "母亲", Some(Sex::Male)) => ("您儿子", "your son"),
        ("parent" | "father" | "mother" | "父母" | "父亲" | "母亲", Some(Sex::Female)) => ("您女儿", "your daughter"),
        ("parent" | "father" | "mother" | "父母" | "父亲" | "母亲", None) => ("您的孩子", "your child"),
        ("spouse" | "husband" | "wife" | "配偶" | "丈夫" | "妻子", Some(Sex::Male)) => ("您丈夫", "your husband"),
        ("spouse" | "husband" | "wife" | "配偶" | "丈夫" | "妻子", Some(Sex::Female)) => ("您妻子", "your wife"),
        ("spouse" | "husband" | "wife" | "配偶" | "丈夫" | "妻子", None) => ("您的配偶", "your spouse"),
        _ => ("TA", "the person you are filing for"),
    };
    let whose_en = if en.starts_with("your ") { format!("{en}'s") } else { "their".to_string() };
    [zh.to_string(), format!("{zh}的"), en.to_string(), whose_en]
}

fn fill(t: &Text, names: &[String; 4]) -> Text {
    let en = t.en.replace("{whose}", &names[3]).replace("{who}", &names[2]);
    // A sentence that starts with the template starts with a capital.
    let en = match en.strip_prefix("your ").or_else(|| en.strip_prefix("the ")).or_else(|| en.strip_prefix("their ")) {
        Some(_) => {
            let mut c = en.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        }
        None => en,
    };
    Text { zh: t.zh.replace("{whose}", &names[1]).replace("{who}", &names[0]), en }
}

/// A question as the person answering reads it: in a proxy filing (the
/// facts carry `proxy`), the pack's proxy form with the person named;
/// otherwise as written. Returns (text, why, options, proxy?).
pub fn phrase(q: &crate::pack::QuestionDef, facts: &Facts) -> (Text, Text, Vec<AnswerOption>, bool) {
    match (&q.proxy, &facts.proxy) {
        (Some(pf), Some(_)) => {
            let names = proxy_names(facts);
            let options = q
                .options
                .iter()
                .map(|o| AnswerOption { label: pf.labels.get(&o.id).map_or_else(|| o.label.clone(), |l| fill(l, &names)), ..o.clone() })
                .collect();
            (fill(&pf.text, &names), pf.why.as_ref().map_or_else(|| q.why.clone(), |w| fill(w, &names)), options, true)
        }
        _ => (q.text.clone(), q.why.clone(), q.options.clone(), false),
    }
}

// ---------------------------------------------------------------- materials

const PROBLEM_TEXT: &[(&str, &str, &str)] = &[
    ("missing", "缺少此材料", "this paper is missing"),
    ("expired", "已超过有效期", "older than its validity window"),
    ("unsealed", "未加盖所需印章", "does not carry the required seal"),
    ("unsigned", "缺少所需签字", "not signed as required"),
    ("stage_missing", "未注明疾病分期或分型", "does not state the stage or type of the disease"),
    ("hospital_level", "出具机构不符合要求", "the issuing hospital does not meet the requirement"),
    ("file_type", "文件类型不被接受", "file type not accepted"),
    ("file_too_large", "文件过大", "file too large"),
    ("future_date", "出具日期晚于今天", "issued after today"),
];

fn problem(lang: Lang, code: &'static str, extra_zh: String, extra_en: String, doc: Option<usize>, source: Option<&str>) -> MaterialProblem {
    let (zh, en) = PROBLEM_TEXT.iter().find(|p| p.0 == code).map(|p| (p.1, p.2)).unwrap_or(("", ""));
    let zh = if extra_zh.is_empty() { zh.to_string() } else { format!("{zh}：{extra_zh}") };
    let en = if extra_en.is_empty() { en.to_string() } else { format!("{en}: {extra_en}") };
    MaterialProblem { code, message: lang.pick(&zh, &en).to_string(), message_zh: zh, message_en: en, document: doc, source: source.map(Into::into), cite: None }
}

fn seal_name(k: SealKind) -> (&'static str, &'static str) {
    match k {
        SealKind::Hospital => ("医院公章", "the hospital's official seal (医院公章)"),
        SealKind::Department => ("医院科室的印章（如检验科、影像科、门诊或诊断证明专用章）", "a seal of one of the hospital's departments (lab, imaging, outpatients, diagnosis-certificate seal)"),
        SealKind::MedicalRecordsRoom => ("医院病案室专用章", "the medical-records room's seal (病案室专用章)"),
        SealKind::Other => ("其他印章", "another seal"),
    }
}

/// "医院公章或科室印章" / "the hospital's official seal or a department's seal".
fn seals_needed(kinds: &[SealKind]) -> (String, String) {
    if kinds.contains(&SealKind::Hospital) && kinds.contains(&SealKind::Department) {
        return ("医院的印章（医院公章或其科室的印章均可）".into(), "a seal of the hospital (its official seal or one of its departments')".into());
    }
    let zh: Vec<&str> = kinds.iter().map(|k| seal_name(*k).0).collect();
    let en: Vec<&str> = kinds.iter().map(|k| seal_name(*k).1).collect();
    (zh.join("或"), en.join(" or "))
}

/// The project's own file rule, the same in every region (CONTRACT v1.1):
/// an image (JPEG, PNG, WebP, HEIC) or a PDF, at most 20 MB as added.
pub const APP_FILE_TYPES: [&str; 7] = ["image/jpeg", "image/jpg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf"];
/// File-name endings the project's file rule accepts.
pub const APP_FILE_EXTENSIONS: [&str; 9] = ["jpg", "jpeg", "jpe", "jfif", "png", "webp", "heic", "heif", "pdf"];
/// The largest file accepted as added (before the app downscales it): 20 MB.
pub const APP_MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Where the project's file rule comes from.
pub const APP_FILE_SOURCE: &str = "CONTRACT.md §Version 1.1 (a rule of the project, not of any policy: an image (JPEG, PNG, WebP, HEIC) or a PDF, at most 20 MB as added)";

const APP_LIMIT_ZH: &str = "这是慢特通自己的限制，不是医保政策的规定";
const APP_LIMIT_EN: &str = "this is mantetong's own limit, not a rule of the insurance policy";

/// The project's file rule on one file: problems, and whether the type
/// could not be told (no type and no file-name ending).
fn app_file_rule(f: &crate::facts::FileInfo, di: usize, lang: Lang) -> (Vec<MaterialProblem>, bool) {
    let mut ps = Vec::new();
    let ext = f.name.as_deref().and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase()).filter(|e| !e.is_empty() && e.len() <= 8);
    let mime = f.mime.as_deref().filter(|t| !t.is_empty() && *t != "application/octet-stream");
    let kinds_zh = "JPEG、PNG、WebP、HEIC 图片或 PDF";
    let kinds_en = "a JPEG, PNG, WebP or HEIC image, or a PDF";
    let bad_type = match (mime, &ext) {
        (Some(t), _) if !APP_FILE_TYPES.contains(&t) => Some((format!("文件类型为 {t}"), format!("the file is {t}"))),
        (_, Some(e)) if !APP_FILE_EXTENSIONS.contains(&e.as_str()) => Some((format!("文件名以 .{e} 结尾"), format!("the file name ends in .{e}"))),
        _ => None,
    };
    let unknown_type = mime.is_none() && ext.is_none();
    if let Some((zh, en)) = bad_type {
        ps.push(problem(
            lang,
            "file_type",
            format!("{zh}；只接受 {kinds_zh}（{APP_LIMIT_ZH}）"),
            format!("{en}; only {kinds_en} is accepted ({APP_LIMIT_EN})"),
            Some(di),
            Some(APP_FILE_SOURCE),
        ));
    }
    if let Some(sz) = f.size {
        if sz > APP_MAX_FILE_BYTES {
            let mb = sz as f64 / (1024.0 * 1024.0);
            ps.push(problem(
                lang,
                "file_too_large",
                format!("{mb:.1} MB（{sz} 字节），上限 20 MB（{APP_MAX_FILE_BYTES} 字节）；{APP_LIMIT_ZH}"),
                format!("{mb:.1} MB ({sz} bytes); the limit is 20 MB ({APP_MAX_FILE_BYTES} bytes): {APP_LIMIT_EN}"),
                Some(di),
                Some(APP_FILE_SOURCE),
            ));
        }
    }
    (ps, unknown_type)
}

/// Pre-reviews one paper; returns (problems, unchecked?, hints).
fn review_doc(pack: &Pack, m: &MaterialDef, d: &Document, di: usize, facts: &Facts, as_of: Date, lang: Lang) -> (Vec<MaterialProblem>, bool, Vec<Message>) {
    let mut ps = Vec::new();
    let mut hints = Vec::new();
    let mut unchecked = false;
    for (date, zh, en) in [(d.issued, "出具日期", "issued"), (d.period_end, "所记录期间的截止日期（出院日期）", "the end of the period it records (discharge)")] {
        if let Some(x) = date.filter(|x| *x > as_of) {
            ps.push(problem(lang, "future_date", format!("{zh} {x} 晚于 {as_of}"), format!("{en} {x} is after {as_of}"), Some(di), None));
        }
    }
    let future = !ps.is_empty();
    if let (Some(w), false) = (&m.window, future) {
        let earliest = as_of.add_months(-(w.months as i32));
        match (w.counts_from, d.issued, d.period_end) {
            (WindowFrom::Issued, Some(iss), _) if iss < earliest => ps.push(problem(
                lang,
                "expired",
                format!("出具于 {iss}，须在 {earliest} 或之后（{} 个月内）", w.months),
                format!("issued {iss}; must be on or after {earliest} (within {} months)", w.months),
                Some(di),
                Some(&w.source),
            )),
            (WindowFrom::Issued, Some(_), _) => {}
            (WindowFrom::Issued, None, _) => unchecked = true,
            (WindowFrom::PeriodEnd, _, Some(pe)) if pe < earliest => ps.push(problem(
                lang,
                "expired",
                format!("所记录的住院于 {pe} 结束，须在 {earliest} 或之后（近 {} 个月内，从出院之日算起，不是复印之日）", w.months),
                format!("the stay it records ended {pe}; it must end on or after {earliest} (within {} months, counted from discharge, not from the day of the copy)", w.months),
                Some(di),
                Some(&w.source),
            )),
            (WindowFrom::PeriodEnd, _, Some(_)) => {}
            // The copy is older than the window: the stay, which ended
            // before it was copied, is older still.
            (WindowFrom::PeriodEnd, Some(iss), None) if iss < earliest => ps.push(problem(
                lang,
                "expired",
                format!("复印于 {iss}，所记录的住院更早，不在 {earliest} 之后（近 {} 个月内）", w.months),
                format!("copied {iss}, so the stay it records ended earlier, before {earliest} (within {} months)", w.months),
                Some(di),
                Some(&w.source),
            )),
            (WindowFrom::PeriodEnd, _, None) => {
                unchecked = true;
                hints.push(Message::new(
                    lang,
                    &format!("请填写出院日期：“近{}个月”从住院结束之日算起，不是复印之日", w.months),
                    &format!("Give the discharge date: the {} months count from the end of the stay, not from the day of the copy", w.months),
                    Some(&w.source),
                ));
            }
        }
    }
    if let Some(s) = &m.seal {
        let accepted = s.accepted();
        let (need_zh, need_en) = seals_needed(&accepted);
        match (d.sealed, d.seal) {
            (Some(false), _) => ps.push(problem(lang, "unsealed", format!("须加盖{need_zh}"), format!("needs {need_en}"), Some(di), Some(&s.source))),
            (_, Some(k)) if !accepted.contains(&k) => {
                let (has_zh, has_en) = seal_name(k);
                ps.push(problem(lang, "unsealed", format!("盖的是{has_zh}，须为{need_zh}"), format!("it carries {has_en}; it needs {need_en}"), Some(di), Some(&s.source)))
            }
            (_, Some(_)) => {}
            // `sealed: true` without `seal`: a seal of the issuing hospital,
            // kind not known (CONTRACT v1.1). Where the text asks for the
            // hospital's seal (医院公章 / 医院盖章) that is what it reads as
            // (v1's meaning, kept); the hint asks to make sure it is not a
            // department's where only the official seal will do. Where the
            // text asks for a special seal (病案室专用章), a hospital's seal
            // does not show it: unchecked until the kind is given.
            (Some(true), None) if accepted.contains(&SealKind::Hospital) => {
                if !accepted.contains(&SealKind::Department) {
                    hints.push(Message::new(
                        lang,
                        "请确认盖的是医院公章，而不是科室的印章（如检验科章、诊断证明专用章）",
                        "Make sure it is the hospital's official seal (医院公章), not a department's (such as the lab's or the diagnosis-certificate seal)",
                        Some(&s.source),
                    ));
                }
            }
            (Some(true), None) => {
                unchecked = true;
                hints.push(Message::new(
                    lang,
                    &format!("已盖章，但未说明是哪种章：须为{need_zh}"),
                    &format!("Sealed, but which seal is not said: it needs {need_en}"),
                    Some(&s.source),
                ));
            }
            (None, None) => unchecked = true,
        }
    }
    if let Some(s) = &m.signed {
        let (by_zh, by_en) = s.by.as_ref().map_or(("", ""), |t| (t.zh.as_str(), t.en.as_str()));
        match d.signed {
            Some(false) => ps.push(problem(
                lang,
                "unsigned",
                if by_zh.is_empty() { String::new() } else { format!("须由{by_zh}签字") },
                if by_en.is_empty() { String::new() } else { format!("it must be signed by {by_en}") },
                Some(di),
                Some(&s.source),
            )),
            None => unchecked = true,
            _ => {}
        }
    }
    if let Some(s) = &m.states_stage {
        match d.states_stage {
            Some(false) => ps.push(problem(lang, "stage_missing", String::new(), String::new(), Some(di), Some(&s.source))),
            None => unchecked = true,
            _ => {}
        }
    }
    if let Some(h) = &m.hospital {
        let level = d.hospital_level.or(facts.diagnosis.hospital_level);
        let public = d.hospital_public.or(facts.diagnosis.hospital_public);
        let designated = d.hospital_designated.or(facts.diagnosis.hospital_designated);
        match level {
            Some(l) if l < h.min_level => ps.push(problem(
                lang,
                "hospital_level",
                format!("{l}级医院，须为{}级及以上", h.min_level),
                format!("a level-{l} hospital; level {} or above is required", h.min_level),
                Some(di),
                Some(&h.source),
            )),
            None => unchecked = true,
            _ => {}
        }
        if h.public {
            match public {
                Some(false) => ps.push(problem(lang, "hospital_level", "须为公立医院".into(), "must be a public hospital".into(), Some(di), Some(&h.source))),
                None => unchecked = true,
                _ => {}
            }
        }
        if h.designated {
            match designated {
                Some(false) => {
                    ps.push(problem(lang, "hospital_level", "须为定点医疗机构".into(), "must be a designated (定点) institution".into(), Some(di), Some(&h.source)))
                }
                None => unchecked = true,
                _ => {}
            }
        }
    }
    if let Some(f) = &d.file {
        let (fps, unknown_type) = app_file_rule(f, di, lang);
        unchecked |= unknown_type;
        ps.extend(fps);
        // The pack's own upload rule (a text's), where it says more.
        if let Some(u) = &pack.upload {
            if let Some(t) = &f.mime {
                let ok = u.types.iter().any(|a| a == t || (a.ends_with("/*") && t.starts_with(&a[..a.len() - 1])));
                if !ok && !ps.iter().any(|p| p.code == "file_type") {
                    ps.push(problem(lang, "file_type", format!("{t}；可接受：{}", u.types.join("、")), format!("{t}; accepted: {}", u.types.join(", ")), Some(di), Some(&u.source)));
                }
            }
            if let (Some(max), Some(sz)) = (u.max_bytes, f.size) {
                if sz > max && !ps.iter().any(|p| p.code == "file_too_large") {
                    ps.push(problem(lang, "file_too_large", format!("{sz} 字节，上限 {max}"), format!("{sz} bytes; limit {max}"), Some(di), Some(&u.source)));
                }
            }
        }
    }
    (ps, unchecked, hints)
}

fn materials(pack: &Pack, ctx: &Ctx<'_>, as_of: Date, lang: Lang) -> Vec<MaterialResult> {
    let mut out = Vec::new();
    for m in &pack.materials {
        let applies = ctx.applies(&m.diseases);
        if applies == Some(false) {
            continue;
        }
        let cond = match &m.when {
            None => Tri::Pass,
            Some(r) => ctx.rule(r, &mut Vec::new()),
        };
        if cond == Tri::Fail {
            continue;
        }
        let conditional = cond == Tri::Unknown || applies.is_none();
        let (required, requirement) = match (m.need, conditional) {
            (Need::MayBeRequired, _) => (false, "may_be_required"),
            (_, true) => (false, "conditional"),
            (Need::Required, false) => (true, "required"),
            (Need::Usually, false) => (true, "usually_required"),
        };
        let docs: Vec<(usize, &Document)> = ctx.facts.documents.iter().enumerate().filter(|(_, d)| d.kind == m.id).collect();
        let mut hints: Vec<Message> = Vec::new();
        let (status, problems) = if docs.is_empty() {
            if required {
                ("missing", vec![problem(lang, "missing", String::new(), String::new(), None, Some(&m.source))])
            } else {
                ("missing", vec![])
            }
        } else {
            let reviews: Vec<(Vec<MaterialProblem>, bool, Vec<Message>)> =
                docs.iter().map(|(i, d)| review_doc(pack, m, d, *i, ctx.facts, as_of, lang)).collect();
            // Every paper is reviewed on its own: one bad paper among good
            // ones is still flagged (the person should replace or remove it).
            let mut all: Vec<MaterialProblem> = Vec::new();
            let mut unchecked = false;
            for (ps, u, hs) in reviews {
                unchecked |= u;
                for h in hs {
                    if !hints.iter().any(|x: &Message| x.message_en == h.message_en) {
                        hints.push(h);
                    }
                }
                for p in ps {
                    if !all.iter().any(|q| q.code == p.code && q.document == p.document) {
                        all.push(p);
                    }
                }
            }
            if !all.is_empty() {
                ("problem", all)
            } else if unchecked {
                ("unchecked", all)
            } else {
                ("ok", all)
            }
        };
        out.push(MaterialResult {
            id: m.id.clone(),
            name: lang.pick(&m.name.zh, &m.name.en).to_string(),
            name_zh: m.name.zh.clone(),
            name_en: m.name.en.clone(),
            required,
            requirement,
            status,
            problems,
            detail: m.detail.as_ref().map(|t| Message::text(lang, t, &m.source)),
            window_months: m.window.as_ref().map(|w| w.months),
            window_source: m.window.as_ref().map(|w| w.source.clone()),
            window_from: m.window.as_ref().map(|w| w.counts_from),
            seal_accepts: m.seal.as_ref().map(|s| s.accepted()).unwrap_or_default(),
            must_be_signed: m.signed.is_some(),
            hints,
            source: m.source.clone(),
            cite: None,
        });
    }
    out
}

// ---------------------------------------------------------------- estimate

fn bp(r: f64) -> i64 {
    (r * 10000.0).round() as i64
}

/// `spend × ratio`, rounded half up to the fen.
pub fn apply_ratio(spend: Fen, ratio: f64) -> Fen {
    let b = bp(ratio).clamp(0, 10000) as i128;
    ((spend as i128 * b + 5000) / 10000) as Fen
}

fn estimate(pack: &Pack, ctx: &Ctx<'_>, lang: Lang) -> Option<Estimate> {
    let did = ctx.disease.map(|d| d.id.as_str());
    let in_list = |list: &[String]| list.iter().any(|x| x == "*" || Some(x.as_str()) == did);
    let pools: Vec<&crate::pack::Pool> = pack.pools.iter().filter(|p| in_list(&p.diseases)).collect();
    let main = pools.iter().find(|p| p.ratio.is_some())?;
    let mut notes: Vec<Message> = Vec::new();
    let mut trace = Vec::new();
    let mut exact = true;
    for p in &pools {
        for n in &p.notes {
            notes.push(Message::note(lang, n));
        }
    }
    let ex = ctx.facts.expenses.as_ref();
    let mut results = Vec::new();
    let mut reimbursed: Fen = 0;
    // Outpatient spending: every kind but inpatient, unless the pack puts it
    // outside the estimate for this disease.
    let mut outpatient: Fen = 0;
    let mut unestimated: Fen = 0;
    let mut unestimated_source: Option<&str> = None;
    for p in &pools {
        let spend: Fen = p.covers.iter().filter_map(|k| ex.and_then(|e| e.get(k))).sum();
        let cap = p.annual_cap.map(|c| (c * 100.0).round() as Fen);
        outpatient += spend;
        let (r, capped) = match p.ratio {
            Some(ratio) => {
                trace.push(TraceStep { figure: format!("pools.{}.ratio", p.id), value: serde_json::json!(ratio), source: p.source.clone(), cite: None });
                let raw = apply_ratio(spend, ratio);
                let got = cap.map_or(raw, |c| raw.min(c));
                if let Some(c) = p.annual_cap {
                    trace.push(TraceStep { figure: format!("pools.{}.annual_cap", p.id), value: serde_json::json!(c), source: p.source.clone(), cite: None });
                }
                if p.ratio_kind != RatioKind::Exact {
                    exact = false;
                }
                if cap.is_none() && spend > 0 {
                    exact = false;
                }
                reimbursed += got;
                (Some(Yuan(got)), cap.is_some_and(|c| raw > c))
            }
            None => {
                if spend > 0 {
                    exact = false;
                    unestimated += spend;
                    unestimated_source.get_or_insert(p.source.as_str());
                }
                (None, false)
            }
        };
        results.push(PoolResult { id: p.id.clone(), spending: Yuan(spend), reimbursed: r, annual_cap: cap.map(Yuan), ratio: p.ratio, capped });
    }
    let mut outside = Vec::new();
    if let Some(e) = ex {
        for k in EXPENSE_KINDS {
            let amt = e.get(k).unwrap_or(0);
            if amt == 0 || pools.iter().any(|p| p.covers.iter().any(|c| c == k)) {
                continue;
            }
            if let Some(o) = pack.outside.iter().find(|o| o.expense == k && in_list(&o.diseases)) {
                notes.push(Message::text(lang, &o.note, &o.source));
                outside.push(OutsideSpending { expense: k.to_string(), spending: Yuan(amt), source: Some(o.source.clone()) });
            } else if k == "inpatient" {
                // Inpatient care is never outpatient spending (CONTRACT:
                // expenses are the expected yearly *outpatient* spending):
                // outside this estimate, whatever the pack.
                notes.push(Message::new(
                    lang,
                    "住院费用不属于门诊慢特病待遇：按住院政策另行报销，不在本门诊估算内（文本未公布住院报销办法）",
                    "Inpatient costs are not part of the outpatient benefit: they are paid under inpatient rules, outside this outpatient estimate (the text does not publish those rules)",
                    Some(INPATIENT_SOURCE),
                ));
                outside.push(OutsideSpending { expense: k.to_string(), spending: Yuan(amt), source: Some(INPATIENT_SOURCE.into()) });
            } else {
                exact = false;
                outpatient += amt;
                unestimated += amt;
                unestimated_source.get_or_insert(main.source.as_str());
                let (zh, en) = match k {
                    "drugs" => ("药品", "drug"),
                    "exams" => ("检查", "examination"),
                    "treatment" => ("诊疗", "treatment"),
                    _ => ("靶向药", "targeted-drug"),
                };
                notes.push(Message::new(
                    lang,
                    &format!("政策未说明该病种的{zh}费用（expenses.{k}）如何报销，未计入报销估算"),
                    &format!("the policy does not say how {en} spending (expenses.{k}) is paid for this disease; not counted as reimbursed"),
                    Some(&main.source),
                ));
            }
        }
        if unestimated > 0 {
            let y = Yuan(unestimated).to_string();
            notes.push(Message::new(
                lang,
                &format!("有 {y} 元门诊费用的报销办法未公布，按全部自付计入自付金额：报销金额为下限，自付金额为上限"),
                &format!("{y} yuan of outpatient spending is paid under rules that are not published; it is counted as paid by you, so the reimbursement is a lower bound and the out-of-pocket amount an upper bound"),
                unestimated_source.or(Some(&main.source)),
            ));
        }
    } else {
        notes.push(Message::new(lang, "未提供预计费用，只给出比例和限额", "no expected spending given: only the ratio and cap are shown", None));
    }
    if main.ratio_kind == RatioKind::Floor {
        notes.push(Message::new(
            lang,
            "报销比例只公布了下限，估算为最少可报金额",
            "only a floor of the ratio is published: the estimate is the least that is paid",
            Some(&main.source),
        ));
    }
    if main.annual_cap.is_none() {
        notes.push(Message::new(lang, "未公布年度限额", "no annual cap is published", Some(&main.source)));
    }
    Some(Estimate {
        reimbursed: ex.map(|_| Yuan(reimbursed)),
        out_of_pocket: ex.map(|_| Yuan((outpatient - reimbursed).max(0))),
        annual_cap: main.annual_cap.map(|c| Yuan((c * 100.0).round() as Fen)),
        ratio: main.ratio,
        ratio_kind: main.ratio_kind,
        exact,
        notes,
        pools: results,
        outside,
        unestimated: Yuan(unestimated),
        trace,
    })
}

// ---------------------------------------------------------------- timeline

/// The calendar notices for the years from `a` to `b`.
fn calendar_source(cal: &Calendar, a: Date, b: Date) -> String {
    cal.years().iter().filter(|y| y.year >= a.year() && y.year <= b.year()).map(|y| y.source.as_str()).collect::<Vec<_>>().join("; ")
}

/// The decision bound of a track: (the bound, what it counts from, the
/// earlier reading where there are two). Without a batch: N working days
/// after submission. With a monthly batch whose day is not published
/// (Rizhao "每月集中审核一次，20个工作日内完成"), the text allows counting
/// from submission or from the batch; the later is given: N working days
/// after the latest day the batch can fall on, the last day of the month
/// `every_months` after submission's.
fn decision_bound(cal: &Calendar, tt: &crate::pack::TrackTiming, as_of: Date) -> Option<Result<(Date, &'static str, Option<Date>), crate::calendar::Uncovered>> {
    let n = tt.decision_working_days?;
    let from_submission = match cal.nth_working_day_after(as_of, n) {
        Ok(d) => d,
        Err(u) => return Some(Err(u)),
    };
    let Some(b) = &tt.batch else { return Some(Ok((from_submission, "submission", None))) };
    let m = as_of.add_months(b.every_months as i32);
    let batch_by = Date::new(m.year(), m.month(), crate::date::days_in_month(m.year(), m.month())).unwrap_or(m);
    Some(cal.nth_working_day_after(batch_by, n).map(|d| (d, "monthly_batch", Some(from_submission))))
}

/// Says which two readings a batched decision bound has, and which is given.
fn batch_note(t: &mut Timeline, tt: &crate::pack::TrackTiming, from_submission: Date, from_batch: Date, lang: Lang) {
    let (Some(b), Some(n)) = (&tt.batch, tt.decision_working_days) else { return };
    t.notes.push(Message::new(
        lang,
        &format!("每月集中审核一次，具体日期未公布：若从提交之日算起，{n}个工作日内即 {from_submission} 前；若从当月集中审核之日算起（最迟为下月底），最迟 {from_batch} 前。此处按较晚的日期估计"),
        &format!("Reviews run once a month on a day that is not published: counted from submission, {n} working days is {from_submission}; counted from the monthly review (at the latest the end of next month), as late as {from_batch}. The later date is shown"),
        Some(&b.source),
    ));
}

fn timeline(pack: &Pack, cal: &Calendar, track: Option<Track>, disease: Option<&DiseaseDef>, as_of: Date, lang: Lang) -> Timeline {
    let mut t = Timeline { submitted: Some(as_of), ..Timeline::default() };
    // A date outside the calendar is said, never guessed (weekends only).
    let years: Vec<String> = cal.years().iter().map(|y| y.year.to_string()).collect();
    let uncovered = |d: Date, t: &mut Timeline| {
        let zh = format!("工作日历只覆盖 {} 年，未覆盖 {} 年：无法推算工作日日期，不作猜测", years.join("、"), d.year());
        let en = format!("the working-day calendar covers {} only, not {}: dates that count working days cannot be computed and are not guessed", years.join(", "), d.year());
        if !t.notes.iter().any(|n| n.message_en == en) {
            t.notes.push(Message::new(lang, &zh, &en, Some("reference/FACTS.md §Official working-day calendar (a date outside the years it covers must not be treated as weekends only)")));
        }
    };
    let dated = |figure: &str, d: Date, rule: &str, t: &mut Timeline| {
        let cs = calendar_source(cal, as_of, d);
        let source = if cs.is_empty() { rule.to_string() } else { format!("{rule}; {cs}") };
        t.trace.push(TraceStep { figure: format!("timeline.{figure}"), value: serde_json::json!(d.to_string()), source, cite: None });
    };
    let Some(track) = track else {
        for n in &pack.timeline.notes {
            t.notes.push(Message::note(lang, n));
        }
        let mut latest: Option<(Date, &str)> = None;
        for tt in &pack.timeline.tracks {
            if let Some(bound) = decision_bound(cal, tt, as_of) {
                match bound.map(|b| b.0) {
                    Ok(d) => {
                        if latest.is_none_or(|(l, _)| d > l) {
                            latest = Some((d, tt.source.as_str()));
                        }
                    }
                    Err(u) => {
                        uncovered(u.0, &mut t);
                        latest = None;
                        break;
                    }
                }
            }
        }
        if let Some((d, src)) = latest {
            dated("decision_by_latest", d, src, &mut t);
            // The latest bound comes from a batched track: say which reading.
            if let Some(tt) = pack.timeline.tracks.iter().find(|tt| tt.source == src && tt.batch.is_some()) {
                if let Some(Ok((_, _, Some(e)))) = decision_bound(cal, tt, as_of) {
                    batch_note(&mut t, tt, e, d, lang);
                }
            }
        }
        t.decision_by_latest = latest.map(|(d, _)| d);
        return t;
    };
    if track == Track::Offline {
        match cal.is_working_day(as_of) {
            Ok(false) => t.notes.push(Message::new(
                lang,
                &format!("{as_of} 不是工作日：材料须在工作日报送"),
                &format!("{as_of} is not a working day: papers are accepted on working days"),
                Some(&calendar_source(cal, as_of, as_of)),
            )),
            Ok(true) => {}
            Err(u) => uncovered(u.0, &mut t),
        }
    }
    let Some(tt) = pack.timeline.tracks.iter().find(|x| x.track == track) else {
        for n in &pack.timeline.notes {
            t.notes.push(Message::note(lang, n));
        }
        return t;
    };
    for n in &tt.notes {
        t.notes.push(Message::note(lang, n));
    }
    t.resubmit_within_working_days = tt.resubmit_working_days;
    if let Some(n) = tt.resubmit_working_days {
        t.trace.push(TraceStep { figure: "timeline.resubmit_within_working_days".into(), value: serde_json::json!(n), source: tt.source.clone(), cite: None });
    }
    if let Some(n) = tt.pre_review_working_days {
        match cal.nth_working_day_after(as_of, n) {
            Ok(d) => {
                t.pre_review_by = Some(d);
                dated("pre_review_by", d, &tt.source, &mut t);
            }
            Err(u) => uncovered(u.0, &mut t),
        }
    }
    if let (Some(n), Some(bound)) = (tt.decision_working_days, decision_bound(cal, tt, as_of)) {
        match bound {
            Ok((d, from, earlier)) => {
                t.decision_by = Some(d);
                t.decision_counts_from = Some(from);
                t.decision_by_earliest_reading = earlier;
                if let Some(e) = earlier {
                    batch_note(&mut t, tt, e, d, lang);
                }
                // Same day (0 working days) needs no calendar.
                if n == 0 {
                    t.trace.push(TraceStep { figure: "timeline.decision_by".into(), value: serde_json::json!(d.to_string()), source: tt.source.clone(), cite: None });
                } else {
                    dated("decision_by", d, &tt.source, &mut t);
                }
            }
            Err(u) => uncovered(u.0, &mut t),
        }
    }
    if tt.effective_next_day {
        t.effective_from = t.decision_by.map(|d| d.add_days(1));
        if let Some(d) = t.effective_from {
            t.trace.push(TraceStep { figure: "timeline.effective_from".into(), value: serde_json::json!(d.to_string()), source: tt.source.clone(), cite: None });
        }
    }
    if let (Some(eff), Some(d)) = (t.effective_from, disease) {
        if let Some(r) = pack.timeline.renewal.iter().find(|r| r.diseases.iter().any(|x| x == "*" || *x == d.id)) {
            let due = eff.add_months(12 * r.years as i32);
            t.renewal_due = Some(due);
            t.renewal_kind = Some(r.kind);
            t.trace.push(TraceStep { figure: "timeline.renewal_due".into(), value: serde_json::json!(due.to_string()), source: r.source.clone(), cite: None });
            t.notes.push(Message::text(lang, &r.note, &r.source));
        }
    }
    t
}

// ---------------------------------------------------------------- evaluate

/// The note for a disease the pack does not list. Names the disease (from
/// the shared table, else the id or code as given) and says what the text
/// publishes about the catalogue: its total, or that it gives none.
fn unlisted_note(pack: &Pack, given: &str, known: Option<&crate::diseases::KnownDisease>, lang: Lang) -> Message {
    let (name_zh, name_en) = match known {
        Some(k) => (format!("“{}”", k.name.zh), format!("\"{}\"", k.name.en)),
        None => (format!("所填病种（{given}）"), format!("the disease given ({given})")),
    };
    let c = &pack.catalogue;
    let listed = c.diseases.len();
    let (zh, en) = match (c.partial, c.published_total) {
        (false, _) => (
            format!("{name_zh}不在本地区公布的病种目录中"),
            format!("{name_en} is not in this region's published catalogue"),
        ),
        (true, Some(total)) => (
            format!("{name_zh}不在本规则包列出的病种中；公布的病种共 {total} 种，本包只列出文本点名的 {listed} 种，请通过官方渠道确认"),
            format!("{name_en} is not among the diseases this pack lists; the published catalogue has {total}, and the texts name only {listed}: confirm through the official channel"),
        ),
        (true, None) if listed == 0 => (
            format!("政策文本没有公布本地区的病种目录，也没有公布病种总数，无法判断{name_zh}是否纳入，请通过官方渠道确认"),
            format!("the policy texts publish no disease catalogue and no total for this region, so whether {name_en} is covered cannot be told: confirm through the official channel"),
        ),
        (true, None) => (
            format!("{name_zh}不在本规则包列出的病种中；文本没有公布病种总数，本包只列出文本点名的 {listed} 种，请通过官方渠道确认"),
            format!("{name_en} is not among the diseases this pack lists; the text publishes no total and names only {listed}: confirm through the official channel"),
        ),
    };
    Message::new(lang, &zh, &en, Some(&c.source))
}

/// Evaluates one application on `as_of` (the day of evaluation and of
/// submission; `facts.as_of` is ignored here, the caller decides) with
/// messages in zh-CN.
pub fn evaluate(pack: &Pack, cal: &Calendar, facts: &Facts, as_of: Date) -> Outcome {
    evaluate_with(pack, cal, facts, as_of, Options::default())
}

/// As [`evaluate`], with options (language).
pub fn evaluate_with(pack: &Pack, cal: &Calendar, facts: &Facts, as_of: Date, opt: Options) -> Outcome {
    let lang = opt.lang;
    // Derived facts (the applicant's age) are on the day of evaluation.
    let dated;
    let facts = if facts.as_of == Some(as_of) {
        facts
    } else {
        dated = Facts { as_of: Some(as_of), ..facts.clone() };
        &dated
    };
    let disease = pack.disease(facts.disease.id.as_deref(), facts.disease.code.as_deref());
    let ctx = Ctx { pack, facts, disease };
    let eligibility = eligibility(pack, facts, lang);
    let track = match disease {
        Some(d) => d.track.or(pack.default_track),
        None => pack.default_track,
    };
    let mut notes = Vec::new();
    for m in &pack.coverage.missing {
        notes.push(Message::note(lang, m));
    }
    let given = facts.disease.id.as_deref().or(facts.disease.code.as_deref());
    // A disease the pack does not list: named from the shared table of the
    // contract's disease ids and the reference M-codes when it is there.
    let known = if disease.is_none() { crate::diseases::known(facts.disease.id.as_deref(), facts.disease.code.as_deref()) } else { None };
    if let (None, Some(g)) = (disease, given) {
        notes.push(unlisted_note(pack, g, known.as_ref(), lang));
    }
    let est = estimate(pack, &ctx, lang);
    // A pack with no pools at all says so in its coverage notes (shown
    // above); the generic line is for a disease the pools do not cover.
    let told_by_coverage = pack.pools.is_empty() && !pack.coverage.missing.is_empty();
    if est.is_none() && !told_by_coverage {
        // The disease's own pools (without figures) say why, with their source.
        let own: Vec<&Note> = match disease {
            Some(d) => pack.pools.iter().filter(|p| p.diseases.iter().any(|x| x == "*" || *x == d.id)).flat_map(|p| p.notes.iter()).collect(),
            None => Vec::new(),
        };
        if own.is_empty() {
            notes.push(Message::new(
                lang,
                "本地区（或本病种）未公布报销比例和限额，无法估算",
                "no benefit figures are published for this region (or disease): no estimate",
                Some(&pack.catalogue.source),
            ));
        }
        for n in own {
            notes.push(Message::note(lang, n));
        }
    }
    if let (Some(e), Status::Ineligible) = (&est, eligibility.status) {
        if e.reimbursed.is_some() {
            notes.push(Message::new(
                lang,
                "按目前情况不符合条件：报销估算仅供参考，表示认定后可报销的金额",
                "Not eligible as things stand: the estimate only shows what would be paid once recognised",
                None,
            ));
        }
    }
    let channels: Vec<ChannelRef> = pack
        .channels
        .iter()
        .map(|c| ChannelRef {
            kind: c.kind,
            name: lang.pick(&c.name.zh, &c.name.en).to_string(),
            name_en: c.name.en.clone(),
            instructions: lang.pick(&c.instructions.zh, &c.instructions.en).to_string(),
            instructions_en: c.instructions.en.clone(),
            endpoint: c.endpoint.clone(),
            source: c.source.clone(),
            cite: None,
        })
        .collect();
    let from = Date::parse(&pack.effective.from);
    let to = pack.effective.to.as_deref().and_then(Date::parse);
    if from.is_some_and(|f| as_of < f) || to.is_some_and(|t| as_of > t) {
        notes.push(Message::new(
            lang,
            &format!("{as_of} 不在本规则包的适用期内（{} 起）", pack.effective.from),
            &format!("{as_of} is outside this pack's period (from {})", pack.effective.from),
            Some(&pack.effective.source),
        ));
    } else if as_of.year() > pack.policy_year {
        notes.push(Message::new(
            lang,
            &format!("本规则包依据{}年的政策，{}年的政策可能已有变化", pack.policy_year, as_of.year()),
            &format!("this pack follows the {} policy; {} rules may have changed", pack.policy_year, as_of.year()),
            Some(&pack.effective.source),
        ));
    }
    // A pack note with a condition is shown unless the condition fails.
    for n in &pack.notes {
        if n.when.as_ref().is_none_or(|w| ctx.rule(w, &mut Vec::new()) != Tri::Fail) {
            notes.push(Message::note(lang, n));
        }
    }
    let mut out = Outcome {
        region: pack.id.clone(),
        pack: PackRef {
            id: pack.id.clone(),
            version: pack.version.clone(),
            policy_year: pack.policy_year,
            coverage: pack.coverage.level,
            catalogue: CatalogueRef {
                published_total: pack.catalogue.published_total,
                listed: pack.catalogue.diseases.len(),
                partial: pack.catalogue.partial,
                source: pack.catalogue.source.clone(),
            },
        },
        as_of,
        disease: disease
            .map(|d| DiseaseRef {
                id: d.id.clone(),
                name: lang.pick(&d.name.zh, &d.name.en).to_string(),
                name_en: d.name.en.clone(),
                listed: true,
                m_code: d.m_code.clone(),
                m_code_verified: false,
            })
            .or_else(|| {
                // Not listed, but a contract disease id: still named (for the
                // letter of authorisation, the summary), with listed: false.
                let k = known.as_ref()?;
                Some(DiseaseRef {
                    id: k.id.clone()?,
                    name: lang.pick(&k.name.zh, &k.name.en).to_string(),
                    name_en: k.name.en.clone(),
                    listed: false,
                    m_code: k.m_code.clone(),
                    m_code_verified: false,
                })
            }),
        eligibility,
        track,
        materials: materials(pack, &ctx, as_of, lang),
        estimate: est,
        timeline: timeline(pack, cal, track, disease, as_of, lang),
        channel: channels.first().cloned(),
        channels,
        notes,
    };
    cite_all(&mut out, pack);
    out
}

/// Gives every check, material, problem, note and figure its `cite`: the
/// title and section a citizen reads, from its `source` and the pack's
/// `sources`. One pass at the end, so no builder above can forget it.
fn cite_all(o: &mut Outcome, pack: &Pack) {
    let msg = |m: &mut Message| m.cite = m.source.as_deref().map(|s| pack.cite(s));
    let trace = |t: &mut TraceStep| t.cite = Some(pack.cite(&t.source));
    for c in &mut o.eligibility.checks {
        c.cite = Some(pack.cite(&c.source));
    }
    for m in &mut o.materials {
        m.cite = Some(pack.cite(&m.source));
        for p in &mut m.problems {
            p.cite = p.source.as_deref().map(|s| pack.cite(s));
        }
        m.detail.iter_mut().for_each(msg);
        m.hints.iter_mut().for_each(msg);
    }
    if let Some(e) = &mut o.estimate {
        e.notes.iter_mut().for_each(msg);
        e.trace.iter_mut().for_each(trace);
    }
    o.timeline.notes.iter_mut().for_each(msg);
    o.timeline.trace.iter_mut().for_each(trace);
    for c in o.channels.iter_mut().chain(o.channel.iter_mut()) {
        c.cite = Some(pack.cite(&c.source));
    }
    o.notes.iter_mut().for_each(msg);
}

impl Outcome {
    /// The contract JSON.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}
