//! The interview: answering `next_question` with any of its options always
//! reaches a determination (or a fact no one can answer) within 8 questions,
//! and every option's `set` yields valid facts.

use mantetong_core::eval::Status;
use mantetong_core::{apply_answer, bundled, eligibility, next_question, Facts, Lang, Pack};
use serde_json::{json, Value};

fn walk(pack: &Pack, facts: Value, depth: usize, leaves: &mut usize, max_depth: &mut usize, trail: &mut Vec<String>) {
    let f = Facts::from_value(&facts).unwrap_or_else(|e| panic!("{}: answers {trail:?} gave invalid facts: {e:?}", pack.id));
    match next_question(pack, &f) {
        None => {
            *leaves += 1;
            *max_depth = (*max_depth).max(depth);
            let st = eligibility(pack, &f, Lang::Zh).status;
            if st == Status::Undetermined {
                // Only a policy unknown may remain, never an askable fact.
                let el = eligibility(pack, &f, Lang::Zh);
                for m in &el.missing {
                    assert!(pack.question_for(m).is_none(), "{}: {m} is missing but never asked ({trail:?})", pack.id);
                }
            }
        }
        Some(q) => {
            assert!(depth < 8, "{}: more than 8 questions: {trail:?} then {}", pack.id, q.id);
            assert!(!q.options.is_empty(), "{}: question {} has no options", pack.id, q.id);
            for o in &q.options {
                let mut next = facts.clone();
                apply_answer(&mut next, &o.set);
                trail.push(format!("{}={}", q.id, o.id));
                walk(pack, next, depth + 1, leaves, max_depth, trail);
                trail.pop();
            }
        }
    }
}

#[test]
fn every_answer_path_settles_within_eight_questions() {
    for id in bundled::region_ids() {
        let pack = bundled::pack(id).unwrap().unwrap();
        let (mut leaves, mut max_depth) = (0, 0);
        walk(&pack, json!({ "region": id }), 0, &mut leaves, &mut max_depth, &mut vec![]);
        eprintln!("{id}: {leaves} answer paths, at most {max_depth} questions");
        assert!(max_depth <= 8);
    }
}

#[test]
fn linfen_happy_path_order() {
    let pack = bundled::pack("shanxi-linfen").unwrap().unwrap();
    let mut facts = json!({ "region": "shanxi-linfen" });
    let answers = [
        ("applicant.insured_in", "linfen"),
        ("applicant.contribution", "normal"),
        ("applicant.arrears", "no"),
        ("disease.id", "hypertension"),
        ("disease.grade", "3"),
        ("applicant.hukou_local", "hukou"),
        ("diagnosis.hospital_level", "public-2"),
    ];
    for (qid, opt) in answers {
        let q = next_question(&pack, &Facts::from_value(&facts).unwrap()).expect("a question");
        assert_eq!(q.id, qid);
        let o = q.options.iter().find(|o| o.id == opt).unwrap();
        apply_answer(&mut facts, &o.set);
    }
    let f = Facts::from_value(&facts).unwrap();
    assert!(next_question(&pack, &f).is_none());
    assert_eq!(eligibility(&pack, &f, Lang::Zh).status, Status::Eligible);
}

/// In a proxy filing every question and hint names the person it is about
/// (您母亲 / your mother; TA when the relationship is not known), in both
/// languages, and no option speaks as the applicant (我 / My).
#[test]
fn proxy_questions_name_the_person() {
    // A daughter (relationship: child) files for her mother (ID: female).
    let mother = json!({ "applicant": { "id_number": "11010519491231002X" }, "proxy": { "relationship": "child" } });
    let unknown = json!({ "proxy": { "name": "张三" } });
    for pack in bundled::packs().unwrap() {
        for q in &pack.questions {
            let plain = mantetong_core::eval::phrase(q, &Facts::default());
            assert!(!plain.3, "{}: {} phrased for a proxy without one", pack.id, q.id);
            let (text, why, options, proxy) = mantetong_core::eval::phrase(q, &Facts::from_value(&mother).unwrap());
            assert!(proxy);
            assert!(text.zh.contains("您母亲"), "{}: {}: {}", pack.id, q.id, text.zh);
            assert!(text.en.to_lowercase().contains("your mother"), "{}: {}: {}", pack.id, q.id, text.en);
            for t in std::iter::once(&why).chain(options.iter().map(|o| &o.label)) {
                assert!(!t.zh.contains('我') && !t.en.contains("My ") && !t.en.contains(" I "), "{}: {}: {t:?} speaks as the applicant", pack.id, q.id);
                assert!(!t.zh.contains("您的") && !t.en.contains("Where are you"), "{}: {}: {t:?} asks the proxy about themselves", pack.id, q.id);
            }
            let (text, ..) = mantetong_core::eval::phrase(q, &Facts::from_value(&unknown).unwrap());
            assert!(text.zh.contains("TA"), "{}: {}: {}", pack.id, q.id, text.zh);
            assert!(!text.zh.contains('{') && !text.en.contains('{'), "{}: {}: a template was left: {text:?}", pack.id, q.id);
        }
    }
    // next_question gives the proxy form.
    let pack = bundled::pack("shanxi-linfen").unwrap().unwrap();
    let mut f = mother.clone();
    f["applicant"]["insured_in"] = json!("shanxi-linfen");
    let q = next_question(&pack, &Facts::from_value(&f).unwrap()).unwrap();
    assert_eq!(q.id, "applicant.contribution");
    assert_eq!(q.text.zh, "您母亲的医保缴费状态是？");
    assert_eq!(q.text.en, "What is your mother's contribution status?");
    assert!(q.proxy);
}

/// Linfen's 老年人/残疾人 可由家属代办: the note is shown on a proxy filing for
/// someone not known to be elderly or disabled, and not for a 75-year-old.
#[test]
fn linfen_proxy_note_only_where_the_text_is_silent() {
    let pack = bundled::pack("shanxi-linfen").unwrap().unwrap();
    let cal = bundled::calendar().unwrap();
    let day = mantetong_core::Date::parse("2025-09-30").unwrap();
    let note = |facts: Value| {
        let o = mantetong_core::evaluate(&pack, &cal, &Facts::from_value(&facts).unwrap(), day);
        o.notes.iter().any(|n| n.message_zh.starts_with("代办："))
    };
    assert!(note(json!({ "applicant": { "id_number": "340524199001010022" }, "proxy": { "name": "张三" } })));
    assert!(note(json!({ "proxy": { "name": "张三" } })), "age unknown: the note is shown");
    assert!(!note(json!({ "applicant": { "id_number": "11010519491231002X" }, "proxy": { "name": "张三" } })), "75 years old");
    assert!(!note(json!({ "applicant": { "id_number": "340524199001010022", "disabled": true }, "proxy": { "name": "张三" } })));
    assert!(!note(json!({ "applicant": { "id_number": "340524199001010022" } })), "no proxy");
}
