#![cfg(target_arch = "wasm32")]
//! In-browser tests of the real app: mounted into a real document in
//! headless Chromium by wasm-bindgen-test-runner.

use leptos::mount::mount_to;
use mantetong_app::{prefs, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts a fresh App into its own element and returns that element.
fn mount() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    mount_to(host.clone(), App).forget();
    host
}

fn click(host: &HtmlElement, selector: &str) {
    let el: HtmlElement = host.query_selector(selector).unwrap().expect(selector).unchecked_into();
    el.click();
}

fn text(host: &HtmlElement, selector: &str) -> String {
    host.query_selector(selector).unwrap().expect(selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn switches_change_the_page_and_are_saved() {
    storage().remove_item(prefs::STORAGE_KEY).unwrap();
    let host = mount();
    leptos::task::tick().await;

    let root = host.query_selector(".mtt-root").unwrap().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert!(text(&host, "h1").contains("门诊慢特病"));
    assert!(!root.class_list().contains("mtt-elder"));

    click(&host, ".mtt-switch-elder");
    click(&host, ".mtt-switch-lang");
    leptos::task::tick().await;

    assert!(root.class_list().contains("mtt-elder"), "elder mode class set");
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    assert!(text(&host, "h1").starts_with("Get your"), "h1 is English: {}", text(&host, "h1"));
    assert_eq!(
        host.query_selector(".mtt-switch-elder").unwrap().unwrap().get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let saved = storage().get_item(prefs::STORAGE_KEY).unwrap().unwrap_or_default();
    assert_eq!(prefs::Prefs::parse(&saved), prefs::Prefs { lang: prefs::Lang::En, elder: true });

    // A second app (as after a reload) starts from what was saved.
    let again = mount();
    leptos::task::tick().await;
    let root2 = again.query_selector(".mtt-root").unwrap().unwrap();
    assert!(root2.class_list().contains("mtt-elder"));
    assert_eq!(root2.get_attribute("lang").as_deref(), Some("en"));
    storage().remove_item(prefs::STORAGE_KEY).unwrap();
}
