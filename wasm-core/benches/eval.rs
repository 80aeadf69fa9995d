//! One full evaluation (eligibility + materials + estimate + timeline) per
//! region, from parsed facts; and the same from facts JSON text.
//! Run: `cargo bench -p mantetong-core --bench eval`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mantetong_core::{bundled, evaluate, Date, Facts};

const FACTS: [(&str, &str); 3] = [
    ("shanxi-linfen", r#"{"region":"shanxi-linfen","as_of":"2025-09-30",
      "applicant":{"id_number":"11010519491231002X","scheme":"employee","contribution":"normal","arrears":false,"insured_in":"shanxi-linfen","hukou_local":false,"resides_locally":true},
      "disease":{"id":"hypertension","grade":3},"diagnosis":{"hospital_level":2,"hospital_public":true},
      "documents":[{"kind":"diagnosis_certificate","issued":"2025-08-20","sealed":true,"states_stage":true},{"kind":"exam_reports","issued":"2024-09-01","sealed":true}],
      "proxy":{"name":"张三"},"expenses":{"drugs":6000,"exams":1200,"inpatient":3000}}"#),
    ("shandong-rizhao", r#"{"region":"shandong-rizhao","as_of":"2025-09-30",
      "applicant":{"insured_in":"shandong-rizhao","contribution":"normal"},"disease":{"id":"malignant-tumor"},
      "diagnosis":{"hospital_level":3,"hospital_designated":true},
      "documents":[{"kind":"exam_reports","issued":"2025-05-01","file":{"type":"image/jpeg","size":300000}}],
      "expenses":{"drugs":10000,"exams":2000}}"#),
    ("jilin-liaoyuan", r#"{"region":"jilin-liaoyuan","as_of":"2025-09-30","applicant":{"insured_in":"jilin-liaoyuan"},
      "disease":{"id":"diabetes"},"documents":[{"kind":"inpatient_records","issued":"2024-01-01","sealed":true,"seal":"medical_records_room"}]}"#),
];

fn bench(c: &mut Criterion) {
    let cal = bundled::calendar().unwrap();
    let day = Date::parse("2025-09-30").unwrap();
    for (id, text) in FACTS {
        let pack = bundled::pack(id).unwrap().unwrap();
        let facts = Facts::from_json(text).unwrap();
        c.bench_function(&format!("eval/{id}"), |b| b.iter(|| evaluate(black_box(&pack), &cal, black_box(&facts), day)));
        c.bench_function(&format!("parse+eval+json/{id}"), |b| {
            b.iter(|| {
                let f = Facts::from_json(black_box(text)).unwrap();
                serde_json::to_string(&evaluate(&pack, &cal, &f, day)).unwrap()
            })
        });
    }
    let text = bundled::PACKS[0].1;
    c.bench_function("pack load+validate/shanxi-linfen", |b| b.iter(|| mantetong_core::Pack::from_json(black_box(text)).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
