// The facts both eval benchmarks run: criterion natively
// (wasm-core/benches/eval.rs) and the bare wasm harness in Chromium
// (scripts/bench/core-wasm), so the two columns of docs/bench.md measure the
// same work. Included with `include!`.
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
