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
