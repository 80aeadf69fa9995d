//! Region rule packs: one JSON file per region in `public/regions/`.
//!
//! A pack is data, validated on load: [`Pack::from_json`] checks the schema
//! (every problem, each with its JSON path) and then the meaning
//! ([`validate_pack`]): unknown material ids and fact paths, a check /
//! material / window / figure without a source, inverted or overlapping
//! dates, a disease in no pool, duplicate ids, references to diseases the
//! catalogue does not list.

use crate::date::Date;
use crate::facts::{fact, fact_paths, Asked, FactType, EXPENSE_KINDS};
use crate::problem::{index, join, json_syntax, Problem};
use crate::MATERIAL_IDS;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};
pub use crate::text::Str;

/// Current pack schema version.
pub const SCHEMA: u32 = 1;

/// A text in both languages.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: Str,
    pub en: Str,
}

/// A note with the policy source it comes from.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub zh: Str,
    pub en: Str,
    pub source: Str,
    /// Only in the pack's general `notes`: shown unless this rule fails
    /// (shown when it passes or is unknown), e.g. a proxy filing for
    /// someone not known to be elderly or disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Rule>,
}

/// A region's rules for one policy year.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Pack schema version; must be 1.
    pub schema: u32,
    /// Region id, e.g. `shanxi-linfen`.
    pub id: Str,
    /// Pack version, e.g. `2025.1`.
    pub version: Str,
    pub name: Text,
    pub policy_year: i32,
    pub effective: Effective,
    pub coverage: Coverage,
    /// The policy texts this pack is built from.
    pub sources: Vec<SourceDoc>,
    /// Insurance schemes the pack covers: `employee`, `resident`.
    #[serde(default)]
    pub schemes: Vec<String>,
    pub catalogue: Catalogue,
    /// Track for a disease without its own (`null` = not published).
    #[serde(default)]
    pub default_track: Option<Track>,
    #[serde(default)]
    pub checks: Vec<CheckDef>,
    #[serde(default)]
    pub materials: Vec<MaterialDef>,
    /// File rules for uploads (`null` = none published).
    #[serde(default)]
    pub upload: Option<UploadRules>,
    /// Benefit pools. Empty = no published benefit figures (estimate `null`).
    #[serde(default)]
    pub pools: Vec<Pool>,
    /// Expenses explicitly outside the outpatient estimate.
    #[serde(default)]
    pub outside: Vec<Outside>,
    pub timeline: TimelineDef,
    /// Submission channels, the first being the primary one.
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub questions: Vec<QuestionDef>,
    /// General notes shown with every result.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Citations already built from this pack's sources (see [`CiteCache`]).
    #[serde(skip)]
    pub(crate) cites: CiteCache,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Effective {
    /// First day the pack applies (YYYY-MM-DD).
    pub from: String,
    /// Last day (inclusive), or `null` = until replaced.
    #[serde(default)]
    pub to: Option<String>,
    pub source: Str,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CoverageLevel {
    Full,
    Partial,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub level: CoverageLevel,
    /// What the pack does not know (each with why).
    #[serde(default)]
    pub missing: Vec<Note>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// The file name under `policy/`, which every `source` starts with.
    pub file: String,
    /// The document's title as a citizen reads it (shown in `cite`).
    pub title: String,
    /// The title in English, for the English interface.
    #[serde(default)]
    pub title_en: Option<String>,
}

/// A citation a citizen can read: the policy document's title and the
/// section, from a `source` string (`file §section`) and the pack's
/// `sources`. `source` keeps the file form for rule authors. Shared: an
/// evaluation cites the same few sources on every message, so a copy of a
/// citation is one reference count (its fields read through it: `c.title`).
/// Serialized as its fields.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Cite(Arc<CiteText>);

/// What a [`Cite`] says.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CiteText {
    pub title: Arc<str>,
    pub title_en: Arc<str>,
    pub section: Arc<str>,
}

impl Cite {
    pub fn new(title: Arc<str>, title_en: Arc<str>, section: Arc<str>) -> Cite {
        Cite(Arc::new(CiteText { title, title_en, section }))
    }
}

impl std::ops::Deref for Cite {
    type Target = CiteText;
    fn deref(&self) -> &CiteText {
        &self.0
    }
}

/// The citations a pack has built, by source string: [`Pack::cite`] builds
/// each once (an evaluation asks for them again and again; their strings
/// were most of its allocations). Keyed with rustc-hash's Fx hash: SipHash
/// over the long source strings was most of a cached citation's cost, and
/// the keys are the pack's and the core's own sources (and the calendar's
/// notices joined for a span of years), never a person's input. An
/// evaluation finds a pack's own sources by their `Str`'s identity
/// ([`Cites`]), the rest by text.
/// Invariants: a pack's `sources` are not changed once it cites (nothing
/// does after [`Pack::from_json`]); a clone starts empty, so a pack made
/// from another with other sources (`Pack { sources, ..p.clone() }`) never
/// sees the other's citations; it holds at most [`CITE_CACHE_MAX`] (a
/// long-lived pack in the intake server cannot grow without bound, whatever
/// calendars it is evaluated with).
#[derive(Default)]
pub struct CiteCache(Mutex<Cites>);

/// The two maps of a [`CiteCache`]: by text, and by the identity of a pack's
/// (or the core's) `Str` ([`Str::identity`]), which an evaluation asks for
/// ~50 times: a lookup by two words instead of hashing and comparing a
/// ~60-byte source. An entry by identity keeps its `Str` (so its address is
/// not freed and reused for another text while it is a key).
#[derive(Default)]
struct Cites {
    by_text: FxHashMap<Box<str>, Cite>,
    by_identity: FxHashMap<(usize, usize), (Str, Cite)>,
}

/// The most citations a pack keeps (a shipped pack has at most 51
/// distinct sources of its own, public/regions/shanxi-linfen.json); past it
/// a citation is built and not kept.
const CITE_CACHE_MAX: usize = 1024;

impl Clone for CiteCache {
    fn clone(&self) -> Self {
        CiteCache::default()
    }
}

impl std::fmt::Debug for CiteCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CiteCache")
    }
}

/// Titles of what the core itself cites besides a pack's policy texts.
const CORE_SOURCES: [(&str, &str, &str); 3] = [
    ("CONTRACT.md", "慢特通自身的规则（不是医保政策）", "mantetong's own rule (not an insurance policy)"),
    ("reference/FACTS.md", "慢特通参考资料", "mantetong reference facts"),
    ("PRC-elderly-rights-law", "中华人民共和国老年人权益保障法", "Law of the PRC on the Protection of the Rights and Interests of the Elderly"),
];

/// The parts of a source joined by `"; "`: the same pieces as
/// `s.split("; ")`, found with a byte search for `;` (a `&str` pattern
/// builds a two-way searcher on every call, which was most of the cost of
/// [`Pack::cite`] on every evaluation).
fn source_parts(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        let mut from = 0;
        while let Some(i) = r[from..].find(';').map(|i| i + from) {
            if r.as_bytes().get(i + 1) == Some(&b' ') {
                rest = Some(&r[i + 2..]);
                return Some(&r[..i]);
            }
            from = i + 1;
        }
        rest = None;
        Some(r)
    })
}

impl Pack {
    /// The part of a source after its first file, as a citizen reads it:
    /// the file names of further parts (`; reference/FACTS.md`, `; 000_….txt
    /// §二`) are for rule authors, so a part from a core file (the project's
    /// own documents) is dropped and a pack file's part keeps its section.
    /// Built in one string (it is never longer than `rest`).
    fn readable_section(&self, rest: &str) -> String {
        // Most sources have one part.
        if !rest.contains(';') {
            return rest.trim().to_string();
        }
        let mut out = String::new();
        for (i, part) in source_parts(rest).enumerate() {
            let part = part.trim();
            let mut keep = part;
            if i > 0 {
                if CORE_SOURCES.iter().any(|(f, _, _)| part.starts_with(f)) {
                    keep = "";
                } else if let Some(d) = self.sources.iter().find(|d| part.starts_with(d.file.as_str())) {
                    keep = part[d.file.len()..].trim();
                }
            }
            if keep.is_empty() {
                continue;
            }
            if out.is_empty() {
                out.reserve_exact(rest.len());
            } else {
                out.push_str("; ");
            }
            out.push_str(keep);
        }
        out
    }

    /// The citation for a `source` string: the title of the pack's source
    /// (or the core's own / the calendar notice) and the section after the
    /// file name. Where a source joins several (`a; b`), the first is cited.
    pub fn cite(&self, source: &str) -> Cite {
        match self.cites.0.lock() {
            Ok(mut cache) => self.cite_by_text(&mut cache, source),
            // A poisoned lock (a panic while building a citation) only
            // loses the cache: build the citation afresh.
            Err(_) => self.build_cite(source),
        }
    }

    fn cite_by_text(&self, cache: &mut Cites, source: &str) -> Cite {
        if let Some(c) = cache.by_text.get(source) {
            return c.clone();
        }
        let c = self.build_cite(source);
        if cache.by_text.len() < CITE_CACHE_MAX {
            cache.by_text.insert(source.into(), c.clone());
        }
        c
    }

    /// `f` with [`Pack::cite`] for `Str`s under one lock of the cache (an
    /// evaluation cites ~50 sources: one lock, not one per citation); a
    /// pack's text is found by its identity, other text by its bytes.
    pub(crate) fn with_cites<R>(&self, f: impl FnOnce(&mut dyn FnMut(&Str) -> Cite) -> R) -> R {
        let Ok(mut cache) = self.cites.0.lock() else {
            return f(&mut |source| self.build_cite(source));
        };
        f(&mut |source| {
            let Some(id) = source.identity() else {
                return self.cite_by_text(&mut cache, source);
            };
            if let Some((_, c)) = cache.by_identity.get(&id) {
                return c.clone();
            }
            let c = self.cite_by_text(&mut cache, source);
            if cache.by_identity.len() < CITE_CACHE_MAX {
                cache.by_identity.insert(id, (source.clone(), c.clone()));
            }
            c
        })
    }

    fn build_cite(&self, source: &str) -> Cite {
        let s = source.trim();
        for d in &self.sources {
            if let Some(rest) = s.strip_prefix(d.file.as_str()) {
                return Cite::new(
                    d.title.as_str().into(),
                    d.title_en.as_ref().unwrap_or(&d.title).as_str().into(),
                    self.readable_section(rest).into(),
                );
            }
        }
        for (file, zh, en) in CORE_SOURCES {
            if let Some(rest) = s.strip_prefix(file) {
                return Cite::new(zh.into(), en.into(), rest.trim().into());
            }
        }
        // A calendar notice (国务院办公厅关于…的通知 (date)) or anything else:
        // its own text is its title.
        let first = source_parts(s).next().unwrap_or(s);
        let first: Arc<str> = first.into();
        Cite::new(first.clone(), first, "".into())
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The published number of diseases (`null` = not published).
    pub published_total: Option<u32>,
    /// True when `diseases` lists only some of them.
    pub partial: bool,
    pub source: Str,
    pub diseases: Vec<DiseaseDef>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DiseaseDef {
    pub id: Str,
    pub name: Text,
    /// National M-code cross-reference (UNVERIFIED, see reference/FACTS.md).
    #[serde(default)]
    pub m_code: Option<Str>,
    /// A rule the disease facts must meet (e.g. hypertension grade Ⅲ).
    #[serde(default)]
    pub qualifier: Option<Rule>,
    /// How the qualifier reads, for messages.
    #[serde(default)]
    pub qualifier_text: Option<Text>,
    /// Review track (`null` falls back to the pack's default_track).
    #[serde(default)]
    pub track: Option<Track>,
    pub source: Str,
}

/// How an application is decided.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// 即时办结
    Instant,
    /// 集中审核
    Centralized,
    /// 预审 + 专家复核
    ExpertReview,
    /// paper at a hospital or service hall
    Offline,
}

impl Track {
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Instant => "instant",
            Track::Centralized => "centralized",
            Track::ExpertReview => "expert_review",
            Track::Offline => "offline",
        }
    }
}

/// The fact the catalogue rules (`disease_listed`, `disease_qualifier`) read.
pub(crate) static DISEASE_ID: Str = Str::lit("disease.id");

/// A three-valued rule over the facts.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Passes when the fact equals `value`, fails when it is known and differs.
    Eq {
        #[serde(deserialize_with = "de_fact_path")]
        fact: Str,
        value: Value,
    },
    /// Passes when the fact is one of `values`.
    In {
        #[serde(deserialize_with = "de_fact_path")]
        fact: Str,
        values: Vec<Value>,
    },
    /// Passes when the (numeric) fact is at least `value`.
    AtLeast {
        #[serde(deserialize_with = "de_fact_path")]
        fact: Str,
        value: i64,
    },
    /// Passes when the (string) fact starts with one of `values`.
    Prefix {
        #[serde(deserialize_with = "de_fact_path")]
        fact: Str,
        values: Vec<String>,
    },
    /// Passes when any passes; fails when all fail; else unknown.
    Any(Vec<Rule>),
    /// Passes when all pass; fails when any fails; else unknown.
    All(Vec<Rule>),
    /// Passes when the rule fails, fails when it passes; unknown stays unknown.
    Not(Box<Rule>),
    /// The disease is in the catalogue (unknown if unlisted in a partial one).
    DiseaseListed {},
    /// The disease's own qualifier (grade, complications) holds.
    DiseaseQualifier {},
    /// The policy does not say; always unknown, and no fact can settle it.
    PolicyUnknown {},
    /// `then` when `fact` is known, else `otherwise` (whose missing facts
    /// are the ones reported): a fact the person may state outright, which
    /// the text otherwise settles by other facts (Rizhao's 符合病种诊断标准:
    /// the text's own 病种诊断 row, a diagnosis by a level-2+ designated
    /// institution, stands for it unless the person says it is not met).
    Given {
        #[serde(deserialize_with = "de_fact_path")]
        fact: Str,
        then: Box<Rule>,
        otherwise: Box<Rule>,
    },
}

/// A rule's fact path, read as [`crate::facts::fact_path`] keeps it.
fn de_fact_path<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
    Str::deserialize(d).map(|s| crate::facts::fact_path(&s))
}

/// One eligibility check.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub id: Str,
    pub rule: Rule,
    pub pass: Text,
    pub fail: Text,
    pub unknown: Text,
    /// Shown instead of `unknown` when the outcome is unknown although no
    /// fact is missing: the policy text is silent (a `policy_unknown`
    /// branch), so only the bureau can say.
    #[serde(default)]
    pub silent: Option<Text>,
    pub source: Str,
    /// Only for these diseases (`null` = all).
    #[serde(default)]
    pub diseases: Option<Vec<String>>,
}

/// Whether a material is needed.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Required (when `when` holds).
    Required,
    /// The text says "usually" (通常包括): listed as required, with a hedge.
    Usually,
    /// Needed for some diseases the text does not name (部分病种需).
    MayBeRequired,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialDef {
    /// One of the contract's material ids.
    pub id: Str,
    pub name: Text,
    pub need: Need,
    /// Condition on the facts (e.g. proxy present); `null` = always.
    #[serde(default)]
    pub when: Option<Rule>,
    /// Only for these diseases (`null` = all).
    #[serde(default)]
    pub diseases: Option<Vec<String>>,
    /// What the paper must be / show.
    #[serde(default)]
    pub detail: Option<Text>,
    #[serde(default)]
    pub window: Option<Window>,
    #[serde(default)]
    pub seal: Option<SealRule>,
    #[serde(default)]
    pub states_stage: Option<Sourced>,
    #[serde(default)]
    pub signed: Option<SignedRule>,
    #[serde(default)]
    pub hospital: Option<HospitalRule>,
    pub source: Str,
}

/// A validity window: the paper must be issued within `months` before `as_of`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub months: u32,
    /// What the window counts from: the day the paper was issued
    /// (default), or the end of the period it records (`period_end`: the
    /// discharge date of an inpatient stay, "近两年的住院病历").
    #[serde(default)]
    pub counts_from: WindowFrom,
    pub source: Str,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WindowFrom {
    #[default]
    Issued,
    PeriodEnd,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    pub source: Str,
}

/// Kinds of seal (contract v1.1 `documents[].seal`).
/// The paper must be signed (contract v1.1 `documents[].signed`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SignedRule {
    /// Who signs (主治医师), for the message.
    #[serde(default)]
    pub by: Option<Text>,
    pub source: Str,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SealKind {
    /// 医院公章: the hospital's own official seal
    Hospital,
    /// a seal of one of the hospital's departments or offices (检验科、
    /// 影像科、门诊、诊断证明专用章)
    Department,
    /// 病案室专用章
    MedicalRecordsRoom,
    /// any other seal
    Other,
}

impl SealKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SealKind::Hospital => "hospital",
            SealKind::Department => "department",
            SealKind::MedicalRecordsRoom => "medical_records_room",
            SealKind::Other => "other",
        }
    }
}

/// The seal a paper must carry.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SealRule {
    /// The seal the text names (used in messages).
    pub kind: SealKind,
    /// Every kind that satisfies the text (default: `kind` alone). Linfen's
    /// exam reports "需医院盖章" accept any seal of the hospital, its
    /// departments' included: `["hospital", "department"]`.
    #[serde(default)]
    pub accepts: Vec<SealKind>,
    pub source: Str,
}

impl SealRule {
    /// The kinds that satisfy this rule.
    pub fn accepted(&self) -> Vec<SealKind> {
        if self.accepts.is_empty() {
            vec![self.kind]
        } else {
            self.accepts.clone()
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HospitalRule {
    pub min_level: u8,
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub designated: bool,
    pub source: Str,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRules {
    /// Accepted MIME types; `image/*` matches any image.
    pub types: Vec<String>,
    /// Largest file in bytes (`null` = not published).
    #[serde(default)]
    pub max_bytes: Option<u64>,
    pub source: Str,
}

/// A benefit pool: which expenses of which diseases it pays, at what
/// ratio, up to what yearly cap.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    pub id: Str,
    pub name: Text,
    /// Disease ids, or `["*"]` for every disease of the region.
    pub diseases: Vec<String>,
    /// Expense kinds: drugs, exams, treatment, targeted_drugs, inpatient.
    pub covers: Vec<String>,
    /// Yearly cap in yuan; `null` = none published.
    pub annual_cap: Option<f64>,
    /// Share paid; `null` = not published.
    pub ratio: Option<f64>,
    /// `exact`, or `floor` when the text gives only a lower bound.
    pub ratio_kind: RatioKind,
    pub source: Str,
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RatioKind {
    Exact,
    Floor,
    Unpublished,
}

/// An expense kind that is not part of the outpatient estimate.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outside {
    pub expense: String,
    /// `["*"]` = every disease.
    pub diseases: Vec<String>,
    pub note: Text,
    pub source: Str,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineDef {
    #[serde(default)]
    pub tracks: Vec<TrackTiming>,
    #[serde(default)]
    pub renewal: Vec<Renewal>,
    /// Notes when the track is not known (e.g. which diseases are instant).
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TrackTiming {
    pub track: Track,
    /// Pre-review result within N working days.
    #[serde(default)]
    pub pre_review_working_days: Option<u32>,
    /// Decision within N working days (counted from the first working day
    /// after submission); 0 = the same day.
    #[serde(default)]
    pub decision_working_days: Option<u32>,
    /// Effective the calendar day after the decision.
    #[serde(default)]
    pub effective_next_day: bool,
    /// A rejected application must be resubmitted within N working days.
    #[serde(default)]
    pub resubmit_working_days: Option<u32>,
    /// Applications are reviewed in a batch every N months (Rizhao
    /// "每月集中审核一次"); the day of the batch is not published. Then the
    /// decision bound counts from the latest day the batch that takes the
    /// application can fall on (N months after submission), the later of
    /// the two readings the text allows.
    #[serde(default)]
    pub batch: Option<Batch>,
    pub source: Str,
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    pub every_months: u32,
    pub source: Str,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    pub diseases: Vec<String>,
    pub years: u32,
    /// `automatic` (续期 happens by itself: a reminder to check, not to
    /// act) or `resubmit` (the person must hand in something). Default
    /// `resubmit`.
    #[serde(default)]
    pub kind: RenewalKind,
    pub note: Text,
    pub source: Str,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RenewalKind {
    Automatic,
    #[default]
    Resubmit,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// The region's official app, mini program or website.
    OfficialApp,
    /// An intake endpoint that takes mantetong's package.
    Online,
    /// Paper, in person.
    Paper,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub kind: ChannelKind,
    pub name: Text,
    pub instructions: Text,
    /// For `online`: the intake URL.
    #[serde(default)]
    pub endpoint: Option<Str>,
    /// For `online`: the receiver's official name (临汾市医疗保障局), which
    /// the app shows before anything is sent to `endpoint`.
    #[serde(default)]
    pub receiver: Option<Text>,
    pub source: Str,
}

/// Answer kinds of an interview question.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    YesNo,
    OneOf,
    Date,
    Number,
    Grade,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    /// The (main) fact path it settles.
    pub id: String,
    /// Every fact path an answer sets.
    pub facts: Vec<String>,
    pub kind: AnswerKind,
    pub text: Text,
    pub why: Text,
    /// How the question reads when someone files for the applicant
    /// (required: a proxy must be asked about the person, not about
    /// themselves). Templates: `{who}` (您母亲 / your mother / TA / them)
    /// and `{whose}` (您母亲的 / your mother's / TA的 / their).
    #[serde(default)]
    pub proxy: Option<ProxyForm>,
    pub source: Str,
    #[serde(default)]
    pub options: Vec<AnswerOption>,
}

/// The proxy form of a question: its text, and the hint and option labels
/// that speak of the person (the others are kept as they are).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProxyForm {
    pub text: Text,
    #[serde(default)]
    pub why: Option<Text>,
    /// Option id → label.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub id: String,
    pub label: Text,
    /// Facts this answer sets: `{ "applicant.hukou_local": true }`.
    pub set: serde_json::Map<String, Value>,
}

const TOP_KEYS: [&str; 21] = [
    "schema", "id", "version", "name", "policy_year", "effective", "coverage", "sources", "schemes", "catalogue",
    "default_track", "checks", "materials", "upload", "pools", "outside", "timeline", "channels", "questions",
    "notes", "$comment",
];

#[cfg(feature = "diagnostics")]
fn de<T: serde::de::DeserializeOwned>(v: &Value, path: &str, p: &mut Vec<Problem>) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(v) {
        Ok(t) => Some(t),
        Err(e) => {
            let inner = e.path().to_string();
            let full = if inner == "." || inner.is_empty() {
                path.to_string()
            } else if inner.starts_with('[') {
                format!("{path}{inner}")
            } else {
                join(path, &inner)
            };
            p.push(Problem::new(full, e.into_inner().to_string()));
            None
        }
    }
}

/// Without `diagnostics` (the app): one serde path per type, and a problem
/// names the element (its path) with serde's message.
#[cfg(not(feature = "diagnostics"))]
fn de<T: serde::de::DeserializeOwned>(v: &Value, path: &str, p: &mut Vec<Problem>) -> Option<T> {
    match T::deserialize(v) {
        Ok(t) => Some(t),
        Err(e) => {
            p.push(Problem::new(path, e.to_string()));
            None
        }
    }
}

impl Pack {
    /// Parses and validates a pack. Returns every problem, schema and
    /// meaning, each with its JSON path.
    pub fn from_json(s: &str) -> Result<Pack, Vec<Problem>> {
        let v: Value = serde_json::from_str(s).map_err(|e| vec![json_syntax(&e)])?;
        Pack::from_value(&v)
    }

    /// As [`Pack::from_json`], from a parsed value.
    pub fn from_value(v: &Value) -> Result<Pack, Vec<Problem>> {
        let mut p = Vec::new();
        let Some(obj) = v.as_object() else {
            return Err(vec![Problem::new("$", "expected a JSON object (a rule pack)")]);
        };
        for k in obj.keys() {
            if !TOP_KEYS.contains(&k.as_str()) {
                p.push(Problem::new(k.as_str(), format!("unknown field \"{k}\"")));
            }
        }
        // Deserialize each array element on its own so that every broken
        // element is reported, not only the first; then validate the meaning
        // of what did parse, mapping indices back to the original arrays.
        let mut clean = serde_json::Map::new();
        let mut kept: Vec<(&str, Vec<usize>)> = Vec::new();
        for (k, val) in obj {
            if !TOP_KEYS.contains(&k.as_str()) || k == "$comment" {
                continue;
            }
            let key = TOP_KEYS.iter().find(|t| **t == k.as_str()).copied().unwrap_or("");
            match val {
                Value::Array(items) if !key.is_empty() => {
                    let mut good = Vec::new();
                    let mut idx = Vec::new();
                    for (i, it) in items.iter().enumerate() {
                        let ip = index(k, i);
                        let ok = match key {
                            "sources" => de::<SourceDoc>(it, &ip, &mut p).is_some(),
                            "schemes" => de::<String>(it, &ip, &mut p).is_some(),
                            "checks" => de::<CheckDef>(it, &ip, &mut p).is_some(),
                            "materials" => de::<MaterialDef>(it, &ip, &mut p).is_some(),
                            "pools" => de::<Pool>(it, &ip, &mut p).is_some(),
                            "outside" => de::<Outside>(it, &ip, &mut p).is_some(),
                            "channels" => de::<Channel>(it, &ip, &mut p).is_some(),
                            "questions" => de::<QuestionDef>(it, &ip, &mut p).is_some(),
                            "notes" => de::<Note>(it, &ip, &mut p).is_some(),
                            _ => true,
                        };
                        if ok {
                            good.push(it.clone());
                            idx.push(i);
                        }
                    }
                    kept.push((key, idx));
                    clean.insert(k.clone(), Value::Array(good));
                }
                _ => {
                    clean.insert(k.clone(), val.clone());
                }
            }
        }
        let Some(pack) = de::<Pack>(&Value::Object(clean), "", &mut p) else {
            return Err(p);
        };
        for mut prob in validate_pack(&pack) {
            for (key, idx) in &kept {
                let pre = format!("{key}[");
                if let Some(rest) = prob.path.strip_prefix(&pre) {
                    if let Some(close) = rest.find(']') {
                        if let Some(orig) = rest[..close].parse::<usize>().ok().and_then(|k| idx.get(k)) {
                            prob.path = format!("{key}[{orig}]{}", &rest[close + 1..]);
                        }
                    }
                }
            }
            p.push(prob);
        }
        if p.is_empty() {
            Ok(pack)
        } else {
            Err(p)
        }
    }

    /// The catalogue entry for a disease id or M-code.
    pub fn disease(&self, id: Option<&str>, code: Option<&str>) -> Option<&DiseaseDef> {
        let ds = &self.catalogue.diseases;
        id.and_then(|i| ds.iter().find(|d| d.id == i))
            .or_else(|| code.and_then(|c| ds.iter().find(|d| d.m_code.as_deref() == Some(c))))
    }

    /// True when `on` is inside the pack's effective period.
    pub fn in_force(&self, on: Date) -> bool {
        let from = Date::parse(&self.effective.from);
        let to = self.effective.to.as_deref().and_then(Date::parse);
        from.is_none_or(|f| f <= on) && to.is_none_or(|t| on <= t)
    }

    /// The question for a fact path, if the pack has one.
    pub fn question_for(&self, fact: &str) -> Option<&QuestionDef> {
        self.questions.iter().find(|q| q.facts.iter().any(|f| f == fact))
    }
}

fn covers(list: &[String], id: &str) -> bool {
    list.iter().any(|d| d == "*" || d == id)
}

impl Rule {
    /// The one walker over rules: calls `f` with every fact path the rule
    /// reads, in order (duplicates included). `disease_listed` and
    /// `disease_qualifier` read `disease.id`; a qualifier's own facts are
    /// the disease's, walked by the caller that knows the disease.
    pub fn walk_facts<'a>(&'a self, f: &mut dyn FnMut(&'a Str)) {
        match self {
            Rule::Eq { fact, .. } | Rule::In { fact, .. } | Rule::AtLeast { fact, .. } | Rule::Prefix { fact, .. } => f(fact),
            Rule::Any(rs) | Rule::All(rs) => rs.iter().for_each(|r| r.walk_facts(f)),
            Rule::Not(r) => r.walk_facts(f),
            Rule::Given { fact, then, otherwise } => {
                f(fact);
                then.walk_facts(f);
                otherwise.walk_facts(f);
            }
            Rule::DiseaseListed {} | Rule::DiseaseQualifier {} => f(&DISEASE_ID),
            Rule::PolicyUnknown {} => {}
        }
    }
}

impl Rule {
    /// The facts a `given` rule lets the person state outright (Rizhao's
    /// 符合病种诊断标准): the interview asks them once nothing more decisive
    /// is missing, though the check can pass without them (contract-v1
    /// input that never states them keeps its v1 answer).
    pub fn walk_stated<'a>(&'a self, f: &mut dyn FnMut(&'a str)) {
        match self {
            Rule::Any(rs) | Rule::All(rs) => rs.iter().for_each(|r| r.walk_stated(f)),
            Rule::Not(r) => r.walk_stated(f),
            Rule::Given { fact, then, otherwise } => {
                f(fact);
                then.walk_stated(f);
                otherwise.walk_stated(f);
            }
            _ => {}
        }
    }
}

/// The fact paths a rule reads that a person can be asked (not the
/// `disease.id` implied by the catalogue rules).
fn rule_facts<'a>(r: &'a Rule, out: &mut Vec<&'a str>) {
    match r {
        Rule::DiseaseListed {} | Rule::DiseaseQualifier {} => {}
        Rule::Any(rs) | Rule::All(rs) => rs.iter().for_each(|r| rule_facts(r, out)),
        Rule::Not(r) => rule_facts(r, out),
        Rule::Given { fact, then, otherwise } => {
            out.push(fact);
            rule_facts(then, out);
            rule_facts(otherwise, out);
        }
        _ => r.walk_facts(&mut |f| out.push(f.as_str())),
    }
}

fn check_rule(r: &Rule, path: &str, p: &mut Vec<Problem>) {
    let mut facts = Vec::new();
    rule_facts(r, &mut facts);
    for f in facts {
        if fact(f).is_none() {
            p.push(Problem::new(path, format!("unknown fact path \"{f}\"; known: {}", fact_paths().join(", "))));
        }
    }
    // Each operand must be a value the fact can take (the fact table's type).
    fn operands(r: &Rule, path: &str, p: &mut Vec<Problem>) {
        let bad = |fact_path: &str, v: &Value, p: &mut Vec<Problem>| {
            if let Some(d) = fact(fact_path).filter(|d| !d.ty.admits(v)) {
                p.push(Problem::new(path, format!("{} is not a value of {fact_path} ({})", crate::problem::quote(v), d.ty.ts())));
            }
        };
        match r {
            Rule::Eq { fact: f, value } => bad(f, value, p),
            Rule::In { fact: f, values } => values.iter().for_each(|v| bad(f, v, p)),
            Rule::AtLeast { fact: f, .. } => {
                if fact(f).is_some_and(|d| !matches!(d.ty, FactType::Int { .. } | FactType::Grade)) {
                    p.push(Problem::new(path, format!("at_least needs a number fact; {f} is not one")));
                }
            }
            Rule::Prefix { fact: f, .. } => {
                if fact(f).is_some_and(|d| !matches!(d.ty, FactType::Slug | FactType::IdNumber)) {
                    p.push(Problem::new(path, format!("prefix needs a text fact; {f} is not one")));
                }
            }
            Rule::Any(rs) | Rule::All(rs) => rs.iter().for_each(|r| operands(r, path, p)),
            Rule::Not(r) => operands(r, path, p),
            Rule::Given { then, otherwise, .. } => {
                operands(then, path, p);
                operands(otherwise, path, p);
            }
            _ => {}
        }
    }
    operands(r, path, p);
    let mut empty = false;
    fn any_empty(r: &Rule, e: &mut bool) {
        match r {
            Rule::Any(rs) | Rule::All(rs) => {
                *e |= rs.is_empty();
                rs.iter().for_each(|r| any_empty(r, e));
            }
            Rule::Not(r) => any_empty(r, e),
            Rule::Given { then, otherwise, .. } => {
                any_empty(then, e);
                any_empty(otherwise, e);
            }
            _ => {}
        }
    }
    any_empty(r, &mut empty);
    if empty {
        p.push(Problem::new(path, "an empty any/all list"));
    }
}

fn need_source(files: &[&str], s: &str, path: String, p: &mut Vec<Problem>) {
    if s.trim().is_empty() {
        p.push(Problem::new(path, "has no source (file and section of the policy text)"));
    } else if !files.is_empty() && !files.iter().any(|f| s.starts_with(f)) {
        p.push(Problem::new(path, format!("\"{s}\" does not cite one of the pack's sources ({})", files.join(", "))));
    }
}

fn text_nonempty(t: &Text, path: &str, p: &mut Vec<Problem>) {
    if t.zh.trim().is_empty() {
        p.push(Problem::new(join(path, "zh"), "is empty"));
    }
    if t.en.trim().is_empty() {
        p.push(Problem::new(join(path, "en"), "is empty"));
    }
}

fn dup_ids<'a>(ids: impl Iterator<Item = &'a str>, path: &str, p: &mut Vec<Problem>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, id) in ids.enumerate() {
        if seen.contains(&id) {
            p.push(Problem::new(join(&index(path, i), "id"), format!("duplicate id \"{id}\"")));
        }
        seen.push(id);
    }
}

/// Checks a parsed pack for meaning. Returns every problem found (empty =
/// valid). See the module docs for what is checked.
pub fn validate_pack(pk: &Pack) -> Vec<Problem> {
    let mut p = Vec::new();
    let files: Vec<&str> = pk.sources.iter().map(|s| s.file.as_str()).collect();
    if pk.schema != SCHEMA {
        p.push(Problem::new("schema", format!("{} is not a supported schema version (expected {SCHEMA})", pk.schema)));
    }
    if pk.id.is_empty() || !pk.id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-') {
        p.push(Problem::new("id", format!("\"{}\" is not a region id (lower-case letters, digits and -)", pk.id)));
    }
    if pk.version.trim().is_empty() {
        p.push(Problem::new("version", "is empty"));
    }
    text_nonempty(&pk.name, "name", &mut p);
    if !(2000..=2100).contains(&pk.policy_year) {
        p.push(Problem::new("policy_year", format!("{} is not a plausible policy year", pk.policy_year)));
    }
    // Effective dates.
    let from = Date::parse(&pk.effective.from);
    if from.is_none() {
        p.push(Problem::new("effective.from", format!("\"{}\" is not a date (YYYY-MM-DD)", pk.effective.from)));
    }
    if let Some(to) = &pk.effective.to {
        match Date::parse(to) {
            None => p.push(Problem::new("effective.to", format!("\"{to}\" is not a date (YYYY-MM-DD)"))),
            Some(t) => {
                if let Some(f) = from {
                    if t < f {
                        p.push(Problem::new("effective", format!("inverted dates: to {t} is before from {f}")));
                    }
                }
            }
        }
    }
    need_source(&files, &pk.effective.source, "effective.source".into(), &mut p);
    if pk.sources.is_empty() {
        p.push(Problem::new("sources", "lists no policy text"));
    }
    for (i, m) in pk.coverage.missing.iter().enumerate() {
        need_source(&files, &m.source, join(&index("coverage.missing", i), "source"), &mut p);
    }
    if pk.coverage.level == CoverageLevel::Partial && pk.coverage.missing.is_empty() {
        p.push(Problem::new("coverage.missing", "a partial pack must say what is missing"));
    }
    for (i, s) in pk.schemes.iter().enumerate() {
        if s != "employee" && s != "resident" {
            p.push(Problem::new(index("schemes", i), format!("\"{s}\" is not a scheme (employee, resident)")));
        }
    }
    // Catalogue.
    let cat = &pk.catalogue;
    need_source(&files, &cat.source, "catalogue.source".into(), &mut p);
    dup_ids(cat.diseases.iter().map(|d| d.id.as_str()), "catalogue.diseases", &mut p);
    if let Some(t) = cat.published_total {
        if (cat.diseases.len() as u32) > t {
            p.push(Problem::new("catalogue.published_total", format!("{t} is fewer than the {} diseases listed", cat.diseases.len())));
        }
        if !cat.partial && cat.diseases.len() as u32 != t {
            p.push(Problem::new("catalogue.partial", format!("false, but {} of {t} diseases are listed", cat.diseases.len())));
        }
    }
    let disease_ids: Vec<&str> = cat.diseases.iter().map(|d| d.id.as_str()).collect();
    let check_disease_list = |list: &[String], path: &str, p: &mut Vec<Problem>| {
        for (i, d) in list.iter().enumerate() {
            if d != "*" && !disease_ids.contains(&d.as_str()) {
                p.push(Problem::new(index(path, i), format!("unknown disease id \"{d}\" (not in catalogue.diseases)")));
            }
        }
    };
    for (i, d) in cat.diseases.iter().enumerate() {
        let dp = index("catalogue.diseases", i);
        need_source(&files, &d.source, join(&dp, "source"), &mut p);
        text_nonempty(&d.name, &join(&dp, "name"), &mut p);
        if let Some(q) = &d.qualifier {
            check_rule(q, &join(&dp, "qualifier"), &mut p);
        }
        if let Some(c) = &d.m_code {
            if c.len() != 6 || !c.starts_with('M') || !c[1..].bytes().all(|b| b.is_ascii_digit()) {
                p.push(Problem::new(join(&dp, "m_code"), format!("\"{c}\" is not an M-code such as M03900")));
            }
        }
        // A disease in no pool (only when the pack publishes benefits).
        if !pk.pools.is_empty() && !pk.pools.iter().any(|pl| covers(&pl.diseases, &d.id)) {
            p.push(Problem::new(join(&dp, "id"), format!("disease \"{}\" is in no benefit pool", d.id)));
        }
    }
    // Checks.
    dup_ids(pk.checks.iter().map(|c| c.id.as_str()), "checks", &mut p);
    for (i, c) in pk.checks.iter().enumerate() {
        let cp = index("checks", i);
        need_source(&files, &c.source, join(&cp, "source"), &mut p);
        check_rule(&c.rule, &join(&cp, "rule"), &mut p);
        for (k, t) in [("pass", &c.pass), ("fail", &c.fail), ("unknown", &c.unknown)] {
            text_nonempty(t, &join(&cp, k), &mut p);
        }
        if let Some(ds) = &c.diseases {
            check_disease_list(ds, &join(&cp, "diseases"), &mut p);
        }
    }
    // Materials.
    for (i, m) in pk.materials.iter().enumerate() {
        let mp = index("materials", i);
        if !MATERIAL_IDS.contains(&m.id.as_str()) {
            p.push(Problem::new(join(&mp, "id"), format!("unknown material id \"{}\"; known: {}", m.id, MATERIAL_IDS.join(", "))));
        }
        need_source(&files, &m.source, join(&mp, "source"), &mut p);
        if let Some(w) = &m.window {
            need_source(&files, &w.source, join(&mp, "window.source"), &mut p);
            if w.months == 0 || w.months > 240 {
                p.push(Problem::new(join(&mp, "window.months"), format!("{} is not a plausible window", w.months)));
            }
        }
        if let Some(s) = &m.seal {
            need_source(&files, &s.source, join(&mp, "seal.source"), &mut p);
            if !s.accepts.is_empty() && !s.accepts.contains(&s.kind) {
                p.push(Problem::new(join(&mp, "seal.accepts"), format!("does not include the seal the text names (\"{}\")", s.kind.as_str())));
            }
        }
        if let Some(s) = &m.states_stage {
            need_source(&files, &s.source, join(&mp, "states_stage.source"), &mut p);
        }
        if let Some(s) = &m.signed {
            need_source(&files, &s.source, join(&mp, "signed.source"), &mut p);
        }
        if let Some(h) = &m.hospital {
            need_source(&files, &h.source, join(&mp, "hospital.source"), &mut p);
            if !(1..=3).contains(&h.min_level) {
                p.push(Problem::new(join(&mp, "hospital.min_level"), format!("{} is not a hospital level (1-3)", h.min_level)));
            }
        }
        if let Some(w) = &m.when {
            check_rule(w, &join(&mp, "when"), &mut p);
        }
        if let Some(ds) = &m.diseases {
            check_disease_list(ds, &join(&mp, "diseases"), &mut p);
        }
    }
    // Overlapping materials: the same id twice for overlapping diseases.
    for (i, a) in pk.materials.iter().enumerate() {
        for (j, b) in pk.materials.iter().enumerate().skip(i + 1) {
            if a.id == b.id {
                let overlap = match (&a.diseases, &b.diseases) {
                    (Some(x), Some(y)) => x.iter().any(|d| covers(y, d)) || y.iter().any(|d| covers(x, d)),
                    _ => true,
                };
                if overlap && a.when == b.when {
                    p.push(Problem::new(join(&index("materials", j), "id"), format!("material \"{}\" is already listed at materials[{i}] for the same diseases", b.id)));
                }
            }
        }
    }
    if let Some(u) = &pk.upload {
        need_source(&files, &u.source, "upload.source".into(), &mut p);
        if u.types.is_empty() {
            p.push(Problem::new("upload.types", "lists no file type"));
        }
    }
    // Pools.
    dup_ids(pk.pools.iter().map(|x| x.id.as_str()), "pools", &mut p);
    for (i, pl) in pk.pools.iter().enumerate() {
        let pp = index("pools", i);
        need_source(&files, &pl.source, join(&pp, "source"), &mut p);
        check_disease_list(&pl.diseases, &join(&pp, "diseases"), &mut p);
        for (k, e) in pl.covers.iter().enumerate() {
            if !EXPENSE_KINDS.contains(&e.as_str()) {
                p.push(Problem::new(index(&join(&pp, "covers"), k), format!("unknown expense kind \"{e}\"; known: {}", EXPENSE_KINDS.join(", "))));
            }
        }
        if let Some(r) = pl.ratio {
            if !(r > 0.0 && r <= 1.0) {
                p.push(Problem::new(join(&pp, "ratio"), format!("{r} is not a share in (0, 1]")));
            }
            if pl.ratio_kind == RatioKind::Unpublished {
                p.push(Problem::new(join(&pp, "ratio_kind"), "\"unpublished\" but a ratio is given"));
            }
        } else if pl.ratio_kind != RatioKind::Unpublished {
            p.push(Problem::new(join(&pp, "ratio"), "null, but ratio_kind says it is published"));
        }
        if let Some(c) = pl.annual_cap {
            if !(0.0..=crate::facts::MAX_YUAN).contains(&c) || (c * 100.0).fract() != 0.0 {
                p.push(Problem::new(join(&pp, "annual_cap"), format!("{c} is not an amount in yuan (≥ 0, at most 2 decimals)")));
            }
        }
        for (k, n) in pl.notes.iter().enumerate() {
            need_source(&files, &n.source, join(&index(&join(&pp, "notes"), k), "source"), &mut p);
        }
    }
    // Overlapping pools: one expense of one disease in two pools.
    for (i, a) in pk.pools.iter().enumerate() {
        for (j, b) in pk.pools.iter().enumerate().skip(i + 1) {
            let ds = a.diseases.iter().any(|d| covers(&b.diseases, d)) || b.diseases.iter().any(|d| covers(&a.diseases, d));
            if let (true, Some(e)) = (ds, a.covers.iter().find(|e| b.covers.contains(e))) {
                p.push(Problem::new(join(&index("pools", j), "covers"), format!("expense \"{e}\" is already paid by pools[{i}] (\"{}\") for the same disease", a.id)));
            }
        }
    }
    for (i, o) in pk.outside.iter().enumerate() {
        let op = index("outside", i);
        need_source(&files, &o.source, join(&op, "source"), &mut p);
        if !EXPENSE_KINDS.contains(&o.expense.as_str()) {
            p.push(Problem::new(join(&op, "expense"), format!("unknown expense kind \"{}\"", o.expense)));
        }
        check_disease_list(&o.diseases, &join(&op, "diseases"), &mut p);
        for (j, pl) in pk.pools.iter().enumerate() {
            if pl.covers.contains(&o.expense) && o.diseases.iter().any(|d| covers(&pl.diseases, d)) {
                p.push(Problem::new(join(&op, "expense"), format!("\"{}\" is both outside the estimate and paid by pools[{j}]", o.expense)));
            }
        }
    }
    // Timeline.
    for (i, t) in pk.timeline.tracks.iter().enumerate() {
        let tp = index("timeline.tracks", i);
        need_source(&files, &t.source, join(&tp, "source"), &mut p);
        if pk.timeline.tracks[..i].iter().any(|u| u.track == t.track) {
            p.push(Problem::new(join(&tp, "track"), format!("track \"{}\" already has timing", t.track.as_str())));
        }
        if let (Some(a), Some(b)) = (t.pre_review_working_days, t.decision_working_days) {
            if a > b {
                p.push(Problem::new(join(&tp, "pre_review_working_days"), format!("{a} is after the decision ({b} working days)")));
            }
        }
        if let Some(b) = &t.batch {
            need_source(&files, &b.source, join(&tp, "batch.source"), &mut p);
            if !(1..=12).contains(&b.every_months) {
                p.push(Problem::new(join(&tp, "batch.every_months"), format!("{} is not a plausible batch period (1-12 months)", b.every_months)));
            }
        }
        for n in [t.pre_review_working_days, t.decision_working_days, t.resubmit_working_days].into_iter().flatten() {
            if n > 250 {
                p.push(Problem::new(&tp, format!("{n} working days is not plausible")));
            }
        }
    }
    for (i, r) in pk.timeline.renewal.iter().enumerate() {
        let rp = index("timeline.renewal", i);
        need_source(&files, &r.source, join(&rp, "source"), &mut p);
        check_disease_list(&r.diseases, &join(&rp, "diseases"), &mut p);
        if r.years == 0 || r.years > 50 {
            p.push(Problem::new(join(&rp, "years"), format!("{} is not a plausible renewal period", r.years)));
        }
        for (j, q) in pk.timeline.renewal[..i].iter().enumerate() {
            if let Some(d) = r.diseases.iter().find(|d| covers(&q.diseases, d)) {
                p.push(Problem::new(join(&rp, "diseases"), format!("disease \"{d}\" already has a renewal rule at timeline.renewal[{j}]")));
            }
        }
    }
    for (i, n) in pk.timeline.notes.iter().enumerate() {
        need_source(&files, &n.source, join(&index("timeline.notes", i), "source"), &mut p);
    }
    // Every track a disease can take should have timing or be offline.
    // Channels.
    if pk.channels.is_empty() {
        p.push(Problem::new("channels", "lists no submission channel"));
    }
    for (i, c) in pk.channels.iter().enumerate() {
        let cp = index("channels", i);
        need_source(&files, &c.source, join(&cp, "source"), &mut p);
        match (&c.kind, &c.endpoint) {
            (ChannelKind::Online, None) => p.push(Problem::new(join(&cp, "endpoint"), "an online channel needs an endpoint")),
            (ChannelKind::Online, Some(_)) if c.receiver.as_ref().is_none_or(|r| r.zh.trim().is_empty()) => {
                p.push(Problem::new(join(&cp, "receiver"), "an online channel needs the receiver's official name (who gets what is sent)"))
            }
            (_, Some(e)) if !(e.starts_with("https://") || e.starts_with("http://")) => {
                p.push(Problem::new(join(&cp, "endpoint"), format!("\"{e}\" is not an http(s) URL")))
            }
            _ => {}
        }
    }
    // Questions.
    dup_ids(pk.questions.iter().map(|q| q.id.as_str()), "questions", &mut p);
    for (i, q) in pk.questions.iter().enumerate() {
        let qp = index("questions", i);
        need_source(&files, &q.source, join(&qp, "source"), &mut p);
        for (k, f) in q.facts.iter().enumerate() {
            match fact(f) {
                None => p.push(Problem::new(index(&join(&qp, "facts"), k), format!("unknown fact path \"{f}\""))),
                Some(d) if d.asked != Asked::Pack => p.push(Problem::new(
                    index(&join(&qp, "facts"), k),
                    format!("\"{f}\" is not asked by a pack ({})", if d.asked == Asked::Derived { "the core works it out" } else { "the app's own pages ask it" }),
                )),
                Some(_) => {}
            }
        }
        if !q.facts.contains(&q.id) {
            p.push(Problem::new(join(&qp, "facts"), format!("does not include the question's own fact \"{}\"", q.id)));
        }
        if matches!(q.kind, AnswerKind::YesNo | AnswerKind::OneOf | AnswerKind::Grade) && q.options.is_empty() {
            p.push(Problem::new(join(&qp, "options"), "a choice question needs options"));
        }
        dup_ids(q.options.iter().map(|o| o.id.as_str()), &join(&qp, "options"), &mut p);
        validate_proxy_form(q, &qp, &mut p);
        for (k, o) in q.options.iter().enumerate() {
            for (key, v) in &o.set {
                let sp = join(&index(&join(&qp, "options"), k), "set");
                if !q.facts.contains(key) {
                    p.push(Problem::new(&sp, format!("sets \"{key}\", which is not in the question's facts")));
                } else if let Some(d) = fact(key).filter(|d| !d.ty.admits(v)) {
                    p.push(Problem::new(join(&sp, key), format!("{} is not a value of {key} ({})", crate::problem::quote(v), d.ty.ts())));
                }
            }
        }
    }
    // Every fact a check depends on should be askable.
    for (i, c) in pk.checks.iter().enumerate() {
        let mut facts = Vec::new();
        rule_facts(&c.rule, &mut facts);
        let mut with_disease = matches!(c.rule, Rule::DiseaseListed {} | Rule::DiseaseQualifier {});
        if with_disease {
            facts.push("disease.id");
        }
        if matches!(c.rule, Rule::DiseaseQualifier {}) {
            for d in &cat.diseases {
                if let Some(q) = &d.qualifier {
                    rule_facts(q, &mut facts);
                }
            }
            with_disease = true;
        }
        let _ = with_disease;
        for f in facts {
            // Only what the pack asks needs its question (the table says
            // how each fact is settled: the app's pages, or derived).
            if fact(f).is_some_and(|d| d.asked == Asked::Pack) && pk.question_for(f).is_none() {
                p.push(Problem::new(join(&index("checks", i), "rule"), format!("depends on \"{f}\", which no question asks")));
            }
        }
    }
    for (i, n) in pk.notes.iter().enumerate() {
        need_source(&files, &n.source, join(&index("notes", i), "source"), &mut p);
        if let Some(w) = &n.when {
            check_rule(w, &join(&index("notes", i), "when"), &mut p);
        }
    }
    p
}

fn words(en: &str) -> String {
    format!(" {} ", en.to_lowercase().replace(|c: char| !c.is_alphanumeric(), " "))
}

/// A text that speaks to the applicant ("您", "you") or as the applicant
/// ("我", "my"): a proxy filing must turn it to the person it is about.
fn addresses_person(t: &Text) -> bool {
    let en = words(&t.en);
    t.zh.contains('您') || [" you ", " your "].iter().any(|w| en.contains(w)) || speaks_as_applicant(t)
}

/// A text in the applicant's own voice ("我", "my", "I live"; not the
/// numeral in "Grade I").
fn speaks_as_applicant(t: &Text) -> bool {
    let en = words(&t.en);
    let spaced = format!(" {}", t.en.replace(|c: char| !c.is_alphanumeric(), " "));
    let pronoun_i = spaced.match_indices(" I ").any(|(i, _)| spaced[i + 3..].chars().next().is_some_and(char::is_lowercase));
    t.zh.contains('我') || pronoun_i || [" my ", " me ", " mine "].iter().any(|w| en.contains(w))
}

/// A question must say how it reads to a proxy: `proxy.text` always, and
/// `proxy.why` / `proxy.labels[option]` wherever the hint or a label
/// speaks to the applicant. Templates may use only `{who}` and `{whose}`.
fn validate_proxy_form(q: &QuestionDef, qp: &str, p: &mut Vec<Problem>) {
    let Some(pf) = &q.proxy else {
        p.push(Problem::new(join(qp, "proxy"), "missing: how the question reads when someone files for the applicant (proxy.text, with {who} / {whose})"));
        return;
    };
    let pp = join(qp, "proxy");
    let mut texts: Vec<(String, &Text)> = vec![(join(&pp, "text"), &pf.text)];
    text_nonempty(&pf.text, &join(&pp, "text"), p);
    if let Some(w) = &pf.why {
        texts.push((join(&pp, "why"), w));
    } else if addresses_person(&q.why) {
        p.push(Problem::new(join(&pp, "why"), "missing: the hint speaks to the applicant (您 / you), so the proxy form needs its own"));
    }
    for (i, o) in q.options.iter().enumerate() {
        match pf.labels.get(&o.id) {
            Some(l) => texts.push((join(&join(&pp, "labels"), &o.id), l)),
            None if addresses_person(&o.label) => p.push(Problem::new(
                join(&join(&pp, "labels"), &o.id),
                format!("missing: options[{i}]'s label speaks as the applicant (我 / my), so the proxy form needs its own"),
            )),
            None => {}
        }
    }
    for k in pf.labels.keys() {
        if !q.options.iter().any(|o| &o.id == k) {
            p.push(Problem::new(join(&join(&pp, "labels"), k), format!("\"{k}\" is not one of the question's options")));
        }
    }
    for (path, t) in texts {
        for s in [&t.zh, &t.en] {
            let mut rest = s.as_str();
            while let Some(i) = rest.find('{') {
                let end = rest[i..].find('}').map(|j| i + j);
                let name = end.map(|e| &rest[i + 1..e]).unwrap_or("");
                if name != "who" && name != "whose" {
                    p.push(Problem::new(&path, format!("unknown template \"{{{name}}}\" (known: {{who}}, {{whose}})")));
                    break;
                }
                rest = &rest[end.unwrap_or(rest.len() - 1) + 1..];
            }
        }
        if speaks_as_applicant(t) {
            p.push(Problem::new(&path, "speaks as the applicant (我 / my / I); a proxy form names the person: {who} / {whose}"));
        }
    }
    for s in [&pf.text.zh, &pf.text.en] {
        if !s.contains("{who}") && !s.contains("{whose}") {
            p.push(Problem::new(join(&pp, "text"), format!("\"{s}\" does not name the person it is about ({{who}} or {{whose}})")));
        }
    }
}

/// The pack of region `id` to use on `on`: the one in force (two versions
/// of a region, say 2025 and 2026, sit side by side; an application made
/// on 2026-01-02 is under the 2026 one). When none is in force on `on`, the
/// latest that started before it (its result says it is out of period),
/// else the earliest.
pub fn select<'a>(packs: &'a [Pack], id: &str, on: Date) -> Option<&'a Pack> {
    let from = |p: &Pack| Date::parse(&p.effective.from);
    let of_id = || packs.iter().filter(move |p| p.id == id);
    of_id()
        .filter(|p| p.in_force(on))
        .max_by_key(|p| from(p))
        .or_else(|| of_id().filter(|p| from(p).is_none_or(|f| f <= on)).max_by_key(|p| from(p)))
        .or_else(|| of_id().min_by_key(|p| from(p)))
}

/// Checks several packs together: each on its own, plus overlapping
/// effective periods of packs with the same id. Problems are prefixed by
/// the pack's label (e.g. its file name).
pub fn validate_packs(packs: &[(String, Pack)]) -> Vec<Problem> {
    let mut p = Vec::new();
    for (i, (la, a)) in packs.iter().enumerate() {
        for (lb, b) in packs.iter().skip(i + 1) {
            if a.id != b.id {
                continue;
            }
            let (Some(af), Some(bf)) = (Date::parse(&a.effective.from), Date::parse(&b.effective.from)) else { continue };
            let at = a.effective.to.as_deref().and_then(Date::parse);
            let bt = b.effective.to.as_deref().and_then(Date::parse);
            let a_before_b_ends = bt.is_none_or(|t| af <= t);
            let b_before_a_ends = at.is_none_or(|t| bf <= t);
            if a_before_b_ends && b_before_a_ends {
                p.push(Problem::new(
                    format!("{lb}: effective"),
                    format!("overlaps {la} for region \"{}\" ({}..{} and {}..{})", a.id, af, at.map_or("open".into(), |d| d.to_string()), bf, bt.map_or("open".into(), |d| d.to_string())),
                ));
            }
        }
    }
    p
}

#[cfg(all(test, feature = "bundled"))]
mod tests {
    use super::*;

    /// `source_parts` gives exactly the pieces of `split("; ")`.
    #[test]
    fn source_parts_split_like_str_split() {
        for s in ["", "a", "a; b", "a;b; c", "a; ", "; a", "a; ; b", ";", "; ", ";;  ; x;", "甲 §二; 乙；丙; 丁", "a ;b;  c"] {
            assert_eq!(source_parts(s).collect::<Vec<_>>(), s.split("; ").collect::<Vec<_>>(), "{s:?}");
        }
    }

    /// The citation of each kind of source: a pack file with further parts
    /// (a core file's part dropped, another pack file's part kept by its
    /// section, a part without a file kept whole), a core file, a calendar
    /// notice.
    #[test]
    fn cite_of_each_kind_of_source() {
        let pack = Pack {
            sources: vec![
                SourceDoc { file: "000_a.txt".into(), title: "甲".into(), title_en: Some("A".into()) },
                SourceDoc { file: "001_b.txt".into(), title: "乙".into(), title_en: None },
            ],
            ..crate::bundled::pack("jilin-liaoyuan").unwrap().unwrap()
        };
        let cases: [(&str, [&str; 3]); 9] = [
            ("000_a.txt §二 材料", ["甲", "A", "§二 材料"]),
            ("  000_a.txt  ", ["甲", "A", ""]),
            ("001_b.txt §一; reference/FACTS.md §x", ["乙", "乙", "§一"]),
            ("000_a.txt §一 (a; b); 001_b.txt §三; §四 ", ["甲", "A", "§一 (a; b); §三; §四"]),
            ("000_a.txt; 001_b.txt §三", ["甲", "A", "§三"]),
            ("000_a.txt §一;x; 000_a.txt", ["甲", "A", "§一;x"]),
            ("CONTRACT.md §Facts (a; b)", ["慢特通自身的规则（不是医保政策）", "mantetong's own rule (not an insurance policy)", "§Facts (a; b)"]),
            ("国务院办公厅关于2025年部分节假日安排的通知; 000_a.txt", ["国务院办公厅关于2025年部分节假日安排的通知", "国务院办公厅关于2025年部分节假日安排的通知", ""]),
            ("", ["", "", ""]),
        ];
        for (source, [title, title_en, section]) in cases {
            assert_eq!(pack.cite(source), Cite::new(title.into(), title_en.into(), section.into()), "{source:?}");
        }
    }
}
