//! Evaluation: facts + pack + calendar → [`Outcome`] (contract v1 result).

use crate::calendar::Calendar;
use crate::date::Date;
use crate::facts::{Document, FactValue, Facts, Fen, EXPENSE_KINDS};
use crate::pack::{
    AnswerKind, AnswerOption, CheckDef, Cite, CoverageLevel, DiseaseDef, MaterialDef, Need, Note, Pack, RatioKind, RenewalKind, Rule,
    SealKind, Str, Text, Track, WindowFrom,
};
use crate::text::{cat, signed_digits};
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
    fn pick<'a, T: ?Sized>(self, zh: &'a T, en: &'a T) -> &'a T {
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
    pub message: Str,
    pub message_zh: Str,
    pub message_en: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Str>,
    /// The source as a citizen reads it (title and section).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

impl Message {
    /// `zh` and `en` are the pack's text (shared), the core's own words
    /// (`&'static str`) or text made for this result (a `String`).
    fn new(lang: Lang, zh: impl Into<Str>, en: impl Into<Str>, source: Option<&Str>) -> Message {
        let (zh, en) = (zh.into(), en.into());
        Message { message: lang.pick(&zh, &en).clone(), message_zh: zh, message_en: en, source: source.cloned(), cite: None }
    }
    fn note(lang: Lang, n: &Note) -> Message {
        Message::new(lang, &n.zh, &n.en, Some(&n.source))
    }
    fn text(lang: Lang, t: &Text, source: &Str) -> Message {
        Message::new(lang, &t.zh, &t.en, Some(source))
    }
}

/// The contract v1 result.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub region: Str,
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
    pub id: Str,
    pub version: Str,
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
    pub source: Str,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DiseaseRef {
    pub id: Str,
    pub name: Str,
    pub name_en: Str,
    /// Listed in the pack's catalogue (false: not among the diseases the
    /// texts name; the catalogue may still include it).
    pub listed: bool,
    pub m_code: Option<Str>,
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
    pub missing: Vec<Str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CheckResult {
    pub id: Str,
    pub outcome: Tri,
    pub message: Str,
    pub message_zh: Str,
    pub message_en: Str,
    pub source: Str,
    pub cite: Option<Cite>,
    /// The main fact path this check depends on (`null` for a policy unknown).
    pub fact: Option<Str>,
    /// Every fact path this check reads.
    pub facts: Vec<Str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MaterialResult {
    pub id: Str,
    pub name: Str,
    pub name_zh: Str,
    pub name_en: Str,
    pub required: bool,
    /// `required`, `usually_required` (the text says 通常), `conditional`
    /// (depends on a fact not yet known) or `may_be_required` (部分病种需:
    /// needed for some diseases the text does not name).
    pub requirement: Requirement,
    pub status: MaterialStatus,
    pub problems: Vec<MaterialProblem>,
    pub detail: Option<Message>,
    /// Validity window in months, if the pack has one.
    pub window_months: Option<u32>,
    /// Where the validity window comes from.
    pub window_source: Option<Str>,
    /// What the window counts from: `issued` or `period_end`.
    pub window_from: Option<WindowFrom>,
    /// The seal kinds that satisfy the text (contract v1.1 `seal`).
    pub seal_accepts: Vec<SealKind>,
    /// True when the paper must be signed (`documents[].signed`).
    pub must_be_signed: bool,
    /// What is still to confirm about a paper the person has (not a
    /// problem, nothing wrong was found): e.g. which seal it carries.
    pub hints: Vec<Message>,
    pub source: Str,
    pub cite: Option<Cite>,
}

/// Declares a contract code enum: serialises to the contract's string,
/// with `as_str` for the app (CSS classes, data attributes).
macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $v),+ }
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

codes!(
    /// `materials[].status` (contract).
    MaterialStatus { Ok = "ok", Missing = "missing", Problem = "problem", Unchecked = "unchecked" }
);
codes!(
    /// `materials[].requirement`: `required`; `usually_required` (the text
    /// says 通常); `conditional` (depends on a fact not yet known);
    /// `may_be_required` (部分病种需: some diseases the text does not name).
    Requirement { Required = "required", UsuallyRequired = "usually_required", Conditional = "conditional", MayBeRequired = "may_be_required" }
);
codes!(
    /// `materials[].problems[].code` (contract v1.1).
    ProblemCode {
        Missing = "missing", Expired = "expired", Unsealed = "unsealed", Unsigned = "unsigned",
        StageMissing = "stage_missing", HospitalLevel = "hospital_level", FileType = "file_type",
        FileTooLarge = "file_too_large", FutureDate = "future_date",
    }
);

impl ProblemCode {
    /// The problem's own words (zh, en); a problem's message starts with them.
    pub fn text(self) -> (&'static str, &'static str) {
        match self {
            ProblemCode::Missing => ("缺少此材料", "this paper is missing"),
            ProblemCode::Expired => ("已超过有效期", "older than its validity window"),
            ProblemCode::Unsealed => ("未加盖所需印章", "does not carry the required seal"),
            ProblemCode::Unsigned => ("缺少所需签字", "not signed as required"),
            ProblemCode::StageMissing => ("未注明疾病分期或分型", "does not state the stage or type of the disease"),
            ProblemCode::HospitalLevel => ("出具机构不符合要求", "the issuing hospital does not meet the requirement"),
            ProblemCode::FileType => ("文件类型不被接受", "file type not accepted"),
            ProblemCode::FileTooLarge => ("文件过大", "file too large"),
            ProblemCode::FutureDate => ("出具日期晚于今天", "issued after today"),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct MaterialProblem {
    pub code: ProblemCode,
    pub message: Str,
    pub message_zh: Str,
    pub message_en: Str,
    /// Index into `documents[]` of the paper concerned, if any.
    pub document: Option<usize>,
    pub source: Option<Str>,
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
    /// Where `ratio` and `annual_cap` come from: the pool that gives the ratio.
    pub source: Str,
    pub cite: Option<Cite>,
}

/// Where the core's own rule for inpatient spending comes from.
const INPATIENT_SOURCE: &str = "CONTRACT.md §Facts (expenses: the expected yearly outpatient spending; inpatient care is paid under inpatient rules)";

/// Spending left out of the outpatient estimate.
#[derive(Clone, Debug, Serialize)]
pub struct OutsideSpending {
    pub expense: Str,
    pub spending: Yuan,
    /// The pack's `outside` rule, or the contract when the core's own rule
    /// (inpatient is never outpatient spending) applies.
    pub source: Option<Str>,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PoolResult {
    pub id: Str,
    pub spending: Yuan,
    pub reimbursed: Option<Yuan>,
    pub annual_cap: Option<Yuan>,
    pub ratio: Option<f64>,
    pub capped: bool,
    /// The pack's pool: where its ratio and cap (or their absence) come from.
    pub source: Str,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TraceStep {
    pub figure: Str,
    pub value: Value,
    pub source: Str,
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
    /// Where the dates come from: the timing rule of the track (or, where
    /// the text gives no dates, the section that says so); null when the
    /// track is not known.
    pub source: Option<Str>,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChannelRef {
    pub kind: crate::pack::ChannelKind,
    pub name: Str,
    pub name_en: Str,
    pub instructions: Str,
    pub instructions_en: Str,
    pub endpoint: Option<Str>,
    pub source: Str,
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
    pub source: Str,
    pub cite: Cite,
    pub options: Vec<AnswerOption>,
    /// The check that needs it.
    pub check: String,
    /// True when the text is the proxy form (someone files for the applicant).
    pub proxy: bool,
}

// The four engines, one module each; the types above are the result.
mod eligibility;
mod estimate;
mod materials;
mod timeline;

pub use eligibility::{eligibility, next_question, phrase, proxy_names};
pub use estimate::apply_ratio;
pub use materials::{APP_FILE_EXTENSIONS, APP_FILE_SOURCE, APP_FILE_TYPES, APP_MAX_FILE_BYTES};
use eligibility::Ctx;
use estimate::estimate;
use materials::materials;
use timeline::timeline;

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
    Message::new(lang, zh, en, Some(&c.source))
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
    // Room for the pack's notes and the few the core adds (unlisted, no
    // estimate, not eligible, out of period): one allocation, no regrowth.
    let mut notes = Vec::with_capacity(pack.coverage.missing.len() + pack.notes.len() + 4);
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
            name: lang.pick(&c.name.zh, &c.name.en).clone(),
            name_en: c.name.en.clone(),
            instructions: lang.pick(&c.instructions.zh, &c.instructions.en).clone(),
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
            cat(&[&as_of.text(), " 不在本规则包的适用期内（", &pack.effective.from, " 起）"]),
            cat(&[&as_of.text(), " is outside this pack's period (from ", &pack.effective.from, ")"]),
            Some(&pack.effective.source),
        ));
    } else if as_of.year() > pack.policy_year {
        let (policy, now) = (signed_digits(pack.policy_year.into()), signed_digits(as_of.year().into()));
        notes.push(Message::new(
            lang,
            cat(&["本规则包依据", &policy, "年的政策，", &now, "年的政策可能已有变化"]),
            cat(&["this pack follows the ", &policy, " policy; ", &now, " rules may have changed"]),
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
                cite: None,
            },
        },
        as_of,
        disease: disease
            .map(|d| DiseaseRef {
                id: d.id.clone(),
                name: lang.pick(&d.name.zh, &d.name.en).clone(),
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
                    name: lang.pick(&k.name.zh, &k.name.en).clone(),
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
    pack.with_cites(|cite| {
        let msgs = |ms: &mut [Message], cite: &mut dyn FnMut(&Str) -> Cite| {
            for m in ms {
                m.cite = m.source.as_ref().map(&mut *cite);
            }
        };
        let trace = |ts: &mut [TraceStep], cite: &mut dyn FnMut(&Str) -> Cite| {
            for t in ts {
                t.cite = Some(cite(&t.source));
            }
        };
        for c in &mut o.eligibility.checks {
            c.cite = Some(cite(&c.source));
        }
        for m in &mut o.materials {
            m.cite = Some(cite(&m.source));
            for p in &mut m.problems {
                p.cite = p.source.as_ref().map(&mut *cite);
            }
            msgs(m.detail.as_mut_slice(), cite);
            msgs(&mut m.hints, cite);
        }
        o.pack.catalogue.cite = Some(cite(&o.pack.catalogue.source));
        if let Some(e) = &mut o.estimate {
            e.cite = Some(cite(&e.source));
            msgs(&mut e.notes, cite);
            trace(&mut e.trace, cite);
            for p in &mut e.pools {
                p.cite = Some(cite(&p.source));
            }
            for x in &mut e.outside {
                x.cite = x.source.as_ref().map(&mut *cite);
            }
        }
        o.timeline.cite = o.timeline.source.as_ref().map(&mut *cite);
        msgs(&mut o.timeline.notes, cite);
        trace(&mut o.timeline.trace, cite);
        for c in o.channels.iter_mut().chain(o.channel.iter_mut()) {
            c.cite = Some(cite(&c.source));
        }
        msgs(&mut o.notes, cite);
    })
}

impl Outcome {
    /// The contract JSON.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}
