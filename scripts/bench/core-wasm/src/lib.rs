//! Exports for scripts/bench/browser-eval.mjs: `setup()` parses the bundled
//! packs, calendar and the same facts as wasm-core/benches/eval.rs; then
//! `eval_n(case, n)` runs n evaluations from parsed facts and
//! `parse_eval_json_n(case, n)` n times facts-JSON → evaluate → JSON text.
//! Both return a checksum so the work cannot be optimised away.
use std::cell::RefCell;
use std::hint::black_box;

use mantetong_core::{bundled, evaluate, Calendar, Date, Facts, Pack};

include!("../../../../wasm-core/benches/common/cases.rs");

struct State {
    cal: Calendar,
    day: Date,
    cases: Vec<(Pack, Facts, &'static str)>,
}

thread_local! { static STATE: RefCell<Option<State>> = const { RefCell::new(None) }; }

/// Returns the number of cases, or 0 if the bundled data did not load.
#[no_mangle]
pub extern "C" fn setup() -> u32 {
    let Ok(cal) = bundled::calendar() else { return 0 };
    let Some(day) = Date::parse("2025-09-30") else { return 0 };
    let mut cases = Vec::new();
    for (id, text) in FACTS {
        let Some(Ok(pack)) = bundled::pack(id) else { return 0 };
        let Ok(facts) = Facts::from_json(text) else { return 0 };
        cases.push((pack, facts, text));
    }
    let n = cases.len() as u32;
    STATE.with(|s| *s.borrow_mut() = Some(State { cal, day, cases }));
    n
}

#[no_mangle]
pub extern "C" fn eval_n(case: u32, n: u32) -> u32 {
    STATE.with(|s| {
        let s = s.borrow();
        let Some(st) = s.as_ref() else { return 0 };
        let (pack, facts, _) = &st.cases[case as usize];
        for _ in 0..n {
            black_box(evaluate(black_box(pack), &st.cal, black_box(facts), st.day));
        }
        n
    })
}

#[no_mangle]
pub extern "C" fn parse_eval_json_n(case: u32, n: u32) -> u32 {
    STATE.with(|s| {
        let s = s.borrow();
        let Some(st) = s.as_ref() else { return 0 };
        let (pack, _, text) = &st.cases[case as usize];
        let mut len = 0u32;
        for _ in 0..n {
            let Ok(f) = Facts::from_json(black_box(text)) else { return 0 };
            let Ok(json) = serde_json::to_string(&evaluate(pack, &st.cal, &f, st.day)) else { return 0 };
            len = len.wrapping_add(json.len() as u32);
        }
        len
    })
}
