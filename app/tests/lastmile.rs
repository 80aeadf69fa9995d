#![cfg(target_arch = "wasm32")]
//! The last mile's pure parts, in headless Chromium: times for people in
//! China Standard Time, who receives an application, the status backoff.
//! (Plain `#[test]`s in the library do not run on wasm32; these do.)

use mantetong_app::route::{from_info, info_url, Receiver};
use mantetong_app::submit::check_interval_ms;
use mantetong_app::time::{cst_words, day_text};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn utc_and_offsets_become_china_standard_time_in_words() {
    let cases = [
        ("2026-11-30T14:52:00Z", "2026年11月30日 22:52"),
        ("2026-11-30T16:30:09Z", "2026年12月1日 00:30"),
        ("2025-09-30T10:15:00+08:00", "2025年9月30日 10:15"),
        ("2025-12-31T23:59:59.123-05:00", "2026年1月1日 12:59"),
        ("not a time", "not a time"),
        ("2026-11-30T25:00:00Z", "2026-11-30T25:00:00Z"),
    ];
    for (input, want) in cases {
        assert_eq!(cst_words(input, false), want, "{input}");
    }
    assert_eq!(cst_words("2026-11-30T14:52:00Z", true), "30 November 2026, 22:52 China time");
    assert_eq!(day_text("2026-12-03", false), "2026年12月3日");
    assert_eq!(day_text("2026-12-03", true), "3 December 2026");
}

#[wasm_bindgen_test]
fn the_receiver_is_named_or_called_a_demo_or_absent() {
    let e = "/api/v1/applications";
    assert_eq!(info_url(e).as_deref(), Some("/api/v1/receiver"));
    assert_eq!(info_url("/intake/submit"), None);
    let named = json!({ "receiver": { "zh": "临汾市医疗保障局", "en": "Linfen HSA" }, "demo": false, "regions": ["shanxi-linfen"] });
    assert_eq!(
        from_info(Some(&named), "shanxi-linfen", e, false),
        Receiver::Named { zh: "临汾市医疗保障局".into(), en: "Linfen HSA".into(), endpoint: e.into() }
    );
    // A Linfen receiver does not receive Rizhao's applications.
    assert_eq!(from_info(Some(&named), "shandong-rizhao", e, false), Receiver::Nobody);
    let demo = json!({ "receiver": null, "demo": true, "regions": [] });
    assert_eq!(from_info(Some(&demo), "shandong-rizhao", e, false), Receiver::Demo { endpoint: e.into() });
    // No answer: no online send, unless a host configured the endpoint.
    assert_eq!(from_info(None, "shanxi-linfen", e, false), Receiver::Nobody);
    assert_eq!(from_info(None, "shanxi-linfen", "/intake/applications", true), Receiver::Unnamed { endpoint: "/intake/applications".into() });
}

#[wasm_bindgen_test]
fn status_checks_back_off() {
    assert_eq!(check_interval_ms(0), 30_000.0);
    assert_eq!(check_interval_ms(2), 120_000.0);
    assert_eq!(check_interval_ms(30), 3_600_000.0);
}
