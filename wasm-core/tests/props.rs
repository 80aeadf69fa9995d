//! Property tests: the estimate's bounds and monotonicity, validity-window
//! boundaries, working-day arithmetic, ID check characters.

use mantetong_core::eval::apply_ratio;
use mantetong_core::facts::{Document, Expenses, Facts};
use mantetong_core::idcard::check_char;
use mantetong_core::{bundled, evaluate, parse_id, Calendar, Date, IdError, Pack};
use proptest::prelude::*;

fn pack(id: &str) -> Pack {
    bundled::pack(id).unwrap().unwrap()
}
fn cal() -> Calendar {
    bundled::calendar().unwrap()
}

const DISEASES: [&str; 6] = ["hypertension", "diabetes", "malignant-tumor-radiochemo", "malignant-tumor", "organ-transplant-antirejection", "other"];
const REGIONS: [&str; 3] = ["shanxi-linfen", "shandong-rizhao", "jilin-liaoyuan"];

fn facts(disease: &str, e: [i64; 5]) -> Facts {
    let mut f = Facts::default();
    f.disease.id = Some(disease.to_string());
    f.expenses = Some(Expenses { drugs: Some(e[0]), exams: Some(e[1]), treatment: Some(e[2]), targeted_drugs: Some(e[3]), inpatient: Some(e[4]) });
    f
}

fn any_date() -> impl Strategy<Value = Date> {
    // 2025-01-01 .. 2026-12-31
    let start = Date::parse("2025-01-01").unwrap().to_days();
    (0i64..730).prop_map(move |n| Date::from_days(start + n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn payout_bounded_and_monotone(r in 0usize..3, d in 0usize..6, e in proptest::array::uniform5(0i64..500_000_000), kind in 0usize..5, extra in 0i64..100_000_000) {
        let pk = pack(REGIONS[r]);
        let c = cal();
        let day = Date::parse("2025-09-30").unwrap();
        let out = evaluate(&pk, &c, &facts(DISEASES[d], e), day);
        if let Some(est) = &out.estimate {
            let paid = est.reimbursed.unwrap().0;
            prop_assert!(paid >= 0);
            let spent: i64 = e.iter().sum();
            prop_assert!(paid <= spent, "paid {paid} > spent {spent}");
            prop_assert!(est.out_of_pocket.unwrap().0 >= 0);
            // Never above the sum of the published caps of the pools that paid.
            for p in &est.pools {
                if let (Some(cap), Some(r)) = (p.annual_cap, p.reimbursed) {
                    prop_assert!(r.0 <= cap.0);
                }
                if let Some(r) = p.reimbursed { prop_assert!(r.0 <= p.spending.0); }
            }
            if let Some(cap) = est.annual_cap {
                if est.pools.iter().filter(|p| p.reimbursed.is_some()).count() == 1 {
                    prop_assert!(paid <= cap.0);
                }
            }
            // Monotone: spending more of any kind never pays less.
            let mut e2 = e;
            e2[kind] += extra;
            let out2 = evaluate(&pk, &c, &facts(DISEASES[d], e2), day);
            let paid2 = out2.estimate.unwrap().reimbursed.unwrap().0;
            prop_assert!(paid2 >= paid, "paid {paid2} < {paid} after spending more");
        }
    }

    #[test]
    fn ratio_rounding(spend in 0i64..100_000_000_000, bp in 0u32..=10000) {
        let r = bp as f64 / 10000.0;
        let x = apply_ratio(spend, r);
        prop_assert!(x >= 0 && x <= spend);
        prop_assert!(apply_ratio(spend + 1, r) >= x);
    }

    #[test]
    fn validity_window_boundaries(as_of in any_date(), r in 0usize..3) {
        let pk = pack(REGIONS[r]);
        let c = cal();
        for m in pk.materials.iter().filter(|m| m.window.is_some()) {
            let months = m.window.as_ref().unwrap().months as i32;
            let edge = as_of.add_months(-months);
            let status = |issued: Date| {
                let mut f = Facts::default();
                f.documents.push(Document { kind: m.id.to_string(), issued: Some(issued), period_end: Some(issued), sealed: Some(true), seal: Some(match m.seal.as_ref().map(|s| s.kind) {
                    Some(mantetong_core::pack::SealKind::MedicalRecordsRoom) => mantetong_core::facts::Seal::MedicalRecordsRoom,
                    _ => mantetong_core::facts::Seal::Hospital }), states_stage: Some(true), hospital_level: Some(3), hospital_public: Some(true), hospital_designated: Some(true), ..Document::default() });
                let out = evaluate(&pk, &c, &f, as_of);
                let mr = out.materials.iter().find(|x| x.id == m.id).unwrap().clone();
                mr.problems.iter().map(|p| p.code.as_str()).collect::<Vec<_>>()
            };
            prop_assert!(!status(edge).contains(&"expired"), "{} issued {edge} on {as_of}", m.id);
            prop_assert!(status(edge.add_days(-1)).contains(&"expired"));
            prop_assert!(status(as_of).is_empty());
            prop_assert!(status(as_of.add_days(1)).contains(&"future_date"));
        }
    }

    #[test]
    fn working_days_consistent(d in any_date(), n in 0u32..30) {
        let c = cal();
        match c.nth_working_day_after(d, n) {
            Ok(r) => {
                prop_assert!(r >= d);
                if n > 0 { prop_assert!(c.is_working_day(r).unwrap()); }
                prop_assert_eq!(c.working_days_between(d, r).unwrap(), n);
                if n > 0 {
                    // No working day is skipped: the (n-1)th comes strictly before.
                    let prev = c.nth_working_day_after(d, n - 1).unwrap();
                    prop_assert!(prev < r);
                    prop_assert_eq!(c.working_days_between(prev, r).unwrap(), 1);
                }
            }
            Err(u) => prop_assert!(!c.covers(u.0)),
        }
    }

    #[test]
    fn id_check_character(digits in proptest::collection::vec(0u8..10, 17), wrong in 0usize..11) {
        let mut s: String = digits.iter().map(|d| (b'0' + d) as char).collect();
        // A real birth date in positions 7-14.
        s.replace_range(6..14, "19550101");
        let ck = check_char(&s).unwrap();
        let ok = format!("{s}{ck}");
        prop_assert!(parse_id(&ok).is_ok());
        prop_assert!(parse_id(&ok.to_ascii_lowercase()).is_ok());
        let other = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][wrong];
        if other != ck {
            let bad = format!("{s}{other}");
            prop_assert_eq!(parse_id(&bad), Err(IdError::CheckDigit { expected: ck, found: other }));
            prop_assert_eq!(parse_id(&bad).unwrap_err().to_string(), format!("check digit should be {ck}"));
        }
    }
}

#[test]
fn calendar_matches_the_notices() {
    let c = cal();
    let count = |y: i32| {
        let mut d = Date::new(y, 1, 1).unwrap();
        let mut n = 0;
        while d.year() == y {
            if c.is_working_day(d).unwrap() {
                n += 1;
            }
            d = d.add_days(1);
        }
        n
    };
    // 2025: 261 weekdays − 18 weekday holidays + 5 make-up days = 248.
    assert_eq!(count(2025), 248);
    for (d, w) in [
        ("2025-01-26", true), ("2025-02-08", true), ("2025-04-27", true), ("2025-09-28", true), ("2025-10-11", true),
        ("2025-10-08", false), ("2025-01-01", false), ("2025-05-05", false), ("2025-06-02", false), ("2025-04-04", false),
        ("2026-01-04", true), ("2026-02-14", true), ("2026-02-28", true), ("2026-05-09", true), ("2026-09-20", true), ("2026-10-10", true),
        ("2026-01-02", false), ("2026-02-23", false), ("2026-06-19", false), ("2026-09-25", false), ("2026-10-07", false),
    ] {
        assert_eq!(c.is_working_day(Date::parse(d).unwrap()), Ok(w), "{d}");
    }
    assert!(c.is_working_day(Date::parse("2027-01-04").unwrap()).is_err());
    assert!(c.is_working_day(Date::parse("2024-12-31").unwrap()).is_err());
}
