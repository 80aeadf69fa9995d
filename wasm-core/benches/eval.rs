//! One full evaluation (eligibility + materials + estimate + timeline) per
//! region, from parsed facts; and the same from facts JSON text.
//! Run: `cargo bench -p mantetong-core --bench eval`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mantetong_core::{bundled, evaluate, Date, Facts};

include!("common/cases.rs");

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
    let text = bundled::json_of("shanxi-linfen").next().unwrap();
    c.bench_function("pack load+validate/shanxi-linfen", |b| b.iter(|| mantetong_core::Pack::from_json(black_box(text)).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
