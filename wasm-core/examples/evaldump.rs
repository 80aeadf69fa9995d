//! Diagnostic: the full JSON of many evaluations, one per line, to compare
//! the core's output before and after a change (`evaldump > a.txt`, change,
//! `evaldump > b.txt`, `cmp a.txt b.txt`). The facts: every `facts` object
//! in the case files given as arguments (e.g. `tests/golden/*/*.json
//! tests/acceptance/*/*.json`), and `EVALDUMP_N` (default 3000) random ones
//! from a fixed seed; each evaluated with every bundled pack, on several
//! days (working days, weekends, holidays, days near and outside the
//! calendar's years), in both languages, with the next question.
use mantetong_core::eval::{evaluate_with, next_question, Lang, Options};
use mantetong_core::idcard::check_char;
use mantetong_core::{bundled, Date, Facts};
use serde_json::{json, Value};

fn collect(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "facts" && x.is_object() {
                    out.push(x.clone());
                } else {
                    collect(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn main() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut facts: Vec<Value> = Vec::new();
    for f in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            collect(&v, &mut facts);
        }
    }
    let n: usize = std::env::var("EVALDUMP_N").ok().and_then(|s| s.parse().ok()).unwrap_or(3000);
    let base = Date::parse("2024-11-01").unwrap().to_days();
    let day = |r: u64| Date::from_days(base + (r % 820) as i64).unwrap().to_string();
    let pick = |r: u64, xs: &[Value]| xs[(r % xs.len() as u64) as usize].clone();
    let maybe = |r: u64, v: Value| if r % 3 == 0 { Value::Null } else { v };
    let bools = [json!(true), json!(false)];
    let regions = bundled::region_ids();
    for _ in 0..n {
        let birth = Date::from_days(Date::parse("1930-01-01").unwrap().to_days() + (next() % 30000) as i64).unwrap();
        let body = format!("110105{:04}{:02}{:02}{:03}", birth.year(), birth.month(), birth.day(), next() % 1000);
        let id = format!("{body}{}", check_char(&body).unwrap_or('0'));
        let docs: Vec<Value> = (0..next() % 6)
            .map(|_| {
                json!({
                    "kind": pick(next(), &["id_card", "residence_permit", "insurance_card", "diagnosis_certificate", "exam_reports", "medical_records",
                        "inpatient_records", "application_form", "photo_1inch", "specialist_diagnosis", "medication_records", "proxy_id_card",
                        "authorization_letter"].map(|s| json!(s))),
                    "issued": maybe(next(), json!(day(next()))),
                    "period_end": maybe(next() / 2, json!(day(next()))),
                    "sealed": maybe(next(), pick(next(), &bools)),
                    "seal": maybe(next() / 3, pick(next(), &["hospital", "department", "medical_records_room", "other"].map(|s| json!(s)))),
                    "states_stage": maybe(next(), pick(next(), &bools)),
                    "signed": maybe(next(), pick(next(), &bools)),
                    "hospital_level": maybe(next() / 2, json!(1 + next() % 3)),
                    "file": maybe(next(), json!({
                        "name": pick(next(), &["a.pdf", "b.JPG", "c.exe", "d", "e.heic"].map(|s| json!(s))),
                        "type": maybe(next(), pick(next(), &["application/pdf", "image/jpeg", "text/plain", "image/gif", ""].map(|s| json!(s)))),
                        "size": pick(next(), &[json!(1000), json!(300000), json!(20971521), json!(31457280), json!(5242881)]),
                    })),
                })
            })
            .collect();
        let f = json!({
            "region": pick(next(), &regions.iter().map(|s| json!(s)).collect::<Vec<_>>()),
            "as_of": day(next()),
            "applicant": {
                "id_number": maybe(next(), json!(id)),
                "scheme": maybe(next(), pick(next(), &[json!("employee"), json!("resident")])),
                "contribution": maybe(next(), pick(next(), &["normal", "suspended", "lapsed"].map(|s| json!(s)))),
                "arrears": maybe(next(), pick(next(), &bools)),
                "insured_in": maybe(next(), pick(next(), &regions.iter().map(|s| json!(s)).chain([json!("beijing")]).collect::<Vec<_>>())),
                "hukou_local": maybe(next(), pick(next(), &bools)),
                "resides_locally": maybe(next(), pick(next(), &bools)),
                "remote_registered": maybe(next(), pick(next(), &bools)),
                "disabled": maybe(next(), pick(next(), &bools)),
            },
            "disease": {
                "id": maybe(next() / 5, pick(next(), &["hypertension", "diabetes", "malignant-tumor", "malignant-tumor-radiochemo", "organ-transplant-antirejection", "copd", "x"].map(|s| json!(s)))),
                "code": maybe(next() / 7 + 1, pick(next(), &["M03900", "M01600", "M00000"].map(|s| json!(s)))),
                "grade": maybe(next(), json!(1 + next() % 3)),
                "complications": maybe(next(), pick(next(), &bools)),
            },
            "diagnosis": {
                "hospital_level": maybe(next(), json!(1 + next() % 3)),
                "hospital_public": maybe(next(), pick(next(), &bools)),
                "hospital_designated": maybe(next(), pick(next(), &bools)),
                "date": maybe(next(), json!(day(next()))),
                "specialist": maybe(next(), pick(next(), &bools)),
                "meets_criteria": maybe(next(), pick(next(), &bools)),
            },
            "documents": docs,
            "proxy": maybe(next(), json!({"name": "张三", "relationship": pick(next(), &["child", "Wife", "parent", "friend"].map(|s| json!(s)))})),
            "expenses": maybe(next(), json!({
                "drugs": maybe(next(), json!((next() % 2_000_000) as f64 / 100.0)),
                "exams": maybe(next(), json!(next() % 20000)),
                "treatment": maybe(next(), json!(next() % 20000)),
                "targeted_drugs": maybe(next(), json!(next() % 200000)),
                "inpatient": maybe(next(), json!(next() % 20000)),
            })),
        });
        facts.push(f);
    }
    let cal = bundled::calendar().unwrap();
    let packs: Vec<_> = regions.iter().map(|id| bundled::pack(id).unwrap().unwrap()).collect();
    let days: Vec<Date> = ["2025-09-30", "2025-09-28", "2025-10-01", "2025-12-24", "2026-12-20", "2024-06-01", "2027-02-01"].iter().map(|s| Date::parse(s).unwrap()).collect();
    let (mut ok, mut bad) = (0, 0);
    for (i, raw) in facts.iter().enumerate() {
        let Ok(f) = Facts::from_value(raw) else {
            bad += 1;
            continue;
        };
        ok += 1;
        for (pi, pack) in packs.iter().enumerate() {
            // Every pack on a few cases; the facts' own pack on its days.
            let own = f.region.as_deref() == Some(&*pack.id);
            if !own && (i + pi) % 4 != 0 {
                continue;
            }
            let mut on: Vec<Date> = f.as_of.into_iter().collect();
            if own {
                on.push(days[i % days.len()]);
            }
            for d in on {
                for lang in [Lang::Zh, Lang::En] {
                    let o = evaluate_with(pack, &cal, &f, d, Options { lang });
                    println!("{i} {} {d} {lang:?} {}", pack.id, serde_json::to_string(&o).unwrap());
                }
            }
            let q = next_question(pack, &f);
            println!("{i} {} question {}", pack.id, serde_json::to_string(&q).unwrap());
        }
    }
    eprintln!("{ok} facts evaluated, {bad} did not parse");
}
