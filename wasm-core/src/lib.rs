//! # mantetong-core: the rules core of mantetong (慢特通)
//!
//! Pure Rust, no IO, no clock: facts about an applicant go in, a
//! contract-v1 result comes out (eligibility with reasons, the materials
//! checklist with pre-review, a benefit estimate, a working-day timeline).
//! The same crate runs in the app (wasm), in the `mantetong` CLI and in
//! tests. Regions are data: one JSON rule pack per region in
//! `public/regions/`, every rule carrying its policy source.
//!
//! ## A short tour
//!
//! ```
//! use mantetong_core::{Calendar, Date, Facts, Pack, evaluate, next_question};
//! # #[cfg(feature = "bundled")] {
//! // 1. Load a pack and the calendar (the app fetches these; the `bundled`
//! //    feature embeds them).
//! let pack: Pack = mantetong_core::bundled::pack("shanxi-linfen").unwrap().unwrap();
//! let cal: Calendar = mantetong_core::bundled::calendar().unwrap();
//!
//! // 2. Parse facts. Every field is optional; bad fields are all reported,
//! //    each with its path.
//! let facts = Facts::from_json(r#"{
//!   "region": "shanxi-linfen",
//!   "applicant": { "insured_in": "shanxi-linfen", "contribution": "normal",
//!                  "arrears": false, "hukou_local": true },
//!   "disease": { "id": "hypertension", "grade": 3 },
//!   "diagnosis": { "hospital_level": 2, "hospital_public": true },
//!   "expenses": { "drugs": 6000, "exams": 1200 }
//! }"#).unwrap();
//! let err = Facts::from_json(r#"{ "expenses": { "drugs": -5 } }"#).unwrap_err();
//! assert_eq!(err[0].to_string(), "expenses.drugs: -5 is negative");
//!
//! // 3. Evaluate on a day (the caller supplies today; the core has no clock).
//! let out = evaluate(&pack, &cal, &facts, Date::parse("2025-09-30").unwrap());
//! let est = out.estimate.as_ref().unwrap();
//! assert_eq!(est.reimbursed.unwrap().0, 4000_00); // fen: the 4000-yuan cap
//! assert_eq!(out.timeline.decision_by.unwrap().to_string(), "2025-10-14");
//! let json = out.to_json(); // the contract JSON
//! assert_eq!(json["eligibility"]["status"], "eligible");
//!
//! // 4. The interview: the most decisive missing fact, or None when settled.
//! let q = next_question(&pack, &Facts::default()).unwrap();
//! assert_eq!(q.id, "applicant.insured_in");
//! # }
//! ```
//!
//! ## Architecture invariants
//!
//! - **Pure.** No `std::fs`, no clock, no web APIs in the library; it
//!   compiles for `wasm32-unknown-unknown`. Only `src/bin/` does IO.
//! - **Unknown is not false.** A missing fact makes a check `unknown`, and
//!   `missing` lists the facts, most decisive first (pack check order).
//! - **Nothing invented.** What a policy text does not give is absent in the
//!   pack, and the result says so (`null`, `exact: false`, a note).
//! - **Money is integer fen** ([`facts::Fen`]); yuan only when serialized
//!   ([`eval::Yuan`]).
//! - **Every error names its field**: [`Problem`] has a JSON path and a
//!   message quoting the bad value.

pub mod calendar;
pub mod date;
pub mod diseases;
pub mod eval;
pub mod facts;
pub mod golden;
pub mod idcard;
pub mod num;
pub mod pack;
pub mod problem;
pub mod shipped;
pub mod text;
#[cfg(test)]
mod testrand;

#[cfg(feature = "bundled")]
pub mod bundled;

#[cfg(feature = "package")]
pub mod package;

#[cfg(feature = "js")]
pub mod js;

pub use calendar::Calendar;
pub use date::Date;
pub use eval::{eligibility, evaluate, evaluate_with, next_question, Lang, Options, Outcome, Question};
pub use facts::{apply_answer, set_fact, Facts};
pub use golden::eval_value;
pub use idcard::{parse_id, IdError, IdNumber, Sex};
pub use pack::{validate_pack, validate_packs, Pack};
pub use problem::Problem;
pub use text::Str;

/// The contract's material ids.
pub const MATERIAL_IDS: [&str; 13] = [
    "id_card",
    "residence_permit",
    "insurance_card",
    "diagnosis_certificate",
    "exam_reports",
    "medical_records",
    "inpatient_records",
    "application_form",
    "photo_1inch",
    "specialist_diagnosis",
    "medication_records",
    "proxy_id_card",
    "authorization_letter",
];

/// The contract version this crate implements.
pub const CONTRACT_VERSION: u32 = 1;
