//! Pack validation: each kind of problem is found and named by its path.

use mantetong_core::{bundled, validate_packs, Pack};
use serde_json::{json, Value};

fn linfen() -> Value {
    serde_json::from_str(bundled::json_of("shanxi-linfen").next().unwrap()).unwrap()
}

fn problems(v: &Value) -> Vec<String> {
    match Pack::from_value(v) {
        Ok(_) => vec![],
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

fn expect(v: Value, want: &str) {
    let ps = problems(&v);
    assert!(ps.iter().any(|p| p.starts_with(want)), "expected a problem starting {want:?}; got {ps:#?}");
}

#[test]
fn each_problem_kind_is_reported_with_its_path() {
    let mut v = linfen();
    v["materials"][0]["id"] = json!("passport");
    expect(v, "materials[0].id: unknown material id \"passport\"");

    let mut v = linfen();
    v["pools"][0]["source"] = json!("");
    expect(v, "pools[0].source: has no source");

    let mut v = linfen();
    v["checks"][2]["source"] = json!("somewhere");
    expect(v, "checks[2].source: \"somewhere\" does not cite");

    let mut v = linfen();
    v["materials"][3]["window"] = json!({ "months": 12, "source": " " });
    expect(v, "materials[3].window.source: has no source");

    let mut v = linfen();
    v["effective"]["to"] = json!("2024-12-31");
    expect(v, "effective: inverted dates");

    let mut v = linfen();
    v["effective"]["from"] = json!("2025-02-30");
    expect(v, "effective.from: \"2025-02-30\" is not a date");

    let mut v = linfen();
    v["catalogue"]["diseases"].as_array_mut().unwrap().push(json!({ "id": "asthma", "name": { "zh": "哮喘", "en": "Asthma" }, "source": "000_07b534b3317dd747.txt §一" }));
    expect(v, "catalogue.diseases[5].id: disease \"asthma\" is in no benefit pool");

    let mut v = linfen();
    v["checks"][1]["id"] = v["checks"][0]["id"].clone();
    expect(v, "checks[1].id: duplicate id");

    let mut v = linfen();
    v["pools"][1]["covers"] = json!(["drugs", "exams", "treatment"]);
    v["pools"][1]["diseases"] = json!(["hypertension"]);
    expect(v, "pools[1].covers: expense \"drugs\" is already paid by pools[0]");

    let mut v = linfen();
    v["pools"][0]["ratio"] = json!(1.5);
    expect(v, "pools[0].ratio: 1.5 is not a share");

    let mut v = linfen();
    v["pools"][0]["diseases"] = json!(["hypertension", "gout"]);
    expect(v, "pools[0].diseases[1]: unknown disease id \"gout\"");

    let mut v = linfen();
    v["checks"][0]["rule"] = json!({ "eq": { "fact": "applicant.shoe_size", "value": 1 } });
    expect(v, "checks[0].rule: unknown fact path \"applicant.shoe_size\"");

    let mut v = linfen();
    v["timeline"]["renewal"][1]["diseases"] = json!(["hypertension"]);
    expect(v, "timeline.renewal[1].diseases: disease \"hypertension\" already has a renewal rule");

    let mut v = linfen();
    v["checks"][0]["rule"] = json!({ "sometimes": {} });
    expect(v, "checks[0].rule: unknown variant `sometimes`");

    let mut v = linfen();
    v["schema"] = json!("one");
    expect(v, "schema: invalid type");

    let mut v = linfen();
    v["surprise"] = json!(1);
    expect(v, "surprise: unknown field");

    let mut v = linfen();
    v["channels"][0]["kind"] = json!("online");
    expect(v, "channels[0].endpoint: an online channel needs an endpoint");
}

#[test]
fn several_problems_at_once() {
    let mut v = linfen();
    v["materials"][0]["id"] = json!("passport");
    v["materials"][2]["window"] = json!({ "months": 12 });
    v["pools"][0]["source"] = json!("");
    let ps = problems(&v);
    for want in ["materials[0].id", "materials[2].window", "pools[0].source"] {
        assert!(ps.iter().any(|p| p.starts_with(want)), "{want} not in {ps:#?}");
    }
}

#[test]
fn online_channel_with_endpoint_is_valid() {
    let mut v = linfen();
    v["channels"].as_array_mut().unwrap().push(json!({ "kind": "online", "name": { "zh": "参考受理端", "en": "Reference intake" },
        "instructions": { "zh": "提交申请包", "en": "Send the application package" }, "endpoint": "https://intake.example/api/v1/applications",
        "receiver": { "zh": "临汾市医疗保障局", "en": "Linfen Healthcare Security Administration" },
        "source": "000_07b534b3317dd747.txt §二 渠道选择" }));
    assert_eq!(problems(&v), Vec::<String>::new());
}

#[test]
fn overlapping_periods_of_one_region() {
    let a = Pack::from_value(&linfen()).unwrap();
    let mut b = a.clone();
    b.version = "2026.1".into();
    b.effective.from = "2025-06-01".into();
    let ps = validate_packs(&[("a.json".into(), a.clone()), ("b.json".into(), b.clone())]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].to_string().starts_with("b.json: effective: overlaps a.json"));
    let mut a2 = a;
    a2.effective.to = Some("2025-05-31".into());
    assert!(validate_packs(&[("a.json".into(), a2), ("b.json".into(), b)]).is_empty());
}

#[test]
fn centralized_track_counts_twenty_working_days() {
    use mantetong_core::{evaluate, Date, Facts};
    let mut v: Value = serde_json::from_str(bundled::json_of("shandong-rizhao").next().unwrap()).unwrap();
    v["catalogue"]["diseases"][2]["track"] = json!("centralized");
    let pack = Pack::from_value(&v).unwrap();
    let cal = bundled::calendar().unwrap();
    let f = Facts::from_json(r#"{"disease":{"id":"hypertension"}}"#).unwrap();
    let out = evaluate(&pack, &cal, &f, Date::parse("2025-09-30").unwrap());
    assert_eq!(out.track.map(|t| t.as_str()), Some("centralized"));
    // 每月集中审核一次，20个工作日内完成: the later reading, from the monthly
    // review (day not published: at the latest 2025-10-31), is the bound;
    // the reading from submission (2025-11-04) is kept beside it.
    assert_eq!(out.timeline.decision_by.unwrap().to_string(), "2025-11-28");
    assert_eq!(out.timeline.decision_counts_from, Some("monthly_batch"));
    assert_eq!(out.timeline.decision_by_earliest_reading.unwrap().to_string(), "2025-11-04");
    assert_eq!(out.timeline.effective_from.unwrap().to_string(), "2025-11-29");
    assert_eq!(out.timeline.pre_review_by, None);
    // Without the batch, 20 working days count from submission.
    v["timeline"]["tracks"][1].as_object_mut().unwrap().remove("batch");
    let pack = Pack::from_value(&v).unwrap();
    let out = evaluate(&pack, &cal, &f, Date::parse("2025-09-30").unwrap());
    assert_eq!(out.timeline.decision_by.unwrap().to_string(), "2025-11-04");
    assert_eq!(out.timeline.decision_counts_from, Some("submission"));
    assert_eq!(out.timeline.effective_from.unwrap().to_string(), "2025-11-05");
}

/// A question without its proxy form, or one whose label speaks as the
/// applicant without a proxy label, is a validation error.
#[test]
fn proxy_forms_are_required() {
    let mut v = linfen();
    v["questions"][1].as_object_mut().unwrap().remove("proxy");
    let e = Pack::from_value(&v).unwrap_err();
    assert!(e.iter().any(|p| p.path == "questions[1].proxy" && p.message.starts_with("missing")), "{e:?}");
    let mut v = linfen();
    v["questions"][6]["proxy"]["labels"].as_object_mut().unwrap().remove("hukou");
    let e = Pack::from_value(&v).unwrap_err();
    assert!(e.iter().any(|p| p.path == "questions[6].proxy.labels.hukou"), "{e:?}");
    let mut v = linfen();
    v["questions"][1]["proxy"]["text"]["zh"] = json!("您的医保缴费状态是？");
    let e = Pack::from_value(&v).unwrap_err();
    assert!(e.iter().any(|p| p.path == "questions[1].proxy.text" && p.message.contains("{who}")), "{e:?}");
    let mut v = linfen();
    v["questions"][1]["proxy"]["text"]["en"] = json!("What is {whom} status?");
    let e = Pack::from_value(&v).unwrap_err();
    assert!(e.iter().any(|p| p.message.contains("unknown template")), "{e:?}");
}

/// A pack that says nothing about inpatient spending still keeps it out of
/// the outpatient estimate (the core's own rule), lists it in
/// `estimate.outside` citing the contract, and does not make `exact` false.
#[test]
fn inpatient_is_outside_the_estimate_even_without_an_outside_rule() {
    let mut v = linfen();
    v["outside"] = json!([]);
    let pack = Pack::from_value(&v).expect("valid without outside rules");
    let cal = bundled::calendar().unwrap();
    let facts = mantetong_core::Facts::from_json(
        r#"{"disease":{"id":"hypertension","grade":3},"expenses":{"drugs":5000,"inpatient":20000}}"#,
    )
    .unwrap();
    let o = mantetong_core::evaluate(&pack, &cal, &facts, mantetong_core::Date::parse("2025-09-30").unwrap()).to_json();
    let e = &o["estimate"];
    assert_eq!(e["reimbursed"], 3500.0);
    assert_eq!(e["out_of_pocket"], 1500.0);
    assert_eq!(e["exact"], true);
    assert_eq!(e["unestimated"], 0.0);
    assert_eq!(e["outside"], json!([{ "expense": "inpatient", "spending": 20000.0, "source": "CONTRACT.md §Facts (expenses: the expected yearly outpatient spending; inpatient care is paid under inpatient rules)",
        "cite": { "title": "慢特通自身的规则（不是医保政策）", "title_en": "mantetong's own rule (not an insurance policy)", "section": "§Facts (expenses: the expected yearly outpatient spending; inpatient care is paid under inpatient rules)" } }]));
    let notes: Vec<&str> = e["notes"].as_array().unwrap().iter().map(|n| n["message_zh"].as_str().unwrap()).collect();
    assert!(notes.contains(&"住院费用不属于门诊慢特病待遇：按住院政策另行报销，不在本门诊估算内（文本未公布住院报销办法）"), "{notes:?}");
}
