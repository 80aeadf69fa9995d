//! An `online` channel must name who receives what is sent (issue 12): the
//! app shows that name before anything leaves the phone.

use mantetong_core::{validate_pack, Pack};
use serde_json::{json, Value};

fn linfen_with(channel: Value) -> Vec<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/regions/shanxi-linfen.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let source = v["channels"][0]["source"].clone();
    let mut c = channel;
    c["source"] = source;
    v["channels"].as_array_mut().unwrap().push(c);
    // Loading validates the meaning too; either way, the channel problems.
    let problems = match Pack::from_json(&v.to_string()) {
        Ok(pack) => validate_pack(&pack),
        Err(p) => p,
    };
    problems.iter().map(ToString::to_string).filter(|p| p.starts_with("channels")).collect()
}

#[test]
fn an_online_channel_needs_an_endpoint_and_the_receivers_name() {
    let base = json!({ "kind": "online", "name": { "zh": "在线提交", "en": "Online" }, "instructions": { "zh": "提交", "en": "Send" } });
    let mut no_receiver = base.clone();
    no_receiver["endpoint"] = json!("https://ybj.linfen.gov.cn/api/v1/applications");
    let p = linfen_with(no_receiver.clone());
    assert!(p.iter().any(|p| p.starts_with("channels[2].receiver: an online channel needs the receiver's official name")), "{p:?}");
    let mut named = no_receiver;
    named["receiver"] = json!({ "zh": "临汾市医疗保障局", "en": "Linfen Healthcare Security Administration" });
    assert_eq!(linfen_with(named), Vec::<String>::new());
    let p = linfen_with(base);
    assert!(p.iter().any(|p| p.starts_with("channels[2].endpoint: an online channel needs an endpoint")), "{p:?}");
}
