//! Entry point of the wasm bundle: replaces the static first screen of
//! `index.html` with the live app.

use leptos::mount::{mount_to, mount_to_body};
use mantetong_app::App;
use wasm_bindgen::JsCast;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("mtt-app"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            // The static screen has the same layout, so swapping it does not shift.
            root.set_inner_html("");
            mount_to(root, App).forget();
        }
        None => mount_to_body(App),
    }
}
