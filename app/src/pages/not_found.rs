use leptos::prelude::*;

use crate::{use_title, use_ui};

/// Shown for any path the router does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let ui = use_ui();
    let t = move || ui.t();
    use_title(|t| t.not_found_doc_title);
    view! {
        <h1 class="mtt-h1">{move || t().not_found_title}</h1>
        <p>{move || t().not_found_body}</p>
        <p>
            <a class="mtt-button" href="/">{move || t().back_home}</a>
        </p>
    }
}
