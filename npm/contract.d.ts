// Evaluation contract v1 (see CONTRACT.md): the facts that go in and the
// result that comes out, as TypeScript types. Hand-written; merged into the
// package's .d.ts by wasm-bindgen (typescript_custom_section in src/js.rs).
// Fields may be added in later releases; none listed here is renamed.

/** `YYYY-MM-DD`. */
export type IsoDate = string;
/** Yuan: a JSON number with at most 2 decimals. */
export type Yuan = number;

export type MaterialId =
  | "id_card" | "residence_permit" | "insurance_card" | "diagnosis_certificate"
  | "exam_reports" | "medical_records" | "inpatient_records" | "application_form"
  | "photo_1inch" | "specialist_diagnosis" | "medication_records" | "proxy_id_card"
  | "authorization_letter";

/** Facts about one application. Every field is optional: missing is unknown, never assumed. */
export interface Facts {
  /** Region id of the rule pack, e.g. `shanxi-linfen` (see `regions()`). */
  region?: string;
  /** The day of evaluation and of submission; default today (or `options.today`). */
  as_of?: IsoDate;
  applicant?: {
    /** 18-character resident identity number (GB 11643); check character `X` (or `x`). */
    id_number?: string;
    /** `employee` 职工医保, `resident` 城乡居民医保. */
    scheme?: "employee" | "resident";
    /** `normal` 正常缴费, `suspended` 暂停, `lapsed` 中断. */
    contribution?: "normal" | "suspended" | "lapsed";
    arrears?: boolean;
    /** Region id where the person is insured (never inferred from the ID number). */
    insured_in?: string;
    hukou_local?: boolean;
    resides_locally?: boolean;
    remote_registered?: boolean;
    /** A person with a disability (残疾人): who may file by proxy (Linfen). */
    disabled?: boolean;
  };
  disease?: {
    /** The pack's disease id: `hypertension`, `diabetes`, `malignant-tumor`, ... */
    id?: string;
    /** National M-code such as `M03900`, instead of `id`. */
    code?: string;
    /** Grade or stage as a number (hypertension Ⅲ级 = 3). */
    grade?: number;
    complications?: boolean;
  };
  diagnosis?: {
    /** 1, 2 or 3 (一级, 二级, 三级). */
    hospital_level?: 1 | 2 | 3;
    hospital_public?: boolean;
    hospital_designated?: boolean;
    date?: IsoDate;
    specialist?: boolean;
    /** The doctor confirms the condition meets the disease's diagnostic criteria (Rizhao 符合病种诊断标准). */
    meets_criteria?: boolean;
  };
  /** Papers the person has. Absent means none yet. */
  documents?: DocumentFact[];
  /** Present when someone files for the applicant (代办). */
  proxy?: {
    name?: string;
    id_number?: string;
    relationship?: string;
    phone?: string;
  };
  /** Expected yearly outpatient spending for this disease, in yuan. */
  expenses?: {
    drugs?: Yuan;
    exams?: Yuan;
    treatment?: Yuan;
    targeted_drugs?: Yuan;
    inpatient?: Yuan;
  };
}

export interface DocumentFact {
  kind: MaterialId;
  issued?: IsoDate;
  /** v1.1: the last day of the period the paper records (an inpatient stay: the discharge date). */
  period_end?: IsoDate;
  /** `true` with no `seal`: a seal of the issuing hospital, kind not known. */
  sealed?: boolean;
  /** v1.1: which seal (医院公章, a department's, 病案室专用章, other). */
  seal?: SealKind;
  states_stage?: boolean;
  /** v1.1: carries the signature it must carry (Linfen's form: 主治医师签字). */
  signed?: boolean;
  hospital_level?: 1 | 2 | 3;
  hospital_public?: boolean;
  hospital_designated?: boolean;
  file?: { name?: string; type?: string; size?: number };
}

/** Options of `eval` and `nextQuestion` (the CLI's `--region`, `--lang`, `--pack`). */
export interface EvalOptions {
  /** Overrides `facts.region`. */
  region?: string;
  /** Language of the `message` fields; `message_zh` and `message_en` are always there. Default `zh`. */
  lang?: "zh" | "zh-CN" | "en";
  /** The day used when the facts give no `as_of` (default: today in China, UTC+8, from the JS clock). */
  today?: IsoDate;
  /** Replaces `facts.as_of`. */
  asOf?: IsoDate;
  /** A rule pack (object or JSON text) used instead of the bundled ones; a region naming another pack is refused. */
  pack?: object | string;
}

/** One problem with an input, named by its JSON path. */
export interface Problem {
  /** e.g. `applicant.id_number`, `documents[2].issued`, `$` for the whole input. */
  path: string;
  message: string;
}

/** What `eval` and `nextQuestion` throw on bad input: `message` has one `path: message` line per problem. */
export interface MantetongError extends Error {
  problems: Problem[];
}

export type SealKind = "hospital" | "department" | "medical_records_room" | "other";

/** v1.1: a citation a citizen can read — the policy document's title and the
 *  section. `source` keeps the file-and-section form for rule authors. */
export interface Cite {
  title: string;
  title_en: string;
  section: string;
}

/** A message in the chosen language, with both languages. */
export interface Message {
  message: string;
  message_zh: string;
  message_en: string;
  source?: string;
  cite?: Cite;
}

export type Track = "instant" | "centralized" | "expert_review" | "offline";

export interface Check {
  id: string;
  outcome: "pass" | "fail" | "unknown";
  message: string;
  message_zh: string;
  message_en: string;
  source: string;
  cite: Cite | null;
  /** The fact this check turns on (`null` when none). */
  fact: string | null;
  facts: string[];
}

export interface MaterialProblem {
  code: "missing" | "expired" | "unsealed" | "unsigned" | "stage_missing" | "hospital_level" | "file_type" | "file_too_large" | "future_date";
  message: string;
  message_zh: string;
  message_en: string;
  /** Index into `facts.documents` of the paper concerned. */
  document: number | null;
  source: string | null;
  cite: Cite | null;
}

export interface Material {
  id: MaterialId;
  name: string;
  name_zh: string;
  name_en: string;
  required: boolean;
  requirement: "required" | "usually_required" | "conditional" | "may_be_required";
  status: "ok" | "missing" | "problem" | "unchecked";
  problems: MaterialProblem[];
  detail: Message | null;
  /** Validity window in months, if the pack has one. */
  window_months: number | null;
  /** Where the validity window comes from. */
  window_source: string | null;
  /** What the window counts from: the day issued, or the end of the period recorded. */
  window_from: "issued" | "period_end" | null;
  /** The seal kinds that satisfy the text (empty: no seal needed). */
  seal_accepts: SealKind[];
  /** The paper must be signed (`documents[].signed`). */
  must_be_signed: boolean;
  /** What is still to confirm about a paper the person has (not a problem). */
  hints: Message[];
  source: string;
  cite: Cite | null;
}

export interface Estimate {
  /** What the insurance pays (a lower bound when `exact` is false). */
  reimbursed: Yuan | null;
  out_of_pocket: Yuan | null;
  annual_cap: Yuan | null;
  ratio: number | null;
  ratio_kind: "exact" | "floor" | "unpublished";
  exact: boolean;
  notes: Message[];
  /** Each pool of the disease, with the source (and `cite`) of its ratio and cap. */
  pools: { id: string; spending: Yuan; reimbursed: Yuan | null; annual_cap: Yuan | null; ratio: number | null; capped: boolean; source: string; cite: Cite | null }[];
  /** Spending outside this outpatient estimate (inpatient care, and kinds
   *  the pack lists as outside): in neither `reimbursed` nor `out_of_pocket`. */
  outside: { expense: string; spending: Yuan; source: string | null; cite: Cite | null }[];
  /** Outpatient spending whose reimbursement no text publishes: counted in
   *  `out_of_pocket`, and `exact` is false. */
  unestimated: Yuan;
  /** Which pack figures produced the estimate. */
  trace: TraceStep[];
  /** Where `ratio` and `annual_cap` come from (the pool that gives the ratio). */
  source: string;
  cite: Cite | null;
}

/** One pack figure (or calendar notice) behind a result, with its source. */
export interface TraceStep {
  figure: string;
  value: unknown;
  source: string;
  cite: Cite | null;
}

export interface Timeline {
  submitted: IsoDate | null;
  pre_review_by: IsoDate | null;
  decision_by: IsoDate | null;
  effective_from: IsoDate | null;
  renewal_due: IsoDate | null;
  /** `automatic` (nothing to do: check it happened) or `resubmit` (hand in papers by `renewal_due`). */
  renewal_kind: "automatic" | "resubmit" | null;
  /** What `decision_by` counts from: submission, or a monthly batch whose day is not published (the later reading). */
  decision_counts_from: "submission" | "monthly_batch" | null;
  /** Where the text allows two readings, the earlier bound (from submission). */
  decision_by_earliest_reading?: IsoDate;
  resubmit_within_working_days: number | null;
  /** When the track is not known: the latest decision date over the tracks (a bound). */
  decision_by_latest?: IsoDate;
  notes: Message[];
  /** Where each date or count comes from (pack timing rules, calendar notices). */
  trace: TraceStep[];
  /** The timing rule of the track (or the section saying no dates are given); null when the track is not known. */
  source: string | null;
  cite: Cite | null;
}

export interface Channel {
  kind: "official_app" | "online" | "paper";
  name: string;
  name_en: string;
  instructions: string;
  instructions_en: string;
  endpoint: string | null;
  source: string;
  cite: Cite | null;
}

/** The contract-v1 result: exactly what `mantetong eval` prints. */
export interface Result {
  region: string;
  pack: {
    id: string;
    version: string;
    policy_year: number;
    coverage: "full" | "partial";
    catalogue: { published_total: number | null; listed: number; partial: boolean; source: string; cite: Cite | null };
  };
  as_of: IsoDate;
  disease: { id: string; name: string; name_en: string; listed: boolean; m_code: string | null; m_code_verified: boolean } | null;
  eligibility: {
    status: "eligible" | "ineligible" | "undetermined";
    checks: Check[];
    /** Fact paths still needed, most decisive first. */
    missing: string[];
  };
  track: Track | null;
  materials: Material[];
  /** `null` where the pack has no published benefit figures. */
  estimate: Estimate | null;
  timeline: Timeline;
  channel: Channel | null;
  channels: Channel[];
  notes: Message[];
}

/** The next interview question (what `mantetong question` prints). */
export interface Question {
  /** The fact path it settles. */
  id: string;
  /** Every fact path an answer may set. */
  facts: string[];
  kind: "yes_no" | "one_of" | "date" | "number" | "grade";
  text: { zh: string; en: string };
  why: { zh: string; en: string };
  source: string;
  cite: Cite;
  /** `set`: the facts this answer sets, by path, e.g. `{ "applicant.hukou_local": true }`. */
  options: { id: string; label: { zh: string; en: string }; set: Record<string, unknown> }[];
  /** The check that needs it. */
  check: string;
  /** True in a proxy filing: `text`, `why` and the labels name the person it is about (您母亲 / your mother / TA). */
  proxy: boolean;
}

/** A bundled region (what `mantetong regions` lists). */
export interface Region {
  id: string;
  name: { zh: string; en: string };
  version: string;
  policy_year: number;
  coverage: "full" | "partial";
}
