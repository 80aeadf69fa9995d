#![cfg(target_arch = "wasm32")]
//! `fresh()` (app/src/fresh.rs) in a real document: a region rebuilt on
//! every change stays where it was among its siblings, also when it
//! rendered nothing before, and its old nodes are gone.

use leptos::mount::mount_to;
use leptos::prelude::*;
use mantetong_app::fresh::IntoFresh;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The host's text in document order, each element's text between `|`
/// (comments have none).
fn shown(host: &HtmlElement) -> String {
    host.inner_html().replace("<!---->", "").replace(['<', '>'], "|")
}

#[wasm_bindgen_test]
async fn a_fresh_region_is_rebuilt_in_place() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let n = RwSignal::new(0u8);
    let built = RwSignal::new(0u32);
    mount_to(host.clone(), move || {
        view! {
            <p>"before"</p>
            {move || {
                built.update_untracked(|b| *b += 1);
                match n.get() {
                    0 => view! { <i>"a"</i> }.fresh(),
                    1 => ().fresh(),
                    2 => view! { <b>"b"</b><b>"c"</b> }.fresh(),
                    _ => view! { <i>"a"</i> }.fresh(),
                }
            }}
            <p>"after"</p>
        }
    })
    .forget();
    leptos::task::tick().await;
    assert_eq!(shown(&host), "|p|before|/p||i|a|/i||p|after|/p|");

    n.set(1);
    leptos::task::tick().await;
    assert_eq!(shown(&host), "|p|before|/p||p|after|/p|", "nothing rendered: the old nodes are gone");

    n.set(2);
    leptos::task::tick().await;
    assert_eq!(shown(&host), "|p|before|/p||b|b|/b||b|c|/b||p|after|/p|", "after an empty view, the new one lands in place");

    let first_i = host.query_selector("b").unwrap().unwrap();
    n.set(3);
    leptos::task::tick().await;
    assert_eq!(shown(&host), "|p|before|/p||i|a|/i||p|after|/p|");
    assert!(!host.contains(Some(&first_i)), "rebuilt, not patched: the old element left the document");
    assert_eq!(built.get_untracked(), 4, "one build per change");
}
