//! At least 100,000 generated malformed inputs (facts and packs) through
//! the parse / validate / evaluate path: nothing panics, and every problem
//! names a field (a non-empty JSON path and a message).
//!
//! Deterministic (a fixed-seed xorshift generator), bounded in time.

use mantetong_core::golden::eval_value;
use mantetong_core::{bundled, evaluate, next_question, Calendar, Date, Facts, Lang, Pack, Problem};
use serde_json::{json, Map, Value};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: [&str; 24] = [
    "", "x", "shanxi-linfen", "hypertension", "normal", "lapsed", "employee", "2025-09-30", "2025-02-29", "2025-13-01",
    "11010519491231002X", "110105194912310021", "M03900", "hospital", "medical_records_room", "application/pdf", "*",
    "instant", "expert_review", "drugs", "-", "临汾", "\u{0}", "1e309",
];

fn random_value(r: &mut Rng, depth: u32) -> Value {
    match r.below(if depth > 2 { 7 } else { 9 }) {
        0 => Value::Null,
        1 => Value::Bool(r.below(2) == 0),
        2 => json!([-5i64, 0, 1, 2, 3, 4, 7, 65, 4000, i64::MAX, i64::MIN][r.below(11)]),
        3 => json!([0.005, 1.005, -0.01, 0.7, 1e300, 6000.5, 12.345, 0.65, -1e-9][r.below(9)]),
        4 | 5 => Value::String(WORDS[r.below(WORDS.len())].to_string()),
        6 => Value::String("a".repeat(r.below(2000))),
        7 => Value::Array((0..r.below(4)).map(|_| random_value(r, depth + 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..r.below(4) {
                m.insert(["id", "kind", "source", "x", "issued", "value", "fact"][r.below(7)].to_string(), random_value(r, depth + 1));
            }
            Value::Object(m)
        }
    }
}

/// Replaces, deletes or adds one node somewhere in `v`.
fn mutate(v: &mut Value, r: &mut Rng) {
    let stop = r.below(4) == 0;
    match v {
        Value::Object(m) if !m.is_empty() && !stop => {
            let k = m.keys().nth(r.below(m.len())).cloned().unwrap_or_default();
            if r.below(6) == 0 {
                m.remove(&k);
            } else if let Some(c) = m.get_mut(&k) {
                mutate(c, r);
            }
        }
        Value::Array(a) if !a.is_empty() && !stop => {
            let i = r.below(a.len());
            if r.below(6) == 0 {
                a.remove(i);
            } else {
                mutate(&mut a[i], r);
            }
        }
        Value::Object(m) if r.below(3) == 0 => {
            m.insert(["unknown", "id", "source", "as_of", "grade"][r.below(5)].into(), random_value(r, 0));
        }
        _ => *v = random_value(r, 0),
    }
}

fn assert_named(ps: &[Problem], what: &str) {
    assert!(!ps.is_empty(), "{what}: an error without problems");
    for p in ps {
        assert!(!p.path.is_empty(), "{what}: problem without a path: {p:?}");
        assert!(!p.message.trim().is_empty(), "{what}: problem without a message: {p:?}");
    }
}

fn base_facts() -> Vec<Value> {
    vec![
        json!({"region":"shanxi-linfen","as_of":"2025-09-30",
          "applicant":{"id_number":"11010519491231002X","scheme":"employee","contribution":"normal","arrears":false,"insured_in":"shanxi-linfen","hukou_local":true,"resides_locally":true,"remote_registered":false},
          "disease":{"id":"hypertension","grade":3,"complications":false},
          "diagnosis":{"hospital_level":2,"hospital_public":true,"hospital_designated":true,"date":"2025-08-20"},
          "documents":[{"kind":"diagnosis_certificate","issued":"2025-08-20","sealed":true,"states_stage":true,"file":{"name":"a.pdf","type":"application/pdf","size":1000}},
                       {"kind":"exam_reports","issued":"2024-01-01","sealed":false}],
          "proxy":{"name":"张三","id_number":"34052419800101001X","relationship":"child","phone":"13800000000"},
          "expenses":{"drugs":6000,"exams":1200,"treatment":0,"targeted_drugs":0,"inpatient":0}}),
        json!({"region":"shandong-rizhao","as_of":"2025-10-03","applicant":{"insured_in":"shandong-rizhao","contribution":"normal"},
          "disease":{"id":"malignant-tumor"},"diagnosis":{"hospital_level":3,"hospital_designated":true},
          "documents":[{"kind":"medical_records","file":{"type":"image/png","size":5}}],"expenses":{"drugs":100.5}}),
        json!({"region":"jilin-liaoyuan","applicant":{"insured_in":"jilin-liaoyuan"},"disease":{"code":"M01600"},
          "documents":[{"kind":"inpatient_records","issued":"2024-01-01","sealed":true,"seal":"medical_records_room"}]}),
    ]
}

#[test]
fn malformed_inputs_never_panic_and_name_a_field() {
    let packs: Vec<Pack> = bundled::packs().unwrap();
    let cal: Calendar = bundled::calendar().unwrap();
    let today = Date::parse("2025-09-30").unwrap();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let facts = base_facts();
    let pack_values: Vec<Value> = bundled::PACKS.iter().map(|(_, s)| serde_json::from_str(s).unwrap()).collect();
    let pack_texts: Vec<&str> = bundled::PACKS.iter().map(|(_, s)| *s).collect();
    let mut n = 0u32;
    let (mut rejected, mut accepted) = (0u32, 0u32);

    // 1. Structured facts mutations, through the CLI's eval path.
    for i in 0..60_000 {
        let mut v = facts[i % facts.len()].clone();
        for _ in 0..1 + r.below(3) {
            mutate(&mut v, &mut r);
        }
        match eval_value(&v, None, &packs, &cal, today, if i % 2 == 0 { Lang::Zh } else { Lang::En }) {
            Ok(o) => {
                accepted += 1;
                let _ = serde_json::to_string(&o).unwrap();
            }
            Err(ps) => {
                rejected += 1;
                assert_named(&ps, &format!("facts {v}"));
            }
        }
        if let Ok(f) = Facts::from_value(&v) {
            let _ = next_question(&packs[i % packs.len()], &f);
        }
        n += 1;
    }
    // 2. Byte-level damage to facts text.
    let texts: Vec<String> = facts.iter().map(|f| f.to_string()).collect();
    for i in 0..20_000 {
        let mut b = texts[i % texts.len()].clone().into_bytes();
        for _ in 0..1 + r.below(3) {
            let at = r.below(b.len());
            match r.below(3) {
                0 => b[at] = b"{}[]\",:0-.e9x\\ "[r.below(15)],
                1 => {
                    b.remove(at);
                }
                _ => b.insert(at, b"{}[]\",:0-.e9x\\ "[r.below(15)]),
            }
        }
        let s = String::from_utf8_lossy(&b);
        match Facts::from_json(&s) {
            Ok(f) => {
                let _ = evaluate(&packs[i % 3], &cal, &f, today);
            }
            Err(ps) => assert_named(&ps, &format!("facts text {s}")),
        }
        n += 1;
    }
    // 3. Pack mutations: schema and meaning problems, each with a path.
    for i in 0..20_000 {
        let mut v = pack_values[i % pack_values.len()].clone();
        for _ in 0..1 + r.below(2) {
            mutate(&mut v, &mut r);
        }
        // The app's reader (shape only, no meaning checks): never a panic,
        // a problem with a path, and even a pack it accepts that would not
        // validate evaluates without a panic.
        match Pack::read_shipped_value(&v) {
            Ok(p) => {
                let f = Facts::from_value(&facts[i % facts.len()]).unwrap();
                let _ = serde_json::to_string(&evaluate(&p, &cal, &f, today)).unwrap();
                let _ = next_question(&p, &Facts::default());
            }
            Err(e) => assert_named(&[e], "pack (shipped reader)"),
        }
        match Pack::from_value(&v) {
            Ok(p) => {
                let f = Facts::from_value(&facts[i % facts.len()]).unwrap();
                let _ = serde_json::to_string(&evaluate(&p, &cal, &f, today)).unwrap();
                let _ = next_question(&p, &Facts::default());
            }
            Err(ps) => assert_named(&ps, "pack"),
        }
        n += 1;
    }
    // 4. A few thousand byte-damaged pack texts.
    for i in 0..2_000 {
        let mut b = pack_texts[i % pack_texts.len()].as_bytes().to_vec();
        let at = r.below(b.len());
        b[at] = b"{}[]\",:0-.e9x"[r.below(13)];
        if let Err(e) = Pack::read_shipped(&String::from_utf8_lossy(&b)) {
            assert_named(&[e], "pack text (shipped reader)");
        }
        if let Err(ps) = Pack::from_json(&String::from_utf8_lossy(&b)) {
            assert_named(&ps, "pack text");
        }
        n += 1;
    }
    assert!(n >= 100_000, "{n}");
    assert!(rejected > 1000 && accepted > 1000, "generator too one-sided: {rejected} rejected, {accepted} accepted");
}
