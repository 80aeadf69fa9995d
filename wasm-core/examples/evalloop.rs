//! Diagnostic: one region's full evaluation run N times (for callgrind or
//! perf): `evalloop REGION N`.
use mantetong_core::{bundled, evaluate, Date, Facts};
include!("../benches/common/cases.rs");
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let id = a.get(1).map(String::as_str).unwrap_or("shanxi-linfen");
    let n: u32 = a.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let cal = bundled::calendar().unwrap();
    let day = Date::parse("2025-09-30").unwrap();
    let (_, text) = FACTS.iter().find(|(i, _)| *i == id).expect("a region of benches/common/cases.rs");
    let pack = bundled::pack(id).unwrap().unwrap();
    let facts = Facts::from_json(text).unwrap();
    let mut k = 0usize;
    for _ in 0..n {
        k += std::hint::black_box(evaluate(&pack, &cal, &facts, day)).materials.len();
    }
    println!("{k}");
}
